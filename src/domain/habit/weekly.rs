//! Streaks and strength of a habit meant for some days of each week.
//!
//! Weeks are ISO weeks of local days, Monday to Sunday. A week is met when
//! at least `per_week` of its days are met, whichever days. The week that
//! holds today is still open: it counts once it is met, and while it can
//! still be met (enough days are left) it neither breaks a streak nor
//! lowers the strength (what it holds so far counts only where it raises
//! it). Only when it can no longer be met does it count as it stands.
//!
//! A first week cut short (the habit began on a Thursday, or counting
//! starts there: `anchor`) asks no more days than it holds from then on.
//! Ticks back-filled before the habit began count as met days, but never
//! make a week ask for more: so no tick ever lowers a streak or the
//! strength.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{Habit, HabitStats, Tick};
use crate::domain::time;

/// The week's Monday and Sunday (either may be `None` at chrono's ends).
fn week_of(day: NaiveDate) -> (NaiveDate, Option<NaiveDate>) {
    let back = u64::from(day.weekday().num_days_from_monday());
    let monday = time::days_before(day, back).unwrap_or(day);
    let sunday = (0..6).try_fold(monday, |d, _| time::next_day(d));
    (monday, sunday)
}

/// Days from `a` to `b`, both counted (0 when `b` is before `a`).
fn days_from_to(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from(time::days_between(a, b) + 1).unwrap_or(0)
}

/// `keep` is the daily factor of the score ([`super::stats`]); a week
/// weighs as its seven days do, so the half-life keeps its meaning.
pub(super) struct Span {
    /// The first day counted (back-filled ticks included).
    pub start: NaiveDate,
    /// The day the habit began, or the cut-off when later.
    pub anchor: NaiveDate,
    pub today: NaiveDate,
    pub cut: bool,
}

pub(super) fn count(
    habit: &Habit,
    by_day: &BTreeMap<NaiveDate, &Tick>,
    span: Span,
    keep: f64,
    per_week: u8,
) -> HabitStats {
    let Span {
        start,
        anchor,
        today,
        cut,
    } = span;
    let keep_week = keep.powi(7);
    let met_on = |d: &NaiveDate| habit.is_met(by_day.get(d).copied());
    let credit_on = |d: &NaiveDate| habit.credit(by_day.get(d).copied());
    let mut best = 0u32;
    let mut run = 0u32;
    let mut score = 0.0f64;
    let mut weeks = 0u32;
    // Whether the week that holds today is met, or still open.
    let mut open_now = false;
    let mut monday = week_of(start).0;
    while monday <= today {
        let (_, sunday) = week_of(monday);
        let sunday = sunday.unwrap_or(monday);
        let first = monday.max(start);
        let last = sunday.min(today);
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
        let asked = u32::from(per_week);
        let needed = if sunday < anchor {
            asked
        } else {
            asked.min(days_from_to(monday.max(anchor), sunday)).max(1)
        };
        let met = u32::try_from(days.iter().filter(|d| met_on(d)).count()).unwrap_or(u32::MAX);
        let credit = (days.iter().map(credit_on).sum::<f64>() / f64::from(needed)).min(1.0);
        weeks += 1;
        let finished = sunday < today;
        let left = if finished {
            0
        } else {
            days_from_to(today, sunday) - u32::from(met_on(&today))
        };
        if met >= needed {
            run += 1;
            best = best.max(run);
            score = score * keep_week + (1.0 - keep_week);
        } else if met + left >= needed {
            // This week can still be met: it breaks no streak, and counts
            // towards the strength only where it raises it, so that no
            // tick ever lowers the score.
            open_now = true;
            score = score.max(score * keep_week + credit * (1.0 - keep_week));
        } else {
            run = 0;
            score = score * keep_week + credit * (1.0 - keep_week);
        }
        match (0..7).try_fold(monday, |d, _| time::next_day(d)) {
            Some(next) => monday = next,
            None => break,
        }
    }
    HabitStats {
        current_streak: run,
        best_streak: best,
        strength: (score * 100.0).clamp(0.0, 100.0),
        cut_off: cut,
        open_ended: cut && run + u32::from(open_now) == weeks,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{day, ticks, yes_no};
    use super::super::{Schedule, stats};
    use super::*;

    fn thrice() -> Habit {
        Habit {
            name: "Swim".into(),
            schedule: Schedule::PerWeek(3),
            ..yes_no()
        }
    }

    #[test]
    fn weekly_streak_table() {
        // (ticked days, today, current, best); weeks start on the 1st,
        // 8th, 15th, 22nd and 29th.
        let cases: &[(&[u32], u32, u32, u32)] = &[
            // Nothing yet, and the week can still be met.
            (&[], 3, 0, 0),
            // Met this week already: it counts.
            (&[1, 2, 3], 3, 1, 1),
            // Two met weeks, the third still open on its Monday.
            (&[1, 3, 5, 8, 9, 10], 15, 2, 2),
            // The third open with two to go and days enough.
            (&[1, 3, 5, 8, 9, 10, 15], 19, 2, 2),
            // ...but on Sunday with one day done it can no longer be met.
            (&[1, 3, 5, 8, 9, 10, 15], 21, 0, 2),
            // A week with two days breaks the run; two met weeks after it.
            (&[1, 2, 3, 8, 9, 15, 16, 17, 22, 26, 28], 28, 2, 2),
            // Any days of the week will do, weekends too.
            (&[5, 6, 7, 12, 13, 14], 14, 2, 2),
        ];
        for (days, today, current, best) in cases {
            let s = stats(&thrice(), &ticks(days), day(*today), 14.0);
            assert_eq!(
                (s.current_streak, s.best_streak),
                (*current, *best),
                "{days:?} on {today}"
            );
        }
    }

    #[test]
    fn a_week_cut_short_at_the_start_asks_no_more_days_than_it_holds() {
        // Began on Saturday the 6th: two days left in that week.
        let habit = Habit {
            since: day(6),
            ..thrice()
        };
        let s = stats(&habit, &ticks(&[6, 7]), day(7), 14.0);
        assert_eq!(s.current_streak, 1);
    }

    #[test]
    fn an_open_week_leaves_the_strength_as_last_week_left_it() {
        let t = ticks(&[1, 3, 5]);
        let sunday = stats(&thrice(), &t, day(7), 14.0).strength;
        let monday = stats(&thrice(), &t, day(8), 14.0).strength;
        assert!(sunday > 0.0);
        assert_eq!(sunday, monday);
    }

    #[test]
    fn a_week_met_as_asked_counts_as_seven_days_of_a_daily_habit() {
        let daily = Habit {
            schedule: Schedule::Daily,
            ..thrice()
        };
        let every: Vec<u32> = (1..=28).collect();
        let full = stats(&daily, &ticks(&every), day(28), 14.0);
        let weekly = stats(
            &thrice(),
            &ticks(&[1, 2, 3, 10, 12, 14, 15, 16, 21, 26, 27, 28]),
            day(28),
            14.0,
        );
        assert_eq!(weekly.current_streak, 4);
        assert!((weekly.strength - full.strength).abs() < 1e-9);
    }
}
