//! Copies of the database through SQLite's online backup API.
