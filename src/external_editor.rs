//! Handing text to the person's own editor ($VISUAL, else $EDITOR) and
//! taking it back. `afterglow journal add` and the dashboard's journal
//! editor (Ctrl-e) share this.
//!
//! The text is health data, so it goes to a fresh folder only its owner can
//! open (0700), in a file only its owner can read (0600). Words are never
//! removed here unless they came back: a file holding anything else than
//! what was handed over stays on disk, and its path is reported.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use anyhow::{Context, Result};

use crate::private_files;

/// The dashboard's draft file inside its private folder; the name shows
/// in the editor, so it says what the file is.
const DRAFT_FILE: &str = "journal-draft.md";

/// The editor the person chose: $VISUAL, else $EDITOR. A blank value
/// counts as unset.
pub fn configured() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
}

/// A private folder until it is known whether it holds the person's
/// words: removed when dropped (errors and panics included) unless
/// [`Folder::keep`] was called.
pub(crate) struct Folder {
    dir: PathBuf,
    remove: bool,
}

impl Folder {
    /// Disarms the removal; the folder stays on disk.
    pub(crate) fn keep(mut self) -> PathBuf {
        self.remove = false;
        std::mem::take(&mut self.dir)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// Removes the folder now, reporting what dropping it would swallow.
    pub(crate) fn remove(mut self) -> io::Result<()> {
        self.remove = false;
        fs::remove_dir_all(&self.dir)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if self.remove {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A new folder only its owner can open, named `{prefix}-{pid}-...`, in
/// the system's temporary folder ($TMPDIR).
pub(crate) fn private_dir(prefix: &str) -> Result<Folder> {
    let dir = private_files::temp_folder(prefix).with_context(|| {
        format!(
            "could not create a private folder in {}",
            std::env::temp_dir().display()
        )
    })?;
    Ok(Folder { dir, remove: true })
}

/// Writes a new owner-only file; never replaces an existing one.
pub(crate) fn write_private(path: &Path, text: &str) -> io::Result<()> {
    private_files::write_new(path, text.as_bytes())
}

/// Runs `editor` on `file` with this process's terminal and waits for it
/// to close.
pub fn launch(editor: &str, file: &Path) -> io::Result<ExitStatus> {
    shell_command(editor, file).status()
}

/// Why an editor's exit status means its text is not taken.
pub fn failed(editor: &str, status: ExitStatus) -> String {
    // 127 is the shell's "command not found".
    if status.code() == Some(127) {
        format!("could not start the editor {editor:?}; set VISUAL or EDITOR to the one you use")
    } else {
        format!("the editor {editor:?} stopped with {status}")
    }
}

/// Editors are often set with arguments (`code --wait`), so the value goes
/// through the shell like git does, with the file passed as "$1".
#[cfg(unix)]
fn shell_command(editor: &str, file: &Path) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg(editor)
        .arg(file);
    c
}

#[cfg(not(unix))]
fn shell_command(editor: &str, file: &Path) -> Command {
    let mut words = editor.split_whitespace();
    let mut c = Command::new(words.next().unwrap_or("notepad"));
    c.args(words).arg(file);
    c
}

/// The text as an editor leaves it, without what editors add on their own:
/// a byte order mark at the start, and the one newline that ends a text
/// file (vi and nano add it on save; [`Handoff::new`] writes it too, so a
/// draft's own last newline survives the round trip).
pub fn from_editor(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

/// How handing text to an editor ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returned {
    /// The editor closed cleanly and its text was read (see
    /// [`from_editor`]). `leftover` is the private folder when it could not
    /// be removed afterwards.
    Text {
        text: String,
        leftover: Option<PathBuf>,
    },
    /// Nothing came back: the text handed over stands. `why` is a plain
    /// reason; `file` is where words the editor left, different from the
    /// ones handed over, stay on disk.
    Kept { why: String, file: Option<PathBuf> },
}

/// Text handed to an editor: a private folder holding one file, until
/// [`Handoff::finish`] takes the text back (or keeps the file).
pub struct Handoff {
    folder: Folder,
    file: PathBuf,
    sent: String,
}

impl Handoff {
    /// Writes `text` to a new owner-only file for the editor.
    pub fn new(text: &str) -> Result<Handoff> {
        let folder = private_dir("afterglow")?;
        let file = folder.path().join(DRAFT_FILE);
        write_private(&file, &format!("{text}\n"))
            .with_context(|| format!("could not write {}", file.display()))?;
        Ok(Handoff {
            folder,
            file,
            sent: text.to_string(),
        })
    }

    /// The file to open in the editor.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Reads the file back after `editor` ended with `status` (`Err` when
    /// it never ran). Only a clean exit with UTF-8 text gives text back;
    /// everything else keeps the text handed over, and a file holding other
    /// words is left where it is.
    pub fn finish(self, editor: &str, status: io::Result<ExitStatus>) -> Returned {
        let status = match status {
            Ok(s) => s,
            Err(e) => {
                // Nothing ran, so the file holds only what was sent.
                return Returned::Kept {
                    why: format!("could not start the editor {editor:?}: {e}"),
                    file: None,
                };
            }
        };
        let failure = (!status.success()).then(|| failed(editor, status));
        let bytes = match fs::read(&self.file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let why = failure
                    .unwrap_or_else(|| format!("the editor {editor:?} left no file to read"));
                // An editor that moved the file may have left the words
                // elsewhere in the folder: it goes only when empty.
                let dir = self.folder.keep();
                let file = fs::remove_dir(&dir).is_err().then_some(dir);
                return Returned::Kept { why, file };
            }
            Err(e) => {
                let why = format!("could not read {}: {e}", self.file.display());
                self.folder.keep();
                return Returned::Kept {
                    why,
                    file: Some(self.file),
                };
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            let why = failure.unwrap_or_else(|| "the editor saved text that is not UTF-8".into());
            self.folder.keep();
            return Returned::Kept {
                why,
                file: Some(self.file),
            };
        };
        let text = from_editor(&text);
        match failure {
            None => Returned::Text {
                text: text.to_string(),
                leftover: self.discard(),
            },
            Some(why) if text == self.sent => {
                self.discard();
                Returned::Kept { why, file: None }
            }
            Some(why) => {
                self.folder.keep();
                Returned::Kept {
                    why,
                    file: Some(self.file),
                }
            }
        }
    }

    /// Removes the folder; its path when that failed.
    fn discard(self) -> Option<PathBuf> {
        let dir = self.folder.path().to_path_buf();
        self.folder.remove().is_err().then_some(dir)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Hands `text` to a shell snippet playing the editor ("$1" is the
    /// file); returns the outcome and the folder the file was in.
    fn hand(text: &str, script: &str) -> (Returned, PathBuf) {
        let h = Handoff::new(text).unwrap();
        assert_eq!(mode(h.file()), 0o600);
        assert_eq!(mode(h.file().parent().unwrap()), 0o700);
        assert_eq!(fs::read_to_string(h.file()).unwrap(), format!("{text}\n"));
        let dir = h.file().parent().unwrap().to_path_buf();
        let editor = format!("sh -c '{script}' editor");
        let status = launch(&editor, h.file());
        (h.finish(&editor, status), dir)
    }

    #[test]
    fn a_clean_exit_gives_the_text_back_and_removes_the_file() {
        let (r, dir) = hand("first line", "printf \"more 🌱\\n\" >> \"$1\"");
        assert_eq!(
            r,
            Returned::Text {
                text: "first line\nmore 🌱".into(),
                leftover: None
            }
        );
        assert!(!dir.exists());
        // A draft's own last newline survives an editor that leaves the
        // file alone.
        let (r, _) = hand("ends here\n", "true");
        assert_eq!(
            r,
            Returned::Text {
                text: "ends here\n".into(),
                leftover: None
            }
        );
        // An emptied file is empty text; what to do with it is the
        // caller's choice.
        let (r, _) = hand("gone", ": > \"$1\"");
        assert_eq!(
            r,
            Returned::Text {
                text: String::new(),
                leftover: None
            }
        );
    }

    #[test]
    fn a_failed_editor_keeps_the_text_and_any_new_words() {
        // Nothing written: nothing to keep on disk.
        let (r, dir) = hand("as it was", "exit 1");
        let Returned::Kept { why, file: None } = r else {
            panic!("{r:?}");
        };
        assert!(why.contains("stopped with exit status: 1"), "{why}");
        assert!(!dir.exists());
        // Words written, then a failure: the file stays, owner-only.
        let (r, dir) = hand("as it was", "echo new words >> \"$1\"; exit 2");
        let Returned::Kept {
            why,
            file: Some(file),
        } = r
        else {
            panic!("{r:?}");
        };
        assert!(why.contains("exit status: 2"), "{why}");
        assert_eq!(file.parent(), Some(dir.as_path()));
        assert_eq!(fs::read_to_string(&file).unwrap(), "as it was\nnew words\n");
        assert_eq!(mode(&file), 0o600);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_signal_is_a_failure() {
        use std::os::unix::process::ExitStatusExt;
        let h = Handoff::new("words").unwrap();
        // A raw wait status of 9: killed by SIGKILL.
        let r = h.finish("vi", Ok(ExitStatus::from_raw(9)));
        let Returned::Kept { why, file: None } = r else {
            panic!("{r:?}");
        };
        assert!(why.contains("signal: 9"), "{why}");
    }

    #[test]
    fn text_that_is_not_utf8_is_kept_on_disk() {
        let (r, dir) = hand("words", "printf \"\\377\\376\" >> \"$1\"");
        let Returned::Kept {
            why,
            file: Some(file),
        } = r
        else {
            panic!("{r:?}");
        };
        assert!(why.contains("not UTF-8"), "{why}");
        assert!(file.exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_file_keeps_the_text_and_only_a_folder_with_something_in_it() {
        let (r, dir) = hand("words", "rm \"$1\"");
        let Returned::Kept { why, file: None } = r else {
            panic!("{r:?}");
        };
        assert!(why.contains("left no file"), "{why}");
        assert!(!dir.exists());
        // Saved under another name: the folder is what holds the words.
        let (r, dir) = hand("words", "mv \"$1\" \"$1.bak\"");
        assert!(
            matches!(&r, Returned::Kept { file: Some(f), .. } if *f == dir),
            "{r:?}"
        );
        assert!(dir.join("journal-draft.md.bak").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_editor_that_never_ran_keeps_the_text() {
        let h = Handoff::new("words").unwrap();
        let dir = h.file().parent().unwrap().to_path_buf();
        let r = h.finish("vi", Err(io::Error::other("no terminal")));
        assert_eq!(
            r,
            Returned::Kept {
                why: "could not start the editor \"vi\": no terminal".into(),
                file: None
            }
        );
        assert!(!dir.exists());
        // A command the shell cannot find.
        let (r, _) = hand("words", "exit 127");
        let Returned::Kept { why, .. } = r else {
            panic!("{r:?}");
        };
        assert!(why.contains("set VISUAL or EDITOR"), "{why}");
    }

    #[test]
    fn only_what_editors_add_is_taken_off() {
        assert_eq!(from_editor("a\n"), "a");
        assert_eq!(from_editor("a\n\n"), "a\n");
        assert_eq!(from_editor("a\r\n"), "a");
        assert_eq!(from_editor("\u{feff}a"), "a");
        assert_eq!(from_editor("a"), "a");
        assert_eq!(from_editor(""), "");
    }
}
