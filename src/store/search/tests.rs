use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::search::matches;
use crate::domain::{JournalId, MAX_ENTRY_BYTES};
use crate::store::NewEntry;

/// Texts in several scripts, one entry each, a day apart (the last the
/// newest).
const TEXTS: &[&str] = &[
    "Walked by the sea at dawn. #walk #Sea",
    "I ran along the river; the water was cold",
    "Café au lait and a croissant, São Paulo style",
    "cafe\u{301} noir again, ÉTÉ is coming",
    "Ночь была тихой. #ночь #сон",
    "今日はよく眠れた。夢を見た #睡眠",
    "한국어 일기: 오늘은 좋았다",
    "Ἀθῆναι, ἡ πόλις",
    "a new start 🌱 with family 👨‍👩‍👧",
    "Łódź in winter, Straße am Fluss, Ærø",
    "quotes \"like this\" and -dashes- and * stars: (NEAR AND OR NOT)",
    "see https://example.org/notes#walk, not a tag; # Heading",
    "ox ax ex",
];

const QUERIES: &[&str] = &[
    "walk",
    "WALK sea",
    "sea",
    "cafe",
    "CAFÉ",
    "été",
    "sao",
    "ночь",
    "НОЧЬ ТИХ",
    "眠れ",
    "眠",
    "夢",
    "일기",
    "ἀθῆ",
    "πολις",
    "αθηνα",
    "🌱",
    "👨‍👩‍👧",
    "lodz",
    "łódź",
    "strasse",
    "straße",
    "ærø",
    "ran",
    "run",
    "\"like this\"",
    "\"",
    "-dashes-",
    "* stars:",
    "(NEAR AND",
    "NOT",
    "OR",
    "x",
    "e",
    "ox ax",
    "#walk",
    "a",
    "the water",
    "\"the water\"",
    "\"water the\"",
    "",
    "   ",
];

fn filled() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    for (i, body) in TEXTS.iter().enumerate() {
        let day = u32::try_from(i).unwrap() + 1;
        db.add_entry(&NewEntry {
            written_at: Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(),
            body: (*body).to_string(),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    db
}

fn ids(entries: &[JournalEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.id.0).collect()
}

/// What the store returns is what `domain::search::matches` says, newest
/// first, for the index's terms and for the short terms it reads through.
#[test]
fn the_store_finds_what_the_domain_rule_matches() {
    let db = filled();
    let all = db.entries(1000).unwrap();
    for query in QUERIES {
        let want: Vec<i64> = all
            .iter()
            .filter(|e| matches(&e.body, query))
            .map(|e| e.id.0)
            .collect();
        let got = ids(&db.search_journal(query, 1000).unwrap());
        assert_eq!(got, want, "{query:?}");
    }
    // A few that must be there, so the agreement is not over nothing.
    let found = |q: &str| db.search_journal(q, 100).unwrap().len();
    assert_eq!(found("cafe"), 2);
    assert_eq!(found("ночь"), 1);
    assert_eq!(found("眠"), 1);
    assert_eq!(found("🌱"), 1);
    assert_eq!(found("run"), 0);
    assert_eq!(found(""), 0);
}

/// The index alone (without the Rust check) finds every entry the rule
/// matches for a term of three or more characters: the store never
/// misses an entry because SQLite folded a letter otherwise.
#[test]
fn the_index_misses_nothing_the_rule_finds() {
    let db = filled();
    let all = db.entries(1000).unwrap();
    for query in QUERIES {
        for term in terms(query).iter().filter(|t| t.indexed()) {
            let mut stmt = db
                .conn
                .prepare("SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1")
                .unwrap();
            let hits: Vec<i64> = stmt
                .query_map([fts_query(std::slice::from_ref(term))], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for e in &all {
                if Folded::new(&e.body).contains_all(std::slice::from_ref(term)) {
                    assert!(hits.contains(&e.id.0), "{:?} in {:?}", term.text, e.body);
                }
            }
        }
    }
}

#[test]
fn newest_first_and_at_most_the_limit() {
    let db = filled();
    let got = db.search_journal("a", 3).unwrap();
    assert_eq!(got.len(), 3);
    assert!(got.windows(2).all(|w| w[0].written_at >= w[1].written_at));
    assert!(db.search_journal("sea", 0).unwrap().is_empty());
}

#[test]
fn edits_and_deletes_keep_the_index_in_step() {
    let mut db = filled();
    let sea = db.search_journal("dawn", 10).unwrap();
    let id = sea[0].id;
    let now = Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap();
    db.update_entry(id, "Walked in the mountains", None, now)
        .unwrap();
    assert!(db.search_journal("dawn", 10).unwrap().is_empty());
    assert_eq!(ids(&db.search_journal("mountain", 10).unwrap()), [id.0]);
    db.delete_entry(id).unwrap();
    assert!(db.search_journal("mountain", 10).unwrap().is_empty());
    assert!(db.entry(JournalId(id.0)).unwrap().is_none());
}

#[test]
fn tags_are_found_in_any_case_with_or_without_the_hash() {
    let db = filled();
    let one = |tag: &str| ids(&db.entries_tagged(tag, 10).unwrap());
    assert_eq!(one("walk"), [1]);
    assert_eq!(one("#Walk"), [1]);
    assert_eq!(one("SEA"), [1]);
    assert_eq!(one("ночь"), [5]);
    assert_eq!(one("#睡眠"), [6]);
    // The URL's #walk is not a tag; "# Heading" is not one either.
    assert_eq!(one("heading"), Vec::<i64>::new());
    assert_eq!(one("#"), Vec::<i64>::new());
    assert_eq!(one("two words"), Vec::<i64>::new());
    assert_eq!(one("s"), Vec::<i64>::new());
    let tags = db.journal_tags().unwrap();
    assert_eq!(
        tags,
        [
            ("sea".to_string(), 1),
            ("walk".to_string(), 1),
            ("ночь".to_string(), 1),
            ("сон".to_string(), 1),
            ("睡眠".to_string(), 1),
        ]
    );
}

#[test]
fn a_short_tag_is_read_through_and_counted_most_used_first() {
    let mut db = Db::open_in_memory().unwrap();
    for (day, body) in [(1, "#me one"), (2, "#me two #Ok"), (3, "#ok three #me")] {
        db.add_entry(&NewEntry {
            written_at: Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(),
            body: body.to_string(),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    assert_eq!(ids(&db.entries_tagged("me", 10).unwrap()), [3, 2, 1]);
    assert_eq!(ids(&db.entries_tagged("#ME", 2).unwrap()), [3, 2]);
    assert_eq!(
        db.journal_tags().unwrap(),
        [("me".to_string(), 3), ("ok".to_string(), 2)]
    );
}

#[test]
fn a_long_entry_is_found_by_its_last_word() {
    let mut db = Db::open_in_memory().unwrap();
    let mut body = "calm ".repeat((MAX_ENTRY_BYTES - 20) / 5);
    body.push_str("lighthouse");
    db.add_entry(&NewEntry {
        written_at: Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap(),
        body,
        mood: None,
        session: None,
    })
    .unwrap();
    assert_eq!(db.search_journal("LIGHTHOUSE", 5).unwrap().len(), 1);
}
