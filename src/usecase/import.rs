//! Bringing in another tool's export, or afterglow's own: read and check
//! the whole file first, then merge it in one store transaction.
//!
//! The file is only read: a file that cannot be brought in is left as it
//! was, and a problem in it is found before the database is asked for
//! anything, so nothing is written. The command line turns the outcome
//! into sentences; a dashboard could turn it into state the same way.

use std::path::Path;

use chrono::{NaiveDate, TimeZone};
use thiserror::Error;

use crate::domain::WindowConfig;
use crate::importers::{self, ImportError, MoodMap, Options, Source};
use crate::store::{Db, ImportCounts, StoreError};

/// What to bring in, and how to read it.
#[derive(Debug, Clone)]
pub struct Request<'a, Tz: TimeZone> {
    pub source: Source,
    /// The export file (for Loop: the zip, or the folder it unpacks to).
    pub path: &'a Path,
    /// Count what would be added, and write nothing.
    pub dry_run: bool,
    /// Daylio mood names beyond the defaults; only for Daylio.
    pub moods: Option<MoodMap>,
    /// The zone the other tool's local times were written in.
    pub zone: Tz,
    /// Links entries from other tools to the session whose window holds
    /// them.
    pub window: WindowConfig,
    /// The first day of a Loop habit with no check-ins.
    pub today: NaiveDate,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub counts: ImportCounts,
    /// Remarks from the reader worth telling the person, one sentence each.
    pub notes: Vec<String>,
    pub dry_run: bool,
}

#[derive(Debug, Error)]
pub enum Error {
    /// Mood names only mean something in a Daylio export.
    #[error("mood names are for Daylio's export; other tools' files have none")]
    MoodsOnlyForDaylio,
    /// The file could not be read or holds a problem, named with its line.
    #[error(transparent)]
    File(#[from] ImportError),
    #[error("could not read your habits")]
    Habits(#[source] StoreError),
    /// The store refused the records: nothing was written.
    #[error("could not bring in {file}; nothing was written")]
    Store {
        file: String,
        #[source]
        source: StoreError,
    },
}

/// Reads `req.path` as an export of `req.source` and merges what it holds
/// into `db` in one transaction (rolled back on a dry run).
pub fn import<Tz: TimeZone>(db: &mut Db, req: Request<'_, Tz>) -> Result<Imported, Error> {
    if req.moods.is_some() && req.source != Source::Daylio {
        return Err(Error::MoodsOnlyForDaylio);
    }
    let habits = db.habits(true).map_err(Error::Habits)?;
    let moods = req.moods.unwrap_or_default();
    let opts = Options {
        zone: req.zone,
        habits: &habits,
        moods: &moods,
        window: req.window,
        today: req.today,
    };
    let parsed = importers::read(req.source, req.path, &opts)?;
    let counts = db
        .import(&parsed.batch, req.dry_run)
        .map_err(|source| Error::Store {
            file: req.path.display().to_string(),
            source,
        })?;
    Ok(Imported {
        counts,
        notes: parsed.notes,
        dry_run: req.dry_run,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use std::io::Write;

    fn request(path: &Path, source: Source, dry_run: bool) -> Request<'_, Utc> {
        Request {
            source,
            path,
            dry_run,
            moods: None,
            zone: Utc,
            window: WindowConfig::default(),
            today: NaiveDate::from_ymd_opt(2026, 4, 20).unwrap(),
        }
    }

    fn file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    const JRNL: &str = r#"{"entries": [{"title": "A walk", "body": "by the river",
        "date": "2026-04-06", "time": "09:30"}]}"#;

    #[test]
    fn a_file_comes_in_once_and_a_dry_run_writes_nothing() {
        let mut db = Db::open_in_memory().unwrap();
        let f = file(JRNL);
        let dry = import(&mut db, request(f.path(), Source::Jrnl, true)).unwrap();
        assert!(dry.dry_run);
        assert_eq!(dry.counts.added.journal, 1);
        assert!(db.entries(10).unwrap().is_empty());
        let real = import(&mut db, request(f.path(), Source::Jrnl, false)).unwrap();
        assert_eq!(real.counts, dry.counts);
        let again = import(&mut db, request(f.path(), Source::Jrnl, false)).unwrap();
        assert_eq!(
            (
                again.counts.added.journal,
                again.counts.already_there.journal
            ),
            (0, 1)
        );
    }

    #[test]
    fn a_bad_file_is_named_and_changes_nothing() {
        let mut db = Db::open_in_memory().unwrap();
        let f = file("{\"entries\": [");
        let e = import(&mut db, request(f.path(), Source::Jrnl, false)).unwrap_err();
        assert!(matches!(e, Error::File(_)), "{e}");
        assert!(e.to_string().contains("line 1"), "{e}");
        assert!(db.entries(10).unwrap().is_empty());
    }

    #[test]
    fn mood_names_are_only_for_daylio() {
        let mut db = Db::open_in_memory().unwrap();
        let f = file(JRNL);
        let mut req = request(f.path(), Source::Jrnl, false);
        req.moods = Some("great=9".parse().unwrap());
        let e = import(&mut db, req).unwrap_err();
        assert!(matches!(e, Error::MoodsOnlyForDaylio), "{e}");
    }
}
