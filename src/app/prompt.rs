//! The one-line prompts at the bottom of a pane: a search typed as its
//! results come, a day or time to go to, a tag to narrow the journal to.
//! While one is open it takes the typing keys before the key table does;
//! the crisis key and Ctrl-c still come first (`App::prompt_key` lets
//! them through).

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{DomainError, time, when};
use crate::zone::Zone;

/// What a key did to a line being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A character went in or came out.
    Changed,
    Enter,
    Esc,
    /// A key the line does not take (arrows, paging): the pane's.
    Other,
}

/// Types `key` into `text`.
pub fn edit(text: &mut String, key: &KeyEvent) -> Edit {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if plain && !c.is_control() => {
            text.push(c);
            Edit::Changed
        }
        KeyCode::Backspace => {
            text.pop();
            Edit::Changed
        }
        // The whole line, as in the dialogs.
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            text.clear();
            Edit::Changed
        }
        KeyCode::Enter => Edit::Enter,
        KeyCode::Esc => Edit::Esc,
        _ => Edit::Other,
    }
}

/// A day or time to go to, being typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Jump {
    pub text: String,
    /// Why the last Enter did not go anywhere.
    pub error: Option<String>,
}

/// What the jump prompt asks.
pub const JUMP_LABEL: &str = "Go to (a day or time):";
/// What it asks in a narrow pane.
pub const JUMP_SHORT_LABEL: &str = "Go to:";

/// Where a jump goes: the moment, and whether a time of day was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub at: DateTime<Utc>,
    /// `false` for a bare day, which lands at its end.
    pub timed: bool,
}

/// The moment `input` names, in the WHEN syntax (`yesterday`,
/// `2025-11-03`, `2025-11-03 21:00`, ...): a jump lands on the newest
/// thing at or before it. A bare day means its last second; a time means
/// itself. A time the clock skips or shows twice is refused with the
/// choices named (the words of `when::parse_when`).
pub fn jump_moment<Tz: TimeZone>(
    input: &str,
    now: DateTime<Utc>,
    zone: &Tz,
) -> Result<Moment, String> {
    if let Ok(day) = when::parse_day(input, now, zone) {
        return time::day_span(day, zone)
            .and_then(|(_, end)| end.checked_sub_signed(TimeDelta::seconds(1)))
            .map(|at| Moment { at, timed: false })
            .ok_or_else(|| "That day is out of reach.".to_string());
    }
    match when::parse_when(input, now, zone) {
        Ok(at) => Ok(Moment { at, timed: true }),
        Err(DomainError::ClockChange { reason, .. }) => Err(reason),
        Err(_) => Err("Not a day I know; try 2025-11-03, yesterday, or 2025-11-03 21:00.".into()),
    }
}

/// What the status line says after a jump to `at` landed on something
/// from `found` (`None`: nothing lies at or before it, and the oldest
/// is shown instead), or nothing when it landed where asked. Short enough
/// for a 60-column status line.
pub fn landed_note(
    at: DateTime<Utc>,
    found: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    zone: &Zone,
) -> Option<String> {
    let today = time::local_date(now, zone);
    let wanted = time::local_date(at, zone);
    let day = time::day_label(wanted, today);
    // A bare day was asked for as its last second.
    let timed = time::day_span(wanted, zone)
        .and_then(|(_, end)| end.checked_sub_signed(TimeDelta::seconds(1)))
        != Some(at);
    match found {
        None if timed => Some(format!(
            "Nothing by {}; here is the first.",
            time::moment_label(at, zone, today)
        )),
        None => Some(format!("Nothing on or before {day}; here is the first.")),
        Some(f) if time::local_date(f, zone) == wanted => None,
        Some(_) if timed => Some(format!(
            "Nothing on {day} by {}; the nearest before.",
            at.with_timezone(zone).format("%H:%M")
        )),
        Some(_) => Some(format!("Nothing on {day}; here is the nearest before.")),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_jump_lands_at_the_time_given_or_the_end_of_the_day_named() {
        let zone = Zone::utc();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let at = |y, m, d, h, min, s| Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap();
        let day = |at| Ok(Moment { at, timed: false });
        let timed = |at| Ok(Moment { at, timed: true });
        assert_eq!(
            jump_moment("2016-03-04 10:00", now, &zone),
            timed(at(2016, 3, 4, 10, 0, 0))
        );
        assert_eq!(
            jump_moment("yesterday 10:00", now, &zone),
            timed(at(2026, 11, 22, 10, 0, 0))
        );
        assert_eq!(
            jump_moment("2016-03-04", now, &zone),
            day(at(2016, 3, 4, 23, 59, 59))
        );
        assert_eq!(
            jump_moment("yesterday", now, &zone),
            day(at(2026, 11, 22, 23, 59, 59))
        );
        assert!(jump_moment("someday", now, &zone).is_err());
    }

    #[test]
    fn a_time_the_clock_skips_or_repeats_names_the_choices() {
        let zone = chrono_tz::Europe::Berlin;
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        for input in ["2026-03-29 02:30", "2026-10-25 02:30"] {
            let why = jump_moment(input, now, &zone).unwrap_err();
            assert!(!why.starts_with("Not a day"), "{why}");
            assert!(why.contains("02:30"), "{why}");
        }
    }

    #[test]
    fn where_a_jump_landed_is_said_within_60_columns() {
        let zone = Zone::utc();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let at = |y, m, d, h, min, s| Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap();
        let far = at(9999, 12, 31, 23, 59, 59);
        let said = landed_note(far, Some(at(2026, 11, 23, 9, 0, 0)), now, &zone).unwrap();
        assert_eq!(
            said,
            "Nothing on Fri 31 Dec 9999; here is the nearest before."
        );
        let timed = at(2025, 12, 31, 10, 0, 0);
        let before = Some(at(2025, 12, 30, 9, 0, 0));
        let notes = [
            said,
            landed_note(timed, before, now, &zone).unwrap(),
            landed_note(timed, None, now, &zone).unwrap(),
            landed_note(far, None, now, &zone).unwrap(),
        ];
        for note in notes {
            assert!(note.chars().count() <= 58, "{note}");
        }
        assert_eq!(landed_note(timed, Some(timed), now, &zone), None);
    }

    #[test]
    fn typing_edits_the_line_and_leaves_other_keys() {
        let mut text = String::new();
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(edit(&mut text, &key(KeyCode::Char('w'))), Edit::Changed);
        assert_eq!(edit(&mut text, &key(KeyCode::Char('x'))), Edit::Changed);
        assert_eq!(edit(&mut text, &key(KeyCode::Backspace)), Edit::Changed);
        assert_eq!(text, "w");
        assert_eq!(edit(&mut text, &key(KeyCode::Down)), Edit::Other);
        let ctrl = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert_eq!(edit(&mut text, &ctrl), Edit::Other);
        assert_eq!(text, "w");
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(edit(&mut text, &ctrl_u), Edit::Changed);
        assert_eq!(text, "");
    }
}
