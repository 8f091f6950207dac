//! Language detection, restricted to the languages that have rule files.
//!
//! A document's language comes from a bounded sample of its text; paragraphs long enough
//! to judge are checked on their own so that a document mixing languages is read with the
//! right rules for each part. Short paragraphs (headlines, captions, bylines) take the
//! document's language: the detector misreads them too often to trust.

use std::ops::Range;

use whatlang::{Detector, Lang};

use crate::error::floor_char_boundary;
use crate::rules::RuleSet;

/// Bytes of a document sampled to decide its language.
const DOC_SAMPLE: usize = 1024;
/// Bytes of a paragraph sampled to check whether it is in another language.
const PARAGRAPH_SAMPLE: usize = 384;
/// Paragraphs shorter than this (in bytes) take the document's language.
const MIN_PARAGRAPH: usize = 240;

/// Detects languages among those that have rules.
pub struct LanguageDetector {
    allowed: Detector,
    known: Vec<(Lang, String)>,
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
        LanguageDetector { allowed, known }
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
                self.allowed
                    .detect(&slice[..floor_char_boundary(slice, PARAGRAPH_SAMPLE)])
                    .filter(|info| info.is_reliable())
                    .and_then(|info| self.code_of(info.lang()))
                    .unwrap_or(doc_lang)
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
}

/// Paragraphs: byte ranges separated by blank lines (the separators stay with the
/// preceding paragraph so that the ranges cover the text).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
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
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
