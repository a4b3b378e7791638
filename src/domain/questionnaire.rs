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

/// The part of a questionnaire a problem is in, so that a file reader can
/// point at its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Key,
    Name,
    Recall,
    Choices,
    /// Counted from 0.
    Choice(usize),
    Items,
    Item(usize),
    Band(usize),
}

/// Why a questionnaire cannot be used, in words that count items, choices
/// and bands from 1, as a person reading their file does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub part: Part,
    pub message: String,
}

fn invalid(part: Part, message: impl Into<String>) -> Invalid {
    Invalid {
        part,
        message: message.into(),
    }
}

/// Characters a terminal obeys or that turn text around: refused in every
/// text of a questionnaire, as a file is shown on screen word for word.
fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// Checks one text: not blank, not longer than `max` characters, no
/// control characters.
fn text(part: Part, what: &str, value: &str, max: usize) -> Result<(), Invalid> {
    if value.trim().is_empty() {
        return Err(invalid(part, format!("{what} has no text")));
    }
    let chars = value.chars().count();
    if chars > max {
        return Err(invalid(
            part,
            format!("{what} is {chars} characters long; at most {max} are read"),
        ));
    }
    if let Some(c) = value.chars().find(|&c| is_control(c)) {
        return Err(invalid(
            part,
            format!(
                "{what} holds the control character {}; write plain text",
                c.escape_unicode()
            ),
        ));
    }
    Ok(())
}

/// Whether `key` may name a questionnaire: lowercase letters, digits and
/// `-`, 1 to 64 of them.
pub fn is_key(key: &str) -> bool {
    (1..=MAX_KEY_CHARS).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The first problem with `q`, or `Ok` when it can be asked and scored:
/// a key of [`is_key`], a name, at least one item and two choices, each
/// score once, bands with `min <= max` that do not overlap, every text
/// bounded and free of control characters. The recall span may be empty.
pub fn validate(q: &Questionnaire) -> Result<(), Invalid> {
    if !is_key(&q.key) {
        return Err(invalid(
            Part::Key,
            format!(
                "the key {:?} must be 1 to {MAX_KEY_CHARS} lowercase letters, digits or -",
                q.key
            ),
        ));
    }
    if RESERVED_KEYS.contains(&q.key.as_str()) {
        return Err(invalid(
            Part::Key,
            format!(
                "the key {:?} is taken by `afterglow questionnaire {}`; choose another",
                q.key, q.key
            ),
        ));
    }
    text(Part::Name, "the name", &q.name, MAX_LABEL_CHARS)?;
    if !q.recall.is_empty() {
        text(Part::Recall, "the recall", &q.recall, MAX_LABEL_CHARS)?;
    }
    if q.choices.len() < 2 || q.choices.len() > MAX_CHOICES {
        return Err(invalid(
            Part::Choices,
            format!(
                "there are {} choices; a questionnaire needs 2 to {MAX_CHOICES}",
                q.choices.len()
            ),
        ));
    }
    for (i, c) in q.choices.iter().enumerate() {
        text(
            Part::Choice(i),
            &format!("choice {}", i + 1),
            &c.label,
            MAX_LABEL_CHARS,
        )?;
        if c.score.abs() > MAX_SCORE {
            return Err(invalid(
                Part::Choice(i),
                format!(
                    "choice {} scores {}; scores go from -{MAX_SCORE} to {MAX_SCORE}",
                    i + 1,
                    c.score
                ),
            ));
        }
        if let Some(j) = q.choices[..i].iter().position(|o| o.score == c.score) {
            return Err(invalid(
                Part::Choice(i),
                format!(
                    "choice {} scores {}, as choice {} does; each choice needs its own score",
                    i + 1,
                    c.score,
                    j + 1
                ),
            ));
        }
    }
    if q.items.is_empty() || q.items.len() > MAX_ITEMS {
        return Err(invalid(
            Part::Items,
            format!(
                "there are {} items; a questionnaire needs 1 to {MAX_ITEMS}",
                q.items.len()
            ),
        ));
    }
    for (i, item) in q.items.iter().enumerate() {
        text(
            Part::Item(i),
            &format!("item {}", i + 1),
            &item.text,
            MAX_ITEM_CHARS,
        )?;
    }
    if q.bands.len() > MAX_BANDS {
        return Err(invalid(
            Part::Band(MAX_BANDS),
            format!(
                "there are {} bands; at most {MAX_BANDS} are read",
                q.bands.len()
            ),
        ));
    }
    for (i, b) in q.bands.iter().enumerate() {
        text(
            Part::Band(i),
            &format!("band {}", i + 1),
            &b.label,
            MAX_LABEL_CHARS,
        )?;
        if b.min > b.max {
            return Err(invalid(
                Part::Band(i),
                format!("band {} has min {} above max {}", i + 1, b.min, b.max),
            ));
        }
        if let Some(j) = q.bands[..i]
            .iter()
            .position(|o| o.min <= b.max && b.min <= o.max)
        {
            return Err(invalid(
                Part::Band(i),
                format!(
                    "band {} ({}-{}) overlaps band {} ({}-{}); a total belongs to one band",
                    i + 1,
                    b.min,
                    b.max,
                    j + 1,
                    q.bands[j].min,
                    q.bands[j].max
                ),
            ));
        }
    }
    Ok(())
}

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

/// The bands a total shows the help in: those marked `severe`, or, when no
/// band is marked, the highest one.
pub fn is_severe(q: &Questionnaire, band: &Band) -> bool {
    if q.bands.iter().any(|b| b.severe) {
        return band.severe;
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q() -> Questionnaire {
        Questionnaire {
            key: "weekly".into(),
            name: "A weekly look".into(),
            recall: "over the past week".into(),
            choices: ["none", "some", "more", "most"]
                .iter()
                .zip(0..)
                .map(|(l, s)| Choice {
                    label: l.to_string(),
                    score: s,
                })
                .collect(),
            items: vec![
                Item {
                    text: "Item one".into(),
                    safety: false,
                },
                Item {
                    text: "Item two".into(),
                    safety: true,
                },
                Item {
                    text: "Item three".into(),
                    safety: false,
                },
            ],
            bands: vec![
                band(0, 2, "light", false),
                band(3, 5, "middle", false),
                band(6, 9, "heavy", false),
            ],
        }
    }

    fn band(min: i64, max: i64, label: &str, severe: bool) -> Band {
        Band {
            min,
            max,
            label: label.into(),
            severe,
        }
    }

    #[test]
    fn a_good_questionnaire_passes() {
        assert_eq!(validate(&q()), Ok(()));
        let mut no_recall = q();
        no_recall.recall.clear();
        no_recall.bands.clear();
        assert_eq!(validate(&no_recall), Ok(()));
    }

    #[test]
    fn problems_name_their_part() {
        type Change = fn(&mut Questionnaire);
        let cases: [(Change, Part, &str); 14] = [
            (|q| q.key = "PHQ".into(), Part::Key, "lowercase letters"),
            (|q| q.key = String::new(), Part::Key, "lowercase letters"),
            (|q| q.key = "a".repeat(65), Part::Key, "1 to 64"),
            (|q| q.key = "list".into(), Part::Key, "is taken"),
            (|q| q.name = " ".into(), Part::Name, "the name has no text"),
            (
                |q| q.recall = "x\u{1b}[2J".into(),
                Part::Recall,
                "control character",
            ),
            (|q| q.choices.truncate(1), Part::Choices, "needs 2 to 20"),
            (
                |q| q.choices[2].score = 0,
                Part::Choice(2),
                "choice 3 scores 0, as choice 1 does",
            ),
            (
                |q| q.choices[1].label = "\u{202e}x".into(),
                Part::Choice(1),
                "control",
            ),
            (|q| q.items.clear(), Part::Items, "there are 0 items"),
            (
                |q| q.items[2].text = String::new(),
                Part::Item(2),
                "item 3 has no text",
            ),
            (
                |q| q.items[0].text = "x".repeat(1001),
                Part::Item(0),
                "at most 1000",
            ),
            (
                |q| q.bands[1].min = 7,
                Part::Band(1),
                "band 2 has min 7 above max 5",
            ),
            (
                |q| q.bands[2].min = 5,
                Part::Band(2),
                "band 3 (5-9) overlaps band 2 (3-5)",
            ),
        ];
        for (change, part, words) in cases {
            let mut bad = q();
            change(&mut bad);
            let e = validate(&bad).unwrap_err();
            assert_eq!(e.part, part, "{e}");
            assert!(e.message.contains(words), "{words:?} in {e}");
        }
    }

    #[test]
    fn the_version_is_fixed_and_follows_items_and_scores_only() {
        let base = version(&q());
        // Written down once: a version must never change between runs,
        // platforms or releases, or old results would stop matching.
        assert_eq!(base, version(&q()));
        assert_eq!(base.len(), 16);
        // Checked against an independent FNV-1a of the same bytes.
        assert_eq!(base, "31c2e7004c0cb7ba");
        let mut relabelled = q();
        relabelled.name = "Another name".into();
        relabelled.choices[0].label = "not at all".into();
        relabelled.bands.clear();
        assert_eq!(version(&relabelled), base);
        type Change = fn(&mut Questionnaire);
        let changes: [Change; 4] = [
            |q| q.items[0].text.push('!'),
            |q| q.items[0].safety = true,
            |q| q.choices[3].score = 4,
            |q| {
                // The same letters split differently between two items.
                q.items[0].text = "Item oneI".into();
                q.items[1].text = "tem two".into();
            },
        ];
        for change in changes {
            let mut other = q();
            change(&mut other);
            assert_ne!(version(&other), base, "{other:?}");
        }
    }

    #[test]
    fn answers_are_checked_against_the_questionnaire() {
        let q = q();
        let a = Answers::from_scores(&q, &[0, 1, 3]).unwrap();
        assert_eq!(a.total(), 4);
        assert_eq!(a.scores(), &[0, 1, 3]);
        assert_eq!(Answers::from_choices(&q, &[0, 1, 3]).unwrap(), a);
        assert_eq!(
            Answers::from_scores(&q, &[0, 1]).unwrap_err().to_string(),
            "weekly has 3 items, and 2 answers were given; give one answer per item"
        );
        assert_eq!(
            Answers::from_scores(&q, &[0, 7, 1])
                .unwrap_err()
                .to_string(),
            "answer 2 is 7, which no choice of weekly scores; the scores are 0, 1, 2, 3"
        );
        assert!(matches!(
            Answers::from_choices(&q, &[0, 4, 1]),
            Err(AnswerError::UnknownChoice { choice: 5, .. })
        ));
    }

    #[test]
    fn bands_and_severity() {
        let mut q = q();
        let cases = [
            (0, Some("light")),
            (2, Some("light")),
            (3, Some("middle")),
            (9, Some("heavy")),
            (10, None),
            (-1, None),
        ];
        for (total, label) in cases {
            assert_eq!(
                band_of(&q, total).map(|b| b.label.as_str()),
                label,
                "{total}"
            );
        }
        // No band marked: the highest band counts as severe.
        assert!(after_total(&q, 6, None).is_some());
        assert!(after_total(&q, 5, None).is_none());
        // A band marked severe takes over.
        q.bands[1].severe = true;
        assert_eq!(
            after_total(&q, 4, None),
            Some(Help {
                reach_out_today: false,
                why: Why::Severe
            })
        );
        assert_eq!(after_total(&q, 7, None), None);
    }

    #[test]
    fn a_rise_of_five_shows_the_help() {
        let mut q = q();
        q.bands.clear();
        let cases = [
            (5, Some(0), true),
            (4, Some(0), false),
            (9, Some(4), true),
            (3, Some(8), false),
            (9, None, false),
        ];
        for (total, previous, help) in cases {
            assert_eq!(
                after_total(&q, total, previous),
                help.then_some(Help {
                    reach_out_today: false,
                    why: Why::Rise
                }),
                "{total} after {previous:?}"
            );
        }
    }

    #[test]
    fn safety_items_answer_at_once_above_the_lowest_choice() {
        let q = q();
        // (item, choice, help, today)
        let cases = [
            (1, 0, false, false),
            (1, 1, true, false),
            (1, 2, true, true),
            (1, 3, true, true),
            (0, 3, false, false),
            (9, 3, false, false),
            (1, 9, false, false),
        ];
        for (item, choice, help, today) in cases {
            let got = safety_reply(&q, item, choice);
            assert_eq!(got.is_some(), help, "{item} {choice}");
            assert_eq!(
                got.is_some_and(|h| h.reach_out_today),
                today,
                "{item} {choice}"
            );
        }
        // The lowest score need not be listed first, nor be 0.
        let mut shuffled = q.clone();
        shuffled.choices.reverse();
        for c in &mut shuffled.choices {
            c.score += 10;
        }
        assert_eq!(safety_reply(&shuffled, 1, 3), None);
        assert!(safety_reply(&shuffled, 1, 0).unwrap().reach_out_today);
        assert!(!safety_reply(&shuffled, 1, 2).unwrap().reach_out_today);
        let a = Answers::from_choices(&q, &[3, 1, 3]).unwrap();
        assert_eq!(
            a.safety_help(),
            Some(Help {
                reach_out_today: false,
                why: Why::Safety
            })
        );
        let a = Answers::from_choices(&q, &[3, 0, 3]).unwrap();
        assert_eq!(a.safety_help(), None);
    }

    fn arb_questionnaire() -> impl Strategy<Value = Questionnaire> {
        (
            proptest::collection::btree_set(-50i64..50, 2..6),
            proptest::collection::vec(("[a-z ]{1,12}", any::<bool>()), 1..8),
        )
            .prop_map(|(scores, items)| Questionnaire {
                key: "p".into(),
                name: "P".into(),
                recall: String::new(),
                choices: scores
                    .into_iter()
                    .map(|score| Choice {
                        label: format!("s{score}"),
                        score,
                    })
                    .collect(),
                items: items
                    .into_iter()
                    .map(|(text, safety)| Item {
                        text: format!("x{text}"),
                        safety,
                    })
                    .collect(),
                bands: vec![],
            })
    }

    proptest! {
        /// Any answers built from choices score their sum; a safety item
        /// answered above its lowest choice always calls for help, and the
        /// lowest choice everywhere never does.
        #[test]
        fn scoring_and_safety_hold(q in arb_questionnaire(), picks in proptest::collection::vec(0usize..6, 8)) {
            prop_assert_eq!(validate(&q), Ok(()));
            let n = q.choices.len();
            let picks: Vec<usize> = picks.iter().take(q.items.len()).map(|p| p % n).collect();
            let a = Answers::from_choices(&q, &picks).unwrap();
            let sum: i64 = picks.iter().map(|&p| q.choices[p].score).sum();
            prop_assert_eq!(a.total(), sum);
            prop_assert_eq!(Answers::from_scores(&q, a.scores()).unwrap(), a.clone());
            let lowest = q.choices.iter().map(|c| c.score).min().unwrap();
            let calls = q.items.iter().zip(a.scores()).any(|(i, s)| i.safety && *s > lowest);
            prop_assert_eq!(a.safety_help().is_some(), calls);
            let low = q.choices.iter().position(|c| c.score == lowest).unwrap();
            let all_low = Answers::from_choices(&q, &vec![low; q.items.len()]).unwrap();
            prop_assert_eq!(all_low.safety_help(), None);
            prop_assert_eq!(version(&q), version(&q.clone()));
        }
    }
}
