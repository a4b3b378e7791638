//! The terminal shell around the app: set-up, the event loop, restoring.
//!
//! This is the one place that reads the real clock and the real terminal;
//! everything it learns becomes an [`Action`] for [`App::update`].

pub mod effects;
mod handoff;
mod leaving;

use handoff::{Lent, external_edit};
use leaving::{LEAVING_AT_MOST, keep_unkept_words};
pub use leaving::{remove_at_exit, remove_now};

use std::collections::VecDeque;
use std::io::{self, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::Utc;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::app::{Action, App, Effect};
use crate::config::Settings;
use crate::domain::time;
use crate::store::{Db, Preview};
use crate::ui;
use crate::zone::Zone;

/// Undoes what `run` turned on, however it ends. Never panics in drop.
struct Guard {
    mouse: bool,
}

/// Turns off what `run` turned on beyond ratatui's own set-up. Both steps
/// are tried; the first failure is the answer.
fn restore_extras(mouse: bool) -> io::Result<()> {
    let mouse_off = if mouse {
        execute!(stdout(), DisableMouseCapture)
    } else {
        Ok(())
    };
    let paste_off = execute!(stdout(), DisableBracketedPaste);
    mouse_off.and(paste_off)
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore_extras(self.mouse);
        // Not `ratatui::restore`, which prints its failure: with the window
        // closed, stderr is gone too, and printing there panics.
        let _ = ratatui::try_restore();
    }
}

/// What the dashboard opens on.
#[derive(Debug)]
pub enum Start {
    /// A database opened and checked in full.
    Open(Db),
    /// A first look (see [`Db::preview`]): the first frame is drawn from it,
    /// then the integrity check runs beside the dashboard and every write
    /// waits for it, so nothing is ever written to a file that fails it.
    Preview(Preview),
}

/// Opens the full-screen dashboard until the user quits. The terminal is
/// restored on quit, on error and on panic.
pub fn run(start: Start, settings: Settings, zone: Zone) -> Result<()> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mouse = settings.mouse;
    // ratatui::init installs a panic hook that leaves raw mode and the
    // alternate screen, but prints when that fails, and a panic in a panic
    // hook aborts (with the window closed, stderr is gone): ours does the
    // same quietly, releases the mouse too, and then reports the panic as
    // the hook before did.
    let previous = std::panic::take_hook();
    let mut terminal = ratatui::try_init()
        .context("could not open the terminal; the dashboard needs an interactive terminal")?;
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore_extras(mouse);
        let _ = ratatui::try_restore();
        previous(info);
    }));
    let guard = Guard { mouse };
    execute!(stdout(), EnableBracketedPaste).context("could not set up the terminal")?;
    if mouse {
        execute!(stdout(), EnableMouseCapture).context("could not turn on mouse support")?;
    }
    // Questionnaire files are read once, here; a file that cannot be read
    // is said once in the status line and never stops the dashboard.
    let loaded = crate::config::questionnaires::load(
        crate::config::questionnaires::folder_for(settings.source.as_deref()).as_deref(),
    );
    let mut app = App::new(settings, zone, Utc::now(), no_color);
    app.update(Action::Questionnaires {
        list: loaded.questionnaires,
        problems: loaded.problems.len(),
    });
    let result = event_loop(&mut terminal, start, app);
    drop(guard);
    // A terminal that cannot show its cursor again is gone (the window
    // closed); dropping it would print that, and printing there panics.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    result
}

/// Sets the clock, then reads what the dashboard shows. The analysis the
/// new data asks for waits in `later` for the paint.
fn load(app: &mut App, db: &mut Db, later: &mut Later) {
    dispatch_later(app, db, Action::Tick(Utc::now()), later);
    let loaded = effects::run(app.reload(), db, Utc::now());
    dispatch_later(app, db, loaded, later);
}

/// The Insights pane's analysis, asked for by new data: it runs after the
/// next paint (`run_later`), so that neither the first frame nor a key's
/// paint waits for it. Only the newest is kept: it reads everything anew.
type Later = Option<Effect>;

/// How long the input stays quiet before the analysis runs: long enough
/// that a key pressed as the first frame appears is not kept waiting by
/// it (tens of milliseconds on ten years), short enough that the Insights
/// pane fills in at once to the eye.
const ANALYSIS_AFTER_IDLE_MS: u64 = 80;

/// [`dispatch`] in the live loop: the analysis is put off until after the
/// paint.
fn dispatch_later(app: &mut App, db: &mut Db, action: Action, later: &mut Later) {
    dispatch_with(app, db, action, |e, db| match e {
        e @ Effect::Analyse(_) => {
            *later = Some(e);
            Vec::new()
        }
        e => vec![effects::run(e, db, Utc::now())],
    });
}

/// Runs the analysis put off for the paint, if any; `true` when it ran (and
/// the screen should be painted again with what it brought).
fn run_later(app: &mut App, db: &mut Db, later: &mut Later) -> bool {
    let Some(e) = later.take() else {
        return false;
    };
    let answer = effects::run(e, db, Utc::now());
    dispatch_later(app, db, answer, later);
    true
}

/// Runs an action and every effect it asks for, until nothing is left.
/// `now` stamps what the effects write; tests pass a fixed instant. With
/// no terminal in hand, a hand-off to the person's editor answers that the
/// draft stays as it was (see `effects::run`).
pub fn dispatch(app: &mut App, db: &mut Db, action: Action, now: chrono::DateTime<Utc>) {
    dispatch_with(app, db, action, |e, db| vec![effects::run(e, db, now)]);
}

fn dispatch_with(
    app: &mut App,
    db: &mut Db,
    action: Action,
    mut run: impl FnMut(Effect, &mut Db) -> Vec<Action>,
) {
    let mut queue = VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in app.update(a) {
            // A write waits for the integrity check running beside the
            // dashboard; a file it refused is only read from.
            if !reads_only(&e)
                && let Err(refused) = db.wait_for_check()
            {
                queue.push_back(Action::Failed(refused.to_string()));
                continue;
            }
            queue.extend(run(e, db));
        }
    }
}

/// Effects that write nothing to the database.
fn reads_only(e: &Effect) -> bool {
    matches!(
        e,
        Effect::Reload { .. }
            | Effect::Poll { .. }
            | Effect::Entries { .. }
            | Effect::Find(_)
            | Effect::JournalTags
            | Effect::ExternalEdit { .. }
            | Effect::Analyse(_)
    )
}

/// [`dispatch`] with the terminal: the one effect that needs it, handing
/// the draft to the person's editor, runs here. What it answers goes in
/// once everything before it is done, each action in turn, so that the
/// clock moves on before the editor's text is taken in. A terminal that
/// cannot be taken back afterwards ends the dashboard (after the text is
/// stored).
fn dispatch_live(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    db: &mut Db,
    action: Action,
    lent: &Lent,
    later: &mut Later,
) -> Result<()> {
    let mouse = app.settings().mouse;
    let mut broken = None;
    let mut next = VecDeque::from([action]);
    while let Some(action) = next.pop_front() {
        dispatch_with(app, db, action, |e, db| match e {
            Effect::ExternalEdit { body } => {
                let (actions, resumed) = external_edit(terminal, &body, mouse, lent);
                if let Err(e) = resumed {
                    broken.get_or_insert(e);
                }
                next.extend(actions);
                Vec::new()
            }
            e @ Effect::Analyse(_) => {
                *later = Some(e);
                Vec::new()
            }
            e => vec![effects::run(e, db, Utc::now())],
        });
    }
    match broken {
        Some(e) => Err(e).context("could not take the terminal back from the editor"),
        None => Ok(()),
    }
}

fn to_action(ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Action::Key(k)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                down: m.kind == MouseEventKind::ScrollDown,
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn event_loop(terminal: &mut DefaultTerminal, start: Start, mut app: App) -> Result<()> {
    // `kill` or a closed terminal window ends the loop like `q` does, so the
    // terminal is restored (every typed word is already stored).
    let stop = Arc::new(AtomicBool::new(false));
    // Set while the loop puts away words the file has not taken yet, so
    // that a signal's deadline never cuts that short.
    let leaving = Arc::new(AtomicBool::new(false));
    let leaving_flag = Arc::clone(&leaving);
    let lent = Arc::new(Lent::new());
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("could not listen for termination signals")?;
    let flag = Arc::clone(&stop);
    let lent_flag = Arc::clone(&lent);
    std::thread::spawn(move || {
        for signal in signals.forever() {
            // Ctrl-C and Ctrl-\ in an editor that leaves the terminal's
            // keys alone reach the whole foreground group, this process
            // too: they are meant for the editor (git ignores them too).
            if matches!(signal, SIGINT | SIGQUIT) && lent_flag.keys_are_the_editors() {
                continue;
            }
            flag.store(true, Ordering::Relaxed);
            // The editor holds the terminal and maybe unsaved words: the
            // loop ends once it closes and its text is taken in.
            while lent_flag.editing() {
                std::thread::sleep(Duration::from_millis(100));
            }
            // The loop sees the flag within a second. But when the terminal
            // itself is gone (its window closed), crossterm's input reader
            // can spin on the dead descriptor and never return; then end
            // here. Every word is stored by then, as after a crash, unless
            // a busy file held back the newest: the loop is putting those
            // away (see `keep_unkept_words`), and that is waited for.
            std::thread::sleep(Duration::from_millis(1500));
            let waited = Instant::now();
            while leaving_flag.load(Ordering::Acquire) && waited.elapsed() < LEAVING_AT_MOST {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = ratatui::try_restore();
            // No destructor runs past here: a demo's made-up history
            // goes now.
            leaving::exit_removing_folders(0);
        }
    });
    let size = terminal
        .size()
        .context("could not read the terminal size")?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    // The frame first (header, pane borders, the crisis line), before any
    // history is read: reading the history and laying it out is most of
    // what the first paint would otherwise wait for. The panes fill a few
    // milliseconds later, below perception (docs/performance.md).
    terminal
        .draw(|frame| ui::render(frame, &app))
        .context("could not draw to the terminal")?;
    let mut later: Later = None;
    let mut db = match start {
        Start::Open(mut db) => {
            load(&mut app, &mut db, &mut later);
            db
        }
        Start::Preview(mut preview) => {
            // Only reads reach the preview before its check passes: a tick
            // and a load ask for no writes, and every write waits for the
            // check, which runs beside the dashboard from the first frame
            // on (see `Preview::check_apart`), so no key waits for it.
            load(&mut app, preview.db(), &mut later);
            terminal
                .draw(|frame| ui::render(frame, &app))
                .context("could not draw to the terminal")?;
            preview.check_apart()
        }
    };
    let db = &mut db;
    let mut retried = Instant::now();
    // The first run's habits are written, where missing, once the check
    // beside the dashboard is done and has passed (at once when there is
    // none).
    let mut defaults_due = true;
    let mut defaults_done = false;
    loop {
        if let Some(Err(refused)) = db.check_news() {
            // Calmly, and read-only from here on: every write answers
            // with the same refusal, and the file keeps every byte.
            dispatch_later(
                &mut app,
                db,
                Action::ReadOnly(refused.to_string()),
                &mut later,
            );
        }
        if defaults_due && !db.check_running() {
            defaults_due = false;
        }
        if !defaults_due && db.checked() && !defaults_done {
            defaults_done = true;
            // The same connection goes on, so only defaults written just
            // now call for another read; other processes' writes show at
            // the next poll, as always.
            let path = db.path().map(|p| p.display().to_string());
            if db
                .ensure_defaults(time::local_date(Utc::now(), app.zone()))
                .with_context(|| format!("could not set up {}", path.unwrap_or_default()))?
            {
                load(&mut app, db, &mut later);
            }
        }
        terminal
            .draw(|frame| ui::render(frame, &app))
            .context("could not draw to the terminal")?;
        if app.should_quit() || stop.load(Ordering::Relaxed) {
            leaving.store(true, Ordering::Release);
            let kept = keep_unkept_words(&app, db);
            leaving.store(false, Ordering::Release);
            return kept;
        }
        // New data's analysis, after the paint that showed the data and
        // once no key has come for a moment (a key typed at once, the first
        // one above all, is read and painted first); then straight round
        // to paint what it brought.
        if later.is_some()
            && !event::poll(Duration::from_millis(ANALYSIS_AFTER_IDLE_MS))
                .context("could not read input")?
            && run_later(&mut app, db, &mut later)
        {
            continue;
        }
        // Wake at the next whole second so the countdown ticks on time, and
        // sleep in between: no busy loop while idle. A save that waits for
        // another program's lock is tried again sooner.
        let mut ms = 1000 - u64::from(Utc::now().timestamp_subsec_millis() % 1000);
        if app.save_waits() {
            ms = ms.min(millis(RETRY));
        }
        if defaults_due {
            // The check beside the dashboard takes milliseconds: its
            // verdict shows soon after, not at the next second.
            ms = ms.min(CHECK_POLL_MS);
        }
        let action = if event::poll(Duration::from_millis(ms)).context("could not read input")? {
            to_action(event::read().context("could not read input")?)
        } else {
            None
        };
        if let Some(a) = action {
            let waited = app.save_waits();
            dispatch_live(terminal, &mut app, db, a, &lent, &mut later)?;
            if !waited && app.save_waits() {
                // It has just tried; the next try comes a RETRY later.
                retried = Instant::now();
            }
        }
        // A tick at each new second, also while keys keep arriving faster
        // than that: the countdown moves and other writers' changes show
        // during steady typing too. While a save waits, one every RETRY
        // as well, which tries it again; never one per key, so that typing
        // never waits on the lock.
        let now = Utc::now();
        let retry = app.save_waits() && retried.elapsed() >= RETRY;
        if now.timestamp() != app.now().timestamp() || retry {
            retried = Instant::now();
            dispatch_later(&mut app, db, Action::Tick(now), &mut later);
        }
    }
}

/// How often a write of the editor's words that waits for another
/// program's write lock is tried again.
const RETRY: Duration = Duration::from_millis(250);

/// How often the loop looks for the verdict of the check beside it.
const CHECK_POLL_MS: u64 = 10;

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
