//! `afterglow checkin`: a quick rating of the day, one a day as the rhythm.

use super::*;

#[test]
fn a_check_in_is_saved_and_listed() {
    let env = Env::in_zone("Europe/Berlin");
    let out = env.ok(&[
        "checkin",
        "--mood",
        "6",
        "--anxiety",
        "3",
        "--energy",
        "0",
        "--note",
        "slow morning,\nbright afternoon",
        "--at",
        "yesterday 09:12",
    ]);
    assert_eq!(
        out,
        "Saved your check-in for yesterday (mood 6, anxiety 3, energy 0).\n"
    );
    let list = env.json(&["checkin", "list", "--json"]);
    let c = &list[0];
    assert_eq!(
        (c["mood"].as_i64(), c["anxiety"].as_i64()),
        (Some(6), Some(3))
    );
    assert_eq!(c["energy"], 0);
    // One line: the line break became a space.
    assert_eq!(c["note"], "slow morning, bright afternoon");
    let table = env.ok(&["checkin", "list"]);
    assert!(
        table.contains("09:12") && table.contains("slow morning"),
        "{table}"
    );
    let since = env.json(&["checkin", "list", "--since", "today", "--json"]);
    assert_eq!(since, serde_json::json!([]));
}

#[test]
fn a_second_check_in_the_same_day_needs_a_choice_without_a_terminal() {
    let env = Env::in_zone("Europe/Berlin");
    env.ok(&["checkin", "--mood", "6", "--at", "yesterday 09:12"]);
    let err = env.fails(&["checkin", "--mood", "4", "--at", "yesterday 20:00"]);
    assert!(
        err.contains("you checked in yesterday at 09:12 (mood 6)"),
        "{err}"
    );
    assert!(err.contains("--replace") && err.contains("--add"), "{err}");
    assert!(err.contains("nothing was saved"), "{err}");
    assert_eq!(
        env.json(&["checkin", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let out = env.ok(&[
        "checkin",
        "--mood",
        "4",
        "--at",
        "yesterday 20:00",
        "--replace",
    ]);
    assert!(
        out.starts_with("Replaced your check-in for yesterday"),
        "{out}"
    );
    let list = env.json(&["checkin", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["mood"], 4);

    let saved = env.json(&[
        "checkin",
        "--mood",
        "7",
        "--at",
        "yesterday 21:00",
        "--add",
        "--json",
    ]);
    assert_eq!(saved["mood"], 7);
    let moods: Vec<i64> = env
        .json(&["checkin", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mood"].as_i64().unwrap())
        .collect();
    assert_eq!(moods, vec![7, 4], "newest first, both kept");
    // Another day is simply another check-in.
    env.ok(&["checkin", "--mood", "5"]);
}

#[test]
fn a_low_check_in_gets_the_journals_gentle_answer() {
    let env = Env::new();
    let out = env.run(&["checkin", "--mood", "2"]);
    assert!(out.status.success());
    let said = text::flat(&String::from_utf8_lossy(&out.stderr));
    for words in [
        afterglow::care::LOW_MOOD,
        afterglow::care::IN_DANGER,
        afterglow::care::TO_TALK,
    ] {
        assert!(said.contains(words), "{words:?} in {said}");
    }
    let out = env.run(&["checkin", "--mood", "3", "--add"]);
    assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
}

#[test]
fn what_a_check_in_cannot_hold_is_refused() {
    let env = Env::new();
    let usage = |args: &[&str]| {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(usage(&["checkin"]).contains("--mood"));
    assert!(usage(&["checkin", "--mood", "11"]).contains("from 1 to 10"));
    assert!(usage(&["checkin", "--mood", "5", "--anxiety", "11"]).contains("from 0 to 10"));
    assert!(usage(&["checkin", "--mood", "5", "--replace", "--add"]).contains("--add"));
    let long = "a".repeat(201);
    let err = env.fails(&["checkin", "--mood", "5", "--note", &long]);
    assert!(err.contains("at most 200 characters"), "{err}");
    let err = env.fails(&["checkin", "--mood", "5", "--at", "tomorrow 10:00"]);
    assert!(err.contains("still ahead"), "{err}");
    assert_eq!(
        env.json(&["checkin", "list", "--json"]),
        serde_json::json!([])
    );
}

/// On a terminal, a second check-in the same day asks: `r` replaces,
/// `a` keeps both, anything else saves nothing.
#[cfg(unix)]
#[test]
fn on_a_terminal_a_second_check_in_asks_replace_or_keep_both() {
    use std::time::Duration;
    let env = Env::in_zone("Europe/Berlin");
    env.ok(&["checkin", "--mood", "6", "--at", "yesterday 09:12"]);
    let count = || {
        env.json(&["checkin", "list", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    for (answer, kept, said) in [
        ("x\r", 1, "Nothing was saved."),
        ("r\r", 1, "Replaced your check-in for yesterday"),
        ("a\r", 2, "Saved your check-in for yesterday"),
    ] {
        let mut cmd = env.command();
        cmd.args(["checkin", "--mood", "4", "--at", "yesterday 20:00"]);
        let mut pty = super::pty::Pty::spawn(cmd, 100, 10).unwrap();
        let asked = pty.wait_for(
            |s| s.contains("Replace it, or keep both?"),
            Duration::from_secs(20),
        );
        let asked = asked.unwrap_or_else(|s| panic!("not asked:\n{s}"));
        assert!(asked.contains("You checked in yesterday at"), "{asked}");
        pty.send_str(answer).unwrap();
        let done = pty.wait_for(|s| s.contains(said), Duration::from_secs(20));
        assert!(done.is_ok(), "{answer:?}: {done:?}");
        let status = pty.wait_timeout(Duration::from_secs(20)).unwrap();
        assert!(status.is_some_and(|s| s.success()), "{answer:?}");
        assert_eq!(count(), kept, "{answer:?}");
    }
}

/// A note is shown on terminals and in reports: controls that would
/// recolour the screen or turn the words around are not kept.
#[test]
fn a_note_keeps_no_control_or_direction_characters() {
    let env = Env::new();
    env.ok(&[
        "checkin",
        "--mood",
        "5",
        "--note",
        "bell\u{7} esc\u{1b}[31mred \u{202e}txet",
    ]);
    let list = env.json(&["checkin", "list", "--json"]);
    assert_eq!(list[0]["note"], "bell esc[31mred txet");
}
