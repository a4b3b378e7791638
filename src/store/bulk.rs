//! Writes a whole generated history in one transaction (see `crate::demo`).
//!
//! Made-up data must never mix with a person's own, so it goes only into a
//! database without any history, checked again under the write lock. Rows
//! go through the repositories' own insert helpers and the codec, so the
//! demo file is encoded exactly as one filled in by hand.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::codec::day_text;
use super::journal::{self, NewEntry};
use super::sessions::{self, NewSession};
use super::{
    BUSY_TIMEOUT, Db, Result, StoreError, check, habits, intentions, open_read_write, therapy,
};
use crate::demo::Demo;
use crate::domain::{Habit, HabitId, SessionId};

/// How many rows of each kind [`Db::insert_demo`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoCounts {
    pub sessions: usize,
    pub intentions: usize,
    pub entries: usize,
    pub therapy: usize,
    /// Habits added; the defaults of a first run are reused when present.
    pub habits: usize,
    pub ticks: usize,
}

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
    /// sessions, intentions, journal entries, draft, ticks, therapy visits
    /// or habits of the person's own.
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

    /// Writes `demo` in one transaction: all of it or, on any error, none.
    /// `NotEmpty` when the database already holds a history (another process
    /// may have written since it was opened). Habits named like an existing
    /// one (the defaults of a first run) get that habit's ticks.
    pub fn insert_demo(&mut self, demo: &Demo) -> Result<DemoCounts> {
        let path = self.path.clone();
        let tx = self.write()?;
        if holds_history(&tx)? {
            return Err(not_empty(path.as_deref()));
        }
        let mut counts = DemoCounts::default();

        let mut session_ids = Vec::with_capacity(demo.sessions.len());
        for s in &demo.sessions {
            let new = NewSession {
                at: s.at,
                kind: s.kind,
                dose_mg: s.dose_mg,
                note: s.note.clone(),
                status: s.status,
            };
            session_ids.push(sessions::insert(&tx, &new)?);
        }
        counts.sessions = session_ids.len();
        let session = |i: Option<usize>| -> Result<Option<i64>> {
            i.map(|i| {
                session_ids.get(i).copied().ok_or(StoreError::NotFound {
                    what: "session",
                    id: i64::try_from(i).unwrap_or(i64::MAX),
                })
            })
            .transpose()
        };

        for i in &demo.intentions {
            let reflection = i.reflection.as_ref().map(|(t, at)| (t.as_str(), *at));
            intentions::insert(
                &tx,
                session(i.session)?,
                &i.text,
                i.set_at,
                reflection,
                None,
            )?;
            counts.intentions += 1;
        }
        for e in &demo.journal {
            let new = NewEntry {
                written_at: e.written_at,
                body: e.body.clone(),
                mood: e.mood,
                session: session(e.session)?.map(SessionId),
            };
            journal::insert(&tx, &new)?;
            counts.entries += 1;
        }
        for v in &demo.therapy {
            therapy::insert(&tx, v.at, v.note.as_deref())?;
            counts.therapy += 1;
        }

        let mut habits = Vec::with_capacity(demo.habits.len());
        for h in &demo.habits {
            let id = match habits::find_by_name(&tx, &h.name, None)? {
                Some(found) => found.id.0,
                None => {
                    counts.habits += 1;
                    habits::insert(&tx, &h.name, &h.kind, h.role, h.archived, h.since)?
                        .id
                        .0
                }
            };
            habits.push(Habit {
                id: HabitId(id),
                name: h.name.clone(),
                kind: h.kind.clone(),
                role: h.role,
                archived: h.archived,
                since: h.since,
            });
        }
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO ticks (habit_id, day, amount) VALUES (?1, ?2, ?3)")?;
            for t in &demo.ticks {
                let habit = habits.get(t.habit).ok_or(StoreError::NotFound {
                    what: "habit",
                    id: i64::try_from(t.habit).unwrap_or(i64::MAX),
                })?;
                // The same bounds as a tick typed by hand.
                let amount = t.amount.map(|a| habit.check_amount(a)).transpose()?;
                insert.execute(params![habit.id.0, day_text(t.day)?, amount])?;
                counts.ticks += 1;
            }
        }
        tx.commit()?;
        Ok(counts)
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

fn not_empty(path: Option<&Path>) -> StoreError {
    StoreError::NotEmpty {
        path: path.map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::domain::HabitKind;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn sample(years: u32) -> Demo {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 18, 30, 0).unwrap();
        demo::generate(years, demo::DEFAULT_SEED, now, &Utc).unwrap()
    }

    #[test]
    fn a_demo_is_written_whole_and_only_once() {
        let mut db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        db.ensure_defaults(today).unwrap();
        assert!(db.is_empty_history().unwrap());
        let d = sample(2);
        let counts = db.insert_demo(&d).unwrap();
        assert_eq!(counts.sessions, d.sessions.len());
        assert_eq!(counts.entries, d.journal.len());
        assert_eq!(counts.ticks, d.ticks.len());
        assert_eq!(counts.habits, d.habits.len() - 3, "the defaults are reused");
        assert!(!db.is_empty_history().unwrap());

        let export = db.export(Utc::now()).unwrap();
        assert_eq!(export.sessions.len(), d.sessions.len());
        assert_eq!(export.intentions.len(), d.intentions.len());
        assert_eq!(export.journal.len(), d.journal.len());
        assert_eq!(export.therapy.len(), d.therapy.len());
        assert_eq!(export.ticks.len(), d.ticks.len());
        assert_eq!(export.habits.len(), d.habits.len());
        let sleep = &export.habits[0];
        assert_eq!((sleep.name.as_str(), sleep.since), ("Sleep", today));
        // Links survive the trip from indexes to ids.
        let linked = export.journal.iter().filter(|e| e.session.is_some());
        assert_eq!(
            linked.count(),
            d.journal.iter().filter(|e| e.session.is_some()).count()
        );
        assert!(export.intentions.iter().all(|i| i.session.is_some()));

        let before = db.export(export.exported_at).unwrap();
        let again = db.insert_demo(&d).unwrap_err();
        assert!(matches!(again, StoreError::NotEmpty { .. }), "{again}");
        assert!(again.to_string().contains("nothing was changed"));
        assert_eq!(db.export(export.exported_at).unwrap(), before);
    }

    #[test]
    fn any_own_record_counts_as_history() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let fresh = || {
            let mut db = Db::open_in_memory().unwrap();
            db.ensure_defaults(today).unwrap();
            db
        };
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

    #[test]
    fn a_failing_row_leaves_nothing_behind() {
        let mut db = Db::open_in_memory().unwrap();
        let mut d = sample(1);
        let last = d.journal.len() - 1;
        d.journal[last].session = Some(d.sessions.len());
        let e = db.insert_demo(&d).unwrap_err();
        assert!(
            matches!(
                e,
                StoreError::NotFound {
                    what: "session",
                    ..
                }
            ),
            "{e}"
        );
        assert!(db.is_empty_history().unwrap());
        assert!(db.habits(true).unwrap().is_empty());
    }
}
