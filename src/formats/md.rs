//! The Markdown report: something a person can bring to their therapist.
//!
//! Course by course and session by session: the intention and the
//! reflection, the journal entries written in the session's window, the
//! integration plan's suggestions with what was done; then habit adherence
//! week by week and mood over time as a small text chart. It reads as plain
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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Display;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use unicode_width::UnicodeWidthStr;

use super::{Days, FormatError, kind_and_dose, local, select, words};
use crate::care::{CRISIS, NOT_MEDICAL_ADVICE};
use crate::config::Settings;
use crate::domain::course::{self, Course, CourseKind, CourseStatus};
use crate::domain::history::Timeline;
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
pub fn report<Tz>(
    full: &History,
    days: Days,
    settings: &Settings,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<String, FormatError>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    Ok(wrap(&unwrapped(full, days, settings, now, tz)?, WIDTH))
}

/// The report with every paragraph on one line.
fn unwrapped<Tz>(
    full: &History,
    days: Days,
    settings: &Settings,
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

    fn summary(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Summary\n\n");
        let s = self.shown;
        // Courses, boosters and single sessions are counted apart: "25
        // courses" for two courses and their boosters would puzzle a reader.
        let (mut courses, mut in_courses, mut boosters, mut singles) = (0, 0, 0, 0);
        for (c, shown) in self.courses_of(sessions) {
            if shown.is_empty() {
                continue;
            }
            match c.kind {
                CourseKind::Course => {
                    courses += 1;
                    in_courses += shown.len();
                }
                CourseKind::Booster => boosters += shown.len(),
                CourseKind::Single => singles += shown.len(),
            }
        }
        let mut parts = Vec::new();
        if courses > 0 {
            parts.push(format!(
                "{} in {}",
                count(in_courses, "session", "sessions"),
                count(courses, "course", "courses")
            ));
        }
        if boosters > 0 {
            parts.push(count(boosters, "booster session", "booster sessions"));
        }
        if singles > 0 {
            parts.push(count(singles, "single session", "single sessions"));
        }
        let mut line = match parts.as_slice() {
            [] => "- No sessions".to_string(),
            [one] => format!("- {one}"),
            _ => {
                // With more than one kind, "sessions" once is enough:
                // "12 sessions: 8 in 1 course and 4 boosters".
                let total = in_courses + boosters + singles;
                let mut short = Vec::new();
                if courses > 0 {
                    short.push(format!(
                        "{in_courses} in {}",
                        count(courses, "course", "courses")
                    ));
                }
                if boosters > 0 {
                    short.push(count(boosters, "booster", "boosters"));
                }
                if singles > 0 {
                    short.push(count(singles, "single session", "single sessions"));
                }
                format!(
                    "- {}: {}",
                    count(total, "session", "sessions"),
                    and_list(&short)
                )
            }
        };
        let planned = s.sessions.iter().filter(|x| !x.is_done()).count();
        if planned > 0 {
            let _ = write!(line, "; {planned} planned");
        }
        line.push('\n');
        out.push_str(&line);

        let moods: Vec<f64> = s
            .journal
            .iter()
            .filter_map(|e| e.mood)
            .map(|m| f64::from(m.get()))
            .collect();
        let _ = write!(
            out,
            "- {}",
            count(s.journal.len(), "journal entry", "journal entries")
        );
        if !moods.is_empty() {
            let avg = moods.iter().sum::<f64>() / moods.len() as f64;
            let _ = write!(
                out,
                "; {} with a mood, {avg:.1} out of 10 on average",
                moods.len()
            );
        }
        out.push('\n');

        let reflected = s
            .intentions
            .iter()
            .filter(|i| i.reflection.is_some())
            .count();
        let replaced = s.intentions.iter().filter(|i| i.is_replaced()).count();
        let replaced = if replaced > 0 {
            format!(" ({replaced} later set anew)")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- {} set{replaced}, {} written",
            count(s.intentions.len(), "intention", "intentions"),
            count(reflected, "reflection", "reflections")
        );
        // Where the person stands with sessions, in their words, when they
        // said they are pausing or finished.
        if let Some(r) = treatment::resting(&self.full.treatment, &self.full.sessions, self.now) {
            let _ = write!(
                out,
                "- Sessions: {}, since {}",
                r.status.describe(),
                self.at(r.at, DAY)
            );
            match words(r.note.as_deref()) {
                Some(note) => {
                    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
                    let _ = writeln!(out, "; in their words: {}", inline(&note));
                }
                None => out.push('\n'),
            }
        }
        // What was done, and what is still ahead; a step whose time has
        // passed is not counted against anyone.
        let (mut done, mut partly, mut ahead, mut steps) = (0, 0, 0, 0);
        for item in sessions
            .iter()
            .flat_map(|x| &x.plan)
            .filter(|i| tracked(i.kind))
        {
            steps += 1;
            match item.state {
                PlanState::Done => done += 1,
                PlanState::Partial => partly += 1,
                PlanState::Open | PlanState::Upcoming => ahead += 1,
                PlanState::Passed => {}
            }
        }
        if steps > 0 {
            let mut parts = vec![if done == 0 {
                "no steps logged as done".to_string()
            } else {
                format!("{} done", count(done, "step", "steps"))
            }];
            if partly > 0 {
                parts.push(format!("{partly} partly done"));
            }
            if ahead > 0 {
                parts.push(format!("{ahead} still to come"));
            }
            let _ = writeln!(
                out,
                "- Integration plan: {} (a day of meditation or a night of sleep is one \
                 step)",
                and_list(&parts)
            );
        }
        let _ = writeln!(
            out,
            "- {}",
            count(
                s.therapy.len(),
                "therapy or integration visit",
                "therapy or integration visits"
            )
        );
    }

    fn mood(&self, out: &mut String) {
        out.push_str("\n## Mood over time\n\n");
        let mut weeks: BTreeMap<NaiveDate, (f64, usize)> = BTreeMap::new();
        for e in &self.shown.journal {
            if let Some(m) = e.mood {
                let w = weeks
                    .entry(week_of(time::local_date(e.written_at, self.tz)))
                    .or_default();
                w.0 += f64::from(m.get());
                w.1 += 1;
            }
        }
        let (Some(first), Some(last)) = (
            weeks.keys().next().copied(),
            weeks.keys().next_back().copied(),
        ) else {
            out.push_str("No moods were recorded in this period.\n");
            return;
        };
        let mut sessions: HashMap<NaiveDate, usize> = HashMap::new();
        for s in self.shown.sessions.iter().filter(|s| s.is_done()) {
            *sessions
                .entry(week_of(time::local_date(s.at, self.tz)))
                .or_default() += 1;
        }
        out.push_str(
            "One row a week, Monday to Sunday: the bar and the number are the \
             average mood of that week's journal entries, from 1 (very low) to \
             10 (very good); each ● is a session.\n\n```text\n",
        );
        let _ = writeln!(
            out,
            "{:<10}  {:<BAR_CELLS$}  {:>4}  {:>5}  sessions",
            "week of", "mood", "avg", "moods"
        );
        let busy: BTreeSet<NaiveDate> = weeks.keys().chain(sessions.keys()).copied().collect();
        for span in spans(first, last, &busy) {
            let week = match span {
                Span::Week(week) => week,
                Span::Quiet { from, to, weeks } => {
                    let _ = writeln!(
                        out,
                        "{from} to {}: no mood and no session in these {weeks} weeks",
                        sunday_of(to)
                    );
                    continue;
                }
            };
            let (sum, n) = weeks.get(&week).copied().unwrap_or((0.0, 0));
            let (bar, avg) = if n == 0 {
                (String::new(), "-".to_string())
            } else {
                let avg = sum / n as f64;
                (bar(avg), format!("{avg:.1}"))
            };
            let marks = "●".repeat(sessions.get(&week).copied().unwrap_or(0));
            let row = format!(
                "{week}  {bar}{}  {avg:>4}  {n:>5}  {marks}",
                " ".repeat(BAR_CELLS - bar.chars().count())
            );
            out.push_str(row.trim_end());
            out.push('\n');
        }
        out.push_str("```\n");
    }

    fn habits(&self, out: &mut String) {
        out.push_str("\n## Habits week by week\n\n");
        let today = self.today();
        let ticks: HashMap<(HabitId, NaiveDate), &Tick> = self
            .shown
            .ticks
            .iter()
            .map(|t| ((t.habit, t.day), t))
            .collect();
        // Each habit counts from its first day (or an earlier back-filled
        // tick) to today; an archived one only to its last tick, as it was
        // no longer kept after that.
        let mut tracked: Vec<(&Habit, NaiveDate, NaiveDate)> = Vec::new();
        for h in &self.shown.habits {
            let mine = self.full.ticks.iter().filter(|t| t.habit == h.id);
            let first = mine.clone().map(|t| t.day).min();
            let start = first.map_or(h.since, |d| d.min(h.since));
            let end = if h.archived {
                let in_days = self.shown.ticks.iter().any(|t| t.habit == h.id);
                match mine.map(|t| t.day).max() {
                    Some(last) if in_days => last,
                    _ => continue,
                }
            } else {
                today
            };
            tracked.push((h, start, end.min(today)));
        }
        let start = tracked.iter().map(|t| t.1).min();
        let start = match (start, self.days.since) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, _) => a,
        };
        let end = self.days.until.map_or(today, |u| u.min(today));
        let Some(start) = start.filter(|s| *s <= end) else {
            out.push_str("No habit days in this period.\n");
            return;
        };
        let mut head = vec!["Week of".to_string()];
        head.extend(tracked.iter().map(|(h, _, _)| cell(&h.name)));
        // Only weeks with a tick in them, and the few quiet ones between
        // them, get a row each: a tick back-filled decades ago would
        // otherwise make a row for every week since.
        let ids: HashSet<HabitId> = tracked.iter().map(|(h, _, _)| h.id).collect();
        let busy: BTreeSet<NaiveDate> = self
            .shown
            .ticks
            .iter()
            .filter(|t| ids.contains(&t.habit) && start <= t.day && t.day <= end)
            .map(|t| week_of(t.day))
            .collect();
        let mut rows = Vec::new();
        let mut quiet = false;
        for span in spans(week_of(start), week_of(end), &busy) {
            let (label, first, last) = match span {
                Span::Week(week) => (week.to_string(), week, sunday_of(week)),
                Span::Quiet { from, to, .. } => {
                    quiet = true;
                    (format!("{from} to {}", sunday_of(to)), from, sunday_of(to))
                }
            };
            let mut row = vec![label];
            for (h, from, to) in &tracked {
                let (lo, hi) = (first.max(start).max(*from), last.min(end).min(*to));
                let kept = if lo <= hi {
                    time::days_between(lo, hi) + 1
                } else {
                    0
                };
                // A quiet stretch holds no tick, so nothing in it was met.
                let met = match span {
                    Span::Week(_) if kept > 0 => lo
                        .iter_days()
                        .take_while(|d| *d <= hi)
                        .filter(|d| h.is_met(ticks.get(&(h.id, *d)).copied()))
                        .count(),
                    _ => 0,
                };
                row.push(if kept == 0 {
                    "-".into()
                } else {
                    format!("{met}/{kept}")
                });
            }
            rows.push(row);
        }
        let goals: Vec<String> = tracked
            .iter()
            .filter_map(|(h, _, _)| match &h.kind {
                HabitKind::Quantity { unit, target } => {
                    // A no-break space keeps a number with its unit when
                    // the paragraph is wrapped.
                    Some(format!(
                        "{} {target}\u{a0}{}",
                        inline(&h.name),
                        inline(unit)
                    ))
                }
                HabitKind::YesNo => None,
            })
            .collect();
        let _ = write!(
            out,
            "Days each habit's daily goal was met, out of the days it was kept \
             that week; a dash means it was not being kept then."
        );
        if !goals.is_empty() {
            let _ = write!(out, " Goals: {}", goals.join(", "));
            if tracked.iter().any(|(h, _, _)| h.kind == HabitKind::YesNo) {
                out.push_str("; yes-or-no habits count when ticked");
            }
            out.push('.');
        }
        if quiet {
            out.push_str(
                " A row from one day to another is a stretch of weeks in which nothing \
                 was ticked.",
            );
        }
        out.push_str("\n\n");

        // Side by side, ten habits make a table twice as wide as a
        // terminal; split into tables that each fit, every one keeping
        // the week column.
        let widths: Vec<usize> = (0..head.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].width())
                    .chain([head[i].width(), 3])
                    .max()
                    .unwrap_or(3)
            })
            .collect();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut used = 0;
        for i in 1..head.len() {
            match groups.last_mut() {
                Some(g) if used + widths[i] + 3 <= WIDTH => g.push(i),
                _ => {
                    groups.push(vec![0, i]);
                    used = 1 + widths[0] + 3;
                }
            }
            used += widths[i] + 3;
        }
        for (n, group) in groups.iter().enumerate() {
            let pick = |row: &[String]| group.iter().map(|&i| row[i].clone()).collect();
            let part: Vec<Vec<String>> = rows.iter().map(|r| pick(r)).collect();
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&table(&pick(&head), &part));
        }
    }

    /// The courses of the whole history, each with its sessions that are
    /// on the report's days.
    fn courses_of<'s>(&self, sessions: &'s [Shown<'a>]) -> Vec<(Course, Vec<&'s Shown<'a>>)> {
        let by_id: HashMap<SessionId, &Shown<'a>> =
            sessions.iter().map(|s| (s.session.id, s)).collect();
        course::courses(&self.full.sessions, self.now, &self.settings.course)
            .into_iter()
            .map(|c| {
                let shown = c
                    .sessions
                    .iter()
                    .filter_map(|id| by_id.get(id).copied())
                    .collect();
                (c, shown)
            })
            .collect()
    }

    fn courses(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Sessions, course by course\n");
        if sessions.is_empty() {
            out.push_str("\nNo sessions in this period.\n");
            return;
        }
        let cfg = &self.settings.course;
        let window = &self.settings.window;
        // The figures are the integration guide's (24-72 hours, a week or
        // two), worded as tentatively as it words them; the hours follow
        // the config.
        let _ = writeln!(
            out,
            "\nAfter a session, heightened plasticity typically lasts {} to {} hours, \
             and some research suggests quieter remodelling may go on for a week or \
             two. Each session below lists what the integration guide suggests for \
             that time, with what was done.",
            window.opening_end().num_hours(),
            window.open_end().num_hours()
        );
        let mut intentions: HashMap<SessionId, Vec<&crate::domain::Intention>> = HashMap::new();
        for i in &self.shown.intentions {
            if let Some(s) = i.session {
                intentions.entry(s).or_default().push(i);
            }
        }
        let mut entries: HashMap<SessionId, Vec<&JournalEntry>> = HashMap::new();
        for e in &self.shown.journal {
            if let Some(s) = e.session {
                entries.entry(s).or_default().push(e);
            }
        }
        for (c, shown) in self.courses_of(sessions) {
            if shown.is_empty() {
                continue;
            }
            let day = |t| self.at(t, DAY);
            let _ = match (c.kind, c.number) {
                (CourseKind::Booster, _) => {
                    writeln!(out, "\n### A booster session, {}", day(c.first_at))
                }
                (CourseKind::Single, _) | (_, None) => {
                    writeln!(out, "\n### A single session, {}", day(c.first_at))
                }
                (CourseKind::Course, Some(n)) if c.len() == 1 => {
                    writeln!(out, "\n### Course {n}: 1 session, {}", day(c.first_at))
                }
                (CourseKind::Course, Some(n)) => writeln!(
                    out,
                    "\n### Course {n}: {}, {} to {}",
                    count(c.len(), "session", "sessions"),
                    day(c.first_at),
                    day(c.last_at)
                ),
            };
            let mut about = String::new();
            match course::status(&c, &self.full.sessions, self.now, cfg) {
                // Whether another session would join it is the provider's
                // business: saying so could read as a nudge to have one.
                _ if !c.is_course() => {}
                CourseStatus::InProgress => {
                    let _ = match c.planned_total() {
                        Some(total) => write!(
                            about,
                            "In progress: {} of the {total} sessions planned so far.",
                            c.len()
                        ),
                        None => write!(
                            about,
                            "In progress: {} so far.",
                            count(c.len(), "session", "sessions")
                        ),
                    };
                }
                CourseStatus::Finished => {
                    // Never an end date or a countdown: the guide gives a
                    // least span, and many keep the practices for good.
                    let (min, max) = cfg.integration_weeks();
                    let _ = write!(
                        about,
                        "Finished on {}. The integration guide suggests keeping the practices \
                         going for at least {min}-{max} weeks after a course; many keep them \
                         for good.",
                        day(c.last_at)
                    );
                }
            }
            if c.is_course() {
                // Once a course, not per session: the guide says it of
                // active treatment as a whole.
                about.push(' ');
                about.push_str(ALCOHOL);
            }
            let outside = c.len() - shown.len();
            if outside > 0 {
                let _ = write!(
                    about,
                    " {} outside this report's dates.",
                    count(outside, "session is", "sessions are")
                );
            }
            if !about.is_empty() {
                let _ = writeln!(out, "\n{}", about.trim_start());
            }
            for s in shown {
                self.session(out, &c, s, &intentions, &entries);
            }
        }
    }

    fn session(
        &self,
        out: &mut String,
        c: &Course,
        s: &Shown<'_>,
        intentions: &HashMap<SessionId, Vec<&crate::domain::Intention>>,
        entries: &HashMap<SessionId, Vec<&JournalEntry>>,
    ) {
        let x = s.session;
        let when = self.at(x.at, FULL);
        // "of N" only where N is a fact: the sessions the person planned,
        // or a finished course's own count. A course still going has no
        // total to be measured against.
        let total = c.planned_total().or_else(|| {
            let finished = course::status(c, &self.full.sessions, self.now, &self.settings.course)
                == CourseStatus::Finished;
            finished.then(|| c.len())
        });
        let _ = match (c.kind, c.position(x.id), total) {
            (CourseKind::Booster, _, _) => writeln!(out, "\n#### Booster session: {when}\n"),
            (CourseKind::Course, Some(n), Some(total)) => {
                writeln!(out, "\n#### Session {n} of {total}: {when}\n")
            }
            (CourseKind::Course, Some(n), None) => writeln!(out, "\n#### Session {n}: {when}\n"),
            _ => writeln!(out, "\n#### Session: {when}\n"),
        };
        let _ = writeln!(out, "{}", kind_and_dose(x));
        match words(x.note.as_deref()) {
            Some(note) if !note.contains(LINE_BREAKS) => {
                let _ = writeln!(out, "\nNote: {}", inline(note));
            }
            Some(note) => {
                out.push_str("\nNote:\n\n");
                out.push_str(&quote(note));
            }
            None => {}
        }

        let mut mine = intentions.get(&x.id).cloned().unwrap_or_default();
        mine.sort_by_key(|i| (i.set_at, i.id));
        if mine.is_empty() {
            out.push_str("\nNo intention was set for this session.\n");
        }
        for i in mine {
            // A session holds one intention; one set anew in its place
            // keeps its words here, marked as earlier.
            if let Some(replaced) = i.replaced_at {
                let _ = writeln!(
                    out,
                    "\n*An earlier intention*, set {}, set anew {}:\n",
                    self.at(i.set_at, FULL),
                    self.at(replaced, FULL)
                );
                out.push_str(&quote(&i.text));
                continue;
            }
            let _ = writeln!(out, "\n**Intention**, set {}:\n", self.at(i.set_at, FULL));
            out.push_str(&quote(&i.text));
            for e in &i.earlier_reflections {
                let when = e
                    .reflected_at
                    .map(|t| format!(", written {}", self.at(t, FULL)));
                let _ = writeln!(
                    out,
                    "\n*An earlier reflection*{}, written anew {}:\n",
                    when.unwrap_or_default(),
                    self.at(e.replaced_at, FULL)
                );
                out.push_str(&quote(&e.text));
            }
            match (&i.reflection, i.reflected_at) {
                (Some(r), at) => {
                    let when = at.map(|t| format!(", written {}", self.at(t, FULL)));
                    let _ = writeln!(out, "\n**Reflection**{}:\n", when.unwrap_or_default());
                    out.push_str(&quote(r));
                }
                (None, _) => out.push_str("\nNo reflection written yet.\n"),
            }
        }

        out.push_str("\n**Integration plan**\n\n");
        self.plan(out, &s.plan);

        let mut written = entries.get(&x.id).cloned().unwrap_or_default();
        written.sort_by_key(|e| (e.written_at, e.id));
        if written.is_empty() {
            out.push_str("\nNo journal entries were written in this session's window.\n");
        } else {
            out.push_str("\n**Journal entries written in this session's window**\n");
            for e in written {
                self.entry(out, e);
            }
        }
    }

    /// Each step as the suggestion it is, then what was done.
    ///
    /// Plain list items, no checkboxes: a column of boxes makes every row
    /// without a tick read as "not done", and a therapist would scan for
    /// the empty ones. Words say what was done and leave alone what was
    /// not: a step whose time passed is stated as the suggestion it was,
    /// a short night is "partly done", and the days of a many-day step
    /// that were not done are never listed.
    fn plan(&self, out: &mut String, items: &[PlanItem]) {
        // Day-based steps (meditation, sleep) come once a day; each kind
        // is summed up on one line, in the plan's own order of kinds.
        let mut kinds: Vec<PlanKind> = items.iter().map(|i| i.kind).collect();
        kinds.sort();
        kinds.dedup();
        let on = |d: NaiveDate| d.format("%a %-d %b").to_string();
        for kind in kinds {
            let mine: Vec<&PlanItem> = items.iter().filter(|i| i.kind == kind).collect();
            if !tracked(kind) {
                if let Some(one) = mine.first() {
                    let _ = writeln!(
                        out,
                        "- {} — a suggestion for {} to {}, not tracked",
                        kind.label(),
                        self.at(one.starts_at, SHORT),
                        self.at(one.ends_at, SHORT)
                    );
                }
                continue;
            }
            let detail = match mine.as_slice() {
                [one] => match (one.day, one.state) {
                    (Some(d), PlanState::Done) => format!("done ({})", on(d)),
                    (Some(d), PlanState::Partial) => format!("partly done ({})", on(d)),
                    (Some(d), PlanState::Passed | PlanState::Upcoming) => {
                        format!("a suggestion for {}", on(d))
                    }
                    (Some(d), PlanState::Open) => format!("a good time for it today, {}", on(d)),
                    (None, state) => {
                        let (from, to) =
                            (self.at(one.starts_at, SHORT), self.at(one.ends_at, SHORT));
                        match state {
                            PlanState::Done => "done".into(),
                            PlanState::Partial => "partly done".into(),
                            PlanState::Passed | PlanState::Upcoming => {
                                format!("a suggestion for {from} to {to}")
                            }
                            PlanState::Open => format!("a good time for it until {to}"),
                        }
                    }
                },
                many => {
                    let n = |state: PlanState| many.iter().filter(|i| i.state == state).count();
                    let (met, partly) = (n(PlanState::Done), n(PlanState::Partial));
                    let ahead = n(PlanState::Open) + n(PlanState::Upcoming);
                    let unit = if kind == PlanKind::Sleep {
                        ("night", "nights")
                    } else {
                        ("day", "days")
                    };
                    let days: Vec<NaiveDate> = many.iter().filter_map(|i| i.day).collect();
                    let mut d = match (met, partly, days.first(), days.last()) {
                        (0, 0, Some(first), Some(last)) => format!(
                            "a suggestion for each {} from {} to {}",
                            unit.0,
                            on(*first),
                            on(*last)
                        ),
                        (0, 0, _, _) => format!("a suggestion for each {}", unit.0),
                        (0, _, _, _) => {
                            format!(
                                "partly done {partly} of {}",
                                count(many.len(), unit.0, unit.1)
                            )
                        }
                        (_, 0, _, _) => {
                            format!("done {met} of {}", count(many.len(), unit.0, unit.1))
                        }
                        _ => format!(
                            "done {met} of {}, and partly {partly} more",
                            count(many.len(), unit.0, unit.1)
                        ),
                    };
                    if ahead > 0 && ahead < many.len() {
                        let _ = write!(d, "; {} still to come", count(ahead, unit.0, unit.1));
                    }
                    d
                }
            };
            let _ = writeln!(out, "- {} — {detail}", kind.label());
        }
        if items.is_empty() {
            out.push_str("- No plan steps for this session.\n");
        }
    }

    fn entry(&self, out: &mut String, e: &JournalEntry) {
        let mut head = format!("\n**{}**", self.at(e.written_at, FULL));
        if let Some(m) = e.mood {
            let _ = write!(head, " · mood {}/10", m.get());
        }
        if e.updated_at > e.written_at {
            let _ = write!(head, " · edited {}", self.at(e.updated_at, FULL));
        }
        head.push_str("\n\n");
        out.push_str(&head);
        out.push_str(&quote(&e.body));
    }

    fn planned(&self, out: &mut String) {
        out.push_str("\n## Planned sessions\n\n");
        let mut planned: Vec<&Session> = self
            .shown
            .sessions
            .iter()
            .filter(|s| !s.is_done())
            .collect();
        planned.sort_by_key(|s| (s.at, s.id));
        if planned.is_empty() {
            out.push_str("No sessions planned in this period.\n");
        }
        for s in &planned {
            let passed = if s.at < self.now {
                " (its time has passed without it being logged)"
            } else {
                ""
            };
            let dose = s.dose_mg.map(|d| format!(", {d} mg")).unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}: {}{dose}{passed}",
                self.at(s.at, FULL),
                s.kind.label()
            );
        }
        // The intentions that look ahead: each planned session's own and
        // the one waiting for the next session logged. Replaced ones are
        // history and stay out of this list.
        let intentions = &self.shown.intentions;
        let mut ahead: Vec<&crate::domain::Intention> = planned
            .iter()
            .filter_map(|s| intention::of_session(intentions, s.id))
            .chain(intention::waiting(intentions))
            .collect();
        ahead.sort_by_key(|i| (i.set_at, i.id));
        ahead.dedup_by_key(|i| i.id);
        for i in ahead {
            let _ = writeln!(
                out,
                "\n**Intention for the next session**, set {}:\n",
                self.at(i.set_at, FULL)
            );
            out.push_str(&quote(&i.text));
        }
        // An intention whose session was deleted keeps its reflection.
        let mut kept: Vec<_> = intentions
            .iter()
            .filter(|i| i.session.is_none() && i.reflection.is_some())
            .collect();
        kept.sort_by_key(|i| (i.set_at, i.id));
        for i in kept {
            let _ = writeln!(
                out,
                "\n**An intention whose session was deleted**, set {}:\n",
                self.at(i.set_at, FULL)
            );
            out.push_str(&quote(&i.text));
            if let Some(r) = &i.reflection {
                out.push_str("\n**Reflection**:\n\n");
                out.push_str(&quote(r));
            }
        }
    }

    fn other_entries(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Other journal entries\n\n");
        let under: HashSet<SessionId> = sessions.iter().map(|s| s.session.id).collect();
        let mut rest: Vec<&JournalEntry> = self
            .shown
            .journal
            .iter()
            .filter(|e| e.session.is_none_or(|s| !under.contains(&s)))
            .collect();
        if self.shown.journal.is_empty() {
            out.push_str("No journal entries in this period.\n");
            return;
        }
        if rest.is_empty() {
            out.push_str("None: every entry in this period is under its session above.\n");
            return;
        }
        rest.sort_by_key(|e| (e.written_at, e.id));
        // Not "outside any session's window": an entry in the window of a
        // session before --since is here too.
        out.push_str("Entries written outside the windows of the sessions above.\n");
        for e in rest {
            self.entry(out, e);
        }
    }

    fn therapy(&self, out: &mut String) {
        out.push_str("\n## Therapy and integration visits\n\n");
        let mut visits: Vec<_> = self.shown.therapy.iter().collect();
        if visits.is_empty() {
            out.push_str("No visits logged in this period.\n");
            return;
        }
        visits.sort_by_key(|v| (v.at, v.id));
        for v in visits {
            let _ = write!(out, "- {}", self.at(v.at, FULL));
            match words(v.note.as_deref()) {
                Some(note) if !note.contains(LINE_BREAKS) => {
                    let _ = writeln!(out, ": {}", inline(note));
                }
                Some(note) => {
                    // Indented so that a note's further lines stay in its
                    // list item.
                    out.push_str(":\n\n");
                    for line in quote(note).lines() {
                        let _ = writeln!(out, "  {line}");
                    }
                }
                None => out.push('\n'),
            }
        }
    }
}

/// More quiet weeks in a row than this make one line of a weekly table or
/// chart instead of a row each, so that the report's length follows what
/// was recorded rather than the years between the first record and the
/// last.
const QUIET_WEEKS: i64 = 4;

/// A row of a weekly table or chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    /// The week starting on this Monday.
    Week(NaiveDate),
    /// The weeks from the Monday `from` to the one starting on the Monday
    /// `to`, none of them busy.
    Quiet {
        from: NaiveDate,
        to: NaiveDate,
        weeks: i64,
    },
}

/// The rows from the week of Monday `first` to that of Monday `last`:
/// each `busy` week, and between them each quiet week, or one [`Span::Quiet`]
/// for a run of more than [`QUIET_WEEKS`]. As many rows as busy weeks, give
/// or take the runs, however far apart they are.
fn spans(first: NaiveDate, last: NaiveDate, busy: &BTreeSet<NaiveDate>) -> Vec<Span> {
    let week = chrono::Days::new(7);
    let mut out = Vec::new();
    let mut next = Some(first);
    let stops = busy.range(first..=last).map(|b| Some(*b)).chain([None]);
    for stop in stops {
        let Some(from) = next else { break };
        let quiet_to = match stop {
            Some(b) => b.checked_sub_days(week),
            None => Some(last),
        };
        if let Some(to) = quiet_to.filter(|to| *to >= from) {
            let weeks = time::days_between(from, to) / 7 + 1;
            if weeks > QUIET_WEEKS {
                out.push(Span::Quiet { from, to, weeks });
            } else {
                let mut w = Some(from);
                while let Some(one) = w.filter(|w| *w <= to) {
                    out.push(Span::Week(one));
                    w = one.checked_add_days(week);
                }
            }
        }
        if let Some(b) = stop {
            out.push(Span::Week(b));
            next = b.checked_add_days(week);
        }
    }
    out
}

/// The Sunday ending the week of Monday `monday`.
fn sunday_of(monday: NaiveDate) -> NaiveDate {
    monday
        .checked_add_days(chrono::Days::new(6))
        .unwrap_or(monday)
}

/// The Monday of a day's week.
fn week_of(day: NaiveDate) -> NaiveDate {
    let back = u64::from(day.weekday().num_days_from_monday());
    time::days_before(day, back).unwrap_or(day)
}

/// A mood from 1 to 10 as a bar of block characters, in eighths of a cell.
fn bar(mood: f64) -> String {
    let eighths = (mood.clamp(0.0, 10.0) / 10.0 * (BAR_CELLS * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    let part = eighths % 8;
    if part > 0 {
        s.push(EIGHTHS[part - 1]);
    }
    s
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Whether the report counts what was done of a kind of step. Going
/// gently is guidance: nobody is asked whether they went gently, so it is
/// shown as a suggestion and never counted, and a therapist cannot read
/// it as done.
fn tracked(kind: PlanKind) -> bool {
    kind != PlanKind::GoGently
}

/// A person's words inside a line of the report, escaped so that a
/// renderer shows them as written instead of acting on them: an HTML tag
/// or an autolink (`<img …>`, `<http://…>`) keeps its `<` as text, and a
/// `]` never opens a link target (`](` for `![](http://…)` or
/// `[x](javascript:…)`) or a link definition (`]:`), so the report holds
/// nothing a viewer would fetch or follow. Without definitions, reference
/// links such as `[x][r]` stay text as well.
///
/// The person's own backslashes are escaped too wherever Markdown would
/// read one (before punctuation, or ending the text): otherwise a `\` they
/// wrote before `<img …>` would escape the backslash added here, and the
/// tag would run after all.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let next = chars.peek();
        let opens = match c {
            '\\' => next.is_none_or(char::is_ascii_punctuation),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n)),
            ']' => next.is_some_and(|n| matches!(n, '(' | ':')),
            _ => false,
        };
        if opens {
            // A `\\` after a backslash shows as the one backslash written.
            if c == '<' {
                out.pop();
                out.push_str("\\<");
            } else {
                out.push('\\');
            }
        }
    }
    out
}

/// What Markdown reads as the end of a line.
const LINE_BREAKS: [char; 2] = ['\n', '\r'];

/// A table cell: one line, with the column separator escaped.
fn cell(s: &str) -> String {
    inline(&s.replace(['\n', '\r'], " ")).replace('|', "\\|")
}

/// A person's text as a block quote. Line breaks are kept (two trailing
/// spaces make a Markdown hard break), blank lines stay paragraph breaks,
/// and a line that Markdown would read as a rule or a heading underline is
/// escaped so that it shows as written.
fn quote(text: &str) -> String {
    // A lone CR ends a line in Markdown too; left inside a quoted line it
    // would start an unquoted one, where "# x" is a heading of the report.
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out.push_str(">\n");
            continue;
        }
        out.push_str("> ");
        let rule = line.chars().all(|c| "-=*_ ".contains(c));
        if rule {
            out.push('\\');
        }
        out.push_str(&inline(line));
        if lines.get(i + 1).is_some_and(|n| !n.is_empty()) {
            out.push_str("  ");
        }
        out.push('\n');
    }
    if lines.is_empty() {
        out.push_str("> (empty)\n");
    }
    out
}

/// Wraps the report's prose, list items and quotes at `width` display
/// columns, breaking only at spaces. Every added break is a soft one, so
/// the rendered report does not change: a line never begins with a word
/// that would open a block there (a list marker, a heading, a quote, a rule,
/// a fence, a table row, an HTML tag), nor follows a backslash, which would
/// make the break a hard one. A date keeps its parts together (no break
/// before a number or a month, or after a weekday), so that "Tue 3 Dec
/// 14:00" is never split. Headings, tables and the chart are kept whole,
/// and so is a quoted line that Markdown reads as a block of its own or
/// that starts with the person's own indentation, and any word longer
/// than a line.
fn wrap(md: &str, width: usize) -> String {
    let mut out = String::with_capacity(md.len() + md.len() / 32);
    let mut fenced = false;
    for line in md.lines() {
        let fence = line.starts_with("```");
        fenced ^= fence;
        let (first, rest) = prefixes(line);
        let text = &line[first.len()..];
        if fenced
            || fence
            || line.starts_with(['|', '#'])
            || line.width() <= width
            // A person's line that is itself a heading, a nested quote, a
            // fence or a table row cannot go on over a line break.
            || !text.split(' ').next().is_some_and(can_start_line)
        {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let (text, hard_break) = match text.strip_suffix("  ") {
            Some(t) => (t.trim_end(), "  "),
            None => (text, ""),
        };
        // Words that must stay together (a date, or a word that cannot
        // start a line with the one before it) make one piece; lines break
        // only between pieces.
        let mut pieces: Vec<String> = Vec::new();
        let mut last = "";
        for word in text.split(' ') {
            match pieces.last_mut() {
                Some(piece)
                    if !can_start_line(word) || last.ends_with('\\') || in_a_date(last, word) =>
                {
                    piece.push(' ');
                    piece.push_str(word);
                }
                _ => pieces.push(word.to_string()),
            }
            last = word;
        }
        let mut row = first.to_string();
        let mut row_width = first.width();
        let mut started = false;
        for piece in pieces {
            let w = piece.width();
            if started && row_width + 1 + w > width {
                out.push_str(row.trim_end());
                out.push('\n');
                row = rest.to_string();
                row_width = rest.width();
                started = false;
            }
            if started {
                row.push(' ');
                row_width += 1;
            }
            row.push_str(&piece);
            row_width += w;
            started = true;
        }
        out.push_str(&row);
        out.push_str(hard_break);
        out.push('\n');
    }
    out
}

/// The marker a report line starts with, and what its continuation lines
/// start with so that they stay in the same quote or list item.
fn prefixes(line: &str) -> (&str, &'static str) {
    for (first, rest) in [("  > ", "  > "), ("> ", "> "), ("- ", "  ")] {
        if line.starts_with(first) {
            return (first, rest);
        }
    }
    ("", "")
}

/// Whether a word may begin a wrapped line without Markdown reading it as
/// the start of a new block. An empty word (from a run of spaces) stays
/// where it is.
fn can_start_line(word: &str) -> bool {
    let Some(c) = word.chars().next() else {
        return false;
    };
    if c.is_whitespace() || "-+*#>=|`~<_:".contains(c) {
        return false;
    }
    // "1." or "12)" would start an ordered list.
    let after_digits = word.trim_start_matches(|c: char| c.is_ascii_digit());
    after_digits.len() == word.len() || !after_digits.starts_with(['.', ')'])
}

/// Whether `before` and `after` may be parts of one date or time, such as
/// "Tue 3 Dec 2024 14:00", which the report's dates are.
fn in_a_date(before: &str, after: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = after.trim_end_matches([',', '.', ';', ')', ':']);
    after.starts_with(|c: char| c.is_ascii_digit())
        || MONTHS.contains(&month)
        || WEEKDAYS.contains(&before)
}

/// A Markdown table padded to display width, so that it lines up as plain
/// text too; columns after the first are right-aligned numbers.
fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.width().max(3)).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String], right: bool| {
        let mut s = String::from("|");
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - c.width());
            if right && i > 0 {
                let _ = write!(s, " {pad}{c} |");
            } else {
                let _ = write!(s, " {c}{pad} |");
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(head, false);
    out.push('|');
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, " {} |", "-".repeat(*w));
        } else {
            let _ = write!(out, " {}: |", "-".repeat(w - 1));
        }
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(row, true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{day, export, now};
    use super::*;
    use chrono::FixedOffset;

    /// The report before wrapping, so that a test can look for a whole
    /// sentence; wrapping has tests of its own.
    fn report_utc(days: Days) -> String {
        unwrapped(&export(), days, &Settings::default(), now(), &Utc).unwrap()
    }

    #[test]
    fn the_report_has_every_section_in_order() {
        let md = report_utc(Days::ALL);
        let sections = [
            "# afterglow: integration report",
            NOT_MEDICAL_ADVICE,
            CRISIS,
            "## Summary",
            "## Mood over time",
            "## Habits week by week",
            "## Sessions, course by course",
            "### Course 1: 2 sessions, Mon 6 Apr 2026 to Thu 9 Apr 2026",
            "#### Session 1 of 2: Mon 6 Apr 2026 10:00",
            "#### Session 2 of 2: Thu 9 Apr 2026 10:00",
            "## Planned sessions",
            "## Other journal entries",
            "## Therapy and integration visits",
        ];
        let mut from = 0;
        for s in sections {
            let at = md[from..].find(s).unwrap_or_else(|| panic!("{s}\n{md}"));
            from += at + s.len();
        }
    }

    #[test]
    fn sessions_show_intention_reflection_plan_and_their_entries() {
        let md = report_utc(Days::ALL);
        let one = &md[md.find("#### Session 1").unwrap()..md.find("#### Session 2").unwrap()];
        for want in [
            "Infusion, 35 mg.",
            "> Calm; then a wave 🌊, a comma, and  \n> a new line; \\ too\n",
            "**Intention**, set Sun 5 Apr 2026 19:00:\n\n> Notice my breath\n",
            "**Reflection**, written Tue 7 Apr 2026 20:00:\n\n> I \\<b>did\\</b> notice it.\n",
            "**Integration plan**\n\n- Write about what came up — done\n",
            "- Therapy or an integration call — done\n",
            "- A 30-minute walk or jog — done (Tue 7 Apr)\n",
            "- 10-15 minutes of meditation — done 1 of 4 days\n",
            // 8 hours on 7 April, 6 on 8 April, nothing on 9 April.
            "- 7-9 hours of sleep — done 1 of 3 nights, and partly 1 more\n",
            "**Mon 6 Apr 2026 14:00**\n\n> Still hazy\n",
            "**Tue 7 Apr 2026 09:00** · mood 8/10\n\n> Slept well.  \n> Walked by the river.\n>\n> Felt | light.\n",
        ] {
            assert!(one.contains(want), "{want}\n---\n{one}");
        }
        let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
        // A step whose time passed is the suggestion it was, nothing more.
        assert!(
            two.contains(
                "- Therapy or an integration call — a suggestion for Fri 10 Apr 10:00 to \
                 Sun 12 Apr 10:00\n"
            ),
            "{two}"
        );
        assert!(two.contains("No intention was set for this session."));
    }

    #[test]
    fn mood_is_a_weekly_text_chart() {
        let md = report_utc(Days::ALL);
        let chart = &md[md.find("```text").unwrap()..];
        let chart = &chart[..3 + chart[3..].find("```").unwrap()];
        let rows: Vec<&str> = chart.lines().skip(1).collect();
        assert_eq!(
            rows,
            [
                "week of     mood                   avg  moods  sessions",
                "2026-04-06  ██████████████         7.0      2  ●●",
                "2026-04-13  ██████████             5.0      1",
            ]
        );
        assert_eq!(bar(6.25), "████████████▌");
        assert_eq!(bar(6.3), "████████████▋");
        assert_eq!(bar(10.0).chars().count(), BAR_CELLS);
        assert_eq!(bar(1.0), "██");
    }

    #[test]
    fn habits_are_counted_week_by_week() {
        let md = report_utc(Days::ALL);
        let start = md.find("## Habits week by week").unwrap();
        let part = &md[start..md.find("## Sessions").unwrap()];
        assert!(
            part.contains("Goals: Sleep 7\u{a0}h, Exercise 30\u{a0}min, Meditation 10\u{a0}min; yes-or-no habits count when ticked."),
            "{part}"
        );
        let rows: Vec<&str> = part.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(
            rows,
            [
                "| Week of    | Sleep | Exercise | Meditation | Walk, outside |",
                "| ---------- | ----: | -------: | ---------: | ------------: |",
                "| 2026-03-30 |   0/7 |      0/7 |        0/7 |           0/7 |",
                "| 2026-04-06 |   1/7 |      1/7 |        1/7 |           0/7 |",
                "| 2026-04-13 |   0/7 |      0/7 |        0/7 |           1/7 |",
                "| 2026-04-20 |   0/1 |      0/1 |        0/1 |           0/1 |",
            ]
        );
    }

    #[test]
    fn quiet_weeks_between_records_are_one_line() {
        let monday = |d: &str| day(d);
        let busy: BTreeSet<NaiveDate> = ["2026-01-05", "2026-01-19", "2026-03-30"]
            .into_iter()
            .map(monday)
            .collect();
        assert_eq!(
            spans(monday("2025-12-01"), monday("2026-04-06"), &busy),
            [
                Span::Quiet {
                    from: monday("2025-12-01"),
                    to: monday("2025-12-29"),
                    weeks: 5
                },
                Span::Week(monday("2026-01-05")),
                Span::Week(monday("2026-01-12")),
                Span::Week(monday("2026-01-19")),
                Span::Quiet {
                    from: monday("2026-01-26"),
                    to: monday("2026-03-23"),
                    weeks: 9
                },
                Span::Week(monday("2026-03-30")),
                Span::Week(monday("2026-04-06")),
            ]
        );
        // A mood written in year 1 and the fixture's of 2026: three rows
        // and one line, not 105,672 rows.
        let md = report_of(
            |e| {
                let mut old = e.journal[0].clone();
                old.written_at = super::super::fixture::at("0001-01-03T10:00:00Z");
                old.mood = crate::domain::Mood::new(4).ok();
                e.journal.push(old);
            },
            Days::ALL,
        );
        let chart = &md[md.find("```text").unwrap()..];
        let chart = &chart[..3 + chart[3..].find("```").unwrap()];
        let rows: Vec<&str> = chart.lines().skip(2).collect();
        assert_eq!(rows.len(), 4, "{chart}");
        assert_eq!(
            rows[1],
            "0001-01-08 to 2026-04-05: no mood and no session in these 105672 weeks"
        );
    }

    #[test]
    fn days_narrow_every_section() {
        let days = Days {
            since: Some(day("2026-04-08")),
            until: Some(day("2026-04-12")),
        };
        let md = report_utc(days);
        assert!(md.contains("From Wed 8 Apr 2026 to Sun 12 Apr 2026."));
        assert!(!md.contains("#### Session 1 of 2"));
        assert!(md.contains("#### Session 2 of 2"));
        assert!(md.contains("1 session is outside this report's dates."));
        assert!(!md.contains("Still hazy"));
        assert!(md.contains("No visits logged in this period."));
        assert!(md.contains("| 2026-04-06 |   0/5 |"), "{md}");
        assert!(md.contains("No sessions planned in this period."));
    }

    #[test]
    fn an_empty_history_reads_calmly() {
        let mut e = export();
        e.sessions.clear();
        e.journal.clear();
        e.intentions.clear();
        e.therapy.clear();
        let md = report(&e, Days::ALL, &Settings::default(), now(), &Utc).unwrap();
        for want in [
            "- No sessions\n",
            "No moods were recorded in this period.",
            "No sessions in this period.",
            "No visits logged in this period.",
        ] {
            assert!(md.contains(want), "{want}\n{md}");
        }
    }

    #[test]
    fn local_times_follow_the_zone() {
        let tz = FixedOffset::west_opt(5 * 3600).unwrap();
        let md = unwrapped(&export(), Days::ALL, &Settings::default(), now(), &tz).unwrap();
        assert!(md.contains("#### Session 1 of 2: Mon 6 Apr 2026 05:00"));
        assert!(md.contains("times are local (UTC-05:00 when written)"));
    }

    #[test]
    fn quotes_keep_words_and_structure() {
        assert_eq!(quote("a\nb\n\nc"), "> a  \n> b\n>\n> c\n");
        assert_eq!(quote("x\n---\n# h"), "> x  \n> \\---  \n> # h\n");
        assert_eq!(quote("   "), "> (empty)\n");
        assert_eq!(inline("1 < 2 and <script>"), "1 < 2 and \\<script>");
        assert_eq!(
            inline("![a](http://x/p.png) [b]: http://x [c][d] (e)"),
            "![a]\\(http://x/p.png) [b]\\: http://x [c][d] (e)"
        );
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        // The person's backslash before punctuation is doubled, so the
        // escape after it still holds; elsewhere it is left as typed.
        assert_eq!(inline(r"\<b> a\b \\<i> \"), r"\\\<b> a\b \\\\\<i> \\");
        assert_eq!(cell(r"\|"), r"\\\|");
    }

    /// The report of the fixture with `change` applied to its history.
    fn report_of(change: impl FnOnce(&mut History), days: Days) -> String {
        let mut e = export();
        change(&mut e);
        unwrapped(&e, days, &Settings::default(), now(), &Utc).unwrap()
    }

    #[test]
    fn a_replaced_intention_is_history_and_the_treatment_status_is_said() {
        use crate::domain::{Intention, IntentionId, TreatmentChange, TreatmentStatus};
        let md = report_of(
            |e| {
                // An earlier intention for session 1, set anew by the one
                // the fixture gives it, and an earlier waiting one.
                for (id, session, text) in [
                    (7, Some(SessionId(1)), "An older hope"),
                    (8, None, "An older wait"),
                ] {
                    e.intentions.push(Intention {
                        id: IntentionId(id),
                        session,
                        text: text.into(),
                        set_at: super::super::fixture::at("2026-04-04T19:00:00Z"),
                        reflection: None,
                        reflected_at: None,
                        replaced_at: Some(super::super::fixture::at("2026-04-05T19:00:00Z")),
                        earlier_reflections: Vec::new(),
                    });
                }
                e.treatment.push(TreatmentChange {
                    at: super::super::fixture::at("2026-04-20T09:00:00Z"),
                    status: TreatmentStatus::Finished,
                    note: Some("ketamine was a bridge".into()),
                });
            },
            Days::ALL,
        );
        assert!(
            md.contains("*An earlier intention*, set Sat 4 Apr 2026 19:00"),
            "{md}"
        );
        assert!(md.contains("> An older hope"), "{md}");
        // Only the current one looks ahead.
        let planned = &md[md.find("## Planned sessions").unwrap()..];
        assert!(!planned.contains("An older wait"), "{planned}");
        assert!(planned.contains("Be kind to myself"), "{planned}");
        assert!(md.contains("(2 later set anew)"), "{md}");
        assert!(
            md.contains(
                "- Sessions: finished; no more sessions planned, since Mon 20 Apr 2026; in \
                 their words: ketamine was a bridge\n"
            ),
            "{md}"
        );
    }

    /// Lines outside the chart and the tables, where prose lives.
    fn prose(md: &str) -> Vec<&str> {
        let mut fenced = false;
        md.lines()
            .filter(|l| {
                if l.starts_with("```") {
                    fenced = !fenced;
                    return false;
                }
                !fenced && !l.starts_with('|')
            })
            .collect()
    }

    #[test]
    fn going_gently_is_guidance_and_never_reported_as_done() {
        let md = report_utc(Days::ALL);
        // Nobody is asked whether they went gently, so the report must not
        // tell a therapist that they did.
        assert!(!md.contains("[x] Go gently"), "{md}");
        assert!(
            md.contains(
                "- Go gently: avoid confrontations, limit doomscrolling — a suggestion for \
                 Mon 6 Apr 10:00 to Wed 8 Apr 10:00, not tracked\n"
            ),
            "{md}"
        );
        // Session 1: journal, therapy, walk, 1 of 4 meditation days and
        // 1 of 3 nights, with a short night partly done; session 2: only
        // the journal. What was not done is not counted.
        assert!(
            md.contains(
                "- Integration plan: 6 steps done and 1 partly done (a day of meditation \
                 or a night of sleep is one step)\n"
            ),
            "{md}"
        );
    }

    #[test]
    fn entries_near_a_session_outside_the_dates_are_not_called_unlinked() {
        let days = Days {
            since: Some(day("2026-04-07")),
            until: Some(day("2026-04-15")),
        };
        let md = report_utc(days);
        let other = &md[md.find("## Other journal entries").unwrap()..];
        // Entry 2 was written in session 1's window; session 1 is left out.
        assert!(other.contains("> Slept well."), "{other}");
        assert!(!other.contains("outside any session's window"), "{other}");
        assert!(
            other.contains("Entries written outside the windows of the sessions above."),
            "{other}"
        );
        let none = report_of(|e| e.journal.clear(), Days::ALL);
        assert!(none.contains("## Other journal entries\n\nNo journal entries in this period.\n"));
    }

    #[test]
    fn blank_notes_are_left_out() {
        let md = report_of(
            |e| {
                e.sessions[0].note = Some("  \n ".into());
                e.therapy[0].note = Some("   ".into());
            },
            Days::ALL,
        );
        assert!(!md.contains("Note:"), "{md}");
        assert!(md.contains("- Tue 7 Apr 2026 15:00\n"), "{md}");
    }

    #[test]
    fn a_lone_carriage_return_cannot_break_out_of_a_quote() {
        for text in ["x\r# Title", "x\r\n---\ry", "one\rtwo"] {
            let q = quote(text);
            assert!(q.lines().all(|l| l.starts_with('>')), "{q:?}");
            assert!(!q.contains('\r'), "{q:?}");
        }
        let md = report_of(
            |e| {
                e.sessions[0].note = Some("calm\r# loud".into());
                e.therapy[0].note = Some("talked\r- and walked".into());
            },
            Days::ALL,
        );
        assert!(!md.contains('\r'), "{md}");
        assert!(md.contains("> calm  \n> # loud\n"), "{md}");
        assert!(md.contains("  > talked  \n  > - and walked\n"), "{md}");
    }

    #[test]
    fn prose_fits_80_columns_and_wraps_where_markdown_is_unchanged() {
        let long = "Walked by the river - slowly - and then # nothing; 1. not a list, \
                    > not a quote, <b> not a tag, and a line that goes on and on and on \
                    until it has to wrap somewhere sensible. 漢字の長い文章も入れておきます。 🌊 done";
        let mut e = export();
        e.journal[0].body = format!("{long}\nA second line.");
        e.sessions[1].note = Some(long.into());
        let md = report(&e, Days::ALL, &Settings::default(), now(), &Utc).unwrap();
        let lines = prose(&md);
        for line in &lines {
            assert!(line.width() <= 80, "{} columns: {line}", line.width());
        }
        // No line that wrapping began starts something Markdown would read
        // as a new block: the long note and entry each hold such words.
        let starts_block = |word: &str| {
            word.starts_with(['-', '#', '>', '<', '*', '+', '='])
                || word
                    .strip_suffix('.')
                    .is_some_and(|n| n.parse::<u32>().is_ok())
        };
        for pair in lines.windows(2) {
            let [before, line] = pair else { continue };
            let body = line
                .trim_start_matches("  ")
                .trim_start_matches('>')
                .trim_start();
            let continues = !before.is_empty() && !before.ends_with("  ") && *before != ">";
            if continues && !line.starts_with("- ") && !line.starts_with('#') {
                let first = body.split(' ').next().unwrap_or("");
                assert!(!starts_block(first), "{before}\n{line}");
            }
        }
        // The words are all there, in order, once the soft breaks are joined.
        let entry = &md[md.find("**Wed 15 Apr 2026 08:00**").unwrap()..];
        let quoted: Vec<&str> = entry
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('>'))
            .map(|l| l.trim_start_matches('>').trim())
            .collect();
        let shown = long.replace("<b>", "\\<b>");
        assert_eq!(quoted.join(" "), format!("{shown} A second line."));
        // The line break the person typed is still a hard break.
        assert!(entry.contains("done  \n> A second line.\n"), "{entry}");
    }

    #[test]
    fn many_habits_make_several_tables_that_each_fit() {
        let md = report_of(
            |e| {
                for n in 5..=12 {
                    e.habits.push(Habit {
                        id: HabitId(n),
                        name: format!("Habit number {n}"),
                        kind: HabitKind::YesNo,
                        role: crate::domain::HabitRole::Custom,
                        archived: false,
                        since: day("2026-04-01"),
                    });
                }
            },
            Days::ALL,
        );
        let part = &md[md.find("## Habits week by week").unwrap()..md.find("## Sessions").unwrap()];
        let heads: Vec<&str> = part
            .lines()
            .filter(|l| l.starts_with("| Week of"))
            .collect();
        assert!(heads.len() > 1, "{part}");
        for line in part.lines().filter(|l| l.starts_with('|')) {
            assert!(line.width() <= 80, "{line}");
        }
        // Every habit is in exactly one table.
        for n in 5..=12 {
            let name = format!("Habit number {n}");
            assert_eq!(
                heads.iter().filter(|h| h.contains(&name)).count(),
                1,
                "{name}"
            );
        }
        assert!(
            part.contains("; a dash means it was not being kept then."),
            "{part}"
        );
    }

    /// A done session at `when` (UTC), with nothing else about it.
    fn done_at(id: i64, when: &str) -> Session {
        Session {
            id: SessionId(id),
            at: super::super::fixture::at(&format!("{when}T10:00:00Z")),
            kind: crate::domain::SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status: crate::domain::SessionStatus::Done,
        }
    }

    /// The fixture's report with these sessions instead of its own, as of
    /// `now` (a UTC day, at noon).
    fn report_with(sessions: Vec<Session>, now: &str) -> String {
        let mut e = export();
        e.sessions = sessions;
        let now = super::super::fixture::at(&format!("{now}T12:00:00Z"));
        unwrapped(&e, Days::ALL, &Settings::default(), now, &Utc).unwrap()
    }

    /// A course of six in March 2026, then boosters four and eight weeks
    /// after it.
    fn course_of_six_and_two_boosters() -> Vec<Session> {
        [
            "2026-03-02",
            "2026-03-04",
            "2026-03-06",
            "2026-03-09",
            "2026-03-11",
            "2026-03-13",
            "2026-04-10",
            "2026-05-08",
        ]
        .iter()
        .zip(1..)
        .map(|(day, id)| done_at(id, day))
        .collect()
    }

    #[test]
    fn courses_and_boosters_are_counted_apart() {
        let md = report_with(course_of_six_and_two_boosters(), "2026-05-20");
        for want in [
            "- 8 sessions: 6 in 1 course and 2 boosters\n",
            "### Course 1: 6 sessions, Mon 2 Mar 2026 to Fri 13 Mar 2026\n",
            // A finished course's own count is a fact.
            "#### Session 3 of 6: Fri 6 Mar 2026 10:00\n",
            "### A booster session, Fri 10 Apr 2026\n\n#### Booster session: Fri 10 Apr 2026 10:00\n",
            "### A booster session, Fri 8 May 2026\n",
        ] {
            assert!(md.contains(want), "{want}\n{md}");
        }
        assert!(!md.contains("courses"), "{md}");
        assert!(!md.contains("Course 2"), "{md}");

        let one = report_with(course_of_six_and_two_boosters()[..7].to_vec(), "2026-05-20");
        assert!(
            one.contains("- 7 sessions: 6 in 1 course and 1 booster\n"),
            "{one}"
        );
        let first = report_with(vec![done_at(1, "2026-03-02")], "2026-05-20");
        assert!(first.contains("- 1 single session\n"), "{first}");
        assert!(
            first.contains(
                "### A single session, Mon 2 Mar 2026\n\n#### Session: Mon 2 Mar 2026 10:00\n"
            ),
            "{first}"
        );
        let apart = report_with(
            vec![done_at(1, "2026-01-05"), done_at(2, "2026-02-02")],
            "2026-05-20",
        );
        assert!(apart.contains("- 2 single sessions\n"), "{apart}");
        let mut then = vec![done_at(1, "2026-01-05")];
        then.extend(course_of_six_and_two_boosters().into_iter().skip(1).take(2));
        let then = report_with(then, "2026-05-20");
        assert!(
            then.contains("- 3 sessions: 2 in 1 course and 1 single session\n"),
            "{then}"
        );
        for md in [&md, &one, &first, &apart, &then] {
            let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
            for wrong in ["1 sessions", "1 courses", "1 boosters", "1 single sessions"] {
                assert!(!summary.contains(wrong), "{wrong}\n{summary}");
            }
        }
    }

    #[test]
    fn only_a_finished_course_speaks_of_integration_and_never_of_an_end() {
        let md = report_with(course_of_six_and_two_boosters(), "2026-05-20");
        assert!(
            md.contains(
                "\nFinished on Fri 13 Mar 2026. The integration guide suggests keeping the \
                 practices going for at least 4-8 weeks after a course; many keep them for \
                 good. Alcohol is best avoided during active treatment: the course and the \
                 weeks of integration after it.\n"
            ),
            "{md}"
        );
        // Once, for the course: nothing of the sort for its boosters.
        for once in ["Finished on", "4-8 weeks", "Alcohol"] {
            assert_eq!(md.matches(once).count(), 1, "{once}\n{md}");
        }
        for never in [
            "ends",
            "runs until",
            "at the longest",
            "weeks left",
            "days left",
        ] {
            assert!(!md.contains(never), "{never}\n{md}");
        }
        // The weeks come from the config.
        let settings = Settings {
            course: crate::domain::course::CourseConfig::from_units(7, 6, 8, 6, 12).unwrap(),
            ..Settings::default()
        };
        let mut e = export();
        e.sessions = course_of_six_and_two_boosters();
        let later = super::super::fixture::at("2026-05-20T12:00:00Z");
        let custom = unwrapped(&e, Days::ALL, &settings, later, &Utc).unwrap();
        assert!(
            custom.contains("at least 6-12 weeks after a course"),
            "{custom}"
        );
        // A single session is no course: no integration period, no
        // alcohol line.
        let single = report_with(vec![done_at(1, "2026-03-02")], "2026-05-20");
        assert!(!single.contains("Finished on"), "{single}");
        assert!(!single.contains("alcohol"), "{single}");
    }

    #[test]
    fn a_course_still_going_counts_only_what_is_known() {
        let course = course_of_six_and_two_boosters();
        // Two sessions, nothing planned: no total to count towards.
        let md = report_with(course[..2].to_vec(), "2026-03-05");
        assert!(
            md.contains("#### Session 2: Wed 4 Mar 2026 10:00\n"),
            "{md}"
        );
        assert!(
            md.contains(
                "In progress: 2 sessions so far. Alcohol is best avoided during active \
                 treatment: the course and the weeks of integration after it.\n"
            ),
            "{md}"
        );
        assert!(!md.contains(" of 2"), "{md}");
        // Two more planned: the person's own total.
        let mut planned = course[..2].to_vec();
        for (id, day) in [(3, "2026-03-06"), (4, "2026-03-09")] {
            let mut s = done_at(id, day);
            s.status = crate::domain::SessionStatus::Planned;
            planned.push(s);
        }
        let md = report_with(planned.clone(), "2026-03-05");
        assert!(
            md.contains("#### Session 2 of 4: Wed 4 Mar 2026 10:00\n"),
            "{md}"
        );
        assert!(
            md.contains("In progress: 2 of the 4 sessions planned so far."),
            "{md}"
        );
        // One session with more planned is a course of 1 session.
        planned.remove(1);
        let md = report_with(planned, "2026-03-03");
        assert!(
            md.contains("### Course 1: 1 session, Mon 2 Mar 2026\n"),
            "{md}"
        );
        assert!(
            md.contains("#### Session 1 of 3: Mon 2 Mar 2026 10:00\n"),
            "{md}"
        );
    }

    #[test]
    fn days_not_done_are_never_listed_or_called_missed() {
        let md = report_utc(Days::ALL);
        let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
        // Nothing was done on session 2's days: each is a suggestion.
        for want in [
            "- 10-15 minutes of meditation — a suggestion for each day from Thu 9 Apr to \
             Sun 12 Apr\n",
            "- 7-9 hours of sleep — a suggestion for each night from Fri 10 Apr to \
             Sun 12 Apr\n",
            "- A 30-minute walk or jog — a suggestion for Fri 10 Apr\n",
        ] {
            assert!(two.contains(want), "{want}\n{two}");
        }
        for word in ["missed", "Missed", "✗", "[ ]", "failed", "not done"] {
            assert!(!md.contains(word), "{word}\n{md}");
        }
    }

    #[test]
    fn steps_still_ahead_are_invitations() {
        // Two days into session 2's window.
        let now = super::super::fixture::at("2026-04-11T12:00:00Z");
        let md = unwrapped(&export(), Days::ALL, &Settings::default(), now, &Utc).unwrap();
        let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
        for want in [
            "- Therapy or an integration call — a good time for it until Sun 12 Apr 10:00\n",
            "- 10-15 minutes of meditation — a suggestion for each day from Thu 9 Apr to \
             Sun 12 Apr; 2 days still to come\n",
        ] {
            assert!(two.contains(want), "{want}\n{two}");
        }
        assert!(md.contains(" still to come (a day of meditation"), "{md}");
    }

    #[test]
    fn with_therapy_off_the_plan_has_no_therapy_step() {
        let settings = Settings {
            plan: crate::domain::PlanConfig {
                therapy: crate::domain::plan::TherapyRhythm::Off,
            },
            ..Settings::default()
        };
        let md = unwrapped(&export(), Days::ALL, &settings, now(), &Utc).unwrap();
        assert!(!md.contains("Therapy or an integration call"), "{md}");
        // Session 1's therapy step is not counted; the visit is still
        // listed as the person logged it.
        assert!(
            md.contains("- Integration plan: 5 steps done and 1 partly done ("),
            "{md}"
        );
        assert!(
            md.contains("- Tue 7 Apr 2026 15:00: Talked, about work\n"),
            "{md}"
        );
    }

    #[test]
    fn the_window_is_described_as_tentatively_as_the_sources() {
        let md = report_utc(Days::ALL);
        assert!(
            md.contains(
                "After a session, heightened plasticity typically lasts 24 to 72 hours, and \
                 some research suggests quieter remodelling may go on for a week or two."
            ),
            "{md}"
        );
    }

    #[test]
    fn the_top_says_it_is_no_medical_advice_and_where_help_is() {
        let md = report(&export(), Days::ALL, &Settings::default(), now(), &Utc).unwrap();
        let top = &md[..md.find("## Summary").unwrap()];
        // Wrapped at 80 columns inside its quote; the words are whole.
        let joined = top.replace("\n> ", " ").replace("\n>\n", "\n");
        assert!(joined.contains(NOT_MEDICAL_ADVICE), "{top}");
        assert!(joined.contains(CRISIS), "{top}");
        for n in crate::care::NUMBERS {
            assert!(top.contains(n), "{n} split in\n{top}");
        }
        assert!(top.lines().all(|l| l.width() <= 80), "{top}");
    }

    #[test]
    fn a_demo_decade_reads_without_a_word_of_failure() {
        use chrono::TimeZone as _;
        let tz = chrono_tz::Europe::Berlin;
        let now = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
        let demo = crate::demo::generate(10, crate::demo::DEFAULT_SEED, now, &tz).unwrap();
        let mut db = crate::store::Db::open_in_memory().unwrap();
        db.import(&crate::demo::batch(demo), false).unwrap();
        let e = db.export(now).unwrap();
        let settings = Settings::default();
        let md = report(&e, Days::ALL, &settings, now, &tz).unwrap();
        for word in ["missed", "Missed", "✗", "[ ]", "failed"] {
            assert!(!md.contains(word), "{word}");
        }
        // The summary counts what the domain finds, each kind apart.
        let runs = course::courses(&e.sessions, now, &settings.course);
        let of = |k: CourseKind| runs.iter().filter(|c| c.kind == k).count();
        let (courses, boosters) = (of(CourseKind::Course), of(CourseKind::Booster));
        assert!(courses > 1 && boosters > 1, "{courses} {boosters}");
        let in_courses: usize = runs.iter().filter(|c| c.is_course()).map(Course::len).sum();
        let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
        assert!(
            summary.contains(&format!(
                ": {in_courses} in {courses} courses and {boosters} boosters"
            )) || summary.contains(&format!(
                ": {in_courses} in {courses} courses, {boosters} boosters and "
            )),
            "{summary}"
        );
        assert_eq!(md.matches("\n### A booster session, ").count(), boosters);
        assert_eq!(md.matches("\n### Course ").count(), courses);
    }
}
