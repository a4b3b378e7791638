//! Version 1 of the JSON export, frozen: these types are the file, field
//! for field and name for name. They are never the domain's types, so a
//! rename there cannot reach a person's file; a change here that an older
//! afterglow could not read is a new version, not an edit.
//!
//! Names of the structs follow what serde says in an error ("expected
//! struct Session"), which the importer turns into plain words.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{self, HabitId, History, IntentionId, JournalId, SessionId, TherapyId};

mod checkins;

pub use checkins::{CheckIn, QuestionnaireResult, Scale};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// Always "afterglow".
    pub format: String,
    /// Always 1 here.
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// The database's schema when it was written; only informative.
    pub schema_version: i32,
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    pub journal: Vec<JournalEntry>,
    pub habits: Vec<Habit>,
    pub ticks: Vec<Tick>,
    pub therapy: Vec<TherapyVisit>,
    /// The oldest kept draft; written as null when there is none.
    #[serde(default)]
    pub draft: Option<ExportDraft>,
    /// Every other kept draft, oldest first (since issue 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_drafts: Vec<ExportDraft>,
    /// Since issue 9.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub treatment: Vec<TreatmentChange>,
    /// Since issue 13 (schema 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkins: Vec<CheckIn>,
    /// Since issue 13 (schema 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questionnaire_results: Vec<QuestionnaireResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    Infusion,
    Intramuscular,
    Lozenge,
    NasalSpray,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionStatus {
    Planned,
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: SessionKind,
    pub dose_mg: Option<f64>,
    pub note: Option<String>,
    pub status: SessionStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intention {
    pub id: i64,
    pub session: Option<i64>,
    pub text: String,
    pub set_at: DateTime<Utc>,
    pub reflection: Option<String>,
    pub reflected_at: Option<DateTime<Utc>>,
    /// Since issue 9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_at: Option<DateTime<Utc>>,
    /// Since issue 10.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_reflections: Vec<EarlierReflection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierReflection {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflected_at: Option<DateTime<Utc>>,
    pub replaced_at: DateTime<Utc>,
}

/// A mood from 1 to 10, refused outside it as the domain refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Mood(domain::Mood);

impl TryFrom<i64> for Mood {
    type Error = domain::DomainError;
    fn try_from(v: i64) -> Result<Mood, Self::Error> {
        domain::Mood::new(v).map(Mood)
    }
}

impl From<Mood> for i64 {
    fn from(m: Mood) -> i64 {
        i64::from(m.0.get())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: i64,
    pub written_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    pub session: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum HabitKind {
    YesNo,
    Quantity { unit: String, target: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HabitRole {
    Sleep,
    Exercise,
    Meditation,
    Custom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Habit {
    pub id: i64,
    pub name: String,
    pub kind: HabitKind,
    pub role: HabitRole,
    pub archived: bool,
    pub since: NaiveDate,
    /// Days a week for a weekly habit; absent for a daily one (and in every
    /// file written before issue 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_week: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub habit: i64,
    pub day: NaiveDate,
    pub amount: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TherapyVisit {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TreatmentStatus {
    Active,
    Pausing,
    Finished,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreatmentChange {
    pub at: DateTime<Utc>,
    pub status: TreatmentStatus,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDraft {
    pub body: String,
    pub mood: Option<Mood>,
    pub saved_at: DateTime<Utc>,
}

impl Export {
    /// The file of `history`.
    pub fn new(history: &History, exported_at: DateTime<Utc>, schema_version: i32) -> Export {
        let h = history;
        let mut drafts = h.drafts.iter().map(|d| ExportDraft {
            body: d.body.clone(),
            mood: d.mood.map(Mood),
            saved_at: d.saved_at,
        });
        Export {
            format: super::FORMAT.to_string(),
            version: 1,
            exported_at,
            schema_version,
            sessions: h.sessions.iter().map(Session::from).collect(),
            intentions: h.intentions.iter().map(Intention::from).collect(),
            journal: h.journal.iter().map(JournalEntry::from).collect(),
            habits: h.habits.iter().map(Habit::from).collect(),
            ticks: h.ticks.iter().map(Tick::from).collect(),
            therapy: h.therapy.iter().map(TherapyVisit::from).collect(),
            draft: drafts.next(),
            more_drafts: drafts.collect(),
            treatment: h.treatment.iter().map(TreatmentChange::from).collect(),
            checkins: h.checkins.iter().map(CheckIn::from).collect(),
            questionnaire_results: h
                .questionnaire_results
                .iter()
                .map(QuestionnaireResult::from)
                .collect(),
        }
    }

    /// The history the file holds, in the domain's types.
    pub fn into_history(self) -> History {
        History {
            sessions: self.sessions.into_iter().map(Into::into).collect(),
            intentions: self.intentions.into_iter().map(Into::into).collect(),
            journal: self.journal.into_iter().map(Into::into).collect(),
            habits: self.habits.into_iter().map(Into::into).collect(),
            ticks: self.ticks.into_iter().map(Into::into).collect(),
            therapy: self.therapy.into_iter().map(Into::into).collect(),
            drafts: self
                .draft
                .into_iter()
                .chain(self.more_drafts)
                .map(|d| domain::history::Draft {
                    body: d.body,
                    mood: d.mood.map(|m| m.0),
                    saved_at: d.saved_at,
                })
                .collect(),
            treatment: self.treatment.into_iter().map(Into::into).collect(),
            checkins: self.checkins.into_iter().map(Into::into).collect(),
            questionnaire_results: self
                .questionnaire_results
                .into_iter()
                .map(Into::into)
                .collect(),
        }
    }
}

impl From<&domain::Session> for Session {
    fn from(s: &domain::Session) -> Session {
        Session {
            id: s.id.0,
            at: s.at,
            kind: match s.kind {
                domain::SessionKind::Infusion => SessionKind::Infusion,
                domain::SessionKind::Intramuscular => SessionKind::Intramuscular,
                domain::SessionKind::Lozenge => SessionKind::Lozenge,
                domain::SessionKind::NasalSpray => SessionKind::NasalSpray,
                domain::SessionKind::Other => SessionKind::Other,
            },
            dose_mg: s.dose_mg,
            note: s.note.clone(),
            status: match s.status {
                domain::SessionStatus::Planned => SessionStatus::Planned,
                domain::SessionStatus::Done => SessionStatus::Done,
            },
        }
    }
}

impl From<Session> for domain::Session {
    fn from(s: Session) -> domain::Session {
        domain::Session {
            id: SessionId(s.id),
            at: s.at,
            kind: match s.kind {
                SessionKind::Infusion => domain::SessionKind::Infusion,
                SessionKind::Intramuscular => domain::SessionKind::Intramuscular,
                SessionKind::Lozenge => domain::SessionKind::Lozenge,
                SessionKind::NasalSpray => domain::SessionKind::NasalSpray,
                SessionKind::Other => domain::SessionKind::Other,
            },
            dose_mg: s.dose_mg,
            note: s.note,
            status: match s.status {
                SessionStatus::Planned => domain::SessionStatus::Planned,
                SessionStatus::Done => domain::SessionStatus::Done,
            },
        }
    }
}

impl From<&domain::Intention> for Intention {
    fn from(i: &domain::Intention) -> Intention {
        Intention {
            id: i.id.0,
            session: i.session.map(|s| s.0),
            text: i.text.clone(),
            set_at: i.set_at,
            reflection: i.reflection.clone(),
            reflected_at: i.reflected_at,
            replaced_at: i.replaced_at,
            earlier_reflections: i
                .earlier_reflections
                .iter()
                .map(|e| EarlierReflection {
                    text: e.text.clone(),
                    reflected_at: e.reflected_at,
                    replaced_at: e.replaced_at,
                })
                .collect(),
        }
    }
}

impl From<Intention> for domain::Intention {
    fn from(i: Intention) -> domain::Intention {
        domain::Intention {
            id: IntentionId(i.id),
            session: i.session.map(SessionId),
            text: i.text,
            set_at: i.set_at,
            reflection: i.reflection,
            reflected_at: i.reflected_at,
            replaced_at: i.replaced_at,
            earlier_reflections: i
                .earlier_reflections
                .into_iter()
                .map(|e| domain::EarlierReflection {
                    text: e.text,
                    reflected_at: e.reflected_at,
                    replaced_at: e.replaced_at,
                })
                .collect(),
        }
    }
}

impl From<&domain::JournalEntry> for JournalEntry {
    fn from(e: &domain::JournalEntry) -> JournalEntry {
        JournalEntry {
            id: e.id.0,
            written_at: e.written_at,
            updated_at: e.updated_at,
            body: e.body.clone(),
            mood: e.mood.map(Mood),
            session: e.session.map(|s| s.0),
        }
    }
}

impl From<JournalEntry> for domain::JournalEntry {
    fn from(e: JournalEntry) -> domain::JournalEntry {
        domain::JournalEntry {
            id: JournalId(e.id),
            written_at: e.written_at,
            updated_at: e.updated_at,
            body: e.body,
            mood: e.mood.map(|m| m.0),
            session: e.session.map(SessionId),
        }
    }
}

impl From<&domain::Habit> for Habit {
    fn from(h: &domain::Habit) -> Habit {
        Habit {
            id: h.id.0,
            name: h.name.clone(),
            kind: match &h.kind {
                domain::HabitKind::YesNo => HabitKind::YesNo,
                domain::HabitKind::Quantity { unit, target } => HabitKind::Quantity {
                    unit: unit.clone(),
                    target: *target,
                },
            },
            role: match h.role {
                domain::HabitRole::Sleep => HabitRole::Sleep,
                domain::HabitRole::Exercise => HabitRole::Exercise,
                domain::HabitRole::Meditation => HabitRole::Meditation,
                domain::HabitRole::Custom => HabitRole::Custom,
            },
            archived: h.archived,
            since: h.since,
            per_week: h.schedule.days_a_week(),
        }
    }
}

impl From<Habit> for domain::Habit {
    fn from(h: Habit) -> domain::Habit {
        domain::Habit {
            id: HabitId(h.id),
            name: h.name,
            kind: match h.kind {
                HabitKind::YesNo => domain::HabitKind::YesNo,
                HabitKind::Quantity { unit, target } => {
                    domain::HabitKind::Quantity { unit, target }
                }
            },
            role: match h.role {
                HabitRole::Sleep => domain::HabitRole::Sleep,
                HabitRole::Exercise => domain::HabitRole::Exercise,
                HabitRole::Meditation => domain::HabitRole::Meditation,
                HabitRole::Custom => domain::HabitRole::Custom,
            },
            archived: h.archived,
            since: h.since,
            // Absent, or a number no afterglow writes: daily.
            schedule: h
                .per_week
                .and_then(|n| domain::habit::Schedule::per_week(i64::from(n)).ok())
                .unwrap_or_default(),
        }
    }
}

impl From<&domain::Tick> for Tick {
    fn from(t: &domain::Tick) -> Tick {
        Tick {
            habit: t.habit.0,
            day: t.day,
            amount: t.amount,
        }
    }
}

impl From<Tick> for domain::Tick {
    fn from(t: Tick) -> domain::Tick {
        domain::Tick {
            habit: HabitId(t.habit),
            day: t.day,
            amount: t.amount,
        }
    }
}

impl From<&domain::TherapyVisit> for TherapyVisit {
    fn from(v: &domain::TherapyVisit) -> TherapyVisit {
        TherapyVisit {
            id: v.id.0,
            at: v.at,
            note: v.note.clone(),
        }
    }
}

impl From<TherapyVisit> for domain::TherapyVisit {
    fn from(v: TherapyVisit) -> domain::TherapyVisit {
        domain::TherapyVisit {
            id: TherapyId(v.id),
            at: v.at,
            note: v.note,
        }
    }
}

impl From<&domain::TreatmentChange> for TreatmentChange {
    fn from(c: &domain::TreatmentChange) -> TreatmentChange {
        TreatmentChange {
            at: c.at,
            status: match c.status {
                domain::TreatmentStatus::Active => TreatmentStatus::Active,
                domain::TreatmentStatus::Pausing => TreatmentStatus::Pausing,
                domain::TreatmentStatus::Finished => TreatmentStatus::Finished,
            },
            note: c.note.clone(),
        }
    }
}

impl From<TreatmentChange> for domain::TreatmentChange {
    fn from(c: TreatmentChange) -> domain::TreatmentChange {
        domain::TreatmentChange {
            at: c.at,
            status: match c.status {
                TreatmentStatus::Active => domain::TreatmentStatus::Active,
                TreatmentStatus::Pausing => domain::TreatmentStatus::Pausing,
                TreatmentStatus::Finished => domain::TreatmentStatus::Finished,
            },
            note: c.note,
        }
    }
}
