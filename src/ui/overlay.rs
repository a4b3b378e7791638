//! Dialogs and read-only views drawn on top of the dashboard.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::text::{clip, wrap};
use super::theme::Theme;
use super::timeline::plan_glyph;
use crate::app::form::{Answers, Confirm, FieldValue};
use crate::app::layout::centered;
use crate::app::{App, Care, Overlay, words};
use crate::care;
use crate::domain::PlanState;
use crate::domain::plan::ALCOHOL;

fn boxed<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(Span::styled(format!(" {title} "), theme.title()))
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if let Some(o) = app.overlay() {
        match o {
            Overlay::Help { scroll } => help(frame, area, app, *scroll, theme),
            Overlay::Entry { id, scroll } => entry(frame, area, app, *id, *scroll, theme),
            Overlay::Session { id, scroll } => session(frame, area, app, *id, *scroll, theme),
        }
    }
    if app.form().is_some() {
        form(frame, area, app, theme);
    }
    if let Some(c) = app.confirm() {
        confirm(frame, area, c, theme);
    }
    if let Some(care) = app.care() {
        crisis(frame, area, care, theme);
    }
}

/// A question, grown to fit its words, always with its answer keys.
fn confirm(frame: &mut Frame<'_>, area: Rect, c: &Confirm, theme: &Theme) {
    let width = area.width.min(60);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let mut answers = vec![
        Span::styled("y", theme.accent()),
        Span::raw(format!(" {}   ", c.answers.yes)),
    ];
    if let Some((key, words, _)) = &c.answers.other {
        answers.push(Span::styled(key.to_string(), theme.accent()));
        answers.push(Span::raw(format!(" {words}   ")));
    }
    answers.push(Span::styled("n", theme.accent()));
    answers.push(Span::raw(format!(" / Esc {}", c.answers.no)));
    let mut lines: Vec<Line> = wrap(&c.question, inner)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.extend(
        wrap(&c.detail, inner)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines.push(Line::raw(""));
    lines.push(Line::from(answers));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    // When the screen is too short for all of it, the answer keys stay:
    // the words give way from the end of the detail.
    let room = usize::from(rect.height.saturating_sub(2));
    if lines.len() > room {
        let keys = lines.pop();
        lines.truncate(room.saturating_sub(1));
        lines.extend(keys);
    }
    let title = if c.answers == Answers::YES_NO {
        "Are you sure?"
    } else {
        "A question"
    };
    frame.render_widget(
        Paragraph::new(lines).block(boxed(title.into(), theme)),
        rect,
    );
}

/// The crisis lines, over whatever is open, in the calm colours of the
/// rest of the dashboard: never red, never a warning.
pub fn crisis(frame: &mut Frame<'_>, area: Rect, why: Care, theme: &Theme) {
    let back = "Any key goes back to where you were; nothing you typed is lost.";
    let title = match why {
        Care::LowMood => "Saved, and kept",
        Care::Lines => "Where to find help",
    };
    let mut paragraphs = Vec::new();
    if why == Care::LowMood {
        paragraphs.push((care::LOW_MOOD, theme.text()));
    }
    paragraphs.extend([
        (care::IN_DANGER, theme.title()),
        (care::TO_TALK, theme.title()),
    ]);
    if why == Care::Lines {
        paragraphs.push((care::NOT_MEDICAL_ADVICE, theme.text()));
    }
    paragraphs.push((back, theme.dim()));
    // On a small screen the crisis lines stay whole: what else the card
    // says gives way first (last first), then the blank lines between
    // paragraphs, then the frame around them.
    let crisis = |t: &str| t == care::IN_DANGER || t == care::TO_TALK;
    let mut framed = true;
    let mut spaced = true;
    loop {
        let width = if framed {
            area.width.min(72)
        } else {
            area.width
        };
        let inner = usize::from(width.saturating_sub(if framed { 4 } else { 0 })).max(1);
        let mut lines = Vec::new();
        for (i, (text, style)) in paragraphs.iter().enumerate() {
            if i > 0 && spaced {
                lines.push(Line::raw(""));
            }
            lines.extend(
                wrap(text, inner)
                    .into_iter()
                    .map(|l| Line::styled(l, *style)),
            );
        }
        let frame_rows = if framed { 2 } else { 0 };
        let height = lines.len() + frame_rows;
        if height > usize::from(area.height) {
            if let Some(last) = paragraphs.iter().rposition(|(t, _)| !crisis(t)) {
                paragraphs.remove(last);
                continue;
            }
            if spaced {
                spaced = false;
                continue;
            }
            if framed {
                framed = false;
                continue;
            }
        }
        let height = u16::try_from(height).unwrap_or(u16::MAX);
        let rect = centered(area, width, height);
        frame.render_widget(Clear, rect);
        let text = Paragraph::new(lines);
        if framed {
            frame.render_widget(
                text.block(boxed(title.into(), theme).padding(Padding::horizontal(1))),
                rect,
            );
        } else {
            frame.render_widget(text, rect);
        }
        return;
    }
}

fn scrolled(
    frame: &mut Frame<'_>,
    rect: Rect,
    title: String,
    lines: Vec<Line<'_>>,
    scroll: usize,
    theme: &Theme,
) {
    frame.render_widget(Clear, rect);
    let max = lines
        .len()
        .saturating_sub(usize::from(rect.height.saturating_sub(2)));
    let scroll = u16::try_from(scroll.min(max)).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(boxed(title, theme)),
        rect,
    );
}

/// The keys in effect, so that a key changed in the config shows here.
fn help(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    // The help opens with where to find help, whole, before any key.
    let mut lines = vec![
        Line::styled(care::IN_DANGER, theme.title()),
        Line::styled(care::TO_TALK, theme.title()),
        Line::styled(care::NOT_MEDICAL_ADVICE, theme.text()),
    ];
    for (section, rows) in app.settings().keys.help_sections() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(section, theme.title()));
        for (keys, what) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.accent()),
                Span::raw(what),
            ]));
        }
    }
    let rect = centered(area, 76, area.height.saturating_sub(2));
    scrolled(
        frame,
        rect,
        "Help · ↑↓ scroll · Esc closes".into(),
        lines,
        scroll,
        theme,
    );
}

fn entry(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    id: crate::domain::JournalId,
    scroll: usize,
    theme: &Theme,
) {
    let Some(e) = app.data().entry(id) else {
        return;
    };
    let when = e
        .written_at
        .with_timezone(app.zone())
        .format("%A %-d %B %Y, %H:%M")
        .to_string();
    let mut lines = vec![Line::styled(when, theme.dim())];
    if let Some(m) = e.mood {
        lines.push(Line::styled(format!("Mood {}/10", m.get()), theme.accent()));
    }
    lines.push(Line::raw(""));
    lines.extend(e.body.lines().map(|l| Line::raw(l.to_string())));
    let rect = centered(area, 78, area.height.saturating_sub(2));
    scrolled(
        frame,
        rect,
        words::entry_view_title(&app.settings().keys),
        lines,
        scroll,
        theme,
    );
}

fn session(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    id: crate::domain::SessionId,
    scroll: usize,
    theme: &Theme,
) {
    let data = app.data();
    let Some(s) = data.sessions.iter().find(|s| s.id == id) else {
        return;
    };
    let zone = app.zone();
    let fmt = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(zone).format("%a %-d %b %H:%M").to_string()
    };
    let mut lines = vec![Line::raw(format!(
        "{} · {} · {}{}",
        fmt(s.at),
        s.kind.label(),
        s.status.as_str(),
        s.dose_mg.map(|d| format!(" · {d} mg")).unwrap_or_default()
    ))];
    if let Some(n) = &s.note {
        lines.push(Line::styled(n.clone(), theme.italic()));
    }
    if let Some(i) = crate::domain::intention::of_session(&data.intentions, id) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Intention: {}", i.text),
            theme.title(),
        ));
        if let Some(r) = &i.reflection {
            lines.push(Line::raw(format!("How it landed: {r}")));
        }
    }
    if s.is_done() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Integration plan", theme.title()));
        match app.view().plans.get(&id) {
            Some(items) => {
                for item in items {
                    // What passed passes quietly: dim, with no mark.
                    let passed = item.state == PlanState::Passed;
                    let state = if passed { "" } else { item.state.as_str() };
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("  {:<2}", plan_glyph(item.state)),
                            theme.plan(item.state),
                        ),
                        Span::styled(
                            format!("{state:<12}{:<17}", fmt(item.starts_at)),
                            theme.dim(),
                        ),
                        Span::styled(
                            item.kind.label(),
                            if passed { theme.dim() } else { theme.text() },
                        ),
                    ]));
                }
                lines.push(Line::raw(""));
                lines.push(Line::styled(ALCOHOL, theme.dim()));
            }
            None => lines.push(Line::styled(
                "The plan for this session could not be worked out.",
                theme.error(),
            )),
        }
    }
    let rect = centered(area, 90, area.height.saturating_sub(2));
    scrolled(
        frame,
        rect,
        words::session_view_title(&app.settings().keys),
        lines,
        scroll,
        theme,
    );
}

fn form(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(f) = app.form() else {
        return;
    };
    let label_w = f
        .fields
        .iter()
        .map(|fl| fl.label.width())
        .max()
        .unwrap_or(0)
        + 2;
    // Two rows below the fields for the hint, or for the reason a submit was
    // refused, which may wrap.
    let height = u16::try_from(f.fields.len() * 2 + 4).unwrap_or(10);
    let rect = centered(area, 70, height);
    frame.render_widget(Clear, rect);
    let block = boxed(
        clip(&f.title, usize::from(rect.width.saturating_sub(6))),
        theme,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let value_w = usize::from(inner.width).saturating_sub(label_w + 1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in f.fields.iter().enumerate() {
        let focused = i == f.focus;
        let label = Span::styled(
            format!("{:<label_w$}", field.label),
            if focused { theme.accent() } else { theme.dim() },
        );
        let value = match &field.value {
            FieldValue::Text(e) => {
                let text = e.text();
                let cur = e.cursor();
                // Show the tail of long text so the cursor stays visible.
                let mut start = 0;
                while start < cur && text[start..cur].width() >= value_w.max(1) {
                    start += text[start..].chars().next().map_or(1, char::len_utf8);
                }
                if focused {
                    let col = text[start..cur].width();
                    cursor = Some((
                        inner.x + u16::try_from(label_w + col).unwrap_or(0),
                        inner.y + u16::try_from(i * 2).unwrap_or(0),
                    ));
                }
                Span::styled(clip(&text[start..], value_w), theme.title())
            }
            FieldValue::Choice { options, index } => Span::styled(
                format!("‹ {} ›", options.get(*index).copied().unwrap_or("")),
                if focused { theme.title() } else { theme.text() },
            ),
        };
        lines.push(Line::from(vec![label, value]));
        lines.push(Line::styled(
            format!("{:<label_w$}{}", "", clip(field.hint, value_w)),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let fields_h = u16::try_from(f.fields.len() * 2).unwrap_or(inner.height);
    let foot = Rect {
        y: inner.y + fields_h.min(inner.height),
        height: inner.height.saturating_sub(fields_h),
        ..inner
    };
    let foot_line = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled("Enter saves · Tab next field · Esc cancels", theme.dim()),
    };
    frame.render_widget(Paragraph::new(foot_line).wrap(Wrap { trim: true }), foot);
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
    }
}
