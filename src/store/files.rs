//! Names and modes of the files the store makes: a new database, a backup,
//! a restore's private copy, the copy of a replaced database.
//!
//! Every one of them holds health data, so it is created owner-only (0600,
//! its folders 0700) from the first moment, and made whole under a scratch
//! name beside its place before a rename or a hard link gives it its name.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::check::companion;
use super::{Db, Result, StoreError, io_error};
use crate::private_files;

/// The files SQLite keeps beside a database, as a person would name them.
const OWN_FILES: [(&str, &str); 4] = [
    ("", "the database itself"),
    ("-wal", "the database's -wal file"),
    ("-shm", "the database's -shm file"),
    ("-journal", "the database's -journal file"),
];

impl Db {
    /// Refuses `out` as a place to write (an export, a backup) when it is
    /// the database at `db` or one of the files SQLite keeps beside it,
    /// however it is named: through `..`, a symbolic link (even one whose
    /// target does not exist yet) or a hard link. A report written over the
    /// database replaces the journal; one written as its `-wal` or
    /// `-journal` would be read into it as if SQLite had left it there.
    pub fn refuse_own_file(db: &Path, out: &Path) -> Result<()> {
        let Some(target) = resolve(out) else {
            // Nowhere that exists: the write fails on its own, naming it.
            return Ok(());
        };
        let bases = [Some(db.to_path_buf()), fs::canonicalize(db).ok()];
        for base in bases.iter().flatten() {
            for (suffix, what) in OWN_FILES {
                let file = companion(base, suffix);
                if resolve(&file).as_ref() == Some(&target) || same_file(&file, out) {
                    let what = if file.as_os_str() == out.as_os_str() {
                        what.to_string()
                    } else {
                        format!("{what}, {}", file.display())
                    };
                    return Err(StoreError::OwnFile {
                        path: out.to_path_buf(),
                        what,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Where writing to `path` would land: symbolic links at its end are
/// followed even when what they point to does not exist yet (creating the
/// file would create that), and its folder is made absolute with every
/// `..` and link in it resolved. `None` when the folder does not exist.
fn resolve(path: &Path) -> Option<PathBuf> {
    let mut path = path.to_path_buf();
    // As many links as the system itself follows before giving up.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&path).ok()?;
                path = folder_of(&path).join(target);
            }
            _ => break,
        }
    }
    match path.file_name() {
        Some(name) => Some(fs::canonicalize(folder_of(&path)).ok()?.join(name)),
        // `..`, `.` or `/`: a folder, which must exist to be written into.
        None => fs::canonicalize(&path).ok(),
    }
}

/// Two names of one existing file (hard links included).
#[cfg(unix)]
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// A private name beside `path` (`.afterglow.db.WHAT-PID-N`), in the same
/// folder so that a rename or a hard link can put the finished file in
/// place.
pub(super) use crate::private_files::scratch_beside;

/// Creates an empty file only the owner may read, failing when anything
/// is at `path` already.
pub(super) fn new_private_file(path: &Path) -> io::Result<()> {
    private_files::create_new(path).map(drop)
}

/// Creates `folder` and any missing parents, owner-only. Folders that
/// exist already keep their mode.
pub(super) fn make_private_folder(folder: &Path) -> Result<()> {
    private_files::create_folders(folder).map_err(|e| io_error(folder, e))
}

/// The folder `path` is in; `.` for a bare file name.
pub(super) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "afterglow.db".into(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Copies the bytes of `from` into the existing file `to` and makes them
/// durable (SQLite may play a journal back into the copy).
pub(super) fn copy_bytes(from: &Path, to: &Path) -> Result<()> {
    let mut src = fs::File::open(from).map_err(|e| io_error(from, e))?;
    let mut dst = fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(|e| io_error(to, e))?;
    io::copy(&mut src, &mut dst).map_err(|e| io_error(from, e))?;
    dst.sync_all().map_err(|e| io_error(to, e))
}

#[cfg(test)]
mod tests {
    use tempfile::TempDir;

    use super::*;

    #[test]
    fn scratch_names_are_hidden_beside_their_file() {
        let path = Path::new("/data/afterglow.db");
        let scratch = scratch_beside(path, "new");
        assert_eq!(scratch.parent(), path.parent());
        let name = scratch.file_name().unwrap().to_str().unwrap();
        let pid = std::process::id();
        assert!(
            name.starts_with(&format!(".afterglow.db.new-{pid}-")),
            "{name}"
        );
        assert_eq!(folder_of(Path::new("afterglow.db")), Path::new("."));
        assert_eq!(folder_of(path), Path::new("/data"));
    }

    #[cfg(unix)]
    #[test]
    fn new_files_and_folders_are_private_and_never_replace_anything() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = TempDir::new().unwrap();
        let folder = dir.path().join("a").join("b");
        make_private_folder(&folder).unwrap();
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(folder.parent().unwrap()), 0o700);
        let file = folder.join("x.db");
        new_private_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        fs::write(&file, "kept").unwrap();
        let err = new_private_file(&file).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&file).unwrap(), b"kept");
    }
}
