use super::super::fixture::{at, day, export, now};
use super::*;
use crate::domain::insight::{
    Comparison, DayMood, Fading, Group, ReliefStatus, Score, Source, Spread, WindowSpan,
};

fn insights() -> Insights {
    let days = (0..20)
        .map(|n| DayMood {
            day: day("2026-03-20") + chrono::Days::new(n),
            mood: if n < 14 { 3.0 } else { 7.0 },
            trailing: (n >= 2).then_some(4.0),
            source: if n % 3 == 0 {
                Source::Journal
            } else {
                Source::CheckIn
            },
        })
        .collect();
    let group = Group {
        n: 3,
        mean: Some(6.0),
        min: Some(5.0),
        max: Some(7.0),
    };
    Insights {
        days,
        checkins: 13,
        journal_moods: 7,
        sessions: vec![at("2026-04-06T10:00:00Z"), at("2026-04-09T10:00:00Z")],
        windows: vec![WindowSpan {
            session_at: at("2026-04-06T10:00:00Z"),
            from: at("2026-04-06T10:00:00Z"),
            until: at("2026-04-09T10:00:00Z"),
        }],
        courses: vec![Relief {
            number: Some(1),
            sessions: 2,
            first_session_at: at("2026-04-06T10:00:00Z"),
            last_session_at: at("2026-04-09T10:00:00Z"),
            baseline: Some(3.0),
            relief_days: Some(5),
            returned_on: Some(day("2026-04-15")),
            status: ReliefStatus::Returned,
        }],
        boosters: Vec::new(),
        booster_spread: Some(Spread {
            n: 2,
            median: 8.0,
            min: 6,
            max: 10,
        }),
        comparisons: vec![Comparison {
            with: "a therapy visit".into(),
            with_group: group,
            others: group,
            measure: "mood 7-14 days later".into(),
            sentence: "After windows with a therapy visit, mood 7-14 days later averaged 6.0."
                .into(),
        }],
        fading: Some(Fading {
            since: day("2026-04-15"),
            days: 7,
            text: "For the past week your mood has been close to where it was before.".into(),
        }),
        questionnaires: vec![Score {
            key: "reflection".into(),
            name: "a <b>name</b>".into(),
            at: at("2026-04-10T10:00:00Z"),
            total: 9,
            band: Some("middling & \"calm\"".into()),
        }],
        scales: Vec::new(),
        sparse: None,
    }
}

fn page(i: &Insights) -> String {
    report(&export(), Days::ALL, &Settings::default(), i, now(), &Utc).unwrap()
}

#[test]
fn escaping_covers_markup_quotes_and_controls() {
    assert_eq!(
        esc("<script>alert('x')</script> & \"q\"\u{1b}[2J\u{202e}"),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;[2J"
    );
    assert_eq!(esc("two\nlines\ttab"), "two\nlines\ttab");
}

#[test]
fn the_page_says_what_it_is_and_has_no_script() {
    let html = page(&insights());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&esc(NOT_MEDICAL_ADVICE)));
    assert!(html.contains(&esc(CRISIS)));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(html.contains("@page{size:auto;margin:15mm}"));
    // The names from files are escaped, in the table and in the chart.
    assert!(html.contains("a &lt;b&gt;name&lt;/b&gt;"));
    assert!(html.contains("middling &amp; &quot;calm&quot;"));
    assert!(html.contains("<td>returned</td>"));
    assert!(html.contains("median 8 days, from 6 to 10"));
    assert!(html.contains("For the past week"));
}

#[test]
fn sparse_and_empty_data_say_so() {
    let mut few = insights();
    few.days.truncate(3);
    few.sparse = Some("3 check-ins so far; the chart fills in as you go".into());
    let html = page(&few);
    assert!(html.contains("3 check-ins so far; the chart fills in as you go."));
    assert!(html.contains("<svg id=\"mood-chart\""));
    let html = page(&Insights::default());
    assert!(html.contains("No check-ins or journal moods were recorded in this period."));
    assert!(!html.contains("<svg id=\"mood-chart\""));
    assert!(html.contains("No questionnaire was answered in this period."));
}

#[test]
fn the_questionnaire_chart_draws_each_band_of_a_known_file_with_its_name() {
    use crate::domain::insight::Scale;
    use crate::domain::questionnaire::Band;
    let band = |min, max, label: &str| Band {
        min,
        max,
        label: label.into(),
        severe: false,
    };
    let mut i = insights();
    i.scales = vec![Scale {
        key: "reflection".into(),
        name: "a <b>name</b>".into(),
        min: 0,
        max: 21,
        bands: vec![
            band(0, 5, "a lighter week"),
            band(6, 11, "middling & \"calm\""),
            band(12, 21, "a heavy <week>"),
        ],
    }];
    let html = page(&i);
    let svg = &html[html.find("<svg class=\"scores\"").expect("a scores chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    // Each band a stripe, named with its totals, escaped.
    assert_eq!(svg.matches("<rect class=\"band\"").count(), 3, "{svg}");
    for name in [
        "a lighter week (0–5)",
        "middling &amp; &quot;calm&quot; (6–11)",
        "a heavy &lt;week&gt; (12–21)",
    ] {
        assert!(
            svg.contains(&format!(">{name}</text>")),
            "{name} missing: {svg}"
        );
    }
    // Edges between the bands, none on the axis.
    assert_eq!(svg.matches("class=\"band-edge\"").count(), 2, "{svg}");
    // The y axis runs over the scale, not only the totals seen.
    assert!(
        svg.contains(">0</text>") && svg.contains(">21</text>"),
        "{svg}"
    );

    // Without the file, the result's own band is named at its point.
    let html = page(&insights());
    let svg = &html[html.find("<svg class=\"scores\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(!svg.contains("<rect class=\"band\""));
    assert!(
        svg.contains("middling &amp; &quot;calm&quot;</text>"),
        "{svg}"
    );
}
