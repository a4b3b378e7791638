//! Damaged files: copies of a demo database with one random page or byte
//! spoiled, and copies of a crashed one whose `-wal` has one byte spoiled,
//! each run through the real binary as a person would use it.
//!
//! SQLite's own verdict on each copy (taken on another copy) is the
//! judge: a command that only reads may show what it reads, but never
//! changes a byte of the file or its `-wal`; a command that writes never
//! writes into a file that `integrity_check` rejects, and leaves such a
//! file as it was; `backup` never calls a copy of one checked; and every
//! file that was written to still passes `integrity_check` afterwards.
//! A `-wal` whose damage hides commits after it is refused before SQLite
//! can drop them.
//!
//! `CORRUPTION_CASES=2000 cargo test --release --test corruption -- --nocapture`
//! by hand; `CORRUPTION_SEED` picks other damage (each case prints its own
//! seed, which replays it alone with `CORRUPTION_CASES=1`).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::{Connection, OpenFlags};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/pty.rs"]
mod pty;

use binary::{Env, Rng, env_number};

/// About 15 s in a debug build on two cores.
const DEFAULT_CASES: u64 = 24;
/// Fixed, so that CI runs the same cases every time.
const DEFAULT_SEED: u64 = 0x00A5_7E76_1011;
/// Commits kept in the `-wal` of the crashed copy.
const WAL_COMMITS: usize = 6;

/// The files a command must leave as they were: the database, its `-wal`
/// and its `-journal` (the `-shm` is an index any reader updates).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Held(BTreeMap<OsString, Vec<u8>>);

fn held(db: &Path) -> Held {
    Held(
        ["", "-wal", "-journal"]
            .iter()
            .map(|s| companion(db, s))
            .filter(|p| p.exists())
            .map(|p| (p.file_name().unwrap().to_owned(), fs::read(&p).unwrap()))
            .collect(),
    )
}

impl Held {
    /// What changed since `self`, in words, if anything did. An empty
    /// `-wal` that appeared is no change: any SQLite reader of a WAL
    /// database makes one.
    fn changes(&self, now: &Held) -> Option<String> {
        let mut said = Vec::new();
        for (name, bytes) in &self.0 {
            match now.0.get(name) {
                None => said.push(format!("{name:?} vanished")),
                Some(b) if b != bytes => said.push(format!(
                    "{name:?} changed ({} bytes, was {})",
                    b.len(),
                    bytes.len()
                )),
                Some(_) => {}
            }
        }
        for (name, bytes) in &now.0 {
            let made_by_a_reader = name.to_string_lossy().ends_with("-wal") && bytes.is_empty();
            if !self.0.contains_key(name) && !made_by_a_reader {
                said.push(format!("{name:?} appeared ({} bytes)", bytes.len()));
            }
        }
        (!said.is_empty()).then(|| said.join(", "))
    }
}

/// Fails with what changed, never with the files' bytes.
fn unchanged(before: &Held, db: &Path, what: &str) {
    if let Some(changes) = before.changes(&held(db)) {
        panic!("{what}: {changes}");
    }
}

fn companion(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

/// SQLite's verdicts on a private copy of `db` (and its `-wal`): a
/// read-only `quick_check`, a read-only `integrity_check` (which skips
/// CHECK constraints), and `integrity_check` on a connection that may
/// write. Anything that stops the check counts as a failed check.
#[derive(Debug, Clone, Copy)]
struct Verdict {
    quick: bool,
    full_read_only: bool,
    full: bool,
}

fn verdict(db: &Path) -> Verdict {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    fs::copy(db, &copy).unwrap();
    if companion(db, "-wal").exists() {
        fs::copy(companion(db, "-wal"), companion(&copy, "-wal")).unwrap();
    }
    let ok = |flags: OpenFlags, pragma: &str| -> bool {
        Connection::open_with_flags(&copy, flags)
            .and_then(|c| c.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, String>(0)))
            .is_ok_and(|v| v == "ok")
    };
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY;
    Verdict {
        quick: ok(read_only, "quick_check"),
        full_read_only: ok(read_only, "integrity_check"),
        full: ok(OpenFlags::SQLITE_OPEN_READ_WRITE, "integrity_check"),
    }
}

fn sound(db: &Path) -> bool {
    verdict(db).full
}

/// What is wrong with a copy, and what SQLite (or the WAL format) says.
#[derive(Debug)]
struct Case {
    what: String,
    /// Every check that reads the file must refuse it: the `-wal` hides
    /// commits after its damage.
    wal_refused: bool,
    verdict: Verdict,
}

/// A demo database, closed (no `-wal`), and the same database after a
/// crash with `WAL_COMMITS` commits still in its `-wal`.
struct Golden {
    _dir: tempfile::TempDir,
    closed: PathBuf,
    crashed: PathBuf,
}

fn golden() -> Golden {
    let env = Env::new();
    env.ok(&["demo", "--years", "1", "--seed", "7"]);
    let dir = tempfile::tempdir().unwrap();
    let closed = dir.path().join("closed.db");
    fs::copy(&env.db, &closed).unwrap();
    assert!(!companion(&env.db, "-wal").exists());

    let live = dir.path().join("live.db");
    fs::copy(&closed, &live).unwrap();
    let conn = Connection::open(&live).unwrap();
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")
        .unwrap();
    for i in 0..WAL_COMMITS {
        // Dated now, so that they lead `journal list`.
        conn.execute(
            "INSERT INTO journal (written_at, updated_at, body) \
             VALUES (unixepoch() + ?1, unixepoch() + ?1, ?2)",
            rusqlite::params![i as i64, format!("still in the wal {i}")],
        )
        .unwrap();
    }
    let crashed = dir.path().join("crashed.db");
    fs::copy(&live, &crashed).unwrap();
    fs::copy(companion(&live, "-wal"), companion(&crashed, "-wal")).unwrap();
    drop(conn);
    Golden {
        _dir: dir,
        closed,
        crashed,
    }
}

fn page_size(db: &[u8]) -> usize {
    match u16::from_be_bytes([db[16], db[17]]) {
        1 => 65536,
        n => usize::from(n),
    }
}

/// Spoils the copy at `db` one way, chosen by `rng`, and says how.
fn spoil(db: &Path, golden: &Golden, rng: &mut Rng) -> Case {
    if rng.chance(35) {
        return spoil_wal(db, golden, rng);
    }
    fs::copy(&golden.closed, db).unwrap();
    let mut bytes = fs::read(db).unwrap();
    let size = page_size(&bytes);
    let pages = bytes.len() / size;
    // Page 1 (the header and the schema) one time in ten.
    let page = if rng.chance(10) {
        0
    } else {
        1 + rng.below(pages as u64 - 1) as usize
    };
    let start = page * size;
    let what = match rng.below(4) {
        0 => {
            for b in &mut bytes[start..start + size] {
                *b = rng.next() as u8;
            }
            format!("page {} overwritten with noise", page + 1)
        }
        1 => {
            bytes[start..start + size].fill(0);
            format!("page {} zeroed", page + 1)
        }
        2 => {
            let at = start + rng.below(size as u64) as usize;
            bytes[at] ^= 1 << rng.below(8);
            format!("one bit flipped at byte {at} (page {})", page + 1)
        }
        _ => {
            let len = 1 + rng.below(64) as usize;
            let at = start + rng.below((size - len) as u64) as usize;
            for b in &mut bytes[at..at + len] {
                *b = rng.next() as u8;
            }
            format!("{len} bytes of noise at byte {at} (page {})", page + 1)
        }
    };
    fs::write(db, &bytes).unwrap();
    Case {
        what,
        wal_refused: false,
        verdict: verdict(db),
    }
}

/// One byte of the crashed copy's `-wal` spoiled. By the WAL format,
/// damage anywhere before the last frame hides the frames after it.
fn spoil_wal(db: &Path, golden: &Golden, rng: &mut Rng) -> Case {
    fs::copy(&golden.crashed, db).unwrap();
    let wal = companion(db, "-wal");
    fs::copy(companion(&golden.crashed, "-wal"), &wal).unwrap();
    let mut bytes = fs::read(&wal).unwrap();
    let page = u32::from_be_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let frame = 24 + page;
    let frames = (bytes.len() - 32) / frame;
    let at = rng.below(bytes.len() as u64) as usize;
    bytes[at] ^= 1 << rng.below(8);
    fs::write(&wal, &bytes).unwrap();
    let last_frame = 32 + (frames - 1) * frame;
    let place = if at < 32 {
        "its header".to_string()
    } else {
        format!("frame {} of {frames}", (at - 32) / frame + 1)
    };
    Case {
        what: format!("one bit flipped in the -wal at byte {at} ({place})"),
        wal_refused: at < last_frame,
        verdict: verdict(db),
    }
}

fn run(env: &Env, args: &[&str]) -> Output {
    env.cli(args).output().unwrap()
}

/// Exit 0 or 1, never a panic or a signal.
fn calm(out: &Output, args: &[&str], case: &Case) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
        "{args:?} on {case:?}: {:?}\n{stderr}",
        out.status
    );
}

fn refused(out: &Output, args: &[&str], case: &Case, why: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} ran on {case:?} although {why}:\n{stderr}"
    );
}

#[derive(Default)]
struct Tally {
    cases: u64,
    wal: u64,
    rejected: u64,
    /// Rejected by `integrity_check` but passed by `quick_check`: the
    /// damage that opening used to let through.
    only_full_sees: u64,
    written: u64,
}

fn one_case(golden: &Golden, seed: u64, tally: &mut Tally) {
    let mut rng = Rng::new(seed);
    let env = Env::new();
    let case = spoil(&env.db, golden, &mut rng);
    let v = case.verdict;
    tally.cases += 1;
    tally.wal += u64::from(case.what.contains("-wal"));
    tally.rejected += u64::from(!v.full || case.wal_refused);
    tally.only_full_sees += u64::from(v.quick && !v.full && !case.wal_refused);
    let before = held(&env.db);

    // Commands that only read: never a byte changed.
    for args in [&["status"][..], &["journal", "list"], &["export"]] {
        let out = run(&env, args);
        calm(&out, args, &case);
        unchanged(&before, &env.db, &format!("{args:?} on {case:?}"));
        if case.wal_refused {
            refused(&out, args, &case, "its -wal hides commits");
        }
        // An export is kept and trusted later: the full check first.
        if args == ["export"] && !v.full_read_only {
            refused(&out, args, &case, "integrity_check rejects it");
        }
    }

    // A backup reads too, and never calls a damaged copy checked.
    let dest = env.dir.path().join("backup.db");
    let args = ["backup", dest.to_str().unwrap()];
    let out = run(&env, &args);
    calm(&out, &args, &case);
    unchanged(&before, &env.db, &format!("backup of {case:?}"));
    if !v.full || case.wal_refused {
        refused(&out, &args, &case, "integrity_check rejects it");
        assert!(!dest.exists(), "a backup of {case:?} was written");
    }
    if out.status.success() {
        assert!(sound(&dest), "the backup of {case:?} fails integrity_check");
    }

    // A command that writes: never into a file SQLite rejects.
    let args = ["journal", "add", "written after the damage"];
    let out = run(&env, &args);
    calm(&out, &args, &case);
    if !v.full || case.wal_refused {
        refused(&out, &args, &case, "integrity_check rejects it");
        unchanged(&before, &env.db, &format!("refusing to write to {case:?}"));
    }
    if out.status.success() {
        tally.written += 1;
        assert!(
            sound(&env.db),
            "writing left {case:?} failing integrity_check"
        );
    }
}

#[test]
fn damaged_copies_are_never_written_to_nor_changed_by_reading() {
    let cases = env_number("CORRUPTION_CASES", DEFAULT_CASES);
    let first = env_number("CORRUPTION_SEED", DEFAULT_SEED);
    eprintln!("seed: {first} (replay with CORRUPTION_SEED={first})");
    let golden = golden();
    let mut tally = Tally::default();
    let mut seeds = Rng::new(first);
    for n in 0..cases {
        // Each case has a seed of its own, so one can be replayed alone.
        let seed = if n == 0 { first } else { seeds.next() };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            one_case(&golden, seed, &mut tally);
        }));
        if let Err(panic) = result {
            eprintln!("case {n} failed; replay it with CORRUPTION_SEED={seed} CORRUPTION_CASES=1");
            std::panic::resume_unwind(panic);
        }
    }
    eprintln!(
        "{} cases ({} in the -wal): {} rejected by SQLite's integrity_check or the -wal's \
         checksums ({} of them passed quick_check), all refused untouched; {} written to, \
         all still sound",
        tally.cases, tally.wal, tally.rejected, tally.only_full_sees, tally.written
    );
    assert_eq!(tally.cases, cases);
}

/// The crashed copy itself, intact: every commit in its `-wal` is read by
/// a command that only reads, which leaves the `-wal` where it is; the
/// first command that writes keeps them all.
#[test]
fn an_intact_wal_is_read_whole_and_kept() {
    let golden = golden();
    let env = Env::new();
    fs::copy(&golden.crashed, &env.db).unwrap();
    fs::copy(
        companion(&golden.crashed, "-wal"),
        companion(&env.db, "-wal"),
    )
    .unwrap();
    let before = held(&env.db);
    let listed = env.ok(&["journal", "list", "--limit", "20"]);
    for i in 0..WAL_COMMITS {
        assert!(
            listed.contains(&format!("still in the wal {i}")),
            "{listed}"
        );
    }
    env.ok(&["status"]);
    env.ok(&["export"]);
    unchanged(&before, &env.db, "reading");
    env.ok(&["journal", "add", "one more"]);
    let listed = env.ok(&["journal", "list", "--limit", "20"]);
    for i in 0..WAL_COMMITS {
        assert!(
            listed.contains(&format!("still in the wal {i}")),
            "{listed}"
        );
    }
    assert!(listed.contains("one more"), "{listed}");
    assert!(sound(&env.db));
}

/// The case of the issue: one byte of a committed frame in the middle of
/// the `-wal`. Every command refuses, and the later commits stay in the
/// `-wal`, whole, for whoever repairs it.
#[test]
fn a_damaged_wal_is_refused_by_every_command_and_kept() {
    let golden = golden();
    let env = Env::new();
    fs::copy(&golden.crashed, &env.db).unwrap();
    let wal = companion(&env.db, "-wal");
    let mut bytes = fs::read(companion(&golden.crashed, "-wal")).unwrap();
    let page = u32::from_be_bytes(bytes[8..12].try_into().unwrap()) as usize;
    // Inside the page of the second frame.
    bytes[32 + (24 + page) + 24 + 100] ^= 0x40;
    fs::write(&wal, &bytes).unwrap();
    let before = held(&env.db);
    let folder = fs::read_dir(env.dir.path()).unwrap().count();
    for args in [
        &["status"][..],
        &["journal", "list"],
        &["export"],
        &["import", "--from", "jrnl", "nothing.txt", "--dry-run"],
        &["backup", "copy.db"],
        &["journal", "add", "more words"],
        &["habit", "tick", "sleep"],
    ] {
        let out = run(&env, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} ran: {stderr}");
        assert!(
            stderr.contains("afterglow.db-wal beside it is damaged")
                && stderr.contains("nothing was changed"),
            "{args:?}: {stderr}"
        );
        unchanged(&before, &env.db, &format!("{args:?}"));
        assert_eq!(fs::read_dir(env.dir.path()).unwrap().count(), folder);
    }
}
