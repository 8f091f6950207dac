//! The claims of one document: its sentences read in order, each with what the sentences
//! before it said (the last company named, what "the company" means) and what the whole
//! document is about ([`Topics`]); repeated claims merged.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::extract::{Mention, MentionKind, Sentence};
use crate::rules::{Entity, EntityKind, EntityTable, RuleSet, ValueKind};
use crate::value::Value;

use super::merge::{merge_claim, MergeKey};
use super::sentence::{Reading, SentenceReader};
use super::Claim;

/// What a document is mostly about: the company and the place it names most often (the
/// first named of those named as often), each with the words of its first mention.
#[derive(Debug, Default)]
pub struct Topics {
    /// The companies named, most often first (gazetteer index) with the words of their
    /// first mention: the first is what the text is about, the next ones stand in when a
    /// sentence names the first as a bystander.
    pub(super) companies: Vec<(usize, String)>,
    /// The place named most often, likewise; and where it is first named, and whether it
    /// is named more than once.
    pub(super) place: Option<MainPlace>,
    /// The companies it names that no list holds (its entities after the gazetteer's).
    open: Vec<Entity>,
}

impl Topics {
    /// The topics of `text` from its entity mentions (others are ignored), the companies
    /// it names that no list holds being `open`.
    pub fn of(rules: &RuleSet, text: &str, mentions: &[Mention], open: Vec<Entity>) -> Topics {
        let entities = rules.gazetteer.with_open(&open);
        // Per entity (rolled up): mentions, and the span of the first.
        let mut counts: FxHashMap<usize, (usize, Range<usize>)> = FxHashMap::default();
        for m in mentions {
            if let MentionKind::Entity(e) = m.kind {
                let id = entities.claim_id(e.0);
                counts.entry(id).or_insert((0, m.start..m.end)).0 += 1;
            }
        }
        let ranked = |kind: EntityKind| {
            let mut of_kind: Vec<_> = counts
                .iter()
                .filter(|(id, _)| entities[**id].kind == kind)
                .map(|(id, (n, first))| (std::cmp::Reverse(*n), first.start, *id, first.clone()))
                .collect();
            of_kind.sort_unstable_by_key(|(n, start, _, _)| (*n, *start));
            of_kind
                .into_iter()
                .map(|(_, _, id, first)| (id, text[first].to_string()))
        };
        // Places rank by how often the document names their country (a town, a region or
        // the country itself), then by how often it names them: "Milan … northern Italy
        // … Italy … Rome" outweighs "the U.S. group … a U.S. fund … the U.S. market".
        let gazetteer = &rules.gazetteer;
        let country_of = |id: usize| match id < gazetteer.entities.len() {
            true => gazetteer.outermost(id),
            false => id,
        };
        let mut per_country: FxHashMap<usize, usize> = FxHashMap::default();
        for (&id, (n, _)) in counts
            .iter()
            .filter(|(id, _)| entities[**id].kind == EntityKind::Place)
        {
            *per_country.entry(country_of(id)).or_default() += n;
        }
        let main_place = counts
            .iter()
            .filter(|(id, _)| entities[**id].kind == EntityKind::Place)
            .min_by_key(|(id, (n, first))| {
                let country = per_country[&country_of(**id)];
                (
                    std::cmp::Reverse(country),
                    std::cmp::Reverse(*n),
                    first.start,
                )
            })
            .map(|(id, (_, first))| (*id, text[first.clone()].to_string()));
        Topics {
            companies: ranked(EntityKind::Company).collect(),
            place: main_place.map(|(id, words)| MainPlace {
                place: (id, words),
                first: counts[&id].1.start,
                repeated: counts[&id].0 > 1,
            }),
            open,
        }
    }

    /// The entities of the document: the gazetteer's, then the companies it names that no
    /// list holds.
    pub(super) fn entities<'a>(&'a self, rules: &'a RuleSet) -> EntityTable<'a> {
        rules.gazetteer.with_open(&self.open)
    }
}

/// The place a document names most often: where a sentence names none, the place of its
/// located figures.
#[derive(Debug)]
pub(super) struct MainPlace {
    /// The place (gazetteer index) and the words of its first mention.
    pub(super) place: (usize, String),
    /// Where it is first named.
    pub(super) first: usize,
    /// Whether it is named more than once: a place named once stands for the figures
    /// after it only (a factory abroad named in a closing question is not the place of
    /// the story).
    pub(super) repeated: bool,
}

impl MainPlace {
    /// The main place, for a figure at byte `at`.
    pub(super) fn for_figure_at(&self, at: usize) -> Option<(usize, String)> {
        (self.repeated || self.first < at).then(|| self.place.clone())
    }
}

/// Per document, as its sentences are read: the companies the text refers to.
pub(super) struct DocContext<'t> {
    /// The company of the last claim before the current sentence, else the last company
    /// it names (unless it goes on about the one before: "l'entreprise réalise … avec
    /// Renault"): what "the company" means.
    pub(super) salient: Option<(usize, String)>,
    /// The last actor of any kind (company, government, ...) mentioned before it.
    pub(super) last_actor: Option<(usize, String)>,
    /// What the document is about.
    pub(super) topics: &'t Topics,
    /// Per count unit, the predicate of the last claim counted in it: what a figure that
    /// only its unit gives a predicate continues ("Philips schrapt 6.000 banen … volgens de
    /// bond gaat het om 7.000 banen").
    pub(super) unit_predicates: Vec<(String, String)>,
    /// Per predicate (index), how many trigger words of a predicate of money the document
    /// holds: what its figures of money are mostly about.
    money_words: Vec<usize>,
}

impl DocContext<'_> {
    /// Whether the document is about what `predicate` claims among the predicates of
    /// money: none has more trigger words in it. A sum no trigger word claims takes the
    /// fallback predicate only then: "€2.1 billion for data centres in Madrid" in an
    /// article about investments, not "£4 million in compensation" in one about a fine.
    pub(super) fn is_money_topic(&self, predicate: usize) -> bool {
        let own = self.money_words.get(predicate).copied().unwrap_or(0);
        self.money_words.iter().all(|&n| n <= own)
    }

    /// The predicate of the last claim counted in `unit`, if any.
    pub(super) fn predicate_of_unit(&self, unit: &str) -> Option<&str> {
        self.unit_predicates
            .iter()
            .find(|(u, _)| u == unit)
            .map(|(_, p)| p.as_str())
    }

    /// Note the predicates of the count claims of `readings`.
    fn note_units(&mut self, readings: &[Reading]) {
        for claim in readings.iter().filter_map(|r| r.outcome.as_ref().ok()) {
            let Value::Count(count) = &claim.value else {
                continue;
            };
            let Some(unit) = &count.unit else { continue };
            self.unit_predicates.retain(|(u, _)| *u != **unit);
            self.unit_predicates
                .push((unit.to_string(), claim.predicate.to_string()));
        }
    }
}

/// Per predicate (index), how many trigger words of a predicate of money `sentences` hold.
fn money_words(rules: &RuleSet, sentences: &[Sentence]) -> Vec<usize> {
    let mut counts = vec![0; rules.predicates.len()];
    for m in sentences.iter().flat_map(|s| &s.mentions) {
        if let MentionKind::Trigger(p) = m.kind {
            if rules.predicate(p).def.kind == ValueKind::Money {
                counts[p.0] += 1;
            }
        }
    }
    counts
}

/// Read a document's `sentences` in order: `each` gets each sentence's reader and how its
/// figures and days read, given what the sentences before it said.
pub(super) fn read_document(
    rules: &RuleSet,
    text: &str,
    topics: &Topics,
    sentences: impl IntoIterator<Item = Sentence>,
    mut each: impl FnMut(&SentenceReader, Vec<Reading>),
) {
    let sentences: Vec<Sentence> = sentences.into_iter().collect();
    let mut ctx = DocContext {
        salient: None,
        last_actor: None,
        topics,
        unit_predicates: Vec::new(),
        money_words: money_words(rules, &sentences),
    };
    for sentence in sentences {
        let language = &rules.languages[&sentence.lang];
        let reader = SentenceReader::new(rules, topics.entities(rules), language, text, &sentence);
        let readings = reader.readings(&ctx);
        ctx.note_units(&readings);
        let about = subject_of_last_claim(&reader, &readings);
        each(&reader, readings);
        let named = (!reader.goes_on_about_the_last()).then(|| reader.last_actor(true));
        if let Some(last) = about.or(named.flatten()) {
            ctx.salient = Some(last);
        }
        if let Some(last) = reader.last_actor(false) {
            ctx.last_actor = Some(last);
        }
    }
}

/// The company the sentence's last claim is about, where the sentence names it: what "the
/// company" of the next sentence means rather than a company named after it ("Im Jänner
/// hatte Traunfeld den Folienhersteller Plastika Celje um 37 Mio. Euro übernommen. Damit
/// kommt der Konzern nun auf 31 Werke").
fn subject_of_last_claim(reader: &SentenceReader, readings: &[Reading]) -> Option<(usize, String)> {
    let subject = readings
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .next_back()?
        .subject
        .clone()?;
    reader
        .actors()
        .iter()
        .find(|(id, _)| {
            reader.entities[*id].id.as_str() == &*subject.id
                && reader.entities[*id].kind == EntityKind::Company
        })
        .map(|&(id, m)| (id, reader.slice(m.start..m.end).to_string()))
}

/// The claims of one document's `sentences`, read one at a time; `topics` from all of its
/// entities.
pub fn assemble(
    rules: &RuleSet,
    doc_id: &str,
    text: &str,
    topics: &Topics,
    sentences: impl IntoIterator<Item = Sentence>,
) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    let mut seen: FxHashMap<MergeKey, (usize, bool)> = FxHashMap::default();
    read_document(rules, text, topics, sentences, |_, readings| {
        for reading in readings {
            if let Ok(claim) = reading.outcome {
                let placed = (claim, reading.place_from_document);
                merge_claim(&mut claims, &mut seen, placed, &rules.gazetteer);
            }
        }
    });
    for (i, claim) in claims.iter_mut().enumerate() {
        claim.id = format!("{doc_id}#{}", i + 1).into();
        claim.doc = doc_id.into();
    }
    claims
}
