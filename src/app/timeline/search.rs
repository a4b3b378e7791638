//! Searching the timeline: which rows hold the words.

use crate::app::data::{Data, RowKind, TimelineRow};
use crate::app::panes::Ctx;
use crate::domain::search;

/// A search of the timeline's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// The prompt is open.
    pub typing: bool,
    /// How many rows match.
    pub found: usize,
}

/// Whether a row holds the words: an entry by its text, a session or a
/// therapy visit by its note.
pub fn row_matches(row: &TimelineRow, data: &Data, query: &str) -> bool {
    let text = match &row.kind {
        // The timeline's entries are the newest ones, in their order: found
        // by halving, as a search looks at every row at each key.
        RowKind::Entry(id) => data
            .recent
            .binary_search_by(|e| (row.at, *id).cmp(&(e.written_at, e.id)))
            .ok()
            .and_then(|i| data.recent.get(i))
            .map(|e| e.body.as_str()),
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
    text.is_some_and(|t| search::matches(t, query))
}

/// Whether sessions or therapy visits before the history read match.
pub(super) fn older_matches(ctx: &Ctx<'_>, query: &str) -> bool {
    let older = |at| !ctx.data.covers(at);
    let note = |n: &Option<String>| n.as_deref().is_some_and(|n| search::matches(n, query));
    ctx.data
        .sessions
        .iter()
        .any(|s| older(s.at) && note(&s.note))
        || ctx
            .data
            .therapy
            .iter()
            .any(|t| older(t.at) && note(&t.note))
}
