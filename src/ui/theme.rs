//! Colours and styles. With NO_COLOR set everything is plain text with bold
//! and reverse video only, which stays readable on any terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::{Phase, PlanState};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn phase(&self, p: Phase) -> Style {
        self.fg(match p {
            Phase::Acute => Color::Magenta,
            Phase::Opening => Color::LightBlue,
            Phase::Peak => Color::Yellow,
            Phase::Open => Color::Green,
            Phase::Extended => Color::Cyan,
            Phase::Closed => Color::DarkGray,
        })
    }

    pub fn plan(&self, s: PlanState) -> Style {
        match s {
            PlanState::Done => self.fg(Color::Green),
            PlanState::Due => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            PlanState::Missed => self.dim(),
            PlanState::Upcoming => self.fg(Color::Gray),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::LightCyan)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
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

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
}
