//! Reading the times and days people type: one WHEN syntax for every
//! dialog and every `--at`, and the DAY of `--date`, `--since`, `--until`.
//!
//! A WHEN is one of:
//! - `now`;
//! - a wall time, read in the person's zone: `HH:MM` (today),
//!   `today|yesterday|tomorrow HH:MM`, a weekday (`monday 14:00`,
//!   `Mon 14:00`, any case), `YYYY-MM-DD HH:MM` (or with `T`, or with
//!   seconds);
//! - a day alone (`yesterday`, `mon`, `2026-11-20`): that day at the wall
//!   time it is now; `today` alone is `now`;
//! - time gone by: `-2h`, `-90m`, `-1d`, `2h ago`, `90m ago`,
//!   `1d 2h 30m ago`. Exact elapsed time, so `2h ago` across a clock change
//!   is two real hours;
//! - an instant with its own offset: RFC 3339, or `YYYY-MM-DDTHH:MM+01:00`
//!   (what the message about a repeated hour asks for).
//!
//! A weekday is the last such day BEFORE today, never today: on a
//! Wednesday, `wednesday` is a week ago (today is `today`).
//!
//! A wall time the zone skips (clocks going forward) or shows twice
//! (clocks going back) is never guessed: the error names both choices.

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeDelta, TimeZone, Timelike, Utc, Weekday,
};

use super::{DomainError, time};

/// The forms of a WHEN, written once: the error that lists them, every
/// `--at` help (`concat!` needs a literal, hence a macro) and the docs.
macro_rules! when_forms {
    () => {
        "now, HH:MM, yesterday HH:MM, a weekday (mon 14:00), -2h, 90m ago or YYYY-MM-DD [HH:MM]"
    };
}
pub(crate) use when_forms;

/// The forms of a DAY (`--date`, `--since`, `--until`), likewise.
macro_rules! day_forms {
    () => {
        "YYYY-MM-DD, today, yesterday or a weekday (mon: the last one before today)"
    };
}
pub(crate) use day_forms;

/// What a WHEN may be, for messages and help.
pub const WHEN_SYNTAX: &str = concat!("use ", when_forms!(), ", in local time");

/// The hint under a dialog's time field for something that has happened
/// (a session, a visit, an entry): examples of [`WHEN_SYNTAX`], short
/// enough for an 80-column dialog.
pub const HINT_PAST: &str = "now, 21:00, yesterday 21:00, mon 21:00, 2h ago";

/// The hint under the time field of a session being planned.
pub const HINT_AHEAD: &str = "tomorrow 10:00 or YYYY-MM-DD HH:MM";

/// Why a duration back in time was refused.
const TOO_FAR: &str = "that is further back than afterglow can count";
/// Why a day or time past the ends of chrono's range was refused.
const OUT_OF_RANGE: &str = "that time is outside the range afterglow can handle";

/// Parses a WHEN argument. `now` and the zone are parameters so that tests
/// (and the domain) never read the clock.
pub fn parse_when<Tz: TimeZone>(
    input: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, DomainError> {
    let s = input.trim();
    let bad = |reason: &str| DomainError::BadWhen {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let lower = s.to_ascii_lowercase();
    if lower == "now" {
        return Ok(now);
    }
    if let Some(t) = with_offset(s) {
        return Ok(t);
    }
    if let Some(ago) = elapsed(&lower) {
        return ago
            .and_then(|d| now.checked_sub_signed(d))
            .ok_or_else(|| bad(TOO_FAR));
    }
    let today = time::local_date(now, tz);
    match wall_time(&lower, now, today, tz) {
        None => Err(bad(WHEN_SYNTAX)),
        Some(Wall::Now) => Ok(now),
        Some(Wall::OutOfRange) => Err(bad(OUT_OF_RANGE)),
        Some(Wall::At(naive)) => resolve(input, naive, today, tz),
    }
}

/// A wall time read from the input, before the zone has a say.
enum Wall {
    /// `today` alone.
    Now,
    At(NaiveDateTime),
    /// A day past the ends of chrono's range.
    OutOfRange,
}

/// `RFC 3339`, or a minute with its offset (`2026-10-25T02:30+01:00`).
fn with_offset(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"]
                .iter()
                .find_map(|f| DateTime::parse_from_str(s, f).ok())
        })
        .map(|t| t.with_timezone(&Utc))
}

/// `-2h`, `-1d2h30m`, `90m ago`, `1h 30m ago` (lowercase): `None` when the
/// input is not of that shape, `Some(None)` when the duration is too long
/// to count with. Units go from days to minutes, each at most once.
fn elapsed(s: &str) -> Option<Option<TimeDelta>> {
    let body = match s.strip_prefix('-') {
        Some(rest) => rest,
        None => {
            let before = s.strip_suffix("ago")?;
            if !before.ends_with(char::is_whitespace) {
                return None;
            }
            before
        }
    };
    let mut total = TimeDelta::zero();
    let mut smallest = 3;
    for piece in body.split_whitespace() {
        let mut rest = piece;
        while !rest.is_empty() {
            let digits = rest.find(|c: char| !c.is_ascii_digit())?;
            let (number, tail) = rest.split_at(digits);
            let unit = tail.chars().next()?;
            let rank = match unit {
                'd' => 2,
                'h' => 1,
                'm' => 0,
                _ => return None,
            };
            if number.is_empty() || rank >= smallest {
                return None;
            }
            smallest = rank;
            rest = &tail[1..];
            let Ok(n) = number.parse::<i64>() else {
                return Some(None);
            };
            let step = match unit {
                'd' => time::days(n),
                'h' => time::hours(n),
                _ => time::minutes(n),
            };
            match step.ok().and_then(|d| total.checked_add(&d)) {
                Some(t) => total = t,
                None => return Some(None),
            }
        }
    }
    // Nothing but the sign or the word.
    (smallest < 3).then_some(Some(total))
}

/// A day, a day and a clock time, or a clock time alone (today), in
/// lowercase; `None` when the input is not of that shape.
fn wall_time<Tz: TimeZone>(s: &str, now: DateTime<Utc>, today: NaiveDate, tz: &Tz) -> Option<Wall> {
    if let Some(naive) = ["%Y-%m-%d %H:%M", "%Y-%m-%dt%H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(Wall::At(naive));
    }
    let mut words = s.split_whitespace();
    let first = words.next()?;
    let second = words.next();
    if words.next().is_some() {
        return None;
    }
    let (day, clock) = match (day_word(first, today), second) {
        (Some(day), Some(c)) => (day, Some(clock(c)?)),
        (Some(day), None) => (day, None),
        (None, None) => (Some(today), Some(clock(first)?)),
        (None, Some(_)) => return None,
    };
    let Some(day) = day else {
        return Some(Wall::OutOfRange);
    };
    let clock = match clock {
        Some(c) => c,
        None if first == "today" => return Some(Wall::Now),
        // A day alone keeps the time of day it is now.
        None => match local_clock(now, tz) {
            Some(c) => c,
            None => return Some(Wall::OutOfRange),
        },
    };
    Some(Wall::At(day.and_time(clock)))
}

/// `HH:MM` or `HH:MM:SS`.
fn clock(s: &str) -> Option<NaiveTime> {
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
}

/// The wall-clock time of `now` in the zone (`None` only at the very ends
/// of chrono's range, where the local time cannot be held).
fn local_clock<Tz: TimeZone>(now: DateTime<Utc>, tz: &Tz) -> Option<NaiveTime> {
    let utc = now.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();
    utc.checked_add_signed(TimeDelta::seconds(i64::from(offset)))
        .map(|local| local.time())
}

/// `today`, `yesterday`, `tomorrow`, a weekday or `YYYY-MM-DD`, in
/// lowercase: `None` when the word is none of these, `Some(None)` when the
/// day falls outside chrono's range.
fn day_word(word: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    match word {
        "today" => Some(Some(today)),
        "yesterday" => Some(time::prev_day(today)),
        "tomorrow" => Some(time::next_day(today)),
        _ => match weekday(word) {
            Some(day) => Some(last_before(today, day)),
            None => NaiveDate::parse_from_str(word, "%Y-%m-%d").ok().map(Some),
        },
    }
}

/// A weekday's full English name or its first three letters (lowercase).
fn weekday(word: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    NAMES
        .iter()
        .find(|(name, _)| word == *name || (word.len() == 3 && name.starts_with(word)))
        .map(|(_, day)| *day)
}

/// The last `day` before `today`: one to seven days back, so that a
/// weekday never means today (which has its own word).
fn last_before(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let back = (today.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
    time::days_before(today, u64::from(if back == 0 { 7 } else { back }))
}

/// A wall time in the zone, as an instant; a time the zone skips or shows
/// twice is refused with both choices named.
fn resolve<Tz: TimeZone>(
    input: &str,
    naive: NaiveDateTime,
    today: NaiveDate,
    tz: &Tz,
) -> Result<DateTime<Utc>, DomainError> {
    let clock_change = |reason: String| DomainError::ClockChange {
        input: input.to_string(),
        reason,
    };
    let found = tz.from_local_datetime(&naive);
    // No instant either because the zone skips that wall time, or because
    // it lies past either end of the range of time chrono can hold; only
    // the first is a clock change.
    if matches!(found, LocalResult::None)
        && !matches!(tz.offset_from_local_datetime(&naive), LocalResult::None)
    {
        return Err(DomainError::BadWhen {
            input: input.to_string(),
            reason: OUT_OF_RANGE.to_string(),
        });
    }
    // Some zone readers (chrono's `Local`) answer a minute at the edge of a
    // change with an instant on its far side, which shows another wall
    // time: only instants that show `naive` count.
    let mut times: Vec<DateTime<Utc>> = match found {
        LocalResult::Single(t) => vec![t.with_timezone(&Utc)],
        LocalResult::Ambiguous(a, b) => vec![a.with_timezone(&Utc), b.with_timezone(&Utc)],
        LocalResult::None => Vec::new(),
    };
    times.retain(|t| wall_of(*t, tz) == Some(naive));
    times.sort();
    times.dedup();
    match times[..] {
        [only] => Ok(only),
        [first, second] => {
            let (o1, o2) = (offset_at(first, tz), offset_at(second, tz));
            Err(clock_change(format!(
                "{} on {} happens twice in this time zone: the first time ({}) or the second, \
                 after the clocks went back ({}). Write {} or {}.",
                show_clock(naive.time()),
                time::day_label(naive.date(), today),
                o1,
                o2,
                with_its_offset(first, o1),
                with_its_offset(second, o2),
            )))
        }
        _ => Err(clock_change(skipped(naive, today, tz))),
    }
}

/// Why `naive`, which the zone skips, was refused, with the minutes on
/// either side of the gap.
fn skipped<Tz: TimeZone>(naive: NaiveDateTime, today: NaiveDate, tz: &Tz) -> String {
    let at = format!(
        "{} on {}",
        show_clock(naive.time()),
        time::day_label(naive.date(), today)
    );
    match gap_edges(naive, tz) {
        Some((before, after)) => {
            let from = before
                .checked_add_signed(TimeDelta::seconds(60))
                .unwrap_or(before);
            let on_its_day = |t: NaiveDateTime| {
                if t.date() == naive.date() {
                    show_clock(t.time())
                } else {
                    format!(
                        "{} on {}",
                        show_clock(t.time()),
                        time::day_label(t.date(), today)
                    )
                }
            };
            format!(
                "{at} does not exist in this time zone: the clocks went from {} to {}. \
                 Use {} or {}.",
                show_clock(from.time()),
                show_clock(after.time()),
                on_its_day(before),
                on_its_day(after),
            )
        }
        None => format!("{at} does not exist in this time zone: the clocks skip it."),
    }
}

/// The wall time an instant shows in the zone.
fn wall_of<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> Option<NaiveDateTime> {
    let offset = offset_at(at, tz).local_minus_utc();
    at.naive_utc()
        .checked_add_signed(TimeDelta::seconds(i64::from(offset)))
}

/// The last minute that exists before the gap `naive` lies in, and the
/// first after it. Real gaps are an hour or two; a day was skipped once
/// (Samoa, 2011), so two days either way are searched.
fn gap_edges<Tz: TimeZone>(
    naive: NaiveDateTime,
    tz: &Tz,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    const SEARCH_MINUTES: i64 = 2 * 24 * 60;
    let start = naive.with_second(0)?.with_nanosecond(0)?;
    let exists = |t: &NaiveDateTime| {
        tz.from_local_datetime(t)
            .earliest()
            .is_some_and(|at| wall_of(at.with_timezone(&Utc), tz) == Some(*t))
    };
    let step = |m: i64| start.checked_add_signed(TimeDelta::try_minutes(m)?);
    let before = (1..=SEARCH_MINUTES).find_map(|m| step(-m).filter(exists))?;
    let after = (0..=SEARCH_MINUTES).find_map(|m| step(m).filter(exists))?;
    Some((before, after))
}

/// `HH:MM`, with the seconds when there are any.
fn show_clock(t: NaiveTime) -> String {
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

fn offset_at<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> FixedOffset {
    tz.offset_from_utc_datetime(&at.naive_utc()).fix()
}

/// `at` written with its offset, in a form [`parse_when`] reads back as
/// exactly that instant (to the second).
fn with_its_offset(at: DateTime<Utc>, offset: FixedOffset) -> String {
    let local = at.with_timezone(&offset);
    let year = local.naive_local().year();
    if offset.local_minus_utc() % 60 != 0 || !(0..=9999).contains(&year) {
        // An offset in seconds (old local mean time) or a year RFC 3339
        // cannot write: UTC, which every offset agrees on.
        return at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    if local.second() == 0 {
        local.format("%Y-%m-%dT%H:%M%:z").to_string()
    } else {
        local.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// A WHEN that [`parse_when`] reads back as `at` (to the second): the
/// local `YYYY-MM-DD HH:MM`, or, for a wall time the zone shows twice, the
/// same with its offset.
pub fn write_when<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> String {
    let offset = offset_at(at, tz);
    let Some(wall) = wall_of(at, tz) else {
        return at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    };
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(_) => {
            let f = if wall.second() == 0 {
                "%Y-%m-%d %H:%M"
            } else {
                "%Y-%m-%d %H:%M:%S"
            };
            wall.format(f).to_string()
        }
        _ => with_its_offset(at, offset),
    }
}

/// Parses a DAY argument in the user's zone: `YYYY-MM-DD`, `today`,
/// `yesterday` or a weekday (the last such day before today).
pub fn parse_day<Tz: TimeZone>(
    input: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<NaiveDate, DomainError> {
    let s = input.trim().to_ascii_lowercase();
    let today = time::local_date(now, tz);
    let bad = || DomainError::BadDay {
        input: input.to_string(),
    };
    if s == "tomorrow" {
        // A DAY is read for ticks and ranges, which are about days that came.
        return Err(bad());
    }
    day_word(&s, today).flatten().ok_or_else(bad)
}

#[cfg(test)]
mod tests;
