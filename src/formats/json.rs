//! The JSON export: everything, in a shape frozen by version.
//!
//! The file is written and read through its own serde types ([`v1`]),
//! never through the domain's: a field renamed in the domain changes no
//! person's file, and a file written by any earlier afterglow still reads.
//! `tests/fixtures/export/` holds a golden file of the current shape and a
//! file of every earlier shape that was ever written.
//!
//! Every file written so far is version 1. Within it, fields were only ever
//! added, each optional on reading: `treatment` and an intention's
//! `replaced_at` (issue 9), an intention's `earlier_reflections` and
//! `more_drafts` (issue 10), a habit's `per_week` (issue 12), `checkins`
//! and `questionnaire_results` (issue 13). A change that an older afterglow could not read
//! as version 1 gets a new module (`v2`) and a new number; this one stays
//! as it is, to read the files already written.

pub mod v1;

use chrono::{DateTime, Utc};

use crate::domain::History;

/// Names the format, so that an import can tell an afterglow export from
/// any other JSON.
pub const FORMAT: &str = "afterglow";
/// The version written, and the newest one read.
pub const VERSION: u32 = 1;

/// The export of `history`, read at `exported_at` from a database of
/// `schema_version`, as pretty-printed JSON ending in a new line.
pub fn write(
    history: &History,
    exported_at: DateTime<Utc>,
    schema_version: i32,
) -> Result<String, serde_json::Error> {
    let file = v1::Export::new(history, exported_at, schema_version);
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

/// A version 1 export read back into a history. The header is not checked
/// here: `importers` does that first, to refuse another tool's JSON in
/// plain words.
pub fn read_v1(text: &str) -> Result<v1::Export, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::Draft;
    use crate::domain::{EarlierReflection, Mood, TreatmentChange, TreatmentStatus};
    use crate::formats::fixture::{at, checked_in, export, now};

    const GOLDEN: &str = include_str!("../../tests/fixtures/export/v1.json");

    /// The fixture of the other formats, with every kind of record a
    /// version 1 file can hold.
    fn every_kind() -> History {
        let mut h = checked_in(export());
        h.intentions[0].earlier_reflections.push(EarlierReflection {
            text: "It was loud at first.".into(),
            reflected_at: Some(at("2026-04-06T21:00:00Z")),
            replaced_at: at("2026-04-07T20:00:00Z"),
        });
        h.intentions[1].replaced_at = Some(at("2026-04-20T08:00:00Z"));
        h.drafts = vec![
            Draft {
                body: "half a thought".into(),
                mood: Mood::new(4).ok(),
                saved_at: at("2026-04-19T22:00:00Z"),
            },
            Draft {
                body: "another editor's words".into(),
                mood: None,
                saved_at: at("2026-04-20T07:00:00Z"),
            },
        ];
        h.treatment.push(TreatmentChange {
            at: at("2026-04-16T12:00:00Z"),
            status: TreatmentStatus::Pausing,
            note: Some("a break for the summer".into()),
        });
        h
    }

    /// A change to this file is a change to every person's export: make it
    /// a new version instead (see the module doc).
    #[test]
    fn a_fixed_history_exports_to_the_golden_file() {
        let text = write(&every_kind(), now(), 8).unwrap();
        assert_eq!(text, GOLDEN, "the version 1 export changed shape");
    }

    #[test]
    fn the_golden_file_reads_back_as_the_history() {
        let file = read_v1(GOLDEN).unwrap();
        assert_eq!((file.format.as_str(), file.version), (FORMAT, VERSION));
        assert_eq!(file.into_history(), every_kind());
    }

    /// Every shape version 1 was ever written in reads, fields added later
    /// read as empty.
    #[test]
    fn every_earlier_shape_reads() {
        let first = read_v1(include_str!("../../tests/fixtures/export/v1-schema2.json"))
            .unwrap()
            .into_history();
        assert_eq!(first.sessions.len(), 3);
        assert_eq!(first.drafts.len(), 1);
        assert!(first.treatment.is_empty());
        assert!(first.intentions.iter().all(|i| i.replaced_at.is_none()));
        let second = read_v1(include_str!("../../tests/fixtures/export/v1-schema3.json"))
            .unwrap()
            .into_history();
        assert_eq!(second.treatment.len(), 1);
        assert_eq!(second.drafts.len(), 1);
        assert!(second.intentions.iter().any(|i| i.replaced_at.is_some()));
        assert!(
            second
                .intentions
                .iter()
                .all(|i| i.earlier_reflections.is_empty())
        );
        let third = read_v1(include_str!("../../tests/fixtures/export/v1-schema7.json"))
            .unwrap()
            .into_history();
        assert_eq!(third.drafts.len(), 2);
        assert!(
            third
                .intentions
                .iter()
                .any(|i| !i.earlier_reflections.is_empty())
        );
        for old in [&first, &second, &third] {
            assert!(old.checkins.is_empty());
            assert!(old.questionnaire_results.is_empty());
        }
        // The records every shape holds are the same records.
        let golden = every_kind();
        assert_eq!(golden.checkins.len(), 1);
        assert_eq!(golden.questionnaire_results.len(), 1);
        for old in [&first, &second, &third] {
            assert_eq!(old.sessions, golden.sessions);
            assert_eq!(old.journal, golden.journal);
            assert_eq!(old.habits, golden.habits);
            assert_eq!(old.ticks, golden.ticks);
            assert_eq!(old.therapy, golden.therapy);
        }
    }
}
