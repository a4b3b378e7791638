//! Reading a `-wal` as plain bytes, before SQLite ever sees it.
//!
//! SQLite trusts a `-wal` frame by frame: its recovery keeps the frames up
//! to the first one whose salts or cumulative checksum do not match, and
//! quietly ignores the rest. After a crash that is right, because the rest
//! was never finished. But one bad byte in the middle of a `-wal` (a bad
//! sector, a copy gone wrong) also ends the chain, and every commit after
//! it is ignored. The first connection that then writes starts the `-wal`
//! again from that point, and the first that closes checkpoints the older
//! state and deletes the `-wal`: those later commits are gone for good.
//!
//! So before afterglow lets SQLite open a file with a non-empty `-wal`, it
//! walks the `-wal` itself (the format is documented at
//! <https://www.sqlite.org/fileformat2.html#walformat>). A bad header, or a
//! frame that fails after which frames of the same generation still hold
//! together, is damage, and the file is refused without a byte changed.
//! Frames with other salts are leftovers of an earlier generation, which
//! SQLite rewrites from the start after a checkpoint; stopping at them is
//! the normal end of a `-wal`.

use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::thread;
use std::time::{Duration, SystemTime};

use super::check::companion;
use super::{Result, StoreError, io_error};

const HEADER: usize = 32;
const FRAME_HEADER: usize = 24;
const MAGIC_LE: u32 = 0x377f_0682;
const MAGIC_BE: u32 = 0x377f_0683;
const VERSION: u32 = 3_007_000;

/// How often a verdict of damage is read again before it is believed:
/// another process may be writing the `-wal` while it is read, and a frame
/// caught half-written looks exactly like a damaged one.
const CONFIRM: u32 = 5;
const PAUSE: Duration = Duration::from_millis(40);

/// What the `-wal` beside a database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Log {
    /// Frames SQLite will read (the valid chain, committed or not).
    pub frames: u64,
}

/// Damage found in a `-wal`, in words for [`StoreError::Damaged`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Damage(String);

/// Checks the `-wal` beside `path`, if there is one. A missing or empty
/// `-wal` holds nothing; a damaged one is `Damaged`, naming the `-wal`.
pub(super) fn check(path: &Path) -> Result<Log> {
    let wal = companion(path, "-wal");
    let mut last: Option<(Damage, Fingerprint)> = None;
    for attempt in 0..CONFIRM {
        if attempt > 0 {
            thread::sleep(PAUSE);
        }
        let before = Fingerprint::of(&wal).map_err(|e| io_error(&wal, e))?;
        let verdict = match File::open(&wal) {
            Ok(file) => walk(BufReader::new(file)).map_err(|e| io_error(&wal, e))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Log { frames: 0 }),
            Err(e) => return Err(io_error(&wal, e)),
        };
        let after = Fingerprint::of(&wal).map_err(|e| io_error(&wal, e))?;
        let damage = match verdict {
            Ok(log) => return Ok(log),
            Err(damage) => damage,
        };
        // The same damage twice, with nothing written in between and a
        // pause before the second look, is on the disk, not in flight.
        if before == after
            && let Some((seen, at)) = &last
            && *seen == damage
            && *at == after
        {
            return Err(damaged(path, &wal, &damage));
        }
        last = Some((damage, after));
    }
    // Still changing after every look: someone is writing it right now,
    // which a damaged file would not be seeing.
    Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        None,
    )))
}

fn damaged(path: &Path, wal: &Path, damage: &Damage) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail: format!(
            "{} beside it is damaged: {}; opened, SQLite would skip everything from there on \
             and then delete it",
            wal.display(),
            damage.0
        ),
    }
}

/// Length and modification time: changes when anyone writes the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(Option<(u64, SystemTime)>);

impl Fingerprint {
    fn of(path: &Path) -> io::Result<Fingerprint> {
        match fs::metadata(path) {
            Ok(m) => Ok(Fingerprint(Some((m.len(), m.modified()?)))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Fingerprint(None)),
            Err(e) => Err(e),
        }
    }
}

/// The checksum pair of the WAL format, over 32-bit words in the byte
/// order the magic number names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sum(u32, u32);

impl Sum {
    fn over(self, bytes: &[u8], big_endian: bool) -> Sum {
        let Sum(mut s0, mut s1) = self;
        for pair in bytes.chunks_exact(8) {
            let word = |at: usize| {
                let b = [pair[at], pair[at + 1], pair[at + 2], pair[at + 3]];
                if big_endian {
                    u32::from_be_bytes(b)
                } else {
                    u32::from_le_bytes(b)
                }
            };
            s0 = s0.wrapping_add(word(0)).wrapping_add(s1);
            s1 = s1.wrapping_add(word(4)).wrapping_add(s0);
        }
        Sum(s0, s1)
    }
}

fn be(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Reads up to `buf.len()` bytes; fewer only at the end of the file.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Walks a whole `-wal`: the outer error is the file system's, the inner
/// one the verdict of damage.
fn walk(mut reader: impl Read) -> io::Result<std::result::Result<Log, Damage>> {
    let mut header = [0u8; HEADER];
    let got = fill(&mut reader, &mut header)?;
    if got == 0 {
        return Ok(Ok(Log { frames: 0 }));
    }
    if got < HEADER {
        // Too short to hold a header, so too short to hold a frame: a
        // first write cut off, with nothing in it to lose.
        return Ok(Ok(Log { frames: 0 }));
    }
    let magic = be(&header, 0);
    let big_endian = match magic {
        MAGIC_BE => true,
        MAGIC_LE => false,
        _ => return Ok(Err(Damage("its header is not a SQLite log header".into()))),
    };
    let page_size = be(&header, 8);
    let sum = Sum(0, 0).over(&header[..24], big_endian);
    if be(&header, 4) != VERSION
        || !(512..=65536).contains(&page_size)
        || !page_size.is_power_of_two()
        || sum != Sum(be(&header, 24), be(&header, 28))
    {
        return Ok(Err(Damage("its header does not add up".into())));
    }
    let salts = (be(&header, 16), be(&header, 20));
    let page_size = page_size as usize;
    let mut frame = vec![0u8; FRAME_HEADER + page_size];

    // The chain SQLite checks, up to the first frame that fails it.
    let mut chain = sum;
    let mut frames = 0u64;
    // Once it has failed: which frame did, and the checksum of the frame
    // before the one being read, both as computed from the bytes and as
    // stored in that frame's header. A byte gone bad in a frame's data
    // spoils the computed sum and leaves the stored one right; a bad byte
    // in the stored sum does the reverse; so a later frame that was
    // written whole matches one of the two.
    let mut broken_at: Option<u64> = None;
    let mut stored = sum;
    let mut index = 0u64;
    loop {
        if fill(&mut reader, &mut frame)? < frame.len() {
            // A frame cut off at the end of the file was never finished.
            break;
        }
        let own = Sum(be(&frame, 16), be(&frame, 20));
        let same_generation = (be(&frame, 8), be(&frame, 12)) == salts;
        let page = be(&frame, 0);
        let from = |seed: Sum| {
            seed.over(&frame[..8], big_endian)
                .over(&frame[FRAME_HEADER..], big_endian)
        };
        let next = from(chain);
        match broken_at {
            None if same_generation && page != 0 && next == own => frames += 1,
            None => broken_at = Some(index),
            Some(bad) => {
                if same_generation && page != 0 && (next == own || from(stored) == own) {
                    return Ok(Err(Damage(format!(
                        "frame {} fails its checksum, and intact frames follow it",
                        bad + 1
                    ))));
                }
            }
        }
        chain = next;
        stored = own;
        index += 1;
    }
    Ok(Ok(Log { frames }))
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use tempfile::TempDir;

    use super::*;

    /// A WAL-mode database with `commits` small commits still in its
    /// `-wal`, copied while its connection was open (as after a crash);
    /// answers the copy's path.
    fn with_commits(dir: &TempDir, commits: usize) -> std::path::PathBuf {
        let live = dir.path().join("live.db");
        let conn = Connection::open(&live).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x TEXT);")
            .unwrap();
        for i in 0..commits {
            conn.execute("INSERT INTO t VALUES (?1)", [format!("row {i}")])
                .unwrap();
        }
        let copy = dir.path().join("copy.db");
        fs::copy(&live, &copy).unwrap();
        fs::copy(companion(&live, "-wal"), companion(&copy, "-wal")).unwrap();
        drop(conn);
        copy
    }

    fn frame_offset(wal: &[u8], frame: usize) -> usize {
        HEADER + frame * (FRAME_HEADER + be(wal, 8) as usize)
    }

    fn frames_of(wal: &[u8]) -> usize {
        (wal.len() - HEADER) / (FRAME_HEADER + be(wal, 8) as usize)
    }

    fn verdict(wal: &[u8]) -> std::result::Result<Log, Damage> {
        walk(wal).unwrap()
    }

    #[test]
    fn an_intact_wal_counts_every_frame() {
        let dir = TempDir::new().unwrap();
        let path = with_commits(&dir, 4);
        let wal = fs::read(companion(&path, "-wal")).unwrap();
        let n = frames_of(&wal);
        assert!(n >= 4, "{n}");
        assert_eq!(verdict(&wal), Ok(Log { frames: n as u64 }));
        assert_eq!(check(&path).unwrap(), Log { frames: n as u64 });
    }

    #[test]
    fn no_wal_and_an_empty_one_hold_nothing() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("a.db");
        assert_eq!(check(&path).unwrap(), Log { frames: 0 });
        fs::write(companion(&path, "-wal"), b"").unwrap();
        assert_eq!(check(&path).unwrap(), Log { frames: 0 });
        fs::write(companion(&path, "-wal"), [1u8; 20]).unwrap();
        assert_eq!(check(&path).unwrap(), Log { frames: 0 });
    }

    /// One bad byte anywhere but the last frame hides commits after it.
    #[test]
    fn a_bad_byte_before_the_last_frame_is_damage() {
        let dir = TempDir::new().unwrap();
        let path = with_commits(&dir, 5);
        let wal = fs::read(companion(&path, "-wal")).unwrap();
        let n = frames_of(&wal);
        let page = be(&wal, 8) as usize;
        for frame in 0..n - 1 {
            let at = frame_offset(&wal, frame);
            // The page number, the commit size, a salt, each stored sum,
            // and the page itself at both ends.
            for offset in [0, 4, 8, 16, 20, FRAME_HEADER, FRAME_HEADER + page - 1] {
                let mut bad = wal.clone();
                bad[at + offset] ^= 0x10;
                let v = verdict(&bad);
                assert!(v.is_err(), "frame {frame} byte {offset}: {v:?}");
            }
        }
        // A bad byte in the last frame ends the chain with nothing after
        // it: exactly what a write cut off by a crash looks like.
        let mut bad = wal.clone();
        bad[frame_offset(&wal, n - 1) + FRAME_HEADER + 7] ^= 0x10;
        assert_eq!(
            verdict(&bad),
            Ok(Log {
                frames: n as u64 - 1
            })
        );
        // The header itself.
        for offset in [0, 4, 8, 12, 16, 20, 24, 28] {
            let mut bad = wal.clone();
            bad[offset] ^= 0x01;
            assert!(verdict(&bad).is_err(), "header byte {offset}");
        }
    }

    #[test]
    fn leftover_frames_of_an_earlier_generation_end_the_log() {
        let dir = TempDir::new().unwrap();
        let path = with_commits(&dir, 5);
        let mut wal = fs::read(companion(&path, "-wal")).unwrap();
        let n = frames_of(&wal);
        // What a checkpoint and a restart leave: a new header with new
        // salts over the old frames, then two new frames written.
        let page = be(&wal, 8) as usize;
        let old = wal.clone();
        let salt1 = be(&wal, 16).wrapping_add(1);
        wal[16..20].copy_from_slice(&salt1.to_be_bytes());
        let big = be(&wal, 0) == MAGIC_BE;
        let sum = Sum(0, 0).over(&wal[..24], big);
        wal[24..28].copy_from_slice(&sum.0.to_be_bytes());
        wal[28..32].copy_from_slice(&sum.1.to_be_bytes());
        let mut seed = sum;
        for frame in 0..2 {
            let at = frame_offset(&wal, frame);
            wal.copy_within(16..24, at + 8);
            seed = seed
                .over(&wal[at..at + 8], big)
                .over(&wal[at + FRAME_HEADER..at + FRAME_HEADER + page], big);
            wal[at + 16..at + 20].copy_from_slice(&seed.0.to_be_bytes());
            wal[at + 20..at + 24].copy_from_slice(&seed.1.to_be_bytes());
        }
        assert_eq!(verdict(&wal), Ok(Log { frames: 2 }));
        assert_ne!(verdict(&old), verdict(&wal));
        assert!(n > 2);
    }

    #[test]
    fn a_frame_cut_off_at_the_end_is_ignored() {
        let dir = TempDir::new().unwrap();
        let path = with_commits(&dir, 3);
        let wal = fs::read(companion(&path, "-wal")).unwrap();
        let n = frames_of(&wal);
        let cut = &wal[..wal.len() - 100];
        assert_eq!(
            verdict(cut),
            Ok(Log {
                frames: n as u64 - 1
            })
        );
    }

    #[test]
    fn damage_is_named_with_the_wal_and_changes_nothing() {
        let dir = TempDir::new().unwrap();
        let path = with_commits(&dir, 4);
        let wal_path = companion(&path, "-wal");
        let mut wal = fs::read(&wal_path).unwrap();
        let at = frame_offset(&wal, 1) + FRAME_HEADER + 100;
        wal[at] ^= 0xff;
        fs::write(&wal_path, &wal).unwrap();
        let err = check(&path).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
        assert!(text.contains("copy.db-wal beside it is damaged"), "{text}");
        assert!(text.contains("frame 2 fails"), "{text}");
        assert_eq!(fs::read(&wal_path).unwrap(), wal);
    }
}
