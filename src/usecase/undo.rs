//! Undo: what the last delete took away goes back as it was.

use super::Result;
use crate::domain::Removed;
use crate::store::Db;

/// Puts back what a delete answered (see `Db::put_back`), in one
/// transaction: under its old id while that is free, with every link the
/// delete undid, except where a change made since says otherwise.
pub fn put_back(db: &mut Db, removed: &Removed) -> Result<()> {
    Ok(db.put_back(removed)?)
}
