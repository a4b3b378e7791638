//! Questionnaires from files: listing them, answering by script and on a
//! terminal, and the crisis help that comes before anything else when an
//! answer or a total calls for it.

use afterglow::care;

use super::*;

/// A questionnaire with its safety item first, so that the help can be
/// seen to come before the next item.
const MINE: &str = "\
key = \"mine\"
name = \"My check\"
recall = \"Over the last few days\"
choices = [
  { label = \"no\", score = 0 },
  { label = \"a bit\", score = 1 },
  { label = \"often\", score = 2 },
  { label = \"always\", score = 3 },
]

[[item]]
text = \"Item one text from your licensed copy\"
safety = true

[[item]]
text = \"Item two text from your licensed copy\"

[[band]]
min = 0
max = 3
label = \"lower\"

[[band]]
min = 4
max = 6
label = \"higher\"
";

fn questionnaires(env: &Env) -> PathBuf {
    let dir = env
        .dir
        .path()
        .join("config")
        .join("afterglow")
        .join("questionnaires");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The stored results: key, version, answers, total, band.
fn stored(env: &Env) -> Vec<(String, String, String, i64, Option<String>)> {
    if !env.db.exists() {
        return Vec::new();
    }
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut st = conn
        .prepare("SELECT key, version, answers, total, band FROM questionnaire_results ORDER BY id")
        .unwrap();
    st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn help_in(said: &str, today: bool) {
    let said = text::flat(said);
    for p in care::questionnaire_help(today) {
        assert!(said.contains(p), "{p:?} in {said}");
    }
    assert_eq!(said.contains(care::REACH_OUT_TODAY), today, "{said}");
    for never in ["session", "dose", "booster", "ketamine"] {
        assert!(!said.to_lowercase().contains(never), "{never} in {said}");
    }
}

#[test]
fn the_list_shows_the_shipped_reflection_and_reports_bad_files() {
    let env = Env::new();
    let dir = questionnaires(&env);
    fs::write(dir.join("mine.toml"), MINE).unwrap();
    let broken = MINE.replace("text = \"Item two text from your licensed copy\"\n", "");
    fs::write(
        dir.join("broken.toml"),
        broken.replace("\"mine\"", "\"other\""),
    )
    .unwrap();
    let out = env.run(&["questionnaire", "list"]);
    assert!(out.status.success(), "{out:?}");
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.contains("reflection  afterglow's weekly reflection  7"),
        "{list}"
    );
    assert!(list.contains("not a validated scale"), "{list}");
    assert!(list.contains("mine        My check"), "{list}");
    assert!(
        list.contains(&dir.join("mine.toml").display().to_string()),
        "{list}"
    );
    assert!(!list.contains("other"), "{list}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "afterglow: {} line 15: item 2 has no text (questionnaire `other`); this file \
             is skipped\n",
            dir.join("broken.toml").display()
        )
    );
    let json = env.json(&["questionnaire", "list", "--json"]);
    assert_eq!(json[0]["key"], "mine");
    assert_eq!(json[0]["items"], 2);
    assert_eq!(json[1]["key"], "reflection");
    assert_eq!(json[1]["file"], Value::Null);
    assert_eq!(json[1]["version"].as_str().unwrap().len(), 16);
}

#[test]
fn a_safety_answer_shows_the_help_before_the_total() {
    let env = Env::new();
    let out = env.run(&["questionnaire", "reflection", "--answers", "0,0,0,0,0,0,1"]);
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.trim_start()
            .starts_with("Thank you for answering honestly."),
        "{err}"
    );
    help_in(&err, false);
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.starts_with("Saved afterglow's weekly reflection for "),
        "{said}"
    );
    assert!(
        said.ends_with("Total 1 (of 0 to 21): a lighter week.\n"),
        "{said}"
    );

    // One of the two highest choices: reach out today. With --json the
    // help is on stderr first and in the document.
    let out = env.run(&[
        "questionnaire",
        "reflection",
        "--answers",
        "0,0,0,0,0,0,3",
        "--json",
    ]);
    assert!(out.status.success(), "{out:?}");
    help_in(&String::from_utf8(out.stderr).unwrap(), true);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["help"]["reach_out_today"], true);
    assert_eq!(doc["help"]["why"], "safety");
    assert_eq!(doc["help"]["text"][1], care::IN_DANGER);
    assert_eq!(doc["total"], 3);

    // The lowest choice on the safety item: nothing but the result.
    let out = env.run(&["questionnaire", "reflection", "--answers", "1,1,0,0,0,0,0"]);
    assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
}

#[test]
fn results_are_stored_with_key_version_answers_total_and_band() {
    let env = Env::new();
    let dir = questionnaires(&env);
    fs::write(dir.join("mine.toml"), MINE).unwrap();
    let at = rfc(days_ago(3));
    let doc = env.json(&[
        "questionnaire",
        "mine",
        "--answers",
        "0,2",
        "--at",
        &at,
        "--json",
    ]);
    assert_eq!(doc["at"], at);
    assert_eq!(doc["help"], Value::Null);
    let listed = env.json(&["questionnaire", "list", "--json"]);
    let version = listed[0]["version"].as_str().unwrap().to_string();
    assert_eq!(doc["version"], version);
    assert_eq!(
        stored(&env),
        [(
            "mine".to_string(),
            version,
            "[0,2]".to_string(),
            2,
            Some("lower".to_string())
        )]
    );
}

#[test]
fn a_rise_of_five_shows_the_help() {
    let env = Env::new();
    env.ok(&[
        "questionnaire",
        "reflection",
        "--answers",
        "0,0,0,0,0,0,0",
        "--at",
        &rfc(days_ago(8)),
    ]);
    // Up by 4: nothing more.
    let out = env.run(&[
        "questionnaire",
        "reflection",
        "--answers",
        "1,1,1,1,0,0,0",
        "--at",
        &rfc(days_ago(4)),
    ]);
    assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
    // Up by 5 from there, in a band that is not severe.
    let out = env.run(&["questionnaire", "reflection", "--answers", "2,2,2,1,1,1,0"]);
    assert!(out.status.success(), "{out:?}");
    help_in(&String::from_utf8(out.stderr).unwrap(), false);
    assert!(String::from_utf8(out.stdout).unwrap().contains("Total 9"));
    // The severe band shows it too.
    let out = env.run(&[
        "questionnaire",
        "reflection",
        "--answers",
        "3,3,3,3,3,3,0",
        "--json",
    ]);
    help_in(&String::from_utf8(out.stderr).unwrap(), false);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["help"]["why"], "severe");
    assert_eq!(doc["band"], "a very heavy week");
}

#[test]
fn bad_answers_and_no_terminal_save_nothing() {
    let env = Env::new();
    let err = env.fails(&["questionnaire", "reflection", "--answers", "0,1"]);
    assert!(
        err.contains("reflection has 7 items, and 2 answers were given"),
        "{err}"
    );
    assert!(err.contains("nothing was saved"), "{err}");
    let err = env.fails(&["questionnaire", "reflection", "--answers", "0,0,0,0,0,0,7"]);
    assert!(
        err.contains("answer 7 is 7, which no choice of reflection scores"),
        "{err}"
    );
    let err = env.fails(&["questionnaire", "reflection", "--answers", "0,zero"]);
    assert!(err.contains("\"zero\" is not a whole number"), "{err}");
    let err = env.fails(&["questionnaire", "nope", "--answers", "0"]);
    assert!(
        err.contains("no questionnaire has the key \"nope\""),
        "{err}"
    );
    let err = env.fails(&[
        "questionnaire",
        "reflection",
        "--answers",
        "0,0,0,0,0,0,0",
        "--at",
        "tomorrow 10:00",
    ]);
    assert!(err.contains("nothing was saved"), "{err}");
    // Piped, with nothing to answer by: a clear refusal.
    let err = env.fails(&["questionnaire", "reflection"]);
    assert!(err.contains("needs a terminal to ask on"), "{err}");
    assert!(err.contains("--answers 0,0,0,0,0,0,0"), "{err}");
    assert!(stored(&env).is_empty());
}

#[cfg(unix)]
fn asked(env: &Env) -> super::pty::Pty {
    let mut cmd = env.command();
    cmd.args(["questionnaire", "mine"]);
    let pty = super::pty::Pty::spawn(cmd, 100, 80).unwrap();
    pty.wait_for(
        |s| s.contains("Your answer (1-4):"),
        std::time::Duration::from_secs(10),
    )
    .expect("the first item");
    pty
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_help_comes_before_the_next_item() {
    use std::time::Duration;
    let env = Env::new();
    fs::write(questionnaires(&env).join("mine.toml"), MINE).unwrap();
    let mut pty = asked(&env);
    let first = pty.screen_text();
    assert!(first.contains("Over the last few days"), "{first}");
    assert!(
        first.contains("1/2. Item one text from your licensed copy"),
        "{first}"
    );
    assert!(first.contains("  4) always"), "{first}");
    // An answer that is not a choice is asked again.
    pty.send_str("9\r").unwrap();
    pty.wait_for(
        |s| s.contains("Please type a number from 1 to 4"),
        Duration::from_secs(10),
    )
    .unwrap();
    pty.send_str("2\r").unwrap();
    let screen = pty
        .wait_for(|s| s.contains("2/2."), Duration::from_secs(10))
        .unwrap();
    let help = screen
        .find("Thank you for answering honestly.")
        .expect(&screen);
    assert!(help < screen.find("2/2.").unwrap(), "{screen}");
    help_in(&screen, false);
    pty.send_str("1\r").unwrap();
    assert!(
        pty.wait_timeout(Duration::from_secs(10))
            .unwrap()
            .unwrap()
            .success()
    );
    pty.drain(Duration::from_secs(2));
    let screen = pty.screen_text();
    assert!(screen.contains("Saved My check for "), "{screen}");
    assert!(screen.contains("Total 1 (of 0 to 6): lower."), "{screen}");
    // Shown once, before the total.
    assert_eq!(
        screen.matches("Thank you for answering honestly.").count(),
        1,
        "{screen}"
    );
    assert_eq!(stored(&env).len(), 1);
    assert_eq!(stored(&env)[0].2, "[1,0]");
}

#[cfg(unix)]
#[test]
fn on_a_terminal_ctrl_d_stops_without_saving() {
    use std::time::Duration;
    let env = Env::new();
    fs::write(questionnaires(&env).join("mine.toml"), MINE).unwrap();
    let mut pty = asked(&env);
    pty.send_str("1\r").unwrap();
    pty.wait_for(|s| s.contains("2/2."), Duration::from_secs(10))
        .unwrap();
    pty.send(&super::pty::keys::ctrl('d')).unwrap();
    assert!(
        pty.wait_timeout(Duration::from_secs(10))
            .unwrap()
            .unwrap()
            .success()
    );
    pty.drain(Duration::from_secs(2));
    let screen = pty.screen_text();
    assert!(screen.contains("Stopped; nothing was saved."), "{screen}");
    assert!(!screen.contains("Thank you"), "{screen}");
    assert!(stored(&env).is_empty());
}

/// A file with one band names the totals; it says nothing about how heavy
/// they are, so answering every item with the lowest choice shows no help.
#[test]
fn one_band_alone_shows_no_help() {
    let env = Env::new();
    let dir = questionnaires(&env);
    let one = MINE
        .replace("[[band]]\nmin = 4\nmax = 6\nlabel = \"higher\"\n", "")
        .replace("max = 3", "max = 6");
    assert!(!one.contains("higher"));
    fs::write(dir.join("mine.toml"), one).unwrap();
    // The safety item (the first) stays at its lowest choice.
    for answers in ["0,0", "0,3"] {
        let doc = env.json(&["questionnaire", "mine", "--answers", answers, "--json"]);
        assert_eq!(doc["help"], Value::Null, "{answers}: {doc}");
        assert_eq!(doc["band"], "lower");
    }
}
