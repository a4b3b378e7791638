//! Text helpers that respect display width (emoji and CJK take two columns).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cuts `s` to at most `width` columns, ending in an ellipsis when cut.
pub fn clip(s: &str, width: usize) -> String {
    // Controls a terminal would obey are never drawn; measured, they would
    // push every column after them out of line.
    let cleaned;
    let s = if s.chars().any(crate::terminal_text::is_unsafe) {
        cleaned = crate::terminal_text::clean_line(s);
        cleaned.as_str()
    } else {
        s
    };
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

pub use crate::app::editor::wrap_words as wrap;

/// The first line of `s`, flattened for one-line lists.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pads `s` with spaces to exactly `width` columns (clipping if needed).
pub fn pad(s: &str, width: usize) -> String {
    let c = clip(s, width);
    let w = c.width();
    format!("{c}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_counts_columns() {
        assert_eq!(clip("hello", 10), "hello");
        assert_eq!(clip("hello world", 6), "hello…");
        assert_eq!(clip("今日は良い日", 5), "今日…");
        assert_eq!(clip("🌱🌱🌱", 4), "🌱…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(pad("今", 4), "今  ");
    }

    #[test]
    fn controls_are_left_out_before_measuring() {
        assert_eq!(clip("Es\u{1b}[2Jcape", 8), "Es[2Jca…");
        assert_eq!(pad("Es\u{1b}[2J", 6), "Es[2J ");
        assert_eq!(clip("Es\u{1b}cape", 6), "Escape");
        assert_eq!(clip("Bi\u{202e}di", 4), "Bidi");
    }
}
