//! Checked durations: clippy.toml bans chrono's panicking constructors, and
//! in a test an overflow is a bug in the test, so these unwrap.
#![allow(dead_code)]

use chrono::TimeDelta;

pub fn minutes(n: i64) -> TimeDelta {
    TimeDelta::try_minutes(n).unwrap()
}
pub fn hours(n: i64) -> TimeDelta {
    TimeDelta::try_hours(n).unwrap()
}
pub fn days(n: i64) -> TimeDelta {
    TimeDelta::try_days(n).unwrap()
}
