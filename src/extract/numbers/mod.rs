//! Numbers in a sentence, before any scale, currency or unit: digits in the language's
//! notation (with an exponent, "1.3e6"), named round figures ("a dozen"), spelled-out
//! numbers (text2num), and the expressions built from them — fractions ("two thirds",
//! "3/4", "2 1/4"), mixed numbers ("five and a half"), ratios ("one in five", "1 op de 3")
//! and signs written as words ("minus five").
//!
//! Every word involved comes from the language's rule file (`[numbers]` and
//! `[numbers.fractions]`); this module only knows what a numerator, a denominator, a link
//! or a minus word *is*.
//!
//! Digits are read in `digits` (with exponents, signs and digit fractions), spelled-out
//! words in `words` (through text2num, with word fractions); this module merges them with
//! named numbers and reads what spans both: ratios, minus words, fraction tails.

use regex_automata::Input;

use crate::error::floor_char_boundary;
use crate::rules::{normalize_phrase, NumberRules};
use crate::value::Qualifier;

mod digits;
mod words;

use digits::{digit_fractions, digit_numbers};
use words::word_numbers;

/// Spelled-out digits below this are small: not the figure of a claim unless a currency
/// or a scale follows them ("two euros", "one trillion").
const WORD_NUMBER_THRESHOLD: f64 = 3.0;
/// Small spelled-out digits below this are not numbers at all: "one of", "un accord",
/// "een bedrijf" are words.
const WORD_NUMBER_MINIMUM: f64 = 2.0;

/// Whether a small spelled-out number ([`Number::small`]) is still read as a number
/// ("two"), though never as a claim's figure; "one" and "zero" are not.
pub fn is_small_figure(value: f64) -> bool {
    value >= WORD_NUMBER_MINIMUM
}
/// How far back (bytes) a minus word may start before its number.
const MINUS_WINDOW: usize = 24;
/// The smallest ordinal that is a denominator ("third"): "first" and "second" are ranks
/// (halves have their own words).
const SMALLEST_DENOMINATOR: f64 = 3.0;

/// A number as written, before scale, currency or unit.
#[derive(Debug, Clone)]
pub struct Number {
    /// Byte offset of the start in the sentence.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The value as written.
    pub value: f64,
    /// Half the step of the last written digit.
    pub precision: f64,
    /// Written as a year would be: four plain digits, 1900–2100.
    pub year_like: bool,
    /// The qualifier the words imply ("une centaine": about).
    pub implied: Option<Qualifier>,
    /// A spelled-out digit below three (`WORD_NUMBER_THRESHOLD`): a figure only with a
    /// currency.
    pub small: bool,
    /// A fraction after a link word with no whole number of its own ("3 million and a
    /// half"): it adds to the amount before it.
    pub fraction_tail: bool,
    /// Id of the rule that read it.
    pub rule: &'static str,
}

impl Number {
    fn new(start: usize, end: usize, value: f64, rule: &'static str) -> Number {
        Number {
            start,
            end,
            value,
            precision: 0.5,
            year_like: false,
            implied: None,
            small: false,
            fraction_tail: false,
            rule,
        }
    }
}

/// Every number of sentence `s`, in order of position, none overlapping another, each a
/// finite value. Its named numbers ("a dozen") end by `named_end`
/// ([`crate::rules::SentenceScan`]).
pub fn find(rules: &NumberRules, s: &str, named_end: Option<usize>) -> Vec<Number> {
    let mut out = digit_numbers(rules, s);
    // Digits win over words. Between a named figure and number words that overlap, the
    // one that starts first wins, or the longer: "half a million" over "a million", and
    // "five and a half" (million) over "half million".
    let mut words = word_numbers(rules, s, &out);
    words.extend(
        named_numbers(rules, s, named_end)
            .into_iter()
            .filter(|n| !overlaps(&out, n)),
    );
    words.sort_by_key(|n| (n.start, std::cmp::Reverse(n.end)));
    out.extend(words);
    out.sort_by_key(|n| n.start);
    out.dedup_by(|later, earlier| later.start < earlier.end);
    let out = digit_fractions(rules, s, out);
    let out = ratios(rules, s, out);
    out.into_iter()
        .filter(|n| n.value.is_finite())
        .map(|n| minus_word(rules, s, n))
        .map(|n| fraction_tail(rules, s, n))
        .collect()
}

fn overlaps(numbers: &[Number], n: &Number) -> bool {
    numbers.iter().any(|d| d.start < n.end && n.start < d.end)
}

/// A fraction below one after a link word that follows digits or a scale word ("3
/// million and a half", "vijf miljard en driekwart") adds to the amount before it.
fn fraction_tail(rules: &NumberRules, s: &str, mut n: Number) -> Number {
    if n.fraction_tail || !(0.0 < n.value && n.value < 1.0) {
        return n;
    }
    let mut before = s[..n.start].split_whitespace().rev();
    let link = before
        .next()
        .is_some_and(|w| rules.fractions.and.contains(&w.to_lowercase()));
    let figure = before.next().is_some_and(|w| {
        w.ends_with(|c: char| c.is_ascii_digit())
            || rules.scale_values.contains_key(&normalize_phrase(w))
    });
    n.fraction_tail = link && figure;
    n
}

/// "one in five", "1 over 3", "1 op de 3": a smaller whole number, a ratio word and a
/// larger one.
fn ratios(rules: &NumberRules, s: &str, numbers: Vec<Number>) -> Vec<Number> {
    let Some(over) = &rules.fractions.over else {
        return numbers;
    };
    let whole = |n: &Number| n.value.fract() == 0.0 && !n.year_like && n.rule != "fraction";
    let mut out: Vec<Number> = Vec::with_capacity(numbers.len());
    let mut iter = numbers.into_iter().peekable();
    while let Some(n) = iter.next() {
        let ratio = iter.peek().is_some_and(|d| {
            whole(&n)
                && whole(d)
                && n.value >= 0.0
                && n.value < d.value
                && over.is_match(&s[n.end..d.start])
        });
        if ratio {
            let d = iter.next().expect("peeked");
            out.push(Number::new(n.start, d.end, n.value / d.value, "ratio"));
        } else {
            out.push(n);
        }
    }
    out
}

/// "minus five", "négatif un": a minus word right before a number.
fn minus_word(rules: &NumberRules, s: &str, mut n: Number) -> Number {
    let Some(minus) = &rules.minus_before else {
        return n;
    };
    // Only the few words before the number can hold it: search them, not the sentence.
    let window = floor_char_boundary(s, n.start.saturating_sub(MINUS_WINDOW));
    if n.value > 0.0 {
        if let Some(m) = minus.find(&s[window..n.start]) {
            n.start = window + m.start();
            n.value = -n.value;
            n.small = false;
        }
    }
    n
}

/// Named numbers ("a dozen") in `s`, whose last one ends at `end`.
fn named_numbers(rules: &NumberRules, s: &str, end: Option<usize>) -> Vec<Number> {
    let (Some(re), Some(end)) = (&rules.named_numbers, end) else {
        return Vec::new();
    };
    re.find_iter(Input::new(s).range(..end))
        .filter_map(|m| {
            let (value, q) = rules.named_values.get(&normalize_phrase(&s[m.range()]))?;
            Some(Number {
                implied: Some(*q),
                ..Number::new(m.start(), m.end(), *value, "named")
            })
        })
        .collect()
}

/// The unit a fraction after a whole number counts in: its last scale of a thousand or
/// more ("two million and a half": millions), else one (and one for a value that is not
/// finite).
pub fn unit_of(whole: f64) -> f64 {
    let mut unit = 1.0;
    let mut scale = 1000.0;
    while scale <= whole && scale.is_finite() {
        if whole % scale == 0.0 {
            unit = scale;
        }
        scale *= 1000.0;
    }
    unit
}

#[cfg(test)]
mod tests {
    use super::unit_of;

    #[test]
    fn a_fraction_counts_in_the_last_scale_of_a_thousand_or_more() {
        for (whole, unit) in [
            (5.0, 1.0),
            (100.0, 1.0),
            (1000.0, 1000.0),
            (6e6, 1e6),
            (2_300_000.0, 1000.0),
            (1e9, 1e9),
            (f64::INFINITY, 1.0),
            (f64::NAN, 1.0),
        ] {
            assert_eq!(unit_of(whole), unit, "{whole}");
        }
    }
}
