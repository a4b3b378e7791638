//! Habits, their daily ticks, streaks and strength.
//!
//! Ticks are keyed by local calendar date, never by instant: "I slept 8 hours"
//! belongs to the day you woke up, wherever the clock's offset was.
//!
//! A habit is daily, or meant for a number of days a week
//! ([`Schedule::PerWeek`]); a weekly habit's streak and strength count
//! whole weeks (see `weekly.rs`).

mod weekly;

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{DomainError, time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HabitId(pub i64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum HabitKind {
    /// Done or not done.
    YesNo,
    /// An amount towards a daily target, e.g. 8 hours of sleep.
    Quantity { unit: String, target: f64 },
}

/// What a habit means to the integration plan. Custom habits are the
/// person's own and feed only the habit pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HabitRole {
    Sleep,
    Exercise,
    Meditation,
    Custom,
}

impl HabitRole {
    pub fn as_str(self) -> &'static str {
        match self {
            HabitRole::Sleep => "sleep",
            HabitRole::Exercise => "exercise",
            HabitRole::Meditation => "meditation",
            HabitRole::Custom => "custom",
        }
    }
}

impl FromStr for HabitRole {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sleep" => Ok(HabitRole::Sleep),
            "exercise" => Ok(HabitRole::Exercise),
            "meditation" => Ok(HabitRole::Meditation),
            "custom" => Ok(HabitRole::Custom),
            other => Err(DomainError::UnknownKind(other.to_string())),
        }
    }
}

/// How often a habit is meant to be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Schedule {
    /// Every day: each day is met or not, and a streak counts days.
    #[default]
    Daily,
    /// On this many days (1 to [`Schedule::MOST_PER_WEEK`]) of each week,
    /// whichever days they are. Weeks are ISO weeks of local days, Monday
    /// to Sunday; a streak counts weeks.
    PerWeek(u8),
}

impl Schedule {
    /// Seven days a week is daily.
    pub const MOST_PER_WEEK: u8 = 6;

    /// The schedule for `n` days a week: 1 to 6, or 7 (every day, so
    /// daily).
    pub fn per_week(n: i64) -> Result<Schedule, DomainError> {
        match u8::try_from(n) {
            Ok(7) => Ok(Schedule::Daily),
            Ok(d @ 1..=Schedule::MOST_PER_WEEK) => Ok(Schedule::PerWeek(d)),
            _ => Err(DomainError::BadPerWeek(n)),
        }
    }

    /// Days a week, `None` for daily: what the store keeps.
    pub fn days_a_week(self) -> Option<u8> {
        match self {
            Schedule::Daily => None,
            Schedule::PerWeek(n) => Some(n),
        }
    }

    /// "daily", "3× a week".
    pub fn label(self) -> String {
        match self {
            Schedule::Daily => "daily".to_string(),
            Schedule::PerWeek(n) => format!("{n}× a week"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Habit {
    pub id: HabitId,
    pub name: String,
    pub kind: HabitKind,
    pub role: HabitRole,
    pub archived: bool,
    /// The first day the habit counts for; strength starts here.
    pub since: NaiveDate,
    #[serde(default)]
    pub schedule: Schedule,
}

/// One day's record for one habit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub habit: HabitId,
    pub day: NaiveDate,
    /// The amount for quantity habits; `None` for yes/no habits.
    pub amount: Option<f64>,
}

/// The habits a first run creates: the three the integration guide names,
/// with its targets (7-9 h of sleep, a 30-minute walk, 10-15 min of
/// meditation).
pub fn default_habits() -> Vec<(String, HabitKind, HabitRole)> {
    let q = |unit: &str, target: f64| HabitKind::Quantity {
        unit: unit.to_string(),
        target,
    };
    vec![
        ("Sleep".into(), q("h", 7.0), HabitRole::Sleep),
        ("Exercise".into(), q("min", 30.0), HabitRole::Exercise),
        ("Meditation".into(), q("min", 10.0), HabitRole::Meditation),
    ]
}

/// Checks and tidies a habit name typed by a person: spaces and invisible
/// characters around it go, zero-width spaces, word joiners, byte-order
/// marks and soft hyphens go from inside it too, and it is kept composed
/// (NFC), so that "é" is one character however it was typed. Otherwise it
/// stays as written (fullwidth letters too). A name with nothing visible
/// in it is empty.
pub fn validate_name(name: &str) -> Result<String, DomainError> {
    // Not every invisible character: a joiner or a variation selector is
    // part of how many an emoji and some scripts look, so those stay
    // inside the name.
    let unused = |c: char| matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}');
    let around = |c: char| c.is_whitespace() || unused(c) || matches!(c, '\u{200C}' | '\u{200D}');
    let name: String = name
        .trim_matches(around)
        .chars()
        .filter(|c| !unused(*c))
        .nfc()
        .collect();
    if name_key(&name).is_empty() {
        return Err(DomainError::EmptyName);
    }
    if name.chars().count() > 40 {
        return Err(DomainError::NameTooLong);
    }
    Ok(name)
}

/// What two habit names must share to name the same habit. What does not
/// count: case (in every script; SQLite's NOCASE folds ASCII only),
/// spaces around the name and runs of spaces in it, characters that show
/// nothing (zero-width spaces and joiners, the word joiner, a byte-order
/// mark, soft hyphens, variation selectors, direction marks), and the
/// forms Unicode counts as compatible (NFKC: "é" typed as one character
/// or as "e" and an accent, fullwidth "Ｗａｌｋ", the ligature "ﬁ"). The
/// store refuses a second habit by this rule, and importers land on an
/// existing habit by it; the name is shown as it was first written.
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .filter(|c| !invisible(*c))
        .collect::<String>()
        .to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that show nothing where they stand: Unicode's
/// default-ignorable code points that text may carry by accident (copied
/// from a web page or another app).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Whether `a` and `b` name the same habit (see [`name_key`]).
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// Units stay this short: a unit is shown beside every amount, and one
/// longer than this is refused rather than cut.
pub const MAX_UNIT_CHARS: usize = 20;

/// Checks and tidies the unit of a quantity habit typed by a person
/// ("pages per day"): kept whole, or refused, never cut.
pub fn validate_unit(unit: &str) -> Result<String, DomainError> {
    let unit = unit.trim().to_string();
    let len = unit.chars().count();
    if len > MAX_UNIT_CHARS {
        return Err(DomainError::UnitTooLong {
            unit,
            len,
            max: MAX_UNIT_CHARS,
        });
    }
    Ok(unit)
}

/// Amounts and targets stay below this: more is a typo (or a paste), and
/// it keeps every sum of a year of ticks exact.
pub const MAX_AMOUNT: f64 = 1e6;

/// Checks an amount typed by a person.
pub fn validate_amount(amount: f64) -> Result<f64, DomainError> {
    if (0.0..MAX_AMOUNT).contains(&amount) {
        Ok(amount)
    } else {
        Err(DomainError::BadAmount(amount))
    }
}

/// Checks a quantity target.
pub fn validate_target(target: f64) -> Result<f64, DomainError> {
    if target.is_finite() && target > 0.0 && target < MAX_AMOUNT {
        Ok(target)
    } else {
        Err(DomainError::BadTarget(target))
    }
}

impl Habit {
    /// How much of the day's goal a tick meets, 0.0 to 1.0. A quantity habit
    /// gets partial credit so that six hours of sleep still counts for
    /// something in the strength score.
    pub fn credit(&self, tick: Option<&Tick>) -> f64 {
        match (tick, &self.kind) {
            (None, _) => 0.0,
            (Some(_), HabitKind::YesNo) => 1.0,
            (Some(t), HabitKind::Quantity { target, .. }) => {
                (t.amount.unwrap_or(0.0) / target).clamp(0.0, 1.0)
            }
        }
    }

    /// Whether a tick meets the day's goal in full.
    pub fn is_met(&self, tick: Option<&Tick>) -> bool {
        self.credit(tick) >= 1.0
    }

    /// Checks an amount for this habit: a valid number, and for time units
    /// no more than one day holds (25 hours of sleep is a typo).
    pub fn check_amount(&self, amount: f64) -> Result<f64, DomainError> {
        let amount = validate_amount(amount)?;
        let max = match self.unit() {
            Some("h" | "hr" | "hrs" | "hour" | "hours") => 24.0,
            Some("min" | "mins" | "minute" | "minutes" | "m") => 1440.0,
            _ => return Ok(amount),
        };
        if amount > max {
            return Err(DomainError::AmountTooLarge {
                amount,
                unit: self.unit().unwrap_or_default().to_string(),
                max,
            });
        }
        Ok(amount)
    }

    pub fn unit(&self) -> Option<&str> {
        match &self.kind {
            HabitKind::YesNo => None,
            HabitKind::Quantity { unit, .. } => Some(unit),
        }
    }

    pub fn target(&self) -> Option<f64> {
        match &self.kind {
            HabitKind::YesNo => None,
            HabitKind::Quantity { target, .. } => Some(*target),
        }
    }
}

/// Streaks and strength of one habit as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HabitStats {
    /// Met days in a row ending today, or yesterday while today is still open.
    /// For a weekly habit, met weeks in a row: this week counts once it is
    /// met, and while it can still be met the streak runs on from last week.
    pub current_streak: u32,
    pub best_streak: u32,
    /// 0 to 100.
    pub strength: f64,
    /// Days before a cut-off were left out (see [`stats_since`]): the
    /// streaks are those since the cut-off.
    pub cut_off: bool,
    /// Cut off, and the current streak already ran on the first counted
    /// day: it may be longer.
    pub open_ended: bool,
}

/// Computes streaks and strength from a habit's ticks.
///
/// `half_life_days` is how many days without the habit halve the score; the
/// score moves towards 1 on met days and towards 0 on missed ones, like an
/// exponential moving average. Counting starts at `habit.since`, or at the
/// first tick if one was back-filled earlier; ticks after `today` are ignored.
pub fn stats(habit: &Habit, ticks: &[Tick], today: NaiveDate, half_life_days: f64) -> HabitStats {
    count(habit, ticks, today, half_life_days, None)
}

/// Like [`stats`], counting only from `from` on: for a dashboard that
/// loads recent history only, so that the days before `from` (whose ticks
/// it does not have) are not taken as missed. Streaks are then those since
/// `from`; with a year's run-up the strength differs from the full count
/// by less than 10⁻⁶ at the default half-life.
pub fn stats_since(
    habit: &Habit,
    ticks: &[Tick],
    today: NaiveDate,
    half_life_days: f64,
    from: NaiveDate,
) -> HabitStats {
    count(habit, ticks, today, half_life_days, Some(from))
}

fn count(
    habit: &Habit,
    ticks: &[Tick],
    today: NaiveDate,
    half_life_days: f64,
    from: Option<NaiveDate>,
) -> HabitStats {
    let mine = || {
        ticks
            .iter()
            .filter(|t| t.habit == habit.id && t.day <= today)
    };
    let by_day: BTreeMap<NaiveDate, &Tick> = mine()
        .filter(|t| from.is_none_or(|f| t.day >= f))
        .map(|t| (t.day, t))
        .collect();
    // Where counting would start without a cut-off, back-filled ticks
    // before `since` included.
    let first_tick = mine().map(|t| t.day).min();
    let natural = first_tick.map_or(habit.since, |d| d.min(habit.since));
    let start = from.map_or(natural, |f| natural.max(f));
    let cut = from.is_some_and(|f| natural < f);

    let keep = if half_life_days > 0.0 {
        0.5f64.powf(1.0 / half_life_days)
    } else {
        0.0
    };
    if let Schedule::PerWeek(n) = habit.schedule {
        let span = weekly::Span {
            start,
            anchor: from.map_or(habit.since, |f| habit.since.max(f)),
            today,
            cut,
        };
        return weekly::count(habit, &by_day, span, keep, n);
    }
    let mut best = 0u32;
    let mut run = 0u32;
    let mut score = 0.0f64;
    let mut day = start;
    while day <= today {
        let tick = by_day.get(&day).copied();
        let credit = habit.credit(tick);
        score = score * keep + credit * (1.0 - keep);
        if credit >= 1.0 {
            run += 1;
            best = best.max(run);
        } else if day < today {
            run = 0;
        }
        match time::next_day(day) {
            Some(d) => day = d,
            None => break,
        }
    }
    // Today being unticked does not break a streak that ran through
    // yesterday: the day is not over.
    let current = run;
    // The run reaches back to the first counted day exactly when its
    // length covers every day from `start` (today possibly still open).
    let days = u32::try_from(today.signed_duration_since(start).num_days() + 1).unwrap_or(0);
    let today_met = habit.credit(by_day.get(&today).copied()) >= 1.0;
    let covers = current + u32::from(!today_met) == days;
    HabitStats {
        current_streak: current,
        best_streak: best,
        strength: (score * 100.0).clamp(0.0, 100.0),
        cut_off: cut,
        open_ended: cut && covers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// 2026-06-01 is a Monday. The weekly tests use these too.
    pub(super) fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    pub(super) fn yes_no() -> Habit {
        Habit {
            id: HabitId(1),
            name: "Walk".into(),
            kind: HabitKind::YesNo,
            role: HabitRole::Custom,
            archived: false,
            since: day(1),
            schedule: Schedule::Daily,
        }
    }

    pub(super) fn ticks(days: &[u32]) -> Vec<Tick> {
        days.iter()
            .map(|d| Tick {
                habit: HabitId(1),
                day: day(*d),
                amount: None,
            })
            .collect()
    }

    #[test]
    fn streak_table() {
        // (ticked days, today, current, best)
        let cases: &[(&[u32], u32, u32, u32)] = &[
            (&[], 10, 0, 0),
            (&[10], 10, 1, 1),
            (&[8, 9], 10, 2, 2),
            (&[8, 9, 10], 10, 3, 3),
            (&[1, 2, 3, 4, 6, 7], 10, 0, 4),
            (&[1, 2, 3, 4, 8, 9, 10], 10, 3, 4),
            (&[9], 10, 1, 1),
            (&[8], 10, 0, 1),
            (&[11, 12], 10, 0, 0),
        ];
        for (days, today, current, best) in cases {
            let s = stats(&yes_no(), &ticks(days), day(*today), 14.0);
            assert_eq!(
                (s.current_streak, s.best_streak),
                (*current, *best),
                "{days:?}"
            );
        }
    }

    #[test]
    fn counting_from_a_cut_off_table() {
        // (ticked days, today, from, current, best, open-ended)
        type Case = (&'static [u32], u32, u32, u32, u32, bool);
        let cases: &[Case] = &[
            // Unticked days before the cut-off are not counted as missed.
            (&[5, 6, 7, 8, 9, 10], 10, 5, 6, 6, true),
            (&[5, 6, 7, 8, 9], 10, 5, 5, 5, true),
            // A run that began after the cut-off is exact.
            (&[7, 8, 9, 10], 10, 5, 4, 4, false),
            // A longer run wholly before the cut-off is not seen.
            (&[1, 2, 3, 4, 6, 9, 10], 10, 5, 2, 2, false),
            (&[1, 2, 3, 4, 5, 6], 10, 5, 0, 2, false),
            // A cut-off before the habit began changes nothing.
            (&[1, 2, 3], 3, 1, 3, 3, false),
            (&[], 10, 5, 0, 0, false),
        ];
        for &(days, today, from, current, best, open) in cases {
            let s = stats_since(&yes_no(), &ticks(days), day(today), 14.0, day(from));
            assert_eq!(
                (s.current_streak, s.best_streak, s.open_ended),
                (current, best, open),
                "{days:?} from {from}"
            );
        }
    }

    #[test]
    fn a_years_run_up_gives_the_same_strength_as_the_whole_history() {
        let long = Habit {
            since: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap(),
            ..yes_no()
        };
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let all: Vec<Tick> = long
            .since
            .iter_days()
            .take_while(|d| *d <= today)
            .filter(|d| d.ordinal() % 3 != 0)
            .map(|day| Tick {
                habit: HabitId(1),
                day,
                amount: None,
            })
            .collect();
        let from = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        let full = stats(&long, &all, today, 14.0);
        let recent = stats_since(&long, &all, today, 14.0, from);
        assert!((full.strength - recent.strength).abs() < 1e-6);
        assert_eq!(full.current_streak, recent.current_streak);
        assert!(!recent.open_ended);
    }

    #[test]
    fn strength_rises_with_practice_and_halves_in_a_half_life() {
        let all: Vec<u32> = (1..=30).collect();
        let strong = stats(&yes_no(), &ticks(&all), day(30), 14.0).strength;
        assert!(strong > 75.0 && strong <= 100.0, "{strong}");

        let early: Vec<u32> = (1..=16).collect();
        let at_16 = stats(&yes_no(), &ticks(&early), day(16), 14.0).strength;
        let at_30 = stats(&yes_no(), &ticks(&early), day(30), 14.0).strength;
        assert!((at_30 - at_16 / 2.0).abs() < 0.01, "{at_16} -> {at_30}");
    }

    #[test]
    fn quantity_habits_get_partial_credit() {
        let sleep = Habit {
            kind: HabitKind::Quantity {
                unit: "h".into(),
                target: 8.0,
            },
            ..yes_no()
        };
        let tick = |a| Tick {
            habit: HabitId(1),
            day: day(1),
            amount: Some(a),
        };
        assert_eq!(sleep.credit(Some(&tick(4.0))), 0.5);
        assert!(!sleep.is_met(Some(&tick(7.5))));
        assert!(sleep.is_met(Some(&tick(9.0))));
        assert_eq!(sleep.credit(None), 0.0);
        assert_eq!(sleep.check_amount(7.5), Ok(7.5));
        assert!(sleep.check_amount(25.0).is_err());
        assert!(sleep.check_amount(-1.0).is_err());
        assert_eq!(yes_no().check_amount(5000.0), Ok(5000.0));
    }

    #[test]
    fn names_and_amounts_are_checked() {
        assert_eq!(validate_name("  Yoga ").unwrap(), "Yoga");
        assert!(validate_name("   ").is_err());
        assert!(validate_name(&"x".repeat(41)).is_err());
        assert!(validate_amount(-1.0).is_err());
        assert!(validate_amount(f64::NAN).is_err());
        assert!(validate_target(0.0).is_err());
    }

    #[test]
    fn refusals_name_the_value_and_the_limit_it_broke() {
        let said = |r: Result<f64, DomainError>| r.unwrap_err().to_string();
        assert_eq!(
            said(validate_amount(1e6)),
            "an amount must be less than 1000000, not 1000000"
        );
        assert_eq!(
            said(validate_amount(f64::INFINITY)),
            "an amount must be less than 1000000, not inf"
        );
        assert_eq!(
            said(validate_amount(-0.5)),
            "an amount must be zero or more, not -0.5"
        );
        assert_eq!(
            said(validate_target(3e300)),
            "a habit target must be less than 1000000, not 3e300"
        );
        assert_eq!(
            said(validate_target(-2.0)),
            "a habit target must be above zero, not -2"
        );
        assert!(said(validate_target(f64::NAN)).contains("a number above 0 and below 1000000"));
        assert_eq!(validate_amount(999_999.5), Ok(999_999.5));
    }

    #[test]
    fn look_alike_names_share_one_key() {
        let walk = name_key("Walk");
        for alike in [
            "walk",
            " WALK ",
            "Ｗａｌｋ",
            "Wa\u{200B}lk",
            "\u{FEFF}Walk\u{2060}",
            "Wal\u{00AD}k",
        ] {
            assert_eq!(name_key(alike), walk, "{alike:?}");
        }
        // Composed and decomposed accents, and a ligature.
        assert_eq!(name_key("Caf\u{e9}"), name_key("Cafe\u{301}"));
        assert_eq!(name_key("\u{FB01}ve"), name_key("five"));
        assert_eq!(name_key("Evening  walk"), name_key("Evening walk"));
        assert_ne!(name_key("Walk"), name_key("Walks"));
        assert!(same_name(
            "Yoga 🧘\u{200D}\u{2640}\u{FE0F}",
            "yoga 🧘\u{2640}"
        ));
    }

    #[test]
    fn names_are_kept_composed_without_invisible_edges() {
        assert_eq!(validate_name("Cafe\u{301}").unwrap(), "Caf\u{e9}");
        assert_eq!(validate_name("\u{200B} Walk\u{FEFF}").unwrap(), "Walk");
        assert_eq!(validate_name("Wa\u{200B}l\u{00AD}k").unwrap(), "Walk");
        // Shown as typed: fullwidth letters and an emoji's selector stay.
        assert_eq!(validate_name("Ｗａｌｋ").unwrap(), "Ｗａｌｋ");
        assert_eq!(validate_name("Run 🏃\u{FE0F}").unwrap(), "Run 🏃\u{FE0F}");
        for nothing in ["\u{200B}", "\u{00AD}\u{2060}", " \u{FEFF} "] {
            assert_eq!(
                validate_name(nothing),
                Err(DomainError::EmptyName),
                "{nothing:?}"
            );
        }
    }
}
