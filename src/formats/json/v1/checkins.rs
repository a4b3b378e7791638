//! The records of migration 8 in version 1 of the export: check-ins and
//! questionnaire results, frozen like the rest of the file (see the parent
//! module).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Mood;
use crate::domain::{self, checkin::CheckInId, questionnaire::ResultId};

/// An anxiety or energy rating from 0 to 10, refused outside it as the
/// domain refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Scale(domain::checkin::Scale);

impl TryFrom<i64> for Scale {
    type Error = domain::DomainError;
    fn try_from(v: i64) -> Result<Scale, Self::Error> {
        domain::checkin::Scale::new(v).map(Scale)
    }
}

impl From<Scale> for i64 {
    fn from(s: Scale) -> i64 {
        i64::from(s.0.get())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub mood: Mood,
    pub anxiety: Option<Scale>,
    pub energy: Option<Scale>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireResult {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub version: String,
    pub at: DateTime<Utc>,
    /// Each item's score, in item order.
    pub answers: Vec<i64>,
    pub total: i64,
    pub band: Option<String>,
}

impl From<&domain::checkin::CheckIn> for CheckIn {
    fn from(c: &domain::checkin::CheckIn) -> CheckIn {
        CheckIn {
            id: c.id.0,
            at: c.at,
            mood: Mood(c.mood),
            anxiety: c.anxiety.map(Scale),
            energy: c.energy.map(Scale),
            note: c.note.clone(),
        }
    }
}

impl From<CheckIn> for domain::checkin::CheckIn {
    fn from(c: CheckIn) -> domain::checkin::CheckIn {
        domain::checkin::CheckIn {
            id: CheckInId(c.id),
            at: c.at,
            mood: c.mood.0,
            anxiety: c.anxiety.map(|s| s.0),
            energy: c.energy.map(|s| s.0),
            note: c.note,
        }
    }
}

impl From<&domain::questionnaire::Answered> for QuestionnaireResult {
    fn from(r: &domain::questionnaire::Answered) -> QuestionnaireResult {
        QuestionnaireResult {
            id: r.id.0,
            key: r.key.clone(),
            name: r.name.clone(),
            version: r.version.clone(),
            at: r.at,
            answers: r.answers.clone(),
            total: r.total,
            band: r.band.clone(),
        }
    }
}

impl From<QuestionnaireResult> for domain::questionnaire::Answered {
    fn from(r: QuestionnaireResult) -> domain::questionnaire::Answered {
        domain::questionnaire::Answered {
            id: ResultId(r.id),
            key: r.key,
            name: r.name,
            version: r.version,
            at: r.at,
            answers: r.answers,
            total: r.total,
            band: r.band,
        }
    }
}
