//! The Intention pane: the intention for the next session, the reflection
//! after it, and the history of both.

use super::action::{Command, PaneId};
use super::form::{Answers, Confirm, ConfirmAction, Field, Form, FormPurpose, Name};
use super::keymap::{Binding, Scope, b};
use super::panes::registry::{PaneSpec, Slot};
use super::panes::{Ctx, Reply, clamp, is_motion, step};
use crate::domain::intention;
use crate::domain::time::{local_date, moment_label};

/// One line of someone's words, for a question about them.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntentionState {
    selected: usize,
}

impl IntentionState {
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn refresh(&mut self, len: usize) {
        self.selected = clamp(self.selected, len);
    }

    pub fn handle(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        let list = &ctx.data.intentions;
        if is_motion(cmd) {
            self.selected = step(self.selected, list.len(), cmd, ctx.page);
            return None;
        }
        let selected = list.get(self.selected);
        match cmd {
            Command::New => {
                // A session holds one intention: a second one asks first,
                // and the first stays in the history.
                let target = ctx.view.intention_target;
                let title = match &ctx.view.next_planned {
                    Some(s) => format!(
                        "Intention for {}",
                        moment_label(s.at, ctx.zone, local_date(ctx.now, ctx.zone))
                    ),
                    None => "Intention for the next session you log".to_string(),
                };
                let form = Form::new(
                    title,
                    FormPurpose::Intention(target),
                    vec![Field::text(
                        Name::Intention,
                        "a gentle direction, not a demand",
                        "",
                    )],
                );
                match intention::held_by(list, target) {
                    Some(old) => Some(Reply::Confirm(Confirm {
                        question: "Set a new intention in place of this one?".into(),
                        detail: super::words::intention_stays(
                            &ctx.settings.keys,
                            &one_line(&old.text),
                        ),
                        on_yes: ConfirmAction::OpenForm(Box::new(form)),
                        answers: Answers::YES_NO,
                    })),
                    None => Some(Reply::Form(form)),
                }
            }
            Command::Edit => selected.map(|i| {
                Reply::Form(Form::new(
                    "Edit intention",
                    FormPurpose::EditIntention(i.id),
                    vec![Field::text(Name::Intention, "", &i.text)],
                ))
            }),
            Command::Reflect | Command::Open => {
                // `r` answers the pane's "how did it land?" first; Enter
                // always works on the selected line.
                let i = match (cmd, &ctx.view.reflect_on) {
                    (Command::Reflect, Some(waiting)) => waiting,
                    _ => selected?,
                };
                let done = i
                    .session
                    .and_then(|id| ctx.data.sessions.iter().find(|s| s.id == id))
                    .is_some_and(|s| s.is_done() && s.at <= ctx.now);
                if !done {
                    return Some(Reply::Note(super::words::reflect_after_logging(
                        &ctx.settings.keys,
                    )));
                }
                let form = Form::new(
                    "How did it land?",
                    FormPurpose::Reflection(i.id),
                    vec![Field::text(
                        Name::Reflection,
                        "a few words are plenty",
                        i.reflection.as_deref().unwrap_or(""),
                    )],
                );
                // A reflection written anew keeps the earlier one in the
                // history; asking first means it is never a surprise.
                match &i.reflection {
                    Some(old) => Some(Reply::Confirm(Confirm {
                        question: "Write this reflection anew?".into(),
                        detail: format!(
                            "“{}” stays in the history, with when you wrote it.",
                            one_line(old)
                        ),
                        on_yes: ConfirmAction::OpenForm(Box::new(form)),
                        answers: Answers::YES_NO,
                    })),
                    None => Some(Reply::Form(form)),
                }
            }
            Command::Delete => selected.map(|i| {
                Reply::Confirm(Confirm {
                    question: "Delete this intention?".into(),
                    detail: format!(
                        "Its reflection goes with it. {}",
                        super::undo::undo_detail(&ctx.settings.keys)
                    ),
                    on_yes: ConfirmAction::DeleteIntention(i.id),
                    answers: Answers::YES_NO,
                })
            }),
            _ => None,
        }
    }
}

/// The intention pane's name.
pub const ID: PaneId = PaneId("intention");

/// The intention pane in the registry.
pub const SPEC: PaneSpec = PaneSpec {
    id: ID,
    title: "Intention",
    place: "in the intention pane",
    focus: b(
        "focus_intention",
        &["4"],
        Command::Focus(ID),
        Scope::Global,
        "focus the intention",
    ),
    keys: KEYS,
    slot: Slot {
        column: 1,
        share: 35,
    },
    handle: |p, cmd, ctx| p.intention.handle(cmd, ctx),
    refresh: |p, data, _view| p.intention.refresh(data.intentions.len()),
};

/// The intention pane's own keys, shown in its help section.
const KEYS: &[Binding] = &[
    b(
        "intention.new",
        &["n"],
        Command::New,
        Scope::Pane(ID),
        "set the intention for your next session",
    )
    .hint("set"),
    b(
        "intention.edit",
        &["e"],
        Command::Edit,
        Scope::Pane(ID),
        "edit the selected intention",
    )
    .hint("edit"),
    b(
        "intention.reflect",
        &["r"],
        Command::Reflect,
        Scope::Pane(ID),
        "reflect on how it landed",
    )
    .hint("reflect"),
    b(
        "intention.delete",
        &["d"],
        Command::Delete,
        Scope::Pane(ID),
        "delete the selected intention (asks first)",
    )
    .hint("delete"),
];
