//! The journal read a page at a time, newest first, so that the dashboard
//! reaches every entry without holding them all: pages are found by their
//! key (`written_at`, then `id`, both descending), never by an OFFSET that
//! SQLite would have to walk, and a page's place in the whole list is one
//! count along the `written_at` index.

use chrono::{DateTime, Utc};

use super::codec::{instant, int, mood, query_all, secs};
use super::journal::{COLUMNS, convert};
use super::{Db, Result};
use crate::domain::journal::{as_tag, tags};
use crate::domain::search::{Folded, terms};
use crate::domain::{JournalEntry, JournalId, Mood};

/// An entry's place in the newest-first order.
pub type EntryKey = (DateTime<Utc>, JournalId);

/// What a line of the timeline shows of an entry: its key, its mood and
/// its title (the first line that is not blank, without the rest).
pub type EntryHead = (EntryKey, Option<Mood>, String);

/// How much of an entry's start is read for its title: a line longer than
/// any pane is wide.
const HEAD_CHARS: i64 = 240;

impl Db {
    /// The `len` entries just older than `key`, newest first.
    pub fn entries_older(&self, key: EntryKey, len: usize) -> Result<Vec<JournalEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM journal WHERE (written_at, id) < (?1, ?2)
             ORDER BY written_at DESC, id DESC LIMIT ?3"
        );
        query_all(&self.conn, &sql, (secs(key.0), key.1.0, int(len)), convert)
    }

    /// `key` itself (when it is still there) and the entries older than it,
    /// `len` in all, newest first: a page read again where it was.
    pub fn entries_from(&self, key: EntryKey, len: usize) -> Result<Vec<JournalEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM journal WHERE (written_at, id) <= (?1, ?2)
             ORDER BY written_at DESC, id DESC LIMIT ?3"
        );
        query_all(&self.conn, &sql, (secs(key.0), key.1.0, int(len)), convert)
    }

    /// The `len` entries just newer than `key`, newest first.
    pub fn entries_newer(&self, key: EntryKey, len: usize) -> Result<Vec<JournalEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM journal WHERE (written_at, id) > (?1, ?2)
             ORDER BY written_at, id LIMIT ?3"
        );
        let mut page = query_all(&self.conn, &sql, (secs(key.0), key.1.0, int(len)), convert)?;
        page.reverse();
        Ok(page)
    }

    /// The oldest `len` entries, newest first.
    pub fn entries_oldest(&self, len: usize) -> Result<Vec<JournalEntry>> {
        let sql = format!("SELECT {COLUMNS} FROM journal ORDER BY written_at, id LIMIT ?1");
        let mut page = query_all(&self.conn, &sql, [int(len)], convert)?;
        page.reverse();
        Ok(page)
    }

    /// The `len` entries written at or before `at`, newest first: where a
    /// jump to a moment lands.
    pub fn entries_at_or_before(&self, at: DateTime<Utc>, len: usize) -> Result<Vec<JournalEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM journal WHERE written_at <= ?1
             ORDER BY written_at DESC, id DESC LIMIT ?2"
        );
        query_all(&self.conn, &sql, (secs(at), int(len)), convert)
    }

    /// The heads of the entries written at or after `since` (all of them
    /// for `None`), newest first: a light read, for the timeline's rows.
    pub fn entry_heads(&self, since: Option<DateTime<Utc>>) -> Result<Vec<EntryHead>> {
        let from = since.map_or(i64::MIN, secs);
        query_all(
            &self.conn,
            "SELECT id, written_at, mood, substr(ltrim(body, char(32, 9, 10, 13)), 1, ?2)
             FROM journal WHERE written_at >= ?1 ORDER BY written_at DESC, id DESC",
            (from, HEAD_CHARS),
            |r| {
                let start: String = r.get(3)?;
                let title = start.lines().map(str::trim).find(|l| !l.is_empty());
                Ok((
                    (instant(r.get(1)?)?, JournalId(r.get(0)?)),
                    mood(r.get(2)?)?,
                    title.unwrap_or("(empty)").to_string(),
                ))
            },
        )
    }

    /// The keys of every entry that holds all the words of `query` (see
    /// `Db::search_journal`), newest first: the whole count, cheaply held.
    pub fn search_keys(&self, query: &str) -> Result<Vec<EntryKey>> {
        self.search_keys_within(query, None)
    }

    /// Likewise, among the entries carrying `tag` when one is given (none
    /// when it is not a tag).
    pub fn search_keys_within(&self, query: &str, tag: Option<&str>) -> Result<Vec<EntryKey>> {
        let mut keys = Vec::new();
        let tag = match tag.map(as_tag) {
            Some(None) => return Ok(keys),
            Some(Some(tag)) => Some(tag),
            None => None,
        };
        let terms = terms(query);
        if terms.is_empty() {
            return Ok(keys);
        }
        super::search::each(&self.conn, &terms, |e| {
            let tagged = tag.as_ref().is_none_or(|t| tags(&e.body).contains(t));
            if tagged && Folded::new(&e.body).contains_all(&terms) {
                keys.push((e.written_at, e.id));
            }
            true
        })?;
        Ok(keys)
    }

    /// The keys of every entry carrying `tag` (see `Db::entries_tagged`),
    /// newest first.
    pub fn tagged_keys(&self, tag: &str) -> Result<Vec<EntryKey>> {
        let mut keys = Vec::new();
        let Some(tag) = as_tag(tag) else {
            return Ok(keys);
        };
        let terms = terms(&format!("#{tag}"));
        super::search::each(&self.conn, &terms, |e| {
            if tags(&e.body).contains(&tag) {
                keys.push((e.written_at, e.id));
            }
            true
        })?;
        Ok(keys)
    }

    /// The entries with these ids, newest first (those still there).
    pub fn entries_with_ids(&self, ids: &[JournalId]) -> Result<Vec<JournalEntry>> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(self.entry(*id)?);
        }
        found.sort_by_key(|e| std::cmp::Reverse((e.written_at, e.id)));
        Ok(found)
    }

    /// How many entries come before `key` in the newest-first order: its
    /// place in the whole journal.
    pub fn entries_newer_than(&self, key: EntryKey) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM journal WHERE (written_at, id) > (?1, ?2)",
            (secs(key.0), key.1.0),
            |r| r.get(0),
        )?;
        // COUNT(*) is never negative.
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::store::NewEntry;

    /// Twelve entries, two to a minute, so that the id breaks ties.
    fn journal() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        for i in 0..12 {
            let at = Utc.with_ymd_and_hms(2026, 3, 1, 10, i / 2, 0).unwrap();
            db.add_entry(&NewEntry {
                written_at: at,
                body: format!("entry {i}"),
                mood: None,
                session: None,
            })
            .unwrap();
        }
        db
    }

    fn bodies(page: &[JournalEntry]) -> Vec<String> {
        page.iter().map(|e| e.body.clone()).collect()
    }

    fn key(e: &JournalEntry) -> EntryKey {
        (e.written_at, e.id)
    }

    #[test]
    fn pages_walk_the_whole_journal_both_ways_without_gaps() {
        let db = journal();
        let all = db.entries(100).unwrap();
        let mut walked = db.entries(5).unwrap();
        loop {
            let next = db.entries_older(key(walked.last().unwrap()), 5).unwrap();
            if next.is_empty() {
                break;
            }
            walked.extend(next);
        }
        assert_eq!(bodies(&walked), bodies(&all));
        let mut back = db.entries_oldest(5).unwrap();
        assert_eq!(bodies(&back), bodies(&all[7..]));
        loop {
            let next = db.entries_newer(key(&back[0]), 5).unwrap();
            if next.is_empty() {
                break;
            }
            back.splice(0..0, next);
        }
        assert_eq!(bodies(&back), bodies(&all));
        for (i, e) in all.iter().enumerate() {
            assert_eq!(db.entries_newer_than(key(e)).unwrap(), i);
            assert_eq!(db.entries_from(key(e), 2).unwrap()[0].id, e.id);
        }
    }

    #[test]
    fn heads_and_keys_are_light_reads_of_the_same_entries() {
        let mut db = journal();
        db.add_entry(&NewEntry {
            written_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
            body: "\n  A kestrel hovered  \nover the field #birds".into(),
            mood: None,
            session: None,
        })
        .unwrap();
        let heads = db.entry_heads(None).unwrap();
        assert_eq!(heads.len(), 13);
        assert_eq!(heads[0].2, "A kestrel hovered");
        assert_eq!(heads[1].2, "entry 11");
        let since = Utc.with_ymd_and_hms(2026, 3, 1, 10, 5, 0).unwrap();
        assert_eq!(db.entry_heads(Some(since)).unwrap().len(), 3);
        let all = db.entries(100).unwrap();
        let keys: Vec<EntryKey> = all.iter().skip(1).map(key).collect();
        assert_eq!(db.search_keys("entry").unwrap(), keys);
        assert_eq!(db.tagged_keys("#birds").unwrap(), vec![key(&all[0])]);
        let within = |q, t| db.search_keys_within(q, Some(t)).unwrap().len();
        assert_eq!(
            (within("kestrel", "birds"), within("entry", "birds")),
            (1, 0)
        );
        let ids = [all[3].id, all[1].id];
        assert_eq!(
            db.entries_with_ids(&ids).unwrap(),
            vec![all[1].clone(), all[3].clone()]
        );
    }

    #[test]
    fn a_moment_lands_on_the_newest_entry_at_or_before_it() {
        let db = journal();
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 10, 2, 30).unwrap();
        let page = db.entries_at_or_before(at, 3).unwrap();
        assert_eq!(bodies(&page), ["entry 5", "entry 4", "entry 3"]);
        let before = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        assert!(db.entries_at_or_before(before, 3).unwrap().is_empty());
    }
}
