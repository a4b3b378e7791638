//! `afterglow export`: everything in one readable file.
//!
//! The file holds health data, so it is created readable by its owner only,
//! and an existing file is never replaced unless asked.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Ctx;
use super::text::plural;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Pretty-printed JSON
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file format (only json for now)
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Replace the --out file if it already exists
    #[arg(long, requires = "out")]
    force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<String> {
    let export = ctx.db.export(ctx.now)?;
    let mut text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&export).context("could not write the export as JSON")?
        }
    };
    text.push('\n');
    let Some(path) = args.out else {
        return Ok(text);
    };
    write_private(&path, &text, args.force)?;
    Ok(format!(
        "Exported {}, {} and {} to {}.\n",
        plural(export.sessions.len() as i64, "session", "sessions"),
        plural(
            export.journal.len() as i64,
            "journal entry",
            "journal entries"
        ),
        plural(export.habits.len() as i64, "habit", "habits"),
        path.display()
    ))
}

fn write_private(path: &Path, text: &str, force: bool) -> Result<()> {
    if !force {
        return create_new(path, text).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => anyhow::anyhow!(
                "{} already exists; choose another --out or add --force to replace it",
                path.display()
            ),
            _ => anyhow::Error::new(e).context(format!("could not write {}", path.display())),
        });
    }
    // Replacing goes through a fresh sibling file and a rename, so a failure
    // half-way never leaves a truncated export where a good one was.
    let file_name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{file_name}.afterglow-tmp-{}", std::process::id()));
    let context = || format!("could not write {}", path.display());
    // A file already at `tmp` is not ours: create_new refuses it, and only
    // a file this call made is ever removed.
    create_new(&tmp, text).with_context(context)?;
    fs::rename(&tmp, path)
        .inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
        .with_context(context)
}

fn create_new(path: &Path, text: &str) -> io::Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written
}
