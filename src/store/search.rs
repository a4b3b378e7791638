//! Finding journal entries by their words and by their tags.
//!
//! The index is `journal_fts` (migration 6): FTS5 over `journal.body` with
//! the trigram tokenizer, kept in step by triggers. SQLite answers which
//! entries may match; each is then confirmed by `domain::search`, whose
//! fold is SQLite's own, so what the store returns and what the dashboard
//! marks are one rule. A term shorter than three characters cannot be
//! looked up in a trigram index: when every term is that short, the
//! entries are read newest first and matched in Rust until `limit` are
//! found (docs/search.md has the timings).
//!
//! Tags have no table: an entry's tags are read from its text
//! (`domain::journal::tags`), with the index finding the entries that
//! hold `#tag` at all.

use std::collections::HashMap;

use rusqlite::{Connection, params_from_iter};

use super::journal::{COLUMNS, convert};
use super::{Db, Result};
use crate::domain::JournalEntry;
use crate::domain::journal::tags;
use crate::domain::search::{Folded, Term, fold_case, terms};

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

/// `tag` as `domain::journal::tags` would give it, when it is one.
fn as_tag(tag: &str) -> Option<String> {
    let bare = tag.trim().trim_start_matches('#');
    let tag: String = bare.chars().map(fold_case).collect();
    (tags(&format!("#{tag}")) == [tag.as_str()]).then_some(tag)
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
    let indexed: Vec<String> = terms
        .iter()
        .filter(|t| t.indexed())
        .map(|t| fts_string(&t.folded))
        .collect();
    let sql = if indexed.is_empty() {
        format!("SELECT {COLUMNS} FROM journal ORDER BY written_at DESC, id DESC")
    } else {
        format!(
            "SELECT {COLUMNS} FROM journal
             WHERE id IN (SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1)
             ORDER BY written_at DESC, id DESC"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let fts_query = indexed.join(" ");
    let params: &[&str] = if indexed.is_empty() {
        &[]
    } else {
        &[&fts_query]
    };
    let mut rows = stmt.query(params_from_iter(params))?;
    while let Some(row) = rows.next()? {
        let entry = convert(row)?;
        if keep(&entry) {
            found.push(entry);
            if found.len() >= limit {
                break;
            }
        }
    }
    Ok(found)
}

/// One term as an FTS5 string literal: in double quotes, a quote inside
/// doubled, so that nothing a person types (`-`, `*`, `:`, `(`, `NEAR`,
/// `AND`) is read as query syntax. Space-separated literals must all be
/// there (FTS5's implicit AND), and each is a phrase: its trigrams in a
/// row, which is the term as a substring.
fn fts_string(folded: &[char]) -> String {
    let mut s = String::with_capacity(folded.len() + 2);
    s.push('"');
    for &c in folded {
        if c == '"' {
            s.push('"');
        }
        s.push(c);
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests;
