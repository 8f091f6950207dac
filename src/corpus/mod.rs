//! Reading the inputs: folders (recursively), files, JSON Lines of articles, or standard
//! input. Every input ends up either as documents or as a skip with its reason, so that
//! the run summary accounts for all of them.
//!
//! Inputs are read lazily, one document at a time ([`Documents`]): a JSON Lines file or
//! stream of any size is never held whole in memory.
//!
//! The stage is split by what it reads: `walk` finds the input files (folders walked as
//! ripgrep walks them), `jsonl` reads JSON Lines articles record by record, and
//! `decode` turns bytes into text; this module ties them into [`Documents`].

mod decode;
mod front_matter;
mod jsonl;
mod skip;
mod walk;

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

pub use decode::decode;
use decode::UTF8_BOM;
use front_matter::read_front_matter;
use jsonl::{sniff_json_lines, JsonLines};
use skip::cannot_read;
pub use skip::{SkipReason, Skipped};
pub use walk::{Format, Ignored, Input, Inputs};

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
                self.lines = Some(JsonLines::new(reader, name));
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
        read_front_matter(&mut doc);
        Ok(doc)
    }

    fn too_large(&self, bytes: Option<u64>) -> SkipReason {
        let max = self.options.max_bytes;
        SkipReason::TooLarge { bytes, max }
    }
}

impl Iterator for Documents {
    type Item = Result<Document, Skipped>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next_record(&self.options) {
                    Some(item) => {
                        let origin = lines.origin();
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
fn newsclaims_output(reader: &mut Box<dyn BufRead + Send>, format: Format) -> Option<SkipReason> {
    let head = reader.fill_buf().ok()?;
    let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    match format {
        Format::Text if head.starts_with(REPORT_FIRST_LINE) => Some(SkipReason::NewsclaimsReport),
        Format::JsonLines => {
            let line = head
                .split(|&b| b == b'\n')
                .find(|l| !l.trim_ascii().is_empty())?;
            let record: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(line).ok()?;
            let is_claim = record.contains_key("predicate")
                && record.contains_key("evidence")
                && !record.contains_key("text");
            is_claim.then_some(SkipReason::NewsclaimsClaims)
        }
        _ => None,
    }
}
