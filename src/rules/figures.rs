//! The words around a figure: `[qualifiers]` ("more than"), `[ranges]` ("between ...
//! and") and `[units]` (the nouns naming what a count counts).

use std::collections::BTreeMap;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use toml::Spanned;

use super::patterns::{normalize_phrase, word_alternation, LangCompiler, LATIN_LETTER};
use super::predicates::Predicate;
use super::schema::{RangesDef, UnitsDef};
use crate::error::Result;
use crate::value::Qualifier;

/// The words around a figure that amount reading looks for, one part per table.
pub struct FigureRules {
    /// The qualifiers before a figure ("more than").
    pub qualifiers: QualifierRules,
    /// The words making two figures a range ("between ... and").
    pub ranges: RangeRules,
    /// The nouns naming what a count counts.
    pub units: UnitRules,
}

/// The compiled `[qualifiers]` table.
pub struct QualifierRules {
    /// Qualifier ending right before a figure.
    pub before: Regex,
    /// Qualifier per lower-cased phrase.
    pub values: FxHashMap<String, Qualifier>,
}

/// The compiled `[ranges]` table.
pub struct RangeRules {
    /// Range opener ending right before the first number ("between").
    pub open_before: Option<Regex>,
    /// Range join between two numbers, with or without an opener.
    pub join: Option<Regex>,
    /// Range join that makes a range without an opener.
    pub bare_join: Option<Regex>,
    /// Words between a bare part and its whole ("15 of the 20 million euros"): the part
    /// is counted in the whole's scale and currency or unit.
    pub part_of: Option<Regex>,
    /// Words between a whole and a part after it ("300 stores, of which 40", "35.000
    /// Stellen, davon 4.000"), ending right before the part: the part is counted in the
    /// whole's unit or currency (and scale, when it has none).
    pub of_which: Option<Regex>,
}

/// The compiled `[units]` table.
pub struct UnitRules {
    /// Unit noun where it starts: `^(noun)`.
    pub noun: Option<Regex>,
    /// How many words may stand between a number and its unit noun.
    pub gap: usize,
    /// One word between a number and its unit noun: letters of the Latin alphabets,
    /// apostrophes and hyphens.
    pub gap_word: Regex,
    /// Words the search for a unit noun does not cross: what a number right before them
    /// counts ("vijf jaar geen banen" counts years), anchored at the start.
    pub stop: Option<Regex>,
    /// Unit id per lower-cased noun.
    pub nouns: FxHashMap<String, String>,
}

impl UnitRules {
    /// The unit a matched noun stands for, wildcard entries ("*banen") included.
    pub fn unit_of(&self, noun: &str) -> Option<&String> {
        let noun = normalize_phrase(noun);
        self.nouns.get(&noun).or_else(|| {
            self.nouns
                .iter()
                .filter(|(k, _)| k.starts_with('*') && noun.ends_with(&k[1..]))
                .max_by_key(|(k, _)| k.len())
                .map(|(_, v)| v)
        })
    }
}

/// The `[qualifiers]` table: phrases per qualifier id.
pub(super) fn compile_qualifiers(
    c: &LangCompiler,
    qualifiers: &BTreeMap<String, Spanned<Vec<String>>>,
) -> Result<QualifierRules> {
    let mut values = FxHashMap::default();
    let mut words = Vec::new();
    for (name, phrases) in qualifiers {
        let q = Qualifier::from_id(name).ok_or_else(|| {
            c.error(
                Some(phrases.span().start),
                format!("unknown qualifier {name:?}"),
                "qualifiers are exact, more_than, at_least, less_than, up_to, approx",
            )
        })?;
        for p in phrases.get_ref() {
            values.insert(normalize_phrase(p), q);
            words.push(p.clone());
        }
    }
    let before = c.regex(
        &format!(r"(?i){}\s*$", word_alternation(&words)),
        "qualifiers",
        None,
    )?;
    Ok(QualifierRules { before, values })
}

/// The `[ranges]` table.
pub(super) fn compile_ranges(c: &LangCompiler, r: &RangesDef) -> Result<RangeRules> {
    Ok(RangeRules {
        open_before: c.words_regex(r"(?i){}\s*$", &r.open, "ranges.open")?,
        join: c.words_regex(r"(?i)^\s*{}\s*$", &r.join, "ranges.join")?,
        bare_join: c.words_regex(r"(?i)^\s*{}\s*$", &r.bare_join, "ranges.bare_join")?,
        part_of: c.words_regex(r"(?i)^\s*{}\s*$", &r.part_of, "ranges.part_of")?,
        of_which: c.words_regex(r"(?i){}\s*$", &r.of_which, "ranges.of_which")?,
    })
}

/// The `[units]` table; every unit must be one a predicate of `predicates` counts in.
pub(super) fn compile_units(
    c: &LangCompiler,
    units: &UnitsDef,
    predicates: &[Predicate],
) -> Result<UnitRules> {
    let known_units: FxHashSet<&str> = predicates
        .iter()
        .flat_map(|p| p.def.unit.iter().chain(&p.def.units).chain(&p.def.accepts))
        .map(String::as_str)
        .collect();
    let mut unit_nouns = FxHashMap::default();
    let mut nouns = Vec::new();
    for (unit, list) in &units.nouns {
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
    Ok(UnitRules {
        noun: c.words_regex("(?i)^{}", &nouns, "units")?,
        gap: units.gap,
        gap_word: c.regex(&format!("^[{LATIN_LETTER}'’-]+"), "units.gap", None)?,
        stop: c.words_regex("(?i)^{}", &units.stop, "units.stop")?,
        nouns: unit_nouns,
    })
}
