//! Two dashboards (each in its own pseudo-terminal) and the command line on
//! one database at once, as when someone keeps the dashboard open in two
//! terminals and ticks habits from a shell or a tmux binding:
//!
//! - nothing acknowledged is lost;
//! - no error ever shows on either dashboard: a lock held for a moment by
//!   another writer must be waited out, not reported;
//! - each dashboard shows what the others wrote within two seconds of the
//!   writer's acknowledgement (a command returning, the other dashboard
//!   showing its own write stored).
//!
//! `CONCURRENCY_SECONDS=120 cargo test --release --test concurrency --
//! --nocapture` by hand; `CONCURRENCY_SEED` replays the choices.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use chrono::Utc;

#[path = "support/binary.rs"]
mod binary;
#[path = "support/disk.rs"]
mod disk;
#[path = "support/pty.rs"]
mod pty;

use binary::{Env, Rng, editor_open, env_number, error_shown, loaded, shows_entry, shows_exercise};
use pty::{Pty, Screen, keys};

/// Long enough for several rounds of every kind under steady background
/// writes; the long run is by hand.
const DEFAULT_SECONDS: u64 = 12;
/// The promise: another writer's change is on screen within this.
const VISIBLE_WITHIN: Duration = Duration::from_secs(2);
/// Waits that only a broken program would exceed.
const PATIENCE: Duration = Duration::from_secs(20);

/// What the background command-line writer got acknowledged.
#[derive(Default)]
struct Background {
    runs: u64,
    therapy: Vec<String>,
    sessions: Vec<String>,
    /// (day, amount) of Meditation ticks, each on a day of its own.
    ticks: Vec<(chrono::NaiveDate, f64)>,
    failures: Vec<String>,
}

/// Writes from the command line as fast as it can, on things the
/// foreground checks do not look at, so that the dashboards' writes and
/// reloads keep meeting its locks.
fn background(env: Arc<Env>, stop: Arc<AtomicBool>, seed: u64) -> Background {
    let mut rng = Rng::new(seed);
    let mut out = Background::default();
    let today = Utc::now().date_naive();
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let (args, kind) = match n % 3 {
            0 => (
                vec![
                    "therapy".to_string(),
                    "log".into(),
                    "--note".into(),
                    format!("background therapy {n}"),
                ],
                0,
            ),
            1 => (
                vec![
                    "session".to_string(),
                    "log".into(),
                    // A minute of its own each, counted back from two
                    // days before the run: two sessions at one minute are
                    // refused as one logged twice.
                    "--at".into(),
                    (today.and_time(chrono::NaiveTime::MIN).and_utc()
                        - chrono::TimeDelta::try_days(2).unwrap()
                        - chrono::TimeDelta::try_minutes(i64::try_from(n).unwrap()).unwrap())
                    .to_rfc3339(),
                    "--note".into(),
                    format!("background session {n}"),
                ],
                1,
            ),
            _ => {
                let day = today.checked_sub_days(chrono::Days::new(n)).unwrap();
                (
                    vec![
                        "habit".to_string(),
                        "tick".into(),
                        "meditation".into(),
                        "--date".into(),
                        day.to_string(),
                        "--amount".into(),
                        (n % 500 + 1).to_string(),
                    ],
                    2,
                )
            }
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = env.cli(&argv).output().unwrap();
        out.runs += 1;
        if !result.status.success() {
            out.failures.push(format!(
                "{argv:?}: {}",
                String::from_utf8_lossy(&result.stderr)
            ));
            continue;
        }
        let text = args.last().unwrap().clone();
        match kind {
            0 => out.therapy.push(text),
            1 => out.sessions.push(text),
            _ => {
                let day = chrono::NaiveDate::parse_from_str(&args[4], "%Y-%m-%d").unwrap();
                out.ticks.push((day, text.parse().unwrap()));
            }
        }
        thread::sleep(rng.millis(40));
    }
    out
}

/// Looks at both screens every few milliseconds for the whole run, so that
/// an error that shows briefly is still seen.
fn watch(screens: Vec<(&'static str, Screen)>, stop: Arc<AtomicBool>) -> Option<String> {
    while !stop.load(Ordering::Relaxed) {
        for (name, screen) in &screens {
            if let Some(e) = error_shown(screen) {
                return Some(format!("dashboard {name}: {e}"));
            }
        }
        thread::sleep(Duration::from_millis(10));
    }
    None
}

struct Dashboard {
    name: &'static str,
    pty: Pty,
}

impl Dashboard {
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.pty
            .wait_for(pred, PATIENCE)
            .unwrap_or_else(|screen| panic!("dashboard {}: never {what}:\n{screen}", self.name))
    }

    fn send(&mut self, bytes: &[u8]) {
        self.pty.send(bytes).unwrap();
    }
}

/// How long after `acked` each of `watchers` first showed what `pred`
/// looks for.
fn seen_after(
    watchers: &[&Dashboard],
    acked: Instant,
    pred: impl Fn(&str) -> bool,
) -> Vec<Duration> {
    let mut seen: Vec<Option<Duration>> = vec![None; watchers.len()];
    let deadline = acked + PATIENCE;
    loop {
        for (i, d) in watchers.iter().enumerate() {
            if seen[i].is_none() && pred(&d.pty.screen_text()) {
                seen[i] = Some(acked.elapsed());
            }
        }
        if seen.iter().all(Option::is_some) {
            return seen.into_iter().flatten().collect();
        }
        if Instant::now() > deadline {
            let missing: Vec<String> = watchers
                .iter()
                .zip(&seen)
                .filter(|(_, s)| s.is_none())
                .map(|(d, _)| format!("dashboard {}:\n{}", d.name, d.pty.screen_text()))
                .collect();
            panic!("never shown after {PATIENCE:?}:\n{}", missing.join("\n"));
        }
        thread::sleep(Duration::from_millis(5));
    }
}

#[derive(Default)]
struct Report {
    /// (what, who saw it, how long after the acknowledgement)
    latencies: Vec<(String, &'static str, Duration)>,
    entries: Vec<String>,
    last_exercise: Option<(chrono::NaiveDate, u64)>,
    counts: HashMap<&'static str, u64>,
}

impl Report {
    fn saw(&mut self, what: &str, who: &[&Dashboard], after: Vec<Duration>) {
        for (d, t) in who.iter().zip(after) {
            self.latencies.push((what.to_string(), d.name, t));
        }
    }
}

/// The command line adds an entry; both dashboards must show it.
fn cli_entry(env: &Env, a: &Dashboard, b: &Dashboard, n: u64, report: &mut Report) {
    let word = format!("c{n:06}");
    env.ok(&["journal", "add", &format!("{word} from the command line")]);
    let acked = Instant::now();
    report.entries.push(word.clone());
    let after = seen_after(&[a, b], acked, |s| shows_entry(s, &word));
    report.saw(&format!("command-line entry {word}"), &[a, b], after);
    *report.counts.entry("command-line entries").or_default() += 1;
}

/// `writer` writes an entry in its editor, a key at a time (each key is a
/// draft save, meeting the other writers' locks); `other` must show it.
fn dashboard_entry(
    writer: &mut Dashboard,
    other: &Dashboard,
    n: u64,
    rng: &mut Rng,
    report: &mut Report,
) {
    let word = format!("d{n:06}");
    writer.send(b"2n");
    writer.wait("opened the editor", editor_open);
    let text = format!("{word} written in dashboard {} ", writer.name);
    for chunk in text.as_bytes().chunks(1 + rng.below(4) as usize) {
        writer.send(chunk);
        thread::sleep(rng.millis(12));
    }
    writer.send(&keys::ctrl('s'));
    writer.wait("asked the mood", |s| s.contains("How is your mood"));
    // 3 to 10: a low mood is answered with a card (tests/app_flow.rs).
    writer.send(format!("{}", 3 + rng.below(8)).as_bytes());
    writer.send(keys::ENTER);
    writer.wait("saved the entry", |s| {
        !editor_open(s) && s.contains("Entry saved.") && shows_entry(s, &word)
    });
    let acked = Instant::now();
    report.entries.push(word.clone());
    let after = seen_after(&[other], acked, |s| shows_entry(s, &word));
    report.saw(
        &format!("entry {word} from {}", writer.name),
        &[other],
        after,
    );
    *report.counts.entry("dashboard entries").or_default() += 1;
}

/// `writer` ticks Exercise for today with a new amount; `other` must show it.
fn dashboard_tick(writer: &mut Dashboard, other: &Dashboard, n: u64, report: &mut Report) {
    let amount = 100 + n % 800;
    let day = Utc::now().date_naive();
    writer.send(b"3gj ");
    writer.wait("asked the amount", |s| s.contains("how many min?"));
    for _ in 0..6 {
        writer.send(keys::BACKSPACE);
    }
    writer.send(amount.to_string().as_bytes());
    writer.send(keys::ENTER);
    writer.wait("showed the tick", |s| shows_exercise(s, amount));
    let acked = Instant::now();
    if Utc::now().date_naive() != day {
        // Midnight (UTC) passed: "today" moved under the tick; skip it.
        report.last_exercise = None;
        return;
    }
    report.last_exercise = Some((day, amount));
    let after = seen_after(&[other], acked, |s| shows_exercise(s, amount));
    report.saw(
        &format!("tick {amount} from {}", writer.name),
        &[other],
        after,
    );
    *report.counts.entry("dashboard ticks").or_default() += 1;
}

#[test]
fn two_dashboards_and_the_command_line_share_one_file() {
    let seconds = env_number("CONCURRENCY_SECONDS", DEFAULT_SECONDS);
    let seed = binary::seed("CONCURRENCY_SEED");
    let mut rng = Rng::new(seed);
    let env = Arc::new(Env::new());
    env.ok(&["habit", "list"]);

    let mut a = Dashboard {
        name: "A",
        pty: env.dashboard(),
    };
    let mut b = Dashboard {
        name: "B",
        pty: env.dashboard(),
    };
    a.wait("loaded", loaded);
    b.wait("loaded", loaded);

    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let screens = vec![("A", a.pty.screen()), ("B", b.pty.screen())];
        let stop = Arc::clone(&stop);
        thread::spawn(move || watch(screens, stop))
    };
    let writer = {
        let env = Arc::clone(&env);
        let stop = Arc::clone(&stop);
        thread::spawn(move || background(env, stop, seed ^ 0x5eed))
    };

    let mut report = Report::default();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(seconds) {
        n += 1;
        // Each writer in turn, and either dashboard as the writer.
        let (w, o) = if rng.chance(50) {
            (&mut a, &b)
        } else {
            (&mut b, &a)
        };
        match n % 3 {
            0 => cli_entry(&env, w, o, n, &mut report),
            1 => dashboard_entry(w, o, n, &mut rng, &mut report),
            _ => dashboard_tick(w, o, n, &mut report),
        }
        if watcher.is_finished() {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    let background = writer.join().unwrap();
    let shown = watcher.join().unwrap();
    let elapsed = start.elapsed();

    // Quit as a person would; the terminal must be given back.
    for d in [&mut a, &mut b] {
        d.send(b"q");
        let status = d.pty.wait_timeout(Duration::from_secs(10)).unwrap();
        assert!(
            status.is_some_and(|s| s.success()),
            "dashboard {} did not quit cleanly: {status:?}",
            d.name
        );
    }

    let mut latencies: Vec<Duration> = report.latencies.iter().map(|l| l.2).collect();
    latencies.sort();
    let pick = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or_default()
    };
    let mut counts: Vec<_> = report.counts.iter().collect();
    counts.sort();
    eprintln!(
        "{elapsed:.1?}: {counts:?}, {} background commands; seen by the other \
         dashboards after a median {:?}, p95 {:?}, max {:?} ({} sightings); \
         cursor-position queries answered: {}",
        background.runs,
        pick(0.5),
        pick(0.95),
        pick(1.0),
        latencies.len(),
        a.pty.screen().cursor_queries() + b.pty.screen().cursor_queries(),
    );

    if let Some(e) = shown {
        panic!("an error was shown: {e}");
    }
    assert!(
        background.failures.is_empty(),
        "commands failed while the dashboards were open:\n{}",
        background.failures.join("\n")
    );
    // Nothing lost: everything acknowledged is in the file.
    let db = env.open_checked();
    let export = db.export(Utc::now()).unwrap();
    for word in &report.entries {
        assert!(
            export
                .journal
                .iter()
                .any(|e| e.body.starts_with(word.as_str())),
            "entry {word} was lost"
        );
    }
    let notes = |v: Vec<&Option<String>>| v.into_iter().flatten().cloned().collect::<Vec<String>>();
    let therapy = notes(export.therapy.iter().map(|t| &t.note).collect());
    let sessions = notes(export.sessions.iter().map(|s| &s.note).collect());
    for t in &background.therapy {
        assert!(therapy.contains(t), "therapy visit {t:?} was lost");
    }
    for s in &background.sessions {
        assert!(sessions.contains(s), "session {s:?} was lost");
    }
    let id = |name: &str| {
        export
            .habits
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.id)
            .unwrap()
    };
    let amount = |habit, day| {
        export
            .ticks
            .iter()
            .find(|t| t.habit == habit && t.day == day)
            .and_then(|t| t.amount)
    };
    for (day, a) in &background.ticks {
        assert_eq!(
            amount(id("Meditation"), *day),
            Some(*a),
            "Meditation on {day}"
        );
    }
    if let Some((day, a)) = report.last_exercise {
        assert_eq!(
            amount(id("Exercise"), day),
            Some(a as f64),
            "Exercise on {day}"
        );
    }
    assert!(db.draft().unwrap().is_none(), "a draft was left behind");
    // Last, so that a slow dashboard does not hide a lost write.
    let late: Vec<String> = report
        .latencies
        .iter()
        .filter(|(_, _, t)| *t > VISIBLE_WITHIN)
        .map(|(what, who, t)| format!("{what}: dashboard {who} after {t:?}"))
        .collect();
    assert!(
        late.is_empty(),
        "not shown within {VISIBLE_WITHIN:?}:\n{}",
        late.join("\n")
    );
}

/// The cause of late updates, found by the test above: the event loop wakes
/// just after each whole second, a millisecond or two late by a varying
/// amount, and `App::tick` polls only when `(now - last_poll).num_seconds()`
/// is at least 1. That truncates 0.999 s to 0, so every other wake-up
/// skips the poll and another process's change can wait two seconds and
/// more before it is even read.
#[test]
fn the_dashboard_polls_at_every_whole_second_tick() {
    use afterglow::app::{Action, App, Effect};
    use afterglow::config::Settings;
    use afterglow::zone::Zone;
    use chrono::{TimeDelta, TimeZone};

    let ms = |n: i64| TimeDelta::try_milliseconds(n).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap() + ms(3);
    let mut app = App::new(Settings::default(), Zone::utc(), t0, true);
    app.update(Action::Loaded(Box::default()));
    let mut skipped = Vec::new();
    for second in 1..=10 {
        // Wake-up latencies as measured in a debug build: 1-3 ms.
        let wake = t0 - ms(3) + ms(1000 * second + 1 + second % 3);
        let polled = app
            .update(Action::Tick(wake))
            .iter()
            .any(|e| matches!(e, Effect::Poll { .. }));
        if !polled {
            skipped.push(wake.format("%H:%M:%S%.3f").to_string());
        }
    }
    assert!(
        skipped.is_empty(),
        "no data_version poll at the ticks of {skipped:?}"
    );
}

/// Every kept draft's text, oldest first, read straight from the file so
/// that it shows what is there whatever the program makes of it.
fn draft_bodies(env: &Env) -> Vec<String> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.busy_timeout(PATIENCE).unwrap();
    let mut st = conn
        .prepare("SELECT body FROM drafts ORDER BY rowid")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Types `words` into each dashboard in turn, a word at a time, waiting
/// until each word shows (and so was handled) before the next; returns
/// what each dashboard's editor should hold after what it held before.
fn type_in_turn(dashboards: &mut [&mut Dashboard], words: &[&str], rounds: usize) -> Vec<String> {
    let mut typed = vec![String::new(); dashboards.len()];
    for n in 0..rounds {
        for (i, d) in dashboards.iter_mut().enumerate() {
            let word = format!(" {}{n}", words[i]);
            d.send(word.as_bytes());
            typed[i].push_str(&word);
            let shown = typed[i].trim_start().to_string();
            d.wait("showed the typed word", |s| s.contains(&shown));
        }
    }
    typed
}

/// Issue 10, point 1: two dashboards each open the journal editor and
/// type. Both used to write the one draft slot, each over the other, and
/// both said "Draft kept." while one person's words were gone.
#[test]
fn two_dashboards_writing_at_once_each_keep_their_own_words() {
    let env = Env::new();
    env.ok(&["habit", "list"]);
    let mut a = Dashboard {
        name: "A",
        pty: env.dashboard(),
    };
    let mut b = Dashboard {
        name: "B",
        pty: env.dashboard(),
    };
    for d in [&mut a, &mut b] {
        d.wait("loaded", loaded);
        d.send(b"2n");
        d.wait("opened the editor", editor_open);
    }
    let typed = type_in_turn(&mut [&mut a, &mut b], &["alpha", "beta"], 6);
    for d in [&mut a, &mut b] {
        d.send(keys::ESC);
        d.wait("said the draft was kept", |s| {
            !editor_open(s) && s.contains("Draft kept")
        });
        if let Some(e) = error_shown(&d.pty.screen()) {
            panic!("dashboard {}: {e}", d.name);
        }
    }
    let bodies = draft_bodies(&env);
    for (d, words) in ["A", "B"].iter().zip(&typed) {
        let words = words.trim_start();
        assert!(
            bodies.iter().any(|b| b.contains(words)),
            "dashboard {d} said \"Draft kept.\" but {words:?} is in no draft: {bodies:?}"
        );
    }
}

/// Issue 10, point 1: both dashboards go on with the same kept draft and
/// are killed while typing. Every word either of them showed is in a
/// draft: the second writer never writes over a draft it did not load.
#[test]
fn two_dashboards_on_one_kept_draft_lose_nothing_when_both_are_killed() {
    let env = Env::new();
    env.ok(&["habit", "list"]);
    let mut a = Dashboard {
        name: "A",
        pty: env.dashboard(),
    };
    let mut b = Dashboard {
        name: "B",
        pty: env.dashboard(),
    };
    a.wait("loaded", loaded);
    b.wait("loaded", loaded);
    a.send(b"2n");
    a.wait("opened the editor", editor_open);
    a.send(b"shared start");
    a.wait("showed the words", |s| s.contains("shared start"));
    a.send(keys::ESC);
    a.wait("kept the draft", |s| {
        !editor_open(s) && s.contains("Draft kept")
    });
    b.wait("showed the other's draft", |s| {
        s.contains("draft shared start")
    });
    for d in [&mut a, &mut b] {
        d.send(b"2n");
        d.wait("went on with the kept draft", |s| {
            editor_open(s) && s.contains("shared start")
        });
    }
    let typed = type_in_turn(&mut [&mut a, &mut b], &["alpha", "beta"], 5);
    for d in [&mut a, &mut b] {
        if let Some(e) = error_shown(&d.pty.screen()) {
            panic!("dashboard {}: {e}", d.name);
        }
        d.pty.kill().unwrap();
    }
    let bodies = draft_bodies(&env);
    for (d, words) in ["A", "B"].iter().zip(&typed) {
        let words = format!("shared start{words}");
        assert!(
            bodies.iter().any(|b| b.contains(&words)),
            "dashboard {d} showed {words:?}, and it is in no draft: {bodies:?}"
        );
    }
}

/// Issue 10, point 14: while another program holds the write lock, typing
/// goes on and the editor says that saving waits; the words are saved
/// once the lock is free. Each keystroke used to wait out the 5 s busy
/// timeout. Closing the editor meanwhile never says "Draft kept." before
/// the draft is.
#[test]
fn typing_goes_on_while_another_program_holds_the_write_lock() {
    let env = Env::new();
    env.ok(&["habit", "list"]);
    let mut a = Dashboard {
        name: "A",
        pty: env.dashboard(),
    };
    a.wait("loaded", loaded);
    a.send(b"2n");
    a.wait("opened the editor", editor_open);
    a.send(b"before the lock");
    a.wait("showed the words", |s| s.contains("before the lock"));

    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let held = Instant::now();
    a.send(b" and while it is held");
    // Far less than the 5 s busy timeout a single keystroke used to wait,
    // let alone the twenty of them typed: this is about never hanging.
    let shown = a
        .pty
        .wait_for(
            |s| s.contains("before the lock and while it is held") && s.contains("saving waits"),
            Duration::from_secs(3),
        )
        .unwrap_or_else(|s| {
            panic!(
                "after {:?} with the lock held the screen was:\n{s}",
                held.elapsed()
            )
        });
    assert!(!shown.contains("Draft kept"), "{shown}");
    a.send(keys::ESC);
    thread::sleep(Duration::from_millis(600));
    let screen = a.pty.screen_text();
    assert!(
        editor_open(&screen) && !screen.contains("Draft kept"),
        "the editor closed before its words were kept:\n{screen}"
    );
    if let Some(e) = error_shown(&a.pty.screen()) {
        panic!("an error while the lock was held: {e}");
    }
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);

    a.wait("kept the draft once the lock was free", |s| {
        !editor_open(s) && s.contains("Draft kept")
    });
    assert_eq!(draft_bodies(&env), ["before the lock and while it is held"]);
}

/// Leaving while another program keeps the write lock past the last try:
/// the words the file could not take go to a private file beside it.
#[test]
fn words_a_busy_file_never_took_are_kept_beside_it_on_leaving() {
    let env = Env::new();
    env.ok(&["habit", "list"]);
    let mut a = Dashboard {
        name: "A",
        pty: env.dashboard(),
    };
    a.wait("loaded", loaded);
    a.send(b"2n");
    a.wait("opened the editor", editor_open);
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    a.send(b"words for later");
    a.wait("showed that saving waits", |s| {
        s.contains("words for later") && s.contains("saving waits")
    });
    // Ctrl-C asks once when words are not kept yet; the second leaves.
    a.send(b"\x03");
    a.wait("asked before leaving", |s| {
        s.contains("Ctrl-C again leaves")
    });
    a.send(b"\x03");
    let status = a
        .pty
        .wait_timeout(Duration::from_secs(20))
        .unwrap()
        .expect("the dashboard left after its last try");
    assert!(!status.success(), "leaving says the file did not take them");
    holder.execute_batch("COMMIT").unwrap();
    let rescued = unsaved_files(env.db.parent().unwrap());
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert_eq!(
        std::fs::read_to_string(&rescued[0]).unwrap(),
        "words for later"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&rescued[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// Leaving with words a full disk would not take: they go to a file in the
/// temporary folder (the database's folder is full too), never nowhere.
#[test]
fn words_a_full_disk_would_not_take_go_to_the_temporary_folder() {
    let Some(small) = disk::SmallDisk::mount("2m") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let env = Env {
        db: small.path().join("afterglow.db"),
        dir: home,
    };
    env.ok(&["habit", "list"]);
    env.ok(&["habit", "tick", "sleep"]);
    let tmp = tempfile::tempdir().unwrap();
    let mut command = env.command();
    command.env("TMPDIR", tmp.path());
    let mut a = Dashboard {
        name: "A",
        pty: Pty::spawn(command, 100, 30).unwrap(),
    };
    a.wait("loaded", loaded);
    a.send(b"2n");
    a.wait("opened the editor", editor_open);
    // Fill what is left of the disk, then write.
    {
        use std::io::Write;
        let mut f = std::fs::File::create(small.path().join("filler")).unwrap();
        while f
            .write_all(&[0xA5; 4096])
            .and_then(|()| f.sync_all())
            .is_ok()
        {}
    }
    for word in ["words ", "for ", "a ", "full ", "disk"] {
        a.send(word.as_bytes());
        thread::sleep(Duration::from_millis(150));
    }
    a.wait("showed the words", |s| s.contains("words for a full disk"));
    a.send(b"\x03");
    thread::sleep(Duration::from_millis(300));
    a.send(b"\x03");
    a.pty
        .wait_timeout(Duration::from_secs(20))
        .unwrap()
        .expect("the dashboard left");
    let rescued = unsaved_files(tmp.path());
    let kept_in_db = afterglow::store::Db::open_read_only(&env.db, afterglow::store::Check::Quick)
        .ok()
        .and_then(|db| db.drafts().ok())
        .is_some_and(|d| d.iter().any(|d| d.draft.body.contains("full disk")));
    assert!(
        kept_in_db
            || rescued.iter().any(|p| std::fs::read_to_string(p)
                .unwrap()
                .contains("words for a full disk")),
        "the words are neither in the database nor in {rescued:?}"
    );
}

/// A closed terminal window (SIGHUP) while another program keeps the write
/// lock: the exit that a signal starts waits for the newest words to be
/// put away in a file of their own.
#[test]
fn a_signal_while_the_file_is_busy_still_keeps_the_newest_words() {
    let env = Env::new();
    env.ok(&["habit", "list"]);
    let mut a = Dashboard {
        name: "A",
        pty: env.dashboard(),
    };
    a.wait("loaded", loaded);
    a.send(b"2n");
    a.wait("opened the editor", editor_open);
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    a.send(b"closing the window now");
    a.wait("showed that saving waits", |s| {
        s.contains("closing the window now") && s.contains("saving waits")
    });
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &a.pty.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    a.pty
        .wait_timeout(Duration::from_secs(20))
        .unwrap()
        .expect("the dashboard left");
    holder.execute_batch("COMMIT").unwrap();
    let rescued = unsaved_files(env.db.parent().unwrap());
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert_eq!(
        std::fs::read_to_string(&rescued[0]).unwrap(),
        "closing the window now"
    );
}

/// The files in `dir` that hold words the dashboard could not save.
fn unsaved_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".unsaved-"))
        .collect()
}
