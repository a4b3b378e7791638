//! The words afterglow says about safety, defined once.
//!
//! The crisis lines, the not-medical-advice line and the answer to a low
//! mood appear on every screen, in `--help`, the man page, the report, the
//! calendar and the editor template. Each of those reads these constants,
//! so there is one wording to check and to correct (docs/crisis-and-safety.md
//! explains the choices, and `tests/docs.rs` holds the README to it).

/// afterglow is a journal, and nothing it shows is advice.
pub const NOT_MEDICAL_ADVICE: &str = "afterglow is a personal journal, not medical advice. \
Questions about your treatment belong with your provider.";

/// Emergency numbers are for danger now.
pub const IN_DANGER: &str = "If you are in danger now, call your local emergency number: \
911 in the US and Canada, 999 or 112 in the UK and Ireland, 112 in the EU.";

/// Crisis and listening lines are for talking to someone.
pub const TO_TALK: &str = "To talk to someone, call or text 988 (US and Canada), \
call Samaritans on 116 123 (UK and Ireland), or find a line near you at findahelpline.com.";

/// Both, as one paragraph.
pub const CRISIS: &str = "If you are in danger now, call your local emergency number: \
911 in the US and Canada, 999 or 112 in the UK and Ireland, 112 in the EU. \
To talk to someone, call or text 988 (US and Canada), \
call Samaritans on 116 123 (UK and Ireland), or find a line near you at findahelpline.com.";

/// Every number the crisis wording carries; tests check that each is whole
/// on screen wherever the wording is shown.
pub const NUMBERS: [&str; 6] = ["911", "999", "112", "988", "116 123", "findahelpline.com"];

/// The answer to a low mood, before the crisis lines: calm, and never a
/// word about sessions or doses.
pub const LOW_MOOD: &str = "Thank you for writing it down. Heavy days happen, and this one \
is kept with the rest. If it keeps on, your provider would want to know.";

/// The mood at or below which a saved entry gets [`LOW_MOOD`], unless the
/// config says otherwise (`[care] low_mood`).
pub const DEFAULT_LOW_MOOD: u8 = 2;

/// Whether a mood from 1 to 10 gets the gentle answer.
pub fn is_low(mood: u8, threshold: u8) -> bool {
    mood <= threshold
}

/// The first words of the help a questionnaire answer or total opens:
/// what afterglow is and is not, before the lines that can help.
pub const QUESTIONNAIRE_PRIVATE: &str = "Thank you for answering honestly. afterglow is a \
private journal on this computer: nobody else sees what you answer here, and it cannot \
call anyone for you.";

/// After the crisis lines, when a safety item was answered with one of its
/// two highest choices.
pub const REACH_OUT_TODAY: &str = "Please reach out to someone today: a person you trust, \
or one of the lines above. You do not have to carry this alone.";

/// The last words of the questionnaire help, always.
pub const TELL_PROVIDER: &str = "Please tell your provider about this soon; they would \
want to know how you have been.";

/// The questionnaire help, paragraph by paragraph, in the one order every
/// screen shows it: [`QUESTIONNAIRE_PRIVATE`], [`IN_DANGER`], [`TO_TALK`],
/// [`REACH_OUT_TODAY`] when `reach_out_today`, and [`TELL_PROVIDER`].
pub fn questionnaire_help(reach_out_today: bool) -> Vec<&'static str> {
    let mut out = vec![QUESTIONNAIRE_PRIVATE, IN_DANGER, TO_TALK];
    if reach_out_today {
        out.push(REACH_OUT_TODAY);
    }
    out.push(TELL_PROVIDER);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crisis_paragraph_is_its_two_parts() {
        assert_eq!(CRISIS, format!("{IN_DANGER} {TO_TALK}"));
        for n in NUMBERS {
            assert!(CRISIS.contains(n), "{n}");
        }
        // Emergency numbers are never offered as lines to talk on, nor
        // the other way round.
        for n in ["988", "116 123"] {
            assert!(!IN_DANGER.contains(n), "{n}");
        }
        for n in ["911", "999", "112 "] {
            assert!(!TO_TALK.contains(n), "{n}");
        }
    }

    #[test]
    fn the_gentle_answers_never_speak_of_sessions_or_doses() {
        let all =
            format!("{LOW_MOOD} {CRISIS} {}", questionnaire_help(true).join(" ")).to_lowercase();
        for word in ["session", "dose", "booster", "ketamine", "missed"] {
            assert!(!all.contains(word), "{word}");
        }
        assert!(is_low(1, 2) && is_low(2, 2) && !is_low(3, 2));
    }

    #[test]
    fn the_questionnaire_help_carries_the_crisis_lines_in_order() {
        let today = questionnaire_help(true);
        assert_eq!(
            today,
            [
                QUESTIONNAIRE_PRIVATE,
                IN_DANGER,
                TO_TALK,
                REACH_OUT_TODAY,
                TELL_PROVIDER
            ]
        );
        assert_eq!(
            questionnaire_help(false),
            [QUESTIONNAIRE_PRIVATE, IN_DANGER, TO_TALK, TELL_PROVIDER]
        );
        let words = QUESTIONNAIRE_PRIVATE.to_lowercase();
        assert!(words.contains("nobody else sees") && words.contains("cannot call"));
        // The numbers come from the crisis lines only, never retyped.
        for n in NUMBERS {
            for own in [QUESTIONNAIRE_PRIVATE, REACH_OUT_TODAY, TELL_PROVIDER] {
                assert!(!own.contains(n), "{n} in {own}");
            }
        }
    }
}
