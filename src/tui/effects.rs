//! The dashboard's effects carried out: the only place the dashboard
//! reaches the database, through the use cases.
//!
//! A failed write becomes `Action::Failed`, shown in the status line, and
//! the app goes on. A write of the journal editor's draft that finds
//! another program holding the write lock becomes `Action::DraftWaits`
//! instead: it waited only [`DRAFT_WAIT`], and the app tries it again
//! later.
//!
//! One effect needs the terminal rather than the store:
//! [`Effect::ExternalEdit`]. The terminal loop carries it out; `run`, which
//! has no terminal to lend, answers that the draft stays as it was.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::app::action::{Action, EditorOutcome};
use crate::app::data::{self, Data, EntryWindow};
use crate::app::effect::{Effect, EntryPage, Sought};
use crate::domain::value::{HabitName, Past, Text};
use crate::domain::{Removed, SessionStatus, TreatmentStatus, time};
use crate::store::{Db, FIRST_DAY, HabitRestore, LAST_DAY, StoreError};
use crate::usecase::habit::Ticked;
use crate::usecase::{self, Error};

/// Carries out one effect. Writes answer with `Saved` (and the caller then
/// reloads); reads answer with `Loaded`.
pub fn run(effect: Effect, db: &mut Db, now: DateTime<Utc>) -> Action {
    let draft_write = matches!(
        effect,
        Effect::SaveDraft { .. } | Effect::CommitDraft { .. } | Effect::DropDraft(_)
    );
    match apply(effect, db, now) {
        Ok(action) => action,
        Err(e) if draft_write && e.lock_was_held() => Action::DraftWaits,
        // The dashboard shows no ids, and its dialogs are narrow: the
        // command line's sentence names the id, this one the way on.
        Err(Error::SameMinute(_)) => {
            Action::Failed("A session is already at that minute; choose another.".into())
        }
        Err(e) => Action::Failed(e.to_string()),
    }
}

/// How long a write of the editor's draft waits for another program's
/// write lock before it gives up, so that the app can go on and try again
/// later: long enough to ride out a command's write of a few
/// milliseconds, short enough that no keystroke is felt to wait. Every
/// other write waits out the store's busy timeout, as before.
pub const DRAFT_WAIT: Duration = Duration::from_millis(25);

/// Reads what the dashboard shows. With `since`, the records that pile up
/// over the years (journal times, habit ticks) are read from then on only,
/// so that opening ten years of history costs about what one year does;
/// sessions, intentions and therapy visits are few and always read whole.
pub fn load(db: &Db, since: Option<DateTime<Utc>>) -> Result<Data, StoreError> {
    let sessions = db.sessions()?;
    let first = sessions.first().map_or(DateTime::<Utc>::MAX_UTC, |s| s.at);
    let entries_from = since.map_or(first, |t| t.max(first));
    // Tick days are local, and a plan also looks at the day before its
    // session: two days before the UTC date cover every offset, and the
    // view cuts at the exact local day.
    let ticks_from = since.map_or(FIRST_DAY, |t| {
        let day = t.date_naive();
        time::prev_day(day)
            .and_then(time::prev_day)
            .unwrap_or(FIRST_DAY)
    });
    let (active, archived_habits) = db.habits(true)?.into_iter().partition(|h| !h.archived);
    let heads = db
        .entry_heads(since)?
        .into_iter()
        .map(|((written_at, id), mood, title)| data::EntryHead {
            id,
            written_at,
            mood,
            title,
        })
        .collect();
    Ok(Data {
        entry_times: db.entry_times_since(entries_from)?,
        sessions,
        intentions: db.intentions()?,
        // The journal pane starts on its newest page; older pages are read
        // as it moves.
        entries: db.entries(data::PAGE)?,
        entry_offset: 0,
        entry_count: db.entry_count()?,
        heads,
        opened: None,
        found_keys: Vec::new(),
        found: Vec::new(),
        found_offset: 0,
        habits: active,
        archived_habits,
        // The store's widest days (`store::FIRST_DAY`, `LAST_DAY`).
        ticks: db.ticks_between(ticks_from.max(FIRST_DAY), LAST_DAY)?,
        therapy: db.therapy_visits()?,
        treatment: db.treatment()?,
        drafts: db.drafts()?,
        version: db.data_version()?,
        since,
    })
}

/// Reads a page of the journal for the journal pane's window, with its
/// place in the whole journal.
pub fn entries(db: &Db, page: EntryPage, len: usize) -> Result<EntryWindow, StoreError> {
    let total = db.entry_count()?;
    let mut entries = match page {
        EntryPage::Newest => db.entries(len)?,
        EntryPage::Oldest => db.entries_oldest(len)?,
        EntryPage::Older(key) => db.entries_older(key, len)?,
        EntryPage::Newer(key) => db.entries_newer(key, len)?,
        EntryPage::From(key) => db.entries_from(key, len)?,
        EntryPage::Before(at) => db.entries_at_or_before(at, len)?,
    };
    // The window's first entry and all after it were deleted meanwhile:
    // the oldest page is where it was.
    if entries.is_empty() && matches!(page, EntryPage::From(_)) {
        entries = db.entries_oldest(len)?;
    }
    let offset = match entries.first() {
        Some(e) => db.entries_newer_than((e.written_at, e.id))?,
        None => total,
    };
    Ok(EntryWindow {
        page,
        entries,
        offset,
        total,
    })
}

fn saved(msg: &str) -> Result<Action, Error> {
    Ok(Action::Saved(msg.to_string()))
}

/// A delete went through: the app words it and keeps what it took away,
/// for the undo.
fn removed(r: Removed) -> Result<Action, Error> {
    Ok(Action::Removed(Box::new(r)))
}

fn apply(effect: Effect, db: &mut Db, now: DateTime<Utc>) -> Result<Action, Error> {
    let note = |n: Option<String>| Text::optional("the note", n.as_deref());
    match effect {
        Effect::Reload { since } => Ok(Action::Loaded(Box::new(load(db, since)?))),
        Effect::Entries { page, len } => Ok(Action::Entries(Box::new(entries(db, page, len)?))),
        Effect::Find(sought) => {
            let keys = match &sought {
                Sought::Words(query) => db.search_keys(query)?,
                Sought::Tag(tag) => db.tagged_keys(tag)?,
                Sought::Within { words, tag } => db.search_keys_within(words, Some(tag))?,
            };
            Ok(Action::FoundKeys(sought, keys))
        }
        Effect::ReadFound { sought, ids } => Ok(Action::Found(sought, db.entries_with_ids(&ids)?)),
        Effect::ReadEntry(id) => Ok(Action::EntryRead(Box::new(db.entry(id)?))),
        Effect::JournalTags => Ok(Action::Tags(db.journal_tags()?)),
        Effect::Poll {
            known_version,
            since,
        } => {
            if db.data_version()? == known_version {
                Ok(Action::DraftStored)
            } else {
                Ok(Action::Loaded(Box::new(load(db, since)?)))
            }
        }
        Effect::LogSession(new) => {
            let planned = new.status == SessionStatus::Planned;
            usecase::session::add(db, new, now)?;
            saved(if planned {
                "Session planned."
            } else {
                "Session logged. Go gently."
            })
        }
        Effect::UpdateSession(s) => {
            usecase::session::edit(db, s, now)?;
            saved("Session updated.")
        }
        Effect::ConfirmPlanned(s) => {
            usecase::session::confirm(db, s, now)?;
            saved("Session logged; it was on your calendar. Go gently.")
        }
        Effect::DeleteSession(id) => removed(usecase::session::delete(db, id)?),
        Effect::DropPlan(id) => removed(usecase::session::drop_plan(db, id)?),
        Effect::AddTherapy { at, note: n } => {
            usecase::therapy::log(db, Past::new(at, now)?, note(n)?)?;
            saved("Therapy visit logged.")
        }
        Effect::UpdateTherapy { id, at, note: n } => {
            usecase::therapy::edit(db, id, Past::new(at, now)?, note(n)?)?;
            saved("Therapy visit saved.")
        }
        Effect::DeleteTherapy(id) => removed(usecase::therapy::delete(db, id)?),
        Effect::SaveDraft { held, draft } => Ok(Action::DraftKept(usecase::journal::keep_draft(
            db, held, &draft, DRAFT_WAIT,
        )?)),
        Effect::CommitDraft {
            held,
            draft,
            session,
            written_at,
        } => {
            usecase::journal::commit_draft(db, &draft, held, session, written_at, now, DRAFT_WAIT)?;
            Ok(Action::EntrySaved)
        }
        Effect::DropDraft(held) => Ok(Action::DraftDropped(usecase::journal::drop_draft(
            db, held, DRAFT_WAIT,
        )?)),
        Effect::DeleteEntry(id) => removed(usecase::journal::delete(db, id)?),
        Effect::SetTick { habit, day, amount } => {
            match usecase::habit::tick(db, habit, day, amount)? {
                Ticked::Done(tick) => Ok(Action::TickSaved {
                    habit,
                    day,
                    tick: Some(tick),
                    message: "Ticked.".into(),
                }),
                Ticked::Archived(h) => Ok(Action::Failed(format!(
                    "{} is archived, so nothing was ticked",
                    h.name
                ))),
            }
        }
        Effect::RemoveTick { habit, day } => {
            usecase::habit::untick(db, habit, day)?;
            Ok(Action::TickSaved {
                habit,
                day,
                tick: None,
                message: "Tick removed.".into(),
            })
        }
        Effect::AddHabit {
            name,
            kind,
            schedule,
            since,
        } => {
            usecase::habit::add(db, &HabitName::new(&name)?, &kind, schedule, since)?;
            saved("Habit added.")
        }
        Effect::EditHabit {
            habit,
            name,
            schedule,
        } => {
            usecase::habit::edit(db, habit, &HabitName::new(&name)?, schedule)?;
            saved("Habit changed.")
        }
        Effect::ArchiveHabit(habit) => removed(usecase::habit::archive(db, habit)?),
        Effect::RestoreHabit(habit) => match usecase::habit::restore(db, habit)? {
            HabitRestore::Restored | HabitRestore::WasActive => {
                saved("Habit restored, with all its ticks.")
            }
            HabitRestore::NameTaken(other) => Ok(Action::Failed(format!(
                "not restored: \"{}\" on your list has the same name; nothing was changed",
                other.name
            ))),
        },
        Effect::SetIntention { session, text } => {
            usecase::intention::set(db, session, Text::new("an intention", &text)?, now)?;
            saved("Intention set.")
        }
        Effect::UpdateIntention { id, text } => {
            usecase::intention::replace(db, id, Text::new("an intention", &text)?)?;
            saved("Intention updated.")
        }
        Effect::SetReflection { id, text } => {
            usecase::intention::reflect(db, id, Text::new("a reflection", &text)?, now)?;
            saved("Reflection saved.")
        }
        Effect::DeleteIntention(id) => removed(usecase::intention::delete(db, id)?),
        Effect::PutBack(r) => {
            usecase::undo::put_back(db, &r)?;
            Ok(Action::PutBackDone(format!("{} put back.", r.noun())))
        }
        Effect::SetTreatment { status, note: n } => {
            usecase::treatment::set(db, status, note(n)?, now)?;
            saved(match status {
                TreatmentStatus::Active => "Noted: in treatment. Session windows show again.",
                TreatmentStatus::Pausing => {
                    "Noted: pausing. The practices, journal and habits carry on."
                }
                TreatmentStatus::Finished => {
                    "Noted: finished. The practices, journal and habits carry on."
                }
            })
        }
        Effect::Analyse(a) => {
            let rules = usecase::insights::Rules {
                window: &a.window,
                plan: &a.plan,
                course: &a.course,
                insight: a.insight,
            };
            // A failure is the pane's to say (it stops saying it is
            // reading), not the status line's.
            let insights = usecase::insights::analyse(db, now, &a.zone, rules, &a.questionnaires)
                .map(std::sync::Arc::new)
                .map_err(|e| e.to_string());
            Ok(Action::Analysed {
                generation: a.generation,
                insights,
            })
        }
        Effect::CheckIn(rating) => checkin(db, *rating, now),
        Effect::RecordAnswers {
            questionnaire,
            choices,
            at,
        } => {
            use crate::domain::questionnaire::{Answers, after_total};
            let answers = match Answers::from_choices(&questionnaire, &choices) {
                Ok(answers) => answers,
                Err(e) => return Ok(Action::Failed(e.to_string())),
            };
            let recorded = usecase::questionnaire::record(db, &answers, Past::new(at, now)?)?;
            let total = recorded.answered.total;
            Ok(Action::AnswersRecorded {
                total,
                // The total's own help: the safety items' was shown as
                // each was answered.
                help: after_total(&questionnaire, total, recorded.previous_total),
                band: recorded.band,
            })
        }
        Effect::ExternalEdit { .. } => Ok(Action::EditorClosed(EditorOutcome::Kept {
            why: "there is no terminal here to lend to an editor".into(),
            file: None,
        })),
    }
}

/// Saves the dashboard's check-in through the same use case as
/// `afterglow checkin`.
fn checkin(
    db: &mut Db,
    r: crate::app::checkin::Rating,
    now: DateTime<Utc>,
) -> Result<Action, Error> {
    use crate::app::checkin::SameDay as Asked;
    use crate::usecase::checkin::{self, Logged, Rating, SameDay};
    let same_day = match r.same_day {
        Asked::Ask => SameDay::Ask,
        Asked::Replace => SameDay::Replace,
        Asked::Add => SameDay::Add,
    };
    let rating = Rating {
        at: Past::new(r.at, now)?,
        mood: r.mood,
        anxiety: r.anxiety,
        energy: r.energy,
        note: checkin::note(r.note.as_deref())?,
    };
    let message = |c: &crate::domain::checkin::CheckIn, what: &str| Action::CheckedIn {
        message: what.to_string(),
        mood: c.mood,
    };
    Ok(match checkin::log(db, rating, same_day, &r.zone)? {
        Logged::New(c) => message(&c, "Checked in. Thank you."),
        Logged::Replaced { now: c, .. } => message(&c, "Check-in replaced. Thank you."),
        Logged::SameDay(first) => Action::CheckInSameDay {
            first: Box::new(first),
            rating: Box::new(r),
        },
    })
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Everything the dashboard asks of the database comes here as an
    /// `Effect`; its state and update never name the store, so that they
    /// build and are tested without one.
    #[test]
    fn the_app_never_names_the_store() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src.join("app.rs")];
        rust_files(&src.join("app"), &mut files);
        // Spelled in two halves so that this file passes `.ci/run`'s own
        // search for the SQLite crate outside the store.
        let sqlite = concat!("rusq", "lite");
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                assert!(
                    !code.contains("crate::store") && !code.contains(sqlite),
                    "{}:{}: {line}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
