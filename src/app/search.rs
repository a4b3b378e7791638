//! Searching, tags and jumps, as the app carries them out: the prompts'
//! keys, and what the store found.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Command, PaneId};
use super::data::PAGE;
use super::effect::{Effect, EntryPage, Sought};
use super::journal::{Filter, Land};
use super::prompt::{Edit, Moment, edit, jump_moment, landed_note};
use super::{App, Mode, layout};

/// `text` on one line: line breaks and tabs as single spaces, no other
/// control characters, no space at either end.
fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl App {
    /// A key for an open prompt, or for clearing a search or tag that
    /// shows: `None` leaves it to the ordinary keys. The crisis key and
    /// Ctrl-c are never taken here.
    pub(in crate::app) fn prompt_key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if self.care.is_some()
            || self.mode() != Mode::Normal
            || layout::too_small(self.size.0, self.size.1)
            || ctrl_c
            || self.settings.keys.resolve_anywhere(key).is_some()
        {
            return None;
        }
        match self.focus {
            PaneId::Journal => self.journal_prompt_key(key),
            PaneId::Timeline => self.timeline_prompt_key(key),
            _ => None,
        }
    }

    /// Pasted text for an open prompt (`/`, `:` or `#`), taken as if it
    /// were typed, so that what it finds follows: `None` when no prompt is
    /// open. A prompt is one line: line breaks and tabs become a space,
    /// other control characters go.
    pub(in crate::app) fn prompt_paste(&mut self, text: &str) -> Option<Vec<Effect>> {
        if self.care.is_some()
            || self.mode() != Mode::Normal
            || layout::too_small(self.size.0, self.size.1)
        {
            return None;
        }
        let open = match self.focus {
            PaneId::Journal => self.panes.journal.prompting(),
            PaneId::Timeline => self.panes.timeline.prompting(),
            _ => false,
        };
        if !open {
            return None;
        }
        let clean = one_line(text);
        let mut chars = clean.chars();
        let Some(last) = chars.next_back() else {
            return Some(Vec::new());
        };
        let head: String = chars.collect();
        let journal = &mut self.panes.journal;
        let timeline = &mut self.panes.timeline;
        let line = match self.focus {
            PaneId::Journal if journal.tags().is_some() => journal.tags_mut().map(|c| &mut c.typed),
            PaneId::Journal if journal.jump().is_some() => journal.jump_mut().map(|j| &mut j.text),
            PaneId::Journal => journal.typing_mut(),
            PaneId::Timeline if timeline.jump().is_some() => {
                timeline.jump_mut().map(|j| &mut j.text)
            }
            PaneId::Timeline => timeline
                .search_mut()
                .filter(|s| s.typing)
                .map(|s| &mut s.query),
            _ => None,
        }?;
        line.push_str(&head);
        // The last character goes as a key: what it finds is asked for
        // once, as after typing.
        let key = KeyEvent::new(KeyCode::Char(last), KeyModifiers::NONE);
        Some(self.prompt_key(&key).unwrap_or_default())
    }

    fn clears(&self, key: &KeyEvent) -> bool {
        self.settings.keys.resolve_dashboard(key, self.focus) == Some(Command::Back)
    }

    fn journal_prompt_key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        let clears = self.clears(key);
        let journal = &mut self.panes.journal;
        if let Some(chooser) = journal.tags_mut() {
            match key.code {
                KeyCode::Up => chooser.selected = chooser.selected.saturating_sub(1),
                KeyCode::Down => {
                    let last = chooser.shown().len().saturating_sub(1);
                    chooser.selected = (chooser.selected + 1).min(last);
                }
                _ => match edit(&mut chooser.typed, key) {
                    Edit::Changed => chooser.selected = 0,
                    Edit::Esc => journal.close_tags(),
                    Edit::Enter => {
                        let tag = chooser.chosen().map(str::to_string);
                        journal.close_tags();
                        if let Some(tag) = tag {
                            journal.begin_filter(Filter::Tag(tag.clone()));
                            self.data.forget_found();
                            return Some(vec![Effect::Find(Sought::Tag(tag))]);
                        }
                    }
                    Edit::Other => {}
                },
            }
            return Some(Vec::new());
        }
        if let Some(jump) = journal.jump_mut() {
            match edit(&mut jump.text, key) {
                Edit::Changed => jump.error = None,
                Edit::Esc => journal.close_jump(),
                Edit::Enter => match jump_moment(&jump.text, self.now, &self.zone) {
                    Ok(Moment { at, .. }) => {
                        journal.close_jump();
                        if journal.filter().is_some() {
                            journal.end_filter(&self.data);
                        }
                        // A page on its way would land elsewhere.
                        journal.settle_page();
                        let page = EntryPage::Before(at);
                        return Some(journal.ask(page, PAGE, Land::First).into_iter().collect());
                    }
                    Err(why) => jump.error = Some(why),
                },
                Edit::Other => {}
            }
            return Some(Vec::new());
        }
        if let Some(query) = journal.typing_mut() {
            let edited = edit(query, key);
            let query = query.clone();
            return match edited {
                Edit::Changed => {
                    let tag = journal.search_tag();
                    journal.begin_filter(Filter::Search {
                        query,
                        typing: true,
                        tag,
                    });
                    self.data.forget_found();
                    Some(journal.sought().map(Effect::Find).into_iter().collect())
                }
                Edit::Enter => {
                    journal.keep_search(&self.data);
                    Some(Vec::new())
                }
                Edit::Esc => {
                    self.data.forget_found();
                    Some(journal.back_from_search(&self.data).into_iter().collect())
                }
                // Arrows and paging move through the results.
                Edit::Other => None,
            };
        }
        if journal.filter().is_some() && clears {
            self.data.forget_found();
            return Some(journal.back_from_search(&self.data).into_iter().collect());
        }
        None
    }

    fn timeline_prompt_key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        let clears = self.clears(key);
        let rows = &self.view.timeline;
        let timeline = &mut self.panes.timeline;
        if let Some(jump) = timeline.jump_mut() {
            match edit(&mut jump.text, key) {
                Edit::Changed => jump.error = None,
                Edit::Esc => timeline.close_jump(),
                Edit::Enter => match jump_moment(&jump.text, self.now, &self.zone) {
                    Ok(Moment { at, .. }) => {
                        timeline.close_jump();
                        return Some(self.timeline_go_to(at));
                    }
                    Err(why) => jump.error = Some(why),
                },
                Edit::Other => {}
            }
            return Some(Vec::new());
        }
        if let Some(search) = timeline.search_mut().filter(|s| s.typing) {
            return match edit(&mut search.query, key) {
                Edit::Changed => {
                    // The entries come from the store, the whole journal.
                    search.hits.clear();
                    let sought = Sought::Words(search.query.clone());
                    timeline.searched(rows, &self.data);
                    Some(vec![Effect::Find(sought)])
                }
                Edit::Enter => {
                    if search.query.trim().is_empty() {
                        let widened = timeline.end_search();
                        return Some(self.search_ended(widened));
                    }
                    search.typing = false;
                    // Only now, asked, into the history not read yet.
                    Some(match self.older_match_unshown() {
                        Some(at) => self.search_go_to(at),
                        None => Vec::new(),
                    })
                }
                Edit::Esc => {
                    let widened = timeline.end_search();
                    Some(self.search_ended(widened))
                }
                Edit::Other => None,
            };
        }
        if timeline.search().is_some() && clears {
            let widened = timeline.end_search();
            return Some(self.search_ended(widened));
        }
        None
    }

    /// A timeline search ended: the history read whole only for it goes
    /// back to the recent window.
    fn search_ended(&mut self, widened: bool) -> Vec<Effect> {
        if !widened || !self.whole_history {
            return Vec::new();
        }
        self.whole_history = false;
        vec![self.reload()]
    }

    /// The newest match of the timeline's search in the history not read
    /// yet, when none of the rows read matches.
    fn older_match_unshown(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let search = self.panes.timeline.search()?;
        if self.whole_history {
            return None;
        }
        let shown = self
            .view
            .timeline
            .iter()
            .any(|r| super::timeline::row_matches(r, &self.data, search));
        if shown {
            return None;
        }
        super::timeline::newest_older_match(&self.data, search)
    }

    /// Goes to a match of the search, marking the history as read whole
    /// for the search's sake when it had to be.
    fn search_go_to(&mut self, at: chrono::DateTime<chrono::Utc>) -> Vec<Effect> {
        let before = self.whole_history;
        let effects = self.timeline_go_to(at);
        if !before && self.whole_history {
            self.panes.timeline.widened_for_search();
        }
        effects
    }

    /// Selects the newest timeline row at or before `at`, reading the
    /// whole history first when the moment lies before what is read.
    pub(in crate::app) fn timeline_go_to(
        &mut self,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Vec<Effect> {
        if !self.data.covers(at) && !self.whole_history {
            self.whole_history = true;
            self.panes.timeline.go_to_later(at);
            return vec![self.reload()];
        }
        let found = self.panes.timeline.go_to(&self.view.timeline, at);
        self.say_where_a_jump_landed(at, found);
        Vec::new()
    }

    /// A jump that waited for the whole history has landed.
    pub(in crate::app) fn timeline_jump_landed(&mut self) {
        if let Some((at, found)) = self.panes.timeline.take_landed() {
            self.say_where_a_jump_landed(at, found);
        }
    }

    fn say_where_a_jump_landed(
        &mut self,
        at: chrono::DateTime<chrono::Utc>,
        found: Option<chrono::DateTime<chrono::Utc>>,
    ) {
        if let Some(note) = landed_note(at, found, self.now, &self.zone) {
            self.note(note, false);
        }
    }

    /// A page of what a search or tag found, when it is still what the
    /// journal looks for (an answer to an older keystroke is dropped).
    pub(in crate::app) fn found(
        &mut self,
        sought: Sought,
        entries: Vec<crate::domain::JournalEntry>,
    ) -> Vec<Effect> {
        if self.panes.journal.sought() != Some(sought) {
            return Vec::new();
        }
        self.panes.journal.found_arrived(&mut self.data, entries);
        Vec::new()
    }

    /// The keys of every entry found arrived: the timeline's search takes
    /// them when they are still what it looks for. When none of the rows
    /// read matches, it says where the newest match is while the words are
    /// typed, and goes there (reading the history) once they are not.
    pub(in crate::app) fn found_keys(
        &mut self,
        sought: Sought,
        keys: Vec<super::effect::EntryKey>,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.panes.journal.sought().as_ref() == Some(&sought) {
            effects.extend(
                self.panes
                    .journal
                    .keys_arrived(&mut self.data, keys.clone()),
            );
        }
        let Sought::Words(words) = sought else {
            return effects;
        };
        let timeline = &mut self.panes.timeline;
        let Some(search) = timeline.search_mut().filter(|s| s.query == words) else {
            return effects;
        };
        search.hits = keys;
        let typing = search.typing;
        timeline.searched(&self.view.timeline, &self.data);
        if let Some(at) = self.older_match_unshown() {
            if typing {
                // Not while a word is half typed: the whole history is
                // read only when the person asks to go there.
                let today = crate::domain::time::local_date(self.now, &self.zone);
                let day = crate::domain::time::local_date(at, &self.zone);
                let label = crate::domain::time::day_label(day, today);
                self.note(
                    format!("The newest match is on {label}; Enter goes there."),
                    false,
                );
            } else {
                effects.extend(self.search_go_to(at));
            }
        }
        effects
    }

    /// An entry read whole arrived: it shows over the dashboard.
    pub(in crate::app) fn entry_read(&mut self, entry: Option<crate::domain::JournalEntry>) {
        match entry {
            Some(e) => {
                self.overlay = Some(super::Overlay::Entry {
                    id: e.id,
                    scroll: 0,
                });
                self.data.opened = Some(e);
            }
            None => self.note("That entry is gone.", false),
        }
    }

    /// The journal's tags arrived: the chooser opens on them.
    pub(in crate::app) fn tags_arrived(&mut self, tags: Vec<(String, usize)>) {
        if tags.is_empty() {
            self.note(
                "No #tags yet: a word like #sleep in an entry makes one.",
                false,
            );
            return;
        }
        self.panes.journal.open_tags(tags);
    }
}
