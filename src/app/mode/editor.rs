//! Editor mode: the journal editor takes the body; keys are text unless
//! the editor's rows of the key table name them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::action::{self, Command, PaneId};
use super::super::effect::Effect;
use super::super::{App, KEPT_FILE_SECONDS, Pending, STATUS_SECONDS, journal, layout, words};
use crate::domain::MAX_ENTRY_BYTES;

impl App {
    /// A key in the editor: one of the editor's rows of the key table, or
    /// text.
    pub(in crate::app) fn editor_input(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.settings.keys.resolve_editor(&key) {
            Some(cmd) => self.editor_command(cmd),
            None => self.editor_key(key),
        }
    }

    pub(in crate::app) fn editor_width(&self) -> u16 {
        layout::editor_text_width(self.size.0, self.size.1)
    }

    pub(in crate::app) fn editor_command(&mut self, cmd: Command) -> Vec<Effect> {
        match cmd {
            Command::Save => {
                let Some(ed) = self.panes.journal.editor() else {
                    return Vec::new();
                };
                if ed.editor.is_blank() {
                    let text = words::nothing_to_save(&self.settings.keys);
                    self.note(&text, false);
                    return Vec::new();
                }
                let size = ed.editor.text().len();
                if size > MAX_ENTRY_BYTES {
                    // A draft from before the limit, or text back from the
                    // person's own editor: kept whole, saved once shortened.
                    let text = format!(
                        "Over the {} KiB an entry holds ({} KiB); shorten to save.",
                        MAX_ENTRY_BYTES / 1024,
                        size.div_ceil(1024)
                    );
                    self.note(&text, true);
                    return Vec::new();
                }
                self.form = Some(journal::mood_form(ed.mood, ed.editing.is_none()));
                Vec::new()
            }
            Command::NextPrompt => {
                if let Some(ed) = self.panes.journal.editor_mut() {
                    ed.prompt = (ed.prompt + 1) % journal::prompts().len().max(1);
                }
                Vec::new()
            }
            Command::Discard => {
                self.confirm = Some(journal::discard_confirm());
                Vec::new()
            }
            Command::ExternalEditor => {
                let Some(ed) = self.panes.journal.editor() else {
                    return Vec::new();
                };
                let body = ed.editor.text().to_string();
                // Stored again first, so that nothing typed depends on the
                // editor closing well (a blank draft has nothing to keep).
                let mut effects = if ed.editor.is_blank() {
                    Vec::new()
                } else {
                    self.write_draft(Pending::Save)
                };
                effects.push(Effect::ExternalEdit { body });
                effects
            }
            Command::Back => {
                let Some(ed) = self.panes.journal.editor() else {
                    return Vec::new();
                };
                let unchanged = ed.editing.is_some_and(|id| {
                    self.data
                        .entry(id)
                        .is_some_and(|e| e.body == ed.editor.text() && e.mood == ed.mood)
                });
                if ed.editor.is_blank() || unchanged {
                    // Nothing was written (or nothing changed): no draft to keep.
                    let kept = ed.kept;
                    self.panes.journal.close_editor();
                    return match kept {
                        Some(k) => {
                            self.forget_draft(k.slot);
                            self.write_draft(Pending::Discard(k))
                        }
                        None => {
                            self.settled();
                            Vec::new()
                        }
                    };
                }
                // Closed only once the words are kept, so that "Draft kept."
                // is never said of words a busy file has not taken yet.
                self.pending = Some(Pending::Close);
                self.draft_write().into_iter().collect()
            }
            _ => Vec::new(),
        }
    }

    /// Takes back what the person's own editor did with the draft.
    pub(in crate::app) fn editor_closed(&mut self, outcome: action::EditorOutcome) -> Vec<Effect> {
        use action::EditorOutcome;
        let (text, leftover) = match outcome {
            EditorOutcome::NoEditor => {
                self.note("Set $VISUAL or $EDITOR to write in your own editor.", false);
                return Vec::new();
            }
            EditorOutcome::Kept { why, file } => {
                let secs = if file.is_some() {
                    KEPT_FILE_SECONDS
                } else {
                    STATUS_SECONDS * 2
                };
                self.note_for(journal::kept_note(&why, file.as_deref()), true, secs);
                return Vec::new();
            }
            EditorOutcome::Returned { text, leftover } => (text, leftover),
        };
        if self.panes.journal.editor().is_none() {
            // The dashboard waits for the editor, so its own editor is still
            // open; should it not be, the words still land in a draft.
            self.focus = PaneId::Journal;
            self.panes.journal.open_new(&[], &self.settings.keys);
        }
        let Some(ed) = self.panes.journal.editor_mut() else {
            return Vec::new();
        };
        if text.trim().is_empty() {
            // An emptied file is more often an editor's mishap than a wish:
            // Ctrl-x is the way to throw a draft away.
            let note = if ed.editor.is_blank() {
                "Back from the editor; nothing was written."
            } else {
                "The editor gave back no text, so your draft is as it was."
            };
            self.note(note, false);
            return Vec::new();
        }
        let changed = ed.take_back(&text);
        ed.unkept |= changed;
        match leftover {
            Some(dir) => self.note_for(
                format!(
                    "Your text is back; its copy in {} could not be removed, so you may delete it.",
                    dir.display()
                ),
                true,
                KEPT_FILE_SECONDS,
            ),
            None if changed => {
                self.note("Your text is back from the editor, kept as a draft.", false)
            }
            None => self.note("Back from the editor; nothing changed.", false),
        }
        self.write_draft(Pending::Save)
    }

    pub(in crate::app) fn editor_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let width = self.editor_width();
        let Some(ed) = self.panes.journal.editor_mut() else {
            return Vec::new();
        };
        let before = ed.editor.text().len();
        let e = &mut ed.editor;
        let text_mods = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let mut buf = [0; 4];
        let typed = match key.code {
            KeyCode::Char(c) if text_mods => Some(&*c.encode_utf8(&mut buf)),
            KeyCode::Enter => Some("\n"),
            KeyCode::Tab => Some("    "),
            _ => None,
        };
        match (typed, key.code) {
            (Some(t), _) => {
                if !e.insert_within(t, MAX_ENTRY_BYTES) {
                    // Refused whole, and calmly: nothing typed is lost.
                    self.note(journal::full_note(false), false);
                    return Vec::new();
                }
            }
            (None, KeyCode::Backspace) => e.backspace(),
            (None, KeyCode::Delete) => e.delete(),
            (None, KeyCode::Left) => e.left(),
            (None, KeyCode::Right) => e.right(),
            (None, KeyCode::Up) => e.vertical(false, width),
            (None, KeyCode::Down) => e.vertical(true, width),
            (None, KeyCode::Home) => e.home(),
            (None, KeyCode::End) => e.end(),
            _ => return Vec::new(),
        }
        let changed = ed.editor.text().len() != before
            || matches!(
                key.code,
                KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
            );
        if changed {
            ed.unkept = true;
            self.write_draft(Pending::Save)
        } else {
            Vec::new()
        }
    }

    pub(in crate::app) fn paste(&mut self, text: &str) -> Vec<Effect> {
        // A prompt open at the bottom of a pane takes it, as typed.
        if let Some(effects) = self.prompt_paste(text) {
            return effects;
        }
        if let Some(form) = self.form.as_mut() {
            form.paste(text);
            return Vec::new();
        }
        let Some(ed) = self.panes.journal.editor_mut() else {
            return Vec::new();
        };
        if !ed.editor.insert_within(text, MAX_ENTRY_BYTES) {
            self.note(journal::full_note(true), false);
            return Vec::new();
        }
        ed.unkept = true;
        self.write_draft(Pending::Save)
    }
}
