//! The journal pane's window on the whole journal: pages as they arrive,
//! and the window kept where it was when everything is read again.

use super::App;
use chrono::{DateTime, Utc};

use super::data::{Data, MAX_HELD, PAGE};
use super::effect::{Effect, EntryPage};
use super::journal::{Land, key_of};
use super::prompt::landed_note;
use crate::domain::{JournalEntry, JournalId};

/// What the timeline shows of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryHead {
    pub id: JournalId,
    pub written_at: DateTime<Utc>,
    pub mood: Option<crate::domain::Mood>,
    /// The first line that is not blank.
    pub title: String,
}

/// A page of the journal as read, for [`Action::Entries`].
///
/// [`Action::Entries`]: super::action::Action::Entries
#[derive(Debug, Clone, PartialEq)]
pub struct EntryWindow {
    pub page: EntryPage,
    pub entries: Vec<JournalEntry>,
    /// The place of `entries[0]` in the whole newest-first journal.
    pub offset: usize,
    /// How many entries the journal holds in all.
    pub total: usize,
}

impl App {
    /// A page of the journal arrived: it joins the window at its end (the
    /// far end let go of past [`MAX_HELD`]), or takes its place.
    pub(in crate::app) fn entries_arrived(&mut self, w: EntryWindow) -> Vec<Effect> {
        let asked = self.panes.journal.settle_page();
        let land = asked
            .filter(|(page, _)| *page == w.page)
            .map_or(Land::Keep, |(_, land)| land);
        let d = &mut self.data;
        d.entry_count = w.total;
        match w.page {
            EntryPage::Older(key) => {
                // Only onto the end it was read for: a window replaced
                // meanwhile would get a gap.
                if d.entries.last().map(key_of) != Some(key) {
                    return Vec::new();
                }
                d.entries.extend(w.entries);
                let over = d.entries.len().saturating_sub(MAX_HELD);
                d.entries.drain(..over);
                d.entry_offset += over;
            }
            EntryPage::Newer(key) => {
                if d.entries.first().map(key_of) != Some(key) {
                    return Vec::new();
                }
                // Nothing newer (another program deleted the newest
                // entries meanwhile): this window starts the journal now.
                d.entry_offset = if w.entries.is_empty() { 0 } else { w.offset };
                d.entries.splice(0..0, w.entries);
                d.entries.truncate(MAX_HELD);
            }
            EntryPage::Before(at) if w.entries.is_empty() => {
                if let Some(note) = landed_note(at, None, self.now, &self.zone) {
                    self.note(note, false);
                }
                // Nothing that early: the oldest entries instead.
                return self
                    .panes
                    .journal
                    .ask(EntryPage::Oldest, PAGE, Land::Last)
                    .into_iter()
                    .collect();
            }
            EntryPage::Before(at) => {
                let found = w.entries.first().map(|e| e.written_at);
                d.entries = w.entries;
                d.entry_offset = w.offset;
                if let Some(note) = landed_note(at, found, self.now, &self.zone) {
                    self.note(note, false);
                }
            }
            _ => {
                d.entries = w.entries;
                d.entry_offset = w.offset;
            }
        }
        self.panes.journal.land(&self.data, land);
        Vec::new()
    }

    /// Everything was read again (another program wrote, or this one
    /// saved): the newest page came with it. A window elsewhere, or larger
    /// than a page, stays as it was and is read again where it stands, so
    /// that the selected entry stays selected.
    pub(in crate::app) fn keep_the_journal_window(&mut self, old: Data) -> Vec<Effect> {
        if !self.loaded {
            return Vec::new();
        }
        // What a search or tag found is looked for again: an entry may
        // have changed or gone.
        self.data.found = old.found;
        self.data.found_keys = old.found_keys;
        self.data.found_offset = old.found_offset;
        self.data.opened = old.opened;
        let mut effects: Vec<Effect> = self
            .panes
            .journal
            .sought()
            .map(Effect::Find)
            .into_iter()
            .collect();
        self.panes.journal.settle_page();
        if old.entry_offset == 0 && old.entries.len() <= PAGE {
            return effects;
        }
        let page = match (old.entry_offset, old.entries.first()) {
            (0, _) | (_, None) => EntryPage::Newest,
            (_, Some(first)) => EntryPage::From(key_of(first)),
        };
        let len = old.entries.len();
        self.data.entries = old.entries;
        self.data.entry_offset = old.entry_offset;
        effects.extend(self.panes.journal.ask(page, len, Land::Keep));
        effects
    }
}
