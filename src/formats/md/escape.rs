//! A person's words inside the report, escaped so that nothing in them
//! can break its structure or run when rendered.

/// A person's words inside a line of the report, escaped so that a
/// renderer shows them as written instead of acting on them: an HTML tag
/// or an autolink (`<img …>`, `<http://…>`) keeps its `<` as text, and a
/// `]` never opens a link target (`](` for `![](http://…)` or
/// `[x](javascript:…)`) or a link definition (`]:`), so the report holds
/// nothing a viewer would fetch or follow. Without definitions, reference
/// links such as `[x][r]` stay text as well.
///
/// The person's own backslashes are escaped too wherever Markdown would
/// read one (before punctuation, or ending the text): otherwise a `\` they
/// wrote before `<img …>` would escape the backslash added here, and the
/// tag would run after all.
///
/// Control and direction characters are shown, not written raw
/// (`terminal_text::visible`: ESC as `␛`), so that a report read with
/// `cat` or `less -R` cannot recolour or retitle the terminal.
pub(super) fn inline(s: &str) -> String {
    let s = crate::terminal_text::visible(s);
    let s = s.as_ref();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let next = chars.peek();
        let opens = match c {
            '\\' => next.is_none_or(char::is_ascii_punctuation),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n)),
            ']' => next.is_some_and(|n| matches!(n, '(' | ':')),
            _ => false,
        };
        if opens {
            // A `\\` after a backslash shows as the one backslash written.
            if c == '<' {
                out.pop();
                out.push_str("\\<");
            } else {
                out.push('\\');
            }
        }
    }
    out
}

/// What Markdown reads as the end of a line.
pub(super) const LINE_BREAKS: [char; 2] = ['\n', '\r'];

/// A table cell: one line, with the column separator escaped.
pub(super) fn cell(s: &str) -> String {
    inline(&s.replace(['\n', '\r'], " ")).replace('|', "\\|")
}

/// A person's text as a block quote. Line breaks are kept (two trailing
/// spaces make a Markdown hard break), blank lines stay paragraph breaks,
/// and a line that Markdown would read as a rule or a heading underline is
/// escaped so that it shows as written.
pub(super) fn quote(text: &str) -> String {
    // A lone CR ends a line in Markdown too; left inside a quoted line it
    // would start an unquoted one, where "# x" is a heading of the report.
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out.push_str(">\n");
            continue;
        }
        out.push_str("> ");
        let rule = line.chars().all(|c| "-=*_ ".contains(c));
        if rule {
            out.push('\\');
        }
        out.push_str(&inline(line));
        if lines.get(i + 1).is_some_and(|n| !n.is_empty()) {
            out.push_str("  ");
        }
        out.push('\n');
    }
    if lines.is_empty() {
        out.push_str("> (empty)\n");
    }
    out
}
