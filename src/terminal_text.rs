//! The one rule for text on its way to a terminal.
//!
//! What afterglow shows comes partly from files it did not write: a jrnl or
//! Daylio export, an afterglow export from elsewhere, a path someone typed.
//! A terminal obeys control characters wherever they come from, so an entry
//! holding `ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J` clears the
//! screen, and a bidi override makes the words read in another order than
//! they are stored. Everything printed to a terminal (command output, error
//! messages, the dashboard's cells) goes through here first.
//!
//! Such characters are dropped, not replaced by a visible mark: they take no
//! room on screen anyway, so dropping them keeps every column count true,
//! and what remains of an escape sequence (`]0;title`) still shows that
//! something odd was in the text. The stored text is never changed, and
//! the JSON export keeps it exactly; the Markdown report, a file meant for
//! reading, shows such characters as symbols instead ([`visible`]).

use std::borrow::Cow;

/// Whether `c` must not reach a terminal: the C0 controls (ESC, BEL, CR
/// and the rest, newline and tab included; see [`clean`] for where those
/// two are kept), DEL, the C1 controls, and the marks that change the
/// direction text is shown in (the embeddings and overrides U+202A–U+202E,
/// the isolates U+2066–U+2069, and the LRM, RLM and ALM marks).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// `text` as it may be printed: line breaks and tabs, which lay text out,
/// are kept; every other unsafe character is dropped (a CR-LF line end
/// becomes a plain line end).
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| c == '\n' || c == '\t' || !is_unsafe(c))
            .collect(),
    )
}

/// `text` on one line, for a cell of a list: line breaks and tabs become
/// spaces, every other unsafe character is dropped.
pub fn clean_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

/// `text` for a file meant for reading (the Markdown report): line breaks
/// and tabs are kept, and every other unsafe character is shown instead
/// of dropped, as a file keeps what was stored and a reader should see
/// that something was there. A C0 control becomes its Control Pictures
/// symbol (ESC as `␛`, BEL as `␇`), DEL `␡`, and the C1 controls and
/// direction marks their code (`\u{202e}`). Nothing a terminal obeys is
/// left when the file is shown with `cat`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if is_unsafe(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_controls_and_show_their_tail() {
        let crafted = "calm\u{1b}]0;owned\u{7}\u{1b}[2J day";
        assert_eq!(clean(crafted), "calm]0;owned[2J day");
        assert_eq!(clean_line(crafted), "calm]0;owned[2J day");
        // C1: the single-byte CSI and OSC, and DEL.
        assert_eq!(clean("a\u{9b}2Jb\u{9d}0;x\u{9c}c\u{7f}d"), "a2Jb0;xcd");
    }

    #[test]
    fn direction_marks_are_dropped_and_the_words_kept() {
        for mark in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            let text = format!("pay {mark}0001{mark} now");
            assert_eq!(clean(&text), "pay 0001 now", "{mark:?}");
            assert!(is_unsafe(mark));
        }
    }

    #[test]
    fn a_file_for_reading_shows_the_controls_instead_of_obeying_them() {
        assert_eq!(
            visible("bell\u{7} \u{1b}[31mred\u{1b}[0m"),
            "bell␇ ␛[31mred␛[0m"
        );
        assert_eq!(visible("a\u{7f}b\u{9b}c\u{202e}d"), "a␡b\\u{9b}c\\u{202e}d");
        assert_eq!(visible("one\n\ttwo\r"), "one\n\ttwo␍");
        assert!(matches!(visible("plain 🌱 שלום\n"), Cow::Borrowed(_)));
        assert!(!visible("\u{1b}\u{7}\u{9d}").chars().any(is_unsafe));
    }

    #[test]
    fn layout_is_kept_where_it_belongs_and_plain_text_is_not_copied() {
        assert_eq!(clean("one\n\ttwo\r\nthree"), "one\n\ttwo\nthree");
        assert_eq!(clean_line("one\n\ttwo\r\nthree"), "one  two  three");
        let plain = "今日 🌱 שלום, ordinary words\n";
        assert!(matches!(clean(plain), Cow::Borrowed(_)));
        // Joiners and the BOM are not controls: emoji and scripts need them.
        assert_eq!(clean("👩\u{200d}🌾"), "👩\u{200d}🌾");
    }
}
