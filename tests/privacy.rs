//! Everything afterglow writes by default is readable by its owner only:
//! the database, its `-wal` and `-shm`, the folders it creates, and
//! exports. Every test here runs with the loosest umask (000), so a mode
//! that is right only thanks to the usual 022 or 077 umask fails.
//!
//! That the binary has no network code is checked by `.ci/run`'s greps.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use afterglow::store::Db;

fn loosest_umask() {
    // Process-wide, and the same for every test in this file, so setting it
    // from several threads is harmless.
    rustix::process::umask(rustix::fs::Mode::empty());
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The binary with a private home, a fixed zone and no inherited paths.
fn afterglow(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_afterglow"));
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("XDG_DATA_HOME")
        .env_remove("AFTERGLOW_DB")
        .env_remove("AFTERGLOW_CONFIG")
        .env("TZ", "UTC")
        .env("NO_COLOR", "1");
    c
}

fn ok(c: &mut Command) -> Output {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every command that writes, in order, against `--db path`.
fn write_everything(home: &Path, db: &Path) {
    let runs: &[&[&str]] = &[
        &["intention", "set", "be open"],
        &["session", "plan", "--at", "tomorrow 10:00"],
        &["session", "log", "--at", "yesterday 09:00"],
        &["journal", "add", "the light felt soft", "--mood", "7"],
        &["habit", "tick", "sleep", "--amount", "7.5"],
        &["therapy", "log", "--note", "talked"],
        &["status"],
    ];
    for args in runs {
        ok(afterglow(home).arg("--db").arg(db).args(*args));
    }
}

/// The database and whichever companions exist are 0600.
fn assert_private_files(db: &Path, want_companions: bool) {
    assert_eq!(mode(db), 0o600, "{}", db.display());
    for suffix in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let companion = PathBuf::from(name);
        if want_companions {
            assert!(companion.exists(), "{} is missing", companion.display());
        }
        if companion.exists() {
            assert_eq!(mode(&companion), 0o600, "{}", companion.display());
        }
    }
}

#[test]
fn cli_commands_make_private_files_in_private_folders() {
    loosest_umask();
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("new/deeper/afterglow.db");
    write_everything(home.path(), &db);
    assert_private_files(&db, false);
    assert_eq!(mode(&home.path().join("new")), 0o700);
    assert_eq!(mode(&home.path().join("new/deeper")), 0o700);
}

#[test]
fn the_wal_and_shm_are_private_while_the_dashboard_has_the_file_open() {
    loosest_umask();
    let home = tempfile::tempdir().unwrap();
    let db_path = home.path().join("afterglow.db");
    // What the dashboard does on start: `Db::open` and the defaults.
    let mut dashboard = Db::open(&db_path).unwrap();
    dashboard
        .ensure_defaults(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    // While it is open, the command line writes beside it, so the -wal and
    // -shm stay on disk to be looked at.
    write_everything(home.path(), &db_path);
    assert_private_files(&db_path, true);
    drop(dashboard);
    assert_private_files(&db_path, false);
}

#[test]
fn the_default_folder_is_private() {
    loosest_umask();
    for xdg in [true, false] {
        let home = tempfile::tempdir().unwrap();
        let mut c = afterglow(home.path());
        let data = if xdg {
            let data = home.path().join("xdg-data");
            c.env("XDG_DATA_HOME", &data);
            data
        } else {
            home.path().join(".local/share")
        };
        ok(c.args(["journal", "add", "no --db given", "--mood", "5"]));
        let folder = data.join("afterglow");
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
        assert_private_files(&folder.join("afterglow.db"), false);
        // Folders above it that afterglow had to make are private too.
        assert_eq!(mode(&data), 0o700, "{}", data.display());
    }
}

#[test]
fn exports_are_private_new_or_replaced() {
    loosest_umask();
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("afterglow.db");
    write_everything(home.path(), &db);
    let out = home.path().join("afterglow.json");
    ok(afterglow(home.path())
        .arg("--db")
        .arg(&db)
        .args(["export", "--out"])
        .arg(&out));
    assert_eq!(mode(&out), 0o600);
    let first = fs::read_to_string(&out).unwrap();
    assert!(first.contains("the light felt soft"));

    // A file the person already had there, readable by everyone: --force
    // replaces it with a fresh private file; its old mode is not kept.
    fs::write(&out, "an old export").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    ok(afterglow(home.path())
        .arg("--db")
        .arg(&db)
        .args(["export", "--force", "--out"])
        .arg(&out));
    assert_eq!(mode(&out), 0o600);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("the light felt soft")
    );
    // No temporary file is left beside it.
    let names: Vec<_> = fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("afterglow-tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
