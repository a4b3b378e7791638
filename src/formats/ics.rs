//! iCalendar (RFC 5545): each session, its peak and main window, the
//! suggested therapy slot (following `[plan] therapy`; none when it is
//! off) and the next-day walk, for any calendar program. A calendar shows
//! one event at a time, so every event's description ends with the
//! not-medical-advice line and where to find help, in `care`'s words.
//!
//! A small writer of our own: content lines end in CRLF and are folded at
//! 75 octets, never inside a UTF-8 character; text is escaped; timed events
//! are in UTC and all-day ones are `VALUE=DATE`. Every boundary comes from
//! the configured window through the domain (`plasticity::bands`,
//! `plan::plan`), never from numbers written here.
//!
//! Every event's SEQUENCE is the export's minute (counted from 2000), so
//! that a newer export is also a newer revision: calendars that ignore an
//! update whose SEQUENCE has not grown (Google's and Outlook's imports do)
//! still take it, and no state has to be kept between exports.
//!
//! UIDs are stable across exports and across an export and import into
//! another database, so that importing a newer file updates events instead
//! of adding copies. They are built from the session's local day and its
//! place among that day's sessions, not from the instant or the database
//! id: logging a planned session confirms it at the time it really began
//! (`session::planned_match`, same local day), and its events must follow.

use std::collections::HashMap;
use std::fmt::Display;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{Days, FormatError, kind_and_dose, local, words};
use crate::care::{CRISIS, NOT_MEDICAL_ADVICE};
use crate::config::Settings;
use crate::domain::plan::{PlanKind, TherapyRhythm};
use crate::domain::{
    History, Intention, Phase, Session, SessionId, SessionStatus, plasticity, time,
};

/// The longest content line, in octets, not counting the CRLF (§3.1).
const LINE_OCTETS: usize = 75;

/// The finished calendar and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub text: String,
    pub sessions: usize,
    pub events: usize,
}

/// The calendar of the sessions on `days`. Window, peak, therapy slot
/// and walk are given for done sessions and for planned ones still ahead;
/// a planned session whose time has passed without being logged keeps
/// only its own (tentative) event.
pub fn calendar<Tz>(
    full: &History,
    days: Days,
    settings: &Settings,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Calendar, FormatError>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let cfg = &settings.window;
    let plans = full.timeline();
    let uids = uid_bases(&full.sessions, tz);
    let stamp = utc_stamp(now);
    let sequence = sequence(now);
    let mut intentions: HashMap<SessionId, Vec<&Intention>> = HashMap::new();
    // A session's own intention; ones set anew in its place are history.
    for i in full.intentions.iter().filter(|i| !i.is_replaced()) {
        if let Some(s) = i.session {
            intentions.entry(s).or_default().push(i);
        }
    }

    let mut sessions: Vec<&Session> = full
        .sessions
        .iter()
        .filter(|s| days.holds(s.at, tz))
        .collect();
    sessions.sort_by_key(|s| (s.at, s.id));

    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!(
            "PRODID:-//afterglow//afterglow {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:afterglow",
        &format!("X-WR-CALDESC:{}", escape_text(NOT_MEDICAL_ADVICE)),
    ] {
        push_line(&mut out, line);
    }

    let mut events = 0;
    for s in &sessions {
        let base = &uids[&s.id];
        let when = local(s.at, tz, "%a %-d %b %Y %H:%M");
        let planned = s.status == SessionStatus::Planned;
        let status = if planned { "TENTATIVE" } else { "CONFIRMED" };
        let from = format!("From your session of {when}.");

        let bands = plasticity::bands(s, cfg)?;
        let band = |p: Phase| bands.iter().find(|b| b.phase == p);
        let mut about = vec![kind_and_dose(s)];
        if let Some(note) = words(s.note.as_deref()) {
            about.push(format!("Note: {note}"));
        }
        if let Some(list) = intentions.get_mut(&s.id) {
            list.sort_by_key(|i| (i.set_at, i.id));
            about.extend(list.iter().map(|i| format!("Intention: {}", i.text)));
        }
        if planned {
            about.push("Planned.".into());
        }
        about.push(Phase::Acute.hint().into());
        let title = if planned {
            format!("Planned session: {}", s.kind.label())
        } else {
            format!("Session: {}", s.kind.label())
        };
        event(
            &mut out,
            &Event {
                uid: format!("{base}-session@afterglow"),
                stamp: &stamp,
                sequence,
                start: When::At(s.at),
                // The session itself lasts as long as its acute phase.
                end: When::At(
                    band(Phase::Acute)
                        .ok_or(crate::domain::DomainError::OutOfRange)?
                        .ends_at,
                ),
                summary: &title,
                description: &about.join("\n"),
                status,
                busy: true,
            },
        );
        events += 1;

        if planned && s.at < now {
            continue;
        }
        let if_planned = if planned {
            " If the session goes ahead as planned."
        } else {
            ""
        };
        if let (Some(first), Some(open)) = (band(Phase::Acute), band(Phase::Open)) {
            let closes = local(open.ends_at, tz, "%a %-d %b %H:%M");
            event(
                &mut out,
                &Event {
                    uid: format!("{base}-window@afterglow"),
                    stamp: &stamp,
                    sequence,
                    start: When::At(first.starts_at),
                    end: When::At(open.ends_at),
                    summary: "Integration window open",
                    // Hedged as the integration guide hedges it: the
                    // hours are typical, the week or two only suggested.
                    description: &format!(
                        "{from} The main window closes {closes}: heightened plasticity \
                         typically lasts {} to {} hours after a session.{if_planned}\n{}\n{}",
                        cfg.opening_end().num_hours(),
                        cfg.open_end().num_hours(),
                        Phase::Open.hint(),
                        Phase::Extended.hint()
                    ),
                    status,
                    busy: false,
                },
            );
            events += 1;
        }
        if let Some(peak) = band(Phase::Peak) {
            event(
                &mut out,
                &Event {
                    uid: format!("{base}-peak@afterglow"),
                    stamp: &stamp,
                    sequence,
                    start: When::At(peak.starts_at),
                    end: When::At(peak.ends_at),
                    summary: "Window at its widest",
                    description: &format!("{from}{if_planned}\n{}", Phase::Peak.hint()),
                    status,
                    busy: false,
                },
            );
            events += 1;
        }
        for item in plans.plan_for(s, now, tz, cfg, &settings.plan)? {
            let (kind, start, end, why) = match (item.kind, item.day) {
                (PlanKind::Therapy, _) => {
                    let Some(why) = therapy_why(settings) else {
                        continue;
                    };
                    (
                        "therapy",
                        When::At(item.starts_at),
                        When::At(item.ends_at),
                        why,
                    )
                }
                (PlanKind::Exercise, Some(day)) => (
                    "exercise",
                    When::Day(day),
                    When::Day(time::next_day(day).ok_or(crate::domain::DomainError::OutOfRange)?),
                    "A 30-minute walk or jog the day after the session.".to_string(),
                ),
                _ => continue,
            };
            event(
                &mut out,
                &Event {
                    uid: format!("{base}-{kind}@afterglow"),
                    stamp: &stamp,
                    sequence,
                    start,
                    end,
                    summary: item.kind.label(),
                    description: &format!("{from}{if_planned}\n{why}"),
                    status,
                    busy: false,
                },
            );
            events += 1;
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    Ok(Calendar {
        text: out,
        sessions: sessions.len(),
        events,
    })
}

/// Why the therapy event is where it is, following `[plan] therapy`;
/// `None` with no therapy step (the plan then has none either).
fn therapy_why(settings: &Settings) -> Option<String> {
    let when = match settings.plan.therapy {
        TherapyRhythm::EachSession => format!(
            "{} to {} hours after the session, while the window is typically open",
            settings.window.opening_end().num_hours(),
            settings.window.open_end().num_hours()
        ),
        TherapyRhythm::Weekly => "in the week after the session".into(),
        TherapyRhythm::Monthly => "in the month after the session".into(),
        // The plan has no therapy step then, so no event asks for this.
        TherapyRhythm::Off => return None,
    };
    Some(format!(
        "A suggested time for therapy or an integration call, {when}."
    ))
}

/// `YYYYMMDD-N` for every session: its local day and its place among that
/// day's sessions (1 for the first), in time order.
fn uid_bases<Tz: TimeZone>(sessions: &[Session], tz: &Tz) -> HashMap<SessionId, String> {
    let mut sorted: Vec<&Session> = sessions.iter().collect();
    sorted.sort_by_key(|s| (s.at, s.id));
    let mut per_day: HashMap<NaiveDate, usize> = HashMap::new();
    sorted
        .into_iter()
        .map(|s| {
            let day = time::local_date(s.at, tz);
            let n = per_day.entry(day).or_insert(0);
            *n += 1;
            (s.id, format!("{}-{n}", day.format("%Y%m%d")))
        })
        .collect()
}

enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

struct Event<'a> {
    uid: String,
    stamp: &'a str,
    sequence: i64,
    start: When,
    end: When,
    summary: &'a str,
    description: &'a str,
    status: &'a str,
    /// Whether the event makes the person busy; the windows are
    /// background, and must not block a free/busy view for days.
    busy: bool,
}

fn event(out: &mut String, e: &Event<'_>) {
    let when = |name: &str, w: &When| match w {
        When::At(t) => format!("{name}:{}", utc_stamp(*t)),
        When::Day(d) => format!("{name};VALUE=DATE:{}", d.format("%Y%m%d")),
    };
    let lines = [
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", e.uid),
        format!("DTSTAMP:{}", e.stamp),
        format!("SEQUENCE:{}", e.sequence),
        when("DTSTART", &e.start),
        when("DTEND", &e.end),
        format!("SUMMARY:{}", escape_text(e.summary)),
        format!("DESCRIPTION:{}", escape_text(&with_care(e.description))),
        format!("STATUS:{}", e.status),
        format!("TRANSP:{}", if e.busy { "OPAQUE" } else { "TRANSPARENT" }),
        "END:VEVENT".to_string(),
    ];
    for line in &lines {
        push_line(out, line);
    }
}

/// An event's description with, after a blank line, what every event
/// says: that this is not medical advice, and where to find help. A
/// calendar shows one event at a time, so each carries it.
fn with_care(description: &str) -> String {
    format!("{description}\n\n{NOT_MEDICAL_ADVICE}\n{CRISIS}")
}

/// Whole minutes from 2000 to `now`, within SEQUENCE's 32-bit range
/// (which it leaves only after the year 6000).
fn sequence(now: DateTime<Utc>) -> i64 {
    let epoch = DateTime::<Utc>::from_timestamp(946_684_800, 0).unwrap_or(now);
    (now - epoch).num_minutes().clamp(0, i64::from(i32::MAX))
}

/// A UTC date-time in the basic format, e.g. `20260406T100000Z`.
fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(&fold(line));
}

/// One content line, folded into physical lines of at most 75 octets, each
/// ending in CRLF; a continuation line starts with one space (§3.1).
///
/// A fold never splits a UTF-8 character, and it never leaves white space
/// at the end of a physical line when another place is possible: some
/// readers trim line ends before unfolding, and would lose that space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut rest = line;
    let mut first = true;
    loop {
        // The leading space of a continuation line counts toward its 75.
        let room = if first { LINE_OCTETS } else { LINE_OCTETS - 1 };
        if !first {
            out.push(' ');
        }
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let trimmed = rest[..cut].trim_end_matches(char::is_whitespace).len();
        if trimmed > 0 {
            cut = trimmed;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

/// A TEXT value (§3.3.11): backslash, semicolon, comma and line breaks
/// escaped. Other control characters are not allowed in TEXT and are
/// left out; tabs stay. Space at either end is trimmed, as folding and
/// unfolding would not keep it reliably.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
