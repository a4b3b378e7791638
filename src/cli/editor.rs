//! Writing a journal entry in the person's own editor.
//!
//! The draft holds health data, so it lives in a fresh folder only its owner
//! can open (0700), in a file only its owner can read (0600).
//!
//! Typed words must never be lost. Once the editor has closed with words in
//! the draft, the draft stays on disk until the entry is committed to the
//! journal: [`Draft::discard`] is the only thing that removes it, and every
//! failure on the way ([`Draft::kept`]) names the file the words are in. A
//! draft holding none of the person's words is removed at once.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Error, Result, anyhow, bail};

use crate::bounded::{self, BoundedError};
use crate::care;
use crate::domain::MAX_ENTRY_BYTES;
use crate::external_editor::{self, write_private};
// `afterglow demo` keeps its throwaway database in one of these folders.
pub(super) use crate::external_editor::private_dir;

const PROMPTS: &str = include_str!("../../assets/prompts.txt");

/// Every line of the header starts with this, and only lines starting with
/// it are left out of the entry: nobody types it by accident, so a person's
/// own `# Heading` or `#hashtag` line is never mistaken for the header.
pub const MARK: &str = "# afterglow:";

/// The draft's file name inside its private folder.
const FILE: &str = "journal-entry.md";

/// The journal prompts, without the file's own comments.
pub fn prompts() -> impl Iterator<Item = &'static str> {
    PROMPTS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The block at the top of the file the editor opens: every line starts
/// with [`MARK`], the last one says where to write.
pub fn header() -> String {
    let mut lines = vec![
        "Write your journal entry below the last of these lines.".to_string(),
        format!("Lines starting with \"{MARK}\" are left out; everything else is kept."),
        "Save and close the editor to keep the entry. Leave it empty to keep nothing.".into(),
        String::new(),
        "Some questions, if they help:".into(),
    ];
    lines.extend(prompts().map(|p| format!("  {p}")));
    lines.push(String::new());
    for paragraph in [care::NOT_MEDICAL_ADVICE, care::IN_DANGER, care::TO_TALK] {
        lines.extend(crate::app::editor::wrap_words(paragraph, 64));
    }
    lines.push("---- write below this line ----".into());
    let mut h = String::new();
    for line in lines {
        h.push_str(MARK);
        if !line.is_empty() {
            h.push(' ');
            h.push_str(&line);
        }
        h.push('\n');
    }
    h.push('\n');
    h
}

/// The entry without the header's lines, trimmed. Only lines starting with
/// [`MARK`] are dropped, wherever the person left them; every other line,
/// `#` headings at the top included, is theirs and is kept as written.
pub fn strip_header(text: &str) -> String {
    // Some editors start a UTF-8 file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body: Vec<&str> = text.lines().filter(|l| !l.starts_with(MARK)).collect();
    body.join("\n").trim().to_string()
}

/// The editor command: $VISUAL, else $EDITOR, else vi (which every Unix
/// has, and which a person at the command line can leave with `:q`).
fn editor() -> String {
    external_editor::configured().unwrap_or_else(|| "vi".into())
}

/// Words the person wrote in the editor, still on disk in the draft file.
///
/// There is deliberately no `Drop`: a draft that is neither committed nor
/// explicitly discarded stays where it is.
#[must_use = "the draft stays on disk until it is discarded"]
pub struct Draft {
    dir: PathBuf,
    file: PathBuf,
    body: String,
}

impl Draft {
    /// The entry, without the header.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// Removes the draft; only for after the entry was committed.
    pub fn discard(self) -> Result<()> {
        fs::remove_dir_all(&self.dir).with_context(|| {
            format!(
                "could not remove the draft folder {}; you may delete it",
                self.dir.display()
            )
        })
    }

    /// `reason`, led by where the words are: the draft is left on disk.
    pub fn kept(self, reason: Error) -> Error {
        let message = format!(
            "Your words are safe in {}; nothing was saved to the journal: {reason}",
            self.file.display()
        );
        reason.context(message)
    }
}

/// Opens the editor on a file holding the header and returns what was
/// written, without it, or `None` when the person wrote nothing.
///
/// Whatever the editor's exit status, the draft is read: words in it are
/// never removed here. An editor that failed after words were written is an
/// error that says where they are.
pub fn compose() -> Result<Option<Draft>> {
    compose_from("")
}

/// [`compose`], with `initial` under the header: an entry being edited.
pub fn compose_from(initial: &str) -> Result<Option<Draft>> {
    let folder = private_dir("afterglow")?;
    let file = folder.path().join(FILE);
    write_private(&file, &format!("{}{initial}", header()))
        .with_context(|| format!("could not write the draft {}", file.display()))?;
    let editor = editor();
    let status = external_editor::launch(&editor, &file)
        .with_context(|| format!("could not start the editor {editor:?}"))?;
    // Room for the header and an entry as long as one may be; what is
    // larger is not read whole (the journal would refuse it anyway), and
    // stays on disk for the person to shorten.
    let cap = (header().len() + MAX_ENTRY_BYTES) as u64;
    let bytes = match bounded::read_file(&file, cap) {
        Ok(bytes) => bytes,
        Err(BoundedError::TooLarge { .. }) => {
            let draft = Draft {
                dir: folder.keep(),
                file,
                body: String::new(),
            };
            return Err(draft.kept(anyhow!(
                "the entry is longer than afterglow keeps in one entry ({})",
                bounded::size(MAX_ENTRY_BYTES as u64)
            )));
        }
        Err(e) => {
            // The editor may have saved elsewhere in the folder, or left a
            // swap file there; only the person can tell.
            let dir = folder.keep();
            return Err(anyhow!(e).context(format!(
                "could not read the draft {}; its folder {} was left in place in case it holds your words, and nothing was saved to the journal",
                file.display(),
                dir.display()
            )));
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        let dir = folder.keep();
        let draft = Draft {
            dir,
            file,
            body: String::new(),
        };
        return Err(draft.kept(anyhow!("the draft is not UTF-8 text")));
    };
    let body = strip_header(&text);
    if body.is_empty() {
        drop(folder);
        if !status.success() {
            bail!(
                "{}; nothing was saved",
                external_editor::failed(&editor, status)
            );
        }
        return Ok(None);
    }
    let draft = Draft {
        dir: folder.keep(),
        file,
        body,
    };
    if !status.success() {
        return Err(draft.kept(anyhow!(external_editor::failed(&editor, status))));
    }
    Ok(Some(draft))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_holds_every_prompt_and_strips_away() {
        let h = header();
        assert!(prompts().count() > 0);
        assert!(prompts().all(|p| h.contains(&format!("{MARK}   {p}\n"))));
        assert!(
            h.lines()
                .filter(|l| !l.is_empty())
                .all(|l| l.starts_with(MARK))
        );
        assert_eq!(strip_header(&h), "");
        let text = format!("{h}Felt lighter.\n\n# Later\nStill here.\n\n");
        assert_eq!(strip_header(&text), "Felt lighter.\n\n# Later\nStill here.");
    }

    #[test]
    fn a_persons_own_leading_hash_lines_survive() {
        let h = header();
        let text = format!("{h}# Monday\n#grateful\n\nSoft light.\n");
        assert_eq!(strip_header(&text), "# Monday\n#grateful\n\nSoft light.");
        // Written above the header, with Windows line ends and a BOM.
        let text = format!("\u{feff}# Above\r\n{}Below\r\n", h.replace('\n', "\r\n"));
        assert_eq!(strip_header(&text), "# Above\n\nBelow");
    }
}
