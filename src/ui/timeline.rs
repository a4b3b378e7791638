//! The Timeline pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::Scrolled;
use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::data::{CourseMark, RowKind, TimelineRow};
use crate::app::{App, PaneId, words};
use crate::domain::{PlanState, SessionStatus};

pub fn plan_glyph(s: PlanState) -> &'static str {
    match s {
        PlanState::Done => "✓",
        PlanState::Partial => "◐",
        PlanState::Open => "●",
        PlanState::Upcoming => "○",
        PlanState::Passed => "",
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let rows = &app.view().timeline;
    let height = usize::from(area.height);
    if !app.is_loaded() {
        return;
    }
    if rows.len() <= 1 {
        let [first, second] = words::empty_timeline(&app.settings().keys);
        let lines = vec![
            Line::raw(" Nothing here yet."),
            Line::styled(first, theme.dim()),
            Line::styled(second, theme.dim()),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let selected = app.timeline().selected();
    let focused = app.focus() == PaneId::Timeline;
    let width = usize::from(area.width);
    let list = Scrolled {
        len: rows.len(),
        selected,
        focused,
        height,
        highlight: Some(theme.selected()),
    };
    let lines = list.lines(|i, _| {
        let row = &rows[i];
        let first_of_day = i == 0 || rows[i - 1].day != row.day;
        row_line(app, row, first_of_day, theme, width)
    });
    frame.render_widget(Paragraph::new(lines), area);
}

fn row_line<'a>(
    app: &App,
    row: &TimelineRow,
    first_of_day: bool,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
    let zone = app.zone();
    let local = row.at.with_timezone(zone);
    let band = match row.phase {
        Some(p) if p != crate::domain::Phase::Closed => Span::styled("▌", theme.phase(p)),
        _ => Span::raw(" "),
    };
    let date = if first_of_day {
        local.format("%a %d ").to_string()
    } else {
        "       ".to_string()
    };
    let time = local.format("%H:%M ").to_string();
    let room = width.saturating_sub(1 + 7 + 6);
    let mut spans = vec![band, Span::styled(date, theme.dim())];
    let data = app.data();
    if let RowKind::Earlier { sessions } = row.kind {
        let first = data.sessions.first().map(|s| s.at.with_timezone(zone));
        let since = first.map_or_else(String::new, |f| format!(" since {}", f.format("%b %Y")));
        let text = words::earlier_sessions(&app.settings().keys, sessions, &since);
        return Line::from(vec![
            Span::raw(" "),
            Span::styled(clip(&text, width.saturating_sub(1)), theme.dim()),
        ]);
    }
    match &row.kind {
        RowKind::Now => {
            spans.push(Span::styled(time, theme.accent()));
            spans.push(Span::styled(
                clip("── now ──────────────", room),
                theme.accent(),
            ));
        }
        RowKind::Session(id) => {
            spans.push(Span::raw(time));
            if let Some(s) = data.sessions.iter().find(|s| s.id == *id) {
                let mut text = s.kind.label().to_string();
                if let Some(d) = s.dose_mg {
                    text.push_str(&format!(" {d} mg"));
                }
                match row.course {
                    Some(CourseMark::Booster) => text.push_str(" · booster"),
                    Some(CourseMark::Position { position, number }) => {
                        text.push_str(&format!(" · #{position}"));
                        if let Some(n) = number {
                            text.push_str(&format!(" of course {n}"));
                        }
                    }
                    None => {}
                }
                let (glyph, style) = match s.status {
                    SessionStatus::Done => ("● ", theme.title()),
                    SessionStatus::Planned => ("◌ planned ", theme.accent()),
                };
                spans.push(Span::styled(glyph, style));
                spans.push(Span::styled(
                    clip(&text, room.saturating_sub(glyph.chars().count())),
                    style,
                ));
            }
        }
        RowKind::Plan { items, .. } => {
            // The label gives way to the items when the pane is narrow.
            let full: usize = items
                .iter()
                .map(|i| i.kind.short().chars().count() + 2)
                .sum();
            let mut room = room;
            if full > room {
                room += 6;
            } else {
                spans.push(Span::styled("plan  ", theme.dim()));
            }
            let mut used = 0;
            for item in items {
                let piece = format!("{}{} ", plan_glyph(item.state), item.kind.short());
                let w = piece.chars().count();
                if used + w > room {
                    spans.push(Span::styled("…", theme.dim()));
                    break;
                }
                used += w;
                spans.push(Span::styled(piece, theme.plan(item.state)));
            }
        }
        RowKind::Entry(id) => {
            spans.push(Span::styled(time, theme.dim()));
            if let Some(e) = data.entry(*id) {
                let mood = e
                    .mood
                    .map(|m| format!(" ({}/10)", m.get()))
                    .unwrap_or_default();
                spans.push(Span::styled("✎ ", theme.accent()));
                spans.push(Span::raw(clip(
                    &format!("{}{mood}", one_line(e.title())),
                    room.saturating_sub(2),
                )));
            }
        }
        RowKind::Therapy(id) => {
            spans.push(Span::styled(time, theme.dim()));
            let note = data
                .therapy
                .iter()
                .find(|t| t.id == *id)
                .and_then(|t| t.note.clone())
                .map(|n| format!(": {}", one_line(&n)))
                .unwrap_or_default();
            spans.push(Span::styled("◆ ", theme.ok()));
            spans.push(Span::styled(
                clip(&format!("therapy{note}"), room.saturating_sub(2)),
                Style::new(),
            ));
        }
        RowKind::Earlier { .. } => {}
    }
    Line::from(spans)
}
