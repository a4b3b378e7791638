//! Export formats: JSON, CSV, a Markdown report, an HTML report, an
//! iCalendar file.
//!
//! Each format is a pure function from an [`Export`] (with the settings,
//! `now` and the zone as parameters) to text or bytes; `cli/export.rs`
//! writes the result to stdout or to owner-only files. Nothing here reads
//! the clock or touches a file, so every format is tested with fixed
//! instants and zones.
//!
//! The report and the calendar derive plans, courses and windows through
//! the domain from the whole history, and only then keep what falls in the
//! chosen days: a journal entry written the day after `--until` still
//! counts toward the plan of a session inside it.

pub mod csv;
pub mod html;
pub mod ics;
pub mod json;
pub mod md;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Display;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::domain::{DomainError, History, Session, SessionId, time};

#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// The local days an export covers, both ends included; `None` leaves
/// that end open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Days {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Days {
    /// Every day: the whole history.
    pub const ALL: Days = Days {
        since: None,
        until: None,
    };

    pub fn is_all(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| day >= s) && self.until.is_none_or(|u| day <= u)
    }

    /// Whether an instant falls on one of these days in `tz`.
    pub fn holds<Tz: TimeZone>(&self, at: DateTime<Utc>, tz: &Tz) -> bool {
        self.is_all() || self.contains(time::local_date(at, tz))
    }
}

/// The part of an export that falls on `days`, in the same shape and
/// order, so that a filtered JSON export imports like a whole one.
///
/// Sessions, journal entries, therapy visits, check-ins, questionnaire
/// results and the draft are kept by their local day, ticks by their day. An intention goes with its
/// session; one still waiting for a session is kept by the day it was set.
/// Habits are definitions, not events, and are all kept (ticks refer to
/// them). A link to a session outside the days is dropped, so the result
/// never points at a record it does not hold. With every day, it is the
/// export itself, borrowed rather than copied.
pub fn select<'a, Tz: TimeZone>(export: &'a History, days: Days, tz: &Tz) -> Cow<'a, History> {
    if days.is_all() {
        return Cow::Borrowed(export);
    }
    let sessions: Vec<Session> = export
        .sessions
        .iter()
        .filter(|s| days.holds(s.at, tz))
        .cloned()
        .collect();
    let kept: HashSet<SessionId> = sessions.iter().map(|s| s.id).collect();
    let intentions = export
        .intentions
        .iter()
        .filter(|i| match i.session {
            Some(id) => kept.contains(&id),
            None => days.holds(i.set_at, tz),
        })
        .cloned()
        .collect();
    let journal = export
        .journal
        .iter()
        .filter(|e| days.holds(e.written_at, tz))
        .map(|e| {
            let mut e = e.clone();
            e.session = e.session.filter(|id| kept.contains(id));
            e
        })
        .collect();
    Cow::Owned(History {
        sessions,
        intentions,
        journal,
        habits: export.habits.clone(),
        ticks: export
            .ticks
            .iter()
            .filter(|t| days.contains(t.day))
            .copied()
            .collect(),
        treatment: export.treatment.clone(),
        therapy: export
            .therapy
            .iter()
            .filter(|v| days.holds(v.at, tz))
            .cloned()
            .collect(),
        drafts: export
            .drafts
            .iter()
            .filter(|d| days.holds(d.saved_at, tz))
            .cloned()
            .collect(),
        checkins: export
            .checkins
            .iter()
            .filter(|c| days.holds(c.at, tz))
            .cloned()
            .collect(),
        questionnaire_results: export
            .questionnaire_results
            .iter()
            .filter(|r| days.holds(r.at, tz))
            .cloned()
            .collect(),
    })
}

/// An instant in the user's zone, in a chrono format.
pub(crate) fn local<Tz>(at: DateTime<Utc>, tz: &Tz, format: &str) -> String
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    at.with_timezone(tz).format(format).to_string()
}

/// A note worth showing: trimmed, and `None` when nothing but white space
/// was kept, so that no format prints a label with nothing after it.
pub(crate) fn words(note: Option<&str>) -> Option<&str> {
    note.map(str::trim).filter(|n| !n.is_empty())
}

/// What a session was, as a sentence: "Infusion, 35 mg." or "Lozenge.".
pub(crate) fn kind_and_dose(session: &Session) -> String {
    let mut chars = session.kind.label().chars();
    let kind: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    match session.dose_mg {
        Some(d) => format!("{kind}, {d} mg."),
        None => format!("{kind}."),
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A small history shared by the format tests.

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use crate::domain::History;
    use crate::domain::checkin::{CheckIn, CheckInId, Scale};
    use crate::domain::questionnaire::{Answered, ResultId};
    use crate::domain::{
        Habit, HabitId, HabitKind, HabitRole, Intention, IntentionId, JournalEntry, JournalId,
        Mood, Session, SessionId, SessionKind, SessionStatus, TherapyId, TherapyVisit, Tick,
    };

    pub fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    pub fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 20, 12, 0, 0).unwrap()
    }

    /// Two sessions in April 2026 (one with an awkward note), a planned
    /// one ahead, entries, ticks and a therapy visit.
    pub fn export() -> History {
        let session = |id, when: &str, status, note: Option<&str>| Session {
            id: SessionId(id),
            at: at(when),
            kind: SessionKind::Infusion,
            dose_mg: Some(35.0),
            note: note.map(str::to_string),
            status,
        };
        let entry = |id, when: &str, body: &str, mood: Option<i64>, s: Option<i64>| JournalEntry {
            id: JournalId(id),
            written_at: at(when),
            updated_at: at(when),
            body: body.into(),
            mood: mood.map(|m| Mood::new(m).unwrap()),
            session: s.map(SessionId),
        };
        let habit = |id, name: &str, kind, role| Habit {
            id: HabitId(id),
            name: name.into(),
            kind,
            role,
            archived: false,
            since: day("2026-03-30"),
            schedule: Default::default(),
        };
        let quantity = |unit: &str, target| HabitKind::Quantity {
            unit: unit.into(),
            target,
        };
        let tick = |h, d: &str, amount| Tick {
            habit: HabitId(h),
            day: day(d),
            amount,
        };
        History {
            treatment: Vec::new(),
            sessions: vec![
                session(
                    1,
                    "2026-04-06T10:00:00Z",
                    SessionStatus::Done,
                    Some("Calm; then a wave 🌊, a comma, and\na new line; \\ too"),
                ),
                session(2, "2026-04-09T10:00:00Z", SessionStatus::Done, None),
                session(3, "2026-05-01T09:30:00Z", SessionStatus::Planned, None),
            ],
            intentions: vec![
                Intention {
                    id: IntentionId(1),
                    session: Some(SessionId(1)),
                    text: "Notice my breath".into(),
                    set_at: at("2026-04-05T19:00:00Z"),
                    reflection: Some("I <b>did</b> notice it.".into()),
                    reflected_at: Some(at("2026-04-07T20:00:00Z")),
                    replaced_at: None,
                    earlier_reflections: Vec::new(),
                },
                Intention {
                    id: IntentionId(2),
                    session: None,
                    text: "Be kind to myself".into(),
                    set_at: at("2026-04-19T19:00:00Z"),
                    reflection: None,
                    reflected_at: None,
                    replaced_at: None,
                    earlier_reflections: Vec::new(),
                },
            ],
            journal: vec![
                entry(4, "2026-04-15T08:00:00Z", "A quiet week.", Some(5), None),
                entry(3, "2026-04-09T20:00:00Z", "Second one.", Some(6), Some(2)),
                entry(
                    2,
                    "2026-04-07T09:00:00Z",
                    "Slept well.\nWalked by the river.\n\nFelt | light.",
                    Some(8),
                    Some(1),
                ),
                entry(1, "2026-04-06T14:00:00Z", "Still hazy", None, Some(1)),
            ],
            habits: vec![
                habit(1, "Sleep", quantity("h", 7.0), HabitRole::Sleep),
                habit(2, "Exercise", quantity("min", 30.0), HabitRole::Exercise),
                habit(
                    3,
                    "Meditation",
                    quantity("min", 10.0),
                    HabitRole::Meditation,
                ),
                habit(4, "Walk, outside", HabitKind::YesNo, HabitRole::Custom),
            ],
            ticks: vec![
                tick(1, "2026-04-07", Some(8.0)),
                tick(1, "2026-04-08", Some(6.0)),
                tick(2, "2026-04-07", Some(30.0)),
                tick(3, "2026-04-06", Some(10.0)),
                tick(4, "2026-04-13", None),
            ],
            therapy: vec![TherapyVisit {
                id: TherapyId(1),
                at: at("2026-04-07T15:00:00Z"),
                note: Some("Talked, about work".into()),
            }],
            drafts: Vec::new(),
            checkins: Vec::new(),
            questionnaire_results: Vec::new(),
        }
    }

    /// `h` with a check-in (awkward note, no energy) and a questionnaire
    /// result, the records of migration 8.
    pub fn checked_in(mut h: History) -> History {
        h.checkins.push(CheckIn {
            id: CheckInId(1),
            at: at("2026-04-08T07:30:00Z"),
            mood: Mood::new(6).unwrap(),
            anxiety: Some(Scale::new(3).unwrap()),
            energy: None,
            note: Some("=slow start, then \"fine\"".into()),
        });
        h.questionnaire_results.push(Answered {
            id: ResultId(1),
            key: "reflection".into(),
            name: "afterglow's weekly reflection".into(),
            version: "3f2a9c".into(),
            at: at("2026-04-12T18:00:00Z"),
            answers: vec![1, 0, 2, 1],
            total: 4,
            band: Some("settled".into()),
        });
        h
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{day, export};
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn all_days_keep_everything() {
        let e = export();
        assert_eq!(*select(&e, Days::ALL, &Utc), e);
        assert!(matches!(select(&e, Days::ALL, &Utc), Cow::Borrowed(_)));
    }

    #[test]
    fn days_keep_records_by_local_day_and_drop_links_outside() {
        let e = export();
        let days = Days {
            since: Some(day("2026-04-07")),
            until: Some(day("2026-04-15")),
        };
        let s = select(&e, days, &Utc);
        let ids: Vec<i64> = s.sessions.iter().map(|s| s.id.0).collect();
        assert_eq!(ids, [2]);
        // Entry 2 was written in session 1's window, which is left out.
        let links: Vec<(i64, Option<i64>)> = s
            .journal
            .iter()
            .map(|e| (e.id.0, e.session.map(|s| s.0)))
            .collect();
        assert_eq!(links, [(4, None), (3, Some(2)), (2, None)]);
        // Intention 1 goes with session 1; intention 2 was set after.
        assert!(s.intentions.is_empty());
        assert_eq!(s.habits.len(), 4);
        assert_eq!(s.ticks.len(), 4);
        assert_eq!(s.therapy.len(), 1);
    }

    #[test]
    fn check_ins_and_questionnaire_results_are_kept_by_their_local_day() {
        let e = fixture::checked_in(export());
        // The check-in is at 07:30 UTC on 8 April, 23:30 on 7 April at
        // UTC-8; the result at 18:00 UTC on 12 April.
        let pacific = FixedOffset::west_opt(8 * 3600).unwrap();
        let only = |d: &str| Days {
            since: Some(day(d)),
            until: Some(day(d)),
        };
        let s = select(&e, only("2026-04-07"), &pacific);
        assert_eq!(s.checkins, e.checkins);
        assert!(s.questionnaire_results.is_empty());
        let s = select(&e, only("2026-04-08"), &Utc);
        assert_eq!(s.checkins, e.checkins);
        let from_the_tenth = Days {
            since: Some(day("2026-04-10")),
            until: None,
        };
        let s = select(&e, from_the_tenth, &Utc);
        assert!(s.checkins.is_empty());
        assert_eq!(s.questionnaire_results, e.questionnaire_results);
    }

    #[test]
    fn local_days_follow_the_zone() {
        let e = export();
        // 10:00 UTC on 6 April is already 7 April at UTC+14.
        let kiribati = FixedOffset::east_opt(14 * 3600).unwrap();
        let only = |d: &str| Days {
            since: Some(day(d)),
            until: Some(day(d)),
        };
        assert!(
            select(&e, only("2026-04-06"), &kiribati)
                .sessions
                .is_empty()
        );
        assert_eq!(select(&e, only("2026-04-07"), &kiribati).sessions.len(), 1);
        assert!(Days::ALL.contains(day("1900-01-01")));
    }
}
