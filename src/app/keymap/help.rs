//! The key table as people read it: the help overlay (with the keys in
//! effect) and docs/keys.md (with the defaults).

use super::{Binding, KeySpec, Keymap};

/// Rows of one place, as (title, [(row, keys in effect)]).
type Section<'a> = (String, Vec<(&'static Binding, &'a [KeySpec])>);

impl Keymap {
    /// The rows grouped by where they apply, in table order.
    fn sections(&self) -> Vec<Section<'_>> {
        let mut out: Vec<Section<'_>> = Vec::new();
        for (bd, keys) in self.rows() {
            let title = match bd.scope {
                super::Scope::Pane(p) => self.pane_title(p),
                scope => scope.title().to_string(),
            };
            match out.iter_mut().find(|(t, _)| *t == title) {
                Some((_, rows)) => rows.push((bd, keys)),
                None => out.push((title, vec![(bd, keys)])),
            }
        }
        out
    }

    /// The help text, grouped by scope, as (section, [(keys, help)]).
    pub fn help_sections(&self) -> Vec<(String, Vec<(String, &'static str)>)> {
        self.sections()
            .into_iter()
            .map(|(title, rows)| {
                let rows = rows
                    .into_iter()
                    .map(|(bd, keys)| (join(keys, |k| k.to_string(), " / "), bd.help))
                    .collect();
                (title, rows)
            })
            .collect()
    }
}

fn join(keys: &[KeySpec], show: impl Fn(&KeySpec) -> String, sep: &str) -> String {
    keys.iter().map(show).collect::<Vec<_>>().join(sep)
}

/// docs/keys.md, generated from the defaults in [`super::BINDINGS`]
/// (tests/docs.rs keeps the file in step).
pub fn keys_markdown() -> String {
    let mut out = String::from(
        "# Keys\n\nGenerated from `src/app/keymap/table.rs` by `UPDATE_DOCS=1 cargo test --test \
         docs`; the help overlay (`?`) shows the same table, with any keys you changed.\n\nA pane \
         key applies when that pane has focus; pane keys win over keys for everywhere. When \
         afterglow asks a yes/no question, only `y` answers yes (never `Enter`, so a reflexive \
         key cannot delete anything); `n` or `Esc` answers no. After a delete, or archiving a \
         habit, `u` puts it back for 30 seconds; one step: a second delete takes the first \
         one's place. Meanwhile `q` says so once, and `q` again quits (`Ctrl-c` quits at \
         once).\n\nThese are the defaults. To \
         change a key, give its command (the last column) new keys in the `[keys]` section of \
         the config file, e.g. `journal.new = \"w\"` or `quit = [\"q\", \"x\"]`; see \
         docs/config.md. `Ctrl-c` always quits. Keys in dialogs, in the yes/no question and \
         inside the help and entry views are fixed.\n",
    );
    for (title, rows) in Keymap::default().sections() {
        out.push_str(&format!(
            "\n## {title}\n\n| keys | what they do | command |\n| --- | --- | --- |\n"
        ));
        for (bd, keys) in rows {
            let keys = join(keys, |k| format!("`{k}`"), ", ");
            let name = if bd.configurable() {
                format!("`{}`", bd.name)
            } else {
                "(fixed)".to_string()
            };
            out.push_str(&format!("| {keys} | {} | {name} |\n", bd.help));
        }
    }
    out.push_str(
        "\n## In the help, an entry, a session or a therapy visit\n\nThe view scrolls by the \
         rows it shows, wrapped at the window's width; its bottom edge says which rows show and \
         whether there is more. The edit key of the list it was opened from (`e`) edits what \
         it shows: an entry from the journal, a session or a visit from the timeline.\n\n| keys | what they do |\n| --- | --- |\n",
    );
    for (keys, what) in crate::app::reading::VIEW_KEYS {
        let keys = keys
            .split(", ")
            .map(|k| format!("`{}`", k.replace(" / ", "`, `")))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!("| {keys} | {what} |\n"));
    }
    out.push_str(&crate::app::legend::markdown());
    out.push_str(
        "\nWith the mouse: click a row to focus its pane and select it; the wheel moves the \
         selection in the pane under the pointer (which takes the focus), and scrolls the help, \
         an entry or a session shown over the dashboard. A click outside such a view closes it; \
         a click never closes a dialog or a question (words typed there stay), nor the crisis \
         lines.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::{BINDINGS, Override};

    #[test]
    fn the_markdown_lists_every_command() {
        let md = keys_markdown();
        for bd in BINDINGS.iter().filter(|bd| bd.configurable()) {
            assert!(md.contains(&format!("| `{}` |", bd.name)), "{}", bd.name);
        }
        assert!(md.contains("| `Enter` | confirm | (fixed) |"));
        assert!(md.contains("| `q`, `Ctrl-c` | quit (drafts are kept) | `quit` |"));
        // Each place has one heading, in table order.
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## Always, even while writing",
                "## Everywhere",
                "## 1 Timeline",
                "## 2 Journal",
                "## 3 Habits",
                "## 4 Intention",
                "## 5 Insights",
                "## Journal editor",
                "## Dialogs",
                "## In the help, an entry, a session or a therapy visit",
                "## Symbols"
            ]
        );
    }

    #[test]
    fn the_help_shows_the_keys_in_effect() {
        let map = Keymap::with_overrides(&[Override {
            name: "help".into(),
            keys: vec!["F1".parse().unwrap(), "?".parse().unwrap()],
        }])
        .unwrap();
        let help = map.help_sections();
        assert_eq!(help[0].0, "Always, even while writing");
        assert_eq!(
            help[0].1[0],
            (
                "Ctrl-g".to_string(),
                "crisis lines and where to find help, from anywhere"
            )
        );
        assert_eq!(help[1].0, "Everywhere");
        assert_eq!(
            help[1].1[0],
            ("q / Ctrl-c".to_string(), "quit (drafts are kept)")
        );
        assert_eq!(
            help[1].1[1],
            ("F1 / ?".to_string(), "show or hide this help")
        );
        let rows: usize = help.iter().map(|(_, rows)| rows.len()).sum();
        assert_eq!(rows, BINDINGS.len());
    }
}
