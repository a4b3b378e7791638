//! Wrapping prose at the report's width without changing what it renders
//! to.

use super::*;

/// Wraps the report's prose, list items and quotes at `width` display
/// columns, breaking only at spaces. Every added break is a soft one, so
/// the rendered report does not change: a line never begins with a word
/// that would open a block there (a list marker, a heading, a quote, a rule,
/// a fence, a table row, an HTML tag), nor follows a backslash, which would
/// make the break a hard one. A date keeps its parts together (no break
/// before a number or a month, or after a weekday), so that "Tue 3 Dec
/// 14:00" is never split. Headings, tables and the chart are kept whole,
/// and so is a quoted line that Markdown reads as a block of its own or
/// that starts with the person's own indentation, and any word longer
/// than a line.
pub(super) fn wrap(md: &str, width: usize) -> String {
    let mut out = String::with_capacity(md.len() + md.len() / 32);
    let mut fenced = false;
    for line in md.lines() {
        let fence = line.starts_with("```");
        fenced ^= fence;
        let (first, rest) = prefixes(line);
        let text = &line[first.len()..];
        if fenced
            || fence
            || line.starts_with(['|', '#'])
            || line.width() <= width
            // A person's line that is itself a heading, a nested quote, a
            // fence or a table row cannot go on over a line break.
            || !text.split(' ').next().is_some_and(can_start_line)
        {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let (text, hard_break) = match text.strip_suffix("  ") {
            Some(t) => (t.trim_end(), "  "),
            None => (text, ""),
        };
        // Words that must stay together (a date, or a word that cannot
        // start a line with the one before it) make one piece; lines break
        // only between pieces.
        let mut pieces: Vec<String> = Vec::new();
        let mut last = "";
        for word in text.split(' ') {
            match pieces.last_mut() {
                Some(piece)
                    if !can_start_line(word) || last.ends_with('\\') || in_a_date(last, word) =>
                {
                    piece.push(' ');
                    piece.push_str(word);
                }
                _ => pieces.push(word.to_string()),
            }
            last = word;
        }
        let mut row = first.to_string();
        let mut row_width = first.width();
        let mut started = false;
        for piece in pieces {
            let w = piece.width();
            if started && row_width + 1 + w > width {
                out.push_str(row.trim_end());
                out.push('\n');
                row = rest.to_string();
                row_width = rest.width();
                started = false;
            }
            if started {
                row.push(' ');
                row_width += 1;
            }
            row.push_str(&piece);
            row_width += w;
            started = true;
        }
        out.push_str(&row);
        out.push_str(hard_break);
        out.push('\n');
    }
    out
}

/// The marker a report line starts with, and what its continuation lines
/// start with so that they stay in the same quote or list item.
fn prefixes(line: &str) -> (&str, &'static str) {
    for (first, rest) in [("  > ", "  > "), ("> ", "> "), ("- ", "  ")] {
        if line.starts_with(first) {
            return (first, rest);
        }
    }
    ("", "")
}

/// Whether a word may begin a wrapped line without Markdown reading it as
/// the start of a new block. An empty word (from a run of spaces) stays
/// where it is.
fn can_start_line(word: &str) -> bool {
    let Some(c) = word.chars().next() else {
        return false;
    };
    if c.is_whitespace() || "-+*#>=|`~<_:".contains(c) {
        return false;
    }
    // "1." or "12)" would start an ordered list.
    let after_digits = word.trim_start_matches(|c: char| c.is_ascii_digit());
    after_digits.len() == word.len() || !after_digits.starts_with(['.', ')'])
}

/// Whether `before` and `after` may be parts of one date or time, such as
/// "Tue 3 Dec 2024 14:00", which the report's dates are.
fn in_a_date(before: &str, after: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = after.trim_end_matches([',', '.', ';', ')', ':']);
    after.starts_with(|c: char| c.is_ascii_digit())
        || MONTHS.contains(&month)
        || WEEKDAYS.contains(&before)
}
