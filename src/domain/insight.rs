//! Is the relief lasting? The mood series (check-ins and journal moods
//! together), each course's and booster's baseline and relief, what was
//! done in each window beside how mood went after it, and a gentle note
//! when mood has been back at the baseline for a while. Pure: `now` and
//! the zone are parameters. docs/insights.md explains every rule.
//!
//! Words here describe; they never advise and never claim a cause.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::course::{self, CourseConfig};
use super::plan::{PlanConfig, PlanFacts};
use super::plasticity::WindowConfig;
use super::questionnaire::{Answered, Band, Questionnaire};
use super::session::Session;
use super::time;

mod practice;
mod relief;
mod series;
#[cfg(test)]
mod tests;

pub use practice::{MEASURE, MOST_DONE, THERAPY};
pub use relief::{fading_text, spread};

/// The margin above the baseline within which mood counts as back at it,
/// unless the config says otherwise (`[insights] margin`).
pub const DEFAULT_MARGIN: f64 = 0.5;

/// The analysis's own settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InsightConfig {
    pub margin: f64,
}

impl Default for InsightConfig {
    fn default() -> Self {
        InsightConfig {
            margin: DEFAULT_MARGIN,
        }
    }
}

/// Where a mood came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    CheckIn,
    Journal,
}

/// One mood, 1-10, at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MoodReading {
    pub at: DateTime<Utc>,
    pub mood: u8,
    pub source: Source,
}

/// Everything the analysis reads.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Check-in and journal moods, in any order.
    pub readings: &'a [MoodReading],
    /// Every session, done and planned.
    pub sessions: &'a [Session],
    /// What was logged, for how much of each window's plan was done.
    pub facts: PlanFacts<'a>,
    /// Every questionnaire result, in any order.
    pub results: &'a [Answered],
}

/// The settings the analysis follows.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    pub window: &'a WindowConfig,
    pub plan: &'a PlanConfig,
    pub course: &'a CourseConfig,
    pub insight: InsightConfig,
}

/// A local day's mood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayMood {
    pub day: NaiveDate,
    /// The day's mood (docs/insights.md: a check-in stands for its day;
    /// without one, the mean of the day's journal moods).
    pub mood: f64,
    /// The mean of the days with a mood among this day and the six before
    /// it; `None` when fewer than the minimum of them have one.
    pub trailing: Option<f64>,
    pub source: Source,
}

/// Where the relief after a course or booster stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReliefStatus {
    /// The trailing mood fell back to the baseline (plus the margin).
    #[serde(rename = "returned")]
    Returned,
    /// It has not so far.
    #[serde(rename = "holding")]
    Holding,
    /// Too few moods before (no baseline) or after to say.
    #[serde(rename = "not enough data")]
    NotEnoughData,
}

impl ReliefStatus {
    /// The status's word, as the JSON and the reports' tables give it.
    pub fn label(self) -> &'static str {
        match self {
            ReliefStatus::Returned => "returned",
            ReliefStatus::Holding => "holding",
            ReliefStatus::NotEnoughData => "not enough data",
        }
    }
}

/// The relief after one course or booster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relief {
    /// 1 for the first course; `None` for a booster.
    pub number: Option<usize>,
    pub sessions: usize,
    pub first_session_at: DateTime<Utc>,
    pub last_session_at: DateTime<Utc>,
    /// Mean mood of the 14 days before the first session; `None` with
    /// fewer than 3 moods there.
    pub baseline: Option<f64>,
    /// Days from the last session to the first day the trailing mean was
    /// back at the baseline plus the margin.
    pub relief_days: Option<i64>,
    /// That day.
    pub returned_on: Option<NaiveDate>,
    pub status: ReliefStatus,
}

/// The middle and the ends of a set of relief lengths, in days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub n: usize,
    pub median: f64,
    pub min: i64,
    pub max: i64,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Group {
    pub n: usize,
    /// `None` when `n` is 0.
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Mood after windows with something done, beside mood after the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// What the first group's windows had: "a therapy visit", "most of
    /// the plan done".
    pub with: String,
    pub with_group: Group,
    pub others: Group,
    /// What was measured: "mood 7-14 days later".
    pub measure: String,
    /// The whole comparison as one plain sentence, or "too few to
    /// compare" with the counts.
    pub sentence: String,
}

/// The main window of a done session, for the chart's bands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WindowSpan {
    pub session_at: DateTime<Utc>,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// Mood has been at or below a course's baseline for a while: said once,
/// calmly, never naming treatment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fading {
    /// The first of the days at or below the baseline.
    pub since: NaiveDate,
    pub days: i64,
    pub text: String,
}

/// A questionnaire result as the charts and the report show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub key: String,
    pub name: String,
    pub at: DateTime<Utc>,
    pub total: i64,
    pub band: Option<String>,
}

/// A questionnaire's possible totals and its bands, as its file defines
/// it now, so that charts can draw the bands as ranges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub key: String,
    pub name: String,
    /// The lowest and highest total its answers can give.
    pub min: i64,
    pub max: i64,
    /// Lowest first.
    pub bands: Vec<Band>,
}

impl Scale {
    /// The scale of a questionnaire as its file has it: every item at the
    /// lowest choice, then every item at the highest.
    pub fn of(q: &Questionnaire) -> Scale {
        let items = i64::try_from(q.items.len()).unwrap_or(i64::MAX);
        let lowest = q.choices.iter().map(|c| c.score).min().unwrap_or(0);
        let highest = q.choices.iter().map(|c| c.score).max().unwrap_or(0);
        let mut bands = q.bands.clone();
        bands.sort_by_key(|b| (b.min, b.max));
        Scale {
            key: q.key.clone(),
            name: q.name.clone(),
            min: items.saturating_mul(lowest),
            max: items.saturating_mul(highest),
            bands,
        }
    }
}

/// The whole analysis at one instant.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Insights {
    /// Every local day with a mood, oldest first.
    pub days: Vec<DayMood>,
    pub checkins: usize,
    pub journal_moods: usize,
    /// Done sessions, oldest first: the chart's markers.
    pub sessions: Vec<DateTime<Utc>>,
    pub windows: Vec<WindowSpan>,
    pub courses: Vec<Relief>,
    pub boosters: Vec<Relief>,
    /// Across the boosters with a relief length.
    pub booster_spread: Option<Spread>,
    pub comparisons: Vec<Comparison>,
    pub fading: Option<Fading>,
    /// Oldest first.
    pub questionnaires: Vec<Score>,
    /// The scale of each questionnaire in `questionnaires` whose file is
    /// still known (taken from the file as it is now), in the order each
    /// was first answered; one whose file is gone has none.
    pub scales: Vec<Scale>,
    /// A line for sparse data ("3 check-ins so far; the chart fills in as
    /// you go"), `None` when there is enough to draw.
    pub sparse: Option<String>,
}

/// Days with a mood below which the chart says it is still filling in.
pub const SPARSE_DAYS: usize = 7;

/// The analysis of everything in `input` as it stands at `now`, with days
/// in `tz`. Readings after `now` are left out.
pub fn analyse<Tz: chrono::TimeZone>(
    input: &Input<'_>,
    now: DateTime<Utc>,
    tz: &Tz,
    settings: &Settings<'_>,
) -> Insights {
    let today = time::local_date(now, tz);
    let built = series::build(input.readings, now, tz);
    let moods = &built.series;
    let runs = course::courses(input.sessions, now, settings.course);
    let (courses, boosters) = relief::reliefs(&runs, moods, today, tz, settings.insight.margin);

    let mut sessions: Vec<DateTime<Utc>> = input
        .sessions
        .iter()
        .filter(|s| s.is_done())
        .map(|s| s.at)
        .collect();
    sessions.sort_unstable();
    let windows = sessions
        .iter()
        .filter_map(|at| {
            Some(WindowSpan {
                session_at: *at,
                from: *at,
                until: time::add(*at, settings.window.open_end()).ok()?,
            })
        })
        .collect();

    // Only the most recent course, and only while nothing came after it.
    let fading = courses.last().and_then(|last| {
        let later = sessions.last().is_some_and(|at| *at > last.last_session_at);
        relief::fading(last, later, moods, today)
    });

    let mut results: Vec<&Answered> = input.results.iter().collect();
    results.sort_by_key(|r| (r.at, r.id));
    let questionnaires = results
        .into_iter()
        .map(|r| Score {
            key: r.key.clone(),
            name: r.name.clone(),
            at: r.at,
            total: r.total,
            band: r.band.clone(),
        })
        .collect();

    Insights {
        days: moods.day_moods(),
        checkins: built.checkins,
        journal_moods: built.journal_moods,
        comparisons: practice::comparisons(input.sessions, &input.facts, moods, now, tz, settings),
        booster_spread: relief::spread(&boosters),
        courses,
        boosters,
        sessions,
        windows,
        fading,
        questionnaires,
        scales: Vec::new(),
        sparse: sparse_line(moods.len()),
    }
}

/// Counts days with a mood, which is what the chart draws.
pub fn sparse_line(days: usize) -> Option<String> {
    (days < SPARSE_DAYS).then(|| {
        let noun = if days == 1 { "check-in" } else { "check-ins" };
        format!("{days} {noun} so far; the chart fills in as you go")
    })
}
