//! Layout: the mood bar, padded tables, lists and counts in words.

use super::*;

/// A mood from 1 to 10 as a bar of block characters, in eighths of a cell.
pub(super) fn bar(mood: f64) -> String {
    let eighths = (mood.clamp(0.0, 10.0) / 10.0 * (BAR_CELLS * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    let part = eighths % 8;
    if part > 0 {
        s.push(EIGHTHS[part - 1]);
    }
    s
}

/// "a", "a and b", "a, b and c".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A Markdown table padded to display width, so that it lines up as plain
/// text too; columns after the first are right-aligned numbers.
pub(super) fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.width().max(3)).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String], right: bool| {
        let mut s = String::from("|");
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - c.width());
            if right && i > 0 {
                let _ = write!(s, " {pad}{c} |");
            } else {
                let _ = write!(s, " {c}{pad} |");
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(head, false);
    out.push('|');
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, " {} |", "-".repeat(*w));
        } else {
            let _ = write!(out, " {}: |", "-".repeat(w - 1));
        }
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(row, true));
    }
    out
}
