//! Journal drafts: what is being typed in the dashboard's editors, a row
//! for each editor.
//!
//! An editor holds the [`DraftKey`] of its row: the slot and the revision it
//! last read or wrote. Every save names that key and is a compare-and-swap.
//! While the row is still at that revision it is written over and its
//! revision goes up. When another editor (a second dashboard on the same
//! file) has changed it since, or it is gone (saved as an entry by the
//! other, thrown away), the text goes to a new row instead and both texts
//! survive: an editor never writes over words it has not seen.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, Row, params};

use super::codec::{instant, int, mood, mood_value, query_all, query_opt, secs};
use super::journal::{self, JOURNAL, NewEntry};
use super::{BUSY_TIMEOUT, Db, Result, StoreError};
pub use crate::domain::draft::{Draft, DraftKept, DraftKey, StoredDraft};
use crate::domain::{JournalEntry, JournalId, SessionId};

const COLUMNS: &str = "editing, body, mood, cursor, saved_at, slot, revision";

fn convert(r: &Row<'_>) -> Result<StoredDraft> {
    let body: String = r.get(1)?;
    let cursor = usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0);
    Ok(StoredDraft {
        key: DraftKey {
            slot: r.get(5)?,
            revision: r.get(6)?,
        },
        draft: Draft {
            editing: r.get::<_, Option<i64>>(0)?.map(JournalId),
            mood: mood(r.get(2)?)?,
            cursor: char_boundary_at_or_before(&body, cursor),
            saved_at: instant(r.get(4)?)?,
            body,
        },
    })
}

/// The editor slices `body` at the cursor and would panic inside a
/// character, so a cursor that does not fit (a file edited by hand, an
/// older program) is moved back to the nearest place that does.
fn char_boundary_at_or_before(body: &str, cursor: usize) -> usize {
    let mut at = cursor.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The compare-and-swap of [`Db::keep_draft`]; the caller owns the
/// transaction. An entry deleted in the meantime (another terminal) leaves
/// the draft as one for a new entry rather than refused: autosave must
/// never be the thing that loses words.
pub(super) fn keep(conn: &Connection, held: Option<DraftKey>, d: &Draft) -> Result<DraftKept> {
    if let Some(k) = held {
        let changed = conn.execute(
            "UPDATE drafts SET editing = (SELECT id FROM journal WHERE id = ?3),
                 body = ?4, mood = ?5, cursor = ?6, saved_at = ?7,
                 revision = revision + 1
             WHERE slot = ?1 AND revision = ?2",
            params![
                k.slot,
                k.revision,
                d.editing.map(|e| e.0),
                d.body,
                mood_value(d.mood),
                int(d.cursor),
                secs(d.saved_at)
            ],
        )?;
        if changed == 1 {
            return Ok(DraftKept {
                key: DraftKey {
                    slot: k.slot,
                    revision: k.revision + 1,
                },
                apart: false,
            });
        }
    }
    let apart = held.is_some();
    let editing = if apart { None } else { d.editing };
    conn.execute(
        "INSERT INTO drafts (editing, body, mood, cursor, saved_at)
         VALUES ((SELECT id FROM journal WHERE id = ?1), ?2, ?3, ?4, ?5)",
        params![
            editing.map(|e| e.0),
            d.body,
            mood_value(d.mood),
            int(d.cursor),
            secs(d.saved_at)
        ],
    )?;
    Ok(DraftKept {
        key: DraftKey {
            slot: conn.last_insert_rowid(),
            revision: 1,
        },
        apart,
    })
}

/// Whether the row `held` is still at that revision and holds `d` as it
/// would be stored (its time of saving aside).
fn holds(conn: &Connection, held: DraftKey, d: &Draft) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM drafts
             WHERE slot = ?1 AND revision = ?2 AND body = ?3 AND mood IS ?4
               AND cursor = ?5 AND editing IS (SELECT id FROM journal WHERE id = ?6))",
        params![
            held.slot,
            held.revision,
            d.body,
            mood_value(d.mood),
            int(d.cursor),
            d.editing.map(|e| e.0)
        ],
        |r| r.get(0),
    )?)
}

/// Removes the row `held` if it is still at that revision; a row another
/// editor changed since holds their words and stays.
fn remove(conn: &Connection, held: DraftKey) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM drafts WHERE slot = ?1 AND revision = ?2",
        params![held.slot, held.revision],
    )? == 1)
}

impl StoreError {
    /// Another program held the write lock for as long as this write would
    /// wait: nothing was written, and trying again in a moment is right.
    pub fn lock_was_held(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(e) if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            )
        )
    }
}

impl Db {
    /// Every kept draft, oldest first.
    pub fn drafts(&self) -> Result<Vec<StoredDraft>> {
        let sql = format!("SELECT {COLUMNS} FROM drafts ORDER BY slot");
        query_all(&self.conn, &sql, [], convert)
    }

    /// The oldest kept draft, if any.
    pub fn draft(&self) -> Result<Option<Draft>> {
        Ok(self.drafts()?.into_iter().next().map(|s| s.draft))
    }

    /// Keeps `d` for the editor that holds `held` (`None`: an editor that
    /// has no row yet), by the compare-and-swap described at the top.
    ///
    /// When the row is still at `held` and already holds exactly these
    /// words, nothing is written and no write lock is taken: closing an
    /// editor with nothing new in it is then confirmed at once, even while
    /// another program writes, and the revision other editors loaded stays.
    pub fn keep_draft(&mut self, held: Option<DraftKey>, d: &Draft) -> Result<DraftKept> {
        if let Some(k) = held
            && holds(&self.conn, k, d)?
        {
            return Ok(DraftKept {
                key: k,
                apart: false,
            });
        }
        let tx = self.write()?;
        let kept = keep(&tx, held, d)?;
        tx.commit()?;
        Ok(kept)
    }

    /// [`Db::keep_draft`], waiting at most `wait` for another program's
    /// write lock instead of the usual busy timeout: the dashboard saves on
    /// every keystroke and must never freeze. When the lock is still held,
    /// nothing is written and the error says [`StoreError::lock_was_held`].
    pub fn keep_draft_within(
        &mut self,
        held: Option<DraftKey>,
        d: &Draft,
        wait: Duration,
    ) -> Result<DraftKept> {
        self.within(wait, |db| db.keep_draft(held, d))
    }

    /// For a program that is the file's only writer (tests, benchmarks):
    /// writes `d` over the oldest kept draft, or keeps it as the first.
    /// The dashboard never uses it, since another dashboard may hold that
    /// draft: see [`Db::keep_draft`].
    pub fn save_draft(&mut self, d: &Draft) -> Result<()> {
        let tx = self.write()?;
        let oldest = query_opt(
            &tx,
            "SELECT slot, revision FROM drafts ORDER BY slot LIMIT 1",
            [],
            |r| {
                Ok(DraftKey {
                    slot: r.get(0)?,
                    revision: r.get(1)?,
                })
            },
        )?;
        keep(&tx, oldest, d)?;
        tx.commit()?;
        Ok(())
    }

    /// Throws away the draft `held`. False when another editor changed it
    /// since: it then stays, with their words.
    pub fn drop_draft(&mut self, held: DraftKey) -> Result<bool> {
        let tx = self.write()?;
        let gone = remove(&tx, held)?;
        tx.commit()?;
        Ok(gone)
    }

    /// [`Db::drop_draft`], waiting at most `wait` for the write lock.
    pub fn drop_draft_within(&mut self, held: DraftKey, wait: Duration) -> Result<bool> {
        self.within(wait, |db| db.drop_draft(held))
    }

    /// Saves the entry (add when `d.editing` is None, else update) and
    /// removes the editor's draft `held` in ONE transaction, so a crash can
    /// never keep both or lose both. A new entry is written at `now` for
    /// `session`; an edited entry keeps its time and session and gets
    /// `updated_at = now`. If the edited entry is gone, NotFound and the
    /// draft stays. A draft another editor changed since `held` stays too:
    /// those are their words.
    pub fn commit_draft(
        &mut self,
        d: &Draft,
        held: Option<DraftKey>,
        session: Option<SessionId>,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        self.commit_draft_at(d, held, session, now, now)
    }

    /// [`Db::commit_draft`], a new entry dated `written_at` (an entry
    /// written late about an earlier day); an edit keeps its date.
    pub fn commit_draft_at(
        &mut self,
        d: &Draft,
        held: Option<DraftKey>,
        session: Option<SessionId>,
        written_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry> {
        let tx = self.write()?;
        let entry = match d.editing {
            None => journal::insert(
                &tx,
                &NewEntry {
                    written_at,
                    body: d.body.clone(),
                    mood: d.mood,
                    session,
                },
            )?,
            Some(id) => {
                journal::rewrite(&tx, id, &d.body, d.mood, now)?;
                journal::load(&tx, id.0)?.ok_or_else(|| JOURNAL.not_found(id.0))?
            }
        };
        if let Some(k) = held {
            remove(&tx, k)?;
        }
        tx.commit()?;
        Ok(entry)
    }

    /// [`Db::commit_draft_at`], waiting at most `wait` for the write lock.
    pub fn commit_draft_within(
        &mut self,
        d: &Draft,
        held: Option<DraftKey>,
        session: Option<SessionId>,
        written_at: DateTime<Utc>,
        now: DateTime<Utc>,
        wait: Duration,
    ) -> Result<JournalEntry> {
        self.within(wait, |db| {
            db.commit_draft_at(d, held, session, written_at, now)
        })
    }

    /// Runs `f` with a busy timeout of `wait`, then puts the usual one back.
    fn within<T>(&mut self, wait: Duration, f: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        self.conn.busy_timeout(wait)?;
        let out = f(self);
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        out
    }
}
