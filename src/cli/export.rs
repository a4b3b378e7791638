//! `afterglow export`: everything, or the days asked for, as JSON (for
//! import), CSV (a folder of files), a Markdown or HTML report or a
//! calendar.
//!
//! The files hold health data, so they are created readable by their owner
//! only (folders 0700, files 0600), and an existing file or folder is never
//! replaced unless asked. Nothing is ever half-written: a file goes through
//! create_new or a temporary sibling and a rename, and a CSV folder is
//! filled in a scratch sibling folder that is renamed into place at the end.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::private_files;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;

use super::Ctx;
use super::text::{plural, table};
use crate::formats::csv::{CsvFile, FILE_NAMES};
use crate::formats::{self, Days};
use crate::store::{Db, Export, StoreError};
use crate::terminal_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Everything, versioned, for `afterglow import --from afterglow`
    Json,
    /// One file per kind of record, in the --out folder
    Csv,
    /// A report to read or bring to your therapist
    Md,
    /// A calendar of sessions, windows and suggested steps
    Ics,
    /// The report as one self-contained web page with charts, to print
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file format
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write to this file instead of stdout (for csv: a new or empty folder)
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Replace the --out file, or a folder of an earlier csv export
    #[arg(long, requires = "out")]
    force: bool,
    #[arg(long, value_name = "DAY", allow_hyphen_values = true, help = concat!("Only from this local day on: ", crate::domain::when::day_forms!()))]
    since: Option<String>,
    /// Only up to this local day, itself included
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    until: Option<String>,
    /// Leave out stored rows that cannot be read, naming each one, and
    /// export everything else
    #[arg(long)]
    skip_bad: bool,
}

impl Args {
    pub fn skips_bad(&self) -> bool {
        self.skip_bad
    }

    /// Whether the export goes to stdout rather than to --out.
    pub fn writes_to_stdout(&self) -> bool {
        self.out.is_none()
    }
}

/// `db` is where the database is (or is to be made): no export may land
/// on it or beside it, whatever the format.
pub fn run(ctx: &Ctx, args: Args, db: &Path) -> Result<String> {
    if let Some(out) = &args.out {
        Db::refuse_own_file(db, out)?;
    }
    let days = days(ctx, args.since.as_deref(), args.until.as_deref())?;
    if args.format == Format::Csv && args.out.is_none() {
        bail!(
            "csv writes one file per kind of record, so it needs a folder to put them in; \
             add --out FOLDER, for example --out afterglow-csv"
        );
    }
    if args.skip_bad
        && let Err(damage) = ctx.db.verify(crate::store::Check::Full)
    {
        // Opened with the lighter check; the full one still speaks, so the
        // person knows the export may lack what the damage hides.
        eprintln!(
            "afterglow: note: {}",
            crate::terminal_text::clean(&format!(
                "{damage}. Exporting what can be read, as --skip-bad asks; rows the damage hides may be missing"
            ))
        );
    }
    let export = read(ctx, args.skip_bad)?;
    match args.format {
        Format::Json => {
            // Without days this is exactly the database's export value.
            let shown = formats::select(&export, days, &ctx.zone);
            let text = formats::json::write(&shown, export.exported_at, export.schema_version)
                .context("could not write the export as JSON")?;
            let Some(path) = args.out else {
                return Ok(text);
            };
            write_private(&path, &text, args.force)?;
            Ok(format!(
                "Exported {}, {}, {}, {} and {} to {}.\n",
                plural(shown.sessions.len() as i64, "session", "sessions"),
                plural(
                    shown.journal.len() as i64,
                    "journal entry",
                    "journal entries"
                ),
                plural(shown.checkins.len() as i64, "check-in", "check-ins"),
                plural(
                    shown.questionnaire_results.len() as i64,
                    "questionnaire result",
                    "questionnaire results"
                ),
                plural(shown.habits.len() as i64, "habit", "habits"),
                path.display()
            ))
        }
        Format::Md | Format::Html => {
            let insights = match super::insights::compute(ctx, days) {
                Ok(i) => i,
                // The analysis reads every row; with rows left out as asked,
                // the report goes without it rather than not at all.
                Err(e) if args.skip_bad => {
                    eprintln!(
                        "afterglow: note: {}",
                        terminal_text::clean(&format!(
                            "the report leaves out the insights, as a row they need cannot be read ({:#})",
                            e
                        ))
                    );
                    crate::domain::insight::Insights::default()
                }
                Err(e) => return Err(e),
            };
            let text = if args.format == Format::Md {
                formats::md::report(&export, days, &ctx.settings, &insights, ctx.now, &ctx.zone)
            } else {
                formats::html::report(&export, days, &ctx.settings, &insights, ctx.now, &ctx.zone)
            }
            .context("could not write the report")?;
            let Some(path) = args.out else {
                return Ok(text);
            };
            write_private(&path, &text, args.force)?;
            let shown = formats::select(&export, days, &ctx.zone);
            let done = shown.sessions.iter().filter(|s| s.is_done()).count();
            Ok(format!(
                "Wrote a report of {} and {} to {}.\n",
                plural(done as i64, "session", "sessions"),
                plural(
                    shown.journal.len() as i64,
                    "journal entry",
                    "journal entries"
                ),
                path.display()
            ))
        }
        Format::Ics => {
            let cal = formats::ics::calendar(&export, days, &ctx.settings, ctx.now, &ctx.zone)
                .context("could not write the calendar")?;
            let Some(path) = args.out else {
                return Ok(cal.text);
            };
            write_private(&path, &cal.text, args.force)?;
            if cal.sessions == 0 {
                return Ok(format!(
                    "There are no sessions in that period, so the calendar in {} is empty.\n",
                    path.display()
                ));
            }
            Ok(format!(
                "Wrote {} for {} to {}. Importing a newer export updates these \
                 events instead of adding copies.\n",
                plural(cal.events as i64, "calendar event", "calendar events"),
                plural(cal.sessions as i64, "session", "sessions"),
                path.display()
            ))
        }
        Format::Csv => {
            let dir = args.out.context("csv needs --out FOLDER")?;
            let shown = formats::select(&export, days, &ctx.zone);
            let files = formats::csv::files(&shown, &ctx.zone)?;
            let kept_aside = write_folder(&dir, &files, args.force, db)?;
            let rows: Vec<[String; 2]> = files
                .iter()
                .map(|f| {
                    [
                        f.name.to_string(),
                        plural(f.rows as i64, "record", "records"),
                    ]
                })
                .collect();
            let mut out = format!(
                "Wrote {} to {}:\n",
                plural(files.len() as i64, "file", "files"),
                dir.display()
            );
            for line in table(&["File", "Holds"], &rows).lines().skip(1) {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
            if let Some(aside) = kept_aside {
                out.push_str(&format!(
                    "The earlier export could not be removed; it is in {}.\n",
                    aside.display()
                ));
            }
            Ok(out)
        }
    }
}

/// Everything in the database. A row that cannot be read stops the export
/// with its name, unless `skip_bad`: then each row left out is named on
/// stderr and the rest is exported.
fn read(ctx: &Ctx, skip_bad: bool) -> Result<Export> {
    if !skip_bad {
        return ctx.db.export(ctx.now).map_err(|e| match e {
            StoreError::BadRow(_) => anyhow!(
                "{e}; nothing was exported. Add --skip-bad to export everything else, \
                 with each row that is left out named"
            ),
            e => e.into(),
        });
    }
    let partial = ctx.db.export_skipping_bad(ctx.now)?;
    for line in &partial.left_out {
        // The reasons quote stored values, which may hold anything.
        eprintln!("afterglow: {}", terminal_text::clean(line));
    }
    Ok(partial.export)
}

/// The --since and --until days, read in the user's zone.
pub(super) fn days(ctx: &Ctx, since: Option<&str>, until: Option<&str>) -> Result<Days> {
    let read = |flag: &str, input: Option<&str>| -> Result<Option<NaiveDate>> {
        input
            .map(|s| ctx.day(Some(s)).map_err(|e| anyhow!("{flag}: {e}")))
            .transpose()
    };
    let days = Days {
        since: read("--since", since)?,
        until: read("--until", until)?,
    };
    if let (Some(s), Some(u)) = (days.since, days.until)
        && u < s
    {
        bail!(
            "--until {u} is before --since {s}, so no day is in between; \
             swap them, or leave one out"
        );
    }
    Ok(days)
}

fn write_private(path: &Path, text: &str, force: bool) -> Result<()> {
    if !force {
        return private_files::write_new(path, text.as_bytes()).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => anyhow::anyhow!(
                "{} already exists; choose another --out or add --force to replace it",
                path.display()
            ),
            _ => anyhow::Error::new(e).context(format!("could not write {}", path.display())),
        });
    }
    // Replacing goes through a finished sibling file and a rename, so a
    // failure half-way never leaves a truncated export where a good one was.
    private_files::replace(path, text.as_bytes())
        .with_context(|| format!("could not write {}", path.display()))
}

/// A hidden name beside `path` for work in progress:
/// `.NAME.afterglow-WHAT-PID-N`, so a stray one says whose it is.
fn sibling(path: &Path, what: &str) -> PathBuf {
    private_files::scratch_beside(path, &format!("afterglow-{what}"))
}

/// Writes the CSV files as the folder `dir`, all or nothing. Returns where
/// an earlier export was left if it could not be removed after replacing.
fn write_folder(dir: &Path, files: &[CsvFile], force: bool, db: &Path) -> Result<Option<PathBuf>> {
    let shown = dir.display();
    if dir.file_name().is_none() {
        bail!(
            "{shown} does not name a new folder; give --out a folder name, for example --out afterglow-csv"
        );
    }
    // Not followed: a link is not a folder we made, and replacing it could
    // reach somewhere unexpected.
    let existing = match fs::symlink_metadata(dir) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow::Error::new(e).context(format!("could not look at {shown}"))),
    };
    let mut replace = false;
    if let Some(m) = existing {
        if !m.is_dir() {
            bail!(
                "{shown} already exists and is not a folder; csv writes a folder of files, so choose another --out"
            );
        }
        let mut names = Vec::new();
        for entry in fs::read_dir(dir).with_context(|| format!("could not look inside {shown}"))? {
            let entry = entry.with_context(|| format!("could not look inside {shown}"))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        if !names.is_empty() {
            if !force {
                bail!(
                    "{shown} already holds files; choose a new or empty folder for --out, \
                     or add --force to replace an earlier csv export there"
                );
            }
            // Replacing removes the files there: none of them may be the
            // database (a copy of it named like one of ours, or a link).
            for name in FILE_NAMES {
                Db::refuse_own_file(db, &dir.join(name))?;
            }
            let foreign: Vec<&String> = names
                .iter()
                .filter(|n| !FILE_NAMES.contains(&n.as_str()))
                .collect();
            if !foreign.is_empty() {
                let list: Vec<&str> = foreign.iter().take(3).map(|s| s.as_str()).collect();
                bail!(
                    "{shown} holds files that are not from an afterglow csv export ({}{}); \
                     --force only replaces such an export, so choose another --out",
                    list.join(", "),
                    if foreign.len() > 3 { ", …" } else { "" }
                );
            }
            replace = true;
        }
    }

    let scratch = sibling(dir, "tmp");
    private_files::create_folder(&scratch).with_context(|| format!("could not write {shown}"))?;
    let filled = fill(&scratch, files);
    if let Err(e) = filled {
        remove_ours(&scratch);
        return Err(e.context(format!("could not write {shown}")));
    }

    if !replace {
        // An empty folder already there is replaced in the same rename.
        #[cfg(not(unix))]
        if existing.is_some() {
            let _ = fs::remove_dir(dir);
        }
        return fs::rename(&scratch, dir).map(|()| None).map_err(|e| {
            remove_ours(&scratch);
            anyhow::Error::new(e).context(format!("could not write {shown}"))
        });
    }
    let aside = sibling(dir, "old");
    if let Err(e) = fs::rename(dir, &aside) {
        remove_ours(&scratch);
        return Err(anyhow::Error::new(e).context(format!("could not replace {shown}")));
    }
    if let Err(e) = fs::rename(&scratch, dir) {
        // Put the earlier export back where it was.
        let _ = fs::rename(&aside, dir);
        remove_ours(&scratch);
        return Err(anyhow::Error::new(e).context(format!("could not replace {shown}")));
    }
    Ok(if remove_ours(&aside) {
        None
    } else {
        Some(aside)
    })
}

fn fill(scratch: &Path, files: &[CsvFile]) -> Result<()> {
    for f in files {
        let path = scratch.join(f.name);
        private_files::write_new(&path, &f.bytes)
            .with_context(|| format!("could not write {}", f.name))?;
    }
    // The names inside a folder are only durable once the folder is synced.
    #[cfg(unix)]
    fs::File::open(scratch)
        .and_then(|d| d.sync_all())
        .context("could not save the folder to disk")?;
    Ok(())
}

/// Removes a folder of CSV files this command wrote: only the names it
/// writes, then the folder if that left it empty. True when it is gone.
fn remove_ours(dir: &Path) -> bool {
    for name in FILE_NAMES {
        let _ = fs::remove_file(dir.join(name));
    }
    fs::remove_dir(dir).is_ok()
}
