//! Daylio mood names and the 1-10 values they stand for.

use std::str::FromStr;

use crate::domain::Mood;

/// Daylio's mood names and the 1-10 mood afterglow records for each.
///
/// Daylio's five default moods are rad, good, meh, bad and awful; they map
/// to 10, 8, 5, 3 and 1, spread over afterglow's scale so that "meh" sits
/// in the middle. People rename moods (and Daylio translates them), so
/// `--mood-map "rad=9,great=8"` adds names and overrides values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodMap {
    /// Lower-case names, in the order they were given.
    names: Vec<(String, Mood)>,
}

const DEFAULT_MOODS: [(&str, i64); 5] = [
    ("rad", 10),
    ("good", 8),
    ("meh", 5),
    ("bad", 3),
    ("awful", 1),
];

impl Default for MoodMap {
    fn default() -> MoodMap {
        MoodMap {
            names: DEFAULT_MOODS
                .iter()
                .filter_map(|(n, v)| Some((n.to_string(), Mood::new(*v).ok()?)))
                .collect(),
        }
    }
}

impl MoodMap {
    /// The mood for a name from the file, ignoring case and surrounding
    /// spaces.
    pub fn get(&self, name: &str) -> Option<Mood> {
        let key = name.trim().to_lowercase();
        self.names.iter().find(|(n, _)| *n == key).map(|(_, m)| *m)
    }

    /// `rad=10, good=8, …`, for messages.
    pub fn describe(&self) -> String {
        self.names
            .iter()
            .map(|(n, m)| format!("{n}={}", m.get()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn set(&mut self, name: String, mood: Mood) {
        match self.names.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = mood,
            None => self.names.push((name, mood)),
        }
    }
}

impl FromStr for MoodMap {
    type Err = String;

    /// The defaults with `NAME=N` pairs, separated by commas, on top.
    fn from_str(s: &str) -> Result<MoodMap, String> {
        let mut map = MoodMap::default();
        let usage = "use NAME=N pairs separated by commas, e.g. \"rad=9,great=8\", \
                     with N a whole number from 1 to 10";
        for pair in s.split(',').filter(|p| !p.trim().is_empty()) {
            let Some((name, value)) = pair.rsplit_once('=') else {
                return Err(format!("\"{}\" has no \"=\"; {usage}", pair.trim()));
            };
            let name = name.trim().to_lowercase();
            if name.is_empty() {
                return Err(format!("\"{}\" has no mood name; {usage}", pair.trim()));
            }
            let mood = value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|n| Mood::new(n).ok())
                .ok_or_else(|| {
                    format!("\"{}\" is not a mood from 1 to 10; {usage}", value.trim())
                })?;
            map.set(name, mood);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mood_maps_extend_and_override_the_defaults() {
        let m: MoodMap = "Rad=9, great = 8,,".parse().unwrap();
        assert_eq!(m.get(" RAD "), Mood::new(9).ok());
        assert_eq!(m.get("great"), Mood::new(8).ok());
        assert_eq!(m.get("awful"), Mood::new(1).ok());
        assert_eq!(m.get("okay"), None);
        assert_eq!(
            MoodMap::default().describe(),
            "rad=10, good=8, meh=5, bad=3, awful=1"
        );
        // A name may hold spaces and even "=" before the last one.
        let m: MoodMap = "super gut=9".parse().unwrap();
        assert_eq!(m.get("Super Gut"), Mood::new(9).ok());
        for bad in ["rad", "=5", "rad=0", "rad=11", "rad=5.5", "rad=x"] {
            let err = bad.parse::<MoodMap>().unwrap_err();
            assert!(err.contains("NAME=N"), "{bad}: {err}");
        }
    }
}
