//! `[money]` and `[[currency]]`: the symbols, codes and words of each currency, scale
//! prefixes of codes ("MEUR"), link words ("d'euros") and the hundredth unit ("cents").

use regex::Regex;
use rustc_hash::FxHashMap;

use super::patterns::{normalize_phrase, word_alternation, LangCompiler};
use super::schema::{CodePrefixDef, CurrencyDef, MoneyDef};
use crate::error::Result;

/// The compiled `[money]` and `[[currency]]` tables: what amount reading needs to tell
/// a money figure and its currency.
pub struct MoneyRules {
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
}

/// Every written form of the currencies, each looked up lower-cased.
struct CurrencyForms {
    /// ISO code per form.
    codes: FxHashMap<String, String>,
    /// Multiplier per form that carries a scale ("MEUR": 1e6).
    scales: FxHashMap<String, f64>,
    /// Symbols and codes, with and without a scale prefix: they may stand before a number.
    symbols: Vec<String>,
    /// Words ("euros"): they stand after a number only.
    words: Vec<String>,
}

/// The `[money]` and `[[currency]]` tables of the file `c` compiles.
pub(super) fn compile_money(
    c: &LangCompiler,
    money: &MoneyDef,
    currencies: &[CurrencyDef],
) -> Result<MoneyRules> {
    let forms = currency_forms(currencies, &money.code_prefixes);
    let currency_before = c.regex(
        &format!(r"{}\s*$", word_alternation(&forms.symbols)),
        "currency.symbols",
        None,
    )?;
    let currency_link = c.words_regex(r"(?i)^\s*{}\s*", &money.links, "money.links")?;
    let all_forms: Vec<String> = forms.symbols.iter().chain(&forms.words).cloned().collect();
    let minor_link = compile_minor_link(c, money)?;
    let minor_after = c.words_regex(r"(?i)^\s*{}", &money.minor, "money.minor")?;
    let currency_form = c.words_regex("(?i)^{}", &all_forms, "currency")?;
    Ok(MoneyRules {
        currency_before,
        currency_link,
        currency_form,
        currency_codes: forms.codes,
        currency_scales: forms.scales,
        minor_link,
        minor_after,
    })
}

/// The symbols, codes (alone and after each scale prefix of `prefixes`) and words of
/// `currencies`.
fn currency_forms(currencies: &[CurrencyDef], prefixes: &[CodePrefixDef]) -> CurrencyForms {
    let mut forms = CurrencyForms {
        codes: FxHashMap::default(),
        scales: FxHashMap::default(),
        symbols: Vec::new(),
        words: Vec::new(),
    };
    for cur in currencies {
        for s in &cur.symbols {
            forms.codes.insert(normalize_phrase(s), cur.code.clone());
            forms.symbols.push(s.clone());
        }
        // "MEUR 120", "30 MUSD": the code with a scale prefix.
        for p in prefixes {
            let form = format!("{}{}", p.prefix, cur.code);
            forms
                .codes
                .insert(normalize_phrase(&form), cur.code.clone());
            forms.scales.insert(normalize_phrase(&form), p.value);
            forms.symbols.push(form);
        }
        for w in &cur.words {
            forms.codes.insert(normalize_phrase(w), cur.code.clone());
            forms.words.push(w.clone());
        }
    }
    forms
}

/// What may stand between a money figure and the number of its hundredths: nothing but
/// space, or one of the `minor_links`; no pattern when the language names no hundredth.
fn compile_minor_link(c: &LangCompiler, money: &MoneyDef) -> Result<Option<Regex>> {
    if money.minor.is_empty() {
        Ok(None)
    } else if money.minor_links.is_empty() {
        Ok(Some(c.regex(r"^\s*$", "money.minor_links", None)?))
    } else {
        c.words_regex(
            r"(?i)^\s*(?:{}\s+)?$",
            &money.minor_links,
            "money.minor_links",
        )
    }
}
