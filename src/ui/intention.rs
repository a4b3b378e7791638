//! The Intention pane: the intention for the next session on top, then the
//! history of intentions with their reflections.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::{App, PaneId};

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if !app.is_loaded() {
        return;
    }
    let view = app.view();
    let data = app.data();
    let zone = app.zone();
    let width = usize::from(area.width);
    let mut lines = Vec::new();
    let target = match &view.next_planned {
        Some(s) => format!(
            " For {}",
            s.at.with_timezone(zone).format("%a %-d %b %H:%M")
        ),
        None => " For your next session".to_string(),
    };
    lines.push(Line::styled(clip(&target, width), theme.dim()));
    let upcoming = data.intentions.iter().find(|i| {
        i.session == view.intention_target
            && (view.intention_target.is_some() || i.reflection.is_none())
    });
    match upcoming {
        Some(i) => lines.push(Line::styled(
            clip(&format!(" “{}”", one_line(&i.text)), width),
            theme.title(),
        )),
        None => lines.push(Line::styled(
            clip(
                &format!(
                    " No intention yet. {} sets one.",
                    app.settings().keys.label("intention.new")
                ),
                width,
            ),
            theme.accent(),
        )),
    }
    if let Some(i) = &view.reflect_on {
        lines.push(Line::styled(
            clip(
                &format!(
                    " How did it land? {} to reflect · “{}”",
                    app.settings().keys.label("intention.reflect"),
                    one_line(&i.text)
                ),
                width,
            ),
            theme.warn(),
        ));
    }
    if data.intentions.is_empty() {
        lines.push(Line::styled(
            " A gentle direction, not a demand:",
            theme.dim(),
        ));
        lines.push(Line::styled(
            " \"I'm open to whatever comes.\"",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    lines.push(Line::styled(
        clip(" ─ history ───────────────", width),
        theme.dim(),
    ));
    let height = usize::from(area.height).saturating_sub(lines.len());
    let selected = app.intention().selected();
    let focused = app.focus() == PaneId::Intention;
    let offset = super::scroll_offset(selected, data.intentions.len(), height);
    for (i, it) in data.intentions.iter().enumerate().skip(offset).take(height) {
        let when = it
            .session
            .and_then(|id| data.sessions.iter().find(|s| s.id == id))
            .map_or_else(
                || "next   ".to_string(),
                |s| s.at.with_timezone(zone).format("%d %b ").to_string(),
            );
        let reflection = it
            .reflection
            .as_deref()
            .map(|r| format!(" → {}", one_line(r)))
            .unwrap_or_default();
        let room = width.saturating_sub(8);
        let mut line = Line::from(vec![
            Span::styled(format!(" {when}"), theme.dim()),
            Span::raw(clip(&format!("{}{reflection}", one_line(&it.text)), room)),
        ]);
        if focused && i == selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), area);
}
