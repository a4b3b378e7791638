//! The Journal pane: the kept drafts, then entries newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::Scrolled;
use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::{App, PaneId, words};

/// Kept drafts listed above the entries, the last saying how many more.
const MAX_DRAFT_LINES: usize = 3;

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let data = app.data();
    let zone = app.zone();
    let width = usize::from(area.width);
    let mut lines = Vec::new();
    let drafts: Vec<&str> = data
        .drafts
        .iter()
        .map(|s| s.draft.body.as_str())
        .filter(|b| !b.trim().is_empty())
        .collect();
    // Several only when several editors each left one; each is shown, up
    // to a few, so that none is out of mind.
    let shown = if drafts.len() > MAX_DRAFT_LINES {
        MAX_DRAFT_LINES - 1
    } else {
        drafts.len()
    };
    for body in &drafts[..shown] {
        lines.push(Line::from(vec![
            Span::styled(" ✎ draft ", theme.warn()),
            Span::styled(
                clip(&one_line(body), width.saturating_sub(10)),
                theme.italic(),
            ),
        ]));
    }
    if shown < drafts.len() {
        lines.push(Line::styled(
            clip(
                &words::more_drafts(&app.settings().keys, drafts.len() - shown),
                width,
            ),
            theme.warn(),
        ));
    }
    if !app.is_loaded() {
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    if data.entries.is_empty() {
        lines.push(Line::raw(" Nothing written yet."));
        lines.push(Line::styled(
            words::empty_journal(&app.settings().keys),
            theme.dim(),
        ));
        lines.push(Line::styled(
            " will be there to start you off.",
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let more = usize::from(data.entry_count > data.entries.len());
    let height = usize::from(area.height).saturating_sub(lines.len() + more);
    let selected = app.journal().selected();
    let focused = app.focus() == PaneId::Journal;
    let list = Scrolled {
        len: data.entries.len(),
        selected,
        focused,
        height,
        highlight: Some(theme.selected()),
    };
    lines.extend(list.lines(|i, _| {
        let e = &data.entries[i];
        let when = e
            .written_at
            .with_timezone(zone)
            .format(" %a %d %b %H:%M ")
            .to_string();
        let mood = e
            .mood
            .map_or_else(|| "     ".to_string(), |m| format!("{:>2}/10", m.get()));
        let room = width.saturating_sub(when.chars().count() + 6);
        Line::from(vec![
            Span::styled(when, theme.dim()),
            Span::styled(mood, theme.accent()),
            Span::raw(" "),
            Span::raw(clip(&one_line(e.title()), room)),
        ])
    }));
    if data.entry_count > data.entries.len() && lines.len() < usize::from(area.height) {
        lines.push(Line::styled(
            clip(
                &format!(
                    " The newest {} of {} are here; `afterglow export` has them all.",
                    data.entries.len(),
                    data.entry_count
                ),
                width,
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
