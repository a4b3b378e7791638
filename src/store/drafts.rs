//! The one journal draft slot: what is being typed in the dashboard editor.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use super::codec::{instant, int, mood, mood_value, query_opt, secs};
use super::journal::{self, JOURNAL, NewEntry};
use super::{Db, Result};
use crate::domain::{JournalEntry, JournalId, Mood, SessionId};

/// The one journal draft slot: what is being typed in the dashboard editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub editing: Option<JournalId>,
    pub body: String,
    pub mood: Option<Mood>,
    /// Byte offset into `body`.
    pub cursor: usize,
    pub saved_at: DateTime<Utc>,
}

fn convert(r: &Row<'_>) -> Result<Draft> {
    let body: String = r.get(1)?;
    let cursor = usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0);
    Ok(Draft {
        editing: r.get::<_, Option<i64>>(0)?.map(JournalId),
        mood: mood(r.get(2)?)?,
        cursor: char_boundary_at_or_before(&body, cursor),
        saved_at: instant(r.get(4)?)?,
        body,
    })
}

/// The editor slices `body` at the cursor and would panic inside a
/// character, so a cursor that does not fit (a file edited by hand, an
/// older program) is moved back to the nearest place that does.
fn char_boundary_at_or_before(body: &str, cursor: usize) -> usize {
    let mut at = cursor.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Db {
    /// Upserts the single slot. If the entry being edited was deleted in the
    /// meantime (another terminal), the draft is kept as a new entry rather
    /// than refused: autosave must never be the thing that loses words.
    pub fn save_draft(&mut self, d: &Draft) -> Result<()> {
        self.conn.execute(
            "INSERT INTO drafts (slot, editing, body, mood, cursor, saved_at)
             VALUES (1, (SELECT id FROM journal WHERE id = ?1), ?2, ?3, ?4, ?5)
             ON CONFLICT (slot) DO UPDATE SET editing = excluded.editing,
                 body = excluded.body, mood = excluded.mood,
                 cursor = excluded.cursor, saved_at = excluded.saved_at",
            params![
                d.editing.map(|e| e.0),
                d.body,
                mood_value(d.mood),
                int(d.cursor),
                secs(d.saved_at)
            ],
        )?;
        Ok(())
    }

    pub fn draft(&self) -> Result<Option<Draft>> {
        query_opt(
            &self.conn,
            "SELECT editing, body, mood, cursor, saved_at FROM drafts WHERE slot = 1",
            [],
            convert,
        )
    }

    pub fn clear_draft(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM drafts", [])?;
        Ok(())
    }

    /// Saves the entry (add when `d.editing` is None, else update) and clears
    /// the draft in ONE transaction, so a crash can never keep both or lose
    /// both. A new entry is written at `now` for `session`; an edited entry
    /// keeps its time and session and gets `updated_at = now`. If the edited
    /// entry is gone, NotFound and the draft stays.
    pub fn commit_draft(
        &mut self,
        d: &Draft,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        self.commit_draft_at(d, session, now, now)
    }

    /// [`Db::commit_draft`], a new entry dated `written_at` (an entry
    /// written late about an earlier day); an edit keeps its date.
    pub fn commit_draft_at(
        &mut self,
        d: &Draft,
        session: Option<SessionId>,
        written_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        let tx = self.write()?;
        let entry = match d.editing {
            None => journal::insert(
                &tx,
                &NewEntry {
                    written_at,
                    body: d.body.clone(),
                    mood: d.mood,
                    session,
                },
            )?,
            Some(id) => {
                journal::rewrite(&tx, id, &d.body, d.mood, now)?;
                journal::load(&tx, id.0)?.ok_or_else(|| JOURNAL.not_found(id.0))?
            }
        };
        tx.execute("DELETE FROM drafts", [])?;
        tx.commit()?;
        Ok(entry)
    }
}
