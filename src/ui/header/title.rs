//! The header's first row: the facts that say where you are, by rank,
//! and the clock.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::text::clip;
use super::super::theme::Theme;
use super::course_line;
use crate::app::App;
use crate::domain::plasticity::Phase;
use crate::domain::time::{local_date, moment_label};

/// " read-only · phase · course fact ... clock": the facts in order of
/// importance, each in the longest wording that fits, the first that
/// fits in no wording cut with an ellipsis and the rest left out; always
/// two columns clear of the clock. The name "afterglow" is the least
/// important: it leads the row only when everything else fits whole.
pub fn title_row(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let view = app.view();
    let now = app.now();
    let zone = app.zone();
    // Today's own day, so never with a year, loaded or not.
    let clock = moment_label(now, zone, local_date(now, zone));
    let width = usize::from(area.width);
    // Each fact in a long and a short wording, by rank.
    let mut facts: Vec<([String; 2], ratatui::style::Style)> = Vec::new();
    let one = |s: &str| [s.to_string(), s.to_string()];
    // First, so that nothing pushes it out: typing here saves nothing.
    if app.read_only().is_some() {
        facts.push((
            ["read-only: nothing is saved".into(), "read-only".into()],
            theme.warn(),
        ));
    }
    match (&view.resting, &view.countdown) {
        (Some(r), _) => facts.push((one(r.status.as_str()), theme.dim())),
        (None, Some(c)) => {
            facts.push((
                one(c.phase.as_str()),
                theme.phase(c.phase).add_modifier(Modifier::BOLD),
            ));
            let closed = c.phase == Phase::Closed;
            if let Some(line) = view
                .course
                .as_ref()
                .and_then(|v| course_line(v, zone, view.today.unwrap_or_default(), closed))
            {
                facts.push((line, theme.text()));
            }
        }
        (None, None) => {}
    }
    let texts: Vec<&[String; 2]> = facts.iter().map(|(t, _)| t).collect();
    // Always a space at the left edge and two before the clock.
    let room = width.saturating_sub(clock.width() + 3);
    let (named, shown) = fit_facts("afterglow", &texts, room);
    let sep = "  ·  ";
    let mut spans = vec![Span::raw(" ")];
    if named {
        spans.push(Span::styled("afterglow", theme.title()));
    }
    for (i, text) in shown.into_iter().enumerate() {
        if named || i > 0 {
            spans.push(Span::styled(sep, theme.dim()));
        }
        spans.push(Span::styled(text, facts[i].1));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let gap = width.saturating_sub(used + clock.width() + 1).max(2);
    spans.push(Span::raw(" ".repeat(gap)));
    if used + gap + clock.width() <= width {
        spans.push(Span::styled(clock, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Fills `room` columns with `facts` by rank: first each in its short
/// wording, the first that does not fit cut with "…" (when at least four
/// columns are left) and ending the row; then, while room remains, facts
/// take their long wording, by rank; last, `name` leads the row when it
/// fits beside them all. Returns whether the name shows, and the facts'
/// texts, as many as show.
pub fn fit_facts(name: &str, facts: &[&[String; 2]], room: usize) -> (bool, Vec<String>) {
    const SEP: usize = 5;
    let mut used = 0;
    let mut shown: Vec<String> = Vec::new();
    for (i, [_, short]) in facts.iter().map(|f| (*f).clone()).enumerate() {
        let sep = if i == 0 { 0 } else { SEP };
        let left = room.saturating_sub(used + sep);
        if short.width() > left {
            if left >= 4 {
                shown.push(clip(&short, left));
            }
            return (false, shown);
        }
        used += sep + short.width();
        shown.push(short);
    }
    for (text, [long, _]) in shown.iter_mut().zip(facts) {
        let more = long.width().saturating_sub(text.width());
        if used + more <= room {
            used += more;
            *text = long.clone();
        }
    }
    let beside = name.width() + if shown.is_empty() { 0 } else { SEP };
    (used + beside <= room, shown)
}
