//! The key reference in docs/ is generated from the key table; this keeps
//! the two from drifting apart.

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
