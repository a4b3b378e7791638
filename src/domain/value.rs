//! Small values that cannot hold a bad value: each is made by a `new` that
//! checks it, so a use case that holds one needs no second check.
//!
//! The limits are the domain's own (`session::validate_dose`,
//! `habit::MAX_AMOUNT`, `habit::validate_name`, [`MAX_ENTRY_BYTES`]); these
//! types only make sure they were applied. The one wording for a time that
//! has not come yet is [`STILL_AHEAD`].

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::DomainError;
use super::habit::{self, Habit};
use super::journal::MAX_ENTRY_BYTES;
use super::session::validate_dose;

/// How every face says that a time is later than now, where only a time
/// that has come may be kept (a session logged, a visit, an entry dated).
pub const STILL_AHEAD: &str = "that time is still ahead";

/// How every face says that a time has come, where only a later one may
/// be kept (a session planned).
pub const NOT_AHEAD: &str = "that time is not in the future";

/// A face's sentence for a refused value: the one wording, begun with a
/// capital, then what to do instead.
pub fn sentence(e: &ValueError, then: &str) -> String {
    format!("{}; {then}", said(e))
}

/// The one wording of a refused value, begun with a capital.
pub fn said(e: &ValueError) -> String {
    let text = e.to_string();
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}", first.unwrap_or_default(), chars.as_str())
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ValueError {
    #[error("{STILL_AHEAD}")]
    StillAhead,
    #[error("{NOT_AHEAD}")]
    NotAhead,
    /// Carries what was blank ("the entry", "an intention").
    #[error("{0} needs some words")]
    Blank(&'static str),
    /// `what` holds `kib` KiB, more than [`MAX_ENTRY_BYTES`].
    #[error(
        "{what} holds {kib} KiB of text, more than afterglow keeps in one entry ({} KiB); nothing was saved",
        MAX_ENTRY_BYTES / 1024
    )]
    TooLong { what: &'static str, kib: usize },
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// An instant that is not later than the `now` it was checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Past(DateTime<Utc>);

impl Past {
    pub fn new(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Past, ValueError> {
        if at > now {
            return Err(ValueError::StillAhead);
        }
        Ok(Past(at))
    }

    pub fn get(self) -> DateTime<Utc> {
        self.0
    }
}

/// An instant later than the `now` it was checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ahead(DateTime<Utc>);

impl Ahead {
    pub fn new(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Ahead, ValueError> {
        if at <= now {
            return Err(ValueError::NotAhead);
        }
        Ok(Ahead(at))
    }

    pub fn get(self) -> DateTime<Utc> {
        self.0
    }
}

/// A dose in milligrams: positive, finite, at most what afterglow records.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Dose(f64);

impl Dose {
    pub fn new(mg: f64) -> Result<Dose, ValueError> {
        Ok(Dose(validate_dose(Some(mg))?.unwrap_or(mg)))
    }

    /// An optional dose, as forms and flags give it.
    pub fn optional(mg: Option<f64>) -> Result<Option<Dose>, ValueError> {
        mg.map(Dose::new).transpose()
    }

    pub fn mg(self) -> f64 {
        self.0
    }
}

/// An amount ticked for a habit on one day: within what a day holds for
/// that habit (`Habit::check_amount`), or, without the habit, from 0 to
/// below `habit::MAX_AMOUNT`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Amount(f64);

impl Amount {
    pub fn new(amount: f64) -> Result<Amount, ValueError> {
        Ok(Amount(habit::validate_amount(amount)?))
    }

    pub fn for_habit(h: &Habit, amount: f64) -> Result<Amount, ValueError> {
        Ok(Amount(h.check_amount(amount)?))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// A habit name as `habit::validate_name` tidies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HabitName(String);

impl HabitName {
    pub fn new(name: &str) -> Result<HabitName, ValueError> {
        Ok(HabitName(habit::validate_name(name)?))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What two names must share to name the same habit.
    pub fn key(&self) -> String {
        habit::name_key(&self.0)
    }
}

/// Words with something in them, at most [`MAX_ENTRY_BYTES`]: an entry,
/// a note, an intention, a reflection. Kept as written (an entry's own
/// spacing is the writer's); only an optional note is trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    /// `what` names the words in a refusal ("the entry", "an intention").
    pub fn new(what: &'static str, text: &str) -> Result<Text, ValueError> {
        if text.trim().is_empty() {
            return Err(ValueError::Blank(what));
        }
        if text.len() > MAX_ENTRY_BYTES {
            return Err(ValueError::TooLong {
                what,
                kib: text.len().div_ceil(1024),
            });
        }
        Ok(Text(text.to_string()))
    }

    /// A note that may be left out: blank words are no note at all.
    pub fn optional(what: &'static str, text: Option<&str>) -> Result<Option<Text>, ValueError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Text::new(what, t).map(Some),
            None => Ok(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_ahead_and_behind_are_told_apart_in_one_wording() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let later = now + chrono::TimeDelta::minutes(1);
        assert_eq!(Past::new(now, now).unwrap().get(), now);
        assert_eq!(Past::new(later, now), Err(ValueError::StillAhead));
        assert_eq!(ValueError::StillAhead.to_string(), STILL_AHEAD);
        assert_eq!(Ahead::new(now, now), Err(ValueError::NotAhead));
        assert_eq!(Ahead::new(later, now).unwrap().get(), later);
    }

    #[test]
    fn values_refuse_what_does_not_fit() {
        assert!(Dose::new(-3.0).unwrap_err().to_string().contains("-3"));
        assert_eq!(Dose::new(35.0).unwrap().mg(), 35.0);
        assert!(Amount::new(f64::NAN).is_err());
        assert_eq!(HabitName::new("  Walk ").unwrap().as_str(), "Walk");
        assert!(HabitName::new(" \u{200B} ").is_err());
        assert_eq!(
            Text::new("the entry", "  "),
            Err(ValueError::Blank("the entry"))
        );
        assert_eq!(Text::optional("the note", Some(" ")), Ok(None));
        let long = "a".repeat(MAX_ENTRY_BYTES + 1);
        let err = Text::new("the entry", &long).unwrap_err().to_string();
        assert!(err.contains("the entry holds 257 KiB"), "{err}");
    }
}
