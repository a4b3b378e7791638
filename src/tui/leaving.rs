//! Leaving with words the journal editor holds that a busy file has not
//! taken yet: one more try, then a private file of their own beside the
//! database, then the temporary folder, then the terminal's scrollback.
//! Leaving never loses them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::app::App;
use crate::store::Db;

/// How long leaving waits for a busy file to take the editor's newest
/// words before they go to a file of their own instead: a person who
/// closes the window should not wait long, and a file is as safe.
const LAST_TRY: Duration = Duration::from_millis(1000);

/// How long a signal's exit waits for the words to be put away; far more
/// than the last try and the writing of one small file need.
pub(super) const LEAVING_AT_MOST: Duration = Duration::from_secs(10);

/// On the way out, words the editor holds that a busy file has not taken
/// yet get one more try ([`LAST_TRY`]); if the file still will not take
/// them, they go to a file of their own, and leaving says where.
pub(super) fn keep_unkept_words(app: &App, db: &mut Db) -> Result<()> {
    let Some((held, draft)) = app.unkept_draft() else {
        return Ok(());
    };
    let Err(e) = db.keep_draft_within(held, &draft, LAST_TRY) else {
        return Ok(());
    };
    let path = db.path().map(Path::to_path_buf).unwrap_or_default();
    // The file stayed busy (or failed): the words go to a private file of
    // their own beside it, so that leaving never loses them.
    let beside = rescue(&path, &draft.body);
    let elsewhere = || {
        let name = path.file_name().unwrap_or_default();
        rescue(&std::env::temp_dir().join(name), &draft.body)
    };
    match beside.or_else(|_| elsewhere()) {
        Ok(file) => Err(anyhow::Error::new(e).context(format!(
            "the newest words in the journal editor could not be kept in {}; they are in {} instead",
            path.display(),
            file.display()
        ))),
        Err(why) => {
            // No file would take them either (a full disk): the terminal's
            // scrollback is the last place they can go.
            eprintln!(
                "afterglow: your newest words in the journal editor, which could not be saved anywhere:\n\n{}\n",
                crate::terminal_text::clean(&draft.body)
            );
            Err(anyhow::Error::new(e).context(format!(
                "the newest words in the journal editor could not be kept in {}, nor in a file ({}); \
                 they are printed above",
                path.display(),
                crate::cli::plain_io(&why)
            )))
        }
    }
}

/// Writes `words` to a new owner-only file named after `db` and the
/// moment, in `db`'s folder, and answers its path.
fn rescue(db: &Path, words: &str) -> std::io::Result<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".unsaved-{stamp}.txt"));
    let file = db.with_file_name(name);
    crate::private_files::write_new(&file, words.as_bytes())?;
    Ok(file)
}

/// Folders to remove however the dashboard ends: also when a signal's exit
/// (the terminal window closed, `kill`) cuts the loop short, where no
/// destructor runs. `afterglow demo` puts its made-up history here.
static REMOVE_AT_EXIT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes `folder` (and all in it) on a signal's exit, unless
/// [`forget_at_exit`] takes it back first.
pub fn remove_at_exit(folder: &Path) {
    let mut folders = REMOVE_AT_EXIT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    folders.push(folder.to_path_buf());
}

/// Removes `folder` now and takes it off the list of [`remove_at_exit`].
/// Waits while a signal's exit is removing the folders (and that exit
/// never lets go), so two removals never meet half way.
pub fn remove_now(folder: &Path) -> std::io::Result<()> {
    let mut folders = REMOVE_AT_EXIT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    folders.retain(|f| f != folder);
    std::fs::remove_dir_all(folder)
}

/// Removes every folder still registered, then ends the process, holding
/// the list so that no one else touches the folders meanwhile.
pub(super) fn exit_removing_folders(code: i32) -> ! {
    let folders = REMOVE_AT_EXIT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for folder in folders.iter() {
        // Nothing to say it with: the terminal is gone or going. A folder
        // that cannot be removed holds only what its owner put there.
        let _ = std::fs::remove_dir_all(folder);
    }
    std::process::exit(code)
}
