//! The schedule of sessions and everything written around them.

mod answers;
mod checkins;
mod copy;
mod habits;
mod mood;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use self::copy::*;
use super::rng::Rng;
use super::*;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::{
    DomainError, HabitKind, HabitRole, Mood, SessionKind, SessionStatus, WindowConfig, time,
};

/// Makes up `years` of history ending at `now`, in the zone `tz`.
///
/// The newest done session is a day or two before `now`, so the dashboard
/// opens inside a live window, and the next booster is planned a few weeks
/// ahead. Everything else happened at or before `now`.
pub(super) fn made_up<Tz: TimeZone>(
    years: u32,
    seed: u64,
    now: DateTime<Utc>,
    tz: &Tz,
    answering: Option<&Questionnaire>,
) -> Result<Demo, DemoError> {
    if !(MIN_YEARS..=MAX_YEARS).contains(&years) {
        return Err(DemoError::Years(years));
    }
    let today = time::local_date(now, tz);
    let first_day = shift(today, -i64::from(years * 365 + years / 4))?;
    let mut g = Gen {
        rng: Rng::new(seed),
        tz,
        now,
        today,
        first_day,
    };
    let slots = g.schedule()?;
    let sessions = g.sessions(&slots)?;
    let intentions = g.intentions(&slots, &sessions)?;
    let therapy = g.therapy(&slots, &sessions)?;
    let curve = g.curve(&slots, &sessions, &therapy)?;
    let journal = g.journal(&slots, &sessions, &curve)?;
    let (habits, ticks) = g.habits(&slots)?;
    let checkins = g.checkins(&curve)?;
    // Last, so that the rest is the same with or without it.
    let results = match answering {
        Some(q) => g.answered(&curve, q)?,
        None => Vec::new(),
    };
    Ok(Demo {
        first_day,
        sessions,
        intentions,
        journal,
        therapy,
        habits,
        ticks,
        checkins,
        results,
    })
}

/// A calendar step of `n` days (negative goes back), checked.
fn shift(day: NaiveDate, n: i64) -> Result<NaiveDate, DomainError> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        day.checked_add_days(days)
    } else {
        day.checked_sub_days(days)
    }
    .ok_or(DomainError::OutOfRange)
}

/// One session in the schedule, before it gets a time of day.
#[derive(Debug, Clone, Copy)]
struct Slot {
    day: NaiveDate,
    /// Which induction course (0 for the first) it belongs to or follows.
    course: u32,
    /// 1-based place in an induction course; 0 for a booster.
    place: u32,
    planned: bool,
    /// How mood lifts after it (for a course: after its last session).
    relief: Relief,
}

/// The lift in mood after a course or a booster, before a therapy visit in
/// the window lengthens it (see `mood`).
#[derive(Debug, Clone, Copy)]
struct Relief {
    /// Days at the full lift after the last session.
    hold: i64,
    /// Days of drifting back to the baseline after that.
    fade: i64,
    /// The mood while it holds.
    high: f64,
}

impl Relief {
    /// The most days the lift can last, a therapy visit included.
    fn span(&self) -> i64 {
        self.hold + mood::LONGER_AT_MOST + self.fade
    }
}

struct Gen<'a, Tz: TimeZone> {
    rng: Rng,
    tz: &'a Tz,
    now: DateTime<Utc>,
    today: NaiveDate,
    first_day: NaiveDate,
}

impl<Tz: TimeZone> Gen<'_, Tz> {
    /// The instant of a local wall-clock time. In a daylight-saving gap the
    /// time does not exist; counting on from the start of the day lands just
    /// after it, which is what a clock on the wall would show.
    fn at(&self, day: NaiveDate, minute: i64) -> Result<DateTime<Utc>, DomainError> {
        let secs = u32::try_from(minute.clamp(0, 24 * 60 - 1) * 60).unwrap_or(0);
        let wall = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)
            .ok_or(DomainError::OutOfRange)?;
        match self.tz.from_local_datetime(&day.and_time(wall)).earliest() {
            Some(t) => Ok(t.with_timezone(&Utc)),
            None => {
                let start = time::start_of_day(day, self.tz).ok_or(DomainError::OutOfRange)?;
                time::add(start, time::minutes(minute)?)
            }
        }
    }

    /// A time of day between `from` and `to` o'clock, on a quarter hour.
    fn quarter(&mut self, from: i64, to: i64) -> i64 {
        self.rng.range(from * 4, to * 4) * 15
    }

    /// Three to eight weeks, mostly three or four: the spacing clinics
    /// usually settle on.
    fn booster_gap(&mut self) -> i64 {
        let r = self.rng.unit();
        if r < 0.7 {
            self.rng.range(21, 28)
        } else if r < 0.95 {
            self.rng.range(29, 42)
        } else {
            self.rng.range(43, 56)
        }
    }

    /// About a week of lift after a booster.
    fn booster_relief(&mut self) -> Relief {
        Relief {
            hold: self.rng.range(5, 6),
            fade: self.rng.range(2, 3),
            high: 5.8 + 1.2 * self.rng.unit(),
        }
    }

    /// Session days: induction courses, boosters, now and then a longer
    /// gap and a re-induction; then moved as a whole so that the newest
    /// session was a day or two ago, plus one booster planned ahead.
    fn schedule(&mut self) -> Result<Vec<Slot>, DomainError> {
        let limit = shift(self.today, -2)?;
        let mut slots: Vec<Slot> = Vec::new();
        let mut start = shift(self.first_day, self.rng.range(5, 14))?;
        let mut course = 0;
        'history: loop {
            let size = self.rng.range(6, 8);
            let mut days = vec![start];
            let mut day = start;
            for _ in 1..size {
                // Two or three a week, as an induction course goes; at most
                // seven gaps of three days, so the course fits in 21 days.
                day = shift(day, self.rng.range(2, 3))?;
                days.push(day);
            }
            if day > limit {
                break;
            }
            // An induction course lifts mood for three to six weeks.
            let relief = Relief {
                hold: self.rng.range(17, 33),
                fade: self.rng.range(6, 9),
                high: 6.0 + 1.5 * self.rng.unit(),
            };
            for (i, d) in (1..).zip(days) {
                slots.push(Slot {
                    day: d,
                    course,
                    place: i,
                    planned: false,
                    relief,
                });
            }
            // The first booster comes once the course's relief has worn
            // off (boosters follow returning symptoms, not a calendar).
            let mut gap = (relief.span() + self.rng.range(9, 16)).min(56);
            for _ in 0..self.rng.range(6, 14) {
                day = shift(day, gap)?;
                if day > limit {
                    break 'history;
                }
                let relief = self.booster_relief();
                slots.push(Slot {
                    day,
                    course,
                    place: 0,
                    planned: false,
                    relief,
                });
                // Never before this booster's lift has been gone a while.
                gap = self.booster_gap().max(relief.span() + 12);
            }
            start = shift(day, self.rng.range(35, 84))?;
            course += 1;
        }
        let Some(&last) = slots.last() else {
            return Ok(slots);
        };
        let target = shift(self.today, -self.rng.range(1, 2))?;
        let offset = time::days_between(last.day, target);
        for s in &mut slots {
            s.day = shift(s.day, offset)?;
        }
        let next = shift(target, self.booster_gap())?;
        let relief = self.booster_relief();
        slots.push(Slot {
            day: next,
            // The next booster of the course that is running, same route.
            course: last.course,
            place: 0,
            planned: true,
            relief,
        });
        Ok(slots)
    }

    fn sessions(&mut self, slots: &[Slot]) -> Result<Vec<Session>, DomainError> {
        // One person, one clinic: the route and dose stay put within a
        // course and change only between courses, as a prescriber would.
        let mut kind = SessionKind::Infusion;
        let mut base = self.rng.pick(&[30.0, 35.0, 40.0]);
        let mut course = 0;
        let mut out = Vec::with_capacity(slots.len());
        for slot in slots {
            if slot.course != course {
                course = slot.course;
                if self.rng.chance(0.35) {
                    kind = self
                        .rng
                        .pick(&[SessionKind::Infusion, SessionKind::Intramuscular]);
                }
                base = match kind {
                    SessionKind::Intramuscular => self.rng.pick(&[50.0, 60.0, 70.0]),
                    _ => self.rng.pick(&[30.0, 35.0, 40.0]),
                };
            }
            let minute = if slot.planned {
                10 * 60
            } else {
                self.quarter(9, 14)
            };
            let dose = if self.rng.chance(0.05) {
                None
            } else {
                Some(base + self.rng.pick(&[-5.0, 0.0, 0.0, 0.0, 5.0]))
            };
            let note = self.session_note(slot);
            out.push(Session {
                at: self.at(slot.day, minute)?,
                kind,
                dose_mg: dose,
                note,
                status: if slot.planned {
                    SessionStatus::Planned
                } else {
                    SessionStatus::Done
                },
            });
        }
        Ok(out)
    }

    fn session_note(&mut self, slot: &Slot) -> Option<String> {
        if slot.planned {
            return Some("Booster; same room as last time.".into());
        }
        if slot.place == 1 {
            let first = if slot.course == 0 {
                "First session of the course."
            } else {
                "First session of a new course, after a longer break."
            };
            return Some(format!("{first} {}", self.rng.pick(SESSION_NOTES)));
        }
        self.rng
            .chance(0.4)
            .then(|| self.rng.pick(SESSION_NOTES).to_string())
    }

    fn intentions(
        &mut self,
        slots: &[Slot],
        sessions: &[Session],
    ) -> Result<Vec<Intention>, DomainError> {
        let mut out = Vec::new();
        for (i, (slot, session)) in slots.iter().zip(sessions).enumerate() {
            if slot.planned || !self.rng.chance(0.85) {
                continue;
            }
            // The evening before, or early on the day itself.
            let set_at = if self.rng.chance(0.7) {
                let minute = self.quarter(19, 22);
                self.at(shift(slot.day, -1)?, minute)?
            } else {
                let minute = self.quarter(7, 8);
                self.at(slot.day, minute)?
            };
            let n = self.rng.range(0, INTENTIONS.len() as i64 - 1) as usize;
            let reflection = if self.rng.chance(0.88) {
                let minute = self.quarter(19, 22);
                let day = shift(slot.day, self.rng.range(1, 2))?;
                let at = self.at(day, minute)?;
                (at <= self.now && at > session.at).then(|| {
                    let text = if self.rng.chance(0.5) {
                        REFLECTIONS[n % REFLECTIONS.len()]
                    } else {
                        self.rng.pick(REFLECTIONS)
                    };
                    (text.to_string(), at)
                })
            } else {
                None
            };
            if set_at < session.at {
                out.push(Intention {
                    session: Some(i),
                    text: INTENTIONS[n].to_string(),
                    set_at,
                    reflection,
                });
            }
        }
        out.sort_by_key(|i| i.set_at);
        Ok(out)
    }

    /// A visit 24 to 72 hours after many sessions, in office hours.
    fn therapy(&mut self, slots: &[Slot], sessions: &[Session]) -> Result<Vec<Visit>, DomainError> {
        let mut out = Vec::new();
        let (min, max) = (time::hours(24)?, time::hours(72)?);
        for (slot, session) in slots.iter().zip(sessions) {
            let p = if slot.place > 0 { 0.5 } else { 0.65 };
            if slot.planned || !self.rng.chance(p) {
                continue;
            }
            let minute = self.quarter(10, 17);
            for after in self.rng.range(1, 2)..=3 {
                let at = self.at(shift(slot.day, after)?, minute)?;
                let since = at - session.at;
                if since >= min && since <= max {
                    if at <= self.now {
                        let note = self
                            .rng
                            .chance(0.75)
                            .then(|| self.rng.pick(THERAPY_NOTES).to_string());
                        out.push(Visit { at, note });
                    }
                    break;
                }
            }
        }
        Ok(out)
    }

    fn journal(
        &mut self,
        slots: &[Slot],
        sessions: &[Session],
        curve: &mood::Curve,
    ) -> Result<Vec<Entry>, DomainError> {
        let window = WindowConfig::default().extended_end();
        let done: Vec<(usize, DateTime<Utc>)> = sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status == SessionStatus::Done)
            .map(|(i, s)| (i, s.at))
            .collect();
        let days: Vec<NaiveDate> = slots.iter().map(|s| s.day).collect();
        let mut out = Vec::new();
        let mut governing = None;
        let mut next_done = 0;
        let mut day = self.first_day;
        while day <= self.today {
            let (since, until) = nearby(&days, day);
            let level = curve.level(day);
            let mut rate = 1.45;
            match since {
                Some(0..=2) => rate += 1.3,
                Some(3..=6) => rate += 0.5,
                _ => {}
            }
            if curve.quiet(day) {
                // Life happens: a few days with little or no writing.
                rate = 0.25;
            }
            let count = (0..4).filter(|_| self.rng.chance(rate / 4.0)).count();
            let mut minutes: Vec<i64> = (0..count).map(|_| self.entry_minute()).collect();
            minutes.sort_unstable();
            let mut said: Vec<&'static str> = Vec::new();
            for minute in minutes {
                let at = self.at(day, minute)?;
                if at > self.now {
                    break;
                }
                while let Some(&(i, s_at)) = done.get(next_done) {
                    if s_at > at {
                        break;
                    }
                    governing = Some((i, s_at));
                    next_done += 1;
                }
                let session = governing
                    .filter(|&(_, s_at)| time::add(s_at, window).is_ok_and(|closes| at < closes))
                    .map(|(i, _)| i);
                let value = level + self.rng.spread(1.0);
                let mood = if self.rng.chance(0.9) {
                    Mood::new(value.round().clamp(1.0, 10.0) as i64).ok()
                } else {
                    None
                };
                let context = Context {
                    after: matches!(since, Some(0..=2)) && session.is_some(),
                    before: matches!(until, Some(1)),
                    mood: value,
                };
                out.push(Entry {
                    written_at: at,
                    body: self.body(&context, &mut said),
                    mood,
                    session,
                });
            }
            day = shift(day, 1)?;
        }
        Ok(out)
    }

    /// Mostly mornings and evenings, some lunch breaks, a few late nights.
    fn entry_minute(&mut self) -> i64 {
        let r = self.rng.unit();
        let (from, to) = if r < 0.3 {
            (7 * 60, 9 * 60 + 30)
        } else if r < 0.45 {
            (12 * 60, 14 * 60)
        } else if r < 0.95 {
            (19 * 60 + 30, 23 * 60)
        } else {
            (23 * 60, 23 * 60 + 50)
        };
        self.rng.range(from, to)
    }

    /// `said` holds the first lines already written that day: nobody opens
    /// two entries of one evening with the same words.
    fn body(&mut self, c: &Context, said: &mut Vec<&'static str>) -> String {
        let bank = if c.after && said.is_empty() && self.rng.chance(0.7) {
            AFTER_SESSION
        } else if c.before && said.is_empty() && self.rng.chance(0.6) {
            BEFORE_SESSION
        } else if c.mood < 4.5 {
            OPENERS_LOW
        } else if c.mood < 6.5 {
            OPENERS_MID
        } else {
            OPENERS_HIGH
        };
        let mut first = self.rng.pick(bank);
        for _ in 0..4 {
            if !said.contains(&first) {
                break;
            }
            first = self.rng.pick(bank);
        }
        said.push(first);
        let mut body = first.to_string();
        let size = self.rng.range(0, 9);
        if size >= 3 {
            let paragraphs = if size >= 8 { self.rng.range(2, 3) } else { 1 };
            for p in 0..paragraphs {
                let mut sentences = Vec::new();
                for _ in 0..self.rng.range(1, 4) {
                    let bank = if self.rng.chance(0.35) || (c.after && p > 0) {
                        REFLECTIVE
                    } else {
                        DETAILS
                    };
                    let s = self.rng.pick(bank);
                    if !sentences.contains(&s) {
                        sentences.push(s);
                    }
                }
                // A title line on its own, or straight into the text.
                body.push_str(if p == 0 && self.rng.chance(0.5) {
                    " "
                } else {
                    "\n\n"
                });
                body.push_str(&sentences.join(" "));
            }
            if size == 9 {
                body.push_str("\n\nThree good things:");
                for _ in 0..3 {
                    body.push_str("\n- ");
                    body.push_str(self.rng.pick(GOOD_THINGS));
                }
            } else if self.rng.chance(0.4) {
                body.push_str("\n\n");
                body.push_str(self.rng.pick(CLOSERS));
            }
        } else if size >= 1 {
            body.push(' ');
            body.push_str(self.rng.pick(DETAILS));
        }
        if self.rng.chance(0.08) {
            body.push(' ');
            body.push_str(self.rng.pick(EMOJI));
        }
        body
    }
}

/// What an entry is written next to.
struct Context {
    /// Within two days after a session whose window it is in.
    after: bool,
    /// The day before a session.
    before: bool,
    /// The mood of the day, before rounding.
    mood: f64,
}

/// Days since the newest session on or before `day`, and days until the
/// next one on or after it. `days` is sorted.
fn nearby(days: &[NaiveDate], day: NaiveDate) -> (Option<i64>, Option<i64>) {
    let next = days.partition_point(|d| *d < day);
    let until = days.get(next).map(|d| time::days_between(day, *d));
    let last = days.partition_point(|d| *d <= day);
    let since = last
        .checked_sub(1)
        .and_then(|i| days.get(i))
        .map(|d| time::days_between(*d, day));
    (since, until)
}
