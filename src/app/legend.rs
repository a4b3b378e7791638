//! Every symbol and column heading the dashboard draws, and what it means:
//! one table, read by the help's "Symbols" section, by docs/keys.md and by
//! a test that looks through `src/ui` for any symbol left out of it.

/// A session that happened (timeline).
pub const SESSION: &str = "●";
/// A session planned ahead (timeline).
pub const PLANNED: &str = "◌";
/// A plan step open now (timeline, session view).
pub const OPEN: &str = "●";
/// A plan step still ahead.
pub const AHEAD: &str = "○";
/// Done: a plan step, or today's habit.
pub const DONE: &str = "✓";
/// A plan step partly done.
pub const PARTIAL: &str = "◐";
/// A therapy visit (timeline).
pub const THERAPY: &str = "◆";
/// A journal entry (timeline), a kept draft (journal).
pub const ENTRY: &str = "✎";
/// A day the habit was met in full (habits grid).
pub const MET: &str = "■";
/// A day the habit was partly met.
pub const PART_MET: &str = "▪";
/// A day with no tick.
pub const NOT_TICKED: &str = "·";

/// (symbol or heading, what it means), in the order the help shows them.
/// Said plainly: a day without a tick is only that.
pub const LEGEND: &[(&str, &str)] = &[
    ("●", "timeline: a session that happened"),
    (
        "▌",
        "timeline, left edge: a moment inside a session's window; its colour is the phase then",
    ),
    (
        "── now ──",
        "timeline: the present moment, between what is ahead and what has been",
    ),
    (
        "── November ──",
        "timeline: where a month begins (with its year when not this one)",
    ),
    ("◌ planned", "timeline: a session planned ahead"),
    ("◆", "timeline: a therapy visit"),
    ("✎", "timeline: a journal entry; journal: a kept draft"),
    ("●", "plan: a step open now"),
    ("○", "plan: a step still ahead"),
    ("◐", "plan: a step partly done"),
    ("✓", "plan: a step done; habits: done today"),
    ("■", "habits: a day the habit was met"),
    ("▪", "habits: a day partly met (some of the amount)"),
    (
        "·",
        "habits: a day without a tick; elsewhere it only separates",
    ),
    ("—", "habits, today column: not ticked yet today"),
    ("→", "intentions: how it landed (the reflection)"),
    (
        "strk",
        "habits: days met in a row, up to today (+: longer than the history read)",
    ),
    (
        "str",
        "habits: strength, 0-100, rises on met days and fades slowly",
    ),
    (
        "•",
        "insights chart: a day's mood, or a questionnaire's total",
    ),
    ("⠒", "insights chart: the 7-day mean mood"),
    ("⡇", "insights chart: a session"),
    ("▄", "insights chart, bottom edge: a session's main window"),
    (
        "↑ ↓",
        "more rows above or below; in a view, which rows show",
    ),
];

/// The symbols the ui draws that [`LEGEND`] must explain; a test checks
/// `src/ui` for each and the legend for each.
pub const SYMBOLS: &[&str] = &[
    SESSION,
    PLANNED,
    OPEN,
    AHEAD,
    DONE,
    PARTIAL,
    THERAPY,
    ENTRY,
    MET,
    PART_MET,
    NOT_TICKED,
    "—",
    "→",
    "▌",
    "── now",
    " ──",
];

/// The "Symbols" section of docs/keys.md.
pub fn markdown() -> String {
    let mut out = String::from("\n## Symbols\n\n| symbol | what it means |\n| --- | --- |\n");
    for (glyph, what) in LEGEND {
        out.push_str(&format!("| `{glyph}` | {what} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_explained() {
        for s in SYMBOLS {
            assert!(
                LEGEND.iter().any(|(g, _)| g.contains(s)),
                "{s} is not in the legend"
            );
        }
    }
}
