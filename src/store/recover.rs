//! A hot `-journal`: what a program leaves when it stops half-way through a
//! change to a database in rollback-journal mode, as every backup is.
//!
//! The `-journal` holds the pages as they were before the change began.
//! SQLite undoes the change ("plays the journal back") the first time a
//! connection that may write reads the file; a read-only connection cannot,
//! and fails. So a file with a hot journal is neither damaged nor readable
//! as it stands.
//!
//! afterglow never undoes it blind. The file and its `-journal` are copied
//! into a private folder beside the file, SQLite plays the journal back
//! into the copy, and the copy gets the full check. Only then:
//!
//! - a command that writes lets SQLite do the same in the file itself
//!   ([`in_place`]), and says so;
//! - a command that only reads, a backup and a restore read the copy, and
//!   the file and its `-journal` stay exactly as they were.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::check::{self, companion};
use super::files::{copy_bytes, file_name, make_private_folder, new_private_file, scratch_beside};
use super::{BUSY_TIMEOUT, Check, Result, io_error, open_read_write};

/// True when SQLite finds a hot journal beside `path`: a `-journal` that
/// no running program is using, and which must be played back before the
/// file can be read. Nothing is written to find out.
pub(super) fn is_hot(path: &Path) -> Result<bool> {
    let journal = companion(path, "-journal");
    match fs::metadata(&journal) {
        Ok(m) if m.len() > 0 => {}
        // Empty, missing, or something we cannot look at: SQLite treats a
        // journal it cannot read as no journal, and so do we.
        _ => return Ok(false),
    }
    let fail = |e| check::sqlite_failure(path, e);
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(fail)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(false),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK =>
        {
            Ok(true)
        }
        Err(e) => Err(fail(e)),
    }
}

/// A private copy of a file with a hot journal, the journal played back
/// and the result checked in full. The copy's folder goes when this does.
pub(super) struct Trial {
    // Declared first, so closed before its folder is removed.
    pub(super) conn: Connection,
    _folder: Scratch,
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Plays the hot journal beside `path` back into a private copy and checks
/// the result: `Damaged` (naming `path` and its journal) when the copy
/// fails, and `path` itself is never written.
pub(super) fn trial(path: &Path) -> Result<Trial> {
    let journal = companion(path, "-journal");
    let folder = scratch_beside(path, "recover");
    make_private_folder(&folder)?;
    let folder = Scratch(folder);
    let copy = folder.0.join(file_name(path));
    copy_private(path, &copy)?;
    copy_private(&journal, &companion(&copy, "-journal"))?;
    let about = |e| about_original(e, &copy, path, &journal);
    let conn = open_read_write(&copy).map_err(about)?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| about(e.into()))?;
    // The first read by a connection that may write plays the journal
    // back, exactly as SQLite would in the file itself.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| about(check::sqlite_failure(&copy, e)))?;
    let read = |name: &str| -> Result<i32> {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .map_err(|e| about(check::sqlite_failure(&copy, e)))
    };
    check::check_identity(path, read("application_id")?, read("user_version")?)?;
    check::verify(&copy, &conn, Check::Full).map_err(about)?;
    Ok(Trial {
        conn,
        _folder: folder,
    })
}

/// Lets SQLite play the hot journal back into the file itself, after
/// [`trial`] has shown what that gives. Answers the words for the person.
pub(super) fn in_place(path: &Path) -> Result<String> {
    let conn = open_read_write(path).map_err(|e| check::cannot_write(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| check::sqlite_failure(path, e))?;
    conn.close()
        .map_err(|(_, e)| check::sqlite_failure(path, e))?;
    Ok(format!(
        "{} had a change that a program stopped half-way through (its -journal was still beside it); \
         that change was undone, as SQLite does, so the file is as it was before the change began",
        path.display()
    ))
}

/// The words for a command that read through a [`trial`] copy.
pub(super) fn read_from_copy(path: &Path) -> String {
    format!(
        "{} has a change that a program stopped half-way through (its -journal is beside it); \
         this was read from a private copy with that change undone, as SQLite would undo it, \
         and the file and its -journal were left as they are",
        path.display()
    )
}

/// Copies `from` into a new owner-only file `to`, and makes it durable:
/// SQLite will play a journal back into it.
pub(super) fn copy_private(from: &Path, to: &Path) -> Result<()> {
    new_private_file(to).map_err(|e| io_error(to, e))?;
    copy_bytes(from, to)
}

/// A refusal about the private copy is about the file it was copied from.
fn about_original(
    e: super::StoreError,
    copy: &Path,
    path: &Path,
    journal: &Path,
) -> super::StoreError {
    use super::StoreError;
    match e {
        StoreError::Damaged { path: p, detail } if p == copy => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!(
                "with the unfinished change in {} undone, as SQLite would undo it: {detail}",
                journal.display()
            ),
        },
        StoreError::DiskFull { path: p } if p == copy => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        e => e,
    }
}
