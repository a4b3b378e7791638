//! Dialogs and read-only views drawn on top of the dashboard.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::{clip, wrap};
use super::theme::Theme;
use crate::app::form::{Answers, Confirm, FieldValue};
use crate::app::layout::centered;
use crate::app::reading::{self, Tone};
use crate::app::{App, Care, Overlay};
use crate::care;

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
            Overlay::Help { scroll }
            | Overlay::Entry { scroll, .. }
            | Overlay::Session { scroll, .. }
            | Overlay::Therapy { scroll, .. } => reading(frame, area, app, *scroll, theme),
        }
    }
    if let Some(asking) = app.asking() {
        super::questionnaire::render(frame, area, asking, theme);
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
    // A row above and below stay clear: the footer's crisis key shows.
    let lines = confirm_lines(c, inner, usize::from(area.height.saturating_sub(4)), theme);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
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

/// The question's rows at `inner` columns, at most `room` of them: the
/// question and its detail wrapped, a blank row, and the answer keys,
/// each answer whole, on as many rows as they need. When the rows do not
/// all fit, the answer keys stay: the words give way from the end of the
/// detail, and the last row kept says so with "…".
pub fn confirm_lines(c: &Confirm, inner: usize, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut answers: Vec<(String, String)> =
        vec![(c.answers.yes_key.to_string(), c.answers.yes.to_string())];
    if let Some((key, words, _)) = &c.answers.other {
        answers.push((key.to_string(), words.to_string()));
    }
    answers.push(("n".into(), format!("/ Esc {}", c.answers.no)));
    let mut keys: Vec<Line> = Vec::new();
    let mut row: Vec<Span> = Vec::new();
    let mut used = 0;
    for (key, words) in answers {
        let w = key.width() + 1 + words.width();
        let gap = if row.is_empty() { 0 } else { 3 };
        if !row.is_empty() && used + gap + w > inner {
            keys.push(Line::from(std::mem::take(&mut row)));
            used = 0;
        }
        if !row.is_empty() {
            row.push(Span::raw("   "));
            used += 3;
        }
        row.push(Span::styled(key, theme.accent()));
        row.push(Span::raw(format!(" {words}")));
        used += w;
    }
    keys.push(Line::from(row));
    let mut words: Vec<Line> = wrap(&c.question, inner)
        .into_iter()
        .map(Line::raw)
        .collect();
    words.extend(
        wrap(&c.detail, inner)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    let fits = room.saturating_sub(keys.len() + 1);
    if words.len() > fits {
        words.truncate(fits.max(1));
        if let Some(last) = words.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let text = text.trim_end();
            let cut = if text.width() < inner {
                format!("{text}…")
            } else {
                let t = clip(text, inner.saturating_sub(1));
                format!("{}…", t.trim_end_matches('…').trim_end())
            };
            *last = Line::styled(cut, last.style);
        }
    }
    words.push(Line::raw(""));
    words.extend(keys);
    words
}

/// The crisis lines, over whatever is open, in the calm colours of the
/// rest of the dashboard: never red, never a warning.
pub fn crisis(frame: &mut Frame<'_>, area: Rect, why: Care, theme: &Theme) {
    let back = match why {
        Care::Questionnaire { .. } => "Any key goes on.",
        _ => "Any key goes back to where you were; nothing you typed is lost.",
    };
    crisis_then(frame, area, why, back, theme);
}

/// [`crisis`] with its own last line, `back`: what any key does next.
pub fn crisis_then(frame: &mut Frame<'_>, area: Rect, why: Care, back: &str, theme: &Theme) {
    let title = match why {
        Care::LowMood => "Saved, and kept",
        Care::Lines => "Where to find help",
        Care::Questionnaire { .. } => "Before you go on",
    };
    let mut paragraphs = Vec::new();
    if let Care::Questionnaire { reach_out_today } = why {
        // The one wording the command line shows too, in its order.
        for p in care::questionnaire_help(reach_out_today) {
            let crisis = p == care::IN_DANGER || p == care::TO_TALK;
            paragraphs.push((p, if crisis { theme.title() } else { theme.text() }));
        }
    } else {
        if why == Care::LowMood {
            paragraphs.push((care::LOW_MOOD, theme.text()));
        }
        paragraphs.extend([
            (care::IN_DANGER, theme.title()),
            (care::TO_TALK, theme.title()),
        ]);
    }
    if why == Care::Lines {
        paragraphs.push((care::NOT_MEDICAL_ADVICE, theme.text()));
    }
    paragraphs.push((back, theme.dim()));
    // On a small screen the crisis lines stay whole: what else the card
    // says gives way first (last first), then the blank lines between
    // paragraphs, then the frame around them.
    // A questionnaire's help keeps every paragraph: only the key line may go.
    let whole = matches!(why, Care::Questionnaire { .. });
    let crisis = |t: &str| t == care::IN_DANGER || t == care::TO_TALK || (whole && t != back);
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

/// Where the rows that show sit among all of them, for the box's bottom
/// edge: "↓ more below · rows 1-20 of 64", or nothing when all show.
pub fn scroll_cue(top: usize, visible: usize, total: usize) -> Option<String> {
    if total <= visible || visible == 0 {
        return None;
    }
    let last = (top + visible).min(total);
    let arrows = match (top > 0, last < total) {
        (false, _) => "↓ more below",
        (true, true) => "↑↓ more",
        (true, false) => "↑ more above",
    };
    Some(format!(" {arrows} · rows {}-{last} of {total} ", top + 1))
}

fn tone(t: Tone, theme: &Theme) -> Style {
    match t {
        Tone::Plain => theme.text(),
        Tone::Dim => theme.dim(),
        Tone::Title => theme.title(),
        Tone::Accent => theme.accent(),
        Tone::Italic => theme.italic(),
        Tone::Error => theme.error(),
        Tone::Ok => theme.ok(),
        Tone::Plan(s) => theme.plan(s),
    }
}

/// A view to read, drawn row for row as the app counted them
/// (`App::reading`), so End always reaches the last row.
fn reading(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let Some(page) = app.reading() else {
        return;
    };
    let rect = page.rect(area);
    let (width, visible) = reading::inner(rect);
    let rows = page.rows(width);
    let top = scroll.min(reading::max_scroll(rows.len(), visible));
    let lines: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(visible)
        .map(|row| {
            Line::from(
                row.iter()
                    .map(|(t, k)| Span::styled(t.clone(), tone(*k, theme)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let title = clip(&page.title, usize::from(rect.width.saturating_sub(4)));
    let mut block = boxed(title, theme);
    if let Some(cue) = scroll_cue(top, visible, rows.len())
        && cue.width() + 2 <= usize::from(rect.width)
    {
        block = block.title_bottom(Line::styled(cue, theme.dim()).right_aligned());
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The answer keys under every dialog.
const FORM_KEYS: &str = "Enter saves · Tab next field · Esc cancels";

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
    // Below the fields, the reason a submit was refused on rows of its own
    // (it may wrap: a clock change names two choices), then the answer
    // keys, which always show: the dialog grows rather than lose either.
    let foot_w = usize::from(area.width.min(70)).saturating_sub(2).max(1);
    let reason: Vec<String> = f
        .error
        .as_deref()
        .map_or_else(Vec::new, |e| wrap(e, foot_w));
    let keys = wrap(FORM_KEYS, foot_w);
    let foot_rows = (reason.len() + keys.len()).max(2);
    let height = u16::try_from(f.fields.len() * 2 + 2 + foot_rows).unwrap_or(10);
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
                // A filled-in value the first typed character replaces
                // shows as selected, as in any text box.
                let style = if focused && field.fresh {
                    theme.title().patch(theme.selected())
                } else {
                    theme.title()
                };
                Span::styled(clip(&text[start..], value_w), style)
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
    // On a screen too short for all of it, the keys stay and the reason
    // gives way from its end.
    let room = usize::from(foot.height).saturating_sub(keys.len());
    let foot_lines: Vec<Line> = reason
        .into_iter()
        .take(room)
        .map(|l| Line::styled(l, theme.error()))
        .chain(keys.into_iter().map(|l| Line::styled(l, theme.dim())))
        .collect();
    frame.render_widget(Paragraph::new(foot_lines), foot);
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
    }
}
