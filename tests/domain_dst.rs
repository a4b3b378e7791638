//! Daylight-saving tests of the domain in real zones, pinned with chrono-tz
//! so that they do not depend on the machine's zone.
//!
//! The 2026 changes used here (checked against chrono-tz's tables):
//! - Europe/Berlin: 29 March 02:00 -> 03:00, 25 October 03:00 -> 02:00.
//! - America/New_York: 8 March 02:00 -> 03:00, 1 November 02:00 -> 01:00.
//! - America/Santiago: 4 April 24:00 -> 23:00 (the hour before midnight
//!   happens twice), 6 September 00:00 -> 01:00 (midnight does not exist).
//! - America/Havana: 8 March 00:00 -> 01:00 (midnight does not exist),
//!   1 November 01:00 -> 00:00 (midnight happens twice).

use std::collections::BTreeSet;

use afterglow::domain::habit::{self, Habit, HabitId, HabitRole, Tick};
use afterglow::domain::plan::{self, PlanConfig, PlanFacts, PlanItem, PlanKind, PlanState};
use afterglow::domain::plasticity::{self, WindowConfig};
use afterglow::domain::session::{Session, SessionId, SessionKind, SessionStatus};
use afterglow::domain::{DomainError, time, when};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Timelike, Utc};
use chrono_tz::America::{Havana, New_York, Santiago};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;
use proptest::prelude::*;

#[path = "support/dur.rs"]
mod dur;
#[path = "support/habits.rs"]
mod support_habits;

const ZONES: [Tz; 4] = [Berlin, New_York, Santiago, Havana];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A local wall time that exists exactly once.
fn local(tz: &Tz, s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| panic!("{s} is not a single local time in {tz}"))
        .with_timezone(&Utc)
}

fn wall(tz: &Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(tz).format("%Y-%m-%d %H:%M %:z").to_string()
}

fn span(tz: &Tz, d: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    time::day_span(d, tz).unwrap_or_else(|| panic!("{d} has no span in {tz}"))
}

fn hours(tz: &Tz, d: NaiveDate) -> i64 {
    let (s, e) = span(tz, d);
    (e - s).num_minutes() / 60
}

/// The days of 2026 that are not 24 hours long, per zone.
fn change_days(tz: &Tz) -> Vec<(NaiveDate, i64)> {
    let list: &[(&str, i64)] = match tz.name() {
        "Europe/Berlin" => &[("2026-03-29", 23), ("2026-10-25", 25)],
        "America/New_York" => &[("2026-03-08", 23), ("2026-11-01", 25)],
        "America/Santiago" => &[("2026-04-04", 25), ("2026-09-06", 23)],
        "America/Havana" => &[("2026-03-08", 23), ("2026-11-01", 25)],
        other => panic!("no table for {other}"),
    };
    list.iter().map(|(d, h)| (date(d), *h)).collect()
}

// ------------------------------------------------------------ local days

#[test]
fn change_days_are_23_or_25_hours_long() {
    // (zone, date, hours, wall time the day starts at)
    let cases = [
        (Berlin, "2026-03-28", 24, "2026-03-28 00:00 +01:00"),
        (Berlin, "2026-03-29", 23, "2026-03-29 00:00 +01:00"),
        (Berlin, "2026-03-30", 24, "2026-03-30 00:00 +02:00"),
        (Berlin, "2026-10-25", 25, "2026-10-25 00:00 +02:00"),
        (Berlin, "2026-10-26", 24, "2026-10-26 00:00 +01:00"),
        (New_York, "2026-03-08", 23, "2026-03-08 00:00 -05:00"),
        (New_York, "2026-11-01", 25, "2026-11-01 00:00 -04:00"),
        (Santiago, "2026-04-04", 25, "2026-04-04 00:00 -03:00"),
        (Santiago, "2026-04-05", 24, "2026-04-05 00:00 -04:00"),
        // Midnight is skipped: the day starts at the first minute that exists.
        (Santiago, "2026-09-06", 23, "2026-09-06 01:00 -03:00"),
        (Havana, "2026-03-08", 23, "2026-03-08 01:00 -04:00"),
        // Midnight happens twice: the day starts at the first one.
        (Havana, "2026-11-01", 25, "2026-11-01 00:00 -04:00"),
    ];
    for (tz, d, want_hours, want_start) in cases {
        let d = date(d);
        assert_eq!(hours(&tz, d), want_hours, "{tz} {d}");
        let (start, _) = span(&tz, d);
        assert_eq!(wall(&tz, start), want_start, "{tz} {d}");
        assert_eq!(time::start_of_day(d, &tz), Some(start));
    }
}

#[test]
fn start_of_day_works_when_midnight_does_not_exist() {
    for (tz, d) in [(Santiago, "2026-09-06"), (Havana, "2026-03-08")] {
        let d = date(d);
        let midnight = d.and_hms_opt(0, 0, 0).unwrap();
        assert!(tz.from_local_datetime(&midnight).single().is_none());
        let start = time::start_of_day(d, &tz).unwrap();
        assert_eq!(time::local_date(start, &tz), d);
        // One instant earlier is still the day before: nothing is lost.
        let before = start - TimeDelta::nanoseconds(1);
        assert_eq!(time::local_date(before, &tz), time::prev_day(d).unwrap());
        // The day before ends exactly where this one starts.
        assert_eq!(span(&tz, time::prev_day(d).unwrap()).1, start);
    }
}

#[test]
fn every_day_of_2026_tiles_and_only_change_days_differ() {
    for tz in ZONES {
        let changes = change_days(&tz);
        let mut d = date("2026-01-01");
        while d <= date("2026-12-31") {
            let (s, e) = span(&tz, d);
            let next = time::next_day(d).unwrap();
            assert_eq!(e, span(&tz, next).0, "{tz} {d}: days must meet");
            let want = changes
                .iter()
                .find(|(c, _)| *c == d)
                .map_or(24, |(_, h)| *h);
            assert_eq!(hours(&tz, d), want, "{tz} {d}");
            assert_eq!(time::local_date(s, &tz), d, "{tz} {d}");
            assert_eq!(
                time::local_date(e - TimeDelta::nanoseconds(1), &tz),
                d,
                "{tz} {d}"
            );
            d = next;
        }
    }
}

#[test]
fn a_skipped_calendar_day_does_not_panic() {
    // Samoa skipped 30 December 2011 entirely.
    let apia = chrono_tz::Pacific::Apia;
    let (s, e) = span(&apia, date("2011-12-29"));
    assert_eq!(time::local_date(s, &apia), date("2011-12-29"));
    assert_eq!(time::local_date(e, &apia), date("2011-12-31"));
    let at = local(&apia, "2011-12-29 20:00");
    let hs = habits();
    let items = plan_of(&apia, at, at, &hs, &[]);
    assert!(items.is_ok(), "{items:?}");
}

// ------------------------------------------------------------ plans

/// The plan of a session at `at`, seen at `now`, in the zone, with the
/// default window and plan settings.
fn plan_of(
    tz: &Tz,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    hs: &[Habit],
    ticks: &[Tick],
) -> Result<Vec<PlanItem>, DomainError> {
    plan::plan(
        &done(at),
        &facts(hs, ticks),
        now,
        tz,
        &cfg(),
        &PlanConfig::default(),
    )
}

fn cfg() -> WindowConfig {
    WindowConfig::default()
}

fn done(at: DateTime<Utc>) -> Session {
    Session {
        id: SessionId(1),
        at,
        kind: SessionKind::NasalSpray,
        dose_mg: Some(56.0),
        note: None,
        status: SessionStatus::Done,
    }
}

fn habits() -> Vec<Habit> {
    support_habits::defaults(date("2025-01-01"))
}

fn habit_id(hs: &[Habit], role: HabitRole) -> HabitId {
    hs.iter().find(|h| h.role == role).unwrap().id
}

fn facts<'a>(hs: &'a [Habit], ticks: &'a [Tick]) -> PlanFacts<'a> {
    PlanFacts {
        journal_times: &[],
        therapy_times: &[],
        habits: hs,
        ticks,
    }
}

fn items_of(items: &[PlanItem], kind: PlanKind) -> Vec<&PlanItem> {
    items.iter().filter(|i| i.kind == kind).collect()
}

/// The day-based items of a plan follow the local calendar exactly.
fn check_day_items(tz: &Tz, at: DateTime<Utc>, items: &[PlanItem]) -> Result<(), TestCaseError> {
    let first = time::local_date(at, tz);
    // The day that holds the window's last moment: a window closing at
    // local midnight has no time in the day that midnight starts.
    let last = time::local_date(at + cfg().open_end() - TimeDelta::seconds(1), tz);

    let walk = items_of(items, PlanKind::Exercise);
    prop_assert_eq!(walk.len(), 1);
    let walk_day = time::next_day(first).unwrap();
    prop_assert_eq!(walk[0].day, Some(walk_day));
    prop_assert_eq!((walk[0].starts_at, walk[0].ends_at), span(tz, walk_day));

    let mut days = Vec::new();
    let mut d = first;
    while d <= last {
        days.push(d);
        d = time::next_day(d).unwrap();
    }
    // An evening session's own day asks no meditation.
    let evening = at.with_timezone(tz).hour() >= plan::EVENING_HOUR;
    let meditation_from = usize::from(evening);
    for (kind, want) in [
        (PlanKind::Meditation, &days[meditation_from..]),
        (PlanKind::Sleep, &days[1..]),
    ] {
        let got = items_of(items, kind);
        let got_days: Vec<NaiveDate> = got.iter().map(|i| i.day.unwrap()).collect();
        prop_assert_eq!(&got_days, want, "{:?} in {}", kind, tz);
        for i in got {
            prop_assert_eq!((i.starts_at, i.ends_at), span(tz, i.day.unwrap()));
        }
    }
    let unique: BTreeSet<(PlanKind, Option<NaiveDate>)> =
        items.iter().map(|i| (i.kind, i.day)).collect();
    prop_assert_eq!(unique.len(), items.len(), "no item twice");
    prop_assert!(items.windows(2).all(|w| w[0].starts_at <= w[1].starts_at));
    Ok(())
}

#[test]
fn the_walk_the_evening_before_a_change_covers_the_next_local_day() {
    // (zone, session wall time, walk day, its length in hours)
    let cases = [
        (Berlin, "2026-03-28 21:00", "2026-03-29", 23),
        (Berlin, "2026-10-24 21:00", "2026-10-25", 25),
        (New_York, "2026-03-07 21:00", "2026-03-08", 23),
        (New_York, "2026-10-31 21:00", "2026-11-01", 25),
        (Santiago, "2026-04-03 21:00", "2026-04-04", 25),
        (Santiago, "2026-09-05 21:00", "2026-09-06", 23),
        (Havana, "2026-03-07 21:00", "2026-03-08", 23),
        (Havana, "2026-10-31 21:00", "2026-11-01", 25),
    ];
    let hs = habits();
    for (tz, at, walk_day, len) in cases {
        let at = local(&tz, at);
        let items = plan_of(&tz, at, at, &hs, &[]).unwrap();
        check_day_items(&tz, at, &items).unwrap();
        let walk = items_of(&items, PlanKind::Exercise)[0];
        assert_eq!(walk.day, Some(date(walk_day)), "{tz}");
        assert_eq!(walk.ends_at - walk.starts_at, dur::hours(len), "{tz}");
        assert_eq!(walk.state, PlanState::Upcoming);
    }
}

#[test]
fn a_session_at_half_past_eleven_walks_on_the_next_calendar_date() {
    // 23:30 the night before the clocks go forward. Twenty-four hours later
    // is already 00:30 two dates on in Berlin, and in New York the session
    // is already the next date in UTC; neither may shift the walk.
    for (tz, at) in [
        (Berlin, "2026-03-28 23:30"),
        (New_York, "2026-03-07 23:30"),
        (Santiago, "2026-09-05 23:30"),
        (Havana, "2026-03-07 23:30"),
    ] {
        let at = local(&tz, at);
        let hs = habits();
        let items = plan_of(&tz, at, at, &hs, &[]).unwrap();
        let walk = items_of(&items, PlanKind::Exercise)[0];
        let next_date = time::next_day(time::local_date(at, &tz)).unwrap();
        assert_eq!(walk.day, Some(next_date), "{tz}");
        assert_eq!(hours(&tz, next_date), 23, "{tz}");
        check_day_items(&tz, at, &items).unwrap();
    }
    let berlin = local(&Berlin, "2026-03-28 23:30");
    assert_eq!(
        time::local_date(berlin + dur::hours(24), &Berlin),
        date("2026-03-30")
    );
    assert_eq!(
        time::local_date(local(&New_York, "2026-03-07 23:30"), &Utc),
        date("2026-03-08")
    );
}

#[test]
fn habit_ticks_count_for_their_local_date() {
    // 22:00 in New York is 03:00 UTC on the next date.
    let at = local(&New_York, "2026-03-07 22:00");
    assert_eq!(at, utc("2026-03-08T03:00:00Z"));
    let hs = habits();
    let tick = |role, d: &str, amount| Tick {
        habit: habit_id(&hs, role),
        day: date(d),
        amount: Some(amount),
    };
    let now = at + dur::days(5);
    let state = |ticks: &[Tick], kind, d: &str| {
        let items = plan_of(&New_York, at, now, &hs, ticks).unwrap();
        items
            .iter()
            .find(|i| i.kind == kind && i.day == Some(date(d)))
            .unwrap_or_else(|| panic!("no {kind:?} on {d}"))
            .state
    };
    let walked = [tick(HabitRole::Exercise, "2026-03-08", 30.0)];
    assert_eq!(
        state(&walked, PlanKind::Exercise, "2026-03-08"),
        PlanState::Done
    );
    let walked_a_day_late = [tick(HabitRole::Exercise, "2026-03-09", 30.0)];
    assert_eq!(
        state(&walked_a_day_late, PlanKind::Exercise, "2026-03-08"),
        PlanState::Passed
    );
    let short_walk = [tick(HabitRole::Exercise, "2026-03-08", 10.0)];
    assert_eq!(
        state(&short_walk, PlanKind::Exercise, "2026-03-08"),
        PlanState::Partial
    );
    // 22:00 is evening by the local clock, though 03:00 in UTC: the
    // session's own local date asks no meditation; the next one does.
    let items = plan_of(&New_York, at, now, &hs, &[]).unwrap();
    assert!(
        !items
            .iter()
            .any(|i| i.kind == PlanKind::Meditation && i.day == Some(date("2026-03-07")))
    );
    let sun = [tick(HabitRole::Meditation, "2026-03-08", 15.0)];
    assert_eq!(
        state(&sun, PlanKind::Meditation, "2026-03-08"),
        PlanState::Done
    );
    assert_eq!(
        state(&sun, PlanKind::Meditation, "2026-03-09"),
        PlanState::Passed
    );
    // The first night's sleep is ticked on the date of waking: the 8th,
    // the 23-hour day.
    let slept = [tick(HabitRole::Sleep, "2026-03-08", 8.0)];
    assert_eq!(
        state(&slept, PlanKind::Sleep, "2026-03-08"),
        PlanState::Done
    );
    assert_eq!(
        state(&slept, PlanKind::Sleep, "2026-03-09"),
        PlanState::Passed
    );
}

#[test]
fn streaks_run_straight_through_a_change() {
    let hs = habits();
    let id = habit_id(&hs, HabitRole::Meditation);
    let h = hs.iter().find(|h| h.id == id).unwrap();
    let ticks: Vec<Tick> = ["2026-03-28", "2026-03-29", "2026-03-30"]
        .iter()
        .chain(&["2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27"])
        .map(|d| Tick {
            habit: id,
            day: date(d),
            amount: Some(10.0),
        })
        .collect();
    let s = habit::stats(h, &ticks, date("2026-03-30"), 14.0);
    assert_eq!((s.current_streak, s.best_streak), (3, 3));
    let s = habit::stats(h, &ticks, date("2026-10-27"), 14.0);
    assert_eq!((s.current_streak, s.best_streak), (4, 4));
}

#[test]
fn today_follows_the_local_clock_across_a_change() {
    // 21:30 UTC on 29 March is 23:30 in Berlin (summer time already);
    // 22:30 UTC is 00:30 on the 30th.
    let day = |now| when::parse_day("today", utc(now), &Berlin).unwrap();
    assert_eq!(day("2026-03-29T21:30:00Z"), date("2026-03-29"));
    assert_eq!(day("2026-03-29T22:30:00Z"), date("2026-03-30"));
    // The night before the change the offset is still +01:00.
    assert_eq!(day("2026-03-28T22:30:00Z"), date("2026-03-28"));
    assert_eq!(day("2026-03-28T23:30:00Z"), date("2026-03-29"));
    assert_eq!(
        when::parse_day("yesterday", utc("2026-03-29T22:30:00Z"), &Berlin).unwrap(),
        date("2026-03-29")
    );
}

#[test]
fn the_countdown_is_in_elapsed_hours_not_wall_clock_hours() {
    // The main window is 72 real hours: across the spring change the wall
    // clock shows it closing an hour "later".
    let at = local(&Berlin, "2026-03-28 21:00");
    let c = plasticity::countdown(&[done(at)], at + dur::hours(1), &cfg())
        .unwrap()
        .unwrap();
    assert_eq!(wall(&Berlin, c.window_closes_at), "2026-03-31 22:00 +02:00");
    assert_eq!(c.window_closes_at - at, dur::hours(72));
}

// ------------------------------------------------------------ WHEN

/// The choices a clock-change message offers (the text after "Write" or
/// "Use"), read back in the same zone; a bare clock time is on the day
/// the message names first.
fn choices(tz: &Tz, reason: &str, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let on = reason.split_once(" on ").unwrap().1;
    let words: Vec<&str> = on.split_whitespace().take(3).collect();
    let named = NaiveDate::parse_from_str(&format!("{} 2026", words.join(" ")), "%a %e %b %Y")
        .unwrap_or_else(|e| panic!("{on}: {e}"));
    let tail = reason
        .rsplit_once(". Write ")
        .or_else(|| reason.rsplit_once(". Use "))
        .unwrap_or_else(|| panic!("no choices in {reason:?}"))
        .1
        .trim_end_matches('.');
    tail.split(" or ")
        .map(|choice| {
            // "23:59 on Sat 5 Sep" names another day: read it as that day.
            let text = match choice.split_once(" on ") {
                Some((clock, day)) => {
                    let day = NaiveDate::parse_from_str(&format!("{day} 2026"), "%a %e %b %Y")
                        .unwrap_or_else(|e| panic!("{day}: {e}"));
                    format!("{day} {clock}")
                }
                None if choice.len() <= 8 => format!("{named} {choice}"),
                None => choice.to_string(),
            };
            when::parse_when(&text, now, tz)
                .unwrap_or_else(|e| panic!("{tz}: the choice {text:?} does not read: {e}"))
        })
        .collect()
}

#[test]
fn local_times_in_a_gap_or_a_fold_name_both_choices() {
    let now = utc("2026-06-01T12:00:00Z");
    // (zone, input, the UTC instant, or the message)
    let cases = [
        (Berlin, "2026-03-29 01:59", "2026-03-29T00:59:00Z"),
        (
            Berlin,
            "2026-03-29 02:00",
            "02:00 on Sun 29 Mar does not exist in this time zone: the clocks went from 02:00 to 03:00. Use 01:59 or 03:00.",
        ),
        (
            Berlin,
            "2026-03-29 02:30",
            "02:30 on Sun 29 Mar does not exist in this time zone: the clocks went from 02:00 to 03:00. Use 01:59 or 03:00.",
        ),
        (
            Berlin,
            "2026-03-29T02:59",
            "02:59 on Sun 29 Mar does not exist in this time zone: the clocks went from 02:00 to 03:00. Use 01:59 or 03:00.",
        ),
        (Berlin, "2026-03-29 03:00", "2026-03-29T01:00:00Z"),
        (Berlin, "2026-10-25 01:59", "2026-10-24T23:59:00Z"),
        (
            Berlin,
            "2026-10-25 02:00",
            "02:00 on Sun 25 Oct happens twice in this time zone: the first time (+02:00) or the second, after the clocks went back (+01:00). Write 2026-10-25T02:00+02:00 or 2026-10-25T02:00+01:00.",
        ),
        (
            Berlin,
            "2026-10-25 02:30",
            "02:30 on Sun 25 Oct happens twice in this time zone: the first time (+02:00) or the second, after the clocks went back (+01:00). Write 2026-10-25T02:30+02:00 or 2026-10-25T02:30+01:00.",
        ),
        (
            Berlin,
            "2026-10-25 02:30:15",
            "02:30:15 on Sun 25 Oct happens twice in this time zone: the first time (+02:00) or the second, after the clocks went back (+01:00). Write 2026-10-25T02:30:15+02:00 or 2026-10-25T02:30:15+01:00.",
        ),
        (Berlin, "2026-10-25 03:00", "2026-10-25T02:00:00Z"),
        (Berlin, "2026-10-25T02:30+02:00", "2026-10-25T00:30:00Z"),
        (Berlin, "2026-10-25T02:30+01:00", "2026-10-25T01:30:00Z"),
        (
            New_York,
            "2026-03-08 02:30",
            "02:30 on Sun 8 Mar does not exist in this time zone: the clocks went from 02:00 to 03:00. Use 01:59 or 03:00.",
        ),
        (New_York, "2026-03-08 03:00", "2026-03-08T07:00:00Z"),
        (
            New_York,
            "2026-11-01 01:30",
            "01:30 on Sun 1 Nov happens twice in this time zone: the first time (-04:00) or the second, after the clocks went back (-05:00). Write 2026-11-01T01:30-04:00 or 2026-11-01T01:30-05:00.",
        ),
        (New_York, "2026-11-01 02:00", "2026-11-01T07:00:00Z"),
        // Midnight skipped: the minute before is on the day before.
        (
            Santiago,
            "2026-09-06 00:30",
            "00:30 on Sun 6 Sep does not exist in this time zone: the clocks went from 00:00 to 01:00. Use 23:59 on Sat 5 Sep or 01:00.",
        ),
        (Santiago, "2026-09-06 01:00", "2026-09-06T04:00:00Z"),
        (
            Santiago,
            "2026-04-04 23:30",
            "23:30 on Sat 4 Apr happens twice in this time zone: the first time (-03:00) or the second, after the clocks went back (-04:00). Write 2026-04-04T23:30-03:00 or 2026-04-04T23:30-04:00.",
        ),
        (
            Havana,
            "2026-03-08 00:00",
            "00:00 on Sun 8 Mar does not exist in this time zone: the clocks went from 00:00 to 01:00. Use 23:59 on Sat 7 Mar or 01:00.",
        ),
        // An explicit offset is never in a gap: it names one instant.
        (Berlin, "2026-03-29T02:30:00+01:00", "2026-03-29T01:30:00Z"),
    ];
    for (tz, input, want) in cases {
        let got = when::parse_when(input, now, &tz);
        if want.ends_with('Z') {
            assert_eq!(got, Ok(utc(want)), "{tz} {input}");
            continue;
        }
        match got {
            Err(DomainError::ClockChange {
                input: echoed,
                reason,
            }) => {
                assert_eq!(echoed, input);
                assert_eq!(reason, want, "{tz} {input}");
                let err = when::parse_when(input, now, &tz).unwrap_err().to_string();
                assert_eq!(err, want, "the message is the reason alone");
                // Each choice reads, as the instant the words promise.
                let read = choices(&tz, &reason, now);
                assert_eq!(read.len(), 2, "{reason}");
                assert!(read[0] < read[1], "{reason}");
            }
            other => panic!("{tz} {input}: expected a clock change, got {other:?}"),
        }
    }
}

#[test]
fn the_fold_choices_are_the_first_and_the_second_time() {
    let now = utc("2026-06-01T12:00:00Z");
    let reason = match when::parse_when("2026-10-25 02:30", now, &Berlin) {
        Err(DomainError::ClockChange { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        choices(&Berlin, &reason, now),
        [utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z")]
    );
    let reason = match when::parse_when("2026-03-29 02:30", now, &Berlin) {
        Err(DomainError::ClockChange { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    // 01:59 and 03:00 are one real minute apart.
    assert_eq!(
        choices(&Berlin, &reason, now),
        [utc("2026-03-29T00:59:00Z"), utc("2026-03-29T01:00:00Z")]
    );
}

#[test]
fn relative_times_are_real_hours_across_a_change() {
    // 03:30 on 29 March in Berlin, an hour after the clocks went forward:
    // two real hours back is 00:30, not 01:30.
    let now = local(&Berlin, "2026-03-29 03:30");
    let two = when::parse_when("2h ago", now, &Berlin).unwrap();
    assert_eq!(wall(&Berlin, two), "2026-03-29 00:30 +01:00");
    assert_eq!(when::parse_when("-120m", now, &Berlin), Ok(two));
    // Noon on the day of the autumn change: `-1d` is 24 real hours, and
    // `yesterday` is the same wall time, 25 hours back.
    let now = local(&Berlin, "2026-10-25 12:00");
    let day = when::parse_when("-1d", now, &Berlin).unwrap();
    assert_eq!(wall(&Berlin, day), "2026-10-24 13:00 +02:00");
    let yesterday = when::parse_when("yesterday", now, &Berlin).unwrap();
    assert_eq!(wall(&Berlin, yesterday), "2026-10-24 12:00 +02:00");
    assert_eq!(now - yesterday, dur::hours(25));
    // A weekday alone, across the spring change in New York.
    let now = local(&New_York, "2026-03-09 10:15");
    let sunday = when::parse_when("sunday", now, &New_York).unwrap();
    assert_eq!(wall(&New_York, sunday), "2026-03-08 10:15 -04:00");
    assert_eq!(now - sunday, dur::hours(24));
    let sat = when::parse_when("Sat 23:00", now, &New_York).unwrap();
    assert_eq!(wall(&New_York, sat), "2026-03-07 23:00 -05:00");
}

#[test]
fn a_day_alone_at_a_time_the_day_lacks_names_the_choices() {
    // At 02:30 on the Monday after the spring change, "sunday" means 02:30
    // on the change day, which does not exist.
    let now = local(&Berlin, "2026-03-30 02:30");
    match when::parse_when("sunday", now, &Berlin) {
        Err(DomainError::ClockChange { reason, .. }) => {
            assert!(
                reason.starts_with("02:30 on Sun 29 Mar does not exist"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        when::parse_day("sunday", now, &Berlin),
        Ok(date("2026-03-29"))
    );
}

// ------------------------------------------------------------ properties

/// The UTC instants of each zone's 2026 changes, to search around.
fn changes_utc(tz: &Tz) -> Vec<DateTime<Utc>> {
    change_days(tz)
        .into_iter()
        .map(|(d, _)| span(tz, d).0 + dur::hours(12))
        .collect()
}

fn zone() -> impl Strategy<Value = Tz> {
    proptest::sample::select(ZONES.to_vec())
}

/// A zone and an instant within five days of one of its changes, to the
/// minute (plan items and WHEN input are minute-grained).
fn near_a_change() -> impl Strategy<Value = (Tz, DateTime<Utc>)> {
    (
        zone(),
        any::<proptest::sample::Index>(),
        -5 * 1440i64..=5 * 1440,
    )
        .prop_map(|(tz, which, minutes)| {
            let changes = changes_utc(&tz);
            let c = changes[which.index(changes.len())];
            let base = c - TimeDelta::seconds(c.timestamp().rem_euclid(60));
            (tz, base + dur::minutes(minutes))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn day_items_follow_the_local_calendar(
        (tz, at) in near_a_change(),
        now_offset in -1440i64..6 * 1440,
    ) {
        let hs = habits();
        let now = at + dur::minutes(now_offset);
        let items = plan_of(&tz, at, now, &hs, &[]).unwrap();
        check_day_items(&tz, at, &items)?;
        for i in &items {
            // Nothing is logged, so nothing is done: each step is ahead,
            // open, or has quietly passed; guidance included.
            let want = if now < i.starts_at {
                PlanState::Upcoming
            } else if now < i.ends_at {
                PlanState::Open
            } else {
                PlanState::Passed
            };
            prop_assert_eq!(i.state, want, "{:?}", i.kind);
        }
    }

    #[test]
    fn every_instant_lies_in_its_local_day(tz in zone(), secs in 1_767_225_600i64..1_798_761_600) {
        // Any second of 2026 (UTC).
        let t = DateTime::from_timestamp(secs, 0).unwrap();
        let d = time::local_date(t, &tz);
        let (s, e) = span(&tz, d);
        prop_assert!(s <= t && t < e, "{} not in {}", t, d);
    }

    #[test]
    fn local_wall_times_read_back_or_name_both_times((tz, t) in near_a_change()) {
        let text = t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
        // When an hour earlier or later shows the same wall time, `t` is
        // in a fold, and both times are offered, never one chosen.
        let same = |u: DateTime<Utc>| u.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string() == text;
        let twin = [t - dur::hours(1), t + dur::hours(1)].into_iter().find(|u| same(*u));
        match (when::parse_when(&text, t, &tz), twin) {
            (Ok(parsed), None) => prop_assert_eq!(parsed, t, "{}", text),
            (Err(DomainError::ClockChange { reason, .. }), Some(other)) => {
                let mut both = [t, other];
                both.sort();
                prop_assert_eq!(choices(&tz, &reason, t), both.to_vec(), "{}", reason);
            }
            (got, twin) => prop_assert!(false, "{tz} {text}: {got:?} (twin {twin:?})"),
        }
    }

    /// Any accepted WHEN, of any form, gives an instant whose written form
    /// (`when::write_when`) reads back as the same instant.
    #[test]
    fn accepted_whens_round_trip_through_their_local_form(
        (tz, now) in near_a_change(),
        form in 0usize..7,
        day in prop::sample::select(vec!["today", "yesterday", "tomorrow", "mon", "Tuesday", "WED", "thu", "friday", "sat", "Sunday"]),
        minutes in 0i64..3 * 1440,
        clock in 0u32..24 * 60,
    ) {
        let hhmm = format!("{:02}:{:02}", clock / 60, clock % 60);
        let input = match form {
            0 => hhmm,
            1 => format!("{day} {hhmm}"),
            2 => day.to_string(),
            3 => format!("-{minutes}m"),
            4 => format!("{}h{}m ago", minutes / 60, minutes % 60),
            5 => format!("{} {hhmm}", (now - dur::minutes(minutes)).with_timezone(&tz).format("%Y-%m-%d")),
            _ => "now".to_string(),
        };
        match when::parse_when(&input, now, &tz) {
            Ok(at) => {
                let written = when::write_when(at, &tz);
                prop_assert_eq!(when::parse_when(&written, now, &tz), Ok(at), "{} -> {}", input, written);
                if form == 3 || form == 4 {
                    prop_assert_eq!(now - at, dur::minutes(minutes), "{}", input);
                }
            }
            // Only a wall time the zone skips or repeats is refused.
            Err(DomainError::ClockChange { reason, .. }) => {
                prop_assert!(form != 3 && form != 4 && form != 6, "{}: {}", input, reason);
                prop_assert_eq!(choices(&tz, &reason, now).len(), 2, "{}", reason);
            }
            Err(other) => prop_assert!(false, "{input}: {other:?}"),
        }
    }

    #[test]
    fn minutes_in_a_gap_or_a_fold_never_parse(
        tz in zone(),
        which in any::<proptest::sample::Index>(),
        minute in 0i64..=24 * 60,
    ) {
        // Walk a change day minute by minute in local wall time.
        let days = change_days(&tz);
        let (d, _) = days[which.index(days.len())];
        let naive = d.and_hms_opt(0, 0, 0).unwrap() + dur::minutes(minute);
        let text = naive.format("%Y-%m-%d %H:%M").to_string();
        // Only a wall time that exists exactly once reads; one in a gap or
        // a fold is a clock change.
        let once = tz.from_local_datetime(&naive).single().is_some();
        let parsed = when::parse_when(&text, utc("2026-06-01T12:00:00Z"), &tz);
        prop_assert_eq!(parsed.is_ok(), once, "{}", text);
        if let Err(e) = &parsed {
            prop_assert!(matches!(e, DomainError::ClockChange { .. }), "{}: {:?}", text, e);
        }
        if let Ok(p) = parsed {
            prop_assert_eq!(p.with_timezone(&tz).naive_local(), naive);
        }
    }
}
