//! Copies of the database through SQLite's online backup API: `backup`
//! writes one, `restore` puts one back.
//!
//! The backup API copies pages under SQLite's own locks, so a copy taken
//! while the dashboard writes is one consistent snapshot, and a restore into
//! the live file is one transaction that other connections see whole (their
//! `data_version` moves, and an open dashboard reloads).
//!
//! A backup is one standalone file: rollback-journal mode (nothing needed
//! beside it), owner-only, `integrity_check`ed on the copy itself, and made
//! under a scratch name that is renamed into place, so nothing half-written
//! ever has the name.
//!
//! A restore never writes to the backup. The backup is checked the way every
//! file is checked before opening (an immutable look: no locks, no `-wal`
//! or `-shm` created), its bytes are copied into a private scratch file, and
//! only that copy is opened, migrated and read from. A hot `-journal`
//! beside the backup (a program stopped half-way through changing it) is
//! copied along and played back in that copy only. The database it
//! replaces is never lost: our own is copied aside while the restore holds
//! its write lock, so no other write can slip in between the copy and the
//! switch; a file we cannot open is moved aside as it is, companions and all.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::check::{self, companion};
use super::files::{
    copy_bytes, file_name, folder_of, make_private_folder, new_private_file, same_file,
    scratch_beside,
};
use super::{
    BUSY_TIMEOUT, Check, Db, Result, StoreError, io_error, open_read_write, publish, recover,
};

/// The pause between tries while another connection holds a lock.
const RETRY: Duration = Duration::from_millis(25);

/// The files SQLite may keep beside a database.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// How many `.before-restore-LABEL-N` names are tried before giving up.
const ASIDE_NAMES: u32 = 100;

/// What [`Db::restore`] did.
#[derive(Debug)]
pub struct Restored {
    backup_version: i32,
    aside: Option<PathBuf>,
    unusable: Option<String>,
    moved: Vec<PathBuf>,
    played_back: Option<PathBuf>,
}

impl Restored {
    /// The schema version the backup had. An older one was brought up to
    /// date in the restored copy; the backup itself is never changed.
    pub fn backup_version(&self) -> i32 {
        self.backup_version
    }

    /// Where the database that was replaced is kept: a checked copy of it,
    /// or, when it could not be opened, the file itself moved as it was.
    /// `None` when there was no database.
    pub fn aside(&self) -> Option<&Path> {
        self.aside.as_deref()
    }

    /// Why the file that was there could not be opened, when it (or what
    /// was left of it) was moved aside instead of copied.
    pub fn unusable(&self) -> Option<&str> {
        self.unusable.as_deref()
    }

    /// Its `-wal`, `-shm` and `-journal`, at the names they were moved to.
    pub fn moved_companions(&self) -> &[PathBuf] {
        &self.moved
    }

    /// The hot `-journal` found beside the backup, when there was one: the
    /// unfinished change it holds was undone in the restored copy, and the
    /// backup and its journal were left as they were.
    pub fn played_back(&self) -> Option<&Path> {
        self.played_back.as_deref()
    }
}

impl Db {
    /// Writes a standalone, checked copy of the whole database to `dest`
    /// and answers its size in bytes. An existing `dest` is refused unless
    /// `replace`; the database's own files (its `-wal` too) are always
    /// refused.
    ///
    /// Safe while other connections write: the copy is one read
    /// transaction, which in WAL mode blocks nobody.
    pub fn backup_to(&self, dest: &Path, replace: bool) -> Result<u64> {
        if let Some(own) = self.path() {
            Db::refuse_own_file(own, dest)?;
        }
        match fs::metadata(dest) {
            Ok(m) if m.is_dir() => {
                return Err(refused(dest, "it is a folder; nothing was changed"));
            }
            Ok(_) if !replace => return Err(taken(dest)),
            _ => {}
        }
        refuse_stale_companions(dest)?;
        let scratch = scratch_beside(dest, "backup");
        let made = new_private_file(&scratch)
            .map_err(|e| io_error(folder_of(dest), e))
            .and_then(|()| copy_into(&self.conn, &scratch))
            .map_err(|e| copy_refused(e, &scratch, self.path()))
            .and_then(|()| put_in_place(&scratch, dest, replace));
        remove_with_companions(&scratch);
        made?;
        sync_folder(dest);
        fs::metadata(dest)
            .map(|m| m.len())
            .map_err(|e| io_error(dest, e))
    }

    /// Replaces the database at `db` with the backup at `backup`, which is
    /// checked first and never written to. `label` (a local time such as
    /// `20260305-201403`) names the file the replaced database is kept in:
    /// `afterglow.db.before-restore-LABEL`, owner-only, never overwriting
    /// anything.
    ///
    /// - No database at `db`: the backup becomes it.
    /// - Our database: it is copied aside, then the backup's content is
    ///   written into the live file through the backup API, so a dashboard
    ///   that has it open sees one clean switch.
    /// - A file that cannot be opened (damaged, not ours, too new): it and
    ///   its `-wal`, `-shm` and `-journal` are moved aside untouched, and a
    ///   fresh copy of the backup takes its place.
    pub fn restore(backup: &Path, db: &Path, label: &str) -> Result<Restored> {
        if same_file(db, backup) {
            return Err(refused(
                backup,
                "it is the database itself; nothing was changed",
            ));
        }
        // SQLite follows a link to the file it names and keeps that file's
        // -wal beside the file, not beside the link: both places count.
        let target = fs::canonicalize(backup).ok();
        let places: Vec<&Path> = std::iter::once(backup).chain(target.as_deref()).collect();
        let mut played_back = None;
        for place in places {
            let wal = companion(place, "-wal");
            let journal = companion(place, "-journal");
            let in_use = if fs::symlink_metadata(&wal).is_ok() {
                Some(wal)
            } else if fs::symlink_metadata(&journal).is_ok() && !recover::is_hot(place)? {
                Some(journal.clone())
            } else {
                None
            };
            if let Some(beside) = in_use {
                return Err(refused(
                    backup,
                    &format!(
                        "{} is beside it, so it may be open in a program or hold changes that are not in it yet; \
                         nothing was changed. Close what uses it, or copy it with `afterglow --db {} backup NEW-FILE` and restore that",
                        beside.display(),
                        backup.display()
                    ),
                ));
            }
            if played_back.is_none() && fs::symlink_metadata(&journal).is_ok() {
                played_back = Some(journal);
            }
        }
        check::examine(backup, Check::Full)?;
        let folder = folder_of(db);
        make_private_folder(folder)?;
        let scratch = scratch_beside(db, "restore");
        let result =
            restore_through(backup, played_back.as_deref(), db, label, &scratch).map(|done| {
                Restored {
                    played_back,
                    ..done
                }
            });
        remove_with_companions(&scratch);
        if result.is_ok() {
            sync_folder(db);
        }
        result
    }
}

fn restore_through(
    backup: &Path,
    journal: Option<&Path>,
    db: &Path,
    label: &str,
    scratch: &Path,
) -> Result<Restored> {
    new_private_file(scratch).map_err(|e| io_error(folder_of(db), e))?;
    copy_bytes(backup, scratch)?;
    if let Some(journal) = journal {
        // Played back into the copy when it is opened below.
        recover::copy_private(journal, &companion(scratch, "-journal"))?;
    }
    let backup_version =
        check::check_header(scratch).map_err(|e| about_backup(e, scratch, backup))?;
    // The copy is checked again (the backup could have changed since its
    // check) and migrated; the backup itself stays as it was.
    let copy = Db::open(scratch).map_err(|e| about_backup(e, scratch, backup))?;
    copy.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    check::before_opening(scratch).map_err(|e| about_backup(e, scratch, backup))?;

    match current(db)? {
        Current::Missing => {
            let moved = move_orphans(db, label)?;
            publish_or_refuse(scratch, db)?;
            Ok(Restored {
                backup_version,
                aside: None,
                unusable: (!moved.is_empty()).then(|| {
                    "the database file was missing, but files SQLite keeps beside it were there"
                        .to_string()
                }),
                moved,
                played_back: None,
            })
        }
        Current::Ours => {
            let aside = write_into_live(scratch, db, label)?;
            Ok(Restored {
                backup_version,
                aside: Some(aside),
                unusable: None,
                moved: Vec::new(),
                played_back: None,
            })
        }
        Current::Unusable(reason) => {
            let (aside, moved) = move_aside(db, label)?;
            publish_or_refuse(scratch, db).map_err(|e| {
                refused(
                    db,
                    &format!(
                        "the file that was there is kept at {}, but the backup could not take its place: {e}",
                        aside.display()
                    ),
                )
            })?;
            Ok(Restored {
                backup_version,
                aside: Some(aside),
                unusable: Some(reason),
                moved,
                played_back: None,
            })
        }
    }
}

enum Current {
    Missing,
    Ours,
    Unusable(String),
}

/// What is at the database's path now. Only a regular file that fails the
/// usual checks on its content counts as unusable (and will be moved
/// aside); anything else that goes wrong stops the restore.
fn current(db: &Path) -> Result<Current> {
    match fs::metadata(db) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Current::Missing),
        Err(e) => return Err(io_error(db, e)),
        Ok(m) if !m.is_file() => {
            return Err(refused(
                db,
                "it is a folder or another kind of file, not a database; nothing was changed",
            ));
        }
        Ok(_) => {}
    }
    match check::examine(db, Check::Full) {
        Ok(()) => Ok(Current::Ours),
        Err(StoreError::NotAfterglow { reason, .. }) => Ok(Current::Unusable(format!(
            "it is not an afterglow database: {reason}"
        ))),
        Err(StoreError::Damaged { detail, .. }) => {
            Ok(Current::Unusable(format!("it looks damaged: {detail}")))
        }
        Err(StoreError::TooNew {
            found, supported, ..
        }) => Ok(Current::Unusable(format!(
            "it was written by a newer afterglow (schema {found}; this version reads up to {supported})"
        ))),
        Err(e) => Err(e),
    }
}

/// Keeps a copy of the live database aside and writes the scratch copy's
/// content into it, both under one hold of the live file's write lock.
fn write_into_live(scratch: &Path, db: &Path, label: &str) -> Result<PathBuf> {
    let mut live = Db::open(db)?;
    let source = open_read_write(scratch)?;
    match_page_size(&source, &live.conn)?;
    let aside = {
        let restore = Backup::new(&source, &mut live.conn)?;
        // A step of no pages takes the live file's write lock and keeps it
        // until the copy commits: no other connection can commit in
        // between, so the copy aside holds every write made before the
        // switch, and nothing written after it is lost unseen.
        step(&restore, 0)?;
        let aside = keep_copy(db, label)?;
        // Unfinished, the switch is rolled back and the copy aside would
        // only puzzle someone.
        if let Err(e) = run(&restore) {
            remove_with_companions(&aside);
            return Err(e);
        }
        aside
    };
    live.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    source.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    Ok(aside)
}

/// In WAL mode SQLite copies only between equal page sizes. The scratch
/// copy is private, so it is rebuilt at the live file's size when they
/// differ (a backup from another machine or SQLite build).
fn match_page_size(source: &Connection, live: &Connection) -> Result<()> {
    let size = |c: &Connection| -> Result<i64> {
        Ok(c.pragma_query_value(None, "page_size", |r| r.get(0))?)
    };
    let want = size(live)?;
    if size(source)? != want {
        let _mode: String = source.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        source.execute_batch(&format!("PRAGMA page_size = {want}; VACUUM;"))?;
    }
    Ok(())
}

/// A checked copy of the live database in a new aside file, read through a
/// connection of its own. The copy is made whole under a scratch name and
/// only then linked to its aside name, so a restore killed half-way never
/// leaves part of a copy under a name that promises all of it.
fn keep_copy(db: &Path, label: &str) -> Result<PathBuf> {
    let scratch = scratch_beside(db, "aside");
    let kept = new_private_file(&scratch)
        .map_err(|e| io_error(folder_of(db), e))
        .and_then(|()| {
            let reader = Connection::open_with_flags(
                db,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            reader.busy_timeout(BUSY_TIMEOUT)?;
            copy_into(&reader, &scratch)
        })
        .and_then(|()| claim_aside(db, label, |aside| publish(&scratch, aside)));
    remove_with_companions(&scratch);
    kept
}

/// Moves the file at `db` and its companions, byte for byte, to a new
/// aside name.
fn move_aside(db: &Path, label: &str) -> Result<(PathBuf, Vec<PathBuf>)> {
    let aside = claim_aside(db, label, |aside| match move_no_replace(db, aside) {
        Ok(()) => Ok(true),
        Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::AlreadyExists => {
            Ok(false)
        }
        Err(e) => Err(e),
    })?;
    let moved = move_companions(db, &aside).map_err(|e| {
        refused(
            db,
            &format!(
                "it was moved to {}, but one of the files beside it could not follow ({e}); \
                 move that file next to it by hand before opening afterglow again",
                aside.display()
            ),
        )
    })?;
    Ok((aside, moved))
}

/// A `-wal` or `-journal` without its database holds the last writes of a
/// file that went missing; beside the new file SQLite would play it into
/// it or delete it. Such leftovers are moved aside, with any `-shm`.
fn move_orphans(db: &Path, label: &str) -> Result<Vec<PathBuf>> {
    if check::log_beside(db).is_none() {
        return Ok(Vec::new());
    }
    // The name only: the leftovers go beside it, under their own suffixes.
    let aside = claim_aside(db, label, |_| Ok(true))?;
    move_companions(db, &aside)
}

fn move_companions(db: &Path, aside: &Path) -> Result<Vec<PathBuf>> {
    let mut moved = Vec::new();
    for suffix in COMPANIONS {
        let from = companion(db, suffix);
        if fs::symlink_metadata(&from).is_ok() {
            let to = companion(aside, suffix);
            move_no_replace(&from, &to)?;
            moved.push(to);
        }
    }
    Ok(moved)
}

/// Moves a file without ever replacing one: a hard link fails when the
/// name is taken, where a rename would silently overwrite it.
fn move_no_replace(from: &Path, to: &Path) -> Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from).map_err(|e| io_error(from, e)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(io_error(to, e)),
        // File systems without hard links: a rename, after one more look.
        Err(_) if fs::symlink_metadata(to).is_err() => {
            fs::rename(from, to).map_err(|e| io_error(from, e))
        }
        Err(e) => Err(io_error(to, e)),
    }
}

/// `afterglow.db.before-restore-LABEL`, or with `-2`, `-3`... when that is
/// taken, so nothing is ever overwritten. A name is free when neither it
/// nor a companion of it exists; `claim` then puts the file there without
/// replacing anything, and answers false when someone took the name first.
fn claim_aside(
    db: &Path,
    label: &str,
    mut claim: impl FnMut(&Path) -> Result<bool>,
) -> Result<PathBuf> {
    let name = file_name(db);
    for n in 1..=ASIDE_NAMES {
        let aside = if n == 1 {
            db.with_file_name(format!("{name}.before-restore-{label}"))
        } else {
            db.with_file_name(format!("{name}.before-restore-{label}-{n}"))
        };
        let free = std::iter::once(aside.clone())
            .chain(COMPANIONS.iter().map(|s| companion(&aside, s)))
            .all(|p| fs::symlink_metadata(p).is_err());
        if free && claim(&aside)? {
            return Ok(aside);
        }
    }
    Err(refused(
        db,
        &format!(
            "there are already {ASIDE_NAMES} files named {name}.before-restore-{label}...; \
             move some of them away; nothing was changed"
        ),
    ))
}

/// A copy of the database that `from` reads, in a private database in
/// memory, for reading what cannot be read in place without writing.
pub(super) fn into_memory(from: &Connection) -> Result<Connection> {
    let mut memory = Connection::open_in_memory()?;
    {
        let copy = Backup::new(from, &mut memory)?;
        run(&copy)?;
    }
    Ok(memory)
}

/// Copies the database that `from` reads into `to`, a new empty file, and
/// leaves `to` a whole, standalone database that passed `integrity_check`.
fn copy_into(from: &Connection, to: &Path) -> Result<()> {
    let mut dest = open_read_write(to)?;
    {
        let backup = Backup::new(from, &mut dest)?;
        run(&backup)?;
    }
    // The copied header still says WAL. A read makes SQLite notice that,
    // and switching to rollback-journal mode then checkpoints and rewrites
    // the header, so the copy needs no -wal beside it and opening it later
    // creates none.
    let _tables: i64 = dest.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    let mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(refused(
            to,
            &format!("SQLite left the copy in {mode} mode instead of a standalone file"),
        ));
    }
    // The full check, on the copy as written and on a connection that may
    // write (only those check CHECK constraints): what "checked" promises.
    check::verify(to, &dest, Check::Full)?;
    dest.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(to, e))?;
    check::before_opening(to)
}

/// Copies everything in one step: the whole copy is then one read
/// transaction on the source, one snapshot. Step by step, every commit by
/// another connection in between would start the copy over from the first
/// page, and the dashboard saves a draft on every keystroke.
fn run(backup: &Backup<'_, '_>) -> Result<()> {
    while step(backup, -1)? != StepResult::Done {}
    Ok(())
}

/// One step, tried again while another connection holds a lock, for as
/// long as the busy timeout. Answers `Done` or `More`.
fn step(backup: &Backup<'_, '_>, pages: i32) -> Result<StepResult> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match backup.step(pages)? {
            StepResult::Done => return Ok(StepResult::Done),
            StepResult::More => return Ok(StepResult::More),
            _ if Instant::now() < deadline => thread::sleep(RETRY),
            _ => {
                return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    None,
                )));
            }
        }
    }
}

/// Puts a finished copy at `dest`: over an existing file only when asked.
fn put_in_place(scratch: &Path, dest: &Path, replace: bool) -> Result<()> {
    if replace {
        fs::rename(scratch, dest).map_err(|e| io_error(dest, e))
    } else if publish(scratch, dest)? {
        Ok(())
    } else {
        Err(taken(dest))
    }
}

fn publish_or_refuse(scratch: &Path, db: &Path) -> Result<()> {
    if publish(scratch, db)? {
        Ok(())
    } else {
        Err(refused(
            db,
            "a database appeared there while the backup was being restored (another afterglow started?); \
             the backup was not put in place; run the restore again",
        ))
    }
}

/// The backup API copies pages as they are, so a copy that fails its
/// check holds the database's own damage: the refusal names the database,
/// which the person knows, not the scratch file that is already gone.
fn copy_refused(e: StoreError, scratch: &Path, source: Option<&Path>) -> StoreError {
    match e {
        StoreError::Damaged { path, detail } if path == scratch => StoreError::Damaged {
            path: source.map_or_else(|| PathBuf::from("the database"), Path::to_path_buf),
            detail: format!("its copy failed the check, so no backup was written: {detail}"),
        },
        StoreError::DiskFull { path } if path == scratch => StoreError::DiskFull {
            path: folder_of(scratch).to_path_buf(),
        },
        e => e,
    }
}

/// A refusal about the scratch copy's content is about the backup's
/// content: it names the backup, which the person knows.
fn about_backup(e: StoreError, scratch: &Path, backup: &Path) -> StoreError {
    let ours = |path: &PathBuf| path == scratch;
    match e {
        StoreError::NotAfterglow { path, reason } if ours(&path) => StoreError::NotAfterglow {
            path: backup.to_path_buf(),
            reason,
        },
        StoreError::Damaged { path, detail } if ours(&path) => StoreError::Damaged {
            path: backup.to_path_buf(),
            detail,
        },
        StoreError::TooNew {
            path,
            found,
            supported,
        } if ours(&path) => StoreError::TooNew {
            path: backup.to_path_buf(),
            found,
            supported,
        },
        e => e,
    }
}

/// Before writing a new file at `dest`: a `-wal` or `-journal` already
/// there would be played into the new file when it is next opened, as if
/// it belonged to it.
fn refuse_stale_companions(dest: &Path) -> Result<()> {
    match check::log_beside(dest) {
        Some(beside) => Err(refused(
            dest,
            &format!(
                "{} is beside it, and SQLite would read it into the new copy as if it belonged there; \
                 choose another name or move that file away; nothing was changed",
                beside.display()
            ),
        )),
        None => Ok(()),
    }
}

fn refused(path: &Path, why: &str) -> StoreError {
    io_error(path, io::Error::other(why.to_string()))
}

fn taken(path: &Path) -> StoreError {
    io_error(
        path,
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it already exists; nothing was changed",
        ),
    )
}

fn remove_with_companions(path: &Path) {
    let _ = fs::remove_file(path);
    for suffix in COMPANIONS {
        let _ = fs::remove_file(companion(path, suffix));
    }
}

/// After a rename or link, the folder entry itself must reach the disk.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use tempfile::TempDir;

    use super::*;
    use crate::store::{APPLICATION_ID, Export, NewEntry, SCHEMA_VERSION, migrations};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 18, 30, 0).unwrap()
    }

    /// A database with a year of made-up history.
    fn filled(path: &Path) -> Db {
        let mut db = Db::open(path).unwrap();
        db.ensure_defaults(NaiveDate::from_ymd_opt(2025, 3, 2).unwrap())
            .unwrap();
        let demo = crate::demo::generate(1, crate::demo::DEFAULT_SEED, now(), &Utc).unwrap();
        db.import(&crate::demo::batch(demo), false).unwrap();
        db
    }

    fn export(db: &Db) -> Export {
        db.export(now()).unwrap()
    }

    fn write_entry(db: &mut Db, body: &str) {
        db.add_entry(&NewEntry {
            written_at: now(),
            body: body.into(),
            mood: None,
            session: None,
        })
        .unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Garbage in the page header of every b-tree page after the first:
    /// the header still reads as ours, quick_check does not.
    fn damage(path: &Path) {
        let mut bytes = fs::read(path).unwrap();
        for page in bytes.chunks_mut(4096).skip(1) {
            page[..8].copy_from_slice(b"\x0d\x00\x00\x00\x09\x0f\xf0\x00");
        }
        fs::write(path, bytes).unwrap();
    }

    /// Files that a refused backup must be left as: bytes and neighbours.
    fn snapshot(path: &Path) -> (Vec<u8>, Vec<String>) {
        (fs::read(path).unwrap(), names(path.parent().unwrap()))
    }

    #[test]
    fn a_backup_is_one_private_standalone_checked_file() {
        let dir = TempDir::new().unwrap();
        let db = filled(&dir.path().join("afterglow.db"));
        let dest = dir.path().join("copy.db");
        let size = db.backup_to(&dest, false).unwrap();
        assert_eq!(size, fs::metadata(&dest).unwrap().len());
        let header = fs::read(&dest).unwrap();
        assert_eq!(&header[18..20], &[1, 1], "rollback-journal mode, not WAL");
        for suffix in COMPANIONS {
            assert!(!companion(&dest, suffix).exists(), "{suffix} left beside");
        }
        #[cfg(unix)]
        assert_eq!(mode(&dest), 0o600);
        assert!(
            names(dir.path()).iter().all(|n| !n.starts_with('.')),
            "a scratch file was left: {:?}",
            names(dir.path())
        );
        let copy = Db::open(&dest).unwrap();
        assert_eq!(export(&copy), export(&db));
    }

    #[test]
    fn a_backup_replaces_only_when_asked_and_never_the_database() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let db = filled(&path);
        let dest = dir.path().join("copy.db");
        fs::write(&dest, "keep me").unwrap();
        let err = db.backup_to(&dest, false).unwrap_err().to_string();
        assert!(
            err.contains("copy.db") && err.contains("already exists"),
            "{err}"
        );
        assert_eq!(fs::read(&dest).unwrap(), b"keep me");

        db.backup_to(&dest, true).unwrap();
        assert_eq!(export(&Db::open(&dest).unwrap()), export(&db));

        let err = db.backup_to(&path, true).unwrap_err().to_string();
        assert!(err.contains("the database itself"), "{err}");

        let other = dir.path().join("other.db");
        fs::write(companion(&other, "-wal"), "a stray log").unwrap();
        let err = db.backup_to(&other, true).unwrap_err().to_string();
        assert!(err.contains("other.db-wal is beside it"), "{err}");
        assert!(!other.exists());
    }

    #[test]
    fn a_backup_is_one_snapshot_while_another_connection_writes() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let db = filled(&path);
        let before = export(&db);

        // Another process in the middle of a write: the copy does not wait
        // for it and does not see it.
        let mut other = Db::open(&path).unwrap();
        let tx = other.write().unwrap();
        tx.execute(
            "INSERT INTO journal (written_at, updated_at, body) VALUES (1, 1, 'not yet')",
            [],
        )
        .unwrap();
        let dest = dir.path().join("during.db");
        db.backup_to(&dest, false).unwrap();
        tx.commit().unwrap();
        assert_eq!(export(&Db::open(&dest).unwrap()), before);

        // And one that keeps committing: every copy is whole.
        let stop = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicUsize::new(0));
        let writer = {
            let (stop, written) = (Arc::clone(&stop), Arc::clone(&written));
            let path = path.clone();
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                while !stop.load(Ordering::Relaxed) {
                    write_entry(&mut db, "one more");
                    written.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        while written.load(Ordering::Relaxed) < 5 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let mut counts = Vec::new();
        for i in 0..5 {
            let dest = dir.path().join(format!("busy-{i}.db"));
            db.backup_to(&dest, false).unwrap();
            counts.push(Db::open(&dest).unwrap().entry_count().unwrap());
        }
        stop.store(true, Ordering::Relaxed);
        writer.join().unwrap();
        // "not yet" was committed before the writer started.
        let first = before.journal.len() + 1;
        let total = first + written.load(Ordering::Relaxed);
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert!(
            counts[0] >= first + 5 && counts[4] <= total,
            "{counts:?} of {total}"
        );
    }

    #[test]
    fn a_restore_keeps_the_old_database_aside_and_open_connections_follow() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let mut db = filled(&path);
        let backup = dir.path().join("backup.db");
        db.backup_to(&backup, false).unwrap();
        let backed_up = export(&db);
        write_entry(&mut db, "written after the backup");
        let replaced = export(&db);
        let backup_bytes = fs::read(&backup).unwrap();

        // A dashboard with the file open.
        let dashboard = Db::open(&path).unwrap();
        let seen = dashboard.data_version().unwrap();

        let done = Db::restore(&backup, &path, "20260302-183000").unwrap();
        assert_eq!(done.backup_version(), SCHEMA_VERSION);
        assert_eq!(done.unusable(), None);
        let aside = done.aside().unwrap();
        assert_eq!(
            aside,
            dir.path()
                .join("afterglow.db.before-restore-20260302-183000")
        );
        #[cfg(unix)]
        assert_eq!(mode(aside), 0o600);
        assert_eq!(export(&Db::open(aside).unwrap()), replaced);
        assert_eq!(export(&db), backed_up);
        assert_ne!(dashboard.data_version().unwrap(), seen);
        assert_eq!(export(&dashboard), backed_up);
        assert_eq!(fs::read(&backup).unwrap(), backup_bytes);
        for suffix in COMPANIONS {
            assert!(!companion(&backup, suffix).exists());
        }

        // The same second again: a new name, nothing overwritten.
        let again = Db::restore(&backup, &path, "20260302-183000").unwrap();
        assert_eq!(
            again.aside().unwrap(),
            dir.path()
                .join("afterglow.db.before-restore-20260302-183000-2")
        );
        assert_eq!(export(&Db::open(aside).unwrap()), replaced);
    }

    /// `write_into_live` relies on this to copy the old database aside
    /// with no other write slipping in before the switch.
    #[test]
    fn a_step_of_no_pages_holds_the_write_lock_until_the_copy_ends() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let backup = dir.path().join("backup.db");
        filled(&path).backup_to(&backup, false).unwrap();
        let mut live = Db::open(&path).unwrap();
        write_entry(&mut live, "kept");
        let before = export(&live);
        let source = Connection::open(&backup).unwrap();
        let other = Connection::open(&path).unwrap();
        other.busy_timeout(Duration::ZERO).unwrap();
        {
            let restore = Backup::new(&source, &mut live.conn).unwrap();
            assert_eq!(step(&restore, 0).unwrap(), StepResult::More);
            let err = other.execute_batch("BEGIN IMMEDIATE").unwrap_err();
            assert_eq!(
                err.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy)
            );
            // Unfinished, the copy is rolled back when dropped.
        }
        other.execute_batch("BEGIN IMMEDIATE; COMMIT;").unwrap();
        assert_eq!(export(&live), before);
    }

    #[test]
    fn bad_backups_are_refused_and_left_as_they_were() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let db = filled(&path);
        let current = export(&db);
        drop(db);

        let foreign = dir.path().join("foreign.sqlite");
        let conn = Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(conn);

        let newer = dir.path().join("newer.db");
        let conn = Connection::open(&newer).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);

        let damaged = dir.path().join("damaged.db");
        Db::open(&path).unwrap().backup_to(&damaged, false).unwrap();
        damage(&damaged);

        let text = dir.path().join("notes.txt");
        fs::write(&text, "my own notes\n").unwrap();

        let in_use = dir.path().join("in-use.db");
        Db::open(&path).unwrap().backup_to(&in_use, false).unwrap();
        fs::write(companion(&in_use, "-wal"), "").unwrap();

        for (file, words) in [
            (&foreign, "not an afterglow database"),
            (&newer, "newer afterglow"),
            (&damaged, "looks damaged"),
            (&text, "not an afterglow database"),
            (&in_use, "in-use.db-wal is beside it"),
        ] {
            let before = snapshot(file);
            let err = Db::restore(file, &path, "L").unwrap_err().to_string();
            assert!(err.contains(&file.display().to_string()), "{err}");
            assert!(err.contains(words), "{err}");
            assert!(err.contains("nothing was changed"), "{err}");
            assert_eq!(snapshot(file), before, "{}", file.display());
            assert_eq!(export(&Db::open(&path).unwrap()), current);
        }
        let missing = dir.path().join("missing.db");
        let err = Db::restore(&missing, &path, "L").unwrap_err().to_string();
        assert!(err.contains("missing.db"), "{err}");
        assert!(
            !names(dir.path())
                .iter()
                .any(|n| n.contains("before-restore")),
            "{:?}",
            names(dir.path())
        );
    }

    #[test]
    fn an_older_backup_is_brought_up_to_date_in_the_copy_only() {
        let dir = TempDir::new().unwrap();
        let old = dir.path().join("old.db");
        let mut conn = Connection::open(&old).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        migrations::migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO journal (written_at, updated_at, body) VALUES (1772442000, 1772442000, 'from long ago')",
            [],
        )
        .unwrap();
        drop(conn);
        let bytes = fs::read(&old).unwrap();

        let path = dir.path().join("new").join("afterglow.db");
        let done = Db::restore(&old, &path, "L").unwrap();
        assert_eq!(done.backup_version(), 1);
        assert_eq!(done.aside(), None);
        assert_eq!(fs::read(&old).unwrap(), bytes);
        assert_eq!(names(dir.path()), ["new", "old.db"]);
        let db = Db::open(&path).unwrap();
        assert_eq!(
            db.pragma("user_version").unwrap(),
            SCHEMA_VERSION.to_string()
        );
        assert_eq!(db.entries(10).unwrap()[0].body, "from long ago");
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().unwrap()), 0o700);
        }
    }

    #[test]
    fn a_database_that_cannot_be_opened_is_moved_aside_whole() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let backup = dir.path().join("backup.db");
        filled(&path).backup_to(&backup, false).unwrap();
        let want = export(&Db::open(&backup).unwrap());
        // A file someone's afterglow could not open any more, with a -shm.
        damage(&path);
        fs::write(companion(&path, "-shm"), "shared memory").unwrap();
        let bytes = fs::read(&path).unwrap();

        let done = Db::restore(&backup, &path, "L").unwrap();
        let aside = done.aside().unwrap().to_path_buf();
        assert!(done.unusable().unwrap().contains("looks damaged"));
        assert_eq!(fs::read(&aside).unwrap(), bytes);
        assert_eq!(done.moved_companions(), [companion(&aside, "-shm")]);
        assert_eq!(
            fs::read(companion(&aside, "-shm")).unwrap(),
            b"shared memory"
        );
        assert!(!companion(&path, "-shm").exists());
        assert_eq!(export(&Db::open(&path).unwrap()), want);
    }

    #[test]
    fn leftovers_of_a_missing_database_are_moved_aside() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let backup = dir.path().join("backup.db");
        filled(&dir.path().join("source.db"))
            .backup_to(&backup, false)
            .unwrap();
        fs::write(companion(&path, "-wal"), "last words").unwrap();

        let done = Db::restore(&backup, &path, "L").unwrap();
        assert_eq!(done.aside(), None);
        assert!(done.unusable().is_some());
        let moved = dir.path().join("afterglow.db.before-restore-L-wal");
        assert_eq!(done.moved_companions(), std::slice::from_ref(&moved));
        assert_eq!(fs::read(&moved).unwrap(), b"last words");
        assert!(Db::open(&path).is_ok());
    }

    #[test]
    fn a_backup_with_another_page_size_is_restored_into_a_live_file() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let mut db = filled(&path);
        write_entry(&mut db, "to be replaced");

        let big = dir.path().join("big-pages.db");
        let mut conn = Connection::open(&big).unwrap();
        conn.execute_batch("PRAGMA page_size = 8192;").unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        migrations::migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO journal (written_at, updated_at, body) VALUES (1772442000, 1772442000, 'big pages')",
            [],
        )
        .unwrap();
        drop(conn);
        assert_eq!(fs::read(&big).unwrap()[16..18], [0x20, 0x00]);

        let done = Db::restore(&big, &path, "L").unwrap();
        assert!(done.aside().is_some());
        let entries = db.entries(10).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].body, "big pages");
    }

    /// SQLite follows a link to the file it points at, and keeps the
    /// `-wal` beside that file: the writes in it are part of the database
    /// the link names, and a copy of the main file alone would lack them.
    #[cfg(unix)]
    #[test]
    fn a_backup_behind_a_link_is_refused_while_its_target_has_a_wal() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("afterglow.db");
        let current = export(&filled(&path));
        let other = dir.path().join("elsewhere").join("other.db");
        let mut live = filled(&other);
        live.conn
            .execute_batch("PRAGMA wal_autocheckpoint = 0")
            .unwrap();
        write_entry(&mut live, "only in the wal so far");
        assert!(companion(&other, "-wal").exists());
        let link = dir.path().join("latest.db");
        std::os::unix::fs::symlink(&other, &link).unwrap();

        let err = Db::restore(&link, &path, "L").unwrap_err().to_string();
        assert!(err.contains("latest.db"), "{err}");
        assert!(err.contains("other.db-wal is beside it"), "{err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(export(&Db::open(&path).unwrap()), current);
        assert!(
            !names(dir.path())
                .iter()
                .any(|n| n.contains("before-restore")),
            "{:?}",
            names(dir.path())
        );
    }
}
