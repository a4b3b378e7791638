//! Questionnaires defined in files: the shipped reflection, and any
//! `*.toml` in the `questionnaires/` folder beside the config file
//! (docs/questionnaires.md describes the format).
//!
//! Unlike the config file, a bad questionnaire file stops nothing: it is
//! skipped with a problem naming the file and line, and the others load.
//! A person may drop a half-written file there while the dashboard runs.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::error::line_at;
use crate::bounded::{self, BoundedError};
use crate::domain::questionnaire::{self, Band, Choice, Item, Part, Questionnaire};

/// afterglow's own weekly reflection, always there unless a file with its
/// key takes its place.
pub const SHIPPED: &str = include_str!("../../assets/questionnaires/reflection.toml");

/// A questionnaire file is a page of text; anything larger is not one.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;
/// More files than this in the folder are not read (and said so).
pub const MAX_FILES: usize = 200;

const FOLDER: &str = "questionnaires";

/// The folder questionnaires are read from: `questionnaires/` beside the
/// config file at `config_file` (which need not exist).
pub fn folder(config_file: &Path) -> PathBuf {
    config_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(FOLDER)
}

/// The folder for the config file in effect: `settings.source` (the file
/// read) or the `--config` path gives the same answer, and without either
/// the platform folder. `None` only without a home directory.
pub fn folder_for(config_file: Option<&Path>) -> Option<PathBuf> {
    super::config_path(config_file).map(|found| folder(&found.path))
}

/// Where a questionnaire came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with afterglow ([`SHIPPED`]).
    Shipped,
    File(PathBuf),
}

/// What [`load`] found: the questionnaires by key, with where each came
/// from (`origins[i]` is `questionnaires[i]`'s), and one sentence per
/// file that was skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub questionnaires: Vec<Questionnaire>,
    pub origins: Vec<Origin>,
    pub problems: Vec<String>,
}

impl Loaded {
    pub fn find(&self, key: &str) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.key == key)
    }

    pub fn origin(&self, key: &str) -> Option<&Origin> {
        let i = self.questionnaires.iter().position(|q| q.key == key)?;
        self.origins.get(i)
    }
}

/// The shipped questionnaire and every good file in `dir` (none when
/// `dir` is `None` or missing), sorted by key. A user file with the
/// shipped key replaces it; a second file with a key already read is
/// skipped. Never fails: what cannot be read becomes a problem.
pub fn load(dir: Option<&Path>) -> Loaded {
    let mut by_key: BTreeMap<String, (Questionnaire, Origin)> = BTreeMap::new();
    let mut problems = Vec::new();
    match parse(SHIPPED, Path::new("reflection.toml")) {
        Ok(q) => {
            by_key.insert(q.key.clone(), (q, Origin::Shipped));
        }
        // Tested below; kept as a problem rather than a panic all the same.
        Err(p) => problems.push(p),
    }
    if let Some(dir) = dir {
        for path in files_in(dir, &mut problems) {
            let q = match read(&path) {
                Ok(text) => parse(&text, &path),
                Err(p) => Err(p),
            };
            match q {
                Err(p) => problems.push(p),
                Ok(q) => match by_key.get(&q.key) {
                    Some((_, Origin::File(first))) => problems.push(format!(
                        "{}: the key `{}` is already used by {}; this file is skipped",
                        path.display(),
                        q.key,
                        first.display()
                    )),
                    _ => {
                        by_key.insert(q.key.clone(), (q, Origin::File(path)));
                    }
                },
            }
        }
    }
    let (questionnaires, origins) = by_key.into_values().unzip();
    Loaded {
        questionnaires,
        origins,
        problems,
    }
}

/// The `*.toml` files in `dir`, by name. A missing folder is no problem:
/// most people have none.
fn files_in(dir: &Path, problems: &mut Vec<String>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(format!(
                "{}: could not read the folder: {}",
                dir.display(),
                io_words(&e)
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    if files.len() > MAX_FILES {
        problems.push(format!(
            "{}: holds {} questionnaire files; the first {MAX_FILES} by name are read",
            dir.display(),
            files.len()
        ));
        files.truncate(MAX_FILES);
    }
    files
}

/// A file's text: a regular file (a pipe would wait for ever), not too
/// large, UTF-8.
fn read(path: &Path) -> Result<String, String> {
    let bytes = bounded::read_file(path, MAX_FILE_BYTES).map_err(|e| match e {
        BoundedError::Io(e) => format!(
            "{}: could not be read: {}; this file is skipped",
            path.display(),
            io_words(&e)
        ),
        e => format!("{}: {e}; this file is skipped", path.display()),
    })?;
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "{}: is not UTF-8 text; this file is skipped",
            path.display()
        )
    })
}

/// The system's words for an I/O error without its "(os error N)".
fn io_words(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    key: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    recall: Option<Spanned<String>>,
    choices: Spanned<Vec<Spanned<RawChoice>>>,
    #[serde(default, rename = "item")]
    items: Vec<Spanned<RawItem>>,
    #[serde(default, rename = "band")]
    bands: Vec<Spanned<RawBand>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    label: String,
    score: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    // Left out, it is an empty text, which the domain names as missing
    // ("item 3 has no text") with the item's line.
    #[serde(default)]
    text: String,
    #[serde(default)]
    safety: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    min: i64,
    max: i64,
    label: String,
    #[serde(default)]
    severe: bool,
}

/// One questionnaire from its file's text, checked; `origin` names the
/// file in the problem.
pub fn parse(text: &str, origin: &Path) -> Result<Questionnaire, String> {
    let at = |span: Option<Range<usize>>, message: &str| match span {
        Some(span) => format!(
            "{} line {}: {message}; this file is skipped",
            origin.display(),
            line_at(text, span.start)
        ),
        None => format!("{}: {message}; this file is skipped", origin.display()),
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| at(e.span(), &toml_words(&e, text)))?;
    let q = Questionnaire {
        key: raw.key.get_ref().clone(),
        name: raw.name.get_ref().clone(),
        recall: raw
            .recall
            .as_ref()
            .map(|r| r.get_ref().clone())
            .unwrap_or_default(),
        choices: raw
            .choices
            .get_ref()
            .iter()
            .map(|c| Choice {
                label: c.get_ref().label.clone(),
                score: c.get_ref().score,
            })
            .collect(),
        items: raw
            .items
            .iter()
            .map(|i| Item {
                text: i.get_ref().text.clone(),
                safety: i.get_ref().safety,
            })
            .collect(),
        bands: raw
            .bands
            .iter()
            .map(|b| Band {
                min: b.get_ref().min,
                max: b.get_ref().max,
                label: b.get_ref().label.clone(),
                severe: b.get_ref().severe,
            })
            .collect(),
    };
    questionnaire::validate(&q).map_err(|e| {
        let span = match e.part {
            Part::Key => Some(raw.key.span()),
            Part::Name => Some(raw.name.span()),
            Part::Recall => raw.recall.as_ref().map(Spanned::span),
            Part::Choices => Some(raw.choices.span()),
            Part::Choice(i) => raw.choices.get_ref().get(i).map(Spanned::span),
            Part::Items => None,
            Part::Item(i) => raw.items.get(i).map(Spanned::span),
            Part::Band(i) => raw.bands.get(i).map(Spanned::span),
        };
        // The key is named once it is one a person could type.
        let message = if e.part != Part::Key {
            format!("{} (questionnaire `{}`)", e.message, q.key)
        } else {
            e.message
        };
        at(span, &message)
    })?;
    Ok(q)
}

/// toml's complaint in plain words. A key given twice is named from the
/// text at the error's span, as toml's own message leaves it out.
fn toml_words(e: &toml::de::Error, text: &str) -> String {
    let said = e.message().trim();
    if said.starts_with("duplicate key") {
        let key = e
            .span()
            .and_then(|span| text.get(span))
            .map(|k| k.trim().trim_matches(|c| c == '"' || c == '\'').trim())
            .filter(|k| !k.is_empty() && !k.contains('\n'));
        if let Some(key) = key {
            return format!("`{}` is given twice", crate::terminal_text::clean_line(key));
        }
    }
    format!("not a questionnaire: {said}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> &'static Path {
        Path::new("/home/a/.config/afterglow/questionnaires/phq.toml")
    }

    const GOOD: &str = "key = \"mine\"\nname = \"Mine\"\nrecall = \"lately\"\n\
        choices = [{ label = \"no\", score = 0 }, { label = \"yes\", score = 1 }]\n\
        [[item]]\ntext = \"Item one\"\n[[item]]\ntext = \"Item two\"\nsafety = true\n\
        [[band]]\nmin = 0\nmax = 2\nlabel = \"all\"\n";

    #[test]
    fn the_shipped_reflection_is_good() {
        let q = parse(SHIPPED, Path::new("reflection.toml")).unwrap();
        assert_eq!(q.key, "reflection");
        assert_eq!(q.name, "afterglow's weekly reflection");
        assert!((5..=7).contains(&q.items.len()));
        assert_eq!(q.items.iter().filter(|i| i.safety).count(), 1);
        let scores: Vec<i64> = q.choices.iter().map(|c| c.score).collect();
        assert_eq!(scores, [0, 1, 2, 3]);
        assert!(q.bands.last().unwrap().severe);
        assert!(SHIPPED.contains("It is NOT a validated scale"));
        let loaded = load(None);
        assert_eq!(loaded.questionnaires, vec![q]);
        assert_eq!(loaded.origins, vec![Origin::Shipped]);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn a_file_is_read_with_its_parts() {
        let q = parse(GOOD, origin()).unwrap();
        assert_eq!(q.recall, "lately");
        assert!(q.items[1].safety && !q.items[0].safety);
        assert_eq!(q.bands[0].label, "all");
        let no_recall = GOOD.replace("recall = \"lately\"\n", "");
        assert_eq!(parse(&no_recall, origin()).unwrap().recall, "");
    }

    #[test]
    fn problems_name_the_file_the_line_and_the_key() {
        let path = "/home/a/.config/afterglow/questionnaires/phq.toml";
        let cases = [
            (
                GOOD.replace("text = \"Item two\"\n", ""),
                "line 7: item 2 has no text (questionnaire `mine`)",
            ),
            (
                GOOD.replace("max = 2", "max = -1"),
                "line 10: band 1 has min 0 above max -1 (questionnaire `mine`)",
            ),
            (
                GOOD.replace("score = 1", "score = 0"),
                "line 4: choice 2 scores 0, as choice 1 does",
            ),
            (
                GOOD.replace("\"mine\"", "\"My Scale\""),
                "line 1: the key \"My Scale\" must be",
            ),
            (
                GOOD.replace("score = 1", "score = \"1\""),
                "line 4: not a questionnaire: invalid type",
            ),
            (
                GOOD.replace("safety = true", "safe = true"),
                "line 9: not a questionnaire: unknown field `safe`",
            ),
            (
                GOOD.replace("name = \"Mine\"\n", "name = \"Mine\"\nname = \"Again\"\n"),
                "line 3: `name` is given twice",
            ),
            (
                GOOD.replace("name = \"Mine\"\n", ""),
                "not a questionnaire: missing field `name`",
            ),
            (
                GOOD.replace("Item one", "Item\\u001b[2J one"),
                "line 5: item 1 holds the control character \\u{1b}",
            ),
        ];
        for (text, want) in cases {
            let e = parse(&text, origin()).unwrap_err();
            assert!(e.starts_with(path), "{e}");
            assert!(e.contains(want), "{want:?} in {e}");
            assert!(e.ends_with("; this file is skipped"), "{e}");
        }
    }

    #[test]
    fn bad_files_are_skipped_and_the_others_load() {
        let dir = tempfile::tempdir().unwrap();
        let write =
            |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        write("a-good.toml", GOOD.as_bytes());
        write("b-broken.toml", b"key = \n");
        write("c-latin1.toml", b"# Gr\xf6\xdfe\n");
        write("d-huge.toml", &vec![b'#'; MAX_FILE_BYTES as usize + 1]);
        write("e-same-key.toml", GOOD.as_bytes());
        write("notes.txt", b"not read");
        std::fs::create_dir(dir.path().join("f-folder.toml")).unwrap();
        let mine = GOOD.replace("\"mine\"", "\"reflection\"");
        write("g-reflection.toml", mine.as_bytes());
        #[cfg(unix)]
        {
            let fifo = dir.path().join("h-pipe.toml");
            use rustix::fs::{CWD, FileType, Mode, mknodat};
            mknodat(CWD, &fifo, FileType::Fifo, Mode::from_raw_mode(0o600), 0).unwrap();
        }
        let loaded = load(Some(dir.path()));
        let keys: Vec<&str> = loaded
            .questionnaires
            .iter()
            .map(|q| q.key.as_str())
            .collect();
        assert_eq!(keys, ["mine", "reflection"]);
        // The file with the shipped key takes its place.
        assert_eq!(
            loaded.origin("reflection"),
            Some(&Origin::File(dir.path().join("g-reflection.toml")))
        );
        assert_eq!(loaded.find("reflection").unwrap().name, "Mine");
        let all = loaded.problems.join("\n");
        for words in [
            "b-broken.toml line 1: not a questionnaire",
            "c-latin1.toml: is not UTF-8 text",
            "d-huge.toml: this holds more than 256 KiB",
            "e-same-key.toml: the key `mine` is already used by",
            "f-folder.toml: this is a folder",
        ] {
            assert!(all.contains(words), "{words:?} in\n{all}");
        }
        #[cfg(unix)]
        assert!(all.contains("h-pipe.toml: this is a pipe"), "{all}");
        assert!(!all.contains("notes.txt"), "{all}");
        // A folder that is not there is no problem at all.
        let none = load(Some(&dir.path().join("missing")));
        assert!(none.problems.is_empty());
        assert_eq!(none.questionnaires.len(), 1);
    }

    #[test]
    fn the_folder_is_beside_the_config_file() {
        assert_eq!(
            folder(Path::new("/home/a/.config/afterglow/config.toml")),
            Path::new("/home/a/.config/afterglow/questionnaires")
        );
        assert_eq!(folder(Path::new("c.toml")), Path::new("./questionnaires"));
    }
}
