//! `afterglow intention`: what you bring to a session, and what you take
//! from it afterwards.

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use super::Ctx;
use super::text::{delete_asked, join_words, json_list, json_time, table};
use crate::domain::value::Text;
use crate::domain::{IntentionId, intention as rules, plasticity};
use crate::usecase::intention;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Set the intention for your next session (planned, or the next you log)
    Set {
        /// The intention, in your own words (quotes are optional)
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
        /// Set it in place of the intention that session already holds,
        /// which stays in the history
        #[arg(long)]
        replace: bool,
    },
    /// Write a reflection on the intention of your last session
    Reflect {
        /// The reflection, in your own words (quotes are optional)
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
        /// Write it in place of the reflection already there, which stays
        /// in the history
        #[arg(long)]
        replace: bool,
    },
    /// Change the words of an intention
    Edit {
        /// The intention's id, as `intention list` shows it
        id: i64,
        /// The new words (quotes are optional)
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Delete an intention, and its reflections with it
    Delete {
        /// The intention's id, as `intention list` shows it
        id: i64,
        /// Delete without asking (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// List your intentions and reflections, with their ids
    List {
        /// Print the intentions as JSON (the shape is in docs/cli.md)
        #[arg(long)]
        json: bool,
    },
}

impl Cmd {
    /// Listing only reads, so the database is opened read-only for it.
    pub fn writes_nothing(&self) -> bool {
        matches!(self, Cmd::List { .. })
    }

    /// Prints a document for another program, to be passed on untouched.
    pub fn prints_json(&self) -> bool {
        matches!(self, Cmd::List { json: true })
    }
}

pub fn run(ctx: &mut Ctx, cmd: Cmd) -> Result<String> {
    match cmd {
        Cmd::Set { text, replace } => set(ctx, &join_words(&text), replace),
        Cmd::Reflect { text, replace } => reflect(ctx, &join_words(&text), replace),
        Cmd::Edit { id, text } => edit(ctx, IntentionId(id), &join_words(&text)),
        Cmd::Delete { id, yes } => delete(ctx, IntentionId(id), yes),
        Cmd::List { json: false } => list(ctx),
        Cmd::List { json: true } => list_json(ctx),
    }
}

fn set(ctx: &mut Ctx, text: &str, replace: bool) -> Result<String> {
    if text.is_empty() {
        bail!("an intention needs a few words");
    }
    let words = Text::new("the intention", text)?;
    let sessions = ctx.db.sessions()?;
    let target = rules::target_session(&sessions, ctx.now);
    let planned = target.and_then(|id| sessions.iter().find(|s| s.id == id));
    let intentions = ctx.db.intentions()?;
    // A session holds one intention: another replaces it only when asked.
    let held = rules::held_by(&intentions, target);
    if let (Some(old), false) = (held, replace) {
        let whose = match planned {
            Some(s) => format!("your session planned {}", ctx.show(s.at)),
            None => "the next session you log".to_string(),
        };
        bail!(
            "{whose} already has an intention: \"{}\". Add --replace to set this one in its \
             place; the earlier one stays in the history",
            old.text
        );
    }
    intention::set(&mut ctx.db, target, words, ctx.now)?;
    let mut out = match planned {
        Some(s) => format!("Intention set for your session planned {}.", ctx.show(s.at)),
        None => "Intention set; it will attach to the next session you log.".to_string(),
    };
    if held.is_some() {
        out.push_str(" The earlier one stays in the history.");
    }
    out.push('\n');
    Ok(out)
}

fn reflect(ctx: &mut Ctx, text: &str, replace: bool) -> Result<String> {
    if text.is_empty() {
        bail!("a reflection needs a few words");
    }
    let words = Text::new("the reflection", text)?;
    let sessions = ctx.db.sessions()?;
    let Some(last) = plasticity::governing(&sessions, ctx.now) else {
        bail!("there is no logged session to reflect on yet");
    };
    let Some(i) = ctx
        .db
        .intentions()?
        .into_iter()
        .filter(|i| i.session == Some(last.id) && !i.is_replaced())
        .max_by_key(|i| (i.set_at, i.id))
    else {
        bail!(
            "your last session ({}) has no intention to reflect on; you can still write about it with `afterglow journal add`",
            ctx.show(last.at)
        );
    };
    let earlier = i.reflection.as_deref().filter(|old| *old != text);
    if let (Some(old), false) = (earlier, replace) {
        bail!(
            "your intention \"{}\" already has a reflection: \"{old}\". Add --replace to write \
             this one in its place; the earlier one stays in the history",
            i.text
        );
    }
    intention::reflect(&mut ctx.db, i.id, words, ctx.now)?;
    let kept = if earlier.is_some() {
        " The earlier one stays in the history."
    } else {
        ""
    };
    Ok(format!(
        "Reflection saved for your intention \"{}\" ({}).{kept}\n",
        i.text,
        ctx.show(last.at)
    ))
}

fn gone(id: IntentionId) -> anyhow::Error {
    anyhow!(
        "there is no intention with id {}; `afterglow intention list` shows the ids",
        id.0
    )
}

fn edit(ctx: &mut Ctx, id: IntentionId, text: &str) -> Result<String> {
    if text.is_empty() {
        bail!("an intention needs a few words");
    }
    let words = Text::new("the intention", text)?;
    intention::find(&ctx.db, id).map_err(|_| gone(id))?;
    let i = intention::replace(&mut ctx.db, id, words)?;
    Ok(format!("Updated intention {}: {}\n", i.id.0, i.text))
}

fn delete(ctx: &mut Ctx, id: IntentionId, yes: bool) -> Result<String> {
    let i = intention::find(&ctx.db, id).map_err(|_| gone(id))?;
    let what = format!("the intention \"{}\" (id {})", i.text, id.0);
    delete_asked(&what, yes, "", || {
        intention::delete(&mut ctx.db, id)?;
        Ok(())
    })
}

fn list_json(ctx: &Ctx) -> Result<String> {
    let items = ctx
        .db
        .intentions()?
        .iter()
        .map(|i| {
            let earlier: Vec<_> = i
                .earlier_reflections
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "text": e.text,
                        "reflected_at": e.reflected_at.map(json_time),
                        "replaced_at": json_time(e.replaced_at),
                    })
                })
                .collect();
            serde_json::json!({
                "id": i.id.0,
                "session": i.session.map(|s| s.0),
                "set_at": json_time(i.set_at),
                "text": i.text,
                "replaced_at": i.replaced_at.map(json_time),
                "reflection": i.reflection,
                "reflected_at": i.reflected_at.map(json_time),
                "earlier_reflections": earlier,
            })
        })
        .collect();
    json_list(items)
}

fn list(ctx: &Ctx) -> Result<String> {
    let intentions = ctx.db.intentions()?;
    if intentions.is_empty() {
        return Ok("No intentions yet. `afterglow intention set TEXT` sets one.\n".into());
    }
    let sessions = ctx.db.sessions()?;
    let rows: Vec<[String; 5]> = intentions
        .iter()
        .flat_map(|i| {
            let session = match i
                .session
                .and_then(|id| sessions.iter().find(|s| s.id == id))
            {
                Some(s) if s.is_done() => ctx.show(s.at),
                Some(s) => format!("planned {}", ctx.show(s.at)),
                None => "next session".into(),
            };
            let session = if i.is_replaced() {
                format!("{session} (replaced)")
            } else {
                session
            };
            let current = [
                i.id.0.to_string(),
                session,
                ctx.show(i.set_at),
                i.text.clone(),
                i.reflection.clone().unwrap_or_default(),
            ];
            // Earlier reflections sit under the intention, newest first
            // like the list itself, each saying when it was written.
            let earlier = i.earlier_reflections.iter().rev().map(|e| {
                let when = e.reflected_at.map_or_else(
                    || format!("earlier, until {}", ctx.show(e.replaced_at)),
                    |at| format!("earlier, {}", ctx.show(at)),
                );
                [
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    format!("({when}) {}", e.text),
                ]
            });
            std::iter::once(current).chain(earlier)
        })
        .collect();
    Ok(table(
        &["Id", "Session", "Set", "Intention", "Reflection"],
        &rows,
    ))
}
