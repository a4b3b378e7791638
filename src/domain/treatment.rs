//! Where the person stands with sessions, in their own words: still in
//! treatment, pausing, or finished. "Why Does Ketamine Require Ongoing
//! Treatment" notes that for some people ketamine is a bridge through a
//! hard time and no more sessions are needed; afterglow takes that at its
//! word and stops showing session countdowns, while the practices, the
//! journal and the habits carry on.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::session::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TreatmentStatus {
    /// Sessions go on (the default, and what a new session means).
    Active,
    /// No sessions planned for now.
    Pausing,
    /// No more sessions planned.
    Finished,
}

impl TreatmentStatus {
    pub const ALL: [TreatmentStatus; 3] = [
        TreatmentStatus::Active,
        TreatmentStatus::Pausing,
        TreatmentStatus::Finished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentStatus::Active => "active",
            TreatmentStatus::Pausing => "pausing",
            TreatmentStatus::Finished => "finished",
        }
    }

    /// What it means, without the word itself: "no more sessions planned".
    pub fn plainly(self) -> &'static str {
        match self {
            TreatmentStatus::Active => "sessions go on",
            TreatmentStatus::Pausing => "no sessions planned for now",
            TreatmentStatus::Finished => "no more sessions planned",
        }
    }

    /// How the dashboard says it, after "Sessions: ".
    pub fn describe(self) -> &'static str {
        match self {
            TreatmentStatus::Active => "in treatment",
            TreatmentStatus::Pausing => "pausing; no sessions planned for now",
            TreatmentStatus::Finished => "finished; no more sessions planned",
        }
    }
}

impl fmt::Display for TreatmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TreatmentStatus {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "active" | "resume" | "resumed" => Ok(TreatmentStatus::Active),
            "pausing" | "pause" | "paused" => Ok(TreatmentStatus::Pausing),
            "finished" | "finish" | "done" => Ok(TreatmentStatus::Finished),
            _ => Err(DomainError::UnknownKind(s.to_string())),
        }
    }
}

/// One time the person said where they stand; the newest one holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreatmentChange {
    pub at: DateTime<Utc>,
    pub status: TreatmentStatus,
    /// In their words, e.g. "ketamine was a bridge".
    pub note: Option<String>,
}

/// The newest change, by time (then by order in the list).
pub fn latest(changes: &[TreatmentChange]) -> Option<&TreatmentChange> {
    changes.iter().max_by_key(|c| c.at)
}

/// The pause or finish in effect at `now`, if any. A session logged after
/// the person said so means they are back: the countdowns return without
/// their having to say it again.
pub fn resting<'a>(
    changes: &'a [TreatmentChange],
    sessions: &[Session],
    now: DateTime<Utc>,
) -> Option<&'a TreatmentChange> {
    let last = changes
        .iter()
        .filter(|c| c.at <= now)
        .max_by_key(|c| c.at)?;
    if last.status == TreatmentStatus::Active {
        return None;
    }
    let back = sessions
        .iter()
        .any(|s| s.is_done() && s.at > last.at && s.at <= now);
    (!back).then_some(last)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::{SessionId, SessionKind, SessionStatus};
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn a_pause_holds_until_a_session_or_a_resume() {
        let t0 = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        let change = |days, status| TreatmentChange {
            at: t0 + TimeDelta::days(days),
            status,
            note: None,
        };
        let session = |days| Session {
            id: SessionId(days),
            at: t0 + TimeDelta::days(days),
            kind: SessionKind::Lozenge,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        };
        let now = t0 + TimeDelta::days(20);
        let changes = [change(5, TreatmentStatus::Finished)];
        assert_eq!(
            resting(&changes, &[session(1)], now).map(|c| c.status),
            Some(TreatmentStatus::Finished)
        );
        // Not yet said at day 3.
        assert!(resting(&changes, &[session(1)], t0 + TimeDelta::days(3)).is_none());
        // A session after it: back in treatment.
        assert!(resting(&changes, &[session(1), session(10)], now).is_none());
        let resumed = [
            change(5, TreatmentStatus::Pausing),
            change(8, TreatmentStatus::Active),
        ];
        assert!(resting(&resumed, &[], now).is_none());
        assert_eq!(latest(&resumed).unwrap().status, TreatmentStatus::Active);
        for s in TreatmentStatus::ALL {
            assert_eq!(s.as_str().parse::<TreatmentStatus>().unwrap(), s);
        }
    }
}
