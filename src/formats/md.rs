//! The Markdown report: something a person can bring to their therapist.
//!
//! Course by course and session by session: the intention and the
//! reflection, the journal entries written in the session's window, the
//! integration plan with what was done and missed; then habit adherence
//! week by week and mood over time as a small text chart. It reads as plain
//! text (tables are padded, the chart is a block of text) and renders as
//! Markdown. Times are in the user's zone.
//!
//! The person's own words are quoted as they wrote them, in block quotes
//! so that nothing in them can break the report's structure; the only
//! change is that HTML tags are shown rather than run when rendered.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Display;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use unicode_width::UnicodeWidthStr;

use super::{Days, FormatError, Plans, local, select};
use crate::config::Settings;
use crate::domain::course::{self, Course, CourseStatus};
use crate::domain::plan::{PlanItem, PlanKind, PlanState};
use crate::domain::{Habit, HabitId, HabitKind, JournalEntry, Session, SessionId, Tick, time};
use crate::store::Export;

/// Said at the top of every report, as on the command line's help.
pub const NOT_MEDICAL_ADVICE: &str = "afterglow is a personal journal, not medical advice; \
questions about your treatment belong with your provider.";

const FULL: &str = "%a %-d %b %Y %H:%M";
const DAY: &str = "%a %-d %b %Y";
const SHORT: &str = "%a %-d %b %H:%M";

/// Cells of the mood bar for a mood of 10.
const BAR_CELLS: usize = 20;
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The report of `days` (every day when [`Days::ALL`]), as of `now`.
pub fn report<Tz>(
    full: &Export,
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
        plans: Plans::new(full),
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
    full: &'a Export,
    shown: &'a Export,
    days: Days,
    settings: &'a Settings,
    now: DateTime<Utc>,
    tz: &'a Tz,
    plans: Plans<'a>,
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
                let plan = self
                    .plans
                    .of(session, self.now, self.tz, &self.settings.window)?;
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
             > {NOT_MEDICAL_ADVICE}\n",
            self.at(self.now, FULL),
            self.at(self.now, "%:z"),
        );
    }

    fn summary(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Summary\n\n");
        let s = self.shown;
        let courses = self
            .courses_of(sessions)
            .iter()
            .filter(|(_, shown)| !shown.is_empty())
            .count();
        let planned = s.sessions.iter().filter(|x| !x.is_done()).count();
        let mut line = format!(
            "- {} in {}",
            count(sessions.len(), "session", "sessions"),
            count(courses, "course", "courses")
        );
        if planned > 0 {
            let _ = write!(line, ", and {planned} planned");
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
        let _ = writeln!(
            out,
            "- {} set, {} written",
            count(s.intentions.len(), "intention", "intentions"),
            count(reflected, "reflection", "reflections")
        );
        let mut states: BTreeMap<&str, usize> = BTreeMap::new();
        for item in sessions.iter().flat_map(|x| &x.plan) {
            *states.entry(item.state.as_str()).or_default() += 1;
        }
        let get = |k: &str| states.get(k).copied().unwrap_or(0);
        let _ = write!(
            out,
            "- Integration plan steps: {} done, {} missed",
            get("done"),
            get("missed")
        );
        let ahead = get("due") + get("upcoming");
        if ahead > 0 {
            let _ = write!(out, ", {ahead} still open");
        }
        out.push('\n');
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
        let mut week = first;
        while week <= last {
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
            match week.checked_add_days(chrono::Days::new(7)) {
                Some(next) => week = next,
                None => break,
            }
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
        let goals: Vec<String> = tracked
            .iter()
            .filter_map(|(h, _, _)| match &h.kind {
                HabitKind::Quantity { unit, target } => {
                    Some(format!("{} {target} {unit}", inline(&h.name)))
                }
                HabitKind::YesNo => None,
            })
            .collect();
        let _ = write!(
            out,
            "Days each habit's daily goal was met, out of the days it was kept \
             that week (- when it was not kept yet)."
        );
        if !goals.is_empty() {
            let _ = write!(out, " Goals: {}", goals.join(", "));
            if tracked.iter().any(|(h, _, _)| h.kind == HabitKind::YesNo) {
                out.push_str("; yes-or-no habits count when ticked");
            }
            out.push('.');
        }
        out.push_str("\n\n");

        let mut head = vec!["Week of".to_string()];
        head.extend(tracked.iter().map(|(h, _, _)| cell(&h.name)));
        let mut rows = Vec::new();
        let mut week = week_of(start);
        while week <= end {
            let mut row = vec![week.to_string()];
            for (h, from, to) in &tracked {
                let (mut met, mut kept) = (0, 0);
                for d in week.iter_days().take(7) {
                    if d < start || d > end || d < *from || d > *to {
                        continue;
                    }
                    kept += 1;
                    if h.is_met(ticks.get(&(h.id, d)).copied()) {
                        met += 1;
                    }
                }
                row.push(if kept == 0 {
                    "-".into()
                } else {
                    format!("{met}/{kept}")
                });
            }
            rows.push(row);
            match week.checked_add_days(chrono::Days::new(7)) {
                Some(next) => week = next,
                None => break,
            }
        }
        out.push_str(&table(&head, &rows));
    }

    /// The courses of the whole history, each with its sessions that are
    /// on the report's days.
    fn courses_of<'s>(&self, sessions: &'s [Shown<'a>]) -> Vec<(Course, Vec<&'s Shown<'a>>)> {
        let by_id: HashMap<SessionId, &Shown<'a>> =
            sessions.iter().map(|s| (s.session.id, s)).collect();
        course::courses(&self.full.sessions, &self.settings.course)
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
            if c.is_booster() {
                let _ = writeln!(
                    out,
                    "\n### Course {}: a booster session, {}\n",
                    c.number,
                    day(c.first_at)
                );
            } else {
                let _ = writeln!(
                    out,
                    "\n### Course {}: {}, {} to {}\n",
                    c.number,
                    count(c.len(), "session", "sessions"),
                    day(c.first_at),
                    day(c.last_at)
                );
            }
            match course::status(&c, &self.full.sessions, self.now, cfg) {
                CourseStatus::InProgress if c.is_booster() => {
                    let _ = write!(
                        out,
                        "In progress: a session within {} of this one would continue the course.",
                        count(cfg.gap().num_days().max(0) as usize, "day", "days")
                    );
                }
                CourseStatus::InProgress => {
                    let (min, max) = cfg.induction_range();
                    let _ = write!(
                        out,
                        "In progress: {} of the planned {min} to {max} sessions so far.",
                        c.len()
                    );
                }
                CourseStatus::Finished => match course::integration(&c, self.now, cfg) {
                    Ok(p) => {
                        let _ = write!(
                            out,
                            "Finished. Its integration period runs until {} at the \
                             shortest and {} at the longest.",
                            day(p.min_ends_at),
                            day(p.max_ends_at)
                        );
                    }
                    Err(_) => out.push_str("Finished."),
                },
            }
            let outside = c.len() - shown.len();
            if outside > 0 {
                let _ = write!(
                    out,
                    " {} outside this report's dates.",
                    count(outside, "session is", "sessions are")
                );
            }
            out.push('\n');
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
        match c.position(x.id) {
            Some(_) if c.is_booster() => {
                let _ = writeln!(out, "\n#### Booster session: {when}\n");
            }
            Some(n) => {
                let _ = writeln!(out, "\n#### Session {n} of {}: {when}\n", c.len());
            }
            None => {
                let _ = writeln!(out, "\n#### Session: {when}\n");
            }
        }
        let kind = x.kind.label();
        match x.dose_mg {
            Some(d) => {
                let _ = writeln!(out, "{}, {d} mg.", capital(kind));
            }
            None => {
                let _ = writeln!(out, "{}.", capital(kind));
            }
        }
        match &x.note {
            Some(note) if !note.trim().contains('\n') => {
                let _ = writeln!(out, "\nNote: {}", inline(note.trim()));
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
            let _ = writeln!(out, "\n**Intention**, set {}:\n", self.at(i.set_at, FULL));
            out.push_str(&quote(&i.text));
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

    fn plan(&self, out: &mut String, items: &[PlanItem]) {
        // Day-based steps (meditation, sleep) come once a day; each kind
        // is summed up on one line, in the plan's own order of kinds.
        let mut kinds: Vec<PlanKind> = items.iter().map(|i| i.kind).collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            let mine: Vec<&PlanItem> = items.iter().filter(|i| i.kind == kind).collect();
            let done = mine.iter().all(|i| i.state == PlanState::Done);
            let mark = if done { "[x]" } else { "[ ]" };
            let detail = match (mine.as_slice(), kind) {
                ([one], PlanKind::Exercise) => match one.day {
                    Some(day) => format!("{} ({})", one.state.as_str(), day.format("%a %-d %b")),
                    None => one.state.as_str().to_string(),
                },
                ([one], _) => {
                    let (from, to) = (self.at(one.starts_at, SHORT), self.at(one.ends_at, SHORT));
                    match one.state {
                        PlanState::Done => "done".into(),
                        PlanState::Missed => format!("missed (the time for it was {from} to {to})"),
                        PlanState::Due => format!("due until {to}"),
                        PlanState::Upcoming => format!("upcoming, {from} to {to}"),
                    }
                }
                (many, _) => {
                    let met = many.iter().filter(|i| i.state == PlanState::Done).count();
                    let unit = if kind == PlanKind::Sleep {
                        ("night", "nights")
                    } else {
                        ("day", "days")
                    };
                    let mut d = format!("done {met} of {}", count(many.len(), unit.0, unit.1));
                    let missed: Vec<String> = many
                        .iter()
                        .filter(|i| i.state == PlanState::Missed)
                        .filter_map(|i| i.day)
                        .map(|day| day.format("%a %-d %b").to_string())
                        .collect();
                    if !missed.is_empty() {
                        let _ = write!(d, "; missed {}", missed.join(", "));
                    }
                    let open = many
                        .iter()
                        .filter(|i| matches!(i.state, PlanState::Due | PlanState::Upcoming))
                        .count();
                    if open > 0 {
                        let _ = write!(d, "; {} still to come", count(open, unit.0, unit.1));
                    }
                    d
                }
            };
            let _ = writeln!(out, "- {mark} {} — {detail}", kind.label());
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
        let planned_ids: HashSet<SessionId> = planned.iter().map(|s| s.id).collect();
        let mut waiting: Vec<_> = self
            .shown
            .intentions
            .iter()
            .filter(|i| i.session.is_none_or(|s| planned_ids.contains(&s)))
            .collect();
        waiting.sort_by_key(|i| (i.set_at, i.id));
        for i in waiting {
            let _ = writeln!(
                out,
                "\n**Intention for the next session**, set {}:\n",
                self.at(i.set_at, FULL)
            );
            out.push_str(&quote(&i.text));
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
        if rest.is_empty() {
            out.push_str("None: every entry in this period is under its session above.\n");
            return;
        }
        rest.sort_by_key(|e| (e.written_at, e.id));
        out.push_str("Entries written outside any session's window.\n");
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
            match &v.note {
                Some(note) if !note.trim().contains('\n') => {
                    let _ = writeln!(out, ": {}", inline(note.trim()));
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

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn capital(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's words inside a line of the report: HTML tags are escaped so
/// that a renderer shows them instead of running them.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table cell: one line, with the column separator escaped.
fn cell(s: &str) -> String {
    inline(&s.replace(['\n', '\r'], " ")).replace('|', "\\|")
}

/// A person's text as a block quote. Line breaks are kept (two trailing
/// spaces make a Markdown hard break), blank lines stay paragraph breaks,
/// and a line that Markdown would read as a rule or a heading underline is
/// escaped so that it shows as written.
fn quote(text: &str) -> String {
    let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
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

    fn report_utc(days: Days) -> String {
        report(&export(), days, &Settings::default(), now(), &Utc).unwrap()
    }

    #[test]
    fn the_report_has_every_section_in_order() {
        let md = report_utc(Days::ALL);
        let sections = [
            "# afterglow: integration report",
            NOT_MEDICAL_ADVICE,
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
            "- [x] Journal what came up — done\n",
            "- [x] Therapy or integration call — done\n",
            "- [x] 30-minute walk or exercise — done (Tue 7 Apr)\n",
            "- [ ] Meditate 10-15 minutes — done 1 of 4 days; missed Tue 7 Apr, Wed 8 Apr, Thu 9 Apr\n",
            "- [ ] Sleep 7-9 hours — done 1 of 3 nights; missed Wed 8 Apr, Thu 9 Apr\n",
            "**Mon 6 Apr 2026 14:00**\n\n> Still hazy\n",
            "**Tue 7 Apr 2026 09:00** · mood 8/10\n\n> Slept well.  \n> Walked by the river.\n>\n> Felt | light.\n",
        ] {
            assert!(one.contains(want), "{want}\n---\n{one}");
        }
        let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
        assert!(two.contains("- [ ] Therapy or integration call — missed (the time for it was Fri 10 Apr 10:00 to Sun 12 Apr 10:00)"), "{two}");
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
            part.contains("Goals: Sleep 7 h, Exercise 30 min, Meditation 10 min; yes-or-no habits count when ticked."),
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
            "- 0 sessions in 0 courses",
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
        let md = report(&export(), Days::ALL, &Settings::default(), now(), &tz).unwrap();
        assert!(md.contains("#### Session 1 of 2: Mon 6 Apr 2026 05:00"));
        assert!(md.contains("times are local (UTC-05:00 when written)"));
    }

    #[test]
    fn quotes_keep_words_and_structure() {
        assert_eq!(quote("a\nb\n\nc"), "> a  \n> b\n>\n> c\n");
        assert_eq!(quote("x\n---\n# h"), "> x  \n> \\---  \n> # h\n");
        assert_eq!(quote("   "), "> (empty)\n");
        assert_eq!(inline("1 < 2 and <script>"), "1 < 2 and \\<script>");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
