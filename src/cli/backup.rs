//! `afterglow backup PATH` and `afterglow restore PATH`.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy
    path: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore from
    path: PathBuf,
}

pub fn backup(_ctx: &Ctx, args: BackupArgs) -> Result<String> {
    bail!("backup {}: not built yet", args.path.display())
}

pub fn restore(args: RestoreArgs, _db: &Path) -> Result<String> {
    bail!("restore {}: not built yet", args.path.display())
}
