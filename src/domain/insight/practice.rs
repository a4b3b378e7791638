//! What was done in each window, beside how mood went after it. Plain
//! description: which windows came before better weeks says nothing about
//! why, and the sentences never say it does.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::series::Series;
use super::{Comparison, Group, Settings};
use crate::domain::analytics;
use crate::domain::habit::Tick;
use crate::domain::plan::{History, PlanFacts};
use crate::domain::session::Session;
use crate::domain::time;

/// The measure: mood this many days after the session's day...
pub const MEASURE_FROM: u64 = 7;
/// ...to this many, both included.
pub const MEASURE_TO: u64 = 14;
/// Days with a mood the measure needs.
pub const MEASURE_MIN: usize = 2;
/// Windows each side needs before a comparison is drawn.
pub const GROUP_MIN: usize = 3;

pub const MEASURE: &str = "mood 7-14 days later";
pub const THERAPY: &str = "a therapy visit";
pub const MOST_DONE: &str = "most of the plan done";

/// One measured window.
struct Window {
    therapy: bool,
    most_done: bool,
    mood: f64,
}

/// The two comparisons over every done session whose days 7-14 after
/// hold enough moods. Empty when there are no done sessions.
pub fn comparisons<Tz: TimeZone>(
    sessions: &[Session],
    facts: &PlanFacts<'_>,
    series: &Series,
    now: DateTime<Utc>,
    tz: &Tz,
    settings: &Settings<'_>,
) -> Vec<Comparison> {
    let done: Vec<&Session> = sessions.iter().filter(|s| s.is_done()).collect();
    if done.is_empty() {
        return Vec::new();
    }
    // Each plan is handed only the records of its own window, which needs
    // them sorted; the store's ticks come habit by habit.
    let journal = sorted(facts.journal_times, |t| *t);
    let therapy = sorted(facts.therapy_times, |t| *t);
    let ticks = sorted::<Tick, NaiveDate>(facts.ticks, |t| t.day);
    let history = History {
        journal_times: &journal,
        therapy_times: &therapy,
        habits: facts.habits,
        ticks: &ticks,
    };
    let windows: Vec<Window> = done
        .iter()
        .filter_map(|s| {
            let mood = measure(series, time::local_date(s.at, tz))?;
            let end = time::add(s.at, settings.window.open_end()).ok()?;
            let a = therapy.partition_point(|t| *t < s.at);
            let visit = therapy.get(a).is_some_and(|t| *t < end);
            let items = history
                .plan_for(s, now, tz, settings.window, settings.plan)
                .ok()?;
            Some(Window {
                therapy: visit,
                most_done: most_done(&items),
                mood,
            })
        })
        .collect();
    vec![
        compare(THERAPY, &windows, |w| w.therapy),
        compare(MOST_DONE, &windows, |w| w.most_done),
    ]
}

fn sorted<T: Clone, K: Ord>(list: &[T], key: impl Fn(&T) -> K) -> Cow<'_, [T]> {
    if list.is_sorted_by_key(&key) {
        Cow::Borrowed(list)
    } else {
        let mut owned = list.to_vec();
        owned.sort_by_key(key);
        Cow::Owned(owned)
    }
}

/// The mean mood of the days 7 to 14 after `day`, with at least two.
pub fn measure(series: &Series, day: NaiveDate) -> Option<f64> {
    let from = day.checked_add_days(chrono::Days::new(MEASURE_FROM))?;
    let to = day.checked_add_days(chrono::Days::new(MEASURE_TO))?;
    series.tally(from, to).mean_of_at_least(MEASURE_MIN)
}

/// Done steps, with partly done ones as half, make at least half of the
/// counted steps.
pub fn most_done(items: &[crate::domain::PlanItem]) -> bool {
    let c = analytics::plan_counts(items);
    let done = c.done as f64 + c.partly as f64 / 2.0;
    c.steps > 0 && done * 2.0 >= c.steps as f64
}

fn group<'a>(moods: impl Iterator<Item = &'a f64>) -> Group {
    let mut g = Group {
        n: 0,
        mean: None,
        min: None,
        max: None,
    };
    let mut sum = 0.0;
    for m in moods {
        g.n += 1;
        sum += m;
        g.min = Some(g.min.map_or(*m, |x: f64| x.min(*m)));
        g.max = Some(g.max.map_or(*m, |x: f64| x.max(*m)));
    }
    g.mean = (g.n > 0).then(|| sum / g.n as f64);
    g
}

fn compare(with: &str, windows: &[Window], has: impl Fn(&Window) -> bool) -> Comparison {
    let with_group = group(windows.iter().filter(|w| has(w)).map(|w| &w.mood));
    let others = group(windows.iter().filter(|w| !has(w)).map(|w| &w.mood));
    let sentence = sentence(with, &with_group, &others);
    Comparison {
        with: with.to_string(),
        with_group,
        others,
        measure: MEASURE.to_string(),
        sentence,
    }
}

/// "After windows with a therapy visit, mood 7-14 days later averaged 6.8
/// (n=9, range 5.0-8.0); after the others, 5.9 (n=5, range 4.0-7.0)."
pub fn sentence(with: &str, a: &Group, b: &Group) -> String {
    let (Some(text_a), Some(text_b)) = (summary(a), summary(b)) else {
        return format!(
            "After windows with {with} and after the others: too few to compare (n={} and n={}).",
            a.n, b.n
        );
    };
    format!("After windows with {with}, {MEASURE} averaged {text_a}; after the others, {text_b}.")
}

fn summary(g: &Group) -> Option<String> {
    if g.n < GROUP_MIN {
        return None;
    }
    Some(format!(
        "{:.1} (n={}, range {:.1}-{:.1})",
        g.mean?, g.n, g.min?, g.max?
    ))
}
