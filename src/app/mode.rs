//! The modes of the dashboard, each with its own key handler: the
//! dashboard itself, a dialog, a question, a read-only view over it, and
//! the journal editor.

mod confirm;
mod editor;
mod form;
mod normal;
mod overlay;

/// Which of the dashboard's modes has the keys (see `App::mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panes, with focus on one of them.
    Normal,
    /// A dialog with fields.
    Form,
    /// A yes/no question.
    Confirm,
    /// The help, an entry or a session, read-only.
    Overlay,
    /// The journal editor.
    Editor,
    /// A questionnaire being answered (`app::questionnaire`).
    Questionnaire,
}
