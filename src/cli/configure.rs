//! `afterglow config path|init|show`.

use std::path::Path;

use anyhow::{Result, bail};

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Print where the config file is read from
    Path,
    /// Write the commented default config (never replaces a file)
    Init,
    /// Print the settings in effect
    Show,
}

pub fn run(cmd: Cmd, _config_cli: Option<&Path>) -> Result<String> {
    bail!("config {cmd:?}: not built yet")
}
