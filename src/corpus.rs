//! Reading the inputs: folders (recursively), files, JSON Lines of articles, or standard
//! input. Every input ends up either as documents or as a skip with its reason, so that
//! the run summary accounts for all of them.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One article to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's id in claims: its path relative to the input root, or its JSON Lines id.
    pub id: String,
    /// The text as read.
    pub text: String,
    /// A language code given with the article (JSON Lines `lang`), taken as given.
    pub lang: Option<String>,
    /// Where the article came from, when known.
    pub url: Option<String>,
    /// The outlet, when known.
    pub source: Option<String>,
    /// Publication date, when known.
    pub published: Option<String>,
}

/// An input that produced no document (or a JSON Lines line that did not), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The input: a path, `path:line` for a JSON Lines line, or a document id.
    pub input: String,
    /// Why it was skipped.
    pub reason: String,
}

/// An input file found on the command line or inside a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it (`-` for standard input).
    pub path: PathBuf,
    /// The id its documents get (path relative to the root given on the command line).
    pub id: String,
    /// How to read it.
    pub format: Format,
}

/// How an input file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article, plain text (`.txt`, `.md`, standard input).
    Text,
    /// One article per line (`.jsonl`).
    JsonLines,
}

/// The inputs named by `paths`, in a stable order (folders walked in name order), and the
/// paths that cannot be inputs.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                path: path.clone(),
                id: "stdin".into(),
                format: Format::Text,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => skipped.push(Skipped {
                input: path.display().to_string(),
                reason: format!("cannot read: {e}"),
            }),
            Ok(meta) if meta.is_dir() => walk(path, path, &mut inputs, &mut skipped, 0),
            Ok(_) => match format_of(path) {
                Some(format) => inputs.push(Input {
                    path: path.clone(),
                    id: path.display().to_string(),
                    format,
                }),
                None => skipped.push(unsupported(path)),
            },
        }
    }
    (inputs, skipped)
}

const MAX_DEPTH: usize = 64;

fn walk(
    root: &Path,
    dir: &Path,
    inputs: &mut Vec<Input>,
    skipped: &mut Vec<Skipped>,
    depth: usize,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            skipped.push(Skipped {
                input: dir.display().to_string(),
                reason: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        match std::fs::metadata(&path) {
            Err(e) => skipped.push(Skipped {
                input: path.display().to_string(),
                reason: format!("cannot read: {e}"),
            }),
            Ok(meta) if meta.is_dir() => {
                if depth >= MAX_DEPTH {
                    skipped.push(Skipped {
                        input: path.display().to_string(),
                        reason: format!(
                            "folder nested deeper than {MAX_DEPTH} levels (a symlink loop?)"
                        ),
                    });
                } else {
                    walk(root, &path, inputs, skipped, depth + 1);
                }
            }
            Ok(_) if is_documentation(&path) => skipped.push(Skipped {
                input: path.display().to_string(),
                reason: "documentation file (README, LICENSE, SOURCES...), not an article".into(),
            }),
            Ok(_) => match format_of(&path) {
                Some(format) => {
                    let id = path
                        .strip_prefix(root)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .into_owned();
                    inputs.push(Input { path, id, format });
                }
                None => skipped.push(unsupported(&path)),
            },
        }
    }
}

/// File names (without extension) that document a folder rather than hold an article.
const DOCUMENTATION: &[&str] = &[
    "readme",
    "license",
    "licence",
    "changelog",
    "contributing",
    "sources",
    "notice",
];

fn is_documentation(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| DOCUMENTATION.contains(&s.to_ascii_lowercase().as_str()))
}

fn unsupported(path: &Path) -> Skipped {
    Skipped {
        input: path.display().to_string(),
        reason: "not an article file (expected .txt, .md or .jsonl)".into(),
    }
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "md" => Some(Format::Text),
        "jsonl" => Some(Format::JsonLines),
        _ => None,
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// Read one input: its documents, and the skips inside it (a whole file, or single lines
/// of a JSON Lines file).
pub fn read(input: &Input) -> (Vec<Document>, Vec<Skipped>) {
    let bytes = match read_bytes(&input.path) {
        Ok(b) => b,
        Err(e) => {
            return (
                Vec::new(),
                vec![Skipped {
                    input: input.path.display().to_string(),
                    reason: format!("cannot read: {e}"),
                }],
            )
        }
    };
    let skip = |reason: String| Skipped {
        input: input.path.display().to_string(),
        reason,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return (
                Vec::new(),
                vec![skip(format!("not UTF-8 (invalid byte at offset {at})"))],
            );
        }
    };
    if text.trim().is_empty() {
        return (Vec::new(), vec![skip("empty".into())]);
    }
    match input.format {
        Format::Text => (
            vec![Document {
                id: input.id.clone(),
                text,
                lang: None,
                url: None,
                source: None,
                published: None,
            }],
            Vec::new(),
        ),
        Format::JsonLines => read_json_lines(input, &text),
    }
}

fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(path)?;
    }
    Ok(bytes)
}

fn read_json_lines(input: &Input, text: &str) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{}:{}", input.path.display(), i + 1);
        match serde_json::from_str::<JsonArticle>(line) {
            Ok(a) => {
                let id = match a.id {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                docs.push(Document {
                    id,
                    text: a.text,
                    lang: a.lang,
                    url: a.url,
                    source: a.source,
                    published: a.published,
                });
            }
            Err(e) => skipped.push(Skipped {
                input: at,
                reason: format!("malformed JSON Lines article: {e}"),
            }),
        }
    }
    (docs, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_keep_good_lines_and_name_bad_ones() {
        let input = Input {
            path: "a.jsonl".into(),
            id: "a.jsonl".into(),
            format: Format::JsonLines,
        };
        let text = "{\"id\": \"x\", \"text\": \"hello\", \"lang\": \"en\"}\nnot json\n{\"id\": 7, \"text\": \"t\"}\n";
        let (docs, skipped) = read_json_lines(&input, text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].lang.as_deref(), Some("en"));
        assert_eq!(docs[1].id, "7");
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].input, "a.jsonl:2");
    }
}
