//! The one-line prompt at the bottom of a pane (a search, a day to go
//! to, a tag), and the calm line that says what a search found.

use ratatui::text::{Line, Span};

use super::text::{clip, one_line};
use super::theme::Theme;
use crate::app::prompt::Jump;

/// `label`, what was typed and a cursor, then `note` (dim) or `error`.
pub fn line<'a>(
    label: &str,
    typed: &str,
    note: Option<&str>,
    error: Option<&str>,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
    let head = clip(&format!(" {label} {}▏", one_line(typed)), width);
    let room = width.saturating_sub(head.chars().count() + 2);
    let mut spans = vec![Span::styled(head, theme.accent())];
    if let Some(e) = error {
        spans.push(Span::styled(format!("  {}", clip(e, room)), theme.error()));
    } else if let Some(n) = note.filter(|_| room > 0) {
        spans.push(Span::styled(format!("  {}", clip(n, room)), theme.dim()));
    }
    Line::from(spans)
}

/// The jump prompt; its error, when Enter found no day, on the line.
pub fn jump<'a>(j: &Jump, theme: &Theme, width: usize) -> Line<'a> {
    line(
        crate::app::prompt::JUMP_LABEL,
        &j.text,
        None,
        j.error.as_deref(),
        theme,
        width,
    )
}

/// "3 found for “walk”", or "nothing found for “walk”".
pub fn found(n: usize, query: &str) -> String {
    let query = one_line(query);
    match n {
        0 => format!("nothing found for “{query}”"),
        n => format!("{} found for “{query}”", count(n)),
    }
}

/// A count with thousands marked: 5,908.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_found_read_calmly() {
        assert_eq!(count(5_908), "5,908");
        assert_eq!(count(12), "12");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(found(0, "walk"), "nothing found for “walk”");
        assert_eq!(found(3, " the  walk "), "3 found for “the walk”");
    }
}
