//! The report's charts as inline SVG: mood over time, and each
//! questionnaire's totals. Coordinates are in a fixed view box that the
//! page scales to its width; text is escaped like the rest of the page.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};

use super::esc;
use crate::domain::insight::{Insights, Scale, Score};
use crate::domain::time;

const WIDTH: f64 = 720.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 14.0;

/// Days across the chart's width, both ends included.
struct Axis {
    first: NaiveDate,
    days: i64,
    /// Room right of the plot (for the questionnaire chart's band names).
    right: f64,
}

impl Axis {
    fn new(first: NaiveDate, last: NaiveDate) -> Axis {
        // One lone day gets a little room either side.
        let (first, last) = if last <= first {
            (
                time::days_before(first, 3).unwrap_or(first),
                first
                    .checked_add_days(chrono::Days::new(3))
                    .unwrap_or(first),
            )
        } else {
            (first, last)
        };
        Axis {
            first,
            days: time::days_between(first, last) + 1,
            right: RIGHT,
        }
    }

    fn plot(&self) -> f64 {
        WIDTH - LEFT - self.right
    }

    /// The left edge of a day, or of a fraction into it.
    fn x(&self, day: NaiveDate, fraction: f64) -> f64 {
        let i = time::days_between(self.first, day) as f64 + fraction;
        LEFT + i / self.days as f64 * self.plot()
    }

    fn day_width(&self) -> f64 {
        self.plot() / self.days as f64
    }

    /// An instant, at its local time of day.
    fn x_at<Tz: TimeZone>(&self, at: DateTime<Utc>, tz: &Tz) -> f64 {
        let local = at.with_timezone(tz);
        let fraction = f64::from(local.num_seconds_from_midnight()) / 86_400.0;
        self.x(local.date_naive(), fraction)
    }

    /// Date labels along the bottom: Mondays for a short span, the first
    /// of every month (or every few months) for a longer one, never more
    /// than about eight.
    fn ticks(&self, out: &mut String, y_line: f64, y_text: f64, top: f64) {
        let last = self
            .first
            .checked_add_days(chrono::Days::new((self.days - 1).max(0) as u64))
            .unwrap_or(self.first);
        let mut marks: Vec<(NaiveDate, String)> = Vec::new();
        if self.days <= 70 {
            let step = if self.days <= 35 { 1 } else { 2 };
            let mut d = self.first;
            let mut n = 0;
            while d <= last {
                if d.weekday() == chrono::Weekday::Mon {
                    if n % step == 0 {
                        marks.push((d, d.format("%-d %b").to_string()));
                    }
                    n += 1;
                }
                match d.succ_opt() {
                    Some(next) => d = next,
                    None => break,
                }
            }
        } else {
            let months = self.days / 30 + 1;
            let step = match months {
                0..=8 => 1,
                9..=16 => 2,
                17..=24 => 3,
                25..=48 => 6,
                49..=96 => 12,
                _ => 24,
            };
            let mut d = NaiveDate::from_ymd_opt(self.first.year(), self.first.month(), 1);
            while let Some(m) = d.filter(|m| *m <= last) {
                let index = m.year() * 12 + m.month0() as i32;
                if m >= self.first && index % step == 0 {
                    let label = if m.month() == 1 || step >= 12 || marks.is_empty() {
                        m.format("%b %Y").to_string()
                    } else {
                        m.format("%b").to_string()
                    };
                    marks.push((m, label));
                }
                d = m.checked_add_months(chrono::Months::new(1));
            }
        }
        for (d, label) in marks {
            let x = self.x(d, 0.0);
            let _ = writeln!(
                out,
                "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{y_line:.1}\" \
                 stroke=\"#eee\"/><text x=\"{x:.1}\" y=\"{y_text:.1}\" text-anchor=\"middle\">{}</text>",
                esc(&label)
            );
        }
    }
}

/// The mood chart: a point a day, the trailing mean as a line broken
/// where it is not drawn, each main window as a light band, each session
/// as a mark under the axis, and each course's baseline as a dashed line
/// from the 14 days before it to where relief ended.
pub(super) fn mood<Tz: TimeZone>(out: &mut String, i: &Insights, tz: &Tz, today: NaiveDate) {
    const TOP: f64 = 10.0;
    const PLOT_H: f64 = 200.0;
    const HEIGHT: f64 = 250.0;
    let bottom = TOP + PLOT_H;
    let y = |m: f64| TOP + (10.0 - m.clamp(1.0, 10.0)) / 9.0 * PLOT_H;
    let local = |t: DateTime<Utc>| time::local_date(t, tz);
    let first = i
        .days
        .iter()
        .map(|d| d.day)
        .chain(i.sessions.iter().map(|t| local(*t)))
        .min();
    let last = i
        .days
        .iter()
        .map(|d| d.day)
        .chain(i.sessions.iter().map(|t| local(*t)))
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let axis = Axis::new(first, last.min(today).max(first));
    let in_range = |d: NaiveDate| d >= axis.first && time::days_between(axis.first, d) < axis.days;
    let _ = writeln!(
        out,
        "<svg id=\"mood-chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"mood-title\">\n\
         <title id=\"mood-title\">Mood from {} to {}, one point a day, with the 7-day mean</title>",
        axis.first.format("%-d %b %Y"),
        last.format("%-d %b %Y"),
    );
    // Main windows first, under everything else; at least a sliver wide,
    // so that a window of a few hours still shows on a chart of years.
    for w in &i.windows {
        let (a, b) = (axis.x_at(w.from, tz), axis.x_at(w.until, tz));
        let (a, b) = (a.max(LEFT), b.min(WIDTH - RIGHT));
        if b <= a && !(in_range(local(w.from))) {
            continue;
        }
        let _ = writeln!(
            out,
            "<rect class=\"window\" x=\"{a:.1}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{PLOT_H}\" \
             fill=\"#f1e4c4\"/>",
            (b - a).max(1.5)
        );
    }
    for m in [1.0, 4.0, 7.0, 10.0] {
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{2}\" y=\"{3:.1}\" text-anchor=\"end\">{m}</text>",
            y(m),
            WIDTH - RIGHT,
            LEFT - 5.0,
            y(m) + 3.5,
        );
    }
    axis.ticks(out, bottom + 12.0, bottom + 34.0, TOP);
    // Baselines of the courses on the chart.
    for r in &i.courses {
        let Some(b) = r.baseline else { continue };
        let start = local(r.first_session_at);
        let from = time::days_before(start, 14)
            .unwrap_or(start)
            .max(axis.first);
        let to = r.returned_on.unwrap_or(last).min(last);
        let (x1, x2) = (axis.x(from, 0.0), axis.x(to, 1.0));
        let _ = writeln!(
            out,
            "<line class=\"baseline\" x1=\"{x1:.1}\" y1=\"{0:.1}\" x2=\"{x2:.1}\" y2=\"{0:.1}\" \
             stroke=\"#8a6d3b\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>",
            y(b)
        );
    }
    // The day moods.
    let dw = axis.day_width();
    let r = dw.clamp(1.2, 3.2);
    for d in i.days.iter().filter(|d| in_range(d.day)) {
        let cx = axis.x(d.day, 0.5);
        let fill = match d.source {
            crate::domain::insight::Source::CheckIn => "fill=\"#4a6fa5\"",
            crate::domain::insight::Source::Journal => {
                "fill=\"#fff\" stroke=\"#4a6fa5\" stroke-width=\"1\""
            }
        };
        let _ = writeln!(
            out,
            "<circle class=\"day\" cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" {fill}/>",
            y(d.mood)
        );
    }
    // The trailing mean, one path, a new stroke after each gap.
    let mut path = String::new();
    let mut prev: Option<NaiveDate> = None;
    for d in i.days.iter().filter(|d| in_range(d.day)) {
        let Some(t) = d.trailing else {
            prev = None;
            continue;
        };
        let joined = prev.is_some_and(|p| time::days_between(p, d.day) <= 2);
        let _ = write!(
            path,
            "{}{:.1},{:.1} ",
            if joined { "L" } else { "M" },
            axis.x(d.day, 0.5),
            y(t)
        );
        prev = Some(d.day);
    }
    if !path.is_empty() {
        let _ = writeln!(
            out,
            "<path class=\"trailing\" d=\"{}\" fill=\"none\" stroke=\"#1f3b63\" \
             stroke-width=\"1.8\" stroke-linejoin=\"round\"/>",
            path.trim_end()
        );
    }
    // Sessions: a small triangle under the axis each.
    let mut marks = String::new();
    for t in i.sessions.iter().filter(|t| in_range(local(**t))) {
        let x = axis.x_at(*t, tz);
        let _ = write!(marks, "M{x:.1},{:.1} l-4,7 h8 z ", bottom + 2.0);
    }
    if !marks.is_empty() {
        let _ = writeln!(
            out,
            "<path class=\"sessions\" d=\"{}\" fill=\"#b5651d\"/>",
            marks.trim_end()
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\" stroke=\"#999\"/>\n</svg>",
        WIDTH - RIGHT
    );
}

/// Characters a band's name keeps beside the chart; a longer one ends in
/// "…" (the table below the chart has it whole).
const BAND_CHARS: usize = 34;

/// One questionnaire's totals over time: a point per result joined by a
/// line, the y axis from the lowest to the highest total it can give, and
/// when its file is known, each band as a light stripe named (with its
/// totals) to the right of the plot; otherwise each change of band is
/// named at its point.
pub(super) fn scores<Tz: TimeZone>(
    out: &mut String,
    scores: &[&Score],
    scale: Option<&Scale>,
    tz: &Tz,
) {
    const TOP: f64 = 12.0;
    const PLOT_H: f64 = 120.0;
    const HEIGHT: f64 = 170.0;
    let bottom = TOP + PLOT_H;
    let local = |t: DateTime<Utc>| time::local_date(t, tz);
    let (Some(first), Some(last)) = (
        scores.iter().map(|s| local(s.at)).min(),
        scores.iter().map(|s| local(s.at)).max(),
    ) else {
        return;
    };
    let bands = scale.map(|q| q.bands.as_slice()).unwrap_or_default();
    // The scale's ends, widened for a total an older version of the file
    // allowed.
    let top_total = scores
        .iter()
        .map(|s| s.total)
        .chain(scale.map(|q| q.max))
        .chain(bands.iter().map(|b| b.max))
        .max()
        .unwrap_or(1);
    let bottom_total = scores
        .iter()
        .map(|s| s.total)
        .chain(scale.map(|q| q.min))
        .chain(bands.iter().map(|b| b.min))
        .min()
        .unwrap_or(0);
    let bottom_total = if scale.is_none() {
        bottom_total.min(0)
    } else {
        bottom_total
    };
    let top_total = top_total.max(bottom_total + 1);
    let span = (top_total - bottom_total) as f64;
    let y = |v: f64| TOP + (top_total as f64 - v) / span * PLOT_H;
    let names: Vec<String> = bands
        .iter()
        .map(|b| {
            let range = if b.min == b.max {
                b.min.to_string()
            } else {
                format!("{}–{}", b.min, b.max)
            };
            let mut label: String = b.label.chars().take(BAND_CHARS).collect();
            if b.label.chars().count() > BAND_CHARS {
                label.push('…');
            }
            format!("{label} ({range})")
        })
        .collect();
    let mut axis = Axis::new(first, last);
    if !names.is_empty() {
        // About 5.5 units a character at the page's 10px.
        let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        axis.right = (widest as f64 * 5.5 + 12.0).clamp(RIGHT, WIDTH / 3.0);
    }
    let plot_right = WIDTH - axis.right;
    let key = scores.first().map_or("", |s| s.key.as_str());
    let _ = writeln!(
        out,
        "<svg class=\"scores\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
        >\n<title>{} totals over time</title>",
        esc(key)
    );
    for (n, (b, name)) in bands.iter().zip(&names).enumerate() {
        // Each band a stripe from half a point below its lowest total to
        // half a point above its highest, every other one shaded, with a
        // dashed edge below all but the lowest; the name beside it, right
        // of the plot, so that it never hides a point.
        let lo = (b.min as f64 - 0.5).max(bottom_total as f64);
        let hi = (b.max as f64 + 0.5).min(top_total as f64);
        if hi <= lo {
            continue;
        }
        let (y_hi, y_lo) = (y(hi), y(lo));
        let fill = if n % 2 == 0 { "#f4f1ea" } else { "#fbfaf6" };
        let _ = writeln!(
            out,
            "<rect class=\"band\" x=\"{LEFT}\" y=\"{y_hi:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
             fill=\"{fill}\"/>",
            plot_right - LEFT,
            y_lo - y_hi
        );
        if b.min > bottom_total {
            let _ = writeln!(
                out,
                "<line class=\"band-edge\" x1=\"{LEFT}\" y1=\"{y_lo:.1}\" x2=\"{plot_right:.1}\" \
                 y2=\"{y_lo:.1}\" stroke=\"#c8c2b4\" stroke-dasharray=\"4 3\"/>"
            );
        }
        let _ = writeln!(
            out,
            "<text class=\"band-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>",
            plot_right + 6.0,
            (y_hi + y_lo) / 2.0 + 3.5,
            esc(name)
        );
    }
    for v in [bottom_total, top_total] {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            LEFT - 5.0,
            y(v as f64) + 3.5
        );
    }
    axis.ticks(out, bottom + 6.0, bottom + 26.0, TOP);
    let mut path = String::new();
    let mut last_band: Option<&str> = None;
    for (n, s) in scores.iter().enumerate() {
        let (x, yy) = (axis.x_at(s.at, tz), y(s.total as f64));
        let _ = write!(path, "{}{x:.1},{yy:.1} ", if n == 0 { "M" } else { "L" });
        let band = s.band.as_deref();
        let _ = writeln!(
            out,
            "<circle class=\"score\" cx=\"{x:.1}\" cy=\"{yy:.1}\" r=\"3\" fill=\"#4a6fa5\">\
             <title>{}: {}{}</title></circle>",
            esc(&s.at.with_timezone(tz).date_naive().to_string()),
            s.total,
            band.map(|b| format!(" ({})", esc(b))).unwrap_or_default()
        );
        if bands.is_empty()
            && let Some(b) = band
            && last_band != Some(b)
        {
            let _ = writeln!(
                out,
                "<text class=\"band-label\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                yy - 7.0,
                esc(b)
            );
        }
        last_band = band;
    }
    let _ = writeln!(
        out,
        "<path class=\"score-line\" d=\"{}\" fill=\"none\" stroke=\"#4a6fa5\" stroke-width=\"1.2\"/>",
        path.trim_end()
    );
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{plot_right:.1}\" y2=\"{bottom}\" stroke=\"#999\"/>\n</svg>"
    );
}
