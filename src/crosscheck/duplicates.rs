//! Near-duplicate documents: an article republished by another outlet is one source, not
//! two. Documents are compared by the sentences their claims rest on, each sentence a hash
//! of its words.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::compare::common;
use crate::claims::Claim;

/// Two documents whose claims come from the same sentences at least this much
/// (Jaccard) are one article republished.
const DUPLICATE_SIMILARITY: f64 = 0.7;

/// Each republished article with the first document (in canonical order, by name) it
/// republishes, both as positions among `documents` (in name order, so the pairs sort as
/// their names do): documents whose claims come from the same sentences (at least two shared, and a Jaccard similarity of their sentence sets of at least
/// [`DUPLICATE_SIMILARITY`]). Sentences are compared by a hash of their words (case and
/// spacing ignored). Only documents sharing one of their rarest sentences are compared
/// (prefix filtering: two sets that similar must share one of the first
/// `|A| - ⌈t·|A|⌉ + 1` of their sentences in an order of rising frequency), so a sentence
/// that thousands of documents repeat costs nothing. `claims` are in canonical order, so
/// each document's claims are consecutive.
pub(super) fn near_duplicates(claims: &[Claim], documents: &[Range<usize>]) -> Vec<[u32; 2]> {
    let sets = SentenceSets::of(claims, documents);
    let mut postings: Vec<(u64, u32)> = (0..documents.len())
        .into_par_iter()
        .fold(Vec::new, |mut postings, d| {
            sets.push_rarest(d, &mut postings);
            postings
        })
        .flatten_iter()
        .collect();
    postings.par_sort_unstable();
    // Within each run of documents sharing a rare sentence, each document with the first
    // earlier one it is similar to: a copy of a wire story costs one comparison, not one
    // per earlier copy.
    let mut earliest: Vec<(u32, u32)> = postings
        .par_chunk_by(|a, b| a.0 == b.0)
        .flat_map_iter(|run| {
            let sets = &sets;
            run.iter().enumerate().filter_map(move |(k, &(_, later))| {
                run[..k]
                    .iter()
                    .map(|&(_, earlier)| earlier)
                    .find(|&earlier| similar(sets.of_document(earlier), sets.of_document(later)))
                    .map(|earlier| (later, earlier))
            })
        })
        .collect();
    // The earliest of all: any document similar enough shares a run with it.
    earliest.par_sort_unstable();
    earliest.dedup_by_key(|&mut (later, _)| later);
    let mut pairs: Vec<[u32; 2]> = earliest
        .into_iter()
        .map(|(later, earlier)| [earlier, later])
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Each document's sentences as sorted, distinct hashes, one list after the other, and
/// how many documents hold each.
struct SentenceSets {
    /// How many documents hold the sentence of each entry.
    frequency: Vec<u32>,
    /// Each document's entries.
    spans: Vec<Range<usize>>,
    /// The entries' hashes alone, for comparing sets.
    hashes: Vec<u64>,
}

impl SentenceSets {
    /// The sentence set of each of `documents`, ranges of `claims`.
    fn of(claims: &[Claim], documents: &[Range<usize>]) -> SentenceSets {
        // A sentence shared by claims (a wire story's copies) is one text: hashed once.
        let hashes: Vec<u64> = claims
            .par_iter()
            .map_init(
                || (String::new(), FxHashMap::default()),
                |(words, seen), c| {
                    let text = &c.evidence.text;
                    *seen
                        .entry((text.as_ptr(), text.len()))
                        .or_insert_with(|| sentence_hash(text, words))
                },
            )
            .collect();
        let mut entries: Vec<(u32, u64)> = documents
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, run)| hashes[run.clone()].iter().map(move |&h| (d as u32, h)))
            .collect();
        entries.par_sort_unstable();
        entries.dedup();
        let mut by_hash: Vec<(u64, u32)> = entries
            .par_iter()
            .enumerate()
            .map(|(e, &(_, h))| (h, e as u32))
            .collect();
        by_hash.par_sort_unstable();
        let mut frequency = vec![0u32; entries.len()];
        for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
            for &(_, e) in run {
                frequency[e as usize] = run.len() as u32;
            }
        }
        let mut spans = vec![0..0; documents.len()];
        let mut start = 0;
        for run in entries.chunk_by(|a, b| a.0 == b.0) {
            spans[run[0].0 as usize] = start..start + run.len();
            start += run.len();
        }
        let hashes = entries.iter().map(|&(_, h)| h).collect();
        SentenceSets {
            frequency,
            spans,
            hashes,
        }
    }

    /// Document `d`'s sorted sentence hashes.
    fn of_document(&self, d: u32) -> &[u64] {
        &self.hashes[self.spans[d as usize].clone()]
    }

    /// Push (hash, `d`) for the prefix of document `d`'s rarest sentences that any set
    /// similar enough to it must share one of; nothing for a document of one sentence.
    fn push_rarest(&self, d: usize, postings: &mut Vec<(u64, u32)>) {
        let span = self.spans[d].clone();
        if span.len() < 2 {
            return;
        }
        let needed = (DUPLICATE_SIMILARITY * span.len() as f64 - 1e-9)
            .ceil()
            .max(1.0) as usize;
        let mut rarest: SmallVec<[usize; 16]> = span.collect();
        rarest.sort_unstable_by_key(|&e| (self.frequency[e], self.hashes[e]));
        let prefix = rarest.len() - needed + 1;
        postings.extend(rarest[..prefix].iter().map(|&e| (self.hashes[e], d as u32)));
    }
}

/// Whether two sorted sentence sets share at least two sentences and
/// [`DUPLICATE_SIMILARITY`] of their union.
fn similar(a: &[u64], b: &[u64]) -> bool {
    let shared = common(a, b, usize::MAX);
    let union = a.len() + b.len() - shared;
    shared >= 2 && shared as f64 / union as f64 >= DUPLICATE_SIMILARITY
}

/// A hash of a sentence's words, ignoring case and spacing; `words` is scratch space. The
/// hash is only compared for equality, so a fast one serves.
fn sentence_hash(s: &str, words: &mut String) -> u64 {
    use std::hash::{Hash, Hasher};
    words.clear();
    for word in s.split_whitespace() {
        if word.is_ascii() {
            let start = words.len();
            words.push_str(word);
            words[start..].make_ascii_lowercase();
        } else {
            words.extend(word.chars().flat_map(char::to_lowercase));
        }
        words.push(' ');
    }
    let mut hasher = rustc_hash::FxHasher::default();
    words.hash(&mut hasher);
    hasher.finish()
}

/// The documents of a check by position (in name order, as the claims are), and which
/// one each republishes: a verdict counts sources and sorts documents as small numbers,
/// without reaching into each claim's strings.
pub(super) struct Sources {
    /// Each claim's document.
    doc_of: Vec<u32>,
    /// Each document's source: the first document (by name) it republishes, else itself.
    source: Vec<u32>,
    /// Each document's first claim, which names it.
    first: Vec<usize>,
}

impl Sources {
    /// The documents of `claims` (in canonical order, `documents` their runs), each
    /// republished article with the first document it republishes among `duplicates`
    /// (sorted pairs of positions, as [`near_duplicates`] finds them).
    pub(super) fn of(
        claims: &[Claim],
        documents: &[Range<usize>],
        duplicates: &[[u32; 2]],
    ) -> Sources {
        let mut doc_of = vec![0u32; claims.len()];
        for (d, run) in documents.iter().enumerate() {
            doc_of[run.clone()].fill(d as u32);
        }
        let first: Vec<usize> = documents.iter().map(|run| run.start).collect();
        let mut source: Vec<u32> = (0..documents.len() as u32).collect();
        // A source comes before what republishes it, so its own source is known.
        for &[a, b] in duplicates {
            if source[b as usize] == b {
                source[b as usize] = source[a as usize];
            }
        }
        Sources {
            doc_of,
            source,
            first,
        }
    }

    /// The document of claim `c`.
    pub(super) fn doc(&self, c: usize) -> u32 {
        self.doc_of[c]
    }

    /// The source of claim `c`'s document: the document it republishes, else its own.
    pub(super) fn source(&self, c: usize) -> u32 {
        self.source[self.doc_of[c] as usize]
    }

    /// The document that claim `c`'s document republishes, if it republishes one.
    pub(super) fn republished(&self, c: usize) -> Option<u32> {
        let source = self.source(c);
        (source != self.doc_of[c]).then_some(source)
    }

    /// The name of document `d`.
    pub(super) fn name<'c>(&self, claims: &'c [Claim], d: u32) -> &'c str {
        &claims[self.first[d as usize]].doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crosscheck::order::{documents, in_canonical_order};
    use crate::crosscheck::test_claims::claim;

    #[test]
    fn republished_documents_are_found_and_shared_boilerplate_is_not_enough() {
        let mut claims = Vec::new();
        // 300 documents repeat two boilerplate sentences, each with one of its own.
        for d in 0..300 {
            let doc = format!("outlet_{d:03}.txt");
            claims.push(claim(&doc, 0, "The company said so on Monday."));
            claims.push(claim(&doc, 1, "It   did not   say more."));
            claims.push(claim(&doc, 2, &format!("Sentence {d} of its own.")));
            claims.push(claim(&doc, 3, &format!("Another sentence {d} of its own.")));
        }
        // A copy of outlet_007, case and spacing changed, and one with a sentence more.
        for (doc, extra) in [("copy_a.txt", None), ("copy_b.txt", Some("A new line."))] {
            claims.push(claim(doc, 0, "the company said so on monday."));
            claims.push(claim(doc, 1, "It did not say more."));
            claims.push(claim(doc, 2, "Sentence 7 of its own."));
            claims.push(claim(doc, 3, "Another  sentence 7 of its own."));
            claims.extend(extra.map(|s| claim(doc, 4, s)));
        }
        let claims = in_canonical_order(claims);
        let documents = documents(&claims);
        let name = |d: u32| claims[documents[d as usize].start].doc.to_string();
        let pairs: Vec<[String; 2]> = near_duplicates(&claims, &documents)
            .into_iter()
            .map(|pair| pair.map(name))
            .collect();
        // Each copy is paired with the first document it republishes, not with every one.
        let expected = [
            ["copy_a.txt", "copy_b.txt"],
            ["copy_a.txt", "outlet_007.txt"],
        ];
        assert_eq!(pairs, expected.map(|p| p.map(str::to_string)));
    }
}
