//! Where the person stands with sessions: each time they said so, newest
//! last (see `domain::treatment`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{instant, query_all, query_opt, secs, whole_seconds};
use super::{Db, Result};
use crate::domain::{TreatmentChange, TreatmentStatus};

fn convert(r: &Row<'_>) -> Result<TreatmentChange> {
    Ok(TreatmentChange {
        at: instant(r.get(0)?)?,
        status: r.get::<_, String>(1)?.parse()?,
        note: r.get(2)?,
    })
}

/// Inserts a change unless one with the same instant and status is there
/// already; returns whether it was added. The caller owns the transaction.
pub(super) fn insert(conn: &Connection, change: &TreatmentChange) -> Result<bool> {
    let at = whole_seconds(change.at)?;
    let here = query_opt(
        conn,
        "SELECT 1 FROM treatment WHERE at = ?1 AND status = ?2",
        params![secs(at), change.status.as_str()],
        |r| Ok(r.get::<_, i64>(0)?),
    )?;
    if here.is_some() {
        return Ok(false);
    }
    conn.prepare_cached("INSERT INTO treatment (at, status, note) VALUES (?1, ?2, ?3)")?
        .execute(params![secs(at), change.status.as_str(), change.note])?;
    Ok(true)
}

impl Db {
    /// Records where the person stands with sessions, as of `at`.
    pub fn set_treatment(
        &mut self,
        status: TreatmentStatus,
        note: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<TreatmentChange> {
        let change = TreatmentChange {
            at: whole_seconds(at)?,
            status,
            note: note.map(str::to_string),
        };
        let tx = self.write()?;
        // The same second twice (a double key press) is one statement.
        tx.execute(
            "DELETE FROM treatment WHERE at = ?1",
            params![secs(change.at)],
        )?;
        insert(&tx, &change)?;
        tx.commit()?;
        Ok(change)
    }

    /// Every change, oldest first.
    pub fn treatment(&self) -> Result<Vec<TreatmentChange>> {
        query_all(
            &self.conn,
            "SELECT at, status, note FROM treatment ORDER BY at, id",
            [],
            convert,
        )
    }
}
