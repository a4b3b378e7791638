//! A checked copy of the database, safe while the dashboard writes.

use std::path::Path;

use super::Result;
use crate::store::Db;

/// Copies the database to `dest` (replacing a file there only when
/// `replace`); answers with the size of the copy in bytes.
pub fn back_up(db: &Db, dest: &Path, replace: bool) -> Result<u64> {
    Ok(db.backup_to(dest, replace)?)
}
