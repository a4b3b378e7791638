//! Which intention the dashboard leads with, and for which session: the
//! view asks this once per tick, and the Intention pane only draws it.
//! Where a new intention attaches is `intention::target_session`; which
//! waiting one a stored session takes is `intention::attaching`.

use chrono::{DateTime, Utc};

use super::intention::{self, Intention};
use super::session::{self, Session, SessionId};

/// Which session the leading intention belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadFor {
    /// A session whose main window is open: that session's own intention,
    /// never a call for the next one.
    Window {
        session: SessionId,
        at: DateTime<Utc>,
    },
    /// The session planned next.
    Planned {
        session: SessionId,
        at: DateTime<Utc>,
    },
    /// No session planned: a waiting intention attaches to the next
    /// session logged.
    NextLogged,
}

/// The intention the Intention pane leads with, and what it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Leading {
    pub lead_for: LeadFor,
    pub intention: Option<Intention>,
}

/// The leading intention. `window` is the session whose main window is
/// open now, if any (and the person is not resting).
pub fn leading(
    intentions: &[Intention],
    sessions: &[Session],
    window: Option<(SessionId, DateTime<Utc>)>,
    now: DateTime<Utc>,
) -> Option<Leading> {
    let (lead_for, held) = match (window, session::next_planned(sessions, now)) {
        (Some((session, at)), _) => (
            LeadFor::Window { session, at },
            intention::of_session(intentions, session),
        ),
        (None, Some(s)) => (
            LeadFor::Planned {
                session: s.id,
                at: s.at,
            },
            intention::held_by(intentions, Some(s.id)),
        ),
        (None, None) => (LeadFor::NextLogged, Some(intention::waiting(intentions)?)),
    };
    Some(Leading {
        lead_for,
        intention: held.cloned(),
    })
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::intention::IntentionId;
    use crate::domain::session::{SessionKind, SessionStatus};
    use chrono::{TimeDelta, TimeZone};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap()
    }

    fn session(id: i64, hours: i64, status: SessionStatus) -> Session {
        Session {
            id: SessionId(id),
            at: t0() + TimeDelta::hours(hours),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status,
        }
    }

    fn intention(id: i64, session: Option<i64>, text: &str) -> Intention {
        Intention {
            id: IntentionId(id),
            session: session.map(SessionId),
            text: text.into(),
            set_at: t0(),
            reflection: None,
            reflected_at: None,
            replaced_at: None,
            earlier_reflections: Vec::new(),
        }
    }

    #[test]
    fn an_open_window_leads_with_its_own_session() {
        let sessions = [
            session(1, -2, SessionStatus::Done),
            session(2, 48, SessionStatus::Planned),
        ];
        let intentions = [
            intention(1, Some(1), "this one"),
            intention(2, Some(2), "next"),
        ];
        let open = leading(
            &intentions,
            &sessions,
            Some((SessionId(1), sessions[0].at)),
            t0(),
        )
        .unwrap();
        assert_eq!(open.intention.unwrap().text, "this one");
        let closed = leading(&intentions, &sessions, None, t0()).unwrap();
        assert_eq!(
            closed.lead_for,
            LeadFor::Planned {
                session: SessionId(2),
                at: sessions[1].at
            }
        );
        assert_eq!(closed.intention.unwrap().text, "next");
        assert_eq!(
            intention::target_session(&sessions, t0()),
            Some(SessionId(2))
        );
    }

    #[test]
    fn without_a_plan_a_waiting_intention_attaches_to_the_next_logged() {
        let sessions = [session(1, -200, SessionStatus::Done)];
        assert_eq!(leading(&[], &sessions, None, t0()), None);
        let waiting = [intention(1, None, "soft")];
        let lead = leading(&waiting, &sessions, None, t0()).unwrap();
        assert_eq!(lead.lead_for, LeadFor::NextLogged);
        assert_eq!(intention::target_session(&sessions, t0()), None);
    }
}
