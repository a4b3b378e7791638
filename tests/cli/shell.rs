//! Completions, the manual page and `status --format`.

use super::*;

#[test]
fn completions_for_every_shell_name_the_commands() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {script}");
        for word in [
            "session",
            "journal",
            "status",
            "backup",
            "restore",
            "completions",
        ] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
    }
    let out = env.run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("possible values") && stderr.contains("zsh"),
        "{stderr}"
    );
    assert!(!env.db.exists(), "completions must not create the database");
}

#[test]
fn the_manual_page_is_one_roff_page_with_every_section() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(page.starts_with(".TH afterglow 1 "), "{}", &page[..60]);
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH NOTES",
    ] {
        assert_eq!(page.matches(section).count(), 1, "{section}");
    }
    for command in [
        "afterglow session log",
        "afterglow habit tick",
        "afterglow status",
        "afterglow backup",
        "afterglow restore",
        "afterglow completions",
    ] {
        assert!(page.contains(&format!(".SS \"{command}\"")), "{command}");
    }
    for words in [
        "not medical advice",
        "988",
        "AFTERGLOW_DB",
        "AFTERGLOW_CONFIG",
        "VISUAL, EDITOR",
        "NO_COLOR",
        "TZ",
        "{closes_in}",
    ] {
        assert!(page.contains(words), "{words} missing");
    }
    // Only macros a man viewer knows, and the apostrophe string defined once.
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let name = line[1..].split(' ').next().unwrap();
        assert!(
            [
                "TH", "SH", "SS", "PP", "TP", "IP", "RS", "RE", "br", "nf", "fi", "ie", "el"
            ]
            .contains(&name),
            "{line}"
        );
    }
    assert_eq!(page.matches(".ds Aq").count(), 2, ".ie and .el once each");
    assert!(!env.db.exists(), "man must not create the database");
}

/// groff, where it is installed, reads the page without a warning.
#[test]
fn groff_reads_the_manual_page_cleanly() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    let Ok(mut groff) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("groff is not installed; the roff checks above still ran");
        return;
    };
    use std::io::Write;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = groff.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // Bold comes out as overstrikes ("E\bE"); keep the letter once.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    for words in ["EXIT STATUS", "afterglow restore", "not medical advice"] {
        assert!(text.contains(words), "{words}: {text}");
    }
}

/// A session 10 days ago, a planned one 2 days ahead, and `status --at`
/// 30 hours after the session (peak, 18 h left).
fn peak(env: &Env) -> (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
    let at = days_ago(10);
    env.ok(&["session", "log", "--at", &rfc(at)]);
    let planned = at + days(12);
    env.ok(&["session", "plan", "--at", &rfc(planned)]);
    (at, planned, at + hours(30))
}

fn format_at(env: &Env, now: DateTime<Utc>, template: &str) -> String {
    env.ok(&["status", "--at", &rfc(now), "--format", template])
}

#[test]
fn status_format_fills_each_placeholder() {
    let env = Env::new();
    let (at, planned, now) = peak(&env);
    let local = |t: DateTime<Utc>, fmt: &str| format!("{}\n", t.format(fmt));
    let cases = [
        ("{phase}", "peak\n".to_string()),
        ("{left}", "18h 00m\n".into()),
        ("{ends}", local(at + hours(48), "%a %H:%M")),
        ("{closes}", local(at + hours(72), "%a %H:%M")),
        ("{closes_in}", "1d 18h\n".into()),
        ("{progress}", "41\n".into()),
        ("{since}", "1d 6h\n".into()),
        // Ten days ahead: a weekday alone would be unclear.
        ("{next}", local(planned, "%a %-d %b %H:%M")),
        ("{next_in}", "10d 18h\n".into()),
        ("{{{phase}}} {{left}} }}", "{peak} {left} }\n".into()),
        (
            "#[fg=green]{phase}#[default] {progress}%",
            "#[fg=green]peak#[default] 41%\n".into(),
        ),
        ("", "\n".into()),
    ];
    for (template, want) in cases {
        assert_eq!(format_at(&env, now, template), want, "{template}");
    }
    // The plain line and --format agree.
    let line = env.ok(&["status", "--at", &rfc(now)]);
    assert_eq!(
        line,
        format_at(&env, now, "{phase} · {left} left · window closes {closes}")
    );
}

#[test]
fn status_format_in_a_local_zone_and_after_the_window() {
    let env = Env::in_zone("America/New_York");
    let at = days_ago(20);
    env.ok(&["session", "log", "--at", &rfc(at)]);
    let ny = |t: DateTime<Utc>| {
        t.with_timezone(&chrono_tz::America::New_York)
            .format("%a %H:%M")
            .to_string()
    };
    let all = "{phase}|{left}|{ends}|{closes}|{closes_in}|{progress}|{since}|{next}|{next_in}";
    assert_eq!(
        format_at(&env, at + minutes(30), all),
        format!(
            "acute|1h 00m|{}|{}|2d 23h|0|30m 00s||\n",
            ny(at + minutes(90)),
            ny(at + hours(72))
        )
    );
    // After the main window nothing counts any more: not the days left in
    // the extended phase, least of all the days since the session.
    assert_eq!(format_at(&env, at + days(5), all), "extended|||||100|||\n");
    assert_eq!(format_at(&env, at + days(15), all), "closed|||||100|||\n");
}

#[test]
fn status_format_without_a_session_still_prints() {
    let env = Env::new();
    assert_eq!(
        env.ok(&[
            "status",
            "--format",
            "[{phase}|{left}|{closes}|{progress}|{next}]"
        ]),
        "[none||||]\n"
    );
}

#[test]
fn status_format_mistakes_are_usage_errors_that_list_the_placeholders() {
    let env = Env::new();
    for (template, words) in [
        ("{phase} {lft}", "unknown placeholder {lft}"),
        ("{phase", "the { at character 1 is never closed"),
        ("50}%", "the } at character 3 has no {"),
    ] {
        let out = env.run(&["status", "--format", template]);
        assert_eq!(out.status.code(), Some(2), "{template}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{stderr}");
        if template.contains("lft") {
            assert!(
                stderr.contains("{phase} {left} {ends} {closes} {closes_in}"),
                "{stderr}"
            );
        }
    }
    let out = env.run(&["status", "--json", "--format", "{phase}"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
    assert!(
        !env.db.exists(),
        "a usage error must not create the database"
    );
}

#[test]
fn status_format_counts_real_hours_across_a_daylight_saving_change() {
    // Santiago skips from Sat 6 Sep 2025 24:00 to Sun 01:00: a session at
    // 20:00 the evening before ends its peak and its window at 21:00 local.
    let env = Env::in_zone("America/Santiago");
    env.ok(&["session", "log", "--at", "2025-09-06 20:00"]);
    let session = DateTime::parse_from_rfc3339("2025-09-07T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        format_at(
            &env,
            session + hours(30),
            "{phase}|{left}|{ends}|{closes}|{closes_in}|{since}"
        ),
        "peak|18h 00m|Mon 21:00|Tue 21:00|1d 18h|1d 6h\n"
    );
    // A status bar's usual template stays short in every phase.
    for (after, want) in [
        (minutes(10), "acute 1h 20m\n"),
        (hours(60), "open 12h 00m\n"),
        (days(5), "extended \n"),
        (days(30), "closed \n"),
    ] {
        assert_eq!(format_at(&env, session + after, "{phase} {left}"), want);
    }
}
