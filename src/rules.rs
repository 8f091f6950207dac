//! Rule files: loading, validating and compiling the per-language rules and the entity
//! gazetteer.
//!
//! Everything language-specific (words, number formats, patterns) lives in the TOML files
//! under `rules/`; this module only knows what a scale word, a decimal separator or a
//! qualifier *is*. The bundled files are embedded in the binary; a rules directory given
//! at run time adds files or replaces bundled ones of the same name. All regular
//! expressions and automata are compiled here, once per run.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use regex::Regex;
use regex_automata::hybrid::dfa::OverlappingState;
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, meta, Input, MatchError, PatternID};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Position, Result};
use crate::examples::Example;
use crate::lang::LONGEST_FUNCTION_WORD;
use crate::value::Qualifier;

/// The commented skeleton `newsclaims rules new` fills in.
const SKELETON: &str = include_str!("../templates/rules_skeleton.toml");

/// A commented skeleton rule file for language `code` (as claims will name it, `es`),
/// which the detector knows as `detector`: its ISO 639-3 code (`spa`) or English name
/// (`Spanish`); without `detector`, `code` itself is looked up that way.
pub fn skeleton(code: &str, detector: Option<&str>) -> Option<String> {
    let name = detector.unwrap_or(code);
    let lang = whatlang::Lang::from_code(name.to_ascii_lowercase()).or_else(|| {
        whatlang::Lang::all()
            .iter()
            .copied()
            .find(|l| l.eng_name().eq_ignore_ascii_case(name))
    })?;
    let number_words = match text2num::get_interpreter_for(code) {
        Some(_) => format!("number_words = \"{code}\"  # text2num reads spelled-out numbers"),
        None => "# number_words = \"..\"  # text2num has no interpreter for this language".into(),
    };
    Some(
        SKELETON
            .replace("{code}", code)
            .replace("{name}", lang.eng_name())
            .replace("{detector}", lang.code())
            .replace("{number_words}", &number_words),
    )
}

/// The rule files bundled with newsclaims, as (file name, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    ("predicates.toml", include_str!("../rules/predicates.toml")),
    ("entities.toml", include_str!("../rules/entities.toml")),
    ("en.toml", include_str!("../rules/en.toml")),
    ("fr.toml", include_str!("../rules/fr.toml")),
    ("nl.toml", include_str!("../rules/nl.toml")),
    ("de.toml", include_str!("../rules/de.toml")),
];

const PREDICATES_FILE: &str = "predicates.toml";
const ENTITIES_FILE: &str = "entities.toml";

// ---------------------------------------------------------------------------------------
// The files as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PredicatesFile {
    predicate: Vec<Spanned<PredicateDef>>,
}

/// A predicate as declared in `predicates.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateDef {
    /// The predicate's id, as it appears in claims.
    pub id: String,
    /// The kind of value it takes.
    pub kind: ValueKind,
    /// For counts: the unit the claim is reported in.
    #[serde(default)]
    pub unit: Option<String>,
    /// Count units that make this predicate's claim without a trigger word.
    #[serde(default)]
    pub units: Vec<String>,
    /// Count units that fit when one of the predicate's trigger words is in the sentence.
    #[serde(default)]
    pub accepts: Vec<String>,
    /// A bare number (no unit) right after a trigger word fits.
    #[serde(default)]
    pub bare: bool,
    /// Higher wins when several predicates' triggers are in one sentence.
    #[serde(default)]
    pub priority: i32,
    /// Whether the claim falls back to the document's main place when its sentence names none.
    #[serde(default = "yes")]
    pub located: bool,
    /// Two companies joined by a conjunction share the figure ("Microsoft and Amazon ...
    /// $5.6 billion" is a claim of `microsoft+amazon`).
    #[serde(default)]
    pub joint: bool,
    /// A value of this predicate's kind with no trigger word in its sentence takes this
    /// predicate (at most one per kind).
    #[serde(default)]
    pub fallback: bool,
}

fn yes() -> bool {
    true
}

/// The kind of value a predicate takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// An amount in a currency.
    Money,
    /// A number of things (jobs, people, sites...).
    Count,
    /// A day.
    Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    entity: Vec<Spanned<EntityDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityDef {
    id: String,
    kind: EntityKind,
    #[serde(default)]
    names: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    #[serde(default)]
    rollup: bool,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A company: can be a claim's subject or target.
    Company,
    /// A non-company organisation (a fund, an agency): can be a subject.
    Organization,
    /// A government or state: can be a subject.
    Government,
    /// An event such as a summit: can be the subject of a total.
    Event,
    /// A person; usually rolls up to their organisation.
    Person,
    /// A place: a claim's location.
    Place,
}

impl EntityKind {
    /// Whether entities of this kind can make, announce or receive investments.
    pub fn is_actor(self) -> bool {
        !matches!(self, EntityKind::Place)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    language: LanguageHeader,
    numbers: NumbersDef,
    money: MoneyDef,
    currency: Vec<CurrencyDef>,
    qualifiers: BTreeMap<String, Spanned<Vec<String>>>,
    ranges: RangesDef,
    units: UnitsDef,
    dates: DatesDef,
    time: TimeDef,
    predicates: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    not_claims: NotClaimsDef,
    #[serde(default)]
    scopes: BTreeMap<String, Vec<String>>,
    references: ReferencesDef,
    segment: SegmentDef,
    #[serde(default)]
    examples: Vec<Spanned<Example>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageHeader {
    code: String,
    name: String,
    detector: Spanned<String>,
    #[serde(default)]
    number_words: Option<Spanned<String>>,
    #[serde(default)]
    function_words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersDef {
    decimal: Vec<String>,
    group: Vec<String>,
    #[serde(default)]
    one: Vec<String>,
    #[serde(default)]
    percent: Vec<String>,
    scales: Vec<ScaleDef>,
    #[serde(default)]
    attached_only: Vec<String>,
    #[serde(default)]
    named: Vec<NamedDef>,
    #[serde(default)]
    minus: Vec<String>,
    #[serde(default)]
    exponent: Vec<String>,
    #[serde(default)]
    power: Vec<String>,
    #[serde(default)]
    respell: Vec<(String, String)>,
    #[serde(default)]
    fractions: FractionsDef,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FractionsDef {
    #[serde(default)]
    denominators: Vec<DenominatorDef>,
    #[serde(default)]
    plural: Vec<String>,
    #[serde(default)]
    of: Vec<String>,
    #[serde(default)]
    and: Vec<String>,
    #[serde(default)]
    over: Vec<String>,
    #[serde(default)]
    slash: Vec<String>,
    #[serde(default)]
    bare_mixed: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DenominatorDef {
    words: Vec<String>,
    value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedDef {
    words: Vec<String>,
    value: f64,
    qualifier: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleDef {
    words: Vec<String>,
    value: f64,
    #[serde(default)]
    alone: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyDef {
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    minor: Vec<String>,
    #[serde(default)]
    minor_links: Vec<String>,
    #[serde(default)]
    code_prefixes: Vec<CodePrefixDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodePrefixDef {
    prefix: String,
    value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyDef {
    code: String,
    #[serde(default)]
    symbols: Vec<String>,
    #[serde(default)]
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RangesDef {
    #[serde(default)]
    open: Vec<String>,
    #[serde(default)]
    join: Vec<String>,
    #[serde(default)]
    bare_join: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsDef {
    gap: usize,
    nouns: BTreeMap<String, Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesDef {
    weekdays: BTreeMap<String, Vec<String>>,
    months: Vec<Vec<String>>,
    #[serde(default)]
    day_suffixes: Vec<String>,
    #[serde(default)]
    weekday_suffixes: Vec<String>,
    #[serde(default)]
    on: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeDef {
    #[serde(default)]
    by: Vec<Spanned<String>>,
    #[serde(default)]
    since: Vec<Spanned<String>>,
    #[serde(default)]
    year: Vec<Spanned<String>>,
    #[serde(default)]
    prior_before: Vec<String>,
    #[serde(default)]
    prior_after: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NotClaimsDef {
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferencesDef {
    #[serde(default)]
    anaphors: Vec<String>,
    #[serde(default)]
    target_links: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentDef {
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    no_break_after: Vec<Spanned<String>>,
}

// ---------------------------------------------------------------------------------------
// Compiled rules.

/// A canonical entity from the gazetteer.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Canonical id (`microsoft`, `france`).
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// The containing place, or the parent group.
    pub parent: Option<usize>,
    /// Claims about this entity are claims about its parent.
    pub rollup: bool,
}

/// The entity gazetteer: canonical entities and a matcher per language.
#[derive(Debug)]
pub struct Gazetteer {
    /// All entities, indexed by position.
    pub entities: Vec<Entity>,
    by_id: FxHashMap<String, usize>,
    /// Per language code: the automaton and, per pattern, the entity it names.
    matchers: FxHashMap<String, (AhoCorasick, Vec<usize>)>,
}

impl Gazetteer {
    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// Index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The id under which claims about entity `index` are made (following roll-ups).
    pub fn claim_id(&self, mut index: usize) -> usize {
        let mut steps = 0;
        while let (true, Some(p)) = (self.entities[index].rollup, self.entities[index].parent) {
            index = p;
            steps += 1;
            if steps > 16 {
                break;
            }
        }
        index
    }

    /// The chain of places from `index` up to the outermost one (itself first).
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        self.chain(index).collect()
    }

    /// The outermost place containing entity `index` (itself when it has no parent).
    pub fn outermost(&self, index: usize) -> usize {
        self.chain(index).last().unwrap_or(index)
    }

    /// Entity `index`, then its parents outward: at most 17 entities, stopping before
    /// any entity already met (a cycle in the rules).
    fn chain(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let mut seen = [usize::MAX; 17];
        let mut len = 0;
        std::iter::successors(Some(index), |&current| self.entities[current].parent).take_while(
            move |&i| {
                let fresh = len < seen.len() && !seen[..len].contains(&i);
                if fresh {
                    seen[len] = i;
                    len += 1;
                }
                fresh
            },
        )
    }

    /// The automaton for `lang` and the entity of each of its patterns.
    pub fn matcher(&self, lang: &str) -> Option<&(AhoCorasick, Vec<usize>)> {
        self.matchers.get(lang)
    }
}

/// A compiled predicate: its definition and its index.
#[derive(Debug, Clone)]
pub struct Predicate {
    /// The definition from `predicates.toml`.
    pub def: PredicateDef,
}

/// A time-scope pattern's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// "by 2027": a deadline.
    By,
    /// "since 2010": a cumulative figure.
    Since,
    /// "in 2024", "for 2024": a year.
    Year,
}

/// What a sentence marker pattern finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// A time scope of this kind; the pattern has a `year` group.
    Time(TimeKind),
    /// A word that triggers the predicate of this index.
    Trigger(usize),
    /// A word that refers back to a company.
    Anaphor,
    /// A marker of an earlier commitment; `before` when it stands before its figure.
    Prior {
        /// Whether the marker precedes the figure it marks.
        before: bool,
    },
}

/// One sentence marker pattern.
#[derive(Debug, Clone)]
pub struct Marker {
    /// What it finds.
    pub kind: MarkerKind,
    /// The pattern, compiled for searching whole sentences ([`LangCompiler::scan`]).
    pub regex: meta::Regex,
    /// The pattern as written.
    pub pattern: String,
    /// Id of the rule, for mentions (`en.time.by`, `fr.predicate`).
    pub rule: String,
}

/// Cache of the combined lazy DFA of the patterns searched over whole sentences, per
/// language and thread, in bytes.
const SET_DFA_LIMIT: usize = 4 << 20;

/// Makes a thread's cache for the combined DFA.
type CacheMaker = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// The sentence markers: patterns searched in each sentence that holds a figure or a day
/// (time scopes, predicate triggers, anaphors and earlier-commitment markers, in that
/// order).
///
/// They are also compiled together, with the date pattern and the named numbers' (searched
/// in every sentence), as one lazy DFA that reports where each pattern has a match end. A
/// sentence holds few of them, and one pass tells which match there at all and where their
/// last match ends ([`Markers::scan`]), so only those are searched, and only up to there:
/// a dozen passes over every sentence become one and a few shorter ones, for the same
/// matches.
#[derive(Debug)]
pub struct Markers {
    /// Every marker, in order.
    pub patterns: Vec<Marker>,
    /// Whether the named numbers' pattern is in the combined DFA (after the date pattern,
    /// before the markers).
    named_numbers: bool,
    set: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheMaker>,
}

/// Where the patterns of a language's combined pass last match in one sentence: searching
/// a pattern in `sentence[..end]` (look-around still seeing the byte after) finds all its
/// matches in the sentence.
pub struct SentenceScan<'m> {
    markers: &'m Markers,
    /// The end of each pattern's last match, in the combined DFA's order.
    ends: Vec<Option<usize>>,
}

impl SentenceScan<'_> {
    /// Where the last date match ends, if any.
    pub fn date_end(&self) -> Option<usize> {
        self.ends[0]
    }

    /// Where the last named-number match ends, if any.
    pub fn named_numbers_end(&self) -> Option<usize> {
        self.markers.named_numbers.then(|| self.ends[1]).flatten()
    }

    /// The markers that match in the sentence, in order, with where their last match ends.
    pub fn markers(&self) -> impl Iterator<Item = (&Marker, usize)> + '_ {
        let first = 1 + usize::from(self.markers.named_numbers);
        self.markers
            .patterns
            .iter()
            .zip(&self.ends[first..])
            .filter_map(|(marker, end)| Some((marker, (*end)?)))
    }
}

impl Markers {
    /// The markers, and the combined DFA of the date pattern, the named numbers' if any,
    /// and the markers.
    fn new(
        patterns: Vec<Marker>,
        date: &str,
        named_numbers: Option<&str>,
    ) -> std::result::Result<Markers, Box<hybrid::BuildError>> {
        let mut each: Vec<&str> = vec![date];
        each.extend(named_numbers);
        each.extend(patterns.iter().map(|m| m.pattern.as_str()));
        // Every match, not only leftmost ones: where the last match of each pattern ends.
        let config = hybrid::dfa::DFA::config()
            .match_kind(regex_automata::MatchKind::All)
            .cache_capacity(SET_DFA_LIMIT);
        let set = hybrid::dfa::DFA::builder()
            .configure(config)
            .build_many(&each)?;
        let for_caches = set.clone();
        let caches: CacheMaker = Box::new(move || for_caches.create_cache());
        Ok(Markers {
            patterns,
            named_numbers: named_numbers.is_some(),
            set,
            caches: Pool::new(caches),
        })
    }

    /// One pass of the combined DFA over `sentence`.
    pub fn scan(&self, sentence: &str) -> SentenceScan<'_> {
        let mut ends = vec![None; self.set.pattern_len()];
        if self.last_ends(sentence, &mut ends).is_err() {
            // The lazy DFA gave up (a Unicode word boundary before a non-ASCII letter):
            // search every pattern in the whole sentence.
            ends.fill(Some(sentence.len()));
        }
        SentenceScan {
            markers: self,
            ends,
        }
    }

    /// Fills `ends` with where each pattern's last match in `sentence` ends.
    fn last_ends(
        &self,
        sentence: &str,
        ends: &mut [Option<usize>],
    ) -> std::result::Result<(), MatchError> {
        let mut cache = self.caches.get();
        let input = Input::new(sentence);
        let mut state = OverlappingState::start();
        loop {
            self.set
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)?;
            let Some(found) = state.get_match() else {
                return Ok(());
            };
            ends[found.pattern().as_usize()] = Some(found.offset());
        }
    }
}

/// How one language writes fractions; words lower-cased.
#[derive(Debug, Default)]
pub struct Fractions {
    /// Denominator words that are not ordinals, with their value ("half": 2, "quarters": 4).
    pub denominators: FxHashMap<String, f64>,
    /// Endings of a plural ordinal ("fifths", "cinquièmes"). Only a plural ordinal is the
    /// denominator of the number words before it ("twenty fifths" is 20/5; "the twenty
    /// fifth" is a rank).
    pub plural: Vec<String>,
    /// Words that may follow a fraction ("a third of"). Any other word after it makes it
    /// something else ("a third term", "two quarters in a row").
    pub of: FxHashSet<String>,
    /// Words joining a whole number and a fraction ("five and a half").
    pub and: FxHashSet<String>,
    /// The words between the two numbers of a ratio ("one in five", "1 op de 3"), as a
    /// regex over the whole gap.
    pub over: Option<Regex>,
    /// Characters between the digits of a fraction ("3/4").
    pub slash: Vec<char>,
    /// Articles that stand for one before a denominator ("a third"): `[numbers] one`.
    pub articles: FxHashSet<String>,
    /// Whether a whole number right before a fraction adds to it with no link word
    /// ("drie een vijfde" is 3 1/5).
    pub bare_mixed: bool,
}

/// The compiled rules of one language.
pub struct LanguageRules {
    /// Language code (`en`), as in claims.
    pub code: String,
    /// Human name of the language.
    pub name: String,
    /// The language as the detector names it.
    pub detector: whatlang::Lang,
    /// The spelled-out number interpreter, if the language has one.
    pub number_words: Option<text2num::Language>,
    /// Frequent short words of the language that other languages with rules do not use:
    /// its profile for fast language detection.
    pub function_words: Vec<String>,
    /// Digits with this language's grouping and decimal separators.
    pub number: Regex,
    /// Characters that separate thousands.
    pub group_chars: Vec<char>,
    /// Characters that mark decimals.
    pub decimal_chars: Vec<char>,
    /// Markers of a power of ten after digits ("1.3e6", "6.23x10^-4").
    pub exponents: Vec<String>,
    /// Markers of a power after digits ("1.1^23").
    pub powers: Vec<String>,
    /// Scale word straight after a number: `^\s*(scale)`.
    pub scale_after: Regex,
    /// Scale abbreviation glued to the digits: `^(abbr)`.
    pub scale_attached: Regex,
    /// Multiplier per lower-cased scale word.
    pub scale_values: FxHashMap<String, f64>,
    /// Scale words that are a number on their own ("mille", "duizend"); the others need
    /// an article before them ("a million").
    pub alone_scales: FxHashSet<String>,
    /// An article before a lone scale word ("a million").
    pub one_before: Option<Regex>,
    /// Words standing for a round figure ("une centaine").
    pub named_numbers: Option<meta::Regex>,
    /// Value and implied qualifier per lower-cased named number.
    pub named_values: FxHashMap<String, (f64, Qualifier)>,
    /// Percent markers right after a number.
    pub percent_after: Option<Regex>,
    /// A word that makes the number after it negative ("minus 5"): `(minus)\s*$`.
    pub minus_before: Option<Regex>,
    /// Spelling variants rewritten before spelled-out numbers are read, as (from, to):
    /// "cinquieme" is read as "cinquième".
    pub respell: Vec<(String, String)>,
    /// How fractions are written in words and digits.
    pub fractions: Fractions,
    /// Currency symbol or code right before a number.
    pub currency_before: Regex,
    /// A link word between a number and its currency ("d'euros"): `^\s*(link)\s*`.
    pub currency_link: Option<Regex>,
    /// Currency symbol, code or word where it starts: `^(form)`. Anchored patterns
    /// tried one after the other replace one pattern with optional parts, whose groups
    /// would need a capture search (ten times a plain one over these long word lists).
    pub currency_form: Option<Regex>,
    /// ISO code per lower-cased currency form.
    pub currency_codes: FxHashMap<String, String>,
    /// Multiplier per lower-cased currency form that carries a scale ("MEUR": 1e6).
    pub currency_scales: FxHashMap<String, f64>,
    /// Hundredths after a money figure: `^\s*(?:link\s+)?$` between it and the number.
    pub minor_link: Option<Regex>,
    /// The hundredth unit's name right after a number: `^\s*(cents)`.
    pub minor_after: Option<Regex>,
    /// Qualifier ending right before a figure.
    pub qualifier_before: Regex,
    /// Qualifier per lower-cased phrase.
    pub qualifier_values: FxHashMap<String, Qualifier>,
    /// Range opener ending right before the first number ("between").
    pub range_open_before: Option<Regex>,
    /// Range join between two numbers, with or without an opener.
    pub range_join: Option<Regex>,
    /// Range join that makes a range without an opener.
    pub range_bare_join: Option<Regex>,
    /// Unit noun where it starts: `^(noun)`.
    pub unit_noun: Option<Regex>,
    /// How many words may stand between a number and its unit noun.
    pub unit_gap: usize,
    /// One word between a number and its unit noun: `^[\p{L}'’-]+`.
    pub unit_gap_word: Regex,
    /// Unit id per lower-cased noun.
    pub unit_nouns: FxHashMap<String, String>,
    /// Weekday and calendar dates.
    pub date: meta::Regex,
    /// Weekday id per lower-cased name.
    pub weekday_names: FxHashMap<String, String>,
    /// Month number per lower-cased name.
    pub month_names: FxHashMap<String, u32>,
    /// Time scopes, trigger words, anaphors and earlier-commitment markers.
    pub markers: Markers,
    /// Words that make a nearby figure something other than a claim ("market
    /// capitalisation", "GDP", "assets under management").
    pub not_claims: Option<meta::Regex>,
    /// Words that put a figure in a scope of its own ("construction" jobs are not the
    /// permanent ones; a "worldwide" figure is not the country's), per scope id.
    pub scopes: Vec<(String, meta::Regex)>,
    /// Words linking a figure to the company it goes into, anchored at the start.
    pub target_link: Option<Regex>,
    /// Words joining two companies, matching a whole gap.
    pub conjunction: Option<Regex>,
    /// Abbreviations that do not end a sentence.
    pub abbreviations: Vec<String>,
    /// Endings after which a sentence never ends ("12." before a month in German).
    pub no_break_after: Option<Regex>,
    /// The file's examples, each with where it stands (`rules/en.toml:412`).
    pub examples: Vec<(String, Example)>,
}

/// All rules of a run: predicates, entities and every language, compiled once.
pub struct RuleSet {
    /// Predicates, in file order.
    pub predicates: Vec<Predicate>,
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// Languages by code.
    pub languages: BTreeMap<String, LanguageRules>,
}

impl LanguageRules {
    /// The unit a matched noun stands for, wildcard entries ("*banen") included.
    pub fn unit_of(&self, noun: &str) -> Option<&String> {
        let noun = normalize_phrase(noun);
        self.unit_nouns.get(&noun).or_else(|| {
            self.unit_nouns
                .iter()
                .filter(|(k, _)| k.starts_with('*') && noun.ends_with(&k[1..]))
                .max_by_key(|(k, _)| k.len())
                .map(|(_, v)| v)
        })
    }
}

impl std::fmt::Debug for LanguageRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageRules")
            .field("code", &self.code)
            .field("detector", &self.detector)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("predicates", &self.predicates.len())
            .field("entities", &self.gazetteer.entities.len())
            .field("languages", &self.languages.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl RuleSet {
    /// The bundled rules.
    pub fn bundled() -> Result<RuleSet> {
        RuleSet::load(None)
    }

    /// The rules of a run. Without `dir`, the bundled rules. A `dir` holding its own
    /// `predicates.toml` is a complete rule set and is used alone (a copy of the bundled
    /// rules to edit, or to remove a language from); otherwise its files add to the bundled
    /// ones or replace those of the same name.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
        let own = match dir {
            Some(dir) => read_rule_dir(dir)?,
            None => Vec::new(),
        };
        let complete = own.iter().any(|(name, _, _)| name == PREDICATES_FILE);
        let mut files: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        if !complete {
            for (name, text) in BUNDLED {
                let path = PathBuf::from("rules").join(name);
                files.insert(name.to_string(), (path, text.to_string()));
            }
        }
        for (name, path, text) in own {
            files.insert(name, (path, text));
        }
        RuleSet::from_files(&files)
    }

    /// Compile rules from (file name → (path for messages, contents)).
    pub fn from_files(files: &BTreeMap<String, (PathBuf, String)>) -> Result<RuleSet> {
        let missing = |name: &str| Error::Rule {
            path: PathBuf::from(name),
            position: None,
            message: format!("required rule file {name} is missing"),
            hint: None,
        };
        let (ppath, ptext) = files
            .get(PREDICATES_FILE)
            .ok_or_else(|| missing(PREDICATES_FILE))?;
        let predicates = compile_predicates(ppath, ptext)?;
        let mut languages = BTreeMap::new();
        let mut lang_sources = Vec::new();
        for (name, (path, text)) in files {
            if name == PREDICATES_FILE || name == ENTITIES_FILE {
                continue;
            }
            let lang = compile_language(path, text, &predicates)?;
            if languages.contains_key(&lang.code) {
                return Err(Error::rule_at(
                    path,
                    text,
                    None,
                    format!("language {} is defined twice", lang.code),
                    Some("each language has one rule file"),
                ));
            }
            lang_sources.push(lang.code.clone());
            languages.insert(lang.code.clone(), lang);
        }
        let (epath, etext) = files
            .get(ENTITIES_FILE)
            .ok_or_else(|| missing(ENTITIES_FILE))?;
        let gazetteer = compile_gazetteer(epath, etext, &lang_sources)?;
        Ok(RuleSet {
            predicates,
            gazetteer,
            languages,
        })
    }

    /// The predicate index with this id.
    pub fn predicate_index(&self, id: &str) -> Option<usize> {
        self.predicates.iter().position(|p| p.def.id == id)
    }

    /// The language codes that have rules.
    pub fn language_codes(&self) -> Vec<String> {
        self.languages.keys().cloned().collect()
    }
}

fn read_rule_dir(dir: &Path) -> Result<Vec<(String, PathBuf, String)>> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<std::io::Result<_>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push((name, path, text));
    }
    Ok(out)
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start);
        let message = e.message().trim().to_string();
        let hint = if message.contains("unknown field") {
            Some("check the spelling against docs/rules.md; unknown keys are refused")
        } else if message.contains("missing field") || message.contains("invalid type") {
            Some("docs/rules.md gives every table's keys and the type of each")
        } else {
            Some("TOML syntax: check the quotes, brackets and commas at this place")
        };
        Error::rule_at(path, text, offset, message, hint)
    })
}

fn compile_predicates(path: &Path, text: &str) -> Result<Vec<Predicate>> {
    let file: PredicatesFile = parse_toml(path, text)?;
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for spanned in file.predicate {
        let offset = spanned.span().start;
        let def = spanned.into_inner();
        if !seen.insert(def.id.clone()) {
            return Err(Error::rule_at(
                path,
                text,
                Some(offset),
                format!("duplicate predicate id {:?}", def.id),
                Some("each predicate id appears once"),
            ));
        }
        if def.kind == ValueKind::Count && def.unit.is_none() {
            return Err(Error::rule_at(
                path,
                text,
                Some(offset),
                format!("count predicate {:?} has no unit", def.id),
                Some("add unit = \"jobs\" (or whatever its claims count)"),
            ));
        }
        out.push(Predicate { def });
    }
    Ok(out)
}

/// The entities of an entities file, its `[[entity]]` tables parsed one at a time (in
/// parallel) with their positions in the whole file: one TOML document of a million
/// entities takes gigabytes. A file with anything but comments before its first table, or
/// in which a table does not parse alone, is parsed whole (and so is its error).
fn parse_entities(path: &Path, text: &str) -> Result<Vec<Spanned<EntityDef>>> {
    let mut starts: Vec<usize> = text
        .match_indices("[[entity]]\n")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || text[..i].ends_with('\n'))
        .collect();
    let prelude = &text[..starts.first().copied().unwrap_or(text.len())];
    let blank = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    if starts.is_empty() || !prelude.lines().all(blank) {
        return Ok(parse_toml::<EntitiesFile>(path, text)?.entity);
    }
    starts.push(text.len());
    let tables: std::result::Result<Vec<Vec<Spanned<EntityDef>>>, toml::de::Error> = starts
        .par_windows(2)
        .map(|w| {
            let file: EntitiesFile = toml::from_str(&text[w[0]..w[1]])?;
            Ok(file.entity.into_iter().map(|e| shift(e, w[0])).collect())
        })
        .collect();
    match tables {
        Ok(tables) => Ok(tables.into_iter().flatten().collect()),
        Err(_) => Ok(parse_toml::<EntitiesFile>(path, text)?.entity),
    }
}

/// An entity parsed from a part of its file that starts at byte `by`, with its positions
/// in the whole file.
fn shift(entity: Spanned<EntityDef>, by: usize) -> Spanned<EntityDef> {
    let moved = |s: Spanned<String>| {
        let span = s.span();
        Spanned::new(span.start + by..span.end + by, s.into_inner())
    };
    let span = entity.span();
    let mut def = entity.into_inner();
    def.names = def.names.into_iter().map(moved).collect();
    for names in def.aliases.values_mut() {
        *names = std::mem::take(names).into_iter().map(moved).collect();
    }
    def.parent = def.parent.map(moved);
    Spanned::new(span.start + by..span.end + by, def)
}

fn compile_gazetteer(path: &Path, text: &str, langs: &[String]) -> Result<Gazetteer> {
    let entity_defs = parse_entities(path, text)?;
    let mut entities = Vec::new();
    let mut by_id = FxHashMap::default();
    let mut parents = Vec::new();
    let mut defs = Vec::new();
    for spanned in entity_defs {
        let offset = spanned.span().start;
        let def = spanned.into_inner();
        if by_id.insert(def.id.clone(), entities.len()).is_some() {
            return Err(Error::rule_at(
                path,
                text,
                Some(offset),
                format!("duplicate entity id {:?}", def.id),
                Some("merge the two entries"),
            ));
        }
        check_names(path, text, &def)?;
        entities.push(Entity {
            id: def.id.clone(),
            kind: def.kind,
            parent: None,
            rollup: def.rollup,
        });
        parents.push(def.parent.clone());
        defs.push(def);
    }
    for (i, parent) in parents.iter().enumerate() {
        if let Some(p) = parent {
            let idx = by_id.get(p.get_ref()).copied().ok_or_else(|| {
                Error::rule_at(
                    path,
                    text,
                    Some(p.span().start),
                    format!("unknown parent {:?}", p.get_ref()),
                    Some("a parent must be the id of another entity"),
                )
            })?;
            entities[i].parent = Some(idx);
        }
    }
    let mut matchers: FxHashMap<String, (AhoCorasick, Vec<usize>)> = FxHashMap::default();
    // Languages whose names are the same (no aliases of their own) share one automaton.
    let mut built: Vec<(Vec<Cow<str>>, &str)> = Vec::new();
    for lang in langs {
        let (patterns, targets) = entity_patterns(path, text, &defs, lang)?;
        let automaton = match built.iter().find(|(p, _)| *p == patterns) {
            Some((_, same)) => matchers[*same].0.clone(),
            None => {
                let automaton = entity_automaton(path, text, &patterns)?;
                built.push((patterns, lang));
                automaton
            }
        };
        matchers.insert(lang.clone(), (automaton, targets));
    }
    Ok(Gazetteer {
        entities,
        by_id,
        matchers,
    })
}

/// Every name of an entity is words: not empty, and without white space around it (an
/// empty name would match between every two bytes of a text, inside characters too).
fn check_names(path: &Path, text: &str, def: &EntityDef) -> Result<()> {
    let names = def.names.iter().chain(def.aliases.values().flatten());
    match names
        .into_iter()
        .find(|n| n.get_ref().trim() != n.get_ref() || n.get_ref().is_empty())
    {
        Some(name) => Err(Error::rule_at(
            path,
            text,
            Some(name.span().start),
            format!(
                "entity {:?}: name {:?} is empty or has white space around it",
                def.id,
                name.get_ref()
            ),
            Some("write the name's words only, or remove it"),
        )),
        None => Ok(()),
    }
}

/// The names an entity is found by in `lang` (with both apostrophes), and the entity of
/// each. Names are borrowed from `defs`: only apostrophe variants are new strings.
fn entity_patterns<'d>(
    path: &Path,
    text: &str,
    defs: &'d [EntityDef],
    lang: &str,
) -> Result<(Vec<Cow<'d, str>>, Vec<usize>)> {
    let mut owner: FxHashMap<&str, usize> = FxHashMap::default();
    let mut patterns = Vec::new();
    let mut targets = Vec::new();
    for (i, def) in defs.iter().enumerate() {
        let names = def
            .names
            .iter()
            .chain(def.aliases.get(lang).into_iter().flatten());
        for name in names {
            match owner.get(name.get_ref().as_str()) {
                Some(&other) if other != i => {
                    return Err(Error::rule_at(
                        path,
                        text,
                        Some(name.span().start),
                        format!(
                            "name {:?} is claimed by both {:?} and {:?} for language {lang}",
                            name.get_ref(),
                            defs[other].id,
                            def.id
                        ),
                        Some("a name can point to one entity only; keep it on one of them"),
                    ))
                }
                Some(_) => continue,
                None => {}
            }
            owner.insert(name.get_ref(), i);
            patterns.push(Cow::Borrowed(name.get_ref().as_str()));
            targets.push(i);
            if let Some(other) = other_apostrophe(name.get_ref()) {
                patterns.push(Cow::Owned(other));
                targets.push(i);
            }
        }
    }
    Ok((patterns, targets))
}

/// Bytes of names up to which the gazetteer's automaton is a full DFA: the fastest to
/// search, but a few hundred bytes of memory per byte of names and slow to build. A
/// larger gazetteer (hundreds of thousands of names) gets a contiguous NFA, which takes
/// tens of bytes per byte of names and builds in a fraction of a second; the matches are
/// the same.
const DFA_NAME_BYTES: usize = 64 << 10;

/// The leftmost-longest automaton of `patterns`.
fn entity_automaton(path: &Path, text: &str, patterns: &[Cow<str>]) -> Result<AhoCorasick> {
    let bytes: usize = patterns.iter().map(|p| p.len()).sum();
    let kind = if bytes <= DFA_NAME_BYTES {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(patterns.iter().map(|p| p.as_bytes()))
        .map_err(|e| Error::rule_at(path, text, None, e, None))
}

/// A name with an apostrophe, written with the other apostrophe.
fn other_apostrophe(name: &str) -> Option<String> {
    if name.contains('\'') {
        Some(name.replace('\'', "’"))
    } else if name.contains('’') {
        Some(name.replace('’', "'"))
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Building patterns from word lists.

/// A regex fragment matching any of `words`: case-insensitive, longest first, spaces
/// matching any run of white space, apostrophes matching both forms, and word boundaries
/// wherever a word starts or ends with a letter or digit.
pub fn word_alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let parts: Vec<String> = sorted.iter().map(|w| word_pattern(w)).collect();
    format!("(?:{})", parts.join("|"))
}

/// A word boundary the regex engine's fast DFAs can match. Unicode `\b` makes them give up
/// on any non-ASCII text (which every French sentence is), so boundaries are ASCII ones,
/// placed only next to ASCII letters and digits of a word.
const BOUNDARY: &str = r"(?-u:\b)";

fn word_pattern(word: &str) -> String {
    let mut out = String::new();
    let ascii_word_char = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // "*banen": any word ending so (compounds: "voltijdbanen", "Arbeitsplätze").
    let word = match word.strip_prefix('*') {
        Some(rest) => {
            out.push_str(r"[\p{L}-]*");
            rest
        }
        None => {
            if ascii_word_char(word.chars().next()) {
                out.push_str(BOUNDARY);
            }
            word
        }
    };
    for c in word.chars() {
        match c {
            ' ' => out.push_str(r"\s+"),
            '\'' | '’' => out.push_str("['’]"),
            _ => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    if ascii_word_char(word.chars().last()) {
        out.push_str(BOUNDARY);
    }
    out
}

/// A rule pattern in which an apostrophe matches both ' and ’, a space matches any run
/// of white space (no-break spaces included), as in word lists, and `\b` is the ASCII
/// word boundary the fast engines handle (see [`BOUNDARY`]).
fn typographic(pattern: &str) -> String {
    pattern
        .replace(['\'', '’'], "['’]")
        .replace(' ', r"\s+")
        .replace(r"\b", BOUNDARY)
}

/// A trigger pattern made to match whole words: an ASCII word boundary before it unless it
/// starts with a non-ASCII letter, and after it unless it ends in `\w*` (which runs to the
/// end of the word by itself, accented letters included: "cré\w*" matches "créé") or in a
/// non-ASCII letter ("communiqué").
fn bounded(pattern: &str) -> String {
    let first = pattern.chars().next();
    let last = pattern.chars().last();
    let open = if first.is_some_and(|c| !c.is_ascii() && c.is_alphabetic()) {
        ""
    } else {
        BOUNDARY
    };
    let close = if pattern.ends_with(r"\w*") || last.is_some_and(|c| !c.is_ascii()) {
        ""
    } else {
        BOUNDARY
    };
    format!("{open}(?:{pattern}){close}")
}

/// Normalise a matched phrase for map lookups: lower case, single spaces, straight
/// apostrophes.
pub fn normalize_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '’' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

struct LangCompiler<'a> {
    path: &'a Path,
    text: &'a str,
}

impl LangCompiler<'_> {
    fn regex(&self, pattern: &str, what: &str, offset: Option<usize>) -> Result<Regex> {
        Regex::new(pattern).map_err(|e| self.not_compiled(what, offset, e))
    }

    /// Check a pattern the rule file writes for `what` (at `offset`): it compiles alone, and
    /// never matches the empty string (it would match between every two characters).
    fn written_pattern(&self, pattern: &str, what: &str, offset: Option<usize>) -> Result<()> {
        self.regex(pattern, what, offset)?;
        let empty = regex_automata::util::syntax::parse(pattern)
            .is_ok_and(|hir| hir.properties().minimum_len() == Some(0));
        if empty {
            return Err(self.error(
                offset,
                format!("{what}: the pattern {pattern:?} matches the empty string"),
                "make every alternative match at least one character",
            ));
        }
        Ok(())
    }

    /// The error for a pattern of `what` (at `offset`) that does not compile.
    fn not_compiled(&self, what: &str, offset: Option<usize>, e: impl std::fmt::Display) -> Error {
        self.error(
            offset,
            format!("{what}: the pattern does not compile: {e}"),
            "patterns use the syntax of the Rust regex crate (no look-around)",
        )
    }

    fn words_regex(&self, template: &str, words: &[String], what: &str) -> Result<Option<Regex>> {
        if words.iter().all(|w| w.is_empty()) {
            return Ok(None);
        }
        let alt = word_alternation(words);
        self.regex(&template.replace("{}", &alt), what, None)
            .map(Some)
    }

    /// A pattern searched over whole sentences, built without the regex crate's literal
    /// prefilter: when its words start with literals as common as "a ", "in " or "une ",
    /// the prefilter stops at every other word and the search takes many times longer than
    /// a plain DFA pass.
    fn scan(&self, pattern: &str, what: &str, offset: Option<usize>) -> Result<meta::Regex> {
        meta::Regex::builder()
            .configure(meta::Regex::config().auto_prefilter(false))
            .build(pattern)
            .map_err(|e| self.not_compiled(what, offset, e))
    }

    /// A sentence marker of `kind` from `pattern`; its mentions carry the rule id `rule`.
    fn marker(
        &self,
        kind: MarkerKind,
        pattern: String,
        what: &str,
        offset: Option<usize>,
        rule: String,
    ) -> Result<Marker> {
        Ok(Marker {
            kind,
            regex: self.scan(&pattern, what, offset)?,
            pattern,
            rule,
        })
    }

    fn error(&self, offset: Option<usize>, message: String, hint: &str) -> Error {
        Error::rule_at(self.path, self.text, offset, message, Some(hint))
    }
}

fn compile_language(path: &Path, text: &str, predicates: &[Predicate]) -> Result<LanguageRules> {
    let file: LanguageFile = parse_toml(path, text)?;
    let c = LangCompiler { path, text };
    let header = &file.language;
    let detector = whatlang::Lang::from_code(header.detector.get_ref()).ok_or_else(|| {
        c.error(
            Some(header.detector.span().start),
            format!("unknown detector language {:?}", header.detector.get_ref()),
            "use whatlang's ISO 639-3 code, e.g. \"eng\", \"fra\", \"nld\", \"deu\"",
        )
    })?;
    let not_one_short_word = |w: &&Spanned<String>| {
        let w = w.get_ref();
        w.is_empty() || w.len() > LONGEST_FUNCTION_WORD || !w.chars().all(char::is_alphanumeric)
    };
    if let Some(word) = header.function_words.iter().find(not_one_short_word) {
        return Err(c.error(
            Some(word.span().start),
            format!("function word {:?} is not one short word", word.get_ref()),
            "function words are counted word by word: give one word each, of letters only, at most 16 bytes long",
        ));
    }
    let number_words = match &header.number_words {
        None => None,
        Some(code) => Some(
            text2num::get_interpreter_for(code.get_ref()).ok_or_else(|| {
                c.error(
                Some(code.span().start),
                format!("text2num has no language {:?}", code.get_ref()),
                "text2num knows da, de, en, es, fr, it, nl, pt; leave number_words out otherwise",
            )
            })?,
        ),
    };
    let n = &file.numbers;
    let markers: Vec<String> = n.exponent.iter().chain(&n.power).cloned().collect();
    let number = c.regex(
        &number_pattern(&n.group, &n.decimal, &markers),
        "numbers",
        None,
    )?;
    let mut scale_values = FxHashMap::default();
    let mut alone_scales = FxHashSet::default();
    let mut free_scales = Vec::new();
    for scale in &n.scales {
        for w in &scale.words {
            scale_values.insert(normalize_phrase(w), scale.value);
            if scale.alone {
                alone_scales.insert(normalize_phrase(w));
            }
            if !n.attached_only.contains(w) {
                free_scales.push(w.clone());
            }
        }
    }
    let scale_after = c.regex(
        &format!(r"^\s*{}", case_sensitive_short(&free_scales)),
        "numbers.scales",
        None,
    )?;
    let scale_attached = c.regex(
        &format!(r"^{}", case_sensitive_short(&n.attached_only)),
        "numbers.attached_only",
        None,
    )?;
    let one_before = c.words_regex(r"(?i){}\s+$", &n.one, "numbers.one")?;
    let mut named_values = FxHashMap::default();
    let mut named_words = Vec::new();
    for named in &n.named {
        let q = Qualifier::from_id(named.qualifier.get_ref()).ok_or_else(|| {
            c.error(
                Some(named.qualifier.span().start),
                format!("unknown qualifier {:?}", named.qualifier.get_ref()),
                "qualifiers are exact, more_than, at_least, less_than, up_to, approx",
            )
        })?;
        for w in &named.words {
            named_values.insert(normalize_phrase(w), (named.value, q));
            named_words.push(w.clone());
        }
    }
    let named_pattern =
        (!named_words.is_empty()).then(|| format!("(?i){}", word_alternation(&named_words)));
    let named_numbers = match &named_pattern {
        None => None,
        Some(pattern) => Some(c.scan(pattern, "numbers.named", None)?),
    };
    let percent_after = c.words_regex(r"(?i)^\s*{}", &n.percent, "numbers.percent")?;
    let minus_before = c.words_regex(r"(?i){}\s*$", &n.minus, "numbers.minus")?;
    let fractions = compile_fractions(&c, &n.fractions, &n.one)?;

    let mut currency_codes = FxHashMap::default();
    let mut symbols = Vec::new();
    let mut words = Vec::new();
    let mut currency_scales = FxHashMap::default();
    for cur in &file.currency {
        for s in &cur.symbols {
            currency_codes.insert(normalize_phrase(s), cur.code.clone());
            symbols.push(s.clone());
        }
        // "MEUR 120", "30 MUSD": the code with a scale prefix.
        for p in &file.money.code_prefixes {
            let form = format!("{}{}", p.prefix, cur.code);
            currency_codes.insert(normalize_phrase(&form), cur.code.clone());
            currency_scales.insert(normalize_phrase(&form), p.value);
            symbols.push(form);
        }
        for w in &cur.words {
            currency_codes.insert(normalize_phrase(w), cur.code.clone());
            words.push(w.clone());
        }
    }
    let currency_before = c.regex(
        &format!(r"{}\s*$", word_alternation(&symbols)),
        "currency.symbols",
        None,
    )?;
    let currency_link = c.words_regex(r"(?i)^\s*{}\s*", &file.money.links, "money.links")?;
    let all_forms: Vec<String> = symbols.iter().chain(words.iter()).cloned().collect();
    let minor_link = if file.money.minor.is_empty() {
        None
    } else if file.money.minor_links.is_empty() {
        Some(c.regex(r"^\s*$", "money.minor_links", None)?)
    } else {
        c.words_regex(
            r"(?i)^\s*(?:{}\s+)?$",
            &file.money.minor_links,
            "money.minor_links",
        )?
    };
    let minor_after = c.words_regex(r"(?i)^\s*{}", &file.money.minor, "money.minor")?;
    let currency_form = c.words_regex("(?i)^{}", &all_forms, "currency")?;

    let mut qualifier_values = FxHashMap::default();
    let mut qualifier_words = Vec::new();
    for (name, phrases) in &file.qualifiers {
        let q = Qualifier::from_id(name).ok_or_else(|| {
            c.error(
                Some(phrases.span().start),
                format!("unknown qualifier {name:?}"),
                "qualifiers are exact, more_than, at_least, less_than, up_to, approx",
            )
        })?;
        for p in phrases.get_ref() {
            qualifier_values.insert(normalize_phrase(p), q);
            qualifier_words.push(p.clone());
        }
    }
    let qualifier_before = c.regex(
        &format!(r"(?i){}\s*$", word_alternation(&qualifier_words)),
        "qualifiers",
        None,
    )?;

    let r = &file.ranges;
    let range_open_before = c.words_regex(r"(?i){}\s*$", &r.open, "ranges.open")?;
    let range_join = c.words_regex(r"(?i)^\s*{}\s*$", &r.join, "ranges.join")?;
    let range_bare_join = c.words_regex(r"(?i)^\s*{}\s*$", &r.bare_join, "ranges.bare_join")?;

    let known_units: FxHashSet<&str> = predicates
        .iter()
        .flat_map(|p| p.def.unit.iter().chain(&p.def.units).chain(&p.def.accepts))
        .map(String::as_str)
        .collect();
    let mut unit_nouns = FxHashMap::default();
    let mut nouns = Vec::new();
    for (unit, list) in &file.units.nouns {
        if !known_units.contains(unit.as_str()) {
            return Err(c.error(
                Some(list.span().start),
                format!("unit {unit:?} is not used by any predicate"),
                "use a unit id from predicates.toml (unit, units or accepts), or declare it there",
            ));
        }
        for noun in list.get_ref() {
            unit_nouns.insert(normalize_phrase(noun), unit.clone());
            nouns.push(noun.clone());
        }
    }
    let unit_noun = c.words_regex("(?i)^{}", &nouns, "units")?;
    let unit_gap_word = c.regex(r"^[\p{L}'’-]+", "units.gap", None)?;

    let (date, date_pattern, weekday_names, month_names) = compile_dates(&c, &file.dates)?;
    let scanned = (date_pattern.as_str(), named_pattern.as_deref());
    let markers = compile_markers(&c, &file, predicates, scanned)?;

    let excluded = &file.not_claims.patterns;
    let not_claims = if excluded.is_empty() {
        None
    } else {
        for p in excluded {
            c.written_pattern(
                &typographic(p.get_ref()),
                "not_claims",
                Some(p.span().start),
            )?;
        }
        let joined: Vec<String> = excluded.iter().map(|p| typographic(p.get_ref())).collect();
        Some(c.scan(
            &format!(r"(?i)(?:{})", joined.join("|")),
            "not_claims",
            None,
        )?)
    };
    let mut scopes = Vec::new();
    for (id, words) in &file.scopes {
        if words.iter().any(|w| !w.is_empty()) {
            let pattern = format!("(?i){}", word_alternation(words));
            scopes.push((id.clone(), c.scan(&pattern, &format!("scopes.{id}"), None)?));
        }
    }
    let refs = &file.references;
    Ok(LanguageRules {
        code: header.code.clone(),
        name: header.name.clone(),
        detector,
        number_words,
        function_words: header
            .function_words
            .iter()
            .map(|w| w.get_ref().clone())
            .collect(),
        number,
        group_chars: chars_of(&n.group),
        decimal_chars: chars_of(&n.decimal),
        exponents: n.exponent.clone(),
        powers: n.power.clone(),
        scale_after,
        scale_attached,
        scale_values,
        alone_scales,
        one_before,
        named_numbers,
        named_values,
        percent_after,
        minus_before,
        respell: n
            .respell
            .iter()
            .map(|(from, to)| (from.to_lowercase(), to.to_lowercase()))
            .collect(),
        fractions,
        currency_before,
        currency_link,
        currency_form,
        currency_codes,
        currency_scales,
        minor_link,
        minor_after,
        qualifier_before,
        qualifier_values,
        range_open_before,
        range_join,
        range_bare_join,
        unit_noun,
        unit_gap: file.units.gap,
        unit_gap_word,
        unit_nouns,
        date,
        weekday_names,
        month_names,
        markers,
        not_claims,
        scopes,
        target_link: c.words_regex(
            r"(?i)^\s*{}\s",
            &refs.target_links,
            "references.target_links",
        )?,
        conjunction: c.words_regex(
            r"(?i)^\s*,?\s*{}\s*$",
            &refs.conjunctions,
            "references.conjunctions",
        )?,
        abbreviations: file.segment.abbreviations.clone(),
        no_break_after: compile_no_break(&c, &file.segment.no_break_after)?,
        examples: file
            .examples
            .iter()
            .map(|e| {
                let line = Position::of_offset(text, e.span().start).line;
                (format!("{}:{line}", path.display()), e.get_ref().clone())
            })
            .collect(),
    })
}

fn compile_no_break(c: &LangCompiler, patterns: &[Spanned<String>]) -> Result<Option<Regex>> {
    for p in patterns {
        c.written_pattern(p.get_ref(), "segment.no_break_after", Some(p.span().start))?;
    }
    if patterns.is_empty() {
        return Ok(None);
    }
    let joined: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
    c.regex(
        &format!("(?:{})$", joined.join("|")),
        "segment.no_break_after",
        None,
    )
    .map(Some)
}

/// Scale words match case-insensitively, except short abbreviations ("M", "m", "bn"),
/// which match only as written so that "M." (monsieur) or a unit is not read as a scale.
fn case_sensitive_short(words: &[String]) -> String {
    let (short, long): (Vec<String>, Vec<String>) =
        words.iter().cloned().partition(|w| w.chars().count() <= 3);
    let mut parts = Vec::new();
    if !long.is_empty() {
        parts.push(format!("(?i:{})", word_alternation(&long)));
    }
    if !short.is_empty() {
        parts.push(word_alternation(&short));
    }
    if parts.is_empty() {
        return "(?:$^)".to_string();
    }
    format!("({})", parts.join("|"))
}

fn compile_fractions(c: &LangCompiler, f: &FractionsDef, one: &[String]) -> Result<Fractions> {
    fn lower<C: FromIterator<String>>(words: &[String]) -> C {
        words.iter().map(|w| w.to_lowercase()).collect()
    }
    let mut denominators = FxHashMap::default();
    for d in &f.denominators {
        for w in &d.words {
            denominators.insert(w.to_lowercase(), d.value);
        }
    }
    Ok(Fractions {
        denominators,
        plural: lower(&f.plural),
        of: lower(&f.of),
        and: lower(&f.and),
        over: c.words_regex(r"(?i)^\s*{}\s*$", &f.over, "numbers.fractions.over")?,
        slash: chars_of(&f.slash),
        articles: lower(one),
        bare_mixed: f.bare_mixed,
    })
}

fn chars_of(list: &[String]) -> Vec<char> {
    list.iter().filter_map(|s| s.chars().next()).collect()
}

/// Digits with the language's separators: grouped thousands or plain digits, then an
/// optional decimal part and an optional exponent ("1e10", "1.1^23"); or a decimal part
/// alone (".08").
fn number_pattern(group: &[String], decimal: &[String], exponents: &[String]) -> String {
    let class = |list: &[String]| {
        let chars: String = list
            .iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("");
        format!("[{chars}]")
    };
    let exponent = if exponents.is_empty() {
        String::new()
    } else {
        let markers: Vec<String> = exponents.iter().map(|e| regex::escape(e)).collect();
        format!(r"(?:(?:{})[+\-]*[0-9]+)?", markers.join("|"))
    };
    let (decimal_part, decimal_alone) = if decimal.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(r"(?:{}[0-9]+)?", class(decimal)),
            format!(r"|{}[0-9]+{exponent}", class(decimal)),
        )
    };
    // No closing boundary: "€1.2bn" glues a scale to the digits.
    let whole = if group.is_empty() {
        "[0-9]+".to_string()
    } else {
        format!(r"[0-9]{{1,3}}(?:{}[0-9]{{3}})+|[0-9]+", class(group))
    };
    format!(r"{BOUNDARY}(?:{whole}){decimal_part}{exponent}{decimal_alone}")
}

type DateTables = (
    meta::Regex,
    String,
    FxHashMap<String, String>,
    FxHashMap<String, u32>,
);

fn compile_dates(c: &LangCompiler, dates: &DatesDef) -> Result<DateTables> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let mut weekday_names = FxHashMap::default();
    let mut weekday_words = Vec::new();
    for (day, names) in &dates.weekdays {
        let names: Vec<String> = names
            .iter()
            .flat_map(|n| {
                std::iter::once(n.clone()).chain(
                    dates
                        .weekday_suffixes
                        .iter()
                        .map(move |s| format!("{n}{s}")),
                )
            })
            .collect();
        if !DAYS.contains(&day.as_str()) {
            return Err(c.error(
                None,
                format!("unknown weekday {day:?} in [dates] weekdays"),
                "weekdays are monday ... sunday",
            ));
        }
        for n in &names {
            weekday_names.insert(normalize_phrase(n), day.clone());
            weekday_words.push(n.clone());
        }
    }
    if dates.months.len() != 12 {
        return Err(c.error(
            None,
            format!("[dates] months has {} entries", dates.months.len()),
            "give twelve lists of month names, January first",
        ));
    }
    let mut month_names = FxHashMap::default();
    let mut month_words = Vec::new();
    for (i, names) in dates.months.iter().enumerate() {
        for n in names {
            month_names.insert(normalize_phrase(n), i as u32 + 1);
            month_words.push(n.clone());
        }
    }
    let suffix = if dates.day_suffixes.is_empty() {
        String::new()
    } else {
        format!(
            "(?:{})?",
            word_alternation(&dates.day_suffixes).replace(BOUNDARY, "")
        )
    };
    let wd = word_alternation(&weekday_words);
    let mo = word_alternation(&month_words);
    let on = if dates.on.is_empty() {
        String::new()
    } else {
        format!(r"(?:{}\s+)?", word_alternation(&dates.on))
    };
    let pattern = format!(
        r"(?i){on}(?:(?P<wd>{wd})[\s,(]*)?(?:(?P<d1>\d{{1,2}}){suffix}\s+(?P<m1>{mo})|(?P<m2>{mo})\s+(?P<d2>\d{{1,2}}){suffix}{BOUNDARY})(?:,?\s+(?P<y>(?:19|20)\d\d){BOUNDARY})?\)?|{on}(?P<wd_only>{wd})"
    );
    Ok((
        c.scan(&pattern, "dates", None)?,
        pattern,
        weekday_names,
        month_names,
    ))
}

/// A language's sentence markers, in the order their mentions are listed: time scopes,
/// trigger words per predicate, anaphors, earlier-commitment markers before and after;
/// combined with the date and named-number patterns for the one pass over each sentence.
fn compile_markers(
    c: &LangCompiler,
    file: &LanguageFile,
    predicates: &[Predicate],
    (date, named_numbers): (&str, Option<&str>),
) -> Result<Markers> {
    let code = &file.language.code;
    let mut markers = compile_time(c, &file.time, code)?;
    markers.extend(compile_triggers(c, file, predicates)?);
    let word_lists = [
        (
            MarkerKind::Anaphor,
            &file.references.anaphors,
            "references.anaphors",
            "anaphor",
        ),
        (
            MarkerKind::Prior { before: true },
            &file.time.prior_before,
            "time.prior_before",
            "prior",
        ),
        (
            MarkerKind::Prior { before: false },
            &file.time.prior_after,
            "time.prior_after",
            "prior",
        ),
    ];
    for (kind, words, what, rule) in word_lists {
        if words.iter().any(|w| !w.is_empty()) {
            let pattern = format!("(?i){}", word_alternation(words));
            markers.push(c.marker(kind, pattern, what, None, format!("{code}.{rule}"))?);
        }
    }
    Markers::new(markers, date, named_numbers).map_err(|e| {
        c.error(
            None,
            format!("the sentence markers (time, predicates, references), dates and named numbers do not compile as one set: {e}"),
            "each pattern compiles alone; shorten the longest word lists",
        )
    })
}

/// Trigger words, one pattern per predicate named in the file's `[predicates]`.
fn compile_triggers(
    c: &LangCompiler,
    file: &LanguageFile,
    predicates: &[Predicate],
) -> Result<Vec<Marker>> {
    let code = &file.language.code;
    let mut out = Vec::new();
    for (id, patterns) in &file.predicates {
        let index = predicates
            .iter()
            .position(|p| &p.def.id == id)
            .ok_or_else(|| {
                c.error(
                    patterns.first().map(|p| p.span().start),
                    format!("[predicates] names {id:?}, which predicates.toml does not declare"),
                    "declare the predicate in predicates.toml first",
                )
            })?;
        for p in patterns {
            c.written_pattern(
                p.get_ref(),
                &format!("predicates.{id}"),
                Some(p.span().start),
            )?;
        }
        let joined: Vec<String> = patterns.iter().map(|p| typographic(p.get_ref())).collect();
        let pattern = format!(
            r"(?i)(?:{})",
            joined
                .iter()
                .map(|p| bounded(p))
                .collect::<Vec<_>>()
                .join("|")
        );
        let what = format!("predicates.{id}");
        let at = patterns.first().map(|p| p.span().start);
        out.push(c.marker(
            MarkerKind::Trigger(index),
            pattern,
            &what,
            at,
            format!("{code}.predicate"),
        )?);
    }
    Ok(out)
}

fn compile_time(c: &LangCompiler, time: &TimeDef, code: &str) -> Result<Vec<Marker>> {
    let mut out = Vec::new();
    let groups = [
        (TimeKind::Since, &time.since, "since"),
        (TimeKind::By, &time.by, "by"),
        (TimeKind::Year, &time.year, "year"),
    ];
    for (kind, patterns, name) in groups {
        for p in patterns {
            let what = format!("time.{name}");
            c.written_pattern(p.get_ref(), &what, Some(p.span().start))?;
            let pattern = format!("(?i){}", typographic(p.get_ref()));
            let marker = c.marker(
                MarkerKind::Time(kind),
                pattern,
                &what,
                Some(p.span().start),
                format!("{code}.time.{name}"),
            )?;
            let year = marker.regex.group_info().to_index(PatternID::ZERO, "year");
            if year.is_none() {
                return Err(c.error(
                    Some(p.span().start),
                    format!("time.{name} pattern has no (?P<year>...) group"),
                    "wrap the year digits in (?P<year>...)",
                ));
            }
            out.push(marker);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_says_which_patterns_match_and_where_their_matches_end() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut sentences = 0;
        type Found<'a> = Vec<(&'a str, Vec<(usize, usize)>)>;
        let spans = |re: &meta::Regex, input: Input<'_>| -> Vec<(usize, usize)> {
            re.find_iter(input).map(|f| (f.start(), f.end())).collect()
        };
        for entry in std::fs::read_dir(dir).expect("fixture articles") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            for sentence in text.split(['.', '\n']) {
                for lang in rules.languages.values() {
                    let mut ends = vec![None; lang.markers.set.pattern_len()];
                    lang.markers
                        .last_ends(sentence, &mut ends)
                        .expect("the combined DFA never gives up on the bundled rules");
                    let scan = lang.markers.scan(sentence);
                    let up_to = |end| Input::new(sentence).range(..end);
                    let gated: Found = scan
                        .markers()
                        .map(|(m, end)| (m.pattern.as_str(), spans(&m.regex, up_to(end))))
                        .collect();
                    let searched: Found = lang
                        .markers
                        .patterns
                        .iter()
                        .map(|m| (m.pattern.as_str(), spans(&m.regex, Input::new(sentence))))
                        .filter(|(_, found)| !found.is_empty())
                        .collect();
                    assert_eq!(gated, searched, "{} markers in {sentence:?}", lang.code);
                    let others = [
                        (Some(&lang.date), scan.date_end()),
                        (lang.named_numbers.as_ref(), scan.named_numbers_end()),
                    ];
                    for (re, end) in others {
                        let Some(re) = re else { continue };
                        let all = spans(re, Input::new(sentence));
                        let gated = end.map(|end| spans(re, up_to(end))).unwrap_or_default();
                        assert_eq!(gated, all, "{} in {sentence:?}", lang.code);
                    }
                }
                sentences += 1;
            }
        }
        assert!(sentences > 500, "only {sentences} sentences read");
    }

    #[test]
    fn bundled_rules_compile() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        assert!(rules.languages.contains_key("en"));
        assert!(rules.languages.contains_key("fr"));
        assert!(rules.languages.contains_key("nl"));
        let aws = rules.gazetteer.index_of("aws").unwrap();
        let amazon = rules.gazetteer.index_of("amazon").unwrap();
        assert_eq!(rules.gazetteer.claim_id(aws), amazon);
    }

    #[test]
    fn word_alternation_handles_spaces_and_apostrophes() {
        let re = Regex::new(&format!(
            "(?i){}",
            word_alternation(&["jusqu'à".into(), "plus de".into()])
        ))
        .unwrap();
        assert!(re.is_match("jusqu’à"));
        assert!(re.is_match("plus\u{a0}de"));
        assert!(!re.is_match("plusde"));
    }
}
