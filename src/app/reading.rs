//! The views one reads over the dashboard (the help, an entry, a session,
//! a therapy visit) as rows of text. The app counts these rows to know
//! where End is, and the ui draws exactly these rows, unwrapped again, so
//! the two never disagree about how many there are at a width.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::editor::wrap;
use super::layout::centered;
use super::legend;
use super::panes::Overlay;
use super::{App, words};
use crate::care;
use crate::domain::PlanState;
use crate::domain::plan::ALCOHOL;
use crate::domain::time::{local_date, moment_label};

/// How a piece of a row looks; the ui turns it into its theme's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Dim,
    Title,
    Accent,
    Italic,
    Error,
    Ok,
    Plan(PlanState),
}

/// One row: pieces of text, each with its tone.
pub type Row = Vec<(String, Tone)>;

/// One line as written, before wrapping. The first `hang` pieces are a
/// label, and the rest wraps beside it (continuation rows indented to the
/// label's width), as long as that leaves room to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub pieces: Row,
    pub hang: usize,
}

impl Para {
    fn new(pieces: Row) -> Self {
        Para { pieces, hang: 0 }
    }

    fn one(text: impl Into<String>, tone: Tone) -> Self {
        Para::new(vec![(text.into(), tone)])
    }

    fn blank() -> Self {
        Para::one("", Tone::Plain)
    }

    fn hanging(hang: usize, pieces: Row) -> Self {
        Para { pieces, hang }
    }
}

/// A view to read: its title, the widest its box grows, and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: String,
    pub max_width: u16,
    pub paras: Vec<Para>,
}

impl Page {
    /// The box the page is drawn in on a screen `area`, border included.
    pub fn rect(&self, area: Rect) -> Rect {
        centered(area, self.max_width, area.height.saturating_sub(2))
    }

    /// The rows drawn inside a box of `inner` columns.
    pub fn rows(&self, inner: usize) -> Vec<Row> {
        self.paras
            .iter()
            .flat_map(|p| wrap_para(p, inner))
            .collect()
    }
}

/// Where a page of `rows` rows, `visible` at a time, can be scrolled to:
/// the last row shows at the bottom, never further.
pub fn max_scroll(rows: usize, visible: usize) -> usize {
    rows.saturating_sub(visible)
}

/// The rows inside `rect` (its border taken off) and how many show.
pub fn inner(rect: Rect) -> (usize, usize) {
    (
        usize::from(rect.width.saturating_sub(2)).max(1),
        usize::from(rect.height.saturating_sub(2)),
    )
}

const NBSP: char = '\u{a0}';

/// Wraps one line to rows of at most `width` columns, by the editor's rule
/// (as `wrap_words`: a space between two digits never breaks, so a phone
/// number stays on one row), keeping each piece's tone.
pub fn wrap_pieces(pieces: &[(String, Tone)], width: usize) -> Vec<Row> {
    let cleaned: Vec<(String, Tone)> = pieces
        .iter()
        .map(|(t, tone)| (crate::terminal_text::clean_line(t), *tone))
        .collect();
    let chars: Vec<char> = cleaned.iter().flat_map(|(t, _)| t.chars()).collect();
    let mut held = String::new();
    let mut bounds = Vec::new();
    let mut at = 0;
    for (text, tone) in &cleaned {
        let start = held.len();
        for c in text.chars() {
            let between_digits = c == ' '
                && at > 0
                && chars[at - 1].is_ascii_digit()
                && chars.get(at + 1).is_some_and(char::is_ascii_digit);
            held.push(if between_digits { NBSP } else { c });
            at += 1;
        }
        bounds.push((start, held.len(), *tone));
    }
    let width = u16::try_from(width.max(1)).unwrap_or(u16::MAX);
    wrap(&held, width)
        .into_iter()
        .map(|r| {
            let mut row: Row = bounds
                .iter()
                .filter_map(|&(s, e, tone)| {
                    let (a, b) = (s.max(r.start), e.min(r.end));
                    (a < b).then(|| (held[a..b].replace(NBSP, " "), tone))
                })
                .collect();
            if let Some((last, _)) = row.last_mut() {
                let kept = last.trim_end().len();
                last.truncate(kept);
            }
            row
        })
        .collect()
}

fn wrap_para(p: &Para, width: usize) -> Vec<Row> {
    let (head, rest) = p.pieces.split_at(p.hang.min(p.pieces.len()));
    let label: usize = head.iter().map(|(t, _)| t.width()).sum();
    // A hanging label only while the words beside it keep a readable row.
    if head.is_empty() || rest.is_empty() || width < label + 16 {
        return wrap_pieces(&p.pieces, width);
    }
    wrap_pieces(rest, width - label)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let mut out = if i == 0 {
                head.to_vec()
            } else {
                vec![(" ".repeat(label), Tone::Plain)]
            };
            out.extend(row);
            out
        })
        .collect()
}

/// The widest the help's keys column grows.
pub const KEYS_COLUMN_MAX: usize = 26;

/// One row of the help: a key text in a column `col` wide and two spaces,
/// then its words, wrapped under themselves. A key text wider than the
/// column has a row of its own, its words on the next.
fn key_row(paras: &mut Vec<Para>, col: usize, keys: &str, what: &str) {
    let width = keys.width();
    let words = (what.to_string(), Tone::Plain);
    if width > col {
        paras.push(Para::one(format!("  {keys}"), Tone::Accent));
        paras.push(Para::hanging(
            1,
            vec![(" ".repeat(col + 4), Tone::Plain), words],
        ));
    } else {
        let pad = " ".repeat(col - width + 2);
        paras.push(Para::hanging(
            1,
            vec![(format!("  {keys}{pad}"), Tone::Accent), words],
        ));
    }
}

/// The glyph beside a plan step: done, partly done, open now, ahead. A
/// step that passed has none (it passes quietly).
pub fn plan_glyph(s: PlanState) -> &'static str {
    match s {
        PlanState::Done => legend::DONE,
        PlanState::Partial => legend::PARTIAL,
        PlanState::Open => legend::OPEN,
        PlanState::Upcoming => legend::AHEAD,
        PlanState::Passed => "",
    }
}

impl App {
    /// The view open over the dashboard, as a page to read.
    pub fn reading(&self) -> Option<Page> {
        match self.overlay.as_ref()? {
            Overlay::Help { .. } => Some(self.help_page()),
            Overlay::Entry { id, .. } => self.entry_page(*id),
            Overlay::Session { id, .. } => self.session_page(*id),
            Overlay::Therapy { id, .. } => self.therapy_page(*id),
        }
    }

    /// The furthest the open view scrolls on the screen as it is now.
    pub(in crate::app) fn reading_max(&self) -> usize {
        let Some(page) = self.reading() else {
            return 0;
        };
        let (w, h) = self.size;
        let (width, visible) = inner(page.rect(Rect::new(0, 0, w, h)));
        max_scroll(page.rows(width).len(), visible)
    }

    /// Rows a page key moves: the rows that show, less one kept for context.
    pub(in crate::app) fn reading_page(&self) -> usize {
        let Some(page) = self.reading() else {
            return 1;
        };
        let (w, h) = self.size;
        let (_, visible) = inner(page.rect(Rect::new(0, 0, w, h)));
        visible.saturating_sub(1).max(1)
    }

    fn today(&self) -> chrono::NaiveDate {
        local_date(self.now, &self.zone)
    }

    fn help_page(&self) -> Page {
        // The help opens with where to find help, whole, before any key.
        let mut paras = vec![
            Para::one(care::IN_DANGER, Tone::Title),
            Para::one(care::TO_TALK, Tone::Title),
            Para::one(care::NOT_MEDICAL_ADVICE, Tone::Plain),
        ];
        let sections = self.settings.keys.help_sections();
        // The keys column is as wide as its widest key text, up to a cap;
        // a longer one has a row of its own, so no key runs into its words.
        let col = sections
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.width()))
            .chain(VIEW_KEYS.iter().map(|(k, _)| k.width()))
            .chain(legend::LEGEND.iter().map(|(g, _)| g.width()))
            .filter(|w| *w <= KEYS_COLUMN_MAX)
            .max()
            .unwrap_or(0);
        for (section, rows) in &sections {
            paras.push(Para::blank());
            paras.push(Para::one(section.clone(), Tone::Title));
            for (keys, what) in rows {
                key_row(&mut paras, col, keys, what);
            }
        }
        paras.push(Para::blank());
        paras.push(Para::one("In a view like this one", Tone::Title));
        for (keys, what) in VIEW_KEYS {
            key_row(&mut paras, col, keys, what);
        }
        paras.push(Para::blank());
        paras.push(Para::one("Symbols", Tone::Title));
        for (glyph, what) in legend::LEGEND {
            key_row(&mut paras, col, glyph, what);
        }
        Page {
            title: "Help · ↑↓ PgUp PgDn Home End · Esc closes".into(),
            max_width: 76,
            paras,
        }
    }

    fn entry_page(&self, id: crate::domain::JournalId) -> Option<Page> {
        let e = self.data.entry(id)?;
        let mut paras = vec![Para::one(
            moment_label(e.written_at, &self.zone, self.today()),
            Tone::Dim,
        )];
        if let Some(m) = e.mood {
            paras.push(Para::one(format!("Mood {}/10", m.get()), Tone::Accent));
        }
        paras.push(Para::blank());
        paras.extend(e.body.lines().map(|l| Para::one(l, Tone::Plain)));
        Some(Page {
            title: words::entry_view_title(&self.settings.keys),
            max_width: 78,
            paras,
        })
    }

    fn session_page(&self, id: crate::domain::SessionId) -> Option<Page> {
        let s = self.data.sessions.iter().find(|s| s.id == id)?;
        let today = self.today();
        let when = |t| moment_label(t, &self.zone, today);
        let mut paras = vec![Para::one(
            format!(
                "{} · {} · {}{}",
                when(s.at),
                s.kind.label(),
                s.status.as_str(),
                s.dose_mg.map(|d| format!(" · {d} mg")).unwrap_or_default()
            ),
            Tone::Plain,
        )];
        if let Some(n) = &s.note {
            paras.extend(n.lines().map(|l| Para::one(l, Tone::Italic)));
        }
        if let Some(i) = crate::domain::intention::of_session(&self.data.intentions, id) {
            paras.push(Para::blank());
            paras.push(Para::one(format!("Intention: {}", i.text), Tone::Title));
            if let Some(r) = &i.reflection {
                paras.push(Para::one(format!("How it landed: {r}"), Tone::Plain));
            }
        }
        if s.is_done() {
            paras.push(Para::blank());
            paras.push(Para::one("Integration plan", Tone::Title));
            match self.view.plans.get(&id) {
                Some(items) => {
                    let labels: Vec<String> = items.iter().map(|i| when(i.starts_at)).collect();
                    let wide = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                    for (item, label) in items.iter().zip(labels) {
                        // What passed passes quietly: dim, with no mark.
                        let passed = item.state == PlanState::Passed;
                        let state = if passed { "" } else { item.state.as_str() };
                        paras.push(Para::hanging(
                            2,
                            vec![
                                (
                                    format!("  {:<2}", plan_glyph(item.state)),
                                    Tone::Plan(item.state),
                                ),
                                (format!("{state:<12}{label:<wide$}  "), Tone::Dim),
                                (
                                    item.kind.label().to_string(),
                                    if passed { Tone::Dim } else { Tone::Plain },
                                ),
                            ],
                        ));
                    }
                    paras.push(Para::blank());
                    paras.push(Para::one(ALCOHOL, Tone::Dim));
                }
                None => paras.push(Para::one(
                    "The plan for this session could not be worked out.",
                    Tone::Error,
                )),
            }
        }
        Some(Page {
            title: words::session_view_title(&self.settings.keys),
            max_width: 90,
            paras,
        })
    }

    fn therapy_page(&self, id: crate::domain::TherapyId) -> Option<Page> {
        let t = self.data.therapy.iter().find(|t| t.id == id)?;
        let mut paras = vec![Para::new(vec![
            (format!("{} ", legend::THERAPY), Tone::Ok),
            (
                format!(
                    "Therapy visit · {}",
                    moment_label(t.at, &self.zone, self.today())
                ),
                Tone::Plain,
            ),
        ])];
        paras.push(Para::blank());
        match &t.note {
            Some(n) => paras.extend(n.lines().map(|l| Para::one(l, Tone::Plain))),
            None => paras.push(Para::one("No notes.", Tone::Dim)),
        }
        Some(Page {
            title: words::therapy_view_title(&self.settings.keys),
            max_width: 78,
            paras,
        })
    }
}

/// The keys inside a view like the help, an entry or a session (fixed).
pub const VIEW_KEYS: &[(&str, &str)] = &[
    ("↓ / j, ↑ / k", "one row down or up"),
    ("PgDn / Space, PgUp", "a page down or up"),
    ("End / G, Home / g", "the last row, the first row"),
    ("Esc / Enter / q", "close the view"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(row: &Row) -> String {
        row.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn pieces_keep_their_tones_across_rows() {
        let rows = wrap_pieces(
            &[
                ("call ".into(), Tone::Dim),
                ("116 123 any time of day".into(), Tone::Title),
            ],
            12,
        );
        let texts: Vec<String> = rows.iter().map(text).collect();
        assert_eq!(texts, ["call 116 123", "any time of", "day"]);
        assert_eq!(rows[0][0], ("call ".to_string(), Tone::Dim));
        assert_eq!(rows[0][1].1, Tone::Title);
    }

    #[test]
    fn a_hanging_label_indents_what_wraps() {
        let p = Para::hanging(
            1,
            vec![
                ("  q         ".into(), Tone::Accent),
                ("quit the dashboard, drafts are kept".into(), Tone::Plain),
            ],
        );
        let rows: Vec<String> = wrap_para(&p, 30).iter().map(text).collect();
        assert_eq!(
            rows,
            [
                "  q         quit the",
                "            dashboard, drafts",
                "            are kept"
            ]
        );
        // Too narrow for a hang: plain wrapping.
        assert_eq!(wrap_para(&p, 20)[0].len(), 2);
    }

    #[test]
    fn controls_never_reach_a_row() {
        let rows = wrap_pieces(&[("a\u{1b}[2Jb\tc".into(), Tone::Plain)], 40);
        assert_eq!(text(&rows[0]), "a[2Jb c");
    }
}
