//! Deciding whether an existing file may be opened, without changing a
//! single byte of it, its `-wal` or its `-shm`.
//!
//! In stages, each before anything the next could touch:
//!
//! 1. The header is read as plain bytes: that settles empty files, other
//!    file types, other programs' databases and files from a newer
//!    afterglow without SQLite ever opening them.
//! 2. A `-wal` is walked as plain bytes too (see `wal`): SQLite itself
//!    would skip everything after a damaged frame and later delete it.
//! 3. A hot `-journal` (a program stopped half-way through a change in
//!    rollback mode) is undone on a private copy first (see `recover`).
//! 4. SQLite opens the file read-only and reads the application id and the
//!    schema version, which may be newer in the `-wal` than in the header.
//! 5. SQLite checks the content: `integrity_check` before anything is
//!    written, and for exports and backups; `quick_check` for a backup's
//!    source and `export --skip-bad`; none for `status` and the lists
//!    (`Check::Header`), which read a few rows, never write, and must not
//!    cost more as the years add up (a damaged page they read still ends
//!    in SQLite's error). The dashboard runs its `integrity_check` beside
//!    it, and every write waits for it (see `apart`). A read-only connection skips CHECK
//!    constraints in that check, so the one before a write runs on the
//!    read-write connection itself, which has written nothing yet (see
//!    [`finish`]).
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

use super::error::is_disk_full;
use super::files::folder_of;
use super::{
    APPLICATION_ID, BUSY_TIMEOUT, Check, Result, SCHEMA_VERSION, StoreError, io_error, recover, wal,
};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;
/// Byte offsets of big-endian fields in the SQLite file header.
const USER_VERSION_AT: usize = 60;
const APPLICATION_ID_AT: usize = 68;
/// The file format write and read versions: 2 for WAL, 1 for rollback.
const WRITE_VERSION_AT: usize = 18;
/// How many problems a check reports at most; enough to describe.
const CHECK_LIMIT: u32 = 5;

/// Every stage, with `quick_check`: the look of `afterglow demo --db`
/// before it decides whether a file may take made-up data.
pub(super) fn before_opening(path: &Path) -> Result<()> {
    examine(path, Check::Quick)
}

/// Every stage, without a connection left open: for a file that is only
/// to be copied from (a backup being restored) or to be judged (the file a
/// restore replaces).
pub(super) fn examine(path: &Path, depth: Check) -> Result<()> {
    check_header(path)?;
    wal::check(path)?;
    if recover::is_hot(path)? {
        return recover::trial(path).map(drop);
    }
    #[cfg(unix)]
    if let Some(verdict) = check_immutable(path, depth) {
        return verdict;
    }
    inspect(path, Mode::Shared, depth)
}

/// Stage 4 alone: SQLite's word on the identity, without a content check,
/// for [`Db::open`](super::Db::open), whose content check follows on the
/// read-write connection.
pub(super) fn identify(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if quiet(path) {
        let before = fingerprint(path);
        let looked = look(path, Mode::Immutable).map(drop);
        if quiet(path) && before.is_some() && fingerprint(path) == before {
            return looked;
        }
    }
    look(path, Mode::Shared).map(drop)
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
/// own words name neither the file nor the folder. No room to do so is a
/// full disk.
pub(super) fn cannot_write(path: &Path, e: StoreError) -> StoreError {
    let StoreError::Sqlite(inner) = &e else {
        return e;
    };
    if is_disk_full(inner) {
        return disk_full(path);
    }
    if !may_not_write(inner) {
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
    Ok(read_header(path)?.version)
}

struct Header {
    version: i32,
    wal_mode: bool,
}

fn read_header(path: &Path) -> Result<Header> {
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
    Ok(Header {
        version,
        wal_mode: header.get(WRITE_VERSION_AT) == Some(&2),
    })
}

fn field(header: &[u8], at: usize) -> Option<i32> {
    let bytes = header.get(at..at + 4)?;
    Some(i32::from_be_bytes(bytes.try_into().ok()?))
}

pub(super) fn check_identity(path: &Path, app_id: i32, version: i32) -> Result<()> {
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
fn check_immutable(path: &Path, depth: Check) -> Option<Result<()>> {
    if !quiet(path) {
        return None;
    }
    let before = fingerprint(path)?;
    let verdict = inspect(path, Mode::Immutable, depth);
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

fn inspect(path: &Path, mode: Mode, depth: Check) -> Result<()> {
    verify(path, &look(path, mode)?, depth)
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
    // A reader never checkpoints, but should SQLite ever let the last
    // connection to close do so, this one must not.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .map_err(fail)?;
    let read = |name: &str| -> Result<i32> {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .map_err(fail)
    };
    check_identity(path, read("application_id")?, read("user_version")?)?;
    Ok(conn)
}

/// The content check of `depth` on any connection to `path`.
pub(super) fn verify(path: &Path, conn: &Connection, depth: Check) -> Result<()> {
    let problems = problems(conn, depth).map_err(|e| sqlite_failure(path, e))?;
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(damaged(
            path,
            &format!("SQLite's integrity check failed: {first}"),
        )),
    }
}

/// The connection a command that only reads works through: an ordinary
/// read-only reader, which never checkpoints and never deletes anything
/// but, on a WAL database, creates the `-wal` and `-shm` every reader
/// needs when they are missing. Where it cannot (the disk is full, the
/// folder is read-only) and the main file is the whole database (no
/// `-journal`, and no frame in the `-wal`: `frames` from `wal::check`),
/// SQLite reads the file as immutable instead: nobody can be writing to it
/// then, since a writer needs those same files.
pub(super) fn reader(path: &Path, frames: u64, depth: Check) -> Result<Connection> {
    // The check first, where it can be made without creating anything;
    // with none to make, one connection is opened, not two.
    #[cfg(unix)]
    let checked = depth == Check::Header
        || match check_immutable(path, depth) {
            Some(verdict) => verdict.map(|()| true)?,
            None => false,
        };
    #[cfg(not(unix))]
    let checked = depth == Check::Header;
    let existed = Companions::now(path);
    let refuse = |conn: Connection, e: StoreError| {
        drop(conn);
        existed.tidy(path);
        Err(e)
    };
    let conn = match look(path, Mode::Shared) {
        Ok(conn) => conn,
        Err(e) if frames == 0 && !companion(path, "-journal").exists() && cannot_start(&e) => {
            // What the failed reader left (an empty -wal, a -shm it could
            // not grow) would only make later looks take the slower way.
            existed.tidy(path);
            fallback(path, e)?
        }
        Err(e) => return Err(e),
    };
    if checked {
        return Ok(conn);
    }
    match verify(path, &conn, depth) {
        Ok(()) => Ok(conn),
        Err(e) => refuse(conn, e),
    }
}

/// Reading needs no -wal or -shm of its own: the disk is full, or the
/// folder is read-only.
fn cannot_start(e: &StoreError) -> bool {
    match e {
        StoreError::DiskFull { .. } => true,
        StoreError::Sqlite(e) => may_not_write(e),
        _ => false,
    }
}

/// SQLite could not open or create a file, or was not allowed to write:
/// the surroundings (a read-only folder or medium), not the file's content.
fn may_not_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied)
    )
}

#[cfg(unix)]
fn fallback(path: &Path, _shared: StoreError) -> Result<Connection> {
    look(path, Mode::Immutable)
}

#[cfg(not(unix))]
fn fallback(_path: &Path, shared: StoreError) -> Result<Connection> {
    Err(shared)
}

/// [`examine`] without the content check, whose cost grows with the
/// file, for a dashboard that draws its first frame before that check (see
/// `Db::preview`). Answers which of the `-wal` and `-shm` existed before,
/// so that a refusal after the check can leave the folder as it found it;
/// `None` when the file must go through `Db::open`: its schema is older
/// than this build's (a migration must only follow the full check), it is
/// in rollback mode (switching it to WAL writes), or a `-journal` is
/// beside it.
pub(super) fn first_look(path: &Path) -> Result<Option<Companions>> {
    let header = read_header(path)?;
    if header.version < SCHEMA_VERSION || !header.wal_mode {
        return Ok(None);
    }
    wal::check(path)?;
    if fs::symlink_metadata(companion(path, "-journal")).is_ok() {
        return Ok(None);
    }
    let existed = Companions::now(path);
    identify(path)?;
    Ok(Some(existed))
}

#[derive(Debug, Clone, Copy)]
pub struct Companions {
    wal: bool,
    shm: bool,
}

impl Companions {
    pub fn now(path: &Path) -> Companions {
        Companions {
            wal: companion(path, "-wal").exists(),
            shm: companion(path, "-shm").exists(),
        }
    }

    /// Removes an empty `-wal`, and with it a `-shm`, that were not there
    /// at [`Companions::now`]: the traces of opening a file that is then
    /// refused. A `-wal` with anything in it is never touched.
    pub fn tidy(self, path: &Path) {
        let wal = companion(path, "-wal");
        let empty = fs::metadata(&wal).is_ok_and(|m| m.len() == 0);
        if !self.wal && empty {
            let _ = fs::remove_file(&wal);
            if !self.shm {
                let _ = fs::remove_file(companion(path, "-shm"));
            }
        }
    }
}

/// The `integrity_check` before the first write, on the read-write
/// connection that will write (it has written nothing yet; only a
/// read-write connection checks CHECK constraints). On damage, or when
/// the check cannot even start, the connection is closed without its
/// usual checkpoint, so the file keeps every byte, and an empty `-wal` and
/// a `-shm` that opening created are removed again.
pub(super) fn finish(path: &Path, conn: Connection, existed: Companions) -> Result<Connection> {
    let Err(refusal) = verify(path, &conn, Check::Full) else {
        return Ok(conn);
    };
    close_untouched(path, conn, existed);
    Err(refusal)
}

/// Closes a read-write connection that has written nothing, leaving the
/// folder as [`Companions::now`] found it.
pub(super) fn close_untouched(path: &Path, conn: Connection, existed: Companions) {
    let _ = conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    );
    drop(conn);
    existed.tidy(path);
}

/// The problems the check of `depth` finds, one per line, without the
/// "*** in database main ***" banners; empty when it says "ok".
fn problems(conn: &Connection, depth: Check) -> rusqlite::Result<Vec<String>> {
    let pragma = match depth {
        Check::Quick => "quick_check",
        Check::Full => "integrity_check",
        Check::Header => return Ok(Vec::new()),
    };
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}({CHECK_LIMIT})"))?;
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
/// a read-only folder, memory, a full disk. Calling those "damaged" would
/// frighten someone for nothing.
pub(super) fn sqlite_failure(path: &Path, e: rusqlite::Error) -> StoreError {
    if is_disk_full(&e) {
        return disk_full(path);
    }
    match e.sqlite_error_code() {
        Some(
            ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::ReadOnly
            | ErrorCode::OutOfMemory,
        ) => StoreError::Sqlite(e),
        _ => damaged(path, &e.to_string()),
    }
}

pub(super) fn disk_full(path: &Path) -> StoreError {
    StoreError::DiskFull {
        path: path.to_path_buf(),
    }
}

fn not_ours(path: &Path, reason: &str) -> StoreError {
    StoreError::NotAfterglow {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

pub(super) fn damaged(path: &Path, detail: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::ffi;

    use super::*;

    fn failure(code: i32) -> StoreError {
        let e = rusqlite::Error::SqliteFailure(ffi::Error::new(code), None);
        sqlite_failure(Path::new("/data/afterglow.db"), e)
    }

    /// A full disk while looking at a file used to read "looks damaged...
    /// repair it": SQLite cannot grow the -shm beside a WAL database, and
    /// every failure but a few was taken for damage.
    #[test]
    fn no_room_is_a_full_disk_not_damage() {
        for code in [ffi::SQLITE_FULL, ffi::SQLITE_IOERR_SHMSIZE] {
            let err = failure(code);
            assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
            let text = err.to_string();
            assert!(
                text.starts_with("the disk that holds /data/afterglow.db is full")
                    && text.contains("still work")
                    && !text.contains("damaged"),
                "{text}"
            );
        }
        for code in [ffi::SQLITE_READONLY_DIRECTORY, ffi::SQLITE_CANTOPEN] {
            assert!(matches!(failure(code), StoreError::Sqlite(_)));
        }
        assert!(matches!(
            failure(ffi::SQLITE_CORRUPT),
            StoreError::Damaged { .. }
        ));
    }

    #[test]
    fn no_room_for_a_new_file_is_a_full_disk_too() {
        let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let err = io_error(Path::new("/data/afterglow.db"), e);
        assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    }
}
