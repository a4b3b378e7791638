//! Questionnaires defined in files the person supplies, and what was
//! answered to them. afterglow ships no standard scale's wording: a file
//! brings the items, the choices with their scores and the bands.

mod check;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use check::{Invalid, Part, is_control, is_key, validate};

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

/// The longest key: it is typed on the command line.
pub const MAX_KEY_CHARS: usize = 64;
/// A name, a recall span, a choice's or a band's label.
pub const MAX_LABEL_CHARS: usize = 200;
/// An item's text: a sentence or two.
pub const MAX_ITEM_CHARS: usize = 1000;
pub const MAX_ITEMS: usize = 100;
pub const MAX_CHOICES: usize = 20;
pub const MAX_BANDS: usize = 20;
/// Scores stay small, so that no total can overflow (100 items × 10 000).
pub const MAX_SCORE: i64 = 10_000;
/// `afterglow questionnaire list` is a command, so no file may take it.
pub const RESERVED_KEYS: [&str; 1] = ["list"];
/// A total this much above the previous one of the same questionnaire
/// shows the help.
pub const RISE: i64 = 5;

/// The questionnaire's version: FNV-1a (64 bits) over its items' texts and
/// safety marks and its choices' scores, as 16 lowercase hex digits. Names,
/// labels and bands are left out, so that a clearer wording of a choice or
/// a renamed band keeps the results comparable; a changed item or score
/// makes a new version.
///
/// The bytes hashed, in order: for each item, its text's length in bytes
/// (8 bytes, little-endian), its text (UTF-8) and 1 or 0 for `safety`;
/// then the byte 0xFF; then each choice's score (8 bytes, little-endian,
/// two's complement), in file order. Lengths keep "ab"+"c" apart from
/// "a"+"bc". Nothing depends on the platform, so a version never changes
/// between runs or machines.
pub fn version(q: &Questionnaire) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for item in &q.items {
        feed(&(item.text.len() as u64).to_le_bytes());
        feed(item.text.as_bytes());
        feed(&[u8::from(item.safety)]);
    }
    feed(&[0xFF]);
    for c in &q.choices {
        feed(&c.score.to_le_bytes());
    }
    format!("{hash:016x}")
}

/// Why answers do not fit a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("{key} has {want} items, and {got} answers were given; give one answer per item")]
    Count {
        key: String,
        want: usize,
        got: usize,
    },
    #[error("answer {item} is {score}, which no choice of {key} scores; the scores are {scores}")]
    UnknownScore {
        key: String,
        item: usize,
        score: i64,
        scores: String,
    },
    #[error("answer {item} is choice {choice}, and {key} has {count} choices")]
    UnknownChoice {
        key: String,
        item: usize,
        choice: usize,
        count: usize,
    },
}

/// One answer per item of a questionnaire, each a score one of its choices
/// has: answers that cannot be scored are never built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers<'q> {
    questionnaire: &'q Questionnaire,
    scores: Vec<i64>,
}

impl<'q> Answers<'q> {
    /// From scores, as the file gives them (`--answers 0,1,2`).
    pub fn from_scores(q: &'q Questionnaire, scores: &[i64]) -> Result<Self, AnswerError> {
        count(q, scores.len())?;
        for (i, s) in scores.iter().enumerate() {
            if !q.choices.iter().any(|c| c.score == *s) {
                return Err(AnswerError::UnknownScore {
                    key: q.key.clone(),
                    item: i + 1,
                    score: *s,
                    scores: q
                        .choices
                        .iter()
                        .map(|c| c.score.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
        Ok(Answers {
            questionnaire: q,
            scores: scores.to_vec(),
        })
    }

    /// From the chosen choices' positions (counted from 0), as a form
    /// that lists the choices collects them.
    pub fn from_choices(q: &'q Questionnaire, choices: &[usize]) -> Result<Self, AnswerError> {
        count(q, choices.len())?;
        let scores = choices
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                q.choices
                    .get(c)
                    .map(|c| c.score)
                    .ok_or_else(|| AnswerError::UnknownChoice {
                        key: q.key.clone(),
                        item: i + 1,
                        choice: c + 1,
                        count: q.choices.len(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Answers {
            questionnaire: q,
            scores,
        })
    }

    pub fn questionnaire(&self) -> &'q Questionnaire {
        self.questionnaire
    }

    /// Each item's score, in item order.
    pub fn scores(&self) -> &[i64] {
        &self.scores
    }

    pub fn total(&self) -> i64 {
        total(&self.scores)
    }

    /// The help the safety items call for, if any (see [`safety_reply`]),
    /// the strongest of them.
    pub fn safety_help(&self) -> Option<Help> {
        let q = self.questionnaire;
        self.scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let choice = q.choices.iter().position(|c| c.score == *s)?;
                safety_reply(q, i, choice)
            })
            .reduce(Help::and)
    }
}

fn count(q: &Questionnaire, got: usize) -> Result<(), AnswerError> {
    if got == q.items.len() {
        Ok(())
    } else {
        Err(AnswerError::Count {
            key: q.key.clone(),
            want: q.items.len(),
            got,
        })
    }
}

/// The sum of the scores (saturating; validated scores never come near).
pub fn total(scores: &[i64]) -> i64 {
    scores.iter().fold(0i64, |sum, s| sum.saturating_add(*s))
}

/// The band `total` falls in, if any covers it.
pub fn band_of(q: &Questionnaire, total: i64) -> Option<&Band> {
    q.bands.iter().find(|b| b.min <= total && total <= b.max)
}

/// The lowest total the questionnaire can give: every item answered with
/// its lowest-scoring choice (saturating; validated scores never come near).
pub fn lowest_total(q: &Questionnaire) -> i64 {
    let least = q.choices.iter().map(|c| c.score).min().unwrap_or(0);
    let items = i64::try_from(q.items.len()).unwrap_or(i64::MAX);
    least.saturating_mul(items)
}

/// The bands a total shows the help in: those marked `severe`, or, when no
/// band is marked, the highest one, provided there are at least two bands
/// and the highest does not hold the lowest possible total. A single band
/// (`0-6 "any"`) only names the totals: reading it as severe would show
/// crisis help to someone who answered every item with the lowest choice.
pub fn is_severe(q: &Questionnaire, band: &Band) -> bool {
    if q.bands.iter().any(|b| b.severe) {
        return band.severe;
    }
    if q.bands.len() < 2 {
        return false;
    }
    let lowest = lowest_total(q);
    if band.min <= lowest && lowest <= band.max {
        return false;
    }
    q.bands.iter().max_by_key(|b| b.max) == Some(band)
}

/// Why the help is shown; the words are the same for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// An answer above the lowest choice on a safety item.
    Safety,
    /// A total in a severe band.
    Severe,
    /// A total [`RISE`] or more above the previous one.
    Rise,
}

/// The crisis help a questionnaire calls for (its words are in
/// `care::questionnaire_help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Help {
    /// A safety item was answered with one of its two highest choices: the
    /// help adds a plain encouragement to reach out to someone today.
    pub reach_out_today: bool,
    pub why: Why,
}

impl Help {
    /// Both together: the first reason, and today if either says so.
    pub fn and(self, other: Help) -> Help {
        Help {
            reach_out_today: self.reach_out_today || other.reach_out_today,
            why: self.why,
        }
    }
}

/// The help an answer calls for at once, before the next item: any choice
/// above the lowest-scoring one on a safety item. `None` for other items,
/// the lowest choice, or positions out of range.
pub fn safety_reply(q: &Questionnaire, item: usize, choice: usize) -> Option<Help> {
    if !q.items.get(item)?.safety {
        return None;
    }
    let score = q.choices.get(choice)?.score;
    let lowest = q.choices.iter().map(|c| c.score).min()?;
    if score <= lowest {
        return None;
    }
    // Scores are distinct: the two highest are those with at most one
    // score above them.
    let above = q.choices.iter().filter(|c| c.score > score).count();
    Some(Help {
        reach_out_today: above <= 1,
        why: Why::Safety,
    })
}

/// The help a total calls for: a total in a severe band ([`is_severe`]), or
/// one [`RISE`] or more points above the previous result of the same
/// questionnaire.
pub fn after_total(q: &Questionnaire, total: i64, previous_total: Option<i64>) -> Option<Help> {
    if band_of(q, total).is_some_and(|b| is_severe(q, b)) {
        return Some(Help {
            reach_out_today: false,
            why: Why::Severe,
        });
    }
    if previous_total.is_some_and(|p| total.saturating_sub(p) >= RISE) {
        return Some(Help {
            reach_out_today: false,
            why: Why::Rise,
        });
    }
    None
}

#[cfg(test)]
mod tests;
