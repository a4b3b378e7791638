//! Habits and ticks, first-run defaults, therapy visits and the export.

use afterglow::domain::habit::Schedule;
use afterglow::domain::{
    DomainError, Habit, HabitId, HabitKind, HabitRole, SessionStatus, TherapyId, Tick,
};
use afterglow::formats::json;
use afterglow::store::migrations::migrate_to;
use afterglow::store::{
    APPLICATION_ID, Db, Draft, HabitRestore, NewEntry, SCHEMA_VERSION, StoreError,
};

use super::{WIDE, at, day, mood, new_session, raw, temp};

fn quantity(unit: &str, target: f64) -> HabitKind {
    HabitKind::Quantity {
        unit: unit.into(),
        target,
    }
}

fn names(habits: &[Habit]) -> Vec<&str> {
    habits.iter().map(|h| h.name.as_str()).collect()
}

fn tick(habit: HabitId, d: u32, amount: Option<f64>) -> Tick {
    Tick {
        habit,
        day: day(d),
        amount,
    }
}

#[test]
fn defaults_are_created_once_per_database() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    assert!(db.ensure_defaults(day(1)).unwrap());
    let habits = db.habits(false).unwrap();
    assert_eq!(names(&habits), ["Sleep", "Exercise", "Meditation"]);
    assert_eq!(habits[0].kind, quantity("h", 7.0));
    assert_eq!(habits[1].kind, quantity("min", 30.0));
    assert_eq!(habits[2].kind, quantity("min", 10.0));
    let roles: Vec<HabitRole> = habits.iter().map(|h| h.role).collect();
    assert_eq!(
        roles,
        [HabitRole::Sleep, HabitRole::Exercise, HabitRole::Meditation]
    );
    assert!(habits.iter().all(|h| h.since == day(1) && !h.archived));

    assert!(!db.ensure_defaults(day(2)).unwrap());
    db.set_archived(habits[0].id, true).unwrap();
    db.delete_habit(habits[1].id).unwrap();
    drop(db);
    // Not even another process, another day, brings them back.
    let mut db = Db::open(&path).unwrap();
    assert!(!db.ensure_defaults(day(9)).unwrap());
    assert_eq!(names(&db.habits(true).unwrap()), ["Sleep", "Meditation"]);
}

#[test]
fn defaults_step_around_a_habit_the_person_already_made() {
    let mut db = Db::open_in_memory().unwrap();
    db.add_habit("sleep", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    assert!(db.ensure_defaults(day(2)).unwrap());
    assert_eq!(
        names(&db.habits(true).unwrap()),
        ["sleep", "Exercise", "Meditation"]
    );
}

#[test]
fn habits_round_trip_in_position_order() {
    let mut db = Db::open_in_memory().unwrap();
    let walk = db
        .add_habit("  Walk ", &HabitKind::YesNo, HabitRole::Custom, day(3))
        .unwrap();
    let tea = db
        .add_habit(WIDE, &quantity("杯", 2.5), HabitRole::Custom, day(4))
        .unwrap();
    assert_eq!(walk.name, "Walk", "names are trimmed");
    assert_eq!(db.habits(false).unwrap(), vec![walk.clone(), tea.clone()]);

    db.set_archived(walk.id, true).unwrap();
    assert_eq!(db.habits(false).unwrap(), vec![tea.clone()]);
    let all = db.habits(true).unwrap();
    assert_eq!(names(&all), ["Walk", WIDE]);
    assert!(all[0].archived);
    db.set_archived(walk.id, false).unwrap();
    assert!(!db.habits(false).unwrap()[0].archived);
}

#[test]
fn habit_input_is_checked() {
    let mut db = Db::open_in_memory().unwrap();
    let add = |db: &mut Db, name: &str, kind: &HabitKind| {
        db.add_habit(name, kind, HabitRole::Custom, day(1))
            .unwrap_err()
    };
    let empty = add(&mut db, "  ", &HabitKind::YesNo);
    assert!(
        matches!(empty, StoreError::Domain(DomainError::EmptyName)),
        "{empty:?}"
    );
    let zero = add(&mut db, "Read", &quantity("pages", 0.0));
    assert!(
        matches!(zero, StoreError::Domain(DomainError::BadTarget(_))),
        "{zero:?}"
    );
    assert!(db.habits(true).unwrap().is_empty());
}

/// A name an archived habit goes by is refused as archived, naming the
/// habit as it is stored, so the faces can offer to bring it back (with its
/// history) instead of starting a new one without it.
#[test]
fn a_name_an_archived_habit_has_is_refused_as_archived() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let reading = db
        .add_habit("Reading", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    let walk = db
        .add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    db.set_archived(reading.id, true).unwrap();
    let err = db
        .add_habit(" reading ", &HabitKind::YesNo, HabitRole::Custom, day(2))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::NameArchived(n) if n == "Reading"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Reading is archived; restoring it brings it back with its history"
    );
    let err = db.rename_habit(walk.id, "READING").unwrap_err();
    assert!(matches!(err, StoreError::NameArchived(_)), "{err:?}");
    let err = db
        .edit_habit(walk.id, "Reading", Schedule::Daily)
        .unwrap_err();
    assert!(matches!(err, StoreError::NameArchived(_)), "{err:?}");
    // Where an active look-alike (one an older afterglow let in) has the
    // name as well, that is the clash named:
    // restoring the archived one would be refused.
    raw(&path)
        .execute(
            "INSERT INTO habits (name, kind, role, since, position)
             VALUES ('Ｒｅａｄｉｎｇ', 'yes-no', 'custom', '2026-03-01', 9)",
            [],
        )
        .unwrap();
    let err = db
        .add_habit("Reading", &HabitKind::YesNo, HabitRole::Custom, day(2))
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");
    assert_eq!(
        names(&db.habits(false).unwrap()),
        ["Walk", "Ｒｅａｄｉｎｇ"]
    );
}

#[test]
fn names_are_unique_ignoring_case() {
    let mut db = Db::open_in_memory().unwrap();
    let yoga = db
        .add_habit("Yoga", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    let bath = db
        .add_habit("Ölbad", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    for clash in ["yoga", "YOGA", "ölbad"] {
        let err = db
            .add_habit(clash, &HabitKind::YesNo, HabitRole::Custom, day(1))
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Duplicate(n) if n == clash),
            "{err:?}"
        );
    }
    let err = db.rename_habit(bath.id, "yOgA").unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");
    // A habit may change the case of its own name.
    db.rename_habit(yoga.id, "YOGA").unwrap();
    db.rename_habit(bath.id, WIDE).unwrap();
    assert_eq!(names(&db.habits(true).unwrap()), ["YOGA", WIDE]);
    let err = db.rename_habit(HabitId(99), "Swim").unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "habit",
                id: 99
            }
        ),
        "{err:?}"
    );
}

#[test]
fn habits_are_found_by_name_ignoring_case_archived_too() {
    let mut db = Db::open_in_memory().unwrap();
    let h = db
        .add_habit("Ölbad", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    db.set_archived(h.id, true).unwrap();
    let found = db.habit_by_name(" ÖLBAD ").unwrap().unwrap();
    assert_eq!((found.id, found.archived), (h.id, true));
    assert_eq!(db.habit_by_name("Olbad").unwrap(), None);
}

#[test]
fn ticks_upsert_remove_and_list() {
    let mut db = Db::open_in_memory().unwrap();
    let sleep = db
        .add_habit("Sleep", &quantity("h", 7.0), HabitRole::Sleep, day(1))
        .unwrap();
    let walk = db
        .add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    db.set_tick(sleep.id, day(2), Some(6.0)).unwrap();
    db.set_tick(sleep.id, day(2), Some(8.5)).unwrap();
    db.set_tick(sleep.id, day(4), Some(7.0)).unwrap();
    db.set_tick(walk.id, day(3), None).unwrap();
    db.set_tick(walk.id, day(5), None).unwrap();

    assert_eq!(
        db.ticks_for(sleep.id).unwrap(),
        vec![tick(sleep.id, 2, Some(8.5)), tick(sleep.id, 4, Some(7.0))]
    );
    // Both ends included, all habits, nothing outside.
    assert_eq!(
        db.ticks_between(day(3), day(4)).unwrap(),
        vec![tick(walk.id, 3, None), tick(sleep.id, 4, Some(7.0))]
    );
    assert_eq!(db.ticks_between(day(2), day(2)).unwrap().len(), 1);

    db.remove_tick(walk.id, day(3)).unwrap();
    db.remove_tick(walk.id, day(3)).unwrap();
    assert_eq!(db.ticks_for(walk.id).unwrap(), vec![tick(walk.id, 5, None)]);

    let err = db.set_tick(HabitId(99), day(2), None).unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "habit", .. }),
        "{err:?}"
    );
    let err = db.set_tick(sleep.id, day(2), Some(-1.0)).unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(DomainError::BadAmount(_))),
        "{err:?}"
    );
}

#[test]
fn deleting_a_habit_deletes_its_ticks() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let h = db
        .add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    db.set_tick(h.id, day(2), None).unwrap();
    db.delete_habit(h.id).unwrap();
    let left: i64 = raw(&path)
        .query_row("SELECT COUNT(*) FROM ticks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    let err = db.delete_habit(h.id).unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "habit", .. }),
        "{err:?}"
    );
}

#[test]
fn therapy_visits_round_trip_in_time_order() {
    let mut db = Db::open_in_memory().unwrap();
    let later = db.add_therapy(at(9, 14), None).unwrap();
    let first = db.add_therapy(at(2, 14), Some(WIDE)).unwrap();
    assert_eq!(first.note.as_deref(), Some(WIDE));
    assert_eq!(
        db.therapy_visits().unwrap(),
        vec![first.clone(), later.clone()]
    );
    db.delete_therapy(later.id).unwrap();
    assert_eq!(db.therapy_visits().unwrap(), vec![first]);
    let err = db.delete_therapy(TherapyId(99)).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "therapy visit",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn the_export_holds_everything_and_survives_json() {
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(day(1)).unwrap();
    let s = db
        .add_session(&new_session(at(2, 9), SessionStatus::Done))
        .unwrap();
    db.set_intention(Some(s.id), WIDE, at(2, 8)).unwrap();
    db.add_entry(&NewEntry {
        written_at: at(2, 12),
        body: WIDE.into(),
        mood: mood(8),
        session: Some(s.id),
    })
    .unwrap();
    let sleep = db.habit_by_name("sleep").unwrap().unwrap();
    db.set_tick(sleep.id, day(2), Some(7.5)).unwrap();
    db.add_therapy(at(3, 14), Some("integration 🌿")).unwrap();
    db.save_draft(&Draft {
        editing: None,
        body: "unfinished 今日".into(),
        mood: None,
        cursor: 2,
        saved_at: at(3, 20),
    })
    .unwrap();

    let export = db.export(at(4, 0)).unwrap();
    assert_eq!(
        (export.exported_at, export.schema_version),
        (at(4, 0), afterglow::store::SCHEMA_VERSION)
    );
    assert_eq!(export.sessions, db.sessions().unwrap());
    assert_eq!(export.intentions, db.intentions().unwrap());
    assert_eq!(export.journal, db.entries(usize::MAX).unwrap());
    assert_eq!(export.habits.len(), 3);
    assert_eq!(export.ticks, vec![tick(sleep.id, 2, Some(7.5))]);
    assert_eq!(export.therapy.len(), 1);
    assert_eq!(export.drafts[0].body, "unfinished 今日");

    let json = json::write(&export, export.exported_at, export.schema_version).unwrap();
    assert!(json.contains(WIDE), "{json}");
    assert!(json.contains("\"format\": \"afterglow\""), "{json}");
    assert!(json.contains("\"version\": 1"), "{json}");
    let back = json::read_v1(&json).unwrap().into_history();
    assert_eq!(back, export.history);
}

#[test]
fn a_tick_cannot_hold_more_hours_than_a_day() {
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(day(1)).unwrap();
    let sleep = db.habit_by_name("Sleep").unwrap().unwrap();
    let err = db.set_tick(sleep.id, day(2), Some(25.0)).unwrap_err();
    assert!(err.to_string().contains("more than a day holds"), "{err}");
    assert!(db.ticks_for(sleep.id).unwrap().is_empty());
    db.set_tick(sleep.id, day(2), Some(9.0)).unwrap();
}

/// Days are stored as `YYYY-MM-DD`: one outside the years 0000-9999 would
/// be written but never read back, and every list of ticks would fail from
/// then on. Every way in is refused, by the same rule, and nothing is
/// written.
#[test]
fn days_the_file_could_not_read_back_are_refused_on_every_write() {
    use chrono::NaiveDate;
    let mut db = Db::open_in_memory().unwrap();
    let walk = db
        .add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    db.set_tick(walk.id, day(2), None).unwrap();
    for far in [
        NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
        NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(),
    ] {
        let refused = |err: StoreError| {
            assert!(
                matches!(err, StoreError::Domain(DomainError::DayOutOfRange(d)) if d == far),
                "{far}: {err:?}"
            );
            let text = err.to_string();
            assert!(
                text.contains(&far.to_string()) && text.contains("0000 to 9999"),
                "{text}"
            );
        };
        refused(db.set_tick(walk.id, far, None).unwrap_err());
        refused(
            db.add_habit("Swim", &HabitKind::YesNo, HabitRole::Custom, far)
                .unwrap_err(),
        );
        refused(
            Db::open_in_memory()
                .unwrap()
                .ensure_defaults(far)
                .unwrap_err(),
        );
        // No tick can be there, so none is removed, as for any day without one.
        db.remove_tick(walk.id, far).unwrap();
    }
    assert_eq!(names(&db.habits(true).unwrap()), ["Walk"]);
    assert_eq!(db.ticks_for(walk.id).unwrap(), vec![tick(walk.id, 2, None)]);
    assert_eq!(db.ticks_between(day(1), day(31)).unwrap().len(), 1);
}

/// Stored names are trimmed, and a name with spaces around it names the
/// same habit: adding one is a clash, finding by it lands on the habit.
#[test]
fn names_with_spaces_around_them_are_the_same_habit() {
    let mut db = Db::open_in_memory().unwrap();
    let yoga = db
        .add_habit("  Yoga ", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    assert_eq!(yoga.name, "Yoga");
    let err = db
        .add_habit(" yoga  ", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");
    assert_eq!(
        db.habit_by_name("\tYOGA ").unwrap().map(|h| h.id),
        Some(yoga.id)
    );
}

/// Names that look the same name one habit: case, spaces, invisible
/// characters, composed or decomposed accents and fullwidth letters do
/// not count (`habit::name_key`). Shown as first written.
#[test]
fn look_alike_names_are_one_habit() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let walk = db
        .add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    let cafe = db
        .add_habit("Cafe\u{301}", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    // Kept composed, so that other tools see one "é".
    assert_eq!(cafe.name, "Caf\u{e9}");
    for alike in [
        "Ｗａｌｋ",
        "Wa\u{200B}lk",
        "\u{FEFF}WALK\u{2060}",
        "Wal\u{AD}k",
    ] {
        let err = db
            .add_habit(alike, &HabitKind::YesNo, HabitRole::Custom, day(1))
            .unwrap_err();
        assert!(matches!(err, StoreError::Duplicate(_)), "{alike:?}: {err}");
        assert_eq!(db.habit_by_name(alike).unwrap().unwrap().id, walk.id);
        assert!(matches!(
            db.rename_habit(cafe.id, alike),
            Err(StoreError::Duplicate(_))
        ));
    }
    assert_eq!(db.habit_by_name("caf\u{e9}").unwrap().unwrap().id, cafe.id);
    let err = db
        .add_habit(
            "\u{200B}\u{FEFF}",
            &HabitKind::YesNo,
            HabitRole::Custom,
            day(1),
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(DomainError::EmptyName)),
        "{err}"
    );
}

/// Look-alikes stored before names were compared this way stay two
/// habits, each with its ticks (merging them could lose a day's amount);
/// a name finds the older one, and no third is let in.
#[test]
fn look_alikes_already_stored_are_found_oldest_first() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    db.add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    drop(db);
    // As an older afterglow let them in.
    let conn = raw(&path);
    conn.execute(
        "INSERT INTO habits (name, kind, role, since, position)
         VALUES ('Ｗａｌｋ', 'yes-no', 'custom', '2026-03-01', 1),
                ('Wa' || char(8203) || 'lk', 'yes-no', 'custom', '2026-03-01', 2)",
        [],
    )
    .unwrap();
    drop(conn);
    let mut db = Db::open(&path).unwrap();
    let all = db.habits(true).unwrap();
    assert_eq!(all.len(), 3);
    let oldest = all.iter().map(|h| h.id).min().unwrap();
    for name in ["walk", "Ｗａｌｋ", "Wa\u{200B}lk"] {
        assert_eq!(
            db.habit_by_name(name).unwrap().unwrap().id,
            oldest,
            "{name}"
        );
    }
    assert!(
        db.add_habit("WALK", &HabitKind::YesNo, HabitRole::Custom, day(1))
            .is_err()
    );
}

/// A habit comes back from its archive with every tick it had; not over an
/// active habit of the same name (look-alikes an older afterglow let in),
/// and then nothing changes.
#[test]
fn a_restored_habit_keeps_its_ticks_and_never_shares_a_name() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let walk = db
        .add_habit("Walk", &HabitKind::YesNo, HabitRole::Custom, day(1))
        .unwrap();
    db.set_tick(walk.id, day(2), None).unwrap();
    db.set_tick(walk.id, day(3), None).unwrap();
    db.set_archived(walk.id, true).unwrap();
    assert_eq!(db.restore_habit(walk.id).unwrap(), HabitRestore::Restored);
    assert!(!db.habit_by_name("walk").unwrap().unwrap().archived);
    assert_eq!(db.ticks_for(walk.id).unwrap().len(), 2);
    assert_eq!(db.restore_habit(walk.id).unwrap(), HabitRestore::WasActive);

    db.set_archived(walk.id, true).unwrap();
    drop(db);
    let conn = raw(&path);
    conn.execute(
        "INSERT INTO habits (name, kind, role, since, position)
         VALUES ('Ｗａｌｋ', 'yes-no', 'custom', '2026-03-01', 1)",
        [],
    )
    .unwrap();
    drop(conn);
    let mut db = Db::open(&path).unwrap();
    match db.restore_habit(walk.id).unwrap() {
        HabitRestore::NameTaken(other) => assert_eq!(other.name, "Ｗａｌｋ"),
        other => panic!("{other:?}"),
    }
    let kept = db.habits(true).unwrap();
    assert!(kept.iter().find(|h| h.id == walk.id).unwrap().archived);
    assert_eq!(db.ticks_for(walk.id).unwrap().len(), 2);
    assert!(matches!(
        db.restore_habit(HabitId(99)),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_schedule_is_kept_and_changed_without_touching_the_ticks() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let swim = db
        .add_habit_on(
            "Swim",
            &HabitKind::YesNo,
            HabitRole::Custom,
            Schedule::PerWeek(3),
            day(1),
        )
        .unwrap();
    assert_eq!(swim.schedule, Schedule::PerWeek(3));
    db.set_tick(swim.id, day(2), None).unwrap();
    drop(db);
    let db = Db::open(&path).unwrap();
    assert_eq!(
        db.habit_by_name("swim").unwrap().unwrap().schedule,
        Schedule::PerWeek(3)
    );
    drop(db);
    let mut db = Db::open(&path).unwrap();
    db.set_schedule(swim.id, Schedule::Daily).unwrap();
    db.edit_habit(swim.id, "Swim far", Schedule::PerWeek(6))
        .unwrap();
    let h = db.habit_by_name("swim far").unwrap().unwrap();
    assert_eq!(h.schedule, Schedule::PerWeek(6));
    assert_eq!(db.ticks_for(swim.id).unwrap().len(), 1);
    // The file itself refuses a schedule no afterglow writes.
    drop(db);
    let conn = raw(&path);
    assert!(
        conn.execute("UPDATE habits SET per_week = 7 WHERE id = ?1", [swim.id.0])
            .is_err()
    );
}

/// Habits from before schedules existed are daily, their ticks untouched;
/// the file reaches the newest schema with room for a schedule.
#[test]
fn habits_of_an_older_schema_come_through_as_daily() {
    let (_dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 1).unwrap();
    conn.execute_batch(
        "INSERT INTO habits (id, name, kind, role, since, position)
             VALUES (1, 'Walk', 'yes-no', 'custom', '2026-03-01', 0);
         INSERT INTO ticks (habit_id, day) VALUES (1, '2026-03-02');",
    )
    .unwrap();
    drop(conn);
    let mut db = Db::open(&path).unwrap();
    assert_eq!(
        db.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    let walk = db.habit_by_name("walk").unwrap().unwrap();
    assert_eq!(walk.schedule, Schedule::Daily);
    assert_eq!(db.ticks_for(walk.id).unwrap().len(), 1);
    db.set_schedule(walk.id, Schedule::PerWeek(2)).unwrap();
    assert_eq!(
        db.habit_by_name("walk").unwrap().unwrap().schedule,
        Schedule::PerWeek(2)
    );
}
