//! The mood series: one mood per local day, and sums over spans of days.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::{DayMood, MoodReading, Source};
use crate::domain::time;

/// Days of a trailing mean: the day and the six before it.
pub const TRAILING_DAYS: u64 = 7;
/// Days with a mood a trailing mean needs to be shown.
pub const TRAILING_MIN: usize = 3;

/// The days with a mood, oldest first, with running totals so that any
/// span of days is summed in two binary searches: relief looks at many
/// spans, and years of history must not be walked once per span.
#[derive(Debug, Clone, Default)]
pub struct Series {
    days: Vec<NaiveDate>,
    moods: Vec<f64>,
    sources: Vec<Source>,
    /// `sums[i]` is the sum of the first `i` moods.
    sums: Vec<f64>,
}

/// How many days in a span have a mood, and their sum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tally {
    pub n: usize,
    pub sum: f64,
}

impl Tally {
    pub fn mean(self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// The mean when at least `min` days have a mood.
    pub fn mean_of_at_least(self, min: usize) -> Option<f64> {
        if self.n >= min { self.mean() } else { None }
    }
}

/// What the readings came to: the series and how many of each source
/// were used.
pub struct Built {
    pub series: Series,
    pub checkins: usize,
    pub journal_moods: usize,
}

/// One mood per local day from readings at or before `now`: a day with
/// check-ins takes their mean (a check-in is the person's rating of the
/// whole day), any other day the mean of its journal moods. Readings
/// after `now` are left out so that the analysis is the one as it stood
/// then.
pub fn build<Tz: TimeZone>(readings: &[MoodReading], now: DateTime<Utc>, tz: &Tz) -> Built {
    let mut dated: Vec<(NaiveDate, Source, u8)> = readings
        .iter()
        .filter(|r| r.at <= now)
        .map(|r| (time::local_date(r.at, tz), r.source, r.mood))
        .collect();
    let checkins = dated.iter().filter(|r| r.1 == Source::CheckIn).count();
    let journal_moods = dated.len() - checkins;
    dated.sort_unstable_by_key(|r| r.0);

    let mut series = Series::default();
    series.sums.push(0.0);
    let mut rest = dated.as_slice();
    while let Some(first) = rest.first() {
        let day = first.0;
        let len = rest.partition_point(|r| r.0 == day);
        let (same, tail) = rest.split_at(len);
        rest = tail;
        let mean_of = |source: Source| {
            let (n, sum) = same
                .iter()
                .filter(|r| r.1 == source)
                .fold((0usize, 0.0), |(n, s), r| (n + 1, s + f64::from(r.2)));
            (n > 0).then(|| sum / n as f64)
        };
        let (mood, source) = match mean_of(Source::CheckIn) {
            Some(m) => (m, Source::CheckIn),
            None => match mean_of(Source::Journal) {
                Some(m) => (m, Source::Journal),
                None => continue,
            },
        };
        series.push(day, mood, source);
    }
    Built {
        series,
        checkins,
        journal_moods,
    }
}

impl Series {
    fn push(&mut self, day: NaiveDate, mood: f64, source: Source) {
        let total = self.sums.last().copied().unwrap_or(0.0) + mood;
        self.days.push(day);
        self.moods.push(mood);
        self.sources.push(source);
        self.sums.push(total);
    }

    /// Days with a mood.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn days(&self) -> &[NaiveDate] {
        &self.days
    }

    /// The days with a mood in `[from, to]`, both ends included.
    pub fn tally(&self, from: NaiveDate, to: NaiveDate) -> Tally {
        if to < from {
            return Tally { n: 0, sum: 0.0 };
        }
        let a = self.days.partition_point(|d| *d < from);
        let b = self.days.partition_point(|d| *d <= to);
        Tally {
            n: b - a,
            sum: self.sums[b] - self.sums[a],
        }
    }

    /// The trailing mean on `day`: the days with a mood among it and the
    /// six before, when at least three have one.
    pub fn trailing(&self, day: NaiveDate) -> Option<f64> {
        let from = time::days_before(day, TRAILING_DAYS - 1)?;
        self.tally(from, day).mean_of_at_least(TRAILING_MIN)
    }

    /// Every day with a mood, with its trailing mean, for the chart.
    pub fn day_moods(&self) -> Vec<DayMood> {
        self.days
            .iter()
            .zip(&self.moods)
            .zip(&self.sources)
            .map(|((day, mood), source)| DayMood {
                day: *day,
                mood: *mood,
                trailing: self.trailing(*day),
                source: *source,
            })
            .collect()
    }
}
