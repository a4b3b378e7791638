//! Drawing. Every function here reads the app and writes cells; none of
//! them changes state, reads the clock or touches the database.

pub mod bigdigits;
pub mod editor;
pub mod habits;
pub mod header;
pub mod insights;
pub mod intention;
pub mod journal;
pub mod list;
pub mod overlay;
pub mod prompt;
pub mod questionnaire;
pub mod text;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::keymap::Scope;
use crate::app::layout;
use crate::app::{App, Command, PaneId};
use crate::care;
use theme::Theme;

/// Draws the whole dashboard for `app`.
pub fn render(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let theme = Theme::new(&app.settings().colors, app.no_color());
    if layout::too_small(area.width, area.height) {
        render_too_small(frame, area, app, &theme);
        return;
    }
    let areas = app.areas_in(area.width, area.height);
    header::render(frame, areas.header, app, &theme);
    if app.journal().editor().is_some() {
        editor::render(frame, areas.body, app, &theme);
    } else {
        for &(pane, rect) in &areas.panes {
            let focused = app.focus() == pane;
            let block = pane_block(app.settings().keys.pane_title(pane), focused, &theme);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            if let Some((_, draw)) = PANE_RENDERERS.iter().find(|(id, _)| *id == pane) {
                draw(frame, inner, app, &theme);
            }
        }
    }
    render_footer(frame, areas.footer, app, &theme);
    overlay::render(frame, area, app, &theme);
}

/// Draws a pane's content inside its border.
pub type PaneRenderer = fn(&mut Frame<'_>, Rect, &App, &Theme);

/// Each registered pane's renderer (the app's registry may not name the
/// ui, so the ui keeps this list beside it; a test checks that every
/// registered pane has one).
pub const PANE_RENDERERS: &[(PaneId, PaneRenderer)] = &[
    (PaneId::Timeline, timeline::render),
    (PaneId::Journal, journal::render),
    (PaneId::Habits, habits::render),
    (PaneId::Intention, intention::render),
    (crate::app::insights::ID, insights::render),
];

fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    let title = if focused {
        Span::styled(format!(" {title} "), theme.title())
    } else {
        Span::styled(format!(" {title} "), theme.dim())
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

/// A terminal below the smallest size: what to do about it, and the
/// crisis lines, whole when they fit, or their key when they do not.
fn render_too_small(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if let Some(care) = app.care() {
        overlay::crisis(frame, area, care, theme);
        return;
    }
    let quit = app
        .settings()
        .keys
        .keys("quit")
        .and_then(|k| k.first())
        .map_or_else(|| "Ctrl-c".to_string(), ToString::to_string);
    let (key, what) = crisis_hint(app);
    let width = usize::from(area.width).max(1);
    let mut msg: Vec<Line> = [
        format!(
            "afterglow needs a window of at least {}x{}; this one is {}x{}.",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            area.width,
            area.height
        ),
        if app.form().is_some() || app.confirm().is_some() {
            "Make it a little larger to go on with the open dialog.".to_string()
        } else {
            format!("Make it a little larger. {quit} quits.")
        },
    ]
    .iter()
    .flat_map(|t| text::wrap(t, width))
    .map(Line::raw)
    .collect();
    let lines_of = |t: &str| text::wrap(t, width);
    let whole: Vec<String> = [care::IN_DANGER, care::TO_TALK]
        .iter()
        .flat_map(|t| lines_of(t))
        .collect();
    if msg.len() + whole.len() <= usize::from(area.height) {
        msg.extend(whole.into_iter().map(|l| Line::styled(l, theme.title())));
    } else {
        msg.extend(
            lines_of(&format!("{key}: {what}"))
                .into_iter()
                .map(|l| Line::styled(l, theme.accent())),
        );
    }
    frame.render_widget(Paragraph::new(msg), area);
}

/// Key hints for the current mode, from the same table that resolves keys,
/// with the keys in effect (the first of each command's keys).
fn hints(app: &App) -> Vec<(String, &'static str)> {
    if app.overlay().is_some() {
        return view_hints(app);
    }
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
    // Quitting and the help come first, so that a narrow footer keeps
    // them; then the keys of the place, then the rest.
    let first = |cmd: &Command| matches!(cmd, Command::Quit | Command::Help);
    let of = |s: Scope, lead: bool| {
        keymap
            .rows()
            .filter(move |(b, _)| b.scope == s && !b.short.is_empty() && first(&b.command) == lead)
            .filter_map(|(b, keys)| Some((keys.first()?.to_string(), b.short)))
    };
    let mut out: Vec<(String, &'static str)> = Vec::new();
    if let Some(g) = global {
        out.extend(of(g, true));
    }
    out.extend(pick(scope));
    if let Some(g) = global {
        out.extend(of(g, false));
    }
    out
}

/// The keys of a view open over the dashboard (the help, an entry, a
/// session, a visit), which take every key but the crisis key: closing,
/// editing when the list's edit key edits what it shows, and scrolling.
fn view_hints(app: &App) -> Vec<(String, &'static str)> {
    let mut out = vec![("Esc".to_string(), "close")];
    if app.view_edits() {
        let keymap = &app.settings().keys;
        let edit = keymap
            .rows()
            .find(|(b, _)| b.scope == Scope::Pane(app.focus()) && b.command == Command::Edit)
            .and_then(|(_, keys)| keys.first());
        if let Some(key) = edit {
            out.push((key.to_string(), "edit"));
        }
    }
    out.push(("↓↑ PgDn".to_string(), "scroll"));
    out.push(("End/Home".to_string(), "last/first"));
    out
}

/// The key for the crisis lines and its words, as every footer ends.
pub fn crisis_hint(app: &App) -> (String, &'static str) {
    (app.settings().keys.label("crisis"), "crisis help")
}

/// The footer: the status or the hints of the mode, and at its right end,
/// always, the key for the crisis lines (which nothing may push out).
fn render_footer(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (key, what) = crisis_hint(app);
    let right = Line::from(vec![
        Span::styled(key.clone(), theme.accent()),
        Span::styled(format!(" {what} "), theme.text()),
    ]);
    let right_w = u16::try_from(right.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
    let room = usize::from(left_area.width);
    let line = match app.status() {
        // Two columns kept free, so a long note never runs into the
        // crisis hint.
        Some(s) => Line::styled(
            text::clip(&format!(" {}", s.text), room.saturating_sub(2)),
            if s.error { theme.error() } else { theme.ok() },
        ),
        None => {
            let mut spans = vec![Span::raw(" ")];
            let mut used = 1;
            // Whole hints only: a hint cut in half names no key.
            for (key, what) in hints(app) {
                let w = key.width() + what.width() + 3;
                if used + w > room {
                    break;
                }
                used += w;
                spans.push(Span::styled(key, theme.accent()));
                spans.push(Span::styled(format!(" {what}  "), theme.dim()));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), left_area);
    frame.render_widget(Paragraph::new(right), right_area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_pane_has_a_renderer() {
        for pane in PaneId::all() {
            assert!(
                PANE_RENDERERS.iter().any(|(id, _)| *id == pane),
                "{pane:?} has no renderer"
            );
        }
    }
}
