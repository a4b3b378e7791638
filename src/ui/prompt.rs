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
    let head = head(label, typed, width);
    let room = width.saturating_sub(head.chars().count() + 2);
    let mut spans = vec![Span::styled(head, theme.accent())];
    if let Some(e) = error {
        spans.push(Span::styled(format!("  {}", clip(e, room)), theme.error()));
    } else if let Some(n) = note.filter(|_| room > 0) {
        spans.push(Span::styled(format!("  {}", clip(n, room)), theme.dim()));
    }
    Line::from(spans)
}

/// ` label typed▏`, the end of what was typed and the cursor always
/// showing: what does not fit scrolls off to the left.
fn head(label: &str, typed: &str, width: usize) -> String {
    let typed = one_line(typed);
    let full = format!(" {label} {typed}▏");
    if full.chars().count() <= width {
        return full;
    }
    let label = format!(" {label} ");
    let room = width.saturating_sub(label.chars().count() + 2);
    let chars: Vec<char> = typed.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(room)..].iter().collect();
    let head = if tail.chars().count() < chars.len() {
        format!("{label}…{tail}▏")
    } else {
        format!("{label}{tail}▏")
    };
    clip(&head, width)
}

/// The jump prompt: a short label in a narrow pane, and above it, when
/// Enter found no day, why, whole, on rows of its own.
pub fn jump<'a>(j: &Jump, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let label = if width < 48 {
        crate::app::prompt::JUMP_SHORT_LABEL
    } else {
        crate::app::prompt::JUMP_LABEL
    };
    let mut lines: Vec<Line<'a>> = j
        .error
        .as_deref()
        .map(|e| wrap(e, width.saturating_sub(2)))
        .unwrap_or_default()
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.error()))
        .collect();
    lines.push(line(label, &j.text, None, None, theme, width));
    lines
}

/// `text` in lines of at most `width` characters, broken between words
/// (a word longer than a line is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in one_line(text).split(' ').filter(|w| !w.is_empty()) {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.into_iter().map(|l| clip(&l, width)).collect()
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
