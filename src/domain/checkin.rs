//! A daily check-in: a quick rating of the day. Mood is on the journal's
//! own 1-10 scale (so the two make one mood series); anxiety and energy,
//! when given, on 0-10; one line of note.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::journal::Mood;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CheckInId(pub i64);

/// A rating from 0 to 10 (anxiety, energy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Scale(u8);

impl Scale {
    pub fn new(value: i64) -> Result<Self, DomainError> {
        match u8::try_from(value) {
            Ok(v @ 0..=10) => Ok(Scale(v)),
            _ => Err(DomainError::ScaleOutOfRange(value)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckIn {
    pub id: CheckInId,
    pub at: DateTime<Utc>,
    pub mood: Mood,
    pub anxiety: Option<Scale>,
    pub energy: Option<Scale>,
    /// One line; `None` when nothing was written.
    pub note: Option<String>,
}

/// The longest note a check-in keeps, in characters: one line, read at a
/// glance beside the numbers.
pub const MAX_NOTE_CHARS: usize = 200;

/// A note as a check-in keeps it, before its length is checked: one line
/// (line breaks and tabs become spaces, each line trimmed, blank lines
/// left out), with no control or direction characters
/// ([`super::questionnaire::is_control`]): they are dropped, as the screen
/// would drop them, so what is kept is what is seen. Empty is no note.
pub fn note_line(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.chars()
                .filter_map(|c| match c {
                    '\t' => Some(' '),
                    c if super::questionnaire::is_control(c) => None,
                    c => Some(c),
                })
                .collect::<String>()
        })
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
