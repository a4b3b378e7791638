//! The Habits pane: one row per habit with a grid of recent days (today on
//! the right), the current streak and the strength score.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::Scrolled;
use super::text::pad;
use super::theme::Theme;
use crate::app::data::{DayMark, GRID_DAYS};
use crate::app::{App, PaneId, words};

fn amount(a: f64) -> String {
    if a.fract() == 0.0 {
        format!("{a:.0}")
    } else {
        format!("{a:.1}")
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let rows = &app.view().habits;
    if !app.is_loaded() {
        return;
    }
    if rows.is_empty() {
        let lines = vec![
            Line::raw(" No habits yet."),
            Line::styled(words::empty_habits(&app.settings().keys), theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let width = usize::from(area.width);
    let name_w = if width >= 70 { 16 } else { 9 };
    // Today's amount gets its own column once there is room for it.
    let today_w = if width >= 60 { 10 } else { 0 };
    let days = width
        .saturating_sub(name_w + 12 + today_w)
        .clamp(1, GRID_DAYS);
    let state = app.habits();
    let focused = app.focus() == PaneId::Habits;
    let sel_col = days.checked_sub(1 + state.days_back());

    // Day initials over the grid, today last.
    let mut head = vec![Span::styled(pad(" habit", name_w + 1), theme.dim())];
    if today_w > 0 {
        head.push(Span::styled(pad("today", today_w), theme.dim()));
    }
    if let Some(first) = rows.first() {
        let tail = &first.days[first.days.len().saturating_sub(days)..];
        for (i, (d, _, _)) in tail.iter().enumerate() {
            let letter =
                ["M", "T", "W", "T", "F", "S", "S"][d.weekday().num_days_from_monday() as usize];
            let style = if Some(i) == sel_col && focused {
                theme.accent()
            } else {
                theme.dim()
            };
            head.push(Span::styled(letter, style));
        }
    }
    head.push(Span::styled(" strk  str", theme.dim()));
    let mut lines = vec![Line::from(head)];

    let height = usize::from(area.height).saturating_sub(2);
    let list = Scrolled {
        len: rows.len(),
        selected: state.selected(),
        focused,
        height,
        highlight: None,
    };
    lines.extend(list.lines(|i, is_sel| {
        let row = &rows[i];
        let name_style = if is_sel {
            theme.selected()
        } else {
            theme.text()
        };
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(pad(&row.habit.name, name_w - 1), name_style),
            Span::raw(" "),
        ];
        if today_w > 0
            && let Some((_, mark, amt)) = row.days.last()
        {
            let text = match (mark, amt, row.habit.unit()) {
                (DayMark::Empty | DayMark::Before, _, _) => "—".to_string(),
                (_, Some(a), Some(u)) => format!("{}{u}", amount(*a)),
                _ => "✓".to_string(),
            };
            let style = if *mark == DayMark::Met {
                theme.ok()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(pad(&text, today_w), style));
        }
        let tail = &row.days[row.days.len().saturating_sub(days)..];
        for (c, (_, mark, _)) in tail.iter().enumerate() {
            let (glyph, style) = match mark {
                DayMark::Met => ("■", theme.ok()),
                DayMark::Partial => ("▪", theme.warn()),
                DayMark::Empty => ("·", theme.dim()),
                DayMark::Before => (" ", theme.dim()),
            };
            let style = if is_sel && Some(c) == sel_col {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            spans.push(Span::styled(glyph, style));
        }
        // "365+": the run goes back past the history the dashboard read.
        let unit = if row.stats.open_ended { '+' } else { 'd' };
        spans.push(Span::styled(
            format!(" {:>3}{unit}", row.stats.current_streak),
            theme.text(),
        ));
        spans.push(Span::styled(
            format!(" {:>3.0}", row.stats.strength),
            theme.accent(),
        ));
        Line::from(spans)
    }));

    // What the selected cell holds, so a past day can be checked before ticking.
    if let Some(row) = rows.get(state.selected())
        && let Some(idx) = row.days.len().checked_sub(1 + state.days_back())
    {
        let (day, mark, amt) = row.days[idx];
        let when = if state.days_back() == 0 {
            "today".to_string()
        } else {
            day.format("%a %-d %b").to_string()
        };
        let value = match (mark, amt, row.habit.unit(), row.habit.target()) {
            (DayMark::Empty | DayMark::Before, _, _, _) => "not ticked".to_string(),
            (_, Some(a), Some(u), Some(t)) => format!("{} of {} {u}", amount(a), amount(t)),
            _ => "done".to_string(),
        };
        let over = if row.stats.cut_off {
            " this past year"
        } else {
            ""
        };
        let info = format!(
            " {} · {when}: {value} · best {}d{over}",
            row.habit.name, row.stats.best_streak
        );
        lines.push(Line::styled(super::text::clip(&info, width), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
