//! Key bindings as data. The help overlay, the footer hints and docs/keys.md
//! are generated from the same table that resolves keys, so they cannot
//! drift apart. The config's `[keys]` section replaces the keys of named
//! rows ([`Keymap::with_overrides`]); the rows themselves never change.
//!
//! - `spec`: one key as written (`Ctrl-s`), read, printed and matched;
//! - `table`: the rows ([`BINDINGS`]) and the names the config uses;
//! - `overrides`: `[keys]` applied, with the checks that keep every
//!   command reachable;
//! - `help`: the help overlay's sections and docs/keys.md.

mod help;
mod overrides;
mod spec;
mod table;

use crossterm::event::KeyEvent;

pub use help::keys_markdown;
pub use overrides::{Override, OverrideError};
pub use spec::{KEY_SYNTAX, KeyParseError, KeySpec};
pub(crate) use table::b;
pub use table::{BINDINGS, Binding, bindings, row_named};

use super::action::{Command, PaneId};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In every mode: the dashboard, the editor, dialogs, questions and
    /// views. Only for the crisis lines, which must always be one key away.
    Anywhere,
    /// Anywhere on the dashboard (no editor or dialog open).
    Global,
    /// Only when this pane has focus.
    Pane(PaneId),
    /// In the journal editor.
    Editor,
    /// In a dialog with fields.
    Form,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Anywhere => "Always, even while writing",
            Scope::Global => "Everywhere",
            Scope::Pane(p) => p.title(),
            Scope::Editor => "Journal editor",
            Scope::Form => "Dialogs",
        }
    }

    /// Where a key means something, for messages ("in the habits pane").
    fn place(self) -> &'static str {
        match self {
            Scope::Anywhere => "anywhere, the editor and dialogs included",
            Scope::Global => "on the dashboard",
            Scope::Pane(p) => super::panes::registry::spec(p).map_or("in a pane", |s| s.place),
            Scope::Editor => "in the journal editor",
            Scope::Form => "in dialogs",
        }
    }
}

/// The keys in effect for each row of [`BINDINGS`]: the defaults, with the
/// rows named in the config's `[keys]` section replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Parallel to `BINDINGS`.
    keys: Vec<Vec<KeySpec>>,
}

impl Default for Keymap {
    fn default() -> Self {
        // Every shipped key parses (tested), so nothing is dropped here.
        let keys = BINDINGS
            .iter()
            .map(|bd| bd.keys.iter().filter_map(|k| k.parse().ok()).collect())
            .collect();
        Keymap { keys }
    }
}

impl Keymap {
    /// Finds the command for a key on the dashboard with `focus` focused.
    /// The pane's own keys come first, so that a pane can give a key its
    /// own meaning.
    pub fn resolve_dashboard(&self, key: &KeyEvent, focus: PaneId) -> Option<Command> {
        self.find(key, Scope::Pane(focus))
            .or_else(|| self.find(key, Scope::Global))
    }

    /// Whether a key is one that works in every mode (the crisis lines).
    /// Asked before anything else reads the key.
    pub fn resolve_anywhere(&self, key: &KeyEvent) -> Option<Command> {
        self.find(key, Scope::Anywhere)
    }

    /// Finds the command for a key in the editor (`None`: it is text).
    pub fn resolve_editor(&self, key: &KeyEvent) -> Option<Command> {
        self.find(key, Scope::Editor)
    }

    fn find(&self, key: &KeyEvent, scope: Scope) -> Option<Command> {
        self.rows()
            .filter(|(bd, _)| bd.scope == scope)
            .find(|(_, keys)| keys.iter().any(|k| k.matches(key)))
            .map(|(bd, _)| bd.command)
    }

    /// Every row with the keys in effect for it.
    pub fn rows(&self) -> impl Iterator<Item = (&'static Binding, &[KeySpec])> {
        BINDINGS.iter().zip(self.keys.iter().map(Vec::as_slice))
    }

    /// The keys in effect for the row called `name`.
    pub fn keys(&self, name: &str) -> Option<&[KeySpec]> {
        self.rows().find(|(bd, _)| bd.name == name).map(|(_, k)| k)
    }

    /// The first key in effect for the row called `name`, as hints in the
    /// panes and the status line write it ("Press n to write"), so that
    /// they stay true when the config gives a command another key.
    /// A pane's name as its border and help section show it: with its
    /// focus key in front, as this key map has it ("1 Timeline", or "F5
    /// Timeline" once the config moves it), or alone when it has none.
    pub fn pane_title(&self, pane: super::PaneId) -> String {
        let key = super::panes::registry::spec(pane)
            .and_then(|p| self.keys(p.focus.name))
            .and_then(|k| k.first());
        match key {
            Some(k) => format!("{k} {}", pane.title()),
            None => pane.title().to_string(),
        }
    }

    pub fn label(&self, name: &str) -> String {
        self.keys(name)
            .and_then(|k| k.first())
            .map_or_else(|| name.to_string(), ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_defaults_are_every_shipped_key() {
        assert_eq!(
            Keymap::default()
                .keys
                .iter()
                .map(Vec::len)
                .collect::<Vec<_>>(),
            BINDINGS.iter().map(|bd| bd.keys.len()).collect::<Vec<_>>()
        );
        let quit: Vec<String> = Keymap::default()
            .keys("quit")
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(quit, ["q", "Ctrl-c"]);
        assert_eq!(
            Keymap::default().keys("dialog.cancel").map(<[_]>::len),
            Some(1)
        );
        assert_eq!(Keymap::default().keys("nothing"), None);
    }

    #[test]
    fn panes_give_keys_their_own_meaning() {
        let map = Keymap::default();
        let n = ev(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(
            map.resolve_dashboard(&n, PaneId::Journal),
            Some(Command::New)
        );
        let space = ev(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            map.resolve_dashboard(&space, PaneId::Habits),
            Some(Command::Toggle)
        );
        assert_eq!(map.resolve_dashboard(&space, PaneId::Timeline), None);
        let back = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            map.resolve_dashboard(&back, PaneId::Habits),
            Some(Command::FocusPrev)
        );
        let ctrl_s = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(map.resolve_editor(&ctrl_s), Some(Command::Save));
        let plain_s = ev(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(map.resolve_editor(&plain_s), None);
        let big_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            map.resolve_dashboard(&big_g, PaneId::Timeline),
            Some(Command::Bottom)
        );
    }
}
