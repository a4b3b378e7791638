use proptest::prelude::*;

use super::*;

#[test]
fn every_term_must_be_there_in_any_case_and_any_accent() {
    let cases: &[(&str, &str, bool)] = &[
        ("I walked by the sea", "walk", true),
        ("I walked by the sea", "WALK sea", true),
        ("I walked by the sea", "walk river", false),
        ("I ran", "run", false),
        ("Café au lait", "cafe", true),
        ("cafe au lait", "CAFÉ", true),
        ("ÄRGER und Übermut", "ärger ubermut", true),
        ("São Paulo, Łódź", "sao łodz", true),
        // A stroke is not an accent to SQLite: "ł" stays "ł".
        ("São Paulo, Łódź", "lodz", false),
        // An accent typed as its own character.
        ("cafe\u{301} noir", "café", true),
        ("Ночь была тихой", "НОЧЬ тих", true),
        ("Ночь была тихой", "день", false),
        ("Ἀθῆναι", "ἀθῆ", true),
        ("今日はよく眠れた", "眠れ", true),
        ("今日はよく眠れた", "起きた", false),
        ("한국어 일기", "일기", true),
        ("a new start 🌱", "🌱", true),
        ("family 👨‍👩‍👧 dinner", "👨‍👩‍👧", true),
        ("the word", "", false),
        ("the word", "   ", false),
        ("a \"quoted\" word", "\"quoted\"", true),
        ("walked by the sea", "\"by the\"", true),
        ("by then the sea", "\"by the sea\"", false),
        ("a-b* c:d (e) NEAR AND", "a-b* c:d (e) near and", true),
        ("x", "\"", false),
    ];
    for &(text, query, want) in cases {
        assert_eq!(matches(text, query), want, "{text:?} / {query:?}");
    }
}

#[test]
fn terms_are_words_or_quoted_phrases_without_repeats() {
    let t = |q: &str| terms(q).into_iter().map(|t| t.text).collect::<Vec<_>>();
    assert_eq!(t("  sea  walk "), ["sea", "walk"]);
    assert_eq!(t("sea SEA Sea"), ["sea"]);
    assert_eq!(t("\"by the sea\" walk"), ["by the sea", "walk"]);
    assert_eq!(t("walk \"by the"), ["walk", "by the"]);
    assert_eq!(t("a\"b c\"d"), ["a", "b c", "d"]);
    assert_eq!(t("\"\" \u{301}"), Vec::<String>::new());
    assert!(terms("sea").first().is_some_and(Term::indexed));
    assert!(!terms("se").first().is_some_and(Term::indexed));
    assert!(!terms("🌱").first().is_some_and(Term::indexed));
}

#[test]
#[allow(clippy::single_range_in_vec_init)] // one range found, not a range of numbers
fn ranges_mark_every_place_and_join_what_overlaps() {
    let cases: &[(&str, &str, &[Range<usize>])] = &[
        ("walk, walked", "walk", &[0..4, 6..10]),
        ("abcd", "abc bcd", &[0..4]),
        ("abcd", "ab cd", &[0..4]),
        ("Café", "cafe", &[0..5]),
        // The combining accent stays with its letter.
        ("cafe\u{301}!", "cafe", &[0..6]),
        ("Ночь", "ночь", &[0..8]),
        ("今日は眠れた", "眠", &[9..12]),
        ("no match", "xyz", &[]),
        ("aaa", "aa", &[0..3]),
        ("", "a", &[]),
    ];
    for &(text, query, want) in cases {
        assert_eq!(match_ranges(text, query), want, "{text:?} / {query:?}");
    }
}

#[test]
fn a_snippet_is_the_line_of_the_first_match_cut_around_it() {
    let text = "A day\n\nLater we walked by the sea, slowly.\nlast";
    assert_eq!(
        snippet(text, "sea", 80).as_deref(),
        Some("Later we walked by the sea, slowly.")
    );
    assert_eq!(snippet(text, "river", 80), None);
    let long = format!("{} lighthouse {}", "calm ".repeat(40), "waves ".repeat(40));
    let cut = snippet(&long, "lighthouse", 30).unwrap();
    assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
    assert!(cut.contains("lighthouse"), "{cut}");
    assert!(cut.chars().count() <= 32, "{cut}");
    // At the start of a long line nothing is cut before it.
    let cut = snippet(&long, "calm", 20).unwrap();
    assert!(cut.starts_with("calm") && cut.ends_with('…'), "{cut}");
    // Grapheme clusters stay whole.
    let family = format!("{}👨‍👩‍👧 x", "é ".repeat(30));
    let cut = snippet(&family, "x", 5).unwrap();
    assert!(cut.contains("👨‍👩‍👧"), "{cut}");
}

#[test]
fn folding_is_sqlites() {
    assert_eq!(fold('A'), Some('a'));
    assert_eq!(fold('É'), Some('e'));
    assert_eq!(fold('ệ'), Some('e'));
    assert_eq!(fold('Я'), Some('я'));
    assert_eq!(fold('Ω'), Some('ω'));
    assert_eq!(fold('\u{301}'), None);
    assert_eq!(fold('睡'), Some('睡'));
    assert_eq!(fold('🌱'), Some('🌱'));
    assert_eq!(fold('\u{10400}'), Some('\u{10428}'));
    assert_eq!(fold_case('É'), 'é');
    // What docs/search.md promises: marks come off, letters of their own
    // stay, and nothing outside Latin loses a mark.
    for (c, plain) in [
        ('ñ', 'n'),
        ('Ü', 'u'),
        ('å', 'a'),
        ('ç', 'c'),
        ('ş', 's'),
        ('ő', 'o'),
    ] {
        assert_eq!(fold(c), Some(plain), "{c}");
    }
    for c in ['ł', 'ø', 'æ', 'ß', 'đ', 'ά', 'ё', 'Ａ'] {
        assert_ne!(fold(c).map(|f| f.is_ascii()), Some(true), "{c}");
    }
    // Both settle after one step: the store hands SQLite folded terms,
    // which it folds again, and a tag folded twice is the tag.
    for c in (0..0x11000).filter_map(char::from_u32) {
        assert_eq!(fold_case(fold_case(c)), fold_case(c), "{c:?}");
        assert_eq!(fold(c).and_then(fold), fold(c), "{c:?}");
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("a"),
        Just("A"),
        Just("é"),
        Just("E\u{301}"),
        Just("ё"),
        Just("Ё"),
        Just("睡"),
        Just("眠"),
        Just("🌱"),
        Just(" "),
        Just("\n"),
        Just("b"),
        Just("-"),
        Just("\""),
    ];
    proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ranges_are_sorted_disjoint_on_boundaries_and_hold_a_term(
        text in text_strategy(),
        query in text_strategy(),
    ) {
        let ranges = match_ranges(&text, &query);
        let terms = terms(&query);
        for r in &ranges {
            prop_assert!(r.start < r.end);
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let inside = Folded::new(&text[r.clone()]);
            prop_assert!(
                terms.iter().any(|t| inside.contains_all(std::slice::from_ref(t))),
                "{:?} in {:?}", &text[r.clone()], text
            );
        }
        for w in ranges.windows(2) {
            prop_assert!(w[0].end < w[1].start);
        }
        // Every term that the text holds is marked somewhere.
        let holds_any = terms.iter().any(|t| Folded::new(&text).contains_all(std::slice::from_ref(t)));
        prop_assert_eq!(holds_any, !ranges.is_empty());
        if matches(&text, &query) {
            prop_assert!(!ranges.is_empty());
        }
    }
}

#[test]
fn a_search_of_nothing_says_what_it_held() {
    let said = |q: &str| {
        assert!(terms(q).is_empty(), "{q:?}");
        nothing_to_look_for(q)
    };
    let holds = |what: &str| format!("nothing to look for: the search holds {what}");
    assert_eq!(said("\""), holds("only a quote mark"));
    assert_eq!(said(" \" "), holds("only a quote mark and spaces"));
    assert_eq!(said("\"\""), holds("only quote marks"));
    assert_eq!(said("\" \""), holds("only quote marks and spaces"));
    assert_eq!(said("   "), holds("only spaces"));
    assert_eq!(
        said("\u{301}"),
        holds("no letter, digit or sign a search can find")
    );
    assert_eq!(
        said("\"\u{301}\""),
        holds("no letter, digit or sign a search can find")
    );
}
