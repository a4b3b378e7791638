//! A small multi-line text editor with soft word wrap.
//!
//! Positions are byte offsets that always sit on grapheme boundaries, so
//! emoji, combining marks and wide CJK characters move and delete as one.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One screen row of wrapped text: `text[start..end]`, without the newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextEditor {
    text: String,
    cursor: usize,
}

fn width_of(g: &str) -> usize {
    // Tabs are stored as spaces on insert; control characters take no room.
    g.width()
}

/// Wraps `text` into rows of at most `width` columns, breaking after spaces
/// where it can and inside a word only when a word is wider than a row.
pub fn wrap(text: &str, width: u16) -> Vec<VisualLine> {
    let width = usize::from(width.max(1));
    let mut rows = Vec::new();
    let mut line_start = 0;
    for logical in text.split('\n') {
        let base = line_start;
        let mut start = base;
        let mut used = 0;
        let mut last_break: Option<usize> = None;
        for (i, g) in logical.grapheme_indices(true) {
            let at = base + i;
            let w = width_of(g);
            if used + w > width && at > start {
                if g == " " {
                    // A space at the edge hangs off the row instead of
                    // starting the next one.
                    rows.push(VisualLine { start, end: at });
                    start = at + 1;
                    used = 0;
                    last_break = None;
                    continue;
                }
                let cut = match last_break {
                    Some(b) if b > start => b,
                    _ => at,
                };
                rows.push(VisualLine { start, end: cut });
                start = cut;
                used = text[start..at].width();
                last_break = None;
            }
            used += w;
            if g == " " {
                last_break = Some(at + 1);
            }
        }
        rows.push(VisualLine {
            start,
            end: base + logical.len(),
        });
        line_start = base + logical.len() + 1;
    }
    rows
}

/// `s` word-wrapped to rows of at most `width` columns, by the rule of
/// [`wrap`], as strings, so that a count of rows made from it (a box's or
/// the header's height) is the count drawn. A space between two digits
/// never breaks: a phone number such as 116 123 stays on one row.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    const NBSP: char = '\u{a0}';
    let chars: Vec<char> = s.chars().collect();
    let held: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let between_digits = *c == ' '
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if between_digits { NBSP } else { *c }
        })
        .collect();
    let width = u16::try_from(width.max(1)).unwrap_or(u16::MAX);
    wrap(&held, width)
        .into_iter()
        .map(|r| held[r.start..r.end].trim_end().replace(NBSP, " "))
        .collect()
}

/// The (row, column) of byte offset `cursor` in wrapped text.
pub fn locate(text: &str, rows: &[VisualLine], cursor: usize, width: u16) -> (usize, usize) {
    for (r, line) in rows.iter().enumerate() {
        let next_starts_here = rows
            .get(r + 1)
            .is_some_and(|n| n.start == cursor && n.start == line.end);
        if cursor >= line.start && cursor <= line.end && !next_starts_here {
            let col = text[line.start..cursor].width();
            if col >= usize::from(width) && r + 1 == rows.len() {
                return (r + 1, 0);
            }
            return (r, col);
        }
    }
    (rows.len().saturating_sub(1), 0)
}

/// Typed or pasted text as the editor keeps it (see [`TextEditor::insert`]).
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
        .chars()
        .filter(|c| *c == '\n' || !crate::terminal_text::is_unsafe(*c))
        .collect()
}

impl TextEditor {
    pub fn new(text: &str, cursor: usize) -> Self {
        let mut e = TextEditor {
            text: text.to_string(),
            cursor: 0,
        };
        e.cursor = e.snap(cursor.min(e.text.len()));
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The nearest grapheme boundary at or before `pos`.
    fn snap(&self, pos: usize) -> usize {
        let mut best = 0;
        for (i, _) in self.text.grapheme_indices(true) {
            if i > pos {
                break;
            }
            best = i;
        }
        if pos >= self.text.len() {
            self.text.len()
        } else {
            best
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Inserts typed or pasted text. Line endings become `\n`, tabs become
    /// spaces, and what a terminal would obey is dropped by the rule every
    /// screen of afterglow uses (`terminal_text`): it takes no room, so the
    /// cursor would have to step over something invisible.
    pub fn insert(&mut self, s: &str) {
        self.insert_within(s, usize::MAX);
    }

    /// [`TextEditor::insert`], unless the text would then be longer than
    /// `max` bytes: then nothing changes, and the answer is false. The
    /// whole of `s` or none of it, so that a paste is never cut somewhere
    /// the person did not choose.
    pub fn insert_within(&mut self, s: &str, max: usize) -> bool {
        let clean = clean(s);
        if self.text.len().saturating_add(clean.len()) > max {
            return false;
        }
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        true
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            let p = self.prev_boundary();
            self.text.replace_range(p..self.cursor, "");
            self.cursor = p;
        }
    }

    pub fn delete(&mut self) {
        let n = self.next_boundary();
        self.text.replace_range(self.cursor..n, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
    }

    pub fn end(&mut self) {
        self.cursor = self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i);
    }

    /// Moves one wrapped row up or down, keeping the column where it can.
    pub fn vertical(&mut self, down: bool, width: u16) {
        let rows = wrap(&self.text, width);
        let (row, col) = locate(&self.text, &rows, self.cursor, width);
        let target = if down {
            row + 1
        } else if row == 0 {
            self.cursor = 0;
            return;
        } else {
            row - 1
        };
        let Some(line) = rows.get(target) else {
            self.cursor = self.text.len();
            return;
        };
        let mut pos = line.start;
        let mut used = 0;
        for (i, g) in self.text[line.start..line.end].grapheme_indices(true) {
            let w = width_of(g);
            if used + w > col {
                break;
            }
            used += w;
            pos = line.start + i + g.len();
        }
        self.cursor = pos;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_stay_whole_when_wrapped() {
        let rows = wrap_words("call Samaritans on 116 123 now", 22);
        assert_eq!(rows, ["call Samaritans on", "116 123 now"]);
        assert_eq!(wrap_words("a b", 1), ["a", "b"]);
    }

    fn rows_text(text: &str, width: u16) -> Vec<String> {
        wrap(text, width)
            .iter()
            .map(|l| text[l.start..l.end].to_string())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(
            rows_text("hello brave new world", 11),
            ["hello brave", "new world"]
        );
        assert_eq!(rows_text("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows_text("one\n\ntwo", 10), ["one", "", "two"]);
        assert_eq!(rows_text("", 10), [""]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(rows_text("今日は良い日", 6), ["今日は", "良い日"]);
        assert_eq!(rows_text("🌱🌱🌱", 4), ["🌱🌱", "🌱"]);
    }

    #[test]
    fn editing_moves_by_grapheme() {
        let mut e = TextEditor::new("", 0);
        e.insert("a🌱b");
        e.left();
        e.left();
        assert_eq!(e.cursor(), 1);
        e.delete();
        assert_eq!(e.text(), "ab");
        e.insert("e\u{301}");
        e.backspace();
        assert_eq!(e.text(), "ab");
        e.insert("x\r\ny\tz\u{7}");
        assert_eq!(e.text(), "ax\ny    zb");
    }

    #[test]
    fn pasted_escapes_and_direction_overrides_are_dropped() {
        let mut e = TextEditor::new("", 0);
        e.insert("a\u{1b}]0;t\u{7}\u{202e}b\u{202c}\u{9b}c");
        assert_eq!(e.text(), "a]0;tbc");
        assert_eq!(e.cursor(), e.text().len());
    }

    #[test]
    fn an_insert_past_the_limit_changes_nothing() {
        let mut e = TextEditor::new("abc", 1);
        assert!(e.insert_within("\tx", 8));
        assert_eq!((e.text(), e.cursor()), ("a    xbc", 6));
        assert!(!e.insert_within("y", 8));
        assert!(!e.insert_within("\r\n🌱", 10));
        assert_eq!((e.text(), e.cursor()), ("a    xbc", 6));
        // Counted as kept: a line end pasted as \r\n takes one byte.
        assert!(e.insert_within("\r\n", 9));
        assert_eq!(e.text(), "a    x\nbc");
    }

    #[test]
    fn vertical_moves_follow_wrapped_rows() {
        let mut e = TextEditor::new("hello brave new world", 0);
        e.right();
        e.right();
        e.vertical(true, 11);
        assert_eq!(&e.text()[e.cursor()..], "w world");
        e.vertical(true, 11);
        assert_eq!(e.cursor(), e.text().len());
        e.vertical(false, 11);
        e.vertical(false, 11);
        e.vertical(false, 11);
        assert_eq!(e.cursor(), 0);
    }

    #[test]
    fn cursor_positions_at_row_edges() {
        let text = "abcd efgh";
        let rows = wrap(text, 5);
        assert_eq!(locate(text, &rows, 0, 5), (0, 0));
        assert_eq!(locate(text, &rows, 5, 5), (1, 0));
        assert_eq!(locate(text, &rows, 9, 5), (1, 4));
        let full = "abcde";
        let rows = wrap(full, 5);
        assert_eq!(locate(full, &rows, 5, 5), (1, 0));
    }
}
