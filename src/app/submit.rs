//! Turning a filled-in dialog into effects, or into a kind word about what
//! to fix. The typed text stays in the dialog when it is refused.

use chrono::{DateTime, Utc};

use super::data::Data;
use super::effect::Effect;
use super::form::{Form, FormPurpose, Name};
use super::habits::{parse_target, refuse_archived_name, schedule_named};
use super::keymap::Keymap;
use crate::domain::session::NewSession;
use crate::domain::session::validate_dose;
use crate::domain::value::{self, Ahead, Past};
use crate::domain::{Mood, SessionKind, SessionStatus, TreatmentStatus, habit, when};
use crate::zone::Zone;

pub struct Submitted {
    pub effects: Vec<Effect>,
    /// A mood answer for the open editor, when the form was the mood question.
    pub mood: Option<Option<Mood>>,
    /// When the new entry is dated, if not now (the save step's When).
    pub written_at: Option<DateTime<Utc>>,
}

fn effect(e: Effect) -> Result<Submitted, String> {
    Ok(Submitted {
        effects: vec![e],
        mood: None,
        written_at: None,
    })
}

fn optional(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn required(s: String, what: &str) -> Result<String, String> {
    optional(s).ok_or_else(|| format!("Please write {what}, or press Esc to cancel."))
}

fn parse_dose(s: &str) -> Result<Option<f64>, String> {
    let s = s.trim().trim_end_matches("mg").trim();
    if s.is_empty() {
        return Ok(None);
    }
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a dose in mg; leave it empty if unsure"))?;
    validate_dose(Some(v)).map_err(|e| e.to_string())
}

pub fn submit(
    form: &Form,
    data: &Data,
    now: DateTime<Utc>,
    zone: &Zone,
    keys: &Keymap,
) -> Result<Submitted, String> {
    let when = || when::parse_when(&form.get(Name::When), now, zone).map_err(|e| e.to_string());
    let kind = || {
        form.get(Name::Kind)
            .parse::<SessionKind>()
            .map_err(|e| e.to_string())
    };
    let note = || optional(form.get(Name::Note));
    match &form.purpose {
        FormPurpose::LogSession => {
            let at = when()?;
            if at > now {
                return Err(super::words::plan_instead(keys));
            }
            effect(Effect::LogSession(NewSession {
                at,
                kind: kind()?,
                dose_mg: parse_dose(&form.get(Name::Dose))?,
                note: note(),
                status: SessionStatus::Done,
            }))
        }
        FormPurpose::PlanSession => {
            let at = when()?;
            Ahead::new(at, now).map_err(|e| {
                value::sentence(&e, "a session that has happened is logged instead.")
            })?;
            effect(Effect::LogSession(NewSession {
                at,
                kind: kind()?,
                dose_mg: None,
                note: note(),
                status: SessionStatus::Planned,
            }))
        }
        FormPurpose::EditSession(id) => {
            let status = if form.get(Name::Status) == "done" {
                SessionStatus::Done
            } else {
                SessionStatus::Planned
            };
            // An untouched time field keeps the stored instant exactly: the
            // field shows minutes only, and a repeated hour would be ambiguous.
            let original = data.sessions.iter().find(|s| s.id == *id).map(|s| s.at);
            let at = match original {
                Some(t) if form.untouched(Name::When) => t,
                _ => when()?,
            };
            if status == SessionStatus::Done {
                Past::new(at, now).map_err(|e| {
                    value::sentence(&e, "set it to planned, or choose a time that has come.")
                })?;
            }
            effect(Effect::UpdateSession(crate::domain::Session {
                id: *id,
                at,
                kind: kind()?,
                dose_mg: parse_dose(&form.get(Name::Dose))?,
                note: note(),
                status,
            }))
        }
        FormPurpose::Therapy => {
            let at = when()?;
            // A future visit would tick the plan's therapy item early.
            Past::new(at, now)
                .map_err(|e| value::sentence(&e, "log the visit once it has happened."))?;
            effect(Effect::AddTherapy { at, note: note() })
        }
        FormPurpose::EditTherapy(id) => {
            // An untouched time keeps the stored instant to the second.
            let original = data.therapy.iter().find(|t| t.id == *id).map(|t| t.at);
            let at = match original {
                Some(t) if form.untouched(Name::When) => t,
                _ => when()?,
            };
            Past::new(at, now)
                .map_err(|e| value::sentence(&e, "a visit is logged once it has happened."))?;
            effect(Effect::UpdateTherapy {
                id: *id,
                at,
                note: note(),
            })
        }
        FormPurpose::NewHabit => {
            let name =
                habit::validate_name(&form.get(Name::HabitName)).map_err(|e| e.to_string())?;
            refuse_archived_name(&name, None, data, keys)?;
            let kind =
                parse_target(&form.get(Name::Target))?.unwrap_or(crate::domain::HabitKind::YesNo);
            effect(Effect::AddHabit {
                name,
                kind,
                schedule: schedule_named(&form.get(Name::Schedule)),
                since: crate::domain::time::local_date(now, zone),
            })
        }
        FormPurpose::RenameHabit(habit) => {
            let name =
                habit::validate_name(&form.get(Name::HabitName)).map_err(|e| e.to_string())?;
            refuse_archived_name(&name, Some(*habit), data, keys)?;
            effect(Effect::EditHabit {
                habit: *habit,
                name,
                schedule: schedule_named(&form.get(Name::Schedule)),
            })
        }
        FormPurpose::Amount { habit, day } => {
            let raw = form.get(Name::Amount);
            if raw.is_empty() {
                return effect(Effect::RemoveTick {
                    habit: *habit,
                    day: *day,
                });
            }
            let amount: f64 = raw
                .parse()
                .map_err(|_| format!("{raw:?} is not a number; try 7.5 or 30"))?;
            let amount = match data.habits.iter().find(|h| h.id == *habit) {
                Some(h) => h.check_amount(amount),
                None => habit::validate_amount(amount),
            }
            .map_err(|e| e.to_string())?;
            effect(Effect::SetTick {
                habit: *habit,
                day: *day,
                amount: Some(amount),
            })
        }
        FormPurpose::Intention(session) => effect(Effect::SetIntention {
            session: *session,
            text: required(form.get(Name::Intention), "an intention")?,
        }),
        FormPurpose::EditIntention(id) => effect(Effect::UpdateIntention {
            id: *id,
            text: required(form.get(Name::Intention), "an intention")?,
        }),
        FormPurpose::Reflection(id) => effect(Effect::SetReflection {
            id: *id,
            text: required(form.get(Name::Reflection), "a reflection")?,
        }),
        FormPurpose::Treatment => {
            let status = super::timeline::treatment_options()
                .iter()
                .position(|o| *o == form.get(Name::Standing))
                .and_then(|i| TreatmentStatus::ALL.get(i).copied())
                .unwrap_or(TreatmentStatus::Active);
            effect(Effect::SetTreatment {
                status,
                note: note(),
            })
        }
        FormPurpose::CheckIn => effect(super::checkin::submit(form, now, zone)?),
        FormPurpose::Mood => {
            let raw = form.get(Name::Mood);
            let mood = if raw.is_empty() {
                None
            } else {
                let n: i64 = raw.parse().map_err(|_| {
                    "Please type a whole number from 1 to 10, or leave it empty.".to_string()
                })?;
                Some(Mood::new(n).map_err(|e| e.to_string())?)
            };
            // An entry may be dated earlier (written late about an earlier
            // day), never later.
            let written_at = match form.field(Name::When) {
                Some(f) if !f.get().eq_ignore_ascii_case("now") => {
                    let at = when()?;
                    Past::new(at, now).map_err(|e| {
                        value::sentence(&e, "an entry can be dated now or earlier.")
                    })?;
                    Some(at)
                }
                _ => None,
            };
            Ok(Submitted {
                effects: Vec::new(),
                mood: Some(mood),
                written_at,
            })
        }
    }
}
