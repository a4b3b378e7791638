//! The charts' points for a range, worked out when the analysis, the range
//! or the screen changes. A chart has two braille dots per column, so a
//! range of more days than that is drawn a few days to a point (their
//! mean), never more points than can show.

use chrono::NaiveDate;

use super::Range;
use super::bands::{fit, row_of, stretch_y, stretches};
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
    /// Done sessions, as short upright marks along the top.
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
    // A short mark along the top, not a line through the chart: over
    // years the sessions would stand as a wall in front of the moods.
    let steps = 8;
    let top = MOOD_MAX - 0.75;
    let sessions = session_x
        .iter()
        .flat_map(|&x| {
            (0..=steps).map(move |i| {
                (
                    x as f64,
                    top + (MOOD_MAX - top) * f64::from(i) / f64::from(steps),
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
    /// The y axis's ends: the lowest and highest total the questionnaire
    /// can give when its file is known, else 0 and the highest total seen
    /// rounded up to a five.
    pub bottom: f64,
    pub top: f64,
    /// The y axis's labels, one a row of the plot from the bottom up (the
    /// chart spreads them evenly, so each lands on its row): the ends'
    /// totals, and each band's lowest total and name on the row where its
    /// edge is drawn.
    pub y_labels: Vec<String>,
    /// Dotted lines across the plot at each band's lowest total (but the
    /// lowest band's, which is the axis).
    pub edges: Vec<(f64, f64)>,
    /// Results in the range, oldest first: (day, total, band).
    pub results: Vec<(String, i64, Option<String>)>,
}

/// Rows a questionnaire's chart takes in a zoomed view `height` rows tall.
pub fn score_height(height: usize) -> usize {
    (height * 30 / 100).clamp(7, 14)
}

/// Rows of a chart `height` rows tall that the plot takes: the x axis's
/// line and labels take the last two.
fn plot_rows(height: usize) -> usize {
    height.saturating_sub(2).max(1)
}

/// One totals chart per questionnaire with results in `range`, on the
/// same days as the mood chart. `width` is the chart's columns in all and
/// `height` its rows: the band names beside the y axis take up to a third
/// of the width.
pub fn scores(
    insights: &Insights,
    range: Range,
    today: NaiveDate,
    zone: &Zone,
    width: usize,
    height: usize,
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
    let mut keys: Vec<&str> = Vec::new();
    for q in &insights.questionnaires {
        if !keys.contains(&q.key.as_str()) {
            keys.push(&q.key);
        }
    }
    let rows = plot_rows(height);
    keys.into_iter()
        .filter_map(|key| {
            let scale = insights.scales.iter().find(|s| s.key == key);
            let all: Vec<_> = insights
                .questionnaires
                .iter()
                .filter(|q| q.key == key)
                .collect();
            let seen_max = all.iter().map(|q| q.total).max().unwrap_or(0);
            let seen_min = all.iter().map(|q| q.total).min().unwrap_or(0);
            let (bottom, top) = match scale {
                // Widened for a total an older version of the file allowed.
                Some(sc) => (sc.min.min(seen_min), sc.max.max(seen_max)),
                // Rounded up to a five, so the top label is a round number.
                None => (0.min(seen_min), (seen_max.max(5) + 4) / 5 * 5),
            };
            let top = top.max(bottom + 1);
            let bands = scale.map(|sc| sc.bands.as_slice()).unwrap_or_default();
            let digits = top.to_string().len().max(bottom.to_string().len());
            let room = (width / 3).max(digits);
            let mut y_labels = vec![String::new(); rows.max(2)];
            let last_row = y_labels.len() - 1;
            y_labels[0] = format!("{bottom:>digits$}");
            y_labels[last_row] = format!("{top:>digits$}");
            let plan = if bands.is_empty() {
                None
            } else {
                stretches(bands, bottom, top, rows)
            };
            // Where each stretch's first row is, above the lowest: a band
            // edge is drawn there, a little above the row's foot.
            let mut edge_ys: Vec<f64> = Vec::new();
            if let Some(plan) = &plan {
                for st in plan {
                    if let Some(b) = st.band.and_then(|i| bands.get(i)) {
                        y_labels[st.start.min(last_row)] =
                            fit(&format!("{:>digits$} {}", st.lo, b.label), room);
                    } else if st.start > 0 && st.start < last_row {
                        y_labels[st.start] = format!("{:>digits$}", st.lo);
                    }
                    if st.start > 0 {
                        edge_ys.push(st.start as f64 + 0.3);
                    }
                }
            } else {
                // More bands than rows: a plain scale, each band's name on
                // the row its lowest total falls on (a higher band's name
                // takes a row a lower one shares with it).
                for b in bands.iter().filter(|b| b.min >= bottom && b.min <= top) {
                    let row = row_of(b.min as f64, bottom as f64, top as f64, rows).min(last_row);
                    y_labels[row] = fit(&format!("{:>digits$} {}", b.min, b.label), room);
                    if b.min > bottom {
                        edge_ys.push(b.min as f64);
                    }
                }
            }
            let (y_bottom, y_top) = match &plan {
                Some(_) => (0.0, rows as f64),
                None => (bottom as f64, top as f64),
            };
            let y_of = |v: f64| match &plan {
                Some(plan) => stretch_y(plan, v),
                None => v,
            };
            let label_w = y_labels
                .iter()
                .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
                .max()
                .unwrap_or(0);
            let columns = width.saturating_sub(label_w + 1).max(1);
            let axis = Axis::new(range, first, today, columns);
            let of_key: Vec<_> = all
                .iter()
                .filter_map(|q| axis.x(local_date(q.at, zone)).map(|x| (x, *q)))
                .collect();
            let (_, last) = of_key.last()?;
            let span = axis.span().max(1.0);
            // A dot every two columns: dotted, unlike the totals' line.
            let dots = columns.saturating_mul(2).saturating_sub(1).max(1);
            let step = span * 4.0 / dots as f64;
            let across: Vec<f64> = (0..=dots / 4).map(|i| i as f64 * step).collect();
            let edges = edge_ys
                .iter()
                .flat_map(|y| across.iter().map(move |x| (*x, *y)))
                .collect();
            Some(ScoreSeries {
                key: key.to_string(),
                name: last.name.clone(),
                span,
                labels: axis.labels(today),
                points: means(of_key.iter().map(|(x, q)| (*x, q.total as f64)))
                    .into_iter()
                    .map(|(x, t)| (x as f64, y_of(t)))
                    .collect(),
                bottom: y_bottom,
                top: y_top,
                y_labels,
                edges,
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

#[cfg(test)]
mod tests;
