//! What the command line says at tender moments: a low mood, a second
//! intention, a late entry, being finished with sessions, and the crisis
//! lines in --help, -h and the man page.

use super::*;

#[test]
fn a_low_mood_is_answered_gently_on_stderr_and_still_succeeds() {
    let env = Env::new();
    let out = env.run(&["journal", "add", "a heavy day", "--mood", "1"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.starts_with("Saved your journal entry"), "{stdout}");
    let said = text::flat(&stderr);
    for words in [
        afterglow::care::LOW_MOOD,
        afterglow::care::IN_DANGER,
        afterglow::care::TO_TALK,
    ] {
        assert!(said.contains(words), "{words:?} in {stderr}");
    }
    for never in ["session", "dose", "booster"] {
        assert!(!stderr.to_lowercase().contains(never), "{stderr}");
    }
    // A mood above the line gets nothing more, and 0 in the config turns
    // the answer off.
    let out = env.run(&["journal", "add", "fine", "--mood", "3"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = env.dir.path().join("config").join("afterglow");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "[care]\nlow_mood = 0\n").unwrap();
    let out = env.run(&["journal", "add", "low again", "--mood", "1"]);
    assert!(out.status.success() && out.stderr.is_empty());
}

#[test]
fn a_late_entry_lands_when_it_is_dated() {
    let env = Env::new();
    let session = days_ago(3);
    env.ok(&["session", "log", "--at", &rfc(session)]);
    let out = env.ok(&[
        "journal",
        "add",
        "written late",
        "--at",
        &rfc(session + hours(30)),
    ]);
    assert!(out.contains("linked to your session"), "{out}");
    let export = env.json(&["export"]);
    assert_eq!(export["journal"][0]["written_at"], rfc(session + hours(30)));
    let err = env.fails(&["journal", "add", "ahead", "--at", "tomorrow 10:00"]);
    assert!(err.contains("still ahead"), "{err}");
}

#[test]
fn a_second_intention_asks_for_replace_and_keeps_the_first() {
    let env = Env::new();
    env.ok(&["intention", "set", "be open"]);
    let err = env.fails(&["intention", "set", "be kind"]);
    assert!(
        err.contains("already has an intention: \"be open\""),
        "{err}"
    );
    assert!(err.contains("--replace"), "{err}");
    let out = env.ok(&["intention", "set", "--replace", "be kind"]);
    assert_eq!(
        out,
        "Intention set; it will attach to the next session you log. The earlier one stays \
         in the history.\n"
    );
    let list = env.ok(&["intention", "list"]);
    assert!(
        list.contains("be open") && list.contains("(replaced)"),
        "{list}"
    );
    assert!(list.contains("be kind"), "{list}");
    // Planned afterwards, the session takes the waiting intention.
    env.ok(&["session", "plan", "--at", "tomorrow 10:00"]);
    let export = env.json(&["export"]);
    let held: Vec<&Value> = export["intentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["session"].is_number() && i.get("replaced_at").is_none())
        .collect();
    assert_eq!(held.len(), 1, "{export}");
    assert_eq!(held[0]["text"], "be kind");
}

#[test]
fn finished_with_sessions_quiets_the_status_and_a_session_brings_it_back() {
    let env = Env::new();
    env.ok(&["session", "log", "--at", &rfc(days_ago(1))]);
    let out = env.ok(&["treatment"]);
    assert!(out.starts_with("In treatment"), "{out}");
    let out = env.ok(&["treatment", "finished", "--note", "ketamine was a bridge"]);
    assert!(out.starts_with("Noted: finished"), "{out}");
    assert_eq!(env.ok(&["status"]), "finished · no more sessions planned\n");
    assert_eq!(
        env.ok(&["status", "--format", "{phase}|{left}"]),
        "finished|\n"
    );
    let shown = env.ok(&["treatment"]);
    assert!(shown.contains("ketamine was a bridge"), "{shown}");
    // Exports keep what was said, and bring it back.
    let json = env.dir.path().join("all.json");
    env.ok(&["export", "--out", json.to_str().unwrap()]);
    let other = Env::new();
    let out = other.ok(&["import", "--from", "afterglow", json.to_str().unwrap()]);
    assert!(out.contains("1 treatment status change"), "{out}");
    assert!(other.ok(&["treatment"]).contains("ketamine was a bridge"));
    // A session logged afterwards (a second later at least: instants are
    // whole seconds): back in treatment, without a word.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.ok(&["session", "log"]);
    assert!(env.ok(&["status"]).starts_with("acute"));
    // A word it does not know is a usage error (exit code 2).
    let out = env.run(&["treatment", "resting"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("active, pausing or finished"), "{err}");
}

#[test]
fn help_man_and_the_editor_template_carry_the_crisis_lines() {
    let env = Env::new();
    for args in [&["--help"][..], &["-h"][..], &["man"][..]] {
        let out = env.ok(args);
        let said = text::flat(&out);
        assert!(said.contains(afterglow::care::IN_DANGER), "{args:?}: {out}");
        assert!(said.contains(afterglow::care::TO_TALK), "{args:?}: {out}");
        assert!(!out.contains("(US 988"), "{args:?}");
    }
    let template = afterglow::cli::editor_template();
    let said = text::flat(&template.replace("# afterglow:", " "));
    for words in [
        afterglow::care::NOT_MEDICAL_ADVICE,
        afterglow::care::IN_DANGER,
        afterglow::care::TO_TALK,
    ] {
        assert!(said.contains(words), "{words:?} in {template}");
    }
}

#[test]
fn a_passed_plan_is_marked_in_the_list() {
    let env = Env::new();
    let soon = Utc::now().with_nanosecond(0).unwrap() + TimeDelta::seconds(2);
    env.ok(&["session", "plan", "--at", &rfc(soon)]);
    // Whole seconds: the command's "now" must be past the plan's second.
    while Utc::now() <= soon + TimeDelta::seconds(1) {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let list = env.ok(&["session", "list"]);
    assert!(list.contains("planned · its time has passed"), "{list}");
}
