//! A harness that drives the dashboard the way a person does: keys in,
//! screen out, with a fixed clock, a fixed zone and an in-memory database.
#![allow(dead_code)]

use afterglow::app::{Action, App};
use afterglow::config::Settings;
use afterglow::store::Db;
use afterglow::tui::dispatch;
use afterglow::tui::effects as effect;
use afterglow::zone::Zone;
use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap()
}

pub struct Harness {
    pub app: App,
    pub db: Db,
    pub now: DateTime<Utc>,
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with_db(Db::open_in_memory().unwrap(), t0())
    }

    pub fn with_db(mut db: Db, now: DateTime<Utc>) -> Harness {
        db.ensure_defaults(now.date_naive()).unwrap();
        let mut app = App::new(Settings::default(), Zone::utc(), now, true);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        let mut h = Harness { app, db, now };
        h.act(Action::Tick(now));
        let loaded = effect::run(h.app.reload(), &mut h.db, now);
        h.act(loaded);
        h
    }

    pub fn act(&mut self, action: Action) {
        dispatch(&mut self.app, &mut self.db, action, self.now);
    }

    /// Makes the app read the store again (for data written behind its back
    /// through the same connection, which `PRAGMA data_version` cannot see).
    pub fn reload(&mut self) {
        let loaded = effect::run(self.app.reload(), &mut self.db, self.now);
        self.act(loaded);
    }

    /// Moves the clock on and lets the app see it.
    pub fn advance(&mut self, secs: i64) {
        self.now += chrono::TimeDelta::seconds(secs);
        self.act(Action::Tick(self.now));
    }

    /// Types a key script: plain characters, and `<Tab>`, `<S-Tab>`,
    /// `<Enter>`, `<Esc>`, `<BS>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`,
    /// `<Space>`, `<C-x>` for named keys.
    pub fn keys(&mut self, script: &str) {
        for key in parse(script) {
            self.act(Action::Key(key));
        }
    }

    /// Hands the app a questionnaire of one item with twenty long choices,
    /// as the shell hands it the loaded files.
    pub fn with_many_choices(&mut self) {
        let choices: Vec<String> = (0..20)
            .map(|i| {
                format!(
                    "{{ label = \"choice {} of twenty, said at some length so that it wraps\", score = {i} }}",
                    i + 1
                )
            })
            .collect();
        let text = format!(
            "key = \"many\"\nname = \"Many choices\"\nchoices = [{}]\n[[item]]\ntext = \"How was it?\"\n",
            choices.join(", ")
        );
        let own =
            afterglow::config::questionnaires::parse(&text, std::path::Path::new("many.toml"))
                .unwrap();
        self.act(Action::Questionnaires {
            list: vec![own],
            problems: 0,
        });
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        render(&self.app, width, height)
    }
}

pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut app = app.clone();
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| afterglow::ui::render(f, &app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn parse(script: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = script.chars().peekable();
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(key(KeyCode::Char(c)));
            continue;
        }
        let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
        out.push(match name.as_str() {
            "Tab" => key(KeyCode::Tab),
            "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            "Enter" => key(KeyCode::Enter),
            "Esc" => key(KeyCode::Esc),
            "BS" => key(KeyCode::Backspace),
            "Up" => key(KeyCode::Up),
            "Down" => key(KeyCode::Down),
            "Left" => key(KeyCode::Left),
            "Right" => key(KeyCode::Right),
            "Space" => key(KeyCode::Char(' ')),
            "lt" => key(KeyCode::Char('<')),
            n if n.starts_with("C-") => KeyEvent::new(
                KeyCode::Char(n.chars().nth(2).unwrap()),
                KeyModifiers::CONTROL,
            ),
            other => panic!("unknown key <{other}> in a test script"),
        });
    }
    out
}
