//! The Timeline pane: sessions, their plans, journal entries and therapy
//! visits on one line of time, newest first.

mod forms;
mod layout;
mod search;

use forms::local;
pub use forms::{kind_options, session_form, treatment_options};

pub use layout::{Drawn, NARROW, layout};
pub use search::{Search, newest_older_match, row_matches};

use chrono::{DateTime, Utc};

use super::action::{Command, PaneId};
use super::data::{Data, RowKind, TimelineRow};
use super::form::{Answers, Confirm, ConfirmAction, Field, Form, FormPurpose, Name};
use super::keymap::{Binding, Scope, b};
use super::panes::registry::{PaneSpec, Slot};
use super::panes::{Ctx, Overlay, Reply, clamp, is_motion, step};
use super::prompt::Jump;
use crate::domain::TreatmentStatus;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimelineState {
    selected: usize,
    /// Until the person moves, the selection follows the "now" row.
    follow_now: bool,
    /// The words searched for, while a search shows.
    search: Option<Search>,
    /// The jump prompt (`:`), open.
    jump: Option<Jump>,
    /// A jump to this moment waits for the whole history to be read.
    jump_to: Option<DateTime<Utc>>,
    /// Where a jump that waited landed (the moment, and the day of the
    /// row found), for the app to say.
    landed: Option<(DateTime<Utc>, Option<DateTime<Utc>>)>,
}

impl TimelineState {
    pub fn new() -> Self {
        TimelineState {
            selected: 0,
            follow_now: true,
            ..TimelineState::default()
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The search, while one shows.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    pub fn search_mut(&mut self) -> Option<&mut Search> {
        self.search.as_mut()
    }

    /// Ends the search, saying whether the whole history was read only
    /// for it.
    pub fn end_search(&mut self) -> bool {
        self.search.take().is_some_and(|s| s.widened)
    }

    /// The whole history is being read for the search's sake.
    pub fn widened_for_search(&mut self) {
        if let Some(s) = self.search.as_mut() {
            s.widened = true;
        }
    }

    /// The jump prompt, when open.
    pub fn jump(&self) -> Option<&Jump> {
        self.jump.as_ref()
    }

    pub fn jump_mut(&mut self) -> Option<&mut Jump> {
        self.jump.as_mut()
    }

    pub fn close_jump(&mut self) {
        self.jump = None;
    }

    /// Whether a line is being typed at the bottom of the pane.
    pub fn prompting(&self) -> bool {
        self.jump.is_some() || self.search.as_ref().is_some_and(|s| s.typing)
    }

    /// The search's words changed: the count again, and the selection on
    /// the newest matching row.
    pub fn searched(&mut self, rows: &[TimelineRow], data: &Data) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let matching: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| row_matches(r, data, search))
            .map(|(i, _)| i)
            .collect();
        search.found = found_count(rows, data, search);
        if let Some(first) = matching.first() {
            self.follow_now = false;
            self.selected = *first;
        }
    }

    /// Selects the newest row at or before `at` and gives its time; when
    /// the rows shown hold none, selects the oldest and gives `None`.
    pub fn go_to(&mut self, rows: &[TimelineRow], at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let real = |r: &TimelineRow| !matches!(r.kind, RowKind::Now | RowKind::Earlier { .. });
        let found = rows.iter().position(|r| r.at <= at && real(r));
        let i = found.or_else(|| rows.iter().rposition(real))?;
        self.follow_now = false;
        self.selected = i;
        found.map(|i| rows[i].at)
    }

    /// Where a jump that waited for the history landed, once.
    pub fn take_landed(&mut self) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
        self.landed.take()
    }

    /// Goes to `at` once the whole history is read.
    pub fn go_to_later(&mut self, at: DateTime<Utc>) {
        self.jump_to = Some(at);
    }

    /// A jump waiting for the whole history, now that it is read.
    pub fn take_jump_to(&mut self, rows: &[TimelineRow]) -> Option<DateTime<Utc>> {
        let whole = !rows
            .iter()
            .any(|r| matches!(r.kind, RowKind::Earlier { .. }));
        if whole { self.jump_to.take() } else { None }
    }

    /// Keeps the selection valid after new data arrived.
    pub fn refresh(&mut self, rows: &[TimelineRow], data: &Data) {
        if let Some(search) = self.search.as_mut() {
            search.found = found_count(rows, data, search);
        }
        if let Some(at) = self.take_jump_to(rows) {
            let found = self.go_to(rows, at);
            self.landed = Some((at, found));
        }
        if self.follow_now {
            self.selected = rows
                .iter()
                .position(|r| r.kind == RowKind::Now)
                .unwrap_or(0);
        }
        self.selected = clamp(self.selected, rows.len());
    }

    pub fn handle(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        let rows = &ctx.view.timeline;
        if is_motion(cmd) {
            self.follow_now = false;
            self.selected = step(self.selected, rows.len(), cmd, ctx.page);
            return None;
        }
        let row = rows.get(self.selected);
        let session = |id| ctx.data.sessions.iter().find(|s| s.id == id);
        let matching = matches!(cmd, Command::New | Command::PreviousMatch);
        let searched = self.search.clone().filter(|s| matching && !s.typing);
        match cmd {
            // While a search shows, `n` and `N` go through its matches.
            Command::New | Command::PreviousMatch if searched.is_some() => {
                let search = searched.as_ref()?;
                let hit = |i: &usize| row_matches(&rows[*i], ctx.data, search);
                let next = if cmd == Command::New {
                    (self.selected + 1..rows.len()).find(hit)
                } else {
                    (0..self.selected).rev().find(hit)
                };
                if let Some(i) = next {
                    self.follow_now = false;
                    self.selected = i;
                    return None;
                }
                if search.found == 0 {
                    return Some(Reply::Note(format!(
                        "Nothing found for “{}”.",
                        search.query
                    )));
                }
                if cmd == Command::New
                    && let Some(at) = newest_older_match(ctx.data, search)
                {
                    // The next match lies in the history not read yet:
                    // read it, and land there.
                    self.jump_to = Some(at);
                    self.widened_for_search();
                    return Some(Reply::Effect(super::effect::Effect::Reload { since: None }));
                }
                let end = if cmd == Command::New {
                    "oldest"
                } else {
                    "newest"
                };
                Some(Reply::Note(format!("That is the {end} match.")))
            }
            Command::PreviousMatch => None,
            Command::Search => {
                self.jump = None;
                // A new search in place of one that read the whole
                // history still gives it back when it ends.
                let widened = self.search.as_ref().is_some_and(|s| s.widened);
                self.search = Some(Search {
                    typing: true,
                    widened,
                    ..Search::default()
                });
                None
            }
            Command::Jump => {
                self.jump = Some(Jump::default());
                None
            }
            Command::New => Some(Reply::Form(session_form(
                FormPurpose::LogSession,
                "Log a session",
                "now",
                None,
            ))),
            Command::Plan => {
                // No time is suggested: when (and whether) there is another
                // session is for the person and their provider.
                let mut form = session_form(FormPurpose::PlanSession, "Plan a session", "", None);
                form.fields
                    .retain(|f| matches!(f.name, Name::When | Name::Kind));
                form.fields.push(Field::text(Name::Note, "optional", ""));
                Some(Reply::Form(form))
            }
            Command::Treatment => {
                let current = crate::domain::treatment::latest(&ctx.data.treatment);
                let index = current.map_or(0, |c| {
                    TreatmentStatus::ALL
                        .iter()
                        .position(|s| *s == c.status)
                        .unwrap_or(0)
                });
                Some(Reply::Form(Form::new(
                    "Where you stand with sessions",
                    FormPurpose::Treatment,
                    vec![
                        Field::choice(Name::Standing, treatment_options(), index),
                        Field::text(Name::Note, "optional, in your words", ""),
                    ],
                )))
            }
            Command::Therapy => Some(Reply::Form(Form::new(
                "Log a therapy visit",
                FormPurpose::Therapy,
                vec![
                    Field::text(Name::When, crate::domain::when::HINT_PAST, "now"),
                    Field::text(Name::Note, "optional", ""),
                ],
            ))),
            Command::Edit => match row.map(|r| &r.kind) {
                Some(RowKind::Session(id)) => session(*id).map(|s| {
                    Reply::Form(session_form(
                        FormPurpose::EditSession(s.id),
                        "Edit session",
                        &local(s.at, ctx.zone),
                        Some(s),
                    ))
                }),
                Some(RowKind::Entry(_)) => {
                    Some(Reply::Note("Edit entries in the journal pane (2).".into()))
                }
                Some(RowKind::Therapy(id)) => {
                    let t = ctx.data.therapy.iter().find(|t| t.id == *id)?;
                    Some(Reply::Form(Form::new(
                        "Edit therapy visit",
                        FormPurpose::EditTherapy(t.id),
                        vec![
                            Field::text(
                                Name::When,
                                crate::domain::when::HINT_PAST,
                                &local(t.at, ctx.zone),
                            ),
                            Field::text(Name::Note, "optional", t.note.as_deref().unwrap_or("")),
                        ],
                    )))
                }
                _ => Some(Reply::Note("Select a session to edit it.".into())),
            },
            Command::Delete => match row.map(|r| &r.kind) {
                Some(RowKind::Session(id)) => session(*id).map(|s| {
                    Reply::Confirm(Confirm {
                        question: format!(
                            "Delete the {} session of {}?",
                            s.kind.label(),
                            crate::domain::time::moment_label(
                                s.at,
                                ctx.zone,
                                crate::domain::time::local_date(ctx.now, ctx.zone)
                            )
                        ),
                        detail: format!(
                            "Journal entries and intentions stay; they just lose the link. {}",
                            super::undo::undo_detail(&ctx.settings.keys)
                        ),
                        on_yes: ConfirmAction::DeleteSession(s.id),
                        answers: Answers::YES_NO,
                    })
                }),
                Some(RowKind::Therapy(id)) => Some(Reply::Confirm(Confirm {
                    question: "Delete this therapy visit?".into(),
                    detail: super::undo::undo_detail(&ctx.settings.keys),
                    on_yes: ConfirmAction::DeleteTherapy(*id),
                    answers: Answers::YES_NO,
                })),
                Some(RowKind::Entry(id)) => Some(Reply::Confirm(Confirm {
                    question: "Delete this journal entry?".into(),
                    detail: super::undo::undo_detail(&ctx.settings.keys),
                    on_yes: ConfirmAction::DeleteEntry(*id),
                    answers: Answers::YES_NO,
                })),
                _ => None,
            },
            Command::Open => match row.map(|r| &r.kind) {
                Some(RowKind::Session(id)) | Some(RowKind::Plan { session: id, .. }) => {
                    Some(Reply::Overlay(Overlay::Session { id: *id, scroll: 0 }))
                }
                // The timeline holds only the entry's head: read it whole.
                Some(RowKind::Entry(id)) if ctx.data.entry(*id).is_none() => {
                    Some(Reply::Effect(super::effect::Effect::ReadEntry(*id)))
                }
                Some(RowKind::Entry(id)) => {
                    Some(Reply::Overlay(Overlay::Entry { id: *id, scroll: 0 }))
                }
                Some(RowKind::Therapy(id)) => {
                    Some(Reply::Overlay(Overlay::Therapy { id: *id, scroll: 0 }))
                }
                Some(RowKind::Earlier { .. }) => {
                    Some(Reply::Effect(super::effect::Effect::Reload { since: None }))
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// How many things a search found: the rows whose notes hold the words,
/// and every entry in the journal that does, read or not.
fn found_count(rows: &[TimelineRow], data: &Data, search: &Search) -> usize {
    let notes = rows
        .iter()
        .filter(|r| !matches!(r.kind, RowKind::Entry(_)) && row_matches(r, data, search))
        .count();
    notes + search.hits.len()
}

/// The timeline pane's name.
pub const ID: PaneId = PaneId("timeline");

/// The timeline pane in the registry.
pub const SPEC: PaneSpec = PaneSpec {
    id: ID,
    title: "Timeline",
    place: "in the timeline pane",
    focus: b(
        "focus_timeline",
        &["1"],
        Command::Focus(ID),
        Scope::Global,
        "focus the timeline",
    ),
    keys: KEYS,
    slot: Slot {
        column: 0,
        share: 55,
    },
    handle: |p, cmd, ctx| p.timeline.handle(cmd, ctx),
    refresh: |p, data, view| p.timeline.refresh(&view.timeline, data),
};

/// The timeline pane's own keys, shown in its help section.
const KEYS: &[Binding] = &[
    b(
        "timeline.new",
        &["n"],
        Command::New,
        Scope::Pane(ID),
        "log a session (now or at a time); while a search shows, the next match",
    )
    .hint("log session"),
    b(
        "timeline.plan",
        &["p"],
        Command::Plan,
        Scope::Pane(ID),
        "plan a session",
    )
    .hint("plan"),
    b(
        "timeline.therapy",
        &["t"],
        Command::Therapy,
        Scope::Pane(ID),
        "log a therapy visit",
    )
    .hint("therapy"),
    b(
        "timeline.status",
        &["f"],
        Command::Treatment,
        Scope::Pane(ID),
        "say you are pausing or finished with sessions (or back)",
    ),
    b(
        "timeline.edit",
        &["e"],
        Command::Edit,
        Scope::Pane(ID),
        "edit the selected session or therapy visit",
    )
    .hint("edit"),
    b(
        "timeline.delete",
        &["d"],
        Command::Delete,
        Scope::Pane(ID),
        "delete the selected item (asks first)",
    )
    .hint("delete"),
    b(
        "timeline.search",
        &["/"],
        Command::Search,
        Scope::Pane(ID),
        "search entries and notes as you type; then n and N go to the next and previous, Esc clears",
    )
    .hint("search"),
    b(
        "timeline.previous_match",
        &["N"],
        Command::PreviousMatch,
        Scope::Pane(ID),
        "the previous match, while a search shows (n is the next then)",
    ),
    b(
        "timeline.jump",
        &[":"],
        Command::Jump,
        Scope::Pane(ID),
        "go to a day or time (2025-11-03, yesterday, 2025-11-03 21:00)",
    ),
];
