//! Habits, their daily ticks, and the defaults of a first run.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::codec::{day, day_text, exists, habit_kind, habit_kind_columns, query_all};
use super::{Db, Result, StoreError};
use crate::domain::habit::{default_habits, validate_amount, validate_name, validate_target};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, Tick};

const COLUMNS: &str = "id, name, kind, unit, target, role, archived, since";
/// The meta key that remembers the defaults were created once.
const DEFAULTS_KEY: &str = "defaults_created_on";

type Raw = (
    i64,
    String,
    String,
    Option<String>,
    Option<f64>,
    String,
    bool,
    String,
);

fn read(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn convert((id, name, kind, unit, target, role, archived, since): Raw) -> Result<Habit> {
    Ok(Habit {
        id: HabitId(id),
        name,
        kind: habit_kind(&kind, unit, target)?,
        role: role.parse()?,
        archived,
        since: day(&since)?,
    })
}

type RawTick = (i64, String, Option<f64>);

fn read_tick(r: &Row<'_>) -> rusqlite::Result<RawTick> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

fn convert_tick((habit, d, amount): RawTick) -> Result<Tick> {
    Ok(Tick {
        habit: HabitId(habit),
        day: day(&d)?,
        amount,
    })
}

fn not_found(id: HabitId) -> StoreError {
    StoreError::NotFound {
        what: "habit",
        id: id.0,
    }
}

/// Case-insensitive for all scripts; SQLite's NOCASE folds ASCII only.
fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// The habit called `name`, ignoring case, other than `except`.
fn find_by_name(conn: &Connection, name: &str, except: Option<HabitId>) -> Result<Option<Habit>> {
    let sql = format!("SELECT {COLUMNS} FROM habits ORDER BY id");
    let all = query_all(conn, &sql, [], read, convert)?;
    Ok(all
        .into_iter()
        .find(|h| Some(h.id) != except && same_name(&h.name, name)))
}

fn insert(
    conn: &Connection,
    name: &str,
    kind: &HabitKind,
    role: HabitRole,
    since: NaiveDate,
) -> Result<Habit> {
    let name = validate_name(name)?;
    if let HabitKind::Quantity { target, .. } = kind {
        validate_target(*target)?;
    }
    if find_by_name(conn, &name, None)?.is_some() {
        return Err(StoreError::Duplicate(name));
    }
    let (kind_word, unit, target) = habit_kind_columns(kind);
    conn.execute(
        "INSERT INTO habits (name, kind, unit, target, role, archived, since, position)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6,
                 (SELECT COALESCE(MAX(position), -1) + 1 FROM habits))",
        params![
            name,
            kind_word,
            unit,
            target,
            role.as_str(),
            day_text(since)
        ],
    )?;
    Ok(Habit {
        id: HabitId(conn.last_insert_rowid()),
        name,
        kind: kind.clone(),
        role,
        archived: false,
        since,
    })
}

impl Db {
    /// Creates Sleep (quantity "h", target 7), Exercise ("min", 30) and
    /// Meditation ("min", 10) with `since = today`, once per database: the
    /// meta table remembers it, so deleting or archiving them later does not
    /// bring them back. A default whose name is already taken (the person
    /// made their own "Sleep" first) is skipped. Returns true when this call
    /// did the one-time setup.
    pub fn ensure_defaults(&mut self, today: NaiveDate) -> Result<bool> {
        let tx = self.write()?;
        let done: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [DEFAULTS_KEY],
                |r| r.get(0),
            )
            .optional()?;
        if done.is_some() {
            return Ok(false);
        }
        for (name, kind, role) in default_habits() {
            if find_by_name(&tx, &name, None)?.is_none() {
                insert(&tx, &name, &kind, role, today)?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![DEFAULTS_KEY, day_text(today)],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Ordered by position, then id.
    pub fn habits(&self, include_archived: bool) -> Result<Vec<Habit>> {
        let sql =
            format!("SELECT {COLUMNS} FROM habits WHERE archived = 0 OR ?1 ORDER BY position, id");
        query_all(&self.conn, &sql, [include_archived], read, convert)
    }

    /// Duplicate when the name is taken, ignoring case.
    pub fn add_habit(
        &mut self,
        name: &str,
        kind: &HabitKind,
        role: HabitRole,
        since: NaiveDate,
    ) -> Result<Habit> {
        let tx = self.write()?;
        let habit = insert(&tx, name, kind, role, since)?;
        tx.commit()?;
        Ok(habit)
    }

    /// Duplicate on a clash with another habit, ignoring case; changing only
    /// the case of a habit's own name is fine.
    pub fn rename_habit(&mut self, id: HabitId, name: &str) -> Result<()> {
        let name = validate_name(name)?;
        let tx = self.write()?;
        if !exists(&tx, "habits", id.0)? {
            return Err(not_found(id));
        }
        if find_by_name(&tx, &name, Some(id))?.is_some() {
            return Err(StoreError::Duplicate(name));
        }
        tx.execute(
            "UPDATE habits SET name = ?2 WHERE id = ?1",
            params![id.0, name],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_archived(&mut self, id: HabitId, archived: bool) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE habits SET archived = ?2 WHERE id = ?1",
            params![id.0, archived],
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Deletes a habit and, by the foreign key, all its ticks. Not in the
    /// written contract; archiving is the gentle default, this is for
    /// habits made by mistake.
    pub fn delete_habit(&mut self, id: HabitId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM habits WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Ignoring case and surrounding spaces; archived habits too.
    pub fn habit_by_name(&self, name: &str) -> Result<Option<Habit>> {
        find_by_name(&self.conn, name.trim(), None)
    }

    /// Upserts the tick of `habit` on `day`.
    pub fn set_tick(&mut self, habit: HabitId, day: NaiveDate, amount: Option<f64>) -> Result<()> {
        let amount = amount.map(validate_amount).transpose()?;
        let tx = self.write()?;
        if !exists(&tx, "habits", habit.0)? {
            return Err(not_found(habit));
        }
        tx.execute(
            "INSERT INTO ticks (habit_id, day, amount) VALUES (?1, ?2, ?3)
             ON CONFLICT (habit_id, day) DO UPDATE SET amount = excluded.amount",
            params![habit.0, day_text(day), amount],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removing a tick that is not there is not an error: the day ends up
    /// unticked either way.
    pub fn remove_tick(&mut self, habit: HabitId, day: NaiveDate) -> Result<()> {
        self.conn.execute(
            "DELETE FROM ticks WHERE habit_id = ?1 AND day = ?2",
            params![habit.0, day_text(day)],
        )?;
        Ok(())
    }

    /// Ticks of all habits from `from` to `to`, both included, by day.
    pub fn ticks_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Tick>> {
        query_all(
            &self.conn,
            "SELECT habit_id, day, amount FROM ticks
             WHERE day BETWEEN ?1 AND ?2 ORDER BY day, habit_id",
            [day_text(from), day_text(to)],
            read_tick,
            convert_tick,
        )
    }

    /// Ticks of one habit, by day.
    pub fn ticks_for(&self, habit: HabitId) -> Result<Vec<Tick>> {
        query_all(
            &self.conn,
            "SELECT habit_id, day, amount FROM ticks WHERE habit_id = ?1 ORDER BY day",
            [habit.0],
            read_tick,
            convert_tick,
        )
    }

    pub(super) fn all_ticks(&self) -> Result<Vec<Tick>> {
        query_all(
            &self.conn,
            "SELECT habit_id, day, amount FROM ticks ORDER BY day, habit_id",
            [],
            read_tick,
            convert_tick,
        )
    }
}
