//! Journal entries, moods and therapy visits.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::plasticity::WindowConfig;
use super::session::{Session, SessionId};
use super::{DomainError, time};

/// The most one journal entry (or one reflection or note) may hold, in
/// bytes of UTF-8: about 40,000 words, far beyond any entry written by
/// hand, and small enough that the editor's autosave of the whole text on
/// each keystroke stays quick. The CLI, the importers and the editor all
/// refuse more with this number in the message.
pub const MAX_ENTRY_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JournalId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TherapyId(pub i64);

/// A mood from 1 (very low) to 10 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Mood(u8);

impl Mood {
    pub fn new(value: i64) -> Result<Self, DomainError> {
        match u8::try_from(value) {
            Ok(v @ 1..=10) => Ok(Mood(v)),
            _ => Err(DomainError::MoodOutOfRange(value)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Mood {
    type Error = DomainError;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        Mood::new(v)
    }
}

impl From<Mood> for i64 {
    fn from(m: Mood) -> i64 {
        i64::from(m.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: JournalId,
    pub written_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    /// The session whose window the entry was written in, if any.
    pub session: Option<SessionId>,
}

impl JournalEntry {
    /// The first line, for lists.
    pub fn title(&self) -> &str {
        self.body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty)")
    }
}

/// A therapy or integration-coaching appointment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TherapyVisit {
    pub id: TherapyId,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// The session whose window an entry written at `at` belongs to: the newest
/// done session at or before `at` whose extended window is still open.
pub fn session_for_entry(
    sessions: &[Session],
    at: DateTime<Utc>,
    cfg: &WindowConfig,
) -> Option<SessionId> {
    let s = super::plasticity::governing(sessions, at)?;
    let closes = time::add(s.at, cfg.extended_end()).ok()?;
    (at < closes).then_some(s.id)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::{SessionKind, SessionStatus};
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn moods_are_one_to_ten() {
        assert!(Mood::new(0).is_err());
        assert!(Mood::new(11).is_err());
        assert!(Mood::new(-3).is_err());
        assert_eq!(Mood::new(7).unwrap().get(), 7);
        assert!(serde_json::from_str::<Mood>("12").is_err());
        assert_eq!(serde_json::from_str::<Mood>("3").unwrap().get(), 3);
    }

    #[test]
    fn entries_link_to_the_window_they_were_written_in() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap();
        let s = |id, h| Session {
            id: SessionId(id),
            at: t0 + TimeDelta::hours(h),
            kind: SessionKind::Lozenge,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        };
        let sessions = [s(1, 0), s(2, 72)];
        let cfg = WindowConfig::default();
        let at = |h| t0 + TimeDelta::hours(h);
        assert_eq!(session_for_entry(&sessions, at(-1), &cfg), None);
        assert_eq!(
            session_for_entry(&sessions, at(5), &cfg),
            Some(SessionId(1))
        );
        assert_eq!(
            session_for_entry(&sessions, at(80), &cfg),
            Some(SessionId(2))
        );
        assert_eq!(session_for_entry(&sessions, at(72 + 14 * 24), &cfg), None);
    }

    #[test]
    fn titles_skip_blank_lines() {
        let e = JournalEntry {
            id: JournalId(1),
            written_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            body: "\n  \n  First real line\nsecond".into(),
            mood: None,
            session: None,
        };
        assert_eq!(e.title(), "First real line");
    }
}
