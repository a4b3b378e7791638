//! Colours and styles. The colours come from the config's `[colors]`
//! (`config::Colors`, by role). With NO_COLOR set everything is plain text
//! with bold and reverse video only, which stays readable on any terminal;
//! NO_COLOR wins over the config.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Colors;
use crate::domain::{Phase, PlanState};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    colors: Colors,
    color: bool,
}

impl Theme {
    pub fn new(colors: &Colors, no_color: bool) -> Theme {
        Theme {
            colors: *colors,
            color: !no_color,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn phase(&self, p: Phase) -> Style {
        let c = &self.colors;
        self.fg(match p {
            Phase::Acute => c.acute,
            Phase::Opening => c.opening,
            Phase::Peak => c.peak,
            Phase::Open => c.open,
            Phase::Extended => c.extended,
            Phase::Closed => c.closed,
        })
    }

    pub fn plan(&self, s: PlanState) -> Style {
        match s {
            PlanState::Done | PlanState::Partial => self.fg(self.colors.plan_done),
            PlanState::Open => self.fg(self.colors.plan_due).add_modifier(Modifier::BOLD),
            PlanState::Passed => self.dimmed(self.colors.plan_passed),
            PlanState::Upcoming => self.fg(self.colors.plan_upcoming),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.colors.title).add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.fg(self.colors.accent)
    }

    pub fn dim(&self) -> Style {
        self.dimmed(self.colors.dim)
    }

    /// Quiet text in colour `c`; without colour, the terminal's dim.
    fn dimmed(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn italic(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    /// Reverse video, not a colour: the selection must show on any theme.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.colors.border_focused)
                .add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.colors.border)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(self.colors.error).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(self.colors.ok)
    }

    pub fn warn(&self) -> Style {
        self.fg(self.colors.warn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_colours_are_used_and_no_color_wins() {
        let colors = Colors {
            title: Color::Rgb(1, 2, 3),
            peak: Color::Indexed(208),
            plan_passed: Color::Red,
            ..Colors::default()
        };
        let t = Theme::new(&colors, false);
        assert_eq!(t.title().fg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(t.phase(Phase::Peak).fg, Some(Color::Indexed(208)));
        assert_eq!(t.plan(PlanState::Passed).fg, Some(Color::Red));
        assert_eq!(t.border(false).fg, Some(Color::DarkGray));

        let plain = Theme::new(&colors, true);
        for style in [
            plain.title(),
            plain.phase(Phase::Peak),
            plain.plan(PlanState::Passed),
            plain.border(true),
            plain.error(),
            plain.dim(),
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(plain.dim().add_modifier.contains(Modifier::DIM));
    }
}
