//! A language's rule file (`en.toml`) compiled into [`LanguageRules`]: the
//! `[language]` header here, every other table by the module named after it, assembled
//! into the one struct the stages read.

use std::path::Path;

use regex::Regex;
use regex_automata::meta;
use rustc_hash::{FxHashMap, FxHashSet};
use toml::Spanned;

use super::claim_words::{compile_claim_words, CompiledClaimWords};
use super::dates::{compile_dates, CompiledDates};
use super::examples::Example;
use super::figures::{
    compile_qualifiers, compile_ranges, compile_units, CompiledQualifiers, CompiledRanges,
    CompiledUnits,
};
use super::markers::{compile_markers, Markers};
use super::money::{compile_money, CompiledMoney};
use super::numbers::{compile_numbers, CompiledNumbers, Fractions};
use super::patterns::{normalize_phrase, LangCompiler};
use super::predicates::Predicate;
use super::schema::{parse_toml, LanguageFile, LanguageHeader};
use super::segment::{compile_segment, CompiledSegment};
use crate::error::{Position, Result};
use crate::value::Qualifier;

/// Bytes in the longest function word a rule file may give.
pub const LONGEST_FUNCTION_WORD: usize = 16;

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

/// The compiled `[language]` header.
struct CompiledHeader {
    /// Language code, as in claims.
    code: String,
    /// Human name of the language.
    name: String,
    /// The language as the detector names it.
    detector: whatlang::Lang,
    /// The spelled-out number interpreter, if any.
    number_words: Option<text2num::Language>,
    /// The language's function words.
    function_words: Vec<String>,
}

/// Every table of a language's file, compiled: what [`Tables::into_rules`] lays out as
/// the fields of [`LanguageRules`].
struct Tables {
    header: CompiledHeader,
    numbers: CompiledNumbers,
    money: CompiledMoney,
    qualifiers: CompiledQualifiers,
    ranges: CompiledRanges,
    units: CompiledUnits,
    dates: CompiledDates,
    markers: Markers,
    claim_words: CompiledClaimWords,
    segment: CompiledSegment,
    examples: Vec<(String, Example)>,
}

/// The rules of the language file at `path` (for messages), whose trigger words and
/// units refer to `predicates`. Tables are compiled in file order, so the first error
/// reported is the first in the file.
pub(super) fn compile_language(
    path: &Path,
    text: &str,
    predicates: &[Predicate],
) -> Result<LanguageRules> {
    let file: LanguageFile = parse_toml(path, text)?;
    let c = LangCompiler { path, text };
    let header = compile_header(&c, &file.language)?;
    let numbers = compile_numbers(&c, &file.numbers)?;
    let money = compile_money(&c, &file.money, &file.currency)?;
    let qualifiers = compile_qualifiers(&c, &file.qualifiers)?;
    let ranges = compile_ranges(&c, &file.ranges)?;
    let units = compile_units(&c, &file.units, predicates)?;
    let dates = compile_dates(&c, &file.dates)?;
    let scanned = (dates.pattern.as_str(), numbers.named.pattern.as_deref());
    let markers = compile_markers(&c, &file, predicates, scanned)?;
    let claim_words = compile_claim_words(&c, &file.not_claims, &file.scopes, &file.references)?;
    let segment = compile_segment(&c, &file.segment)?;
    let tables = Tables {
        header,
        numbers,
        money,
        qualifiers,
        ranges,
        units,
        dates,
        markers,
        claim_words,
        segment,
        examples: located_examples(path, text, &file.examples),
    };
    Ok(tables.into_rules())
}

/// The `[language]` header: a detector language whatlang knows, function words of one
/// short word each, and a text2num language if spelled-out numbers are read.
fn compile_header(c: &LangCompiler, header: &LanguageHeader) -> Result<CompiledHeader> {
    let detector = whatlang::Lang::from_code(header.detector.get_ref()).ok_or_else(|| {
        c.error(
            Some(header.detector.span().start),
            format!("unknown detector language {:?}", header.detector.get_ref()),
            "use whatlang's ISO 639-3 code, e.g. \"eng\", \"fra\", \"nld\", \"deu\"",
        )
    })?;
    check_function_words(c, &header.function_words)?;
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
    Ok(CompiledHeader {
        code: header.code.clone(),
        name: header.name.clone(),
        detector,
        number_words,
        function_words: header
            .function_words
            .iter()
            .map(|w| w.get_ref().clone())
            .collect(),
    })
}

/// Every function word is one word of letters or digits, at most
/// [`LONGEST_FUNCTION_WORD`] bytes long: language detection counts them word by word.
fn check_function_words(c: &LangCompiler, words: &[Spanned<String>]) -> Result<()> {
    let not_one_short_word = |w: &&Spanned<String>| {
        let w = w.get_ref();
        w.is_empty() || w.len() > LONGEST_FUNCTION_WORD || !w.chars().all(char::is_alphanumeric)
    };
    match words.iter().find(not_one_short_word) {
        Some(word) => Err(c.error(
            Some(word.span().start),
            format!("function word {:?} is not one short word", word.get_ref()),
            "function words are counted word by word: give one word each, of letters only, at most 16 bytes long",
        )),
        None => Ok(()),
    }
}

/// The file's examples, each with where it stands (`rules/en.toml:412`).
fn located_examples(
    path: &Path,
    text: &str,
    examples: &[Spanned<Example>],
) -> Vec<(String, Example)> {
    examples
        .iter()
        .map(|e| {
            let line = Position::of_offset(text, e.span().start).line;
            (format!("{}:{line}", path.display()), e.get_ref().clone())
        })
        .collect()
}

impl Tables {
    /// The compiled tables laid out as the fields of [`LanguageRules`], the shape the
    /// stages read.
    fn into_rules(self) -> LanguageRules {
        LanguageRules {
            code: self.header.code,
            name: self.header.name,
            detector: self.header.detector,
            number_words: self.header.number_words,
            function_words: self.header.function_words,
            number: self.numbers.number,
            group_chars: self.numbers.group_chars,
            decimal_chars: self.numbers.decimal_chars,
            exponents: self.numbers.exponents,
            powers: self.numbers.powers,
            scale_after: self.numbers.scales.after,
            scale_attached: self.numbers.scales.attached,
            scale_values: self.numbers.scales.values,
            alone_scales: self.numbers.scales.alone,
            one_before: self.numbers.one_before,
            named_numbers: self.numbers.named.regex,
            named_values: self.numbers.named.values,
            percent_after: self.numbers.percent_after,
            minus_before: self.numbers.minus_before,
            respell: self.numbers.respell,
            fractions: self.numbers.fractions,
            currency_before: self.money.currency_before,
            currency_link: self.money.currency_link,
            currency_form: self.money.currency_form,
            currency_codes: self.money.currency_codes,
            currency_scales: self.money.currency_scales,
            minor_link: self.money.minor_link,
            minor_after: self.money.minor_after,
            qualifier_before: self.qualifiers.before,
            qualifier_values: self.qualifiers.values,
            range_open_before: self.ranges.open_before,
            range_join: self.ranges.join,
            range_bare_join: self.ranges.bare_join,
            unit_noun: self.units.noun,
            unit_gap: self.units.gap,
            unit_gap_word: self.units.gap_word,
            unit_nouns: self.units.nouns,
            date: self.dates.date,
            weekday_names: self.dates.weekday_names,
            month_names: self.dates.month_names,
            markers: self.markers,
            not_claims: self.claim_words.not_claims,
            scopes: self.claim_words.scopes,
            target_link: self.claim_words.target_link,
            conjunction: self.claim_words.conjunction,
            abbreviations: self.segment.abbreviations,
            no_break_after: self.segment.no_break_after,
            examples: self.examples,
        }
    }
}
