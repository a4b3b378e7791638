//! The SQLite side on real files: opening (with its integrity check), the
//! dashboard's load, each kind of write a person makes, and bringing in
//! 100,000 records of each other tool's export. `cargo bench --bench
//! store`; numbers and targets are in docs/performance.md.

#[path = "support.rs"]
mod support;

use std::path::PathBuf;

use afterglow::domain::{Mood, SessionKind, SessionStatus};
use afterglow::store::{Db, Draft, NewEntry, NewSession};
use afterglow::tui::effects as effect;
use divan::{Bencher, black_box};
use tempfile::TempDir;

fn main() {
    divan::main();
}

const YEARS: &[u32] = &[1, 10];

/// A demo database file, closed (so the WAL is checkpointed) and ready.
fn demo_file(years: u32) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("afterglow.db");
    drop(support::demo_db(years, Some(&path)));
    (dir, path)
}

fn recent() -> Option<chrono::DateTime<chrono::Utc>> {
    let start = support::now()
        .date_naive()
        .checked_sub_days(chrono::Days::new(365))?;
    start.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

/// Opening an existing file: header and identity checks, `quick_check`,
/// WAL set-up and the migration check.
#[divan::bench(args = YEARS, sample_count = 30)]
fn open(bencher: Bencher, years: u32) {
    let (_dir, path) = demo_file(years);
    bencher.bench_local(|| Db::open(black_box(&path)).expect("open"));
}

#[divan::bench(args = YEARS, sample_count = 30)]
fn load_recent_year(bencher: Bencher, years: u32) {
    let (_dir, path) = demo_file(years);
    let db = Db::open(&path).expect("open");
    bencher.bench_local(|| effect::load(&db, recent()).expect("load"));
}

#[divan::bench(args = YEARS, sample_count = 30)]
fn load_all_history(bencher: Bencher, years: u32) {
    let (_dir, path) = demo_file(years);
    let db = Db::open(&path).expect("open");
    bencher.bench_local(|| effect::load(&db, None).expect("load"));
}

/// The journal pane's reads (issue 12): the oldest page of the whole
/// journal with its place (End in the journal), the page just newer than
/// it (moving back up), and a search as it is typed.
#[divan::bench(args = YEARS, sample_count = 30)]
fn journal_oldest_page(bencher: Bencher, years: u32) {
    use afterglow::app::effect::EntryPage;
    let (_dir, path) = demo_file(years);
    let db = Db::open(&path).expect("open");
    bencher.bench_local(|| {
        effect::entries(&db, EntryPage::Oldest, afterglow::app::data::PAGE).expect("a page")
    });
}

#[divan::bench(args = YEARS, sample_count = 30)]
fn journal_page_newer_than_the_oldest(bencher: Bencher, years: u32) {
    use afterglow::app::effect::EntryPage;
    let (_dir, path) = demo_file(years);
    let db = Db::open(&path).expect("open");
    let page = afterglow::app::data::PAGE;
    let oldest = effect::entries(&db, EntryPage::Oldest, page).expect("a page");
    let first = oldest.entries.first().expect("an entry");
    let key = EntryPage::Newer((first.written_at, first.id));
    bencher.bench_local(|| effect::entries(&db, key, page).expect("a page"));
}

#[divan::bench(args = ["k", "kit", "kitchen", "quiet walk"], sample_count = 30)]
fn journal_search_10_years(bencher: Bencher, query: &str) {
    let (_dir, path) = demo_file(10);
    let db = Db::open(&path).expect("open");
    bencher.bench_local(|| db.search_keys(black_box(query)).expect("a search"));
}

/// `journal search` on the 10-year file, the newest 10: a word found
/// nowhere (the index alone answers), a common word (candidates from the
/// index, confirmed until 10), and two letters (no trigram: the entries
/// are read newest first until 10 match). docs/search.md.
#[divan::bench(args = ["lighthouse", "sea", "ke"], sample_count = 30)]
fn search_journal(bencher: Bencher, query: &str) {
    let (_dir, path) = demo_file(10);
    let db = Db::open(&path).expect("open");
    bencher.bench_local(|| db.search_journal(black_box(query), 10).expect("search"));
}

/// Each kind of write, on the 10-year file: one committed transaction each.
mod write {
    use super::*;

    fn db() -> (TempDir, Db) {
        let (dir, path) = demo_file(10);
        let db = Db::open(&path).expect("open");
        (dir, db)
    }

    #[divan::bench(sample_count = 50)]
    fn log_session(bencher: Bencher) {
        let (_dir, mut db) = db();
        let new = NewSession {
            at: support::now(),
            kind: SessionKind::Infusion,
            dose_mg: Some(35.0),
            note: None,
            status: SessionStatus::Done,
        };
        bencher.bench_local(|| db.add_session(black_box(&new)).expect("write"));
    }

    #[divan::bench(sample_count = 50)]
    fn journal_entry(bencher: Bencher) {
        let (_dir, mut db) = db();
        let new = NewEntry {
            written_at: support::now(),
            body: "A quiet evening; the light felt softer. 🌱".into(),
            mood: Mood::new(7).ok(),
            session: None,
        };
        bencher.bench_local(|| db.add_entry(black_box(&new)).expect("write"));
    }

    #[divan::bench(sample_count = 50)]
    fn draft_keystroke(bencher: Bencher) {
        let (_dir, mut db) = db();
        let mut draft = Draft {
            editing: None,
            body: String::new(),
            mood: None,
            cursor: 0,
            saved_at: support::now(),
        };
        bencher.bench_local(|| {
            draft.body.push('a');
            draft.cursor = draft.body.len();
            db.save_draft(black_box(&draft)).expect("write")
        });
    }

    #[divan::bench(sample_count = 50)]
    fn habit_tick(bencher: Bencher) {
        let (_dir, mut db) = db();
        let habit = db.habits(false).expect("habits")[0].id;
        let mut day = support::now().date_naive();
        bencher.bench_local(|| {
            day = day.succ_opt().unwrap_or(day);
            db.set_tick(habit, black_box(day), Some(7.5))
                .expect("write")
        });
    }

    #[divan::bench(sample_count = 50)]
    fn intention(bencher: Bencher) {
        let (_dir, mut db) = db();
        bencher.bench_local(|| {
            db.set_intention(None, black_box("Stay curious."), support::now())
                .expect("write")
        });
    }

    #[divan::bench(sample_count = 50)]
    fn therapy_visit(bencher: Bencher) {
        let (_dir, mut db) = db();
        bencher.bench_local(|| {
            db.add_therapy(support::now(), black_box(None))
                .expect("write")
        });
    }
}

/// `afterglow import` without the file system: a whole export of 100,000
/// records read and merged into a new database, as one import does it (the
/// generated text is made once, outside the timing). Each of these was
/// quadratic before issue 10: minutes for 100,000 rows.
mod import {
    use super::*;
    use afterglow::importers::{MoodMap, Options, Parsed, parse_daylio, parse_jrnl, parse_loop};

    const ROWS: usize = 100_000;

    fn into_new_db(bencher: Bencher, read: impl Fn(&Options<'_, chrono::Utc>) -> Parsed) {
        let moods = MoodMap::default();
        bencher
            .with_inputs(|| {
                let mut db = Db::open_in_memory().expect("a database");
                db.ensure_defaults(support::now().date_naive())
                    .expect("first-run habits");
                db
            })
            .bench_local_values(|mut db| {
                let habits = db.habits(true).expect("habits");
                let opts = Options {
                    zone: chrono::Utc,
                    habits: &habits,
                    moods: &moods,
                    window: Default::default(),
                    today: support::now().date_naive(),
                };
                let parsed = read(&opts);
                db.import(&parsed.batch, false).expect("import")
            });
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn daylio_rows(bencher: Bencher) {
        let bytes = support::exports::daylio(ROWS);
        into_new_db(bencher, |o| {
            parse_daylio(&bytes, o).expect("a Daylio export")
        });
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn jrnl_entries(bencher: Bencher) {
        let bytes = support::exports::jrnl(ROWS);
        into_new_db(bencher, |o| parse_jrnl(&bytes, o).expect("a jrnl export"));
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn loop_checkmarks(bencher: Bencher) {
        let files = support::exports::loop_checkmarks(ROWS);
        into_new_db(bencher, |o| parse_loop(&files, o).expect("a Loop export"));
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn loop_habits(bencher: Bencher) {
        let files = support::exports::loop_habits(ROWS);
        into_new_db(bencher, |o| parse_loop(&files, o).expect("a Loop export"));
    }
}
