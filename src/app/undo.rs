//! Undo: for a short while after a delete (or an archive), the undo key
//! puts back what it took away. One level: a second delete takes the
//! first one's place. The question before a delete stays; the undo is for
//! the moment after, when a person sees they chose the wrong row.

use chrono::{DateTime, TimeDelta, Utc};

use super::App;
use super::effect::Effect;
use super::keymap::Keymap;
use crate::domain::Removed;

/// How long after a delete the undo key puts it back.
pub const UNDO_SECONDS: i64 = 30;

/// What the last delete took away, and until when it can be put back.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub removed: Removed,
    pub until: DateTime<Utc>,
    /// The quit key was pressed once while this could still be put back,
    /// and the status line said so: the next one quits.
    pub quit_told: bool,
}

/// The line under a question before a delete.
pub fn undo_detail(keys: &Keymap) -> String {
    format!(
        "For {UNDO_SECONDS} seconds afterwards, {} puts it back.",
        keys.label("undo")
    )
}

/// The status line when the quit key is pressed while a delete can still
/// be put back: quitting would make it final.
pub fn quit_note(keys: &Keymap, removed: &Removed) -> String {
    let done = if matches!(removed, Removed::Habit(_)) {
        "archived"
    } else {
        "deleted"
    };
    format!(
        "{} still puts back the {} you {done}; {} again quits",
        keys.label("undo"),
        removed.noun().to_lowercase(),
        keys.label("quit")
    )
}

/// The status line after a delete: what went, and the key that brings it
/// back. Short enough for an 80-column status line.
pub fn removed_note(keys: &Keymap, removed: &Removed) -> String {
    let key = keys.label("undo");
    match removed {
        Removed::Session(s) if s.session.status == crate::domain::SessionStatus::Planned => {
            format!("Taken off your calendar · {key} puts it back")
        }
        Removed::Session(_) => format!("Session deleted · {key} undoes it. Entries are kept."),
        Removed::Habit(_) => format!("Habit archived · {key} undoes it. History is kept."),
        other => format!("{} deleted · {key} undoes it", other.noun()),
    }
}

impl App {
    /// A delete went through: say so, with the undo key, for as long as
    /// the undo lasts, and keep what went in place of anything before.
    pub(in crate::app) fn removed(&mut self, removed: Removed) -> Vec<Effect> {
        if std::mem::take(&mut self.awaiting) {
            self.form = None;
        }
        let until = self
            .now
            .checked_add_signed(TimeDelta::seconds(UNDO_SECONDS))
            .unwrap_or(self.now);
        self.note_for(
            removed_note(&self.settings.keys, &removed),
            false,
            UNDO_SECONDS,
        );
        self.undo = Some(Undo {
            removed,
            until,
            quit_told: false,
        });
        vec![self.reload()]
    }

    /// The undo key: puts back the last delete while it is recent.
    pub(in crate::app) fn undo(&mut self) -> Vec<Effect> {
        match &self.undo {
            Some(u) if self.now < u.until => {
                if self.read_only.is_some() {
                    self.note(super::words::READ_ONLY, true);
                    return Vec::new();
                }
                // The slot keeps what was deleted until the store says it
                // is back (`put_back_done`): a put-back that fails (the
                // file busy, a session since at that minute) leaves it to
                // try again, never lost.
                vec![Effect::PutBack(Box::new(u.removed.clone()))]
            }
            _ => {
                self.undo = None;
                self.note("Nothing to undo just now.", false);
                Vec::new()
            }
        }
    }

    /// The quit key while a delete can still be put back: the first time,
    /// says so and stays (true); after that, or with nothing to put back,
    /// lets the quit go on (false). Ctrl-c never asks.
    pub(in crate::app) fn quit_would_end_an_undo(&mut self) -> bool {
        let now = self.now;
        let Some(u) = self.undo.as_mut().filter(|u| now < u.until && !u.quit_told) else {
            return false;
        };
        u.quit_told = true;
        let text = quit_note(&self.settings.keys, &u.removed);
        self.note(text, false);
        true
    }

    /// The store put back what the undo held: the slot is empty now.
    pub(in crate::app) fn put_back_done(&mut self, message: String) -> Vec<Effect> {
        self.undo = None;
        self.note(message, false);
        vec![self.reload()]
    }

    /// What the undo key would put back now, if anything.
    pub fn undoable(&self) -> Option<&Removed> {
        self.undo
            .as_ref()
            .filter(|u| self.now < u.until)
            .map(|u| &u.removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::BINDINGS;
    use crate::domain::{TherapyId, TherapyVisit};

    #[test]
    fn the_words_name_the_undo_key_in_effect_and_its_time() {
        let row = BINDINGS.iter().find(|b| b.name == "undo").unwrap();
        assert!(row.help.contains(&format!("{UNDO_SECONDS} seconds")));
        assert!(undo_detail(&Keymap::default()).contains(&format!("{UNDO_SECONDS} seconds")));
        let keys = Keymap::with_overrides(&[crate::app::keymap::Override {
            name: "undo".into(),
            keys: vec!["Ctrl-z".parse().unwrap()],
        }])
        .unwrap();
        let visit = Removed::Therapy(TherapyVisit {
            id: TherapyId(1),
            at: chrono::DateTime::UNIX_EPOCH,
            note: None,
        });
        assert_eq!(
            removed_note(&keys, &visit),
            "Therapy visit deleted · Ctrl-z undoes it"
        );
        assert!(undo_detail(&keys).contains("Ctrl-z puts it back"));
    }
}
