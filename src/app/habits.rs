//! The Habits pane: today's row, a grid of recent days, streaks and
//! strength; and, a key away, the archived habits, to bring one back.

use super::action::{Command, PaneId};
use super::effect::Effect;
use super::form::{Answers, Confirm, ConfirmAction, Field, Form, FormPurpose, Name};
use super::keymap::{Binding, Scope, b};
use super::panes::registry::{PaneSpec, Slot};
use super::panes::{Ctx, Reply, clamp, is_motion, step};
use crate::domain::HabitKind;
use crate::domain::habit::{Schedule, validate_unit};
use crate::domain::time::day_label;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HabitsState {
    selected: usize,
    /// 0 is today, 1 yesterday, and so on, up to a year back.
    days_back: usize,
    /// The list of archived habits is shown instead of the day's, with
    /// its own selection.
    archived: Option<usize>,
}

/// The dialog's choices for how often, daily first, in the order of
/// [`schedule_named`].
const SCHEDULES: &[&str] = &[
    "daily",
    "1× a week",
    "2× a week",
    "3× a week",
    "4× a week",
    "5× a week",
    "6× a week",
];

/// The schedule a choice of [`SCHEDULES`] names (daily for anything else).
pub fn schedule_named(choice: &str) -> Schedule {
    SCHEDULES
        .iter()
        .position(|s| *s == choice)
        .and_then(|i| Schedule::per_week(i64::try_from(i).ok()?).ok())
        .unwrap_or(Schedule::Daily)
}

fn schedule_field(schedule: Schedule) -> Field {
    let index = schedule.days_a_week().map_or(0, usize::from);
    Field::choice(Name::Schedule, SCHEDULES.to_vec(), index)
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

    /// Goes back from the archived habits to the day's list; `false` when
    /// that list was not shown.
    pub fn leave_archived(&mut self) -> bool {
        self.archived.take().is_some()
    }

    /// The selected archived habit, while their list is shown.
    pub fn archived_selected(&self) -> Option<usize> {
        self.archived
    }

    /// Keeps the selection and the selected day valid after new data (a
    /// habit archived, the last one gone).
    pub fn refresh(&mut self, rows: &[super::data::HabitRow], archived: usize) {
        self.selected = clamp(self.selected, rows.len());
        let longest = rows.iter().map(|r| r.days.len()).max().unwrap_or(0);
        self.days_back = self.days_back.min(longest.saturating_sub(1));
        // The list emptied behind it (restored elsewhere): the day's list.
        self.archived = self
            .archived
            .filter(|_| archived > 0)
            .map(|i| clamp(i, archived));
    }

    pub fn handle(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        if let Some(selected) = self.archived {
            return self.handle_archived(selected, cmd, ctx);
        }
        let rows = &ctx.view.habits;
        if is_motion(cmd) {
            self.selected = step(self.selected, rows.len(), cmd, ctx.page);
            return None;
        }
        let row = rows.get(self.selected);
        match cmd {
            Command::Left => {
                let max_back = row.map_or(0, |r| r.days.len().saturating_sub(1));
                // Said on arriving at the grid's first day, and again on
                // each step that finds no further: the line under the
                // grid keeps its room for the habit and the day's value.
                let at_the_limit = || {
                    let first = row.and_then(|r| r.days.first()).map(|d| d.0);
                    first.zip(ctx.view.today).map(|(first, today)| {
                        Reply::Note(format!(
                            "{} is as far back as the grid goes (a year).",
                            day_label(first, today)
                        ))
                    })
                };
                if self.days_back >= max_back {
                    return at_the_limit();
                }
                self.days_back += 1;
                if self.days_back == max_back {
                    return at_the_limit();
                }
                None
            }
            Command::Right => {
                self.days_back = self.days_back.saturating_sub(1);
                None
            }
            Command::Today => {
                self.days_back = 0;
                None
            }
            Command::Archived => {
                if ctx.data.archived_habits.is_empty() {
                    return Some(Reply::Note("No archived habits.".into()));
                }
                self.archived = Some(0);
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
                        let today = ctx.view.today.unwrap_or(day);
                        let title = format!(
                            "{} on {}: how many {unit}?",
                            row.habit.name,
                            day_label(day, today)
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
                    schedule_field(Schedule::Daily),
                ],
            ))),
            Command::Edit => row.map(|r| {
                Reply::Form(Form::new(
                    "Edit habit",
                    FormPurpose::RenameHabit(r.habit.id),
                    vec![
                        Field::text(Name::HabitName, "", &r.habit.name),
                        schedule_field(r.habit.schedule),
                    ],
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

    /// Keys while the archived habits are shown: move, Enter restores the
    /// selected one, the same key goes back.
    fn handle_archived(&mut self, selected: usize, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        let archived = &ctx.data.archived_habits;
        if is_motion(cmd) {
            self.archived = Some(step(selected, archived.len(), cmd, ctx.page));
            return None;
        }
        match cmd {
            Command::Archived => {
                self.archived = None;
                None
            }
            Command::Open => {
                // When the list empties, `refresh` brings the day's list
                // back; a refusal leaves it open as it was.
                let habit = archived.get(selected)?;
                Some(Reply::Effect(Effect::RestoreHabit(habit.id)))
            }
            _ => None,
        }
    }
}

/// Refuses, in the dialog, a name an archived habit goes by (other than
/// `except`), saying how to bring that one back: restored, it keeps its
/// history, where a new habit would start without it. The store refuses
/// it too, in case the archive happened elsewhere since the last load.
pub fn refuse_archived_name(
    name: &str,
    except: Option<crate::domain::HabitId>,
    data: &super::data::Data,
    keys: &super::keymap::Keymap,
) -> Result<(), String> {
    let archived = data
        .archived_habits
        .iter()
        .find(|h| Some(h.id) != except && crate::domain::habit::same_name(&h.name, name));
    match archived {
        Some(h) => Err(format!(
            "{} is archived; {} in the habits pane lists it, and {} there restores it with its history.",
            h.name,
            keys.label("habits.archived"),
            keys.label("open"),
        )),
        None => Ok(()),
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
    // The unit is kept whole ("pages per day"), or refused with the reason.
    Ok(Some(HabitKind::Quantity {
        unit: if unit.is_empty() {
            "x".into()
        } else {
            validate_unit(unit).map_err(|e| e.to_string())?
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
    refresh: |p, data, view| p.habits.refresh(&view.habits, data.archived_habits.len()),
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
        "habits.today",
        &["t"],
        Command::Today,
        Scope::Pane(ID),
        "go back to today",
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
        "rename the selected habit, or change how often it is meant",
    )
    .hint("edit"),
    b(
        "habits.archive",
        &["d"],
        Command::Delete,
        Scope::Pane(ID),
        "archive the selected habit (asks first)",
    )
    .hint("archive"),
    b(
        "habits.archived",
        &["A"],
        Command::Archived,
        Scope::Pane(ID),
        "show archived habits (Enter restores one; Esc or this key goes back)",
    )
    .hint("archived"),
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
        // A unit is kept whole, or refused with the reason; never cut.
        assert_eq!(
            parse_target("10 pages per day").unwrap(),
            Some(HabitKind::Quantity {
                unit: "pages per day".into(),
                target: 10.0
            })
        );
        let err = parse_target("10 pages of the book I am reading").unwrap_err();
        assert!(err.contains("at most 20 characters"), "{err}");
    }

    #[test]
    fn the_schedule_choices_name_their_schedules() {
        assert_eq!(schedule_named("daily"), Schedule::Daily);
        assert_eq!(schedule_named("1× a week"), Schedule::PerWeek(1));
        assert_eq!(schedule_named("6× a week"), Schedule::PerWeek(6));
        for s in [Schedule::Daily, Schedule::PerWeek(3)] {
            assert_eq!(schedule_named(&schedule_field(s).get()), s);
        }
    }
}
