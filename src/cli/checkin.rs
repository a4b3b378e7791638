//! `afterglow checkin`: a quick rating of the day.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use super::Ctx;
use super::journal::answer_low_mood;
use super::journal::parse_mood;
use super::text::{json_list, json_time, table};
use crate::domain::checkin::{CheckIn, Scale};
use crate::domain::value::Past;
use crate::domain::{Mood, time};
use crate::usecase::checkin::{self, Logged, Rating, SameDay};

#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    long_about = ABOUT
)]
pub struct Args {
    #[command(subcommand)]
    list: Option<Sub>,
    /// How the day feels, from 1 (very low) to 10 (very good), as in the journal
    #[arg(long, value_name = "N", value_parser = parse_mood, required = true)]
    mood: Option<Mood>,
    /// How anxious, from 0 (none) to 10 (severe)
    #[arg(long, value_name = "N", value_parser = parse_scale)]
    anxiety: Option<Scale>,
    /// How much energy, from 0 (none) to 10 (plenty)
    #[arg(long, value_name = "N", value_parser = parse_scale)]
    energy: Option<Scale>,
    /// One line about the day (at most 200 characters)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it is for, if not now (not in the future). WHEN: ", crate::domain::when::when_forms!()))]
    at: Option<String>,
    /// When the day already has a check-in, put this one in its place
    #[arg(long, conflicts_with = "add")]
    replace: bool,
    /// When the day already has a check-in, keep both
    #[arg(long)]
    add: bool,
    /// Print the saved check-in as JSON (the shape is in docs/cli.md)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// List check-ins, newest first
    List {
        #[arg(long, value_name = "DAY", allow_hyphen_values = true, help = concat!("From this local day on [default: the last 14 check-ins]. DAY: ", crate::domain::when::day_forms!()))]
        since: Option<String>,
        /// Print the check-ins as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

const ABOUT: &str = "\
A quick rating of the day: mood on the journal's own 1-10 scale, and if \
you like anxiety and energy from 0 to 10 and one line of note.

One a day is the rhythm. When the day already has a check-in, on a \
terminal you are asked whether to replace it or keep both; from a script, \
say which with --replace or --add (without either, nothing is saved).

Check-in moods and journal moods make one mood series: a day with \
check-ins counts the mean of its check-in moods, and a day without them \
the mean of its journal moods.";

/// How many check-ins `checkin list` shows without --since.
const RECENT: usize = 14;

fn parse_scale(s: &str) -> Result<Scale, String> {
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| "anxiety and energy are whole numbers from 0 to 10".to_string())?;
    Scale::new(n).map_err(|e| e.to_string())
}

impl Args {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        self.list.is_some()
    }

    /// Prints a document for another program, to be passed on untouched.
    pub fn prints_json(&self) -> bool {
        match &self.list {
            Some(Sub::List { json, .. }) => *json,
            None => self.json,
        }
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<String> {
    if let Some(Sub::List { since, json }) = args.list {
        return list(ctx, since.as_deref(), json);
    }
    let mood = args
        .mood
        .ok_or_else(|| anyhow!("a check-in needs --mood N, from 1 to 10"))?;
    let at = Past::new(ctx.when(args.at.as_deref())?, ctx.now)
        .map_err(|e| anyhow!("{e}; a check-in can be for now or earlier"))?;
    let rating = Rating {
        at,
        mood,
        anxiety: args.anxiety,
        energy: args.energy,
        note: checkin::note(args.note.as_deref())?,
    };
    let same_day = if args.replace {
        SameDay::Replace
    } else if args.add {
        SameDay::Add
    } else {
        SameDay::Ask
    };
    let mut logged = checkin::log(&mut ctx.db, rating.clone(), same_day, &ctx.zone)?;
    if let Logged::SameDay(first) = &logged {
        let Some(choice) = ask(ctx, first)? else {
            return Ok("Nothing was saved.\n".into());
        };
        logged = checkin::log(&mut ctx.db, rating, choice, &ctx.zone)?;
    }
    let Some(saved) = logged.saved() else {
        bail!("the check-in was not saved; please try again");
    };
    answer_low_mood(Some(saved.mood), ctx.settings.low_mood);
    if args.json {
        let mut out = serde_json::to_string_pretty(&json(saved))?;
        out.push('\n');
        return Ok(out);
    }
    let day = ctx.show_day(time::local_date(saved.at, &ctx.zone));
    Ok(match &logged {
        Logged::Replaced { .. } => format!(
            "Replaced your check-in for {day} with this one ({}).\n",
            numbers(saved)
        ),
        _ => format!("Saved your check-in for {day} ({}).\n", numbers(saved)),
    })
}

/// "mood 6, anxiety 3, energy 5", leaving out what was not given.
fn numbers(c: &CheckIn) -> String {
    let mut parts = vec![format!("mood {}", c.mood.get())];
    if let Some(a) = c.anxiety {
        parts.push(format!("anxiety {}", a.get()));
    }
    if let Some(e) = c.energy {
        parts.push(format!("energy {}", e.get()));
    }
    parts.join(", ")
}

/// "today at 09:12", "on Mon 23 Nov at 09:12".
fn when_said(ctx: &Ctx, c: &CheckIn) -> String {
    let day = ctx.show_day(time::local_date(c.at, &ctx.zone));
    let clock = c.at.with_timezone(&ctx.zone).format("%H:%M");
    match day.as_str() {
        "today" | "yesterday" => format!("{day} at {clock}"),
        _ => format!("on {day} at {clock}"),
    }
}

/// The day already has `first`: on a terminal, asks whether to replace it
/// or keep both (anything else cancels); elsewhere, says how to choose.
fn ask(ctx: &Ctx, first: &CheckIn) -> Result<Option<SameDay>> {
    let said = format!(
        "checked in {} (mood {})",
        when_said(ctx, first),
        first.mood.get()
    );
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        bail!(
            "you {said}; add --replace to put this check-in in its place, or --add to keep \
             both; nothing was saved"
        );
    }
    let mut err = io::stderr().lock();
    write!(
        err,
        "You {said}. Replace it, or keep both? [r = replace, a = keep both, anything else cancels] "
    )?;
    err.flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(match answer.trim().to_lowercase().as_str() {
        "r" | "replace" => Some(SameDay::Replace),
        "a" | "add" | "keep both" | "both" => Some(SameDay::Add),
        _ => None,
    })
}

fn json(c: &CheckIn) -> serde_json::Value {
    serde_json::json!({
        "id": c.id.0,
        "at": json_time(c.at),
        "mood": c.mood.get(),
        "anxiety": c.anxiety.map(Scale::get),
        "energy": c.energy.map(Scale::get),
        "note": c.note,
    })
}

fn list(ctx: &Ctx, since: Option<&str>, as_json: bool) -> Result<String> {
    let found = match since {
        Some(day) => checkin::since(&ctx.db, ctx.day(Some(day))?, &ctx.zone)?,
        None => checkin::recent(&ctx.db, RECENT)?,
    };
    if as_json {
        return json_list(found.iter().map(json).collect());
    }
    if found.is_empty() {
        return Ok(match since {
            Some(_) => "No check-ins since then.\n".into(),
            None => "No check-ins yet. `afterglow checkin --mood N` adds one.\n".into(),
        });
    }
    let today = ctx.today();
    let show = |s: Option<Scale>| s.map(|s| s.get().to_string()).unwrap_or_default();
    let rows: Vec<[String; 5]> = found
        .iter()
        .map(|c| {
            [
                time::moment_label(c.at, &ctx.zone, today),
                c.mood.get().to_string(),
                show(c.anxiety),
                show(c.energy),
                c.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(table(&["When", "Mood", "Anxiety", "Energy", "Note"], &rows))
}
