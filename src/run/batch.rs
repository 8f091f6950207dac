//! Running the pipeline over many inputs: documents are read lazily and processed in
//! bounded chunks, in parallel across documents, with output in input order whatever the
//! number of threads, and a summary that accounts for every input.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::claims::{Claim, RunNames};
use crate::corpus::{Document, Documents, Ignored, ReadOptions, Skipped};
use crate::pipeline::{Detected, Pipeline, Prepared};

/// Documents processed together: large enough to keep every thread busy, small enough
/// that memory stays flat whatever the corpus size.
const CHUNK_DOCS: usize = 512;
/// A chunk also ends once its texts reach this many bytes (a few very large articles).
const CHUNK_BYTES: usize = 32 << 20;
/// Documents a thread reads together, stage by stage ([`process_batch`]).
const BATCH_DOCS: usize = 32;

/// Skips listed one by one in a summary; more are counted. A million malformed records
/// should not take a million lines of stderr, nor their memory.
pub const LISTED_SKIPS: usize = 1000;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `text` safe to print on a terminal: control characters (a newline that would forge a
/// summary line, terminal escapes) and bidirectional overrides written as escapes, as
/// ripgrep does with file names.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// One processed document.
#[derive(Debug)]
pub struct Done<T> {
    /// The document's id.
    pub doc: String,
    /// Its language code.
    pub lang: String,
    /// What the run made of it.
    pub output: T,
}

/// Something the reader had to do to an input that was still processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The input (path, or document id).
    pub input: String,
    /// What was done.
    pub warning: String,
}

/// The run summary: documents read by language, items written, and every skip with its
/// reason (written to stderr, or as JSON with `--summary`).
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// Input files found (and command-line paths that could not be inputs).
    pub inputs: usize,
    /// Documents processed.
    pub docs: usize,
    /// Documents processed per language code.
    pub langs: BTreeMap<String, usize>,
    /// Claims (or mentions) written.
    pub items: usize,
    /// Inputs and documents skipped, with reasons: the first [`LISTED_SKIPS`] of them.
    pub skipped: Vec<Skipped>,
    /// Skips beyond the first [`LISTED_SKIPS`], counted only (memory stays bounded
    /// whatever the number of bad records).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_unlisted: usize,
    /// Inputs processed with a warning (decoded from another encoding): the first
    /// [`LISTED_SKIPS`] of them.
    pub warnings: Vec<Warning>,
    /// Warnings beyond those listed, counted only.
    #[serde(skip_serializing_if = "is_zero")]
    pub warnings_unlisted: usize,
    /// Files inside input folders that were not articles, counted by reason.
    pub ignored: BTreeMap<Ignored, usize>,
}

impl Summary {
    /// One line per fact, for stderr.
    pub fn render(&self, item_name: &str) -> String {
        let langs: Vec<String> = self.langs.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let mut out = format!(
            "newsclaims: {} documents read ({}), {} {item_name}, {} skipped\n",
            self.docs,
            if langs.is_empty() {
                "none".to_string()
            } else {
                langs.join(", ")
            },
            self.items,
            self.skipped.len() + self.skipped_unlisted
        );
        for s in &self.skipped {
            let reason = s.reason.to_string();
            let (input, reason) = (printable(&s.input), printable(&reason));
            out.push_str(&format!("  skipped {input}: {reason}\n"));
        }
        if self.skipped_unlisted > 0 {
            let n = self.skipped_unlisted;
            out.push_str(&format!("  skipped {n} more inputs, not listed\n"));
        }
        for w in &self.warnings {
            let (input, warning) = (printable(&w.input), printable(&w.warning));
            out.push_str(&format!("  warning {input}: {warning}\n"));
        }
        if self.warnings_unlisted > 0 {
            let n = self.warnings_unlisted;
            out.push_str(&format!(
                "  warning: {n} more inputs read with a warning, not listed\n"
            ));
        }
        if !self.ignored.is_empty() {
            let counts: Vec<String> = self
                .ignored
                .iter()
                .map(|(why, n)| format!("{} {n}", why.describe()))
                .collect();
            out.push_str(&format!("  ignored in folders: {}\n", counts.join(", ")));
        }
        out
    }

    fn warn(&mut self, input: &str, warning: &str) {
        if self.warnings.len() >= LISTED_SKIPS {
            self.warnings_unlisted += 1;
            return;
        }
        self.warnings.push(Warning {
            input: input.to_string(),
            warning: warning.to_string(),
        });
    }

    fn record<T>(&mut self, outcome: &Result<Done<T>, Skipped>) {
        match outcome {
            Ok(done) => {
                self.docs += 1;
                *self.langs.entry(done.lang.clone()).or_default() += 1;
            }
            Err(_) if self.skipped.len() >= LISTED_SKIPS => self.skipped_unlisted += 1,
            Err(skip) => self.skipped.push(skip.clone()),
        }
    }
}

/// Told how a run advances, to show progress (the CLI draws a bar on a terminal).
pub trait Progress: Sync {
    /// `bytes` more of text were read and `docs` more documents processed.
    fn advance(&self, bytes: u64, docs: u64);
    /// The run is over.
    fn finish(&self) {}
}

/// How a batch run reads and reports.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// How inputs are read.
    pub read: ReadOptions,
    /// Told of the run's progress; none by default.
    pub progress: Option<std::sync::Arc<dyn Progress + Send>>,
}

/// No progress shown.
struct Silent;

impl Progress for Silent {
    fn advance(&self, _bytes: u64, _docs: u64) {}
}

/// Run `work` over every document of `paths` and hand each outcome, in input order, to
/// `sink` (which may stop the run with an error). Documents are processed in parallel,
/// a bounded chunk at a time.
pub fn stream<T, E, F, S>(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    options: &RunOptions,
    work: F,
    mut sink: S,
) -> Result<Summary, E>
where
    T: Send,
    F: Fn(&Pipeline, Prepared<'_>) -> T + Sync,
    S: FnMut(Result<Done<T>, Skipped>) -> Result<(), E>,
{
    let mut summary = Summary::default();
    let progress: &dyn Progress = match &options.progress {
        Some(p) => p.as_ref(),
        None => &Silent,
    };
    let mut docs = Documents::new(paths, options.read.clone());
    let mut chunk = next_chunk(&mut docs);
    while !chunk.is_empty() {
        for doc in chunk.iter().flatten() {
            if let Some(w) = &doc.warning {
                summary.warn(&doc.id, w);
            }
        }
        // The next chunk is read while this one is processed.
        let process = || process_chunk(pipeline, chunk, &work, progress);
        let (outcomes, next) = rayon::join(process, || next_chunk(&mut docs));
        for outcome in outcomes {
            summary.record(&outcome);
            sink(outcome)?;
        }
        chunk = next;
    }
    progress.finish();
    summary.inputs = docs.inputs_seen();
    summary.ignored = docs.ignored();
    Ok(summary)
}

/// Run `work` over the documents of `chunk` in parallel, a batch per thread at a time;
/// outcomes in chunk order. Each document's languages are read first; the documents are
/// then read on in the order of their languages (each language's in chunk order), so
/// that one language's rules serve many documents in a row and stay in the processor's
/// caches. Documents in alternating languages evict each other's rules: a corpus of four
/// languages mixed reads about a quarter faster so.
fn process_chunk<T, F>(
    pipeline: &Pipeline,
    chunk: Vec<Result<Document, Skipped>>,
    work: &F,
    progress: &dyn Progress,
) -> Vec<Result<Done<T>, Skipped>>
where
    T: Send,
    F: Fn(&Pipeline, Prepared<'_>) -> T + Sync,
{
    let mut detected: Vec<Detecting> = chunk
        .par_iter()
        .enumerate()
        .map(|(position, item)| Detecting {
            position,
            bytes: item.as_ref().ok().map(|doc| doc.text.len() as u64),
            detected: item
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|doc| pipeline.read_languages(doc)),
        })
        .collect();
    detected.sort_by(|a, b| a.lang().cmp(&b.lang()));
    let mut langs: Vec<&str> = detected.iter().filter_map(Detecting::lang).collect();
    langs.dedup();
    pipeline.rules.compile_languages(&langs);
    let batch_docs = batch_size(detected.len(), rayon::current_num_threads());
    let mut done: Vec<(usize, Result<Done<T>, Skipped>)> = detected
        .into_par_iter()
        .chunks(batch_docs)
        .flat_map_iter(|batch| process_batch(pipeline, batch, work, progress))
        .collect();
    done.sort_unstable_by_key(|&(position, _)| position);
    done.into_iter().map(|(_, outcome)| outcome).collect()
}

/// The documents of a batch, for a chunk of `docs` documents read by `threads` threads:
/// [`BATCH_DOCS`], or fewer where a chunk has too few documents to give every thread that
/// many (a run over a handful of articles).
fn batch_size(docs: usize, threads: usize) -> usize {
    docs.div_ceil(threads.max(1)).clamp(1, BATCH_DOCS)
}

/// A document of a chunk read as far as its languages, or why it cannot be read.
struct Detecting<'d> {
    /// Its position in the chunk.
    position: usize,
    /// The bytes of its text, for the progress bar (none for an input not read).
    bytes: Option<u64>,
    /// The document read as far as its languages, or why it cannot be read.
    detected: Result<Detected<'d>, Skipped>,
}

impl Detecting<'_> {
    /// The document's language code; none for one that cannot be read.
    fn lang(&self) -> Option<&str> {
        self.detected.as_ref().ok().map(Detected::lang)
    }
}

/// Run `work` over the documents of `batch`, each read as far as its entities
/// ([`Pipeline::name_entities`]) before any is read further: the rules of those stages
/// stay in the processor's cache while they serve the whole batch, which makes
/// extraction about a tenth faster than reading each document through before the next.
/// Each outcome with the document's position in its chunk.
fn process_batch<T, F>(
    pipeline: &Pipeline,
    batch: Vec<Detecting<'_>>,
    work: &F,
    progress: &dyn Progress,
) -> Vec<(usize, Result<Done<T>, Skipped>)>
where
    F: Fn(&Pipeline, Prepared<'_>) -> T,
{
    let prepared: Vec<(usize, Option<u64>, Result<Prepared, Skipped>)> = batch
        .into_iter()
        .map(|d| {
            let prepared = d.detected.map(|d| pipeline.name_entities(d));
            (d.position, d.bytes, prepared)
        })
        .collect();
    prepared
        .into_iter()
        .map(|(position, bytes, prepared)| {
            let outcome = prepared.map(|prepared| {
                let (doc, lang) = (prepared.doc().id.clone(), prepared.lang().to_string());
                let output = work(pipeline, prepared);
                Done { doc, lang, output }
            });
            if let Some(bytes) = bytes {
                progress.advance(bytes, 1);
            }
            (position, outcome)
        })
        .collect()
}

/// The next documents (or skips) to process together.
fn next_chunk(
    docs: &mut impl Iterator<Item = Result<Document, Skipped>>,
) -> Vec<Result<Document, Skipped>> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    for item in docs.by_ref() {
        bytes += item.as_ref().map_or(0, |d| d.text.len());
        chunk.push(item);
        if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES {
            break;
        }
    }
    chunk
}

/// Run `work` over every document of `paths` and collect the outcomes in input order.
pub fn run<T, F>(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    options: &RunOptions,
    work: F,
) -> (Vec<Done<T>>, Summary)
where
    T: Send,
    F: Fn(&Pipeline, Prepared<'_>) -> T + Sync,
{
    let mut done = Vec::new();
    let summary = stream(pipeline, paths, options, work, |outcome| {
        done.extend(outcome.ok());
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(summary) = summary;
    (done, summary)
}

/// The claims of every document of `paths`, and each document's language (what a
/// cross-check report counts). Each company no list holds is named by the one id the run
/// gives it ([`RunNames`]).
pub fn documents_and_claims(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    options: &RunOptions,
) -> (Vec<Claim>, BTreeMap<String, String>, Summary) {
    let (done, mut summary) = run(pipeline, paths, options, |p, d| p.claims_of(d));
    let mut docs = BTreeMap::new();
    let mut claims = Vec::new();
    for d in done {
        docs.insert(d.doc, d.lang);
        claims.extend(d.output);
    }
    name_companies(pipeline, &mut claims);
    summary.items = claims.len();
    (claims, docs, summary)
}

/// Extract the claims of every document of `paths` (default reading options), each
/// company no list holds named by the one id the run gives it ([`RunNames`]).
pub fn extract(pipeline: &Pipeline, paths: &[PathBuf]) -> (Vec<Claim>, Summary) {
    let (done, mut summary) = run(pipeline, paths, &RunOptions::default(), |p, d| {
        p.claims_of(d)
    });
    let mut claims: Vec<Claim> = done.into_iter().flat_map(|d| d.output).collect();
    name_companies(pipeline, &mut claims);
    summary.items = claims.len();
    (claims, summary)
}

/// Give each company no list holds that `claims` name the one id the run gives it.
fn name_companies(pipeline: &Pipeline, claims: &mut [Claim]) {
    let rules = &pipeline.rules;
    let renames = RunNames::renames_of_claims(&rules.gazetteer, &rules.designator_ids(), claims);
    if !renames.is_empty() {
        claims.iter_mut().for_each(|c| renames.apply(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_of_few_documents_is_shared_between_the_threads() {
        // (documents in the chunk, threads, documents per batch)
        let cases = [
            (512, 2, BATCH_DOCS),
            (64, 2, BATCH_DOCS),
            (22, 2, 11),
            (23, 2, 12),
            (22, 1, 22),
            (3, 8, 1),
            (1, 2, 1),
            (0, 2, 1),
            (100, 0, BATCH_DOCS),
        ];
        for (docs, threads, expected) in cases {
            assert_eq!(batch_size(docs, threads), expected, "{docs} on {threads}");
        }
    }
}
