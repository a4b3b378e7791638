//! Therapy and integration-coaching visits.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{Table, instant, query_all, query_opt, secs, whole_seconds};
use super::{Db, Result};
use crate::domain::{TherapyId, TherapyVisit};

const THERAPY: Table = Table {
    name: "therapy",
    what: "therapy visit",
};

fn convert(r: &Row<'_>) -> Result<TherapyVisit> {
    Ok(TherapyVisit {
        id: TherapyId(r.get(0)?),
        at: instant(r.get(1)?)?,
        note: r.get(2)?,
    })
}

/// Inserts a visit; the caller owns the transaction, if any.
pub(super) fn insert(
    conn: &Connection,
    at: DateTime<Utc>,
    note: Option<&str>,
) -> Result<TherapyVisit> {
    let at = whole_seconds(at)?;
    conn.prepare_cached("INSERT INTO therapy (at, note) VALUES (?1, ?2)")?
        .execute(params![secs(at), note])?;
    Ok(TherapyVisit {
        id: TherapyId(conn.last_insert_rowid()),
        at,
        note: note.map(str::to_string),
    })
}

impl Db {
    pub fn add_therapy(&mut self, at: DateTime<Utc>, note: Option<&str>) -> Result<TherapyVisit> {
        insert(&self.conn, at, note)
    }

    /// Moves visit `id` to `at` and sets its note. NotFound if it is gone.
    pub fn update_therapy(
        &mut self,
        id: TherapyId,
        at: DateTime<Utc>,
        note: Option<&str>,
    ) -> Result<TherapyVisit> {
        let at = whole_seconds(at)?;
        THERAPY.change(
            &self.conn,
            id.0,
            "UPDATE therapy SET at = ?2, note = ?3 WHERE id = ?1",
            params![id.0, secs(at), note],
        )?;
        Ok(TherapyVisit {
            id,
            at,
            note: note.map(str::to_string),
        })
    }

    /// Answers with the visit as it was, read in the same transaction.
    pub fn delete_therapy(&mut self, id: TherapyId) -> Result<TherapyVisit> {
        let tx = self.write()?;
        let gone = query_opt(
            &tx,
            "SELECT id, at, note FROM therapy WHERE id = ?1",
            [id.0],
            convert,
        )?
        .ok_or_else(|| THERAPY.not_found(id.0))?;
        THERAPY.delete(&tx, id.0)?;
        tx.commit()?;
        Ok(gone)
    }

    /// Ordered by time, then id.
    pub fn therapy_visits(&self) -> Result<Vec<TherapyVisit>> {
        query_all(
            &self.conn,
            "SELECT id, at, note FROM therapy ORDER BY at, id",
            [],
            convert,
        )
    }
}
