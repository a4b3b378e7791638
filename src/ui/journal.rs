//! The Journal pane: the kept drafts, then entries newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::style::Modifier;

use super::list::{Scrolled, scroll_offset};
use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::journal::Filter;
use crate::app::{App, PaneId, words};
use crate::domain::time;

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
    let journal = app.journal();
    let list = journal.shown(data);
    if let Some(line) = filter_line(app, list.len(), theme, width) {
        lines.push(line);
    }
    if list.is_empty() && journal.filter().is_none() {
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
    let loading = journal.loading();
    let height = usize::from(area.height).saturating_sub(lines.len() + usize::from(loading));
    let selected = journal.selected();
    let focused = app.focus() == PaneId::Journal;
    let scrolled = Scrolled {
        len: list.len(),
        selected,
        focused,
        height,
        highlight: Some(theme.selected()),
    };
    // The dates of the rows in view, padded to the widest, so that the
    // titles line up (a year makes a date longer).
    let today = time::local_date(app.now(), zone);
    let first = scroll_offset(selected, list.len(), height);
    let dates: Vec<String> = list[first..list.len().min(first + height)]
        .iter()
        .map(|e| time::moment_label(e.written_at, zone, today))
        .collect();
    let date_width = dates.iter().map(|d| d.chars().count()).max().unwrap_or(0);
    let query = match journal.filter() {
        Some(Filter::Search { query, .. }) => Some(query.as_str()),
        _ => None,
    };
    lines.extend(scrolled.lines(|i, _| {
        let e = &list[i];
        let when = format!(" {:<date_width$} ", dates[i - first]);
        let mood = e
            .mood
            .map_or_else(|| "     ".to_string(), |m| format!("{:>2}/10", m.get()));
        let room = width.saturating_sub(when.chars().count() + 6);
        let mut spans = vec![
            Span::styled(when, theme.dim()),
            Span::styled(mood, theme.accent()),
            Span::raw(" "),
        ];
        spans.extend(marked(&one_line(e.title()), query, room, theme));
        Line::from(spans)
    }));
    if loading && lines.len() < usize::from(area.height) {
        lines.push(Line::styled(
            clip(" loading older entries…", width),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The line above a narrowed list: what it is narrowed to, how many were
/// found, and the keys that move through them and clear it.
fn filter_line<'a>(app: &App, found: usize, theme: &Theme, width: usize) -> Option<Line<'a>> {
    let text = match app.journal().filter()? {
        Filter::Search { query, typing } => {
            let query = one_line(query);
            let head = if query.is_empty() {
                " Search: ".to_string()
            } else if found == 0 {
                format!(" nothing found for “{query}”")
            } else {
                format!(" {} found for “{query}”", count(found))
            };
            if *typing {
                format!(" / {query}▏  {}", head.trim_start())
            } else {
                format!("{head} · n next · N previous · Esc clears")
            }
        }
        Filter::Tag(tag) => format!(
            " #{tag} · {} · Esc clears",
            match found {
                1 => "1 entry".to_string(),
                n => format!("{} entries", count(n)),
            }
        ),
    };
    Some(Line::styled(clip(&text, width), theme.accent()))
}

/// A count with thousands marked: 5,908.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `text` clipped to `room`, with the words matching `query` marked in
/// bold and underlined (never by colour alone).
pub fn marked<'a>(text: &str, query: Option<&str>, room: usize, theme: &Theme) -> Vec<Span<'a>> {
    let text = clip(text, room);
    let ranges = query.map(|q| match_ranges(&text, q)).unwrap_or_default();
    let mark = theme
        .accent()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        if r.start > at {
            spans.push(Span::raw(text[at..r.start].to_string()));
        }
        spans.push(Span::styled(text[r.clone()].to_string(), mark));
        at = r.end;
    }
    if at < text.len() {
        spans.push(Span::raw(text[at..].to_string()));
    }
    spans
}

// Stand-in until domain::search arrives from the search branch.
fn match_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let q = query.trim().to_lowercase();
    if q.is_empty() || !text.is_ascii() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    lower
        .match_indices(&q)
        .map(|(i, m)| i..i + m.len())
        .collect()
}
