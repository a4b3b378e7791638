//! Habits: tick and untick a day, add, rename, archive and restore.

use chrono::NaiveDate;

use super::{Result, gone};
use crate::domain::value::{Amount, HabitName};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, Removed, Tick};
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

/// Hides a habit from the day's list; its history is kept. Answers with
/// the habit as it was, which `undo::put_back` shows again.
pub fn archive(db: &mut Db, habit: HabitId) -> Result<Removed> {
    let h = find(db, habit)?;
    db.set_archived(habit, true)?;
    Ok(Removed::Habit(h))
}

pub fn restore(db: &mut Db, habit: HabitId) -> Result<()> {
    Ok(db.set_archived(habit, false)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_checked_against_what_a_day_holds_for_the_habit() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut db = Db::open_in_memory().unwrap();
        db.ensure_defaults(day).unwrap();
        let sleep = db.habit_by_name("Sleep").unwrap().unwrap();
        let err = tick(&mut db, sleep.id, day, Some(25.0)).unwrap_err();
        assert!(err.to_string().contains("more than a day holds"), "{err}");
        assert!(db.ticks_for(sleep.id).unwrap().is_empty());
        assert_eq!(
            tick(&mut db, sleep.id, day, Some(8.0)).unwrap().amount,
            Some(8.0)
        );
        untick(&mut db, sleep.id, day).unwrap();
        assert!(db.ticks_for(sleep.id).unwrap().is_empty());

        let walk = add(
            &mut db,
            &HabitName::new(" Walk ").unwrap(),
            &HabitKind::YesNo,
            day,
        )
        .unwrap();
        assert_eq!(walk.name, "Walk");
        archive(&mut db, walk.id).unwrap();
        assert!(db.habits(false).unwrap().iter().all(|h| h.id != walk.id));
        restore(&mut db, walk.id).unwrap();
        assert!(db.habits(false).unwrap().iter().any(|h| h.id == walk.id));
        rename(&mut db, walk.id, &HabitName::new("Long walk").unwrap()).unwrap();
        assert!(db.habit_by_name("long walk").unwrap().is_some());
    }
}
