//! Stage 4, extraction: everything the rules find in a sentence — amounts (money, counts,
//! bare numbers, percentages), days, time scopes, entities, predicate triggers, words
//! referring back to a company, and markers of earlier commitments — as [`Mention`]s.
//!
//! A sentence is followed through this folder in order: [`numbers`] reads the numbers as
//! written (digits, spelled-out words, fractions); `amounts` reads each outward into an
//! amount (scale, currency, unit, qualifier, ranges); `dates` reads days and time scopes;
//! `scan` turns the markers the rules' one-pass scan found into mentions; `entities`
//! finds gazetteer names. [`read_part`] puts them together into [`Sentence`]s, the
//! [`Analysis`] of a document.

use std::ops::Range;

use crate::rules::{Entity, EntityIndex, LanguageRules, PredicateIndex, ValueKind};
use crate::segment::sentences;
use crate::value::{Day, TimeScope, Value};

mod amounts;
mod dates;
mod entities;
pub mod numbers;
mod organisations;
mod scan;

pub use entities::{dateline_places, entities, needs_country, placed_in_context};
pub use organisations::{open_companies, OpenCompanies};

/// What a mention is.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// An amount or a number.
    Amount(Value),
    /// A day or weekday.
    Date(Day),
    /// A time scope ("by 2027", "since 2010").
    Time(TimeScope),
    /// A gazetteer entity.
    Entity(EntityIndex),
    /// A word that triggers a predicate.
    Trigger(PredicateIndex),
    /// A word that refers back to a company ("the company", "la firme").
    Anaphor,
    /// A marker of an earlier commitment; `before` when it stands before its figure.
    Prior {
        /// Whether the marker precedes the figure it marks.
        before: bool,
    },
}

/// Something the rules found, with its byte span in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// What was found.
    pub kind: MentionKind,
    /// Byte offset of the start, in the document as read.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Id of the rule that found it (`fr.money`, `en.date`...).
    pub rule: String,
}

/// The rule id ending of a spelled-out two ("two plants", "deux usines"): read as a
/// number, the figure of a claim only right next to a trigger word (claim assembly).
const SMALL_WORDS_RULE: &str = "small_words";

/// The rule id ending of a part read after its whole ("fr.count.of_which"): claim assembly
/// gives it the whole's predicate.
const OF_WHICH_RULE: &str = "of_which";

/// The rule id ending of a number counting what a `[units] stop` word names ("vijf jaar",
/// "three times"): a number, never the figure of a claim.
const STOP_UNIT_RULE: &str = "stop_unit";

impl Mention {
    /// Whether this mention may be the value of a claim: a figure, a day, a time scope;
    /// not a percentage, not a bare fraction below one ("cut emissions by a third"), not a
    /// spelled-out two ([`Mention::is_small_count`]), and not a number of years or times.
    pub fn is_claim_value(&self) -> bool {
        match &self.kind {
            MentionKind::Amount(v) => {
                !matches!(v, Value::Percent(_))
                    && !matches!(v, Value::Number(n) if n.amount < 1.0)
                    && !self.rule.ends_with(SMALL_WORDS_RULE)
                    && !self.rule.ends_with(STOP_UNIT_RULE)
            }
            MentionKind::Date(_) => true,
            _ => false,
        }
    }

    /// Whether this is a part read after its whole ("300 stores, of which 40"): a figure of
    /// the whole's predicate.
    pub fn is_part_after_whole(&self) -> bool {
        self.rule.ends_with(OF_WHICH_RULE)
    }

    /// Whether this is a spelled-out two counting a unit ("deux usines"): a claim's figure
    /// only where a trigger word stands right next to it.
    pub fn is_small_count(&self) -> bool {
        matches!(&self.kind, MentionKind::Amount(Value::Count(_)))
            && self.rule.ends_with(SMALL_WORDS_RULE)
    }

    /// The amount value, for amount mentions.
    pub fn value(&self) -> Option<&Value> {
        match &self.kind {
            MentionKind::Amount(v) => Some(v),
            _ => None,
        }
    }
}

/// A sentence with its language and everything the rules found in it.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// Language code of the rules it was read with.
    pub lang: String,
    /// Mentions, sorted by start.
    pub mentions: Vec<Mention>,
}

/// A document read through the rules.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The document's language code.
    pub lang: String,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
    /// The companies it names that no list holds: the entities its mentions number after
    /// the gazetteer's ([`crate::rules::Gazetteer::with_open`]).
    pub open: Vec<Entity>,
}

/// The sentences of `text[range]`, a part of a document in language `code` (read with
/// `lang`, its rules) that names the entities `named` (in text order), each with its
/// mentions, read one at a time as they are asked for. With `everything` false, sentences
/// without a figure or day keep only their entities (all a claim needs from them).
pub fn read_part<'a>(
    lang: &'a LanguageRules,
    code: String,
    text: &'a str,
    range: Range<usize>,
    named: Vec<Mention>,
    everything: bool,
) -> impl Iterator<Item = Sentence> + 'a {
    // Entities are handed to their sentence in order, each looked at once: the cost is
    // linear in the part's size.
    let mut ents = named.into_iter().peekable();
    let bounds = sentences(text, range, &lang.segment);
    bounds.into_iter().map(move |sentence| {
        let mut mentions = sentence_mentions(lang, text, sentence.clone(), everything);
        while let Some(m) = ents.next_if(|m| m.start < sentence.end) {
            if m.start >= sentence.start {
                mentions.push(m);
            }
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        Sentence {
            range: sentence,
            lang: code.clone(),
            mentions,
        }
    })
}

/// The kinds of value the claim values among `mentions` (and spelled-out twos counting a
/// unit) can be: a bare number may be a count.
fn value_kinds(mentions: &[Mention]) -> Vec<ValueKind> {
    let mut kinds = Vec::with_capacity(3);
    for m in mentions
        .iter()
        .filter(|m| m.is_claim_value() || m.is_small_count())
    {
        let kind = match &m.kind {
            MentionKind::Amount(Value::Money(_)) => ValueKind::Money,
            MentionKind::Amount(_) => ValueKind::Count,
            _ => ValueKind::Date,
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// All mentions of one sentence (`range` into `text`) except entities, sorted by start.
/// With `everything` false, a sentence without any amount or day yields nothing more: its
/// triggers, time scopes and markers could not make a claim (the claim extractor's fast
/// path); `newsclaims mentions` asks for everything.
pub fn sentence_mentions(
    lang: &LanguageRules,
    text: &str,
    range: Range<usize>,
    everything: bool,
) -> Vec<Mention> {
    let s = &text[range.clone()];
    let base = range.start;
    let mut local = Vec::new();
    let scan = lang.markers.scan(s);
    let dates = dates::dates(&lang.dates, &lang.code, s, scan.date_end());
    local.extend(amounts::amounts(lang, s, &dates, scan.named_numbers_end()));
    local.extend(dates);
    if local.is_empty() && !everything {
        return local;
    }
    // A trigger word can only give a predicate to a value of its predicate's kind: the
    // claim extractor looks for those of the kinds the sentence holds.
    let kinds = value_kinds(&local);
    let wanted = |p: PredicateIndex| everything || kinds.contains(&lang.predicates[p.0].def.kind);
    scan::push_markers(&mut local, &scan, s, wanted);
    for m in &mut local {
        m.start += base;
        m.end += base;
    }
    local.sort_by_key(|m| (m.start, m.end));
    local
}
