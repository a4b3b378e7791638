//! Opening the file: the byte checks, then SQLite's connection with this
//! crate's settings (WAL, foreign keys, the busy timeout), and creating a
//! new file whole under a scratch name so that a half-made one never sits
//! at the person's path.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{
    APPLICATION_ID, BUSY_TIMEOUT, Result, StoreError, check, error, files, migrations, recover, wal,
};

/// The checks, then the connection that will write, checked in full
/// before anything is written through it. Answers what the person should
/// be told about a hot `-journal` that was played back.
pub(super) fn open_existing(path: &Path) -> Result<(Connection, Option<String>)> {
    check::check_header(path)?;
    wal::check(path)?;
    let notice = if recover::is_hot(path)? {
        drop(recover::trial(path)?);
        Some(recover::in_place(path)?)
    } else {
        None
    };
    check::identify(path)?;
    let existed = check::Companions::now(path);
    let conn = open_unchecked(path, existed)?;
    let conn = check::finish(path, conn, existed)?;
    Ok((settle(conn)?, notice))
}

/// A read-write connection with this connection's settings, through which
/// nothing has been written and nothing may be until [`check::finish`]
/// has passed.
pub(super) fn open_unchecked(path: &Path, existed: check::Companions) -> Result<Connection> {
    // SQLite quietly falls back to read-only on a file it may not write,
    // and the first save would fail later with "readonly database". Asking
    // for write access changes nothing and names the file now.
    OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    let conn = open_read_write(path).map_err(|e| check::cannot_write(path, e))?;
    match connect(&conn) {
        Ok(()) => Ok(conn),
        Err(e) => {
            check::close_untouched(path, conn, existed);
            // Setting up reads the schema, which the read-only look before
            // did not: damage there is damage, not a folder we may not
            // write to.
            Err(match e {
                StoreError::Sqlite(inner)
                    if matches!(
                        inner.sqlite_error_code(),
                        Some(
                            rusqlite::ErrorCode::DatabaseCorrupt
                                | rusqlite::ErrorCode::NotADatabase
                        )
                    ) =>
                {
                    check::sqlite_failure(path, inner)
                }
                e => check::cannot_write(path, e),
            })
        }
    }
}

/// No CREATE flag: every caller has made or checked the file just before,
/// and if it vanished since, failing beats quietly starting an empty record.
pub(super) fn open_read_write(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// Creates a new database file, or returns `None` when one appeared at
/// `path` after all (another process won the race).
///
/// Health data: the folders are made private (0700) and the file is created
/// private (0600) by us before SQLite sees it, so there is no moment when
/// it exists with looser permissions. SQLite gives its `-wal`, `-shm` and
/// `-journal` files the mode of the main file.
pub(super) fn create(path: &Path) -> Result<Option<Connection>> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        files::make_private_folder(parent)?;
    }
    if fs::symlink_metadata(path).is_ok() {
        return Ok(None);
    }
    // The new file is made whole under a private name beside its place and
    // only then linked into it: a first run killed half-way leaves a stray
    // scratch file, never a half-made database (empty, or with a hot
    // rollback journal) that every later start would refuse.
    let scratch = files::scratch_beside(path, "new");
    let made = make_new(&scratch).and_then(|()| publish(&scratch, path));
    let _ = fs::remove_file(&scratch);
    if !made? {
        return Ok(None);
    }
    open_read_write(path).and_then(set_up).map(Some)
}

/// A complete, empty afterglow database at `scratch`, closed again.
pub(super) fn make_new(scratch: &Path) -> Result<()> {
    files::new_private_file(scratch).map_err(|e| io_error(scratch, e))?;
    let conn = open_read_write(scratch)?;
    // Set before WAL is switched on, so the id is written straight into the
    // main file's header, where the byte-level check of later opens reads it.
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    let conn = set_up(conn)?;
    // Closing the only connection checkpoints the WAL into the file and
    // removes the -wal and -shm, so the file alone is the whole database.
    conn.close().map_err(|(_, e)| StoreError::Sqlite(e))
}

/// Puts `scratch` at `path` unless something is there already (another
/// process's first run won the race): false then.
pub(super) fn publish(scratch: &Path, path: &Path) -> Result<bool> {
    match fs::hard_link(scratch, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        // File systems without hard links: a rename, after one more look.
        Err(_) if fs::symlink_metadata(path).is_err() => fs::rename(scratch, path)
            .map(|()| true)
            .map_err(|e| io_error(path, e)),
        Err(_) => Ok(false),
    }
}

/// Settings for every read-write connection, then the migrations; nothing
/// may write through a connection before both.
pub(super) fn set_up(conn: Connection) -> Result<Connection> {
    connect(&conn)?;
    settle(conn)
}

/// This connection's own settings, which write nothing to the file.
pub(super) fn connect(conn: &Connection) -> Result<()> {
    // First, so that even switching to WAL waits for another process.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // NORMAL is durable across application crashes in WAL mode and loses at
    // most the last moments on power loss, without an fsync per keystroke
    // of draft autosave. Foreign keys are off by default in SQLite and the
    // SET NULL / CASCADE rules depend on them.
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// WAL mode and the migrations: the settings kept in the file, which are
/// writes unless the file is already in WAL mode and up to date.
pub(super) fn settle(mut conn: Connection) -> Result<Connection> {
    // WAL lets the dashboard read while a CLI command writes. The answer is
    // "memory" for in-memory databases, and a file system without shared
    // memory keeps its old mode; both still work, with less concurrency,
    // so neither is an error.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

pub(super) fn io_error(path: &Path, source: io::Error) -> StoreError {
    if error::is_out_of_space(&source) {
        return check::disk_full(path);
    }
    StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}
