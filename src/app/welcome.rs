//! The welcome at the top of the dashboard before the first session: a
//! few words on where to start, and the crisis lines, whole. Its text is
//! decided here, beside the layout, because its height (the crisis lines
//! wrapped to the width) decides where the panes go, which `update` needs
//! for clicks.

use super::App;
use super::layout::{HEADER_HEIGHT, MIN_HEIGHT};
use crate::care;

/// How a line of the welcome is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Quiet,
    /// The crisis lines: clear, calm, never a warning colour.
    Care,
    Problem,
}

/// The rows the body keeps at the smallest terminal while the welcome is
/// shown: two panes of a row or two each.
const BODY_AT_LEAST: u16 = MIN_HEIGHT - 10;

impl App {
    /// Whether the header shows the welcome: nothing to count down, no
    /// pause or finish to honour, and not while writing (the editor keeps
    /// the compact header; its footer still names the crisis key).
    pub fn welcoming(&self) -> bool {
        let v = self.view();
        v.countdown.is_none() && v.resting.is_none() && self.journal().editor().is_none()
    }

    /// The welcome's paragraphs below the title row, unwrapped. The crisis
    /// lines are always there; the not-medical-advice line joins them when
    /// the terminal is tall enough to keep the panes usable.
    pub fn welcome_lines(&self, width: u16, height: u16) -> Vec<(String, Tone)> {
        let key = |name: &str| self.settings().keys.label(name);
        let mut lines = if let Some(err) = self.load_error() {
            vec![
                (
                    "afterglow could not read your journal:".to_string(),
                    Tone::Problem,
                ),
                (err.to_string(), Tone::Plain),
                (
                    format!(
                        "Nothing was changed; keep a copy of the file. `afterglow restore` \
                         brings back a backup; {} quits.",
                        key("quit")
                    ),
                    Tone::Quiet,
                ),
            ]
        } else if !self.is_loaded() {
            vec![("Opening your journal…".to_string(), Tone::Quiet)]
        } else if let Some(next) = &self.view().next_planned {
            vec![
                (
                    format!(
                        "Your session on {} is on your calendar.",
                        crate::domain::time::moment_label(
                            next.at,
                            self.zone(),
                            self.view().today.unwrap_or_default()
                        )
                    ),
                    Tone::Plain,
                ),
                (
                    format!(
                        "An intention first can help: {}, then {}. {} lists keys.",
                        key("focus_intention"),
                        key("intention.new"),
                        key("help")
                    ),
                    Tone::Quiet,
                ),
            ]
        } else {
            vec![
                (
                    "Welcome: a quiet place for the days after a session.".to_string(),
                    Tone::Plain,
                ),
                (
                    format!(
                        "After a session, {} logs it; {} plans one; {} lists keys.",
                        key("timeline.new"),
                        key("timeline.plan"),
                        key("help")
                    ),
                    Tone::Quiet,
                ),
            ]
        };
        lines.push((care::IN_DANGER.to_string(), Tone::Care));
        lines.push((care::TO_TALK.to_string(), Tone::Care));
        let mut with_advice = lines.clone();
        with_advice.push((care::NOT_MEDICAL_ADVICE.to_string(), Tone::Quiet));
        if height >= header_rows(&with_advice, width) + MIN_HEIGHT - HEADER_HEIGHT {
            return with_advice;
        }
        // The crisis lines are never cut: on a small terminal the other
        // lines give way first, last one first.
        while header_rows(&lines, width) > max_header(height) {
            match lines.iter().rposition(|(_, tone)| *tone != Tone::Care) {
                Some(i) => {
                    lines.remove(i);
                }
                None => break,
            }
        }
        lines
    }

    /// The header's height: the compact one, or the welcome's, which grows
    /// to hold its lines whole.
    pub fn header_height(&self, width: u16, height: u16) -> u16 {
        if !self.welcoming() {
            return HEADER_HEIGHT;
        }
        let rows = header_rows(&self.welcome_lines(width, height), width);
        rows.clamp(HEADER_HEIGHT, max_header(height).max(HEADER_HEIGHT))
    }
}

/// The tallest the welcome may grow in a terminal `height` rows high.
fn max_header(height: u16) -> u16 {
    height.saturating_sub(BODY_AT_LEAST + 1)
}

/// The title row and the welcome's lines, each wrapped to the width less
/// its two-column indent.
fn header_rows(lines: &[(String, Tone)], width: u16) -> u16 {
    let inner = width.saturating_sub(3).max(1);
    let rows: usize = lines
        .iter()
        .map(|(text, _)| super::editor::wrap_words(text, usize::from(inner)).len())
        .sum();
    u16::try_from(rows + 1).unwrap_or(u16::MAX)
}
