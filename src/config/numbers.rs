//! Whole-number settings with a unit (`peak_hours = 48`): the range each
//! may take, and the order between two of them, with messages that say
//! which key to change and point at a line really in the file.

use std::ops::Range;

use toml::{Spanned, Value};

use super::{ConfigError, Doc, describe};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
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
    /// Sessions are only ever compared with sessions.
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
pub(super) struct Int {
    pub(super) key: &'static str,
    pub(super) value: i64,
    unit: Unit,
    /// Where the value sits in the file; `None` when it is the default.
    pub(super) span: Option<Range<usize>>,
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
pub(super) struct Order {
    /// How the later key relates to the earlier, e.g. "end after".
    pub(super) later: &'static str,
    /// How the earlier key relates to the later, e.g. "end before".
    pub(super) earlier: &'static str,
}

impl Doc<'_> {
    pub(super) fn int(
        &self,
        key: &'static str,
        raw: &Option<Spanned<Value>>,
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
                format!(
                    "must be a whole number of {} from 1 to {max} (got {})",
                    unit.word(2),
                    describe(other)
                ),
            )),
        }
    }

    /// Checks that `a` comes before `b` (strictly, or allowing equality).
    /// The key blamed is `b` when the file sets it, else `a`: the message
    /// must point at a line that is really in the file.
    pub(super) fn ordered(
        &self,
        a: &Int,
        b: &Int,
        strict: bool,
        words: &Order,
    ) -> Result<(), ConfigError> {
        let (x, y) = (a.in_minutes(), b.in_minutes());
        if (strict && y > x) || (!strict && y >= x) {
            return Ok(());
        }
        let by_default = |i: &Int| if i.span.is_none() { " by default" } else { "" };
        let (blamed, other, relation) = match (&b.span, &a.span) {
            (Some(_), _) | (None, None) => (b, a, words.later),
            (None, Some(_)) => (a, b, words.earlier),
        };
        // Both unset cannot happen (the defaults are in order); line 1 then.
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(value: i64, unit: Unit) -> Int {
        Int {
            key: "k",
            value,
            unit,
            span: None,
        }
    }

    #[test]
    fn amounts_are_said_in_their_own_unit() {
        assert_eq!(int(1, Unit::Hours).amount(), "1 hour");
        assert_eq!(int(2, Unit::Sessions).amount(), "2 sessions");
        assert_eq!(int(0, Unit::Weeks).amount(), "0 weeks");
    }

    #[test]
    fn units_compare_in_minutes_without_overflow() {
        assert_eq!(int(90, Unit::Minutes).in_minutes(), 90);
        assert_eq!(int(2, Unit::Days).in_minutes(), 2 * 24 * 60);
        assert_eq!(int(i64::MAX, Unit::Weeks).in_minutes(), i64::MAX);
    }
}
