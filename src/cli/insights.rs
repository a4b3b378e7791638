//! `afterglow insights`: is the relief lasting? The analysis the Insights
//! pane and the reports show, as calm text or as JSON for scripts.
//!
//! The analysis always reads the whole history (a course's baseline may lie
//! before --since); the days only choose what is shown.

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use super::Ctx;
use super::text::plural;
use crate::care::NOT_MEDICAL_ADVICE;
use crate::domain::insight::{Insights, Relief, ReliefStatus, Spread};
use crate::domain::time;
use crate::formats::Days;
use crate::usecase::insights::{self, Rules};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
    #[arg(long, value_name = "DAY", allow_hyphen_values = true, help = concat!("Only courses, boosters, questionnaires and moods from this local day on: ", crate::domain::when::day_forms!()))]
    since: Option<String>,
    /// Only up to this local day, itself included
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    until: Option<String>,
}

impl Args {
    pub fn prints_json(&self) -> bool {
        self.json
    }
}

/// The analysis of the whole history at `ctx.now`, with what falls on
/// `days` kept: the one computation `insights` and the exports share.
pub(crate) fn compute(ctx: &Ctx, days: Days) -> Result<Insights> {
    let s = &ctx.settings;
    let rules = Rules {
        window: &s.window,
        plan: &s.plan,
        course: &s.course,
        insight: s.insights,
    };
    // Bad files are `afterglow questionnaire list`'s to report; here a
    // questionnaire without a readable file keeps its results, unbanded.
    let folder = crate::config::questionnaires::folder_for(s.source.as_deref());
    let loaded = crate::config::questionnaires::load(folder.as_deref());
    let all = insights::analyse(&ctx.db, ctx.now, &ctx.zone, rules, &loaded.questionnaires)
        .context("could not read what the insights need")?;
    Ok(within(all, days, &ctx.zone))
}

/// What of `all` falls on `days`: courses and boosters by the local day
/// of their first session, questionnaire results and moods by their day.
/// The booster spread is taken again over the boosters kept; comparisons
/// stay about the whole history, as the report says.
pub(crate) fn within<Tz: TimeZone>(all: Insights, days: Days, tz: &Tz) -> Insights {
    if days.is_all() {
        return all;
    }
    let on = |at: DateTime<Utc>| days.holds(at, tz);
    let boosters: Vec<Relief> = all
        .boosters
        .into_iter()
        .filter(|r| on(r.first_session_at))
        .collect();
    let booster_spread = crate::domain::insight::spread(&boosters);
    let questionnaires: Vec<_> = all
        .questionnaires
        .into_iter()
        .filter(|q| on(q.at))
        .collect();
    let kept: std::collections::BTreeSet<String> =
        questionnaires.iter().map(|q| q.key.clone()).collect();
    let shown_days: Vec<_> = all
        .days
        .into_iter()
        .filter(|d| days.contains(d.day))
        .collect();
    Insights {
        checkins: all.checkins,
        journal_moods: all.journal_moods,
        sessions: all.sessions.into_iter().filter(|t| on(*t)).collect(),
        windows: all
            .windows
            .into_iter()
            .filter(|w| on(w.session_at))
            .collect(),
        courses: all
            .courses
            .into_iter()
            .filter(|r| on(r.first_session_at))
            .collect(),
        boosters,
        booster_spread,
        comparisons: all.comparisons,
        fading: all.fading.filter(|f| days.contains(f.since)),
        questionnaires,
        scales: all
            .scales
            .into_iter()
            .filter(|s| kept.contains(&s.key))
            .collect(),
        sparse: all.sparse,
        days: shown_days,
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Result<String> {
    let days = super::export::days(ctx, args.since.as_deref(), args.until.as_deref())?;
    let shown = compute(ctx, days)?;
    if args.json {
        let mut out = serde_json::to_string_pretty(&Json::of(&shown))
            .context("could not write the insights as JSON")?;
        out.push('\n');
        return Ok(out);
    }
    Ok(text(ctx, &shown))
}

/// Two decimals are more than a mood on a 1-10 scale can mean.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Debug, Serialize)]
struct Json {
    days_with_mood: usize,
    checkins: usize,
    journal_moods: usize,
    sparse: Option<String>,
    courses: Vec<ReliefJson>,
    boosters: Vec<ReliefJson>,
    booster_spread: Option<Spread>,
    comparisons: Vec<ComparisonJson>,
    fading: Option<FadingJson>,
    questionnaires: Vec<ScoreJson>,
    /// Each questionnaire's possible totals and bands, from its file now;
    /// none for one whose file is gone.
    scales: Vec<crate::domain::insight::Scale>,
}

#[derive(Debug, Serialize)]
struct ReliefJson {
    number: Option<usize>,
    sessions: usize,
    first_session_at: String,
    last_session_at: String,
    baseline: Option<f64>,
    relief_days: Option<i64>,
    returned_on: Option<NaiveDate>,
    status: ReliefStatus,
}

#[derive(Debug, Serialize)]
struct ComparisonJson {
    with: String,
    measure: String,
    sentence: String,
    with_group: crate::domain::insight::Group,
    others: crate::domain::insight::Group,
}

#[derive(Debug, Serialize)]
struct FadingJson {
    since: NaiveDate,
    days: i64,
    text: String,
}

#[derive(Debug, Serialize)]
struct ScoreJson {
    key: String,
    name: String,
    at: String,
    total: i64,
    band: Option<String>,
}

impl Json {
    fn of(i: &Insights) -> Json {
        let relief = |r: &Relief| ReliefJson {
            number: r.number,
            sessions: r.sessions,
            first_session_at: super::text::json_time(r.first_session_at),
            last_session_at: super::text::json_time(r.last_session_at),
            baseline: r.baseline.map(round2),
            relief_days: r.relief_days,
            returned_on: r.returned_on,
            status: r.status,
        };
        Json {
            days_with_mood: i.days.len(),
            checkins: i.checkins,
            journal_moods: i.journal_moods,
            sparse: i.sparse.clone(),
            courses: i.courses.iter().map(relief).collect(),
            boosters: i.boosters.iter().map(relief).collect(),
            booster_spread: i.booster_spread,
            comparisons: i
                .comparisons
                .iter()
                .map(|c| ComparisonJson {
                    with: c.with.clone(),
                    measure: c.measure.clone(),
                    sentence: c.sentence.clone(),
                    with_group: c.with_group,
                    others: c.others,
                })
                .collect(),
            fading: i.fading.as_ref().map(|f| FadingJson {
                since: f.since,
                days: f.days,
                text: f.text.clone(),
            }),
            questionnaires: i
                .questionnaires
                .iter()
                .map(|q| ScoreJson {
                    key: q.key.clone(),
                    name: q.name.clone(),
                    at: super::text::json_time(q.at),
                    total: q.total,
                    band: q.band.clone(),
                })
                .collect(),
            scales: i.scales.clone(),
        }
    }
}

/// What a relief's status means, in words that describe and never count
/// down to anything.
pub(crate) fn status_words(r: &Relief, today: NaiveDate) -> String {
    match (r.status, r.baseline, r.relief_days, r.returned_on) {
        // The first week after was already near the baseline: saying mood
        // "stayed above it for 0 days" would claim a lift there was not.
        (ReliefStatus::Returned, _, Some(0), Some(on)) => format!(
            "no lasting lift to see: mood was near the baseline from {}",
            time::day_label(on, today)
        ),
        (ReliefStatus::Returned, _, Some(n), Some(on)) => format!(
            "mood stayed above the baseline for {} after the last session, and was back \
             near it from {}",
            plural(n, "day", "days"),
            time::day_label(on, today)
        ),
        (ReliefStatus::Returned, _, _, _) => "mood was back near the baseline".into(),
        (ReliefStatus::Holding, _, _, _) => {
            "mood has stayed above the baseline since the last session".into()
        }
        (ReliefStatus::NotEnoughData, None, _, _) => {
            "not enough check-ins in the 14 days before to set a baseline".into()
        }
        (ReliefStatus::NotEnoughData, Some(_), _, _) => {
            "too few moods since the last session to say".into()
        }
    }
}

fn text(ctx: &Ctx, i: &Insights) -> String {
    let today = ctx.today();
    let day = |t: DateTime<Utc>| time::day_label(time::local_date(t, &ctx.zone), today);
    let mut out = String::new();
    if i.days.is_empty() {
        out.push_str("No moods recorded yet: check-ins and journal moods make the series.\n");
    } else {
        // The days are those of --since/--until; the counts of check-ins
        // and journal moods are the whole history's, and say so.
        out.push_str(&format!(
            "Mood: {} shown (of {} and {} in all).\n",
            plural(i.days.len() as i64, "day with a mood", "days with a mood"),
            plural(i.checkins as i64, "check-in", "check-ins"),
            plural(i.journal_moods as i64, "journal mood", "journal moods"),
        ));
    }
    if let Some(sparse) = &i.sparse {
        out.push_str(&format!("{sparse}.\n"));
    }

    let baseline = |r: &Relief| match r.baseline {
        Some(b) => format!("baseline {b:.1}"),
        None => "no baseline".to_string(),
    };
    if !i.courses.is_empty() {
        out.push_str("\nCourses\n");
        for r in &i.courses {
            let n = r.number.map(|n| format!(" {n}")).unwrap_or_default();
            out.push_str(&format!(
                "  Course{n}: {}, {} to {}; {}.\n    {}.\n",
                plural(r.sessions as i64, "session", "sessions"),
                day(r.first_session_at),
                day(r.last_session_at),
                baseline(r),
                capital(&status_words(r, today)),
            ));
        }
    }
    if !i.boosters.is_empty() {
        out.push_str("\nBoosters (each measured against the baseline of the course before it)\n");
        for r in &i.boosters {
            out.push_str(&format!(
                "  {}; {}.\n    {}.\n",
                day(r.first_session_at),
                baseline(r),
                capital(&status_words(r, today)),
            ));
        }
        if let Some(s) = &i.booster_spread {
            out.push_str(&format!("  {}.\n", spread_words(s)));
        }
    }
    if i.courses.is_empty() && i.boosters.is_empty() {
        out.push_str("\nNo course or booster to look at in this period.\n");
    }
    if !i.comparisons.is_empty() {
        out.push_str("\nPractices and mood after\n");
        for c in &i.comparisons {
            out.push_str(&format!("  {}\n", c.sentence));
        }
    }
    if let Some(f) = &i.fading {
        out.push_str(&format!("\n{}\n", f.text));
    }
    if !i.questionnaires.is_empty() {
        out.push_str("\nQuestionnaires\n");
        for q in &i.questionnaires {
            let band = q
                .band
                .as_deref()
                .map(|b| format!(" ({b})"))
                .unwrap_or_default();
            out.push_str(&format!("  {}  {}: {}{band}\n", day(q.at), q.name, q.total));
        }
    }
    out.push_str(&format!("\n{NOT_MEDICAL_ADVICE}\n"));
    out
}

/// "Across 3 boosters with a length: median 8 days, from 6 to 12."
pub(crate) fn spread_words(s: &Spread) -> String {
    let median = if s.median.fract() == 0.0 {
        format!("{}", s.median as i64)
    } else {
        format!("{:.1}", s.median)
    };
    if s.n == 1 {
        return format!("One booster with a length so far: {median} days");
    }
    format!(
        "Across {} boosters with a length: median {median} days, from {} to {}",
        s.n, s.min, s.max
    )
}

fn capital(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::insight::{DayMood, Source};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn relief(first: &str, days: Option<i64>) -> Relief {
        Relief {
            number: None,
            sessions: 1,
            first_session_at: at(first),
            last_session_at: at(first),
            baseline: Some(3.0),
            relief_days: days,
            returned_on: None,
            status: ReliefStatus::Returned,
        }
    }

    #[test]
    fn days_keep_what_falls_on_them_and_the_spread_follows() {
        let all = Insights {
            days: vec![
                DayMood {
                    day: day("2026-03-01"),
                    mood: 3.0,
                    trailing: None,
                    source: Source::CheckIn,
                },
                DayMood {
                    day: day("2026-05-01"),
                    mood: 7.0,
                    trailing: None,
                    source: Source::Journal,
                },
            ],
            boosters: vec![
                relief("2026-02-01T10:00:00Z", Some(4)),
                relief("2026-04-01T10:00:00Z", Some(8)),
                relief("2026-04-20T10:00:00Z", Some(11)),
            ],
            ..Insights::default()
        };
        let days = Days {
            since: Some(day("2026-04-01")),
            until: None,
        };
        let shown = within(all, days, &Utc);
        assert_eq!(shown.boosters.len(), 2);
        assert_eq!(shown.days.len(), 1);
        let s = shown.booster_spread.unwrap();
        assert_eq!((s.n, s.median, s.min, s.max), (2, 9.5, 8, 11));
        assert_eq!(
            spread_words(&s),
            "Across 2 boosters with a length: median 9.5 days, from 8 to 11"
        );
    }

    #[test]
    fn statuses_are_described_without_a_countdown() {
        let today = day("2026-06-01");
        let mut r = relief("2026-04-01T10:00:00Z", Some(21));
        r.returned_on = Some(day("2026-04-23"));
        assert_eq!(
            status_words(&r, today),
            "mood stayed above the baseline for 21 days after the last session, and was \
             back near it from Thu 23 Apr"
        );
        r.status = ReliefStatus::NotEnoughData;
        r.baseline = None;
        assert!(status_words(&r, today).contains("baseline"));
        r.status = ReliefStatus::Holding;
        let words = status_words(&r, today);
        assert!(!words.contains("due") && !words.contains("next"), "{words}");
    }
}
