//! What reaches a terminal: text from records and files, however crafted,
//! is shown without the characters a terminal obeys (escape sequences,
//! BEL, the C1 controls, direction overrides), while exports written to a
//! file or a pipe keep the text exactly as it is stored.

use std::io::Read;
use std::process::Stdio;

use super::*;

/// An entry that, printed raw, retitles the window (OSC 0 … BEL), clears
/// the screen (CSI 2 J), turns text red through the one-byte C1 CSI, and
/// shows "exe.png" as "gnp.exe" through a right-to-left override.
const CRAFTED: &str =
    "calm\u{1b}]0;owned\u{7}\u{1b}[2J day \u{9b}31mred \u{202e}gnp.exe\u{202c} \u{200f}end\u{7f}";
/// What a person sees of it: the words, none of the controls.
const SEEN: &str = "calm]0;owned[2J day 31mred gnp.exe end";
/// A habit name within the 40 characters a name may have.
const HABIT: &str = "Walk\u{1b}[2J\u{202e}ward";

/// The characters this test counts as dangerous, written here rather than
/// taken from the code under test. Line breaks and tabs are layout.
fn dangerous(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
        })
        .collect()
}

fn assert_safe(what: &str, text: &str) {
    let found = dangerous(text);
    assert!(found.is_empty(), "{what} printed {found:?}:\n{text:?}");
}

/// A fresh pseudo-terminal: its master and its slave. Both are CLOEXEC:
/// tests run side by side, and another test's child holding either open
/// would keep a read of the master from ever ending (or a closed window
/// "open").
#[cfg(unix)]
pub(crate) fn pty_pair() -> (rustix::fd::OwnedFd, rustix::fd::OwnedFd) {
    use rustix::fs::{Mode, OFlags};
    use rustix::pty::OpenptFlags;

    let master =
        rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .unwrap();
    rustix::pty::grantpt(&master).unwrap();
    rustix::pty::unlockpt(&master).unwrap();
    let name = rustix::pty::ptsname(&master, Vec::new()).unwrap();
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .unwrap();
    (master, slave)
}

/// Runs afterglow with stdout on a fresh pseudo-terminal and answers the
/// bytes it wrote there, as a terminal would have received them (the
/// terminal's own CR before each line end taken out again).
#[cfg(unix)]
fn on_a_terminal(env: &Env, args: &[&str]) -> String {
    let (master, slave) = pty_pair();
    let mut master = fs::File::from(master);
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // Ends with EIO once the child's side is closed; what was read
        // before that is kept.
        let _ = master.read_to_end(&mut bytes);
        bytes
    });
    let mut cmd = env.command();
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave))
        .stderr(Stdio::piped());
    let out = cmd.output().unwrap();
    // The Command holds our copy of the terminal; only then can the
    // reader see the end.
    drop(cmd);
    assert!(out.status.success(), "{args:?}: {out:?}");
    let bytes = reader.join().unwrap();
    String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
}

#[cfg(unix)]
#[test]
fn records_reach_a_terminal_without_the_controls_in_them() {
    let env = Env::new();
    let jrnl = env.dir.path().join("crafted.json");
    let entry = serde_json::json!({
        "title": CRAFTED, "body": "", "date": "2025-11-04", "time": "10:00",
        "tags": [], "starred": false,
    });
    let file = serde_json::json!({ "tags": {}, "entries": [entry] });
    fs::write(&jrnl, file.to_string()).unwrap();
    // A file name is printed back too.
    let named = env.dir.path().join("notes\u{1b}]0;owned\u{7}.json");
    fs::copy(&jrnl, &named).unwrap();
    let summary = env.ok(&[
        "import",
        "--from",
        "jrnl",
        "--dry-run",
        named.to_str().unwrap(),
    ]);
    assert_safe("an import summary", &summary);
    assert!(summary.contains("notes]0;owned.json"), "{summary}");
    env.ok(&["import", "--from", "jrnl", jrnl.to_str().unwrap()]);

    env.ok(&["session", "log", "--note", CRAFTED]);
    env.ok(&["therapy", "log", "--note", CRAFTED]);
    env.ok(&["intention", "set", CRAFTED]);
    assert_safe("habit add", &env.ok(&["habit", "add", HABIT]));
    assert_safe("habit tick", &env.ok(&["habit", "tick", HABIT]));
    for list in [
        ["journal", "list"],
        ["session", "list"],
        ["therapy", "list"],
        ["intention", "list"],
    ] {
        let out = env.ok(&list);
        assert_safe(&list.join(" "), &out);
        assert!(out.contains(SEEN), "{list:?} lost the words:\n{out}");
    }
    let habits = env.ok(&["habit", "list"]);
    assert_safe("habit list", &habits);
    assert!(habits.contains("Walk[2Jward"), "{habits}");

    // Error messages quote what was typed.
    let err = env.fails(&["habit", "tick", "nope\u{1b}]0;owned\u{7}\u{202e}"]);
    assert_safe("an error", &err);
    assert!(err.contains("nope]0;owned"), "{err}");

    // The report and the JSON on a terminal: shown safely.
    for format in ["md", "json"] {
        let shown = on_a_terminal(&env, &["export", "--format", format]);
        assert_safe(&format!("export --format {format} on a terminal"), &shown);
        assert!(shown.contains("]0;owned"), "{shown}");
    }
    assert_safe(
        "journal list on a terminal",
        &on_a_terminal(&env, &["journal", "list"]),
    );

    // Piped or written to a file, the report is still meant for reading:
    // its controls are shown as symbols (ESC as ␛), never written raw, so
    // that `cat report.md` obeys none of them. The JSON keeps every
    // character (below).
    let piped = env.ok(&["export", "--format", "md"]);
    assert!(piped.contains("calm␛]0;owned␇␛[2J day"), "{piped:?}");
    assert!(!piped.contains(['\u{1b}', '\u{7}']), "{piped:?}");
    let out = env.dir.path().join("report.md");
    env.ok(&["export", "--format", "md", "--out", out.to_str().unwrap()]);
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("calm␛]0;owned␇␛[2J day"), "{written:?}");
    assert!(!written.contains(['\u{1b}', '\u{7}']), "{written:?}");
    let json = env.json(&["export"]);
    let journal = json["journal"].as_array().unwrap();
    assert!(journal.iter().any(|e| e["body"] == CRAFTED), "{journal:?}");
}
