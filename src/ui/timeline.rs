//! The Timeline pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use chrono::{Datelike, NaiveDate};

use super::prompt;
use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::data::{CourseMark, RowKind, TimelineRow};
use crate::app::timeline::{self, Drawn};
use crate::app::{App, PaneId, words};
use crate::domain::{PlanState, SessionStatus, time};

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
    let width = usize::from(area.width);
    let state = app.timeline();
    let bottom: Vec<Line<'_>> = match (state.jump(), state.search()) {
        (Some(j), _) => prompt::jump(j, theme, width),
        (None, Some(s)) if s.typing => {
            let note = (!s.query.trim().is_empty()).then(|| prompt::found(s.found, &s.query));
            vec![prompt::line(
                "/",
                &s.query,
                note.as_deref(),
                None,
                theme,
                width,
            )]
        }
        (None, Some(s)) => {
            let keys = if s.found > 0 {
                " · n next · N previous"
            } else {
                ""
            };
            vec![Line::styled(
                clip(
                    &format!(" {}{keys} · Esc clears", prompt::found(s.found, &s.query)),
                    width,
                ),
                theme.accent(),
            )]
        }
        _ => Vec::new(),
    };
    let query = state.search().map(|s| s.query.as_str());
    let height = usize::from(area.height).saturating_sub(bottom.len());
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
    let zone = app.zone();
    let today = app
        .view()
        .today
        .unwrap_or_else(|| time::local_date(app.now(), zone));
    // Which row goes on which line is worked out in the app, where the
    // mouse reads it too.
    let (top, slots) = timeline::layout(rows, selected, height, width, today);
    let end = slots
        .iter()
        .filter_map(|s| match s {
            Drawn::Row(i) => Some(i + 1),
            Drawn::Month(_) => None,
        })
        .max()
        .unwrap_or(top);
    let narrow = width < timeline::NARROW;
    let dates: Vec<String> = (top..end)
        .map(|i| {
            if narrow {
                rows[i].day.format("%a %-d").to_string()
            } else {
                time::day_label(rows[i].day, today)
            }
        })
        .collect();
    let date_width = dates.iter().map(|d| d.chars().count()).max().unwrap_or(0);
    let mut lines = Vec::with_capacity(height);
    for slot in slots {
        let i = match slot {
            Drawn::Month(i) => {
                lines.push(separator(rows[i].day, today, width, theme));
                continue;
            }
            Drawn::Row(i) => i,
        };
        let row = &rows[i];
        let first_of_day = i == top || rows[i - 1].day != row.day;
        let date = if first_of_day {
            format!("{:<date_width$} ", dates[i - top])
        } else {
            " ".repeat(date_width + 1)
        };
        let line = row_line(app, row, date, query, theme, width);
        lines.push(if focused && i == selected {
            line.patch_style(theme.selected())
        } else {
            line
        });
    }
    if !bottom.is_empty() {
        let pad = usize::from(area.height).saturating_sub(lines.len() + bottom.len());
        lines.extend(std::iter::repeat_n(Line::raw(""), pad));
        lines.extend(bottom);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "── November ──", or "── November 2025 ──" in another year than today's.
fn separator<'a>(day: NaiveDate, today: NaiveDate, width: usize, theme: &Theme) -> Line<'a> {
    let name = if day.year() == today.year() {
        day.format("%B").to_string()
    } else {
        day.format("%B %Y").to_string()
    };
    Line::styled(clip(&format!(" ── {name} ──"), width), theme.dim())
}

fn row_line<'a>(
    app: &App,
    row: &TimelineRow,
    date: String,
    query: Option<&str>,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
    let zone = app.zone();
    let local = row.at.with_timezone(zone);
    let band = match row.phase {
        Some(p) if p != crate::domain::Phase::Closed => Span::styled("▌", theme.phase(p)),
        _ => Span::raw(" "),
    };
    let time = local.format("%H:%M ").to_string();
    let room = width.saturating_sub(1 + date.chars().count() + 6);
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
            let rule = "─".repeat(room.saturating_sub(7).min(14));
            spans.push(Span::styled(
                clip(&format!("── now {rule}"), room),
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
            if let Some(e) = data.head(row.at, *id) {
                let mood = e
                    .mood
                    .map(|m| format!(" ({}/10)", m.get()))
                    .unwrap_or_default();
                spans.push(Span::styled("✎ ", theme.accent()));
                spans.extend(super::journal::marked(
                    &format!("{}{mood}", one_line(&e.title)),
                    query,
                    room.saturating_sub(2),
                    theme,
                ));
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
