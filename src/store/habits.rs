//! Habits, their daily ticks, and the defaults of a first run.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::codec::{Table, day, day_text, habit_kind, habit_kind_columns, query_all};
use super::{Db, Result, StoreError};
use crate::domain::habit::Schedule;
use crate::domain::habit::{
    default_habits, name_key, same_name, validate_amount, validate_name, validate_target,
};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, Tick};

/// The widest days a tick range can ask for. Days are stored as ISO text,
/// and chrono's extreme dates carry signs that would sort wrongly, so a
/// read of "all ticks" is bounded by the widest four-digit years.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("a valid date"),
};

const HABITS: Table = Table {
    name: "habits",
    what: "habit",
};

const COLUMNS: &str = "id, name, kind, unit, target, role, archived, since, per_week";
const TICK_COLUMNS: &str = "habit_id, day, amount";
/// The meta key that remembers the defaults were created once.
const DEFAULTS_KEY: &str = "defaults_created_on";

fn convert(r: &Row<'_>) -> Result<Habit> {
    Ok(Habit {
        id: HabitId(r.get(0)?),
        name: r.get(1)?,
        kind: habit_kind(&r.get::<_, String>(2)?, r.get(3)?, r.get(4)?)?,
        role: r.get::<_, String>(5)?.parse()?,
        archived: r.get(6)?,
        since: day(&r.get::<_, String>(7)?)?,
        schedule: match r.get::<_, Option<i64>>(8)? {
            None => Schedule::Daily,
            Some(n) => Schedule::per_week(n)?,
        },
    })
}

/// What restoring an archived habit came to.
#[derive(Debug, Clone, PartialEq)]
pub enum HabitRestore {
    /// Back in the day's list, with its ticks.
    Restored,
    /// It was not archived; nothing changed.
    WasActive,
    /// An active habit goes by the same name (see [`name_key`]); nothing
    /// changed.
    NameTaken(Habit),
}

fn convert_tick(r: &Row<'_>) -> Result<Tick> {
    // Borrowed, not copied into a String: a year of ticks is read at every
    // start of the dashboard.
    let text = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
    Ok(Tick {
        habit: HabitId(r.get(0)?),
        day: day(text)?,
        amount: r.get(2)?,
    })
}

/// The habit called `name` by [`name_key`] (case, spaces around it,
/// invisible characters and look-alike forms do not count), other than
/// `except`. Of two stored before that rule that look alike, the older
/// (the lower id) is the one found.
pub(super) fn find_by_name(
    conn: &Connection,
    name: &str,
    except: Option<HabitId>,
) -> Result<Option<Habit>> {
    let sql = format!("SELECT {COLUMNS} FROM habits ORDER BY id");
    let all = query_all(conn, &sql, [], convert)?;
    Ok(all
        .into_iter()
        .find(|h| Some(h.id) != except && same_name(&h.name, name)))
}

/// Duplicate when another habit than `except` is called `name`, or
/// NameArchived when that habit is archived (so the person can bring it
/// back rather than start again without its history).
/// An active habit of that name is the clash named, where both are.
fn refuse_taken(conn: &Connection, name: &str, except: Option<HabitId>) -> Result<()> {
    let sql = format!("SELECT {COLUMNS} FROM habits ORDER BY archived, id");
    let clash = query_all(conn, &sql, [], convert)?
        .into_iter()
        .find(|h| Some(h.id) != except && same_name(&h.name, name));
    match clash {
        Some(h) if h.archived => Err(StoreError::NameArchived(h.name)),
        Some(_) => Err(StoreError::Duplicate(name.to_string())),
        None => Ok(()),
    }
}

/// The name as it is kept, once it and the target passed the domain's
/// rules.
fn validated(name: &str, kind: &HabitKind) -> Result<String> {
    let name = validate_name(name)?;
    if let HabitKind::Quantity { target, .. } = kind {
        validate_target(*target)?;
    }
    Ok(name)
}

/// Inserts `habit` (its id is not used: the new one is answered) after
/// every other. `archived` is for habits brought in as they were (an
/// export, a Loop file, the demo); a habit added here starts active.
pub(super) fn insert(conn: &Connection, habit: Habit) -> Result<Habit> {
    let name = validated(&habit.name, &habit.kind)?;
    refuse_taken(conn, &name, None)?;
    insert_at(conn, Habit { name, ..habit }, next_position(conn)?)
}

/// The position a new habit takes: after every other.
fn next_position(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM habits",
        [],
        |r| r.get(0),
    )?)
}

/// Inserts a habit whose name is checked and free.
fn insert_at(conn: &Connection, habit: Habit, position: i64) -> Result<Habit> {
    let (kind_word, unit, target) = habit_kind_columns(&habit.kind);
    conn.prepare_cached(
        "INSERT INTO habits (name, kind, unit, target, role, archived, since, position, per_week)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        habit.name,
        kind_word,
        unit,
        target,
        habit.role.as_str(),
        habit.archived,
        day_text(habit.since)?,
        position,
        habit.schedule.days_a_week(),
    ])?;
    Ok(Habit {
        id: HabitId(conn.last_insert_rowid()),
        ..habit
    })
}

/// A habit not yet stored, daily and active: what `insert` takes.
fn new_habit(name: &str, kind: &HabitKind, role: HabitRole, since: NaiveDate) -> Habit {
    Habit {
        id: HabitId(0),
        name: name.to_string(),
        kind: kind.clone(),
        role,
        archived: false,
        since,
        schedule: Schedule::Daily,
    }
}

/// Every habit here by [`name_key`], for many names looked up at once (an
/// import): read once, not once per name. Where two stored names look
/// alike, the older (the lower id) is kept, as [`find_by_name`] finds it.
pub(super) struct ByName {
    by_key: HashMap<String, Habit>,
    next_position: i64,
}

impl ByName {
    pub(super) fn load(conn: &Connection) -> Result<ByName> {
        let sql = format!("SELECT {COLUMNS} FROM habits ORDER BY id DESC");
        let by_key = query_all(conn, &sql, [], convert)?
            .into_iter()
            .map(|h| (name_key(&h.name), h))
            .collect();
        Ok(ByName {
            by_key,
            next_position: next_position(conn)?,
        })
    }

    pub(super) fn find(&self, name: &str) -> Option<&Habit> {
        self.by_key.get(&name_key(name))
    }

    /// Inserts a new habit as [`insert`] does, and remembers it.
    pub(super) fn add(&mut self, conn: &Connection, habit: &Habit) -> Result<Habit> {
        let name = validated(&habit.name, &habit.kind)?;
        if self.find(&name).is_some() {
            return Err(StoreError::Duplicate(name));
        }
        let habit = Habit {
            name,
            ..habit.clone()
        };
        let habit = insert_at(conn, habit, self.next_position)?;
        self.next_position += 1;
        self.remember(habit.clone());
        Ok(habit)
    }

    /// Keeps `habit` as the one its name finds (after its id changed).
    pub(super) fn remember(&mut self, habit: Habit) {
        self.by_key.insert(name_key(&habit.name), habit);
    }
}

/// Whether the meta table remembers that the defaults were created.
pub(super) fn defaults_done(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
        [DEFAULTS_KEY],
        |r| r.get(0),
    )?)
}

impl Db {
    /// Creates Sleep (quantity "h", target 7), Exercise ("min", 30) and
    /// Meditation ("min", 10) with `since = today`, once per database: the
    /// meta table remembers it, so deleting or archiving them later does not
    /// bring them back. A default whose name is already taken (the person
    /// made their own "Sleep" first) is skipped. Returns true when this call
    /// did the one-time setup. Once it is done, this only reads: no write
    /// lock, no commit.
    pub fn ensure_defaults(&mut self, today: NaiveDate) -> Result<bool> {
        // Every command calls this; after the first run it must only read,
        // so that a status line polled from tmux never takes the write lock.
        if defaults_done(&self.conn)? {
            return Ok(false);
        }
        let tx = self.write()?;
        // Again inside the write lock: another process may have created
        // them while we waited for it.
        if defaults_done(&tx)? {
            return Ok(false);
        }
        for (name, kind, role) in default_habits() {
            if find_by_name(&tx, &name, None)?.is_none() {
                insert(&tx, new_habit(&name, &kind, role, today))?;
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![DEFAULTS_KEY, day_text(today)?],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Ordered by position, then id.
    pub fn habits(&self, include_archived: bool) -> Result<Vec<Habit>> {
        let sql =
            format!("SELECT {COLUMNS} FROM habits WHERE archived = 0 OR ?1 ORDER BY position, id");
        query_all(&self.conn, &sql, [include_archived], convert)
    }

    /// A daily habit. Duplicate when the name is taken, ignoring case.
    pub fn add_habit(
        &mut self,
        name: &str,
        kind: &HabitKind,
        role: HabitRole,
        since: NaiveDate,
    ) -> Result<Habit> {
        self.add_habit_on(name, kind, role, Schedule::Daily, since)
    }

    /// [`Db::add_habit`] with a schedule.
    pub fn add_habit_on(
        &mut self,
        name: &str,
        kind: &HabitKind,
        role: HabitRole,
        schedule: Schedule,
        since: NaiveDate,
    ) -> Result<Habit> {
        let tx = self.write()?;
        let habit = insert(
            &tx,
            Habit {
                schedule,
                ..new_habit(name, kind, role, since)
            },
        )?;
        tx.commit()?;
        Ok(habit)
    }

    /// A new name and schedule together, as the dashboard's dialog gives
    /// them: Duplicate on a clash with another habit's name.
    pub fn edit_habit(&mut self, id: HabitId, name: &str, schedule: Schedule) -> Result<()> {
        let name = validate_name(name)?;
        let tx = self.write()?;
        HABITS.require(&tx, id.0)?;
        refuse_taken(&tx, &name, Some(id))?;
        tx.execute(
            "UPDATE habits SET name = ?2, per_week = ?3 WHERE id = ?1",
            params![id.0, name, schedule.days_a_week()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Daily, or some days a week; its ticks stay as they are.
    pub fn set_schedule(&mut self, id: HabitId, schedule: Schedule) -> Result<()> {
        HABITS.change(
            &self.conn,
            id.0,
            "UPDATE habits SET per_week = ?2 WHERE id = ?1",
            params![id.0, schedule.days_a_week()],
        )
    }

    /// Brings an archived habit back to the day's list, with every tick it
    /// had. Decided inside the write lock: a habit restored or renamed a
    /// moment ago by another process is seen.
    pub fn restore_habit(&mut self, id: HabitId) -> Result<HabitRestore> {
        let tx = self.write()?;
        let sql = format!("SELECT {COLUMNS} FROM habits ORDER BY id");
        let all = query_all(&tx, &sql, [], convert)?;
        let Some(habit) = all.iter().find(|h| h.id == id) else {
            return Err(StoreError::NotFound {
                what: HABITS.what,
                id: id.0,
            });
        };
        if !habit.archived {
            return Ok(HabitRestore::WasActive);
        }
        if let Some(other) = all
            .iter()
            .find(|h| h.id != id && !h.archived && same_name(&h.name, &habit.name))
        {
            return Ok(HabitRestore::NameTaken(other.clone()));
        }
        tx.execute("UPDATE habits SET archived = 0 WHERE id = ?1", [id.0])?;
        tx.commit()?;
        Ok(HabitRestore::Restored)
    }

    /// Duplicate on a clash with another habit, ignoring case; changing only
    /// the case of a habit's own name is fine.
    pub fn rename_habit(&mut self, id: HabitId, name: &str) -> Result<()> {
        let name = validate_name(name)?;
        let tx = self.write()?;
        HABITS.require(&tx, id.0)?;
        refuse_taken(&tx, &name, Some(id))?;
        tx.execute(
            "UPDATE habits SET name = ?2 WHERE id = ?1",
            params![id.0, name],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_archived(&mut self, id: HabitId, archived: bool) -> Result<()> {
        HABITS.change(
            &self.conn,
            id.0,
            "UPDATE habits SET archived = ?2 WHERE id = ?1",
            params![id.0, archived],
        )
    }

    /// Deletes a habit and, by the foreign key, all its ticks. Not in the
    /// written contract; archiving is the gentle default, this is for
    /// habits made by mistake.
    pub fn delete_habit(&mut self, id: HabitId) -> Result<()> {
        HABITS.delete(&self.conn, id.0)
    }

    /// Ignoring case and surrounding spaces; archived habits too.
    pub fn habit_by_name(&self, name: &str) -> Result<Option<Habit>> {
        find_by_name(&self.conn, name, None)
    }

    /// Upserts the tick of `habit` on `day`.
    /// Ticks `day`, or changes its amount; answers the tick as stored.
    pub fn set_tick(
        &mut self,
        habit: HabitId,
        day: NaiveDate,
        amount: Option<f64>,
    ) -> Result<Tick> {
        let amount = amount.map(validate_amount).transpose()?;
        let text = day_text(day)?;
        let tx = self.write()?;
        HABITS.require(&tx, habit.0)?;
        // The habit's own bounds (no more hours than a day holds) apply to
        // every way in, the dashboard and the command line alike.
        let sql = format!("SELECT {COLUMNS} FROM habits WHERE id = ?1");
        if let (Some(h), Some(a)) = (query_all(&tx, &sql, [habit.0], convert)?.first(), amount) {
            h.check_amount(a)?;
        }
        tx.execute(
            "INSERT INTO ticks (habit_id, day, amount) VALUES (?1, ?2, ?3)
             ON CONFLICT (habit_id, day) DO UPDATE SET amount = excluded.amount",
            params![habit.0, text, amount],
        )?;
        tx.commit()?;
        Ok(Tick { habit, day, amount })
    }

    /// Removing a tick that is not there is not an error: the day ends up
    /// unticked either way.
    pub fn remove_tick(&mut self, habit: HabitId, day: NaiveDate) -> Result<()> {
        // No tick can be on a day the store refuses to write.
        let Ok(text) = day_text(day) else {
            return Ok(());
        };
        self.conn.execute(
            "DELETE FROM ticks WHERE habit_id = ?1 AND day = ?2",
            params![habit.0, text],
        )?;
        Ok(())
    }

    /// Ticks of all habits from `from` to `to`, both included, by day.
    pub fn ticks_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Tick>> {
        // The dashboard reads this at every start. Habit by habit, each
        // range is one contiguous stretch of the (habit_id, day) primary
        // key; through the day index every row would cost a second lookup.
        // CROSS JOIN keeps SQLite's planner on that order; sorting a few
        // thousand rows here is cheaper than making SQLite sort them.
        let sql = "SELECT t.habit_id, t.day, t.amount FROM habits h CROSS JOIN ticks t
                   ON t.habit_id = h.id WHERE t.day BETWEEN ?1 AND ?2";
        let mut ticks = query_all(
            &self.conn,
            sql,
            [day_text(from)?, day_text(to)?],
            convert_tick,
        )?;
        ticks.sort_unstable_by_key(|t| (t.day, t.habit));
        Ok(ticks)
    }

    /// Ticks of one habit, by day.
    pub fn ticks_for(&self, habit: HabitId) -> Result<Vec<Tick>> {
        let sql = format!("SELECT {TICK_COLUMNS} FROM ticks WHERE habit_id = ?1 ORDER BY day");
        query_all(&self.conn, &sql, [habit.0], convert_tick)
    }

    pub(super) fn all_ticks(&self) -> Result<Vec<Tick>> {
        let sql = format!("SELECT {TICK_COLUMNS} FROM ticks ORDER BY day, habit_id");
        query_all(&self.conn, &sql, [], convert_tick)
    }
}
