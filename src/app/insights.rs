//! The Insights pane: the analysis of the whole history (is the relief
//! lasting?) as a short summary, and zoomed, the mood chart, the
//! questionnaire totals, the relief table and the practice comparisons.
//!
//! The analysis itself runs in the shell (`Effect::Analyse`) when the data
//! changes, after the next paint; this state keeps the last one that
//! arrived, and everything drawn from it (the chart's points, the rows of
//! text) is worked out here when the analysis, the range or the size
//! changes, never while drawing.

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
            .map(|i| series::scores(i, self.range, today, at.zone, columns))
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
                width: inner_w,
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
        share: 30,
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
