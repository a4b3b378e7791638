//! Small dialogs with one or more fields: log a session, name a habit,
//! type an amount, set an intention.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::editor::TextEditor;

#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// Free text on one line.
    Text(TextEditor),
    /// One of a few fixed choices, changed with Left/Right.
    Choice {
        options: Vec<&'static str>,
        index: usize,
    },
}

/// The labels of fields that hold a person's own words.
const WORDS: &[&str] = &["Intention", "Reflection", "Note"];

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub hint: &'static str,
    pub value: FieldValue,
    /// What the field held when the dialog opened.
    pub initial: String,
}

impl Field {
    pub fn text(label: &'static str, hint: &'static str, initial: &str) -> Field {
        Field {
            label,
            hint,
            value: FieldValue::Text(TextEditor::new(initial, initial.len())),
            initial: initial.trim().to_string(),
        }
    }

    pub fn choice(label: &'static str, options: Vec<&'static str>, index: usize) -> Field {
        let index = index.min(options.len().saturating_sub(1));
        let initial = options.get(index).copied().unwrap_or("").to_string();
        Field {
            label,
            hint: "Left/Right to change",
            value: FieldValue::Choice { options, index },
            initial,
        }
    }

    /// The field's current text (the chosen option for choices).
    pub fn get(&self) -> String {
        match &self.value {
            FieldValue::Text(e) => e.text().trim().to_string(),
            FieldValue::Choice { options, index } => {
                options.get(*index).copied().unwrap_or("").to_string()
            }
        }
    }
}

/// What submitting a form should do; carried through so `update` knows.
#[derive(Debug, Clone, PartialEq)]
pub enum FormPurpose {
    LogSession,
    PlanSession,
    EditSession(crate::domain::SessionId),
    Therapy,
    NewHabit,
    RenameHabit(crate::domain::HabitId),
    Amount {
        habit: crate::domain::HabitId,
        day: chrono::NaiveDate,
    },
    Intention(Option<crate::domain::SessionId>),
    EditIntention(crate::domain::IntentionId),
    Reflection(crate::domain::IntentionId),
    /// The mood question after saving a journal entry.
    Mood,
    /// Where the person stands with sessions.
    Treatment,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub purpose: FormPurpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last submit was refused; the typed text stays.
    pub error: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, purpose: FormPurpose, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// Whether the dialog holds words the person wrote (an intention, a
    /// reflection, a session's or a visit's note) that Esc should not throw
    /// away without asking. Times, amounts and names are quick to type again
    /// and Esc leaves them at once.
    pub fn holds_writing(&self) -> bool {
        self.fields
            .iter()
            .any(|f| WORDS.contains(&f.label) && f.get() != f.initial)
    }

    pub fn value(&self, i: usize) -> String {
        self.fields.get(i).map(Field::get).unwrap_or_default()
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Left/Right on a choice field.
    pub fn cycle(&mut self, forward: bool) -> bool {
        match self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            Some(FieldValue::Choice { options, index }) => {
                let n = options.len().max(1);
                *index = if forward {
                    (*index + 1) % n
                } else {
                    (*index + n - 1) % n
                };
                true
            }
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(FieldValue::Text(e)) = self.fields.get_mut(self.focus).map(|f| &mut f.value) {
            e.insert(&text.replace(['\n', '\r'], " "));
        }
    }

    /// Typing into the focused text field.
    pub fn key(&mut self, key: &KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.value {
            FieldValue::Text(e) => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    e.insert(c.encode_utf8(&mut [0; 4]));
                }
                KeyCode::Backspace => e.backspace(),
                KeyCode::Delete => e.delete(),
                KeyCode::Left => e.left(),
                KeyCode::Right => e.right(),
                KeyCode::Home => e.home(),
                KeyCode::End => e.end(),
                _ => {}
            },
            FieldValue::Choice { .. } => match key.code {
                KeyCode::Left => {
                    self.cycle(false);
                }
                KeyCode::Right | KeyCode::Char(' ') => {
                    self.cycle(true);
                }
                _ => {}
            },
        }
    }
}

/// A question before something that cannot be undone: `y` for yes, `n`
/// or Esc for no, and sometimes a third answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub detail: String,
    pub on_yes: ConfirmAction,
    pub answers: Answers,
}

/// What the answer keys say, and the third answer if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub yes: &'static str,
    pub no: &'static str,
    /// A third key, its words and what it does.
    pub other: Option<(char, &'static str, ConfirmAction)>,
}

impl Answers {
    pub const YES_NO: Answers = Answers {
        yes: "yes",
        no: "no",
        other: None,
    };
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmAction {
    DeleteSession(crate::domain::SessionId),
    DeleteTherapy(crate::domain::TherapyId),
    DeleteEntry(crate::domain::JournalId),
    ArchiveHabit(crate::domain::HabitId),
    DeleteIntention(crate::domain::IntentionId),
    DiscardDraft,
    /// Close a dialog that holds unsaved writing.
    CloseForm,
    /// A planned session whose time passed did happen: log it as done at
    /// its planned time.
    LogPlanned(crate::domain::SessionId),
    /// It did not: take it off the calendar.
    DropPlan(crate::domain::SessionId),
    /// Open a dialog, once the person agreed (a new intention in place of
    /// the one a session holds).
    OpenForm(Box<Form>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_choices_and_focus() {
        let mut f = Form::new(
            "Log",
            FormPurpose::LogSession,
            vec![
                Field::text("When", "", "now"),
                Field::choice("Kind", vec!["infusion", "lozenge"], 0),
            ],
        );
        f.key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        f.key(&KeyEvent::new(KeyCode::Char('🌱'), KeyModifiers::NONE));
        assert_eq!(f.value(0), "no🌱");
        f.next_field();
        f.key(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.value(1), "lozenge");
        f.next_field();
        assert_eq!(f.focus, 0);
        f.paste("a\nb");
        assert_eq!(f.value(0), "no🌱a b");
    }
}
