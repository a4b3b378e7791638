//! Turning domain values into SQL values and back, and the rules every
//! table keyed by `id` shares.
//!
//! Storage rules: instants are INTEGER unix seconds (UTC), days are TEXT
//! 'YYYY-MM-DD', kinds, roles and statuses are their lowercase words. Rows
//! are converted by functions that return the store's own `Result`, not
//! inside rusqlite's row mapping, so that a stored value the domain rejects
//! surfaces as `StoreError::Domain` instead of being buried inside a
//! `rusqlite::Error`.

use chrono::{DateTime, NaiveDate, Utc};
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

/// Runs a query and converts each row with `convert`.
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
        all.push(convert(row)?);
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

#[cfg(test)]
mod tests {
    use super::*;

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
