//! The pure side: window arithmetic, plans, habit statistics and the whole
//! derived view, on one and ten years of demo history. `cargo bench --bench
//! domain`; numbers and targets are in docs/performance.md.

#[path = "support.rs"]
mod support;

use afterglow::app::data::{Data, View};
use afterglow::app::effect;
use afterglow::config::Settings;
use afterglow::domain::{course, habit, plasticity, when};
use afterglow::tui::effects;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const YEARS: &[u32] = &[1, 10];

fn data(years: u32, recent: bool) -> Data {
    let db = support::demo_db(years, None);
    let since = recent.then(|| {
        let mut app =
            afterglow::app::App::new(Settings::default(), support::zone(), support::now(), true);
        app.update(afterglow::app::Action::Tick(support::now()));
        match app.reload() {
            effect::Effect::Reload { since } => since,
            _ => None,
        }
    });
    effects::load(&db, since.flatten()).expect("a load")
}

#[divan::bench(args = YEARS)]
fn countdown(bencher: Bencher, years: u32) {
    let data = data(years, false);
    let cfg = Settings::default().window;
    bencher.bench(|| plasticity::countdown(black_box(&data.sessions), support::now(), &cfg));
}

#[divan::bench(args = YEARS)]
fn current_course(bencher: Bencher, years: u32) {
    let data = data(years, false);
    let cfg = Settings::default().course;
    bencher.bench(|| course::current(black_box(&data.sessions), support::now(), &cfg));
}

#[divan::bench(args = YEARS)]
fn habit_stats_all_history(bencher: Bencher, years: u32) {
    let data = data(years, false);
    let today = support::now().date_naive();
    bencher.bench(|| {
        data.habits
            .iter()
            .map(|h| habit::stats(h, black_box(&data.ticks), today, 14.0).strength)
            .sum::<f64>()
    });
}

/// Everything the dashboard derives after a load, as it does on start-up,
/// after each write and once a minute: all history, and the recent year the
/// dashboard reads at first.
#[divan::bench(args = YEARS)]
fn view_all_history(bencher: Bencher, years: u32) {
    let data = data(years, false);
    let settings = Settings::default();
    bencher.bench(|| {
        View::compute(
            black_box(&data),
            support::now(),
            &support::zone(),
            &settings,
        )
    });
}

#[divan::bench(args = YEARS)]
fn view_recent_year(bencher: Bencher, years: u32) {
    let data = data(years, true);
    let settings = Settings::default();
    bencher.bench(|| {
        View::compute(
            black_box(&data),
            support::now(),
            &support::zone(),
            &settings,
        )
    });
}

#[divan::bench(args = ["now", "yesterday 21:30", "2026-03-29 02:30", "3 days ago"])]
fn parse_when(input: &str) -> bool {
    when::parse_when(black_box(input), support::now(), &support::zone()).is_ok()
}

/// The insights analysis over a ten-year-like history: the demo's sessions,
/// journal moods, therapy visits and habit ticks, with a check-in on three
/// days in four added (the demo may not hold check-ins yet).
#[divan::bench(args = YEARS)]
fn insights_all_history(bencher: Bencher, years: u32) {
    use afterglow::domain::insight::{self, Input, MoodReading, Source};
    use afterglow::domain::plan::PlanFacts;
    let db = support::demo_db(years, None);
    let mut readings = db.mood_readings().expect("mood readings");
    let days = i64::from(years) * 365;
    readings.extend((0..days).filter(|d| d % 4 != 3).filter_map(|d| {
        let at = support::now().checked_sub_signed(chrono::TimeDelta::try_hours(d * 24 + 3)?)?;
        Some(MoodReading {
            at,
            mood: (3 + (d * 7 % 11) / 2) as u8,
            source: Source::CheckIn,
        })
    }));
    let sessions = db.sessions().expect("sessions");
    let journal = db
        .entry_times_since(chrono::DateTime::<chrono::Utc>::MIN_UTC)
        .expect("journal times");
    let therapy: Vec<_> = db
        .therapy_visits()
        .expect("therapy visits")
        .iter()
        .map(|v| v.at)
        .collect();
    let habits = db.habits(true).expect("habits");
    let first = chrono::NaiveDate::from_ymd_opt(1, 1, 1).expect("a day");
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day");
    let ticks = db.ticks_between(first, last).expect("ticks");
    let results = db.questionnaire_results().expect("results");
    let settings = Settings::default();
    let input = Input {
        readings: &readings,
        sessions: &sessions,
        facts: PlanFacts {
            journal_times: &journal,
            therapy_times: &therapy,
            habits: &habits,
            ticks: &ticks,
        },
        results: &results,
    };
    let rules = insight::Settings {
        window: &settings.window,
        plan: &settings.plan,
        course: &settings.course,
        insight: settings.insights,
    };
    bencher.bench(|| insight::analyse(black_box(&input), support::now(), &support::zone(), &rules));
}
