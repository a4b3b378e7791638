//! Habits: tick and untick a day, add, rename, archive and restore.

use chrono::NaiveDate;

use super::{Result, gone};
use crate::domain::value::{Amount, HabitName};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, Tick};
use crate::store::Db;

fn find(db: &Db, id: HabitId) -> Result<Habit> {
    db.habits(true)?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or_else(|| gone("habit", id.0))
}

/// Ticks `habit` on `day`, with an amount for a habit that counts one,
/// checked against what a day holds for that habit.
pub fn tick(db: &mut Db, habit: HabitId, day: NaiveDate, amount: Option<f64>) -> Result<Tick> {
    let amount = match amount {
        Some(a) => Some(Amount::for_habit(&find(db, habit)?, a)?.get()),
        None => None,
    };
    Ok(db.set_tick(habit, day, amount)?)
}

pub fn untick(db: &mut Db, habit: HabitId, day: NaiveDate) -> Result<()> {
    Ok(db.remove_tick(habit, day)?)
}

/// A habit of the person's own, counted from `since`.
pub fn add(db: &mut Db, name: &HabitName, kind: &HabitKind, since: NaiveDate) -> Result<Habit> {
    Ok(db.add_habit(name.as_str(), kind, HabitRole::Custom, since)?)
}

pub fn rename(db: &mut Db, habit: HabitId, name: &HabitName) -> Result<()> {
    Ok(db.rename_habit(habit, name.as_str())?)
}

/// Hides a habit from the day's list; its history is kept.
pub fn archive(db: &mut Db, habit: HabitId) -> Result<()> {
    Ok(db.set_archived(habit, true)?)
}

pub fn restore(db: &mut Db, habit: HabitId) -> Result<()> {
    Ok(db.set_archived(habit, false)?)
}
