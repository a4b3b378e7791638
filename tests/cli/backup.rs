//! `backup` and `restore`: round trips, a writer in the middle, and every
//! backup that must be refused untouched.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::*;

/// A small history of every kind.
fn fill(env: &Env) {
    let at = days_ago(3);
    env.ok(&["session", "log", "--at", &rfc(at), "--dose-mg", "35"]);
    env.ok(&["intention", "set", "notice", "my", "breath"]);
    env.ok(&["journal", "add", "the light felt soft 🌅", "--mood", "7"]);
    env.ok(&["habit", "tick", "sleep", "--amount", "7.5"]);
    env.ok(&["therapy", "log", "--note", "talked about the kitchen"]);
}

/// The export without the moment it was taken.
fn export_of(env: &Env, db: &Path) -> Value {
    let out = env
        .bare()
        .arg("--db")
        .arg(db)
        .arg("export")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    v
}

fn companions(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", path.display())))
        .filter(|p| p.exists())
        .collect()
}

fn asides(env: &Env) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".before-restore-"))
        .collect();
    found.sort();
    found
}

/// Garbage in the header of every b-tree page after the first: SQLite's
/// header still says afterglow, `quick_check` does not.
fn damage(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    for page in bytes.chunks_mut(4096).skip(1) {
        page[..8].copy_from_slice(b"\x0d\x00\x00\x00\x09\x0f\xf0\x00");
    }
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_backup_restores_to_the_same_export() {
    let env = Env::new();
    fill(&env);
    let before = export_of(&env, &env.db);
    let copy = env.dir.path().join("copy.db");
    let out = env.ok(&["backup", copy.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!(
            "Backed up {} to {} (",
            env.db.display(),
            copy.display()
        )) && out.ends_with(", checked).\n"),
        "{out}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    assert_eq!(companions(&copy), Vec::<PathBuf>::new());
    let copy_bytes = fs::read(&copy).unwrap();

    env.ok(&["journal", "add", "written after the backup"]);
    let changed = export_of(&env, &env.db);
    assert_ne!(changed, before);

    let out = env.ok(&["restore", copy.to_str().unwrap()]);
    let aside = asides(&env);
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        out,
        format!(
            "Restored {} into {}.\nThe database it replaced is kept at {}.\n",
            copy.display(),
            env.db.display(),
            aside[0].display()
        )
    );
    assert_eq!(export_of(&env, &env.db), before);
    #[cfg(unix)]
    assert_eq!(mode(&aside[0]), 0o600);
    assert_eq!(export_of(&env, &aside[0]), changed);
    // The backup was only read.
    assert_eq!(fs::read(&copy).unwrap(), copy_bytes);
    assert_eq!(companions(&copy), Vec::<PathBuf>::new());
}

#[test]
fn a_backup_never_replaces_a_file_unless_asked() {
    let env = Env::new();
    fill(&env);
    let taken = env.dir.path().join("taken.db");
    fs::write(&taken, "something else").unwrap();
    let err = env.fails(&["backup", taken.to_str().unwrap()]);
    assert!(
        err.contains("taken.db already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read(&taken).unwrap(), b"something else");

    env.ok(&["backup", "--force", taken.to_str().unwrap()]);
    assert_eq!(export_of(&env, &taken), export_of(&env, &env.db));

    let err = env.fails(&["backup", "--force", env.db.to_str().unwrap()]);
    assert!(err.contains("the database itself"), "{err}");

    // A folder gets a dated copy inside it.
    let folder = env.dir.path().join("backups");
    fs::create_dir(&folder).unwrap();
    let out = env.ok(&["backup", folder.to_str().unwrap()]);
    let made: Vec<PathBuf> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(made.len(), 1);
    let name = made[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("afterglow-") && name.ends_with(".db") && name.len() == 28,
        "{name}"
    );
    assert!(out.contains(&name), "{out}");

    // A folder that is not there yet is named as such.
    let missing = format!("{}/", env.dir.path().join("nowhere").display());
    let err = env.fails(&["backup", &missing]);
    assert!(err.contains("there is no folder"), "{err}");
    assert!(!env.dir.path().join("nowhere").exists());
}

#[test]
fn a_backup_is_whole_while_another_connection_writes() {
    let env = Env::new();
    fill(&env);
    let before = export_of(&env, &env.db);

    // Another process holding the write lock in the middle of a write: the
    // backup neither waits for it nor sees it.
    let other = rusqlite::Connection::open(&env.db).unwrap();
    other
        .execute_batch(
            "BEGIN IMMEDIATE; \
             INSERT INTO journal (written_at, updated_at, body) VALUES (1, 1, 'not yet');",
        )
        .unwrap();
    let during = env.dir.path().join("during.db");
    let started = Instant::now();
    env.ok(&["backup", during.to_str().unwrap()]);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "it waited for the lock"
    );
    other.execute_batch("COMMIT").unwrap();
    assert_eq!(export_of(&env, &during), before);

    // A writer committing as fast as it can, like a dashboard saving a
    // draft on every key.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU32::new(0));
    let writer = {
        let (stop, written) = (Arc::clone(&stop), Arc::clone(&written));
        let db = env.db.clone();
        thread::spawn(move || {
            let conn = rusqlite::Connection::open(&db).unwrap();
            while !stop.load(Ordering::Relaxed) {
                let n = written.load(Ordering::Relaxed);
                conn.execute(
                    "INSERT INTO journal (written_at, updated_at, body) VALUES (?1, ?1, ?2)",
                    rusqlite::params![1_772_442_000 + i64::from(n), format!("entry {n}")],
                )
                .unwrap();
                written.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    let started = Instant::now();
    while written.load(Ordering::Relaxed) < 5 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the writer never wrote"
        );
        thread::sleep(Duration::from_millis(5));
    }
    let mut counts = Vec::new();
    for i in 0..3 {
        let copy = env.dir.path().join(format!("busy-{i}.db"));
        env.ok(&["backup", copy.to_str().unwrap()]);
        let entries = export_of(&env, &copy)["journal"].as_array().unwrap().len();
        counts.push(entries);
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    // Each copy holds whole commits only, and later copies hold more.
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(counts[0] >= 2 + 5, "{counts:?}");
    let total = 2 + usize::try_from(written.load(Ordering::Relaxed)).unwrap();
    assert!(counts[2] <= total, "{counts:?} of {total}");
}

#[test]
fn a_restore_reaches_a_connection_that_is_open() {
    let env = Env::new();
    fill(&env);
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    env.ok(&["journal", "add", "written after the backup"]);

    // What a dashboard polls once a second.
    let dashboard = rusqlite::Connection::open(&env.db).unwrap();
    let version = |c: &rusqlite::Connection| -> i64 {
        c.pragma_query_value(None, "data_version", |r| r.get(0))
            .unwrap()
    };
    let count = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM journal", [], |r| r.get(0))
            .unwrap()
    };
    let seen = version(&dashboard);
    assert_eq!(count(&dashboard), 2);
    env.ok(&["restore", copy.to_str().unwrap()]);
    assert_ne!(version(&dashboard), seen);
    assert_eq!(count(&dashboard), 1);
}

#[test]
fn bad_backups_are_refused_byte_for_byte_untouched() {
    let env = Env::new();
    fill(&env);
    let current = export_of(&env, &env.db);
    let dir = env.dir.path();

    let foreign = dir.join("foreign.sqlite");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);

    let newer = dir.join("newer.db");
    env.ok(&["backup", newer.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);

    let damaged = dir.join("damaged.db");
    env.ok(&["backup", damaged.to_str().unwrap()]);
    damage(&damaged);

    let notes = dir.join("notes.txt");
    fs::write(&notes, "my own notes, not a database\n".repeat(100)).unwrap();

    for (file, words) in [
        (&foreign, "is not an afterglow database"),
        (&newer, "was written by a newer afterglow (schema 99"),
        (&damaged, "looks damaged"),
        (
            &notes,
            "is not an afterglow database (it is not a SQLite file)",
        ),
    ] {
        let bytes = fs::read(file).unwrap();
        let err = env.fails(&["restore", file.to_str().unwrap()]);
        assert!(
            err.starts_with(&format!(
                "afterglow: could not restore {}\n",
                file.display()
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!("{} {words}", file.display())),
            "{err}"
        );
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(fs::read(file).unwrap(), bytes, "{}", file.display());
        assert_eq!(companions(file), Vec::<PathBuf>::new());
        assert_eq!(export_of(&env, &env.db), current);
        assert_eq!(asides(&env), Vec::<PathBuf>::new());
    }
    let err = env.fails(&["restore", env.db.to_str().unwrap()]);
    assert!(err.contains("the database itself"), "{err}");
}

#[test]
fn a_restore_with_no_database_makes_one() {
    let env = Env::new();
    fill(&env);
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let want = export_of(&env, &copy);

    let fresh = env.dir.path().join("elsewhere").join("afterglow.db");
    let out = env
        .bare()
        .arg("--db")
        .arg(&fresh)
        .args(["restore", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "Restored {} into {} (there was no database there yet).\n",
            copy.display(),
            fresh.display()
        )
    );
    #[cfg(unix)]
    assert_eq!(mode(&fresh), 0o600);
    assert_eq!(export_of(&env, &fresh), want);
}

#[test]
fn a_damaged_database_is_set_aside_whole_and_replaced() {
    let env = Env::new();
    fill(&env);
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let want = export_of(&env, &copy);
    damage(&env.db);
    let bytes = fs::read(&env.db).unwrap();
    env.fails(&["status"]);

    let out = env.ok(&["restore", copy.to_str().unwrap()]);
    let aside = asides(&env);
    // `backup` only read the database, as an ordinary SQLite reader that
    // left the empty -wal and the -shm every reader makes; they go along.
    let kept = &aside[0];
    assert_eq!(
        aside[1..],
        [
            PathBuf::from(format!("{}-shm", kept.display())),
            PathBuf::from(format!("{}-wal", kept.display()))
        ],
        "{aside:?}"
    );
    assert!(
        out.contains("could not be opened (it looks damaged")
            && out.contains(&format!("kept, unchanged, at {}", kept.display())),
        "{out}"
    );
    assert_eq!(fs::read(kept).unwrap(), bytes);
    assert_eq!(fs::read(&aside[2]).unwrap(), b"");
    assert_eq!(export_of(&env, &env.db), want);
}

/// A restore killed (SIGKILL) at any moment: the database still opens and
/// holds either what it held or the backup, and a file under a
/// before-restore name is a whole copy of what was replaced, never part of
/// one. Half the rounds kill the moment such a name appears.
#[cfg(unix)]
#[test]
fn a_restore_killed_at_any_moment_leaves_only_whole_files() {
    use std::process::Stdio;

    let env = Env::new();
    env.ok(&["demo", "--years", "2"]);
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let restored = export_of(&env, &copy);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..12 {
        env.ok(&["journal", "add", &format!("written in round {round}")]);
        let before = export_of(&env, &env.db);
        let had = asides(&env);
        let mut child = env
            .command()
            .args(["restore", copy.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round % 2 == 0 {
            while asides(&env).len() == had.len() && child.try_wait().unwrap().is_none() {}
        } else {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            thread::sleep(Duration::from_micros(seed % 60_000));
        }
        let _ = child.kill();
        child.wait().unwrap();

        let after = export_of(&env, &env.db);
        assert!(
            after == before || after == restored,
            "round {round}: the database holds neither what it held nor the backup"
        );
        for aside in asides(&env).into_iter().filter(|p| !had.contains(p)) {
            assert_eq!(
                export_of(&env, &aside),
                before,
                "round {round}: {} is not a whole copy of what was replaced",
                aside.display()
            );
        }
    }
}

/// Another program (sqlite3, a sync tool) stopped half-way through changing
/// `backup`: a copy of it as that left it, with its hot `-journal`.
/// Answers the copy's journal.
fn caught_half_way(backup: &Path, crashed: &Path) -> PathBuf {
    let conn = rusqlite::Connection::open(backup).unwrap();
    // Enough change for a page cache of one page to spill into the file:
    // SQLite then seals the journal (and only then is it hot).
    conn.execute_batch(
        "PRAGMA cache_size = 1; BEGIN;
         UPDATE journal SET body = body || ' (half-way)';
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
         INSERT INTO journal (written_at, updated_at, body)
             SELECT 1772445600 + i, 1772445600 + i, printf('%.1000c', 'x') FROM n;",
    )
    .unwrap();
    let journal = PathBuf::from(format!("{}-journal", crashed.display()));
    fs::copy(backup, crashed).unwrap();
    fs::copy(format!("{}-journal", backup.display()), &journal).unwrap();
    drop(conn);
    journal
}

fn hidden_files(env: &Env) -> Vec<String> {
    fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn a_backup_with_a_hot_journal_is_restored_as_sqlite_would_and_left_alone() {
    let env = Env::new();
    fill(&env);
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let want = export_of(&env, &copy);
    let crashed = env.dir.path().join("crashed.db");
    let journal = caught_half_way(&copy, &crashed);
    let held = || (fs::read(&crashed).unwrap(), fs::read(&journal).unwrap());
    let before = held();

    env.ok(&["journal", "add", "written after the backup"]);
    let out = env.ok(&["restore", crashed.to_str().unwrap()]);
    assert!(
        out.contains(&format!("{} was beside the backup", journal.display()))
            && out.contains("undone in the restored copy")
            && out.contains("left as they were"),
        "{out}"
    );
    assert_eq!(export_of(&env, &env.db), want);
    assert_eq!(held(), before, "the backup or its journal changed");

    // What the refusal of a -wal advises works here too: a backup of it,
    // read from a private copy with the change undone.
    let again = env.dir.path().join("again.db");
    let out = env
        .bare()
        .arg("--db")
        .arg(&crashed)
        .args(["backup", again.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("afterglow: note: ") && stderr.contains("stopped half-way through"),
        "{stderr}"
    );
    assert_eq!(export_of(&env, &again), want);
    assert_eq!(held(), before, "reading changed the backup or its journal");
    assert_eq!(hidden_files(&env), Vec::<String>::new());
}

#[test]
fn a_database_with_a_broken_index_is_neither_backed_up_nor_written_to() {
    let env = Env::new();
    fill(&env);
    // An index that no longer matches its table; quick_check does not look.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX sessions_at ON sessions (id)'
             WHERE name = 'sessions_at';",
    )
    .unwrap();
    drop(conn);
    let bytes = fs::read(&env.db).unwrap();

    // A glance still works.
    env.ok(&["status"]);
    let copy = env.dir.path().join("copy.db");
    for args in [
        &["export"][..],
        &["backup", copy.to_str().unwrap()],
        &["journal", "add", "more words"],
    ] {
        let err = env.fails(args);
        assert!(
            err.contains("looks damaged") && err.contains("integrity check failed"),
            "{args:?}: {err}"
        );
        assert_eq!(fs::read(&env.db).unwrap(), bytes, "{args:?} wrote to it");
    }
    assert!(!copy.exists());
    assert_eq!(hidden_files(&env), Vec::<String>::new());

    // Asked to skip what it cannot read, an export still gets the words
    // out, and says what the full check found.
    let out = env.run(&["export", "--skip-bad"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("integrity check failed") && stderr.contains("--skip-bad"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!json["journal"].as_array().unwrap().is_empty(), "{json}");
    assert_eq!(fs::read(&env.db).unwrap(), bytes, "the export wrote to it");
}
