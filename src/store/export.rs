//! Everything in the database as one [`History`], for `export`.

use std::collections::HashSet;

use std::ops::{Deref, DerefMut};

use chrono::{DateTime, Utc};

use super::codec::skipping_bad_rows;
use super::{Db, Result, SCHEMA_VERSION};
use crate::domain::history::{Draft, History};
use crate::domain::{HabitId, SessionId};

/// A whole history as read for `export`: what was kept, and when and from
/// which schema it was read. The file's own shape (its format name and
/// version) belongs to `formats::json`, not here. It reads as the history
/// it holds (`export.sessions`).
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub exported_at: DateTime<Utc>,
    pub schema_version: i32,
    pub history: History,
}

impl Deref for Export {
    type Target = History;

    fn deref(&self) -> &History {
        &self.history
    }
}

impl DerefMut for Export {
    fn deref_mut(&mut self) -> &mut History {
        &mut self.history
    }
}

/// The name older code and tests know a kept draft by.
pub type ExportDraft = Draft;

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
        let drafts = self
            .drafts()?
            .into_iter()
            .map(|s| Draft {
                body: s.draft.body,
                mood: s.draft.mood,
                saved_at: s.draft.saved_at,
            })
            .collect();
        let export = Export {
            exported_at: now,
            schema_version: SCHEMA_VERSION,
            history: History {
                sessions: self.sessions()?,
                intentions: self.intentions()?,
                journal: self.entries(usize::MAX)?,
                habits: self.habits(true)?,
                ticks: self.all_ticks()?,
                therapy: self.therapy_visits()?,
                drafts,
                treatment: self.treatment()?,
                checkins: self.checkins()?,
                questionnaire_results: self.questionnaire_results()?,
            },
        };
        drop(snapshot);
        Ok(export)
    }
}
