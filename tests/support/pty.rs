//! A pseudo-terminal for tests that drive a real full-screen program: keys
//! go in as bytes, and what the program drew is read back from a virtual
//! screen (vt100), the way a person would see it.
//!
//! Nothing here may hang a test run: the master is non-blocking, every wait
//! has a deadline, and dropping a `Pty` kills its child.
#![allow(dead_code)]

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rustix::fs::{Mode, OFlags};
use rustix::pty::OpenptFlags;

/// How often waits look at the screen again, and how long the reader
/// sleeps when the master has nothing to read.
const POLL: Duration = Duration::from_millis(5);
/// The cursor-position query; crossterm blocks for two seconds waiting for
/// an answer, so one is given (ratatui asks only when it clears the screen).
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

struct Shared {
    parser: Mutex<vt100::Parser>,
    /// The screen as it was at the end of the last whole frame.
    frame: Mutex<Option<Frame>>,
    /// Set once the child has closed its side (or the reader was stopped).
    closed: AtomicBool,
    stop: AtomicBool,
    cursor_queries: AtomicUsize,
    frames: AtomicUsize,
}

/// A finished frame. ratatui ends every draw by hiding or showing the
/// cursor, so the screen right after either is one whole frame; in between
/// it can be half of one frame over the last, which may spell things that
/// neither frame held.
#[derive(Clone, Default)]
struct Frame {
    text: String,
    last_row: String,
    last_row_bold: bool,
}

const FRAME_ENDS: [&[u8]; 2] = [b"\x1b[?25l", b"\x1b[?25h"];

fn frame_of(screen: &vt100::Screen) -> Frame {
    let (rows, cols) = screen.size();
    let mut text = String::new();
    let mut last_row = String::new();
    for row in screen.rows(0, cols) {
        last_row = row.trim_end().to_string();
        text.push_str(&last_row);
        text.push('\n');
    }
    let row = rows.saturating_sub(1);
    let last_row_bold = (0..cols).any(|c| {
        screen
            .cell(row, c)
            .is_some_and(|cell| cell.bold() && !cell.contents().trim().is_empty())
    });
    Frame {
        text,
        last_row,
        last_row_bold,
    }
}

/// A read-only view of a pty's screen that another thread can watch.
#[derive(Clone)]
pub struct Screen(Arc<Shared>);

impl Screen {
    fn parser(&self) -> MutexGuard<'_, vt100::Parser> {
        // A panic elsewhere must not turn every later look into a panic.
        self.0.parser.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn frame(&self) -> Frame {
        // Never hold both locks here: the reader takes the parser first.
        let last = self
            .0
            .frame
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        last.unwrap_or_else(|| frame_of(self.parser().screen()))
    }

    /// The last whole frame as text, one line per row, trailing blanks
    /// trimmed (the screen as it is, before the first frame).
    pub fn text(&self) -> String {
        self.frame().text
    }

    /// The screen as it is this instant, possibly in the middle of a frame.
    pub fn live_text(&self) -> String {
        frame_of(self.parser().screen()).text
    }

    /// The last whole frame's bottom row, and whether any of its cells is
    /// bold.
    pub fn last_row(&self) -> (String, bool) {
        let f = self.frame();
        (f.last_row, f.last_row_bold)
    }

    /// Whether the child has closed the terminal (exited or was killed).
    pub fn closed(&self) -> bool {
        self.0.closed.load(Ordering::Acquire)
    }

    /// How many cursor-position queries the child sent (and got answered).
    pub fn cursor_queries(&self) -> usize {
        self.0.cursor_queries.load(Ordering::Relaxed)
    }

    /// How many whole frames the child has drawn.
    pub fn frames(&self) -> usize {
        self.0.frames.load(Ordering::Relaxed)
    }
}

pub struct Pty {
    child: Child,
    master: File,
    screen: Screen,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

/// util-linux `setsid -c` gives the child a session of its own with the pty
/// as its controlling terminal, as a real terminal would. Without it the
/// child shares the test's session: crossterm asks `/dev/tty` for the window
/// size, and when the tests are run by hand from a terminal that is the
/// wrong terminal. `setsid` execs in place (the child is not a group
/// leader), so the pid we kill is the program's own.
fn setsid() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join("setsid"))
        .find(|p| p.is_file())
}

fn wrap_in_setsid(cmd: &Command) -> Option<Command> {
    let setsid = setsid()?;
    let mut out = Command::new(setsid);
    out.arg("-c").arg(cmd.get_program()).args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => out.env(key, v),
            None => out.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        out.current_dir(dir);
    }
    Some(out)
}

fn open_pair(cols: u16, rows: u16) -> io::Result<(OwnedFd, OwnedFd)> {
    let master = rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY)?;
    rustix::pty::grantpt(&master)?;
    rustix::pty::unlockpt(&master)?;
    let name = rustix::pty::ptsname(&master, Vec::new())?;
    // CLOEXEC: tests run in parallel threads, and a slave inherited by some
    // other test's child would keep this terminal open after our child dies.
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    // Before the child starts, so its first size query is already right.
    rustix::termios::tcsetwinsize(
        &master,
        rustix::termios::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )?;
    // Non-blocking, so the reader can notice `stop` and never blocks a drop.
    let flags = rustix::fs::fcntl_getfl(&master)?;
    rustix::fs::fcntl_setfl(&master, flags | OFlags::NONBLOCK)?;
    let cloexec = rustix::io::fcntl_getfd(&master)?;
    rustix::io::fcntl_setfd(&master, cloexec | rustix::io::FdFlags::CLOEXEC)?;
    Ok((master, slave))
}

/// Where `needle` ends in `tail ++ chunk`, as offsets into `chunk`, for
/// matches that end inside `chunk`.
fn ends_in(tail: &[u8], chunk: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut hay = tail.to_vec();
    hay.extend_from_slice(chunk);
    hay.windows(needle.len())
        .enumerate()
        .map(|(i, _)| i + needle.len())
        .filter(|end| hay[end - needle.len()..*end] == *needle && *end > tail.len())
        .map(|end| end - tail.len())
        .collect()
}

fn read_loop(mut master: File, shared: Arc<Shared>) {
    let mut buf = [0u8; 8192];
    // The end of the previous chunk: a marker may be split across reads.
    let mut tail: Vec<u8> = Vec::new();
    while !shared.stop.load(Ordering::Relaxed) {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let chunk = &buf[..n];
                let mut cuts: Vec<usize> = FRAME_ENDS
                    .iter()
                    .flat_map(|m| ends_in(&tail, chunk, m))
                    .collect();
                cuts.sort_unstable();
                let mut parser = shared.parser.lock().unwrap_or_else(|e| e.into_inner());
                let mut from = 0;
                for cut in cuts {
                    parser.process(&chunk[from..cut]);
                    from = cut;
                    let frame = frame_of(parser.screen());
                    *shared.frame.lock().unwrap_or_else(|e| e.into_inner()) = Some(frame);
                    shared.frames.fetch_add(1, Ordering::Relaxed);
                }
                parser.process(&chunk[from..]);
                drop(parser);
                for _ in ends_in(&tail, chunk, CURSOR_QUERY) {
                    shared.cursor_queries.fetch_add(1, Ordering::Relaxed);
                    let _ = master.write_all(b"\x1b[1;1R");
                }
                tail.extend_from_slice(chunk);
                let keep = tail.len().saturating_sub(5);
                tail.drain(..keep);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => thread::sleep(POLL),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // EIO: every slave descriptor is closed; the child is gone.
            Err(_) => break,
        }
    }
    shared.closed.store(true, Ordering::Release);
}

impl Pty {
    /// Starts `cmd` on a new `cols` x `rows` terminal (stdin, stdout and
    /// stderr all on it).
    pub fn spawn(cmd: Command, cols: u16, rows: u16) -> io::Result<Pty> {
        let (master, slave) = open_pair(cols, rows)?;
        let mut cmd = wrap_in_setsid(&cmd).unwrap_or(cmd);
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        let child = cmd.spawn()?;
        // The Command holds our copies of the slave; only the child may keep
        // one, so that reading the master ends when the child does.
        drop(cmd);
        let master = File::from(master);
        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(rows, cols, 0)),
            frame: Mutex::new(None),
            closed: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            cursor_queries: AtomicUsize::new(0),
            frames: AtomicUsize::new(0),
        });
        let reader = {
            let master = master.try_clone()?;
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || read_loop(master, shared))?
        };
        Ok(Pty {
            child,
            master,
            screen: Screen(shared),
            reader: Some(reader),
            status: None,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A handle on the screen for watching from another thread.
    pub fn screen(&self) -> Screen {
        self.screen.clone()
    }

    /// The last whole frame (see [`Screen::text`]).
    pub fn screen_text(&self) -> String {
        self.screen.text()
    }

    /// Types `bytes`. Gives up after five seconds of a full input buffer (a
    /// child that stopped reading), so a stuck child cannot hang the test.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut rest = bytes;
        while !rest.is_empty() {
            match self.master.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if Instant::now() > deadline {
                        return Err("the child stopped reading its input".into());
                    }
                    thread::sleep(POLL);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("could not type into the terminal: {e}")),
            }
        }
        Ok(())
    }

    pub fn send_str(&mut self, s: &str) -> Result<(), String> {
        self.send(s.as_bytes())
    }

    /// Waits until `pred` holds for a whole frame, or `timeout` passes;
    /// either way the last screen comes back (`Err` on a timeout).
    pub fn wait_for(
        &self,
        pred: impl Fn(&str) -> bool,
        timeout: Duration,
    ) -> Result<String, String> {
        wait_screen(&self.screen, pred, Instant::now() + timeout)
    }

    /// SIGKILL, then reaps the child. Harmless if it has already exited.
    pub fn kill(&mut self) -> io::Result<ExitStatus> {
        if self.status.is_none() {
            let _ = self.child.kill();
        }
        self.wait()
    }

    /// Reaps the child (after it exits or is killed).
    pub fn wait(&mut self) -> io::Result<ExitStatus> {
        if let Some(s) = self.status {
            return Ok(s);
        }
        let s = self.child.wait()?;
        self.status = Some(s);
        Ok(s)
    }

    /// Waits up to `timeout` for the child to exit by itself.
    pub fn wait_timeout(&mut self, timeout: Duration) -> io::Result<Option<ExitStatus>> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(s) = self.status {
                return Ok(Some(s));
            }
            if let Some(s) = self.child.try_wait()? {
                self.status = Some(s);
                return Ok(Some(s));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            thread::sleep(POLL);
        }
    }

    /// Waits (briefly) for the reader to take in everything the dead child
    /// wrote, so the screen is final.
    pub fn drain(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while !self.screen.closed() && Instant::now() < deadline {
            thread::sleep(POLL);
        }
    }
}

/// [`Pty::wait_for`] for a [`Screen`] handle, with an absolute deadline.
pub fn wait_screen(
    screen: &Screen,
    pred: impl Fn(&str) -> bool,
    deadline: Instant,
) -> Result<String, String> {
    loop {
        let text = screen.text();
        if pred(&text) {
            return Ok(text);
        }
        if Instant::now() >= deadline {
            return Err(text);
        }
        thread::sleep(POLL);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.kill();
        self.screen.0.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            // The reader polls `stop`, so this join is short.
            let _ = reader.join();
        }
    }
}

/// The bytes terminals send for keys that are not plain text.
pub mod keys {
    pub const ENTER: &[u8] = b"\r";
    pub const ESC: &[u8] = b"\x1b";
    pub const BACKSPACE: &[u8] = b"\x7f";
    pub const TAB: &[u8] = b"\t";
    pub const UP: &[u8] = b"\x1b[A";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const RIGHT: &[u8] = b"\x1b[C";
    pub const LEFT: &[u8] = b"\x1b[D";

    /// Ctrl plus a letter.
    pub fn ctrl(c: char) -> [u8; 1] {
        [(c.to_ascii_lowercase() as u8) & 0x1f]
    }
}
