//! Questionnaires defined in files the person supplies, and what was
//! answered to them. afterglow ships no standard scale's wording: a file
//! brings the items, the choices with their scores and the bands.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// One answer a person can give to every item, with its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub label: String,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub text: String,
    /// Any answer above the lowest choice opens crisis help at once.
    pub safety: bool,
}

/// A range of totals and its label ("mild", "moderate", ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    pub min: i64,
    pub max: i64,
    pub label: String,
    /// A total in this band shows the crisis help.
    pub severe: bool,
}

/// A questionnaire as its file defines it, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Questionnaire {
    /// Used on the command line: `afterglow questionnaire KEY`.
    pub key: String,
    pub name: String,
    /// The span the items ask about: "over the last 2 weeks".
    pub recall: String,
    pub choices: Vec<Choice>,
    pub items: Vec<Item>,
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ResultId(pub i64);

/// What was answered to a questionnaire once, as it was on the day: the
/// file may change or go later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answered {
    pub id: ResultId,
    pub key: String,
    pub name: String,
    /// A hash of the questionnaire's items and scores when it was answered.
    pub version: String,
    pub at: DateTime<Utc>,
    /// Each item's score, in item order.
    pub answers: Vec<i64>,
    pub total: i64,
    pub band: Option<String>,
}
