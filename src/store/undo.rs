//! Putting back what a delete took away (the dashboard's undo).
//!
//! Each delete reads, in its own transaction, the row it removes and every
//! row the removal changes with it, and answers them as a
//! [`Removed`](crate::domain::Removed); [`Db::put_back`] writes them back
//! in one transaction. A row goes back under its old id while that id is
//! free, else under a new one, and everything it brings back refers to
//! the id it got. A link is restored only where the row is still as the
//! delete left it: a change made since (another window, the command line)
//! wins over the undo.

use rusqlite::{Connection, params};

use super::codec::{Table, instant, mood_value, opt_instant, query_all, query_opt, secs};
use super::journal::JOURNAL;
use super::sessions::SESSIONS;
use super::{Db, Result, intentions};
use crate::domain::draft::DraftKey;
use crate::domain::removed::{
    IntentionBefore, Removed, RemovedEntry, RemovedIntention, RemovedSession,
};
use crate::domain::{EarlierReflection, Habit, IntentionId, JournalId, Session, SessionId};

const THERAPY: Table = Table {
    name: "therapy",
    what: "therapy visit",
};

const INTENTIONS: Table = Table {
    name: "intentions",
    what: "intention",
};

const HABITS: Table = Table {
    name: "habits",
    what: "habit",
};

const EARLIER: Table = Table {
    name: "earlier_reflections",
    what: "earlier reflection",
};

fn exists(conn: &Connection, table: &Table, id: i64) -> Result<bool> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", table.name);
    Ok(conn.query_row(&sql, [id], |r| r.get(0))?)
}

/// `id` when no row of `table` has it, else `None` (SQLite then gives the
/// row a new one).
fn free_id(conn: &Connection, table: &Table, id: i64) -> Result<Option<i64>> {
    Ok((!exists(conn, table, id)?).then_some(id))
}

/// `id` when that row of `table` is there, else `None` (a link to a row
/// deleted since becomes no link, as its foreign key would have made it).
fn still_there(conn: &Connection, table: &Table, id: Option<i64>) -> Result<Option<i64>> {
    match id {
        Some(id) if exists(conn, table, id)? => Ok(Some(id)),
        _ => Ok(None),
    }
}

/// The rows a session's delete may change, read before it: the intentions
/// that were its own or waited for a session (the delete makes its own
/// wait, and `settle` may mark one of the waiting replaced), and the
/// journal entries linked to it.
pub(super) struct AroundSession {
    intentions: Vec<(i64, Option<i64>, Option<i64>)>,
    entries: Vec<i64>,
}

impl AroundSession {
    /// Read before the delete, in its transaction.
    pub(super) fn read(conn: &Connection, session: i64) -> Result<AroundSession> {
        let intentions = query_all(
            conn,
            "SELECT id, session_id, replaced_at FROM intentions
             WHERE session_id = ?1 OR session_id IS NULL ORDER BY id",
            [session],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let entries = query_all(
            conn,
            "SELECT id FROM journal WHERE session_id = ?1 ORDER BY id",
            [session],
            |r| Ok(r.get(0)?),
        )?;
        Ok(AroundSession {
            intentions,
            entries,
        })
    }

    /// After the delete, in its transaction: what it changed.
    pub(super) fn removed(self, conn: &Connection, session: Session) -> Result<RemovedSession> {
        let mut changed = Vec::new();
        for (id, was_for, was_replaced) in self.intentions {
            let now: Option<(Option<i64>, Option<i64>)> = query_opt(
                conn,
                "SELECT session_id, replaced_at FROM intentions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let Some((is_for, is_replaced)) = now else {
                continue;
            };
            if (is_for, is_replaced) != (was_for, was_replaced) {
                changed.push(IntentionBefore {
                    id: IntentionId(id),
                    session: was_for.map(SessionId),
                    replaced_at: opt_instant(was_replaced)?,
                    replaced_after: opt_instant(is_replaced)?,
                });
            }
        }
        Ok(RemovedSession {
            session,
            intentions: changed,
            entries: self.entries.into_iter().map(JournalId).collect(),
        })
    }
}

/// The drafts editing entry `id`, read before its delete.
pub(super) fn drafts_editing(conn: &Connection, id: i64) -> Result<Vec<DraftKey>> {
    query_all(
        conn,
        "SELECT slot, revision FROM drafts WHERE editing = ?1 ORDER BY slot",
        [id],
        |r| {
            Ok(DraftKey {
                slot: r.get(0)?,
                revision: r.get(1)?,
            })
        },
    )
}

/// The earlier reflections of intention `id` with their row ids, oldest
/// first (the order `Db::intentions` gives them).
pub(super) fn earlier_of(conn: &Connection, id: i64) -> Result<Vec<(i64, EarlierReflection)>> {
    query_all(
        conn,
        "SELECT id, text, reflected_at, replaced_at FROM earlier_reflections
         WHERE intention_id = ?1 ORDER BY replaced_at, id",
        [id],
        |r| {
            Ok((
                r.get(0)?,
                EarlierReflection {
                    text: r.get(1)?,
                    reflected_at: opt_instant(r.get(2)?)?,
                    replaced_at: instant(r.get(3)?)?,
                },
            ))
        },
    )
}

fn session_back(conn: &Connection, r: &RemovedSession) -> Result<()> {
    let s = &r.session;
    conn.execute(
        "INSERT INTO sessions (id, at, kind, dose_mg, note, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            free_id(conn, &SESSIONS, s.id.0)?,
            secs(s.at),
            s.kind.as_str(),
            s.dose_mg,
            s.note,
            s.status.as_str()
        ],
    )?;
    let id = conn.last_insert_rowid();
    for i in &r.intentions {
        // Only an intention still as the delete left it: one attached to
        // another session since, or replaced by a newer one, stays so.
        conn.execute(
            "UPDATE intentions SET session_id = ?2, replaced_at = ?3
             WHERE id = ?1 AND session_id IS NULL AND replaced_at IS ?4",
            params![
                i.id.0,
                i.session.map(|_| id),
                i.replaced_at.map(secs),
                i.replaced_after.map(secs)
            ],
        )?;
    }
    for e in &r.entries {
        conn.execute(
            "UPDATE journal SET session_id = ?2 WHERE id = ?1 AND session_id IS NULL",
            params![e.0, id],
        )?;
    }
    // Unchanged since the delete, both already hold one intention each;
    // changed, the rule that a session holds one still applies.
    intentions::settle(conn, Some(id))?;
    intentions::settle(conn, None)?;
    Ok(())
}

fn entry_back(conn: &Connection, r: &RemovedEntry) -> Result<()> {
    let e = &r.entry;
    conn.execute(
        "INSERT INTO journal (id, written_at, updated_at, body, mood, session_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            free_id(conn, &JOURNAL, e.id.0)?,
            secs(e.written_at),
            secs(e.updated_at),
            e.body,
            mood_value(e.mood),
            still_there(conn, &SESSIONS, e.session.map(|s| s.0))?
        ],
    )?;
    let id = conn.last_insert_rowid();
    for d in &r.drafts {
        // A draft saved again since (its revision moved on) goes on as the
        // editor holding it decided.
        conn.execute(
            "UPDATE drafts SET editing = ?3 WHERE slot = ?1 AND revision = ?2 AND editing IS NULL",
            params![d.slot, d.revision, id],
        )?;
    }
    Ok(())
}

fn intention_back(conn: &Connection, r: &RemovedIntention) -> Result<()> {
    let i = &r.intention;
    let session = still_there(conn, &SESSIONS, i.session.map(|s| s.0))?;
    conn.execute(
        "INSERT INTO intentions (id, session_id, text, set_at, reflection, reflected_at, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            free_id(conn, &INTENTIONS, i.id.0)?,
            session,
            i.text,
            secs(i.set_at),
            i.reflection,
            i.reflected_at.map(secs),
            i.replaced_at.map(secs)
        ],
    )?;
    let id = conn.last_insert_rowid();
    for (old, earlier) in &r.earlier {
        conn.execute(
            "INSERT INTO earlier_reflections (id, intention_id, text, reflected_at, replaced_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                free_id(conn, &EARLIER, *old)?,
                id,
                earlier.text,
                earlier.reflected_at.map(secs),
                secs(earlier.replaced_at)
            ],
        )?;
    }
    // A newer intention set for the same session meanwhile stays the one
    // it holds; unchanged, this finds it holding this one alone.
    intentions::settle(conn, session)?;
    Ok(())
}

fn habit_back(conn: &Connection, h: &Habit) -> Result<()> {
    HABITS.change(
        conn,
        h.id.0,
        "UPDATE habits SET archived = 0 WHERE id = ?1",
        [h.id.0],
    )
}

impl Db {
    /// Puts back what a delete took away (see the module's note), in one
    /// transaction.
    pub fn put_back(&mut self, removed: &Removed) -> Result<()> {
        let tx = self.write()?;
        match removed {
            Removed::Session(r) => session_back(&tx, r)?,
            Removed::Entry(r) => entry_back(&tx, r)?,
            Removed::Intention(r) => intention_back(&tx, r)?,
            Removed::Therapy(v) => {
                tx.execute(
                    "INSERT INTO therapy (id, at, note) VALUES (?1, ?2, ?3)",
                    params![free_id(&tx, &THERAPY, v.id.0)?, secs(v.at), v.note],
                )?;
            }
            Removed::Habit(h) => habit_back(&tx, h)?,
        }
        tx.commit()?;
        Ok(())
    }
}
