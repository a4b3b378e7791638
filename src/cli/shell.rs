//! `afterglow completions SHELL` and `afterglow man`.

use anyhow::{Context, Result};
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

#[derive(Debug, clap::Args)]
#[command(after_long_help = COMPLETIONS_AFTER)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

const COMPLETIONS_AFTER: &str = "\
The script goes to stdout. Load it from your shell's startup file:
  bash (~/.bashrc)         source <(afterglow completions bash)
  zsh (~/.zshrc)           source <(afterglow completions zsh)
  fish (config.fish)       afterglow completions fish | source
  elvish (rc.elv)          eval (afterglow completions elvish | slurp)
  powershell ($PROFILE)
    afterglow completions powershell | Out-String | Invoke-Expression";

pub fn completions(args: CompletionsArgs, mut cmd: clap::Command) -> Result<String> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "afterglow", &mut out);
    String::from_utf8(out).context("the completion script is not valid UTF-8")
}

/// One page for the whole program: the top command as clap_mangen renders
/// it, every subcommand in a COMMANDS section (clap_mangen's own list only
/// points at per-command pages, which `afterglow man` cannot install), then
/// the sections a manual page is expected to have.
pub fn man(cmd: clap::Command) -> Result<String> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let top = Man::new(cmd.clone()).manual("afterglow manual");
    let mut page = Page::default();
    page.add(|w| top.render_title(w))?;
    // Every rendered piece starts with roff's definition of the apostrophe
    // string, which the page needs once, right after the title.
    page.text.push_str(&page.preamble);
    page.add(|w| top.render_name_section(w))?;
    page.add(|w| top.render_synopsis_section(w))?;
    page.add(|w| top.render_description_section(w))?;
    page.add(|w| top.render_options_section(w))?;
    page.add(|w| Roff::new().control("SH", ["COMMANDS"]).to_writer(w))?;
    for sub in visible(&cmd) {
        commands(sub, &mut page)?;
    }
    page.add(|w| closing_sections().to_writer(w))?;
    page.add(|w| top.render_version_section(w))?;
    Ok(page.text)
}

struct Page {
    text: String,
    preamble: String,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            text: String::new(),
            preamble: Roff::new().render(),
        }
    }
}

impl Page {
    fn add(&mut self, render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<()> {
        let mut out = Vec::new();
        render(&mut out).context("could not write the manual page")?;
        let text = String::from_utf8(out).context("the manual page is not valid UTF-8")?;
        self.text.push_str(&text.replace(&self.preamble, ""));
        Ok(())
    }
}

fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// A subsection for `cmd`, then one for each of its subcommands.
fn commands(cmd: &clap::Command, page: &mut Page) -> Result<()> {
    let name = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    page.add(|w| Roff::new().control("SS", [name]).to_writer(w))?;
    // The global options are described once, at the top; here they would
    // repeat under every command.
    let mut sub = cmd.clone();
    let repeated: Vec<String> = sub
        .get_arguments()
        .filter(|a| a.is_global_set() || matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| a.get_id().to_string())
        .collect();
    for id in repeated {
        sub = sub.mut_arg(id, |a| a.hide(true));
    }
    let man = Man::new(sub);
    page.add(|w| {
        let mut parts = Vec::new();
        man.render_synopsis_section(&mut parts)?;
        man.render_description_section(&mut parts)?;
        man.render_options_section(&mut parts)?;
        // Each part comes with its own .SH heading, which inside one
        // command's subsection would start a new section: a new paragraph
        // is all it needs.
        for line in parts.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            w.extend_from_slice(if line.starts_with(b".SH") {
                b".PP"
            } else {
                line
            });
            w.push(b'\n');
        }
        Ok(())
    })?;
    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        let after = after.to_string();
        page.add(|w| after_help(&after).to_writer(w))?;
    }
    for sub in visible(cmd) {
        commands(sub, page)?;
    }
    Ok(())
}

/// A command's closing help: lines indented in the source (examples,
/// tables) are kept as they are, the rest is filled like any paragraph.
fn after_help(text: &str) -> Roff {
    let mut r = Roff::new();
    r.control("PP", []);
    let mut kept = false;
    for line in text.lines() {
        let indented = line.starts_with(' ');
        if kept && !indented {
            r.control("fi", []);
            kept = false;
        }
        if line.trim().is_empty() {
            r.control("PP", []);
        } else {
            if indented && !kept {
                r.control("nf", []);
                kept = true;
            }
            r.text([roman(line)]);
        }
    }
    if kept {
        r.control("fi", []);
    }
    r
}

fn closing_sections() -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        (
            "0",
            "Done. Also when the reader of the output went away (afterglow export | head).",
        ),
        (
            "1",
            "Something went wrong: the message on standard error names the file, the line or the value, \
             and nothing was changed unless it says otherwise. A database that is not afterglow's, \
             is damaged or comes from a newer afterglow is refused with 1 and left byte for byte as it was.",
        ),
        (
            "2",
            "The command line itself was wrong: an unknown command or option, a missing argument, \
             a bad choice, or an unknown placeholder in status --format. The usage is printed.",
        ),
    ] {
        r.control("TP", [])
            .text([bold(code)])
            .text([roman(meaning)]);
    }

    r.control("SH", ["ENVIRONMENT"]);
    for (var, meaning) in [
        (
            "AFTERGLOW_DB",
            "The database file, as --db. Empty counts as unset.",
        ),
        (
            "AFTERGLOW_CONFIG",
            "The config file, as --config. Empty counts as unset.",
        ),
        (
            "VISUAL, EDITOR",
            "The editor for journal add without text and for Ctrl-e in the dashboard; VISUAL first, then EDITOR, then vi.",
        ),
        (
            "NO_COLOR",
            "When set and not empty, the dashboard draws without colours.",
        ),
        (
            "TZ",
            "The time zone. Times are stored in UTC and shown in this zone; a day (a habit tick, --date) is a calendar day here.",
        ),
    ] {
        r.control("TP", []).text([bold(var)]).text([roman(meaning)]);
    }

    r.control("SH", ["FILES"]);
    for (file, meaning) in [
        (
            "~/.local/share/afterglow/afterglow.db",
            "The database on Linux ($XDG_DATA_HOME/afterglow/afterglow.db); on macOS \
             ~/Library/Application Support/afterglow/afterglow.db. Owner-only (0600). \
             SQLite keeps afterglow.db-wal and afterglow.db-shm beside it while it is open.",
        ),
        (
            "~/.config/afterglow/config.toml",
            "The config file on Linux ($XDG_CONFIG_HOME/afterglow/config.toml); on macOS \
             ~/Library/Application Support/afterglow/config.toml. afterglow config init writes a commented one.",
        ),
        (
            "afterglow.db.before-restore-YYYYMMDD-HHMMSS",
            "The database that afterglow restore replaced, kept beside it.",
        ),
    ] {
        r.control("TP", [])
            .text([italic(file)])
            .text([roman(meaning)]);
    }

    r.control("SH", ["NOTES"]);
    r.text([roman(
        "afterglow keeps everything in one local file and has no network code: nothing leaves this machine.",
    )]);
    r.control("PP", []);
    r.text([roman(crate::care::NOT_MEDICAL_ADVICE)]);
    r.control("PP", []);
    r.text([roman(crate::care::IN_DANGER)]);
    r.control("PP", []);
    r.text([roman(crate::care::TO_TALK)]);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn page() -> String {
        man(crate::cli::Cli::command()).unwrap()
    }

    #[test]
    fn the_manual_is_one_page_with_every_command() {
        let page = page();
        assert!(page.starts_with(".TH "), "{}", &page[..80]);
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH COMMANDS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
        ] {
            assert!(page.contains(section), "{section} missing");
        }
        for sub in [
            "afterglow session log",
            "afterglow status",
            "afterglow backup",
            "afterglow restore",
        ] {
            assert!(page.contains(&format!(".SS \"{sub}\"")), "{sub} missing");
        }
        // The global options are described once, at the top.
        assert_eq!(
            page.matches("AFTERGLOW_DB").count(),
            2,
            "options and ENVIRONMENT"
        );
    }

    #[test]
    fn completions_name_the_commands() {
        let script = completions(
            CompletionsArgs { shell: Shell::Bash },
            crate::cli::Cli::command(),
        )
        .unwrap();
        assert!(script.contains("restore"), "{script}");
    }
}
