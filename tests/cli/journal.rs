//! `journal add` without TEXT: in the editor, from stdin, and what happens
//! to the words when something fails. Typed words must never be lost.
//!
//! The editor is a shell script given as EDITOR, and drafts go to a `tmp`
//! folder inside the test's own (through TMPDIR), so a test sees every draft
//! left behind and none leaks into the system's temporary folder.

use std::io::Write;
use std::process::Stdio;

use super::*;

fn drafts(env: &Env) -> PathBuf {
    let dir = env.dir.path().join("tmp");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The drafts folders still on disk.
fn left_behind(env: &Env) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(drafts(env))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    found
}

/// `journal add --edit ARGS` with EDITOR set; stdin is not a terminal in
/// tests, so `--edit` asks for the editor anyway.
fn edit(env: &Env, editor: &Path, args: &[&str]) -> Output {
    env.command()
        .args(["journal", "add", "--edit"])
        .args(args)
        .env("TMPDIR", drafts(env))
        .env("EDITOR", editor)
        .output()
        .unwrap()
}

/// A script that appends `text` to the draft and records the draft's path
/// in `path.txt`, then runs `then`.
fn writer(env: &Env, name: &str, text: &str, then: &str) -> PathBuf {
    let seen = env.dir.path().join("path.txt");
    env.script(
        name,
        &format!(
            "printf '%s' \"$1\" > '{}'\nprintf '{text}' >> \"$1\"\n{then}",
            seen.display()
        ),
    )
}

fn draft_seen(env: &Env) -> PathBuf {
    PathBuf::from(fs::read_to_string(env.dir.path().join("path.txt")).unwrap())
}

fn entries(env: &Env) -> Vec<Value> {
    env.json(&["export"])["journal"].as_array().unwrap().clone()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The path in "Your words are safe in PATH; nothing was saved to the
/// journal: REASON", checked against the draft the editor was given.
fn kept_path(env: &Env, out: &Output) -> PathBuf {
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    let err = stderr(out);
    assert!(
        err.starts_with("afterglow: Your words are safe in "),
        "{err}"
    );
    let rest = err.split_once("safe in ").unwrap().1;
    let (path, reason) = rest
        .split_once("; nothing was saved to the journal: ")
        .unwrap_or_else(|| panic!("{err}"));
    assert!(!reason.trim().is_empty(), "{err}");
    let path = PathBuf::from(path);
    assert_eq!(path, draft_seen(env), "{err}");
    path
}

#[cfg(unix)]
#[test]
fn journal_add_opens_the_editor_with_prompts() {
    let env = Env::new();
    let seen = env.dir.path().join("seen.txt");
    let editor = env.script(
        "editor.sh",
        &format!(
            "ls -ld \"$1\" \"$(dirname \"$1\")\" > '{0}'\ncat \"$1\" >> '{0}'\n\
             printf 'From the editor 🌱\\n\\n# not a prompt\\n' >> \"$1\"",
            seen.display()
        ),
    );
    let out = edit(&env, &editor, &["--mood", "6"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Saved your journal entry.\n"
    );
    let seen = fs::read_to_string(&seen).unwrap();
    assert!(
        seen.contains("-rw-------") && seen.contains("drwx------"),
        "{seen}"
    );
    assert!(seen.contains("# afterglow: Some questions"), "{seen}");
    assert!(seen.contains("# afterglow: ---- write below this line ----"));
    let export = env.json(&["export"]);
    assert_eq!(
        export["journal"][0]["body"],
        "From the editor 🌱\n\n# not a prompt"
    );
    assert_eq!(export["journal"][0]["mood"], 6);
    // Committed, so the draft is gone.
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());

    // Nothing written: nothing saved, nothing left behind.
    let out = edit(&env, &env.script("empty.sh", "true"), &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Nothing written, nothing saved.\n"
    );
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
    // An editor that fails before anything was written is an error, and
    // there is nothing to keep.
    let out = edit(&env, &env.script("broken.sh", "exit 3"), &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("exit status: 3") && err.contains("nothing was saved"));
    assert!(!err.contains("safe in"), "{err}");
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
    assert_eq!(entries(&env).len(), 1);
}

#[cfg(unix)]
#[test]
fn an_editor_that_fails_after_writing_keeps_the_words() {
    let env = Env::new();
    let editor = writer(&env, "fail.sh", "written but failed\\n", "exit 1");
    let out = edit(&env, &editor, &[]);
    let path = kept_path(&env, &out);
    let err = stderr(&out);
    assert!(err.contains("stopped with exit status: 1"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.ends_with("\nwritten but failed\n"), "{text}");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(
        left_behind(&env),
        vec![path.parent().unwrap().to_path_buf()]
    );
    assert_eq!(entries(&env).len(), 0, "nothing may reach the journal");
}

#[cfg(unix)]
#[test]
fn a_store_failure_after_editing_keeps_the_words() {
    let env = Env::new();
    // A command that writes (listing only reads, and creates nothing):
    // the file is made, with nothing recorded in it.
    env.ok(&["habit", "untick", "sleep"]);
    // Every insert into the journal fails, as on a full disk: the store
    // error comes after the editor has closed with the words in it.
    // (Making the file read-only from the editor is no test: the command
    // already has it open, and root ignores modes anyway.)
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON journal \
         BEGIN SELECT RAISE(ABORT, 'disk is full (simulated)'); END;",
    )
    .unwrap();
    drop(conn);

    let editor = writer(&env, "editor.sh", "# Tuesday\\nwords to keep 🌱\\n", "");
    let out = edit(&env, &editor, &["--mood", "4"]);
    let path = kept_path(&env, &out);
    let err = stderr(&out);
    // The store's message once, not repeated by each cause.
    assert_eq!(err.matches("disk is full (simulated)").count(), 1, "{err}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.ends_with("\n# Tuesday\nwords to keep 🌱\n"), "{text}");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);

    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("DROP TRIGGER refuse;").unwrap();
    drop(conn);
    assert_eq!(entries(&env).len(), 0, "nothing may reach the journal");
    // Once the store works again, the same words save and the draft goes.
    fs::remove_dir_all(path.parent().unwrap()).unwrap();
    let out = edit(&env, &editor, &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(entries(&env)[0]["body"], "# Tuesday\nwords to keep 🌱");
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
}

#[cfg(unix)]
#[test]
fn a_persons_own_heading_lines_survive_the_header() {
    let env = Env::new();
    // A Markdown heading first, and a line written above the header too.
    let editor = env.script(
        "editor.sh",
        "printf '# My morning\\n\\n## Body\\nwarm hands\\n' >> \"$1\"\n\
         { printf '#gratitude\\n'; cat \"$1\"; } > \"$1.new\" && cat \"$1.new\" > \"$1\"\n\
         rm \"$1.new\"",
    );
    let out = edit(&env, &editor, &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        entries(&env)[0]["body"],
        "#gratitude\n\n# My morning\n\n## Body\nwarm hands"
    );
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
}

#[test]
fn piped_stdin_is_the_entry() {
    let env = Env::new();
    // An editor that must not open: it would leave this file behind.
    let opened = env.dir.path().join("opened");
    let editor = env.script("editor.sh", &format!("touch '{}'", opened.display()));
    let add = |input: &str, args: &[&str]| {
        let mut child = env
            .command()
            .args(["journal", "add"])
            .args(args)
            .env("TMPDIR", drafts(&env))
            .env("EDITOR", &editor)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = add("from a pipe 🌱\n# kept as written\n\n", &["--mood", "8"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Saved your journal entry.\n"
    );
    let journal = entries(&env);
    assert_eq!(journal[0]["body"], "from a pipe 🌱\n# kept as written");
    assert_eq!(journal[0]["mood"], 8);

    for empty in ["", " \n\t\n"] {
        let out = add(empty, &[]);
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "Nothing written, nothing saved.\n"
        );
    }
    // No stdin at all (cron, a service): the same, and no editor waiting.
    let out = env
        .command()
        .args(["journal", "add"])
        .env("EDITOR", &editor)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Nothing written, nothing saved.\n"
    );
    assert!(!opened.exists(), "the editor was opened");
    assert_eq!(entries(&env).len(), 1);
}

#[test]
fn empty_text_saves_nothing_calmly() {
    let env = Env::new();
    let opened = env.dir.path().join("opened");
    let editor = env.script("editor.sh", &format!("touch '{}'", opened.display()));
    for text in ["", "   ", "\n"] {
        let out = env
            .command()
            .args(["journal", "add", text, "--mood", "5"])
            .env("EDITOR", &editor)
            .output()
            .unwrap();
        assert!(out.status.success(), "{text:?}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "Nothing written, nothing saved.\n"
        );
        assert!(out.stderr.is_empty(), "{out:?}");
    }
    assert!(!opened.exists(), "the editor was opened");
    assert_eq!(entries(&env).len(), 0);
    // TEXT and --edit ask for two different things.
    let out = env.run(&["journal", "add", "--edit", "words"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

/// Without `--edit`: at a real terminal the editor opens. `script` (from
/// util-linux) gives the command one; without it the test has nothing to
/// run and says so.
#[cfg(target_os = "linux")]
#[test]
fn at_a_terminal_the_editor_opens() {
    let env = Env::new();
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: no `script` to give the command a terminal");
        return;
    }
    let editor = env.script(
        "editor.sh",
        "[ -t 0 ] && printf 'written at a terminal\\n' >> \"$1\"",
    );
    let line = format!(
        "'{}' --db '{}' journal add",
        env!("CARGO_BIN_EXE_afterglow"),
        env.db.display()
    );
    let home = env.dir.path();
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("TZ", env.tz)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TMPDIR", drafts(&env))
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .env_remove("AFTERGLOW_DB")
        .env_remove("AFTERGLOW_CONFIG")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Saved your journal entry."),
        "{out:?}"
    );
    assert_eq!(entries(&env)[0]["body"], "written at a terminal");
    assert_eq!(left_behind(&env), Vec::<PathBuf>::new());
}

/// `journal add < /dev/zero` used to read until the memory ran out (10 GB
/// in half a minute); an entry of any length was saved, and every
/// keystroke on it in the dashboard then wrote it whole. An entry holds at
/// most 256 KiB, however it comes: stdin, words, the editor, and the
/// other texts typed on the command line.
#[cfg(unix)]
#[test]
fn entries_past_their_size_are_refused_whole() {
    use super::import::within_from;
    let env = Env::new();
    let refused = "more than afterglow keeps in one entry (256 KiB); nothing was saved\n";

    let mut child = env
        .command()
        .args(["journal", "add"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It stops reading past the cap, so the rest may not be taken.
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all("words ".repeat(50 * 1024).as_bytes());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stderr(&out),
        "afterglow: stdin holds more than 256 KiB, the most one journal entry may hold; \
         nothing was saved\n"
    );
    let mut add = env.command();
    add.args(["journal", "add"]);
    let out = within_from(add, fs::File::open("/dev/zero").unwrap().into(), 20);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).starts_with("afterglow: stdin holds more than 256 KiB"));

    // One argument may hold 128 KiB; three of 100 KiB make 300.
    let part = "w".repeat(100 * 1024);
    for (args, what) in [
        (vec!["journal", "add"], "the entry"),
        (vec!["intention", "set"], "the intention"),
    ] {
        let mut args = args;
        args.extend([part.as_str(), part.as_str(), part.as_str()]);
        let err = env.fails(&args);
        assert_eq!(
            err,
            format!("afterglow: {what} holds 301 KiB of text, {refused}"),
            "{args:?}"
        );
    }

    // From the editor: the words stay in the draft, which says where.
    let editor = writer(
        &env,
        "long.sh",
        "",
        "head -c 307200 /dev/zero | tr '\\0' w >> \"$1\"",
    );
    let out = edit(&env, &editor, &[]);
    let path = kept_path(&env, &out);
    assert!(
        stderr(&out).contains("the entry is longer than afterglow keeps in one entry (256 KiB)"),
        "{}",
        stderr(&out)
    );
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .ends_with(&"w".repeat(1000))
    );

    assert_eq!(entries(&env).len(), 0, "nothing may reach the journal");
    assert!(
        env.json(&["export"])["intentions"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

fn journal_ids(env: &Env) -> Vec<i64> {
    env.json(&["journal", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn an_entry_is_edited_and_deleted_by_its_id() {
    let env = Env::new();
    env.ok(&["journal", "add", "--mood", "6", "first", "words"]);
    assert!(env.ok(&["journal", "list"]).starts_with("Id "));
    let json = env.json(&["journal", "list", "--json"]);
    let id = json[0]["id"].to_string();
    assert_eq!(json[0]["body"], "first words");
    assert_eq!(json[0]["mood"], 6);
    assert_eq!(json[0]["session"], Value::Null);
    assert_eq!(json[0]["written_at"], json[0]["updated_at"]);

    let out = env.ok(&["journal", "edit", &id, "second", "words"]);
    assert_eq!(out, format!("Updated journal entry {id}.\n"));
    // A low mood given in an edit is answered as in `journal add`.
    let low = env.run(&["journal", "edit", &id, "--mood", "1", "second", "words"]);
    assert!(low.status.success());
    let said = super::text::flat(&String::from_utf8_lossy(&low.stderr));
    assert!(said.contains(afterglow::care::IN_DANGER), "{said}");
    // From stdin, as a script would.
    let mut child = env
        .command()
        .args(["journal", "edit", &id, "--mood", "7"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"third words\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let json = env.json(&["journal", "list", "--json"]);
    assert_eq!(json[0]["body"], "third words");
    assert_eq!(json[0]["mood"], 7);
    // A mood alone, from a script with nothing on stdin, keeps the words.
    let out = env.ok(&["journal", "edit", &id, "--mood", "5"]);
    assert_eq!(out, format!("Updated journal entry {id}.\n"));
    let json = env.json(&["journal", "list", "--json"]);
    assert_eq!(json[0]["body"], "third words");
    assert_eq!(json[0]["mood"], 5);

    let err = env.fails(&["journal", "delete", &id]);
    assert!(
        err.contains("--yes") && err.contains("nothing was deleted"),
        "{err}"
    );
    let out = env.ok(&["journal", "delete", &id, "--yes"]);
    assert!(out.contains("\"third words\""), "{out}");
    assert!(journal_ids(&env).is_empty());
    let err = env.fails(&["journal", "edit", &id, "again"]);
    assert!(
        err.contains(&format!("no journal entry with id {id}")),
        "{err}"
    );
}

#[test]
fn an_entry_changed_while_it_was_edited_keeps_both_texts() {
    let env = Env::new();
    env.ok(&["journal", "add", "the", "first", "text"]);
    let id = journal_ids(&env)[0].to_string();
    // While this editor is open, someone else rewrites the entry.
    let other = format!(
        "'{}' --db '{}' journal edit {id} written elsewhere >/dev/null",
        env!("CARGO_BIN_EXE_afterglow"),
        env.db.display()
    );
    let editor = env.script(
        "editor.sh",
        &format!("{other}\nprintf 'written here' > \"$1\""),
    );
    let out = env
        .command()
        .args(["journal", "edit", &id, "--edit"])
        .env("TMPDIR", drafts(&env))
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("was changed elsewhere while you edited it"),
        "{err}"
    );
    let export = env.json(&["export"]);
    let entries = export["journal"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["body"], "written elsewhere");
    assert!(
        export["draft"]["body"]
            .as_str()
            .unwrap()
            .contains("written here"),
        "{export}"
    );
    // The words are in the database; the editor's file is not left about.
    assert!(left_behind(&env).is_empty(), "{:?}", left_behind(&env));
}

#[test]
fn an_entry_open_in_a_dashboard_editor_is_not_written_under_it() {
    use afterglow::domain::JournalId;
    use afterglow::domain::draft::Draft;
    let env = Env::new();
    env.ok(&["journal", "add", "the", "first", "text"]);
    let id = journal_ids(&env)[0];
    // What a dashboard keeps while its editor holds the entry.
    let mut db = afterglow::store::Db::open(&env.db).unwrap();
    let open = Draft {
        editing: Some(JournalId(id)),
        body: "the first text, and more".into(),
        mood: None,
        cursor: 0,
        saved_at: Utc::now(),
    };
    db.keep_draft(None, &open).unwrap();
    drop(db);
    let err = env.fails(&[
        "journal",
        "edit",
        &id.to_string(),
        "from",
        "the",
        "command",
        "line",
    ]);
    assert!(
        err.contains("open in the dashboard's journal editor"),
        "{err}"
    );
    let export = env.json(&["export"]);
    assert_eq!(export["journal"][0]["body"], "the first text");
    let drafts: Vec<&str> = std::iter::once(&export["draft"])
        .chain(export["more_drafts"].as_array().unwrap())
        .map(|d| d["body"].as_str().unwrap())
        .collect();
    assert!(drafts.contains(&"from the command line"), "{drafts:?}");
    assert!(drafts.contains(&"the first text, and more"), "{drafts:?}");
}

/// `journal search --json`: the entries found, as `journal list --json`
/// gives them.
fn found(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["journal", "search"];
    all.extend_from_slice(args);
    all.push("--json");
    env.json(&all).as_array().unwrap().clone()
}

fn bodies(list: &[Value]) -> Vec<&str> {
    list.iter().map(|e| e["body"].as_str().unwrap()).collect()
}

/// The measure: in ten years of made-up entries, a word written in
/// three entries ten years apart is found, all three, newest first, and
/// quickly (the bound is generous: a debug build on a busy machine; the
/// timings are in docs/search.md).
#[test]
fn search_finds_a_word_in_three_entries_ten_years_apart() {
    let env = Env::new();
    env.ok(&["demo", "--years", "10"]);
    let now = Utc::now();
    let ago = |days: i64| {
        (now - TimeDelta::try_days(days).unwrap()).to_rfc3339_opts(SecondsFormat::Secs, true)
    };
    for (days, words) in [
        (3640, "A kestrel over the field"),
        (1820, "the kestrel again #birds"),
        (1, "KESTREL, hovering"),
    ] {
        env.ok(&["journal", "add", words, "--at", &ago(days)]);
    }
    let started = std::time::Instant::now();
    let list = found(&env, &["kestrel"]);
    let took = started.elapsed();
    assert_eq!(
        bodies(&list),
        [
            "KESTREL, hovering",
            "the kestrel again #birds",
            "A kestrel over the field"
        ]
    );
    assert!(took.as_secs() < 3, "{took:?}");
    let plain = env.ok(&["journal", "search", "Kestrel"]);
    assert_eq!(plain.lines().count(), 4, "a head and three rows: {plain}");
    // Two letters cannot use the index; they are read through, newest
    // first, and the limit ends the reading.
    let two = found(&env, &["ke", "--limit", "5"]);
    assert_eq!(two.len(), 5);
}

#[test]
fn search_shows_the_line_it_found_and_json_carries_tags() {
    let env = Env::new();
    env.ok(&[
        "journal",
        "add",
        "A quiet morning\n\nLater we walked by the sea #Walk #sea",
        "--at",
        "yesterday 09:00",
    ]);
    env.ok(&[
        "journal",
        "add",
        "Ночь была тихой #ночь",
        "--at",
        "yesterday 21:00",
    ]);
    env.ok(&["journal", "add", "今日はよく眠れた #睡眠 — Café au lait"]);

    // The row shows the line that holds the word, not the first line.
    let out = env.ok(&["journal", "search", "SEA"]);
    assert!(
        out.contains("Later we walked by the sea #Walk #sea") && !out.contains("quiet morning"),
        "{out}"
    );
    assert!(out.starts_with("Id"), "{out}");
    // Any script, any case, accents or none.
    assert_eq!(bodies(&found(&env, &["НОЧЬ"])), ["Ночь была тихой #ночь"]);
    assert_eq!(found(&env, &["眠"]).len(), 1);
    assert_eq!(found(&env, &["cafe"]).len(), 1);
    assert_eq!(found(&env, &["walked", "sea"]).len(), 1);
    assert_eq!(found(&env, &["walked", "river"]).len(), 0);
    // Quoted words are looked for together.
    assert_eq!(found(&env, &["\"by the sea\""]).len(), 1);
    assert_eq!(found(&env, &["\"the by\""]).len(), 0);

    let json = found(&env, &["walk"]);
    assert_eq!(json[0]["tags"], serde_json::json!(["walk", "sea"]));
    assert_eq!(
        json[0]["body"],
        "A quiet morning\n\nLater we walked by the sea #Walk #sea"
    );
    for key in ["id", "written_at", "updated_at", "mood", "session"] {
        assert!(json[0].get(key).is_some(), "{key}: {}", json[0]);
    }
    let list = env.json(&["journal", "list", "--json"]);
    assert_eq!(list[0]["tags"], serde_json::json!(["睡眠"]));
    assert_eq!(list[1]["tags"], serde_json::json!(["ночь"]));

    assert_eq!(
        env.ok(&["journal", "search", "lighthouse"]),
        "No journal entry holds \"lighthouse\".\n"
    );
    assert_eq!(
        env.ok(&["journal", "search", "\"the lighthouse\"", "keeper"]),
        "No journal entry holds \"the lighthouse\" keeper.\n"
    );
}

/// What a person types is never read as FTS5 query syntax: quotes,
/// dashes, stars, colons, brackets and NEAR/AND/OR/NOT are only text.
#[test]
fn search_words_are_never_query_syntax() {
    let env = Env::new();
    env.ok(&["journal", "add", "a-b* c:d (e) \"q\" NEAR AND OR NOT ^x"]);
    for q in [
        &["--", "a-b*"][..],
        &["c:d"],
        &["(e)"],
        &["NEAR", "AND"],
        &["(e", "NEAR"],
        &["OR"],
        &["NOT"],
        &["^x"],
        &["\"\"q\"\""],
        &["--", "-b"],
    ] {
        // Before the query: after `--`, `--json` would be a word.
        let mut args = vec!["journal", "search", "--json"];
        args.extend_from_slice(q);
        let out = env.run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{q:?}: {err}");
        let list: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1, "{q:?}");
    }
    // Nothing to look for: a blank word is a slip on the command line;
    // a lone quote leaves no word.
    assert_eq!(env.run(&["journal", "search", " "]).status.code(), Some(2));
    let err = env.fails(&["journal", "search", "\""]);
    assert!(err.contains("nothing to look for"), "{err}");
}

/// A search of nothing but quote marks says so plainly, without echoing
/// the quotes back inside quotes.
#[test]
fn a_search_of_only_quote_marks_says_so_plainly() {
    let env = Env::new();
    env.ok(&["journal", "add", "by the sea"]);
    let hint = "; give a word, such as `afterglow journal search sea`\n";
    for (query, holds) in [
        ("\"", "only a quote mark"),
        ("\"\"", "only quote marks"),
        ("\" \"", "only quote marks and spaces"),
        ("\u{301}", "no letter, digit or sign a search can find"),
    ] {
        let err = env.fails(&["journal", "search", query]);
        assert_eq!(
            err,
            format!("afterglow: nothing to look for: the search holds {holds}{hint}"),
            "{query:?}"
        );
    }
    // A blank word never reaches the search: clap's usage error, calm.
    let out = env.run(&["journal", "search", " "]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("give a word to look for"), "{err}");
}

#[test]
fn search_never_echoes_control_characters() {
    let env = Env::new();
    env.ok(&[
        "journal",
        "add",
        "calm sea \u{1b}]0;pwned\u{7}\u{1b}[2J after",
    ]);
    let out = env.ok(&["journal", "search", "sea"]);
    assert!(out.contains("calm sea"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn the_journal_is_listed_by_tag() {
    let env = Env::new();
    for (at, words) in [
        ("yesterday 08:00", "#Sleep was deep"),
        (
            "yesterday 09:00",
            "no tags: C# and\n# a heading, see https://x.org/#sleep",
        ),
        ("yesterday 10:00", "more #sleep, and a #walk"),
    ] {
        env.ok(&["journal", "add", words, "--at", at]);
    }
    let out = env.ok(&["journal", "list", "--tag", "sleep"]);
    assert_eq!(out.lines().count(), 3, "a head and two rows: {out}");
    assert!(
        out.contains("more #sleep") && out.contains("#Sleep was deep"),
        "{out}"
    );
    let json = env.json(&["journal", "list", "--tag", "#SLEEP", "--json"]);
    assert_eq!(
        bodies(json.as_array().unwrap()),
        ["more #sleep, and a #walk", "#Sleep was deep"]
    );
    assert_eq!(json[0]["tags"], serde_json::json!(["sleep", "walk"]));
    let json = env.json(&["journal", "list", "--tag", "walk", "--limit", "1", "--json"]);
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(
        env.ok(&["journal", "list", "--tag", "rain"]),
        "No journal entry is tagged #rain.\n"
    );
    let out = env.run(&["journal", "list", "--tag", "#1"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a tag"));
}

/// The index lives in the database file: an afterglow export brought into
/// another database is found there, and a backup brought back with
/// `restore` finds what it held, and nothing written after it.
#[test]
fn search_finds_what_an_import_and_a_restore_brought() {
    let from = Env::new();
    from.ok(&["journal", "add", "the osprey dived #birds"]);
    let file = from.dir.path().join("all.json");
    let file = file.to_str().unwrap();
    from.ok(&["export", "--format", "json", "--out", file]);

    let to = Env::new();
    to.ok(&["import", "--from", "afterglow", file]);
    assert_eq!(
        bodies(&found(&to, &["OSPREY"])),
        ["the osprey dived #birds"]
    );
    assert_eq!(
        to.json(&["journal", "list", "--tag", "birds", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let copy = to.dir.path().join("copy.db");
    to.ok(&["backup", copy.to_str().unwrap()]);
    to.ok(&["journal", "add", "a heron, after the backup"]);
    assert_eq!(found(&to, &["heron"]).len(), 1);
    to.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(found(&to, &["osprey"]).len(), 1);
    assert!(found(&to, &["heron"]).is_empty());
}
