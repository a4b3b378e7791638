//! Why a config could not be used, and where in the file.

use std::io;
use std::path::{Path, PathBuf};

use crate::domain::DomainError;

/// Why a config could not be used. Every message names the file and, when
/// the problem is inside it, the 1-based line, so that it can be fixed
/// without guessing. Causes are part of the message rather than `source()`,
/// so that an error chain printed with `{:#}` does not say them twice.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: no such config file (named by {given_by})", .path.display())]
    Missing {
        path: PathBuf,
        /// `--config` or `AFTERGLOW_CONFIG`.
        given_by: &'static str,
    },
    #[error("{}: could not read the config file: {cause}", .path.display())]
    Read { path: PathBuf, cause: io::Error },
    #[error("{}: not valid TOML: {message}", place(.path, *.line))]
    Syntax {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error(
        "{}, line {line}: unknown section [{section}]; known sections: {known}",
        .path.display()
    )]
    UnknownSection {
        path: PathBuf,
        line: usize,
        section: String,
        known: String,
    },
    #[error(
        "{}, line {line}: `{key}` is not in any section, and every setting belongs to one; {belongs}",
        .path.display()
    )]
    OutsideSections {
        path: PathBuf,
        line: usize,
        key: String,
        /// Where it goes, or the sections there are.
        belongs: String,
    },
    #[error(
        "{}, line {line}: unknown key `{key}` in [{section}]; known keys: {known}",
        .path.display()
    )]
    UnknownKey {
        path: PathBuf,
        line: usize,
        section: String,
        key: String,
        known: String,
    },
    #[error("{}, line {line}: `{key}` {message}", .path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
    /// A problem in `[keys]`. The message names the command (`name`) and,
    /// when one is to blame, the key.
    #[error("{}, line {line}: {message}", .path.display())]
    Keys {
        path: PathBuf,
        line: usize,
        name: String,
        message: String,
    },
    /// The domain refused values that passed our own checks. Our checks are
    /// meant to be at least as strict, so this is a safety net.
    #[error("{}: [{section}] {cause}", place(.path, *.line))]
    Rejected {
        path: PathBuf,
        line: Option<usize>,
        section: &'static str,
        cause: DomainError,
    },
}

fn place(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}, line {line}", path.display()),
        None => path.display().to_string(),
    }
}

/// The 1-based line holding byte `offset`. Spans come from the parser, but
/// are clamped anyway so that a stray offset can never panic.
pub(super) fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one_and_never_panic() {
        assert_eq!(line_at("", 0), 1);
        assert_eq!(line_at("a\nb\n", 2), 2);
        assert_eq!(line_at("a\nb\n", 4), 3);
        assert_eq!(line_at("a\nb\n", 999), 3);
        // Inside a multi-byte character: still no panic, still its line.
        assert_eq!(line_at("é\nb", 1), 1);
    }

    #[test]
    fn messages_name_the_file_and_the_line_when_there_is_one() {
        let path = Path::new("/c.toml");
        assert_eq!(place(path, Some(3)), "/c.toml, line 3");
        assert_eq!(place(path, None), "/c.toml");
        let e = ConfigError::Syntax {
            path: path.to_path_buf(),
            line: None,
            message: "expected a table".into(),
        };
        assert_eq!(e.to_string(), "/c.toml: not valid TOML: expected a table");
    }
}
