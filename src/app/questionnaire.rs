//! A questionnaire answered in the dashboard (`Q` from any pane): choose
//! one of those the shell loaded, then item by item. A safety answer above
//! the lowest choice shows the care help at once, as its own screen,
//! before the next item and before any score; after the last item, the
//! total and band, and the same help first when the total calls for it
//! (`domain::questionnaire::after_total`).

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use super::effect::Effect;
use super::form::{Answers, Confirm, ConfirmAction};
use crate::domain::questionnaire::{self, Help, Questionnaire};

/// Where the person is in a questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Choosing which questionnaire; the cursor on the list.
    Choose,
    /// Answering item `n` (from 0).
    Item(usize),
    /// The care help, before going on `to`.
    Help { help: Help, then: Then },
    /// The answers are on their way to the store.
    Saving,
    /// Saving failed: Enter tries again, Esc asks before leaving.
    Failed(String),
    /// The total and its band.
    Done {
        total: i64,
        most: i64,
        band: Option<String>,
    },
}

/// Where the help leads once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// The next item (from 0), or the saving when there is none.
    Item(usize),
    /// The total.
    Total,
}

/// A questionnaire being answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Asking {
    /// What the shell loaded; the one chosen is `list[chosen]`.
    pub list: Vec<Questionnaire>,
    pub chosen: usize,
    pub step: Step,
    /// The choices so far, by position (from 0), in item order.
    pub answers: Vec<usize>,
    /// The highlighted row: a questionnaire, or a choice.
    pub cursor: usize,
    /// When answering began: the result is dated then.
    pub began: DateTime<Utc>,
    /// The total waiting behind the help.
    pending: Option<Step>,
}

impl Asking {
    pub fn questionnaire(&self) -> Option<&Questionnaire> {
        self.list.get(self.chosen)
    }

    /// How many rows the cursor moves among.
    fn rows(&self) -> usize {
        match self.step {
            Step::Choose => self.list.len(),
            Step::Item(_) => self.questionnaire().map_or(0, |q| q.choices.len()),
            _ => 0,
        }
    }

    /// The highest total the chosen questionnaire allows.
    fn most(&self) -> i64 {
        self.questionnaire().map_or(0, |q| {
            let top = q.choices.iter().map(|c| c.score).max().unwrap_or(0);
            top.saturating_mul(i64::try_from(q.items.len()).unwrap_or(0))
        })
    }
}

/// The effect that stores the answers.
fn record(a: &Asking) -> Vec<Effect> {
    match a.questionnaire() {
        Some(q) => vec![Effect::RecordAnswers {
            questionnaire: Box::new(q.clone()),
            choices: a.answers.clone(),
            at: a.began,
        }],
        None => Vec::new(),
    }
}

impl App {
    /// What the shell loaded at start; any file problems are said once,
    /// calmly, and never stop anything.
    pub(in crate::app) fn questionnaires_loaded(
        &mut self,
        list: Vec<Questionnaire>,
        problems: usize,
    ) -> Vec<Effect> {
        self.questionnaires = list.into();
        if problems > 0 {
            // Whole on a 60-column screen, beside the crisis key: no room
            // for the command that says why (`afterglow questionnaire
            // list`, named in the chooser's own words instead).
            let said = if problems == 1 {
                "A questionnaire file did not load."
            } else {
                "Some questionnaire files did not load."
            };
            self.note(said, false);
        }
        Vec::new()
    }

    /// Opens the chooser (`Q`).
    pub(in crate::app) fn open_questionnaire(&mut self) -> Vec<Effect> {
        if self.read_only.is_some() {
            self.note(super::words::READ_ONLY, true);
            return Vec::new();
        }
        if self.questionnaires.is_empty() {
            self.note("No questionnaires are loaded.", false);
            return Vec::new();
        }
        self.asking = Some(Asking {
            list: self.questionnaires.to_vec(),
            chosen: 0,
            step: Step::Choose,
            answers: Vec::new(),
            cursor: 0,
            began: self.now,
            pending: None,
        });
        Vec::new()
    }

    pub(in crate::app) fn questionnaire_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(a) = self.asking.as_mut() else {
            return Vec::new();
        };
        match a.step.clone() {
            Step::Help { then, .. } => {
                // Any key goes on: the help was read.
                return match then {
                    Then::Item(next) => self.next_item(next),
                    Then::Total => {
                        if let Some(a) = self.asking.as_mut() {
                            a.step = a.pending.take().unwrap_or(Step::Saving);
                        }
                        Vec::new()
                    }
                };
            }
            Step::Saving => return Vec::new(),
            Step::Done { .. } => {
                self.asking = None;
                return Vec::new();
            }
            Step::Failed(_) => {
                return match key.code {
                    KeyCode::Enter => {
                        a.step = Step::Saving;
                        record(a)
                    }
                    KeyCode::Esc => self.leave_questionnaire(),
                    _ => Vec::new(),
                };
            }
            Step::Choose | Step::Item(_) => {}
        }
        let rows = a.rows();
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            // As in a dialog: Ctrl-c leaves, asking first when answers
            // would go with it.
            return self.leave_questionnaire();
        }
        let picked = match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                a.cursor = a.cursor.saturating_sub(1);
                None
            }
            KeyCode::Down | KeyCode::Char('j') => {
                a.cursor = (a.cursor + 1).min(rows.saturating_sub(1));
                None
            }
            KeyCode::Enter => Some(a.cursor),
            KeyCode::Char(c) => c
                .to_digit(10)
                .and_then(|d| usize::try_from(d).ok())
                .filter(|d| (1..=rows).contains(d))
                .map(|d| d - 1),
            KeyCode::Esc => return self.leave_questionnaire(),
            _ => None,
        };
        match (picked, a.step.clone()) {
            (Some(row), Step::Choose) => {
                a.chosen = row;
                a.began = self.now;
                self.next_item(0)
            }
            (Some(choice), Step::Item(item)) => self.answer_item(item, choice),
            _ => Vec::new(),
        }
    }

    /// Item `item` answered with `choice`: a safety answer above the
    /// lowest choice shows the help now, before anything else.
    fn answer_item(&mut self, item: usize, choice: usize) -> Vec<Effect> {
        let Some(a) = self.asking.as_mut() else {
            return Vec::new();
        };
        a.answers.truncate(item);
        a.answers.push(choice);
        let help = a
            .questionnaire()
            .and_then(|q| questionnaire::safety_reply(q, item, choice));
        match help {
            Some(help) => {
                a.step = Step::Help {
                    help,
                    then: Then::Item(item + 1),
                };
                Vec::new()
            }
            None => self.next_item(item + 1),
        }
    }

    /// Item `next`, or the saving after the last.
    fn next_item(&mut self, next: usize) -> Vec<Effect> {
        let Some(a) = self.asking.as_mut() else {
            return Vec::new();
        };
        a.cursor = 0;
        let items = a.questionnaire().map_or(0, |q| q.items.len());
        if next < items {
            a.step = Step::Item(next);
            return Vec::new();
        }
        a.step = Step::Saving;
        record(a)
    }

    /// Esc: with answers given, asks before they are thrown away.
    fn leave_questionnaire(&mut self) -> Vec<Effect> {
        let answered = self.asking.as_ref().is_some_and(|a| !a.answers.is_empty());
        if answered {
            self.confirm = Some(Confirm {
                question: "Leave this questionnaire?".into(),
                detail: "The answers given so far will be gone; nothing is saved.".into(),
                on_yes: ConfirmAction::LeaveQuestionnaire,
                answers: Answers::YES_NO,
            });
        } else {
            self.asking = None;
        }
        Vec::new()
    }

    /// The answers are stored: the help first when the total calls for
    /// it, then the total and band.
    pub(in crate::app) fn answers_recorded(
        &mut self,
        total: i64,
        band: Option<String>,
        help: Option<Help>,
    ) -> Vec<Effect> {
        let Some(a) = self.asking.as_mut() else {
            return vec![self.reload()];
        };
        let done = Step::Done {
            total,
            most: a.most(),
            band,
        };
        match help {
            Some(help) => {
                a.pending = Some(done);
                a.step = Step::Help {
                    help,
                    then: Then::Total,
                };
            }
            None => a.step = done,
        }
        self.note("Your answers are saved.", false);
        vec![self.reload()]
    }

    /// A failed save while answering: the answers stay, to try again.
    pub(in crate::app) fn answers_failed(&mut self, msg: &str) -> bool {
        match self.asking.as_mut() {
            Some(a) if a.step == Step::Saving => {
                a.step = Step::Failed(msg.to_string());
                true
            }
            _ => false,
        }
    }
}
