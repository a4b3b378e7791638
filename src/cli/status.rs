//! `afterglow status`: one line for a shell prompt or tmux, or JSON for
//! scripts.

use anyhow::{Context, Result};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::Serialize;

use super::Ctx;
use super::text::plural;
use crate::domain::course::{self, CourseStatus};
use crate::domain::session::next_planned;
use crate::domain::{Countdown, Phase, Session, plasticity, time};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show the status as of this time instead of now (WHEN as for session log)
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// Print a JSON object instead of one line
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct Status {
    phase: String,
    now: String,
    last_session_at: Option<String>,
    phase_ends_at: Option<String>,
    phase_left_seconds: Option<i64>,
    window_closes_at: Option<String>,
    extended_closes_at: Option<String>,
    window_progress: Option<f64>,
    next_planned_at: Option<String>,
    course: Option<CourseJson>,
}

#[derive(Debug, Serialize)]
struct CourseJson {
    number: usize,
    session_in_course: Option<usize>,
    planned_min: u32,
    planned_max: u32,
    status: CourseStatus,
    booster: bool,
    integration_min_ends_at: Option<String>,
    integration_max_ends_at: Option<String>,
}

fn rfc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn run(ctx: &Ctx, args: Args) -> Result<String> {
    let now = ctx.when(args.at.as_deref())?;
    // With --at in the past, sessions logged after it must not count yet.
    let sessions: Vec<Session> = ctx
        .db
        .sessions()?
        .into_iter()
        .filter(|s| !s.is_done() || s.at <= now)
        .collect();
    let cd = plasticity::countdown(&sessions, now, &ctx.settings.window)?;
    if args.json {
        let status = json(ctx, &sessions, cd.as_ref(), now)?;
        let mut out =
            serde_json::to_string_pretty(&status).context("could not write the status as JSON")?;
        out.push('\n');
        return Ok(out);
    }
    Ok(format!("{}\n", line(ctx, cd.as_ref(), now)))
}

fn line(ctx: &Ctx, cd: Option<&Countdown>, now: DateTime<Utc>) -> String {
    let Some(cd) = cd else {
        return "afterglow: no session logged yet".into();
    };
    let left = cd.phase_left.unwrap_or(TimeDelta::zero());
    match cd.phase {
        Phase::Closed => {
            let days = (now - cd.session_at).num_days();
            format!("closed · last session {} ago", plural(days, "day", "days"))
        }
        Phase::Extended => format!("extended · {} left", time::short_duration(left)),
        phase => {
            let closes = cd.window_closes_at.with_timezone(&ctx.zone);
            // A weekday alone is only clear within the coming week.
            let fmt = if (cd.window_closes_at - now).num_days() < 6 {
                "%a %H:%M"
            } else {
                "%a %-d %b %H:%M"
            };
            format!(
                "{phase} · {} left · window closes {}",
                time::short_duration(left),
                closes.format(fmt)
            )
        }
    }
}

fn json(
    ctx: &Ctx,
    sessions: &[Session],
    cd: Option<&Countdown>,
    now: DateTime<Utc>,
) -> Result<Status> {
    let view = course::current(sessions, now, &ctx.settings.course)?;
    let course = view.map(|v| {
        let integration = v.integration;
        CourseJson {
            number: v.course.number,
            session_in_course: cd.and_then(|c| v.course.position(c.session)),
            planned_min: v.planned_min,
            planned_max: v.planned_max,
            status: v.status,
            booster: v.course.is_booster(),
            integration_min_ends_at: integration.map(|i| rfc(i.min_ends_at)),
            integration_max_ends_at: integration.map(|i| rfc(i.max_ends_at)),
        }
    });
    Ok(Status {
        phase: cd.map_or("none".into(), |c| c.phase.to_string()),
        now: rfc(now),
        last_session_at: cd.map(|c| rfc(c.session_at)),
        phase_ends_at: cd.and_then(|c| c.phase_ends_at).map(rfc),
        phase_left_seconds: cd.and_then(|c| c.phase_left).map(|d| d.num_seconds()),
        window_closes_at: cd.map(|c| rfc(c.window_closes_at)),
        extended_closes_at: cd.map(|c| rfc(c.extended_closes_at)),
        window_progress: cd.map(|c| c.window_progress),
        next_planned_at: next_planned(sessions, now).map(|s| rfc(s.at)),
        course,
    })
}
