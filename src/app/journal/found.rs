//! What a search or a tag found: every match held as a key (the true
//! count), and a window of them read whole, moved a page at a time as the
//! selection moves, like the journal's own window.

use super::{JournalState, Land};
use crate::app::data::{Data, MAX_HELD, PAGE};
use crate::app::effect::{Effect, EntryKey};
use crate::domain::{JournalEntry, JournalId};

/// How near the window's end the selection may come before the next page
/// of what was found is read.
const MARGIN: usize = 40;

/// Where a page of what was found goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// In place of the window.
    Replace,
    /// After its end.
    Append,
    /// Before its start.
    Prepend,
}

/// A page of what was found, asked for: from which place, where it goes
/// and where the selection lands.
pub type FoundAsked = (usize, Fit, Land);

impl JournalState {
    /// Asks for what was found at places `from..to`, unless a page is on
    /// its way (a new window always goes ahead).
    pub fn ask_found(
        &mut self,
        data: &Data,
        from: usize,
        to: usize,
        fit: Fit,
        land: Land,
    ) -> Option<Effect> {
        if self.found_asked.is_some() && fit != Fit::Replace {
            return None;
        }
        let sought = self.sought()?;
        let ids: Vec<JournalId> = data
            .found_keys
            .get(from..to.min(data.found_keys.len()))?
            .iter()
            .map(|k| k.1)
            .collect();
        self.found_asked = Some((from, fit, land));
        Some(Effect::ReadFound { sought, ids })
    }

    /// The page asked for, now that it came.
    pub fn settle_found(&mut self) -> Option<FoundAsked> {
        self.found_asked.take()
    }

    /// Every match's key arrived: the first page, or, when the same words
    /// were looked for again (another program wrote), the page around the
    /// selected entry.
    pub fn keys_arrived(&mut self, data: &mut Data, keys: Vec<EntryKey>) -> Option<Effect> {
        let selected = self.entry(data).map(|e| e.id);
        data.found_keys = keys;
        let at = selected.and_then(|id| data.found_keys.iter().position(|k| k.1 == id));
        let (from, land) = match at {
            Some(at) => (at.saturating_sub(MARGIN), Land::Keep),
            None => (0, Land::First),
        };
        if data.found_keys.is_empty() {
            data.found.clear();
            data.found_offset = 0;
            self.land(data, Land::First);
            return None;
        }
        self.ask_found(data, from, from + PAGE, Fit::Replace, land)
    }

    /// A page of what was found arrived: it joins the window (the far end
    /// let go of past [`MAX_HELD`]) or takes its place.
    pub fn found_arrived(&mut self, data: &mut Data, entries: Vec<JournalEntry>) {
        let Some((from, fit, land)) = self.settle_found() else {
            return;
        };
        match fit {
            Fit::Replace => {
                data.found = entries;
                data.found_offset = from;
            }
            Fit::Append => {
                if data.found_offset + data.found.len() != from {
                    return;
                }
                data.found.extend(entries);
                let over = data.found.len().saturating_sub(MAX_HELD);
                data.found.drain(..over);
                data.found_offset += over;
            }
            Fit::Prepend => {
                if from >= data.found_offset {
                    return;
                }
                data.found.splice(0..0, entries);
                data.found.truncate(MAX_HELD);
                data.found_offset = from;
            }
        }
        self.land(data, land);
    }

    /// The next page of what was found, when the selection comes near an
    /// end of the window and there is more past it.
    pub(super) fn next_found_page(&mut self, data: &Data) -> Option<Effect> {
        let len = data.found.len();
        let end = data.found_offset + len;
        if self.selected + MARGIN >= len && end < data.found_keys.len() {
            self.ask_found(data, end, end + PAGE, Fit::Append, Land::Keep)
        } else if self.selected < MARGIN && data.found_offset > 0 {
            let from = data.found_offset.saturating_sub(PAGE);
            self.ask_found(data, from, data.found_offset, Fit::Prepend, Land::Keep)
        } else {
            None
        }
    }

    /// The first or last page of what was found, for `g` and `G`, when the
    /// window does not hold it.
    pub(super) fn far_found_page(&mut self, data: &Data, last: bool) -> Option<Effect> {
        let total = data.found_keys.len();
        if last && data.found_offset + data.found.len() < total {
            let from = total.saturating_sub(PAGE);
            self.found_asked = None;
            self.ask_found(data, from, total, Fit::Replace, Land::Last)
        } else if !last && data.found_offset > 0 {
            self.found_asked = None;
            self.ask_found(data, 0, PAGE, Fit::Replace, Land::First)
        } else {
            None
        }
    }

    /// The selected match's place among all that were found.
    pub fn found_place(&self, data: &Data) -> usize {
        data.found_offset + self.selected
    }
}
