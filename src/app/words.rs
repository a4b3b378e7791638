//! The dashboard's words that name a key. Each takes the key from the key
//! map in effect, so that it stays true when the config gives a command
//! another key ("Use p to plan" must not name `p` once `p` means nothing).
//! Keys that are fixed (the dialogs' Enter, Tab and Esc, the question's
//! `y` and `n`, Ctrl-c) are written as they are.

use super::keymap::Keymap;

/// The file failed its check: shown as it is, nothing saved. Short enough
/// for the status line of an 80-column terminal.
pub const READ_ONLY: &str = "Read-only: the file failed its check; nothing is saved.";
use crate::domain::value;

/// A logged session's time lies ahead.
pub fn plan_instead(keys: &Keymap) -> String {
    format!(
        "{}. Use {} to plan a session instead.",
        value::said(&value::ValueError::StillAhead),
        keys.label("timeline.plan")
    )
}

/// The timeline's last row, before the whole history is read.
pub fn earlier_sessions(keys: &Keymap, sessions: usize, since: &str) -> String {
    format!(
        "↓ {sessions} earlier session{}{since} · {} shows them",
        if sessions == 1 { "" } else { "s" },
        keys.label("open")
    )
}

/// The title of an entry shown over the dashboard.
pub fn entry_view_title(keys: &Keymap) -> String {
    format!(
        "Journal entry · {} edits from the list",
        keys.label("journal.edit")
    )
}

/// The title of a session shown over the dashboard.
pub fn session_view_title(keys: &Keymap) -> String {
    format!(
        "Session · {} edits, {} deletes from the list",
        keys.label("timeline.edit"),
        keys.label("timeline.delete")
    )
}

/// The title of a therapy visit shown over the dashboard.
pub fn therapy_view_title(keys: &Keymap) -> String {
    format!(
        "Therapy visit · {} edits, {} deletes from the list",
        keys.label("timeline.edit"),
        keys.label("timeline.delete")
    )
}

/// The status line when the dashboard opens on kept drafts.
pub fn drafts_waiting(keys: &Keymap, waiting: usize) -> String {
    // Short enough for the footer at 60 columns, beside the crisis hint.
    let kept = match waiting {
        1 => "Your draft is kept".to_string(),
        n => format!("{n} drafts kept"),
    };
    format!(
        "{kept}; {} then {} goes on.",
        keys.label("focus_journal"),
        keys.label("journal.new")
    )
}

/// The editor closed once its words were kept; `apart` when another
/// window's draft kept them beside its own.
pub fn draft_kept_on_close(keys: &Keymap, apart: bool) -> String {
    let next = keys.label("journal.new");
    if apart {
        format!("Draft kept, apart from another window's; {next} goes on.")
    } else {
        format!("Draft kept. Press {next} in the journal to go on writing.")
    }
}

/// A kept draft opened again in the editor: `at` of `count`.
pub fn kept_draft_back(keys: &Keymap, at: usize, count: usize) -> String {
    match count {
        1 => format!(
            "Your kept draft is back. {} saves it.",
            keys.label("editor.save")
        ),
        n => format!(
            "Kept draft {} of {n} is back; {}, then {}, brings the next.",
            at + 1,
            keys.label("editor.close"),
            keys.label("journal.new")
        ),
    }
}

/// Editing an entry waits for the kept draft.
pub fn finish_kept_draft(keys: &Keymap) -> String {
    format!(
        "You have a kept draft. Press {} to finish it first.",
        keys.label("journal.new")
    )
}

/// Saving an editor with nothing in it.
pub fn nothing_to_save(keys: &Keymap) -> String {
    format!(
        "Nothing to save yet. {} closes the editor.",
        keys.label("editor.close")
    )
}

/// The empty timeline's two hint lines.
pub fn empty_timeline(keys: &Keymap) -> [String; 2] {
    [
        format!(
            " {} logs a session, {} plans one,",
            keys.label("timeline.new"),
            keys.label("timeline.plan")
        ),
        format!(" {} logs a therapy visit.", keys.label("timeline.therapy")),
    ]
}

/// The empty journal's hint.
pub fn empty_journal(keys: &Keymap) -> String {
    format!(
        " Press {} to write; a gentle prompt",
        keys.label("journal.new")
    )
}

/// More kept drafts than the journal pane lists.
pub fn more_drafts(keys: &Keymap, more: usize) -> String {
    format!(
        " ✎ {more} more drafts; {} offers each in turn",
        keys.label("journal.new")
    )
}

/// The empty habits pane's hint.
pub fn empty_habits(keys: &Keymap) -> String {
    format!(
        " Press {} to add one, such as a walk.",
        keys.label("habits.new")
    )
}

/// The intention pane with no intention held; `planned` when a session
/// is planned.
pub fn no_intention(keys: &Keymap, planned: bool) -> String {
    let new = keys.label("intention.new");
    if planned {
        format!(" No intention yet. {new} sets one.")
    } else {
        format!(" No intention waiting. {new} sets one before a session.")
    }
}

/// A new intention in place of the one a session holds: the old one's
/// words stay.
pub fn intention_stays(keys: &Keymap, old: &str) -> String {
    format!(
        "“{old}” stays in the history. To change its words, {} edits it.",
        keys.label("intention.edit")
    )
}

/// A reflection asked for before its session is logged.
pub fn reflect_after_logging(keys: &Keymap) -> String {
    format!(
        "You can reflect once the session is logged. Until then, {} edits it.",
        keys.label("intention.edit")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Override;

    fn rebound() -> Keymap {
        let o = |name: &str, key: &str| Override {
            name: name.into(),
            keys: vec![key.parse().unwrap()],
        };
        Keymap::with_overrides(&[
            o("timeline.plan", "P"),
            o("timeline.edit", "E"),
            o("timeline.delete", "X"),
            o("journal.edit", "F2"),
            o("open", "o"),
            o("journal.new", "w"),
            o("editor.save", "Ctrl-w"),
            o("habits.new", "a"),
            o("intention.new", "i"),
            o("intention.edit", "F3"),
        ])
        .unwrap()
    }

    #[test]
    fn words_name_the_keys_in_effect() {
        let k = rebound();
        assert!(plan_instead(&k).contains("Use P to plan"));
        assert!(earlier_sessions(&k, 2, "").contains("o shows them"));
        assert!(entry_view_title(&k).contains("F2 edits"));
        assert!(session_view_title(&k).contains("E edits, X deletes"));
        assert!(drafts_waiting(&k, 1).contains("then w goes on"));
        assert!(draft_kept_on_close(&k, false).contains("Press w in the journal"));
        assert!(kept_draft_back(&k, 0, 1).contains("Ctrl-w saves"));
        assert!(finish_kept_draft(&k).contains("Press w"));
        assert!(empty_journal(&k).contains("Press w to write"));
        assert!(more_drafts(&k, 2).contains("w offers"));
        assert!(empty_habits(&k).contains("Press a to add"));
        assert!(no_intention(&k, true).contains("i sets one"));
        assert!(empty_timeline(&k)[0].contains("P plans one"));
        assert!(intention_stays(&k, "rest").contains("F3 edits it"));
        assert!(reflect_after_logging(&k).contains("F3 edits it"));
    }

    #[test]
    fn the_defaults_read_as_before() {
        let k = Keymap::default();
        assert_eq!(
            plan_instead(&k),
            "That time is still ahead. Use p to plan a session instead."
        );
        assert_eq!(
            session_view_title(&k),
            "Session · e edits, d deletes from the list"
        );
        assert!(earlier_sessions(&k, 1, "").ends_with("· Enter shows them"));
    }
}
