//! What an import brings in, and how many of each kind it added: plain
//! data, made by the importers and the demo, written by `Db::import`.

use std::ops::{Deref, DerefMut};

use serde::Serialize;

use super::{History, WindowConfig};

/// Records to bring in. Ids are the source's own: they tie intentions and
/// entries to sessions and ticks to habits inside the batch, and are kept
/// in the database when free, so that a whole export brought into an empty
/// database comes back out identical.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub history: History,
    /// A whole afterglow history: into a database with no history yet, its
    /// habits replace the first-run defaults instead of joining them.
    pub complete: bool,
    /// For entries from other tools, which know nothing of sessions: an
    /// entry without a session is linked by the journal rule (the newest
    /// done session whose window holds it), as one written here would be.
    pub link_window: Option<WindowConfig>,
    /// The journal's instants are another tool's local dates and times,
    /// read in this computer's zone (jrnl, Daylio and Loop keep no zone).
    /// The same file brought in under another zone gives other instants,
    /// so an entry here may be the same one at another instant (see
    /// `Db::import`).
    pub local_times: bool,
    /// Made-up records, which must never mix with a person's own: refused
    /// with `NotEmpty` when the database already holds any history, checked
    /// under the write lock.
    pub only_into_empty: bool,
}

impl Deref for Batch {
    type Target = History;

    fn deref(&self) -> &History {
        &self.history
    }
}

impl DerefMut for Batch {
    fn deref_mut(&mut self) -> &mut History {
        &mut self.history
    }
}

impl Batch {
    /// A whole afterglow history, to be brought back as it was.
    pub fn whole(history: History) -> Batch {
        Batch {
            history,
            complete: true,
            ..Batch::default()
        }
    }

    /// Records from another tool, which hold only part of a history.
    pub fn part(history: History) -> Batch {
        Batch {
            history,
            ..Batch::default()
        }
    }
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
    /// Statements of pausing, finishing or resuming sessions.
    pub treatment: usize,
    pub checkins: usize,
    pub questionnaire_results: usize,
}

/// What an import added, what it found already there and left alone, and
/// what was there but lacked words only the import had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub added: Kinds,
    pub already_there: Kinds,
    /// Records already here that were given words only the import had: a
    /// session's note or an intention's reflection, after any words they
    /// held. For the draft: the import's unsaved draft was not the one
    /// here, so it was saved as a journal entry, and neither is lost.
    pub completed: Kinds,
}
