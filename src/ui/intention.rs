//! The Intention pane: the intention waiting for a session (or held by the
//! one planned next, or, in a session's window, that session's own) on
//! top, then the history of intentions with their reflections.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::Scrolled;
use super::text::{clip, one_line, pad};
use super::theme::Theme;
use crate::app::{App, PaneId, words};
use crate::domain::attach::LeadFor;
use crate::domain::time::{day_label, local_date, moment_label};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if !app.is_loaded() {
        return;
    }
    let view = app.view();
    let data = app.data();
    let zone = app.zone();
    let width = usize::from(area.width);
    let key = |name: &str| app.settings().keys.label(name);
    let mut lines = Vec::new();
    // The intention waiting for a session, or held by the one planned
    // next; right after a session, that session's own. Never a call for
    // the next one while this one's window is open.
    let lead = view.leading.as_ref();
    let in_window = lead.is_some_and(|l| matches!(l.lead_for, LeadFor::Window { .. }));
    let today = local_date(app.now(), zone);
    let heading = match lead.map(|l| l.lead_for) {
        Some(LeadFor::Window { at, .. }) => format!(
            " For your session of {}",
            day_label(local_date(at, zone), today)
        ),
        Some(LeadFor::Planned { at, .. }) => {
            format!(" For {}", moment_label(at, zone, today))
        }
        Some(LeadFor::NextLogged) => " For the next session you log".to_string(),
        None => String::new(),
    };
    let held = lead.and_then(|l| l.intention.as_ref());
    if !heading.is_empty() {
        lines.push(Line::styled(clip(&heading, width), theme.dim()));
    }
    let quiet = |text: String| Line::styled(clip(&text, width), theme.dim());
    match held {
        Some(i) => lines.push(Line::styled(
            clip(&format!(" “{}”", one_line(&i.text)), width),
            theme.title(),
        )),
        // In a session's window the pane is about that session; the
        // next one can wait.
        None if in_window => {}
        None => lines.push(quiet(words::no_intention(
            &app.settings().keys,
            view.next_planned.is_some(),
        ))),
    }
    if let Some(i) = &view.reflect_on {
        lines.push(Line::from(vec![
            Span::raw(" How did it land? "),
            Span::styled(key("intention.reflect"), theme.accent()),
            Span::raw(clip(
                &format!(" to reflect on “{}”", one_line(&i.text)),
                width.saturating_sub(19 + key("intention.reflect").chars().count()),
            )),
        ]));
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
    // A short pane gives the heading's row to the list itself, so that
    // moving through the history always shows where one is.
    if usize::from(area.height) > lines.len() + 1 {
        lines.push(Line::styled(
            clip(" ─ history ───────────────", width),
            theme.dim(),
        ));
    }
    let height = usize::from(area.height).saturating_sub(lines.len());
    let selected = app.intention().selected();
    let focused = app.focus() == PaneId::Intention;
    let list = Scrolled {
        len: data.intentions.len(),
        selected,
        focused,
        height,
        highlight: Some(theme.selected()),
    };
    // The day of each intention's session, with its month, and its year
    // when not this one; one column wide enough for the widest.
    let when_of = |i: usize| {
        data.intentions[i]
            .session
            .and_then(|id| data.sessions.iter().find(|s| s.id == id))
            .map_or_else(
                || "next".to_string(),
                |s| day_label(local_date(s.at, zone), today),
            )
    };
    // Measured over the rows in view only, so that one date from another
    // year far down the list does not widen every row.
    let offset = super::list::scroll_offset(selected, data.intentions.len(), height);
    let when_w = (offset..data.intentions.len().min(offset + height))
        .map(|i| when_of(i).width())
        .max()
        .unwrap_or(0);
    lines.extend(list.lines(|i, _| {
        let it = &data.intentions[i];
        let when = pad(&when_of(i), when_w + 1);
        let reflection = it
            .reflection
            .as_deref()
            .map(|r| format!(" → {}", one_line(r)))
            .unwrap_or_default();
        let replaced = if it.is_replaced() { " (replaced)" } else { "" };
        let room = width.saturating_sub(when_w + 2);
        let text_style = if it.is_replaced() {
            theme.dim()
        } else {
            theme.text()
        };
        Line::from(vec![
            Span::styled(format!(" {when}"), theme.dim()),
            Span::styled(
                clip(
                    &format!("{}{reflection}{replaced}", one_line(&it.text)),
                    room,
                ),
                text_style,
            ),
        ])
    }));
    frame.render_widget(Paragraph::new(lines), area);
}
