//! `afterglow status`: one line for a shell prompt or tmux, or JSON for
//! scripts.

use anyhow::{Context, Result};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::Serialize;

use super::Ctx;
use crate::domain::course::{self, CourseKind, CourseStatus, IntegrationStage};
use crate::domain::session::next_planned;
use crate::domain::treatment::{self, TreatmentStatus};
use crate::domain::{Countdown, Phase, Session, plasticity, time};

#[derive(Debug, clap::Args)]
#[command(after_long_help = FORMAT_HELP)]
pub struct Args {
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("Show the status as of this time instead of now. WHEN: ", crate::domain::when::when_forms!()))]
    at: Option<String>,
    /// Print a JSON object instead of one line
    #[arg(long)]
    json: bool,
    /// Print one line made from TEMPLATE instead, e.g. '{phase} {left}'
    /// (the placeholders are listed below with --help)
    #[arg(long, value_name = "TEMPLATE", conflicts_with = "json",
          value_parser = Template::parse)]
    format: Option<Template>,
}

const FORMAT_HELP: &str = "\
--format TEMPLATE prints one line for tmux or a shell prompt. Placeholders:
  {phase}      acute, opening, peak, open, extended or closed; none with no
               session yet; pausing or finished once you said so
  {left}       time left in this phase, e.g. 1d 4h, 3h 12m or 12m 05s
  {ends}       local time this phase ends, e.g. Thu 14:05
  {closes}     local time the main window closes
  {closes_in}  time until the main window closes
  {progress}   how far through the main window, in whole percent (0-100)
  {since}      time since the session
  {next}       local time of the next planned session
  {next_in}    time until the next planned session
Times six days or more away also show the date (Thu 2 Apr 14:05).

A placeholder with nothing to say is empty, so the line always prints: with
no session only {phase} is filled (none); once the main window has closed,
nothing counts any more, so {left}, {ends}, {closes}, {closes_in} and
{since} are empty; while pausing or finished, {next} and {next_in} are
too. Write {{ and }} for literal braces. An unknown placeholder is a
usage error (exit code 2) that lists the known ones.

Examples:
  afterglow status --format '{phase} · {left} left'
  in ~/.tmux.conf:
    set -g status-right '#(afterglow status --format \"{phase} {left}\")'";

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
    /// "course", "booster" or "single".
    kind: CourseKind,
    /// Among courses only; boosters and single sessions have none.
    number: Option<usize>,
    session_in_course: Option<usize>,
    /// Sessions done and planned in this course, when more are planned.
    planned_total: Option<usize>,
    status: CourseStatus,
    /// Weeks of integration reached since a finished course ended (the
    /// config's shortest or longest span), once reached.
    integration_weeks_reached: Option<i64>,
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
    // Pausing or finished: no window to count down, as on the dashboard.
    let changes = ctx.db.treatment()?;
    let resting = treatment::resting(&changes, &sessions, now).map(|r| r.status);
    let cd = match resting {
        Some(_) => None,
        None => plasticity::countdown(&sessions, now, &ctx.settings.window)?,
    };
    if let Some(template) = &args.format {
        // Pausing or finished means no session to count towards either.
        let next = next_planned(&sessions, now).filter(|_| resting.is_none());
        return Ok(format!(
            "{}\n",
            template.render(ctx, cd.as_ref(), resting, next, now)
        ));
    }
    if args.json {
        let mut status = json(ctx, &sessions, cd.as_ref(), now)?;
        if let Some(r) = resting {
            status.phase = r.to_string();
            status.course = None;
        }
        let mut out =
            serde_json::to_string_pretty(&status).context("could not write the status as JSON")?;
        out.push('\n');
        return Ok(out);
    }
    if let Some(r) = resting {
        return Ok(format!("{r} · {}\n", r.plainly()));
    }
    Ok(format!("{}\n", line(ctx, cd.as_ref(), now)))
}

/// The one line: where the window stands, never a count of days since a
/// session. After the main window it says when that closed, once.
fn line(ctx: &Ctx, cd: Option<&Countdown>, now: DateTime<Utc>) -> String {
    let Some(cd) = cd else {
        return "afterglow: no session logged yet".into();
    };
    let left = cd.phase_left.unwrap_or(TimeDelta::zero());
    match cd.phase {
        Phase::Closed => format!(
            "closed · the window after your session closed {}",
            ctx.show(cd.extended_closes_at)
        ),
        Phase::Extended => format!(
            "extended · the main window closed {}",
            ctx.show(cd.window_closes_at)
        ),
        phase => format!(
            "{phase} · {} left · window closes {}",
            time::short_duration(left),
            local_time(ctx, cd.window_closes_at, now)
        ),
    }
}

/// A coming moment in local time: `Thu 14:05`, with the date when it is six
/// days or more away, since a weekday alone is only clear within the week.
fn local_time(ctx: &Ctx, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    at.with_timezone(&ctx.zone)
        .format(time::near_format(at, now))
        .to_string()
}

/// A `--format` template, parsed when the command line is read, so that a
/// mistake in it is a usage error before any database is opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(Vec<Piece>);

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Field(Field),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Phase,
    Left,
    Ends,
    Closes,
    ClosesIn,
    Progress,
    Since,
    Next,
    NextIn,
}

const FIELDS: [(&str, Field); 9] = [
    ("phase", Field::Phase),
    ("left", Field::Left),
    ("ends", Field::Ends),
    ("closes", Field::Closes),
    ("closes_in", Field::ClosesIn),
    ("progress", Field::Progress),
    ("since", Field::Since),
    ("next", Field::Next),
    ("next_in", Field::NextIn),
];

impl Template {
    fn parse(input: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = input.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '{' if chars.next_if(|&(_, c)| c == '{').is_some() => text.push('{'),
                '}' if chars.next_if(|&(_, c)| c == '}').is_some() => text.push('}'),
                '{' => {
                    let rest = &input[at + 1..];
                    let Some(len) = rest
                        .find(['}', '{'])
                        .filter(|&i| rest[i..].starts_with('}'))
                    else {
                        return Err(format!(
                            "the {{ at character {} is never closed; write {{{{ for a literal brace",
                            input[..at].chars().count() + 1
                        ));
                    };
                    let name = &rest[..len];
                    let Some(&(_, field)) = FIELDS.iter().find(|(n, _)| *n == name) else {
                        return Err(format!(
                            "unknown placeholder {{{name}}}; the known ones are {}; write {{{{ and }}}} for literal braces",
                            known()
                        ));
                    };
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(field));
                    // Past the name and its closing brace.
                    for _ in 0..=name.chars().count() {
                        chars.next();
                    }
                }
                '}' => {
                    return Err(format!(
                        "the }} at character {} has no {{ before it; write }}}} for a literal brace",
                        input[..at].chars().count() + 1
                    ));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }

    /// The line, reusing what the plain status line shows. Every value is
    /// a word or empty, never an error, so a status bar never shows one.
    fn render(
        &self,
        ctx: &Ctx,
        cd: Option<&Countdown>,
        resting: Option<TreatmentStatus>,
        next: Option<&Session>,
        now: DateTime<Utc>,
    ) -> String {
        // Counting goes on only inside the main window: afterwards nothing
        // ticks away, least of all the time since a session.
        let open = cd.filter(|c| c.in_main_window());
        let value = |field: Field| -> String {
            match field {
                Field::Phase => match resting {
                    Some(r) => r.to_string(),
                    None => cd.map_or("none".into(), |c| c.phase.to_string()),
                },
                Field::Left => open
                    .and_then(|c| c.phase_left)
                    .map(time::short_duration)
                    .unwrap_or_default(),
                Field::Ends => open
                    .and_then(|c| c.phase_ends_at)
                    .map(|t| local_time(ctx, t, now))
                    .unwrap_or_default(),
                Field::Closes => open
                    .map(|c| local_time(ctx, c.window_closes_at, now))
                    .unwrap_or_default(),
                Field::ClosesIn => open
                    .map(|c| time::short_duration(c.window_left(now)))
                    .unwrap_or_default(),
                Field::Progress => cd
                    .map(|c| format!("{:.0}", (c.window_progress * 100.0).floor()))
                    .unwrap_or_default(),
                Field::Since => open
                    .map(|c| time::short_duration(now - c.session_at))
                    .unwrap_or_default(),
                Field::Next => next.map(|s| local_time(ctx, s.at, now)).unwrap_or_default(),
                Field::NextIn => next
                    .map(|s| time::short_duration(s.at - now))
                    .unwrap_or_default(),
            }
        };
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Text(t) => t.clone(),
                Piece::Field(f) => value(*f),
            })
            .collect()
    }
}

fn known() -> String {
    FIELDS
        .iter()
        .map(|(name, _)| format!("{{{name}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn json(
    ctx: &Ctx,
    sessions: &[Session],
    cd: Option<&Countdown>,
    now: DateTime<Utc>,
) -> Result<Status> {
    let view = course::current(sessions, now, &ctx.settings.course)?;
    let course = view.map(|v| CourseJson {
        kind: v.course.kind,
        number: v.course.number,
        session_in_course: cd.and_then(|c| v.course.position(c.session)),
        planned_total: v.course.planned_total(),
        status: v.status,
        integration_weeks_reached: v.integration.and_then(|i| match i.stage(now) {
            IntegrationStage::Early => None,
            IntegrationStage::Reached(w) | IntegrationStage::Past(w) => Some(w),
        }),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_read_placeholders_and_doubled_braces() {
        let t = Template::parse("{{{phase}}} · {left}").unwrap();
        assert_eq!(
            t.0,
            [
                Piece::Text("{".into()),
                Piece::Field(Field::Phase),
                Piece::Text("} · ".into()),
                Piece::Field(Field::Left),
            ]
        );
        assert_eq!(Template::parse("").unwrap().0, []);
        assert_eq!(
            Template::parse("é{next_in}ü").unwrap().0,
            [
                Piece::Text("é".into()),
                Piece::Field(Field::NextIn),
                Piece::Text("ü".into()),
            ]
        );
        for (name, field) in FIELDS {
            let t = Template::parse(&format!("{{{name}}}")).unwrap();
            assert_eq!(t.0, [Piece::Field(field)]);
        }
    }

    #[test]
    fn template_mistakes_say_what_and_where() {
        let err = Template::parse("{phase} {lft}").unwrap_err();
        assert!(err.starts_with("unknown placeholder {lft};"), "{err}");
        assert!(err.contains("{phase} {left} {ends}") && err.contains("{next_in}"));
        let err = Template::parse("ab{phase").unwrap_err();
        assert!(
            err.contains("the { at character 3 is never closed"),
            "{err}"
        );
        let err = Template::parse("é}").unwrap_err();
        assert!(err.contains("the } at character 2 has no {"), "{err}");
        assert!(Template::parse("{ph{ase}").is_err());
        let err = Template::parse("{}").unwrap_err();
        assert!(err.starts_with("unknown placeholder {};"), "{err}");
        let err = Template::parse("{ phase }").unwrap_err();
        assert!(err.starts_with("unknown placeholder { phase };"), "{err}");
    }
}
