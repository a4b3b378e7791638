//! Daily check-ins and questionnaire results (migration 8), and the mood
//! readings the insights read: check-in moods and journal moods together.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{Table, instant, query_all, query_opt, secs, whole_seconds};
use super::{Db, Result, StoreError};
use crate::domain::DomainError;
use crate::domain::checkin::{CheckIn, CheckInId, Scale};
use crate::domain::insight::{MoodReading, Source};
use crate::domain::journal::Mood;
use crate::domain::questionnaire::{Answered, ResultId};

const CHECKINS: Table = Table {
    name: "checkins",
    what: "check-in",
};

const COLUMNS: &str = "id, at, mood, anxiety, energy, note";

fn convert(r: &Row<'_>) -> Result<CheckIn> {
    let scale = |v: Option<i64>| v.map(Scale::new).transpose();
    Ok(CheckIn {
        id: CheckInId(r.get(0)?),
        at: instant(r.get(1)?)?,
        mood: Mood::new(r.get(2)?)?,
        anxiety: scale(r.get(3)?)?,
        energy: scale(r.get(4)?)?,
        note: r.get(5)?,
    })
}

/// What a check-in says, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckIn<'a> {
    pub at: DateTime<Utc>,
    pub mood: Mood,
    pub anxiety: Option<Scale>,
    pub energy: Option<Scale>,
    pub note: Option<&'a str>,
}

impl NewCheckIn<'_> {
    fn with_id(&self, id: CheckInId, at: DateTime<Utc>) -> CheckIn {
        CheckIn {
            id,
            at,
            mood: self.mood,
            anxiety: self.anxiety,
            energy: self.energy,
            note: self.note.map(str::to_string),
        }
    }
}

fn scale(s: Option<Scale>) -> Option<i64> {
    s.map(|s| i64::from(s.get()))
}

/// Inserts a check-in; the caller owns the transaction, if any.
pub(super) fn insert(conn: &Connection, c: &NewCheckIn<'_>) -> Result<CheckIn> {
    let at = whole_seconds(c.at)?;
    conn.prepare_cached(
        "INSERT INTO checkins (at, mood, anxiety, energy, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        secs(at),
        i64::from(c.mood.get()),
        scale(c.anxiety),
        scale(c.energy),
        c.note
    ])?;
    Ok(c.with_id(CheckInId(conn.last_insert_rowid()), at))
}

/// Puts `c` in place of check-in `id`; the caller owns the transaction.
fn update(conn: &Connection, id: CheckInId, c: &NewCheckIn<'_>) -> Result<CheckIn> {
    let at = whole_seconds(c.at)?;
    CHECKINS.change(
        conn,
        id.0,
        "UPDATE checkins SET at = ?2, mood = ?3, anxiety = ?4, energy = ?5, note = ?6 \
         WHERE id = ?1",
        params![
            id.0,
            secs(at),
            i64::from(c.mood.get()),
            scale(c.anxiety),
            scale(c.energy),
            c.note
        ],
    )?;
    Ok(c.with_id(id, at))
}

/// What to do with the check-ins of a span, decided on the ones the write
/// transaction finds there (see [`Db::change_checkins_between`]).
#[derive(Debug, Clone, PartialEq)]
pub enum CheckInChange<'a> {
    /// Write nothing.
    Keep,
    Add(NewCheckIn<'a>),
    /// Puts the new values in place of this check-in, keeping its id.
    Replace(CheckInId, NewCheckIn<'a>),
}

/// What was answered to a questionnaire, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewResult<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub version: &'a str,
    pub at: DateTime<Utc>,
    pub answers: &'a [i64],
    pub total: i64,
    pub band: Option<&'a str>,
}

const RESULT_COLUMNS: &str = "id, key, name, version, at, answers, total, band";

fn convert_result(r: &Row<'_>) -> Result<Answered> {
    let answers: String = r.get(5)?;
    let answers: Vec<i64> = serde_json::from_str(&answers)
        .map_err(|_| DomainError::BadAnswers(answers.chars().take(40).collect()))?;
    Ok(Answered {
        id: ResultId(r.get(0)?),
        key: r.get(1)?,
        name: r.get(2)?,
        version: r.get(3)?,
        at: instant(r.get(4)?)?,
        answers,
        total: r.get(6)?,
        band: r.get(7)?,
    })
}

/// Inserts a result; the caller owns the transaction, if any.
pub(super) fn insert_result(conn: &Connection, n: &NewResult<'_>) -> Result<Answered> {
    let at = whole_seconds(n.at)?;
    let answers = format!(
        "[{}]",
        n.answers
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    conn.prepare_cached(
        "INSERT INTO questionnaire_results (key, name, version, at, answers, total, band) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        n.key,
        n.name,
        n.version,
        secs(at),
        answers,
        n.total,
        n.band
    ])?;
    Ok(Answered {
        id: ResultId(conn.last_insert_rowid()),
        key: n.key.to_string(),
        name: n.name.to_string(),
        version: n.version.to_string(),
        at,
        answers: n.answers.to_vec(),
        total: n.total,
        band: n.band.map(str::to_string),
    })
}

impl Db {
    pub fn add_checkin(&mut self, c: &NewCheckIn<'_>) -> Result<CheckIn> {
        insert(&self.conn, c)
    }

    /// Puts `c` in place of check-in `id`, keeping its id. NotFound if it
    /// is gone.
    pub fn replace_checkin(&mut self, id: CheckInId, c: &NewCheckIn<'_>) -> Result<CheckIn> {
        update(&self.conn, id, c)
    }

    /// Reads the check-ins at or after `from` and before `until`, and makes
    /// the change `decide` picks from them, in one write transaction: a
    /// check-in saved meanwhile by another process is seen before deciding.
    /// Answers with the check-in written, if any.
    pub fn change_checkins_between<'a, E: From<StoreError>>(
        &mut self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        decide: impl FnOnce(&[CheckIn]) -> std::result::Result<CheckInChange<'a>, E>,
    ) -> std::result::Result<Option<CheckIn>, E> {
        let tx = self.write()?;
        let sql =
            format!("SELECT {COLUMNS} FROM checkins WHERE at >= ?1 AND at < ?2 ORDER BY at, id");
        let found = query_all(&tx, &sql, params![secs(from), secs(until)], convert)?;
        let written = match decide(&found)? {
            CheckInChange::Keep => return Ok(None),
            CheckInChange::Add(c) => insert(&tx, &c)?,
            CheckInChange::Replace(id, c) => update(&tx, id, &c)?,
        };
        tx.commit().map_err(StoreError::from)?;
        Ok(Some(written))
    }

    /// Answers with the check-in as it was, read in the same transaction.
    pub fn delete_checkin(&mut self, id: CheckInId) -> Result<CheckIn> {
        let tx = self.write()?;
        let sql = format!("SELECT {COLUMNS} FROM checkins WHERE id = ?1");
        let gone =
            query_opt(&tx, &sql, [id.0], convert)?.ok_or_else(|| CHECKINS.not_found(id.0))?;
        CHECKINS.delete(&tx, id.0)?;
        tx.commit()?;
        Ok(gone)
    }

    /// Check-ins at or after `from` and before `until`, by time, then id.
    pub fn checkins_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<CheckIn>> {
        let sql =
            format!("SELECT {COLUMNS} FROM checkins WHERE at >= ?1 AND at < ?2 ORDER BY at, id");
        query_all(&self.conn, &sql, params![secs(from), secs(until)], convert)
    }

    /// The newest `n` check-ins, newest first: years of daily check-ins
    /// are not read to show a fortnight.
    pub fn newest_checkins(&self, n: usize) -> Result<Vec<CheckIn>> {
        let sql = format!("SELECT {COLUMNS} FROM checkins ORDER BY at DESC, id DESC LIMIT ?1");
        query_all(&self.conn, &sql, [super::codec::int(n)], convert)
    }

    /// Every check-in, by time, then id.
    pub fn checkins(&self) -> Result<Vec<CheckIn>> {
        let sql = format!("SELECT {COLUMNS} FROM checkins ORDER BY at, id");
        query_all(&self.conn, &sql, [], convert)
    }

    pub fn add_result(&mut self, n: &NewResult<'_>) -> Result<Answered> {
        insert_result(&self.conn, n)
    }

    /// Adds a result, and answers with it and the total of the latest
    /// earlier result of the same key (at or before its time), read in the
    /// same transaction, so that a rise is measured against what was
    /// there when it was written.
    pub fn add_result_after_previous(
        &mut self,
        n: &NewResult<'_>,
    ) -> Result<(Answered, Option<i64>)> {
        let at = whole_seconds(n.at)?;
        let tx = self.write()?;
        let previous = query_opt(
            &tx,
            "SELECT total FROM questionnaire_results WHERE key = ?1 AND at <= ?2 \
             ORDER BY at DESC, id DESC LIMIT 1",
            params![n.key, secs(at)],
            |r| Ok(r.get(0)?),
        )?;
        let added = insert_result(&tx, n)?;
        tx.commit()?;
        Ok((added, previous))
    }

    /// Every questionnaire result, by time, then id.
    pub fn questionnaire_results(&self) -> Result<Vec<Answered>> {
        let sql = format!("SELECT {RESULT_COLUMNS} FROM questionnaire_results ORDER BY at, id");
        query_all(&self.conn, &sql, [], convert_result)
    }

    /// Every mood: check-ins' and journal entries' (those with one),
    /// by time.
    pub fn mood_readings(&self) -> Result<Vec<MoodReading>> {
        fn reading(r: &Row<'_>) -> Result<MoodReading> {
            let mood: i64 = r.get(1)?;
            let source = if r.get::<_, i64>(2)? == 0 {
                Source::CheckIn
            } else {
                Source::Journal
            };
            Ok(MoodReading {
                at: instant(r.get(0)?)?,
                mood: Mood::new(mood)?.get(),
                source,
            })
        }
        query_all(
            &self.conn,
            "SELECT at, mood, 0 FROM checkins \
             UNION ALL SELECT written_at, mood, 1 FROM journal WHERE mood IS NOT NULL \
             ORDER BY 1",
            [],
            reading,
        )
    }
}
