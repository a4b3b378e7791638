//! The Markdown report: something a person can bring to their therapist.
//!
//! Course by course and session by session: the intention and the
//! reflection, the journal entries written in the session's window, the
//! integration plan's suggestions with what was done; then habit adherence
//! week by week and mood over time as a small text chart; the relief after
//! each course and booster, the practice comparisons and questionnaire
//! results (`md/insights.rs`). It reads as plain
//! text (tables are padded, the chart is a block of text) and renders as
//! Markdown. Times are in the user's zone.
//!
//! The person's own words are quoted as they wrote them, in block quotes
//! so that nothing in them can break the report's structure; the only
//! change is that HTML tags, links and images (and a backslash before
//! one) are shown rather than run when rendered.
//!
//! Prose is wrapped at 80 columns, since a report read with `less` or
//! printed is as likely as a rendered one; wrapping only ever adds soft
//! breaks, so the rendered report is the same.

mod escape;
mod insights;
mod layout;
mod sessions;
mod summary;
#[cfg(test)]
mod tests;
mod wrap;

use self::escape::{LINE_BREAKS, cell, inline, quote};
use self::layout::{and_list, bar, count, table};
use self::wrap::wrap;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Display;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use unicode_width::UnicodeWidthStr;

use super::{Days, FormatError, kind_and_dose, local, select, words};
use crate::care::{CRISIS, NOT_MEDICAL_ADVICE};
use crate::config::Settings;
use crate::domain::analytics::{self, Adherence, Span, spans, sunday_of, week_of};
use crate::domain::course::{self, Course, CourseKind, CourseStatus};
use crate::domain::history::Timeline;
use crate::domain::insight::Insights;
use crate::domain::plan::{ALCOHOL, PlanItem, PlanKind, PlanState};
use crate::domain::{
    Habit, HabitId, HabitKind, History, JournalEntry, Session, SessionId, Tick, intention, time,
    treatment,
};

const FULL: &str = "%a %-d %b %Y %H:%M";
const DAY: &str = "%a %-d %b %Y";
const SHORT: &str = "%a %-d %b %H:%M";

/// The plain-text width the report is wrapped to.
const WIDTH: usize = 80;

/// Cells of the mood bar for a mood of 10.
const BAR_CELLS: usize = 20;
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The report of `days` (every day when [`Days::ALL`]), as of `now`.
///
/// `insights` is the analysis of the whole history with what falls on
/// `days` kept (the CLI computes it: formats never read the store).
pub fn report<Tz>(
    full: &History,
    days: Days,
    settings: &Settings,
    insights: &Insights,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<String, FormatError>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    Ok(wrap(
        &unwrapped(full, days, settings, insights, now, tz)?,
        WIDTH,
    ))
}

/// The report with every paragraph on one line.
fn unwrapped<Tz>(
    full: &History,
    days: Days,
    settings: &Settings,
    insights: &Insights,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<String, FormatError>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let shown = select(full, days, tz);
    let r = Report {
        full,
        shown: &shown,
        days,
        settings,
        now,
        tz,
        plans: full.timeline(),
    };
    let mut out = String::new();
    r.title(&mut out);
    let sessions = r.sessions()?;
    r.summary(&mut out, &sessions);
    r.mood(&mut out);
    r.relief(&mut out, insights);
    r.habits(&mut out);
    r.courses(&mut out, &sessions);
    r.planned(&mut out);
    r.other_entries(&mut out, &sessions);
    r.therapy(&mut out);
    Ok(out)
}

struct Report<'a, Tz> {
    full: &'a History,
    shown: &'a History,
    days: Days,
    settings: &'a Settings,
    now: DateTime<Utc>,
    tz: &'a Tz,
    plans: Timeline<'a>,
}

/// A done session on the report's days, with what belongs to it.
struct Shown<'a> {
    session: &'a Session,
    plan: Vec<PlanItem>,
}

impl<'a, Tz> Report<'a, Tz>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    fn at(&self, t: DateTime<Utc>, format: &str) -> String {
        local(t, self.tz, format)
    }

    fn today(&self) -> NaiveDate {
        time::local_date(self.now, self.tz)
    }

    fn sessions(&self) -> Result<Vec<Shown<'a>>, FormatError> {
        let mut done: Vec<&Session> = self.shown.sessions.iter().filter(|s| s.is_done()).collect();
        done.sort_by_key(|s| (s.at, s.id));
        done.into_iter()
            .map(|session| {
                let plan = self.plans.plan_for(
                    session,
                    self.now,
                    self.tz,
                    &self.settings.window,
                    &self.settings.plan,
                )?;
                Ok(Shown { session, plan })
            })
            .collect()
    }

    fn title(&self, out: &mut String) {
        let day = |d: NaiveDate| d.format(DAY).to_string();
        let today = day(self.today());
        let period = match (self.days.since, self.days.until) {
            (Some(s), Some(u)) => format!("From {} to {}.", day(s), day(u)),
            (Some(s), None) => format!("From {} to today, {today}.", day(s)),
            (None, Some(u)) => format!("Everything recorded up to {}.", day(u)),
            (None, None) => format!("Everything recorded, as of {today}."),
        };
        let _ = write!(
            out,
            "# afterglow: integration report\n\n\
             {period} Written {}; times are local (UTC{} when written).\n\n\
             > {NOT_MEDICAL_ADVICE}\n>\n> {CRISIS}\n",
            self.at(self.now, FULL),
            self.at(self.now, "%:z"),
        );
    }
}
