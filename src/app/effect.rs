//! Effects: what the dashboard asks of the world outside its state.
//!
//! `update` decides what should happen and returns effects; the shell
//! (`tui::effects::run`) carries them out through the use cases and
//! answers with an action. The app itself never names the store, so it
//! compiles and is tested without a database.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::draft::{Draft, DraftKey};
use crate::domain::habit::Schedule;
use crate::domain::session::NewSession;
use crate::domain::{HabitId, HabitKind, IntentionId, JournalId, SessionId, TherapyId};
use crate::domain::{Session, TreatmentStatus};

/// An entry's place in the journal's newest-first order: when it was
/// written, then its id (newer ids first among entries of one second).
pub type EntryKey = (DateTime<Utc>, JournalId);

/// Where in the journal a page is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryPage {
    /// The newest entries.
    Newest,
    /// The oldest entries.
    Oldest,
    /// The entries just older than this one.
    Older(EntryKey),
    /// The entries just newer than this one.
    Newer(EntryKey),
    /// This entry (or, gone, the next older) and those older than it: a
    /// window read again where it was.
    From(EntryKey),
    /// The newest entries written at or before this moment: a jump.
    Before(DateTime<Utc>),
}

/// What the journal pane looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sought {
    /// Entries holding every word (see `domain::search`).
    Words(String),
    /// Entries carrying the `#tag`.
    Tag(String),
    /// Entries carrying the `#tag` and holding every word: a search
    /// within a tag.
    Within { words: String, tag: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load what the dashboard shows: from `since` on, or all history.
    Reload {
        since: Option<DateTime<Utc>>,
    },
    /// Read `len` entries of the journal, newest first, at `page`: the
    /// journal pane holds a window of the whole list and moves it by pages
    /// (see `data::Data::entries`). Answered by `Action::Entries`.
    Entries {
        page: EntryPage,
        len: usize,
    },
    /// Find every journal entry that holds the words or carries the tag,
    /// newest first, as keys (all of them, however many); answered by
    /// `Action::FoundKeys`.
    Find(Sought),
    /// Read these found entries whole, a page of what was found; answered
    /// by `Action::Found`.
    ReadFound {
        sought: Sought,
        ids: Vec<JournalId>,
    },
    /// Read one entry whole, to show it; answered by `Action::EntryRead`.
    ReadEntry(JournalId),
    /// Read every `#tag` with its count; answered by `Action::Tags`.
    JournalTags,
    /// Reload only if another process changed the database.
    Poll {
        known_version: i64,
        since: Option<DateTime<Utc>>,
    },
    LogSession(NewSession),
    UpdateSession(Session),
    /// A planned session that has now happened.
    ConfirmPlanned(Session),
    DeleteSession(SessionId),
    /// A planned session that did not happen comes off the calendar.
    DropPlan(SessionId),
    AddTherapy {
        at: DateTime<Utc>,
        note: Option<String>,
    },
    DeleteTherapy(TherapyId),
    UpdateTherapy {
        id: TherapyId,
        at: DateTime<Utc>,
        note: Option<String>,
    },
    /// Keep the editor's words as its draft; `held` is the stored draft
    /// the editor holds, if any (see `Db::keep_draft`).
    SaveDraft {
        held: Option<DraftKey>,
        draft: Draft,
    },
    /// Save the editor's words as an entry and remove its draft `held`.
    CommitDraft {
        held: Option<DraftKey>,
        draft: Draft,
        session: Option<SessionId>,
        /// When a new entry is dated, if not now.
        written_at: Option<DateTime<Utc>>,
    },
    /// Throw the editor's draft away.
    DropDraft(DraftKey),
    DeleteEntry(JournalId),
    SetTick {
        habit: HabitId,
        day: NaiveDate,
        amount: Option<f64>,
    },
    RemoveTick {
        habit: HabitId,
        day: NaiveDate,
    },
    AddHabit {
        name: String,
        kind: HabitKind,
        schedule: Schedule,
        since: NaiveDate,
    },
    /// A new name and schedule, in one write.
    EditHabit {
        habit: HabitId,
        name: String,
        schedule: Schedule,
    },
    ArchiveHabit(HabitId),
    /// Back on the day's list, with its ticks.
    RestoreHabit(HabitId),
    SetIntention {
        session: Option<SessionId>,
        text: String,
    },
    UpdateIntention {
        id: IntentionId,
        text: String,
    },
    SetReflection {
        id: IntentionId,
        text: String,
    },
    DeleteIntention(IntentionId),
    /// The person says where they stand with sessions.
    SetTreatment {
        status: TreatmentStatus,
        note: Option<String>,
    },
    /// Save a check-in; with `SameDay::Ask` and a check-in already on its
    /// day, nothing is saved and the answer is `Action::CheckInSameDay`.
    CheckIn(Box<super::checkin::Rating>),
    /// Store the answers to a questionnaire (choices by position, in item
    /// order), dated `at`; answered by `Action::AnswersRecorded`.
    RecordAnswers {
        questionnaire: Box<crate::domain::questionnaire::Questionnaire>,
        choices: Vec<usize>,
        at: DateTime<Utc>,
    },
    /// Put back what a delete took away (the undo).
    PutBack(Box<crate::domain::Removed>),
    /// Hand `body` (the draft, already stored) to $VISUAL or $EDITOR with
    /// the terminal, and answer with [`Action::EditorClosed`].
    ExternalEdit {
        body: String,
    },
    /// Analyse the whole history for the Insights pane; answered by
    /// `Action::Analysed`. Asked once per change of the data, and carried
    /// out by the shell after the next paint, so that no frame and no key
    /// waits for it.
    Analyse(Analyse),
}

/// What the analysis follows: the settings' rules and the zone, and which
/// change of the data (`App::generation`) it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Analyse {
    pub generation: u64,
    pub zone: crate::zone::Zone,
    pub window: crate::domain::WindowConfig,
    pub plan: crate::domain::PlanConfig,
    pub course: crate::domain::CourseConfig,
    pub insight: crate::domain::insight::InsightConfig,
    /// The questionnaire files loaded at start, for their bands.
    pub questionnaires: std::sync::Arc<[crate::domain::questionnaire::Questionnaire]>,
}
