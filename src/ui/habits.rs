//! The Habits pane: one row per habit with a grid of days (today on the
//! right, a year back within reach), the current streak and the strength
//! score; or, a key away, the archived habits.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::list::Scrolled;
use super::text::{clip, pad};
use super::theme::Theme;
use crate::app::data::{DayMark, GRID_DAYS, HabitRow};
use crate::app::{App, PaneId, words};
use crate::domain::habit::{HabitStats, Schedule};
use crate::domain::time::day_label;
use crate::domain::{Habit, HabitKind};

fn amount(a: f64) -> String {
    if a.fract() == 0.0 {
        format!("{a:.0}")
    } else {
        format!("{a:.1}")
    }
}

/// What the "today" column says for a row: "—", "✓" or "8.5h".
fn today_text(row: &HabitRow) -> String {
    match row.days.last() {
        Some((_, DayMark::Empty | DayMark::Before, _)) | None => "—".to_string(),
        Some((_, _, amt)) => match (amt, row.habit.unit()) {
            // "8.5h", "20min", but "12 pages per day".
            (Some(a), Some(u)) if u.chars().count() > 3 => format!("{} {u}", amount(*a)),
            (Some(a), Some(u)) => format!("{}{u}", amount(*a)),
            _ => "✓".to_string(),
        },
    }
}

/// "3d", "365+", or "2 wk" and "52+ wk" for a habit meant for some days a
/// week (its streak counts weeks).
fn streak_text(habit: &Habit, stats: &HabitStats) -> String {
    // "+": the run goes back past the history the dashboard read.
    let more = if stats.open_ended { "+" } else { "" };
    match habit.schedule {
        Schedule::Daily if more.is_empty() => format!("{}d", stats.current_streak),
        Schedule::Daily => format!("{}+", stats.current_streak),
        Schedule::PerWeek(_) => format!("{}{more} wk", stats.current_streak),
    }
}

/// The columns of the grid: how wide the name and today's columns are,
/// and how many days fit.
struct Columns {
    name: usize,
    today: usize,
    days: usize,
}

/// Names up to this many cells are shown whole before the grid keeps more
/// than [`WEEK`] days.
const NAME_FIRST: usize = 20;

/// The fewest days the grid gives up room for a name down to: a week.
const WEEK: usize = 7;

impl Columns {
    /// Names take the room they need first, up to [`NAME_FIRST`] cells,
    /// as long as the grid keeps a week; beyond that, up to half of what
    /// the name and the grid share; never less than 9 columns. A longer
    /// one is cut with "…" (the line under the grid shows it whole).
    /// Today's amount gets a column once there is room, as wide as its
    /// longest text.
    fn fit(width: usize, rows: &[HabitRow]) -> Columns {
        let today = if width >= 60 {
            let longest = rows.iter().map(|r| today_text(r).width()).max();
            longest.unwrap_or(0).clamp(5, 16) + 1
        } else {
            0
        };
        let shared = width.saturating_sub(12 + today);
        let wanted = rows.iter().map(|r| r.habit.name.width()).max().unwrap_or(0) + 1;
        let first = wanted.min(NAME_FIRST + 1).min(shared.saturating_sub(WEEK));
        let name = wanted.clamp(9, (shared / 2).max(first).max(9));
        let days = width.saturating_sub(name + 12 + today).clamp(1, GRID_DAYS);
        Columns { name, today, days }
    }
}

/// The grid's window: it ends today until the selected day would leave it
/// on the left, then follows the selected day, which stays at its left
/// edge. Answers the index in `days` of the window's first day and the
/// selected day's column.
fn window(len: usize, shown: usize, days_back: usize) -> (usize, usize) {
    let shown = shown.min(len).max(1);
    let end_back = days_back.saturating_sub(shown - 1);
    let start = len.saturating_sub(shown + end_back);
    let col = (shown - 1).saturating_sub(days_back - end_back);
    (start, col)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if !app.is_loaded() {
        return;
    }
    if let Some(selected) = app.habits().archived_selected() {
        archived(frame, area, app, theme, selected);
        return;
    }
    let rows = &app.view().habits;
    if rows.is_empty() {
        let mut lines = vec![
            Line::raw(" No habits yet."),
            Line::styled(words::empty_habits(&app.settings().keys), theme.dim()),
        ];
        if !app.data().archived_habits.is_empty() {
            let key = app.settings().keys.label("habits.archived");
            lines.push(Line::styled(
                format!(" Press {key} to see the archived ones."),
                theme.dim(),
            ));
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let width = usize::from(area.width);
    let cols = Columns::fit(width, rows);
    let state = app.habits();
    let focused = app.focus() == PaneId::Habits;
    let len = rows.first().map_or(0, |r| r.days.len());
    let (start, sel_col) = window(len, cols.days, state.days_back());
    let sel_col = Some(sel_col);

    // Day initials over the grid, today last.
    let mut head = vec![Span::styled(pad(" habit", cols.name + 1), theme.dim())];
    if cols.today > 0 {
        head.push(Span::styled(pad("today", cols.today), theme.dim()));
    }
    if let Some(first) = rows.first() {
        let shown = first.days.iter().skip(start).take(cols.days);
        for (i, (d, _, _)) in shown.enumerate() {
            let letter =
                ["M", "T", "W", "T", "F", "S", "S"][d.weekday().num_days_from_monday() as usize];
            let style = if Some(i) == sel_col && focused {
                theme.accent()
            } else {
                theme.dim()
            };
            head.push(Span::styled(letter, style));
        }
    }
    head.push(Span::styled(
        format!(" {:>5} {:>3}", "strk", "str"),
        theme.dim(),
    ));
    let mut lines = vec![Line::from(head)];

    let height = usize::from(area.height).saturating_sub(2);
    let list = Scrolled {
        len: rows.len(),
        selected: state.selected(),
        focused,
        height,
        highlight: None,
    };
    lines.extend(list.lines(|i, is_sel| {
        let row = &rows[i];
        let name_style = if is_sel {
            theme.selected()
        } else {
            theme.text()
        };
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(pad(&row.habit.name, cols.name - 1), name_style),
            Span::raw(" "),
        ];
        if cols.today > 0 {
            let style = match row.days.last() {
                Some((_, DayMark::Met, _)) => theme.ok(),
                _ => theme.dim(),
            };
            spans.push(Span::styled(pad(&today_text(row), cols.today), style));
        }
        for (c, (_, mark, _)) in row.days.iter().skip(start).take(cols.days).enumerate() {
            let (glyph, style) = match mark {
                DayMark::Met => ("■", theme.ok()),
                DayMark::Partial => ("▪", theme.warn()),
                DayMark::Empty => ("·", theme.dim()),
                DayMark::Before => (" ", theme.dim()),
            };
            let style = if is_sel && Some(c) == sel_col {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            spans.push(Span::styled(glyph, style));
        }
        spans.push(Span::styled(
            format!(" {:>5}", streak_text(&row.habit, &row.stats)),
            theme.text(),
        ));
        spans.push(Span::styled(
            format!(" {:>3.0}", row.stats.strength),
            theme.accent(),
        ));
        Line::from(spans)
    }));

    // What the selected cell holds, so a past day can be checked before
    // ticking; the name and the unit whole, as far as the width allows.
    if let Some(row) = rows.get(state.selected())
        && let Some(idx) = row.days.len().checked_sub(1 + state.days_back())
    {
        let (day, mark, amt) = row.days[idx];
        let today = app.view().today.unwrap_or(day);
        let when = if state.days_back() == 0 {
            "today".to_string()
        } else {
            day_label(day, today)
        };
        let value = match (mark, amt, row.habit.unit(), row.habit.target()) {
            (DayMark::Empty | DayMark::Before, _, _, _) => "not ticked".to_string(),
            (_, Some(a), Some(u), Some(t)) => format!("{} of {} {u}", amount(a), amount(t)),
            _ => "done".to_string(),
        };
        let over = if row.stats.cut_off {
            " this past year"
        } else {
            ""
        };
        let best = match row.habit.schedule {
            Schedule::Daily => format!("best {}d{over}", row.stats.best_streak),
            Schedule::PerWeek(n) => {
                format!("{n}× a week · best {} wk{over}", row.stats.best_streak)
            }
        };
        // The status line said so on arriving; here only where it fits.
        let edge = if idx == 0 {
            " (a year back: the grid's limit)"
        } else {
            ""
        };
        let core = format!("{when}: {value}");
        lines.push(Line::styled(
            info_line(&row.habit.name, &core, edge, &best, width),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// " Name · today: 3 of 10 pages per day · best 4d", as much of it as
/// fits: the day's value whole first, then the name (cut with "…" only
/// when the value leaves too little room), then a note on the day (`edge`,
/// such as the grid's limit), then the best streak.
fn info_line(name: &str, core: &str, edge: &str, best: &str, width: usize) -> String {
    for line in [
        format!(" {name} · {core}{edge} · {best}"),
        format!(" {name} · {core}{edge}"),
        format!(" {name} · {core}"),
    ] {
        if line.width() <= width {
            return line;
        }
    }
    let room = width.saturating_sub(core.width() + 4);
    if room < 4 {
        return clip(&format!(" {core}"), width);
    }
    format!(" {} · {core}", clip(name, room))
}

/// The archived habits, each with what it counted and since when; Enter
/// brings the selected one back with its ticks.
fn archived(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let width = usize::from(area.width);
    let habits = &app.data().archived_habits;
    let keys = &app.settings().keys;
    let today = app.view().today;
    let head = format!(
        " Archived · {} restores · {}: back",
        keys.label("open"),
        keys.label("back")
    );
    let mut lines = vec![Line::styled(clip(&head, width), theme.dim())];
    let longest = habits.iter().map(|h| h.name.width()).max().unwrap_or(0);
    let name_w = (longest + 1).clamp(9, (width / 2).max(9));
    let list = Scrolled {
        len: habits.len(),
        selected,
        focused: app.focus() == PaneId::Habits,
        height: usize::from(area.height).saturating_sub(1),
        highlight: Some(theme.selected()),
    };
    lines.extend(list.lines(|i, _| {
        let h = &habits[i];
        let what = match &h.kind {
            HabitKind::YesNo => "yes/no".to_string(),
            HabitKind::Quantity { unit, target } => format!("{} {unit}", amount(*target)),
        };
        let since = today.map_or_else(|| h.since.to_string(), |t| day_label(h.since, t));
        let rest = format!("{what} · {} · since {since}", h.schedule.label());
        let rest_w = width.saturating_sub(name_w + 2);
        Line::from(vec![
            Span::raw(" "),
            Span::styled(pad(&h.name, name_w), theme.text()),
            Span::styled(clip(&rest, rest_w), theme.dim()),
        ])
    }));
    frame.render_widget(Paragraph::new(lines), area);
}
