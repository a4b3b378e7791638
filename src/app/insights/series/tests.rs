use chrono::{TimeZone, Utc};

use super::super::bands::row_of;
use super::*;
use crate::domain::insight::{Scale, Score};
use crate::domain::questionnaire::Band;

fn band(min: i64, max: i64, label: &str) -> Band {
    Band {
        min,
        max,
        label: label.into(),
        severe: false,
    }
}

fn reflection() -> Scale {
    Scale {
        key: "reflection".into(),
        name: "afterglow's weekly reflection".into(),
        min: 0,
        max: 21,
        bands: vec![
            band(0, 5, "lighter"),
            band(6, 11, "some weight"),
            band(12, 16, "heavy"),
            band(17, 21, "very heavy"),
        ],
    }
}

fn with_totals(totals: &[i64], scale: Option<Scale>) -> Insights {
    let today = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Insights {
        questionnaires: totals
            .iter()
            .enumerate()
            .map(|(i, t)| Score {
                key: "reflection".into(),
                name: "afterglow's weekly reflection".into(),
                at: crate::domain::time::add(
                    today,
                    crate::domain::time::days(-2 * (totals.len() - i) as i64).unwrap(),
                )
                .unwrap(),
                total: *t,
                band: None,
            })
            .collect(),
        scales: scale.into_iter().collect(),
        ..Insights::default()
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The row a point lands on, as the chart draws it.
fn row(s: &ScoreSeries, y: f64, rows: usize) -> usize {
    row_of(y, s.bottom, s.top, rows)
}

#[test]
fn every_total_sits_on_a_row_of_its_own_band_at_every_height() {
    let scale = reflection();
    let totals: Vec<i64> = (0..=21).collect();
    for height in 7..=14 {
        let rows = plot_rows(height);
        let s = &scores(
            &with_totals(&totals, Some(scale.clone())),
            Range::Everything,
            today(),
            &Zone::utc(),
            78,
            height,
        )[0];
        assert_eq!(s.y_labels.len(), rows);
        // Each band's name is on the row of its lowest total.
        let named: Vec<(usize, &str)> = scale
            .bands
            .iter()
            .map(|b| {
                let r = s
                    .y_labels
                    .iter()
                    .position(|l| l.ends_with(&format!(" {}", b.label)))
                    .unwrap_or_else(|| panic!("{} unnamed at {height}", b.label));
                (r, b.label.as_str())
            })
            .collect();
        for (total, (_, y)) in totals.iter().zip(&s.points) {
            let at = row(s, *y, rows);
            // The band named on the nearest row at or below.
            let (_, label) = named
                .iter()
                .rev()
                .find(|(r, _)| *r <= at)
                .expect("a band below");
            let b = scale.bands.iter().find(|b| b.label == *label).unwrap();
            assert!(
                (b.min..=b.max).contains(total),
                "{total} drawn in {label}'s rows at height {height}"
            );
        }
        // The edges lie on the rows that carry the names above the
        // lowest, and never on the axis.
        let edge_rows: Vec<usize> = s.edges.iter().map(|(_, y)| row(s, *y, rows)).collect();
        for (r, _) in &named[1..] {
            assert!(edge_rows.contains(r), "no edge on row {r} at {height}");
        }
        assert!(!edge_rows.contains(&0));
        assert_eq!(s.y_labels[0], " 0 lighter");
    }
}

#[test]
fn without_its_file_the_chart_falls_back_to_a_plain_scale() {
    let s = &scores(
        &with_totals(&[3, 12], None),
        Range::Everything,
        today(),
        &Zone::utc(),
        78,
        9,
    )[0];
    assert_eq!((s.bottom, s.top), (0.0, 15.0));
    assert!(s.edges.is_empty());
    assert_eq!(s.y_labels.first().map(String::as_str), Some(" 0"));
    assert_eq!(s.y_labels.last().map(String::as_str), Some("15"));
    assert_eq!(
        s.points.iter().map(|p| p.1).collect::<Vec<_>>(),
        [3.0, 12.0]
    );
}

#[test]
fn more_bands_than_rows_keep_a_plain_scale_with_names_where_they_fit() {
    let mut scale = reflection();
    scale.bands = (0..11).map(|i| band(2 * i, 2 * i + 1, "b")).collect();
    let s = &scores(
        &with_totals(&[4, 20], Some(scale)),
        Range::Everything,
        today(),
        &Zone::utc(),
        78,
        7,
    )[0];
    assert_eq!((s.bottom, s.top), (0.0, 21.0));
    assert_eq!(
        s.points.iter().map(|p| p.1).collect::<Vec<_>>(),
        [4.0, 20.0]
    );
    assert!(!s.edges.is_empty());
}

#[test]
fn long_band_names_are_cut_to_a_third_of_the_width_without_controls() {
    let mut scale = reflection();
    scale.bands[1].label = "a week \u{1b}[31mthat weighed a great deal more than most".into();
    let s = &scores(
        &with_totals(&[8], Some(scale)),
        Range::Everything,
        today(),
        &Zone::utc(),
        60,
        12,
    )[0];
    for l in &s.y_labels {
        assert!(
            unicode_width::UnicodeWidthStr::width(l.as_str()) <= 20,
            "{l}"
        );
        assert!(!l.contains('\u{1b}'), "{l:?}");
    }
    assert!(
        s.y_labels
            .iter()
            .any(|l| l.starts_with(" 6 a week") && l.ends_with('…'))
    );
}
