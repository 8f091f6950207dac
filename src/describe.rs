//! Values and verdicts in a reviewer's words: "EUR 1.2 bn", "more than 3,000 jobs",
//! "Sunday 12 May", and the one-line reason of a cross-check cluster.
//!
//! One wording serves both the cluster's `why`, which the cross-check stage stores in the
//! report, and the renderings of the report stage. So that the cross-check need not import
//! the report stage, this module is a leaf: it reads values only, and the cross-check hands
//! it what it decided as a [`Reason`].

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::value::{Amount, Qualifier, Text, Value};

/// A value as a reviewer reads it: "EUR 1.2 bn", "more than 3,000 jobs", "Sunday 12 May".
pub fn describe_value(v: &Value) -> String {
    let mut out = String::new();
    push_value(&mut out, v);
    out
}

/// `v` as a reviewer reads it ([`describe_value`]), appended to `out`.
fn push_value(out: &mut String, v: &Value) {
    match v {
        Value::Date(d) => {
            if let Some(w) = &d.weekday {
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(c.as_str());
                }
            }
            if let Some(date) = &d.date {
                if d.weekday.is_some() {
                    out.push(' ');
                }
                push_date(out, date);
            }
        }
        _ => {
            if let Some(a) = v.amount() {
                push_amount(out, a);
            }
        }
    }
}

/// An ISO 8601 date as nobody misreads it, appended to `out`: "12 May 2024", "12 May"
/// when the year is not known (`--05-12`); anything else as it is.
fn push_date(out: &mut String, date: &str) {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (year, month_day) = match date.strip_prefix("--") {
        Some(month_day) => (None, month_day),
        None => match date.split_once('-') {
            Some((year, month_day)) => (Some(year), month_day),
            None => return out.push_str(date),
        },
    };
    let parsed = month_day.split_once('-').and_then(|(m, d)| {
        let month = MONTHS.get(m.parse::<usize>().ok()?.checked_sub(1)?)?;
        Some((month, d.parse::<u32>().ok()?))
    });
    match (parsed, year) {
        (Some((month, day)), Some(year)) => _ = write!(out, "{day} {month} {year}"),
        (Some((month, day)), None) => _ = write!(out, "{day} {month}"),
        (None, _) => out.push_str(date),
    }
}

/// An amount as a reviewer reads it, appended to `out`: qualifier, currency code before
/// the figure, any other unit after it ("about EUR 1.2 bn", "more than 3,000 jobs").
fn push_amount(out: &mut String, a: &Amount) {
    let q = match a.qualifier {
        Qualifier::Exact => "",
        Qualifier::MoreThan => "more than ",
        Qualifier::AtLeast => "at least ",
        Qualifier::LessThan => "less than ",
        Qualifier::UpTo => "up to ",
        Qualifier::Approx => "about ",
    };
    let currency = a
        .unit
        .as_deref()
        .filter(|u| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()));
    out.push_str(q);
    if let Some(u) = currency {
        out.push_str(u);
        out.push(' ');
    }
    if let Some(m) = a.min {
        push_figure(out, m);
        out.push('–');
    }
    push_figure(out, a.amount);
    if let (Some(u), None) = (a.unit.as_deref(), currency) {
        out.push(' ');
        out.push_str(u);
    }
}

/// `x` as a reviewer reads it, appended to `out`: three decimals at most, thousands
/// grouped, "bn" and "m" for billions and millions ("1.2 bn", "3,000").
fn push_figure(out: &mut String, x: f64) {
    let (scaled, suffix) = if x.abs() >= 1e9 {
        (x / 1e9, " bn")
    } else if x.abs() >= 1e6 {
        (x / 1e6, " m")
    } else {
        (x, "")
    };
    let text = format!("{scaled:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = text
        .split_once('.')
        .map_or((text, None), |(i, f)| (i, Some(f)));
    let int = match int.strip_prefix('-') {
        Some(digits) => {
            out.push('-');
            digits
        }
        None => int,
    };
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out.push_str(suffix);
}

/// Why the groups of a conflicting cluster are a near miss rather than different facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NearMiss {
    /// Days whose weekdays or dates differ.
    DifferentDays,
    /// Amounts in two currencies, neither stated as the other's conversion.
    TwoCurrencies,
    /// One number under qualifiers that exclude each other ("up to 3,000", "more than
    /// 3,000").
    IncompatibleQualifiers,
    /// The same digits at two scales ("€15.7 million", "€15.7 billion").
    TwoScales,
    /// Close figures whose ranges do not meet.
    CloseFigures,
}

impl NearMiss {
    /// The near miss as the reason names it.
    fn words(self) -> &'static str {
        match self {
            NearMiss::DifferentDays => "different days",
            NearMiss::TwoCurrencies => "same figure, two currencies",
            NearMiss::IncompatibleQualifiers => "same number, incompatible qualifiers",
            NearMiss::TwoScales => "same digits, two scales",
            NearMiss::CloseFigures => "close but incompatible figures",
        }
    }
}

/// A cluster's verdict as its reason states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding<'a> {
    /// The sources conflict, by this kind of near miss.
    Conflict(NearMiss),
    /// Two or more sources agree, in these languages (sorted, each once).
    Agree {
        /// The languages of the cluster's claims.
        langs: Vec<&'a str>,
    },
    /// One source.
    Single,
}

/// One group of a cluster: the value it stands for and the documents stating it.
#[derive(Debug, Clone)]
pub struct Stated<'a> {
    /// The group's value.
    pub value: &'a Value,
    /// The documents holding it.
    pub docs: &'a [Text],
    /// The outlets that published those documents, sorted and each once (none where the
    /// input does not say).
    pub outlets: Vec<&'a str>,
}

/// A claim's stated conversion ("$5.2 billion" beside "€4.8 billion") and its document.
#[derive(Debug, Clone, Copy)]
pub struct Conversion<'a> {
    /// The converted value.
    pub value: &'a Value,
    /// The document stating it.
    pub doc: &'a str,
}

/// A document that republishes another, counted once as a source.
#[derive(Debug, Clone, Copy)]
pub struct Republication<'a> {
    /// The republishing document.
    pub doc: &'a str,
    /// The document it republishes.
    pub source: &'a str,
}

impl Republication<'_> {
    /// The bytes of the words that state it.
    fn words(&self) -> impl Iterator<Item = u8> + '_ {
        let words = [self.doc, " republishes ", self.source];
        words.into_iter().flat_map(str::bytes)
    }

    /// The words that state it, appended to `out`.
    fn push_to(&self, out: &mut String) {
        out.push_str(self.doc);
        out.push_str(" republishes ");
        out.push_str(self.source);
    }
}

/// What the reason of a cluster says, as the cross-check decided it; [`Reason::why`]
/// words it.
#[derive(Debug, Clone)]
pub struct Reason<'a> {
    /// The verdict.
    pub finding: Finding<'a>,
    /// The cluster's groups, in order.
    pub groups: Vec<Stated<'a>>,
    /// The stated conversions of the cluster's claims, in any order and maybe repeated.
    pub conversions: Vec<Conversion<'a>>,
    /// The cluster's documents that republish another, in any order and maybe repeated.
    pub republished: Vec<Republication<'a>>,
}

/// Documents a reason too long to list them all names one by one in a group before it
/// counts the rest.
const NAMED_DOCS: usize = 3;
/// The longest reason, in characters: beyond it, value groups, stated conversions and
/// republished copies are counted, not listed.
const WHY_MAX_CHARS: usize = 300;

impl Reason<'_> {
    /// The reason in one line: the groups' values with their documents (the first few of
    /// each, the rest counted) and the verdict, then the stated conversions and the
    /// republished documents, each sorted and once ("EUR 1.2 bn (a.txt) against USD 1.2 bn
    /// (b.txt): same figure, two currencies"). A reason longer than 300 characters lists
    /// the groups that fit and counts the rest.
    pub fn why(&self) -> String {
        let separator = match &self.finding {
            Finding::Conflict(_) => " against ",
            Finding::Agree { .. } | Finding::Single => "; ",
        };
        let conversions: BTreeSet<String> = self
            .conversions
            .iter()
            .map(|c| {
                format!(
                    "{} in {} is its stated conversion",
                    describe_value(c.value),
                    c.doc
                )
            })
            .collect();
        let republished = self.republications();
        if let Some(full) = self.in_full(separator, &conversions, &republished) {
            return full;
        }
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|g| {
                let mut described = String::new();
                push_group(&mut described, g, NAMED_DOCS);
                described
            })
            .collect();
        let mut counted = Vec::new();
        if !conversions.is_empty() {
            counted.push(format!("{} stated conversions", conversions.len()));
        }
        if !republished.is_empty() {
            counted.push(format!(
                "{} republished copies counted once",
                republished.len()
            ));
        }
        let mut tail = String::new();
        self.push_verdict(&mut tail);
        for part in &counted {
            tail.push_str("; ");
            tail.push_str(part);
        }
        let room = WHY_MAX_CHARS.saturating_sub(tail.chars().count());
        let why = format!("{}{tail}", fitted(&groups, separator, room));
        match why.chars().count() > WHY_MAX_CHARS {
            true => why.chars().take(WHY_MAX_CHARS - 1).collect::<String>() + "…",
            false => why,
        }
    }

    /// The reason listing every group with all its documents, then the verdict, the
    /// stated conversions and the republished documents; none when that is longer than
    /// [`WHY_MAX_CHARS`] characters. It is written into one string, and left as soon as
    /// it is surely too long (a character is at most four bytes): a group, the stated
    /// conversions or the republished copies of hundreds of wire copies would otherwise be
    /// listed whole only to be counted.
    fn in_full(
        &self,
        separator: &str,
        conversions: &BTreeSet<String>,
        republished: &[Republication],
    ) -> Option<String> {
        let mut out = String::with_capacity(128);
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            push_group(&mut out, g, usize::MAX);
            if out.len() > 4 * WHY_MAX_CHARS {
                return None;
            }
        }
        self.push_verdict(&mut out);
        for conversion in conversions {
            out.push_str("; ");
            out.push_str(conversion);
            if out.len() > 4 * WHY_MAX_CHARS {
                return None;
            }
        }
        if !republished.is_empty() {
            out.push_str("; ");
            for (i, r) in republished.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                r.push_to(&mut out);
                if out.len() > 4 * WHY_MAX_CHARS {
                    return None;
                }
            }
            out.push_str(" (counted once)");
        }
        (out.len() <= WHY_MAX_CHARS || out.chars().count() <= WHY_MAX_CHARS).then_some(out)
    }

    /// The republished documents as the reason lists them: in the order of their words
    /// ("b.txt republishes a.txt"), each once.
    fn republications(&self) -> Vec<Republication<'_>> {
        let mut republished = self.republished.clone();
        republished.sort_unstable_by(|a, b| a.words().cmp(b.words()));
        republished.dedup_by(|a, b| a.words().eq(b.words()));
        republished
    }

    /// The verdict as the reason states it after the groups, appended to `out`: ": one
    /// source", " in en, fr: compatible", ": same figure, two currencies".
    fn push_verdict(&self, out: &mut String) {
        match &self.finding {
            Finding::Conflict(near_miss) => {
                out.push_str(": ");
                out.push_str(near_miss.words());
            }
            Finding::Agree { langs } => {
                out.push_str(" in ");
                push_joined(out, langs.iter().copied());
                out.push_str(": compatible");
            }
            Finding::Single => out.push_str(": one source"),
        }
    }
}

/// A group's value and its documents, appended to `out`: all of them up to `named`, else
/// how many, with the first `named` of their outlets where the input names them ("EUR 8
/// bn in 212 documents from 57 outlets: AFP, BBC, Le Monde and 54 more"), or of the
/// documents ("EUR 1.2 bn in 13 documents: a.txt, b.txt, c.txt and 10 more").
fn push_group(out: &mut String, g: &Stated, named: usize) {
    push_value(out, g.value);
    let n = g.docs.len();
    if n <= named {
        out.push_str(" (");
        push_joined(out, g.docs.iter().map(Text::as_str));
        out.push(')');
        return;
    }
    match g.outlets.len() {
        0 => {
            _ = write!(out, " in {n} documents: ");
            push_first(out, g.docs.iter().map(Text::as_str), n, named);
        }
        1 => _ = write!(out, " in {n} documents from {}", g.outlets[0]),
        k => {
            _ = write!(out, " in {n} documents from {k} outlets: ");
            push_first(out, g.outlets.iter().copied(), k, named);
        }
    }
}

/// The first `named` of `names` (`count` in all) joined by ", ", appended to `out`, then
/// how many more there are, if any ("a.txt, b.txt, c.txt and 10 more").
fn push_first<'a>(
    out: &mut String,
    names: impl Iterator<Item = &'a str>,
    count: usize,
    named: usize,
) {
    push_joined(out, names.take(named));
    if count > named {
        _ = write!(out, " and {} more", count - named);
    }
}

/// `parts` joined by ", ", appended to `out`.
fn push_joined<'a>(out: &mut String, parts: impl Iterator<Item = &'a str>) {
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(part);
    }
}

/// As many of `groups` as fit in `room` characters joined by `separator`, then how many
/// more there are; at least the first group, cut short if it alone is too long.
fn fitted(groups: &[String], separator: &str, room: usize) -> String {
    let len = |s: &str| s.chars().count();
    let more = |n: usize| format!("{separator}{n} more values");
    let mut out = String::new();
    for (i, group) in groups.iter().enumerate() {
        let next = match i {
            0 => group.clone(),
            _ => format!("{separator}{group}"),
        };
        let left_after = groups.len() - i - 1;
        let suffix = if left_after > 0 {
            len(&more(left_after))
        } else {
            0
        };
        if i > 0 && len(&out) + len(&next) + suffix > room {
            out.push_str(&more(groups.len() - i));
            return out;
        }
        out.push_str(&next);
    }
    if len(&out) > room {
        out = out.chars().take(room.saturating_sub(1)).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_a_reviewer_writes_them() {
        let amount = |v: f64, unit: Option<&str>, q: Qualifier| Amount {
            amount: v,
            unit: unit.map(Text::from),
            qualifier: q,
            min: None,
            precision: None,
            text: Default::default(),
        };
        let cases = [
            (amount(1.2e9, Some("EUR"), Qualifier::Exact), "EUR 1.2 bn"),
            (
                amount(3000.0, Some("jobs"), Qualifier::MoreThan),
                "more than 3,000 jobs",
            ),
            (amount(15.75e6, None, Qualifier::Approx), "about 15.75 m"),
            (amount(-200.0, None, Qualifier::Exact), "-200"),
            (
                amount(-1234.5, Some("USD"), Qualifier::Exact),
                "USD -1,234.5",
            ),
        ];
        for (a, expected) in cases {
            assert_eq!(describe_value(&Value::Count(a)), expected);
        }
        let range = Amount {
            min: Some(2e9),
            ..amount(3e9, Some("EUR"), Qualifier::UpTo)
        };
        assert_eq!(describe_value(&Value::Money(range)), "up to EUR 2 bn–3 bn");
        // Days are written so that no reader takes the month for the day.
        let days = [
            ("2024-05-12", "12 May 2024"),
            ("--05-12", "12 May"),
            ("--12-05", "5 December"),
            ("2024-13-01", "2024-13-01"),
        ];
        for (date, expected) in days {
            let mut described = String::new();
            push_date(&mut described, date);
            assert_eq!(described, expected);
        }
    }

    #[test]
    fn a_reason_counts_what_it_cannot_list_in_300_characters() {
        let value = |v: f64| {
            Value::Money(Amount {
                amount: v,
                unit: Some("EUR".into()),
                qualifier: Qualifier::Exact,
                min: None,
                precision: None,
                text: Default::default(),
            })
        };
        let docs =
            |n: usize| -> Vec<Text> { (0..n).map(|i| format!("doc_{i:05}.txt").into()).collect() };
        let values: Vec<Value> = (1..=93).map(|i| value(i as f64 * 1e9)).collect();
        let (two, many) = (docs(2), docs(212));
        let outlets: Vec<String> = (0..57).map(|i| format!("Outlet {i:02}")).collect();
        let outlets: Vec<&str> = outlets.iter().map(String::as_str).collect();
        // (groups as (value, documents, outlets), words the reason holds)
        type Case<'a> = (Vec<(&'a Value, &'a [Text], &'a [&'a str])>, &'a [&'a str]);
        let cases: [Case; 5] = [
            (vec![(&values[0], &two, &[])], &["EUR 1 bn (doc_00000.txt, doc_00001.txt): one source"]),
            (
                vec![(&values[0], &many, &[]), (&values[1], &two, &[])],
                &["EUR 1 bn in 212 documents: doc_00000.txt, doc_00001.txt, doc_00002.txt and 209 more"],
            ),
            (
                vec![(&values[0], &many, &outlets), (&values[1], &two, &outlets[..1])],
                &["EUR 1 bn in 212 documents from 57 outlets: Outlet 00, Outlet 01, Outlet 02 and 54 more"],
            ),
            (
                vec![(&values[0], &many, &outlets[..2]), (&values[1], &many, &outlets[..1])],
                &["EUR 1 bn in 212 documents from 2 outlets: Outlet 00, Outlet 01; EUR 2 bn in 212 documents from Outlet 00"],
            ),
            (
                values.iter().map(|v| (v, many.as_slice(), &[][..])).collect(),
                &["EUR 1 bn in 212 documents", "more values: one source"],
            ),
        ];
        for (groups, words) in cases {
            let reason = Reason {
                finding: Finding::Single,
                groups: groups
                    .into_iter()
                    .map(|(value, docs, outlets)| Stated {
                        value,
                        docs,
                        outlets: outlets.to_vec(),
                    })
                    .collect(),
                conversions: Vec::new(),
                republished: Vec::new(),
            };
            let why = reason.why();
            assert!(
                why.chars().count() <= WHY_MAX_CHARS,
                "{} characters: {why}",
                why.chars().count()
            );
            for w in words {
                assert!(why.contains(w), "{why:?} lacks {w:?}");
            }
        }
    }
}
