//! The command line, end to end: the built binary on a temporary database,
//! with the time zone pinned through TZ and no dependence on $HOME.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, SecondsFormat, TimeDelta, Timelike, Utc};
use serde_json::Value;
use tempfile::TempDir;

// One test binary for the whole command line, split by command group; the
// files live under tests/cli/ so cargo does not build each on its own.
#[path = "cli/backup.rs"]
mod backup;
#[path = "cli/care.rs"]
mod care;
#[path = "cli/checkin.rs"]
mod checkin;
#[path = "cli/config.rs"]
mod config;
#[path = "cli/demo.rs"]
mod demo;
#[path = "support/disk.rs"]
mod disk;
#[path = "cli/export_formats.rs"]
mod export_formats;
#[path = "cli/habits.rs"]
mod habits;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/insights.rs"]
mod insights;
#[path = "cli/journal.rs"]
mod journal;
#[cfg(unix)]
#[path = "support/pty.rs"]
mod pty;
#[path = "cli/questionnaire.rs"]
mod questionnaire;
#[path = "cli/records.rs"]
mod records;
#[path = "cli/sessions.rs"]
mod sessions;
#[path = "cli/shell.rs"]
mod shell;
#[path = "cli/terminal.rs"]
mod terminal;
#[path = "support/text.rs"]
mod text;

/// A file's permission bits, as `ls -l` shows them.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

struct Env {
    dir: TempDir,
    db: PathBuf,
    tz: &'static str,
}

impl Env {
    fn new() -> Env {
        Env::in_zone("UTC")
    }

    fn in_zone(tz: &'static str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("afterglow.db");
        Env { dir, db, tz }
    }

    /// The binary with a private home and config, but no --db.
    fn bare(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_afterglow"));
        let home = self.dir.path();
        c.env("TZ", self.tz)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1");
        for var in ["AFTERGLOW_DB", "AFTERGLOW_CONFIG", "VISUAL", "EDITOR"] {
            c.env_remove(var);
        }
        c
    }

    fn command(&self) -> Command {
        let mut c = self.bare();
        c.arg("--db").arg(&self.db);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with exit code 1; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("afterglow: "), "{stderr}");
        stderr
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    }
}

// The checked constructors: clippy.toml bans the panicking ones everywhere.
fn minutes(n: i64) -> TimeDelta {
    TimeDelta::try_minutes(n).unwrap()
}

fn hours(n: i64) -> TimeDelta {
    TimeDelta::try_hours(n).unwrap()
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::try_days(n).unwrap()
}

fn rfc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A whole minute some days ago, so that it is safely in the past.
fn days_ago(n: i64) -> DateTime<Utc> {
    let t = Utc::now() - days(n);
    t.with_second(0).unwrap().with_nanosecond(0).unwrap()
}

fn assert_refused_unchanged(env: &Env, path: &Path) {
    let before = fs::read(path).unwrap();
    let out = env
        .bare()
        .arg("--db")
        .arg(path)
        .arg("status")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(path.to_str().unwrap()), "{stderr}");
    assert_eq!(fs::read(path).unwrap(), before, "the file was changed");
}

#[test]
fn a_foreign_file_is_refused_and_left_alone() {
    let env = Env::new();
    let text = env.dir.path().join("notes.txt");
    fs::write(&text, "my own notes, not a database\n".repeat(200)).unwrap();
    assert_refused_unchanged(&env, &text);

    let other = env.dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    assert_refused_unchanged(&env, &other);
}

#[test]
fn config_and_env_paths_are_honoured() {
    let env = Env::new();
    let config = env.dir.path().join("custom.toml");
    fs::write(&config, "[window]\nopen_hours = 60\n").unwrap();
    let at = days_ago(1);
    let db = env.dir.path().join("from-env.db");
    let out = env
        .bare()
        .env("AFTERGLOW_DB", &db)
        .env("AFTERGLOW_CONFIG", &config)
        .args(["session", "log", "--at", &rfc(at)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let closes = at + hours(60);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for part in [closes.format("%-d %b"), closes.format("%H:%M.")] {
        assert!(stdout.contains(&part.to_string()), "{stdout}");
    }
    assert!(db.exists());

    let missing = env.dir.path().join("missing.toml");
    let err = env.fails(&["--config", missing.to_str().unwrap(), "status"]);
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn empty_path_variables_count_as_not_set() {
    let env = Env::new();
    let out = env
        .bare()
        .env("AFTERGLOW_DB", "")
        .env("AFTERGLOW_CONFIG", "")
        .args(["session", "log"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    // The platform data folder under the private XDG_DATA_HOME.
    assert!(env.dir.path().join("data/afterglow/afterglow.db").exists());
}

#[test]
fn every_command_has_help() {
    let env = Env::new();
    let top = env.ok(&["--help"]);
    assert!(
        top.contains("not medical advice") && top.contains("988"),
        "{top}"
    );
    let commands: &[&[&str]] = &[
        &["session"],
        &["session", "log"],
        &["session", "plan"],
        &["session", "list"],
        &["intention"],
        &["intention", "set"],
        &["intention", "reflect"],
        &["intention", "list"],
        &["habit"],
        &["habit", "tick"],
        &["habit", "untick"],
        &["habit", "list"],
        &["habit", "add"],
        &["habit", "edit"],
        &["habit", "archive"],
        &["habit", "restore"],
        &["journal"],
        &["journal", "add"],
        &["journal", "list"],
        &["therapy"],
        &["therapy", "log"],
        &["therapy", "list"],
        &["status"],
        &["export"],
        &["import"],
        &["backup"],
        &["restore"],
        &["config"],
        &["config", "path"],
        &["config", "init"],
        &["config", "show"],
        &["completions"],
        &["man"],
        &["demo"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        let out = env.ok(&args);
        assert!(out.contains("Usage: afterglow"), "{cmd:?}: {out}");
    }
    assert!(!env.db.exists(), "help must not create the database");
}
