//! Everything in the database as one serialisable value, for `export`.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codec::skipping_bad_rows;
use super::{Db, Result, SCHEMA_VERSION};
use crate::domain::{
    Habit, HabitId, Intention, JournalEntry, Mood, Session, SessionId, TherapyVisit, Tick,
    TreatmentChange,
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

/// An export that went on past rows it could not read.
#[derive(Debug)]
pub struct Partial {
    pub export: Export,
    /// What was left out or changed, and why, one sentence each: the rows
    /// that could not be read, ticks of a habit left out, links to a
    /// session left out.
    pub left_out: Vec<String>,
}

impl Db {
    /// Like [`Db::export`], but a stored row that cannot be read is left
    /// out and named instead of failing the whole export. What the rest
    /// refers to is kept consistent, so the JSON still imports: a habit's
    /// ticks go with it, and an entry or intention linked to a session
    /// that was left out keeps its words without the link.
    pub fn export_skipping_bad(&self, now: DateTime<Utc>) -> Result<Partial> {
        let (mut export, skipped) = skipping_bad_rows(|| self.export(now))?;
        let mut left_out: Vec<String> = skipped
            .iter()
            .map(|b| format!("left out {}, which cannot be read: {}", b.name(), b.why()))
            .collect();
        let sessions: HashSet<SessionId> = export.sessions.iter().map(|s| s.id).collect();
        let habits: HashSet<HabitId> = export.habits.iter().map(|h| h.id).collect();
        let unlink = |what: &str, id: i64, session: &mut Option<SessionId>| {
            let s = session.filter(|s| !sessions.contains(s))?;
            *session = None;
            Some(format!(
                "kept {what} {id} without its link to session {}, which was left out",
                s.0
            ))
        };
        for e in &mut export.journal {
            left_out.extend(unlink("journal entry", e.id.0, &mut e.session));
        }
        for i in &mut export.intentions {
            left_out.extend(unlink("intention", i.id.0, &mut i.session));
        }
        let before = export.ticks.len();
        let mut orphans: Vec<HabitId> = Vec::new();
        export.ticks.retain(|t| {
            let kept = habits.contains(&t.habit);
            if !kept && !orphans.contains(&t.habit) {
                orphans.push(t.habit);
            }
            kept
        });
        if export.ticks.len() < before {
            for habit in orphans {
                left_out.push(format!(
                    "left out the ticks of habit {}, which was left out",
                    habit.0
                ));
            }
        }
        Ok(Partial { export, left_out })
    }

    /// Reads everything inside one read transaction, so the export is a
    /// consistent snapshot even while another process writes. A row that
    /// cannot be read fails it, named (see [`Db::export_skipping_bad`]).
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
