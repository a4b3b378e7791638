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
//! `[keys]` is read from the raw tree alone: its names may be dotted
//! (`journal.new = "n"` is a nested table to TOML), and the rules about
//! which keys may go where belong to the key table (`app::keymap`).

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use directories::ProjectDirs;
use ratatui::style::Color;
use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::{Spanned, Value};

use crate::app::keymap::{self, KeySpec, Keymap, Override};
use crate::domain::course::{Course, integration};
use crate::domain::{CourseConfig, DomainError, WindowConfig};

/// The shipped config, every key at its default and commented. Embedded so
/// that it travels with the binary as a starting point to copy and edit.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

const CONFIG_FILE: &str = "config.toml";
const DB_FILE: &str = "afterglow.db";

const DEFAULT_HALF_LIFE_DAYS: f64 = 14.0;
const MAX_HALF_LIFE_DAYS: f64 = 3650.0;
const DEFAULT_MOUSE: bool = true;

const WINDOW_KEYS: &[&str] = &[
    "acute_minutes",
    "opening_hours",
    "peak_hours",
    "open_hours",
    "extended_days",
];
const COURSE_KEYS: &[&str] = &[
    "gap_days",
    "induction_min",
    "induction_max",
    "integration_min_weeks",
    "integration_max_weeks",
];
const HABITS_KEYS: &[&str] = &["half_life_days"];
const UI_KEYS: &[&str] = &["mouse"];
const COLOR_KEYS: &[&str] = &{
    let mut names = [""; COLOR_ROLES.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = COLOR_ROLES[i].0;
        i += 1;
    }
    names
};
/// The sections and their keys. `[keys]` has no fixed list here: its names
/// are the key table's (`app::keymap::BINDINGS`), checked while it is read.
const SECTIONS: &[(&str, &[&str])] = &[
    ("window", WINDOW_KEYS),
    ("course", COURSE_KEYS),
    ("habits", HABITS_KEYS),
    ("ui", UI_KEYS),
    ("keys", &[]),
    ("colors", COLOR_KEYS),
];

/// Everything the config decides, checked and in domain types.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub window: WindowConfig,
    pub course: CourseConfig,
    pub half_life_days: f64,
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
            mouse: DEFAULT_MOUSE,
            keys: Keymap::default(),
            colors: Colors::default(),
            source: None,
        }
    }
}

/// Declares the colour roles once: the struct, its defaults and the list
/// of names in `[colors]`, so that the three cannot disagree.
macro_rules! color_roles {
    ($($role:ident = $default:expr, $meaning:literal;)*) => {
        /// The dashboard's colours, by what they mark rather than by hue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Colors {
            $(#[doc = $meaning] pub $role: Color,)*
        }

        impl Default for Colors {
            fn default() -> Self {
                Colors { $($role: $default,)* }
            }
        }

        /// Every role, as (name in `[colors]`, what it colours).
        pub const COLOR_ROLES: &[(&str, &str)] = &[$((stringify!($role), $meaning),)*];

        impl Colors {
            /// The colour of the role called `name`.
            pub fn role(&self, name: &str) -> Option<Color> {
                match name {
                    $(stringify!($role) => Some(self.$role),)*
                    _ => None,
                }
            }

            fn role_mut(&mut self, name: &str) -> Option<&mut Color> {
                match name {
                    $(stringify!($role) => Some(&mut self.$role),)*
                    _ => None,
                }
            }
        }
    };
}

color_roles! {
    title = Color::LightCyan, "pane and dialog titles (in bold)";
    accent = Color::LightCyan, "keys in the footer and help, highlights";
    border = Color::DarkGray, "the borders of panes without focus";
    border_focused = Color::LightCyan, "the border of the pane with focus (in bold)";
    dim = Color::DarkGray, "quiet text: hints, dates, empty days";
    ok = Color::Green, "messages that something worked";
    warn = Color::Yellow, "gentle warnings";
    error = Color::LightRed, "errors (in bold)";
    acute = Color::Magenta, "the acute phase after a session";
    opening = Color::LightBlue, "the opening phase";
    peak = Color::Yellow, "the peak phase";
    open = Color::Green, "the open phase";
    extended = Color::Cyan, "the extended phase";
    closed = Color::DarkGray, "a closed window";
    plan_done = Color::Green, "plan items done";
    plan_due = Color::Yellow, "plan items due now (in bold)";
    plan_missed = Color::DarkGray, "plan items missed";
    plan_upcoming = Color::Gray, "plan items still ahead";
}

/// Colour names as written in `[colors]`; `default` is the terminal's own.
const COLOR_NAMES: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// A colour from its config value: a name (in any case, with `-`, `_`, a
/// space or nothing between words, `grey` too), `#rrggbb`, or 0 to 255.
fn parse_color(v: &Value) -> Option<Color> {
    match v {
        Value::Integer(n) => u8::try_from(*n).ok().map(Color::Indexed),
        Value::String(s) => {
            let s = s.trim();
            if let Some(hex) = s.strip_prefix('#') {
                if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
            }
            let squash = |t: &str| {
                t.chars()
                    .filter(|c| !matches!(c, '-' | '_' | ' '))
                    .collect::<String>()
                    .to_lowercase()
                    .replace("grey", "gray")
            };
            let want = squash(s);
            COLOR_NAMES
                .iter()
                .find(|(name, _)| squash(name) == want)
                .map(|(_, c)| *c)
        }
        _ => None,
    }
}

/// A colour as `config show` writes it: a TOML value that reads back.
fn color_value(c: Color) -> Value {
    if let Color::Indexed(n) = c {
        return Value::Integer(i64::from(n));
    }
    if let Color::Rgb(r, g, b) = c {
        return Value::String(format!("#{r:02x}{g:02x}{b:02x}"));
    }
    let name = COLOR_NAMES
        .iter()
        .find(|(_, known)| *known == c)
        .map_or("default", |(name, _)| *name);
    Value::String(name.to_string())
}

/// Why a config could not be used. Every message names the file and, when
/// the problem is inside it, the 1-based line, so that it can be fixed
/// without guessing. Causes are part of the message rather than `source()`,
/// so that an error chain printed with `{:#}` does not say them twice.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: no such config file (named by {given_by})", .path.display())]
    Missing {
        path: PathBuf,
        /// `--config` or `AFTERGLOW_CONFIG`.
        given_by: &'static str,
    },
    #[error("{}: could not read the config file: {cause}", .path.display())]
    Read { path: PathBuf, cause: io::Error },
    #[error("{}: not valid TOML: {message}", place(.path, *.line))]
    Syntax {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error(
        "{}, line {line}: unknown section [{section}]; known sections: {known}",
        .path.display()
    )]
    UnknownSection {
        path: PathBuf,
        line: usize,
        section: String,
        known: String,
    },
    #[error(
        "{}, line {line}: unknown key `{key}` in [{section}]; known keys: {known}",
        .path.display()
    )]
    UnknownKey {
        path: PathBuf,
        line: usize,
        section: String,
        key: String,
        known: String,
    },
    #[error("{}, line {line}: `{key}` {message}", .path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
    /// A problem in `[keys]`. The message names the command (`name`) and,
    /// when one is to blame, the key.
    #[error("{}, line {line}: {message}", .path.display())]
    Keys {
        path: PathBuf,
        line: usize,
        name: String,
        message: String,
    },
    /// The domain refused values that passed our own checks. Our checks are
    /// meant to be at least as strict, so this is a safety net.
    #[error("{}: [{section}] {cause}", place(.path, *.line))]
    Rejected {
        path: PathBuf,
        line: Option<usize>,
        section: &'static str,
        cause: DomainError,
    },
}

fn place(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}, line {line}", path.display()),
        None => path.display().to_string(),
    }
}

/// The 1-based line holding byte `offset`. Spans come from the parser, but
/// are clamped anyway so that a stray offset can never panic.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

// Every value is read as a spanned `Value` rather than its final type:
// a type mismatch then becomes our own message naming the key, instead of
// serde's "invalid type: string, expected i64".
type Raw = Option<Spanned<Value>>;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawFile {
    window: RawWindow,
    course: RawCourse,
    habits: RawHabits,
    ui: RawUi,
    // Read from the raw tree instead (see the module comment); declared so
    // that serde accepts the section.
    #[allow(dead_code)]
    keys: Option<Value>,
    // Names are checked against `COLOR_ROLES` before serde runs.
    colors: BTreeMap<String, Spanned<Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawWindow {
    acute_minutes: Raw,
    opening_hours: Raw,
    peak_hours: Raw,
    open_hours: Raw,
    extended_days: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawCourse {
    gap_days: Raw,
    induction_min: Raw,
    induction_max: Raw,
    integration_min_weeks: Raw,
    integration_max_weeks: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawHabits {
    half_life_days: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawUi {
    mouse: Raw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Sessions,
}

impl Unit {
    fn word(self, n: i64) -> &'static str {
        let (one, many) = match self {
            Unit::Minutes => ("minute", "minutes"),
            Unit::Hours => ("hour", "hours"),
            Unit::Days => ("day", "days"),
            Unit::Weeks => ("week", "weeks"),
            Unit::Sessions => ("session", "sessions"),
        };
        if n == 1 { one } else { many }
    }

    /// Window boundaries in different units are compared in minutes.
    fn minutes(self) -> i64 {
        match self {
            Unit::Minutes | Unit::Sessions => 1,
            Unit::Hours => 60,
            Unit::Days => 24 * 60,
            Unit::Weeks => 7 * 24 * 60,
        }
    }
}

/// One whole-number setting after its own checks.
#[derive(Debug, Clone)]
struct Int {
    key: &'static str,
    value: i64,
    unit: Unit,
    /// Where the value sits in the file; `None` when it is the default.
    span: Option<Range<usize>>,
}

impl Int {
    fn amount(&self) -> String {
        format!("{} {}", self.value, self.unit.word(self.value))
    }

    fn in_minutes(&self) -> i64 {
        self.value.saturating_mul(self.unit.minutes())
    }
}

/// The two ways of stating an order between two settings.
struct Order {
    /// How the later key relates to the earlier, e.g. "end after".
    later: &'static str,
    /// How the earlier key relates to the later, e.g. "end before".
    earlier: &'static str,
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

    fn int(
        &self,
        key: &'static str,
        raw: &Raw,
        unit: Unit,
        max: i64,
        default: i64,
    ) -> Result<Int, ConfigError> {
        let Some(raw) = raw else {
            return Ok(Int {
                key,
                value: default,
                unit,
                span: None,
            });
        };
        let accepted = format!("a whole number of {} from 1 to {max}", unit.word(2));
        let span = raw.span();
        match raw.get_ref() {
            Value::Integer(n) if (1..=max).contains(n) => Ok(Int {
                key,
                value: *n,
                unit,
                span: Some(span),
            }),
            other => Err(self.invalid(
                key,
                &span,
                format!("must be {accepted} (got {})", describe(other)),
            )),
        }
    }

    /// Checks that `a` comes before `b` (strictly, or allowing equality).
    /// The key blamed is `b` when the file sets it, else `a`: the message
    /// must point at a line that is really in the file.
    fn ordered(&self, a: &Int, b: &Int, strict: bool, words: &Order) -> Result<(), ConfigError> {
        let (x, y) = (a.in_minutes(), b.in_minutes());
        if (strict && y > x) || (!strict && y >= x) {
            return Ok(());
        }
        let by_default = |i: &Int| if i.span.is_none() { " by default" } else { "" };
        let (blamed, other, relation) = match (&b.span, &a.span) {
            (Some(_), _) | (None, None) => (b, a, words.later),
            (None, Some(_)) => (a, b, words.earlier),
        };
        let span = blamed.span.clone().unwrap_or(0..0);
        Err(self.invalid(
            blamed.key,
            &span,
            format!(
                "must {relation} `{}` (got {}, but `{}` is {}{})",
                other.key,
                blamed.amount(),
                other.key,
                other.amount(),
                by_default(other),
            ),
        ))
    }

    fn rejected(&self, section: &'static str, fields: &[&Int], cause: DomainError) -> ConfigError {
        ConfigError::Rejected {
            path: self.path.to_path_buf(),
            line: fields
                .iter()
                .find_map(|f| f.span.as_ref())
                .map(|s| self.line(s)),
            section,
            cause,
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
                problems.push((
                    start,
                    ConfigError::UnknownSection {
                        path: self.path.to_path_buf(),
                        line: line_at(self.text, start),
                        section: name.get_ref().to_string(),
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
                // `[keys]` names are checked with their values, in `keys`.
                if *section != "keys" && !keys.contains(&key.get_ref().as_ref()) {
                    let start = key.span().start;
                    problems.push((
                        start,
                        ConfigError::UnknownKey {
                            path: self.path.to_path_buf(),
                            line: line_at(self.text, start),
                            section: section.to_string(),
                            key: key.get_ref().to_string(),
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

    // The defaults passed to `int` below repeat the domain's own; the test
    // `an_empty_file_is_the_defaults` fails if the two drift apart.

    fn window(&self, raw: &RawWindow) -> Result<WindowConfig, ConfigError> {
        // Ten years, the domain's own ceiling, in each unit.
        const DAYS: i64 = 3650;
        let acute = self.int(
            "acute_minutes",
            &raw.acute_minutes,
            Unit::Minutes,
            DAYS * 24 * 60,
            90,
        )?;
        let opening = self.int(
            "opening_hours",
            &raw.opening_hours,
            Unit::Hours,
            DAYS * 24,
            24,
        )?;
        let peak = self.int("peak_hours", &raw.peak_hours, Unit::Hours, DAYS * 24, 48)?;
        let open = self.int("open_hours", &raw.open_hours, Unit::Hours, DAYS * 24, 72)?;
        let extended = self.int("extended_days", &raw.extended_days, Unit::Days, DAYS, 14)?;
        let words = Order {
            later: "end after",
            earlier: "end before",
        };
        for pair in [&acute, &opening, &peak, &open, &extended].windows(2) {
            self.ordered(pair[0], pair[1], true, &words)?;
        }
        WindowConfig::from_units(
            acute.value,
            opening.value,
            peak.value,
            open.value,
            extended.value,
        )
        .map_err(|e| self.rejected("window", &[&acute, &opening, &peak, &open, &extended], e))
    }

    fn course(&self, raw: &RawCourse) -> Result<CourseConfig, ConfigError> {
        let gap = self.int("gap_days", &raw.gap_days, Unit::Days, 365, 7)?;
        let ind_min = self.int("induction_min", &raw.induction_min, Unit::Sessions, 100, 6)?;
        let ind_max = self.int("induction_max", &raw.induction_max, Unit::Sessions, 100, 8)?;
        let int_min = self.int(
            "integration_min_weeks",
            &raw.integration_min_weeks,
            Unit::Weeks,
            520,
            4,
        )?;
        let int_max = self.int(
            "integration_max_weeks",
            &raw.integration_max_weeks,
            Unit::Weeks,
            520,
            8,
        )?;
        let words = Order {
            later: "be at least",
            earlier: "be at most",
        };
        self.ordered(&ind_min, &ind_max, false, &words)?;
        self.ordered(&int_min, &int_max, false, &words)?;
        let all = [&gap, &ind_min, &ind_max, &int_min, &int_max];
        // The ranges above keep both sessions counts inside u32.
        let (Ok(lo), Ok(hi)) = (u32::try_from(ind_min.value), u32::try_from(ind_max.value)) else {
            return Err(self.rejected("course", &all, DomainError::OutOfRange));
        };
        CourseConfig::from_units(gap.value, lo, hi, int_min.value, int_max.value)
            .map_err(|e| self.rejected("course", &all, e))
    }

    fn half_life(&self, raw: &RawHabits) -> Result<f64, ConfigError> {
        let Some(raw) = &raw.half_life_days else {
            return Ok(DEFAULT_HALF_LIFE_DAYS);
        };
        let value = match raw.get_ref() {
            Value::Integer(n) => Some(*n as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        };
        match value {
            // NaN fails both comparisons, so it is refused here too.
            Some(v) if v > 0.0 && v <= MAX_HALF_LIFE_DAYS => Ok(v),
            _ => Err(self.invalid(
                "half_life_days",
                &raw.span(),
                format!(
                    "must be a number of days above 0 and at most {MAX_HALF_LIFE_DAYS} (got {})",
                    describe(raw.get_ref())
                ),
            )),
        }
    }

    fn mouse(&self, raw: &RawUi) -> Result<bool, ConfigError> {
        match &raw.mouse {
            None => Ok(DEFAULT_MOUSE),
            Some(v) => match v.get_ref() {
                Value::Boolean(b) => Ok(*b),
                other => Err(self.invalid(
                    "mouse",
                    &v.span(),
                    format!("must be true or false (got {})", describe(other)),
                )),
            },
        }
    }

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
    fn keys(&self, tree: &Spanned<DeTable<'_>>) -> Result<Keymap, ConfigError> {
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
            // Shown as in the messages (see `key_list`).
            let name = entry.name.escape_debug().to_string();
            self.keys_error(span, &name, err.message)
        })
    }

    /// The keys of one `[keys]` entry, each with where it is written.
    fn key_list(
        &self,
        e: &KeyEntry<'_, '_>,
    ) -> Result<(Vec<KeySpec>, Vec<Range<usize>>), ConfigError> {
        // A quoted TOML key may hold anything, a line break included.
        let shown = e.name.escape_debug().to_string();
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

    /// `[colors]`: each role by name (checked already), a colour each.
    fn colors(&self, raw: &BTreeMap<String, Spanned<Value>>) -> Result<Colors, ConfigError> {
        let mut colors = Colors::default();
        let mut entries: Vec<(&String, &Spanned<Value>)> = raw.iter().collect();
        entries.sort_by_key(|(_, v)| v.span().start);
        for (role, value) in entries {
            let Some(slot) = colors.role_mut(role) else {
                continue;
            };
            let Some(color) = parse_color(value.get_ref()) else {
                let got = match value.get_ref() {
                    Value::String(s) => format!("the text {s:?}"),
                    other => describe(other),
                };
                let names: Vec<&str> = COLOR_NAMES.iter().map(|(n, _)| *n).collect();
                return Err(self.invalid(
                    role,
                    &value.span(),
                    format!(
                        "must be a colour: one of {}; \"#rrggbb\"; or a number from 0 to 255 \
                         (got {got})",
                        names.join(", ")
                    ),
                ));
            };
            *slot = color;
        }
        Ok(colors)
    }
}

/// One leaf of `[keys]`, its name joined from any dotted or nested parts.
struct KeyEntry<'t, 'i> {
    name: String,
    name_span: Range<usize>,
    value: &'t Spanned<DeValue<'i>>,
}

/// `journal.new = "n"`, `"journal.new" = "n"`, `[keys.journal] new = "n"`
/// and `journal = { new = "n" }` all name the same row.
fn flatten<'t, 'i>(prefix: &str, table: &'t DeTable<'i>, out: &mut Vec<KeyEntry<'t, 'i>>) {
    for (key, value) in table.iter() {
        let name = format!("{prefix}{}", key.get_ref());
        match value.get_ref().as_table() {
            Some(inner) => flatten(&format!("{name}."), inner, out),
            None => out.push(KeyEntry {
                name,
                name_span: key.span(),
                value,
            }),
        }
    }
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
        mouse: doc.mouse(&raw.ui)?,
        keys: doc.keys(&tree)?,
        colors: doc.colors(&raw.colors)?,
        source: Some(origin.to_path_buf()),
    })
}

/// The platform's config file, e.g. `~/.config/afterglow/config.toml`, or
/// `None` when the system has no home directory to put it in.
pub fn default_config_path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "afterglow").map(|d| d.config_dir().join(CONFIG_FILE))
}

/// Loads the settings. A path given with `--config` (`cli_path`) or in
/// `AFTERGLOW_CONFIG` (`env_path`, passed in so that this never reads the
/// environment) must exist; without either, the platform file is used when
/// it exists and the built-in defaults when it does not.
pub fn load_from(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
) -> Result<Settings, ConfigError> {
    load_with(cli_path, env_path, default_config_path().as_deref())
}

/// [`load_from`] with `AFTERGLOW_CONFIG` read from the environment.
pub fn load(cli_path: Option<&Path>) -> Result<Settings, ConfigError> {
    load_from(cli_path, env_config_path().as_deref())
}

/// `AFTERGLOW_CONFIG`. An empty variable counts as unset, as shells make it
/// easy to set one by accident.
fn env_config_path() -> Option<PathBuf> {
    std::env::var_os("AFTERGLOW_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The config file in effect and what named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPath {
    pub path: PathBuf,
    /// `Some("--config")` or `Some("AFTERGLOW_CONFIG")`: the file must
    /// exist. `None`: the platform file, which may be missing.
    pub given_by: Option<&'static str>,
}

/// Where [`load`] reads from, in the same order; `None` only when nothing
/// names a file and the system has no home directory.
pub fn config_path(cli_path: Option<&Path>) -> Option<ConfigPath> {
    locate(
        cli_path,
        env_config_path().as_deref(),
        default_config_path().as_deref(),
    )
}

fn locate(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
    platform: Option<&Path>,
) -> Option<ConfigPath> {
    let given = |path: &Path, by| ConfigPath {
        path: path.to_path_buf(),
        given_by: Some(by),
    };
    match (cli_path, env_path, platform) {
        (Some(path), _, _) => Some(given(path, "--config")),
        (None, Some(path), _) => Some(given(path, "AFTERGLOW_CONFIG")),
        (None, None, platform) => platform.map(|path| ConfigPath {
            path: path.to_path_buf(),
            given_by: None,
        }),
    }
}

// Split from `load_from` so that tests can point the platform file at a
// temporary folder instead of the real home directory.
fn load_with(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
    platform: Option<&Path>,
) -> Result<Settings, ConfigError> {
    let Some(found) = locate(cli_path, env_path, platform) else {
        return Ok(Settings::default());
    };
    if let Some(given_by) = found.given_by {
        return read_required(&found.path, given_by);
    }
    let path = found.path.as_path();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(cause) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            cause,
        }),
    }
}

fn read_required(path: &Path, given_by: &'static str) -> Result<Settings, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(ConfigError::Missing {
            path: path.to_path_buf(),
            given_by,
        }),
        Err(cause) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            cause,
        }),
    }
}

/// The settings as a config file: every section and key, defaults
/// included, so that reading the text back gives the same settings.
/// `[keys]` lists every command that can be changed, dotted names
/// included (`journal.new = "n"`).
pub fn to_toml(s: &Settings) -> String {
    let w = &s.window;
    let (ind_min, ind_max) = s.course.induction_range();
    let (int_min, int_max) = integration_weeks(&s.course);
    let int = |n: i64| Value::Integer(n);
    let sections: Vec<(&str, Vec<(String, Value)>)> = vec![
        (
            "window",
            vec![
                ("acute_minutes".into(), int(w.acute_end().num_minutes())),
                ("opening_hours".into(), int(w.opening_end().num_hours())),
                ("peak_hours".into(), int(w.peak_end().num_hours())),
                ("open_hours".into(), int(w.open_end().num_hours())),
                ("extended_days".into(), int(w.extended_end().num_days())),
            ],
        ),
        (
            "course",
            vec![
                ("gap_days".into(), int(s.course.gap().num_days())),
                ("induction_min".into(), int(i64::from(ind_min))),
                ("induction_max".into(), int(i64::from(ind_max))),
                ("integration_min_weeks".into(), int(int_min)),
                ("integration_max_weeks".into(), int(int_max)),
            ],
        ),
        (
            "habits",
            vec![("half_life_days".into(), Value::Float(s.half_life_days))],
        ),
        ("ui", vec![("mouse".into(), Value::Boolean(s.mouse))]),
        (
            "keys",
            s.keys
                .rows()
                .filter(|(bd, _)| bd.configurable())
                .map(|(bd, keys)| {
                    let mut list: Vec<Value> =
                        keys.iter().map(|k| Value::String(k.to_string())).collect();
                    let value = match list.len() {
                        1 => list.remove(0),
                        _ => Value::Array(list),
                    };
                    (bd.name.to_string(), value)
                })
                .collect(),
        ),
        (
            "colors",
            COLOR_ROLES
                .iter()
                .map(|(role, _)| {
                    let c = s.colors.role(role).unwrap_or(Color::Reset);
                    (role.to_string(), color_value(c))
                })
                .collect(),
        ),
    ];
    let mut out = String::new();
    for (i, (section, keys)) in sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("[{section}]\n"));
        for (key, value) in keys {
            // Names are bare TOML keys, dots included (tested in keymap).
            out.push_str(&format!("{key} = {value}\n"));
        }
    }
    out
}

/// The integration period in weeks. `CourseConfig` keeps it private; the
/// domain's own answer for a course that ended at a fixed instant gives
/// it back exactly, as the config only builds it from whole weeks.
fn integration_weeks(c: &CourseConfig) -> (i64, i64) {
    let at = DateTime::<Utc>::UNIX_EPOCH;
    let course = Course {
        number: 1,
        sessions: Vec::new(),
        first_at: at,
        last_at: at,
    };
    match integration(&course, at, c) {
        Ok(p) => (
            (p.min_ends_at - at).num_weeks(),
            (p.max_ends_at - at).num_weeks(),
        ),
        // Ten years after 1970 is far inside chrono's range.
        Err(_) => (0, 0),
    }
}

/// The database file: `--db` (`cli`), else `AFTERGLOW_DB` (`env`, passed
/// in), else `afterglow.db` in the platform data folder. An empty path counts
/// as not given. `None` only when there is no home directory either.
pub fn db_path(cli: Option<&Path>, env: Option<&Path>) -> Option<PathBuf> {
    [cli, env]
        .into_iter()
        .flatten()
        .find(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| ProjectDirs::from("", "", "afterglow").map(|d| d.data_dir().join(DB_FILE)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> &'static Path {
        Path::new("/home/a/.config/afterglow/config.toml")
    }

    fn err(text: &str) -> String {
        match parse(text, origin()) {
            Ok(s) => panic!("expected an error for {text:?}, got {s:?}"),
            Err(e) => e.to_string(),
        }
    }

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
            flatten("", table, &mut entries);
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
    fn a_partial_file_fills_in_the_rest() {
        let text =
            "[window]\npeak_hours = 36\n\n[habits]\nhalf_life_days = 7.5\n\n[ui]\nmouse = false\n";
        let s = parse(text, origin()).unwrap();
        assert_eq!(
            s.window,
            WindowConfig::from_units(90, 24, 36, 72, 14).unwrap()
        );
        assert_eq!(s.course, CourseConfig::default());
        assert_eq!(s.half_life_days, 7.5);
        assert!(!s.mouse);
        assert_eq!(s.source.as_deref(), Some(origin()));
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
    fn window_order_errors_name_the_line_of_the_key() {
        let text = "[window]\nacute_minutes = 90\nopening_hours = 24\npeak_hours = 20\n";
        assert_eq!(
            err(text),
            "/home/a/.config/afterglow/config.toml, line 4: `peak_hours` must end after \
             `opening_hours` (got 20 hours, but `opening_hours` is 24 hours)"
        );
        // Across units: one hour is not after ninety minutes.
        assert_eq!(
            err("\n[window]\nopening_hours = 1\n"),
            "/home/a/.config/afterglow/config.toml, line 3: `opening_hours` must end after \
             `acute_minutes` (got 1 hour, but `acute_minutes` is 90 minutes by default)"
        );
        // When the later key is not in the file, the earlier one is blamed.
        assert_eq!(
            err("[window]\n\n\nopen_hours = 400\n"),
            "/home/a/.config/afterglow/config.toml, line 4: `open_hours` must end before \
             `extended_days` (got 400 hours, but `extended_days` is 14 days by default)"
        );
        // Equal boundaries leave a phase with no length.
        assert!(err("[window]\npeak_hours = 24\n").contains("line 2: `peak_hours` must end after"));
        // Exactly the same length in different units is not "after" either.
        assert!(
            err("[window]\nopen_hours = 72\nextended_days = 3\n")
                .contains("line 3: `extended_days` must end after `open_hours`")
        );
    }

    #[test]
    fn value_ranges_are_checked_with_lines() {
        let cases = [
            (
                "[window]\nacute_minutes = 0\n",
                2,
                "`acute_minutes` must be a whole number of minutes from 1 to 5256000 (got 0)",
            ),
            (
                "[window]\nextended_days = 5000\n",
                2,
                "`extended_days` must be a whole number of days from 1 to 3650 (got 5000)",
            ),
            (
                "[window]\nopen_hours = -3\n",
                2,
                "`open_hours` must be a whole number of hours from 1 to 87600 (got -3)",
            ),
            (
                "[course]\ngap_days = 0\n",
                2,
                "`gap_days` must be a whole number of days from 1 to 365 (got 0)",
            ),
            (
                "[course]\ninduction_max = 101\n",
                2,
                "`induction_max` must be a whole number of sessions from 1 to 100 (got 101)",
            ),
            (
                "[course]\nintegration_max_weeks = 9999999999999\n",
                2,
                "`integration_max_weeks` must be a whole number of weeks from 1 to 520 (got 9999999999999)",
            ),
            (
                "[habits]\nhalf_life_days = 0\n",
                2,
                "`half_life_days` must be a number of days above 0 and at most 3650 (got 0)",
            ),
            (
                "[habits]\nhalf_life_days = -1.5\n",
                2,
                "`half_life_days` must be a number of days above 0 and at most 3650 (got -1.5)",
            ),
            (
                "[habits]\nhalf_life_days = 3650.5\n",
                2,
                "`half_life_days` must be a number of days above 0 and at most 3650 (got 3650.5)",
            ),
            (
                "[habits]\nhalf_life_days = nan\n",
                2,
                "`half_life_days` must be a number of days above 0 and at most 3650 (got NaN)",
            ),
            (
                "[habits]\nhalf_life_days = inf\n",
                2,
                "`half_life_days` must be a number of days above 0 and at most 3650 (got inf)",
            ),
        ];
        for (text, line, want) in cases {
            assert_eq!(
                err(text),
                format!("/home/a/.config/afterglow/config.toml, line {line}: {want}"),
                "{text:?}"
            );
        }
        assert_eq!(
            parse("[habits]\nhalf_life_days = 3650\n", origin())
                .unwrap()
                .half_life_days,
            3650.0
        );
    }

    #[test]
    fn course_order_errors_blame_a_key_in_the_file() {
        assert_eq!(
            err("[course]\ninduction_min = 6\ninduction_max = 4\n"),
            "/home/a/.config/afterglow/config.toml, line 3: `induction_max` must be at least \
             `induction_min` (got 4 sessions, but `induction_min` is 6 sessions)"
        );
        assert_eq!(
            err("[course]\ninduction_min = 10\n"),
            "/home/a/.config/afterglow/config.toml, line 2: `induction_min` must be at most \
             `induction_max` (got 10 sessions, but `induction_max` is 8 sessions by default)"
        );
        assert!(
            err("[course]\nintegration_max_weeks = 2\n").contains(
                "line 2: `integration_max_weeks` must be at least `integration_min_weeks`"
            )
        );
        // Equal ends are fine: a fixed-size course, a fixed-length period.
        let s = parse(
            "[course]\ninduction_min = 8\nintegration_min_weeks = 8\n",
            origin(),
        )
        .unwrap();
        assert_eq!(s.course, CourseConfig::from_units(7, 8, 8, 8, 8).unwrap());
    }

    #[test]
    fn wrong_types_are_errors_with_lines() {
        let cases = [
            (
                "[window]\npeak_hours = \"48\"\n",
                2,
                "`peak_hours` must be a whole number of hours from 1 to 87600 (got the text \"48\"; write numbers and true/false without quotes)",
            ),
            (
                "[window]\n\npeak_hours = 48.0\n",
                3,
                "`peak_hours` must be a whole number of hours from 1 to 87600 (got 48.0)",
            ),
            (
                "[course]\ngap_days = [7]\n",
                2,
                "`gap_days` must be a whole number of days from 1 to 365 (got a list)",
            ),
            (
                "[course]\ngap_days = 2026-01-01\n",
                2,
                "`gap_days` must be a whole number of days from 1 to 365 (got the date 2026-01-01)",
            ),
            (
                "[habits]\nhalf_life_days = true\n",
                2,
                "`half_life_days` must be a number of days above 0 and at most 3650 (got true)",
            ),
            (
                "[ui]\nmouse = \"yes\"\n",
                2,
                "`mouse` must be true or false (got the text \"yes\"; write numbers and true/false without quotes)",
            ),
            (
                "[ui]\nmouse = 1\n",
                2,
                "`mouse` must be true or false (got 1)",
            ),
            (
                "# header\nwindow = 3\n",
                2,
                "`window` must be a section written as [window] (got an integer)",
            ),
        ];
        for (text, line, want) in cases {
            assert_eq!(
                err(text),
                format!("/home/a/.config/afterglow/config.toml, line {line}: {want}"),
                "{text:?}"
            );
        }
        assert_eq!(
            err("[[window]]\npeak_hours = 1\n"),
            "/home/a/.config/afterglow/config.toml, line 1: `window` must be a section \
             written as [window] (got an array)"
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
             known sections: [window], [course], [habits], [ui], [keys], [colors]"
        );
        assert_eq!(
            err("mouse = false\n"),
            "/home/a/.config/afterglow/config.toml, line 1: unknown section [mouse]; \
             known sections: [window], [course], [habits], [ui], [keys], [colors]"
        );
        // With several problems the first in the file is reported, not the
        // first in alphabetical order.
        assert!(err("[window]\nzz = 1\n[course]\naa = 2\n").contains("line 2: unknown key `zz`"));
        // Unknown keys are reported before bad values of known ones.
        assert!(err("[window]\npeak_hours = 1\nzz = 1\n").contains("unknown key `zz`"));
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

    #[test]
    fn lines_are_counted_from_one_and_never_panic() {
        assert_eq!(line_at("", 0), 1);
        assert_eq!(line_at("a\nb\n", 2), 2);
        assert_eq!(line_at("a\nb\n", 4), 3);
        assert_eq!(line_at("a\nb\n", 999), 3);
        // Multi-byte text before the key does not shift the line.
        assert!(
            err("# Größe ✓\n[window]\npeak_hours = 1\n")
                .starts_with("/home/a/.config/afterglow/config.toml, line 3: ")
        );
    }

    #[test]
    fn an_explicit_path_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let e = load_from(Some(&missing), None).unwrap_err();
        assert!(
            matches!(
                e,
                ConfigError::Missing {
                    given_by: "--config",
                    ..
                }
            ),
            "{e}"
        );
        assert!(
            e.to_string()
                .contains("nope.toml: no such config file (named by --config)")
        );
        let e = load_from(None, Some(&missing)).unwrap_err();
        assert!(
            matches!(
                e,
                ConfigError::Missing {
                    given_by: "AFTERGLOW_CONFIG",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn a_missing_platform_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let platform = dir.path().join("afterglow").join("config.toml");
        let s = load_with(None, None, Some(&platform)).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.source, None);
        assert_eq!(load_with(None, None, None).unwrap(), Settings::default());
    }

    #[test]
    fn the_first_source_that_is_given_wins() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let cli = write("cli.toml", "[ui]\nmouse = false\n");
        let env = write("env.toml", "[habits]\nhalf_life_days = 3\n");
        let platform = write("platform.toml", "[course]\ngap_days = 2\n");

        let s = load_with(Some(&cli), Some(&env), Some(&platform)).unwrap();
        assert!(!s.mouse);
        assert_eq!(s.half_life_days, DEFAULT_HALF_LIFE_DAYS);
        assert_eq!(s.source.as_deref(), Some(cli.as_path()));

        let s = load_with(None, Some(&env), Some(&platform)).unwrap();
        assert_eq!(s.half_life_days, 3.0);
        assert_eq!(s.source.as_deref(), Some(env.as_path()));

        let s = load_with(None, None, Some(&platform)).unwrap();
        assert_eq!(s.course, CourseConfig::from_units(2, 6, 8, 4, 8).unwrap());
        assert_eq!(s.source.as_deref(), Some(platform.as_path()));
    }

    #[test]
    fn a_broken_platform_file_is_an_error_not_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("config.toml");
        std::fs::write(&bad, "[window]\npeak_hours = 1\n").unwrap();
        let e = load_with(None, None, Some(&bad)).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("{}, line 2:", bad.display())),
            "{e}"
        );

        // A folder where the file should be cannot be read.
        let e = load_with(None, None, Some(dir.path())).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }), "{e}");
        let e = load_from(Some(dir.path()), None).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }), "{e}");

        let not_utf8 = dir.path().join("latin1.toml");
        std::fs::write(&not_utf8, b"# Gr\xf6\xdfe\n").unwrap();
        let e = load_with(None, None, Some(&not_utf8)).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }), "{e}");
    }

    #[test]
    fn the_database_path_follows_the_same_order() {
        let cli = Path::new("/tmp/a.db");
        let env = Path::new("/tmp/b.db");
        assert_eq!(db_path(Some(cli), Some(env)).unwrap(), cli);
        assert_eq!(db_path(None, Some(env)).unwrap(), env);
        assert_eq!(db_path(Some(Path::new("")), Some(env)).unwrap(), env);
        if let Some(p) = db_path(None, None) {
            assert_eq!(p.file_name().unwrap(), DB_FILE, "{p:?}");
        }
        if let Some(p) = default_config_path() {
            assert!(p.ends_with("config.toml"), "{p:?}");
        }
    }

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
    fn colours_are_names_hex_or_numbers() {
        let s = parse(
            "[colors]\ntitle = \"Light Cyan\"\naccent = \"#FF8800\"\npeak = 208\n\
             dim = \"dark_grey\"\nborder = \"default\"\nok = \"lightgreen\"\n",
            origin(),
        )
        .unwrap();
        assert_eq!(s.colors.title, Color::LightCyan);
        assert_eq!(s.colors.accent, Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(s.colors.peak, Color::Indexed(208));
        assert_eq!(s.colors.dim, Color::DarkGray);
        assert_eq!(s.colors.border, Color::Reset);
        assert_eq!(s.colors.ok, Color::LightGreen);
        assert_eq!(s.colors.acute, Colors::default().acute);
        for (role, _) in COLOR_ROLES {
            assert!(Colors::default().role(role).is_some(), "{role}");
        }
    }

    #[test]
    fn bad_colours_are_errors_with_lines() {
        let known = "must be a colour: one of default, black, red, green, yellow, blue, \
                     magenta, cyan, gray, dark-gray, light-red, light-green, light-yellow, \
                     light-blue, light-magenta, light-cyan, white; \"#rrggbb\"; or a number \
                     from 0 to 255";
        let cases = [
            (
                "[colors]\ntitle = \"purple\"\n",
                2,
                "title",
                "the text \"purple\"",
            ),
            ("[colors]\n\npeak = 256\n", 3, "peak", "256"),
            ("[colors]\npeak = -1\n", 2, "peak", "-1"),
            (
                "[colors]\nok = \"#12345\"\n",
                2,
                "ok",
                "the text \"#12345\"",
            ),
            (
                "[colors]\nok = \"#gg0000\"\n",
                2,
                "ok",
                "the text \"#gg0000\"",
            ),
            ("[colors]\nwarn = true\n", 2, "warn", "true"),
            ("[colors]\nwarn = 1.5\n", 2, "warn", "1.5"),
            ("[colors]\nwarn = [\"red\"]\n", 2, "warn", "a list"),
        ];
        for (text, line, key, got) in cases {
            assert_eq!(
                err(text),
                format!(
                    "/home/a/.config/afterglow/config.toml, line {line}: `{key}` {known} \
                     (got {got})"
                ),
                "{text:?}"
            );
        }
        assert!(
            err("[colors]\ntitle = \"red\"\ntitel = \"red\"\n").starts_with(
                "/home/a/.config/afterglow/config.toml, line 3: unknown key `titel` in \
                 [colors]; known keys: title, accent, border, border_focused, dim,"
            )
        );
    }

    #[test]
    fn shown_settings_read_back_the_same() {
        let custom = "[window]\nacute_minutes = 61\nopening_hours = 2\npeak_hours = 30\n\
                      open_hours = 100\nextended_days = 9\n\
                      [course]\ngap_days = 3\ninduction_min = 2\ninduction_max = 40\n\
                      integration_min_weeks = 1\nintegration_max_weeks = 520\n\
                      [habits]\nhalf_life_days = 0.1\n[ui]\nmouse = false\n\
                      [keys]\nquit = \"x\"\nhelp = [\"F1\", \"?\"]\njournal.new = \"w\"\n\
                      journal.edit = \"n\"\neditor.save = \"Alt-s\"\nhabits.tick = \"\\\"\"\n\
                      top = \"\\\\\"\n\
                      [colors]\ntitle = \"#0a0B0c\"\npeak = 0\nclosed = \"default\"\n";
        let texts = [DEFAULT_CONFIG, "", custom];
        for text in texts {
            let settings = parse(text, origin()).unwrap();
            let shown = to_toml(&settings);
            let again = parse(&shown, origin()).unwrap_or_else(|e| panic!("{e}\n{shown}"));
            assert_eq!(again, settings, "{shown}");
        }
        let shown = to_toml(&parse(custom, origin()).unwrap());
        for line in [
            "acute_minutes = 61\n",
            "integration_max_weeks = 520\n",
            "half_life_days = 0.1\n",
            "mouse = false\n",
            "quit = [\"x\", \"Ctrl-c\"]\n",
            "journal.new = \"w\"\n",
            // TOML's own quoting: a literal string holds the double quote.
            "habits.tick = '\"'\n",
            "title = \"#0a0b0c\"\n",
            "peak = 0\n",
            "closed = \"default\"\n",
        ] {
            assert!(shown.contains(line), "{line:?} in\n{shown}");
        }
        // The defaults as shown: every section, every key.
        let shown = to_toml(&Settings::default());
        assert!(
            shown.starts_with("[window]\nacute_minutes = 90\n"),
            "{shown}"
        );
        assert!(shown.contains("\n[keys]\nquit = [\"q\", \"Ctrl-c\"]\nhelp = \"?\"\n"));
        assert!(shown.contains("half_life_days = 14.0\n"));
        assert!(shown.ends_with("plan_upcoming = \"gray\"\n"), "{shown}");
    }

    #[test]
    fn the_path_in_effect_follows_the_loading_order() {
        let (cli, env, platform) = (
            Path::new("/c.toml"),
            Path::new("/e.toml"),
            Path::new("/p.toml"),
        );
        let at = |p: &Path, by| ConfigPath {
            path: p.to_path_buf(),
            given_by: by,
        };
        assert_eq!(
            locate(Some(cli), Some(env), Some(platform)),
            Some(at(cli, Some("--config")))
        );
        assert_eq!(
            locate(None, Some(env), Some(platform)),
            Some(at(env, Some("AFTERGLOW_CONFIG")))
        );
        assert_eq!(locate(None, None, Some(platform)), Some(at(platform, None)));
        assert_eq!(locate(None, None, None), None);
    }
}
