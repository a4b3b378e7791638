//! Hostile input for every parser of text a person types or edits: the
//! config file (`config::parse`) and the WHEN and DAY arguments
//! (`domain::when::parse_when`, `parse_day`). None may panic on any input;
//! errors must point at the line and key; what the app formats it must read
//! back; valid configs must round-trip.
//!
//! The importers (jrnl, Daylio, Loop Habit Tracker, afterglow JSON) get
//! the same: no panic on any bytes, and a valid export brought in twice
//! adds nothing the second time (see the end of this file).
//!
//! Case counts are short so that CI stays quick. `PROPTEST_CASES=100000
//! cargo test --release --test parsers` runs every property that long.
#![allow(clippy::disallowed_methods)]

use std::path::Path;

use afterglow::config::{self, ConfigError, Settings};
use afterglow::domain::when::{parse_day, parse_when};
use afterglow::domain::{CourseConfig, DomainError, WindowConfig};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

#[path = "support/cases.rs"]
mod support_cases;
use support_cases::cases;

fn origin() -> &'static Path {
    Path::new("/home/sam/.config/afterglow/config.toml")
}

// ------------------------------------------------------------ config text

/// Every line of `text` that an error may name (1-based), plus one past the
/// end for "the file ended here".
fn line_count(text: &str) -> usize {
    text.split('\n').count() + 1
}

fn check_error_shape(text: &str, err: &ConfigError) -> Result<(), TestCaseError> {
    let message = err.to_string();
    prop_assert!(
        message.starts_with(&origin().display().to_string()),
        "{message}"
    );
    let line = match err {
        ConfigError::Syntax { line, .. } | ConfigError::Rejected { line, .. } => *line,
        ConfigError::UnknownSection { line, .. }
        | ConfigError::OutsideSections { line, .. }
        | ConfigError::UnknownKey { line, .. }
        | ConfigError::Invalid { line, .. }
        | ConfigError::Keys { line, .. } => Some(*line),
        ConfigError::Missing { .. } | ConfigError::Read { .. } => {
            return Err(TestCaseError::fail(format!("parse read a file: {err}")));
        }
    };
    if let Some(line) = line {
        prop_assert!(
            (1..=line_count(text)).contains(&line),
            "line {line} of {}: {message}",
            line_count(text)
        );
        prop_assert!(message.contains(&format!("line {line}")), "{message}");
    }
    if let ConfigError::Invalid { key, .. }
    | ConfigError::UnknownKey { key, .. }
    | ConfigError::Keys { name: key, .. } = err
    {
        prop_assert!(message.contains(&format!("`{key}`")), "{message}");
    }
    Ok(())
}

/// Bits of TOML, right and wrong, to glue together into files.
fn tomlish_line() -> impl Strategy<Value = String> {
    let section = prop::sample::select(vec![
        "[window]",
        "[course]",
        "[habits]",
        "[ui]",
        "[window.x]",
        "[[window]]",
        "[wndow]",
        "[window",
        "[]",
        "[ \"ui\" ]",
        "['habits']",
        "[keys]",
        "[colors]",
        "[keys.journal]",
        "[[keys]]",
        "[keys.quit]",
    ]);
    let key = prop::sample::select(vec![
        "acute_minutes",
        "opening_hours",
        "peak_hours",
        "open_hours",
        "extended_days",
        "gap_days",
        "induction_min",
        "induction_max",
        "integration_min_weeks",
        "integration_max_weeks",
        "half_life_days",
        "mouse",
        "window.acute_minutes",
        "course.gap_days",
        "ui.mouse",
        "habits.half_life_days",
        "\"mouse\"",
        "window",
        "ui",
        "typo",
        "ünïcødé",
        "a.b.c",
        "quit",
        "help",
        "new",
        "journal.new",
        "\"journal.new\"",
        "editor.save",
        "dialog.cancel",
        "keys.quit",
        "keys.timeline.plan",
        "title",
        "peak",
        "colors.plan_due",
    ]);
    let value = prop::sample::select(vec![
        "0",
        "1",
        "90",
        "-1",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999",
        "1.5",
        "1e400",
        "nan",
        "-inf",
        "+inf",
        "0x10",
        "0o7",
        "1_000",
        "true",
        "false",
        "\"90\"",
        "'text'",
        "\"\"\"multi\nline\"\"\"",
        "1979-05-27",
        "1979-05-27T07:32:00Z",
        "07:32:00",
        "[1, 2]",
        "[]",
        "{}",
        "{ acute_minutes = 1 }",
        "{ mouse = true, typo = 1 }",
        "\"🌱\"",
        "",
        "\"q\"",
        "\"?\"",
        "[\"q\", \"Ctrl-c\"]",
        "[\"x\", 1]",
        "\"Ctrl-s\"",
        "\"Hyper-x\"",
        "\"Shift-Up\"",
        "\"n\"",
        "\"light-cyan\"",
        "\"#ff8800\"",
        "255",
        "256",
    ]);
    prop_oneof![
        section.prop_map(str::to_string),
        (key.clone(), value.clone()).prop_map(|(k, v)| format!("{k} = {v}")),
        (key, value).prop_map(|(k, v)| format!("  {k}={v}   # note")),
        Just(String::new()),
        Just("# a comment 🌱".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r".to_string()),
        Just("=".to_string()),
        "[ -~]{0,30}",
        ".{0,10}",
    ]
}

// ---------------------------------------------------------- valid configs

#[derive(Debug, Clone)]
struct Valid {
    /// acute_minutes, opening_hours, peak_hours, open_hours, extended_days.
    window: [i64; 5],
    /// gap_days, induction_min, induction_max, integration_min_weeks,
    /// integration_max_weeks.
    course: [i64; 5],
    half_life: f64,
    mouse: bool,
    /// Which keys are written (the others take their defaults).
    present: [bool; 12],
    /// Per section: 0 a [section] table, 1 dotted keys, 2 an inline table.
    styles: [u8; 4],
    /// Shuffles keys and sprinkles comments and blank lines.
    noise: u64,
}

const WINDOW_KEYS: [&str; 5] = [
    "acute_minutes",
    "opening_hours",
    "peak_hours",
    "open_hours",
    "extended_days",
];
const COURSE_KEYS: [&str; 5] = [
    "gap_days",
    "induction_min",
    "induction_max",
    "integration_min_weeks",
    "integration_max_weeks",
];

/// Window boundaries that grow strictly once converted to minutes.
fn valid_window() -> impl Strategy<Value = [i64; 5]> {
    (1i64..=3000)
        .prop_flat_map(|a| (Just(a), (a / 60 + 1)..=(a / 60 + 200)))
        .prop_flat_map(|(a, o)| (Just(a), Just(o), (o + 1)..=(o + 200)))
        .prop_flat_map(|(a, o, p)| (Just(a), Just(o), Just(p), (p + 1)..=(p + 200)))
        .prop_flat_map(|(a, o, p, q)| {
            (
                Just([a, o, p, q]),
                (q / 24 + 1)..=(q / 24 + 1 + 200).min(3650),
            )
        })
        .prop_map(|([a, o, p, q], e)| [a, o, p, q, e])
}

fn valid_course() -> impl Strategy<Value = [i64; 5]> {
    (1i64..=365, 1i64..=100, 1i64..=520)
        .prop_flat_map(|(g, lo, wlo)| (Just((g, lo, wlo)), lo..=100, wlo..=520))
        .prop_map(|((g, lo, wlo), hi, whi)| [g, lo, hi, wlo, whi])
}

fn valid() -> impl Strategy<Value = Valid> {
    (
        valid_window(),
        valid_course(),
        prop_oneof![
            (1u32..=3650).prop_map(f64::from),
            (1e-9f64..=3650.0),
            Just(3650.0),
            Just(f64::MIN_POSITIVE),
        ],
        any::<bool>(),
        any::<[bool; 12]>(),
        any::<[u8; 4]>().prop_map(|s| s.map(|x| x % 3)),
        any::<u64>(),
    )
        .prop_map(
            |(window, course, half_life, mouse, present, styles, noise)| Valid {
                window,
                course,
                half_life,
                mouse,
                present,
                styles,
                noise,
            },
        )
}

/// xorshift, for the noise: proptest picks the seed.
fn step(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// A key as written: where it is (1-based line) and its name.
struct Written {
    text: String,
    lines: Vec<(usize, &'static str)>,
    /// Lines inside a [section] table, to slip a typo into: (line, section).
    table_lines: Vec<(usize, &'static str)>,
}

impl Valid {
    fn sections(&self) -> [(&'static str, Vec<(&'static str, String)>); 4] {
        let pick = |offset: usize, keys: &[&'static str], values: &[String]| {
            keys.iter()
                .zip(values)
                .enumerate()
                .filter(|(i, _)| self.present[offset + i])
                .map(|(_, (k, v))| (*k, v.clone()))
                .collect::<Vec<_>>()
        };
        let ints = |a: &[i64; 5]| a.map(|v| v.to_string());
        [
            ("window", pick(0, &WINDOW_KEYS, &ints(&self.window))),
            ("course", pick(5, &COURSE_KEYS, &ints(&self.course))),
            (
                "habits",
                pick(10, &["half_life_days"], &[format!("{:?}", self.half_life)]),
            ),
            ("ui", pick(11, &["mouse"], &[self.mouse.to_string()])),
        ]
    }

    fn write(&self) -> Written {
        let mut rng = self.noise | 1;
        let mut out: Vec<String> = Vec::new();
        let mut lines = Vec::new();
        let mut table_lines = Vec::new();
        let noise = |out: &mut Vec<String>, rng: &mut u64| match step(rng) % 6 {
            0 => out.push(String::new()),
            1 => out.push("# a comment, with = and [brackets] 🌱".into()),
            2 => out.push("   ".into()),
            _ => {}
        };
        let mut sections = self.sections();
        for (_, keys) in sections.iter_mut() {
            for i in (1..keys.len()).rev() {
                keys.swap(i, (step(&mut rng) % (i as u64 + 1)) as usize);
            }
        }
        // Dotted keys and inline tables belong to the root table, so they
        // come before the first [section] header.
        for style in [1, 2, 0] {
            for (i, (name, keys)) in sections.iter().enumerate() {
                if self.styles[i] != style || keys.is_empty() && style != 0 {
                    continue;
                }
                match style {
                    1 => {
                        for (k, v) in keys {
                            noise(&mut out, &mut rng);
                            out.push(format!("{name}.{k} = {v}"));
                            lines.push((out.len(), *k));
                        }
                    }
                    2 => {
                        noise(&mut out, &mut rng);
                        let body = keys
                            .iter()
                            .map(|(k, v)| format!("{k} = {v}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        out.push(format!("{name} = {{ {body} }}"));
                        lines.extend(keys.iter().map(|(k, _)| (out.len(), *k)));
                    }
                    _ => {
                        noise(&mut out, &mut rng);
                        out.push(format!("[{name}]   # section"));
                        table_lines.push((out.len() + 1, *name));
                        for (k, v) in keys {
                            noise(&mut out, &mut rng);
                            let pad = " ".repeat((step(&mut rng) % 3) as usize);
                            out.push(format!("{pad}{k}{pad}={pad}{v}  # why"));
                            lines.push((out.len(), *k));
                            table_lines.push((out.len() + 1, *name));
                        }
                    }
                }
            }
        }
        Written {
            text: out.join(if rng.is_multiple_of(2) { "\n" } else { "\r\n" }),
            lines,
            table_lines,
        }
    }

    fn expected(&self) -> Settings {
        let d = Settings::default();
        let w = self.window;
        let c = self.course;
        let or = |i: usize, v: i64, default: i64| if self.present[i] { v } else { default };
        let dw = [90, 24, 48, 72, 14];
        let dc = [7, 6, 8, 4, 8];
        let window = WindowConfig::from_units(
            or(0, w[0], dw[0]),
            or(1, w[1], dw[1]),
            or(2, w[2], dw[2]),
            or(3, w[3], dw[3]),
            or(4, w[4], dw[4]),
        );
        let course = CourseConfig::from_units(
            or(5, c[0], dc[0]),
            or(6, c[1], dc[1]) as u32,
            or(7, c[2], dc[2]) as u32,
            or(8, c[3], dc[3]),
            or(9, c[4], dc[4]),
        );
        Settings {
            window: window.expect("a valid window"),
            course: course.expect("a valid course"),
            half_life_days: if self.present[10] {
                self.half_life
            } else {
                d.half_life_days
            },
            mouse: if self.present[11] {
                self.mouse
            } else {
                d.mouse
            },
            source: Some(origin().to_path_buf()),
            ..d
        }
    }

    /// Whether the defaults that fill the gaps keep the order; a partial
    /// file can be refused for mixing its values with the defaults.
    fn ordered_with_defaults(&self) -> bool {
        let s = self.expected_units();
        let minutes = [s.0[0], s.0[1] * 60, s.0[2] * 60, s.0[3] * 60, s.0[4] * 1440];
        minutes.windows(2).all(|p| p[0] < p[1]) && s.1[1] <= s.1[2] && s.1[3] <= s.1[4]
    }

    fn expected_units(&self) -> ([i64; 5], [i64; 5]) {
        let dw = [90, 24, 48, 72, 14];
        let dc = [7, 6, 8, 4, 8];
        let w = std::array::from_fn(|i| {
            if self.present[i] {
                self.window[i]
            } else {
                dw[i]
            }
        });
        let c = std::array::from_fn(|i| {
            if self.present[5 + i] {
                self.course[i]
            } else {
                dc[i]
            }
        });
        (w, c)
    }
}

/// Values each key must refuse: wrong types, out of range, not numbers.
fn bad_values(key: &str) -> Vec<&'static str> {
    match key {
        "half_life_days" => vec![
            "0", "-1.0", "nan", "inf", "-inf", "3650.5", "1e9", "\"14\"", "true", "[14]",
        ],
        "mouse" => vec!["1", "0", "\"yes\"", "'true'", "0.0", "[true]", "{}"],
        _ => vec![
            "0",
            "-5",
            "1000000000",
            "9223372036854775807",
            "-9223372036854775808",
            "\"90\"",
            "1.5",
            "90.0",
            "nan",
            "true",
            "[1]",
            "{ a = 1 }",
            "1979-05-27",
        ],
    }
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn config_never_panics_on_any_text(text in any::<String>()) {
        if let Err(e) = config::parse(&text, origin()) {
            check_error_shape(&text, &e)?;
        }
    }

    #[test]
    fn config_never_panics_on_tomlish_text(
        lines in prop::collection::vec(tomlish_line(), 0..24),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        match config::parse(&text, origin()) {
            Ok(s) => prop_assert_eq!(s.source.as_deref(), Some(origin())),
            Err(e) => check_error_shape(&text, &e)?,
        }
    }

    #[test]
    fn valid_configs_round_trip(v in valid()) {
        let written = v.write();
        let parsed = config::parse(&written.text, origin());
        if v.ordered_with_defaults() {
            let parsed = parsed.map_err(|e| TestCaseError::fail(format!("{e}\n{}", written.text)))?;
            prop_assert_eq!(parsed, v.expected(), "{}", written.text);
        } else {
            // Only a mix of given values and defaults can be out of order.
            let err = parsed.expect_err("out of order with the defaults");
            prop_assert!(matches!(err, ConfigError::Invalid { .. }), "{err}");
            check_error_shape(&written.text, &err)?;
        }
    }

    #[test]
    fn a_bad_value_is_named_with_its_line_and_key(
        v in valid(),
        which in any::<prop::sample::Index>(),
        bad in any::<prop::sample::Index>(),
    ) {
        let mut v = v;
        v.present[which.index(12)] = true;
        if !v.ordered_with_defaults() {
            // Otherwise an order error between a value and a default could
            // come first and rightly name another key.
            v.present = [true; 12];
        }
        let written = v.write();
        let (line, key) = written.lines[which.index(written.lines.len())];
        let value = *bad.get(&bad_values(key));
        {
            let lines: Vec<&str> = written.text.split('\n').collect();
            let old = lines[line - 1];
            // Replace the value after `key =` on its line, wherever it sits.
            let at = old.find(key).unwrap() + key.len();
            let eq = at + old[at..].find('=').unwrap() + 1;
            let rest = &old[eq..];
            let end = rest
                .find([',', '}', '#'])
                .unwrap_or(rest.len());
            let new_line = format!("{} {value} {}", &old[..eq], &rest[end..]);
            let mut new_lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            new_lines[line - 1] = new_line;
            let text = new_lines.join("\n");
            let err = config::parse(&text, origin()).expect_err(&text);
            check_error_shape(&text, &err)?;
            match &err {
                ConfigError::Invalid { key: k, line: l, .. } => {
                    prop_assert_eq!((k.as_str(), *l), (key, line), "{}\n{}", err, text);
                }
                // An inline table with a list or a table inside is still
                // TOML; anything else must name the key.
                other => prop_assert!(false, "{other}\n{text}"),
            }
        }
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line(
        v in valid(),
        which in any::<prop::sample::Index>(),
        typo in "[a-z][a-z_]{0,11}",
    ) {
        let known: Vec<&str> = WINDOW_KEYS.iter().chain(&COURSE_KEYS)
            .copied().chain(["half_life_days", "mouse"]).collect();
        prop_assume!(!known.contains(&typo.as_str()));
        let mut v = v;
        v.styles = [0; 4];
        let written = v.write();
        prop_assume!(!written.table_lines.is_empty());
        let (line, section) = written.table_lines[which.index(written.table_lines.len())];
        let mut lines: Vec<String> = written.text.split('\n').map(str::to_string).collect();
        lines.insert(line - 1, format!("{typo} = 1"));
        let text = lines.join("\n");
        match config::parse(&text, origin()) {
            Err(ConfigError::UnknownKey { key, line: l, section: s, .. }) => {
                prop_assert_eq!((key.as_str(), l, s.as_str()), (typo.as_str(), line, section), "{}", text);
            }
            other => prop_assert!(false, "{other:?}\n{text}"),
        }
    }
}

/// A `[keys]` or `[colors]` line from a pool of real and bogus names and
/// values: clashes, keys the editor needs, Shift, unknown names and keys.
fn keys_or_colors_line() -> impl Strategy<Value = (bool, String)> {
    let name = prop::sample::select(vec![
        "quit",
        "help",
        "up",
        "down",
        "back",
        "open",
        "next_pane",
        "timeline.new",
        "timeline.plan",
        "journal.new",
        "journal.edit",
        "habits.tick",
        "habits.day_before",
        "intention.reflect",
        "editor.save",
        "editor.close",
        "editor.external",
        "dialog.confirm",
        "quitt",
        "journal.write",
    ]);
    let key = prop::sample::select(vec![
        "q",
        "x",
        "n",
        "h",
        "?",
        "G",
        "Space",
        "Enter",
        "Esc",
        "Tab",
        "Up",
        "Left",
        "Ctrl-c",
        "Ctrl-s",
        "Ctrl-S",
        "ctrl-x",
        "Alt-s",
        "F1",
        "f12",
        "Shift-Tab",
        "Shift-Up",
        "Shift-g",
        "PageUp",
        "Hyper-x",
        "",
        "ab",
    ]);
    let role = prop::sample::select(vec![
        "title", "accent", "border", "dim", "peak", "closed", "plan_due", "error", "titel",
    ]);
    let color = prop::sample::select(vec![
        "\"red\"",
        "\"Light Cyan\"",
        "\"dark_grey\"",
        "\"default\"",
        "\"#a0B1c2\"",
        "\"#12345\"",
        "\"purple\"",
        "0",
        "255",
        "256",
        "-1",
        "true",
    ]);
    prop_oneof![
        (name, prop::collection::vec(key, 0..4), any::<bool>()).prop_map(|(n, keys, one)| {
            let value = match (one, keys.as_slice()) {
                (true, [k, ..]) => format!("{k:?}"),
                _ => format!("{keys:?}"),
            };
            (true, format!("{n} = {value}"))
        }),
        (role, color).prop_map(|(r, c)| (false, format!("{r} = {c}"))),
    ]
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn keys_and_colours_read_back_or_fail_with_a_line(
        lines in prop::collection::vec(keys_or_colors_line(), 0..8),
    ) {
        let mut text = String::from("# mine\n[keys]\n");
        for (_, line) in lines.iter().filter(|(keys, _)| *keys) {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("\n[colors]\n");
        for (_, line) in lines.iter().filter(|(keys, _)| !*keys) {
            text.push_str(line);
            text.push('\n');
        }
        match config::parse(&text, origin()) {
            Ok(settings) => {
                let shown = config::to_toml(&settings);
                let again = config::parse(&shown, origin())
                    .map_err(|e| TestCaseError::fail(format!("{e}\n{shown}")))?;
                prop_assert_eq!(again, settings, "{}", shown);
            }
            // A duplicated TOML key is a syntax error, as it should be.
            Err(e) => check_error_shape(&text, &e)?,
        }
    }
}

#[test]
fn every_bad_value_is_named_with_its_line() {
    // The property above tries one bad value per case; here each one is
    // tried for each key at least once.
    for key in WINDOW_KEYS
        .iter()
        .chain(&COURSE_KEYS)
        .chain(&["half_life_days", "mouse"])
    {
        let section = match *key {
            k if WINDOW_KEYS.contains(&k) => "window",
            k if COURSE_KEYS.contains(&k) => "course",
            "half_life_days" => "habits",
            _ => "ui",
        };
        for value in bad_values(key) {
            let text = format!("# settings\n\n[{section}]\n# about to go wrong\n{key} = {value}\n");
            match config::parse(&text, origin()) {
                Err(ConfigError::Invalid { key: k, line, .. }) => {
                    assert_eq!((k.as_str(), line), (*key, 5), "{text}");
                }
                other => panic!("{key} = {value}: {other:?}"),
            }
        }
    }
}

// --------------------------------------------------------------- WHEN/DAY

fn fixed_zone() -> impl Strategy<Value = FixedOffset> {
    // FixedOffset allows up to a day minus a second either way.
    prop_oneof![
        (-86_399i32..=86_399).prop_map(|s| FixedOffset::east_opt(s).unwrap()),
        (-14i32..=14).prop_map(|h| FixedOffset::east_opt(h * 3600).unwrap()),
    ]
}

/// Offsets in whole minutes, which `HH:MM` can show exactly.
fn minute_zone() -> impl Strategy<Value = FixedOffset> {
    (-1439i32..=1439).prop_map(|m| FixedOffset::east_opt(m * 60).unwrap())
}

fn named_zone() -> impl Strategy<Value = chrono_tz::Tz> {
    prop::sample::select(chrono_tz::TZ_VARIANTS.to_vec())
}

/// Any instant chrono can hold, with a bias to its ends.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    );
    prop_oneof![
        (min..=max).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap()),
        (0i64..=86_400 * 3).prop_map(move |s| DateTime::from_timestamp(min + s, 0).unwrap()),
        (0i64..=86_400 * 3).prop_map(move |s| DateTime::from_timestamp(max - s, 0).unwrap()),
        (-2_208_988_800i64..7_258_118_400).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap()),
    ]
}

/// Text that looks like a WHEN or DAY: numbers of any size, odd
/// separators, offsets, fractions, unicode digits and emoji.
fn whenish() -> impl Strategy<Value = String> {
    let num = prop_oneof![
        (0i64..100).prop_map(|n| format!("{n:02}")),
        any::<i64>().prop_map(|n| n.to_string()),
        (0i64..=300_000).prop_map(|n| n.to_string()),
        Just("99999999999999999999999".to_string()),
        Just("+262143".to_string()),
        Just("-262144".to_string()),
        Just("２０２６".to_string()),
        Just("٢٠".to_string()),
        Just("🌱".to_string()),
        Just(String::new()),
    ];
    let sep = prop::sample::select(vec![
        "-", ":", " ", "T", "t", "Z", "z", "+", ".", "/", "\u{a0}", "　", "e\u{301}", "",
    ]);
    let tail = prop::sample::select(vec![
        "",
        "Z",
        "+00:00",
        "-23:59",
        "+24:00",
        "+99:99",
        "+14:00",
        ".123456789123456789Z",
        ",5Z",
        " now",
        "\u{0}",
        " 🌱",
    ]);
    prop_oneof![
        (prop::collection::vec((num, sep), 0..8), tail).prop_map(|(parts, tail)| {
            let mut s: String = parts.into_iter().map(|(n, s)| format!("{n}{s}")).collect();
            s.push_str(tail);
            s
        }),
        prop::sample::select(vec![
            "now",
            "NOW",
            " nOw ",
            "today",
            "yesterday",
            "YESTERDAY",
            "tomorrow",
            "monday",
            "Sun 23:59",
            "-2h",
            "90m ago",
            "1d2h3m ago",
            "-99999999999999999999d",
            "",
            " ",
            "\u{feff}now",
            "now\u{0}",
            "no\u{301}w",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

fn check_when_result<Tz: TimeZone>(
    input: &str,
    got: Result<DateTime<Utc>, DomainError>,
    tz: &Tz,
) -> Result<(), TestCaseError> {
    match got {
        Ok(t) => {
            // A local time read without an offset names that wall time.
            let s = input.trim();
            for f in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
                if let Ok(naive) = NaiveDateTime::parse_from_str(s, f)
                    && DateTime::parse_from_rfc3339(s).is_err()
                {
                    prop_assert_eq!(t.with_timezone(tz).naive_local(), naive, "{:?}", input);
                }
            }
        }
        Err(DomainError::BadWhen {
            input: echoed,
            reason,
        })
        | Err(DomainError::ClockChange {
            input: echoed,
            reason,
        }) => {
            prop_assert_eq!(echoed, input);
            prop_assert!(!reason.is_empty());
        }
        Err(other) => prop_assert!(false, "{input:?}: unexpected {other:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(1024))]

    #[test]
    fn when_and_day_never_panic_in_fixed_zones(
        input in whenish(),
        now in any_instant(),
        tz in fixed_zone(),
    ) {
        check_when_result(&input, parse_when(&input, now, &tz), &tz)?;
        match parse_day(&input, now, &tz) {
            Ok(_) | Err(DomainError::BadDay { .. }) => {}
            Err(other) => prop_assert!(false, "{input:?}: unexpected {other:?}"),
        }
    }

    #[test]
    fn when_and_day_never_panic_in_named_zones(
        input in whenish(),
        now in any_instant(),
        tz in named_zone(),
    ) {
        check_when_result(&input, parse_when(&input, now, &tz), &tz)?;
        let _ = parse_day(&input, now, &tz);
    }

    /// What the app shows (`%Y-%m-%d %H:%M` in the zone, and RFC 3339) reads
    /// back as the same minute, anywhere in chrono's range.
    #[test]
    fn when_reads_what_it_formats(t in any_instant(), tz in minute_zone(), now in any_instant()) {
        let t = t - TimeDelta::seconds(t.timestamp().rem_euclid(60));
        // A wall time past the end of chrono's range cannot be typed back.
        let wall = t.naive_utc().checked_add_signed(TimeDelta::seconds(tz.local_minus_utc().into()));
        if wall.is_none() {
            // Not a rejection: near the ends these are common, and proptest
            // aborts after too many rejections in a long run.
            return Ok(());
        }
        let local = t.with_timezone(&tz);
        for f in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
            let text = local.format(f).to_string();
            prop_assert_eq!(parse_when(&text, now, &tz), Ok(t), "{}", text);
        }
        // RFC 3339 has four-digit years only.
        if (0..=9999).contains(&local.naive_local().year()) {
            let text = local.to_rfc3339();
            prop_assert_eq!(parse_when(&text, now, &tz), Ok(t), "{}", text);
        }
        prop_assert_eq!(parse_when("now", now, &tz), Ok(now));
    }

    #[test]
    fn day_reads_what_it_formats(
        days in (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce()),
        tz in fixed_zone(),
        now in any_instant(),
    ) {
        let d = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
        let text = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_day(&text, now, &tz), Ok(d), "{}", text);
        // Near the ends of time the local date may not exist; then any
        // answer but a panic will do.
        let offset = TimeDelta::seconds(tz.local_minus_utc().into());
        let Some(wall) = now.naive_utc().checked_add_signed(offset) else {
            let _ = parse_day("today", now, &tz);
            let _ = parse_day("yesterday", now, &tz);
            return Ok(());
        };
        let today = parse_day("today", now, &tz).unwrap();
        prop_assert_eq!(today, wall.date());
        if let Ok(y) = parse_day("yesterday", now, &tz) {
            prop_assert_eq!(y.succ_opt(), Some(today));
        } else {
            prop_assert_eq!(today, NaiveDate::MIN);
        }
    }

    /// Any minute of any year in any named zone: a wall time that the zone
    /// skips or repeats is refused as a clock change naming both choices,
    /// and every other one reads back exactly.
    #[test]
    fn wall_times_in_named_zones_read_back_or_are_clock_changes(
        tz in named_zone(),
        minute in -70 * 366 * 1440i64..=130 * 366 * 1440,
    ) {
        let naive = DateTime::from_timestamp(minute * 60, 0).unwrap().naive_utc();
        let text = naive.format("%Y-%m-%d %H:%M").to_string();
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        match (parse_when(&text, now, &tz), tz.from_local_datetime(&naive)) {
            (Ok(t), chrono::LocalResult::Single(only)) => {
                prop_assert_eq!(t, only.with_timezone(&Utc), "{} {}", tz, text)
            }
            (Err(DomainError::ClockChange { reason, .. }), chrono::LocalResult::None) => {
                prop_assert!(reason.contains("does not exist in this time zone"), "{} {}: {}", tz, text, reason);
            }
            (Err(DomainError::ClockChange { reason, .. }), chrono::LocalResult::Ambiguous(..)) => {
                prop_assert!(reason.contains("happens twice in this time zone"), "{} {}: {}", tz, text, reason);
            }
            (got, want) => prop_assert!(false, "{tz} {text}: {got:?} but the zone says {want:?}"),
        }
    }
}

/// A wall time that cannot be stored because it is past the end of
/// chrono's range is not a daylight-saving gap, and must not be called one.
#[test]
fn times_past_the_end_of_time_are_not_called_daylight_saving() {
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let west = FixedOffset::west_opt(14 * 3600).unwrap();
    let east = FixedOffset::east_opt(14 * 3600).unwrap();
    let last = NaiveDateTime::MAX.format("%Y-%m-%d %H:%M").to_string();
    let first = NaiveDateTime::MIN.format("%Y-%m-%d %H:%M").to_string();
    for (text, tz) in [(&last, west), (&first, east)] {
        match parse_when(text, now, &tz) {
            Err(DomainError::BadWhen { reason, .. }) => {
                assert!(!reason.contains("daylight"), "{text} {tz}: {reason}");
                assert!(
                    reason.contains("outside the range"),
                    "{text} {tz}: {reason}"
                );
            }
            other => panic!("{text} {tz}: {other:?}"),
        }
    }
    // The same wall times in zones where they exist are fine.
    assert!(parse_when(&last, now, &east).is_ok());
    assert!(parse_when(&first, now, &west).is_ok());
}

// -------------------------------------------------------------- importers

/// The importers (`afterglow import`): none may panic on any bytes, a
/// problem names a line that exists, and a valid export brought in twice
/// adds nothing the second time, in zones with daylight saving too.
mod importers {
    use super::{cases, named_zone};

    use std::io::{Cursor, Write};

    use afterglow::domain::{Habit, HabitKind, HabitRole};
    use afterglow::importers::{
        LoopFiles, LoopFolder, MoodMap, Options, Parsed, Problem, loop_from_zip, parse_afterglow,
        parse_daylio, parse_jrnl, parse_loop,
    };
    use afterglow::store::{Db, Kinds};
    use chrono::{Datelike, Days, NaiveDate, TimeZone};
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    /// A database with the first-run habits and a yes/no "Walk".
    fn db() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        db.ensure_defaults(today()).unwrap();
        db.add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, today())
            .unwrap();
        db
    }

    fn opts<'a, Tz: TimeZone>(
        zone: Tz,
        habits: &'a [Habit],
        moods: &'a MoodMap,
    ) -> Options<'a, Tz> {
        Options {
            zone,
            habits,
            moods,
            window: Default::default(),
            today: today(),
        }
    }

    /// A problem's line, when it has one, is a line of the text (or one
    /// past its end, for "the file ends here").
    fn check_problem(bytes: &[u8], p: &Problem) -> Result<(), TestCaseError> {
        prop_assert!(!p.message.trim().is_empty());
        if let Some(line) = p.line {
            let lines = bytes.split(|&b| b == b'\n').count() + 1;
            prop_assert!(
                (1..=lines).contains(&line),
                "line {} of {}: {}",
                line,
                lines,
                p.message
            );
        }
        Ok(())
    }

    /// Imports twice; the second time adds nothing, and the first time
    /// every record was either added or found.
    fn twice(db: &mut Db, parsed: &Parsed) -> Result<(), TestCaseError> {
        let dry = db
            .import(&parsed.batch, true)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let first = db
            .import(&parsed.batch, false)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(dry, first, "a dry run counts what a real one adds");
        let b = &parsed.batch;
        prop_assert_eq!(
            first.added.journal + first.already_there.journal,
            b.journal.len()
        );
        prop_assert_eq!(first.added.ticks + first.already_there.ticks, b.ticks.len());
        let again = db
            .import(&parsed.batch, false)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again.added, Kinds::default());
        Ok(())
    }

    /// Text with the characters exports trip over.
    fn words() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z ,.;:!?'\"-]{0,40}",
            Just("Café, \"quoted\", 🌊 emoji".to_string()),
            Just("two\nlines".to_string()),
            Just("crlf\r\nline".to_string()),
            Just("<br>&amp; &#127807;".to_string()),
            Just("   ".to_string()),
            Just(String::new()),
            Just("今日は静か".to_string()),
        ]
    }

    /// Any day from 1970 to 2037, so zones' daylight-saving changes are hit.
    fn day() -> impl Strategy<Value = NaiveDate> {
        (0u64..68 * 365).prop_map(|d| {
            NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|start| start.checked_add_days(Days::new(d)))
                .unwrap()
        })
    }

    // ------------------------------------------------------------- jrnl

    fn jrnl_entry() -> impl Strategy<Value = serde_json::Value> {
        (day(), 0u32..24, 0u32..60, words(), words(), any::<bool>()).prop_map(
            |(d, h, m, title, body, starred)| {
                serde_json::json!({
                    "title": title, "body": body,
                    "date": d.format("%Y-%m-%d").to_string(),
                    "time": format!("{h:02}:{m:02}"),
                    "tags": [], "starred": starred,
                })
            },
        )
    }

    /// Valid JSON of every shape near jrnl's: lists and objects of the
    /// wrong kind where entries or their fields go, missing or doubled
    /// fields, pretty-printed or on one line.
    fn jrnl_shaped() -> impl Strategy<Value = (String, bool)> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("5".to_string()),
            Just("-1.5".to_string()),
            Just("\"2025-01-01\"".to_string()),
            Just("\"10:00\"".to_string()),
            Just("\"words, \\\"quoted\\\": here\"".to_string()),
        ];
        let key = prop::sample::select(vec![
            "entries", "title", "body", "date", "time", "starred", "tags", "format",
        ]);
        let value = leaf.prop_recursive(3, 24, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|items| format!("[{}]", items.join(", "))),
                prop::collection::vec((key.clone(), inner), 0..6).prop_map(|fields| {
                    let fields: Vec<String> = fields
                        .iter()
                        .map(|(k, v)| format!("\"{k}\": {v}"))
                        .collect();
                    format!("{{{}}}", fields.join(", "))
                }),
            ]
        });
        // Mostly near misses: an "entries" list of entry-like objects,
        // fields left out, doubled or of another kind.
        let field = prop_oneof![
            Just("\"2025-01-01\"".to_string()),
            Just("\"10:00\"".to_string()),
            Just("\"words\"".to_string()),
            Just("false".to_string()),
            Just("7".to_string()),
            Just("null".to_string()),
            Just("[\"x\"]".to_string()),
            Just("{}".to_string()),
        ];
        let entry = prop::collection::vec(
            (
                prop::sample::select(vec!["title", "body", "date", "time", "starred"]),
                field,
            ),
            2..7,
        )
        .prop_map(|fields| {
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!("{{{}}}", fields.join(", "))
        });
        let near = prop::collection::vec(prop_oneof![4 => entry, 1 => value.clone()], 0..4)
            .prop_map(|entries| format!("{{\"entries\": [{}]}}", entries.join(", ")));
        (prop_oneof![value, near], any::<bool>())
    }

    fn jrnlish() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            any::<Vec<u8>>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "{",
                    "}",
                    "[",
                    "]",
                    ",",
                    ":",
                    "\"entries\"",
                    "\"title\"",
                    "\"date\"",
                    "\"time\"",
                    "\"2025-02-30\"",
                    "\"24:00\"",
                    "\"10:00\"",
                    "\"2025-01-01\"",
                    "null",
                    "true",
                    "1e999",
                    "\"\\ud800\"",
                    "\u{feff}",
                    "\r\n",
                    " ",
                ]),
                0..40,
            )
            .prop_map(|parts| parts.concat().into_bytes()),
            prop::collection::vec(jrnl_entry(), 0..4).prop_map(|entries| {
                serde_json::to_vec(&serde_json::json!({"tags": {}, "entries": entries})).unwrap()
            }),
        ]
    }

    // ----------------------------------------------------------- Daylio

    fn daylio_row() -> impl Strategy<Value = Vec<String>> {
        let clock = prop_oneof![
            (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
            (1u32..=12, 0u32..60, any::<bool>())
                .prop_map(|(h, m, pm)| format!("{h}:{m:02} {}", if pm { "pm" } else { "am" })),
        ];
        let mood = prop::sample::select(vec!["rad", "Good", "meh", "bad", "AWFUL"]);
        let activities = prop::collection::vec(
            prop::sample::select(vec![
                "walk",
                "Meditation",
                "sleep",
                "friends",
                "work, late",
                "🎨 art",
            ]),
            0..4,
        )
        .prop_map(|a| a.join(" | "));
        (day(), clock, mood, activities, words(), words(), words()).prop_map(
            |(d, clock, mood, activities, scales, title, note)| {
                vec![
                    d.format("%Y-%m-%d").to_string(),
                    d.format("%B %-d").to_string(),
                    d.format("%A").to_string(),
                    clock,
                    mood.to_string(),
                    activities,
                    scales,
                    title,
                    note,
                ]
            },
        )
    }

    fn daylio_file(rows: &[Vec<String>], crlf: bool, bom: bool) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .quote_style(csv::QuoteStyle::Always)
            .from_writer(Vec::new());
        w.write_record([
            "full_date",
            "date",
            "weekday",
            "time",
            "mood",
            "activities",
            "scales",
            "note_title",
            "note",
        ])
        .unwrap();
        for r in rows {
            w.write_record(r).unwrap();
        }
        let mut out = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        out.extend(w.into_inner().unwrap());
        out
    }

    fn daylioish() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            any::<Vec<u8>>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "full_date,date,weekday,time,mood,activities,note_title,note\n",
                    "2025-11-02,x,x,",
                    "8:45 pm",
                    "25:00",
                    "12:00 am",
                    ",good,",
                    ",okay,",
                    "\"",
                    "\"a, b\"",
                    " | ",
                    "\r\n",
                    "\n",
                    "\u{feff}",
                    "🌊",
                    ",",
                ]),
                0..30,
            )
            .prop_map(|parts| parts.concat().into_bytes()),
            (
                prop::collection::vec(daylio_row(), 0..4),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(rows, crlf, bom)| daylio_file(&rows, crlf, bom)),
        ]
    }

    // ------------------------------------------------------------- Loop

    /// One Loop habit: (name, numerical, archived, marks as (day, value, note)).
    type LoopHabit = (String, bool, bool, Vec<(NaiveDate, String, String)>);

    fn loop_habit() -> impl Strategy<Value = LoopHabit> {
        let name = prop_oneof![
            Just("Walk".to_string()),
            Just("meditation".to_string()),
            Just("Read, before bed".to_string()),
            "[A-Za-z][A-Za-z ]{0,50}",
        ];
        let value = prop_oneof![
            prop::sample::select(vec![
                "YES_MANUAL",
                "YES_AUTO",
                "NO",
                "SKIP",
                "UNKNOWN",
                "2",
                "1",
                "0",
                "-1",
                "3"
            ])
            .prop_map(str::to_string),
            (1i64..20_000).prop_map(|n| n.to_string()),
        ];
        (
            name,
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec((day(), value, words()), 0..6),
        )
    }

    fn loop_files(habits: &[LoopHabit]) -> LoopFiles {
        let mut h = csv::Writer::from_writer(Vec::new());
        h.write_record([
            "Position",
            "Name",
            "Type",
            "Unit",
            "Target Type",
            "Target Value",
            "Archived?",
        ])
        .unwrap();
        let mut folders = Vec::new();
        for (i, (name, numerical, archived, marks)) in habits.iter().enumerate() {
            let position = format!("{:03}", i + 1);
            let kind = if *numerical { "NUMERICAL" } else { "YES_NO" };
            let (unit, target) = if *numerical { ("km", "5.0") } else { ("", "") };
            h.write_record([
                &position,
                name,
                kind,
                unit,
                "AT_LEAST",
                target,
                &archived.to_string(),
            ])
            .unwrap();
            let mut m = csv::Writer::from_writer(Vec::new());
            m.write_record(["Date", "Value", "Notes"]).unwrap();
            for (d, value, note) in marks {
                // Yes/no habits only ever hold codes.
                let value = match value.parse::<i64>() {
                    Ok(n) if !*numerical && n > 3 => "2".to_string(),
                    _ => value.clone(),
                };
                m.write_record([d.format("%Y-%m-%d").to_string(), value, note.clone()])
                    .unwrap();
            }
            let dir = format!("{position} {name}");
            folders.push(LoopFolder {
                name: format!("{dir}/Checkmarks.csv"),
                dir,
                checkmarks: m.into_inner().unwrap(),
            });
        }
        LoopFiles {
            habits_name: "Habits.csv".into(),
            habits: h.into_inner().unwrap(),
            folders,
        }
    }

    fn zip_of(files: &LoopFiles) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("Habits.csv", options).unwrap();
        zip.write_all(&files.habits).unwrap();
        for f in &files.folders {
            zip.start_file(f.name.as_str(), options).unwrap();
            zip.write_all(&f.checkmarks).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    proptest! {
        #![proptest_config(cases(256))]

        #[test]
        fn jrnl_never_panics(bytes in jrnlish(), tz in named_zone()) {
            let (habits, moods) = (Vec::new(), MoodMap::default());
            if let Err(p) = parse_jrnl(&bytes, &opts(tz, &habits, &moods)) {
                check_problem(&bytes, &p)?;
            }
        }

        /// serde's own words never reach the person: a file of any shape
        /// is named in plain words (issue: "invalid length 0, expected
        /// struct Export with 2 elements").
        #[test]
        fn jrnl_shape_problems_are_in_plain_words((json, pretty) in jrnl_shaped()) {
            let text = if pretty {
                let value: serde_json::Value = serde_json::from_str(&json).unwrap();
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                json
            };
            let (habits, moods) = (Vec::new(), MoodMap::default());
            if let Err(p) = parse_jrnl(text.as_bytes(), &opts(chrono::Utc, &habits, &moods)) {
                check_problem(text.as_bytes(), &p)?;
                for jargon in [
                    "invalid type", "invalid length", "invalid value", "missing field",
                    "duplicate field", "expected", "struct", "Export", "sequence", "map",
                    "cannot be read",
                ] {
                    prop_assert!(!p.message.contains(jargon), "{}\n{}", text, p.message);
                }
            }
        }

        #[test]
        fn daylio_never_panics(bytes in daylioish(), tz in named_zone()) {
            let moods = MoodMap::default();
            let habits = db().habits(true).unwrap();
            if let Err(p) = parse_daylio(&bytes, &opts(tz, &habits, &moods)) {
                check_problem(&bytes, &p)?;
            }
        }

        #[test]
        fn afterglow_never_panics(bytes in jrnlish()) {
            if let Err(p) = parse_afterglow(&bytes) {
                check_problem(&bytes, &p)?;
            }
        }

        #[test]
        fn loop_never_panics(
            habits in any::<Vec<u8>>(),
            marks in any::<Vec<u8>>(),
            dir in "[0-9]{1,4} [a-z]{0,5}",
            zip in any::<Vec<u8>>(),
        ) {
            let moods = MoodMap::default();
            let files = LoopFiles {
                habits_name: "Habits.csv".into(),
                habits: habits.clone(),
                folders: vec![LoopFolder { name: format!("{dir}/Checkmarks.csv"), dir, checkmarks: marks.clone() }],
            };
            if let Err(p) = parse_loop(&files, &opts(chrono::Utc, &[], &moods)) {
                let text = if p.part.as_deref() == Some("Habits.csv") { &habits } else { &marks };
                check_problem(text, &p)?;
            }
            let _ = loop_from_zip(&zip);
        }

        /// A real zip with bytes changed here and there: refused or read,
        /// never a panic, never unbounded.
        #[test]
        fn damaged_zips_never_panic(
            habits in prop::collection::vec(loop_habit(), 0..3),
            flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let mut bytes = zip_of(&loop_files(&habits));
            for (at, b) in flips {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            let moods = MoodMap::default();
            if let Ok(files) = loop_from_zip(&bytes) {
                let _ = parse_loop(&files, &opts(chrono::Utc, &[], &moods));
            }
        }
    }

    proptest! {
        #![proptest_config(cases(128))]

        /// A row that cannot be read is named by the line it starts on,
        /// whatever the line ends, a byte-order mark or notes spanning
        /// lines before it.
        #[test]
        fn daylio_problems_name_the_line_of_their_row(
            rows in prop::collection::vec(daylio_row(), 1..6),
            bad in any::<prop::sample::Index>(),
            crlf in any::<bool>(),
            bom in any::<bool>(),
        ) {
            let mut rows = rows;
            let k = bad.index(rows.len());
            rows[k][3] = "25:99".to_string();
            let bytes = daylio_file(&rows, crlf, bom);
            let before = daylio_file(&rows[..k], crlf, bom);
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let moods = MoodMap::default();
            let p = parse_daylio(&bytes, &opts(chrono::Utc, &[], &moods)).unwrap_err();
            prop_assert_eq!(p.line, Some(line), "{}", p.message);
            prop_assert!(p.message.contains("\"25:99\""), "{}", p.message);
        }
    }

    proptest! {
        #![proptest_config(cases(48))]

        #[test]
        fn jrnl_brought_in_twice_adds_nothing(
            entries in prop::collection::vec(jrnl_entry(), 0..6),
            tz in named_zone(),
        ) {
            let mut db = db();
            let bytes = serde_json::to_vec(&serde_json::json!({"tags": {}, "entries": entries})).unwrap();
            let (habits, moods) = (db.habits(true).unwrap(), MoodMap::default());
            let parsed = parse_jrnl(&bytes, &opts(tz, &habits, &moods))
                .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            twice(&mut db, &parsed)?;
        }

        #[test]
        fn daylio_brought_in_twice_adds_nothing(
            rows in prop::collection::vec(daylio_row(), 0..6),
            crlf in any::<bool>(),
            bom in any::<bool>(),
            tz in named_zone(),
        ) {
            let mut db = db();
            let bytes = daylio_file(&rows, crlf, bom);
            let (habits, moods) = (db.habits(true).unwrap(), MoodMap::default());
            let parsed = parse_daylio(&bytes, &opts(tz, &habits, &moods))
                .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            prop_assert_eq!(parsed.batch.journal.len(), rows.len());
            prop_assert!(parsed.batch.journal.iter().all(|e| !e.body.trim().is_empty()));
            // The entries do not depend on which habits exist, so a habit
            // added later never makes a row come in twice.
            let bare = parse_daylio(&bytes, &opts(tz, &[], &moods))
                .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            prop_assert_eq!(&bare.batch.journal, &parsed.batch.journal);
            twice(&mut db, &parsed)?;
        }

        /// jrnl and Daylio keep local times with no zone; the same file
        /// read in another zone is the same entries all the same.
        #[test]
        fn brought_in_again_in_another_zone_adds_nothing(
            rows in prop::collection::vec(daylio_row(), 0..6),
            entries in prop::collection::vec(jrnl_entry(), 0..6),
            first in named_zone(),
            then in named_zone(),
        ) {
            // Every zone's offset has been a whole number of quarter hours
            // since Kiritimati's -10:40 ended in 1979 (and Liberia's
            // -0:44:30 in 1972); what is recognised across zones rests on
            // that (see `Db::import`).
            let later = |d: &str| {
                let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
                let day = if day.year() < 1980 { day + Days::new(20 * 365) } else { day };
                day.format("%Y-%m-%d").to_string()
            };
            let mut rows = rows;
            for r in &mut rows {
                r[0] = later(&r[0]);
            }
            let mut entries = entries;
            for e in &mut entries {
                e["date"] = later(e["date"].as_str().unwrap()).into();
            }
            let mut db = db();
            let (habits, moods) = (db.habits(true).unwrap(), MoodMap::default());
            let daylio = daylio_file(&rows, false, false);
            let jrnl = serde_json::to_vec(&serde_json::json!({"entries": entries})).unwrap();
            for (round, tz) in [first, then].into_iter().enumerate() {
                let o = opts(tz, &habits, &moods);
                let a = parse_daylio(&daylio, &o).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
                let b = parse_jrnl(&jrnl, &o).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
                let counts = [a, b].map(|p| db.import(&p.batch, false).unwrap());
                if round == 1 {
                    for c in counts {
                        prop_assert_eq!(c.added, Kinds::default(), "{} then {}", first, then);
                    }
                }
            }
        }

        #[test]
        fn loop_brought_in_twice_adds_nothing(
            habits in prop::collection::vec(loop_habit(), 0..4),
            tz in named_zone(),
        ) {
            let mut db = db();
            let files = loop_files(&habits);
            let (existing, moods) = (db.habits(true).unwrap(), MoodMap::default());
            let o = opts(tz, &existing, &moods);
            let parsed = parse_loop(&files, &o).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            let zipped = loop_from_zip(&zip_of(&files)).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
            prop_assert_eq!(&parse_loop(&zipped, &o).map_err(|p| TestCaseError::fail(format!("{p:?}")))?, &parsed);
            twice(&mut db, &parsed)?;
        }
    }

    /// A copy cut off inside a quoted field is refused with the line the
    /// field starts on, wherever the cut falls, instead of read as a
    /// shorter note. (A cut just after a quote reads as a field that ends
    /// there; nothing in the text can tell it from a whole one.)
    #[test]
    fn every_cut_inside_a_quoted_field_is_refused() {
        let note = "Two lines,\nand a \"quote\" 🌊 in them";
        let rows = vec![
            vec!["2025-11-03", "x", "x", "10:00", "good", "", "", "", "first"],
            vec![
                "2025-11-04",
                "x",
                "x",
                "10:00",
                "good",
                "walk",
                "",
                "title",
                note,
            ],
        ];
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| r.into_iter().map(str::to_string).collect())
            .collect();
        let moods = MoodMap::default();
        for crlf in [false, true] {
            let bytes = daylio_file(&rows, crlf, true);
            let text = std::str::from_utf8(&bytes).unwrap();
            let open = text.rfind(",\"Two").unwrap() + 1;
            let close = text.rfind("them\"").unwrap() + "them".len();
            let row_line = text[..open].matches('\n').count() + 1;
            for cut in open + 1..close {
                if !text.is_char_boundary(cut) || bytes[cut - 1] == b'"' {
                    continue;
                }
                let p = parse_daylio(&bytes[..cut], &opts(chrono::Utc, &[], &moods)).unwrap_err();
                assert_eq!(p.line, Some(row_line), "cut at {cut}: {}", p.message);
                assert!(p.message.contains("closing quote"), "{}", p.message);
            }
            let files = LoopFiles {
                habits_name: "Habits.csv".into(),
                habits: b"Position,Name\n001,Walk\n".to_vec(),
                folders: vec![LoopFolder {
                    dir: "001 Walk".into(),
                    name: "001 Walk/Checkmarks.csv".into(),
                    checkmarks: format!("Date,Value,Notes\n2025-11-01,2,\"{}", &note[..12])
                        .into_bytes(),
                }],
            };
            let p = parse_loop(&files, &opts(chrono::Utc, &[], &moods)).unwrap_err();
            assert_eq!(
                (p.part.as_deref(), p.line),
                (Some("001 Walk/Checkmarks.csv"), Some(2))
            );
        }
    }

    /// No entry longer than one entry may be (256 KiB) comes in: refused
    /// whole with its line, never cut.
    #[test]
    fn entries_past_their_size_are_refused_with_their_line() {
        let moods = MoodMap::default();
        let long = "a".repeat(afterglow::domain::MAX_ENTRY_BYTES + 1);
        let daylio = format!(
            "full_date,date,weekday,time,mood,activities,note\n2025-11-03,x,x,10:00,good,,ok\n\
             2025-11-04,x,x,10:00,good,,{long}\n"
        );
        let p = parse_daylio(daylio.as_bytes(), &opts(chrono::Utc, &[], &moods)).unwrap_err();
        assert_eq!(p.line, Some(3));
        assert!(
            p.message
                .contains("more than afterglow keeps in one entry (256 KiB)")
        );
        // Exactly the most an entry holds comes in.
        let most = "a".repeat(afterglow::domain::MAX_ENTRY_BYTES);
        let jrnl = serde_json::to_vec(&serde_json::json!({"entries": [
            {"title": "", "body": most, "date": "2025-11-04", "time": "10:00"},
            {"title": "", "body": long, "date": "2025-11-04", "time": "10:00"},
        ]}))
        .unwrap();
        let p = parse_jrnl(&jrnl, &opts(chrono::Utc, &[], &moods)).unwrap_err();
        assert!(p.message.contains("256 KiB"), "{}", p.message);
        let one = serde_json::to_vec(&serde_json::json!({"entries": [
            {"title": "", "body": most, "date": "2025-11-04", "time": "10:00"},
        ]}))
        .unwrap();
        assert!(parse_jrnl(&one, &opts(chrono::Utc, &[], &moods)).is_ok());
    }
}
