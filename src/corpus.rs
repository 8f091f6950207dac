//! Reading the inputs: folders (recursively), files, JSON Lines of articles, or standard
//! input. Every input ends up either as documents or as a skip with its reason, so that
//! the run summary accounts for all of them.
//!
//! Inputs are read lazily, one document at a time ([`Documents`]): a JSON Lines file or
//! stream of any size is never held whole in memory.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One article to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's id in claims: its path relative to the input root, or its JSON Lines id.
    pub id: String,
    /// The text as read (decoded, without a byte-order mark).
    pub text: String,
    /// A language code given with the article (JSON Lines `lang`), taken as given.
    pub lang: Option<String>,
    /// Where the article came from, when known.
    pub url: Option<String>,
    /// The outlet, when known.
    pub source: Option<String>,
    /// Publication date, when known.
    pub published: Option<String>,
    /// Something the reader had to do to the input (decode it from Windows-1252, say).
    pub warning: Option<String>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            lang: None,
            url: None,
            source: None,
            published: None,
            warning: None,
        }
    }
}

/// An input that produced no document (or a JSON Lines line that did not), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The input: a path, `path:line` for a JSON Lines line, or a document id.
    pub input: String,
    /// Why it was skipped.
    pub reason: String,
}

impl Skipped {
    fn new(input: impl std::fmt::Display, reason: impl Into<String>) -> Skipped {
        Skipped {
            input: input.to_string(),
            reason: reason.into(),
        }
    }
}

/// What to do with a file that is not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NonUtf8 {
    /// Read it as Windows-1252 (a superset of Latin-1 for text), with a warning.
    #[default]
    Windows1252,
    /// Skip it.
    Skip,
}

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Articles (files, or JSON Lines records) larger than this many bytes are skipped.
    pub max_bytes: u64,
    /// What to do with text that is not UTF-8.
    pub non_utf8: NonUtf8,
    /// How standard input is read: [`Format::Text`], [`Format::JsonLines`], or
    /// [`Format::Sniff`] (JSON Lines when it starts with `{`).
    pub stdin: Format,
    /// Files never read as articles: the run's own outputs (`-o`, `--summary`), which may
    /// lie inside an input folder.
    pub exclude: Vec<PathBuf>,
}

/// Default `max_bytes`: 64 MiB, far above any real article.
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            non_utf8: NonUtf8::default(),
            stdin: Format::Sniff,
            exclude: Vec::new(),
        }
    }
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
            Ok(meta) if !meta.is_dir() && !meta.is_file() => {
                Some(Err(Skipped::new(path.display(), NOT_REGULAR)))
            }
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
                None => Err(Skipped::new(path.display(), UNSUPPORTED)),
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
            return Some(Err(Skipped::new(path.display(), NOT_REGULAR)));
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
        ignore::Error::Loop { child, .. } => {
            Skipped::new(child.display(), "symlink loop (a folder inside itself)")
        }
        // The walker's message wraps the system's; asking again gives the plain reason.
        ignore::Error::WithPath { path, err } => match std::fs::metadata(path) {
            Err(io) => Skipped::new(path.display(), cannot_read(&io)),
            Ok(_) => Skipped::new(path.display(), format!("cannot read: {err}")),
        },
        other => Skipped::new(root.display(), format!("cannot read folder: {other}")),
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

const UNSUPPORTED: &str = "not an article file (expected .txt, .md or .jsonl)";

/// A FIFO would block the run, a device such as /dev/zero never ends: only regular files
/// (and `-`, standard input) are read.
const NOT_REGULAR: &str = "not a regular file (a FIFO, device or socket): not read";

fn cannot_read(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".into(),
        _ => format!("cannot read: {e}"),
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

/// Every document of some inputs, read lazily in order, or the skip that took its place.
pub struct Documents {
    inputs: Inputs,
    options: ReadOptions,
    lines: Option<JsonLines>,
    inputs_seen: usize,
    /// Reports and claims files of earlier runs found inside folders.
    own_output: usize,
    ids: Ids,
}

impl Documents {
    /// Read the inputs of `paths` with `options`.
    pub fn new(paths: &[PathBuf], options: ReadOptions) -> Documents {
        Documents {
            inputs: Inputs::new(paths, &options.exclude),
            options,
            lines: None,
            inputs_seen: 0,
            own_output: 0,
            ids: Ids::default(),
        }
    }

    /// Files passed over inside folders so far, by reason (see [`Ignored`]).
    pub fn ignored(&self) -> BTreeMap<Ignored, usize> {
        let mut ignored = self.inputs.ignored().clone();
        if self.own_output > 0 {
            *ignored.entry(Ignored::OwnOutput).or_default() += self.own_output;
        }
        ignored
    }

    /// Inputs met so far: files, standard input, and paths that could not be inputs.
    pub fn inputs_seen(&self) -> usize {
        self.inputs_seen
    }

    /// Open `input`: its single document, a skip, or (JSON Lines) a reader for the next calls.
    fn open(&mut self, input: Input) -> Option<Result<Document, Skipped>> {
        let is_stdin = input.path.as_os_str() == "-";
        let name = if is_stdin {
            input.id.clone()
        } else {
            input.path.display().to_string()
        };
        // The limit is per article: a JSON Lines file of any size is read record by record.
        let whole_file_is_one_article = input.format == Format::Text;
        if whole_file_is_one_article && input.size.is_some_and(|n| n > self.options.max_bytes) {
            return Some(Err(Skipped::new(&name, self.too_large(input.size))));
        }
        let reader: Box<dyn BufRead + Send> = if is_stdin {
            Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
        } else {
            match File::open(&input.path) {
                Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                Err(e) => return Some(Err(Skipped::new(&name, cannot_read(&e)))),
            }
        };
        let mut reader = reader;
        if let Some(what) = newsclaims_output(&mut reader, input.format) {
            if input.explicit {
                return Some(Err(Skipped::new(&name, what)));
            }
            // Found inside a folder: passed over, and not counted as an input.
            self.own_output += 1;
            self.inputs_seen -= 1;
            return None;
        }
        let format = match input.format {
            Format::Sniff if self.options.stdin != Format::Sniff => self.options.stdin,
            Format::Sniff => match sniff_json_lines(&mut reader) {
                Ok(true) => Format::JsonLines,
                Ok(false) => Format::Text,
                Err(e) => return Some(Err(Skipped::new(&name, cannot_read(&e)))),
            },
            f => f,
        };
        match format {
            Format::JsonLines => {
                self.lines = Some(JsonLines {
                    reader,
                    name,
                    line: 0,
                });
                None
            }
            _ => Some(self.read_text(reader, &input, &name)),
        }
    }

    fn read_text(
        &self,
        reader: Box<dyn BufRead + Send>,
        input: &Input,
        name: &str,
    ) -> Result<Document, Skipped> {
        let limit = self.options.max_bytes;
        let mut bytes = Vec::new();
        reader
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Skipped::new(name, cannot_read(&e)))?;
        if bytes.len() as u64 > limit {
            return Err(Skipped::new(name, self.too_large(None)));
        }
        let (text, warning) =
            decode(bytes, self.options.non_utf8).map_err(|r| Skipped::new(name, r))?;
        let mut doc = Document::new(input.id.clone(), text);
        doc.warning = warning;
        Ok(doc)
    }

    fn too_large(&self, size: Option<u64>) -> String {
        let max = self.options.max_bytes;
        match size {
            Some(n) => format!("{n} bytes, over --max-bytes {max}"),
            None => format!("over --max-bytes {max}"),
        }
    }
}

impl Iterator for Documents {
    type Item = Result<Document, Skipped>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next_record(&self.options) {
                    Some(item) => {
                        let origin = format!("{}:{}", lines.name, lines.line);
                        return Some(self.ids.unique(item, origin));
                    }
                    None => self.lines = None,
                }
            }
            let input = self.inputs.next()?;
            self.inputs_seen += 1;
            match input {
                Err(skip) => return Some(Err(skip)),
                Ok(input) => {
                    let origin = input.path.display().to_string();
                    if let Some(item) = self.open(input) {
                        return Some(self.ids.unique(item, origin));
                    }
                }
            }
        }
    }
}

/// The document ids handed out so far: two documents never share one. Ids are paths
/// relative to the root given on the command line, so `check A B` with `2024-05-12.txt`
/// in both folders, or a JSON Lines file repeating an id, would merge two documents.
#[derive(Default)]
struct Ids {
    seen: HashSet<String>,
}

impl Ids {
    /// `item` with an id no earlier document has: a repeated id becomes the document's
    /// origin (its path as given, or `id@file:line` for a JSON Lines record), with a
    /// warning saying so.
    fn unique(
        &mut self,
        item: Result<Document, Skipped>,
        origin: String,
    ) -> Result<Document, Skipped> {
        let mut doc = item?;
        if self.seen.insert(doc.id.clone()) {
            return Ok(doc);
        }
        let base = if origin.ends_with(&doc.id) {
            origin
        } else {
            format!("{}@{origin}", doc.id)
        };
        let mut id = base.clone();
        for n in 2.. {
            if self.seen.insert(id.clone()) {
                break;
            }
            id = format!("{base}~{n}");
        }
        let note = format!("document id {} repeats an earlier one: named {id}", doc.id);
        doc.warning = Some(match doc.warning.take() {
            Some(w) => format!("{w}; {note}"),
            None => note,
        });
        doc.id = id;
        Ok(doc)
    }
}

/// The first line of a Markdown report (see `report::TITLE`): a file that starts with it
/// was written by an earlier run, not by a journalist.
const REPORT_FIRST_LINE: &[u8] = b"# newsclaims cross-check report";

/// Why the file behind `reader` is an output of newsclaims rather than articles, when it
/// is one: a Markdown report, or JSON Lines whose first record is a claim. Reads ahead
/// without consuming.
fn newsclaims_output(reader: &mut Box<dyn BufRead + Send>, format: Format) -> Option<&'static str> {
    let head = reader.fill_buf().ok()?;
    let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    match format {
        Format::Text if head.starts_with(REPORT_FIRST_LINE) => {
            Some("a newsclaims report, not an article")
        }
        Format::JsonLines => {
            let line = head
                .split(|&b| b == b'\n')
                .find(|l| !l.trim_ascii().is_empty())?;
            let record: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(line).ok()?;
            let is_claim = record.contains_key("predicate")
                && record.contains_key("evidence")
                && !record.contains_key("text");
            is_claim.then_some("newsclaims claims, not articles (give them with check --claims)")
        }
        _ => None,
    }
}

/// True when the first non-blank byte of `reader` is `{`, or when it holds nothing but
/// blanks (an empty stream of records). Nothing is consumed but leading blanks.
fn sniff_json_lines(reader: &mut Box<dyn BufRead + Send>) -> std::io::Result<bool> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let bom = if buf.starts_with(UTF8_BOM) { 3 } else { 0 };
        let blank = buf[bom..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        match buf.get(bom + blank) {
            Some(&b) => return Ok(b == b'{'),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// A JSON Lines file or stream being read record by record.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line: usize,
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

impl JsonLines {
    /// The next record (or its skip); `None` at the end of the input.
    fn next_record(&mut self, options: &ReadOptions) -> Option<Result<Document, Skipped>> {
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            let at = format!("{}:{}", self.name, self.line);
            let read = read_line_within(&mut self.reader, &mut bytes, options.max_bytes);
            match read {
                Ok(Line::End) => return None,
                Ok(Line::Read) => {}
                Ok(Line::TooLong(n)) => {
                    let max = options.max_bytes;
                    let reason = format!("record of {n} bytes, over --max-bytes {max}");
                    return Some(Err(Skipped::new(at, reason)));
                }
                Err(e) => {
                    self.reader = Box::new(std::io::empty());
                    return Some(Err(Skipped::new(at, format!("read error: {e}"))));
                }
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_record(bytes, options, &at));
        }
    }
}

/// What [`read_line_within`] read.
enum Line {
    /// A line (its bytes, with the newline if there was one).
    Read,
    /// A line longer than the limit, of this many bytes: read past, not kept.
    TooLong(u64),
    /// The end of the input.
    End,
}

/// Read one line into `bytes`, keeping at most `limit` bytes of it in memory: a longer
/// line is read to its end and dropped, so one huge record costs no memory.
fn read_line_within(
    reader: &mut impl BufRead,
    bytes: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<Line> {
    let mut total: u64 = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(match total {
                0 => Line::End,
                n if n > limit => Line::TooLong(n),
                _ => Line::Read,
            });
        }
        let (chunk, ends) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        total += n as u64;
        if total <= limit.saturating_add(1) {
            bytes.extend_from_slice(chunk);
        } else {
            bytes.clear();
        }
        reader.consume(n);
        if ends {
            let newline_free = total - 1;
            return Ok(if newline_free > limit {
                Line::TooLong(newline_free)
            } else {
                Line::Read
            });
        }
    }
}

/// One JSON Lines record as a document; a skip names `at` and the record's id when it has one.
fn parse_record(bytes: Vec<u8>, options: &ReadOptions, at: &str) -> Result<Document, Skipped> {
    let (line, warning) = decode(bytes, options.non_utf8).map_err(|r| Skipped::new(at, r))?;
    let line = line
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\n', '\r']);
    let article: JsonArticle = serde_json::from_str(line).map_err(|e| {
        let id = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("id").map(id_string));
        let at = match id {
            Some(id) => format!("{at} (id {id})"),
            None => at.to_string(),
        };
        // serde's "at line 1 column N": the line is the record's, named in `at` already.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        let column = e.column();
        Skipped::new(
            at,
            format!("malformed JSON Lines article: {message} (column {column})"),
        )
    })?;
    let id = id_string(&article.id);
    if article.text.trim().is_empty() {
        return Err(Skipped::new(format!("{at} (id {id})"), "empty text"));
    }
    Ok(Document {
        id,
        text: article.text.trim_start_matches('\u{feff}').to_string(),
        lang: article.lang,
        url: article.url,
        source: article.source,
        published: article.published,
        warning,
    })
}

fn id_string(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Bytes searched for a NUL to tell a binary file from text (as git and ripgrep do).
const BINARY_SNIFF: usize = 8192;

/// Decode an input's bytes: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order
/// mark, or per `non_utf8`. The text and a warning when it was not plain UTF-8, or why
/// it cannot be read as text.
pub fn decode(mut bytes: Vec<u8>, non_utf8: NonUtf8) -> Result<(String, Option<String>), String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            let warning = format!("decoded from {}", encoding.name());
            return not_empty(text.into_owned(), Some(warning));
        }
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => not_empty(text, None),
        Err(e) => {
            let body = e.as_bytes();
            let e = e.utf8_error();
            let at = e.valid_up_to();
            match non_utf8 {
                NonUtf8::Skip => Err(format!(
                    "not UTF-8 (invalid byte at offset {at}); --non-utf8 windows-1252 reads it"
                )),
                NonUtf8::Windows1252 => {
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                    let warning =
                        format!("not UTF-8 (invalid byte at offset {at}): read as Windows-1252");
                    not_empty(text.into_owned(), Some(warning))
                }
            }
        }
    }
}

fn not_empty(text: String, warning: Option<String>) -> Result<(String, Option<String>), String> {
    if text.trim().is_empty() {
        Err("empty".into())
    } else {
        Ok((text, warning))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<Result<Document, Skipped>> {
        let mut lines = JsonLines {
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            name: "a.jsonl".into(),
            line: 0,
        };
        std::iter::from_fn(|| lines.next_record(&ReadOptions::default())).collect()
    }

    #[test]
    fn json_lines_keep_good_lines_and_name_bad_ones() {
        let text = "{\"id\": \"x\", \"text\": \"hello\", \"lang\": \"en\"}\nnot json\n\n{\"id\": 7, \"text\": \"t\"}\n{\"id\": \"y\"}\n";
        let got = records(text);
        assert_eq!(got.len(), 4);
        let doc = got[0].as_ref().unwrap();
        assert_eq!(doc.lang.as_deref(), Some("en"));
        assert_eq!(got[1].as_ref().unwrap_err().input, "a.jsonl:2");
        assert_eq!(got[2].as_ref().unwrap().id, "7");
        assert_eq!(got[3].as_ref().unwrap_err().input, "a.jsonl:5 (id y)");
    }

    #[test]
    fn decoding_cases() {
        let cases: &[(&[u8], Result<&str, &str>)] = &[
            (b"\xEF\xBB\xBFhello", Ok("hello")),
            (b"caf\xE9 \x80", Ok("caf\u{e9} \u{20ac}")),
            (b"\xFF\xFEh\0i\0", Ok("hi")),
            (b"ab\0cd", Err("binary file (NUL byte at offset 2)")),
            (b" \n\t", Err("empty")),
        ];
        for (bytes, want) in cases {
            let got = decode(bytes.to_vec(), NonUtf8::Windows1252);
            match want {
                Ok(text) => assert_eq!(got.unwrap().0, *text, "{bytes:?}"),
                Err(reason) => assert_eq!(got.unwrap_err(), *reason, "{bytes:?}"),
            }
        }
        let skipped = decode(b"caf\xE9".to_vec(), NonUtf8::Skip).unwrap_err();
        assert!(
            skipped.starts_with("not UTF-8 (invalid byte at offset 3)"),
            "{skipped}"
        );
    }
}
