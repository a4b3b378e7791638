//! Whether a questionnaire from a file can be asked and scored.

use super::{
    MAX_BANDS, MAX_CHOICES, MAX_ITEM_CHARS, MAX_ITEMS, MAX_KEY_CHARS, MAX_LABEL_CHARS, MAX_SCORE,
    Questionnaire, RESERVED_KEYS,
};

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
/// text of a questionnaire, as a file is shown on screen word for word,
/// and kept out of a check-in's note. The same set as
/// `terminal_text::is_unsafe`, which may not use the domain.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// "there is 1 choice", "there are 0 choices".
fn there_are(n: usize, what: &str) -> String {
    if n == 1 {
        format!("there is 1 {what}")
    } else {
        format!("there are {n} {what}s")
    }
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
/// `-`, 1 to 64 of them, not starting with `-` (the command line would
/// read `--json` as an option, not a key).
pub fn is_key(key: &str) -> bool {
    (1..=MAX_KEY_CHARS).contains(&key.len())
        && !key.starts_with('-')
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
                "the key {:?} must be 1 to {MAX_KEY_CHARS} lowercase letters, digits or -, \
                 not starting with -",
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
                "{}; a questionnaire needs 2 to {MAX_CHOICES}",
                there_are(q.choices.len(), "choice")
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
                "{}; a questionnaire needs 1 to {MAX_ITEMS}",
                there_are(q.items.len(), "item")
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
