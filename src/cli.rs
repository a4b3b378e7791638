//! The command line: parses arguments, opens the store and runs one command.
//!
//! Every command returns the text it wants on stdout instead of printing as
//! it goes, so that a failure half-way never leaves half an answer behind and
//! a closed pipe (`afterglow export | head`) is handled in one place.

mod backup;
mod checkin;
mod configure;
mod demo;
mod editor;
mod export;
mod habit;
mod import;
mod insights;
mod intention;
mod journal;
mod questionnaire;
mod session;
mod shell;
mod status;
mod text;
mod therapy;
mod treatment;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Datelike, NaiveDate, SubsecRound, Utc};
use clap::builder::TypedValueParser;
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::{self, Settings};
use crate::domain::{time, when};
use crate::store::{Check, Companions, Db, StoreError};
use crate::zone::Zone;

/// The block at the top of the file `journal add` opens in $EDITOR: how
/// to write, some prompts, and the not-medical-advice and crisis lines.
pub fn editor_template() -> String {
    editor::header()
}

const ABOUT: &str = "A calm terminal companion for ketamine-therapy integration.";

const GLOBAL: &str = "Global options";

/// An I/O error in plain words: the system's sentence without its
/// "(os error N)" code, and a full disk said as such.
pub(crate) fn plain_io(e: &io::Error) -> String {
    plain_os_words(&e.to_string())
}

/// `text` with every "(os error N)" taken out, and the system's words for a
/// full disk replaced by plain ones.
fn plain_os_words(text: &str) -> String {
    let text = text.replace("No space left on device", "the disk is full");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(" (os error ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " (os error ".len()..];
        match after.find(')') {
            Some(end) if after[..end].chars().all(|c| c.is_ascii_digit()) => {
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(" (os error ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `--help`: what afterglow is, and that it is not medical advice.
fn long_about() -> String {
    format!(
        "A calm terminal companion for ketamine-therapy integration: the window after \
         each session, a journal, habits and intentions, kept in one local file that \
         never leaves this machine.\n\n\
         Run it with no command to open the dashboard.\n\n{}",
        crate::care::NOT_MEDICAL_ADVICE,
    )
}

/// Below both `-h` and `--help`: the crisis lines, in their one wording.
fn crisis_lines() -> String {
    format!("{}\n{}", crate::care::IN_DANGER, crate::care::TO_TALK)
}

#[derive(Debug, Parser)]
#[command(name = "afterglow", version, about = ABOUT, long_about = long_about(),
          after_help = crisis_lines())]
pub struct Cli {
    /// The database file [default: the platform data folder]
    #[arg(long, global = true, env = "AFTERGLOW_DB", value_name = "PATH", help_heading = GLOBAL,
          value_parser = any_path())]
    db: Option<PathBuf>,
    /// The config file [default: the platform config folder]
    #[arg(long, global = true, env = "AFTERGLOW_CONFIG", value_name = "PATH", help_heading = GLOBAL,
          value_parser = any_path())]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Paths, the empty one included: an empty `--db` or `AFTERGLOW_DB=`
/// counts as not set (see `config::db_path`), which clap's own path parser
/// would refuse before that rule is reached.
fn any_path() -> impl TypedValueParser<Value = PathBuf> {
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Log, plan and list sessions
    #[command(subcommand)]
    Session(session::Cmd),
    /// Set an intention, reflect on it, list them
    #[command(subcommand)]
    Intention(intention::Cmd),
    /// Tick, list, add, schedule, archive and restore habits
    #[command(subcommand)]
    Habit(habit::Cmd),
    /// Write and list journal entries
    #[command(subcommand)]
    Journal(journal::Cmd),
    /// A quick rating of the day: mood, anxiety, energy and a line of note
    Checkin(checkin::Args),
    /// Log therapy or integration visits
    #[command(subcommand)]
    Therapy(therapy::Cmd),
    /// Answer a questionnaire defined in a file, or list them
    Questionnaire(questionnaire::Args),
    /// Say you are pausing or have finished with sessions, or are back
    Treatment(treatment::Args),
    /// One line about the current window, for a shell prompt or tmux
    Status(status::Args),
    /// Is the relief lasting? Mood, relief per course and booster, questionnaires
    Insights(insights::Args),
    /// Write everything to a file you can keep or read elsewhere
    Export(export::Args),
    /// Bring in history from jrnl, Daylio, Loop Habit Tracker or afterglow
    Import(import::Args),
    /// Copy the database to a file, safely, even while the dashboard is open
    Backup(backup::BackupArgs),
    /// Replace the database with a backup, keeping the current one aside
    Restore(backup::RestoreArgs),
    /// Where the config file is, write a commented one, or show the settings
    #[command(subcommand)]
    Config(configure::Cmd),
    /// Print a shell completion script
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff)
    Man,
    /// Look around with made-up data, without touching yours
    #[command(long_about = demo::LONG_ABOUT)]
    Demo(demo::Args),
}

/// What every command works with: the open store, the settings and one
/// reading of the clock, so that a command sees a single "now" throughout.
pub(crate) struct Ctx {
    pub db: Db,
    pub settings: Settings,
    pub now: DateTime<Utc>,
    pub zone: Zone,
}

impl Ctx {
    /// A WHEN argument, or now when it was left out.
    pub fn when(&self, input: Option<&str>) -> Result<DateTime<Utc>> {
        match input {
            Some(s) => Ok(when::parse_when(s, self.now, &self.zone)?),
            None => Ok(self.now),
        }
    }

    /// A DAY argument, or today when it was left out.
    pub fn day(&self, input: Option<&str>) -> Result<NaiveDate> {
        match input {
            Some(s) => Ok(when::parse_day(s, self.now, &self.zone)?),
            None => Ok(self.today()),
        }
    }

    pub fn today(&self) -> NaiveDate {
        time::local_date(self.now, &self.zone)
    }

    /// A local time such as `Mon 23 Nov 14:05`, with the year when it is
    /// not this year, so that old entries are never mistaken for recent ones.
    pub fn show(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.zone);
        if local.year() == self.now.with_timezone(&self.zone).year() {
            local.format("%a %-d %b %H:%M").to_string()
        } else {
            local.format("%a %-d %b %Y %H:%M").to_string()
        }
    }

    /// A local day such as `today`, `yesterday` or `Mon 23 Nov`.
    pub fn show_day(&self, day: NaiveDate) -> String {
        let today = self.today();
        if day == today {
            "today".into()
        } else if Some(day) == time::prev_day(today) {
            "yesterday".into()
        } else if day.year() == today.year() {
            day.format("%a %-d %b").to_string()
        } else {
            day.format("%a %-d %b %Y").to_string()
        }
    }
}

/// Where the two path options came from. clap reads the environment for
/// them (so `--help` shows the variables), but the config module words its
/// errors after the source ("set by AFTERGLOW_CONFIG"), so the source is
/// passed on instead of being flattened into one value.
struct Paths {
    db_cli: Option<PathBuf>,
    db_env: Option<PathBuf>,
    config_cli: Option<PathBuf>,
}

impl Paths {
    fn from(cli: &mut Cli, matches: &ArgMatches) -> Paths {
        let from_env = |id| matches.value_source(id) == Some(ValueSource::EnvVariable);
        let (db_cli, db_env) = match cli.db.take() {
            Some(p) if from_env("db") => (None, Some(p)),
            p => (p, None),
        };
        // config::load reads AFTERGLOW_CONFIG itself.
        let config_cli = cli.config.take().filter(|_| !from_env("config"));
        Paths {
            db_cli,
            db_env,
            config_cli,
        }
    }
}

/// The whole program; `main.rs` only calls this.
pub fn main() -> ExitCode {
    if let Some(paths) = plain_dashboard(std::env::args_os().skip(1)) {
        let cli = Cli {
            db: None,
            config: None,
            command: None,
        };
        return match run(cli, paths) {
            Ok(out) => emit(&out, false),
            Err(e) => fail(&e),
        };
    }
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (mut cli, matches) = match parsed {
        Ok(ok) => ok,
        Err(e) => {
            // clap prints help and version to stdout with code 0, and usage
            // errors to stderr with code 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let paths = Paths::from(&mut cli, &matches);
    let document = prints_a_document(cli.command.as_ref());
    match run(cli, paths) {
        Ok(out) => emit(&out, document),
        Err(e) => fail(&e),
    }
}

/// Says why on stderr and exits with 1. The message is written, never
/// printed with `eprint!`: when the terminal window was closed stderr is
/// gone, and a panic there would turn a calm exit into an abort.
fn fail(e: &anyhow::Error) -> ExitCode {
    let _ = write!(io::stderr(), "{}", error_report(e));
    ExitCode::from(1)
}

/// The paths of a plain dashboard start (`afterglow`, with at most
/// `--db PATH` and `--config PATH`, each once, in either form), read
/// without building clap's tree of every command, which costs a visible
/// part of the first frame (docs/performance.md). Anything else, an empty
/// or odd value included, is `None` and goes through clap, which explains
/// mistakes; the environment is read as clap reads it.
fn plain_dashboard(args: impl Iterator<Item = std::ffi::OsString>) -> Option<Paths> {
    use std::ffi::OsString;
    let mut db: Option<OsString> = None;
    let mut config: Option<OsString> = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let text = arg.to_str()?;
        let (name, inline) = match text.split_once('=') {
            Some((name, value)) => (name, Some(OsString::from(value))),
            None => (text, None),
        };
        let slot = match name {
            "--db" => &mut db,
            "--config" => &mut config,
            _ => return None,
        };
        let value = match inline {
            Some(v) => v,
            None => args.next()?,
        };
        let plain = value
            .to_str()
            .is_some_and(|v| !v.is_empty() && !v.starts_with('-'));
        if !plain || slot.is_some() {
            return None;
        }
        *slot = Some(value);
    }
    let from_env = |name: &str| std::env::var_os(name).map(PathBuf::from);
    Some(Paths {
        db_env: if db.is_none() {
            from_env("AFTERGLOW_DB")
        } else {
            None
        },
        db_cli: db.map(PathBuf::from),
        config_cli: config.map(PathBuf::from),
    })
}

/// Whether stdout is a document for a file or another program (an export
/// without --out, a completion script, the manual page, the config), whose
/// text must arrive exactly as stored when it is not a terminal. Everything
/// else afterglow prints is for reading, and is cleaned wherever it goes.
fn prints_a_document(command: Option<&Command>) -> bool {
    match command {
        Some(Command::Export(a)) => a.writes_to_stdout(),
        Some(Command::Session(c)) => c.prints_json(),
        Some(Command::Journal(c)) => c.prints_json(),
        Some(Command::Checkin(a)) => a.prints_json(),
        Some(Command::Therapy(c)) => c.prints_json(),
        Some(Command::Intention(c)) => c.prints_json(),
        Some(Command::Habit(c)) => c.prints_json(),
        Some(Command::Insights(a)) => a.prints_json(),
        Some(Command::Questionnaire(a)) => a.prints_json(),
        Some(
            Command::Completions(_)
            | Command::Man
            | Command::Config(configure::Cmd::Show | configure::Cmd::Path),
        ) => true,
        _ => false,
    }
}

/// The error and its causes, one line each. Wrappers often repeat their
/// cause's words ("database error: database is locked", then "database is
/// locked" twice more); a cause whose text is already in a line above is
/// left out, so each message is read once.
fn error_report(e: &anyhow::Error) -> String {
    let mut shown: Vec<String> = Vec::new();
    for cause in e.chain() {
        // The system's error codes mean nothing to a person; its words stay.
        let text = plain_os_words(&cause.to_string());
        let text = text.trim();
        if text.is_empty() || shown.iter().any(|line| line.contains(text)) {
            continue;
        }
        shown.push(text.to_string());
    }
    let mut out = String::new();
    for (i, line) in shown.iter().enumerate() {
        out.push_str(if i == 0 { "afterglow: " } else { "  because: " });
        // Messages quote what was typed, file names and stored values;
        // stderr is a terminal more often than not.
        out.push_str(&crate::terminal_text::clean(line));
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("afterglow: something went wrong\n");
    }
    out
}

/// Prints a command's answer; see [`prints_a_document`] for when it is
/// cleaned of what a terminal would obey (`terminal_text`).
fn emit(out: &str, document: bool) -> ExitCode {
    if out.is_empty() {
        return ExitCode::SUCCESS;
    }
    let mut stdout = io::stdout().lock();
    let out = if document && !stdout.is_terminal() {
        std::borrow::Cow::Borrowed(out)
    } else {
        crate::terminal_text::clean(out)
    };
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`); that is their choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(
                io::stderr(),
                "afterglow: could not write to stdout\n  because: {e}"
            );
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli, paths: Paths) -> Result<String> {
    // These work without settings or a database, so that they still help
    // when the config or the database is the problem.
    match cli.command {
        Some(Command::Config(cmd)) => return configure::run(cmd, paths.config_cli.as_deref()),
        Some(Command::Completions(args)) => return shell::completions(args, Cli::command()),
        Some(Command::Man) => return shell::man(Cli::command()),
        Some(Command::Restore(args)) => {
            let db_path = resolve_db(paths.db_cli.as_deref(), paths.db_env.as_deref())?;
            return backup::restore(args, &db_path);
        }
        _ => {}
    }
    let settings = load_settings(paths.config_cli.as_deref())?;
    if let Some(Command::Demo(args)) = cli.command {
        // Never the default database: made-up data must not land in it.
        let given = [paths.db_cli, paths.db_env]
            .into_iter()
            .flatten()
            .find(|p| !p.as_os_str().is_empty());
        return demo::run(args, settings, given);
    }
    let db_path = resolve_db(paths.db_cli.as_deref(), paths.db_env.as_deref())?;
    let zone = Zone::Local;
    let could_not_open = || format!("could not open {}", db_path.display());
    let Some(command) = cli.command else {
        require_terminal(
            "the dashboard needs a terminal; for scripts try `afterglow status` or `afterglow --help`",
        )?;
        // An existing, up-to-date file is drawn from before its integrity
        // check, which reads the whole file: the dashboard appears at once
        // however many years it holds (see docs/performance.md).
        let start = match Db::preview(&db_path).with_context(could_not_open)? {
            Some(preview) => crate::tui::Start::Preview(preview),
            None => {
                let mut db = Db::open(&db_path).with_context(could_not_open)?;
                tell(&db);
                db.ensure_defaults(time::local_date(Utc::now(), &zone))
                    .with_context(|| format!("could not set up {}", db_path.display()))?;
                crate::tui::Start::Open(db)
            }
        };
        crate::tui::run(start, settings, zone)?;
        return Ok(String::new());
    };
    let access = access(&command);
    // What was beside the file before a read, so that a failed read can
    // leave the folder as it found it (writes keep their own rules).
    let before = matches!(access, Access::Read(_)).then(|| Companions::now(&db_path));
    let mut db = match access {
        Access::Write => Db::open(&db_path),
        // Nothing logged yet: the answer is the same as from an empty
        // database, and a status line polled by tmux, or a dry run, must
        // not be what creates the file.
        _ if Db::is_absent(&db_path) => Db::open_in_memory(),
        Access::Read(check) => Db::open_read_only(&db_path, check),
        Access::DryRun => Db::open_copy(&db_path),
    }
    .map_err(|e| e.as_damage_of(&db_path))
    .with_context(could_not_open)?;
    tell(&db);
    // Whole seconds: the store keeps instants to the second, and a command
    // should print the same times it saved.
    let now = Utc::now().trunc_subsecs(0);
    db.ensure_defaults(time::local_date(now, &zone))
        .with_context(|| format!("could not set up {}", db_path.display()))?;
    let mut ctx = Ctx {
        db,
        settings,
        now,
        zone,
    };
    let answer = match command {
        Command::Session(c) => session::run(&mut ctx, c),
        Command::Intention(c) => intention::run(&mut ctx, c),
        Command::Habit(c) => habit::run(&mut ctx, c),
        Command::Journal(c) => journal::run(&mut ctx, c),
        Command::Checkin(a) => checkin::run(&mut ctx, a),
        Command::Therapy(c) => therapy::run(&mut ctx, c),
        Command::Questionnaire(a) => questionnaire::run(&mut ctx, a),
        Command::Treatment(a) => treatment::run(&mut ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::Insights(a) => insights::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a, &db_path),
        Command::Import(a) => import::run(&mut ctx, a),
        Command::Backup(a) => backup::backup(&ctx, a),
        // Taken care of above, before any database is opened.
        Command::Demo(_)
        | Command::Config(_)
        | Command::Completions(_)
        | Command::Man
        | Command::Restore(_) => Ok(String::new()),
    };
    drop(ctx);
    if let Some(before) = before
        && answer.is_err()
    {
        // A read that failed leaves the folder as it was found: the empty
        // -wal and the -shm its connection made go again.
        before.tidy(&db_path);
    }
    // A damaged page met while reading is the file's damage, said as the
    // checks at opening say it, with the file's name.
    answer.map_err(|e| match e.downcast::<StoreError>() {
        Ok(store) => anyhow::Error::new(store.as_damage_of(&db_path)),
        Err(e) => e,
    })
}

/// How a command may use the database.
enum Access {
    /// Opened for writing, checked in full first.
    Write,
    /// Only read: the file is opened read-only and never written,
    /// checkpointed or migrated (see `Db::open_read_only`).
    Read(Check),
    /// Pretends to write: into a private copy in memory.
    DryRun,
}

/// A glance (a status line polled by tmux, a list) reads a few rows and
/// never writes: the header and `-wal` checks only, so that it costs the
/// same at thirty years as at one; an export, which is kept and trusted
/// later, and every write get `integrity_check` (see docs/performance.md
/// for what each costs). A
/// backup reads with `quick_check` because its copy, page for page the
/// same, gets `integrity_check` on a connection that may write, which
/// also sees CHECK constraints.
fn access(command: &Command) -> Access {
    match command {
        Command::Status(_) => Access::Read(Check::Header),
        Command::Session(c) if c.writes_nothing() => Access::Read(Check::Header),
        Command::Intention(c) if c.writes_nothing() => Access::Read(Check::Header),
        Command::Habit(c) if c.writes_nothing() => Access::Read(Check::Header),
        Command::Journal(c) if c.writes_nothing() => Access::Read(Check::Header),
        Command::Checkin(a) if a.writes_nothing() => Access::Read(Check::Header),
        Command::Therapy(c) if c.writes_nothing() => Access::Read(Check::Header),
        Command::Questionnaire(a) if a.writes_nothing() => Access::Read(Check::Header),
        Command::Treatment(a) if a.only_asks() => Access::Read(Check::Header),
        Command::Insights(_) => Access::Read(Check::Header),
        // Asked to skip what cannot be read, an export gets out what it
        // can of a file the full check refuses (it is read, never written).
        Command::Export(a) if a.skips_bad() => Access::Read(Check::Quick),
        Command::Export(_) => Access::Read(Check::Full),
        Command::Backup(_) => Access::Read(Check::Quick),
        Command::Import(a) if a.is_dry_run() => Access::DryRun,
        _ => Access::Write,
    }
}

/// What opening had to do (a hot `-journal` played back, or read around),
/// on stderr, so that stdout stays the command's answer.
fn tell(db: &Db) {
    if let Some(notice) = db.notice() {
        let _ = writeln!(io::stderr(), "afterglow: note: {notice}.");
    }
}

/// Piped or run from a script, a full-screen dashboard would only garble
/// the output; `instead` says what works.
fn require_terminal(instead: &str) -> Result<()> {
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        bail!("{instead}");
    }
    Ok(())
}

fn load_settings(cli_path: Option<&Path>) -> Result<Settings> {
    config::load(cli_path).with_context(|| match cli_path {
        Some(p) => format!("could not load the settings from {}", p.display()),
        None => "could not load the settings".to_string(),
    })
}

/// The database path. Only the default location gets its folder created:
/// a path someone typed is taken as it is, typos included.
fn resolve_db(cli_path: Option<&Path>, env_path: Option<&Path>) -> Result<PathBuf> {
    let Some(path) = config::db_path(cli_path, env_path) else {
        bail!("could not find a folder for the database; pass --db PATH or set AFTERGLOW_DB");
    };
    let given = [cli_path, env_path]
        .into_iter()
        .flatten()
        .any(|p| !p.as_os_str().is_empty());
    if !given && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::create_folders(dir)
            .with_context(|| format!("could not create the folder {}", dir.display()))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The plain dashboard start skips clap only for what clap would read
    /// the same way; everything else goes through clap.
    #[test]
    fn only_a_plain_dashboard_start_skips_clap() {
        let plain = |args: &[&str]| plain_dashboard(args.iter().map(std::ffi::OsString::from));
        let p = plain(&["--db", "a.db", "--config=c.toml"]).expect("plain");
        assert_eq!(p.db_cli.as_deref(), Some(Path::new("a.db")));
        assert_eq!(p.config_cli.as_deref(), Some(Path::new("c.toml")));
        assert!(p.db_env.is_none());
        let p = plain(&["--db=a=b.db"]).expect("plain");
        assert_eq!(p.db_cli.as_deref(), Some(Path::new("a=b.db")));
        assert!(plain(&[]).is_some());
        for args in [
            &["status"][..],
            &["--db"],
            &["--db", "a.db", "--db", "b.db"],
            &["--db="],
            &["--db", "--config"],
            &["--help"],
            &["-V"],
            &["--db", "a.db", "journal", "list"],
            &["--"],
        ] {
            assert!(plain(args).is_none(), "{args:?}");
        }
    }

    #[test]
    fn system_error_codes_give_way_to_plain_words() {
        assert_eq!(
            plain_os_words("could not write e.json: No space left on device (os error 28)"),
            "could not write e.json: the disk is full"
        );
        assert_eq!(
            plain_os_words("No such file or directory (os error 2)"),
            "No such file or directory"
        );
        // Only a code in the system's own form is taken out.
        assert_eq!(
            plain_os_words("a note (os error x) stays"),
            "a note (os error x) stays"
        );
    }

    #[test]
    fn an_error_chain_prints_each_message_once() {
        #[derive(Debug)]
        struct Leaf;
        impl std::fmt::Display for Leaf {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("database is locked")
            }
        }
        impl std::error::Error for Leaf {}
        #[derive(Debug)]
        struct Wrap(Leaf);
        impl std::fmt::Display for Wrap {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "database error: {}", self.0)
            }
        }
        impl std::error::Error for Wrap {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let e = anyhow::Error::new(Wrap(Leaf)).context("could not open /x.db");
        assert_eq!(
            error_report(&e),
            "afterglow: could not open /x.db\n  because: database error: database is locked\n"
        );
        let e = anyhow::Error::new(Wrap(Leaf));
        let message = format!("words kept: {e}");
        let e = e.context(message);
        assert_eq!(
            error_report(&e),
            "afterglow: words kept: database error: database is locked\n"
        );
    }
}
