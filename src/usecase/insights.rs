//! Reads what the analysis needs from the store and runs it: the one way
//! the dashboard, `afterglow insights` and the reports get their insights.

use chrono::{DateTime, Utc};

use super::Result;
use crate::domain::insight::{self, Input, Insights, Scale, Score};
use crate::domain::plan::PlanFacts;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::{CourseConfig, PlanConfig, WindowConfig};
use crate::store::{Db, FIRST_DAY, LAST_DAY};
use crate::zone::Zone;

/// The settings the analysis follows, as the config has them.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub window: &'a WindowConfig,
    pub plan: &'a PlanConfig,
    pub course: &'a CourseConfig,
    pub insight: insight::InsightConfig,
}

/// The whole history's analysis at `now`, days in `zone`. `questionnaires`
/// are the files loaded now: the charts draw their bands.
pub fn analyse(
    db: &Db,
    now: DateTime<Utc>,
    zone: &Zone,
    rules: Rules<'_>,
    questionnaires: &[Questionnaire],
) -> Result<Insights> {
    let readings = db.mood_readings()?;
    let sessions = db.sessions()?;
    let journal_times = db.entry_times_since(DateTime::<Utc>::MIN_UTC)?;
    let therapy_times: Vec<DateTime<Utc>> = db.therapy_visits()?.iter().map(|v| v.at).collect();
    let habits = db.habits(true)?;
    let ticks = db.ticks_between(FIRST_DAY, LAST_DAY)?;
    let results = db.questionnaire_results()?;
    let input = Input {
        readings: &readings,
        sessions: &sessions,
        facts: PlanFacts {
            journal_times: &journal_times,
            therapy_times: &therapy_times,
            habits: &habits,
            ticks: &ticks,
        },
        results: &results,
    };
    let settings = insight::Settings {
        window: rules.window,
        plan: rules.plan,
        course: rules.course,
        insight: rules.insight,
    };
    let mut insights = insight::analyse(&input, now, zone, &settings);
    insights.scales = scales(&insights.questionnaires, questionnaires);
    Ok(insights)
}

/// The scale of each questionnaire answered, from the file with its key as
/// it is now (a changed file's bands still say more than none); a key
/// whose file is gone has none, and its chart names each result's band.
pub fn scales(results: &[Score], questionnaires: &[Questionnaire]) -> Vec<Scale> {
    let mut out: Vec<Scale> = Vec::new();
    for r in results {
        if out.iter().any(|s| s.key == r.key) {
            continue;
        }
        if let Some(q) = questionnaires.iter().find(|q| q.key == r.key) {
            out.push(Scale::of(q));
        }
    }
    out
}
