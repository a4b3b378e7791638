//! The dashboard driven by key sequences, checked on state and on the store.
#![allow(clippy::disallowed_methods)] // known-small test values

mod common;

use afterglow::app::form::Name;
use afterglow::app::{Overlay, PaneId};
use afterglow::domain::habit::Schedule;
use afterglow::domain::{Phase, SessionStatus};
use afterglow::store::Db;
use chrono::TimeDelta;
use common::{Harness, t0};

#[test]
fn focus_moves_with_tab_shift_tab_and_numbers() {
    let mut h = Harness::new();
    assert_eq!(h.app.focus(), PaneId::Timeline);
    h.keys("<Tab>");
    assert_eq!(h.app.focus(), PaneId::Journal);
    h.keys("<Tab><Tab><Tab><Tab>");
    assert_eq!(h.app.focus(), PaneId::Timeline);
    h.keys("<S-Tab>");
    assert_eq!(h.app.focus(), afterglow::app::insights::ID);
    h.keys("<S-Tab>");
    assert_eq!(h.app.focus(), PaneId::Intention);
    h.keys("3");
    assert_eq!(h.app.focus(), PaneId::Habits);
}

#[test]
fn logging_a_session_starts_the_countdown() {
    let mut h = Harness::new();
    assert!(h.app.view().countdown.is_none());
    h.keys("n");
    assert!(h.app.form().is_some());
    h.keys("<Enter>");
    assert!(
        h.app.form().is_none(),
        "{:?}",
        h.app.form().and_then(|f| f.error.clone())
    );
    let sessions = h.db.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].status, SessionStatus::Done);
    assert_eq!(h.app.view().countdown.as_ref().unwrap().phase, Phase::Acute);
    h.advance(3 * 3600);
    assert_eq!(
        h.app.view().countdown.as_ref().unwrap().phase,
        Phase::Opening
    );
}

#[test]
fn a_bad_time_keeps_the_dialog_and_the_text() {
    let mut h = Harness::new();
    h.keys("n<BS><BS><BS>yesterday-ish<Enter>");
    let form = h.app.form().expect("dialog stays open");
    assert!(form.error.as_deref().unwrap().contains("yesterday-ish"));
    assert_eq!(form.get(Name::When), "yesterday-ish");
    assert!(h.db.sessions().unwrap().is_empty());
    h.keys("<Esc>");
    assert!(h.app.form().is_none());
}

#[test]
fn planning_needs_a_future_time() {
    let mut h = Harness::new();
    // No time is suggested: whether and when is the person's to say.
    h.keys("p");
    assert_eq!(h.app.form().unwrap().get(Name::When), "");
    h.keys("now<Enter>");
    let err = h.app.form().and_then(|f| f.error.clone()).unwrap();
    assert!(err.contains("not in the future"), "{err}");
    for _ in 0..3 {
        h.keys("<BS>");
    }
    h.keys("tomorrow 10:00<Enter>");
    assert!(
        h.app.form().is_none(),
        "{:?}",
        h.app.form().and_then(|f| f.error.clone())
    );
    let s = &h.db.sessions().unwrap()[0];
    assert_eq!(s.status, SessionStatus::Planned);
    assert_eq!(s.at.to_rfc3339(), "2026-11-24T10:00:00+00:00");
}

#[test]
fn a_draft_survives_esc_and_a_restart_then_saves_with_a_mood() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    {
        let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
        h.keys("2n");
        assert!(h.app.journal().editor().is_some());
        h.keys("The light felt soft 🌱 今日");
        // Stored on every keystroke, before any Esc or quit.
        assert_eq!(
            h.db.draft().unwrap().unwrap().body,
            "The light felt soft 🌱 今日"
        );
        h.keys("<Esc>");
        assert!(h.app.journal().editor().is_none());
        assert!(h.screen(80, 24).contains("draft"));
        // The process "dies" here: the harness is dropped without saving.
    }
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    assert!(h.app.status().unwrap().text.contains("draft"));
    h.keys("2n");
    assert_eq!(
        h.app.journal().editor().unwrap().editor.text(),
        "The light felt soft 🌱 今日"
    );
    h.keys("<C-s>");
    assert!(h.app.form().is_some(), "save asks for the mood");
    h.keys("7<Enter>");
    let entries = h.db.entries(10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].body, "The light felt soft 🌱 今日");
    assert_eq!(entries[0].mood.unwrap().get(), 7);
    assert!(h.db.draft().unwrap().is_none());
}

#[test]
fn an_entry_written_in_a_window_links_to_its_session() {
    let mut h = Harness::new();
    h.keys("n<Enter>");
    h.advance(2 * 3600);
    h.keys("2nFirst words<C-s><Enter>");
    let entry = &h.db.entries(1).unwrap()[0];
    assert_eq!(entry.session, Some(h.db.sessions().unwrap()[0].id));
    assert!(entry.mood.is_none());
}

#[test]
fn discarding_a_draft_asks_first() {
    let mut h = Harness::new();
    h.keys("2nnot for keeping<C-x>");
    assert!(h.app.confirm().is_some());
    h.keys("n");
    assert!(h.app.journal().editor().is_some());
    h.keys("<C-x>y");
    assert!(h.app.journal().editor().is_none());
    assert!(h.db.draft().unwrap().is_none());
    assert!(h.db.entries(10).unwrap().is_empty());
}

#[test]
fn space_ticks_a_quantity_habit_with_its_amount() {
    let mut h = Harness::new();
    h.keys("3<Space>");
    let form = h.app.form().expect("asks the amount");
    assert_eq!(form.get(Name::Amount), "7");
    h.keys("<BS>8.5<Enter>");
    let ticks =
        h.db.ticks_between(t0().date_naive(), t0().date_naive())
            .unwrap();
    assert_eq!(ticks.len(), 1);
    assert_eq!(ticks[0].amount, Some(8.5));
    // A past day: two to the left is the day before yesterday.
    h.keys("<Left><Left><Space><Enter>");
    let day = t0().date_naive() - TimeDelta::days(2);
    assert_eq!(h.db.ticks_between(day, day).unwrap().len(), 1);
    // The app updated what it holds without reading the store again; a
    // reload finds the same view.
    assert!(h.app.form().is_none());
    let shown = h.app.view().habits.clone();
    let mut ticks = h.app.data().ticks.clone();
    h.reload();
    let mut stored = h.app.data().ticks.clone();
    ticks.sort_by_key(|t| (t.day, t.habit));
    stored.sort_by_key(|t| (t.day, t.habit));
    assert_eq!(ticks, stored);
    assert_eq!(shown, h.app.view().habits);
    // Clearing the amount removes the tick, the same way.
    h.keys("<Space><BS><BS><BS><Enter>");
    assert!(h.db.ticks_between(day, day).unwrap().is_empty());
    assert!(!h.app.data().ticks.iter().any(|t| t.day == day));
}

#[test]
fn habits_can_be_added_renamed_and_archived() {
    let mut h = Harness::new();
    h.keys("3nYoga<Tab>20 min<Enter>");
    assert!(h.db.habit_by_name("yoga").unwrap().is_some());
    h.keys("G");
    h.keys("e<BS><BS><BS><BS>Stretch<Enter>");
    assert!(h.db.habit_by_name("Stretch").unwrap().is_some());
    h.keys("dy");
    assert!(
        h.db.habits(false)
            .unwrap()
            .iter()
            .all(|x| x.name != "Stretch")
    );
    assert!(h.db.habit_by_name("Stretch").unwrap().unwrap().archived);
}

#[test]
fn an_intention_waits_for_the_next_session_then_takes_a_reflection() {
    let mut h = Harness::new();
    h.keys("4nI am open to whatever comes<Enter>");
    let i = &h.db.intentions().unwrap()[0];
    assert_eq!(i.session, None);
    h.keys("1n<Enter>");
    let s = &h.db.sessions().unwrap()[0];
    assert_eq!(h.db.intentions().unwrap()[0].session, Some(s.id));
    h.advance(3600);
    h.keys("4r");
    assert!(h.app.form().is_some());
    h.keys("Softer than I feared<Enter>");
    assert_eq!(
        h.db.intentions().unwrap()[0].reflection.as_deref(),
        Some("Softer than I feared")
    );
}

#[test]
fn deleting_asks_and_no_keeps_it() {
    let mut h = Harness::new();
    h.keys("2nkeep me<C-s><Enter>");
    assert_eq!(h.db.entries(10).unwrap().len(), 1);
    h.keys("d");
    assert!(h.app.confirm().is_some());
    h.keys("n");
    assert_eq!(h.db.entries(10).unwrap().len(), 1);
    h.keys("dy");
    assert!(h.db.entries(10).unwrap().is_empty());
}

#[test]
fn help_opens_and_closes() {
    let mut h = Harness::new();
    h.keys("?");
    assert!(matches!(h.app.overlay(), Some(Overlay::Help { .. })));
    let screen = h.screen(80, 24);
    assert!(screen.contains("not medical advice"), "{screen}");
    assert!(screen.contains("Everywhere"));
    h.keys("<Esc>");
    assert!(h.app.overlay().is_none());
}

#[test]
fn quit_from_anywhere_keeps_the_draft() {
    let mut h = Harness::new();
    h.keys("2nhalf a thought<C-c>");
    assert!(h.app.should_quit());
    assert_eq!(h.db.draft().unwrap().unwrap().body, "half a thought");
}

#[test]
fn store_errors_show_and_the_app_keeps_running() {
    let mut h = Harness::new();
    h.keys("3nSleep<Enter>");
    let status = h.app.status().expect("the clash is shown");
    assert!(status.error, "{status:?}");
    h.keys("j");
    assert!(!h.app.should_quit());
}

#[test]
fn a_click_focuses_the_pane_under_it() {
    use afterglow::app::Action;
    let mut h = Harness::new();
    // Once there is a session the header is compact: at 80x24 the habits
    // pane is bottom left, the journal top right.
    h.keys("n<Enter>");
    h.act(Action::Click { column: 5, row: 20 });
    assert_eq!(h.app.focus(), PaneId::Habits);
    h.act(Action::Click { column: 60, row: 7 });
    assert_eq!(h.app.focus(), PaneId::Journal);
    h.act(Action::Click {
        column: 60,
        row: 15,
    });
    assert_eq!(h.app.focus(), PaneId::Intention);
    h.act(Action::Click {
        column: 60,
        row: 20,
    });
    assert_eq!(h.app.focus(), afterglow::app::insights::ID);
}

#[test]
fn the_welcome_holds_the_crisis_lines_and_clicks_follow_the_panes_down() {
    use afterglow::app::Action;
    let mut h = Harness::new();
    let areas = h.app.areas();
    // Before the first session the header grows to hold the crisis lines.
    assert!(areas.header.height > 5, "{areas:?}");
    let journal = areas.pane(PaneId::Journal).unwrap();
    h.act(Action::Click {
        column: journal.x + 1,
        row: journal.y + 1,
    });
    assert_eq!(h.app.focus(), PaneId::Journal);
    // A click in the taller header focuses nothing.
    h.act(Action::Click { column: 60, row: 3 });
    assert_eq!(h.app.focus(), PaneId::Journal);
}

#[test]
fn pasted_text_lands_in_the_editor_as_one_edit() {
    use afterglow::app::Action;
    let mut h = Harness::new();
    h.keys("2n");
    h.act(Action::Paste("line one\r\nline two 🌱".into()));
    assert_eq!(h.db.draft().unwrap().unwrap().body, "line one\nline two 🌱");
}

#[test]
fn r_reflects_on_the_last_sessions_intention_first() {
    let mut h = Harness::new();
    h.keys("4nStay curious<Enter>1n<Enter>");
    h.advance(3 * 3600);
    // A new intention for the next session is now the newest in the list...
    h.keys("4nRest more<Enter>");
    assert!(h.app.view().reflect_on.is_some());
    // ...but r still asks about the session that just happened.
    h.keys("rIt was gentle<Enter>");
    let list = h.db.intentions().unwrap();
    let stay = list.iter().find(|i| i.text == "Stay curious").unwrap();
    assert_eq!(stay.reflection.as_deref(), Some("It was gentle"));
    assert!(h.app.view().reflect_on.is_none());
}

#[test]
fn logging_on_a_planned_day_confirms_the_plan_and_keeps_its_intention() {
    let mut h = Harness::new();
    h.keys("ptomorrow 10:00<Enter>4nBe open<Enter>");
    let planned = h.db.sessions().unwrap()[0].clone();
    assert_eq!(h.db.intentions().unwrap()[0].session, Some(planned.id));
    // The next morning, the session happens a little early.
    h.advance(19 * 3600);
    h.keys("1n<Enter>");
    let sessions = h.db.sessions().unwrap();
    assert_eq!(sessions.len(), 1, "no second session");
    assert_eq!(sessions[0].id, planned.id);
    assert_eq!(sessions[0].status, SessionStatus::Done);
    assert_eq!(h.db.intentions().unwrap()[0].session, Some(planned.id));
    assert!(h.app.status().unwrap().text.contains("on your calendar"));
}

#[test]
fn a_refused_dialog_keeps_what_was_typed() {
    let mut h = Harness::new();
    h.keys("3e<BS><BS><BS><BS><BS>exercise<Enter>");
    let form = h.app.form().expect("the dialog stays open");
    assert_eq!(form.get(Name::HabitName), "exercise");
    assert!(
        form.error.as_deref().unwrap().contains("Not saved"),
        "{form:?}"
    );
    h.keys("<BS><BS><BS><BS><BS><BS><BS><BS>Walking<Enter>");
    assert!(h.app.form().is_none());
    assert!(h.db.habit_by_name("Walking").unwrap().is_some());
}

#[test]
fn a_failed_save_keeps_the_editor_and_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    h.keys("2nFirst version<C-s><Enter>");
    h.keys("e and a careful addition");
    // Another afterglow deletes the entry while it is being edited.
    let mut other = Db::open(&path).unwrap();
    let id = other.entries(1).unwrap()[0].id;
    other.delete_entry(id).unwrap();
    h.keys("<C-s><Enter>");
    let form = h
        .app
        .form()
        .expect("the mood question stays, with the reason");
    assert!(
        form.error.as_deref().unwrap().contains("kept as a draft"),
        "{form:?}"
    );
    assert_eq!(
        h.app.journal().editor().unwrap().editor.text(),
        "First version and a careful addition"
    );
    assert_eq!(
        h.db.draft().unwrap().unwrap().body,
        "First version and a careful addition"
    );
    // Back to writing, then away: the words stay as a draft for `n`.
    h.keys("<Esc><Esc>");
    h.keys("n");
    assert_eq!(
        h.app.journal().editor().unwrap().editor.text(),
        "First version and a careful addition"
    );
}

#[test]
fn editing_again_continues_a_kept_edit() {
    let mut h = Harness::new();
    h.keys("2nOriginal<C-s><Enter>");
    h.keys("e PLUS MY EDIT<Esc>");
    assert_eq!(h.db.draft().unwrap().unwrap().body, "Original PLUS MY EDIT");
    h.keys("e");
    assert_eq!(
        h.app.journal().editor().unwrap().editor.text(),
        "Original PLUS MY EDIT"
    );
    assert_eq!(h.db.draft().unwrap().unwrap().body, "Original PLUS MY EDIT");
}

#[test]
fn looking_at_an_entry_without_changing_it_leaves_no_draft() {
    let mut h = Harness::new();
    h.keys("2nJust this<C-s><Enter>");
    h.keys("e<Esc>");
    assert!(h.db.draft().unwrap().is_none());
    h.keys("n");
    let ed = h.app.journal().editor().unwrap();
    assert!(ed.editing.is_none(), "n starts a new entry");
    assert_eq!(ed.editor.text(), "");
}

#[test]
fn esc_on_a_half_written_intention_asks_first() {
    let mut h = Harness::new();
    h.keys("4nI want to rest<Esc>");
    assert!(h.app.confirm().is_some());
    h.keys("n");
    assert_eq!(h.app.form().unwrap().get(Name::Intention), "I want to rest");
    h.keys("<Esc>y");
    assert!(h.app.form().is_none());
    // An untouched dialog closes at once.
    h.keys("n<Esc>");
    assert!(h.app.form().is_none() && h.app.confirm().is_none());
}

#[test]
fn esc_on_a_session_or_visit_with_a_note_asks_first() {
    let mut h = Harness::new();
    // When, kind, dose, then the note.
    h.keys("1n<Tab><Tab><Tab>felt like a long exhale<Esc>");
    assert!(h.app.confirm().is_some(), "a typed note is not dropped");
    h.keys("n");
    assert_eq!(
        h.app.form().unwrap().get(Name::Note),
        "felt like a long exhale"
    );
    h.keys("<Esc>y");
    assert!(h.app.form().is_none());
    h.keys("t<Tab>after the walk<Esc>");
    assert!(h.app.confirm().is_some());
    h.keys("y");
    // A changed time alone is quick to type again: Esc leaves at once.
    h.keys("n<BS><BS>yesterday<Esc>");
    assert!(h.app.form().is_none() && h.app.confirm().is_none());
}

#[test]
fn enter_never_confirms_a_deletion() {
    let mut h = Harness::new();
    h.keys("2nkeep<C-s><Enter>d<Enter>");
    assert_eq!(h.db.entries(10).unwrap().len(), 1);
    assert!(h.app.confirm().is_some(), "still asking");
}

#[test]
fn saving_a_session_unchanged_keeps_its_exact_time() {
    use afterglow::domain::SessionKind;
    use afterglow::store::NewSession;
    let mut h = Harness::new();
    let at = t0() - TimeDelta::seconds(3 * 3600 + 29);
    h.db.add_session(&NewSession {
        at,
        kind: SessionKind::Lozenge,
        dose_mg: Some(200.0),
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    h.reload();
    h.keys("1");
    // Select the session row and save its dialog as it is.
    for _ in 0..10 {
        if matches!(
            h.app.view().timeline[h.app.timeline().selected()].kind,
            afterglow::app::data::RowKind::Session(_)
        ) {
            break;
        }
        h.keys("j");
    }
    assert!(matches!(
        h.app.view().timeline[h.app.timeline().selected()].kind,
        afterglow::app::data::RowKind::Session(_)
    ));
    h.keys("e");
    assert!(h.app.form().is_some(), "the edit dialog opens");
    h.keys("<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    assert_eq!(h.db.sessions().unwrap()[0].at, at);
}

#[test]
fn impossible_amounts_and_future_visits_are_refused_kindly() {
    let mut h = Harness::new();
    h.keys("3<Space><BS>25<Enter>");
    let err = h.app.form().unwrap().error.clone().unwrap();
    assert!(err.contains("more than a day holds"), "{err}");
    h.keys("<Esc>1t<BS><BS><BS>tomorrow 10:00<Enter>");
    let err = h.app.form().unwrap().error.clone().unwrap();
    assert!(err.contains("still ahead"), "{err}");
    assert!(h.db.therapy_visits().unwrap().is_empty());
}

#[test]
fn archiving_every_habit_keeps_the_selected_day_in_range() {
    let mut h = Harness::new();
    h.keys("3<Left><Left>");
    assert_eq!(h.app.habits().days_back(), 2);
    h.keys("dydydy");
    assert!(h.app.view().habits.is_empty());
    assert_eq!(h.app.habits().days_back(), 0);
    // Nothing to tick, and no panic trying.
    h.keys("<Space><Left><Right>");
    assert!(h.app.form().is_none());
}

// The hand-off to $VISUAL / $EDITOR (Ctrl-e in the journal editor). The
// terminal part lives in the shell and is driven in tests/editor_handoff.rs;
// here the app's side: what it asks for, and what it does with the answer.

use afterglow::app::action::EditorOutcome;
use afterglow::app::{Action, Effect};

fn ctrl_e(h: &mut Harness) -> Vec<Effect> {
    let key = common::parse("<C-e>")[0];
    h.app.update(Action::Key(key))
}

#[test]
fn ctrl_e_stores_the_draft_then_hands_it_to_the_editor() {
    let mut h = Harness::new();
    h.keys("2nhalf a thought 🌱");
    let effects = ctrl_e(&mut h);
    let [
        Effect::SaveDraft { draft, .. },
        Effect::ExternalEdit { body },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(draft.body, "half a thought 🌱");
    assert_eq!(body, "half a thought 🌱");
    // The editor stays open behind, unchanged, waiting for the text.
    assert_eq!(
        h.app.journal().editor().unwrap().editor.text(),
        "half a thought 🌱"
    );

    // A blank draft has nothing to store first.
    let mut h = Harness::new();
    h.keys("2n");
    assert_eq!(
        ctrl_e(&mut h),
        vec![Effect::ExternalEdit {
            body: String::new()
        }]
    );
    // Outside the journal editor the key does nothing.
    let mut h = Harness::new();
    h.keys("2");
    assert_eq!(ctrl_e(&mut h), Vec::<Effect>::new());
}

#[test]
fn text_back_from_the_editor_replaces_the_draft() {
    let mut h = Harness::new();
    h.keys("2nfirst words<Left><Left>");
    h.act(Action::EditorClosed(EditorOutcome::Returned {
        text: "first words\r\nand more\tfrom vi 🌱".into(),
        leftover: None,
    }));
    let ed = h.app.journal().editor().expect("the editor stays open");
    // Cleaned as typed text is, with the cursor at the end.
    assert_eq!(ed.editor.text(), "first words\nand more    from vi 🌱");
    assert_eq!(ed.editor.cursor(), ed.editor.text().len());
    assert_eq!(
        h.db.draft().unwrap().unwrap().body,
        "first words\nand more    from vi 🌱"
    );
    let status = h.app.status().unwrap();
    assert!(!status.error && status.text.contains("back"), "{status:?}");
    assert!(h.screen(80, 24).contains("from vi 🌱"));
    // Saving goes on as always: the mood question, then the entry.
    h.keys("<C-s>");
    assert!(h.app.form().is_some(), "save asks for the mood");
    h.keys("6<Enter>");
    let entries = h.db.entries(10).unwrap();
    assert_eq!(entries[0].body, "first words\nand more    from vi 🌱");
    assert_eq!(entries[0].mood.unwrap().get(), 6);
    assert!(h.db.draft().unwrap().is_none());

    // Editing a saved entry in the editor keeps it the same entry.
    h.keys("e");
    h.act(Action::EditorClosed(EditorOutcome::Returned {
        text: "rewritten in vi".into(),
        leftover: Some("/tmp/afterglow-1-2-0".into()),
    }));
    assert_eq!(h.db.draft().unwrap().unwrap().editing, Some(entries[0].id));
    // A copy the shell could not remove is named, to delete by hand.
    let status = h.app.status().unwrap();
    assert!(
        status
            .text
            .contains("/tmp/afterglow-1-2-0 could not be removed"),
        "{status:?}"
    );
    h.keys("<C-s><Enter>");
    let again = h.db.entries(10).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].body, "rewritten in vi");
}

#[test]
fn a_failed_editor_keeps_the_draft_exactly() {
    let mut h = Harness::new();
    h.keys("2nas it was<Left>");
    let before = h.app.journal().editor().unwrap().clone();
    h.act(Action::EditorClosed(EditorOutcome::Kept {
        why: "the editor \"vi\" stopped with exit status: 1".into(),
        file: Some("/tmp/afterglow-1-2-0/journal-draft.md".into()),
    }));
    assert_eq!(h.app.journal().editor().unwrap(), &before);
    assert_eq!(h.db.draft().unwrap().unwrap().body, "as it was");
    let status = h.app.status().unwrap();
    assert!(status.error, "{status:?}");
    assert!(
        status.text.starts_with(
            "Editor's text kept in /tmp/afterglow-1-2-0/journal-draft.md; your draft is as it was"
        ) && status.text.contains("exit status: 1"),
        "{status:?}"
    );
    // The path stays long enough to copy it down.
    h.advance(30);
    assert!(h.app.status().is_some());

    // An empty file back from a clean exit is taken as a mishap, not as
    // a wish to throw the draft away (Ctrl-x is for that).
    h.act(Action::EditorClosed(EditorOutcome::Returned {
        text: "\n".into(),
        leftover: None,
    }));
    assert_eq!(h.app.journal().editor().unwrap(), &before);
    assert_eq!(h.db.draft().unwrap().unwrap().body, "as it was");
    assert!(h.app.status().unwrap().text.contains("as it was"));

    // No editor set: a calm word, nothing changed.
    h.act(Action::EditorClosed(EditorOutcome::NoEditor));
    assert_eq!(h.app.journal().editor().unwrap(), &before);
    let status = h.app.status().unwrap();
    assert!(!status.error, "{status:?}");
    assert_eq!(
        status.text,
        "Set $VISUAL or $EDITOR to write in your own editor."
    );

    // Without a terminal (this harness), the hand-off answers the same way.
    // (Ctrl-e stores the draft again first, so only its revision moves.)
    h.keys("<C-e>");
    let ed = h.app.journal().editor().unwrap();
    assert_eq!((&ed.editor, ed.editing), (&before.editor, before.editing));
    assert!(h.app.status().unwrap().text.contains("no terminal"));
    // Esc still keeps the draft for later.
    h.keys("<Esc>");
    assert!(h.app.journal().editor().is_none());
    assert_eq!(h.db.draft().unwrap().unwrap().body, "as it was");
}

#[test]
fn keys_rebound_in_the_config_replace_the_defaults() {
    use afterglow::app::{Action, App};
    let text =
        "[keys]\nquit = \"x\"\nhelp = \"F1\"\njournal.new = \"w\"\neditor.save = \"Ctrl-w\"\n";
    let settings = afterglow::config::parse(text, std::path::Path::new("/tmp/keys.toml")).unwrap();
    let mut h = Harness::new();
    h.app = App::new(settings, afterglow::zone::Zone::utc(), h.now, true);
    h.act(Action::Resize {
        width: 80,
        height: 24,
    });
    h.reload();

    // Hints name the key in effect.
    let screen = h.screen(80, 24);
    assert!(screen.contains("Press w to write"), "{screen}");

    // The old key does nothing in the journal; the new one opens the editor.
    h.keys("2n");
    assert!(h.app.journal().editor().is_none());
    assert!(h.app.form().is_none());
    h.keys("w");
    assert!(h.app.journal().editor().is_some());
    // Inside the editor both letters are text, and only the new save key
    // asks for the mood.
    h.keys("new words<C-s>");
    assert_eq!(h.app.journal().editor().unwrap().editor.text(), "new words");
    assert!(h.app.form().is_none());
    h.keys("<C-w>");
    assert!(h.app.form().is_some(), "the mood question opens");
    h.keys("<Esc><Esc>");
    assert!(h.app.journal().editor().is_none());

    // A rebound help key shows help and hides it again.
    let f1 = || {
        Action::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::F(1),
            crossterm::event::KeyModifiers::NONE,
        ))
    };
    h.act(f1());
    assert!(h.app.overlay().is_some());
    h.act(f1());
    assert!(h.app.overlay().is_none());

    // `q` no longer quits; `x` does.
    h.keys("q");
    assert!(!h.app.should_quit());
    h.keys("x");
    assert!(h.app.should_quit());
}

#[test]
fn an_entry_replaced_behind_the_editor_is_never_written_over() {
    use afterglow::store::NewEntry;
    let mut h = Harness::new();
    h.keys("2nFirst words<C-s><Enter>");
    let first = h.db.entries(10).unwrap()[0].clone();
    h.keys("e and more");
    assert_eq!(h.app.journal().editor().unwrap().editing, Some(first.id));

    // Another afterglow (or a restore) deletes that entry, and a new one
    // takes the freed id.
    h.db.delete_entry(first.id).unwrap();
    let other =
        h.db.add_entry(&NewEntry {
            written_at: h.now,
            body: "Someone else's entry".into(),
            mood: None,
            session: None,
        })
        .unwrap();
    assert_eq!(other.id, first.id, "SQLite gives the freed id out again");
    h.reload();

    let ed = h.app.journal().editor().unwrap();
    assert_eq!(ed.editing, None, "the words become a new entry");
    assert_eq!(ed.editor.text(), "First words and more");
    assert!(h.screen(80, 24).contains("changed elsewhere"));
    h.keys("<C-s>7<Enter>");
    let bodies: Vec<String> =
        h.db.entries(10)
            .unwrap()
            .into_iter()
            .map(|e| e.body)
            .collect();
    assert!(
        bodies.contains(&"Someone else's entry".to_string()),
        "{bodies:?}"
    );
    assert!(
        bodies.contains(&"First words and more".to_string()),
        "{bodies:?}"
    );
}

// ------------------------------------------------------------ care

#[test]
fn an_intention_set_first_belongs_to_the_session_planned_after_it() {
    let mut h = Harness::new();
    // What the welcome suggests: an intention first, then the plan.
    h.keys("4nBe open<Enter>1ptomorrow 10:00<Enter>");
    let planned = h.db.sessions().unwrap()[0].clone();
    let list = h.db.intentions().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].session, Some(planned.id));
    // A second one asks first; the first stays in the history.
    h.keys("4n");
    let question = h.app.confirm().expect("asks before replacing");
    assert!(question.detail.contains("Be open"), "{question:?}");
    h.keys("n");
    assert!(h.app.form().is_none() && h.app.confirm().is_none());
    h.keys("nyBe kind<Enter>");
    let list = h.db.intentions().unwrap();
    assert_eq!(list.len(), 2);
    let held = afterglow::domain::intention::of_session(&list, planned.id).unwrap();
    assert_eq!(held.text, "Be kind");
    let old = list.iter().find(|i| i.text == "Be open").unwrap();
    assert!(old.replaced_at.is_some() && old.session == Some(planned.id));
}

#[test]
fn a_plan_whose_time_passed_is_asked_about_once() {
    // y: it happened, logged at its planned time.
    let mut h = Harness::new();
    h.keys("ptomorrow 10:00<Enter>");
    let planned = h.db.sessions().unwrap()[0].clone();
    h.advance(20 * 3600);
    // Inside its acute phase, nothing is asked yet.
    assert!(h.app.confirm().is_none());
    h.advance(3 * 3600);
    let q = h.app.confirm().expect("asked once its time has passed");
    assert!(q.question.contains("Did it happen?"), "{q:?}");
    h.keys("y");
    let s = h.db.sessions().unwrap()[0].clone();
    assert_eq!(
        (s.id, s.at, s.status),
        (planned.id, planned.at, SessionStatus::Done)
    );

    // d: it did not, and comes off the calendar.
    let mut h = Harness::new();
    h.keys("ptomorrow 10:00<Enter>");
    h.advance(24 * 3600);
    h.keys("d");
    assert!(h.db.sessions().unwrap().is_empty());

    // Esc: later; not again in this run, and the plan stays as it was.
    let mut h = Harness::new();
    h.keys("ptomorrow 10:00<Enter>");
    h.advance(24 * 3600);
    h.keys("<Esc>");
    h.advance(3600);
    assert!(h.app.confirm().is_none());
    assert_eq!(h.db.sessions().unwrap()[0].status, SessionStatus::Planned);
}

#[test]
fn the_save_step_can_date_an_entry_earlier_never_later() {
    let mut h = Harness::new();
    h.keys("n<Enter>");
    let session = h.db.sessions().unwrap()[0].clone();
    h.advance(4 * 24 * 3600);
    h.keys("2nWritten days later<C-s>6<Tab>");
    // The When field holds "now"; clear it as a person would.
    for _ in 0.."now".len() {
        h.keys("<BS>");
    }
    h.keys("tomorrow 09:00<Enter>");
    let err = h.app.form().and_then(|f| f.error.clone()).unwrap();
    assert!(err.contains("still ahead"), "{err}");
    for _ in 0.."tomorrow 09:00".len() {
        h.keys("<BS>");
    }
    let back = (session.at + TimeDelta::hours(20)).format("%Y-%m-%d %H:%M");
    h.keys(&format!("{back}<Enter>"));
    assert!(h.app.journal().editor().is_none(), "saved and closed");
    let e = &h.db.entries(1).unwrap()[0];
    assert_eq!(e.written_at, session.at + TimeDelta::hours(20));
    // Dated back into the window, it belongs to that session and its plan.
    assert_eq!(e.session, Some(session.id));
    let plan = &h.app.view().plans[&session.id];
    let journal = plan
        .iter()
        .find(|i| i.kind == afterglow::domain::PlanKind::Journal)
        .unwrap();
    assert_eq!(journal.state, afterglow::domain::PlanState::Done);
}

#[test]
fn the_crisis_key_works_over_a_dialog_and_leaves_it_as_it_was() {
    let mut h = Harness::new();
    h.keys("nyest");
    h.keys("<C-g>");
    assert!(h.app.care().is_some());
    // Any key closes it, and only closes it.
    h.keys("q");
    assert!(h.app.care().is_none());
    assert!(!h.app.should_quit());
    // Typed over the filled-in "now".
    assert_eq!(h.app.form().unwrap().get(Name::When), "yest");
    // Over a question too: the `y` that closes the lines deletes nothing.
    h.keys("<Esc>n<Enter>");
    while !matches!(
        h.app.view().timeline[h.app.timeline().selected()].kind,
        afterglow::app::data::RowKind::Session(_)
    ) {
        h.keys("j");
    }
    h.keys("d");
    assert!(h.app.confirm().is_some());
    h.keys("<C-g>y");
    assert!(h.app.care().is_none());
    assert!(h.app.confirm().is_some(), "the question is still there");
    h.keys("n");
    assert_eq!(h.db.sessions().unwrap().len(), 1);
}

#[test]
fn the_demo_history_shows_no_missed_step_anywhere() {
    use afterglow::app::data::RowKind;
    let demo = afterglow::demo::generate(2, 7, common::t0(), &chrono::Utc).unwrap();
    let mut db = Db::open_in_memory().unwrap();
    db.import(&afterglow::demo::batch(demo), false).unwrap();
    let mut h = common::Harness::with_db(db, common::t0());
    h.keys("<Esc>");
    let mut seen = 0;
    for pane in ["1", "2", "3", "4"] {
        h.keys(pane);
        for _ in 0..40 {
            let screen = h.screen(120, 40);
            assert!(!screen.contains("missed"), "{screen}");
            assert!(!screen.contains('✗'), "{screen}");
            h.keys("j");
        }
    }
    h.keys("1g");
    for _ in 0..200 {
        let row = &h.app.view().timeline[h.app.timeline().selected()];
        if matches!(row.kind, RowKind::Session(_)) {
            h.keys("<Enter>");
            let screen = h.screen(100, 40);
            assert!(
                !screen.contains("missed") && !screen.contains('✗'),
                "{screen}"
            );
            seen += 1;
            h.keys("<Esc>");
        }
        h.keys("j");
    }
    assert!(seen > 3, "{seen} session views");
}

#[test]
fn a_second_reflection_asks_first_and_keeps_the_earlier_one() {
    let mut h = Harness::new();
    h.keys("4nStay curious<Enter>1n<Enter>");
    h.advance(3 * 3600);
    h.keys("4rIt was gentle<Enter>");
    // The pane's question is answered; Enter on the intention writes anew,
    // but only after asking, and "no" changes nothing.
    h.keys("<Enter>n");
    let stay = |h: &Harness| {
        h.db.intentions()
            .unwrap()
            .into_iter()
            .find(|i| i.text == "Stay curious")
            .unwrap()
    };
    assert_eq!(stay(&h).reflection.as_deref(), Some("It was gentle"));
    assert!(stay(&h).earlier_reflections.is_empty());
    h.keys("<Enter>y");
    h.keys(&"<BS>".repeat("It was gentle".len()));
    h.keys("It stayed with me<Enter>");
    let now = stay(&h);
    assert_eq!(now.reflection.as_deref(), Some("It stayed with me"));
    assert_eq!(now.earlier_reflections.len(), 1);
    assert_eq!(now.earlier_reflections[0].text, "It was gentle");
}

// Issue 10: a draft for each editor, typing that never waits on another
// program's lock, and a cap on one entry's size.

fn status_text(h: &Harness) -> String {
    h.app.status().map(|s| s.text.clone()).unwrap_or_default()
}

fn draft_bodies(db: &Db) -> Vec<String> {
    db.drafts()
        .unwrap()
        .into_iter()
        .map(|s| s.draft.body)
        .collect()
}

#[test]
fn two_editors_on_one_file_each_keep_their_own_draft_offered_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut a = Harness::with_db(Db::open(&path).unwrap(), t0());
    let mut b = Harness::with_db(Db::open(&path).unwrap(), t0());
    a.keys("2nalpha words");
    b.keys("2nbeta words");
    a.keys(" more");
    for h in [&mut a, &mut b] {
        h.keys("<Esc>");
        assert!(h.app.journal().editor().is_none());
        assert!(
            status_text(h).starts_with("Draft kept."),
            "{}",
            status_text(h)
        );
    }
    assert_eq!(draft_bodies(&a.db), ["alpha words more", "beta words"]);

    // A new start says both are there, and `n` offers each in turn.
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    assert!(
        status_text(&h).contains("2 drafts kept; 2 then n goes on."),
        "{}",
        status_text(&h)
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("draft alpha words more") && screen.contains("draft beta words"),
        "{screen}"
    );
    let mut seen = Vec::new();
    for _ in 0..3 {
        h.keys("2n");
        seen.push(h.app.journal().editor().unwrap().editor.text().to_string());
        assert!(
            status_text(&h).contains("of 2 is back"),
            "{}",
            status_text(&h)
        );
        h.keys("<Esc>");
    }
    assert_eq!(seen, ["alpha words more", "beta words", "alpha words more"]);
    // Going on with one and saving it leaves the other kept.
    h.keys("n<C-s>7<Enter>");
    assert_eq!(h.db.entries(10).unwrap()[0].body, "beta words");
    assert_eq!(draft_bodies(&h.db), ["alpha words more"]);
}

#[test]
fn two_editors_on_one_kept_draft_keep_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut a = Harness::with_db(Db::open(&path).unwrap(), t0());
    a.keys("2nshared<Esc>");
    let mut b = Harness::with_db(Db::open(&path).unwrap(), t0());
    a.keys("n");
    b.keys("2n");
    a.keys(" alpha");
    b.keys(" beta");
    assert!(
        status_text(&b).contains("yours is kept apart"),
        "{}",
        status_text(&b)
    );
    a.keys(" more");
    b.keys(" more");
    assert_eq!(
        draft_bodies(&a.db),
        ["shared alpha more", "shared beta more"]
    );
    // Both close truthfully; then one saves its version as an entry, and
    // the other's draft is still there.
    a.keys("<Esc>");
    b.keys("<Esc>");
    assert!(
        status_text(&a).starts_with("Draft kept."),
        "{}",
        status_text(&a)
    );
    assert!(
        status_text(&b).starts_with("Draft kept."),
        "{}",
        status_text(&b)
    );
    a.keys("n<C-s>6<Enter>");
    assert_eq!(a.db.entries(10).unwrap()[0].body, "shared alpha more");
    assert_eq!(draft_bodies(&a.db), ["shared beta more"]);
}

/// Issue 10, point 14, on the app: while another connection holds the
/// write lock, keys go on, the editor says that saving waits, closing
/// waits for the words to be kept, and a tick after the lock is free
/// saves them.
#[test]
fn a_held_lock_never_stops_typing_and_nothing_is_said_kept_before_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    h.keys("2nbefore");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    h.keys(" and during");
    let ed = h.app.journal().editor().unwrap();
    assert_eq!(ed.editor.text(), "before and during");
    assert!(ed.unkept && h.app.save_waits());
    let screen = h.screen(80, 24);
    assert!(screen.contains("saving waits"), "{screen}");
    let status = h.app.status().unwrap();
    assert!(
        !status.error && status.text.starts_with("Saving waits"),
        "{status:?}"
    );
    assert_eq!(h.db.draft().unwrap().unwrap().body, "before");

    // Closing now would say "Draft kept." of words not kept: it waits.
    h.keys("<Esc>");
    assert!(h.app.journal().editor().is_some());
    assert!(
        !status_text(&h).contains("Draft kept"),
        "{}",
        status_text(&h)
    );
    // A tick while the lock is still held changes nothing.
    h.advance(1);
    assert!(h.app.journal().editor().is_some());

    holder.execute_batch("COMMIT").unwrap();
    h.advance(1);
    assert!(h.app.journal().editor().is_none());
    assert!(
        status_text(&h).starts_with("Draft kept."),
        "{}",
        status_text(&h)
    );
    assert!(!h.app.save_waits());
    assert_eq!(draft_bodies(&h.db), ["before and during"]);
}

#[test]
fn an_entry_saved_under_a_held_lock_is_saved_once_it_is_free() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    h.keys("2nwritten late");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    h.keys("<C-s>8<Enter>");
    assert!(h.app.form().is_some(), "the mood question stays meanwhile");
    assert!(
        status_text(&h).contains("your entry is saved once the file is free"),
        "{}",
        status_text(&h)
    );
    holder.execute_batch("ROLLBACK").unwrap();
    h.advance(1);
    assert!(h.app.form().is_none() && h.app.journal().editor().is_none());
    assert_eq!(status_text(&h), "Entry saved.");
    let entries = h.db.entries(10).unwrap();
    assert_eq!(entries[0].body, "written late");
    assert_eq!(entries[0].mood.unwrap().get(), 8);
    assert!(h.db.drafts().unwrap().is_empty());
}

#[test]
fn ctrl_c_with_words_a_busy_file_has_not_taken_asks_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    h.keys("2n");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    h.keys("not yet kept<C-c>");
    assert!(!h.app.should_quit());
    assert!(
        status_text(&h).contains("Ctrl-C again leaves"),
        "{}",
        status_text(&h)
    );
    let (held, draft) = h.app.unkept_draft().unwrap();
    assert_eq!((held, draft.body.as_str()), (None, "not yet kept"));
    h.keys("<C-c>");
    assert!(h.app.should_quit());
    drop(holder);
}

/// Issue 10, point 12 (the editor's share): typing or pasting past
/// `MAX_ENTRY_BYTES` is refused whole with the limit named, and what is
/// there stays.
#[test]
fn an_entry_stops_calmly_at_its_size_limit() {
    use afterglow::domain::MAX_ENTRY_BYTES;
    let mut h = Harness::new();
    h.keys("2n");
    let nearly = "a".repeat(MAX_ENTRY_BYTES - 2);
    h.act(Action::Paste(nearly.clone()));
    h.keys("bc");
    let full = format!("{nearly}bc");
    assert_eq!(h.app.journal().editor().unwrap().editor.text(), full);
    h.keys("d");
    let status = h.app.status().unwrap();
    assert!(
        !status.error && status.text.contains("256 KiB"),
        "{status:?}"
    );
    h.act(Action::Paste("more 🌱".into()));
    assert!(
        status_text(&h).contains("Not pasted"),
        "{}",
        status_text(&h)
    );
    assert_eq!(h.app.journal().editor().unwrap().editor.text(), full);
    assert_eq!(h.db.draft().unwrap().unwrap().body, full);
    // Deleting still works, and makes room again.
    h.keys("<BS>x");
    assert!(
        h.app
            .journal()
            .editor()
            .unwrap()
            .editor
            .text()
            .ends_with("bx")
    );

    // Words past the limit that arrive whole (the person's own editor, a
    // draft from before the limit) are kept, and saving says why not yet.
    let long = "b".repeat(MAX_ENTRY_BYTES + 10);
    h.act(Action::EditorClosed(EditorOutcome::Returned {
        text: long.clone(),
        leftover: None,
    }));
    assert_eq!(h.db.draft().unwrap().unwrap().body, long);
    h.keys("<C-s>");
    assert!(h.app.form().is_none());
    assert!(
        status_text(&h).contains("Over the 256 KiB"),
        "{}",
        status_text(&h)
    );
}

#[test]
fn zoom_shows_the_focused_pane_alone_and_goes_back() {
    let mut h = Harness::new();
    h.keys("3z");
    assert!(h.app.zoomed());
    let areas = h.app.areas();
    assert_eq!(areas.panes, vec![(PaneId::Habits, areas.body)]);
    // Tab moves focus, and the newly focused pane takes the body.
    h.keys("<Tab>");
    assert_eq!(h.app.areas().panes[0].0, PaneId::Intention);
    // The key again goes back to all of them.
    h.keys("z");
    assert!(!h.app.zoomed());
    assert_eq!(h.app.areas().panes.len(), 5);
    // So does Esc.
    h.keys("z<Esc>");
    assert!(!h.app.zoomed());
    // While zoomed, a dialog still opens over it, and closes back to it.
    h.keys("1zn");
    assert!(h.app.form().is_some());
    h.keys("<Esc>");
    assert!(h.app.zoomed());
}

#[test]
fn the_zoom_key_can_be_rebound() {
    use afterglow::app::App;
    let settings = afterglow::config::parse(
        "[keys]\nzoom = \"Z\"\n",
        std::path::Path::new("/tmp/k.toml"),
    )
    .unwrap();
    let mut h = Harness::new();
    h.app = App::new(settings, afterglow::zone::Zone::utc(), h.now, true);
    h.reload();
    h.keys("2z");
    assert!(!h.app.zoomed());
    h.keys("Z");
    assert!(h.app.zoomed());
    let help = h.app.settings().keys.help_sections();
    assert!(
        help.iter()
            .flat_map(|(_, rows)| rows)
            .any(|(keys, what)| keys == "Z" && what.contains("whole screen")),
        "{help:?}"
    );
}

// ------------------------------------------------------------ too small

#[test]
fn a_window_too_small_to_show_anything_acts_on_no_key_but_quit() {
    let mut h = Harness::new();
    h.keys("2nWords kept<C-s><Enter>");
    assert_eq!(h.db.entries(10).unwrap().len(), 1);
    h.act(afterglow::app::Action::Resize {
        width: 40,
        height: 10,
    });
    // Blind, these would focus the journal, ask to delete its entry and
    // answer yes; only the too-small notice is on the screen.
    h.keys("2dy");
    h.keys("z<Tab>");
    h.act(afterglow::app::Action::Click { column: 5, row: 5 });
    assert_eq!(h.db.entries(10).unwrap().len(), 1, "nothing was deleted");
    assert!(h.app.confirm().is_none());
    assert!(h.app.form().is_none());
    assert!(!h.app.should_quit());
    // The crisis key the notice names still works, and so does quit.
    h.keys("<C-g>");
    assert!(h.app.care().is_some());
    h.keys("x");
    assert!(h.app.care().is_none());
    h.keys("q");
    assert!(h.app.should_quit());
}

#[test]
fn a_pane_title_names_the_focus_key_in_effect() {
    use afterglow::app::App;
    let settings = afterglow::config::parse(
        "[keys]\nfocus_timeline = \"F5\"\nfocus_journal = \"J\"\n",
        std::path::Path::new("/tmp/k.toml"),
    )
    .unwrap();
    let mut h = Harness::new();
    h.app = App::new(settings, afterglow::zone::Zone::utc(), h.now, true);
    h.reload();
    let screen = h.screen(80, 24);
    assert!(screen.contains(" F5 Timeline "), "{screen}");
    assert!(screen.contains(" J Journal "), "{screen}");
    assert!(screen.contains(" 3 Habits "), "{screen}");
    assert!(!screen.contains("1 Timeline"), "{screen}");
    let help = h.app.settings().keys.help_sections();
    assert!(help.iter().any(|(t, _)| t == "F5 Timeline"), "{help:?}");
}

#[test]
fn a_second_session_at_the_same_minute_is_refused_in_the_dialog_in_short() {
    let mut h = Harness::new();
    h.keys("n<Enter>");
    assert_eq!(h.db.sessions().unwrap().len(), 1);
    // The dialog's time is "now" again: the minute just taken.
    h.keys("n<Enter>");
    let err = h.app.form().and_then(|f| f.error.clone()).unwrap();
    assert!(err.contains("already at that minute"), "{err}");
    assert!(!err.contains("id "), "the dashboard shows no ids: {err}");
    assert_eq!(h.db.sessions().unwrap().len(), 1);
}

#[test]
fn a_file_that_failed_its_check_opens_no_dialog_and_no_editor() {
    let mut h = Harness::new();
    h.act(afterglow::app::Action::ReadOnly(
        "x.db looks damaged".to_string(),
    ));
    assert_eq!(h.app.read_only(), Some("x.db looks damaged"));
    // The log dialog, a new entry and a tick would each write.
    h.keys("n");
    assert!(h.app.form().is_none());
    h.keys("2n");
    assert!(h.app.journal().editor().is_none());
    h.keys("3<Space>");
    assert!(
        h.db.ticks_between(t0().date_naive(), t0().date_naive())
            .unwrap()
            .is_empty()
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("read-only"), "{screen}");
    assert!(screen.contains("nothing is saved"), "{screen}");
    // Moving and reading still work.
    h.keys("1<Down>?");
    assert!(h.app.overlay().is_some());
}

#[test]
fn a_dialog_holding_words_is_never_left_from_a_window_too_small() {
    let mut h = Harness::new();
    h.keys("4n");
    h.keys("be gentle");
    assert!(h.app.form().is_some());
    h.act(afterglow::app::Action::Resize {
        width: 40,
        height: 10,
    });
    h.keys("q<C-c><Esc>");
    assert!(!h.app.should_quit());
    assert!(h.app.form().is_some(), "the dialog and its words stay");
    assert!(h.screen(40, 10).contains("open dialog"));
    h.act(afterglow::app::Action::Resize {
        width: 80,
        height: 24,
    });
    h.keys("<Enter>");
    assert!(
        h.db.intentions()
            .unwrap()
            .iter()
            .any(|i| i.text == "be gentle")
    );
}

/// Selects the first timeline row that is a therapy visit.
fn select_therapy(h: &mut Harness) {
    h.keys("1");
    for _ in 0..20 {
        if matches!(
            h.app.view().timeline[h.app.timeline().selected()].kind,
            afterglow::app::data::RowKind::Therapy(_)
        ) {
            return;
        }
        h.keys("j");
    }
    panic!("no therapy row in {:?}", h.app.view().timeline);
}

#[test]
fn a_therapy_visit_opens_with_enter_and_is_edited_with_e() {
    let mut h = Harness::new();
    let at = t0() - TimeDelta::seconds(26 * 3600 + 17);
    let visit =
        h.db.add_therapy(at, Some("Talked about the kitchen"))
            .unwrap();
    h.reload();
    select_therapy(&mut h);
    h.keys("<Enter>");
    assert!(
        matches!(h.app.overlay(), Some(Overlay::Therapy { id, .. }) if *id == visit.id),
        "{:?}",
        h.app.overlay()
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Therapy visit · Sun 22 Nov 12:04"),
        "{screen}"
    );
    assert!(screen.contains("Talked about the kitchen"), "{screen}");
    h.keys("<Esc>");
    assert!(h.app.overlay().is_none());

    // `e` opens the dialog filled in; saved unchanged, the time stays to
    // the second.
    h.keys("e");
    let form = h.app.form().expect("the edit dialog opens");
    assert_eq!(form.get(Name::Note), "Talked about the kitchen");
    assert_eq!(form.get(Name::When), "2026-11-22 12:04");
    h.keys("<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    assert_eq!(h.db.therapy_visits().unwrap()[0].at, at);

    // A new note and time are saved through the edit, not as a new visit.
    select_therapy(&mut h);
    h.keys("e<Tab> and the garden<Enter>");
    select_therapy(&mut h);
    h.keys("e");
    for _ in 0.."2026-11-22 12:04".len() {
        h.keys("<BS>");
    }
    h.keys("yesterday 09:30<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    let visits = h.db.therapy_visits().unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].id, visit.id);
    assert_eq!(
        visits[0].note.as_deref(),
        Some("Talked about the kitchen and the garden")
    );
    assert_eq!(
        visits[0].at,
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 22, 9, 30, 0).unwrap()
    );
    // A visit cannot be moved into the future.
    select_therapy(&mut h);
    h.keys("e");
    for _ in 0.."2026-11-22 09:30".len() {
        h.keys("<BS>");
    }
    h.keys("tomorrow 10:00<Enter>");
    let err = h.app.form().unwrap().error.clone().unwrap();
    assert!(err.contains("still ahead"), "{err}");
}

#[test]
fn a_deleted_entry_comes_back_with_u_for_thirty_seconds() {
    let mut h = Harness::new();
    h.keys("2nWords to keep 🌱<C-s>7<Enter>");
    let entries = h.db.entries(10).unwrap();
    assert_eq!(entries.len(), 1);
    // The question stays, and says the delete can be undone.
    h.keys("d");
    let detail = h.app.confirm().unwrap().detail.clone();
    assert!(detail.contains("u puts it back"), "{detail}");
    h.keys("y");
    assert!(h.db.entries(10).unwrap().is_empty());
    assert_eq!(h.app.status().unwrap().text, "Entry deleted · u undoes it");
    assert!(h.screen(80, 24).contains("Entry deleted · u undoes it"));
    // Still said, and still possible, 29 seconds on.
    h.advance(29);
    assert!(h.app.status().unwrap().text.contains("u undoes it"));
    h.keys("u");
    assert_eq!(h.db.entries(10).unwrap(), entries, "back, under its id");
    assert_eq!(h.app.data().entries, entries);
    assert_eq!(h.app.status().unwrap().text, "Entry put back.");
    // One level: nothing is left to undo.
    h.keys("u");
    assert_eq!(h.app.status().unwrap().text, "Nothing to undo just now.");
    assert_eq!(h.db.entries(10).unwrap(), entries);
}

#[test]
fn after_thirty_seconds_u_calmly_has_nothing_to_undo() {
    let mut h = Harness::new();
    h.keys("u");
    assert_eq!(h.app.status().unwrap().text, "Nothing to undo just now.");
    h.keys("2nWords<C-s><Enter>2dy");
    assert!(h.db.entries(10).unwrap().is_empty());
    h.advance(29);
    assert!(h.app.undoable().is_some());
    h.advance(1);
    assert!(h.app.undoable().is_none());
    h.keys("u");
    let status = h.app.status().unwrap();
    assert_eq!(status.text, "Nothing to undo just now.");
    assert!(!status.error);
    assert!(h.db.entries(10).unwrap().is_empty());
}

#[test]
fn a_second_delete_takes_the_first_ones_place_in_the_undo() {
    let mut h = Harness::new();
    h.keys("2nfirst<C-s><Enter>");
    h.advance(60);
    h.keys("2nsecond<C-s><Enter>");
    // The selection stays on the entry it was on (`first`) while a new
    // one is written above it: `g` goes to the newest, `second`.
    h.keys("2gdy");
    h.keys("dy");
    assert!(h.db.entries(10).unwrap().is_empty());
    h.keys("u");
    let bodies: Vec<String> =
        h.db.entries(10)
            .unwrap()
            .into_iter()
            .map(|e| e.body)
            .collect();
    assert_eq!(bodies, ["first"]);
    h.keys("u");
    assert_eq!(h.app.status().unwrap().text, "Nothing to undo just now.");
}

#[test]
fn every_kind_deleted_with_d_comes_back_with_u() {
    let mut h = Harness::new();
    // A session with an intention and an entry linked to it.
    h.keys("4nbe gentle<Enter>");
    h.keys("1n<Enter>");
    h.keys("2nafter it<C-s><Enter>");
    h.advance(60);
    let sessions = h.db.sessions().unwrap();
    let intentions = h.db.intentions().unwrap();
    let entries = h.db.entries(10).unwrap();
    assert_eq!(intentions[0].session, Some(sessions[0].id));
    assert_eq!(entries[0].session, Some(sessions[0].id));

    // The session, from the timeline.
    h.keys("1");
    let at = h
        .app
        .view()
        .timeline
        .iter()
        .position(|r| r.kind == afterglow::app::data::RowKind::Session(sessions[0].id));
    h.keys("g");
    for _ in 0..at.unwrap() {
        h.keys("j");
    }
    h.keys("dy");
    assert!(h.db.sessions().unwrap().is_empty());
    assert_eq!(h.db.intentions().unwrap()[0].session, None);
    assert!(
        h.app
            .status()
            .unwrap()
            .text
            .starts_with("Session deleted · u undoes it")
    );
    h.keys("u");
    assert_eq!(h.db.sessions().unwrap(), sessions);
    assert_eq!(h.db.intentions().unwrap(), intentions);
    assert_eq!(h.db.entries(10).unwrap(), entries);

    // The intention.
    h.keys("4dy");
    assert!(h.db.intentions().unwrap().is_empty());
    h.keys("u");
    assert_eq!(h.db.intentions().unwrap(), intentions);

    // A habit, archived.
    let habits = h.db.habits(false).unwrap();
    h.keys("3dy");
    assert_eq!(h.db.habits(false).unwrap().len(), habits.len() - 1);
    assert!(
        h.app
            .status()
            .unwrap()
            .text
            .starts_with("Habit archived · u undoes it")
    );
    h.keys("u");
    assert_eq!(h.db.habits(false).unwrap(), habits);
    assert_eq!(h.app.status().unwrap().text, "Habit put back.");
}

/// A dashboard with more in each pane than fits at 80x24: a kept draft
/// above thirty entries, intentions, therapy visits, and the habits.
fn crowded() -> Harness {
    use afterglow::store::{Draft, NewEntry};
    let mut h = Harness::new();
    let t = |m: i64| h.now - TimeDelta::minutes(m);
    let times: Vec<_> = (0..30).map(|i| t(600 - i * 10)).collect();
    for (i, at) in times.iter().enumerate() {
        h.db.add_entry(&NewEntry {
            written_at: *at,
            body: format!("entry {i}"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    for i in 0..6 {
        h.db.add_therapy(h.now - TimeDelta::days(i + 1), Some(&format!("visit {i}")))
            .unwrap();
    }
    for i in 0..12 {
        h.db.set_intention(None, &format!("aim {i}"), t(900 - i * 5))
            .unwrap();
    }
    h.db.keep_draft(
        None,
        &Draft {
            editing: None,
            body: "half a thought".into(),
            mood: None,
            cursor: 0,
            saved_at: h.now,
        },
    )
    .unwrap();
    // A session logged: the header is its compact self.
    h.db.add_session(&afterglow::store::NewSession {
        at: h.now - TimeDelta::days(8),
        kind: afterglow::domain::SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    h.reload();
    h
}

/// Clicks the first cell of `pane`'s inside on the screen row showing
/// `text`, and says which row that was.
fn click_on(h: &mut Harness, pane: PaneId, text: &str) -> u16 {
    use afterglow::app::Action;
    let rect = h.app.areas().pane(pane).unwrap();
    let screen = h.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let row = (rect.y + 1..rect.y + rect.height - 1)
        .find(|&y| {
            let line: String = lines[usize::from(y)]
                .chars()
                .skip(usize::from(rect.x))
                .take(usize::from(rect.width))
                .collect();
            line.contains(text)
        })
        .unwrap_or_else(|| panic!("{text:?} is not shown in {pane:?}:\n{screen}"));
    h.act(Action::Click {
        column: rect.x + 2,
        row,
    });
    row
}

#[test]
fn a_click_selects_the_row_drawn_where_it_lands_in_every_pane() {
    let mut h = crowded();
    // Scroll the journal well down first, so that its list starts further on.
    h.keys("2");
    for _ in 0..20 {
        h.keys("j");
    }
    h.keys("1");
    assert_eq!(h.app.focus(), PaneId::Timeline);
    let entries = h.app.data().entries.clone();
    let journal = h.app.areas().pane(PaneId::Journal).unwrap();
    let shown: String = h
        .screen(80, 24)
        .lines()
        .map(|l| {
            l.chars()
                .skip(usize::from(journal.x))
                .take(usize::from(journal.width))
                .collect::<String>()
        })
        .collect();
    // The last one shown, three rows below the selected one.
    let pick = (0..30)
        .map(|i| format!("entry {i} "))
        .find(|e| shown.contains(e.as_str()))
        .unwrap();
    assert_ne!(
        format!("{} ", entries[h.app.journal().selected()].body),
        pick
    );
    click_on(&mut h, PaneId::Journal, &pick);
    assert_eq!(h.app.focus(), PaneId::Journal);
    let selected = &entries[h.app.journal().selected()];
    assert_eq!(format!("{} ", selected.body), pick);

    // The intention pane: its list sits under the lead and the history's
    // rule (at 80x24, beside four other panes, the list shows zoomed).
    let aim = "aim 9";
    h.keys("4z");
    click_on(&mut h, PaneId::Intention, aim);
    assert_eq!(h.app.focus(), PaneId::Intention);
    assert_eq!(
        h.app.data().intentions[h.app.intention().selected()].text,
        aim
    );
    h.keys("z");

    // The habits, under the days' initials.
    let second = h.app.view().habits[1].habit.name.clone();
    click_on(&mut h, PaneId::Habits, &second);
    assert_eq!(h.app.focus(), PaneId::Habits);
    assert_eq!(h.app.habits().selected(), 1);

    // The timeline, at its top and scrolled to its end.
    click_on(&mut h, PaneId::Timeline, "entry 26");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    let entry = h.app.data().entries.iter().find(|e| e.body == "entry 26");
    assert_eq!(
        row.kind,
        afterglow::app::data::RowKind::Entry(entry.unwrap().id)
    );
    h.keys("G");
    click_on(&mut h, PaneId::Timeline, "visit 4");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    let visit = h
        .app
        .data()
        .therapy
        .iter()
        .find(|v| v.note.as_deref() == Some("visit 4"));
    assert_eq!(
        row.kind,
        afterglow::app::data::RowKind::Therapy(visit.unwrap().id)
    );

    // A click on the draft line above the journal's list only focuses it.
    h.keys("1");
    let before = h.app.journal().selected();
    click_on(&mut h, PaneId::Journal, "half a thought");
    assert_eq!(h.app.focus(), PaneId::Journal);
    assert_eq!(h.app.journal().selected(), before);
}

#[test]
fn the_wheel_moves_the_pane_under_the_pointer_not_the_focused_one() {
    use afterglow::app::Action;
    let mut h = crowded();
    h.keys("1");
    let timeline = h.app.timeline().selected();
    let journal = h.app.areas().pane(PaneId::Journal).unwrap();
    let (column, row) = (journal.x + 3, journal.y + 3);
    for _ in 0..3 {
        h.act(Action::Scroll {
            down: true,
            column,
            row,
        });
    }
    assert_eq!(h.app.journal().selected(), 3);
    assert_eq!(h.app.focus(), PaneId::Journal, "so the selection shows");
    assert_eq!(h.app.timeline().selected(), timeline);
    h.act(Action::Scroll {
        down: false,
        column,
        row,
    });
    assert_eq!(h.app.journal().selected(), 2);
    // Over the header, nothing moves.
    h.act(Action::Scroll {
        down: true,
        column: 10,
        row: 1,
    });
    assert_eq!(h.app.journal().selected(), 2);
    assert_eq!(h.app.focus(), PaneId::Journal);
}

#[test]
fn a_click_outside_a_view_closes_it_but_never_a_dialog_a_question_or_the_card() {
    use afterglow::app::Action;
    let mut h = crowded();
    let click = |h: &mut Harness, column, row| h.act(Action::Click { column, row });
    // The help: a click inside leaves it, a wheel scrolls it, a click
    // outside closes it.
    h.keys("?");
    click(&mut h, 40, 12);
    assert!(h.app.overlay().is_some());
    h.act(Action::Scroll {
        down: true,
        column: 40,
        row: 12,
    });
    assert_eq!(h.app.overlay(), Some(&Overlay::Help { scroll: 3 }));
    let screen = h.screen(80, 24);
    let border = screen.lines().nth(1).unwrap();
    let left = border.chars().position(|c| c == '╭').unwrap();
    // On its border it stays; just beside it, it closes.
    click(&mut h, u16::try_from(left).unwrap(), 12);
    assert!(h.app.overlay().is_some(), "{screen}");
    click(&mut h, u16::try_from(left).unwrap() - 1, 12);
    assert!(h.app.overlay().is_none());
    assert_eq!(h.app.focus(), PaneId::Timeline, "the click only closed it");

    // An entry.
    h.keys("2<Enter>");
    assert!(matches!(h.app.overlay(), Some(Overlay::Entry { .. })));
    click(&mut h, 0, 0);
    assert!(h.app.overlay().is_none());

    // A dialog with words in it, and a question: clicks do nothing.
    h.keys("3nYoga");
    click(&mut h, 0, 0);
    click(&mut h, 40, 12);
    h.act(Action::Scroll {
        down: true,
        column: 0,
        row: 0,
    });
    assert_eq!(h.app.form().unwrap().get(Name::HabitName), "Yoga");
    h.keys("<Esc>");
    if h.app.confirm().is_some() {
        h.keys("y");
    }
    assert!(h.app.form().is_none());
    h.keys("2d");
    click(&mut h, 0, 0);
    assert!(h.app.confirm().is_some());
    h.keys("n");

    // The crisis card stays until its own keys close it.
    h.keys("<C-g>");
    click(&mut h, 0, 0);
    click(&mut h, 40, 12);
    assert!(h.app.care().is_some());
}

// ------------------------------------------------------ filled-in fields

/// Moves the timeline's selection onto the (one) session.
fn select_the_session(h: &mut Harness) {
    while !matches!(
        h.app.view().timeline[h.app.timeline().selected()].kind,
        afterglow::app::data::RowKind::Session(_)
    ) {
        h.keys("j");
    }
}

/// The time the one session logged so far was stored at.
fn logged_at(h: &Harness) -> String {
    let sessions = h.db.sessions().unwrap();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    sessions[0].at.to_rfc3339()
}

#[test]
fn typing_over_a_filled_in_time_replaces_it() {
    let mut h = Harness::new();
    h.keys("n");
    let form = h.app.form().unwrap();
    assert_eq!(form.get(Name::When), "now");
    assert!(form.fields[0].fresh, "shown as filled in, to be replaced");
    // Never "now2026-11-22 21:00".
    h.keys("2026-11-22 21:00");
    let form = h.app.form().unwrap();
    assert_eq!(form.get(Name::When), "2026-11-22 21:00");
    assert!(!form.fields[0].fresh);
    h.keys("<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    assert_eq!(logged_at(&h), "2026-11-22T21:00:00+00:00");
}

#[test]
fn ctrl_u_empties_a_field_and_the_dialog_takes_what_is_typed_next() {
    let mut h = Harness::new();
    h.keys("n<C-u>");
    assert_eq!(h.app.form().unwrap().get(Name::When), "");
    // Typed, then emptied again: Ctrl-U clears whatever the field holds.
    h.keys("someday<C-u>");
    assert_eq!(h.app.form().unwrap().get(Name::When), "");
    // The clock is Monday 23 Nov 2026 14:05 (UTC): Sunday is yesterday.
    h.keys("sun 21:00<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    assert_eq!(logged_at(&h), "2026-11-22T21:00:00+00:00");
}

#[test]
fn keys_that_move_or_erase_keep_a_filled_in_value_to_edit() {
    let mut h = Harness::new();
    h.keys("n<BS>");
    assert_eq!(h.app.form().unwrap().get(Name::When), "no");
    // A paste replaces a filled-in value, like typing.
    h.keys("<Esc>n");
    h.act(afterglow::app::Action::Paste("2h ago".into()));
    assert_eq!(h.app.form().unwrap().get(Name::When), "2h ago");
    h.keys("<Enter>");
    assert_eq!(logged_at(&h), "2026-11-23T12:05:00+00:00");
    // The edit dialog's stored time: Backspace edits it in place.
    select_the_session(&mut h);
    h.keys("e");
    assert_eq!(h.app.form().unwrap().get(Name::When), "2026-11-23 12:05");
    h.keys("<BS><BS>30<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    assert_eq!(logged_at(&h), "2026-11-23T12:30:00+00:00");
    // A stored time is kept to edit after the cursor moves too.
    h.keys("e<Left><Left><Left>5");
    assert_eq!(h.app.form().unwrap().get(Name::When), "2026-11-23 125:30");
}

#[test]
fn a_note_of_ones_own_is_added_to_never_replaced() {
    let mut h = Harness::new();
    h.keys("n<Tab><Tab><Tab>first words<Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    select_the_session(&mut h);
    h.keys("e<Tab><Tab><Tab>");
    let form = h.app.form().unwrap();
    assert_eq!(form.get(Name::Note), "first words");
    assert!(!form.fields[3].fresh);
    h.keys(", and more");
    assert_eq!(
        h.app.form().unwrap().get(Name::Note),
        "first words, and more"
    );
}

#[test]
fn a_long_reason_in_a_dialog_shows_whole() {
    let mut h = Harness::new();
    h.keys("nsomeday<Enter>");
    let err = h.app.form().and_then(|f| f.error.clone()).unwrap();
    assert!(err.ends_with("in local time"), "{err}");
    let screen = h.screen(80, 24);
    // The list of forms wraps over three rows and its end is not cut off.
    assert!(screen.contains("[HH:MM], in local"), "{screen}");
    assert!(screen.contains("│time "), "{screen}");
}

// Issue 12: habits.

#[test]
fn the_grid_follows_the_selected_day_back_a_year_and_t_returns_to_today() {
    let mut h = Harness::new();
    h.keys("3");
    // A month back, far past the 80x24 grid's columns: the grid follows,
    // so the selected day (ticked here) shows.
    for _ in 0..30 {
        h.keys("h");
    }
    assert_eq!(h.app.habits().days_back(), 30);
    let month_ago = t0().date_naive() - TimeDelta::days(30);
    h.keys("<Space><Enter>");
    assert_eq!(h.db.ticks_between(month_ago, month_ago).unwrap().len(), 1);
    let screen = h.screen(80, 24);
    let sleep = screen.lines().find(|l| l.contains("Sleep ")).unwrap();
    assert!(sleep.contains('■'), "{screen}");
    // Back to today: the tick a month ago leaves the grid.
    h.keys("t");
    assert_eq!(h.app.habits().days_back(), 0);
    let screen = h.screen(80, 24);
    let sleep = screen.lines().find(|l| l.contains("Sleep ")).unwrap();
    assert!(!sleep.contains('■'), "{screen}");

    // A year back (366 days: the same day last year, in a leap year too)
    // is reachable, and there the grid stops and says so.
    for _ in 0..400 {
        h.keys("h");
    }
    assert_eq!(h.app.habits().days_back(), 366);
    let status = h.app.status().expect("a note").text.clone();
    assert!(status.contains("as far back as the grid goes"), "{status}");
    assert!(status.contains("Sat 22 Nov 2025"), "{status}");
    let screen = h.screen(200, 60);
    assert!(screen.contains("Sat 22 Nov 2025: not ticked"), "{screen}");
    assert!(screen.contains("as far back as the grid goes"), "{screen}");
    // A tick there is kept, and seen after a reload (the load covers it).
    h.keys("<Space><Enter>");
    let year_ago = t0().date_naive() - TimeDelta::days(366);
    assert_eq!(h.db.ticks_between(year_ago, year_ago).unwrap().len(), 1);
    h.reload();
    assert!(h.app.data().ticks.iter().any(|t| t.day == year_ago));
    h.keys("t");
    assert_eq!(h.app.habits().days_back(), 0);
}

#[test]
fn an_archived_habit_is_restored_from_the_habits_pane_with_its_ticks() {
    let mut h = Harness::new();
    h.keys("3A");
    assert!(h.app.habits().archived_selected().is_none());
    assert!(h.app.status().unwrap().text.contains("No archived habits"));
    // Exercise, ticked yesterday, then archived.
    h.keys("j<Left><Space><Enter>");
    h.keys("dy");
    assert!(h.db.habit_by_name("Exercise").unwrap().unwrap().archived);
    assert!(
        h.app
            .view()
            .habits
            .iter()
            .all(|r| r.habit.name != "Exercise")
    );
    // Esc steps back out of the archived list, as the footer's A does.
    h.keys("A");
    assert!(h.app.habits().archived_selected().is_some());
    h.keys("<Esc>");
    assert!(h.app.habits().archived_selected().is_none());
    h.keys("A");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Archived · Enter restores"), "{screen}");
    assert!(screen.contains("Exercise"), "{screen}");
    h.keys("<Enter>");
    let exercise = h.db.habit_by_name("Exercise").unwrap().unwrap();
    assert!(!exercise.archived);
    assert_eq!(h.db.ticks_for(exercise.id).unwrap().len(), 1);
    // The list emptied, so the day's list is back, Exercise in it.
    assert!(h.app.habits().archived_selected().is_none());
    assert!(
        h.app
            .view()
            .habits
            .iter()
            .any(|r| r.habit.name == "Exercise")
    );
    assert!(h.app.status().unwrap().text.contains("restored"));
}

#[test]
fn a_habit_is_added_and_changed_with_a_weekly_schedule() {
    let mut h = Harness::new();
    h.keys("3nSwim<Tab><Tab><Right><Right><Right><Enter>");
    assert!(h.app.form().is_none(), "{:?}", h.app.form());
    let swim = h.db.habit_by_name("swim").unwrap().unwrap();
    assert_eq!(swim.schedule, Schedule::PerWeek(3));
    h.keys("G");
    let screen = h.screen(80, 24);
    let row = screen.lines().find(|l| l.contains("Swim ")).unwrap();
    assert!(row.contains("0 wk"), "{screen}");
    // The edit dialog opens on the schedule it has, and changes it.
    h.keys("e");
    assert_eq!(h.app.form().unwrap().get(Name::Schedule), "3× a week");
    h.keys("<Tab><Left><Left><Left><Enter>");
    let swim = h.db.habit_by_name("swim").unwrap().unwrap();
    assert_eq!(swim.schedule, Schedule::Daily);
}

#[test]
fn a_unit_is_kept_whole_or_refused_never_cut() {
    let mut h = Harness::new();
    h.keys("3nReading<Tab>10 pages per day<Enter>");
    let reading = h.db.habit_by_name("reading").unwrap().unwrap();
    assert_eq!(reading.unit(), Some("pages per day"));
    h.keys("nLong<Tab>3 pages of the book on my nightstand<Enter>");
    let form = h.app.form().expect("stays open");
    let err = form.error.clone().unwrap_or_default();
    assert!(err.contains("at most 20 characters"), "{err}");
    assert!(h.db.habit_by_name("long").unwrap().is_none());
}

#[test]
fn a_habit_is_not_restored_over_one_of_the_same_name_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterglow.db");
    let mut db = Db::open(&path).unwrap();
    db.ensure_defaults(t0().date_naive()).unwrap();
    let walk = db
        .add_habit(
            "Walk",
            &afterglow::domain::HabitKind::YesNo,
            afterglow::domain::HabitRole::Custom,
            t0().date_naive(),
        )
        .unwrap();
    db.set_archived(walk.id, true).unwrap();
    drop(db);
    // A look-alike an older afterglow let in beside it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO habits (name, kind, role, since, position)
         VALUES ('Ｗａｌｋ', 'yes-no', 'custom', '2026-11-01', 9)",
        [],
    )
    .unwrap();
    drop(conn);
    let mut h = Harness::with_db(Db::open(&path).unwrap(), t0());
    h.keys("3A<Enter>");
    let status = h.app.status().unwrap();
    assert!(status.error, "{}", status.text);
    assert!(
        status.text.contains("not restored") && status.text.contains("nothing was changed"),
        "{}",
        status.text
    );
    assert!(
        h.db.habits(true)
            .unwrap()
            .iter()
            .any(|x| x.id == walk.id && x.archived)
    );
    // The list of archived habits stays open, Walk in it.
    assert_eq!(h.app.habits().archived_selected(), Some(0));
}

/// A journal of `n` entries, one an hour back from t0, "entry 0" newest.
fn long_journal(n: i64) -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..n {
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::hours(i + 1),
            body: format!("entry {i}"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    Harness::with_db(db, t0())
}

fn selected_body(h: &Harness) -> String {
    h.app
        .journal()
        .entry(h.app.data())
        .map(|e| e.body.clone())
        .unwrap_or_default()
}

#[test]
fn every_entry_is_reached_by_moving_down_a_page_at_a_time() {
    use afterglow::app::data::MAX_HELD;
    let mut h = long_journal(1_300);
    h.keys("2");
    assert_eq!(h.app.data().entries.len(), afterglow::app::data::PAGE);
    assert_eq!(h.app.data().entry_count, 1_300);
    for i in 1..1_300 {
        h.keys("j");
        assert_eq!(selected_body(&h), format!("entry {i}"));
        assert!(h.app.data().entries.len() <= MAX_HELD);
    }
    // At the end, and back up again: the pages let go of come back.
    h.keys("j");
    assert_eq!(selected_body(&h), "entry 1299");
    assert!(h.app.data().entry_offset > 0);
    for i in (0..1_299).rev() {
        h.keys("k");
        assert_eq!(selected_body(&h), format!("entry {i}"));
    }
    assert_eq!(h.app.data().entry_offset, 0);
}

#[test]
fn end_and_home_reach_the_oldest_and_newest_entry_at_once() {
    let mut h = long_journal(1_300);
    h.keys("2G");
    assert_eq!(selected_body(&h), "entry 1299");
    assert_eq!(
        h.app.data().entry_offset + h.app.data().entries.len(),
        1_300
    );
    h.keys("k");
    assert_eq!(selected_body(&h), "entry 1298");
    h.keys("g");
    assert_eq!(selected_body(&h), "entry 0");
    assert_eq!(h.app.data().entry_offset, 0);
}

#[test]
fn the_selected_entry_stays_selected_when_the_journal_is_read_again() {
    let mut h = long_journal(1_300);
    h.keys("2G");
    for _ in 0..250 {
        h.keys("k");
    }
    assert_eq!(selected_body(&h), "entry 1049");
    // Another program writes a newer entry; the dashboard reads again.
    h.db.add_entry(&afterglow::store::NewEntry {
        written_at: t0() - TimeDelta::minutes(5),
        body: "from elsewhere".into(),
        mood: None,
        session: None,
    })
    .unwrap();
    h.reload();
    assert_eq!(selected_body(&h), "entry 1049");
    assert_eq!(h.app.data().entry_count, 1_301);
    // Saving a new entry here keeps it too.
    h.keys("nA new one.<C-s><Enter>");
    assert!(h.app.journal().editor().is_none());
    assert_eq!(h.app.data().entry_count, 1_302);
    assert_eq!(selected_body(&h), "entry 1049");
    h.keys("g");
    assert_eq!(selected_body(&h), "A new one.");
}

/// `n` entries one a day back from t0 ("day 0" newest); the days in
/// `lantern` also hold the word "lantern", deep in the text.
fn daily_journal(n: i64, lantern: &[i64]) -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..n {
        let body = if lantern.contains(&i) {
            format!("day {i}\nA long walk, and then a paper lantern by the water.")
        } else {
            format!("day {i}\nA quiet one.")
        };
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::days(i) - TimeDelta::hours(1),
            body,
            mood: None,
            session: None,
        })
        .unwrap();
    }
    Harness::with_db(db, t0())
}

fn title(h: &Harness) -> String {
    selected_body(h)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_search_finds_entries_ten_years_apart_as_it_is_typed() {
    let mut h = daily_journal(3_700, &[5, 1_800, 3_650]);
    h.keys("2jjj");
    assert_eq!(title(&h), "day 3");
    h.keys("/lantern");
    let found: Vec<&str> = h
        .app
        .data()
        .found
        .iter()
        .map(|e| e.body.lines().next().unwrap())
        .collect();
    assert_eq!(found, ["day 5", "day 1800", "day 3650"]);
    assert_eq!(title(&h), "day 5");
    // While typing, `n` is a letter of the search: "lanternn" finds none.
    h.keys("n");
    assert!(h.app.data().found.is_empty());
    h.keys("<BS><Enter>");
    assert_eq!(h.app.data().found.len(), 3);
    assert!(h.app.journal().editor().is_none());
    // Then `n` and `N` go through the matches, and do not write.
    h.keys("n");
    assert_eq!(title(&h), "day 1800");
    h.keys("n");
    assert_eq!(title(&h), "day 3650");
    h.keys("n");
    assert_eq!(title(&h), "day 3650");
    assert!(h.app.journal().editor().is_none());
    h.keys("NN");
    assert_eq!(title(&h), "day 5");
    // Esc clears the search: the whole journal, where it was.
    h.keys("<Esc>");
    assert!(h.app.journal().filter().is_none());
    assert_eq!(title(&h), "day 3");
    // And `n` writes again.
    h.keys("n");
    assert!(h.app.journal().editor().is_some());
}

#[test]
fn a_search_for_nothing_says_so_and_esc_while_typing_clears_it() {
    let mut h = daily_journal(30, &[]);
    h.keys("2/zebra");
    assert!(h.app.data().found.is_empty());
    assert!(h.screen(80, 24).contains("nothing found for “zebra”"));
    h.keys("<Esc>");
    assert!(h.app.journal().filter().is_none());
    assert_eq!(title(&h), "day 0");
    // The crisis key works from the prompt, and the prompt stays.
    h.keys("/wa<C-g>");
    assert!(h.app.care().is_some());
    h.keys("x");
    assert!(h.app.care().is_none());
    assert!(h.app.journal().prompting());
}

/// A journal of these entries, an hour apart back from t0, the first
/// newest; no moods.
fn journal_of(bodies: &[&str]) -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    for (i, body) in (1..).zip(bodies) {
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::hours(i),
            body: (*body).into(),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    Harness::with_db(db, t0())
}

#[test]
fn a_tag_narrows_the_journal_to_its_entries() {
    let mut h = journal_of(&[
        "Slept well #sleep",
        "A walk #outside",
        "Restless night. #Sleep #dreams",
        "Nothing tagged",
    ]);
    h.keys("2#");
    let chooser = h.app.journal().tags().expect("the chooser opens");
    assert!(chooser.all.iter().any(|(t, n)| t == "sleep" && *n == 2));
    h.keys("sle<Enter>");
    let bodies: Vec<&str> = h
        .app
        .journal()
        .shown(h.app.data())
        .iter()
        .map(|e| e.body.as_str())
        .collect();
    assert_eq!(
        bodies,
        ["Slept well #sleep", "Restless night. #Sleep #dreams"]
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("#sleep · 2 entries"), "{screen}");
    h.keys("<Esc>");
    assert_eq!(h.app.journal().shown(h.app.data()).len(), 4);
}

#[test]
fn a_jump_goes_to_the_newest_entry_on_or_before_a_day() {
    // Every other day, so that some days hold nothing.
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..2_000 {
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::days(2 * i) - TimeDelta::hours(1),
            body: format!("entry {i}"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    // t0 is 23 Nov 2026; entry 1500 is 3,000 days back: 6 Sep 2018.
    h.keys("2:2018-09-06 21:00<Enter>");
    assert_eq!(selected_body(&h), "entry 1500");
    assert!(h.app.journal().jump().is_none());
    // A day with nothing: the nearest day before, said calmly.
    h.keys(":2018-09-07<Enter>");
    assert_eq!(selected_body(&h), "entry 1500");
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.contains("Nothing on Fri 7 Sep 2018"), "{said}");
    // A time counts: entry 1500 was written at 13:05, after 10:00.
    h.keys(":2018-09-06 10:00<Enter>");
    assert_eq!(selected_body(&h), "entry 1501");
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        said.contains("Nothing on Thu 6 Sep 2018 by 10:00"),
        "{said}"
    );
    h.keys(":2018-09-06 13:05<Enter>");
    assert_eq!(selected_body(&h), "entry 1500");
    // Relative words work too.
    h.keys(":yesterday 10:00<Enter>");
    assert_eq!(selected_body(&h), "entry 1");
    // Before everything: said, and the oldest entry is selected.
    h.keys(":2001-01-01<Enter>");
    assert_eq!(selected_body(&h), "entry 1999");
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        said.contains("Nothing on or before Mon 1 Jan 2001; here is the first."),
        "{said}"
    );
    // Something that is not a day keeps the prompt open, saying so.
    h.keys(":someday<Enter>");
    let jump = h.app.journal().jump().expect("still open");
    assert!(jump.error.is_some());
    h.keys("<Esc>");
    assert!(h.app.journal().jump().is_none());
}

#[test]
fn the_timeline_searches_notes_and_jumps_into_older_history() {
    let mut db = Db::open_in_memory().unwrap();
    db.add_therapy(t0() - TimeDelta::days(3), Some("Talked about the lantern"))
        .unwrap();
    db.add_therapy(t0() - TimeDelta::days(20), Some("Quiet visit"))
        .unwrap();
    db.add_therapy(t0() - TimeDelta::days(900), Some("The first lantern"))
        .unwrap();
    // A session before the year read puts the "earlier" row there.
    db.add_session(&afterglow::store::NewSession {
        at: t0() - TimeDelta::days(1_000),
        kind: afterglow::domain::SessionKind::Lozenge,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    let mut h = Harness::with_db(db, t0());
    h.keys("1/lantern");
    let rows = &h.app.view().timeline;
    let at = |h: &Harness| h.app.view().timeline[h.app.timeline().selected()].at;
    assert_eq!(at(&h), t0() - TimeDelta::days(3));
    assert_eq!(h.app.timeline().search().unwrap().found, 1);
    assert!(rows.len() > 1);
    // The older match lies behind the "earlier" row: `n` reads it.
    h.keys("<Enter>n");
    h.keys("n");
    assert_eq!(at(&h), t0() - TimeDelta::days(900));
    h.keys("N");
    assert_eq!(at(&h), t0() - TimeDelta::days(3));
    h.keys("<Esc>");
    assert!(h.app.timeline().search().is_none());
    // A jump lands on the newest row on or before the day.
    h.keys(":2026-11-05<Enter>");
    assert!(at(&h) <= t0() - TimeDelta::days(18));
}

#[test]
fn a_timeline_jump_before_the_year_read_reads_the_rest_and_says_where_it_landed() {
    let mut db = Db::open_in_memory().unwrap();
    db.add_therapy(t0() - TimeDelta::days(900), Some("Long ago"))
        .unwrap();
    db.add_session(&afterglow::store::NewSession {
        at: t0() - TimeDelta::days(1_000),
        kind: afterglow::domain::SessionKind::Lozenge,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    let mut h = Harness::with_db(db, t0());
    // 900 days before 23 Nov 2026 is 6 Jun 2024; the 7th holds nothing.
    h.keys("1:2024-06-07<Enter>");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    assert_eq!(row.at, t0() - TimeDelta::days(900));
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.contains("Nothing on Fri 7 Jun 2024"), "{said}");
    // A time counts: the visit was at 14:05, after 09:00.
    h.keys(":2024-06-06 09:00<Enter>");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    assert!(row.at < t0() - TimeDelta::days(900), "{row:?}");
    h.keys(":2001-01-01<Enter>");
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        said.contains("Nothing on or before Mon 1 Jan 2001"),
        "{said}"
    );
    // The oldest row (the first session's plan) is selected.
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    assert_eq!(row.day, (t0() - TimeDelta::days(1_000)).date_naive());
}

#[test]
fn a_search_is_looked_for_again_when_another_program_writes() {
    let mut h = daily_journal(40, &[3, 20]);
    h.keys("2/lantern<Enter>n");
    assert_eq!(title(&h), "day 20");
    h.db.add_entry(&afterglow::store::NewEntry {
        written_at: t0() - TimeDelta::minutes(5),
        body: "a new lantern".into(),
        mood: None,
        session: None,
    })
    .unwrap();
    h.reload();
    assert_eq!(h.app.data().found.len(), 3);
    assert_eq!(title(&h), "day 20");
}

// Issue 12, the tester's round: dialogs, help, legend, views, quit.

/// `Harness::keys`, with `<Home>`, `<End>`, `<Del>` and `<PgDn>` too.
fn type_keys(h: &mut Harness, script: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut rest = script;
    while let Some(at) = rest.find(['<']) {
        let named = [
            ("<Home>", KeyCode::Home),
            ("<End>", KeyCode::End),
            ("<Del>", KeyCode::Delete),
            ("<PgDn>", KeyCode::PageDown),
        ]
        .into_iter()
        .find(|(n, _)| rest[at..].starts_with(n));
        let Some((name, code)) = named else {
            let end = at + rest[at..].find('>').unwrap() + 1;
            h.keys(&rest[..end]);
            rest = &rest[end..];
            continue;
        };
        h.keys(&rest[..at]);
        h.act(afterglow::app::Action::Key(KeyEvent::new(
            code,
            KeyModifiers::NONE,
        )));
        rest = &rest[at + name.len()..];
    }
    h.keys(rest);
}

#[test]
fn a_filled_in_now_is_typed_over_even_after_the_cursor_moved() {
    for moves in ["<End>", "<Home>", "<Left>", "<Right>", "<Left><End>"] {
        let mut h = Harness::new();
        type_keys(&mut h, &format!("n{moves}2026-11-22 21:00"));
        assert_eq!(
            h.app.form().unwrap().get(Name::When),
            "2026-11-22 21:00",
            "after {moves}"
        );
        h.keys("<Enter>");
        assert!(h.app.form().is_none(), "{:?}", h.app.form());
        assert_eq!(logged_at(&h), "2026-11-22T21:00:00+00:00");
    }
    // Backspace and Delete still edit the word.
    let mut h = Harness::new();
    type_keys(&mut h, "n<Home><Del>");
    assert_eq!(h.app.form().unwrap().get(Name::When), "ow");
    type_keys(&mut h, "<Esc>n<End><BS>x");
    assert_eq!(h.app.form().unwrap().get(Name::When), "nox");
    // The save step of a new entry fills in `now` the same way.
    type_keys(&mut h, "<Esc>2nwords<C-s><Tab><End>yesterday 09:00");
    let form = h.app.form().unwrap();
    assert_eq!(form.get(Name::When), "yesterday 09:00");
}

#[test]
fn every_dialogs_time_field_has_one_hint() {
    use afterglow::domain::when::{HINT_AHEAD, HINT_PAST};
    let mut h = Harness::new();
    let at = t0() - TimeDelta::seconds(26 * 3600);
    h.db.add_therapy(at, None).unwrap();
    h.keys("n<Enter>");
    h.reload();
    let hint = |h: &Harness| h.app.form().unwrap().field(Name::When).unwrap().hint;
    let mut seen = Vec::new();
    for (open, want) in [("1n", HINT_PAST), ("1t", HINT_PAST), ("1p", HINT_AHEAD)] {
        h.keys(open);
        assert_eq!(hint(&h), want, "{open}");
        seen.push(hint(&h));
        h.keys("<Esc>");
    }
    select_the_session(&mut h);
    h.keys("e");
    assert_eq!(hint(&h), HINT_PAST, "editing a session");
    h.keys("<Esc>");
    select_therapy(&mut h);
    h.keys("e");
    assert_eq!(hint(&h), HINT_PAST, "editing a visit");
    h.keys("<Esc>2nwords<C-s>");
    assert_eq!(hint(&h), HINT_PAST, "the save step of an entry");
    assert!(!h.screen(80, 24).contains("HH:MM, yesterday HH:MM"));
}

#[test]
fn a_dialogs_reason_has_rows_of_its_own_under_which_the_keys_stay() {
    let mut h = Harness::new();
    h.keys("nsomeday<Enter>");
    for (w, ht) in [(80, 24), (60, 18), (200, 50)] {
        let screen = h.screen(w, ht);
        assert!(screen.contains("could not read \"someday\""), "{screen}");
        assert!(
            screen.contains("Enter saves · Tab next field · Esc cancels"),
            "{w}x{ht}\n{screen}"
        );
    }
}

#[test]
fn a_refused_writes_word_in_the_status_line_leaves_with_its_dialog() {
    let mut h = Harness::new();
    // A habit of that name is there already: the store refuses it.
    h.keys("3nSleep<Enter>");
    let said = h.app.status().expect("the refusal is said").text.clone();
    let screen = h.screen(80, 24);
    assert!(screen.contains("Not saved"), "{screen}");
    assert!(
        screen.contains("Enter saves · Tab next field · Esc cancels"),
        "{screen}"
    );
    h.keys("<Esc>");
    assert!(h.app.form().is_none());
    assert!(h.app.status().is_none(), "{:?}", h.app.status());
    h.keys("1");
    let screen = h.screen(80, 24);
    assert!(!screen.contains(&said[..said.len().min(30)]), "{screen}");
}

#[test]
fn q_while_a_delete_can_be_put_back_says_so_once_then_quits() {
    let mut h = Harness::new();
    h.keys("2nWords to keep<C-s>7<Enter>dy");
    assert!(h.db.entries(10).unwrap().is_empty());
    h.keys("q");
    assert!(!h.app.should_quit(), "the first q stays");
    assert_eq!(
        h.app.status().unwrap().text,
        "u still puts back the entry you deleted; q again quits"
    );
    assert!(
        h.screen(80, 24)
            .contains("u still puts back the entry you deleted")
    );
    // It can still be put back from here.
    h.keys("u");
    assert_eq!(h.db.entries(10).unwrap().len(), 1);
    // Deleted again: asked once more, and the second q quits.
    h.keys("dyq");
    assert!(!h.app.should_quit());
    h.keys("q");
    assert!(h.app.should_quit(), "q again quits");

    // Ctrl-c quits at once, undo or not.
    let mut h = Harness::new();
    h.keys("2nWords<C-s><Enter>dy<C-c>");
    assert!(h.app.should_quit());

    // Once the undo has run out, q quits at once.
    let mut h = Harness::new();
    h.keys("2nWords<C-s><Enter>dy");
    h.advance(31);
    h.keys("q");
    assert!(h.app.should_quit());

    // An archived habit is named as archived.
    let mut h = Harness::new();
    h.keys("3dyq");
    assert_eq!(
        h.app.status().unwrap().text,
        "u still puts back the habit you archived; q again quits"
    );
    // The crisis key is unaffected.
    h.keys("<C-g>");
    assert!(h.app.care().is_some());
}

fn footer(h: &Harness) -> String {
    h.screen(80, 24).lines().last().unwrap().to_string()
}

#[test]
fn a_view_shows_its_own_keys_and_e_edits_what_it_shows() {
    use afterglow::app::form::FormPurpose;
    let mut h = Harness::new();
    h.keys("2nWords to keep<C-s>7<Enter>");
    h.advance(60);
    // An entry, from the journal.
    h.keys("2<Enter>");
    assert!(matches!(h.app.overlay(), Some(Overlay::Entry { .. })));
    let foot = footer(&h);
    assert!(foot.contains("Esc close"), "{foot}");
    assert!(foot.contains("e edit"), "{foot}");
    assert!(foot.contains("↓↑ PgDn scroll"), "{foot}");
    assert!(foot.contains("End/Home last/first"), "{foot}");
    assert!(
        !foot.contains("n write") && !foot.contains("delete"),
        "{foot}"
    );
    assert!(foot.ends_with("Ctrl-g crisis help"), "{foot}");
    h.keys("e");
    assert!(h.app.overlay().is_none());
    assert_eq!(
        h.app.journal().editor().unwrap().editor.text(),
        "Words to keep"
    );
    h.keys("<Esc>");

    // A session and a visit, from the timeline.
    h.keys("1n<Enter>");
    h.db.add_therapy(t0() - TimeDelta::hours(30), Some("kitchen"))
        .unwrap();
    h.reload();
    h.advance(60);
    select_the_session(&mut h);
    h.keys("<Enter>");
    assert!(matches!(h.app.overlay(), Some(Overlay::Session { .. })));
    assert!(footer(&h).contains("e edit"), "{}", footer(&h));
    h.keys("e");
    assert!(h.app.overlay().is_none());
    assert!(matches!(
        h.app.form().unwrap().purpose,
        FormPurpose::EditSession(_)
    ));
    h.keys("<Esc>");
    select_therapy(&mut h);
    h.keys("<Enter>e");
    assert!(h.app.overlay().is_none());
    assert!(matches!(
        h.app.form().unwrap().purpose,
        FormPurpose::EditTherapy(_)
    ));
    h.keys("<Esc>");

    // The help has no edit; an entry opened from the timeline is edited
    // in the journal, as from the timeline's list.
    h.keys("?");
    let foot = footer(&h);
    assert!(
        foot.contains("Esc close") && !foot.contains("edit"),
        "{foot}"
    );
    h.keys("<Esc>");
    h.keys("1g");
    for _ in 0..20 {
        if matches!(
            h.app.view().timeline[h.app.timeline().selected()].kind,
            afterglow::app::data::RowKind::Entry(_)
        ) {
            break;
        }
        h.keys("j");
    }
    h.keys("<Enter>");
    assert!(
        matches!(h.app.overlay(), Some(Overlay::Entry { .. })),
        "{:?}",
        h.app.view().timeline
    );
    assert!(!footer(&h).contains("edit"), "{}", footer(&h));
    h.keys("e");
    assert!(h.app.overlay().is_some(), "e does nothing here");
}

#[test]
fn n_with_nothing_found_says_so() {
    let mut h = daily_journal(10, &[3]);
    let said = |h: &Harness| h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    h.keys("1/zzqq<Enter>n");
    assert_eq!(said(&h), "Nothing found for “zzqq”.");
    h.keys("<Esc>2/zzqq<Enter>n");
    assert_eq!(said(&h), "Nothing found for “zzqq”.");
}

#[test]
fn ctrl_u_clears_a_prompt() {
    let mut h = daily_journal(10, &[3]);
    h.keys("2/lantern<C-u>");
    assert_eq!(
        h.app.journal().filter(),
        Some(&afterglow::app::journal::Filter::Search {
            query: String::new(),
            typing: true,
            tag: None
        })
    );
    h.keys("<Esc>:2026-11-01<C-u>");
    assert_eq!(h.app.journal().jump().unwrap().text, "");
    h.keys("<Esc>1/lantern<C-u>");
    assert_eq!(h.app.timeline().search().unwrap().query, "");
    h.keys("<Esc>:2026-11-01<C-u>");
    assert_eq!(h.app.timeline().jump().unwrap().text, "");
}

/// Two entries a day for `days` days, one of them about a kestrel, and a
/// session long before, so that the timeline reads a year at first.
fn twice_daily(days: i64, kestrel: i64) -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..days * 2 {
        let body = if i == kestrel {
            format!("half-day {i}\nA kestrel hovered #birds")
        } else {
            format!("half-day {i}\nA quiet one.")
        };
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::hours(12 * i + 1),
            body,
            mood: None,
            session: None,
        })
        .unwrap();
    }
    db.add_session(&afterglow::store::NewSession {
        at: t0() - TimeDelta::days(days + 10),
        kind: afterglow::domain::SessionKind::Lozenge,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    Harness::with_db(db, t0())
}

#[test]
fn the_timeline_shows_every_entry_read_and_finds_any_in_the_journal() {
    let mut h = twice_daily(1_500, 2_400);
    // Every entry of the year read has its row (more than 500 of them).
    let rows = |h: &Harness| {
        h.app
            .view()
            .timeline
            .iter()
            .filter(|r| matches!(r.kind, afterglow::app::data::RowKind::Entry(_)))
            .count()
    };
    assert!(rows(&h) > 700, "{}", rows(&h));
    assert_eq!(rows(&h), h.app.data().heads.len());
    // The search finds the kestrel 1,200 days back; while typing it only
    // says so, Enter reads the history before the year and lands on its row.
    let read = rows(&h);
    h.keys("1/kestrel");
    let search = h.app.timeline().search().unwrap();
    assert_eq!(search.found, 1);
    assert_eq!(rows(&h), read, "nothing more read while typing");
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.contains("Enter goes there"), "{said}");
    h.keys("<Enter>");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    assert_eq!(row.at, t0() - TimeDelta::hours(12 * 2_400 + 1));
    assert!(rows(&h) > 2_900);
    // Opening it reads it whole.
    h.keys("<Enter>");
    assert!(matches!(h.app.overlay(), Some(Overlay::Entry { .. })));
    let Some(Overlay::Entry { id, .. }) = h.app.overlay() else {
        unreachable!()
    };
    let body = &h.app.data().entry(*id).unwrap().body;
    assert_eq!(body, "half-day 2400\nA kestrel hovered #birds");
}

#[test]
fn every_match_of_a_search_or_tag_is_counted_and_reachable() {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..1_300 {
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::hours(6 * i + 1),
            body: format!("entry {i}\nthe walk #birds"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    h.keys("2/the<Enter>");
    assert_eq!(h.app.data().found_keys.len(), 1_300);
    assert_eq!(title(&h), "entry 0");
    // `n` goes on past the first pages read.
    for _ in 0..450 {
        h.keys("n");
    }
    assert_eq!(title(&h), "entry 450");
    h.keys("G");
    assert_eq!(title(&h), "entry 1299");
    h.keys("n");
    let said = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(said, "That is the oldest one found.");
    h.keys("N");
    assert_eq!(title(&h), "entry 1298");
    h.keys("g");
    assert_eq!(title(&h), "entry 0");
    // A tag likewise.
    h.keys("<Esc>#<Enter>");
    assert_eq!(h.app.data().found_keys.len(), 1_300);
    h.keys("G");
    assert_eq!(title(&h), "entry 1299");
    let screen = h.screen(120, 40);
    assert!(screen.contains("#birds · 1,300 entries"), "{screen}");
}

#[test]
fn a_search_begun_on_a_tag_searches_within_it_and_esc_goes_back_to_it() {
    let mut h = journal_of(&[
        "A kestrel again #birds",
        "Rain again #walks",
        "Two herons #birds",
        "again and again",
    ]);
    h.keys("2#birds<Enter>");
    assert_eq!(h.app.data().found_keys.len(), 2);
    h.keys("/again<Enter>");
    assert_eq!(h.app.data().found_keys.len(), 1);
    assert_eq!(title(&h), "A kestrel again #birds");
    let screen = h.screen(120, 40);
    assert!(screen.contains("1 found for “again” in #birds"), "{screen}");
    h.keys("<Esc>");
    assert_eq!(
        h.app.journal().filter(),
        Some(&afterglow::app::journal::Filter::Tag("birds".into()))
    );
    assert_eq!(h.app.data().found_keys.len(), 2);
    h.keys("<Esc>");
    assert!(h.app.journal().filter().is_none());
}

#[test]
fn a_put_back_that_fails_keeps_what_was_deleted_to_try_again() {
    use afterglow::app::{Command, Effect};
    let mut h = Harness::new();
    h.keys("2nWords to keep<C-s><Enter>");
    h.keys("2gdy");
    assert!(h.db.entries(10).unwrap().is_empty());
    // The key asks for the put-back; the store fails it (busy, say).
    let effects = h.app.update(Action::Command(Command::Undo));
    assert!(
        matches!(effects.as_slice(), [Effect::PutBack(_)]),
        "{effects:?}"
    );
    h.app.update(Action::Failed("the file is busy".into()));
    // Still held: the key asks again, and this time it goes through.
    assert!(h.app.undoable().is_some());
    h.keys("u");
    let bodies: Vec<String> =
        h.db.entries(10)
            .unwrap()
            .into_iter()
            .map(|e| e.body)
            .collect();
    assert_eq!(bodies, ["Words to keep"]);
    // Once back, there is nothing left to put back a second time.
    assert!(h.app.undoable().is_none());
    h.keys("u");
    assert_eq!(h.app.status().unwrap().text, "Nothing to undo just now.");
    assert_eq!(h.db.entries(10).unwrap().len(), 1);
}

#[test]
fn newer_entries_deleted_elsewhere_leave_the_window_at_the_journals_start() {
    let mut h = long_journal(500);
    h.keys("2G");
    assert_eq!(h.app.data().entry_offset, 300);
    // Another program deletes the 300 newest entries.
    let newest: Vec<_> =
        h.db.entries(300)
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
    for id in newest {
        h.db.delete_entry(id).unwrap();
    }
    // Moving up towards the window's top asks for newer entries: none.
    for _ in 0..199 {
        h.keys("k");
    }
    assert_eq!(
        h.app.data().entry_offset,
        0,
        "the window starts the journal"
    );
    assert_eq!(selected_body(&h), "entry 300");
}

/// What `pane` shows on each screen row at 80x24, by row.
fn pane_lines(h: &Harness, pane: PaneId) -> Vec<(u16, String)> {
    let rect = h.app.areas().pane(pane).unwrap();
    let screen = h.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    (rect.y + 1..rect.y + rect.height - 1)
        .map(|y| {
            let line: String = lines[usize::from(y)]
                .chars()
                .skip(usize::from(rect.x))
                .take(usize::from(rect.width))
                .collect();
            (y, line)
        })
        .collect()
}

/// Entries "note-00" (newest) to "note-NN", one every `days` days back.
fn notes_every(h: &mut Harness, count: usize, days: i64) {
    use afterglow::store::NewEntry;
    for i in 0..count {
        h.db.add_entry(&NewEntry {
            written_at: h.now - TimeDelta::days(1 + days * i64::try_from(i).unwrap()),
            body: format!("note-{i:02}"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    // A session logged: the header is its compact self.
    h.db.add_session(&afterglow::store::NewSession {
        at: h.now - TimeDelta::days(400),
        kind: afterglow::domain::SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    h.reload();
}

#[test]
fn a_click_in_the_timeline_selects_the_row_drawn_below_the_month_lines() {
    let mut h = Harness::new();
    notes_every(&mut h, 12, 9);
    h.keys("1");
    let lines = pane_lines(&h, PaneId::Timeline);
    let months = lines.iter().filter(|(_, l)| l.contains("── ")).count();
    assert!(months >= 2, "month lines are drawn: {lines:?}");
    // The lowest note drawn, with month lines above it.
    let (_, line) = lines
        .iter()
        .rev()
        .find(|(_, l)| l.contains("note-"))
        .unwrap();
    let at = line.find("note-").unwrap();
    let pick = line[at..at + 7].to_string();
    click_on(&mut h, PaneId::Timeline, &pick);
    assert_eq!(h.app.focus(), PaneId::Timeline);
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    let entry = h
        .app
        .data()
        .entries
        .iter()
        .find(|e| e.body == pick)
        .unwrap();
    assert_eq!(
        row.kind,
        afterglow::app::data::RowKind::Entry(entry.id),
        "the click on {pick} selected another row"
    );
    // A click on a month line selects nothing new.
    let before = h.app.timeline().selected();
    let lines = pane_lines(&h, PaneId::Timeline);
    let (_, month) = lines.iter().find(|(_, l)| l.contains("── ")).unwrap();
    let name = month.trim().to_string();
    click_on(&mut h, PaneId::Timeline, &name);
    assert_eq!(h.app.timeline().selected(), before);
}

/// The body of the entry the journal has selected.
fn journal_pick(h: &Harness) -> String {
    h.app.journal().entry(h.app.data()).unwrap().body.clone()
}

/// The lowest "note-NN" the journal pane shows.
fn lowest_note(h: &Harness) -> String {
    let lines = pane_lines(h, PaneId::Journal);
    // Not the line being typed.
    let (_, line) = lines
        .iter()
        .rev()
        .find(|(_, l)| l.contains("note-") && !l.contains('▏'))
        .unwrap();
    let at = line.find("note-").unwrap();
    line[at..at + 7].to_string()
}

#[test]
fn a_click_in_the_journal_selects_the_entry_drawn_there_during_a_search() {
    let mut h = Harness::new();
    notes_every(&mut h, 40, 1);
    h.keys("2/note-1<Enter>");
    assert!(h.app.journal().filter().is_some());
    let pick = lowest_note(&h);
    assert_ne!(journal_pick(&h), pick);
    click_on(&mut h, PaneId::Journal, &pick);
    assert_eq!(journal_pick(&h), pick);
    // And while the words are still being typed, the prompt below.
    h.keys("/<C-u>note-2");
    let pick = lowest_note(&h);
    click_on(&mut h, PaneId::Journal, &pick);
    assert_eq!(journal_pick(&h), pick);
}

#[test]
fn a_click_in_a_long_journal_selects_the_entry_drawn_there_after_scrolling() {
    let mut h = Harness::new();
    notes_every(&mut h, 260, 1);
    h.keys("2");
    assert!(h.app.data().entry_count > h.app.data().entries.len());
    for _ in 0..30 {
        h.keys("j");
    }
    let pick = lowest_note(&h);
    click_on(&mut h, PaneId::Journal, &pick);
    assert_eq!(journal_pick(&h), pick);
    // The first shown too.
    let lines = pane_lines(&h, PaneId::Journal);
    let (_, line) = lines.iter().find(|(_, l)| l.contains("note-")).unwrap();
    let at = line.find("note-").unwrap();
    let first = line[at..at + 7].to_string();
    click_on(&mut h, PaneId::Journal, &first);
    assert_eq!(journal_pick(&h), first);
}

#[test]
fn a_paste_goes_to_an_open_prompt_as_if_typed() {
    use afterglow::app::Action;
    let mut h = Harness::new();
    h.db.add_entry(&afterglow::store::NewEntry {
        written_at: h.now - TimeDelta::days(60),
        body: "a #calm day".into(),
        mood: None,
        session: None,
    })
    .unwrap();
    notes_every(&mut h, 40, 1);
    // The journal's search: the results follow the pasted words.
    h.keys("2/");
    h.act(Action::Paste("note-\r\n3\u{7}".into()));
    let found: Vec<String> = h
        .app
        .journal()
        .shown(h.app.data())
        .iter()
        .map(|e| e.body.clone())
        .collect();
    // Both words, as typed: every note holding a 3.
    assert_eq!(found.len(), 13, "{found:?}");
    assert!(found.iter().all(|b| b.contains('3')));
    assert!(h.screen(80, 24).contains("/ note- 3"));
    h.keys("<Esc>");
    // The timeline's search.
    h.keys("1/");
    h.act(Action::Paste("note-05".into()));
    assert_eq!(h.app.timeline().search().unwrap().query, "note-05");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    let entry = h.app.data().entries.iter().find(|e| e.body == "note-05");
    assert_eq!(
        row.kind,
        afterglow::app::data::RowKind::Entry(entry.unwrap().id)
    );
    h.keys("<Esc>");
    // The jump prompt, then Enter goes there.
    h.keys(":");
    h.act(Action::Paste("2026-11-10\n".into()));
    assert_eq!(h.app.timeline().jump().unwrap().text, "2026-11-10");
    h.keys("<Enter>");
    let row = &h.app.view().timeline[h.app.timeline().selected()];
    assert_eq!(
        row.day,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()
    );
    // The tag chooser.
    h.keys("2#");
    h.act(Action::Paste("ca".into()));
    assert_eq!(h.app.journal().tags().unwrap().typed, "ca");
    h.keys("<Enter>");
    assert_eq!(h.app.journal().shown(h.app.data())[0].body, "a #calm day");
}

#[test]
fn a_part_typed_word_never_reads_the_whole_history_and_esc_gives_it_back() {
    let mut h = twice_daily(1_500, 2_400);
    let rows = |h: &Harness| h.app.view().timeline.len();
    let read = rows(&h);
    // "ke" and "kes" match only the kestrel, years back: nothing more is read.
    h.keys("1/ke");
    assert_eq!(rows(&h), read);
    h.keys("s");
    assert_eq!(rows(&h), read);
    h.keys("<BS><BS><BS>");
    assert_eq!(rows(&h), read);
    // Enter goes there, reading it all; Esc gives the recent window back.
    h.keys("kestrel<Enter>");
    assert!(rows(&h) > read);
    h.keys("<Esc>");
    assert!(h.app.timeline().search().is_none());
    assert_eq!(rows(&h), read, "back to the recent window");
    // Typed again and dropped: nothing more is read.
    h.keys("/kestrel");
    assert_eq!(rows(&h), read);
    h.keys("<Esc>");
    assert_eq!(rows(&h), read);
}

#[test]
fn a_page_of_matches_that_failed_to_read_is_asked_for_again() {
    use afterglow::app::{Command, Effect};
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..600 {
        db.add_entry(&afterglow::store::NewEntry {
            written_at: t0() - TimeDelta::hours(i + 1),
            body: format!("entry {i} by the river"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    h.keys("2/river<Enter>");
    assert_eq!(h.app.data().found_keys.len(), 600);
    let reads = |effects: &[Effect]| {
        effects
            .iter()
            .any(|e| matches!(e, Effect::ReadFound { .. }))
    };
    // Moving down nears the end of the matches held: the app asks the
    // store for the next page of them (not carried out here), and the
    // store fails (busy, say).
    let mut asked = false;
    for _ in 0..300 {
        if reads(&h.app.update(Action::Command(Command::Down))) {
            asked = true;
            break;
        }
    }
    assert!(asked, "moving down never asked for more matches");
    h.app.update(Action::Failed("the file is busy".into()));
    // Nothing is on its way any more: the next step asks again.
    let effects = h.app.update(Action::Command(Command::Down));
    assert!(reads(&effects), "{effects:?}");
}

#[test]
fn c_checks_in_from_any_pane_and_a_second_the_same_day_asks() {
    let mut h = Harness::new();
    // From the habits pane: the key is the dashboard's, not a pane's.
    h.keys("3c");
    let form = h.app.form().expect("the check-in dialog");
    assert_eq!(form.get(Name::Mood), "5");
    assert_eq!(form.get(Name::Anxiety), "not given");
    h.keys("<Right><Right><Down><Right><Right><Right><Down><Down>a calm morning<Enter>");
    assert!(
        h.app.form().is_none(),
        "{:?}",
        h.app.form().and_then(|f| f.error.clone())
    );
    let saved = h.db.checkins().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].mood.get(), 7);
    assert_eq!(saved[0].anxiety.map(|a| a.get()), Some(2));
    assert_eq!(saved[0].energy, None);
    assert_eq!(saved[0].note.as_deref(), Some("a calm morning"));
    assert!(h.app.care().is_none(), "a mood of 7 gets no care card");

    // A second the same day: nothing is saved until the person answers.
    h.advance(3600);
    h.keys("1c<Left><Enter>");
    let q = h.app.confirm().expect("asked").question.clone();
    assert_eq!(
        q,
        "You checked in today at 14:05 (mood 7). Replace it, or keep both?"
    );
    assert_eq!(h.db.checkins().unwrap().len(), 1);
    // `n` goes back to the dialog, as it was.
    h.keys("n");
    assert!(h.app.confirm().is_none());
    assert_eq!(h.app.form().unwrap().get(Name::Mood), "4");
    h.keys("<Enter>r");
    assert!(h.app.form().is_none());
    let saved = h.db.checkins().unwrap();
    assert_eq!(saved.len(), 1, "replaced");
    assert_eq!(saved[0].mood.get(), 4);
    // Keep both.
    h.keys("c<Right><Enter>a");
    let moods: Vec<u8> =
        h.db.checkins()
            .unwrap()
            .iter()
            .map(|c| c.mood.get())
            .collect();
    assert_eq!(moods, vec![4, 6]);
}

#[test]
fn a_low_check_in_gets_the_journals_gentle_answer() {
    let mut h = Harness::new();
    // Mood 5, four to the left: 1.
    h.keys("c<Left><Left><Left><Left><Enter>");
    assert_eq!(h.db.checkins().unwrap()[0].mood.get(), 1);
    assert_eq!(h.app.care(), Some(afterglow::app::Care::LowMood));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Saved, and kept"), "{screen}");
    assert!(screen.contains("Thank you for writing it down"), "{screen}");
    // Any key goes back.
    h.keys("x");
    assert!(h.app.care().is_none());
}

#[test]
fn holding_left_on_the_mood_stops_at_very_low_and_the_scales_stop_at_their_ends() {
    let mut h = Harness::new();
    // Held Left "to mean very low": the mood stops at 1, never comes round.
    h.keys("c");
    h.keys(&"<Left>".repeat(12));
    assert_eq!(h.app.form().unwrap().get(Name::Mood), "1");
    h.keys(&"<Right>".repeat(12));
    assert_eq!(
        h.app.form().unwrap().get(Name::Mood),
        "10",
        "Right stops too"
    );
    h.keys(&"<Left>".repeat(12));
    // Anxiety: Left from "not given" stays; Right stops at 10.
    h.keys("<Down><Left>");
    assert_eq!(h.app.form().unwrap().get(Name::Anxiety), "not given");
    h.keys(&"<Right>".repeat(14));
    assert_eq!(h.app.form().unwrap().get(Name::Anxiety), "10");
    // Energy: Left from 0 goes back to "not given", and stays there.
    h.keys("<Down><Right><Left><Left><Left>");
    assert_eq!(h.app.form().unwrap().get(Name::Energy), "not given");
    h.keys("<Enter>");
    let saved = h.db.checkins().unwrap();
    assert_eq!(saved[0].mood.get(), 1);
    assert_eq!(saved[0].anxiety.map(|a| a.get()), Some(10));
    assert_eq!(saved[0].energy, None);
    assert_eq!(h.app.care(), Some(afterglow::app::Care::LowMood));
}

#[test]
fn a_list_of_names_still_wraps_round() {
    let mut h = Harness::new();
    // A new habit's "how often" is a list of names: Left from the first
    // comes round to the last.
    h.keys("3n");
    let form = h.app.form().expect("the habit dialog");
    let at = form.fields.iter().position(|f| f.name == Name::Schedule);
    let Some(at) = at else {
        panic!("a schedule field: {form:?}");
    };
    let first = form.get(Name::Schedule);
    for _ in 0..at {
        h.keys("<Tab>");
    }
    h.keys("<Left><Right>");
    assert_eq!(h.app.form().unwrap().get(Name::Schedule), first);
    h.keys("<Left>");
    assert_ne!(h.app.form().unwrap().get(Name::Schedule), first, "wrapped");
}

#[test]
fn a_check_in_dated_ahead_or_with_a_long_note_is_refused_kindly() {
    let mut h = Harness::new();
    h.keys("c<Down><Down><Down><Down><BS><BS><BS>tomorrow 10:00<Enter>");
    let err = h.app.form().and_then(|f| f.error.clone()).unwrap();
    assert!(err.contains("still ahead"), "{err}");
    h.keys("<Up>");
    h.act(afterglow::app::Action::Paste("a".repeat(201)));
    h.keys("<Down><C-u>now<Enter>");
    let err = h.app.form().and_then(|f| f.error.clone()).unwrap();
    assert!(err.contains("at most 200 characters"), "{err}");
    assert!(h.db.checkins().unwrap().is_empty());
    // Esc over a written note asks first.
    h.keys("<Esc>");
    assert!(h.app.confirm().is_some());
}

/// A questionnaire whose second item asks about safety.
fn with_questionnaires(h: &mut Harness) {
    let own = afterglow::config::questionnaires::parse(
        r#"
key = "steady"
name = "A steadiness check"
recall = "Over the last few days"
choices = [
  { label = "never", score = 0 },
  { label = "sometimes", score = 1 },
  { label = "often", score = 2 },
  { label = "always", score = 3 },
]
[[item]]
text = "I slept through the night."
[[item]]
text = "A dark thought stayed with me."
safety = true
[[item]]
text = "I ate regular meals."
[[band]]
min = 0
max = 5
label = "steady"
[[band]]
min = 6
max = 9
label = "unsteady"
severe = true
"#,
        std::path::Path::new("steady.toml"),
    )
    .unwrap();
    let mut list = afterglow::config::questionnaires::load(None).questionnaires;
    list.push(own);
    h.act(afterglow::app::Action::Questionnaires { list, problems: 1 });
}

#[test]
fn unreadable_questionnaire_files_are_said_whole_at_60_columns() {
    for problems in [1, 11] {
        let mut h = Harness::new();
        h.act(afterglow::app::Action::Questionnaires {
            list: afterglow::config::questionnaires::load(None).questionnaires,
            problems,
        });
        let said = status_text(&h);
        assert!(said.contains("did not load"), "{said}");
        let screen = h.screen(60, 18);
        assert!(
            screen.lines().any(|l| l.contains(said.as_str())),
            "whole on one row:\n{screen}"
        );
    }
}

#[test]
fn many_long_choices_scroll_with_the_selection_and_wrap_whole() {
    use afterglow::app::questionnaire::Step;
    let mut h = Harness::new();
    h.with_many_choices();
    h.keys("Q1");
    assert_eq!(h.app.asking().unwrap().step, Step::Item(0));
    let screen = h.screen(60, 18);
    assert!(screen.contains("↓ more below"), "{screen}");
    assert!(screen.contains("1-9 for the first nine"), "{screen}");
    assert!(!screen.contains('…'), "labels wrap, never cut:\n{screen}");
    assert!(screen.contains("       it wraps"), "{screen}");
    h.keys(&"<Down>".repeat(14));
    let screen = h.screen(60, 18);
    assert!(screen.contains("› "), "the selection in sight:\n{screen}");
    assert!(screen.contains("choice 15 of twenty"), "{screen}");
    assert!(screen.contains("↑ more above"), "{screen}");
    assert!(screen.contains("↓ more below"), "{screen}");
    assert!(!screen.contains(" 1  choice 1 of"), "{screen}");
    assert!(!screen.contains('…'), "{screen}");
    // Only the first nine have number keys; the tenth and on show none.
    assert!(!screen.contains("15  choice 15"), "{screen}");
    h.keys(&"<Down>".repeat(10));
    let screen = h.screen(60, 18);
    assert!(screen.contains("choice 20 of twenty"), "{screen}");
    assert!(!screen.contains("↓ more below"), "{screen}");
    h.keys("<Enter>");
    let saved = h.db.questionnaire_results().unwrap();
    assert_eq!(saved[0].answers, vec![19]);
}

#[test]
fn a_safety_answer_shows_the_help_before_the_next_item() {
    use afterglow::app::questionnaire::Step;
    let mut h = Harness::new();
    with_questionnaires(&mut h);
    assert!(
        status_text(&h).contains("did not load"),
        "said once, calmly"
    );
    // From the journal pane; the second questionnaire by its number.
    h.keys("2Q2");
    assert_eq!(h.app.asking().unwrap().step, Step::Item(0));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Question 1 of 3 · Over the last few days"),
        "{screen}"
    );
    assert!(screen.contains("I slept through the night."), "{screen}");
    // The lowest choice on the safety item shows nothing more.
    h.keys("1<Down><Down><Up><Up><Enter>");
    assert_eq!(h.app.asking().unwrap().step, Step::Item(2));
    h.keys("<Esc>");
    assert!(
        h.app.confirm().is_some(),
        "answers are not thrown away unasked"
    );
    h.keys("n");
    assert_eq!(h.app.asking().unwrap().step, Step::Item(2), "still there");
    h.keys("<C-c>");
    assert!(!h.app.should_quit(), "Ctrl-c asks too, as in a dialog");
    assert!(h.app.confirm().is_some());
    h.keys("y");
    assert!(h.app.asking().is_none());
    assert!(h.db.questionnaire_results().unwrap().is_empty());

    // Again; now the safety item answered above its lowest choice.
    h.keys("Q<Down><Enter>2");
    h.keys("4");
    let a = h.app.asking().unwrap();
    assert!(matches!(a.step, Step::Help { .. }), "{:?}", a.step);
    let screen = h.screen(80, 24);
    assert!(screen.contains("nobody else sees"), "{screen}");
    assert!(screen.contains("reach out to someone today"), "{screen}");
    // Nothing is kept until the end: the help promises no more than that,
    // as Esc's question says.
    assert!(
        screen.contains("with the questions; answers are saved at the end."),
        "{screen}"
    );
    assert!(!screen.contains("so far are kept"), "{screen}");
    assert!(
        !screen.contains("I ate regular meals"),
        "the next item waits:\n{screen}"
    );
    assert!(
        !screen.contains("total"),
        "no score before the help:\n{screen}"
    );
    assert!(h.db.questionnaire_results().unwrap().is_empty());
    // Any key goes on to the next item.
    h.keys("x");
    assert_eq!(h.app.asking().unwrap().step, Step::Item(2));
    // 1 + 3 + 2 = 6: a severe band, so the help again before the total.
    h.keys("3");
    assert!(matches!(h.app.asking().unwrap().step, Step::Help { .. }));
    let screen = h.screen(80, 24);
    assert!(!screen.contains("Your total"), "{screen}");
    assert!(
        screen.contains("Your answers are saved; any key shows the total."),
        "{screen}"
    );
    h.keys("<Enter>");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Your total: 6 of 9."), "{screen}");
    assert!(screen.contains("unsteady"), "{screen}");
    let saved = h.db.questionnaire_results().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].key.as_str(), saved[0].answers.clone()),
        ("steady", vec![1, 3, 2])
    );
    h.keys("<Enter>");
    assert!(h.app.asking().is_none());
}
