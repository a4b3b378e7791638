//! `afterglow demo`: made-up data, kept apart from a person's own.

use super::*;

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Runs `demo` on `path`, which must be refused with its own name in the
/// message, and leaves it exactly as it was, with nothing new beside it.
fn refused_untouched(env: &Env, path: &Path) -> String {
    let before = fs::read(path).unwrap();
    let out = env
        .bare()
        .arg("--db")
        .arg(path)
        .args(["demo", "--years", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(path.to_str().unwrap()), "{stderr}");
    assert_eq!(fs::read(path).unwrap(), before, "the file was changed");
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!companion(path, suffix).exists(), "{suffix} left behind");
    }
    stderr
}

#[test]
fn a_demo_is_written_into_a_new_file() {
    let env = Env::new();
    let out = env.ok(&["demo", "--years", "1"]);
    let db = env.db.to_str().unwrap();
    assert!(
        out.starts_with(&format!("Wrote 1 year of made-up history to {db}: ")),
        "{out}"
    );
    assert!(out.ends_with(&format!("Open it with: afterglow --db {db}\n")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&env.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let status = env.json(&["status", "--json"]);
    assert!(status["last_session_at"].is_string(), "{status}");
    assert!(status["next_planned_at"].is_string(), "{status}");
    assert_ne!(status["phase"], "none", "{status}");
    assert!(env.ok(&["session", "list"]).lines().count() > 10);

    let export = env.json(&["export"]);
    let len = |key: &str| export[key].as_array().unwrap().len();
    for (key, words) in [
        ("sessions", "sessions"),
        ("intentions", "intentions"),
        ("journal", "journal entries"),
        ("therapy", "therapy visits"),
        ("ticks", "habit ticks"),
    ] {
        assert!(
            out.contains(&format!("{} {words}", len(key))),
            "{key}: {out}"
        );
    }
    assert!(len("sessions") >= 10 && len("journal") >= 300 && len("ticks") >= 1000);
    assert!(len("habits") > 3);
    let journal = export["journal"].as_array().unwrap();
    assert!(journal.iter().any(|e| e["session"].is_number()));
    assert!(journal.iter().any(|e| e["mood"].is_number()));
    let intentions = export["intentions"].as_array().unwrap();
    assert!(intentions.iter().any(|i| i["reflection"].is_string()));
    assert!(export["draft"].is_null());
}

#[test]
fn a_database_with_history_is_refused_and_left_alone() {
    let env = Env::new();
    env.ok(&["journal", "add", "my own words", "--mood", "6"]);
    let err = refused_untouched(&env, &env.db);
    assert!(err.contains("already holds a history"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    let export = env.json(&["export"]);
    assert_eq!(export["journal"].as_array().unwrap().len(), 1);
    assert!(export["sessions"].as_array().unwrap().is_empty());

    // A demo file is a history too: a second demo does not pile onto it.
    let other = Env::new();
    other.ok(&["demo", "--years", "1"]);
    refused_untouched(&other, &other.db);

    // So is a habit of one's own, even with nothing ticked.
    let habit = Env::new();
    habit.ok(&["habit", "add", "Walk"]);
    refused_untouched(&habit, &habit.db);
}

#[test]
fn an_older_file_with_history_is_refused_before_it_is_upgraded() {
    let env = Env::new();
    let path = env.dir.path().join("old.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", afterglow::store::APPLICATION_ID)
        .unwrap();
    afterglow::store::migrations::migrate_to(&mut conn, 1).unwrap();
    conn.execute(
        "INSERT INTO sessions (at, kind, status) VALUES (1772442000, 'lozenge', 'done')",
        [],
    )
    .unwrap();
    drop(conn);
    refused_untouched(&env, &path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn a_file_that_is_not_ours_is_refused_and_left_alone() {
    let env = Env::new();
    let text = env.dir.path().join("notes.txt");
    fs::write(&text, "my own notes, not a database\n".repeat(200)).unwrap();
    let err = refused_untouched(&env, &text);
    assert!(err.contains("not an afterglow database"), "{err}");
}

#[test]
fn a_database_without_history_takes_the_demo() {
    let env = Env::new();
    // A first run: the default habits and nothing else.
    env.ok(&["habit", "list"]);
    env.ok(&["demo", "--years", "1", "--seed", "7"]);
    let export = env.json(&["export"]);
    assert!(export["sessions"].as_array().unwrap().len() >= 6);
    let habits = export["habits"].as_array().unwrap();
    let sleep = habits.iter().filter(|h| h["name"] == "Sleep").count();
    assert_eq!(sleep, 1, "the default habits are reused, not doubled");
}

#[test]
fn bad_years_are_refused_before_anything_is_written() {
    let env = Env::new();
    for years in ["0", "51", "ten", "-3"] {
        let out = env.run(&["demo", &format!("--years={years}")]);
        assert_eq!(out.status.code(), Some(2), "{years}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--years"), "{stderr}");
        if years.parse::<u32>().is_ok() {
            assert!(stderr.contains("1..=50"), "{stderr}");
        }
    }
    assert!(!env.db.exists());
}

#[test]
fn without_a_terminal_the_throwaway_demo_makes_nothing() {
    let env = Env::new();
    let tmp = env.dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let out = env
        .bare()
        .env("TMPDIR", &tmp)
        .arg("demo")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("afterglow demo --db PATH"), "{stderr}");
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "no folder left");
    assert!(!env.dir.path().join("data").exists(), "the own database");

    // --open wants the dashboard too; the file is not written without it.
    let out = env.run(&["demo", "--open"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!env.db.exists());
}

#[test]
fn the_help_says_nothing_is_kept() {
    let env = Env::new();
    let help = env.ok(&["demo", "--help"]);
    assert!(help.contains("nothing is kept"), "{help}");
    assert!(help.contains("--years"), "{help}");
    assert!(env.ok(&["--help"]).contains("made-up data"));
}

/// The throwaway demo in a terminal of its own, with its temporary folder
/// in `tmp`, once its first frame is drawn.
#[cfg(unix)]
fn demo_on_a_terminal(env: &Env, tmp: &Path) -> super::pty::Pty {
    let mut cmd = env.bare();
    cmd.env("TMPDIR", tmp).args(["demo", "--years", "1"]);
    let pty = super::pty::Pty::spawn(cmd, 100, 30).unwrap();
    let first = pty.wait_for(
        |s| s.contains("Timeline") && s.contains("crisis"),
        std::time::Duration::from_secs(60),
    );
    assert!(first.is_ok(), "no first frame: {first:?}");
    assert_eq!(fs::read_dir(tmp).unwrap().count(), 1, "the demo's folder");
    pty
}

/// A closed terminal window (SIGHUP) or `kill` (SIGTERM) ends the demo
/// like `q` does: its made-up history is removed, as the README promises,
/// and the terminal is given back (the dashboard's screen is gone).
#[cfg(unix)]
#[test]
fn a_signal_removes_the_demo_folder_and_gives_the_terminal_back() {
    for signal in ["-HUP", "-TERM"] {
        let env = Env::new();
        let tmp = env.dir.path().join("tmp");
        fs::create_dir(&tmp).unwrap();
        let mut pty = demo_on_a_terminal(&env, &tmp);
        let sent = Command::new("kill")
            .args([signal, &pty.pid().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = pty
            .wait_timeout(std::time::Duration::from_secs(20))
            .unwrap()
            .unwrap_or_else(|| panic!("{signal}: the demo did not leave"));
        assert!(status.success(), "{signal}: {status:?}");
        pty.drain(std::time::Duration::from_secs(2));
        let left: Vec<_> = fs::read_dir(&tmp).unwrap().collect();
        assert!(left.is_empty(), "{signal}: {left:?} left behind");
        let screen = pty.screen().live_text();
        assert!(
            !screen.contains("Timeline"),
            "{signal}: the dashboard's screen is still up:\n{screen}"
        );
        assert!(!env.dir.path().join("data").exists(), "the own database");
    }
}

/// util-linux `setsid`, which gives a child a session of its own with a
/// terminal as its controlling one, as a terminal window does.
#[cfg(target_os = "linux")]
fn setsid() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join("setsid"))
        .find(|p| p.is_file())
}

/// The terminal window itself closed: the pty's master side goes away, the
/// kernel hangs the terminal up and sends SIGHUP, and reading input fails
/// or spins. The made-up history goes all the same.
#[cfg(target_os = "linux")]
#[test]
fn a_closed_terminal_window_removes_the_demo_folder() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};

    let Some(setsid) = setsid() else {
        eprintln!("skipped: no setsid to give the demo a terminal of its own");
        return;
    };
    let env = Env::new();
    let tmp = env.dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    // Only this test may hold the master: a child that inherited it (the
    // demo itself, or another test's) would keep the window "open".
    let (master, slave) = super::terminal::pty_pair();
    let size = rustix::termios::Winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&master, size).unwrap();
    let demo = env.bare();
    let mut cmd = Command::new(setsid);
    cmd.arg("-c").arg(demo.get_program());
    for (key, value) in demo.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    let slave = fs::File::from(slave);
    cmd.env("TMPDIR", &tmp)
        .args(["demo", "--years", "1"])
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    // Read until the first frame is drawn, answering the cursor query
    // crossterm may send, then close the master: the window is gone.
    let mut master = fs::File::from(master);
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(60);
    while !String::from_utf8_lossy(&seen).contains("Timeline") {
        assert!(Instant::now() < deadline, "no first frame");
        let n = master.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "the demo closed its terminal before drawing");
        if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
            master.write_all(b"\x1b[1;1R").unwrap();
        }
        seen.extend_from_slice(&buf[..n]);
    }
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 1, "the demo's folder");
    drop(master);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the demo did not leave after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let left: Vec<_> = fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "{left:?} left behind ({status:?})");
}
