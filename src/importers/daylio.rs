//! Daylio's CSV export (More → Export entries → CSV).
//!
//! The header, in its three known forms:
//!
//! ```text
//! full_date,date,weekday,time,mood,activities,note                   (older)
//! full_date,date,weekday,time,mood,activities,note_title,note
//! full_date,date,weekday,time,mood,activities,scales,note_title,note (newer)
//! ```
//!
//! Columns are found by name, so their order does not matter. `full_date` is
//! `yyyy-MM-dd`; `date` and `weekday` are localised ("17. Februar",
//! "Sonntag") and ignored. `time` is the phone's local clock, "20:45" or
//! "8:45 pm" depending on its locale. `mood` is the mood's name as the
//! person sees it, renamed or translated at will, hence `--mood-map`.
//! `activities` are joined by " | "; `scales` are `name: value` pairs
//! joined the same way. Notes may hold `<br>` for line breaks and HTML
//! entities. Newer exports start with a byte-order mark. Several entries on
//! one day are normal. (Daylio documents none of this; it is what public
//! exports quoted in other importers on GitHub show, e.g. a 2019 German
//! export in spech66/hugo_lspd's collector, `…,activities,note` with mood
//! "Ok" and activities "Lesen | Yoga", and newer fixtures with `scales`
//! between `activities` and `note_title`.)
//!
//! Every row becomes one journal entry at `full_date` + `time`, with the
//! mood mapped to 1-10. Nothing written is lost: the title, the note, the
//! mood's own name, the scales and the activities go into the entry's
//! text. An activity named like one of the person's habits (ignoring case)
//! also ticks that habit on that day; a quantity habit is credited its full
//! target, since Daylio records only that the activity happened.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveTime, TimeZone};

use super::{
    HabitIndex, Lines, Options, Parsed, Problem, batch_id, check_entry, csv_problem, export_text,
    local_instant, read_day, refuse_open_quote,
};
use crate::domain::{Habit, HabitId, HabitKind, JournalEntry, JournalId, Tick};

/// Columns read for what they are; any other column's value is kept in the
/// entry text under its own name.
const KNOWN: [&str; 9] = [
    "full_date",
    "date",
    "weekday",
    "time",
    "mood",
    "activities",
    "scales",
    "note_title",
    "note",
];

struct Columns {
    full_date: usize,
    time: usize,
    mood: usize,
    activities: Option<usize>,
    scales: Option<usize>,
    note_title: Option<usize>,
    note: Option<usize>,
    /// (index, name as written) of columns afterglow does not know.
    other: Vec<(usize, String)>,
}

impl Columns {
    fn find(header: &csv::StringRecord) -> Result<Columns, Problem> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let at = |name: &str| names.iter().position(|n| n == name);
        let need = |name: &str| {
            at(name).ok_or_else(|| {
                let hint = if names.iter().any(|n| n == "position")
                    && names.iter().any(|n| n == "name")
                {
                    " (it looks like Loop Habit Tracker's Habits.csv; use --from loop)".to_string()
                } else {
                    String::new()
                };
                Problem::at(
                    1,
                    format!(
                        "this is not a Daylio CSV export: it has no {name} column{hint}; \
                         Daylio's header starts full_date,date,weekday,time,mood"
                    ),
                )
            })
        };
        Ok(Columns {
            full_date: need("full_date")?,
            time: need("time")?,
            mood: need("mood")?,
            activities: at("activities"),
            scales: at("scales"),
            note_title: at("note_title"),
            note: at("note"),
            other: header
                .iter()
                .enumerate()
                .filter(|(i, _)| !KNOWN.contains(&names[*i].as_str()))
                .map(|(i, h)| (i, h.trim().to_string()))
                .collect(),
        })
    }
}

pub fn parse<Tz: TimeZone>(bytes: &[u8], opts: &Options<'_, Tz>) -> Result<Parsed, Problem> {
    let text = export_text(bytes)?;
    refuse_open_quote(text)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_problem(text, &e))?.clone();
    let cols = Columns::find(&header)?;
    let habits = HabitIndex::new(opts.habits);
    let mut lines = Lines::new(text);

    let mut parsed = Parsed::default();
    // Existing habits ticked by an activity, by their id, with the batch's
    // (negative) id for them.
    let mut ticked: HashMap<HabitId, HabitId> = HashMap::new();
    let mut ticks: BTreeSet<(i64, NaiveDate)> = BTreeSet::new();
    let mut amounts: HashMap<i64, Option<f64>> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_problem(text, &e))?;
        let line = lines.of(&record);
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let opt_field = |i: Option<usize>| i.map_or("", field);

        let day = read_day(field(cols.full_date)).ok_or_else(|| {
            Problem::at(
                line,
                format!(
                    "could not read the full_date {:?}; Daylio writes YYYY-MM-DD there",
                    field(cols.full_date)
                ),
            )
        })?;
        let clock = read_clock(field(cols.time)).ok_or_else(|| {
            Problem::at(
                line,
                format!(
                    "could not read the time {:?}; expected a time such as 20:45 or 8:45 pm",
                    field(cols.time)
                ),
            )
        })?;
        let at = local_instant(day.and_time(clock), &opts.zone).ok_or_else(|| {
            Problem::at(line, "that time is outside the range afterglow can handle")
        })?;
        let mood_name = field(cols.mood);
        if mood_name.is_empty() {
            return Err(Problem::at(line, "this row has no mood"));
        }
        let mood = opts.moods.get(mood_name).ok_or_else(|| {
            Problem::at(
                line,
                format!(
                    "the mood {mood_name:?} is not one afterglow knows; tell it with \
                     --mood-map \"{}=N\" (N from 1 to 10; known now: {})",
                    mood_name.to_lowercase(),
                    opts.moods.describe()
                ),
            )
        })?;

        // Every activity is listed in the text, the ticked ones too: the
        // text then depends on the file alone, so a habit added later does
        // not make the same row look new (and come in twice) next time.
        let activities: Vec<&str> = opt_field(cols.activities)
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        for activity in &activities {
            let Some(habit) = habits.find(activity) else {
                continue;
            };
            let next = batch_id(ticked.len());
            let in_batch = *ticked.entry(habit.id).or_insert_with(|| {
                let mut h = habit.clone();
                h.id = HabitId(next);
                parsed.batch.history.habits.push(h);
                HabitId(next)
            });
            let amount = full_credit(habit).map_err(|m| Problem::at(line, m))?;
            amounts.insert(in_batch.0, amount);
            ticks.insert((in_batch.0, day));
        }

        let mut facts = vec![format!("Mood: {mood_name}")];
        if !activities.is_empty() {
            facts.push(format!("Activities: {}", activities.join(", ")));
        }
        let scales = opt_field(cols.scales).replace('\u{a0}', " ");
        if !scales.is_empty() {
            facts.push(format!("Scales: {scales}"));
        }
        for (i, name) in &cols.other {
            let value = field(*i);
            if !value.is_empty() {
                facts.push(format!("{name}: {value}"));
            }
        }
        let words = [
            note_text(opt_field(cols.note_title)),
            note_text(opt_field(cols.note)),
        ]
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
        let facts = facts.join(" · ");
        let body = if words.is_empty() {
            facts
        } else {
            format!("{words}\n\n{facts}")
        };
        check_entry(&body).map_err(|m| Problem::at(line, m))?;
        parsed.batch.history.journal.push(JournalEntry {
            id: JournalId(batch_id(parsed.batch.history.journal.len())),
            written_at: at,
            updated_at: at,
            body,
            mood: Some(mood),
            session: None,
        });
    }
    parsed.batch.history.ticks = ticks
        .into_iter()
        .map(|(habit, day)| Tick {
            habit: HabitId(habit),
            day,
            amount: amounts.get(&habit).copied().flatten(),
        })
        .collect();
    // Daylio lists the newest first.
    parsed.finish(opts.window);
    Ok(parsed)
}

/// What a tick from Daylio records: done, for a yes/no habit; the whole
/// target, for a quantity habit (Daylio only knows that it happened).
fn full_credit(habit: &Habit) -> Result<Option<f64>, String> {
    match &habit.kind {
        HabitKind::YesNo => Ok(None),
        HabitKind::Quantity { target, .. } => habit.check_amount(*target).map(Some).map_err(|e| {
            format!(
                "the activity {:?} would tick the habit {} with its whole target, but {e}",
                habit.name, habit.name
            )
        }),
    }
}

/// "20:45", "8:45 pm", "8:45 PM", "8.45 p.m.", "20:45:00".
fn read_clock(s: &str) -> Option<NaiveTime> {
    let lower = s.trim().to_lowercase();
    let (clock, half) = ["a.m.", "am", "p.m.", "pm"]
        .iter()
        .find_map(|suffix| {
            let rest = lower.strip_suffix(suffix)?;
            Some((rest.trim_end(), Some(suffix.starts_with('p'))))
        })
        .unwrap_or((lower.as_str(), None));
    let mut parts = clock.split([':', '.']);
    let hour: u32 = digits(parts.next()?)?;
    let minute: u32 = digits(parts.next()?)?;
    let second: u32 = match parts.next() {
        Some(s) => digits(s)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match half {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// One or two ASCII digits (`str::parse` would take "+5").
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A Daylio note as plain text: `<br>` becomes a line break and HTML
/// entities their characters; any other markup is kept as written.
fn note_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(len) = line_break(rest) {
            out.push('\n');
            rest = &rest[len..];
        } else if let Some((c, len)) = entity(rest) {
            out.push(c);
            rest = &rest[len..];
        } else {
            // '<' and '&' are one byte each.
            out.push_str(&rest[..1]);
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The length of a `<br>`, `<br/>` or `<br />` at the start of `s`.
fn line_break(s: &str) -> Option<usize> {
    let head = s.get(..3)?;
    if !head.eq_ignore_ascii_case("<br") {
        return None;
    }
    let tail = &s[3..];
    let after_space = tail.trim_start_matches(' ');
    let after_slash = after_space.strip_prefix('/').unwrap_or(after_space);
    after_slash
        .starts_with('>')
        .then(|| s.len() - after_slash.len() + 1)
}

/// The character and length of an HTML entity at the start of `s`.
fn entity(s: &str) -> Option<(char, usize)> {
    // Bytes, not a str slice: byte 12 may fall inside a character.
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::{HabitRole, Mood};
    use crate::importers::MoodMap;
    use crate::importers::testing::{fixture, options};
    use chrono::{FixedOffset, Utc};

    fn habit(id: i64, name: &str, kind: HabitKind) -> Habit {
        Habit {
            id: HabitId(id),
            name: name.into(),
            kind,
            role: HabitRole::Custom,
            archived: false,
            since: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            schedule: Default::default(),
        }
    }

    fn habits() -> Vec<Habit> {
        vec![
            habit(
                1,
                "Sleep",
                HabitKind::Quantity {
                    unit: "h".into(),
                    target: 7.0,
                },
            ),
            habit(
                2,
                "Meditation",
                HabitKind::Quantity {
                    unit: "min".into(),
                    target: 10.0,
                },
            ),
            habit(7, "Walk", HabitKind::YesNo),
        ]
    }

    fn opts<'a>(habits: &'a [Habit], moods: &'a MoodMap) -> Options<'a, FixedOffset> {
        options(-5 * 3600, habits, moods)
    }

    fn mood(n: i64) -> Option<Mood> {
        Mood::new(n).ok()
    }

    #[test]
    fn a_newer_export_with_scales_a_bom_and_crlf() {
        let raw = fixture("daylio.csv");
        assert!(raw.starts_with(b"\xEF\xBB\xBF") && raw.windows(2).any(|w| w == b"\r\n"));
        let (habits, moods) = (habits(), MoodMap::default());
        let parsed = parse(&raw, &opts(&habits, &moods)).unwrap();
        let j = &parsed.batch.history.journal;
        assert_eq!(j.len(), 5, "{j:#?}");
        assert!(j.windows(2).all(|w| w[0].written_at <= w[1].written_at));
        // The newest row: 2025-11-04 at "8:45 pm", UTC-5.
        let last = j.last().unwrap();
        assert_eq!(
            last.written_at,
            Utc.with_ymd_and_hms(2025, 11, 5, 1, 45, 0).unwrap()
        );
        assert_eq!(last.mood, mood(10));
        assert_eq!(
            last.body,
            "A good day, \"finally\"\n\nWalked by the river, then tea.\nSecond line & more 🌿\n\n\
             Mood: rad · Activities: friends, Walk, tea · Scales: Energy: 4 | Stress: 1"
        );
        // A row with no title and no note still says what was logged.
        assert!(
            j.iter()
                .any(|e| e.body == "Mood: meh · Activities: work" && e.mood == mood(5))
        );
        // Walk (yes/no) and Meditation (quantity: its whole target) became ticks.
        let b = &parsed.batch;
        let by_name = |name: &str| b.habits.iter().find(|h| h.name == name).unwrap().id;
        let walk = by_name("Walk");
        let meditation = by_name("Meditation");
        assert!(b.habits.iter().all(|h| h.id.0 < 0));
        assert_eq!(b.habits.len(), 2);
        let day = |d| NaiveDate::from_ymd_opt(2025, 11, d).unwrap();
        assert_eq!(
            b.ticks,
            vec![
                Tick {
                    habit: meditation,
                    day: day(2),
                    amount: Some(10.0)
                },
                Tick {
                    habit: walk,
                    day: day(3),
                    amount: None
                },
                Tick {
                    habit: walk,
                    day: day(4),
                    amount: None
                },
            ]
        );
        assert!(b.link_window.is_some());
    }

    #[test]
    fn an_older_export_without_note_title_and_a_custom_mood() {
        let raw = fixture("daylio-old.csv");
        let habits = habits();
        let err = parse(&raw, &opts(&habits, &MoodMap::default())).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("\"Super\""), "{}", err.message);
        assert!(
            err.message.contains("--mood-map \"super=N\""),
            "{}",
            err.message
        );

        let moods: MoodMap = "super=9,gut=7,ok=5,schlecht=3,lausig=1".parse().unwrap();
        let parsed = parse(&raw, &opts(&habits, &moods)).unwrap();
        let j = &parsed.batch.history.journal;
        assert_eq!(j.len(), 3);
        assert_eq!(j[0].mood, mood(5));
        assert_eq!(
            j[0].body,
            "Mood: Ok · Activities: Lesen, Yoga, Etwas geschaffen"
        );
        assert_eq!(j[1].body, "Müde, aber zufrieden.\n\nMood: Gut");
        // "sleep" in any case ticks Sleep with its target.
        assert_eq!(parsed.batch.history.ticks.len(), 1);
        assert_eq!(parsed.batch.history.ticks[0].amount, Some(7.0));
    }

    #[test]
    fn rows_with_problems_are_named_by_line() {
        let (habits, moods) = (habits(), MoodMap::default());
        let o = opts(&habits, &moods);
        let head = "full_date,date,weekday,time,mood,activities,note_title,note\n";
        let cases = [
            ("2025-11-02,x,x,25:00,good,,,\n", "time"),
            ("02.11.2025,x,x,10:00,good,,,\n", "full_date"),
            // Years the file cannot keep a day in.
            ("-0001-11-02,x,x,10:00,good,,,\n", "full_date"),
            ("+12025-11-02,x,x,10:00,good,,,\n", "full_date"),
            ("2025-11-02,x,x,10:00,good,,,a,b\n", "fields"),
        ];
        for (row, word) in cases {
            let text = format!(
                "{head}2025-11-01,x,x,10:00,good,,,\n\"2025-11-01\",x,x,10:00,good,,\"multi\nline\",\n{row}"
            );
            let err = parse(text.as_bytes(), &o).unwrap_err();
            assert_eq!(err.line, Some(5), "{row}: {err:?}");
            assert!(err.message.contains(word), "{row}: {}", err.message);
        }
        let err = parse(b"Position,Name,Question\n001,Walk,\n", &o).unwrap_err();
        assert!(err.message.contains("--from loop"), "{}", err.message);
        assert!(
            parse(b"\xEF\xBB\xBF\r\n", &o)
                .unwrap_err()
                .message
                .contains("empty")
        );
    }

    #[test]
    fn clocks_in_both_styles() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        for (text, want) in [
            ("20:45", t(20, 45)),
            ("8:45 pm", t(20, 45)),
            ("8:45PM", t(20, 45)),
            ("12:05 am", t(0, 5)),
            ("12:30 p.m.", t(12, 30)),
            ("07.05", t(7, 5)),
            ("23:59:30", NaiveTime::from_hms_opt(23, 59, 30)),
            ("13:00 pm", None),
            ("0:10 am", None),
            ("+1:00", None),
            ("10", None),
            ("10:00:00:00", None),
            ("", None),
        ] {
            assert_eq!(read_clock(text), want, "{text:?}");
        }
    }

    #[test]
    fn notes_lose_their_markup_but_not_their_words() {
        assert_eq!(note_text("a<br>b<BR/>c<br />d"), "a\nb\nc\nd");
        assert_eq!(
            note_text("&lt;3 &amp; &#127807; &#x1F30A; &nbsp;x"),
            "<3 & 🌿 🌊  x"
        );
        assert_eq!(
            note_text("&amp;lt; stays one level"),
            "&lt; stays one level"
        );
        assert_eq!(
            note_text("<b>bold</b> & a < b &unknown; &#0; &"),
            "<b>bold</b> & a < b &unknown; &#0; &"
        );
        assert_eq!(note_text("  <br>  "), "");
        assert_eq!(note_text("&amp; more 🌿 &🌿;"), "& more 🌿 &🌿;");
    }
}
