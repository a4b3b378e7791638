//! Answering a questionnaire, and what was answered before.

use serde::Serialize;

use super::Result;
use crate::domain::questionnaire::{self, Answered, Answers, Help};
use crate::domain::value::Past;
use crate::store::{Db, NewResult};

/// What answering gave: the stored result, its band's label, and the help
/// to show (before the total), if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recorded {
    pub answered: Answered,
    pub band: Option<String>,
    /// The safety items' help, or the total's (a severe band, or a rise
    /// of 5 or more since the previous result of the same key).
    pub help: Option<Help>,
    /// The previous result's total, which the rise was measured against.
    pub previous_total: Option<i64>,
}

/// Stores `answers` with the questionnaire's key, name, version, total and
/// band, in one transaction that also reads the previous total of the same
/// key at or before `at`.
pub fn record(db: &mut Db, answers: &Answers<'_>, at: Past) -> Result<Recorded> {
    let q = answers.questionnaire();
    let total = answers.total();
    let band = questionnaire::band_of(q, total).map(|b| b.label.clone());
    let version = questionnaire::version(q);
    let (answered, previous_total) = db.add_result_after_previous(&NewResult {
        key: &q.key,
        name: &q.name,
        version: &version,
        at: at.get(),
        answers: answers.scores(),
        total,
        band: band.as_deref(),
    })?;
    let help = match (
        answers.safety_help(),
        questionnaire::after_total(q, total, previous_total),
    ) {
        (Some(a), Some(b)) => Some(a.and(b)),
        (a, b) => a.or(b),
    };
    Ok(Recorded {
        answered,
        band,
        help,
        previous_total,
    })
}

/// Every result of `key`, oldest first.
pub fn history(db: &Db, key: &str) -> Result<Vec<Answered>> {
    Ok(db
        .questionnaire_results()?
        .into_iter()
        .filter(|a| a.key == key)
        .collect())
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::questionnaire::{Band, Choice, Item, Questionnaire, Why};
    use chrono::{TimeDelta, TimeZone, Utc};

    fn q() -> Questionnaire {
        Questionnaire {
            key: "weekly".into(),
            name: "Weekly".into(),
            recall: String::new(),
            choices: (0..4)
                .map(|score| Choice {
                    label: format!("c{score}"),
                    score,
                })
                .collect(),
            items: (0..4)
                .map(|i| Item {
                    text: format!("Item {i}"),
                    safety: i == 3,
                })
                .collect(),
            bands: vec![
                Band {
                    min: 0,
                    max: 5,
                    label: "low".into(),
                    severe: false,
                },
                Band {
                    min: 6,
                    max: 12,
                    label: "high".into(),
                    severe: false,
                },
            ],
        }
    }

    #[test]
    fn results_are_stored_and_the_rise_is_measured_against_the_previous() {
        let now = Utc.with_ymd_and_hms(2026, 3, 28, 12, 0, 0).unwrap();
        let at = |d| Past::new(now - TimeDelta::days(d), now).unwrap();
        let mut db = Db::open_in_memory().unwrap();
        let q = q();
        let first = record(
            &mut db,
            &Answers::from_scores(&q, &[0, 0, 0, 0]).unwrap(),
            at(14),
        )
        .unwrap();
        assert_eq!(first.help, None);
        assert_eq!(first.previous_total, None);
        assert_eq!(first.band.as_deref(), Some("low"));
        assert_eq!(first.answered.version, questionnaire::version(&q));
        // Up by 5: the help, though the band is not the highest.
        let second = record(
            &mut db,
            &Answers::from_scores(&q, &[2, 2, 1, 0]).unwrap(),
            at(7),
        )
        .unwrap();
        assert_eq!(second.previous_total, Some(0));
        assert_eq!(second.help.map(|h| h.why), Some(Why::Rise));
        // Dated between the two, it is measured against the first.
        let between = record(
            &mut db,
            &Answers::from_scores(&q, &[1, 0, 0, 0]).unwrap(),
            at(10),
        )
        .unwrap();
        assert_eq!(between.previous_total, Some(0));
        assert_eq!(between.help, None);
        // A safety answer near the top asks to reach out today.
        let safety = record(
            &mut db,
            &Answers::from_scores(&q, &[0, 0, 0, 2]).unwrap(),
            at(1),
        )
        .unwrap();
        assert_eq!(
            safety.help,
            Some(Help {
                reach_out_today: true,
                why: Why::Safety
            })
        );
        let all = history(&db, "weekly").unwrap();
        assert_eq!(
            all.iter().map(|a| a.total).collect::<Vec<_>>(),
            [0, 1, 5, 2]
        );
        assert_eq!(all[1].answers, [1, 0, 0, 0]);
        assert_eq!(all[2].band.as_deref(), Some("low"));
        assert!(history(&db, "other").unwrap().is_empty());
    }
}
