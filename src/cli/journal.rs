//! `afterglow journal`: writing down what came up.

use std::io::{self, IsTerminal};

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use super::text::{delete_asked, join_words, json_list, json_time, table};
use super::{Ctx, editor};
use crate::bounded::{self, BoundedError};
use crate::care;
use crate::domain::journal::{as_tag, tags};
use crate::domain::value::{Past, Text};
use crate::domain::{JournalEntry, JournalId, MAX_ENTRY_BYTES, Mood, plasticity, search};
use crate::usecase::journal;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Write an entry, on the command line, in your editor or from stdin
    #[command(long_about = ADD_ABOUT)]
    Add {
        /// The entry; leave it out to write in $VISUAL or $EDITOR with prompts
        /// (or, when stdin is not a terminal, to read the entry from stdin)
        #[arg(value_name = "TEXT")]
        text: Vec<String>,
        /// Open $VISUAL or $EDITOR even when stdin is not a terminal, e.g.
        /// for `code --wait` started from a launcher
        #[arg(long, conflicts_with = "text")]
        edit: bool,
        /// How you feel, from 1 (very low) to 10 (very good)
        #[arg(long, value_name = "N", value_parser = parse_mood)]
        mood: Option<Mood>,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it is dated, if not now: an entry written late lands in its session's window (not in the future). WHEN: ", crate::domain::when::when_forms!()))]
        at: Option<String>,
    },
    /// Rewrite an entry, on the command line, in your editor or from stdin
    Edit {
        /// The entry's id, as `journal list` shows it
        id: i64,
        /// The new text; leave it out to edit the entry in $VISUAL or
        /// $EDITOR (or, when stdin is not a terminal, to read it from stdin)
        #[arg(value_name = "TEXT")]
        text: Vec<String>,
        /// Open $VISUAL or $EDITOR even when stdin is not a terminal
        #[arg(long, conflicts_with = "text")]
        edit: bool,
        /// How you feel, from 1 (very low) to 10 (very good)
        #[arg(long, value_name = "N", value_parser = parse_mood)]
        mood: Option<Mood>,
    },
    /// Delete an entry
    Delete {
        /// The entry's id, as `journal list` shows it
        id: i64,
        /// Delete without asking (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// List recent entries, newest first, with their ids
    List {
        /// How many entries to show
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = parse_limit)]
        limit: usize,
        /// Only the entries tagged TAG (`#TAG` in their text, in any case)
        #[arg(long, value_name = "TAG", value_parser = parse_tag)]
        tag: Option<String>,
        /// Print the entries, whole, as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
    /// Find entries that hold every word of QUERY, newest first
    #[command(long_about = SEARCH_ABOUT)]
    Search {
        /// The words to look for; "quoted words" are looked for as one
        #[arg(value_name = "QUERY", required = true, value_parser = parse_word)]
        query: Vec<String>,
        /// How many entries to show
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = parse_limit)]
        limit: usize,
        /// Print the entries, whole, as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

const SEARCH_ABOUT: &str = "\
Find entries that hold every word of QUERY, newest first.

A word is found inside longer words (\"walk\" finds \"walked\"), in any case \
and, for Latin letters, with or without accents (\"cafe\" finds \"Café\"), \
in any script. Words in quotes are looked for together, as written: \
'\"by the sea\"'. Nothing is stemmed: \"ran\" does not find \"run\". The \
list shows the line each entry was found by. docs/search.md says more.";

const ADD_ABOUT: &str = "\
Write an entry, on the command line, in your editor or from stdin.

With TEXT, TEXT is the entry. Without it, $VISUAL or $EDITOR opens on a \
private file with some questions; lines starting with \"# afterglow:\" are \
left out. If the entry cannot be saved, the file is kept and its path \
printed, so nothing you wrote is lost. When stdin is not a terminal \
(`echo words | afterglow journal add`), the entry is read from stdin \
instead.

An entry holds at most 256 KiB of text (about 40,000 words); a longer one \
is refused whole, never cut, and nothing is saved.

An empty entry saves nothing and is not an error.";

const NOTHING: &str = "Nothing written, nothing saved.\n";

/// A mood from the command line, 1-10: `journal add --mood` and `checkin
/// --mood` read it alike.
pub(super) fn parse_mood(s: &str) -> Result<Mood, String> {
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| "mood must be a whole number from 1 to 10".to_string())?;
    Mood::new(n).map_err(|e| e.to_string())
}

/// A word of a search: an empty one is a slip, found before the database
/// is opened.
fn parse_word(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("give a word to look for, such as `afterglow journal search sea`".into());
    }
    Ok(s.to_string())
}

/// A tag as `journal list --tag` takes it: with or without its `#`.
fn parse_tag(s: &str) -> Result<String, String> {
    as_tag(s).ok_or_else(|| {
        format!(
            "\"{s}\" is not a tag: a tag is one word of letters, digits, _ or -, \
             with at least one letter, such as sleep or #sleep"
        )
    })
}

fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("use a whole number of entries, 1 or more".into()),
    }
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List { .. } | Cmd::Search { .. })
    }

    /// Prints a document for another program, to be passed on untouched.
    pub fn prints_json(&self) -> bool {
        matches!(
            self,
            Cmd::List { json: true, .. } | Cmd::Search { json: true, .. }
        )
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Add {
            text,
            edit,
            mood,
            at,
        } => {
            let at = Past::new(ctx.when(at.as_deref())?, ctx.now)
                .map_err(|e| anyhow!("{e}; an entry can be dated now or earlier"))?;
            add(ctx, &text, edit, mood, at)
        }
        Cmd::Edit {
            id,
            text,
            edit: in_editor,
            mood,
        } => edit(ctx, JournalId(id), &text, in_editor, mood),
        Cmd::Delete { id, yes } => delete(ctx, JournalId(id), yes),
        Cmd::List { limit, tag, json } => {
            let entries = match &tag {
                Some(tag) => ctx.db.entries_tagged(tag, limit)?,
                None => ctx.db.entries(limit)?,
            };
            if json {
                return list_json(&entries);
            }
            if entries.is_empty() {
                return Ok(match tag {
                    Some(tag) => format!("No journal entry is tagged #{tag}.\n"),
                    None => "No journal entries yet. `afterglow journal add` starts one.\n".into(),
                });
            }
            list(ctx, &entries, |e| e.title().to_string())
        }
        Cmd::Search { query, limit, json } => search(ctx, &join_words(&query), limit, json),
    }
}

/// Where the entry comes from: the words given, stdin when it is not a
/// terminal (an editor there would wait for keys that never come), else the
/// editor. Empty words save nothing, calmly, wherever they came from.
fn add(
    ctx: &mut Ctx,
    words: &[String],
    edit: bool,
    mood: Option<Mood>,
    at: Past,
) -> Result<String> {
    let body = if !words.is_empty() {
        join_words(words)
    } else if !edit && !io::stdin().is_terminal() {
        read_stdin()?
    } else {
        let Some(draft) = editor::compose()? else {
            return Ok(NOTHING.into());
        };
        // The draft is removed only once the entry is committed; on any
        // failure it stays, and the message says where.
        return match save(ctx, draft.body().to_string(), mood, at) {
            Ok(out) => {
                if let Err(e) = draft.discard() {
                    let why = format!("{e:#}");
                    eprintln!(
                        "afterglow: the entry is saved, but {}",
                        crate::terminal_text::clean(&why)
                    );
                }
                Ok(out)
            }
            Err(e) => Err(draft.kept(e)),
        };
    };
    save(ctx, body, mood, at)
}

/// The entry from stdin, read no further than one entry may be: a stream
/// without end (`< /dev/zero`) is refused once it passes that.
fn read_stdin() -> Result<String> {
    let bytes =
        bounded::read_capped(io::stdin().lock(), MAX_ENTRY_BYTES as u64).map_err(|e| match e {
            BoundedError::TooLarge { cap } => anyhow!(
                "stdin holds more than {}, the most one journal entry may hold; \
                 nothing was saved",
                bounded::size(cap)
            ),
            e => anyhow!(e).context("could not read the entry from stdin; nothing was saved"),
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("stdin is not UTF-8 text; nothing was saved"))?;
    Ok(text.trim().to_string())
}

/// Commits a non-empty entry dated `at`, or says that nothing was
/// written. A low mood is answered on stderr with a few kind words and the
/// crisis lines; the entry is saved all the same and the exit code is 0.
fn save(ctx: &mut Ctx, body: String, mood: Option<Mood>, at: Past) -> Result<String> {
    if body.is_empty() {
        return Ok(NOTHING.into());
    }
    let body = Text::new("the entry", &body)?;
    // Writing can take a while in an editor; "now" stays the moment the
    // command started, which is when the person sat down to write.
    let entry = journal::write(&mut ctx.db, body, mood, at, &ctx.settings.window)?;
    let sessions = ctx.db.sessions()?;
    answer_low_mood(mood, ctx.settings.low_mood);
    let linked = entry
        .session
        .and_then(|id| sessions.iter().find(|s| s.id == id));
    Ok(match linked {
        Some(s) => format!(
            "Saved your journal entry, linked to your session of {}.\n",
            ctx.show(s.at)
        ),
        None => "Saved your journal entry.\n".into(),
    })
}

/// A mood at or below `threshold` (a journal entry's, a check-in's) is
/// answered on stderr with [`gentle_words`]; what was saved stays saved and
/// the exit code is 0.
pub(crate) fn answer_low_mood(mood: Option<Mood>, threshold: u8) {
    if mood.is_some_and(|m| care::is_low(m.get(), threshold)) {
        eprint!("{}", gentle_words());
    }
}

/// The low-mood answer as the command line prints it, wrapped to 72
/// columns, one paragraph each.
pub(crate) fn gentle_words() -> String {
    let mut out = String::new();
    for paragraph in [care::LOW_MOOD, care::IN_DANGER, care::TO_TALK] {
        for line in crate::app::editor::wrap_words(paragraph, 72) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn gone(id: JournalId) -> anyhow::Error {
    anyhow!(
        "there is no journal entry with id {}; `afterglow journal list` shows the ids",
        id.0
    )
}

/// Rewrites an entry. What was read at the start is what the write
/// compares against: when the entry changed meanwhile (the dashboard, a
/// second edit), nothing is written over, and the new words are kept as
/// a draft for a new entry (see `usecase::journal::edit`).
fn edit(
    ctx: &mut Ctx,
    id: JournalId,
    words: &[String],
    in_editor: bool,
    mood: Option<Mood>,
) -> Result<String> {
    let seen = ctx.db.entry(id)?.ok_or_else(|| gone(id))?;
    let mood_given = mood.is_some();
    let mood = mood.or(seen.mood);
    let mut draft = None;
    let body = if !words.is_empty() {
        join_words(words)
    } else if !in_editor && !io::stdin().is_terminal() {
        let read = read_stdin()?;
        // `journal edit ID --mood N` from a script, with nothing on stdin,
        // changes the mood and keeps the words.
        if read.trim().is_empty() && mood_given {
            seen.body.clone()
        } else {
            read
        }
    } else {
        let Some(d) = editor::compose_from(&seen.body)? else {
            return Ok("Nothing written; the entry stays as it was.\n".into());
        };
        let body = d.body().to_string();
        draft = Some(d);
        body
    };
    if body.is_empty() {
        return Ok("Nothing written; the entry stays as it was.\n".into());
    }
    let out = Text::new("the entry", &body)
        .map_err(anyhow::Error::from)
        .and_then(|body| Ok(journal::edit(&mut ctx.db, &seen, body, mood, ctx.now)?));
    let out = match (out, draft) {
        (Err(e), Some(d)) => return Err(d.kept(e)),
        (Err(e), None) => return Err(e),
        (Ok(out), d) => {
            // The words are in the database now, one way or the other.
            if let Some(d) = d
                && let Err(e) = d.discard()
            {
                eprintln!(
                    "afterglow: {}",
                    crate::terminal_text::clean(&format!("{e:#}"))
                );
            }
            out
        }
    };
    match out {
        journal::Edited::Saved(e) => {
            // A low mood given now is answered as when the entry was
            // written (see `save`).
            if e.mood != seen.mood {
                answer_low_mood(e.mood, ctx.settings.low_mood);
            }
            Ok(format!("Updated journal entry {}.\n", e.id.0))
        }
        journal::Edited::ChangedMeanwhile { .. } => bail!(
            "journal entry {} was changed elsewhere while you edited it; it stays as that \
             change left it, and your words are kept as a draft for a new entry, which the \
             dashboard's journal editor opens",
            id.0
        ),
        journal::Edited::OpenElsewhere { .. } => bail!(
            "journal entry {} is open in the dashboard's journal editor with changes not yet \
             saved, so it was left as it is; your words are kept as a draft for a new entry, \
             which the dashboard's journal editor opens",
            id.0
        ),
    }
}

fn delete(ctx: &mut Ctx, id: JournalId, yes: bool) -> Result<String> {
    let e = ctx.db.entry(id)?.ok_or_else(|| gone(id))?;
    let what = format!(
        "the journal entry of {} (id {}), \"{}\"",
        ctx.show(e.written_at),
        id.0,
        e.title()
    );
    delete_asked(&what, yes, "", || {
        journal::delete(&mut ctx.db, id)?;
        Ok(())
    })
}

fn list_json(entries: &[JournalEntry]) -> Result<String> {
    let items = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id.0,
                "written_at": json_time(e.written_at),
                "updated_at": json_time(e.updated_at),
                "mood": e.mood.map(|m| m.get()),
                "session": e.session.map(|s| s.0),
                "tags": tags(&e.body),
                "body": e.body,
            })
        })
        .collect();
    json_list(items)
}

/// How much of the line an entry was found by the list shows.
const SNIPPET_WIDTH: usize = 60;

fn search(ctx: &Ctx, query: &str, limit: usize, json: bool) -> Result<String> {
    if search::terms(query).is_empty() {
        bail!(
            "{}; give a word, such as `afterglow journal search sea`",
            search::nothing_to_look_for(query)
        );
    }
    let entries = ctx.db.search_journal(query, limit)?;
    if json {
        return list_json(&entries);
    }
    if entries.is_empty() {
        // Quoted already when it holds a quoted phrase.
        let shown = if query.contains('"') {
            query.to_string()
        } else {
            format!("\"{query}\"")
        };
        return Ok(format!("No journal entry holds {shown}.\n"));
    }
    let mut out = list(ctx, &entries, |e| {
        search::snippet(&e.body, query, SNIPPET_WIDTH).unwrap_or_else(|| e.title().to_string())
    })?;
    if entries.len() == limit {
        out.push_str(&format!(
            "These are the newest {limit}; `--limit N` shows more.\n"
        ));
    }
    Ok(out)
}

/// The plain list: one row per entry, `text` its last column.
fn list(
    ctx: &Ctx,
    entries: &[JournalEntry],
    text: impl Fn(&JournalEntry) -> String,
) -> Result<String> {
    let sessions = ctx.db.sessions()?;
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|e| {
            let phase = e
                .session
                .and_then(|id| sessions.iter().find(|s| s.id == id))
                .and_then(|s| {
                    let cd = plasticity::countdown_for(s, e.written_at, &ctx.settings.window);
                    cd.ok().flatten().map(|c| c.phase.to_string())
                })
                .unwrap_or_default();
            [
                e.id.0.to_string(),
                ctx.show(e.written_at),
                e.mood.map(|m| m.get().to_string()).unwrap_or_default(),
                phase,
                text(e),
            ]
        })
        .collect();
    Ok(table(&["Id", "Written", "Mood", "Phase", "Entry"], &rows))
}
