//! A realistic, seeded demo history (see `afterglow demo`).
//!
//! Pure like the domain: the clock and the zone come in as parameters and
//! the randomness from a seed, so the same arguments always give the same
//! history and tests can pin every one of them. Writing it is the store's
//! job (`Db::insert_demo`).
//!
//! The shape follows how ketamine therapy usually goes: an induction course
//! of 6-8 sessions over two to three weeks, then boosters every three to
//! eight weeks, now and then a re-induction after a longer gap. Around the
//! sessions: an intention the day before, a reflection a day or two after,
//! a therapy visit a day or two after many of them, a journal that is
//! busier and lighter in the days after a session, and daily habits kept
//! imperfectly, with missed days and lapses of a week or two.
//!
//! The copy is written calmly, like the rest of afterglow, and nothing in it
//! asks for more or bigger doses.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use thiserror::Error;

use crate::domain::{
    DomainError, HabitKind, HabitRole, Mood, SessionKind, SessionStatus, WindowConfig, time,
};

/// The seed `afterglow demo` uses unless told otherwise, so that two
/// newcomers see the same made-up person.
pub const DEFAULT_SEED: u64 = 1;
/// Enough history for every pane to have something to show, quick to write.
pub const DEFAULT_YEARS: u32 = 2;
pub const MIN_YEARS: u32 = 1;
/// Far beyond any real record; only a guard against absurd arguments.
pub const MAX_YEARS: u32 = 50;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum DemoError {
    #[error("a demo history is {MIN_YEARS} to {MAX_YEARS} years long, not {0}")]
    Years(u32),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// A whole made-up history. Records refer to each other by their index in
/// these vectors; the store turns indexes into ids as it writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    /// The first local day of the history.
    pub first_day: NaiveDate,
    /// Oldest first; the last one may be planned (in the future).
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    /// Oldest first.
    pub journal: Vec<Entry>,
    /// Oldest first.
    pub therapy: Vec<Visit>,
    /// The three defaults of a first run (same names and roles) first, then
    /// the person's own.
    pub habits: Vec<Habit>,
    /// By day, then habit.
    pub ticks: Vec<Tick>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub at: DateTime<Utc>,
    pub kind: SessionKind,
    pub dose_mg: Option<f64>,
    pub note: Option<String>,
    pub status: SessionStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Intention {
    /// Index into [`Demo::sessions`].
    pub session: Option<usize>,
    pub text: String,
    pub set_at: DateTime<Utc>,
    /// The reflection and when it was written.
    pub reflection: Option<(String, DateTime<Utc>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub written_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    /// Index into [`Demo::sessions`]: the window the entry was written in.
    pub session: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    pub name: String,
    pub kind: HabitKind,
    pub role: HabitRole,
    pub since: NaiveDate,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Index into [`Demo::habits`].
    pub habit: usize,
    pub day: NaiveDate,
    pub amount: Option<f64>,
}

/// Makes up `years` of history ending at `now`, in the zone `tz`.
///
/// The newest done session is a day or two before `now`, so the dashboard
/// opens inside a live window, and the next booster is planned a few weeks
/// ahead. Everything else happened at or before `now`.
pub fn generate<Tz: TimeZone>(
    years: u32,
    seed: u64,
    now: DateTime<Utc>,
    tz: &Tz,
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
    let journal = g.journal(&slots, &sessions)?;
    let (habits, ticks) = g.habits(&slots)?;
    Ok(Demo {
        first_day,
        sessions,
        intentions,
        journal,
        therapy,
        habits,
        ticks,
    })
}

/// splitmix64: tiny, fast, and good enough to make up a diary. A crate
/// would add a dependency for no gain.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `lo..=hi`; multiply-and-shift keeps it unbiased enough.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).saturating_add(1).max(1) as u64;
        let r = ((u128::from(self.next_u64()) * u128::from(span)) >> 64) as u64;
        lo.saturating_add(r as i64)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = self.range(0, items.len() as i64 - 1);
        items[i as usize]
    }

    /// Roughly normal, mean 0 and spread about 1: enough for moods and hours.
    fn wobble(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * 2.0
    }
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
            for (i, d) in (1..).zip(days) {
                slots.push(Slot {
                    day: d,
                    course,
                    place: i,
                    planned: false,
                });
            }
            for _ in 0..self.rng.range(6, 14) {
                day = shift(day, self.booster_gap())?;
                if day > limit {
                    break 'history;
                }
                slots.push(Slot {
                    day,
                    course,
                    place: 0,
                    planned: false,
                });
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
        slots.push(Slot {
            day: next,
            // The next booster of the course that is running, same route.
            course: last.course,
            place: 0,
            planned: true,
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

    fn journal(&mut self, slots: &[Slot], sessions: &[Session]) -> Result<Vec<Entry>, DomainError> {
        let window = WindowConfig::default().extended_end();
        let done: Vec<(usize, DateTime<Utc>)> = sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status == SessionStatus::Done)
            .map(|(i, s)| (i, s.at))
            .collect();
        let days: Vec<NaiveDate> = slots.iter().map(|s| s.day).collect();
        let total = time::days_between(self.first_day, self.today).max(1) as f64;
        let mut out = Vec::new();
        let mut baseline = 4.2 + self.rng.unit();
        let mut quiet = 0;
        let mut governing = None;
        let mut next_done = 0;
        let mut day = self.first_day;
        while day <= self.today {
            let (since, until) = nearby(&days, day);
            // Slowly better over the years, with weeks up and down.
            let progress = time::days_between(self.first_day, day) as f64 / total;
            let drift_to = 4.6 + 1.8 * progress;
            baseline += 0.08 * self.rng.wobble() + 0.03 * (drift_to - baseline);
            baseline = baseline.clamp(2.5, 8.0);
            let lift = match since {
                Some(0..=1) => 2.0,
                Some(2..=4) => 1.4,
                Some(5..=9) => 0.7,
                _ => 0.0,
            };
            let dip = if matches!(until, Some(0..=1)) {
                0.8
            } else {
                0.0
            };
            let mut rate = 1.45;
            match since {
                Some(0..=2) => rate += 1.3,
                Some(3..=6) => rate += 0.5,
                _ => {}
            }
            if quiet > 0 {
                quiet -= 1;
                rate = 0.25;
            } else if self.rng.chance(1.0 / 70.0) {
                // Life happens: a few days with little or no writing.
                quiet = self.rng.range(2, 6);
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
                let value = baseline + lift - dip + 0.9 * self.rng.wobble();
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

    fn habits(&mut self, slots: &[Slot]) -> Result<(Vec<Habit>, Vec<Tick>), DomainError> {
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
    },
    HabitSpec {
        name: "Exercise",
        unit: Some(("min", 30.0)),
        role: HabitRole::Exercise,
        rate: 0.6,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Pick(&[15.0, 20.0, 25.0, 30.0, 30.0, 35.0, 40.0, 45.0, 60.0]),
    },
    HabitSpec {
        name: "Meditation",
        unit: Some(("min", 10.0)),
        role: HabitRole::Meditation,
        rate: 0.7,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Pick(&[5.0, 10.0, 10.0, 10.0, 12.0, 15.0, 20.0]),
    },
    HabitSpec {
        name: "Walk outside",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.8,
        starts: 0.0,
        stops: None,
        amounts: Amounts::None,
    },
    HabitSpec {
        name: "Water",
        unit: Some(("glasses", 8.0)),
        role: HabitRole::Custom,
        rate: 0.8,
        starts: 0.0,
        stops: None,
        amounts: Amounts::Pick(&[5.0, 6.0, 7.0, 8.0, 8.0, 8.0, 9.0, 10.0]),
    },
    HabitSpec {
        name: "Reading",
        unit: Some(("min", 20.0)),
        role: HabitRole::Custom,
        rate: 0.66,
        starts: 0.04,
        stops: None,
        amounts: Amounts::Pick(&[10.0, 15.0, 20.0, 20.0, 25.0, 30.0, 45.0]),
    },
    HabitSpec {
        name: "Gratitude note",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.7,
        starts: 0.08,
        stops: None,
        amounts: Amounts::None,
    },
    HabitSpec {
        name: "Stretch",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.62,
        starts: 0.15,
        stops: None,
        amounts: Amounts::None,
    },
    HabitSpec {
        name: "Morning light",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.6,
        starts: 0.0,
        stops: None,
        amounts: Amounts::None,
    },
    HabitSpec {
        name: "Cold shower",
        unit: None,
        role: HabitRole::Custom,
        rate: 0.5,
        starts: 0.3,
        stops: Some(0.34),
        amounts: Amounts::None,
    },
];

const SESSION_NOTES: &[&str] = &[
    "Calm room, eye mask, the rain playlist.",
    "A little queasy at first; it settled after ten minutes.",
    "Brought the blanket from home.",
    "Sam picked me up afterwards and we walked slowly.",
    "The nurse checked in twice; felt looked after.",
    "Music: piano, then nothing at all.",
    "Lay very still. Mostly colours.",
    "Cried a little near the end; it felt like letting go.",
    "Rested for an hour afterwards before going home.",
    "Quiet session. Not much to report, and that is fine.",
    "Came home, had soup, slept early.",
];

const INTENTIONS: &[&str] = &[
    "Meet whatever comes with curiosity.",
    "Let go of the need to control how it goes.",
    "Notice where I hold tension, and breathe there.",
    "Be kind to the younger me.",
    "Listen more than I try to understand.",
    "Find the thread back to what I enjoy.",
    "Rest without having to earn it.",
    "Ask: what is asking for my attention?",
    "Stay with the breath when it gets strange.",
    "Let the music carry me 🌊",
    "Look at the grief without fixing it.",
    "Be open to feeling safe.",
    "Notice the old story, and let it pass.",
    "Soften towards my body.",
    "Trust that I can come back to myself.",
    "See what wants to be seen 🌱",
];

const REFLECTIONS: &[&str] = &[
    "It was gentler than I feared. I kept coming back to the breath.",
    "Less happened than I hoped, and that was all right.",
    "I saw my grandmother's kitchen. Cried, then felt lighter.",
    "The intention held. Curiosity did most of the work.",
    "Mostly colours and a sense of space ✨ Hard to put into words.",
    "I noticed how often I brace. Practising softening since.",
    "Not much to say yet; writing more in the journal.",
    "The tension was in my jaw. Knowing that helps.",
    "It felt like being held. I want to remember that feeling.",
    "Restless at first, then very still. The stillness stayed for a day.",
    "A hard moment in the middle; the nurse's voice helped me through.",
    "I met the old story and did not have to argue with it.",
    "Quiet, almost boring. Maybe boring is a kind of safety.",
    "Came back with one clear thought: slow down.",
];

const THERAPY_NOTES: &[&str] = &[
    "Integration session: talked through the images of water.",
    "Went over the intention and what came up.",
    "Suggested a body scan before bed this week.",
    "Talked about sleep and the week ahead.",
    "Named the pattern of bracing; homework is to notice it.",
    "Mostly about my father. Heavy, and useful.",
    "Checked in on mood; steadier than a month ago.",
    "Planned small steps for the integration weeks.",
    "Talked about boundaries at work.",
    "Short session; we agreed I am doing the work.",
];

const OPENERS_LOW: &[&str] = &[
    "Heavy morning.",
    "Tired, and a bit flat today.",
    "Hard to get going.",
    "Grey day, grey mood.",
    "Woke at four and could not get back to sleep.",
    "Everything took longer than it should.",
    "Low today. Writing it down anyway.",
    "A tight chest most of the afternoon.",
    "The old worry came back today.",
    "Not much to say; a heavy day.",
    "Irritable with everyone, me included.",
];

const OPENERS_MID: &[&str] = &[
    "Ordinary day.",
    "Quiet day.",
    "Some calm, some noise.",
    "A slow kind of day.",
    "Busy at work, fine at home.",
    "Nothing special, and that is fine.",
    "Rain again ☔",
    "Short entry.",
    "Mixed day.",
    "Tea and a long look out of the window 🍵",
    "Steady.",
];

const OPENERS_HIGH: &[&str] = &[
    "Lighter today 🌱",
    "Woke up before the alarm and felt rested.",
    "Something softened.",
    "Good day. Really good, actually.",
    "Sun through the kitchen window ☀️",
    "Laughed properly for the first time in a while.",
    "Calm all day, even in the meeting.",
    "A day with room in it.",
    "Felt at home in my body today.",
    "✨ Small joys everywhere.",
    "Light and clear, like after rain.",
];

const AFTER_SESSION: &[&str] = &[
    "Still some images from the session: a wide blue space 🌊",
    "The session is still echoing, softly.",
    "The music from the session is still with me.",
    "Resting today, as planned.",
    "My shoulders let go during the session, and they have stayed down.",
    "Colours seem brighter since the session.",
    "Wrote down what I remembered before it faded.",
    "A gentle, quiet day after the session.",
    "Tender and open today; kept the day small.",
    "Remembered the feeling of floating above the kitchen table.",
    "Slept long after the session and woke up clear.",
];

const BEFORE_SESSION: &[&str] = &[
    "Session tomorrow. A bit nervous, mostly curious.",
    "Packed the blanket and the eye mask for tomorrow.",
    "Thinking about my intention for tomorrow.",
    "A bit nervous about tomorrow. That is allowed.",
    "Planning an early night before the session.",
];

const DETAILS: &[&str] = &[
    "Walked along the river after lunch.",
    "Called my sister; we laughed about something from years ago.",
    "Made soup and ate it slowly.",
    "Read three chapters before bed 📖",
    "Slept badly, woke at four.",
    "The café on the corner had a new playlist.",
    "Wrote down a dream: a house with too many doors.",
    "A colleague said something kind and I let it land.",
    "Let the dishes wait.",
    "Sat on the balcony with tea.",
    "今日は少しずつ (today, little by little).",
    "Tried to make crème brûlée; not a success 😅",
    "Déjà vu on the bus, oddly comforting.",
    "Watered the plants and talked to them a little 🪴",
    "The neighbour's cat visited again 🐈",
    "Long call with Mum.",
    "Cooked for friends; the kitchen was loud and warm.",
    "Forty minutes in the park without my phone.",
    "Cleared my desk; it helped more than expected.",
    "Noticed I was holding my breath in traffic.",
    "A stranger held the door and smiled.",
    "Finally fixed the bike 🚲",
    "Swam twenty lengths.",
    "Did the body scan before bed.",
    "Skipped the news today.",
    "Rainy walk 🌧️, soaked and oddly happy.",
    "Worked from the library; quiet and good.",
    "Baked bread. The whole flat smells of it 🍞",
    "Sorted old photos; a few tears, mostly fondness.",
    "Slept nine hours 😴",
    "Yoga video in the living room, wobbly but done.",
    "Messaged an old friend after a long silence.",
    "Ate lunch away from the screen.",
    "The moon was huge last night 🌙",
    "Listened to a whole album without doing anything else 🎧",
    "Had a hard conversation at work and stayed steady.",
    "Bought tulips for no reason 🌷",
    "Met Jo for coffee; we talked for two hours.",
    "Went to bed without scrolling.",
    "My hands were cold all day.",
    "Cleaned the windows; the light is different now.",
    "Naïve question of the day: what if it can be easy?",
    "海を見に行った (went to see the sea) 🌊",
];

const REFLECTIVE: &[&str] = &[
    "What I want more of: slow mornings.",
    "I can be gentle with the part of me that worries.",
    "Noticing the old story again, and not following it.",
    "Small steps count.",
    "I don't have to solve everything today.",
    "There is more space between the feeling and the reaction.",
    "Grief and relief can sit in the same chair.",
    "I keep coming back to the idea of home.",
    "Rest is not a reward; it is allowed.",
    "The critic was quieter today.",
    "I want to keep the promise I made to myself about walking.",
    "Less bracing. More breathing.",
    "I can ask for help before it gets heavy.",
    "Curious rather than afraid: that is the practice.",
    "Some days the work is getting through, and that counts too.",
    "The change is slow, but it is there when I look back.",
];

const CLOSERS: &[&str] = &[
    "Enough for today.",
    "An early night today.",
    "Grateful for small things 🙏",
    "Tomorrow: walk first, then email.",
    "Going gently 🌙",
    "That's all.",
    "More tomorrow, maybe.",
    "💛",
    "Note to self: drink water.",
];

const GOOD_THINGS: &[&str] = &[
    "warm bread",
    "a long shower",
    "the walk home",
    "a message from Lea",
    "sunlight on the desk",
    "a quiet train",
    "birdsong at six",
    "a good cup of tea 🍵",
    "finishing the book",
    "laughing at a bad joke",
    "the cat asleep on my feet",
    "clean sheets",
];

const EMOJI: &[&str] = &["🌱", "🌊", "✨", "🌙", "☀️", "🍵", "💛", "🌿"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::course::{CourseConfig, courses};
    use crate::domain::{SessionId, session};
    use chrono::{FixedOffset, Timelike};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 18, 30, 0).unwrap()
    }

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn demo(years: u32, seed: u64) -> Demo {
        generate(years, seed, now(), &zone()).unwrap()
    }

    fn domain_sessions(d: &Demo) -> Vec<session::Session> {
        (0..)
            .zip(&d.sessions)
            .map(|(i, s)| session::Session {
                id: SessionId(i),
                at: s.at,
                kind: s.kind,
                dose_mg: s.dose_mg,
                note: s.note.clone(),
                status: s.status,
            })
            .collect()
    }

    fn day(at: DateTime<Utc>) -> NaiveDate {
        time::local_date(at, &zone())
    }

    #[test]
    fn the_same_seed_gives_the_same_history() {
        assert_eq!(demo(3, 7), demo(3, 7));
        assert_ne!(demo(3, 7), demo(3, 8));
        assert_ne!(demo(3, 7).journal, demo(3, 8).journal);
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        for years in [0, MAX_YEARS + 1, u32::MAX] {
            let e = generate(years, 1, now(), &zone()).unwrap_err();
            assert_eq!(e, DemoError::Years(years));
            assert!(e.to_string().contains("1 to 50 years"), "{e}");
        }
        assert!(generate(MAX_YEARS, 1, now(), &zone()).is_ok());
    }

    #[test]
    fn ten_years_is_a_full_history() {
        for seed in [DEFAULT_SEED, 1, 2, 3, 42] {
            let d = demo(10, seed);
            let ticks = d.ticks.len();
            assert!(d.sessions.len() >= 150, "{seed}: {}", d.sessions.len());
            assert!(d.journal.len() >= 5000, "{seed}: {}", d.journal.len());
            assert!(ticks >= 20_000, "{seed}: {ticks}");
            assert!(d.intentions.len() >= 100, "{seed}");
            assert!(d.therapy.len() >= 70, "{seed}");
        }
    }

    #[test]
    fn sessions_come_in_courses_and_boosters() {
        for seed in [DEFAULT_SEED, 5, 6, 7] {
            let d = demo(10, seed);
            assert!(d.sessions.windows(2).all(|w| w[0].at < w[1].at));
            let sessions = domain_sessions(&d);
            let all = courses(&sessions, now(), &CourseConfig::default());
            assert!(all.len() > 20, "{seed}");
            let mut previous: Option<DateTime<Utc>> = None;
            let mut inductions = 0;
            for c in &all {
                let span = time::days_between(day(c.first_at), day(c.last_at));
                if c.len() > 1 {
                    inductions += 1;
                    assert!((6..=8).contains(&c.len()), "{seed}: {c:?}");
                    assert!(span <= 21, "{seed}: {c:?}");
                } else {
                    let gap = time::days_between(day(previous.unwrap()), day(c.first_at));
                    assert!((21..=56).contains(&gap), "{seed}: a booster {gap} days on");
                }
                previous = Some(c.last_at);
            }
            assert!(inductions >= 2, "{seed}: re-inductions happen");
        }
    }

    #[test]
    fn the_newest_session_was_recent_and_the_next_is_planned() {
        for years in [1, 2, 10] {
            let d = demo(years, DEFAULT_SEED);
            let (last, done) = d.sessions.split_last().unwrap();
            assert_eq!(last.status, SessionStatus::Planned);
            assert!(last.at > now());
            let newest = done.last().unwrap();
            assert_eq!(newest.status, SessionStatus::Done);
            assert!(now() - newest.at <= time::days(3).unwrap());
            assert!(done.iter().all(|s| s.status == SessionStatus::Done));
            let gap = time::days_between(day(newest.at), day(last.at));
            assert!((21..=56).contains(&gap), "{gap}");
        }
    }

    #[test]
    fn nothing_but_the_plan_is_in_the_future() {
        let d = demo(10, 11);
        let n = now();
        assert!(d.first_day <= day(d.sessions[0].at));
        assert!(d.sessions.iter().filter(|s| s.at > n).count() == 1);
        assert!(d.journal.iter().all(|e| e.written_at <= n));
        assert!(
            d.journal
                .windows(2)
                .all(|w| w[0].written_at <= w[1].written_at)
        );
        assert!(d.therapy.iter().all(|v| v.at <= n));
        assert!(d.ticks.iter().all(|t| t.day <= day(n)));
        for i in &d.intentions {
            assert!(i.set_at <= n);
            if let Some((_, at)) = &i.reflection {
                assert!(*at <= n && *at > i.set_at);
            }
        }
    }

    #[test]
    fn intentions_and_visits_sit_around_their_sessions() {
        let d = demo(5, 3);
        for i in &d.intentions {
            let s = &d.sessions[i.session.unwrap()];
            assert!(i.set_at < s.at);
            assert!(s.at - i.set_at <= time::days(2).unwrap());
            if let Some((_, at)) = &i.reflection {
                assert!(*at > s.at && *at - s.at <= time::days(3).unwrap());
            }
        }
        let reflected = d.intentions.iter().filter(|i| i.reflection.is_some());
        assert!(reflected.count() * 10 >= d.intentions.len() * 7);
        let after = |at: DateTime<Utc>| {
            d.sessions.iter().any(|s| {
                at - s.at >= time::hours(24).unwrap() && at - s.at <= time::hours(72).unwrap()
            })
        };
        assert!(d.therapy.iter().all(|v| after(v.at)));
    }

    #[test]
    fn the_journal_is_varied_and_lighter_after_sessions() {
        let d = demo(10, DEFAULT_SEED);
        let has = |f: &dyn Fn(char) -> bool| d.journal.iter().any(|e| e.body.chars().any(f));
        assert!(has(&|c| c == '🌱'));
        assert!(has(&|c| c == '今'));
        assert!(has(&|c| c == 'é'));
        let lengths: Vec<usize> = d.journal.iter().map(|e| e.body.chars().count()).collect();
        assert!(lengths.iter().any(|&n| n < 30));
        assert!(lengths.iter().any(|&n| n > 300));
        assert!(d.journal.iter().any(|e| e.mood.is_none()));
        assert!(d.journal.iter().any(|e| e.body.contains("\n\n")));

        let windowed = d.journal.iter().filter(|e| e.session.is_some()).count();
        assert!(windowed > 1000 && windowed < d.journal.len());
        let mean = |f: &dyn Fn(&Entry) -> bool| {
            let moods: Vec<f64> = d
                .journal
                .iter()
                .filter(|e| f(e))
                .filter_map(|e| e.mood.map(|m| f64::from(m.get())))
                .collect();
            moods.iter().sum::<f64>() / moods.len() as f64
        };
        let linked_soon = |e: &Entry| {
            e.session
                .is_some_and(|i| e.written_at - d.sessions[i].at <= time::days(2).unwrap())
        };
        let quiet = |e: &Entry| e.session.is_none();
        assert!(mean(&linked_soon) > mean(&quiet) + 0.8);
    }

    #[test]
    fn habits_start_with_the_defaults_and_keep_their_bounds() {
        let d = demo(10, DEFAULT_SEED);
        let defaults = crate::domain::habit::default_habits();
        for (h, (name, kind, role)) in d.habits.iter().zip(&defaults) {
            assert_eq!((&h.name, &h.kind, h.role), (name, kind, *role));
        }
        assert!(d.habits.len() > defaults.len());
        assert!(d.habits.iter().any(|h| h.archived));
        for t in &d.ticks {
            let h = &d.habits[t.habit];
            assert!(t.day >= h.since);
            match &h.kind {
                HabitKind::YesNo => assert_eq!(t.amount, None),
                HabitKind::Quantity { unit, .. } => {
                    let a = t.amount.unwrap();
                    assert!(a > 0.0 && (unit != "h" || a <= 24.0));
                }
            }
        }
        let mut keys: Vec<(NaiveDate, usize)> = d.ticks.iter().map(|t| (t.day, t.habit)).collect();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "one tick per habit and day, in order");
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        // Realistic gaps: no habit is ticked every single day.
        for i in 0..d.habits.len() {
            let days = d.ticks.iter().filter(|t| t.habit == i).count();
            assert!(days < 3600, "{i}: {days}");
        }
    }

    #[test]
    fn daylight_saving_zones_work() {
        let berlin = chrono_tz::Europe::Berlin;
        let auckland = chrono_tz::Pacific::Auckland;
        let a = generate(3, 9, now(), &berlin).unwrap();
        let b = generate(3, 9, now(), &auckland).unwrap();
        assert!(a.sessions.len() > 20 && b.sessions.len() > 20);
        for s in &a.sessions {
            let local = s.at.with_timezone(&berlin);
            assert!((9..=15).contains(&local.hour()), "{local}");
        }
    }
}
