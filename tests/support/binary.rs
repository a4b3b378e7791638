//! The built binary on a private database, for the harnesses that run it as
//! a person would (the command line, and the dashboard in a pty).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use afterglow::store::Db;
use tempfile::TempDir;

use super::pty::{Pty, Screen};

/// Wide enough for the habits pane's "today" column (the amount a tick
/// stored) and for whole words in the journal pane; 80x24 is covered by the
/// render snapshots.
pub const COLS: u16 = 160;
pub const ROWS: u16 = 48;

pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("afterglow.db");
        Env { dir, db }
    }

    /// The binary with a private home, UTC, no colour, and this database.
    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_afterglow"));
        let home = self.dir.path();
        c.env("TZ", "UTC")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1")
            .env("TERM", "xterm-256color");
        for var in ["AFTERGLOW_DB", "AFTERGLOW_CONFIG", "VISUAL", "EDITOR"] {
            c.env_remove(var);
        }
        c.arg("--db").arg(&self.db);
        c
    }

    /// A command with nothing on stdin and its output captured.
    pub fn cli(&self, args: &[&str]) -> Command {
        let mut c = self.command();
        c.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// Runs a command that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cli(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn dashboard(&self) -> Pty {
        Pty::spawn(self.command(), COLS, ROWS).unwrap()
    }

    /// Opens the file as afterglow would and checks SQLite's own verdict.
    pub fn open_checked(&self) -> Db {
        let db = Db::open(&self.db).unwrap_or_else(|e| panic!("the database did not open: {e}"));
        let verdict = db.pragma("integrity_check").unwrap();
        assert_eq!(verdict, "ok", "PRAGMA integrity_check");
        db
    }
}

/// The dashboard has loaded its data (the habits pane is empty until then).
pub fn loaded(screen: &str) -> bool {
    screen.contains("3 Habits") && screen.contains("Exercise")
}

pub fn editor_open(screen: &str) -> bool {
    screen.contains("2 Journal · new entry") || screen.contains("2 Journal · editing")
}

/// The habits pane's Exercise row shows `amount` minutes for today.
pub fn shows_exercise(screen: &str, amount: u64) -> bool {
    let want = format!(" {amount}min ");
    screen
        .lines()
        .any(|l| l.contains(" Exercise ") && format!("{l} ").contains(&want))
}

/// `word` is on screen as (part of) a saved entry: in the journal pane or
/// the timeline, not only in the preview of the shared draft.
pub fn shows_entry(screen: &str, word: &str) -> bool {
    screen
        .match_indices(word)
        .any(|(at, _)| !screen[..at].ends_with("draft "))
}

/// Words that only an error puts on the dashboard: the store's messages
/// (a lock held past the busy timeout reads "the database is busy"), a
/// refused dialog, and the failed first load.
const ERROR_WORDS: [&str; 7] = [
    "database is busy",
    "database error",
    "Not saved",
    "could not",
    "there is no",
    "looks damaged",
    "locked",
];

/// An error the dashboard shows, if any. With NO_COLOR the status line is
/// bold only for errors (`Theme::error`), which also catches a message
/// worded in a way this list does not know.
pub fn error_shown(screen: &Screen) -> Option<String> {
    let text = screen.text();
    if let Some(word) = ERROR_WORDS.iter().find(|w| text.contains(*w)) {
        return Some(format!("{word:?} on screen:\n{text}"));
    }
    let (last, bold) = screen.last_row();
    bold.then(|| format!("an error in the status line: {last:?}\n{text}"))
}

/// A seed from the clock unless `var` gives one, printed so that a failure
/// can be replayed.
pub fn seed(var: &str) -> u64 {
    let seed = std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("seed: {seed} (replay with {var}={seed})");
    seed
}

pub fn env_number(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// splitmix64: small, seedable and good enough to pick moments and keys.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn millis(&mut self, max: u64) -> Duration {
        Duration::from_millis(self.below(max + 1))
    }
}
