//! The key table: every command with its default keys, where it applies
//! and its help text, and the names the config's `[keys]` section uses for
//! the rows.

use super::Scope;
use crate::app::action::{Command, PaneId};

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
    const fn hint(self, short: &'static str) -> Binding {
        Binding { short, ..self }
    }

    /// Dialog keys also move through and edit the fields being typed in
    /// (`app.rs` and `form.rs` read them directly), so they are fixed.
    pub fn configurable(&self) -> bool {
        self.scope != Scope::Form
    }
}

const fn b(
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
use PaneId as P;
use Scope as S;

/// The default key map, in the order the help and docs/keys.md show it.
/// Order does not decide which binding wins: a pane's keys win over the
/// whole dashboard's because `Keymap::resolve_dashboard` asks the pane
/// first, and the dialog rows are only shown, never looked up (app.rs
/// reads dialog keys itself).
pub const BINDINGS: &[Binding] = &[
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
        "focus_timeline",
        &["1"],
        C::Focus(P::Timeline),
        S::Global,
        "focus the timeline",
    ),
    b(
        "focus_journal",
        &["2"],
        C::Focus(P::Journal),
        S::Global,
        "focus the journal",
    ),
    b(
        "focus_habits",
        &["3"],
        C::Focus(P::Habits),
        S::Global,
        "focus the habits",
    ),
    b(
        "focus_intention",
        &["4"],
        C::Focus(P::Intention),
        S::Global,
        "focus the intention",
    ),
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
    // Timeline
    b(
        "timeline.new",
        &["n"],
        C::New,
        S::Pane(P::Timeline),
        "log a session (now or at a time)",
    )
    .hint("log session"),
    b(
        "timeline.plan",
        &["p"],
        C::Plan,
        S::Pane(P::Timeline),
        "plan a session",
    )
    .hint("plan"),
    b(
        "timeline.therapy",
        &["t"],
        C::Therapy,
        S::Pane(P::Timeline),
        "log a therapy visit",
    )
    .hint("therapy"),
    b(
        "timeline.status",
        &["f"],
        C::Treatment,
        S::Pane(P::Timeline),
        "say you are pausing or finished with sessions (or back)",
    ),
    b(
        "timeline.edit",
        &["e"],
        C::Edit,
        S::Pane(P::Timeline),
        "edit the selected session",
    )
    .hint("edit"),
    b(
        "timeline.delete",
        &["d"],
        C::Delete,
        S::Pane(P::Timeline),
        "delete the selected item (asks first)",
    )
    .hint("delete"),
    // Journal
    b(
        "journal.new",
        &["n"],
        C::New,
        S::Pane(P::Journal),
        "write (continues a kept draft)",
    )
    .hint("write"),
    b(
        "journal.edit",
        &["e"],
        C::Edit,
        S::Pane(P::Journal),
        "edit the selected entry",
    )
    .hint("edit"),
    b(
        "journal.delete",
        &["d"],
        C::Delete,
        S::Pane(P::Journal),
        "delete the selected entry (asks first)",
    )
    .hint("delete"),
    // Habits
    b(
        "habits.tick",
        &["Space"],
        C::Toggle,
        S::Pane(P::Habits),
        "tick the selected day (asks the amount)",
    )
    .hint("tick"),
    b(
        "habits.day_before",
        &["h", "Left"],
        C::Left,
        S::Pane(P::Habits),
        "select the day before",
    )
    .hint("day"),
    b(
        "habits.day_after",
        &["l", "Right"],
        C::Right,
        S::Pane(P::Habits),
        "select the day after",
    ),
    b(
        "habits.new",
        &["n"],
        C::New,
        S::Pane(P::Habits),
        "add a habit",
    )
    .hint("add"),
    b(
        "habits.rename",
        &["e"],
        C::Edit,
        S::Pane(P::Habits),
        "rename the selected habit",
    )
    .hint("rename"),
    b(
        "habits.archive",
        &["d"],
        C::Delete,
        S::Pane(P::Habits),
        "archive the selected habit (asks first)",
    )
    .hint("archive"),
    // Intention
    b(
        "intention.new",
        &["n"],
        C::New,
        S::Pane(P::Intention),
        "set the intention for your next session",
    )
    .hint("set"),
    b(
        "intention.edit",
        &["e"],
        C::Edit,
        S::Pane(P::Intention),
        "edit the selected intention",
    )
    .hint("edit"),
    b(
        "intention.reflect",
        &["r"],
        C::Reflect,
        S::Pane(P::Intention),
        "reflect on how it landed",
    )
    .hint("reflect"),
    b(
        "intention.delete",
        &["d"],
        C::Delete,
        S::Pane(P::Intention),
        "delete the selected intention (asks first)",
    )
    .hint("delete"),
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
];

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
        for bd in BINDINGS {
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
             journal.edit, journal.delete"
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
