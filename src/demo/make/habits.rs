//! The made-up person's habits and the days they kept them.

use super::*;
use crate::domain::habit::Schedule;

impl<Tz: TimeZone> Gen<'_, Tz> {
    pub(super) fn habits(
        &mut self,
        slots: &[Slot],
    ) -> Result<(Vec<Habit>, Vec<Tick>), DomainError> {
        let total = time::days_between(self.first_day, self.today).max(1);
        let frac = |f: f64| (total as f64 * f) as i64;
        let mut habits = Vec::with_capacity(HABITS.len());
        let mut ends = Vec::with_capacity(HABITS.len());
        for h in HABITS {
            let since = shift(self.first_day, frac(h.starts))?;
            let until = h
                .stops
                .map(|f| shift(self.first_day, frac(f)))
                .transpose()?;
            habits.push(Habit {
                name: h.name.to_string(),
                kind: match h.unit {
                    None => HabitKind::YesNo,
                    Some((unit, target)) => HabitKind::Quantity {
                        unit: unit.to_string(),
                        target,
                    },
                },
                role: h.role,
                since,
                archived: until.is_some(),
                schedule: h.schedule,
            });
            ends.push(until.unwrap_or(self.today));
        }
        let days: Vec<NaiveDate> = slots.iter().map(|s| s.day).collect();
        let mut lapse = vec![0i64; HABITS.len()];
        let mut away = 0;
        let mut ticks = Vec::new();
        let morning_done = self.now >= self.at(self.today, 9 * 60)?;
        let mut day = self.first_day;
        while day <= self.today {
            let (since, until) = nearby(&days, day);
            if away > 0 {
                away -= 1;
            } else if self.rng.chance(1.0 / 180.0) {
                // Travel, a cold, a hard week: everything slips for a while.
                away = self.rng.range(3, 9);
            }
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            for (i, (spec, habit)) in HABITS.iter().zip(&habits).enumerate() {
                if lapse[i] > 0 {
                    lapse[i] -= 1;
                    continue;
                }
                if self.rng.chance(1.0 / 150.0) {
                    lapse[i] = self.rng.range(4, 14);
                    continue;
                }
                if day < habit.since || day > ends[i] {
                    continue;
                }
                // Today only last night's sleep is in, once the morning is.
                if day == self.today && !(habit.role == HabitRole::Sleep && morning_done) {
                    continue;
                }
                let mut p = spec.rate;
                if matches!(since, Some(0..=14)) {
                    p *= 1.12;
                }
                if away > 0 {
                    p *= if habit.role == HabitRole::Sleep {
                        0.8
                    } else {
                        0.3
                    };
                }
                if weekend && habit.role == HabitRole::Exercise {
                    p += 0.1;
                }
                if !self.rng.chance(p.min(0.98)) {
                    continue;
                }
                let amount = match spec.amounts {
                    Amounts::None => None,
                    Amounts::Sleep => {
                        let mut h = 7.1 + 0.7 * self.rng.wobble();
                        if matches!(since, Some(0..=3)) {
                            h += 0.4;
                        }
                        if matches!(until, Some(0..=1)) {
                            h -= 0.5;
                        }
                        Some(((h * 2.0).round() / 2.0).clamp(4.0, 10.0))
                    }
                    Amounts::Pick(values) => Some(self.rng.pick(values)),
                };
                ticks.push(Tick {
                    habit: i,
                    day,
                    amount,
                });
            }
            day = shift(day, 1)?;
        }
        Ok((habits, ticks))
    }
}

enum Amounts {
    None,
    Sleep,
    Pick(&'static [f64]),
}

struct HabitSpec {
    name: &'static str,
    unit: Option<(&'static str, f64)>,
    role: HabitRole,
    /// How likely a day is ticked, outside lapses.
    rate: f64,
    /// Where in the history the habit starts, and stops (archived).
    starts: f64,
    stops: Option<f64>,
    amounts: Amounts,
    schedule: Schedule,
}

/// The first three are the defaults of a first run (`default_habits`).
const HABITS: &[HabitSpec] = &[
    HabitSpec {
        name: "Sleep",
        unit: Some(("h", 7.0)),
        role: HabitRole::Sleep,
        rate: 0.95,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Sleep,
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Exercise",
        unit: Some(("min", 30.0)),
        role: HabitRole::Exercise,
        rate: 0.6,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Pick(&[15.0, 20.0, 25.0, 30.0, 30.0, 35.0, 40.0, 45.0, 60.0]),
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Meditation",
        unit: Some(("min", 10.0)),
        role: HabitRole::Meditation,
        rate: 0.7,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Pick(&[5.0, 10.0, 10.0, 10.0, 12.0, 15.0, 20.0]),
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Walk outside",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.8,
        starts: 0.0,
        stops: None,
        amounts: Amounts::None,
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Water",
        unit: Some(("glasses", 8.0)),
        role: HabitRole::Custom,
        rate: 0.8,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Pick(&[5.0, 6.0, 7.0, 8.0, 8.0, 8.0, 9.0, 10.0]),
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Reading",
        unit: Some(("min", 20.0)),
        role: HabitRole::Custom,
        rate: 0.66,
        starts: 0.04,
        stops: None,
        amounts: Amounts::Pick(&[10.0, 15.0, 20.0, 20.0, 25.0, 30.0, 45.0]),
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Gratitude note",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.7,
        starts: 0.08,
        stops: None,
        amounts: Amounts::None,
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Stretch",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.62,
        starts: 0.15,
        stops: None,
        amounts: Amounts::None,
        // A weekly habit: about four days a week, asked three.
        schedule: Schedule::PerWeek(3),
    },
    HabitSpec {
        name: "Morning light",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.6,
        starts: 0.0,
        stops: None,
        amounts: Amounts::None,
        schedule: Schedule::Daily,
    },
    HabitSpec {
        name: "Cold shower",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.5,
        starts: 0.3,
        stops: Some(0.34),
        amounts: Amounts::None,
        schedule: Schedule::Daily,
    },
];
