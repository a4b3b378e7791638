//! `afterglow backup PATH` and `afterglow restore PATH`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use super::Ctx;
use crate::store::{Db, SCHEMA_VERSION};
use crate::zone::Zone;

const BACKUP_LONG: &str = "\
The copy is one consistent snapshot, taken without stopping a dashboard
that is open and writing. The database is only read. The copy is a single
standalone file (nothing needed beside it), readable by you only, checked
with SQLite's integrity_check, and written under a temporary name first,
so PATH never holds half a copy. A database that fails the check is not
copied.

When PATH is a folder, the copy goes into it as afterglow-YYYYMMDD-HHMMSS.db.
An existing file is replaced only with --force.";

const RESTORE_LONG: &str = "\
PATH is checked first and only ever read: it must be an afterglow database
from this version or an older one (an older one is brought up to date in
the restored copy, never in PATH) and pass SQLite's integrity_check.
Nothing is changed when it does not. A change that a program stopped
half-way through (a PATH-journal left beside it) is undone in the restored
copy, as SQLite would undo it; PATH and its journal stay as they are.

The database it replaces is kept beside it as
afterglow.db.before-restore-YYYYMMDD-HHMMSS, readable by you only. A
dashboard that has the database open switches to the restored data within
a second. A current file that afterglow cannot open (damaged, not afterglow's,
from a newer version) is moved aside as it is, with its -wal and -shm.";

#[derive(Debug, clap::Args)]
#[command(after_long_help = BACKUP_LONG)]
pub struct BackupArgs {
    /// Where to write the copy: a new file, or a folder to put a dated copy in
    path: PathBuf,
    /// Replace PATH if it is an existing file
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = RESTORE_LONG)]
pub struct RestoreArgs {
    /// The backup to restore from (only read, never changed)
    path: PathBuf,
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> Result<String> {
    let target = if args.path.is_dir() {
        args.path
            .join(format!("afterglow-{}.db", stamp(ctx.now, &ctx.zone)))
    } else {
        args.path
    };
    // A trailing slash asks for a folder; say plainly that it is missing
    // rather than "Not a directory" from the file system.
    let text = target.as_os_str().to_string_lossy();
    if text.ends_with(std::path::MAIN_SEPARATOR) {
        bail!(
            "there is no folder {text}; create it first, or give the name of the copy; nothing was changed"
        );
    }
    if !args.force && fs::symlink_metadata(&target).is_ok() {
        bail!(
            "{} already exists; choose another name, or add --force to replace it; nothing was changed",
            target.display()
        );
    }
    let bytes = crate::usecase::backup::back_up(&ctx.db, &target, args.force)
        .with_context(|| format!("could not back up to {}", target.display()))?;
    let from = ctx
        .db
        .path()
        .map_or_else(|| "the database".to_string(), |p| p.display().to_string());
    Ok(format!(
        "Backed up {from} to {} ({}, checked).\n",
        target.display(),
        size(bytes)
    ))
}

pub fn restore(args: RestoreArgs, db: &Path) -> Result<String> {
    let label = stamp(Utc::now(), &Zone::Local);
    let done = Db::restore(&args.path, db, &label)
        .with_context(|| format!("could not restore {}", args.path.display()))?;
    let backup = args.path.display();
    let mut out = match (done.aside(), done.unusable()) {
        (None, _) => format!(
            "Restored {backup} into {} (there was no database there yet).\n",
            db.display()
        ),
        (Some(aside), None) => format!(
            "Restored {backup} into {}.\nThe database it replaced is kept at {}.\n",
            db.display(),
            aside.display()
        ),
        (Some(aside), Some(why)) => format!(
            "Restored {backup} into {}.\nThe file that was there could not be opened ({why}); \
             it is kept, unchanged, at {}.\n",
            db.display(),
            aside.display()
        ),
    };
    let moved = done.moved_companions();
    if !moved.is_empty() {
        let names: Vec<String> = moved.iter().map(|p| p.display().to_string()).collect();
        if done.aside().is_none() {
            out.push_str(&format!(
                "Files left beside it by a database that went missing were moved aside, unchanged: {}.\n",
                names.join(", ")
            ));
        } else {
            out.push_str(&format!(
                "The files beside it went with it: {}.\n",
                names.join(", ")
            ));
        }
    }
    if let Some(journal) = done.played_back() {
        out.push_str(&format!(
            "{} was beside the backup: a change that a program stopped half-way through. It was undone in the restored copy, as SQLite does; {backup} and its journal were left as they were.\n",
            journal.display()
        ));
    }
    if done.backup_version() < SCHEMA_VERSION {
        out.push_str(&format!(
            "The backup came from an older afterglow (schema {}); the restored copy was brought up to schema {SCHEMA_VERSION}, and {backup} itself was left as it was.\n",
            done.backup_version()
        ));
    }
    Ok(out)
}

/// A local time for file names: sorts by time and has no spaces or colons.
fn stamp(now: DateTime<Utc>, zone: &Zone) -> String {
    now.with_timezone(zone).format("%Y%m%d-%H%M%S").to_string()
}

/// "812 bytes", "48 KB", "3.4 MB".
fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        // Display only; the precision lost in the cast is far below a tenth.
        #[allow(clippy::cast_precision_loss)]
        let mb = bytes as f64 / MB as f64;
        format!("{mb:.1} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(4096), "4 KB");
        assert_eq!(size(49_153), "49 KB");
        assert_eq!(size(3_565_158), "3.4 MB");
    }

    #[test]
    fn stamps_sort_and_suit_file_names() {
        let at = DateTime::parse_from_rfc3339("2026-03-05T20:14:03Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(stamp(at, &Zone::utc()), "20260305-201403");
    }
}
