//! CSV: one RFC 4180 file per kind of record, for spreadsheets and scripts.
//!
//! Every file has a header row, CRLF line ends and fields quoted only when
//! they need it (a comma, a quote or a line break). Instants come twice:
//! in UTC (RFC 3339, exact) and in local time (what a spreadsheet shows).
//!
//! Text is written as it was typed, with one exception: a spreadsheet runs
//! a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! as a formula, and a note is no place for `=HYPERLINK(…)` to come alive.
//! As OWASP advises ("CSV Injection"), such a cell gets a single quote in
//! front and is quoted ([`guard`]). The rule is exactly reversible
//! ([`unguard`]): a cell that already starts with quotes followed by one
//! of those characters gets one more, so taking one `'` off every cell that
//! starts with quotes and then one of them gives back the text as stored.
//! afterglow itself reads only its JSON back (`import --from afterglow`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

use super::{FormatError, local};
use crate::domain::checkin::Scale;
use crate::domain::{HabitId, HabitKind, History, SessionId};

/// One finished file: its name inside the folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub name: &'static str,
    /// Records, not counting the header.
    pub rows: usize,
    pub bytes: Vec<u8>,
}

/// The names of the files [`files`] writes, in that order. The command
/// line replaces a folder only when it holds nothing else.
pub const FILE_NAMES: [&str; 10] = [
    "sessions.csv",
    "intentions.csv",
    "earlier_reflections.csv",
    "journal.csv",
    "habits.csv",
    "habit_ticks.csv",
    "therapy.csv",
    "treatment.csv",
    "checkins.csv",
    "questionnaire_results.csv",
];

/// All the files, oldest record first in each.
pub fn files<Tz>(export: &History, tz: &Tz) -> Result<Vec<CsvFile>, FormatError>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let utc = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let loc = |t: DateTime<Utc>| local(t, tz, "%Y-%m-%d %H:%M:%S");
    let id = |s: Option<SessionId>| s.map(|s| s.0.to_string()).unwrap_or_default();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let num = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();

    let mut sessions: Vec<_> = export.sessions.iter().collect();
    sessions.sort_by_key(|s| (s.at, s.id));
    let sessions = table(
        FILE_NAMES[0],
        &[
            "id", "at_utc", "at_local", "kind", "dose_mg", "status", "note",
        ],
        sessions.iter().map(|s| {
            vec![
                s.id.0.to_string(),
                utc(s.at),
                loc(s.at),
                s.kind.as_str().into(),
                num(s.dose_mg),
                s.status.as_str().into(),
                text(&s.note),
            ]
        }),
    )?;

    let mut intentions: Vec<_> = export.intentions.iter().collect();
    intentions.sort_by_key(|i| (i.set_at, i.id));
    let intentions = table(
        FILE_NAMES[1],
        &[
            "id",
            "session_id",
            "set_at_utc",
            "set_at_local",
            "text",
            "reflected_at_utc",
            "reflected_at_local",
            "reflection",
            "replaced_at_utc",
            "replaced_at_local",
        ],
        intentions.iter().map(|i| {
            vec![
                i.id.0.to_string(),
                id(i.session),
                utc(i.set_at),
                loc(i.set_at),
                i.text.clone(),
                i.reflected_at.map(utc).unwrap_or_default(),
                i.reflected_at.map(loc).unwrap_or_default(),
                text(&i.reflection),
                i.replaced_at.map(utc).unwrap_or_default(),
                i.replaced_at.map(loc).unwrap_or_default(),
            ]
        }),
    )?;

    // A reflection written anew keeps the one before; one row each, tied
    // to its intention by id.
    let mut reflected: Vec<_> = export.intentions.iter().collect();
    reflected.sort_by_key(|i| (i.set_at, i.id));
    let earlier = table(
        FILE_NAMES[2],
        &[
            "intention_id",
            "reflected_at_utc",
            "reflected_at_local",
            "replaced_at_utc",
            "replaced_at_local",
            "reflection",
        ],
        reflected.iter().flat_map(|i| {
            i.earlier_reflections.iter().map(|e| {
                vec![
                    i.id.0.to_string(),
                    e.reflected_at.map(utc).unwrap_or_default(),
                    e.reflected_at.map(loc).unwrap_or_default(),
                    utc(e.replaced_at),
                    loc(e.replaced_at),
                    e.text.clone(),
                ]
            })
        }),
    )?;

    let mut journal: Vec<_> = export.journal.iter().collect();
    journal.sort_by_key(|e| (e.written_at, e.id));
    let journal = table(
        FILE_NAMES[3],
        &[
            "id",
            "written_at_utc",
            "written_at_local",
            "updated_at_utc",
            "mood",
            "session_id",
            "body",
        ],
        journal.iter().map(|e| {
            vec![
                e.id.0.to_string(),
                utc(e.written_at),
                loc(e.written_at),
                utc(e.updated_at),
                e.mood.map(|m| m.get().to_string()).unwrap_or_default(),
                id(e.session),
                e.body.clone(),
            ]
        }),
    )?;

    let habits = table(
        FILE_NAMES[4],
        &[
            "id", "name", "type", "unit", "target", "role", "archived", "since",
        ],
        export.habits.iter().map(|h| {
            let kind = match h.kind {
                HabitKind::YesNo => "yes-no",
                HabitKind::Quantity { .. } => "quantity",
            };
            vec![
                h.id.0.to_string(),
                h.name.clone(),
                kind.into(),
                h.unit().unwrap_or_default().into(),
                num(h.target()),
                h.role.as_str().into(),
                h.archived.to_string(),
                h.since.to_string(),
            ]
        }),
    )?;

    let by_id: HashMap<HabitId, &crate::domain::Habit> =
        export.habits.iter().map(|h| (h.id, h)).collect();
    let mut ticks: Vec<_> = export.ticks.iter().collect();
    ticks.sort_by_key(|t| (t.day, t.habit));
    let ticks = table(
        FILE_NAMES[5],
        &["habit_id", "habit", "day", "amount", "met"],
        ticks.iter().map(|t| {
            let habit = by_id.get(&t.habit);
            vec![
                t.habit.0.to_string(),
                habit.map(|h| h.name.clone()).unwrap_or_default(),
                t.day.to_string(),
                num(t.amount),
                // Whether the day's goal was met, by the same rule as the
                // dashboard's streaks.
                habit
                    .map(|h| h.is_met(Some(t)).to_string())
                    .unwrap_or_default(),
            ]
        }),
    )?;

    let mut therapy: Vec<_> = export.therapy.iter().collect();
    therapy.sort_by_key(|v| (v.at, v.id));
    let therapy = table(
        FILE_NAMES[6],
        &["id", "at_utc", "at_local", "note"],
        therapy
            .iter()
            .map(|v| vec![v.id.0.to_string(), utc(v.at), loc(v.at), text(&v.note)]),
    )?;

    let treatment = table(
        FILE_NAMES[7],
        &["at_utc", "at_local", "status", "note"],
        export.treatment.iter().map(|c| {
            vec![
                utc(c.at),
                loc(c.at),
                c.status.as_str().into(),
                text(&c.note),
            ]
        }),
    )?;

    let scale = |s: Option<Scale>| s.map(|s| s.get().to_string()).unwrap_or_default();
    let mut checkins: Vec<_> = export.checkins.iter().collect();
    checkins.sort_by_key(|c| (c.at, c.id));
    let checkins = table(
        FILE_NAMES[8],
        &[
            "id", "at_utc", "at_local", "mood", "anxiety", "energy", "note",
        ],
        checkins.iter().map(|c| {
            vec![
                c.id.0.to_string(),
                utc(c.at),
                loc(c.at),
                c.mood.get().to_string(),
                scale(c.anxiety),
                scale(c.energy),
                text(&c.note),
            ]
        }),
    )?;

    // One row per time a questionnaire was answered; the answers, in item
    // order, in one cell ("1 0 2"), so every row has the same columns
    // whatever the questionnaire.
    let mut results: Vec<_> = export.questionnaire_results.iter().collect();
    results.sort_by_key(|r| (r.at, r.id));
    let results = table(
        FILE_NAMES[9],
        &[
            "id", "at_utc", "at_local", "key", "name", "version", "total", "band", "answers",
        ],
        results.iter().map(|r| {
            vec![
                r.id.0.to_string(),
                utc(r.at),
                loc(r.at),
                r.key.clone(),
                r.name.clone(),
                r.version.clone(),
                r.total.to_string(),
                text(&r.band),
                r.answers
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        }),
    )?;

    Ok(vec![
        sessions, intentions, earlier, journal, habits, ticks, therapy, treatment, checkins,
        results,
    ])
}

fn table(
    name: &'static str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<CsvFile, FormatError> {
    let mut text = String::new();
    record(&mut text, header.iter().copied());
    let mut count = 0;
    for row in rows {
        record(&mut text, row.iter().map(String::as_str));
        count += 1;
    }
    Ok(CsvFile {
        name,
        rows: count,
        bytes: text.into_bytes(),
    })
}

/// One RFC 4180 record with its CRLF. A field is quoted when it holds a
/// comma, a quote or a line break, and when [`guard`] changed it; quotes
/// inside are doubled.
fn record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = guard(field);
        if matches!(cell, Cow::Owned(_)) || field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// What a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a cell no spreadsheet runs: a `'` in front when it starts
/// with a formula character, or with quotes followed by one (so that
/// [`unguard`] is its exact inverse).
pub fn guard(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a cell written by [`guard`] holds: one `'` fewer when it starts
/// with quotes followed by a formula character, otherwise the cell itself.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::export;
    use super::*;
    use chrono::FixedOffset;

    fn file<'a>(files: &'a [CsvFile], name: &str) -> &'a str {
        let f = files.iter().find(|f| f.name == name).unwrap();
        std::str::from_utf8(&f.bytes).unwrap()
    }

    #[test]
    fn one_file_per_kind_with_crlf_and_quoting_only_where_needed() {
        let files = files(&export(), &Utc).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name).collect();
        assert_eq!(names, FILE_NAMES);
        let sessions = file(&files, "sessions.csv");
        assert_eq!(
            sessions,
            "id,at_utc,at_local,kind,dose_mg,status,note\r\n\
             1,2026-04-06T10:00:00Z,2026-04-06 10:00:00,infusion,35,done,\
             \"Calm; then a wave 🌊, a comma, and\na new line; \\ too\"\r\n\
             2,2026-04-09T10:00:00Z,2026-04-09 10:00:00,infusion,35,done,\r\n\
             3,2026-05-01T09:30:00Z,2026-05-01 09:30:00,infusion,35,planned,\r\n"
        );
        assert_eq!(files[0].rows, 3);
    }

    #[test]
    fn quotes_are_doubled_and_fields_read_back_exactly() {
        let mut e = export();
        e.journal[0].body = "She said \"enough\", then left.\r\nOK".into();
        let files = files(&e, &Utc).unwrap();
        let journal = file(&files, "journal.csv");
        assert!(
            journal.contains("\"She said \"\"enough\"\", then left.\r\nOK\""),
            "{journal}"
        );
        let mut r = ::csv::Reader::from_reader(journal.as_bytes());
        let bodies: Vec<String> = r.records().map(|rec| rec.unwrap()[6].to_string()).collect();
        assert_eq!(bodies.len(), 4);
        assert_eq!(bodies[3], "She said \"enough\", then left.\r\nOK");
        assert_eq!(
            bodies[1],
            "Slept well.\nWalked by the river.\n\nFelt | light."
        );
    }

    #[test]
    fn local_columns_follow_the_zone_and_ticks_say_whether_they_met_the_goal() {
        let tz = FixedOffset::east_opt(2 * 3600).unwrap();
        let files = files(&export(), &tz).unwrap();
        assert!(
            file(&files, "therapy.csv")
                .contains("1,2026-04-07T15:00:00Z,2026-04-07 17:00:00,\"Talked, about work\"\r\n")
        );
        let ticks = file(&files, "habit_ticks.csv");
        assert!(ticks.contains("1,Sleep,2026-04-07,8,true\r\n"), "{ticks}");
        assert!(ticks.contains("1,Sleep,2026-04-08,6,false\r\n"), "{ticks}");
        assert!(
            ticks.contains("4,\"Walk, outside\",2026-04-13,,true\r\n"),
            "{ticks}"
        );
        let habits = file(&files, "habits.csv");
        assert!(habits.contains("4,\"Walk, outside\",yes-no,,,custom,false,2026-03-30\r\n"));
        let intentions = file(&files, "intentions.csv");
        assert!(
            intentions
                .contains("2,,2026-04-19T19:00:00Z,2026-04-19 21:00:00,Be kind to myself,,,,,\r\n")
        );
    }

    #[test]
    fn formula_cells_get_one_quote_that_comes_back_off_exactly() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@A1", "'@A1"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=1", "''=1"),
            ("'''-1", "''''-1"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("a=1", "a=1"),
            ("", ""),
        ] {
            assert_eq!(guard(text), cell, "{text:?}");
            assert_eq!(unguard(cell), text, "{cell:?}");
        }
        let mut e = export();
        e.journal[0].body = "=HYPERLINK(\"http://x\",\"y\")".into();
        e.habits[0].name = "@SUM(1)".into();
        let files = files(&e, &Utc).unwrap();
        let journal = file(&files, "journal.csv");
        assert!(
            journal.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n"),
            "{journal}"
        );
        assert!(file(&files, "habits.csv").contains(",\"'@SUM(1)\","));
        assert!(file(&files, "habit_ticks.csv").contains(",\"'@SUM(1)\","));
    }

    #[test]
    fn check_ins_and_questionnaire_results_have_their_own_files() {
        let tz = FixedOffset::east_opt(2 * 3600).unwrap();
        let written = files(&super::super::fixture::checked_in(export()), &tz).unwrap();
        let empty = files(&export(), &tz).unwrap();
        let files = written;
        // The note starts with `=`: guarded like every other cell.
        assert_eq!(
            file(&files, "checkins.csv"),
            "id,at_utc,at_local,mood,anxiety,energy,note\r\n\
             1,2026-04-08T07:30:00Z,2026-04-08 09:30:00,6,3,,\"'=slow start, then \"\"fine\"\"\"\r\n"
        );
        assert_eq!(
            file(&files, "questionnaire_results.csv"),
            "id,at_utc,at_local,key,name,version,total,band,answers\r\n\
             1,2026-04-12T18:00:00Z,2026-04-12 20:00:00,reflection,\
             afterglow's weekly reflection,3f2a9c,4,settled,1 0 2 1\r\n"
        );
        let mut r = ::csv::Reader::from_reader(file(&files, "checkins.csv").as_bytes());
        let notes: Vec<String> = r
            .records()
            .map(|rec| unguard(&rec.unwrap()[6]).to_string())
            .collect();
        assert_eq!(notes, ["=slow start, then \"fine\""]);
        assert_eq!(empty[8].rows + empty[9].rows, 0);
    }

    #[test]
    fn an_empty_history_still_has_headers() {
        let mut e = export();
        e.sessions.clear();
        e.journal.clear();
        let files = files(&e, &Utc).unwrap();
        assert_eq!(
            file(&files, "journal.csv"),
            "id,written_at_utc,written_at_local,updated_at_utc,mood,session_id,body\r\n"
        );
        assert_eq!(files[2].rows, 0);
    }
}
