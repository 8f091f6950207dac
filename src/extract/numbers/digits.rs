//! Numbers written in digits, in the language's notation: grouping and decimal
//! characters, exponents ("1.3e6", "6.23x10^-4", "1.1^23"), a minus sign glued to them,
//! and fractions of two integers ("3/4", "2 1/4").

use crate::rules::NumberRules;

use super::Number;

/// Every number written in digits in sentence `s`, in order.
pub(super) fn digit_numbers(rules: &NumberRules, s: &str) -> Vec<Number> {
    // Every figure the pattern reads holds an ASCII digit; most sentences hold none.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = rules.number.find_at(s, at) {
        let raw = grouped_digits(s, m.range());
        at = m.start() + raw.len().max(1);
        if decimal_glued(rules, s, m.start()) {
            continue;
        }
        if let Some(n) = digit_number(rules, raw, m.start()) {
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
fn decimal_glued(rules: &NumberRules, s: &str, start: usize) -> bool {
    s[start..].starts_with(|c| rules.decimal_chars.contains(&c))
        && s[..start]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '-' | '+' | '\u{2212}'))
}

fn digit_number(rules: &NumberRules, raw: &str, start: usize) -> Option<Number> {
    let (mantissa, exponent) = split_exponent(rules, raw)?;
    let mut digits = String::with_capacity(mantissa.len() + 1);
    let mut decimals: Option<i32> = None;
    for c in mantissa.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            if let Some(d) = decimals.as_mut() {
                *d += 1;
            }
        } else if rules.decimal_chars.contains(&c) && decimals.is_none() {
            if digits.is_empty() {
                digits.push('0');
            }
            digits.push('.');
            decimals = Some(0);
        } else if !rules.group_chars.contains(&c) && !c.is_whitespace() {
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
fn split_exponent<'r>(rules: &NumberRules, raw: &'r str) -> Option<(&'r str, Option<Exponent>)> {
    let markers = rules
        .exponents
        .iter()
        .map(|m| (m, false))
        .chain(rules.powers.iter().map(|m| (m, true)));
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
pub(super) fn digit_fractions(rules: &NumberRules, s: &str, numbers: Vec<Number>) -> Vec<Number> {
    let slash = &rules.fractions.slash;
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
