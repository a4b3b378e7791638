//! `afterglow insights` on the built binary: the scenario on a
//! fresh database (sessions through the command line, check-ins and a
//! questionnaire result through the store, as the check-in command lives
//! elsewhere), as JSON and as text, with days.

use afterglow::care::NOT_MEDICAL_ADVICE;
use afterglow::domain::Mood;
use afterglow::store::{Db, NewCheckIn, NewResult};

use super::*;

/// 14 days of mood 3, a course of six sessions over 17 days, mood 7
/// until 21 days after its last session, then 3; a lone session 60 days
/// later, 8 days of 7, then 3. Returns the first session's instant.
fn scenario(env: &Env) -> DateTime<Utc> {
    let start = days_ago(95).with_hour(10).unwrap().with_minute(0).unwrap();
    let day = |n: i64| start + days(n);
    for n in [0, 3, 7, 10, 14, 17, 77] {
        env.ok(&["session", "log", "--at", &rfc(day(n))]);
    }
    let mut db = Db::open(&env.db).unwrap();
    for n in -14..=94 {
        let mood = match n {
            ..0 => 3,
            0..=38 => 7,
            39..=77 => 3,
            78..=85 => 7,
            _ => 3,
        };
        db.add_checkin(&NewCheckIn {
            at: day(n) + hours(10),
            mood: Mood::new(mood).unwrap(),
            anxiety: None,
            energy: None,
            note: None,
        })
        .unwrap();
    }
    db.add_result(&NewResult {
        key: "reflection",
        name: "afterglow's weekly reflection",
        version: "v1",
        at: day(20),
        answers: &[1, 2],
        total: 3,
        band: Some("steady"),
    })
    .unwrap();
    start
}

#[test]
fn the_scenario_shows_weeks_of_relief_after_the_course_and_a_week_after_the_booster() {
    let env = Env::new();
    let start = scenario(&env);
    let v = env.json(&["insights", "--json"]);
    let course = &v["courses"][0];
    assert_eq!(v["courses"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(course["first_session_at"], rfc(start));
    assert_eq!(course["last_session_at"], rfc(start + days(17)));
    assert_eq!(course["baseline"], 3.0);
    assert_eq!(course["relief_days"], 21, "{v:#}");
    assert_eq!(course["status"], "returned");
    let booster = &v["boosters"][0];
    assert_eq!(booster["first_session_at"], rfc(start + days(77)));
    assert_eq!(booster["baseline"], 3.0);
    assert_eq!(booster["relief_days"], 8, "{v:#}");
    assert_eq!(booster["status"], "returned");
    let q = &v["questionnaires"][0];
    assert_eq!(q["key"], "reflection");
    assert_eq!(q["at"], rfc(start + days(20)));
    assert_eq!(q["total"], 3);
    assert_eq!(q["band"], "steady");

    let text = env.ok(&["insights"]);
    for words in [
        "Course 1: 6 sessions",
        "Mood stayed above the baseline for 21 days after the last session",
        "Mood stayed above the baseline for 8 days after the last session",
        "afterglow's weekly reflection: 3 (steady)",
        NOT_MEDICAL_ADVICE,
    ] {
        assert!(text.contains(words), "{words:?} not in:\n{text}");
    }
    // A description, never a clock: nothing is said to be due.
    for never in ["due", "next session", "missed"] {
        assert!(!text.contains(never), "{never:?} in:\n{text}");
    }
}

#[test]
fn days_choose_what_is_shown_but_baselines_still_use_the_days_before() {
    let env = Env::new();
    let start = scenario(&env);
    // From the day of the booster on: the course is left out, and the
    // booster keeps the baseline measured before the course.
    let since = (start + days(77)).format("%Y-%m-%d").to_string();
    let v = env.json(&["insights", "--json", "--since", &since]);
    assert!(v["courses"].as_array().unwrap().is_empty(), "{v:#}");
    assert_eq!(v["boosters"][0]["baseline"], 3.0);
    assert_eq!(v["boosters"][0]["relief_days"], 8);
    assert!(v["questionnaires"].as_array().unwrap().is_empty());
    let until = (start + days(30)).format("%Y-%m-%d").to_string();
    let v = env.json(&["insights", "--json", "--until", &until]);
    assert_eq!(v["courses"].as_array().unwrap().len(), 1);
    assert!(v["boosters"].as_array().unwrap().is_empty());
    let err = env.fails(&["insights", "--since", &since, "--until", &until]);
    assert!(err.contains("--until"), "{err}");
}

#[test]
fn an_empty_database_is_described_calmly_and_is_not_created() {
    let env = Env::new();
    let text = env.ok(&["insights"]);
    assert!(text.contains("No moods recorded yet"), "{text}");
    assert!(text.contains(NOT_MEDICAL_ADVICE));
    let v = env.json(&["insights", "--json"]);
    assert_eq!(v["courses"], serde_json::json!([]));
    assert_eq!(v["boosters"], serde_json::json!([]));
    assert_eq!(v["questionnaires"], serde_json::json!([]));
    assert!(!env.db.exists(), "a read-only command made the database");
}

#[test]
fn each_questionnaire_with_its_file_gives_its_scale_and_the_report_draws_its_bands() {
    let env = Env::new();
    scenario(&env);
    // A result of a questionnaire whose file is gone: no scale, and its
    // chart names the result's own band.
    let mut db = Db::open(&env.db).unwrap();
    db.add_result(&NewResult {
        key: "removed",
        name: "a removed questionnaire",
        version: "v0",
        at: days_ago(10),
        answers: &[4],
        total: 4,
        band: Some("its own band"),
    })
    .unwrap();
    drop(db);

    let v = env.json(&["insights", "--json"]);
    let scales = v["scales"].as_array().expect("scales");
    // The stored result's version differs from the shipped file's; its
    // bands are still the file's as it is now.
    assert_eq!(scales.len(), 1, "{v:#}");
    let s = &scales[0];
    assert_eq!(s["key"], "reflection");
    assert_eq!((s["min"].as_i64(), s["max"].as_i64()), (Some(0), Some(21)));
    let labels: Vec<&str> = s["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "a lighter week",
            "a week with some weight",
            "a heavy week",
            "a very heavy week"
        ]
    );
    assert_eq!(s["bands"][1]["min"], 6);
    assert_eq!(s["bands"][1]["max"], 11);
    // Days that leave a questionnaire's results out leave its scale out.
    let later = env.json(&["insights", "--json", "--since", &rfc(days_ago(12))[..10]]);
    assert_eq!(later["scales"].as_array().unwrap().len(), 0, "{later:#}");

    let html = env.ok(&["export", "--format", "html"]);
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let charts: Vec<String> = dom
        .query_selector("svg.scores")
        .unwrap()
        .filter_map(|h| h.get(parser))
        .map(|n| n.inner_text(parser).into_owned())
        .collect();
    assert_eq!(charts.len(), 2, "a chart for each questionnaire");
    for band in [
        "a lighter week (0–5)",
        "a week with some weight (6–11)",
        "a heavy week (12–16)",
        "a very heavy week (17–21)",
    ] {
        assert!(charts[0].contains(band), "{band} missing: {}", charts[0]);
    }
    assert!(charts[1].contains("its own band"), "{}", charts[1]);
    assert!(!charts[1].contains("a lighter week"), "{}", charts[1]);
}
