//! Files and folders afterglow makes hold health data, so every one is
//! made here: owner-only from the first byte (never chmod'ed after the
//! fact), never over something already there, and replaced only through a
//! finished sibling and a rename, so a failure half-way leaves the old file
//! as it was.
//!
//! The store, the exports, the config writer and the editor hand-off all
//! call this module; none of them opens a file for writing on its own.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Creates `path` for writing, readable only by its owner. Fails when
/// anything (a file, a folder, a dangling link) is there already, so it
/// never follows a link someone left in its way.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Writes `bytes` as the new owner-only file `path` and makes them
/// durable. A file this call created and could not finish is removed;
/// anything that was there before is never touched.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = create_new(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written
}

/// Puts `bytes` at `path`, replacing what is there, through a finished
/// scratch file beside it and a rename: a reader sees the old file or the
/// new one, never half of either.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let scratch = scratch_beside(path, "tmp");
    // A file already at `scratch` is not ours: `write_new` refuses it, and
    // only a file this call made is ever removed.
    write_new(&scratch, bytes)?;
    fs::rename(&scratch, path).inspect_err(|_| {
        let _ = fs::remove_file(&scratch);
    })
}

/// A hidden name beside `path` (`.NAME.WHAT-PID-NANOS`) for work in
/// progress. Beside, not in the temporary folder, so that a rename or a
/// hard link can put the finished file in place on the same disk.
pub fn scratch_beside(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "afterglow".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{what}-{}-{}", std::process::id(), nanos()))
}

/// Creates the one folder `dir`, owner-only; fails when something is
/// there already.
pub fn create_folder(dir: &Path) -> io::Result<()> {
    folder_builder().create(dir)
}

/// Creates `dir` and any missing parents, owner-only. Folders that exist
/// already keep their mode: they are the person's, not ours.
pub fn create_folders(dir: &Path) -> io::Result<()> {
    let mut builder = folder_builder();
    builder.recursive(true);
    builder.create(dir)
}

/// A new owner-only folder `{prefix}-{pid}-{nanos}-{n}` in the system's
/// temporary folder, for files lent to another program.
pub fn temp_folder(prefix: &str) -> io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let nanos = nanos();
    for attempt in 0..100u32 {
        let dir = base.join(format!(
            "{prefix}-{}-{nanos:x}-{attempt}",
            std::process::id()
        ));
        match create_folder(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("no free folder name in {}", base.display()),
    ))
}

fn folder_builder() -> fs::DirBuilder {
    #[allow(unused_mut)]
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
}

fn nanos() -> u32 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_files_are_private_and_never_replace_anything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_new(&path, b"first").unwrap();
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let again = write_new(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_way_is_refused_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("out");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(create_new(&link).is_err());
        assert!(!target.exists());
    }

    #[test]
    fn replacing_leaves_no_scratch_and_keeps_the_file_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        fs::write(&path, "old").unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the report is left");
    }

    #[test]
    fn scratch_names_are_hidden_beside_their_file() {
        let scratch = scratch_beside(Path::new("/data/afterglow.db"), "restore");
        assert_eq!(scratch.parent(), Some(Path::new("/data")));
        let name = scratch.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".afterglow.db.restore-"), "{name}");
    }

    #[test]
    fn folders_are_private_and_nested_ones_are_made_whole() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b/c");
        create_folders(&nested).unwrap();
        assert!(nested.is_dir());
        #[cfg(unix)]
        assert_eq!(mode(&nested), 0o700);
        assert_eq!(
            create_folder(&nested).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        let temp = temp_folder("afterglow-test").unwrap();
        #[cfg(unix)]
        assert_eq!(mode(&temp), 0o700);
        fs::remove_dir(temp).unwrap();
    }
}
