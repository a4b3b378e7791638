//! `afterglow journal`: writing down what came up.

use anyhow::Result;
use clap::Subcommand;

use super::text::{join_words, table};
use super::{Ctx, editor};
use crate::domain::journal::session_for_entry;
use crate::domain::{Mood, plasticity};
use crate::store::NewEntry;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Write an entry, on the command line or in your editor
    Add {
        /// The entry; leave it out to write in $VISUAL or $EDITOR with prompts
        #[arg(value_name = "TEXT")]
        text: Vec<String>,
        /// How you feel, from 1 (very low) to 10 (very good)
        #[arg(long, value_name = "N", value_parser = parse_mood)]
        mood: Option<Mood>,
    },
    /// List recent entries, newest first
    List {
        /// How many entries to show
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = parse_limit)]
        limit: usize,
    },
}

fn parse_mood(s: &str) -> Result<Mood, String> {
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| "mood must be a whole number from 1 to 10".to_string())?;
    Mood::new(n).map_err(|e| e.to_string())
}

fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("use a whole number of entries, 1 or more".into()),
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Add { text, mood } => add(ctx, &join_words(&text), mood),
        Cmd::List { limit } => list(ctx, limit),
    }
}

fn add(ctx: &mut Ctx, text: &str, mood: Option<Mood>) -> Result<String> {
    let body = if text.is_empty() {
        editor::compose()?
    } else {
        text.to_string()
    };
    if body.is_empty() {
        return Ok("Nothing written, nothing saved.\n".into());
    }
    let sessions = ctx.db.sessions()?;
    // Writing can take a while in an editor; "now" stays the moment the
    // command started, which is when the person sat down to write.
    let session = session_for_entry(&sessions, ctx.now, &ctx.settings.window);
    let entry = ctx.db.add_entry(&NewEntry {
        written_at: ctx.now,
        body,
        mood,
        session,
    })?;
    let linked = entry
        .session
        .and_then(|id| sessions.iter().find(|s| s.id == id));
    Ok(match linked {
        Some(s) => format!(
            "Saved your journal entry, linked to your session of {}.\n",
            ctx.show(s.at)
        ),
        None => "Saved your journal entry.\n".into(),
    })
}

fn list(ctx: &Ctx, limit: usize) -> Result<String> {
    let entries = ctx.db.entries(limit)?;
    if entries.is_empty() {
        return Ok("No journal entries yet. `afterglow journal add` starts one.\n".into());
    }
    let sessions = ctx.db.sessions()?;
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            let phase = e
                .session
                .and_then(|id| sessions.iter().find(|s| s.id == id))
                .and_then(|s| {
                    let cd = plasticity::countdown_for(s, e.written_at, &ctx.settings.window);
                    cd.ok().flatten().map(|c| c.phase.to_string())
                })
                .unwrap_or_default();
            [
                ctx.show(e.written_at),
                e.mood.map(|m| m.get().to_string()).unwrap_or_default(),
                phase,
                e.title().to_string(),
            ]
        })
        .collect();
    Ok(table(&["Written", "Mood", "Phase", "Entry"], &rows))
}
