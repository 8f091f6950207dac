//! `[numbers]`: how a language writes figures: its grouping and decimal separators, scale
//! words ("million", "bn"), words standing for a round figure ("une centaine"), percent
//! and minus words, and fractions in words and digits.

use std::borrow::Cow;

use regex::Regex;
use regex_automata::meta;
use regex_automata::util::pool::Pool;
use rustc_hash::{FxHashMap, FxHashSet};

use super::patterns::{normalize_phrase, word_alternation, LangCompiler, BOUNDARY};
use super::schema::{FractionsDef, NamedDef, NumbersDef};
use crate::error::Result;
use crate::value::Qualifier;

/// How a language writes fractions (`[numbers.fractions]`): denominator words, ordinal
/// endings, link words and the characters of a digit fraction.
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

/// A spelling variant of `[numbers] respell`, in lower case: each word of a sentence is
/// searched for it, so its searcher is built once.
pub struct Respelling {
    /// The variant, as found in words.
    pub from: memchr::memmem::Finder<'static>,
    /// What it is read as.
    pub to: String,
}

impl Respelling {
    fn new(from: &str, to: &str) -> Respelling {
        Respelling {
            from: memchr::memmem::Finder::new(from).into_owned(),
            to: to.to_owned(),
        }
    }

    /// `word` with every occurrence of the variant read as its standard spelling.
    pub fn apply<'a>(&self, word: Cow<'a, str>) -> Cow<'a, str> {
        let from = self.from.needle();
        if word.len() < from.len() || self.from.find(word.as_bytes()).is_none() {
            return word;
        }
        let from = std::str::from_utf8(from).expect("the variant was a str");
        Cow::Owned(word.replace(from, &self.to))
    }
}

/// What reading spelled-out numbers made of each word it met, as bits its reader defines,
/// by the word as written: the words of news text recur, and reading one again (lower
/// case, respellings, text2num) costs about ten times looking it up. Words of up to 15
/// bytes are kept, up to [`WordVerdicts::CAPACITY`] of them: at most about 540 KB a
/// thread and language (16,384 slots of 32 bytes).
#[derive(Default)]
pub struct WordVerdicts {
    verdicts: FxHashMap<u128, u8>,
}

impl WordVerdicts {
    /// The most words kept; later ones are read each time.
    pub const CAPACITY: usize = 1 << 13;

    /// The verdict on `word`, from `read` the first time.
    pub fn of(&mut self, word: &str, read: impl FnOnce() -> u8) -> u8 {
        let Some(key) = packed(word) else {
            return read();
        };
        if let Some(&verdict) = self.verdicts.get(&key) {
            return verdict;
        }
        let verdict = read();
        if self.verdicts.len() < Self::CAPACITY {
            self.verdicts.insert(key, verdict);
        }
        verdict
    }
}

/// A word of up to 15 bytes as one number: its bytes, then its length in the last byte.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

/// The compiled `[numbers]` table (and the header's `number_words`): everything number
/// reading needs to know of how the language writes figures, in digits and in words.
pub struct NumberRules {
    /// The spelled-out number interpreter, if the language has one.
    pub number_words: Option<text2num::Language>,
    /// What reading spelled-out numbers made of the words it met, one table per thread
    /// ([`WordVerdicts`]).
    pub word_verdicts: Pool<WordVerdicts, fn() -> WordVerdicts>,
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
    /// Scale word straight after a number, or after one of the words that may stand
    /// between them ("5 autres milliards"): `^\s*(?:(word)\s+)?(?P<scale>scale)`.
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
    /// The named numbers' pattern as written, also part of the language's combined marker
    /// DFA.
    pub(super) named_pattern: Option<String>,
    /// Percent markers right after a number.
    pub percent_after: Option<Regex>,
    /// A word that makes the number after it negative ("minus 5"): `(minus)\s*$`.
    pub minus_before: Option<Regex>,
    /// Spelling variants rewritten before spelled-out numbers are read: "cinquieme" is
    /// read as "cinquième".
    pub respell: Vec<Respelling>,
    /// Plural words for an order of magnitude, in lower case: no figure by themselves
    /// ("tens of thousands", which text2num would read as ten).
    pub vague: FxHashSet<String>,
    /// How fractions are written in words and digits.
    pub fractions: Fractions,
}

/// The scale words of `[numbers]`.
struct Scales {
    /// A scale word straight after a number: `^\s*(scale)`.
    after: Regex,
    /// A scale abbreviation glued to the digits: `^(abbr)`.
    attached: Regex,
    /// Multiplier per lower-cased scale word.
    values: FxHashMap<String, f64>,
    /// Scale words that are a number on their own.
    alone: FxHashSet<String>,
}

/// The words standing for a round figure (`named` in `[numbers]`).
struct NamedNumbers {
    /// Their pattern, also part of the language's combined marker DFA.
    pattern: Option<String>,
    /// The pattern compiled for searching whole sentences.
    regex: Option<meta::Regex>,
    /// Value and implied qualifier per lower-cased word.
    values: FxHashMap<String, (f64, Qualifier)>,
}

/// The `[numbers]` table of the file `c` compiles, with the header's spelled-out number
/// interpreter `number_words`.
pub(super) fn compile_numbers(
    c: &LangCompiler,
    n: &NumbersDef,
    number_words: Option<text2num::Language>,
) -> Result<NumberRules> {
    let markers: Vec<String> = n.exponent.iter().chain(&n.power).cloned().collect();
    let number = c.regex(
        &number_pattern(&n.group, &n.decimal, &markers),
        "numbers",
        None,
    )?;
    let scales = compile_scales(c, n)?;
    let one_before = c.words_regex(r"(?i){}\s+$", &n.one, "numbers.one")?;
    let named = compile_named(c, &n.named)?;
    Ok(NumberRules {
        number_words,
        word_verdicts: Pool::new(WordVerdicts::default),
        number,
        group_chars: chars_of(&n.group),
        decimal_chars: chars_of(&n.decimal),
        exponents: n.exponent.clone(),
        powers: n.power.clone(),
        scale_after: scales.after,
        scale_attached: scales.attached,
        scale_values: scales.values,
        alone_scales: scales.alone,
        one_before,
        named_numbers: named.regex,
        named_values: named.values,
        named_pattern: named.pattern,
        percent_after: c.words_regex(r"(?i)^\s*{}", &n.percent, "numbers.percent")?,
        minus_before: c.words_regex(r"(?i){}\s*$", &n.minus, "numbers.minus")?,
        respell: n
            .respell
            .iter()
            .map(|(from, to)| Respelling::new(&from.to_lowercase(), &to.to_lowercase()))
            .collect(),
        vague: n.vague.iter().map(|w| w.to_lowercase()).collect(),
        fractions: compile_fractions(c, &n.fractions, &n.one)?,
    })
}

/// The scale words of `n`: those that may stand apart from the digits, and those
/// (`attached_only`) only glued to them.
fn compile_scales(c: &LangCompiler, n: &NumbersDef) -> Result<Scales> {
    let mut values = FxHashMap::default();
    let mut alone = FxHashSet::default();
    let mut free_scales = Vec::new();
    for scale in &n.scales {
        for w in &scale.words {
            values.insert(normalize_phrase(w), scale.value);
            if scale.alone {
                alone.insert(normalize_phrase(w));
            }
            if !n.attached_only.contains(w) {
                free_scales.push(w.clone());
            }
        }
    }
    let between = match n.before_scale.is_empty() {
        true => String::new(),
        false => format!(r"(?:(?i:{})\s+)?", word_alternation(&n.before_scale)),
    };
    let after = c.regex(
        &format!(
            r"^\s*{between}(?P<scale>{})",
            case_sensitive_short(&free_scales)
        ),
        "numbers.scales",
        None,
    )?;
    let attached = c.regex(
        &format!(r"^{}", case_sensitive_short(&n.attached_only)),
        "numbers.attached_only",
        None,
    )?;
    Ok(Scales {
        after,
        attached,
        values,
        alone,
    })
}

/// The named numbers, each with the qualifier it implies ("une centaine" is about 100).
fn compile_named(c: &LangCompiler, named: &[NamedDef]) -> Result<NamedNumbers> {
    let mut values = FxHashMap::default();
    let mut words = Vec::new();
    for def in named {
        let q = Qualifier::from_id(def.qualifier.get_ref()).ok_or_else(|| {
            c.error(
                Some(def.qualifier.span().start),
                format!("unknown qualifier {:?}", def.qualifier.get_ref()),
                "qualifiers are exact, more_than, at_least, less_than, up_to, approx",
            )
        })?;
        for w in &def.words {
            values.insert(normalize_phrase(w), (def.value, q));
            words.push(w.clone());
        }
    }
    let pattern = (!words.is_empty()).then(|| format!("(?i){}", word_alternation(&words)));
    let regex = match &pattern {
        None => None,
        Some(pattern) => Some(c.scan(pattern, "numbers.named", None)?),
    };
    Ok(NamedNumbers {
        pattern,
        regex,
        values,
    })
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

/// The `[numbers.fractions]` table; `one` (the articles standing for one) also stand for
/// one before a denominator.
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

/// The first character of each entry of `list`.
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::WordVerdicts;

    #[test]
    fn a_verdict_is_read_once_per_word_up_to_the_capacity() {
        let mut verdicts = WordVerdicts::default();
        let reads = Cell::new(0);
        let mut of = |word: &str| {
            verdicts.of(word, || {
                reads.set(reads.get() + 1);
                word.len() as u8
            })
        };
        for word in ["one", "One", "one", "a", "a\0", "fifteen bytes!!", "one"] {
            assert_eq!(of(word), word.len() as u8, "{word:?}");
        }
        // Words differing in case or length only are different words.
        assert_eq!(reads.get(), 5);
        // A word of more than 15 bytes is read each time.
        for _ in 0..2 {
            assert_eq!(of("sixteen bytes!!!"), 16);
        }
        assert_eq!(reads.get(), 7);
        for n in 0..2 * WordVerdicts::CAPACITY {
            of(&n.to_string());
        }
        let reads_before = reads.get();
        of("7");
        assert_eq!(reads.get(), reads_before, "a word kept is not read again");
        of(&(2 * WordVerdicts::CAPACITY - 1).to_string());
        assert_eq!(
            reads.get(),
            reads_before + 1,
            "a word past the capacity is read again"
        );
        assert_eq!(verdicts.verdicts.len(), WordVerdicts::CAPACITY);
    }
}
