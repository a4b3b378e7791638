//! Property tests: the analysis never panics, is blind to where in time a
//! history sits, and recovers a relief of known length exactly.
#![allow(clippy::disallowed_methods)] // known-small test values

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use proptest::prelude::*;

use super::*;
use crate::domain::session::SessionStatus;

/// 2020-2031, so that readings and sessions crowd the same days.
fn near_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_577_836_800i64..1_924_992_000).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

/// Anywhere from chrono's first instant to its last, often at the ends.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        near_instant(),
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
        (DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp())
            .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap()),
    ]
}

fn readings_from(
    at: impl Strategy<Value = DateTime<Utc>>,
) -> impl Strategy<Value = Vec<MoodReading>> {
    proptest::collection::vec(
        (at, 1u8..=10, any::<bool>()).prop_map(|(at, mood, check)| MoodReading {
            at,
            mood,
            source: if check {
                Source::CheckIn
            } else {
                Source::Journal
            },
        }),
        0..120,
    )
}

fn sessions_from(at: impl Strategy<Value = DateTime<Utc>>) -> impl Strategy<Value = Vec<Session>> {
    proptest::collection::vec((at, any::<bool>()), 0..24).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (at, done))| {
                let mut s = session(i as i64, at);
                if !done {
                    s.status = SessionStatus::Planned;
                }
                s
            })
            .collect()
    })
}

fn check_invariants(got: &Insights) {
    for r in got.courses.iter().chain(&got.boosters) {
        if let Some(d) = r.relief_days {
            assert!(d >= 0, "{r:?}");
            assert_eq!(r.status, ReliefStatus::Returned);
        }
        if r.baseline.is_none() {
            assert_eq!(r.status, ReliefStatus::NotEnoughData);
        }
    }
    assert!(got.days.windows(2).all(|w| w[0].day < w[1].day));
    assert_eq!(got.sparse.is_some(), got.days.len() < SPARSE_DAYS);
}

proptest! {
    #[test]
    fn analyse_never_panics_and_relief_is_never_negative(
        readings in readings_from(near_instant()),
        sessions in sessions_from(near_instant()),
        now in near_instant(),
        margin in 0.0f64..3.0,
        berlin in any::<bool>(),
    ) {
        let mut f = Fixture::new(readings, sessions);
        f.margin = margin;
        let got = if berlin { f.run(now, &Berlin) } else { f.run(now, &Utc) };
        check_invariants(&got);
    }

    #[test]
    fn analyse_never_panics_at_the_ends_of_time(
        readings in readings_from(any_instant()),
        sessions in sessions_from(any_instant()),
        now in any_instant(),
    ) {
        let f = Fixture::new(readings, sessions);
        check_invariants(&f.run(now, &Berlin));
        check_invariants(&f.run(now, &FixedOffset::west_opt(11 * 3600).unwrap()));
    }

    #[test]
    fn a_constant_mood_never_shows_relief(
        mood in 1u8..=10,
        days in proptest::collection::btree_set(15i64..200, 1..10),
        now_day in 20i64..260,
    ) {
        let days: Vec<i64> = days.into_iter().collect();
        let f = Fixture::new(checkins(0..=now_day, mood), sessions(&days));
        let got = f.run(at(&Utc, now_day, 21), &Utc);
        for r in got.courses.iter().chain(&got.boosters) {
            prop_assert_ne!(r.status, ReliefStatus::Holding);
            prop_assert!(matches!(r.relief_days, None | Some(0)), "{:?}", r);
        }
    }

    #[test]
    fn shifting_everything_by_whole_days_shifts_the_return_day(
        readings in readings_from(near_instant()),
        sessions in sessions_from(near_instant()),
        now in near_instant(),
        shift in -4000i64..4000,
        east in -12i32..=14,
    ) {
        let tz = FixedOffset::east_opt(east * 3600).unwrap();
        let by = TimeDelta::days(shift);
        let before = Fixture::new(readings.clone(), sessions.clone()).run(now, &tz);
        let moved = Fixture::new(
            readings.iter().map(|r| MoodReading { at: r.at + by, ..*r }).collect(),
            sessions.iter().map(|s| Session { at: s.at + by, ..s.clone() }).collect(),
        )
        .run(now + by, &tz);
        let key = |i: &Insights| -> Vec<(ReliefStatus, Option<i64>, Option<f64>)> {
            i.courses.iter().chain(&i.boosters).map(|r| (r.status, r.relief_days, r.baseline)).collect()
        };
        prop_assert_eq!(key(&before), key(&moved));
        let days = |i: &Insights| -> Vec<Option<NaiveDate>> {
            i.courses.iter().chain(&i.boosters).map(|r| r.returned_on).collect()
        };
        let shifted: Vec<Option<NaiveDate>> = days(&before)
            .into_iter()
            .map(|d| d.map(|d| d + by))
            .collect();
        prop_assert_eq!(shifted, days(&moved));
    }

    #[test]
    fn a_known_relief_is_recovered_exactly(
        relief in 3i64..60,
        booster_relief in 3i64..30,
        base in 1u8..=5,
        lift in 4u8..=5,
        gaps in proptest::collection::vec(1i64..=6, 1..8),
        noise in proptest::collection::vec(1u8..=10, 200),
    ) {
        // A lift of four or more: a stretch holding a single lifted day
        // then stays above the baseline plus the margin, so the return
        // day is exact (docs/insights.md).
        let high = base + lift;
        let mut days = vec![14i64];
        for g in &gaps {
            days.push(days[days.len() - 1] + g);
        }
        let last = days[days.len() - 1];
        let booster = last + relief + 40;
        let end = booster + booster_relief + 30;
        let mut readings = checkins(0..14, base);
        readings.extend(checkins(14..=last + relief, high));
        readings.extend(checkins(last + relief + 1..=booster, base));
        readings.extend(checkins(booster + 1..=booster + booster_relief, high));
        readings.extend(checkins(booster + booster_relief + 1..=end, base));
        // Journal moods on days with a check-in change nothing.
        readings.extend(noise.iter().enumerate().map(|(i, m)| {
            reading(at(&Utc, i as i64, 9), *m, Source::Journal)
        }));
        days.push(booster);
        let got = Fixture::new(readings, sessions(&days)).run(at(&Utc, end, 22), &Utc);
        prop_assert_eq!(got.courses.len(), 1);
        let c = &got.courses[0];
        prop_assert_eq!((c.baseline, c.status, c.relief_days), (Some(f64::from(base)), ReliefStatus::Returned, Some(relief)));
        let b = &got.boosters[0];
        prop_assert_eq!((b.status, b.relief_days), (ReliefStatus::Returned, Some(booster_relief)));
    }
}
