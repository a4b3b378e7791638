//! Readers for other tools' exports: jrnl, Daylio, Loop Habit Tracker.
