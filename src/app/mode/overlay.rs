//! Overlay mode: the help, an entry or a session is shown over the
//! dashboard, read-only.

use crossterm::event::{KeyCode, KeyEvent};

use super::super::App;
use super::super::action::Command;
use super::super::effect::Effect;
use super::super::panes::Overlay;

impl App {
    pub(in crate::app) fn overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // The keys that open help, go back or quit close it too, also when
        // the config gives them other keys: help says "show or hide".
        let bound = self.settings.keys.resolve_dashboard(&key, self.focus);
        if matches!(bound, Some(Command::Help | Command::Back | Command::Quit)) {
            self.overlay = None;
            return Vec::new();
        }
        let Some(overlay) = self.overlay.as_mut() else {
            return Vec::new();
        };
        let scroll = match overlay {
            Overlay::Help { scroll }
            | Overlay::Entry { scroll, .. }
            | Overlay::Session { scroll, .. } => scroll,
        };
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?') => self.overlay = None,
            KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => *scroll = scroll.saturating_add(10),
            KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
            _ => {}
        }
        Vec::new()
    }
}
