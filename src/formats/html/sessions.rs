//! The page's sessions, course by course: what each was, its intention
//! and reflection, its integration plan with what was done, and the
//! journal entries written in its window. The same data the Markdown
//! report lays out, from the same domain functions.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::*;
use crate::domain::course::{self, CourseKind};
use crate::domain::plan::{PlanItem, PlanKind, PlanState};
use crate::domain::{Intention, JournalEntry, Session, SessionId};

impl<Tz> Page<'_, Tz>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    pub(super) fn sessions(&self, out: &mut String) -> Result<(), FormatError> {
        out.push_str("<section id=\"sessions\">\n<h2>Sessions, course by course</h2>\n");
        let mut done: Vec<&Session> = self.shown.sessions.iter().filter(|s| s.is_done()).collect();
        done.sort_by_key(|s| (s.at, s.id));
        if done.is_empty() {
            out.push_str("<p>No sessions in this period.</p>\n</section>\n");
            return Ok(());
        }
        let mut intentions: HashMap<SessionId, Vec<&Intention>> = HashMap::new();
        for i in &self.shown.intentions {
            if let Some(s) = i.session {
                intentions.entry(s).or_default().push(i);
            }
        }
        let mut entries: HashMap<SessionId, Vec<&JournalEntry>> = HashMap::new();
        for e in &self.shown.journal {
            if let Some(s) = e.session {
                entries.entry(s).or_default().push(e);
            }
        }
        let plans = self.full.timeline();
        let shown: HashMap<SessionId, &Session> = done.iter().map(|s| (s.id, *s)).collect();
        let day = |t| esc(&self.at(t, DAY));
        for c in course::courses(&self.full.sessions, self.now, &self.settings.course) {
            let mine: Vec<&Session> = c
                .sessions
                .iter()
                .filter_map(|id| shown.get(id).copied())
                .collect();
            if mine.is_empty() {
                continue;
            }
            let _ = match (c.kind, c.number) {
                (CourseKind::Booster, _) => {
                    writeln!(out, "<h3>A booster session, {}</h3>", day(c.first_at))
                }
                (CourseKind::Course, Some(n)) if c.len() > 1 => writeln!(
                    out,
                    "<h3>Course {n}: {}, {} to {}</h3>",
                    count(c.len(), "session", "sessions"),
                    day(c.first_at),
                    day(c.last_at)
                ),
                (CourseKind::Course, Some(n)) => {
                    writeln!(out, "<h3>Course {n}: 1 session, {}</h3>", day(c.first_at))
                }
                _ => writeln!(out, "<h3>A single session, {}</h3>", day(c.first_at)),
            };
            for s in mine {
                let plan = plans.plan_for(
                    s,
                    self.now,
                    self.tz,
                    &self.settings.window,
                    &self.settings.plan,
                )?;
                let title = match (c.kind, c.position(s.id)) {
                    (CourseKind::Course, Some(n)) => format!("Session {n}"),
                    (CourseKind::Booster, _) => "Booster session".into(),
                    _ => "Session".into(),
                };
                let _ = writeln!(
                    out,
                    "<article class=\"session\">\n<h4>{}: {}</h4>\n<p>{}</p>",
                    esc(&title),
                    esc(&self.at(s.at, FULL)),
                    esc(&super::super::kind_and_dose(s))
                );
                if let Some(note) = super::super::words(s.note.as_deref()) {
                    let _ = writeln!(out, "<p>Note:</p><div class=\"words\">{}</div>", esc(note));
                }
                let mut its = intentions.get(&s.id).cloned().unwrap_or_default();
                its.sort_by_key(|i| (i.set_at, i.id));
                self.intentions(out, &its);
                out.push_str("<p><strong>Integration plan</strong></p>\n<ul class=\"plan\">\n");
                plan_items(out, &plan);
                out.push_str("</ul>\n");
                let mut written = entries.get(&s.id).cloned().unwrap_or_default();
                written.sort_by_key(|e| (e.written_at, e.id));
                if !written.is_empty() {
                    out.push_str(
                        "<p><strong>Journal entries written in this window</strong></p>\n",
                    );
                    for e in written {
                        let mood = e
                            .mood
                            .map(|m| format!(", mood {}", m.get()))
                            .unwrap_or_default();
                        let _ = writeln!(
                            out,
                            "<p class=\"muted\">{}{mood}</p><div class=\"words\">{}</div>",
                            esc(&self.at(e.written_at, FULL)),
                            esc(e.body.trim())
                        );
                    }
                }
                out.push_str("</article>\n");
            }
        }
        out.push_str("</section>\n");
        Ok(())
    }

    fn intentions(&self, out: &mut String, its: &[&Intention]) {
        if its.is_empty() {
            out.push_str("<p class=\"muted\">No intention was set for this session.</p>\n");
        }
        for i in its {
            if let Some(replaced) = i.replaced_at {
                let _ = writeln!(
                    out,
                    "<p class=\"muted\">An earlier intention, set {}, set anew {}:</p>\
                     <div class=\"words\">{}</div>",
                    esc(&self.at(i.set_at, FULL)),
                    esc(&self.at(replaced, FULL)),
                    esc(&i.text)
                );
                continue;
            }
            let _ = writeln!(
                out,
                "<p><strong>Intention</strong>, set {}:</p><div class=\"words\">{}</div>",
                esc(&self.at(i.set_at, FULL)),
                esc(&i.text)
            );
            match &i.reflection {
                Some(r) => {
                    let when = i
                        .reflected_at
                        .map(|t| format!(", written {}", self.at(t, FULL)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "<p><strong>Reflection</strong>{}:</p><div class=\"words\">{}</div>",
                        esc(&when),
                        esc(r)
                    );
                }
                None => out.push_str("<p class=\"muted\">No reflection written yet.</p>\n"),
            }
        }
    }
}

/// Each kind of step once, with what was done in words; a step whose time
/// passed is named as the suggestion it was, never as a fault.
fn plan_items(out: &mut String, items: &[PlanItem]) {
    let mut kinds: Vec<PlanKind> = items.iter().map(|i| i.kind).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        out.push_str("<li>No plan steps for this session.</li>\n");
    }
    for kind in kinds {
        let mine: Vec<&PlanItem> = items.iter().filter(|i| i.kind == kind).collect();
        let n = |state: PlanState| mine.iter().filter(|i| i.state == state).count();
        let (met, partly) = (n(PlanState::Done), n(PlanState::Partial));
        let ahead = n(PlanState::Open) + n(PlanState::Upcoming);
        let detail = if !analytics::counted(kind) {
            "a suggestion, not tracked".to_string()
        } else if mine.len() == 1 {
            match mine[0].state {
                PlanState::Done => "done".into(),
                PlanState::Partial => "partly done".into(),
                PlanState::Open => "a good time for it now".into(),
                PlanState::Upcoming | PlanState::Passed => "a suggestion".into(),
            }
        } else {
            let unit = if kind == PlanKind::Sleep {
                ("night", "nights")
            } else {
                ("day", "days")
            };
            let mut d = match (met, partly) {
                (0, 0) => format!("a suggestion for each {}", unit.0),
                (m, 0) => format!("done {m} of {}", count(mine.len(), unit.0, unit.1)),
                (0, p) => format!("partly done {p} of {}", count(mine.len(), unit.0, unit.1)),
                (m, p) => format!(
                    "done {m} of {}, and partly {p} more",
                    count(mine.len(), unit.0, unit.1)
                ),
            };
            if ahead > 0 && ahead < mine.len() {
                let _ = write!(d, "; {} still to come", count(ahead, unit.0, unit.1));
            }
            d
        };
        let _ = writeln!(out, "<li>{} — {}</li>", esc(kind.label()), esc(&detail));
    }
}
