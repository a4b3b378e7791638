//! jrnl's JSON export (`jrnl --export json`).
//!
//! The shape, from jrnl's exporter (jrnl-org/jrnl,
//! jrnl/plugins/exporter/json.py; jrnl/plugins/json_exporter.py in older
//! releases), written by Python's `json.dumps(…, indent=2)`, so anything
//! beyond ASCII arrives as `\u` escapes (emoji as surrogate pairs):
//!
//! ```json
//! {"tags": {"@work": 2},
//!  "entries": [{"title": "…", "body": "…", "date": "2024-03-01",
//!               "time": "21:05", "tags": ["@work"], "starred": false}]}
//! ```
//!
//! `date` and `time` are `%Y-%m-%d` and `%H:%M` of a naive local time (jrnl
//! keeps no zone), read here in the person's zone. jrnl splits an entry's
//! text into a title (its first sentence or line) and a body
//! (jrnl/journals/Entry.py, `split_title`); its own journal file writes
//! them as `[date] title` and the body on the next line, so that is how
//! they are joined again. Tags are words in that text already (`@work`),
//! so the `tags` list adds nothing; a star becomes a last line,
//! "Starred in jrnl.", so it is not lost. Entries may also carry `uuid`
//! and `creator` (from Day One), which are ignored.

use chrono::{NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::{
    Options, Parsed, Problem, batch_id, check_entry, element_at, element_line, expected_words,
    export_text, field_at, found_words, json_problem, line_of_offset, local_instant, offset_of,
    read_day, serde_said, top_words,
};
use crate::domain::{JournalEntry, JournalId};

#[derive(Deserialize)]
struct Export {
    entries: Option<Vec<Entry>>,
    /// Only to recognise an afterglow export given as jrnl by mistake.
    format: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Entry {
    title: Option<String>,
    body: Option<String>,
    date: String,
    time: String,
    #[serde(default)]
    starred: Option<bool>,
}

pub fn parse<Tz: chrono::TimeZone>(
    bytes: &[u8],
    opts: &Options<'_, Tz>,
) -> Result<Parsed, Problem> {
    let text = export_text(bytes)?;
    let export: Export = serde_json::from_str(text).map_err(|e| unreadable(&e, text))?;
    let Some(entries) = export.entries else {
        let hint = if export.format.as_ref().and_then(|f| f.as_str()) == Some("afterglow") {
            "this is an afterglow export; bring it in with --from afterglow"
        } else {
            "this is not a jrnl JSON export: it has no \"entries\" list \
             (make one with `jrnl --export json`)"
        };
        return Err(Problem::whole(hint));
    };

    let mut parsed = Parsed::default();
    let mut empty = 0usize;
    for (i, e) in entries.into_iter().enumerate() {
        let line = || element_line(text, "entries", i).unwrap_or(1);
        let at = read_time(&e.date, &e.time)
            .map_err(|m| Problem::at(line(), m))
            .and_then(|naive| {
                local_instant(naive, &opts.zone).ok_or_else(|| {
                    Problem::at(
                        line(),
                        "that time is outside the range afterglow can handle",
                    )
                })
            })?;
        let Some(body) = body(&e) else {
            empty += 1;
            continue;
        };
        check_entry(&body).map_err(|m| Problem::at(line(), m))?;
        parsed.batch.history.journal.push(JournalEntry {
            id: JournalId(batch_id(parsed.batch.history.journal.len())),
            written_at: at,
            updated_at: at,
            body,
            mood: None,
            session: None,
        });
    }
    parsed.finish(opts.window);
    if empty > 0 {
        parsed.notes.push(if empty == 1 {
            "1 jrnl entry had no words in it and was left out.".to_string()
        } else {
            format!("{empty} jrnl entries had no words in them and were left out.")
        });
    }
    Ok(parsed)
}

/// JSON that is not shaped as jrnl writes its export, in plain words
/// instead of serde's ("invalid length 0, expected struct Export with 2
/// elements"): what the file or the entry holds, which entry and field,
/// and what jrnl writes there. Broken JSON keeps its own message.
fn unreadable(e: &serde_json::Error, text: &str) -> Problem {
    if e.classify() != serde_json::error::Category::Data {
        return json_problem(e);
    }
    let top = top_words(text);
    if top != "an object" {
        return Problem::whole(format!(
            "this is not a jrnl export: it holds {top} at the top, where jrnl writes an \
             object with \"entries\" (make one with `jrnl --export json`)"
        ));
    }
    let said = serde_said(e);
    let found = said
        .strip_prefix("invalid type: ")
        .or_else(|| said.strip_prefix("invalid value: "))
        .and_then(|r| r.split_once(", expected "));
    let named = |prefix: &str| {
        said.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('`'))
            .map(str::to_string)
    };
    let (key, _) = field_at(text, e.line(), e.column());
    let Some((i, start)) = element_at(text, "entries", offset_of(text, e.line(), e.column()))
    else {
        // Outside the entries, only the list itself can be of the wrong kind.
        let message = match (key.as_deref(), found) {
            (Some("entries"), Some((found, _))) => format!(
                "\"entries\" holds {}, where jrnl writes a list of entries ([ … ])",
                found_words(found)
            ),
            _ => match named("duplicate field `") {
                Some(name) => format!("\"{name}\" is written twice at the top of the file"),
                None => format!("this is not a jrnl export ({})", said.replace('`', "\"")),
            },
        };
        return Problem::at(e.line(), message);
    };
    let n = i + 1;
    let entry_line = line_of_offset(text.as_bytes(), start);
    let kind = top_words(&text[start..]);
    if kind != "an object" {
        return Problem::at(
            entry_line,
            format!(
                "entry {n} holds {kind}, where jrnl writes an object with the entry's \
                 \"date\", \"time\", \"title\" and \"body\""
            ),
        );
    }
    if let Some(name) = named("missing field `") {
        let example = match name.as_str() {
            "date" => " (such as \"2024-03-01\")",
            "time" => " (such as \"21:05\")",
            _ => "",
        };
        return Problem::at(
            entry_line,
            format!("entry {n} has no \"{name}\", which jrnl writes in every entry{example}"),
        );
    }
    if let Some(name) = named("duplicate field `") {
        return Problem::at(e.line(), format!("entry {n} has \"{name}\" twice"));
    }
    let field = key.map_or_else(|| "a value".to_string(), |k| format!("{k:?}"));
    let message = match found {
        Some((found, expected)) => {
            let wants = match field.as_str() {
                "\"title\"" | "\"body\"" => "text".to_string(),
                "\"date\"" => "a date as text, such as \"2024-03-01\"".to_string(),
                "\"time\"" => "a time as text, such as \"21:05\"".to_string(),
                "\"starred\"" => "true or false".to_string(),
                _ => expected_words(expected),
            };
            format!(
                "in entry {n}, {field} holds {}, where jrnl writes {wants}",
                found_words(found)
            )
        }
        None => format!(
            "in entry {n}, {field} cannot be read ({})",
            said.replace('`', "\"")
        ),
    };
    Problem::at(e.line(), message)
}

fn read_time(date: &str, time: &str) -> Result<NaiveDateTime, String> {
    let day = read_day(date)
        .ok_or_else(|| format!("could not read the date {date:?}; jrnl writes YYYY-MM-DD"))?;
    let clock = ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(time.trim(), f).ok())
        .ok_or_else(|| format!("could not read the time {time:?}; jrnl writes HH:MM"))?;
    Ok(day.and_time(clock))
}

/// The entry's words, as jrnl writes them in its own file; `None` when
/// there are none.
fn body(e: &Entry) -> Option<String> {
    let title = e.title.as_deref().unwrap_or("").trim();
    let rest = e.body.as_deref().unwrap_or("").trim_end();
    // Leading blank lines of the body carry nothing; its indentation does.
    let rest = rest.trim_start_matches(['\n', '\r']);
    let mut text = match (title.is_empty(), rest.trim().is_empty()) {
        (true, true) => return None,
        (false, true) => title.to_string(),
        (true, false) => rest.to_string(),
        (false, false) => format!("{title}\n{rest}"),
    };
    if e.starred == Some(true) {
        text.push_str("\n\nStarred in jrnl.");
    }
    Some(text)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::importers::MoodMap;
    use crate::importers::testing::{fixture, options};
    use chrono::{FixedOffset, TimeZone, Utc};

    fn opts(moods: &MoodMap) -> Options<'_, FixedOffset> {
        options(3600, &[], moods)
    }

    #[test]
    fn a_jrnl_export_becomes_entries_in_local_time() {
        let moods = MoodMap::default();
        let parsed = parse(&fixture("jrnl.json"), &opts(&moods)).unwrap();
        let j = &parsed.batch.history.journal;
        assert_eq!(j.len(), 5, "{j:#?}");
        // 2025-11-02 08:15 at UTC+1, oldest first.
        assert_eq!(
            j[0].written_at,
            Utc.with_ymd_and_hms(2025, 11, 2, 7, 15, 0).unwrap()
        );
        assert_eq!(j[0].body, "Woke up early.\n@sleep");
        assert!(j.windows(2).all(|w| w[0].written_at <= w[1].written_at));
        let starred = j
            .iter()
            .find(|e| e.body.starts_with("Session day"))
            .unwrap();
        assert_eq!(
            starred.body,
            "Session day, \"big\" one 🌊\nFelt the edges soften.\n\n  Indented line, kept.\n\nStarred in jrnl."
        );
        assert!(j.iter().any(|e| e.body == "Only a title, no body."));
        assert!(j.iter().any(|e| e.body == "A body whose title was empty."));
        assert!(
            j.iter()
                .all(|e| e.id.0 < 0 && e.mood.is_none() && e.session.is_none())
        );
        assert_eq!(
            parsed.notes,
            ["1 jrnl entry had no words in it and was left out."]
        );
        assert!(parsed.batch.link_window.is_some());
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark_read_the_same() {
        let moods = MoodMap::default();
        let raw = fixture("jrnl-windows.json");
        assert!(raw.starts_with(b"\xEF\xBB\xBF") && raw.windows(2).any(|w| w == b"\r\n"));
        let windows = parse(&raw, &opts(&moods)).unwrap();
        assert_eq!(windows.batch.history.journal.len(), 2);
        assert_eq!(
            windows.batch.history.journal[1].body,
            "Zweiter Eintrag: Grüße, Kälte, Ärger.\nZeile zwei."
        );
    }

    #[test]
    fn problems_name_the_line() {
        let moods = MoodMap::default();
        let o = opts(&moods);
        let bad_date = b"{\"entries\": [\n {\"title\": \"a\", \"body\": \"\", \"date\": \"2025-01-01\", \"time\": \"10:00\"},\n {\"title\": \"b\", \"body\": \"\", \"date\": \"01.02.2025\", \"time\": \"10:00\"}\n]}";
        let p = parse(bad_date, &o).unwrap_err();
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("\"01.02.2025\""), "{}", p.message);

        let far = b"{\"entries\": [\n {\"title\": \"a\", \"body\": \"\", \"date\": \"-0001-01-01\", \"time\": \"10:00\"}\n]}";
        let p = parse(far, &o).unwrap_err();
        assert_eq!(p.line, Some(2));
        assert!(p.message.contains("\"-0001-01-01\""), "{}", p.message);

        let missing = b"{\"entries\": [\n {\"title\": \"a\",\n  \"time\": \"10:00\"}\n]}";
        let p = parse(missing, &o).unwrap_err();
        // The entry's own line, not that of the brace serde stopped at.
        assert_eq!(p.line, Some(2));
        assert!(
            p.message.starts_with("entry 1 has no \"date\""),
            "{}",
            p.message
        );

        let cut = b"{\"entries\": [\n {\"title\": \"a\",";
        let p = parse(cut, &o).unwrap_err();
        assert!(p.message.contains("ends too soon"), "{}", p.message);

        let p = parse(br#"{"format": "afterglow", "version": 1}"#, &o).unwrap_err();
        assert!(p.message.contains("--from afterglow"), "{}", p.message);
        let p = parse(b"[]", &o).unwrap_err();
        assert!(
            p.message.contains("it holds a list at the top"),
            "{}",
            p.message
        );
        assert!(parse(b"  ", &o).unwrap_err().message.contains("empty"));
    }
}
