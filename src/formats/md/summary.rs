//! The report's summary, its mood chart and its habit tables: the
//! numbers come from `domain::analytics`, the layout is here.

use super::*;

impl<'a, Tz> Report<'a, Tz>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    pub(super) fn summary(&self, out: &mut String, sessions: &[Shown<'_>]) {
        out.push_str("\n## Summary\n\n");
        let s = self.shown;
        let runs = self.courses_of(sessions);
        let counts = analytics::SessionCounts::of(
            runs.iter().map(|(c, shown)| (c, shown.len())),
            s.sessions.iter().filter(|x| !x.is_done()).count(),
        );
        let (courses, in_courses, boosters, singles) = (
            counts.courses,
            counts.in_courses,
            counts.boosters,
            counts.singles,
        );
        let mut parts = Vec::new();
        if courses > 0 {
            parts.push(format!(
                "{} in {}",
                count(in_courses, "session", "sessions"),
                count(courses, "course", "courses")
            ));
        }
        if boosters > 0 {
            parts.push(count(boosters, "booster session", "booster sessions"));
        }
        if singles > 0 {
            parts.push(count(singles, "single session", "single sessions"));
        }
        let mut line = match parts.as_slice() {
            [] => "- No sessions".to_string(),
            [one] => format!("- {one}"),
            _ => {
                // With more than one kind, "sessions" once is enough:
                // "12 sessions: 8 in 1 course and 4 boosters".
                let total = counts.done();
                let mut short = Vec::new();
                if courses > 0 {
                    short.push(format!(
                        "{in_courses} in {}",
                        count(courses, "course", "courses")
                    ));
                }
                if boosters > 0 {
                    short.push(count(boosters, "booster", "boosters"));
                }
                if singles > 0 {
                    short.push(count(singles, "single session", "single sessions"));
                }
                format!(
                    "- {}: {}",
                    count(total, "session", "sessions"),
                    and_list(&short)
                )
            }
        };
        let planned = counts.planned;
        if planned > 0 {
            let _ = write!(line, "; {planned} planned");
        }
        line.push('\n');
        out.push_str(&line);

        let journal = analytics::journal_counts(&s.journal);
        let _ = write!(
            out,
            "- {}",
            count(journal.entries, "journal entry", "journal entries")
        );
        if let Some(avg) = journal.average_mood {
            let _ = write!(
                out,
                "; {} with a mood, {avg:.1} out of 10 on average",
                journal.with_mood
            );
        }
        out.push('\n');

        let intentions = analytics::intention_counts(&s.intentions);
        let reflected = intentions.reflected;
        let replaced = intentions.replaced;
        let replaced = if replaced > 0 {
            format!(" ({replaced} later set anew)")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- {} set{replaced}, {} written",
            count(intentions.set, "intention", "intentions"),
            count(reflected, "reflection", "reflections")
        );
        // Where the person stands with sessions, in their words, when they
        // said they are pausing or finished.
        if let Some(r) = treatment::resting(&self.full.treatment, &self.full.sessions, self.now) {
            let _ = write!(
                out,
                "- Sessions: {}, since {}",
                r.status.describe(),
                self.at(r.at, DAY)
            );
            match words(r.note.as_deref()) {
                Some(note) => {
                    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
                    let _ = writeln!(out, "; in their words: {}", inline(&note));
                }
                None => out.push('\n'),
            }
        }
        // What was done, and what is still ahead; a step whose time has
        // passed is not counted against anyone.
        let analytics::PlanCounts {
            done,
            partly,
            ahead,
            steps,
        } = analytics::plan_counts(sessions.iter().flat_map(|x| &x.plan));
        if steps > 0 {
            let mut parts = vec![if done == 0 {
                "no steps logged as done".to_string()
            } else {
                format!("{} done", count(done, "step", "steps"))
            }];
            if partly > 0 {
                parts.push(format!("{partly} partly done"));
            }
            if ahead > 0 {
                parts.push(format!("{ahead} still to come"));
            }
            let _ = writeln!(
                out,
                "- Integration plan: {} (a day of meditation or a night of sleep is one \
                 step)",
                and_list(&parts)
            );
        }
        let _ = writeln!(
            out,
            "- {}",
            count(
                s.therapy.len(),
                "therapy or integration visit",
                "therapy or integration visits"
            )
        );
    }

    pub(super) fn mood(&self, out: &mut String) {
        out.push_str("\n## Mood over time\n\n");
        let weeks = analytics::weekly_mood(&self.shown.journal, self.tz);
        let (Some(first), Some(last)) = (
            weeks.keys().next().copied(),
            weeks.keys().next_back().copied(),
        ) else {
            out.push_str("No moods were recorded in this period.\n");
            return;
        };
        let sessions = analytics::sessions_by_week(&self.shown.sessions, self.tz);
        out.push_str(
            "One row a week, Monday to Sunday: the bar and the number are the \
             average mood of that week's journal entries, from 1 (very low) to \
             10 (very good); each ● is a session.\n\n```text\n",
        );
        let _ = writeln!(
            out,
            "{:<10}  {:<BAR_CELLS$}  {:>4}  {:>5}  sessions",
            "week of", "mood", "avg", "moods"
        );
        let busy: BTreeSet<NaiveDate> = weeks.keys().chain(sessions.keys()).copied().collect();
        for span in spans(first, last, &busy) {
            let week = match span {
                Span::Week(week) => week,
                Span::Quiet { from, to, weeks } => {
                    let _ = writeln!(
                        out,
                        "{from} to {}: no mood and no session in these {weeks} weeks",
                        sunday_of(to)
                    );
                    continue;
                }
            };
            let w = weeks.get(&week).copied().unwrap_or_default();
            let n = w.count;
            let (bar, avg) = match w.average() {
                None => (String::new(), "-".to_string()),
                Some(avg) => (bar(avg), format!("{avg:.1}")),
            };
            let marks = "●".repeat(sessions.get(&week).copied().unwrap_or(0));
            let row = format!(
                "{week}  {bar}{}  {avg:>4}  {n:>5}  {marks}",
                " ".repeat(BAR_CELLS - bar.chars().count())
            );
            out.push_str(row.trim_end());
            out.push('\n');
        }
        out.push_str("```\n");
    }

    pub(super) fn habits(&self, out: &mut String) {
        out.push_str("\n## Habits week by week\n\n");
        let today = self.today();
        let ticks: HashMap<(HabitId, NaiveDate), &Tick> = self
            .shown
            .ticks
            .iter()
            .map(|t| ((t.habit, t.day), t))
            .collect();
        let tracked: Vec<(&Habit, NaiveDate, NaiveDate)> = analytics::kept_habits(
            &self.shown.habits,
            &self.full.ticks,
            &self.shown.ticks,
            today,
        )
        .into_iter()
        .map(|k| (k.habit, k.from, k.to))
        .collect();
        let start = tracked.iter().map(|t| t.1).min();
        let start = match (start, self.days.since) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, _) => a,
        };
        let end = self.days.until.map_or(today, |u| u.min(today));
        let Some(start) = start.filter(|s| *s <= end) else {
            out.push_str("No habit days in this period.\n");
            return;
        };
        let mut head = vec!["Week of".to_string()];
        head.extend(tracked.iter().map(|(h, _, _)| cell(&h.name)));
        // Only weeks with a tick in them, and the few quiet ones between
        // them, get a row each: a tick back-filled decades ago would
        // otherwise make a row for every week since.
        let ids: HashSet<HabitId> = tracked.iter().map(|(h, _, _)| h.id).collect();
        let busy: BTreeSet<NaiveDate> = self
            .shown
            .ticks
            .iter()
            .filter(|t| ids.contains(&t.habit) && start <= t.day && t.day <= end)
            .map(|t| week_of(t.day))
            .collect();
        let mut rows = Vec::new();
        let mut quiet = false;
        for span in spans(week_of(start), week_of(end), &busy) {
            let (label, first, last) = match span {
                Span::Week(week) => (week.to_string(), week, sunday_of(week)),
                Span::Quiet { from, to, .. } => {
                    quiet = true;
                    (format!("{from} to {}", sunday_of(to)), from, sunday_of(to))
                }
            };
            let mut row = vec![label];
            for (h, from, to) in &tracked {
                let (lo, hi) = (first.max(start).max(*from), last.min(end).min(*to));
                let Adherence { met, kept } = analytics::adherence(h, &ticks, lo, hi);
                // A quiet stretch holds no tick, so nothing in it was met.
                let met = match span {
                    Span::Week(_) => met,
                    Span::Quiet { .. } => 0,
                };
                row.push(if kept == 0 {
                    "-".into()
                } else {
                    format!("{met}/{kept}")
                });
            }
            rows.push(row);
        }
        let goals: Vec<String> = tracked
            .iter()
            .filter_map(|(h, _, _)| match &h.kind {
                HabitKind::Quantity { unit, target } => {
                    // A no-break space keeps a number with its unit when
                    // the paragraph is wrapped.
                    Some(format!(
                        "{} {target}\u{a0}{}",
                        inline(&h.name),
                        inline(unit)
                    ))
                }
                HabitKind::YesNo => None,
            })
            .collect();
        let _ = write!(
            out,
            "Days each habit's daily goal was met, out of the days it was kept \
             that week; a dash means it was not being kept then."
        );
        if !goals.is_empty() {
            let _ = write!(out, " Goals: {}", goals.join(", "));
            if tracked.iter().any(|(h, _, _)| h.kind == HabitKind::YesNo) {
                out.push_str("; yes-or-no habits count when ticked");
            }
            out.push('.');
        }
        if quiet {
            out.push_str(
                " A row from one day to another is a stretch of weeks in which nothing \
                 was ticked.",
            );
        }
        out.push_str("\n\n");

        // Side by side, ten habits make a table twice as wide as a
        // terminal; split into tables that each fit, every one keeping
        // the week column.
        let widths: Vec<usize> = (0..head.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].width())
                    .chain([head[i].width(), 3])
                    .max()
                    .unwrap_or(3)
            })
            .collect();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut used = 0;
        for i in 1..head.len() {
            match groups.last_mut() {
                Some(g) if used + widths[i] + 3 <= WIDTH => g.push(i),
                _ => {
                    groups.push(vec![0, i]);
                    used = 1 + widths[0] + 3;
                }
            }
            used += widths[i] + 3;
        }
        for (n, group) in groups.iter().enumerate() {
            let pick = |row: &[String]| group.iter().map(|&i| row[i].clone()).collect();
            let part: Vec<Vec<String>> = rows.iter().map(|r| pick(r)).collect();
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&table(&pick(&head), &part));
        }
    }
}
