//! Text as a reader takes it in, whatever the line breaks: for checking
//! that a wording appears whole in wrapped output or Markdown.
#![allow(dead_code)]

/// `text` with every run of white space made one space.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
