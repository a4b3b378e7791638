//! The made-up person's mood underneath what they write: one curve, day by
//! day, that check-ins and journal moods are both drawn around, so that the
//! two sources tell the same story.
//!
//! It follows what the articles describe: a low baseline before the first
//! course; a lift during a course that holds for three to six weeks after
//! it and then drifts back; about a week of lift after a booster; a few
//! days more when the window held a therapy visit.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{Gen, Relief, Slot, Visit, shift};
use crate::demo::Session;
use crate::domain::{DomainError, time};

/// A new course's baseline is in place this many days before its first
/// session: the 14 days its baseline is measured on, and two more.
const SETTLES_BEFORE: i64 = 16;

/// How far below the course's baseline mood settles once a lift is gone.
const SETTLES_LOWER: f64 = 0.25;

/// The most days a therapy visit in the window adds to a lift.
pub(super) const LONGER_AT_MOST: i64 = 4;

/// Mood by local day, from the history's first day to today.
pub(super) struct Curve {
    first_day: NaiveDate,
    levels: Vec<f64>,
    /// Days when life gets in the way: little writing, few check-ins.
    quiet: Vec<bool>,
}

impl Curve {
    fn index(&self, day: NaiveDate) -> Option<usize> {
        usize::try_from(time::days_between(self.first_day, day)).ok()
    }

    /// The mood of `day` before the noise of any one rating.
    pub(super) fn level(&self, day: NaiveDate) -> f64 {
        self.index(day)
            .and_then(|i| self.levels.get(i).or(self.levels.last()))
            .copied()
            .unwrap_or(4.0)
    }

    pub(super) fn quiet(&self, day: NaiveDate) -> bool {
        self.index(day)
            .and_then(|i| self.quiet.get(i))
            .copied()
            .unwrap_or(false)
    }
}

/// A course or a booster: the days of its sessions and the lift after.
struct Run {
    first: NaiveDate,
    last: NaiveDate,
    relief: Relief,
    /// Days added to the hold: a therapy visit in the last session's window.
    longer: i64,
}

impl<Tz: TimeZone> Gen<'_, Tz> {
    pub(super) fn curve(
        &mut self,
        slots: &[Slot],
        sessions: &[Session],
        visits: &[Visit],
    ) -> Result<Curve, DomainError> {
        let days = time::days_between(self.first_day, self.today).max(0) + 1;
        let n = usize::try_from(days).unwrap_or(0);

        // A baseline of about three and a half, a little different before
        // each course. Between treatments mood settles a little below it:
        // boosters follow returning symptoms, and each return is a return
        // to where the course began.
        let person = 3.3 + 0.6 * self.rng.unit();
        let mut eras: Vec<(NaiveDate, NaiveDate, f64)> = Vec::new();
        for s in slots.iter().filter(|s| s.place == 1 && !s.planned) {
            let from = shift(s.day, -SETTLES_BEFORE)?;
            eras.push((from, s.day, person + 0.4 * self.rng.unit() - 0.2));
        }
        let mut resting = Vec::with_capacity(n);
        let mut era = 0;
        let (mut base, mut began) = eras.first().map_or((person, self.today), |e| (e.2, e.1));
        let mut day = self.first_day;
        for _ in 0..n {
            while let Some(&(from, first, b)) = eras.get(era) {
                if from > day {
                    break;
                }
                (base, began) = (b, first);
                era += 1;
            }
            resting.push(if day >= began {
                base - SETTLES_LOWER
            } else {
                base
            });
            day = shift(day, 1)?;
        }

        let mut lift = vec![0.0_f64; n];
        for run in self.runs(slots, sessions, visits)? {
            let start = time::days_between(self.first_day, run.first);
            let Ok(start) = usize::try_from(start) else {
                continue;
            };
            let Some(&base) = resting.get(start) else {
                continue;
            };
            let full = run.relief.high - base;
            let sessions = time::days_between(run.first, run.last);
            let hold = run.relief.hold + run.longer;
            let fade = run.relief.fade;
            for t in 0..=sessions + hold + fade {
                let share = if t <= sessions {
                    // Building over the first few days of a course; half a
                    // day's worth on the day of a lone session.
                    if sessions == 0 {
                        0.5
                    } else {
                        ((t + 1) as f64 / 4.0).min(1.0)
                    }
                } else if t - sessions <= hold {
                    1.0
                } else {
                    (sessions + hold + fade + 1 - t) as f64 / (fade + 1) as f64
                };
                let i = start.saturating_add(usize::try_from(t).unwrap_or(0));
                if let Some(l) = lift.get_mut(i) {
                    *l = l.max(full * share);
                }
            }
        }

        let mut quiet = Vec::with_capacity(n);
        let mut left = 0;
        for _ in 0..n {
            if left > 0 {
                left -= 1;
                quiet.push(true);
            } else {
                if self.rng.chance(1.0 / 70.0) {
                    left = self.rng.range(2, 6);
                }
                quiet.push(false);
            }
        }
        Ok(Curve {
            first_day: self.first_day,
            levels: resting.iter().zip(&lift).map(|(r, l)| r + l).collect(),
            quiet,
        })
    }

    /// Done sessions as courses and boosters, each with whether its last
    /// session's window held a therapy visit.
    fn runs(
        &mut self,
        slots: &[Slot],
        sessions: &[Session],
        visits: &[Visit],
    ) -> Result<Vec<Run>, DomainError> {
        let visited = |at: DateTime<Utc>| -> Result<bool, DomainError> {
            let until = time::add(at, time::hours(72)?)?;
            Ok(visits.iter().any(|v| v.at > at && v.at <= until))
        };
        let mut runs: Vec<Run> = Vec::new();
        for (slot, session) in slots.iter().zip(sessions) {
            if slot.planned {
                continue;
            }
            let joins = slot.place > 1 && runs.last().is_some_and(|r| r.first < slot.day);
            let longer = match (visited(session.at)?, slot.place) {
                (false, _) => 0,
                // A few days for a booster, up to four after a course.
                (true, 0) => self.rng.range(2, 3),
                (true, _) => self.rng.range(2, LONGER_AT_MOST),
            };
            match runs.last_mut() {
                Some(run) if joins => {
                    run.last = slot.day;
                    run.longer = longer;
                }
                _ => runs.push(Run {
                    first: slot.day,
                    last: slot.day,
                    relief: slot.relief,
                    longer,
                }),
            }
        }
        Ok(runs)
    }
}
