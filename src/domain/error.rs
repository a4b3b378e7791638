use chrono::NaiveDate;
use thiserror::Error;

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
    #[error("dose must be a positive number of milligrams, not {0}")]
    BadDose(f64),
    #[error(
        "a dose of {0} mg is larger than afterglow records (2000 mg); please check the number, in milligrams"
    )]
    DoseTooLarge(f64),
    #[error("{amount} {unit} is more than a day holds (at most {max} {unit})")]
    AmountTooLarge { amount: f64, unit: String, max: f64 },
    #[error("amount must be zero or more, not {0}")]
    BadAmount(f64),
    #[error("a habit target must be above zero, not {0}")]
    BadTarget(f64),
    #[error("a habit needs a name")]
    EmptyName,
    #[error("habit names are at most 40 characters")]
    NameTooLong,
    #[error("window boundaries must grow: {0}")]
    BadWindow(String),
    #[error("course settings are inconsistent: {0}")]
    BadCourse(String),
    #[error("that time is outside the range afterglow can count with")]
    OutOfRange,
    #[error("could not read {input:?} as a time: {reason}")]
    BadWhen { input: String, reason: String },
    #[error("could not read {input:?} as a day; use YYYY-MM-DD, today or yesterday")]
    BadDay { input: String },
    /// See `time::keepable_day`.
    #[error("the day {0} is outside the range afterglow keeps days in (the years 0000 to 9999)")]
    DayOutOfRange(NaiveDate),
}
