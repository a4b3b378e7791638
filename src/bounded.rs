//! Reading what a person points afterglow at (an export to import, a config
//! file, stdin), never more than a stated size, and only from a regular
//! file: `/dev/zero` would fill the memory, and a pipe or a terminal device
//! named as a file would wait for ever for words that never come.
//!
//! The size a file claims is trusted only to refuse it: at most `cap + 1`
//! bytes are read, so a file that grows while it is read is refused too.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

/// Why a bounded read gave nothing back. Callers name the file or stream.
#[derive(Debug, Error)]
pub enum BoundedError {
    /// A pipe, a device, a socket: not a file afterglow can read to its end.
    #[error("this is {kind}, not a regular file; give the file itself")]
    NotRegular { kind: &'static str },
    /// A folder where a file was expected.
    #[error("this is a folder; give the file itself")]
    Folder,
    #[error("this holds more than {}, the most afterglow reads here", size(*.cap))]
    TooLarge { cap: u64 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// `cap` in words: "256 KiB", "1 MiB".
pub fn size(cap: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if cap >= MIB && cap.is_multiple_of(MIB) {
        format!("{} MiB", cap / MIB)
    } else if cap >= 1024 && cap.is_multiple_of(1024) {
        format!("{} KiB", cap / 1024)
    } else {
        format!("{cap} bytes")
    }
}

/// The whole of the regular file at `path`, at most `cap` bytes of it.
///
/// The path is looked at before it is opened, so that a pipe is refused
/// without waiting for a writer; it is opened without blocking and looked
/// at again through the open handle, so that a pipe put in its place in
/// between is refused too, never read.
pub fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, BoundedError> {
    regular(&std::fs::metadata(path)?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file: File = options.open(path)?;
    let meta = file.metadata()?;
    regular(&meta)?;
    // A size over the cap is believed, to refuse without reading; one
    // under it is not, to accept.
    if meta.len() > cap {
        return Err(BoundedError::TooLarge { cap });
    }
    read_capped(file, cap)
}

/// At most `cap` bytes from `reader`; more is refused, not cut.
pub fn read_capped(reader: impl Read, cap: u64) -> Result<Vec<u8>, BoundedError> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(BoundedError::TooLarge { cap });
    }
    Ok(bytes)
}

fn regular(meta: &std::fs::Metadata) -> Result<(), BoundedError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(BoundedError::Folder);
    }
    Err(BoundedError::NotRegular {
        kind: describe(&kind),
    })
}

#[cfg(unix)]
fn describe(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a pipe"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "something other than a file"
    }
}

#[cfg(not(unix))]
fn describe(_: &std::fs::FileType) -> &'static str {
    "something other than a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(256 * 1024), "256 KiB");
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size(1000), "1000 bytes");
    }

    #[test]
    fn more_than_the_cap_is_refused_not_cut() {
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(
            read_capped(&b"abcd"[..], 3),
            Err(BoundedError::TooLarge { cap: 3 })
        ));
        // An endless stream ends at the cap.
        assert!(matches!(
            read_capped(io::repeat(0), 1024),
            Err(BoundedError::TooLarge { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_refused_unread() {
        let e = read_file(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(
            matches!(e, BoundedError::NotRegular { kind: "a device" }),
            "{e}"
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_file(dir.path(), 1024),
            Err(BoundedError::Folder)
        ));
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "words").unwrap();
        assert_eq!(read_file(&file, 5).unwrap(), b"words");
        assert!(matches!(
            read_file(&file, 4),
            Err(BoundedError::TooLarge { cap: 4 })
        ));
    }
}
