//! Lending the terminal to the person's own editor ($VISUAL or $EDITOR)
//! and taking it back, however the editor ends; and telling the signal
//! watchdog while the editor has it, so Ctrl-C meant for the editor does
//! not end the dashboard.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::Utc;
use crossterm::event::{EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::DefaultTerminal;

use super::restore_extras;
use crate::app::Action;
use crate::app::action::EditorOutcome;
use crate::external_editor::{self, Handoff, Returned};

/// Lends the terminal to $VISUAL or $EDITOR on a private copy of `body`,
/// waits, and takes the terminal back, however the editor ended. Answers
/// with the clock and the size as they are now (the editor may have been
/// open for a long while, the window resized), then how it went.
pub(super) fn external_edit(
    terminal: &mut DefaultTerminal,
    body: &str,
    mouse: bool,
    lent: &Lent,
) -> (Vec<Action>, io::Result<()>) {
    let Some(editor) = external_editor::configured() else {
        return (vec![Action::EditorClosed(EditorOutcome::NoEditor)], Ok(()));
    };
    let handoff = match Handoff::new(body) {
        Ok(h) => h,
        Err(e) => {
            let why = format!("could not hand it to the editor: {e:#}");
            let kept = EditorOutcome::Kept { why, file: None };
            return (vec![Action::EditorClosed(kept)], Ok(()));
        }
    };
    lent.start();
    let status = match suspend(mouse) {
        Ok(()) => {
            // For editors that open elsewhere (`code --wait`), as git does;
            // erased once the editor is back.
            print!("afterglow: waiting for your editor to close the draft...");
            let _ = stdout().flush();
            let status = external_editor::launch(&editor, handoff.file());
            let _ = execute!(
                stdout(),
                crossterm::cursor::MoveToColumn(0),
                Clear(ClearType::CurrentLine)
            );
            status
        }
        Err(e) => Err(e),
    };
    // Only an editor that ran had the terminal in the shell's own mode.
    let ran = status.is_ok();
    let returned = handoff.finish(&editor, status);
    if ran
        && let Returned::Kept {
            why,
            file: Some(file),
        } = &returned
    {
        // Also on the shell's own screen, where it is still there after the
        // dashboard closes and its status line has long faded.
        println!(
            "afterglow: {}",
            crate::terminal_text::clean(&format!(
                "{why}; your draft is as it was. The editor's text is kept in {}",
                file.display()
            ))
        );
    }
    let resumed = resume(terminal, mouse);
    lent.end();
    let outcome = match returned {
        Returned::Text { text, leftover } => EditorOutcome::Returned { text, leftover },
        Returned::Kept { why, file } => EditorOutcome::Kept { why, file },
    };
    let mut actions = vec![Action::Tick(Utc::now())];
    if let Ok(size) = terminal.size() {
        actions.push(Action::Resize {
            width: size.width,
            height: size.height,
        });
    }
    actions.push(Action::EditorClosed(outcome));
    (actions, resumed)
}

/// Whether the person's editor has the terminal, for the signal watchdog.
pub(super) struct Lent {
    epoch: Instant,
    /// Milliseconds after `epoch` until which Ctrl-C and Ctrl-\ are taken
    /// as the editor's; `u64::MAX` while it runs.
    until: AtomicU64,
}

impl Lent {
    /// A signal meant for the editor may reach the watchdog only after the
    /// editor has closed (the watchdog thread runs when it gets its turn).
    const GRACE_MS: u64 = 2000;

    pub(super) fn new() -> Lent {
        Lent {
            epoch: Instant::now(),
            until: AtomicU64::new(0),
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX - 1)
    }

    pub(super) fn start(&self) {
        self.until.store(u64::MAX, Ordering::Release);
    }

    pub(super) fn end(&self) {
        let until = self.now_ms().saturating_add(Self::GRACE_MS);
        self.until.store(until.min(u64::MAX - 1), Ordering::Release);
    }

    pub(super) fn editing(&self) -> bool {
        self.until.load(Ordering::Acquire) == u64::MAX
    }

    /// While the editor runs, and a moment after.
    pub(super) fn keys_are_the_editors(&self) -> bool {
        self.now_ms() < self.until.load(Ordering::Acquire)
    }
}

/// Gives the terminal back as the shell had it: what `run` turned on, off.
fn suspend(mouse: bool) -> io::Result<()> {
    restore_extras(mouse)?;
    ratatui::try_restore()?;
    execute!(stdout(), crossterm::cursor::Show)
}

/// Takes the terminal back for the dashboard. Every step is tried even if
/// one fails; the first failure is the answer. The screen is cleared, so
/// the next frame paints all of it over whatever the editor left.
fn resume(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    let mut first = enable_raw_mode().err();
    let mut step = |r: io::Result<()>| {
        if let Err(e) = r {
            first.get_or_insert(e);
        }
    };
    step(execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste
    ));
    if mouse {
        step(execute!(stdout(), EnableMouseCapture));
    }
    step(terminal.clear());
    first.map_or(Ok(()), Err)
}
