//! Readers for other tools' exports: jrnl, Daylio, Loop Habit Tracker, and
//! afterglow's own JSON. `afterglow import --from jrnl|daylio|loop|afterglow
//! FILE [--dry-run] [--mood-map MAP]`.
//!
//! Each reader turns a file into a [`Batch`] and nothing else: it writes
//! nothing, and the store merges the batch in one transaction (see
//! `Db::import`). Parsing is pure over bytes (the zone, today and the
//! person's habits are parameters), so every reader is tested on fixtures
//! and on arbitrary input (`tests/parsers.rs`) without a database.
//!
//! Rules shared by the readers:
//! - Files are read as bytes, only from regular files and capped in size
//!   (see [`crate::bounded`]), and decoded as UTF-8 with a byte-order mark
//!   stripped; CRLF and LF line ends both work. A CSV that ends inside a
//!   quoted field is refused as cut off.
//! - No entry longer than [`MAX_ENTRY_BYTES`] comes in: the import is
//!   refused with its line instead of the entry cut.
//! - Work is linear in the file: lines are counted as the rows come, and
//!   habits are looked up by name through a map.
//! - A problem is reported as "FILE, line N: what is wrong", and nothing is
//!   written: the reader fails before the store is asked for anything.
//! - Nothing a person wrote is dropped: titles, notes, moods' own names and
//!   activities that are not habits all end up in the entry text.
//! - Output is deterministic, so bringing the same file in twice adds
//!   nothing the second time (the store skips what is already there, and
//!   recognises entries from local times in any zone: see
//!   `Batch::local_times`).
//! - Records from other tools carry negative ids: they only tie ticks to
//!   habits inside the batch, and the store keeps only positive source ids
//!   (an afterglow export's own), so a jrnl entry never claims an id.

mod afterglow;
mod csv_lines;
mod daylio;
mod jrnl;
mod json_words;
mod loop_habit;
mod mood_map;

use std::collections::HashMap;
use std::io;
use std::path::Path;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use thiserror::Error;

use crate::bounded::{self, BoundedError};
use crate::domain::Batch;
use crate::domain::habit::name_key;
use crate::domain::time::keepable_day;
use crate::domain::{Habit, MAX_ENTRY_BYTES, WindowConfig};

use self::csv_lines::{Lines, csv_problem, refuse_open_quote};
use self::json_words::{
    element_at, element_line, expected_words, field_at, found_words, json_problem, offset_of,
    serde_said, top_words,
};
pub use afterglow::parse as parse_afterglow;
pub use daylio::parse as parse_daylio;
pub use jrnl::parse as parse_jrnl;
pub use loop_habit::{
    LoopFiles, LoopFolder, from_dir as loop_from_dir, from_zip as loop_from_zip,
    parse as parse_loop,
};
pub use mood_map::MoodMap;

/// The largest plain export file read. Ten years of a daily journal is a
/// few megabytes; anything this large is almost surely the wrong file.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most one file inside a Loop zip may unpack to, and the most all of
/// them together may: a small zip that unpacks to gigabytes is refused
/// instead of filling the memory.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_ZIP_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Which tool a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Jrnl,
    Daylio,
    Loop,
    Afterglow,
}

/// What a reader needs to know besides the file.
#[derive(Debug, Clone)]
pub struct Options<'a, Tz: TimeZone> {
    /// The zone the other tool's local times were written in.
    pub zone: Tz,
    /// The habits already in the database (archived ones too): a Daylio
    /// activity or a Loop habit with one of these names lands on it.
    pub habits: &'a [Habit],
    /// Daylio mood names and their 1-10 values.
    pub moods: &'a MoodMap,
    /// Links entries from other tools to the session whose window they
    /// were written in, as the journal does for entries written here.
    pub window: WindowConfig,
    /// The first day of a Loop habit that has no check-ins at all.
    pub today: NaiveDate,
}

/// A file read into records, with remarks worth telling the person
/// (an empty jrnl entry left out, a long habit name shortened).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub batch: Batch,
    pub notes: Vec<String>,
}

impl Parsed {
    /// The last step of every reader of another tool's file. Entries go
    /// oldest first, so that the ids the store gives them follow time (the
    /// sort is stable, keeping the file's order within a minute); and,
    /// knowing nothing of sessions, they are linked by the journal rule
    /// (see `Batch::link_window`). Their instants are local times read in
    /// this computer's zone, so the store recognises them in any zone
    /// (see `Batch::local_times`).
    fn finish(&mut self, window: WindowConfig) {
        self.batch.history.journal.sort_by_key(|e| e.written_at);
        self.batch.link_window = Some(window);
        self.batch.local_times = true;
    }
}

/// The batch id of a record from another tool, given how many of its kind
/// came before it: -1, -2, … (see the module doc), never one of ours.
fn batch_id(before: usize) -> i64 {
    -(before as i64) - 1
}

/// What is wrong with one file, and where. `part` names a file inside a
/// Loop export (`001 Meditate/Checkmarks.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub part: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn at(line: usize, message: impl Into<String>) -> Problem {
        Problem {
            part: None,
            line: Some(line),
            message: message.into(),
        }
    }

    pub fn whole(message: impl Into<String>) -> Problem {
        Problem {
            part: None,
            line: None,
            message: message.into(),
        }
    }

    fn in_part(mut self, part: &str) -> Problem {
        if self.part.is_none() {
            self.part = Some(part.to_string());
        }
        self
    }
}

/// A file that could not be brought in. The message names the file and,
/// where there is one, the line: "daylio.csv, line 12: …".
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{file}{}: {message}", line.map(|n| format!(", line {n}")).unwrap_or_default())]
    Bad {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("could not read {file}")]
    Read {
        file: String,
        #[source]
        source: io::Error,
    },
}

impl ImportError {
    fn bad(file: &Path, problem: Problem) -> ImportError {
        let file = match &problem.part {
            Some(part) => format!("{}: {part}", file.display()),
            None => file.display().to_string(),
        };
        ImportError::Bad {
            file,
            line: problem.line,
            message: problem.message,
        }
    }

    fn read(file: &Path, source: io::Error) -> ImportError {
        ImportError::Read {
            file: file.display().to_string(),
            source,
        }
    }
}

/// Reads `path` as an export of `source`. Only reads: the file (or folder)
/// is left exactly as it was.
pub fn read<Tz: TimeZone>(
    source: Source,
    path: &Path,
    opts: &Options<'_, Tz>,
) -> Result<Parsed, ImportError> {
    match source {
        Source::Jrnl => jrnl::parse(&read_file(path)?, opts).map_err(|p| ImportError::bad(path, p)),
        Source::Daylio => {
            daylio::parse(&read_file(path)?, opts).map_err(|p| ImportError::bad(path, p))
        }
        Source::Afterglow => {
            let bytes = read_file(path)?;
            let parsed = afterglow::parse(&bytes).map_err(|p| ImportError::bad(path, p))?;
            check_sizes(&parsed.batch, &bytes).map_err(|p| ImportError::bad(path, p))?;
            Ok(parsed)
        }
        Source::Loop => loop_habit::read(path, opts),
    }
}

/// The whole file, refusing folders, pipes and devices, and files too
/// large to be an export (see [`crate::bounded`]).
fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    bounded::read_file(path, MAX_FILE_BYTES).map_err(|e| match e {
        BoundedError::Io(e) => ImportError::read(path, e),
        BoundedError::Folder => ImportError::bad(
            path,
            Problem::whole("this is a folder; give the export file itself"),
        ),
        BoundedError::TooLarge { cap } => ImportError::bad(path, too_large(cap)),
        e @ BoundedError::NotRegular { .. } => {
            ImportError::bad(path, Problem::whole(e.to_string()))
        }
    })
}

fn too_large(cap: u64) -> Problem {
    Problem::whole(format!(
        "this is larger than afterglow reads ({}); is it the right file?",
        bounded::size(cap)
    ))
}

/// Refuses an entry longer than one entry may be (see
/// [`MAX_ENTRY_BYTES`]): cutting it would lose words, and splitting it
/// would make a second import of the same file look new.
fn check_entry(body: &str) -> Result<(), String> {
    if body.len() <= MAX_ENTRY_BYTES {
        return Ok(());
    }
    Err(format!(
        "this entry holds {} KiB of text, more than afterglow keeps in one entry ({}); \
         shorten it in the other tool, export again and bring that file in",
        body.len().div_ceil(1024),
        bounded::size(MAX_ENTRY_BYTES as u64)
    ))
}

/// A whole export as text (see [`decode`]); a file with nothing in it is
/// refused rather than read as an export with no records.
fn export_text(bytes: &[u8]) -> Result<&str, Problem> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(Problem::whole("the file is empty"));
    }
    Ok(text)
}

/// UTF-8 text without its byte-order mark. Invalid bytes are refused with
/// the line they are on, never replaced: a silently changed letter in
/// someone's journal is worse than a clear refusal.
fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of_offset(bytes, e.valid_up_to());
        Problem::at(
            line,
            "this is not UTF-8 text; export the file again, or save it as UTF-8",
        )
    })
}

/// The 1-based line holding byte `offset`.
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// A `YYYY-MM-DD` day, as every tool here writes one, and one afterglow
/// can keep (the store would refuse any other, with no line to name).
fn read_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| keepable_day(d).ok())
}

/// The instant of a wall-clock time in `tz`, whatever the clocks did.
///
/// A time that happens twice (clocks going back) is the first of the two.
/// A time that never happened (clocks going forward) is read with the
/// offset in force just before the gap, as a clock that was not changed
/// would have meant it: 02:30 on the spring-forward night becomes 03:30.
/// `None` only past the ends of the range chrono can hold.
pub fn local_instant<Tz: TimeZone>(naive: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.with_timezone(&Utc).min(b.with_timezone(&Utc))),
        LocalResult::None => {
            // Real gaps are an hour or two; look back up to a day for the
            // last wall time that exists.
            let before = (1..=24 * 4).find_map(|quarter| {
                let probe = naive.checked_sub_signed(TimeDelta::try_minutes(quarter * 15)?)?;
                tz.from_local_datetime(&probe).latest()
            })?;
            let offset =
                TimeDelta::try_seconds(i64::from(before.offset().fix().local_minus_utc()))?;
            let utc = naive.checked_sub_signed(offset)?;
            Some(Utc.from_utc_datetime(&utc))
        }
    }
}

/// Habits by the store's rule for telling names apart
/// ([`name_key`]), looked up without walking the whole list for each row
/// of a file. Where two habits here have look-alike names (kept from
/// before the rule folded them), the older one (the lower id) is found.
struct HabitIndex<'h> {
    by_key: HashMap<String, &'h Habit>,
}

impl<'h> HabitIndex<'h> {
    fn new(habits: &'h [Habit]) -> HabitIndex<'h> {
        let mut by_key: HashMap<String, &'h Habit> = HashMap::with_capacity(habits.len());
        for h in habits {
            by_key
                .entry(name_key(&h.name))
                .and_modify(|found| {
                    if h.id < found.id {
                        *found = h;
                    }
                })
                .or_insert(h);
        }
        HabitIndex { by_key }
    }

    /// The habit here that a name from another tool lands on.
    fn find(&self, name: &str) -> Option<&'h Habit> {
        self.by_key.get(&name_key(name)).copied()
    }
}

/// Every text of an afterglow export within the size of one entry (see
/// [`check_entry`]), refused with the record's line otherwise.
fn check_sizes(batch: &Batch, bytes: &[u8]) -> Result<(), Problem> {
    let texts = batch
        .journal
        .iter()
        .enumerate()
        .map(|(i, e)| ("journal", i, Some(e.body.as_str())))
        .chain(
            batch
                .history
                .intentions
                .iter()
                .enumerate()
                .flat_map(|(i, x)| {
                    [
                        ("intentions", i, Some(x.text.as_str())),
                        ("intentions", i, x.reflection.as_deref()),
                    ]
                }),
        )
        .chain(
            batch
                .sessions
                .iter()
                .enumerate()
                .map(|(i, x)| ("sessions", i, x.note.as_deref())),
        )
        .chain(
            batch
                .therapy
                .iter()
                .enumerate()
                .map(|(i, x)| ("therapy", i, x.note.as_deref())),
        )
        .chain(
            batch
                .checkins
                .iter()
                .enumerate()
                .map(|(i, x)| ("checkins", i, x.note.as_deref())),
        )
        .chain(
            batch
                .questionnaire_results
                .iter()
                .enumerate()
                .flat_map(|(i, x)| {
                    [
                        ("questionnaire_results", i, Some(x.name.as_str())),
                        ("questionnaire_results", i, Some(x.version.as_str())),
                        ("questionnaire_results", i, x.band.as_deref()),
                    ]
                }),
        );
    for (key, i, text) in texts {
        if let Err(message) = check_entry(text.unwrap_or("")) {
            let line = decode(bytes)
                .ok()
                .and_then(|t| element_line(t, key, i))
                .unwrap_or(1);
            return Err(Problem::at(line, message));
        }
    }
    for d in &batch.history.drafts {
        check_entry(&d.body).map_err(|m| Problem::whole(format!("the unsaved draft: {m}")))?;
    }
    Ok(())
}

/// What the readers' unit tests share: the fixtures, and options with a
/// fixed zone and today.
#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod testing {
    use std::path::{Path, PathBuf};

    use chrono::{FixedOffset, NaiveDate};

    use super::{MoodMap, Options};
    use crate::domain::Habit;

    /// `tests/fixtures/import/NAME`.
    pub(super) fn fixture_path(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name)
    }

    pub(super) fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(fixture_path(name)).unwrap()
    }

    /// Options in a zone `east` seconds ahead of UTC, on 2026-01-01.
    pub(super) fn options<'a>(
        east: i32,
        habits: &'a [Habit],
        moods: &'a MoodMap,
    ) -> Options<'a, FixedOffset> {
        Options {
            zone: FixedOffset::east_opt(east).unwrap(),
            habits,
            moods,
            window: Default::default(),
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn text_is_utf8_without_its_byte_order_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(decode("🌱".as_bytes()).unwrap(), "🌱");
        let err = decode(b"one\ntwo\n\xFFthree").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn wall_times_in_gaps_and_overlaps_have_one_instant() {
        use chrono_tz::Europe::Berlin;
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // Spring forward: 02:30 never happened; it is read as 03:30 CEST.
        assert_eq!(
            local_instant(at("2026-03-29 02:30"), &Berlin)
                .unwrap()
                .to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        // Fall back: 02:30 happened twice; the first (CEST) is taken.
        assert_eq!(
            local_instant(at("2026-10-25 02:30"), &Berlin)
                .unwrap()
                .to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        let east = FixedOffset::east_opt(14 * 3600).unwrap();
        assert_eq!(local_instant(NaiveDateTime::MIN, &east), None);
    }
}
