//! The module graph, checked: which top-level module of `src/` may use
//! which, which outside crates each may name, and how long a source file
//! may grow. `.ci/run` runs this first, so a layer rule broken by accident
//! fails CI with the file and line that broke it. docs/architecture.md
//! draws the same graph; change both together.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every top-level module and the crate modules it may use. A module not
/// listed here fails the test, so a new one must be placed on purpose.
const MAY_USE: &[(&str, &[&str])] = &[
    // Pure rules: nothing but itself.
    ("domain", &[]),
    // Words about safety, said once.
    ("care", &[]),
    // Small leaf helpers with no knowledge of afterglow's records.
    ("zone", &[]),
    ("bounded", &[]),
    ("terminal_text", &[]),
    ("private_files", &[]),
    // SQLite, and nothing above it.
    ("store", &["domain", "private_files", "zone", "bounded"]),
    // One function per thing a person does, over the store.
    (
        "usecase",
        &[
            "domain",
            "store",
            "zone",
            "care",
            "importers",
            "private_files",
        ],
    ),
    // Pure generators and readers beside the domain.
    ("demo", &["domain", "zone"]),
    (
        "importers",
        &["domain", "bounded", "formats", "zone", "terminal_text"],
    ),
    (
        "formats",
        &["domain", "zone", "care", "config", "terminal_text"],
    ),
    // Settings: the key map's types live with the app.
    (
        "config",
        &[
            "app",
            "care",
            "domain",
            "bounded",
            "private_files",
            "terminal_text",
        ],
    ),
    // Dashboard state: no store, no drawing, no terminal.
    (
        "app",
        &["domain", "care", "config", "zone", "terminal_text"],
    ),
    // Drawing: a read-only function of the app's state.
    (
        "ui",
        &["app", "domain", "care", "config", "zone", "terminal_text"],
    ),
    ("external_editor", &["private_files", "terminal_text"]),
    // The shells: everything.
    ("tui", ALL),
    ("cli", ALL),
];

const ALL: &[&str] = &[
    "app",
    "bounded",
    "care",
    "cli",
    "config",
    "demo",
    "domain",
    "external_editor",
    "formats",
    "importers",
    "private_files",
    "store",
    "terminal_text",
    "tui",
    "ui",
    "usecase",
    "zone",
];

/// Outside names a module may not use, and why.
const FORBIDDEN: &[(&str, &[&str], &str)] = &[
    (
        "domain",
        &[
            "ratatui",
            "crossterm",
            "rusqlite",
            "std::fs",
            "std::net",
            "std::env",
            "std::io",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "Instant::now",
        ],
        "the domain is pure: no terminal, no SQLite, no files, no clock",
    ),
    (
        "app",
        &[
            "ratatui::widgets",
            "ratatui::Frame",
            "rusqlite",
            "std::fs",
            "Utc::now",
            "Local::now",
        ],
        "the app is state and update: it neither draws, nor reads files, nor the clock",
    ),
    (
        "ui",
        &[
            "rusqlite",
            "std::fs",
            "Utc::now",
            "Local::now",
            "SystemTime",
        ],
        "drawing reads the app's state only",
    ),
    (
        "formats",
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "std::fs",
            "Utc::now",
            "Local::now",
        ],
        "formats are pure functions of a history",
    ),
    (
        "importers",
        &["rusqlite", "ratatui", "crossterm", "Utc::now", "Local::now"],
        "importers read files into a history and never touch the store",
    ),
    (
        "demo",
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "std::fs",
            "Utc::now",
            "Local::now",
        ],
        "the demo generates a history from a seed and a given `now`",
    ),
];

/// Health data: no network code anywhere.
const NETWORK: &[&str] = &["std::net", "TcpStream", "UdpSocket", "reqwest", "hyper::"];

/// Only the store speaks SQL.
const SQL_CRATE: &str = "rusqlite";

/// A source file longer than this (not counting its test module) must be
/// named, with its reason, under "Long files" in docs/architecture.md.
const MAX_LINES: usize = 500;

struct Source {
    path: PathBuf,
    module: String,
    /// How deep the file's module sits below the crate root (`src/app.rs`
    /// is 0, `src/app/x.rs` 1): that many `super::` and one more reach
    /// the root.
    depth: usize,
    /// The code before the file's `#[cfg(test)]` module, comments removed.
    code: String,
    /// Lines of code and comments before the test module.
    lines: usize,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "main.rs" && n != "lib.rs")
        })
        // A test module in its own file (`tests.rs`, or under `tests/`) may
        // reach across layers to set a scene; it never ships.
        .filter(|p| {
            let rel = p.strip_prefix(&root).unwrap();
            !rel.components()
                .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "tests.rs")
        })
        .map(|path| {
            let rel = path.strip_prefix(&root).unwrap();
            let first = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let module = first.trim_end_matches(".rs").to_owned();
            let text = fs::read_to_string(&path).unwrap();
            let before_tests = before_test_module(&text);
            Source {
                module,
                depth: rel.components().count() - 1,
                code: without_comments(before_tests),
                lines: before_tests.lines().count(),
                path: rel.to_path_buf(),
            }
        })
        .collect()
}

/// The text before a `#[cfg(test)]` (other attributes may follow it)
/// that opens a `mod`: the test module, which never ships.
fn before_test_module(text: &str) -> &str {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut offset = 0;
    for (n, line) in lines.iter().enumerate() {
        let attribute = line.trim();
        if attribute.starts_with("#[cfg(") && attribute.contains("test") {
            let next = lines[n + 1..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.starts_with("#["));
            if next.is_some_and(|l| l.starts_with("mod ")) {
                return &text[..offset];
            }
        }
        offset += line.len();
    }
    text
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Drops `//` comments (doc comments name modules freely). String
/// literals stay: a path written inside one is rare and harmless to flag.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `code` with each `super::` chain that reaches the crate root written
/// as `crate::`, so that `super::super::store` is seen like
/// `crate::store`.
fn from_root(code: &str, depth: usize) -> String {
    code.replace(&"super::".repeat(depth + 1), "crate::")
}

/// The top-level crate modules `code` names: `crate::x`, and each name
/// in a `crate::{x, y::z}` group.
fn crate_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        // `some_crate::` is another crate; only a bare `crate::` counts.
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut at_start = true;
            let mut word = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => at_start = true,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && at_start {
                    if c.is_alphanumeric() || c == '_' {
                        word.push(c);
                        continue;
                    }
                    if !word.is_empty() {
                        found.insert(std::mem::take(&mut word));
                        at_start = false;
                    }
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

fn line_of(code: &str, needle: &str) -> usize {
    code.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |n| n + 1)
}

#[test]
fn each_module_uses_only_the_modules_below_it() {
    let mut wrong = Vec::new();
    for source in sources() {
        let Some((_, allowed)) = MAY_USE.iter().find(|(m, _)| *m == source.module) else {
            wrong.push(format!(
                "{}: module `{}` has no row in MAY_USE; place it in the graph",
                source.path.display(),
                source.module
            ));
            continue;
        };
        for used in crate_modules(&from_root(&source.code, source.depth)) {
            if used != source.module && !allowed.contains(&used.as_str()) {
                wrong.push(format!(
                    "{}:{}: `{}` may not use `crate::{used}`",
                    source.path.display(),
                    line_of(&source.code, &format!("{used}::")),
                    source.module
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the module graph is broken:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn each_module_names_only_the_outside_crates_its_layer_allows() {
    let mut wrong = Vec::new();
    for source in sources() {
        let mut check = |needle: &str, why: &str| {
            if source.code.contains(needle) {
                wrong.push(format!(
                    "{}:{}: `{needle}`: {why}",
                    source.path.display(),
                    line_of(&source.code, needle)
                ));
            }
        };
        for (module, needles, why) in FORBIDDEN {
            if source.module == *module {
                for needle in *needles {
                    check(needle, why);
                }
            }
        }
        for needle in NETWORK {
            check(needle, "afterglow has no network code: this is health data");
        }
        if source.module != "store" {
            check(SQL_CRATE, "only src/store speaks SQL");
        }
    }
    assert!(
        wrong.is_empty(),
        "a layer names what it must not:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn long_files_are_named_in_the_architecture_doc() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .unwrap();
    let long_files = doc
        .split("## Long files")
        .nth(1)
        .map(|s| s.split("\n## ").next().unwrap_or(""))
        .unwrap_or("");
    let too_long: Vec<String> = sources()
        .into_iter()
        .filter(|s| s.lines > MAX_LINES)
        .map(|s| format!("src/{}", s.path.display()))
        .filter(|p| !long_files.contains(&format!("`{p}`")))
        .collect();
    assert!(
        too_long.is_empty(),
        "over {MAX_LINES} lines without a reason under \"Long files\" in docs/architecture.md:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_scanner_reads_groups_and_paths() {
    let code = "use crate::{domain::{a, b}, store::Db};\nlet x = crate::care::CRISIS;\nuse other_crate::x;";
    let found: Vec<_> = crate_modules(code).into_iter().collect();
    assert_eq!(found, ["care", "domain", "store"]);
    let up: Vec<_> = crate_modules(&from_root(
        "use super::super::store::Db;\nuse super::data;",
        1,
    ))
    .into_iter()
    .collect();
    assert_eq!(up, ["store"]);
    assert_eq!(
        without_comments("let a = 1; // crate::store"),
        "let a = 1; "
    );
}
