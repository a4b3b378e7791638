//! Whether a database holds a history of its own.
//!
//! Made-up data (see `crate::demo`) must never mix with a person's own, so
//! it goes only into a database without any history: the file is looked at
//! before it is opened for real, and again under the write lock by an
//! import that asks for it (`Batch::only_into_empty`).

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{BUSY_TIMEOUT, Db, Result, StoreError, check, open_read_write};

/// Where a person's own words and records live, and which of the rows
/// count: the default habits alone are no history, anything else is.
const HISTORY: &[(&str, &str)] = &[
    ("sessions", "1"),
    ("intentions", "1"),
    ("journal", "1"),
    ("ticks", "1"),
    ("therapy", "1"),
    ("drafts", "1"),
    ("treatment", "1"),
    ("checkins", "1"),
    ("questionnaire_results", "1"),
    ("habits", "role = 'custom'"),
];

/// Asks only about tables that exist, so that it also answers for a file
/// whose migrations have not run yet.
pub(super) fn holds_history(conn: &Connection) -> Result<bool> {
    for (table, rows) in HISTORY {
        let exists: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            )?
            .query_row([table], |r| r.get(0))?;
        if !exists {
            continue;
        }
        // Fixed names from the list above, never input.
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE {rows})");
        if conn.query_row(&sql, [], |r| r.get(0))? {
            return Ok(true);
        }
    }
    Ok(false)
}

impl Db {
    /// True when nothing but the defaults of a first run is stored: no
    /// sessions, intentions, journal entries, draft, ticks, therapy visits,
    /// check-ins, questionnaire results or habits of the person's own.
    pub fn is_empty_history(&self) -> Result<bool> {
        Ok(!holds_history(&self.conn)?)
    }

    /// Like [`Db::open`], for a file that is about to receive made-up data:
    /// `NotEmpty` when it already holds a history, found before anything is
    /// migrated or set up, so the file is left as it was, byte for byte.
    /// A missing file is created as by `Db::open`.
    pub fn open_empty(path: &Path) -> Result<Db> {
        if fs::metadata(path).is_ok() {
            check::before_opening(path)?;
            if look(path)? {
                return Err(not_empty(Some(path)));
            }
        }
        Db::open(path)
    }
}

/// Whether the file at `path`, already checked, holds a history. The
/// connection only reads and is closed before the file is opened for real
/// (and perhaps migrated), so a refusal leaves no trace.
fn look(path: &Path) -> Result<bool> {
    // Without write access SQLite would quietly read only, and such a
    // reader leaves `-wal` and `-shm` behind; `Db::open` names the problem.
    if OpenOptions::new().write(true).open(path).is_err() {
        return Ok(false);
    }
    let conn = open_read_write(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    holds_history(&conn)
}

pub(super) fn not_empty(path: Option<&Path>) -> StoreError {
    StoreError::NotEmpty {
        path: path.map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HabitKind;
    use chrono::{NaiveDate, Utc};

    #[test]
    fn any_own_record_counts_as_history() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let fresh = || {
            let mut db = Db::open_in_memory().unwrap();
            db.ensure_defaults(today).unwrap();
            db
        };
        assert!(fresh().is_empty_history().unwrap());
        let mut db = fresh();
        db.add_habit(
            "Yoga",
            &HabitKind::YesNo,
            crate::domain::HabitRole::Custom,
            today,
        )
        .unwrap();
        assert!(!db.is_empty_history().unwrap());
        let mut db = fresh();
        let sleep = db.habit_by_name("sleep").unwrap().unwrap();
        db.set_tick(sleep.id, today, Some(7.0)).unwrap();
        assert!(!db.is_empty_history().unwrap());
        let mut db = fresh();
        db.add_therapy(Utc::now(), None).unwrap();
        assert!(!db.is_empty_history().unwrap());
    }
}
