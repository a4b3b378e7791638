//! Intentions set before a session and the reflections written after it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::session::{Session, SessionId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IntentionId(pub i64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intention {
    pub id: IntentionId,
    /// `None` while waiting for the next session to be logged; logging a
    /// session attaches the waiting intention to it.
    pub session: Option<SessionId>,
    pub text: String,
    pub set_at: DateTime<Utc>,
    pub reflection: Option<String>,
    pub reflected_at: Option<DateTime<Utc>>,
    /// Set when a newer intention took this one's place. A session holds
    /// one intention; a replaced one stays in the history, with its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_at: Option<DateTime<Utc>>,
    /// Reflections written before the current one, oldest first: writing a
    /// reflection anew keeps the earlier words in the history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_reflections: Vec<EarlierReflection>,
}

/// A reflection that a newer one took the place of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierReflection {
    pub text: String,
    /// When it was written; files from before afterglow kept this may not
    /// say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflected_at: Option<DateTime<Utc>>,
    /// When the newer reflection was written in its place.
    pub replaced_at: DateTime<Utc>,
}

impl Intention {
    pub fn is_replaced(&self) -> bool {
        self.replaced_at.is_some()
    }
}

/// The intention a session holds: the newest one for it not replaced.
pub fn of_session(intentions: &[Intention], session: SessionId) -> Option<&Intention> {
    intentions
        .iter()
        .filter(|i| i.session == Some(session) && !i.is_replaced())
        .max_by_key(|i| (i.set_at, i.id))
}

/// The intention waiting for a session: set, not yet attached, not
/// reflected on (an intention whose session was deleted keeps its
/// reflection and does not wait again) and not replaced.
pub fn waiting(intentions: &[Intention]) -> Option<&Intention> {
    intentions
        .iter()
        .filter(|i| i.session.is_none() && i.reflection.is_none() && !i.is_replaced())
        .max_by_key(|i| (i.set_at, i.id))
}

/// The intention that a session joins when it is logged, confirmed, or
/// planned as the next one: the waiting one (see [`waiting`]) set at or
/// before `by` (the session's time, or now for a plan). One set after a
/// session was logged late is for the session after it. The store applies
/// this rule in the transaction that stores the session; both faces show
/// its result and never decide it again.
pub fn attaching(intentions: &[Intention], by: DateTime<Utc>) -> Option<&Intention> {
    intentions
        .iter()
        .filter(|i| i.session.is_none() && i.reflection.is_none() && !i.is_replaced())
        .filter(|i| i.set_at <= by)
        .max_by_key(|i| (i.set_at, i.id))
}

/// The intention a new one for `target` would replace: the one the
/// session holds, or the waiting one when there is no session yet.
pub fn held_by(intentions: &[Intention], target: Option<SessionId>) -> Option<&Intention> {
    match target {
        Some(id) => of_session(intentions, id),
        None => waiting(intentions),
    }
}

/// Which session a new intention is for: the next planned session, if one
/// is on the calendar; otherwise none yet, and the next logged session takes it.
pub fn target_session(sessions: &[Session], now: DateTime<Utc>) -> Option<SessionId> {
    super::session::next_planned(sessions, now).map(|s| s.id)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::{SessionKind, SessionStatus};
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn the_planned_session_takes_the_intention_before_past_ones() {
        let t0 = Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap();
        let s = |id, h, status| Session {
            id: SessionId(id),
            at: t0 + TimeDelta::hours(h),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status,
        };
        let i = |id, session: Option<i64>, text: &str| Intention {
            id: IntentionId(id),
            session: session.map(SessionId),
            text: text.into(),
            set_at: t0,
            reflection: None,
            reflected_at: None,
            replaced_at: None,
            earlier_reflections: Vec::new(),
        };
        let sessions = [
            s(1, -48, SessionStatus::Done),
            s(2, 24, SessionStatus::Planned),
        ];
        assert_eq!(target_session(&sessions, t0), Some(SessionId(2)));
        let both = [i(1, Some(1), "old"), i(2, Some(2), "next")];
        assert_eq!(held_by(&both, Some(SessionId(2))).unwrap().text, "next");
        let waits = [i(1, Some(1), "old"), i(3, None, "waiting")];
        assert_eq!(held_by(&waits, None).unwrap().text, "waiting");
        // A replaced intention is history, never the session's.
        let mut replaced = [i(1, Some(2), "first"), i(2, Some(2), "second")];
        replaced[1].replaced_at = Some(t0);
        assert_eq!(of_session(&replaced, SessionId(2)).unwrap().text, "first");
        assert_eq!(
            held_by(&replaced, Some(SessionId(2))).unwrap().id,
            IntentionId(1)
        );
        assert!(waiting(&replaced).is_none());
    }

    #[test]
    fn a_session_takes_the_waiting_intention_set_by_its_time() {
        let t0 = Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap();
        let i = |id, set_at, reflection: Option<&str>| Intention {
            id: IntentionId(id),
            session: None,
            text: format!("intention {id}"),
            set_at,
            reflection: reflection.map(str::to_string),
            reflected_at: None,
            replaced_at: None,
            earlier_reflections: Vec::new(),
        };
        let set = [i(1, t0, None)];
        assert_eq!(attaching(&set, t0).unwrap().id, IntentionId(1));
        // A session logged late, from before the intention, leaves it be.
        assert!(attaching(&set, t0 - TimeDelta::hours(1)).is_none());
        // One already reflected on belonged to a deleted session.
        assert!(attaching(&[i(2, t0, Some("done"))], t0).is_none());
    }
}
