use super::super::fixture::{export, now};
use super::*;
use chrono::FixedOffset;
use proptest::prelude::*;

/// Undoes [`fold`] as RFC 5545 says: a CRLF followed by one space or
/// tab is removed.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn short_lines_are_left_alone() {
    assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
    let exactly = "X".repeat(75);
    assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
}

#[test]
fn long_lines_fold_at_75_octets_with_a_leading_space() {
    let line = format!("DESCRIPTION:{}", "a".repeat(200));
    let folded = fold(&line);
    let physical: Vec<&str> = folded.split_terminator("\r\n").collect();
    assert_eq!(physical[0].len(), 75);
    assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
    assert!(physical.iter().all(|l| l.len() <= 75));
    assert_eq!(physical[1].len(), 75);
    assert_eq!(unfold(&folded), format!("{line}\r\n"));
}

#[test]
fn folds_never_split_a_character() {
    // 'é' is two octets, the emoji four: a naive cut at 75 would land
    // inside one of them.
    for pad in 0..4 {
        let line = format!("SUMMARY:{}{}", "x".repeat(pad), "é🌊".repeat(40));
        let folded = fold(&line);
        for l in folded.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        assert_eq!(unfold(&folded), format!("{line}\r\n"));
    }
}

#[test]
fn folds_avoid_a_space_at_a_line_end() {
    let line = format!("DESCRIPTION:{} {}", "a".repeat(62), "b".repeat(40));
    let folded = fold(&line);
    assert!(!folded.contains(" \r\n"), "{folded:?}");
    assert_eq!(unfold(&folded), format!("{line}\r\n"));
    // A line of nothing but spaces still folds.
    let spaces = format!("X:{}", " ".repeat(200));
    assert_eq!(unfold(&fold(&spaces)), format!("{spaces}\r\n"));
}

#[test]
fn text_is_escaped() {
    assert_eq!(
        escape_text("a\\b;c,d\ne\r\nf\rg:h\"i\u{7}j\tk"),
        "a\\\\b\\;c\\,d\\ne\\nf\\ng:h\"ij\tk"
    );
    assert_eq!(escape_text("  padded \n"), "padded");
    assert_eq!(unescape(&escape_text("x, y; z\\\nw")), "x, y; z\\\nw");
}

proptest! {
    #[test]
    fn folding_round_trips_and_stays_within_75_octets(s in "\\PC{0,300}") {
        let line = format!("DESCRIPTION:{}", escape_text(&s));
        let folded = fold(&line);
        prop_assert!(folded.ends_with("\r\n"));
        for l in folded.split_terminator("\r\n") {
            prop_assert!(l.len() <= 75);
            prop_assert!(!l.contains('\r') && !l.contains('\n'));
        }
        prop_assert_eq!(unfold(&folded), format!("{line}\r\n"));
        let value = unfold(&folded);
        let value = value.trim_end_matches("\r\n").trim_start_matches("DESCRIPTION:");
        prop_assert_eq!(unescape(value), s.trim().replace("\r\n", "\n").replace('\r', "\n"));
    }
}

fn lines(text: &str) -> Vec<String> {
    unfold(text)
        .split_terminator("\r\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn each_done_session_gets_its_window_peak_therapy_slot_and_walk() {
    let tz = FixedOffset::east_opt(2 * 3600).unwrap();
    let cal = calendar(&export(), Days::ALL, &Settings::default(), now(), &tz).unwrap();
    // Two done sessions with five events each; the planned one ahead
    // has all five too (tentative).
    assert_eq!((cal.sessions, cal.events), (3, 15));
    let lines = lines(&cal.text);
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    let uids: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("UID:"))
        .collect();
    assert_eq!(
        uids[..5],
        [
            "20260406-1-session@afterglow",
            "20260406-1-window@afterglow",
            "20260406-1-peak@afterglow",
            "20260406-1-exercise@afterglow",
            "20260406-1-therapy@afterglow",
        ]
    );
    let text = unfold(&cal.text);
    for want in [
        "DTSTART:20260406T100000Z\r\nDTEND:20260406T113000Z",
        "DTSTART:20260407T100000Z\r\nDTEND:20260408T100000Z",
        "DTSTART:20260406T100000Z\r\nDTEND:20260409T100000Z",
        "DTSTART;VALUE=DATE:20260407\r\nDTEND;VALUE=DATE:20260408",
        "Note: Calm\\; then a wave 🌊\\, a comma\\, and\\na new line\\; \\\\ too",
        "Intention: Notice my breath",
        "UID:20260501-1-session@afterglow",
        "SUMMARY:Planned session: infusion",
        "STATUS:TENTATIVE",
        "DTSTAMP:20260420T120000Z",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
}

#[test]
fn boundaries_follow_the_configured_window() {
    let settings = Settings {
        window: crate::domain::WindowConfig::from_units(60, 12, 36, 60, 10).unwrap(),
        ..Settings::default()
    };
    let cal = calendar(&export(), Days::ALL, &settings, now(), &Utc).unwrap();
    let text = unfold(&cal.text);
    assert!(text.contains("DTSTART:20260406T100000Z\r\nDTEND:20260406T110000Z"));
    assert!(text.contains("DTSTART:20260406T220000Z\r\nDTEND:20260407T220000Z"));
    assert!(text.contains("12 to 60 hours after the session"));
}

#[test]
fn a_plan_whose_time_passed_keeps_only_its_own_event_and_days_filter() {
    let later = now() + chrono::TimeDelta::try_days(30).unwrap();
    let cal = calendar(&export(), Days::ALL, &Settings::default(), later, &Utc).unwrap();
    assert_eq!(cal.events, 11);
    let days = Days {
        since: Some(super::super::fixture::day("2026-04-09")),
        until: None,
    };
    let cal = calendar(&export(), days, &Settings::default(), now(), &Utc).unwrap();
    assert_eq!(cal.sessions, 2);
    assert!(!cal.text.contains("20260406-1"));
}

#[test]
fn a_later_export_is_a_later_revision() {
    let e = export();
    let seq = |now| {
        let cal = calendar(&e, Days::ALL, &Settings::default(), now, &Utc).unwrap();
        let seqs: Vec<i64> = lines(&cal.text)
            .iter()
            .filter_map(|l| l.strip_prefix("SEQUENCE:").map(|n| n.parse().unwrap()))
            .collect();
        assert_eq!(seqs.len(), cal.events);
        seqs[0]
    };
    let minute = chrono::TimeDelta::try_minutes(1).unwrap();
    assert!(seq(now() + minute) > seq(now()));
    assert_eq!(
        sequence(super::super::fixture::at("2000-01-01T00:02:59Z")),
        2
    );
    assert_eq!(
        sequence(super::super::fixture::at("1999-01-01T00:00:00Z")),
        0
    );
}

#[test]
fn two_sessions_on_one_day_get_distinct_uids_that_survive_new_ids() {
    let mut e = export();
    e.sessions[1].at = super::super::fixture::at("2026-04-06T18:00:00Z");
    let first = uid_bases(&e.sessions, &Utc);
    assert_eq!(first[&SessionId(1)], "20260406-1");
    assert_eq!(first[&SessionId(2)], "20260406-2");
    // Another database numbers the same sessions differently.
    for s in &mut e.sessions {
        s.id = SessionId(s.id.0 + 100);
    }
    let moved = uid_bases(&e.sessions, &Utc);
    assert_eq!(moved[&SessionId(101)], "20260406-1");
    assert_eq!(moved[&SessionId(102)], "20260406-2");
}

#[test]
fn a_blank_note_is_left_out_of_the_description() {
    let mut e = export();
    e.sessions[0].note = Some(" \n\t ".into());
    let cal = calendar(&e, Days::ALL, &Settings::default(), now(), &Utc).unwrap();
    let text = unfold(&cal.text);
    assert!(!text.contains("Note:"), "{text}");
    assert!(
        text.contains("DESCRIPTION:Infusion\\, 35 mg.\\nIntention: Notice my breath\\n"),
        "{text}"
    );
}

/// Each event's properties, unfolded; DESCRIPTION unescaped.
fn events(text: &str) -> Vec<HashMap<String, String>> {
    let mut out = Vec::new();
    let mut event: Option<HashMap<String, String>> = None;
    for line in lines(text) {
        match line.as_str() {
            "BEGIN:VEVENT" => event = Some(HashMap::new()),
            "END:VEVENT" => out.extend(event.take()),
            _ => {
                if let (Some(e), Some((name, value))) = (event.as_mut(), line.split_once(':')) {
                    e.insert(name.to_string(), unescape(value));
                }
            }
        }
    }
    out
}

#[test]
fn every_event_says_it_is_no_medical_advice_and_where_help_is() {
    let cal = calendar(&export(), Days::ALL, &Settings::default(), now(), &Utc).unwrap();
    let all = events(&cal.text);
    assert_eq!(all.len(), cal.events);
    for e in &all {
        let d = &e["DESCRIPTION"];
        assert!(
            d.ends_with(&format!("\n\n{NOT_MEDICAL_ADVICE}\n{CRISIS}")),
            "{d}"
        );
    }
    assert!(
        lines(&cal.text).contains(&format!("X-WR-CALDESC:{}", escape_text(NOT_MEDICAL_ADVICE)))
    );
    for l in cal.text.split_terminator("\r\n") {
        assert!(l.len() <= LINE_OCTETS, "{l:?}");
    }
}

#[test]
fn the_window_is_described_as_tentatively_as_the_sources() {
    let cal = calendar(&export(), Days::ALL, &Settings::default(), now(), &Utc).unwrap();
    let all = events(&cal.text);
    let window = all
        .iter()
        .find(|e| e["UID"] == "20260406-1-window@afterglow")
        .unwrap();
    let d = &window["DESCRIPTION"];
    assert!(
        d.contains(
            "The main window closes Thu 9 Apr 10:00: heightened plasticity typically \
             lasts 24 to 72 hours after a session."
        ),
        "{d}"
    );
    assert!(d.contains(Phase::Open.hint()), "{d}");
    assert!(d.contains(Phase::Extended.hint()), "{d}");
    assert!(d.contains("Some research suggests"), "{d}");
    let peak = all
        .iter()
        .find(|e| e["UID"] == "20260406-1-peak@afterglow")
        .unwrap();
    assert!(peak["DESCRIPTION"].contains(Phase::Peak.hint()));
}

#[test]
fn the_therapy_event_follows_the_rhythm() {
    use crate::domain::PlanConfig;
    let with = |therapy| Settings {
        plan: PlanConfig { therapy },
        ..Settings::default()
    };
    let therapy_of = |settings: &Settings| {
        let cal = calendar(&export(), Days::ALL, settings, now(), &Utc).unwrap();
        let found = events(&cal.text)
            .into_iter()
            .find(|e| e["UID"] == "20260406-1-therapy@afterglow");
        (cal.events, found)
    };
    let (n, each) = therapy_of(&with(TherapyRhythm::EachSession));
    assert_eq!(n, 15);
    let each = each.unwrap();
    assert!(
        each["DESCRIPTION"].contains(
            "A suggested time for therapy or an integration call, 24 to 72 hours after \
             the session, while the window is typically open."
        ),
        "{each:?}"
    );
    let (_, weekly) = therapy_of(&with(TherapyRhythm::Weekly));
    let weekly = weekly.unwrap();
    assert!(
        weekly["DESCRIPTION"].contains(
            "A suggested time for therapy or an integration call, in the week after the \
             session."
        ),
        "{weekly:?}"
    );
    assert_eq!(weekly["DTSTART"], "20260406T100000Z");
    assert_eq!(weekly["DTEND"], "20260413T100000Z");
    let (_, monthly) = therapy_of(&with(TherapyRhythm::Monthly));
    let monthly = monthly.unwrap();
    assert!(
        monthly["DESCRIPTION"].contains("in the month after the session."),
        "{monthly:?}"
    );
    assert!(!monthly["DESCRIPTION"].contains("hours"), "{monthly:?}");
    // Off: no therapy event for any session, and nothing else lost.
    let settings = with(TherapyRhythm::Off);
    let cal = calendar(&export(), Days::ALL, &settings, now(), &Utc).unwrap();
    assert_eq!(cal.events, 12);
    assert!(!cal.text.contains("-therapy@afterglow"), "{}", cal.text);
    assert!(!unfold(&cal.text).contains("SUMMARY:Therapy"));
}
