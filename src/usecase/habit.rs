//! Habits: tick and untick a day, add, rename, schedule, archive and
//! restore.

use chrono::NaiveDate;

use super::{Result, gone};
use crate::domain::habit::Schedule;
use crate::domain::value::{Amount, HabitName};
use crate::domain::{Habit, HabitId, HabitKind, HabitRole, Removed, Tick};
use crate::store::{Db, HabitRestore};

/// What ticking came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Ticked {
    Done(Tick),
    /// The habit is archived: nothing was ticked (restore it first).
    Archived(Habit),
}

fn find(db: &Db, id: HabitId) -> Result<Habit> {
    db.habits(true)?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or_else(|| gone("habit", id.0))
}

/// Ticks `habit` on `day`, with an amount for a habit that counts one,
/// checked against what a day holds for that habit. An archived habit is
/// left as it is: a tick there would go on unseen.
pub fn tick(db: &mut Db, habit: HabitId, day: NaiveDate, amount: Option<f64>) -> Result<Ticked> {
    let found = find(db, habit)?;
    if found.archived {
        return Ok(Ticked::Archived(found));
    }
    let amount = match amount {
        Some(a) => Some(Amount::for_habit(&found, a)?.get()),
        None => None,
    };
    Ok(Ticked::Done(db.set_tick(habit, day, amount)?))
}

pub fn untick(db: &mut Db, habit: HabitId, day: NaiveDate) -> Result<()> {
    Ok(db.remove_tick(habit, day)?)
}

/// A habit of the person's own, counted from `since`.
pub fn add(
    db: &mut Db,
    name: &HabitName,
    kind: &HabitKind,
    schedule: Schedule,
    since: NaiveDate,
) -> Result<Habit> {
    Ok(db.add_habit_on(name.as_str(), kind, HabitRole::Custom, schedule, since)?)
}

/// A new name and schedule at once (the dashboard's dialog).
pub fn edit(db: &mut Db, habit: HabitId, name: &HabitName, schedule: Schedule) -> Result<()> {
    Ok(db.edit_habit(habit, name.as_str(), schedule)?)
}

/// Daily, or some days a week. Its ticks stay; only how its streak and
/// strength are counted changes.
pub fn schedule(db: &mut Db, habit: HabitId, schedule: Schedule) -> Result<()> {
    Ok(db.set_schedule(habit, schedule)?)
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

/// Brings an archived habit back with all its ticks, unless an active
/// habit already goes by its name (then nothing changes, and the outcome
/// names that habit).
pub fn restore(db: &mut Db, habit: HabitId) -> Result<HabitRestore> {
    Ok(db.restore_habit(habit)?)
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
        assert!(matches!(
            tick(&mut db, sleep.id, day, Some(8.0)).unwrap(),
            Ticked::Done(Tick {
                amount: Some(8.0),
                ..
            })
        ));
        untick(&mut db, sleep.id, day).unwrap();
        assert!(db.ticks_for(sleep.id).unwrap().is_empty());

        let walk = add(
            &mut db,
            &HabitName::new(" Walk ").unwrap(),
            &HabitKind::YesNo,
            Schedule::Daily,
            day,
        )
        .unwrap();
        assert_eq!(walk.name, "Walk");
        tick(&mut db, walk.id, day, None).unwrap();
        archive(&mut db, walk.id).unwrap();
        assert!(db.habits(false).unwrap().iter().all(|h| h.id != walk.id));
        // Archived, it is not ticked.
        let other = day.pred_opt().unwrap();
        assert!(matches!(
            tick(&mut db, walk.id, other, None).unwrap(),
            Ticked::Archived(_)
        ));
        assert_eq!(db.ticks_for(walk.id).unwrap().len(), 1);
        assert_eq!(restore(&mut db, walk.id).unwrap(), HabitRestore::Restored);
        assert!(db.habits(false).unwrap().iter().any(|h| h.id == walk.id));
        // Its old tick came back with it.
        assert_eq!(db.ticks_for(walk.id).unwrap().len(), 1);
        assert_eq!(restore(&mut db, walk.id).unwrap(), HabitRestore::WasActive);
        rename(&mut db, walk.id, &HabitName::new("Long walk").unwrap()).unwrap();
        assert!(db.habit_by_name("long walk").unwrap().is_some());
        schedule(&mut db, walk.id, Schedule::PerWeek(3)).unwrap();
        let kept = db.habit_by_name("long walk").unwrap().unwrap();
        assert_eq!(kept.schedule, Schedule::PerWeek(3));
        schedule(&mut db, walk.id, Schedule::Daily).unwrap();
        let kept = db.habit_by_name("long walk").unwrap().unwrap();
        assert_eq!(kept.schedule, Schedule::Daily);
    }
}
