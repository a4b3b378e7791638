//! The terminal shell around the app: set-up, the event loop, restoring.
//!
//! This is the one place that reads the real clock and the real terminal;
//! everything it learns becomes an [`Action`] for [`App::update`].

use std::collections::VecDeque;
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::Utc;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{Action, App, effect};
use crate::config::Settings;
use crate::domain::time;
use crate::store::{Db, Preview};
use crate::ui;
use crate::zone::Zone;

/// Undoes what `run` turned on, however it ends. Never panics in drop.
struct Guard {
    mouse: bool,
}

fn restore_extras(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), DisableBracketedPaste);
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore_extras(self.mouse);
        ratatui::restore();
    }
}

/// What the dashboard opens on.
#[derive(Debug)]
pub enum Start {
    /// A database opened and checked in full.
    Open(Db),
    /// A first look (see [`Db::preview`]): the first frame is drawn from it,
    /// then the checks finish before any key is read, so nothing is ever
    /// written to a file that fails them.
    Preview(Preview),
}

/// Opens the full-screen dashboard until the user quits. The terminal is
/// restored on quit, on error and on panic.
pub fn run(start: Start, settings: Settings, zone: Zone) -> Result<()> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mouse = settings.mouse;
    // ratatui::init installs a panic hook that leaves raw mode and the
    // alternate screen; ours runs first and also releases the mouse.
    let mut terminal = ratatui::try_init()
        .context("could not open the terminal; the dashboard needs an interactive terminal")?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_extras(mouse);
        previous(info);
    }));
    let guard = Guard { mouse };
    execute!(stdout(), EnableBracketedPaste).context("could not set up the terminal")?;
    if mouse {
        execute!(stdout(), EnableMouseCapture).context("could not turn on mouse support")?;
    }
    let app = App::new(settings, zone, Utc::now(), no_color);
    let result = event_loop(&mut terminal, start, app);
    drop(guard);
    result
}

/// Sets the clock, then reads what the dashboard shows.
fn load(app: &mut App, db: &mut Db) {
    dispatch(app, db, Action::Tick(Utc::now()), Utc::now());
    let loaded = effect::run(app.reload(), db, Utc::now());
    dispatch(app, db, loaded, Utc::now());
}

/// Runs an action and every effect it asks for, until nothing is left.
/// `now` stamps what the effects write; tests pass a fixed instant.
pub fn dispatch(app: &mut App, db: &mut Db, action: Action, now: chrono::DateTime<Utc>) {
    let mut queue = VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in app.update(a) {
            queue.push_back(effect::run(e, db, now));
        }
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
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])
    .context("could not listen for termination signals")?;
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            flag.store(true, Ordering::Relaxed);
            // The loop sees the flag within a second. But when the terminal
            // itself is gone (its window closed), crossterm's input reader
            // can spin on the dead descriptor and never return; then end
            // here. Every word is already stored, as after a crash.
            std::thread::sleep(Duration::from_millis(1500));
            ratatui::restore();
            std::process::exit(0);
        }
    });
    let size = terminal
        .size()
        .context("could not read the terminal size")?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut db = match start {
        Start::Open(mut db) => {
            load(&mut app, &mut db);
            db
        }
        Start::Preview(mut preview) => {
            // Only reads reach the preview: a tick and a load ask for no
            // writes, and no key is read until the checks are done.
            load(&mut app, preview.db());
            terminal
                .draw(|frame| ui::render(frame, &app))
                .context("could not draw to the terminal")?;
            let path = preview.db().path().map(|p| p.display().to_string());
            let path = path.unwrap_or_default();
            let mut db = preview
                .open()
                .with_context(|| format!("could not open {path}"))?;
            // The same connection goes on, so only defaults written just
            // now call for another read; other processes' writes show at
            // the next poll, as always.
            if db
                .ensure_defaults(time::local_date(Utc::now(), app.zone()))
                .with_context(|| format!("could not set up {path}"))?
            {
                load(&mut app, &mut db);
            }
            db
        }
    };
    let db = &mut db;
    loop {
        terminal
            .draw(|frame| ui::render(frame, &app))
            .context("could not draw to the terminal")?;
        if app.should_quit() || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Wake at the next whole second so the countdown ticks on time, and
        // sleep in between: no busy loop while idle.
        let ms = 1000 - u64::from(Utc::now().timestamp_subsec_millis() % 1000);
        let action = if event::poll(Duration::from_millis(ms)).context("could not read input")? {
            to_action(event::read().context("could not read input")?)
        } else {
            None
        };
        if let Some(a) = action {
            dispatch(&mut app, db, a, Utc::now());
        }
        // A tick at each new second, also while keys keep arriving faster
        // than that: the countdown moves and other writers' changes show
        // during steady typing too.
        let now = Utc::now();
        if now.timestamp() != app.now().timestamp() {
            dispatch(&mut app, db, Action::Tick(now), now);
        }
    }
}
