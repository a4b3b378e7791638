//! The one-line prompts at the bottom of a pane: a search typed as its
//! results come, a day or time to go to, a tag to narrow the journal to.
//! While one is open it takes the typing keys before the key table does;
//! the crisis key and Ctrl-c still come first (`App::prompt_key` lets
//! them through).

use chrono::{DateTime, TimeDelta, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{time, when};
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

/// The last instant of the local day `input` names, in the WHEN syntax
/// (`yesterday`, `2025-11-03`, `2025-11-03 21:00`, ...): a jump lands on
/// the newest thing on or before it.
pub fn jump_moment(input: &str, now: DateTime<Utc>, zone: &Zone) -> Result<DateTime<Utc>, String> {
    let day = match when::parse_when(input, now, zone) {
        Ok(at) => time::local_date(at, zone),
        Err(_) => when::parse_day(input, now, zone).map_err(|_| {
            "Not a day I know; try 2025-11-03, yesterday, or 2025-11-03 21:00.".to_string()
        })?,
    };
    time::day_span(day, zone)
        .and_then(|(_, end)| end.checked_sub_signed(TimeDelta::seconds(1)))
        .ok_or_else(|| "That day is out of reach.".to_string())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_jump_lands_at_the_end_of_the_day_named() {
        let zone = Zone::utc();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap();
        let end = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 23, 59, 59).unwrap();
        assert_eq!(
            jump_moment("2016-03-04 10:00", now, &zone),
            Ok(end(2016, 3, 4))
        );
        assert_eq!(
            jump_moment("yesterday 10:00", now, &zone),
            Ok(end(2026, 11, 22))
        );
        assert_eq!(jump_moment("2016-03-04", now, &zone), Ok(end(2016, 3, 4)));
        assert!(jump_moment("someday", now, &zone).is_err());
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
    }
}
