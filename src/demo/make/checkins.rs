//! Daily check-ins: most days, not all; mostly in the morning or the
//! evening; anxiety and energy now and then, a short note less often.

use chrono::{DateTime, Datelike, TimeZone, Utc, Weekday};

use super::copy::{CHECKIN_HIGH, CHECKIN_LOW, CHECKIN_MID};
use super::mood::Curve;
use super::{CheckIn, Gen, shift};
use crate::domain::checkin::Scale;
use crate::domain::{DomainError, Mood};

impl<Tz: TimeZone> Gen<'_, Tz> {
    pub(super) fn checkins(&mut self, curve: &Curve) -> Result<Vec<CheckIn>, DomainError> {
        let mut out = Vec::new();
        let mut day = self.first_day;
        while day <= self.today {
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let share = if curve.quiet(day) {
                0.25
            } else if weekend {
                0.74
            } else {
                0.84
            };
            if self.rng.chance(share) {
                let minute = self.checkin_minute();
                let at = self.at(day, minute)?;
                if at <= self.now {
                    let level = curve.level(day);
                    out.push(self.checkin(at, level)?);
                }
            }
            day = shift(day, 1)?;
        }
        Ok(out)
    }

    /// Over breakfast or in the evening, now and then at lunch.
    fn checkin_minute(&mut self) -> i64 {
        let r = self.rng.unit();
        let (from, to) = if r < 0.46 {
            (7 * 60, 9 * 60 + 30)
        } else if r < 0.93 {
            (19 * 60 + 30, 22 * 60 + 30)
        } else {
            (12 * 60, 14 * 60)
        };
        self.rng.range(from, to)
    }

    fn checkin(&mut self, at: DateTime<Utc>, level: f64) -> Result<CheckIn, DomainError> {
        let value = (level + self.rng.spread(1.0)).round().clamp(1.0, 10.0);
        let mood = Mood::new(value as i64)?;
        // Anxiety runs against mood, energy with it, each loosely.
        let anxiety = self
            .rng
            .chance(0.45)
            .then(|| self.scale(7.8 - 0.7 * level))
            .flatten();
        let energy = self
            .rng
            .chance(0.45)
            .then(|| self.scale(1.0 + 0.8 * level))
            .flatten();
        let note = self.rng.chance(0.22).then(|| {
            let bank = if level < 4.5 {
                CHECKIN_LOW
            } else if level < 6.0 {
                CHECKIN_MID
            } else {
                CHECKIN_HIGH
            };
            self.rng.pick(bank).to_string()
        });
        Ok(CheckIn {
            at,
            mood,
            anxiety,
            energy,
            note,
        })
    }

    fn scale(&mut self, around: f64) -> Option<Scale> {
        let v = (around + 1.2 * self.rng.wobble()).round().clamp(0.0, 10.0);
        Scale::new(v as i64).ok()
    }
}
