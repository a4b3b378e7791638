//! The dashboard's `integrity_check`, run beside it instead of before its
//! first key.
//!
//! The check reads the whole file and every index (tens of milliseconds
//! with decades of history); the dashboard only reads until the person
//! changes something. So the check runs on a read-write connection of its
//! own in a thread (only a connection that may write checks CHECK
//! constraints), while the dashboard reads through its own connection,
//! and every write waits for the verdict (`Db::wait_for_check`, which
//! every transaction and the dashboard's effects that write call first;
//! until it has passed the connection is `query_only`, so a write that
//! did not ask fails instead of landing). A refused file is
//! never written to: both connections close without a checkpoint, and an
//! empty `-wal` and `-shm` that opening made are removed again.

use std::path::PathBuf;
use std::thread::JoinHandle;

use rusqlite::Connection;
use rusqlite::config::DbConfig;

use super::check::{self, Companions};
use super::{BUSY_TIMEOUT, Check, Result, StoreError};

pub(super) struct Apart {
    path: PathBuf,
    existed: Companions,
    state: State,
    /// Whether the verdict was handed out by [`Apart::news`].
    told: bool,
}

enum State {
    Running(JoinHandle<Result<()>>),
    Passed,
    /// The check found damage: `detail` for every write's refusal.
    Refused(String),
    /// The check could not finish (the file busy for longer than the busy
    /// timeout, memory): the next write runs it on its own connection.
    Unchecked,
}

impl Apart {
    /// Starts the check; `conn` (the dashboard's) closes without a
    /// checkpoint until it has passed.
    pub(super) fn start(path: PathBuf, existed: Companions, conn: &Connection) -> Apart {
        let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        // A write that does not ask first (`Db::wait_for_check`) fails
        // instead of landing in a file not yet checked.
        let _ = conn.pragma_update(None, "query_only", true);
        let checked = path.clone();
        let handle = std::thread::spawn(move || check_alone(&checked));
        Apart {
            path,
            existed,
            state: State::Running(handle),
            told: false,
        }
    }

    pub(super) fn passed(&self) -> bool {
        matches!(self.state, State::Passed)
    }

    pub(super) fn running(&self) -> bool {
        matches!(&self.state, State::Running(h) if !h.is_finished())
    }

    /// Waits for the verdict; `Ok` once writes through `conn` may go ahead.
    pub(super) fn wait(&mut self, conn: &Connection) -> Result<()> {
        if let State::Running(_) = self.state {
            self.settle(conn);
        }
        if let State::Unchecked = self.state {
            // On this connection, which has written nothing yet; an error
            // that is not damage (a lock held too long) is the write's
            // answer, and the next write tries again.
            match check::verify(&self.path, conn, Check::Full) {
                Err(e @ StoreError::Damaged { .. }) => self.take(Err(e), conn),
                Err(e) => return Err(e),
                Ok(()) => self.take(Ok(()), conn),
            }
        }
        match &self.state {
            State::Refused(detail) => Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: detail.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// The verdict once, as soon as it is in, without waiting for it.
    pub(super) fn news(&mut self, conn: &Connection) -> Option<Result<()>> {
        if let State::Running(handle) = &self.state
            && !handle.is_finished()
        {
            return None;
        }
        if self.told {
            return None;
        }
        self.settle(conn);
        match self.state {
            State::Passed | State::Refused(_) => {
                self.told = true;
                Some(self.wait(conn))
            }
            _ => None,
        }
    }

    /// Joins the thread and takes in its verdict.
    fn settle(&mut self, conn: &Connection) {
        if !matches!(self.state, State::Running(_)) {
            return;
        }
        if let State::Running(handle) = std::mem::replace(&mut self.state, State::Unchecked) {
            // A check that panicked proved nothing: the state stays
            // unchecked, and the next write runs it.
            if let Ok(verdict) = handle.join() {
                self.take(verdict, conn);
            }
        }
    }

    fn take(&mut self, verdict: Result<()>, conn: &Connection) {
        self.state = match verdict {
            Ok(()) => {
                // Passed: writes go ahead, and leaving may checkpoint as
                // after any open.
                let _ = conn.pragma_update(None, "query_only", false);
                let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false);
                State::Passed
            }
            Err(StoreError::Damaged { detail, .. }) => State::Refused(detail),
            Err(_) => State::Unchecked,
        };
    }
}

impl Drop for Apart {
    /// The dashboard's connection is closed by now (see the field order of
    /// `Db`): a refused file gets its folder back as it was found.
    fn drop(&mut self) {
        self.settle_quietly();
        if let State::Refused(_) = self.state {
            self.existed.tidy(&self.path);
        }
    }
}

impl Apart {
    fn settle_quietly(&mut self) {
        if !matches!(self.state, State::Running(_)) {
            return;
        }
        if let State::Running(handle) = std::mem::replace(&mut self.state, State::Unchecked) {
            self.state = match handle.join() {
                Ok(Err(StoreError::Damaged { detail, .. })) => State::Refused(detail),
                Ok(Ok(())) => State::Passed,
                _ => State::Unchecked,
            };
        }
    }
}

/// SQLite's page cache for the check, in KiB (negative: a size, not pages).
const CHECK_CACHE_KIB: i64 = -512;

/// The check on a read-write connection of its own, through which nothing
/// is written, closed without a checkpoint.
fn check_alone(path: &std::path::Path) -> Result<()> {
    let conn = checking_connection(path)?;
    check::verify(path, &conn, Check::Full)
}

fn checking_connection(path: &std::path::Path) -> Result<Connection> {
    let conn = super::open_read_write(path).map_err(|e| check::cannot_write(path, e))?;
    let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // The check reads every page once, in order, and seeks in the indexes
    // for each row: a cache of the default size (2 MiB) fills with leaf
    // pages it is done with and was a quarter of the dashboard's peak
    // memory while both ran. The upper pages of the indexes still fit,
    // and the rest comes from the system's file cache.
    let _ = conn.pragma_update(None, "cache_size", CHECK_CACHE_KIB);
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Db;

    #[test]
    fn the_check_keeps_a_small_page_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("afterglow.db");
        drop(Db::open(&path).unwrap());
        let conn = checking_connection(&path).unwrap();
        let size: i64 = conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .unwrap();
        assert_eq!(size, CHECK_CACHE_KIB);
        assert_eq!(check_alone(&path).ok(), Some(()));
    }
}
