//! Typed messages: everything that can change the app goes through these.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::data::Data;

/// A pane, by the name its module gives it. Which panes there are, their
/// order, titles and numbers come from the registry
/// (`panes::registry::PANES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PaneId(pub &'static str);

// The four panes of today under the names the code has always used, so
// that `PaneId::Journal` reads as before.
#[allow(non_upper_case_globals)]
impl PaneId {
    pub const Timeline: PaneId = super::timeline::ID;
    pub const Journal: PaneId = super::journal::ID;
    pub const Habits: PaneId = super::habits::ID;
    pub const Intention: PaneId = super::intention::ID;
}

impl PaneId {
    /// Every registered pane, in focus order.
    pub fn all() -> impl Iterator<Item = PaneId> {
        super::panes::registry::PANES.iter().map(|p| p.id)
    }

    /// Its number, as its focus key and its title show it (1 is first).
    pub fn number(self) -> usize {
        super::panes::registry::position(super::panes::registry::PANES, self) + 1
    }

    pub fn title(self) -> &'static str {
        super::panes::registry::spec(self).map_or(self.0, |p| p.title)
    }

    pub fn next(self) -> PaneId {
        super::panes::registry::next(super::panes::registry::PANES, self)
    }

    pub fn prev(self) -> PaneId {
        super::panes::registry::prev(super::panes::registry::PANES, self)
    }
}

/// What a key means on the dashboard, before the focused pane interprets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    FocusNext,
    FocusPrev,
    Focus(PaneId),
    /// Show the focused pane on the whole body, or go back to all of them.
    Zoom,
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    PageUp,
    PageDown,
    New,
    Edit,
    Delete,
    Open,
    Back,
    Help,
    Toggle,
    Plan,
    Therapy,
    Reflect,
    // Inside the journal editor.
    Save,
    NextPrompt,
    Discard,
    /// Hand the draft to $VISUAL or $EDITOR and take the text back.
    ExternalEditor,
    /// Show (or hide) the crisis lines, from anywhere.
    Crisis,
    /// Say where you stand with sessions: in treatment, pausing, finished.
    Treatment,
    /// Put back what the last delete took away, within a short while.
    Undo,
    /// Go back to today (the habit grid).
    Today,
    /// Show the archived habits, or go back (the habits pane).
    Archived,
    /// Search the focused pane's words (`/`).
    Search,
    /// The match before the selected one, while a search shows (`N`);
    /// `New`'s key (`n`) goes to the next one then.
    PreviousMatch,
    /// Go to a day or a time (`:`).
    Jump,
    /// Narrow the journal to one of its `#tags` (`#`).
    Tags,
    /// A quick rating of the day, from any pane (`c`).
    CheckIn,
    /// Answer a questionnaire, from any pane (`Q`).
    Questionnaire,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    /// A key with no binding in the current mode: text for editors and forms.
    Key(KeyEvent),
    /// Pasted text (bracketed paste), inserted as one edit.
    Paste(String),
    /// A left click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        down: bool,
        column: u16,
        row: u16,
    },
    /// The clock moved on.
    Tick(DateTime<Utc>),
    Resize {
        width: u16,
        height: u16,
    },
    /// Fresh data from the store.
    Loaded(Box<Data>),
    /// A page of the journal, read for the journal pane's window.
    Entries(Box<super::data::EntryWindow>),
    /// The journal entries a search or a tag found, newest first.
    Found(super::effect::Sought, Vec<crate::domain::JournalEntry>),
    /// The keys of every entry a search or a tag found, newest first.
    FoundKeys(super::effect::Sought, Vec<super::effect::EntryKey>),
    /// An entry read whole to be shown (`None`: it is gone).
    EntryRead(Box<Option<crate::domain::JournalEntry>>),
    /// Every `#tag` in the journal, with how many entries carry it.
    Tags(Vec<(String, usize)>),
    /// A write went through; the message is shown briefly.
    Saved(String),
    /// What the undo held is back in the store; the message is shown.
    PutBackDone(String),
    /// A habit's day was ticked (`Some`) or cleared (`None`). Carries the
    /// change itself, so the app updates what it holds instead of reading
    /// the store again: a tick is the most frequent write and must paint
    /// at once.
    TickSaved {
        habit: crate::domain::HabitId,
        day: chrono::NaiveDate,
        tick: Option<crate::domain::Tick>,
        message: String,
    },
    /// A journal entry was stored and its draft cleared.
    EntrySaved,
    /// The questionnaires the shell loaded at start, and how many files
    /// could not be read.
    Questionnaires {
        list: Vec<crate::domain::questionnaire::Questionnaire>,
        problems: usize,
    },
    /// A questionnaire's answers were stored: the total, its band, and
    /// the help the total calls for (a severe band, or a rise).
    AnswersRecorded {
        total: i64,
        band: Option<String>,
        help: Option<crate::domain::questionnaire::Help>,
    },
    /// A check-in was saved (its mood: a low one is answered gently).
    CheckedIn {
        message: String,
        mood: crate::domain::Mood,
    },
    /// The check-in's day already has `first`, and nothing was saved: the
    /// person is asked whether to replace it or keep both.
    CheckInSameDay {
        first: Box<crate::domain::checkin::CheckIn>,
        rating: Box<super::checkin::Rating>,
    },
    /// Nothing changed; nothing to show.
    DraftStored,
    /// The editor's words were kept as a draft, where `DraftKept` says.
    DraftKept(crate::domain::draft::DraftKept),
    /// A write of the editor's draft found another program holding the
    /// file's write lock, and nothing was written: it is tried again
    /// shortly, and typing goes on meanwhile.
    DraftWaits,
    /// The editor's draft was thrown away; `false` when another editor had
    /// changed it since, so it stays with their words.
    DraftDropped(bool),
    /// A delete (or an archive) went through; what it took away, which
    /// `Command::Undo` can put back for a short while.
    Removed(Box<crate::domain::Removed>),
    /// A store error to show; the app keeps running.
    Failed(String),
    /// The file failed the check that runs beside the dashboard: it is
    /// shown as it is, and nothing may be written to it (the reason).
    ReadOnly(String),
    /// The person's own editor, handed the draft, has closed.
    EditorClosed(EditorOutcome),
    /// The analysis asked for by `Effect::Analyse` for the data's
    /// `generation`: the insights, or why they could not be read.
    Analysed {
        generation: u64,
        insights: Result<std::sync::Arc<crate::domain::insight::Insights>, String>,
    },
}

/// How handing the draft to $VISUAL or $EDITOR ended.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorOutcome {
    /// Neither is set; nothing was handed over.
    NoEditor,
    /// The editor closed cleanly: its text takes the draft's place.
    /// `leftover` is the private folder of the editor's copy when it could
    /// not be removed.
    Returned {
        text: String,
        leftover: Option<PathBuf>,
    },
    /// The draft stays exactly as it was. `why` says what went wrong, in
    /// plain words; `file` is where other words the editor saved were left.
    Kept { why: String, file: Option<PathBuf> },
}
