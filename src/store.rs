//! The only code that touches SQLite: one local file holds everything.
//!
//! Opening is careful because the file is someone's health record. A file
//! that is not ours, is damaged, or comes from a newer afterglow is refused
//! before anything could write to it, and the refusal leaves it (and its
//! `-wal`/`-shm` companions) exactly as it was; see [`Db::open`]. A command
//! that only reads opens the file read-only ([`Db::open_read_only`]) and
//! never writes, checkpoints or deletes anything. Every change that takes
//! more than one statement runs in one transaction.
//!
//! Rows become domain values only here (see `codec`); callers never see SQL.

mod apart;
mod backup;
mod bulk;
mod check;
mod checkins;
mod codec;
mod drafts;
mod error;
mod export;
mod files;
mod habits;
mod import;
mod intentions;
mod journal;
pub mod migrations;
mod open;
mod pages;
mod recover;
mod search;
mod sessions;
mod therapy;
mod treatment;
mod undo;
mod wal;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup::Restored;
pub use check::Companions;
pub use checkins::{CheckInChange, NewCheckIn, NewResult};
pub use drafts::{Draft, DraftKept, DraftKey, StoredDraft};
pub use error::{Result, StoreError};
pub use export::{Export, ExportDraft, Partial};
pub use habits::{FIRST_DAY, HabitRestore, LAST_DAY};
pub use import::{Batch, ImportCounts, Kinds};
pub use journal::{EntryRewrite, NewEntry};
pub use sessions::{NewSession, SessionChange};

use open::{
    create, io_error, open_existing, open_read_write, open_unchecked, publish, set_up, settle,
};

/// `PRAGMA user_version` once every migration has run.
pub const SCHEMA_VERSION: i32 = 8;
/// `PRAGMA application_id`: "AGLW". Tells our files apart from every other
/// SQLite database, so that a mistyped path is never "migrated".
pub const APPLICATION_ID: i32 = 0x4147_4C57;

/// Long enough to ride out another process's write or checkpoint (the
/// dashboard and a CLI command often share the file), short enough that a
/// stuck lock still ends in a message instead of a hang.
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    /// What opening had to do that the person should hear about.
    notice: Option<String>,
    /// The integrity check running beside the dashboard, which every write
    /// waits for (see [`Preview::check_apart`]). After `conn`, so that it
    /// is dropped after the connection is closed.
    apart: Option<apart::Apart>,
}

/// How closely SQLite looks at a file's content before it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// `quick_check`: every page and record is readable and well formed.
    /// For the source of a backup (whose copy gets `Full`) and `export
    /// --skip-bad`.
    Quick,
    /// `integrity_check`: also that every index holds exactly the rows of
    /// its table, and (on a connection that may write) every CHECK
    /// constraint. Before any write, and for exports and backups, whose
    /// output is trusted later. Costs about twice as much (see
    /// docs/performance.md).
    Full,
    /// No content check: only the byte-level checks of the header and any
    /// `-wal`, and SQLite's word on the identity. For `status` and the
    /// lists, which read a few rows, never write, and must cost the same
    /// however many years the file holds; damage in what they read still
    /// ends in SQLite's error (see docs/performance.md).
    Header,
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Db {
    /// Opens the afterglow database at `path` for writing, creating it (and
    /// missing parent folders) when there is nothing there yet.
    ///
    /// An existing file is first checked without being written to: its
    /// header and any `-wal` are read as plain bytes, a hot `-journal` is
    /// played back into a private copy first, and SQLite opens the file
    /// read-only to confirm what it is. Then it is opened read-write and
    /// `integrity_check`ed on that connection before anything is written;
    /// only a file that passes is set up and migrated.
    pub fn open(path: &Path) -> Result<Db> {
        let (conn, notice) = match fs::metadata(path) {
            Ok(_) => open_existing(path)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                check::no_orphaned_companions(path)?;
                match create(path)? {
                    Some(conn) => (conn, None),
                    // Another process created it between our look and our
                    // create; treat it like any file we found.
                    None => open_existing(path)?,
                }
            }
            Err(source) => return Err(io_error(path, source)),
        };
        Ok(Db {
            conn,
            path: Some(path.to_path_buf()),
            notice,
            apart: None,
        })
    }

    /// Opens an existing database for a command that only reads. Nothing
    /// is written, checkpointed, migrated or deleted: SQLite reads it as an
    /// ordinary read-only reader (on a WAL database that creates the `-wal`
    /// and `-shm` any reader needs, when they are missing), or as immutable
    /// where such a reader cannot start and the main file holds everything
    /// (a full disk, a read-only folder). The file is checked as `check`
    /// says first.
    ///
    /// When reading needs something written first (a migration of an
    /// older schema, the habits of a first run, or a hot `-journal` played
    /// back), it is done in a private copy in memory instead, and the file
    /// stays as it was.
    pub fn open_read_only(path: &Path, check: Check) -> Result<Db> {
        // A refusal leaves the folder as it was: the empty -wal and the
        // -shm a reader's connection made beside a file it then found
        // damaged are taken away again (only those this call made).
        let existed = check::Companions::now(path);
        Db::open_read_only_here(path, check).inspect_err(|_| existed.tidy(path))
    }

    fn open_read_only_here(path: &Path, check: Check) -> Result<Db> {
        if fs::symlink_metadata(path).is_err() {
            check::no_orphaned_companions(path)?;
        }
        let version = check::check_header(path)?;
        let log = wal::check(path)?;
        if recover::is_hot(path)? {
            let trial = recover::trial(path)?;
            let conn = backup::into_memory(&trial.conn)?;
            drop(trial);
            return Ok(Db {
                conn: set_up(conn)?,
                path: Some(path.to_path_buf()),
                notice: Some(recover::read_from_copy(path)),
                apart: None,
            });
        }
        let conn = check::reader(path, log.frames, check)?;
        let version = version.max(conn.pragma_query_value(None, "user_version", |r| r.get(0))?);
        let db = Db {
            conn,
            path: Some(path.to_path_buf()),
            notice: None,
            apart: None,
        };
        if version < SCHEMA_VERSION || !habits::defaults_done(&db.conn)? {
            return db.in_memory();
        }
        Ok(db)
    }

    /// A private copy of the database at `path` in memory, set up and
    /// checked in full, for a dry run: what is written to it goes nowhere.
    /// The file is opened as by [`Db::open_read_only`].
    pub fn open_copy(path: &Path) -> Result<Db> {
        let db = Db::open_read_only(path, Check::Quick)?.in_memory()?;
        check::verify(path, &db.conn, Check::Full)?;
        Ok(db)
    }

    /// What opening had to do that the person should be told, in words
    /// for them: a hot `-journal` that was played back (or read around).
    /// Runs the check of `depth` on this connection: a refusal as
    /// [`StoreError::Damaged`] when it finds a problem. For `export
    /// --skip-bad`, which reads what it can of a file the full check
    /// would refuse, and says so.
    pub fn verify(&self, depth: Check) -> Result<()> {
        let path = self.path.clone().unwrap_or_default();
        check::verify(&path, &self.conn, depth)
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// This database copied into a private one in memory and set up there
    /// (migrated when older); the file is only read.
    fn in_memory(self) -> Result<Db> {
        let conn = backup::into_memory(&self.conn)?;
        Ok(Db {
            conn: set_up(conn)?,
            path: self.path,
            notice: self.notice,
            apart: None,
        })
    }

    /// A fast first look at an existing, up-to-date database, for the
    /// dashboard's first frame: opened as [`Db::open`] does, but not yet
    /// `integrity_check`ed (which reads the whole file), so only to be
    /// read from until [`Preview::open`] finishes the checks. `None` when
    /// there is no file yet, or it needs a migration, a switch to WAL or a
    /// `-journal` played back: use [`Db::open`].
    pub fn preview(path: &Path) -> Result<Option<Preview>> {
        match fs::metadata(path) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(io_error(path, source)),
        }
        let Some(existed) = check::first_look(path)? else {
            return Ok(None);
        };
        let conn = open_unchecked(path, existed)?;
        // The dashboard reads a year of rows at start and then little: a
        // page cache of the default 2 MiB only kept the start's pages in
        // its peak memory. What it reads again comes from the system's
        // file cache. A file whose schema cannot be read fails the same way
        // at the first read, where that is already answered.
        let _ = conn.pragma_update(None, "cache_size", DASHBOARD_CACHE_KIB);
        Ok(Some(Preview {
            db: Db {
                conn,
                path: Some(path.to_path_buf()),
                notice: None,
                apart: None,
            },
            existed,
        }))
    }

    /// True when nothing of a database is at `path`: no file, and no `-wal`
    /// or `-journal` left beside it (those may hold someone's last writes,
    /// and [`Db::open`] refuses to create a file over them).
    pub fn is_absent(path: &Path) -> bool {
        fs::symlink_metadata(path).is_err() && check::log_beside(path).is_none()
    }

    /// A private database that vanishes when dropped, for tests and demos.
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(Db {
            conn: set_up(conn)?,
            path: None,
            notice: None,
            apart: None,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// PRAGMA data_version: changes when ANOTHER connection commits; the
    /// dashboard polls it to reload what other processes wrote.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// The value of a pragma on this connection, as text. For tests and
    /// diagnostics: connection settings such as `foreign_keys` cannot be
    /// seen from any other connection.
    #[doc(hidden)]
    pub fn pragma(&self, name: &str) -> Result<String> {
        Ok(self.conn.pragma_query_value(None, name, |r| {
            Ok(match r.get_ref(0)? {
                ValueRef::Null => String::new(),
                ValueRef::Integer(i) => i.to_string(),
                ValueRef::Real(f) => f.to_string(),
                ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
            })
        })?)
    }

    /// A write transaction. IMMEDIATE takes the write lock up front, so a
    /// second process waits in the busy handler instead of failing halfway
    /// when a read turns into a write.
    fn write(&mut self) -> Result<Transaction<'_>> {
        self.wait_for_check()?;
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// SQLite's page cache for the dashboard's connection, in KiB (negative:
/// a size, not a number of pages).
const DASHBOARD_CACHE_KIB: i64 = -512;

impl Db {
    /// Waits for the integrity check running beside the dashboard, if one
    /// is (see [`Preview::check_apart`]); the check's refusal when it
    /// failed. Every transaction comes through here first, and the
    /// dashboard asks before each effect that writes, so nothing is
    /// written to a file the check refuses.
    pub fn wait_for_check(&mut self) -> Result<()> {
        match self.apart.as_mut() {
            Some(apart) => apart.wait(&self.conn),
            None => Ok(()),
        }
    }

    /// The verdict of the integrity check running beside the dashboard,
    /// once, when it has just come in without waiting for it; `None`
    /// while it runs, after it was told, or when none runs. A refusal is
    /// the check's error: the file is then only read, and every write
    /// answers with that error.
    pub fn check_news(&mut self) -> Option<Result<()>> {
        self.apart.as_mut()?.news(&self.conn)
    }

    /// Whether writes may go ahead without waiting: no check runs beside
    /// this connection, or it has passed.
    pub fn checked(&self) -> bool {
        self.apart.as_ref().is_none_or(apart::Apart::passed)
    }

    /// Whether the check beside this connection is still running.
    pub fn check_running(&self) -> bool {
        self.apart.as_ref().is_some_and(apart::Apart::running)
    }
}

/// See [`Db::preview`].
#[derive(Debug)]
pub struct Preview {
    db: Db,
    existed: check::Companions,
}

impl Preview {
    /// The file, to read from until [`Preview::open`]: nothing may be
    /// written before the check has passed.
    pub fn db(&mut self) -> &mut Db {
        &mut self.db
    }

    /// The database at once, with the `integrity_check` [`Preview::open`]
    /// makes running on a connection of its own beside it: reads go ahead,
    /// and the first write waits until the check is done (a refused file
    /// answers every write with the refusal and is left as it was found).
    /// So the dashboard's first key never waits for a check that reads
    /// the whole file.
    pub fn check_apart(self) -> Db {
        let Preview { mut db, existed } = self;
        let path = db.path.clone().unwrap_or_default();
        db.apart = Some(apart::Apart::start(path, existed, &db.conn));
        db
    }

    /// Finishes the checks [`Db::open`] makes: a damaged file is refused
    /// here and left as it was found.
    pub fn open(self) -> Result<Db> {
        let Preview { db, existed } = self;
        let path = db.path.unwrap_or_default();
        let conn = check::finish(&path, db.conn, existed)?;
        Ok(Db {
            conn: settle(conn)?,
            path: Some(path),
            notice: None,
            apart: None,
        })
    }
}
