//! `afterglow habit`: the small daily practices that carry a window forward.

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::{join_words, plural, table};
use crate::domain::habit::{self, validate_target};
use crate::domain::value::{Amount, HabitName};
use crate::domain::{Habit, HabitKind};
use crate::usecase;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Mark a habit as done for a day (quantity habits take an amount)
    Tick {
        /// The habit's name, in any case
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
        #[arg(long, value_name = "DAY", help = concat!("The day: ", crate::domain::when::day_forms!(), " [default: today]"))]
        date: Option<String>,
        /// How much, for habits with a unit [default: the habit's target]
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = super::text::parse_number)]
        amount: Option<f64>,
    },
    /// Clear a habit's record for a day
    Untick {
        /// The habit's name, in any case
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
        #[arg(long, value_name = "DAY", help = concat!("The day: ", crate::domain::when::day_forms!(), " [default: today]"))]
        date: Option<String>,
    },
    /// Show today's habits with their streaks and strength
    List,
    /// Add a habit of your own (yes/no, or an amount with --unit and --target)
    Add {
        /// What to call it, up to 40 characters
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
        /// The unit of the daily amount, e.g. min or glasses
        #[arg(long, value_name = "U", requires = "target")]
        unit: Option<String>,
        /// The daily target in that unit
        #[arg(
            long,
            value_name = "N",
            allow_negative_numbers = true,
            requires = "unit",
            value_parser = super::text::parse_number
        )]
        target: Option<f64>,
    },
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List)
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Tick { name, date, amount } => tick(ctx, &join_words(&name), date.as_deref(), amount),
        Cmd::Untick { name, date } => untick(ctx, &join_words(&name), date.as_deref()),
        Cmd::List => list(ctx),
        Cmd::Add { name, unit, target } => add(ctx, &join_words(&name), unit, target),
    }
}

fn find(ctx: &Ctx, name: &str) -> Result<Habit> {
    if let Some(h) = ctx.db.habit_by_name(name)? {
        return Ok(h);
    }
    let names: Vec<String> = ctx.db.habits(false)?.into_iter().map(|h| h.name).collect();
    if names.is_empty() {
        bail!("there is no habit called \"{name}\"; `afterglow habit add NAME` adds one");
    }
    bail!(
        "there is no habit called \"{name}\"; your habits are: {} (or add one with `afterglow habit add`)",
        names.join(", ")
    )
}

/// "8 h", "30 min", "3".
fn amount_text(amount: f64, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !u.is_empty() => format!("{} {u}", super::text::show_number(amount)),
        _ => super::text::show_number(amount),
    }
}

fn tick(ctx: &mut Ctx, name: &str, date: Option<&str>, amount: Option<f64>) -> Result<String> {
    let h = find(ctx, name)?;
    let day = ctx.day(date)?;
    if day > ctx.today() {
        bail!("{day} has not come yet; you can tick today or an earlier day");
    }
    let amount = match (&h.kind, amount) {
        (HabitKind::YesNo, Some(_)) => {
            bail!("{} is a yes/no habit, so it takes no --amount", h.name)
        }
        (HabitKind::YesNo, None) => None,
        (HabitKind::Quantity { .. }, Some(a)) => Some(
            Amount::for_habit(&h, a)
                .with_context(|| format!("{} was not ticked", h.name))?
                .get(),
        ),
        (HabitKind::Quantity { target, .. }, None) => Some(*target),
    };
    usecase::habit::tick(&mut ctx.db, h.id, day, amount)?;
    let when = ctx.show_day(day);
    Ok(match (amount, h.target()) {
        (Some(a), Some(t)) => format!(
            "Ticked {} for {when}: {} (target {}).\n",
            h.name,
            amount_text(a, h.unit()),
            amount_text(t, h.unit())
        ),
        _ => format!("Ticked {} for {when}.\n", h.name),
    })
}

fn untick(ctx: &mut Ctx, name: &str, date: Option<&str>) -> Result<String> {
    let h = find(ctx, name)?;
    let day = ctx.day(date)?;
    let had = ctx.db.ticks_for(h.id)?.iter().any(|t| t.day == day);
    let when = ctx.show_day(day);
    if !had {
        return Ok(format!("{} had nothing recorded for {when}.\n", h.name));
    }
    usecase::habit::untick(&mut ctx.db, h.id, day)?;
    Ok(format!("Cleared {} for {when}.\n", h.name))
}

fn list(ctx: &Ctx) -> Result<String> {
    let habits = ctx.db.habits(false)?;
    if habits.is_empty() {
        return Ok("No habits yet. `afterglow habit add NAME` adds one.\n".into());
    }
    let today = ctx.today();
    let mut rows = Vec::new();
    for h in &habits {
        let ticks = ctx.db.ticks_for(h.id)?;
        let tick = ticks.iter().find(|t| t.day == today);
        let stats = habit::stats(h, &ticks, today, ctx.settings.half_life_days);
        let state = match (&h.kind, tick) {
            (HabitKind::YesNo, Some(_)) => "done".to_string(),
            (HabitKind::YesNo, None) => "-".to_string(),
            (HabitKind::Quantity { unit, target }, t) => {
                let got = t
                    .and_then(|t| t.amount)
                    .map_or("-".into(), |a| a.to_string());
                format!("{got} / {}", amount_text(*target, Some(unit)))
            }
        };
        rows.push([
            h.name.clone(),
            state,
            plural(i64::from(stats.current_streak), "day", "days"),
            format!("{:.0}%", stats.strength),
        ]);
    }
    Ok(table(&["Habit", "Today", "Streak", "Strength"], &rows))
}

fn add(ctx: &mut Ctx, name: &str, unit: Option<String>, target: Option<f64>) -> Result<String> {
    let name = HabitName::new(name)?;
    let kind = match (unit, target) {
        (Some(unit), Some(target)) => HabitKind::Quantity {
            unit: unit.trim().to_string(),
            target: validate_target(target)
                .with_context(|| format!("could not add the habit \"{}\"", name.as_str()))?,
        },
        _ => HabitKind::YesNo,
    };
    let today = ctx.today();
    let h = usecase::habit::add(&mut ctx.db, &name, &kind, today)
        .with_context(|| format!("could not add the habit \"{}\"", name.as_str()))?;
    Ok(match &h.kind {
        HabitKind::YesNo => format!("Added {} (yes/no).\n", h.name),
        HabitKind::Quantity { unit, target } => format!(
            "Added {} (target {} a day).\n",
            h.name,
            amount_text(*target, Some(unit))
        ),
    })
}
