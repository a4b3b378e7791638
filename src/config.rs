//! The TOML config file: where it is looked for, what it may say, and what it
//! means. docs/config.md is the user-facing description of the same rules.
//!
//! The file is read in two passes over the same text. The first walks the
//! raw TOML tree so that a typo can be reported as "unknown key `x` in
//! [window]" with the key's own line; the second is serde, with every value
//! kept as a spanned `toml::Value` so that a wrong type or a bad number is
//! reported with its line and key, in our words rather than serde's.
//! Any problem is an error: the app never runs on a half-read config.
//!
//! This file holds [`Settings`] and the two passes. The sections are read
//! in `sections` (`[window]`, `[course]`, `[habits]`, `[care]`, `[insights]`, `[ui]`, with
//! `numbers` for whole numbers and the order between them), `keys` and
//! `colors`; `files` finds and reads the file, `show` writes settings back
//! as TOML, and `error` holds [`ConfigError`].

mod colors;
mod error;
mod files;
mod keys;
mod numbers;
pub mod questionnaires;
mod sections;
mod show;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::DeTable;
use toml::{Spanned, Value};

pub use colors::{COLOR_ROLES, Colors};
pub use error::ConfigError;
pub use files::{ConfigPath, config_path, db_path, default_config_path, load, load_from};
pub use show::to_toml;

use crate::app::keymap::Keymap;
use crate::domain::{CourseConfig, PlanConfig, WindowConfig};
use colors::COLOR_KEYS;
use error::line_at;
use sections::{
    CARE_KEYS, COURSE_KEYS, DEFAULT_HALF_LIFE_DAYS, DEFAULT_MOUSE, HABITS_KEYS, INSIGHTS_KEYS,
    PLAN_KEYS, RawCare, RawCourse, RawHabits, RawInsights, RawPlan, RawUi, RawWindow, UI_KEYS,
    WINDOW_KEYS,
};

/// The shipped config, every key at its default and commented. Embedded so
/// that it travels with the binary as a starting point to copy and edit.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

/// The sections and their keys. `[keys]` has no fixed list here: its names
/// are the key table's (`app::keymap::BINDINGS`), checked while it is read.
const SECTIONS: &[(&str, &[&str])] = &[
    ("window", &WINDOW_KEYS),
    ("course", &COURSE_KEYS),
    ("habits", &HABITS_KEYS),
    ("plan", &PLAN_KEYS),
    ("care", &CARE_KEYS),
    ("insights", &INSIGHTS_KEYS),
    ("ui", &UI_KEYS),
    ("keys", &[]),
    ("colors", COLOR_KEYS),
];

/// Everything the config decides, checked and in domain types.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub window: WindowConfig,
    pub course: CourseConfig,
    pub half_life_days: f64,
    /// The integration plan's own settings (`[plan]`).
    pub plan: PlanConfig,
    /// A journal or check-in mood at or below this gets a gentle answer
    /// with the crisis lines (`[care] low_mood`; 0 turns it off).
    pub low_mood: u8,
    /// The analysis's settings (`[insights]`).
    pub insights: crate::domain::insight::InsightConfig,
    pub mouse: bool,
    /// The keys in effect: the defaults with `[keys]` applied.
    pub keys: Keymap,
    /// The colours in effect (NO_COLOR still turns them all off).
    pub colors: Colors,
    /// The file these settings were read from; `None` for built-in defaults.
    pub source: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window: WindowConfig::default(),
            course: CourseConfig::default(),
            half_life_days: DEFAULT_HALF_LIFE_DAYS,
            plan: PlanConfig::default(),
            low_mood: crate::care::DEFAULT_LOW_MOOD,
            insights: crate::domain::insight::InsightConfig::default(),
            mouse: DEFAULT_MOUSE,
            keys: Keymap::default(),
            colors: Colors::default(),
            source: None,
        }
    }
}

/// The second pass. Each section's values stay spanned `Value`s, checked
/// by the section's reader.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawFile {
    window: RawWindow,
    course: RawCourse,
    habits: RawHabits,
    plan: RawPlan,
    care: RawCare,
    insights: RawInsights,
    ui: RawUi,
    // Read from the raw tree instead (see `keys`); declared so that serde
    // accepts the section.
    #[allow(dead_code)]
    keys: Option<Value>,
    // Names are checked against `COLOR_KEYS` in the first pass.
    colors: BTreeMap<String, Spanned<Value>>,
}

/// Reads config text. `origin` is the file it came from; it is used in
/// messages and kept as [`Settings::source`].
pub fn parse(text: &str, origin: &Path) -> Result<Settings, ConfigError> {
    let doc = Doc { text, path: origin };
    let tree = DeTable::parse(text).map_err(|e| doc.toml_error(&e))?;
    doc.check_names(&tree)?;
    let raw: RawFile = toml::from_str(text).map_err(|e| doc.toml_error(&e))?;
    Ok(Settings {
        window: doc.window(&raw.window)?,
        course: doc.course(&raw.course)?,
        half_life_days: doc.half_life(&raw.habits)?,
        plan: PlanConfig {
            therapy: doc.therapy(&raw.plan)?,
        },
        low_mood: doc.low_mood(&raw.care)?,
        insights: doc.insights(&raw.insights)?,
        mouse: doc.mouse(&raw.ui)?,
        keys: doc.keys(&tree)?,
        colors: doc.colors(&raw.colors)?,
        source: Some(origin.to_path_buf()),
    })
}

/// The text being read and the file it came from, for messages.
struct Doc<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Doc<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        line_at(self.text, span.start)
    }

    fn invalid(&self, key: &str, span: &Range<usize>, message: String) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line: self.line(span),
            key: key.to_string(),
            message,
        }
    }

    fn toml_error(&self, err: &toml::de::Error) -> ConfigError {
        ConfigError::Syntax {
            path: self.path.to_path_buf(),
            line: err.span().map(|s| self.line(&s)),
            message: err.message().trim().to_string(),
        }
    }

    /// Reports the first unknown section or key, by position in the file.
    fn check_names(&self, doc: &Spanned<DeTable<'_>>) -> Result<(), ConfigError> {
        let mut problems: Vec<(usize, ConfigError)> = Vec::new();
        let known_sections = SECTIONS
            .iter()
            .map(|(name, _)| format!("[{name}]"))
            .collect::<Vec<_>>()
            .join(", ");
        for (name, value) in doc.get_ref().iter() {
            let start = name.span().start;
            let Some((section, keys)) = SECTIONS.iter().find(|(s, _)| *s == name.get_ref()) else {
                if value.get_ref().as_table().is_none() {
                    // `key = value` above every [section].
                    problems.push((
                        start,
                        ConfigError::OutsideSections {
                            path: self.path.to_path_buf(),
                            line: self.line(&name.span()),
                            key: shown(name.get_ref()),
                            belongs: match SECTIONS
                                .iter()
                                .find(|(_, keys)| keys.contains(&name.get_ref().as_ref()))
                            {
                                Some((home, _)) => format!("this one goes under [{home}]"),
                                None => format!("known sections: {known_sections}"),
                            },
                        },
                    ));
                    continue;
                }
                problems.push((
                    start,
                    ConfigError::UnknownSection {
                        path: self.path.to_path_buf(),
                        line: self.line(&name.span()),
                        section: shown(name.get_ref()),
                        known: known_sections.clone(),
                    },
                ));
                continue;
            };
            let Some(table) = value.get_ref().as_table() else {
                problems.push((
                    start,
                    self.invalid(
                        section,
                        &name.span(),
                        format!(
                            "must be a section written as [{section}] (got {})",
                            with_article(value.get_ref().type_str())
                        ),
                    ),
                ));
                continue;
            };
            for (key, _) in table.iter() {
                // A colour renamed when plan steps stopped being "missed".
                if *section == "colors" && key.get_ref() == "plan_missed" {
                    problems.push((
                        key.span().start,
                        self.invalid(
                            "plan_missed",
                            &key.span(),
                            "is now called `plan_passed`: a step whose time went by \
                             passes quietly"
                                .into(),
                        ),
                    ));
                    continue;
                }
                // `[keys]` names are checked with their values, in `keys`.
                if *section != "keys" && !keys.contains(&key.get_ref().as_ref()) {
                    problems.push((
                        key.span().start,
                        ConfigError::UnknownKey {
                            path: self.path.to_path_buf(),
                            line: self.line(&key.span()),
                            section: section.to_string(),
                            key: shown(key.get_ref()),
                            known: keys.join(", "),
                        },
                    ));
                }
            }
        }
        match problems.into_iter().min_by_key(|(start, _)| *start) {
            Some((_, err)) => Err(err),
            None => Ok(()),
        }
    }
}

/// A name from the file as messages show it: a quoted TOML key may hold
/// anything, a line break or a terminal escape included.
fn shown(name: &str) -> String {
    name.escape_debug().to_string()
}

fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// A value as a person would recognise it in their file.
fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the text {s:?}; write numbers and true/false without quotes"),
        Value::Integer(n) => n.to_string(),
        // Debug keeps the ".0" of `48.0`, which is the point of the message.
        Value::Float(f) => format!("{f:?}"),
        Value::Boolean(b) => b.to_string(),
        Value::Datetime(d) => format!("the date {d}"),
        Value::Array(_) => "a list".to_string(),
        Value::Table(_) => "a table".to_string(),
    }
}

#[cfg(test)]
mod testing {
    use super::*;

    pub(super) fn origin() -> &'static Path {
        Path::new("/home/a/.config/afterglow/config.toml")
    }

    /// The message for `text`, which must be refused.
    pub(super) fn err(text: &str) -> String {
        match parse(text, origin()) {
            Ok(s) => panic!("expected an error for {text:?}, got {s:?}"),
            Err(e) => e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap;
    use testing::{err, origin};

    fn with_source(s: Settings) -> Settings {
        Settings {
            source: Some(origin().to_path_buf()),
            ..s
        }
    }

    #[test]
    fn the_shipped_file_is_exactly_the_defaults() {
        let parsed = parse(DEFAULT_CONFIG, origin()).unwrap();
        assert_eq!(parsed, with_source(Settings::default()));
    }

    #[test]
    fn every_known_key_appears_in_the_shipped_file() {
        let doc = toml::de::DeTable::parse(DEFAULT_CONFIG).unwrap();
        for (section, keys) in SECTIONS {
            let table = doc.get_ref().get(*section).unwrap().get_ref();
            let table = table.as_table().unwrap();
            let mut entries = Vec::new();
            keys::flatten("", table, &mut entries);
            let mut found: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
            let mut want = if *section == "keys" {
                keymap::BINDINGS
                    .iter()
                    .filter(|bd| bd.configurable())
                    .map(|bd| bd.name)
                    .collect()
            } else {
                keys.to_vec()
            };
            found.sort_unstable();
            want.sort_unstable();
            assert_eq!(found, want, "[{section}]");
        }
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(
            parse("", origin()).unwrap(),
            with_source(Settings::default())
        );
        assert_eq!(
            parse("# nothing\n\n[window]\n", origin()).unwrap(),
            with_source(Settings::default())
        );
    }

    #[test]
    fn dotted_keys_and_inline_tables_are_tables_too() {
        let s = parse(
            "window.peak_hours = 30\ncourse = { gap_days = 3 }\n",
            origin(),
        )
        .unwrap();
        assert_eq!(
            s.window,
            WindowConfig::from_units(90, 24, 30, 72, 14).unwrap()
        );
        assert_eq!(s.course, CourseConfig::from_units(3, 6, 8, 4, 8).unwrap());
        assert_eq!(
            err("course = { gap_days = 3, gapdays = 4 }\n"),
            "/home/a/.config/afterglow/config.toml, line 1: unknown key `gapdays` in [course]; \
             known keys: gap_days, induction_min, induction_max, integration_min_weeks, \
             integration_max_weeks"
        );
    }

    #[test]
    fn unknown_keys_and_sections_are_named_with_their_line() {
        let text = "[window]\nacute_minutes = 90\nopening_hours = 24\npeak_hours = 48\n\n# typo below\npeek_hours = 40\n";
        assert_eq!(
            err(text),
            "/home/a/.config/afterglow/config.toml, line 7: unknown key `peek_hours` in [window]; \
             known keys: acute_minutes, opening_hours, peak_hours, open_hours, extended_days"
        );
        assert_eq!(
            err("[ui]\nmouse = true\n\n[colour]\nscheme = 1\n"),
            "/home/a/.config/afterglow/config.toml, line 4: unknown section [colour]; \
             known sections: [window], [course], [habits], [plan], [care], [insights], [ui], [keys], [colors]"
        );
        assert_eq!(
            err("mouse = false\n"),
            "/home/a/.config/afterglow/config.toml, line 1: `mouse` is not in any section, and \
             every setting belongs to one; this one goes under [ui]"
        );
        assert_eq!(
            err("nonsense = 1\n"),
            "/home/a/.config/afterglow/config.toml, line 1: `nonsense` is not in any section, and \
             every setting belongs to one; known sections: [window], [course], [habits], [plan], \
             [care], [insights], [ui], [keys], [colors]"
        );
        // With several problems the first in the file is reported, not the
        // first in alphabetical order.
        assert!(err("[window]\nzz = 1\n[course]\naa = 2\n").contains("line 2: unknown key `zz`"));
        // Unknown keys are reported before bad values of known ones.
        assert!(err("[window]\npeak_hours = 1\nzz = 1\n").contains("unknown key `zz`"));
    }

    #[test]
    fn sections_must_be_tables() {
        assert_eq!(
            err("# header\nwindow = 3\n"),
            "/home/a/.config/afterglow/config.toml, line 2: `window` must be a section \
             written as [window] (got an integer)"
        );
        assert_eq!(
            err("[[window]]\npeak_hours = 1\n"),
            "/home/a/.config/afterglow/config.toml, line 1: `window` must be a section \
             written as [window] (got an array)"
        );
    }

    #[test]
    fn names_from_the_file_are_shown_escaped() {
        // A quoted key may hold a line break or a terminal escape; either
        // would break the one-line message or the terminal showing it.
        assert_eq!(
            err("[window]\n\"pe\\nak\" = 1\n"),
            "/home/a/.config/afterglow/config.toml, line 2: unknown key `pe\\nak` in \
             [window]; known keys: acute_minutes, opening_hours, peak_hours, open_hours, \
             extended_days"
        );
        let msg = err("[\"win\\u001b[2Jdow\"]\n");
        assert!(msg.contains("unknown section [win\\u{1b}[2Jdow];"), "{msg}");
        assert!(!msg.contains('\u{1b}'), "{msg}");
    }

    #[test]
    fn lines_are_counted_in_bytes_of_any_text() {
        // Multi-byte text before the key does not shift the line.
        assert!(
            err("# Größe ✓\n[window]\npeak_hours = 1\n")
                .starts_with("/home/a/.config/afterglow/config.toml, line 3: ")
        );
    }

    #[test]
    fn toml_syntax_errors_have_lines() {
        let cases = [
            ("[window]\nacute_minutes = \n", 2),
            ("[window]\npeak_hours = 1\npeak_hours = 2\n", 3),
            ("\n\n[window\n", 3),
            ("[window]\n[window]\n", 2),
        ];
        for (text, line) in cases {
            let msg = err(text);
            assert!(
                msg.starts_with(&format!(
                    "/home/a/.config/afterglow/config.toml, line {line}: not valid TOML: "
                )),
                "{text:?}: {msg}"
            );
        }
    }
}
