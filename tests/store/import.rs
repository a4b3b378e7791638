//! Bringing records in (`Db::import`): the JSON round trip, duplicates,
//! dry runs and all-or-nothing.

use afterglow::demo;
use afterglow::domain::{HabitKind, HabitRole, JournalEntry, JournalId, Mood, Tick};
use afterglow::store::{Batch, Db, Export, Kinds};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 30, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A fresh database as a first run leaves it: the default habits only.
fn fresh() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(today()).unwrap();
    db
}

fn filled(years: u32, seed: u64) -> Db {
    let mut db = fresh();
    let d = demo::generate(years, seed, now(), &Utc).unwrap();
    db.insert_demo(&d).unwrap();
    db
}

/// The export of `db` brought into a fresh database, and that database.
fn round_trip(db: &Db) -> (Export, Db) {
    let before = db.export(now()).unwrap();
    // Through JSON text, as the command line does it.
    let text = serde_json::to_string(&before).unwrap();
    let parsed: Export = serde_json::from_str(&text).unwrap();
    let mut other = fresh();
    other.import(&Batch::from(parsed), false).unwrap();
    (before, other)
}

#[test]
fn an_export_brought_into_an_empty_database_comes_back_identical() {
    let db = filled(2, demo::DEFAULT_SEED);
    let (before, other) = round_trip(&db);
    assert!(before.journal.len() > 100, "a real history");
    assert_eq!(other.export(now()).unwrap(), before);
}

#[test]
fn a_second_import_adds_nothing() {
    let db = filled(1, 7);
    let export = db.export(now()).unwrap();
    let mut other = fresh();
    let first = other.import(&Batch::from(export.clone()), false).unwrap();
    assert_eq!(first.added.sessions, export.sessions.len());
    assert_eq!(first.added.ticks, export.ticks.len());
    let again = other.import(&Batch::from(export.clone()), false).unwrap();
    assert_eq!(again.added, Kinds::default(), "{again:?}");
    assert_eq!(again.already_there.journal, export.journal.len());
    assert_eq!(other.export(now()).unwrap(), export);
}

#[test]
fn a_dry_run_counts_exactly_and_writes_nothing() {
    let export = filled(1, 3).export(now()).unwrap();
    let mut other = fresh();
    let empty = other.export(now()).unwrap();
    let dry = other.import(&Batch::from(export.clone()), true).unwrap();
    assert_eq!(other.export(now()).unwrap(), empty);
    let real = other.import(&Batch::from(export), false).unwrap();
    assert_eq!(dry, real);
}

#[test]
fn into_a_database_with_history_records_merge_and_links_follow() {
    let export = filled(1, 11).export(now()).unwrap();
    let mut other = fresh();
    // Something of the person's own first: ids 1.. are taken here.
    let sleep = other.habit_by_name("Sleep").unwrap().unwrap();
    other.set_tick(sleep.id, today(), Some(8.0)).unwrap();
    other
        .add_habit("Yoga 🧘", &HabitKind::YesNo, HabitRole::Custom, today())
        .unwrap();
    let counts = other.import(&Batch::from(export.clone()), false).unwrap();
    assert_eq!(counts.added.sessions, export.sessions.len());
    let after = other.export(now()).unwrap();
    // Every imported entry still points at the session at the same instant.
    for e in &export.journal {
        let Some(sid) = e.session else { continue };
        let src = export.sessions.iter().find(|s| s.id == sid).unwrap();
        let got = after
            .journal
            .iter()
            .find(|g| g.written_at == e.written_at && g.body == e.body)
            .unwrap();
        let dst = after.sessions.iter().find(|s| Some(s.id) == got.session);
        assert_eq!(dst.map(|s| s.at), Some(src.at));
    }
    // The tick already here wins; the rest of Sleep's ticks came in.
    let mine = after
        .ticks
        .iter()
        .find(|t| t.habit == sleep.id && t.day == today())
        .unwrap();
    assert_eq!(mine.amount, Some(8.0));
    assert!(after.habits.iter().any(|h| h.name == "Yoga 🧘"));
}

#[test]
fn a_bad_record_leaves_nothing_behind() {
    let mut other = fresh();
    let before = other.export(now()).unwrap();
    let sleep = other.habit_by_name("Sleep").unwrap().unwrap();
    let entry = JournalEntry {
        id: JournalId(1),
        written_at: now(),
        updated_at: now(),
        body: "kept only if all of it fits".into(),
        mood: Mood::new(6).ok(),
        session: None,
    };
    let batch = Batch {
        journal: vec![entry],
        habits: vec![sleep.clone()],
        // 30 hours of sleep: refused, and with it the entry.
        ticks: vec![Tick {
            habit: sleep.id,
            day: today(),
            amount: Some(30.0),
        }],
        ..Batch::default()
    };
    assert!(other.import(&batch, false).is_err());
    assert_eq!(other.export(now()).unwrap(), before);
}

/// `PROPTEST_CASES` when set, otherwise a short run for CI.
fn cases(ci: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    let by_hand = std::env::var_os("PROPTEST_CASES").is_some();
    ProptestConfig {
        cases: if by_hand { default.cases } else { ci },
        ..default
    }
}

proptest! {
    #![proptest_config(cases(12))]

    /// Over generated histories of any seed: export, import into an empty
    /// database, export again: the same value.
    #[test]
    fn the_json_round_trip_is_exact(seed in any::<u64>(), years in 1u32..3) {
        let db = filled(years, seed);
        let (before, other) = round_trip(&db);
        prop_assert_eq!(other.export(now()).unwrap(), before);
    }
}
