//! Habits, journal text given on the command line, and export. The other
//! ways of writing an entry are in journal.rs.

use super::*;

#[test]
fn habits_tick_list_and_refuse_what_does_not_fit() {
    let env = Env::new();
    let out = env.ok(&["habit", "tick", "sLeEp", "--amount", "8.5"]);
    assert_eq!(out, "Ticked Sleep for today: 8.5 h (target 7 h).\n");
    env.ok(&["habit", "tick", "meditation", "--date", "yesterday"]);
    let list = env.ok(&["habit", "list"]);
    let sleep = list.lines().find(|l| l.starts_with("Sleep")).unwrap();
    assert!(
        sleep.contains("8.5 / 7 h") && sleep.contains("1 day"),
        "{list}"
    );
    assert!(list.contains("- / 10 min"), "{list}");

    let err = env.fails(&["habit", "tick", "yoga"]);
    assert!(err.contains("\"yoga\""), "{err}");
    assert!(err.contains("Sleep, Exercise, Meditation"), "{err}");

    assert_eq!(env.ok(&["habit", "add", "Walk"]), "Added Walk (yes/no).\n");
    let err = env.fails(&["habit", "tick", "walk", "--amount", "2"]);
    assert!(err.contains("yes/no"), "{err}");
    assert_eq!(
        env.ok(&["habit", "tick", "WALK"]),
        "Ticked Walk for today.\n"
    );
    let err = env.fails(&["habit", "add", "walk"]);
    assert!(err.to_lowercase().contains("walk"), "{err}");
    let out = env.ok(&[
        "habit", "add", "Water", "--unit", "glasses", "--target", "8",
    ]);
    assert_eq!(out, "Added Water (target 8 glasses a day).\n");
    let err = env.fails(&["habit", "tick", "sleep", "--date", "2020-02-30"]);
    assert!(err.contains("2020-02-30"), "{err}");
    assert_eq!(
        env.ok(&["habit", "untick", "walk"]),
        "Cleared Walk for today.\n"
    );
}

#[test]
fn journal_text_round_trips_through_the_export() {
    let env = Env::new();
    env.ok(&["session", "log", "--at", &rfc(days_ago(2))]);
    let out = env.ok(&["journal", "add", "🌱 今日 felt calm", "--mood", "7"]);
    assert!(out.contains("linked to your session of"), "{out}");
    let export = env.json(&["export", "--format", "json"]);
    let entry = &export["journal"][0];
    assert_eq!(entry["body"], "🌱 今日 felt calm");
    assert_eq!(entry["mood"], 7);
    assert!(env.ok(&["journal", "list"]).contains("🌱 今日 felt calm"));

    let file = env.dir.path().join("export.json");
    let path = file.to_str().unwrap();
    let out = env.ok(&["export", "--format", "json", "--out", path]);
    assert!(out.contains("1 journal entry"), "{out}");
    assert!(fs::read_to_string(&file).unwrap().contains("🌱 今日"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let err = env.fails(&["export", "--out", path]);
    assert!(
        err.contains("already exists") && err.contains(path),
        "{err}"
    );
    env.ok(&["export", "--out", path, "--force"]);
    let bad = env.run(&["export", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("json") && said.contains("ics"), "{said}");
    let err = env.run(&["journal", "add", "x", "--mood", "11"]);
    assert_eq!(err.status.code(), Some(2));
}

#[test]
fn amounts_and_targets_out_of_range_are_named_with_their_limit() {
    let env = Env::new();
    env.ok(&[
        "habit", "add", "Water", "--unit", "glasses", "--target", "8",
    ]);
    for (args, words) in [
        (
            vec!["habit", "tick", "water", "--amount", "1e6"],
            "an amount must be less than 1000000, not 1000000",
        ),
        (
            vec!["habit", "tick", "water", "--amount", "2e300"],
            "an amount must be less than 1000000, not 2e300",
        ),
        (
            vec!["habit", "tick", "water", "--amount", "-1"],
            "an amount must be zero or more, not -1",
        ),
        (
            vec!["habit", "tick", "water", "--amount", "NaN"],
            "an amount must be a number from 0 to below 1000000",
        ),
        (
            vec!["habit", "add", "Tea", "--unit", "cups", "--target", "1e6"],
            "a habit target must be less than 1000000, not 1000000",
        ),
        (
            vec!["habit", "add", "Tea", "--unit", "cups", "--target", "0"],
            "a habit target must be above zero, not 0",
        ),
    ] {
        let err = env.fails(&args);
        assert!(err.contains(words), "{args:?}: {err}");
    }
    // The row is named: which habit was not ticked, which was not added.
    let err = env.fails(&["habit", "tick", "water", "--amount", "1e6"]);
    assert!(
        err.starts_with("afterglow: Water was not ticked\n  because: an amount must be less"),
        "{err}"
    );
    let err = env.fails(&["habit", "add", "Tea", "--unit", "cups", "--target", "1e6"]);
    assert!(
        err.starts_with("afterglow: could not add the habit \"Tea\""),
        "{err}"
    );
    // Just below the limit is fine.
    env.ok(&["habit", "tick", "water", "--amount", "999999"]);
    // What is not a number at all is said so, without Rust's own words.
    for args in [
        &["habit", "add", "Tea", "--unit", "cups", "--target", "0x10"][..],
        &["habit", "tick", "water", "--amount", "lots"],
        &["session", "log", "--dose-mg", "ten"],
    ] {
        let out = env.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("is not a number; write it like 7 or 7.5") && !err.contains("literal"),
            "{args:?}: {err}"
        );
    }
}
