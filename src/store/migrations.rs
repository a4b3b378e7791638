//! Schema migrations: a numbered, append-only list of SQL files.
//!
//! `PRAGMA user_version` holds how many have been applied. A file that is
//! already up to date is only read. Otherwise each migration runs in its
//! own IMMEDIATE transaction together with the bump of `user_version`,
//! so a crash leaves the file at the old version or the new one, never in
//! between; and two afterglow processes opening an old file at the same time
//! take turns instead of both applying the same step.
//!
//! Never edit a migration that has shipped: files in the wild already have
//! it. Add a new one at the end and raise [`super::SCHEMA_VERSION`].

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::check::{negative_version, too_new};
use super::{Result, SCHEMA_VERSION};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_therapy_drafts.sql"),
    include_str!("migrations/0003_intentions_treatment.sql"),
    include_str!("migrations/0004_a_draft_per_editor.sql"),
    include_str!("migrations/0005_earlier_reflections.sql"),
    include_str!("migrations/0006_journal_search.sql"),
    include_str!("migrations/0007_habit_schedule.sql"),
    include_str!("migrations/0008_checkins_questionnaires.sql"),
];

// A new migration without a new SCHEMA_VERSION (or the reverse) must not build.
const _: () = assert!(MIGRATIONS.len() == SCHEMA_VERSION as usize);

/// Brings the schema up to [`SCHEMA_VERSION`].
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies migrations until `user_version` reaches `target` (at most
/// [`SCHEMA_VERSION`]). Public only so that tests can build files with an
/// older schema; the program itself always goes all the way.
///
/// The version is read first without any transaction: a file that is
/// already up to date, which is every open but the first after an upgrade,
/// takes no write lock and commits nothing. Only when there is work is an
/// IMMEDIATE transaction taken, and the version is read again inside it.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, target: i32) -> Result<()> {
    let target = target.min(SCHEMA_VERSION);
    if settled(conn, user_version(conn)?, target)? {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again inside the write lock: another process may have
        // migrated while we waited for it.
        let current = user_version(&tx)?;
        if settled(&tx, current, target)? {
            // Dropping the transaction rolls back nothing, because nothing
            // was done.
            return Ok(());
        }
        let Some(sql) = usize::try_from(current)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
        else {
            return Err(negative_version(path(&tx), current));
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}

fn user_version(conn: &Connection) -> Result<i32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

fn path(conn: &Connection) -> &Path {
    Path::new(conn.path().unwrap_or(":memory:"))
}

/// True when a file at version `current` needs nothing more to reach
/// `target`; TooNew when a newer afterglow got here between the check
/// before opening and now.
fn settled(conn: &Connection, current: i32, target: i32) -> Result<bool> {
    if current > SCHEMA_VERSION {
        return Err(too_new(path(conn), current));
    }
    Ok(current >= target)
}
