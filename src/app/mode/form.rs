//! Form mode: a dialog with fields is open.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::App;
use super::super::effect::Effect;
use super::super::form::{Answers, Confirm, ConfirmAction};
use super::super::submit;

impl App {
    pub(in crate::app) fn form_key(&mut self, key: KeyEvent) -> Vec<Effect> {
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
                    self.close_form();
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

    /// Closes the dialog unsaved, and with it the status line's word about
    /// its refused write, which would otherwise stay on after it.
    pub(in crate::app) fn close_form(&mut self) {
        if let Some(said) = self.form.take().and_then(|f| f.failed)
            && self
                .status
                .as_ref()
                .is_some_and(|s| s.error && s.text == said)
        {
            self.status = None;
        }
    }

    pub(in crate::app) fn submit_form(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match submit::submit(form, &self.data, self.now, &self.zone, &self.settings.keys) {
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
    pub(in crate::app) fn confirm_planned(&self, effect: Effect) -> Effect {
        use crate::domain::SessionStatus;
        use crate::domain::session::{confirming, planned_match};
        match effect {
            Effect::LogSession(new) if new.status == SessionStatus::Done => {
                match planned_match(&self.data.sessions, new.at, &self.zone) {
                    Some(p) => Effect::ConfirmPlanned(confirming(
                        p,
                        new.at,
                        Some(new.kind),
                        new.dose_mg,
                        new.note,
                    )),
                    None => Effect::LogSession(new),
                }
            }
            other => other,
        }
    }
}
