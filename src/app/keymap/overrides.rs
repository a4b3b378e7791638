//! The config's `[keys]` applied to the key table, with every check that
//! keeps each command reachable: a key the config gives must be one the
//! terminal can send, must not be taken by something read first, and must
//! not hide or be hidden by another command.

use crossterm::event::{KeyCode, KeyModifiers};

use super::spec::CTRL_C;
use super::table::{BINDINGS, Binding, row_named};
use super::{KeySpec, Keymap, Scope};
use crate::app::action::{Command, PaneId};

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
        // Which override set each row, so that a clash can blame the line.
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
                if keys.iter().any(|x| x.same_as(k)) {
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
        let holds = |row: usize, k: &KeySpec| self.keys[row].iter().any(|x| x.same_as(k));
        let key_index = |row: usize, k: &KeySpec| self.keys[row].iter().position(|x| x.same_as(k));
        let by_default = |row: usize| {
            if set_by[row].is_none() {
                " by default"
            } else {
                ""
            }
        };
        for a in 0..BINDINGS.len() {
            for b in a + 1..BINDINGS.len() {
                // A key that works anywhere meets every other key.
                let anywhere =
                    BINDINGS[a].scope == Scope::Anywhere || BINDINGS[b].scope == Scope::Anywhere;
                if BINDINGS[a].scope != BINDINGS[b].scope && !anywhere {
                    continue;
                }
                let Some(shared) = self.keys[a].iter().find(|k| holds(b, k)).copied() else {
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
                // Where the two meet: for a key that works anywhere, the
                // other command's place.
                let place = if BINDINGS[blamed].scope == Scope::Anywhere {
                    BINDINGS[other].scope.place()
                } else {
                    BINDINGS[blamed].scope.place()
                };
                out.push(OverrideError {
                    entry,
                    key: key_index(blamed, &shared),
                    message: format!(
                        "`{shared}` for `{}` is already used by `{}`{} {place}; a key can do \
                         only one thing there, so give one of them another key",
                        BINDINGS[blamed].name,
                        BINDINGS[other].name,
                        by_default(other),
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
            for pane in PaneId::all() {
                let scope = Scope::Pane(pane);
                let taker = |k: &KeySpec| {
                    (0..BINDINGS.len()).find(|&r| BINDINGS[r].scope == scope && holds(r, k))
                };
                // `None` as soon as one key is left free in this pane.
                let Some(meanings) = self.keys[g]
                    .iter()
                    .map(|k| taker(k).map(|r| (*k, r)))
                    .collect::<Option<Vec<(KeySpec, usize)>>>()
                else {
                    continue;
                };
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
            // Space has no shifted character to write instead.
            KeyCode::Char(c) if c != ' ' => format!(
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
    if bd.scope == Scope::Anywhere && key.types_text() {
        return Some(format!(
            "`{key}` types text or moves through it, and `{name}` must work while you \
             write, so it needs a key with Ctrl or Alt that nothing else uses, such as \
             `Ctrl-g`, or a function key such as `F2`"
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
        assert_eq!(help[1].1[1], ("F1".to_string(), "show or hide this help"));
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
        let cases: [(Pairs, &str); 11] = [
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
            (
                &[("help", &["Shift-Space"])],
                "`Shift-Space` for `help` cannot be told apart from the key without Shift",
            ),
            (
                &[("jounral.new", &["w"])],
                "unknown command `jounral.new` in [keys]; did you mean `journal.new`?",
            ),
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
            (e.entry, e.key, e.message.as_str()),
            (1, None, "`help` is set twice; keep one of them")
        );
        // The key to blame is the one at fault, not the first of the list.
        let e = refused(&[("up", &["k", "Ctrl-c"])]);
        assert_eq!((e.entry, e.key), (0, Some(1)));
        // Keys with Ctrl or Alt, and Esc, are fine in the editor.
        assert!(set(&[("editor.close", &["Alt-q", "Esc", "PageUp"])]).is_ok());
    }
}
