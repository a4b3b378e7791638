//! Where the config file and the database are, and reading the config
//! file from there.

use std::io;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use super::{ConfigError, Settings, parse};
use crate::bounded::{self, BoundedError};

const CONFIG_FILE: &str = "config.toml";
/// The largest config file read: the shipped one, every key commented, is
/// a few KiB; a file this large is not a config.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
const DB_FILE: &str = "afterglow.db";

/// The platform's folders for afterglow; `None` without a home directory.
fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "afterglow")
}

/// The platform's config file, e.g. `~/.config/afterglow/config.toml`, or
/// `None` when the system has no home directory to put it in.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join(CONFIG_FILE))
}

/// Loads the settings. A path given with `--config` (`cli_path`) or in
/// `AFTERGLOW_CONFIG` (`env_path`, passed in so that this never reads the
/// environment) must exist; without either, the platform file is used when
/// it exists and the built-in defaults when it does not.
pub fn load_from(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
) -> Result<Settings, ConfigError> {
    load_with(cli_path, env_path, default_config_path().as_deref())
}

/// [`load_from`] with `AFTERGLOW_CONFIG` read from the environment.
pub fn load(cli_path: Option<&Path>) -> Result<Settings, ConfigError> {
    load_from(cli_path, env_config_path().as_deref())
}

/// `AFTERGLOW_CONFIG`. An empty variable counts as unset, as shells make it
/// easy to set one by accident.
fn env_config_path() -> Option<PathBuf> {
    std::env::var_os("AFTERGLOW_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The config file in effect and what named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPath {
    pub path: PathBuf,
    /// `Some("--config")` or `Some("AFTERGLOW_CONFIG")`: the file must
    /// exist. `None`: the platform file, which may be missing.
    pub given_by: Option<&'static str>,
}

/// Where [`load`] reads from, in the same order; `None` only when nothing
/// names a file and the system has no home directory.
pub fn config_path(cli_path: Option<&Path>) -> Option<ConfigPath> {
    locate(
        cli_path,
        env_config_path().as_deref(),
        default_config_path().as_deref(),
    )
}

fn locate(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
    platform: Option<&Path>,
) -> Option<ConfigPath> {
    let given = |path: &Path, by| ConfigPath {
        path: path.to_path_buf(),
        given_by: Some(by),
    };
    match (cli_path, env_path, platform) {
        (Some(path), _, _) => Some(given(path, "--config")),
        (None, Some(path), _) => Some(given(path, "AFTERGLOW_CONFIG")),
        (None, None, platform) => platform.map(|path| ConfigPath {
            path: path.to_path_buf(),
            given_by: None,
        }),
    }
}

// Split from `load_from` so that tests can point the platform file at a
// temporary folder instead of the real home directory.
fn load_with(
    cli_path: Option<&Path>,
    env_path: Option<&Path>,
    platform: Option<&Path>,
) -> Result<Settings, ConfigError> {
    let Some(found) = locate(cli_path, env_path, platform) else {
        return Ok(Settings::default());
    };
    let path = found.path.as_path();
    let read = |cause: io::Error| ConfigError::Read {
        path: path.to_path_buf(),
        cause,
    };
    // `--config /dev/null` is the usual way to say "no config": an empty
    // file, as it always was.
    if path == Path::new("/dev/null") {
        return parse("", path);
    }
    // Any other pipe or device named as the config would wait for ever, or
    // never end: only a regular file of a config's size is read.
    match bounded::read_file(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(_) => Err(read(io::Error::new(
                io::ErrorKind::InvalidData,
                "it is not UTF-8 text",
            ))),
        },
        // A file someone named must be there; the platform file need not.
        Err(BoundedError::Io(e)) if e.kind() == io::ErrorKind::NotFound => match found.given_by {
            Some(given_by) => Err(ConfigError::Missing {
                path: path.to_path_buf(),
                given_by,
            }),
            None => Ok(Settings::default()),
        },
        Err(BoundedError::Io(cause)) => Err(read(cause)),
        Err(e @ BoundedError::TooLarge { .. }) => Err(read(io::Error::other(format!(
            "{e}; is it the right file?"
        )))),
        Err(e) => Err(read(io::Error::new(
            io::ErrorKind::InvalidInput,
            e.to_string(),
        ))),
    }
}

/// The database file: `--db` (`cli`), else `AFTERGLOW_DB` (`env`, passed
/// in), else `afterglow.db` in the platform data folder. An empty path counts
/// as not given. `None` only when there is no home directory either.
pub fn db_path(cli: Option<&Path>, env: Option<&Path>) -> Option<PathBuf> {
    [cli, env]
        .into_iter()
        .flatten()
        .find(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| project_dirs().map(|d| d.data_dir().join(DB_FILE)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::sections::DEFAULT_HALF_LIFE_DAYS;
    use crate::domain::CourseConfig;

    #[test]
    fn an_explicit_path_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let e = load_from(Some(&missing), None).unwrap_err();
        assert!(
            matches!(
                e,
                ConfigError::Missing {
                    given_by: "--config",
                    ..
                }
            ),
            "{e}"
        );
        assert!(
            e.to_string()
                .contains("nope.toml: no such config file (named by --config)")
        );
        let e = load_from(None, Some(&missing)).unwrap_err();
        assert!(
            matches!(
                e,
                ConfigError::Missing {
                    given_by: "AFTERGLOW_CONFIG",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn a_missing_platform_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let platform = dir.path().join("afterglow").join("config.toml");
        let s = load_with(None, None, Some(&platform)).unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.source, None);
        assert_eq!(load_with(None, None, None).unwrap(), Settings::default());
    }

    #[test]
    fn the_first_source_that_is_given_wins() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let cli = write("cli.toml", "[ui]\nmouse = false\n");
        let env = write("env.toml", "[habits]\nhalf_life_days = 3\n");
        let platform = write("platform.toml", "[course]\ngap_days = 2\n");

        let s = load_with(Some(&cli), Some(&env), Some(&platform)).unwrap();
        assert!(!s.mouse);
        assert_eq!(s.half_life_days, DEFAULT_HALF_LIFE_DAYS);
        assert_eq!(s.source.as_deref(), Some(cli.as_path()));

        let s = load_with(None, Some(&env), Some(&platform)).unwrap();
        assert_eq!(s.half_life_days, 3.0);
        assert_eq!(s.source.as_deref(), Some(env.as_path()));

        let s = load_with(None, None, Some(&platform)).unwrap();
        assert_eq!(s.course, CourseConfig::from_units(2, 6, 8, 4, 8).unwrap());
        assert_eq!(s.source.as_deref(), Some(platform.as_path()));
    }

    #[test]
    fn a_broken_platform_file_is_an_error_not_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("config.toml");
        std::fs::write(&bad, "[window]\npeak_hours = 1\n").unwrap();
        let e = load_with(None, None, Some(&bad)).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("{}, line 2:", bad.display())),
            "{e}"
        );

        // A folder where the file should be cannot be read.
        let e = load_with(None, None, Some(dir.path())).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }), "{e}");
        let e = load_from(Some(dir.path()), None).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }), "{e}");

        let not_utf8 = dir.path().join("latin1.toml");
        std::fs::write(&not_utf8, b"# Gr\xf6\xdfe\n").unwrap();
        let e = load_with(None, None, Some(&not_utf8)).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }), "{e}");
    }

    #[test]
    fn the_database_path_follows_the_same_order() {
        let cli = Path::new("/tmp/a.db");
        let env = Path::new("/tmp/b.db");
        assert_eq!(db_path(Some(cli), Some(env)).unwrap(), cli);
        assert_eq!(db_path(None, Some(env)).unwrap(), env);
        assert_eq!(db_path(Some(Path::new("")), Some(env)).unwrap(), env);
        if let Some(p) = db_path(None, None) {
            assert_eq!(p.file_name().unwrap(), DB_FILE, "{p:?}");
        }
        if let Some(p) = default_config_path() {
            assert!(p.ends_with("config.toml"), "{p:?}");
        }
    }

    #[test]
    fn the_path_in_effect_follows_the_loading_order() {
        let (cli, env, platform) = (
            Path::new("/c.toml"),
            Path::new("/e.toml"),
            Path::new("/p.toml"),
        );
        let at = |p: &Path, by| ConfigPath {
            path: p.to_path_buf(),
            given_by: by,
        };
        assert_eq!(
            locate(Some(cli), Some(env), Some(platform)),
            Some(at(cli, Some("--config")))
        );
        assert_eq!(
            locate(None, Some(env), Some(platform)),
            Some(at(env, Some("AFTERGLOW_CONFIG")))
        );
        assert_eq!(locate(None, None, Some(platform)), Some(at(platform, None)));
        assert_eq!(locate(None, None, None), None);
    }
}
