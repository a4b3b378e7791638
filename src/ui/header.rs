//! The header: where you are in the window, with a big live countdown.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::bigdigits;
use super::text::clip;
use super::theme::Theme;
use crate::app::App;
use crate::domain::course::{CourseKind, CourseStatus, CourseView, IntegrationStage};
use crate::domain::plasticity::{Countdown, Phase};
use crate::domain::time::{clock_duration, short_duration};
use crate::zone::Zone;

fn local(at: DateTime<Utc>, zone: &Zone, fmt: &str) -> String {
    at.with_timezone(zone).format(fmt).to_string()
}

/// The course fact for the title row, or `None` when there is nothing
/// worth saying (a single session). Never a countdown: the integration
/// period is shown as a span once reached, and a plan is mentioned only
/// when the person made it.
pub fn course_line(c: &CourseView, now: DateTime<Utc>, zone: &Zone) -> Option<String> {
    let course = &c.course;
    if let (Some(i), Some(n)) = (c.integration, course.number) {
        return Some(match i.stage(now) {
            IntegrationStage::Early => format!(
                "Course {n} ended {}; a time for integration",
                local(course.last_at, zone, "%-d %b")
            ),
            IntegrationStage::Reached(w) => {
                format!("{w} weeks since course {n} ended; many keep these practices going")
            }
            IntegrationStage::Past(w) => {
                format!("{w}+ weeks since course {n} ended; many keep these practices going")
            }
        });
    }
    match (course.kind, course.number) {
        (CourseKind::Booster, _) => Some(format!(
            "Booster on {}",
            local(course.last_at, zone, "%-d %b")
        )),
        (CourseKind::Course, Some(n)) if c.status == CourseStatus::InProgress => {
            Some(match course.planned_total() {
                Some(total) => format!("Course {n}: session {} of {total}", course.len()),
                None => format!("Course {n}: session {}", course.len()),
            })
        }
        (CourseKind::Course, Some(n)) => {
            Some(format!("Course {n} finished: {} sessions", course.len()))
        }
        _ => None,
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let view = app.view();
    let now = app.now();
    let zone = app.zone();
    let [top, mid, gauge] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(area);

    // Title row.
    let clock = local(now, zone, "%a %-d %b %H:%M");
    let mut spans = vec![Span::styled(" afterglow", theme.title())];
    if let Some(c) = &view.countdown {
        spans.push(Span::styled("  ·  ", theme.dim()));
        spans.push(Span::styled(
            c.phase.as_str(),
            theme.phase(c.phase).add_modifier(Modifier::BOLD),
        ));
    }
    if let Some(line) = view.course.as_ref().and_then(|c| course_line(c, now, zone)) {
        spans.push(Span::styled("  ·  ", theme.dim()));
        spans.push(Span::styled(line, theme.text()));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(top.width).saturating_sub(used + clock.len() + 1);
    spans.push(Span::raw(" ".repeat(room)));
    spans.push(Span::styled(clock, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), top);

    match &view.countdown {
        Some(c) => {
            render_countdown(frame, mid, app, c, theme);
            render_gauge(frame, gauge, c, theme);
        }
        None => render_welcome(frame, mid, gauge, app, theme),
    }
}

fn render_countdown(frame: &mut Frame<'_>, area: Rect, app: &App, c: &Countdown, theme: &Theme) {
    let now = app.now();
    let zone = app.zone();
    let (big, style) = match c.phase_left {
        Some(left) => (
            clock_duration(left),
            theme.phase(c.phase).add_modifier(Modifier::BOLD),
        ),
        None => ("00:00:00".to_string(), theme.dim()),
    };
    let big_w = bigdigits::width(&big) as u16 + 2;
    let show_big = area.width >= big_w + 30;
    let [left, right] = if show_big {
        Layout::horizontal([Constraint::Length(big_w + 1), Constraint::Min(0)]).areas(area)
    } else {
        Layout::horizontal([Constraint::Length(0), Constraint::Min(0)]).areas(area)
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
    match (c.phase_ends_at, c.next_phase) {
        (Some(end), Some(next)) => {
            let lead = if show_big {
                String::new()
            } else {
                format!("{} ", clock_duration(end - now))
            };
            lines.push(Line::from(vec![
                Span::styled(lead, style),
                Span::raw(format!(
                    "left in {}, until {}, then ",
                    c.phase,
                    local(end, zone, "%a %H:%M")
                )),
                Span::styled(next.as_str(), theme.phase(next)),
            ]));
        }
        _ => lines.push(Line::raw(format!(
            "Window closed {} after your last session",
            short_duration(now - c.session_at)
        ))),
    }
    if c.in_main_window() {
        lines.push(Line::raw(clip(
            &format!(
                "Main window closes {} ({} left)",
                local(c.window_closes_at, zone, "%a %-d %b %H:%M"),
                short_duration(c.window_left(now))
            ),
            w,
        )));
    } else if c.phase == Phase::Extended {
        lines.push(Line::raw(clip(
            &format!(
                "Extended window until {}",
                local(c.extended_closes_at, zone, "%a %-d %b %H:%M")
            ),
            w,
        )));
    } else {
        lines.push(Line::styled(clip(c.phase.hint(), w), theme.dim()));
    }
    // While the medicine is still acting, the only step is rest.
    let resting = c.phase == Phase::Acute;
    match app.view().next_step().filter(|_| !resting) {
        None if resting => lines.push(Line::from(vec![
            Span::styled("Next: ", theme.accent()),
            Span::raw(clip(
                &format!(
                    "rest; writing can wait until {}",
                    c.phase_ends_at
                        .map(|e| local(e, zone, "%H:%M"))
                        .unwrap_or_default()
                ),
                w.saturating_sub(6),
            )),
        ])),
        Some(step) => {
            let until = local(step.ends_at, zone, "%a %H:%M");
            let long = format!(
                "{} ({} until {until})",
                step.kind.label(),
                step.state.as_str()
            );
            let text = if long.chars().count() + 6 <= w {
                long
            } else {
                format!(
                    "{}, {} until {until}",
                    step.kind.short(),
                    step.state.as_str()
                )
            };
            lines.push(Line::from(vec![
                Span::styled("Next: ", theme.accent()),
                Span::raw(clip(&text, w.saturating_sub(6))),
            ]));
        }
        None => lines.push(Line::styled(clip(c.phase.hint(), w), theme.dim())),
    }
    frame.render_widget(Paragraph::new(lines), right);
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

fn render_welcome(frame: &mut Frame<'_>, mid: Rect, gauge: Rect, app: &App, theme: &Theme) {
    let w = usize::from(mid.width).saturating_sub(2);
    // Hints name the keys in effect, which the config may have changed.
    let key = |name: &str| app.settings().keys.label(name);
    let lines = if let Some(err) = app.load_error() {
        vec![
            Line::styled(
                clip("  afterglow could not read your journal:", w),
                theme.error(),
            ),
            Line::raw(clip(&format!("  {err}"), w)),
            Line::styled(
                clip(
                    &format!(
                        "  Nothing was changed. `afterglow export` may show more; {} quits.",
                        key("quit")
                    ),
                    w,
                ),
                theme.dim(),
            ),
        ]
    } else if !app.is_loaded() {
        vec![Line::styled("  Opening your journal…", theme.dim())]
    } else if let Some(next) = &app.view().next_planned {
        vec![
            Line::raw(clip(
                &format!(
                    "  Your next session is planned for {}.",
                    local(next.at, app.zone(), "%a %-d %b %H:%M")
                ),
                w,
            )),
            Line::raw(clip(
                &format!(
                    "  Setting an intention beforehand helps: press {}, then {}.",
                    key("focus_intention"),
                    key("intention.new")
                ),
                w,
            )),
            Line::styled(
                clip(
                    &format!(
                        "  Afterwards, press {} then {} to log it and start the countdown.",
                        key("focus_timeline"),
                        key("timeline.new")
                    ),
                    w,
                ),
                theme.dim(),
            ),
        ]
    } else {
        vec![
            Line::raw(clip(
                "  Welcome. This is a quiet place for the days after a session.",
                w,
            )),
            Line::raw(clip(
                &format!(
                    "  After a session, press {} in the timeline to log it; {} plans one.",
                    key("timeline.new"),
                    key("timeline.plan")
                ),
                w,
            )),
            Line::styled(
                clip(
                    &format!(
                        "  Setting an intention first? Press {}, then {}. {} shows every key.",
                        key("focus_intention"),
                        key("intention.new"),
                        key("help")
                    ),
                    w,
                ),
                theme.dim(),
            ),
        ]
    };
    frame.render_widget(Paragraph::new(lines), mid);
    frame.render_widget(
        Paragraph::new(Line::styled(
            clip(
                "  Not medical advice. In a crisis, call your local emergency number (US 988).",
                usize::from(gauge.width),
            ),
            theme.dim(),
        )),
        gauge,
    );
}
