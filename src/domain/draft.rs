//! The journal editor's draft, as the dashboard and the store both see it.
//!
//! These were store types; they live here so that the dashboard's state
//! (`src/app`) can hold them without naming the store. The store keeps
//! `pub use` re-exports, so `crate::store::Draft` still works.

use chrono::{DateTime, Utc};

use super::{JournalId, Mood};

/// What is being typed in the dashboard editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub editing: Option<JournalId>,
    pub body: String,
    pub mood: Option<Mood>,
    /// Byte offset into `body`.
    pub cursor: usize,
    pub saved_at: DateTime<Utc>,
}

/// Which stored draft an editor holds, and the revision of it that the
/// editor last read or wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DraftKey {
    /// Never given to another draft, even after this one is gone.
    pub slot: i64,
    pub revision: i64,
}

/// A draft as it is stored, with its key.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    pub key: DraftKey,
    pub draft: Draft,
}

/// Where `Db::keep_draft` put the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftKept {
    /// The editor's key from now on.
    pub key: DraftKey,
    /// The row the editor held had been changed by another editor, or was
    /// gone, so the words went to a new draft of their own. Such a draft
    /// is always for a new entry: two editors finishing two versions of
    /// one entry would have the later write over the earlier.
    pub apart: bool,
}
