//! Language detection, restricted to the languages that have rule files.
//!
//! A document's language comes from a bounded sample of its text; paragraphs long enough
//! to judge are checked on their own so that a document mixing languages is read with the
//! right rules for each part. Short paragraphs (headlines, captions, bylines) take the
//! document's language: the detector misreads them too often to trust.
//!
//! First guess: each rule file's function words ("the", "les", "het"), counted in one
//! pass over the words, many times faster than the trigram detector (whatlang). When one
//! language's words clearly dominate, that is the answer; otherwise whatlang decides, so
//! a language without rules is still recognised as such. A paragraph where the document's
//! own function words still lead, if not clearly, keeps the document's language without
//! asking whatlang, which misreads a paragraph of names.

use std::ops::Range;

use rustc_hash::FxHashMap;
use whatlang::{Detector, Lang};

use crate::error::floor_char_boundary;
use crate::rules::{RuleSet, LONGEST_FUNCTION_WORD};

/// Bytes of a document sampled to decide its language.
const DOC_SAMPLE: usize = 1024;
/// Bytes of a paragraph sampled to check whether it is in another language.
const PARAGRAPH_SAMPLE: usize = 384;
/// Paragraphs shorter than this (in bytes) take the document's language.
const MIN_PARAGRAPH: usize = 240;

/// A profile decides alone when its language has at least this many function words in
/// the sample...
const MIN_PROFILE_HITS: usize = 8;
/// ...at least this many times as many as any other language...
const PROFILE_MARGIN: usize = 3;
/// ...and they make at least this share (in percent) of the sample's words.
const MIN_PROFILE_SHARE: usize = 12;

/// Detects languages among those that have rules.
pub struct LanguageDetector {
    allowed: Detector,
    known: Vec<(Lang, String)>,
    profiles: Option<Profiles>,
}

/// Every language's function words, looked up word by word.
struct Profiles {
    /// Per function word (its [`word_key`]), the index in `known` of its language: the
    /// first that lists it.
    language_of: FxHashMap<u128, usize>,
}

/// A byte of a word: an ASCII letter or digit, or any byte of a non-ASCII character.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A word of at most [`LONGEST_FUNCTION_WORD`] bytes as one number, with ASCII letters
/// in lower case: a table lookup costs a multiplication, not a string hash.
fn word_key(word: &[u8]) -> u128 {
    let mut key = [0u8; LONGEST_FUNCTION_WORD];
    key[..word.len()].copy_from_slice(word);
    key.make_ascii_lowercase();
    u128::from_le_bytes(key)
}

impl Profiles {
    fn new(words: &[(usize, &String)]) -> Option<Profiles> {
        let mut language_of = FxHashMap::default();
        // Rule files give no longer word; a longer one could never be looked up.
        let short = words
            .iter()
            .filter(|(_, w)| w.len() <= LONGEST_FUNCTION_WORD);
        for &(lang, word) in short {
            language_of.entry(word_key(word.as_bytes())).or_insert(lang);
        }
        (!language_of.is_empty()).then_some(Profiles { language_of })
    }

    /// Function words of each language in `text`, counted as whole words (ASCII letters in
    /// any case), and the number of words in `text`.
    fn count(&self, text: &str, languages: usize) -> (Vec<usize>, usize) {
        let mut counts = vec![0; languages];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && is_word_byte(bytes[i]) {
                i += 1;
            }
            let word = &bytes[start..i];
            if !word.is_empty() && word.len() <= LONGEST_FUNCTION_WORD {
                if let Some(&lang) = self.language_of.get(&word_key(word)) {
                    counts[lang] += 1;
                }
            }
            i += 1;
        }
        (counts, blank_separated_words(bytes))
    }
}

/// Words separated by ASCII blanks, as `str::split_ascii_whitespace` counts them.
fn blank_separated_words(bytes: &[u8]) -> usize {
    let mut words = 0;
    let mut blank = true;
    for &b in bytes {
        let is_blank = b.is_ascii_whitespace();
        words += usize::from(blank && !is_blank);
        blank = is_blank;
    }
    words
}

/// The outcome of detecting a document's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    /// A language with rules, and the parts of the text (byte ranges) in each language.
    Supported {
        /// The document's language code.
        lang: String,
        /// Consecutive parts covering the text, each with its language code.
        parts: Vec<(Range<usize>, String)>,
    },
    /// A language without rules (ISO 639-3 code as the detector names it).
    Unsupported(String),
    /// Too little text to tell.
    Unknown,
}

impl LanguageDetector {
    /// A detector for the languages of `rules`.
    pub fn new(rules: &RuleSet) -> LanguageDetector {
        let known: Vec<(Lang, String)> = rules
            .languages
            .values()
            .map(|l| (l.detector, l.code.clone()))
            .collect();
        let allowed = Detector::with_allowlist(known.iter().map(|(l, _)| *l).collect());
        let words: Vec<(usize, &String)> = rules
            .languages
            .values()
            .enumerate()
            .flat_map(|(i, l)| l.function_words.iter().map(move |w| (i, w)))
            .collect();
        let profiles = Profiles::new(&words);
        LanguageDetector {
            allowed,
            known,
            profiles,
        }
    }

    /// Function words of each known language in `sample`, counted, and its number of words.
    fn counts(&self, sample: &str) -> Option<(Vec<usize>, usize)> {
        let profiles = self.profiles.as_ref()?;
        Some(profiles.count(sample, self.known.len()))
    }

    /// The language whose function words clearly dominate `sample`, if one does.
    /// `share` also asks that they make a fair part of its words (a whole document; a
    /// paragraph is judged on the margin alone).
    fn profile_language(&self, sample: &str, share: bool) -> Option<&str> {
        let (counts, words) = self.counts(sample)?;
        self.clear_leader(&counts, words, share)
    }

    /// The language of `counts` (out of `words` words) that clearly dominates, if one does.
    fn clear_leader(&self, counts: &[usize], words: usize, share: bool) -> Option<&str> {
        let (best, &hits) = counts.iter().enumerate().max_by_key(|(_, &n)| n)?;
        let runner_up = counts
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != best)
            .map(|(_, &n)| n)
            .max()
            .unwrap_or(0);
        let clear = hits >= MIN_PROFILE_HITS.min(words / 4).max(3)
            && hits >= PROFILE_MARGIN * runner_up.max(1)
            && (!share || hits * 100 >= MIN_PROFILE_SHARE * words);
        clear.then(|| self.known[best].1.as_str())
    }

    /// Whether the function words of language `code` outnumber every other language's.
    fn leads(&self, counts: &[usize], code: &str) -> bool {
        let Some(own) = self.known.iter().position(|(_, c)| c == code) else {
            return false;
        };
        counts
            .iter()
            .enumerate()
            .all(|(i, &n)| i == own || n < counts[own])
    }

    fn code_of(&self, lang: Lang) -> Option<&str> {
        self.known
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, c)| c.as_str())
    }

    /// Detect the language of `text`, or take `forced` (a language code) as given.
    pub fn detect(&self, text: &str, forced: Option<&str>) -> Detection {
        let lang = match forced {
            Some(code) => code.to_string(),
            None => match self.document_language(text) {
                Ok(code) => code,
                Err(detection) => return detection,
            },
        };
        let parts = if forced.is_some() {
            vec![(0..text.len(), lang.clone())]
        } else {
            self.paragraph_languages(text, &lang)
        };
        Detection::Supported { lang, parts }
    }

    /// One detection among all languages; a second one among those with rules only when
    /// the first found an unsupported language without being sure of it.
    fn document_language(&self, text: &str) -> Result<String, Detection> {
        let sample = &text[..floor_char_boundary(text, DOC_SAMPLE)];
        if let Some(code) = self.profile_language(sample, true) {
            return Ok(code.to_string());
        }
        if let Some(info) = whatlang::detect(sample) {
            match self.code_of(info.lang()) {
                Some(code) => return Ok(code.to_string()),
                None if info.is_reliable() => {
                    return Err(Detection::Unsupported(info.lang().code().to_string()))
                }
                None => {}
            }
        }
        self.allowed
            .detect_lang(sample)
            .and_then(|l| self.code_of(l))
            .map(str::to_string)
            .ok_or(Detection::Unknown)
    }

    /// Split `text` into paragraphs and give each long one its own detected language when
    /// the detector is confident; everything else takes `doc_lang`.
    fn paragraph_languages(&self, text: &str, doc_lang: &str) -> Vec<(Range<usize>, String)> {
        let mut parts: Vec<(Range<usize>, String)> = Vec::new();
        for para in paragraphs(text) {
            let slice = &text[para.clone()];
            let lang = if slice.len() >= MIN_PARAGRAPH {
                let sample = &slice[..floor_char_boundary(slice, PARAGRAPH_SAMPLE)];
                self.paragraph_language(sample, doc_lang)
            } else {
                doc_lang
            };
            match parts.last_mut() {
                Some((range, l)) if l == lang => range.end = para.end,
                _ => parts.push((para, lang.to_string())),
            }
        }
        if parts.is_empty() {
            parts.push((0..text.len(), doc_lang.to_string()));
        }
        parts
    }

    /// The language of one paragraph's `sample` in a document in `doc_lang`: the one whose
    /// function words clearly dominate; else, unless the document's own function words
    /// still lead (nothing then says the paragraph changes language), whatlang's reliable
    /// answer; else `doc_lang`.
    fn paragraph_language<'a>(&'a self, sample: &str, doc_lang: &'a str) -> &'a str {
        if let Some((counts, words)) = self.counts(sample) {
            if let Some(code) = self.clear_leader(&counts, words, false) {
                return code;
            }
            if self.leads(&counts, doc_lang) {
                return doc_lang;
            }
        }
        self.allowed
            .detect(sample)
            .filter(|info| info.is_reliable())
            .and_then(|info| self.code_of(info.lang()))
            .unwrap_or(doc_lang)
    }
}

/// Paragraphs: byte ranges separated by blank lines (the separators stay with the
/// preceding paragraph so that the ranges cover the text).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in memchr::memchr_iter(b'\n', bytes) {
        if i < start {
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && (bytes[j] == b'\r' || bytes[j] == b' ' || bytes[j] == b'\t') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            out.push(start..j);
            start = j;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// Languages of the parts of `text`, one per paragraph run, as the detector gives them.
    fn part_languages(text: &str) -> Vec<String> {
        let rules = RuleSet::bundled().expect("bundled rules load");
        let detector = LanguageDetector::new(&rules);
        match detector.detect(text, None) {
            Detection::Supported { parts, .. } => parts.into_iter().map(|(_, lang)| lang).collect(),
            other => panic!("not detected: {other:?}"),
        }
    }

    #[test]
    fn a_paragraph_in_another_language_is_read_in_that_language() {
        let text = "Le groupe américain a annoncé mardi qu'il allait investir plus de deux \
            milliards d'euros dans de nouveaux centres de données en France. Selon la \
            direction, les travaux commenceront dès le mois prochain et dureront trois ans.\n\n\
            In a statement sent to the press, the company said that the new sites would be \
            among the largest it has built in Europe, and that it expected the first of them \
            to open by the end of next year, subject to the usual approvals. It gave no \
            figure for the jobs that the sites would create.\n\n\
            Le ministre a salué une décision qui confirme, selon lui, l'attractivité du pays \
            pour les investisseurs étrangers, tout en rappelant que les engagements devront \
            être tenus dans les délais annoncés par l'entreprise.";
        assert_eq!(part_languages(text), ["fr", "en", "fr"]);
    }

    #[test]
    fn a_paragraph_of_names_stays_in_the_document_language() {
        let text = "Le sommet s'est tenu lundi à Versailles, où le président a reçu les \
            dirigeants de plusieurs groupes étrangers venus annoncer de nouveaux \
            investissements dans le pays, pour un total de plusieurs milliards d'euros.\n\n\
            Microsoft, Amazon Web Services, Google Cloud, Nvidia, OpenAI, Mistral AI, \
            Hugging Face, Scaleway, OVHcloud, Capgemini et Dassault Systèmes: Sundar Pichai, \
            Satya Nadella, Jensen Huang, Arthur Mensch, Brad Smith, Andy Jassy, Marc \
            Benioff, Lisa Su et Sam Altman, dans la galerie des Batailles.";
        assert_eq!(part_languages(text), ["fr"]);
    }

    #[test]
    fn paragraphs_cover_the_text() {
        let text = "one\n\ntwo\nstill two\n\n\nthree";
        let p = paragraphs(text);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].start, 0);
        assert_eq!(p.last().unwrap().end, text.len());
        assert!(text[p[1].clone()].starts_with("two\nstill two"));
    }
}
