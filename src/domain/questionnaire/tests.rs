//! Table tests and a property test of validation, versions, scoring and
//! the care rules.
use super::*;
use proptest::prelude::*;

fn q() -> Questionnaire {
    Questionnaire {
        key: "weekly".into(),
        name: "A weekly look".into(),
        recall: "over the past week".into(),
        choices: ["none", "some", "more", "most"]
            .iter()
            .zip(0..)
            .map(|(l, s)| Choice {
                label: l.to_string(),
                score: s,
            })
            .collect(),
        items: vec![
            Item {
                text: "Item one".into(),
                safety: false,
            },
            Item {
                text: "Item two".into(),
                safety: true,
            },
            Item {
                text: "Item three".into(),
                safety: false,
            },
        ],
        bands: vec![
            band(0, 2, "light", false),
            band(3, 5, "middle", false),
            band(6, 9, "heavy", false),
        ],
    }
}

fn band(min: i64, max: i64, label: &str, severe: bool) -> Band {
    Band {
        min,
        max,
        label: label.into(),
        severe,
    }
}

#[test]
fn a_good_questionnaire_passes() {
    assert_eq!(validate(&q()), Ok(()));
    let mut no_recall = q();
    no_recall.recall.clear();
    no_recall.bands.clear();
    assert_eq!(validate(&no_recall), Ok(()));
}

#[test]
fn problems_name_their_part() {
    type Change = fn(&mut Questionnaire);
    let cases: [(Change, Part, &str); 14] = [
        (|q| q.key = "PHQ".into(), Part::Key, "lowercase letters"),
        (|q| q.key = String::new(), Part::Key, "lowercase letters"),
        (|q| q.key = "a".repeat(65), Part::Key, "1 to 64"),
        (|q| q.key = "list".into(), Part::Key, "is taken"),
        (|q| q.name = " ".into(), Part::Name, "the name has no text"),
        (
            |q| q.recall = "x\u{1b}[2J".into(),
            Part::Recall,
            "control character",
        ),
        (|q| q.choices.truncate(1), Part::Choices, "needs 2 to 20"),
        (
            |q| q.choices[2].score = 0,
            Part::Choice(2),
            "choice 3 scores 0, as choice 1 does",
        ),
        (
            |q| q.choices[1].label = "\u{202e}x".into(),
            Part::Choice(1),
            "control",
        ),
        (|q| q.items.clear(), Part::Items, "there are 0 items"),
        (
            |q| q.items[2].text = String::new(),
            Part::Item(2),
            "item 3 has no text",
        ),
        (
            |q| q.items[0].text = "x".repeat(1001),
            Part::Item(0),
            "at most 1000",
        ),
        (
            |q| q.bands[1].min = 7,
            Part::Band(1),
            "band 2 has min 7 above max 5",
        ),
        (
            |q| q.bands[2].min = 5,
            Part::Band(2),
            "band 3 (5-9) overlaps band 2 (3-5)",
        ),
    ];
    for (change, part, words) in cases {
        let mut bad = q();
        change(&mut bad);
        let e = validate(&bad).unwrap_err();
        assert_eq!(e.part, part, "{e}");
        assert!(e.message.contains(words), "{words:?} in {e}");
    }
}

#[test]
fn the_version_is_fixed_and_follows_items_and_scores_only() {
    let base = version(&q());
    // Written down once: a version must never change between runs,
    // platforms or releases, or old results would stop matching.
    assert_eq!(base, version(&q()));
    assert_eq!(base.len(), 16);
    // Checked against an independent FNV-1a of the same bytes.
    assert_eq!(base, "31c2e7004c0cb7ba");
    let mut relabelled = q();
    relabelled.name = "Another name".into();
    relabelled.choices[0].label = "not at all".into();
    relabelled.bands.clear();
    assert_eq!(version(&relabelled), base);
    type Change = fn(&mut Questionnaire);
    let changes: [Change; 4] = [
        |q| q.items[0].text.push('!'),
        |q| q.items[0].safety = true,
        |q| q.choices[3].score = 4,
        |q| {
            // The same letters split differently between two items.
            q.items[0].text = "Item oneI".into();
            q.items[1].text = "tem two".into();
        },
    ];
    for change in changes {
        let mut other = q();
        change(&mut other);
        assert_ne!(version(&other), base, "{other:?}");
    }
}

#[test]
fn answers_are_checked_against_the_questionnaire() {
    let q = q();
    let a = Answers::from_scores(&q, &[0, 1, 3]).unwrap();
    assert_eq!(a.total(), 4);
    assert_eq!(a.scores(), &[0, 1, 3]);
    assert_eq!(Answers::from_choices(&q, &[0, 1, 3]).unwrap(), a);
    assert_eq!(
        Answers::from_scores(&q, &[0, 1]).unwrap_err().to_string(),
        "weekly has 3 items, and 2 answers were given; give one answer per item"
    );
    assert_eq!(
        Answers::from_scores(&q, &[0, 7, 1])
            .unwrap_err()
            .to_string(),
        "answer 2 is 7, which no choice of weekly scores; the scores are 0, 1, 2, 3"
    );
    assert!(matches!(
        Answers::from_choices(&q, &[0, 4, 1]),
        Err(AnswerError::UnknownChoice { choice: 5, .. })
    ));
}

#[test]
fn bands_and_severity() {
    let mut q = q();
    let cases = [
        (0, Some("light")),
        (2, Some("light")),
        (3, Some("middle")),
        (9, Some("heavy")),
        (10, None),
        (-1, None),
    ];
    for (total, label) in cases {
        assert_eq!(
            band_of(&q, total).map(|b| b.label.as_str()),
            label,
            "{total}"
        );
    }
    // No band marked: the highest band counts as severe.
    assert!(after_total(&q, 6, None).is_some());
    assert!(after_total(&q, 5, None).is_none());
    // A band marked severe takes over.
    q.bands[1].severe = true;
    assert_eq!(
        after_total(&q, 4, None),
        Some(Help {
            reach_out_today: false,
            why: Why::Severe
        })
    );
    assert_eq!(after_total(&q, 7, None), None);
}

#[test]
fn a_rise_of_five_shows_the_help() {
    let mut q = q();
    q.bands.clear();
    let cases = [
        (5, Some(0), true),
        (4, Some(0), false),
        (9, Some(4), true),
        (3, Some(8), false),
        (9, None, false),
    ];
    for (total, previous, help) in cases {
        assert_eq!(
            after_total(&q, total, previous),
            help.then_some(Help {
                reach_out_today: false,
                why: Why::Rise
            }),
            "{total} after {previous:?}"
        );
    }
}

#[test]
fn safety_items_answer_at_once_above_the_lowest_choice() {
    let q = q();
    // (item, choice, help, today)
    let cases = [
        (1, 0, false, false),
        (1, 1, true, false),
        (1, 2, true, true),
        (1, 3, true, true),
        (0, 3, false, false),
        (9, 3, false, false),
        (1, 9, false, false),
    ];
    for (item, choice, help, today) in cases {
        let got = safety_reply(&q, item, choice);
        assert_eq!(got.is_some(), help, "{item} {choice}");
        assert_eq!(
            got.is_some_and(|h| h.reach_out_today),
            today,
            "{item} {choice}"
        );
    }
    // The lowest score need not be listed first, nor be 0.
    let mut shuffled = q.clone();
    shuffled.choices.reverse();
    for c in &mut shuffled.choices {
        c.score += 10;
    }
    assert_eq!(safety_reply(&shuffled, 1, 3), None);
    assert!(safety_reply(&shuffled, 1, 0).unwrap().reach_out_today);
    assert!(!safety_reply(&shuffled, 1, 2).unwrap().reach_out_today);
    let a = Answers::from_choices(&q, &[3, 1, 3]).unwrap();
    assert_eq!(
        a.safety_help(),
        Some(Help {
            reach_out_today: false,
            why: Why::Safety
        })
    );
    let a = Answers::from_choices(&q, &[3, 0, 3]).unwrap();
    assert_eq!(a.safety_help(), None);
}

fn arb_questionnaire() -> impl Strategy<Value = Questionnaire> {
    (
        proptest::collection::btree_set(-50i64..50, 2..6),
        proptest::collection::vec(("[a-z ]{1,12}", any::<bool>()), 1..8),
    )
        .prop_map(|(scores, items)| Questionnaire {
            key: "p".into(),
            name: "P".into(),
            recall: String::new(),
            choices: scores
                .into_iter()
                .map(|score| Choice {
                    label: format!("s{score}"),
                    score,
                })
                .collect(),
            items: items
                .into_iter()
                .map(|(text, safety)| Item {
                    text: format!("x{text}"),
                    safety,
                })
                .collect(),
            bands: vec![],
        })
}

proptest! {
    /// Any answers built from choices score their sum; a safety item
    /// answered above its lowest choice always calls for help, and the
    /// lowest choice everywhere never does.
    #[test]
    fn scoring_and_safety_hold(q in arb_questionnaire(), picks in proptest::collection::vec(0usize..6, 8)) {
        prop_assert_eq!(validate(&q), Ok(()));
        let n = q.choices.len();
        let picks: Vec<usize> = picks.iter().take(q.items.len()).map(|p| p % n).collect();
        let a = Answers::from_choices(&q, &picks).unwrap();
        let sum: i64 = picks.iter().map(|&p| q.choices[p].score).sum();
        prop_assert_eq!(a.total(), sum);
        prop_assert_eq!(Answers::from_scores(&q, a.scores()).unwrap(), a.clone());
        let lowest = q.choices.iter().map(|c| c.score).min().unwrap();
        let calls = q.items.iter().zip(a.scores()).any(|(i, s)| i.safety && *s > lowest);
        prop_assert_eq!(a.safety_help().is_some(), calls);
        let low = q.choices.iter().position(|c| c.score == lowest).unwrap();
        let all_low = Answers::from_choices(&q, &vec![low; q.items.len()]).unwrap();
        prop_assert_eq!(all_low.safety_help(), None);
        prop_assert_eq!(version(&q), version(&q.clone()));
    }
}

#[test]
fn without_a_marked_band_the_fallback_never_reaches_the_lowest_total() {
    // One band naming every total: no total of it is severe, 0 least of all.
    let mut one = q();
    one.bands = vec![band(0, 9, "any", false)];
    for total in [0, 5, 9] {
        assert_eq!(after_total(&one, total, None), None, "{total}");
    }
    // Two bands, the highest holding the lowest possible total (0): not
    // severe either.
    let mut two = q();
    two.bands = vec![band(-5, -1, "below", false), band(0, 9, "all", false)];
    assert_eq!(after_total(&two, 0, None), None);
    assert_eq!(after_total(&two, 9, None), None);
    // With negative scores the lowest total moves: -3 for three items.
    let mut negative = q();
    for (c, s) in negative.choices.iter_mut().zip(-1..) {
        c.score = s;
    }
    assert_eq!(lowest_total(&negative), -3);
    negative.bands = vec![band(-9, -4, "lower", false), band(-3, 6, "upper", false)];
    assert_eq!(after_total(&negative, 6, None), None);
    // Two bands, the highest above the lowest total: the fallback holds.
    let mut fallback = q();
    fallback.bands = vec![band(0, 4, "lighter", false), band(5, 9, "heavier", false)];
    assert!(after_total(&fallback, 5, None).is_some());
    assert_eq!(after_total(&fallback, 0, None), None);
    // A band marked severe is severe even when it holds the lowest total.
    let mut marked = q();
    marked.bands = vec![band(0, 9, "any", true)];
    assert!(after_total(&marked, 0, None).is_some());
}

#[test]
fn a_key_may_not_start_with_a_dash_and_counts_read_well() {
    assert!(!is_key("--json"));
    assert!(!is_key("-a"));
    assert!(is_key("a-b"));
    let mut dash = q();
    dash.key = "--json".into();
    let e = validate(&dash).unwrap_err();
    assert_eq!(e.part, Part::Key);
    assert!(e.message.contains("not starting with -"), "{}", e.message);
    let mut one = q();
    one.choices.truncate(1);
    let e = validate(&one).unwrap_err();
    assert!(e.message.starts_with("there is 1 choice;"), "{}", e.message);
    one.choices.clear();
    let e = validate(&one).unwrap_err();
    assert!(
        e.message.starts_with("there are 0 choices;"),
        "{}",
        e.message
    );
}
