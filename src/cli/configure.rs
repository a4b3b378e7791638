//! `afterglow config path|init|show`.
//!
//! These run before the settings are loaded (see `cli::run`), so that
//! `path` and `init` still help when the config file is the problem;
//! `show` loads it and reports the problem like every other command.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::config::{self, ConfigPath, DEFAULT_CONFIG};

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Print where the config file is read from
    #[command(long_about = "Print where the config file is read from: --config, \
        then AFTERGLOW_CONFIG, then the platform config folder. The path is the only \
        thing on stdout; when no file is there yet, a note says so on stderr.")]
    Path,
    /// Write the commented default config (never replaces a file)
    #[command(long_about = "Write the commented default config to the path that \
        `afterglow config path` prints. Every key in it is at its default, so it \
        behaves exactly like having no file. An existing file is never replaced.")]
    Init,
    /// Print the settings in effect
    #[command(long_about = "Print the settings in effect as a config file: every \
        key, defaults included, with a comment saying where they came from. The \
        output reads back as a config file giving the same settings.")]
    Show,
}

pub fn run(cmd: Cmd, config_cli: Option<&Path>) -> Result<String> {
    match cmd {
        Cmd::Path => path(config_cli),
        Cmd::Init => init(config_cli),
        Cmd::Show => show(config_cli),
    }
}

fn locate(config_cli: Option<&Path>) -> Result<ConfigPath> {
    match config::config_path(config_cli) {
        Some(found) => Ok(found),
        None => bail!(
            "could not find a folder for the config file; pass --config PATH or set \
             AFTERGLOW_CONFIG"
        ),
    }
}

fn path(config_cli: Option<&Path>) -> Result<String> {
    let found = locate(config_cli)?;
    // Only the path goes to stdout, so that `$(afterglow config path)`
    // works whether or not the file exists.
    if !found.path.exists() {
        match found.given_by {
            None => eprintln!(
                "No file there yet, so afterglow uses its built-in defaults. \
                 `afterglow config init` writes one to start from."
            ),
            Some(by) => eprintln!(
                "No file there yet; afterglow will not start while {by} names a missing \
                 file. `afterglow config init` writes one there."
            ),
        }
    }
    // On stderr too: stdout stays the one path scripts read.
    eprintln!(
        "Questionnaire files are read from {}.",
        crate::config::questionnaires::folder(&found.path).display()
    );
    Ok(format!("{}\n", found.path.display()))
}

fn init(config_cli: Option<&Path>) -> Result<String> {
    let found = locate(config_cli)?;
    let path = found.path.as_path();
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = folder {
        if found.given_by.is_none() {
            crate::private_files::create_folders(dir)
                .with_context(|| format!("could not create the folder {}", dir.display()))?;
        } else if !dir.is_dir() {
            // A path someone typed is taken as it is, typos included, as
            // with --db: only the platform folder is created.
            bail!(
                "the folder {} does not exist; create it first, or choose another path",
                dir.display()
            );
        }
    }
    let file = match create_private_file(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => bail!(
            "{} already exists, so it was left as it is. `afterglow config show` prints \
             the settings in effect; to start again from the defaults, move that file \
             aside first.",
            path.display()
        ),
        Err(e) => {
            return Err(e).with_context(|| format!("could not create {}", path.display()));
        }
    };
    if let Err(e) = write_all(file, DEFAULT_CONFIG) {
        // The file is ours (create_new): remove it rather than leave half a
        // config that would stop the app.
        let _ = std::fs::remove_file(path);
        return Err(e).with_context(|| format!("could not write {}", path.display()));
    }
    Ok(format!(
        "Wrote the default config to {}.\nEvery key in it is at its default; change what \
         you need. `afterglow config show` prints the settings in effect.\n",
        path.display()
    ))
}

fn write_all(mut file: File, text: &str) -> io::Result<()> {
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Creates `path` for writing, readable only by its owner, failing if
/// anything (a file, a folder, a dangling link) is already there.
fn create_private_file(path: &Path) -> io::Result<File> {
    crate::private_files::create_new(path)
}

fn show(config_cli: Option<&Path>) -> Result<String> {
    let settings = super::load_settings(config_cli)?;
    let header = match (&settings.source, config::config_path(config_cli)) {
        (Some(source), _) => format!(
            "# The settings in effect, read from {}.\n",
            comment_safe(&source.display().to_string())
        ),
        (None, Some(found)) => format!(
            "# The settings in effect: the built-in defaults (there is no file at {}).\n",
            comment_safe(&found.path.display().to_string())
        ),
        (None, None) => "# The settings in effect: the built-in defaults.\n".to_string(),
    };
    Ok(format!(
        "{header}# Every key is listed, defaults included; this text works as a config \
         file.\n\n{}",
        config::to_toml(&settings)
    ))
}

/// A path inside a TOML comment: a line break in it would end the comment
/// and make the rest of the path a syntax error.
fn comment_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_a_line_break_stays_one_comment() {
        let header = format!("# read from {}\n", comment_safe("/tmp/a\nb = 1\r"));
        assert_eq!(header, "# read from /tmp/a?b = 1?\n");
        assert!(config::parse(&header, Path::new("/x.toml")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_created_file_is_private_and_never_replaces_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let file = create_private_file(&path).unwrap();
        write_all(file, "x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let again = create_private_file(&path).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x");
    }
}
