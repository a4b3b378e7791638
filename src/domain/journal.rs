//! Journal entries, moods and therapy visits.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::plasticity::WindowConfig;
use super::session::{Session, SessionId};
use super::{DomainError, time};

/// The most one journal entry (or one reflection or note) may hold, in
/// bytes of UTF-8: about 40,000 words, far beyond any entry written by
/// hand, and small enough that the editor's autosave of the whole text on
/// each keystroke stays quick. The CLI, the importers and the editor all
/// refuse more with this number in the message.
pub const MAX_ENTRY_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JournalId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TherapyId(pub i64);

/// A mood from 1 (very low) to 10 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Mood(u8);

impl Mood {
    pub fn new(value: i64) -> Result<Self, DomainError> {
        match u8::try_from(value) {
            Ok(v @ 1..=10) => Ok(Mood(v)),
            _ => Err(DomainError::MoodOutOfRange(value)),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Mood {
    type Error = DomainError;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        Mood::new(v)
    }
}

impl From<Mood> for i64 {
    fn from(m: Mood) -> i64 {
        i64::from(m.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: JournalId,
    pub written_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub body: String,
    pub mood: Option<Mood>,
    /// The session whose window the entry was written in, if any.
    pub session: Option<SessionId>,
}

impl JournalEntry {
    /// The first line, for lists.
    pub fn title(&self) -> &str {
        self.body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty)")
    }
}

/// The tags of an entry: each `#word` in it, lower-cased (as the search
/// folds case, see [`super::search::fold_case`]), without repeats, in the
/// order they first appear.
///
/// A `#` starts a tag at the start of the text, or after whitespace or
/// punctuation other than `#`, `&`, `/`, `:`, `?` and `=` (so a URL's
/// `#fragment`, an HTML `&#38;`, `C#` and `##` are not tags). The tag is
/// the letters, digits, combining marks, `_` and `-` after it, in any
/// script (`#ночь`, `#睡眠`), without a trailing `-`; it needs at least one
/// letter, so `#1` and `#2026` (a number, an issue) and a Markdown
/// heading's `# Title` are not tags.
pub fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut before: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let starts = c == '#' && before.is_none_or(may_precede_tag);
        before = Some(c);
        if !starts {
            continue;
        }
        let rest = &text[at + 1..];
        let len: usize = rest
            .chars()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let word = rest[..len].trim_end_matches('-');
        if !word.chars().any(char::is_alphabetic) || !word.starts_with(is_tag_start) {
            continue;
        }
        let tag: String = word.chars().map(super::search::fold_case).collect();
        if !out.contains(&tag) {
            out.push(tag);
        }
        // The tag's own characters cannot start another.
        while chars.next_if(|&(i, _)| i <= at + len).is_some() {}
        before = text[..=at + len].chars().next_back();
    }
    out
}

/// `text` as [`tags`] gives a tag (lower-cased, without its `#`), when it
/// is one tag: for a tag a person types to filter by (`sleep`, `#Sleep`).
pub fn as_tag(text: &str) -> Option<String> {
    let bare = text.trim().trim_start_matches('#');
    let tag: String = bare.chars().map(super::search::fold_case).collect();
    (tags(&format!("#{tag}")) == [tag.as_str()]).then_some(tag)
}

fn may_precede_tag(c: char) -> bool {
    c.is_whitespace() || (!is_tag_char(c) && !matches!(c, '#' | '&' | '/' | ':' | '?' | '='))
}

fn is_tag_start(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || c == '-'
        // Combining marks: an accent typed as its own character, the
        // vowel signs of Indic scripts (most are already alphabetic).
        || matches!(u32::from(c), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        // Joiners and variation selectors inside a word.
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// A therapy or integration-coaching appointment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TherapyVisit {
    pub id: TherapyId,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// The session whose window an entry written at `at` belongs to: the newest
/// done session at or before `at` whose extended window is still open.
pub fn session_for_entry(
    sessions: &[Session],
    at: DateTime<Utc>,
    cfg: &WindowConfig,
) -> Option<SessionId> {
    let s = super::plasticity::governing(sessions, at)?;
    let closes = time::add(s.at, cfg.extended_end()).ok()?;
    (at < closes).then_some(s.id)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // known-small test values
mod tests {
    use super::*;
    use crate::domain::session::{SessionKind, SessionStatus};
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn moods_are_one_to_ten() {
        assert!(Mood::new(0).is_err());
        assert!(Mood::new(11).is_err());
        assert!(Mood::new(-3).is_err());
        assert_eq!(Mood::new(7).unwrap().get(), 7);
        assert!(serde_json::from_str::<Mood>("12").is_err());
        assert_eq!(serde_json::from_str::<Mood>("3").unwrap().get(), 3);
    }

    #[test]
    fn entries_link_to_the_window_they_were_written_in() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap();
        let s = |id, h| Session {
            id: SessionId(id),
            at: t0 + TimeDelta::hours(h),
            kind: SessionKind::Lozenge,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        };
        let sessions = [s(1, 0), s(2, 72)];
        let cfg = WindowConfig::default();
        let at = |h| t0 + TimeDelta::hours(h);
        assert_eq!(session_for_entry(&sessions, at(-1), &cfg), None);
        assert_eq!(
            session_for_entry(&sessions, at(5), &cfg),
            Some(SessionId(1))
        );
        assert_eq!(
            session_for_entry(&sessions, at(80), &cfg),
            Some(SessionId(2))
        );
        assert_eq!(session_for_entry(&sessions, at(72 + 14 * 24), &cfg), None);
    }

    #[test]
    fn tags_are_hash_words_in_any_script() {
        let cases: &[(&str, &[&str])] = &[
            ("#sleep was good #Sleep #SLEEP", &["sleep"]),
            ("woke early #walk, then #tea.", &["walk", "tea"]),
            ("(#nature) [#sea] \"#calm\"", &["nature", "sea", "calm"]),
            ("#ночь и #Сон", &["ночь", "сон"]),
            ("今日は #睡眠 #夢を見た", &["睡眠", "夢を見た"]),
            ("#café #Ärger", &["café", "ärger"]),
            (
                "#well-being #self_care #tired-",
                &["well-being", "self_care", "tired"],
            ),
            ("# Title\n## Part two\n###", &[]),
            ("see https://example.org/page#section and /#top", &[]),
            ("&#38; C# issue#12 a##b", &[]),
            ("#1 #2026 #-- #_ #-x", &[]),
            ("#2026goals", &["2026goals"]),
            ("#a#b", &["a"]),
            ("line one\n#evening", &["evening"]),
            ("", &[]),
        ];
        for &(text, want) in cases {
            assert_eq!(tags(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_typed_tag_is_read_as_tags_gives_it() {
        assert_eq!(as_tag("Sleep").as_deref(), Some("sleep"));
        assert_eq!(as_tag(" #Сон ").as_deref(), Some("сон"));
        assert_eq!(as_tag("##deep").as_deref(), Some("deep"));
        for not in ["", "#", "#1", "two words", "a#b", "tired-", "-x"] {
            assert_eq!(as_tag(not), None, "{not:?}");
        }
    }

    #[test]
    fn titles_skip_blank_lines() {
        let e = JournalEntry {
            id: JournalId(1),
            written_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            body: "\n  \n  First real line\nsecond".into(),
            mood: None,
            session: None,
        };
        assert_eq!(e.title(), "First real line");
    }
}
