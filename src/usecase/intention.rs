//! Intentions: set, replace the words of, reflect on, delete.

use chrono::{DateTime, Utc};

use super::{Result, gone};
use crate::domain::value::Text;
use crate::domain::{Intention, IntentionId, Removed, SessionId};
use crate::store::Db;

/// Sets the intention for `session`, or the one waiting for the next
/// session when `None`; one the session held already stays in the history
/// as replaced (see `Db::set_intention`).
pub fn set(
    db: &mut Db,
    session: Option<SessionId>,
    text: Text,
    now: DateTime<Utc>,
) -> Result<Intention> {
    Ok(db.set_intention(session, text.as_str(), now)?)
}

/// New words for intention `id`, in place.
pub fn replace(db: &mut Db, id: IntentionId, text: Text) -> Result<Intention> {
    db.update_intention(id, text.as_str())?;
    find(db, id)
}

/// The reflection on intention `id`; one there already moves to its
/// history.
pub fn reflect(db: &mut Db, id: IntentionId, text: Text, now: DateTime<Utc>) -> Result<()> {
    Ok(db.set_reflection(id, text.as_str(), now)?)
}

/// Deletes an intention and its earlier reflections; answers with what
/// was deleted, which `undo::put_back` puts back.
pub fn delete(db: &mut Db, id: IntentionId) -> Result<Removed> {
    Ok(Removed::Intention(db.delete_intention(id)?))
}

pub fn find(db: &Db, id: IntentionId) -> Result<Intention> {
    db.intentions()?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| gone("intention", id.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_intention_is_set_replaced_reflected_on_and_deleted() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let mut db = Db::open_in_memory().unwrap();
        let words = |s: &str| Text::new("an intention", s).unwrap();
        let i = set(&mut db, None, words("notice my breath"), now).unwrap();
        assert_eq!(
            replace(&mut db, i.id, words("stay curious")).unwrap().text,
            "stay curious"
        );
        reflect(&mut db, i.id, words("I did"), now).unwrap();
        assert_eq!(
            find(&db, i.id).unwrap().reflection.as_deref(),
            Some("I did")
        );
        let Removed::Intention(gone) = delete(&mut db, i.id).unwrap() else {
            panic!("an intention was deleted");
        };
        assert_eq!(gone.intention.id, i.id);
        assert!(find(&db, i.id).is_err());
    }
}
