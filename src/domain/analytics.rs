//! What a history adds up to: weekly mood, practice adherence week by
//! week, and the summary counts. Pure, like the rest of the domain: the
//! zone and today are parameters. The Markdown report lays these out; the
//! dashboard can show the same numbers without computing them again.
//!
//! Nothing here counts against anyone: a day a habit was not kept is not a
//! number of its own, and a plan step whose time has passed is neither done
//! nor still to come.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, TimeZone};

use super::course::{Course, CourseKind};
use super::plan::{PlanItem, PlanKind, PlanState};
use super::{Habit, HabitId, Intention, JournalEntry, Session, Tick, time};

/// More quiet weeks in a row than this make one row of a weekly table or
/// chart instead of a row each, so that its length follows what was
/// recorded rather than the years between the first record and the last.
pub const QUIET_WEEKS: i64 = 4;

/// The Monday of a day's week.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    let back = u64::from(day.weekday().num_days_from_monday());
    time::days_before(day, back).unwrap_or(day)
}

/// The Sunday ending the week of Monday `monday`.
pub fn sunday_of(monday: NaiveDate) -> NaiveDate {
    monday
        .checked_add_days(chrono::Days::new(6))
        .unwrap_or(monday)
}

/// A row of a weekly table or chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
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
pub fn spans(first: NaiveDate, last: NaiveDate, busy: &BTreeSet<NaiveDate>) -> Vec<Span> {
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

/// The moods of one week's entries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MoodWeek {
    /// The moods added up, in the order of the entries.
    pub sum: f64,
    /// How many entries had a mood.
    pub count: usize,
}

impl MoodWeek {
    /// `None` for a week without a mood.
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / self.count as f64)
    }
}

/// Mood week by week (by the Monday of the entry's local day in `tz`);
/// only weeks with a mood are present.
pub fn weekly_mood<Tz: TimeZone>(
    journal: &[JournalEntry],
    tz: &Tz,
) -> BTreeMap<NaiveDate, MoodWeek> {
    let mut weeks: BTreeMap<NaiveDate, MoodWeek> = BTreeMap::new();
    for e in journal {
        if let Some(m) = e.mood {
            let w = weeks
                .entry(week_of(time::local_date(e.written_at, tz)))
                .or_default();
            w.sum += f64::from(m.get());
            w.count += 1;
        }
    }
    weeks
}

/// Done sessions week by week (by the Monday of their local day).
pub fn sessions_by_week<Tz: TimeZone>(sessions: &[Session], tz: &Tz) -> HashMap<NaiveDate, usize> {
    let mut weeks: HashMap<NaiveDate, usize> = HashMap::new();
    for s in sessions.iter().filter(|s| s.is_done()) {
        *weeks
            .entry(week_of(time::local_date(s.at, tz)))
            .or_default() += 1;
    }
    weeks
}

/// A habit as adherence counts it: from its first day (or an earlier
/// back-filled tick) to its last kept day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kept<'h> {
    pub habit: &'h Habit,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The habits of `shown` whose days count, and from when to when. An
/// active habit counts to `today`; an archived one only to its last tick
/// (it was no longer kept after that), and only if it has a tick in
/// `shown_ticks`. `all_ticks` are the whole history's, so a habit's first
/// day does not move with the days chosen.
pub fn kept_habits<'h>(
    habits: &'h [Habit],
    all_ticks: &[Tick],
    shown_ticks: &[Tick],
    today: NaiveDate,
) -> Vec<Kept<'h>> {
    let mut out = Vec::new();
    for h in habits {
        let mine = all_ticks.iter().filter(|t| t.habit == h.id);
        let first = mine.clone().map(|t| t.day).min();
        let from = first.map_or(h.since, |d| d.min(h.since));
        let to = if h.archived {
            let in_days = shown_ticks.iter().any(|t| t.habit == h.id);
            match mine.map(|t| t.day).max() {
                Some(last) if in_days => last,
                _ => continue,
            }
        } else {
            today
        };
        out.push(Kept {
            habit: h,
            from,
            to: to.min(today),
        });
    }
    out
}

/// Days a habit's goal was met and days it was kept, between `lo` and `hi`
/// (both included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adherence {
    pub met: usize,
    pub kept: i64,
}

/// How `habit` did from `lo` to `hi`, by the ticks of `ticks` (looked up by
/// habit and day). Nothing is kept when `lo` is after `hi`.
pub fn adherence(
    habit: &Habit,
    ticks: &HashMap<(HabitId, NaiveDate), &Tick>,
    lo: NaiveDate,
    hi: NaiveDate,
) -> Adherence {
    if lo > hi {
        return Adherence::default();
    }
    let met = lo
        .iter_days()
        .take_while(|d| *d <= hi)
        .filter(|d| habit.is_met(ticks.get(&(habit.id, *d)).copied()))
        .count();
    Adherence {
        met,
        kept: time::days_between(lo, hi) + 1,
    }
}

/// Sessions counted by the kind of run they are in: courses, boosters and
/// single sessions apart ("25 courses" for two courses and their boosters
/// would puzzle a reader), and those still planned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionCounts {
    pub courses: usize,
    pub in_courses: usize,
    pub boosters: usize,
    pub singles: usize,
    pub planned: usize,
}

impl SessionCounts {
    /// From courses each with how many of their sessions count; a course
    /// with none of them is not counted.
    pub fn of<'c>(runs: impl IntoIterator<Item = (&'c Course, usize)>, planned: usize) -> Self {
        let mut c = SessionCounts {
            planned,
            ..SessionCounts::default()
        };
        for (run, shown) in runs {
            if shown == 0 {
                continue;
            }
            match run.kind {
                CourseKind::Course => {
                    c.courses += 1;
                    c.in_courses += shown;
                }
                CourseKind::Booster => c.boosters += shown,
                CourseKind::Single => c.singles += shown,
            }
        }
        c
    }

    /// Done sessions, whatever their run.
    pub fn done(&self) -> usize {
        self.in_courses + self.boosters + self.singles
    }
}

/// Journal entries, and their moods.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct JournalCounts {
    pub entries: usize,
    pub with_mood: usize,
    /// The average mood, when any entry has one.
    pub average_mood: Option<f64>,
}

pub fn journal_counts(journal: &[JournalEntry]) -> JournalCounts {
    let moods: Vec<f64> = journal
        .iter()
        .filter_map(|e| e.mood)
        .map(|m| f64::from(m.get()))
        .collect();
    let average_mood = (!moods.is_empty()).then(|| moods.iter().sum::<f64>() / moods.len() as f64);
    JournalCounts {
        entries: journal.len(),
        with_mood: moods.len(),
        average_mood,
    }
}

/// Intentions set, reflected on, and later set anew.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntentionCounts {
    pub set: usize,
    pub reflected: usize,
    pub replaced: usize,
}

pub fn intention_counts(intentions: &[Intention]) -> IntentionCounts {
    IntentionCounts {
        set: intentions.len(),
        reflected: intentions.iter().filter(|i| i.reflection.is_some()).count(),
        replaced: intentions.iter().filter(|i| i.is_replaced()).count(),
    }
}

/// Whether what was done of a kind of plan step is counted. Going gently
/// is guidance: nobody is asked whether they went gently, so it is never
/// counted, and a therapist cannot read it as done.
pub fn counted(kind: PlanKind) -> bool {
    kind != PlanKind::GoGently
}

/// Integration plan steps that are counted (see [`counted`]): done, partly
/// done, still ahead, and all of them (a step whose time has passed is in
/// `steps` only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    pub done: usize,
    pub partly: usize,
    pub ahead: usize,
    pub steps: usize,
}

pub fn plan_counts<'p>(items: impl IntoIterator<Item = &'p PlanItem>) -> PlanCounts {
    let mut c = PlanCounts::default();
    for item in items.into_iter().filter(|i| counted(i.kind)) {
        c.steps += 1;
        match item.state {
            PlanState::Done => c.done += 1,
            PlanState::Partial => c.partly += 1,
            PlanState::Open | PlanState::Upcoming => c.ahead += 1,
            PlanState::Passed => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        HabitKind, HabitRole, JournalId, Mood, SessionId, SessionKind, SessionStatus,
    };
    use chrono::{DateTime, FixedOffset, Utc};
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn entry(when: &str, mood: Option<i64>) -> JournalEntry {
        JournalEntry {
            id: JournalId(1),
            written_at: at(when),
            updated_at: at(when),
            body: "words".into(),
            mood: mood.map(|m| Mood::new(m).unwrap()),
            session: None,
        }
    }

    fn habit(kind: HabitKind, archived: bool, since: &str) -> Habit {
        Habit {
            id: HabitId(1),
            name: "Walk".into(),
            kind,
            role: HabitRole::Custom,
            archived,
            since: day(since),
            schedule: Default::default(),
        }
    }

    fn tick(d: &str, amount: Option<f64>) -> Tick {
        Tick {
            habit: HabitId(1),
            day: day(d),
            amount,
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        for (d, monday) in [
            ("2026-04-06", "2026-04-06"),
            ("2026-04-08", "2026-04-06"),
            ("2026-04-12", "2026-04-06"),
            ("2026-04-13", "2026-04-13"),
        ] {
            assert_eq!(week_of(day(d)), day(monday), "{d}");
        }
        assert_eq!(sunday_of(day("2026-04-06")), day("2026-04-12"));
    }

    #[test]
    fn quiet_runs_longer_than_four_weeks_are_one_span() {
        let busy: BTreeSet<NaiveDate> = [day("2026-01-05"), day("2026-03-30")].into();
        let s = spans(day("2026-01-05"), day("2026-03-30"), &busy);
        assert_eq!(
            s,
            [
                Span::Week(day("2026-01-05")),
                Span::Quiet {
                    from: day("2026-01-12"),
                    to: day("2026-03-23"),
                    weeks: 11
                },
                Span::Week(day("2026-03-30")),
            ]
        );
        // Four quiet weeks are still a row each.
        let busy: BTreeSet<NaiveDate> = [day("2026-01-05"), day("2026-02-09")].into();
        let s = spans(day("2026-01-05"), day("2026-02-09"), &busy);
        assert_eq!(s.len(), 6);
        assert!(s.iter().all(|x| matches!(x, Span::Week(_))));
    }

    #[test]
    fn mood_is_averaged_by_local_week() {
        let journal = [
            entry("2026-04-06T10:00:00Z", Some(8)),
            entry("2026-04-07T10:00:00Z", Some(5)),
            entry("2026-04-08T10:00:00Z", None),
            // Sunday 23:30 UTC is already Monday at UTC+1.
            entry("2026-04-12T23:30:00Z", Some(2)),
        ];
        let utc = weekly_mood(&journal, &Utc);
        assert_eq!(utc.len(), 1);
        assert_eq!(utc[&day("2026-04-06")].average(), Some(5.0));
        let east = weekly_mood(&journal, &FixedOffset::east_opt(3600).unwrap());
        assert_eq!(east[&day("2026-04-06")].average(), Some(6.5));
        assert_eq!(east[&day("2026-04-13")].count, 1);
        assert_eq!(MoodWeek::default().average(), None);
    }

    #[test]
    fn only_done_sessions_are_counted_by_week() {
        let session = |when: &str, status| Session {
            id: SessionId(1),
            at: at(when),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status,
        };
        let weeks = sessions_by_week(
            &[
                session("2026-04-06T10:00:00Z", SessionStatus::Done),
                session("2026-04-09T10:00:00Z", SessionStatus::Done),
                session("2026-04-10T10:00:00Z", SessionStatus::Planned),
            ],
            &Utc,
        );
        assert_eq!(weeks[&day("2026-04-06")], 2);
    }

    #[test]
    fn adherence_counts_met_days_out_of_kept_days() {
        let walk = habit(
            HabitKind::Quantity {
                unit: "min".into(),
                target: 30.0,
            },
            false,
            "2026-04-01",
        );
        let ticks = [
            tick("2026-04-06", Some(30.0)),
            tick("2026-04-07", Some(10.0)),
            tick("2026-04-09", Some(45.0)),
        ];
        let by_day: HashMap<(HabitId, NaiveDate), &Tick> =
            ticks.iter().map(|t| ((t.habit, t.day), t)).collect();
        let a = adherence(&walk, &by_day, day("2026-04-06"), day("2026-04-12"));
        assert_eq!(a, Adherence { met: 2, kept: 7 });
        let none = adherence(&walk, &by_day, day("2026-04-12"), day("2026-04-06"));
        assert_eq!(none, Adherence::default());
    }

    #[test]
    fn an_archived_habit_counts_to_its_last_tick_and_only_when_shown() {
        let old = habit(HabitKind::YesNo, true, "2026-03-01");
        let ticks = [tick("2026-02-20", None), tick("2026-03-10", None)];
        let today = day("2026-04-20");
        let habits = [old];
        let kept = kept_habits(&habits, &ticks, &ticks, today);
        assert_eq!(
            (kept[0].from, kept[0].to),
            (day("2026-02-20"), day("2026-03-10"))
        );
        assert!(kept_habits(&habits, &ticks, &[], today).is_empty());
        let active = [habit(HabitKind::YesNo, false, "2026-03-01")];
        let kept = kept_habits(&active, &[], &[], today);
        assert_eq!((kept[0].from, kept[0].to), (day("2026-03-01"), today));
    }

    #[test]
    fn summary_counts_add_up() {
        let j = journal_counts(&[
            entry("2026-04-06T10:00:00Z", Some(8)),
            entry("2026-04-07T10:00:00Z", None),
            entry("2026-04-08T10:00:00Z", Some(5)),
        ]);
        assert_eq!((j.entries, j.with_mood, j.average_mood), (3, 2, Some(6.5)));
        assert_eq!(journal_counts(&[]).average_mood, None);
        assert!(!counted(PlanKind::GoGently));
    }

    proptest! {
        /// Every week from the first to the last is in exactly one row,
        /// and every busy week is a row of its own.
        #[test]
        fn spans_cover_every_week_once(
            start in 0i64..3000,
            len in 0i64..200,
            busy_weeks in proptest::collection::btree_set(0i64..200, 0..30),
        ) {
            let base = week_of(day("2000-01-03") + chrono::Days::new(start as u64 * 7));
            let first = base;
            let last = base + chrono::Days::new(len as u64 * 7);
            let busy: BTreeSet<NaiveDate> = busy_weeks
                .iter()
                .filter(|w| **w <= len)
                .map(|w| base + chrono::Days::new(*w as u64 * 7))
                .collect();
            let rows = spans(first, last, &busy);
            let mut covered = 0i64;
            let mut expect = first;
            for row in &rows {
                match *row {
                    Span::Week(w) => {
                        prop_assert_eq!(w, expect);
                        covered += 1;
                    }
                    Span::Quiet { from, to, weeks } => {
                        prop_assert_eq!(from, expect);
                        prop_assert!(weeks > QUIET_WEEKS);
                        prop_assert!(busy.range(from..=to).next().is_none());
                        prop_assert_eq!(time::days_between(from, to) / 7 + 1, weeks);
                        covered += weeks;
                        expect = to;
                    }
                }
                expect = expect + chrono::Days::new(7);
            }
            prop_assert_eq!(covered, len + 1);
            for b in &busy {
                prop_assert!(rows.contains(&Span::Week(*b)));
            }
        }

        /// Weekly moods hold every mood once, each between 1 and 10 on
        /// average, whatever the zone.
        #[test]
        fn weekly_moods_hold_every_mood(
            moods in proptest::collection::vec((0i64..2_000_000, proptest::option::of(1i64..=10)), 0..60),
            offset_h in -12i32..=14,
        ) {
            let base = at("2020-01-01T00:00:00Z");
            let journal: Vec<JournalEntry> = moods
                .iter()
                .map(|(secs, m)| {
                    let mut e = entry("2020-01-01T00:00:00Z", *m);
                    e.written_at = base + chrono::TimeDelta::seconds(*secs * 60);
                    e
                })
                .collect();
            let tz = FixedOffset::east_opt(offset_h * 3600).unwrap();
            let weeks = weekly_mood(&journal, &tz);
            let total: usize = weeks.values().map(|w| w.count).sum();
            prop_assert_eq!(total, moods.iter().filter(|(_, m)| m.is_some()).count());
            prop_assert_eq!(total, journal_counts(&journal).with_mood);
            for (monday, w) in &weeks {
                prop_assert_eq!(week_of(*monday), *monday);
                let avg = w.average().unwrap();
                prop_assert!((1.0..=10.0).contains(&avg));
            }
        }

        /// A habit is never met on more days than it was kept.
        #[test]
        fn met_days_never_exceed_kept_days(
            amounts in proptest::collection::vec(proptest::option::of(0.0f64..60.0), 0..40),
            lo in 0u64..40,
            span in 0u64..40,
        ) {
            let walk = habit(
                HabitKind::Quantity { unit: "min".into(), target: 30.0 },
                false,
                "2026-01-01",
            );
            let ticks: Vec<Tick> = amounts
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.map(|a| Tick {
                    habit: HabitId(1),
                    day: day("2026-01-01") + chrono::Days::new(i as u64),
                    amount: Some(a),
                }))
                .collect();
            let by_day: HashMap<(HabitId, NaiveDate), &Tick> =
                ticks.iter().map(|t| ((t.habit, t.day), t)).collect();
            let from = day("2026-01-01") + chrono::Days::new(lo);
            let to = from + chrono::Days::new(span);
            let a = adherence(&walk, &by_day, from, to);
            prop_assert_eq!(a.kept, span as i64 + 1);
            prop_assert!(a.met as i64 <= a.kept);
        }
    }
}
