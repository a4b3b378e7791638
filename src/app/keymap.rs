//! Key bindings as data. The help overlay and docs/keys.md are generated from
//! the same table that resolves keys, so they cannot drift apart.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Command, PaneId};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
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
            Scope::Global => "Everywhere",
            Scope::Pane(p) => p.title(),
            Scope::Editor => "Journal editor",
            Scope::Form => "Dialogs",
        }
    }
}

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

impl FromStr for KeySpec {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || KeyParseError(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Space" => KeyCode::Char(' '),
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            one => {
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(err()),
                }
            }
        };
        Ok(KeySpec { code, mods })
    }
}

impl KeySpec {
    /// Whether a terminal key event is this key. Shift on letters and
    /// symbols is already in the character, so it is not compared there.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let ev_mods = ev.modifiers & relevant;
        let my_mods = self.mods & relevant;
        match (self.code, ev.code) {
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let same = if my_mods.contains(KeyModifiers::CONTROL) {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    a == b
                };
                same && ev_mods == my_mods
            }
            (a, b) => a == b && ev_mods == my_mods,
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [&'static str],
    pub command: Command,
    pub scope: Scope,
    pub help: &'static str,
    /// A word or two for the footer; empty keeps the binding out of it.
    pub short: &'static str,
}

impl Binding {
    const fn hint(self, short: &'static str) -> Binding {
        Binding { short, ..self }
    }
}

const fn b(
    keys: &'static [&'static str],
    command: Command,
    scope: Scope,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        command,
        scope,
        help,
        short: "",
    }
}

use Command as C;
use PaneId as P;
use Scope as S;

/// The default key map. Pane bindings come before global ones so that a
/// pane can give a key its own meaning.
pub const BINDINGS: &[Binding] = &[
    b(
        &["q", "Ctrl-c"],
        C::Quit,
        S::Global,
        "quit (drafts are kept)",
    )
    .hint("quit"),
    b(&["?"], C::Help, S::Global, "show or hide this help").hint("help"),
    b(&["Tab"], C::FocusNext, S::Global, "focus the next pane"),
    b(
        &["Shift-Tab"],
        C::FocusPrev,
        S::Global,
        "focus the previous pane",
    ),
    b(
        &["1"],
        C::Focus(P::Timeline),
        S::Global,
        "focus the timeline",
    ),
    b(&["2"], C::Focus(P::Journal), S::Global, "focus the journal"),
    b(&["3"], C::Focus(P::Habits), S::Global, "focus the habits"),
    b(
        &["4"],
        C::Focus(P::Intention),
        S::Global,
        "focus the intention",
    ),
    b(&["k", "Up"], C::Up, S::Global, "move up"),
    b(&["j", "Down"], C::Down, S::Global, "move down"),
    b(&["g", "Home"], C::Top, S::Global, "go to the top"),
    b(&["G", "End"], C::Bottom, S::Global, "go to the bottom"),
    b(&["PageUp"], C::PageUp, S::Global, "page up"),
    b(&["PageDown"], C::PageDown, S::Global, "page down"),
    b(&["Enter"], C::Open, S::Global, "open the selected item").hint("open"),
    b(&["Esc"], C::Back, S::Global, "close, go back"),
    // Timeline
    b(
        &["n"],
        C::New,
        S::Pane(P::Timeline),
        "log a session (now or at a time)",
    )
    .hint("log session"),
    b(&["p"], C::Plan, S::Pane(P::Timeline), "plan a session").hint("plan"),
    b(
        &["t"],
        C::Therapy,
        S::Pane(P::Timeline),
        "log a therapy visit",
    )
    .hint("therapy"),
    b(
        &["e"],
        C::Edit,
        S::Pane(P::Timeline),
        "edit the selected session",
    )
    .hint("edit"),
    b(
        &["d"],
        C::Delete,
        S::Pane(P::Timeline),
        "delete the selected item (asks first)",
    )
    .hint("delete"),
    // Journal
    b(
        &["n"],
        C::New,
        S::Pane(P::Journal),
        "write (continues a kept draft)",
    )
    .hint("write"),
    b(
        &["e"],
        C::Edit,
        S::Pane(P::Journal),
        "edit the selected entry",
    )
    .hint("edit"),
    b(
        &["d"],
        C::Delete,
        S::Pane(P::Journal),
        "delete the selected entry (asks first)",
    )
    .hint("delete"),
    // Habits
    b(
        &["Space"],
        C::Toggle,
        S::Pane(P::Habits),
        "tick the selected day (asks the amount)",
    )
    .hint("tick"),
    b(
        &["h", "Left"],
        C::Left,
        S::Pane(P::Habits),
        "select the day before",
    )
    .hint("day"),
    b(
        &["l", "Right"],
        C::Right,
        S::Pane(P::Habits),
        "select the day after",
    ),
    b(&["n"], C::New, S::Pane(P::Habits), "add a habit").hint("add"),
    b(
        &["e"],
        C::Edit,
        S::Pane(P::Habits),
        "rename the selected habit",
    )
    .hint("rename"),
    b(
        &["d"],
        C::Delete,
        S::Pane(P::Habits),
        "archive the selected habit (asks first)",
    )
    .hint("archive"),
    // Intention
    b(
        &["n"],
        C::New,
        S::Pane(P::Intention),
        "set the intention for your next session",
    )
    .hint("set"),
    b(
        &["e"],
        C::Edit,
        S::Pane(P::Intention),
        "edit the selected intention",
    )
    .hint("edit"),
    b(
        &["r"],
        C::Reflect,
        S::Pane(P::Intention),
        "reflect on how it landed",
    )
    .hint("reflect"),
    b(
        &["d"],
        C::Delete,
        S::Pane(P::Intention),
        "delete the selected intention (asks first)",
    )
    .hint("delete"),
    // Editor
    b(
        &["Ctrl-s"],
        C::Save,
        S::Editor,
        "save the entry (then asks your mood)",
    )
    .hint("save"),
    b(
        &["Ctrl-p"],
        C::NextPrompt,
        S::Editor,
        "show another writing prompt",
    )
    .hint("prompt"),
    b(
        &["Ctrl-e"],
        C::ExternalEditor,
        S::Editor,
        "write on in $VISUAL or $EDITOR; the text comes back here",
    )
    .hint("editor"),
    b(
        &["Ctrl-x"],
        C::Discard,
        S::Editor,
        "throw the draft away (asks first)",
    )
    .hint("discard"),
    b(
        &["Esc"],
        C::Back,
        S::Editor,
        "close the editor; the draft is kept",
    )
    .hint("close (kept)"),
    // Dialogs
    b(&["Enter"], C::Open, S::Form, "confirm"),
    b(&["Tab", "Down"], C::Down, S::Form, "next field"),
    b(&["Shift-Tab", "Up"], C::Up, S::Form, "previous field"),
    b(&["Left", "Right"], C::Toggle, S::Form, "change a choice"),
    b(&["Esc"], C::Back, S::Form, "cancel"),
];

/// Finds the command for a key on the dashboard with `focus` focused.
pub fn resolve_dashboard(key: &KeyEvent, focus: PaneId) -> Option<Command> {
    find(key, |s| s == Scope::Pane(focus)).or_else(|| find(key, |s| s == Scope::Global))
}

/// Finds the command for a key in the editor (`None`: it is text).
pub fn resolve_editor(key: &KeyEvent) -> Option<Command> {
    find(key, |s| s == Scope::Editor)
}

fn find(key: &KeyEvent, scope: impl Fn(Scope) -> bool) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|bd| scope(bd.scope))
        .find(|bd| {
            bd.keys
                .iter()
                .filter_map(|k| k.parse::<KeySpec>().ok())
                .any(|spec| spec.matches(key))
        })
        .map(|bd| bd.command)
}

/// The help text, grouped by scope, as (section, [(keys, help)]).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
    for bd in BINDINGS {
        let title = bd.scope.title();
        let keys = bd.keys.join(" / ");
        match out.iter_mut().find(|(t, _)| *t == title) {
            Some((_, rows)) => rows.push((keys, bd.help)),
            None => out.push((title, vec![(keys, bd.help)])),
        }
    }
    out
}

/// docs/keys.md, generated from [`BINDINGS`] (tests/docs.rs keeps the file
/// in step).
pub fn keys_markdown() -> String {
    let mut out = String::from(
        "# Keys\n\nGenerated from `src/app/keymap.rs` by `UPDATE_DOCS=1 cargo test --test docs`; \
         the help overlay (`?`) shows the same table.\n\nA pane key applies when that pane has focus; \
         pane keys win over keys for everywhere. When afterglow asks a yes/no question, only `y` \
         answers yes (never `Enter`, so a reflexive key cannot delete anything); `n` or `Esc` answers no.\n",
    );
    for (section, rows) in help_sections() {
        out.push_str(&format!(
            "\n## {section}\n\n| keys | what they do |\n| --- | --- |\n"
        ));
        for (keys, what) in rows {
            let keys = keys
                .split(" / ")
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!("| {keys} | {what} |\n"));
        }
    }
    out.push_str(
        "\nWith the mouse: click a pane to focus it; the wheel moves the selection in the pane under it.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    #[test]
    fn every_shipped_key_parses() {
        for bd in BINDINGS {
            for k in bd.keys {
                assert!(k.parse::<KeySpec>().is_ok(), "{k}");
            }
        }
    }

    #[test]
    fn bad_keys_are_errors_not_panics() {
        for bad in ["", "Ctrl-", "Hyper-x", "Spacebar", "ab"] {
            assert!(bad.parse::<KeySpec>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn panes_give_keys_their_own_meaning() {
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(resolve_dashboard(&n, PaneId::Journal), Some(Command::New));
        let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            resolve_dashboard(&space, PaneId::Habits),
            Some(Command::Toggle)
        );
        assert_eq!(resolve_dashboard(&space, PaneId::Timeline), None);
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            resolve_dashboard(&back, PaneId::Habits),
            Some(Command::FocusPrev)
        );
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(resolve_editor(&ctrl_s), Some(Command::Save));
        let plain_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(resolve_editor(&plain_s), None);
        let big_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            resolve_dashboard(&big_g, PaneId::Timeline),
            Some(Command::Bottom)
        );
    }
}
