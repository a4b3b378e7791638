//! Intentions: set, replace the words of, reflect on, delete.

use chrono::{DateTime, Utc};

use super::{Result, gone};
use crate::domain::value::Text;
use crate::domain::{Intention, IntentionId, SessionId};
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

/// Deletes an intention; answers with what was deleted.
pub fn delete(db: &mut Db, id: IntentionId) -> Result<Intention> {
    let i = find(db, id)?;
    db.delete_intention(id)?;
    Ok(i)
}

pub fn find(db: &Db, id: IntentionId) -> Result<Intention> {
    db.intentions()?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| gone("intention", id.0))
}
