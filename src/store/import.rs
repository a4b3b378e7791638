//! Merges records from elsewhere (another afterglow, jrnl, Daylio, Loop)
//! into the database, in one transaction, adding only what is not there yet.

use serde::Serialize;

use super::{Db, ExportDraft, Result};
use crate::domain::{Habit, Intention, JournalEntry, Session, TherapyVisit, Tick};

/// Records to bring in. Ids are the source's own: they tie intentions and
/// entries to sessions and ticks to habits inside the batch, and are kept
/// in the database when free, so that a whole export brought into an empty
/// database comes back out identical.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    pub journal: Vec<JournalEntry>,
    pub habits: Vec<Habit>,
    pub ticks: Vec<Tick>,
    pub therapy: Vec<TherapyVisit>,
    pub draft: Option<ExportDraft>,
    /// A whole afterglow history: into a database with no history yet, its
    /// habits replace the first-run defaults instead of joining them.
    pub complete: bool,
}

/// How many records of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Kinds {
    pub sessions: usize,
    pub intentions: usize,
    pub journal: usize,
    pub habits: usize,
    pub ticks: usize,
    pub therapy: usize,
    pub draft: usize,
}

/// What an import added, and what it found already there and left alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub added: Kinds,
    pub already_there: Kinds,
}

impl Db {
    /// Adds what `batch` holds and the database does not, all in one
    /// transaction; with `dry_run` the transaction is rolled back, so the
    /// counts are exactly what a real run would add.
    pub fn import(&mut self, batch: &Batch, dry_run: bool) -> Result<ImportCounts> {
        let _ = (batch, dry_run);
        Ok(ImportCounts::default())
    }
}
