//! What a journal search finds, as a pure rule shared by the store (which
//! asks SQLite's full-text index for candidates and confirms them here)
//! and the dashboard (which marks the matched words).
//!
//! A query is a list of terms: its whitespace-separated words, where a
//! "quoted phrase" is one term with its spaces. A text matches when every
//! term occurs in it as a substring, after both are folded the way the
//! store's index folds them (SQLite FTS5's `trigram` tokenizer with
//! `remove_diacritics 1`): upper case to lower case by SQLite's Unicode
//! tables, Latin letters to their plain letter ("É" and "é" to "e"), and a
//! combining accent dropped. Nothing else is folded: no stemming, no
//! synonyms, no width or script folding. docs/search.md says what that
//! means for a person searching.
//!
//! The fold is SQLite's own, table for table (`search/tables.rs`), so the
//! index and this rule never disagree on whether a word is there.

use std::ops::Range;

mod tables;

use tables::{DIACRITICS, FOLD_ENTRIES, FOLD_OFFSETS};

/// The fewest characters a term needs for SQLite's trigram index to find
/// it; a shorter term is looked for by reading the entries (see
/// docs/search.md).
pub const INDEXED_TERM_CHARS: usize = 3;

/// One term of a query: what was typed, and its folded characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub folded: Vec<char>,
}

impl Term {
    /// Whether SQLite's trigram index can look this term up.
    pub fn indexed(&self) -> bool {
        self.folded.len() >= INDEXED_TERM_CHARS
    }
}

/// The terms of `query`, in order, without repeats and without terms that
/// fold to nothing (a lone combining accent). A `"` opens a phrase that
/// runs to the next `"` (or to the end); a phrase's spaces are part of it.
pub fn terms(query: &str) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    let mut push = |raw: &str| {
        let text = raw.trim();
        let folded: Vec<char> = text.chars().filter_map(fold).collect();
        if !folded.is_empty() && !out.iter().any(|t| t.folded == folded) {
            out.push(Term {
                text: text.to_string(),
                folded,
            });
        }
    };
    let mut rest = query;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(phrase) = rest.strip_prefix('"') {
            let end = phrase.find('"').unwrap_or(phrase.len());
            push(&phrase[..end]);
            rest = phrase.get(end + 1..).unwrap_or("");
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Why `query`, which has no [`terms`], looks for nothing, said plainly
/// (the query itself is not echoed back: a lone quote mark inside quotes
/// reads as a typo of ours).
pub fn nothing_to_look_for(query: &str) -> String {
    let quotes = query.chars().filter(|c| *c == '"').count();
    let only_quotes_and_spaces = query.chars().all(|c| c == '"' || c.is_whitespace());
    let spaces = query.chars().any(char::is_whitespace);
    let what = match (quotes, spaces) {
        _ if !only_quotes_and_spaces => "no letter, digit or sign a search can find",
        (0, _) => "only spaces",
        (1, false) => "only a quote mark",
        (1, true) => "only a quote mark and spaces",
        (_, false) => "only quote marks",
        (_, true) => "only quote marks and spaces",
    };
    format!("nothing to look for: the search holds {what}")
}

/// Whether every term of `query` occurs in `text`. A query with no terms
/// matches nothing.
pub fn matches(text: &str, query: &str) -> bool {
    let terms = terms(query);
    !terms.is_empty() && Folded::new(text).contains_all(&terms)
}

/// Byte ranges in `text` of every place a term of `query` occurs: sorted,
/// disjoint (overlapping or touching places are joined), on character
/// boundaries. A range takes in the combining accents after its last
/// letter, so an accented letter is never cut in two.
pub fn match_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    Folded::new(text).ranges(&terms)
}

/// The line of `text` that holds the first match of `query`, cut to at
/// most `width` characters (grapheme clusters) around the match with "…"
/// where it was cut, and trimmed; `None` when nothing matches. For a list
/// that shows why an entry was found, when the match is not in its first
/// line.
pub fn snippet(text: &str, query: &str, width: usize) -> Option<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let first = match_ranges(text, query).into_iter().next()?;
    let line_start = text[..first.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[first.start..]
        .find('\n')
        .map_or(text.len(), |i| first.start + i);
    let line = text[line_start..line_end].trim_end();
    let graphemes: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
    if graphemes.len() <= width.max(1) {
        return Some(line.trim().to_string());
    }
    let width = width.max(2);
    let at = graphemes
        .iter()
        .position(|&(i, _)| line_start + i >= first.start)
        .unwrap_or(0);
    // A little of what comes before the match, most of what follows it,
    // beginning with a whole word where there is a space to begin at.
    let mut from = at.saturating_sub(width / 3).min(graphemes.len() - width);
    if from > 0
        && let Some(space) = graphemes[from..at]
            .iter()
            .position(|g| g.1.trim().is_empty())
    {
        from += space + 1;
    }
    let to = (from + width).min(graphemes.len());
    let start = graphemes.get(from).map_or(0, |g| g.0);
    let end = graphemes.get(to).map_or(line.len(), |g| g.0);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(line[start..end].trim());
    if to < graphemes.len() {
        out.push('…');
    }
    Some(out)
}

/// A text folded for matching, with where each folded character began.
pub struct Folded {
    chars: Vec<char>,
    /// Byte offset in the original text of each kept character.
    starts: Vec<usize>,
    /// The text's length: where a match that runs to the last kept
    /// character ends, its trailing marks included.
    len: usize,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            if let Some(f) = fold(c) {
                chars.push(f);
                starts.push(at);
            }
        }
        Folded {
            chars,
            starts,
            len: text.len(),
        }
    }

    /// Whether every term occurs.
    pub fn contains_all(&self, terms: &[Term]) -> bool {
        terms.iter().all(|t| self.find_from(&t.folded, 0).is_some())
    }

    fn find_from(&self, needle: &[char], from: usize) -> Option<usize> {
        if needle.is_empty() || needle.len() > self.chars.len() {
            return None;
        }
        let last = self.chars.len() - needle.len();
        (from..=last).find(|&i| self.chars[i..i + needle.len()] == *needle)
    }

    fn ranges(&self, terms: &[Term]) -> Vec<Range<usize>> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for t in terms {
            let mut from = 0;
            while let Some(i) = self.find_from(&t.folded, from) {
                found.push((i, i + t.folded.len()));
                from = i + 1;
            }
        }
        found.sort_unstable();
        let mut joined: Vec<(usize, usize)> = Vec::new();
        for (s, e) in found {
            match joined.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => joined.push((s, e)),
            }
        }
        joined
            .into_iter()
            .map(|(s, e)| self.byte_at(s)..self.byte_at(e))
            .collect()
    }

    /// Where folded character `i` begins in the text; the end for one past
    /// the last (so trailing dropped marks belong to the range before).
    fn byte_at(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(self.len)
    }
}

/// One character as SQLite's trigram tokenizer with `remove_diacritics 1`
/// sees it (`sqlite3Fts5UnicodeFold(c, 2)`): lower case, without its
/// diacritic; `None` for a combining mark the tokenizer drops.
pub fn fold(c: char) -> Option<char> {
    let code = u32::from(c);
    let folded = if code < 128 {
        c.to_ascii_lowercase()
    } else if code < 65536 {
        remove_diacritic(fold_case_bmp(code))
    } else if (66560..66600).contains(&code) {
        char::from_u32(code + 40).unwrap_or(c)
    } else {
        c
    };
    (folded != '\0').then_some(folded)
}

/// Upper case to lower case only, by SQLite's tables (no diacritic taken
/// off): how tags are lower-cased, so that a tag and the index agree.
pub fn fold_case(c: char) -> char {
    let code = u32::from(c);
    if code < 128 {
        c.to_ascii_lowercase()
    } else if code < 65536 {
        char::from_u32(fold_case_bmp(code)).unwrap_or(c)
    } else if (66560..66600).contains(&code) {
        char::from_u32(code + 40).unwrap_or(c)
    } else {
        c
    }
}

fn fold_case_bmp(code: u32) -> u32 {
    let i = FOLD_ENTRIES.partition_point(|&(first, _, _)| u32::from(first) <= code);
    let Some(&(first, flags, range)) = i.checked_sub(1).and_then(|i| FOLD_ENTRIES.get(i)) else {
        return code;
    };
    let first = u32::from(first);
    let every_second = u32::from(flags) & 1 & (first ^ code) != 0;
    if code < first + u32::from(range) && !every_second {
        let off = FOLD_OFFSETS
            .get(usize::from(flags >> 1))
            .copied()
            .unwrap_or(0);
        (code + u32::from(off)) & 0xFFFF
    } else {
        code
    }
}

fn remove_diacritic(code: u32) -> char {
    let key = (code << 3) | 7;
    let i = DIACRITICS.partition_point(|&(k, _)| u32::from(k) <= key);
    let plain = match i.checked_sub(1).and_then(|i| DIACRITICS.get(i)) {
        Some(&(k, letter)) if code <= (u32::from(k) >> 3) + (u32::from(k) & 7) => {
            Some(char::from(letter))
        }
        _ => None,
    };
    plain.unwrap_or_else(|| char::from_u32(code).unwrap_or('\u{FFFD}'))
}

#[cfg(test)]
mod tests;
