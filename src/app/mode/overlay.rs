//! Overlay mode: the help, an entry, a session or a therapy visit is shown
//! over the dashboard, read-only, scrolled by wrapped row.

use crossterm::event::{KeyCode, KeyEvent};

use super::super::App;
use super::super::action::Command;
use super::super::action::PaneId;
use super::super::data::RowKind;
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
        // The edit key of the list the view was opened from edits what the
        // view shows, as it does from the list: the view closes first.
        if bound == Some(Command::Edit) && self.view_edits() {
            self.overlay = None;
            return self.command(Command::Edit);
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

    /// Whether the focused list's edit key edits what the open view shows:
    /// an entry opened from the journal, a session or a visit opened from
    /// the timeline, still the selected row there. (An entry opened from
    /// the timeline is edited in the journal, as from the timeline's list.)
    pub fn view_edits(&self) -> bool {
        match self.overlay {
            Some(Overlay::Entry { id, .. }) => {
                self.focus == PaneId::Journal
                    && self.panes.journal.entry(&self.data).map(|e| e.id) == Some(id)
            }
            Some(Overlay::Session { id, .. }) => {
                self.focus == PaneId::Timeline
                    && matches!(self.selected_row(), Some(RowKind::Session(s)) if *s == id)
            }
            Some(Overlay::Therapy { id, .. }) => {
                self.focus == PaneId::Timeline
                    && matches!(self.selected_row(), Some(RowKind::Therapy(t)) if *t == id)
            }
            Some(Overlay::Help { .. }) | None => false,
        }
    }

    fn selected_row(&self) -> Option<&RowKind> {
        self.view
            .timeline
            .get(self.panes.timeline.selected())
            .map(|r| &r.kind)
    }
}
