//! Spelled-out numbers, read by text2num over the sentence's words ("one hundred and
//! three", "vingt-deux"), and the fractions built from them: "two thirds", "a fifth of",
//! "five and a half", "twenty fifths", "three quarters of a million", and a fraction tail
//! after a link word ("3 million and a half").

use std::borrow::Cow;

use text2num::digit_string::DigitString;
use text2num::error::Error;
use text2num::{find_numbers, LangInterpreter, Token};

use crate::rules::NumberRules;

use super::{overlaps, unit_of, Number, SMALLEST_DENOMINATOR, WORD_NUMBER_THRESHOLD};

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
fn words<'s>(rules: &NumberRules, s: &'s str) -> Vec<Word<'s>> {
    // News text has a word every five or six bytes: one allocation for most sentences.
    let mut out = Vec::with_capacity(s.len() / 4);
    out.extend(word_spans(s).map(|span| {
        let text = &s[span.start..span.end];
        Word {
            text,
            lower: respelled(rules, lowercase(text)),
            start: span.start,
            end: span.end,
            digits: span.digits,
        }
    }));
    out
}

/// Where a word of a sentence stands, and whether it is a run of ASCII digits.
struct WordSpan {
    start: usize,
    end: usize,
    digits: bool,
}

/// The spans of the words of `s`, as [`words`] reads them, without lower-casing them.
fn word_spans(s: &str) -> impl Iterator<Item = WordSpan> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
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
            let span = WordSpan {
                start: i,
                end,
                digits: digits && c.is_alphanumeric(),
            };
            i = end;
            return Some(span);
        }
        None
    })
}

/// Verdict bit ([`WordVerdicts`](crate::rules::WordVerdicts)): text2num reads the word as
/// a number by itself.
const ALONE: u8 = 1;
/// Verdict bit: a spelled-out number or a word fraction may start from the word, a number
/// by itself or a denominator word ("half") written in letters.
const STARTS_NUMBER: u8 = 2;

/// The verdict bits of the word written `text`.
fn verdict_of(
    rules: &NumberRules,
    interpreter: &text2num::Language,
    number: &mut DigitString,
    text: &str,
) -> u8 {
    let word = respelled(rules, lowercase(text));
    number.reset();
    let alone = interpreter.apply(&word, number).is_ok();
    let letters = word.starts_with(char::is_alphabetic);
    let starts = letters && (alone || rules.fractions.denominators.contains_key(word.as_ref()));
    let mut verdict = 0;
    if alone {
        verdict |= ALONE;
    }
    if starts {
        verdict |= STARTS_NUMBER;
    }
    verdict
}

/// Whether a word of `s` is a number by itself for text2num, or a denominator word
/// ("half"): the words a spelled-out number or a word fraction starts from. Most sentences
/// hold none, and are then not split into words at all.
fn has_number_words(rules: &NumberRules, interpreter: &text2num::Language, s: &str) -> bool {
    let mut verdicts = rules.word_verdicts.get();
    let mut number = DigitString::new();
    word_spans(s).filter(|span| !span.digits).any(|span| {
        let text = &s[span.start..span.end];
        let verdict = verdicts.of(text, || verdict_of(rules, interpreter, &mut number, text));
        verdict & STARTS_NUMBER != 0
    })
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

fn respelled<'a>(rules: &NumberRules, word: Cow<'a, str>) -> Cow<'a, str> {
    rules
        .respell
        .iter()
        .fold(word, |word, respelling| respelling.apply(word))
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
#[derive(Debug, Clone, Copy, PartialEq)]
struct Atom {
    kind: AtomKind,
    first: usize,
    end: usize,
    value: f64,
}

/// The spelled-out numbers and word fractions of sentence `s`, in order, except those
/// overlapping a number already `taken` (digits win over words).
pub(super) fn word_numbers(rules: &NumberRules, s: &str, taken: &[Number]) -> Vec<Number> {
    let Some(interpreter) = &rules.number_words else {
        return Vec::new();
    };
    if !has_number_words(rules, interpreter, s) {
        return Vec::new();
    }
    let reader = WordReader {
        rules,
        interpreter,
        s,
        tokens: words(rules, s),
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
    rules: &'a NumberRules,
    interpreter: &'a text2num::Language,
    s: &'a str,
    tokens: Vec<Word<'a>>,
}

impl WordReader<'_> {
    /// The cardinals, ordinals, denominator words and articles of the sentence, in order.
    fn atoms(&self) -> Vec<Atom> {
        let tokens = &self.tokens;
        let fractions = &self.rules.fractions;
        let runs = self.number_runs();
        let found = runs.into_iter().flat_map(|run| self.occurrences(run));
        let mut found = found.peekable();
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

    /// The runs of tokens text2num may read as numbers, in order. A run starts at a token
    /// that is a number by itself and goes on over numbers, hyphens and the words that
    /// join numbers ("and", "point"), up to the first other token. Such a token ends any
    /// number text2num is reading, and starts none, so text2num finds in the runs alone
    /// what it finds in the whole sentence. No run when no word is a number by itself (a
    /// denominator word alone: "half").
    fn number_runs(&self) -> Vec<std::ops::Range<usize>> {
        let mut verdicts = self.rules.word_verdicts.get();
        let mut number = DigitString::new();
        let mut alone = |t: &Word| {
            let read = || verdict_of(self.rules, self.interpreter, &mut number, t.text);
            verdicts.of(t.text, read) & ALONE != 0
        };
        let mut runs = Vec::new();
        let mut start = None;
        let mut any_word = false;
        for (k, t) in self.tokens.iter().enumerate() {
            let is_number = alone(t);
            any_word |= is_number && !t.digits && t.lower.starts_with(char::is_alphabetic);
            match start {
                None if is_number => start = Some(k),
                Some(first) if !(is_number || t.text == "-" || self.joins_numbers(t)) => {
                    runs.push(first..k);
                    start = None;
                }
                _ => {}
            }
        }
        runs.extend(start.map(|first| first..self.tokens.len()));
        if !any_word {
            runs.clear();
        }
        runs
    }

    /// Whether text2num may read `t` inside a number though it is none by itself: a word
    /// joining numbers or a decimal separator ("and", "point", "en"), asked of text2num
    /// alone and after a number.
    fn joins_numbers(&self, t: &Word) -> bool {
        let word: &str = &t.lower;
        if self.interpreter.check_decimal_separator(word).is_some() {
            return true;
        }
        let mut number = DigitString::new();
        let alone = self.interpreter.apply(word, &mut number);
        number.reset();
        number
            .put(b"100")
            .expect("an empty number takes three digits");
        let after_a_number = self.interpreter.apply(word, &mut number);
        // Anything but "not a number" may be part of one: a run too long is only read
        // as the whole sentence would be.
        [alone, after_a_number]
            .iter()
            .any(|status| !matches!(status, Err(Error::NaN)))
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
            if end <= first {
                continue;
            }
            let vague = |t: &Word| self.rules.vague.contains(t.lower.as_ref());
            if self.tokens[first..end].iter().any(|t| t.digits || vague(t)) {
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
            .is_some_and(|t| self.rules.scale_values.contains_key(t.lower.as_ref()))
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
            && self.rules.scale_values.contains_key(word)
            && !self.rules.alone_scales.contains(word)
        {
            let m = self.rules.one_before.as_ref()?.find(&self.s[..start])?;
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
        } else if next.first == whole.end && self.rules.fractions.bare_mixed {
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
        if !self.rules.fractions.of.contains(of.lower.as_ref()) {
            return None;
        }
        let article = self
            .tokens
            .get(k + 1)
            .is_some_and(|t| self.rules.fractions.articles.contains(t.lower.as_ref()));
        let at = k + 1 + usize::from(article);
        self.scale_at(at).map(|scale| (scale, at + 1))
    }

    fn scale_at(&self, k: usize) -> Option<f64> {
        let word = self.tokens.get(k)?.lower.as_ref();
        self.rules.scale_values.get(word).copied()
    }

    /// "twenty fifths" (text2num reads one ordinal, 25th) and "one hundred
    /// thirty-fifths": number words and a plural ordinal after them (one word, or one
    /// hyphenated compound) are a numerator and a denominator.
    fn plural_ordinal(&self, atom: &Atom) -> Option<Part> {
        let last = atom.end - 1;
        let plural = self
            .rules
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
            .is_some_and(|t| self.rules.fractions.and.contains(t.lower.as_ref()))
    }

    /// A hyphen or fraction slash between numerator and denominator ("one-eighth").
    fn is_joiner(&self, k: usize) -> bool {
        self.tokens.get(k).is_some_and(|t| {
            let mut chars = t.text.chars();
            let c = chars.next();
            chars.next().is_none()
                && c.is_some_and(|c| c == '-' || self.rules.fractions.slash.contains(&c))
        })
    }

    /// Whether token `k - 1` is a link word after a number, digits or a scale word
    /// ("3 million and a half").
    fn after_link(&self, k: usize) -> bool {
        k >= 2 && self.is_link(k - 1) && {
            let before = &self.tokens[k - 2];
            before.digits || self.rules.scale_values.contains_key(before.lower.as_ref())
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
            || self.rules.fractions.of.contains(word)
            || self.rules.fractions.and.contains(word)
            || self.rules.scale_values.contains_key(word)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::rules::RuleSet;

    /// What text2num finds reading the runs of `s` against reading all its words.
    fn runs_and_whole(rules: &NumberRules, s: &str) -> (Vec<Atom>, Vec<Atom>) {
        let reader = WordReader {
            rules,
            interpreter: rules.number_words.as_ref().expect("number words"),
            s,
            tokens: words(rules, s),
        };
        let runs = reader.number_runs();
        let in_runs = runs.into_iter().flat_map(|r| reader.occurrences(r));
        let whole = reader.occurrences(0..reader.tokens.len());
        let any_word = |t: &Word| !t.digits && t.lower.starts_with(char::is_alphabetic);
        let mut number = DigitString::new();
        let read = reader.tokens.iter().filter(|t| any_word(t)).any(|t| {
            number.reset();
            reader.interpreter.apply(&t.lower, &mut number).is_ok()
        });
        (in_runs.collect(), if read { whole } else { Vec::new() })
    }

    #[test]
    fn the_runs_of_number_words_hold_every_number_of_the_sentence() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        let phrases = [
            (
                "en",
                "one hundred and three and and five point two - twenty-two firsts",
            ),
            (
                "en",
                "a third of the two thousand and the rest, five and a half million",
            ),
            ("en", "from 3 million and a half to one point five billion"),
            (
                "fr",
                "vingt et un, quatre-vingt-dix-sept virgule cinq et et trois cents",
            ),
            (
                "fr",
                "un tiers des deux mille salariés et une cinquieme usine",
            ),
            (
                "nl",
                "drie komma vijf miljoen en een half, negen en zeventig en en twee",
            ),
            ("nl", "eenentwintig banen en drie en een vijfde procent"),
            (
                "de",
                "dreihundert und fünf, zwei Komma fünf Millionen und und drei",
            ),
            (
                "de",
                "einundzwanzig Stellen, ein Drittel und eine halbe Milliarde",
            ),
        ];
        for (code, phrase) in phrases {
            let (runs, whole) = runs_and_whole(&rules.languages[code].numbers, phrase);
            assert!(!whole.is_empty(), "{code}: {phrase:?} holds numbers");
            assert_eq!(runs, whole, "{code}: {phrase:?}");
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).expect("fixture articles") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            for sentence in text.split(['.', '\n']) {
                for lang in rules.languages.values() {
                    let (runs, whole) = runs_and_whole(&lang.numbers, sentence);
                    assert_eq!(runs, whole, "{}: {sentence:?}", lang.code);
                    read += usize::from(!whole.is_empty());
                }
            }
        }
        assert!(read > 100, "only {read} sentences hold number words");
    }

    #[test]
    fn a_sentence_without_number_words_is_not_split_into_words() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        for (code, sentence, holds) in [
            ("en", "Shares rose 4% on Monday.", false),
            ("en", "Two thirds of the staff left.", true),
            ("en", "It lost half its value.", true),
            ("fr", "Le groupe a publié ses comptes.", false),
            ("fr", "Un salarié sur cinq partira.", true),
            ("nl", "De fabriek sluit in maart.", false),
            ("de", "Das Werk schließt im März.", false),
            ("de", "Drei Werke schließen.", true),
        ] {
            let numbers = &rules.languages[code].numbers;
            let interpreter = numbers.number_words.as_ref().expect("number words");
            assert_eq!(
                has_number_words(numbers, interpreter, sentence),
                holds,
                "{code}: {sentence:?}"
            );
        }
    }
}
