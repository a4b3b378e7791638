//! `afterglow therapy`: therapy and integration visits, which count toward
//! the therapy step of a session's plan.

use anyhow::{Result, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::table;
use crate::domain::{plasticity, time};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a therapy or integration visit that has happened
    Log {
        /// When it was: now, HH:MM (today), yesterday HH:MM, YYYY-MM-DD HH:MM
        /// (local time) or RFC 3339 [default: now]
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// A short note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// List logged visits
    List,
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List)
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Log { at, note } => log(ctx, at.as_deref(), note),
        Cmd::List => list(ctx),
    }
}

fn log(ctx: &mut Ctx, at: Option<&str>, note: Option<String>) -> Result<String> {
    let at = ctx.when(at)?;
    if at > ctx.now {
        bail!("that time is in the future; log the visit once it has happened");
    }
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if let Some(n) = &note {
        super::journal::fits_one_entry("the note", n)?;
    }
    let visit = ctx.db.add_therapy(at, note.as_deref())?;
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

fn list(ctx: &Ctx) -> Result<String> {
    let visits = ctx.db.therapy_visits()?;
    if visits.is_empty() {
        return Ok("No therapy visits logged yet. `afterglow therapy log` records one.\n".into());
    }
    let rows: Vec<[String; 2]> = visits
        .iter()
        .map(|v| [ctx.show(v.at), v.note.clone().unwrap_or_default()])
        .collect();
    Ok(table(&["When", "Note"], &rows))
}
