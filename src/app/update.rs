//! `App::update`, the one place state changes, and the clock's tick.

use chrono::{DateTime, Utc};

use super::action::Action;
use super::effect::{Analyse, Effect};
use super::insights::{Analysed, Place};
use super::{App, Care, POLL_SECONDS};
use crate::care;

impl App {
    /// The one place state changes. Returns what should be done next.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // New data asks for its analysis once, whatever else it led to.
        let new_data = matches!(action, Action::Loaded(_) | Action::TickSaved { .. });
        let mut effects = self.apply(action);
        if new_data {
            effects.push(self.data_changed());
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Tick(now) => self.tick(now),
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.rebuild_insights();
                Vec::new()
            }
            Action::Analysed {
                generation,
                insights,
            } => {
                let analysed = match insights {
                    Ok(i) => Analysed::Ready(i),
                    Err(why) => Analysed::Failed(why),
                };
                let key = self.settings.keys.label("insights.range");
                self.panes.insights.arrived(
                    generation,
                    analysed,
                    Place {
                        now: self.now,
                        zone: &self.zone,
                        size: self.size,
                        range_key: &key,
                    },
                );
                Vec::new()
            }
            Action::Loaded(data) => {
                let first = !self.loaded;
                let old = std::mem::replace(&mut self.data, *data);
                let mut effects = self.keep_the_journal_window(old);
                self.loaded = true;
                self.load_error = None;
                self.recompute();
                self.timeline_jump_landed();
                if let Some(effect) = self.keep_an_orphaned_edit() {
                    effects.push(effect);
                    return effects;
                }
                let waiting = self
                    .data
                    .drafts
                    .iter()
                    .filter(|s| !s.draft.body.trim().is_empty())
                    .count();
                if first && waiting > 0 {
                    let text = super::words::drafts_waiting(&self.settings.keys, waiting);
                    self.note(&text, false);
                }
                effects
            }
            Action::Entries(window) => self.entries_arrived(*window),
            Action::Found(sought, entries) => self.found(sought, entries),
            Action::FoundKeys(sought, keys) => self.found_keys(sought, keys),
            Action::EntryRead(entry) => {
                self.entry_read(*entry);
                Vec::new()
            }
            Action::Tags(tags) => {
                self.tags_arrived(tags);
                Vec::new()
            }
            Action::Saved(msg) => {
                if std::mem::take(&mut self.awaiting) {
                    self.form = None;
                }
                self.note(msg, false);
                vec![self.reload()]
            }
            Action::PutBackDone(msg) => self.put_back_done(msg),
            Action::TickSaved {
                habit,
                day,
                tick,
                message,
            } => {
                if std::mem::take(&mut self.awaiting) {
                    self.form = None;
                }
                self.data
                    .ticks
                    .retain(|t| !(t.habit == habit && t.day == day));
                self.data.ticks.extend(tick);
                self.recompute();
                self.note(message, false);
                Vec::new()
            }
            Action::EntrySaved => {
                let ed = self.panes.journal.editor();
                let mood = ed.and_then(|ed| ed.mood);
                if let Some(k) = ed.and_then(|ed| ed.kept) {
                    self.forget_draft(k.slot);
                }
                self.settled();
                self.awaiting = false;
                self.form = None;
                self.panes.journal.close_editor();
                self.note("Entry saved.", false);
                // A heavy day gets a few kind words and the crisis lines.
                if mood.is_some_and(|m| care::is_low(m.get(), self.settings.low_mood)) {
                    self.care = Some(Care::LowMood);
                }
                vec![self.reload()]
            }
            Action::Questionnaires { list, problems } => self.questionnaires_loaded(list, problems),
            Action::AnswersRecorded { total, band, help } => {
                self.answers_recorded(total, band, help)
            }
            Action::CheckedIn { message, mood } => self.checked_in(message, mood),
            Action::CheckInSameDay { first, rating } => self.checkin_same_day(*first, *rating),
            Action::Removed(removed) => self.removed(*removed),
            Action::DraftStored => Vec::new(),
            Action::DraftKept(kept) => self.draft_kept(kept),
            Action::DraftWaits => self.draft_waits(),
            Action::DraftDropped(gone) => {
                self.settled();
                if gone {
                    self.note("Draft thrown away.", false);
                    return Vec::new();
                }
                self.note(
                    "Thrown away here; another window's changes to it stay kept.",
                    false,
                );
                vec![self.reload()]
            }
            Action::Failed(msg) if self.answers_failed(&msg) => {
                self.note(msg, true);
                Vec::new()
            }
            Action::Failed(msg) => {
                // A draft write that failed for another reason than a
                // held lock is tried again on the next key (the words stay
                // `unkept` until then), never by the clock: a failure that
                // lasts would fill the status line.
                self.waiting = false;
                // A page or a page of matches that failed is no longer on
                // its way: moving on asks for it again.
                self.panes.journal.settle_page();
                self.panes.journal.settle_found();
                if !self.loaded {
                    self.load_error = Some(msg.clone());
                }
                if std::mem::take(&mut self.awaiting) {
                    let unkept = self.panes.journal.editor().map(|ed| ed.unkept);
                    let keep = if unkept == Some(false) {
                        "Your words are kept as a draft; Enter tries again, Esc goes back to writing."
                    } else if unkept == Some(true) {
                        "Your words are still here; Enter tries again, Esc goes back to writing."
                    } else {
                        "What you typed is still here; Enter tries again."
                    };
                    if let Some(f) = self.form.as_mut() {
                        f.error = Some(format!("Not saved: {msg}. {keep}"));
                        f.failed = Some(msg.clone());
                    }
                }
                self.note(msg, true);
                Vec::new()
            }
            Action::ReadOnly(why) => {
                self.read_only = Some(why);
                self.note(super::words::READ_ONLY, true);
                Vec::new()
            }
            Action::EditorClosed(outcome) => self.editor_closed(outcome),
            Action::Paste(text) => {
                // A paste is words: it closes the crisis card, if open, and
                // lands where the person was, never dropped.
                self.care = None;
                self.paste(&text)
            }
            Action::Key(key) => match self.prompt_key(&key) {
                Some(effects) => effects,
                None => self.key(key),
            },
            Action::Command(cmd) => self.command(cmd),
            // A click or a wheel on the too-small notice lands on nothing.
            Action::Click { .. } | Action::Scroll { .. }
                if super::layout::too_small(self.size.0, self.size.1) =>
            {
                Vec::new()
            }
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { down, column, row } => self.scroll(down, column, row),
        }
    }

    /// The data changed: the Insights pane's analysis is asked for again.
    fn data_changed(&mut self) -> Effect {
        self.generation += 1;
        Effect::Analyse(Analyse {
            generation: self.generation,
            zone: self.zone,
            window: self.settings.window,
            plan: self.settings.plan,
            course: self.settings.course,
            insight: self.settings.insights,
            questionnaires: std::sync::Arc::clone(&self.questionnaires),
        })
    }

    /// The Insights pane's rows and points, worked out again (a new size).
    fn rebuild_insights(&mut self) {
        let key = self.settings.keys.label("insights.range");
        self.panes.insights.rebuild(Place {
            now: self.now,
            zone: &self.zone,
            size: self.size,
            range_key: &key,
        });
    }

    pub(in crate::app) fn tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let old = self.now;
        let day = self.view.today;
        self.now = now;
        if self.status.as_ref().is_some_and(|s| now >= s.until) {
            self.status = None;
        }
        let new_minute = old.timestamp() / 60 != now.timestamp() / 60;
        if new_minute || self.view.now.is_none() {
            self.recompute();
        } else {
            self.view.tick(&self.data, now, &self.settings);
        }
        // By whole seconds of the clock: the loop wakes a few milliseconds
        // after each second, so the gap between two wakes is often 0.999 s,
        // and a duration would skip every other poll.
        let mut effects = Vec::new();
        // What is holding and what has returned is said as of today: a
        // new day is a change of the data for the analysis.
        if self.loaded && day.is_some() && self.view.today != day {
            effects.push(self.data_changed());
        }
        if self.save_waits() {
            effects.extend(self.draft_write());
        }
        if self.loaded && now.timestamp() - self.last_poll.timestamp() >= POLL_SECONDS {
            self.last_poll = now;
            effects.push(Effect::Poll {
                known_version: self.data.version,
                since: self.history_since(),
            });
        }
        effects
    }
}
