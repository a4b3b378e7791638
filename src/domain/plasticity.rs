//! The plasticity window that follows a session, and the countdown through it.
//!
//! The phase boundaries come from the source articles; docs/plasticity-model.md
//! gives each number with its source. All of them can be changed in the config.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::session::{Session, SessionId, done_before};
use super::{DomainError, time};

/// Where a session's window stands at some instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// The drug's own effects; rest, do not drive.
    Acute,
    /// Plasticity is building; a good time to write.
    Opening,
    /// The most malleable stretch.
    Peak,
    /// Still open; therapy fits here.
    Open,
    /// Quieter remodelling that may go on for a week or two.
    Extended,
    /// The window has closed.
    Closed,
}

impl Phase {
    /// The phases that have an end, in order.
    pub const WINDOW: [Phase; 5] = [
        Phase::Acute,
        Phase::Opening,
        Phase::Peak,
        Phase::Open,
        Phase::Extended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Acute => "acute",
            Phase::Opening => "opening",
            Phase::Peak => "peak",
            Phase::Open => "open",
            Phase::Extended => "extended",
            Phase::Closed => "closed",
        }
    }

    /// One calm sentence about what this phase is good for, worded no more
    /// firmly than the sources (docs/plasticity-model.md).
    pub fn hint(self) -> &'static str {
        match self {
            Phase::Acute => {
                "Rest and let it settle. Follow your clinic's advice on driving: \
                 commonly not until the next day."
            }
            Phase::Opening => "Your window is opening. When you're able, write down what came up.",
            Phase::Peak => {
                "The window is at its widest: a good time for therapy, a walk, kind company."
            }
            Phase::Open => "Still open. Keep the practices going, and go gently.",
            Phase::Extended => {
                "Some research suggests quieter remodelling may go on for a week or two."
            }
            Phase::Closed => "This window has closed. Your habits and journal keep the thread.",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Phase boundaries, each measured from the start of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowConfig {
    acute_end: TimeDelta,
    opening_end: TimeDelta,
    peak_end: TimeDelta,
    open_end: TimeDelta,
    extended_end: TimeDelta,
}

impl Default for WindowConfig {
    fn default() -> Self {
        // 90 min, 24 h, 48 h, 72 h, 14 days: see docs/plasticity-model.md.
        const DEFAULT: WindowConfig = WindowConfig {
            acute_end: time::constant(TimeDelta::try_minutes(90)),
            opening_end: time::constant(TimeDelta::try_hours(24)),
            peak_end: time::constant(TimeDelta::try_hours(48)),
            open_end: time::constant(TimeDelta::try_hours(72)),
            extended_end: time::constant(TimeDelta::try_days(14)),
        };
        DEFAULT
    }
}

/// The longest extended window the config may ask for.
const TEN_YEARS: TimeDelta = time::constant(TimeDelta::try_days(3650));

impl WindowConfig {
    /// Builds a config from the units people write in the config file.
    pub fn from_units(
        acute_minutes: i64,
        opening_hours: i64,
        peak_hours: i64,
        open_hours: i64,
        extended_days: i64,
    ) -> Result<Self, DomainError> {
        Self::new(
            time::minutes(acute_minutes)?,
            time::hours(opening_hours)?,
            time::hours(peak_hours)?,
            time::hours(open_hours)?,
            time::days(extended_days)?,
        )
    }

    pub fn new(
        acute_end: TimeDelta,
        opening_end: TimeDelta,
        peak_end: TimeDelta,
        open_end: TimeDelta,
        extended_end: TimeDelta,
    ) -> Result<Self, DomainError> {
        let named = [
            ("acute", acute_end),
            ("opening", opening_end),
            ("peak", peak_end),
            ("open", open_end),
            ("extended", extended_end),
        ];
        if acute_end <= TimeDelta::zero() {
            return Err(DomainError::BadWindow(
                "the acute phase must last more than zero".into(),
            ));
        }
        for pair in named.windows(2) {
            let ((a, da), (b, db)) = (pair[0], pair[1]);
            if db <= da {
                return Err(DomainError::BadWindow(format!(
                    "the {b} phase must end after the {a} phase"
                )));
            }
        }
        // Ten years is far beyond any plausible window, and keeps every
        // `at + boundary` comfortably inside chrono's range.
        if extended_end > TEN_YEARS {
            return Err(DomainError::BadWindow(
                "the extended window is longer than ten years".into(),
            ));
        }
        Ok(WindowConfig {
            acute_end,
            opening_end,
            peak_end,
            open_end,
            extended_end,
        })
    }

    pub fn acute_end(&self) -> TimeDelta {
        self.acute_end
    }
    pub fn opening_end(&self) -> TimeDelta {
        self.opening_end
    }
    pub fn peak_end(&self) -> TimeDelta {
        self.peak_end
    }
    /// The end of the main window (72 h by default).
    pub fn open_end(&self) -> TimeDelta {
        self.open_end
    }
    /// The end of the extended window (14 days by default).
    pub fn extended_end(&self) -> TimeDelta {
        self.extended_end
    }

    /// When a phase starts and ends, relative to the session.
    pub fn bounds(&self, phase: Phase) -> (TimeDelta, Option<TimeDelta>) {
        match phase {
            Phase::Acute => (TimeDelta::zero(), Some(self.acute_end)),
            Phase::Opening => (self.acute_end, Some(self.opening_end)),
            Phase::Peak => (self.opening_end, Some(self.peak_end)),
            Phase::Open => (self.peak_end, Some(self.open_end)),
            Phase::Extended => (self.open_end, Some(self.extended_end)),
            Phase::Closed => (self.extended_end, None),
        }
    }

    /// The phase at `elapsed` after the session started. Before the start
    /// there is no window yet.
    pub fn phase_after(&self, elapsed: TimeDelta) -> Option<Phase> {
        if elapsed < TimeDelta::zero() {
            return None;
        }
        Some(
            Phase::WINDOW
                .into_iter()
                .find(|p| matches!(self.bounds(*p).1, Some(end) if elapsed < end))
                .unwrap_or(Phase::Closed),
        )
    }
}

/// One coloured stretch of a session's window on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Band {
    pub session: SessionId,
    pub phase: Phase,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The bands of one session's window, acute to extended.
pub fn bands(session: &Session, cfg: &WindowConfig) -> Result<Vec<Band>, DomainError> {
    Phase::WINDOW
        .into_iter()
        .map(|phase| {
            let (start, end) = cfg.bounds(phase);
            let end = end.ok_or(DomainError::OutOfRange)?;
            Ok(Band {
                session: session.id,
                phase,
                starts_at: time::add(session.at, start)?,
                ends_at: time::add(session.at, end)?,
            })
        })
        .collect()
}

/// Where the governing session's window stands at `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Countdown {
    pub session: SessionId,
    pub session_at: DateTime<Utc>,
    pub phase: Phase,
    pub phase_started_at: DateTime<Utc>,
    /// `None` once the window has closed.
    pub phase_ends_at: Option<DateTime<Utc>>,
    /// Time left in the current phase; `None` once closed.
    pub phase_left: Option<TimeDelta>,
    /// The end of the main (72 h) window.
    pub window_closes_at: DateTime<Utc>,
    /// The end of the extended window.
    pub extended_closes_at: DateTime<Utc>,
    /// How far through the main window, 0.0 to 1.0.
    pub window_progress: f64,
    /// How far through the extended window, 0.0 to 1.0.
    pub extended_progress: f64,
    /// The next phase and when it begins, if there is one.
    pub next_phase: Option<Phase>,
}

impl Countdown {
    /// Time left until the main window closes (zero once it has).
    pub fn window_left(&self, now: DateTime<Utc>) -> TimeDelta {
        (self.window_closes_at - now).max(TimeDelta::zero())
    }

    /// Whether the main window (acute to open) is still open.
    pub fn in_main_window(&self) -> bool {
        self.phase < Phase::Extended
    }
}

/// The countdown for one session at `now`, or `None` before it started.
pub fn countdown_for(
    session: &Session,
    now: DateTime<Utc>,
    cfg: &WindowConfig,
) -> Result<Option<Countdown>, DomainError> {
    let elapsed = now - session.at;
    let Some(phase) = cfg.phase_after(elapsed) else {
        return Ok(None);
    };
    let (start, end) = cfg.bounds(phase);
    let phase_ends_at = end.map(|e| time::add(session.at, e)).transpose()?;
    let fraction = |span: TimeDelta| {
        let total = span.num_milliseconds() as f64;
        (elapsed.num_milliseconds() as f64 / total).clamp(0.0, 1.0)
    };
    let next_phase = Phase::WINDOW
        .into_iter()
        .chain([Phase::Closed])
        .find(|p| *p > phase);
    Ok(Some(Countdown {
        session: session.id,
        session_at: session.at,
        phase,
        phase_started_at: time::add(session.at, start)?,
        phase_ends_at,
        phase_left: phase_ends_at.map(|e| e - now),
        window_closes_at: time::add(session.at, cfg.open_end())?,
        extended_closes_at: time::add(session.at, cfg.extended_end())?,
        window_progress: fraction(cfg.open_end()),
        extended_progress: fraction(cfg.extended_end()),
        next_phase,
    }))
}

/// The countdown that governs the dashboard at `now`: the newest done
/// session at or before `now`. Planned sessions never open a window, and when
/// windows overlap the newest one wins (the timeline still shows them all).
pub fn countdown(
    sessions: &[Session],
    now: DateTime<Utc>,
    cfg: &WindowConfig,
) -> Result<Option<Countdown>, DomainError> {
    match governing(sessions, now) {
        Some(s) => countdown_for(s, now, cfg),
        None => Ok(None),
    }
}

/// The newest done session at or before `now`.
pub fn governing(sessions: &[Session], now: DateTime<Utc>) -> Option<&Session> {
    done_before(sessions, now).max_by_key(|s| (s.at, s.id))
}

/// [`governing`] for many instants over the same sessions: sorted once,
/// then each question is a binary search. The timeline asks it for every
/// row, and with years of sessions a scan per row adds up.
#[derive(Debug, Clone)]
pub struct Governor<'a> {
    done: Vec<&'a Session>,
}

impl<'a> Governor<'a> {
    pub fn new(sessions: &'a [Session]) -> Governor<'a> {
        let mut done: Vec<&Session> = sessions.iter().filter(|s| s.is_done()).collect();
        done.sort_by_key(|s| (s.at, s.id));
        Governor { done }
    }

    /// The same session as `governing(sessions, now)`.
    pub fn at(&self, now: DateTime<Utc>) -> Option<&'a Session> {
        let after = self.done.partition_point(|s| s.at <= now);
        after.checked_sub(1).map(|i| self.done[i])
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::{SessionKind, SessionStatus};
    use chrono::TimeZone;

    fn session(id: i64, at: DateTime<Utc>, status: SessionStatus) -> Session {
        Session {
            id: SessionId(id),
            at,
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status,
        }
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn phase_table() {
        let cfg = WindowConfig::default();
        let m = TimeDelta::minutes;
        let cases = [
            (m(-1), None),
            (m(0), Some(Phase::Acute)),
            (m(89), Some(Phase::Acute)),
            (m(90), Some(Phase::Opening)),
            (m(24 * 60 - 1), Some(Phase::Opening)),
            (m(24 * 60), Some(Phase::Peak)),
            (m(30 * 60), Some(Phase::Peak)),
            (m(48 * 60), Some(Phase::Open)),
            (m(72 * 60 - 1), Some(Phase::Open)),
            (m(72 * 60), Some(Phase::Extended)),
            (m(14 * 24 * 60 - 1), Some(Phase::Extended)),
            (m(14 * 24 * 60), Some(Phase::Closed)),
            (m(400 * 24 * 60), Some(Phase::Closed)),
        ];
        for (elapsed, want) in cases {
            assert_eq!(cfg.phase_after(elapsed), want, "{elapsed}");
        }
    }

    #[test]
    fn thirty_hours_in_is_peak_with_the_right_closing_times() {
        let s = session(1, t0(), SessionStatus::Done);
        let now = t0() + TimeDelta::hours(30);
        let c = countdown(&[s], now, &WindowConfig::default())
            .unwrap()
            .unwrap();
        assert_eq!(c.phase, Phase::Peak);
        assert_eq!(c.phase_ends_at, Some(t0() + TimeDelta::hours(48)));
        assert_eq!(c.phase_left, Some(TimeDelta::hours(18)));
        assert_eq!(c.window_closes_at, t0() + TimeDelta::hours(72));
        assert_eq!(c.extended_closes_at, t0() + TimeDelta::days(14));
        assert!((c.window_progress - 30.0 / 72.0).abs() < 1e-9);
        assert_eq!(c.next_phase, Some(Phase::Open));
    }

    #[test]
    fn newest_done_session_governs_and_planned_never_does() {
        let a = session(1, t0(), SessionStatus::Done);
        let b = session(2, t0() + TimeDelta::hours(50), SessionStatus::Done);
        let p = session(3, t0() + TimeDelta::hours(52), SessionStatus::Planned);
        let now = t0() + TimeDelta::hours(53);
        let c = countdown(&[a, b, p], now, &WindowConfig::default())
            .unwrap()
            .unwrap();
        assert_eq!(c.session, SessionId(2));
        assert_eq!(c.phase, Phase::Opening);
    }

    #[test]
    fn bad_windows_are_refused() {
        assert!(WindowConfig::from_units(90, 24, 24, 72, 14).is_err());
        assert!(WindowConfig::from_units(0, 24, 48, 72, 14).is_err());
        assert!(
            WindowConfig::from_units(90, 1, 48, 72, 14).is_err(),
            "opening ends before acute"
        );
        assert!(WindowConfig::from_units(90, 24, 48, 72, 5000).is_err());
        assert_eq!(
            WindowConfig::from_units(90, 24, 48, 72, 14).unwrap(),
            WindowConfig::default()
        );
    }

    #[test]
    fn bands_cover_the_window_without_gaps() {
        let s = session(1, t0(), SessionStatus::Done);
        let b = bands(&s, &WindowConfig::default()).unwrap();
        assert_eq!(b.len(), 5);
        assert_eq!(b[0].starts_at, t0());
        for w in b.windows(2) {
            assert_eq!(w[0].ends_at, w[1].starts_at);
        }
        assert_eq!(b[4].ends_at, t0() + TimeDelta::days(14));
    }
}
