//! Practices beside mood, the calm note, and what the chart is handed.
#![allow(clippy::disallowed_methods)] // known-small test values

use chrono::{TimeDelta, Utc};

use super::*;
use crate::domain::plan::{PlanItem, PlanKind, PlanState};
use crate::domain::session::{SessionId, SessionStatus};

fn item(kind: PlanKind, state: PlanState) -> PlanItem {
    PlanItem {
        session: SessionId(1),
        kind,
        starts_at: at(&Utc, 0, 10),
        ends_at: at(&Utc, 1, 10),
        day: None,
        state,
    }
}

#[test]
fn most_of_the_plan_counts_partly_done_steps_as_half() {
    use PlanKind::*;
    use PlanState::*;
    let cases: [(&[(PlanKind, PlanState)], bool); 5] = [
        (&[(Journal, Done), (Therapy, Passed)], true),
        (&[(Journal, Partial), (Therapy, Passed)], false),
        (
            &[
                (Journal, Partial),
                (Sleep, Partial),
                (Therapy, Passed),
                (Meditation, Passed),
            ],
            false,
        ),
        (
            &[(Journal, Done), (Sleep, Partial), (Therapy, Passed)],
            true,
        ),
        // Going gently is never counted, whatever its state.
        (&[(GoGently, Done), (Journal, Passed)], false),
    ];
    for (items, want) in cases {
        let list: Vec<PlanItem> = items.iter().map(|(k, s)| item(*k, *s)).collect();
        assert_eq!(practice::most_done(&list), want, "{items:?}");
    }
    assert!(!practice::most_done(&[]));
}

#[test]
fn comparisons_describe_mood_after_windows_with_a_visit() {
    // Sessions 20 days apart; the first three had a therapy visit.
    let days: Vec<i64> = (0..6).map(|i| 20 + i * 20).collect();
    let mut readings = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let mood = if i < 3 {
            7 + i as u8
        } else {
            4 + (i as u8 - 3)
        };
        readings.extend(checkins(d + 7..=d + 14, mood));
    }
    let mut f = Fixture::new(readings, sessions(&days));
    f.therapy = days[..3].iter().map(|d| at(&Utc, *d + 1, 15)).collect();
    // A visit after the main window closed does not count.
    f.therapy.push(at(&Utc, days[3] + 4, 15));
    f.journal = days.iter().map(|d| at(&Utc, *d, 18)).collect();
    let got = f.run(at(&Utc, 200, 12), &Utc);
    let therapy = &got.comparisons[0];
    assert_eq!(therapy.with, THERAPY);
    assert_eq!((therapy.with_group.n, therapy.others.n), (3, 3));
    assert_eq!(
        therapy.sentence,
        "After windows with a therapy visit, mood 7-14 days later averaged 8.0 \
         (n=3, range 7.0-9.0); after the others, 5.0 (n=3, range 4.0-6.0)."
    );
    // Journal written in every window, so each had most of its plan done.
    let plan = &got.comparisons[1];
    assert_eq!((plan.with_group.n, plan.others.n), (6, 0));
    assert_eq!(
        plan.sentence,
        "After windows with most of the plan done and after the others: \
         too few to compare (n=6 and n=0)."
    );
}

#[test]
fn a_window_needs_two_moods_seven_to_fourteen_days_after() {
    let mut readings = checkins([27, 34], 6); // session on day 20: days 27-34
    readings.extend(checkins([26, 35, 48], 9));
    readings.extend(checkins([57], 5)); // session on day 50: one mood only
    let got = Fixture::new(readings, sessions(&[20, 50])).run(at(&Utc, 90, 12), &Utc);
    let c = &got.comparisons[0];
    assert_eq!(
        (c.with_group.n, c.others.n, c.others.mean),
        (0, 1, Some(6.0))
    );
    assert!(c.sentence.contains("too few to compare (n=0 and n=1)"));
    assert!(
        Fixture::new(Vec::new(), Vec::new())
            .run(at(&Utc, 0, 12), &Utc)
            .comparisons
            .is_empty()
    );
}

/// A course on days 20 and 22 after a baseline of 4, 8 until day 35, then
/// `low` from day 36 to `until`.
fn settled(low: u8, until: i64) -> Fixture {
    let mut readings = checkins(6..20, 4);
    readings.extend(checkins(23..=35, 8));
    readings.extend(checkins(36..=until, low));
    Fixture::new(readings, sessions(&[20, 22]))
}

#[test]
fn a_calm_note_follows_a_week_back_at_the_baseline() {
    let f = settled(4, 60);
    let got = f.run(at(&Utc, 60, 21), &Utc);
    assert_eq!(got.courses[0].relief_days, Some(13));
    let fading = got.fading.clone().unwrap();
    // Trailing means are at 4 from day 42 (the first window all at 4).
    assert_eq!((fading.since, fading.days), (day(42), 19));
    assert!(fading.text.contains("provider"), "{}", fading.text);
    // Not yet a week at the baseline: no note.
    assert_eq!(f.run(at(&Utc, 47, 21), &Utc).fading, None);
    assert!(f.run(at(&Utc, 48, 21), &Utc).fading.is_some());
    // Within the margin but above the baseline: relief returned, no note.
    let mut near = settled(5, 60);
    near.margin = 1.0;
    let got = near.run(at(&Utc, 60, 21), &Utc);
    assert_eq!(
        (got.courses[0].status, got.fading),
        (ReliefStatus::Returned, None)
    );
    // A later session: the note is not for this course any more.
    let mut later = settled(4, 60);
    later.sessions.push(session(9, at(&Utc, 58, 10)));
    assert_eq!(later.run(at(&Utc, 60, 21), &Utc).fading, None);
}

#[test]
fn the_calm_note_never_names_treatment() {
    let banned = [
        "ketamine",
        "booster",
        "dose",
        "dosing",
        "session",
        "infusion",
        "treatment",
    ];
    let text = relief::fading_text().to_lowercase();
    for word in banned {
        assert!(!text.contains(word), "{word} in {text}");
    }
    assert!(text.contains("provider"));
    // No count of days that grows as they pass.
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
}

#[test]
fn sparse_data_says_the_chart_fills_in() {
    let line = |n: i64| {
        Fixture::new(checkins(0..n, 5), Vec::new())
            .run(at(&Utc, 10, 21), &Utc)
            .sparse
    };
    assert_eq!(
        line(0).as_deref(),
        Some("0 check-ins so far; the chart fills in as you go")
    );
    assert_eq!(
        line(1).as_deref(),
        Some("1 check-in so far; the chart fills in as you go")
    );
    assert_eq!(
        line(3).as_deref(),
        Some("3 check-ins so far; the chart fills in as you go")
    );
    assert_eq!(
        line(6).as_deref(),
        Some("6 check-ins so far; the chart fills in as you go")
    );
    assert_eq!(line(7), None);
}

#[test]
fn markers_and_main_windows_follow_done_sessions() {
    let mut list = sessions(&[5, 1]);
    let mut planned = session(3, at(&Utc, 9, 10));
    planned.status = SessionStatus::Planned;
    list.push(planned);
    let got = Fixture::new(Vec::new(), list).run(at(&Utc, 8, 12), &Utc);
    assert_eq!(got.sessions, vec![at(&Utc, 1, 10), at(&Utc, 5, 10)]);
    let w = got.windows[1];
    assert_eq!((w.session_at, w.from), (at(&Utc, 5, 10), at(&Utc, 5, 10)));
    assert_eq!(w.until - w.from, TimeDelta::hours(72));
}

#[test]
fn questionnaire_scores_come_oldest_first() {
    use crate::domain::questionnaire::ResultId;
    let result = |id, day, total| Answered {
        id: ResultId(id),
        key: "reflection".into(),
        name: "afterglow's weekly reflection".into(),
        version: "v".into(),
        at: at(&Utc, day, 9),
        answers: vec![total],
        total,
        band: Some("steady".into()),
    };
    let mut f = Fixture::new(Vec::new(), Vec::new());
    f.results = vec![result(2, 14, 5), result(1, 0, 9)];
    let got = f.run(at(&Utc, 20, 12), &Utc);
    let totals: Vec<i64> = got.questionnaires.iter().map(|s| s.total).collect();
    assert_eq!(totals, vec![9, 5]);
    assert_eq!(got.questionnaires[0].band.as_deref(), Some("steady"));
}
