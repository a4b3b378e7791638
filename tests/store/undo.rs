//! Undo: a delete answers what it took away, and `Db::put_back` writes it
//! back so that every table holds exactly what it held before.

use std::collections::BTreeMap;
use std::path::Path;

use afterglow::domain::removed::Removed;
use afterglow::domain::{HabitId, IntentionId, JournalId, SessionId, SessionStatus, TherapyId};
use afterglow::store::{Db, Draft, NewCheckIn, NewEntry, NewResult};
use afterglow::usecase;

use super::{WIDE, at, day, mood, new_session, raw, temp};

/// Every row of every table in the file, as text, table by table: two
/// dumps are equal when the file holds the same records under the same ids.
fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = raw(path);
    let mut names = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    let tables: Vec<String> = names
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // The search index's own tables hold its segments, which a delete and
    // an insert lay out anew: what it finds is compared instead, by the
    // index's integrity check (every row of `journal` indexed as it reads
    // now) and by its one row per entry in `journal_fts`.
    conn.execute(
        "INSERT INTO journal_fts(journal_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    let mut out = BTreeMap::new();
    for table in tables
        .into_iter()
        .filter(|t| !t.starts_with("journal_fts_"))
    {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join(" | "))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.insert(table, rows);
    }
    out
}

fn entry(hour: u32, body: &str, session: Option<SessionId>) -> NewEntry {
    NewEntry {
        written_at: at(2, hour),
        body: body.into(),
        mood: mood(6),
        session,
    }
}

/// A file holding what a delete can touch: a session with ticks and a
/// therapy visit around it (its plan's items are derived from those),
/// its intention reflected on twice (so one earlier reflection), two
/// journal entries linked to it, one of them open in a draft; a second
/// session whose intention is not reflected on yet, and an intention
/// waiting for the next session, so that deleting the second session
/// makes its intention wait and marks the older of the two replaced; and a
/// check-in and a questionnaire result, which no delete touches.
struct Scene {
    first: SessionId,
    second: SessionId,
    planned: SessionId,
    reflected: IntentionId,
    linked: JournalId,
    visit: TherapyId,
    habit: HabitId,
}

fn scene(path: &Path) -> Scene {
    let mut db = Db::open(path).unwrap();
    db.ensure_defaults(day(1)).unwrap();
    let habit = db.habit_by_name("Sleep").unwrap().unwrap().id;
    db.set_tick(habit, day(2), Some(7.5)).unwrap();
    db.set_tick(habit, day(3), Some(8.0)).unwrap();
    let first = db
        .add_session(&new_session(at(2, 9), SessionStatus::Done))
        .unwrap()
        .id;
    let reflected = db
        .set_intention(Some(first), "listen 🌱", at(2, 8))
        .unwrap()
        .id;
    db.set_reflection(reflected, "I did, a little", at(3, 8))
        .unwrap();
    db.set_reflection(reflected, WIDE, at(4, 8)).unwrap();
    let linked = db.add_entry(&entry(12, WIDE, Some(first))).unwrap().id;
    db.add_entry(&entry(15, "second thoughts", Some(first)))
        .unwrap();
    db.add_entry(&entry(16, "not linked", None)).unwrap();
    db.keep_draft(
        None,
        &Draft {
            editing: Some(linked),
            body: "rewriting it".into(),
            mood: mood(4),
            cursor: 3,
            saved_at: at(5, 9),
        },
    )
    .unwrap();
    let visit = db
        .add_therapy(at(3, 10), Some("talked it through"))
        .unwrap()
        .id;
    let second = db
        .add_session(&new_session(at(10, 9), SessionStatus::Done))
        .unwrap()
        .id;
    db.set_intention(Some(second), "be gentle", at(10, 8))
        .unwrap();
    // Set first, it becomes the planned session's own.
    db.set_intention(None, "for the planned one", at(11, 8))
        .unwrap();
    let planned = db
        .plan_session(&new_session(at(20, 9), SessionStatus::Planned), at(12, 9))
        .unwrap()
        .id;
    db.set_intention(None, "waiting for the next one", at(12, 10))
        .unwrap();
    // A check-in and a questionnaire result in the session's window: no
    // delete or undo of anything else may touch them (every table is
    // compared, theirs too).
    db.add_checkin(&NewCheckIn {
        at: at(3, 8),
        mood: mood(3).unwrap(),
        anxiety: None,
        energy: None,
        note: Some(WIDE),
    })
    .unwrap();
    db.add_result(&NewResult {
        key: "reflection",
        name: "afterglow's weekly reflection",
        version: "v1hash",
        at: at(4, 20),
        answers: &[1, 2],
        total: 3,
        band: None,
    })
    .unwrap();
    Scene {
        first,
        second,
        planned,
        reflected,
        linked,
        visit,
        habit,
    }
}

/// Deletes through `delete`, checks that something changed, puts it back
/// and checks that every table is as it was.
fn round_trip(path: &Path, delete: impl FnOnce(&mut Db) -> Removed) -> Removed {
    let before = dump(path);
    let mut db = Db::open(path).unwrap();
    let removed = delete(&mut db);
    assert_ne!(dump(path), before, "the delete changed nothing");
    db.put_back(&removed).unwrap();
    assert_eq!(dump(path), before);
    removed
}

/// The comparison covers the tables of migration 8 with rows in them, so
/// a delete or an undo that touched a check-in or a result would show.
#[test]
fn the_scene_holds_a_row_in_every_table_of_migration_8() {
    let (_dir, path) = temp();
    scene(&path);
    let tables = dump(&path);
    assert_eq!(tables["checkins"].len(), 1);
    assert_eq!(tables["questionnaire_results"].len(), 1);
}

#[test]
fn a_session_goes_back_with_its_intention_reflections_and_entries() {
    let (_dir, path) = temp();
    let s = scene(&path);
    let removed = round_trip(&path, |db| usecase::session::delete(db, s.first).unwrap());
    let Removed::Session(r) = removed else {
        panic!("{removed:?}")
    };
    assert_eq!(r.entries.len(), 2);
    assert_eq!(r.intentions.len(), 1);
    assert_eq!(r.intentions[0].id, s.reflected);
    let db = Db::open(&path).unwrap();
    let i = db.intentions().unwrap();
    let back = i.iter().find(|i| i.id == s.reflected).unwrap();
    assert_eq!(back.session, Some(s.first));
    assert_eq!(back.earlier_reflections.len(), 1);
}

#[test]
fn a_session_whose_intention_was_replaced_while_waiting_takes_it_back_unreplaced() {
    let (_dir, path) = temp();
    let s = scene(&path);
    let removed = round_trip(&path, |db| usecase::session::delete(db, s.second).unwrap());
    let Removed::Session(r) = removed else {
        panic!("{removed:?}")
    };
    // Its own intention waited, and, older than the one already waiting,
    // was marked replaced by it; both are undone.
    assert_eq!(r.intentions.len(), 1, "{r:?}");
    assert!(r.intentions[0].replaced_after.is_some(), "{r:?}");
}

#[test]
fn a_dropped_plan_goes_back_with_the_intention_it_held() {
    let (_dir, path) = temp();
    let s = scene(&path);
    round_trip(&path, |db| {
        usecase::session::drop_plan(db, s.planned).unwrap()
    });
}

#[test]
fn an_entry_goes_back_with_its_session_link_and_the_draft_editing_it() {
    let (_dir, path) = temp();
    let s = scene(&path);
    round_trip(&path, |db| usecase::journal::delete(db, s.linked).unwrap());
}

#[test]
fn an_intention_goes_back_with_its_earlier_reflections() {
    let (_dir, path) = temp();
    let s = scene(&path);
    round_trip(&path, |db| {
        usecase::intention::delete(db, s.reflected).unwrap()
    });
}

#[test]
fn a_therapy_visit_goes_back() {
    let (_dir, path) = temp();
    let s = scene(&path);
    round_trip(&path, |db| usecase::therapy::delete(db, s.visit).unwrap());
}

#[test]
fn an_archived_habit_shows_again() {
    let (_dir, path) = temp();
    let s = scene(&path);
    round_trip(&path, |db| usecase::habit::archive(db, s.habit).unwrap());
}

#[test]
fn a_taken_id_gives_a_new_one_and_everything_follows_it() {
    let (_dir, path) = temp();
    let s = scene(&path);
    let mut db = Db::open(&path).unwrap();
    // The newest entry's id is given to the next one written.
    let newest = db.entries(1).unwrap()[0].id;
    let removed = usecase::journal::delete(&mut db, newest).unwrap();
    let newcomer = db.add_entry(&entry(18, "written meanwhile", None)).unwrap();
    assert_eq!(newcomer.id, newest);
    db.put_back(&removed).unwrap();
    let entries = db.entries(10).unwrap();
    assert_eq!(entries.len(), 4);
    let back = entries.iter().find(|e| e.body == "not linked").unwrap();
    assert_ne!(back.id, newest);
    assert_eq!(db.entry(newest).unwrap().unwrap().body, "written meanwhile");

    // A session logged meanwhile took the planned one's id; the plan goes
    // back under a new id, and the intention it held goes with it.
    let held = db
        .intentions()
        .unwrap()
        .into_iter()
        .find(|i| i.session == Some(s.planned))
        .unwrap();
    let removed = usecase::session::delete(&mut db, s.planned).unwrap();
    let meanwhile = db
        .add_session(&new_session(at(1, 9), SessionStatus::Done))
        .unwrap();
    assert_eq!(meanwhile.id, s.planned);
    db.put_back(&removed).unwrap();
    let plans: Vec<_> = db
        .sessions()
        .unwrap()
        .into_iter()
        .filter(|x| x.status == SessionStatus::Planned)
        .collect();
    assert_eq!(plans.len(), 1);
    assert_ne!(plans[0].id, s.planned);
    let i = db.intentions().unwrap();
    let held = i.iter().find(|i| i.id == held.id).unwrap();
    assert_eq!(held.session, Some(plans[0].id));
    assert!(!held.is_replaced());
    assert!(i.iter().all(|i| i.session != Some(meanwhile.id)));
}

#[test]
fn a_change_made_since_the_delete_wins() {
    let (_dir, path) = temp();
    let s = scene(&path);
    let mut db = Db::open(&path).unwrap();
    let removed = usecase::session::delete(&mut db, s.second).unwrap();
    // Another window sets a new waiting intention: the one the deleted
    // session held, waiting now, is replaced by it.
    db.set_intention(None, "a newer one", at(12, 8)).unwrap();
    db.put_back(&removed).unwrap();
    let i = db.intentions().unwrap();
    let waiting: Vec<_> = i
        .iter()
        .filter(|i| i.session.is_none() && i.reflection.is_none() && !i.is_replaced())
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].text, "a newer one");
    // The session is back and holds at most one intention.
    let held = i
        .iter()
        .filter(|i| i.session == Some(s.second) && !i.is_replaced())
        .count();
    assert!(held <= 1);
    assert!(db.session(s.second).unwrap().is_some());
}
