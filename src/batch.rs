//! Running the pipeline over many inputs: in parallel across documents, with output in
//! input order whatever the number of threads, and a summary that accounts for every input.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::claims::Claim;
use crate::corpus::{discover, read, Document, Skipped};
use crate::pipeline::Pipeline;

/// What happened to one document.
#[derive(Debug)]
pub enum Outcome<T> {
    /// Processed, in this language, giving this.
    Done {
        /// The document's id.
        doc: String,
        /// Its language code.
        lang: String,
        /// What the run made of it.
        output: T,
    },
    /// Not processed, and why.
    Skipped(Skipped),
}

/// The run summary: documents read by language, claims, and every skip with its reason.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    /// Input files found.
    pub inputs: usize,
    /// Documents processed.
    pub docs: usize,
    /// Documents processed per language code.
    pub langs: BTreeMap<String, usize>,
    /// Claims (or mentions) written.
    pub items: usize,
    /// Inputs and documents skipped, with reasons.
    pub skipped: Vec<Skipped>,
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
            self.skipped.len()
        );
        for s in &self.skipped {
            out.push_str(&format!("  skipped {}: {}\n", s.input, s.reason));
        }
        out
    }
}

/// Run `work` over every document of `paths`, in parallel; outcomes come back in input
/// order, with the summary.
pub fn run<T, F>(pipeline: &Pipeline, paths: &[PathBuf], work: F) -> (Vec<Outcome<T>>, Summary)
where
    T: Send,
    F: Fn(&Pipeline, &Document) -> Result<(String, T), Skipped> + Sync,
{
    let (inputs, mut skipped) = discover(paths);
    let mut summary = Summary {
        inputs: inputs.len() + skipped.len(),
        ..Summary::default()
    };
    let per_input: Vec<(Vec<Outcome<T>>, Vec<Skipped>)> = inputs
        .par_iter()
        .map(|input| {
            let (docs, skips) = read(input);
            let outcomes = docs
                .iter()
                .map(|doc| match work(pipeline, doc) {
                    Ok((lang, output)) => Outcome::Done {
                        doc: doc.id.clone(),
                        lang,
                        output,
                    },
                    Err(s) => Outcome::Skipped(s),
                })
                .collect();
            (outcomes, skips)
        })
        .collect();
    let mut outcomes = Vec::new();
    for (outs, skips) in per_input {
        skipped.extend(skips);
        for o in outs {
            match &o {
                Outcome::Done { lang, .. } => {
                    summary.docs += 1;
                    *summary.langs.entry(lang.clone()).or_default() += 1;
                }
                Outcome::Skipped(s) => skipped.push(s.clone()),
            }
            outcomes.push(o);
        }
    }
    summary.skipped = skipped;
    (outcomes, summary)
}

/// Extract the claims of every document of `paths`.
pub fn extract(pipeline: &Pipeline, paths: &[PathBuf]) -> (Vec<Claim>, Summary) {
    let (outcomes, mut summary) = run(pipeline, paths, |p, d| p.claims(d));
    let claims: Vec<Claim> = outcomes
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Done { output, .. } => Some(output),
            Outcome::Skipped(_) => None,
        })
        .flatten()
        .collect();
    summary.items = claims.len();
    (claims, summary)
}
