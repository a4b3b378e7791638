//! Use cases: one plain function for each thing a person does, shared by
//! both faces (the command line in `cli`, the dashboard's effects in
//! `tui::effects`).
//!
//! Each takes values that cannot hold a bad value (`domain::value`), runs
//! one store transaction, and answers with a typed outcome or an
//! [`Error`]. The faces only turn the outcome into words (the CLI) or
//! state (the dashboard); what may be kept, and what a change implies
//! (a log that confirms a plan, a session at a minute already taken), is
//! decided here once.

pub mod backup;
pub mod checkin;
pub mod habit;
pub mod import;
pub mod insights;
pub mod intention;
pub mod journal;
pub mod questionnaire;
pub mod session;
pub mod therapy;
pub mod treatment;
pub mod undo;

use thiserror::Error;

use crate::domain::value::ValueError;
use crate::domain::{DomainError, Session};
use crate::store::StoreError;

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Two sessions at one minute are almost always one logged twice.
    #[error(
        "a session is already on record at that exact minute (id {}); change that one instead, or choose another minute",
        .0.id.0
    )]
    SameMinute(Box<Session>),
    #[error(
        "a check-in's note is one line of at most {max} characters, and this one has {chars}; nothing was saved"
    )]
    NoteTooLong { chars: usize, max: usize },
}

impl From<DomainError> for Error {
    fn from(e: DomainError) -> Error {
        Error::Value(ValueError::Domain(e))
    }
}

impl Error {
    /// Another program held the write lock: nothing was written, and
    /// trying again in a moment is right.
    pub fn lock_was_held(&self) -> bool {
        matches!(self, Error::Store(e) if e.lock_was_held())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// NotFound for a record that is gone, in the store's words.
fn gone(what: &'static str, id: i64) -> Error {
    Error::Store(StoreError::NotFound { what, id })
}
