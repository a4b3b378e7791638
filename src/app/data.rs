//! What the dashboard has loaded from the store, and what it derives from
//! that at `now`. Drawing reads only these; it never queries anything.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::effect::EntryKey;
pub use super::pages::{EntryHead, EntryWindow};
use crate::config::Settings;
use crate::domain::attach::{self, Leading};
use crate::domain::course::{self, CourseView};
use crate::domain::draft::StoredDraft;
use crate::domain::habit::{self, HabitStats};
use crate::domain::plan::{self, PlanItem, PlanKind, PlanState};
use crate::domain::plasticity::{self, Countdown, Governor, Phase};
use crate::domain::{
    Habit, HabitId, Intention, JournalEntry, JournalId, Session, SessionId, SessionStatus,
    TherapyId, TherapyVisit, Tick, TreatmentChange, intention, session, time, treatment,
};
use crate::zone::Zone;

/// How many journal entries one page of the journal pane reads.
pub const PAGE: usize = 200;
/// The most entries the journal pane holds at once: moving on past that
/// lets go of the pages at the other end of the window.
pub const MAX_HELD: usize = 5 * PAGE;
/// How far back the dashboard reads at first: a year (a leap year's
/// too: the same day a year ago is reachable) covers the habit grid,
/// every open window and a year's run-up for habit strength. Older history
/// is one key away (the timeline's last row).
pub const RECENT_DAYS: u32 = 366;
/// How many days of habit history the grid holds: today and the
/// [`RECENT_DAYS`] before it, all of them in what was read at first.
pub const GRID_DAYS: usize = RECENT_DAYS as usize + 1;

/// A snapshot of the database.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Data {
    pub sessions: Vec<Session>,
    pub intentions: Vec<Intention>,
    /// The journal pane's window: a stretch of the whole journal, newest
    /// first, starting at place `entry_offset` of `entry_count`. The pane
    /// moves it a page at a time (`Effect::Entries`).
    pub entries: Vec<JournalEntry>,
    /// The place of `entries[0]` in the whole newest-first journal.
    pub entry_offset: usize,
    /// How many entries the journal holds in all.
    pub entry_count: usize,
    /// The head of every entry in the history read (see `since`), newest
    /// first: the timeline's rows.
    pub heads: Vec<EntryHead>,
    /// An entry read whole to be shown over the dashboard, when the
    /// timeline holds only its head.
    pub opened: Option<JournalEntry>,
    /// Every entry a search or a tag found, newest first, by key: the
    /// true count, and where each is.
    pub found_keys: Vec<EntryKey>,
    /// A window of what was found, read whole: `found_keys` from place
    /// `found_offset` on, moved a page at a time as the selection moves.
    pub found: Vec<JournalEntry>,
    pub found_offset: usize,
    pub entry_times: Vec<DateTime<Utc>>,
    pub habits: Vec<Habit>,
    /// Archived habits, for the habits pane's list of them (restore).
    pub archived_habits: Vec<Habit>,
    pub ticks: Vec<Tick>,
    pub therapy: Vec<TherapyVisit>,
    /// Each time the person said they were pausing, finished or back.
    pub treatment: Vec<TreatmentChange>,
    /// Every kept journal draft, oldest first: usually none or one, more
    /// when several editors (dashboards) each left one.
    pub drafts: Vec<StoredDraft>,
    /// SQLite's data_version when this was read, to notice other writers.
    pub version: i64,
    /// `Some` when journal times and habit ticks were read from this
    /// instant on only (see `effect::load`); `None` for all history.
    pub since: Option<DateTime<Utc>>,
}

impl Data {
    /// The entry with this id, wherever the dashboard holds it: the
    /// journal's window, what a search found, or the timeline's.
    pub fn entry(&self, id: JournalId) -> Option<&JournalEntry> {
        self.entries
            .iter()
            .chain(&self.found)
            .chain(&self.opened)
            .find(|e| e.id == id)
    }

    /// The head of the entry written at `at` with this id, when the
    /// timeline holds it: found by halving, as a search looks at every row.
    pub fn head(&self, at: DateTime<Utc>, id: JournalId) -> Option<&EntryHead> {
        let i = self
            .heads
            .binary_search_by(|h| (at, id).cmp(&(h.written_at, h.id)))
            .ok()?;
        self.heads.get(i)
    }

    /// Lets go of what a search or tag found.
    pub fn forget_found(&mut self) {
        self.found_keys.clear();
        self.found.clear();
        self.found_offset = 0;
    }

    /// Whether what happened at `at` lies in the history that was read.
    pub fn covers(&self, at: DateTime<Utc>) -> bool {
        self.since.is_none_or(|since| at >= since)
    }
}

/// How a habit did on one day in the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayMark {
    Met,
    Partial,
    Empty,
    /// Before the habit existed.
    Before,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HabitRow {
    pub habit: Habit,
    pub stats: HabitStats,
    /// The last [`GRID_DAYS`] days, oldest first, ending today, whatever
    /// the habit's schedule (a weekly habit's days show as a daily one's).
    pub days: Vec<(NaiveDate, DayMark, Option<f64>)>,
}

/// One line of the timeline, newest first.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    Now,
    Session(SessionId),
    /// A session's plan items that fall on one local day.
    Plan {
        session: SessionId,
        items: Vec<PlanItem>,
    },
    Entry(JournalId),
    Therapy(TherapyId),
    /// The last row while only recent history is loaded: what lies before
    /// it, and Enter reads it all.
    Earlier {
        sessions: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub at: DateTime<Utc>,
    pub day: NaiveDate,
    pub kind: RowKind,
    /// The window phase at this row's time, for the band in the gutter.
    pub phase: Option<Phase>,
    /// A session's place in its course, for session rows.
    pub course: Option<CourseMark>,
}

/// Where a session stands in its course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseMark {
    Booster,
    /// The `position`th session of course `number` (`None` for a course
    /// that has no number).
    Position {
        position: usize,
        number: Option<usize>,
    },
}

/// Everything derived from [`Data`] at one instant.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub now: Option<DateTime<Utc>>,
    pub today: Option<NaiveDate>,
    pub countdown: Option<Countdown>,
    pub course: Option<CourseView>,
    /// The integration plan of every done session, by session.
    pub plans: HashMap<SessionId, Vec<PlanItem>>,
    pub next_planned: Option<Session>,
    pub habits: Vec<HabitRow>,
    pub timeline: Vec<TimelineRow>,
    /// The intention the Intention pane leads with, and what for.
    pub leading: Option<Leading>,
    /// The session a new intention would be for.
    pub intention_target: Option<SessionId>,
    /// The last session's intention, once the acute phase is over and while
    /// it has no reflection yet: the pane asks how it landed.
    pub reflect_on: Option<Intention>,
    /// The person said they are pausing or have finished, and no session
    /// came after: the header shows no countdown, only the practices.
    pub resting: Option<TreatmentChange>,
    /// Planned sessions whose time has passed without being logged; the
    /// dashboard asks, once, whether each happened.
    pub passed_plans: Vec<Session>,
    /// Problems met while deriving (out-of-range dates); shown, not fatal.
    pub problems: Vec<String>,
}

impl View {
    /// Recomputes everything from `data` at `now`.
    pub fn compute(data: &Data, now: DateTime<Utc>, zone: &Zone, settings: &Settings) -> View {
        let mut problems = Vec::new();
        let mut note = |e: crate::domain::DomainError| problems.push(e.to_string());
        let today = time::local_date(now, zone);
        let countdown = plasticity::countdown(&data.sessions, now, &settings.window)
            .map_err(&mut note)
            .ok()
            .flatten();
        let course = course::current(&data.sessions, now, &settings.course)
            .map_err(&mut note)
            .ok()
            .flatten();
        // Sorted once, so that each plan is handed only its own window.
        let mut ticks = data.ticks.clone();
        ticks.sort_by_key(|t| t.day);
        let mut entry_times = data.entry_times.clone();
        entry_times.sort();
        let mut therapy_times: Vec<DateTime<Utc>> = data.therapy.iter().map(|t| t.at).collect();
        therapy_times.sort();
        let mut plans: HashMap<SessionId, Vec<PlanItem>> = HashMap::new();
        let history = plan::History {
            journal_times: &entry_times,
            therapy_times: &therapy_times,
            habits: &data.habits,
            ticks: &ticks,
        };
        for s in data
            .sessions
            .iter()
            .filter(|s| s.is_done() && data.covers(s.at))
        {
            match history.plan_for(s, now, zone, &settings.window, &settings.plan) {
                Ok(items) => {
                    plans.insert(s.id, items);
                }
                Err(e) => note(e),
            }
        }
        let habits = habit_rows(data, today, zone, settings.half_life_days);
        let timeline = timeline_rows(data, &plans, now, zone, settings);
        let reflect_on = countdown
            .as_ref()
            .filter(|c| c.phase > Phase::Acute && c.phase < Phase::Closed)
            .and_then(|c| intention::of_session(&data.intentions, c.session))
            .filter(|i| i.reflection.is_none())
            .cloned();
        let resting = treatment::resting(&data.treatment, &data.sessions, now).cloned();
        let leading = leading(data, countdown.as_ref(), resting.as_ref(), now);
        View {
            now: Some(now),
            today: Some(today),
            countdown,
            course,
            plans,
            next_planned: session::next_planned(&data.sessions, now).cloned(),
            habits,
            timeline,
            leading,
            intention_target: crate::domain::intention::target_session(&data.sessions, now),
            reflect_on,
            resting,
            passed_plans: session::passed_plans(&data.sessions, now, settings.window.acute_end())
                .cloned()
                .collect(),
            problems,
        }
    }

    /// Only the countdown moves every second; the rest waits for new data
    /// or a new minute.
    pub fn tick(&mut self, data: &Data, now: DateTime<Utc>, settings: &Settings) {
        self.now = Some(now);
        self.countdown = plasticity::countdown(&data.sessions, now, &settings.window)
            .ok()
            .flatten();
        // A window closes at any second, and the pane's lead with it.
        self.leading = leading(data, self.countdown.as_ref(), self.resting.as_ref(), now);
    }

    /// The plan of the session that governs the countdown.
    pub fn plan(&self) -> &[PlanItem] {
        self.countdown
            .as_ref()
            .and_then(|c| self.plans.get(&c.session))
            .map_or(&[], Vec::as_slice)
    }

    /// What the header invites next: a step it is a good time for now
    /// (writing first, as the integration guide puts it, then therapy, the
    /// walk, meditation), or else the next one ahead. Going gently is
    /// guidance, never a step; today's sleep item is last night's, so only
    /// the coming night is invited.
    pub fn next_step(&self) -> Option<&PlanItem> {
        let items = self.plan();
        let invitable = |i: &&PlanItem| !matches!(i.kind, PlanKind::GoGently);
        items
            .iter()
            .filter(invitable)
            .filter(|i| i.state == PlanState::Open && i.kind != PlanKind::Sleep)
            .min_by_key(|i| (i.kind, i.starts_at))
            .or_else(|| {
                items
                    .iter()
                    .filter(invitable)
                    .find(|i| i.state == PlanState::Upcoming)
            })
    }
}

fn habit_rows(data: &Data, today: NaiveDate, zone: &Zone, half_life: f64) -> Vec<HabitRow> {
    let from = data.since.map(|t| time::local_date(t, zone));
    let mut by_habit: HashMap<HabitId, Vec<Tick>> = HashMap::new();
    for t in &data.ticks {
        by_habit.entry(t.habit).or_default().push(*t);
    }
    let first = time::days_before(today, GRID_DAYS as u64 - 1).unwrap_or(today);
    data.habits
        .iter()
        .map(|h| {
            let ticks = by_habit.remove(&h.id).unwrap_or_default();
            let stats = match from {
                Some(from) => habit::stats_since(h, &ticks, today, half_life, from),
                None => habit::stats(h, &ticks, today, half_life),
            };
            let lookup: HashMap<NaiveDate, &Tick> = ticks.iter().map(|t| (t.day, t)).collect();
            let mut days = Vec::with_capacity(GRID_DAYS);
            let mut d = first;
            while d <= today {
                let tick = lookup.get(&d).copied();
                let credit = h.credit(tick);
                let mark = if credit >= 1.0 {
                    DayMark::Met
                } else if tick.is_some() {
                    DayMark::Partial
                } else if d < h.since {
                    DayMark::Before
                } else {
                    DayMark::Empty
                };
                days.push((d, mark, tick.and_then(|t| t.amount)));
                match time::next_day(d) {
                    Some(n) => d = n,
                    None => break,
                }
            }
            HabitRow {
                habit: h.clone(),
                stats,
                days,
            }
        })
        .collect()
}

fn timeline_rows(
    data: &Data,
    plans: &HashMap<SessionId, Vec<PlanItem>>,
    now: DateTime<Utc>,
    zone: &Zone,
    settings: &Settings,
) -> Vec<TimelineRow> {
    let mut rows: Vec<(DateTime<Utc>, u8, RowKind)> = Vec::new();
    rows.push((now, 2, RowKind::Now));
    for s in data.sessions.iter().filter(|s| data.covers(s.at)) {
        rows.push((s.at, 1, RowKind::Session(s.id)));
    }
    // One plan row per local day. Daily practices are the same whichever
    // window a day falls in, so when windows overlap they are listed once,
    // under the newest session.
    let mut newest_first: Vec<(&SessionId, &Vec<PlanItem>)> = plans.iter().collect();
    newest_first.sort_by_key(|(_, items)| std::cmp::Reverse(items.first().map(|i| i.starts_at)));
    let mut seen_daily: std::collections::HashSet<(PlanKind, NaiveDate)> = Default::default();
    let mut by_day: std::collections::BTreeMap<NaiveDate, (SessionId, Vec<PlanItem>)> =
        Default::default();
    for (session, items) in newest_first {
        for item in items {
            if matches!(item.kind, PlanKind::Meditation | PlanKind::Sleep)
                && let Some(day) = item.day
                && !seen_daily.insert((item.kind, day))
            {
                continue;
            }
            let day = time::local_date(item.starts_at, zone);
            by_day
                .entry(day)
                .or_insert_with(|| (*session, Vec::new()))
                .1
                .push(item.clone());
        }
    }
    for (day, (session, mut items)) in by_day {
        items.sort_by_key(|i| (i.starts_at, i.kind));
        // A day's plan sits at the bottom of that day, below its events.
        let at = time::start_of_day(day, zone).unwrap_or(items[0].starts_at);
        rows.push((at, 0, RowKind::Plan { session, items }));
    }
    for e in data.heads.iter().filter(|e| data.covers(e.written_at)) {
        rows.push((e.written_at, 3, RowKind::Entry(e.id)));
    }
    for t in data.therapy.iter().filter(|t| data.covers(t.at)) {
        rows.push((t.at, 3, RowKind::Therapy(t.id)));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    if let Some(since) = data.since {
        let sessions = data.sessions.iter().filter(|s| s.at < since).count();
        if sessions > 0 {
            rows.push((since, 0, RowKind::Earlier { sessions }));
        }
    }
    let governor = Governor::new(&data.sessions);
    let marks = course_marks(data, now, settings);
    rows.into_iter()
        .map(|(at, _, kind)| {
            let phase =
                if at > now && kind != RowKind::Now || matches!(kind, RowKind::Earlier { .. }) {
                    None
                } else {
                    done_phase(&governor, at, settings)
                };
            let course = match kind {
                RowKind::Session(id) => marks.get(&id).copied(),
                _ => None,
            };
            TimelineRow {
                at,
                day: time::local_date(at, zone),
                kind,
                phase,
                course,
            }
        })
        .collect()
}

/// The leading intention: in a session's main window (unless the person
/// is resting), that session's own.
fn leading(
    data: &Data,
    countdown: Option<&Countdown>,
    resting: Option<&TreatmentChange>,
    now: DateTime<Utc>,
) -> Option<Leading> {
    let window = countdown
        .filter(|c| c.in_main_window() && resting.is_none())
        .map(|c| (c.session, c.session_at));
    attach::leading(&data.intentions, &data.sessions, window, now)
}

/// Each session's place in its course, by session.
fn course_marks(
    data: &Data,
    now: DateTime<Utc>,
    settings: &Settings,
) -> HashMap<SessionId, CourseMark> {
    let mut marks = HashMap::new();
    for c in course::courses(&data.sessions, now, &settings.course) {
        for id in &c.sessions {
            let mark = if c.is_booster() {
                Some(CourseMark::Booster)
            } else {
                match (c.number, c.position(*id)) {
                    (Some(n), Some(position)) => Some(CourseMark::Position {
                        position,
                        number: (n > 1).then_some(n),
                    }),
                    _ => None,
                }
            };
            if let Some(m) = mark {
                marks.entry(*id).or_insert(m);
            }
        }
    }
    marks
}

fn done_phase(governor: &Governor<'_>, at: DateTime<Utc>, settings: &Settings) -> Option<Phase> {
    let s = governor.at(at)?;
    debug_assert!(s.status == SessionStatus::Done);
    plasticity::countdown_for(s, at, &settings.window)
        .ok()
        .flatten()
        .map(|c| c.phase)
}
