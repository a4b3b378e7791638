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
