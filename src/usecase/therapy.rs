//! Therapy and integration visits: log, edit, delete.

use super::{Result, gone};
use crate::domain::value::{Past, Text};
use crate::domain::{Removed, TherapyId, TherapyVisit};
use crate::store::Db;

/// A visit that has happened (a future one would tick a plan's therapy
/// item early).
pub fn log(db: &mut Db, at: Past, note: Option<Text>) -> Result<TherapyVisit> {
    Ok(db.add_therapy(at.get(), note.as_ref().map(Text::as_str))?)
}

pub fn edit(db: &mut Db, id: TherapyId, at: Past, note: Option<Text>) -> Result<TherapyVisit> {
    Ok(db.update_therapy(id, at.get(), note.as_ref().map(Text::as_str))?)
}

/// Deletes a visit; answers with what was deleted, which
/// `undo::put_back` puts back.
pub fn delete(db: &mut Db, id: TherapyId) -> Result<Removed> {
    Ok(Removed::Therapy(db.delete_therapy(id)?))
}

pub fn find(db: &Db, id: TherapyId) -> Result<TherapyVisit> {
    db.therapy_visits()?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| gone("therapy visit", id.0))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone, Utc};

    #[test]
    fn a_visit_is_logged_edited_and_deleted() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let mut db = Db::open_in_memory().unwrap();
        let at = |h| Past::new(now - TimeDelta::hours(h), now).unwrap();
        let v = log(
            &mut db,
            at(3),
            Text::optional("the note", Some(" ")).unwrap(),
        )
        .unwrap();
        assert_eq!(v.note, None);
        let note = Some(Text::new("the note", "talked it through").unwrap());
        let edited = edit(&mut db, v.id, at(2), note).unwrap();
        assert_eq!(db.therapy_visits().unwrap(), vec![edited.clone()]);
        assert_eq!(delete(&mut db, v.id).unwrap(), Removed::Therapy(edited));
        assert!(edit(&mut db, v.id, at(1), None).is_err());
    }
}
