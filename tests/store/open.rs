//! Opening, refusing, creating, pragmas, migrations and data_version.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use afterglow::domain::{SessionId, SessionStatus};
use afterglow::store::migrations::migrate_to;
use afterglow::store::{APPLICATION_ID, Check, Db, NewEntry, SCHEMA_VERSION, StoreError};

use super::{WIDE, at, day, filled, mood, new_session, raw, snapshot, temp};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Opens `path`, expects a refusal, and checks that not one byte in the
/// folder changed and no file appeared or vanished.
fn refused(path: &Path) -> StoreError {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Db::open(path).unwrap_err();
    assert_eq!(snapshot(dir), before, "refusing {err} changed the folder");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");
    err
}

fn not_ours_reason(err: StoreError) -> String {
    match err {
        StoreError::NotAfterglow { reason, .. } => reason,
        other => panic!("expected NotAfterglow, got {other:?}"),
    }
}

#[test]
fn a_text_file_is_refused_untouched() {
    let (_dir, path) = temp();
    fs::write(&path, "milk, eggs, 今日は 🌱\n".repeat(200)).unwrap();
    let reason = not_ours_reason(refused(&path));
    assert_eq!(reason, "it is not a SQLite file");
}

#[test]
fn an_empty_file_is_refused_untouched() {
    let (_dir, path) = temp();
    fs::write(&path, "").unwrap();
    assert_eq!(
        not_ours_reason(refused(&path)),
        "the file is empty; if an earlier first run was cut short, removing this empty file lets afterglow start afresh"
    );
}

#[test]
fn a_folder_is_refused() {
    let (_dir, path) = temp();
    fs::create_dir(&path).unwrap();
    let err = Db::open(&path).unwrap_err();
    assert_eq!(not_ours_reason(err), "it is a folder");
    assert_eq!(fs::read_dir(&path).unwrap().count(), 0);
}

#[test]
fn another_programs_database_is_refused_untouched() {
    for wal in [false, true] {
        let (_dir, path) = temp();
        let conn = rusqlite::Connection::open(&path).unwrap();
        if wal {
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                .unwrap();
        }
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .unwrap();
        drop(conn);
        let reason = not_ours_reason(refused(&path));
        assert_eq!(reason, "it is a SQLite database from another program");
    }
}

/// A file from a newer afterglow: our id, WAL mode, schema 99.
fn newer(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();
    conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
        .unwrap();
    conn
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let (_dir, path) = temp();
    drop(newer(&path));
    match refused(&path) {
        StoreError::TooNew {
            found, supported, ..
        } => assert_eq!((found, supported), (99, SCHEMA_VERSION)),
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn a_newer_schema_still_in_the_wal_of_a_running_program_is_refused() {
    let (dir, path) = temp();
    // Kept open: the version bump sits in the -wal, the main file's header
    // still says 0, so only SQLite itself can see it.
    let running = newer(&path);
    let data = |suffix: &str| fs::read(dir.path().join(format!("afterglow.db{suffix}"))).unwrap();
    let (main, wal) = (data(""), data("-wal"));
    let err = Db::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    assert_eq!((data(""), data("-wal")), (main, wal));
    drop(running);
}

/// A real afterglow file, then `spoil` applied to its bytes.
fn damaged_with(spoil: impl Fn(&mut Vec<u8>)) -> StoreError {
    let (_dir, path) = temp();
    filled(&path);
    let mut bytes = fs::read(&path).unwrap();
    assert!(
        bytes.len() > 20 * 4096,
        "too small to damage: {}",
        bytes.len()
    );
    spoil(&mut bytes);
    fs::write(&path, &bytes).unwrap();
    refused(&path)
}

#[test]
fn a_damaged_file_is_refused_untouched() {
    let overwritten = damaged_with(|b| {
        let middle = b.len() / 2 / 4096 * 4096;
        b[middle..middle + 3 * 4096].fill(0xA5);
    });
    let truncated = damaged_with(|b| b.truncate(b.len() / 2));
    for err in [overwritten, truncated] {
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        assert!(err.to_string().contains("looks damaged"), "{err}");
    }
}

#[test]
fn a_new_file_is_private_in_private_folders() {
    let (dir, _) = temp();
    let path = dir.path().join("a/b/afterglow.db");
    let mut db = Db::open(&path).unwrap();
    db.add_session(&new_session(at(1, 9), SessionStatus::Done))
        .unwrap();
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    assert_eq!(mode(&dir.path().join("a/b")), 0o700);
    assert_eq!(mode(&path), 0o600);
    for companion in ["afterglow.db-wal", "afterglow.db-shm"] {
        assert_eq!(mode(&dir.path().join("a/b").join(companion)), 0o600);
    }
    assert_eq!(db.path(), Some(path.as_path()));
}

#[test]
fn every_connection_gets_its_pragmas() {
    let (_dir, path) = temp();
    for _ in 0..2 {
        // The first round creates the file, the second opens it.
        let db = Db::open(&path).unwrap();
        assert_eq!(db.pragma("journal_mode").unwrap(), "wal");
        assert_eq!(db.pragma("foreign_keys").unwrap(), "1");
        assert_eq!(db.pragma("synchronous").unwrap(), "1");
        assert_eq!(db.pragma("busy_timeout").unwrap(), "5000");
        assert_eq!(
            db.pragma("application_id").unwrap(),
            APPLICATION_ID.to_string()
        );
        assert_eq!(
            db.pragma("user_version").unwrap(),
            SCHEMA_VERSION.to_string()
        );
    }
}

#[test]
fn in_memory_databases_are_fully_set_up() {
    let db = Db::open_in_memory().unwrap();
    assert_eq!(db.path(), None);
    assert_eq!(db.pragma("foreign_keys").unwrap(), "1");
    assert_eq!(
        db.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    assert!(db.sessions().unwrap().is_empty());
}

#[test]
fn data_survives_closing_and_reopening() {
    let (_dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    let s = db
        .add_session(&new_session(at(1, 9), SessionStatus::Done))
        .unwrap();
    drop(db);
    let db = Db::open(&path).unwrap();
    assert_eq!(db.sessions().unwrap(), vec![s]);
}

#[test]
fn an_older_schema_is_migrated_and_keeps_its_data() {
    let (_dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 1).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO sessions (id, at, kind, status) VALUES (1, 1772442000, 'lozenge', 'done');
         INSERT INTO journal (written_at, updated_at, body, mood, session_id)
             VALUES (1772445600, 1772445600, '{WIDE}', 7, 1);
         INSERT INTO habits (id, name, kind, role, since, position)
             VALUES (1, 'Walk', 'yes-no', 'custom', '2026-03-01', 0);
         INSERT INTO ticks (habit_id, day) VALUES (1, '2026-03-02');"
    ))
    .unwrap();
    assert_eq!(
        conn.pragma_query_value(None, "user_version", |r| r.get::<_, i32>(0))
            .unwrap(),
        1
    );
    drop(conn);

    let mut db = Db::open(&path).unwrap();
    assert_eq!(
        db.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    let entries = db.entries(10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].body, WIDE);
    assert_eq!(entries[0].session, Some(SessionId(1)));
    assert_eq!(db.sessions().unwrap()[0].at, at(2, 9));
    assert_eq!(db.ticks_between(day(1), day(31)).unwrap().len(), 1);
    // Migration 2's tables work.
    db.add_therapy(at(3, 15), Some("first visit")).unwrap();
    db.save_draft(&afterglow::store::Draft {
        editing: None,
        body: "half a thought".into(),
        mood: None,
        cursor: 4,
        saved_at: at(3, 16),
    })
    .unwrap();
}

#[test]
fn migration_3_keeps_one_intention_per_session_and_every_word() {
    let (_dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 2).unwrap();
    // What an older afterglow could leave: two intentions on one session,
    // two waiting, and a reflected one whose session was deleted.
    conn.execute_batch(
        "INSERT INTO sessions (id, at, kind, status) VALUES (1, 1772442000, 'lozenge', 'done');
         INSERT INTO intentions (id, session_id, text, set_at) VALUES
             (1, 1, 'first', 100), (2, 1, 'second', 200),
             (3, NULL, 'waiting a', 300), (4, NULL, 'waiting b', 400);
         INSERT INTO intentions (id, session_id, text, set_at, reflection, reflected_at)
             VALUES (5, NULL, 'orphan', 50, 'it landed', 60);",
    )
    .unwrap();
    drop(conn);
    let mut db = Db::open(&path).unwrap();
    let list = db.intentions().unwrap();
    let by_text = |t: &str| list.iter().find(|i| i.text == t).unwrap().clone();
    assert_eq!(list.len(), 5, "no words are lost");
    assert_eq!(
        by_text("first").replaced_at.map(|t| t.timestamp()),
        Some(200)
    );
    assert_eq!(by_text("second").replaced_at, None);
    assert_eq!(
        by_text("waiting a").replaced_at.map(|t| t.timestamp()),
        Some(400)
    );
    assert_eq!(by_text("waiting b").replaced_at, None);
    assert_eq!(by_text("orphan").replaced_at, None);
    // The new table works.
    db.set_treatment(
        afterglow::domain::TreatmentStatus::Finished,
        Some("a bridge"),
        at(3, 9),
    )
    .unwrap();
    assert_eq!(db.treatment().unwrap()[0].note.as_deref(), Some("a bridge"));
}

#[test]
fn a_file_with_only_our_id_is_set_up() {
    // What a crash right after creating the file leaves behind.
    let (_dir, path) = temp();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    drop(conn);
    let db = Db::open(&path).unwrap();
    assert_eq!(
        db.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
}

#[test]
fn a_failing_migration_changes_nothing() {
    let (_dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 1).unwrap();
    conn.execute_batch("CREATE TABLE drafts (x);").unwrap();
    drop(conn);
    // Migration 2 creates `therapy` and then trips over `drafts`.
    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
    let conn = raw(&path);
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let therapy: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'therapy'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((version, therapy), (1, 0));
}

#[test]
fn data_version_moves_when_another_process_writes() {
    let (_dir, path) = temp();
    let mut dashboard = Db::open(&path).unwrap();
    let mut cli = Db::open(&path).unwrap();
    let v0 = dashboard.data_version().unwrap();
    dashboard.add_therapy(at(1, 9), None).unwrap();
    // Its own writes do not count: the dashboard already knows them.
    assert_eq!(dashboard.data_version().unwrap(), v0);
    cli.add_entry(&NewEntry {
        written_at: at(1, 10),
        body: WIDE.into(),
        mood: mood(6),
        session: None,
    })
    .unwrap();
    assert_ne!(dashboard.data_version().unwrap(), v0);
    assert_eq!(dashboard.entry_count().unwrap(), 1);
}

/// What `afterglow status` does every few seconds from a tmux status line:
/// open an up-to-date file and make sure of the defaults. Neither may take
/// the write lock, let alone commit.
#[test]
fn opening_an_up_to_date_file_writes_nothing() {
    let (_dir, path) = temp();
    let mut first = Db::open(&path).unwrap();
    assert!(first.ensure_defaults(day(1)).unwrap());
    drop(first);

    let observer = raw(&path);
    let version = |c: &rusqlite::Connection| -> i64 {
        c.pragma_query_value(None, "data_version", |r| r.get(0))
            .unwrap()
    };
    let v0 = version(&observer);
    // Another process is in the middle of a write. Anything below that
    // wanted the write lock would wait 5 s for it and then fail as busy.
    let writer = raw(&path);
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let mut db = Db::open(&path).unwrap();
    assert!(!db.ensure_defaults(day(2)).unwrap());
    assert!(!db.ensure_defaults(day(3)).unwrap());
    assert_eq!(db.habits(false).unwrap().len(), 3);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "waited for the write lock: {:?}",
        started.elapsed()
    );
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(version(&observer), v0, "something was committed");

    // The observer does see a commit: the check above can fail.
    db.add_therapy(at(1, 9), None).unwrap();
    assert_ne!(version(&observer), v0);
}

#[test]
fn a_busy_database_is_named_calmly() {
    use rusqlite::ffi;
    let sqlite =
        |code| StoreError::from(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None));
    for code in [
        ffi::SQLITE_BUSY,
        ffi::SQLITE_LOCKED,
        ffi::SQLITE_BUSY_SNAPSHOT,
    ] {
        let err = sqlite(code);
        assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            "the database is busy: another afterglow is writing to it; try again in a moment"
        );
        // The command line prints every source on its own line; SQLite's
        // "database is locked" must not follow the calm sentence.
        assert!(std::error::Error::source(&err).is_none());
    }
    // A full disk is named as one: no "database error", no damage. That
    // includes a -shm that could not grow, which is how a full disk shows
    // when a WAL database is opened.
    for code in [ffi::SQLITE_FULL, ffi::SQLITE_IOERR_SHMSIZE] {
        let full = sqlite(code).to_string();
        assert_eq!(
            full,
            "the disk is full, so this could not be saved; nothing was changed. \
             Free some space, then try again"
        );
    }
    // Other failures keep SQLite's own words.
    let other = sqlite(ffi::SQLITE_IOERR).to_string();
    assert!(other.starts_with("database error: "), "{other}");
}

#[test]
fn errors_read_as_sentences() {
    let path = Path::new("/home/sam/.local/share/afterglow/afterglow.db");
    let too_new = StoreError::TooNew {
        path: path.into(),
        found: 3,
        supported: 2,
    };
    assert_eq!(
        too_new.to_string(),
        "/home/sam/.local/share/afterglow/afterglow.db was written by a newer afterglow \
         (schema 3; this version reads up to 2); nothing was changed. Update afterglow to open it"
    );
    let dup = StoreError::Duplicate("Yoga".into());
    assert_eq!(dup.to_string(), "a habit named \"Yoga\" already exists");
}

// ------------------------------------------------------------- preview

#[test]
fn a_preview_reads_then_opens_for_writing() {
    let (_dir, path) = temp();
    filled(&path);
    let mut preview = Db::preview(&path).unwrap().expect("an up-to-date file");
    let sessions = preview.db().sessions().unwrap();
    assert!(!sessions.is_empty());
    let mut db = preview.open().unwrap();
    assert_eq!(db.sessions().unwrap(), sessions);
    db.add_therapy(at(9, 9), None).unwrap();
    assert_eq!(db.pragma("foreign_keys").unwrap(), "1");
    assert_eq!(db.pragma("journal_mode").unwrap(), "wal");
}

/// SQLite's default page cache (2 MiB) only kept the pages of the
/// dashboard's first read in its peak memory (docs/performance.md).
#[test]
fn the_dashboards_connection_keeps_a_small_page_cache() {
    let (_dir, path) = temp();
    filled(&path);
    let mut preview = Db::preview(&path).unwrap().expect("an up-to-date file");
    assert_eq!(preview.db().pragma("cache_size").unwrap(), "-512");
    let db = preview.check_apart();
    assert_eq!(db.pragma("cache_size").unwrap(), "-512");
}

#[test]
fn a_preview_leaves_missing_and_older_files_to_open() {
    let (dir, path) = temp();
    assert!(Db::preview(&path).unwrap().is_none());
    assert!(!path.exists(), "a preview never creates a file");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 1).unwrap();
    drop(conn);
    let before = snapshot(dir.path());
    assert!(Db::preview(&path).unwrap().is_none());
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_preview_refuses_what_open_refuses_untouched() {
    let (dir, path) = temp();
    fs::write(&path, "dear diary").unwrap();
    let before = snapshot(dir.path());
    let err = Db::preview(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotAfterglow { .. }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_damaged_file_is_drawn_from_but_never_opened_for_writing() {
    let (dir, path) = temp();
    filled(&path);
    let mut bytes = fs::read(&path).unwrap();
    // Pages near the end hold records, not the schema, which the first
    // look reads.
    let late = (bytes.len() / 4096 - 4) * 4096;
    bytes[late..late + 3 * 4096].fill(0xA5);
    fs::write(&path, &bytes).unwrap();
    let before = snapshot(dir.path());
    // The header is fine, so the first look succeeds...
    let preview = Db::preview(&path).unwrap().expect("a first look");
    // ...and the full check refuses it, leaving every byte as it was.
    let err = preview.open().unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}

/// The dashboard's check runs beside it (`Preview::check_apart`): reads
/// go ahead at once, the first write waits for the verdict, and on a file
/// the check refuses every write answers with the refusal, nothing is
/// written, and the folder is left as it was found.
#[test]
fn a_check_apart_holds_back_only_writes() {
    // A sound file: reading goes ahead, then writing once the check passed.
    let (_dir, path) = temp();
    filled(&path);
    let preview = Db::preview(&path).unwrap().expect("a first look");
    let mut db = preview.check_apart();
    let count = db.sessions().unwrap().len();
    db.wait_for_check().unwrap();
    assert!(db.checked());
    db.add_therapy(at(9, 9), None).unwrap();
    db.add_session(&new_session(at(20, 9), SessionStatus::Done))
        .unwrap();
    assert_eq!(db.sessions().unwrap().len(), count + 1);
    assert_eq!(db.therapy_visits().unwrap().len(), 1);

    // Damage only integrity_check sees, in both its kinds.
    for spoil in [spoil_an_index, break_a_check] {
        let (dir, path) = temp();
        filled(&path);
        spoil(&path);
        let before = snapshot(dir.path());
        let preview = Db::preview(&path).unwrap().expect("a first look");
        let mut db = preview.check_apart();
        assert!(!db.sessions().unwrap().is_empty());
        // A transaction asks first and gets the refusal.
        let err = db
            .add_session(&new_session(at(20, 9), SessionStatus::Done))
            .unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        assert!(!db.checked());
        // Told once, as the refusal; then to each write that asks.
        assert!(matches!(
            db.check_news(),
            Some(Err(StoreError::Damaged { .. }))
        ));
        assert!(db.check_news().is_none());
        let err = db.wait_for_check().unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        // A single statement that did not ask fails all the same.
        assert!(db.add_therapy(at(9, 9), None).is_err());
        assert!(!db.sessions().unwrap().is_empty(), "reading goes on");
        drop(db);
        assert_eq!(snapshot(dir.path()), before);
    }
}

#[test]
fn a_preview_of_a_file_being_written_checks_again() {
    let (_dir, path) = temp();
    filled(&path);
    let mut preview = Db::preview(&path).unwrap().expect("a first look");
    let count = preview.db().sessions().unwrap().len();
    // Another process writes after the immutable first look.
    let mut other = Db::open(&path).unwrap();
    other
        .add_session(&new_session(at(20, 9), SessionStatus::Done))
        .unwrap();
    let db = preview.open().unwrap();
    assert_eq!(db.sessions().unwrap().len(), count + 1);
    drop(other);
}

#[test]
fn writes_after_a_preview_are_committed_at_once() {
    let (_dir, path) = temp();
    filled(&path);
    let mut preview = Db::preview(&path).unwrap().expect("a first look");
    let db = preview.db();
    db.sessions().unwrap();
    db.entries(500).unwrap();
    db.entry_count().unwrap();
    db.draft().unwrap();
    db.data_version().unwrap();
    db.ticks_between(day(1), day(31)).unwrap();
    db.intentions().unwrap();
    db.therapy_visits().unwrap();
    db.habits(false).unwrap();
    let mut db = preview.open().unwrap();
    db.ensure_defaults(day(1)).unwrap();
    db.draft().unwrap();
    for n in 1..=3 {
        let body = "x".repeat(n);
        db.save_draft(&afterglow::store::Draft {
            editing: None,
            body: body.clone(),
            mood: None,
            cursor: n,
            saved_at: at(3, 16),
        })
        .unwrap();
        // Another process sees each save: nothing waits in an open
        // transaction that a kill would lose.
        let seen: String = raw(&path)
            .query_row("SELECT body FROM drafts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(seen, body);
    }
}

// ------------------------------------------------- damage quick_check misses

/// An index that no longer matches its table: what a flipped byte in an
/// index page does. `quick_check` does not compare the two;
/// `integrity_check` does. (The index is redefined over another column,
/// so every entry it holds is now "missing" from the table's view.)
fn spoil_an_index(path: &Path) {
    let conn = raw(path);
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX sessions_at ON sessions (id)'
             WHERE name = 'sessions_at';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
}

/// A stored value that breaks a CHECK constraint, which read-only
/// connections do not check.
fn break_a_check(path: &Path) {
    let conn = raw(path);
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE journal SET mood = 42 WHERE id = (SELECT min(id) FROM journal);",
    )
    .unwrap();
}

fn verdicts(path: &Path) -> (String, String) {
    let read_only =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let quick: String = read_only
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap();
    drop(read_only);
    let full: String = raw(path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    (quick, full)
}

#[test]
fn damage_only_integrity_check_sees_is_never_written_to() {
    for spoil in [spoil_an_index, break_a_check] {
        let (dir, path) = temp();
        filled(&path);
        spoil(&path);
        let (quick, full) = verdicts(&path);
        assert_eq!(quick, "ok", "the damage must be one quick_check misses");
        assert_ne!(full, "ok");

        let err = refused(&path);
        assert!(
            err.to_string().contains("SQLite's integrity check failed"),
            "{err}"
        );

        // The dashboard: drawn from, then refused before any key is read.
        let before = snapshot(dir.path());
        let mut preview = Db::preview(&path).unwrap().expect("a first look");
        assert!(!preview.db().sessions().unwrap().is_empty());
        let err = preview.open().unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        assert_eq!(snapshot(dir.path()), before);

        // A glance still reads it; a backup of it is never made.
        let db = Db::open_read_only(&path, Check::Quick).unwrap();
        assert!(!db.sessions().unwrap().is_empty());
        let copy = dir.path().join("copy.db");
        let err = db.backup_to(&copy, false).unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        assert!(err.to_string().contains("no backup was written"), "{err}");
        assert!(!copy.exists());
        drop(db);
    }
}

#[test]
fn an_export_or_a_backup_checks_the_index_first() {
    let (dir, path) = temp();
    filled(&path);
    spoil_an_index(&path);
    let before = snapshot(dir.path());
    let err = Db::open_read_only(&path, Check::Full).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}

// ------------------------------------------------------------ read-only

#[test]
fn a_read_only_open_writes_nothing_and_migrates_nowhere() {
    // An older schema without the first run's habits: read through a
    // private copy in memory, migrated and set up there.
    let (dir, path) = temp();
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    migrate_to(&mut conn, 1).unwrap();
    conn.execute_batch(
        "INSERT INTO journal (written_at, updated_at, body) VALUES (1772445600, 1772445600, 'old words');",
    )
    .unwrap();
    drop(conn);
    let before = snapshot(dir.path());
    let mut db = Db::open_read_only(&path, Check::Full).unwrap();
    db.ensure_defaults(day(1)).unwrap();
    assert_eq!(db.entries(10).unwrap()[0].body, "old words");
    assert_eq!(db.habits(false).unwrap().len(), 3);
    assert_eq!(
        db.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    drop(db);
    assert_eq!(snapshot(dir.path()), before, "the file was migrated");
}

/// What a crash leaves: commits still in the `-wal`. A read-only open reads
/// them all, and neither checkpoints nor deletes the `-wal`.
fn crashed_with_commits(path: &Path, commits: usize) -> Vec<String> {
    let mut db = Db::open(path).unwrap();
    db.ensure_defaults(day(1)).unwrap();
    drop(db);
    let live = path.with_file_name("live.db");
    fs::copy(path, &live).unwrap();
    let conn = raw(&live);
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")
        .unwrap();
    let mut bodies = Vec::new();
    for i in 0..commits {
        let body = format!("commit {i}");
        conn.execute(
            "INSERT INTO journal (written_at, updated_at, body) VALUES (?1, ?1, ?2)",
            rusqlite::params![1_772_445_600 + i as i64, body],
        )
        .unwrap();
        bodies.push(body);
    }
    fs::copy(&live, path).unwrap();
    fs::copy(
        live.with_file_name("live.db-wal"),
        path.with_file_name("afterglow.db-wal"),
    )
    .unwrap();
    drop(conn);
    for name in ["live.db", "live.db-wal", "live.db-shm"] {
        let _ = fs::remove_file(live.with_file_name(name));
    }
    bodies.reverse();
    bodies
}

fn bodies(db: &Db) -> Vec<String> {
    db.entries(100)
        .unwrap()
        .into_iter()
        .map(|e| e.body)
        .collect()
}

#[test]
fn a_read_only_open_reads_a_wal_and_leaves_it() {
    let (dir, path) = temp();
    let want = crashed_with_commits(&path, 5);
    let wal = dir.path().join("afterglow.db-wal");
    let (main_bytes, wal_bytes) = (fs::read(&path).unwrap(), fs::read(&wal).unwrap());
    let db = Db::open_read_only(&path, Check::Quick).unwrap();
    assert_eq!(bodies(&db), want);
    drop(db);
    assert_eq!(fs::read(&path).unwrap(), main_bytes);
    assert_eq!(
        fs::read(&wal).unwrap(),
        wal_bytes,
        "the -wal was checkpointed"
    );
}

// ------------------------------------------------------- a damaged -wal

#[test]
fn a_damaged_wal_is_refused_untouched_and_its_commits_kept() {
    let (dir, path) = temp();
    let want = crashed_with_commits(&path, 5);
    let wal = dir.path().join("afterglow.db-wal");
    let good = fs::read(&wal).unwrap();
    let page = u32::from_be_bytes(good[8..12].try_into().unwrap()) as usize;
    let mut bad = good.clone();
    // A byte in the page of the second frame, a commit long before the last.
    bad[32 + (24 + page) + 24 + 1000] ^= 0x08;
    fs::write(&wal, &bad).unwrap();

    let err = refused(&path);
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("afterglow.db-wal beside it is damaged"),
        "{err}"
    );
    let before = snapshot(dir.path());
    for read in [Check::Quick, Check::Full] {
        let err = Db::open_read_only(&path, read).unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    }
    assert!(Db::preview(&path).is_err());
    assert_eq!(snapshot(dir.path()), before);

    // Mended by hand, every commit is still there to be read.
    fs::write(&wal, &good).unwrap();
    assert_eq!(bodies(&Db::open(&path).unwrap()), want);
}

// ----------------------------------------------------------- a hot journal

/// A rollback-mode afterglow file (as every backup is) and a copy of it
/// caught half-way through a change, its hot `-journal` beside it. Answers
/// the copy's path and the bodies before the change.
fn hot_journal(dir: &Path, spoil: impl Fn(&Path)) -> (std::path::PathBuf, Vec<String>) {
    let source = dir.join("source.db");
    filled(&source);
    let backup = dir.join("backup.db");
    Db::open(&source)
        .unwrap()
        .backup_to(&backup, false)
        .unwrap();
    fs::remove_file(&source).unwrap();
    spoil(&backup);
    let want = bodies(&Db::open_read_only(&backup, Check::Quick).unwrap());
    let conn = rusqlite::Connection::open(&backup).unwrap();
    // A page cache of one page: the change spills into the file at once,
    // its first pages kept in the journal.
    conn.execute_batch(
        "PRAGMA cache_size = 1; BEGIN; UPDATE journal SET body = body || ' (half-way)';",
    )
    .unwrap();
    let crashed = dir.join("crashed.db");
    fs::copy(&backup, &crashed).unwrap();
    fs::copy(
        dir.join("backup.db-journal"),
        dir.join("crashed.db-journal"),
    )
    .unwrap();
    drop(conn);
    fs::remove_file(&backup).unwrap();
    (crashed, want)
}

#[test]
fn a_hot_journal_is_read_around_by_reading_and_played_back_by_writing() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, want) = hot_journal(dir.path(), |_| {});
    let journal = dir.path().join("crashed.db-journal");
    let before = snapshot(dir.path());

    let db = Db::open_read_only(&crashed, Check::Quick).unwrap();
    assert_eq!(bodies(&db), want);
    let notice = db.notice().unwrap();
    assert!(
        notice.contains("stopped half-way") && notice.contains("left as they are"),
        "{notice}"
    );
    drop(db);
    assert_eq!(snapshot(dir.path()), before, "reading changed the folder");

    let mut db = Db::open(&crashed).unwrap();
    assert!(
        db.notice().unwrap().contains("was undone"),
        "{:?}",
        db.notice()
    );
    assert!(!journal.exists());
    assert_eq!(bodies(&db), want);
    db.add_therapy(at(3, 9), None).unwrap();
}

#[test]
fn a_hot_journal_over_damage_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (crashed, _) = hot_journal(dir.path(), spoil_an_index);
    let before = snapshot(dir.path());
    let err = Db::open(&crashed).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(
        text.contains("crashed.db-journal undone") && text.contains("integrity check failed"),
        "{text}"
    );
    assert_eq!(snapshot(dir.path()), before);
    assert!(Db::open_read_only(&crashed, Check::Quick).is_err());
    assert_eq!(snapshot(dir.path()), before);
}

// ------------------------------------------------------------ a full disk

use super::hostile::cli as afterglow;

/// A full disk is said to be one, and commands that only read still work
/// (they need to write nothing). A tmpfs that is really full gives the
/// real ENOSPC; limiting the file size (`ulimit -f`) would give EFBIG,
/// which SQLite reports as an I/O error, not as a full disk.
#[test]
fn a_full_disk_is_named_and_reading_still_works() {
    // Room for `filled`'s 300 entries one commit each: the -wal grows to
    // its checkpoint size (1000 pages, 4 MiB) with the search index's
    // pages beside each entry's.
    let Some(disk) = crate::disk::SmallDisk::mount("8m") else {
        return;
    };
    let path = disk.path().join("afterglow.db");
    filled(&path);
    let filler = disk.path().join("filler");
    {
        use std::io::Write;
        let mut f = fs::File::create(&filler).unwrap();
        while f
            .write_all(&[0xA5; 4096])
            .and_then(|()| f.sync_all())
            .is_ok()
        {}
    }
    let before = snapshot(disk.path());

    let err = Db::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("is full") && !text.contains("damaged"),
        "{text}"
    );
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert_eq!(
        snapshot(disk.path()),
        before,
        "the refusal left files behind"
    );

    let db = Db::open_read_only(&path, Check::Full).unwrap();
    assert_eq!(db.entry_count().unwrap(), 300);
    drop(db);
    assert_eq!(snapshot(disk.path()), before, "reading left files behind");

    let home = tempfile::tempdir().unwrap();
    for args in [
        &["status"][..],
        &["export"],
        &["journal", "list"],
        &["session", "list"],
    ] {
        let out = afterglow(home.path(), &path, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} on a full disk: {stderr}");
    }
    let out = afterglow(home.path(), &path, &["journal", "add", "one more line"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is full") && !stderr.contains("damaged") && !stderr.contains("repair"),
        "{stderr}"
    );
    assert_eq!(snapshot(disk.path()), before);
    // An export written onto the full disk says so in plain words.
    let out_file = disk.path().join("e.json");
    let out = afterglow(
        home.path(),
        &path,
        &["export", "--out", out_file.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the disk is full") && !stderr.contains("os error"),
        "{stderr}"
    );
    let _ = fs::remove_file(&out_file);

    fs::remove_file(&filler).unwrap();
    let out = afterglow(home.path(), &path, &["journal", "add", "one more line"]);
    assert!(out.status.success(), "{out:?}");
}

/// `status` reads the sessions and the treatment log and nothing else,
/// without a content check first, so that it costs the same at thirty
/// years as at one (docs/performance.md). A damaged page it never reads
/// does not stop it; it was refused while `status` ran `quick_check`
/// first. Writing to the file is still refused, and the file keeps every
/// byte.
/// Zeroes the journal table's root page, damage that `quick_check` sees
/// and that only a read of the journal meets; answers the file's bytes.
fn zero_the_journals_root_page(path: &Path) -> Vec<u8> {
    let root: i64 = raw(path)
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'journal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = fs::read(path).unwrap();
    let size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let at = (usize::try_from(root).unwrap() - 1) * size;
    bytes[at..at + size].fill(0);
    fs::write(path, &bytes).unwrap();
    bytes
}

#[test]
fn status_reads_past_damage_it_never_reads() {
    let (dir, path) = temp();
    filled(&path);
    let bytes = zero_the_journals_root_page(&path);
    let (quick, _) = verdicts(&path);
    assert_ne!(quick, "ok", "the damage must be one quick_check sees");

    let home = tempfile::tempdir().unwrap();
    let out = afterglow(home.path(), &path, &["status"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).is_empty());
    let out = afterglow(home.path(), &path, &["journal", "add", "one more line"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    drop(dir);
}

#[test]
fn a_list_that_meets_a_damaged_page_names_the_file_and_leaves_the_folder_as_it_was() {
    let (dir, path) = temp();
    filled(&path);
    let bytes = zero_the_journals_root_page(&path);
    let beside = |suffix: &str| {
        let mut name = path.file_name().unwrap().to_os_string();
        name.push(suffix);
        path.with_file_name(name)
    };
    let _ = fs::remove_file(beside("-wal"));
    let _ = fs::remove_file(beside("-shm"));

    let home = tempfile::tempdir().unwrap();
    let out = afterglow(home.path(), &path, &["journal", "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        stderr.contains(&format!("{name} looks damaged")) && !stderr.contains("database error"),
        "{stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!beside("-wal").exists(), "{stderr}");
    assert!(!beside("-shm").exists(), "{stderr}");
    drop(dir);
}
