//! The Insights pane: the analysis of the whole history (is the relief
//! lasting?) as a short summary, and zoomed, the mood chart, the
//! questionnaire totals, the relief table and the practice comparisons.
//!
//! The analysis itself runs in the shell (`Effect::Analyse`) when the data
//! changes, after the next paint; this state keeps the last one that
//! arrived, and everything drawn from it (the chart's points, the rows of
//! text) is worked out here when the analysis, the range or the size
//! changes, never while drawing.

mod bands;
mod page;
mod series;

use std::sync::Arc;

use chrono::NaiveDate;

pub use page::{Part, summary_rows};
pub use series::{MoodSeries, ScoreSeries};

/// The mood chart's ends, for the drawing's axis.
pub mod series_bounds {
    pub use super::series::{MOOD_MAX, MOOD_MIN};
}

use super::action::{Command, PaneId};
use super::keymap::{Binding, Scope, b};
use super::layout::HEADER_HEIGHT;
use super::panes::registry::{PaneSpec, Slot};
use super::panes::{Ctx, Reply};
use super::reading::Row;
use crate::domain::insight::Insights;
use crate::domain::time::local_date;
use crate::zone::Zone;

/// How much of the history the charts show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Range {
    #[default]
    FourWeeks,
    ThreeMonths,
    Year,
    Everything,
}

impl Range {
    /// The next range, round to the first.
    pub fn next(self) -> Range {
        match self {
            Range::FourWeeks => Range::ThreeMonths,
            Range::ThreeMonths => Range::Year,
            Range::Year => Range::Everything,
            Range::Everything => Range::FourWeeks,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Range::FourWeeks => "4 weeks",
            Range::ThreeMonths => "3 months",
            Range::Year => "a year",
            Range::Everything => "everything",
        }
    }

    /// How many days back from today it reaches (`None`: all of them).
    pub fn days(self) -> Option<u64> {
        match self {
            Range::FourWeeks => Some(27),
            Range::ThreeMonths => Some(90),
            Range::Year => Some(364),
            Range::Everything => None,
        }
    }
}

/// What the last analysis answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Analysed {
    Ready(Arc<Insights>),
    /// It could not be read; the words say why.
    Failed(String),
}

/// The Insights pane's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InsightsState {
    /// The last analysis that arrived, with the data generation it was
    /// computed for (`None`: none yet, the pane says it is reading).
    analysis: Option<(u64, Analysed)>,
    range: Range,
    /// The first row of the zoomed view that shows.
    scroll: usize,
    /// What was worked out for the range, the screen and the analysis.
    built: Built,
    /// The terminal's size it was worked out for.
    size: (u16, u16),
}

/// Everything drawn, worked out ahead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Built {
    pub today: Option<NaiveDate>,
    /// The mood chart's points for the range.
    pub mood: MoodSeries,
    /// One totals chart per questionnaire, for the range.
    pub scores: Vec<ScoreSeries>,
    /// The unzoomed pane's lines.
    pub summary: Vec<Row>,
    /// The zoomed view, top to bottom, at the zoomed width.
    pub page: Vec<Part>,
    /// Rows of the zoomed view in all.
    pub height: usize,
    /// Rows the zoomed view shows at once.
    pub viewport: usize,
}

impl InsightsState {
    pub fn range(&self) -> Range {
        self.range
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The last analysis, when one has arrived.
    pub fn analysis(&self) -> Option<&Analysed> {
        self.analysis.as_ref().map(|(_, a)| a)
    }

    /// The data generation the shown analysis was computed for.
    pub fn analysed_for(&self) -> Option<u64> {
        self.analysis.as_ref().map(|(g, _)| *g)
    }

    pub fn built(&self) -> &Built {
        &self.built
    }

    /// An analysis arrived. One for older data than the shown one (a later
    /// change's analysis came first) is let go.
    pub fn arrived(&mut self, generation: u64, analysed: Analysed, at: Place<'_>) {
        if self.analysed_for().is_some_and(|g| g > generation) {
            return;
        }
        self.analysis = Some((generation, analysed));
        self.rebuild(at);
    }

    /// Works out again what is drawn: for a new analysis, range, day or
    /// screen size.
    pub fn rebuild(&mut self, at: Place<'_>) {
        let today = local_date(at.now, at.zone);
        self.size = at.size;
        let (width, height) = at.size;
        // The zoomed pane: the body less its border.
        let inner_w = usize::from(width.saturating_sub(2)).max(1);
        let inner_h = usize::from(height.saturating_sub(HEADER_HEIGHT + 1 + 2)).max(1);
        let columns = inner_w.saturating_sub(series::Y_AXIS_WIDTH).max(1);
        let insights = match self.analysis() {
            Some(Analysed::Ready(i)) => Some(Arc::clone(i)),
            _ => None,
        };
        let mood = insights
            .as_deref()
            .map(|i| series::mood(i, self.range, today, at.zone, columns))
            .unwrap_or_default();
        let scores = insights
            .as_deref()
            .map(|i| {
                series::scores(
                    i,
                    self.range,
                    today,
                    at.zone,
                    inner_w,
                    series::score_height(inner_h),
                )
            })
            .unwrap_or_default();
        // Beside the other panes: its width there, less the border and the
        // column in from it.
        let beside = super::layout::areas(width, height)
            .pane(ID)
            .map_or(inner_w, |r| usize::from(r.width.saturating_sub(3)));
        let summary = page::summary_rows(self.analysis(), today, at.zone)
            .iter()
            .flat_map(|row| super::reading::wrap_pieces(row, beside.max(1)))
            .collect();
        let page = page::zoomed(
            self.analysis(),
            &mood,
            &scores,
            page::Room {
                // Text keeps a column from the left border (ui::insights),
                // so it wraps one narrower than the charts are drawn.
                width: inner_w.saturating_sub(1).max(1),
                height: inner_h,
                range: self.range,
                range_key: at.range_key,
                today,
                zone: at.zone,
            },
        );
        let total = page.iter().map(Part::height).sum();
        self.built = Built {
            today: Some(today),
            mood,
            scores,
            summary,
            page,
            height: total,
            viewport: inner_h,
        };
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn max_scroll(&self) -> usize {
        self.built.height.saturating_sub(self.built.viewport)
    }

    pub fn handle(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        let page = self.built.viewport.saturating_sub(1).max(1);
        let max = self.max_scroll();
        self.scroll = match cmd {
            Command::Up => self.scroll.saturating_sub(1),
            Command::Down => (self.scroll + 1).min(max),
            Command::PageUp => self.scroll.saturating_sub(page),
            Command::PageDown => (self.scroll + page).min(max),
            Command::Top => 0,
            Command::Bottom => max,
            Command::Toggle => {
                self.range = self.range.next();
                self.rebuild(Place {
                    now: ctx.now,
                    zone: ctx.zone,
                    size: self.size,
                    range_key: &ctx.settings.keys.label("insights.range"),
                });
                return None;
            }
            _ => return None,
        };
        None
    }
}

/// Where and when the pane is drawn: what its rows are worked out for.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub now: chrono::DateTime<chrono::Utc>,
    pub zone: &'a Zone,
    /// The terminal's size.
    pub size: (u16, u16),
    /// The key that changes the range, as the key map has it.
    pub range_key: &'a str,
}

/// The insights pane's name.
pub const ID: PaneId = PaneId("insights");

/// The insights pane in the registry.
pub const SPEC: PaneSpec = PaneSpec {
    id: ID,
    title: "Insights",
    place: "in the insights pane",
    focus: b(
        "focus_insights",
        &["5"],
        Command::Focus(ID),
        Scope::Global,
        "focus the insights",
    ),
    keys: KEYS,
    slot: Slot {
        column: 1,
        share: 20,
    },
    handle: |p, cmd, ctx| p.insights.handle(cmd, ctx),
    refresh: |_, _, _| {},
};

/// The insights pane's own keys, shown in its help section.
const KEYS: &[Binding] = &[b(
    "insights.range",
    &["r"],
    Command::Toggle,
    Scope::Pane(ID),
    "show 4 weeks, 3 months, a year or everything",
)
.hint("range")];

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::app::effect::Effect;
    use crate::app::{Action, App};
    use crate::config::Settings;

    fn t0() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap()
    }

    fn app() -> App {
        let mut app = App::new(Settings::default(), Zone::utc(), t0(), true);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::Tick(t0()));
        app
    }

    fn analyses(effects: &[Effect]) -> Vec<u64> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Analyse(a) => Some(a.generation),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn new_data_asks_for_the_analysis_once_and_frames_never_do() {
        let mut app = app();
        let first = app.update(Action::Loaded(Box::default()));
        assert_eq!(analyses(&first), vec![1]);
        // Ticks within the day, sizes and keys ask for nothing.
        for s in 1..120 {
            let now = t0() + chrono::TimeDelta::seconds(s);
            assert!(analyses(&app.update(Action::Tick(now))).is_empty());
        }
        assert!(
            analyses(&app.update(Action::Resize {
                width: 200,
                height: 60
            }))
            .is_empty()
        );
        assert!(analyses(&app.update(Action::Command(Command::Focus(ID)))).is_empty());
        assert!(analyses(&app.update(Action::Command(Command::Toggle))).is_empty());
        // The next load is new data: asked once more, for it.
        let again = app.update(Action::Loaded(Box::default()));
        assert_eq!(analyses(&again), vec![2]);
        // A new day changes what is holding: asked once.
        let midnight = Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 1).unwrap();
        assert_eq!(analyses(&app.update(Action::Tick(midnight))), vec![3]);
        let later = midnight + chrono::TimeDelta::seconds(61);
        assert!(analyses(&app.update(Action::Tick(later))).is_empty());
    }

    #[test]
    fn the_pane_reads_until_its_analysis_arrives_and_keeps_the_newest() {
        let mut app = app();
        app.update(Action::Loaded(Box::default()));
        assert!(app.insights().analysis().is_none());
        assert_eq!(app.insights().built().summary[0][0].0, page::READING);
        let sparse = Insights {
            sparse: Some("1 check-in so far; the chart fills in as you go".into()),
            ..Insights::default()
        };
        app.update(Action::Analysed {
            generation: 1,
            insights: Ok(Arc::new(sparse.clone())),
        });
        assert_eq!(app.insights().analysed_for(), Some(1));
        assert!(
            app.insights().built().summary[0][0]
                .0
                .starts_with("1 check-in so far")
        );
        // One for older data, arriving late, is let go.
        app.update(Action::Analysed {
            generation: 0,
            insights: Err("gone".into()),
        });
        assert_eq!(app.insights().analysed_for(), Some(1));
        // A failure says so in place of reading.
        app.update(Action::Analysed {
            generation: 2,
            insights: Err("the disk is unreadable".into()),
        });
        let said: String = app
            .insights()
            .built()
            .summary
            .iter()
            .flat_map(|row| row.iter().map(|(t, _)| format!("{t} ")))
            .collect();
        assert!(said.contains("the disk is"), "{said}");
    }

    #[test]
    fn r_cycles_the_range_and_the_chart_follows() {
        let mut app = app();
        app.update(Action::Loaded(Box::default()));
        let days: Vec<crate::domain::insight::DayMood> = (0..400)
            .map(|back| crate::domain::insight::DayMood {
                day: crate::domain::time::days_before(local_date(t0(), &Zone::utc()), back)
                    .unwrap(),
                mood: 5.0,
                trailing: Some(5.0),
                source: crate::domain::insight::Source::CheckIn,
            })
            .rev()
            .collect();
        app.update(Action::Analysed {
            generation: 1,
            insights: Ok(Arc::new(Insights {
                days,
                ..Insights::default()
            })),
        });
        app.update(Action::Command(Command::Focus(ID)));
        let mut seen = vec![(app.insights().range(), app.insights().built().mood.days)];
        for _ in 0..4 {
            app.update(Action::Command(Command::Toggle));
            seen.push((app.insights().range(), app.insights().built().mood.days));
        }
        assert_eq!(
            seen,
            vec![
                (Range::FourWeeks, 28),
                (Range::ThreeMonths, 91),
                (Range::Year, 365),
                (Range::Everything, 400),
                (Range::FourWeeks, 28),
            ]
        );
        // Never more points than the chart has dots across (two a column).
        app.update(Action::Command(Command::Toggle));
        app.update(Action::Command(Command::Toggle));
        app.update(Action::Command(Command::Toggle));
        let mood = &app.insights().built().mood;
        assert!(mood.moods.len() <= 2 * 78, "{}", mood.moods.len());
        assert!(mood.moods.iter().all(|(x, _)| *x <= mood.span));
    }

    #[test]
    fn the_zoomed_view_scrolls_within_its_rows() {
        let mut app = app();
        app.update(Action::Loaded(Box::default()));
        app.update(Action::Analysed {
            generation: 1,
            insights: Ok(Arc::new(Insights::default())),
        });
        app.update(Action::Command(Command::Focus(ID)));
        app.update(Action::Command(Command::Zoom));
        let built = app.insights().built().clone();
        let max = built.height.saturating_sub(built.viewport);
        app.update(Action::Command(Command::Bottom));
        assert_eq!(app.insights().scroll(), max);
        app.update(Action::Command(Command::Down));
        assert_eq!(app.insights().scroll(), max);
        app.update(Action::Command(Command::Top));
        assert_eq!(app.insights().scroll(), 0);
        app.update(Action::Command(Command::Up));
        assert_eq!(app.insights().scroll(), 0);
    }

    #[test]
    fn enter_opens_the_summary_whole() {
        let mut app = app();
        app.update(Action::Loaded(Box::default()));
        app.update(Action::Command(Command::Focus(ID)));
        assert!(!app.zoomed());
        app.update(Action::Command(Command::Open));
        assert!(app.zoomed());
        // Enter again leaves it as it is; Esc or z goes back.
        app.update(Action::Command(Command::Open));
        assert!(app.zoomed());
        app.update(Action::Command(Command::Back));
        assert!(!app.zoomed());
    }
}
