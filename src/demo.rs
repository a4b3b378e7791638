//! A realistic, seeded demo history (see `afterglow demo`).
//!
//! Pure like the domain: the clock and the zone come in as parameters and
//! the randomness from a seed, so the same arguments always give the same
//! history and tests can pin every one of them. It is a [`History`] like
//! any other, written through the ordinary import path (see [`batch`]).
//!
//! The shape follows how ketamine therapy usually goes: an induction course
//! of 6-8 sessions over two to three weeks, then boosters every three to
//! eight weeks, now and then a re-induction after a longer gap. Around the
//! sessions: an intention the day before, a reflection a day or two after,
//! a therapy visit a day or two after many of them, a journal that is
//! busier and lighter in the days after a session, and daily habits kept
//! imperfectly, with missed days and lapses of a week or two.
//!
//! Underneath it all runs one mood curve (see `make::mood`): low before
//! the first course, lifted for weeks after each course and for about a
//! week after each booster (a few days longer when the window held a
//! therapy visit), then back. Journal moods and daily check-ins (most
//! days, not all) are both drawn around it, and so are the answers to a
//! questionnaire every two weeks when one is handed in.
//!
//! The copy is written calmly, like the rest of afterglow, and nothing in it
//! asks for more or bigger doses.

mod make;
mod rng;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use thiserror::Error;

use crate::domain::checkin::{CheckInId, Scale};
use crate::domain::questionnaire::{Questionnaire, ResultId};
use crate::domain::{
    self, DomainError, HabitId, HabitKind, HabitRole, History, IntentionId, JournalId, Mood,
    SessionId, SessionKind, SessionStatus, TherapyId,
};
use crate::store::Batch;

/// The seed `afterglow demo` uses unless told otherwise, so that two
/// newcomers see the same made-up person.
pub const DEFAULT_SEED: u64 = 1;
/// Enough history for every pane to have something to show, quick to write.
pub const DEFAULT_YEARS: u32 = 2;
pub const MIN_YEARS: u32 = 1;
/// Far beyond any real record; only a guard against absurd arguments.
pub const MAX_YEARS: u32 = 50;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum DemoError {
    #[error("a demo history is {MIN_YEARS} to {MAX_YEARS} years long, not {0}")]
    Years(u32),
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The questionnaire handed in could not be answered (its choices do
    /// not fit its items); a shipped one always can.
    #[error("the demo could not answer the questionnaire: {0}")]
    Answers(String),
}

/// A whole made-up history as it is made up: records refer to each other by
/// their index in these vectors; [`Demo::into_history`] gives them ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    /// The first local day of the history.
    pub first_day: NaiveDate,
    /// Oldest first; the last one may be planned (in the future).
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    /// Oldest first.
    pub journal: Vec<Entry>,
    /// Oldest first.
    pub therapy: Vec<Visit>,
    /// The three defaults of a first run (same names and roles) first, then
    /// the person's own.
    pub habits: Vec<Habit>,
    /// By day, then habit.
    pub ticks: Vec<Tick>,
    /// Oldest first; at most one a local day.
    pub checkins: Vec<CheckIn>,
    /// Oldest first: one questionnaire, every two weeks, most times.
    pub results: Vec<Answered>,
}

/// What was answered to a questionnaire once.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub key: String,
    pub name: String,
    pub version: String,
    pub at: DateTime<Utc>,
    pub answers: Vec<i64>,
    pub total: i64,
    pub band: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckIn {
    pub at: DateTime<Utc>,
    pub mood: Mood,
    pub anxiety: Option<Scale>,
    pub energy: Option<Scale>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub at: DateTime<Utc>,
    pub kind: SessionKind,
    pub dose_mg: Option<f64>,
    pub note: Option<String>,
    pub status: SessionStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Intention {
    /// Index into [`Demo::sessions`].
    pub session: Option<usize>,
    pub text: String,
    pub set_at: DateTime<Utc>,
    /// The reflection and when it was written.
    pub reflection: Option<(String, DateTime<Utc>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub written_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    /// Index into [`Demo::sessions`]: the window the entry was written in.
    pub session: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    pub name: String,
    pub kind: HabitKind,
    pub role: HabitRole,
    pub since: NaiveDate,
    pub archived: bool,
    pub schedule: crate::domain::habit::Schedule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Index into [`Demo::habits`].
    pub habit: usize,
    pub day: NaiveDate,
    pub amount: Option<f64>,
}

/// Makes up `years` of history ending at `now`, in the zone `tz`.
///
/// The newest done session is a day or two before `now`, so the dashboard
/// opens inside a live window, and the next booster is planned a few weeks
/// ahead. Everything else happened at or before `now`.
pub fn generate<Tz: TimeZone>(
    years: u32,
    seed: u64,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<History, DemoError> {
    Ok(make::made_up(years, seed, now, tz, None)?.into_history())
}

/// Like [`generate`], with `questionnaire` answered every two weeks (most
/// times), its totals following the mood of the week before. The demo
/// reads no files: `afterglow demo` hands it the shipped weekly
/// reflection. Everything else is as [`generate`] makes it.
pub fn generate_answering<Tz: TimeZone>(
    years: u32,
    seed: u64,
    now: DateTime<Utc>,
    tz: &Tz,
    questionnaire: &Questionnaire,
) -> Result<History, DemoError> {
    Ok(make::made_up(years, seed, now, tz, Some(questionnaire))?.into_history())
}

/// A made-up history as an import: it goes only into a database without a
/// history of its own (made-up data must never mix with a person's), and
/// habits named like the defaults of a first run get those habits' ticks.
pub fn batch(history: History) -> Batch {
    Batch {
        only_into_empty: true,
        ..Batch::part(history)
    }
}

/// The id of the record at `index`: 1, 2, … in the order made up, as a
/// fresh database would number them.
fn id(index: usize) -> i64 {
    i64::try_from(index).map_or(i64::MAX, |i| i.saturating_add(1))
}

impl Demo {
    /// The records with ids in place of indexes.
    pub fn into_history(self) -> History {
        let session = |i: Option<usize>| i.map(|i| SessionId(id(i)));
        History {
            sessions: self
                .sessions
                .into_iter()
                .enumerate()
                .map(|(i, s)| domain::Session {
                    id: SessionId(id(i)),
                    at: s.at,
                    kind: s.kind,
                    dose_mg: s.dose_mg,
                    note: s.note,
                    status: s.status,
                })
                .collect(),
            intentions: self
                .intentions
                .into_iter()
                .enumerate()
                .map(|(i, x)| {
                    let (reflection, reflected_at) = x.reflection.unzip();
                    domain::Intention {
                        id: IntentionId(id(i)),
                        session: session(x.session),
                        text: x.text,
                        set_at: x.set_at,
                        reflection,
                        reflected_at,
                        replaced_at: None,
                        earlier_reflections: Vec::new(),
                    }
                })
                .collect(),
            journal: self
                .journal
                .into_iter()
                .enumerate()
                .map(|(i, e)| domain::JournalEntry {
                    id: JournalId(id(i)),
                    written_at: e.written_at,
                    updated_at: e.written_at,
                    body: e.body,
                    mood: e.mood,
                    session: session(e.session),
                })
                .collect(),
            therapy: self
                .therapy
                .into_iter()
                .enumerate()
                .map(|(i, v)| domain::TherapyVisit {
                    id: TherapyId(id(i)),
                    at: v.at,
                    note: v.note,
                })
                .collect(),
            habits: self
                .habits
                .into_iter()
                .enumerate()
                .map(|(i, h)| domain::Habit {
                    id: HabitId(id(i)),
                    name: h.name,
                    kind: h.kind,
                    role: h.role,
                    archived: h.archived,
                    since: h.since,
                    schedule: h.schedule,
                })
                .collect(),
            ticks: self
                .ticks
                .into_iter()
                .map(|t| domain::Tick {
                    habit: HabitId(id(t.habit)),
                    day: t.day,
                    amount: t.amount,
                })
                .collect(),
            checkins: self
                .checkins
                .into_iter()
                .enumerate()
                .map(|(i, c)| domain::checkin::CheckIn {
                    id: CheckInId(id(i)),
                    at: c.at,
                    mood: c.mood,
                    anxiety: c.anxiety,
                    energy: c.energy,
                    note: c.note,
                })
                .collect(),
            questionnaire_results: self
                .results
                .into_iter()
                .enumerate()
                .map(|(i, r)| domain::questionnaire::Answered {
                    id: ResultId(id(i)),
                    key: r.key,
                    name: r.name,
                    version: r.version,
                    at: r.at,
                    answers: r.answers,
                    total: r.total,
                    band: r.band,
                })
                .collect(),
            drafts: Vec::new(),
            treatment: Vec::new(),
        }
    }
}
