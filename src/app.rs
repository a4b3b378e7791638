//! The dashboard's state and its one `update` function.
//!
//! Keys arrive as [`Action`]s; `update` changes state and returns the
//! [`Effect`]s it wants carried out (the only way anything reaches the
//! store). Drawing (`crate::ui`) only reads an `&App`.

pub mod action;
pub mod data;
pub mod editor;
pub mod effect;
pub mod form;
pub mod habits;
pub mod intention;
pub mod journal;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod submit;
pub mod timeline;
pub mod welcome;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::care;
use crate::config::Settings;
use crate::domain::journal::session_for_entry;
use crate::domain::{MAX_ENTRY_BYTES, time};
use crate::zone::Zone;
pub use action::{Action, Command, PaneId};
use data::{Data, View};
pub use effect::Effect;
use form::{Answers, Confirm, ConfirmAction, Form};
use habits::HabitsState;
use intention::IntentionState;
use journal::JournalState;
pub use panes::Overlay;
use panes::{Ctx, Reply};
use timeline::TimelineState;

/// How often the dashboard checks for changes made by other processes: each
/// tick, so another dashboard's or the command line's writes show within about
/// a second. Asking SQLite for `data_version` costs microseconds.
const POLL_SECONDS: i64 = 1;
/// How long a status message stays.
const STATUS_SECONDS: i64 = 6;
/// How long the path of words an editor left on disk stays: long enough
/// to copy it down.
const KEPT_FILE_SECONDS: i64 = 60;

/// A write of the journal editor's words that was asked for and has not
/// gone through yet.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    /// Keep them as the editor's draft.
    Save,
    /// Keep them, then close the editor.
    Close,
    /// Save them as an entry (the mood question is open).
    Commit {
        session: Option<crate::domain::SessionId>,
        written_at: Option<DateTime<Utc>>,
    },
    /// Throw this draft away (the editor is already closed).
    Discard(crate::domain::draft::DraftKey),
}

/// What the care card over the dashboard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Care {
    /// The crisis lines, asked for with their key.
    Lines,
    /// A saved entry's mood was low: a few kind words, then the lines.
    LowMood,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct App {
    focus: PaneId,
    timeline: TimelineState,
    journal: JournalState,
    habits: HabitsState,
    intention: IntentionState,
    overlay: Option<Overlay>,
    form: Option<Form>,
    confirm: Option<Confirm>,
    /// The crisis lines, open over everything else (the editor, a dialog,
    /// a question), which wait underneath untouched until it closes.
    care: Option<Care>,
    status: Option<Status>,
    data: Data,
    view: View,
    loaded: bool,
    now: DateTime<Utc>,
    last_poll: DateTime<Utc>,
    zone: Zone,
    settings: Settings,
    size: (u16, u16),
    no_color: bool,
    quit: bool,
    /// A dialog (or the editor) sent a write and stays open until it is
    /// stored, so that a refused write never takes the typed text with it.
    awaiting: bool,
    /// Why the first load failed, shown in place of the dashboard's content
    /// until a load succeeds (a status line alone would fade).
    load_error: Option<String>,
    /// The person asked for all their history (the timeline's last row);
    /// until then only the recent part is read.
    whole_history: bool,
    /// Planned sessions whose passing was asked about in this run: each is
    /// asked once, and again only the next time the dashboard opens.
    asked: std::collections::HashSet<crate::domain::SessionId>,
    /// The editor's write that has not gone through yet.
    pending: Option<Pending>,
    /// The last write of the editor's words found another program holding
    /// the file's write lock. Until one goes through, `pending` is tried
    /// again at each tick (the shell ticks often meanwhile) rather than on
    /// each key, so that typing never waits on the database.
    waiting: bool,
    /// Ctrl-C was pressed once while the editor held words not yet kept:
    /// a second one leaves all the same.
    quit_asked: bool,
    /// Which kind of waiting write the status line last told about, so
    /// that it says so once, not at every try.
    told: Option<std::mem::Discriminant<Pending>>,
}

impl App {
    pub fn new(settings: Settings, zone: Zone, now: DateTime<Utc>, no_color: bool) -> App {
        App {
            focus: PaneId::Timeline,
            timeline: TimelineState::new(),
            journal: JournalState::default(),
            habits: HabitsState::default(),
            intention: IntentionState::default(),
            overlay: None,
            form: None,
            confirm: None,
            care: None,
            status: None,
            data: Data::default(),
            view: View::default(),
            loaded: false,
            now,
            last_poll: now,
            zone,
            settings,
            size: (80, 24),
            no_color,
            quit: false,
            awaiting: false,
            load_error: None,
            whole_history: false,
            asked: Default::default(),
            pending: None,
            waiting: false,
            quit_asked: false,
            told: None,
        }
    }

    // Read access for drawing and tests.
    pub fn focus(&self) -> PaneId {
        self.focus
    }
    pub fn timeline(&self) -> &TimelineState {
        &self.timeline
    }
    pub fn journal(&self) -> &JournalState {
        &self.journal
    }
    pub fn habits(&self) -> &HabitsState {
        &self.habits
    }
    pub fn intention(&self) -> &IntentionState {
        &self.intention
    }
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }
    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }
    pub fn confirm(&self) -> Option<&Confirm> {
        self.confirm.as_ref()
    }
    pub fn care(&self) -> Option<Care> {
        self.care
    }
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }
    pub fn data(&self) -> &Data {
        &self.data
    }
    pub fn view(&self) -> &View {
        &self.view
    }
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
    pub fn zone(&self) -> &Zone {
        &self.zone
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    pub fn no_color(&self) -> bool {
        self.no_color
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A write of the editor's words is waiting for another program to
    /// let go of the file's write lock: the shell should tick often, so
    /// that it goes through soon after.
    pub fn save_waits(&self) -> bool {
        self.waiting && self.pending.is_some()
    }

    /// The open editor's words, when they are not kept yet (a save that
    /// waits or failed), with the stored draft the editor holds: what the
    /// shell tries once more to keep before it leaves.
    pub fn unkept_draft(
        &self,
    ) -> Option<(
        Option<crate::domain::draft::DraftKey>,
        crate::domain::draft::Draft,
    )> {
        let ed = self.journal.editor().filter(|ed| ed.unkept)?;
        Some((ed.kept, ed.draft(self.now)))
    }

    /// The load that fills the dashboard: recent history, or all of it
    /// once asked for.
    pub fn reload(&self) -> Effect {
        Effect::Reload {
            since: self.history_since(),
        }
    }

    fn history_since(&self) -> Option<DateTime<Utc>> {
        if self.whole_history {
            return None;
        }
        let today = time::local_date(self.now, &self.zone);
        // Near chrono's first day there is nothing older to leave out.
        time::days_before(today, u64::from(data::RECENT_DAYS))
            .and_then(|d| time::start_of_day(d, &self.zone))
    }

    fn note(&mut self, text: impl Into<String>, error: bool) {
        let secs = if error {
            STATUS_SECONDS * 2
        } else {
            STATUS_SECONDS
        };
        self.note_for(text, error, secs);
    }

    fn note_for(&mut self, text: impl Into<String>, error: bool, secs: i64) {
        self.status = Some(Status {
            text: text.into(),
            error,
            until: self
                .now
                .checked_add_signed(chrono::TimeDelta::try_seconds(secs).unwrap_or_default())
                .unwrap_or(self.now),
        });
    }

    fn toggle_crisis(&mut self) {
        self.care = match self.care {
            Some(Care::Lines) => None,
            _ => Some(Care::Lines),
        };
    }

    fn recompute(&mut self) {
        self.view = View::compute(&self.data, self.now, &self.zone, &self.settings);
        self.timeline.refresh(&self.view.timeline);
        self.journal.refresh(self.data.entries.len());
        self.habits.refresh(&self.view.habits);
        self.intention.refresh(self.data.intentions.len());
        self.ask_about_a_passed_plan();
    }

    /// A planned session whose time passed without being logged is asked
    /// about gently, once: did it happen? Only when nothing else is open,
    /// so that it never interrupts writing or a dialog.
    fn ask_about_a_passed_plan(&mut self) {
        let busy = self.care.is_some()
            || self.awaiting
            || self.confirm.is_some()
            || self.form.is_some()
            || self.overlay.is_some()
            || self.journal.editor().is_some();
        if busy {
            return;
        }
        let Some(s) = self
            .view
            .passed_plans
            .iter()
            .find(|s| !self.asked.contains(&s.id))
        else {
            return;
        };
        self.asked.insert(s.id);
        self.confirm = Some(Confirm {
            question: format!(
                "Your session planned for {} has passed. Did it happen?",
                s.at.with_timezone(&self.zone).format("%a %-d %b %H:%M")
            ),
            detail: "Either answer is fine. If it happened, it is logged at that time; \
                     if not, it comes off your calendar."
                .into(),
            on_yes: ConfirmAction::LogPlanned(s.id),
            answers: Answers {
                yes: "it happened",
                no: "ask later",
                other: Some(('d', "it did not", ConfirmAction::DropPlan(s.id))),
            },
        });
    }

    /// Where things are on screen now: the panes move down while the
    /// welcome header is taller.
    pub fn areas(&self) -> layout::Areas {
        let (w, h) = self.size;
        layout::areas_with_header(w, h, self.header_height(w, h))
    }

    fn page(&self) -> usize {
        let areas = self.areas();
        usize::from(areas.panes[0].height.saturating_sub(3)).max(1)
    }

    /// The one place state changes. Returns what should be done next.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Tick(now) => self.tick(now),
            Action::Resize { width, height } => {
                self.size = (width, height);
                Vec::new()
            }
            Action::Loaded(data) => {
                let first = !self.loaded;
                self.data = *data;
                self.loaded = true;
                self.load_error = None;
                self.recompute();
                if let Some(effect) = self.keep_an_orphaned_edit() {
                    return vec![effect];
                }
                let waiting = self
                    .data
                    .drafts
                    .iter()
                    .filter(|s| !s.draft.body.trim().is_empty())
                    .count();
                if first && waiting > 0 {
                    let keys = &self.settings.keys;
                    // Short enough for the footer at 60 columns, beside
                    // the crisis hint.
                    let kept = match waiting {
                        1 => "Your draft is kept".to_string(),
                        n => format!("{n} drafts kept"),
                    };
                    let text = format!(
                        "{kept}; {} then {} goes on.",
                        keys.label("focus_journal"),
                        keys.label("journal.new")
                    );
                    self.note(&text, false);
                }
                Vec::new()
            }
            Action::Saved(msg) => {
                if std::mem::take(&mut self.awaiting) {
                    self.form = None;
                }
                self.note(msg, false);
                vec![self.reload()]
            }
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
                let ed = self.journal.editor();
                let mood = ed.and_then(|ed| ed.mood);
                if let Some(k) = ed.and_then(|ed| ed.kept) {
                    self.forget_draft(k.slot);
                }
                self.settled();
                self.awaiting = false;
                self.form = None;
                self.journal.close_editor();
                self.note("Entry saved.", false);
                // A heavy day gets a few kind words and the crisis lines.
                if mood.is_some_and(|m| care::is_low(m.get(), self.settings.low_mood)) {
                    self.care = Some(Care::LowMood);
                }
                vec![self.reload()]
            }
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
            Action::Failed(msg) => {
                // A draft write that failed for another reason than a
                // held lock is tried again on the next key (the words stay
                // `unkept` until then), never by the clock: a failure that
                // lasts would fill the status line.
                self.waiting = false;
                if !self.loaded {
                    self.load_error = Some(msg.clone());
                }
                if std::mem::take(&mut self.awaiting) {
                    let unkept = self.journal.editor().map(|ed| ed.unkept);
                    let keep = if unkept == Some(false) {
                        "Your words are kept as a draft; Enter tries again, Esc goes back to writing."
                    } else if unkept == Some(true) {
                        "Your words are still here; Enter tries again, Esc goes back to writing."
                    } else {
                        "What you typed is still here; Enter tries again."
                    };
                    if let Some(f) = self.form.as_mut() {
                        f.error = Some(format!("Not saved: {msg}. {keep}"));
                    }
                }
                self.note(msg, true);
                Vec::new()
            }
            Action::EditorClosed(outcome) => self.editor_closed(outcome),
            Action::Paste(text) => {
                // A paste is words: it closes the crisis card, if open, and
                // lands where the person was, never dropped.
                self.care = None;
                self.paste(&text)
            }
            Action::Key(key) => self.key(key),
            Action::Command(cmd) => self.command(cmd),
            Action::Click { column, row } => {
                self.click(column, row);
                Vec::new()
            }
            Action::Scroll { down, column, row } => {
                if self.care.is_none()
                    && self.overlay.is_none()
                    && self.form.is_none()
                    && self.journal.editor().is_none()
                {
                    self.click(column, row);
                    let cmd = if down { Command::Down } else { Command::Up };
                    return self.command(cmd);
                }
                Vec::new()
            }
        }
    }

    fn tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let old = self.now;
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

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // The crisis lines come first, whatever is open: one key, always.
        if self.settings.keys.resolve_anywhere(&key) == Some(Command::Crisis) {
            self.toggle_crisis();
            return Vec::new();
        }
        if self.care.is_some() {
            // Any key closes it, and does nothing else, so that a key meant
            // for it never lands in the text or the dialog beneath.
            self.care = None;
            return Vec::new();
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c && self.confirm.is_none() && self.form.is_none() {
            // Everything typed is already stored, so leaving is safe; but
            // words a busy file has not taken yet are asked about once.
            if self.unkept_draft().is_some() && !self.quit_asked {
                self.quit_asked = true;
                self.note("Newest words not saved yet; Ctrl-C again leaves.", true);
                return Vec::new();
            }
            self.quit = true;
            return Vec::new();
        }
        if self.confirm.is_some() {
            return self.confirm_key(key);
        }
        if self.form.is_some() {
            return self.form_key(key);
        }
        if self.overlay.is_some() {
            return self.overlay_key(key);
        }
        if self.journal.editor().is_some() {
            return match self.settings.keys.resolve_editor(&key) {
                Some(cmd) => self.editor_command(cmd),
                None => self.editor_key(key),
            };
        }
        match self.settings.keys.resolve_dashboard(&key, self.focus) {
            Some(cmd) => self.command(cmd),
            None => Vec::new(),
        }
    }

    fn command(&mut self, cmd: Command) -> Vec<Effect> {
        match cmd {
            Command::Quit => {
                self.quit = true;
                return Vec::new();
            }
            Command::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return Vec::new();
            }
            Command::Crisis => {
                self.toggle_crisis();
                return Vec::new();
            }
            Command::FocusNext => self.focus = self.focus.next(),
            Command::FocusPrev => self.focus = self.focus.prev(),
            Command::Focus(p) => self.focus = p,
            Command::Back => self.status = None,
            _ => {
                let ctx = Ctx {
                    data: &self.data,
                    view: &self.view,
                    now: self.now,
                    zone: &self.zone,
                    settings: &self.settings,
                    page: self.page(),
                };
                let reply = match self.focus {
                    PaneId::Timeline => self.timeline.handle(cmd, &ctx),
                    PaneId::Journal => self.journal.handle(cmd, &ctx),
                    PaneId::Habits => self.habits.handle(cmd, &ctx),
                    PaneId::Intention => self.intention.handle(cmd, &ctx),
                };
                return self.reply(reply);
            }
        }
        Vec::new()
    }

    fn reply(&mut self, reply: Option<Reply>) -> Vec<Effect> {
        match reply {
            None => Vec::new(),
            Some(Reply::Effect(Effect::Reload { since: None })) => {
                self.whole_history = true;
                vec![self.reload()]
            }
            Some(Reply::Effect(e)) => vec![e],
            Some(Reply::Form(f)) => {
                self.form = Some(f);
                Vec::new()
            }
            Some(Reply::Confirm(c)) => {
                self.confirm = Some(c);
                Vec::new()
            }
            Some(Reply::Overlay(o)) => {
                self.overlay = Some(o);
                Vec::new()
            }
            Some(Reply::Note(n)) => {
                self.note(n, false);
                Vec::new()
            }
        }
    }

    fn confirm_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Only `y` says yes: a reflexive Enter must never delete anything.
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        let no = matches!(key.code, KeyCode::Char('n' | 'N') | KeyCode::Esc)
            || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL));
        let other = self.confirm.as_ref().and_then(|c| {
            let (k, _, action) = c.answers.other.as_ref()?;
            matches!(key.code, KeyCode::Char(c) if c.eq_ignore_ascii_case(k))
                .then(|| action.clone())
        });
        if no {
            self.confirm = None;
            return Vec::new();
        }
        let Some(action) = other.or_else(|| {
            yes.then(|| self.confirm.as_ref().map(|c| c.on_yes.clone()))
                .flatten()
        }) else {
            return Vec::new();
        };
        self.confirm = None;
        self.answer(action)
    }

    /// Carries out the answer to a question.
    fn answer(&mut self, action: ConfirmAction) -> Vec<Effect> {
        match action {
            ConfirmAction::DropPlan(id) => vec![Effect::DropPlan(id)],
            ConfirmAction::LogPlanned(id) => match self.data.sessions.iter().find(|s| s.id == id) {
                Some(s) => vec![Effect::ConfirmPlanned(crate::domain::Session {
                    status: crate::domain::SessionStatus::Done,
                    ..s.clone()
                })],
                None => Vec::new(),
            },
            ConfirmAction::DeleteSession(id) => vec![Effect::DeleteSession(id)],
            ConfirmAction::DeleteTherapy(id) => vec![Effect::DeleteTherapy(id)],
            ConfirmAction::DeleteEntry(id) => vec![Effect::DeleteEntry(id)],
            ConfirmAction::ArchiveHabit(id) => vec![Effect::ArchiveHabit(id)],
            ConfirmAction::DeleteIntention(id) => vec![Effect::DeleteIntention(id)],
            ConfirmAction::CloseForm => {
                self.form = None;
                Vec::new()
            }
            ConfirmAction::OpenForm(form) => {
                self.form = Some(*form);
                Vec::new()
            }
            ConfirmAction::DiscardDraft => {
                let kept = self.journal.editor().and_then(|ed| ed.kept);
                self.journal.close_editor();
                match kept {
                    Some(k) => {
                        self.forget_draft(k.slot);
                        self.write_draft(Pending::Discard(k))
                    }
                    None => {
                        // Nothing was stored, so nothing waits to go.
                        self.settled();
                        self.note("Draft thrown away.", false);
                        Vec::new()
                    }
                }
            }
        }
    }

    fn form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc | KeyCode::Char('c') if key.code == KeyCode::Esc || ctrl_c => {
                if form.holds_writing() {
                    self.confirm = Some(Confirm {
                        question: "Close without saving?".into(),
                        detail: "What you typed in this dialog will be gone.".into(),
                        on_yes: ConfirmAction::CloseForm,
                        answers: Answers::YES_NO,
                    });
                } else {
                    self.form = None;
                }
            }
            KeyCode::Enter => return self.submit_form(),
            KeyCode::Tab | KeyCode::Down => form.next_field(),
            KeyCode::BackTab | KeyCode::Up => form.prev_field(),
            _ => {
                form.error = None;
                form.key(&key);
            }
        }
        Vec::new()
    }

    fn submit_form(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match submit::submit(form, &self.data, self.now, &self.zone) {
            Err(why) => {
                form.error = Some(why);
                Vec::new()
            }
            Ok(done) => match done.mood {
                Some(mood) => self.commit_entry(mood, done.written_at),
                None if done.effects.is_empty() => {
                    self.form = None;
                    Vec::new()
                }
                None => {
                    self.awaiting = true;
                    done.effects
                        .into_iter()
                        .map(|e| self.confirm_planned(e))
                        .collect()
                }
            },
        }
    }

    /// Logging a session on a day one was planned confirms the plan, as the
    /// command line does, so its intention stays with it.
    fn confirm_planned(&self, effect: Effect) -> Effect {
        use crate::domain::{Session, SessionStatus, session::planned_match};
        match effect {
            Effect::LogSession(new) if new.status == SessionStatus::Done => {
                match planned_match(&self.data.sessions, new.at, &self.zone) {
                    Some(p) => Effect::ConfirmPlanned(Session {
                        id: p.id,
                        at: new.at,
                        kind: new.kind,
                        dose_mg: new.dose_mg.or(p.dose_mg),
                        note: new.note.or_else(|| p.note.clone()),
                        status: SessionStatus::Done,
                    }),
                    None => Effect::LogSession(new),
                }
            }
            other => other,
        }
    }

    /// Saves the open editor as a journal entry with the given mood,
    /// dated `written_at` (now when `None`).
    fn commit_entry(
        &mut self,
        mood: Option<crate::domain::Mood>,
        written_at: Option<DateTime<Utc>>,
    ) -> Vec<Effect> {
        let Some(ed) = self.journal.editor_mut() else {
            return Vec::new();
        };
        ed.mood = mood;
        let at = written_at.unwrap_or(self.now);
        let session = session_for_entry(&self.data.sessions, at, &self.settings.window);
        // The editor and the mood question stay until the entry is stored.
        self.awaiting = true;
        self.write_draft(Pending::Commit {
            session,
            written_at,
        })
    }

    /// Asks for a write of the editor's words. While another program holds
    /// the write lock, a keystroke's save only marks the words as waiting:
    /// the tick tries again, and typing never waits on the database.
    fn write_draft(&mut self, what: Pending) -> Vec<Effect> {
        self.pending = Some(what);
        if self.waiting && what == Pending::Save {
            return Vec::new();
        }
        self.draft_write().into_iter().collect()
    }

    /// The effect that carries out `pending`, from the editor as it is now.
    fn draft_write(&mut self) -> Option<Effect> {
        let what = self.pending?;
        let dialog_open = self.form.is_some();
        let now = self.now;
        let Some(ed) = self.journal.editor() else {
            if let Pending::Discard(k) = what {
                return Some(Effect::DropDraft(k));
            }
            // The editor closed under a waiting save (it cannot, but if
            // it did there is nothing left to write).
            self.settled();
            return None;
        };
        let (held, draft) = (ed.kept, ed.draft(now));
        Some(match what {
            Pending::Commit {
                session,
                written_at,
            } if dialog_open => Effect::CommitDraft {
                held,
                draft,
                session,
                written_at,
            },
            Pending::Commit { .. } => {
                // The mood question was closed while the entry waited: the
                // words go on as a draft.
                self.pending = Some(Pending::Save);
                self.awaiting = false;
                Effect::SaveDraft { held, draft }
            }
            Pending::Save | Pending::Close => Effect::SaveDraft { held, draft },
            Pending::Discard(k) => Effect::DropDraft(k),
        })
    }

    /// A write of the editor's words went through (or is no longer asked).
    fn settled(&mut self) {
        self.pending = None;
        self.waiting = false;
        self.quit_asked = false;
        self.told = None;
    }

    /// The editor's words are kept, where `kept` says.
    fn draft_kept(&mut self, kept: crate::domain::draft::DraftKept) -> Vec<Effect> {
        let was_waiting = self.waiting;
        let what = self.pending;
        self.settled();
        let now = self.now;
        let Some(ed) = self.journal.editor_mut() else {
            return Vec::new();
        };
        ed.kept = Some(kept.key);
        ed.unkept = false;
        if kept.apart {
            ed.editing = None;
        }
        let stored = crate::domain::draft::StoredDraft {
            key: kept.key,
            draft: ed.draft(now),
        };
        match self
            .data
            .drafts
            .iter_mut()
            .find(|s| s.key.slot == kept.key.slot)
        {
            Some(s) => *s = stored,
            None => self.data.drafts.push(stored),
        }
        let next = self.settings.keys.label("journal.new");
        if what == Some(Pending::Close) {
            self.journal.close_editor();
            let text = if kept.apart {
                format!("Draft kept, apart from another window's; {next} goes on.")
            } else {
                format!("Draft kept. Press {next} in the journal to go on writing.")
            };
            self.note(&text, false);
        } else if kept.apart {
            self.note(
                "Another window changed this draft; yours is kept apart.",
                false,
            );
        } else if was_waiting {
            self.note("The file is free again; your words are kept.", false);
        }
        Vec::new()
    }

    /// A write of the editor's words found the file's write lock held by
    /// another program: nothing was written, and it is tried again soon.
    fn draft_waits(&mut self) -> Vec<Effect> {
        self.waiting = true;
        if let Some(ed) = self.journal.editor_mut() {
            ed.unkept = true;
        }
        let Some(what) = self.pending else {
            return Vec::new();
        };
        if self.told == Some(std::mem::discriminant(&what)) {
            return Vec::new();
        }
        self.told = Some(std::mem::discriminant(&what));
        // Short enough for the status line of an 80-column terminal.
        let text = match what {
            Pending::Save => "Saving waits while another program writes; keep writing.",
            Pending::Close => "Saving waits; the editor closes once your words are kept.",
            Pending::Commit { .. } => "Saving waits; your entry is saved once the file is free.",
            Pending::Discard(_) => "Throwing the draft away waits for another program.",
        };
        self.note(text, false);
        Vec::new()
    }

    /// Takes the draft in `slot` off the dashboard's list (it was saved as
    /// an entry or thrown away here).
    fn forget_draft(&mut self, slot: i64) {
        self.data.drafts.retain(|s| s.key.slot != slot);
    }

    /// The entry open in the editor was deleted or replaced behind it (by
    /// another afterglow, or a restore): the stored draft no longer points
    /// at it, and its id may already belong to another entry. Saving would
    /// write over that one, so the words go on as a new entry instead.
    fn keep_an_orphaned_edit(&mut self) -> Option<Effect> {
        let ed = self.journal.editor()?;
        let held = ed.kept?;
        ed.editing?;
        let stored = self.data.drafts.iter().find(|s| s.key.slot == held.slot)?;
        // The entry's deletion set the stored draft's link to NULL. A draft
        // that is gone altogether (saved or thrown away in another window)
        // is left to the next save, which keeps the words apart.
        if stored.draft.editing.is_some() {
            return None;
        }
        if let Some(ed) = self.journal.editor_mut() {
            ed.editing = None;
            ed.unkept = true;
        }
        self.note(
            "That entry changed elsewhere; your words will be saved as a new entry.",
            false,
        );
        self.write_draft(Pending::Save).into_iter().next()
    }

    fn overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // The keys that open help, go back or quit close it too, also when
        // the config gives them other keys: help says "show or hide".
        let bound = self.settings.keys.resolve_dashboard(&key, self.focus);
        if matches!(bound, Some(Command::Help | Command::Back | Command::Quit)) {
            self.overlay = None;
            return Vec::new();
        }
        let Some(overlay) = self.overlay.as_mut() else {
            return Vec::new();
        };
        let scroll = match overlay {
            Overlay::Help { scroll }
            | Overlay::Entry { scroll, .. }
            | Overlay::Session { scroll, .. } => scroll,
        };
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?') => self.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => *scroll = scroll.saturating_add(10),
            KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
            _ => {}
        }
        Vec::new()
    }

    fn editor_width(&self) -> u16 {
        layout::editor_text_width(self.size.0, self.size.1)
    }

    fn editor_command(&mut self, cmd: Command) -> Vec<Effect> {
        match cmd {
            Command::Save => {
                let Some(ed) = self.journal.editor() else {
                    return Vec::new();
                };
                if ed.editor.is_blank() {
                    let text = format!(
                        "Nothing to save yet. {} closes the editor.",
                        self.settings.keys.label("editor.close")
                    );
                    self.note(&text, false);
                    return Vec::new();
                }
                let size = ed.editor.text().len();
                if size > MAX_ENTRY_BYTES {
                    // A draft from before the limit, or text back from the
                    // person's own editor: kept whole, saved once shortened.
                    let text = format!(
                        "Over the {} KiB an entry holds ({} KiB); shorten to save.",
                        MAX_ENTRY_BYTES / 1024,
                        size.div_ceil(1024)
                    );
                    self.note(&text, true);
                    return Vec::new();
                }
                self.form = Some(journal::mood_form(ed.mood, ed.editing.is_none()));
                Vec::new()
            }
            Command::NextPrompt => {
                if let Some(ed) = self.journal.editor_mut() {
                    ed.prompt = (ed.prompt + 1) % journal::prompts().len().max(1);
                }
                Vec::new()
            }
            Command::Discard => {
                self.confirm = Some(journal::discard_confirm());
                Vec::new()
            }
            Command::ExternalEditor => {
                let Some(ed) = self.journal.editor() else {
                    return Vec::new();
                };
                let body = ed.editor.text().to_string();
                // Stored again first, so that nothing typed depends on the
                // editor closing well (a blank draft has nothing to keep).
                let mut effects = if ed.editor.is_blank() {
                    Vec::new()
                } else {
                    self.write_draft(Pending::Save)
                };
                effects.push(Effect::ExternalEdit { body });
                effects
            }
            Command::Back => {
                let Some(ed) = self.journal.editor() else {
                    return Vec::new();
                };
                let unchanged = ed.editing.is_some_and(|id| {
                    self.data
                        .entries
                        .iter()
                        .any(|e| e.id == id && e.body == ed.editor.text() && e.mood == ed.mood)
                });
                if ed.editor.is_blank() || unchanged {
                    // Nothing was written (or nothing changed): no draft to keep.
                    let kept = ed.kept;
                    self.journal.close_editor();
                    return match kept {
                        Some(k) => {
                            self.forget_draft(k.slot);
                            self.write_draft(Pending::Discard(k))
                        }
                        None => {
                            self.settled();
                            Vec::new()
                        }
                    };
                }
                // Closed only once the words are kept, so that "Draft kept."
                // is never said of words a busy file has not taken yet.
                self.pending = Some(Pending::Close);
                self.draft_write().into_iter().collect()
            }
            _ => Vec::new(),
        }
    }

    /// Takes back what the person's own editor did with the draft.
    fn editor_closed(&mut self, outcome: action::EditorOutcome) -> Vec<Effect> {
        use action::EditorOutcome;
        let (text, leftover) = match outcome {
            EditorOutcome::NoEditor => {
                self.note("Set $VISUAL or $EDITOR to write in your own editor.", false);
                return Vec::new();
            }
            EditorOutcome::Kept { why, file } => {
                let secs = if file.is_some() {
                    KEPT_FILE_SECONDS
                } else {
                    STATUS_SECONDS * 2
                };
                self.note_for(journal::kept_note(&why, file.as_deref()), true, secs);
                return Vec::new();
            }
            EditorOutcome::Returned { text, leftover } => (text, leftover),
        };
        if self.journal.editor().is_none() {
            // The dashboard waits for the editor, so its own editor is still
            // open; should it not be, the words still land in a draft.
            self.focus = PaneId::Journal;
            self.journal.open_new(&[], &self.settings.keys);
        }
        let Some(ed) = self.journal.editor_mut() else {
            return Vec::new();
        };
        if text.trim().is_empty() {
            // An emptied file is more often an editor's mishap than a wish:
            // Ctrl-x is the way to throw a draft away.
            let note = if ed.editor.is_blank() {
                "Back from the editor; nothing was written."
            } else {
                "The editor gave back no text, so your draft is as it was."
            };
            self.note(note, false);
            return Vec::new();
        }
        let changed = ed.take_back(&text);
        ed.unkept |= changed;
        match leftover {
            Some(dir) => self.note_for(
                format!(
                    "Your text is back; its copy in {} could not be removed, so you may delete it.",
                    dir.display()
                ),
                true,
                KEPT_FILE_SECONDS,
            ),
            None if changed => {
                self.note("Your text is back from the editor, kept as a draft.", false)
            }
            None => self.note("Back from the editor; nothing changed.", false),
        }
        self.write_draft(Pending::Save)
    }

    fn editor_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let width = self.editor_width();
        let Some(ed) = self.journal.editor_mut() else {
            return Vec::new();
        };
        let before = ed.editor.text().len();
        let e = &mut ed.editor;
        let text_mods = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let mut buf = [0; 4];
        let typed = match key.code {
            KeyCode::Char(c) if text_mods => Some(&*c.encode_utf8(&mut buf)),
            KeyCode::Enter => Some("\n"),
            KeyCode::Tab => Some("    "),
            _ => None,
        };
        match (typed, key.code) {
            (Some(t), _) => {
                if !e.insert_within(t, MAX_ENTRY_BYTES) {
                    // Refused whole, and calmly: nothing typed is lost.
                    self.note(journal::full_note(false), false);
                    return Vec::new();
                }
            }
            (None, KeyCode::Backspace) => e.backspace(),
            (None, KeyCode::Delete) => e.delete(),
            (None, KeyCode::Left) => e.left(),
            (None, KeyCode::Right) => e.right(),
            (None, KeyCode::Up) => e.vertical(false, width),
            (None, KeyCode::Down) => e.vertical(true, width),
            (None, KeyCode::Home) => e.home(),
            (None, KeyCode::End) => e.end(),
            _ => return Vec::new(),
        }
        let changed = ed.editor.text().len() != before
            || matches!(
                key.code,
                KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
            );
        if changed {
            ed.unkept = true;
            self.write_draft(Pending::Save)
        } else {
            Vec::new()
        }
    }

    fn paste(&mut self, text: &str) -> Vec<Effect> {
        if let Some(form) = self.form.as_mut() {
            form.paste(text);
            return Vec::new();
        }
        let Some(ed) = self.journal.editor_mut() else {
            return Vec::new();
        };
        if !ed.editor.insert_within(text, MAX_ENTRY_BYTES) {
            self.note(journal::full_note(true), false);
            return Vec::new();
        }
        ed.unkept = true;
        self.write_draft(Pending::Save)
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.care.is_some()
            || self.overlay.is_some()
            || self.form.is_some()
            || self.confirm.is_some()
            || self.journal.editor().is_some()
        {
            return;
        }
        let areas = self.areas();
        let hit = |r: ratatui::layout::Rect| {
            column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
        };
        for (i, pane) in PaneId::ALL.iter().enumerate() {
            if hit(areas.panes[i]) {
                self.focus = *pane;
            }
        }
    }
}
