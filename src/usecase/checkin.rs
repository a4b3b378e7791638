//! Daily check-ins: a quick rating of the day, one a day as the rhythm.
//! A second one on the same local day is a choice the person makes
//! (replace the first, or keep both), never a silent duplicate.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{Error, Result};
use crate::domain::checkin::{self, CheckIn, Scale};
use crate::domain::value::{Past, Text};
use crate::domain::{DomainError, Mood, time};
use crate::store::{CheckInChange, Db, NewCheckIn};

pub use crate::domain::checkin::MAX_NOTE_CHARS;

/// What a person says in a check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub at: Past,
    pub mood: Mood,
    pub anxiety: Option<Scale>,
    pub energy: Option<Scale>,
    pub note: Option<Text>,
}

/// What to do when the day already has a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameDay {
    /// Write nothing and answer with the day's check-in, so that the
    /// person can be asked.
    Ask,
    /// Put the new values in place of the day's (latest) check-in.
    Replace,
    /// Keep both.
    Add,
}

/// What logging did.
#[derive(Debug, Clone, PartialEq)]
pub enum Logged {
    New(CheckIn),
    Replaced {
        was: CheckIn,
        now: CheckIn,
    },
    /// The day already had this check-in (its latest) and nothing was
    /// written: asked with [`SameDay::Ask`].
    SameDay(CheckIn),
}

impl Logged {
    /// The check-in written, if one was.
    pub fn saved(&self) -> Option<&CheckIn> {
        match self {
            Logged::New(c) | Logged::Replaced { now: c, .. } => Some(c),
            Logged::SameDay(_) => None,
        }
    }
}

/// A note as a check-in keeps it: one line (line breaks folded into
/// spaces), trimmed, without control or direction characters (dropped;
/// see [`checkin::note_line`]), at most [`MAX_NOTE_CHARS`]; blank is no
/// note.
pub fn note(text: Option<&str>) -> Result<Option<Text>> {
    let Some(text) = text else { return Ok(None) };
    let line = checkin::note_line(text);
    let chars = line.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(Error::NoteTooLong {
            chars,
            max: MAX_NOTE_CHARS,
        });
    }
    Ok(Text::optional("a check-in's note", Some(&line))?)
}

/// The UTC span of a local day.
fn span<Tz: TimeZone>(day: NaiveDate, zone: &Tz) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    Ok(time::day_span(day, zone).ok_or(DomainError::OutOfRange)?)
}

/// Saves a check-in. When its local day (in `zone`) already has one,
/// `same_day` decides; the day's check-ins are read in the write
/// transaction, so one saved meanwhile elsewhere is seen.
pub fn log<Tz: TimeZone>(
    db: &mut Db,
    rating: Rating,
    same_day: SameDay,
    zone: &Tz,
) -> Result<Logged> {
    let at = rating.at.get();
    let (from, until) = span(time::local_date(at, zone), zone)?;
    let new = NewCheckIn {
        at,
        mood: rating.mood,
        anxiety: rating.anxiety,
        energy: rating.energy,
        note: rating.note.as_ref().map(Text::as_str),
    };
    // The latest stands for the day when there are several.
    let mut found: Option<CheckIn> = None;
    let written = db.change_checkins_between(from, until, |day| {
        found = day.iter().max_by_key(|c| (c.at, c.id)).cloned();
        Ok::<_, Error>(match (&found, same_day) {
            (None, _) | (Some(_), SameDay::Add) => CheckInChange::Add(new),
            (Some(_), SameDay::Ask) => CheckInChange::Keep,
            (Some(c), SameDay::Replace) => CheckInChange::Replace(c.id, new),
        })
    })?;
    Ok(match (found, written) {
        (Some(was), Some(now)) if was.id == now.id => Logged::Replaced { was, now },
        (_, Some(now)) => Logged::New(now),
        (Some(was), None) => Logged::SameDay(was),
        // Keep is only chosen when the day has a check-in.
        (None, None) => unreachable!("a check-in was neither written nor asked about"),
    })
}

/// The day's check-in (the latest, when there are several).
pub fn on_day<Tz: TimeZone>(db: &Db, day: NaiveDate, zone: &Tz) -> Result<Option<CheckIn>> {
    let (from, until) = span(day, zone)?;
    Ok(db
        .checkins_between(from, until)?
        .into_iter()
        .max_by_key(|c| (c.at, c.id)))
}

/// The `n` most recent check-ins, newest first.
pub fn recent(db: &Db, n: usize) -> Result<Vec<CheckIn>> {
    Ok(db.newest_checkins(n)?)
}

/// The check-ins from the local day `day` on, newest first.
pub fn since<Tz: TimeZone>(db: &Db, day: NaiveDate, zone: &Tz) -> Result<Vec<CheckIn>> {
    let (from, _) = span(day, zone)?;
    let all = db.checkins_between(from, DateTime::<Utc>::MAX_UTC)?;
    Ok(all.into_iter().rev().collect())
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use chrono_tz::Europe::Berlin;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn rating(when: DateTime<Utc>, mood: i64) -> Rating {
        Rating {
            at: Past::new(when, when).unwrap(),
            mood: Mood::new(mood).unwrap(),
            anxiety: Some(Scale::new(3).unwrap()),
            energy: None,
            note: note(Some("slept well")).unwrap(),
        }
    }

    #[test]
    fn a_second_check_in_on_the_same_local_day_is_asked_about() {
        let mut db = Db::open_in_memory().unwrap();
        // 23:30 UTC on 28 Mar is already 29 Mar in Berlin (after the
        // clocks went forward at 02:00 that night, 01:30 local).
        let first = at(2026, 3, 28, 23, 30);
        let Logged::New(c) = log(&mut db, rating(first, 6), SameDay::Ask, &Berlin).unwrap() else {
            panic!("the first of the day is simply saved");
        };
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(on_day(&db, day, &Berlin).unwrap(), Some(c.clone()));
        let later = first + TimeDelta::hours(10);
        let asked = log(&mut db, rating(later, 4), SameDay::Ask, &Berlin).unwrap();
        assert_eq!(asked, Logged::SameDay(c.clone()));
        assert_eq!(db.checkins().unwrap().len(), 1, "asking writes nothing");

        let Logged::Replaced { was, now } =
            log(&mut db, rating(later, 4), SameDay::Replace, &Berlin).unwrap()
        else {
            panic!("replaced");
        };
        assert_eq!((was.id, was.mood.get()), (c.id, 6));
        assert_eq!((now.id, now.mood.get(), now.at), (c.id, 4, later));
        assert_eq!(db.checkins().unwrap(), vec![now.clone()]);

        let both = log(&mut db, rating(later, 8), SameDay::Add, &Berlin).unwrap();
        assert!(matches!(&both, Logged::New(n) if n.id != c.id && n.mood.get() == 8));
        assert_eq!(db.checkins().unwrap().len(), 2);
        // With two that day, replacing takes the latest.
        let third = later + TimeDelta::hours(1);
        let Logged::Replaced { was, .. } =
            log(&mut db, rating(third, 5), SameDay::Replace, &Berlin).unwrap()
        else {
            panic!("replaced");
        };
        assert_eq!(Some(&was), both.saved());
        let moods: Vec<u8> = recent(&db, 5)
            .unwrap()
            .iter()
            .map(|c| c.mood.get())
            .collect();
        assert_eq!(moods, vec![5, 4], "newest first");
    }

    #[test]
    fn the_day_before_in_the_zone_is_another_day() {
        let mut db = Db::open_in_memory().unwrap();
        // 22:30 UTC on 28 Mar is 23:30 in Berlin, still 28 Mar there.
        log(
            &mut db,
            rating(at(2026, 3, 28, 22, 30), 6),
            SameDay::Ask,
            &Berlin,
        )
        .unwrap();
        let next = log(
            &mut db,
            rating(at(2026, 3, 28, 23, 30), 6),
            SameDay::Ask,
            &Berlin,
        );
        assert!(matches!(next.unwrap(), Logged::New(_)));
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(since(&db, day, &Berlin).unwrap().len(), 1);
    }

    #[test]
    fn a_note_is_one_line_of_bounded_length() {
        let folded = note(Some("  calm\r\n  morning \n\n walk "))
            .unwrap()
            .unwrap();
        assert_eq!(folded.as_str(), "calm morning walk");
        assert_eq!(note(Some(" \n ")).unwrap(), None);
        assert_eq!(note(None).unwrap(), None);
        let long = "a".repeat(MAX_NOTE_CHARS + 1);
        let e = note(Some(&long)).unwrap_err();
        assert!(e.to_string().contains("at most 200 characters"), "{e}");
        assert!(note(Some(&"é".repeat(MAX_NOTE_CHARS))).is_ok());
    }

    #[test]
    fn a_note_keeps_no_control_or_direction_characters() {
        let kept = |text: &str| note(Some(text)).unwrap().map(|t| t.as_str().to_string());
        assert_eq!(
            kept("bell\u{7} esc\u{1b}[31mred").as_deref(),
            Some("bell esc[31mred")
        );
        assert_eq!(
            kept("pay \u{202e}0001\u{202c} now").as_deref(),
            Some("pay 0001 now")
        );
        assert_eq!(kept("tab\tand\u{9b}2J c1").as_deref(), Some("tab and2J c1"));
        assert_eq!(kept("\u{1b}\u{7}"), None, "nothing but controls is no note");
        // Joiners are not controls: emoji need them.
        assert_eq!(kept("👩\u{200d}🌾").as_deref(), Some("👩\u{200d}🌾"));
    }
}
