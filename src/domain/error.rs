use chrono::NaiveDate;
use thiserror::Error;

use super::habit::MAX_AMOUNT;

/// Validation failures of domain values. These are user-facing: the message
/// is shown as it is, so it says what was wrong and what would be accepted.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DomainError {
    #[error(
        "unknown session kind {0:?}; use infusion, intramuscular, lozenge, nasal-spray or other"
    )]
    UnknownKind(String),
    #[error("mood must be a whole number from 1 to 10, not {0}")]
    MoodOutOfRange(i64),
    #[error("anxiety and energy are whole numbers from 0 to 10, not {0}")]
    ScaleOutOfRange(i64),
    #[error("a questionnaire result's answers are not a list of whole numbers: {0}")]
    BadAnswers(String),
    #[error("dose must be a positive number of milligrams, not {0}")]
    BadDose(f64),
    #[error(
        "a dose of {0} mg is larger than afterglow records (2000 mg); please check the number, in milligrams"
    )]
    DoseTooLarge(f64),
    #[error("{amount} {unit} is more than a day holds (at most {max} {unit})")]
    AmountTooLarge { amount: f64, unit: String, max: f64 },
    #[error("{}", amount_problem(*.0))]
    BadAmount(f64),
    #[error("{}", target_problem(*.0))]
    BadTarget(f64),
    #[error("a habit needs a name")]
    EmptyName,
    #[error("habit names are at most 40 characters")]
    NameTooLong,
    #[error(
        "a unit is at most {max} characters, and {unit:?} has {len}; a shorter word keeps it whole"
    )]
    UnitTooLong {
        unit: String,
        len: usize,
        max: usize,
    },
    #[error("a habit is daily or for 1 to 6 days a week, not {0} a week")]
    BadPerWeek(i64),
    #[error("window boundaries must grow: {0}")]
    BadWindow(String),
    #[error("course settings are inconsistent: {0}")]
    BadCourse(String),
    #[error("that time is outside the range afterglow can count with")]
    OutOfRange,
    #[error("could not read {input:?} as a time: {reason}")]
    BadWhen { input: String, reason: String },
    /// A wall time the zone skips or shows twice; `reason` names the
    /// choices, the input in it.
    #[error("{reason}")]
    ClockChange { input: String, reason: String },
    #[error(
        "could not read {input:?} as a day; use YYYY-MM-DD, today, yesterday or a weekday (mon: the last one before today)"
    )]
    BadDay { input: String },
    /// See `time::keepable_day`.
    #[error("the day {0} is outside the range afterglow keeps days in (the years 0000 to 9999)")]
    DayOutOfRange(NaiveDate),
}

/// Why an amount was refused, with the limit it broke.
fn amount_problem(amount: f64) -> String {
    if amount.is_nan() {
        format!("an amount must be a number from 0 to below {MAX_AMOUNT}")
    } else if amount < 0.0 {
        format!("an amount must be zero or more, not {}", number(amount))
    } else {
        format!(
            "an amount must be less than {MAX_AMOUNT}, not {}",
            number(amount)
        )
    }
}

/// Why a habit target was refused, with the limit it broke.
fn target_problem(target: f64) -> String {
    if target.is_nan() {
        format!("a habit target must be a number above 0 and below {MAX_AMOUNT}")
    } else if target <= 0.0 {
        format!("a habit target must be above zero, not {}", number(target))
    } else {
        format!(
            "a habit target must be less than {MAX_AMOUNT}, not {}",
            number(target)
        )
    }
}

/// A number as a person would write it back: `1000000`, `-1`, `0.5`, and
/// `2e300` rather than three hundred digits.
fn number(n: f64) -> String {
    if n.is_finite() && (n == 0.0 || (1e-6..1e15).contains(&n.abs())) {
        n.to_string()
    } else {
        format!("{n:e}")
    }
}
