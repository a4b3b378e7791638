//! serde_json's errors in plain words, and where in a file a record is.

use std::collections::HashMap;

use serde_json::value::RawValue;

use super::{Problem, line_of_offset};

/// A JSON parse error as a problem at its line, without serde's own
/// "at line L column C" tail (the line is given once, in front).
pub(super) fn json_problem(e: &serde_json::Error) -> Problem {
    let message = serde_said(e);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the file ends too soon; was it cut off while copying?".to_string()
        }
        serde_json::error::Category::Syntax => format!("this is not valid JSON ({message})"),
        _ => message,
    };
    Problem::at(e.line().max(1), message)
}

/// What JSON `text` holds at its top, as a person would say it.
pub(super) fn top_words(text: &str) -> &'static str {
    match text.trim_start().chars().next() {
        Some('{') => "an object",
        Some('[') => "a list",
        Some('"') => "a text",
        Some('t' | 'f') => "true or false",
        Some('n') => "null",
        _ => "a number",
    }
}

/// serde's own message, without its "at line L column C" tail.
pub(super) fn serde_said(e: &serde_json::Error) -> String {
    let said = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    said.strip_suffix(&tail).unwrap_or(&said).to_string()
}

/// serde's name for what a file holds, as a person would say it.
pub(super) fn found_words(found: &str) -> String {
    let quoted = |s: &str| s.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {}", quoted(n))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        quoted(b)
    } else {
        match found {
            "sequence" => "a list".into(),
            "map" => "an object".into(),
            "unit value" | "null" => "null".into(),
            other => other.replace('`', ""),
        }
    }
}

/// serde's name for what belongs, as a person would say it.
pub(super) fn expected_words(expected: &str) -> String {
    match expected {
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "i16" | "i8" | "usize" => {
            "a whole number".into()
        }
        "f64" | "f32" => "a number".into(),
        "a string" | "string" => "a text".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list".into(),
        "a map" => "an object".into(),
        e if e.starts_with("struct ") => "an object".into(),
        e if e.starts_with("variant identifier") => "a name afterglow knows".into(),
        other => other.replace('`', "\""),
    }
}

/// The field whose value serde stopped in (the last key before line `line`,
/// column `column`), and that value as written. Strings are stepped over
/// whole, so a `":` inside a note is not taken for a key.
pub(super) fn field_at(text: &str, line: usize, column: usize) -> (Option<String>, String) {
    let mut end = offset_of(text, line, column);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let mut key: Option<(String, usize)> = None;
    let mut last_string: Option<(String, usize)> = None;
    let mut chars = before.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                let mut escaped = false;
                let mut closed = None;
                for (j, c) in chars.by_ref() {
                    match (escaped, c) {
                        (true, _) => {
                            s.push(c);
                            escaped = false;
                        }
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            closed = Some(j);
                            break;
                        }
                        (false, _) => s.push(c),
                    }
                }
                last_string = closed.map(|_| (s, i));
            }
            ':' => key = last_string.take().map(|(s, _)| (s, i + 1)),
            c if !c.is_whitespace() => last_string = None,
            _ => {}
        }
    }
    match key {
        Some((k, value_from)) => {
            let raw = before[value_from..].trim().trim_end_matches(',').trim();
            (Some(k), raw.to_string())
        }
        None => (None, String::new()),
    }
}

/// The 1-based line where the `index`-th element of the array under the
/// top-level `key` starts, in JSON that has already parsed. Used to point
/// at a record whose values are wrong (serde only knows the line of a
/// syntax or type error).
pub(super) fn element_line(text: &str, key: &str, index: usize) -> Option<usize> {
    let (start, _) = *elements(text, key)?.get(index)?;
    Some(line_of_offset(text.as_bytes(), start))
}

/// The index and first byte of the element of the array under the
/// top-level `key` that byte `offset` falls in (its closing bracket
/// included), in JSON that parses. Used to say which record a serde error
/// is in.
pub(super) fn element_at(text: &str, key: &str, offset: usize) -> Option<(usize, usize)> {
    for (i, (start, end)) in elements(text, key)?.into_iter().enumerate() {
        if start > offset {
            return None;
        }
        if offset <= end {
            return Some((i, start));
        }
    }
    None
}

/// Where each element of the array under the top-level `key` starts and
/// ends, as byte offsets into `text`. serde_json reads the JSON; its raw
/// values are slices of `text`, so their places are where they start.
pub(super) fn elements(text: &str, key: &str) -> Option<Vec<(usize, usize)>> {
    let top: HashMap<String, &RawValue> = serde_json::from_str(text).ok()?;
    let items: Vec<&RawValue> = serde_json::from_str(top.get(key)?.get()).ok()?;
    let base = text.as_ptr() as usize;
    Some(
        items
            .iter()
            .map(|item| {
                let start = item.get().as_ptr() as usize - base;
                (start, start + item.get().len())
            })
            .collect(),
    )
}

/// The byte offset of serde's line and column in `text`.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_lines_point_at_records() {
        let text = "{\n  \"a\": [1, {\"x\": \"]}\\\"\"}],\n  \"entries\": [\n    {\"b\": [1,2]},\n\n    {\"c\": null}\n  ]\n}";
        assert_eq!(element_line(text, "entries", 0), Some(4));
        assert_eq!(element_line(text, "entries", 1), Some(6));
        assert_eq!(element_line(text, "entries", 2), None);
        assert_eq!(element_line(text, "a", 1), Some(2));
        assert_eq!(element_line(text, "missing", 0), None);
        assert_eq!(element_line("", "a", 0), None);
        assert_eq!(element_line("[1]", "a", 0), None);
        // The element an offset falls in, its closing bracket included.
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(
            element_at(text, "entries", at("\"b\"")),
            Some((0, at("{\"b\"")))
        );
        assert_eq!(
            element_at(text, "entries", at("2]}") + 3),
            Some((0, at("{\"b\"")))
        );
        assert_eq!(
            element_at(text, "entries", at("null")),
            Some((1, at("{\"c\"")))
        );
        assert_eq!(element_at(text, "entries", at("\n\n")), None);
        assert_eq!(element_at(text, "entries", at("\"a\"")), None);
        assert_eq!(element_at(text, "a", at("\"x\"")), Some((1, at("{\"x\""))));
    }
}
