//! The session dialogs the Timeline opens.

use crate::app::form::{Field, Form, FormPurpose, Name};
use crate::domain::{Session, SessionKind, SessionStatus};
use crate::zone::Zone;

/// The choices of the treatment dialog, in `TreatmentStatus::ALL` order.
pub fn treatment_options() -> Vec<&'static str> {
    vec!["in treatment", "pausing", "finished"]
}

pub fn kind_options() -> Vec<&'static str> {
    SessionKind::ALL.iter().map(|k| k.as_str()).collect()
}

pub(super) fn local(at: chrono::DateTime<chrono::Utc>, zone: &Zone) -> String {
    at.with_timezone(zone).format("%Y-%m-%d %H:%M").to_string()
}

/// What the time field of a session dialog takes.
fn when_hint(purpose: &FormPurpose) -> &'static str {
    match purpose {
        FormPurpose::PlanSession => crate::domain::when::HINT_AHEAD,
        _ => crate::domain::when::HINT_PAST,
    }
}

pub fn session_form(purpose: FormPurpose, title: &str, when: &str, s: Option<&Session>) -> Form {
    let kind = s.map_or(0, |s| {
        SessionKind::ALL
            .iter()
            .position(|k| *k == s.kind)
            .unwrap_or(0)
    });
    let mut fields = vec![
        Field::text(Name::When, when_hint(&purpose), when),
        Field::choice(Name::Kind, kind_options(), kind),
        Field::text(
            Name::Dose,
            "optional",
            &s.and_then(|s| s.dose_mg)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Field::text(
            Name::Note,
            "optional",
            s.and_then(|s| s.note.as_deref()).unwrap_or(""),
        ),
    ];
    if let Some(s) = s {
        let idx = usize::from(s.status == SessionStatus::Done);
        fields.push(Field::choice(Name::Status, vec!["planned", "done"], idx));
    }
    Form::new(title, purpose, fields)
}
