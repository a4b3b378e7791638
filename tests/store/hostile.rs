//! Bad files beyond the ones `open.rs` covers: databases cut short, a
//! `-wal` with no database beside it, read-only files and folders, and a
//! full disk. Every refusal must leave the folder byte-for-byte as it was
//! (the main file, its `-wal` and its `-shm`), and name the path.
//!
//! Tests run as root in some sandboxes, and root ignores permission bits.
//! The read-only cases then run the real binary as the unprivileged user
//! 65534 through `setpriv`, and skip with a message when that is not
//! possible. The full-disk case mounts a small tmpfs, which needs root; it
//! skips with a message elsewhere.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use afterglow::domain::SessionStatus;
use afterglow::store::{Db, NewEntry, StoreError};

use super::{WIDE, at, filled, mood, new_session, raw, snapshot, temp};

/// Opens `path`, expects a refusal that names it, and checks that not one
/// byte in the folder changed and no file appeared or vanished.
fn refused(path: &Path) -> StoreError {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Db::open(path).unwrap_err();
    assert_eq!(snapshot(dir), before, "refusing ({err}) changed the folder");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    err
}

// ------------------------------------------------------------- cut short

/// A real afterglow file, closed, and its length.
fn real_file() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (dir, path) = temp();
    filled(&path);
    let bytes = fs::read(&path).unwrap();
    assert!(!dir.path().join("afterglow.db-wal").exists());
    (dir, path, bytes)
}

#[test]
fn a_database_cut_short_is_refused_untouched() {
    let (_dir, _path, bytes) = real_file();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    assert!(bytes.len() > 10 * page);
    let cuts = [
        ("inside the magic", 10),
        ("inside the header", 70),
        ("the header only", 100),
        ("the first page only", page),
        ("half", bytes.len() / 2 / page * page),
        ("half a page off", bytes.len() - page / 2),
        ("the last page missing", bytes.len() - page),
    ];
    for (what, len) in cuts {
        let (_dir, path) = temp();
        fs::write(&path, &bytes[..len]).unwrap();
        let err = refused(&path);
        assert!(
            matches!(
                err,
                StoreError::Damaged { .. } | StoreError::NotAfterglow { .. }
            ),
            "{what} ({len} bytes): {err:?}"
        );
        assert!(
            err.to_string().contains("nothing was changed"),
            "{what}: {err}"
        );
    }
}

#[test]
fn an_empty_file_with_a_wal_beside_it_is_refused_untouched() {
    let (dir, path) = temp();
    fs::write(&path, "").unwrap();
    fs::write(dir.path().join("afterglow.db-wal"), vec![7u8; 4096]).unwrap();
    match refused(&path) {
        StoreError::NotAfterglow { reason, .. } => assert!(reason.contains("empty"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

// ------------------------------------------------------ a -wal on its own

/// A `-wal` holding real, uncheckpointed writes, and the path of the
/// database it belonged to, which is then gone.
fn orphaned_wal() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (dir, path) = temp();
    let mut db = Db::open(&path).unwrap();
    // Keep a reader's snapshot open so that nothing is checkpointed.
    let reader = raw(&path);
    reader
        .execute_batch("BEGIN; SELECT COUNT(*) FROM sessions;")
        .unwrap();
    db.add_entry(&NewEntry {
        written_at: at(2, 10),
        body: format!("{WIDE} only in the wal"),
        mood: mood(6),
        session: None,
    })
    .unwrap();
    let wal = fs::read(dir.path().join("afterglow.db-wal")).unwrap();
    assert!(wal.len() > 32, "the writes are in the -wal");
    drop(reader);
    drop(db);
    for name in ["afterglow.db", "afterglow.db-wal", "afterglow.db-shm"] {
        let _ = fs::remove_file(dir.path().join(name));
    }
    fs::write(dir.path().join("afterglow.db-wal"), &wal).unwrap();
    (dir, path, wal)
}

/// A `-wal` with no database beside it may hold the only copy of someone's
/// last writes (the database was moved, or deleted by hand). Creating a
/// fresh database there would make SQLite delete that `-wal` (it does so
/// beside an empty file) or read it into the new file, so afterglow
/// refuses and changes nothing.
#[test]
fn a_wal_without_its_database_is_left_alone() {
    let (dir, path, wal) = orphaned_wal();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("afterglow.db-wal"), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");
    assert!(!path.exists(), "no new database was started");
    assert_eq!(fs::read(dir.path().join("afterglow.db-wal")).unwrap(), wal);
}

#[test]
fn a_journal_without_its_database_is_left_alone() {
    let (dir, path) = temp();
    fs::write(dir.path().join("afterglow.db-journal"), vec![1u8; 512]).unwrap();
    let err = refused(&path);
    assert!(err.to_string().contains("afterglow.db-journal"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_lone_shm_does_not_stop_a_new_database() {
    // The -shm holds no data, only an index SQLite rebuilds.
    let (dir, path) = temp();
    fs::write(dir.path().join("afterglow.db-shm"), vec![0u8; 32768]).unwrap();
    let mut db = Db::open(&path).unwrap();
    db.add_therapy(at(1, 9), None).unwrap();
}

#[test]
fn the_cli_refuses_an_orphaned_wal_too() {
    let (dir, path, wal) = orphaned_wal();
    let before = snapshot(dir.path());
    let out = cli(dir.path(), &path, &["status"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("afterglow.db-wal"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
    assert_eq!(fs::read(dir.path().join("afterglow.db-wal")).unwrap(), wal);
}

// ------------------------------------------------------------- read-only

fn cli_command(home: &Path, db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_afterglow"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("AFTERGLOW_DB")
        .env_remove("AFTERGLOW_CONFIG")
        .env("TZ", "UTC");
    c
}

/// The real binary on `db`, with a private home and a fixed zone.
pub(super) fn cli(home: &Path, db: &Path, args: &[&str]) -> Output {
    cli_command(home, db, args).output().unwrap()
}

/// Whether this process ignores permission bits (root, or a capability
/// such as CAP_DAC_OVERRIDE): it can open a 0400 file for writing.
fn ignores_modes(dir: &Path) -> bool {
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o400)).unwrap();
    let writable = fs::OpenOptions::new().write(true).open(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    writable
}

const NOBODY: u32 = 65534;

/// Runs the CLI as someone bound by permission bits: this process itself,
/// or user 65534 through `setpriv` when this process is root. `None` (with
/// a message) when neither is possible.
fn cli_bound_by_modes(home: &Path, db: &Path, args: &[&str]) -> Option<Output> {
    if !ignores_modes(home) {
        return Some(cli(home, db, args));
    }
    let mut c = Command::new("setpriv");
    c.args([
        &format!("--reuid={NOBODY}"),
        &format!("--regid={NOBODY}"),
        "--clear-groups",
    ]);
    let inner = cli_command(home, db, args);
    c.arg(inner.get_program()).args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    match c.output() {
        Ok(out) if !String::from_utf8_lossy(&out.stderr).contains("setpriv:") => Some(out),
        Ok(out) => {
            eprintln!(
                "SKIPPED: running as root, which ignores file modes, and setpriv failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            None
        }
        Err(e) => {
            eprintln!(
                "SKIPPED: running as root, which ignores file modes, and setpriv is not available ({e})"
            );
            None
        }
    }
}

/// A folder that user 65534 can reach, holding a filled database owned by
/// whoever will run the CLI.
fn shared_home() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let path = data.join("afterglow.db");
    filled(&path);
    if ignores_modes(dir.path()) {
        // The binary must be reachable by the other user too; it lives under
        // the target folder, which is world-readable in a normal build.
        for p in [dir.path(), data.as_path(), path.as_path()] {
            std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    }
    (dir, path)
}

fn assert_refused_untouched(
    out: &Output,
    folder: &Path,
    before: &BTreeMap<OsString, Vec<u8>>,
    path: &Path,
) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "it ran: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert_eq!(
        &snapshot(folder),
        before,
        "the refusal changed the folder: {stderr}"
    );
}

/// A command that only reads works where nothing may be written, and
/// changes nothing: every file keeps its bytes. The only files it may add
/// are the empty `-wal` and the `-shm` that any SQLite reader of a WAL
/// database creates where it can.
fn assert_read_untouched(out: &Output, folder: &Path, before: &BTreeMap<OsString, Vec<u8>>) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "status failed: {stderr}");
    assert!(!out.stdout.is_empty());
    let after = snapshot(folder);
    for (name, bytes) in before {
        assert!(
            after.get(name) == Some(bytes),
            "reading changed {name:?}: {stderr}"
        );
    }
    for (name, bytes) in &after {
        let name = name.to_string_lossy();
        if !before.contains_key(std::ffi::OsStr::new(&*name)) {
            assert!(
                name == "afterglow.db-shm" || (name == "afterglow.db-wal" && bytes.is_empty()),
                "reading added {name} ({} bytes)",
                bytes.len()
            );
        }
    }
}

#[test]
fn a_read_only_database_is_refused_for_writing_clearly_and_untouched() {
    let (home, path) = shared_home();
    let folder = path.parent().unwrap().to_path_buf();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let before = snapshot(&folder);
    if !ignores_modes(home.path()) {
        let err = Db::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
        assert_eq!(snapshot(&folder), before);
    }
    let Some(out) = cli_bound_by_modes(home.path(), &path, &["status"]) else {
        return;
    };
    assert_read_untouched(&out, &folder, &before);
    let before = snapshot(&folder);
    let Some(out) = cli_bound_by_modes(
        home.path(),
        &path,
        &["journal", "add", "a new line", "--mood", "5"],
    ) else {
        return;
    };
    assert_refused_untouched(&out, &folder, &before, &path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Permission denied"), "{stderr}");
}

#[test]
fn a_read_only_folder_is_refused_for_writing_clearly_and_untouched() {
    let (home, path) = shared_home();
    let folder = path.parent().unwrap().to_path_buf();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o500)).unwrap();
    let before = snapshot(&folder);
    let restore = || fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
    if !ignores_modes(home.path()) {
        let err = Db::open(&path).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains(&folder.display().to_string()), "{text}");
        assert_eq!(snapshot(&folder), before);
    }
    let Some(out) = cli_bound_by_modes(home.path(), &path, &["status"]) else {
        restore();
        return;
    };
    assert_read_untouched(&out, &folder, &before);
    let Some(out) = cli_bound_by_modes(home.path(), &path, &["journal", "add", "a line"]) else {
        restore();
        return;
    };
    assert_refused_untouched(&out, &folder, &before, &path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("in {}", folder.display())),
        "{stderr}"
    );
    restore();
}

// -------------------------------------------------------------- full disk

use crate::disk::SmallDisk;

/// Fills the file system until a write fails; returns the filler's path.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let block = vec![0xA5u8; 4096];
    while f.write_all(&block).and_then(|()| f.sync_all()).is_ok() {}
    filler
}

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing() {
    let Some(disk) = SmallDisk::mount("2m") else {
        return;
    };
    let path = disk.path().join("afterglow.db");
    let mut db = Db::open(&path).unwrap();
    db.ensure_defaults(super::day(1)).unwrap();
    let kept = db
        .add_session(&new_session(at(2, 9), SessionStatus::Done))
        .unwrap();
    let entry = |i: usize| NewEntry {
        written_at: at(2, 10),
        body: format!("{WIDE} {i} {}", "words ".repeat(200)),
        mood: mood(5),
        session: Some(kept.id),
    };
    let stored: Vec<_> = (0..20).map(|i| db.add_entry(&entry(i)).unwrap()).collect();
    let filler = fill(disk.path());

    // The store: writes fail with a clear error, and keep failing cleanly.
    let mut failures = 0;
    for i in 100..400 {
        match db.add_entry(&entry(i)) {
            Ok(_) => {}
            Err(e) => {
                let text = e.to_string();
                assert!(text.contains("full"), "{text}");
                failures += 1;
            }
        }
    }
    assert!(failures > 0, "the disk never filled");
    // The draft, saved on every keystroke, fails the same way.
    let draft = afterglow::store::Draft {
        editing: None,
        body: "x".repeat(1 << 20),
        mood: None,
        cursor: 0,
        saved_at: at(3, 9),
    };
    if let Err(e) = db.save_draft(&draft) {
        assert!(e.to_string().contains("full"), "{e}");
    }
    let count_in_app = db.entry_count().unwrap();
    assert!(count_in_app >= stored.len());

    // The command line, on the same full disk.
    let home = tempfile::tempdir().unwrap();
    // Too long for one argument (128 KiB), so through a pipe as `echo … |
    // afterglow journal add` would send it; within the 256 KiB an entry
    // may hold.
    let mut child = cli_command(home.path(), &path, &["journal", "add"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all("many words ".repeat(20_000).as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a write on a full disk succeeded");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("full"), "{stderr}");
    drop(db);

    // Nothing stored before is lost, and the file is sound, both while the
    // disk is still full and after space is freed.
    for freed in [false, true] {
        if freed {
            fs::remove_file(&filler).unwrap();
        }
        let check = raw(&path);
        let ok: String = check
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        drop(check);
        let db = Db::open(&path).unwrap();
        let entries = db.entries(10_000).unwrap();
        for e in &stored {
            assert!(entries.contains(e), "entry {:?} lost", e.id);
        }
        assert_eq!(db.sessions().unwrap(), vec![kept.clone()]);
        assert_eq!(entries.len(), count_in_app);
    }
    let mut db = Db::open(&path).unwrap();
    db.add_entry(&entry(999)).unwrap();
}
