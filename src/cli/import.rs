//! `afterglow import --from jrnl|daylio|loop|afterglow FILE [--dry-run]
//! [--mood-map MAP]`: history from other tools, merged in one transaction.
//!
//! The file is read whole (a regular file, capped in size: see
//! `importers::MAX_FILE_BYTES`) and checked before the database is asked
//! for anything, so a malformed file changes nothing; the store then adds only
//! what is not there yet, so the same file brought in twice adds nothing
//! the second time.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::Ctx;
use super::text::plural;
use crate::importers::{MoodMap, Source};
use crate::store::{ImportCounts, Kinds};
use crate::usecase::import::{self, Request};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Tool {
    /// jrnl's JSON export (`jrnl --export json`)
    Jrnl,
    /// Daylio's CSV export
    Daylio,
    /// Loop Habit Tracker's CSV export: the zip or its unpacked folder
    Loop,
    /// afterglow's own JSON (`afterglow export --format json`)
    Afterglow,
}

/// Shown after the options by `import --help`: the command's one-line
/// about comes from its doc comment in cli.rs.
const AFTER_HELP: &str = "\
Only what is not here yet is added, all at once: bringing the same file in \
twice adds nothing the second time, and a file with a problem changes \
nothing (the error names the file, the line and the problem). Use --dry-run \
first to see what would be added.

A record that is here already keeps its own words. Words only the file has \
are added after them (a session's note, an intention's reflection), and an \
unsaved draft unlike the one here is saved as a journal entry, so nothing \
is lost on either side.

jrnl entries and Daylio rows become journal entries, in this computer's \
time zone; the same file brought in again under another time zone adds \
nothing either. A Daylio entry keeps its title, note, mood name and activities in \
its text; its mood becomes 1-10 (rad 10, good 8, meh 5, bad 3, awful 1, or \
your own names with --mood-map), and an activity named like one of your \
habits ticks that habit for the day (a quantity habit gets its whole \
target). Loop habits and their check-ins become habits and ticks; days Loop \
filled in by itself, or skipped, are left out.

Only a regular file (or a Loop folder) of at most 256 MiB is read, and no \
entry may hold more than 256 KiB of text; a longer one refuses the import \
with its line rather than being cut.";

#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// The tool FILE comes from
    #[arg(long, value_enum, value_name = "TOOL")]
    from: Tool,
    /// The export file (for loop: the zip, or the folder it unpacks to)
    #[arg(value_name = "FILE")]
    path: PathBuf,
    /// Show what would be added, and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Daylio mood names and their values from 1 to 10, on top of
    /// rad=10,good=8,meh=5,bad=3,awful=1; e.g. "rad=9,great=8"
    #[arg(long, value_name = "MAP", value_parser = parse_mood_map)]
    mood_map: Option<MoodMap>,
}

fn parse_mood_map(s: &str) -> Result<MoodMap, String> {
    s.parse()
}

impl Args {
    pub fn is_dry_run(&self) -> bool {
        self.dry_run
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<String> {
    let source = match args.from {
        Tool::Jrnl => Source::Jrnl,
        Tool::Daylio => Source::Daylio,
        Tool::Loop => Source::Loop,
        Tool::Afterglow => Source::Afterglow,
    };
    if args.mood_map.is_some() && source != Source::Daylio {
        bail!("--mood-map is for Daylio's mood names; use it with --from daylio");
    }
    let shown = args.path.display().to_string();
    let request = Request {
        source,
        path: &args.path,
        dry_run: args.dry_run,
        moods: args.mood_map,
        zone: ctx.zone,
        window: ctx.settings.window,
        today: ctx.today(),
    };
    // The reader's own message is the whole story ("FILE, line N: …"),
    // and nothing has been written when it fails.
    let done = import::import(&mut ctx.db, request)?;
    let mut out = report(&done.counts, &shown, done.dry_run);
    for note in &done.notes {
        out.push_str(note);
        out.push('\n');
    }
    Ok(out)
}

/// "Added 3 journal entries and 2 habit ticks from FILE.", words added to
/// records already here, and what was already there; a dry run says
/// "Would add".
fn report(counts: &ImportCounts, file: &str, dry_run: bool) -> String {
    let added = describe(&counts.added);
    let there = describe(&counts.already_there);
    let words = describe_words(&counts.completed);
    let draft = counts.completed.draft > 0;
    let changes = added.is_some() || words.is_some() || draft;
    let mut out = String::new();
    match (&added, dry_run) {
        (Some(added), true) => out.push_str(&format!("Would add {added} from {file}.\n")),
        (Some(added), false) => out.push_str(&format!("Added {added} from {file}.\n")),
        (None, _) => {}
    }
    match (&words, dry_run) {
        (Some(words), true) => out.push_str(&format!(
            "Would add to what is here, from {file}: {words}; nothing already written would change.\n"
        )),
        (Some(words), false) => out.push_str(&format!(
            "Added to what was here, from {file}: {words}; nothing already written was changed.\n"
        )),
        (None, _) => {}
    }
    match (draft, dry_run) {
        (true, true) => out.push_str(&format!(
            "{file} holds an unsaved draft unlike the one here; it would be saved as a \
             journal entry, and the draft here kept as it is.\n"
        )),
        (true, false) => out.push_str(&format!(
            "{file} held an unsaved draft unlike the one here; it was saved as a journal \
             entry, and the draft here is as it was.\n"
        )),
        (false, _) => {}
    }
    match (&there, changes, dry_run) {
        (Some(there), true, _) => {
            out.push_str(&format!("Already here, left as they are: {there}.\n"));
        }
        (Some(there), false, true) => out.push_str(&format!(
            "Would add nothing from {file}: all of it is here already ({there}).\n"
        )),
        (Some(there), false, false) => out.push_str(&format!(
            "Nothing new in {file}: all of it is here already ({there}).\n"
        )),
        (None, false, _) => out.push_str(&format!("{file} holds nothing to bring in.\n")),
        (None, true, _) => {}
    }
    if dry_run && changes {
        out.push_str("Nothing was written: this was a dry run.\n");
    }
    out
}

/// "3 journal entries, 1 habit and 12 habit ticks", or `None` for none.
fn describe(k: &Kinds) -> Option<String> {
    list(&[
        (k.sessions, "session", "sessions"),
        (k.intentions, "intention", "intentions"),
        (k.journal, "journal entry", "journal entries"),
        (k.therapy, "therapy visit", "therapy visits"),
        (
            k.treatment,
            "treatment status change",
            "treatment status changes",
        ),
        (k.habits, "habit", "habits"),
        (k.ticks, "habit tick", "habit ticks"),
        (k.checkins, "check-in", "check-ins"),
        (
            k.questionnaire_results,
            "questionnaire result",
            "questionnaire results",
        ),
        (k.draft, "unsaved draft", "unsaved drafts"),
    ])
}

/// The words given to records already here: "1 session note and 2
/// reflections" (the draft has its own sentence).
fn describe_words(k: &Kinds) -> Option<String> {
    list(&[
        (k.sessions, "session note", "session notes"),
        (k.intentions, "reflection", "reflections"),
    ])
}

fn list(counts: &[(usize, &str, &str)]) -> Option<String> {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(i64::try_from(*n).unwrap_or(i64::MAX), one, many))
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_read_as_sentences() {
        let mut c = ImportCounts::default();
        assert_eq!(
            report(&c, "x.csv", false),
            "x.csv holds nothing to bring in.\n"
        );
        c.added.journal = 3;
        c.added.ticks = 1;
        c.added.habits = 2;
        c.already_there.journal = 1;
        assert_eq!(
            report(&c, "x.csv", true),
            "Would add 3 journal entries, 2 habits and 1 habit tick from x.csv.\n\
             Already here, left as they are: 1 journal entry.\n\
             Nothing was written: this was a dry run.\n"
        );
        let again = ImportCounts {
            added: Kinds::default(),
            already_there: c.added,
            completed: Kinds::default(),
        };
        assert_eq!(
            report(&again, "x.csv", false),
            "Nothing new in x.csv: all of it is here already \
             (3 journal entries, 2 habits and 1 habit tick).\n"
        );

        let mut words = ImportCounts::default();
        words.completed.sessions = 1;
        words.completed.intentions = 2;
        words.completed.draft = 1;
        words.already_there.sessions = 3;
        assert_eq!(
            report(&words, "old.json", false),
            "Added to what was here, from old.json: 1 session note and 2 reflections; \
             nothing already written was changed.\n\
             old.json held an unsaved draft unlike the one here; it was saved as a journal \
             entry, and the draft here is as it was.\n\
             Already here, left as they are: 3 sessions.\n"
        );
        assert!(
            report(&words, "old.json", true)
                .ends_with("Nothing was written: this was a dry run.\n")
        );
    }
}
