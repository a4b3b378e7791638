//! Intentions set before a session and the reflections written after it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{exists, instant, opt_instant, query_all, query_opt, secs};
use super::{Db, Result, StoreError};
use crate::domain::{Intention, IntentionId, SessionId};

const COLUMNS: &str = "id, session_id, text, set_at, reflection, reflected_at";

type Raw = (i64, Option<i64>, String, i64, Option<String>, Option<i64>);

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

fn convert((id, session, text, set_at, reflection, reflected_at): Raw) -> Result<Intention> {
    Ok(Intention {
        id: IntentionId(id),
        session: session.map(SessionId),
        text,
        set_at: instant(set_at)?,
        reflection,
        reflected_at: opt_instant(reflected_at)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<Option<Intention>> {
    let sql = format!("SELECT {COLUMNS} FROM intentions WHERE id = ?1");
    query_opt(conn, &sql, [id], read, convert)
}

fn not_found(id: IntentionId) -> StoreError {
    StoreError::NotFound {
        what: "intention",
        id: id.0,
    }
}

impl Db {
    /// Sets the intention for `session` (or the waiting one when None):
    /// updates the text of the existing intention for that target if there
    /// is one, else inserts. The waiting one is the newest intention with
    /// no session and no reflection (see `sessions::attach_waiting_intentions`).
    pub fn set_intention(
        &mut self,
        session: Option<SessionId>,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Intention> {
        let tx = self.write()?;
        if let Some(s) = session
            && !exists(&tx, "sessions", s.0)?
        {
            return Err(StoreError::NotFound {
                what: "session",
                id: s.0,
            });
        }
        let existing: Option<i64> = {
            let mut stmt = tx.prepare_cached(
                "SELECT id FROM intentions
                 WHERE (?1 IS NULL AND session_id IS NULL AND reflection IS NULL)
                    OR session_id = ?1
                 ORDER BY set_at DESC, id DESC LIMIT 1",
            )?;
            let mut rows = stmt.query_map([session.map(|s| s.0)], |r| r.get(0))?;
            rows.next().transpose()?
        };
        let id = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE intentions SET text = ?2 WHERE id = ?1",
                    params![id, text],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO intentions (session_id, text, set_at) VALUES (?1, ?2, ?3)",
                    params![session.map(|s| s.0), text, secs(now)],
                )?;
                tx.last_insert_rowid()
            }
        };
        let intention = load(&tx, id)?.ok_or_else(|| not_found(IntentionId(id)))?;
        tx.commit()?;
        Ok(intention)
    }

    pub fn update_intention(&mut self, id: IntentionId, text: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE intentions SET text = ?2 WHERE id = ?1",
            params![id.0, text],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    pub fn set_reflection(
        &mut self,
        id: IntentionId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE intentions SET reflection = ?2, reflected_at = ?3 WHERE id = ?1",
            params![id.0, text, secs(now)],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    pub fn delete_intention(&mut self, id: IntentionId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM intentions WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Newest `set_at` first.
    pub fn intentions(&self) -> Result<Vec<Intention>> {
        let sql = format!("SELECT {COLUMNS} FROM intentions ORDER BY set_at DESC, id DESC");
        query_all(&self.conn, &sql, [], read, convert)
    }
}
