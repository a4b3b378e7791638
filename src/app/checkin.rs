//! The check-in dialog, opened with one key from any pane: a quick rating
//! of the day (mood on the journal's 1-10 scale, anxiety and energy if the
//! person likes, one line of note), and the question when the day already
//! has one.

use chrono::{DateTime, Utc};

use super::App;
use super::effect::Effect;
use super::form::{Answers, Confirm, ConfirmAction, Field, FieldValue, Form, FormPurpose, Name};
use crate::domain::checkin::{CheckIn, Scale};
use crate::domain::value::{self, Past};
use crate::domain::{Mood, time, when};
use crate::zone::Zone;

/// The ends of each scale, named under its field.
pub const MOOD_ENDS: &str = "1 = very low … 10 = very good · Left/Right";
pub const ANXIETY_ENDS: &str = "0 = none … 10 = severe · Left/Right";
pub const ENERGY_ENDS: &str = "0 = none … 10 = plenty · Left/Right";

/// What anxiety and energy show when the person leaves them out.
pub const NOT_GIVEN: &str = "not given";

const MOODS: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
const SCALE: [&str; 12] = [
    NOT_GIVEN, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
];

/// Where the mood starts: the middle, so that Left and Right reach either
/// end in a few presses.
const MOOD_START: usize = 4;

/// A check-in as the dialog gives it, for the shell to save.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub at: DateTime<Utc>,
    pub mood: Mood,
    pub anxiety: Option<Scale>,
    pub energy: Option<Scale>,
    pub note: Option<String>,
    pub same_day: SameDay,
    /// The zone whose local day "the same day" means.
    pub zone: Zone,
}

/// What to do when the day already has a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameDay {
    /// Save nothing yet, and ask.
    Ask,
    Replace,
    Add,
}

fn choice(name: Name, options: &[&'static str], index: usize, hint: &'static str) -> Field {
    Field {
        hint,
        ..Field::choice(name, options.to_vec(), index)
    }
}

/// The dialog, empty.
pub fn form() -> Form {
    Form::new(
        "Check in: how is today?",
        FormPurpose::CheckIn,
        vec![
            choice(Name::Mood, &MOODS, MOOD_START, MOOD_ENDS),
            choice(Name::Anxiety, &SCALE, 0, ANXIETY_ENDS),
            choice(Name::Energy, &SCALE, 0, ENERGY_ENDS),
            Field::text(Name::Note, "one line, if you like", ""),
            Field::text(Name::When, when::HINT_PAST, "now"),
        ],
    )
}

/// The chosen number of a choice field (`None`: not given).
fn chosen(form: &Form, name: Name) -> Option<i64> {
    match form.field(name).map(|f| &f.value) {
        Some(FieldValue::Choice { options, index }) => options.get(*index)?.parse().ok(),
        _ => form.get(name).parse().ok(),
    }
}

/// The filled-in dialog as a check-in to save, or what to fix.
pub fn submit(form: &Form, now: DateTime<Utc>, zone: &Zone) -> Result<Effect, String> {
    let at = match form.get(Name::When) {
        w if w.is_empty() || w.eq_ignore_ascii_case("now") => now,
        w => when::parse_when(&w, now, zone).map_err(|e| e.to_string())?,
    };
    Past::new(at, now).map_err(|e| value::sentence(&e, "a check-in can be for now or earlier."))?;
    let mood = chosen(form, Name::Mood)
        .ok_or("Please choose a mood from 1 to 10 with Left/Right.")
        .and_then(|n| Mood::new(n).map_err(|_| "Please choose a mood from 1 to 10."))?;
    let scale = |name| chosen(form, name).map(Scale::new).transpose();
    let note = form.get(Name::Note);
    // The same one line the command line keeps: the dialog's field has no
    // line breaks, and the length is checked where it is saved.
    let note = (!note.is_empty()).then_some(note);
    Ok(Effect::CheckIn(Box::new(Rating {
        at,
        mood,
        anxiety: scale(Name::Anxiety).map_err(|e| e.to_string())?,
        energy: scale(Name::Energy).map_err(|e| e.to_string())?,
        note,
        same_day: SameDay::Ask,
        zone: *zone,
    })))
}

/// "You checked in today at 09:12 (mood 6)."
pub fn already(first: &CheckIn, now: DateTime<Utc>, zone: &Zone) -> String {
    let today = time::local_date(now, zone);
    let day = time::local_date(first.at, zone);
    let clock = first.at.with_timezone(zone).format("%H:%M");
    let when = if day == today {
        format!("today at {clock}")
    } else if Some(day) == time::prev_day(today) {
        format!("yesterday at {clock}")
    } else {
        format!("on {} at {clock}", time::day_label(day, today))
    };
    format!("You checked in {when} (mood {}).", first.mood.get())
}

impl App {
    /// Opens the check-in dialog over whatever pane has focus.
    pub(in crate::app) fn open_checkin(&mut self) -> Vec<Effect> {
        if self.read_only.is_some() {
            self.note(super::words::READ_ONLY, true);
            return Vec::new();
        }
        self.form = Some(form());
        Vec::new()
    }

    /// The day already had `first`: the dialog stays behind the question,
    /// and nothing is saved until the person answers.
    pub(in crate::app) fn checkin_same_day(
        &mut self,
        first: CheckIn,
        rating: Rating,
    ) -> Vec<Effect> {
        self.awaiting = false;
        let with = |same_day| {
            ConfirmAction::CheckIn(Box::new(Rating {
                same_day,
                ..rating.clone()
            }))
        };
        self.confirm = Some(Confirm {
            question: format!(
                "{} Replace it, or keep both?",
                already(&first, self.now, &self.zone)
            ),
            detail: "Either is fine: one a day is the rhythm, and a second is kept if you say so."
                .into(),
            on_yes: with(SameDay::Replace),
            answers: Answers {
                yes_key: 'r',
                yes: "replace it",
                no: "back to the check-in",
                other: Some(('a', "keep both", with(SameDay::Add))),
            },
        });
        Vec::new()
    }

    /// The check-in is saved: the dialog closes, and a low mood gets the
    /// same few kind words and crisis lines as a low journal mood.
    pub(in crate::app) fn checked_in(&mut self, message: String, mood: Mood) -> Vec<Effect> {
        self.awaiting = false;
        self.form = None;
        self.note(message, false);
        if crate::care::is_low(mood.get(), self.settings.low_mood) {
            self.care = Some(super::Care::LowMood);
        }
        vec![self.reload()]
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn the_dialog_gives_a_check_in_with_what_was_chosen() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let zone = Zone::utc();
        let mut f = form();
        let key = |f: &mut Form, code| f.key(&KeyEvent::new(code, KeyModifiers::NONE));
        key(&mut f, KeyCode::Right);
        key(&mut f, KeyCode::Right);
        f.next_field();
        key(&mut f, KeyCode::Right);
        f.next_field();
        f.next_field();
        f.paste("slept  well");
        let Ok(Effect::CheckIn(r)) = submit(&f, now, &zone) else {
            panic!("saved");
        };
        assert_eq!(r.mood.get(), 7);
        assert_eq!(r.anxiety.map(Scale::get), Some(0));
        assert_eq!(r.energy, None);
        assert_eq!(r.note.as_deref(), Some("slept  well"));
        assert_eq!((r.at, r.same_day), (now, SameDay::Ask));
        f.next_field();
        f.paste("x");
        let e = submit(&f, now, &zone).unwrap_err();
        assert!(e.contains("\"x\""), "{e}");
    }

    #[test]
    fn the_question_names_the_first_check_in_of_the_day() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let first = CheckIn {
            id: crate::domain::checkin::CheckInId(1),
            at: now - TimeDelta::try_minutes(293).unwrap(),
            mood: Mood::new(6).unwrap(),
            anxiety: None,
            energy: None,
            note: None,
        };
        let zone = Zone::utc();
        assert_eq!(
            already(&first, now, &zone),
            "You checked in today at 09:12 (mood 6)."
        );
        let yesterday = CheckIn {
            at: first.at - TimeDelta::try_days(1).unwrap(),
            ..first.clone()
        };
        assert!(already(&yesterday, now, &zone).contains("yesterday at 09:12"));
    }
}
