//! Reading the times and days people type: `now`, `HH:MM` (today),
//! `today|yesterday|tomorrow HH:MM`, `YYYY-MM-DD HH:MM` in local time,
//! RFC 3339, and for days `YYYY-MM-DD`, `today`, `yesterday`.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::{DomainError, time};

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
    if s.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = match relative_day(s, now, tz) {
        Some(found) => {
            found.ok_or_else(|| bad("that day is outside the range afterglow can handle"))?
        }
        None => ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .ok_or_else(|| bad(WHEN_SYNTAX))?,
    };
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // A wall-clock time that happens twice (clocks go back): the first.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        // No instant either because the zone skips that wall time, or
        // because it lies past either end of the range of time chrono can
        // hold; only the first is a daylight-saving change.
        LocalResult::None => Err(bad(
            if matches!(tz.offset_from_local_datetime(&naive), LocalResult::None) {
                "that local time is skipped by a daylight-saving change"
            } else {
                "that time is outside the range afterglow can handle"
            },
        )),
    }
}

/// What a WHEN may be, for messages and help.
pub const WHEN_SYNTAX: &str = "use now, HH:MM (today), yesterday HH:MM, tomorrow HH:MM, YYYY-MM-DD HH:MM (local time) or RFC 3339";

/// `HH:MM` (today) or `today|yesterday|tomorrow HH:MM` as a local wall
/// time; `None` when the input is not of that shape, `Some(None)` when the
/// day falls outside chrono's range.
fn relative_day<Tz: TimeZone>(
    s: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Option<Option<NaiveDateTime>> {
    let (word, clock) = match s.split_once(char::is_whitespace) {
        Some((w, c)) => (w.to_ascii_lowercase(), c.trim()),
        None => ("today".to_string(), s),
    };
    let time = NaiveTime::parse_from_str(clock, "%H:%M").ok()?;
    let today = time::local_date(now, tz);
    let day = match word.as_str() {
        "today" => Some(today),
        "yesterday" => time::prev_day(today),
        "tomorrow" => time::next_day(today),
        _ => return None,
    };
    Some(day.map(|d| d.and_time(time)))
}

/// Parses a DAY argument in the user's zone.
pub fn parse_day<Tz: TimeZone>(
    input: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<NaiveDate, DomainError> {
    let s = input.trim();
    let today = time::local_date(now, tz);
    let bad = || DomainError::BadDay {
        input: input.to_string(),
    };
    match s.to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => time::prev_day(today).ok_or_else(bad),
        _ => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn when_table() {
        let tz = FixedOffset::east_opt(-5 * 3600).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
        let ok = [
            ("now", "2026-11-23T15:00:00+00:00"),
            (" NOW ", "2026-11-23T15:00:00+00:00"),
            ("2026-11-20 09:30", "2026-11-20T14:30:00+00:00"),
            ("2026-11-20T09:30", "2026-11-20T14:30:00+00:00"),
            ("2026-11-20T09:30:00+01:00", "2026-11-20T08:30:00+00:00"),
            ("2026-11-20T09:30:00Z", "2026-11-20T09:30:00+00:00"),
            // 15:00 UTC is 10:00 on the 23rd in UTC-5.
            ("08:30", "2026-11-23T13:30:00+00:00"),
            ("today 08:30", "2026-11-23T13:30:00+00:00"),
            ("Yesterday  23:10", "2026-11-23T04:10:00+00:00"),
            ("tomorrow 10:00", "2026-11-24T15:00:00+00:00"),
        ];
        for (input, want) in ok {
            assert_eq!(
                parse_when(input, now, &tz).unwrap().to_rfc3339(),
                want,
                "{input}"
            );
        }
        // Past the end of time in a zone behind UTC: not a DST gap.
        let west = FixedOffset::west_opt(14 * 3600).unwrap();
        let last = NaiveDateTime::MAX.format("%Y-%m-%d %H:%M").to_string();
        match parse_when(&last, now, &west) {
            Err(DomainError::BadWhen { reason, .. }) => {
                assert!(reason.contains("outside the range"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        for bad in [
            "",
            "tomorrow",
            "tomorrow 25:00",
            "someday 10:00",
            "2026-13-01 10:00",
            "2026-11-20",
            "10",
            "2026-11-20 25:00",
        ] {
            assert!(parse_when(bad, now, &tz).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn day_table() {
        let tz = FixedOffset::east_opt(9 * 3600).unwrap();
        // 20:00 UTC is already the next day in UTC+9.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 20, 0, 0).unwrap();
        assert_eq!(
            parse_day("today", now, &tz).unwrap().to_string(),
            "2026-11-24"
        );
        assert_eq!(
            parse_day("Yesterday", now, &tz).unwrap().to_string(),
            "2026-11-23"
        );
        assert_eq!(
            parse_day("2026-02-28", now, &tz).unwrap().to_string(),
            "2026-02-28"
        );
        assert!(parse_day("2026-02-30", now, &tz).is_err());
        assert!(parse_day("28/02/2026", now, &tz).is_err());
    }
}
