//! Therapy and integration visits: log, edit, delete.

use super::{Result, gone};
use crate::domain::value::{Past, Text};
use crate::domain::{TherapyId, TherapyVisit};
use crate::store::Db;

/// A visit that has happened (a future one would tick a plan's therapy
/// item early).
pub fn log(db: &mut Db, at: Past, note: Option<Text>) -> Result<TherapyVisit> {
    Ok(db.add_therapy(at.get(), note.as_ref().map(Text::as_str))?)
}

pub fn edit(db: &mut Db, id: TherapyId, at: Past, note: Option<Text>) -> Result<TherapyVisit> {
    Ok(db.update_therapy(id, at.get(), note.as_ref().map(Text::as_str))?)
}

/// Deletes a visit; answers with what was deleted.
pub fn delete(db: &mut Db, id: TherapyId) -> Result<TherapyVisit> {
    let v = find(db, id)?;
    db.delete_therapy(id)?;
    Ok(v)
}

pub fn find(db: &Db, id: TherapyId) -> Result<TherapyVisit> {
    db.therapy_visits()?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| gone("therapy visit", id.0))
}
