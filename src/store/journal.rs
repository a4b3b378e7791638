//! Journal entries.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{exists, instant, int, mood, mood_value, query_all, query_opt, secs};
use super::{Db, Result, StoreError};
use crate::domain::{JournalEntry, JournalId, Mood, SessionId};

#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub written_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    pub session: Option<SessionId>,
}

const COLUMNS: &str = "id, written_at, updated_at, body, mood, session_id";

type Raw = (i64, i64, i64, String, Option<i64>, Option<i64>);

fn read(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn convert((id, written_at, updated_at, body, m, session): Raw) -> Result<JournalEntry> {
    Ok(JournalEntry {
        id: JournalId(id),
        written_at: instant(written_at)?,
        updated_at: instant(updated_at)?,
        body,
        mood: mood(m)?,
        session: session.map(SessionId),
    })
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<Option<JournalEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM journal WHERE id = ?1");
    query_opt(conn, &sql, [id], read, convert)
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: "journal entry",
        id,
    }
}

/// Inserts an entry; the caller owns the transaction.
pub(super) fn insert(conn: &Connection, new: &NewEntry) -> Result<JournalEntry> {
    if let Some(s) = new.session {
        // Checked here so that the answer is "no such session", not a bare
        // foreign key failure.
        if !exists(conn, "sessions", s.0)? {
            return Err(StoreError::NotFound {
                what: "session",
                id: s.0,
            });
        }
    }
    conn.execute(
        "INSERT INTO journal (written_at, updated_at, body, mood, session_id)
         VALUES (?1, ?1, ?2, ?3, ?4)",
        params![
            secs(new.written_at),
            new.body,
            mood_value(new.mood),
            new.session.map(|s| s.0)
        ],
    )?;
    let id = conn.last_insert_rowid();
    load(conn, id)?.ok_or_else(|| not_found(id))
}

/// Rewrites an entry's text and mood; the caller owns the transaction.
pub(super) fn rewrite(
    conn: &Connection,
    id: JournalId,
    body: &str,
    m: Option<Mood>,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = conn.execute(
        "UPDATE journal SET body = ?2, mood = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.0, body, mood_value(m), secs(now)],
    )?;
    if n == 0 {
        return Err(not_found(id.0));
    }
    Ok(())
}

impl Db {
    /// `updated_at` starts equal to `written_at`.
    pub fn add_entry(&mut self, new: &NewEntry) -> Result<JournalEntry> {
        let tx = self.write()?;
        let entry = insert(&tx, new)?;
        tx.commit()?;
        Ok(entry)
    }

    pub fn update_entry(
        &mut self,
        id: JournalId,
        body: &str,
        mood: Option<Mood>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        rewrite(&self.conn, id, body, mood, now)
    }

    pub fn delete_entry(&mut self, id: JournalId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM journal WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(not_found(id.0));
        }
        Ok(())
    }

    /// Newest `written_at` first, at most `limit`.
    pub fn entries(&self, limit: usize) -> Result<Vec<JournalEntry>> {
        let sql =
            format!("SELECT {COLUMNS} FROM journal ORDER BY written_at DESC, id DESC LIMIT ?1");
        query_all(&self.conn, &sql, [int(limit)], read, convert)
    }

    pub fn entry_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM journal", [], |r| r.get(0))?;
        // COUNT(*) is never negative.
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// When each entry at or after `since` was written, oldest first: enough
    /// for "days journaled" without loading every body.
    pub fn entry_times_since(&self, since: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>> {
        // Stored times are whole seconds: round a fractional `since` up so
        // that an entry from just before it is not counted.
        let from = secs(since) + i64::from(since.timestamp_subsec_nanos() > 0);
        query_all(
            &self.conn,
            "SELECT written_at FROM journal WHERE written_at >= ?1 ORDER BY written_at, id",
            [from],
            |r| r.get::<_, i64>(0),
            instant,
        )
    }
}
