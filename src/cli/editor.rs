//! Writing a journal entry in the person's own editor.
//!
//! The draft holds health data, so it lives in a fresh folder only its owner
//! can open (0700), in a file only its owner can read (0600), and both are
//! removed as soon as the editor closes, whatever happened.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

const PROMPTS: &str = include_str!("../../assets/prompts.txt");

/// The journal prompts, without the file's own comments.
pub fn prompts() -> impl Iterator<Item = &'static str> {
    PROMPTS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The comment block at the top of the file the editor opens.
pub fn header() -> String {
    let mut h = String::from(
        "# Write your journal entry below these lines; lines starting with '#'\n\
         # at the top are left out. Save and close the editor to keep it.\n\
         # Leave it empty to keep nothing.\n#\n\
         # Some questions, if they help:\n",
    );
    for p in prompts() {
        h.push_str("#   ");
        h.push_str(p);
        h.push('\n');
    }
    h.push('\n');
    h
}

/// The entry without the leading comment block, trimmed. Only the top block
/// is removed, so a Markdown heading further down survives.
pub fn strip_header(text: &str) -> String {
    let body: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .collect();
    body.join("\n").trim().to_string()
}

/// The editor command: $VISUAL, else $EDITOR, else vi.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// Removes the draft folder when dropped, also on errors and panics.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn private_dir() -> Result<TempDir> {
    let base = std::env::temp_dir();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100u32 {
        let dir = base.join(format!(
            "afterglow-{}-{nanos:x}-{attempt}",
            std::process::id()
        ));
        let mut b = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        match b.create(&dir) {
            Ok(()) => return Ok(TempDir(dir)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("could not create a private folder in {}", base.display())
                });
            }
        }
    }
    bail!("could not create a private folder in {}", base.display())
}

fn write_private(path: &Path, text: &str) -> io::Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// Opens the editor on a file holding the prompts and returns what was
/// written, without them. An editor that fails means nothing is returned.
pub fn compose() -> Result<String> {
    let dir = private_dir()?;
    let path = dir.0.join("journal-entry.md");
    write_private(&path, &header())
        .with_context(|| format!("could not write the draft {}", path.display()))?;
    let editor = editor();
    let status = shell_command(&editor, &path)
        .status()
        .with_context(|| format!("could not start the editor {editor:?}"))?;
    // 127 is the shell's "command not found".
    if status.code() == Some(127) {
        bail!("could not start the editor {editor:?}; set VISUAL or EDITOR to the one you use");
    }
    if !status.success() {
        bail!("the editor {editor:?} stopped with {status}; nothing was saved");
    }
    let text = fs::read_to_string(&path)
        .with_context(|| format!("could not read the draft {}", path.display()))?;
    Ok(strip_header(&text))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_holds_every_prompt_and_strips_away() {
        let h = header();
        assert!(prompts().count() > 0);
        assert!(prompts().all(|p| h.contains(&format!("#   {p}\n"))));
        assert_eq!(strip_header(&h), "");
        let text = format!("{h}Felt lighter.\n\n# Later\nStill here.\n\n");
        assert_eq!(strip_header(&text), "Felt lighter.\n\n# Later\nStill here.");
    }
}
