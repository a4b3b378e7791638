//! The report's sessions, course by course, with their plans and entries;
//! planned sessions, entries of no session, and therapy visits.

use super::*;

impl<'a, Tz> Report<'a, Tz>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    /// The courses of the whole history, each with its sessions that are
    /// on the report's days.
    pub(super) fn courses_of<'s>(
        &self,
        sessions: &'s [Shown<'a>],
    ) -> Vec<(Course, Vec<&'s Shown<'a>>)> {
        let by_id: HashMap<SessionId, &Shown<'a>> =
            sessions.iter().map(|s| (s.session.id, s)).collect();
        course::courses(&self.full.sessions, self.now, &self.settings.course)
            .into_iter()
            .map(|c| {
                let shown = c
                    .sessions
                    .iter()
                    .filter_map(|id| by_id.get(id).copied())
                    .collect();
                (c, shown)
            })
            .collect()
    }

    pub(super) fn courses(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Sessions, course by course\n");
        if sessions.is_empty() {
            out.push_str("\nNo sessions in this period.\n");
            return;
        }
        let cfg = &self.settings.course;
        let window = &self.settings.window;
        // The figures are the integration guide's (24-72 hours, a week or
        // two), worded as tentatively as it words them; the hours follow
        // the config.
        let _ = writeln!(
            out,
            "\nAfter a session, heightened plasticity typically lasts {} to {} hours, \
             and some research suggests quieter remodelling may go on for a week or \
             two. Each session below lists what the integration guide suggests for \
             that time, with what was done.",
            window.opening_end().num_hours(),
            window.open_end().num_hours()
        );
        let mut intentions: HashMap<SessionId, Vec<&crate::domain::Intention>> = HashMap::new();
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
        for (c, shown) in self.courses_of(sessions) {
            if shown.is_empty() {
                continue;
            }
            let day = |t| self.at(t, DAY);
            let _ = match (c.kind, c.number) {
                (CourseKind::Booster, _) => {
                    writeln!(out, "\n### A booster session, {}", day(c.first_at))
                }
                (CourseKind::Single, _) | (_, None) => {
                    writeln!(out, "\n### A single session, {}", day(c.first_at))
                }
                (CourseKind::Course, Some(n)) if c.len() == 1 => {
                    writeln!(out, "\n### Course {n}: 1 session, {}", day(c.first_at))
                }
                (CourseKind::Course, Some(n)) => writeln!(
                    out,
                    "\n### Course {n}: {}, {} to {}",
                    count(c.len(), "session", "sessions"),
                    day(c.first_at),
                    day(c.last_at)
                ),
            };
            let mut about = String::new();
            match course::status(&c, &self.full.sessions, self.now, cfg) {
                // Whether another session would join it is the provider's
                // business: saying so could read as a nudge to have one.
                _ if !c.is_course() => {}
                CourseStatus::InProgress => {
                    let _ = match c.planned_total() {
                        Some(total) => write!(
                            about,
                            "In progress: {} of the {total} sessions planned so far.",
                            c.len()
                        ),
                        None => write!(
                            about,
                            "In progress: {} so far.",
                            count(c.len(), "session", "sessions")
                        ),
                    };
                }
                CourseStatus::Finished => {
                    // Never an end date or a countdown: the guide gives a
                    // least span, and many keep the practices for good.
                    let (min, max) = cfg.integration_weeks();
                    let _ = write!(
                        about,
                        "Finished on {}. The integration guide suggests keeping the practices \
                         going for at least {min}-{max} weeks after a course; many keep them \
                         for good.",
                        day(c.last_at)
                    );
                }
            }
            if c.is_course() {
                // Once a course, not per session: the guide says it of
                // active treatment as a whole.
                about.push(' ');
                about.push_str(ALCOHOL);
            }
            let outside = c.len() - shown.len();
            if outside > 0 {
                let _ = write!(
                    about,
                    " {} outside this report's dates.",
                    count(outside, "session is", "sessions are")
                );
            }
            if !about.is_empty() {
                let _ = writeln!(out, "\n{}", about.trim_start());
            }
            for s in shown {
                self.session(out, &c, s, &intentions, &entries);
            }
        }
    }

    pub(super) fn session(
        &self,
        out: &mut String,
        c: &Course,
        s: &Shown<'_>,
        intentions: &HashMap<SessionId, Vec<&crate::domain::Intention>>,
        entries: &HashMap<SessionId, Vec<&JournalEntry>>,
    ) {
        let x = s.session;
        let when = self.at(x.at, FULL);
        // "of N" only where N is a fact: the sessions the person planned,
        // or a finished course's own count. A course still going has no
        // total to be measured against.
        let total = c.planned_total().or_else(|| {
            let finished = course::status(c, &self.full.sessions, self.now, &self.settings.course)
                == CourseStatus::Finished;
            finished.then(|| c.len())
        });
        let _ = match (c.kind, c.position(x.id), total) {
            (CourseKind::Booster, _, _) => writeln!(out, "\n#### Booster session: {when}\n"),
            (CourseKind::Course, Some(n), Some(total)) => {
                writeln!(out, "\n#### Session {n} of {total}: {when}\n")
            }
            (CourseKind::Course, Some(n), None) => writeln!(out, "\n#### Session {n}: {when}\n"),
            _ => writeln!(out, "\n#### Session: {when}\n"),
        };
        let _ = writeln!(out, "{}", kind_and_dose(x));
        match words(x.note.as_deref()) {
            Some(note) if !note.contains(LINE_BREAKS) => {
                let _ = writeln!(out, "\nNote: {}", inline(note));
            }
            Some(note) => {
                out.push_str("\nNote:\n\n");
                out.push_str(&quote(note));
            }
            None => {}
        }

        let mut mine = intentions.get(&x.id).cloned().unwrap_or_default();
        mine.sort_by_key(|i| (i.set_at, i.id));
        if mine.is_empty() {
            out.push_str("\nNo intention was set for this session.\n");
        }
        for i in mine {
            // A session holds one intention; one set anew in its place
            // keeps its words here, marked as earlier.
            if let Some(replaced) = i.replaced_at {
                let _ = writeln!(
                    out,
                    "\n*An earlier intention*, set {}, set anew {}:\n",
                    self.at(i.set_at, FULL),
                    self.at(replaced, FULL)
                );
                out.push_str(&quote(&i.text));
                continue;
            }
            let _ = writeln!(out, "\n**Intention**, set {}:\n", self.at(i.set_at, FULL));
            out.push_str(&quote(&i.text));
            for e in &i.earlier_reflections {
                let when = e
                    .reflected_at
                    .map(|t| format!(", written {}", self.at(t, FULL)));
                let _ = writeln!(
                    out,
                    "\n*An earlier reflection*{}, written anew {}:\n",
                    when.unwrap_or_default(),
                    self.at(e.replaced_at, FULL)
                );
                out.push_str(&quote(&e.text));
            }
            match (&i.reflection, i.reflected_at) {
                (Some(r), at) => {
                    let when = at.map(|t| format!(", written {}", self.at(t, FULL)));
                    let _ = writeln!(out, "\n**Reflection**{}:\n", when.unwrap_or_default());
                    out.push_str(&quote(r));
                }
                (None, _) => out.push_str("\nNo reflection written yet.\n"),
            }
        }

        out.push_str("\n**Integration plan**\n\n");
        self.plan(out, &s.plan);

        let mut written = entries.get(&x.id).cloned().unwrap_or_default();
        written.sort_by_key(|e| (e.written_at, e.id));
        if written.is_empty() {
            out.push_str("\nNo journal entries were written in this session's window.\n");
        } else {
            out.push_str("\n**Journal entries written in this session's window**\n");
            for e in written {
                self.entry(out, e);
            }
        }
    }

    /// Each step as the suggestion it is, then what was done.
    ///
    /// Plain list items, no checkboxes: a column of boxes makes every row
    /// without a tick read as "not done", and a therapist would scan for
    /// the empty ones. Words say what was done and leave alone what was
    /// not: a step whose time passed is stated as the suggestion it was,
    /// a short night is "partly done", and the days of a many-day step
    /// that were not done are never listed.
    pub(super) fn plan(&self, out: &mut String, items: &[PlanItem]) {
        // Day-based steps (meditation, sleep) come once a day; each kind
        // is summed up on one line, in the plan's own order of kinds.
        let mut kinds: Vec<PlanKind> = items.iter().map(|i| i.kind).collect();
        kinds.sort();
        kinds.dedup();
        let on = |d: NaiveDate| d.format("%a %-d %b").to_string();
        for kind in kinds {
            let mine: Vec<&PlanItem> = items.iter().filter(|i| i.kind == kind).collect();
            if !analytics::counted(kind) {
                if let Some(one) = mine.first() {
                    let _ = writeln!(
                        out,
                        "- {} — a suggestion for {} to {}, not tracked",
                        kind.label(),
                        self.at(one.starts_at, SHORT),
                        self.at(one.ends_at, SHORT)
                    );
                }
                continue;
            }
            let detail = match mine.as_slice() {
                [one] => match (one.day, one.state) {
                    (Some(d), PlanState::Done) => format!("done ({})", on(d)),
                    (Some(d), PlanState::Partial) => format!("partly done ({})", on(d)),
                    (Some(d), PlanState::Passed | PlanState::Upcoming) => {
                        format!("a suggestion for {}", on(d))
                    }
                    (Some(d), PlanState::Open) => format!("a good time for it today, {}", on(d)),
                    (None, state) => {
                        let (from, to) =
                            (self.at(one.starts_at, SHORT), self.at(one.ends_at, SHORT));
                        match state {
                            PlanState::Done => "done".into(),
                            PlanState::Partial => "partly done".into(),
                            PlanState::Passed | PlanState::Upcoming => {
                                format!("a suggestion for {from} to {to}")
                            }
                            PlanState::Open => format!("a good time for it until {to}"),
                        }
                    }
                },
                many => {
                    let n = |state: PlanState| many.iter().filter(|i| i.state == state).count();
                    let (met, partly) = (n(PlanState::Done), n(PlanState::Partial));
                    let ahead = n(PlanState::Open) + n(PlanState::Upcoming);
                    let unit = if kind == PlanKind::Sleep {
                        ("night", "nights")
                    } else {
                        ("day", "days")
                    };
                    let days: Vec<NaiveDate> = many.iter().filter_map(|i| i.day).collect();
                    let mut d = match (met, partly, days.first(), days.last()) {
                        (0, 0, Some(first), Some(last)) => format!(
                            "a suggestion for each {} from {} to {}",
                            unit.0,
                            on(*first),
                            on(*last)
                        ),
                        (0, 0, _, _) => format!("a suggestion for each {}", unit.0),
                        (0, _, _, _) => {
                            format!(
                                "partly done {partly} of {}",
                                count(many.len(), unit.0, unit.1)
                            )
                        }
                        (_, 0, _, _) => {
                            format!("done {met} of {}", count(many.len(), unit.0, unit.1))
                        }
                        _ => format!(
                            "done {met} of {}, and partly {partly} more",
                            count(many.len(), unit.0, unit.1)
                        ),
                    };
                    if ahead > 0 && ahead < many.len() {
                        let _ = write!(d, "; {} still to come", count(ahead, unit.0, unit.1));
                    }
                    d
                }
            };
            let _ = writeln!(out, "- {} — {detail}", kind.label());
        }
        if items.is_empty() {
            out.push_str("- No plan steps for this session.\n");
        }
    }

    pub(super) fn entry(&self, out: &mut String, e: &JournalEntry) {
        let mut head = format!("\n**{}**", self.at(e.written_at, FULL));
        if let Some(m) = e.mood {
            let _ = write!(head, " · mood {}/10", m.get());
        }
        if e.updated_at > e.written_at {
            let _ = write!(head, " · edited {}", self.at(e.updated_at, FULL));
        }
        // The words keep their `#tags`; the head gathers them, so a
        // reader of the report sees them without reading every line.
        let tags = crate::domain::journal::tags(&e.body);
        if !tags.is_empty() {
            let shown: Vec<String> = tags.iter().map(|t| inline(&format!("#{t}"))).collect();
            let _ = write!(head, " · {}", shown.join(" "));
        }
        head.push_str("\n\n");
        out.push_str(&head);
        out.push_str(&quote(&e.body));
    }

    pub(super) fn planned(&self, out: &mut String) {
        out.push_str("\n## Planned sessions\n\n");
        let mut planned: Vec<&Session> = self
            .shown
            .sessions
            .iter()
            .filter(|s| !s.is_done())
            .collect();
        planned.sort_by_key(|s| (s.at, s.id));
        if planned.is_empty() {
            out.push_str("No sessions planned in this period.\n");
        }
        for s in &planned {
            let passed = if s.at < self.now {
                " (its time has passed without it being logged)"
            } else {
                ""
            };
            let dose = s.dose_mg.map(|d| format!(", {d} mg")).unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}: {}{dose}{passed}",
                self.at(s.at, FULL),
                s.kind.label()
            );
        }
        // The intentions that look ahead: each planned session's own and
        // the one waiting for the next session logged. Replaced ones are
        // history and stay out of this list.
        let intentions = &self.shown.intentions;
        let mut ahead: Vec<&crate::domain::Intention> = planned
            .iter()
            .filter_map(|s| intention::of_session(intentions, s.id))
            .chain(intention::waiting(intentions))
            .collect();
        ahead.sort_by_key(|i| (i.set_at, i.id));
        ahead.dedup_by_key(|i| i.id);
        for i in ahead {
            let _ = writeln!(
                out,
                "\n**Intention for the next session**, set {}:\n",
                self.at(i.set_at, FULL)
            );
            out.push_str(&quote(&i.text));
        }
        // An intention whose session was deleted keeps its reflection.
        let mut kept: Vec<_> = intentions
            .iter()
            .filter(|i| i.session.is_none() && i.reflection.is_some())
            .collect();
        kept.sort_by_key(|i| (i.set_at, i.id));
        for i in kept {
            let _ = writeln!(
                out,
                "\n**An intention whose session was deleted**, set {}:\n",
                self.at(i.set_at, FULL)
            );
            out.push_str(&quote(&i.text));
            if let Some(r) = &i.reflection {
                out.push_str("\n**Reflection**:\n\n");
                out.push_str(&quote(r));
            }
        }
    }

    pub(super) fn other_entries(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Other journal entries\n\n");
        let under: HashSet<SessionId> = sessions.iter().map(|s| s.session.id).collect();
        let mut rest: Vec<&JournalEntry> = self
            .shown
            .journal
            .iter()
            .filter(|e| e.session.is_none_or(|s| !under.contains(&s)))
            .collect();
        if self.shown.journal.is_empty() {
            out.push_str("No journal entries in this period.\n");
            return;
        }
        if rest.is_empty() {
            out.push_str("None: every entry in this period is under its session above.\n");
            return;
        }
        rest.sort_by_key(|e| (e.written_at, e.id));
        // Not "outside any session's window": an entry in the window of a
        // session before --since is here too.
        out.push_str("Entries written outside the windows of the sessions above.\n");
        for e in rest {
            self.entry(out, e);
        }
    }

    pub(super) fn therapy(&self, out: &mut String) {
        out.push_str("\n## Therapy and integration visits\n\n");
        let mut visits: Vec<_> = self.shown.therapy.iter().collect();
        if visits.is_empty() {
            out.push_str("No visits logged in this period.\n");
            return;
        }
        visits.sort_by_key(|v| (v.at, v.id));
        for v in visits {
            let _ = write!(out, "- {}", self.at(v.at, FULL));
            match words(v.note.as_deref()) {
                Some(note) if !note.contains(LINE_BREAKS) => {
                    let _ = writeln!(out, ": {}", inline(note));
                }
                Some(note) => {
                    // Indented so that a note's further lines stay in its
                    // list item.
                    out.push_str(":\n\n");
                    for line in quote(note).lines() {
                        let _ = writeln!(out, "  {line}");
                    }
                }
                None => out.push('\n'),
            }
        }
    }
}
