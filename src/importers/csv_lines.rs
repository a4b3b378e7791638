//! csv errors in plain words, at the line a person sees in an editor.

use super::{Problem, line_of_offset};

/// A csv error as a problem at its line, in plain words.
pub(super) fn csv_problem(text: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(1, |p| Lines::new(text).at_position(p));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "this row has {len} fields where the first row has {expected_len}; \
             a comma or a quote in a note may have lost its quoting"
        ),
        csv::ErrorKind::Utf8 { .. } => {
            "this is not UTF-8 text; export the file again, or save it as UTF-8".to_string()
        }
        _ => format!("could not read this row ({e})"),
    };
    Problem::at(line, message)
}

/// The lines csv records start on, counted in one pass over the text as
/// the records come, in order: counting from the top for every record
/// made a file of 100,000 rows take minutes.
pub(super) struct Lines<'t> {
    bytes: &'t [u8],
    /// Bytes before `at` hold `line - 1` line ends.
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str) -> Lines<'t> {
        Lines {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line `record` starts on.
    pub(super) fn of(&mut self, record: &csv::StringRecord) -> usize {
        record.position().map_or(1, |p| self.at_position(p))
    }

    /// The csv crate's own line count lags by one after CRLF line ends,
    /// and its byte offset may point at the line end before the record; so
    /// the line is counted here, from the first byte of the record itself.
    pub(super) fn at_position(&mut self, p: &csv::Position) -> usize {
        let mut at = usize::try_from(p.byte())
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.at {
            // Never for records read in order; right all the same.
            return line_of_offset(self.bytes, at);
        }
        self.line += self.bytes[self.at..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = at;
        self.line
    }
}

/// A csv text refused when it ends inside a quoted field, with the line
/// the field starts on. The csv reader would end the field with the file,
/// keeping a note cut short by a copy that stopped half way; and the whole
/// file brought in later would then add that row a second time.
///
/// Quotes are read as the csv reader reads them: a quote opens a field
/// only as its first character, and `""` inside one is a quote.
pub(super) fn refuse_open_quote(text: &str) -> Result<(), Problem> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_on) = (1usize, 0usize);
    let (mut field_start, mut quoted) = (true, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if quoted {
            match b {
                b'"' if bytes.get(i) == Some(&b'"') => i += 1,
                b'"' => quoted = false,
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if field_start => {
                quoted = true;
                opened_on = line;
            }
            b',' | b'\r' => {
                field_start = true;
                continue;
            }
            b'\n' => {
                line += 1;
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    if quoted {
        return Err(Problem::at(
            opened_on,
            "a quoted field starts on this line and the file ends before its closing \
             quote; was the file cut off while copying? Export it again",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_right_after_crlf_too() {
        for text in [
            "h\r\na\r\n\"b\r\nc\"\r\nd\r\n",
            "h\na\n\"b\nc\"\nd\n",
            "h\r\n\r\na\r\nb\r\nd",
        ] {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let mut counter = Lines::new(text);
            let lines: Vec<usize> = reader.records().map(|r| counter.of(&r.unwrap())).collect();
            let want = if text.starts_with("h\r\n\r\n") {
                [3, 4, 5]
            } else {
                [2, 3, 5]
            };
            assert_eq!(lines, want, "{text:?}");
        }
    }
}
