//! `afterglow completions SHELL` and `afterglow man`.

use anyhow::{Result, bail};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    shell: String,
}

pub fn completions(args: CompletionsArgs, _cmd: clap::Command) -> Result<String> {
    bail!("completions {}: not built yet", args.shell)
}

pub fn man(_cmd: clap::Command) -> Result<String> {
    bail!("man: not built yet")
}
