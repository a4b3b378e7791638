//! Overlay mode: the help, an entry, a session or a therapy visit is shown
//! over the dashboard, read-only, scrolled by wrapped row.

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
        // Counted at the width the view is drawn at, so End shows the last
        // wrapped row and a step up from there moves at once.
        let max = self.reading_max();
        let page = self.reading_page();
        let Some(overlay) = self.overlay.as_mut() else {
            return Vec::new();
        };
        let scroll = match overlay {
            Overlay::Help { scroll }
            | Overlay::Entry { scroll, .. }
            | Overlay::Session { scroll, .. }
            | Overlay::Therapy { scroll, .. } => scroll,
        };
        let at = (*scroll).min(max);
        *scroll = match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?') => {
                self.overlay = None;
                return Vec::new();
            }
            KeyCode::Down | KeyCode::Char('j') => at.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => at.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => at.saturating_add(page),
            KeyCode::PageUp => at.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => 0,
            KeyCode::End | KeyCode::Char('G') => max,
            _ => at,
        }
        .min(max);
        Vec::new()
    }
}
