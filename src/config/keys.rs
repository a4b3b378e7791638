//! `[keys]`: new keys for the commands of the key table. Read from the
//! raw TOML tree rather than through serde, because a command's name may
//! be dotted (`journal.new = "n"` is a nested table to TOML); the rules
//! about which keys may go where belong to the key table
//! (`app::keymap`), which this turns into messages with lines.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{ConfigError, Doc, shown, with_article};
use crate::app::keymap::{self, BINDINGS, KeySpec, Keymap, Override};

impl Doc<'_> {
    fn keys_error(&self, span: &Range<usize>, name: &str, message: String) -> ConfigError {
        ConfigError::Keys {
            path: self.path.to_path_buf(),
            line: self.line(span),
            name: name.to_string(),
            message,
        }
    }

    /// `[keys]`: each entry names a row of the key table and gives the keys
    /// that replace its defaults, as one key or a list.
    pub(super) fn keys(&self, tree: &Spanned<DeTable<'_>>) -> Result<Keymap, ConfigError> {
        let Some(section) = tree.get_ref().get("keys") else {
            return Ok(Keymap::default());
        };
        // `check_names` has made sure that [keys] is a table.
        let Some(table) = section.get_ref().as_table() else {
            return Ok(Keymap::default());
        };
        let mut entries = Vec::new();
        flatten("", table, &mut entries);
        // In file order, so that the first problem in the file is reported.
        entries.sort_by_key(|e| e.name_span.start);
        let mut overrides = Vec::with_capacity(entries.len());
        let mut key_spans = Vec::with_capacity(entries.len());
        for e in &entries {
            let (keys, spans) = self.key_list(e)?;
            overrides.push(Override {
                name: e.name.clone(),
                keys,
            });
            key_spans.push(spans);
        }
        Keymap::with_overrides(&overrides).map_err(|err| {
            let entry = &entries[err.entry];
            let span = err
                .key
                .and_then(|k| key_spans[err.entry].get(k))
                .unwrap_or(&entry.name_span);
            self.keys_error(span, &entry.shown(), err.message)
        })
    }

    /// The keys of one `[keys]` entry, each with where it is written.
    fn key_list(
        &self,
        e: &KeyEntry<'_, '_>,
    ) -> Result<(Vec<KeySpec>, Vec<Range<usize>>), ConfigError> {
        let shown = e.shown();
        let name = shown.as_str();
        let shape = |span: &Range<usize>, got: String| {
            self.keys_error(
                span,
                name,
                format!(
                    "`{name}` must be a key or a list of keys, such as \"q\" or \
                     [\"q\", \"Ctrl-c\"] (got {got})"
                ),
            )
        };
        // An unknown name first: what its keys are matters only after.
        keymap::row_named(&e.name)
            .map_err(|message| self.keys_error(&e.name_span, name, message))?;
        let items: Vec<&Spanned<DeValue<'_>>> = match e.value.get_ref() {
            DeValue::String(_) => vec![e.value],
            DeValue::Array(list) => list.iter().collect(),
            // A table's own span may start at its header or its first key;
            // its name is where the person wrote it.
            DeValue::Table(_) => return Err(shape(&e.name_span, "a table".to_string())),
            other => return Err(shape(&e.value.span(), with_article(other.type_str()))),
        };
        let mut keys = Vec::with_capacity(items.len());
        let mut spans = Vec::with_capacity(items.len());
        for item in items {
            let Some(text) = item.get_ref().as_str() else {
                let got = format!("a list holding {}", with_article(item.get_ref().type_str()));
                return Err(shape(&item.span(), got));
            };
            let key = text.parse::<KeySpec>().map_err(|_| {
                self.keys_error(
                    &item.span(),
                    name,
                    format!(
                        "unknown key `{}` for `{name}`; {}",
                        text.escape_debug(),
                        keymap::KEY_SYNTAX
                    ),
                )
            })?;
            keys.push(key);
            spans.push(item.span());
        }
        Ok((keys, spans))
    }
}

/// One leaf of `[keys]`, its name joined from any dotted or nested parts.
pub(super) struct KeyEntry<'t, 'i> {
    pub(super) name: String,
    name_span: Range<usize>,
    value: &'t Spanned<DeValue<'i>>,
}

impl KeyEntry<'_, '_> {
    fn shown(&self) -> String {
        shown(&self.name)
    }
}

/// `journal.new = "n"`, `"journal.new" = "n"`, `[keys.journal] new = "n"`
/// and `journal = { new = "n" }` all name the same row.
pub(super) fn flatten<'t, 'i>(
    prefix: &str,
    table: &'t DeTable<'i>,
    out: &mut Vec<KeyEntry<'t, 'i>>,
) {
    for (key, value) in table.iter() {
        let name = format!("{prefix}{}", key.get_ref());
        match value.get_ref().as_table() {
            // A table is a group of commands (`[keys.journal]`). A table
            // named like a command (`quit = {}`), or an empty one named
            // like no group (`[keys.jounral]`), is kept as a leaf instead,
            // so that it is refused by name or shape rather than dropped.
            Some(inner) if !is_command(&name) && (!inner.is_empty() || is_group(&name)) => {
                flatten(&format!("{name}."), inner, out);
            }
            _ => out.push(KeyEntry {
                name,
                name_span: key.span(),
                value,
            }),
        }
    }
}

fn is_command(name: &str) -> bool {
    BINDINGS.iter().any(|bd| bd.name == name)
}

/// Whether `name` is the first part of some command's name (`journal`).
fn is_group(name: &str) -> bool {
    BINDINGS.iter().any(|bd| {
        bd.name
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::testing::{err, origin};
    use crate::config::{Settings, parse};

    fn keys_of(s: &Settings, name: &str) -> Vec<String> {
        s.keys
            .keys(name)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn keys_can_be_written_in_every_toml_spelling() {
        let spellings = [
            "[keys]\njournal.new = \"w\"\n",
            "[keys]\n\"journal.new\" = \"w\"\n",
            "[keys]\njournal.new = [\"w\"]\n",
            "[keys.journal]\nnew = \"w\"\n",
            "keys = { journal = { new = \"w\" } }\n",
            "keys.journal.new = \"w\"\n",
        ];
        for text in spellings {
            let s = parse(text, origin()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(keys_of(&s, "journal.new"), ["w"], "{text:?}");
            // Everything else keeps its defaults.
            assert_eq!(keys_of(&s, "timeline.new"), ["n"], "{text:?}");
            assert_eq!(keys_of(&s, "quit"), ["q", "Ctrl-c"], "{text:?}");
        }
        let s = parse(
            "[keys]\nquit = [\"x\", \"ctrl-q\"]\nhelp = \"F1\"\neditor.save = \"Alt-s\"\n",
            origin(),
        )
        .unwrap();
        assert_eq!(keys_of(&s, "quit"), ["x", "Ctrl-q", "Ctrl-c"]);
        assert_eq!(keys_of(&s, "help"), ["F1"]);
        assert_eq!(keys_of(&s, "editor.save"), ["Alt-s"]);
        assert_eq!(parse("[keys]\n", origin()).unwrap().keys, Keymap::default());
    }

    #[test]
    fn key_errors_name_the_file_the_line_and_the_command() {
        let cases = [
            (
                "[keys]\nquit = [\"q\", \"Hyper-x\"]\n",
                2,
                "quit",
                "unknown key `Hyper-x` for `quit`; keys are written like `q`, `G`",
            ),
            (
                "[keys]\nquit = [\n  \"q\",\n  \"Hyper-x\",\n]\n",
                4,
                "quit",
                "unknown key `Hyper-x` for `quit`;",
            ),
            (
                "[keys.journal]\n# mine\nnew = \"\"\n",
                3,
                "journal.new",
                "unknown key `` for `journal.new`;",
            ),
            (
                "[keys]\n\nqiut = \"q\"\n",
                3,
                "qiut",
                "unknown command `qiut` in [keys]; did you mean `quit`?",
            ),
            (
                "[keys]\nhelp = [\"F1\", \"q\"]\n",
                2,
                "help",
                "`q` for `help` is already used by `quit` by default on the dashboard; \
                 a key can do only one thing there, so give one of them another key",
            ),
            (
                "[keys]\nup = \"x\"\n\ndown = [\n\"Down\",\n\"x\"]\n",
                6,
                "down",
                "`x` for `down` is already used by `up` on the dashboard;",
            ),
            (
                "[keys]\nhelp = \"h\"\n",
                2,
                "help",
                "`help` could not be used in the habits pane: there `h` means \
                 `habits.day_before` by default; give `help` a key that pane leaves free",
            ),
            (
                "[keys]\nquit = []\n",
                2,
                "quit",
                "`quit` needs at least one key; with none it could not be used",
            ),
            (
                "[keys]\nquit = 1\n",
                2,
                "quit",
                "`quit` must be a key or a list of keys, such as \"q\" or [\"q\", \"Ctrl-c\"] \
                 (got an integer)",
            ),
            (
                "[keys]\nquit = [\"q\", [\"x\"]]\n",
                2,
                "quit",
                "(got a list holding an array)",
            ),
            (
                "[keys]\neditor.save = \"s\"\n",
                2,
                "editor.save",
                "`s` is needed for writing in the journal editor, so it cannot be used for \
                 `editor.save`",
            ),
            (
                "[keys]\njournal.new = \"w\"\n\"journal.new\" = \"x\"\n",
                3,
                "journal.new",
                "`journal.new` is set twice; keep one of them",
            ),
            (
                "[keys]\ndialog.cancel = \"q\"\n",
                2,
                "dialog.cancel",
                "`dialog.cancel` cannot be changed: keys in dialogs are fixed",
            ),
            (
                "[keys]\nbottom = \"Shift-g\"\n",
                2,
                "bottom",
                "`Shift-g` for `bottom`: write the capital letter itself, `G`",
            ),
            (
                "[keys]\nhelp = \"Ctrl-c\"\n",
                2,
                "help",
                "`Ctrl-c` always quits (and cancels a dialog), so it cannot be used for `help`",
            ),
        ];
        for (text, want_line, want_name, want) in cases {
            match parse(text, origin()) {
                Err(e @ ConfigError::Keys { .. }) => {
                    let msg = e.to_string();
                    let ConfigError::Keys { line, name, .. } = e else {
                        unreachable!()
                    };
                    assert_eq!(
                        (line, name.as_str()),
                        (want_line, want_name),
                        "{text:?}: {msg}"
                    );
                    let prefix =
                        format!("/home/a/.config/afterglow/config.toml, line {want_line}: ");
                    assert!(msg.starts_with(&prefix), "{text:?}: {msg}");
                    assert!(msg.contains(want), "{text:?}: {msg}\nwanted: {want}");
                    assert!(msg.contains(&format!("`{want_name}`")), "{msg}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        // A quoted name may hold a line break; the message stays one line.
        assert_eq!(
            err("[keys]\n\"qu\\nit\" = [\"q\\n\"]\n"),
            "/home/a/.config/afterglow/config.toml, line 2: unknown command `qu\\nit` in \
             [keys]; did you mean `quit`?"
        );
        assert!(err("[keys]\nquit = [\"q\\n\"]\n").contains("unknown key `q\\n` for `quit`;"),);
        assert_eq!(
            err("keys = 3\n"),
            "/home/a/.config/afterglow/config.toml, line 1: `keys` must be a section written \
             as [keys] (got an integer)"
        );
    }

    #[test]
    fn tables_in_keys_are_refused_unless_they_group_commands() {
        let cases = [
            (
                "[keys]\nquit = {}\n",
                "line 2: `quit` must be a key or a list of keys, such as \"q\" or \
                 [\"q\", \"Ctrl-c\"] (got a table)",
            ),
            (
                "[keys.quit]\nx = \"q\"\n",
                "line 1: `quit` must be a key or a list of keys",
            ),
            (
                "[keys]\n\n[keys.jounral]\n",
                "line 3: unknown command `jounral` in [keys]; known commands: crisis, quit,",
            ),
            (
                "[keys.dialog.cancel]\n",
                "line 1: `dialog.cancel` cannot be changed: keys in dialogs are fixed",
            ),
            (
                "[[keys.journal]]\nnew = \"w\"\n",
                "line 1: unknown command `journal` in [keys]",
            ),
        ];
        for (text, want) in cases {
            let msg = err(text);
            assert!(
                msg.starts_with(&format!("{}, {want}", origin().display())),
                "{text:?}: {msg}"
            );
        }
        // An empty group changes nothing, as an empty [keys] does.
        for text in [
            "[keys.journal]\n",
            "[keys]\njournal = {}\n",
            "[keys.dialog]\n",
        ] {
            let s = parse(text, origin()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(s.keys, Keymap::default(), "{text:?}");
        }
        let s = parse("[keys.journal]\n[keys.habits]\nnew = \"a\"\n", origin()).unwrap();
        assert_eq!(keys_of(&s, "habits.new"), ["a"]);
    }

    #[test]
    fn keys_that_could_never_be_pressed_are_refused() {
        for (text, want) in [
            ("[keys]\nhelp = \"\\t\"\n", "unknown key `\\t` for `help`;"),
            ("[keys]\nhelp = \"F+1\"\n", "unknown key `F+1` for `help`;"),
            (
                "[keys]\nhelp = \"\\u001b\"\n",
                "unknown key `\\u{1b}` for `help`;",
            ),
        ] {
            let msg = err(text);
            assert!(msg.contains(want), "{text:?}: {msg}");
            assert!(!msg.contains('\u{1b}'), "{text:?}: {msg}");
        }
    }
}
