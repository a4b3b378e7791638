//! Ketamine sessions, done or planned.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{Table, instant, query_all, query_opt, secs};
use super::undo::AroundSession;
use super::{Db, Result, StoreError, intentions};
use crate::domain::removed::RemovedSession;
use crate::domain::session::validate_dose;
use crate::domain::{Session, SessionId, SessionStatus};

pub use crate::domain::session::NewSession;

pub(super) const SESSIONS: Table = Table {
    name: "sessions",
    what: "session",
};

const COLUMNS: &str = "id, at, kind, dose_mg, note, status";

fn convert(r: &Row<'_>) -> Result<Session> {
    Ok(Session {
        id: SessionId(r.get(0)?),
        at: instant(r.get(1)?)?,
        kind: r.get::<_, String>(2)?.parse()?,
        dose_mg: r.get(3)?,
        note: r.get(4)?,
        status: r.get::<_, String>(5)?.parse()?,
    })
}

fn load(conn: &Connection, id: i64) -> Result<Option<Session>> {
    let sql = format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1");
    query_opt(conn, &sql, [id], convert)
}

/// Every session, oldest first.
pub(super) fn all(conn: &Connection) -> Result<Vec<Session>> {
    let sql = format!("SELECT {COLUMNS} FROM sessions ORDER BY at, id");
    query_all(conn, &sql, [], convert)
}

/// Inserts a session and returns its id; the caller owns the transaction
/// and decides whether waiting intentions go to it.
pub(super) fn insert(conn: &Connection, new: &NewSession) -> Result<i64> {
    let dose = validate_dose(new.dose_mg)?;
    // Cached: a demo history inserts hundreds through one statement.
    conn.prepare_cached(
        "INSERT INTO sessions (at, kind, dose_mg, note, status) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        secs(new.at),
        new.kind.as_str(),
        dose,
        new.note,
        new.status.as_str()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A change to the sessions, chosen inside the write transaction from
/// every session as it stands there (see [`Db::change_sessions`]).
#[derive(Debug, Clone, PartialEq)]
pub enum SessionChange {
    /// As [`Db::add_session`].
    Add(NewSession),
    /// As [`Db::plan_session`], at `now`.
    Plan(NewSession, DateTime<Utc>),
    /// As [`Db::update_session`].
    Update(Session),
}

fn add(conn: &Connection, new: &NewSession) -> Result<Session> {
    let id = insert(conn, new)?;
    if new.status == SessionStatus::Done {
        intentions::attach_waiting(conn, id, new.at)?;
    }
    load(conn, id)?.ok_or_else(|| SESSIONS.not_found(id))
}

fn plan(conn: &Connection, new: &NewSession, now: DateTime<Utc>) -> Result<Session> {
    let planned = NewSession {
        status: SessionStatus::Planned,
        ..new.clone()
    };
    let id = insert(conn, &planned)?;
    let earlier: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sessions
                        WHERE status = 'planned' AND id != ?1 AND at >= ?2 AND at < ?3)",
        params![id, secs(now), secs(new.at)],
        |r| r.get(0),
    )?;
    if !earlier && new.at >= now {
        intentions::attach_waiting(conn, id, now)?;
    }
    load(conn, id)?.ok_or_else(|| SESSIONS.not_found(id))
}

fn update(conn: &Connection, s: &Session) -> Result<()> {
    let dose = validate_dose(s.dose_mg)?;
    let before = load(conn, s.id.0)?.ok_or_else(|| SESSIONS.not_found(s.id.0))?;
    conn.execute(
        "UPDATE sessions SET at = ?2, kind = ?3, dose_mg = ?4, note = ?5, status = ?6
         WHERE id = ?1",
        params![
            s.id.0,
            secs(s.at),
            s.kind.as_str(),
            dose,
            s.note,
            s.status.as_str()
        ],
    )?;
    if before.status != SessionStatus::Done && s.status == SessionStatus::Done {
        intentions::attach_waiting(conn, s.id.0, s.at)?;
    }
    Ok(())
}

impl Db {
    /// When status is Done, the intention waiting for a session, if it was
    /// set at or before `new.at`, is attached to the new session in the
    /// same transaction (see `intentions::attach_waiting`). A planned
    /// session is added with [`Db::plan_session`].
    pub fn add_session(&mut self, new: &NewSession) -> Result<Session> {
        // Before the write lock: a bad dose needs no lock to be refused.
        validate_dose(new.dose_mg)?;
        let tx = self.write()?;
        let session = add(&tx, new)?;
        tx.commit()?;
        Ok(session)
    }

    /// Plans a session. When it is the next one planned at `now`, the
    /// intention waiting for a session becomes its own, in the same
    /// transaction: an intention set first and a session planned after it
    /// belong together.
    pub fn plan_session(&mut self, new: &NewSession, now: DateTime<Utc>) -> Result<Session> {
        validate_dose(new.dose_mg)?;
        let tx = self.write()?;
        let session = plan(&tx, new, now)?;
        tx.commit()?;
        Ok(session)
    }

    /// Attaches the waiting intention set at or before the (new) `s.at` when
    /// the status becomes Done (a planned session confirmed); editing a session that was already done leaves
    /// intentions alone, as they wait for the next one. NotFound if the id
    /// is gone.
    pub fn update_session(&mut self, s: &Session) -> Result<()> {
        validate_dose(s.dose_mg)?;
        let tx = self.write()?;
        update(&tx, s)?;
        tx.commit()?;
        Ok(())
    }

    /// Reads every session and lets `decide` choose the change from them,
    /// or refuse it, then makes that change, all in one write
    /// transaction: no other process can write a session between the
    /// reading and the writing, so a rule `decide` applies (such as "no
    /// two sessions at one minute") holds when it is written. The rule is
    /// the caller's; the store only applies it. Answers with the session
    /// added or planned as stored, or the one updated as given.
    pub fn change_sessions<E: From<StoreError>>(
        &mut self,
        decide: impl FnOnce(&[Session]) -> std::result::Result<SessionChange, E>,
    ) -> std::result::Result<Session, E> {
        let tx = self.write()?;
        let change = decide(&all(&tx)?)?;
        let session = match change {
            SessionChange::Add(new) => add(&tx, &new)?,
            SessionChange::Plan(new, now) => plan(&tx, &new, now)?,
            SessionChange::Update(s) => {
                update(&tx, &s)?;
                s
            }
        };
        tx.commit().map_err(StoreError::from)?;
        Ok(session)
    }

    /// Journal entries and intentions of the session keep existing (their
    /// session becomes NULL, by the foreign keys). Its intention, if not
    /// yet reflected on, waits for the next session again; should another
    /// already wait, the newer of the two is the one that waits, and the
    /// other stays in the history as replaced, in the same transaction.
    /// Answers with the session as it was when deleted and every row the
    /// delete changed with it, read in the same transaction, so that
    /// [`Db::put_back`] can undo it.
    pub fn delete_session(&mut self, id: SessionId) -> Result<RemovedSession> {
        let tx = self.write()?;
        let gone = load(&tx, id.0)?.ok_or_else(|| SESSIONS.not_found(id.0))?;
        let around = AroundSession::read(&tx, id.0)?;
        SESSIONS.delete(&tx, id.0)?;
        intentions::settle(&tx, None)?;
        let removed = around.removed(&tx, gone)?;
        tx.commit()?;
        Ok(removed)
    }

    /// Ordered by time, then id.
    pub fn sessions(&self) -> Result<Vec<Session>> {
        all(&self.conn)
    }

    pub fn session(&self, id: SessionId) -> Result<Option<Session>> {
        load(&self.conn, id.0)
    }
}

#[cfg(test)]
impl Db {
    /// Lets a test see a write wait for the lock held by another
    /// connection, and choose when it tries again.
    pub(crate) fn on_busy(&self, handler: fn(i32) -> bool) -> Result<()> {
        Ok(self.conn.busy_handler(Some(handler))?)
    }
}
