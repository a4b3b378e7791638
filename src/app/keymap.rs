//! Key bindings as data. The help overlay, the footer hints and docs/keys.md
//! are generated from the same table that resolves keys, so they cannot
//! drift apart. The config's `[keys]` section replaces the keys of named
//! rows ([`Keymap::with_overrides`]); the rows themselves never change.

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

    /// Where a key means something, for messages ("in the habits pane").
    fn place(self) -> &'static str {
        match self {
            Scope::Global => "on the dashboard",
            Scope::Pane(PaneId::Timeline) => "in the timeline pane",
            Scope::Pane(PaneId::Journal) => "in the journal pane",
            Scope::Pane(PaneId::Habits) => "in the habits pane",
            Scope::Pane(PaneId::Intention) => "in the intention pane",
            Scope::Editor => "in the journal editor",
            Scope::Form => "in dialogs",
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

/// How keys are written, for messages about a key that is not.
pub const KEY_SYNTAX: &str = "keys are written like `q`, `G`, `?`, `Ctrl-s`, `Alt-x`, \
     `Shift-Tab`, `Enter`, `Esc`, `Space`, `Tab`, `Up`, `Down`, `Left`, `Right`, `Home`, \
     `End`, `PageUp`, `PageDown`, `Backspace`, `Delete` or `F1` to `F12`";

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

/// `F1` to `F12`.
fn function_key(s: &str) -> Option<u8> {
    let digits = s.strip_prefix(['F', 'f'])?;
    if digits.starts_with('0') {
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
                None => write!(f, "{code:?}"),
            },
        }
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

    /// The events this key answers to, reduced to one value: two keys with
    /// the same `norm` match exactly the same key presses (see `matches`).
    fn norm(&self) -> (KeyCode, KeyModifiers) {
        let mods = self.mods & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self.code {
            KeyCode::BackTab => (KeyCode::BackTab, KeyModifiers::NONE),
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                (KeyCode::Char(c.to_ascii_lowercase()), mods)
            }
            code => (code, mods),
        }
    }

    /// Whether the journal editor needs this key for writing: characters,
    /// Enter, Tab, and the keys that move the cursor or delete.
    fn types_text(&self) -> bool {
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
    fn is_ctrl_c(&self) -> bool {
        self.norm() == (KeyCode::Char('c'), KeyModifiers::CONTROL)
    }
}

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

/// The default key map. Pane bindings come before global ones so that a
/// pane can give a key its own meaning.
pub const BINDINGS: &[Binding] = &[
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

const CTRL_C: KeySpec = KeySpec {
    code: KeyCode::Char('c'),
    mods: KeyModifiers::CONTROL,
};

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

/// One entry of the config's `[keys]` section: a row's name and the keys
/// that replace its defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub name: String,
    pub keys: Vec<KeySpec>,
}

/// Why a set of overrides was refused. `entry` is the index of the override
/// to blame (the later one in the file when two clash), `key` the index of
/// the key within it when one key is the problem; the config turns these
/// into a line. The message names the command and the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    pub entry: usize,
    pub key: Option<usize>,
    pub message: String,
}

impl Keymap {
    /// The defaults with `overrides` applied, or the first problem (by
    /// position in `overrides`, which the config gives in file order).
    /// Refused: unknown names, the fixed dialog keys, an empty list, a key
    /// the editor needs for writing, Ctrl-c for anything but quitting, two
    /// commands sharing a key where one would hide the other, and a
    /// command of the whole dashboard whose every key a pane takes over.
    pub fn with_overrides(overrides: &[Override]) -> Result<Keymap, OverrideError> {
        let mut map = Keymap::default();
        let mut set_by: Vec<Option<usize>> = vec![None; BINDINGS.len()];
        for (entry, o) in overrides.iter().enumerate() {
            let fail = |key: Option<usize>, message: String| {
                Err(OverrideError {
                    entry,
                    key,
                    message,
                })
            };
            let name = o.name.as_str();
            let row = match row_named(name) {
                Ok(row) => row,
                Err(message) => return fail(None, message),
            };
            let bd = &BINDINGS[row];
            if set_by[row].is_some() {
                return fail(None, format!("`{name}` is set twice; keep one of them"));
            }
            if o.keys.is_empty() {
                return fail(
                    None,
                    format!("`{name}` needs at least one key; with none it could not be used"),
                );
            }
            let mut keys: Vec<KeySpec> = Vec::with_capacity(o.keys.len() + 1);
            for (i, k) in o.keys.iter().enumerate() {
                if let Some(problem) = key_problem(bd, k) {
                    return fail(Some(i), problem);
                }
                if keys.iter().any(|x| x.norm() == k.norm()) {
                    return fail(Some(i), format!("`{name}` lists `{k}` twice"));
                }
                keys.push(*k);
            }
            if bd.command == Command::Quit && !keys.iter().any(KeySpec::is_ctrl_c) {
                // Ctrl-c quits whatever the table says (app.rs reads it
                // first); listing it keeps the help honest.
                keys.push(CTRL_C);
            }
            map.keys[row] = keys;
            set_by[row] = Some(entry);
        }
        match map
            .clashes(&set_by)
            .into_iter()
            .min_by_key(|e| (e.entry, e.key))
        {
            Some(e) => Err(e),
            None => Ok(map),
        }
    }

    /// Keys shared where one binding would hide another. Only pairs with at
    /// least one row from the config are looked at: the defaults are known
    /// to be free of clashes (tested).
    fn clashes(&self, set_by: &[Option<usize>]) -> Vec<OverrideError> {
        let mut out = Vec::new();
        let shares = |a: usize, b: usize| {
            self.keys[a]
                .iter()
                .find(|x| self.keys[b].iter().any(|y| y.norm() == x.norm()))
                .copied()
        };
        let key_index =
            |row: usize, k: &KeySpec| self.keys[row].iter().position(|x| x.norm() == k.norm());
        let by_default = |row: usize| {
            if set_by[row].is_none() {
                " by default"
            } else {
                ""
            }
        };
        for a in 0..BINDINGS.len() {
            for b in a + 1..BINDINGS.len() {
                if BINDINGS[a].scope != BINDINGS[b].scope {
                    continue;
                }
                let Some(shared) = shares(a, b) else {
                    continue;
                };
                // The later entry in the file is blamed; `None` sorts first.
                let (blamed, other) = if set_by[a] > set_by[b] {
                    (a, b)
                } else {
                    (b, a)
                };
                let Some(entry) = set_by[blamed] else {
                    continue;
                };
                out.push(OverrideError {
                    entry,
                    key: key_index(blamed, &shared),
                    message: format!(
                        "`{shared}` for `{}` is already used by `{}`{} {}; a key can do only \
                         one thing there, so give one of them another key",
                        BINDINGS[blamed].name,
                        BINDINGS[other].name,
                        by_default(other),
                        BINDINGS[blamed].scope.place(),
                    ),
                });
            }
        }
        // Pane keys win over keys of the whole dashboard. That is the point
        // of them, unless a pane takes every key a command has.
        for (g, global) in BINDINGS.iter().enumerate() {
            if global.scope != Scope::Global {
                continue;
            }
            for pane in PaneId::ALL {
                let scope = Scope::Pane(pane);
                let mut meanings: Vec<(KeySpec, usize)> = Vec::new();
                for k in &self.keys[g] {
                    let taker = (0..BINDINGS.len()).find(|&r| {
                        BINDINGS[r].scope == scope
                            && self.keys[r].iter().any(|x| x.norm() == k.norm())
                    });
                    match taker {
                        Some(r) => meanings.push((*k, r)),
                        None => break,
                    }
                }
                if meanings.len() < self.keys[g].len() {
                    continue;
                }
                // The later entry in the file is blamed, as above.
                let blamed = meanings
                    .iter()
                    .map(|(_, r)| *r)
                    .chain([g])
                    .max_by_key(|r| set_by[*r])
                    .unwrap_or(g);
                let Some(entry) = set_by[blamed] else {
                    continue;
                };
                let there = meanings
                    .iter()
                    .map(|(k, r)| format!("`{k}` means `{}`{}", BINDINGS[*r].name, by_default(*r)))
                    .collect::<Vec<_>>()
                    .join(" and ");
                out.push(OverrideError {
                    entry,
                    key: meanings
                        .iter()
                        .find(|(_, r)| *r == blamed)
                        .and_then(|(k, _)| key_index(blamed, k)),
                    message: format!(
                        "`{}` could not be used {}: there {there}; give `{}` a key that pane \
                         leaves free",
                        global.name,
                        scope.place(),
                        global.name,
                    ),
                });
            }
        }
        out
    }

    /// Finds the command for a key on the dashboard with `focus` focused.
    pub fn resolve_dashboard(&self, key: &KeyEvent, focus: PaneId) -> Option<Command> {
        self.find(key, Scope::Pane(focus))
            .or_else(|| self.find(key, Scope::Global))
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

    /// The help text, grouped by scope, as (section, [(keys, help)]).
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let mut out: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
        for (bd, keys) in self.rows() {
            let title = bd.scope.title();
            let keys = join_keys(keys, " / ");
            match out.iter_mut().find(|(t, _)| *t == title) {
                Some((_, rows)) => rows.push((keys, bd.help)),
                None => out.push((title, vec![(keys, bd.help)])),
            }
        }
        out
    }
}

fn join_keys(keys: &[KeySpec], sep: &str) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
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

/// Why `key` cannot be given to the row `bd`, if it cannot.
fn key_problem(bd: &Binding, key: &KeySpec) -> Option<String> {
    let name = bd.name;
    if key.mods.contains(KeyModifiers::SHIFT) && key.code != KeyCode::BackTab {
        // Terminals send Shift as part of the character (`G`, `?`), and
        // most cannot report it with other keys at all.
        return Some(match key.code {
            KeyCode::Char(c) if c.is_ascii_lowercase() => format!(
                "`{key}` for `{name}`: write the capital letter itself, `{}`",
                c.to_ascii_uppercase()
            ),
            KeyCode::Char(_) => format!(
                "`{key}` for `{name}`: write the character Shift gives on your keyboard, \
                 such as `G` or `?`"
            ),
            _ => format!(
                "`{key}` for `{name}` cannot be told apart from the key without Shift; \
                 Shift goes only with Tab (`Shift-Tab`)"
            ),
        });
    }
    if key.is_ctrl_c() && bd.command != Command::Quit {
        return Some(format!(
            "`Ctrl-c` always quits (and cancels a dialog), so it cannot be used for `{name}`"
        ));
    }
    if bd.scope == Scope::Editor && key.types_text() {
        return Some(format!(
            "`{key}` is needed for writing in the journal editor, so it cannot be used for \
             `{name}`; choose a key with Ctrl or Alt, such as `Ctrl-s`, or Esc"
        ));
    }
    None
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
    let close: Vec<String> = names()
        .filter(|n| edit_distance(name, n) <= 2 || n.rsplit('.').next() == Some(name))
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

/// Levenshtein distance over characters; names are short.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// docs/keys.md, generated from the defaults in [`BINDINGS`]
/// (tests/docs.rs keeps the file in step).
pub fn keys_markdown() -> String {
    let mut out = String::from(
        "# Keys\n\nGenerated from `src/app/keymap.rs` by `UPDATE_DOCS=1 cargo test --test docs`; \
         the help overlay (`?`) shows the same table, with any keys you changed.\n\nA pane key \
         applies when that pane has focus; pane keys win over keys for everywhere. When afterglow \
         asks a yes/no question, only `y` answers yes (never `Enter`, so a reflexive key cannot \
         delete anything); `n` or `Esc` answers no.\n\nThese are the defaults. To change a key, \
         give its command (the last column) new keys in the `[keys]` section of the config file, \
         e.g. `journal.new = \"w\"` or `quit = [\"q\", \"x\"]`; see docs/config.md. `Ctrl-c` \
         always quits. Keys in dialogs, in the yes/no question and inside the help and entry \
         views are fixed.\n",
    );
    let map = Keymap::default();
    let mut section = "";
    for (bd, keys) in map.rows() {
        let title = bd.scope.title();
        if title != section {
            section = title;
            out.push_str(&format!(
                "\n## {section}\n\n| keys | what they do | command |\n| --- | --- | --- |\n"
            ));
        }
        let keys = keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let name = if bd.configurable() {
            format!("`{}`", bd.name)
        } else {
            "(fixed)".to_string()
        };
        out.push_str(&format!("| {keys} | {} | {name} |\n", bd.help));
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

    fn key(s: &str) -> KeySpec {
        s.parse().unwrap()
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    /// `[keys]` entries as (name, keys).
    type Pairs<'a> = &'a [(&'a str, &'a [&'a str])];

    fn set(pairs: Pairs) -> Result<Keymap, OverrideError> {
        let overrides: Vec<Override> = pairs
            .iter()
            .map(|(name, keys)| Override {
                name: name.to_string(),
                keys: keys.iter().map(|k| key(k)).collect(),
            })
            .collect();
        Keymap::with_overrides(&overrides)
    }

    fn refused(pairs: Pairs) -> OverrideError {
        match set(pairs) {
            Ok(_) => panic!("{pairs:?} was accepted"),
            Err(e) => e,
        }
    }

    #[test]
    fn every_shipped_key_parses_and_prints_as_written() {
        for bd in BINDINGS {
            for k in bd.keys {
                let spec: KeySpec = k.parse().unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(spec.to_string(), *k);
            }
        }
        assert_eq!(
            Keymap::default()
                .keys
                .iter()
                .map(Vec::len)
                .collect::<Vec<_>>(),
            BINDINGS.iter().map(|bd| bd.keys.len()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn bad_keys_are_errors_not_panics() {
        for bad in [
            "", "Ctrl-", "Hyper-x", "Spacebar", "ab", "F0", "F13", "F01", "Ctrl", "-x-", "é́",
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
    fn the_defaults_pass_every_check() {
        // Giving every row its own defaults runs each check on each pair.
        let all: Vec<(&str, &[&str])> = BINDINGS
            .iter()
            .filter(|bd| bd.configurable())
            .map(|bd| (bd.name, bd.keys))
            .collect();
        assert_eq!(set(&all).unwrap(), Keymap::default());
        assert_eq!(set(&[]).unwrap(), Keymap::default());
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

    #[test]
    fn a_rebound_key_replaces_the_defaults() {
        let map = set(&[
            ("help", &["F1"]),
            ("journal.new", &["w"]),
            ("editor.save", &["Ctrl-w", "Alt-s"]),
        ])
        .unwrap();
        let press = |c| ev(KeyCode::Char(c), KeyModifiers::NONE);
        let f1 = ev(KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(
            map.resolve_dashboard(&f1, PaneId::Habits),
            Some(Command::Help)
        );
        assert_eq!(map.resolve_dashboard(&press('?'), PaneId::Habits), None);
        assert_eq!(
            map.resolve_dashboard(&press('w'), PaneId::Journal),
            Some(Command::New)
        );
        assert_eq!(map.resolve_dashboard(&press('n'), PaneId::Journal), None);
        // Other panes keep their own `n`.
        assert_eq!(
            map.resolve_dashboard(&press('n'), PaneId::Habits),
            Some(Command::New)
        );
        let ctrl = |c| ev(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(map.resolve_editor(&ctrl('w')), Some(Command::Save));
        assert_eq!(
            map.resolve_editor(&ev(KeyCode::Char('s'), KeyModifiers::ALT)),
            Some(Command::Save)
        );
        assert_eq!(map.resolve_editor(&ctrl('s')), None);
        let help: Vec<_> = map.help_sections();
        assert_eq!(help[0].1[1], ("F1".to_string(), "show or hide this help"));
    }

    #[test]
    fn two_commands_may_swap_keys() {
        let map = set(&[("journal.new", &["e"]), ("journal.edit", &["n"])]).unwrap();
        let press = |c| ev(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            map.resolve_dashboard(&press('e'), PaneId::Journal),
            Some(Command::New)
        );
        assert_eq!(
            map.resolve_dashboard(&press('n'), PaneId::Journal),
            Some(Command::Edit)
        );
    }

    #[test]
    fn quit_always_keeps_ctrl_c() {
        let map = set(&[("quit", &["x"])]).unwrap();
        assert_eq!(map.keys("quit").unwrap(), &[key("x"), key("Ctrl-c")]);
        let map = set(&[("quit", &["Ctrl-C", "x"])]).unwrap();
        assert_eq!(map.keys("quit").unwrap(), &[key("Ctrl-c"), key("x")]);
    }

    #[test]
    fn clashes_name_both_commands_and_blame_the_later_entry() {
        let e = refused(&[("help", &["q"])]);
        assert_eq!(
            e,
            OverrideError {
                entry: 0,
                key: Some(0),
                message: "`q` for `help` is already used by `quit` by default on the \
                          dashboard; a key can do only one thing there, so give one of them \
                          another key"
                    .into()
            }
        );
        let e = refused(&[("up", &["Up"]), ("help", &["F1"]), ("down", &["x", "Up"])]);
        assert_eq!((e.entry, e.key), (2, Some(1)));
        assert!(
            e.message
                .starts_with("`Up` for `down` is already used by `up` on"),
            "{e:?}"
        );
        // Control letters match either case, so they clash too.
        let e = refused(&[("editor.save", &["Ctrl-P"])]);
        assert!(e.message.contains("`Ctrl-p` for `editor.save` is already used by `editor.prompt` by default in the journal editor"), "{e:?}");
        // A global command that a pane hides entirely.
        let e = refused(&[("help", &["h"])]);
        assert_eq!(
            e.message,
            "`help` could not be used in the habits pane: there `h` means \
             `habits.day_before` by default; give `help` a key that pane leaves free"
        );
        assert_eq!((e.entry, e.key), (0, None));
        let e = refused(&[("help", &["F1"]), ("timeline.plan", &["F1"])]);
        assert_eq!((e.entry, e.key), (1, Some(0)));
        assert!(e.message.contains("in the timeline pane"), "{e:?}");
        // Hidden in one pane but reachable there with another key: fine.
        assert!(set(&[("help", &["h", "?"])]).is_ok());
        // Scopes that are never active together may share keys.
        assert!(set(&[("editor.save", &["Ctrl-n"]), ("timeline.new", &["Ctrl-n"])]).is_ok());
    }

    #[test]
    fn keys_that_cannot_work_are_refused_with_reasons() {
        let cases: [(Pairs, &str); 9] = [
            (
                &[("editor.save", &["s"])],
                "`s` is needed for writing in the journal editor",
            ),
            (
                &[("editor.save", &["Enter"])],
                "`Enter` is needed for writing",
            ),
            (
                &[("editor.close", &["Shift-Left"])],
                "Shift goes only with Tab",
            ),
            (
                &[("bottom", &["Shift-g"])],
                "write the capital letter itself, `G`",
            ),
            (&[("help", &["Shift-/"])], "write the character Shift gives"),
            (&[("help", &["Ctrl-c"])], "`Ctrl-c` always quits"),
            (&[("quit", &[])], "`quit` needs at least one key"),
            (&[("quit", &["x", "X", "x"])], "`quit` lists `x` twice"),
            (
                &[("dialog.confirm", &["Ctrl-o"])],
                "keys in dialogs are fixed",
            ),
        ];
        for (pairs, want) in cases {
            let e = refused(pairs);
            assert!(e.message.contains(want), "{pairs:?}: {e:?}");
        }
        let e = refused(&[("help", &["F1"]), ("help", &["F2"])]);
        assert_eq!(
            (e.entry, e.message.as_str()),
            (1, "`help` is set twice; keep one of them")
        );
        // Keys with Ctrl or Alt, and Esc, are fine in the editor.
        assert!(set(&[("editor.close", &["Alt-q", "Esc", "PageUp"])]).is_ok());
    }

    #[test]
    fn unknown_names_suggest_close_ones() {
        let msg = |name: &str| refused(&[(name, &["x"])]).message;
        assert_eq!(
            msg("jounral.new"),
            "unknown command `jounral.new` in [keys]; did you mean `journal.new`?"
        );
        assert_eq!(
            msg("save"),
            "unknown command `save` in [keys]; did you mean `editor.save`?"
        );
        assert!(msg("next-pane").contains("did you mean `next_pane`?"));
        assert_eq!(
            msg("journal.write_more"),
            "unknown command `journal.write_more` in [keys]; known commands: journal.new, \
             journal.edit, journal.delete"
        );
        let all = msg("Hyper");
        assert!(
            all.contains("known commands: quit, help, next_pane"),
            "{all}"
        );
        assert!(!all.contains("dialog."), "{all}");
    }

    #[test]
    fn the_markdown_lists_every_command() {
        let md = keys_markdown();
        for bd in BINDINGS.iter().filter(|bd| bd.configurable()) {
            assert!(md.contains(&format!("| `{}` |", bd.name)), "{}", bd.name);
        }
        assert!(md.contains("| `Enter` | confirm | (fixed) |"));
    }
}
