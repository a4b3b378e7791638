//! `afterglow import`: jrnl, Daylio, Loop Habit Tracker and afterglow's own
//! JSON, from the fixtures in tests/fixtures/import/ (written from each
//! tool's documented format; see src/importers/).

use std::io::Write;

use super::*;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Everything in the database, without the moment of the export.
fn snapshot(env: &Env) -> Value {
    let mut v = env.json(&["export", "--format", "json"]);
    v["exported_at"] = Value::Null;
    v
}

/// The Loop fixture folder zipped the way Loop writes it: deflated, with
/// Habits.csv at the top and one folder per habit.
fn loop_zip(env: &Env) -> PathBuf {
    let dir = PathBuf::from(fixture("loop"));
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else {
            files.push(p);
        }
    }
    files.sort();
    let path = env.dir.path().join("Loop Habits CSV 2025-11-05.zip");
    let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for f in files {
        let name = f.strip_prefix(&dir).unwrap().to_str().unwrap().to_string();
        zip.start_file(name, options).unwrap();
        zip.write_all(&fs::read(&f).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn jrnl_entries_come_in_once_in_local_time() {
    let env = Env::in_zone("Europe/Berlin");
    let file = fixture("jrnl.json");
    let before = snapshot(&env);
    let out = env.ok(&["import", "--from", "jrnl", &file, "--dry-run"]);
    assert_eq!(
        out,
        format!(
            "Would add 5 journal entries from {file}.\n\
             Nothing was written: this was a dry run.\n\
             1 jrnl entry had no words in it and was left out.\n"
        )
    );
    assert_eq!(snapshot(&env), before, "a dry run wrote something");

    let out = env.ok(&["import", "--from", "jrnl", &file]);
    assert!(
        out.starts_with(&format!("Added 5 journal entries from {file}.\n")),
        "{out}"
    );
    let list = env.ok(&["journal", "list"]);
    for title in ["Woke up early.", "Session day, \"big\" one 🌊", "Late note"] {
        assert!(list.contains(title), "{list}");
    }
    let export = snapshot(&env);
    let woke = export["journal"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["body"] == "Woke up early.\n@sleep")
        .unwrap();
    // 08:15 in Berlin, in November.
    assert_eq!(woke["written_at"], "2025-11-02T07:15:00Z");

    let out = env.ok(&["import", "--from", "jrnl", &file]);
    assert!(
        out.starts_with(&format!(
            "Nothing new in {file}: all of it is here already (5 journal entries).\n"
        )),
        "{out}"
    );
    assert_eq!(snapshot(&env), export);
}

#[test]
fn daylio_rows_become_entries_with_moods_and_habit_ticks() {
    let env = Env::in_zone("America/New_York");
    env.ok(&["habit", "add", "Walk"]);
    let file = fixture("daylio.csv");
    let out = env.ok(&["import", "--from", "daylio", &file]);
    assert_eq!(
        out,
        format!(
            "Added 5 journal entries and 3 habit ticks from {file}.\n\
             Already here, left as they are: 2 habits.\n"
        )
    );
    let export = snapshot(&env);
    let journal = export["journal"].as_array().unwrap();
    let rad = journal.iter().find(|e| e["mood"] == 10).unwrap();
    // 8:45 pm on 4 November in New York is 01:45 UTC the next day.
    assert_eq!(rad["written_at"], "2025-11-05T01:45:00Z");
    let body = rad["body"].as_str().unwrap();
    assert!(body.starts_with("A good day, \"finally\"\n\n"), "{body}");
    assert!(
        body.ends_with(
            "Mood: rad · Activities: friends, Walk, tea · Scales: Energy: 4 | Stress: 1"
        ),
        "{body}"
    );
    let moods: Vec<i64> = journal
        .iter()
        .map(|e| e["mood"].as_i64().unwrap())
        .collect();
    assert_eq!(moods.iter().sum::<i64>(), 10 + 8 + 5 + 3 + 1, "{moods:?}");
    let habit_id = |name: &str| {
        export["habits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    let ticks = export["ticks"].as_array().unwrap();
    let days_of = |name: &str| {
        let id = habit_id(name);
        ticks
            .iter()
            .filter(|t| t["habit"] == id)
            .map(|t| (t["day"].as_str().unwrap().to_string(), t["amount"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        days_of("Walk"),
        [
            ("2025-11-03".to_string(), Value::Null),
            ("2025-11-04".to_string(), Value::Null)
        ]
    );
    // A quantity habit is credited its whole target.
    assert_eq!(
        days_of("Meditation"),
        [("2025-11-02".to_string(), serde_json::json!(10.0))]
    );
    assert_eq!(export["habits"].as_array().unwrap().len(), 4);

    let out = env.ok(&["import", "--from", "daylio", &file, "--dry-run"]);
    assert!(out.starts_with("Would add nothing from"), "{out}");

    // A habit added since: the same file brings only its ticks, and no
    // entry comes in twice.
    env.ok(&["habit", "add", "Tea"]);
    let out = env.ok(&["import", "--from", "daylio", &file]);
    assert_eq!(
        out,
        format!(
            "Added 1 habit tick from {file}.\n\
             Already here, left as they are: 5 journal entries, 3 habits and 3 habit ticks.\n"
        )
    );
}

#[test]
fn renamed_daylio_moods_need_a_mood_map() {
    let env = Env::new();
    let file = fixture("daylio-old.csv");
    let before = snapshot(&env);
    let err = env.fails(&["import", "--from", "daylio", &file]);
    assert!(
        err.contains(&format!("{file}, line 2: the mood \"Super\"")),
        "{err}"
    );
    assert!(err.contains("--mood-map \"super=N\""), "{err}");
    assert_eq!(snapshot(&env), before);

    let map = "Super=9,gut=7,OK=5";
    let out = env.ok(&["import", "--from", "daylio", &file, "--mood-map", map]);
    assert!(
        out.starts_with("Added 3 journal entries and 1 habit tick"),
        "{out}"
    );
    let export = snapshot(&env);
    let mut moods: Vec<i64> = export["journal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mood"].as_i64().unwrap())
        .collect();
    moods.sort();
    assert_eq!(moods, [5, 7, 9]);
    // "SLEEP" ticked Sleep with its target of 7 h on the day of the row.
    let tick = &export["ticks"][0];
    assert_eq!(
        (tick["day"].as_str(), tick["amount"].as_f64()),
        (Some("2019-02-17"), Some(7.0))
    );

    let err = env.fails(&[
        "import",
        "--from",
        "jrnl",
        &fixture("jrnl.json"),
        "--mood-map",
        map,
    ]);
    assert!(err.contains("--from daylio"), "{err}");
    let bad = env.run(&["import", "--from", "daylio", &file, "--mood-map", "super"]);
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NAME=N"));
}

#[test]
fn loop_zips_and_folders_become_habits_and_check_ins() {
    let env = Env::new();
    let zip = loop_zip(&env);
    let zip = zip.to_str().unwrap();
    let out = env.ok(&["import", "--from", "loop", zip, "--dry-run"]);
    assert!(
        out.starts_with(&format!(
            "Would add 2 journal entries, 4 habits and 6 habit ticks from {zip}.\n\
             Already here, left as they are: 1 habit.\n\
             Nothing was written: this was a dry run.\n"
        )),
        "{out}"
    );
    let out = env.ok(&["import", "--from", "loop", zip]);
    assert!(
        out.starts_with("Added 2 journal entries, 4 habits and 6 habit ticks"),
        "{out}"
    );
    assert!(out.contains("\"Coffee\" aims for at most 2 cups"), "{out}");
    let list = env.ok(&["habit", "list"]);
    assert!(
        list.contains("- / 5 km") && list.contains("Read, before bed"),
        "{list}"
    );
    assert!(
        !list.contains("flossing"),
        "archived habits stay archived: {list}"
    );
    let export = snapshot(&env);
    let flossing = export["habits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "Old habit: flossing")
        .unwrap();
    assert_eq!(flossing["archived"], true);
    assert_eq!(flossing["since"], "2019-05-01");

    // The unpacked folder, or its Habits.csv, is the same export.
    for path in [fixture("loop"), fixture("loop/Habits.csv")] {
        let out = env.ok(&["import", "--from", "loop", &path]);
        assert!(out.starts_with(&format!("Nothing new in {path}")), "{out}");
    }
    assert_eq!(snapshot(&env), export);
}

#[test]
fn a_malformed_file_names_its_line_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["import", "--from", "jrnl", &fixture("jrnl.json")]);
    let before = snapshot(&env);

    let daylio = env.dir.path().join("broken.csv");
    let text = fs::read_to_string(fixture("daylio.csv")).unwrap();
    let broken = text.replacen("\"7:10 am\"", "\"7:10 xm\"", 1);
    fs::write(&daylio, broken).unwrap();
    let daylio = daylio.to_str().unwrap();
    let err = env.fails(&["import", "--from", "daylio", daylio]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {daylio}, line 3: could not read the time \"7:10 xm\""
        )),
        "{err}"
    );

    let zip = loop_zip(&env);
    let bytes = fs::read(&zip).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let bad_zip = env.dir.path().join("bad.zip");
    let mut out = zip::ZipWriter::new(fs::File::create(&bad_zip).unwrap());
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut body).unwrap();
        if name == "003 Run/Checkmarks.csv" {
            body = b"Date,Value,Notes\n2025-11-02,NO,\n2025-11-31,3750,\n".to_vec();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap();
    let bad_zip = bad_zip.to_str().unwrap();
    let err = env.fails(&["import", "--from", "loop", bad_zip]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {bad_zip}: 003 Run/Checkmarks.csv, line 3: could not read the date \"2025-11-31\""
        )),
        "{err}"
    );

    let err = env.fails(&["import", "--from", "loop", &fixture("jrnl.json")]);
    assert!(err.contains("not a Loop Habit Tracker export"), "{err}");
    let err = env.fails(&["import", "--from", "jrnl", &fixture("daylio.csv")]);
    assert!(
        err.contains("daylio.csv, line 1: this is not valid JSON"),
        "{err}"
    );
    let missing = env.dir.path().join("missing.json");
    let err = env.fails(&["import", "--from", "jrnl", missing.to_str().unwrap()]);
    assert!(
        err.contains("could not read") && err.contains("missing.json"),
        "{err}"
    );
    let err = env.fails(&["import", "--from", "daylio", &fixture("loop")]);
    assert!(err.contains("is a folder"), "{err}");

    assert_eq!(
        snapshot(&env),
        before,
        "a refused file changed the database"
    );
}

#[test]
fn an_afterglow_export_comes_back_identical() {
    let from = Env::new();
    from.ok(&["session", "log", "--at", &rfc(days_ago(3))]);
    from.ok(&[
        "journal",
        "add",
        "After the session: 🌊, calm",
        "--mood",
        "8",
    ]);
    from.ok(&["habit", "add", "Walk"]);
    from.ok(&["habit", "tick", "walk"]);
    from.ok(&["habit", "tick", "sleep", "--amount", "7.5"]);
    from.ok(&["import", "--from", "jrnl", &fixture("jrnl.json")]);
    let file = from.dir.path().join("all.json");
    let file = file.to_str().unwrap();
    from.ok(&["export", "--format", "json", "--out", file]);

    let to = Env::new();
    let out = to.ok(&["import", "--from", "afterglow", file]);
    assert!(
        out.starts_with("Added 1 session, 6 journal entries"),
        "{out}"
    );
    assert_eq!(snapshot(&to), snapshot(&from));
    let out = to.ok(&["import", "--from", "afterglow", file]);
    assert!(out.starts_with(&format!("Nothing new in {file}")), "{out}");

    let newer = fs::read_to_string(file)
        .unwrap()
        .replacen("\"version\": 1", "\"version\": 2", 1);
    let newer_file = to.dir.path().join("newer.json");
    fs::write(&newer_file, newer).unwrap();
    let err = to.fails(&[
        "import",
        "--from",
        "afterglow",
        newer_file.to_str().unwrap(),
    ]);
    assert!(err.contains("version 2, from a newer afterglow"), "{err}");
    let err = to.fails(&["import", "--from", "afterglow", &fixture("jrnl.json")]);
    assert!(err.contains("--from jrnl"), "{err}");
}

/// A file holding a record that is here already, with words the database
/// lacks (a session note, a reflection): the words are added, nothing
/// already written changes, and a second import adds nothing.
#[test]
fn words_a_file_has_and_the_database_lacks_are_added() {
    let env = Env::new();
    env.ok(&["session", "log", "--at", &rfc(days_ago(3))]);
    env.ok(&["intention", "set", "notice", "my", "breath"]);
    let mut v = env.json(&["export", "--format", "json"]);
    v["sessions"][0]["note"] = Value::from("a calm room");
    v["intentions"][0]["reflection"] = Value::from("it came back, slowly");
    v["intentions"][0]["reflected_at"] = v["sessions"][0]["at"].clone();
    let path = env.dir.path().join("laptop.json");
    fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let file = path.to_str().unwrap();

    let before = snapshot(&env);
    let out = env.ok(&["import", "--from", "afterglow", "--dry-run", file]);
    assert!(
        out.starts_with(&format!(
            "Would add to what is here, from {file}: 1 session note and 1 reflection; \
             nothing already written would change.\n"
        )) && out.ends_with("Nothing was written: this was a dry run.\n"),
        "{out}"
    );
    assert_eq!(snapshot(&env), before);

    let out = env.ok(&["import", "--from", "afterglow", file]);
    assert!(
        out.starts_with(&format!(
            "Added to what was here, from {file}: 1 session note and 1 reflection; \
             nothing already written was changed.\n"
        )),
        "{out}"
    );
    let after = snapshot(&env);
    assert_eq!(after["sessions"][0]["note"], "a calm room");
    assert_eq!(after["intentions"][0]["reflection"], "it came back, slowly");
    assert_eq!(after["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(after["intentions"].as_array().unwrap().len(), 1);

    let out = env.ok(&["import", "--from", "afterglow", file]);
    assert!(out.starts_with(&format!("Nothing new in {file}")), "{out}");
}

/// `cmd`, given `secs` to finish: a command that waits for ever (on a pipe
/// nobody writes to) is killed and fails the test instead of hanging it.
pub(super) fn within(cmd: Command, secs: u64) -> Output {
    within_from(cmd, std::process::Stdio::null(), secs)
}

/// [`within`] with `stdin` as the command's standard input.
pub(super) fn within_from(mut cmd: Command, stdin: std::process::Stdio, secs: u64) -> Output {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = cmd
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{cmd:?} was still waiting after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A named pipe at `path`, as `mkfifo` makes one.
#[cfg(unix)]
pub(super) fn fifo(path: &Path) {
    use rustix::fs::{CWD, FileType, Mode, mknodat};
    mknodat(CWD, path, FileType::Fifo, Mode::from_raw_mode(0o600), 0).unwrap();
}

/// The Loop fixture folder, copied where a test may change it.
fn loop_copy(env: &Env) -> PathBuf {
    let from = PathBuf::from(fixture("loop"));
    let to = env.dir.path().join("loop");
    for entry in fs::read_dir(&from).unwrap() {
        let p = entry.unwrap().path();
        let dest = to.join(p.strip_prefix(&from).unwrap());
        if p.is_dir() {
            fs::create_dir_all(&dest).unwrap();
            for f in fs::read_dir(&p).unwrap() {
                let f = f.unwrap().path();
                fs::copy(&f, dest.join(f.file_name().unwrap())).unwrap();
            }
        } else {
            fs::create_dir_all(&to).unwrap();
            fs::copy(&p, &dest).unwrap();
        }
    }
    to
}

/// A copy cut off in the middle of a quoted note (a download or a copy
/// that stopped half way) used to come in with the note cut short; the
/// whole file brought in later then added the row a second time.
#[test]
fn a_file_cut_inside_a_quoted_note_is_refused_by_its_line() {
    let env = Env::new();
    let before = snapshot(&env);

    let text = fs::read_to_string(fixture("daylio.csv")).unwrap();
    let cut_at = text.find("Walked by the riv").unwrap() + "Walked by the riv".len();
    let daylio = env.dir.path().join("cut.csv");
    fs::write(&daylio, &text[..cut_at]).unwrap();
    let daylio = daylio.to_str().unwrap();
    let err = env.fails(&["import", "--from", "daylio", daylio]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {daylio}, line 2: a quoted field starts on this line and the file \
             ends before its closing quote; was the file cut off while copying?"
        )),
        "{err}"
    );
    // A quote inside a note, written as Daylio writes it, is no cut.
    let whole = env.dir.path().join("whole.csv");
    fs::write(&whole, &text).unwrap();
    env.ok(&[
        "import",
        "--from",
        "daylio",
        whole.to_str().unwrap(),
        "--dry-run",
    ]);

    // Loop's notes, in a habit's Checkmarks.csv and in Habits.csv.
    let folder = loop_copy(&env);
    let run = folder.join("003 Run/Checkmarks.csv");
    let marks = fs::read_to_string(&run).unwrap();
    fs::write(&run, &marks[..marks.find("easy").unwrap()]).unwrap();
    let err = env.fails(&["import", "--from", "loop", folder.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {}, line 5: a quoted field starts on this line",
            run.display()
        )),
        "{err}"
    );
    fs::write(&run, marks).unwrap();
    let habits = folder.join("Habits.csv");
    let list = fs::read_to_string(&habits).unwrap();
    fs::write(&habits, &list[..list.find("Ten pages").unwrap()]).unwrap();
    let err = env.fails(&["import", "--from", "loop", folder.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {}, line 3: a quoted field",
            habits.display()
        )),
        "{err}"
    );
    assert_eq!(snapshot(&env), before, "a cut file changed the database");
}

/// jrnl, Daylio and Loop keep local times without a zone; the zone they
/// are read in gives the instant. Bringing the same files in again under
/// another zone (a move, a trip, a machine set to UTC) used to add every
/// entry a second time.
#[test]
fn the_same_files_in_another_zone_add_nothing() {
    let env = Env::in_zone("Europe/Berlin");
    let files = [
        ("jrnl", fixture("jrnl.json")),
        ("daylio", fixture("daylio.csv")),
        ("loop", fixture("loop")),
    ];
    for (tool, file) in &files {
        env.ok(&["import", "--from", tool, file]);
    }
    let here = snapshot(&env);
    for zone in [
        "America/New_York",
        "Asia/Kolkata",
        "Pacific/Kiritimati",
        "UTC",
    ] {
        for (tool, file) in &files {
            let out = env
                .command()
                .env("TZ", zone)
                .args(["import", "--from", tool, file])
                .output()
                .unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            assert!(
                stdout.starts_with(&format!("Nothing new in {file}: all of it is here already")),
                "{tool} in {zone}: {stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(snapshot(&env), here);

    // The export grown by a row since: only that row comes in, in the new
    // zone; rows with the same words as others are each their own.
    let text = fs::read_to_string(fixture("daylio.csv")).unwrap();
    let (head, rows) = text.split_once("\r\n").unwrap();
    let grown = env.dir.path().join("grown.csv");
    fs::write(
        &grown,
        format!(
            "{head}\r\n\"2025-11-05\",\"November 5\",\"Wednesday\",\"7:10 am\",\"good\",\"walk\",\"\",\"\",\"\"\r\n{rows}"
        ),
    )
    .unwrap();
    let grown = grown.to_str().unwrap();
    let out = env
        .command()
        .env("TZ", "America/New_York")
        .args(["import", "--from", "daylio", grown])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "Added 1 journal entry from {grown}.\n\
             Already here, left as they are: 5 journal entries"
        )),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let journal = snapshot(&env)["journal"].as_array().unwrap().clone();
    let mut new = journal
        .iter()
        .filter(|e| e["body"] == "Mood: good · Activities: walk")
        .map(|e| e["written_at"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    new.sort();
    // 7:10 on 4 November in Berlin, and on 5 November in New York.
    assert_eq!(new, ["2025-11-04T06:10:00Z", "2025-11-05T12:10:00Z"]);
}

/// A pipe given as the file to import used to wait for ever for a writer;
/// a device such as /dev/zero to fill the memory. Only regular files are
/// read, at once refused otherwise, and a Loop folder's files too.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_waiting() {
    let env = Env::new();
    let before = snapshot(&env);
    let pipe = env.dir.path().join("export.json");
    fifo(&pipe);
    let pipe = pipe.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = env.command();
        cmd.args(args);
        let out = within(cmd, 20);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let err = run(&["import", "--from", "jrnl", pipe]);
    assert_eq!(
        err,
        format!("afterglow: {pipe}: this is a pipe, not a regular file; give the file itself\n")
    );
    let err = run(&["import", "--from", "daylio", "/dev/zero"]);
    assert!(
        err.starts_with("afterglow: /dev/zero: this is a device, not a regular file"),
        "{err}"
    );
    let err = run(&["import", "--from", "loop", "/dev/zero"]);
    assert!(err.contains("this is a device"), "{err}");

    // In a Loop folder: a habit's check-ins, and Habits.csv itself.
    let folder = loop_copy(&env);
    let marks = folder.join("003 Run/Checkmarks.csv");
    fs::remove_file(&marks).unwrap();
    fifo(&marks);
    let err = run(&["import", "--from", "loop", folder.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!("afterglow: {}: this is a pipe", marks.display())),
        "{err}"
    );
    fs::remove_file(&marks).unwrap();
    let habits = folder.join("Habits.csv");
    fs::remove_file(&habits).unwrap();
    fifo(&habits);
    for given in [&folder, &habits] {
        let err = run(&["import", "--from", "loop", given.to_str().unwrap()]);
        assert!(
            err.starts_with(&format!("afterglow: {}: this is a pipe", habits.display())),
            "{err}"
        );
    }
    assert_eq!(snapshot(&env), before);
}

/// The caps of docs/data.md: an export file of at most 256 MiB, and no
/// entry longer than one entry may be (256 KiB), refused whole with the
/// file and line rather than cut.
#[test]
fn files_and_entries_past_their_caps_are_refused_whole() {
    let env = Env::new();
    let before = snapshot(&env);

    // Sparse: it claims its size without taking the disk.
    let huge = env.dir.path().join("huge.json");
    fs::File::create(&huge)
        .unwrap()
        .set_len(256 * 1024 * 1024 + 1)
        .unwrap();
    let huge = huge.to_str().unwrap();
    let err = env.fails(&["import", "--from", "jrnl", huge]);
    assert_eq!(
        err,
        format!(
            "afterglow: {huge}: this is larger than afterglow reads (256 MiB); is it the right file?\n"
        )
    );

    let long = "word ".repeat(60 * 1024);
    let daylio = env.dir.path().join("long.csv");
    fs::write(
        &daylio,
        format!(
            "full_date,date,weekday,time,mood,activities,note_title,note\n\
             2025-11-03,x,x,10:00,good,,,short\n\
             2025-11-04,x,x,10:00,good,,,\"{long}\"\n"
        ),
    )
    .unwrap();
    let daylio = daylio.to_str().unwrap();
    let err = env.fails(&["import", "--from", "daylio", daylio]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {daylio}, line 3: this entry holds 301 KiB of text, more than \
             afterglow keeps in one entry (256 KiB)"
        )),
        "{err}"
    );

    let jrnl = env.dir.path().join("long.json");
    let entries = serde_json::json!({"entries": [
        {"title": "Short.", "body": "", "date": "2025-11-03", "time": "10:00"},
        {"title": "Long.", "body": long, "date": "2025-11-04", "time": "10:00"},
    ]});
    fs::write(&jrnl, serde_json::to_string_pretty(&entries).unwrap()).unwrap();
    let jrnl = jrnl.to_str().unwrap();
    let err = env.fails(&["import", "--from", "jrnl", jrnl]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {jrnl}, line 9: this entry holds 301 KiB"
        )),
        "{err}"
    );

    let folder = loop_copy(&env);
    let run = folder.join("003 Run/Checkmarks.csv");
    fs::write(
        &run,
        format!("Date,Value,Notes\n2025-11-01,3750,\"{long}\"\n"),
    )
    .unwrap();
    let err = env.fails(&["import", "--from", "loop", folder.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!(
            "afterglow: {}, line 2: this entry holds",
            run.display()
        )),
        "{err}"
    );

    // afterglow's own export: an entry, a reflection, a note.
    env.ok(&["journal", "add", "kept"]);
    let mut export = env.json(&["export", "--format", "json"]);
    export["journal"][0]["body"] = Value::String(long.clone());
    let json = env.dir.path().join("long-afterglow.json");
    fs::write(&json, serde_json::to_string_pretty(&export).unwrap()).unwrap();
    let json = json.to_str().unwrap();
    let err = env.fails(&["import", "--from", "afterglow", json]);
    assert!(err.contains("this entry holds 300 KiB"), "{err}");
    assert!(
        err.starts_with(&format!("afterglow: {json}, line ")),
        "{err}"
    );

    env.ok(&["journal", "list"]);
    assert_eq!(
        snapshot(&env)["journal"].as_array().unwrap().len(),
        before["journal"].as_array().unwrap().len() + 1,
        "only the entry typed here"
    );
}

/// Names that look the same are one habit: "Ｗａｌｋ" typed fullwidth, with
/// a zero-width space copied from a web page, or an accent typed as a
/// separate character used to become habits of their own.
#[test]
fn look_alike_habit_names_land_on_one_habit() {
    let env = Env::new();
    env.ok(&["habit", "add", "Walk"]);
    env.ok(&["habit", "add", "Café"]);
    for alike in ["Ｗａｌｋ", "Wa\u{200B}lk", "\u{FEFF}walk", "Cafe\u{301}"] {
        let err = env.fails(&["habit", "add", alike]);
        assert!(err.contains("already exists"), "{alike:?}: {err}");
    }

    let daylio = env.dir.path().join("alike.csv");
    fs::write(
        &daylio,
        "full_date,date,weekday,time,mood,activities,note_title,note\n\
         2025-11-03,x,x,10:00,good,Ｗａｌｋ | cafe\u{301},,\n\
         2025-11-04,x,x,10:00,good,Wa\u{200B}lk,,\n",
    )
    .unwrap();
    let out = env.ok(&["import", "--from", "daylio", daylio.to_str().unwrap()]);
    assert!(out.contains("and 3 habit ticks"), "{out}");

    let folder = loop_copy(&env);
    fs::write(
        folder.join("Habits.csv"),
        "Position,Name,Type\n001,Ｍｅｄｉｔａｔｉｏｎ,YES_NO\n002,Read\u{2060}ing,YES_NO\n003,R\u{00AD}un,YES_NO\n004,reading,YES_NO\n",
    )
    .unwrap();
    fs::write(
        folder.join("003 Run/Checkmarks.csv"),
        "Date,Value,Notes\n2025-11-01,2,\n",
    )
    .unwrap();
    env.ok(&["import", "--from", "loop", folder.to_str().unwrap()]);
    let names: Vec<String> = snapshot(&env)["habits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect();
    // Shown as first written; the Loop habits landed on Meditation, and
    // its two spellings of "Reading" on one new habit.
    assert_eq!(
        names,
        [
            "Sleep",
            "Exercise",
            "Meditation",
            "Walk",
            "Café",
            "Reading",
            "Run"
        ]
    );
}

/// JSON that is not shaped as jrnl writes it is named in plain words: the
/// file, the line, the entry and its field, and what jrnl writes there;
/// never serde's "invalid length 0, expected struct Export with 2
/// elements". Nothing is written, and the file is left as it was.
#[test]
fn a_jrnl_file_of_the_wrong_shape_is_refused_in_plain_words() {
    let env = Env::new();
    let before = snapshot(&env);
    let entry = |title: &str, time: &str| {
        format!("  {{\"title\": {title}, \"body\": \"\", \"date\": \"2025-01-01\"{time}}}")
    };
    let time = ", \"time\": \"10:00\"";
    let three = |second: String, third: String| {
        format!(
            "{{\"tags\": {{}},\n \"entries\": [\n{},\n{second},\n{third}\n ]}}\n",
            entry("\"a\"", time)
        )
    };
    let cases = [
        (
            "[]".to_string(),
            ": this is not a jrnl export: it holds a list at the top, where jrnl writes an \
             object with \"entries\""
                .to_string(),
        ),
        (
            "\"hello\"".to_string(),
            ": this is not a jrnl export: it holds a text at the top, where jrnl writes an \
             object with \"entries\""
                .to_string(),
        ),
        (
            "{\"entries\": {}}".to_string(),
            ", line 1: \"entries\" holds an object, where jrnl writes a list of entries"
                .to_string(),
        ),
        (
            three(entry("\"b\"", time), entry("5", time)),
            ", line 5: in entry 3, \"title\" holds the number 5, where jrnl writes text"
                .to_string(),
        ),
        (
            three(entry("\"b\"", ""), entry("\"c\"", time)),
            ", line 4: entry 2 has no \"time\", which jrnl writes in every entry (such as \
             \"21:05\")"
                .to_string(),
        ),
    ];
    let jargon = [
        "invalid length",
        "invalid type",
        "expected",
        "struct",
        "missing field",
        "Export",
    ];
    for (i, (text, words)) in cases.iter().enumerate() {
        let file = env.dir.path().join(format!("wrong-shape-{i}.json"));
        fs::write(&file, text).unwrap();
        let file = file.to_str().unwrap();
        let err = env.fails(&["import", "--from", "jrnl", file]);
        assert!(
            err.starts_with(&format!("afterglow: {file}{words}")),
            "{text}\n---\n{err}"
        );
        for word in jargon {
            assert!(!err.contains(word), "{word:?} in: {err}");
        }
        assert_eq!(fs::read_to_string(file).unwrap(), *text);
    }
    assert_eq!(snapshot(&env), before);
}

/// Every shape of version 1 ever written (tests/fixtures/export/) comes
/// in whole, and the current one exports back to the same records (in the
/// store's order).
#[test]
fn every_earlier_export_shape_comes_in() {
    let export = |name: &str| {
        format!(
            "{}/tests/fixtures/export/{name}",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    for (name, added) in [
        (
            "v1-schema2.json",
            "Added 3 sessions, 2 intentions, 4 journal entries, 1 therapy visit, 4 habits, \
             5 habit ticks and 1 unsaved draft",
        ),
        (
            "v1-schema3.json",
            "Added 3 sessions, 2 intentions, 4 journal entries, 1 therapy visit, \
             1 treatment status change, 4 habits, 5 habit ticks and 1 unsaved draft",
        ),
        (
            "v1-schema7.json",
            "Added 3 sessions, 2 intentions, 4 journal entries, 1 therapy visit, \
             1 treatment status change, 4 habits, 5 habit ticks and 2 unsaved drafts",
        ),
        (
            "v1.json",
            "Added 3 sessions, 2 intentions, 4 journal entries, 1 therapy visit, \
             1 treatment status change, 4 habits, 5 habit ticks, 1 check-in, \
             1 questionnaire result and 2 unsaved drafts",
        ),
    ] {
        let env = Env::new();
        let out = env.ok(&["import", "--from", "afterglow", &export(name)]);
        assert!(out.starts_with(added), "{name}: {out}");
    }
    let env = Env::new();
    env.ok(&["import", "--from", "afterglow", &export("v1.json")]);
    let mut back = env.json(&["export", "--format", "json"]);
    let mut golden: Value =
        serde_json::from_str(&fs::read_to_string(export("v1.json")).unwrap()).unwrap();
    for v in [&mut back, &mut golden] {
        v["exported_at"] = Value::Null;
        v["schema_version"] = Value::Null;
        for list in v.as_object_mut().unwrap().values_mut() {
            if let Value::Array(items) = list {
                items.sort_by_key(|x| x.to_string());
            }
        }
    }
    assert_eq!(back, golden);
}

/// Check-ins and questionnaire results come in once, go out again with
/// `--since`/`--until` by their day, and a bad one refuses the whole file
/// with its line.
#[test]
fn check_ins_and_results_come_in_once_and_leave_by_their_day() {
    let golden = format!(
        "{}/tests/fixtures/export/v1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let env = Env::new();
    env.ok(&["import", "--from", "afterglow", &golden]);
    let again = env.ok(&["import", "--from", "afterglow", &golden]);
    assert!(
        again.starts_with("Nothing new in ")
            && again.contains("1 check-in, 1 questionnaire result"),
        "{again}"
    );
    // The check-in is on 8 April, the result on 12 April.
    let early = env.json(&["export", "--until", "2026-04-10"]);
    assert_eq!(early["checkins"][0]["note"], "=slow start, then \"fine\"");
    assert!(early.get("questionnaire_results").is_none(), "{early}");
    let late = env.json(&["export", "--since", "2026-04-10"]);
    assert!(late.get("checkins").is_none(), "{late}");
    assert_eq!(
        late["questionnaire_results"][0]["answers"],
        serde_json::json!([1, 0, 2, 1])
    );

    let text = fs::read_to_string(&golden).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"anxiety\": 3"))
        .unwrap()
        + 1;
    let bad = env.dir.path().join("bad.json");
    fs::write(&bad, text.replacen("\"anxiety\": 3", "\"anxiety\": 12", 1)).unwrap();
    let other = Env::new();
    let err = other.fails(&["import", "--from", "afterglow", bad.to_str().unwrap()]);
    assert!(
        err.contains(&format!("line {line}")) && err.contains("0 to 10"),
        "{err}"
    );
    assert!(
        other.json(&["export"])["sessions"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A note longer than a check-in's (200 characters; far longer than one
    // entry may be, too) refuses the file, naming the check-in's line,
    // rather than coming in cut short.
    let note = r#""note": "=slow start, then \"fine\"""#;
    assert!(text.contains(note));
    let long = text.replacen(note, &format!(r#""note": "{}""#, "a".repeat(300 * 1024)), 1);
    fs::write(&bad, long).unwrap();
    let err = other.fails(&["import", "--from", "afterglow", bad.to_str().unwrap()]);
    let checkin = text
        .lines()
        .position(|l| l.contains("\"checkins\""))
        .unwrap()
        + 2;
    assert!(
        err.contains(&format!("line {checkin}")) && err.contains("at most 200"),
        "{err}"
    );
    assert!(other.json(&["export"])["checkins"].is_null());
}

/// What `afterglow checkin` and `afterglow questionnaire` could never have
/// saved is refused at its record's line; a note comes in as the command
/// line keeps one: on one line, without control characters.
#[test]
fn results_and_notes_the_command_line_would_not_keep_are_refused_or_folded() {
    let golden = format!(
        "{}/tests/fixtures/export/v1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = fs::read_to_string(&golden).unwrap();
    let result = text
        .lines()
        .position(|l| l.contains("\"questionnaire_results\""))
        .unwrap()
        + 2;
    let env = Env::new();
    let bad = env.dir.path().join("bad.json");
    for (from, to, says) in [
        ("\"total\": 4", "\"total\": 99", "add up to 4"),
        (
            "\"band\": \"settled\"",
            r#""band": "\u001b[31msettled""#,
            "\\u{1b}",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        fs::write(&bad, text.replacen(from, to, 1)).unwrap();
        let err = env.fails(&["import", "--from", "afterglow", bad.to_str().unwrap()]);
        assert!(
            err.contains(&format!("line {result}")) && err.contains(says),
            "{to}: {err}"
        );
    }
    assert!(!env.db.exists() || env.json(&["export"])["questionnaire_results"].is_null());

    let note = r#""note": "=slow start, then \"fine\"""#;
    fs::write(
        &bad,
        text.replacen(note, r#""note": "slow\nstart \u0007\u202e""#, 1),
    )
    .unwrap();
    env.ok(&["import", "--from", "afterglow", bad.to_str().unwrap()]);
    assert_eq!(env.json(&["export"])["checkins"][0]["note"], "slow start");
    let long = text.replacen(note, &format!(r#""note": "{}""#, "a".repeat(201)), 1);
    fs::write(&bad, long).unwrap();
    let other = Env::new();
    let err = other.fails(&["import", "--from", "afterglow", bad.to_str().unwrap()]);
    assert!(err.contains("at most 200"), "{err}");
}
