//! `afterglow session`: log what happened, plan what is scheduled, list both.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::table;
use crate::domain::course::{self, Course};
use crate::domain::session::{planned_match, validate_dose};
use crate::domain::{Session, SessionKind, SessionStatus, time};
use crate::store::NewSession;
use chrono::{DateTime, Utc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a session that has happened
    Log {
        /// When it started: now, HH:MM (today), yesterday HH:MM, YYYY-MM-DD HH:MM
        /// (local time) or RFC 3339 [default: now]
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// infusion, intramuscular, lozenge, nasal-spray or other [default: infusion]
        #[arg(long, value_name = "K", value_parser = parse_kind)]
        kind: Option<SessionKind>,
        /// The dose in milligrams, if you want to keep it
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = super::text::parse_number)]
        dose_mg: Option<f64>,
        /// A short note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Put a session your provider has scheduled on the calendar
    Plan {
        /// When it is scheduled: tomorrow HH:MM, YYYY-MM-DD HH:MM (local time) or
        /// RFC 3339
        #[arg(long, value_name = "WHEN")]
        at: String,
        /// infusion, intramuscular, lozenge, nasal-spray or other
        #[arg(long, value_name = "K", value_parser = parse_kind, default_value = "infusion")]
        kind: SessionKind,
        /// A short note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// List logged and planned sessions
    List,
}

fn parse_kind(s: &str) -> Result<SessionKind, crate::domain::DomainError> {
    s.parse()
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List)
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Log {
            at,
            kind,
            dose_mg,
            note,
        } => log(ctx, at.as_deref(), kind, dose_mg, note),
        Cmd::Plan { at, kind, note } => plan(ctx, &at, kind, note),
        Cmd::List => list(ctx),
    }
}

/// "an infusion session", "a lozenge session", "a session".
fn described(kind: SessionKind) -> String {
    match kind {
        SessionKind::Other => "a session".into(),
        SessionKind::Infusion | SessionKind::Intramuscular => {
            format!("an {} session", kind.label())
        }
        _ => format!("a {} session", kind.label()),
    }
}

fn clean_note(note: Option<String>) -> Result<Option<String>> {
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if let Some(n) = &note {
        super::journal::fits_one_entry("the note", n)?;
    }
    Ok(note)
}

fn log(
    ctx: &mut Ctx,
    at: Option<&str>,
    kind: Option<SessionKind>,
    dose_mg: Option<f64>,
    note: Option<String>,
) -> Result<String> {
    let at = ctx.when(at)?;
    if at > ctx.now {
        bail!(
            "that time is in the future; use `afterglow session plan --at WHEN` to plan a session"
        );
    }
    let dose_mg = validate_dose(dose_mg)?;
    let note = clean_note(note)?;
    let sessions = ctx.db.sessions()?;
    // A session that was planned for the same local day is the one being
    // logged: confirming it keeps its intention instead of leaving a stale
    // "planned" entry behind.
    let planned = planned_match(&sessions, at, &ctx.zone);
    let session = match planned {
        Some(p) => {
            let done = Session {
                at,
                kind: kind.unwrap_or(p.kind),
                dose_mg: dose_mg.or(p.dose_mg),
                note: note.or_else(|| p.note.clone()),
                status: SessionStatus::Done,
                ..p.clone()
            };
            ctx.db.update_session(&done)?;
            done
        }
        None => ctx.db.add_session(&NewSession {
            at,
            kind: kind.unwrap_or(SessionKind::Infusion),
            dose_mg,
            note,
            status: SessionStatus::Done,
        })?,
    };
    let closes = time::add(session.at, ctx.settings.window.open_end())?;
    let mut out = format!(
        "Logged {} at {}.",
        described(session.kind),
        ctx.show(session.at)
    );
    if planned.is_some() {
        out.push_str(" It was on your calendar and is now marked as done.");
    }
    if closes > ctx.now {
        let _ = write!(out, " Your window is open until {}.", ctx.show(closes));
    } else {
        let _ = write!(out, " Its window closed {}.", ctx.show(closes));
    }
    out.push('\n');
    let attached = ctx
        .db
        .intentions()?
        .into_iter()
        .filter(|i| i.session == Some(session.id))
        .max_by_key(|i| (i.set_at, i.id));
    if let Some(i) = attached {
        let _ = writeln!(out, "Your intention is attached: {}", i.text);
    }
    Ok(out)
}

fn plan(ctx: &mut Ctx, at: &str, kind: SessionKind, note: Option<String>) -> Result<String> {
    let at = ctx.when(Some(at))?;
    if at <= ctx.now {
        bail!(
            "that time is not in the future; use `afterglow session log --at WHEN` for a session that has happened"
        );
    }
    let s = ctx.db.plan_session(
        &NewSession {
            at,
            kind,
            dose_mg: None,
            note: clean_note(note)?,
            status: SessionStatus::Planned,
        },
        ctx.now,
    )?;
    Ok(format!(
        "Planned {} for {}.\n",
        described(s.kind),
        ctx.show(s.at)
    ))
}

fn list(ctx: &Ctx) -> Result<String> {
    let sessions = ctx.db.sessions()?;
    if sessions.is_empty() {
        return Ok("No sessions yet. `afterglow session log` records one.\n".into());
    }
    let courses = course::courses(&sessions, ctx.now, &ctx.settings.course);
    let rows: Vec<[String; 5]> = sessions
        .iter()
        .map(|s| {
            [
                ctx.show(s.at),
                s.kind.label().to_string(),
                s.dose_mg.map(|d| format!("{d} mg")).unwrap_or_default(),
                course_cell(s, &courses, ctx.now),
                s.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(table(&["When", "Kind", "Dose", "Status", "Note"], &rows))
}

fn course_cell(s: &Session, courses: &[Course], now: DateTime<Utc>) -> String {
    if s.status == SessionStatus::Planned {
        // A plan whose time went by is not left to look current; the
        // dashboard asks whether it happened, and logging it at its time
        // confirms it.
        return if s.at < now {
            "planned · its time has passed".into()
        } else {
            "planned".into()
        };
    }
    match courses.iter().find_map(|c| Some((c, c.position(s.id)?))) {
        Some((c, _)) if c.is_booster() => "done · booster".into(),
        Some((c, pos)) => match c.number {
            Some(n) => format!("done · course {n} · session {pos}"),
            None => "done".into(),
        },
        None => "done".into(),
    }
}
