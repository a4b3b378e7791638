//! Shared by the benchmarks: a fixed clock and demo histories, so that every
//! run measures the same work.

use afterglow::store::Db;
use afterglow::zone::Zone;
use chrono::{DateTime, TimeZone, Utc};

/// The instant every benchmark calls "now".
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("a valid instant")
}

pub fn zone() -> Zone {
    Zone::utc()
}

/// A database holding `years` of the seeded demo history.
pub fn demo_db(years: u32, path: Option<&std::path::Path>) -> Db {
    let demo = afterglow::demo::generate(years, afterglow::demo::DEFAULT_SEED, now(), &zone())
        .expect("a demo history");
    let mut db = match path {
        Some(p) => Db::open(p).expect("a new database file"),
        None => Db::open_in_memory().expect("an in-memory database"),
    };
    db.ensure_defaults(now().date_naive())
        .expect("first-run habits");
    db.insert_demo(&demo).expect("the demo history");
    db
}
