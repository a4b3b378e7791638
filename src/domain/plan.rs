//! The integration plan of a session: what to do in its window, and when.
//!
//! Each item's state is derived from what was logged, never stored, so that
//! editing a journal entry or a habit tick moves the plan along by itself.

use chrono::{DateTime, NaiveDate, TimeZone, Timelike, Utc};
use serde::Serialize;

use super::habit::{Habit, HabitRole, Tick};
use super::plasticity::WindowConfig;
use super::session::{Session, SessionId};
use super::{DomainError, time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    /// Write about the session, as soon after it as you're able.
    Journal,
    /// See a therapist while the window is widest.
    Therapy,
    /// A 30-minute walk or jog the next day.
    Exercise,
    /// Avoid confrontations, limit doomscrolling.
    GoGently,
    /// 10-15 minutes of meditation each day.
    Meditation,
    /// 7-9 hours of sleep each night.
    Sleep,
}

impl PlanKind {
    /// The step as a suggestion, for lists.
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::Journal => "Write about what came up",
            PlanKind::Therapy => "Therapy or an integration call",
            PlanKind::Exercise => "A 30-minute walk or jog",
            PlanKind::GoGently => "Go gently: avoid confrontations, limit doomscrolling",
            PlanKind::Meditation => "10-15 minutes of meditation",
            PlanKind::Sleep => "7-9 hours of sleep",
        }
    }

    /// A word or two, for the timeline.
    pub fn short(self) -> &'static str {
        match self {
            PlanKind::Journal => "journal",
            PlanKind::Therapy => "therapy",
            PlanKind::Exercise => "walk",
            PlanKind::GoGently => "gentle",
            PlanKind::Meditation => "meditate",
            PlanKind::Sleep => "sleep",
        }
    }

    /// The step as an invitation: "A good time {to write}".
    pub fn invitation(self) -> &'static str {
        match self {
            PlanKind::Journal => "to write",
            PlanKind::Therapy => "for therapy",
            PlanKind::Exercise => "for a walk",
            PlanKind::GoGently => "to go gently",
            PlanKind::Meditation => "to meditate",
            PlanKind::Sleep => "for a long sleep",
        }
    }
}

/// Where a step stands. Nothing here is a failure: a step whose time has
/// gone simply passes, and what was done shows as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanState {
    /// Its time has not come yet.
    Upcoming,
    /// A good time for it now.
    Open,
    /// Done.
    Done,
    /// Some of it was done (a short night, a shorter walk).
    Partial,
    /// Its time has gone by; shown quietly, never as a fault.
    Passed,
}

impl PlanState {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanState::Upcoming => "upcoming",
            PlanState::Open => "open",
            PlanState::Done => "done",
            PlanState::Partial => "partly done",
            PlanState::Passed => "passed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    pub session: SessionId,
    pub kind: PlanKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The local day for day-based items (walk, meditation, sleep).
    pub day: Option<NaiveDate>,
    pub state: PlanState,
}

/// How often the person sees a therapist, which decides when the therapy
/// step of a session counts as done (`[plan] therapy` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TherapyRhythm {
    /// A visit in each session's main window (the integration guide's
    /// "within 24-72 hours").
    #[default]
    EachSession,
    /// One visit in the seven days from a session counts for it, and so
    /// for every session in those days.
    Weekly,
    /// The same over thirty days.
    Monthly,
    /// No therapy step at all.
    Off,
}

impl TherapyRhythm {
    pub const ALL: [TherapyRhythm; 4] = [
        TherapyRhythm::EachSession,
        TherapyRhythm::Weekly,
        TherapyRhythm::Monthly,
        TherapyRhythm::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TherapyRhythm::EachSession => "each-session",
            TherapyRhythm::Weekly => "weekly",
            TherapyRhythm::Monthly => "monthly",
            TherapyRhythm::Off => "off",
        }
    }

    pub fn parse(s: &str) -> Option<TherapyRhythm> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// How long after a session a visit still counts for it; `None` for
    /// each session's own window, or with no therapy step.
    fn span_days(self) -> Option<i64> {
        match self {
            TherapyRhythm::Weekly => Some(7),
            TherapyRhythm::Monthly => Some(30),
            TherapyRhythm::EachSession | TherapyRhythm::Off => None,
        }
    }
}

/// The plan's own settings, beside the window's phase boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanConfig {
    pub therapy: TherapyRhythm,
}

/// The integration guide asks that alcohol be avoided during active
/// treatment; afterglow takes that as a course and the weeks of
/// integration after it (docs/plasticity-model.md). A standing suggestion,
/// shown with each session's plan, never a step with a time.
pub const ALCOHOL: &str = "Alcohol is best avoided during active treatment: the course and the weeks of integration after it.";

/// A session starting at or after this local hour is an evening session:
/// its own day asks for no meditation, since the rest of that day is for
/// rest and sleep. The product's choice (docs/plasticity-model.md).
pub const EVENING_HOUR: u32 = 18;

/// What has been logged, as the plan needs it.
#[derive(Debug, Clone, Copy)]
pub struct PlanFacts<'a> {
    pub journal_times: &'a [DateTime<Utc>],
    pub therapy_times: &'a [DateTime<Utc>],
    pub habits: &'a [Habit],
    pub ticks: &'a [Tick],
}

/// How much of a day's practice was done: nothing, some, or all of it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Met {
    No,
    Partly,
    Fully,
}

impl PlanFacts<'_> {
    /// `None` when no habit has the role (the person removed it), so the
    /// plan leaves out what it could never mark done. With several habits
    /// of one role, the best day counts.
    fn role_met(&self, role: HabitRole, day: NaiveDate) -> Option<Met> {
        let mut with_role = self.habits.iter().filter(|h| h.role == role).peekable();
        with_role.peek()?;
        let credit = with_role
            .map(|h| {
                let tick = self.ticks.iter().find(|t| t.habit == h.id && t.day == day);
                h.credit(tick)
            })
            .fold(0.0_f64, f64::max);
        Some(if credit >= 1.0 {
            Met::Fully
        } else if credit > 0.0 {
            Met::Partly
        } else {
            Met::No
        })
    }

    fn any_in(times: &[DateTime<Utc>], from: DateTime<Utc>, until: DateTime<Utc>) -> bool {
        times.iter().any(|t| *t >= from && *t < until)
    }
}

fn state_of(met: Met, starts: DateTime<Utc>, ends: DateTime<Utc>, now: DateTime<Utc>) -> PlanState {
    match met {
        Met::Fully => PlanState::Done,
        Met::Partly => PlanState::Partial,
        Met::No if now < starts => PlanState::Upcoming,
        Met::No if now < ends => PlanState::Open,
        Met::No => PlanState::Passed,
    }
}

fn met(done: bool) -> Met {
    if done { Met::Fully } else { Met::No }
}

/// The integration plan of one session at `now`, in time order.
pub fn plan<Tz: TimeZone>(
    session: &Session,
    facts: &PlanFacts<'_>,
    now: DateTime<Utc>,
    tz: &Tz,
    cfg: &WindowConfig,
    plan_cfg: &PlanConfig,
) -> Result<Vec<PlanItem>, DomainError> {
    let at = session.at;
    let after = |d| time::add(at, d);
    let mut items = Vec::new();
    let mut push = |kind, starts_at, ends_at, day, state| {
        items.push(PlanItem {
            session: session.id,
            kind,
            starts_at,
            ends_at,
            day,
            state,
        });
    };
    let window_end = after(cfg.open_end())?;

    // Write as soon after the session as you're able: suggested once the
    // acute phase is over, and anything written in the main window counts,
    // during the acute phase or dated back later included.
    let j_start = after(cfg.acute_end())?;
    let wrote = PlanFacts::any_in(facts.journal_times, at, window_end);
    push(
        PlanKind::Journal,
        j_start,
        window_end,
        None,
        state_of(met(wrote), j_start, window_end, now),
    );

    // Go gently through the first 48 hours. It is guidance, not a test:
    // nobody is asked, so it is never done, and afterwards it passes.
    let g_end = after(cfg.peak_end())?;
    push(
        PlanKind::GoGently,
        at,
        g_end,
        None,
        state_of(Met::No, at, g_end, now),
    );

    // Therapy: in this session's window (from 24 hours, though an earlier
    // visit counts), or with a weekly or monthly rhythm any visit in the
    // days that follow the session.
    if plan_cfg.therapy != TherapyRhythm::Off {
        let (t_start, t_end) = match plan_cfg.therapy.span_days() {
            Some(days) => (at, after(time::days(days)?)?),
            None => (after(cfg.opening_end())?, window_end),
        };
        let saw = PlanFacts::any_in(facts.therapy_times, at, t_end);
        push(
            PlanKind::Therapy,
            t_start,
            t_end,
            None,
            state_of(met(saw), t_start, t_end, now),
        );
    }

    // Day-based items follow the local calendar, up to the day that holds
    // the window's last moment: a window that ends at local midnight has
    // no time in the day that midnight starts.
    let first_day = time::local_date(at, tz);
    let last_moment = time::add(window_end, time::seconds(-1)?)?.max(at);
    let last_day = time::local_date(last_moment, tz);
    let walk_day = time::next_day(first_day).ok_or(DomainError::OutOfRange)?;
    let span = |d: NaiveDate| time::day_span(d, tz).ok_or(DomainError::OutOfRange);
    let evening = at.with_timezone(tz).hour() >= EVENING_HOUR;

    if let Some(met) = facts.role_met(HabitRole::Exercise, walk_day) {
        let (s, e) = span(walk_day)?;
        push(
            PlanKind::Exercise,
            s,
            e,
            Some(walk_day),
            state_of(met, s, e, now),
        );
    }

    let mut day = first_day;
    while day <= last_day {
        let (s, e) = span(day)?;
        if !(day == first_day && evening)
            && let Some(met) = facts.role_met(HabitRole::Meditation, day)
        {
            push(
                PlanKind::Meditation,
                s,
                e,
                Some(day),
                state_of(met, s, e, now),
            );
        }
        // Sleep is ticked on the day you wake up, so the first night after
        // the session belongs to the next day.
        if day > first_day
            && let Some(met) = facts.role_met(HabitRole::Sleep, day)
        {
            push(PlanKind::Sleep, s, e, Some(day), state_of(met, s, e, now));
        }
        day = time::next_day(day).ok_or(DomainError::OutOfRange)?;
    }

    items.sort_by_key(|i| (i.starts_at, i.kind));
    Ok(items)
}

/// Everything plans are made from, each list sorted (times ascending,
/// ticks by day), so that each session's plan is handed only the slice in
/// its own window: with years of history a full recompute then does not
/// scan everything once per session. The dashboard and the report share it.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    pub journal_times: &'a [DateTime<Utc>],
    pub therapy_times: &'a [DateTime<Utc>],
    pub habits: &'a [Habit],
    pub ticks: &'a [Tick],
}

impl History<'_> {
    /// The plan of `session`, from the records in its window.
    pub fn plan_for<Tz: TimeZone>(
        &self,
        session: &Session,
        now: DateTime<Utc>,
        tz: &Tz,
        cfg: &WindowConfig,
        plan_cfg: &PlanConfig,
    ) -> Result<Vec<PlanItem>, DomainError> {
        // The therapy step may look further ahead than the window.
        let reach = match plan_cfg.therapy.span_days() {
            Some(days) => time::days(days)?.max(cfg.open_end()),
            None => cfg.open_end(),
        };
        let until = time::add(session.at, reach)?;
        let window_end = time::add(session.at, cfg.open_end())?;
        let first_day = time::local_date(session.at, tz);
        // A day either side covers any zone offset.
        let from_day = time::prev_day(first_day).unwrap_or(first_day);
        let to_day = time::next_day(time::local_date(window_end, tz)).unwrap_or(first_day);
        let facts = PlanFacts {
            journal_times: sorted_slice(self.journal_times, |t| *t, session.at, until),
            therapy_times: sorted_slice(self.therapy_times, |t| *t, session.at, until),
            habits: self.habits,
            ticks: sorted_slice(self.ticks, |t| t.day, from_day, to_day),
        };
        plan(session, &facts, now, tz, cfg, plan_cfg)
    }
}

/// The part of a list sorted by `key` whose keys fall in `[from, to]`.
fn sorted_slice<T, K: Ord>(sorted: &[T], key: impl Fn(&T) -> K, from: K, to: K) -> &[T] {
    let start = sorted.partition_point(|x| key(x) < from);
    let end = sorted.partition_point(|x| key(x) <= to);
    &sorted[start..end.max(start)]
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::habit::{HabitId, HabitKind, default_habits};
    use crate::domain::session::{SessionKind, SessionStatus};
    use chrono::{Datelike, FixedOffset, TimeDelta};

    fn habits() -> Vec<Habit> {
        default_habits()
            .into_iter()
            .enumerate()
            .map(|(i, (name, kind, role))| Habit {
                id: HabitId(i as i64 + 1),
                name,
                kind,
                role,
                archived: false,
                since: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                schedule: Default::default(),
            })
            .collect()
    }

    /// What was logged: habits, journal times, therapy times, ticks.
    fn facts<'a>(
        habits: &'a [Habit],
        journal_times: &'a [DateTime<Utc>],
        therapy_times: &'a [DateTime<Utc>],
        ticks: &'a [Tick],
    ) -> PlanFacts<'a> {
        PlanFacts {
            journal_times,
            therapy_times,
            habits,
            ticks,
        }
    }

    fn session_at(at: DateTime<Utc>) -> Session {
        Session {
            id: SessionId(1),
            at,
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        }
    }

    #[test]
    fn states_follow_the_clock_and_the_log() {
        let tz = FixedOffset::east_opt(0).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let s = session_at(at);
        let hs = habits();
        let exercise = hs.iter().find(|h| h.role == HabitRole::Exercise).unwrap();
        assert!(matches!(exercise.kind, HabitKind::Quantity { .. }));
        let walk = [Tick {
            habit: exercise.id,
            day: NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
            amount: Some(35.0),
        }];
        let journal = [at + TimeDelta::hours(3)];
        let facts = facts(&hs, &journal, &[], &walk);
        let now = at + TimeDelta::hours(80);
        let items = plan(
            &s,
            &facts,
            now,
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default(),
        )
        .unwrap();
        let state = |k: PlanKind| items.iter().find(|i| i.kind == k).unwrap().state;
        assert_eq!(state(PlanKind::Journal), PlanState::Done);
        assert_eq!(state(PlanKind::Therapy), PlanState::Passed);
        assert_eq!(state(PlanKind::Exercise), PlanState::Done);
        // Guidance is never "done": its hours pass.
        assert_eq!(state(PlanKind::GoGently), PlanState::Passed);
        // Meditation on 6, 7, 8, 9 April; sleep on 7, 8, 9 April.
        assert_eq!(
            items
                .iter()
                .filter(|i| i.kind == PlanKind::Meditation)
                .count(),
            4
        );
        assert_eq!(
            items.iter().filter(|i| i.kind == PlanKind::Sleep).count(),
            3
        );

        let early = plan(
            &s,
            &facts,
            at + TimeDelta::minutes(30),
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default(),
        )
        .unwrap();
        let early_state = |k: PlanKind| early.iter().find(|i| i.kind == k).unwrap().state;
        assert_eq!(early_state(PlanKind::Therapy), PlanState::Upcoming);
        assert_eq!(early_state(PlanKind::GoGently), PlanState::Open);
    }

    #[test]
    fn a_window_ending_at_local_midnight_does_not_reach_into_the_next_day() {
        let tz = FixedOffset::east_opt(0).unwrap();
        // 72 hours from midnight end at midnight: 6, 7 and 8 April only.
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 0, 0, 0).unwrap();
        let hs = habits();
        let facts = facts(&hs, &[], &[], &[]);
        let items = plan(
            &session_at(at),
            &facts,
            at,
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default(),
        )
        .unwrap();
        let days: Vec<NaiveDate> = items
            .iter()
            .filter(|i| i.kind == PlanKind::Meditation)
            .filter_map(|i| i.day)
            .collect();
        let d = |n| NaiveDate::from_ymd_opt(2026, 4, n).unwrap();
        assert_eq!(days, vec![d(6), d(7), d(8)]);
        // One minute later the window reaches into 9 April.
        let later = session_at(at + TimeDelta::minutes(1));
        let items = plan(
            &later,
            &facts,
            at,
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default(),
        )
        .unwrap();
        let count = items
            .iter()
            .filter(|i| i.kind == PlanKind::Meditation)
            .count();
        assert_eq!(count, 4);
    }

    #[test]
    fn history_hands_each_plan_its_own_window() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let hs = habits();
        let meditation = hs.iter().find(|h| h.role == HabitRole::Meditation).unwrap();
        let ticks: Vec<Tick> = (1..=20)
            .map(|n| Tick {
                habit: meditation.id,
                day: NaiveDate::from_ymd_opt(2026, 4, n).unwrap(),
                amount: Some(12.0),
            })
            .collect();
        let journal = [at - TimeDelta::hours(30), at + TimeDelta::hours(5)];
        let history = History {
            journal_times: &journal,
            therapy_times: &[],
            habits: &hs,
            ticks: &ticks,
        };
        let facts = facts(&hs, &journal, &[], &ticks);
        let now = at + TimeDelta::hours(100);
        let cfg = WindowConfig::default();
        let whole = plan(
            &session_at(at),
            &facts,
            now,
            &tz,
            &cfg,
            &PlanConfig::default(),
        )
        .unwrap();
        let sliced = history
            .plan_for(&session_at(at), now, &tz, &cfg, &PlanConfig::default())
            .unwrap();
        assert_eq!(sliced, whole);
    }

    #[test]
    fn items_for_removed_habits_are_left_out() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let facts = facts(&[], &[], &[], &[]);
        let items = plan(
            &session_at(at),
            &facts,
            at,
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default(),
        )
        .unwrap();
        let kinds: Vec<PlanKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![PlanKind::GoGently, PlanKind::Journal, PlanKind::Therapy]
        );
    }

    fn kinds_of(items: &[PlanItem], kind: PlanKind) -> Vec<&PlanItem> {
        items.iter().filter(|i| i.kind == kind).collect()
    }

    #[test]
    fn an_entry_anywhere_in_the_main_window_counts_for_the_journal() {
        let tz = FixedOffset::east_opt(0).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let hs = habits();
        let cfg = WindowConfig::default();
        for (hours, done) in [(0, true), (30, true), (71, true), (72, false)] {
            let journal = [at + TimeDelta::hours(hours)];
            let facts = facts(&hs, &journal, &[], &[]);
            let now = at + TimeDelta::hours(100);
            let items = plan(
                &session_at(at),
                &facts,
                now,
                &tz,
                &cfg,
                &PlanConfig::default(),
            )
            .unwrap();
            let j = kinds_of(&items, PlanKind::Journal)[0];
            let want = if done {
                PlanState::Done
            } else {
                PlanState::Passed
            };
            assert_eq!(j.state, want, "{hours} h");
            assert_eq!(j.ends_at, at + TimeDelta::hours(72));
        }
    }

    #[test]
    fn a_therapy_rhythm_counts_one_visit_for_every_session_in_its_span() {
        let tz = FixedOffset::east_opt(0).unwrap();
        let monday = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let wednesday = monday + TimeDelta::days(2);
        let visit = [monday + TimeDelta::days(5)];
        let hs = habits();
        let facts = facts(&hs, &[], &visit, &[]);
        let now = monday + TimeDelta::days(6);
        let cfg = WindowConfig::default();
        let therapy = |at, rhythm| {
            let items = plan(
                &session_at(at),
                &facts,
                now,
                &tz,
                &cfg,
                &PlanConfig { therapy: rhythm },
            )
            .unwrap();
            kinds_of(&items, PlanKind::Therapy).first().map(|i| i.state)
        };
        // Saturday's visit is after both windows closed, but inside the
        // week (and the month) after each session.
        use {PlanState::*, TherapyRhythm::*};
        for (at, rhythm, want) in [
            (monday, EachSession, Passed),
            (wednesday, EachSession, Passed),
            (monday, Weekly, Done),
            (wednesday, Weekly, Done),
            (monday, Monthly, Done),
        ] {
            assert_eq!(therapy(at, rhythm), Some(want), "{rhythm:?} {at}");
        }
        assert_eq!(therapy(monday, TherapyRhythm::Off), None);
        // With no visit yet, a weekly step stays open all week.
        let none = PlanFacts {
            therapy_times: &[],
            ..facts
        };
        let items = plan(
            &session_at(monday),
            &none,
            now,
            &tz,
            &cfg,
            &PlanConfig {
                therapy: TherapyRhythm::Weekly,
            },
        )
        .unwrap();
        assert_eq!(
            kinds_of(&items, PlanKind::Therapy)[0].state,
            PlanState::Open
        );
        for r in TherapyRhythm::ALL {
            assert_eq!(TherapyRhythm::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn an_evening_session_asks_no_meditation_that_day() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let hs = habits();
        let facts = facts(&hs, &[], &[], &[]);
        let cfg = WindowConfig::default();
        let days = |local_hour: u32| {
            let at = Utc
                .with_ymd_and_hms(2026, 4, 6, local_hour - 1, 0, 0)
                .unwrap();
            let items = plan(
                &session_at(at),
                &facts,
                at,
                &tz,
                &cfg,
                &PlanConfig::default(),
            )
            .unwrap();
            kinds_of(&items, PlanKind::Meditation)
                .iter()
                .filter_map(|i| i.day)
                .map(|d| d.day())
                .collect::<Vec<_>>()
        };
        assert_eq!(days(10), vec![6, 7, 8, 9]);
        assert_eq!(days(17), vec![6, 7, 8, 9]);
        assert_eq!(days(19), vec![7, 8, 9]);
    }

    #[test]
    fn a_short_night_is_partly_done_never_failed() {
        let tz = FixedOffset::east_opt(0).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let hs = habits();
        let sleep = hs.iter().find(|h| h.role == HabitRole::Sleep).unwrap();
        let night = |day, hours| Tick {
            habit: sleep.id,
            day: NaiveDate::from_ymd_opt(2026, 4, day).unwrap(),
            amount: Some(hours),
        };
        let ticks = [night(7, 6.5), night(8, 8.0)];
        let facts = facts(&hs, &[], &[], &ticks);
        let now = at + TimeDelta::days(5);
        let items = plan(
            &session_at(at),
            &facts,
            now,
            &tz,
            &WindowConfig::default(),
            &PlanConfig::default(),
        )
        .unwrap();
        let states: Vec<PlanState> = kinds_of(&items, PlanKind::Sleep)
            .iter()
            .map(|i| i.state)
            .collect();
        assert_eq!(
            states,
            vec![PlanState::Partial, PlanState::Done, PlanState::Passed]
        );
    }
}
