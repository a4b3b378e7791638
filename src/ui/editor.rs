//! The journal editor, drawn over the panes while writing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::text::clip;
use super::theme::Theme;
use crate::app::App;
use crate::app::editor::{locate, wrap};
use crate::app::journal::prompts;
use crate::app::layout;

pub fn render(frame: &mut Frame<'_>, body: Rect, app: &App, theme: &Theme) {
    let Some(ed) = app.journal().editor() else {
        return;
    };
    let title = if ed.editing.is_some() {
        " 2 Journal · editing "
    } else {
        " 2 Journal · new entry "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme.border(true))
        .title(Span::styled(title, theme.title()));
    frame.render_widget(block, body);

    let inner_w = usize::from(body.width.saturating_sub(4));
    let prompts = prompts();
    let prompt = prompts.get(ed.prompt).copied().unwrap_or("");
    let prompt_area = Rect {
        x: body.x + 2,
        y: body.y + 1,
        width: body.width.saturating_sub(4),
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            clip(prompt, inner_w),
            theme.italic().patch(theme.accent()),
        )),
        prompt_area,
    );

    let text_area = layout::editor_text_in(body);
    let text = ed.editor.text();
    let rows = wrap(text, text_area.width);
    let (crow, ccol) = locate(text, &rows, ed.editor.cursor(), text_area.width);
    let height = usize::from(text_area.height).max(1);
    // Keep the cursor row on screen; derived here, nothing is stored.
    let offset = crow.saturating_sub(height - 1);
    let lines: Vec<Line> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|r| Line::raw(text[r.start..r.end].to_string()))
        .collect();
    if text.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Start anywhere. A few words are enough.",
                theme.dim(),
            )),
            text_area,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), text_area);
    }
    if app.form().is_none() && app.confirm().is_none() {
        let x = text_area.x
            + u16::try_from(ccol)
                .unwrap_or(0)
                .min(text_area.width.saturating_sub(1));
        let y = text_area.y + u16::try_from(crow - offset).unwrap_or(0);
        frame.set_cursor_position(Position::new(x, y));
    }

    // Every keystroke is stored as a draft; saying so calms. While another
    // program holds the file, it says so instead, and never as an error.
    let words = text.split_whitespace().count();
    let kept = if app.save_waits() {
        "saving waits for another program…"
    } else if ed.unkept {
        "not kept yet"
    } else {
        "kept as a draft while you write"
    };
    let hint = match ed.mood {
        Some(m) => format!("{words} words · mood {}/10 · {kept}", m.get()),
        None => format!("{words} words · {kept}"),
    };
    let hint_area = Rect {
        x: body.x + 2,
        y: body.y + body.height.saturating_sub(2),
        width: body.width.saturating_sub(4),
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(Line::styled(clip(&hint, inner_w), theme.dim())),
        hint_area,
    );
}
