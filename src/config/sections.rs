//! `[window]`, `[course]`, `[habits]`, `[plan]`, `[care]` and `[ui]`:
//! plain numbers, a word and a switch, each checked for its range and, for
//! the window and the course, for the order between keys.

use serde::Deserialize;
use toml::{Spanned, Value};

use super::numbers::{Int, Order, Unit};
use super::{ConfigError, Doc, describe};
use crate::domain::insight::InsightConfig;
use crate::domain::{CourseConfig, DomainError, TherapyRhythm, WindowConfig};

pub(super) const DEFAULT_HALF_LIFE_DAYS: f64 = 14.0;
const MAX_HALF_LIFE_DAYS: f64 = 3650.0;
pub(super) const DEFAULT_MOUSE: bool = true;

/// In the order of [`window_units`].
pub(super) const WINDOW_KEYS: [&str; 5] = [
    "acute_minutes",
    "opening_hours",
    "peak_hours",
    "open_hours",
    "extended_days",
];
/// In the order of [`course_units`].
pub(super) const COURSE_KEYS: [&str; 5] = [
    "gap_days",
    "induction_min",
    "induction_max",
    "integration_min_weeks",
    "integration_max_weeks",
];
pub(super) const HABITS_KEYS: [&str; 1] = ["half_life_days"];
pub(super) const UI_KEYS: [&str; 1] = ["mouse"];
pub(super) const PLAN_KEYS: [&str; 1] = ["therapy"];
pub(super) const CARE_KEYS: [&str; 1] = ["low_mood"];
pub(super) const INSIGHTS_KEYS: [&str; 1] = ["margin"];
/// The most a margin above the baseline may be, in mood points (1-10).
const MAX_MARGIN: f64 = 3.0;

// Every value is read as a spanned `Value` rather than its final type:
// a type mismatch then becomes our own message naming the key, instead of
// serde's "invalid type: string, expected i64".
type Raw = Option<Spanned<Value>>;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawWindow {
    acute_minutes: Raw,
    opening_hours: Raw,
    peak_hours: Raw,
    open_hours: Raw,
    extended_days: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawCourse {
    gap_days: Raw,
    induction_min: Raw,
    induction_max: Raw,
    integration_min_weeks: Raw,
    integration_max_weeks: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawHabits {
    half_life_days: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawUi {
    mouse: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawPlan {
    therapy: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawCare {
    low_mood: Raw,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawInsights {
    margin: Raw,
}

/// The window as the config writes it: one whole number per key of
/// [`WINDOW_KEYS`]. Exact, as the config builds every boundary from whole
/// units.
pub(super) fn window_units(w: &WindowConfig) -> [i64; 5] {
    [
        w.acute_end().num_minutes(),
        w.opening_end().num_hours(),
        w.peak_end().num_hours(),
        w.open_end().num_hours(),
        w.extended_end().num_days(),
    ]
}

/// The course as the config writes it: one whole number per key of
/// [`COURSE_KEYS`].
pub(super) fn course_units(c: &CourseConfig) -> [i64; 5] {
    let (ind_min, ind_max) = c.induction_range();
    let (int_min, int_max) = c.integration_weeks();
    [
        c.gap().num_days(),
        i64::from(ind_min),
        i64::from(ind_max),
        int_min,
        int_max,
    ]
}

impl Doc<'_> {
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

    pub(super) fn window(&self, raw: &RawWindow) -> Result<WindowConfig, ConfigError> {
        // Ten years, the domain's own ceiling, in each unit.
        const DAYS: i64 = 3650;
        let [acute, opening, peak, open, extended] = window_units(&WindowConfig::default());
        let acute = self.int(
            "acute_minutes",
            &raw.acute_minutes,
            Unit::Minutes,
            DAYS * 24 * 60,
            acute,
        )?;
        let opening = self.int(
            "opening_hours",
            &raw.opening_hours,
            Unit::Hours,
            DAYS * 24,
            opening,
        )?;
        let peak = self.int("peak_hours", &raw.peak_hours, Unit::Hours, DAYS * 24, peak)?;
        let open = self.int("open_hours", &raw.open_hours, Unit::Hours, DAYS * 24, open)?;
        let extended = self.int(
            "extended_days",
            &raw.extended_days,
            Unit::Days,
            DAYS,
            extended,
        )?;
        let words = Order {
            later: "end after",
            earlier: "end before",
        };
        let all = [&acute, &opening, &peak, &open, &extended];
        for pair in all.windows(2) {
            self.ordered(pair[0], pair[1], true, &words)?;
        }
        WindowConfig::from_units(
            acute.value,
            opening.value,
            peak.value,
            open.value,
            extended.value,
        )
        .map_err(|e| self.rejected("window", &all, e))
    }

    pub(super) fn course(&self, raw: &RawCourse) -> Result<CourseConfig, ConfigError> {
        let [gap, ind_min, ind_max, int_min, int_max] = course_units(&CourseConfig::default());
        let gap = self.int("gap_days", &raw.gap_days, Unit::Days, 365, gap)?;
        let ind_min = self.int(
            "induction_min",
            &raw.induction_min,
            Unit::Sessions,
            100,
            ind_min,
        )?;
        let ind_max = self.int(
            "induction_max",
            &raw.induction_max,
            Unit::Sessions,
            100,
            ind_max,
        )?;
        let int_min = self.int(
            "integration_min_weeks",
            &raw.integration_min_weeks,
            Unit::Weeks,
            520,
            int_min,
        )?;
        let int_max = self.int(
            "integration_max_weeks",
            &raw.integration_max_weeks,
            Unit::Weeks,
            520,
            int_max,
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

    pub(super) fn half_life(&self, raw: &RawHabits) -> Result<f64, ConfigError> {
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

    pub(super) fn therapy(&self, raw: &RawPlan) -> Result<TherapyRhythm, ConfigError> {
        let Some(raw) = &raw.therapy else {
            return Ok(TherapyRhythm::default());
        };
        let words = TherapyRhythm::ALL
            .iter()
            .map(|r| format!("\"{}\"", r.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        match raw.get_ref() {
            Value::String(s) if TherapyRhythm::parse(s).is_some() => {
                Ok(TherapyRhythm::parse(s).unwrap_or_default())
            }
            other => {
                // Here the value is a word, so a quoted one is right.
                let got = match other {
                    Value::String(s) => format!("{s:?}"),
                    v => describe(v),
                };
                Err(self.invalid(
                    "therapy",
                    &raw.span(),
                    format!("must be one of {words} (got {got})"),
                ))
            }
        }
    }

    pub(super) fn low_mood(&self, raw: &RawCare) -> Result<u8, ConfigError> {
        let Some(raw) = &raw.low_mood else {
            return Ok(crate::care::DEFAULT_LOW_MOOD);
        };
        match raw.get_ref() {
            Value::Integer(n) if (0..=10).contains(n) => Ok(u8::try_from(*n).unwrap_or(0)),
            other => Err(self.invalid(
                "low_mood",
                &raw.span(),
                format!(
                    "must be a whole number from 0 (never) to 10 (got {})",
                    describe(other)
                ),
            )),
        }
    }

    /// `[insights] margin`: how far above the baseline a stretch of moods
    /// may be and still count as back at it.
    pub(super) fn insights(&self, raw: &RawInsights) -> Result<InsightConfig, ConfigError> {
        let Some(raw) = &raw.margin else {
            return Ok(InsightConfig::default());
        };
        let value = match raw.get_ref() {
            Value::Integer(n) => Some(*n as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        };
        match value {
            // NaN fails both comparisons, so it is refused here too.
            Some(margin) if (0.0..=MAX_MARGIN).contains(&margin) => Ok(InsightConfig { margin }),
            _ => Err(self.invalid(
                "margin",
                &raw.span(),
                format!(
                    "must be a number of mood points from 0 to {MAX_MARGIN} (got {})",
                    describe(raw.get_ref())
                ),
            )),
        }
    }

    pub(super) fn mouse(&self, raw: &RawUi) -> Result<bool, ConfigError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;
    use crate::config::testing::{err, origin};

    #[test]
    fn every_key_is_named_in_its_own_messages() {
        let sections = [
            ("window", &WINDOW_KEYS[..]),
            ("course", &COURSE_KEYS),
            ("habits", &HABITS_KEYS),
            ("ui", &UI_KEYS),
        ];
        for (section, keys) in sections {
            for key in keys {
                let msg = err(&format!("[{section}]\n{key} = \"x\"\n"));
                assert!(msg.contains(&format!("line 2: `{key}` must be")), "{msg}");
            }
        }
    }

    #[test]
    fn the_defaults_are_the_domains_in_the_configs_units() {
        assert_eq!(window_units(&WindowConfig::default()), [90, 24, 48, 72, 14]);
        assert_eq!(course_units(&CourseConfig::default()), [7, 6, 8, 4, 8]);
        let custom = CourseConfig::from_units(3, 2, 40, 1, 520).unwrap();
        assert_eq!(course_units(&custom), [3, 2, 40, 1, 520]);
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
    fn the_insights_margin_is_a_number_from_0_to_3() {
        let margin = |text: &str| parse(text, origin()).unwrap().insights.margin;
        assert_eq!(margin(""), 0.5);
        assert_eq!(margin("[insights]\nmargin = 1.25\n"), 1.25);
        assert_eq!(margin("[insights]\nmargin = 0\n"), 0.0);
        assert_eq!(margin("[insights]\nmargin = 3\n"), 3.0);
        for bad in ["3.5", "-0.1", "nan", "\"1\""] {
            let msg = err(&format!("[insights]\n\nmargin = {bad}\n"));
            assert!(
                msg.contains("line 3: `margin` must be a number of mood points from 0 to 3 (got"),
                "{msg}"
            );
        }
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
        ];
        for (text, line, want) in cases {
            assert_eq!(
                err(text),
                format!("/home/a/.config/afterglow/config.toml, line {line}: {want}"),
                "{text:?}"
            );
        }
    }
}
