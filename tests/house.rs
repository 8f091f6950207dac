//! The shape of the source, kept by tests as ripgrep's crate walls keep its: each stage
//! imports only the stages before it, files and functions stay short enough to read.
//!
//! The order (a module may use modules of an earlier tier only):
//! leaves (text, value, error, normalize; then describe, the reviewer's wording of values,
//! which uses value) → rules → corpus, lang, segment → extract →
//! claims → crosscheck → report → pipeline → run → tools.

use std::path::{Path, PathBuf};

/// Each top-level module of the library and its tier in the pipeline's order.
const TIERS: &[(&str, u8)] = &[
    ("text", 0),
    ("value", 0),
    ("error", 0),
    ("normalize", 0),
    ("describe", 1),
    ("rules", 2),
    ("corpus", 3),
    ("lang", 3),
    ("segment", 3),
    ("extract", 4),
    ("claims", 5),
    ("crosscheck", 6),
    ("report", 7),
    ("pipeline", 8),
    ("run", 9),
    ("tools", 10),
];

const MAX_FILE_LINES: usize = 800;
const MAX_FUNCTION_LINES: usize = 80;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file of the library (the binary, under src/bin, is the CLI: it may use
/// everything).
fn library_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![src()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "bin") {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The top-level module a file belongs to (`src/extract/numbers.rs` → `extract`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Items lib.rs re-exports at the crate root, and the module each comes from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Result", "error"),
    ("Claim", "claims"),
    ("Pipeline", "pipeline"),
    ("RuleSet", "rules"),
];

fn tier(module: &str) -> Option<u8> {
    let module = ROOT_ITEMS
        .iter()
        .find(|(item, _)| *item == module)
        .map_or(module, |(_, m)| m);
    TIERS.iter().find(|(m, _)| *m == module).map(|(_, t)| *t)
}

/// The file's code before its test module (tests may use anything), without comments
/// (a doc link to a later stage is no import).
fn without_tests(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap();
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a text names as `crate::NAME`, also inside `use crate::{a, b::c}` groups.
fn crate_modules(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').filter_map(|part| {
                let name = part.trim().split("::").next()?.trim();
                (!name.is_empty()).then(|| name.to_string())
            }));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
    }
    names
}

#[test]
fn imports_run_one_way_along_the_pipeline() {
    let mut wrong = Vec::new();
    for path in library_files() {
        let module = module_of(&path);
        if module == "lib" {
            continue;
        }
        let Some(own) = tier(&module) else {
            wrong.push(format!("{}: module {module} has no tier", path.display()));
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        for used in crate_modules(&without_tests(&text)) {
            if used == module || used == "self" || used == "super" {
                continue;
            }
            match tier(&used) {
                Some(t) if t < own => {}
                _ => wrong.push(format!("{}: {module} uses {used}", path.display())),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn files_and_functions_stay_short() {
    let mut long = Vec::new();
    for path in library_files().into_iter().chain(binary_files()) {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            long.push(format!("{}: {lines} lines", path.display()));
        }
        for (name, n) in long_functions(&without_tests(&text)) {
            long.push(format!("{}: fn {name} is {n} lines", path.display()));
        }
    }
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}

fn binary_files() -> Vec<PathBuf> {
    let dir = src().join("bin").join("newsclaims");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(src().join("bin").join("gen-corpus.rs"));
    files
}

/// Functions longer than the limit, by name: a function runs from its `fn` line to the
/// first line that closes it at the same indentation (rustfmt's layout).
fn long_functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(after) = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p))
        else {
            continue;
        };
        let indent = &line[..line.len() - trimmed.len()];
        let close = format!("{indent}}}");
        let end = lines[i..].iter().position(|l| *l == close);
        if let Some(n) = end.filter(|&n| n + 1 > MAX_FUNCTION_LINES) {
            let name = after.split(['(', '<']).next().unwrap_or(after);
            long.push((name.to_string(), n + 1));
        }
    }
    long
}
