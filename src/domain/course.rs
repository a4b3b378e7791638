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

/// A run of done sessions, each less than the gap after the one before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Course {
    /// 1 for the first course ever.
    pub number: usize,
    pub sessions: Vec<SessionId>,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
}

impl Course {
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// A lone session after the first course is a maintenance booster.
    pub fn is_booster(&self) -> bool {
        self.number > 1 && self.sessions.len() == 1
    }

    /// The 1-based position of a session in this course.
    pub fn position(&self, id: SessionId) -> Option<usize> {
        self.sessions.iter().position(|s| *s == id).map(|i| i + 1)
    }
}

/// Groups done sessions into courses, oldest first.
pub fn courses(sessions: &[Session], cfg: &CourseConfig) -> Vec<Course> {
    let mut done: Vec<&Session> = sessions.iter().filter(|s| s.is_done()).collect();
    done.sort_by_key(|s| (s.at, s.id));
    let mut out: Vec<Course> = Vec::new();
    for s in done {
        match out.last_mut() {
            Some(c) if s.at - c.last_at < cfg.gap => {
                c.sessions.push(s.id);
                c.last_at = s.at;
            }
            _ => out.push(Course {
                number: out.len() + 1,
                sessions: vec![s.id],
                first_at: s.at,
                last_at: s.at,
            }),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CourseStatus {
    /// More sessions are expected within the gap.
    InProgress,
    /// The gap passed with nothing planned inside it, or the course reached
    /// its planned maximum.
    Finished,
}

/// The weeks after a course when the practices matter most.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IntegrationPeriod {
    pub starts_at: DateTime<Utc>,
    /// The end of the shortest suggested period (4 weeks by default).
    pub min_ends_at: DateTime<Utc>,
    /// The end of the longest suggested period (8 weeks by default).
    pub max_ends_at: DateTime<Utc>,
    /// How far through the longest period, 0.0 to 1.0.
    pub progress: f64,
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
pub fn integration(
    course: &Course,
    now: DateTime<Utc>,
    cfg: &CourseConfig,
) -> Result<IntegrationPeriod, DomainError> {
    let max_ends_at = time::add(course.last_at, cfg.integration_max)?;
    let total = cfg.integration_max.num_milliseconds() as f64;
    let elapsed = (now - course.last_at).num_milliseconds() as f64;
    Ok(IntegrationPeriod {
        starts_at: course.last_at,
        min_ends_at: time::add(course.last_at, cfg.integration_min)?,
        max_ends_at,
        progress: (elapsed / total).clamp(0.0, 1.0),
    })
}

/// The course that holds the newest done session at or before `now`, with
/// its status and, once finished, its integration period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseView {
    pub course: Course,
    pub status: CourseStatus,
    pub planned_min: u32,
    pub planned_max: u32,
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
    let Some(course) = courses(sessions, cfg)
        .into_iter()
        .find(|c| c.sessions.contains(&gov.id))
    else {
        return Ok(None);
    };
    let status = status(&course, sessions, now, cfg);
    let integration = match status {
        CourseStatus::Finished => Some(integration(&course, now, cfg)?),
        CourseStatus::InProgress => None,
    };
    Ok(Some(CourseView {
        course,
        status,
        planned_min: cfg.induction_min,
        planned_max: cfg.induction_max,
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
        let c = courses(&list, &CourseConfig::default());
        assert_eq!(c.len(), 3);
        assert_eq!(
            c[0].sessions,
            vec![SessionId(1), SessionId(2), SessionId(3)]
        );
        assert_eq!(c[1].sessions, vec![SessionId(4)]);
        assert!(c[2].is_booster());
        assert!(!c[0].is_booster());
        assert_eq!(c[0].position(SessionId(3)), Some(3));
    }

    #[test]
    fn a_course_finishes_when_the_gap_passes_with_nothing_planned() {
        use SessionStatus::{Done, Planned};
        let cfg = CourseConfig::default();
        let list = [s(1, 0, Done), s(2, 3, Done)];
        let c = &courses(&list, &cfg)[0];
        let at = |d: i64| t0() + TimeDelta::days(d);
        assert_eq!(status(c, &list, at(5), &cfg), CourseStatus::InProgress);
        assert_eq!(status(c, &list, at(10), &cfg), CourseStatus::Finished);
        let planned = [s(1, 0, Done), s(2, 3, Done), s(3, 9, Planned)];
        assert_eq!(status(c, &planned, at(8), &cfg), CourseStatus::InProgress);
        // The plan's day came and went without a session: the course ends.
        assert_eq!(status(c, &planned, at(10), &cfg), CourseStatus::Finished);

        let view = current(&list, at(10), &cfg).unwrap().unwrap();
        let integ = view.integration.unwrap();
        assert_eq!(integ.min_ends_at, at(3) + TimeDelta::weeks(4));
        assert_eq!(integ.max_ends_at, at(3) + TimeDelta::weeks(8));
    }

    #[test]
    fn eight_sessions_finish_a_course_at_once() {
        let cfg = CourseConfig::default();
        let list: Vec<Session> = (0..8).map(|i| s(i, i * 2, SessionStatus::Done)).collect();
        let c = &courses(&list, &cfg)[0];
        assert_eq!(c.len(), 8);
        assert_eq!(
            status(c, &list, t0() + TimeDelta::days(14), &cfg),
            CourseStatus::Finished
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
