//! The TOML config file: where it is looked for, what it may say, and what it
//! means. docs/config.md is the user-facing description of the same rules.
//!
//! The file is read in two passes over the same text. The first walks the
//! raw TOML tree so that a typo can be reported as "unknown key `x` in
//! [window]" with the key's own line; the second is serde, with every value
//! kept as a spanned `toml::Value` so that a wrong type or a bad number is
//! reported with its line and key, in our words rather than serde's.
//! Any problem is an error: the app never runs on a half-read config.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;
use toml::{Spanned, Value};

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
const SECTIONS: &[(&str, &[&str])] = &[
    ("window", WINDOW_KEYS),
    ("course", COURSE_KEYS),
    ("habits", HABITS_KEYS),
    ("ui", UI_KEYS),
];

/// Everything the config decides, checked and in domain types.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub window: WindowConfig,
    pub course: CourseConfig,
    pub half_life_days: f64,
    pub mouse: bool,
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
            source: None,
        }
    }
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
    fn check_names(&self) -> Result<(), ConfigError> {
        let doc = toml::de::DeTable::parse(self.text).map_err(|e| self.toml_error(&e))?;
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
                if !keys.contains(&key.get_ref().as_ref()) {
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
    doc.check_names()?;
    let raw: RawFile = toml::from_str(text).map_err(|e| doc.toml_error(&e))?;
    Ok(Settings {
        window: doc.window(&raw.window)?,
        course: doc.course(&raw.course)?,
        half_life_days: doc.half_life(&raw.habits)?,
        mouse: doc.mouse(&raw.ui)?,
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

/// [`load_from`] with `AFTERGLOW_CONFIG` read from the environment. An empty
/// variable counts as unset, as shells make it easy to set one by accident.
pub fn load(cli_path: Option<&Path>) -> Result<Settings, ConfigError> {
    let env = std::env::var_os("AFTERGLOW_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    load_from(cli_path, env.as_deref())
}

// Split from `load_from` so that tests can point the platform file at a
// temporary folder instead of the real home directory.
fn load_with(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
    platform: Option<&Path>,
) -> Result<Settings, ConfigError> {
    if let Some(path) = cli_path {
        return read_required(path, "--config");
    }
    if let Some(path) = env_path {
        return read_required(path, "AFTERGLOW_CONFIG");
    }
    let Some(path) = platform else {
        return Ok(Settings::default());
    };
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
            let mut found: Vec<&str> = table.keys().map(|k| k.get_ref().as_ref()).collect();
            let mut want = keys.to_vec();
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
             known sections: [window], [course], [habits], [ui]"
        );
        assert_eq!(
            err("mouse = false\n"),
            "/home/a/.config/afterglow/config.toml, line 1: unknown section [mouse]; \
             known sections: [window], [course], [habits], [ui]"
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
}
