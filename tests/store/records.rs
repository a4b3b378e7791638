//! Sessions, intentions, the journal and the draft.

use afterglow::domain::intention;
use afterglow::domain::{
    DomainError, IntentionId, JournalId, SessionId, SessionKind, SessionStatus,
};
use afterglow::store::{Db, Draft, NewEntry, StoreError};
use chrono::{DateTime, Utc};

use super::{WIDE, at, mood, new_session, raw, temp};

fn entry(written_at: DateTime<Utc>, body: &str, session: Option<SessionId>) -> NewEntry {
    NewEntry {
        written_at,
        body: body.into(),
        mood: mood(7),
        session,
    }
}

fn not_found(err: StoreError) -> &'static str {
    match err {
        StoreError::NotFound { what, .. } => what,
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn sessions_round_trip_in_time_order() {
    let mut db = Db::open_in_memory().unwrap();
    let later = db
        .add_session(&new_session(at(5, 9), SessionStatus::Planned))
        .unwrap();
    let mut first = new_session(at(2, 9), SessionStatus::Done);
    first.kind = SessionKind::NasalSpray;
    first.note = Some(WIDE.into());
    first.dose_mg = None;
    let first = db.add_session(&first).unwrap();
    assert_eq!(first.note.as_deref(), Some(WIDE));
    assert_eq!(first.kind, SessionKind::NasalSpray);
    assert_eq!(db.sessions().unwrap(), vec![first.clone(), later.clone()]);
    assert_eq!(db.session(first.id).unwrap(), Some(first));
    assert_eq!(db.session(SessionId(999)).unwrap(), None);
}

#[test]
fn times_are_kept_to_the_second_and_handed_back_as_stored() {
    let mut db = Db::open_in_memory().unwrap();
    let precise = at(2, 9) + chrono::TimeDelta::milliseconds(750);
    let s = db
        .add_session(&new_session(precise, SessionStatus::Done))
        .unwrap();
    assert_eq!(s.at, at(2, 9));
    assert_eq!(db.sessions().unwrap(), vec![s]);
}

#[test]
fn sessions_update_and_refuse_bad_doses() {
    let mut db = Db::open_in_memory().unwrap();
    let mut s = db
        .add_session(&new_session(at(2, 9), SessionStatus::Planned))
        .unwrap();
    s.dose_mg = Some(50.0);
    s.note = Some("moved to the afternoon".into());
    s.at = at(2, 15);
    db.update_session(&s).unwrap();
    assert_eq!(db.session(s.id).unwrap(), Some(s.clone()));

    let mut bad = new_session(at(3, 9), SessionStatus::Done);
    bad.dose_mg = Some(-5.0);
    let err = db.add_session(&bad).unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(DomainError::BadDose(_))),
        "{err:?}"
    );

    db.delete_session(s.id).unwrap();
    assert_eq!(not_found(db.update_session(&s).unwrap_err()), "session");
    assert_eq!(not_found(db.delete_session(s.id).unwrap_err()), "session");
}

#[test]
fn logging_a_done_session_takes_the_waiting_intention() {
    let mut db = Db::open_in_memory().unwrap();
    let waiting = db
        .set_intention(None, "be gentle with myself", at(1, 20))
        .unwrap();
    assert_eq!(waiting.session, None);

    let planned = db
        .add_session(&new_session(at(3, 9), SessionStatus::Planned))
        .unwrap();
    assert_eq!(
        db.intentions().unwrap()[0].session,
        None,
        "planned does not take it"
    );

    let done = db
        .add_session(&new_session(at(2, 9), SessionStatus::Done))
        .unwrap();
    assert_eq!(db.intentions().unwrap()[0].session, Some(done.id));

    // Confirming a planned session takes the next waiting one.
    db.set_intention(None, "notice the light", at(2, 20))
        .unwrap();
    let mut confirmed = planned.clone();
    confirmed.status = SessionStatus::Done;
    db.update_session(&confirmed).unwrap();
    let now = db.intentions().unwrap();
    assert_eq!(now[0].text, "notice the light");
    assert_eq!(now[0].session, Some(planned.id));

    // Editing an already-done session leaves a new waiting intention alone.
    db.set_intention(None, "rest", at(3, 20)).unwrap();
    confirmed.note = Some("edited".into());
    db.update_session(&confirmed).unwrap();
    assert_eq!(db.intentions().unwrap()[0].session, None);
}

#[test]
fn backfilling_a_session_leaves_a_newer_intention_waiting() {
    let mut db = Db::open_in_memory().unwrap();
    let thursday = db
        .set_intention(None, "For Thursday: be gentle", at(14, 20))
        .unwrap();
    let waiting = |db: &Db| db.intentions().unwrap()[0].session;

    // Logged today, but it happened 13 days before the intention was written.
    db.add_session(&new_session(at(1, 20), SessionStatus::Done))
        .unwrap();
    assert_eq!(waiting(&db), None, "a backfilled session does not take it");
    // One second before still counts as before.
    db.add_session(&new_session(
        at(14, 20) - chrono::TimeDelta::seconds(1),
        SessionStatus::Done,
    ))
    .unwrap();
    assert_eq!(waiting(&db), None);

    // Confirming a plan whose time is moved back before the intention does
    // not take it either.
    let mut planned = db
        .add_session(&new_session(at(20, 9), SessionStatus::Planned))
        .unwrap();
    planned.status = SessionStatus::Done;
    planned.at = at(10, 9);
    db.update_session(&planned).unwrap();
    assert_eq!(waiting(&db), None);

    // A session logged at the very moment the intention was set takes it
    // ("log now" right after writing it, within the same second).
    let now = db
        .add_session(&new_session(
            at(14, 20) + chrono::TimeDelta::milliseconds(400),
            SessionStatus::Done,
        ))
        .unwrap();
    let list = db.intentions().unwrap();
    assert_eq!((list[0].id, list[0].session), (thursday.id, Some(now.id)));

    // And a session after the intention, through update_session.
    db.set_intention(None, "stay curious", at(15, 8)).unwrap();
    let mut confirmed = db
        .add_session(&new_session(at(21, 9), SessionStatus::Planned))
        .unwrap();
    confirmed.status = SessionStatus::Done;
    confirmed.at = at(16, 9);
    db.update_session(&confirmed).unwrap();
    let list = db.intentions().unwrap();
    assert_eq!(list[0].text, "stay curious");
    assert_eq!(list[0].session, Some(confirmed.id));
    assert_eq!(list[1].session, Some(now.id), "the first one stays put");
}

#[test]
fn deleting_a_session_keeps_its_entries_and_intentions() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let s = db
        .add_session(&new_session(at(2, 9), SessionStatus::Done))
        .unwrap();
    let i = db.set_intention(Some(s.id), "listen", at(2, 8)).unwrap();
    db.set_reflection(i.id, "I did", at(3, 8)).unwrap();
    let e = db.add_entry(&entry(at(2, 12), WIDE, Some(s.id))).unwrap();

    db.delete_session(s.id).unwrap();
    let entries = db.entries(10).unwrap();
    assert_eq!((entries[0].id, entries[0].session), (e.id, None));
    let intentions = db.intentions().unwrap();
    assert_eq!((intentions[0].id, intentions[0].session), (i.id, None));

    // Its reflected intention is not "waiting": the next session keeps clear.
    let next = db
        .add_session(&new_session(at(9, 9), SessionStatus::Done))
        .unwrap();
    assert_ne!(db.intentions().unwrap()[0].session, Some(next.id));
}

#[test]
fn a_second_intention_replaces_the_first_and_keeps_its_words() {
    let mut db = Db::open_in_memory().unwrap();
    let first = db.set_intention(None, "first words", at(1, 9)).unwrap();
    let again = db.set_intention(None, WIDE, at(1, 10)).unwrap();
    assert_ne!(again.id, first.id);
    let list = db.intentions().unwrap();
    let old = list.iter().find(|i| i.id == first.id).unwrap();
    assert_eq!(old.text, "first words");
    assert_eq!(old.replaced_at, Some(at(1, 10)));
    assert_eq!(intention::waiting(&list).unwrap().text, WIDE);

    let s = db
        .add_session(&new_session(at(5, 9), SessionStatus::Planned))
        .unwrap();
    let a = db.set_intention(Some(s.id), "a", at(2, 9)).unwrap();
    let b = db.set_intention(Some(s.id), "b", at(2, 10)).unwrap();
    assert_ne!(a.id, b.id);
    let list = db.intentions().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(intention::of_session(&list, s.id).unwrap().text, "b");

    // Logging a session takes the waiting intention, one only.
    let done = db
        .add_session(&new_session(at(3, 9), SessionStatus::Done))
        .unwrap();
    let list = db.intentions().unwrap();
    assert_eq!(intention::of_session(&list, done.id).unwrap().text, WIDE);
    assert_eq!(
        list.iter().filter(|i| i.session == Some(done.id)).count(),
        1
    );

    let err = db
        .set_intention(Some(SessionId(77)), "x", at(2, 9))
        .unwrap_err();
    assert_eq!(not_found(err), "session");
}

#[test]
fn intentions_edit_reflect_delete_and_list_newest_first() {
    let mut db = Db::open_in_memory().unwrap();
    let old = db.set_intention(None, "old", at(1, 9)).unwrap();
    let s = db
        .add_session(&new_session(at(5, 9), SessionStatus::Planned))
        .unwrap();
    let new = db.set_intention(Some(s.id), "new", at(2, 9)).unwrap();

    db.update_intention(old.id, WIDE).unwrap();
    db.set_reflection(new.id, "it went well 🌿", at(6, 9))
        .unwrap();
    let list = db.intentions().unwrap();
    assert_eq!(
        list.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![new.id, old.id]
    );
    assert_eq!(list[0].reflection.as_deref(), Some("it went well 🌿"));
    assert_eq!(list[0].reflected_at, Some(at(6, 9)));
    assert_eq!(list[1].text, WIDE);

    db.delete_intention(old.id).unwrap();
    assert_eq!(db.intentions().unwrap().len(), 1);
    let gone = IntentionId(old.id.0);
    assert_eq!(
        not_found(db.update_intention(gone, "x").unwrap_err()),
        "intention"
    );
    assert_eq!(
        not_found(db.set_reflection(gone, "x", at(1, 1)).unwrap_err()),
        "intention"
    );
    assert_eq!(
        not_found(db.delete_intention(gone).unwrap_err()),
        "intention"
    );
}

#[test]
fn journal_round_trip_update_delete_and_counts() {
    let mut db = Db::open_in_memory().unwrap();
    let a = db.add_entry(&entry(at(1, 9), WIDE, None)).unwrap();
    assert_eq!(
        (a.body.as_str(), a.mood, a.updated_at),
        (WIDE, mood(7), at(1, 9))
    );
    let b = db.add_entry(&entry(at(3, 9), "b", None)).unwrap();
    let c = db.add_entry(&entry(at(2, 9), "c", None)).unwrap();

    let ids =
        |v: Vec<afterglow::domain::JournalEntry>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(ids(db.entries(10).unwrap()), vec![b.id, c.id, a.id]);
    assert_eq!(ids(db.entries(2).unwrap()), vec![b.id, c.id]);
    assert_eq!(db.entry_count().unwrap(), 3);
    // Inclusive at the boundary, oldest first.
    assert_eq!(
        db.entry_times_since(at(2, 9)).unwrap(),
        vec![at(2, 9), at(3, 9)]
    );

    db.update_entry(a.id, "rewritten 🌱", None, at(4, 9))
        .unwrap();
    let a2 = db.entries(10).unwrap().pop().unwrap();
    assert_eq!((a2.body.as_str(), a2.mood), ("rewritten 🌱", None));
    assert_eq!((a2.written_at, a2.updated_at), (at(1, 9), at(4, 9)));

    db.delete_entry(c.id).unwrap();
    assert_eq!(db.entry_count().unwrap(), 2);
    assert_eq!(
        not_found(db.delete_entry(c.id).unwrap_err()),
        "journal entry"
    );
    let err = db.update_entry(c.id, "x", None, at(4, 9)).unwrap_err();
    assert_eq!(not_found(err), "journal entry");
    let err = db
        .add_entry(&entry(at(1, 9), "x", Some(SessionId(5))))
        .unwrap_err();
    assert_eq!(not_found(err), "session");
}

#[test]
fn check_constraints_refuse_what_the_domain_refuses() {
    let (_dir, path) = temp();
    drop(Db::open(&path).unwrap());
    let conn = raw(&path);
    let refused = |sql: &str| {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(
            err.to_string().contains("CHECK constraint failed"),
            "{sql}: {err}"
        );
    };
    refused("INSERT INTO journal (written_at, updated_at, body, mood) VALUES (0, 0, 'x', 11)");
    refused("INSERT INTO journal (written_at, updated_at, body, mood) VALUES (0, 0, 'x', 0)");
    refused("INSERT INTO sessions (at, kind, status) VALUES (0, 'pill', 'done')");
    refused("INSERT INTO sessions (at, kind, status) VALUES (0, 'other', 'maybe')");
    refused(
        "INSERT INTO habits (name, kind, role, since, position) VALUES ('x', 'yes-no', 'custom', '2026-02-30', 0)",
    );
    // Since migration 4 a draft per editor, any slot; but never revision 0.
    refused("INSERT INTO drafts (body, cursor, saved_at, revision) VALUES ('', 0, 0, 0)");
    refused("INSERT INTO drafts (body, cursor, saved_at) VALUES ('', -1, 0)");
}

#[test]
fn a_stored_row_the_domain_rejects_is_a_domain_error() {
    let (_dir, path) = temp();
    let db = Db::open(&path).unwrap();
    let conn = raw(&path);
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO journal (written_at, updated_at, body, mood) VALUES (0, 0, 'x', 42);",
    )
    .unwrap();
    let err = db.entries(10).unwrap_err();
    // Named for a person, with the domain's reason kept underneath.
    assert_eq!(
        err.to_string(),
        "journal entry 1 cannot be read: mood must be a whole number from 1 to 10, not 42"
    );
    let StoreError::BadRow(bad) = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(
            bad.cause(),
            StoreError::Domain(DomainError::MoodOutOfRange(42))
        ),
        "{err:?}"
    );
}

fn draft(body: &str, cursor: usize, editing: Option<JournalId>) -> Draft {
    Draft {
        editing,
        body: body.into(),
        mood: mood(4),
        cursor,
        saved_at: at(4, 21),
    }
}

#[test]
fn the_single_writer_draft_saves_and_replaces_the_oldest() {
    let mut db = Db::open_in_memory().unwrap();
    assert_eq!(db.draft().unwrap(), None);
    let d = draft(WIDE, WIDE.len(), None);
    db.save_draft(&d).unwrap();
    assert_eq!(db.draft().unwrap(), Some(d));
    let d2 = draft("second 🌱 try", 3, None);
    db.save_draft(&d2).unwrap();
    assert_eq!(db.draft().unwrap(), Some(d2));
    let [kept] = db.drafts().unwrap().try_into().unwrap();
    assert!(db.drop_draft(kept.key).unwrap());
    assert_eq!(db.draft().unwrap(), None);
}

/// Issue 10, point 1, in the store: two editors go on with one kept
/// draft. The first save moves the revision on; the second editor's save
/// then finds the row changed and keeps its words apart, so neither
/// writes over words it has not seen.
#[test]
fn a_second_editor_never_writes_over_a_draft_it_did_not_load() {
    let mut db = Db::open_in_memory().unwrap();
    let first = db.keep_draft(None, &draft("shared", 6, None)).unwrap();
    assert_eq!((first.key.revision, first.apart), (1, false));
    // Both editors loaded revision 1.
    let a = db
        .keep_draft(Some(first.key), &draft("shared alpha", 12, None))
        .unwrap();
    assert_eq!(
        (a.key.slot, a.key.revision, a.apart),
        (first.key.slot, 2, false)
    );
    let b = db
        .keep_draft(Some(first.key), &draft("shared beta", 11, None))
        .unwrap();
    assert!(b.apart && b.key.slot != first.key.slot, "{b:?}");
    // Each goes on with its own row from here.
    let a = db
        .keep_draft(Some(a.key), &draft("shared alpha more", 0, None))
        .unwrap();
    let b = db
        .keep_draft(Some(b.key), &draft("shared beta more", 0, None))
        .unwrap();
    assert!(!a.apart && !b.apart);
    let bodies: Vec<String> = db
        .drafts()
        .unwrap()
        .into_iter()
        .map(|s| s.draft.body)
        .collect();
    assert_eq!(bodies, ["shared alpha more", "shared beta more"]);

    // A draft saved as an entry (or thrown away) by the other editor is
    // gone: the words of the one still typing go to a new draft, never to
    // a number given out again.
    db.commit_draft(
        &draft("shared alpha more", 0, None),
        Some(a.key),
        None,
        at(4, 22),
    )
    .unwrap();
    let c = db.keep_draft(None, &draft("a third", 0, None)).unwrap();
    assert!(c.key.slot > b.key.slot);
    let again = db
        .keep_draft(Some(a.key), &draft("alpha, later", 0, None))
        .unwrap();
    assert!(again.apart && again.key.slot > c.key.slot, "{again:?}");
    assert_eq!(db.drafts().unwrap().len(), 3);
}

#[test]
fn an_edit_kept_apart_becomes_a_new_entry() {
    let mut db = Db::open_in_memory().unwrap();
    let e = db.add_entry(&entry(at(1, 9), "old", None)).unwrap();
    let held = db
        .keep_draft(None, &draft("old, edited", 0, Some(e.id)))
        .unwrap();
    db.keep_draft(Some(held.key), &draft("old, edited here", 0, Some(e.id)))
        .unwrap();
    // The other editor's version of the same entry.
    let apart = db
        .keep_draft(Some(held.key), &draft("old, edited there", 0, Some(e.id)))
        .unwrap();
    assert!(apart.apart);
    let drafts = db.drafts().unwrap();
    assert_eq!(drafts[0].draft.editing, Some(e.id));
    assert_eq!(
        (drafts[1].draft.editing, drafts[1].draft.body.as_str()),
        (None, "old, edited there")
    );
}

#[test]
fn throwing_away_and_saving_leave_another_editors_words() {
    let mut db = Db::open_in_memory().unwrap();
    let held = db.keep_draft(None, &draft("mine", 0, None)).unwrap().key;
    // Another editor on the same draft changes it.
    db.keep_draft(Some(held), &draft("mine and theirs", 0, None))
        .unwrap();
    assert!(
        !db.drop_draft(held).unwrap(),
        "their words were thrown away"
    );
    db.commit_draft(&draft("mine", 0, None), Some(held), None, at(4, 22))
        .unwrap();
    assert_eq!(db.entries(10).unwrap()[0].body, "mine");
    assert_eq!(db.draft().unwrap().unwrap().body, "mine and theirs");
}

/// While another connection holds the write lock, a draft write that may
/// wait only briefly gives up with an error that says so, and writes
/// nothing; once the lock is free it goes through.
#[test]
fn a_draft_write_waits_only_as_long_as_it_is_told() {
    use std::time::Duration;
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let holder = raw(&path);
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let d = draft("typed while locked", 0, None);
    let wait = Duration::from_millis(1);
    let err = db.keep_draft_within(None, &d, wait).unwrap_err();
    assert!(err.lock_was_held(), "{err:?}");
    let err = db
        .commit_draft_within(&d, None, None, at(4, 22), at(4, 22), wait)
        .unwrap_err();
    assert!(err.lock_was_held(), "{err:?}");
    holder.execute_batch("COMMIT").unwrap();
    assert_eq!(db.draft().unwrap(), None);
    let kept = db.keep_draft_within(None, &d, wait).unwrap();
    // Words already kept as they are need no lock to be confirmed, and
    // their revision stays for any other editor that loaded it.
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let again = db.keep_draft_within(Some(kept.key), &d, wait).unwrap();
    assert_eq!((again.key, again.apart), (kept.key, false));
    holder.execute_batch("COMMIT").unwrap();
    assert!(db.drop_draft_within(kept.key, wait).unwrap());
    // The usual busy timeout is back for every other write.
    assert_eq!(db.pragma("busy_timeout").unwrap(), "5000");
}

/// Migration 4 carries the one draft an older afterglow kept over as the
/// first of the new ones.
#[test]
fn migration_4_keeps_the_draft_of_the_one_slot() {
    use afterglow::store::APPLICATION_ID;
    use afterglow::store::migrations::migrate_to;
    let (_dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 3).unwrap();
    conn.execute_batch(
        "INSERT INTO journal (id, written_at, updated_at, body) VALUES (5, 100, 100, 'old');
         INSERT INTO drafts (slot, editing, body, mood, cursor, saved_at)
             VALUES (1, 5, '今日は 🌱 half a thought', 4, 3, 1772442000);",
    )
    .unwrap();
    drop(conn);
    let mut db = Db::open(&path).unwrap();
    let [kept] = db.drafts().unwrap().try_into().unwrap();
    assert_eq!((kept.key.slot, kept.key.revision), (1, 1));
    assert_eq!(
        kept.draft,
        Draft {
            editing: Some(JournalId(5)),
            body: "今日は 🌱 half a thought".into(),
            mood: mood(4),
            cursor: 3,
            saved_at: chrono::DateTime::from_timestamp(1772442000, 0).unwrap(),
        }
    );
    // The editor that opens it goes on with it, and a second draft gets a
    // number of its own.
    let next = db
        .keep_draft(Some(kept.key), &draft("more", 0, None))
        .unwrap();
    assert_eq!(
        (next.key.slot, next.key.revision, next.apart),
        (1, 2, false)
    );
    let other = db.keep_draft(None, &draft("another", 0, None)).unwrap();
    assert_eq!(other.key.slot, 2);
}

#[test]
fn a_draft_cursor_always_lands_between_characters() {
    let mut db = Db::open_in_memory().unwrap();
    // Byte 1 is inside "今"; 999 is past the end.
    for (cursor, want) in [(1, 0), (4, 3), (999, WIDE.len())] {
        db.save_draft(&draft(WIDE, cursor, None)).unwrap();
        assert_eq!(db.draft().unwrap().unwrap().cursor, want, "{cursor}");
    }
}

#[test]
fn a_draft_outlives_the_entry_it_was_editing() {
    let mut db = Db::open_in_memory().unwrap();
    let e = db.add_entry(&entry(at(1, 9), "old", None)).unwrap();
    db.save_draft(&draft("new words", 0, Some(e.id))).unwrap();
    db.delete_entry(e.id).unwrap();
    let kept = db.draft().unwrap().unwrap();
    assert_eq!((kept.editing, kept.body.as_str()), (None, "new words"));
    // Saving a draft for an entry that is already gone keeps it too.
    db.save_draft(&draft("more", 0, Some(e.id))).unwrap();
    assert_eq!(db.draft().unwrap().unwrap().editing, None);
}

#[test]
fn committing_a_draft_writes_the_entry_and_removes_the_draft() {
    let mut db = Db::open_in_memory().unwrap();
    let s = db
        .add_session(&new_session(at(4, 9), SessionStatus::Done))
        .unwrap();
    let d = draft(WIDE, 0, None);
    db.save_draft(&d).unwrap();
    let held = db.drafts().unwrap()[0].key;
    let e = db
        .commit_draft(&d, Some(held), Some(s.id), at(4, 22))
        .unwrap();
    assert_eq!(
        (e.body.as_str(), e.mood, e.session),
        (WIDE, mood(4), Some(s.id))
    );
    assert_eq!((e.written_at, e.updated_at), (at(4, 22), at(4, 22)));
    assert_eq!(db.draft().unwrap(), None);

    let edit = draft("edited", 0, Some(e.id));
    db.save_draft(&edit).unwrap();
    let held = db.drafts().unwrap()[0].key;
    let e2 = db.commit_draft(&edit, Some(held), None, at(5, 8)).unwrap();
    assert_eq!(
        (e2.id, e2.body.as_str(), e2.session),
        (e.id, "edited", Some(s.id))
    );
    assert_eq!((e2.written_at, e2.updated_at), (at(4, 22), at(5, 8)));
    assert_eq!((db.entry_count().unwrap(), db.draft().unwrap()), (1, None));
}

#[test]
fn committing_a_draft_is_all_or_nothing() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let d = draft(WIDE, 0, None);
    db.save_draft(&d).unwrap();
    // Make clearing the slot fail after the entry was inserted.
    raw(&path)
        .execute_batch(
            "CREATE TRIGGER keep_draft BEFORE DELETE ON drafts
             BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
        )
        .unwrap();
    let held = db.drafts().unwrap()[0].key;
    assert!(db.commit_draft(&d, Some(held), None, at(4, 22)).is_err());
    assert_eq!(db.entry_count().unwrap(), 0, "the entry was rolled back");
    assert_eq!(
        db.draft().unwrap(),
        Some(d.clone()),
        "the draft is still there"
    );

    // Editing an entry that is gone: refused, and the draft stays.
    raw(&path)
        .execute_batch("DROP TRIGGER keep_draft;")
        .unwrap();
    let orphan = draft("words", 0, Some(JournalId(41)));
    let err = db
        .commit_draft(&orphan, Some(held), None, at(4, 22))
        .unwrap_err();
    assert_eq!(not_found(err), "journal entry");
    assert_eq!(db.draft().unwrap(), Some(d));
}

/// Every kept draft is in the export (the oldest as `draft`, the others as
/// `more_drafts`), and comes back from it as a draft, once.
#[test]
fn several_drafts_go_through_export_and_import_whole() {
    use afterglow::formats::json;
    use afterglow::store::Batch;
    let mut db = Db::open_in_memory().unwrap();
    db.keep_draft(None, &draft("first 🌱", 0, None)).unwrap();
    db.keep_draft(None, &draft("second", 0, None)).unwrap();
    let export = db.export(at(5, 9)).unwrap();
    let bodies: Vec<&str> = export.drafts.iter().map(|d| d.body.as_str()).collect();
    assert_eq!(bodies, ["first 🌱", "second"]);
    let text = json::write(&export, export.exported_at, export.schema_version).unwrap();
    let file = json::read_v1(&text).unwrap();
    assert_eq!(file.draft.as_ref().unwrap().body, "first 🌱");
    assert_eq!(file.more_drafts.len(), 1);
    let back = file.into_history();
    assert_eq!(back, export.history);
    // An export from before there could be several reads as having one.
    let old = text.replace("\"more_drafts\"", "\"unknown_field\"");
    assert_eq!(json::read_v1(&old).unwrap().into_history().drafts.len(), 1);

    let mut other = Db::open_in_memory().unwrap();
    let counts = other.import(&Batch::whole(back.clone()), false).unwrap();
    assert_eq!(counts.added.draft, 2);
    let bodies: Vec<String> = other
        .drafts()
        .unwrap()
        .into_iter()
        .map(|s| s.draft.body)
        .collect();
    assert_eq!(bodies, ["first 🌱", "second"]);
    let again = other.import(&Batch::whole(back), false).unwrap();
    assert_eq!((again.added.draft, again.already_there.draft), (0, 2));
    assert_eq!(other.drafts().unwrap().len(), 2);
}
