//! Journal entries: write, edit, delete, and the dashboard editor's draft.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Result, gone};
use crate::domain::draft::{Draft, DraftKept, DraftKey};
use crate::domain::journal::session_for_entry;
use crate::domain::value::{Past, Text};
use crate::domain::{JournalEntry, JournalId, Mood, Removed, SessionId, WindowConfig};
use crate::store::{Db, EntryRewrite, NewEntry};

/// Saves a new entry dated `at`, linked to the session whose window it
/// falls in.
pub fn write(
    db: &mut Db,
    body: Text,
    mood: Option<Mood>,
    at: Past,
    window: &WindowConfig,
) -> Result<JournalEntry> {
    let sessions = db.sessions()?;
    let session = session_for_entry(&sessions, at.get(), window);
    Ok(db.add_entry(&NewEntry {
        written_at: at.get(),
        body: body.into_string(),
        mood,
        session,
    })?)
}

/// What editing an entry did.
#[derive(Debug, Clone, PartialEq)]
pub enum Edited {
    Saved(JournalEntry),
    /// Someone changed the entry after it was read here: it stays as
    /// they left it, and these words are kept as a draft for a new entry
    /// (the dashboard offers it when its journal editor opens).
    ChangedMeanwhile {
        draft: DraftKey,
    },
    /// A dashboard's journal editor holds unsaved changes to the entry,
    /// which it would save over these words: the entry is left alone, and
    /// these words are kept as a draft for a new entry.
    OpenElsewhere {
        draft: DraftKey,
    },
}

/// Rewrites the entry `seen` (as it was read before editing began), unless
/// it has changed since (see `Db::update_entry_unless_changed`).
pub fn edit(
    db: &mut Db,
    seen: &JournalEntry,
    body: Text,
    mood: Option<Mood>,
    now: DateTime<Utc>,
) -> Result<Edited> {
    match db.update_entry_unless_changed(seen, body.as_str(), mood, now)? {
        EntryRewrite::Saved => {
            let entry = db
                .entry(seen.id)?
                .ok_or_else(|| gone("journal entry", seen.id.0))?;
            Ok(Edited::Saved(entry))
        }
        EntryRewrite::ChangedMeanwhile(draft) => Ok(Edited::ChangedMeanwhile { draft }),
        EntryRewrite::OpenElsewhere(draft) => Ok(Edited::OpenElsewhere { draft }),
    }
}

/// Deletes an entry; answers with what was deleted, which
/// `undo::put_back` puts back.
pub fn delete(db: &mut Db, id: JournalId) -> Result<Removed> {
    Ok(Removed::Entry(db.delete_entry(id)?))
}

/// Keeps the editor's words as its draft (a compare-and-swap on `held`;
/// see `Db::keep_draft`), waiting at most `wait` for the write lock.
pub fn keep_draft(
    db: &mut Db,
    held: Option<DraftKey>,
    draft: &Draft,
    wait: Duration,
) -> Result<DraftKept> {
    Ok(db.keep_draft_within(held, draft, wait)?)
}

/// Saves the editor's words as an entry dated `written_at` (now when
/// `None`; never later than now) and removes its draft `held`.
pub fn commit_draft(
    db: &mut Db,
    draft: &Draft,
    held: Option<DraftKey>,
    session: Option<SessionId>,
    written_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    wait: Duration,
) -> Result<JournalEntry> {
    let at = Past::new(written_at.unwrap_or(now), now)?;
    Ok(db.commit_draft_within(draft, held, session, at.get(), now, wait)?)
}

/// Throws the editor's draft away; false when another editor had changed
/// it since, and it stays.
pub fn drop_draft(db: &mut Db, held: DraftKey, wait: Duration) -> Result<bool> {
    Ok(db.drop_draft_within(held, wait)?)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn two_editors_never_write_over_each_other() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let mut db = Db::open_in_memory().unwrap();
        let text = |s: &str| Text::new("the entry", s).unwrap();
        let window = WindowConfig::default();
        let at = Past::new(now, now).unwrap();
        let entry = write(&mut db, text("first words"), None, at, &window).unwrap();
        // Two editors read the same entry; the first saves.
        let later = now + TimeDelta::minutes(1);
        let first = edit(&mut db, &entry, text("mine"), None, later).unwrap();
        assert!(matches!(&first, Edited::Saved(e) if e.body == "mine"));
        // The second, still holding what it read, is not let through.
        let second = edit(&mut db, &entry, text("theirs"), None, later).unwrap();
        let Edited::ChangedMeanwhile { draft } = second else {
            panic!("{second:?}");
        };
        assert_eq!(db.entry(entry.id).unwrap().unwrap().body, "mine");
        let kept = db.drafts().unwrap();
        assert!(
            kept.iter()
                .any(|d| d.key == draft && d.draft.body == "theirs")
        );
        // An entry open in a dashboard editor is not written under it.
        let seen = db.entry(entry.id).unwrap().unwrap();
        let open = Draft {
            editing: Some(entry.id),
            body: "mine, still typing".into(),
            mood: None,
            cursor: 0,
            saved_at: later,
        };
        db.keep_draft(None, &open).unwrap();
        let third = edit(&mut db, &seen, text("a third"), None, later).unwrap();
        assert!(matches!(third, Edited::OpenElsewhere { .. }), "{third:?}");
        assert_eq!(db.entry(entry.id).unwrap().unwrap().body, "mine");
        delete(&mut db, entry.id).unwrap();
        assert!(delete(&mut db, entry.id).is_err());
    }
}
