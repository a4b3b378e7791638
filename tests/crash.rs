//! Crash safety: the real binary is killed with SIGKILL at random moments,
//! from the command line and from the dashboard in a pseudo-terminal, and
//! after every kill the file must open, pass `PRAGMA integrity_check`, and
//! hold every write that was acknowledged: a command that exited 0, a tick
//! or an entry the dashboard showed as stored, and every word of the
//! journal draft that had appeared on the screen.
//!
//! `CRASH_KILLS=1000 cargo test --release --test crash -- --nocapture` by
//! hand; `CRASH_SEED` replays a run.
//!
//! `CRASH_DASHBOARD` sets the percent of rounds that are dashboard rounds
//! (default 20).

use std::collections::{HashMap, HashSet};
use std::thread;
use std::time::{Duration, Instant};

use afterglow::store::Db;
use chrono::{NaiveDate, Utc};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/pty.rs"]
mod pty;

use binary::{Env, Rng, editor_open, env_number, error_shown, loaded, shows_exercise};
use pty::{Pty, keys};

/// Enough for the CI run to stay near half a minute on two cores in a
/// debug build; the issue asks for at least 200 per full run.
const DEFAULT_KILLS: u64 = 200;
/// Independent databases killed side by side: a dashboard round is mostly
/// waiting for its kill, so three lanes keep two cores busy.
const LANES: u64 = 3;
/// A first guess at how long a command takes (5-40 ms in a debug build,
/// more on a busy machine); each lane learns the real figure as it goes.
const CLI_MS: u64 = 12;
/// A dashboard is killed within 0..this of starting: during start-up,
/// mid-typing, inside a dialog, or while idle.
const DASHBOARD_KILL_MS: u64 = 1500;
/// Waits that only a broken program would exceed; the kill usually comes
/// long before.
const PATIENCE: Duration = Duration::from_secs(20);

/// Writes of one kind, named by a unique text.
#[derive(Default)]
struct Texts {
    /// The command exited 0, or the dashboard showed it stored.
    acked: HashSet<String>,
    /// Started, so it may be there.
    tried: HashSet<String>,
}

impl Texts {
    fn check(&self, what: &str, stored: &[String], marker: &str) {
        let stored: HashSet<&String> = stored.iter().collect();
        for t in &self.acked {
            assert!(stored.contains(t), "an acknowledged {what} was lost: {t:?}");
        }
        for s in stored.iter().filter(|s| s.contains(marker)) {
            assert!(self.tried.contains(*s), "a {what} nobody wrote: {s:?}");
        }
    }
}

/// One tick slot, which later ticks overwrite: once any tick there was
/// acknowledged, the stored amount is the last acknowledged one or one
/// tried after it.
#[derive(Default)]
struct Slot {
    acked: bool,
    allowed: Vec<f64>,
}

/// The journal draft: what was typed, and how much of it the screen showed.
#[derive(Default)]
struct DraftModel {
    typed: String,
    acked: String,
    /// The entry being saved (the mood question was answered), until the
    /// dashboard shows it saved.
    committing: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct ScreenAcks {
    draft: u64,
    ticks: u64,
    entries: u64,
}

#[derive(Default)]
struct Model {
    journal: Texts,
    sessions: Texts,
    therapy: Texts,
    intentions: Texts,
    /// `intention set --replace` marks the waiting intention replaced and
    /// keeps its words: at least the newest acknowledged one must survive,
    /// or one tried after it.
    intention_acked: bool,
    intention_allowed: Vec<String>,
    ticks: HashMap<(String, NaiveDate), Slot>,
    draft: DraftModel,
    /// How often the screen acknowledged a draft word, a tick, an entry.
    acks: ScreenAcks,
}

impl Model {
    fn try_tick(&mut self, habit: &str, day: NaiveDate, amount: f64) {
        let slot = self.ticks.entry((habit.to_string(), day)).or_default();
        slot.allowed.push(amount);
    }

    fn ack_tick(&mut self, habit: &str, day: NaiveDate, amount: f64) {
        let slot = self.ticks.entry((habit.to_string(), day)).or_default();
        slot.acked = true;
        slot.allowed = vec![amount];
    }

    /// Every word of `typed` up to the last one visible on `screen` was
    /// stored before it was drawn: the dashboard runs a keystroke's draft
    /// save before it draws again. Unless the editor says that saving
    /// waits (another program holds the file's lock; none does here, so
    /// the check below would then be too lenient, never too strict).
    fn observe(&mut self, screen: &str) {
        if screen.contains("saving waits") || screen.contains("not kept yet") {
            return;
        }
        let d = &mut self.draft;
        // Whole words only: the piece of a word a kill cut short ("w00")
        // is part of every later word on the screen, and matching it as a
        // substring would take keys still in flight for stored ones.
        let shown: HashSet<&str> = screen.split_whitespace().collect();
        let mut end = 0;
        for (at, word) in word_ends(&d.typed) {
            if shown.contains(word) {
                end = at;
            }
        }
        if end > d.acked.len() {
            d.acked = d.typed[..end].to_string();
            self.acks.draft += 1;
        }
    }

    /// Checks the file against what was acknowledged, then takes the file as
    /// the truth for what is uncertain (a killed write may or may not be in).
    fn verify(&mut self, db: &Db) {
        let export = db.export(Utc::now()).unwrap();
        let bodies: Vec<String> = export.journal.iter().map(|e| e.body.clone()).collect();
        let draft = db.draft().unwrap().map(|d| d.body).unwrap_or_default();

        let d = &mut self.draft;
        match d.committing.take() {
            Some(text) if bodies.contains(&text) => {
                assert_eq!(draft, "", "the draft outlived its saved entry");
                self.journal.acked.insert(text);
                d.typed.clear();
            }
            Some(text) => {
                assert_eq!(draft, text, "an entry being saved lost its draft");
                d.typed = text;
            }
            None => {
                assert!(
                    draft.starts_with(&d.acked) && d.typed.starts_with(&draft),
                    "the draft lost words it showed:\n shown: {:?}\n typed: {:?}\n kept:  {:?}",
                    d.acked,
                    d.typed,
                    draft
                );
                d.typed = draft;
            }
        }
        d.acked = d.typed.clone();

        self.journal.check("journal entry", &bodies, "crash");
        let notes = |v: Vec<Option<String>>| v.into_iter().flatten().collect::<Vec<_>>();
        self.sessions.check(
            "session",
            &notes(export.sessions.iter().map(|s| s.note.clone()).collect()),
            "crash",
        );
        self.therapy.check(
            "therapy visit",
            &notes(export.therapy.iter().map(|t| t.note.clone()).collect()),
            "crash",
        );
        let texts: Vec<String> = export.intentions.iter().map(|i| i.text.clone()).collect();
        self.intentions.check("intention", &texts, "crash");
        if self.intention_acked {
            let allowed = &self.intention_allowed;
            assert!(
                texts.iter().any(|t| allowed.contains(t)),
                "the acknowledged intention was lost; expected one of {allowed:?} in {texts:?}"
            );
        }

        let names: HashMap<_, _> = export
            .habits
            .iter()
            .map(|h| (h.id, h.name.clone()))
            .collect();
        for ((habit, day), slot) in &mut self.ticks {
            let stored = export
                .ticks
                .iter()
                .find(|t| names.get(&t.habit) == Some(habit) && t.day == *day)
                .and_then(|t| t.amount);
            match stored {
                Some(a) => assert!(
                    slot.allowed.contains(&a),
                    "{habit} on {day}: {a} is none of {:?}",
                    slot.allowed
                ),
                None => assert!(
                    !slot.acked,
                    "an acknowledged tick was lost: {habit} on {day}, one of {:?}",
                    slot.allowed
                ),
            }
            slot.acked = stored.is_some();
            slot.allowed = stored.into_iter().collect();
        }
    }
}

/// `(end, word)` for each space-separated word of `text`; `end` stops before
/// the space, which a visible word does not prove was typed.
fn word_ends(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split_inclusive(' ').map(move |piece| {
        let word = piece.trim_end();
        let end = start + word.len();
        start += piece.len();
        (end, word)
    })
}

/// A lane's counters, summed for the report.
#[derive(Default, Clone, Copy)]
struct Counts {
    cli_runs: u64,
    cli_kills: u64,
    cli_acks: u64,
    dashboard_kills: u64,
    acks: ScreenAcks,
}

impl Counts {
    fn kills(&self) -> u64 {
        self.cli_kills + self.dashboard_kills
    }

    fn add(&mut self, o: &Counts) {
        self.cli_runs += o.cli_runs;
        self.cli_kills += o.cli_kills;
        self.cli_acks += o.cli_acks;
        self.dashboard_kills += o.dashboard_kills;
        self.acks.draft += o.acks.draft;
        self.acks.ticks += o.acks.ticks;
        self.acks.entries += o.acks.entries;
    }
}

struct Lane {
    env: Env,
    rng: Rng,
    model: Model,
    /// Numbers every text, so each is unique in the file.
    serial: u64,
    counts: Counts,
    today: NaiveDate,
    cli_ms: u64,
    /// Percent of rounds that are dashboard rounds (`CRASH_DASHBOARD`).
    dashboard_percent: u64,
}

/// What one command writes, for the model.
enum Write {
    Journal(String),
    Session(String),
    Therapy(String),
    Intention(String),
    Tick(NaiveDate, f64),
}

impl Lane {
    fn new(seed: u64) -> Lane {
        let env = Env::new();
        // The first run creates the file; the kills start on a real record.
        env.ok(&["habit", "list"]);
        Lane {
            env,
            rng: Rng::new(seed),
            model: Model::default(),
            serial: 0,
            counts: Counts::default(),
            today: Utc::now().date_naive(),
            cli_ms: CLI_MS,
            dashboard_percent: env_number("CRASH_DASHBOARD", 20).min(100),
        }
    }

    fn next(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    fn cli_round(&mut self) {
        let n = self.next();
        let (args, write): (Vec<String>, Write) = match self.rng.below(5) {
            0 => {
                let t = format!("crash entry {n} written from the command line");
                (
                    vec!["journal".into(), "add".into(), t.clone()],
                    Write::Journal(t),
                )
            }
            1 => {
                let t = format!("crash session {n}");
                (
                    // A minute of its own each, counted back from two
                    // days before the run: two sessions at one minute are
                    // refused as one logged twice, and the dashboard's
                    // lane logs its sessions at "now".
                    vec![
                        "session".into(),
                        "log".into(),
                        "--at".into(),
                        (self.today.and_time(chrono::NaiveTime::MIN).and_utc()
                            - chrono::TimeDelta::try_days(2).unwrap()
                            - chrono::TimeDelta::try_minutes(i64::try_from(n).unwrap()).unwrap())
                        .to_rfc3339(),
                        "--note".into(),
                        t.clone(),
                    ],
                    Write::Session(t),
                )
            }
            2 => {
                let t = format!("crash therapy {n}");
                (
                    vec!["therapy".into(), "log".into(), "--note".into(), t.clone()],
                    Write::Therapy(t),
                )
            }
            3 => {
                let t = format!("crash intention {n}");
                (
                    // A second intention replaces the first, which stays.
                    vec![
                        "intention".into(),
                        "set".into(),
                        "--replace".into(),
                        t.clone(),
                    ],
                    Write::Intention(t),
                )
            }
            _ => {
                // A day of its own, so the tick is not overwritten later.
                let back = chrono::Days::new(1 + n);
                let day = self.today.checked_sub_days(back).unwrap();
                let amount = (n % 900 + 1) as f64;
                (
                    vec![
                        "habit".into(),
                        "tick".into(),
                        "meditation".into(),
                        "--date".into(),
                        day.to_string(),
                        "--amount".into(),
                        amount.to_string(),
                    ],
                    Write::Tick(day, amount),
                )
            }
        };
        let m = &mut self.model;
        match &write {
            Write::Journal(t) => m.journal.tried.insert(t.clone()),
            Write::Session(t) => m.sessions.tried.insert(t.clone()),
            Write::Therapy(t) => m.therapy.tried.insert(t.clone()),
            Write::Intention(t) => {
                m.intention_allowed.push(t.clone());
                m.intentions.tried.insert(t.clone())
            }
            Write::Tick(day, amount) => {
                m.try_tick("Meditation", *day, *amount);
                true
            }
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let mut child = self.env.cli(&args).spawn().unwrap();
        // Some run to the end, to learn how long a command takes on this
        // machine now; the rest are killed within one and a half of that.
        let measure = self.rng.chance(20);
        if !measure {
            thread::sleep(self.rng.millis(self.cli_ms * 3 / 2));
            if child.try_wait().unwrap().is_none() {
                let _ = child.kill();
            }
        }
        let out = child.wait_with_output().unwrap();
        if measure && out.status.success() {
            let took = started.elapsed().as_millis() as u64;
            self.cli_ms = (self.cli_ms * 3 + took.max(1)) / 4;
        }
        self.counts.cli_runs += 1;
        if out.status.success() {
            self.counts.cli_acks += 1;
            let m = &mut self.model;
            match write {
                Write::Journal(t) => {
                    m.journal.acked.insert(t);
                }
                Write::Session(t) => {
                    m.sessions.acked.insert(t);
                }
                Write::Therapy(t) => {
                    m.therapy.acked.insert(t);
                }
                Write::Intention(t) => {
                    m.intention_acked = true;
                    m.intention_allowed = vec![t];
                }
                Write::Tick(day, amount) => m.ack_tick("Meditation", day, amount),
            }
        } else {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                out.status.signal(),
                Some(9),
                "{args:?} failed by itself: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            self.counts.cli_kills += 1;
        }
    }

    fn dashboard_round(&mut self) {
        let budget = self.rng.millis(DASHBOARD_KILL_MS);
        let mut pty = self.env.dashboard();
        let deadline = Instant::now() + budget;
        let mut run = Run {
            pty: &mut pty,
            deadline,
        };
        // Ends at the kill deadline (Err) or when the script is done.
        let _ = script(&mut run, &mut self.rng, &mut self.model, &mut self.serial);
        let left = deadline.saturating_duration_since(Instant::now());
        thread::sleep(left);
        // What the screen showed before the kill was stored before it.
        let screen = pty.screen();
        self.model.observe(&screen.text());
        if let Some(e) = error_shown(&screen) {
            panic!("the dashboard showed an error: {e}");
        }
        let status = pty.kill().unwrap();
        use std::os::unix::process::ExitStatusExt;
        if status.signal() == Some(9) {
            self.counts.dashboard_kills += 1;
        } else {
            pty.drain(Duration::from_secs(2));
            panic!(
                "the dashboard ended by itself ({status}):\n{}",
                pty.screen_text()
            );
        }
    }

    fn round(&mut self) {
        if self.rng.chance(self.dashboard_percent) {
            self.dashboard_round();
        } else {
            self.cli_round();
        }
        let db = self.env.open_checked();
        self.model.verify(&db);
        self.counts.acks = self.model.acks;
    }
}

/// A dashboard that is to be killed at `deadline`.
struct Run<'a> {
    pty: &'a mut Pty,
    deadline: Instant,
}

/// The kill deadline came: stop driving.
struct Killed;

impl Run<'_> {
    fn send(&mut self, bytes: &[u8]) -> Result<(), Killed> {
        if Instant::now() >= self.deadline {
            return Err(Killed);
        }
        self.pty.send(bytes).unwrap();
        Ok(())
    }

    /// Waits for `pred` until the kill deadline; a program that has not
    /// got there in [`PATIENCE`] is broken (only reachable with a long
    /// deadline on a very slow machine, so the deadline wins in practice).
    fn wait(&mut self, pred: impl Fn(&str) -> bool, model: &mut Model) -> Result<String, Killed> {
        let start = Instant::now();
        loop {
            let text = self.pty.screen_text();
            model.observe(&text);
            if pred(&text) {
                return Ok(text);
            }
            if Instant::now() >= self.deadline {
                return Err(Killed);
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the dashboard never got there:\n{text}"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn pause(&mut self, d: Duration) -> Result<(), Killed> {
        let until = Instant::now() + d;
        if until >= self.deadline {
            thread::sleep(self.deadline.saturating_duration_since(Instant::now()));
            return Err(Killed);
        }
        thread::sleep(d);
        Ok(())
    }
}

fn script(
    run: &mut Run<'_>,
    rng: &mut Rng,
    model: &mut Model,
    serial: &mut u64,
) -> Result<(), Killed> {
    run.wait(loaded, model)?;
    for _ in 0..rng.below(3) {
        *serial += 1;
        let amount = 100 + *serial % 800;
        let today = Utc::now().date_naive();
        run.send(b"3gj ")?;
        run.wait(|s| s.contains("how many min?"), model)?;
        for _ in 0..6 {
            run.send(keys::BACKSPACE)?;
        }
        run.send(amount.to_string().as_bytes())?;
        model.try_tick("Exercise", today, amount as f64);
        run.send(keys::ENTER)?;
        run.wait(|s| shows_exercise(s, amount), model)?;
        // The date it was meant for; a tick across midnight stays unknown.
        if Utc::now().date_naive() == today {
            model.ack_tick("Exercise", today, amount as f64);
            model.acks.ticks += 1;
        }
    }
    if rng.chance(80) {
        run.send(b"2n")?;
        run.wait(editor_open, model)?;
        let words = 1 + rng.below(40);
        for _ in 0..words {
            *serial += 1;
            let word = format!("w{:06} ", *serial);
            model.draft.typed.push_str(&word);
            // Uneven bursts, as a person types and as a paste arrives.
            let bytes = word.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let n = (1 + rng.below(7) as usize).min(bytes.len() - i);
                if let Err(k) = run.send(&bytes[i..i + n]) {
                    // Only what was sent can have been stored.
                    let sent = model.draft.typed.len() - (bytes.len() - i);
                    model.draft.typed.truncate(sent);
                    return Err(k);
                }
                i += n;
                if rng.chance(30) {
                    run.pause(rng.millis(15))?;
                }
            }
        }
        if rng.chance(50) && !model.draft.typed.trim().is_empty() {
            run.send(&keys::ctrl('s'))?;
            run.wait(|s| s.contains("How is your mood"), model)?;
            // The question comes after every key before it was handled, so
            // the whole draft is stored.
            model.draft.acked = model.draft.typed.clone();
            let text = model.draft.typed.clone();
            model.journal.tried.insert(text.clone());
            model.draft.committing = Some(text.clone());
            // 3 to 10: a low mood is answered with a card that takes the
            // next key (tests/app_flow.rs covers it).
            let mood = format!("{}\r", 3 + rng.below(8));
            run.send(mood.as_bytes())?;
            run.wait(|s| !editor_open(s) && s.contains("Entry saved."), model)?;
            model.draft.committing = None;
            model.journal.acked.insert(text);
            model.draft.typed.clear();
            model.draft.acked.clear();
            model.acks.entries += 1;
        }
    }
    Ok(())
}

/// One lane: its own database, killed `kills` times.
fn lane(seed: u64, kills: u64) -> Counts {
    let mut lane = Lane::new(seed);
    while lane.counts.kills() < kills {
        lane.round();
    }
    lane.counts
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let kills = env_number("CRASH_KILLS", DEFAULT_KILLS);
    let seed = binary::seed("CRASH_SEED");
    let start = Instant::now();
    let lanes: Vec<_> = (0..LANES)
        .map(|i| {
            let share = kills / LANES + u64::from(i < kills % LANES);
            thread::spawn(move || lane(seed.wrapping_add(i), share))
        })
        .collect();
    let mut total = Counts::default();
    for l in lanes {
        match l.join() {
            Ok(c) => total.add(&c),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    eprintln!(
        "{} kills in {:.1?}: {} of {} commands killed ({} finished first); {} dashboards killed, \
         whose screens acknowledged {} draft saves, {} ticks and {} entries",
        total.kills(),
        start.elapsed(),
        total.cli_kills,
        total.cli_runs,
        total.cli_acks,
        total.dashboard_kills,
        total.acks.draft,
        total.acks.ticks,
        total.acks.entries,
    );
    assert!(total.kills() >= kills);
}

/// A first run killed while it creates the file. Found by this harness:
/// the kill leaves either an empty file, which `Db::open` refuses as "not an
/// afterglow database (the file is empty...)", or a one-page file with a hot
/// `-journal` (the rollback journal of the `application_id` write or the
/// switch to WAL, before WAL is on), which the read-only check cannot roll
/// back: "looks damaged (attempt to write a readonly database)", on every
/// later open, although no acknowledged write was ever in it.
#[test]
fn a_first_run_cut_short_leaves_a_file_that_opens() {
    let tries = env_number("CRASH_FIRST_RUNS", 60);
    let mut rng = Rng::new(binary::seed("CRASH_SEED"));
    let mut refused = Vec::new();
    for _ in 0..tries {
        let env = Env::new();
        let mut child = env.cli(&["status"]).spawn().unwrap();
        thread::sleep(rng.millis(8));
        let _ = child.kill();
        let _ = child.wait();
        if !env.db.exists() {
            continue;
        }
        if let Err(e) = Db::open(&env.db) {
            let size = std::fs::metadata(&env.db).map_or(0, |m| m.len());
            let journal = env.dir.path().join("afterglow.db-journal").exists();
            refused.push(format!("{size} bytes, -journal: {journal}: {e}"));
        }
    }
    assert!(
        refused.is_empty(),
        "{} of {tries} first runs cut short left a file that does not open:\n{}",
        refused.len(),
        refused.join("\n")
    );
}
