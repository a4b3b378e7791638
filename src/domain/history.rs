//! A whole history: every record a person keeps, as one value.
//!
//! The store loads it (`Db::export`), the importers produce it, the demo
//! makes one up, and the export formats read it. It is plain data in the
//! domain's own types, with no file shape of its own: the JSON export has
//! its own frozen, versioned types (`formats::json`), so that renaming a
//! field here never changes a person's file.

use chrono::{DateTime, TimeZone, Utc};

use super::checkin::CheckIn;
use super::plan::{self, PlanConfig, PlanItem};
use super::questionnaire::Answered;
use super::{
    DomainError, Habit, Intention, JournalEntry, Mood, Session, TherapyVisit, Tick,
    TreatmentChange, WindowConfig,
};

/// Unsaved words in a journal editor: the person's words too.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub body: String,
    pub mood: Option<Mood>,
    pub saved_at: DateTime<Utc>,
}

/// Every record, each list in the order the store reads it (sessions,
/// therapy visits, ticks, check-ins and questionnaire results oldest
/// first, the journal newest first).
/// Records refer to each other by id: an entry or intention to its session,
/// a tick to its habit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    pub journal: Vec<JournalEntry>,
    /// Archived ones too.
    pub habits: Vec<Habit>,
    pub ticks: Vec<Tick>,
    pub therapy: Vec<TherapyVisit>,
    /// Every kept draft, oldest first.
    pub drafts: Vec<Draft>,
    /// Each time the person said they were pausing, finished or back,
    /// oldest first.
    pub treatment: Vec<TreatmentChange>,
    /// Daily check-ins, by time (since migration 8).
    pub checkins: Vec<CheckIn>,
    /// What was answered to questionnaires, by time (since migration 8).
    pub questionnaire_results: Vec<Answered>,
}

impl History {
    /// Whether it holds nothing at all.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
            && self.intentions.is_empty()
            && self.journal.is_empty()
            && self.habits.is_empty()
            && self.ticks.is_empty()
            && self.therapy.is_empty()
            && self.drafts.is_empty()
            && self.treatment.is_empty()
            && self.checkins.is_empty()
            && self.questionnaire_results.is_empty()
    }

    /// The history sorted once for integration plans, so that the plan of
    /// each of many sessions looks only at its own window.
    pub fn timeline(&self) -> Timeline<'_> {
        let mut journal_times: Vec<DateTime<Utc>> =
            self.journal.iter().map(|e| e.written_at).collect();
        journal_times.sort();
        let mut therapy_times: Vec<DateTime<Utc>> = self.therapy.iter().map(|v| v.at).collect();
        therapy_times.sort();
        let mut ticks = self.ticks.clone();
        ticks.sort_by_key(|t| t.day);
        Timeline {
            habits: &self.habits,
            journal_times,
            therapy_times,
            ticks,
        }
    }
}

/// What the plans of many sessions are computed from (see
/// [`History::timeline`]).
#[derive(Debug, Clone)]
pub struct Timeline<'a> {
    habits: &'a [Habit],
    journal_times: Vec<DateTime<Utc>>,
    therapy_times: Vec<DateTime<Utc>>,
    ticks: Vec<Tick>,
}

impl Timeline<'_> {
    /// The session's integration plan at `now`, as the dashboard shows it.
    pub fn plan_for<Tz: TimeZone>(
        &self,
        session: &Session,
        now: DateTime<Utc>,
        tz: &Tz,
        window: &WindowConfig,
        plan_cfg: &PlanConfig,
    ) -> Result<Vec<PlanItem>, DomainError> {
        let input = plan::History {
            journal_times: &self.journal_times,
            therapy_times: &self.therapy_times,
            habits: self.habits,
            ticks: &self.ticks,
        };
        input.plan_for(session, now, tz, window, plan_cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{HabitId, JournalId, SessionId, SessionKind, SessionStatus};
    use chrono::{NaiveDate, TimeZone};

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 6, h, 0, 0).unwrap()
    }

    #[test]
    fn an_empty_history_is_empty_and_one_record_is_not() {
        let mut h = History::default();
        assert!(h.is_empty());
        h.drafts.push(Draft {
            body: "half a thought".into(),
            mood: None,
            saved_at: at(9),
        });
        assert!(!h.is_empty());
        let checked_in = History {
            checkins: vec![crate::domain::checkin::CheckIn {
                id: crate::domain::checkin::CheckInId(1),
                at: at(8),
                mood: Mood::new(5).unwrap(),
                anxiety: None,
                energy: None,
                note: None,
            }],
            ..History::default()
        };
        assert!(!checked_in.is_empty());
    }

    #[test]
    fn a_timeline_plans_from_records_in_any_order() {
        let session = Session {
            id: SessionId(1),
            at: at(10),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        };
        let entry = |id, h| JournalEntry {
            id: JournalId(id),
            written_at: at(h),
            updated_at: at(h),
            body: "words".into(),
            mood: None,
            session: None,
        };
        let h = History {
            sessions: vec![session.clone()],
            // Newest first, as the store reads them.
            journal: vec![entry(2, 20), entry(1, 14)],
            ticks: vec![Tick {
                habit: HabitId(9),
                day: NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
                amount: None,
            }],
            ..History::default()
        };
        let now = at(23);
        let cfg = (WindowConfig::default(), PlanConfig::default());
        let from_timeline = h
            .timeline()
            .plan_for(&session, now, &Utc, &cfg.0, &cfg.1)
            .unwrap();
        let times = [at(14), at(20)];
        let direct = plan::History {
            journal_times: &times,
            therapy_times: &[],
            habits: &[],
            ticks: &h.ticks,
        }
        .plan_for(&session, now, &Utc, &cfg.0, &cfg.1)
        .unwrap();
        assert_eq!(from_timeline, direct);
        assert!(!from_timeline.is_empty());
    }
}
