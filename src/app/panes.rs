//! What the panes share: the context they read and the replies they give,
//! and the registry that lists them.

pub mod registry;

use chrono::{DateTime, Utc};

use super::data::{Data, View};
use super::effect::Effect;
use super::form::{Confirm, Form};
use crate::config::Settings;
use crate::zone::Zone;

/// Read-only context a pane gets when it handles a command.
pub struct Ctx<'a> {
    pub data: &'a Data,
    pub view: &'a View,
    pub now: DateTime<Utc>,
    pub zone: &'a Zone,
    pub settings: &'a Settings,
    /// Rows a list can show at once, for paging.
    pub page: usize,
}

/// What a pane asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Effect(Effect),
    Form(Form),
    Confirm(Confirm),
    Overlay(Overlay),
    Note(String),
}

/// Read-only views that open over the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Entry {
        id: crate::domain::JournalId,
        scroll: usize,
    },
    Session {
        id: crate::domain::SessionId,
        scroll: usize,
    },
    Therapy {
        id: crate::domain::TherapyId,
        scroll: usize,
    },
}

/// Keeps a selection inside a list of `len` items (0 when it is empty).
pub fn clamp(selected: usize, len: usize) -> usize {
    selected.min(len.saturating_sub(1))
}

/// Moves a selection in a list of `len` items; shared by every pane.
pub fn step(selected: usize, len: usize, cmd: super::action::Command, page: usize) -> usize {
    use super::action::Command as C;
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match cmd {
        C::Up => selected.saturating_sub(1),
        C::Down => (selected + 1).min(last),
        C::Top => 0,
        C::Bottom => last,
        C::PageUp => selected.saturating_sub(page.max(1)),
        C::PageDown => (selected + page.max(1)).min(last),
        _ => clamp(selected, len),
    }
}

/// Whether a command only moves the selection.
pub fn is_motion(cmd: super::action::Command) -> bool {
    use super::action::Command as C;
    matches!(
        cmd,
        C::Up | C::Down | C::Top | C::Bottom | C::PageUp | C::PageDown
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::action::Command as C;

    #[test]
    fn steps_stay_in_bounds() {
        assert_eq!(step(0, 0, C::Down, 5), 0);
        assert_eq!(step(0, 3, C::Up, 5), 0);
        assert_eq!(step(2, 3, C::Down, 5), 2);
        assert_eq!(step(1, 30, C::PageDown, 5), 6);
        assert_eq!(step(1, 30, C::Bottom, 5), 29);
        assert_eq!(step(9, 3, C::Open, 5), 2);
    }
}
