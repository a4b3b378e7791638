use super::super::fixture::{day, export, now};
use super::*;
use chrono::FixedOffset;

/// The report before wrapping, so that a test can look for a whole
/// sentence; wrapping has tests of its own.
fn report_utc(days: Days) -> String {
    unwrapped(
        &export(),
        days,
        &Settings::default(),
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap()
}

#[test]
fn the_report_has_every_section_in_order() {
    let md = report_utc(Days::ALL);
    let sections = [
        "# afterglow: integration report",
        NOT_MEDICAL_ADVICE,
        CRISIS,
        "## Summary",
        "## Mood over time",
        "## Habits week by week",
        "## Sessions, course by course",
        "### Course 1: 2 sessions, Mon 6 Apr 2026 to Thu 9 Apr 2026",
        "#### Session 1 of 2: Mon 6 Apr 2026 10:00",
        "#### Session 2 of 2: Thu 9 Apr 2026 10:00",
        "## Planned sessions",
        "## Other journal entries",
        "## Therapy and integration visits",
    ];
    let mut from = 0;
    for s in sections {
        let at = md[from..].find(s).unwrap_or_else(|| panic!("{s}\n{md}"));
        from += at + s.len();
    }
}

#[test]
fn sessions_show_intention_reflection_plan_and_their_entries() {
    let md = report_utc(Days::ALL);
    let one = &md[md.find("#### Session 1").unwrap()..md.find("#### Session 2").unwrap()];
    for want in [
        "Infusion, 35 mg.",
        "> Calm; then a wave 🌊, a comma, and  \n> a new line; \\ too\n",
        "**Intention**, set Sun 5 Apr 2026 19:00:\n\n> Notice my breath\n",
        "**Reflection**, written Tue 7 Apr 2026 20:00:\n\n> I \\<b>did\\</b> notice it.\n",
        "**Integration plan**\n\n- Write about what came up — done\n",
        "- Therapy or an integration call — done\n",
        "- A 30-minute walk or jog — done (Tue 7 Apr)\n",
        "- 10-15 minutes of meditation — done 1 of 4 days\n",
        // 8 hours on 7 April, 6 on 8 April, nothing on 9 April.
        "- 7-9 hours of sleep — done 1 of 3 nights, and partly 1 more\n",
        "**Mon 6 Apr 2026 14:00**\n\n> Still hazy\n",
        "**Tue 7 Apr 2026 09:00** · mood 8/10\n\n> Slept well.  \n> Walked by the river.\n>\n> Felt | light.\n",
    ] {
        assert!(one.contains(want), "{want}\n---\n{one}");
    }
    let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
    // A step whose time passed is the suggestion it was, nothing more.
    assert!(
        two.contains(
            "- Therapy or an integration call — a suggestion for Fri 10 Apr 10:00 to \
             Sun 12 Apr 10:00\n"
        ),
        "{two}"
    );
    assert!(two.contains("No intention was set for this session."));
}

#[test]
fn mood_is_a_weekly_text_chart() {
    let md = report_utc(Days::ALL);
    let chart = &md[md.find("```text").unwrap()..];
    let chart = &chart[..3 + chart[3..].find("```").unwrap()];
    let rows: Vec<&str> = chart.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "week of     mood                   avg  moods  sessions",
            "2026-04-06  ██████████████         7.0      2  ●●",
            "2026-04-13  ██████████             5.0      1",
        ]
    );
    assert_eq!(bar(6.25), "████████████▌");
    assert_eq!(bar(6.3), "████████████▋");
    assert_eq!(bar(10.0).chars().count(), BAR_CELLS);
    assert_eq!(bar(1.0), "██");
}

#[test]
fn habits_are_counted_week_by_week() {
    let md = report_utc(Days::ALL);
    let start = md.find("## Habits week by week").unwrap();
    let part = &md[start..md.find("## Sessions").unwrap()];
    assert!(
        part.contains("Goals: Sleep 7\u{a0}h, Exercise 30\u{a0}min, Meditation 10\u{a0}min; yes-or-no habits count when ticked."),
        "{part}"
    );
    let rows: Vec<&str> = part.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        rows,
        [
            "| Week of    | Sleep | Exercise | Meditation | Walk, outside |",
            "| ---------- | ----: | -------: | ---------: | ------------: |",
            "| 2026-03-30 |   0/7 |      0/7 |        0/7 |           0/7 |",
            "| 2026-04-06 |   1/7 |      1/7 |        1/7 |           0/7 |",
            "| 2026-04-13 |   0/7 |      0/7 |        0/7 |           1/7 |",
            "| 2026-04-20 |   0/1 |      0/1 |        0/1 |           0/1 |",
        ]
    );
}

#[test]
fn quiet_weeks_between_records_are_one_line() {
    let monday = |d: &str| day(d);
    let busy: BTreeSet<NaiveDate> = ["2026-01-05", "2026-01-19", "2026-03-30"]
        .into_iter()
        .map(monday)
        .collect();
    assert_eq!(
        spans(monday("2025-12-01"), monday("2026-04-06"), &busy),
        [
            Span::Quiet {
                from: monday("2025-12-01"),
                to: monday("2025-12-29"),
                weeks: 5
            },
            Span::Week(monday("2026-01-05")),
            Span::Week(monday("2026-01-12")),
            Span::Week(monday("2026-01-19")),
            Span::Quiet {
                from: monday("2026-01-26"),
                to: monday("2026-03-23"),
                weeks: 9
            },
            Span::Week(monday("2026-03-30")),
            Span::Week(monday("2026-04-06")),
        ]
    );
    // A mood written in year 1 and the fixture's of 2026: three rows
    // and one line, not 105,672 rows.
    let md = report_of(
        |e| {
            let mut old = e.journal[0].clone();
            old.written_at = super::super::fixture::at("0001-01-03T10:00:00Z");
            old.mood = crate::domain::Mood::new(4).ok();
            e.journal.push(old);
        },
        Days::ALL,
    );
    let chart = &md[md.find("```text").unwrap()..];
    let chart = &chart[..3 + chart[3..].find("```").unwrap()];
    let rows: Vec<&str> = chart.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "{chart}");
    assert_eq!(
        rows[1],
        "0001-01-08 to 2026-04-05: no mood and no session in these 105672 weeks"
    );
}

#[test]
fn days_narrow_every_section() {
    let days = Days {
        since: Some(day("2026-04-08")),
        until: Some(day("2026-04-12")),
    };
    let md = report_utc(days);
    assert!(md.contains("From Wed 8 Apr 2026 to Sun 12 Apr 2026."));
    assert!(!md.contains("#### Session 1 of 2"));
    assert!(md.contains("#### Session 2 of 2"));
    assert!(md.contains("1 session is outside this report's dates."));
    assert!(!md.contains("Still hazy"));
    assert!(md.contains("No visits logged in this period."));
    assert!(md.contains("| 2026-04-06 |   0/5 |"), "{md}");
    assert!(md.contains("No sessions planned in this period."));
}

#[test]
fn an_empty_history_reads_calmly() {
    let mut e = export();
    e.sessions.clear();
    e.journal.clear();
    e.intentions.clear();
    e.therapy.clear();
    let md = report(
        &e,
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap();
    for want in [
        "- No sessions\n",
        "No moods were recorded in this period.",
        "No sessions in this period.",
        "No visits logged in this period.",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
}

#[test]
fn local_times_follow_the_zone() {
    let tz = FixedOffset::west_opt(5 * 3600).unwrap();
    let md = unwrapped(
        &export(),
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now(),
        &tz,
    )
    .unwrap();
    assert!(md.contains("#### Session 1 of 2: Mon 6 Apr 2026 05:00"));
    assert!(md.contains("times are local (UTC-05:00 when written)"));
}

#[test]
fn quotes_keep_words_and_structure() {
    assert_eq!(quote("a\nb\n\nc"), "> a  \n> b\n>\n> c\n");
    assert_eq!(quote("x\n---\n# h"), "> x  \n> \\---  \n> # h\n");
    assert_eq!(quote("   "), "> (empty)\n");
    assert_eq!(inline("1 < 2 and <script>"), "1 < 2 and \\<script>");
    assert_eq!(
        inline("![a](http://x/p.png) [b]: http://x [c][d] (e)"),
        "![a]\\(http://x/p.png) [b]\\: http://x [c][d] (e)"
    );
    assert_eq!(cell("a|b\nc"), "a\\|b c");
    // The person's backslash before punctuation is doubled, so the
    // escape after it still holds; elsewhere it is left as typed.
    assert_eq!(inline(r"\<b> a\b \\<i> \"), r"\\\<b> a\b \\\\\<i> \\");
    assert_eq!(cell(r"\|"), r"\\\|");
    // Controls show as symbols; a terminal showing the file obeys none.
    assert_eq!(cell("\u{1b}[31mRED\u{1b}[0m\u{7}"), "␛[31mRED␛[0m␇");
    assert_eq!(quote("a\u{202e}b"), "> a\\u{202e}b\n");
}

/// The report of the fixture with `change` applied to its history.
fn report_of(change: impl FnOnce(&mut History), days: Days) -> String {
    let mut e = export();
    change(&mut e);
    unwrapped(
        &e,
        days,
        &Settings::default(),
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap()
}

#[test]
fn a_replaced_intention_is_history_and_the_treatment_status_is_said() {
    use crate::domain::{Intention, IntentionId, TreatmentChange, TreatmentStatus};
    let md = report_of(
        |e| {
            // An earlier intention for session 1, set anew by the one
            // the fixture gives it, and an earlier waiting one.
            for (id, session, text) in [
                (7, Some(SessionId(1)), "An older hope"),
                (8, None, "An older wait"),
            ] {
                e.intentions.push(Intention {
                    id: IntentionId(id),
                    session,
                    text: text.into(),
                    set_at: super::super::fixture::at("2026-04-04T19:00:00Z"),
                    reflection: None,
                    reflected_at: None,
                    replaced_at: Some(super::super::fixture::at("2026-04-05T19:00:00Z")),
                    earlier_reflections: Vec::new(),
                });
            }
            e.treatment.push(TreatmentChange {
                at: super::super::fixture::at("2026-04-20T09:00:00Z"),
                status: TreatmentStatus::Finished,
                note: Some("ketamine was a bridge".into()),
            });
        },
        Days::ALL,
    );
    assert!(
        md.contains("*An earlier intention*, set Sat 4 Apr 2026 19:00"),
        "{md}"
    );
    assert!(md.contains("> An older hope"), "{md}");
    // Only the current one looks ahead.
    let planned = &md[md.find("## Planned sessions").unwrap()..];
    assert!(!planned.contains("An older wait"), "{planned}");
    assert!(planned.contains("Be kind to myself"), "{planned}");
    assert!(md.contains("(2 later set anew)"), "{md}");
    assert!(
        md.contains(
            "- Sessions: finished; no more sessions planned, since Mon 20 Apr 2026; in \
             their words: ketamine was a bridge\n"
        ),
        "{md}"
    );
}

/// Lines outside the chart and the tables, where prose lives.
fn prose(md: &str) -> Vec<&str> {
    let mut fenced = false;
    md.lines()
        .filter(|l| {
            if l.starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced && !l.starts_with('|')
        })
        .collect()
}

#[test]
fn going_gently_is_guidance_and_never_reported_as_done() {
    let md = report_utc(Days::ALL);
    // Nobody is asked whether they went gently, so the report must not
    // tell a therapist that they did.
    assert!(!md.contains("[x] Go gently"), "{md}");
    assert!(
        md.contains(
            "- Go gently: avoid confrontations, limit doomscrolling — a suggestion for \
             Mon 6 Apr 10:00 to Wed 8 Apr 10:00, not tracked\n"
        ),
        "{md}"
    );
    // Session 1: journal, therapy, walk, 1 of 4 meditation days and
    // 1 of 3 nights, with a short night partly done; session 2: only
    // the journal. What was not done is not counted.
    assert!(
        md.contains(
            "- Integration plan: 6 steps done and 1 partly done (a day of meditation \
             or a night of sleep is one step)\n"
        ),
        "{md}"
    );
}

#[test]
fn entries_near_a_session_outside_the_dates_are_not_called_unlinked() {
    let days = Days {
        since: Some(day("2026-04-07")),
        until: Some(day("2026-04-15")),
    };
    let md = report_utc(days);
    let other = &md[md.find("## Other journal entries").unwrap()..];
    // Entry 2 was written in session 1's window; session 1 is left out.
    assert!(other.contains("> Slept well."), "{other}");
    assert!(!other.contains("outside any session's window"), "{other}");
    assert!(
        other.contains("Entries written outside the windows of the sessions above."),
        "{other}"
    );
    let none = report_of(|e| e.journal.clear(), Days::ALL);
    assert!(none.contains("## Other journal entries\n\nNo journal entries in this period.\n"));
}

#[test]
fn blank_notes_are_left_out() {
    let md = report_of(
        |e| {
            e.sessions[0].note = Some("  \n ".into());
            e.therapy[0].note = Some("   ".into());
        },
        Days::ALL,
    );
    assert!(!md.contains("Note:"), "{md}");
    assert!(md.contains("- Tue 7 Apr 2026 15:00\n"), "{md}");
}

#[test]
fn a_lone_carriage_return_cannot_break_out_of_a_quote() {
    for text in ["x\r# Title", "x\r\n---\ry", "one\rtwo"] {
        let q = quote(text);
        assert!(q.lines().all(|l| l.starts_with('>')), "{q:?}");
        assert!(!q.contains('\r'), "{q:?}");
    }
    let md = report_of(
        |e| {
            e.sessions[0].note = Some("calm\r# loud".into());
            e.therapy[0].note = Some("talked\r- and walked".into());
        },
        Days::ALL,
    );
    assert!(!md.contains('\r'), "{md}");
    assert!(md.contains("> calm  \n> # loud\n"), "{md}");
    assert!(md.contains("  > talked  \n  > - and walked\n"), "{md}");
}

#[test]
fn an_entry_shows_its_tags_beside_its_time() {
    let mut e = export();
    e.journal[0].body = "Slept well. #sleep #Walk\n#sleep again, not C# nor # a heading".into();
    let md = unwrapped(
        &e,
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap();
    assert!(
        md.contains(
            "**Wed 15 Apr 2026 08:00** · mood 5/10 · #sleep #walk\n\n> Slept well. #sleep #Walk  \n"
        ),
        "{md}"
    );
    // An entry without tags has no such part.
    assert!(
        md.contains("**Mon 6 Apr 2026 14:00**\n\n> Still hazy\n"),
        "{md}"
    );
}

#[test]
fn prose_fits_80_columns_and_wraps_where_markdown_is_unchanged() {
    let long = "Walked by the river - slowly - and then # nothing; 1. not a list, \
                > not a quote, <b> not a tag, and a line that goes on and on and on \
                until it has to wrap somewhere sensible. 漢字の長い文章も入れておきます。 🌊 done";
    let mut e = export();
    e.journal[0].body = format!("{long}\nA second line.");
    e.sessions[1].note = Some(long.into());
    let md = report(
        &e,
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap();
    let lines = prose(&md);
    for line in &lines {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
    // No line that wrapping began starts something Markdown would read
    // as a new block: the long note and entry each hold such words.
    let starts_block = |word: &str| {
        word.starts_with(['-', '#', '>', '<', '*', '+', '='])
            || word
                .strip_suffix('.')
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    for pair in lines.windows(2) {
        let [before, line] = pair else { continue };
        let body = line
            .trim_start_matches("  ")
            .trim_start_matches('>')
            .trim_start();
        let continues = !before.is_empty() && !before.ends_with("  ") && *before != ">";
        if continues && !line.starts_with("- ") && !line.starts_with('#') {
            let first = body.split(' ').next().unwrap_or("");
            assert!(!starts_block(first), "{before}\n{line}");
        }
    }
    // The words are all there, in order, once the soft breaks are joined.
    let entry = &md[md.find("**Wed 15 Apr 2026 08:00**").unwrap()..];
    let quoted: Vec<&str> = entry
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('>'))
        .map(|l| l.trim_start_matches('>').trim())
        .collect();
    let shown = long.replace("<b>", "\\<b>");
    assert_eq!(quoted.join(" "), format!("{shown} A second line."));
    // The line break the person typed is still a hard break.
    assert!(entry.contains("done  \n> A second line.\n"), "{entry}");
}

#[test]
fn many_habits_make_several_tables_that_each_fit() {
    let md = report_of(
        |e| {
            for n in 5..=12 {
                e.habits.push(Habit {
                    id: HabitId(n),
                    name: format!("Habit number {n}"),
                    kind: HabitKind::YesNo,
                    role: crate::domain::HabitRole::Custom,
                    archived: false,
                    since: day("2026-04-01"),
                    schedule: Default::default(),
                });
            }
        },
        Days::ALL,
    );
    let part = &md[md.find("## Habits week by week").unwrap()..md.find("## Sessions").unwrap()];
    let heads: Vec<&str> = part
        .lines()
        .filter(|l| l.starts_with("| Week of"))
        .collect();
    assert!(heads.len() > 1, "{part}");
    for line in part.lines().filter(|l| l.starts_with('|')) {
        assert!(line.width() <= 80, "{line}");
    }
    // Every habit is in exactly one table.
    for n in 5..=12 {
        let name = format!("Habit number {n}");
        assert_eq!(
            heads.iter().filter(|h| h.contains(&name)).count(),
            1,
            "{name}"
        );
    }
    assert!(
        part.contains("; a dash means it was not being kept then."),
        "{part}"
    );
}

/// A done session at `when` (UTC), with nothing else about it.
fn done_at(id: i64, when: &str) -> Session {
    Session {
        id: SessionId(id),
        at: super::super::fixture::at(&format!("{when}T10:00:00Z")),
        kind: crate::domain::SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: crate::domain::SessionStatus::Done,
    }
}

/// The fixture's report with these sessions instead of its own, as of
/// `now` (a UTC day, at noon).
fn report_with(sessions: Vec<Session>, now: &str) -> String {
    let mut e = export();
    e.sessions = sessions;
    let now = super::super::fixture::at(&format!("{now}T12:00:00Z"));
    unwrapped(
        &e,
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now,
        &Utc,
    )
    .unwrap()
}

/// A course of six in March 2026, then boosters four and eight weeks
/// after it.
fn course_of_six_and_two_boosters() -> Vec<Session> {
    [
        "2026-03-02",
        "2026-03-04",
        "2026-03-06",
        "2026-03-09",
        "2026-03-11",
        "2026-03-13",
        "2026-04-10",
        "2026-05-08",
    ]
    .iter()
    .zip(1..)
    .map(|(day, id)| done_at(id, day))
    .collect()
}

#[test]
fn courses_and_boosters_are_counted_apart() {
    let md = report_with(course_of_six_and_two_boosters(), "2026-05-20");
    for want in [
        "- 8 sessions: 6 in 1 course and 2 boosters\n",
        "### Course 1: 6 sessions, Mon 2 Mar 2026 to Fri 13 Mar 2026\n",
        // A finished course's own count is a fact.
        "#### Session 3 of 6: Fri 6 Mar 2026 10:00\n",
        "### A booster session, Fri 10 Apr 2026\n\n#### Booster session: Fri 10 Apr 2026 10:00\n",
        "### A booster session, Fri 8 May 2026\n",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
    assert!(!md.contains("courses"), "{md}");
    assert!(!md.contains("Course 2"), "{md}");

    let one = report_with(course_of_six_and_two_boosters()[..7].to_vec(), "2026-05-20");
    assert!(
        one.contains("- 7 sessions: 6 in 1 course and 1 booster\n"),
        "{one}"
    );
    let first = report_with(vec![done_at(1, "2026-03-02")], "2026-05-20");
    assert!(first.contains("- 1 single session\n"), "{first}");
    assert!(
        first.contains(
            "### A single session, Mon 2 Mar 2026\n\n#### Session: Mon 2 Mar 2026 10:00\n"
        ),
        "{first}"
    );
    let apart = report_with(
        vec![done_at(1, "2026-01-05"), done_at(2, "2026-02-02")],
        "2026-05-20",
    );
    assert!(apart.contains("- 2 single sessions\n"), "{apart}");
    let mut then = vec![done_at(1, "2026-01-05")];
    then.extend(course_of_six_and_two_boosters().into_iter().skip(1).take(2));
    let then = report_with(then, "2026-05-20");
    assert!(
        then.contains("- 3 sessions: 2 in 1 course and 1 single session\n"),
        "{then}"
    );
    for md in [&md, &one, &first, &apart, &then] {
        let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
        for wrong in ["1 sessions", "1 courses", "1 boosters", "1 single sessions"] {
            assert!(!summary.contains(wrong), "{wrong}\n{summary}");
        }
    }
}

#[test]
fn only_a_finished_course_speaks_of_integration_and_never_of_an_end() {
    let md = report_with(course_of_six_and_two_boosters(), "2026-05-20");
    assert!(
        md.contains(
            "\nFinished on Fri 13 Mar 2026. The integration guide suggests keeping the \
             practices going for at least 4-8 weeks after a course; many keep them for \
             good. Alcohol is best avoided during active treatment: the course and the \
             weeks of integration after it.\n"
        ),
        "{md}"
    );
    // Once, for the course: nothing of the sort for its boosters.
    for once in ["Finished on", "4-8 weeks", "Alcohol"] {
        assert_eq!(md.matches(once).count(), 1, "{once}\n{md}");
    }
    for never in [
        "ends",
        "runs until",
        "at the longest",
        "weeks left",
        "days left",
    ] {
        assert!(!md.contains(never), "{never}\n{md}");
    }
    // The weeks come from the config.
    let settings = Settings {
        course: crate::domain::course::CourseConfig::from_units(7, 6, 8, 6, 12).unwrap(),
        ..Settings::default()
    };
    let mut e = export();
    e.sessions = course_of_six_and_two_boosters();
    let later = super::super::fixture::at("2026-05-20T12:00:00Z");
    let custom = unwrapped(&e, Days::ALL, &settings, &Insights::default(), later, &Utc).unwrap();
    assert!(
        custom.contains("at least 6-12 weeks after a course"),
        "{custom}"
    );
    // A single session is no course: no integration period, no
    // alcohol line.
    let single = report_with(vec![done_at(1, "2026-03-02")], "2026-05-20");
    assert!(!single.contains("Finished on"), "{single}");
    assert!(!single.contains("alcohol"), "{single}");
}

#[test]
fn a_course_still_going_counts_only_what_is_known() {
    let course = course_of_six_and_two_boosters();
    // Two sessions, nothing planned: no total to count towards.
    let md = report_with(course[..2].to_vec(), "2026-03-05");
    assert!(
        md.contains("#### Session 2: Wed 4 Mar 2026 10:00\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "In progress: 2 sessions so far. Alcohol is best avoided during active \
             treatment: the course and the weeks of integration after it.\n"
        ),
        "{md}"
    );
    assert!(!md.contains(" of 2"), "{md}");
    // Two more planned: the person's own total.
    let mut planned = course[..2].to_vec();
    for (id, day) in [(3, "2026-03-06"), (4, "2026-03-09")] {
        let mut s = done_at(id, day);
        s.status = crate::domain::SessionStatus::Planned;
        planned.push(s);
    }
    let md = report_with(planned.clone(), "2026-03-05");
    assert!(
        md.contains("#### Session 2 of 4: Wed 4 Mar 2026 10:00\n"),
        "{md}"
    );
    assert!(
        md.contains("In progress: 2 of the 4 sessions planned so far."),
        "{md}"
    );
    // One session with more planned is a course of 1 session.
    planned.remove(1);
    let md = report_with(planned, "2026-03-03");
    assert!(
        md.contains("### Course 1: 1 session, Mon 2 Mar 2026\n"),
        "{md}"
    );
    assert!(
        md.contains("#### Session 1 of 3: Mon 2 Mar 2026 10:00\n"),
        "{md}"
    );
}

#[test]
fn days_not_done_are_never_listed_or_called_missed() {
    let md = report_utc(Days::ALL);
    let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
    // Nothing was done on session 2's days: each is a suggestion.
    for want in [
        "- 10-15 minutes of meditation — a suggestion for each day from Thu 9 Apr to \
         Sun 12 Apr\n",
        "- 7-9 hours of sleep — a suggestion for each night from Fri 10 Apr to \
         Sun 12 Apr\n",
        "- A 30-minute walk or jog — a suggestion for Fri 10 Apr\n",
    ] {
        assert!(two.contains(want), "{want}\n{two}");
    }
    for word in ["missed", "Missed", "✗", "[ ]", "failed", "not done"] {
        assert!(!md.contains(word), "{word}\n{md}");
    }
}

#[test]
fn steps_still_ahead_are_invitations() {
    // Two days into session 2's window.
    let now = super::super::fixture::at("2026-04-11T12:00:00Z");
    let md = unwrapped(
        &export(),
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now,
        &Utc,
    )
    .unwrap();
    let two = &md[md.find("#### Session 2").unwrap()..md.find("## Planned").unwrap()];
    for want in [
        "- Therapy or an integration call — a good time for it until Sun 12 Apr 10:00\n",
        "- 10-15 minutes of meditation — a suggestion for each day from Thu 9 Apr to \
         Sun 12 Apr; 2 days still to come\n",
    ] {
        assert!(two.contains(want), "{want}\n{two}");
    }
    assert!(md.contains(" still to come (a day of meditation"), "{md}");
}

#[test]
fn with_therapy_off_the_plan_has_no_therapy_step() {
    let settings = Settings {
        plan: crate::domain::PlanConfig {
            therapy: crate::domain::plan::TherapyRhythm::Off,
        },
        ..Settings::default()
    };
    let md = unwrapped(
        &export(),
        Days::ALL,
        &settings,
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap();
    assert!(!md.contains("Therapy or an integration call"), "{md}");
    // Session 1's therapy step is not counted; the visit is still
    // listed as the person logged it.
    assert!(
        md.contains("- Integration plan: 5 steps done and 1 partly done ("),
        "{md}"
    );
    assert!(
        md.contains("- Tue 7 Apr 2026 15:00: Talked, about work\n"),
        "{md}"
    );
}

#[test]
fn the_window_is_described_as_tentatively_as_the_sources() {
    let md = report_utc(Days::ALL);
    assert!(
        md.contains(
            "After a session, heightened plasticity typically lasts 24 to 72 hours, and \
             some research suggests quieter remodelling may go on for a week or two."
        ),
        "{md}"
    );
}

#[test]
fn the_top_says_it_is_no_medical_advice_and_where_help_is() {
    let md = report(
        &export(),
        Days::ALL,
        &Settings::default(),
        &Insights::default(),
        now(),
        &Utc,
    )
    .unwrap();
    let top = &md[..md.find("## Summary").unwrap()];
    // Wrapped at 80 columns inside its quote; the words are whole.
    let joined = top.replace("\n> ", " ").replace("\n>\n", "\n");
    assert!(joined.contains(NOT_MEDICAL_ADVICE), "{top}");
    assert!(joined.contains(CRISIS), "{top}");
    for n in crate::care::NUMBERS {
        assert!(top.contains(n), "{n} split in\n{top}");
    }
    assert!(top.lines().all(|l| l.width() <= 80), "{top}");
}

#[test]
fn a_demo_decade_reads_without_a_word_of_failure() {
    use chrono::TimeZone as _;
    let tz = chrono_tz::Europe::Berlin;
    let now = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
    let demo = crate::demo::generate(10, crate::demo::DEFAULT_SEED, now, &tz).unwrap();
    let mut db = crate::store::Db::open_in_memory().unwrap();
    db.import(&crate::demo::batch(demo), false).unwrap();
    let e = db.export(now).unwrap();
    let settings = Settings::default();
    let md = report(&e, Days::ALL, &settings, &Insights::default(), now, &tz).unwrap();
    for word in ["missed", "Missed", "✗", "[ ]", "failed"] {
        assert!(!md.contains(word), "{word}");
    }
    // The summary counts what the domain finds, each kind apart.
    let runs = course::courses(&e.sessions, now, &settings.course);
    let of = |k: CourseKind| runs.iter().filter(|c| c.kind == k).count();
    let (courses, boosters) = (of(CourseKind::Course), of(CourseKind::Booster));
    assert!(courses > 1 && boosters > 1, "{courses} {boosters}");
    let in_courses: usize = runs.iter().filter(|c| c.is_course()).map(Course::len).sum();
    let summary = &md[md.find("## Summary").unwrap()..md.find("## Mood").unwrap()];
    assert!(
        summary.contains(&format!(
            ": {in_courses} in {courses} courses and {boosters} boosters"
        )) || summary.contains(&format!(
            ": {in_courses} in {courses} courses, {boosters} boosters and "
        )),
        "{summary}"
    );
    assert_eq!(md.matches("\n### A booster session, ").count(), boosters);
    assert_eq!(md.matches("\n### Course ").count(), courses);
}

#[test]
fn the_report_shows_controls_in_journal_text_instead_of_writing_them() {
    let md = report_of(
        |e| e.journal[0].body = "calm \u{1b}[31mRED\u{1b}[0m bell\u{7} \u{1b}]0;title\u{7}".into(),
        Days::ALL,
    );
    assert!(md.contains("calm ␛[31mRED␛[0m bell␇ ␛]0;title␇"), "{md}");
    assert!(!md.contains(['\u{1b}', '\u{7}']), "no raw ESC or BEL");
}
