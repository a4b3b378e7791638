//! Loop Habit Tracker's CSV export (Settings → Export as CSV): a zip, or the
//! folder it unpacks to.
//!
//! The layout, from Loop's `HabitsCSVExporter` (iSoron/uhabits,
//! uhabits-core/.../io/HabitsCSVExporter.kt):
//!
//! ```text
//! Habits.csv                  one row per habit
//! 001 Meditate/Checkmarks.csv one row per known day of habit 1
//! 001 Meditate/Scores.csv     (ignored: derived)
//! 002 Read/...
//! Checkmarks.csv, Scores.csv  (ignored: all habits side by side)
//! ```
//!
//! Folder names are the habit's position (`%03d`, the `Position` column of
//! Habits.csv) and its name stripped to `[ a-zA-Z0-9._-]`, so folders are
//! matched to habits by position, never by name.
//!
//! Habits.csv has had two headers (HabitList.writeCSV): since Loop 2.0
//! `Position,Name,Type,Question,Description,FrequencyNumerator,
//! FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?`
//! (Type is YES_NO or NUMERICAL, Target Type AT_LEAST or AT_MOST, Target
//! Value "8.0"); before it `Position,Name,Question,Description,
//! NumRepetitions,Interval,Color`, where every habit reads as yes/no.
//! Columns are found by name, so either works.
//!
//! Checkmarks.csv has been written three ways: `yyyy-MM-dd,N` lines with
//! no header (Loop 1, where 2 is checked by hand, 1 implied by the
//! frequency and 0 not checked; and Loop 2.0, with the Entry codes 2
//! YES_MANUAL, 1 YES_AUTO, 0 NO, -1 UNKNOWN and 3 or -3 SKIP), then a
//! `Date,Value,Notes` header with the codes as words (YES_MANUAL, …). For
//! numerical habits the value is the amount in thousandths (8.5 km is
//! 8500). Dates are calendar days.
//!
//! Only real check-ins become ticks: YES_MANUAL (2) for yes/no habits, a
//! positive amount for numerical ones. Days Loop filled in by itself
//! (YES_AUTO), skipped days and NO are left out. A note on a day is the
//! person's own words, so it becomes a journal entry at noon of that day.
//! Numerical habits become quantity habits with their unit and target;
//! archived ones stay archived; a habit whose name is already taken here
//! (ignoring case) is ticked instead of added again.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, TimeZone};

use super::{
    HabitIndex, ImportError, Lines, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES, Options, Parsed,
    Problem, batch_id, check_entry, csv_problem, decode, local_instant, read_day, read_file,
    refuse_open_quote, too_large,
};
use crate::bounded::{self, BoundedError};
use crate::domain::habit::{name_key, validate_target};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, JournalEntry, JournalId, Tick};

/// A zip with more entries than this is not a Loop export (which has three
/// per habit); reading its directory alone would take a while.
const MAX_ZIP_ENTRIES: usize = 20_000;

/// The files of one export, however they were packed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoopFiles {
    /// Where Habits.csv is, as errors name it.
    pub habits_name: String,
    pub habits: Vec<u8>,
    /// The habit folders that hold a Checkmarks.csv, in name order.
    pub folders: Vec<LoopFolder>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopFolder {
    /// `001 Meditate`.
    pub dir: String,
    /// `001 Meditate/Checkmarks.csv`, as errors name it.
    pub name: String,
    pub checkmarks: Vec<u8>,
}

/// The habit position a folder name starts with: `001 Meditate` is 1.
fn folder_position(dir: &str) -> Option<u32> {
    let digits = dir.split(' ').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

pub(super) fn read<Tz: TimeZone>(
    path: &Path,
    opts: &Options<'_, Tz>,
) -> Result<Parsed, ImportError> {
    let meta = fs::metadata(path).map_err(|e| ImportError::read(path, e))?;
    if meta.is_dir() {
        let files = from_dir(path)?;
        return parse(&files, opts).map_err(|p| in_folder(path, p));
    }
    let is_habits_csv = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("Habits.csv"));
    if is_habits_csv {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let files = from_dir(&dir)?;
        return parse(&files, opts).map_err(|p| in_folder(&dir, p));
    }
    let bytes = read_file(path)?;
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::bad(
            path,
            Problem::whole(
                "this is not a Loop Habit Tracker export; give the zip from Loop's \
                 \"Export as CSV\", or the folder it unpacks to",
            ),
        ));
    }
    let files = from_zip(&bytes).map_err(|p| ImportError::bad(path, p))?;
    parse(&files, opts).map_err(|p| ImportError::bad(path, p))
}

/// A problem inside an unpacked export names the file inside the folder.
fn in_folder(dir: &Path, p: Problem) -> ImportError {
    match &p.part {
        Some(part) => ImportError::bad(&dir.join(part), Problem { part: None, ..p }),
        None => ImportError::bad(dir, p),
    }
}

/// The export as Loop's zip. Nothing is unpacked to disk; each file read is
/// capped (see [`MAX_ZIP_ENTRY_BYTES`]) whatever size it claims.
pub fn from_zip(bytes: &[u8]) -> Result<LoopFiles, Problem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Problem::whole(format!("this is not a zip file afterglow can open ({e})")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Problem::whole(format!(
            "this zip holds {} files, far more than a Loop export; is it the right file?",
            archive.len()
        )));
    }
    let names: Vec<Option<String>> = archive
        .file_names()
        .map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    // Habits.csv at the top, or inside one folder when someone unpacked the
    // export and zipped the folder again.
    let (habits_index, prefix) = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let n = n.as_deref()?;
            let prefix = n.strip_suffix("Habits.csv")?;
            (prefix.is_empty() || (prefix.ends_with('/') && prefix.matches('/').count() == 1))
                .then(|| (i, prefix.to_string()))
        })
        .min_by_key(|(_, prefix)| prefix.len())
        .ok_or_else(|| {
            Problem::whole(
                "this zip holds no Habits.csv; is it the CSV export from Loop Habit Tracker \
                 (Settings → Export as CSV)?",
            )
        })?;
    let mut total = 0u64;
    let habits_name = names[habits_index].clone().unwrap_or_default();
    let habits = unpack(&mut archive, habits_index, &habits_name, &mut total)?;
    let mut folders = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(name) = name else { continue };
        let Some(dir) = name
            .strip_prefix(prefix.as_str())
            .and_then(|rest| rest.strip_suffix("/Checkmarks.csv"))
        else {
            continue;
        };
        if dir.contains('/') || folder_position(dir).is_none() {
            continue;
        }
        let checkmarks = unpack(&mut archive, i, name, &mut total)?;
        folders.push(LoopFolder {
            dir: dir.to_string(),
            name: name.clone(),
            checkmarks,
        });
    }
    folders.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(LoopFiles {
        habits_name,
        habits,
        folders,
    })
}

fn unpack(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
    total: &mut u64,
) -> Result<Vec<u8>, Problem> {
    let file = archive
        .by_index(index)
        .map_err(|e| Problem::whole(format!("could not unpack this file ({e})")).in_part(name))?;
    let left = MAX_ZIP_TOTAL_BYTES.saturating_sub(*total);
    let cap = MAX_ZIP_ENTRY_BYTES.min(left);
    if file.size() > cap {
        return Err(too_large(cap.max(MAX_ZIP_ENTRY_BYTES)).in_part(name));
    }
    let bytes = bounded::read_capped(file, cap).map_err(|e| match e {
        BoundedError::Io(e) => {
            Problem::whole(format!("could not unpack this file ({e})")).in_part(name)
        }
        _ => too_large(MAX_ZIP_ENTRY_BYTES).in_part(name),
    })?;
    *total += bytes.len() as u64;
    Ok(bytes)
}

/// The export as the folder the zip unpacks to.
pub fn from_dir(dir: &Path) -> Result<LoopFiles, ImportError> {
    let habits_path = dir.join("Habits.csv");
    // Anything by that name is read (and a pipe or a device refused, by
    // name); only a missing one means the wrong folder.
    if fs::symlink_metadata(&habits_path).is_err() {
        return Err(ImportError::bad(
            dir,
            Problem::whole(
                "this folder holds no Habits.csv; give the folder unpacked from Loop's \
                 \"Export as CSV\", or the zip itself",
            ),
        ));
    }
    let habits = read_file(&habits_path)?;
    let mut folders = Vec::new();
    let listing = fs::read_dir(dir).map_err(|e| ImportError::read(dir, e))?;
    for item in listing {
        let item = item.map_err(|e| ImportError::read(dir, e))?;
        let Ok(name) = item.file_name().into_string() else {
            continue;
        };
        if folder_position(&name).is_none() || !item.path().is_dir() {
            continue;
        }
        let checkmarks = item.path().join("Checkmarks.csv");
        // Anything else by that name is read, so that a pipe or a device
        // there is refused by name rather than its check-ins left out.
        if matches!(fs::symlink_metadata(&checkmarks), Err(e) if e.kind() == io::ErrorKind::NotFound)
        {
            continue;
        }
        folders.push(LoopFolder {
            name: format!("{name}/Checkmarks.csv"),
            checkmarks: read_file(&checkmarks)?,
            dir: name,
        });
    }
    folders.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(LoopFiles {
        habits_name: "Habits.csv".into(),
        habits,
        folders,
    })
}

/// One row of Habits.csv.
struct LoopHabit {
    position: u32,
    name: String,
    numerical: bool,
    unit: String,
    target: Option<f64>,
    at_most: bool,
    archived: bool,
}

/// One row of a Checkmarks.csv.
struct Mark {
    line: usize,
    day: NaiveDate,
    value: Value,
    note: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Value {
    /// A code written as a word (Loop 2.1 and later).
    Word(Code),
    /// A code or an amount in thousandths, written as a number.
    Number(i64),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    YesManual,
    YesAuto,
    No,
    Skip,
    Unknown,
}

pub fn parse<Tz: TimeZone>(files: &LoopFiles, opts: &Options<'_, Tz>) -> Result<Parsed, Problem> {
    let habits = read_habits(files).map_err(|p| p.in_part(&files.habits_name))?;
    let positions: HashSet<u32> = habits.iter().map(|h| h.position).collect();
    let mut by_position: HashMap<u32, &LoopFolder> = HashMap::new();
    for f in &files.folders {
        let Some(position) = folder_position(&f.dir) else {
            continue;
        };
        if !positions.contains(&position) {
            return Err(Problem::whole(format!(
                "there is no habit at position {position:03} in {}; was Habits.csv changed \
                 after the export?",
                files.habits_name
            ))
            .in_part(&f.name));
        }
        if let Some(other) = by_position.insert(position, f) {
            return Err(Problem::whole(format!(
                "both {} and {} are folders for habit {position:03}; is this one export?",
                other.dir, f.dir
            ))
            .in_part(&f.name));
        }
    }

    let mut parsed = Parsed::default();
    let mut ticks: BTreeMap<(i64, NaiveDate), Option<f64>> = BTreeMap::new();
    // Shortened names given so far, and the Loop name each stands for,
    // both by name_key.
    let mut short_names: HashMap<String, String> = HashMap::new();
    let mut settled = Settled {
        here: HabitIndex::new(opts.habits),
        in_batch: HashMap::new(),
    };
    for lh in &habits {
        let folder = by_position.get(&lh.position).copied();
        let marks = match folder {
            Some(f) => read_marks(&f.checkmarks).map_err(|p| p.in_part(&f.name))?,
            None => Vec::new(),
        };
        let part = folder.map_or(files.habits_name.as_str(), |f| f.name.as_str());
        let (mut name, shortened) = shorten(&lh.name);
        if shortened {
            // Two Loop habits that differ only past the cut stay two.
            let full = name_key(&lh.name);
            let taken_by_other = |name: &str| {
                short_names
                    .get(&name_key(name))
                    .is_some_and(|other| *other != full)
            };
            let mut n = 1u32;
            while taken_by_other(&name) {
                n += 1;
                name = shorten_numbered(&lh.name, n);
            }
            short_names.insert(name_key(&name), full);
            parsed.notes.push(format!(
                "The Loop habit \"{}\" has a longer name than afterglow keeps (40 characters); \
                 it is called \"{name}\" here.",
                lh.name
            ));
        }
        let habit = settled.habit(lh, &name, &marks, opts, &mut parsed);

        for m in &marks {
            let at = |message: String| Problem::at(m.line, message).in_part(part);
            if !m.note.trim().is_empty() {
                // Loop's name, not the one it landed on here, so the
                // text depends on the file alone.
                add_note(&mut parsed, m, &name, opts).map_err(at)?;
            }
            let Some(loop_amount) = checked_in(lh.numerical, m.value).map_err(at)? else {
                continue;
            };
            let amount = match (&habit.kind, lh.numerical) {
                (HabitKind::YesNo, _) => None,
                (HabitKind::Quantity { .. }, true) => Some(loop_amount),
                (HabitKind::Quantity { target, .. }, false) => Some(*target),
            };
            if let Some(a) = amount {
                habit.check_amount(a).map_err(|e| {
                    at(format!(
                        "{e}; the Loop habit {:?} counts in {:?} and afterglow's {:?} in {:?}",
                        lh.name,
                        lh.unit,
                        habit.name,
                        habit.unit().unwrap_or("")
                    ))
                })?;
            }
            ticks.entry((habit.id.0, m.day)).or_insert(amount);
        }
    }
    parsed.batch.history.ticks = ticks
        .into_iter()
        .map(|((habit, day), amount)| Tick {
            habit: HabitId(habit),
            day,
            amount,
        })
        .collect();
    parsed.finish(opts.window);
    Ok(parsed)
}

/// The habits a Loop export's habits have landed on so far.
struct Settled<'h> {
    /// The habits already here.
    here: HabitIndex<'h>,
    /// The batch's habits, by name_key, to their place in the batch.
    in_batch: HashMap<String, usize>,
}

impl Settled<'_> {
    /// The habit a Loop habit lands on: one already here or earlier in
    /// this file with the same name, or a new one. Returns it with its
    /// batch id.
    fn habit<Tz: TimeZone>(
        &mut self,
        lh: &LoopHabit,
        name: &str,
        marks: &[Mark],
        opts: &Options<'_, Tz>,
        parsed: &mut Parsed,
    ) -> Habit {
        let key = name_key(name);
        if let Some(&i) = self.in_batch.get(&key) {
            return parsed.batch.history.habits[i].clone();
        }
        let id = HabitId(batch_id(parsed.batch.history.habits.len()));
        let habit = match self.here.find(name) {
            Some(existing) => Habit {
                id,
                ..existing.clone()
            },
            None => new_habit(lh, name, id, marks, opts, parsed),
        };
        self.in_batch.insert(key, parsed.batch.history.habits.len());
        parsed.batch.history.habits.push(habit.clone());
        habit
    }
}

/// A Loop habit that is not here yet, as afterglow keeps it.
fn new_habit<Tz: TimeZone>(
    lh: &LoopHabit,
    name: &str,
    id: HabitId,
    marks: &[Mark],
    opts: &Options<'_, Tz>,
    parsed: &mut Parsed,
) -> Habit {
    let kind = if lh.numerical {
        let target = match lh.target.filter(|t| validate_target(*t).is_ok()) {
            Some(t) => t,
            None => {
                parsed.notes.push(format!(
                    "The Loop habit \"{name}\" has no target afterglow can use; \
                         it counts toward 1 {} a day here.",
                    lh.unit
                ));
                1.0
            }
        };
        if lh.at_most {
            parsed.notes.push(format!(
                "The Loop habit \"{name}\" aims for at most {target} {} a day; \
                     afterglow counts toward a target instead, so its strength here \
                     grows with more. The amounts are kept as they were.",
                lh.unit
            ));
        }
        HabitKind::Quantity {
            unit: lh.unit.clone(),
            target,
        }
    } else {
        HabitKind::YesNo
    };
    Habit {
        id,
        name: name.to_string(),
        kind,
        role: HabitRole::Custom,
        archived: lh.archived,
        since: marks.iter().map(|m| m.day).min().unwrap_or(opts.today),
    }
}

/// A day's note, kept as a journal entry at noon of its day.
fn add_note<Tz: TimeZone>(
    parsed: &mut Parsed,
    m: &Mark,
    habit: &str,
    opts: &Options<'_, Tz>,
) -> Result<(), String> {
    let noon = m
        .day
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
    let at = local_instant(noon, &opts.zone)
        .ok_or_else(|| "that day is outside the range afterglow can handle".to_string())?;
    let body = format!(
        "{}\n\nNote on {habit} in Loop Habit Tracker.",
        m.note.trim()
    );
    check_entry(&body)?;
    parsed.batch.history.journal.push(JournalEntry {
        id: JournalId(batch_id(parsed.batch.history.journal.len())),
        written_at: at,
        updated_at: at,
        body,
        mood: None,
        session: None,
    });
    Ok(())
}

/// The amount Loop recorded, when the row is a real check-in.
fn checked_in(numerical: bool, value: Value) -> Result<Option<f64>, String> {
    if numerical {
        let thousandths = match value {
            Value::Word(Code::Skip | Code::No | Code::Unknown) => return Ok(None),
            Value::Word(Code::YesManual) => 2,
            Value::Word(Code::YesAuto) => 1,
            Value::Number(n) => n,
        };
        return Ok((thousandths > 0).then(|| thousandths as f64 / 1000.0));
    }
    match value {
        Value::Word(Code::YesManual) | Value::Number(2) => Ok(Some(1.0)),
        Value::Word(_) | Value::Number(-3 | -1 | 0 | 1 | 3) => Ok(None),
        Value::Number(n) => Err(format!(
            "{n} is not a value Loop writes for a yes/no habit; if this habit counts an \
             amount, export again from Loop 2 or newer, whose Habits.csv says so"
        )),
    }
}

/// Habit names are at most 40 characters here; a longer one keeps its
/// first 39 and an ellipsis, the same way every time.
fn shorten(name: &str) -> (String, bool) {
    let name = name.trim();
    if name.chars().count() <= 40 {
        return (name.to_string(), false);
    }
    (cut(name, "…"), true)
}

/// The `n`th long name of one export that is cut to the same characters
/// as another: its first characters, an ellipsis and `n`, in 40.
fn shorten_numbered(name: &str, n: u32) -> String {
    cut(name, &format!("… {n}"))
}

/// The first characters of `name` followed by `suffix`, in 40 characters.
fn cut(name: &str, suffix: &str) -> String {
    let keep = 40usize.saturating_sub(suffix.chars().count());
    let mut short: String = name
        .trim()
        .chars()
        .take(keep)
        .collect::<String>()
        .trim_end()
        .to_string();
    short.push_str(suffix);
    short
}

fn read_habits(files: &LoopFiles) -> Result<Vec<LoopHabit>, Problem> {
    let text = decode(&files.habits)?;
    refuse_open_quote(text)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_problem(text, &e))?.clone();
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |name: &str| names.iter().position(|n| n == name);
    let Some(name_col) = col("name") else {
        return Err(Problem::at(
            1,
            "this Habits.csv has no Name column; is it from Loop Habit Tracker?",
        ));
    };
    let (position_col, type_col) = (col("position"), col("type"));
    let (unit_col, target_type_col, target_col) =
        (col("unit"), col("target type"), col("target value"));
    let archived_col = col("archived?");

    let mut habits: Vec<LoopHabit> = Vec::new();
    let mut positions: HashSet<u32> = HashSet::new();
    let mut lines = Lines::new(text);
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_problem(text, &e))?;
        let line = lines.of(&record);
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let bad = |m: String| Problem::at(line, m);
        let position = match position_col {
            Some(_) => {
                let p = field(position_col);
                p.parse::<u32>()
                    .ok()
                    .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| bad(format!("could not read the position {p:?}")))?
            }
            None => u32::try_from(row + 1).unwrap_or(u32::MAX),
        };
        if !positions.insert(position) {
            return Err(bad(format!("another habit has the position {position:03}")));
        }
        let name = field(Some(name_col)).to_string();
        if name.is_empty() {
            return Err(bad("this habit has no name".into()));
        }
        let numerical = match field(type_col).to_ascii_uppercase().as_str() {
            "" | "YES_NO" => false,
            "NUMERICAL" => true,
            other => {
                return Err(bad(format!(
                    "the habit type {other:?} is not one afterglow knows (YES_NO or NUMERICAL)"
                )));
            }
        };
        let target = match field(target_col) {
            "" => None,
            t => Some(number(t).ok_or_else(|| bad(format!("could not read the target {t:?}")))?),
        };
        let archived = match field(archived_col).to_ascii_lowercase().as_str() {
            "" | "false" => false,
            "true" => true,
            other => {
                return Err(bad(format!(
                    "could not read Archived? {other:?}; Loop writes true or false"
                )));
            }
        };
        habits.push(LoopHabit {
            position,
            name,
            numerical,
            unit: field(unit_col).to_string(),
            target,
            at_most: field(target_type_col).eq_ignore_ascii_case("AT_MOST"),
            archived,
        });
    }
    Ok(habits)
}

/// A number as Loop writes it ("8.0"), or with a decimal comma.
fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let n: f64 = s.parse().or_else(|_| s.replace(',', ".").parse()).ok()?;
    n.is_finite().then_some(n)
}

fn read_marks(bytes: &[u8]) -> Result<Vec<Mark>, Problem> {
    let text = decode(bytes)?;
    refuse_open_quote(text)?;
    let mut lines = Lines::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut marks = Vec::new();
    let mut notes_col: Option<usize> = None;
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_problem(text, &e))?;
        let line = lines.of(&record);
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        if row == 0 && field(0).eq_ignore_ascii_case("date") {
            notes_col = record
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case("notes"));
            continue;
        }
        let day = read_day(field(0)).ok_or_else(|| {
            Problem::at(
                line,
                format!(
                    "could not read the date {:?}; Loop writes YYYY-MM-DD",
                    field(0)
                ),
            )
        })?;
        let raw = field(1);
        let value = match raw.to_ascii_uppercase().as_str() {
            "YES_MANUAL" => Value::Word(Code::YesManual),
            "YES_AUTO" => Value::Word(Code::YesAuto),
            "NO" => Value::Word(Code::No),
            "SKIP" => Value::Word(Code::Skip),
            "UNKNOWN" => Value::Word(Code::Unknown),
            _ => Value::Number(raw.parse().map_err(|_| {
                Problem::at(
                    line,
                    format!(
                        "could not read the value {raw:?}; Loop writes YES_MANUAL, YES_AUTO, \
                         NO, SKIP, UNKNOWN or a whole number"
                    ),
                )
            })?),
        };
        marks.push(Mark {
            line,
            day,
            value,
            note: notes_col.map_or("", field).to_string(),
        });
    }
    Ok(marks)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::importers::MoodMap;
    use crate::importers::testing::{fixture_path, options};
    use chrono::FixedOffset;
    use std::io::Write;

    fn fixture_dir() -> PathBuf {
        fixture_path("loop")
    }

    fn opts<'a>(habits: &'a [Habit], moods: &'a MoodMap) -> Options<'a, FixedOffset> {
        options(0, habits, moods)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The fixture folder zipped as Loop does: deflated, files at the top.
    fn zipped(dir: &Path, prefix: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                paths.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else {
                paths.push(p);
            }
        }
        paths.sort();
        for p in paths {
            let name = p.strip_prefix(dir).unwrap().to_str().unwrap().to_string();
            zip.start_file(format!("{prefix}{name}"), options).unwrap();
            zip.write_all(&fs::read(&p).unwrap()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_loop_export_becomes_habits_and_real_check_ins() {
        let existing = vec![Habit {
            id: HabitId(3),
            name: "Meditation".into(),
            kind: HabitKind::Quantity {
                unit: "min".into(),
                target: 10.0,
            },
            role: HabitRole::Meditation,
            archived: false,
            since: day(2025, 1, 1),
        }];
        let moods = MoodMap::default();
        let files = from_dir(&fixture_dir()).unwrap();
        let parsed = parse(&files, &opts(&existing, &moods)).unwrap();
        let b = &parsed.batch;
        let names: Vec<&str> = b.habits.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Meditation",
                "Read, before bed",
                "Run",
                "Old habit: flossing",
                "Coffee"
            ]
        );
        let get = |n: &str| b.habits.iter().find(|h| h.name == n).unwrap();
        // Meditation is the habit already here, ticked with its target.
        assert_eq!(get("Meditation").kind, existing[0].kind);
        let run = get("Run");
        assert_eq!(
            run.kind,
            HabitKind::Quantity {
                unit: "km".into(),
                target: 5.0
            }
        );
        assert_eq!(run.since, day(2025, 10, 30));
        assert!(get("Old habit: flossing").archived);
        let ticks_of = |n: &str| {
            let id = get(n).id;
            b.ticks
                .iter()
                .filter(|t| t.habit == id)
                .map(|t| (t.day, t.amount))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ticks_of("Meditation"),
            [
                (day(2025, 11, 1), Some(10.0)),
                (day(2025, 11, 3), Some(10.0))
            ]
        );
        assert_eq!(ticks_of("Read, before bed"), [(day(2025, 11, 2), None)]);
        assert_eq!(
            ticks_of("Run"),
            [
                (day(2025, 10, 30), Some(5.2)),
                (day(2025, 11, 1), Some(3.75))
            ]
        );
        // Loop 1's headerless codes: 2 was checked by hand, 1 implied.
        assert_eq!(ticks_of("Old habit: flossing"), [(day(2019, 5, 1), None)]);
        // The notes, oldest first, at noon.
        let bodies: Vec<&str> = b.journal.iter().map(|e| e.body.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "Slow, \"easy\" pace 🏃\n\nNote on Run in Loop Habit Tracker.",
                "Sat by the window, 10 min.\n\nNote on Meditation in Loop Habit Tracker."
            ]
        );
        assert_eq!(
            b.journal[0].written_at.to_rfc3339(),
            "2025-10-30T12:00:00+00:00"
        );
        assert!(
            parsed.notes.iter().any(|n| n.contains("at most")),
            "{:?}",
            parsed.notes
        );
    }

    #[test]
    fn the_zip_reads_like_the_folder() {
        let moods = MoodMap::default();
        let o = opts(&[], &moods);
        let from_folder = parse(&from_dir(&fixture_dir()).unwrap(), &o).unwrap();
        for prefix in ["", "Loop Habits CSV 2025-11-05/"] {
            let bytes = zipped(&fixture_dir(), prefix);
            let files = from_zip(&bytes).unwrap();
            assert_eq!(files.folders.len(), 4, "{prefix}");
            assert_eq!(parse(&files, &o).unwrap(), from_folder, "{prefix}");
        }
    }

    #[test]
    fn odd_zips_are_refused_plainly() {
        let err = from_zip(b"PK\x03\x04 not really").unwrap_err();
        assert!(err.message.contains("not a zip file"), "{}", err.message);

        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("notes.txt", options).unwrap();
        zip.write_all(b"hello").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(
            from_zip(&bytes)
                .unwrap_err()
                .message
                .contains("no Habits.csv")
        );

        // A file that unpacks to more than the cap is refused, by name,
        // without being unpacked whole.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("Habits.csv", options).unwrap();
        zip.write_all(b"Position,Name\n001,Walk\n").unwrap();
        zip.start_file("001 Walk/Checkmarks.csv", options).unwrap();
        let block = vec![b'0'; 1 << 20];
        for _ in 0..=(MAX_ZIP_ENTRY_BYTES >> 20) {
            zip.write_all(&block).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let err = from_zip(&bytes).unwrap_err();
        assert_eq!(err.part.as_deref(), Some("001 Walk/Checkmarks.csv"));
        assert!(
            err.message.contains("larger than afterglow reads"),
            "{}",
            err.message
        );
    }

    #[test]
    fn problems_name_the_file_inside_and_the_line() {
        let moods = MoodMap::default();
        let o = opts(&[], &moods);
        let files = |habits: &str, marks: &str| LoopFiles {
            habits_name: "Habits.csv".into(),
            habits: habits.as_bytes().to_vec(),
            folders: vec![LoopFolder {
                dir: "001 Walk".into(),
                name: "001 Walk/Checkmarks.csv".into(),
                checkmarks: marks.as_bytes().to_vec(),
            }],
        };
        let good = "Position,Name,Type\n001,Walk,YES_NO\n";
        let p = parse(
            &files(
                good,
                "Date,Value,Notes\n2025-11-01,YES_MANUAL,\n2025-11-02,MAYBE,\n",
            ),
            &o,
        )
        .unwrap_err();
        assert_eq!(
            (p.part.as_deref(), p.line),
            (Some("001 Walk/Checkmarks.csv"), Some(3))
        );
        assert!(p.message.contains("\"MAYBE\""), "{}", p.message);
        for far in ["-0001-11-01,2\n", "+12025-11-01,2\n"] {
            let p = parse(&files(good, far), &o).unwrap_err();
            assert_eq!(p.line, Some(1), "{far}");
            assert!(
                p.message.contains("could not read the date"),
                "{}",
                p.message
            );
        }
        let p = parse(&files(good, "2025-11-01,8500\n"), &o).unwrap_err();
        assert!(p.message.contains("8500 is not a value"), "{}", p.message);
        let p = parse(&files("Position,Name,Type\n001,Walk,QUIT\n", ""), &o).unwrap_err();
        assert_eq!((p.part.as_deref(), p.line), (Some("Habits.csv"), Some(2)));
        let p = parse(&files("Position,Title\n001,Walk\n", ""), &o).unwrap_err();
        assert!(p.message.contains("no Name column"), "{}", p.message);
        let p = parse(&files("Position,Name\n002,Walk\n", ""), &o).unwrap_err();
        assert!(
            p.message.contains("no habit at position 001"),
            "{}",
            p.message
        );
        // An hour habit cannot take 30 hours in a day.
        let hours =
            "Position,Name,Type,Unit,Target Type,Target Value\n001,Walk,NUMERICAL,h,AT_LEAST,1.0\n";
        let p = parse(&files(hours, "Date,Value,Notes\n2025-11-01,30000,\n"), &o).unwrap_err();
        assert_eq!(p.line, Some(2));
        assert!(p.message.contains("more than a day holds"), "{}", p.message);
    }

    /// Two Loop habits the person told apart must stay apart here, even
    /// when their names only differ past the 40 characters kept.
    #[test]
    fn long_names_alike_in_their_first_characters_stay_two_habits() {
        let moods = MoodMap::default();
        let o = opts(&[], &moods);
        let stem = "Stretch in the morning before any screens";
        let habits = format!("Position,Name\n001,{stem}: back\n002,{stem}: legs\n");
        let folder = |dir: &str, day: &str| LoopFolder {
            dir: dir.into(),
            name: format!("{dir}/Checkmarks.csv"),
            checkmarks: format!("{day},2\n").into_bytes(),
        };
        let files = LoopFiles {
            habits_name: "Habits.csv".into(),
            habits: habits.into_bytes(),
            folders: vec![
                folder("001 Stretch back", "2025-11-01"),
                folder("002 Stretch legs", "2025-11-02"),
            ],
        };
        let parsed = parse(&files, &o).unwrap();
        let b = &parsed.batch;
        assert_eq!(b.habits.len(), 2, "{:?}", b.habits);
        assert_ne!(
            b.habits[0].name.to_lowercase(),
            b.habits[1].name.to_lowercase()
        );
        assert!(b.habits.iter().all(|h| h.name.chars().count() <= 40));
        let mut days: Vec<(HabitId, NaiveDate)> =
            b.ticks.iter().map(|t| (t.habit, t.day)).collect();
        days.sort_by_key(|(_, d)| *d);
        assert_eq!(
            days,
            [
                (b.habits[0].id, day(2025, 11, 1)),
                (b.habits[1].id, day(2025, 11, 2))
            ]
        );
        // The same names every time, so a second import lands on them.
        assert_eq!(parse(&files, &o).unwrap(), parsed);
        assert_eq!(
            parsed
                .notes
                .iter()
                .filter(|n| n.contains("longer name"))
                .count(),
            2
        );
    }

    #[test]
    fn long_names_are_shortened_the_same_way_every_time() {
        let long = "A habit with a name far longer than forty characters, really";
        let (short, cut) = shorten(long);
        assert!(cut);
        assert_eq!(short.chars().count(), 40);
        assert_eq!(shorten(long).0, short);
        assert_eq!(shorten("  Walk "), ("Walk".to_string(), false));
    }
}
