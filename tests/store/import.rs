//! Bringing records in (`Db::import`): the JSON round trip, duplicates,
//! dry runs and all-or-nothing.

use afterglow::demo;
use afterglow::domain::History;
use afterglow::domain::{
    HabitId, HabitKind, HabitRole, Intention, IntentionId, JournalEntry, JournalId, Mood, Session,
    SessionId, SessionKind, SessionStatus, Tick,
};
use afterglow::formats::json;
use afterglow::store::{Batch, Db, Draft, Export, ExportDraft, Kinds, NewSession};
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
    db.import(&demo::batch(d), false).unwrap();
    db
}

/// The export of `db` brought into a fresh database, and that database.
fn round_trip(db: &Db) -> (Export, Db) {
    let before = db.export(now()).unwrap();
    // Through JSON text, as the command line does it.
    let text = json::write(&before, before.exported_at, before.schema_version).unwrap();
    let parsed = json::read_v1(&text).unwrap().into_history();
    let mut other = fresh();
    other.import(&Batch::whole(parsed), false).unwrap();
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
    let batch = Batch::part(History {
        journal: vec![entry],
        habits: vec![sleep.clone()],
        // 30 hours of sleep: refused, and with it the entry.
        ticks: vec![Tick {
            habit: sleep.id,
            day: today(),
            amount: Some(30.0),
        }],
        ..History::default()
    });
    assert!(other.import(&batch, false).is_err());
    assert_eq!(other.export(now()).unwrap(), before);
}

/// An instant on 20 November 2026, at `hour` UTC.
fn hour(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, 0, 0).unwrap()
}

fn session(id: i64, at: DateTime<Utc>, note: Option<&str>) -> Session {
    Session {
        id: SessionId(id),
        at,
        kind: SessionKind::Infusion,
        dose_mg: Some(35.0),
        note: note.map(str::to_string),
        status: SessionStatus::Done,
    }
}

fn entry(id: i64, written_at: DateTime<Utc>, body: &str, session: Option<i64>) -> JournalEntry {
    JournalEntry {
        id: JournalId(id),
        written_at,
        updated_at: written_at,
        body: body.into(),
        mood: None,
        session: session.map(SessionId),
    }
}

fn add_session(db: &mut Db, at: DateTime<Utc>, note: Option<&str>) -> SessionId {
    db.add_session(&NewSession {
        at,
        kind: SessionKind::Infusion,
        dose_mg: Some(35.0),
        note: note.map(str::to_string),
        status: SessionStatus::Done,
    })
    .unwrap()
    .id
}

/// A record the database already holds (same instant; for an intention,
/// same instant and text) may still lack words the import has: a session
/// note, a reflection, an unsaved draft. Those words are kept, and nothing
/// already written changes.
#[test]
fn words_only_the_import_has_are_kept_beside_what_is_here() {
    let mut db = fresh();
    let quiet = add_session(&mut db, hour(10), None);
    add_session(&mut db, hour(14), Some("here first"));
    add_session(&mut db, hour(16), Some("the same words"));
    let intention = db
        .set_intention(Some(quiet), "notice my breath", hour(9))
        .unwrap();
    let typing = Draft {
        editing: None,
        body: "typing here".into(),
        mood: None,
        cursor: 6,
        saved_at: hour(18),
    };
    db.save_draft(&typing).unwrap();

    let batch = Batch::part(History {
        sessions: vec![
            session(1, hour(10), Some("a calm room")),
            session(2, hour(14), Some("from the laptop")),
            session(3, hour(16), Some("the same words")),
        ],
        intentions: vec![Intention {
            id: IntentionId(1),
            session: Some(SessionId(1)),
            text: "notice my breath".into(),
            set_at: hour(9),
            reflection: Some("it came back, slowly".into()),
            reflected_at: Some(hour(12)),
            replaced_at: None,
            earlier_reflections: Vec::new(),
        }],
        drafts: vec![ExportDraft {
            body: "typed on the laptop".into(),
            mood: Mood::new(6).ok(),
            saved_at: hour(17),
        }],
        ..History::default()
    });
    let dry = db.import(&batch, true).unwrap();
    let counts = db.import(&batch, false).unwrap();
    assert_eq!(dry, counts);

    let after = db.export(now()).unwrap();
    let note = |at| {
        after
            .sessions
            .iter()
            .find(|s| s.at == at)
            .and_then(|s| s.note.clone())
    };
    assert_eq!(after.sessions.len(), 3);
    assert_eq!(note(hour(10)).as_deref(), Some("a calm room"));
    assert_eq!(
        note(hour(14)).as_deref(),
        Some("here first\n\nfrom the laptop")
    );
    assert_eq!(note(hour(16)).as_deref(), Some("the same words"));
    assert_eq!(after.intentions.len(), 1);
    assert_eq!(after.intentions[0].id, intention.id);
    assert_eq!(
        after.intentions[0].reflection.as_deref(),
        Some("it came back, slowly")
    );
    assert_eq!(after.intentions[0].reflected_at, Some(hour(12)));
    // The draft being typed here stays; the other one became an entry.
    assert_eq!(db.draft().unwrap().map(|d| d.body), Some(typing.body));
    let kept = after
        .journal
        .iter()
        .find(|e| e.body == "typed on the laptop")
        .expect("the imported draft's words");
    assert_eq!((kept.written_at, kept.mood), (hour(17), Mood::new(6).ok()));

    assert_eq!(counts.completed.sessions, 2, "{counts:?}");
    assert_eq!(counts.completed.intentions, 1, "{counts:?}");
    assert_eq!(counts.completed.draft, 1, "{counts:?}");
    assert_eq!(counts.already_there.sessions, 1, "{counts:?}");
    assert_eq!(counts.added, Kinds::default(), "{counts:?}");

    // Brought in again: every word is here now.
    let again = db.import(&batch, false).unwrap();
    assert_eq!(again.added, Kinds::default(), "{again:?}");
    assert_eq!(again.completed, Kinds::default(), "{again:?}");
    assert_eq!(db.export(now()).unwrap(), after);
}

/// Two records of one batch that are the same record come in once, and
/// links to either land on the one row.
#[test]
fn records_repeated_within_one_batch_come_in_once() {
    let mut db = fresh();
    let sleep = db.habit_by_name("Sleep").unwrap().unwrap();
    let batch = Batch::part(History {
        sessions: vec![session(1, hour(10), None), session(2, hour(10), None)],
        journal: vec![
            entry(1, hour(11), "the same words", Some(1)),
            entry(2, hour(11), "the same words", Some(2)),
            entry(3, hour(12), "linked to the second copy", Some(2)),
        ],
        habits: vec![sleep.clone(), sleep.clone()],
        ticks: vec![
            Tick {
                habit: sleep.id,
                day: today(),
                amount: Some(7.0),
            },
            Tick {
                habit: sleep.id,
                day: today(),
                amount: Some(7.0),
            },
        ],
        ..History::default()
    });
    let dry = db.import(&batch, true).unwrap();
    let counts = db.import(&batch, false).unwrap();
    assert_eq!(dry, counts);
    assert_eq!(
        (
            counts.added.sessions,
            counts.added.journal,
            counts.added.ticks
        ),
        (1, 2, 1),
        "{counts:?}"
    );
    let after = db.export(now()).unwrap();
    let only = after.sessions[0].id;
    assert_eq!(after.sessions.len(), 1);
    assert!(after.journal.iter().all(|e| e.session == Some(only)));
    assert_eq!(db.ticks_for(sleep.id).unwrap().len(), 1);
}

/// Source ids are kept only where free, and a source id that the same
/// import has just given to another row is taken as taken: every link
/// still follows the record it named in the source.
#[test]
fn links_follow_records_when_source_ids_meet_ids_this_import_gave_out() {
    let mut db = fresh();
    let mine = add_session(&mut db, hour(8), Some("mine"));
    assert_eq!(mine, SessionId(1));
    let batch = Batch::part(History {
        // Into a file where id 1 is taken: the first gets id 2, which the
        // second one had in its source.
        sessions: vec![
            session(1, hour(10), Some("first")),
            session(2, hour(14), Some("second")),
        ],
        journal: vec![
            entry(1, hour(11), "after the first", Some(1)),
            entry(2, hour(15), "after the second", Some(2)),
        ],
        ..History::default()
    });
    db.import(&batch, false).unwrap();
    let after = db.export(now()).unwrap();
    let at_of = |body: &str| {
        let e = after.journal.iter().find(|e| e.body == body).unwrap();
        after
            .sessions
            .iter()
            .find(|s| Some(s.id) == e.session)
            .map(|s| s.at)
    };
    assert_eq!(at_of("after the first"), Some(hour(10)));
    assert_eq!(at_of("after the second"), Some(hour(14)));
    assert_eq!(
        after
            .sessions
            .iter()
            .find(|s| s.id == mine)
            .unwrap()
            .note
            .as_deref(),
        Some("mine")
    );
}

/// Habit names are matched ignoring case and the spaces around them, the
/// way they are stored: a name typed with a space lands on the habit here
/// instead of failing as a duplicate.
#[test]
fn a_habit_name_with_spaces_around_lands_on_the_habit_here() {
    let mut db = fresh();
    let sleep = db.habit_by_name("Sleep").unwrap().unwrap();
    let mut theirs = sleep.clone();
    theirs.id = HabitId(40);
    theirs.name = "  sleep ".into();
    let batch = Batch::part(History {
        habits: vec![theirs],
        ticks: vec![Tick {
            habit: HabitId(40),
            day: today(),
            amount: Some(7.0),
        }],
        ..History::default()
    });
    let counts = db.import(&batch, false).unwrap();
    assert_eq!(
        (counts.already_there.habits, counts.added.ticks),
        (1, 1),
        "{counts:?}"
    );
    assert_eq!(db.ticks_for(sleep.id).unwrap().len(), 1);
}

/// Days are stored as `YYYY-MM-DD`; one outside the years 0000-9999 could
/// be written but never read back, and every list of ticks would fail.
#[test]
fn days_the_file_could_not_read_back_are_refused() {
    let mut db = fresh();
    let before = db.export(now()).unwrap();
    let sleep = db.habit_by_name("Sleep").unwrap().unwrap();
    for day in [
        NaiveDate::from_ymd_opt(-1, 11, 2).unwrap(),
        NaiveDate::from_ymd_opt(12025, 11, 2).unwrap(),
    ] {
        let tick = Batch::part(History {
            habits: vec![sleep.clone()],
            ticks: vec![Tick {
                habit: sleep.id,
                day,
                amount: None,
            }],
            ..History::default()
        });
        let mut walk = sleep.clone();
        walk.id = HabitId(50);
        walk.name = "Walk".into();
        walk.since = day;
        let habit = Batch::part(History {
            habits: vec![walk],
            ..History::default()
        });
        for batch in [tick, habit] {
            let err = db.import(&batch, false).unwrap_err().to_string();
            assert!(
                err.contains("outside the range") && err.contains(&day.to_string()),
                "{day}: {err}"
            );
            assert_eq!(db.export(now()).unwrap(), before, "{day}");
        }
    }
}

use crate::cases::cases;

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

#[test]
fn earlier_reflections_come_through_an_export_once() {
    let mut db = filled(1, 3);
    let id = db
        .intentions()
        .unwrap()
        .into_iter()
        .find(|i| i.reflection.is_some())
        .expect("the demo reflects on some intentions")
        .id;
    db.set_reflection(id, "written anew", now()).unwrap();
    let (before, mut other) = round_trip(&db);
    let kept = |db: &Db| {
        db.intentions()
            .unwrap()
            .into_iter()
            .find(|i| i.reflection.as_deref() == Some("written anew"))
            .unwrap()
            .earlier_reflections
    };
    assert_eq!(kept(&db).len(), 1);
    assert_eq!(kept(&other), kept(&db));
    assert_eq!(other.export(now()).unwrap(), before);
    // Brought in again, the history does not grow.
    other.import(&Batch::from(before.clone()), false).unwrap();
    assert_eq!(kept(&other).len(), 1);
}

/// Entries from another tool's local times (`Batch::local_times`), read
/// in a zone `east` hours ahead of UTC.
fn local_batch(east: i32, rows: &[(&str, &str)]) -> Batch {
    let zone = chrono::FixedOffset::east_opt(east * 3600).unwrap();
    let journal = rows
        .iter()
        .enumerate()
        .map(|(i, (local, body))| {
            let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
            let at = zone
                .from_local_datetime(&naive)
                .unwrap()
                .with_timezone(&Utc);
            JournalEntry {
                id: JournalId(-(i as i64) - 1),
                written_at: at,
                updated_at: at,
                body: body.to_string(),
                mood: None,
                session: None,
            }
        })
        .collect();
    Batch {
        history: History {
            journal,
            ..History::default()
        },
        local_times: true,
        ..Batch::default()
    }
}

/// The same Daylio or jrnl file brought in under another zone gives other
/// instants; it used to add every entry again. Entries alike in words but
/// not in time stay each their own, and only what is new comes in.
#[test]
fn entries_from_local_times_are_recognised_in_any_zone() {
    let rows = [
        ("2026-03-02 09:00", "Mood: meh · Activities: work"),
        ("2026-03-02 20:00", "Mood: meh · Activities: work"),
        ("2026-03-03 10:00", "Slept well."),
        ("2026-03-03 10:00", "Slept well."),
        ("2026-03-04 10:00", "Mood: meh · Activities: work"),
    ];
    let mut db = fresh();
    let first = db.import(&local_batch(1, &rows), false).unwrap();
    // The row the file holds twice is one entry.
    assert_eq!((first.added.journal, first.already_there.journal), (4, 1));
    let held = db.export(now()).unwrap().history.journal;
    for east in [1, -5, 14, -12, 0] {
        let again = db.import(&local_batch(east, &rows), false).unwrap();
        assert_eq!(again.added, Kinds::default(), "UTC{east:+}");
        assert_eq!(again.already_there.journal, 5, "UTC{east:+}");
    }
    assert_eq!(db.export(now()).unwrap().journal, held);

    // Grown by a row with the same words, eleven hours after another, and
    // brought in from another zone: that row only comes in.
    let mut grown = rows.to_vec();
    grown.push(("2026-03-03 07:00", "Mood: meh · Activities: work"));
    let counts = db.import(&local_batch(-5, &grown), false).unwrap();
    assert_eq!((counts.added.journal, counts.already_there.journal), (1, 5));
    let journal = db.export(now()).unwrap().history.journal;
    assert_eq!(journal.len(), 5);
    assert!(journal.iter().any(|e| e.written_at
        == Utc.with_ymd_and_hms(2026, 3, 3, 12, 0, 0).unwrap()
        && e.body.starts_with("Mood: meh")));

    // Afterglow's own records carry instants, not local times: one an
    // hour away is another entry.
    let mut moved = local_batch(2, &rows[2..3]);
    moved.local_times = false;
    assert_eq!(db.import(&moved, true).unwrap().added.journal, 1);
    // And words alike more than 26 hours apart are two entries.
    let far = local_batch(1, &[("2026-03-06 10:00", "Slept well.")]);
    assert_eq!(db.import(&far, true).unwrap().added.journal, 1);
}
