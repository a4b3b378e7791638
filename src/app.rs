//! The dashboard's state and its one `update` function.
//!
//! Keys arrive as [`Action`]s; `update` changes state and returns the
//! [`Effect`]s it wants carried out (the only way anything reaches the
//! store). Drawing (`crate::ui`) only reads an `&App`.

pub mod action;
pub mod checkin;
pub mod data;
mod drafts;
pub mod editor;
pub mod effect;
pub mod form;
pub mod habits;
pub mod insights;
pub mod intention;
pub mod journal;
pub mod keymap;
pub mod layout;
pub mod legend;
pub mod mode;
pub mod mouse;
mod pages;
pub mod panes;
pub mod prompt;
pub mod questionnaire;
pub mod reading;
mod search;
pub mod submit;
pub mod timeline;
pub mod undo;
mod update;
pub mod welcome;
pub mod words;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::Settings;
use crate::domain::time;
use crate::zone::Zone;
pub use action::{Action, Command, PaneId};
use data::{Data, View};
pub use effect::Effect;
use form::{Answers, Confirm, ConfirmAction, Form};
use habits::HabitsState;
use intention::IntentionState;
use journal::JournalState;
pub use mode::Mode;
pub use panes::Overlay;
use panes::registry::{PANES, Panes};
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
    /// A questionnaire's answer or total calls for help
    /// (`care::questionnaire_help`).
    Questionnaire { reach_out_today: bool },
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
    /// Each registered pane's state.
    panes: Panes,
    /// The focused pane is shown alone on the whole body.
    zoomed: bool,
    overlay: Option<Overlay>,
    form: Option<Form>,
    confirm: Option<Confirm>,
    /// The crisis lines, open over everything else (the editor, a dialog,
    /// a question), which wait underneath untouched until it closes.
    care: Option<Care>,
    /// The questionnaires the shell loaded at start (`Q` offers them),
    /// shared with each analysis request rather than copied into it.
    questionnaires: std::sync::Arc<[crate::domain::questionnaire::Questionnaire]>,
    /// A questionnaire being answered.
    asking: Option<questionnaire::Asking>,
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
    /// Why nothing may be saved, once the file has failed its check.
    read_only: Option<String>,
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
    /// What the last delete took away, while the undo key can put it back.
    undo: Option<undo::Undo>,
    /// Counts the data's changes (each load, each tick saved, each new
    /// day): the Insights pane's analysis is asked for once per change.
    generation: u64,
}

impl App {
    pub fn new(settings: Settings, zone: Zone, now: DateTime<Utc>, no_color: bool) -> App {
        App {
            focus: PANES[0].id,
            panes: Panes::default(),
            zoomed: false,
            overlay: None,
            form: None,
            confirm: None,
            care: None,
            questionnaires: std::sync::Arc::from(Vec::new()),
            asking: None,
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
            read_only: None,
            whole_history: false,
            asked: Default::default(),
            pending: None,
            waiting: false,
            quit_asked: false,
            told: None,
            undo: None,
            generation: 0,
        }
    }

    // Read access for drawing and tests.
    pub fn focus(&self) -> PaneId {
        self.focus
    }
    pub fn timeline(&self) -> &TimelineState {
        &self.panes.timeline
    }
    pub fn journal(&self) -> &JournalState {
        &self.panes.journal
    }
    pub fn habits(&self) -> &HabitsState {
        &self.panes.habits
    }
    pub fn intention(&self) -> &IntentionState {
        &self.panes.intention
    }
    pub fn insights(&self) -> &insights::InsightsState {
        &self.panes.insights
    }
    /// Which change of the data the app has seen last (see
    /// [`Effect::Analyse`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }
    /// Whether the focused pane is shown alone on the whole body.
    pub fn zoomed(&self) -> bool {
        self.zoomed
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
    pub fn asking(&self) -> Option<&questionnaire::Asking> {
        self.asking.as_ref()
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
    /// Why nothing may be saved, when the file failed its check.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
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
        let ed = self.panes.journal.editor().filter(|ed| ed.unkept)?;
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
        for pane in PANES {
            (pane.refresh)(&mut self.panes, &self.data, &self.view);
        }
        self.ask_about_a_passed_plan();
    }

    /// A planned session whose time passed without being logged is asked
    /// about gently, once: did it happen? Only when nothing else is open,
    /// so that it never interrupts writing or a dialog.
    fn ask_about_a_passed_plan(&mut self) {
        let busy = self.care.is_some() || self.awaiting || self.mode() != Mode::Normal;
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
                crate::domain::time::moment_label(
                    s.at,
                    &self.zone,
                    crate::domain::time::local_date(self.now, &self.zone)
                )
            ),
            detail: "Either answer is fine. If it happened, it is logged at that time; \
                     if not, it comes off your calendar."
                .into(),
            on_yes: ConfirmAction::LogPlanned(s.id),
            answers: Answers {
                yes_key: 'y',
                yes: "it happened",
                no: "ask later",
                other: Some(('d', "it did not", ConfirmAction::DropPlan(s.id))),
            },
        });
    }

    /// Where things are on screen now: the panes move down while the
    /// welcome header is taller, and one pane takes the body when zoomed.
    pub fn areas(&self) -> layout::Areas {
        let (w, h) = self.size;
        self.areas_in(w, h)
    }

    /// [`App::areas`] on a screen of `w` x `h` (drawing passes the frame's).
    pub fn areas_in(&self, w: u16, h: u16) -> layout::Areas {
        let zoom = self.zoomed.then_some(self.focus);
        layout::areas_with_header(w, h, self.header_height(w, h), zoom)
    }

    /// Rows a list moves by a page: those of the first pane, or of the
    /// zoomed one.
    fn page(&self) -> usize {
        let areas = self.areas();
        let rows = areas.panes.first().map_or(0, |(_, r)| r.height);
        usize::from(rows.saturating_sub(3)).max(1)
    }

    /// Which mode has the keys: the innermost thing open. A question may
    /// stand over a dialog, and a dialog (the mood question) over the
    /// editor; the crisis card, over all of them, is not a mode: any key
    /// closes it.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.asking.is_some() {
            Mode::Questionnaire
        } else if self.form.is_some() {
            Mode::Form
        } else if self.overlay.is_some() {
            Mode::Overlay
        } else if self.panes.journal.editor().is_some() {
            Mode::Editor
        } else {
            Mode::Normal
        }
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
        let mode = self.mode();
        let too_small = layout::too_small(self.size.0, self.size.1);
        if too_small {
            // Only the too-small notice is on the screen: a key must never
            // act on what cannot be seen (a question answered blind would
            // delete). The notice names two keys, quit and the crisis
            // lines, and only those work.
            let quit = ctrl_c
                || self.settings.keys.resolve_dashboard(&key, self.focus) == Some(Command::Quit);
            // Words in an open dialog are not stored until it is sent:
            // leaving from here would lose them, so the notice asks for a
            // larger window instead (`ui::render_too_small`).
            if !quit || matches!(mode, Mode::Confirm | Mode::Form | Mode::Questionnaire) {
                return Vec::new();
            }
        }
        if too_small
            || (ctrl_c && !matches!(mode, Mode::Confirm | Mode::Form | Mode::Questionnaire))
        {
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
        match mode {
            Mode::Confirm => self.confirm_key(key),
            Mode::Form => self.form_key(key),
            Mode::Questionnaire => self.questionnaire_key(key),
            Mode::Overlay => self.overlay_key(key),
            Mode::Editor => self.editor_input(key),
            Mode::Normal => self.normal_key(key),
        }
    }
}
