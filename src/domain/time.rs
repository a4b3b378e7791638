//! Calendar helpers shared by the domain: local days and checked arithmetic.
//!
//! A "day" is always a calendar day in the user's zone. Days are not 24 hours
//! long across daylight-saving changes, so day boundaries are found by asking
//! the zone, never by adding 86 400 seconds.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone, Utc};

use super::DomainError;

/// The local calendar date of an instant.
///
/// Within a day of the ends of chrono's range the local date may not be
/// representable and `DateTime::date_naive` would panic. Instants that far
/// out only come from a damaged database, so the UTC date stands in there:
/// a date one off in year 262 143 is better than a crash.
pub fn local_date<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz) -> NaiveDate {
    let utc = at.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();
    utc.checked_add_signed(TimeDelta::seconds(i64::from(offset)))
        .map_or(utc.date(), |local| local.date())
}

/// The first instant of a local date.
///
/// In zones that skip midnight on a daylight-saving change the day starts at
/// the first wall-clock time that exists, so we probe forward in quarter-hour
/// steps (real gaps are at most a few hours).
pub fn start_of_day<Tz: TimeZone>(date: NaiveDate, tz: &Tz) -> Option<DateTime<Utc>> {
    let midnight = date.and_time(NaiveTime::MIN);
    (0..=24 * 4).find_map(|quarter| {
        let probe = midnight.checked_add_signed(TimeDelta::try_minutes(quarter * 15)?)?;
        tz.from_local_datetime(&probe)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

/// The half-open span `[start, end)` of a local date in UTC.
pub fn day_span<Tz: TimeZone>(date: NaiveDate, tz: &Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let next = date.checked_add_days(Days::new(1))?;
    Some((start_of_day(date, tz)?, start_of_day(next, tz)?))
}

/// Unwraps a duration for a `const` item. Evaluated at compile time, so an
/// out-of-range value is a build error, never a panic at run time.
pub const fn constant(d: Option<TimeDelta>) -> TimeDelta {
    match d {
        Some(d) => d,
        None => panic!("duration constant out of range"),
    }
}

/// `at + delta`, or an error instead of a panic at the edges of time.
pub fn add(at: DateTime<Utc>, delta: TimeDelta) -> Result<DateTime<Utc>, DomainError> {
    at.checked_add_signed(delta).ok_or(DomainError::OutOfRange)
}

/// A duration of whole seconds, checked.
pub fn seconds(n: i64) -> Result<TimeDelta, DomainError> {
    TimeDelta::try_seconds(n).ok_or(DomainError::OutOfRange)
}

/// A duration of whole minutes, checked.
pub fn minutes(n: i64) -> Result<TimeDelta, DomainError> {
    TimeDelta::try_minutes(n).ok_or(DomainError::OutOfRange)
}

/// A duration of whole hours, checked.
pub fn hours(n: i64) -> Result<TimeDelta, DomainError> {
    TimeDelta::try_hours(n).ok_or(DomainError::OutOfRange)
}

/// A duration of whole days of 24 hours, checked. Use this for elapsed time,
/// never for calendar steps (see [`next_day`]).
pub fn days(n: i64) -> Result<TimeDelta, DomainError> {
    TimeDelta::try_days(n).ok_or(DomainError::OutOfRange)
}

/// `day`, when afterglow can keep it. Days are stored as `YYYY-MM-DD`
/// text: a day outside the years 0000-9999 could be written but never read
/// back, and every list of ticks would fail from then on. The store refuses
/// such a day on every write; readers of other tools' files ask first, so
/// that they can name the line it is on.
pub fn keepable_day(day: NaiveDate) -> Result<NaiveDate, DomainError> {
    if (0..=9999).contains(&day.year()) {
        Ok(day)
    } else {
        Err(DomainError::DayOutOfRange(day))
    }
}

/// The calendar day after `date`.
pub fn next_day(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(1))
}

/// The calendar day before `date`.
pub fn prev_day(date: NaiveDate) -> Option<NaiveDate> {
    days_before(date, 1)
}

/// The calendar day `n` days before `date`.
pub fn days_before(date: NaiveDate, n: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(n))
}

/// Days from `a` to `b` on the calendar (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days()
}

/// Days, hours, minutes and seconds of a duration, counting a negative
/// one as zero.
fn parts(d: TimeDelta) -> (i64, i64, i64, i64) {
    let secs = d.num_seconds().max(0);
    (
        secs / 86_400,
        (secs % 86_400) / 3600,
        (secs % 3600) / 60,
        secs % 60,
    )
}

/// How to show a coming moment `at` seen from `now` (a chrono format): the
/// weekday and time within the week, with the date from six days on, since
/// a weekday alone is only clear within the week.
pub fn near_format(at: DateTime<Utc>, now: DateTime<Utc>) -> &'static str {
    if (at - now).num_days() < 6 {
        "%a %H:%M"
    } else {
        "%a %-d %b %H:%M"
    }
}

/// A calendar day as people read it in a list: weekday, day and month,
/// and the year too whenever it is not `today`'s year ("Mon 3 Nov",
/// "Sun 3 Nov 2024"). Every pane and view that shows a day uses this, so a
/// day ten years back never reads like one this autumn.
pub fn day_label(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%a %-d %b").to_string()
    } else {
        day.format("%a %-d %b %Y").to_string()
    }
}

/// [`day_label`] of an instant's local day, then its local time:
/// "Mon 3 Nov 21:05", "Sun 3 Nov 2024 21:05".
pub fn moment_label<Tz: TimeZone>(at: DateTime<Utc>, tz: &Tz, today: NaiveDate) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let local = at.with_timezone(tz);
    format!(
        "{} {}",
        day_label(local_date(at, tz), today),
        local.format("%H:%M")
    )
}

/// A short human duration such as `2d 4h`, `5h 12m`, `12m 03s` or `45s`.
/// Negative durations are shown as zero: a countdown never goes below it.
pub fn short_duration(d: TimeDelta) -> String {
    let (days, hours, mins, s) = parts(d);
    if days > 0 {
        format!("{days}d {hours}h")
    } else if hours > 0 {
        format!("{hours}h {mins:02}m")
    } else if mins > 0 {
        format!("{mins}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

/// A clock-style countdown `HH:MM:SS`, with days in front when needed.
pub fn clock_duration(d: TimeDelta) -> String {
    let (days, hours, mins, s) = parts(d);
    if days > 0 {
        format!("{days}d {hours:02}:{mins:02}:{s:02}")
    } else {
        format!("{hours:02}:{mins:02}:{s:02}")
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn durations_read_naturally() {
        let cases = [
            (0, "0s"),
            (45, "45s"),
            (60 * 12 + 3, "12m 03s"),
            (3600 * 5 + 60 * 12, "5h 12m"),
            (86_400 * 2 + 3600 * 4 + 59, "2d 4h"),
            (-30, "0s"),
        ];
        for (secs, want) in cases {
            assert_eq!(short_duration(TimeDelta::seconds(secs)), want, "{secs}s");
        }
        assert_eq!(clock_duration(TimeDelta::seconds(3661)), "01:01:01");
        assert_eq!(clock_duration(TimeDelta::seconds(90_061)), "1d 01:01:01");
    }

    #[test]
    fn labels_carry_the_year_only_when_it_is_not_this_one() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(day_label(day(2026, 11, 3), today), "Tue 3 Nov");
        assert_eq!(day_label(day(2025, 11, 3), today), "Mon 3 Nov 2025");
        assert_eq!(day_label(day(2027, 1, 1), today), "Fri 1 Jan 2027");
        let tz = FixedOffset::east_opt(3600).unwrap();
        // 23:30 UTC on New Year's Eve is already the next year in UTC+1.
        let at = chrono::Utc
            .with_ymd_and_hms(2025, 12, 31, 23, 30, 0)
            .unwrap();
        assert_eq!(moment_label(at, &tz, today), "Thu 1 Jan 00:30");
    }

    #[test]
    fn a_fixed_zone_day_is_24_hours() {
        let tz = FixedOffset::east_opt(2 * 3600).unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let (s, e) = day_span(d, &tz).unwrap();
        assert_eq!(e - s, TimeDelta::hours(24));
        assert_eq!(s.to_rfc3339(), "2026-03-28T22:00:00+00:00");
    }
}
