//! Finding the input files: the paths of the command line, and the files inside folders,
//! walked in name order by the `ignore` crate as ripgrep walks them. Files a user did not
//! mean as articles are passed over and counted ([`Ignored`]); what cannot be read is a
//! [`Skipped`] with its reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::skip::cannot_read;
use super::{SkipReason, Skipped};

/// An input file found on the command line or inside a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it (`-` for standard input).
    pub path: PathBuf,
    /// The id its documents get (path relative to the root given on the command line).
    pub id: String,
    /// How to read it.
    pub format: Format,
    /// Its size in bytes when known (not for standard input).
    pub size: Option<u64>,
    /// Named on the command line (not found inside a folder): the user meant it, so a
    /// file that is not an article is skipped with a reason rather than ignored.
    pub explicit: bool,
}

/// How an input file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article, plain text (`.txt`, `.md`).
    Text,
    /// One article per line (`.jsonl`).
    JsonLines,
    /// Standard input: JSON Lines when its first non-blank character is `{`, else one
    /// plain-text article.
    Sniff,
}

/// Why a file found inside a folder was not read, without being a skip: files a user did
/// not mean as articles. They are counted in the summary, never listed one by one, and
/// never make `--strict` fail (as ripgrep passes over binary files it meets in folders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ignored {
    /// Another extension than `.txt`, `.md` or `.jsonl` (images, `expected.json`...).
    NotAnArticle,
    /// README, LICENSE, SOURCES and the like: they document a folder.
    Documentation,
    /// This run's own output file, or a report or claims file an earlier run wrote.
    OwnOutput,
}

impl Ignored {
    /// The reason, as the summary prints it.
    pub fn describe(self) -> &'static str {
        match self {
            Ignored::NotAnArticle => "other extensions",
            Ignored::Documentation => "documentation",
            Ignored::OwnOutput => "newsclaims output",
        }
    }
}

/// The inputs named by `paths`, found lazily in a stable order (folders walked in name
/// order, depth first), or the paths that cannot be inputs. Folders are walked by the
/// `ignore` crate as ripgrep walks them: hidden files and folders (`.git`, `.DS_Store`)
/// and whatever `.gitignore` and `.ignore` files exclude are passed over; symlinks are
/// followed, and a loop is a skip. Memory holds one folder listing per level, never the
/// whole corpus.
pub struct Inputs {
    paths: std::collections::VecDeque<PathBuf>,
    /// The folder being walked and its root on the command line.
    walk: Option<(PathBuf, ignore::Walk)>,
    /// Files never read: the run's own outputs, as real paths.
    exclude: Vec<PathBuf>,
    /// Files passed over inside folders, by reason.
    ignored: BTreeMap<Ignored, usize>,
}

impl Inputs {
    /// The inputs of `paths` (folders, files, or `-` for standard input), never reading
    /// the files of `exclude` (which need not exist yet).
    pub fn new(paths: &[PathBuf], exclude: &[PathBuf]) -> Inputs {
        Inputs {
            paths: paths.iter().cloned().collect(),
            walk: None,
            exclude: exclude.iter().filter_map(|p| real_path(p)).collect(),
            ignored: BTreeMap::new(),
        }
    }

    /// Files passed over inside folders so far, by reason.
    pub fn ignored(&self) -> &BTreeMap<Ignored, usize> {
        &self.ignored
    }

    /// A path given on the command line.
    fn start(&mut self, path: PathBuf) -> Option<Result<Input, Skipped>> {
        if path.as_os_str() == "-" {
            return Some(Ok(Input {
                path,
                id: "stdin".into(),
                format: Format::Sniff,
                size: None,
                explicit: true,
            }));
        }
        match std::fs::metadata(&path) {
            Err(e) => Some(Err(Skipped::new(path.display(), cannot_read(&e)))),
            Ok(meta) if !meta.is_dir() && !meta.is_file() => Some(Err(Skipped::new(
                path.display(),
                SkipReason::NotRegularFile,
            ))),
            Ok(meta) if meta.is_dir() => {
                let walk = ignore::WalkBuilder::new(&path)
                    .follow_links(true)
                    .sort_by_file_name(|a, b| a.cmp(b))
                    .build();
                self.walk = Some((path, walk));
                None
            }
            Ok(meta) => Some(match format_of(&path) {
                Some(format) => Ok(Input {
                    id: path.display().to_string(),
                    path,
                    format,
                    size: Some(meta.len()),
                    explicit: true,
                }),
                None => Err(Skipped::new(path.display(), SkipReason::NotAnArticleFile)),
            }),
        }
    }

    /// An entry of the folder being walked: an input, a skip, or nothing (a folder, or a
    /// file passed over).
    fn visit(
        &mut self,
        root: &Path,
        entry: Result<ignore::DirEntry, ignore::Error>,
    ) -> Option<Result<Input, Skipped>> {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return Some(Err(walk_error(root, &e))),
        };
        if entry.file_type().is_some_and(|t| t.is_dir()) {
            return None;
        }
        let path = entry.into_path();
        let meta = match std::fs::metadata(&path) {
            Err(e) => return Some(Err(Skipped::new(path.display(), cannot_read(&e)))),
            Ok(meta) => meta,
        };
        if !meta.is_file() {
            return Some(Err(Skipped::new(
                path.display(),
                SkipReason::NotRegularFile,
            )));
        }
        let Some(format) = format_of(&path) else {
            return self.ignore(Ignored::NotAnArticle);
        };
        if is_documentation(&path) {
            return self.ignore(Ignored::Documentation);
        }
        if self.is_excluded(&path) {
            return self.ignore(Ignored::OwnOutput);
        }
        let id = path.strip_prefix(root).unwrap_or(&path);
        Some(Ok(Input {
            id: id.to_string_lossy().into_owned(),
            path,
            format,
            size: Some(meta.len()),
            explicit: false,
        }))
    }

    fn ignore(&mut self, why: Ignored) -> Option<Result<Input, Skipped>> {
        *self.ignored.entry(why).or_default() += 1;
        None
    }

    /// Whether `path` is one of the run's own outputs (compared by real path, and only
    /// for files of the same name).
    fn is_excluded(&self, path: &Path) -> bool {
        let name = path.file_name();
        self.exclude.iter().any(|e| e.file_name() == name)
            && real_path(path).is_some_and(|real| self.exclude.contains(&real))
    }
}

/// The real path of `path`, which need not exist as long as its folder does.
fn real_path(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

/// A folder walk's error as a skip: a symlink loop, a dangling link, an unreadable entry.
fn walk_error(root: &Path, e: &ignore::Error) -> Skipped {
    match e {
        ignore::Error::WithDepth { err, .. } => walk_error(root, err),
        ignore::Error::Loop { child, .. } => Skipped::new(child.display(), SkipReason::SymlinkLoop),
        // The walker's message wraps the system's; asking again gives the plain reason.
        ignore::Error::WithPath { path, err } => match std::fs::metadata(path) {
            Err(io) => Skipped::new(path.display(), cannot_read(&io)),
            Ok(_) => Skipped::new(path.display(), SkipReason::Unreadable(err.to_string())),
        },
        other => Skipped::new(
            root.display(),
            SkipReason::UnreadableFolder(other.to_string()),
        ),
    }
}

impl Iterator for Inputs {
    type Item = Result<Input, Skipped>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let found = match &mut self.walk {
                Some((root, walk)) => match walk.next() {
                    Some(entry) => {
                        let root = root.clone();
                        self.visit(&root, entry)
                    }
                    None => {
                        self.walk = None;
                        None
                    }
                },
                None => {
                    let path = self.paths.pop_front()?;
                    self.start(path)
                }
            };
            if found.is_some() {
                return found;
            }
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

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "md" => Some(Format::Text),
        "jsonl" => Some(Format::JsonLines),
        _ => None,
    }
}
