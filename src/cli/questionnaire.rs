//! `afterglow questionnaire`: questionnaires defined in files, asked on a
//! terminal item by item or answered by a script with `--answers`.
//!
//! Care comes first: a safety item answered above its lowest choice shows
//! the help at once, before the next item; a severe total or a rise shows
//! it before the total. With `--json` the help goes to stderr first and
//! into the document's `help` field.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow, bail};
use serde_json::json;

use super::Ctx;
use super::text::{json_list, json_time, table};
use crate::care;
use crate::config::questionnaires::{self, Loaded, Origin};
use crate::domain::questionnaire::{self, Answers, Help, Questionnaire};
use crate::domain::value::Past;
use crate::terminal_text::clean_line;
use crate::usecase::questionnaire::{Recorded, record};

const ABOUT: &str = "\
Answer a questionnaire defined in a file, or list them.

`afterglow questionnaire KEY` asks the questionnaire's items one by one on \
the terminal; Ctrl-D stops without saving anything. With --answers, a \
script gives one score per item, as the file's choices score them. \
Questionnaires live in the `questionnaires` folder beside the config file \
(`afterglow config path` shows it); afterglow ships its own weekly \
reflection, which is not a validated scale. docs/questionnaires.md says \
how to write a file.

If an answer or a total suggests things are hard right now, afterglow \
shows where to find help, before anything else.";

#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    long_about = ABOUT
)]
pub struct Args {
    #[command(subcommand)]
    list: Option<Sub>,
    /// The questionnaire's key, as `afterglow questionnaire list` shows it
    #[arg(value_name = "KEY", required = true)]
    key: Option<String>,
    /// For scripts: one score per item, in order, separated by commas
    /// (e.g. 0,1,2), as the file's choices score them
    #[arg(long, value_name = "SCORES", allow_hyphen_values = true)]
    answers: Option<String>,
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true, help = concat!("When it was answered [default: now]. WHEN: ", crate::domain::when::when_forms!()))]
    at: Option<String>,
    /// Print the result as JSON (the shape is in docs/cli.md)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// List the questionnaires that can be answered, and any file that
    /// could not be read
    List {
        /// Print the list as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

impl Args {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        self.list.is_some()
    }

    /// Prints a document for another program, to be passed on untouched.
    pub fn prints_json(&self) -> bool {
        match &self.list {
            Some(Sub::List { json }) => *json,
            None => self.json,
        }
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<String> {
    let folder = questionnaires::folder_for(ctx.settings.source.as_deref());
    let loaded = questionnaires::load(folder.as_deref());
    if let Some(Sub::List { json }) = args.list {
        tell_problems(&loaded);
        return if json {
            list_json(&loaded)
        } else {
            Ok(list(&loaded, folder.as_deref()))
        };
    }
    let key = args.key.unwrap_or_default();
    let Some(q) = loaded.find(&key) else {
        tell_problems(&loaded);
        bail!(
            "no questionnaire has the key \"{key}\"; `afterglow questionnaire list` shows \
             the keys"
        );
    };
    let at = Past::new(ctx.when(args.at.as_deref())?, ctx.now)
        .map_err(|e| anyhow!("{e}; answers can be dated now or earlier; nothing was saved"))?;
    match args.answers {
        Some(scores) => scripted(ctx, q, &scores, at, args.json),
        None => asked(ctx, q, at, args.json),
    }
}

/// Files that were skipped, on stderr, so that stdout stays the answer.
fn tell_problems(loaded: &Loaded) {
    let mut err = io::stderr().lock();
    for p in &loaded.problems {
        let _ = writeln!(err, "afterglow: {}", crate::terminal_text::clean(p));
    }
}

fn origin_words(origin: Option<&Origin>) -> String {
    match origin {
        Some(Origin::File(path)) => path.display().to_string(),
        _ => "shipped with afterglow (its own wording, not a validated scale)".into(),
    }
}

fn list(loaded: &Loaded, folder: Option<&std::path::Path>) -> String {
    let rows: Vec<[String; 5]> = loaded
        .questionnaires
        .iter()
        .zip(&loaded.origins)
        .map(|(q, origin)| {
            [
                q.key.clone(),
                q.name.clone(),
                q.items.len().to_string(),
                q.recall.clone(),
                origin_words(Some(origin)),
            ]
        })
        .collect();
    let mut out = table(&["Key", "Name", "Items", "Recall", "From"], &rows);
    if let Some(folder) = folder {
        out.push_str(&format!(
            "\nYour own questionnaire files go in {}.\n",
            folder.display()
        ));
    }
    out
}

fn list_json(loaded: &Loaded) -> Result<String> {
    let items = loaded
        .questionnaires
        .iter()
        .zip(&loaded.origins)
        .map(|(q, origin)| {
            json!({
                "key": q.key,
                "name": q.name,
                "recall": q.recall,
                "items": q.items.len(),
                "version": questionnaire::version(q),
                "file": match origin {
                    Origin::File(p) => Some(p.display().to_string()),
                    Origin::Shipped => None,
                },
            })
        })
        .collect();
    json_list(items)
}

/// The help, wrapped to 72 columns, one paragraph each, with a blank line
/// around it so that it stands apart from the items.
pub(crate) fn help_words(reach_out_today: bool) -> String {
    let mut out = String::from("\n");
    for paragraph in care::questionnaire_help(reach_out_today) {
        for line in crate::app::editor::wrap_words(paragraph, 72) {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn say_help(help: Help) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(help_words(help.reach_out_today).as_bytes());
    let _ = err.flush();
}

/// `--answers 0,1,2`: whole numbers, one per item.
fn parse_scores(text: &str) -> Result<Vec<i64>> {
    text.split(',')
        .map(|s| {
            s.trim().parse::<i64>().map_err(|_| {
                anyhow!(
                    "--answers: \"{}\" is not a whole number; give one score per item, \
                     separated by commas, such as 0,1,2; nothing was saved",
                    s.trim()
                )
            })
        })
        .collect()
}

fn scripted(
    ctx: &mut Ctx,
    q: &Questionnaire,
    scores: &str,
    at: Past,
    json: bool,
) -> Result<String> {
    let scores = parse_scores(scores)?;
    let answers =
        Answers::from_scores(q, &scores).map_err(|e| anyhow!("{e}; nothing was saved"))?;
    let recorded = record(&mut ctx.db, &answers, at)?;
    if let Some(help) = recorded.help {
        say_help(help);
    }
    outcome(ctx, q, &recorded, json)
}

/// What was saved, after any help: the total and its band.
fn outcome(ctx: &Ctx, q: &Questionnaire, r: &Recorded, json: bool) -> Result<String> {
    let a = &r.answered;
    if json {
        let help = r.help.map(|h| {
            json!({
                "reach_out_today": h.reach_out_today,
                "why": h.why,
                "text": care::questionnaire_help(h.reach_out_today),
            })
        });
        let doc = json!({
            "id": a.id.0,
            "key": a.key,
            "name": a.name,
            "version": a.version,
            "at": json_time(a.at),
            "answers": a.answers,
            "total": a.total,
            "band": a.band,
            "help": help,
        });
        let mut out = serde_json::to_string_pretty(&doc)?;
        out.push('\n');
        return Ok(out);
    }
    let most = q.choices.iter().map(|c| c.score).max().unwrap_or(0);
    let least = q.choices.iter().map(|c| c.score).min().unwrap_or(0);
    let items = i64::try_from(q.items.len()).unwrap_or(i64::MAX);
    let range = format!(
        "{} to {}",
        least.saturating_mul(items),
        most.saturating_mul(items)
    );
    let band = match &r.band {
        Some(b) => format!(": {}", clean_line(b)),
        None => String::new(),
    };
    Ok(format!(
        "Saved {} for {}. Total {} (of {range}){band}.\n",
        clean_line(&a.name),
        ctx.show(a.at),
        a.total,
    ))
}

/// On a terminal: each item, its choices numbered from 1, and Enter to
/// answer. Questions go to stderr, as `confirm_delete` asks, so that
/// stdout holds only the result.
fn asked(ctx: &mut Ctx, q: &Questionnaire, at: Past, json: bool) -> Result<String> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        bail!(
            "answering {} needs a terminal to ask on; a script gives one score per item \
             with --answers (such as --answers {}); nothing was saved",
            q.key,
            example(q)
        );
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut err = io::stderr().lock();
    let n = q.choices.len();
    writeln!(err, "{}", clean_line(&q.name))?;
    if !q.recall.is_empty() {
        writeln!(err, "{}", clean_line(&q.recall))?;
    }
    writeln!(
        err,
        "{} items. Type a number and press Enter; Ctrl-D stops without saving.",
        q.items.len()
    )?;
    let mut choices = Vec::with_capacity(q.items.len());
    let mut shown: Option<Help> = None;
    for (i, item) in q.items.iter().enumerate() {
        writeln!(
            err,
            "\n{}/{}. {}",
            i + 1,
            q.items.len(),
            clean_line(&item.text)
        )?;
        for (c, choice) in q.choices.iter().enumerate() {
            writeln!(err, "  {}) {}", c + 1, clean_line(&choice.label))?;
        }
        let choice = loop {
            write!(err, "Your answer (1-{n}): ")?;
            err.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                writeln!(err)?;
                return Ok("Stopped; nothing was saved.\n".into());
            }
            match line.trim().parse::<usize>() {
                Ok(c) if (1..=n).contains(&c) => break c - 1,
                _ => writeln!(err, "Please type a number from 1 to {n}, then Enter.")?,
            }
        };
        if let Some(help) = questionnaire::safety_reply(q, i, choice) {
            // Before the next item, and before any score.
            if shown.is_none_or(|s| help.reach_out_today && !s.reach_out_today) {
                err.write_all(help_words(help.reach_out_today).as_bytes())?;
                err.flush()?;
                shown = Some(help);
            }
        }
        choices.push(choice);
    }
    drop(err);
    let answers = Answers::from_choices(q, &choices)?;
    let recorded = record(&mut ctx.db, &answers, at)?;
    if shown.is_none()
        && let Some(help) = recorded.help
    {
        say_help(help);
    }
    outcome(ctx, q, &recorded, json)
}

/// `0,0,0` for a questionnaire's lowest scores, as an example of the form.
fn example(q: &Questionnaire) -> String {
    let low = q.choices.iter().map(|c| c.score).min().unwrap_or(0);
    vec![low.to_string(); q.items.len()].join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_whole_numbers_separated_by_commas() {
        assert_eq!(parse_scores("0, 1,2,-3").unwrap(), [0, 1, 2, -3]);
        let e = parse_scores("0,x").unwrap_err().to_string();
        assert!(e.contains("\"x\" is not a whole number"), "{e}");
        assert!(e.ends_with("nothing was saved"), "{e}");
    }

    #[test]
    fn the_help_is_wrapped_and_whole() {
        let words = help_words(true);
        assert!(words.lines().all(|l| l.chars().count() <= 72), "{words}");
        let flat = words.split_whitespace().collect::<Vec<_>>().join(" ");
        for p in care::questionnaire_help(true) {
            assert!(flat.contains(p), "{p}");
        }
        assert!(!help_words(false).contains(care::REACH_OUT_TODAY));
    }
}
