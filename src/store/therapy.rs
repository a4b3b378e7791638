//! Therapy and integration-coaching visits.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use super::codec::{instant, query_all, whole_seconds};
use super::{Db, Result, StoreError};
use crate::domain::{TherapyId, TherapyVisit};

type Raw = (i64, i64, Option<String>);

fn read(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

fn convert((id, at, note): Raw) -> Result<TherapyVisit> {
    Ok(TherapyVisit {
        id: TherapyId(id),
        at: instant(at)?,
        note,
    })
}

impl Db {
    pub fn add_therapy(&mut self, at: DateTime<Utc>, note: Option<&str>) -> Result<TherapyVisit> {
        let at = whole_seconds(at)?;
        self.conn.execute(
            "INSERT INTO therapy (at, note) VALUES (?1, ?2)",
            params![at.timestamp(), note],
        )?;
        Ok(TherapyVisit {
            id: TherapyId(self.conn.last_insert_rowid()),
            at,
            note: note.map(str::to_string),
        })
    }

    pub fn delete_therapy(&mut self, id: TherapyId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM therapy WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "therapy visit",
                id: id.0,
            });
        }
        Ok(())
    }

    /// Ordered by time, then id.
    pub fn therapy_visits(&self) -> Result<Vec<TherapyVisit>> {
        query_all(
            &self.conn,
            "SELECT id, at, note FROM therapy ORDER BY at, id",
            [],
            read,
            convert,
        )
    }
}
