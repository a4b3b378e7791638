//! Merges records from elsewhere (another afterglow, jrnl, Daylio, Loop)
//! into the database, in one transaction, adding only what is not there yet.

mod batch;
mod checkins;

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use super::codec::{day_text, int, mood_value, query_opt, secs, whole_seconds};
use super::journal::{self, NewEntry};
use super::sessions::{self, NewSession};
use super::{Db, Result, StoreError, bulk, habits, intentions, therapy, treatment};
use crate::domain::journal::session_for_entry;
use crate::domain::{EarlierReflection, Habit, JournalEntry, SessionId};

pub use crate::domain::batch::{Batch, ImportCounts, Kinds};

impl Db {
    /// Adds what `batch` holds and the database does not, all in one
    /// transaction; with `dry_run` the transaction is rolled back, so the
    /// counts are exactly what a real run would add.
    ///
    /// A record counts as already there when the database holds one with
    /// the same instant (sessions), instant and text (intentions, journal
    /// entries, therapy visits), instant and values (check-ins), key,
    /// instant and answers (questionnaire results), name (habits, by
    /// `habit::name_key`) or habit and day (ticks); so a file brought in twice adds nothing the
    /// second time. Entries from another tool's local times (see
    /// [`Batch::local_times`]) are recognised whatever zone they were
    /// first brought in under: see `here_in_any_zone`.
    /// Words such a record lacks are not dropped: a session's note and an
    /// intention's reflection are added after the words it holds, and an
    /// unsaved draft unlike the one here becomes a journal entry.
    /// Ids from the batch are kept where they are free.
    pub fn import(&mut self, batch: &Batch, dry_run: bool) -> Result<ImportCounts> {
        let path = self.path.clone();
        let tx = self.write()?;
        if batch.only_into_empty && bulk::holds_history(&tx)? {
            return Err(bulk::not_empty(path.as_deref()));
        }
        let mut counts = ImportCounts::default();
        if batch.complete && !batch.habits.is_empty() && !bulk::holds_history(&tx)? {
            // Only the first-run defaults are here (any tick or habit of the
            // person's own would be history): the export's own habits, with
            // their ids, dates and order, take their place.
            tx.execute("DELETE FROM habits", [])?;
        }

        let mut session_ids: HashMap<i64, i64> = HashMap::new();
        for s in &batch.sessions {
            let at = whole_seconds(s.at)?;
            let id = match query_opt(
                &tx,
                "SELECT id FROM sessions WHERE at = ?1",
                params![secs(at)],
                row_id,
            )? {
                Some(id) => {
                    match add_words(&tx, "sessions", "note", id, s.note.as_deref())? {
                        Words::Here => counts.already_there.sessions += 1,
                        Words::Filled | Words::Added => counts.completed.sessions += 1,
                    }
                    id
                }
                None => {
                    let new = NewSession {
                        at,
                        kind: s.kind,
                        dose_mg: s.dose_mg,
                        note: s.note.clone(),
                        status: s.status,
                    };
                    counts.added.sessions += 1;
                    let id = sessions::insert(&tx, &new)?;
                    keep_id(&tx, "sessions", id, s.id.0)?
                }
            };
            session_ids.insert(s.id.0, id);
        }
        let session = |id: Option<SessionId>| id.and_then(|s| session_ids.get(&s.0).copied());

        for i in &batch.intentions {
            let set_at = whole_seconds(i.set_at)?;
            let found = query_opt(
                &tx,
                "SELECT id FROM intentions WHERE set_at = ?1 AND text = ?2",
                params![secs(set_at), i.text],
                row_id,
            )?;
            if let Some(id) = found {
                // Earlier reflections it brings that are not here yet join
                // the history; they never count as a change of their own.
                for earlier in &i.earlier_reflections {
                    let here = query_opt(
                        &tx,
                        "SELECT id FROM earlier_reflections WHERE intention_id = ?1 AND text = ?2",
                        params![id, earlier.text],
                        row_id,
                    )?;
                    if here.is_none() {
                        intentions::keep_earlier(&tx, id, &whole_earlier(earlier)?)?;
                    }
                }
                match add_words(&tx, "intentions", "reflection", id, i.reflection.as_deref())? {
                    Words::Here => counts.already_there.intentions += 1,
                    Words::Filled => {
                        let at = i.reflected_at.map_or(Ok(set_at), whole_seconds)?;
                        tx.prepare_cached("UPDATE intentions SET reflected_at = ?1 WHERE id = ?2")?
                            .execute(params![secs(at), id])?;
                        counts.completed.intentions += 1;
                    }
                    Words::Added => counts.completed.intentions += 1,
                }
                continue;
            }
            let reflection = match (&i.reflection, i.reflected_at) {
                (Some(text), Some(at)) => Some((text.as_str(), whole_seconds(at)?)),
                (Some(text), None) => Some((text.as_str(), set_at)),
                _ => None,
            };
            let replaced_at = i.replaced_at.map(whole_seconds).transpose()?;
            let target = session(i.session);
            let id = intentions::insert(&tx, target, &i.text, set_at, reflection, replaced_at)?;
            let id = keep_id(&tx, "intentions", id, i.id.0)?;
            for earlier in &i.earlier_reflections {
                intentions::keep_earlier(&tx, id, &whole_earlier(earlier)?)?;
            }
            counts.added.intentions += 1;
            // A session holds one intention, also when an import brings a
            // second: the older becomes history.
            intentions::settle(&tx, target)?;
        }

        for c in &batch.treatment {
            if treatment::insert(&tx, c)? {
                counts.added.treatment += 1;
            } else {
                counts.already_there.treatment += 1;
            }
        }

        let linkable = match batch.link_window {
            Some(_) if batch.journal.iter().any(|e| e.session.is_none()) => sessions::all(&tx)?,
            _ => Vec::new(),
        };
        let here = if batch.local_times {
            here_in_any_zone(&tx, &batch.journal)?
        } else {
            vec![false; batch.journal.len()]
        };
        for (e, here) in batch.journal.iter().zip(here) {
            let written_at = whole_seconds(e.written_at)?;
            // Also finds an entry this import added already: a record the
            // file holds twice comes in once.
            let found = here || same_entry(&tx, written_at, &e.body)?.is_some();
            if found {
                counts.already_there.journal += 1;
                continue;
            }
            let linked = match (e.session, &batch.link_window) {
                (None, Some(window)) => session_for_entry(&linkable, written_at, window),
                (s, _) => session(s).map(SessionId),
            };
            let new = NewEntry {
                written_at,
                body: e.body.clone(),
                mood: e.mood,
                session: linked,
            };
            let entry = journal::insert(&tx, &new)?;
            let id = keep_id(&tx, "journal", entry.id.0, e.id.0)?;
            let updated_at = whole_seconds(e.updated_at)?;
            if updated_at != written_at {
                tx.prepare_cached("UPDATE journal SET updated_at = ?1 WHERE id = ?2")?
                    .execute(params![secs(updated_at), id])?;
            }
            counts.added.journal += 1;
        }

        for v in &batch.therapy {
            let at = whole_seconds(v.at)?;
            let found = query_opt(
                &tx,
                "SELECT id FROM therapy WHERE at = ?1 AND note IS ?2",
                params![secs(at), v.note],
                row_id,
            )?;
            if found.is_some() {
                counts.already_there.therapy += 1;
                continue;
            }
            let visit = therapy::insert(&tx, at, v.note.as_deref())?;
            keep_id(&tx, "therapy", visit.id.0, v.id.0)?;
            counts.added.therapy += 1;
        }
        checkins::checkins(&tx, batch, &mut counts)?;
        checkins::results(&tx, batch, &mut counts)?;

        let mut habit_of: HashMap<i64, Habit> = HashMap::new();
        // Looked up by name once for all: a Loop export may hold thousands.
        let mut names = habits::ByName::load(&tx)?;
        for h in &batch.habits {
            let habit = match names.find(&h.name) {
                Some(found) => {
                    counts.already_there.habits += 1;
                    found.clone()
                }
                None => {
                    let mut made = names.add(&tx, h)?;
                    made.id.0 = keep_id(&tx, "habits", made.id.0, h.id.0)?;
                    names.remember(made.clone());
                    counts.added.habits += 1;
                    made
                }
            };
            habit_of.insert(h.id.0, habit);
        }
        {
            let mut exists = tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM ticks WHERE habit_id = ?1 AND day = ?2)",
            )?;
            let mut insert =
                tx.prepare_cached("INSERT INTO ticks (habit_id, day, amount) VALUES (?1, ?2, ?3)")?;
            for t in &batch.ticks {
                let habit = habit_of.get(&t.habit.0).ok_or(StoreError::NotFound {
                    what: "habit",
                    id: t.habit.0,
                })?;
                let day = day_text(t.day)?;
                if exists.query_row(params![habit.id.0, day], |r| r.get::<_, bool>(0))? {
                    counts.already_there.ticks += 1;
                    continue;
                }
                // The same bounds as a tick typed by hand.
                let amount = t.amount.map(|a| habit.check_amount(a)).transpose()?;
                insert.execute(params![habit.id.0, day, amount])?;
                counts.added.ticks += 1;
            }
        }

        // Into a file with no draft, the export's drafts come back as
        // drafts; a file's own drafts are never joined by others.
        let held: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM drafts)", [], |r| r.get(0))?;
        for d in &batch.drafts {
            let same: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM drafts WHERE body = ?1)",
                [&d.body],
                |r| r.get(0),
            )?;
            if same {
                counts.already_there.draft += 1;
            } else if held {
                // The draft here may be open in an editor: it stays. The
                // other one's words are kept as an entry, at most once.
                let saved_at = whole_seconds(d.saved_at)?;
                let kept = query_opt(
                    &tx,
                    "SELECT id FROM journal WHERE written_at = ?1 AND body = ?2",
                    params![secs(saved_at), d.body],
                    row_id,
                )?;
                if d.body.trim().is_empty() || kept.is_some() {
                    counts.already_there.draft += 1;
                } else {
                    journal::insert(
                        &tx,
                        &NewEntry {
                            written_at: saved_at,
                            body: d.body.clone(),
                            mood: d.mood,
                            session: None,
                        },
                    )?;
                    counts.completed.draft += 1;
                }
            } else {
                tx.execute(
                    "INSERT INTO drafts (editing, body, mood, cursor, saved_at)
                     VALUES (NULL, ?1, ?2, ?3, ?4)",
                    params![
                        d.body,
                        mood_value(d.mood),
                        int(d.body.len()),
                        secs(whole_seconds(d.saved_at)?)
                    ],
                )?;
                counts.added.draft += 1;
            }
        }

        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(counts)
    }
}

/// The id in the first column of a row.
fn row_id(r: &Row<'_>) -> Result<i64> {
    Ok(r.get(0)?)
}

/// A journal entry here written at `at` with exactly these words.
fn same_entry(conn: &Connection, at: DateTime<Utc>, body: &str) -> Result<Option<i64>> {
    query_opt(
        conn,
        "SELECT id FROM journal WHERE written_at = ?1 AND body = ?2",
        params![secs(at), body],
        row_id,
    )
}

/// The widest gap between two zones' clocks: from UTC-12 to UTC+14.
const ZONE_SPAN_SECS: i64 = 26 * 3600;
/// Every zone's offset is a whole number of quarter hours.
const QUARTER_SECS: i64 = 15 * 60;

/// Which of `entries` (another tool's local times, see
/// [`Batch::local_times`]) are here already, whatever zone they were
/// brought in under before.
///
/// An entry is here when the journal holds one with the same words at the
/// same instant; or, failing that, at an instant a whole number of quarter
/// hours away, at most 26 hours: where the same local time lands in
/// another zone. Each entry here stands for one entry of the file only,
/// and one the file matches at its own instant is taken first. When words
/// repeat within a day (a Daylio row with no note, the same mood and
/// activities), the gap most entries of the file share wins: moving
/// between two zones shifts every entry alike, so that gap is the move.
/// Entries this import adds are never taken for others of the file.
fn here_in_any_zone(conn: &Connection, entries: &[JournalEntry]) -> Result<Vec<bool>> {
    let mut here = vec![false; entries.len()];
    let mut taken: HashSet<i64> = HashSet::new();
    // The first entry with each instant and text; a later one like it is
    // the same record, and shares its answer.
    let mut first: HashMap<(i64, &str), usize> = HashMap::new();
    let mut open: Vec<(usize, i64)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let at = whole_seconds(e.written_at)?;
        if *first.entry((secs(at), e.body.as_str())).or_insert(i) != i {
            continue;
        }
        match same_entry(conn, at, &e.body)? {
            Some(id) => {
                here[i] = true;
                taken.insert(id);
            }
            None => open.push((i, secs(at))),
        }
    }

    // (gap, entry, row) for every row an open entry may be.
    let mut pairs: Vec<(i64, usize, i64)> = Vec::new();
    {
        let mut near = conn.prepare_cached(
            "SELECT id, written_at FROM journal
             WHERE written_at BETWEEN ?1 AND ?2 AND body = ?3",
        )?;
        for &(i, at) in &open {
            let rows = near.query_map(
                params![at - ZONE_SPAN_SECS, at + ZONE_SPAN_SECS, entries[i].body],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )?;
            for row in rows {
                let (id, written_at) = row?;
                let gap = written_at - at;
                if gap % QUARTER_SECS == 0 && !taken.contains(&id) {
                    pairs.push((gap, i, id));
                }
            }
        }
    }
    let mut votes: HashMap<i64, HashSet<usize>> = HashMap::new();
    for &(gap, i, _) in &pairs {
        votes.entry(gap).or_default().insert(i);
    }
    pairs.sort_by_key(|&(gap, i, id)| {
        let voters = votes.get(&gap).map_or(0, HashSet::len);
        (Reverse(voters), gap.abs(), gap, i, id)
    });
    for (_, i, id) in pairs {
        if !here[i] && !taken.contains(&id) {
            here[i] = true;
            taken.insert(id);
        }
    }

    for (i, e) in entries.iter().enumerate() {
        let at = secs(whole_seconds(e.written_at)?);
        if let Some(&f) = first.get(&(at, e.body.as_str())) {
            here[i] = here[f];
        }
    }
    Ok(here)
}

/// What [`add_words`] found.
enum Words {
    /// Every word of the import's text is in the row already (or it has none).
    Here,
    /// The row had no text there; now it has the import's.
    Filled,
    /// The import's text was added after the row's own, which is unchanged.
    Added,
}

/// Keeps the words of `text`, from a record found already here, in the
/// text column `column` of the row `id`: they fill it when it is empty and
/// follow its own words, after a blank line, when those differ. Words
/// already there as a whole paragraph are not added again, so a file
/// brought in twice adds nothing the second time.
fn add_words(
    conn: &Connection,
    table: &str,
    column: &str,
    id: i64,
    text: Option<&str>,
) -> Result<Words> {
    let Some(words) = text.map(str::trim).filter(|w| !w.is_empty()) else {
        return Ok(Words::Here);
    };
    // Fixed table and column names from this file, never input.
    let held: Option<String> = conn
        .prepare_cached(&format!("SELECT {column} FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))?;
    let held = held.unwrap_or_default();
    let mine = held.trim();
    let (joined, outcome) = if mine.is_empty() {
        (words.to_string(), Words::Filled)
    } else if mine == words
        || mine.starts_with(&format!("{words}\n\n"))
        || mine.ends_with(&format!("\n\n{words}"))
        || mine.contains(&format!("\n\n{words}\n\n"))
    {
        return Ok(Words::Here);
    } else {
        (format!("{}\n\n{words}", held.trim_end()), Words::Added)
    };
    conn.prepare_cached(&format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"))?
        .execute(params![joined, id])?;
    Ok(outcome)
}

/// Gives a row just inserted the id it had in the source, when that id is
/// free here, so that a whole export comes back with the same ids. Called
/// before anything refers to the new row.
fn keep_id(conn: &Connection, table: &str, new: i64, wanted: i64) -> Result<i64> {
    if new == wanted || wanted <= 0 {
        return Ok(new);
    }
    // Fixed table names from this file, never input.
    let taken = query_opt(
        conn,
        &format!("SELECT id FROM {table} WHERE id = ?1"),
        [wanted],
        row_id,
    )?;
    if taken.is_some() {
        return Ok(new);
    }
    conn.prepare_cached(&format!("UPDATE {table} SET id = ?1 WHERE id = ?2"))?
        .execute([wanted, new])?;
    Ok(wanted)
}

/// An earlier reflection as it is stored: instants to the second.
fn whole_earlier(e: &EarlierReflection) -> Result<EarlierReflection> {
    Ok(EarlierReflection {
        text: e.text.clone(),
        reflected_at: e.reflected_at.map(whole_seconds).transpose()?,
        replaced_at: whole_seconds(e.replaced_at)?,
    })
}
