//! The extraction pipeline for one document: language, sentences, mentions, claims.
//!
//! A [`Pipeline`] holds the compiled rules and the language detector; it is built once per
//! run and shared (read-only) by every worker thread.

use std::ops::Range;

use crate::claims::{assemble, explain, frames_bound, place_in_time, Article, Claim, Text, Topics};
use crate::corpus::{Document, SkipReason, Skipped};
use crate::extract::{
    dateline_places, entities, open_companies, placed_in_context, read_part, Mention,
};
use crate::lang::{Detection, LanguageDetector};
use crate::normalize::Normalized;
use crate::rules::{Entity, RuleSet};

/// The reading of a document and of its sentences, re-exported from the stage that
/// produces them for the callers that name them through the pipeline.
pub use crate::extract::{Analysis, Sentence};

/// A document's language code, and its consecutive parts (byte ranges) with the language
/// code each is read in.
pub type Languages = (String, Vec<(Range<usize>, String)>);

/// A document read as far as every reading of it goes alike: its text in NFC, its
/// languages, and the entities it names. A batch run reads a few documents this far
/// before it reads any of them further: the rules of these stages then stay in the
/// processor's cache while they serve every document of the few.
pub struct Prepared<'d> {
    doc: &'d Document,
    normal: Normalized<'d>,
    lang: String,
    parts: Vec<(Range<usize>, String)>,
    open: Vec<Entity>,
    named: Vec<Mention>,
}

impl<'d> Prepared<'d> {
    /// The document.
    pub fn doc(&self) -> &'d Document {
        self.doc
    }

    /// The document's language code.
    pub fn lang(&self) -> &str {
        &self.lang
    }
}

/// A document read as far as its languages: its text in NFC and the language of each of
/// its parts. A batch run reads its documents this far, then reads them on in the order
/// of their languages, so that one language's rules serve many documents in a row.
pub struct Detected<'d> {
    doc: &'d Document,
    normal: Normalized<'d>,
    lang: String,
    parts: Vec<(Range<usize>, String)>,
}

impl Detected<'_> {
    /// The document's language code.
    pub fn lang(&self) -> &str {
        &self.lang
    }
}

/// Compiled rules plus language detection: everything needed to process documents.
pub struct Pipeline {
    /// The rules of this run.
    pub rules: RuleSet,
    detector: LanguageDetector,
    forced_lang: Option<String>,
}

impl Pipeline {
    /// A pipeline over `rules`; `forced_lang` reads every document in that language.
    pub fn new(rules: RuleSet, forced_lang: Option<String>) -> Pipeline {
        let detector = LanguageDetector::new(&rules);
        Pipeline {
            rules,
            detector,
            forced_lang,
        }
    }

    /// `doc` read as far as its entities ([`Prepared`]), or why it cannot be read.
    pub fn prepare<'d>(&self, doc: &'d Document) -> Result<Prepared<'d>, Skipped> {
        Ok(self.name_entities(self.read_languages(doc)?))
    }

    /// `doc` read as far as its languages ([`Detected`]), or why it cannot be read: the
    /// first step of [`Pipeline::prepare`].
    pub fn read_languages<'d>(&self, doc: &'d Document) -> Result<Detected<'d>, Skipped> {
        let normal = Normalized::new(&doc.text);
        let (lang, parts) = self.languages(doc, &normal.text)?;
        Ok(Detected {
            doc,
            normal,
            lang,
            parts,
        })
    }

    /// The `detected` document read as far as its entities: the second step of
    /// [`Pipeline::prepare`].
    pub fn name_entities<'d>(&self, detected: Detected<'d>) -> Prepared<'d> {
        let Detected {
            doc,
            normal,
            lang,
            parts,
        } = detected;
        let (open, named) = self.entities(&normal.text, &parts);
        Prepared {
            doc,
            normal,
            lang,
            parts,
            open,
            named,
        }
    }

    /// Read `doc` through the rules, or say why it cannot be: every mention, for rule
    /// authors. Offsets are into `doc.text`.
    pub fn analyse(&self, doc: &Document) -> Result<Analysis, Skipped> {
        Ok(self.analysis_of(self.prepare(doc)?))
    }

    /// Every mention of the `prepared` document, for rule authors. Offsets are into its
    /// text as it came.
    pub fn analysis_of(&self, prepared: Prepared) -> Analysis {
        let Prepared {
            normal,
            lang,
            parts,
            open,
            named,
            ..
        } = prepared;
        let mut analysis = Analysis {
            lang,
            sentences: self.sentences(&normal.text, parts, named, true).collect(),
            open,
        };
        if normal.changed() {
            for sentence in &mut analysis.sentences {
                sentence.range = normal.start(sentence.range.start)..normal.end(sentence.range.end);
                for m in &mut sentence.mentions {
                    (m.start, m.end) = (normal.start(m.start), normal.end(m.end));
                }
            }
        }
        analysis
    }

    /// The entities `text` names in its `parts`: the companies no list holds, and the
    /// mentions of every entity, listed or not, in text order.
    fn entities(
        &self,
        text: &str,
        parts: &[(Range<usize>, String)],
    ) -> (Vec<Entity>, Vec<Mention>) {
        let gazetteer = &self.rules.gazetteer;
        let mut found: Vec<Mention> = parts
            .iter()
            .flat_map(|(range, code)| {
                let found = entities(gazetteer, code, text, range.clone());
                found.chain(dateline_places(gazetteer, code, text, range.clone()))
            })
            .collect();
        found.sort_by_key(|m| m.start);
        let languages: Vec<_> = parts
            .iter()
            .map(|(range, code)| (&self.rules.languages[code], range.clone()))
            .collect();
        let open = open_companies(gazetteer, &languages, text, &found);
        let homes: Vec<usize> = languages
            .iter()
            .flat_map(|(lang, _)| &lang.home_countries)
            .filter_map(|id| gazetteer.index_of(id))
            .collect();
        let mut named = placed_in_context(gazetteer, (parts, &homes), text, found);
        if !open.mentions.is_empty() {
            named.retain(|m| !overlaps_any(&open.mentions, m));
            named.extend(open.mentions);
            named.sort_by_key(|m| (m.start, m.end));
        }
        (open.entities, named)
    }

    /// The sentences of `text` in its `parts`, read one at a time as they are asked for:
    /// with `everything` false, sentences without a figure or day keep only their entities
    /// (all a claim needs from them).
    fn sentences<'a>(
        &'a self,
        text: &'a str,
        parts: Vec<(Range<usize>, String)>,
        named: Vec<Mention>,
        everything: bool,
    ) -> impl Iterator<Item = Sentence> + 'a {
        let mut named = named.into_iter().peekable();
        parts.into_iter().flat_map(move |(range, code)| {
            let rules = &self.rules.languages[&code];
            let mut of_part = Vec::new();
            while let Some(m) = named.next_if(|m| m.start < range.end) {
                of_part.push(m);
            }
            read_part(rules, code, text, range, of_part, everything)
        })
    }

    /// The language of `doc` and of each of its parts, as the pipeline reads it: a
    /// language given with the document (or forced for the run) is taken as is. The
    /// parts' ranges are into the text's NFC form ([`Normalized`]), which is the text
    /// itself unless it arrived decomposed.
    pub fn detect(&self, doc: &Document) -> Result<Languages, Skipped> {
        self.languages(doc, &Normalized::new(&doc.text).text)
    }

    fn languages(&self, doc: &Document, text: &str) -> Result<Languages, Skipped> {
        let forced = self.forced_lang.as_deref().or(doc.lang.as_deref());
        let skip = |reason: SkipReason| Skipped::new(&doc.id, reason);
        if let Some(code) = forced {
            if !self.rules.languages.contains_key(code) {
                return Err(skip(SkipReason::NoRulesForLanguage(code.to_string())));
            }
        }
        match self.detector.detect(text, forced) {
            Detection::Supported { lang, parts } => Ok((lang, parts)),
            Detection::Unsupported(code) => {
                Err(skip(SkipReason::UnsupportedLanguage(code.to_string())))
            }
            Detection::Unknown => Err(skip(SkipReason::LanguageUnknown)),
        }
    }

    /// The `prepared` document read as claim assembly reads it, handed to `read`: its
    /// text in NFC, what it is about, and its sentences one at a time.
    fn read_for_claims<T>(
        &self,
        prepared: Prepared,
        read: impl FnOnce(&Normalized, &Topics, &mut dyn Iterator<Item = Sentence>) -> T,
    ) -> T {
        let Prepared {
            normal,
            parts,
            open,
            named,
            ..
        } = prepared;
        let text = &normal.text;
        let topics = Topics::of(&self.rules, text, &named, open);
        let mut sentences = self.sentences(text, parts, named, false);
        read(&normal, &topics, &mut sentences)
    }

    /// Why `doc` yields the claims it does, as lines for rule authors, with its language
    /// ([`Pipeline::explanation_of`]).
    pub fn explain(&self, doc: &Document) -> Result<(String, Vec<String>), Skipped> {
        let prepared = self.prepare(doc)?;
        let lang = prepared.lang.clone();
        Ok((lang, self.explanation_of(prepared)))
    }

    /// Why the `prepared` document yields the claims it does, as lines for rule authors:
    /// per sentence with a figure or day, the sentence as frames see it, and per figure or
    /// day the frame that bound it and its claim or why it makes none. Offsets are into
    /// its NFC form.
    pub fn explanation_of(&self, prepared: Prepared) -> Vec<String> {
        self.read_for_claims(prepared, |normal, topics, sentences| {
            explain(&self.rules, &normal.text, topics, sentences)
        })
    }

    /// The ids of the frames that bind a figure or day of `doc`, in order.
    pub fn frames_bound(&self, doc: &Document) -> Result<Vec<String>, Skipped> {
        let prepared = self.prepare(doc)?;
        Ok(self.read_for_claims(prepared, |normal, topics, sentences| {
            frames_bound(&self.rules, &normal.text, topics, sentences)
        }))
    }

    /// The claims of `doc`, with its language; evidence offsets are into `doc.text`.
    pub fn claims(&self, doc: &Document) -> Result<(String, Vec<Claim>), Skipped> {
        let prepared = self.prepare(doc)?;
        let lang = prepared.lang.clone();
        Ok((lang, self.claims_of(prepared)))
    }

    /// The claims of the `prepared` document; evidence offsets are into its text as it
    /// came.
    pub fn claims_of(&self, prepared: Prepared) -> Vec<Claim> {
        let doc = prepared.doc;
        self.read_for_claims(prepared, |normal, topics, sentences| {
            let claims = assemble(&self.rules, &doc.id, &normal.text, topics, sentences);
            let mut claims = in_original(doc, normal, claims);
            let article = Article {
                source: doc.source.as_deref().map(Text::from),
                url: doc.url.as_deref().map(Text::from),
                published: doc.published.as_deref().map(Text::from),
            };
            place_in_time(&mut claims, &article);
            claims
        })
    }
}

/// `claims` of `doc` read in its NFC form `normal`, with their evidence offsets and text
/// in the document as it came.
fn in_original(doc: &Document, normal: &Normalized, mut claims: Vec<Claim>) -> Vec<Claim> {
    if normal.changed() {
        for evidence in claims.iter_mut().map(|c| &mut c.evidence) {
            evidence.start = normal.start(evidence.start);
            evidence.end = normal.end(evidence.end);
            evidence.text = doc.text[evidence.start..evidence.end].into();
            for span in [&mut evidence.sentence, &mut evidence.trigger]
                .into_iter()
                .flatten()
            {
                span.start = normal.start(span.start);
                span.end = normal.end(span.end);
            }
        }
    }
    claims
}

/// Whether `m` overlaps one of `sorted` (mentions in text order that do not overlap).
fn overlaps_any(sorted: &[Mention], m: &Mention) -> bool {
    let before_end = sorted.partition_point(|o| o.start < m.end);
    before_end > 0 && sorted[before_end - 1].end > m.start
}
