//! Confirm mode: a yes/no question is open.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::effect::Effect;
use super::super::form::ConfirmAction;
use super::super::{App, Pending};

impl App {
    pub(in crate::app) fn confirm_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Only `y` says yes: a reflexive Enter must never delete anything.
        let yes_key = self.confirm.as_ref().map_or('y', |c| c.answers.yes_key);
        let yes = matches!(key.code, KeyCode::Char(c) if c.eq_ignore_ascii_case(&yes_key));
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
    pub(in crate::app) fn answer(&mut self, action: ConfirmAction) -> Vec<Effect> {
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
                self.close_form();
                Vec::new()
            }
            ConfirmAction::LeaveQuestionnaire => {
                self.asking = None;
                Vec::new()
            }
            ConfirmAction::CheckIn(rating) => {
                self.awaiting = true;
                vec![Effect::CheckIn(rating)]
            }
            ConfirmAction::OpenForm(form) => {
                self.form = Some(*form);
                Vec::new()
            }
            ConfirmAction::DiscardDraft => {
                let kept = self.panes.journal.editor().and_then(|ed| ed.kept);
                self.panes.journal.close_editor();
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
}
