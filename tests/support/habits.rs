//! The first-run habits as stored records, for tests that need habits with
//! ids without going through the store.
#![allow(dead_code)]

use afterglow::domain::habit::default_habits;
use afterglow::domain::{Habit, HabitId};
use chrono::NaiveDate;

/// Sleep, Exercise and Meditation with ids 1, 2, 3, counting from `since`.
pub fn defaults(since: NaiveDate) -> Vec<Habit> {
    default_habits()
        .into_iter()
        .zip(1..)
        .map(|((name, kind, role), id)| Habit {
            id: HabitId(id),
            name,
            kind,
            role,
            archived: false,
            since,
            schedule: Default::default(),
        })
        .collect()
}
