//! Where things go on screen. Pure functions of the terminal size, shared by
//! `update` (mouse clicks, editor width, paging) and by drawing, which reads
//! them from here so that the app never depends on the ui.

use ratatui::layout::Rect;

use super::action::PaneId;
use super::panes::registry::{PANES, PaneSpec};

/// Below this the dashboard says so instead of drawing a cramped mess.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

pub const HEADER_HEIGHT: u16 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// Where the panes are; the editor takes all of it.
    pub body: Rect,
    /// Each pane shown, in registry order, with where it goes. A zoomed
    /// pane is the only one, on the whole body.
    pub panes: Vec<(PaneId, Rect)>,
    pub footer: Rect,
}

impl Areas {
    /// Where `id` is drawn (`None` while another pane is zoomed).
    pub fn pane(&self, id: PaneId) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == id).map(|(_, r)| *r)
    }
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

pub fn areas(width: u16, height: u16) -> Areas {
    areas_with_header(width, height, HEADER_HEIGHT, None)
}

/// [`areas`] with a header of `header_height` rows (the welcome's grows to
/// hold the crisis lines whole; see `App::header_height`), and `zoom`, the
/// pane shown alone, if any.
pub fn areas_with_header(
    width: u16,
    height: u16,
    header_height: u16,
    zoom: Option<PaneId>,
) -> Areas {
    areas_of(PANES, width, height, header_height, zoom)
}

/// [`areas_with_header`] for a given registry of panes. Plain arithmetic,
/// with the same result as ratatui's constraint solver gave for the same
/// percentages (a test holds the two side by side), at a fraction of its
/// cost on the first frame.
pub fn areas_of(
    panes: &[PaneSpec],
    width: u16,
    height: u16,
    header_height: u16,
    zoom: Option<PaneId>,
) -> Areas {
    let header_h = header_height.min(height);
    let footer_h = 1.min(height - header_h);
    let body_h = height - header_h - footer_h;
    let header = Rect::new(0, 0, width, header_h);
    let body = Rect::new(0, header_h, width, body_h);
    let footer = Rect::new(0, header_h + body_h, width, footer_h);
    if let Some(id) = zoom.filter(|z| panes.iter().any(|p| p.id == *z)) {
        return Areas {
            header,
            body,
            panes: vec![(id, body)],
            footer,
        };
    }
    let columns = panes.iter().map(|p| p.slot.column + 1).max().unwrap_or(0);
    // The timeline carries the most; give it the wider column on big screens.
    let shares: Vec<u16> = match columns {
        2 => {
            let left = if width >= 140 { 55 } else { 50 };
            vec![left, 100 - left]
        }
        n => even_shares(n),
    };
    let cols = split(body.x, body.width, &shares);
    let mut out = Vec::with_capacity(panes.len());
    for (c, &(x, w)) in cols.iter().enumerate() {
        let in_col: Vec<&PaneSpec> = panes.iter().filter(|p| p.slot.column == c).collect();
        let rows: Vec<u16> = in_col.iter().map(|p| p.slot.share).collect();
        for (p, (y, h)) in in_col.iter().zip(split(body.y, body.height, &rows)) {
            out.push((p.id, Rect::new(x, y, w, h)));
        }
    }
    // Registry order, whatever the columns.
    out.sort_by_key(|(id, _)| panes.iter().position(|p| p.id == *id));
    Areas {
        header,
        body,
        panes: out,
        footer,
    }
}

/// `n` shares of 100 percent, the first ones a point larger when 100 does
/// not divide evenly.
fn even_shares(n: usize) -> Vec<u16> {
    let n16 = u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    (0..n16)
        .map(|i| 100 / n16 + u16::from(i < 100 % n16))
        .collect()
}

/// Cuts `len` cells starting at `start` by percentages: each cut falls on
/// the nearest cell (halves round up), and the last part takes what is left.
fn split(start: u16, len: u16, percents: &[u16]) -> Vec<(u16, u16)> {
    let mut out = Vec::with_capacity(percents.len());
    let mut acc: u32 = 0;
    let mut at = 0u16;
    for (i, p) in percents.iter().enumerate() {
        acc += u32::from(*p);
        let end = if i + 1 == percents.len() {
            len
        } else {
            // round(len * acc / 100), in integers.
            let e = (u32::from(len) * acc * 2 + 100) / 200;
            u16::try_from(e).unwrap_or(len).min(len)
        };
        let end = end.max(at);
        out.push((start + at, end - at));
        at = end;
    }
    out
}

/// The editor's text rect inside the body: a border and a prompt line above.
pub fn editor_text(width: u16, height: u16) -> Rect {
    editor_text_in(areas(width, height).body)
}

/// The editor's text rect inside `body`.
pub fn editor_text_in(body: Rect) -> Rect {
    Rect {
        x: body.x + 2,
        y: body.y + 3,
        width: body.width.saturating_sub(4),
        height: body.height.saturating_sub(5),
    }
}

pub fn editor_text_width(width: u16, height: u16) -> u16 {
    editor_text(width, height).width.max(1)
}

/// A centred box of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_body_at_80x24() {
        let a = areas(80, 24);
        assert_eq!(a.header.height, HEADER_HEIGHT);
        assert_eq!(a.footer.y, 23);
        let area: u32 = a
            .panes
            .iter()
            .map(|(_, r)| u32::from(r.width) * u32::from(r.height))
            .sum();
        assert_eq!(area, u32::from(a.body.width) * u32::from(a.body.height));
    }

    #[test]
    fn tiny_sizes_never_underflow() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (59, 17)] {
            let a = areas(w, h);
            let _ = editor_text(w, h);
            assert!(a.body.width <= w);
            assert!(too_small(w, h));
        }
    }

    /// What ratatui's solver gives for the panes' shares: timeline over
    /// habits on the left; journal, intention and insights on the right.
    fn solved(width: u16, height: u16, header: u16) -> Vec<Rect> {
        use ratatui::layout::{Constraint, Layout};
        let area = Rect::new(0, 0, width, height);
        let [_, body, _] = Layout::vertical([
            Constraint::Length(header),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        let left = if width >= 140 { 55 } else { 50 };
        let [l, r] = Layout::horizontal([
            Constraint::Percentage(left),
            Constraint::Percentage(100 - left),
        ])
        .areas(body);
        let [t, h] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(l);
        let [j, i, s] = Layout::vertical([
            Constraint::Percentage(45),
            Constraint::Percentage(35),
            Constraint::Percentage(20),
        ])
        .areas(r);
        vec![t, j, h, i, s]
    }

    #[test]
    fn arithmetic_matches_the_solver() {
        // Every width of everyday terminals (both sides of the wider
        // timeline column at 140, odd and even), at heights odd and even,
        // with the compact header and a taller welcome one; then a few
        // large screens.
        let sizes = (MIN_WIDTH..=150)
            .flat_map(|w| [(w, 18, 5), (w, 24, 5), (w, 25, 7), (w, 41, 5)])
            .chain([(201, 61, 5), (317, 97, 9), (500, 150, 5)]);
        for (width, height, header) in sizes {
            let got: Vec<Rect> = areas_with_header(width, height, header, None)
                .panes
                .iter()
                .map(|(_, r)| *r)
                .collect();
            assert_eq!(got, solved(width, height, header), "{width}x{height}");
        }
    }

    #[test]
    fn a_zoomed_pane_takes_the_body() {
        let a = areas_with_header(80, 24, HEADER_HEIGHT, Some(PaneId::Habits));
        assert_eq!(a.panes, vec![(PaneId::Habits, a.body)]);
        assert_eq!(a.footer.y, 23);
        assert_eq!(a.header.height, HEADER_HEIGHT);
    }
}
