//! A monkey at the keyboard: thousands of random keys, pastes, clicks,
//! ticks and resizes against the real app and an in-memory store. Nothing
//! may panic, and the app must keep its invariants. `MONKEY_KEYS=200000
//! cargo test --release --test monkey` runs a long session by hand.

mod common;

use afterglow::app::Action;
use afterglow::app::layout;
use common::{Harness, render};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// xorshift64*: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const TEXT: &[char] = &[
    'a', 'e', 'n', 'd', 'y', 'j', 'k', 'h', 'l', 'g', 'G', 'p', 't', 'r', 'x', '1', '2', '3', '4',
    '0', '7', '9', '.', '-', ':', ' ', '?', '🌱', '今', '日', 'é', '\u{301}', 'ß', '👩',
    '\u{200d}',
];

fn random_key(rng: &mut Rng) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    match rng.below(20) {
        0..=9 => plain(KeyCode::Char(*rng.pick(TEXT))),
        10 => plain(KeyCode::Enter),
        11 => plain(KeyCode::Esc),
        12 => plain(KeyCode::Tab),
        13 => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        14 => plain(KeyCode::Backspace),
        15 => plain(*rng.pick(&[KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right])),
        16 => plain(*rng.pick(&[
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Delete,
        ])),
        17 => KeyEvent::new(
            KeyCode::Char(*rng.pick(&['s', 'p', 'x'])),
            KeyModifiers::CONTROL,
        ),
        18 => plain(KeyCode::Char(' ')),
        _ => plain(KeyCode::F(rng.below(12) as u8 + 1)),
    }
}

#[test]
fn random_keys_and_sizes_never_panic() {
    let keys: u64 = std::env::var("MONKEY_KEYS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let mut rng = Rng(0x5EED_AF7E_2026);
    let mut h = Harness::new();
    let (mut w, mut hh) = (80u16, 24u16);
    for step in 0..keys {
        match rng.below(100) {
            0 => {
                w = rng.below(300) as u16 + 1;
                hh = rng.below(100) as u16 + 1;
                h.act(Action::Resize {
                    width: w,
                    height: hh,
                });
            }
            1 => h.advance(rng.below(7200) as i64),
            2 => h.act(Action::Paste("pasted 🌱\r\nline two\t今日".into())),
            // Now and then a whole gesture, so that deep paths (saving an
            // entry, answering a dialog) are reached from random states.
            4 => h.keys(rng.pick::<&str>(&[
                "<Esc><Esc>2nquiet 🌱<C-s>7<Enter>",
                "<Esc><Esc>3<Space><Enter>",
                "<Esc><Esc>4nbe kind<Enter>r<Enter>",
            ])),
            3 => h.act(Action::Click {
                column: rng.below(u64::from(w)) as u16,
                row: rng.below(u64::from(hh)) as u16,
            }),
            _ => h.act(Action::Key(random_key(&mut rng))),
        }
        if h.app.should_quit() {
            // Quitting is fine; a person would open it again.
            let db = std::mem::replace(&mut h.db, afterglow::store::Db::open_in_memory().unwrap());
            h = Harness::with_db(db, h.now);
            h.act(Action::Resize {
                width: w,
                height: hh,
            });
        }
        check_invariants(&h);
        if step % 25 == 0 {
            let _ = render(&h.app, w, hh);
        }
    }
    eprintln!(
        "monkey: {keys} steps, {} sessions, {} entries, {} habits, {} intentions",
        h.db.sessions().unwrap().len(),
        h.db.entry_count().unwrap(),
        h.db.habits(true).unwrap().len(),
        h.db.intentions().unwrap().len()
    );
    // Whatever happened, the store still holds what the app shows.
    assert_eq!(h.db.sessions().unwrap().len(), h.app.data().sessions.len());
}

fn check_invariants(h: &Harness) {
    let app = &h.app;
    let view = app.view();
    assert!(app.timeline().selected() < view.timeline.len().max(1));
    assert!(app.journal().selected() < app.data().entries.len().max(1));
    assert!(app.habits().selected() < view.habits.len().max(1));
    assert!(app.intention().selected() < app.data().intentions.len().max(1));
    if let Some(ed) = app.journal().editor() {
        let text = ed.editor.text();
        assert!(ed.editor.cursor() <= text.len());
        assert!(text.is_char_boundary(ed.editor.cursor()));
    }
    if let Some(f) = app.form() {
        assert!(f.focus < f.fields.len());
    }
    let (w, hh) = app.size();
    if !layout::too_small(w, hh) {
        assert!(layout::editor_text_width(w, hh) >= 1);
    }
}
