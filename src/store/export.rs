//! Everything in the database as one serialisable value, for `export`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Db, Result, SCHEMA_VERSION};
use crate::domain::{
    Habit, Intention, JournalEntry, Mood, Session, TherapyVisit, Tick, TreatmentChange,
};

/// Names the format, so that an import can tell an afterglow export from
/// any other JSON.
const EXPORT_FORMAT: &str = "afterglow";
/// Raised only when the shape of [`Export`] changes incompatibly.
const EXPORT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// Always "afterglow".
    pub format: String,
    /// The export format's version (1), not the schema's.
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub schema_version: i32,
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    pub journal: Vec<JournalEntry>,
    pub habits: Vec<Habit>,
    pub ticks: Vec<Tick>,
    pub therapy: Vec<TherapyVisit>,
    /// Unsaved words are the person's words too: the oldest kept draft.
    #[serde(default)]
    pub draft: Option<ExportDraft>,
    /// Every other kept draft, oldest first (each dashboard editor keeps
    /// its own). Exports from before there could be more than one have
    /// none; an older afterglow reading this export passes them by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_drafts: Vec<ExportDraft>,
    /// Each time the person said they were pausing, finished or back,
    /// oldest first. Exports from before it existed have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub treatment: Vec<TreatmentChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDraft {
    pub body: String,
    pub mood: Option<Mood>,
    pub saved_at: DateTime<Utc>,
}

impl Db {
    /// Reads everything inside one read transaction, so the export is a
    /// consistent snapshot even while another process writes.
    pub fn export(&self, now: DateTime<Utc>) -> Result<Export> {
        // Deferred, read-only in practice, and rolled back on drop; it only
        // pins one snapshot for all the reads below.
        let snapshot = self.conn.unchecked_transaction()?;
        let mut drafts = self.drafts()?.into_iter().map(|s| ExportDraft {
            body: s.draft.body,
            mood: s.draft.mood,
            saved_at: s.draft.saved_at,
        });
        let export = Export {
            format: EXPORT_FORMAT.to_string(),
            version: EXPORT_VERSION,
            exported_at: now,
            schema_version: SCHEMA_VERSION,
            sessions: self.sessions()?,
            intentions: self.intentions()?,
            journal: self.entries(usize::MAX)?,
            habits: self.habits(true)?,
            ticks: self.all_ticks()?,
            therapy: self.therapy_visits()?,
            draft: drafts.next(),
            more_drafts: drafts.collect(),
            treatment: self.treatment()?,
        };
        drop(snapshot);
        Ok(export)
    }
}
