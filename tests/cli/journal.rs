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
