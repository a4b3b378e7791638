//! The registry of panes: one ordered list from which the focus keys, the
//! Tab order, the footer's and the help's sections and the layout are all
//! derived. Adding a pane is one module that defines a [`PaneSpec`] and one
//! line in [`PANES`] (and its renderer in `ui::PANE_RENDERERS`, since the
//! app may not name the ui); see "Adding a pane" in docs/architecture.md.

use super::super::action::{Command, PaneId};
use super::super::data::{Data, View};
use super::super::habits::HabitsState;
use super::super::insights::InsightsState;
use super::super::intention::IntentionState;
use super::super::journal::JournalState;
use super::super::keymap::Binding;
use super::super::timeline::TimelineState;
use super::{Ctx, Reply};

/// Everything the dashboard knows about one pane.
#[derive(Debug, Clone, Copy)]
pub struct PaneSpec {
    pub id: PaneId,
    /// The pane's name: "Timeline". Its border and its help section put
    /// its focus key in front, as the key map has it: "1 Timeline".
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
    pub insights: InsightsState,
}

impl Default for Panes {
    fn default() -> Self {
        Panes {
            // Follows the "now" row until the person moves.
            timeline: TimelineState::new(),
            journal: JournalState::default(),
            habits: HabitsState::default(),
            intention: IntentionState::default(),
            insights: InsightsState::default(),
        }
    }
}

/// The panes, in focus (Tab) order; their numbers are their places here.
pub const PANES: &[PaneSpec] = &[
    super::super::timeline::SPEC,
    super::super::journal::SPEC,
    super::super::habits::SPEC,
    super::super::intention::SPEC,
    super::super::insights::SPEC,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::{Scope, bindings};
    use crate::app::layout::areas_of;

    const INSIGHTS: PaneId = crate::app::insights::ID;

    #[test]
    fn one_registration_adds_a_pane_everywhere() {
        // The insights pane is the fifth: after the intention in the focus
        // order, and round to the first.
        assert_eq!(next(PANES, PaneId::Intention), INSIGHTS);
        assert_eq!(next(PANES, INSIGHTS), PaneId::Timeline);
        assert_eq!(prev(PANES, PaneId::Timeline), INSIGHTS);
        // Its focus key and its own keys are rows of the key table, so the
        // help and docs/keys.md list them under its title.
        let rows = bindings(PANES);
        let focus = rows.iter().position(|r| r.name == "focus_insights");
        let last_focus = rows.iter().position(|r| r.name == "focus_intention");
        assert_eq!(focus, last_focus.map(|i| i + 1));
        assert!(
            rows.iter()
                .any(|r| r.scope == Scope::Pane(INSIGHTS) && r.keys == ["r"])
        );
        let without: Vec<PaneSpec> = PANES.iter().copied().filter(|p| p.id != INSIGHTS).collect();
        assert_eq!(rows.len(), bindings(&without).len() + 2);
        // The layout gives it a place; the panes still tile the body.
        let a = areas_of(PANES, 120, 40, 5, None);
        assert_eq!(a.panes.len(), 5);
        let tiled: u32 = a
            .panes
            .iter()
            .map(|(_, r)| u32::from(r.width) * u32::from(r.height))
            .sum();
        assert_eq!(tiled, u32::from(a.body.width) * u32::from(a.body.height));
        assert!(a.pane(INSIGHTS).is_some_and(|r| r.height >= 3));
        // And it zooms like the others.
        let z = areas_of(PANES, 120, 40, 5, Some(INSIGHTS));
        assert_eq!(z.panes, vec![(INSIGHTS, z.body)]);
    }

    #[test]
    fn numbers_and_titles_follow_the_registry() {
        for (i, p) in PANES.iter().enumerate() {
            assert_eq!(p.id.number(), i + 1);
            let shown = crate::app::keymap::Keymap::default().pane_title(p.id);
            assert_eq!(shown, format!("{} {}", i + 1, p.title));
            assert_eq!(p.focus.keys, &[(i + 1).to_string().as_str()]);
            assert_eq!(p.focus.command, Command::Focus(p.id));
        }
        // The shares of each column fill it.
        let columns = PANES.iter().map(|p| p.slot.column).max().unwrap_or(0);
        for c in 0..=columns {
            let sum: u16 = PANES
                .iter()
                .filter(|p| p.slot.column == c)
                .map(|p| p.slot.share)
                .sum();
            assert_eq!(sum, 100, "column {c}");
        }
    }
}
