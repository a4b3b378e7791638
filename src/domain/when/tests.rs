use super::*;
use chrono::FixedOffset;

fn rfc(t: Result<DateTime<Utc>, DomainError>) -> String {
    match t {
        Ok(t) => t.to_rfc3339(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn when_table() {
    let tz = FixedOffset::east_opt(-5 * 3600).unwrap();
    // A Monday: 15:00 UTC is 10:00 on Mon 23 Nov in UTC-5.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let ok = [
        ("now", "2026-11-23T15:00:00+00:00"),
        (" NOW ", "2026-11-23T15:00:00+00:00"),
        ("2026-11-20 09:30", "2026-11-20T14:30:00+00:00"),
        ("2026-11-20T09:30", "2026-11-20T14:30:00+00:00"),
        ("2026-11-20 09:30:15", "2026-11-20T14:30:15+00:00"),
        ("2026-11-20T09:30:00+01:00", "2026-11-20T08:30:00+00:00"),
        ("2026-11-20T09:30:00Z", "2026-11-20T09:30:00+00:00"),
        ("2026-11-20T09:30+01:00", "2026-11-20T08:30:00+00:00"),
        ("2026-11-20 09:30-05:00", "2026-11-20T14:30:00+00:00"),
        ("08:30", "2026-11-23T13:30:00+00:00"),
        ("today 08:30", "2026-11-23T13:30:00+00:00"),
        ("Yesterday  23:10", "2026-11-23T04:10:00+00:00"),
        ("tomorrow 10:00", "2026-11-24T15:00:00+00:00"),
        // A day alone: that day at the time of day it is now (10:00).
        ("today", "2026-11-23T15:00:00+00:00"),
        ("yesterday", "2026-11-22T15:00:00+00:00"),
        ("2026-11-20", "2026-11-20T15:00:00+00:00"),
        // Weekdays: the last one before today, so Monday is a week ago.
        ("monday", "2026-11-16T15:00:00+00:00"),
        ("Mon 14:00", "2026-11-16T19:00:00+00:00"),
        ("SUNDAY 21:00", "2026-11-23T02:00:00+00:00"),
        ("sun", "2026-11-22T15:00:00+00:00"),
        ("tue 08:00:30", "2026-11-17T13:00:30+00:00"),
        ("wed", "2026-11-18T15:00:00+00:00"),
        // Time gone by, exactly.
        ("-2h", "2026-11-23T13:00:00+00:00"),
        ("-90m", "2026-11-23T13:30:00+00:00"),
        ("-1d", "2026-11-22T15:00:00+00:00"),
        ("2h ago", "2026-11-23T13:00:00+00:00"),
        ("90M AGO", "2026-11-23T13:30:00+00:00"),
        ("1d ago", "2026-11-22T15:00:00+00:00"),
        ("1h30m ago", "2026-11-23T13:30:00+00:00"),
        ("1d 2h 30m ago", "2026-11-22T12:30:00+00:00"),
        ("-0m", "2026-11-23T15:00:00+00:00"),
    ];
    for (input, want) in ok {
        assert_eq!(rfc(parse_when(input, now, &tz)), want, "{input}");
    }
    for bad in [
        "",
        "   ",
        "tomorrow 25:00",
        "someday 10:00",
        "someday",
        "2026-13-01 10:00",
        "2026-13-01",
        "10",
        "2026-11-20 25:00",
        "mo",
        "mond",
        "monday 14",
        "monday 14:00 extra",
        "last monday",
        "-",
        "ago",
        "2h",
        "2hago",
        "-2h ago",
        "+2h",
        "2x ago",
        "h ago",
        "30m1h ago",
        "1h1h ago",
        "-2 h",
        "2h ago now",
    ] {
        match parse_when(bad, now, &tz) {
            Err(DomainError::BadWhen { input, reason }) => {
                assert_eq!(input, bad);
                assert_eq!(reason, WHEN_SYNTAX, "{bad:?}");
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}

#[test]
fn durations_too_long_to_count_are_refused_calmly() {
    let tz = FixedOffset::east_opt(0).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    for input in [
        "99999999999999999999999h ago",
        "-9223372036854775807d",
        "-999999999999d",
        "106751991167300d ago",
    ] {
        match parse_when(input, now, &tz) {
            Err(DomainError::BadWhen { reason, .. }) => assert_eq!(reason, TOO_FAR, "{input}"),
            other => panic!("{input}: {other:?}"),
        }
    }
    // Near the start of time, a short step back is too far too.
    let first = DateTime::<Utc>::MIN_UTC;
    assert!(parse_when("-1m", first, &tz).is_err());
    assert_eq!(parse_when("-0m", first, &tz), Ok(first));
}

#[test]
fn past_the_end_of_time_is_not_a_clock_change() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    // Past the end of time in a zone behind UTC.
    let west = FixedOffset::west_opt(14 * 3600).unwrap();
    let last = NaiveDateTime::MAX.format("%Y-%m-%d %H:%M").to_string();
    match parse_when(&last, now, &west) {
        Err(DomainError::BadWhen { reason, .. }) => assert_eq!(reason, OUT_OF_RANGE),
        other => panic!("{other:?}"),
    }
    // A weekday or yesterday before the first day there is.
    let first = DateTime::<Utc>::MIN_UTC;
    let east = FixedOffset::east_opt(0).unwrap();
    for input in ["yesterday", "yesterday 10:00", "mon", "fri 10:00"] {
        match parse_when(input, first, &east) {
            Err(DomainError::BadWhen { reason, .. }) => assert_eq!(reason, OUT_OF_RANGE),
            other => panic!("{input}: {other:?}"),
        }
    }
}

#[test]
fn a_weekday_is_never_today() {
    let tz = FixedOffset::east_opt(0).unwrap();
    // Wed 2 Dec 2026 at 09:20.
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 9, 20, 0).unwrap();
    let day = |s| parse_day(s, now, &tz).unwrap().to_string();
    assert_eq!(day("wednesday"), "2026-11-25");
    assert_eq!(day("Wed"), "2026-11-25");
    assert_eq!(day("tuesday"), "2026-12-01");
    assert_eq!(day("THU"), "2026-11-26");
    assert_eq!(day("today"), "2026-12-02");
    assert!(parse_day("tomorrow", now, &tz).is_err());
    assert!(parse_day("wednesday 10:00", now, &tz).is_err());
}

#[test]
fn day_table() {
    let tz = FixedOffset::east_opt(9 * 3600).unwrap();
    // 20:00 UTC is already the next day in UTC+9.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 20, 0, 0).unwrap();
    let day = |s| parse_day(s, now, &tz).map(|d| d.to_string());
    assert_eq!(day("today").unwrap(), "2026-11-24");
    assert_eq!(day("Yesterday").unwrap(), "2026-11-23");
    assert_eq!(day("2026-02-28").unwrap(), "2026-02-28");
    // The 24th is a Tuesday there.
    assert_eq!(day("monday").unwrap(), "2026-11-23");
    assert_eq!(day("tue").unwrap(), "2026-11-17");
    for bad in ["2026-02-30", "28/02/2026", "someday", "-2h", "now"] {
        match parse_day(bad, now, &tz) {
            Err(e @ DomainError::BadDay { .. }) => assert!(e.to_string().contains("weekday")),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn what_is_written_reads_back() {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    for t in [
        Utc.with_ymd_and_hms(2026, 11, 20, 8, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 20, 8, 30, 15).unwrap(),
    ] {
        let text = write_when(t, &tz);
        assert_eq!(parse_when(&text, now, &tz), Ok(t), "{text}");
    }
    assert_eq!(
        write_when(Utc.with_ymd_and_hms(2026, 11, 20, 8, 30, 0).unwrap(), &tz),
        "2026-11-20 09:30"
    );
}

#[test]
fn the_help_names_every_form_once() {
    assert_eq!(
        WHEN_SYNTAX,
        "use now, HH:MM, yesterday HH:MM, a weekday (mon 14:00), -2h, 90m ago or YYYY-MM-DD [HH:MM], in local time"
    );
    // The hints are examples of the same forms, and read as WHENs.
    let tz = FixedOffset::east_opt(0).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    for example in HINT_PAST.split(", ") {
        assert!(parse_when(example, now, &tz).is_ok(), "{example}");
    }
    assert!(parse_when("tomorrow 10:00", now, &tz).is_ok());
}
