//! Intentions set before a session and the reflections written after it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::session::{Session, SessionId, SessionStatus};

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
}

/// Which session a new intention is for: the next planned session, if one
/// is on the calendar; otherwise none yet, and the next logged session takes it.
pub fn target_session(sessions: &[Session], now: DateTime<Utc>) -> Option<SessionId> {
    super::session::next_planned(sessions, now).map(|s| s.id)
}

/// The intention the Intention pane leads with at `now`: the one waiting
/// for the next session, else the one of the newest done session.
pub fn current<'a>(
    intentions: &'a [Intention],
    sessions: &[Session],
    now: DateTime<Utc>,
) -> Option<&'a Intention> {
    let upcoming = target_session(sessions, now);
    let for_session = |id: Option<SessionId>| {
        intentions
            .iter()
            .filter(|i| i.session == id)
            .max_by_key(|i| (i.set_at, i.id))
    };
    if let Some(i) = upcoming.and_then(|id| for_session(Some(id))) {
        return Some(i);
    }
    if let Some(i) = for_session(None) {
        return Some(i);
    }
    let last_done = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Done && s.at <= now)
        .max_by_key(|s| (s.at, s.id))?;
    for_session(Some(last_done.id))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::SessionKind;
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
        };
        let sessions = [
            s(1, -48, SessionStatus::Done),
            s(2, 24, SessionStatus::Planned),
        ];
        assert_eq!(target_session(&sessions, t0), Some(SessionId(2)));
        let past = [i(1, Some(1), "old")];
        assert_eq!(current(&past, &sessions, t0).unwrap().text, "old");
        let both = [i(1, Some(1), "old"), i(2, Some(2), "next")];
        assert_eq!(current(&both, &sessions, t0).unwrap().text, "next");
        let waiting = [i(1, Some(1), "old"), i(3, None, "waiting")];
        assert_eq!(current(&waiting, &sessions, t0).unwrap().text, "waiting");
    }
}
