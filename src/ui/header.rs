//! The header: where you are in the window, with a big live countdown
//! while the main window is open; afterwards, when it closed and today's
//! practices; before the first session, the welcome and the crisis lines.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::UnicodeWidthStr;

use super::bigdigits;

mod title;
use super::text::{clip, one_line, wrap};
use super::theme::Theme;
use super::timeline::plan_glyph;
use crate::app::App;
use crate::app::data::DayMark;
use crate::app::welcome::Tone;
use crate::domain::TreatmentChange;
use crate::domain::course::{CourseKind, CourseStatus, CourseView, IntegrationStage};
use crate::domain::plan::{PlanItem, PlanKind, PlanState};
use crate::domain::plasticity::{Countdown, Phase};
use crate::domain::time::{clock_duration, short_duration};
use crate::domain::time::{moment_label, near_format, next_day};
use crate::zone::Zone;
pub use title::{fit_facts, title_row};

fn local(at: DateTime<Utc>, zone: &Zone, fmt: &str) -> String {
    at.with_timezone(zone).format(fmt).to_string()
}

/// The local day of `at` as every list shows a day: with its year when
/// that is not `today`'s (a course or a window can be years back).
fn day_of(at: DateTime<Utc>, zone: &Zone, today: NaiveDate) -> String {
    crate::domain::time::day_label(crate::domain::time::local_date(at, zone), today)
}

/// A moment near `now` as its weekday and time ("Tue 08:05"); one further
/// off (`near_format`'s rule) as [`moment_label`] says it, day and month,
/// and the year when it is not this one.
fn near_moment(at: DateTime<Utc>, now: DateTime<Utc>, zone: &Zone, today: NaiveDate) -> String {
    match near_format(at, now) {
        short @ "%a %H:%M" => local(at, zone, short),
        _ => moment_label(at, zone, today),
    }
}

/// The course fact for the title row, or `None` when there is nothing
/// worth saying (a single session) or the rows below say it (the
/// integration sentence once the window has closed). A plan is mentioned
/// only when the person made it.
/// Two wordings, the second for a narrow title row.
pub fn course_line(
    c: &CourseView,
    zone: &Zone,
    today: NaiveDate,
    window_closed: bool,
) -> Option<[String; 2]> {
    let course = &c.course;
    if c.integration.is_some() && window_closed {
        return None;
    }
    let len = course.len();
    match (course.kind, course.number) {
        (CourseKind::Booster, _) => {
            let on = day_of(course.last_at, zone, today);
            Some([format!("Booster on {on}"), format!("Booster {on}")])
        }
        (CourseKind::Course, Some(n)) if c.status == CourseStatus::InProgress => {
            Some(match course.planned_total() {
                Some(total) => [
                    format!("Course {n}: session {len} of {total}"),
                    format!("Course {n}: {len} of {total}"),
                ],
                None => [
                    format!("Course {n}: session {len}"),
                    format!("Course {n}: #{len}"),
                ],
            })
        }
        (CourseKind::Course, Some(n)) => {
            let unit = if len == 1 { "session" } else { "sessions" };
            Some([
                format!("Course {n} finished: {len} {unit}"),
                format!("Course {n} finished"),
            ])
        }
        _ => None,
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let view = app.view();
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    title_row(frame, top, app, theme);
    if app.welcoming() {
        render_welcome(frame, rest, app, theme);
        return;
    }
    let [mid, gauge] = Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(rest);
    match (&view.resting, &view.countdown) {
        (Some(r), _) => render_resting(frame, mid, app, r, theme),
        (None, Some(c)) if c.in_main_window() => {
            render_countdown(frame, mid, app, c, theme);
            render_gauge(frame, gauge, c, theme);
        }
        // After the main window nothing fills or counts: no gauge either.
        (None, Some(c)) => render_after_window(frame, mid, app, c, theme),
        // Not welcoming means there is a countdown or a rest; drawn for
        // completeness only.
        (None, None) => {}
    }
}

/// A countdown for the big digits: hours, minutes and seconds within a
/// day; days and hours beyond, where seconds would only flicker.
pub fn big_countdown(left: TimeDelta) -> String {
    let secs = left.num_seconds().max(0);
    let days = secs / 86_400;
    if days > 0 {
        format!("{days}d {:02}h", (secs % 86_400) / 3600)
    } else {
        clock_duration(left)
    }
}

fn render_countdown(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Countdown, theme: &Theme) {
    let now = app.now();
    let zone = app.zone();
    let today = app.view().today.unwrap_or_default();
    let w = usize::from(area.width);
    if c.phase == Phase::Acute {
        // While the medicine is acting the only step is rest: no digits,
        // the guidance in full, wrapped.
        let until = c
            .phase_ends_at
            .map(|e| {
                format!(
                    " The acute phase eases by about {}.",
                    local(e, zone, "%H:%M")
                )
            })
            .unwrap_or_default();
        let text = format!("{}{until}", Phase::Acute.hint());
        let lines: Vec<Line> = wrap(&text, w.saturating_sub(2))
            .into_iter()
            .take(usize::from(area.height))
            .map(|l| Line::styled(format!("  {l}"), theme.phase(Phase::Acute)))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let style = theme.phase(c.phase).add_modifier(Modifier::BOLD);
    let big = c.phase_left.map(big_countdown).unwrap_or_default();
    let big_w = bigdigits::width(&big) as u16 + 2;
    // The digits only where the words beside them still fit whole.
    let show_big = area.width >= big_w + 46;
    let [left, right] = if show_big {
        Layout::horizontal([Constraint::Length(big_w + 1), Constraint::Min(0)]).areas(area)
    } else {
        Layout::horizontal([Constraint::Length(2), Constraint::Min(0)]).areas(area)
    };
    if show_big {
        let rows: Vec<Line> = bigdigits::rows(&big)
            .into_iter()
            .map(|r| Line::styled(format!("  {r}"), style))
            .collect();
        frame.render_widget(Paragraph::new(rows), left);
    }
    let w = usize::from(right.width);
    let mut lines = Vec::new();
    if let (Some(end), Some(next)) = (c.phase_ends_at, c.next_phase) {
        let lead = if show_big {
            String::new()
        } else {
            format!("{} ", short_duration(end - now))
        };
        let until = near_moment(end, now, zone, today);
        let room = w.saturating_sub(lead.width());
        let full = format!("left in {}, until {until}, then ", c.phase);
        let mut spans = vec![Span::styled(lead, style)];
        if full.width() + next.as_str().width() <= room {
            spans.push(Span::raw(full));
            spans.push(Span::styled(next.as_str(), theme.phase(next)));
        } else {
            spans.push(Span::raw(clip(
                &format!("left in {}, until {until}", c.phase),
                room,
            )));
        }
        lines.push(Line::from(spans));
    }
    let (long, short) = (
        moment_label(c.window_closes_at, zone, today),
        near_moment(c.window_closes_at, now, zone, today),
    );
    let left = short_duration(c.window_left(now));
    lines.push(Line::raw(first_fit(
        &[
            format!("Main window typically open until {long} ({left} left)"),
            format!("Main window: typically until {short} ({left} left)"),
            format!("Main window: typically until {short} ({left})"),
            format!("Typically open until {short}"),
        ],
        w,
    )));
    match app.view().next_step() {
        Some(step) => lines.push(Line::from(vec![
            Span::styled("Next: ", theme.accent()),
            Span::raw(first_fit(&invitation(step, app), w.saturating_sub(6))),
        ])),
        None => lines.push(Line::styled(clip(c.phase.hint(), w), theme.dim())),
    }
    frame.render_widget(Paragraph::new(lines), right);
}

/// The first of `options` that fits `width` columns, else the last cut.
fn first_fit(options: &[String], width: usize) -> String {
    options
        .iter()
        .find(|o| o.width() <= width)
        .cloned()
        .unwrap_or_else(|| clip(options.last().map_or("", String::as_str), width))
}

/// A plan step as an invitation, "a good time for a walk, today", and a
/// shorter "walk, today" for a narrow header.
pub fn invitation(step: &PlanItem, app: &App) -> [String; 2] {
    let zone = app.zone();
    // A weekly or monthly therapy step ends beyond the week.
    let today = app.view().today.unwrap_or_default();
    let near = |at: DateTime<Utc>| near_moment(at, app.now(), zone, today);
    let when = match step.day {
        Some(day) if day == today => "today".to_string(),
        // A night's sleep is ticked on the day of waking.
        Some(day) if step.kind == PlanKind::Sleep && next_day(today) == Some(day) => {
            "tonight".to_string()
        }
        Some(day) if next_day(today) == Some(day) => "tomorrow".to_string(),
        Some(day) => format!("on {}", crate::domain::time::day_label(day, today)),
        None if step.state == PlanState::Upcoming => format!("from {}", near(step.starts_at)),
        None => format!("until {}", near(step.ends_at)),
    };
    [
        format!("a good time {}, {when}", step.kind.invitation()),
        format!("{}, {when}", step.kind.short()),
    ]
}

/// After a finished course, the integration period as a span reached,
/// never a clock: its weeks come from the config.
/// In a long and a short wording.
pub fn integration_line(c: &CourseView, now: DateTime<Utc>) -> Option<[String; 2]> {
    let (i, n) = (c.integration?, c.course.number?);
    let (min, max) = (i.min_weeks, i.max_weeks);
    Some(match i.stage(now) {
        IntegrationStage::Early => [
            format!(
                "After a course the guide suggests the practices for at least {min}-{max} weeks."
            ),
            format!("The guide suggests the practices for at least {min}-{max} weeks."),
        ],
        IntegrationStage::Reached(w) => [
            format!("{w} weeks since course {n} ended; many keep these practices going."),
            format!("{w} weeks since course {n}; many keep these practices."),
        ],
        IntegrationStage::Past(w) => [
            format!("{w} weeks or more since course {n} ended; many keep these practices going."),
            format!("{w}+ weeks since course {n}; many keep these practices."),
        ],
    })
}

/// After the main window: when it closed, said once, what may go on, and
/// today's practices where the big digits were.
fn render_after_window(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Countdown, theme: &Theme) {
    let zone = app.zone();
    let today = app.view().today.unwrap_or_default();
    let w = usize::from(area.width).saturating_sub(2);
    // When it closed, said once; never a count of days since.
    let (closed, then) = if c.phase == Phase::Extended {
        let at = format!(
            "{} {}",
            day_of(c.window_closes_at, zone, today),
            local(c.window_closes_at, zone, "%H:%M")
        );
        (
            [
                format!("The main window after your session closed {at}."),
                format!("The main window closed {at}."),
            ],
            c.phase.hint(),
        )
    } else {
        let on = day_of(c.extended_closes_at, zone, today);
        (
            [
                format!(
                    "The window after your session of {} closed on {on}.",
                    day_of(c.session_at, zone, today)
                ),
                format!("Your last window closed on {on}."),
            ],
            "Your habits and journal keep the thread.",
        )
    };
    // Once the window has closed, the weeks after a course matter more
    // than the window itself.
    let then = match app.view().course.as_ref() {
        Some(course) if c.phase == Phase::Closed => integration_line(course, app.now())
            .unwrap_or_else(|| [then.to_string(), then.to_string()]),
        _ if c.phase == Phase::Extended => [
            then.to_string(),
            "Some research: remodelling may go on for a week or two.".to_string(),
        ],
        _ => [then.to_string(), then.to_string()],
    };
    let lines = vec![
        Line::raw(format!("  {}", first_fit(&closed, w))),
        Line::styled(format!("  {}", first_fit(&then, w)), theme.dim()),
        practices_line(app, theme, w),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The person said they are pausing or have finished: no countdown, no
/// session talk, only what carries on.
fn render_resting(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    r: &TreatmentChange,
    theme: &Theme,
) {
    let today = app.view().today.unwrap_or_default();
    let w = usize::from(area.width).saturating_sub(2);
    let said = format!(
        "Sessions: {} (since {}).",
        r.status.describe(),
        day_of(r.at, app.zone(), today)
    );
    let second = match &r.note {
        Some(note) => format!("In your words: “{}”", one_line(note)),
        None => "Your practices, journal and habits carry on.".to_string(),
    };
    let lines = vec![
        Line::raw(format!("  {}", clip(&said, w))),
        Line::styled(format!("  {}", clip(&second, w)), theme.dim()),
        practices_line(app, theme, w),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// "Today: ✓ Sleep 7.5 h · ◐ Exercise 10 min · Meditation": what was done
/// today shows; what was not is named plainly, without a mark.
fn practices_line(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = vec![Span::styled("  Today: ", theme.accent())];
    let mut used = "Today: ".width();
    let rows = &app.view().habits;
    if rows.is_empty() {
        spans.push(Span::styled("no habits yet", theme.dim()));
        return Line::from(spans);
    }
    for (i, row) in rows.iter().enumerate() {
        let Some((_, mark, amount)) = row.days.last() else {
            continue;
        };
        let unit = row.habit.unit().unwrap_or("");
        // The plan's own marks: done, partly done, or none.
        let state = match mark {
            DayMark::Met => Some(PlanState::Done),
            DayMark::Partial => Some(PlanState::Partial),
            _ => None,
        };
        let (glyph, style) = match state {
            Some(s) => (format!("{} ", plan_glyph(s)), theme.plan(s)),
            None => (String::new(), theme.text()),
        };
        let amount = amount
            .map(|a| format!(" {a} {unit}").trim_end().to_string())
            .unwrap_or_default();
        let piece = format!("{glyph}{}{amount}", row.habit.name);
        let sep = if i == 0 { "" } else { " · " };
        if used + sep.width() + piece.width() > width {
            spans.push(Span::styled(" …", theme.dim()));
            break;
        }
        used += sep.width() + piece.width();
        spans.push(Span::styled(sep, theme.dim()));
        spans.push(Span::styled(piece, style));
    }
    Line::from(spans)
}

fn render_gauge(frame: &mut Frame<'_>, area: Rect, c: &Countdown, theme: &Theme) {
    // Equal room per phase: a 14-day extended phase would otherwise crush
    // the first day and a half into a sliver.
    let phases = Phase::WINDOW;
    let inner = usize::from(area.width.saturating_sub(2));
    let seg = inner / phases.len();
    if seg < 3 {
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    for p in phases {
        let fill = if p < c.phase || c.phase == Phase::Closed {
            seg
        } else if p == c.phase {
            let (start, end) = (
                c.phase_started_at,
                c.phase_ends_at.unwrap_or(c.phase_started_at),
            );
            let total = (end - start).num_seconds().max(1) as f64;
            let done = (c.phase_ends_at.map_or(0, |e| (e - start).num_seconds())
                - c.phase_left.map_or(0, |l| l.num_seconds())) as f64;
            ((done / total) * seg as f64).round() as usize
        } else {
            0
        };
        let label = super::text::pad(&format!(" {}", p.as_str()), seg);
        let (filled, rest): (String, String) = {
            let chars: Vec<char> = label.chars().collect();
            let f = fill.min(chars.len());
            (chars[..f].iter().collect(), chars[f..].iter().collect())
        };
        let style = theme.phase(p);
        spans.push(Span::styled(filled, style.add_modifier(Modifier::REVERSED)));
        spans.push(Span::styled(
            rest,
            if p == c.phase { style } else { theme.dim() },
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Before the first session: a few words on where to start and the crisis
/// lines, whole and wrapped (`App::welcome_lines` decides which, and the
/// header's height holds them all).
fn render_welcome(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (w, h) = (frame.area().width, frame.area().height);
    let inner = usize::from(area.width.saturating_sub(3)).max(1);
    let mut lines = Vec::new();
    for (text, tone) in app.welcome_lines(w, h) {
        let style = match tone {
            Tone::Plain => theme.text(),
            Tone::Quiet => theme.dim(),
            Tone::Care => theme.title(),
            Tone::Problem => theme.error(),
        };
        for row in wrap(&text, inner) {
            lines.push(Line::styled(format!("  {row}"), style));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
