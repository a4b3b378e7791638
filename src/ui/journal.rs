//! The Journal pane: the kept drafts, then entries newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::style::Modifier;

use super::list::{Scrolled, compact_moment, scroll_offset};
use super::prompt;
use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::journal::{Filter, MAX_DRAFT_LINES, TagChooser};
use crate::app::{App, PaneId, words};
use crate::domain::JournalEntry;
use crate::domain::search::match_ranges;
use crate::domain::time;

/// The fewest cells a row leaves its words before its date grows shorter
/// and, if need be, its mood goes.
const MIN_WORDS: usize = 12;

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
    if let Some(chooser) = journal.tags() {
        tag_chooser(frame, area, lines, chooser, theme);
        return;
    }
    let list = journal.shown(data);
    // The line being typed, at the bottom of the pane.
    let bottom: Vec<Line<'_>> = match (journal.jump(), journal.filter()) {
        (Some(j), _) => prompt::jump(j, theme, width),
        (
            None,
            Some(Filter::Search {
                query,
                typing: true,
                ..
            }),
        ) => vec![prompt::line("/", query, None, None, theme, width)],
        _ => Vec::new(),
    };
    if let Some(line) = filter_line(app, data.found_keys.len(), theme, width) {
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
        lines.extend(bottom);
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let loading = journal.loading();
    // The room the list has is worked out in the app, where the mouse
    // reads it too.
    let height = journal
        .list_place(data, area.height, width)
        .map_or(0, |p| p.height);
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
    let in_view = &list[first..list.len().min(first + height)];
    // A narrow pane gives its room to the words: a shorter date, then no
    // mood column. No column for moods either when none in view has one.
    let widest = |dates: &[String]| dates.iter().map(|d| d.chars().count()).max().unwrap_or(0);
    let mut moods = in_view.iter().any(|e| e.mood.is_some());
    let words = |date_width: usize, moods: bool| {
        width.saturating_sub(date_width + 2 + if moods { 6 } else { 0 })
    };
    let mut dates: Vec<String> = in_view
        .iter()
        .map(|e| time::moment_label(e.written_at, zone, today))
        .collect();
    if words(widest(&dates), moods) < MIN_WORDS {
        dates = in_view
            .iter()
            .map(|e| compact_moment(e.written_at, zone, today))
            .collect();
    }
    if words(widest(&dates), moods) < MIN_WORDS {
        moods = false;
    }
    let date_width = widest(&dates);
    let query = match journal.filter() {
        Some(Filter::Search { query, .. }) => Some(query.as_str()),
        _ => None,
    };
    lines.extend(scrolled.lines(|i, _| {
        let e = &list[i];
        let when = format!(" {:<date_width$} ", dates[i - first]);
        let mood = match e.mood {
            Some(m) if moods => format!("{:>2}/10 ", m.get()),
            None if moods => "      ".to_string(),
            _ => String::new(),
        };
        let room = width.saturating_sub(when.chars().count() + mood.chars().count());
        let mut spans = vec![
            Span::styled(when, theme.dim()),
            Span::styled(mood, theme.accent()),
        ];
        let text = match query {
            Some(q) => shown_for(e, q, room),
            None => one_line(e.title()),
        };
        spans.extend(marked(&text, query, room, theme));
        Line::from(spans)
    }));
    if loading && lines.len() < usize::from(area.height) {
        lines.push(Line::styled(
            clip(" loading older entries…", width),
            theme.dim(),
        ));
    }
    if !bottom.is_empty() {
        // Always on the pane's last rows, however short the list.
        let pad = usize::from(area.height).saturating_sub(lines.len() + bottom.len());
        lines.extend(std::iter::repeat_n(Line::raw(""), pad));
        lines.extend(bottom);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The tags with their counts, narrowed by what is typed below them.
fn tag_chooser(
    frame: &mut Frame<'_>,
    area: Rect,
    mut lines: Vec<Line<'_>>,
    chooser: &TagChooser,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    lines.push(Line::styled(
        clip(" Show the entries with one tag: Enter · Esc", width),
        theme.dim(),
    ));
    let shown = chooser.shown();
    let height = usize::from(area.height).saturating_sub(lines.len() + 1);
    if shown.is_empty() {
        lines.push(Line::styled(clip(" no tag holds that", width), theme.dim()));
    }
    let list = Scrolled {
        len: shown.len(),
        selected: chooser.selected,
        focused: true,
        height,
        highlight: Some(theme.selected()),
    };
    lines.extend(list.lines(|i, _| {
        let (tag, n) = shown[i];
        Line::from(vec![
            Span::raw(clip(&format!(" #{tag}"), width.saturating_sub(8))),
            Span::styled(format!("  {}", prompt::count(*n)), theme.dim()),
        ])
    }));
    let pad = usize::from(area.height).saturating_sub(lines.len() + 1);
    lines.extend(std::iter::repeat_n(Line::raw(""), pad));
    lines.push(prompt::line("#", &chooser.typed, None, None, theme, width));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The line above a narrowed list: what it is narrowed to, how many were
/// found, and the keys that move through them and clear it.
fn filter_line<'a>(app: &App, found: usize, theme: &Theme, width: usize) -> Option<Line<'a>> {
    let text = match app.journal().filter()? {
        Filter::Search { query, tag, .. } if query.trim().is_empty() => match tag {
            Some(tag) => format!(" Type words to search the entries with #{tag}."),
            None => " Type words to search the whole journal.".to_string(),
        },
        Filter::Search { query, typing, tag } => {
            let within = tag
                .as_ref()
                .map(|t| format!(" in #{t}"))
                .unwrap_or_default();
            let head = format!(" {}{within}", prompt::found(found, query));
            if *typing || found == 0 {
                format!("{head} · Esc clears")
            } else {
                format!("{head} · n next · N previous · Esc clears")
            }
        }
        Filter::Tag(tag) => format!(
            " #{tag} · {} · Esc shows all",
            match found {
                1 => "1 entry".to_string(),
                n => format!("{} entries", prompt::count(n)),
            }
        ),
    };
    Some(Line::styled(clip(&text, width), theme.accent()))
}

/// The title, or, when the words are further in (or past the room the
/// title has), the words around the first of them, so that a match always
/// shows.
fn shown_for(e: &JournalEntry, query: &str, room: usize) -> String {
    let title = one_line(e.title());
    let fits = |r: &std::ops::Range<usize>| title[..r.end].chars().count() <= room;
    if match_ranges(&title, query).first().is_some_and(fits) {
        return title;
    }
    let body = one_line(&e.body);
    let Some(first) = match_ranges(&body, query).first().map(|r| r.start) else {
        return title;
    };
    // A few characters before the match (fewer in a narrow pane), from
    // a character boundary.
    let from = body[..first]
        .char_indices()
        .rev()
        .nth((room / 4).min(12))
        .map_or(0, |(i, _)| i);
    if from == 0 {
        body
    } else {
        format!("…{}", &body[from..])
    }
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
