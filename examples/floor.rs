//! The floor for afterglow's start-up benchmarks: the least a ratatui
//! program can do. It enters the alternate screen, draws one static frame
//! and waits for any key. afterglow's first frame is measured against this
//! program's in the same run (see docs/performance.md), so the comparison
//! shows what opening the database and computing the windows cost on top
//! of process start, terminal set-up and one full paint.

use crossterm::event::{self, Event};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let drawn = terminal.draw(|frame| {
        let text = vec![
            Line::from("floor"),
            Line::from("One static frame; any key quits."),
        ];
        frame.render_widget(
            Paragraph::new(text).block(Block::bordered().title("floor")),
            frame.area(),
        );
    });
    let waited = drawn.and_then(|_| {
        loop {
            if let Event::Key(_) = event::read()? {
                break Ok(());
            }
        }
    });
    ratatui::restore();
    waited
}
