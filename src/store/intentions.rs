//! Intentions set before a session and the reflections written after it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{Table, instant, opt_instant, query_all, query_opt, secs};
use super::sessions::SESSIONS;
use super::{Db, Result};
use crate::domain::intention::attaching;
use crate::domain::removed::RemovedIntention;
use crate::domain::{EarlierReflection, Intention, IntentionId, SessionId};

const INTENTIONS: Table = Table {
    name: "intentions",
    what: "intention",
};

const COLUMNS: &str = "id, session_id, text, set_at, reflection, reflected_at, replaced_at";

fn convert(r: &Row<'_>) -> Result<Intention> {
    Ok(Intention {
        id: IntentionId(r.get(0)?),
        session: r.get::<_, Option<i64>>(1)?.map(SessionId),
        text: r.get(2)?,
        set_at: instant(r.get(3)?)?,
        reflection: r.get(4)?,
        reflected_at: opt_instant(r.get(5)?)?,
        replaced_at: opt_instant(r.get(6)?)?,
        earlier_reflections: Vec::new(),
    })
}

/// Every earlier reflection, by intention id, oldest first.
fn earlier_reflections(conn: &Connection) -> Result<HashMap<i64, Vec<EarlierReflection>>> {
    let rows = query_all(
        conn,
        "SELECT intention_id, text, reflected_at, replaced_at FROM earlier_reflections
         ORDER BY replaced_at, id",
        [],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                EarlierReflection {
                    text: r.get(1)?,
                    reflected_at: opt_instant(r.get(2)?)?,
                    replaced_at: instant(r.get(3)?)?,
                },
            ))
        },
    )?;
    let mut by_intention: HashMap<i64, Vec<EarlierReflection>> = HashMap::new();
    for (id, earlier) in rows {
        by_intention.entry(id).or_default().push(earlier);
    }
    Ok(by_intention)
}

/// Keeps `earlier` in the history of intention `id`; the caller owns the
/// transaction.
pub(super) fn keep_earlier(conn: &Connection, id: i64, earlier: &EarlierReflection) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO earlier_reflections (intention_id, text, reflected_at, replaced_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        id,
        earlier.text,
        earlier.reflected_at.map(secs),
        secs(earlier.replaced_at)
    ])?;
    Ok(())
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
    replaced_at: Option<DateTime<Utc>>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO intentions (session_id, text, set_at, reflection, reflected_at, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        session,
        text,
        secs(set_at),
        reflection.map(|(text, _)| text),
        reflection.map(|(_, at)| secs(at)),
        replaced_at.map(secs)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The intention `session` holds (or, for `None`, the one waiting for a
/// session): the newest not replaced. The same rule as
/// `domain::intention::held_by`.
fn held(conn: &Connection, session: Option<i64>) -> Result<Option<i64>> {
    query_opt(
        conn,
        "SELECT id FROM intentions
         WHERE replaced_at IS NULL
           AND ((?1 IS NULL AND session_id IS NULL AND reflection IS NULL) OR session_id = ?1)
         ORDER BY set_at DESC, id DESC LIMIT 1",
        [session],
        |r| Ok(r.get::<_, i64>(0)?),
    )
}

/// Leaves `session` (or the waiting group, for `None`) holding one
/// intention: any older ones not yet replaced are marked replaced when the
/// newest was set. The caller owns the transaction.
pub(super) fn settle(conn: &Connection, session: Option<i64>) -> Result<()> {
    let Some(newest) = held(conn, session)? else {
        return Ok(());
    };
    conn.execute(
        "UPDATE intentions
         SET replaced_at = (SELECT set_at FROM intentions WHERE id = ?1)
         WHERE id != ?1 AND replaced_at IS NULL
           AND ((?2 IS NULL AND session_id IS NULL AND reflection IS NULL) OR session_id = ?2)",
        params![newest, session],
    )?;
    Ok(())
}

/// Gives `session` the intention waiting for a session, if it holds none
/// yet and one waits, set at or before `set_by`. The caller owns the
/// transaction.
///
/// Waiting means no session and no reflection yet: an intention that was
/// already reflected on belonged to a session that was later deleted, and
/// moving its reflection onto a new session would misplace it. And only
/// one set at or before `set_by` is taken: backfilling a session from last
/// week must not carry off the intention written this morning for
/// Thursday, since nobody sets an intention for a session already behind
/// them.
pub(super) fn attach_waiting(conn: &Connection, session: i64, set_by: DateTime<Utc>) -> Result<()> {
    if held(conn, Some(session))?.is_some() {
        return Ok(());
    }
    // Only the unattached are candidates; the rule itself is the domain's.
    let sql = format!("SELECT {COLUMNS} FROM intentions WHERE session_id IS NULL");
    let unattached = query_all(conn, &sql, [], convert)?;
    if let Some(i) = attaching(&unattached, set_by) {
        conn.execute(
            "UPDATE intentions SET session_id = ?1 WHERE id = ?2",
            params![session, i.id.0],
        )?;
    }
    Ok(())
}

impl Db {
    /// Sets the intention for `session` (or the one waiting for the next
    /// session, when `None`). A session holds one intention: one it held
    /// already is marked replaced, keeping its words in the history, in
    /// the same transaction. Callers ask the person first
    /// (`domain::intention::held_by` says whether there is one).
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
        if let Some(old) = held(&tx, session.map(|s| s.0))? {
            tx.execute(
                "UPDATE intentions SET replaced_at = ?2 WHERE id = ?1",
                params![old, secs(now)],
            )?;
        }
        let id = insert(&tx, session.map(|s| s.0), text, now, None, None)?;
        let intention = load(&tx, id)?.ok_or_else(|| INTENTIONS.not_found(id))?;
        tx.commit()?;
        Ok(intention)
    }

    pub fn update_intention(&mut self, id: IntentionId, text: &str) -> Result<()> {
        set_text(&self.conn, id.0, text)
    }

    /// Writes the reflection on intention `id`. One already there moves
    /// to its history in the same transaction, so no words are lost;
    /// callers ask the person first (the CLI wants `--replace`).
    pub fn set_reflection(
        &mut self,
        id: IntentionId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write()?;
        let current = load(&tx, id.0)?.ok_or_else(|| INTENTIONS.not_found(id.0))?;
        if let Some(old) = current.reflection.filter(|old| old != text) {
            let earlier = EarlierReflection {
                text: old,
                reflected_at: current.reflected_at,
                replaced_at: now,
            };
            keep_earlier(&tx, id.0, &earlier)?;
        }
        INTENTIONS.change(
            &tx,
            id.0,
            "UPDATE intentions SET reflection = ?2, reflected_at = ?3 WHERE id = ?1",
            params![id.0, text, secs(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes an intention with its earlier reflections, and answers
    /// with them as they were, read in the same transaction, so that
    /// [`Db::put_back`] can undo it.
    pub fn delete_intention(&mut self, id: IntentionId) -> Result<RemovedIntention> {
        let tx = self.write()?;
        let mut intention = load(&tx, id.0)?.ok_or_else(|| INTENTIONS.not_found(id.0))?;
        let earlier = super::undo::earlier_of(&tx, id.0)?;
        intention.earlier_reflections = earlier.iter().map(|(_, e)| e.clone()).collect();
        INTENTIONS.delete(&tx, id.0)?;
        tx.commit()?;
        Ok(RemovedIntention { intention, earlier })
    }

    /// Newest `set_at` first, replaced ones included, each with its
    /// earlier reflections.
    pub fn intentions(&self) -> Result<Vec<Intention>> {
        let sql = format!("SELECT {COLUMNS} FROM intentions ORDER BY set_at DESC, id DESC");
        let mut all = query_all(&self.conn, &sql, [], convert)?;
        let mut earlier = earlier_reflections(&self.conn)?;
        for i in &mut all {
            if let Some(e) = earlier.remove(&i.id.0) {
                i.earlier_reflections = e;
            }
        }
        Ok(all)
    }
}
