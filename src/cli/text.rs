//! Small text helpers shared by the commands.

/// Asks before `what` is deleted: `--yes` answers for a script; on a
/// terminal the question is asked on stderr; anywhere else nothing is
/// deleted and the refusal says how to go on. True when the answer is yes.
pub(crate) fn confirm_delete(what: &str, yes: bool) -> anyhow::Result<bool> {
    use std::io::{BufRead, IsTerminal, Write};
    if yes {
        return Ok(true);
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        anyhow::bail!(
            "deleting {what} needs a yes: add --yes, or run it on a terminal to be asked; nothing was deleted"
        );
    }
    let mut err = std::io::stderr().lock();
    write!(
        err,
        "Delete {}? [y/N] ",
        crate::terminal_text::clean_line(what)
    )?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// What is printed when the answer to [`confirm_delete`] was no.
pub(crate) const KEPT: &str = "Nothing was deleted.\n";

/// Deletes `what` through `delete` once it is confirmed ([`confirm_delete`]),
/// and answers with what happened: "Deleted {what}.{after}", or [`KEPT`].
pub(crate) fn delete_asked(
    what: &str,
    yes: bool,
    after: &str,
    delete: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<String> {
    if !confirm_delete(what, yes)? {
        return Ok(KEPT.into());
    }
    delete()?;
    Ok(format!("Deleted {what}.{after}\n"))
}

/// A list as JSON, one value per record, ending in a newline; the shapes
/// are documented in docs/cli.md and change only with a note there.
pub(crate) fn json_list(items: Vec<serde_json::Value>) -> anyhow::Result<String> {
    let mut out = serde_json::to_string_pretty(&serde_json::Value::Array(items))?;
    out.push('\n');
    Ok(out)
}

/// An instant in a JSON list: RFC 3339, UTC, whole seconds.
pub(crate) fn json_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// "1 day", "3 days".
pub(crate) fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Joins words given without quotes (`intention set notice my breath`).
pub(crate) fn join_words(words: &[String]) -> String {
    words.join(" ").trim().to_string()
}

/// Columns padded to their display width (CJK and emoji count double); the
/// last column is left ragged so long notes do not pad every row.
pub(crate) fn table<const N: usize>(head: &[&str; N], rows: &[[String; N]]) -> String {
    use unicode_width::UnicodeWidthStr;
    // A note or intention may span lines; a table row may not. Lists are
    // read on a terminal, piped or not, so they are cleaned always.
    let clean = crate::terminal_text::clean_line;
    let lines: Vec<Vec<String>> = std::iter::once(head.map(clean).to_vec())
        .chain(rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()))
        .collect();
    let mut widths = [0usize; N];
    for row in &lines {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in &lines {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A number typed on the command line, such as `7`, `7.5` or `-2`: Rust's
/// own refusal ("invalid float literal") tells a person nothing.
pub fn parse_number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .map_err(|_| format!("\"{s}\" is not a number; write it like 7 or 7.5"))
}

/// A number as a person writes it: at most three decimals, no trailing
/// zeros (`7`, `7.5`, `0.333`), so that `1e-300` is not printed as three
/// hundred digits.
pub fn show_number(n: f64) -> String {
    let text = format!("{n:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_string(),
        t => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_people_write_them() {
        assert_eq!(show_number(8.0), "8");
        assert_eq!(show_number(7.5), "7.5");
        assert_eq!(show_number(1.0 / 3.0), "0.333");
        assert_eq!(show_number(1e-300), "0");
        assert_eq!(show_number(999_999.0), "999999");
    }

    #[test]
    fn tables_align_by_display_width() {
        let rows = [
            ["今日".to_string(), "x".to_string()],
            ["ab".to_string(), "two\nlines".to_string()],
        ];
        assert_eq!(
            table(&["Name", "Note"], &rows),
            "Name  Note\n今日  x\nab    two lines\n"
        );
        assert_eq!(plural(1, "day", "days"), "1 day");
        assert_eq!(plural(0, "day", "days"), "0 days");
    }
}
