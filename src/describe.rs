//! Values and verdicts in a reviewer's words: "EUR 1.2 bn", "more than 3,000 jobs",
//! "Sunday 12 May", and the one-line reason of a cross-check cluster.
//!
//! One wording serves both the cluster's `why`, which the cross-check stage stores in the
//! report, and the renderings of the report stage. So that the cross-check need not import
//! the report stage, this module is a leaf: it reads values only, and the cross-check hands
//! it what it decided as a [`Reason`].

use std::collections::BTreeSet;

use crate::value::{Amount, Qualifier, Value};

/// A value as a reviewer reads it: "EUR 1.2 bn", "more than 3,000 jobs", "Sunday 12 May".
pub fn describe_value(v: &Value) -> String {
    match v {
        Value::Date(d) => {
            let mut parts = Vec::new();
            if let Some(w) = &d.weekday {
                let mut c = w.chars();
                parts.push(
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default(),
                );
            }
            if let Some(date) = &d.date {
                parts.push(date.trim_start_matches('-').to_string());
            }
            parts.join(" ")
        }
        _ => v.amount().map(describe_amount).unwrap_or_default(),
    }
}

/// An amount as a reviewer reads it: qualifier, currency code before the figure, any
/// other unit after it ("about EUR 1.2 bn", "more than 3,000 jobs").
fn describe_amount(a: &Amount) -> String {
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
    let mut out = String::from(q);
    if let Some(u) = currency {
        out.push_str(u);
        out.push(' ');
    }
    if let Some(m) = a.min {
        push_figure(&mut out, m);
        out.push('–');
    }
    push_figure(&mut out, a.amount);
    if let (Some(u), None) = (a.unit.as_deref(), currency) {
        out.push(' ');
        out.push_str(u);
    }
    out
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
#[derive(Debug, Clone, Copy)]
pub struct Stated<'a> {
    /// The group's value.
    pub value: &'a Value,
    /// The documents holding it.
    pub docs: &'a [String],
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

impl Reason<'_> {
    /// The reason in one line: the groups' values with their documents and the verdict,
    /// then the stated conversions and the republished documents, each sorted and once
    /// ("EUR 1.2 bn (a.txt) against USD 1.2 bn (b.txt): same figure, two currencies").
    pub fn why(&self) -> String {
        let mut why = match &self.finding {
            Finding::Conflict(near_miss) => {
                format!("{}: {}", self.groups_list(" against "), near_miss.words())
            }
            Finding::Agree { langs } => format!(
                "{} in {}: compatible",
                self.groups_list("; "),
                langs.join(", ")
            ),
            Finding::Single => format!("{}: one source", self.groups_list("; ")),
        };
        let conversions: Vec<String> = self
            .conversions
            .iter()
            .map(|c| {
                format!(
                    "{} in {} is its stated conversion",
                    describe_value(c.value),
                    c.doc
                )
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !conversions.is_empty() {
            why.push_str(&format!("; {}", conversions.join("; ")));
        }
        let republished: BTreeSet<String> = self
            .republished
            .iter()
            .map(|r| format!("{} republishes {}", r.doc, r.source))
            .collect();
        if !republished.is_empty() {
            let list: Vec<String> = republished.into_iter().collect();
            why.push_str(&format!("; {} (counted once)", list.join(", ")));
        }
        why
    }

    /// Each group's value and documents, `EUR 1.2 bn (a.txt, b.txt)`, joined by `separator`.
    fn groups_list(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(&describe_value(g.value));
            out.push_str(" (");
            for (k, doc) in g.docs.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(doc);
            }
            out.push(')');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_a_reviewer_writes_them() {
        let amount = |v: f64, unit: Option<&str>, q: Qualifier| Amount {
            amount: v,
            unit: unit.map(str::to_string),
            qualifier: q,
            min: None,
            precision: None,
            text: String::new(),
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
            assert_eq!(describe_amount(&a), expected);
        }
        let range = Amount {
            min: Some(2e9),
            ..amount(3e9, Some("EUR"), Qualifier::UpTo)
        };
        assert_eq!(describe_amount(&range), "up to EUR 2 bn–3 bn");
    }
}
