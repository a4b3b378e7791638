//! The key reference in docs/ is generated from the key table; this keeps
//! the two from drifting apart.

#[path = "support/text.rs"]
mod text;

#[test]
fn keys_md_matches_the_key_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    let want = afterglow::app::keymap::keys_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/keys.md is out of date; run `UPDATE_DOCS=1 cargo test --test docs`"
    );
}

/// docs/config.md's table of colour roles, against the roles and defaults
/// the config really has.
#[test]
fn config_md_lists_every_colour_role_with_its_default() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/config.md")).unwrap();
    let shown = afterglow::config::to_toml(&afterglow::config::Settings::default());
    let colors = shown.split("[colors]\n").nth(1).unwrap();
    let mut rows = 0;
    for line in colors.lines() {
        let (role, value) = line.split_once(" = ").unwrap();
        let row = format!("| `{role}` | `{}` |", value.trim_matches('"'));
        assert!(doc.contains(&row), "docs/config.md lacks {row}");
        rows += 1;
    }
    assert_eq!(rows, afterglow::config::COLOR_ROLES.len());
}

/// The safety lines have one wording (src/care.rs); the README and the
/// crisis page say them in exactly those words, whatever the line breaks
/// and emphasis.
#[test]
fn the_docs_carry_the_one_wording_of_the_safety_lines() {
    for file in ["README.md", "docs/crisis-and-safety.md"] {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let flat = text::flat(&text.replace("> ", " ").replace("**", ""));
        for words in [
            afterglow::care::NOT_MEDICAL_ADVICE,
            afterglow::care::IN_DANGER,
            afterglow::care::TO_TALK,
        ] {
            assert!(flat.contains(words), "{file} lacks {words:?}");
        }
        assert!(!text.contains("(US 988"), "{file}: the old wording");
    }
}
