//! A three-row block font for the big countdown.

fn glyph(c: char) -> [&'static str; 3] {
    match c {
        '0' => ["█▀█", "█ █", "█▄█"],
        '1' => ["▀█ ", " █ ", "▄█▄"],
        '2' => ["▀▀█", "█▀▀", "█▄▄"],
        '3' => ["▀▀█", " ▀█", "▄▄█"],
        '4' => ["█ █", "▀▀█", "  █"],
        '5' => ["█▀▀", "▀▀█", "▄▄█"],
        '6' => ["█▀▀", "█▀█", "█▄█"],
        '7' => ["▀▀█", "  █", "  █"],
        '8' => ["█▀█", "█▀█", "█▄█"],
        '9' => ["█▀█", "▀▀█", "▄▄█"],
        ':' => ["▄", " ", "▀"],
        'd' => ["  █", "█▀█", "█▄█"],
        'h' => ["█  ", "█▀█", "█ █"],
        _ => [" ", " ", " "],
    }
}

/// The three rows of `s` in the block font, one space between glyphs.
pub fn rows(s: &str) -> [String; 3] {
    let mut out = [String::new(), String::new(), String::new()];
    for (i, c) in s.chars().enumerate() {
        let g = glyph(c);
        for r in 0..3 {
            if i > 0 {
                out[r].push(' ');
            }
            out[r].push_str(g[r]);
        }
    }
    out
}

/// How many columns `rows(s)` takes.
pub fn width(s: &str) -> usize {
    rows(s)[0].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_line_up() {
        let r = rows("12:05");
        assert_eq!(r[0].chars().count(), r[2].chars().count());
        assert_eq!(width("00:00:00"), 6 * 3 + 2 + 7);
    }
}
