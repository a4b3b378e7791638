//! A questionnaire answered every two weeks, most times: its answers
//! follow the mood of the week before. The demo reads no files; the caller
//! hands it the questionnaire (`afterglow demo`: the shipped weekly
//! reflection).

use chrono::TimeZone;

use super::mood::Curve;
use super::{Answered, DemoError, Gen, shift};
use crate::domain::questionnaire::{self, Answers, Questionnaire};

/// Days between two times the questionnaire is answered.
const EVERY: i64 = 14;
/// The most a total climbs from one time to the next: made-up answers stay
/// below anything that would call for the crisis help (a rise of five).
const MOST_RISE: i64 = 4;

impl<Tz: TimeZone> Gen<'_, Tz> {
    pub(super) fn answered(
        &mut self,
        curve: &Curve,
        q: &Questionnaire,
    ) -> Result<Vec<Answered>, DemoError> {
        // Choice positions from the lowest score up.
        let mut ranks: Vec<usize> = (0..q.choices.len()).collect();
        ranks.sort_by_key(|&i| q.choices[i].score);
        let Some(top) = ranks.len().checked_sub(1) else {
            return Ok(Vec::new());
        };
        let version = questionnaire::version(q);
        let mut out: Vec<Answered> = Vec::new();
        let mut day = shift(self.first_day, self.rng.range(0, EVERY - 1))?;
        while day <= self.today {
            let answer = self.rng.chance(0.9);
            let minute = self.quarter(18, 21);
            let at = self.at(day, minute)?;
            if answer && at <= self.now {
                let mut week = 0.0;
                for back in 0..7 {
                    week += curve.level(shift(day, -back)?);
                }
                let heavy = ((7.5 - week / 7.0) * 0.45).clamp(0.0, top as f64);
                let mut chosen: Vec<usize> = q
                    .items
                    .iter()
                    .map(|item| {
                        if item.safety {
                            // Made-up answers never call for crisis help.
                            0
                        } else {
                            let r = (heavy + self.rng.spread(0.8)).round();
                            r.clamp(0.0, top as f64) as usize
                        }
                    })
                    .collect();
                let previous = out.last().map(|a| a.total);
                loop {
                    let positions: Vec<usize> = chosen.iter().map(|&r| ranks[r]).collect();
                    let answers = Answers::from_choices(q, &positions)
                        .map_err(|e| DemoError::Answers(e.to_string()))?;
                    let total = answers.total();
                    let band = questionnaire::band_of(q, total);
                    let severe = band.is_some_and(|b| questionnaire::is_severe(q, b));
                    let rise = previous.is_some_and(|p| total - p > MOST_RISE);
                    let highest = (0..chosen.len()).max_by_key(|&i| (chosen[i], i));
                    match highest {
                        Some(i) if (severe || rise) && chosen[i] > 0 => chosen[i] -= 1,
                        _ => {
                            out.push(Answered {
                                key: q.key.clone(),
                                name: q.name.clone(),
                                version: version.clone(),
                                at,
                                answers: answers.scores().to_vec(),
                                total,
                                band: band.map(|b| b.label.clone()),
                            });
                            break;
                        }
                    }
                }
            }
            day = shift(day, EVERY)?;
        }
        Ok(out)
    }
}
