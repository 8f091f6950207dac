//! Claims read back from the JSON Lines that `newsclaims extract` wrote, for `newsclaims
//! check --claims`: the file is read in batches of lines, each batch parsed in parallel
//! while the next is read, so that memory holds two batches of text at a time, never the
//! whole file; a bad line is skipped with its reason.

use std::io::BufRead;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::{SkipReason, Skipped};
use crate::error::Error;
use crate::value::{TimeScope, Value};

use super::{Article, Claim, EntityRef, Evidence, Text, Texts};

/// How many bytes of lines a batch holds before it is parsed: large enough that parsing
/// in parallel pays, small enough that a batch's text is a small share of memory.
const BATCH_BYTES: usize = 4 << 20;

/// Read claims written earlier by `newsclaims extract` (JSON Lines). A line that is not a
/// claim (malformed JSON, a missing or null figure, bytes that are not UTF-8) is skipped,
/// named `FILE:LINE` with the reason; the rest of the file is read. The file is read in
/// batches of lines, each parsed in parallel while the next is read.
pub fn read_claims(path: &Path) -> crate::error::Result<(Vec<Claim>, Vec<Skipped>)> {
    let read = read_in_batches(path, BATCH_BYTES);
    Text::forget_recent();
    read
}

/// [`read_claims`] with batches of at least `batch_bytes` bytes (a batch ends with the
/// line that reaches that size).
fn read_in_batches(
    path: &Path,
    batch_bytes: usize,
) -> crate::error::Result<(Vec<Claim>, Vec<Skipped>)> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let file_bytes = file.metadata().map_err(io_error)?.len();
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let (mut current, mut next) = (Batch::default(), Batch::default());
    let (mut claims, mut skipped) = (Vec::new(), Vec::new());
    let mut more = current
        .fill(&mut reader, batch_bytes, 1)
        .map_err(io_error)?;
    // Room for the claims of the whole file, as many as its first batch's lines foretell
    // (and a tenth more): growing a vector of a million claims step by step would copy
    // them again and again into fresh memory.
    if more {
        let lines = current.ends.len() as f64 * file_bytes as f64 / current.text.len() as f64;
        claims.reserve((lines * 1.1) as usize);
    }
    while more {
        // The pool parses this batch while this thread reads the next one.
        let following = current.first_line + current.ends.len();
        let filled = rayon::in_place_scope(|scope| {
            scope.spawn(|_| current.parse(path, &mut claims, &mut skipped));
            next.fill(&mut reader, batch_bytes, following)
        });
        more = filled.map_err(io_error)?;
        std::mem::swap(&mut current, &mut next);
    }
    current.parse(path, &mut claims, &mut skipped);
    Ok((claims, skipped))
}

/// Lines of a claims file read but not yet parsed: their bytes one after the other.
#[derive(Default)]
struct Batch {
    /// The lines' bytes, each with its line feed.
    text: Vec<u8>,
    /// Where each line ends in `text`.
    ends: Vec<usize>,
    /// The number (from 1) of the batch's first line in the file.
    first_line: usize,
}

impl Batch {
    /// Empty the batch and read lines into it, the first numbered `first_line`, until it
    /// holds `batch_bytes` or the file ends; whether the file may hold more lines.
    fn fill(
        &mut self,
        reader: &mut impl BufRead,
        batch_bytes: usize,
        first_line: usize,
    ) -> std::io::Result<bool> {
        self.first_line = first_line;
        self.text.clear();
        self.ends.clear();
        while self.text.len() < batch_bytes {
            if reader.read_until(b'\n', &mut self.text)? == 0 {
                return Ok(false);
            }
            self.ends.push(self.text.len());
        }
        Ok(true)
    }

    /// Parse the batch's lines in parallel: claims onto `claims`, bad lines onto
    /// `skipped` (as `path:LINE`), both in line order. Blank lines are no claims and no
    /// errors.
    fn parse(&self, path: &Path, claims: &mut Vec<Claim>, skipped: &mut Vec<Skipped>) {
        let parsed: Vec<Option<Result<Claim, String>>> = (0..self.ends.len())
            .into_par_iter()
            .map(|i| {
                let start = if i == 0 { 0 } else { self.ends[i - 1] };
                parse_line(&self.text[start..self.ends[i]])
            })
            .collect();
        claims.reserve(parsed.len());
        for (i, line) in parsed.into_iter().enumerate() {
            match line {
                Some(Ok(claim)) => claims.push(claim),
                Some(Err(why)) => {
                    let at = format!("{}:{}", path.display(), self.first_line + i);
                    skipped.push(Skipped::new(at, SkipReason::NotAClaim(why)));
                }
                None => {}
            }
        }
    }
}

/// A claim as its JSON line holds it, the fields of its article among the others: what
/// a [`Claim`] is read from. (`serde`'s flattening of the article would read every line
/// into an intermediate tree first, which costs more than the parsing itself.)
#[derive(Deserialize)]
pub(super) struct Record {
    #[serde(deserialize_with = "Text::unshared")]
    id: Text,
    doc: Text,
    #[serde(default)]
    source: Option<Text>,
    #[serde(default)]
    url: Option<Text>,
    #[serde(default)]
    published: Option<Text>,
    lang: Text,
    subject: Option<EntityRef>,
    predicate: Text,
    target: Option<EntityRef>,
    value: Value,
    #[serde(default)]
    alt: Vec<Value>,
    location: Option<EntityRef>,
    time: Option<TimeScope>,
    #[serde(default)]
    scope: Option<Text>,
    evidence: Evidence,
    #[serde(default, deserialize_with = "Text::shared_list")]
    rules: Texts,
}

impl From<Record> for Claim {
    fn from(r: Record) -> Claim {
        Claim {
            id: r.id,
            doc: r.doc,
            article: article(r.source, r.url, r.published),
            lang: r.lang,
            subject: r.subject,
            predicate: r.predicate,
            target: r.target,
            value: r.value,
            alt: r.alt,
            location: r.location,
            time: r.time,
            scope: r.scope,
            evidence: r.evidence,
            rules: r.rules,
        }
    }
}

/// The article of a claim read: most claims name none, and those share one empty article.
fn article(source: Option<Text>, url: Option<Text>, published: Option<Text>) -> Arc<Article> {
    static NONE: OnceLock<Arc<Article>> = OnceLock::new();
    if source.is_none() && url.is_none() && published.is_none() {
        return NONE.get_or_init(Arc::default).clone();
    }
    Arc::new(Article {
        source,
        url,
        published,
    })
}

/// The claim of one line (with or without its line ending); none for a blank line, the
/// reason for a line that holds no claim.
fn parse_line(line: &[u8]) -> Option<Result<Claim, String>> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(e) => {
            let why = format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to());
            return Some(Err(why));
        }
    };
    if text.trim().is_empty() {
        return None;
    }
    Some(serde_json::from_str(text).map_err(|e| e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One claim line of `doc`, numbered `n`.
    fn claim_line(doc: &str, n: usize) -> String {
        let claim = serde_json::json!({
            "id": format!("{doc}#{n}"), "doc": doc, "lang": "en",
            "subject": {"id": "equinix", "text": "Equinix"}, "predicate": "invest",
            "target": null, "alt": [], "location": null, "time": null, "rules": [],
            "value": {"kind": "money", "amount": 4.8e9, "unit": "EUR", "qualifier": "exact",
                      "precision": 5e7, "text": "€4.8 billion"},
            "evidence": {"start": 0, "end": 12, "text": "A sentence."},
        });
        claim.to_string()
    }

    #[test]
    fn a_file_of_many_batches_is_read_whole_and_bad_lines_are_named_by_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.jsonl");
        let mut bytes: Vec<u8> = Vec::new();
        // Line numbers of the bad lines, and the claims expected, in order.
        let (mut bad, mut ids) = (Vec::new(), Vec::new());
        for n in 1..=500 {
            match n % 97 {
                13 => {
                    bytes.extend_from_slice(b"{\"not\": \"a claim\"}\n");
                    bad.push(n);
                }
                29 => bytes.extend_from_slice(b"  \r\n"),
                51 => {
                    bytes.extend_from_slice(b"{\"id\": \"\xff\"}\n");
                    bad.push(n);
                }
                _ => {
                    let line = claim_line("doc.txt", n);
                    bytes.extend_from_slice(line.as_bytes());
                    bytes.extend_from_slice(if n % 2 == 0 { b"\r\n" } else { b"\n" });
                    ids.push(format!("doc.txt#{n}"));
                }
            }
        }
        // The last line without its line feed.
        bytes.extend_from_slice(claim_line("doc.txt", 501).as_bytes());
        ids.push("doc.txt#501".to_string());
        std::fs::write(&path, &bytes).unwrap();
        let whole = read_in_batches(&path, usize::MAX).unwrap();
        for batch_bytes in [1, 1000, 64 << 10, BATCH_BYTES] {
            let (claims, skipped) = read_in_batches(&path, batch_bytes).unwrap();
            let got: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(got, ids, "batches of {batch_bytes} bytes");
            let at: Vec<String> = skipped.iter().map(|s| s.input.clone()).collect();
            let want: Vec<String> = bad
                .iter()
                .map(|n| format!("{}:{n}", path.display()))
                .collect();
            assert_eq!(at, want, "batches of {batch_bytes} bytes");
            assert!(
                skipped[1].reason.to_string().contains("not UTF-8"),
                "{:?}",
                skipped[1]
            );
            assert_eq!(claims, whole.0);
        }
    }
}
