//! `afterglow treatment`: where you stand with sessions. Saying you are
//! pausing or have finished ("ketamine was a bridge") takes the session
//! countdowns off the dashboard; the practices, journal and habits carry
//! on. A session logged afterwards means you are back, without a word.

use std::fmt::Write as _;

use anyhow::Result;
use clap::Args as ClapArgs;

use super::Ctx;
use crate::domain::treatment::{self, TreatmentStatus};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// active (in treatment), pausing or finished; leave it out to see
    /// where you stand
    #[arg(value_name = "STATUS", value_parser = parse_status)]
    status: Option<TreatmentStatus>,
    /// In your own words, e.g. "ketamine was a bridge"
    #[arg(long, value_name = "TEXT", requires = "status")]
    note: Option<String>,
}

impl Args {
    /// Without a status the command only says where you stand.
    pub fn only_asks(&self) -> bool {
        self.status.is_none()
    }
}

fn parse_status(s: &str) -> Result<TreatmentStatus, String> {
    s.parse()
        .map_err(|_| format!("{s:?} is not one of active, pausing or finished"))
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<String> {
    let Some(status) = args.status else {
        return show(ctx);
    };
    let note = crate::domain::value::Text::optional("the note", args.note.as_deref())?;
    crate::usecase::treatment::set(&mut ctx.db, status, note, ctx.now)?;
    Ok(match status {
        TreatmentStatus::Active => {
            "Noted: in treatment. The dashboard shows each session's window again.\n".into()
        }
        TreatmentStatus::Pausing => "Noted: pausing, with no sessions planned for now. The \
            dashboard stops counting down windows; your practices, journal and habits carry \
            on.\n"
            .into(),
        TreatmentStatus::Finished => "Noted: finished, with no more sessions planned. The \
            dashboard stops counting down windows; your practices, journal and habits carry \
            on.\n"
            .into(),
    })
}

fn show(ctx: &Ctx) -> Result<String> {
    let changes = ctx.db.treatment()?;
    let sessions = ctx.db.sessions()?;
    let Some(latest) = treatment::latest(&changes) else {
        return Ok(
            "In treatment (nothing else said). `afterglow treatment pausing` or \
                   `finished` takes the session countdowns off the dashboard.\n"
                .into(),
        );
    };
    let mut out = match treatment::resting(&changes, &sessions, ctx.now) {
        Some(r) => format!(
            "Sessions: {}, since {}.",
            r.status.describe(),
            ctx.show(r.at)
        ),
        None if latest.status == TreatmentStatus::Active => {
            format!("In treatment, since {}.", ctx.show(latest.at))
        }
        // Said pausing or finished, and a session came after.
        None => format!(
            "In treatment: a session was logged after you said {} on {}.",
            latest.status,
            ctx.show(latest.at)
        ),
    };
    if let Some(note) = &latest.note {
        let _ = write!(out, " In your words: \"{note}\".");
    }
    out.push('\n');
    Ok(out)
}
