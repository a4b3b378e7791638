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

/// What a field is, by name: submitting reads fields by these, never by
/// their place in the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    When,
    Kind,
    Dose,
    Note,
    Status,
    /// Where the person stands with sessions.
    Standing,
    HabitName,
    Target,
    /// Daily, or some days a week.
    Schedule,
    Amount,
    Intention,
    Reflection,
    Mood,
    /// A check-in's anxiety, 0 to 10 or not given.
    Anxiety,
    /// A check-in's energy, 0 to 10 or not given.
    Energy,
}

impl Name {
    /// The label the dialog shows.
    pub fn label(self) -> &'static str {
        match self {
            Name::When => "When",
            Name::Kind => "Kind",
            Name::Dose => "Dose (mg)",
            Name::Note => "Note",
            Name::Status => "Status",
            Name::Standing => "Sessions",
            Name::HabitName => "Name",
            Name::Target => "Daily target",
            Name::Schedule => "How often",
            Name::Amount => "Amount",
            Name::Intention => "Intention",
            Name::Reflection => "Reflection",
            Name::Mood => "Mood",
            Name::Anxiety => "Anxiety",
            Name::Energy => "Energy",
        }
    }

    /// Whether the field's choices are a numeric scale (a check-in's mood,
    /// anxiety, energy): Left/Right stop at its ends rather than wrap, so
    /// that holding Left for "very low" never comes round to 10.
    fn is_scale(self) -> bool {
        matches!(self, Name::Mood | Name::Anxiety | Name::Energy)
    }

    /// Whether the field holds a person's own words.
    fn is_writing(self) -> bool {
        matches!(self, Name::Intention | Name::Reflection | Name::Note)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub label: &'static str,
    pub hint: &'static str,
    pub value: FieldValue,
    /// What the field held when the dialog opened.
    pub initial: String,
    /// A value the dialog filled in (`now`, a stored time, a number) that
    /// the person has not touched yet: the first character typed (or a
    /// paste) replaces it, while Left, Right, Home, End, Backspace and
    /// Delete keep it to edit. A time field's word (`now`) is replaced by
    /// typing even after the cursor moved; only Backspace and Delete edit it. Fields of one's own words (an intention, a
    /// reflection, a note) never start so: typing adds to them.
    pub fresh: bool,
}

impl Field {
    pub fn text(name: Name, hint: &'static str, initial: &str) -> Field {
        Field {
            name,
            label: name.label(),
            hint,
            value: FieldValue::Text(TextEditor::new(initial, initial.len())),
            initial: initial.trim().to_string(),
            fresh: !name.is_writing() && !initial.trim().is_empty(),
        }
    }

    pub fn choice(name: Name, options: Vec<&'static str>, index: usize) -> Field {
        let index = index.min(options.len().saturating_sub(1));
        let initial = options.get(index).copied().unwrap_or("").to_string();
        Field {
            name,
            label: name.label(),
            hint: "Left/Right to change",
            value: FieldValue::Choice { options, index },
            initial,
            fresh: false,
        }
    }

    /// A time field the dialog filled in with a word (`now`), not with a
    /// time: it stays to be replaced until it is erased into or typed over.
    fn holds_a_word(&self) -> bool {
        self.name == Name::When
            && !self.initial.is_empty()
            && self.initial.chars().all(char::is_alphabetic)
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
    EditTherapy(crate::domain::TherapyId),
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
    /// A quick rating of the day (`app::checkin`).
    CheckIn,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub purpose: FormPurpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last submit was refused; the typed text stays.
    pub error: Option<String>,
    /// What a refused write of this dialog put in the status line, taken
    /// away with the dialog so that it does not outlast it.
    pub failed: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, purpose: FormPurpose, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            error: None,
            failed: None,
        }
    }

    /// Whether the dialog holds words the person wrote (an intention, a
    /// reflection, a session's or a visit's note) that Esc should not throw
    /// away without asking. Times, amounts and names are quick to type again
    /// and Esc leaves them at once.
    pub fn holds_writing(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.name.is_writing() && f.get() != f.initial)
    }

    /// The field called `name`, if the dialog has one.
    pub fn field(&self, name: Name) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The text of the field called `name` (empty when there is none).
    pub fn get(&self, name: Name) -> String {
        self.field(name).map(Field::get).unwrap_or_default()
    }

    /// Whether the field called `name` still holds what it opened with.
    pub fn untouched(&self, name: Name) -> bool {
        self.field(name).is_some_and(|f| f.get() == f.initial)
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Left/Right on a choice field: a list of names wraps round, a
    /// numeric scale stops at its ends.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let scale = field.name.is_scale();
        match &mut field.value {
            FieldValue::Choice { options, index } => {
                let n = options.len().max(1);
                *index = if scale {
                    if forward {
                        (*index + 1).min(n - 1)
                    } else {
                        index.saturating_sub(1)
                    }
                } else if forward {
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
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if let FieldValue::Text(e) = &mut field.value {
            if std::mem::take(&mut field.fresh) {
                *e = TextEditor::new("", 0);
            }
            e.insert(&text.replace(['\n', '\r'], " "));
        }
    }

    /// Typing into the focused text field.
    pub fn key(&mut self, key: &KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let word = field.holds_a_word();
        match &mut field.value {
            FieldValue::Text(e) => match key.code {
                KeyCode::Char(c) if plain => {
                    // A filled-in value gives way to what is typed, so that
                    // typing a time over `now` never makes `now21:00`.
                    if std::mem::take(&mut field.fresh) {
                        *e = TextEditor::new("", 0);
                    }
                    e.insert(c.encode_utf8(&mut [0; 4]));
                }
                KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    field.fresh = false;
                    *e = TextEditor::new("", 0);
                }
                // A word the dialog filled in for a time (`now`) is no
                // time to edit: moving the cursor leaves it to be replaced,
                // so that `End` then a date never makes `now2026-12-01`.
                KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End
                    if field.fresh && word =>
                {
                    match key.code {
                        KeyCode::Left => e.left(),
                        KeyCode::Right => e.right(),
                        KeyCode::Home => e.home(),
                        _ => e.end(),
                    }
                }
                KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
                    if std::mem::take(&mut field.fresh) =>
                {
                    // Kept to edit: the key does what it always does.
                    self.key(key);
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
    /// The key that says yes: `y`, or the first letter of a yes that is
    /// not a plain yes (`r`, replace).
    pub yes_key: char,
    pub yes: &'static str,
    pub no: &'static str,
    /// A third key, its words and what it does.
    pub other: Option<(char, &'static str, ConfirmAction)>,
}

impl Answers {
    pub const YES_NO: Answers = Answers {
        yes_key: 'y',
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
    /// Leave the questionnaire being answered, its answers unsaved.
    LeaveQuestionnaire,
    /// Save the check-in, replacing the day's or beside it.
    CheckIn(Box<super::checkin::Rating>),
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
                Field::text(Name::When, "", "now"),
                Field::choice(Name::Kind, vec!["infusion", "lozenge"], 0),
            ],
        );
        f.key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        f.key(&KeyEvent::new(KeyCode::Char('🌱'), KeyModifiers::NONE));
        assert_eq!(f.get(Name::When), "no🌱");
        f.next_field();
        f.key(&KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.get(Name::Kind), "lozenge");
        assert_eq!(f.get(Name::Note), "", "a field the dialog lacks");
        f.next_field();
        assert_eq!(f.focus, 0);
        f.paste("a\nb");
        assert_eq!(f.get(Name::When), "no🌱a b");
    }
}
