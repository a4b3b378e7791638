//! The charts' points for a range, worked out when the analysis, the range
//! or the screen changes. A chart has two braille dots per column, so a
//! range of more days than that is drawn a few days to a point (their
//! mean), never more points than can show.

use chrono::NaiveDate;

use super::Range;
use crate::domain::insight::Insights;
use crate::domain::time::{day_label, days_before, days_between, local_date};
use crate::zone::Zone;

/// Columns the y axis takes ("10" and its line), left of the plot.
pub const Y_AXIS_WIDTH: usize = 3;
/// The mood scale's ends.
pub const MOOD_MIN: f64 = 1.0;
pub const MOOD_MAX: f64 = 10.0;

/// Where days go along a chart: day `from` at 0, `to` at `span`, a few
/// days to a point when there are more days than dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Axis {
    from: NaiveDate,
    to: NaiveDate,
    /// Days to a point (1 when every day has its own).
    per: i64,
}

impl Axis {
    fn new(range: Range, first: Option<NaiveDate>, today: NaiveDate, columns: usize) -> Axis {
        let from = match range.days() {
            Some(n) => days_before(today, n).unwrap_or(today),
            None => first.unwrap_or(today).min(today),
        };
        let days = days_between(from, today) + 1;
        let dots = i64::try_from(columns.max(1) * 2).unwrap_or(i64::MAX);
        Axis {
            from,
            to: today,
            per: (days + dots - 1) / dots,
        }
    }

    fn span(self) -> f64 {
        (days_between(self.from, self.to) / self.per) as f64
    }

    /// The point a day is drawn at, `None` outside the range.
    fn x(self, day: NaiveDate) -> Option<i64> {
        (day >= self.from && day <= self.to).then(|| days_between(self.from, day) / self.per)
    }

    fn labels(self, today: NaiveDate) -> Vec<String> {
        let mid = self
            .from
            .checked_add_days(chrono::Days::new(
                u64::try_from(days_between(self.from, self.to) / 2).unwrap_or(0),
            ))
            .unwrap_or(self.from);
        let mut out = vec![day_label(self.from, today)];
        if mid != self.from && mid != self.to {
            out.push(day_label(mid, today));
        }
        if self.to != self.from {
            out.push(day_label(self.to, today));
        }
        out
    }
}

/// Means of values gathered by point, in order of the point.
fn means(points: impl Iterator<Item = (i64, f64)>) -> Vec<(i64, f64)> {
    let mut out: Vec<(i64, f64, usize)> = Vec::new();
    for (x, v) in points {
        match out.last_mut() {
            Some((lx, sum, n)) if *lx == x => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((x, v, 1)),
        }
    }
    out.into_iter()
        .map(|(x, sum, n)| (x, sum / n as f64))
        .collect()
}

/// The mood chart for one range.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MoodSeries {
    /// The x of the last day (the first is at 0).
    pub span: f64,
    /// The days under the axis: first, middle, last.
    pub labels: Vec<String>,
    /// Each day's mood (or a few days' mean).
    pub moods: Vec<(f64, f64)>,
    /// The trailing 7-day mean, in unbroken stretches.
    pub trailing: Vec<Vec<(f64, f64)>>,
    /// Done sessions, as upright lines of points.
    pub sessions: Vec<(f64, f64)>,
    /// Points along the bottom edge where a main window was open.
    pub windows: Vec<(f64, f64)>,
    /// Days with a mood in the range.
    pub days: usize,
}

/// The mood chart's points for `range`, ending today.
pub fn mood(
    insights: &Insights,
    range: Range,
    today: NaiveDate,
    zone: &Zone,
    columns: usize,
) -> MoodSeries {
    let first = [
        insights.days.first().map(|d| d.day),
        insights.sessions.first().map(|s| local_date(*s, zone)),
    ]
    .into_iter()
    .flatten()
    .min();
    let axis = Axis::new(range, first, today, columns);
    let in_range: Vec<_> = insights
        .days
        .iter()
        .filter_map(|d| axis.x(d.day).map(|x| (x, d)))
        .collect();
    let moods = means(in_range.iter().map(|(x, d)| (*x, d.mood)))
        .into_iter()
        .map(|(x, m)| (x as f64, m))
        .collect();
    // A gap of more than a point without a mean breaks the line, so that
    // it never draws across days nobody rated.
    let mut trailing: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut last_x: Option<i64> = None;
    for (x, t) in means(
        in_range
            .iter()
            .filter_map(|(x, d)| d.trailing.map(|t| (*x, t))),
    ) {
        if last_x.is_none_or(|l| x - l > 1) {
            trailing.push(Vec::new());
        }
        if let Some(run) = trailing.last_mut() {
            run.push((x as f64, t));
        }
        last_x = Some(x);
    }
    let mut session_x: Vec<i64> = insights
        .sessions
        .iter()
        .filter_map(|s| axis.x(local_date(*s, zone)))
        .collect();
    session_x.dedup();
    // Enough points for an unbroken line on the tallest chart (24 rows
    // of four braille dots).
    let steps = 96;
    let sessions = session_x
        .iter()
        .flat_map(|&x| {
            (0..=steps).map(move |i| {
                (
                    x as f64,
                    MOOD_MIN + (MOOD_MAX - MOOD_MIN) * f64::from(i) / f64::from(steps),
                )
            })
        })
        .collect();
    let mut window_x: Vec<i64> = Vec::new();
    for w in &insights.windows {
        let (a, z) = (local_date(w.from, zone), local_date(w.until, zone));
        let a = a.max(axis.from);
        let z = z.min(axis.to);
        if a > z {
            continue;
        }
        let (Some(xa), Some(xz)) = (axis.x(a), axis.x(z)) else {
            continue;
        };
        window_x.extend(xa..=xz);
    }
    window_x.sort_unstable();
    window_x.dedup();
    // Half-point steps fill the band without gaps between its dots.
    let windows = window_x
        .iter()
        .flat_map(|&x| [(x as f64, MOOD_MIN), (x as f64 + 0.5, MOOD_MIN)])
        .collect();
    MoodSeries {
        span: axis.span().max(1.0),
        labels: axis.labels(today),
        moods,
        trailing,
        sessions,
        windows,
        days: in_range.len(),
    }
}

/// One questionnaire's totals for a range.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoreSeries {
    pub key: String,
    pub name: String,
    pub span: f64,
    pub labels: Vec<String>,
    pub points: Vec<(f64, f64)>,
    /// The y axis's top: the highest total seen, rounded up.
    pub top: f64,
    /// Results in the range, oldest first: (day, total, band).
    pub results: Vec<(String, i64, Option<String>)>,
}

/// One totals chart per questionnaire with results in `range`, on the
/// same days as the mood chart.
pub fn scores(
    insights: &Insights,
    range: Range,
    today: NaiveDate,
    zone: &Zone,
    columns: usize,
) -> Vec<ScoreSeries> {
    let first = [
        insights.days.first().map(|d| d.day),
        insights.sessions.first().map(|s| local_date(*s, zone)),
        insights
            .questionnaires
            .first()
            .map(|q| local_date(q.at, zone)),
    ]
    .into_iter()
    .flatten()
    .min();
    let axis = Axis::new(range, first, today, columns);
    let mut keys: Vec<&str> = Vec::new();
    for q in &insights.questionnaires {
        if !keys.contains(&q.key.as_str()) {
            keys.push(&q.key);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let of_key: Vec<_> = insights
                .questionnaires
                .iter()
                .filter(|q| q.key == key)
                .filter_map(|q| axis.x(local_date(q.at, zone)).map(|x| (x, q)))
                .collect();
            let (_, last) = of_key.last()?;
            let top = of_key.iter().map(|(_, q)| q.total).max().unwrap_or(0);
            // Rounded up to a five, so the top label is a round number.
            let top = ((top.max(5) + 4) / 5 * 5) as f64;
            Some(ScoreSeries {
                key: key.to_string(),
                name: last.name.clone(),
                span: axis.span().max(1.0),
                labels: axis.labels(today),
                points: means(of_key.iter().map(|(x, q)| (*x, q.total as f64)))
                    .into_iter()
                    .map(|(x, t)| (x as f64, t))
                    .collect(),
                top,
                results: of_key
                    .iter()
                    .map(|(_, q)| {
                        (
                            day_label(local_date(q.at, zone), today),
                            q.total,
                            q.band.clone(),
                        )
                    })
                    .collect(),
            })
        })
        .collect()
}
