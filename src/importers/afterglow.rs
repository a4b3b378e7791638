//! afterglow's own JSON, as `afterglow export --format json` writes it
//! (`formats::json`): `"format": "afterglow"` and `"version": 1` at the
//! top, then every record with its id.
//!
//! The header is checked before the rest is read, so that another tool's
//! JSON, or an export from a newer afterglow whose shape has changed, is
//! refused in plain words instead of with a confusing field error. The
//! records are checked as the store would check them, here, where the
//! line of the record can still be named.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::error::Category;

use super::{
    Parsed, Problem, element_line, expected_words, export_text, field_at, found_words,
    json_problem, top_words,
};
use crate::domain::Batch;
use crate::domain::History;
use crate::domain::checkin;
use crate::domain::habit::{name_key, validate_name, validate_target};
use crate::domain::questionnaire::{self, Answered, MAX_LABEL_CHARS};
use crate::domain::session::validate_dose;
use crate::domain::time::keepable_day;
use crate::domain::{Habit, HabitKind};
use crate::formats::json;

/// The export versions this afterglow reads.
const READS_VERSION: u32 = 1;

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

pub fn parse(bytes: &[u8]) -> Result<Parsed, Problem> {
    let text = export_text(bytes)?;
    let header: Header = serde_json::from_str(text).map_err(|e| not_an_object(&e, text))?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some("afterglow") => {}
        Some(other) => {
            return Err(Problem::whole(format!(
                "this is a {other:?} file, not an afterglow export; \
                 afterglow reads its own JSON (\"format\": \"afterglow\") with --from afterglow"
            )));
        }
        None => {
            let hint = if text.contains("\"entries\"") {
                " (it looks like a jrnl export; use --from jrnl)"
            } else {
                ""
            };
            return Err(Problem::whole(format!(
                "this is not an afterglow export: it has no \"format\": \"afterglow\" at the top{hint}"
            )));
        }
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(READS_VERSION) => {}
        Some(v) if v > u64::from(READS_VERSION) => {
            return Err(Problem::whole(format!(
                "this export is version {v}, from a newer afterglow; this one reads version \
                 {READS_VERSION}. Bring it in with a newer afterglow."
            )));
        }
        _ => {
            return Err(Problem::whole(format!(
                "this export has no version afterglow knows (it reads version {READS_VERSION})"
            )));
        }
    }
    let mut history = json::read_v1(text)
        .map_err(|e| unreadable_value(&e, text))?
        .into_history();
    fold_notes(&mut history, text)?;
    check(&history, text)?;
    Ok(Parsed {
        batch: Batch::whole(history),
        notes: Vec::new(),
    })
}

/// What the store would refuse or silently drop, refused here with the
/// record's line: empty entries, invalid habits, ticks of habits the file
/// does not hold, links to sessions it does not hold.
fn check(e: &History, text: &str) -> Result<(), Problem> {
    let at = |key: &str, i: usize, message: String| {
        Problem::at(element_line(text, key, i).unwrap_or(1), message)
    };
    unique(
        e.sessions.iter().map(|s| s.id.0),
        "sessions",
        "session",
        text,
    )?;
    unique(e.habits.iter().map(|h| h.id.0), "habits", "habit", text)?;
    for (i, s) in e.sessions.iter().enumerate() {
        validate_dose(s.dose_mg)
            .map_err(|err| at("sessions", i, format!("session {}: {err}", s.id.0)))?;
    }
    let sessions: HashSet<i64> = e.sessions.iter().map(|s| s.id.0).collect();
    let session_ok =
        |s: Option<crate::domain::SessionId>| s.is_none_or(|s| sessions.contains(&s.0));

    for (i, entry) in e.journal.iter().enumerate() {
        if entry.body.trim().is_empty() {
            return Err(at(
                "journal",
                i,
                format!("journal entry {} has no words", entry.id.0),
            ));
        }
        if !session_ok(entry.session) {
            return Err(at("journal", i, missing_session(entry.session)));
        }
    }
    for (i, intention) in e.intentions.iter().enumerate() {
        if intention.text.trim().is_empty() {
            return Err(at(
                "intentions",
                i,
                format!("intention {} has no words", intention.id.0),
            ));
        }
        if !session_ok(intention.session) {
            return Err(at("intentions", i, missing_session(intention.session)));
        }
    }
    let mut names: HashSet<String> = HashSet::new();
    for (i, h) in e.habits.iter().enumerate() {
        let problem = |why: String| at("habits", i, format!("the habit {:?}: {why}", h.name));
        validate_name(&h.name).map_err(|err| problem(err.to_string()))?;
        if let HabitKind::Quantity { target, .. } = h.kind {
            validate_target(target).map_err(|err| problem(err.to_string()))?;
        }
        keepable_day(h.since).map_err(|err| problem(err.to_string()))?;
        if !names.insert(name_key(&h.name)) {
            return Err(problem("another habit in the file has this name".into()));
        }
    }
    for (i, t) in e.ticks.iter().enumerate() {
        let Some(habit) = e.habits.iter().find(|h| h.id == t.habit) else {
            return Err(at(
                "ticks",
                i,
                format!(
                    "this tick is for habit {}, which is not in the file",
                    t.habit.0
                ),
            ));
        };
        keepable_day(t.day).map_err(|err| at("ticks", i, err.to_string()))?;
        if let Some(amount) = t.amount {
            check_amount(habit, amount).map_err(|m| at("ticks", i, m))?;
        }
    }
    unique(
        e.checkins.iter().map(|c| c.id.0),
        "checkins",
        "check-in",
        text,
    )?;
    unique(
        e.questionnaire_results.iter().map(|r| r.id.0),
        "questionnaire_results",
        "questionnaire result",
        text,
    )?;
    for (i, r) in e.questionnaire_results.iter().enumerate() {
        check_result(r).map_err(|why| {
            at(
                "questionnaire_results",
                i,
                format!("questionnaire result {}: {why}", r.id.0),
            )
        })?;
    }
    Ok(())
}

/// Each check-in's note as `afterglow checkin` keeps it: line breaks folded
/// into spaces, control and direction characters dropped, blank as no note
/// (`checkin::note_line`); one still longer than the command line takes is
/// refused at its line.
fn fold_notes(e: &mut History, text: &str) -> Result<(), Problem> {
    for (i, c) in e.checkins.iter_mut().enumerate() {
        let Some(note) = c.note.as_deref() else {
            continue;
        };
        let line = checkin::note_line(note);
        let chars = line.chars().count();
        if chars > checkin::MAX_NOTE_CHARS {
            return Err(Problem::at(
                element_line(text, "checkins", i).unwrap_or(1),
                format!(
                    "check-in {}: its note is {chars} characters long; a check-in's note is \
                     at most {}",
                    c.id.0,
                    checkin::MAX_NOTE_CHARS
                ),
            ));
        }
        c.note = (!line.is_empty()).then_some(line);
    }
    Ok(())
}

/// The most answers one questionnaire result may hold. A questionnaire
/// people fill in has a few dozen items at most; more is not a result.
const MAX_ANSWERS: usize = 1000;
/// The longest key the store keeps, in characters (its `CHECK`).
const MAX_KEY_CHARS: usize = 64;

/// What the store would refuse with no line to name, or what no
/// questionnaire could have given. Moods and ratings out of range, and
/// answers that are not whole numbers, are refused while the file is read.
fn check_result(r: &Answered) -> Result<(), String> {
    let key = r.key.chars().count();
    if r.key.trim().is_empty() {
        return Err("it has no key (the questionnaire it answered)".into());
    }
    if key > MAX_KEY_CHARS {
        return Err(format!(
            "its key is {key} characters long; a questionnaire's key is at most {MAX_KEY_CHARS}"
        ));
    }
    if r.answers.len() > MAX_ANSWERS {
        return Err(format!(
            "it holds {} answers; afterglow keeps at most {MAX_ANSWERS} in one result",
            r.answers.len()
        ));
    }
    let sum = questionnaire::total(&r.answers);
    if r.total != sum {
        return Err(format!(
            "its total is {}, and its answers add up to {sum}; a total is the sum of the answers",
            r.total
        ));
    }
    label("its name", Some(&r.name))?;
    label("its band", r.band.as_deref())?;
    Ok(())
}

/// A name or band as a questionnaire file could give it: text, at most
/// [`MAX_LABEL_CHARS`], with no control or direction characters (which a
/// file's checks refuse too).
fn label(what: &str, text: Option<&str>) -> Result<(), String> {
    let Some(text) = text else { return Ok(()) };
    if text.trim().is_empty() {
        return Err(format!("{what} has no text"));
    }
    let chars = text.chars().count();
    if chars > MAX_LABEL_CHARS {
        return Err(format!(
            "{what} is {chars} characters long; at most {MAX_LABEL_CHARS} are kept"
        ));
    }
    if let Some(c) = text.chars().find(|&c| questionnaire::is_control(c)) {
        return Err(format!(
            "{what} holds the control character {}",
            c.escape_unicode()
        ));
    }
    Ok(())
}

/// The header could not be read: broken JSON is said as such; valid JSON
/// that is not an object at all (a list, a text, a number) is no export.
fn not_an_object(e: &serde_json::Error, text: &str) -> Problem {
    if e.classify() != Category::Data {
        return json_problem(e);
    }
    let top = top_words(text);
    Problem::whole(format!(
        "this is not an afterglow export: it holds {top} at the top, where an export holds \
         an object ({{ … }}) starting with \"format\": \"afterglow\""
    ))
}

/// A value of the wrong shape in what is otherwise an afterglow export,
/// in plain words: the field, what it holds, and what belongs there.
/// serde's own message ("invalid type: string \"x\", expected u8") and
/// chrono's ("input is out of range") are turned into sentences; the line
/// is kept.
fn unreadable_value(e: &serde_json::Error, text: &str) -> Problem {
    let mut problem = json_problem(e);
    if e.classify() != Category::Data {
        return problem;
    }
    let said = e.to_string();
    let said = said
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&said);
    let (key, raw) = field_at(text, e.line(), e.column());
    let field = key.map_or_else(|| "a value".to_string(), |k| format!("{k:?}"));
    let message = if let Some(name) = said
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        format!("a record has no \"{name}\", which every record in an afterglow export has")
    } else if let Some((found, expected)) = said
        .strip_prefix("invalid type: ")
        .or_else(|| said.strip_prefix("invalid value: "))
        .and_then(|r| r.split_once(", expected "))
    {
        format!(
            "{field} is {}, where {} belongs",
            found_words(found),
            expected_words(expected)
        )
    } else if let Some((found, known)) = said
        .strip_prefix("unknown variant `")
        .and_then(|r| r.split_once("`, expected "))
    {
        let known = known.replace('`', "\"");
        format!("{field} is \"{found}\", which afterglow does not know ({known})")
    } else if CHRONO_WORDS.contains(&said) {
        format!(
            "{field} is {raw}, which is not a time afterglow can read \
             (afterglow writes times such as \"2026-03-05T20:14:03Z\")"
        )
    } else {
        format!("{field} cannot be read ({})", said.replace('`', "\""))
    };
    problem.message = format!("this export has a value afterglow cannot read: {message}");
    problem
}

/// chrono's messages for a time it could not read.
const CHRONO_WORDS: [&str; 7] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "bad or unsupported format string",
];

fn check_amount(habit: &Habit, amount: f64) -> Result<(), String> {
    habit
        .check_amount(amount)
        .map(|_| ())
        .map_err(|e| format!("the tick of {}: {e}", habit.name))
}

fn missing_session(s: Option<crate::domain::SessionId>) -> String {
    format!(
        "this refers to session {}, which is not in the file",
        s.map_or(0, |s| s.0)
    )
}

fn unique(
    ids: impl Iterator<Item = i64>,
    key: &str,
    what: &str,
    text: &str,
) -> Result<(), Problem> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(Problem::at(
                element_line(text, key, i).unwrap_or(1),
                format!("another {what} in the file has the id {id}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::store::Db;
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_field_of_a_bad_value_is_found_past_quotes_and_colons_in_notes() {
        let text = "{\n \"body\": \"she said \\\": no\\\" \",\n \"mood\": \"high\"}";
        let column = text.lines().nth(2).unwrap().len() - 1;
        assert_eq!(
            field_at(text, 3, column),
            (Some("mood".to_string()), "\"high\"".to_string())
        );
        assert_eq!(field_at("[1, 2", 1, 3), (None, String::new()));
    }

    fn export_text() -> String {
        let mut db = Db::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        db.ensure_defaults(today).unwrap();
        let sleep = db.habits(false).unwrap()[0].id;
        db.set_tick(sleep, today, Some(7.5)).unwrap();
        db.add_session(&crate::store::NewSession {
            at: Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap(),
            kind: crate::domain::SessionKind::Infusion,
            dose_mg: Some(35.0),
            note: None,
            status: crate::domain::SessionStatus::Done,
        })
        .unwrap();
        db.add_entry(&crate::store::NewEntry {
            written_at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
            body: "First words 🌱".into(),
            mood: None,
            session: None,
        })
        .unwrap();
        let export = db
            .export(Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap())
            .unwrap();
        json::write(&export, export.exported_at, export.schema_version).unwrap()
    }

    #[test]
    fn an_export_reads_back_as_a_complete_batch() {
        let parsed = parse(export_text().as_bytes()).unwrap();
        assert!(parsed.batch.complete);
        assert_eq!(parsed.batch.history.journal.len(), 1);
        assert_eq!(parsed.batch.history.ticks.len(), 1);
        assert_eq!(parsed.batch.history.habits.len(), 3);
        assert!(parsed.batch.link_window.is_none());
    }

    #[test]
    fn other_formats_and_newer_versions_are_refused_plainly() {
        let text = export_text();
        let newer = text.replacen("\"version\": 1", "\"version\": 2", 1);
        let p = parse(newer.as_bytes()).unwrap_err();
        assert!(
            p.message.contains("version 2, from a newer afterglow"),
            "{}",
            p.message
        );
        let other = text.replacen("\"format\": \"afterglow\"", "\"format\": \"bearable\"", 1);
        assert!(
            parse(other.as_bytes())
                .unwrap_err()
                .message
                .contains("\"bearable\"")
        );
        let p = parse(br#"{"tags": {}, "entries": []}"#).unwrap_err();
        assert!(p.message.contains("--from jrnl"), "{}", p.message);
        assert!(
            parse(br#"{"format": "afterglow"}"#)
                .unwrap_err()
                .message
                .contains("no version")
        );
    }

    #[test]
    fn bad_records_are_named_by_line() {
        let text = export_text();
        let empty = text.replacen("First words 🌱", "  ", 1);
        let p = parse(empty.as_bytes()).unwrap_err();
        assert!(p.message.contains("has no words"), "{}", p.message);
        assert_eq!(
            text.lines().nth(p.line.unwrap() - 1).map(str::trim),
            Some("{")
        );

        let too_long = text.replacen("7.5", "30.0", 1);
        let p = parse(too_long.as_bytes()).unwrap_err();
        assert!(p.message.contains("more than a day holds"), "{}", p.message);

        let mood = text.replacen("\"mood\": null", "\"mood\": 11", 1);
        let p = parse(mood.as_bytes()).unwrap_err();
        assert!(p.message.contains("1 to 10"), "{}", p.message);
        let mood_line = text
            .lines()
            .position(|l| l.contains("\"mood\": null"))
            .unwrap()
            + 1;
        assert_eq!(p.line, Some(mood_line));

        // What the store would refuse with no line to name.
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap();
        let dose = text.replacen("\"dose_mg\": 35.0", "\"dose_mg\": -35.0", 1);
        let p = parse(dose.as_bytes()).unwrap_err();
        assert!(
            p.message.contains("dose must be a positive number"),
            "{}",
            p.message
        );
        assert!(p.line.unwrap() <= line_of("\"dose_mg\"") + 1, "{p:?}");
        assert!(p.line.unwrap() >= line_of("\"sessions\""), "{p:?}");

        let far = text.replacen("\"2026-01-01\"", "\"+12026-01-01\"", 1);
        let p = parse(far.as_bytes()).unwrap_err();
        assert!(p.message.contains("+12026-01-01"), "{}", p.message);
        assert!(p.line.is_some_and(|l| l > 1), "{p:?}");
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod checkin_tests {
    use super::*;
    use crate::domain::Mood;
    use crate::domain::checkin::Scale;
    use crate::store::{Db, NewCheckIn, NewResult};
    use chrono::{TimeZone, Utc};

    /// An export holding one check-in and one questionnaire result.
    fn text() -> String {
        let mut db = Db::open_in_memory().unwrap();
        db.add_checkin(&NewCheckIn {
            at: Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap(),
            mood: Mood::new(4).unwrap(),
            anxiety: Some(Scale::new(6).unwrap()),
            energy: Some(Scale::new(2).unwrap()),
            note: Some("heavy morning"),
        })
        .unwrap();
        db.add_result(&NewResult {
            key: "reflection",
            name: "afterglow's weekly reflection",
            version: "abc",
            at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
            answers: &[1, 2, 0],
            total: 3,
            band: Some("settled"),
        })
        .unwrap();
        let export = db
            .export(Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap())
            .unwrap();
        json::write(&export, export.exported_at, export.schema_version).unwrap()
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn check_ins_and_results_come_in_with_the_rest() {
        let parsed = parse(text().as_bytes()).unwrap();
        let h = &parsed.batch.history;
        assert_eq!(h.checkins.len(), 1);
        assert_eq!(h.checkins[0].note.as_deref(), Some("heavy morning"));
        assert_eq!(h.checkins[0].anxiety.map(Scale::get), Some(6));
        assert_eq!(h.questionnaire_results.len(), 1);
        assert_eq!(h.questionnaire_results[0].answers, [1, 2, 0]);
    }

    #[test]
    fn ratings_out_of_range_are_refused_at_their_line() {
        let text = text();
        for (from, to, says) in [
            ("\"mood\": 4", "\"mood\": 0", "1 to 10"),
            ("\"anxiety\": 6", "\"anxiety\": 11", "0 to 10"),
            ("\"energy\": 2", "\"energy\": -1", "0 to 10"),
        ] {
            let bad = text.replacen(from, to, 1);
            let p = parse(bad.as_bytes()).unwrap_err();
            assert!(p.message.contains(says), "{to}: {}", p.message);
            assert_eq!(p.line, Some(line_of(&text, from)), "{to}: {p:?}");
        }
    }

    #[test]
    fn answers_must_be_a_list_of_whole_numbers() {
        let text = text();
        let answers = line_of(&text, "\"answers\"");
        for bad in [
            text.replacen("\"answers\": [", "\"answers\": [1.5, ", 1),
            text.replacen("\"answers\": [", "\"answers\": [\"two\", ", 1),
            text.replacen("\"answers\": [", "\"answers\": 3, \"x\": [", 1),
        ] {
            let p = parse(bad.as_bytes()).unwrap_err();
            assert!(
                p.message.contains("\"answers\"") || p.message.contains("whole number"),
                "{}",
                p.message
            );
            assert!(p.line.is_some_and(|l| l >= answers), "{p:?}");
        }
        let many = format!("\"answers\": [{}", "1, ".repeat(MAX_ANSWERS + 1));
        let p = parse(text.replacen("\"answers\": [", &many, 1).as_bytes()).unwrap_err();
        assert!(p.message.contains("at most 1000"), "{}", p.message);
        assert_eq!(
            p.line,
            Some(line_of(&text, "\"questionnaire_results\"") + 1)
        );
    }

    #[test]
    fn a_result_without_a_usable_key_or_a_repeated_id_is_refused() {
        let text = text();
        let p = parse(text.replacen("\"reflection\"", "\" \"", 1).as_bytes()).unwrap_err();
        assert!(p.message.contains("no key"), "{}", p.message);
        let long = format!("\"{}\"", "k".repeat(65));
        let p = parse(text.replacen("\"reflection\"", &long, 1).as_bytes()).unwrap_err();
        assert!(p.message.contains("at most 64"), "{}", p.message);
        let twice = text.replacen(
            "\"checkins\": [\n",
            "\"checkins\": [\n    {\"id\": 1, \"at\": \"2026-01-01T07:00:00Z\", \"mood\": 5},\n",
            1,
        );
        let p = parse(twice.as_bytes()).unwrap_err();
        assert!(p.message.contains("another check-in"), "{}", p.message);
    }

    #[test]
    fn a_result_the_command_line_could_not_have_saved_is_refused_at_its_line() {
        let text = text();
        let at = line_of(&text, "\"questionnaire_results\"") + 1;
        for (from, to, says) in [
            ("\"total\": 3", "\"total\": 99", "add up to 3"),
            (
                "\"settled\"",
                "\"\\u001b[31msettled\"",
                "control character \\u{1b}",
            ),
            (
                "\"settled\"",
                "\"set\\u202etled\"",
                "control character \\u{202e}",
            ),
            (
                "\"afterglow's weekly reflection\"",
                "\"\\u0007bell\"",
                "its name holds",
            ),
        ] {
            assert!(text.contains(from), "{from}");
            let p = parse(text.replacen(from, to, 1).as_bytes()).unwrap_err();
            assert!(p.message.contains(says), "{to}: {}", p.message);
            assert!(
                p.message.starts_with("questionnaire result 1:"),
                "{}",
                p.message
            );
            assert_eq!(p.line, Some(at), "{to}");
        }
    }

    #[test]
    fn a_note_comes_in_as_the_command_line_keeps_it() {
        let text = text();
        let folded = text.replacen(
            "\"heavy morning\"",
            "\"heavy\\nmorning \\u001b[31mred\\u202e\"",
            1,
        );
        let parsed = parse(folded.as_bytes()).unwrap();
        assert_eq!(
            parsed.batch.history.checkins[0].note.as_deref(),
            Some("heavy morning [31mred")
        );
        let blank = text.replacen("\"heavy morning\"", "\"\\u0007\\n \"", 1);
        let parsed = parse(blank.as_bytes()).unwrap();
        assert_eq!(parsed.batch.history.checkins[0].note, None);
        let long = format!("\"{}\"", "a".repeat(201));
        let p = parse(text.replacen("\"heavy morning\"", &long, 1).as_bytes()).unwrap_err();
        assert!(p.message.contains("201 characters"), "{}", p.message);
        assert!(p.message.contains("at most 200"), "{}", p.message);
        assert_eq!(p.line, Some(line_of(&text, "\"checkins\"") + 1));
    }
}
