//! Property and table tests of the pure domain, through the public API only.
//!
//! Instants are drawn from 1900-2200 with nanosecond precision unless a test
//! is about the edges of chrono's range, where it uses its own strategy.

use std::collections::{BTreeMap, BTreeSet};

use afterglow::domain::course::{self, Course, CourseKind};
use afterglow::domain::habit::{self, Habit, HabitId, HabitKind, HabitRole, Schedule, Tick};
use afterglow::domain::plan::{self, PlanConfig, PlanFacts};
use afterglow::domain::plasticity::{self, Countdown, Phase, WindowConfig};
use afterglow::domain::session::{Session, SessionId, SessionKind, SessionStatus};
use afterglow::domain::{CourseConfig, CourseStatus, time, when};
use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

#[path = "support/dur.rs"]
mod dur;
#[path = "support/habits.rs"]
mod support_habits;

// ---------------------------------------------------------------- helpers

fn session(id: i64, at: DateTime<Utc>, status: SessionStatus) -> Session {
    Session {
        id: SessionId(id),
        at,
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status,
    }
}

fn done(id: i64, at: DateTime<Utc>) -> Session {
    session(id, at, SessionStatus::Done)
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn countdown_at(s: &Session, now: DateTime<Utc>, cfg: &WindowConfig) -> Option<Countdown> {
    plasticity::countdown_for(s, now, cfg).expect("in range")
}

/// 1900-01-01 to 2200-01-01, any nanosecond.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-2_208_988_800i64..7_258_118_400i64, 0u32..1_000_000_000)
        .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
}

/// Instants within ten days of chrono's first and last, or anywhere.
fn extreme_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let ten_days = 10 * 86_400i64;
    prop_oneof![
        (0..=ten_days).prop_map(|s| DateTime::<Utc>::MIN_UTC + TimeDelta::seconds(s)),
        (0..=ten_days).prop_map(|s| DateTime::<Utc>::MAX_UTC - TimeDelta::seconds(s)),
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
        instant(),
    ]
}

/// Any valid window: strictly growing boundaries from the default up to
/// a few hundred days, at second precision.
fn window_cfg() -> impl Strategy<Value = WindowConfig> {
    let step = 1i64..=8_000_000; // seconds, up to ~93 days
    prop_oneof![
        1 => Just(WindowConfig::default()),
        4 => (1i64..=36_000, step.clone(), step.clone(), step.clone(), step).prop_map(
            |(acute, a, b, c, d)| {
                let s = TimeDelta::seconds;
                let opening = acute + a;
                let peak = opening + b;
                let open = peak + c;
                let extended = open + d;
                WindowConfig::new(s(acute), s(opening), s(peak), s(open), s(extended))
                    .expect("a strictly growing window under ten years is valid")
            }
        ),
    ]
}

/// Boundaries of a window in order, acute end first.
fn ends(cfg: &WindowConfig) -> [TimeDelta; 5] {
    [
        cfg.acute_end(),
        cfg.opening_end(),
        cfg.peak_end(),
        cfg.open_end(),
        cfg.extended_end(),
    ]
}

/// A config and an elapsed time that often sits on or next to a boundary.
fn cfg_and_elapsed() -> impl Strategy<Value = (WindowConfig, TimeDelta)> {
    window_cfg().prop_flat_map(|cfg| {
        let ext = cfg.extended_end().num_milliseconds();
        let near_bound = (0usize..5, -2i64..=2).prop_map(move |(i, d)| {
            let b = ends(&cfg)[i];
            b + TimeDelta::nanoseconds(d)
        });
        let anywhere = (-ext / 4..ext + ext / 4).prop_map(TimeDelta::milliseconds);
        (Just(cfg), prop_oneof![near_bound, anywhere])
    })
}

// ------------------------------------------------------- phase tables

#[test]
fn phase_boundaries_follow_a_custom_window() {
    // 45 min acute, opening to 12 h, peak to 36 h, open to 96 h, 21 days.
    let cfg = WindowConfig::from_units(45, 12, 36, 96, 21).unwrap();
    let m = dur::minutes;
    let ns = TimeDelta::nanoseconds;
    let cases = [
        (ns(-1), None),
        (m(0), Some(Phase::Acute)),
        (m(45) - ns(1), Some(Phase::Acute)),
        (m(45), Some(Phase::Opening)),
        (m(12 * 60) - ns(1), Some(Phase::Opening)),
        (m(12 * 60), Some(Phase::Peak)),
        (m(24 * 60), Some(Phase::Peak)),
        (m(36 * 60), Some(Phase::Open)),
        (m(72 * 60), Some(Phase::Open)),
        (m(96 * 60) - ns(1), Some(Phase::Open)),
        (m(96 * 60), Some(Phase::Extended)),
        (m(14 * 24 * 60), Some(Phase::Extended)),
        (m(21 * 24 * 60) - ns(1), Some(Phase::Extended)),
        (m(21 * 24 * 60), Some(Phase::Closed)),
        (dur::days(10_000), Some(Phase::Closed)),
    ];
    for (elapsed, want) in cases {
        assert_eq!(cfg.phase_after(elapsed), want, "{elapsed}");
    }
}

#[test]
fn countdown_fields_at_each_boundary_of_a_custom_window() {
    let cfg = WindowConfig::from_units(120, 6, 30, 100, 10).unwrap();
    let s = done(7, t0());
    let h = dur::hours;
    // (elapsed, phase, started, ends, next)
    let cases = [
        (h(0), Phase::Acute, h(0), Some(h(2)), Some(Phase::Opening)),
        (h(2), Phase::Opening, h(2), Some(h(6)), Some(Phase::Peak)),
        (h(6), Phase::Peak, h(6), Some(h(30)), Some(Phase::Open)),
        (
            h(30),
            Phase::Open,
            h(30),
            Some(h(100)),
            Some(Phase::Extended),
        ),
        (
            h(100),
            Phase::Extended,
            h(100),
            Some(h(240)),
            Some(Phase::Closed),
        ),
        (h(240), Phase::Closed, h(240), None, None),
    ];
    for (elapsed, phase, started, phase_end, next) in cases {
        let now = t0() + elapsed;
        let c = countdown_at(&s, now, &cfg).unwrap();
        assert_eq!(c.session, SessionId(7));
        assert_eq!(c.phase, phase, "{elapsed}");
        assert_eq!(c.phase_started_at, t0() + started, "{elapsed}");
        assert_eq!(c.phase_ends_at, phase_end.map(|e| t0() + e), "{elapsed}");
        assert_eq!(c.phase_left, phase_end.map(|e| e - elapsed), "{elapsed}");
        assert_eq!(c.next_phase, next, "{elapsed}");
        assert_eq!(c.window_closes_at, t0() + h(100));
        assert_eq!(c.extended_closes_at, t0() + h(240));
        assert_eq!(c.in_main_window(), phase < Phase::Extended);
    }
    let c = countdown_at(&s, t0() + h(50), &cfg).unwrap();
    assert!((c.window_progress - 0.5).abs() < 1e-12);
    assert_eq!(c.window_left(t0() + h(50)), h(50));
    assert_eq!(c.window_left(t0() + h(500)), TimeDelta::zero());
    assert!(countdown_at(&s, t0() - TimeDelta::nanoseconds(1), &cfg).is_none());
}

#[test]
fn windows_in_units_are_refused_unless_they_grow() {
    // (acute min, opening h, peak h, open h, extended d, ok)
    let cases = [
        (90, 24, 48, 72, 14, true),
        (1, 1, 2, 3, 1, true),
        (59, 1, 2, 3, 1, true),
        (60, 1, 2, 3, 1, false),    // opening ends with acute
        (90, 24, 48, 72, 3, false), // extended (72 h) ends with open
        (90, 24, 48, 71, 3, true),
        (90, 24, 48, 72, 3650, true),
        (90, 24, 48, 72, 3651, false),
        (-5, 24, 48, 72, 14, false),
        (90, -24, 48, 72, 14, false),
        (i64::MAX, 24, 48, 72, 14, false),
        (90, 24, 48, 72, i64::MAX, false),
        (90, i64::MIN, 48, 72, 14, false),
    ];
    for (a, o, p, op, e, ok) in cases {
        assert_eq!(
            WindowConfig::from_units(a, o, p, op, e).is_ok(),
            ok,
            "{a} {o} {p} {op} {e}"
        );
    }
}

// ------------------------------------------------------- countdown props

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn window_new_accepts_exactly_growing_positive_windows(
        raw in proptest::array::uniform5(-1_000i64..400_000),
    ) {
        let d = raw.map(dur::minutes);
        let growing = d[0] > TimeDelta::zero() && d.windows(2).all(|w| w[1] > w[0]);
        let short = d[4] <= dur::days(3650);
        let made = WindowConfig::new(d[0], d[1], d[2], d[3], d[4]);
        prop_assert_eq!(made.is_ok(), growing && short, "{:?}", raw);
        if let Ok(cfg) = made {
            prop_assert_eq!(ends(&cfg), d);
        }
    }

    #[test]
    fn phase_after_walks_the_boundaries_in_order((cfg, elapsed) in cfg_and_elapsed()) {
        let b = ends(&cfg);
        let want = if elapsed < TimeDelta::zero() {
            None
        } else {
            let passed = b.iter().filter(|end| elapsed >= **end).count();
            Some(
                [
                    Phase::Acute,
                    Phase::Opening,
                    Phase::Peak,
                    Phase::Open,
                    Phase::Extended,
                    Phase::Closed,
                ][passed],
            )
        };
        prop_assert_eq!(cfg.phase_after(elapsed), want);
        if let Some(phase) = want {
            let (start, end) = cfg.bounds(phase);
            prop_assert!(start <= elapsed);
            prop_assert!(end.is_none_or(|e| elapsed < e));
        }
    }

    #[test]
    fn countdown_matches_phase_after(
        (cfg, elapsed) in cfg_and_elapsed(),
        at in instant(),
        other_now in instant(),
        use_other in any::<bool>(),
    ) {
        let now = if use_other { other_now } else { at + elapsed };
        let s = done(1, at);
        let c = countdown_at(&s, now, &cfg);
        let via_list = plasticity::countdown(std::slice::from_ref(&s), now, &cfg).unwrap();
        prop_assert_eq!(&c, &via_list);
        match cfg.phase_after(now - at) {
            None => prop_assert!(c.is_none()),
            Some(phase) => {
                let c = c.unwrap();
                prop_assert_eq!(c.phase, phase);
                prop_assert_eq!(c.session_at, at);
                prop_assert!(c.phase_started_at <= now);
                match (c.phase_ends_at, c.phase_left) {
                    (Some(end), Some(left)) => {
                        prop_assert!(end > now);
                        prop_assert!(left > TimeDelta::zero());
                        prop_assert_eq!(now + left, end);
                        prop_assert!(phase < Phase::Closed);
                    }
                    (None, None) => prop_assert_eq!(phase, Phase::Closed),
                    other => prop_assert!(false, "ends and left disagree: {:?}", other),
                }
                prop_assert!((0.0..=1.0).contains(&c.window_progress));
                prop_assert!((0.0..=1.0).contains(&c.extended_progress));
                prop_assert!(c.extended_progress <= c.window_progress);
                prop_assert!(c.extended_closes_at >= c.window_closes_at);
                prop_assert_eq!(c.window_closes_at, at + cfg.open_end());
                prop_assert_eq!(c.extended_closes_at, at + cfg.extended_end());
                prop_assert_eq!(c.in_main_window(), now < c.window_closes_at);
                prop_assert_eq!(c.next_phase.is_none(), phase == Phase::Closed);
                if let Some(next) = c.next_phase {
                    prop_assert!(next > phase);
                    prop_assert_eq!(cfg.bounds(next).0, cfg.bounds(phase).1.unwrap());
                }
                prop_assert!(c.window_left(now) >= TimeDelta::zero());
            }
        }
    }

    #[test]
    fn countdown_only_moves_forward(
        (cfg, e1) in cfg_and_elapsed(),
        step_ms in 0i64..40 * 86_400_000,
        at in instant(),
    ) {
        let e1 = e1.max(TimeDelta::zero());
        let (n1, n2) = (at + e1, at + e1 + TimeDelta::milliseconds(step_ms));
        let s = done(1, at);
        let a = countdown_at(&s, n1, &cfg).unwrap();
        let b = countdown_at(&s, n2, &cfg).unwrap();
        prop_assert!(
            a.window_progress <= b.window_progress,
            "{} > {}",
            a.window_progress,
            b.window_progress
        );
        prop_assert!(a.extended_progress <= b.extended_progress);
        prop_assert!(a.phase <= b.phase);
        prop_assert!(a.window_left(n1) >= b.window_left(n2));
        if n2 >= at + cfg.open_end() {
            prop_assert_eq!(b.window_progress, 1.0);
        }
    }

    #[test]
    fn bands_tile_the_window(cfg in window_cfg(), at in instant()) {
        let b = plasticity::bands(&done(3, at), &cfg).unwrap();
        prop_assert_eq!(b.len(), 5);
        prop_assert_eq!(b[0].starts_at, at);
        prop_assert_eq!(b[4].ends_at, at + cfg.extended_end());
        for (band, phase) in b.iter().zip(Phase::WINDOW) {
            prop_assert_eq!(band.phase, phase);
            prop_assert!(band.starts_at < band.ends_at);
        }
        for w in b.windows(2) {
            prop_assert_eq!(w[0].ends_at, w[1].starts_at);
        }
    }

    /// At the edges of chrono's range every call returns, Ok or Err.
    #[test]
    fn countdown_never_panics_at_the_edges_of_time(
        cfg in window_cfg(),
        at in extreme_instant(),
        now in extreme_instant(),
        planned_at in extreme_instant(),
    ) {
        let list = [done(1, at), session(2, planned_at, SessionStatus::Planned)];
        let result = plasticity::countdown(&list, now, &cfg);
        let _ = plasticity::countdown_for(&list[0], now, &cfg);
        let _ = plasticity::bands(&list[0], &cfg);
        let _ = course::current(&list, now, &CourseConfig::default());
        let _ = afterglow::domain::journal::session_for_entry(&list, now, &cfg);
        if let Ok(Some(c)) = &result {
            prop_assert_eq!(Some(c.phase), cfg.phase_after(now - at));
            prop_assert!((0.0..=1.0).contains(&c.window_progress));
            prop_assert!(c.phase_ends_at.is_none_or(|e| e > now));
        }
        // Past the window's end nothing needs adding, so the answer exists
        // whenever every boundary fits in chrono's range.
        if at <= now && at.checked_add_signed(cfg.extended_end()).is_some() {
            prop_assert!(result.is_ok());
        }
    }
}

fn any_zone() -> impl Strategy<Value = FixedOffset> {
    (-14 * 3600..=14 * 3600).prop_map(|secs| FixedOffset::east_opt(secs).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Local dates, spans and plans near the ends of time: where the local
    /// date does not exist in chrono's range these used to panic.
    #[test]
    fn calendar_code_never_panics_at_the_edges_of_time(
        tz in any_zone(),
        at in extreme_instant(),
        now in extreme_instant(),
    ) {
        let d = time::local_date(at, &tz);
        let _ = time::day_span(d, &tz);
        let _ = time::start_of_day(d, &tz);
        let _ = when::parse_day("today", now, &tz);
        let _ = when::parse_day("yesterday", now, &tz);
        let hs: Vec<Habit> = support_habits::defaults(d);
        let facts = PlanFacts {
            journal_times: &[now],
            therapy_times: &[at],
            habits: &hs,
            ticks: &[],
        };
        let _ = plan::plan(&done(1, at), &facts, now, &tz, &WindowConfig::default(), &PlanConfig::default());
        let zones = [
            chrono_tz::Europe::Berlin,
            chrono_tz::America::Santiago,
            chrono_tz::Pacific::Kiritimati,
        ];
        for zone in zones {
            let _ = time::local_date(at, &zone);
            let _ = plan::plan(&done(1, at), &facts, now, &zone, &WindowConfig::default(), &PlanConfig::default());
        }
    }

    #[test]
    fn local_date_is_the_wall_date(tz in any_zone(), at in instant()) {
        prop_assert_eq!(time::local_date(at, &tz), at.with_timezone(&tz).date_naive());
        let (s, e) = time::day_span(time::local_date(at, &tz), &tz).unwrap();
        prop_assert!(s <= at && at < e);
        prop_assert_eq!(e - s, dur::hours(24));
    }
}

#[test]
fn a_session_at_the_first_instant_gets_a_plan_in_a_zone_behind_utc() {
    let tz = FixedOffset::west_opt(5 * 3600).unwrap();
    let min = DateTime::<Utc>::MIN_UTC;
    let facts = PlanFacts {
        journal_times: &[],
        therapy_times: &[],
        habits: &[],
        ticks: &[],
    };
    assert!(
        plan::plan(
            &done(1, min),
            &facts,
            min,
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default()
        )
        .is_ok()
    );
    let max = DateTime::<Utc>::MAX_UTC;
    let east = FixedOffset::east_opt(14 * 3600).unwrap();
    assert!(when::parse_day("today", max, &east).is_ok());
}

#[test]
fn countdown_at_the_very_end_of_time_is_an_error_not_a_panic() {
    let cfg = WindowConfig::default();
    let max = DateTime::<Utc>::MAX_UTC;
    let min = DateTime::<Utc>::MIN_UTC;
    assert!(plasticity::countdown(&[done(1, max)], max, &cfg).is_err());
    assert!(plasticity::bands(&done(1, max), &cfg).is_err());
    assert_eq!(plasticity::countdown(&[done(1, max)], min, &cfg), Ok(None));
    let c = plasticity::countdown(&[done(1, min)], max, &cfg)
        .unwrap()
        .unwrap();
    assert_eq!(c.phase, Phase::Closed);
    assert_eq!(c.window_progress, 1.0);
    assert!(time::add(max, TimeDelta::nanoseconds(1)).is_err());
    assert!(time::add(min, TimeDelta::nanoseconds(-1)).is_err());
    assert!(time::days(i64::MAX).is_err() && time::hours(i64::MIN).is_err());
    assert!(time::minutes(i64::MAX).is_err());
}

// ------------------------------------------------------- governing

/// An induction-like course: done sessions two to three days apart, with
/// planned sessions scattered among them, in shuffled order.
fn induction() -> impl Strategy<Value = Vec<Session>> {
    (
        instant(),
        proptest::collection::vec(2 * 1440i64..=3 * 1440, 1..9),
        proptest::collection::vec(-2 * 1440i64..30 * 1440, 0..4),
    )
        .prop_flat_map(|(start, gaps, planned)| {
            let mut at = start;
            let mut list = vec![done(1, at)];
            for (i, g) in gaps.iter().enumerate() {
                at += dur::minutes(*g);
                list.push(done(i as i64 + 2, at));
            }
            let last = at;
            for (i, p) in planned.iter().enumerate() {
                let when = last + dur::minutes(*p);
                list.push(session(100 + i as i64, when, SessionStatus::Planned));
            }
            Just(list).prop_shuffle()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_newest_done_session_at_or_before_now_governs(
        list in induction(),
        offset_min in -3 * 1440i64..40 * 1440,
        on_a_session in any::<proptest::sample::Index>(),
        exactly in any::<bool>(),
    ) {
        let first = list.iter().map(|s| s.at).min().unwrap();
        // Now is sometimes exactly on a session, which then governs.
        let now = if exactly {
            list[on_a_session.index(list.len())].at
        } else {
            first + dur::minutes(offset_min)
        };
        let cfg = WindowConfig::default();
        let want = list
            .iter()
            .filter(|s| s.status == SessionStatus::Done && s.at <= now)
            .max_by_key(|s| s.at);
        let got = plasticity::governing(&list, now);
        prop_assert_eq!(got.map(|s| s.id), want.map(|s| s.id));
        if let Some(g) = got {
            prop_assert!(g.is_done());
        }
        let c = plasticity::countdown(&list, now, &cfg).unwrap();
        prop_assert_eq!(c.as_ref().map(|c| c.session), want.map(|s| s.id));
        if let (Some(c), Some(w)) = (c, want) {
            prop_assert_eq!(Some(c.phase), cfg.phase_after(now - w.at));
        }
    }

    #[test]
    fn planned_sessions_never_govern(
        list in induction(),
        now in instant(),
    ) {
        let planned_only: Vec<Session> = list
            .iter()
            .map(|s| Session { status: SessionStatus::Planned, ..s.clone() })
            .collect();
        prop_assert!(plasticity::governing(&planned_only, now).is_none());
        prop_assert_eq!(
            plasticity::countdown(&planned_only, now, &WindowConfig::default()),
            Ok(None)
        );
        let far = list.iter().map(|s| s.at).max().unwrap() + dur::days(1);
        let g = plasticity::governing(&list, far).unwrap();
        prop_assert!(g.is_done());
    }

    #[test]
    fn the_governor_answers_as_governing_does(
        list in induction(),
        offsets in proptest::collection::vec(-3 * 1440i64..40 * 1440, 1..20),
        same_time in any::<bool>(),
    ) {
        // Two sessions at one instant: the higher id governs either way.
        let mut list = list;
        if same_time && list.len() > 1 {
            let at = list[0].at;
            list[1].at = at;
        }
        let governor = plasticity::Governor::new(&list);
        let first = list.iter().map(|s| s.at).min().unwrap();
        let instants = offsets
            .iter()
            .map(|m| first + dur::minutes(*m))
            .chain(list.iter().map(|s| s.at));
        for now in instants {
            prop_assert_eq!(
                governor.at(now).map(|s| s.id),
                plasticity::governing(&list, now).map(|s| s.id)
            );
        }
    }
}

// ------------------------------------------------------- courses

fn course_input() -> impl Strategy<Value = (CourseConfig, Vec<Session>)> {
    (1i64..=14).prop_flat_map(|gap_days| {
        let cfg = CourseConfig::from_units(gap_days, 1, 100, 4, 8).unwrap();
        let gap_min = gap_days * 1440;
        // Steps straddle the gap, with exact hits and equal instants.
        let step = prop_oneof![0..3 * gap_min, Just(gap_min), Just(gap_min - 1), Just(0),];
        (
            Just(cfg),
            instant(),
            proptest::collection::vec((step, any::<bool>()), 0..16),
        )
            .prop_flat_map(|(cfg, start, steps)| {
                let mut at = start;
                let mut list = Vec::new();
                for (i, (m, is_done)) in steps.into_iter().enumerate() {
                    at += dur::minutes(m);
                    let status = if is_done {
                        SessionStatus::Done
                    } else {
                        SessionStatus::Planned
                    };
                    list.push(session(i as i64 + 1, at, status));
                }
                (Just(cfg), Just(list).prop_shuffle())
            })
    })
}

fn at_of(list: &[Session]) -> BTreeMap<SessionId, DateTime<Utc>> {
    list.iter().map(|s| (s.id, s.at)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn courses_split_exactly_at_the_gap((cfg, list) in course_input(), ahead in 0i64..3) {
        // Sometimes before the newest done session, so plans lie ahead.
        let newest = list.iter().filter(|s| s.is_done()).map(|s| s.at).max();
        let now = newest.map_or(DateTime::<Utc>::MIN_UTC, |t| t - dur::minutes(ahead * 1440));
        let cs: Vec<Course> = course::courses(&list, now, &cfg);
        let at = at_of(&list);

        // Every done session in exactly one course; no planned ones.
        let mut seen: Vec<SessionId> = cs.iter().flat_map(|c| c.sessions.iter().copied()).collect();
        seen.sort();
        let mut want: Vec<SessionId> = list.iter().filter(|s| s.is_done()).map(|s| s.id).collect();
        want.sort();
        prop_assert_eq!(seen, want);

        let mut numbered = 0;
        for (i, c) in cs.iter().enumerate() {
            prop_assert!(!c.is_empty());
            prop_assert_eq!(c.first_at, at[&c.sessions[0]]);
            prop_assert_eq!(c.last_at, at[c.sessions.last().unwrap()]);
            // Only the newest run can have plans ahead of it.
            prop_assert!(c.planned_ahead == 0 || i + 1 == cs.len());
            let course = c.len() >= 2 || c.planned_ahead > 0;
            let want = if course {
                CourseKind::Course
            } else if numbered > 0 {
                CourseKind::Booster
            } else {
                CourseKind::Single
            };
            prop_assert_eq!(c.kind, want);
            // Courses are numbered 1, 2, 3...; nothing else is.
            if course {
                numbered += 1;
                prop_assert_eq!(c.number, Some(numbered));
            } else {
                prop_assert_eq!(c.number, None);
            }
            for w in c.sessions.windows(2) {
                let (a, b) = (at[&w[0]], at[&w[1]]);
                prop_assert!(a <= b);
                prop_assert!(b - a < cfg.gap(), "{} apart inside a course", b - a);
            }
            for (pos, id) in c.sessions.iter().enumerate() {
                prop_assert_eq!(c.position(*id), Some(pos + 1));
            }
        }
        for w in cs.windows(2) {
            prop_assert!(w[1].first_at - w[0].last_at >= cfg.gap());
        }
    }

    #[test]
    fn the_current_course_holds_the_governing_session(
        (cfg, list) in course_input(),
        offset_min in -1440i64..60 * 1440,
    ) {
        let Some(first) = list.iter().map(|s| s.at).min() else { return Ok(()); };
        let now = first + dur::minutes(offset_min);
        let view = course::current(&list, now, &cfg).unwrap();
        let gov = plasticity::governing(&list, now);
        prop_assert_eq!(view.is_some(), gov.is_some());
        if let (Some(v), Some(g)) = (view, gov) {
            prop_assert!(v.course.sessions.contains(&g.id));
            // Integration belongs to a finished course, never to a
            // booster or a single session.
            prop_assert_eq!(
                v.integration.is_some(),
                v.status == CourseStatus::Finished && v.course.kind == CourseKind::Course
            );
            if let Some(i) = v.integration {
                prop_assert_eq!(i.starts_at, v.course.last_at);
                prop_assert!(i.min_reached_at <= i.max_reached_at);
                let weeks = (i.min_weeks, i.max_weeks);
                prop_assert_eq!(weeks, cfg.integration_weeks());
            }
            // A course can only be finished once the gap has passed or it
            // reached its planned maximum.
            let below_max = v.course.len() < cfg.induction_range().1 as usize;
            if v.status == CourseStatus::Finished && below_max {
                prop_assert!(now - v.course.last_at >= cfg.gap());
            }
        }
    }
}

// ------------------------------------------------------- habits

fn base_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn day(n: u64) -> NaiveDate {
    base_day().checked_add_days(Days::new(n)).unwrap()
}

fn yes_no(since: NaiveDate) -> Habit {
    Habit {
        id: HabitId(1),
        name: "Walk".into(),
        kind: HabitKind::YesNo,
        role: HabitRole::Custom,
        archived: false,
        since,
        schedule: Schedule::Daily,
    }
}

fn quantity(since: NaiveDate, target: f64) -> Habit {
    Habit {
        kind: HabitKind::Quantity {
            unit: "min".into(),
            target,
        },
        ..yes_no(since)
    }
}

fn tick(on: NaiveDate, amount: Option<f64>) -> Tick {
    Tick {
        habit: HabitId(1),
        day: on,
        amount,
    }
}

/// A habit, its ticks (with some for another habit mixed in), and a day.
fn habit_input() -> impl Strategy<Value = (Habit, Vec<Tick>, NaiveDate)> {
    (
        any::<bool>(),
        0u64..30,
        proptest::collection::btree_map(0u64..70, 0.0f64..60.0, 0..50),
        proptest::collection::vec(0u64..70, 0..10),
        0u64..90,
    )
        .prop_map(|(is_qty, since, ticks, noise, today)| {
            let habit = if is_qty {
                quantity(day(since), 30.0)
            } else {
                yes_no(day(since))
            };
            let mut list: Vec<Tick> = ticks
                .into_iter()
                .map(|(d, amount)| tick(day(d), is_qty.then_some(amount)))
                .collect();
            list.extend(noise.into_iter().map(|d| Tick {
                habit: HabitId(2),
                day: day(d),
                amount: Some(1e5),
            }));
            (habit, list, day(today))
        })
}

/// Met days of the habit on or before `today`, by a naive scan.
fn met_days(habit: &Habit, ticks: &[Tick], today: NaiveDate) -> BTreeSet<NaiveDate> {
    ticks
        .iter()
        .filter(|t| t.habit == habit.id && t.day <= today && habit.is_met(Some(t)))
        .map(|t| t.day)
        .collect()
}

fn naive_best(met: &BTreeSet<NaiveDate>) -> u32 {
    let (mut best, mut run, mut prev) = (0, 0, None::<NaiveDate>);
    for d in met {
        run = if prev.and_then(time::next_day) == Some(*d) {
            run + 1
        } else {
            1
        };
        best = u32::max(best, run);
        prev = Some(*d);
    }
    best
}

fn naive_run_ending(met: &BTreeSet<NaiveDate>, mut d: NaiveDate) -> u32 {
    let mut n = 0;
    while met.contains(&d) {
        n += 1;
        d = time::prev_day(d).unwrap();
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn streaks_match_a_naive_count(
        (habit, ticks, today) in habit_input(),
        half_life in 0.5f64..100.0,
    ) {
        let s = habit::stats(&habit, &ticks, today, half_life);
        let met = met_days(&habit, &ticks, today);
        prop_assert!(s.current_streak <= s.best_streak);
        prop_assert!((0.0..=100.0).contains(&s.strength), "{}", s.strength);
        prop_assert_eq!(s.best_streak, naive_best(&met));
        // Today still open: a run through yesterday counts.
        let current = if met.contains(&today) {
            naive_run_ending(&met, today)
        } else {
            naive_run_ending(&met, time::prev_day(today).unwrap())
        };
        prop_assert_eq!(s.current_streak, current);
        if met.is_empty() {
            prop_assert_eq!(s.best_streak, 0);
        }
    }

    #[test]
    fn counting_from_a_cut_off_matches_a_naive_count_from_there(
        (habit, ticks, today) in habit_input(),
        from in 0u64..90,
    ) {
        // The dashboard's cut-off is always in the past.
        let from = day(from).min(today);
        let s = habit::stats_since(&habit, &ticks, today, 14.0, from);
        let met: BTreeSet<NaiveDate> = met_days(&habit, &ticks, today)
            .into_iter()
            .filter(|d| *d >= from)
            .collect();
        prop_assert_eq!(s.best_streak, naive_best(&met));
        let end = if met.contains(&today) { today } else { time::prev_day(today).unwrap() };
        prop_assert_eq!(s.current_streak, naive_run_ending(&met, end));
        // Open-ended exactly when the run reaches back to the cut-off and
        // something before the cut-off was left uncounted.
        let full = habit::stats(&habit, &ticks, today, 14.0);
        if !s.open_ended {
            prop_assert_eq!(s.current_streak, full.current_streak);
        }
        prop_assert!(s.current_streak <= full.current_streak);
        prop_assert!(s.best_streak <= full.best_streak);
        if from <= habit.since && ticks.iter().all(|t| t.habit != habit.id || t.day >= from) {
            prop_assert_eq!(s, full);
        }
    }

    #[test]
    fn ticking_one_more_day_never_lowers_strength(
        (habit, ticks, today) in habit_input(),
        extra in 0u64..90,
        later in 0u64..30,
        half_life in 0.5f64..100.0,
    ) {
        let d = day(extra);
        // The day starts unticked, then gets a full tick.
        let ticks: Vec<Tick> = ticks
            .into_iter()
            .filter(|t| !(t.habit == habit.id && t.day == d))
            .collect();
        let mut more = ticks.clone();
        more.push(tick(d, habit.target()));
        for on in [d, d.checked_add_days(Days::new(later)).unwrap(), today] {
            let before = habit::stats(&habit, &ticks, on, half_life);
            let after = habit::stats(&habit, &more, on, half_life);
            prop_assert!(
                after.strength >= before.strength,
                "{on}: {} -> {}",
                before.strength,
                after.strength
            );
            prop_assert!(after.best_streak >= before.best_streak);
            prop_assert!(after.current_streak >= before.current_streak);
        }
    }

    #[test]
    fn strength_halves_after_one_half_life_of_misses(
        (habit, ticks, _) in habit_input(),
        half_life in 1u64..60,
    ) {
        let mine: Vec<Tick> = ticks.iter().copied().filter(|t| t.habit == habit.id).collect();
        let last = mine.iter().map(|t| t.day).max().unwrap_or(habit.since).max(habit.since);
        let then = habit::stats(&habit, &ticks, last, half_life as f64).strength;
        let later = last.checked_add_days(Days::new(half_life)).unwrap();
        let now = habit::stats(&habit, &ticks, later, half_life as f64).strength;
        prop_assert!((now - then / 2.0).abs() < 1e-9, "{then} -> {now}");
    }

    #[test]
    fn future_ticks_and_other_habits_are_ignored((habit, ticks, today) in habit_input()) {
        let mine_until_today: Vec<Tick> = ticks
            .iter()
            .copied()
            .filter(|t| t.habit == habit.id && t.day <= today)
            .collect();
        prop_assert_eq!(
            habit::stats(&habit, &ticks, today, 14.0),
            habit::stats(&habit, &mine_until_today, today, 14.0)
        );
    }
}

#[test]
fn a_daily_habit_halves_after_fourteen_missed_days() {
    let h = yes_no(day(0));
    let daily: Vec<Tick> = (0..60).map(|n| tick(day(n), None)).collect();
    let at_last = habit::stats(&h, &daily, day(59), 14.0);
    assert_eq!(at_last.current_streak, 60);
    assert_eq!(at_last.best_streak, 60);
    let after = habit::stats(&h, &daily, day(59 + 14), 14.0);
    assert!((after.strength - at_last.strength / 2.0).abs() < 1e-9);
    assert_eq!(after.current_streak, 0);
    assert_eq!(after.best_streak, 60);
    // One day of misses, still within the "today is open" grace.
    assert_eq!(habit::stats(&h, &daily, day(60), 14.0).current_streak, 60);
    assert_eq!(habit::stats(&h, &daily, day(61), 14.0).current_streak, 0);
}

#[test]
fn strength_of_a_daily_habit_climbs_towards_full() {
    let h = yes_no(day(0));
    let daily: Vec<Tick> = (0..=200).map(|n| tick(day(n), None)).collect();
    let mut prev = 0.0;
    for n in [0u64, 1, 7, 14, 28, 100, 200] {
        let s = habit::stats(&h, &daily, day(n), 14.0).strength;
        assert!(s > prev, "day {n}: {s} <= {prev}");
        prev = s;
    }
    // After 14 days of practice the score is half way: the same half-life
    // that governs forgetting governs learning.
    let two_weeks = habit::stats(&h, &daily, day(13), 14.0).strength;
    assert!((two_weeks - 50.0).abs() < 1e-9, "{two_weeks}");
    assert!(prev > 99.0);
}

// Weekly habits (issue 12). Weeks are ISO weeks, Monday to Sunday;
// 2026-01-05 is a Monday.

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

/// `n` distinct days of a week (0 is Monday), from a shuffle's keys.
fn days_of_week(n: usize, keys: [u32; 7]) -> Vec<u64> {
    let mut order: Vec<u64> = (0..7).collect();
    order.sort_by_key(|d| keys[*d as usize]);
    order.truncate(n);
    order
}

fn weekly_input() -> impl Strategy<Value = (Habit, Vec<Tick>, NaiveDate)> {
    (
        1u8..=6,
        0u64..30,
        proptest::collection::btree_set(0u64..120, 0..70),
        0u64..130,
        any::<bool>(),
    )
        .prop_map(|(n, since, days, today, is_qty)| {
            let base = if is_qty {
                quantity(monday(), 30.0)
            } else {
                yes_no(monday())
            };
            let habit = Habit {
                since: monday().checked_add_days(Days::new(since)).unwrap(),
                schedule: Schedule::PerWeek(n),
                ..base
            };
            let at = |d: u64| monday().checked_add_days(Days::new(d)).unwrap();
            let ticks = days
                .into_iter()
                .map(|d| Tick {
                    habit: HabitId(1),
                    day: at(d),
                    amount: is_qty.then_some(if d % 3 == 0 { 10.0 } else { 30.0 }),
                })
                .collect();
            (habit, ticks, at(today))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A habit ticked on exactly N days of each of `weeks` weeks, whichever
    /// days, has a streak of `weeks` and full strength: what a daily habit
    /// done on every one of those days has.
    #[test]
    fn n_days_in_each_week_is_a_streak_of_weeks_at_full_strength(
        n in 1usize..=6,
        keys in proptest::collection::vec(any::<[u32; 7]>(), 1..20),
        half_life in 1.0f64..60.0,
    ) {
        let weekly = Habit {
            schedule: Schedule::PerWeek(n as u8),
            ..yes_no(monday())
        };
        let daily = yes_no(monday());
        let weeks = keys.len() as u64;
        let at = |d: u64| monday().checked_add_days(Days::new(d)).unwrap();
        let mut ticks = Vec::new();
        for (w, k) in keys.iter().enumerate() {
            for d in days_of_week(n, *k) {
                ticks.push(tick(at(w as u64 * 7 + d), None));
            }
        }
        let every: Vec<Tick> = (0..weeks * 7).map(|d| tick(at(d), None)).collect();
        // Today is the last week's Sunday.
        let today = at(weeks * 7 - 1);
        let s = habit::stats(&weekly, &ticks, today, half_life);
        let full = habit::stats(&daily, &every, today, half_life);
        prop_assert_eq!(s.current_streak as u64, weeks);
        prop_assert_eq!(s.best_streak as u64, weeks);
        prop_assert!((s.strength - full.strength).abs() < 1e-9, "{} vs {}", s.strength, full.strength);
        // One day fewer in the last week than asked: not full strength.
        // With today still free the week can be met yet, so the streak
        // runs on from the week before; with today ticked it cannot.
        let fewer = &ticks[..ticks.len() - 1];
        let s = habit::stats(&weekly, fewer, today, half_life);
        prop_assert!(s.strength <= full.strength + 1e-9);
        // (Unless many weeks at a short half-life already round to 100.)
        if full.strength < 99.99 {
            prop_assert!(s.strength < full.strength);
        }
        let today_ticked = fewer.iter().any(|t| t.day == today);
        let streak = if today_ticked { 0 } else { weeks - 1 };
        prop_assert_eq!(s.current_streak as u64, streak);
    }

    #[test]
    fn weekly_streaks_stay_in_bounds_and_no_tick_lowers_them(
        (habit, ticks, today) in weekly_input(),
        extra in 0u64..130,
        half_life in 0.5f64..100.0,
    ) {
        let s = habit::stats(&habit, &ticks, today, half_life);
        prop_assert!(s.current_streak <= s.best_streak);
        prop_assert!((0.0..=100.0).contains(&s.strength), "{}", s.strength);
        let weeks = today.signed_duration_since(monday()).num_days() / 7 + 1;
        prop_assert!(i64::from(s.best_streak) <= weeks);

        let d = monday().checked_add_days(Days::new(extra)).unwrap();
        let ticks: Vec<Tick> = ticks.into_iter().filter(|t| t.day != d).collect();
        let mut more = ticks.clone();
        more.push(tick(d, habit.target()));
        let before = habit::stats(&habit, &ticks, today, half_life);
        let after = habit::stats(&habit, &more, today, half_life);
        prop_assert!(after.strength >= before.strength - 1e-12, "{} -> {}", before.strength, after.strength);
        prop_assert!(after.current_streak >= before.current_streak);
        prop_assert!(after.best_streak >= before.best_streak);
    }
}
