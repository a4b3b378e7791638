//! Baselines and relief per course and booster, their spread, and the
//! gentle note when mood has settled back at a course's baseline.

use chrono::{NaiveDate, TimeZone};

use super::series::Series;
use super::{Fading, Relief, ReliefStatus, Spread};
use crate::domain::course::{Course, CourseKind};
use crate::domain::time;

/// Days before a course's first session that make its baseline.
pub const BASELINE_DAYS: u64 = 14;
/// Days with a mood a baseline needs.
pub const BASELINE_MIN: usize = 3;
/// Days in a stretch that can end the relief.
pub const STRETCH_DAYS: u64 = 7;
/// Days with a mood a stretch needs.
pub const STRETCH_MIN: usize = 4;
/// Days after the last session with a mood before "holding" can be said.
pub const HOLDING_MIN: usize = 4;
/// Days in a row at or below the baseline before the fading note.
pub const FADING_DAYS: i64 = 7;

/// Sums of day moods that should be equal can differ in the last bit
/// (thirds of a check-in day add up unevenly); a mood this close to the
/// line counts as on it.
const EPSILON: f64 = 1e-9;

/// The mean mood of the 14 local days before `first_day`, with at least
/// three of them holding a mood.
pub fn baseline(series: &Series, first_day: NaiveDate) -> Option<f64> {
    let from = time::days_before(first_day, BASELINE_DAYS)?;
    let to = time::prev_day(first_day)?;
    series.tally(from, to).mean_of_at_least(BASELINE_MIN)
}

/// The relief after each course and booster, oldest first: courses in
/// the first list, boosters in the second. Single sessions (with no
/// course before them) are not analysed.
pub fn reliefs<Tz: TimeZone>(
    runs: &[Course],
    series: &Series,
    today: NaiveDate,
    tz: &Tz,
    margin: f64,
) -> (Vec<Relief>, Vec<Relief>) {
    let mut courses = Vec::new();
    let mut boosters = Vec::new();
    let mut course_baseline: Option<f64> = None;
    for (i, run) in runs.iter().enumerate() {
        let baseline = match run.kind {
            CourseKind::Single => continue,
            CourseKind::Course => {
                let b = baseline(series, time::local_date(run.first_at, tz));
                course_baseline = b;
                b
            }
            // Measured against where things were before treatment began:
            // the most recent course's baseline.
            CourseKind::Booster => course_baseline,
        };
        let last_day = time::local_date(run.last_at, tz);
        // Days from the next run's first session on belong to that run.
        let next_day = runs
            .get(i + 1)
            .and_then(|next| time::prev_day(time::local_date(next.first_at, tz)));
        let until = next_day.map_or(today, |d| d.min(today));
        let (returned_on, status) = match baseline {
            None => (None, ReliefStatus::NotEnoughData),
            Some(b) => returned(series, last_day, until, b + margin),
        };
        let relief = Relief {
            number: run.number,
            sessions: run.len(),
            first_session_at: run.first_at,
            last_session_at: run.last_at,
            baseline,
            relief_days: returned_on.map(|r| time::days_between(last_day, r) - 1),
            returned_on,
            status,
        };
        match run.kind {
            CourseKind::Course => courses.push(relief),
            _ => boosters.push(relief),
        }
    }
    (courses, boosters)
}

/// The first day `s` after `last` whose stretch `[s, s + 6]` (days up to
/// `until` only) has at least four moods averaging at most `line`.
fn returned(
    series: &Series,
    last: NaiveDate,
    until: NaiveDate,
    line: f64,
) -> (Option<NaiveDate>, ReliefStatus) {
    let Some(first) = time::next_day(last) else {
        return (None, ReliefStatus::NotEnoughData);
    };
    let stretch = |s: NaiveDate| {
        let end = s
            .checked_add_days(chrono::Days::new(STRETCH_DAYS - 1))
            .map_or(until, |e| e.min(until));
        series.tally(s, end)
    };
    if let Some(s) = candidates(series, first, until).into_iter().find(|s| {
        stretch(*s)
            .mean_of_at_least(STRETCH_MIN)
            .is_some_and(|m| m <= line + EPSILON)
    }) {
        return (Some(s), ReliefStatus::Returned);
    }
    let after = series.tally(first, until).n;
    let status = if after >= HOLDING_MIN {
        ReliefStatus::Holding
    } else {
        ReliefStatus::NotEnoughData
    };
    (None, status)
}

/// The stretch starts worth trying, ascending. A stretch holds the same
/// moods as the one a day earlier unless a day with a mood enters or
/// leaves it, so the earliest start of each distinct stretch is `first`,
/// a mood's day plus one, or a mood's day minus six: trying only those
/// finds the first stretch without walking every day (histories can span
/// centuries in a damaged file).
fn candidates(series: &Series, first: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    if until < first {
        return Vec::new();
    }
    let reach = until
        .checked_add_days(chrono::Days::new(STRETCH_DAYS - 1))
        .unwrap_or(until);
    let days = series.days();
    let a = days.partition_point(|d| *d < first);
    let b = days.partition_point(|d| *d <= reach);
    let mut out = vec![first];
    for d in &days[a..b] {
        let starts = [time::days_before(*d, STRETCH_DAYS - 1), time::next_day(*d)];
        out.extend(
            starts
                .into_iter()
                .flatten()
                .filter(|s| (first..=until).contains(s)),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The middle and ends of the boosters' relief lengths.
pub fn spread(boosters: &[Relief]) -> Option<Spread> {
    let mut lengths: Vec<i64> = boosters.iter().filter_map(|b| b.relief_days).collect();
    lengths.sort_unstable();
    let n = lengths.len();
    let (min, max) = (*lengths.first()?, *lengths.last()?);
    let median = if n % 2 == 1 {
        lengths[n / 2] as f64
    } else {
        (lengths[n / 2 - 1] as f64 + lengths[n / 2] as f64) / 2.0
    };
    Some(Spread {
        n,
        median,
        min,
        max,
    })
}

/// The note for the most recent course, while nothing came after it:
/// once its relief has returned, the trailing mean at or below the
/// baseline (no margin) on each of the last seven days or more, up to
/// today.
pub fn fading(
    course: &Relief,
    later_session: bool,
    series: &Series,
    today: NaiveDate,
) -> Option<Fading> {
    if later_session || course.status != ReliefStatus::Returned {
        return None;
    }
    let (baseline, returned_on) = (course.baseline?, course.returned_on?);
    let low = |d: NaiveDate| series.trailing(d).is_some_and(|m| m <= baseline + EPSILON);
    let mut since = None;
    let mut day = today;
    while day >= returned_on && low(day) {
        since = Some(day);
        day = time::prev_day(day)?;
    }
    let since = since?;
    let days = time::days_between(since, today) + 1;
    (days >= FADING_DAYS).then(|| Fading {
        since,
        days,
        text: fading_text(),
    })
}

/// Calm, and never naming treatment: the note is about the person's mood,
/// and what to do about it is theirs and their provider's to decide.
pub fn fading_text() -> String {
    // One fixed phrase whatever the length: a count that grew by a day
    // each day would read as time running since the relief ended.
    "For a week or more, your mood has been close to where it was before. \
     That may be worth mentioning to your provider."
        .to_string()
}
