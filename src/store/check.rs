//! Deciding whether an existing file may be opened for writing, without
//! changing a single byte of it, its `-wal` or its `-shm`.
//!
//! Two stages. The header is read as plain bytes: that settles empty files,
//! other file types, other programs' databases and files from a newer
//! afterglow without SQLite ever opening them. Then SQLite opens the file
//! read-only and asks for the application id, the schema version and
//! `quick_check`, which finds damage a header cannot show.
//!
//! A plain read-only SQLite connection is not enough for "untouched": on a
//! WAL database it creates `-wal` and `-shm` files beside it and leaves them
//! there. So when neither a `-wal` nor a `-journal` exists, the main file is
//! the whole database and SQLite opens it `immutable` (nothing created, no
//! locks). If the file changes while we look (another process started
//! writing), that verdict is thrown away and the check runs again as an
//! ordinary read-only reader, which then shares the existing `-shm` like
//! every other reader must.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::files::folder_of;
use super::{APPLICATION_ID, BUSY_TIMEOUT, Result, SCHEMA_VERSION, StoreError, io_error};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;
/// Byte offsets of big-endian fields in the SQLite file header.
const USER_VERSION_AT: usize = 60;
const APPLICATION_ID_AT: usize = 68;
/// How many problems `quick_check` reports at most; enough to describe.
const QUICK_CHECK_LIMIT: u32 = 5;

pub(super) fn before_opening(path: &Path) -> Result<()> {
    check_header(path)?;
    #[cfg(unix)]
    if let Some(verdict) = check_immutable(path) {
        return verdict;
    }
    inspect(path, Mode::Shared)
}

/// Before creating a database where none is: a `-wal` or `-journal` with no
/// database beside it holds the last writes of a file that was moved or
/// deleted. Beside a new, empty file SQLite would delete such a `-wal`
/// (or play the journal back into it), losing the only copy of them.
pub(super) fn no_orphaned_companions(path: &Path) -> Result<()> {
    match log_beside(path) {
        Some(orphan) => Err(damaged(
            path,
            &format!(
                "the database file is missing, but {} is still there and may hold its latest changes; \
                 put the database back, or move that file aside to start afresh",
                orphan.display()
            ),
        )),
        None => Ok(()),
    }
}

/// The `-wal` or `-journal` beside `path`, when there is one (a link
/// counts, even a broken one): writes that belong to a database at `path`,
/// and that SQLite would play into whatever file it next opens there.
pub(super) fn log_beside(path: &Path) -> Option<PathBuf> {
    ["-wal", "-journal"]
        .into_iter()
        .map(|suffix| companion(path, suffix))
        .find(|beside| fs::symlink_metadata(beside).is_ok())
}

/// SQLite's "unable to open database file" or "readonly database" while
/// opening a checked file for writing means it could not write the file or
/// create its `-wal` and `-shm` beside it, usually a read-only folder; its
/// own words name neither the file nor the folder.
pub(super) fn cannot_write(path: &Path, e: StoreError) -> StoreError {
    let StoreError::Sqlite(inner) = &e else {
        return e;
    };
    if !matches!(
        inner.sqlite_error_code(),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied)
    ) {
        return e;
    }
    let folder = folder_of(path);
    io_error(
        path,
        std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!(
                "SQLite could not write it or create its -wal and -shm files in {}; \
                 check that you may write to that folder ({inner})",
                folder.display()
            ),
        ),
    )
}

/// The header's checks; answers the schema version the header holds.
pub(super) fn check_header(path: &Path) -> Result<i32> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(not_ours(path, "it is a folder"));
    }
    if !meta.is_file() {
        // Reading a FIFO or a device could block or never end.
        return Err(not_ours(path, "it is not a regular file"));
    }
    if meta.len() == 0 {
        return Err(not_ours(
            path,
            "the file is empty; if an earlier first run was cut short, removing this empty file lets afterglow start afresh",
        ));
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut header))
        .map_err(|e| io_error(path, e))?;
    if !header.starts_with(SQLITE_MAGIC) {
        return Err(not_ours(path, "it is not a SQLite file"));
    }
    let (Some(version), Some(app_id)) = (
        field(&header, USER_VERSION_AT),
        field(&header, APPLICATION_ID_AT),
    ) else {
        return Err(damaged(path, "the file ends inside its SQLite header"));
    };
    // Our files get their id before WAL is switched on, so the header always
    // has it. The version here may lag behind one still in the -wal, but
    // versions only grow: "too new" here is too new for certain.
    check_identity(path, app_id, version)?;
    Ok(version)
}

fn field(header: &[u8], at: usize) -> Option<i32> {
    let bytes = header.get(at..at + 4)?;
    Some(i32::from_be_bytes(bytes.try_into().ok()?))
}

fn check_identity(path: &Path, app_id: i32, version: i32) -> Result<()> {
    if app_id != APPLICATION_ID {
        return Err(not_ours(
            path,
            "it is a SQLite database from another program",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(too_new(path, version));
    }
    if version < 0 {
        return Err(negative_version(path, version));
    }
    Ok(())
}

/// Shared with the migration runner, which reads the version again under
/// the write lock (a newer afterglow may have got there first) and must
/// word the refusal the same way.
pub(super) fn too_new(path: &Path, found: i32) -> StoreError {
    StoreError::TooNew {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    }
}

/// Versions count applied migrations up from 0; afterglow never wrote this.
pub(super) fn negative_version(path: &Path, version: i32) -> StoreError {
    damaged(path, &format!("its schema version is {version}"))
}

#[derive(Clone, Copy)]
enum Mode {
    /// No locks, no companion files; only valid while nobody writes.
    #[cfg_attr(not(unix), allow(dead_code))]
    Immutable,
    /// An ordinary read-only reader.
    Shared,
}

/// The verdict of an immutable look, or `None` when it cannot be trusted.
#[cfg(unix)]
fn check_immutable(path: &Path) -> Option<Result<()>> {
    if !quiet(path) {
        return None;
    }
    let before = fingerprint(path)?;
    let verdict = inspect(path, Mode::Immutable);
    (quiet(path) && fingerprint(path)? == before).then_some(verdict)
}

/// No `-wal` and no `-journal`: the main file is the whole database.
fn quiet(path: &Path) -> bool {
    !companion(path, "-wal").exists() && !companion(path, "-journal").exists()
}

fn fingerprint(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// `path` with `suffix` (`-wal`, `-shm`, `-journal`) added: where SQLite
/// keeps that file of the database at `path`.
pub(super) fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn inspect(path: &Path, mode: Mode) -> Result<()> {
    verify(path, &look(path, mode)?)
}

/// A read-only connection to a file whose identity SQLite has confirmed.
fn look(path: &Path, mode: Mode) -> Result<Connection> {
    let fail = |e: rusqlite::Error| sqlite_failure(path, e);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match mode {
        #[cfg(unix)]
        Mode::Immutable => {
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        }
        _ => Connection::open_with_flags(path, flags),
    }
    .map_err(fail)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
    let read = |name: &str| -> Result<i32> {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .map_err(fail)
    };
    check_identity(path, read("application_id")?, read("user_version")?)?;
    Ok(conn)
}

/// `quick_check` on a connection from [`look`].
fn verify(path: &Path, conn: &Connection) -> Result<()> {
    let problems = quick_check(conn).map_err(|e| sqlite_failure(path, e))?;
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(damaged(
            path,
            &format!("SQLite's integrity check failed: {first}"),
        )),
    }
}

/// [`before_opening`] without `quick_check`, whose cost grows with the
/// file, for a dashboard that draws its first frame before that check (see
/// `Db::preview`). Answers which of the `-wal` and `-shm` existed before,
/// so that a refusal after the check can leave the folder as it found it;
/// `None` when the schema is older than this build's, since a migration
/// must only follow the full check.
pub(super) fn first_look(path: &Path) -> Result<Option<Companions>> {
    if check_header(path)? < SCHEMA_VERSION {
        return Ok(None);
    }
    let existed = Companions {
        wal: companion(path, "-wal").exists(),
        shm: companion(path, "-shm").exists(),
    };
    #[cfg(unix)]
    if quiet(path) {
        drop(look(path, Mode::Immutable)?);
        return Ok(Some(existed));
    }
    drop(look(path, Mode::Shared)?);
    Ok(Some(existed))
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Companions {
    wal: bool,
    shm: bool,
}

/// The `quick_check` that [`first_look`] left out, on the connection the
/// dashboard has read through (it has written nothing yet). On damage the
/// connection is closed without its usual checkpoint, so the file keeps
/// every byte, and an empty `-wal` and a `-shm` that opening created are
/// removed again.
pub(super) fn finish(path: &Path, conn: Connection, existed: Companions) -> Result<Connection> {
    let Err(refusal) = verify(path, &conn) else {
        return Ok(conn);
    };
    let _ = conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    );
    drop(conn);
    let wal = companion(path, "-wal");
    let empty = fs::metadata(&wal).is_ok_and(|m| m.len() == 0);
    if !existed.wal && empty {
        let _ = fs::remove_file(&wal);
        if !existed.shm {
            let _ = fs::remove_file(companion(path, "-shm"));
        }
    }
    Err(refusal)
}

/// The problems `quick_check` finds, one per line, without its "*** in
/// database main ***" banners; empty when it says "ok".
fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA quick_check({QUICK_CHECK_LIMIT})"))?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows
        .iter()
        .flat_map(|row| row.lines())
        .map(str::trim)
        .filter(|line| !line.is_empty() && *line != "ok" && !line.starts_with("***"))
        .map(str::to_string)
        .collect())
}

/// `file:` URI for an immutable read-only open. Everything but unreserved
/// characters is percent-encoded: a `?` or `#` in a folder name must not
/// turn into URI syntax.
#[cfg(unix)]
fn immutable_uri(path: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    if path.is_absolute() {
        // An empty authority, so that "//host" in a path stays a path.
        uri.push_str("//");
    }
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            // Writing into a String cannot fail.
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

/// While checking, SQLite errors mean damage (not a database, malformed...),
/// except those about the surroundings: a lock held too long, permissions,
/// memory. Calling those "damaged" would frighten someone for nothing.
fn sqlite_failure(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(
            ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::OutOfMemory,
        ) => StoreError::Sqlite(e),
        _ => damaged(path, &e.to_string()),
    }
}

fn not_ours(path: &Path, reason: &str) -> StoreError {
    StoreError::NotAfterglow {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn damaged(path: &Path, detail: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}
