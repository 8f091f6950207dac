//! Numbers in a sentence, before any scale, currency or unit: digits in the language's
//! notation (with an exponent, "1.3e6"), named round figures ("a dozen"), spelled-out
//! numbers (text2num), and the expressions built from them — fractions ("two thirds",
//! "3/4", "2 1/4"), mixed numbers ("five and a half"), ratios ("one in five", "1 op de 3")
//! and signs written as words ("minus five").
//!
//! Every word involved comes from the language's rule file (`[numbers]` and
//! `[numbers.fractions]`); this module only knows what a numerator, a denominator, a link
//! or a minus word *is*.

use std::borrow::Cow;

use regex_automata::Input;
use text2num::{find_numbers, Token};

use crate::error::floor_char_boundary;
use crate::rules::{normalize_phrase, LanguageRules};
use crate::value::Qualifier;

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
    /// A spelled-out digit below [`WORD_NUMBER_THRESHOLD`]: a figure only with a currency.
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
pub fn find(lang: &LanguageRules, s: &str, named_end: Option<usize>) -> Vec<Number> {
    let mut out = digit_numbers(lang, s);
    // Digits win over words. Between a named figure and number words that overlap, the
    // one that starts first wins, or the longer: "half a million" over "a million", and
    // "five and a half" (million) over "half million".
    let mut words = word_numbers(lang, s, &out);
    words.extend(
        named_numbers(lang, s, named_end)
            .into_iter()
            .filter(|n| !overlaps(&out, n)),
    );
    words.sort_by_key(|n| (n.start, std::cmp::Reverse(n.end)));
    out.extend(words);
    out.sort_by_key(|n| n.start);
    out.dedup_by(|later, earlier| later.start < earlier.end);
    let out = digit_fractions(lang, s, out);
    let out = ratios(lang, s, out);
    out.into_iter()
        .filter(|n| n.value.is_finite())
        .map(|n| minus_word(lang, s, n))
        .map(|n| fraction_tail(lang, s, n))
        .collect()
}

fn overlaps(numbers: &[Number], n: &Number) -> bool {
    numbers.iter().any(|d| d.start < n.end && n.start < d.end)
}

/// A fraction below one after a link word that follows digits or a scale word ("3
/// million and a half", "vijf miljard en driekwart") adds to the amount before it.
fn fraction_tail(lang: &LanguageRules, s: &str, mut n: Number) -> Number {
    if n.fraction_tail || !(0.0 < n.value && n.value < 1.0) {
        return n;
    }
    let mut before = s[..n.start].split_whitespace().rev();
    let link = before
        .next()
        .is_some_and(|w| lang.fractions.and.contains(&w.to_lowercase()));
    let figure = before.next().is_some_and(|w| {
        w.ends_with(|c: char| c.is_ascii_digit())
            || lang.scale_values.contains_key(&normalize_phrase(w))
    });
    n.fraction_tail = link && figure;
    n
}

// ---------------------------------------------------------------------------------------
// Digits.

fn digit_numbers(lang: &LanguageRules, s: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = lang.number.find_at(s, at) {
        let raw = grouped_digits(s, m.range());
        at = m.start() + raw.len().max(1);
        if decimal_glued(lang, s, m.start()) {
            continue;
        }
        if let Some(n) = digit_number(lang, raw, m.start()) {
            out.push(with_sign(s, n));
        }
    }
    out
}

/// Digits grouped with spaces end where a group does: "423 0000" is 423 and 0000, not
/// 423 000 and 0.
fn grouped_digits(s: &str, range: std::ops::Range<usize>) -> &str {
    let raw = &s[range.clone()];
    let digit_after = s[range.end..].starts_with(|c: char| c.is_ascii_digit());
    match raw.find(char::is_whitespace) {
        Some(space) if digit_after => &raw[..space],
        _ => raw,
    }
}

/// A figure written from its decimal separator (".08") is one only at the start of a
/// word: not in "v1.2.08" nor in a list "3,5,08".
fn decimal_glued(lang: &LanguageRules, s: &str, start: usize) -> bool {
    s[start..].starts_with(|c| lang.decimal_chars.contains(&c))
        && s[..start]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '-' | '+' | '\u{2212}'))
}

fn digit_number(lang: &LanguageRules, raw: &str, start: usize) -> Option<Number> {
    let (mantissa, exponent) = split_exponent(lang, raw)?;
    let mut digits = String::with_capacity(mantissa.len() + 1);
    let mut decimals: Option<i32> = None;
    for c in mantissa.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            if let Some(d) = decimals.as_mut() {
                *d += 1;
            }
        } else if lang.decimal_chars.contains(&c) && decimals.is_none() {
            if digits.is_empty() {
                digits.push('0');
            }
            digits.push('.');
            decimals = Some(0);
        } else if !lang.group_chars.contains(&c) && !c.is_whitespace() {
            return None;
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    let mut precision = 0.5 * 10f64.powi(-decimals.unwrap_or(0));
    match exponent {
        Some(Exponent::Ten(k)) => {
            // Parsed, not multiplied: 6.02e23 exactly, not 6.019999999999999e23.
            value = format!("{digits}e{k}").parse().ok()?;
            precision *= 10f64.powi(k);
        }
        Some(Exponent::Power(k)) => value = value.powi(k),
        None => {}
    }
    if !value.is_finite() {
        return None;
    }
    let plain = raw.chars().all(|c| c.is_ascii_digit());
    Some(Number {
        precision,
        year_like: plain && raw.len() == 4 && (1900.0..=2100.0).contains(&value),
        ..Number::new(start, start + raw.len(), value, "number")
    })
}

/// An exponent written after digits.
enum Exponent {
    /// A power of ten ("1.3e6", "6.23x10^-4").
    Ten(i32),
    /// A power of the number itself ("1.1^23").
    Power(i32),
}

/// The digits before an exponent marker, and the exponent; `None` when the exponent does
/// not fit. Each minus sign flips the exponent's sign ("1.1^--23" is 1.1^23).
fn split_exponent<'r>(lang: &LanguageRules, raw: &'r str) -> Option<(&'r str, Option<Exponent>)> {
    let markers = lang
        .exponents
        .iter()
        .map(|m| (m, false))
        .chain(lang.powers.iter().map(|m| (m, true)));
    for (marker, power) in markers {
        // memmem, not `str::find`: no substring-search set-up for a figure of a few bytes.
        let at = memchr::memmem::find(raw.as_bytes(), marker.as_bytes());
        let Some(at) = at.filter(|&at| at > 0) else {
            continue;
        };
        let rest = &raw[at + marker.len()..];
        let minuses = rest.chars().filter(|&c| c == '-').count();
        let k: i32 = rest.trim_start_matches(['+', '-']).parse().ok()?;
        let k = if minuses % 2 == 1 { -k } else { k };
        let exponent = if power {
            Exponent::Power(k)
        } else {
            Exponent::Ten(k)
        };
        return Some((&raw[..at], Some(exponent)));
    }
    Some((raw, None))
}

/// A minus sign glued to the digits makes the number negative ("-12", "€ -12", "fell to
/// -5%"), unless it joins two figures ("2020-2025", "30 -50") or ends a word ("COVID-19").
fn with_sign(s: &str, mut n: Number) -> Number {
    let before = &s[..n.start];
    let Some(rest) = before
        .strip_suffix('-')
        .or_else(|| before.strip_suffix('\u{2212}'))
    else {
        return n;
    };
    let glued = rest
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '\u{2212}' | '–' | '.' | ','));
    let after_figure = rest
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    if !glued && !after_figure {
        n.start = rest.len();
        n.value = -n.value;
    }
    n
}

/// "3/4" and "2 1/4": a proper fraction of two plain integers joined by a fraction slash,
/// with an optional whole number before it. Dates ("5/17/2018"), year spans ("2020/21")
/// and "24/7" are not.
fn digit_fractions(lang: &LanguageRules, s: &str, numbers: Vec<Number>) -> Vec<Number> {
    let slash = &lang.fractions.slash;
    if slash.is_empty() {
        return numbers;
    }
    let is_slash = |gap: &str| {
        let mut chars = gap.trim().chars();
        chars.next().is_some_and(|c| slash.contains(&c)) && chars.next().is_none()
    };
    let integer = |n: &Number| {
        n.rule == "number"
            && !n.year_like
            && s[n.start..n.end]
                .trim_start_matches(['-', '\u{2212}'])
                .bytes()
                .all(|b| b.is_ascii_digit())
    };
    let mut out: Vec<Number> = Vec::with_capacity(numbers.len());
    let mut iter = numbers.into_iter().peekable();
    while let Some(n) = iter.next() {
        let Some(d) = iter.peek() else {
            out.push(n);
            continue;
        };
        let slashed = is_slash(&s[n.end..d.start])
            && integer(&n)
            && integer(d)
            && n.value.abs() < d.value
            && !s[..n.start].trim_end().ends_with(|c| slash.contains(&c))
            && !s[d.end..].trim_start().starts_with(|c| slash.contains(&c));
        if !slashed {
            out.push(n);
            continue;
        }
        let d = iter.next().expect("peeked");
        let mut fraction = Number {
            precision: 0.5 / d.value,
            ..Number::new(n.start, d.end, n.value / d.value, "fraction")
        };
        if let Some(whole) = out.last() {
            let mixed = integer(whole)
                && whole.value >= 0.0
                && n.value >= 0.0
                && s[whole.end..n.start].trim().is_empty();
            if mixed {
                fraction.start = whole.start;
                fraction.value += whole.value;
                out.pop();
            }
        }
        out.push(fraction);
    }
    out
}

/// "one in five", "1 over 3", "1 op de 3": a smaller whole number, a ratio word and a
/// larger one.
fn ratios(lang: &LanguageRules, s: &str, numbers: Vec<Number>) -> Vec<Number> {
    let Some(over) = &lang.fractions.over else {
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
fn minus_word(lang: &LanguageRules, s: &str, mut n: Number) -> Number {
    let Some(minus) = &lang.minus_before else {
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
fn named_numbers(lang: &LanguageRules, s: &str, end: Option<usize>) -> Vec<Number> {
    let (Some(re), Some(end)) = (&lang.named_numbers, end) else {
        return Vec::new();
    };
    re.find_iter(Input::new(s).range(..end))
        .filter_map(|m| {
            let (value, q) = lang.named_values.get(&normalize_phrase(&s[m.range()]))?;
            Some(Number {
                implied: Some(*q),
                ..Number::new(m.start(), m.end(), *value, "named")
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Spelled-out numbers.

/// A word of the sentence, for text2num: its lower-case form is respelled as the rules
/// say ("cinquieme" is read as "cinquième").
struct Word<'a> {
    text: &'a str,
    lower: Cow<'a, str>,
    start: usize,
    end: usize,
    digits: bool,
}

impl Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text)
    }
    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.lower)
    }
    fn nt_separated(&self, _previous: &Self) -> bool {
        false
    }
}

/// The words of `s`: runs of letters, runs of ASCII digits, and each other character that
/// is not a space.
fn words<'s>(lang: &LanguageRules, s: &'s str) -> Vec<Word<'s>> {
    // News text has a word every five or six bytes: one allocation for most sentences.
    let mut out = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    while i < s.len() {
        let c = char_at(s, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let digits = c.is_ascii_digit();
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            while end < s.len() {
                let d = char_at(s, end);
                if !(d.is_alphanumeric() && d.is_ascii_digit() == digits) {
                    break;
                }
                end += d.len_utf8();
            }
        }
        let text = &s[i..end];
        out.push(Word {
            text,
            lower: respelled(lang, lowercase(text)),
            start: i,
            end,
            digits: digits && c.is_alphanumeric(),
        });
        i = end;
    }
    out
}

/// The character starting at byte `i` of `s`; ASCII without decoding.
fn char_at(s: &str, i: usize) -> char {
    match s.as_bytes()[i] {
        b @ 0..0x80 => char::from(b),
        _ => s[i..]
            .chars()
            .next()
            .expect("i is a char boundary before the end"),
    }
}

/// `text` in lower case, borrowed when it already is (most words are).
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

fn respelled<'a>(lang: &LanguageRules, mut word: Cow<'a, str>) -> Cow<'a, str> {
    for (from, to) in &lang.respell {
        if word.contains(from.as_str()) {
            word = Cow::Owned(word.replace(from.as_str(), to));
        }
    }
    word
}

/// What a run of words is, to build fractions from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum AtomKind {
    /// A cardinal number ("one hundred and three").
    Cardinal,
    /// An ordinal ("fifth", "twenty-firsts"); `value` is its rank.
    Ordinal,
    /// A fraction word that is not an ordinal ("half", "quarters"); `value` is the
    /// denominator.
    Denominator,
    /// An article standing for one before a denominator ("a third").
    Article,
}

/// A fraction read from atoms: its value, the token it ends before, and how many atoms it
/// took.
struct Part {
    value: f64,
    end: usize,
    atoms: usize,
}

/// A run of words `first..end` (token indices) that is a number or part of one.
#[derive(Debug, Clone, Copy)]
struct Atom {
    kind: AtomKind,
    first: usize,
    end: usize,
    value: f64,
}

fn word_numbers(lang: &LanguageRules, s: &str, taken: &[Number]) -> Vec<Number> {
    let Some(interpreter) = &lang.number_words else {
        return Vec::new();
    };
    let reader = WordReader {
        lang,
        interpreter,
        s,
        tokens: words(lang, s),
    };
    let atoms = reader.atoms();
    let mut out = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let (number, used) = match reader.fraction_at(&atoms, i) {
            Some(found) => found,
            None => (reader.cardinal(&atoms[i]), 1),
        };
        i += used;
        if let Some(n) = number {
            // Words read as part of this number ("of a million") are not numbers again.
            while atoms
                .get(i)
                .is_some_and(|a| reader.tokens[a.first].start < n.end)
            {
                i += 1;
            }
            if !overlaps(taken, &n) {
                out.push(n);
            }
        }
    }
    out
}

/// Reads the spelled-out numbers of one sentence.
struct WordReader<'a> {
    lang: &'a LanguageRules,
    interpreter: &'a text2num::Language,
    s: &'a str,
    tokens: Vec<Word<'a>>,
}

impl WordReader<'_> {
    /// The cardinals, ordinals, denominator words and articles of the sentence, in order.
    fn atoms(&self) -> Vec<Atom> {
        let tokens = &self.tokens;
        let fractions = &self.lang.fractions;
        let mut found = self.occurrences(0..tokens.len()).into_iter().peekable();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            while found.next_if(|o| o.first < i).is_some() {}
            if let Some(o) = found.next_if(|o| o.first == i) {
                i = o.end;
                out.push(o);
                continue;
            }
            let word: &str = tokens[i].lower.as_ref();
            if !word.starts_with(char::is_alphabetic) {
                i += 1;
                continue;
            }
            let atom = |kind, value| Atom {
                kind,
                first: i,
                end: i + 1,
                value,
            };
            if let Some(&d) = fractions.denominators.get(word) {
                out.push(atom(AtomKind::Denominator, d));
            } else if fractions.articles.contains(word) {
                out.push(atom(AtomKind::Article, 1.0));
            }
            i += 1;
        }
        out
    }

    /// The numbers text2num reads in tokens `range`, as cardinal and ordinal atoms. A
    /// scale word after digits belongs to them ("3 miljoen en een half": text2num reads
    /// "miljoen en een"), so the words after it are read again without it.
    fn occurrences(&self, range: std::ops::Range<usize>) -> Vec<Atom> {
        let offset = range.start;
        let tokens = &self.tokens[range];
        let mut out = Vec::new();
        for o in find_numbers(tokens.iter(), self.interpreter, 0.0) {
            let (first, end) = (offset + o.start, offset + o.end);
            if end <= first || self.tokens[first..end].iter().any(|t| t.digits) {
                continue;
            }
            let after_digits = first > 0 && self.tokens[first - 1].digits;
            if after_digits && end - first > 1 && self.is_scale(first) {
                out.extend(self.occurrences(first + 1..end));
                continue;
            }
            let kind = if o.is_ordinal {
                AtomKind::Ordinal
            } else {
                AtomKind::Cardinal
            };
            out.push(Atom {
                kind,
                first,
                end,
                value: o.value,
            });
        }
        out
    }

    fn is_scale(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| self.lang.scale_values.contains_key(t.lower.as_ref()))
    }

    /// A cardinal on its own, as a number. A lone scale word is one only after an
    /// article ("a million"), never after digits ("1.2 billion": the scale of those
    /// digits) or alone ("billions").
    fn cardinal(&self, atom: &Atom) -> Option<Number> {
        if atom.kind != AtomKind::Cardinal {
            return None;
        }
        let toks = &self.tokens[atom.first..atom.end];
        let mut start = toks[0].start;
        let end = toks[toks.len() - 1].end;
        let word: &str = toks[0].lower.as_ref();
        if toks.len() == 1
            && self.lang.scale_values.contains_key(word)
            && !self.lang.alone_scales.contains(word)
        {
            let m = self.lang.one_before.as_ref()?.find(&self.s[..start])?;
            start = m.start();
        }
        Some(Number {
            small: atom.value < WORD_NUMBER_THRESHOLD && atom.value.fract() == 0.0,
            ..Number::new(start, end, atom.value, "number_words")
        })
    }

    /// A fraction starting at atom `i`, and how many atoms it takes:
    /// - mixed: a whole number, a link word, then a fraction ("five and a half",
    ///   "three and one fourth", "un et demi");
    /// - simple: a numerator and a denominator ("two thirds", "a fifth of", "one-eighth"),
    ///   scaled by "of a million" after it;
    /// - a plural ordinal after number words ("twenty fifths", "quatre centièmes");
    /// - after a link word with no whole number ("3 million and a half"): a tail that adds
    ///   to the amount before it.
    fn fraction_at(&self, atoms: &[Atom], i: usize) -> Option<(Option<Number>, usize)> {
        if let Some(found) = self.mixed(atoms, i) {
            return Some(found);
        }
        let first = atoms[i].first;
        let tail = self.after_link(first);
        let part = self.simple(atoms, i).or_else(|| {
            if tail {
                self.alone(atoms, i)
            } else {
                self.plural_ordinal(&atoms[i]).or_else(|| {
                    // "quart de million": a denominator word alone before "of" and a scale.
                    self.alone(atoms, i)
                        .filter(|p| self.of_scale(p.end).is_some())
                })
            }
        })?;
        let (mut value, mut end) = (part.value, part.end);
        if !tail {
            if !self.followed_as_fraction(end) {
                return None;
            }
            if let Some((scale, after)) = self.of_scale(end) {
                value *= scale;
                end = after;
            }
        }
        let n = Number {
            fraction_tail: tail,
            ..Number::new(
                self.tokens[first].start,
                self.tokens[end - 1].end,
                value,
                "fraction",
            )
        };
        Some((Some(n), part.atoms))
    }

    /// A whole number, a link word and a fraction ("five and a half", "six million and
    /// two thirds"). The fraction counts in units of the scale word after it when the
    /// whole is at least that ("one billion and a half million"), else in units of the
    /// whole number's last scale of a thousand or more ("two million and a half" is 2.5
    /// million; "one hundred and three quarters" is 100.75).
    fn mixed(&self, atoms: &[Atom], i: usize) -> Option<(Option<Number>, usize)> {
        let whole = atoms.get(i)?;
        let next = atoms.get(i + 1)?;
        if whole.kind != AtomKind::Cardinal || self.cardinal(whole).is_none() {
            return None;
        }
        let part = if next.first == whole.end + 1 && self.is_link(whole.end) {
            self.simple(atoms, i + 1)
                .or_else(|| self.alone(atoms, i + 1))
                .or_else(|| self.plural_ordinal(next))?
        } else if next.first == whole.end && self.lang.fractions.bare_mixed {
            // "drie een vijfde": a whole number right before a numerator and denominator.
            self.simple(atoms, i + 1).filter(|p| p.value < 1.0)?
        } else {
            return None;
        };
        let (unit, end) = self.unit_after(whole.value, part.end);
        let start = self.tokens[whole.first].start;
        let value = whole.value + part.value * unit;
        let n = Number::new(start, self.tokens[end - 1].end, value, "fraction");
        Some((Some(n), part.atoms + 1))
    }

    /// A numerator (cardinal or article) and its denominator at atom `i`. A numerator
    /// with a link word inside ("twenty and three", as text2num reads "twenty and three
    /// fifths") is a mixed number when what follows the link is less than the
    /// denominator.
    fn simple(&self, atoms: &[Atom], i: usize) -> Option<Part> {
        let num = atoms.get(i)?;
        let den = atoms.get(i + 1)?;
        let numerator = matches!(num.kind, AtomKind::Cardinal | AtomKind::Article);
        let denominator = den.kind == AtomKind::Denominator
            || den.kind == AtomKind::Ordinal && den.value >= SMALLEST_DENOMINATOR;
        let adjacent = den.first == num.end || den.first == num.end + 1 && self.is_joiner(num.end);
        if !(numerator && denominator && adjacent) {
            return None;
        }
        let (value, end) = self
            .split_at_link(num, den)
            .unwrap_or((num.value / den.value, den.end));
        Some(Part {
            value,
            end,
            atoms: 2,
        })
    }

    /// A denominator word with no numerator, after a link word ("et demi").
    fn alone(&self, atoms: &[Atom], i: usize) -> Option<Part> {
        let den = atoms.get(i)?;
        (den.kind == AtomKind::Denominator).then(|| Part {
            value: 1.0 / den.value,
            end: den.end,
            atoms: 1,
        })
    }

    /// "twenty and three" before "fifths": 20 + 3/5 when the part after the last link
    /// word is less than the denominator; with where it ends (after a scale word it
    /// counts in: "one billion and three quarters million").
    fn split_at_link(&self, num: &Atom, den: &Atom) -> Option<(f64, usize)> {
        let link = (num.first..num.end).rev().find(|&k| self.is_link(k))?;
        let head = self.value_of(num.first..link)?;
        let tail = self.value_of(link + 1..num.end)?;
        if tail >= den.value {
            return None;
        }
        let (unit, end) = self.unit_after(head, den.end);
        Some((head + tail / den.value * unit, end))
    }

    /// The unit a fraction after `whole` counts in, and where the fraction ends: a scale
    /// word at token `end` no larger than the whole ("one billion and a half million"),
    /// else the whole's own last scale.
    fn unit_after(&self, whole: f64, end: usize) -> (f64, usize) {
        match self.scale_at(end) {
            Some(scale) if scale <= whole => (scale, end + 1),
            _ => (unit_of(whole), end),
        }
    }

    /// "of a million" after a fraction: its scale, and the token after it.
    fn of_scale(&self, k: usize) -> Option<(f64, usize)> {
        let of = self.tokens.get(k)?;
        if !self.lang.fractions.of.contains(of.lower.as_ref()) {
            return None;
        }
        let article = self
            .tokens
            .get(k + 1)
            .is_some_and(|t| self.lang.fractions.articles.contains(t.lower.as_ref()));
        let at = k + 1 + usize::from(article);
        self.scale_at(at).map(|scale| (scale, at + 1))
    }

    fn scale_at(&self, k: usize) -> Option<f64> {
        let word = self.tokens.get(k)?.lower.as_ref();
        self.lang.scale_values.get(word).copied()
    }

    /// "twenty fifths" (text2num reads one ordinal, 25th) and "one hundred
    /// thirty-fifths": number words and a plural ordinal after them (one word, or one
    /// hyphenated compound) are a numerator and a denominator.
    fn plural_ordinal(&self, atom: &Atom) -> Option<Part> {
        let last = atom.end - 1;
        let plural = self
            .lang
            .fractions
            .plural
            .iter()
            .any(|p| self.tokens[last].lower.ends_with(p.as_str()));
        if atom.kind != AtomKind::Ordinal || atom.end - atom.first < 2 || !plural {
            return None;
        }
        // The denominator is the last word, or a hyphenated compound ("thirty-fifths").
        let split = if self.is_joiner(last - 1) {
            last.checked_sub(2).filter(|&k| k > atom.first)?
        } else {
            last
        };
        let denominator = self.ordinal_of(split..atom.end)?;
        let numerator = self.value_of(atom.first..split)?;
        (denominator >= SMALLEST_DENOMINATOR).then(|| Part {
            value: numerator / denominator,
            end: atom.end,
            atoms: 1,
        })
    }

    /// The value of tokens `range` when text2num reads them as exactly one cardinal.
    fn value_of(&self, range: std::ops::Range<usize>) -> Option<f64> {
        let len = range.len();
        let found = find_numbers(self.tokens[range].iter(), self.interpreter, 0.0);
        match found.as_slice() {
            [o] if o.start == 0 && o.end == len && !o.is_ordinal => Some(o.value),
            _ => None,
        }
    }

    /// The rank of tokens `range` when text2num reads them as exactly one ordinal.
    fn ordinal_of(&self, range: std::ops::Range<usize>) -> Option<f64> {
        let len = range.len();
        let found = find_numbers(self.tokens[range].iter(), self.interpreter, 0.0);
        match found.as_slice() {
            [o] if o.start == 0 && o.end == len && o.is_ordinal => Some(o.value),
            _ => None,
        }
    }

    fn is_link(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| self.lang.fractions.and.contains(t.lower.as_ref()))
    }

    /// A hyphen or fraction slash between numerator and denominator ("one-eighth").
    fn is_joiner(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| {
            let mut chars = t.text.chars();
            let c = chars.next();
            chars.next().is_none()
                && c.is_some_and(|c| c == '-' || self.lang.fractions.slash.contains(&c))
        })
    }

    /// Whether token `k - 1` is a link word after a number, digits or a scale word
    /// ("3 million and a half").
    fn after_link(&self, k: usize) -> bool {
        k >= 2 && self.is_link(k - 1) && {
            let before = &self.tokens[k - 2];
            before.digits || self.lang.scale_values.contains_key(before.lower.as_ref())
        }
    }

    /// What may follow a fraction: nothing, punctuation, a word such as "of", a link word
    /// or a scale word. Any other word makes it something else ("a third term").
    fn followed_as_fraction(&self, k: usize) -> bool {
        let Some(next) = self.tokens.get(k) else {
            return true;
        };
        let word = next.lower.as_ref();
        !next.text.starts_with(char::is_alphanumeric)
            || self.lang.fractions.of.contains(word)
            || self.lang.fractions.and.contains(word)
            || self.lang.scale_values.contains_key(word)
    }
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
