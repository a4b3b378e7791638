//! What a delete took away, held for a short while so that it can be put
//! back exactly as it was (the dashboard's undo).
//!
//! Each delete reads, inside its own transaction, the row it removes and
//! every other row the removal changes (a link set to nothing by a foreign
//! key, an intention the store marks replaced), and answers them as a
//! [`Removed`]. `Db::put_back` writes them back in one transaction. The
//! types live here, not in the store, so that the dashboard's state can
//! hold one without naming the store.

use chrono::{DateTime, Utc};

use super::draft::DraftKey;
use super::{
    EarlierReflection, Habit, Intention, IntentionId, JournalEntry, JournalId, Session, SessionId,
    TherapyVisit,
};

/// One level of undo: what the last delete took away.
#[derive(Debug, Clone, PartialEq)]
pub enum Removed {
    Session(RemovedSession),
    Entry(RemovedEntry),
    Therapy(TherapyVisit),
    Intention(RemovedIntention),
    /// Archived, not deleted: putting it back shows it in the list again.
    Habit(Habit),
}

impl Removed {
    /// What a person calls it, at the start of a sentence: "Entry".
    pub fn noun(&self) -> &'static str {
        match self {
            Removed::Session(s) if s.session.status == super::SessionStatus::Planned => {
                "Planned session"
            }
            Removed::Session(_) => "Session",
            Removed::Entry(_) => "Entry",
            Removed::Therapy(_) => "Therapy visit",
            Removed::Intention(_) => "Intention",
            Removed::Habit(_) => "Habit",
        }
    }
}

/// A deleted session, and what its deletion changed around it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedSession {
    pub session: Session,
    /// Intentions whose session or replacement the delete changed, as they
    /// were before it.
    pub intentions: Vec<IntentionBefore>,
    /// Journal entries that were linked to it (the delete unlinked them).
    pub entries: Vec<JournalId>,
}

/// An intention a session's delete changed: the session it was for (the
/// deleted one, or none) and when it was marked replaced, before the
/// delete; and the mark the delete left, so that an intention changed
/// again since is left as that later change made it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntentionBefore {
    pub id: IntentionId,
    pub session: Option<SessionId>,
    pub replaced_at: Option<DateTime<Utc>>,
    pub replaced_after: Option<DateTime<Utc>>,
}

/// A deleted journal entry, and the drafts that were editing it (their
/// link was set to nothing; the key is the revision the delete left).
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedEntry {
    pub entry: JournalEntry,
    pub drafts: Vec<DraftKey>,
}

/// A deleted intention with its earlier reflections, each with the row id
/// it had, in the order of `intention.earlier_reflections`.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedIntention {
    pub intention: Intention,
    pub earlier: Vec<(i64, EarlierReflection)>,
}
