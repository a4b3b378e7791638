//! Normal mode: the dashboard with nothing open over it. Keys go to the
//! focused pane, through the pane registry.

use crossterm::event::KeyEvent;

use super::super::App;
use super::super::action::{Command, PaneId};
use super::super::effect::Effect;
use super::super::panes::registry::spec;
use super::super::panes::{Ctx, Overlay, Reply};

impl App {
    /// A key on the dashboard: the focused pane's rows first, then those
    /// of the whole dashboard.
    pub(in crate::app) fn normal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.settings.keys.resolve_dashboard(&key, self.focus) {
            Some(cmd) => self.command(cmd),
            None => Vec::new(),
        }
    }

    pub(in crate::app) fn command(&mut self, cmd: Command) -> Vec<Effect> {
        match cmd {
            Command::Quit => {
                // A delete still undoable would be final once the app is
                // gone: said once, and the quit key again leaves.
                if !self.quit_would_end_an_undo() {
                    self.quit = true;
                }
                return Vec::new();
            }
            Command::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return Vec::new();
            }
            Command::Crisis => {
                self.toggle_crisis();
                return Vec::new();
            }
            Command::Undo => return self.undo(),
            Command::CheckIn => return self.open_checkin(),
            Command::Questionnaire => return self.open_questionnaire(),
            Command::FocusNext => self.focus = self.focus.next(),
            Command::FocusPrev => self.focus = self.focus.prev(),
            Command::Focus(p) => self.focus = p,
            Command::Zoom => self.zoomed = !self.zoomed,
            // The Insights pane beside the others is a summary: Enter opens
            // it whole, as the footer's "Enter open" says.
            Command::Open if self.focus == crate::app::insights::ID && !self.zoomed => {
                self.zoomed = true;
            }
            Command::Back => {
                // Esc first steps back out of the archived habits' list,
                // the way it clears a search in the journal; then it
                // leaves a zoomed pane as well as the status line.
                if self.focus == PaneId::Habits && self.panes.habits.leave_archived() {
                    return Vec::new();
                }
                self.zoomed = false;
                self.status = None;
            }
            _ => {
                let ctx = Ctx {
                    data: &self.data,
                    view: &self.view,
                    now: self.now,
                    zone: &self.zone,
                    settings: &self.settings,
                    page: self.page(),
                };
                let editing = self.panes.journal.editor().is_some();
                let reply = spec(self.focus).and_then(|p| (p.handle)(&mut self.panes, cmd, &ctx));
                if self.read_only.is_some()
                    && (writes(&reply) || !editing && self.panes.journal.editor().is_some())
                {
                    // Nothing typed here could be kept: no dialog, question
                    // or editor opens, so no words are written in vain.
                    if !editing {
                        self.panes.journal.close_editor();
                    }
                    self.note(super::super::words::READ_ONLY, true);
                    return Vec::new();
                }
                return self.reply(reply);
            }
        }
        Vec::new()
    }

    pub(in crate::app) fn reply(&mut self, reply: Option<Reply>) -> Vec<Effect> {
        match reply {
            None => Vec::new(),
            Some(Reply::Effect(Effect::Reload { since: None })) => {
                self.whole_history = true;
                vec![self.reload()]
            }
            Some(Reply::Effect(e)) => vec![e],
            Some(Reply::Form(f)) => {
                self.form = Some(f);
                Vec::new()
            }
            Some(Reply::Confirm(c)) => {
                self.confirm = Some(c);
                Vec::new()
            }
            Some(Reply::Overlay(o)) => {
                self.overlay = Some(o);
                Vec::new()
            }
            Some(Reply::Note(n)) => {
                self.note(n, false);
                Vec::new()
            }
        }
    }
}

/// Whether a pane's reply would lead to a write: a dialog, a question, or
/// an effect other than reading.
fn writes(reply: &Option<Reply>) -> bool {
    match reply {
        Some(Reply::Form(_) | Reply::Confirm(_)) => true,
        Some(Reply::Effect(e)) => !matches!(
            e,
            Effect::Reload { .. }
                | Effect::Poll { .. }
                | Effect::Entries { .. }
                | Effect::Find(_)
                | Effect::JournalTags
        ),
        _ => false,
    }
}
