//! Shared by the benchmarks: a fixed clock and demo histories, so that every
//! run measures the same work.

use afterglow::store::Db;
use afterglow::zone::Zone;
use chrono::{DateTime, TimeZone, Utc};

/// The instant every benchmark calls "now".
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("a valid instant")
}

pub fn zone() -> Zone {
    Zone::utc()
}

/// A database holding `years` of the seeded demo history.
pub fn demo_db(years: u32, path: Option<&std::path::Path>) -> Db {
    let demo = afterglow::demo::generate(years, afterglow::demo::DEFAULT_SEED, now(), &zone())
        .expect("a demo history");
    let mut db = match path {
        Some(p) => Db::open(p).expect("a new database file"),
        None => Db::open_in_memory().expect("an in-memory database"),
    };
    db.ensure_defaults(now().date_naive())
        .expect("first-run habits");
    db.import(&afterglow::demo::batch(demo), false)
        .expect("the demo history");
    db
}

/// The exports of other tools, `rows` records each, as `import` reads them:
/// days from 2000 on, four entries a day, each with a note of a few words
/// (quoted, with a comma and a quote in it, as Daylio writes notes).
// Only the store's benchmarks bring exports in; the domain's share the file.
#[allow(dead_code)]
pub mod exports {
    use afterglow::importers::{LoopFiles, LoopFolder};
    use chrono::{Days, NaiveDate};

    fn day(i: usize) -> NaiveDate {
        NaiveDate::from_ymd_opt(2000, 1, 1)
            .and_then(|d| d.checked_add_days(Days::new(i as u64)))
            .expect("a day within range")
    }

    fn clock(i: usize) -> String {
        format!("{:02}:{:02}", 8 + (i % 4) * 3, i % 60)
    }

    pub fn daylio(rows: usize) -> Vec<u8> {
        let mut out = String::from("full_date,date,weekday,time,mood,activities,note_title,note\n");
        for i in 0..rows {
            out.push_str(&format!(
                "{},x,x,{},good,walk | tea,,\"Note {i}, with a \"\"quote\"\" 🌱\"\n",
                day(i / 4),
                clock(i)
            ));
        }
        out.into_bytes()
    }

    pub fn jrnl(entries: usize) -> Vec<u8> {
        let entries: Vec<serde_json::Value> = (0..entries)
            .map(|i| {
                serde_json::json!({
                    "title": format!("Entry {i}."), "body": "Some words, 🌱.",
                    "date": day(i / 4).to_string(), "time": clock(i),
                    "tags": [], "starred": false,
                })
            })
            .collect();
        serde_json::to_vec_pretty(&serde_json::json!({"tags": {}, "entries": entries}))
            .expect("JSON")
    }

    const HABITS_HEADER: &str = "Position,Name,Type,Question,Description,FrequencyNumerator,\
        FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n";

    /// One habit checked in on `days` days, a note on every tenth.
    pub fn loop_checkmarks(days: usize) -> LoopFiles {
        let mut marks = String::from("Date,Value,Notes\n");
        for i in 0..days {
            let note = if i % 10 == 0 {
                "\"Felt good, really\""
            } else {
                ""
            };
            marks.push_str(&format!("{},YES_MANUAL,{note}\n", day(i)));
        }
        LoopFiles {
            habits_name: "Habits.csv".into(),
            habits: format!("{HABITS_HEADER}001,Walk,YES_NO,,,1,1,#fff,,AT_LEAST,0,false\n")
                .into_bytes(),
            folders: vec![LoopFolder {
                dir: "001 Walk".into(),
                name: "001 Walk/Checkmarks.csv".into(),
                checkmarks: marks.into_bytes(),
            }],
        }
    }

    /// `habits` habits in Habits.csv, with no check-ins.
    pub fn loop_habits(habits: usize) -> LoopFiles {
        let mut list = String::from(HABITS_HEADER);
        for i in 0..habits {
            list.push_str(&format!(
                "{:03},Habit {i},YES_NO,\"Did you, today?\",,1,1,#fff,,AT_LEAST,0,false\n",
                i + 1
            ));
        }
        LoopFiles {
            habits_name: "Habits.csv".into(),
            habits: list.into_bytes(),
            folders: Vec::new(),
        }
    }
}
