use super::make::made_up;
use super::*;
use crate::domain::course::{CourseConfig, courses};
use crate::domain::time;
use crate::domain::{SessionId, session};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono::{FixedOffset, Timelike};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 18, 30, 0).unwrap()
}

fn zone() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

/// The shipped weekly reflection, as `afterglow demo` hands it in.
fn reflection() -> crate::domain::questionnaire::Questionnaire {
    use crate::config::questionnaires::{SHIPPED, parse};
    parse(SHIPPED, std::path::Path::new("reflection.toml")).unwrap()
}

fn demo(years: u32, seed: u64) -> Demo {
    made_up(years, seed, now(), &zone(), Some(&reflection())).unwrap()
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
    assert_ne!(demo(3, 7).checkins, demo(3, 8).checkins);
}

#[test]
fn years_outside_the_range_are_refused() {
    for years in [0, MAX_YEARS + 1, u32::MAX] {
        let e = made_up(years, 1, now(), &zone(), None).unwrap_err();
        assert_eq!(e, DemoError::Years(years));
        assert!(e.to_string().contains("1 to 50 years"), "{e}");
    }
    assert!(made_up(MAX_YEARS, 1, now(), &zone(), None).is_ok());
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
        d.sessions
            .iter()
            .any(|s| at - s.at >= time::hours(24).unwrap() && at - s.at <= time::hours(72).unwrap())
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
    let a = made_up(3, 9, now(), &berlin, Some(&reflection())).unwrap();
    let b = made_up(3, 9, now(), &auckland, None).unwrap();
    assert!(a.sessions.len() > 20 && b.sessions.len() > 20);
    for s in &a.sessions {
        let local = s.at.with_timezone(&berlin);
        assert!((9..=15).contains(&local.hour()), "{local}");
    }
}

mod written {
    use super::*;
    use crate::store::{Db, StoreError};

    fn sample(years: u32) -> History {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 18, 30, 0).unwrap();
        generate_answering(years, DEFAULT_SEED, now, &Utc, &reflection()).unwrap()
    }

    /// Through the ordinary import path, as `afterglow demo` writes it.
    #[test]
    fn a_demo_is_written_whole_and_only_once() {
        let mut db = Db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        db.ensure_defaults(today).unwrap();
        let d = sample(2);
        let counts = db.import(&batch(d.clone()), false).unwrap();
        assert_eq!(counts.added.sessions, d.sessions.len());
        assert_eq!(counts.added.journal, d.journal.len());
        assert_eq!(counts.added.ticks, d.ticks.len());
        assert_eq!(counts.added.checkins, d.checkins.len());
        assert_eq!(
            counts.added.questionnaire_results,
            d.questionnaire_results.len()
        );
        assert!(counts.added.questionnaire_results > 30);
        assert!(counts.added.checkins > 400);
        assert_eq!(
            counts.added.habits,
            d.habits.len() - 3,
            "the defaults are reused"
        );
        assert_eq!(counts.already_there.habits, 3);
        assert!(!db.is_empty_history().unwrap());

        let export = db.export(now()).unwrap();
        assert_eq!(
            export.sessions, d.sessions,
            "ids as a fresh file numbers them"
        );
        assert_eq!(export.intentions.len(), d.intentions.len());
        assert_eq!(export.journal.len(), d.journal.len());
        assert_eq!(export.therapy.len(), d.therapy.len());
        assert_eq!(export.ticks.len(), d.ticks.len());
        assert_eq!(
            db.checkins().unwrap(),
            d.checkins,
            "ids as a fresh file numbers them"
        );
        assert_eq!(db.questionnaire_results().unwrap(), d.questionnaire_results);
        let sleep = &export.habits[0];
        assert_eq!((sleep.name.as_str(), sleep.since), ("Sleep", today));
        let linked = export.journal.iter().filter(|e| e.session.is_some());
        assert_eq!(
            linked.count(),
            d.journal.iter().filter(|e| e.session.is_some()).count()
        );
        assert!(export.intentions.iter().all(|i| i.session.is_some()));

        let again = db.import(&batch(d), false).unwrap_err();
        assert!(matches!(again, StoreError::NotEmpty { .. }), "{again}");
        assert!(again.to_string().contains("nothing was changed"));
        assert_eq!(db.export(now()).unwrap(), export);
    }

    #[test]
    fn check_ins_and_results_come_in_once() {
        use crate::store::{Batch, Kinds};
        let d = sample(1);
        let part = Batch::part(History {
            checkins: d.checkins.clone(),
            questionnaire_results: d.questionnaire_results.clone(),
            ..History::default()
        });
        let mut db = Db::open_in_memory().unwrap();
        let tried = db.import(&part, true).unwrap();
        assert_eq!(tried.added.checkins, d.checkins.len());
        assert!(
            db.checkins().unwrap().is_empty(),
            "a dry run writes nothing"
        );
        let first = db.import(&part, false).unwrap();
        assert_eq!(first, tried);
        assert_eq!(
            first.added.questionnaire_results,
            d.questionnaire_results.len()
        );
        assert!(!db.is_empty_history().unwrap());
        let again = db.import(&part, false).unwrap();
        assert_eq!(again.added, Kinds::default());
        assert_eq!(again.already_there.checkins, d.checkins.len());
        assert_eq!(
            again.already_there.questionnaire_results,
            d.questionnaire_results.len()
        );
        assert_eq!(db.checkins().unwrap(), d.checkins);
    }

    #[test]
    fn a_failing_row_leaves_nothing_behind() {
        let mut db = Db::open_in_memory().unwrap();
        let mut d = sample(1);
        // A tick of a habit the history does not hold.
        d.ticks.push(crate::domain::Tick {
            habit: HabitId(999),
            day: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            amount: None,
        });
        let e = db.import(&batch(d), false).unwrap_err();
        assert!(
            matches!(e, StoreError::NotFound { what: "habit", .. }),
            "{e}"
        );
        assert!(db.is_empty_history().unwrap());
        assert!(db.habits(true).unwrap().is_empty());
    }
}

#[test]
fn the_journal_carries_tags_to_filter_by() {
    let d = demo(2, 7);
    let tagged = |tag: &str| {
        d.journal
            .iter()
            .filter(|e| {
                crate::domain::journal::tags(&e.body)
                    .iter()
                    .any(|t| t == tag)
            })
            .count()
    };
    // Enough entries under each for the `#` key to have something to show,
    // and never every entry: a tag narrows.
    for tag in ["sleep", "walk", "family", "friends"] {
        let n = tagged(tag);
        assert!(n >= 10 && n < d.journal.len() / 2, "#{tag}: {n}");
    }
}

mod checkins {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn most_days_have_one_check_in_and_none_has_two() {
        for seed in [DEFAULT_SEED, 2, 3, 42] {
            let d = demo(10, seed);
            let days = time::days_between(d.first_day, day(now())) + 1;
            let mut seen = HashSet::new();
            for c in &d.checkins {
                assert!(seen.insert(day(c.at)), "{seed}: two on {}", day(c.at));
                assert!(c.at <= now() && day(c.at) >= d.first_day);
            }
            let share = d.checkins.len() as f64 / days as f64;
            assert!((0.7..=0.85).contains(&share), "{seed}: {share}");
            assert!(d.checkins.windows(2).all(|w| w[0].at < w[1].at));
        }
    }

    #[test]
    fn check_ins_come_mornings_and_evenings_with_some_extras() {
        let d = demo(5, 4);
        let n = d.checkins.len();
        let hours = d
            .checkins
            .iter()
            .map(|c| c.at.with_timezone(&zone()).hour());
        let usual = hours.filter(|h| (7..=9).contains(h) || (19..=22).contains(h));
        assert!(usual.count() * 100 >= n * 88, "mostly morning or evening");
        let share =
            |f: &dyn Fn(&CheckIn) -> bool| d.checkins.iter().filter(|c| f(c)).count() * 100 / n;
        assert!((30..=60).contains(&share(&|c| c.anxiety.is_some())));
        assert!((30..=60).contains(&share(&|c| c.energy.is_some())));
        assert!((12..=32).contains(&share(&|c| c.note.is_some())));
        let notes: HashSet<&str> = d
            .checkins
            .iter()
            .filter_map(|c| c.note.as_deref())
            .collect();
        assert!(notes.len() >= 25, "varied: {}", notes.len());
        assert!(notes.iter().all(|n| !n.contains('\n') && n.len() < 60));
    }

    #[test]
    fn quiet_stretches_have_fewer_check_ins() {
        // Days with no journal entry at all lie mostly in quiet stretches,
        // which hold fewer check-ins than days with writing.
        let d = demo(10, DEFAULT_SEED);
        let written: HashSet<NaiveDate> = d.journal.iter().map(|e| day(e.written_at)).collect();
        let checked: HashSet<NaiveDate> = d.checkins.iter().map(|c| day(c.at)).collect();
        let mut blank = (0, 0);
        let mut busy = (0, 0);
        let mut x = d.first_day;
        while x < day(now()) {
            let tally = if written.contains(&x) {
                &mut busy
            } else {
                &mut blank
            };
            tally.0 += usize::from(checked.contains(&x));
            tally.1 += 1;
            x = x.succ_opt().unwrap();
        }
        let rate = |(n, of): (usize, usize)| n as f64 / of as f64;
        assert!(rate(blank) + 0.05 < rate(busy), "{blank:?} {busy:?}");
    }
}

/// Relief measured the way the insights measure it (decisions of issue
/// 13): a day's mood is its check-ins' mean, else its journal moods' mean;
/// a course's baseline is the mean of the 14 days before it; relief ends
/// with the first 7-day stretch after the last session that has 4 days
/// with a mood and a mean at most half a point above the baseline.
mod relief {
    use super::*;
    use crate::domain::course::Course;
    use std::collections::BTreeMap;

    const MARGIN: f64 = 0.5;

    fn day_moods(d: &Demo) -> BTreeMap<NaiveDate, f64> {
        let mut checkins: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
        for c in &d.checkins {
            checkins
                .entry(day(c.at))
                .or_default()
                .push(f64::from(c.mood.get()));
        }
        let mut journal: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
        for e in &d.journal {
            if let Some(m) = e.mood {
                journal
                    .entry(day(e.written_at))
                    .or_default()
                    .push(f64::from(m.get()));
            }
        }
        for (k, v) in checkins {
            journal.insert(k, v);
        }
        journal.into_iter().map(|(k, v)| (k, mean(&v))).collect()
    }

    fn mean(v: &[f64]) -> f64 {
        v.iter().sum::<f64>() / v.len() as f64
    }

    fn plus(x: NaiveDate, n: i64) -> NaiveDate {
        let days = chrono::Days::new(n.unsigned_abs());
        if n >= 0 {
            x.checked_add_days(days).unwrap()
        } else {
            x.checked_sub_days(days).unwrap()
        }
    }

    fn between(moods: &BTreeMap<NaiveDate, f64>, from: NaiveDate, to: NaiveDate) -> Vec<f64> {
        moods.range(from..=to).map(|(_, m)| *m).collect()
    }

    fn relief_days(
        moods: &BTreeMap<NaiveDate, f64>,
        last: NaiveDate,
        baseline: f64,
        next: NaiveDate,
    ) -> Option<i64> {
        let mut s = plus(last, 1);
        while plus(s, 6) < next {
            let v = between(moods, s, plus(s, 6));
            if v.len() >= 4 && mean(&v) <= baseline + MARGIN {
                return Some(time::days_between(last, s) - 1);
            }
            s = plus(s, 1);
        }
        None
    }

    /// A run that has ended: the next one has begun.
    struct Measured {
        course: bool,
        baseline: f64,
        relief: Option<i64>,
        /// A therapy visit in its last session's window.
        visited: bool,
        /// Mean mood 3 to 14 days after its last session.
        after: f64,
    }

    fn measure(d: &Demo) -> Vec<Measured> {
        let moods = day_moods(d);
        let runs: Vec<Course> = courses(&domain_sessions(d), now(), &CourseConfig::default());
        let mut baseline = None;
        let mut out = Vec::new();
        for (run, next) in runs.iter().zip(runs.iter().skip(1)) {
            let first = day(run.first_at);
            let last = day(run.last_at);
            if run.is_course() {
                let v = between(&moods, plus(first, -14), plus(first, -1));
                assert!(v.len() >= 3, "{first}: enough days before the course");
                baseline = Some(mean(&v));
            }
            let Some(b) = baseline else { continue };
            let visited = d
                .therapy
                .iter()
                .any(|v| v.at > run.last_at && v.at - run.last_at <= time::hours(72).unwrap());
            out.push(Measured {
                course: run.is_course(),
                baseline: b,
                relief: relief_days(&moods, last, b, day(next.first_at)),
                visited,
                after: mean(&between(&moods, plus(last, 3), plus(last, 14))),
            });
        }
        out
    }

    #[test]
    fn courses_lift_mood_for_weeks_and_boosters_for_about_a_week() {
        for seed in [DEFAULT_SEED, 2, 3, 42] {
            let all = measure(&demo(10, seed));
            let courses: Vec<&Measured> = all.iter().filter(|m| m.course).collect();
            let boosters: Vec<&Measured> = all.iter().filter(|m| !m.course).collect();
            assert!(courses.len() >= 2 && boosters.len() >= 20, "{seed}");
            for m in &courses {
                assert!((2.7..=4.5).contains(&m.baseline), "{seed}: {}", m.baseline);
                assert!(
                    m.after >= m.baseline + 2.0,
                    "{seed}: {} {}",
                    m.after,
                    m.baseline
                );
                let days = m
                    .relief
                    .expect("every course's relief returns before the next session");
                assert!(
                    (14..=60).contains(&days),
                    "{seed}: a course's relief {days}"
                );
            }
            for m in &boosters {
                let days = m
                    .relief
                    .expect("every booster's relief returns before the next session");
                assert!(
                    (3..=14).contains(&days),
                    "{seed}: a booster's relief {days}"
                );
            }
            let days: Vec<i64> = courses.iter().filter_map(|m| m.relief).collect();
            let spread = days.iter().max().unwrap() - days.iter().min().unwrap();
            assert!(spread >= 5, "{seed}: courses differ: {days:?}");
        }
    }

    #[test]
    fn a_therapy_visit_in_the_window_goes_with_longer_relief() {
        let mut with = Vec::new();
        let mut without = Vec::new();
        for seed in [DEFAULT_SEED, 2, 3, 42] {
            for m in measure(&demo(10, seed)).iter().filter(|m| !m.course) {
                let days = m.relief.unwrap() as f64;
                if m.visited {
                    with.push(days)
                } else {
                    without.push(days)
                }
            }
        }
        assert!(with.len() >= 20 && without.len() >= 20);
        assert!(
            mean(&with) >= mean(&without) + 1.5,
            "{} {}",
            mean(&with),
            mean(&without)
        );
    }

    #[test]
    fn journal_moods_and_check_ins_tell_the_same_story() {
        let d = demo(10, 5);
        let mut checkins: BTreeMap<NaiveDate, f64> = BTreeMap::new();
        for c in &d.checkins {
            checkins.insert(day(c.at), f64::from(c.mood.get()));
        }
        let mut gaps = Vec::new();
        for e in &d.journal {
            if let (Some(m), Some(c)) = (e.mood, checkins.get(&day(e.written_at))) {
                gaps.push(f64::from(m.get()) - c);
            }
        }
        assert!(gaps.len() > 1000);
        assert!(mean(&gaps).abs() < 0.2, "{}", mean(&gaps));
        let apart: Vec<f64> = gaps.iter().map(|g| g.abs()).collect();
        assert!(mean(&apart) < 1.2, "{}", mean(&apart));
    }
}

/// The real analysis (domain::insight) finds what the demo put in.
mod insights {
    use super::*;
    use crate::domain::insight::{
        self, Input, InsightConfig, MoodReading, ReliefStatus, Settings, Source,
    };
    use crate::domain::plan::{PlanConfig, PlanFacts};
    use crate::domain::{WindowConfig, course::CourseConfig};

    fn analysed(seed: u64) -> insight::Insights {
        let h = generate_answering(10, seed, now(), &zone(), &reflection()).unwrap();
        let mut readings: Vec<MoodReading> = h
            .checkins
            .iter()
            .map(|c| MoodReading {
                at: c.at,
                mood: c.mood.get(),
                source: Source::CheckIn,
            })
            .collect();
        readings.extend(h.journal.iter().filter_map(|e| {
            e.mood.map(|m| MoodReading {
                at: e.written_at,
                mood: m.get(),
                source: Source::Journal,
            })
        }));
        let mut journal_times: Vec<DateTime<Utc>> =
            h.journal.iter().map(|e| e.written_at).collect();
        journal_times.sort();
        let therapy_times: Vec<DateTime<Utc>> = h.therapy.iter().map(|v| v.at).collect();
        let input = Input {
            readings: &readings,
            sessions: &h.sessions,
            facts: PlanFacts {
                journal_times: &journal_times,
                therapy_times: &therapy_times,
                habits: &h.habits,
                ticks: &h.ticks,
            },
            results: &h.questionnaire_results,
        };
        let settings = Settings {
            window: &WindowConfig::default(),
            plan: &PlanConfig::default(),
            course: &CourseConfig::default(),
            insight: InsightConfig::default(),
        };
        insight::analyse(&input, now(), &zone(), &settings)
    }

    #[test]
    fn courses_give_weeks_of_relief_and_boosters_about_a_week() {
        for seed in [DEFAULT_SEED, 2, 3, 42] {
            let found = analysed(seed);
            assert!(
                found.courses.len() >= 2 && found.boosters.len() >= 20,
                "{seed}"
            );
            let newest = found
                .courses
                .iter()
                .chain(&found.boosters)
                .map(|r| r.last_session_at)
                .max()
                .unwrap();
            for (runs, days) in [(&found.courses, 14..=60), (&found.boosters, 3..=14)] {
                for r in runs {
                    if r.last_session_at == newest {
                        // A day or two ago: too soon to tell.
                        assert_ne!(r.status, ReliefStatus::Returned, "{seed}");
                        continue;
                    }
                    assert_eq!(r.status, ReliefStatus::Returned, "{seed}: {r:?}");
                    let n = r.relief_days.unwrap();
                    assert!(days.contains(&n), "{seed}: {n} days, {r:?}");
                }
            }
            assert!(found.fading.is_none(), "{seed}: a session was days ago");
        }
    }
}

mod questionnaire {
    use super::*;
    use crate::domain::questionnaire::{band_of, is_severe, version};

    #[test]
    fn the_reflection_is_answered_every_two_weeks_following_the_mood() {
        let q = reflection();
        for seed in [DEFAULT_SEED, 2, 3] {
            let d = demo(10, seed);
            let days = time::days_between(d.first_day, day(now()));
            let n = d.results.len() as i64;
            assert!(n * 14 >= days * 8 / 10 && n * 14 <= days, "{seed}: {n}");
            let mut previous: Option<i64> = None;
            for (a, b) in d.results.iter().zip(d.results.iter().skip(1)) {
                let gap = time::days_between(day(a.at), day(b.at));
                assert!(gap % 14 == 0 && gap > 0, "{seed}: {gap}");
            }
            for r in &d.results {
                assert_eq!(
                    (r.key.as_str(), r.name.as_str()),
                    ("reflection", q.name.as_str())
                );
                assert_eq!(r.version, version(&q));
                assert_eq!(r.answers.len(), q.items.len());
                assert_eq!(r.total, r.answers.iter().sum::<i64>());
                let band = band_of(&q, r.total).unwrap();
                assert_eq!(r.band.as_deref(), Some(band.label.as_str()));
                // Calm made-up data: never a safety answer, a severe band
                // or a sharp rise.
                assert!(!is_severe(&q, band), "{seed}: {}", r.total);
                for (item, a) in q.items.iter().zip(&r.answers) {
                    assert!(!item.safety || *a == 0);
                }
                assert!(previous.is_none_or(|p| r.total - p <= 4));
                previous = Some(r.total);
                assert!(r.at <= now());
            }
            // Heavier weeks before treatment and between boosters, lighter
            // in the weeks of relief.
            let moods: Vec<(DateTime<Utc>, f64)> = d
                .checkins
                .iter()
                .map(|c| (c.at, f64::from(c.mood.get())))
                .collect();
            let week_mood = |at: DateTime<Utc>| {
                let week: Vec<f64> = moods
                    .iter()
                    .filter(|(t, _)| *t <= at && at - *t < time::days(7).unwrap())
                    .map(|(_, m)| *m)
                    .collect();
                week.iter().sum::<f64>() / week.len().max(1) as f64
            };
            let mean = |v: &[i64]| v.iter().sum::<i64>() as f64 / v.len().max(1) as f64;
            let light: Vec<i64> = d
                .results
                .iter()
                .filter(|r| week_mood(r.at) >= 6.0)
                .map(|r| r.total)
                .collect();
            let heavy: Vec<i64> = d
                .results
                .iter()
                .filter(|r| week_mood(r.at) <= 4.0)
                .map(|r| r.total)
                .collect();
            assert!(light.len() >= 10 && heavy.len() >= 10, "{seed}");
            assert!(
                mean(&heavy) >= mean(&light) + 4.0,
                "{seed}: {} {}",
                mean(&heavy),
                mean(&light)
            );
        }
    }

    #[test]
    fn without_a_questionnaire_the_rest_is_the_same() {
        let with = demo(2, 8);
        let mut without = made_up(2, 8, now(), &zone(), None).unwrap();
        assert!(without.results.is_empty() && !with.results.is_empty());
        without.results = with.results.clone();
        assert_eq!(with, without);
    }
}
