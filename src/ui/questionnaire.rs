//! A questionnaire being answered, drawn over the whole screen: the
//! chooser, one item at a time, the care help as its own screen, and the
//! total with its band.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::overlay::crisis;
use super::text::{clip, wrap};
use super::theme::Theme;
use crate::app::Care;
use crate::app::questionnaire::{Asking, Step};

/// The keys under the chooser and the items.
const KEYS: &str = "Up/Down and Enter, or the number · Esc leaves";

pub fn render(frame: &mut Frame<'_>, area: Rect, a: &Asking, theme: &Theme) {
    frame.render_widget(Clear, area);
    if let Step::Help { help, .. } = &a.step {
        // Its own screen: nothing of the item or the score shows beside it.
        crisis(
            frame,
            area,
            Care::Questionnaire {
                reach_out_today: help.reach_out_today,
            },
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
    let mut lines: Vec<Line> = Vec::new();
    let wrapped = |text: &str, style| {
        wrap(text, width)
            .into_iter()
            .map(move |l| Line::styled(format!(" {l}"), style))
    };
    let row = |n: usize, label: &str, selected: bool| {
        let text = clip(&format!("{n:>2}  {label}"), width.saturating_sub(2));
        if selected {
            Line::from(vec![
                Span::styled(" › ", theme.accent()),
                Span::styled(text, theme.title().patch(theme.selected())),
            ])
        } else {
            Line::styled(format!("   {text}"), theme.text())
        }
    };
    match (&a.step, a.questionnaire()) {
        (Step::Choose, _) => {
            lines.extend(wrapped("Which one would you like to answer?", theme.text()));
            lines.push(Line::raw(""));
            for (i, q) in a.list.iter().enumerate() {
                lines.push(row(i + 1, &q.name, i == a.cursor));
            }
            lines.push(Line::raw(""));
            lines.extend(wrapped(KEYS, theme.dim()));
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
            for (i, c) in q.choices.iter().enumerate() {
                lines.push(row(i + 1, &c.label, i == a.cursor));
            }
            lines.push(Line::raw(""));
            lines.extend(wrapped(KEYS, theme.dim()));
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
