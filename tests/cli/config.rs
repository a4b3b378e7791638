//! `afterglow config path|init|show`, and a broken config stopping every
//! command with the file, the line and the key.

use super::*;

/// The platform config file under the test's private XDG_CONFIG_HOME.
fn platform_file(env: &Env) -> PathBuf {
    env.dir.path().join("config/afterglow/config.toml")
}

/// Runs `args` on the binary with the private home and no --db; returns
/// (exit code, stdout, stderr).
fn run_bare(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.bare().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn path_prints_the_file_in_effect_and_notes_a_missing_one_on_stderr() {
    let env = Env::new();
    let platform = platform_file(&env);
    let (code, out, err) = run_bare(&env, &["config", "path"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, format!("{}\n", platform.display()));
    assert!(err.contains("No file there yet"), "{err}");
    assert!(err.contains("built-in defaults"), "{err}");

    // AFTERGLOW_CONFIG comes next, and --config before it.
    let named = env.dir.path().join("named.toml");
    let from_env = env
        .bare()
        .env("AFTERGLOW_CONFIG", &named)
        .args(["config", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(from_env.stdout).unwrap(),
        format!("{}\n", named.display())
    );
    let stderr = String::from_utf8(from_env.stderr).unwrap();
    assert!(
        stderr.contains("will not start while AFTERGLOW_CONFIG names a missing file"),
        "{stderr}"
    );
    let flag = env.dir.path().join("flag.toml");
    fs::write(&flag, "").unwrap();
    let both = env
        .bare()
        .env("AFTERGLOW_CONFIG", &named)
        .arg("--config")
        .arg(&flag)
        .args(["config", "path"])
        .output()
        .unwrap();
    assert!(both.status.success());
    assert_eq!(
        String::from_utf8(both.stdout).unwrap(),
        format!("{}\n", flag.display())
    );
    // It exists, so stderr only says where questionnaires live.
    let questionnaires = flag.parent().unwrap().join("questionnaires");
    assert_eq!(
        String::from_utf8(both.stderr).unwrap(),
        format!(
            "Questionnaire files are read from {}.\n",
            questionnaires.display()
        )
    );
    assert!(!env.db.exists(), "config path must not create the database");
}

#[test]
fn init_writes_the_defaults_privately_and_never_replaces_a_file() {
    let env = Env::new();
    let platform = platform_file(&env);
    let (code, out, err) = run_bare(&env, &["config", "init"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with(&format!(
            "Wrote the default config to {}.\n",
            platform.display()
        )),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(&platform).unwrap(),
        afterglow::config::DEFAULT_CONFIG
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&platform), 0o600);
        assert_eq!(mode(platform.parent().unwrap()), 0o700);
    }
    // The shipped file behaves exactly like no file at all.
    let (_, shown, _) = run_bare(&env, &["config", "show"]);
    let (_, shown_defaults, _) = run_bare(
        &env,
        &["--config", "/dev/null", "config", "show"], // an empty file
    );
    let body = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&shown), body(&shown_defaults));

    // A second init leaves the file exactly as it is, even when edited.
    fs::write(&platform, "[ui]\nmouse = false\n").unwrap();
    let (code, out, err) = run_bare(&env, &["config", "init"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(&format!(
            "afterglow: {} already exists, so it was left as it is.",
            platform.display()
        )),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&platform).unwrap(),
        "[ui]\nmouse = false\n"
    );
    assert!(!env.db.exists(), "config init must not create the database");
}

#[test]
fn init_with_a_named_path_needs_its_folder() {
    let env = Env::new();
    let missing = env.dir.path().join("no-such-folder/config.toml");
    let err = env.fails(&["--config", missing.to_str().unwrap(), "config", "init"]);
    assert!(err.contains("no-such-folder does not exist"), "{err}");
    assert!(!missing.parent().unwrap().exists());

    let named = env.dir.path().join("mine.toml");
    let out = env
        .bare()
        .env("AFTERGLOW_CONFIG", &named)
        .args(["config", "init"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        fs::read_to_string(&named).unwrap(),
        afterglow::config::DEFAULT_CONFIG
    );
    // Not the platform folder: only the file that was named.
    assert!(!platform_file(&env).exists());
}

#[test]
fn show_prints_every_setting_and_reads_back_the_same() {
    let env = Env::new();
    let (code, defaults, err) = run_bare(&env, &["config", "show"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        defaults.starts_with(&format!(
            "# The settings in effect: the built-in defaults (there is no file at {}).\n",
            platform_file(&env).display()
        )),
        "{defaults}"
    );
    for line in [
        "[window]\nacute_minutes = 90\n",
        "[ui]\nmouse = true\n",
        "[keys]\ncrisis = \"Ctrl-g\"\nquit = [\"q\", \"Ctrl-c\"]\nhelp = \"?\"\n",
        "editor.external = \"Ctrl-e\"\n",
        "[colors]\ntitle = \"light-cyan\"\n",
    ] {
        assert!(defaults.contains(line), "{line:?} in\n{defaults}");
    }

    let mine = env.dir.path().join("mine.toml");
    fs::write(
        &mine,
        "[window]\nopen_hours = 60\n[keys]\nquit = \"x\"\njournal.new = [\"w\", \"Ctrl-n\"]\n\
         [colors]\npeak = \"#ff8800\"\nclosed = 240\n",
    )
    .unwrap();
    let first = env.ok(&["--config", mine.to_str().unwrap(), "config", "show"]);
    assert!(
        first.starts_with(&format!(
            "# The settings in effect, read from {}.\n",
            mine.display()
        )),
        "{first}"
    );
    for line in [
        "open_hours = 60\n",
        "quit = [\"x\", \"Ctrl-c\"]\n",
        "journal.new = [\"w\", \"Ctrl-n\"]\n",
        "peak = \"#ff8800\"\n",
        "closed = 240\n",
    ] {
        assert!(first.contains(line), "{line:?} in\n{first}");
    }
    // Fed back as a config file, the output gives the same settings.
    let again = env.dir.path().join("again.toml");
    fs::write(&again, &first).unwrap();
    let second = env.ok(&["--config", again.to_str().unwrap(), "config", "show"]);
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&first), body(&second));
    // And a command run with it sees them.
    let status = env.ok(&["--config", again.to_str().unwrap(), "status"]);
    assert!(!status.is_empty());
}

#[test]
fn a_bad_key_name_stops_every_command_with_the_file_line_and_key() {
    let env = Env::new();
    let platform = platform_file(&env);
    fs::create_dir_all(platform.parent().unwrap()).unwrap();
    let text = "[keys]\nhelp = \"?\"\n\nquit = [\"q\", \"Hyper-x\"]\n";
    fs::write(&platform, text).unwrap();
    let want = format!(
        "{}, line 4: unknown key `Hyper-x` for `quit`; keys are written like",
        platform.display()
    );
    for args in [
        &[][..],
        &["status"],
        &["config", "show"],
        &["session", "log"],
        &["journal", "list"],
        &["export"],
    ] {
        let err = env.fails(args);
        assert!(err.contains(&want), "{args:?}: {err}");
    }
    assert!(!env.db.exists(), "nothing may run on a half-read config");

    // `path` and `init` still help.
    let (code, out, _) = run_bare(&env, &["config", "path"]);
    assert_eq!((code, out), (Some(0), format!("{}\n", platform.display())));
    let (code, _, err) = run_bare(&env, &["config", "init"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(fs::read_to_string(&platform).unwrap(), text);

    // A colour and a clash are reported the same way.
    fs::write(&platform, "[colors]\ntitle = \"purple\"\n").unwrap();
    let err = env.fails(&["status"]);
    assert!(
        err.contains(&format!(
            "{}, line 2: `title` must be a colour",
            platform.display()
        )),
        "{err}"
    );
    fs::write(&platform, "[keys]\nup = \"x\"\ndown = \"x\"\n").unwrap();
    let err = env.fails(&["config", "show"]);
    assert!(
        err.contains(&format!(
            "{}, line 3: `x` for `down` is already used by `up` on the dashboard",
            platform.display()
        )),
        "{err}"
    );
}

/// `--config /dev/zero` used to read without end (gigabytes in seconds)
/// and a pipe to wait for ever for a writer. Only a regular file of at
/// most 1 MiB is read; /dev/null stays the usual "no config".
#[cfg(unix)]
#[test]
fn a_config_that_is_a_pipe_a_device_or_too_large_is_refused() {
    use super::import::{fifo, within};
    let env = Env::new();
    let pipe = env.dir.path().join("config.toml");
    fifo(&pipe);
    let big = env.dir.path().join("big.toml");
    fs::write(&big, format!("# {}\n", "x".repeat(1024 * 1024))).unwrap();
    let platform = platform_file(&env);
    fs::create_dir_all(platform.parent().unwrap()).unwrap();
    fifo(&platform);
    let cases = [
        (
            vec!["--config", pipe.to_str().unwrap()],
            format!(
                "{}: could not read the config file: this is a pipe, not a regular file",
                pipe.display()
            ),
        ),
        (
            vec!["--config", big.to_str().unwrap()],
            format!(
                "{}: could not read the config file: this holds more than 1 MiB, the most \
                 afterglow reads here; is it the right file?",
                big.display()
            ),
        ),
        (
            vec!["--config", "/dev/zero"],
            "/dev/zero: could not read the config file: this is a device, not a regular file"
                .to_string(),
        ),
        // The platform file, read when nothing names another.
        (
            vec![],
            format!(
                "{}: could not read the config file: this is a pipe",
                platform.display()
            ),
        ),
    ];
    for (given, want) in cases {
        let mut cmd = env.bare();
        cmd.args(&given).args(["config", "show"]);
        let out = within(cmd, 20);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{given:?}: {err}");
        assert!(err.starts_with("afterglow: "), "{given:?}: {err}");
        assert!(err.contains(&want), "{given:?}: {err}");
    }
    let (code, _, err) = run_bare(&env, &["--config", "/dev/null", "config", "show"]);
    assert_eq!(code, Some(0), "{err}");
}
