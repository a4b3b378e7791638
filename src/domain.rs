//! The pure core: sessions, plasticity windows, integration plans, courses,
//! habits, journal entries and intentions.
//!
//! Nothing in here reads the clock, touches a file, talks to SQLite or draws.
//! Every function that depends on "now" takes it as a parameter, and every
//! function that needs calendar days takes the time zone as a parameter, so
//! the whole module can be tested with fixed instants and fixed zones.

pub mod analytics;
pub mod attach;
pub mod batch;
pub mod checkin;
pub mod course;
pub mod draft;
pub mod error;
pub mod habit;
pub mod history;
pub mod insight;
pub mod intention;
pub mod journal;
pub mod plan;
pub mod plasticity;
pub mod questionnaire;
pub mod removed;
pub mod search;
pub mod session;
pub mod time;
pub mod treatment;
pub mod value;
pub mod when;

pub use batch::Batch;
pub use course::{
    Course, CourseConfig, CourseKind, CourseStatus, IntegrationPeriod, IntegrationStage,
};
pub use error::DomainError;
pub use habit::{Habit, HabitId, HabitKind, HabitRole, HabitStats, Tick};
pub use history::History;
pub use intention::{EarlierReflection, Intention, IntentionId};
pub use journal::{JournalEntry, JournalId, MAX_ENTRY_BYTES, Mood, TherapyId, TherapyVisit};
pub use plan::{PlanConfig, PlanFacts, PlanItem, PlanKind, PlanState, TherapyRhythm};
pub use plasticity::{Band, Countdown, Phase, WindowConfig};
pub use removed::Removed;
pub use session::{Session, SessionId, SessionKind, SessionStatus};
pub use treatment::{TreatmentChange, TreatmentStatus};
