//! The Habits pane: today's row, a grid of recent days, streaks and strength.

use super::action::{Command, PaneId};
use super::effect::Effect;
use super::form::{Answers, Confirm, ConfirmAction, Field, Form, FormPurpose, Name};
use super::keymap::{Binding, Scope, b};
use super::panes::registry::{PaneSpec, Slot};
use super::panes::{Ctx, Reply, clamp, is_motion, step};
use crate::domain::HabitKind;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HabitsState {
    selected: usize,
    /// 0 is today, 1 yesterday, and so on.
    days_back: usize,
}

fn fmt_amount(a: f64) -> String {
    if a.fract() == 0.0 {
        format!("{a:.0}")
    } else {
        format!("{a}")
    }
}

impl HabitsState {
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn days_back(&self) -> usize {
        self.days_back
    }

    /// Keeps the selection and the selected day valid after new data (a
    /// habit archived, the last one gone).
    pub fn refresh(&mut self, rows: &[super::data::HabitRow]) {
        self.selected = clamp(self.selected, rows.len());
        let longest = rows.iter().map(|r| r.days.len()).max().unwrap_or(0);
        self.days_back = self.days_back.min(longest.saturating_sub(1));
    }

    pub fn handle(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        let rows = &ctx.view.habits;
        if is_motion(cmd) {
            self.selected = step(self.selected, rows.len(), cmd, ctx.page);
            return None;
        }
        let row = rows.get(self.selected);
        match cmd {
            Command::Left => {
                let max_back = row.map_or(0, |r| r.days.len().saturating_sub(1));
                self.days_back = (self.days_back + 1).min(max_back);
                None
            }
            Command::Right => {
                self.days_back = self.days_back.saturating_sub(1);
                None
            }
            Command::Toggle => {
                let row = row?;
                let idx = row.days.len().checked_sub(1 + self.days_back)?;
                let (day, mark, amount) = row.days[idx];
                let ticked =
                    mark != super::data::DayMark::Empty && mark != super::data::DayMark::Before;
                let habit = row.habit.id;
                match &row.habit.kind {
                    HabitKind::YesNo if ticked => {
                        Some(Reply::Effect(Effect::RemoveTick { habit, day }))
                    }
                    HabitKind::YesNo => Some(Reply::Effect(Effect::SetTick {
                        habit,
                        day,
                        amount: None,
                    })),
                    HabitKind::Quantity { unit, target } => {
                        let initial = amount.map_or_else(|| fmt_amount(*target), fmt_amount);
                        let title = format!(
                            "{} on {}: how many {unit}?",
                            row.habit.name,
                            day.format("%a %-d %b")
                        );
                        Some(Reply::Form(Form::new(
                            title,
                            FormPurpose::Amount { habit, day },
                            vec![Field::text(
                                Name::Amount,
                                "a number; empty removes the tick",
                                &initial,
                            )],
                        )))
                    }
                }
            }
            Command::New => Some(Reply::Form(Form::new(
                "Add a habit",
                FormPurpose::NewHabit,
                vec![
                    Field::text(Name::HabitName, "e.g. Yoga, Journaling, Time outside", ""),
                    Field::text(Name::Target, "e.g. '20 min'; empty for a yes/no habit", ""),
                ],
            ))),
            Command::Edit => row.map(|r| {
                Reply::Form(Form::new(
                    "Rename habit",
                    FormPurpose::RenameHabit(r.habit.id),
                    vec![Field::text(Name::HabitName, "", &r.habit.name)],
                ))
            }),
            Command::Delete => row.map(|r| {
                Reply::Confirm(Confirm {
                    question: format!("Archive {}?", r.habit.name),
                    detail: format!(
                        "It leaves this list; its history is kept. {}",
                        super::undo::undo_detail(&ctx.settings.keys)
                    ),
                    on_yes: ConfirmAction::ArchiveHabit(r.habit.id),
                    answers: Answers::YES_NO,
                })
            }),
            _ => None,
        }
    }
}

/// Reads a target such as "20 min", "7.5 h" or "10".
pub fn parse_target(s: &str) -> Result<Option<HabitKind>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let (num, unit) = match s.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    let target: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a target; try '20 min' or '7 h'"))?;
    let target = crate::domain::habit::validate_target(target).map_err(|e| e.to_string())?;
    Ok(Some(HabitKind::Quantity {
        unit: if unit.is_empty() {
            "x".into()
        } else {
            unit.chars().take(8).collect()
        },
        target,
    }))
}

/// The habits pane's name.
pub const ID: PaneId = PaneId("habits");

/// The habits pane in the registry.
pub const SPEC: PaneSpec = PaneSpec {
    id: ID,
    title: "Habits",
    place: "in the habits pane",
    focus: b(
        "focus_habits",
        &["3"],
        Command::Focus(ID),
        Scope::Global,
        "focus the habits",
    ),
    keys: KEYS,
    slot: Slot {
        column: 0,
        share: 45,
    },
    handle: |p, cmd, ctx| p.habits.handle(cmd, ctx),
    refresh: |p, _data, view| p.habits.refresh(&view.habits),
};

/// The habits pane's own keys, shown in its help section.
const KEYS: &[Binding] = &[
    b(
        "habits.tick",
        &["Space"],
        Command::Toggle,
        Scope::Pane(ID),
        "tick the selected day (asks the amount)",
    )
    .hint("tick"),
    b(
        "habits.day_before",
        &["h", "Left"],
        Command::Left,
        Scope::Pane(ID),
        "select the day before",
    )
    .hint("day"),
    b(
        "habits.day_after",
        &["l", "Right"],
        Command::Right,
        Scope::Pane(ID),
        "select the day after",
    ),
    b(
        "habits.new",
        &["n"],
        Command::New,
        Scope::Pane(ID),
        "add a habit",
    )
    .hint("add"),
    b(
        "habits.rename",
        &["e"],
        Command::Edit,
        Scope::Pane(ID),
        "rename the selected habit",
    )
    .hint("rename"),
    b(
        "habits.archive",
        &["d"],
        Command::Delete,
        Scope::Pane(ID),
        "archive the selected habit (asks first)",
    )
    .hint("archive"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_naturally() {
        assert_eq!(parse_target("").unwrap(), None);
        assert_eq!(
            parse_target("20 min").unwrap(),
            Some(HabitKind::Quantity {
                unit: "min".into(),
                target: 20.0
            })
        );
        assert_eq!(
            parse_target("7.5h").unwrap(),
            Some(HabitKind::Quantity {
                unit: "h".into(),
                target: 7.5
            })
        );
        assert!(parse_target("lots").is_err());
        assert!(parse_target("0 min").is_err());
    }
}
