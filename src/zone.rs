//! The user's time zone as one concrete type.
//!
//! The domain is generic over `chrono::TimeZone`; the app needs one type it
//! can hold. In use it is the system zone (`Local`, daylight saving and all);
//! tests pin a fixed offset so that snapshots do not depend on the machine.

use std::fmt;

use chrono::{FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The system zone, read from `TZ` or `/etc/localtime` by chrono.
    Local,
    /// A fixed offset, for tests and for `TZ`-less machines.
    Fixed(FixedOffset),
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).expect("zero is a valid offset"))
    }
}

/// The offset of a [`Zone`] at one instant, remembering its zone so that
/// `DateTime<Zone>` keeps following daylight-saving rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

fn wrap(zone: Zone, r: LocalResult<FixedOffset>) -> LocalResult<ZoneOffset> {
    // chrono's `Local` may list a repeated wall-clock time (clocks going
    // back) latest first; the domain reads `.earliest()` and expects the
    // first occurrence, so order them by instant: the larger offset is the
    // earlier instant.
    let r = match r {
        LocalResult::Ambiguous(a, b) if a.local_minus_utc() < b.local_minus_utc() => {
            LocalResult::Ambiguous(b, a)
        }
        other => other,
    };
    r.map(|fixed| ZoneOffset { zone, fixed })
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        match self {
            Zone::Local => wrap(*self, Local.offset_from_local_date(local)),
            Zone::Fixed(f) => wrap(*self, f.offset_from_local_date(local)),
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        match self {
            Zone::Local => wrap(*self, Local.offset_from_local_datetime(local)),
            Zone::Fixed(f) => wrap(*self, f.offset_from_local_datetime(local)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        let fixed = match self {
            Zone::Local => Local.offset_from_utc_date(utc),
            Zone::Fixed(f) => f.offset_from_utc_date(utc),
        };
        ZoneOffset { zone: *self, fixed }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let fixed = match self {
            Zone::Local => Local.offset_from_utc_datetime(utc),
            Zone::Fixed(f) => f.offset_from_utc_datetime(utc),
        };
        ZoneOffset { zone: *self, fixed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn fixed_zone_shows_local_wall_time() {
        let z = Zone::Fixed(FixedOffset::east_opt(-3 * 3600).unwrap());
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 2, 0, 0).unwrap();
        assert_eq!(
            t.with_timezone(&z).format("%F %H:%M").to_string(),
            "2025-12-31 23:00"
        );
    }
}
