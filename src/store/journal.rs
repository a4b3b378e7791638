//! Journal entries.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{Table, instant, int, mood, mood_value, query_all, query_opt, secs};
use super::sessions::SESSIONS;
use super::{Db, Result};
use crate::domain::draft::{Draft, DraftKey};
use crate::domain::{JournalEntry, JournalId, Mood, SessionId};

#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub written_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    pub session: Option<SessionId>,
}

/// What [`Db::update_entry_unless_changed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryRewrite {
    Saved,
    /// The entry had changed since it was read; the new words are the
    /// draft with this key, and the entry is as the other change left it.
    ChangedMeanwhile(DraftKey),
    /// A dashboard's journal editor holds unsaved changes to the entry;
    /// it was left alone, and the new words are the draft with this key.
    OpenElsewhere(DraftKey),
}

pub(super) const JOURNAL: Table = Table {
    name: "journal",
    what: "journal entry",
};

pub(super) const COLUMNS: &str = "id, written_at, updated_at, body, mood, session_id";

pub(super) fn convert(r: &Row<'_>) -> Result<JournalEntry> {
    Ok(JournalEntry {
        id: JournalId(r.get(0)?),
        written_at: instant(r.get(1)?)?,
        updated_at: instant(r.get(2)?)?,
        body: r.get(3)?,
        mood: mood(r.get(4)?)?,
        session: r.get::<_, Option<i64>>(5)?.map(SessionId),
    })
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<Option<JournalEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM journal WHERE id = ?1");
    query_opt(conn, &sql, [id], convert)
}

/// Inserts an entry; the caller owns the transaction.
pub(super) fn insert(conn: &Connection, new: &NewEntry) -> Result<JournalEntry> {
    if let Some(s) = new.session {
        SESSIONS.require(conn, s.0)?;
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
    load(conn, id)?.ok_or_else(|| JOURNAL.not_found(id))
}

/// Rewrites an entry's text and mood; the caller owns the transaction.
pub(super) fn rewrite(
    conn: &Connection,
    id: JournalId,
    body: &str,
    m: Option<Mood>,
    now: DateTime<Utc>,
) -> Result<()> {
    JOURNAL.change(
        conn,
        id.0,
        "UPDATE journal SET body = ?2, mood = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.0, body, mood_value(m), secs(now)],
    )
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

    pub fn entry(&self, id: JournalId) -> Result<Option<JournalEntry>> {
        load(&self.conn, id.0)
    }

    /// Rewrites entry `seen.id` only if it still holds exactly what
    /// `seen` holds (text, mood and time of the last change) and no
    /// dashboard editor holds a draft of it: an editor never writes over
    /// words it has not seen, nor under words that will be saved over it.
    /// Otherwise its words are kept as a draft for a new entry, in the
    /// same transaction, and both texts survive.
    pub fn update_entry_unless_changed(
        &mut self,
        seen: &JournalEntry,
        body: &str,
        mood: Option<Mood>,
        now: DateTime<Utc>,
    ) -> Result<EntryRewrite> {
        let tx = self.write()?;
        let current = load(&tx, seen.id.0)?.ok_or_else(|| JOURNAL.not_found(seen.id.0))?;
        let unchanged = current.body == seen.body
            && current.mood == seen.mood
            && current.updated_at == seen.updated_at;
        // A dashboard editor holding this entry would write its version
        // over ours when it saves, without having seen ours.
        let open_elsewhere: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM drafts WHERE editing = ?1)",
            [seen.id.0],
            |r| r.get(0),
        )?;
        let outcome = if unchanged && !open_elsewhere {
            rewrite(&tx, seen.id, body, mood, now)?;
            EntryRewrite::Saved
        } else {
            let draft = Draft {
                editing: None,
                body: body.to_string(),
                mood,
                cursor: body.len(),
                saved_at: now,
            };
            let key = super::drafts::keep(&tx, None, &draft)?.key;
            if unchanged {
                EntryRewrite::OpenElsewhere(key)
            } else {
                EntryRewrite::ChangedMeanwhile(key)
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    pub fn delete_entry(&mut self, id: JournalId) -> Result<()> {
        JOURNAL.delete(&self.conn, id.0)
    }

    /// Newest `written_at` first, at most `limit`.
    pub fn entries(&self, limit: usize) -> Result<Vec<JournalEntry>> {
        let sql =
            format!("SELECT {COLUMNS} FROM journal ORDER BY written_at DESC, id DESC LIMIT ?1");
        query_all(&self.conn, &sql, [int(limit)], convert)
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
            |r| instant(r.get(0)?),
        )
    }
}
