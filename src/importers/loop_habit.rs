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

mod files;
mod rows;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, TimeZone};

use self::files::in_folder;
pub use self::files::{from_dir, from_zip};
use self::rows::{read_habits, read_marks};

use super::{
    HabitIndex, ImportError, Lines, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES, Options, Parsed,
    Problem, batch_id, check_entry, csv_problem, decode, local_instant, read_day, read_file,
    refuse_open_quote, too_large,
};
use crate::bounded::{self, BoundedError};
use crate::domain::habit::{name_key, validate_target};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, JournalEntry, JournalId, Tick};

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
        schedule: crate::domain::habit::Schedule::Daily,
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

#[cfg(test)]
mod tests;
