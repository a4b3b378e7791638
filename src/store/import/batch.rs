//! A whole afterglow export becomes a batch to bring it back as it was;
//! and the check-ins and questionnaire results a batch brings are added in
//! the import's own transaction.

use std::collections::HashSet;

use rusqlite::Connection;

use super::super::Result;
use super::super::checkins::{self, NewCheckIn, NewResult};
use super::super::codec::{secs, whole_seconds};
use super::keep_id;
use crate::domain::Batch;
use crate::domain::batch::ImportCounts;
use crate::store::Export;

impl From<Export> for Batch {
    /// A whole afterglow export, to be brought back as it was.
    fn from(e: Export) -> Batch {
        Batch::whole(e.history)
    }
}

/// Adds the batch's check-ins and questionnaire results that are not here.
///
/// A check-in is here when one with the same instant and mood is; a result
/// when one of the same questionnaire at the same instant is. What is here
/// is read once, not asked row by row: a ten-year demo brings thousands.
pub(super) fn add_daily(conn: &Connection, batch: &Batch, counts: &mut ImportCounts) -> Result<()> {
    if !batch.checkins.is_empty() {
        let mut here: HashSet<(i64, i64)> = HashSet::new();
        let mut read = conn.prepare_cached("SELECT at, mood FROM checkins")?;
        for row in read.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            here.insert(row?);
        }
        for c in &batch.checkins {
            let at = whole_seconds(c.at)?;
            if !here.insert((secs(at), i64::from(c.mood.get()))) {
                counts.already_there.checkins += 1;
                continue;
            }
            let new = NewCheckIn {
                at,
                mood: c.mood,
                anxiety: c.anxiety,
                energy: c.energy,
                note: c.note.as_deref(),
            };
            let made = checkins::insert(conn, &new)?;
            keep_id(conn, "checkins", made.id.0, c.id.0)?;
            counts.added.checkins += 1;
        }
    }
    if !batch.results.is_empty() {
        let mut here: HashSet<(String, i64)> = HashSet::new();
        let mut read = conn.prepare_cached("SELECT key, at FROM questionnaire_results")?;
        for row in read.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            here.insert(row?);
        }
        for r in &batch.results {
            let at = whole_seconds(r.at)?;
            if !here.insert((r.key.clone(), secs(at))) {
                counts.already_there.results += 1;
                continue;
            }
            let new = NewResult {
                key: &r.key,
                name: &r.name,
                version: &r.version,
                at,
                answers: &r.answers,
                total: r.total,
                band: r.band.as_deref(),
            };
            let made = checkins::insert_result(conn, &new)?;
            keep_id(conn, "questionnaire_results", made.id.0, r.id.0)?;
            counts.added.results += 1;
        }
    }
    Ok(())
}
