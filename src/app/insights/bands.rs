//! Where a questionnaire's totals and its bands go up the Insights pane's
//! chart: each band given rows of its own when there are rows enough, so
//! that a point never sits on a row named for a band it is not in.

use crate::domain::questionnaire::Band;

/// The plot row (from the bottom) that a value is drawn on, as the chart's
/// braille grid places it: four dots a row, the top at the first.
pub(super) fn row_of(v: f64, bottom: f64, top: f64, rows: usize) -> usize {
    let dots = (rows * 4).saturating_sub(1) as f64;
    let from_top = ((top - v) * dots / (top - bottom)).round().max(0.0) as usize / 4;
    rows.saturating_sub(1).saturating_sub(from_top)
}

/// A stretch of totals with rows of its own: a band, or totals between or
/// beyond the bands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Stretch {
    pub(super) lo: i64,
    pub(super) hi: i64,
    /// Its first row from the bottom, and how many rows it has.
    pub(super) start: usize,
    pub(super) rows: usize,
    /// The band's index, `None` for totals in no band.
    pub(super) band: Option<usize>,
}

/// Where totals go up the plot when each band has rows of its own: every
/// stretch at least a row, the rest shared by its totals' count, so that
/// no row holds totals of two bands and a point always sits on a row its
/// band's name can label. `None` when there are more stretches than rows.
pub(super) fn stretches(
    bands: &[Band],
    bottom: i64,
    top: i64,
    rows: usize,
) -> Option<Vec<Stretch>> {
    let mut found: Vec<(i64, i64, Option<usize>)> = Vec::new();
    let mut cursor = bottom;
    for (i, b) in bands.iter().enumerate() {
        let (lo, hi) = (b.min.max(cursor), b.max.min(top));
        if lo > hi {
            continue;
        }
        if lo > cursor {
            found.push((cursor, lo - 1, None));
        }
        found.push((lo, hi, Some(i)));
        cursor = hi + 1;
    }
    if cursor <= top {
        found.push((cursor, top, None));
    }
    if found.is_empty() || found.len() > rows {
        return None;
    }
    // A row each, then the rows left by largest share.
    let total: i64 = found.iter().map(|(lo, hi, _)| hi - lo + 1).sum();
    let spare = rows - found.len();
    let mut share: Vec<(usize, f64)> = found
        .iter()
        .map(|(lo, hi, _)| spare as f64 * (hi - lo + 1) as f64 / total as f64)
        .map(|x| (x.floor() as usize, x.fract()))
        .collect();
    let given: usize = share.iter().map(|(n, _)| n).sum();
    let mut order: Vec<usize> = (0..share.len()).collect();
    order.sort_by(|a, b| share[*b].1.total_cmp(&share[*a].1));
    for i in order.into_iter().take(spare.saturating_sub(given)) {
        share[i].0 += 1;
    }
    let mut start = 0;
    Some(
        found
            .iter()
            .zip(share)
            .map(|(&(lo, hi, band), (extra, _))| {
                let s = Stretch {
                    lo,
                    hi,
                    start,
                    rows: 1 + extra,
                    band,
                };
                start += s.rows;
                s
            })
            .collect(),
    )
}

/// A total's height on a plot of stretches: from the middle of its
/// stretch's first row to the middle of its last, so that the chart's
/// rounding never moves it to a neighbour's row.
pub(super) fn stretch_y(stretches: &[Stretch], v: f64) -> f64 {
    let s = stretches
        .iter()
        .find(|s| v < s.hi as f64 + 0.5)
        .or(stretches.last());
    match s {
        Some(s) => {
            let frac = if s.hi > s.lo {
                ((v - s.lo as f64) / (s.hi - s.lo) as f64).clamp(0.0, 1.0)
            } else {
                0.5
            };
            s.start as f64 + 0.5 + frac * (s.rows - 1) as f64
        }
        None => 0.0,
    }
}

/// `s` in at most `width` columns, ending in "…" when cut, without any
/// character a terminal would obey (band names come from files).
pub(super) fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = crate::terminal_text::clean_line(s);
    if unicode_width::UnicodeWidthStr::width(s.as_str()) <= width {
        return s;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}
