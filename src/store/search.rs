//! Finding journal entries by their words and by their tags.
//!
//! The index is `journal_fts` (migration 6): FTS5 over `journal.body` with
//! the trigram tokenizer, kept in step by triggers. SQLite answers which
//! entries hold every trigram of the terms; each is then confirmed by
//! `domain::search`, whose fold is SQLite's own, so what the store returns
//! and what the dashboard marks are one rule. A term shorter than three
//! characters cannot be looked up in a trigram index: when every term is
//! that short, the entries are read newest first and matched in Rust until
//! `limit` are found (docs/search.md has the timings).
//!
//! Tags have no table: an entry's tags are read from its text
//! (`domain::journal::tags`), with the index finding the entries that
//! hold `#tag` at all.

use std::collections::HashMap;

use rusqlite::{Connection, params_from_iter};

use super::journal::{COLUMNS, convert};
use super::{Db, Result};
use crate::domain::JournalEntry;
use crate::domain::journal::{as_tag, tags};
use crate::domain::search::{Folded, INDEXED_TERM_CHARS, Term, terms};

impl Db {
    /// Entries that hold every term of `query` (see `domain::search`),
    /// newest first (`written_at`, then id), at most `limit`. A query
    /// without terms finds nothing.
    pub fn search_journal(&self, query: &str, limit: usize) -> Result<Vec<JournalEntry>> {
        let terms = terms(query);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        find(&self.conn, &terms, limit, |e| {
            Folded::new(&e.body).contains_all(&terms)
        })
    }

    /// Entries whose tags (`domain::journal::tags`) hold `tag`, in any
    /// case and with or without its `#`, newest first, at most `limit`.
    /// Something that is not a tag (`#1`, words with spaces) finds
    /// nothing.
    pub fn entries_tagged(&self, tag: &str, limit: usize) -> Result<Vec<JournalEntry>> {
        let Some(tag) = as_tag(tag) else {
            return Ok(Vec::new());
        };
        let terms = terms(&format!("#{tag}"));
        find(&self.conn, &terms, limit, |e| tags(&e.body).contains(&tag))
    }

    /// Every tag in the journal with how many entries carry it, the most
    /// used first (then alphabetically).
    pub fn journal_tags(&self) -> Result<Vec<(String, usize)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM journal WHERE instr(body, '#') > 0")?;
        let mut rows = stmt.query([])?;
        let mut counts: HashMap<String, usize> = HashMap::new();
        while let Some(row) = rows.next()? {
            let body: String = row.get(0)?;
            for tag in tags(&body) {
                *counts.entry(tag).or_default() += 1;
            }
        }
        let mut all: Vec<(String, usize)> = counts.into_iter().collect();
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(all)
    }
}

/// The entries, newest first, that `keep` accepts, at most `limit`: the
/// candidates the index gives for the terms it can look up, or, when it
/// can look up none, every entry.
fn find(
    conn: &Connection,
    terms: &[Term],
    limit: usize,
    keep: impl Fn(&JournalEntry) -> bool,
) -> Result<Vec<JournalEntry>> {
    let mut found = Vec::new();
    if limit == 0 {
        return Ok(found);
    }
    each(conn, terms, |e| {
        if keep(&e) {
            found.push(e);
        }
        found.len() < limit
    })?;
    Ok(found)
}

/// Hands `take` each candidate for the terms, newest first, while it
/// answers `true`.
pub(super) fn each(
    conn: &Connection,
    terms: &[Term],
    mut take: impl FnMut(JournalEntry) -> bool,
) -> Result<()> {
    let fts_query = fts_query(terms);
    let sql = if fts_query.is_empty() {
        format!("SELECT {COLUMNS} FROM journal ORDER BY written_at DESC, id DESC")
    } else {
        format!(
            "SELECT {COLUMNS} FROM journal
             WHERE id IN (SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1)
             ORDER BY written_at DESC, id DESC"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let params: &[&str] = if fts_query.is_empty() {
        &[]
    } else {
        &[&fts_query]
    };
    let mut rows = stmt.query(params_from_iter(params))?;
    while let Some(row) = rows.next()? {
        if !take(convert(row)?) {
            break;
        }
    }
    Ok(())
}

/// The FTS5 query for the terms the index can look up (empty when there
/// are none): every trigram of each, as a string literal of its own.
///
/// The index is built with `detail = none`, which knows which entries
/// hold a trigram but not where, so it cannot look up a phrase; an entry
/// that holds all of a term's trigrams nearly always holds the term, and
/// the caller confirms that it does. Space-separated literals must all be
/// there (FTS5's implicit AND). Each literal is in double quotes, a quote
/// inside doubled, so nothing a person types (`-`, `*`, `:`, `(`,
/// `NEAR`, `AND`) is read as query syntax.
fn fts_query(terms: &[Term]) -> String {
    let mut trigrams: Vec<&[char]> = Vec::new();
    for t in terms.iter().filter(|t| t.indexed()) {
        for w in t.folded.windows(INDEXED_TERM_CHARS) {
            if !trigrams.contains(&w) {
                trigrams.push(w);
            }
        }
    }
    let mut q = String::new();
    for tri in trigrams {
        if !q.is_empty() {
            q.push(' ');
        }
        q.push('"');
        for &c in tri {
            if c == '"' {
                q.push('"');
            }
            q.push(c);
        }
        q.push('"');
    }
    q
}

#[cfg(test)]
mod tests;
