//! Where the Journal pane's list lies: the lines above it (kept drafts,
//! the search or tag line), the rows it has, and the lines below it (a
//! page on its way, the line being typed). The drawing (`ui::journal`)
//! and the mouse both ask here, so that a click selects the entry drawn
//! where it lands.

use super::{Filter, JournalState};
use crate::app::data::Data;
use crate::app::mouse::{ListPlace, jump_rows};

/// Kept drafts listed above the entries, the last saying how many more.
pub const MAX_DRAFT_LINES: usize = 3;

impl JournalState {
    /// Lines of kept drafts above the list.
    pub fn draft_lines(data: &Data) -> usize {
        data.drafts
            .iter()
            .filter(|s| !s.draft.body.trim().is_empty())
            .count()
            .min(MAX_DRAFT_LINES)
    }

    /// Lines typed at the bottom of the pane (a jump, or search words).
    pub fn prompt_lines(&self, width: usize) -> usize {
        match (self.jump(), self.filter()) {
            (Some(j), _) => jump_rows(j, width),
            (None, Some(Filter::Search { typing: true, .. })) => 1,
            _ => 0,
        }
    }

    /// The list in a pane `height` lines high and `width` wide: `None`
    /// while it shows no list (the tags to choose from, or a journal with
    /// nothing in it yet).
    pub fn list_place(&self, data: &Data, height: u16, width: usize) -> Option<ListPlace> {
        if self.tags().is_some() {
            return None;
        }
        let list = self.shown(data);
        if list.is_empty() && self.filter().is_none() {
            return None;
        }
        let above = Self::draft_lines(data) + usize::from(self.filter().is_some());
        let below = usize::from(self.loading()) + self.prompt_lines(width);
        Some(ListPlace {
            top: u16::try_from(above).unwrap_or(u16::MAX),
            height: usize::from(height).saturating_sub(above + below),
            len: list.len(),
            selected: self.selected(),
        })
    }
}
