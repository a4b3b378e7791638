//! The registry of panes: one ordered list from which the focus keys, the
//! Tab order, the footer's and the help's sections and the layout are all
//! derived. Adding a pane is one module that defines a [`PaneSpec`] and one
//! line in [`PANES`] (and its renderer in `ui::PANE_RENDERERS`, since the
//! app may not name the ui); see "Adding a pane" in docs/architecture.md.

use super::super::action::{Command, PaneId};
use super::super::data::{Data, View};
use super::super::habits::HabitsState;
use super::super::intention::IntentionState;
use super::super::journal::JournalState;
use super::super::keymap::Binding;
use super::super::timeline::TimelineState;
use super::{Ctx, Reply};

/// Everything the dashboard knows about one pane.
#[derive(Debug, Clone, Copy)]
pub struct PaneSpec {
    pub id: PaneId,
    /// The border's title, with the pane's number: "1 Timeline".
    pub title: &'static str,
    /// Where its keys mean something, for messages: "in the timeline pane".
    pub place: &'static str,
    /// The row of the key table that focuses it.
    pub focus: Binding,
    /// Its own rows of the key table, in the order its help section shows.
    pub keys: &'static [Binding],
    /// Where it goes on screen.
    pub slot: Slot,
    /// Carries out a command while it has focus.
    pub handle: fn(&mut Panes, Command, &Ctx<'_>) -> Option<Reply>,
    /// Keeps its selection valid after new data or a new view.
    pub refresh: fn(&mut Panes, &Data, &View),
}

/// A pane's place: a column of the body, and its share (in percent) of
/// that column's height. The shares of one column add up to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub column: usize,
    pub share: u16,
}

/// Each pane's state. A new pane adds its field here.
#[derive(Debug, Clone)]
pub struct Panes {
    pub timeline: TimelineState,
    pub journal: JournalState,
    pub habits: HabitsState,
    pub intention: IntentionState,
}

impl Default for Panes {
    fn default() -> Self {
        Panes {
            // Follows the "now" row until the person moves.
            timeline: TimelineState::new(),
            journal: JournalState::default(),
            habits: HabitsState::default(),
            intention: IntentionState::default(),
        }
    }
}

/// The panes, in focus (Tab) order; their numbers are their places here.
pub const PANES: &[PaneSpec] = &[
    super::super::timeline::SPEC,
    super::super::journal::SPEC,
    super::super::habits::SPEC,
    super::super::intention::SPEC,
];

/// The registered pane called `id` (`None` for an id of no pane).
pub fn spec(id: PaneId) -> Option<&'static PaneSpec> {
    PANES.iter().find(|p| p.id == id)
}

/// Where `id` stands in `panes` (0 for an unknown id, the first pane).
pub fn position(panes: &[PaneSpec], id: PaneId) -> usize {
    panes.iter().position(|p| p.id == id).unwrap_or(0)
}

/// The pane after `id` in `panes`, round to the first.
pub fn next(panes: &[PaneSpec], id: PaneId) -> PaneId {
    let n = panes.len().max(1);
    panes
        .get((position(panes, id) + 1) % n)
        .map_or(id, |p| p.id)
}

/// The pane before `id` in `panes`, round to the last.
pub fn prev(panes: &[PaneSpec], id: PaneId) -> PaneId {
    let n = panes.len().max(1);
    panes
        .get((position(panes, id) + n - 1) % n)
        .map_or(id, |p| p.id)
}
