//! The one scrolled list every pane's list is drawn with: which rows fit,
//! where the list starts so the selection shows, and the selection's look.

use ratatui::style::Style;
use ratatui::text::Line;

/// A list of `len` rows drawn in `height` rows with `selected` chosen.
#[derive(Debug, Clone, Copy)]
pub struct Scrolled {
    pub len: usize,
    pub selected: usize,
    /// The selection shows only while the pane has focus.
    pub focused: bool,
    pub height: usize,
    /// Laid over the selected row; `None` when the row styles its own
    /// parts (the habits grid marks one cell).
    pub highlight: Option<Style>,
}

impl Scrolled {
    /// The lines that fit, each built by `row(index, is_selected)`.
    pub fn lines<'a>(self, mut row: impl FnMut(usize, bool) -> Line<'a>) -> Vec<Line<'a>> {
        let offset = scroll_offset(self.selected, self.len, self.height);
        (offset..self.len.min(offset + self.height))
            .map(|i| {
                let selected = self.focused && i == self.selected;
                let line = row(i, selected);
                match self.highlight {
                    Some(style) if selected => line.patch_style(style),
                    _ => line,
                }
            })
            .collect()
    }
}

/// Where a list starts: the app's, so that a click selects the row drawn
/// where it lands.
pub use crate::app::mouse::scroll_offset;

/// Below this many columns the timeline's rows give their room to the
/// words: a day with its year (16 cells), the time and a glyph would
/// leave fewer than 12. One width, the app's, so that drawing and the
/// timeline's layout (and the mouse) agree.
pub use crate::app::timeline::NARROW;

/// A moment in few cells, for a narrow pane: the time alone today, else
/// the day without its weekday, the year only when it is not this one
/// ("14:05", "3 Nov", "15 Jun 2021").
pub fn compact_moment(
    at: chrono::DateTime<chrono::Utc>,
    zone: &crate::zone::Zone,
    today: chrono::NaiveDate,
) -> String {
    use chrono::Datelike;
    let local = at.with_timezone(zone);
    let day = local.date_naive();
    if day == today {
        local.format("%H:%M").to_string()
    } else if day.year() == today.year() {
        day.format("%-d %b").to_string()
    } else {
        day.format("%-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_view_and_alone_is_marked() {
        let list = Scrolled {
            len: 30,
            selected: 20,
            focused: true,
            height: 5,
            highlight: None,
        };
        let mut seen = Vec::new();
        let lines = list.lines(|i, sel| {
            seen.push((i, sel));
            Line::raw(i.to_string())
        });
        assert_eq!(lines.len(), 5);
        assert_eq!(
            seen,
            [
                (18, false),
                (19, false),
                (20, true),
                (21, false),
                (22, false)
            ]
        );
        let unfocused = Scrolled {
            focused: false,
            ..list
        };
        let mut marked = 0;
        unfocused.lines(|_, sel| {
            marked += usize::from(sel);
            Line::raw("")
        });
        assert_eq!(marked, 0);
        assert!(
            Scrolled { len: 0, ..list }
                .lines(|_, _| Line::raw(""))
                .is_empty()
        );
    }
}
