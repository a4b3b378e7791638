//! Turning domain values into SQL values and back, and the rules every
//! table keyed by `id` shares.
//!
//! Storage rules: instants are INTEGER unix seconds (UTC), days are TEXT
//! 'YYYY-MM-DD', kinds, roles and statuses are their lowercase words. Rows
//! are converted by functions that return the store's own `Result`, not
//! inside rusqlite's row mapping, so that a stored value the domain rejects
//! surfaces as `StoreError::Domain` instead of being buried inside a
//! `rusqlite::Error`.

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{Type, ValueRef};
use rusqlite::{Connection, Params, Row};

use super::{Result, StoreError};
use crate::domain::time::keepable_day;
use crate::domain::{DomainError, HabitKind, Mood};

/// Sub-second parts are dropped: nothing in afterglow needs them, and whole
/// seconds keep the file readable with plain `sqlite3`.
pub(super) fn secs(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

pub(super) fn instant(secs: i64) -> Result<DateTime<Utc>> {
    Ok(DateTime::from_timestamp(secs, 0).ok_or(DomainError::OutOfRange)?)
}

pub(super) fn opt_instant(secs: Option<i64>) -> Result<Option<DateTime<Utc>>> {
    secs.map(instant).transpose()
}

/// Drops the sub-second part exactly as a round trip through the file would,
/// so values handed back by writes equal the ones later read.
pub(super) fn whole_seconds(at: DateTime<Utc>) -> Result<DateTime<Utc>> {
    instant(secs(at))
}

/// A day as it is stored. Every day written goes through here, so a day
/// that [`day`] could not read back (see `time::keepable_day`) is refused
/// before it reaches the file.
pub(super) fn day_text(day: NaiveDate) -> Result<String> {
    Ok(keepable_day(day)?.format("%Y-%m-%d").to_string())
}

/// Days are stored as `YYYY-MM-DD` (the schema checks `date(day) IS day`).
/// Years of habit ticks are read at start-up, and chrono's format-string
/// parser costs several times this fixed-width one.
pub(super) fn day(text: &str) -> Result<NaiveDate> {
    let bad = || -> StoreError {
        DomainError::BadDay {
            input: text.to_string(),
        }
        .into()
    };
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(bad)
}

pub(super) fn mood(value: Option<i64>) -> Result<Option<Mood>> {
    Ok(value.map(Mood::new).transpose()?)
}

pub(super) fn mood_value(mood: Option<Mood>) -> Option<i64> {
    mood.map(i64::from)
}

/// (kind, unit, target) columns of a habit.
pub(super) fn habit_kind_columns(kind: &HabitKind) -> (&'static str, Option<&str>, Option<f64>) {
    match kind {
        HabitKind::YesNo => ("yes-no", None, None),
        HabitKind::Quantity { unit, target } => ("quantity", Some(unit), Some(*target)),
    }
}

pub(super) fn habit_kind(
    kind: &str,
    unit: Option<String>,
    target: Option<f64>,
) -> Result<HabitKind> {
    match (kind, unit, target) {
        ("yes-no", _, _) => Ok(HabitKind::YesNo),
        ("quantity", Some(unit), Some(target)) => Ok(HabitKind::Quantity { unit, target }),
        (other, _, _) => Err(DomainError::UnknownKind(other.to_string()).into()),
    }
}

/// usize counts and limits as SQL integers; nothing we store comes near
/// `i64::MAX`, so saturating is only a guard against absurd arguments.
pub(super) fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Runs a query and converts each row with `convert`. A row that does not
/// convert is a [`BadRow`] naming its table, its id and the column; while
/// [`skipping_bad_rows`] runs on this thread it is set aside instead, and
/// the query goes on with the next row.
pub(super) fn query_all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    convert: fn(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut all = Vec::new();
    while let Some(row) = rows.next()? {
        match convert(row) {
            Ok(value) => all.push(value),
            Err(e) => {
                let bad = BadRow::of(sql, row, e);
                if let Some(bad) = SKIPPED.with_borrow_mut(|skipped| match skipped {
                    Some(list) => {
                        list.push(bad);
                        None
                    }
                    None => Some(bad),
                }) {
                    return Err(StoreError::BadRow(Box::new(bad)));
                }
            }
        }
    }
    Ok(all)
}

/// Like [`query_all`] for at most one row.
pub(super) fn query_opt<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    convert: fn(&Row<'_>) -> Result<T>,
) -> Result<Option<T>> {
    Ok(query_all(conn, sql, params, convert)?.into_iter().next())
}

/// A table whose rows are found by an INTEGER `id`, and what a person calls
/// one of its rows, for "there is no session with id 7".
pub(super) struct Table {
    /// A fixed name from our code, never input: it is pasted into SQL.
    pub(super) name: &'static str,
    pub(super) what: &'static str,
}

impl Table {
    pub(super) fn not_found(&self, id: i64) -> StoreError {
        StoreError::NotFound {
            what: self.what,
            id,
        }
    }

    /// NotFound unless the row exists. Checked before writes that refer to
    /// it, so that the answer names the missing thing instead of being a
    /// bare foreign key failure or a silent no-op.
    pub(super) fn require(&self, conn: &Connection, id: i64) -> Result<()> {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", self.name);
        if conn.query_row(&sql, [id], |r| r.get(0))? {
            Ok(())
        } else {
            Err(self.not_found(id))
        }
    }

    /// Runs an UPDATE or DELETE aimed at the row `id`. A statement that
    /// changed nothing means the row is gone (deleted from another
    /// terminal, say), and saying so beats reporting a success.
    pub(super) fn change(
        &self,
        conn: &Connection,
        id: i64,
        sql: &str,
        params: impl Params,
    ) -> Result<()> {
        if conn.execute(sql, params)? == 0 {
            return Err(self.not_found(id));
        }
        Ok(())
    }

    pub(super) fn delete(&self, conn: &Connection, id: i64) -> Result<()> {
        let sql = format!("DELETE FROM {} WHERE id = ?1", self.name);
        self.change(conn, id, &sql, [id])
    }
}

thread_local! {
    /// The rows set aside by [`query_all`] inside [`skipping_bad_rows`].
    /// A flag for one call rather than a parameter of every read: the
    /// export reads through the very functions everything else uses, so
    /// its rows and their order cannot drift from theirs.
    static SKIPPED: RefCell<Option<Vec<BadRow>>> = const { RefCell::new(None) };
}

/// Runs `read` with rows that cannot be read set aside instead of failing
/// it, and answers them with its result.
pub(super) fn skipping_bad_rows<T>(read: impl FnOnce() -> Result<T>) -> Result<(T, Vec<BadRow>)> {
    let outer = SKIPPED.replace(Some(Vec::new()));
    let result = read();
    let skipped = SKIPPED.replace(outer).unwrap_or_default();
    result.map(|value| (value, skipped))
}

/// A stored row that cannot be read (a value another program wrote, a
/// damaged page that still passed the checks), named for a person: what
/// the row is, which one, the column when it is known, and what is wrong
/// with it. SQLite's and rusqlite's own words ("Conversion error from type
/// Text at index: 3") are never shown.
#[derive(Debug)]
pub struct BadRow {
    /// What a person calls such a row: "journal entry".
    pub what: &'static str,
    /// Which one: "3", or "of habit 2 on 2026-01-01" for a tick.
    pub key: String,
    /// The row's id, when it has one and it could be read.
    pub id: Option<i64>,
    /// The column at fault, when the error names one.
    pub column: Option<String>,
    pub problem: String,
    cause: StoreError,
}

impl BadRow {
    /// "journal entry 3".
    pub fn name(&self) -> String {
        format!("{} {}", self.what, self.key)
    }

    /// "its body is not readable text (it is not UTF-8)".
    pub fn why(&self) -> String {
        match &self.column {
            Some(column) => format!("its {column} {}", self.problem),
            None => self.problem.clone(),
        }
    }

    /// What went wrong underneath, for code that tells errors apart.
    pub fn cause(&self) -> &StoreError {
        &self.cause
    }

    fn of(sql: &str, row: &Row<'_>, cause: StoreError) -> BadRow {
        let table = table_of(sql);
        let what = match table {
            "sessions" => "session",
            "intentions" => "intention",
            "journal" => "journal entry",
            "habits" => "habit",
            "ticks" => "habit tick",
            "therapy" => "therapy visit",
            "treatment" => "treatment change",
            "drafts" => "unsaved draft",
            "checkins" => "check-in",
            "questionnaire_results" => "questionnaire result",
            _ => "record",
        };
        let stmt = row.as_ref();
        let index = |name: &str| stmt.column_index(name).ok();
        let raw = |i: usize| row.get_ref(i).map(shown).unwrap_or_default();
        let id = index("id").and_then(|i| row.get::<_, i64>(i).ok());
        let key = match (id, index("habit_id"), index("day")) {
            (Some(id), _, _) => id.to_string(),
            (None, Some(h), Some(d)) => {
                let plain = |i: usize| raw(i).trim_matches('"').to_string();
                format!("of habit {} on {}", plain(h), plain(d))
            }
            _ if stmt.column_count() > 0 => {
                format!("({} {})", stmt.column_name(0).unwrap_or("?"), raw(0))
            }
            _ => String::new(),
        };
        let column_of = |i: usize| stmt.column_name(i).ok().map(str::to_string);
        let (column, problem) = match &cause {
            StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(i, _, inner))
                if inner.is::<std::str::Utf8Error>() =>
            {
                (
                    column_of(*i),
                    "is not readable text (it is not UTF-8)".to_string(),
                )
            }
            StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(i, _, _)) => (
                column_of(*i),
                format!("holds {}, which cannot be read", raw(*i)),
            ),
            // The tables are STRICT, so only a file whose schema was
            // changed by hand gets here.
            StoreError::Sqlite(rusqlite::Error::InvalidColumnType(i, name, found)) => {
                let found = match found {
                    Type::Null => "nothing".to_string(),
                    Type::Integer | Type::Real => format!("the number {}", raw(*i)),
                    Type::Text => format!("the text {}", raw(*i)),
                    Type::Blob => "binary data".to_string(),
                };
                (
                    Some(name.clone()),
                    format!("holds {found}, which does not belong there"),
                )
            }
            StoreError::Sqlite(rusqlite::Error::IntegralValueOutOfRange(i, n)) => {
                (column_of(*i), format!("holds {n}, which is out of range"))
            }
            other => (None, other.to_string()),
        };
        BadRow {
            what,
            key,
            id,
            column,
            problem,
            cause,
        }
    }
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} cannot be read: {}", self.name(), self.why())
    }
}

/// The table a query of ours reads from: the one after FROM, or, when the
/// first column is taken from an alias (`t.habit_id … FROM habits h CROSS
/// JOIN ticks t`), the table of that alias.
fn table_of(sql: &str) -> &str {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let Some(from) = words.iter().position(|w| w.eq_ignore_ascii_case("FROM")) else {
        return "";
    };
    let alias = words
        .get(1)
        .and_then(|first| first.split_once('.'))
        .map(|(alias, _)| alias);
    let tables = &words[from + 1..];
    alias
        .and_then(|a| tables.windows(2).find(|w| w[1] == a).map(|w| w[0]))
        .or_else(|| tables.first().copied())
        .unwrap_or("")
}

/// A stored value as it would be typed: numbers as they are, text quoted
/// (lossily, when it is not UTF-8).
fn shown(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "nothing".into(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("{} bytes of binary data", b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_named_by_the_table_its_rows_come_from() {
        assert_eq!(
            table_of("SELECT id, body FROM journal ORDER BY id"),
            "journal"
        );
        assert_eq!(
            table_of(
                "SELECT t.habit_id, t.day, t.amount FROM habits h CROSS JOIN ticks t
                 ON t.habit_id = h.id WHERE t.day BETWEEN ?1 AND ?2"
            ),
            "ticks"
        );
        assert_eq!(table_of("SELECT 1"), "");
    }

    #[test]
    fn a_row_that_does_not_convert_is_named_and_set_aside_only_when_asked() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE ticks (habit_id INTEGER, day TEXT, amount REAL);
             INSERT INTO ticks VALUES (1, '2026-01-01', 1), (2, '2026-02-30', 1),
                                      (3, CAST(X'FF' AS TEXT), 1), (4, '2026-01-02', 1);",
        )
        .unwrap();
        let sql = "SELECT habit_id, day FROM ticks ORDER BY habit_id";
        let convert = |r: &Row<'_>| -> Result<NaiveDate> { day(&r.get::<_, String>(1)?) };
        let err = query_all(&conn, sql, [], convert).unwrap_err();
        assert_eq!(
            err.to_string(),
            "habit tick of habit 2 on 2026-02-30 cannot be read: could not read \"2026-02-30\" \
             as a day; use YYYY-MM-DD, today, yesterday or a weekday (mon: the last one before \
             today)"
        );
        let StoreError::BadRow(bad) = &err else {
            panic!("{err:?}")
        };
        assert!(matches!(
            bad.cause(),
            StoreError::Domain(DomainError::BadDay { .. })
        ));
        let (days, skipped) = skipping_bad_rows(|| query_all(&conn, sql, [], convert)).unwrap();
        assert_eq!(days.len(), 2);
        let said: Vec<String> = skipped.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(
            said[1],
            "habit tick of habit 3 on \u{fffd} cannot be read: its day is not readable text \
             (it is not UTF-8)"
        );
        // Outside the call, a bad row fails the query again.
        assert!(query_all(&conn, sql, [], convert).is_err());
    }

    #[test]
    fn days_read_back_exactly_as_written() {
        for (y, m, d) in [
            (1, 1, 1),
            (1970, 1, 1),
            (2024, 2, 29),
            (2026, 11, 23),
            (9999, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(day(&day_text(date).unwrap()).unwrap(), date);
        }
    }

    /// Written, these would read back as errors, and every list of ticks
    /// holding one would fail.
    #[test]
    fn days_outside_the_years_0000_to_9999_are_not_written() {
        for (y, m, d, text) in [(-1, 12, 31, "-0001-12-31"), (10000, 1, 1, "+10000-01-01")] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert!(day(text).is_err(), "{text} would not read back");
            let err = day_text(date).unwrap_err();
            assert!(
                matches!(err, StoreError::Domain(DomainError::DayOutOfRange(d)) if d == date),
                "{err}"
            );
            let err = err.to_string();
            assert!(err.contains(text) && err.contains("0000 to 9999"), "{err}");
        }
        for (y, m, d) in [(0, 1, 1), (9999, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(day(&day_text(date).unwrap()).unwrap(), date);
        }
    }

    #[test]
    fn malformed_days_are_refused_by_name() {
        for text in [
            "",
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "2026-01-1",
            "2026/01/01",
            "+2026-01-01",
            "2026-01-01 ",
            "２０２６-01-01",
            "abcd-ef-gh",
        ] {
            let err = day(text).unwrap_err().to_string();
            assert!(err.contains(text), "{text:?}: {err}");
        }
    }
}
