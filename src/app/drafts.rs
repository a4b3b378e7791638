//! Keeping the journal editor's words: each write asked for, the one that
//! waits while another program holds the file, and what came of them.

use chrono::{DateTime, Utc};

use super::effect::Effect;
use super::{App, Pending};
use crate::domain::journal::session_for_entry;

impl App {
    /// Saves the open editor as a journal entry with the given mood,
    /// dated `written_at` (now when `None`).
    pub(in crate::app) fn commit_entry(
        &mut self,
        mood: Option<crate::domain::Mood>,
        written_at: Option<DateTime<Utc>>,
    ) -> Vec<Effect> {
        let Some(ed) = self.panes.journal.editor_mut() else {
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
    pub(in crate::app) fn write_draft(&mut self, what: Pending) -> Vec<Effect> {
        self.pending = Some(what);
        if self.waiting && what == Pending::Save {
            return Vec::new();
        }
        self.draft_write().into_iter().collect()
    }

    /// The effect that carries out `pending`, from the editor as it is now.
    pub(in crate::app) fn draft_write(&mut self) -> Option<Effect> {
        let what = self.pending?;
        let dialog_open = self.form.is_some();
        let now = self.now;
        let Some(ed) = self.panes.journal.editor() else {
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
    pub(in crate::app) fn settled(&mut self) {
        self.pending = None;
        self.waiting = false;
        self.quit_asked = false;
        self.told = None;
    }

    /// The editor's words are kept, where `kept` says.
    pub(in crate::app) fn draft_kept(
        &mut self,
        kept: crate::domain::draft::DraftKept,
    ) -> Vec<Effect> {
        let was_waiting = self.waiting;
        let what = self.pending;
        self.settled();
        let now = self.now;
        let Some(ed) = self.panes.journal.editor_mut() else {
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
        if what == Some(Pending::Close) {
            self.panes.journal.close_editor();
            let text = super::words::draft_kept_on_close(&self.settings.keys, kept.apart);
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
    pub(in crate::app) fn draft_waits(&mut self) -> Vec<Effect> {
        self.waiting = true;
        if let Some(ed) = self.panes.journal.editor_mut() {
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
    pub(in crate::app) fn forget_draft(&mut self, slot: i64) {
        self.data.drafts.retain(|s| s.key.slot != slot);
    }

    /// The entry open in the editor was deleted or replaced behind it (by
    /// another afterglow, or a restore): the stored draft no longer points
    /// at it, and its id may already belong to another entry. Saving would
    /// write over that one, so the words go on as a new entry instead.
    pub(in crate::app) fn keep_an_orphaned_edit(&mut self) -> Option<Effect> {
        let ed = self.panes.journal.editor()?;
        let held = ed.kept?;
        ed.editing?;
        let stored = self.data.drafts.iter().find(|s| s.key.slot == held.slot)?;
        // The entry's deletion set the stored draft's link to NULL. A draft
        // that is gone altogether (saved or thrown away in another window)
        // is left to the next save, which keeps the words apart.
        if stored.draft.editing.is_some() {
            return None;
        }
        if let Some(ed) = self.panes.journal.editor_mut() {
            ed.editing = None;
            ed.unkept = true;
        }
        self.note(
            "That entry changed elsewhere; your words will be saved as a new entry.",
            false,
        );
        self.write_draft(Pending::Save).into_iter().next()
    }
}
