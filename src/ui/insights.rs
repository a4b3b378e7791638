//! The Insights pane: beside the others, a few lines (the mood of the last
//! seven days, the latest relief, the note when mood has come back down);
//! zoomed, the mood chart, the questionnaire totals, the relief table and
//! the practice comparisons, scrolled a row at a time.
//!
//! Everything here was worked out by the app when the analysis, the range
//! or the size changed (`app::insights::Built`); drawing only builds the
//! widgets over it. Each mark differs by its shape, so NO_COLOR loses
//! nothing but colour.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use super::text::clip;
use super::theme::Theme;
use crate::app::App;
use crate::app::insights::{self, MoodSeries, Part, ScoreSeries};
use crate::app::reading::{Row, Tone};
use crate::domain::Phase;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let built = app.insights().built();
    if app.zoomed() && app.focus() == insights::ID {
        zoomed(frame, area, app, theme);
    } else {
        let lines: Vec<Line> = built
            .summary
            .iter()
            .map(|r| line(r, usize::from(area.width), theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}

fn style(t: Tone, theme: &Theme) -> ratatui::style::Style {
    match t {
        Tone::Plain => theme.text(),
        Tone::Dim => theme.dim(),
        Tone::Title => theme.title(),
        Tone::Accent => theme.accent(),
        Tone::Italic => theme.italic(),
        // Nothing in this pane is an error to alarm anyone: never red.
        Tone::Error => theme.dim(),
        Tone::Ok => theme.ok(),
        Tone::Plan(s) => theme.plan(s),
    }
}

/// One row as a line, a column in from the border, cut at `width`.
fn line<'a>(row: &'a Row, width: usize, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::raw(" ")];
    let mut room = width.saturating_sub(1);
    for (text, tone) in row {
        if room == 0 {
            break;
        }
        let piece = if text.width() > room {
            clip(text, room)
        } else {
            text.clone()
        };
        room = room.saturating_sub(piece.width());
        spans.push(Span::styled(piece, style(*tone, theme)));
    }
    Line::from(spans)
}

fn zoomed(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let state = app.insights();
    let built = state.built();
    let top = state.scroll();
    let bottom = top + usize::from(area.height);
    let mut y = 0usize;
    for part in &built.page {
        let h = part.height();
        let (start, end) = (y, y + h);
        y = end;
        if end <= top {
            continue;
        }
        if start >= bottom {
            break;
        }
        // Rows of the part that show, and where they go.
        let skip = top.saturating_sub(start);
        let shown = end.min(bottom) - start.max(top);
        let at = area.y + u16::try_from(start.max(top) - top).unwrap_or(0);
        let to = Rect::new(area.x, at, area.width, u16::try_from(shown).unwrap_or(0));
        match part {
            Part::Text(row) => {
                frame.render_widget(
                    Paragraph::new(line(row, usize::from(area.width), theme)),
                    to,
                );
            }
            Part::MoodChart { height } => {
                let chart = mood_chart(&built.mood, theme);
                draw_cut(frame, chart, to, *height, skip);
            }
            Part::ScoreChart { index, height } => {
                if let Some(s) = built.scores.get(*index) {
                    draw_cut(frame, score_chart(s, theme), to, *height, skip);
                }
            }
        }
    }
    // Which way there is more to read, on the border beside the rows.
    let right = area.x + area.width;
    if right >= frame.area().width {
        return;
    }
    let buf = frame.buffer_mut();
    if top > 0 {
        buf[(right, area.y)]
            .set_symbol("↑")
            .set_style(theme.accent());
    }
    if built.height > bottom {
        let last = area.y + area.height.saturating_sub(1);
        buf[(right, last)].set_symbol("↓").set_style(theme.accent());
    }
}

/// Draws a chart `height` rows tall of which only rows from `skip` on show
/// in `to` (scrolled partly out of sight): drawn whole aside, and the rows
/// that show copied over.
fn draw_cut(frame: &mut Frame<'_>, chart: Chart<'_>, to: Rect, height: usize, skip: usize) {
    let h = u16::try_from(height).unwrap_or(u16::MAX);
    if skip == 0 && to.height == h {
        frame.render_widget(chart, to);
        return;
    }
    let whole = Rect::new(0, 0, to.width, h);
    let mut aside = Buffer::empty(whole);
    chart.render(whole, &mut aside);
    let skip = u16::try_from(skip).unwrap_or(0);
    let buf = frame.buffer_mut();
    for row in 0..to.height {
        for col in 0..to.width {
            if let Some(cell) = aside.cell((col, row + skip)) {
                buf[(to.x + col, to.y + row)] = cell.clone();
            }
        }
    }
}

fn x_axis<'a>(span: f64, labels: &'a [String], theme: &Theme) -> Axis<'a> {
    Axis::default()
        .bounds([0.0, span])
        .labels(labels.iter().map(|l| Line::from(l.as_str())))
        .style(theme.dim())
}

fn mood_chart<'a>(s: &'a MoodSeries, theme: &Theme) -> Chart<'a> {
    let scatter = |data: &'a [(f64, f64)], marker| {
        Dataset::default()
            .data(data)
            .marker(marker)
            .graph_type(GraphType::Scatter)
    };
    // Drawn in this order: the windows' band and the sessions' lines
    // behind, the mean over them, each day's mood on top.
    let mut sets = vec![
        scatter(&s.windows, Marker::HalfBlock).style(theme.phase(Phase::Open)),
        scatter(&s.sessions, Marker::Braille).style(theme.dim()),
    ];
    sets.extend(s.trailing.iter().map(|run| {
        Dataset::default()
            .data(run)
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent())
    }));
    sets.push(scatter(&s.moods, Marker::Dot).style(theme.title()));
    Chart::new(sets)
        .x_axis(x_axis(s.span, &s.labels, theme))
        .y_axis(
            Axis::default()
                .bounds([
                    insights::series_bounds::MOOD_MIN,
                    insights::series_bounds::MOOD_MAX,
                ])
                .labels(["1", "10"])
                .style(theme.dim()),
        )
        .legend_position(None)
}

fn score_chart<'a>(s: &'a ScoreSeries, theme: &Theme) -> Chart<'a> {
    // The bands' edges behind, faint and dotted; the totals over them.
    let sets = vec![
        Dataset::default()
            .data(&s.edges)
            .marker(Marker::Braille)
            .graph_type(GraphType::Scatter)
            .style(theme.dim()),
        Dataset::default()
            .data(&s.points)
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent()),
        Dataset::default()
            .data(&s.points)
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.title()),
    ];
    Chart::new(sets)
        .x_axis(x_axis(s.span, &s.labels, theme))
        .y_axis(
            Axis::default()
                .bounds([s.bottom, s.top])
                .labels(s.y_labels.iter().map(|l| Line::from(l.as_str())))
                .style(theme.dim()),
        )
        .legend_position(None)
}
