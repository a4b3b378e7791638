//! Check-ins and questionnaire results (migration 8) brought in by
//! `Db::import`, inside its transaction.
//!
//! Like journal entries, a record is already here only when one holds the
//! same instant and the same values; one that differs in any of them (a
//! note written anew, a mood changed) comes in beside it, so neither
//! person's words nor ratings are lost, and a file brought in twice adds
//! nothing the second time.

use rusqlite::{Connection, params};

use super::super::Result;
use super::super::checkins::{NewCheckIn, NewResult, insert, insert_result};
use super::super::codec::{query_opt, secs, whole_seconds};
use super::{keep_id, row_id};
use crate::domain::batch::{Batch, ImportCounts};

pub(super) fn checkins(tx: &Connection, batch: &Batch, counts: &mut ImportCounts) -> Result<()> {
    for c in &batch.checkins {
        let at = whole_seconds(c.at)?;
        let scale = |s: Option<crate::domain::checkin::Scale>| s.map(|s| i64::from(s.get()));
        let found = query_opt(
            tx,
            "SELECT id FROM checkins WHERE at = ?1 AND mood = ?2 AND anxiety IS ?3 \
             AND energy IS ?4 AND note IS ?5",
            params![
                secs(at),
                i64::from(c.mood.get()),
                scale(c.anxiety),
                scale(c.energy),
                c.note
            ],
            row_id,
        )?;
        if found.is_some() {
            counts.already_there.checkins += 1;
            continue;
        }
        let made = insert(
            tx,
            &NewCheckIn {
                at,
                mood: c.mood,
                anxiety: c.anxiety,
                energy: c.energy,
                note: c.note.as_deref(),
            },
        )?;
        keep_id(tx, "checkins", made.id.0, c.id.0)?;
        counts.added.checkins += 1;
    }
    Ok(())
}

pub(super) fn results(tx: &Connection, batch: &Batch, counts: &mut ImportCounts) -> Result<()> {
    for r in &batch.questionnaire_results {
        let at = whole_seconds(r.at)?;
        // Written as `insert_result` writes it, so the text compares.
        let answers = format!(
            "[{}]",
            r.answers
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        let found = query_opt(
            tx,
            "SELECT id FROM questionnaire_results WHERE key = ?1 AND at = ?2 AND answers = ?3",
            params![r.key, secs(at), answers],
            row_id,
        )?;
        if found.is_some() {
            counts.already_there.questionnaire_results += 1;
            continue;
        }
        let made = insert_result(
            tx,
            &NewResult {
                key: &r.key,
                name: &r.name,
                version: &r.version,
                at,
                answers: &r.answers,
                total: r.total,
                band: r.band.as_deref(),
            },
        )?;
        keep_id(tx, "questionnaire_results", made.id.0, r.id.0)?;
        counts.added.questionnaire_results += 1;
    }
    Ok(())
}
