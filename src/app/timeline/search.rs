//! Searching the timeline: which rows hold the words.

use chrono::{DateTime, Utc};

use crate::app::data::{Data, RowKind, TimelineRow};
use crate::app::effect::EntryKey;
use crate::domain::{JournalId, search};

/// A search of the timeline's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// The prompt is open.
    pub typing: bool,
    /// How many rows match, and entries anywhere in the journal.
    pub found: usize,
    /// Every entry in the whole journal that holds the words, newest
    /// first, as the store found them.
    pub hits: Vec<EntryKey>,
    /// The whole history was read only to reach one of its matches: it
    /// goes back to the recent window when the search ends.
    pub widened: bool,
}

impl Search {
    /// Whether the store found the entry written at `at` with this id.
    pub fn hit(&self, at: DateTime<Utc>, id: JournalId) -> bool {
        self.hits.binary_search_by(|k| (at, id).cmp(k)).is_ok()
    }
}

/// Whether a row holds the words: an entry when the store found it, a
/// session or a therapy visit by its note.
pub fn row_matches(row: &TimelineRow, data: &Data, search: &Search) -> bool {
    let text = match &row.kind {
        RowKind::Entry(id) => return search.hit(row.at, *id),
        RowKind::Session(id) => data
            .sessions
            .iter()
            .find(|s| s.id == *id)
            .and_then(|s| s.note.as_deref()),
        RowKind::Therapy(id) => data
            .therapy
            .iter()
            .find(|t| t.id == *id)
            .and_then(|t| t.note.as_deref()),
        _ => None,
    };
    text.is_some_and(|t| search::matches(t, &search.query))
}

/// The newest match before the history read: a session's or a therapy
/// visit's note, or an entry the store found.
pub fn newest_older_match(data: &Data, search: &Search) -> Option<DateTime<Utc>> {
    let older = |at| !data.covers(at);
    let note = |n: &Option<String>| {
        n.as_deref()
            .is_some_and(|n| search::matches(n, &search.query))
    };
    let sessions = data
        .sessions
        .iter()
        .filter(|s| older(s.at) && note(&s.note))
        .map(|s| s.at);
    let therapy = data
        .therapy
        .iter()
        .filter(|t| older(t.at) && note(&t.note))
        .map(|t| t.at);
    let entry = search.hits.iter().map(|k| k.0).find(|at| older(*at));
    sessions.chain(therapy).chain(entry).max()
}
