//! `config show`: settings written back as a config file.

use toml::Value;

use super::Settings;
use super::colors::{COLOR_ROLES, color_value};
use super::sections::{COURSE_KEYS, WINDOW_KEYS, course_units, window_units};

/// The settings as a config file: every section and key, defaults
/// included, so that reading the text back gives the same settings.
/// `[keys]` lists every command that can be changed, dotted names
/// included (`journal.new = "n"`).
pub fn to_toml(s: &Settings) -> String {
    let whole = |keys: [&str; 5], units: [i64; 5]| -> Vec<(String, Value)> {
        keys.into_iter()
            .zip(units)
            .map(|(key, n)| (key.to_string(), Value::Integer(n)))
            .collect()
    };
    let keys = s
        .keys
        .rows()
        .filter(|(bd, _)| bd.configurable())
        .map(|(bd, keys)| {
            let mut list: Vec<Value> = keys.iter().map(|k| Value::String(k.to_string())).collect();
            // One key is written bare, as people write it.
            let value = match list.len() {
                1 => list.remove(0),
                _ => Value::Array(list),
            };
            (bd.name.to_string(), value)
        })
        .collect();
    let colors = COLOR_ROLES
        .iter()
        .filter_map(|(role, _)| Some((role.to_string(), color_value(s.colors.role(role)?))))
        .collect();
    let sections: [(&str, Vec<(String, Value)>); 9] = [
        ("window", whole(WINDOW_KEYS, window_units(&s.window))),
        ("course", whole(COURSE_KEYS, course_units(&s.course))),
        (
            "habits",
            vec![("half_life_days".into(), Value::Float(s.half_life_days))],
        ),
        (
            "plan",
            vec![(
                "therapy".into(),
                Value::String(s.plan.therapy.as_str().into()),
            )],
        ),
        (
            "care",
            vec![("low_mood".into(), Value::Integer(i64::from(s.low_mood)))],
        ),
        (
            "insights",
            vec![("margin".into(), Value::Float(s.insights.margin))],
        ),
        ("ui", vec![("mouse".into(), Value::Boolean(s.mouse))]),
        ("keys", keys),
        ("colors", colors),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::testing::origin;
    use crate::config::{DEFAULT_CONFIG, parse};

    #[test]
    fn shown_settings_read_back_the_same() {
        let custom = "[window]\nacute_minutes = 61\nopening_hours = 2\npeak_hours = 30\n\
                      open_hours = 100\nextended_days = 9\n\
                      [course]\ngap_days = 3\ninduction_min = 2\ninduction_max = 40\n\
                      integration_min_weeks = 1\nintegration_max_weeks = 520\n\
                      [habits]\nhalf_life_days = 0.1\n[insights]\nmargin = 1.5\n\
                      [ui]\nmouse = false\n\
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
            "margin = 1.5\n",
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
        assert!(
            shown.contains(
                "\n[keys]\ncrisis = \"Ctrl-g\"\nquit = [\"q\", \"Ctrl-c\"]\nhelp = \"?\"\n"
            )
        );
        assert!(shown.contains("half_life_days = 14.0\n"));
        assert!(shown.ends_with("plan_upcoming = \"gray\"\n"), "{shown}");
    }
}
