//! Amounts: money, counts, percentages and bare numbers, read outward from a number.
//!
//! A scale word after the number ("1,2 milliard"), then a currency after ("d'euros") or
//! before ("€"), else a percent sign or a unit noun ("nouveaux emplois"), and a qualifier
//! before ("plus de"). Amounts next to each other are then joined: hundredths after a
//! money figure ("5 euro 50"), lower orders after a scaled figure ("4 thousand 3
//! hundred"), and two figures joined by a range word ("between 30 and 50 billion") become
//! one amount with a lower bound.

use std::ops::Range;

use crate::error::floor_char_boundary;
use crate::rules::{
    normalize_phrase, Fractions, LanguageRules, MoneyRules, NumberRules, QualifierRules,
    RangeRules, UnitRules,
};
use crate::value::{Amount, Qualifier, Text, Value};

use super::numbers::{self, Number};
use super::{Mention, MentionKind, OF_WHICH_RULE, SMALL_WORDS_RULE, STOP_UNIT_RULE};

/// How far back (bytes) a currency symbol may stand before its number.
const CURRENCY_WINDOW: usize = 16;
/// How far back (bytes) a qualifier or range opener may start.
const QUALIFIER_WINDOW: usize = 48;

/// An amount being read outward from its number.
#[derive(Debug, Clone)]
struct RawAmount {
    start: usize,
    /// Where the figure starts, after any qualifier (a currency symbol or the number).
    figure_start: usize,
    /// Where the figure ends, before any unit noun.
    figure_end: usize,
    end: usize,
    value: f64,
    precision: f64,
    scale: Option<f64>,
    currency: Option<String>,
    /// The currency stands after the figure ("5 euro").
    currency_after: bool,
    unit: Option<String>,
    percent: bool,
    qualifier: Qualifier,
    min: Option<f64>,
    rule: String,
}

/// The amounts of sentence `s`, outside its `dates`; its named numbers ("a dozen") end
/// by `named_end`.
pub(super) fn amounts(
    lang: &LanguageRules,
    s: &str,
    dates: &[Mention],
    named_end: Option<usize>,
) -> Vec<Mention> {
    let mut raws: Vec<RawAmount> = Vec::new();
    let numbers: Vec<Number> = numbers::find(&lang.numbers, s, named_end);
    for (i, n) in numbers.iter().enumerate() {
        // A figure's unit noun stands before the next number: "two of its five
        // breweries" counts two of what five counts.
        let next = numbers.get(i + 1).map_or(s.len(), |next| next.start);
        if dates.iter().any(|d| d.start <= n.start && n.end <= d.end) {
            continue;
        }
        if n.fraction_tail && add_fraction_tail(&lang.numbers.fractions, s, raws.last_mut(), n) {
            continue;
        }
        // A currency read with the previous figure is not this one's too ("10 rmb 20 usd").
        let taken = raws.last().map_or(0, |r| r.end);
        raws.extend(read_amount(lang, s, n, taken..next));
    }
    let raws = join_minor(&lang.money, s, raws);
    let ranges = &lang.figures.ranges;
    let raws = join_lower_orders(&lang.numbers.fractions, ranges, s, raws);
    let raws = join_parts(ranges, s, join_ranges(ranges, s, raws));
    with_elided_currency(lang, s, parts_after_wholes(ranges, s, raws))
        .into_iter()
        .filter_map(|r| to_mention(&lang.code, s, r))
        .collect()
}

/// `raws` with the currency of a scaled sum given to each scaled figure after it that has
/// neither currency nor unit noun: a sentence names its currency once ("a loss of €73
/// million, against a profit of 15 million", "une perte de 73 millions d'euros, contre un
/// bénéfice de 15 millions"). A capitalised word right after the figure is what it counts
/// ("more than 1m Italians", "15 Millionen Kunden"), as is a unit noun or a `stop` word
/// within the unit gap ("3 million rural homes").
fn with_elided_currency(lang: &LanguageRules, s: &str, mut raws: Vec<RawAmount>) -> Vec<RawAmount> {
    // A bare scaled figure joined to the next by a conjunction alone, or by one and the
    // word before the first again, shares its currency: "24,8 millions et 8 millions
    // d'euros", "de 5,1 millions et de 2,3 millions d'euros".
    for i in (1..raws.len()).rev() {
        let (before, after) = raws.split_at_mut(i);
        let (first, next) = (&mut before[i - 1], &after[0]);
        let joined = first.end <= next.start
            && (lang.claim_words).joins_figures(&s[..first.start], &s[first.end..next.start]);
        if joined
            && first.scale.is_some()
            && first.currency.is_none()
            && next.scale.is_some()
            && is_bare(lang, s, first)
        {
            first.currency.clone_from(&next.currency);
        }
    }
    // A sentence may name its currency only with its last scaled figure: "un chiffre
    // d'affaires de 412 millions et un bénéfice de 21 millions d'euros".
    let first_currency = raws
        .iter()
        .find(|r| r.scale.is_some() && r.currency.is_some())
        .map(|r| (r.start, r.currency.clone()));
    let mut currency: Option<String> = None;
    if let Some((at, code)) = first_currency {
        for raw in raws.iter_mut().take_while(|r| r.start < at) {
            if raw.scale.is_some() && raw.currency.is_none() && is_bare(lang, s, raw) {
                raw.currency.clone_from(&code);
            }
        }
    }
    for raw in &mut raws {
        match (raw.scale, &raw.currency) {
            (Some(_), Some(code)) => currency = Some(code.clone()),
            (Some(_), None) if currency.is_some() && is_bare(lang, s, raw) => {
                raw.currency.clone_from(&currency);
            }
            _ => {}
        }
    }
    raws
}

/// Whether `raw` (a figure of `s` with no currency) is bare: no unit, percent or stop
/// word read with it, and no capitalised word, unit noun or stop word after it.
fn is_bare(lang: &LanguageRules, s: &str, raw: &RawAmount) -> bool {
    let rest = &s[raw.end..];
    raw.unit.is_none()
        && !raw.percent
        && raw.end == raw.figure_end
        && raw.rule != STOP_UNIT_RULE
        && !rest.trim_start().starts_with(char::is_uppercase)
        && !counts_within_gap(lang, rest)
}

/// A scale below a hundred ("dozen") after spelled-out hundreds takes only the words
/// after them: "three hundred and two dozen" is 300 + 2 × 12; "fifty dozen" is 600.
fn small_scale(n: &Number, scale: Option<f64>) -> (f64, Option<f64>) {
    let tens = n.value % 100.0;
    match scale {
        Some(s) if s < 100.0 && n.rule == "number_words" && n.value > 100.0 && tens > 0.0 => {
            (n.value - tens + tens * s, None)
        }
        _ => (n.value, scale),
    }
}

/// "3 million and a half": a fraction after a link word adds to the scaled figure before
/// it, in units of its scale.
fn add_fraction_tail(
    fractions: &Fractions,
    s: &str,
    prev: Option<&mut RawAmount>,
    tail: &Number,
) -> bool {
    let Some(prev) = prev else {
        return false;
    };
    let gap = s.get(prev.figure_end..tail.start).unwrap_or("").trim();
    // In units of the scale word ("3 million and a half"), or of the last scale of
    // spelled-out words ("vijf miljard en driekwart").
    let unit = match prev.scale {
        Some(_) => 1.0,
        None => numbers::unit_of(prev.value),
    };
    let linked = (prev.scale.is_some() || unit >= 1000.0)
        && prev.end == prev.figure_end
        && fractions.and.contains(&gap.to_lowercase());
    if linked {
        prev.value += tail.value * unit;
        prev.figure_end = tail.end;
        prev.end = tail.end;
        prev.rule = "fraction_tail".into();
    }
    linked
}

/// The amount read outward from number `n`: its scale, its currency (none before the
/// start of `free`, where the previous amount ends), a percent sign or a unit noun (before
/// the end of `free`, where the next number starts), and a qualifier before it. None for
/// a small spelled-out number that is no figure, and for a year.
fn read_amount(lang: &LanguageRules, s: &str, n: &Number, free: Range<usize>) -> Option<RawAmount> {
    let taken = free.start;
    let mut end = n.end;
    let mut rule = n.rule.to_string();
    let (value, scale) = small_scale(n, scale_after(&lang.numbers, s, &mut end));
    if scale.is_some() {
        rule = "scale".into();
    }
    let currency = currency_around(&lang.money, s, n, taken, &mut end);
    let small = n.small && currency.code.is_none() && scale.is_none();
    if small && !numbers::is_small_figure(n.value) {
        return None;
    }
    if small {
        rule = SMALL_WORDS_RULE.into();
    }
    let mut scale = scale;
    if currency.after && scale.is_none() && currency.form_scale.is_none() {
        // A scale after a currency code: "75 USD million".
        scale = scale_after(&lang.numbers, s, &mut end);
    }
    if let Some(v) = currency.form_scale {
        scale = Some(scale.unwrap_or(1.0) * v);
    }
    if scale.is_some() {
        rule = "scale".into();
    }
    let figure_end = end;
    let (percent, unit) = match currency.code {
        None => percent_or_unit(lang, s, value * scale.unwrap_or(1.0), &mut end, free.end),
        Some(_) => (false, None),
    };
    // A number of years or times is a number, no figure: "vijf jaar", "three times".
    if currency.code.is_none() && unit.is_none() && !percent && counts_stop(lang, &s[end..]) {
        rule = STOP_UNIT_RULE.into();
    }
    // A year is not a figure, even before a noun ("by 2025 data centres will..."); nor is
    // the number of a name written in capitals ("the FTSE 250 company", "CAC 40").
    let plain = currency.code.is_none() && scale.is_none() && !percent;
    if plain && (n.year_like || follows_capitals(&s[..n.start])) {
        return None;
    }
    let (mut qualifier, qstart) = qualifier_before(&lang.figures.qualifiers, s, currency.start);
    if let (Qualifier::Exact, Some(q)) = (qualifier, n.implied) {
        qualifier = q;
    }
    Some(RawAmount {
        start: qstart,
        figure_start: currency.start,
        figure_end,
        end,
        value,
        precision: n.precision,
        scale,
        currency: currency.code,
        currency_after: currency.after,
        unit,
        percent,
        qualifier,
        min: None,
        rule,
    })
}

/// The currency of a number, as read around it.
struct CurrencyAround {
    /// The currency code, when a form of a known currency was found.
    code: Option<String>,
    /// The scale the currency form carries ("MEUR": a million).
    form_scale: Option<f64>,
    /// The currency stands after the figure ("5 euro").
    after: bool,
    /// Where the figure starts: at a currency symbol before the number, else the number.
    start: usize,
}

/// The currency form before number `n` (within [`CURRENCY_WINDOW`], not before `taken`),
/// else the one after it, from `end`, which then moves past it. "MEUR 120", "30 MUSD": a
/// currency form may carry a scale.
fn currency_around(
    money: &MoneyRules,
    s: &str,
    n: &Number,
    taken: usize,
    end: &mut usize,
) -> CurrencyAround {
    let mut found = CurrencyAround {
        code: None,
        form_scale: None,
        after: false,
        start: n.start,
    };
    let window =
        floor_char_boundary(s, n.start.saturating_sub(CURRENCY_WINDOW)).max(taken.min(n.start));
    if let Some(m) = money.currency_before.find(&s[window..n.start]) {
        let form = normalize_phrase(m.as_str().trim());
        found.code = money.currency_codes.get(&form).cloned();
        found.form_scale = money.currency_scales.get(&form).copied();
        found.start = window + m.start();
    }
    if found.code.is_none() {
        if let Some((form, after)) = currency_form_after(money, &s[*end..]) {
            let form = normalize_phrase(form);
            found.code = money.currency_codes.get(&form).cloned();
            found.form_scale = money.currency_scales.get(&form).copied();
            *end += after;
            found.after = found.code.is_some();
        }
    }
    found
}

/// After a figure without a currency (`figure` its value, scaled; `end` where it ends,
/// moved past what is read): a percent sign, else a unit noun, whether it is a percentage,
/// and the unit (a noun before `next_number`, where the next number starts). A share is
/// not a count: "two thirds of the staff" counts no one.
fn percent_or_unit(
    lang: &LanguageRules,
    s: &str,
    figure: f64,
    end: &mut usize,
    next_number: usize,
) -> (bool, Option<String>) {
    if let Some(m) = lang
        .numbers
        .percent_after
        .as_ref()
        .and_then(|re| re.find(&s[*end..]))
    {
        *end += m.end();
        return (true, None);
    }
    let units = &lang.figures.units;
    let before_next = &s[*end..next_number.max(*end)];
    match unit_after(units, before_next).filter(|_| figure >= 1.0) {
        Some((noun, after)) => {
            let unit = units.unit_of(noun).cloned();
            *end += after;
            (false, unit)
        }
        None => (false, None),
    }
}

/// The currency form written at the start of `rest` (what follows a figure), after spaces
/// and perhaps a link word ("d'euros", "of dollars"; the form after a link is tried
/// first), and where it ends in `rest`.
fn currency_form_after<'r>(money: &MoneyRules, rest: &'r str) -> Option<(&'r str, usize)> {
    let form = money.currency_form.as_ref()?;
    let form_at = |at: usize| form.find(&rest[at..]).map(|m| (m.as_str(), at + m.end()));
    let linked = money
        .currency_link
        .as_ref()
        .and_then(|link| link.find(rest));
    linked
        .and_then(|link| form_at(link.end()))
        .or_else(|| form_at(blank_len(rest)))
}

/// The unit noun after a figure (`rest` is what follows it), with up to the language's
/// gap of words before it ("120 nouveaux emplois"): the noun and where it ends in `rest`.
/// The nearest noun wins.
fn unit_after<'r>(units: &UnitRules, rest: &'r str) -> Option<(&'r str, usize)> {
    let noun = units.noun.as_ref()?;
    let mut at = 0;
    for words_before in 0..=units.gap {
        match blank_len(&rest[at..]) {
            0 => return None,
            spaces => at += spaces,
        }
        if let Some(m) = noun.find(&rest[at..]) {
            return Some((m.as_str(), at + m.end()));
        }
        if units.stop.as_ref().is_some_and(|s| s.is_match(&rest[at..])) {
            return None;
        }
        if words_before < units.gap {
            at += units.gap_word.find(&rest[at..])?.end();
        }
    }
    None
}

/// Whether `before` (the text before a number) ends with a word in capitals of two
/// letters or more and one space: the number is part of that name ("FTSE 250").
fn follows_capitals(before: &str) -> bool {
    let Some(word) = before.strip_suffix(' ') else {
        return false;
    };
    let last = word
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '&'))
        .next();
    last.is_some_and(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
    })
}

/// Whether a unit noun or a `[units] stop` word stands within the unit gap at the start of
/// `rest` (the text after a figure), before any function word of the language, word of two
/// letters or elided article: the figure counts something, though what it counts is no
/// unit of a predicate ("3 million rural homes"; not "1.6 billion a year earlier").
fn counts_within_gap(lang: &LanguageRules, rest: &str) -> bool {
    let units = &lang.figures.units;
    let mut at = 0;
    for _ in 0..=units.gap {
        match blank_len(&rest[at..]) {
            0 => return false,
            spaces => at += spaces,
        }
        let here = &rest[at..];
        let noun = units.noun.as_ref().is_some_and(|n| n.find(here).is_some());
        if noun || units.stop.as_ref().is_some_and(|s| s.is_match(here)) {
            return true;
        }
        let Some(word) = units.gap_word.find(here) else {
            return false;
        };
        let word = word.as_str();
        let function = word.chars().count() <= 2
            || word.contains(['\'', '’'])
            || lang
                .function_words
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word));
        if function {
            return false;
        }
        at += word.len();
    }
    false
}

/// Whether one of the language's `[units] stop` words follows right after a figure, after
/// white space or a hyphen (`rest` is the text after it): the figure counts years or
/// times ("87 years", "its 87-year history").
fn counts_stop(lang: &LanguageRules, rest: &str) -> bool {
    let at = match rest.strip_prefix('-') {
        Some(_) => 1,
        None => blank_len(rest),
    };
    let stop = lang.figures.units.stop.as_ref();
    at > 0 && stop.is_some_and(|s| s.is_match(&rest[at..]))
}

/// Bytes of white space at the start of `s`.
fn blank_len(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Hundredths after a money figure written with its currency after it: "5 euro 50",
/// "17 USD 25", "treize euros et quarante-cinq cents", "drei Euro und 50 Cent". The
/// hundredths are two digits or number words; after a link word ("and"), the name of the
/// hundredth unit must follow them.
fn join_minor(money: &MoneyRules, s: &str, raws: Vec<RawAmount>) -> Vec<RawAmount> {
    let Some(link) = &money.minor_link else {
        return raws;
    };
    let mut out: Vec<RawAmount> = Vec::with_capacity(raws.len());
    let mut joined_end = 0;
    for next in raws {
        if next.start < joined_end {
            // Inside hundredths just read (French "cents" is also a number word).
            continue;
        }
        if let Some(prev) = out.last_mut() {
            let whole = prev.currency_after
                && prev.scale.is_none()
                && prev.unit.is_none()
                && prev.min.is_none()
                && prev.value.fract() == 0.0;
            let figure = &s[next.figure_start..next.figure_end];
            let hundredths = next.currency.is_none()
                && next.scale.is_none()
                && next.unit.is_none()
                && !next.percent
                && next.start == next.figure_start
                && next.value.fract() == 0.0
                && (1.0..100.0).contains(&next.value)
                && !s[next.figure_end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                && (figure.len() == 2 && figure.bytes().all(|b| b.is_ascii_digit())
                    || !figure.bytes().any(|b| b.is_ascii_digit()));
            let gap = s.get(prev.end..next.start).unwrap_or("-");
            if whole && hundredths && link.is_match(gap) {
                let minor = money
                    .minor_after
                    .as_ref()
                    .and_then(|re| re.find(&s[next.figure_end..]));
                if minor.is_some() || gap.trim().is_empty() {
                    prev.value += next.value / 100.0;
                    prev.precision = 0.005;
                    prev.rule = "minor".into();
                    prev.end = next.figure_end + minor.map_or(0, |m| m.end());
                    prev.figure_end = prev.end;
                    joined_end = prev.end;
                    continue;
                }
            }
        }
        out.push(next);
    }
    out
}

/// The scale words after a number, multiplied: "mille milliards" is 1e12.
fn scale_after(number_rules: &NumberRules, s: &str, end: &mut usize) -> Option<f64> {
    let mut scale = None;
    while let Some(v) = one_scale_after(number_rules, s, end) {
        scale = Some(scale.unwrap_or(1.0) * v);
    }
    scale
}

fn one_scale_after(number_rules: &NumberRules, s: &str, end: &mut usize) -> Option<f64> {
    let rest = &s[*end..];
    let (word, len) = match number_rules.scale_attached.find(rest) {
        Some(m) => (m.as_str(), m.end()),
        None => {
            let caps = number_rules.scale_after.captures(rest)?;
            (caps.name("scale")?.as_str(), caps.get(0)?.end())
        }
    };
    let value = number_rules
        .scale_values
        .get(&normalize_phrase(word.trim()))?;
    *end += len;
    Some(*value)
}

fn qualifier_before(qualifiers: &QualifierRules, s: &str, start: usize) -> (Qualifier, usize) {
    let window = floor_char_boundary(s, start.saturating_sub(QUALIFIER_WINDOW));
    // The pattern is the phrase and the spaces after it: the phrase starts the match, and
    // no capture-group search is needed to find it.
    let found = qualifiers.before.find(&s[window..start]);
    // An `exact` phrase ("steeg tot") is no part of the figure.
    let qualifier = found.and_then(|m| {
        let q = qualifiers.values.get(&normalize_phrase(m.as_str()))?;
        (*q != Qualifier::Exact).then(|| (*q, window + m.start()))
    });
    qualifier.unwrap_or((Qualifier::Exact, start))
}

/// "4 thousand 3 hundred and 21", "six crore et deux cents": a bare figure after a bare
/// scaled one, smaller than its scale, written straight after it or after a link word,
/// adds to it. Not after a range opener ("between 3 million and 500,000").
fn join_lower_orders(
    fractions: &Fractions,
    ranges: &RangeRules,
    s: &str,
    raws: Vec<RawAmount>,
) -> Vec<RawAmount> {
    let bare =
        |r: &RawAmount| r.currency.is_none() && r.unit.is_none() && !r.percent && r.min.is_none();
    let mut out: Vec<RawAmount> = Vec::with_capacity(raws.len());
    for next in raws {
        if let Some(prev) = out.last_mut() {
            let scale = prev.scale.unwrap_or(0.0);
            let total = next.value * next.scale.unwrap_or(1.0);
            let gap = s.get(prev.end..next.start).unwrap_or("-").trim();
            let joined = scale >= 100.0
                && bare(prev)
                && bare(&next)
                && prev.end == prev.figure_end
                && next.start == next.figure_start
                && 0.0 < total
                && total < scale
                && (gap.is_empty() || fractions.and.contains(&gap.to_lowercase()))
                && !range_opened(ranges, s, prev.start);
            if joined {
                prev.value += total / scale;
                prev.precision = next.precision * next.scale.unwrap_or(1.0) / scale;
                prev.rule = "lower_orders".into();
                prev.end = next.end;
                prev.figure_end = next.figure_end;
                continue;
            }
        }
        out.push(next);
    }
    out
}

/// Whether a range opener ("between") stands before `start`.
fn range_opened(ranges: &RangeRules, s: &str, start: usize) -> bool {
    let window = floor_char_boundary(s, start.saturating_sub(QUALIFIER_WINDOW));
    ranges
        .open_before
        .as_ref()
        .is_some_and(|re| re.is_match(&s[window..start]))
}

/// Merge "between 30 and 50 billion euros", "€2-3 billion" or "between €2bn and €3bn" into
/// one amount: the upper figure, up to, with the lower one as its minimum.
fn join_ranges(ranges: &RangeRules, s: &str, raws: Vec<RawAmount>) -> Vec<RawAmount> {
    let Some(join) = &ranges.join else {
        return raws;
    };
    let mut out: Vec<RawAmount> = Vec::with_capacity(raws.len());
    for next in raws {
        if let Some(prev) = out.last() {
            let same_currency = prev.currency.is_none()
                || next.currency.is_none()
                || prev.currency == next.currency;
            let lone = same_currency && prev.unit.is_none() && !prev.percent;
            let number_start = next.figure_start.max(prev.end);
            if lone && prev.end <= next.figure_start && join.is_match(&s[prev.end..number_start]) {
                let window = floor_char_boundary(s, prev.start.saturating_sub(QUALIFIER_WINDOW));
                let opener = ranges
                    .open_before
                    .as_ref()
                    .and_then(|re| re.find(&s[window..prev.start]));
                let bare = ranges
                    .bare_join
                    .as_ref()
                    .is_some_and(|re| re.is_match(&s[prev.end..number_start]));
                if opener.is_some() || bare {
                    let scale = prev.scale.or(next.scale).unwrap_or(1.0);
                    let start = opener.map_or(prev.start, |m| window + m.start());
                    let min = prev.value * scale;
                    let mut merged = next;
                    if merged.currency.is_none() && prev.currency.is_some() {
                        // "€2-3 billion": the money's currency, and no count unit after it.
                        merged.currency = prev.currency.clone();
                        merged.unit = None;
                        merged.end = merged.figure_end;
                    }
                    merged.start = start.min(prev.start);
                    // A range rises: "went from 6,200 to 5,800" says where a figure fell.
                    if min < merged.value * merged.scale.unwrap_or(scale) {
                        merged.min = Some(min);
                        merged.qualifier = Qualifier::UpTo;
                        merged.rule = "range".into();
                    } else {
                        merged.rule = "fell_to".into();
                    }
                    out.pop();
                    out.push(merged);
                    continue;
                }
            }
        }
        out.push(next);
    }
    out
}

/// "15 of the 20 million euros", "15 des 20 milliards d'euros", "two of its five
/// breweries": a bare figure before a part-of link and a larger sum or count is a part of
/// it, in its scale and currency or unit.
fn join_parts(ranges: &RangeRules, s: &str, mut raws: Vec<RawAmount>) -> Vec<RawAmount> {
    let Some(part_of) = &ranges.part_of else {
        return raws;
    };
    for i in 1..raws.len() {
        let (head, tail) = raws.split_at_mut(i);
        let (part, whole) = (&mut head[i - 1], &tail[0]);
        let bare = part.scale.is_none()
            && part.currency.is_none()
            && part.unit.is_none()
            && !part.percent
            && part.min.is_none();
        let measured = whole.currency.is_some() || whole.unit.is_some();
        let linked = part.end <= whole.start && part_of.is_match(&s[part.end..whole.start]);
        if bare && measured && linked && part.value < whole.value {
            counted_as(part, whole, whole.scale, "part_of");
        }
    }
    raws
}

/// How far (bytes) before an `of_which` word its whole may end ("300 nieuwe winkels
/// openen, waarvan 40").
const OF_WHICH_REACH: usize = 40;

/// "300 stores, of which 40 in France", "2 milliards d'euros, dont 850 millions": a
/// smaller figure right after an `of_which` word, with no unit or currency of its own, is
/// counted in the unit or currency (and the scale, if it has none) of the figure before.
fn parts_after_wholes(ranges: &RangeRules, s: &str, mut raws: Vec<RawAmount>) -> Vec<RawAmount> {
    let Some(of_which) = &ranges.of_which else {
        return raws;
    };
    for i in 1..raws.len() {
        let (head, tail) = raws.split_at_mut(i);
        let (whole, part) = (&head[i - 1], &mut tail[0]);
        let measured = whole.currency.is_some() || whole.unit.is_some();
        let bare = part.currency.is_none() && part.unit.is_none() && !part.percent;
        let gap = whole.end..part.start;
        let linked = whole.end <= part.start
            && gap.len() <= OF_WHICH_REACH
            && !s[gap.clone()].contains(['.', ';', ':'])
            && of_which.is_match(&s[gap]);
        let scale = part.scale.or(whole.scale);
        let smaller = part.value * scale.unwrap_or(1.0) < whole.value * whole.scale.unwrap_or(1.0);
        if measured && bare && linked && smaller && !whole.percent {
            counted_as(part, whole, scale, OF_WHICH_RULE);
        }
    }
    raws
}

/// `part` counted in `scale` and the currency or unit of `whole`, read by rule `rule`.
fn counted_as(part: &mut RawAmount, whole: &RawAmount, scale: Option<f64>, rule: &str) {
    part.scale = scale;
    part.currency = whole.currency.clone();
    part.currency_after = whole.currency_after;
    part.unit = whole.unit.clone();
    part.rule = rule.into();
}

/// The mention of an amount read; none when its figure, bound or precision is not a
/// finite number ("1e308 billion"): such a figure is no claim.
fn to_mention(lang: &str, s: &str, r: RawAmount) -> Option<Mention> {
    let scale = r.scale.unwrap_or(1.0);
    let amount = Amount {
        amount: round_amount(r.value * scale),
        unit: r.currency.clone().or(r.unit.clone()).map(Text::from),
        qualifier: r.qualifier,
        min: r.min.map(round_amount),
        precision: Some(r.precision * scale),
        text: s[r.start..r.end].into(),
    };
    let finite = |v: Option<f64>| v.is_none_or(f64::is_finite);
    if !(amount.amount.is_finite() && finite(amount.min) && finite(amount.precision)) {
        return None;
    }
    let (value, kind) = if r.currency.is_some() {
        (Value::Money(amount), "money")
    } else if r.percent {
        (Value::Percent(amount), "percent")
    } else if r.unit.is_some() {
        (Value::Count(amount), "count")
    } else {
        (Value::Number(amount), "number")
    };
    Some(Mention {
        kind: MentionKind::Amount(value),
        start: r.start,
        end: r.end,
        // `join`, not `format!`: one of the most frequent allocations of a run.
        rule: [lang, kind, &r.rule].join("."),
    })
}

/// Round away binary noise (1.2 × 1e9 = 1199999999.9999998), and nothing more: the
/// cents of "€410,000.01" stay.
fn round_amount(v: f64) -> f64 {
    if v.abs() >= 1.0 {
        let r = v.round();
        if (r - v).abs() < 1e-12 * v.abs() {
            return r;
        }
    }
    v
}
