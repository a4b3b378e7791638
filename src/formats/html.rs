//! The report as one web page: something a person can print, or open on
//! any machine, and hand to their provider.
//!
//! One self-contained file: no script, nothing fetched (no font, image or
//! style from elsewhere), the styles inline with print rules that fit A4
//! and Letter, and the charts as inline SVG drawn here. Charts are honest:
//! the day moods as they are, the trailing 7-day mean the analysis gives
//! (no other smoothing), and a plain note when there are few.
//!
//! Everything a person wrote, and every name from a file, is escaped
//! ([`esc`]), so that a `<script>` in a journal entry stays words.

mod chart;
mod sessions;
#[cfg(test)]
mod tests;

use std::fmt::Display;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{Days, FormatError, local, select};
use crate::care::{CRISIS, NOT_MEDICAL_ADVICE};
use crate::config::Settings;
use crate::domain::insight::{Insights, Relief};
use crate::domain::{History, analytics, time};

const FULL: &str = "%a %-d %b %Y %H:%M";
const DAY: &str = "%a %-d %b %Y";
const SHORT_DAY: &str = "%-d %b %Y";

/// The page's styles: a system font stack, calm colours, and print rules
/// that fit both A4 and Letter (the content is never wider than A4's
/// printable width with these margins).
const STYLE: &str = "\
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#222;font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid #d8d8d8}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
h4{font-size:.95rem;margin:1rem 0 .2rem}
p{margin:.4rem 0}
.muted{color:#555}
.care{border-left:3px solid #8aa4c8;padding:.4rem .8rem;background:#f3f6fa;margin:.8rem 0}
.care p{margin:.2rem 0}
.note{color:#444;font-style:italic}
.lately{border-left:3px solid #c8b48a;padding:.4rem .8rem;background:#faf7f0}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e4e4;vertical-align:top}
th{font-weight:600;border-bottom:1px solid #bbb}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td{white-space:nowrap}
td.wrap{white-space:normal}
svg{display:block;width:100%;height:auto;margin:.5rem 0}
svg text{font:10px system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;fill:#444}
.legend{font-size:.82rem;color:#444}
.legend span{display:inline-block;margin-right:1rem}
.key{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-right:.3em;border-radius:50%}
.words{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0 .6rem;padding:.1rem 0 .1rem .8rem;border-left:2px solid #ddd}
ul{margin:.3rem 0;padding-left:1.3rem}
article{margin:0 0 1rem}
@page{size:auto;margin:15mm}
@media print{
body{font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:none;padding:0}
h2,h3,h4{break-after:avoid}
svg,tr,.care,.lately{break-inside:avoid}
article{break-inside:auto}
}
";

/// The report of `days` (every day when [`Days::ALL`]), as of `now`.
///
/// `insights` is the analysis with what falls on `days` kept (its
/// `scales` give the bands on the questionnaire charts); it comes from the
/// CLI, since formats never read the store or the config folder.
pub fn report<Tz>(
    full: &History,
    days: Days,
    settings: &Settings,
    insights: &Insights,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<String, FormatError>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let shown = select(full, days, tz);
    let page = Page {
        full,
        shown: &shown,
        days,
        settings,
        insights,
        now,
        tz,
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>afterglow: integration report</title>\n<style>\n",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    page.header(&mut out);
    page.summary(&mut out);
    page.mood(&mut out);
    page.relief(&mut out);
    page.questionnaire_section(&mut out);
    page.sessions(&mut out)?;
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(out)
}

/// Text for a page: `&`, `<`, `>` and both quotes as references, so that
/// it is right in an element and in an attribute alike, and every
/// character a terminal would obey (controls, direction marks) dropped;
/// line breaks and tabs are kept, for `white-space: pre-wrap`.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if crate::terminal_text::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

struct Page<'a, Tz> {
    full: &'a History,
    shown: &'a History,
    days: Days,
    settings: &'a Settings,
    insights: &'a Insights,
    now: DateTime<Utc>,
    tz: &'a Tz,
}

impl<Tz> Page<'_, Tz>
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    fn at(&self, t: DateTime<Utc>, format: &str) -> String {
        local(t, self.tz, format)
    }

    fn today(&self) -> NaiveDate {
        time::local_date(self.now, self.tz)
    }

    fn header(&self, out: &mut String) {
        let day = |d: NaiveDate| d.format(DAY).to_string();
        let today = day(self.today());
        let period = match (self.days.since, self.days.until) {
            (Some(s), Some(u)) => format!("From {} to {}.", day(s), day(u)),
            (Some(s), None) => format!("From {} to today, {today}.", day(s)),
            (None, Some(u)) => format!("Everything recorded up to {}.", day(u)),
            (None, None) => format!("Everything recorded, as of {today}."),
        };
        let _ = write!(
            out,
            "<header>\n<h1>afterglow: integration report</h1>\n\
             <p class=\"muted\">{} Written {}; times are local (UTC{} when written).</p>\n\
             <div class=\"care\"><p>{}</p><p id=\"crisis\">{}</p></div>\n</header>\n",
            esc(&period),
            esc(&self.at(self.now, FULL)),
            esc(&self.at(self.now, "%:z")),
            esc(NOT_MEDICAL_ADVICE),
            esc(CRISIS),
        );
    }

    fn summary(&self, out: &mut String) {
        out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<ul>\n");
        let s = self.shown;
        let done = s.sessions.iter().filter(|x| x.is_done()).count();
        let planned = s.sessions.len() - done;
        let mut line = count(done, "session", "sessions");
        if planned > 0 {
            let _ = write!(line, " ({planned} planned)");
        }
        let _ = writeln!(out, "<li>{}</li>", esc(&line));
        let journal = analytics::journal_counts(&s.journal);
        let mut line = count(journal.entries, "journal entry", "journal entries");
        if let Some(avg) = journal.average_mood {
            let _ = write!(
                line,
                "; {} with a mood, {avg:.1} out of 10 on average",
                journal.with_mood
            );
        }
        let _ = writeln!(out, "<li>{}</li>", esc(&line));
        let i = self.insights;
        let _ = writeln!(
            out,
            "<li>{} ({} and {})</li>",
            count(i.days.len(), "day with a mood", "days with a mood"),
            count(i.checkins, "check-in", "check-ins"),
            count(i.journal_moods, "journal mood", "journal moods"),
        );
        let _ = writeln!(
            out,
            "<li>{}</li>",
            count(
                i.questionnaires.len(),
                "questionnaire result",
                "questionnaire results"
            )
        );
        let _ = writeln!(
            out,
            "<li>{}</li>",
            count(
                s.therapy.len(),
                "therapy or integration visit",
                "therapy or integration visits"
            )
        );
        out.push_str("</ul>\n</section>\n");
    }

    fn mood(&self, out: &mut String) {
        out.push_str("<section id=\"mood\">\n<h2>Mood over time</h2>\n");
        let i = self.insights;
        if i.days.is_empty() {
            out.push_str("<p>No check-ins or journal moods were recorded in this period.</p>\n");
            out.push_str("</section>\n");
            return;
        }
        out.push_str(
            "<p>One point a day, from 1 (very low) to 10 (very good): a day with a check-in \
             takes the mean of its check-ins, any other day the mean of its journal moods. \
             The line is the mean of the last 7 days, drawn where at least 3 of them have \
             a mood. Marks below the chart are sessions; the shaded bands are the main \
             window after each one; a dashed line is a course's baseline.</p>\n",
        );
        if let Some(sparse) = &i.sparse {
            let _ = writeln!(out, "<p class=\"note\">{}.</p>", esc(sparse));
        }
        chart::mood(out, i, self.tz, self.today());
        out.push_str(
            "<p class=\"legend\"><span><i class=\"key\" style=\"background:#4a6fa5\"></i>check-in day</span>\
             <span><i class=\"key\" style=\"border:1.5px solid #4a6fa5\"></i>journal mood only</span>\
             <span><i class=\"key\" style=\"background:#1f3b63;border-radius:0;height:3px\"></i>7-day mean</span>\
             <span><i class=\"key\" style=\"background:#f1e4c4;border-radius:0\"></i>main window</span></p>\n",
        );
        out.push_str("</section>\n");
    }

    fn relief(&self, out: &mut String) {
        let i = self.insights;
        out.push_str("<section id=\"relief\">\n<h2>Relief after each course and booster</h2>\n");
        if i.courses.is_empty() && i.boosters.is_empty() {
            out.push_str("<p>No course or booster in this period.</p>\n</section>\n");
            return;
        }
        let _ = writeln!(
            out,
            "<p>A course's baseline is the mean mood of the 14 days before its first session; \
             a booster is measured against the baseline of the course before it. Relief is \
             the number of days after the last session before a 7-day stretch averaged no \
             more than the baseline plus {:.1}.</p>",
            self.settings.insights.margin
        );
        out.push_str(
            "<table id=\"relief-table\">\n<thead><tr><th>What</th><th class=\"n\">Sessions</th>\
             <th>First</th><th>Last</th><th class=\"n\">Baseline</th><th class=\"n\">Relief</th>\
             <th>Status</th></tr></thead>\n<tbody>\n",
        );
        for r in &i.courses {
            let what = r.number.map_or("Course".into(), |n| format!("Course {n}"));
            self.relief_row(out, &what, r);
        }
        for r in &i.boosters {
            self.relief_row(out, "Booster", r);
        }
        out.push_str("</tbody>\n</table>\n");
        if let Some(s) = &i.booster_spread {
            let median = if s.median.fract() == 0.0 {
                format!("{}", s.median as i64)
            } else {
                format!("{:.1}", s.median)
            };
            let _ = if s.n == 1 {
                writeln!(
                    out,
                    "<p>One booster with a relief length: {median} days.</p>"
                )
            } else {
                writeln!(
                    out,
                    "<p>Across {} boosters with a relief length: median {median} days, from {} \
                     to {}.</p>",
                    s.n, s.min, s.max
                )
            };
        }
        if !i.comparisons.is_empty() {
            out.push_str(
                "<h3 id=\"practices\">Practices and mood after</h3>\n<p class=\"muted\">What was \
                 done in each session's window, beside how mood went after it, over the whole \
                 history. These describe what happened; they do not show a cause.</p>\n<ul>\n",
            );
            for c in &i.comparisons {
                let _ = writeln!(out, "<li>{}</li>", esc(&c.sentence));
            }
            out.push_str("</ul>\n");
        }
        if let Some(f) = &i.fading {
            let _ = writeln!(
                out,
                "<h3>Lately</h3>\n<p class=\"lately\">{}</p>",
                esc(&f.text)
            );
        }
        out.push_str("</section>\n");
    }

    fn relief_row(&self, out: &mut String, what: &str, r: &Relief) {
        let status = r.status.label();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{status}</td></tr>",
            esc(what),
            r.sessions,
            esc(&self.at(r.first_session_at, SHORT_DAY)),
            esc(&self.at(r.last_session_at, SHORT_DAY)),
            r.baseline.map_or("–".into(), |b| format!("{b:.1}")),
            r.relief_days
                .map_or("–".into(), |d| count(d.max(0) as usize, "day", "days")),
        );
    }

    fn questionnaire_section(&self, out: &mut String) {
        let i = self.insights;
        out.push_str("<section id=\"questionnaires\">\n<h2>Questionnaires</h2>\n");
        if i.questionnaires.is_empty() {
            out.push_str("<p>No questionnaire was answered in this period.</p>\n</section>\n");
            return;
        }
        // One chart per questionnaire, in the order each was first answered.
        let mut keys: Vec<&str> = Vec::new();
        for q in &i.questionnaires {
            if !keys.contains(&q.key.as_str()) {
                keys.push(&q.key);
            }
        }
        for key in keys {
            let scores: Vec<_> = i.questionnaires.iter().filter(|q| q.key == key).collect();
            let name = scores.last().map_or(key, |q| q.name.as_str());
            let _ = writeln!(out, "<h3>{}</h3>", esc(name));
            let scale = i.scales.iter().find(|s| s.key == key);
            chart::scores(out, &scores, scale, self.tz);
        }
        out.push_str(
            "<table id=\"questionnaire-table\">\n<thead><tr><th>Day</th><th>Questionnaire</th>\
             <th class=\"n\">Total</th><th>Band</th></tr></thead>\n<tbody>\n",
        );
        for q in &i.questionnaires {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"wrap\">{}</td><td class=\"n\">{}</td><td class=\"wrap\">{}</td></tr>",
                esc(&self.at(q.at, DAY)),
                esc(&q.name),
                q.total,
                q.band.as_deref().map_or("–".into(), esc),
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
