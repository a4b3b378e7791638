//! The integration plan of a session: what to do in its window, and when.
//!
//! Each item's state is derived from what was logged, never stored, so that
//! editing a journal entry or a habit tick moves the plan along by itself.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use super::habit::{Habit, HabitRole, Tick};
use super::plasticity::WindowConfig;
use super::session::{Session, SessionId};
use super::{DomainError, time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    /// Write about the session once the acute phase is over.
    Journal,
    /// See a therapist while the window is widest.
    Therapy,
    /// A 30-minute walk or other exercise the next day.
    Exercise,
    /// No alcohol, less doomscrolling, no confrontations.
    GoGently,
    /// 10-15 minutes of meditation each day.
    Meditation,
    /// 7-9 hours of sleep each night.
    Sleep,
}

impl PlanKind {
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::Journal => "Journal what came up",
            PlanKind::Therapy => "Therapy or integration call",
            PlanKind::Exercise => "30-minute walk or exercise",
            PlanKind::GoGently => "Go gently: no alcohol, conflict or doomscrolling",
            PlanKind::Meditation => "Meditate 10-15 minutes",
            PlanKind::Sleep => "Sleep 7-9 hours",
        }
    }

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanState {
    Upcoming,
    Due,
    Done,
    Missed,
}

impl PlanState {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanState::Upcoming => "upcoming",
            PlanState::Due => "due",
            PlanState::Done => "done",
            PlanState::Missed => "missed",
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

/// What has been logged, as the plan needs it.
#[derive(Debug, Clone, Copy)]
pub struct PlanFacts<'a> {
    pub journal_times: &'a [DateTime<Utc>],
    pub therapy_times: &'a [DateTime<Utc>],
    pub habits: &'a [Habit],
    pub ticks: &'a [Tick],
}

impl PlanFacts<'_> {
    /// `None` when no habit has the role (the person removed it), so the
    /// plan leaves out what it could never mark done.
    fn role_met(&self, role: HabitRole, day: NaiveDate) -> Option<bool> {
        let mut with_role = self.habits.iter().filter(|h| h.role == role).peekable();
        with_role.peek()?;
        Some(with_role.any(|h| {
            let tick = self.ticks.iter().find(|t| t.habit == h.id && t.day == day);
            h.is_met(tick)
        }))
    }

    fn any_in(times: &[DateTime<Utc>], from: DateTime<Utc>, until: DateTime<Utc>) -> bool {
        times.iter().any(|t| *t >= from && *t < until)
    }
}

fn state_of(
    done: bool,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> PlanState {
    if done {
        PlanState::Done
    } else if now < starts {
        PlanState::Upcoming
    } else if now < ends {
        PlanState::Due
    } else {
        PlanState::Missed
    }
}

/// The integration plan of one session at `now`, in time order.
pub fn plan<Tz: TimeZone>(
    session: &Session,
    facts: &PlanFacts<'_>,
    now: DateTime<Utc>,
    tz: &Tz,
    cfg: &WindowConfig,
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

    // Journal as soon as the acute phase ends; writing earlier counts too.
    let (j_start, j_end) = (after(cfg.acute_end())?, after(cfg.opening_end())?);
    let wrote = PlanFacts::any_in(facts.journal_times, at, j_end);
    push(
        PlanKind::Journal,
        j_start,
        j_end,
        None,
        state_of(wrote, j_start, j_end, now),
    );

    // Go gently through the first 48 hours. It is guidance, not a test: once
    // the stretch has passed it counts as done, never as missed.
    let g_end = after(cfg.peak_end())?;
    let gentle = if now >= g_end {
        PlanState::Done
    } else {
        state_of(false, at, g_end, now)
    };
    push(PlanKind::GoGently, at, g_end, None, gentle);

    // Therapy between 24 and 72 hours; an earlier visit after the session counts.
    let (t_start, t_end) = (after(cfg.opening_end())?, after(cfg.open_end())?);
    let saw = PlanFacts::any_in(facts.therapy_times, at, t_end);
    push(
        PlanKind::Therapy,
        t_start,
        t_end,
        None,
        state_of(saw, t_start, t_end, now),
    );

    // Day-based items follow the local calendar, up to the day that holds
    // the window's last moment: a window that ends at local midnight has
    // no time in the day that midnight starts.
    let first_day = time::local_date(at, tz);
    let last_moment = time::add(t_end, time::seconds(-1)?)?.max(at);
    let last_day = time::local_date(last_moment, tz);
    let walk_day = time::next_day(first_day).ok_or(DomainError::OutOfRange)?;
    let span = |d: NaiveDate| time::day_span(d, tz).ok_or(DomainError::OutOfRange);

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
        if let Some(met) = facts.role_met(HabitRole::Meditation, day) {
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
    ) -> Result<Vec<PlanItem>, DomainError> {
        let until = time::add(session.at, cfg.open_end())?;
        let first_day = time::local_date(session.at, tz);
        // A day either side covers any zone offset.
        let from_day = time::prev_day(first_day).unwrap_or(first_day);
        let to_day = time::next_day(time::local_date(until, tz)).unwrap_or(first_day);
        let facts = PlanFacts {
            journal_times: sorted_slice(self.journal_times, |t| *t, session.at, until),
            therapy_times: sorted_slice(self.therapy_times, |t| *t, session.at, until),
            habits: self.habits,
            ticks: sorted_slice(self.ticks, |t| t.day, from_day, to_day),
        };
        plan(session, &facts, now, tz, cfg)
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
    use chrono::{FixedOffset, TimeDelta};

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
            })
            .collect()
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
        let facts = PlanFacts {
            journal_times: &journal,
            therapy_times: &[],
            habits: &hs,
            ticks: &walk,
        };
        let now = at + TimeDelta::hours(80);
        let items = plan(&s, &facts, now, &tz, &WindowConfig::default()).unwrap();
        let state = |k: PlanKind| items.iter().find(|i| i.kind == k).unwrap().state;
        assert_eq!(state(PlanKind::Journal), PlanState::Done);
        assert_eq!(state(PlanKind::Therapy), PlanState::Missed);
        assert_eq!(state(PlanKind::Exercise), PlanState::Done);
        assert_eq!(state(PlanKind::GoGently), PlanState::Done);
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
        )
        .unwrap();
        let early_state = |k: PlanKind| early.iter().find(|i| i.kind == k).unwrap().state;
        assert_eq!(early_state(PlanKind::Therapy), PlanState::Upcoming);
        assert_eq!(early_state(PlanKind::GoGently), PlanState::Due);
    }

    #[test]
    fn a_window_ending_at_local_midnight_does_not_reach_into_the_next_day() {
        let tz = FixedOffset::east_opt(0).unwrap();
        // 72 hours from midnight end at midnight: 6, 7 and 8 April only.
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 0, 0, 0).unwrap();
        let hs = habits();
        let facts = PlanFacts {
            journal_times: &[],
            therapy_times: &[],
            habits: &hs,
            ticks: &[],
        };
        let items = plan(&session_at(at), &facts, at, &tz, &WindowConfig::default()).unwrap();
        let days: Vec<NaiveDate> = items
            .iter()
            .filter(|i| i.kind == PlanKind::Meditation)
            .filter_map(|i| i.day)
            .collect();
        let d = |n| NaiveDate::from_ymd_opt(2026, 4, n).unwrap();
        assert_eq!(days, vec![d(6), d(7), d(8)]);
        // One minute later the window reaches into 9 April.
        let later = session_at(at + TimeDelta::minutes(1));
        let items = plan(&later, &facts, at, &tz, &WindowConfig::default()).unwrap();
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
        let facts = PlanFacts {
            journal_times: &journal,
            therapy_times: &[],
            habits: &hs,
            ticks: &ticks,
        };
        let now = at + TimeDelta::hours(100);
        let cfg = WindowConfig::default();
        let whole = plan(&session_at(at), &facts, now, &tz, &cfg).unwrap();
        let sliced = history.plan_for(&session_at(at), now, &tz, &cfg).unwrap();
        assert_eq!(sliced, whole);
    }

    #[test]
    fn items_for_removed_habits_are_left_out() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 4, 6, 10, 0, 0).unwrap();
        let facts = PlanFacts {
            journal_times: &[],
            therapy_times: &[],
            habits: &[],
            ticks: &[],
        };
        let items = plan(&session_at(at), &facts, at, &tz, &WindowConfig::default()).unwrap();
        let kinds: Vec<PlanKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![PlanKind::GoGently, PlanKind::Journal, PlanKind::Therapy]
        );
    }
}
