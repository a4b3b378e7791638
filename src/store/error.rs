//! The one error type of the store.
//!
//! Every message is read by a person, often someone who is tired or fragile
//! after a session, so each names the file and the problem in plain words and
//! says when nothing was changed.

use std::path::PathBuf;

use rusqlite::ErrorCode;
use thiserror::Error;

use super::codec::BadRow;
use crate::domain::DomainError;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{} is not an afterglow database ({reason}); nothing was changed", path.display())]
    NotAfterglow { path: PathBuf, reason: String },

    #[error(
        "{} looks damaged ({detail}); nothing was changed. Keep a copy of the file before trying to repair it",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },

    #[error(
        "{} was written by a newer afterglow (schema {found}; this version reads up to {supported}); nothing was changed. Update afterglow to open it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i32,
        supported: i32,
    },

    /// A file to be written that is one of the database's own (see
    /// `Db::refuse_own_file`); `what` says which.
    #[error(
        "{} is {what}; writing there would destroy your records; choose another file; nothing was changed",
        path.display()
    )]
    OwnFile { path: PathBuf, what: String },

    /// SQLite's "database or disk is full", or the file system's "no
    /// space left": no words about damage, since nothing is wrong with the
    /// file, and a pointer to what still works.
    #[error(
        "the disk that holds {} is full, so nothing could be written; nothing was changed. \
         Free some space, then try again (commands that only read, such as `afterglow status` \
         and `afterglow export`, still work)",
        path.display()
    )]
    DiskFull { path: PathBuf },

    #[error("could not use {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// Any SQLite failure not covered above. The message already contains
    /// SQLite's own words, so the error is not also given as the `source`:
    /// the command line prints every source on a line of its own, and a
    /// calm sentence followed by "database is locked" would undo the calm.
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),

    /// A value that fails domain validation: a stored row, or a value passed
    /// in (a habit name, a dose). The domain messages are already for people.
    #[error(transparent)]
    Domain(#[from] DomainError),

    /// A stored row that cannot be read, named (see `codec::BadRow`).
    #[error("{0}")]
    BadRow(Box<BadRow>),

    #[error("there is no {what} with id {id} (it may have been deleted)")]
    NotFound { what: &'static str, id: i64 },

    /// Carries the clashing name.
    #[error("a habit named \"{0}\" already exists")]
    Duplicate(String),

    /// The name belongs to an archived habit (carried as it is stored):
    /// restoring that one keeps its history, where a new one starts empty.
    #[error("{0} is archived; restoring it brings it back with its history")]
    NameArchived(String),

    /// Made-up data goes only where it cannot mix with a person's own.
    #[error(
        "{} already holds a history; made-up data goes only into a new file or one with nothing of your own in it; nothing was changed",
        path.display()
    )]
    NotEmpty { path: PathBuf },
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// SQLite met a damaged page while reading (`SQLITE_CORRUPT`,
    /// `SQLITE_NOTADB`): said as the file's damage, naming `path`, the way
    /// the checks at opening say it, rather than as a bare "database
    /// error". Anything else is given back as it was.
    pub fn as_damage_of(self, path: &std::path::Path) -> StoreError {
        match &self {
            StoreError::Sqlite(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
                ) =>
            {
                let detail = match e {
                    rusqlite::Error::SqliteFailure(_, Some(words)) => words.clone(),
                    e => e.to_string(),
                };
                StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail,
                }
            }
            _ => self,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// True for SQLite's ways of saying there was no room: `SQLITE_FULL`, and
/// the failure to grow the `-shm` beside a WAL database, which SQLite's
/// documentation gives as the sign of a volume out of space.
pub(super) fn is_disk_full(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(inner, _) => {
            inner.code == ErrorCode::DiskFull
                || inner.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE
        }
        _ => false,
    }
}

/// The file system's words for no room left (a full disk, or a quota).
pub(super) fn is_out_of_space(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// Busy and locked mean another process (the dashboard, a command in
/// another terminal) held the write lock for longer than the busy timeout;
/// a full disk is only a full disk. Nothing is wrong with the file in
/// either case, and saying "database error" would frighten someone for
/// nothing.
fn sqlite_message(e: &rusqlite::Error) -> String {
    if is_disk_full(e) {
        return "the disk is full, so this could not be saved; nothing was changed. \
                Free some space, then try again"
            .into();
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "the database is busy: another afterglow is writing to it; try again in a moment".into()
        }
        _ => format!("database error: {e}"),
    }
}
