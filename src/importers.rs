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
mod daylio;
mod jrnl;
mod loop_habit;

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::str::FromStr;

use serde_json::value::RawValue;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use thiserror::Error;

use crate::bounded::{self, BoundedError};
use crate::domain::habit::name_key;
use crate::domain::time::keepable_day;
use crate::domain::{Habit, MAX_ENTRY_BYTES, Mood, WindowConfig};
use crate::store::Batch;

pub use afterglow::parse as parse_afterglow;
pub use daylio::parse as parse_daylio;
pub use jrnl::parse as parse_jrnl;
pub use loop_habit::{
    LoopFiles, LoopFolder, from_dir as loop_from_dir, from_zip as loop_from_zip,
    parse as parse_loop,
};

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

/// A JSON parse error as a problem at its line, without serde's own
/// "at line L column C" tail (the line is given once, in front).
fn json_problem(e: &serde_json::Error) -> Problem {
    let message = serde_said(e);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the file ends too soon; was it cut off while copying?".to_string()
        }
        serde_json::error::Category::Syntax => format!("this is not valid JSON ({message})"),
        _ => message,
    };
    Problem::at(e.line().max(1), message)
}

/// What JSON `text` holds at its top, as a person would say it.
fn top_words(text: &str) -> &'static str {
    match text.trim_start().chars().next() {
        Some('{') => "an object",
        Some('[') => "a list",
        Some('"') => "a text",
        Some('t' | 'f') => "true or false",
        Some('n') => "null",
        _ => "a number",
    }
}

/// serde's own message, without its "at line L column C" tail.
fn serde_said(e: &serde_json::Error) -> String {
    let said = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    said.strip_suffix(&tail).unwrap_or(&said).to_string()
}

/// serde's name for what a file holds, as a person would say it.
fn found_words(found: &str) -> String {
    let quoted = |s: &str| s.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {}", quoted(n))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        quoted(b)
    } else {
        match found {
            "sequence" => "a list".into(),
            "map" => "an object".into(),
            "unit value" | "null" => "null".into(),
            other => other.replace('`', ""),
        }
    }
}

/// serde's name for what belongs, as a person would say it.
fn expected_words(expected: &str) -> String {
    match expected {
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "i16" | "i8" | "usize" => {
            "a whole number".into()
        }
        "f64" | "f32" => "a number".into(),
        "a string" | "string" => "a text".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list".into(),
        "a map" => "an object".into(),
        e if e.starts_with("struct ") => "an object".into(),
        e if e.starts_with("variant identifier") => "a name afterglow knows".into(),
        other => other.replace('`', "\""),
    }
}

/// The field whose value serde stopped in (the last key before line `line`,
/// column `column`), and that value as written. Strings are stepped over
/// whole, so a `":` inside a note is not taken for a key.
fn field_at(text: &str, line: usize, column: usize) -> (Option<String>, String) {
    let mut end = offset_of(text, line, column);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let mut key: Option<(String, usize)> = None;
    let mut last_string: Option<(String, usize)> = None;
    let mut chars = before.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                let mut escaped = false;
                let mut closed = None;
                for (j, c) in chars.by_ref() {
                    match (escaped, c) {
                        (true, _) => {
                            s.push(c);
                            escaped = false;
                        }
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            closed = Some(j);
                            break;
                        }
                        (false, _) => s.push(c),
                    }
                }
                last_string = closed.map(|_| (s, i));
            }
            ':' => key = last_string.take().map(|(s, _)| (s, i + 1)),
            c if !c.is_whitespace() => last_string = None,
            _ => {}
        }
    }
    match key {
        Some((k, value_from)) => {
            let raw = before[value_from..].trim().trim_end_matches(',').trim();
            (Some(k), raw.to_string())
        }
        None => (None, String::new()),
    }
}

/// The 1-based line where the `index`-th element of the array under the
/// top-level `key` starts, in JSON that has already parsed. Used to point
/// at a record whose values are wrong (serde only knows the line of a
/// syntax or type error).
fn element_line(text: &str, key: &str, index: usize) -> Option<usize> {
    let (start, _) = *elements(text, key)?.get(index)?;
    Some(line_of_offset(text.as_bytes(), start))
}

/// The index and first byte of the element of the array under the
/// top-level `key` that byte `offset` falls in (its closing bracket
/// included), in JSON that parses. Used to say which record a serde error
/// is in.
fn element_at(text: &str, key: &str, offset: usize) -> Option<(usize, usize)> {
    for (i, (start, end)) in elements(text, key)?.into_iter().enumerate() {
        if start > offset {
            return None;
        }
        if offset <= end {
            return Some((i, start));
        }
    }
    None
}

/// Where each element of the array under the top-level `key` starts and
/// ends, as byte offsets into `text`. serde_json reads the JSON; its raw
/// values are slices of `text`, so their places are where they start.
fn elements(text: &str, key: &str) -> Option<Vec<(usize, usize)>> {
    let top: HashMap<String, &RawValue> = serde_json::from_str(text).ok()?;
    let items: Vec<&RawValue> = serde_json::from_str(top.get(key)?.get()).ok()?;
    let base = text.as_ptr() as usize;
    Some(
        items
            .iter()
            .map(|item| {
                let start = item.get().as_ptr() as usize - base;
                (start, start + item.get().len())
            })
            .collect(),
    )
}

/// The byte offset of serde's line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

/// A csv error as a problem at its line, in plain words.
fn csv_problem(text: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(1, |p| Lines::new(text).at_position(p));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "this row has {len} fields where the first row has {expected_len}; \
             a comma or a quote in a note may have lost its quoting"
        ),
        csv::ErrorKind::Utf8 { .. } => {
            "this is not UTF-8 text; export the file again, or save it as UTF-8".to_string()
        }
        _ => format!("could not read this row ({e})"),
    };
    Problem::at(line, message)
}

/// The lines csv records start on, counted in one pass over the text as
/// the records come, in order: counting from the top for every record
/// made a file of 100,000 rows take minutes.
struct Lines<'t> {
    bytes: &'t [u8],
    /// Bytes before `at` hold `line - 1` line ends.
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line `record` starts on.
    fn of(&mut self, record: &csv::StringRecord) -> usize {
        record.position().map_or(1, |p| self.at_position(p))
    }

    /// The csv crate's own line count lags by one after CRLF line ends,
    /// and its byte offset may point at the line end before the record; so
    /// the line is counted here, from the first byte of the record itself.
    fn at_position(&mut self, p: &csv::Position) -> usize {
        let mut at = usize::try_from(p.byte())
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.at {
            // Never for records read in order; right all the same.
            return line_of_offset(self.bytes, at);
        }
        self.line += self.bytes[self.at..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = at;
        self.line
    }
}

/// A csv text refused when it ends inside a quoted field, with the line
/// the field starts on. The csv reader would end the field with the file,
/// keeping a note cut short by a copy that stopped half way; and the whole
/// file brought in later would then add that row a second time.
///
/// Quotes are read as the csv reader reads them: a quote opens a field
/// only as its first character, and `""` inside one is a quote.
fn refuse_open_quote(text: &str) -> Result<(), Problem> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_on) = (1usize, 0usize);
    let (mut field_start, mut quoted) = (true, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if quoted {
            match b {
                b'"' if bytes.get(i) == Some(&b'"') => i += 1,
                b'"' => quoted = false,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if field_start => {
                quoted = true;
                opened_on = line;
            }
            b',' | b'\r' => {
                field_start = true;
                continue;
            }
            b'\n' => {
                line += 1;
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    if quoted {
        return Err(Problem::at(
            opened_on,
            "a quoted field starts on this line and the file ends before its closing \
             quote; was the file cut off while copying? Export it again",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------- moods

/// Daylio's mood names and the 1-10 mood afterglow records for each.
///
/// Daylio's five default moods are rad, good, meh, bad and awful; they map
/// to 10, 8, 5, 3 and 1, spread over afterglow's scale so that "meh" sits
/// in the middle. People rename moods (and Daylio translates them), so
/// `--mood-map "rad=9,great=8"` adds names and overrides values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodMap {
    /// Lower-case names, in the order they were given.
    names: Vec<(String, Mood)>,
}

const DEFAULT_MOODS: [(&str, i64); 5] = [
    ("rad", 10),
    ("good", 8),
    ("meh", 5),
    ("bad", 3),
    ("awful", 1),
];

impl Default for MoodMap {
    fn default() -> MoodMap {
        MoodMap {
            names: DEFAULT_MOODS
                .iter()
                .filter_map(|(n, v)| Some((n.to_string(), Mood::new(*v).ok()?)))
                .collect(),
        }
    }
}

impl MoodMap {
    /// The mood for a name from the file, ignoring case and surrounding
    /// spaces.
    pub fn get(&self, name: &str) -> Option<Mood> {
        let key = name.trim().to_lowercase();
        self.names.iter().find(|(n, _)| *n == key).map(|(_, m)| *m)
    }

    /// `rad=10, good=8, …`, for messages.
    pub fn describe(&self) -> String {
        self.names
            .iter()
            .map(|(n, m)| format!("{n}={}", m.get()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn set(&mut self, name: String, mood: Mood) {
        match self.names.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = mood,
            None => self.names.push((name, mood)),
        }
    }
}

impl FromStr for MoodMap {
    type Err = String;

    /// The defaults with `NAME=N` pairs, separated by commas, on top.
    fn from_str(s: &str) -> Result<MoodMap, String> {
        let mut map = MoodMap::default();
        let usage = "use NAME=N pairs separated by commas, e.g. \"rad=9,great=8\", \
                     with N a whole number from 1 to 10";
        for pair in s.split(',').filter(|p| !p.trim().is_empty()) {
            let Some((name, value)) = pair.rsplit_once('=') else {
                return Err(format!("\"{}\" has no \"=\"; {usage}", pair.trim()));
            };
            let name = name.trim().to_lowercase();
            if name.is_empty() {
                return Err(format!("\"{}\" has no mood name; {usage}", pair.trim()));
            }
            let mood = value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|n| Mood::new(n).ok())
                .ok_or_else(|| {
                    format!("\"{}\" is not a mood from 1 to 10; {usage}", value.trim())
                })?;
            map.set(name, mood);
        }
        Ok(map)
    }
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
    fn mood_maps_extend_and_override_the_defaults() {
        let m: MoodMap = "Rad=9, great = 8,,".parse().unwrap();
        assert_eq!(m.get(" RAD "), Mood::new(9).ok());
        assert_eq!(m.get("great"), Mood::new(8).ok());
        assert_eq!(m.get("awful"), Mood::new(1).ok());
        assert_eq!(m.get("okay"), None);
        assert_eq!(
            MoodMap::default().describe(),
            "rad=10, good=8, meh=5, bad=3, awful=1"
        );
        // A name may hold spaces and even "=" before the last one.
        let m: MoodMap = "super gut=9".parse().unwrap();
        assert_eq!(m.get("Super Gut"), Mood::new(9).ok());
        for bad in ["rad", "=5", "rad=0", "rad=11", "rad=5.5", "rad=x"] {
            let err = bad.parse::<MoodMap>().unwrap_err();
            assert!(err.contains("NAME=N"), "{bad}: {err}");
        }
    }

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

    #[test]
    fn csv_lines_are_right_after_crlf_too() {
        for text in [
            "h\r\na\r\n\"b\r\nc\"\r\nd\r\n",
            "h\na\n\"b\nc\"\nd\n",
            "h\r\n\r\na\r\nb\r\nd",
        ] {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let mut counter = Lines::new(text);
            let lines: Vec<usize> = reader.records().map(|r| counter.of(&r.unwrap())).collect();
            let want = if text.starts_with("h\r\n\r\n") {
                [3, 4, 5]
            } else {
                [2, 3, 5]
            };
            assert_eq!(lines, want, "{text:?}");
        }
    }

    #[test]
    fn element_lines_point_at_records() {
        let text = "{\n  \"a\": [1, {\"x\": \"]}\\\"\"}],\n  \"entries\": [\n    {\"b\": [1,2]},\n\n    {\"c\": null}\n  ]\n}";
        assert_eq!(element_line(text, "entries", 0), Some(4));
        assert_eq!(element_line(text, "entries", 1), Some(6));
        assert_eq!(element_line(text, "entries", 2), None);
        assert_eq!(element_line(text, "a", 1), Some(2));
        assert_eq!(element_line(text, "missing", 0), None);
        assert_eq!(element_line("", "a", 0), None);
        assert_eq!(element_line("[1]", "a", 0), None);
        // The element an offset falls in, its closing bracket included.
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(
            element_at(text, "entries", at("\"b\"")),
            Some((0, at("{\"b\"")))
        );
        assert_eq!(
            element_at(text, "entries", at("2]}") + 3),
            Some((0, at("{\"b\"")))
        );
        assert_eq!(
            element_at(text, "entries", at("null")),
            Some((1, at("{\"c\"")))
        );
        assert_eq!(element_at(text, "entries", at("\n\n")), None);
        assert_eq!(element_at(text, "entries", at("\"a\"")), None);
        assert_eq!(element_at(text, "a", at("\"x\"")), Some((1, at("{\"x\""))));
    }
}
