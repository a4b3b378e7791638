//! Ctrl-e in the journal editor: the real dashboard, in a pseudo-terminal,
//! hands its draft to $VISUAL (a shell script standing in for vi), lends
//! it the terminal, and takes the text back, or keeps the draft exactly as
//! it was when the editor fails.
//!
//! The stand-in reads a line from the terminal the way an editor reads
//! keys, so a dashboard still reading its input would steal them, and it
//! writes down the terminal's mode, so a dashboard still in raw mode shows.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/pty.rs"]
mod pty;

use binary::{COLS, Env, ROWS, editor_open, loaded};
use pty::{Pty, keys};

/// Only a broken program waits this long; a passing run takes a second or
/// two.
const PATIENCE: Duration = Duration::from_secs(10);

/// What the draft file is called, as the editor shows it.
const DRAFT_FILE: &str = "journal-draft.md";

fn script(env: &Env, name: &str, body: &str) -> PathBuf {
    let path = env.dir.path().join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A stand-in for vi. It says which time it is running (on the shell's
/// screen, which keeps what was there before), notes the terminal's mode, the draft's modes and path, then
/// reads one line from the terminal: `fail` appends words and exits 1,
/// `quit` exits 1 having written nothing, anything else is appended and
/// the editor exits 0.
fn fake_vi(env: &Env) -> PathBuf {
    let d = env.dir.path().display();
    script(
        env,
        "fake-vi.sh",
        &format!(
            r#"n=$(( $(cat '{d}/count' 2>/dev/null || echo 0) + 1 ))
echo "$n" > '{d}/count'
stty -a > '{d}/stty.txt'
ls -ld "$1" "$(dirname "$1")" > '{d}/modes.txt'
printf '%s' "$1" > '{d}/path.txt'
printf 'FAKE EDITOR %s on %s\n' "$n" "$(basename "$1")"
IFS= read -r line || exit 3
case "$line" in
  fail) printf 'words from a failing editor\n' >> "$1"; exit 1 ;;
  quit) exit 1 ;;
  *) printf '%s\n' "$line" >> "$1" ;;
esac"#
        ),
    )
}

fn tmp(env: &Env) -> PathBuf {
    let dir = env.dir.path().join("tmp");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The private folders still in the test's temporary folder.
fn left_behind(env: &Env) -> Vec<PathBuf> {
    fs::read_dir(tmp(env))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

/// The dashboard with its temporary files in the test's own folder, and
/// `vars` set (VISUAL and EDITOR are unset unless given here).
fn dashboard(env: &Env, vars: &[(&str, &Path)]) -> Pty {
    let mut cmd = env.command();
    cmd.env("TMPDIR", tmp(env));
    for (k, v) in vars {
        cmd.env(k, v);
    }
    Pty::spawn(cmd, COLS, ROWS).unwrap()
}

fn wait(pty: &Pty, what: &str, pred: impl Fn(&str) -> bool) -> String {
    pty.wait_for(pred, PATIENCE)
        .unwrap_or_else(|screen| panic!("waited {PATIENCE:?} for {what}; the screen:\n{screen}"))
}

/// Waits for the screen as it is this instant: the editor draws no frames
/// of the dashboard's kind.
fn wait_live(pty: &Pty, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let screen = pty.screen();
    let deadline = Instant::now() + PATIENCE;
    loop {
        let text = screen.live_text();
        if pred(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "waited {PATIENCE:?} for {what}; the screen:\n{text}"
        );
        thread::sleep(Duration::from_millis(5));
    }
}

/// Opens the journal editor and types `words`, until the screen (and so
/// the stored draft) holds them.
fn start_writing(pty: &mut Pty, words: &str) {
    wait(pty, "the dashboard to load", loaded);
    pty.send(b"2n").unwrap();
    wait(pty, "the journal editor", editor_open);
    pty.send_str(words).unwrap();
    wait(pty, "the typed words", |s| s.contains(words));
}

fn stored_draft(env: &Env) -> String {
    env.open_checked()
        .draft()
        .unwrap()
        .map(|d| d.body)
        .unwrap_or_default()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn hand_off(pty: &mut Pty, time: u32) {
    pty.send(&keys::ctrl('e')).unwrap();
    let shown = format!("FAKE EDITOR {time} on {DRAFT_FILE}");
    wait_live(pty, &shown, |s| s.contains(&shown));
}

#[test]
fn the_draft_goes_to_visual_and_comes_back() {
    let env = Env::new();
    let vi = fake_vi(&env);
    // VISUAL wins over EDITOR, as everywhere.
    let editor = script(&env, "editor.sh", "exit 5");
    let mut pty = dashboard(&env, &[("VISUAL", &vi), ("EDITOR", &editor)]);
    start_writing(&mut pty, "first words");

    // Written in the editor: the text comes back, the screen is the
    // dashboard's alone again, and the draft is stored.
    hand_off(&mut pty, 1);
    pty.send_str("typed in the editor 🌱\r").unwrap();
    let screen = wait(&pty, "the text back", |s| {
        s.contains("typed in the editor 🌱") && s.contains("Your text is back")
    });
    assert!(editor_open(&screen), "{screen}");
    assert!(
        !screen.contains("FAKE EDITOR") && !screen.contains("waiting for your editor"),
        "the dashboard was not repainted whole:\n{screen}"
    );
    assert_eq!(stored_draft(&env), "first words\ntyped in the editor 🌱");
    // The editor had a terminal in its ordinary mode, and a private file.
    let stty = fs::read_to_string(env.dir.path().join("stty.txt")).unwrap();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(
        flags.contains(&"icanon") && flags.contains(&"echo"),
        "still in raw mode: {stty}"
    );
    let modes = fs::read_to_string(env.dir.path().join("modes.txt")).unwrap();
    assert!(
        modes.contains("-rw-------") && modes.contains("drwx------"),
        "{modes}"
    );
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
    // Writing goes on in the dashboard, at the end of the text.
    pty.send_str(" and on").unwrap();
    wait(&pty, "more typing", |s| s.contains("🌱 and on"));
    let draft = "first words\ntyped in the editor 🌱 and on";

    // An editor that writes, then fails: the draft stays as it was, and
    // the editor's words stay on disk where the status line says.
    hand_off(&mut pty, 2);
    pty.send_str("fail\r").unwrap();
    let kept = PathBuf::from(fs::read_to_string(env.dir.path().join("path.txt")).unwrap());
    let screen = wait(&pty, "the kept file's path", |s| {
        s.contains(&format!(
            "Editor's text kept in {}; your draft is as it was",
            kept.display()
        ))
    });
    assert!(screen.contains("🌱 and on"), "{screen}");
    assert!(!screen.contains("failing editor"), "{screen}");
    assert_eq!(stored_draft(&env), draft);
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        format!("{draft}\nwords from a failing editor\n")
    );
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(mode(kept.parent().unwrap()), 0o700);
    fs::remove_dir_all(kept.parent().unwrap()).unwrap();

    // One that fails having written nothing: nothing to keep on disk.
    hand_off(&mut pty, 3);
    pty.send_str("quit\r").unwrap();
    wait(&pty, "the reason", |s| {
        s.contains("Your draft is as it was; the editor") && s.contains("exit status: 1")
    });
    assert_eq!(stored_draft(&env), draft);
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());

    // Ctrl-C in an editor that leaves the terminal's keys to it stops the
    // editor, not the dashboard.
    hand_off(&mut pty, 4);
    pty.send(&keys::ctrl('c')).unwrap();
    let screen = wait(&pty, "the dashboard after Ctrl-C", |s| {
        s.contains("Your draft is as it was") && !s.contains("exit status: 1")
    });
    assert!(screen.contains("🌱 and on"), "{screen}");
    assert_eq!(pty.wait_timeout(Duration::ZERO).unwrap(), None);
    pty.send_str(" still here").unwrap();
    wait(&pty, "typing after Ctrl-C", |s| s.contains("on still here"));
    assert_eq!(stored_draft(&env), format!("{draft} still here"));
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());

    // Esc and q leave as always, the draft kept.
    pty.send(keys::ESC).unwrap();
    wait(&pty, "the editor closed", |s| !editor_open(s));
    pty.send(b"q").unwrap();
    let status = pty.wait_timeout(PATIENCE).unwrap().expect("q quits");
    assert!(status.success(), "{status:?}");
    assert_eq!(stored_draft(&env), format!("{draft} still here"));
    // Where the failing editor's words were kept is still on the shell's
    // screen, long after the status line faded.
    pty.drain(PATIENCE);
    // A long line wraps; its rows are full, so they join back whole.
    let shell = pty.screen().live_text().replace('\n', "");
    assert!(
        shell.contains(&format!(
            "your draft is as it was. The editor's text is kept in {}",
            kept.display()
        )),
        "{shell}"
    );
}

#[test]
fn without_visual_or_editor_a_calm_word_and_nothing_changes() {
    let env = Env::new();
    let mut pty = dashboard(&env, &[]);
    start_writing(&mut pty, "only here");
    pty.send(&keys::ctrl('e')).unwrap();
    let screen = wait(&pty, "the word about the editor", |s| {
        s.contains("Set $VISUAL or $EDITOR to write in your own editor.")
    });
    assert!(
        editor_open(&screen) && screen.contains("only here"),
        "{screen}"
    );
    assert_eq!(stored_draft(&env), "only here");
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
    // The dashboard goes on as before.
    pty.send_str(", still").unwrap();
    wait(&pty, "more typing", |s| s.contains("only here, still"));
}
