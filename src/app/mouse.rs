//! The mouse: a click focuses the pane under it and selects the row it
//! lands on, the wheel moves the selection of the pane under it, and a
//! click outside a read-only view (the help, an entry, a session) closes
//! it. A dialog or a question is never closed by a click: a stray one
//! could lose the words typed in it, or answer for the person. The care
//! card ignores clicks too; only its keys close it.
//!
//! Which rows of a pane show which items is worked out here, from the
//! same numbers the pane's renderer uses, and the first row shown by
//! [`scroll_offset`], which `ui::list` draws with too: a click selects the
//! row that is drawn where it lands.

use ratatui::layout::Rect;

use super::action::{Command, PaneId};
use super::effect::Effect;
use super::panes::registry::spec;
use super::panes::{Ctx, Overlay};
use super::{App, Mode};

/// Lines the jump prompt takes at the bottom of a pane `width` wide: why
/// the last Enter went nowhere, wrapped, then the line typed.
pub fn jump_rows(j: &super::prompt::Jump, width: usize) -> usize {
    let error = j.error.as_deref().map_or(0, |e| {
        super::editor::wrap_words(e, width.saturating_sub(2).max(1)).len()
    });
    1 + error
}

/// Lines a wheel turn scrolls a read-only view by.
const WHEEL_LINES: usize = 3;

/// Where a list of `len` rows must start so that `selected` shows in
/// `height` rows: the selection is kept near the middle once the list is
/// longer than the room. Drawing (`ui::list::Scrolled`) and the mouse both
/// use it, so a click lands on the row that is drawn there.
pub fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let half = height / 2;
    selected.saturating_sub(half).min(len - height)
}

/// A pane's list inside its border: `top` rows of other lines above it,
/// room for `height` rows, `len` items, and the one selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPlace {
    pub top: u16,
    pub height: usize,
    pub len: usize,
    pub selected: usize,
}

impl ListPlace {
    /// The item drawn on row `y` of the pane's inside, if any.
    pub fn item_at(&self, y: u16) -> Option<usize> {
        let row = usize::from(y.checked_sub(self.top)?);
        let offset = scroll_offset(self.selected, self.len, self.height);
        (row < self.height)
            .then_some(offset + row)
            .filter(|&i| i < self.len)
    }
}

/// Inside a pane's border.
fn inside(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x
        && u32::from(column) < u32::from(r.x) + u32::from(r.width)
        && row >= r.y
        && u32::from(row) < u32::from(r.y) + u32::from(r.height)
}

impl App {
    /// Where `pane`'s list lies inside its border of height `inner`, as its
    /// renderer (`ui/<pane>.rs`) lays it out: `None` while it shows no list
    /// (nothing loaded, nothing there yet).
    pub fn list_place(&self, pane: PaneId, inner: u16) -> Option<ListPlace> {
        if !self.loaded {
            return None;
        }
        let room = |top: u16, below: u16| usize::from(inner.saturating_sub(top + below));
        let (top, below, len, selected) = match pane {
            PaneId::Habits => {
                let len = self.view.habits.len();
                // The days' initials above, what the selected cell holds below.
                (len > 0).then_some((1, 1, len, self.panes.habits.selected()))?
            }
            PaneId::Intention => {
                let len = self.data.intentions.len();
                if len == 0 {
                    return None;
                }
                let lead = self.view.leading.as_ref();
                let in_window = lead.is_some_and(|l| {
                    matches!(l.lead_for, crate::domain::attach::LeadFor::Window { .. })
                });
                let heading = u16::from(lead.is_some());
                let held = lead.and_then(|l| l.intention.as_ref());
                let words = u16::from(held.is_some() || !in_window);
                let reflect = u16::from(self.view.reflect_on.is_some());
                // The heading, the intention held (or how to set one), the
                // call to reflect, and the history's rule.
                let top = heading + words + reflect + 1;
                (top, 0, len, self.panes.intention.selected())
            }
            _ => return None,
        };
        Some(ListPlace {
            top,
            height: room(top, below),
            len,
            selected,
        })
    }

    /// The item of `pane` drawn on row `y` of its inside `inner`, if any.
    fn item_at(&self, pane: PaneId, inner: Rect, y: u16) -> Option<usize> {
        if !self.loaded {
            return None;
        }
        let width = usize::from(inner.width);
        match pane {
            PaneId::Timeline => {
                let rows = &self.view.timeline;
                // One row alone is "now": the pane says nothing is there yet.
                if rows.len() <= 1 {
                    return None;
                }
                let state = &self.panes.timeline;
                let below = match (state.jump(), state.search()) {
                    (Some(j), _) => jump_rows(j, width),
                    (None, Some(_)) => 1,
                    _ => 0,
                };
                let height = usize::from(inner.height).saturating_sub(below);
                let today = self
                    .view
                    .today
                    .unwrap_or_else(|| crate::domain::time::local_date(self.now, &self.zone));
                let (_, lines) =
                    super::timeline::layout(rows, state.selected(), height, width, today);
                match lines.get(usize::from(y))? {
                    super::timeline::Drawn::Row(i) => Some(*i),
                    super::timeline::Drawn::Month(_) => None,
                }
            }
            PaneId::Journal => self
                .panes
                .journal
                .list_place(&self.data, inner.height, width)?
                .item_at(y),
            _ => self.list_place(pane, inner.height)?.item_at(y),
        }
    }

    /// The pane drawn at a screen cell, with its rectangle.
    fn pane_at(&self, column: u16, row: u16) -> Option<(PaneId, Rect)> {
        self.areas()
            .panes
            .into_iter()
            .find(|(_, r)| contains(*r, column, row))
    }

    /// Moves `pane`'s selection by `by` rows (up when negative), through
    /// the pane's own motion, as its keys would.
    fn move_selection(&mut self, pane: PaneId, by: isize) -> Vec<Effect> {
        if by == 0 {
            return Vec::new();
        }
        let (cmd, page) = if by > 0 {
            (Command::PageDown, by.unsigned_abs())
        } else {
            (Command::PageUp, by.unsigned_abs())
        };
        let ctx = Ctx {
            data: &self.data,
            view: &self.view,
            now: self.now,
            zone: &self.zone,
            settings: &self.settings,
            page,
        };
        let reply = spec(pane).and_then(|p| (p.handle)(&mut self.panes, cmd, &ctx));
        self.reply(reply)
    }

    /// A left click: closes a read-only view when it lands outside it;
    /// on the dashboard, focuses the pane under it and selects the row.
    pub(in crate::app) fn click(&mut self, column: u16, row: u16) -> Vec<Effect> {
        if self.care.is_some() {
            return Vec::new();
        }
        match self.mode() {
            Mode::Overlay => {
                let screen = Rect::new(0, 0, self.size.0, self.size.1);
                // The page knows the box it is drawn in, so a click is
                // measured against what is on screen.
                let outside = self
                    .reading()
                    .is_some_and(|page| !contains(page.rect(screen), column, row));
                if outside {
                    self.overlay = None;
                }
                return Vec::new();
            }
            Mode::Normal => {}
            // A dialog, a question or the editor holds words or waits
            // for an answer: a click there does nothing.
            Mode::Form | Mode::Confirm | Mode::Editor | Mode::Questionnaire => return Vec::new(),
        }
        let Some((pane, rect)) = self.pane_at(column, row) else {
            return Vec::new();
        };
        self.focus = pane;
        let inner = inside(rect);
        if !contains(inner, column, row) {
            return Vec::new();
        }
        let selected = match pane {
            PaneId::Timeline => self.panes.timeline.selected(),
            PaneId::Journal => self.panes.journal.selected(),
            PaneId::Habits => self.panes.habits.selected(),
            PaneId::Intention => self.panes.intention.selected(),
            _ => return Vec::new(),
        };
        match self.item_at(pane, inner, row - inner.y) {
            Some(i) => {
                let by = isize::try_from(i).unwrap_or(isize::MAX)
                    - isize::try_from(selected).unwrap_or(isize::MAX);
                self.move_selection(pane, by)
            }
            None => Vec::new(),
        }
    }

    /// A wheel turn: scrolls an open read-only view, or moves the
    /// selection of the pane under the pointer (which takes the focus, so
    /// that the selection shows), never the one that had focus.
    pub(in crate::app) fn scroll(&mut self, down: bool, column: u16, row: u16) -> Vec<Effect> {
        if self.care.is_some() {
            return Vec::new();
        }
        match self.mode() {
            Mode::Overlay => {
                // Counted as the keys count it: never past the last row.
                let max = self.reading_max();
                if let Some(
                    Overlay::Help { scroll }
                    | Overlay::Entry { scroll, .. }
                    | Overlay::Session { scroll, .. }
                    | Overlay::Therapy { scroll, .. },
                ) = self.overlay.as_mut()
                {
                    let at = (*scroll).min(max);
                    *scroll = if down {
                        at.saturating_add(WHEEL_LINES)
                    } else {
                        at.saturating_sub(WHEEL_LINES)
                    }
                    .min(max);
                }
                Vec::new()
            }
            Mode::Normal => match self.pane_at(column, row) {
                Some((pane, _)) => {
                    self.focus = pane;
                    self.move_selection(pane, if down { 1 } else { -1 })
                }
                None => Vec::new(),
            },
            Mode::Form | Mode::Confirm | Mode::Editor | Mode::Questionnaire => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_view() {
        assert_eq!(scroll_offset(20, 30, 5), 18);
        assert_eq!(scroll_offset(29, 30, 5), 25);
        assert_eq!(scroll_offset(3, 4, 5), 0);
        assert_eq!(scroll_offset(3, 30, 0), 0);
    }

    #[test]
    fn a_row_names_the_item_drawn_there() {
        let place = ListPlace {
            top: 1,
            height: 5,
            len: 30,
            selected: 20,
        };
        assert_eq!(place.item_at(0), None, "the line above the list");
        assert_eq!(place.item_at(1), Some(18));
        assert_eq!(place.item_at(5), Some(22));
        assert_eq!(place.item_at(6), None, "below the list");
        let short = ListPlace { len: 2, ..place };
        assert_eq!(short.item_at(2), Some(1));
        assert_eq!(short.item_at(3), None, "past the last item");
    }
}
