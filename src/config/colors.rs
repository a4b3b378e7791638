//! `[colors]`: the colour of each role, and colour values as the config
//! writes them (a name, `#rrggbb` or 0 to 255).

use std::collections::BTreeMap;

use ratatui::style::Color;
use toml::{Spanned, Value};

use super::{ConfigError, Doc, describe};

/// Declares the colour roles once: the struct, its defaults and the names
/// in `[colors]`, so that they cannot disagree.
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

        /// The keys `[colors]` accepts.
        pub(super) const COLOR_KEYS: &[&str] = &[$(stringify!($role),)*];

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
    plan_done = Color::Green, "plan steps done, or partly done";
    plan_due = Color::Yellow, "plan steps it is a good time for now (in bold)";
    plan_passed = Color::DarkGray, "plan steps whose time went by, quietly";
    plan_upcoming = Color::Gray, "plan steps still ahead";
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
pub(super) fn color_value(c: Color) -> Value {
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

impl Doc<'_> {
    /// `[colors]`: each role by name (checked already), a colour each.
    pub(super) fn colors(
        &self,
        raw: &BTreeMap<String, Spanned<Value>>,
    ) -> Result<Colors, ConfigError> {
        let mut colors = Colors::default();
        let mut entries: Vec<(&String, &Spanned<Value>)> = raw.iter().collect();
        entries.sort_by_key(|(_, v)| v.span().start);
        for (role, value) in entries {
            // The first pass refused names that are not roles.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;
    use crate::config::testing::{err, origin};

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
    fn every_colour_is_written_so_that_it_reads_back() {
        let mut all: Vec<Color> = COLOR_NAMES.iter().map(|(_, c)| *c).collect();
        all.extend([
            Color::Indexed(0),
            Color::Indexed(255),
            Color::Rgb(0, 0x80, 0xff),
        ]);
        for c in all {
            assert_eq!(parse_color(&color_value(c)), Some(c), "{c:?}");
        }
        assert_eq!(color_value(Color::Reset), Value::String("default".into()));
        assert_eq!(
            color_value(Color::Rgb(10, 11, 12)),
            Value::String("#0a0b0c".into())
        );
    }
}
