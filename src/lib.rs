//! afterglow: a calm terminal companion for ketamine-therapy integration.
//!
//! The crate is three layers under a thin shell:
//!
//! - [`domain`]: pure rules (plasticity windows, plans, courses, habits);
//!   no I/O and no clock reads.
//! - [`store`]: the only code that touches SQLite.
//! - [`app`] (state and update) and [`ui`] (drawing): the dashboard.
//!
//! [`cli`] parses the command line and runs one-shot commands; [`config`]
//! reads the TOML config; [`tui`] owns the terminal, and [`terminal_text`]
//! cleans whatever is shown there. [`formats`] writes the export formats
//! and [`importers`] reads other tools' exports; [`bounded`] reads files
//! and stdin no larger than a stated size.

pub mod app;
pub mod bounded;
pub mod care;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod external_editor;
pub mod formats;
pub mod importers;
pub mod store;
pub mod terminal_text;
pub mod tui;
pub mod ui;
pub mod usecase;
pub mod zone;
