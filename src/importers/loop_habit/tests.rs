// Known-small test values.
#![allow(clippy::disallowed_methods)]

use super::*;
use crate::importers::MoodMap;
use crate::importers::testing::{fixture_path, options};
use chrono::FixedOffset;
use std::io::Write;

fn fixture_dir() -> PathBuf {
    fixture_path("loop")
}

fn opts<'a>(habits: &'a [Habit], moods: &'a MoodMap) -> Options<'a, FixedOffset> {
    options(0, habits, moods)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The fixture folder zipped as Loop does: deflated, files at the top.
fn zipped(dir: &Path, prefix: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            paths.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else {
            paths.push(p);
        }
    }
    paths.sort();
    for p in paths {
        let name = p.strip_prefix(dir).unwrap().to_str().unwrap().to_string();
        zip.start_file(format!("{prefix}{name}"), options).unwrap();
        zip.write_all(&fs::read(&p).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_loop_export_becomes_habits_and_real_check_ins() {
    let existing = vec![Habit {
        id: HabitId(3),
        name: "Meditation".into(),
        kind: HabitKind::Quantity {
            unit: "min".into(),
            target: 10.0,
        },
        role: HabitRole::Meditation,
        archived: false,
        since: day(2025, 1, 1),
        schedule: Default::default(),
    }];
    let moods = MoodMap::default();
    let files = from_dir(&fixture_dir()).unwrap();
    let parsed = parse(&files, &opts(&existing, &moods)).unwrap();
    let b = &parsed.batch;
    let names: Vec<&str> = b.habits.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Meditation",
            "Read, before bed",
            "Run",
            "Old habit: flossing",
            "Coffee"
        ]
    );
    let get = |n: &str| b.habits.iter().find(|h| h.name == n).unwrap();
    // Meditation is the habit already here, ticked with its target.
    assert_eq!(get("Meditation").kind, existing[0].kind);
    let run = get("Run");
    assert_eq!(
        run.kind,
        HabitKind::Quantity {
            unit: "km".into(),
            target: 5.0
        }
    );
    assert_eq!(run.since, day(2025, 10, 30));
    assert!(get("Old habit: flossing").archived);
    let ticks_of = |n: &str| {
        let id = get(n).id;
        b.ticks
            .iter()
            .filter(|t| t.habit == id)
            .map(|t| (t.day, t.amount))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ticks_of("Meditation"),
        [
            (day(2025, 11, 1), Some(10.0)),
            (day(2025, 11, 3), Some(10.0))
        ]
    );
    assert_eq!(ticks_of("Read, before bed"), [(day(2025, 11, 2), None)]);
    assert_eq!(
        ticks_of("Run"),
        [
            (day(2025, 10, 30), Some(5.2)),
            (day(2025, 11, 1), Some(3.75))
        ]
    );
    // Loop 1's headerless codes: 2 was checked by hand, 1 implied.
    assert_eq!(ticks_of("Old habit: flossing"), [(day(2019, 5, 1), None)]);
    // The notes, oldest first, at noon.
    let bodies: Vec<&str> = b.journal.iter().map(|e| e.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "Slow, \"easy\" pace 🏃\n\nNote on Run in Loop Habit Tracker.",
            "Sat by the window, 10 min.\n\nNote on Meditation in Loop Habit Tracker."
        ]
    );
    assert_eq!(
        b.journal[0].written_at.to_rfc3339(),
        "2025-10-30T12:00:00+00:00"
    );
    assert!(
        parsed.notes.iter().any(|n| n.contains("at most")),
        "{:?}",
        parsed.notes
    );
}

#[test]
fn the_zip_reads_like_the_folder() {
    let moods = MoodMap::default();
    let o = opts(&[], &moods);
    let from_folder = parse(&from_dir(&fixture_dir()).unwrap(), &o).unwrap();
    for prefix in ["", "Loop Habits CSV 2025-11-05/"] {
        let bytes = zipped(&fixture_dir(), prefix);
        let files = from_zip(&bytes).unwrap();
        assert_eq!(files.folders.len(), 4, "{prefix}");
        assert_eq!(parse(&files, &o).unwrap(), from_folder, "{prefix}");
    }
}

#[test]
fn odd_zips_are_refused_plainly() {
    let err = from_zip(b"PK\x03\x04 not really").unwrap_err();
    assert!(err.message.contains("not a zip file"), "{}", err.message);

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("notes.txt", options).unwrap();
    zip.write_all(b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(
        from_zip(&bytes)
            .unwrap_err()
            .message
            .contains("no Habits.csv")
    );

    // A file that unpacks to more than the cap is refused, by name,
    // without being unpacked whole.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("Habits.csv", options).unwrap();
    zip.write_all(b"Position,Name\n001,Walk\n").unwrap();
    zip.start_file("001 Walk/Checkmarks.csv", options).unwrap();
    let block = vec![b'0'; 1 << 20];
    for _ in 0..=(MAX_ZIP_ENTRY_BYTES >> 20) {
        zip.write_all(&block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let err = from_zip(&bytes).unwrap_err();
    assert_eq!(err.part.as_deref(), Some("001 Walk/Checkmarks.csv"));
    assert!(
        err.message.contains("larger than afterglow reads"),
        "{}",
        err.message
    );
}

#[test]
fn problems_name_the_file_inside_and_the_line() {
    let moods = MoodMap::default();
    let o = opts(&[], &moods);
    let files = |habits: &str, marks: &str| LoopFiles {
        habits_name: "Habits.csv".into(),
        habits: habits.as_bytes().to_vec(),
        folders: vec![LoopFolder {
            dir: "001 Walk".into(),
            name: "001 Walk/Checkmarks.csv".into(),
            checkmarks: marks.as_bytes().to_vec(),
        }],
    };
    let good = "Position,Name,Type\n001,Walk,YES_NO\n";
    let p = parse(
        &files(
            good,
            "Date,Value,Notes\n2025-11-01,YES_MANUAL,\n2025-11-02,MAYBE,\n",
        ),
        &o,
    )
    .unwrap_err();
    assert_eq!(
        (p.part.as_deref(), p.line),
        (Some("001 Walk/Checkmarks.csv"), Some(3))
    );
    assert!(p.message.contains("\"MAYBE\""), "{}", p.message);
    for far in ["-0001-11-01,2\n", "+12025-11-01,2\n"] {
        let p = parse(&files(good, far), &o).unwrap_err();
        assert_eq!(p.line, Some(1), "{far}");
        assert!(
            p.message.contains("could not read the date"),
            "{}",
            p.message
        );
    }
    let p = parse(&files(good, "2025-11-01,8500\n"), &o).unwrap_err();
    assert!(p.message.contains("8500 is not a value"), "{}", p.message);
    let p = parse(&files("Position,Name,Type\n001,Walk,QUIT\n", ""), &o).unwrap_err();
    assert_eq!((p.part.as_deref(), p.line), (Some("Habits.csv"), Some(2)));
    let p = parse(&files("Position,Title\n001,Walk\n", ""), &o).unwrap_err();
    assert!(p.message.contains("no Name column"), "{}", p.message);
    let p = parse(&files("Position,Name\n002,Walk\n", ""), &o).unwrap_err();
    assert!(
        p.message.contains("no habit at position 001"),
        "{}",
        p.message
    );
    // An hour habit cannot take 30 hours in a day.
    let hours =
        "Position,Name,Type,Unit,Target Type,Target Value\n001,Walk,NUMERICAL,h,AT_LEAST,1.0\n";
    let p = parse(&files(hours, "Date,Value,Notes\n2025-11-01,30000,\n"), &o).unwrap_err();
    assert_eq!(p.line, Some(2));
    assert!(p.message.contains("more than a day holds"), "{}", p.message);
}

/// Two Loop habits the person told apart must stay apart here, even
/// when their names only differ past the 40 characters kept.
#[test]
fn long_names_alike_in_their_first_characters_stay_two_habits() {
    let moods = MoodMap::default();
    let o = opts(&[], &moods);
    let stem = "Stretch in the morning before any screens";
    let habits = format!("Position,Name\n001,{stem}: back\n002,{stem}: legs\n");
    let folder = |dir: &str, day: &str| LoopFolder {
        dir: dir.into(),
        name: format!("{dir}/Checkmarks.csv"),
        checkmarks: format!("{day},2\n").into_bytes(),
    };
    let files = LoopFiles {
        habits_name: "Habits.csv".into(),
        habits: habits.into_bytes(),
        folders: vec![
            folder("001 Stretch back", "2025-11-01"),
            folder("002 Stretch legs", "2025-11-02"),
        ],
    };
    let parsed = parse(&files, &o).unwrap();
    let b = &parsed.batch;
    assert_eq!(b.habits.len(), 2, "{:?}", b.habits);
    assert_ne!(
        b.habits[0].name.to_lowercase(),
        b.habits[1].name.to_lowercase()
    );
    assert!(b.habits.iter().all(|h| h.name.chars().count() <= 40));
    let mut days: Vec<(HabitId, NaiveDate)> = b.ticks.iter().map(|t| (t.habit, t.day)).collect();
    days.sort_by_key(|(_, d)| *d);
    assert_eq!(
        days,
        [
            (b.habits[0].id, day(2025, 11, 1)),
            (b.habits[1].id, day(2025, 11, 2))
        ]
    );
    // The same names every time, so a second import lands on them.
    assert_eq!(parse(&files, &o).unwrap(), parsed);
    assert_eq!(
        parsed
            .notes
            .iter()
            .filter(|n| n.contains("longer name"))
            .count(),
        2
    );
}

#[test]
fn long_names_are_shortened_the_same_way_every_time() {
    let long = "A habit with a name far longer than forty characters, really";
    let (short, cut) = shorten(long);
    assert!(cut);
    assert_eq!(short.chars().count(), 40);
    assert_eq!(shorten(long).0, short);
    assert_eq!(shorten("  Walk "), ("Walk".to_string(), false));
}
