//! The journal pane's list: its window on the whole journal moved a page
//! at a time, and what narrows it (a search, a tag), with the prompts
//! that set them.

use super::JournalState;
use crate::app::action::Command;
use crate::app::data::{Data, PAGE};
use crate::app::effect::{Effect, EntryKey, EntryPage, Sought};
use crate::app::panes::{Ctx, Reply, clamp, step};
use crate::app::prompt::Jump;
use crate::domain::JournalEntry;

/// Where the selection lands when the page asked for arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Land {
    /// On the entry that was selected (by id).
    #[default]
    Keep,
    /// On the page's first (newest) entry.
    First,
    /// On the page's last (oldest) entry.
    Last,
}

/// What narrows the journal to some of its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Entries holding these words; `typing` while the prompt is open;
    /// among the entries carrying `tag` when it began on a tag.
    Search {
        query: String,
        typing: bool,
        tag: Option<String>,
    },
    /// Entries carrying this `#tag`.
    Tag(String),
}

/// The journal's tags with their counts, narrowed as the person types.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagChooser {
    pub all: Vec<(String, usize)>,
    pub typed: String,
    pub selected: usize,
}

impl TagChooser {
    /// The tags holding what was typed, in the store's order (most used
    /// first).
    pub fn shown(&self) -> Vec<&(String, usize)> {
        let typed = self.typed.trim_start_matches('#').to_lowercase();
        self.all
            .iter()
            .filter(|(t, _)| t.to_lowercase().contains(&typed))
            .collect()
    }

    pub fn chosen(&self) -> Option<&str> {
        self.shown().get(self.selected).map(|(t, _)| t.as_str())
    }
}

/// How near the window's end the selection may come before the next page
/// is read, so that it is there before the selection reaches it.
const MARGIN: usize = 40;

/// An entry's place in the newest-first order.
pub fn key_of(e: &JournalEntry) -> EntryKey {
    (e.written_at, e.id)
}

impl JournalState {
    /// The search or tag the list is narrowed to.
    pub fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    /// The tag chooser, when open.
    pub fn tags(&self) -> Option<&TagChooser> {
        self.tags.as_ref()
    }

    pub fn tags_mut(&mut self) -> Option<&mut TagChooser> {
        self.tags.as_mut()
    }

    /// Opens the tag chooser on the journal's tags.
    pub fn open_tags(&mut self, all: Vec<(String, usize)>) {
        self.tags = Some(TagChooser {
            all,
            ..TagChooser::default()
        });
    }

    pub fn close_tags(&mut self) {
        self.tags = None;
    }

    /// The jump prompt, when open.
    pub fn jump(&self) -> Option<&Jump> {
        self.jump.as_ref()
    }

    pub fn jump_mut(&mut self) -> Option<&mut Jump> {
        self.jump.as_mut()
    }

    pub fn close_jump(&mut self) {
        self.jump = None;
    }

    /// The search being typed, when the prompt is open.
    pub fn typing_mut(&mut self) -> Option<&mut String> {
        match &mut self.filter {
            Some(Filter::Search {
                query,
                typing: true,
                ..
            }) => Some(query),
            _ => None,
        }
    }

    /// Whether a line is being typed at the bottom of the pane.
    pub fn prompting(&self) -> bool {
        self.tags.is_some()
            || self.jump.is_some()
            || matches!(self.filter, Some(Filter::Search { typing: true, .. }))
    }

    /// A search or tag begins: the window's selection is kept for when
    /// it ends.
    pub fn begin_filter(&mut self, filter: Filter) {
        if self.filter.is_none() {
            self.before_filter = self.anchor;
        }
        self.filter = Some(filter);
        // A page of the last search's would land in this one.
        self.found_asked = None;
        self.selected = 0;
        self.anchor = None;
    }

    /// The search or tag ends: back to the entry selected before it.
    pub fn end_filter(&mut self, data: &Data) {
        self.filter = None;
        self.anchor = self.before_filter.take();
        self.refresh(data);
    }

    /// The tag a search was begun on, if any.
    pub fn search_tag(&self) -> Option<String> {
        match &self.filter {
            Some(Filter::Tag(tag)) | Some(Filter::Search { tag: Some(tag), .. }) => {
                Some(tag.clone())
            }
            _ => None,
        }
    }

    /// A search is cleared: back to the tag it was begun on (its entries
    /// looked for again), else to the whole journal.
    pub fn back_from_search(&mut self, data: &Data) -> Option<Effect> {
        if let Some(Filter::Search { tag: Some(tag), .. }) = &self.filter {
            let tag = tag.clone();
            self.begin_filter(Filter::Tag(tag.clone()));
            return Some(Effect::Find(Sought::Tag(tag)));
        }
        self.end_filter(data);
        None
    }

    /// The search being typed is done: its results stay.
    pub fn keep_search(&mut self, data: &Data) {
        match &mut self.filter {
            Some(Filter::Search { query, typing, .. }) if !query.trim().is_empty() => {
                *typing = false
            }
            _ => self.end_filter(data),
        }
    }

    /// What is being looked for, when results are awaited or shown.
    pub fn sought(&self) -> Option<Sought> {
        match &self.filter {
            Some(Filter::Search {
                query,
                tag: Some(tag),
                ..
            }) => Some(Sought::Within {
                words: query.clone(),
                tag: tag.clone(),
            }),
            Some(Filter::Search { query, .. }) => Some(Sought::Words(query.clone())),
            Some(Filter::Tag(tag)) => Some(Sought::Tag(tag.clone())),
            None => None,
        }
    }

    /// Whether a page is on its way.
    pub fn loading(&self) -> bool {
        self.asked.is_some()
    }

    /// The entries the pane lists: what a search or tag found, else the
    /// window of the whole journal.
    pub fn shown<'a>(&self, data: &'a Data) -> &'a [JournalEntry] {
        match &self.filter {
            // Nothing typed yet finds nothing (not the last search's).
            Some(Filter::Search { query, .. }) if query.trim().is_empty() => &[],
            Some(_) => &data.found,
            None => &data.entries,
        }
    }

    /// The selected entry.
    pub fn entry<'a>(&self, data: &'a Data) -> Option<&'a JournalEntry> {
        self.shown(data).get(self.selected)
    }

    /// Keeps the selection on its entry after the list changed, or inside
    /// the list when that entry is gone.
    pub fn refresh(&mut self, data: &Data) {
        let list = self.shown(data);
        if let Some(at) = self
            .anchor
            .and_then(|id| list.iter().position(|e| e.id == id))
        {
            self.selected = at;
        }
        self.selected = clamp(self.selected, list.len());
        self.anchor = list.get(self.selected).map(|e| e.id);
    }

    /// Selects the list's first (or last) entry.
    pub fn land(&mut self, data: &Data, land: Land) {
        let len = self.shown(data).len();
        match land {
            Land::Keep => {}
            Land::First => self.selected = 0,
            Land::Last => self.selected = len.saturating_sub(1),
        }
        if land != Land::Keep {
            self.anchor = None;
        }
        self.refresh(data);
    }

    /// The page asked for, now that it came (or failed): another may be
    /// asked for.
    pub fn settle_page(&mut self) -> Option<(EntryPage, Land)> {
        self.asked.take()
    }

    /// Asks for a page, unless one is on its way.
    pub fn ask(&mut self, page: EntryPage, len: usize, land: Land) -> Option<Effect> {
        if self.asked.is_some() {
            return None;
        }
        self.asked = Some((page, land));
        Some(Effect::Entries { page, len })
    }

    /// Sets or clears the search or tag.
    pub fn set_filter(&mut self, filter: Option<Filter>) {
        self.filter = filter;
    }

    /// The next page, when the selection comes near an end of the window
    /// and the journal goes on past it.
    fn next_page(&mut self, data: &Data) -> Option<Effect> {
        let len = data.entries.len();
        let page = if self.selected + MARGIN >= len && data.entry_offset + len < data.entry_count {
            EntryPage::Older(key_of(data.entries.last()?))
        } else if self.selected < MARGIN && data.entry_offset > 0 {
            EntryPage::Newer(key_of(data.entries.first()?))
        } else {
            return None;
        };
        self.ask(page, PAGE, Land::Keep)
    }

    /// Moves the selection; the ends of the whole journal are a page away.
    pub(super) fn motion(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        let data = ctx.data;
        if self.filter.is_some() {
            let far = match cmd {
                Command::Bottom => self.far_found_page(data, true),
                Command::Top => self.far_found_page(data, false),
                _ => None,
            };
            if far.is_some() {
                return far.map(Reply::Effect);
            }
        } else {
            let far = match cmd {
                Command::Bottom if data.entry_offset + data.entries.len() < data.entry_count => {
                    Some((EntryPage::Oldest, Land::Last))
                }
                Command::Top if data.entry_offset > 0 => Some((EntryPage::Newest, Land::First)),
                _ => None,
            };
            if let Some((page, land)) = far {
                // A page on its way would land the selection elsewhere.
                self.asked = None;
                return self.ask(page, PAGE, land).map(Reply::Effect);
            }
        }
        let list = self.shown(data);
        self.selected = step(self.selected, list.len(), cmd, ctx.page);
        self.anchor = list.get(self.selected).map(|e| e.id);
        if self.filter.is_some() {
            return self.next_found_page(data).map(Reply::Effect);
        }
        self.next_page(data).map(Reply::Effect)
    }
}
