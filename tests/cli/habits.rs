//! Habits on the command line (issue 12): schedules, archive and restore,
//! ticking an archived habit, and `habit list --json`.

use super::*;

#[test]
fn a_habit_is_archived_restored_with_its_ticks_and_not_ticked_while_archived() {
    let env = Env::new();
    env.ok(&["habit", "add", "Walk"]);
    env.ok(&["habit", "tick", "walk", "--date", "yesterday"]);
    let out = env.ok(&["habit", "archive", "walk"]);
    assert!(
        out.starts_with("Archived Walk; its history is kept"),
        "{out}"
    );
    let list = env.ok(&["habit", "list"]);
    assert!(!list.lines().any(|l| l.starts_with("Walk")), "{list}");
    assert!(
        list.contains("1 habit is archived: `afterglow habit list --archived` shows it."),
        "{list}"
    );
    let archived = env.ok(&["habit", "list", "--archived"]);
    let walk = archived.lines().find(|l| l.starts_with("Walk")).unwrap();
    assert!(
        walk.contains("yes/no") && walk.contains("1 tick"),
        "{archived}"
    );

    let err = env.fails(&["habit", "tick", "walk"]);
    assert!(
        err.contains("Walk is archived, so nothing was ticked")
            && err.contains("afterglow habit restore Walk"),
        "{err}"
    );
    let err = env.fails(&["habit", "untick", "walk", "--date", "yesterday"]);
    assert!(err.contains("Walk is archived"), "{err}");

    let out = env.ok(&["habit", "restore", "WALK"]);
    assert_eq!(
        out,
        "Restored Walk, with all its ticks; it is back on the day's list.\n"
    );
    let list = env.json(&["habit", "list", "--json"]);
    let walk = list
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "Walk")
        .unwrap();
    assert_eq!(walk["archived"], false);
    // Yesterday's tick came back with it: a streak of one day.
    assert_eq!(walk["streak"], 1);
    assert_eq!(walk["streak_unit"], "days");
    let out = env.ok(&["habit", "restore", "walk"]);
    assert!(out.contains("is not archived"), "{out}");
}

#[test]
fn a_habit_is_not_restored_over_one_with_the_same_name() {
    let env = Env::new();
    env.ok(&["habit", "add", "Walk"]);
    env.ok(&["habit", "archive", "Walk"]);
    // A look-alike an older afterglow let in beside it.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "INSERT INTO habits (name, kind, role, since, position)
         VALUES ('Ｗａｌｋ', 'yes-no', 'custom', '2026-03-01', 9)",
        [],
    )
    .unwrap();
    drop(conn);
    let err = env.fails(&["habit", "restore", "walk"]);
    assert!(
        err.contains("Walk was not restored")
            && err.contains("\"Ｗａｌｋ\" (not archived) has the same name")
            && err.contains("nothing was changed"),
        "{err}"
    );
    let list = env.json(&["habit", "list", "--json"]);
    let walk = list
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "Walk")
        .unwrap();
    assert_eq!(walk["archived"], true);
}

#[test]
fn a_habit_can_be_weekly_and_changed_back() {
    let env = Env::new();
    let out = env.ok(&["habit", "add", "Swim", "--per-week", "3"]);
    assert_eq!(out, "Added Swim (yes/no, on 3 days a week).\n");
    let out = env.ok(&[
        "habit",
        "add",
        "Reading",
        "--unit",
        "pages per day",
        "--target",
        "10",
        "--per-week",
        "5",
    ]);
    assert_eq!(
        out,
        "Added Reading (target 10 pages per day on 5 days a week).\n"
    );
    let err = env.fails(&[
        "habit",
        "add",
        "Long",
        "--unit",
        "pages of the book on my nightstand",
        "--target",
        "3",
    ]);
    assert!(err.contains("at most 20 characters"), "{err}");
    // Three days this week, two of them before today: the week is met.
    for date in ["today", "yesterday"] {
        env.ok(&["habit", "tick", "swim", "--date", date]);
    }
    let list = env.ok(&["habit", "list"]);
    let swim = list.lines().find(|l| l.starts_with("Swim")).unwrap();
    assert!(swim.contains("3× a week"), "{list}");
    assert!(swim.contains(" weeks") || swim.contains(" week"), "{list}");

    let out = env.ok(&["habit", "edit", "swim", "--daily"]);
    assert!(out.starts_with("Swim is daily now"), "{out}");
    let out = env.ok(&["habit", "edit", "swim", "--per-week", "2"]);
    assert!(out.starts_with("Swim is for 2 days a week now"), "{out}");
    let out = env.ok(&["habit", "edit", "swim", "--per-week", "2"]);
    assert!(out.contains("already 2× a week; nothing changed"), "{out}");
    // Seven days a week is daily.
    let out = env.ok(&["habit", "edit", "swim", "--per-week", "7"]);
    assert!(out.starts_with("Swim is daily now"), "{out}");
    // Neither, both, or out of range: the command line is wrong (exit 2).
    for args in [
        &["habit", "edit", "swim"][..],
        &["habit", "edit", "swim", "--daily", "--per-week", "3"],
        &["habit", "edit", "swim", "--per-week", "0"],
        &["habit", "add", "Run", "--per-week", "8"],
    ] {
        assert_eq!(env.run(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn habit_list_json_has_every_habit_with_its_schedule_and_numbers() {
    let env = Env::new();
    env.ok(&["habit", "add", "Swim", "--per-week", "3"]);
    env.ok(&["habit", "tick", "sleep", "--amount", "8"]);
    env.ok(&["habit", "add", "Old"]);
    env.ok(&["habit", "archive", "old"]);
    let list = env.json(&["habit", "list", "--json"]);
    let items = list.as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|h| h["name"].as_str().unwrap()).collect();
    // The plain list's order, the archived after.
    assert_eq!(names, ["Sleep", "Exercise", "Meditation", "Swim", "Old"]);
    let sleep = &items[0];
    assert!(sleep["id"].as_i64().unwrap() > 0);
    assert_eq!(sleep["kind"], "quantity");
    assert_eq!(sleep["unit"], "h");
    assert_eq!(sleep["target"], 7.0);
    assert_eq!(sleep["role"], "sleep");
    assert_eq!(sleep["schedule"], "daily");
    assert_eq!(sleep["per_week"], Value::Null);
    assert_eq!(sleep["archived"], false);
    assert_eq!(sleep["today"]["amount"], 8.0);
    assert_eq!(sleep["today"]["met"], true);
    assert_eq!(sleep["streak"], 1);
    assert!(sleep["strength"].as_f64().unwrap() > 0.0);
    assert!(sleep["since"].as_str().unwrap().len() == 10);
    let swim = &items[3];
    assert_eq!(swim["kind"], "yes-no");
    assert_eq!(swim["unit"], Value::Null);
    assert_eq!(swim["schedule"], "weekly");
    assert_eq!(swim["per_week"], 3);
    assert_eq!(swim["streak_unit"], "weeks");
    assert_eq!(swim["today"], Value::Null);
    assert_eq!(items[4]["archived"], true);
}

/// Every `list` subcommand prints JSON with `--json`.
#[test]
fn every_list_command_has_json() {
    let env = Env::new();
    env.ok(&["session", "log"]);
    for group in ["session", "intention", "journal", "therapy", "habit"] {
        let value = env.json(&[group, "list", "--json"]);
        assert!(value.is_array(), "{group}: {value}");
    }
}

/// Adding a habit under an archived one's name says it is archived and how
/// to bring it back with its history, rather than that it "exists".
#[test]
fn a_new_habit_with_an_archived_ones_name_points_to_restore() {
    let env = Env::new();
    env.ok(&["habit", "add", "Reading"]);
    env.ok(&["habit", "tick", "Reading", "--date", "yesterday"]);
    env.ok(&["habit", "archive", "Reading"]);
    let err = env.fails(&["habit", "add", "reading"]);
    assert_eq!(
        err,
        "afterglow: Reading is archived, so no new habit was added; \
         `afterglow habit restore Reading` brings it back with its history\n"
    );
    let out = env.ok(&["habit", "restore", "Reading"]);
    assert!(
        out.starts_with("Restored Reading, with all its ticks"),
        "{out}"
    );
    // An active habit of that name is still simply there already.
    let err = env.fails(&["habit", "add", "READING"]);
    assert!(err.contains("already exists"), "{err}");
}

/// `--archived --json` is the JSON of the archived habits alone, in the
/// order `--archived` lists them; plain `--json` still has every habit.
#[test]
fn archived_habits_list_as_json_alone() {
    let env = Env::new();
    assert_eq!(
        env.json(&["habit", "list", "--archived", "--json"]),
        serde_json::json!([])
    );
    for name in ["Reading", "Walk", "Swim"] {
        env.ok(&["habit", "add", name]);
    }
    env.ok(&["habit", "tick", "Reading", "--date", "yesterday"]);
    env.ok(&["habit", "archive", "Reading"]);
    env.ok(&["habit", "archive", "Swim"]);
    let names = |list: &Value| -> Vec<String> {
        let list = list.as_array().unwrap();
        list.iter()
            .map(|h| h["name"].as_str().unwrap().to_string())
            .collect()
    };
    let archived = env.json(&["habit", "list", "--archived", "--json"]);
    assert_eq!(names(&archived), ["Reading", "Swim"], "{archived}");
    assert!(
        archived
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["archived"] == true)
    );
    let plain = env.ok(&["habit", "list", "--archived"]);
    assert!(plain.find("Reading") < plain.find("Swim"), "{plain}");
    let every = env.json(&["habit", "list", "--json"]);
    assert!(names(&every).contains(&"Walk".to_string()), "{every}");
    assert_eq!(
        every.as_array().unwrap().len(),
        archived.as_array().unwrap().len() + 4
    );
}
