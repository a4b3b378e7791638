//! The Journal pane: entries newest first, and the editor that writes them.
//!
//! Every change in the editor is stored as a draft straight away, so closing
//! the editor, quitting, or a crash never loses typed text. Each editor
//! keeps a draft of its own (see `store::drafts`); when several are kept,
//! `n` offers each in turn.

use std::path::Path;

use chrono::{DateTime, Utc};

mod browse;
mod found;
mod place;

pub use browse::{Filter, Land, TagChooser, key_of};
pub use found::Fit;
pub use place::MAX_DRAFT_LINES;

use super::action::{Command, PaneId};
use super::editor::TextEditor;
use super::effect::{Effect, EntryPage};
use super::form::{Answers, Confirm, ConfirmAction, Field, Form, FormPurpose, Name};
use super::keymap::Keymap;
use super::keymap::{Binding, Scope, b};
use super::panes::registry::{PaneSpec, Slot};
use super::panes::{Ctx, Overlay, Reply, is_motion};
use super::prompt::Jump;
use crate::domain::draft::{Draft, DraftKey, StoredDraft};
use crate::domain::{JournalId, MAX_ENTRY_BYTES, Mood};

/// The writing prompts shipped in assets/prompts.txt.
pub fn prompts() -> Vec<&'static str> {
    include_str!("../../assets/prompts.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    pub editor: TextEditor,
    /// `None` for a new entry.
    pub editing: Option<JournalId>,
    pub mood: Option<Mood>,
    pub prompt: usize,
    /// The stored draft this editor writes, once it has one.
    pub kept: Option<DraftKey>,
    /// Words typed since the last time the draft was kept: a save that
    /// waits for another program's write lock, or one that failed.
    pub unkept: bool,
}

impl EditorState {
    /// A fresh editor on `text`, with nothing stored yet.
    pub fn new(text: &str, cursor: usize, editing: Option<JournalId>, mood: Option<Mood>) -> Self {
        EditorState {
            editor: TextEditor::new(text, cursor),
            editing,
            mood,
            prompt: 0,
            kept: None,
            unkept: false,
        }
    }

    pub fn draft(&self, now: DateTime<Utc>) -> Draft {
        Draft {
            editing: self.editing,
            body: self.editor.text().to_string(),
            mood: self.mood,
            cursor: self.editor.cursor(),
            saved_at: now,
        }
    }

    /// Puts the text that came back from the person's own editor in place
    /// of the draft's, cleaned as typed text is (tabs, line ends, control
    /// characters), with the cursor at its end. Says whether it changed.
    pub fn take_back(&mut self, text: &str) -> bool {
        let mut editor = TextEditor::default();
        editor.insert(text);
        let changed = editor.text() != self.editor.text();
        self.editor = editor;
        changed
    }

    fn from_draft(s: &StoredDraft, prompt: usize) -> Self {
        let d = &s.draft;
        EditorState {
            prompt,
            kept: Some(s.key),
            ..EditorState::new(&d.body, d.cursor, d.editing, d.mood)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct JournalState {
    selected: usize,
    /// The selected entry, by id: it stays selected when a page arrives,
    /// another program writes, or a new entry is saved.
    anchor: Option<JournalId>,
    /// A page asked for and not arrived yet, and where it lands.
    asked: Option<(EntryPage, Land)>,
    /// A search or a tag narrowing the list to `Data::found`.
    filter: Option<Filter>,
    /// A page of what was found, asked for and not arrived yet.
    found_asked: Option<found::FoundAsked>,
    /// The entry selected in the window when a search or tag began, for
    /// when it is cleared.
    before_filter: Option<JournalId>,
    /// The tag chooser (`#`), open.
    tags: Option<TagChooser>,
    /// The jump prompt (`:`), open.
    jump: Option<Jump>,
    editor: Option<EditorState>,
    /// Bumped each time the editor opens, so the prompt varies.
    opened: usize,
    /// The slot of the kept draft `n` offered last: the next `n` offers
    /// the one after it, so that each kept draft comes in turn.
    offered: Option<i64>,
}

impl JournalState {
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn editor(&self) -> Option<&EditorState> {
        self.editor.as_ref()
    }

    pub fn editor_mut(&mut self) -> Option<&mut EditorState> {
        self.editor.as_mut()
    }

    pub fn close_editor(&mut self) {
        self.editor = None;
    }

    /// Opens the editor: on a kept draft if there is one (the one after
    /// the draft offered last, so that each comes in turn), else fresh.
    pub fn open_new(&mut self, drafts: &[StoredDraft], keys: &Keymap) -> Option<Reply> {
        let next = drafts
            .iter()
            .position(|s| self.offered.is_some_and(|o| s.key.slot > o))
            .unwrap_or(0);
        self.open_on(drafts, next, keys)
    }

    /// Opens the editor on `drafts[at]`, or fresh when there is none.
    fn open_on(&mut self, drafts: &[StoredDraft], at: usize, keys: &Keymap) -> Option<Reply> {
        self.opened += 1;
        let prompt = self.opened % prompts().len().max(1);
        let Some(kept) = drafts.get(at) else {
            self.editor = Some(EditorState {
                prompt,
                ..EditorState::new("", 0, None, None)
            });
            return None;
        };
        self.offered = Some(kept.key.slot);
        self.editor = Some(EditorState::from_draft(kept, prompt));
        Some(Reply::Note(super::words::kept_draft_back(
            keys,
            at,
            drafts.len(),
        )))
    }

    pub fn handle(&mut self, cmd: Command, ctx: &Ctx<'_>) -> Option<Reply> {
        if is_motion(cmd) {
            return self.motion(cmd, ctx);
        }
        let entry = self.entry(ctx.data);
        let searched = matches!(self.filter, Some(Filter::Search { typing: false, .. }));
        match cmd {
            // While a search's results show, `n` and `N` go through them.
            Command::New | Command::PreviousMatch if searched => {
                let total = ctx.data.found_keys.len();
                if total == 0 {
                    let query = match &self.filter {
                        Some(Filter::Search { query, .. }) => query.as_str(),
                        _ => "",
                    };
                    return Some(Reply::Note(format!("Nothing found for “{query}”.")));
                }
                let place = self.found_place(ctx.data);
                let end = match cmd {
                    Command::New if place + 1 >= total => Some("oldest"),
                    Command::PreviousMatch if place == 0 => Some("newest"),
                    _ => None,
                };
                if let Some(end) = end {
                    return Some(Reply::Note(format!("That is the {end} one found.")));
                }
                let way = if cmd == Command::New {
                    Command::Down
                } else {
                    Command::Up
                };
                self.motion(way, ctx)
            }
            Command::PreviousMatch => None,
            Command::Search => {
                self.tags = None;
                self.jump = None;
                let tag = self.search_tag();
                self.begin_filter(Filter::Search {
                    query: String::new(),
                    typing: true,
                    tag,
                });
                None
            }
            Command::Tags => Some(Reply::Effect(Effect::JournalTags)),
            Command::Jump => {
                self.tags = None;
                self.jump = Some(Jump::default());
                None
            }
            Command::New => self.open_new(&ctx.data.drafts, &ctx.settings.keys),
            Command::Edit => {
                let e = entry?;
                let drafts = &ctx.data.drafts;
                if let Some(at) = drafts.iter().position(|s| s.draft.editing == Some(e.id)) {
                    // A kept edit of this very entry: go on with it.
                    return self.open_on(drafts, at, &ctx.settings.keys);
                }
                if drafts.iter().any(|s| !s.draft.body.trim().is_empty()) {
                    return Some(Reply::Note(super::words::finish_kept_draft(
                        &ctx.settings.keys,
                    )));
                }
                self.opened += 1;
                let state = EditorState {
                    prompt: self.opened % prompts().len().max(1),
                    ..EditorState::new(&e.body, e.body.len(), Some(e.id), e.mood)
                };
                let draft = state.draft(ctx.now);
                self.editor = Some(state);
                Some(Reply::Effect(Effect::SaveDraft { held: None, draft }))
            }
            Command::Delete => entry.map(|e| {
                Reply::Confirm(Confirm {
                    question: format!("Delete the entry \"{}\"?", short_title(e.title())),
                    detail: super::undo::undo_detail(&ctx.settings.keys),
                    on_yes: ConfirmAction::DeleteEntry(e.id),
                    answers: Answers::YES_NO,
                })
            }),
            Command::Open => entry.map(|e| {
                Reply::Overlay(Overlay::Entry {
                    id: e.id,
                    scroll: 0,
                })
            }),
            _ => None,
        }
    }
}

/// A title short enough for a question; the dialog wraps the rest.
fn short_title(title: &str) -> String {
    let mut out: String = title.chars().take(40).collect();
    if title.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The mood question after Ctrl-S.
/// The save step: the mood, and for a new entry when it is dated (now,
/// or earlier, so that words written late land in their session's
/// window).
pub fn mood_form(current: Option<Mood>, new_entry: bool) -> Form {
    let initial = current.map(|m| m.get().to_string()).unwrap_or_default();
    let mut fields = vec![Field::text(
        Name::Mood,
        "1 = very low, 10 = very good; empty to skip",
        &initial,
    )];
    if new_entry {
        fields.push(Field::text(
            Name::When,
            crate::domain::when::HINT_PAST,
            "now",
        ));
    }
    Form::new("How is your mood, 1 to 10?", FormPurpose::Mood, fields)
}

/// What the status line says when the person's own editor gave nothing
/// back. The path of a file the editor left with other words comes first,
/// so that it shows whole on an 80-column line.
pub fn kept_note(why: &str, file: Option<&Path>) -> String {
    match file {
        Some(f) => format!(
            "Editor's text kept in {}; your draft is as it was ({why}).",
            f.display()
        ),
        None => format!("Your draft is as it was; {why}."),
    }
}

/// What the editor says when typed or pasted text would take the entry
/// past [`MAX_ENTRY_BYTES`]: refused whole, nothing already written lost.
pub fn full_note(paste: bool) -> String {
    let kib = MAX_ENTRY_BYTES / 1024;
    if paste {
        format!("Not pasted: it would pass {kib} KiB, the most an entry holds.")
    } else {
        format!("An entry holds at most {kib} KiB; that key was not added.")
    }
}

/// A discard question for the editor.
pub fn discard_confirm() -> Confirm {
    Confirm {
        question: "Throw this draft away?".into(),
        detail: "The text you typed will be gone.".into(),
        on_yes: ConfirmAction::DiscardDraft,
        answers: Answers::YES_NO,
    }
}

/// The journal pane's name.
pub const ID: PaneId = PaneId("journal");

/// The journal pane in the registry.
pub const SPEC: PaneSpec = PaneSpec {
    id: ID,
    title: "Journal",
    place: "in the journal pane",
    focus: b(
        "focus_journal",
        &["2"],
        Command::Focus(ID),
        Scope::Global,
        "focus the journal",
    ),
    keys: KEYS,
    slot: Slot {
        column: 1,
        share: 45,
    },
    handle: |p, cmd, ctx| p.journal.handle(cmd, ctx),
    refresh: |p, data, _view| p.journal.refresh(data),
};

/// The journal pane's own keys, shown in its help section.
const KEYS: &[Binding] = &[
    b(
        "journal.new",
        &["n"],
        Command::New,
        Scope::Pane(ID),
        "write (continues a kept draft); while a search shows, the next match",
    )
    .hint("write"),
    b(
        "journal.edit",
        &["e"],
        Command::Edit,
        Scope::Pane(ID),
        "edit the selected entry",
    )
    .hint("edit"),
    b(
        "journal.delete",
        &["d"],
        Command::Delete,
        Scope::Pane(ID),
        "delete the selected entry (asks first)",
    )
    .hint("delete"),
    b(
        "journal.search",
        &["/"],
        Command::Search,
        Scope::Pane(ID),
        "search the journal as you type; then n and N go to the next and previous, Esc clears",
    )
    .hint("search"),
    b(
        "journal.previous_match",
        &["N"],
        Command::PreviousMatch,
        Scope::Pane(ID),
        "the previous match, while a search shows (n is the next then)",
    ),
    b(
        "journal.tags",
        &["#"],
        Command::Tags,
        Scope::Pane(ID),
        "show only the entries with one #tag; Esc shows all again",
    ),
    b(
        "journal.jump",
        &[":"],
        Command::Jump,
        Scope::Pane(ID),
        "go to a day or time (2025-11-03, yesterday, 2025-11-03 21:00)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn state(text: &str) -> EditorState {
        EditorState::new(text, 0, None, None)
    }

    #[test]
    fn text_taken_back_is_cleaned_with_the_cursor_at_its_end() {
        let mut s = state("before");
        assert!(s.take_back("before\r\nafter\tthat\u{7}"));
        assert_eq!(s.editor.text(), "before\nafter    that");
        assert_eq!(s.editor.cursor(), s.editor.text().len());
        assert!(!s.take_back("before\nafter    that"));
        assert_eq!(s.editor.cursor(), s.editor.text().len());
    }

    #[test]
    fn a_kept_file_leads_the_note() {
        let note = kept_note("it stopped", Some(Path::new("/tmp/x/journal-draft.md")));
        assert!(note.starts_with("Editor's text kept in /tmp/x/journal-draft.md; "));
        assert_eq!(
            kept_note("it stopped", None),
            "Your draft is as it was; it stopped."
        );
    }
}
