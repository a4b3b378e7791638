//! Which timeline row is drawn on which line of the pane. The drawing
//! (`ui::timeline`) and the mouse both ask here, so that a click selects
//! the row drawn where it lands, month lines and all.

use chrono::{Datelike, NaiveDate};

use crate::app::data::{RowKind, TimelineRow};
use crate::app::mouse::scroll_offset;

/// Below this many columns the timeline shows days without their month,
/// so a month line goes above the first row shown too (`ui::list`
/// re-exports it for the rows' own narrow form).
pub const NARROW: usize = 37;

/// What one line of the pane's list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    /// "── November ──", naming the month of row `i` (not selectable).
    Month(usize),
    /// Row `i` of the timeline.
    Row(usize),
}

/// The lines of a timeline of `rows` in `height` lines of a pane `width`
/// wide, with `selected` in view: the first row shown, then the lines
/// from the top.
pub fn layout(
    rows: &[TimelineRow],
    selected: usize,
    height: usize,
    width: usize,
    today: NaiveDate,
) -> (usize, Vec<Drawn>) {
    let month = |i: usize| {
        let d = rows[i].day;
        (d.year(), d.month())
    };
    // A line naming the month goes above the first row of each month
    // (not above the first row shown, nor the "earlier" row): drawn, not
    // selectable, so the selection moves over rows only.
    // A narrow pane shows days without their month and year, so the line
    // naming the month goes above the first row shown too (when it is not
    // this month's).
    let narrow = width < NARROW;
    let this_month = (today.year(), today.month());
    let separated = |i: usize, top: usize| {
        let new_month = if i > top {
            month(i) != month(i - 1)
        } else {
            narrow && month(i) != this_month
        };
        new_month && !matches!(rows[i].kind, RowKind::Earlier { .. })
    };
    let mut top = scroll_offset(selected, rows.len(), height);
    // Month lines take room too: start lower until the selection shows.
    loop {
        let mut used = 0;
        let mut end = top;
        while end < rows.len() && used < height {
            used += 1 + usize::from(separated(end, top) && used + 1 < height);
            end += 1;
        }
        if selected < end || top >= selected {
            break;
        }
        top += 1;
    }
    let mut slots = Vec::with_capacity(height);
    for i in top..rows.len() {
        if slots.len() >= height {
            break;
        }
        if separated(i, top) && slots.len() + 1 < height {
            slots.push(Drawn::Month(i));
        }
        slots.push(Drawn::Row(i));
    }
    (top, slots)
}
