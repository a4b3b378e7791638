//! Intentions set before a session and the reflections written after it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{Table, instant, opt_instant, query_all, query_opt, secs};
use super::sessions::SESSIONS;
use super::{Db, Result};
use crate::domain::{Intention, IntentionId, SessionId};

const INTENTIONS: Table = Table {
    name: "intentions",
    what: "intention",
};

const COLUMNS: &str = "id, session_id, text, set_at, reflection, reflected_at";

fn convert(r: &Row<'_>) -> Result<Intention> {
    Ok(Intention {
        id: IntentionId(r.get(0)?),
        session: r.get::<_, Option<i64>>(1)?.map(SessionId),
        text: r.get(2)?,
        set_at: instant(r.get(3)?)?,
        reflection: r.get(4)?,
        reflected_at: opt_instant(r.get(5)?)?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<Option<Intention>> {
    let sql = format!("SELECT {COLUMNS} FROM intentions WHERE id = ?1");
    query_opt(conn, &sql, [id], convert)
}

fn set_text(conn: &Connection, id: i64, text: &str) -> Result<()> {
    INTENTIONS.change(
        conn,
        id,
        "UPDATE intentions SET text = ?2 WHERE id = ?1",
        params![id, text],
    )
}

/// Inserts an intention, with its reflection when there already is one,
/// and returns its id; the caller owns the transaction and has checked that
/// `session` exists.
pub(super) fn insert(
    conn: &Connection,
    session: Option<i64>,
    text: &str,
    set_at: DateTime<Utc>,
    reflection: Option<(&str, DateTime<Utc>)>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO intentions (session_id, text, set_at, reflection, reflected_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        session,
        text,
        secs(set_at),
        reflection.map(|(text, _)| text),
        reflection.map(|(_, at)| secs(at))
    ])?;
    Ok(conn.last_insert_rowid())
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
        if let Some(s) = session {
            SESSIONS.require(&tx, s.0)?;
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
                set_text(&tx, id, text)?;
                id
            }
            None => insert(&tx, session.map(|s| s.0), text, now, None)?,
        };
        let intention = load(&tx, id)?.ok_or_else(|| INTENTIONS.not_found(id))?;
        tx.commit()?;
        Ok(intention)
    }

    pub fn update_intention(&mut self, id: IntentionId, text: &str) -> Result<()> {
        set_text(&self.conn, id.0, text)
    }

    pub fn set_reflection(
        &mut self,
        id: IntentionId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        INTENTIONS.change(
            &self.conn,
            id.0,
            "UPDATE intentions SET reflection = ?2, reflected_at = ?3 WHERE id = ?1",
            params![id.0, text, secs(now)],
        )
    }

    pub fn delete_intention(&mut self, id: IntentionId) -> Result<()> {
        INTENTIONS.delete(&self.conn, id.0)
    }

    /// Newest `set_at` first.
    pub fn intentions(&self) -> Result<Vec<Intention>> {
        let sql = format!("SELECT {COLUMNS} FROM intentions ORDER BY set_at DESC, id DESC");
        query_all(&self.conn, &sql, [], convert)
    }
}
