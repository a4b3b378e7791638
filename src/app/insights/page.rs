//! The pane's words, as rows of text with their tones: the short summary
//! beside the other panes, and the zoomed view top to bottom (with room
//! kept for its charts), wrapped to the width they are drawn at.

use chrono::NaiveDate;

use super::series::{MoodSeries, ScoreSeries};
use super::{Analysed, Range};
use crate::app::reading::{Row, Tone, wrap_pieces};
use crate::domain::insight::{Relief, ReliefStatus};
use crate::domain::time::{day_label, local_date};
use crate::zone::Zone;

/// What the pane says before the first analysis arrives.
pub const READING: &str = "Reading your history…";

/// One piece of the zoomed view.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(Row),
    /// The mood chart, this many rows tall.
    MoodChart {
        height: usize,
    },
    /// A questionnaire's totals chart (`Built::scores[index]`).
    ScoreChart {
        index: usize,
        height: usize,
    },
}

impl Part {
    pub fn height(&self) -> usize {
        match self {
            Part::Text(_) => 1,
            Part::MoodChart { height } | Part::ScoreChart { height, .. } => *height,
        }
    }
}

/// What the zoomed view is laid out for.
#[derive(Debug, Clone, Copy)]
pub struct Room<'a> {
    pub width: usize,
    pub height: usize,
    pub range: Range,
    pub range_key: &'a str,
    pub today: NaiveDate,
    pub zone: &'a Zone,
}

fn one(text: impl Into<String>, tone: Tone) -> Row {
    vec![(text.into(), tone)]
}

/// A course's or booster's name in the table and the summary.
fn name(r: &Relief) -> String {
    match r.number {
        Some(n) => format!("Course {n}"),
        None if r.sessions > 1 => "Sessions".to_string(),
        None => "Booster".to_string(),
    }
}

/// Where the relief after one course or booster stands, in words.
pub fn status_words(r: &Relief, course: bool) -> String {
    match r.status {
        // "Lasted", not "returned after": the relief is what lasted, and
        // it is mood that came back down.
        ReliefStatus::Returned => match r.relief_days {
            Some(0) => "no lasting lift seen".to_string(),
            Some(1) => "lasted 1 day".to_string(),
            Some(n) => format!("lasted {n} days"),
            None => "mood back near the baseline".to_string(),
        },
        ReliefStatus::Holding => "still holding".to_string(),
        ReliefStatus::NotEnoughData if r.baseline.is_none() && course => {
            "not enough check-ins before this course".to_string()
        }
        ReliefStatus::NotEnoughData if r.baseline.is_none() => {
            "not enough check-ins before its course".to_string()
        }
        ReliefStatus::NotEnoughData => "not enough data".to_string(),
    }
}

/// The lines of the pane beside the others: the latest relief, the mood
/// of the last seven days, and the note when mood has come back down.
pub fn summary_rows(analysis: Option<&Analysed>, today: NaiveDate, zone: &Zone) -> Vec<Row> {
    let i = match analysis {
        None => return vec![one(READING, Tone::Dim)],
        Some(Analysed::Failed(why)) => {
            return vec![one(format!("Insights could not be read: {why}"), Tone::Dim)];
        }
        Some(Analysed::Ready(i)) => i,
    };
    let mut rows = Vec::new();
    match (
        &i.sparse,
        i.days.iter().rev().find(|d| d.trailing.is_some()),
    ) {
        (Some(sparse), _) => rows.push(one(sparse.clone(), Tone::Dim)),
        (None, Some(d)) => rows.push(vec![
            ("Mood, 7-day mean: ".into(), Tone::Plain),
            (format!("{:.1}", d.trailing.unwrap_or(d.mood)), Tone::Title),
            (format!(" (to {})", day_label(d.day, today)), Tone::Dim),
        ]),
        (None, None) if i.days.is_empty() => rows.push(one(
            "No moods yet: a check-in or a journal mood starts the chart.",
            Tone::Dim,
        )),
        (None, None) => {}
    }
    let latest = i
        .courses
        .iter()
        .map(|r| (r, true))
        .chain(i.boosters.iter().map(|r| (r, false)))
        .max_by_key(|(r, _)| r.last_session_at);
    if let Some((r, course)) = latest {
        rows.push(vec![
            (
                format!(
                    "{} of {}: ",
                    name(r),
                    day_label(local_date(r.first_session_at, zone), today)
                ),
                Tone::Plain,
            ),
            (status_words(r, course), Tone::Title),
        ]);
    }
    // The note comes first: beside the other panes at 80x24 there is
    // room for two lines, and it is the one that must not be cut away.
    if let Some(f) = &i.fading {
        rows.insert(0, one(f.text.clone(), Tone::Italic));
    }
    rows
}

/// The legend under the mood chart: each mark, by its shape.
pub const MOOD_LEGEND: &[(&str, &str)] = &[
    ("•", "a day's mood"),
    ("⠒", "7-day mean"),
    ("⡇", "a session"),
    ("▄", "main window"),
];

/// The zoomed view, top to bottom.
pub fn zoomed(
    analysis: Option<&Analysed>,
    mood: &MoodSeries,
    scores: &[ScoreSeries],
    room: Room<'_>,
) -> Vec<Part> {
    let mut out = Vec::new();
    let text = |out: &mut Vec<Part>, pieces: Row| {
        out.extend(wrap_pieces(&pieces, room.width).into_iter().map(Part::Text));
    };
    let over = match room.range {
        Range::FourWeeks => "the last 4 weeks",
        Range::ThreeMonths => "the last 3 months",
        Range::Year => "the last year",
        Range::Everything => "all your history",
    };
    text(
        &mut out,
        vec![
            (format!("Mood over {over}"), Tone::Title),
            (
                format!("   {} changes the range", room.range_key),
                Tone::Dim,
            ),
        ],
    );
    let i = match analysis {
        None => {
            text(&mut out, one(READING, Tone::Dim));
            return out;
        }
        Some(Analysed::Failed(why)) => {
            text(
                &mut out,
                one(format!("Insights could not be read: {why}"), Tone::Dim),
            );
            return out;
        }
        Some(Analysed::Ready(i)) => i,
    };
    if let Some(sparse) = &i.sparse {
        text(&mut out, one(sparse.clone(), Tone::Dim));
    }
    // Small enough at 80x24 that the relief table shows under it without
    // scrolling: "is it lasting?" is the question the view answers first.
    let chart_h = (room.height * 50 / 100)
        .clamp(8, 24)
        .min(room.height.max(6));
    if mood.days > 0 || !mood.sessions.is_empty() {
        out.push(Part::MoodChart { height: chart_h });
        let mut legend: Row = Vec::new();
        let shown = [
            !mood.moods.is_empty(),
            !mood.trailing.is_empty(),
            !mood.sessions.is_empty(),
            !mood.windows.is_empty(),
        ];
        for ((mark, what), _) in MOOD_LEGEND.iter().zip(shown).filter(|(_, s)| *s) {
            legend.push(((*mark).to_string(), Tone::Accent));
            legend.push((format!(" {what}   "), Tone::Dim));
        }
        text(&mut out, legend);
    } else if i.days.is_empty() {
        text(
            &mut out,
            one(
                "No moods yet: a check-in or a journal mood starts the chart.",
                Tone::Dim,
            ),
        );
    } else {
        text(
            &mut out,
            one(
                format!(
                    "No moods in this range; {} shows a longer one.",
                    room.range_key
                ),
                Tone::Dim,
            ),
        );
    }
    if let Some(f) = &i.fading {
        out.push(Part::Text(Vec::new()));
        text(&mut out, one(f.text.clone(), Tone::Italic));
    }

    out.push(Part::Text(Vec::new()));
    text(
        &mut out,
        one("Relief after each course and booster", Tone::Title),
    );
    let all: Vec<(&Relief, bool)> = i
        .courses
        .iter()
        .map(|r| (r, true))
        .chain(i.boosters.iter().map(|r| (r, false)))
        .collect();
    if all.is_empty() {
        text(
            &mut out,
            one("No course or booster to look at yet.", Tone::Dim),
        );
    } else {
        let day = |at| day_label(local_date(at, room.zone), room.today);
        let name_w = all.iter().map(|(r, _)| name(r).len()).max().unwrap_or(0);
        let day_w = all
            .iter()
            .flat_map(|(r, _)| [day(r.first_session_at).len(), day(r.last_session_at).len()])
            .max()
            .unwrap_or(0);
        let status_w = all
            .iter()
            .map(|(r, course)| status_words(r, *course).chars().count())
            .max()
            .unwrap_or(0);
        // The whole table when it fits; otherwise the count and the last
        // day go, so that no row breaks in the middle of its words.
        let whole = name_w + 2 + 2 + 2 + day_w + 2 + day_w + 2 + 8 + 2 + status_w;
        let fits = whole < room.width;
        let header = if fits {
            format!(
                "{:<name_w$}  {:>2}  {:<day_w$}  {:<day_w$}  {:>8}  relief",
                "", "n", "first", "last", "baseline"
            )
        } else {
            format!(
                "{:<name_w$}  {:<day_w$}  {:>8}  relief",
                "", "first", "baseline"
            )
        };
        text(&mut out, one(header, Tone::Dim));
        let mut sorted = all;
        sorted.sort_by_key(|(r, _)| r.first_session_at);
        for (r, course) in sorted {
            let baseline = r.baseline.map_or("–".to_string(), |b| format!("{b:.1}"));
            let facts = if fits {
                format!(
                    "{:<name_w$}  {:>2}  {:<day_w$}  {:<day_w$}  {:>8}  ",
                    name(r),
                    r.sessions,
                    day(r.first_session_at),
                    day(r.last_session_at),
                    baseline
                )
            } else {
                format!(
                    "{:<name_w$}  {:<day_w$}  {:>8}  ",
                    name(r),
                    day(r.first_session_at),
                    baseline
                )
            };
            text(
                &mut out,
                vec![(facts, Tone::Plain), (status_words(r, course), Tone::Title)],
            );
        }
    }
    if let Some(s) = &i.booster_spread {
        let median = if s.median.fract() == 0.0 {
            format!("{:.0}", s.median)
        } else {
            format!("{:.1}", s.median)
        };
        let words = if s.n == 1 {
            format!("One booster with a relief length so far: {median} days.")
        } else {
            format!(
                "Across {} boosters: a median of {median} days of relief, from {} to {} days.",
                s.n, s.min, s.max
            )
        };
        text(&mut out, one(words, Tone::Plain));
    }

    out.push(Part::Text(Vec::new()));
    text(&mut out, one("Questionnaires", Tone::Title));
    let score_h = super::series::score_height(room.height);
    if scores.is_empty() {
        let none = if i.questionnaires.is_empty() {
            "None answered yet."
        } else {
            "None answered in this range."
        };
        text(&mut out, one(none, Tone::Dim));
    }
    for (index, s) in scores.iter().enumerate() {
        text(&mut out, one(s.name.clone(), Tone::Plain));
        out.push(Part::ScoreChart {
            index,
            height: score_h,
        });
        let shown = s.results.len().saturating_sub(3);
        for (day, total, band) in &s.results[shown..] {
            let mut row = vec![
                (format!("  {day}  "), Tone::Dim),
                (format!("{total:>3}"), Tone::Title),
            ];
            if let Some(band) = band {
                row.push((format!("  {band}"), Tone::Plain));
            }
            text(&mut out, row);
        }
    }

    out.push(Part::Text(Vec::new()));
    text(&mut out, one("Practices and mood", Tone::Title));
    if i.comparisons.is_empty() {
        text(&mut out, one("Nothing to compare yet.", Tone::Dim));
    }
    for c in &i.comparisons {
        text(&mut out, one(c.sentence.clone(), Tone::Plain));
    }
    out.push(Part::Text(Vec::new()));
    text(
        &mut out,
        one(
            "A personal journal, not medical advice: these numbers describe what was \
             logged, and say nothing of why.",
            Tone::Dim,
        ),
    );
    out
}
