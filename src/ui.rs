//! Drawing. Every function here reads the app and writes cells; none of
//! them changes state, reads the clock or touches the database.

pub mod bigdigits;
pub mod editor;
pub mod habits;
pub mod header;
pub mod intention;
pub mod journal;
pub mod overlay;
pub mod text;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::app::keymap::Scope;
use crate::app::layout;
use crate::app::{App, PaneId};
use theme::Theme;

/// Draws the whole dashboard for `app`.
pub fn render(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let theme = Theme::new(&app.settings().colors, app.no_color());
    if layout::too_small(area.width, area.height) {
        render_too_small(frame, area, app, &theme);
        return;
    }
    let areas = layout::areas(area.width, area.height);
    header::render(frame, areas.header, app, &theme);
    if app.journal().editor().is_some() {
        editor::render(frame, areas.body, app, &theme);
    } else {
        for (i, pane) in PaneId::ALL.iter().enumerate() {
            let rect = areas.panes[i];
            let focused = app.focus() == *pane;
            let block = pane_block(*pane, focused, &theme);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            match pane {
                PaneId::Timeline => timeline::render(frame, inner, app, &theme),
                PaneId::Journal => journal::render(frame, inner, app, &theme),
                PaneId::Habits => habits::render(frame, inner, app, &theme),
                PaneId::Intention => intention::render(frame, inner, app, &theme),
            }
        }
    }
    render_footer(frame, areas.footer, app, &theme);
    overlay::render(frame, area, app, &theme);
}

fn pane_block(pane: PaneId, focused: bool, theme: &Theme) -> Block<'static> {
    let title = if focused {
        Span::styled(format!(" {} ", pane.title()), theme.title())
    } else {
        Span::styled(format!(" {} ", pane.title()), theme.dim())
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(theme.border(focused))
        .title(title)
}

fn render_too_small(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let quit = app
        .settings()
        .keys
        .keys("quit")
        .and_then(|k| k.first())
        .map_or_else(|| "Ctrl-c".to_string(), ToString::to_string);
    let msg = vec![
        Line::styled("afterglow", theme.title()),
        Line::raw(format!(
            "needs a window of at least {}x{}; this one is {}x{}.",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            area.width,
            area.height
        )),
        Line::raw(format!("Make it a little larger. {quit} quits.")),
    ];
    frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
}

/// Key hints for the current mode, from the same table that resolves keys,
/// with the keys in effect (the first of each command's keys).
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let scope = if app.journal().editor().is_some() {
        Scope::Editor
    } else {
        Scope::Pane(app.focus())
    };
    let global = (scope != Scope::Editor).then_some(Scope::Global);
    let keymap = &app.settings().keys;
    let pick = |s: Scope| {
        keymap
            .rows()
            .filter(move |(b, _)| b.scope == s && !b.short.is_empty())
            .filter_map(|(b, keys)| Some((keys.first()?.to_string(), b.short)))
    };
    let mut out: Vec<(String, &'static str)> = pick(scope).collect();
    if let Some(g) = global {
        out.extend(pick(g));
    }
    out
}

fn render_footer(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let line = match app.status() {
        Some(s) => Line::styled(
            format!(" {}", s.text),
            if s.error { theme.error() } else { theme.ok() },
        ),
        None => {
            let mut spans = vec![Span::raw(" ")];
            for (key, what) in hints(app) {
                spans.push(Span::styled(key, theme.accent()));
                spans.push(Span::styled(format!(" {what}  "), theme.dim()));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Where a list of `len` rows must start so that `selected` shows in
/// `height` rows.
pub fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let half = height / 2;
    selected.saturating_sub(half).min(len - height)
}
