//! Where things go on screen. Pure functions of the terminal size, shared by
//! `update` (mouse clicks, editor width, paging) and by drawing, which reads
//! them from here so that the app never depends on the ui.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the dashboard says so instead of drawing a cramped mess.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

pub const HEADER_HEIGHT: u16 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// Where the panes are; the editor takes all of it.
    pub body: Rect,
    /// Timeline, Journal, Habits, Intention.
    pub panes: [Rect; 4],
    pub footer: Rect,
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

pub fn areas(width: u16, height: u16) -> Areas {
    areas_with_header(width, height, HEADER_HEIGHT)
}

/// [`areas`] with a header of `header_height` rows (the welcome's grows to
/// hold the crisis lines whole; see `App::header_height`).
pub fn areas_with_header(width: u16, height: u16, header_height: u16) -> Areas {
    let area = Rect::new(0, 0, width, height);
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    // The timeline carries the most; give it the wider column on big screens.
    let left = if width >= 140 { 55 } else { 50 };
    let [left_col, right_col] = Layout::horizontal([
        Constraint::Percentage(left),
        Constraint::Percentage(100 - left),
    ])
    .areas(body);
    let [timeline, habits] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left_col);
    let [journal, intention] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right_col);
    Areas {
        header,
        body,
        panes: [timeline, journal, habits, intention],
        footer,
    }
}

/// The editor's text rect inside the body: a border and a prompt line above.
pub fn editor_text(width: u16, height: u16) -> Rect {
    let body = areas(width, height).body;
    Rect {
        x: body.x + 2,
        y: body.y + 3,
        width: body.width.saturating_sub(4),
        height: body.height.saturating_sub(5),
    }
}

pub fn editor_text_width(width: u16, height: u16) -> u16 {
    editor_text(width, height).width.max(1)
}

/// A centred box of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_body_at_80x24() {
        let a = areas(80, 24);
        assert_eq!(a.header.height, HEADER_HEIGHT);
        assert_eq!(a.footer.y, 23);
        let area: u32 = a
            .panes
            .iter()
            .map(|r| u32::from(r.width) * u32::from(r.height))
            .sum();
        assert_eq!(area, u32::from(a.body.width) * u32::from(a.body.height));
    }

    #[test]
    fn tiny_sizes_never_underflow() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (59, 17)] {
            let a = areas(w, h);
            let _ = editor_text(w, h);
            assert!(a.body.width <= w);
            assert!(too_small(w, h));
        }
    }
}
