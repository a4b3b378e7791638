//! The report's insights: mood from check-ins and the journal together,
//! the relief after each course and booster, the practice comparisons, a
//! gentle note when mood has been back where it was, and questionnaire
//! results. The numbers come from `domain::insight` (computed by the CLI
//! and passed in); the layout is here.

use super::*;
use crate::domain::insight::{Insights, Relief};

impl<'a, Tz> Report<'a, Tz>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    pub(super) fn relief(&self, out: &mut String, i: &Insights) {
        out.push_str("\n## Mood and relief\n\n");
        if i.days.is_empty() {
            out.push_str("No check-ins or journal moods were recorded in this period.\n");
        } else {
            let _ = writeln!(
                out,
                "Check-ins and journal moods make one series: a day with a check-in takes \
                 the mean of its check-ins, any other day the mean of its journal moods \
                 ({} in this period, from {} and {}). One row a week, Monday to Sunday: \
                 the days with a mood, their mean, and the trailing 7-day mean on the \
                 last of them.",
                count(i.days.len(), "day with a mood", "days with a mood"),
                count(i.checkins, "check-in", "check-ins"),
                count(i.journal_moods, "journal mood", "journal moods"),
            );
            if let Some(sparse) = &i.sparse {
                let _ = writeln!(out, "\n{sparse}.");
            }
            out.push('\n');
            out.push_str(&self.weekly(i));
        }

        out.push_str("\n### Relief after each course and booster\n\n");
        if i.courses.is_empty() && i.boosters.is_empty() {
            out.push_str("No course or booster in this period.\n");
        } else {
            let margin = self.settings.insights.margin;
            let _ = writeln!(
                out,
                "A course's baseline is the mean mood of the 14 days before its first \
                 session; a booster is measured against the baseline of the course before \
                 it. Relief is the number of days after the last session before a 7-day \
                 stretch averaged no more than the baseline plus {margin:.1}.\n"
            );
            let mut rows: Vec<Vec<String>> = Vec::new();
            for r in &i.courses {
                let what = match r.number {
                    Some(n) => format!("Course {n}"),
                    None => "Course".to_string(),
                };
                rows.push(self.relief_row(what, r));
            }
            for r in &i.boosters {
                rows.push(self.relief_row("Booster".into(), r));
            }
            let head: Vec<String> = ["What", "From", "To", "Baseline", "Relief", "Status"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            out.push_str(&table(&head, &rows));
            if let Some(s) = &i.booster_spread {
                let median = if s.median.fract() == 0.0 {
                    format!("{}", s.median as i64)
                } else {
                    format!("{:.1}", s.median)
                };
                let _ = if s.n == 1 {
                    writeln!(out, "\nOne booster with a relief length: {median} days.")
                } else {
                    writeln!(
                        out,
                        "\nAcross {} boosters with a relief length: median {median} days, \
                         from {} to {}.",
                        s.n, s.min, s.max
                    )
                };
            }
        }

        if !i.comparisons.is_empty() {
            out.push_str("\n### Practices and mood after\n\n");
            out.push_str(
                "What was done in each session's window, beside how mood went after it, \
                 over the whole history. These describe what happened; they do not show \
                 a cause.\n\n",
            );
            for c in &i.comparisons {
                let _ = writeln!(out, "- {}", inline(&c.sentence));
            }
        }

        if let Some(f) = &i.fading {
            let _ = writeln!(out, "\n### Lately\n\n{}", inline(&f.text));
        }

        out.push_str("\n## Questionnaires\n\n");
        if i.questionnaires.is_empty() {
            out.push_str("No questionnaire was answered in this period.\n");
            return;
        }
        out.push_str(
            "Each result with its total and the band its questionnaire file gives that \
             total.\n\n",
        );
        // One table per questionnaire, under its name: a name column would
        // push the table past the report's 80 columns.
        let mut keys: Vec<&str> = Vec::new();
        for q in &i.questionnaires {
            if !keys.contains(&q.key.as_str()) {
                keys.push(&q.key);
            }
        }
        let head: Vec<String> = ["Day", "Total", "Band"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for key in keys {
            let of_key: Vec<_> = i.questionnaires.iter().filter(|q| q.key == key).collect();
            let name = of_key.last().map_or(key, |q| q.name.as_str());
            let _ = writeln!(out, "### {}\n", inline(name));
            let rows: Vec<Vec<String>> = of_key
                .iter()
                .map(|q| {
                    vec![
                        self.at(q.at, DAY),
                        q.total.to_string(),
                        q.band.as_deref().map_or("-".into(), cell),
                    ]
                })
                .collect();
            out.push_str(&table(&head, &rows));
            out.push('\n');
        }
    }

    fn relief_row(&self, what: String, r: &Relief) -> Vec<String> {
        vec![
            what,
            // Short dates keep the table within the report's 80 columns.
            self.at(r.first_session_at, "%-d %b %Y"),
            self.at(r.last_session_at, "%-d %b %Y"),
            r.baseline.map_or("-".into(), |b| format!("{b:.1}")),
            r.relief_days
                .map_or("-".into(), |d| count(d.max(0) as usize, "day", "days")),
            r.status.label().to_string(),
        ]
    }

    /// The day moods week by week, as a table; quiet stretches of weeks
    /// are one row, as in the journal's mood chart.
    fn weekly(&self, i: &Insights) -> String {
        let mut weeks: std::collections::BTreeMap<NaiveDate, (usize, f64, Option<f64>)> =
            std::collections::BTreeMap::new();
        for d in &i.days {
            let w = weeks.entry(week_of(d.day)).or_insert((0, 0.0, None));
            w.0 += 1;
            w.1 += d.mood;
            // Days come oldest first: the last one seen is the week's last.
            w.2 = d.trailing;
        }
        let (Some(first), Some(last)) = (
            weeks.keys().next().copied(),
            weeks.keys().next_back().copied(),
        ) else {
            return String::new();
        };
        let busy: BTreeSet<NaiveDate> = weeks.keys().copied().collect();
        let mut rows = Vec::new();
        for span in spans(first, last, &busy) {
            match span {
                Span::Week(week) => {
                    let (n, sum, trailing) = weeks.get(&week).copied().unwrap_or_default();
                    rows.push(vec![
                        week.to_string(),
                        n.to_string(),
                        if n == 0 {
                            "-".into()
                        } else {
                            format!("{:.1}", sum / n as f64)
                        },
                        trailing.map_or("-".into(), |t| format!("{t:.1}")),
                    ]);
                }
                Span::Quiet { from, to, .. } => rows.push(vec![
                    format!("{from} to {}", sunday_of(to)),
                    "0".into(),
                    "-".into(),
                    "-".into(),
                ]),
            }
        }
        let head: Vec<String> = ["Week of", "Days", "Mean", "7-day mean"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        table(&head, &rows)
    }
}
