//! One key as the config writes it (`Ctrl-s`, `Shift-Tab`, `G`): reading
//! it, printing it so that it reads back, and matching terminal events.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key with its modifiers, e.g. `Ctrl-s` or `Shift-Tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError(pub String);

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown key {:?}", self.0)
    }
}

/// How keys are written, for messages about a key that is not.
pub const KEY_SYNTAX: &str = "keys are written like `q`, `G`, `?`, `Ctrl-s`, `Alt-x`, \
     `Shift-Tab`, `Enter`, `Esc`, `Space`, `Tab`, `Up`, `Down`, `Left`, `Right`, `Home`, \
     `End`, `PageUp`, `PageDown`, `Backspace`, `Delete` or `F1` to `F12`";

/// Ctrl-c, which always quits (see [`KeySpec::is_ctrl_c`]).
pub(super) const CTRL_C: KeySpec = KeySpec {
    code: KeyCode::Char('c'),
    mods: KeyModifiers::CONTROL,
};

/// Named keys. Matched without regard to case (`esc`, `ESC`), since a name
/// is never a single character; single characters are case-sensitive.
const NAMED: &[(&str, KeyCode)] = &[
    ("Tab", KeyCode::Tab),
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PgUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("PgDn", KeyCode::PageDown),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Del", KeyCode::Delete),
];

/// `rest` without the modifier prefix `name-`, in any case.
fn strip_modifier<'a>(rest: &'a str, name: &str) -> Option<&'a str> {
    let n = name.len();
    let head = rest.get(..n)?;
    (head.eq_ignore_ascii_case(name) && rest[n..].starts_with('-') && rest.len() > n + 1)
        .then(|| &rest[n + 1..])
}

impl FromStr for KeySpec {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || KeyParseError(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = strip_modifier(rest, "Ctrl") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = strip_modifier(rest, "Alt") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = strip_modifier(rest, "Shift") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(err()),
            // A terminal sends Tab, Enter or Esc for these, never the
            // character, so a binding to one could never be pressed.
            (Some(c), None) if c.is_control() => return Err(err()),
            (Some(c), None) => KeyCode::Char(c),
            _ if rest.eq_ignore_ascii_case("Tab") && mods.contains(KeyModifiers::SHIFT) => {
                KeyCode::BackTab
            }
            _ => match NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest)) {
                Some((_, code)) => *code,
                None => match function_key(rest) {
                    Some(n) => KeyCode::F(n),
                    None => return Err(err()),
                },
            },
        };
        // Control letters match in either case; one spelling keeps
        // `Ctrl-S` and `Ctrl-s` equal as values too.
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Ok(KeySpec { code, mods })
    }
}

/// `F1` to `F12`, digits only: `u8`'s own parser would take `F+1` too.
fn function_key(s: &str) -> Option<u8> {
    let digits = s.strip_prefix(['F', 'f'])?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=12).contains(n))
}

/// The canonical spelling, which parses back to the same key: `Ctrl-s`,
/// `Shift-Tab`, `Space`, `PageDown`.
impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.code == KeyCode::BackTab || self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::BackTab => f.write_str("Tab"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_lowercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                // Only reachable for a key built by hand, not parsed.
                None => write!(f, "{code:?}"),
            },
        }
    }
}

impl KeySpec {
    /// Whether a terminal key event is this key. One rule for this and for
    /// comparing two keys ([`KeySpec::norm`]), so that the config's checks
    /// for keys that clash see exactly what a key press sees.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        self.same_as(&KeySpec {
            code: ev.code,
            mods: ev.modifiers,
        })
    }

    /// The key presses this key answers to, reduced to one value. Shift on
    /// letters and symbols is already in the character, so it is dropped,
    /// and Shift-Tab is BackTab whatever modifiers come with it; control
    /// letters match in either case.
    pub(super) fn norm(&self) -> (KeyCode, KeyModifiers) {
        let mods = self.mods & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self.code {
            KeyCode::BackTab => (KeyCode::BackTab, KeyModifiers::NONE),
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                (KeyCode::Char(c.to_ascii_lowercase()), mods)
            }
            code => (code, mods),
        }
    }

    /// Whether two keys answer to the same key presses.
    pub(super) fn same_as(&self, other: &KeySpec) -> bool {
        self.norm() == other.norm()
    }

    /// Whether the journal editor needs this key for writing: characters,
    /// Enter, Tab, and the keys that move the cursor or delete.
    pub(super) fn types_text(&self) -> bool {
        let (code, mods) = self.norm();
        if !mods.is_empty() {
            return false;
        }
        matches!(
            code,
            KeyCode::Char(_)
                | KeyCode::Enter
                | KeyCode::Tab
                | KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Home
                | KeyCode::End
        )
    }

    /// Ctrl-c is read before any table (it always quits, and cancels a
    /// dialog), so no other binding could ever see it.
    pub(super) fn is_ctrl_c(&self) -> bool {
        self.same_as(&CTRL_C)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> KeySpec {
        s.parse().unwrap()
    }

    #[test]
    fn bad_keys_are_errors_not_panics() {
        for bad in [
            "",
            "Ctrl-",
            "Hyper-x",
            "Spacebar",
            "ab",
            "F0",
            "F13",
            "F01",
            "F+1",
            "F1 ",
            "Ctrl",
            "-x-",
            "é́",
            "\t",
            "\n",
            "\u{1b}",
            "Ctrl-\u{7}",
            "\u{7f}",
        ] {
            assert!(bad.parse::<KeySpec>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_and_modifiers_are_read_in_any_case() {
        let cases = [
            ("ctrl-S", "Ctrl-s"),
            ("CTRL-alt-x", "Ctrl-Alt-x"),
            ("esc", "Esc"),
            ("Escape", "Esc"),
            ("return", "Enter"),
            ("pgdn", "PageDown"),
            ("space", "Space"),
            (" ", "Space"),
            ("shift-tab", "Shift-Tab"),
            ("f1", "F1"),
            ("F12", "F12"),
            ("-", "-"),
            ("Ctrl--", "Ctrl--"),
            ("Alt-Enter", "Alt-Enter"),
            ("ü", "ü"),
        ];
        for (written, canonical) in cases {
            let spec = key(written);
            assert_eq!(spec.to_string(), canonical, "{written:?}");
            assert_eq!(key(canonical), spec, "{canonical:?} reads back");
        }
        // Single characters keep their case: `G` is not `g`.
        assert_ne!(key("G"), key("g"));
    }

    #[test]
    fn keys_match_the_events_a_terminal_sends() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        // Shift is part of the character.
        assert!(key("G").matches(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert!(!key("g").matches(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        // Control letters in either case.
        assert!(key("Ctrl-s").matches(&ev(KeyCode::Char('S'), KeyModifiers::CONTROL)));
        assert!(!key("Ctrl-s").matches(&ev(KeyCode::Char('s'), KeyModifiers::NONE)));
        assert!(!key("s").matches(&ev(KeyCode::Char('s'), KeyModifiers::ALT)));
        assert!(key("Shift-Tab").matches(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(key("Shift-Tab").matches(&ev(KeyCode::BackTab, KeyModifiers::NONE)));
        assert!(key("Alt-Enter").matches(&ev(KeyCode::Enter, KeyModifiers::ALT)));
        assert!(!key("Enter").matches(&ev(KeyCode::Enter, KeyModifiers::ALT)));
        assert!(key("Ctrl-C").is_ctrl_c());
        assert!(key("Ctrl-S").same_as(&key("Ctrl-s")));
        assert!(!key("S").same_as(&key("s")));
    }

    #[test]
    fn the_editor_keeps_the_keys_that_write() {
        for k in ["s", "Enter", "Tab", "Left", "Home", "Backspace", "Space"] {
            assert!(key(k).types_text(), "{k}");
        }
        for k in ["Ctrl-s", "Alt-x", "Esc", "PageUp", "F2", "Shift-Tab"] {
            assert!(!key(k).types_text(), "{k}");
        }
    }
}
