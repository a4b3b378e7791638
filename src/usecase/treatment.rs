//! Where the person stands with sessions: in treatment, pausing, finished.

use chrono::{DateTime, Utc};

use super::Result;
use crate::domain::value::Text;
use crate::domain::{TreatmentChange, TreatmentStatus};
use crate::store::Db;

pub fn set(
    db: &mut Db,
    status: TreatmentStatus,
    note: Option<Text>,
    now: DateTime<Utc>,
) -> Result<TreatmentChange> {
    Ok(db.set_treatment(status, note.as_ref().map(Text::as_str), now)?)
}
