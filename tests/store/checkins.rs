//! Check-ins and questionnaire results (migration 8) go wherever the rest
//! of a person's records go: through the JSON export and back, into a file
//! with records of its own, and through a backup and its restore.

use afterglow::domain::Mood;
use afterglow::domain::checkin::{CheckIn, Scale};
use afterglow::domain::questionnaire::Answered;
use afterglow::formats::json;
use afterglow::store::{Batch, Db, NewCheckIn, NewResult, StoreError};
use chrono::{DateTime, TimeZone, Utc};

use super::{WIDE, at, temp};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 28, 12, 0, 0).unwrap()
}

fn checkin(
    db: &mut Db,
    at: DateTime<Utc>,
    mood: i64,
    anxiety: Option<i64>,
    note: Option<&str>,
) -> CheckIn {
    db.add_checkin(&NewCheckIn {
        at,
        mood: Mood::new(mood).unwrap(),
        anxiety: anxiety.map(|a| Scale::new(a).unwrap()),
        energy: Some(Scale::new(5).unwrap()),
        note,
    })
    .unwrap()
}

fn result(db: &mut Db, at: DateTime<Utc>, answers: &[i64]) -> Answered {
    db.add_result(&NewResult {
        key: "reflection",
        name: "afterglow's weekly reflection",
        version: "v1hash",
        at,
        answers,
        total: answers.iter().sum(),
        band: Some("settled"),
    })
    .unwrap()
}

/// A database with two check-ins (one with a wide note, one with nothing
/// but a mood) and two results.
fn kept() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    checkin(&mut db, at(2, 8), 3, Some(7), Some(WIDE));
    checkin(&mut db, at(3, 8), 6, None, None);
    result(&mut db, at(2, 20), &[2, 1, 3]);
    result(&mut db, at(9, 20), &[0, 0, 1]);
    db
}

/// What `db` exports, through the JSON text, as a batch.
fn exported(db: &Db) -> Batch {
    let e = db.export(now()).unwrap();
    let text = json::write(&e, e.exported_at, e.schema_version).unwrap();
    Batch::whole(json::read_v1(&text).unwrap().into_history())
}

#[test]
fn an_export_brings_check_ins_and_results_back_with_their_ids() {
    let db = kept();
    let before = db.export(now()).unwrap();
    assert_eq!(before.checkins.len(), 2);
    assert_eq!(before.questionnaire_results.len(), 2);
    let mut other = Db::open_in_memory().unwrap();
    let counts = other.import(&exported(&db), false).unwrap();
    assert_eq!(
        (counts.added.checkins, counts.added.questionnaire_results),
        (2, 2)
    );
    assert_eq!(other.export(now()).unwrap(), before);

    // A second time, nothing new.
    let again = other.import(&exported(&db), false).unwrap();
    assert_eq!(
        (again.added.checkins, again.added.questionnaire_results),
        (0, 0)
    );
    assert_eq!(
        (
            again.already_there.checkins,
            again.already_there.questionnaire_results
        ),
        (2, 2)
    );
    assert_eq!(other.export(now()).unwrap(), before);
}

#[test]
fn into_a_file_with_its_own_check_ins_nothing_here_changes_and_nothing_is_lost() {
    let source = kept();
    let mut db = Db::open_in_memory().unwrap();
    // Its own check-in at the same instant, in other words: both stay.
    let own = checkin(&mut db, at(2, 8), 3, Some(7), Some("my own words"));
    let own_result = result(&mut db, at(4, 20), &[1, 1, 1]);
    let counts = db.import(&exported(&source), false).unwrap();
    assert_eq!(
        (counts.added.checkins, counts.added.questionnaire_results),
        (2, 2)
    );

    let here = db.checkins().unwrap();
    assert_eq!(here.len(), 3);
    assert!(here.contains(&own), "the check-in here is as it was");
    let notes: Vec<Option<&str>> = here.iter().map(|c| c.note.as_deref()).collect();
    assert!(notes.contains(&Some(WIDE)) && notes.contains(&Some("my own words")));
    // Ids taken here are given anew; the records are otherwise the same.
    let ids: Vec<i64> = here.iter().map(|c| c.id.0).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{ids:?}");
    let results = db.questionnaire_results().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results.contains(&own_result));
    let mut answers: Vec<Vec<i64>> = results.iter().map(|r| r.answers.clone()).collect();
    answers.sort();
    assert_eq!(answers, [vec![0, 0, 1], vec![1, 1, 1], vec![2, 1, 3]]);
}

#[test]
fn a_dry_run_counts_check_ins_and_writes_none() {
    let source = kept();
    let mut db = Db::open_in_memory().unwrap();
    let counts = db.import(&exported(&source), true).unwrap();
    assert_eq!(
        (counts.added.checkins, counts.added.questionnaire_results),
        (2, 2)
    );
    assert!(db.checkins().unwrap().is_empty());
    assert!(db.questionnaire_results().unwrap().is_empty());
}

#[test]
fn a_result_the_store_refuses_takes_every_check_in_of_the_import_with_it() {
    let mut batch = exported(&kept());
    batch.history.questionnaire_results[1].key = "k".repeat(65);
    let mut db = Db::open_in_memory().unwrap();
    assert!(db.import(&batch, false).is_err());
    assert!(db.checkins().unwrap().is_empty());
    assert!(db.questionnaire_results().unwrap().is_empty());
}

#[test]
fn a_file_holding_only_check_ins_holds_a_history() {
    let mut db = Db::open_in_memory().unwrap();
    assert!(db.is_empty_history().unwrap());
    checkin(&mut db, at(2, 8), 4, None, None);
    assert!(!db.is_empty_history().unwrap());
    let made_up = Batch {
        only_into_empty: true,
        ..exported(&kept())
    };
    let err = db.import(&made_up, false).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty { .. }), "{err:?}");
    assert_eq!(db.checkins().unwrap().len(), 1);

    let mut db = Db::open_in_memory().unwrap();
    result(&mut db, at(2, 20), &[1]);
    assert!(!db.is_empty_history().unwrap());
}

#[test]
fn a_backup_and_its_restore_keep_check_ins_and_results() {
    let (dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    checkin(&mut db, at(2, 8), 3, Some(7), Some(WIDE));
    result(&mut db, at(2, 20), &[2, 1, 3]);
    let before = (db.checkins().unwrap(), db.questionnaire_results().unwrap());
    let backup = dir.path().join("backup.db");
    db.backup_to(&backup, false).unwrap();
    // Written after the backup: gone with the restore.
    checkin(&mut db, at(3, 8), 9, None, Some("later"));
    result(&mut db, at(3, 20), &[0]);
    drop(db);

    Db::restore(&backup, &path, "test").unwrap();
    let db = Db::open(&path).unwrap();
    assert_eq!(
        (db.checkins().unwrap(), db.questionnaire_results().unwrap()),
        before
    );
    assert_eq!(before.0[0].note.as_deref(), Some(WIDE));
}

use crate::cases::cases;
use proptest::prelude::*;

/// A check-in of any values: mood, ratings, any note (none, empty,
/// any Unicode), at any second of a few years.
fn any_checkin() -> impl Strategy<Value = (i64, i64, Option<i64>, Option<i64>, Option<String>)> {
    (
        0i64..100_000_000,
        1i64..=10,
        proptest::option::of(0i64..=10),
        proptest::option::of(0i64..=10),
        proptest::option::of(".{0,40}"),
    )
}

proptest! {
    #![proptest_config(cases(24))]

    /// Whatever was checked in and answered comes back through the JSON
    /// export exactly, ids and all, and a second import adds nothing.
    #[test]
    fn any_check_ins_and_results_survive_the_json_round_trip(
        checkins in proptest::collection::vec(any_checkin(), 0..8),
        answers in proptest::collection::vec(
            (0i64..100_000_000, proptest::collection::vec(-3i64..10, 0..12)),
            0..5,
        ),
    ) {
        let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let mut db = Db::open_in_memory().unwrap();
        for (secs, mood, anxiety, energy, note) in &checkins {
            db.add_checkin(&NewCheckIn {
                at: base + chrono::TimeDelta::seconds(*secs),
                mood: Mood::new(*mood).unwrap(),
                anxiety: anxiety.map(|a| Scale::new(a).unwrap()),
                energy: energy.map(|e| Scale::new(e).unwrap()),
                note: note.as_deref(),
            })
            .unwrap();
        }
        for (secs, answers) in &answers {
            result(&mut db, base + chrono::TimeDelta::seconds(*secs), answers);
        }
        let before = db.export(now()).unwrap();
        let mut other = Db::open_in_memory().unwrap();
        other.import(&exported(&db), false).unwrap();
        prop_assert_eq!(&other.export(now()).unwrap(), &before);
        let again = other.import(&exported(&db), false).unwrap();
        prop_assert_eq!(again.added.checkins + again.added.questionnaire_results, 0);
        prop_assert_eq!(other.export(now()).unwrap(), before);
    }
}
