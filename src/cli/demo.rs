//! `afterglow demo`: a made-up history to look around in.
//!
//! A newcomer should be able to see a lived-in dashboard without typing a
//! single private thing, and without any chance of the made-up data mixing
//! with their own. So this command never opens the person's own database:
//! either it writes into a file they name, which must not hold a history
//! yet, or it works in a private temporary folder that is removed when the
//! dashboard closes.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{SubsecRound, Utc};

use super::editor::private_dir;
use super::require_terminal;
use super::text::plural;
use crate::config::{Settings, questionnaires};
use crate::demo::{self, DEFAULT_SEED, DEFAULT_YEARS, MAX_YEARS, MIN_YEARS};
use crate::domain::time;
use crate::store::{Db, Kinds};
use crate::zone::Zone;

pub const LONG_ABOUT: &str = "\
Look around with made-up data, without touching yours.

Without --db (or AFTERGLOW_DB), afterglow makes up a history in a private \
temporary folder, opens the dashboard on it, and removes the folder when you \
quit: nothing is kept, and your own database is never opened.

With --db PATH, the history is written into PATH and kept there, to open \
later with `afterglow --db PATH`. PATH must be a new file, or an afterglow \
database without any history of its own; anything else is refused and left \
as it was.

The same --years and --seed always make up the same person; the history \
ends today.";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many years of history to make up, from 1 to 50
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_YEARS,
        value_parser = clap::value_parser!(u32).range(i64::from(MIN_YEARS)..=i64::from(MAX_YEARS)),
    )]
    years: u32,
    /// Another number makes up another person
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// With --db: open the dashboard on the file once it is written
    #[arg(long)]
    open: bool,
}

/// `db` is the path from --db or AFTERGLOW_DB, if either was given; the
/// default database is deliberately not a candidate.
pub fn run(args: Args, settings: Settings, db: Option<PathBuf>) -> Result<String> {
    if db.is_none() || args.open {
        // Before anything is made: a dashboard that cannot start would only
        // leave a file behind for nothing.
        require_terminal(
            "the demo opens the dashboard, which needs a terminal; to write a demo file from a script, use `afterglow demo --db PATH`",
        )?;
    }
    let zone = Zone::Local;
    let now = Utc::now().trunc_subsecs(0);
    // The demo reads no files; it answers the shipped weekly reflection.
    let reflection = questionnaires::parse(questionnaires::SHIPPED, Path::new("reflection.toml"))
        .map_err(anyhow::Error::msg)?;
    let history = demo::generate_answering(args.years, args.seed, now, &zone, &reflection)?;
    let today = time::local_date(now, &zone);
    match db {
        Some(path) => {
            let what = || format!("could not write a demo history into {}", path.display());
            let mut db = Db::open_empty(&path).with_context(what)?;
            let counts = db
                .import(&demo::batch(history), false)
                .with_context(what)?
                .added;
            db.ensure_defaults(today).with_context(what)?;
            if !args.open {
                return Ok(format!(
                    "Wrote {} of made-up history to {}: {}.\nOpen it with: afterglow --db {}\n",
                    plural(i64::from(args.years), "year", "years"),
                    path.display(),
                    summary(&counts),
                    shell_word(&path)
                ));
            }
            crate::tui::run(crate::tui::Start::Open(db), settings, zone)?;
            Ok(format!(
                "The demo history stays in {}; open it again with: afterglow --db {}\n",
                path.display(),
                shell_word(&path)
            ))
        }
        None => {
            // The folder outlives the dashboard (and its connection) and is
            // removed on every way out: here after the dashboard closes or
            // fails, and by the dashboard itself when a signal (the window
            // closed, `kill`) ends it where nothing returns here.
            // (A panic unwinds through `Folder`'s drop, which removes it.)
            let guard = private_dir("afterglow-demo")?;
            let folder = guard.path().to_path_buf();
            crate::tui::remove_at_exit(&folder);
            let shown = || {
                format!(
                    "could not remove the demo folder {}; it holds only made-up data and may be deleted",
                    folder.display()
                )
            };
            let opened = (|| {
                let what = || "could not set up the demo history".to_string();
                let mut db = Db::open(&folder.join("afterglow.db")).with_context(what)?;
                db.import(&demo::batch(history), false).with_context(what)?;
                db.ensure_defaults(today).with_context(what)?;
                crate::tui::run(crate::tui::Start::Open(db), settings, zone)
            })();
            let removed = crate::tui::remove_now(&folder);
            guard.keep();
            opened?;
            removed.with_context(shown)?;
            Ok("The demo is closed and its made-up history removed; nothing was kept.\n".into())
        }
    }
}

fn summary(c: &Kinds) -> String {
    format!(
        "{}, {}, {}, {}, {}, {} and {}",
        plural(count(c.sessions), "session", "sessions"),
        plural(count(c.intentions), "intention", "intentions"),
        plural(count(c.journal), "journal entry", "journal entries"),
        plural(count(c.checkins), "check-in", "check-ins"),
        plural(
            count(c.questionnaire_results),
            "questionnaire result",
            "questionnaire results"
        ),
        plural(count(c.therapy), "therapy visit", "therapy visits"),
        plural(count(c.ticks), "habit tick", "habit ticks"),
    )
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The path as one shell word, so that the printed command can be pasted
/// as it is, spaces and all.
fn shell_word(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+=:,@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_paths_paste_as_one_word() {
        assert_eq!(shell_word(Path::new("/tmp/demo.db")), "/tmp/demo.db");
        assert_eq!(
            shell_word(Path::new("/tmp/my demo's.db")),
            r"'/tmp/my demo'\''s.db'"
        );
    }
}
