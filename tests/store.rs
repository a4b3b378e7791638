//! Integration tests of the store: real SQLite files in temporary folders,
//! plus in-memory databases. The tests are split by topic into
//! `tests/store/*.rs`; the helpers they share live here.

// A test crate's root resolves `mod` like a mod.rs, hence the paths.
#[path = "support/cases.rs"]
mod cases;
#[path = "store/checkins.rs"]
mod checkins;
#[path = "support/disk.rs"]
mod disk;
#[path = "store/habits.rs"]
mod habits;
#[path = "store/hostile.rs"]
mod hostile;
#[path = "store/import.rs"]
mod import;
#[path = "store/open.rs"]
mod open;
#[path = "store/records.rs"]
mod records;
#[path = "store/search.rs"]
mod search;
#[path = "store/undo.rs"]
mod undo;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use afterglow::domain::{Mood, SessionKind, SessionStatus};
use afterglow::store::{Db, NewSession};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

/// A wide-character, emoji-bearing text: every text column must keep it.
pub const WIDE: &str = "今日は 🌱";

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

pub fn mood(n: i64) -> Option<Mood> {
    Some(Mood::new(n).unwrap())
}

/// A fresh temporary folder and the database path inside it.
pub fn temp() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterglow.db");
    (dir, path)
}

pub fn new_session(at: DateTime<Utc>, status: SessionStatus) -> NewSession {
    NewSession {
        at,
        kind: SessionKind::Infusion,
        dose_mg: Some(35.0),
        note: None,
        status,
    }
}

/// Every file in `dir` with its bytes: comparing two snapshots shows any
/// byte changed, file added or file removed.
pub fn snapshot(dir: &Path) -> BTreeMap<OsString, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| (e.file_name(), fs::read(e.path()).unwrap()))
        .collect()
}

/// A second, plain connection to poke at the file behind the store's back.
pub fn raw(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

/// An afterglow file holding a little of everything, closed again.
pub fn filled(path: &Path) {
    let mut db = Db::open(path).unwrap();
    db.ensure_defaults(day(1)).unwrap();
    let s = db
        .add_session(&new_session(at(2, 9), SessionStatus::Done))
        .unwrap();
    for i in 0..300 {
        db.add_entry(&afterglow::store::NewEntry {
            written_at: at(2, 10),
            body: format!("{WIDE} entry {i}: {}", "words ".repeat(30)),
            mood: mood(5),
            session: Some(s.id),
        })
        .unwrap();
    }
}
