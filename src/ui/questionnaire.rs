//! A questionnaire being answered, drawn over the whole screen: the
//! chooser, one item at a time, the care help as its own screen, and the
//! total with its band.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::overlay::crisis_then;
use super::text::{clip, wrap};
use super::theme::Theme;
use crate::app::Care;
use crate::app::questionnaire::{Asking, Step, Then};

/// The keys under the chooser and the items.
const KEYS: &str = "Up/Down and Enter, or the number · Esc leaves";

/// The keys when there are more than nine rows: only the first nine have
/// a number key, and only those show a number.
const KEYS_MANY: &str = "Up/Down and Enter, or 1-9 for the first nine · Esc leaves";

/// Where the chooser says how to learn why a file did not load.
const WHY_NOT_LOADED: &str =
    "`afterglow questionnaire list` names the files, and why any did not load.";

/// The rows of a list to choose from, each label wrapped whole under its
/// number, at most `room` rows: when they do not all fit, the window
/// moves to keep the selected row whole in sight, and a row above or
/// below says there is more.
fn choices<'a>(
    labels: &[&str],
    cursor: usize,
    width: usize,
    room: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let text_w = width.saturating_sub(7).max(1);
    let rows: Vec<Vec<Line<'a>>> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let selected = i == cursor;
            let number = if i < 9 {
                format!("{:>2}  ", i + 1)
            } else {
                "    ".to_string()
            };
            let style = if selected {
                theme.title().patch(theme.selected())
            } else {
                theme.text()
            };
            wrap(label, text_w)
                .into_iter()
                .enumerate()
                .map(|(n, part)| {
                    let mark = if selected && n == 0 {
                        Span::styled(" › ", theme.accent())
                    } else {
                        Span::raw("   ")
                    };
                    let lead = if n == 0 {
                        number.clone()
                    } else {
                        "    ".into()
                    };
                    Line::from(vec![mark, Span::styled(format!("{lead}{part}"), style)])
                })
                .collect()
        })
        .collect();
    let total: usize = rows.iter().map(Vec::len).sum();
    if total <= room {
        return rows.into_iter().flatten().collect();
    }
    // A row goes to "more below", and one to "more above" once the top
    // has scrolled away; the first row shown is the latest that still
    // keeps the selected one whole in sight.
    let cursor = cursor.min(rows.len().saturating_sub(1));
    let end: usize = rows.iter().take(cursor + 1).map(Vec::len).sum();
    let begin: usize = rows.iter().take(cursor).map(Vec::len).sum();
    let at_top = room.saturating_sub(1).max(1);
    let (start, room) = if end <= at_top {
        (0, at_top)
    } else {
        let room = room.saturating_sub(2).max(1);
        // From the start of a choice, never from the middle of its words.
        let low = end.saturating_sub(room);
        let mut start = 0;
        for r in &rows {
            if start >= low || start + r.len() > begin {
                break;
            }
            start += r.len();
        }
        (start, room)
    };
    let flat: Vec<Line<'a>> = rows.into_iter().flatten().collect();
    let shown = flat.iter().skip(start).take(room).cloned();
    let more = |yes: bool, words: &str| {
        if yes {
            Line::styled(format!("   {words}"), theme.dim())
        } else {
            Line::raw("")
        }
    };
    let mut lines = Vec::new();
    if start > 0 {
        lines.push(more(true, "↑ more above"));
    }
    lines.extend(shown);
    lines.push(more(start + room < total, "↓ more below"));
    lines
}

fn keys(rows: usize) -> &'static str {
    if rows > 9 { KEYS_MANY } else { KEYS }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, a: &Asking, theme: &Theme) {
    frame.render_widget(Clear, area);
    if let Step::Help { help, then } = &a.step {
        // Its own screen: nothing of the item or the score shows beside it.
        // Answers are stored only once all are given, so the words promise
        // no more than that (as Esc's question says too).
        let back = match then {
            Then::Item(next) if *next < a.list.get(a.chosen).map_or(0, |q| q.items.len()) => {
                "Any key goes on with the questions; answers are saved at the end."
            }
            // The safety item was the last: the next key saves.
            Then::Item(_) => "Any key saves your answers and shows the total.",
            Then::Total => "Your answers are saved; any key shows the total.",
        };
        crisis_then(
            frame,
            area,
            Care::Questionnaire {
                reach_out_today: help.reach_out_today,
            },
            back,
            theme,
        );
        return;
    }
    let title = match (&a.step, a.questionnaire()) {
        (Step::Choose, _) | (_, None) => "Questionnaires".to_string(),
        (_, Some(q)) => q.name.clone(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(
                " {} ",
                clip(&title, usize::from(area.width.saturating_sub(6)))
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(2)).max(1);
    let height = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    let wrapped = |text: &str, style| {
        wrap(text, width)
            .into_iter()
            .map(move |l| Line::styled(format!(" {l}"), style))
    };
    match (&a.step, a.questionnaire()) {
        (Step::Choose, _) => {
            lines.extend(wrapped("Which one would you like to answer?", theme.text()));
            lines.push(Line::raw(""));
            let names: Vec<&str> = a.list.iter().map(|q| q.name.as_str()).collect();
            let mut foot = vec![Line::raw("")];
            foot.extend(wrapped(WHY_NOT_LOADED, theme.dim()));
            foot.push(Line::raw(""));
            foot.extend(wrapped(keys(names.len()), theme.dim()));
            let room = height.saturating_sub(lines.len() + foot.len());
            lines.extend(choices(&names, a.cursor, width, room, theme));
            lines.extend(foot);
        }
        (Step::Item(n), Some(q)) => {
            let said = format!("Question {} of {}", n + 1, q.items.len());
            let said = if q.recall.is_empty() {
                said
            } else {
                format!("{said} · {}", q.recall)
            };
            lines.extend(wrapped(&said, theme.dim()));
            lines.push(Line::raw(""));
            if let Some(item) = q.items.get(*n) {
                lines.extend(wrapped(&item.text, theme.title()));
            }
            lines.push(Line::raw(""));
            let labels: Vec<&str> = q.choices.iter().map(|c| c.label.as_str()).collect();
            let mut foot = vec![Line::raw("")];
            foot.extend(wrapped(keys(labels.len()), theme.dim()));
            let room = height.saturating_sub(lines.len() + foot.len());
            lines.extend(choices(&labels, a.cursor, width, room, theme));
            lines.extend(foot);
        }
        (Step::Saving, _) => lines.extend(wrapped("Saving your answers…", theme.dim())),
        (Step::Failed(why), _) => {
            lines.extend(wrapped(&format!("Not saved: {why}."), theme.error()));
            lines.push(Line::raw(""));
            lines.extend(wrapped(
                "Your answers are still here: Enter tries again, Esc leaves.",
                theme.dim(),
            ));
        }
        (Step::Done { total, most, band }, _) => {
            lines.extend(wrapped(
                &format!("Your total: {total} of {most}."),
                theme.title(),
            ));
            if let Some(band) = band {
                lines.extend(wrapped(
                    &format!("Its band in this questionnaire: {band}."),
                    theme.text(),
                ));
            }
            lines.push(Line::raw(""));
            lines.extend(wrapped(
                "It is kept with the date, beside your check-ins and journal. \
                 A number describes how the items were answered, nothing more.",
                theme.dim(),
            ));
            lines.push(Line::raw(""));
            lines.extend(wrapped("Any key closes.", theme.dim()));
        }
        (Step::Help { .. }, _) | (_, None) => {}
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
