//! `afterglow session`: log what happened, plan what is scheduled, list both.

use std::fmt::Write as _;

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::{delete_asked, json_list, json_time, table};
use crate::domain::course::{self, Course};
use crate::domain::value::{Ahead, Dose, Past, Text, ValueError};
use crate::domain::{Session, SessionId, SessionKind, SessionStatus, time};
use crate::usecase::{self, session};
use chrono::{DateTime, Utc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a session that has happened
    Log {
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it started. WHEN: ", crate::domain::when::when_forms!(), " [default: now]"))]
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
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it is scheduled, ahead of now (tomorrow 10:00). WHEN: ", crate::domain::when::when_forms!()))]
        at: String,
        /// infusion, intramuscular, lozenge, nasal-spray or other
        #[arg(long, value_name = "K", value_parser = parse_kind, default_value = "infusion")]
        kind: SessionKind,
        /// A short note
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Change a session: its time, kind, dose or note
    Edit {
        /// The session's id, as `session list` shows it
        id: i64,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it started. WHEN: ", crate::domain::when::when_forms!()))]
        at: Option<String>,
        /// infusion, intramuscular, lozenge, nasal-spray or other
        #[arg(long, value_name = "K", value_parser = parse_kind)]
        kind: Option<SessionKind>,
        /// The dose in milligrams
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = super::text::parse_number)]
        dose_mg: Option<f64>,
        /// A short note; an empty one takes the note away
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Delete a session; its journal entries and intentions are kept
    Delete {
        /// The session's id, as `session list` shows it
        id: i64,
        /// Delete without asking (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// List logged and planned sessions, with their ids
    List {
        /// Print the sessions as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(s: &str) -> Result<SessionKind, crate::domain::DomainError> {
    s.parse()
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
        Cmd::Log {
            at,
            kind,
            dose_mg,
            note,
        } => log(ctx, at.as_deref(), kind, dose_mg, note),
        Cmd::Plan { at, kind, note } => plan(ctx, &at, kind, note),
        Cmd::Edit {
            id,
            at,
            kind,
            dose_mg,
            note,
        } => edit(ctx, SessionId(id), at.as_deref(), kind, dose_mg, note),
        Cmd::Delete { id, yes } => delete(ctx, SessionId(id), yes),
        Cmd::List { json: false } => list(ctx),
        Cmd::List { json: true } => list_json(ctx),
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

fn log(
    ctx: &mut Ctx,
    at: Option<&str>,
    kind: Option<SessionKind>,
    dose_mg: Option<f64>,
    note: Option<String>,
) -> Result<String> {
    let at = Past::new(ctx.when(at)?, ctx.now)
        .map_err(|e| anyhow!("{e}; use `afterglow session plan --at WHEN` to plan a session"))?;
    let entry = session::Log {
        at,
        kind,
        dose: Dose::optional(dose_mg)?,
        note: Text::optional("the note", note.as_deref())?,
    };
    let logged = session::log(&mut ctx.db, entry, &ctx.zone)?;
    let session = logged.session();
    let closes = time::add(session.at, ctx.settings.window.open_end())?;
    let mut out = format!(
        "Logged {} at {}.",
        described(session.kind),
        ctx.show(session.at)
    );
    if matches!(logged, session::Logged::ConfirmedPlan(_)) {
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
    let at = Ahead::new(ctx.when(Some(at))?, ctx.now).map_err(|e| {
        anyhow!("{e}; use `afterglow session log --at WHEN` for a session that has happened")
    })?;
    let note = Text::optional("the note", note.as_deref())?;
    let s = session::plan(&mut ctx.db, at, kind, note, ctx.now)?;
    Ok(format!(
        "Planned {} for {}.\n",
        described(s.kind),
        ctx.show(s.at)
    ))
}

fn edit(
    ctx: &mut Ctx,
    id: SessionId,
    at: Option<&str>,
    kind: Option<SessionKind>,
    dose_mg: Option<f64>,
    note: Option<String>,
) -> Result<String> {
    if at.is_none() && kind.is_none() && dose_mg.is_none() && note.is_none() {
        bail!("nothing to change; give --at, --kind, --dose-mg or --note");
    }
    let Some(old) = ctx.db.session(id)? else {
        bail!(
            "there is no session with id {}; `afterglow session list` shows the ids",
            id.0
        );
    };
    let at = match at {
        Some(a) => ctx.when(Some(a))?,
        None => old.at,
    };
    let changed = Session {
        at,
        kind: kind.unwrap_or(old.kind),
        dose_mg: dose_mg.or(old.dose_mg),
        note: match note {
            Some(n) => Some(n),
            None => old.note.clone(),
        },
        ..old
    };
    let s = session::edit(&mut ctx.db, changed, ctx.now).map_err(|e| match e {
        usecase::Error::Value(ValueError::StillAhead) => {
            anyhow!("{e}; a session that has happened cannot be later than now")
        }
        e => e.into(),
    })?;
    Ok(format!(
        "Updated session {}: {} at {}.\n",
        s.id.0,
        described(s.kind),
        ctx.show(s.at)
    ))
}

fn delete(ctx: &mut Ctx, id: SessionId, yes: bool) -> Result<String> {
    let Some(s) = ctx.db.session(id)? else {
        bail!(
            "there is no session with id {}; `afterglow session list` shows the ids",
            id.0
        );
    };
    let what = format!("{} of {} (id {})", described(s.kind), ctx.show(s.at), id.0);
    delete_asked(
        &what,
        yes,
        " Its journal entries and intentions are kept.",
        || {
            session::delete(&mut ctx.db, id)?;
            Ok(())
        },
    )
}

fn list_json(ctx: &Ctx) -> Result<String> {
    let items = ctx
        .db
        .sessions()?
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id.0,
                "at": json_time(s.at),
                "kind": s.kind.as_str(),
                "status": s.status.as_str(),
                "dose_mg": s.dose_mg,
                "note": s.note,
            })
        })
        .collect();
    json_list(items)
}

fn list(ctx: &Ctx) -> Result<String> {
    let sessions = ctx.db.sessions()?;
    if sessions.is_empty() {
        return Ok("No sessions yet. `afterglow session log` records one.\n".into());
    }
    let courses = course::courses(&sessions, ctx.now, &ctx.settings.course);
    let rows: Vec<[String; 6]> = sessions
        .iter()
        .map(|s| {
            [
                s.id.0.to_string(),
                ctx.show(s.at),
                s.kind.label().to_string(),
                s.dose_mg.map(|d| format!("{d} mg")).unwrap_or_default(),
                course_cell(s, &courses, ctx.now),
                s.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(table(
        &["Id", "When", "Kind", "Dose", "Status", "Note"],
        &rows,
    ))
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
