//! Sessions: log, plan, edit, confirm, delete, drop a plan.

use chrono::{DateTime, TimeZone, Utc};

use super::{Error, Result};
use crate::domain::session::{NewSession, confirming, planned_match};
use crate::domain::value::{Ahead, Dose, Past, Text};
use crate::domain::{Removed, Session, SessionId, SessionKind, SessionStatus};
use crate::store::{Db, SessionChange};

/// A session that has happened, as a person logs it.
#[derive(Debug, Clone)]
pub struct Log {
    pub at: Past,
    /// `None`: the planned session's kind, else an infusion.
    pub kind: Option<SessionKind>,
    pub dose: Option<Dose>,
    pub note: Option<Text>,
}

/// What logging did.
#[derive(Debug, Clone, PartialEq)]
pub enum Logged {
    New(Session),
    /// A session planned for the same local day was the one that
    /// happened: it is now done, keeping its intention.
    ConfirmedPlan(Session),
}

impl Logged {
    pub fn session(&self) -> &Session {
        match self {
            Logged::New(s) | Logged::ConfirmedPlan(s) => s,
        }
    }
}

/// The session at the same minute as `at`, other than `except`.
pub fn at_same_minute(
    sessions: &[Session],
    at: DateTime<Utc>,
    except: Option<SessionId>,
) -> Option<&Session> {
    let minute = |t: DateTime<Utc>| t.timestamp().div_euclid(60);
    sessions
        .iter()
        .find(|s| Some(s.id) != except && minute(s.at) == minute(at))
}

/// Makes `change`, unless a session other than `except` is already on
/// record at the minute of `at` as the write transaction finds them.
fn unless_same_minute(
    db: &mut Db,
    at: DateTime<Utc>,
    except: Option<SessionId>,
    change: SessionChange,
) -> Result<Session> {
    db.change_sessions(|sessions| match at_same_minute(sessions, at, except) {
        Some(s) => Err(Error::SameMinute(Box::new(s.clone()))),
        None => Ok(change),
    })
}

/// A planned session confirmed as done by `log` (see
/// `domain::session::confirming`).
pub fn confirmed(planned: &Session, log: &Log) -> Session {
    confirming(
        planned,
        log.at.get(),
        log.kind,
        log.dose.map(Dose::mg),
        log.note.as_ref().map(|n| n.as_str().to_string()),
    )
}

/// Logs a session that has happened. A session planned for the same
/// local day (in `zone`) is the one being logged: it is confirmed instead
/// of leaving a stale plan behind.
pub fn log<Tz: TimeZone>(db: &mut Db, log: Log, zone: &Tz) -> Result<Logged> {
    let at = log.at.get();
    let mut was_planned = false;
    // Which plan it confirms and whether the minute is free are read in
    // the write transaction, so a session logged by another process in
    // the meantime is seen.
    let s = db.change_sessions(|sessions| {
        let planned = planned_match(sessions, at, zone);
        if let Some(s) = at_same_minute(sessions, at, planned.map(|p| p.id)) {
            return Err(Error::SameMinute(Box::new(s.clone())));
        }
        Ok(match planned {
            Some(p) => {
                was_planned = true;
                SessionChange::Update(confirmed(p, &log))
            }
            None => SessionChange::Add(NewSession {
                at,
                kind: log.kind.unwrap_or(SessionKind::Infusion),
                dose_mg: log.dose.map(Dose::mg),
                note: log.note.map(Text::into_string),
                status: SessionStatus::Done,
            }),
        })
    })?;
    Ok(if was_planned {
        Logged::ConfirmedPlan(s)
    } else {
        Logged::New(s)
    })
}

/// Puts a scheduled session on the calendar.
pub fn plan(
    db: &mut Db,
    at: Ahead,
    kind: SessionKind,
    note: Option<Text>,
    now: DateTime<Utc>,
) -> Result<Session> {
    let new = NewSession {
        at: at.get(),
        kind,
        dose_mg: None,
        note: note.map(Text::into_string),
        status: SessionStatus::Planned,
    };
    unless_same_minute(db, at.get(), None, SessionChange::Plan(new, now))
}

/// A new session from the dashboard's form: logged when done, planned
/// when planned.
pub fn add(db: &mut Db, new: NewSession, now: DateTime<Utc>) -> Result<Logged> {
    let note = Text::optional("the note", new.note.as_deref())?;
    if new.status == SessionStatus::Planned {
        let at = Ahead::new(new.at, now)?;
        return Ok(Logged::New(plan(db, at, new.kind, note, now)?));
    }
    let l = Log {
        at: Past::new(new.at, now)?,
        kind: Some(new.kind),
        dose: Dose::optional(new.dose_mg)?,
        note,
    };
    // The dashboard turns a log on a planned day into `ConfirmPlanned`
    // (with `domain::session::confirming`) before it gets here.
    let at = l.at.get();
    let done = NewSession {
        at,
        kind: new.kind,
        dose_mg: l.dose.map(Dose::mg),
        note: l.note.map(Text::into_string),
        status: SessionStatus::Done,
    };
    Ok(Logged::New(unless_same_minute(
        db,
        at,
        None,
        SessionChange::Add(done),
    )?))
}

/// Changes a session. One that is done cannot be in the future, and no
/// two sessions share a minute. Done from planned attaches the waiting
/// intention, as a log does (see `Db::update_session`).
pub fn edit(db: &mut Db, s: Session, now: DateTime<Utc>) -> Result<Session> {
    if s.status == SessionStatus::Done {
        Past::new(s.at, now)?;
    }
    Dose::optional(s.dose_mg)?;
    let note = Text::optional("the note", s.note.as_deref())?;
    let s = Session {
        note: note.map(Text::into_string),
        ..s
    };
    unless_same_minute(db, s.at, Some(s.id), SessionChange::Update(s))
}

/// A planned session that has now happened, at `s.at`.
pub fn confirm(db: &mut Db, s: Session, now: DateTime<Utc>) -> Result<Session> {
    edit(
        db,
        Session {
            status: SessionStatus::Done,
            ..s
        },
        now,
    )
}

/// Deletes a session; its journal entries and intentions stay (see
/// `Db::delete_session`). Answers with what was deleted and every row it
/// changed, which `undo::put_back` puts back.
pub fn delete(db: &mut Db, id: SessionId) -> Result<Removed> {
    Ok(Removed::Session(db.delete_session(id)?))
}

/// A planned session that did not happen comes off the calendar.
pub fn drop_plan(db: &mut Db, id: SessionId) -> Result<Removed> {
    delete(db, id)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap()
    }

    fn log_at(at: DateTime<Utc>) -> Log {
        Log {
            at: Past::new(at, now()).unwrap(),
            kind: None,
            dose: None,
            note: None,
        }
    }

    #[test]
    fn a_second_session_at_the_same_minute_is_refused() {
        let mut db = Db::open_in_memory().unwrap();
        let first = log(&mut db, log_at(now() - TimeDelta::hours(2)), &Utc).unwrap();
        let again = now() - TimeDelta::hours(2) + TimeDelta::seconds(30);
        let err = log(&mut db, log_at(again), &Utc).unwrap_err();
        assert!(matches!(&err, Error::SameMinute(s) if s.id == first.session().id));
        assert!(err.to_string().contains("that exact minute"), "{err}");
        assert_eq!(db.sessions().unwrap().len(), 1);
        // A different minute is a different session.
        log(&mut db, log_at(now() - TimeDelta::hours(1)), &Utc).unwrap();
        let second = db.sessions().unwrap()[1].clone();
        let moved = Session {
            at: now() - TimeDelta::hours(2),
            ..second
        };
        assert!(matches!(
            edit(&mut db, moved, now()),
            Err(Error::SameMinute(_))
        ));
    }

    use std::sync::atomic::{AtomicBool, Ordering};

    static WAITING: AtomicBool = AtomicBool::new(false);
    static GO: AtomicBool = AtomicBool::new(false);

    /// The busy handler of the second process: says it waits for the write
    /// lock, then holds off until the test lets it try again.
    fn wait_for_go(_tries: i32) -> bool {
        WAITING.store(true, Ordering::SeqCst);
        while !GO.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        true
    }

    /// Another process takes the write lock, `write` starts on a second
    /// handle and waits for it, then the other process commits a session
    /// at `at`'s minute and lets go. Answers with what `write` answered.
    fn while_another_logs_at<T: Send + 'static>(
        at: DateTime<Utc>,
        write: fn(&mut Db) -> Result<T>,
    ) -> (Result<T>, Db, tempfile::TempDir) {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        drop(Db::open(&path).unwrap());
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        WAITING.store(false, Ordering::SeqCst);
        GO.store(false, Ordering::SeqCst);
        let mut db = Db::open(&path).unwrap();
        db.on_busy(wait_for_go).unwrap();
        let writer = std::thread::spawn(move || {
            let out = write(&mut db);
            (out, db)
        });
        while !WAITING.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        other
            .execute(
                "INSERT INTO sessions (at, kind, status) VALUES (?1, 'infusion', 'done')",
                [at.timestamp()],
            )
            .unwrap();
        other.execute_batch("COMMIT").unwrap();
        GO.store(true, Ordering::SeqCst);
        let (out, db) = writer.join().unwrap();
        (out, db, dir)
    }

    #[test]
    fn the_minute_is_checked_in_the_same_transaction_as_the_write() {
        // One test, not three: the busy handler's flags are shared.
        let at = now() - TimeDelta::hours(2);
        let (out, db, _dir) =
            while_another_logs_at(at, |db| log(db, log_at(now() - TimeDelta::hours(2)), &Utc));
        assert!(matches!(out, Err(Error::SameMinute(_))), "{out:?}");
        assert_eq!(db.sessions().unwrap().len(), 1);

        let (out, db, _dir) = while_another_logs_at(now() + TimeDelta::days(1), |db| {
            let at = Ahead::new(now() + TimeDelta::days(1), now()).unwrap();
            plan(db, at, SessionKind::Infusion, None, now())
        });
        assert!(matches!(out, Err(Error::SameMinute(_))), "{out:?}");
        assert_eq!(db.sessions().unwrap().len(), 1);
    }

    #[test]
    fn logging_on_a_planned_day_confirms_the_plan() {
        let mut db = Db::open_in_memory().unwrap();
        let at = now() + TimeDelta::hours(3);
        let p = plan(
            &mut db,
            Ahead::new(at, now()).unwrap(),
            SessionKind::Lozenge,
            None,
            now(),
        )
        .unwrap();
        // Later that day it has happened.
        let later = at + TimeDelta::minutes(10);
        let l = Log {
            at: Past::new(later, later).unwrap(),
            kind: None,
            dose: Some(Dose::new(35.0).unwrap()),
            note: None,
        };
        let out = log(&mut db, l, &Utc).unwrap();
        assert!(matches!(&out, Logged::ConfirmedPlan(s) if s.id == p.id));
        let stored = db.session(p.id).unwrap().unwrap();
        assert_eq!(stored.status, SessionStatus::Done);
        assert_eq!(stored.kind, SessionKind::Lozenge);
        assert_eq!(stored.dose_mg, Some(35.0));
    }

    #[test]
    fn a_done_session_cannot_move_into_the_future_and_a_gone_one_is_named() {
        let mut db = Db::open_in_memory().unwrap();
        let s = log(&mut db, log_at(now()), &Utc).unwrap().session().clone();
        let ahead = Session {
            at: now() + TimeDelta::days(1),
            ..s.clone()
        };
        let err = edit(&mut db, ahead, now()).unwrap_err();
        assert_eq!(err.to_string(), crate::domain::value::STILL_AHEAD);
        delete(&mut db, s.id).unwrap();
        let err = delete(&mut db, s.id).unwrap_err();
        assert!(err.to_string().contains("no session with id"), "{err}");
    }
}
