//! `afterglow import --from jrnl|daylio|loop|afterglow FILE [--dry-run]`.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file (or, for loop, the zip or its unpacked folder)
    path: PathBuf,
}

pub fn run(_ctx: &mut Ctx, args: Args) -> Result<String> {
    bail!("import {}: not built yet", args.path.display())
}
