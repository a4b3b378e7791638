//! The key table: every command with its default keys, where it applies
//! and its help text, and the names the config's `[keys]` section uses for
//! the rows.

use std::sync::LazyLock;

use super::Scope;
use crate::app::action::Command;
use crate::app::panes::registry::{PANES, PaneSpec};

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The row's name in the config's `[keys]` section, e.g. `journal.new`.
    pub name: &'static str,
    /// The default keys.
    pub keys: &'static [&'static str],
    pub command: Command,
    pub scope: Scope,
    pub help: &'static str,
    /// A word or two for the footer; empty keeps the binding out of it.
    pub short: &'static str,
}

impl Binding {
    pub(crate) const fn hint(self, short: &'static str) -> Binding {
        Binding { short, ..self }
    }

    /// Dialog keys also move through and edit the fields being typed in
    /// (`app.rs` and `form.rs` read them directly), so they are fixed.
    pub fn configurable(&self) -> bool {
        self.scope != Scope::Form
    }
}

pub(crate) const fn b(
    name: &'static str,
    keys: &'static [&'static str],
    command: Command,
    scope: Scope,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        command,
        scope,
        help,
        short: "",
    }
}

use Command as C;
use Scope as S;

/// The rows before the focus keys: always there, whatever the panes.
const HEAD: &[Binding] = &[
    b(
        "crisis",
        &["Ctrl-g"],
        C::Crisis,
        S::Anywhere,
        "crisis lines and where to find help, from anywhere",
    )
    .hint("crisis help"),
    b(
        "quit",
        &["q", "Ctrl-c"],
        C::Quit,
        S::Global,
        "quit (drafts are kept)",
    )
    .hint("quit"),
    b("help", &["?"], C::Help, S::Global, "show or hide this help").hint("help"),
    b(
        "next_pane",
        &["Tab"],
        C::FocusNext,
        S::Global,
        "focus the next pane",
    ),
    b(
        "previous_pane",
        &["Shift-Tab"],
        C::FocusPrev,
        S::Global,
        "focus the previous pane",
    ),
    b(
        "checkin",
        &["c"],
        C::CheckIn,
        S::Global,
        "check in: a quick rating of the day",
    ),
    b(
        "questionnaire",
        &["Q"],
        C::Questionnaire,
        S::Global,
        "answer a questionnaire, item by item",
    ),
];

/// Moving, opening, going back and zooming, on the dashboard.
const MOTION: &[Binding] = &[
    b("up", &["k", "Up"], C::Up, S::Global, "move up"),
    b("down", &["j", "Down"], C::Down, S::Global, "move down"),
    b("top", &["g", "Home"], C::Top, S::Global, "go to the top"),
    b(
        "bottom",
        &["G", "End"],
        C::Bottom,
        S::Global,
        "go to the bottom",
    ),
    b("page_up", &["PageUp"], C::PageUp, S::Global, "page up"),
    b(
        "page_down",
        &["PageDown"],
        C::PageDown,
        S::Global,
        "page down",
    ),
    b(
        "open",
        &["Enter"],
        C::Open,
        S::Global,
        "open the selected item",
    )
    .hint("open"),
    b("back", &["Esc"], C::Back, S::Global, "close, go back"),
    b(
        "zoom",
        &["z"],
        C::Zoom,
        S::Global,
        "show the focused pane on the whole screen, or go back",
    ),
    b(
        "undo",
        &["u"],
        C::Undo,
        S::Global,
        "put back what was just deleted or archived (the last one, for 30 seconds)",
    ),
];

/// The editor's and the dialogs' rows, after every pane's.
const TAIL: &[Binding] = &[
    // Editor
    b(
        "editor.save",
        &["Ctrl-s"],
        C::Save,
        S::Editor,
        "save the entry (then asks your mood)",
    )
    .hint("save"),
    b(
        "editor.prompt",
        &["Ctrl-p"],
        C::NextPrompt,
        S::Editor,
        "show another writing prompt",
    )
    .hint("prompt"),
    b(
        "editor.external",
        &["Ctrl-e"],
        C::ExternalEditor,
        S::Editor,
        "write on in $VISUAL or $EDITOR; the text comes back here",
    )
    .hint("editor"),
    b(
        "editor.discard",
        &["Ctrl-x"],
        C::Discard,
        S::Editor,
        "throw the draft away (asks first)",
    )
    .hint("discard"),
    b(
        "editor.close",
        &["Esc"],
        C::Back,
        S::Editor,
        "close the editor; the draft is kept",
    )
    .hint("close (kept)"),
    // Dialogs
    b("dialog.confirm", &["Enter"], C::Open, S::Form, "confirm"),
    b(
        "dialog.next_field",
        &["Tab", "Down"],
        C::Down,
        S::Form,
        "next field",
    ),
    b(
        "dialog.previous_field",
        &["Shift-Tab", "Up"],
        C::Up,
        S::Form,
        "previous field",
    ),
    b(
        "dialog.change",
        &["Left", "Right"],
        C::Toggle,
        S::Form,
        "change a choice",
    ),
    b("dialog.cancel", &["Esc"], C::Back, S::Form, "cancel"),
    b(
        "dialog.clear",
        &["Ctrl-u"],
        C::Discard,
        S::Form,
        "empty the field (also the /, : and # prompts' line)",
    ),
    b(
        "dialog.edit",
        &["Home", "End", "Backspace"],
        C::Edit,
        S::Form,
        "edit a filled-in time or number (now: Backspace only); typing replaces it",
    ),
];

/// The key map in the order the help and docs/keys.md show it: the rows
/// above, with each registered pane's focus key and its own rows put in
/// from the pane registry (`app::panes::registry::PANES`).
/// Order does not decide which binding wins: a pane's keys win over the
/// whole dashboard's because `Keymap::resolve_dashboard` asks the pane
/// first, and the dialog rows are only shown, never looked up (app.rs
/// reads dialog keys itself).
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| bindings(PANES));

/// The rows for a registry of panes.
pub fn bindings(panes: &[PaneSpec]) -> Vec<Binding> {
    let mut rows = HEAD.to_vec();
    rows.extend(panes.iter().map(|p| p.focus));
    rows.extend_from_slice(MOTION);
    for p in panes {
        rows.extend_from_slice(p.keys);
    }
    rows.extend_from_slice(TAIL);
    rows
}

/// The index of the row the config may call `name`, or why there is none
/// (with close names to suggest).
pub fn row_named(name: &str) -> Result<usize, String> {
    let Some(row) = BINDINGS.iter().position(|bd| bd.name == name) else {
        return Err(unknown_name(name));
    };
    if !BINDINGS[row].configurable() {
        return Err(format!(
            "`{name}` cannot be changed: keys in dialogs are fixed, because they also move \
             through and edit what you type there"
        ));
    }
    Ok(row)
}

/// The message for a name that is not a row: close matches when there are
/// any, else the names of the same group, else every name.
fn unknown_name(name: &str) -> String {
    // A quoted TOML key may hold anything, a line break included.
    let shown = name.escape_debug().to_string();
    let names = || {
        BINDINGS
            .iter()
            .filter(|bd| bd.configurable())
            .map(|bd| bd.name)
    };
    // Two edits catch a swapped or missing letter; a name shorter than the
    // edits (`x`) would be "close" to every short name, so it gets none.
    let close_enough = |n: &str| {
        let d = strsim::levenshtein(name, n);
        d <= 2 && d < name.chars().count()
    };
    let close: Vec<String> = names()
        .filter(|n| close_enough(n) || n.rsplit('.').next() == Some(name))
        .map(|n| format!("`{n}`"))
        .collect();
    if !close.is_empty() {
        return format!(
            "unknown command `{shown}` in [keys]; did you mean {}?",
            close.join(" or ")
        );
    }
    let group = name.split_once('.').map(|(g, _)| format!("{g}."));
    let in_group: Vec<&str> = names()
        .filter(|n| group.as_deref().is_some_and(|g| n.starts_with(g)))
        .collect();
    let listed = if in_group.is_empty() {
        names().collect()
    } else {
        in_group
    };
    format!(
        "unknown command `{shown}` in [keys]; known commands: {}",
        listed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::KeySpec;

    #[test]
    fn every_shipped_key_parses_and_prints_as_written() {
        for bd in BINDINGS.iter() {
            for k in bd.keys {
                let spec: KeySpec = k.parse().unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(spec.to_string(), *k);
            }
        }
    }

    #[test]
    fn names_are_unique_and_usable_as_toml_keys() {
        for (i, a) in BINDINGS.iter().enumerate() {
            assert!(
                a.name.split('.').all(|part| !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
                "{}",
                a.name
            );
            for b in &BINDINGS[i + 1..] {
                assert_ne!(a.name, b.name);
                // `focus` and `focus.next` could not both be dotted keys.
                assert!(!b.name.starts_with(&format!("{}.", a.name)), "{}", b.name);
                assert!(!a.name.starts_with(&format!("{}.", b.name)), "{}", a.name);
            }
        }
    }

    #[test]
    fn unknown_names_suggest_close_ones() {
        let msg = |name: &str| row_named(name).unwrap_err();
        assert_eq!(
            msg("jounral.new"),
            "unknown command `jounral.new` in [keys]; did you mean `journal.new`?"
        );
        assert_eq!(
            msg("save"),
            "unknown command `save` in [keys]; did you mean `editor.save`?"
        );
        assert!(msg("next-pane").contains("did you mean `next_pane`?"));
        assert!(msg("qiut").contains("did you mean `quit`?"));
        assert_eq!(
            msg("journal.write_more"),
            "unknown command `journal.write_more` in [keys]; known commands: journal.new, \
             journal.edit, journal.delete, journal.search, journal.previous_match, \
             journal.tags, journal.jump"
        );
        let all = msg("Hyper");
        assert!(
            all.contains("known commands: crisis, quit, help, next_pane"),
            "{all}"
        );
        assert!(!all.contains("dialog."), "{all}");
        // One letter is two edits from `up`, but nothing like it.
        assert!(
            msg("x").contains("known commands: crisis, quit,"),
            "{}",
            msg("x")
        );
        // A quoted TOML key may hold a line break; the message stays one line.
        assert_eq!(
            msg("qu\nit"),
            "unknown command `qu\\nit` in [keys]; did you mean `quit`?"
        );
        let row = row_named("journal.new").unwrap();
        assert_eq!(BINDINGS[row].name, "journal.new");
        assert!(
            msg("dialog.confirm").contains("keys in dialogs are fixed"),
            "{}",
            msg("dialog.confirm")
        );
    }
}
