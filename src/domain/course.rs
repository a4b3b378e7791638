//! Courses: sessions close together form an induction course (or a lone
//! booster), and after a course ends comes a longer integration period.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::session::{Session, SessionId, SessionStatus};
use super::{DomainError, time};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseConfig {
    gap: TimeDelta,
    induction_min: u32,
    induction_max: u32,
    integration_min: TimeDelta,
    integration_max: TimeDelta,
}

impl Default for CourseConfig {
    fn default() -> Self {
        // 7-day gap; 6-8 induction sessions; 4-8 weeks of integration after.
        const DEFAULT: CourseConfig = CourseConfig {
            gap: time::constant(TimeDelta::try_days(7)),
            induction_min: 6,
            induction_max: 8,
            integration_min: time::constant(TimeDelta::try_weeks(4)),
            integration_max: time::constant(TimeDelta::try_weeks(8)),
        };
        DEFAULT
    }
}

impl CourseConfig {
    pub fn from_units(
        gap_days: i64,
        induction_min: u32,
        induction_max: u32,
        integration_min_weeks: i64,
        integration_max_weeks: i64,
    ) -> Result<Self, DomainError> {
        let bad = |m: &str| Err(DomainError::BadCourse(m.to_string()));
        if !(1..=365).contains(&gap_days) {
            return bad("gap_days must be from 1 to 365");
        }
        if induction_min == 0 || induction_min > induction_max || induction_max > 100 {
            return bad("induction_min must be at least 1 and at most induction_max (at most 100)");
        }
        if !(1..=520).contains(&integration_min_weeks)
            || !(integration_min_weeks..=520).contains(&integration_max_weeks)
        {
            return bad("integration weeks must be from 1 to 520, min no more than max");
        }
        Ok(CourseConfig {
            gap: time::days(gap_days)?,
            induction_min,
            induction_max,
            integration_min: time::days(integration_min_weeks * 7)?,
            integration_max: time::days(integration_max_weeks * 7)?,
        })
    }

    pub fn gap(&self) -> TimeDelta {
        self.gap
    }
    pub fn induction_range(&self) -> (u32, u32) {
        (self.induction_min, self.induction_max)
    }
    /// The integration period after a course, in whole weeks (min, max),
    /// as `from_units` took them.
    pub fn integration_weeks(&self) -> (i64, i64) {
        (
            self.integration_min.num_weeks(),
            self.integration_max.num_weeks(),
        )
    }
}

/// What a run of sessions is. Courses and boosters are counted apart, and
/// only courses are numbered: a rhythm of weekly maintenance sessions is
/// not a string of "courses".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CourseKind {
    /// Two or more sessions less than the gap apart (or one, with more
    /// planned inside the gap): an induction course.
    Course,
    /// A lone session after a course: a maintenance or booster session.
    Booster,
    /// A lone session with no course before it.
    Single,
}

/// A run of done sessions, each less than the gap after the one before,
/// and at most `induction_max` long.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Course {
    pub kind: CourseKind,
    /// 1 for the first course ever; boosters and single sessions have none.
    pub number: Option<usize>,
    pub sessions: Vec<SessionId>,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    /// Planned sessions still ahead that continue this run inside the gap
    /// (only the newest run can have any).
    pub planned_ahead: usize,
}

impl Course {
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    pub fn is_course(&self) -> bool {
        self.kind == CourseKind::Course
    }

    pub fn is_booster(&self) -> bool {
        self.kind == CourseKind::Booster
    }

    /// The 1-based position of a session in this run.
    pub fn position(&self, id: SessionId) -> Option<usize> {
        self.sessions.iter().position(|s| *s == id).map(|i| i + 1)
    }

    /// How many sessions the person has planned for this course in all,
    /// when they have planned more: "session 3 of 6" says only what they
    /// put on their own calendar.
    pub fn planned_total(&self) -> Option<usize> {
        (self.is_course() && self.planned_ahead > 0).then(|| self.len() + self.planned_ahead)
    }
}

/// Groups done sessions into courses, boosters and single sessions,
/// oldest first, as they stand at `now` (planned sessions still ahead can
/// make a first session the start of a course).
pub fn courses(sessions: &[Session], now: DateTime<Utc>, cfg: &CourseConfig) -> Vec<Course> {
    let mut done: Vec<&Session> = sessions.iter().filter(|s| s.is_done()).collect();
    done.sort_by_key(|s| (s.at, s.id));
    let max = cfg.induction_max as usize;
    let mut runs: Vec<(Vec<SessionId>, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for s in done {
        match runs.last_mut() {
            Some((ids, _, last)) if s.at - *last < cfg.gap && ids.len() < max => {
                ids.push(s.id);
                *last = s.at;
            }
            _ => runs.push((vec![s.id], s.at, s.at)),
        }
    }
    let ahead = runs.last().map_or(0, |(ids, _, last)| {
        planned_after(sessions, *last, ids.len(), now, cfg)
    });
    let count = runs.len();
    let mut out: Vec<Course> = Vec::with_capacity(count);
    let mut numbered = 0;
    for (i, (ids, first_at, last_at)) in runs.into_iter().enumerate() {
        let planned_ahead = if i + 1 == count { ahead } else { 0 };
        let kind = if ids.len() >= 2 || planned_ahead > 0 {
            CourseKind::Course
        } else if numbered > 0 {
            CourseKind::Booster
        } else {
            CourseKind::Single
        };
        let number = (kind == CourseKind::Course).then(|| {
            numbered += 1;
            numbered
        });
        out.push(Course {
            kind,
            number,
            sessions: ids,
            first_at,
            last_at,
            planned_ahead,
        });
    }
    out
}

/// Planned sessions still ahead at `now` that follow `last` each inside
/// the gap, up to the course's maximum.
fn planned_after(
    sessions: &[Session],
    last: DateTime<Utc>,
    len: usize,
    now: DateTime<Utc>,
    cfg: &CourseConfig,
) -> usize {
    let mut planned: Vec<DateTime<Utc>> = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Planned && s.at > now && s.at > last)
        .map(|s| s.at)
        .collect();
    planned.sort();
    let room = (cfg.induction_max as usize).saturating_sub(len);
    let mut prev = last;
    let mut n = 0;
    for at in planned {
        if n >= room || at - prev >= cfg.gap {
            break;
        }
        n += 1;
        prev = at;
    }
    n
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CourseStatus {
    /// More sessions are planned within the gap, or the gap has not passed.
    InProgress,
    /// The gap passed with nothing planned inside it, or the course reached
    /// its maximum.
    Finished,
}

/// The weeks after a finished course when the integration guide suggests
/// keeping the practices going: at least `min` to `max` weeks, and for
/// many people for good. A span that is reached, never a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IntegrationPeriod {
    /// The course's last session.
    pub starts_at: DateTime<Utc>,
    /// When the shortest suggested span (4 weeks by default) is reached.
    pub min_reached_at: DateTime<Utc>,
    /// When the longest suggested span (8 weeks by default) is reached.
    pub max_reached_at: DateTime<Utc>,
    /// The spans, in whole weeks, as the config gives them.
    pub min_weeks: i64,
    pub max_weeks: i64,
}

/// How far the integration period has come: the weeks reached, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IntegrationStage {
    /// Less than the shortest span since the course ended.
    Early,
    /// The shortest span (in weeks) has been reached.
    Reached(i64),
    /// The longest span has been reached.
    Past(i64),
}

impl IntegrationPeriod {
    pub fn stage(&self, now: DateTime<Utc>) -> IntegrationStage {
        if now >= self.max_reached_at {
            IntegrationStage::Past(self.max_weeks)
        } else if now >= self.min_reached_at {
            IntegrationStage::Reached(self.min_weeks)
        } else {
            IntegrationStage::Early
        }
    }
}

/// Whether a course is still going at `now`.
pub fn status(
    course: &Course,
    sessions: &[Session],
    now: DateTime<Utc>,
    cfg: &CourseConfig,
) -> CourseStatus {
    if course.len() >= cfg.induction_max as usize {
        return CourseStatus::Finished;
    }
    let gap_end = course.last_at.checked_add_signed(cfg.gap);
    // Only plans still ahead count: a planned session whose time passed
    // without being logged must not hold the course open for ever.
    let planned_inside = sessions.iter().any(|s| {
        s.status == SessionStatus::Planned
            && s.at > now
            && s.at > course.last_at
            && gap_end.is_none_or(|end| s.at < end)
    });
    let gap_passed = gap_end.is_some_and(|end| now >= end);
    if gap_passed && !planned_inside {
        CourseStatus::Finished
    } else {
        CourseStatus::InProgress
    }
}

/// The integration period after a course's last session.
pub fn integration(course: &Course, cfg: &CourseConfig) -> Result<IntegrationPeriod, DomainError> {
    let (min_weeks, max_weeks) = cfg.integration_weeks();
    Ok(IntegrationPeriod {
        starts_at: course.last_at,
        min_reached_at: time::add(course.last_at, cfg.integration_min)?,
        max_reached_at: time::add(course.last_at, cfg.integration_max)?,
        min_weeks,
        max_weeks,
    })
}

/// The run that holds the newest done session at or before `now`, with
/// its status and, for a finished course, its integration period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseView {
    pub course: Course,
    pub status: CourseStatus,
    /// Only for a finished course; boosters and single sessions have none.
    pub integration: Option<IntegrationPeriod>,
}

pub fn current(
    sessions: &[Session],
    now: DateTime<Utc>,
    cfg: &CourseConfig,
) -> Result<Option<CourseView>, DomainError> {
    let Some(gov) = super::plasticity::governing(sessions, now) else {
        return Ok(None);
    };
    let Some(course) = courses(sessions, now, cfg)
        .into_iter()
        .find(|c| c.sessions.contains(&gov.id))
    else {
        return Ok(None);
    };
    let status = status(&course, sessions, now, cfg);
    let integration = match status {
        CourseStatus::Finished if course.is_course() => Some(integration(&course, cfg)?),
        _ => None,
    };
    Ok(Some(CourseView {
        course,
        status,
        integration,
    }))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::SessionKind;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn s(id: i64, day: i64, status: SessionStatus) -> Session {
        Session {
            id: SessionId(id),
            at: t0() + TimeDelta::days(day),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status,
        }
    }

    #[test]
    fn sessions_under_a_week_apart_form_a_course() {
        use SessionStatus::Done;
        let list = [
            s(1, 0, Done),
            s(2, 2, Done),
            s(3, 5, Done),
            s(4, 12, Done), // exactly 7 days: a new course
            s(5, 40, Done),
        ];
        let c = courses(&list, t0() + TimeDelta::days(60), &CourseConfig::default());
        assert_eq!(c.len(), 3);
        assert_eq!(
            c[0].sessions,
            vec![SessionId(1), SessionId(2), SessionId(3)]
        );
        assert_eq!(c[0].number, Some(1));
        assert_eq!(c[1].sessions, vec![SessionId(4)]);
        // Lone sessions after a course are boosters, never numbered.
        assert!(c[1].is_booster() && c[2].is_booster());
        assert_eq!(c[2].number, None);
        assert!(c[0].is_course());
        assert_eq!(c[0].position(SessionId(3)), Some(3));
        let kinds: Vec<CourseKind> = c.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [CourseKind::Course, CourseKind::Booster, CourseKind::Booster]
        );
    }

    #[test]
    fn a_course_finishes_when_the_gap_passes_with_nothing_planned() {
        use SessionStatus::{Done, Planned};
        let cfg = CourseConfig::default();
        let list = [s(1, 0, Done), s(2, 3, Done)];
        let at = |d: i64| t0() + TimeDelta::days(d);
        let c = &courses(&list, at(5), &cfg)[0];
        assert_eq!(status(c, &list, at(5), &cfg), CourseStatus::InProgress);
        assert_eq!(status(c, &list, at(10), &cfg), CourseStatus::Finished);
        let planned = [s(1, 0, Done), s(2, 3, Done), s(3, 9, Planned)];
        assert_eq!(status(c, &planned, at(8), &cfg), CourseStatus::InProgress);
        // The plan's day came and went without a session: the course ends.
        assert_eq!(status(c, &planned, at(10), &cfg), CourseStatus::Finished);

        let view = current(&list, at(10), &cfg).unwrap().unwrap();
        let integ = view.integration.unwrap();
        assert_eq!(integ.min_reached_at, at(3) + TimeDelta::weeks(4));
        assert_eq!(integ.max_reached_at, at(3) + TimeDelta::weeks(8));
        assert_eq!(integ.stage(at(10)), IntegrationStage::Early);
        assert_eq!(integ.stage(at(3 + 28)), IntegrationStage::Reached(4));
        assert_eq!(integ.stage(at(3 + 100)), IntegrationStage::Past(8));
    }

    #[test]
    fn eight_sessions_finish_a_course_at_once() {
        let cfg = CourseConfig::default();
        let list: Vec<Session> = (0..9).map(|i| s(i, i * 2, SessionStatus::Done)).collect();
        let all = courses(&list, t0() + TimeDelta::days(30), &cfg);
        let c = &all[0];
        assert_eq!(c.len(), 8);
        // The ninth starts a run of its own, a booster: courses close at 8.
        assert_eq!(all[1].sessions, vec![SessionId(8)]);
        assert!(all[1].is_booster());
        assert_eq!(
            status(c, &list, t0() + TimeDelta::days(14), &cfg),
            CourseStatus::Finished
        );
    }

    #[test]
    fn a_first_session_with_more_planned_is_a_course_and_says_what_was_planned() {
        use SessionStatus::{Done, Planned};
        let cfg = CourseConfig::default();
        let now = t0() + TimeDelta::hours(3);
        let lone = [s(1, 0, Done)];
        let c = &courses(&lone, now, &cfg)[0];
        assert_eq!(c.kind, CourseKind::Single);
        assert_eq!(c.planned_total(), None);
        let planned = [
            s(1, 0, Done),
            s(2, 3, Planned),
            s(3, 5, Planned),
            s(4, 30, Planned),
        ];
        let c = &courses(&planned, now, &cfg)[0];
        assert_eq!((c.kind, c.number), (CourseKind::Course, Some(1)));
        // Day 30 is beyond the gap: two more are planned for this course.
        assert_eq!(c.planned_total(), Some(3));
        // Plans whose time passed unlogged say nothing about the course.
        let later = t0() + TimeDelta::days(6);
        let c = &courses(&planned, later, &cfg)[0];
        assert_eq!(c.planned_total(), None);
        assert_eq!(c.kind, CourseKind::Single);
    }

    #[test]
    fn weekly_sessions_are_a_rhythm_of_boosters_not_courses() {
        let cfg = CourseConfig::default();
        let mut list: Vec<Session> = (0..6).map(|i| s(i, i * 2, SessionStatus::Done)).collect();
        list.extend((0..10).map(|i| s(10 + i, 30 + i * 7, SessionStatus::Done)));
        let all = courses(&list, t0() + TimeDelta::days(200), &cfg);
        let in_courses = all.iter().filter(|c| c.is_course()).count();
        let boosters = all.iter().filter(|c| c.is_booster()).count();
        assert_eq!((in_courses, boosters), (1, 10));
        assert!(all.iter().skip(1).all(|c| c.number.is_none()));
        // Weekly from the very start: single sessions, never courses.
        let weekly: Vec<Session> = (0..5).map(|i| s(i, i * 7, SessionStatus::Done)).collect();
        let all = courses(&weekly, t0() + TimeDelta::days(60), &cfg);
        assert!(all.iter().all(|c| c.kind == CourseKind::Single));
        assert!(
            current(&weekly, t0() + TimeDelta::days(60), &cfg)
                .unwrap()
                .unwrap()
                .integration
                .is_none()
        );
    }

    #[test]
    fn course_settings_are_checked() {
        assert!(CourseConfig::from_units(0, 6, 8, 4, 8).is_err());
        assert!(CourseConfig::from_units(7, 9, 8, 4, 8).is_err());
        assert!(CourseConfig::from_units(7, 6, 8, 9, 8).is_err());
        assert_eq!(
            CourseConfig::from_units(7, 6, 8, 4, 8).unwrap(),
            CourseConfig::default()
        );
    }
}
