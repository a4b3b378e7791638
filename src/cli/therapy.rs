//! `afterglow therapy`: therapy and integration visits, which count toward
//! the therapy step of a session's plan.

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::{delete_asked, json_list, json_time, table};
use crate::domain::value::{Past, Text};
use crate::domain::{TherapyId, plasticity, time};
use crate::usecase::therapy;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a therapy or integration visit that has happened
    Log {
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it was. WHEN: ", crate::domain::when::when_forms!(), " [default: now]"))]
        at: Option<String>,
        /// A short note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Change a visit's time or note
    Edit {
        /// The visit's id, as `therapy list` shows it
        id: i64,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it was. WHEN: ", crate::domain::when::when_forms!()))]
        at: Option<String>,
        /// A short note; an empty one takes the note away
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Delete a visit
    Delete {
        /// The visit's id, as `therapy list` shows it
        id: i64,
        /// Delete without asking (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// List logged visits, with their ids
    List {
        /// Print the visits as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List { .. })
    }

    /// Prints a document for another program, to be passed on untouched.
    pub fn prints_json(&self) -> bool {
        matches!(self, Cmd::List { json: true })
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Log { at, note } => log(ctx, at.as_deref(), note),
        Cmd::Edit { id, at, note } => edit(ctx, TherapyId(id), at.as_deref(), note),
        Cmd::Delete { id, yes } => delete(ctx, TherapyId(id), yes),
        Cmd::List { json: false } => list(ctx),
        Cmd::List { json: true } => list_json(ctx),
    }
}

fn log(ctx: &mut Ctx, at: Option<&str>, note: Option<String>) -> Result<String> {
    let at = past(ctx, at)?;
    let note = Text::optional("the note", note.as_deref())?;
    let visit = therapy::log(&mut ctx.db, at, note)?;
    let at = visit.at;
    let mut out = format!("Logged a therapy visit at {}.", ctx.show(visit.at));
    // The plan counts a visit from the session's start until its main
    // window closes (domain::plan).
    let sessions = ctx.db.sessions()?;
    if let Some(s) = plasticity::governing(&sessions, at)
        && at < time::add(s.at, ctx.settings.window.open_end())?
    {
        out.push_str(&format!(
            " It counts toward the plan of your session of {}.",
            ctx.show(s.at)
        ));
    }
    out.push('\n');
    Ok(out)
}

/// A visit's time: it must have come, or the plan's therapy item would
/// be ticked early.
fn past(ctx: &Ctx, at: Option<&str>) -> Result<Past> {
    Past::new(ctx.when(at)?, ctx.now)
        .map_err(|e| anyhow!("{e}; log the visit once it has happened"))
}

fn gone(id: TherapyId) -> anyhow::Error {
    anyhow!(
        "there is no therapy visit with id {}; `afterglow therapy list` shows the ids",
        id.0
    )
}

fn edit(ctx: &mut Ctx, id: TherapyId, at: Option<&str>, note: Option<String>) -> Result<String> {
    if at.is_none() && note.is_none() {
        bail!("nothing to change; give --at or --note");
    }
    let old = therapy::find(&ctx.db, id).map_err(|_| gone(id))?;
    let at = match at {
        Some(a) => past(ctx, Some(a))?,
        None => Past::new(old.at, ctx.now)?,
    };
    let note = match note {
        Some(n) => Text::optional("the note", Some(&n))?,
        None => Text::optional("the note", old.note.as_deref())?,
    };
    let v = therapy::edit(&mut ctx.db, id, at, note)?;
    Ok(format!(
        "Updated therapy visit {}: {}.\n",
        v.id.0,
        ctx.show(v.at)
    ))
}

fn delete(ctx: &mut Ctx, id: TherapyId, yes: bool) -> Result<String> {
    let v = therapy::find(&ctx.db, id).map_err(|_| gone(id))?;
    let what = format!("the therapy visit of {} (id {})", ctx.show(v.at), id.0);
    delete_asked(&what, yes, "", || {
        therapy::delete(&mut ctx.db, id)?;
        Ok(())
    })
}

fn list_json(ctx: &Ctx) -> Result<String> {
    let items = ctx
        .db
        .therapy_visits()?
        .iter()
        .map(|v| {
            serde_json::json!({
                "id": v.id.0,
                "at": json_time(v.at),
                "note": v.note,
            })
        })
        .collect();
    json_list(items)
}

fn list(ctx: &Ctx) -> Result<String> {
    let visits = ctx.db.therapy_visits()?;
    if visits.is_empty() {
        return Ok("No therapy visits logged yet. `afterglow therapy log` records one.\n".into());
    }
    let rows: Vec<[String; 3]> = visits
        .iter()
        .map(|v| {
            [
                v.id.0.to_string(),
                ctx.show(v.at),
                v.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(table(&["Id", "When", "Note"], &rows))
}
