//! `afterglow habit`: the small daily practices that carry a window forward.

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::{join_words, json_list, plural, table};
use crate::domain::habit::{self, HabitStats, Schedule, validate_target, validate_unit};
use crate::domain::value::{Amount, HabitName};
use crate::domain::{Habit, HabitKind};
use crate::store::{HabitRestore, StoreError};
use crate::usecase;
use crate::usecase::habit::Ticked;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Mark a habit as done for a day (quantity habits take an amount)
    Tick {
        /// The habit's name, in any case
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
        #[arg(long, value_name = "DAY", allow_hyphen_values = true, help = concat!("The day: ", crate::domain::when::day_forms!(), " [default: today]"))]
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
        #[arg(long, value_name = "DAY", allow_hyphen_values = true, help = concat!("The day: ", crate::domain::when::day_forms!(), " [default: today]"))]
        date: Option<String>,
    },
    /// Show today's habits with their streaks and strength
    List {
        /// Print a JSON array for scripts (archived habits too)
        #[arg(long)]
        json: bool,
        /// List the archived habits instead (restore brings one back); with
        /// --json, only those
        #[arg(long)]
        archived: bool,
    },
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
        /// Meant for N days of each week (1 to 6), whichever days [default: daily]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..=7))]
        per_week: Option<i64>,
    },
    /// Change how often a habit is meant to be done: --per-week N or --daily
    Edit {
        /// The habit's name, in any case
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
        /// Meant for N days of each week (1 to 6), whichever days
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..=7),
              conflicts_with = "daily", required_unless_present = "daily")]
        per_week: Option<i64>,
        /// Meant for every day
        #[arg(long)]
        daily: bool,
    },
    /// Take a habit off the day's list; its history is kept
    Archive {
        /// The habit's name, in any case
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
    },
    /// Bring an archived habit back, with all its ticks
    Restore {
        /// The archived habit's name, in any case
        #[arg(value_name = "NAME", required = true)]
        name: Vec<String>,
    },
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List { .. })
    }

    /// Output meant for another program, printed exactly as it is.
    pub fn prints_json(&self) -> bool {
        matches!(self, Cmd::List { json: true, .. })
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Tick { name, date, amount } => tick(ctx, &join_words(&name), date.as_deref(), amount),
        Cmd::Untick { name, date } => untick(ctx, &join_words(&name), date.as_deref()),
        Cmd::List {
            json: true,
            archived,
        } => list_json(ctx, archived),
        Cmd::List { archived: true, .. } => list_archived(ctx),
        Cmd::List { .. } => list(ctx),
        Cmd::Add {
            name,
            unit,
            target,
            per_week,
        } => add(ctx, &join_words(&name), unit, target, per_week),
        Cmd::Edit {
            name,
            per_week,
            daily: _,
        } => edit(ctx, &join_words(&name), per_week),
        Cmd::Archive { name } => archive(ctx, &join_words(&name)),
        Cmd::Restore { name } => restore(ctx, &join_words(&name)),
    }
}

/// What to say when `name` is archived and so was left alone.
fn archived(name: &str, what: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{name} is archived, so {what}; `afterglow habit restore {name}` brings it back with its history"
    )
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
    if let Ticked::Archived(h) = usecase::habit::tick(&mut ctx.db, h.id, day, amount)? {
        return Err(archived(&h.name, "nothing was ticked"));
    }
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
    if h.archived {
        return Err(archived(&h.name, "its record was left as it is"));
    }
    let had = ctx.db.ticks_for(h.id)?.iter().any(|t| t.day == day);
    let when = ctx.show_day(day);
    if !had {
        return Ok(format!("{} had nothing recorded for {when}.\n", h.name));
    }
    usecase::habit::untick(&mut ctx.db, h.id, day)?;
    Ok(format!("Cleared {} for {when}.\n", h.name))
}

/// Streak and strength as of today, from every tick the habit has.
fn stats_of(ctx: &Ctx, h: &Habit) -> Result<(HabitStats, Option<crate::domain::Tick>)> {
    let today = ctx.today();
    let ticks = ctx.db.ticks_for(h.id)?;
    let tick = ticks.iter().find(|t| t.day == today).copied();
    Ok((
        habit::stats(h, &ticks, today, ctx.settings.half_life_days),
        tick,
    ))
}

/// "3 days", or "2 weeks" for a habit meant for some days a week.
fn streak_text(h: &Habit, streak: u32) -> String {
    match h.schedule {
        Schedule::Daily => plural(i64::from(streak), "day", "days"),
        Schedule::PerWeek(_) => plural(i64::from(streak), "week", "weeks"),
    }
}

fn list(ctx: &Ctx) -> Result<String> {
    let all = ctx.db.habits(true)?;
    let (habits, put_away): (Vec<&Habit>, Vec<&Habit>) = all.iter().partition(|h| !h.archived);
    let mut out = if habits.is_empty() {
        "No habits yet. `afterglow habit add NAME` adds one.\n".to_string()
    } else {
        let mut rows = Vec::new();
        for h in habits {
            let (stats, tick) = stats_of(ctx, h)?;
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
                h.schedule.label(),
                state,
                streak_text(h, stats.current_streak),
                format!("{:.0}%", stats.strength),
            ]);
        }
        table(&["Habit", "Schedule", "Today", "Streak", "Strength"], &rows)
    };
    match put_away.len() {
        0 => {}
        1 => out.push_str("1 habit is archived: `afterglow habit list --archived` shows it.\n"),
        n => out.push_str(&format!(
            "{n} habits are archived: `afterglow habit list --archived` shows them.\n"
        )),
    }
    Ok(out)
}

/// The archived habits, with what they counted and their ticks.
fn list_archived(ctx: &Ctx) -> Result<String> {
    let put_away: Vec<Habit> = ctx
        .db
        .habits(true)?
        .into_iter()
        .filter(|h| h.archived)
        .collect();
    if put_away.is_empty() {
        return Ok("No habit is archived.\n".into());
    }
    let mut rows = Vec::new();
    for h in &put_away {
        let ticks = ctx.db.ticks_for(h.id)?.len();
        let what = match &h.kind {
            HabitKind::YesNo => "yes/no".to_string(),
            HabitKind::Quantity { unit, target } => amount_text(*target, Some(unit)),
        };
        rows.push([
            h.name.clone(),
            what,
            h.schedule.label(),
            ctx.show_day(h.since),
            plural(i64::try_from(ticks).unwrap_or(i64::MAX), "tick", "ticks"),
        ]);
    }
    let mut out = table(&["Archived", "Target", "Schedule", "Since", "Kept"], &rows);
    out.push_str("`afterglow habit restore NAME` brings one back, with its ticks.\n");
    Ok(out)
}

/// Every habit, archived ones too, in the order of the plain list; with
/// `only_archived`, the archived ones alone (as `--archived` lists them).
fn list_json(ctx: &Ctx, only_archived: bool) -> Result<String> {
    let mut all = ctx.db.habits(true)?;
    all.retain(|h| h.archived || !only_archived);
    all.sort_by_key(|h| h.archived);
    let mut items = Vec::new();
    for h in &all {
        let (stats, tick) = stats_of(ctx, h)?;
        let (kind, unit, target) = match &h.kind {
            HabitKind::YesNo => ("yes-no", None, None),
            HabitKind::Quantity { unit, target } => {
                ("quantity", Some(unit.as_str()), Some(*target))
            }
        };
        items.push(serde_json::json!({
            "id": h.id.0,
            "name": h.name,
            "kind": kind,
            "unit": unit,
            "target": target,
            "role": h.role.as_str(),
            "schedule": match h.schedule {
                Schedule::Daily => "daily",
                Schedule::PerWeek(_) => "weekly",
            },
            "per_week": h.schedule.days_a_week(),
            "archived": h.archived,
            "since": h.since.to_string(),
            "today": tick.map(|t| serde_json::json!({ "amount": t.amount, "met": h.is_met(Some(&t)) })),
            "streak": stats.current_streak,
            "streak_unit": match h.schedule {
                Schedule::Daily => "days",
                Schedule::PerWeek(_) => "weeks",
            },
            "best_streak": stats.best_streak,
            "strength": (stats.strength * 10.0).round() / 10.0,
        }));
    }
    json_list(items)
}

fn add(
    ctx: &mut Ctx,
    name: &str,
    unit: Option<String>,
    target: Option<f64>,
    per_week: Option<i64>,
) -> Result<String> {
    let name = HabitName::new(name)?;
    let refused = || format!("could not add the habit \"{}\"", name.as_str());
    let kind = match (unit, target) {
        (Some(unit), Some(target)) => HabitKind::Quantity {
            unit: validate_unit(&unit).with_context(refused)?,
            target: validate_target(target).with_context(refused)?,
        },
        _ => HabitKind::YesNo,
    };
    let schedule = per_week
        .map(Schedule::per_week)
        .transpose()
        .with_context(refused)?
        .unwrap_or_default();
    let today = ctx.today();
    let h = match usecase::habit::add(&mut ctx.db, &name, &kind, schedule, today) {
        // Said as ticking an archived habit is: with the command that
        // brings it back, history and all.
        Err(usecase::Error::Store(StoreError::NameArchived(stored))) => {
            return Err(archived(&stored, "no new habit was added"));
        }
        added => added.with_context(refused)?,
    };
    let how_often = match h.schedule {
        Schedule::Daily => "a day".to_string(),
        Schedule::PerWeek(n) => format!("on {} a week", plural(i64::from(n), "day", "days")),
    };
    Ok(match &h.kind {
        HabitKind::YesNo if h.schedule == Schedule::Daily => {
            format!("Added {} (yes/no).\n", h.name)
        }
        HabitKind::YesNo => format!("Added {} (yes/no, {how_often}).\n", h.name),
        HabitKind::Quantity { unit, target } => format!(
            "Added {} (target {} {how_often}).\n",
            h.name,
            amount_text(*target, Some(unit))
        ),
    })
}

/// `per_week` is `None` for `--daily`.
fn edit(ctx: &mut Ctx, name: &str, per_week: Option<i64>) -> Result<String> {
    let h = find(ctx, name)?;
    let schedule = per_week
        .map(Schedule::per_week)
        .transpose()?
        .unwrap_or_default();
    if schedule == h.schedule {
        return Ok(format!(
            "{} is already {}; nothing changed.\n",
            h.name,
            schedule.label()
        ));
    }
    usecase::habit::schedule(&mut ctx.db, h.id, schedule)?;
    Ok(match schedule {
        Schedule::Daily => format!(
            "{} is daily now; its streak counts days. Its ticks are as they were.\n",
            h.name
        ),
        Schedule::PerWeek(n) => format!(
            "{} is for {} a week now; its streak counts weeks with {n} or more. Its ticks are as they were.\n",
            h.name,
            plural(i64::from(n), "day", "days")
        ),
    })
}

fn archive(ctx: &mut Ctx, name: &str) -> Result<String> {
    let h = find(ctx, name)?;
    if h.archived {
        return Ok(format!("{} is archived already.\n", h.name));
    }
    usecase::habit::archive(&mut ctx.db, h.id)?;
    Ok(format!(
        "Archived {}; its history is kept, and `afterglow habit restore {}` brings it back.\n",
        h.name, h.name
    ))
}

fn restore(ctx: &mut Ctx, name: &str) -> Result<String> {
    // Of two look-alike names, the archived one is the one meant.
    let archived = ctx
        .db
        .habits(true)?
        .into_iter()
        .find(|h| h.archived && habit::same_name(&h.name, name));
    let h = match archived {
        Some(h) => h,
        None => find(ctx, name)?,
    };
    match usecase::habit::restore(&mut ctx.db, h.id)? {
        HabitRestore::Restored => Ok(format!(
            "Restored {}, with all its ticks; it is back on the day's list.\n",
            h.name
        )),
        HabitRestore::WasActive => Ok(format!(
            "{} is not archived; it is on the day's list already.\n",
            h.name
        )),
        HabitRestore::NameTaken(other) => bail!(
            "{} was not restored: the habit \"{}\" (not archived) has the same name; \
             nothing was changed. Archive that one first, or give it another name",
            h.name,
            other.name
        ),
    }
}
