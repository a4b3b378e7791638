//! Table tests of each rule in docs/insights.md, with fixed instants and
//! named zones.
#![allow(clippy::disallowed_methods)] // known-small test values

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Berlin;

use super::*;

mod props;
mod windows;
use crate::domain::session::{SessionId, SessionKind, SessionStatus};

/// Day 0 of every test history: Monday 2 March 2026.
pub fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

pub fn day(n: i64) -> NaiveDate {
    if n >= 0 {
        day0().checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        day0().checked_sub_days(Days::new((-n) as u64)).unwrap()
    }
}

/// `hour` o'clock on day `n` in `tz`.
pub fn at<Tz: TimeZone>(tz: &Tz, n: i64, hour: u32) -> DateTime<Utc> {
    let local = day(n).and_hms_opt(hour, 0, 0).unwrap();
    tz.from_local_datetime(&local)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

pub fn reading(at: DateTime<Utc>, mood: u8, source: Source) -> MoodReading {
    MoodReading { at, mood, source }
}

/// A check-in at 20:00 UTC on each day in `days`.
pub fn checkins(days: impl IntoIterator<Item = i64>, mood: u8) -> Vec<MoodReading> {
    days.into_iter()
        .map(|n| reading(at(&Utc, n, 20), mood, Source::CheckIn))
        .collect()
}

pub fn session(id: i64, at: DateTime<Utc>) -> Session {
    Session {
        id: SessionId(id),
        at,
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    }
}

/// Sessions at 10:00 UTC on the given days.
pub fn sessions(days: &[i64]) -> Vec<Session> {
    days.iter()
        .enumerate()
        .map(|(i, n)| session(i as i64 + 1, at(&Utc, *n, 10)))
        .collect()
}

pub struct Fixture {
    pub readings: Vec<MoodReading>,
    pub sessions: Vec<Session>,
    pub therapy: Vec<DateTime<Utc>>,
    pub journal: Vec<DateTime<Utc>>,
    pub results: Vec<Answered>,
    pub margin: f64,
}

impl Fixture {
    pub fn new(readings: Vec<MoodReading>, sessions: Vec<Session>) -> Self {
        Fixture {
            readings,
            sessions,
            therapy: Vec::new(),
            journal: Vec::new(),
            results: Vec::new(),
            margin: DEFAULT_MARGIN,
        }
    }

    pub fn run<Tz: chrono::TimeZone>(&self, now: DateTime<Utc>, tz: &Tz) -> Insights {
        let input = Input {
            readings: &self.readings,
            sessions: &self.sessions,
            facts: PlanFacts {
                journal_times: &self.journal,
                therapy_times: &self.therapy,
                habits: &[],
                ticks: &[],
            },
            results: &self.results,
        };
        let settings = Settings {
            window: &WindowConfig::default(),
            plan: &PlanConfig::default(),
            course: &CourseConfig::default(),
            insight: InsightConfig {
                margin: self.margin,
            },
        };
        analyse(&input, now, tz, &settings)
    }
}

/// The "Done means" history: 14 days at 3, a course of 6 sessions
/// over 17 days, 7 until 21 days after its last session, 3 again, a lone
/// session 60 days after the course and 8 days of 7 after it, then 3.
pub fn done_means() -> Fixture {
    let course = [14, 17, 20, 23, 27, 30];
    let booster = 30 + 60;
    let mut readings = checkins(0..14, 3);
    readings.extend(checkins(14..=30 + 21, 7));
    readings.extend(checkins(30 + 22..=booster, 3));
    readings.extend(checkins(booster + 1..=booster + 8, 7));
    readings.extend(checkins(booster + 9..=booster + 40, 3));
    let mut all = course.to_vec();
    all.push(booster);
    Fixture::new(readings, sessions(&all))
}

#[test]
fn the_done_means_history_is_recovered() {
    let got = done_means().run(at(&Utc, 131, 12), &Utc);
    assert_eq!(got.courses.len(), 1);
    let c = &got.courses[0];
    assert_eq!(
        (c.number, c.sessions, c.baseline, c.status, c.relief_days),
        (Some(1), 6, Some(3.0), ReliefStatus::Returned, Some(21))
    );
    assert_eq!(c.returned_on, Some(day(30 + 22)));
    assert_eq!(got.boosters.len(), 1);
    let b = &got.boosters[0];
    assert_eq!(
        (b.number, b.baseline, b.status, b.relief_days),
        (None, Some(3.0), ReliefStatus::Returned, Some(8))
    );
    let spread = got.booster_spread.unwrap();
    assert_eq!(
        (spread.n, spread.median, spread.min, spread.max),
        (1, 8.0, 8, 8)
    );
    // A session came after the course: no note about it.
    assert_eq!(got.fading, None);
    assert_eq!(got.sparse, None);
    let json = serde_json::to_value(&got.courses[0]).unwrap();
    assert_eq!(json["status"], "returned");
    assert_eq!(json["relief_days"], 21);
}

#[test]
fn a_check_in_stands_for_its_day_and_journal_moods_fill_the_rest() {
    let tz = Berlin;
    let journal = |n, h, m| reading(at(&tz, n, h), m, Source::Journal);
    let check = |n, h, m| reading(at(&tz, n, h), m, Source::CheckIn);
    let readings = vec![
        journal(0, 9, 2),
        journal(0, 21, 9),
        check(0, 22, 5),
        journal(1, 8, 4),
        journal(1, 20, 7),
        check(2, 9, 6),
        check(2, 21, 9),
    ];
    let got = Fixture::new(readings, Vec::new()).run(at(&tz, 3, 12), &tz);
    let days: Vec<(NaiveDate, f64, Source)> =
        got.days.iter().map(|d| (d.day, d.mood, d.source)).collect();
    assert_eq!(
        days,
        vec![
            (day(0), 5.0, Source::CheckIn),
            (day(1), 5.5, Source::Journal),
            (day(2), 7.5, Source::CheckIn),
        ]
    );
    assert_eq!((got.checkins, got.journal_moods), (3, 4));
}

#[test]
fn days_are_local_days_across_a_daylight_saving_change() {
    // Berlin moves to summer time at 01:00 UTC on Sunday 29 March 2026.
    let utc = |d, h, m| Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap();
    let cases = [
        (utc(28, 22, 59), (2026, 3, 28)), // 23:59 winter time
        (utc(28, 23, 30), (2026, 3, 29)), // 00:30 winter time
        (utc(29, 21, 59), (2026, 3, 29)), // 23:59 summer time
        (utc(29, 22, 30), (2026, 3, 30)), // 00:30 summer time
    ];
    for (instant, (y, m, d)) in cases {
        let readings = vec![reading(instant, 6, Source::CheckIn)];
        let got = Fixture::new(readings, Vec::new()).run(utc(31, 12, 0), &Berlin);
        let want = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(got.days[0].day, want, "{instant}");
    }
}

#[test]
fn a_trailing_mean_needs_three_of_seven_days() {
    let readings = [0, 3, 6, 7, 13]
        .into_iter()
        .map(|n| reading(at(&Utc, n, 20), (n % 10 + 1) as u8, Source::CheckIn))
        .collect();
    let got = Fixture::new(readings, Vec::new()).run(at(&Utc, 20, 12), &Utc);
    let trailing: Vec<Option<f64>> = got.days.iter().map(|d| d.trailing).collect();
    // Day 6 sees days 0, 3, 6; day 7 sees 3, 6, 7 (day 0 has left);
    // day 13 sees only 7 and 13.
    assert_eq!(
        trailing,
        vec![None, None, Some(4.0), Some(19.0 / 3.0), None]
    );
}

#[test]
fn readings_after_now_are_left_out() {
    let got = Fixture::new(checkins(0..10, 5), Vec::new()).run(at(&Utc, 4, 12), &Utc);
    assert_eq!(got.days.len(), 4);
    assert_eq!(got.checkins, 4);
}

#[test]
fn a_baseline_is_the_fourteen_days_before_the_first_session() {
    // The course starts on day 20: days 6-19 make its baseline.
    let cases: [(&[i64], Option<f64>); 4] = [
        (&[6, 12, 19], Some(4.0)),
        (&[5, 12, 19], None), // day 5 is 15 days before
        (&[6, 12, 20], None), // the first session's own day is not before it
        (&[7, 8], None),
    ];
    for (days, want) in cases {
        let readings = days
            .iter()
            .map(|n| reading(at(&Utc, *n, 8), 4, Source::Journal))
            .collect();
        let got = Fixture::new(readings, sessions(&[20, 22])).run(at(&Utc, 60, 12), &Utc);
        let c = &got.courses[0];
        assert_eq!(c.baseline, want, "{days:?}");
        if want.is_none() {
            assert_eq!(
                (c.status, c.relief_days),
                (ReliefStatus::NotEnoughData, None)
            );
        }
    }
}

/// Check-ins from one day to another, both included, at one mood.
type Spans<'a> = &'a [(i64, i64, u8)];

#[test]
fn relief_ends_at_the_first_stretch_back_near_the_baseline() {
    // Baseline 4 (margin 0.5); the course's last session is on day 22.
    let cases: [(Spans, ReliefStatus, Option<i64>); 6] = [
        // Mood 5 stays above the baseline plus the margin.
        (&[(23, 40, 5)], ReliefStatus::Holding, None),
        (&[(23, 30, 8), (31, 50, 4)], ReliefStatus::Returned, Some(8)),
        // Three days in a stretch are too few to end it.
        (&[(23, 30, 8), (31, 33, 4)], ReliefStatus::Holding, None),
        (&[(23, 25, 8)], ReliefStatus::NotEnoughData, None),
        (&[(23, 26, 8)], ReliefStatus::Holding, None),
        // Skipped days: four moods in the stretch are enough.
        (
            &[(23, 30, 8), (32, 32, 4), (34, 34, 4), (36, 37, 4)],
            ReliefStatus::Returned,
            Some(8),
        ),
    ];
    for (spans, status, days) in cases {
        let mut readings = checkins(6..20, 4);
        for (from, to, mood) in spans {
            readings.extend(checkins(*from..=*to, *mood));
        }
        let got = Fixture::new(readings, sessions(&[20, 22])).run(at(&Utc, 60, 12), &Utc);
        let c = &got.courses[0];
        assert_eq!((c.status, c.relief_days), (status, days), "{spans:?}");
    }
    let mut within = checkins(6..20, 4);
    within.extend(checkins(23..40, 4));
    let got = Fixture::new(within, sessions(&[20, 22])).run(at(&Utc, 60, 12), &Utc);
    assert_eq!(got.courses[0].relief_days, Some(0));
    assert_eq!(got.courses[0].returned_on, Some(day(23)));
}

#[test]
fn the_margin_comes_from_the_config() {
    let mut readings = checkins(6..20, 4);
    readings.extend(checkins(23..50, 5));
    let mut f = Fixture::new(readings, sessions(&[20, 22]));
    let got = f.run(at(&Utc, 60, 12), &Utc);
    assert_eq!(got.courses[0].status, ReliefStatus::Holding);
    f.margin = 1.0;
    let got = f.run(at(&Utc, 60, 12), &Utc);
    assert_eq!(got.courses[0].relief_days, Some(0));
}

#[test]
fn stretches_stop_at_the_next_session_and_at_today() {
    let mut readings = checkins(6..20, 4);
    readings.extend(checkins(23..=40, 8));
    readings.extend(checkins(41..=60, 4));
    // A booster on day 38 ends the course's stretches before mood fell.
    let got = Fixture::new(readings.clone(), sessions(&[20, 22, 38])).run(at(&Utc, 70, 12), &Utc);
    assert_eq!(got.courses[0].status, ReliefStatus::Holding);
    assert_eq!(got.boosters[0].relief_days, Some(2));
    // Seen from day 38, mood had not fallen yet.
    let got = Fixture::new(readings, sessions(&[20, 22])).run(at(&Utc, 38, 21), &Utc);
    assert_eq!(got.courses[0].status, ReliefStatus::Holding);
}

#[test]
fn a_booster_is_measured_against_the_course_before_it() {
    let mut readings = checkins(6..20, 3);
    readings.extend(checkins(60..75, 6)); // higher before the booster
    readings.extend(checkins(76..=80, 8));
    readings.extend(checkins(81..=100, 6));
    let got = Fixture::new(readings, sessions(&[20, 22, 75])).run(at(&Utc, 110, 12), &Utc);
    let b = &got.boosters[0];
    assert_eq!(b.baseline, Some(3.0));
    // 6 stays above 3.5: the booster's relief holds.
    assert_eq!(b.status, ReliefStatus::Holding);
    // A lone session with no course before it is not analysed.
    let got = Fixture::new(checkins(0..30, 5), sessions(&[20])).run(at(&Utc, 40, 12), &Utc);
    assert!(got.courses.is_empty() && got.boosters.is_empty());
}

#[test]
fn the_spread_of_boosters_has_a_median_and_ends() {
    let relief = |days: Option<i64>| Relief {
        number: None,
        sessions: 1,
        first_session_at: at(&Utc, 0, 10),
        last_session_at: at(&Utc, 0, 10),
        baseline: Some(3.0),
        relief_days: days,
        returned_on: None,
        status: ReliefStatus::Returned,
    };
    let of = |lengths: &[Option<i64>]| {
        relief::spread(&lengths.iter().map(|d| relief(*d)).collect::<Vec<_>>())
            .map(|s| (s.n, s.median, s.min, s.max))
    };
    assert_eq!(of(&[]), None);
    assert_eq!(of(&[None]), None);
    assert_eq!(of(&[Some(9), None, Some(5), Some(7)]), Some((3, 7.0, 5, 9)));
    assert_eq!(
        of(&[Some(9), Some(4), Some(6), Some(8)]),
        Some((4, 7.0, 4, 9))
    );
}

#[test]
fn relief_counts_local_days_across_a_daylight_saving_change() {
    // Course in Berlin on 10 and 12 March; summer time starts 29 March.
    // Check-ins at 00:30 local, which is the day before in UTC.
    let tz = Berlin;
    let check = |n: i64, m: u8| {
        let local = day(n).and_hms_opt(0, 30, 0).unwrap();
        let instant = tz.from_local_datetime(&local).earliest().unwrap();
        reading(instant.with_timezone(&Utc), m, Source::CheckIn)
    };
    let mut readings: Vec<MoodReading> = (-6..8).map(|n| check(n, 3)).collect();
    readings.extend((11..=30).map(|n| check(n, 7)));
    readings.extend((31..=50).map(|n| check(n, 3)));
    let list = vec![session(1, at(&tz, 8, 10)), session(2, at(&tz, 10, 10))];
    let got = Fixture::new(readings.clone(), list.clone()).run(at(&tz, 55, 12), &tz);
    let c = &got.courses[0];
    assert_eq!((c.baseline, c.relief_days), (Some(3.0), Some(20)));
    assert_eq!(c.returned_on, Some(day(31)));
    // Read in UTC every check-in falls a day earlier.
    let got = Fixture::new(readings, list).run(at(&tz, 55, 12), &Utc);
    assert_eq!(got.courses[0].returned_on, Some(day(30)));
}
