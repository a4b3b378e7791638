//! Habits.csv and each habit's Checkmarks.csv, row by row, in every
//! layout Loop has written them.

use super::*;

pub(super) fn read_habits(files: &LoopFiles) -> Result<Vec<LoopHabit>, Problem> {
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

pub(super) fn read_marks(bytes: &[u8]) -> Result<Vec<Mark>, Problem> {
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
