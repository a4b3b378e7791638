//! Ketamine sessions, logged (done) or planned.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub i64);

/// How the medicine was given. Kept as plain words in the database and the
/// command line so that exports stay readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    Infusion,
    Intramuscular,
    Lozenge,
    NasalSpray,
    Other,
}

impl SessionKind {
    pub const ALL: [SessionKind; 5] = [
        SessionKind::Infusion,
        SessionKind::Intramuscular,
        SessionKind::Lozenge,
        SessionKind::NasalSpray,
        SessionKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Infusion => "infusion",
            SessionKind::Intramuscular => "intramuscular",
            SessionKind::Lozenge => "lozenge",
            SessionKind::NasalSpray => "nasal-spray",
            SessionKind::Other => "other",
        }
    }

    /// Words for people, e.g. "nasal spray".
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::NasalSpray => "nasal spray",
            other => other.as_str(),
        }
    }
}

impl fmt::Display for SessionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SessionKind {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        match norm.as_str() {
            "infusion" | "iv" => Ok(SessionKind::Infusion),
            "intramuscular" | "im" => Ok(SessionKind::Intramuscular),
            "lozenge" | "troche" => Ok(SessionKind::Lozenge),
            "nasal-spray" | "nasal" | "spray" => Ok(SessionKind::NasalSpray),
            "other" => Ok(SessionKind::Other),
            _ => Err(DomainError::UnknownKind(s.to_string())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionStatus {
    /// On the calendar, not yet happened (or not yet confirmed).
    Planned,
    /// Happened; only done sessions open a plasticity window.
    Done,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Done => "done",
        }
    }
}

impl FromStr for SessionStatus {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "planned" => Ok(SessionStatus::Planned),
            "done" => Ok(SessionStatus::Done),
            other => Err(DomainError::UnknownKind(other.to_string())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub at: DateTime<Utc>,
    pub kind: SessionKind,
    pub dose_mg: Option<f64>,
    pub note: Option<String>,
    pub status: SessionStatus,
}

impl Session {
    pub fn is_done(&self) -> bool {
        self.status == SessionStatus::Done
    }
}

/// Checks a dose typed by a person: positive and finite.
pub fn validate_dose(dose_mg: Option<f64>) -> Result<Option<f64>, DomainError> {
    match dose_mg {
        Some(d) if !(d.is_finite() && d > 0.0) => Err(DomainError::BadDose(d)),
        // Far above any dose in use; a bigger number is almost surely a typo
        // (or grams), and it would spoil lists and exports.
        Some(d) if d > MAX_DOSE_MG => Err(DomainError::DoseTooLarge(d)),
        other => Ok(other),
    }
}

/// The largest dose afterglow records, in milligrams.
pub const MAX_DOSE_MG: f64 = 2000.0;

/// The done sessions at or before `now`, oldest first.
pub fn done_before<'a>(
    sessions: &'a [Session],
    now: DateTime<Utc>,
) -> impl Iterator<Item = &'a Session> + 'a {
    sessions.iter().filter(move |s| s.is_done() && s.at <= now)
}

/// The earliest planned session at or after `now`.
pub fn next_planned(sessions: &[Session], now: DateTime<Utc>) -> Option<&Session> {
    sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Planned && s.at >= now)
        .min_by_key(|s| s.at)
}

/// Planned sessions whose time passed more than `grace` ago without being
/// logged, oldest first: the dashboard asks, gently, whether each one
/// happened, so that no plan stays "planned" for ever.
pub fn passed_plans(
    sessions: &[Session],
    now: DateTime<Utc>,
    grace: chrono::TimeDelta,
) -> impl Iterator<Item = &Session> {
    sessions.iter().filter(move |s| {
        s.status == SessionStatus::Planned
            && s.at.checked_add_signed(grace).is_some_and(|t| t <= now)
    })
}

/// The planned session that a session logged at `at` most likely is: one
/// planned for the same local day, the nearest in time. Logging it confirms
/// the plan (and keeps its intention) instead of leaving a stale entry.
pub fn planned_match<'a, Tz: TimeZone>(
    sessions: &'a [Session],
    at: DateTime<Utc>,
    tz: &Tz,
) -> Option<&'a Session> {
    let day = super::time::local_date(at, tz);
    sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Planned)
        .filter(|s| super::time::local_date(s.at, tz) == day)
        .min_by_key(|s| (s.at - at).abs())
}

/// A planned session confirmed as done at `at`: what the person said
/// when logging it wins, and what they left out comes from the plan. The
/// one rule for both faces (the use case `usecase::session::log`; the
/// dashboard's confirmation builds the same).
pub fn confirming(
    planned: &Session,
    at: DateTime<Utc>,
    kind: Option<SessionKind>,
    dose_mg: Option<f64>,
    note: Option<String>,
) -> Session {
    Session {
        at,
        kind: kind.unwrap_or(planned.kind),
        dose_mg: dose_mg.or(planned.dose_mg),
        note: note.or_else(|| planned.note.clone()),
        status: SessionStatus::Done,
        ..planned.clone()
    }
}

/// A session about to be stored (it has no id yet).
#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub at: DateTime<Utc>,
    pub kind: SessionKind,
    pub dose_mg: Option<f64>,
    pub note: Option<String>,
    pub status: SessionStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_accept_friendly_spellings() {
        for k in SessionKind::ALL {
            assert_eq!(k.as_str().parse::<SessionKind>().unwrap(), k);
        }
        assert_eq!(
            "Nasal Spray".parse::<SessionKind>().unwrap(),
            SessionKind::NasalSpray
        );
        assert_eq!(
            "IM".parse::<SessionKind>().unwrap(),
            SessionKind::Intramuscular
        );
        assert!(matches!(
            "pill".parse::<SessionKind>(),
            Err(DomainError::UnknownKind(_))
        ));
    }

    #[test]
    fn a_plan_on_the_same_local_day_is_the_one_being_logged() {
        use chrono::FixedOffset;
        let tz = FixedOffset::east_opt(-5 * 3600).unwrap();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let s = |id, when: &str, status| Session {
            id: SessionId(id),
            at: at(when),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status,
        };
        let list = [
            s(1, "2026-03-10T15:00:00Z", SessionStatus::Planned),
            s(2, "2026-03-11T04:00:00Z", SessionStatus::Planned), // 23:00 on the 10th locally
            s(3, "2026-03-10T16:00:00Z", SessionStatus::Done),
        ];
        let found = planned_match(&list, at("2026-03-11T03:00:00Z"), &tz).unwrap();
        assert_eq!(found.id, SessionId(2));
        assert!(planned_match(&list, at("2026-03-12T15:00:00Z"), &tz).is_none());
    }

    #[test]
    fn doses_must_be_positive_and_finite() {
        assert_eq!(validate_dose(None), Ok(None));
        assert_eq!(validate_dose(Some(35.0)), Ok(Some(35.0)));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 2000.5, 1e308] {
            assert!(validate_dose(Some(bad)).is_err(), "{bad}");
        }
    }
}
