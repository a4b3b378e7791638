//! The journal's search index (migration 6) on real files: built for a
//! file from before it, kept in step by every write, carried through an
//! export brought back in, a backup and a restore, and checked by the
//! opening checks like every other table.

use afterglow::demo;
use afterglow::domain::JournalEntry;
use afterglow::formats::json;
use afterglow::store::migrations::migrate_to;
use afterglow::store::{APPLICATION_ID, Batch, Check, Db, NewEntry, SCHEMA_VERSION, StoreError};
use chrono::{DateTime, TimeZone, Utc};

use super::{WIDE, at, day, raw, snapshot, temp};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 30, 0).unwrap()
}

fn entry(written_at: DateTime<Utc>, body: &str) -> NewEntry {
    NewEntry {
        written_at,
        body: body.to_string(),
        mood: None,
        session: None,
    }
}

fn bodies(found: &[JournalEntry]) -> Vec<&str> {
    found.iter().map(|e| e.body.as_str()).collect()
}

/// A file left by the afterglow before search (schema 5), holding entries
/// in several scripts, is given its index when it is opened, and every
/// old entry is found.
#[test]
fn a_file_from_before_search_gets_its_index_on_opening() {
    let (_dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 5).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO journal (id, written_at, updated_at, body) VALUES
             (1, 1457000000, 1457000000, 'The lighthouse at dawn #sea'),
             (2, 1615000000, 1615000000, 'Ночь была тихой, lighthouse again'),
             (3, 1772000000, 1772000000, '{WIDE} 灯台 LIGHTHOUSE');"
    ))
    .unwrap();
    drop(conn);

    // A command that only reads migrates a private copy and leaves the
    // file as it was; it finds the old entries all the same.
    let before = snapshot(path.parent().unwrap());
    let reader = Db::open_read_only(&path, Check::Header).unwrap();
    assert_eq!(reader.search_journal("lighthouse", 10).unwrap().len(), 3);
    drop(reader);
    assert_eq!(snapshot(path.parent().unwrap()), before);

    let db = Db::open(&path).unwrap();
    assert_eq!(
        db.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    let found = db.search_journal("LightHouse", 10).unwrap();
    assert_eq!(
        found.iter().map(|e| e.id.0).collect::<Vec<_>>(),
        [3, 2, 1],
        "ten years apart, newest first"
    );
    assert_eq!(bodies(&db.search_journal("ночь", 10).unwrap()).len(), 1);
    assert_eq!(bodies(&db.search_journal("灯台", 10).unwrap()).len(), 1);
    assert_eq!(db.entries_tagged("#sea", 10).unwrap().len(), 1);
    drop(db);
    // And the file passes the full check the next write opens with.
    Db::open(&path).unwrap();
}

/// Every way a journal row changes keeps the index in step: the old word
/// is no longer found, the new one is, a deleted entry is gone, and
/// deleting a session (which unlinks its entries) leaves them findable.
#[test]
fn edits_and_deletes_on_a_file_keep_the_index_in_step() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let e = db
        .add_entry(&entry(at(2, 9), "sunrise over the harbour"))
        .unwrap();
    let other = db.add_entry(&entry(at(3, 9), "harbour walk")).unwrap();
    let saved = db
        .update_entry_unless_changed(&e, "sunset over the hills", None, at(4, 9))
        .unwrap();
    assert_eq!(saved, afterglow::store::EntryRewrite::Saved);
    assert!(db.search_journal("sunrise", 10).unwrap().is_empty());
    assert_eq!(
        bodies(&db.search_journal("sunset", 10).unwrap()),
        ["sunset over the hills"]
    );
    assert_eq!(
        bodies(&db.search_journal("harbour", 10).unwrap()),
        ["harbour walk"]
    );
    db.delete_entry(other.id).unwrap();
    assert!(db.search_journal("harbour", 10).unwrap().is_empty());
    drop(db);
    // What the triggers wrote passes the full check.
    let db = Db::open(&path).unwrap();
    assert_eq!(db.search_journal("hills", 10).unwrap().len(), 1);
}

/// An afterglow JSON export brought into a new database is found there,
/// tags and all: the import's inserts go through the same triggers.
#[test]
fn an_imported_export_is_found() {
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(day(1)).unwrap();
    let d = demo::generate(2, demo::DEFAULT_SEED, now(), &Utc).unwrap();
    db.import(&demo::batch(d), false).unwrap();
    db.add_entry(&entry(at(5, 9), "a word only here: quetzal #bird"))
        .unwrap();
    let export = db.export(now()).unwrap();
    let text = json::write(&export, export.exported_at, export.schema_version).unwrap();
    let history = json::read_v1(&text).unwrap().into_history();

    let (_dir, path) = temp();
    let mut other = Db::open(&path).unwrap();
    other.import(&Batch::whole(history), false).unwrap();
    assert_eq!(
        bodies(&other.search_journal("QUETZAL", 10).unwrap()),
        ["a word only here: quetzal #bird"]
    );
    assert_eq!(other.entries_tagged("bird", 10).unwrap().len(), 1);
    let sea = |db: &Db| db.search_journal("sea", 10_000).unwrap().len();
    assert!(sea(&db) > 0);
    assert_eq!(sea(&other), sea(&db));
    drop(other);
    Db::open(&path).unwrap();
}

/// A backup holds the index, and a restore brings it back with the
/// entries: what was found before is found after.
#[test]
fn a_backup_and_its_restore_keep_the_index() {
    let (dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    db.add_entry(&entry(at(2, 9), "the heron stood still #birds"))
        .unwrap();
    let backup = dir.path().join("backup.db");
    db.backup_to(&backup, false).unwrap();
    // A word written after the backup is gone with the restore; the
    // index must not still find it.
    db.add_entry(&entry(at(3, 9), "a kingfisher, later"))
        .unwrap();
    drop(db);

    let from_backup = Db::open_read_only(&backup, Check::Full).unwrap();
    assert_eq!(from_backup.search_journal("heron", 10).unwrap().len(), 1);
    drop(from_backup);

    Db::restore(&backup, &path, "test").unwrap();
    let db = Db::open(&path).unwrap();
    assert_eq!(
        bodies(&db.search_journal("HERON", 10).unwrap()),
        ["the heron stood still #birds"]
    );
    assert!(db.search_journal("kingfisher", 10).unwrap().is_empty());
    assert_eq!(db.journal_tags().unwrap(), [("birds".to_string(), 1)]);
}

/// An index that no longer matches its entries (written behind the
/// triggers' back) fails the integrity check the opening runs before a
/// write: the file is refused as damaged and left as it was, like any
/// other damage.
#[test]
fn a_damaged_index_is_refused_untouched() {
    let (dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    for i in 0..50 {
        db.add_entry(&entry(at(2, 9), &format!("entry {i} about the river")))
            .unwrap();
    }
    drop(db);
    let conn = raw(&path);
    conn.execute_batch("DELETE FROM journal_fts_data WHERE id > 10;")
        .unwrap();
    drop(conn);
    let before = snapshot(dir.path());
    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}
