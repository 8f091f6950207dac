//! Comparing two claims: their figures as intervals (a qualifier bounds a figure, the
//! stated digits carry their rounding, a stated conversion is an equivalent, and other
//! currencies convert only through the rate file), and days on weekday and date. Each
//! claim is prepared once ([`Compared`]) so that comparing a pair costs no allocation.

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use super::fx::FxRates;
use super::CrossChecker;
use crate::claims::Claim;
use crate::value::{weekday_of, Amount, Day, Qualifier, Value};

/// Figures further apart than this ratio are different facts, not a near miss.
const CLOSE_RATIO: f64 = 3.0;
/// Figures this close are one figure restated, even side by side in one article (a
/// headline's "€2.93 billion" against its body's "€2.95 billion").
const RESTATED_RATIO: f64 = 1.01;
/// "about" widens a figure by at least this share of it.
const APPROX_SHARE: f64 = 0.05;
/// "nearly" and "less than" put a figure at most this share below the stated one: a
/// newsroom rounds up to the next round figure, not beyond ("près de 35 000" is not 30,000).
const BELOW_SHARE: f64 = 0.1;

impl CrossChecker<'_> {
    /// Each claim with its figures as compared: units numbered, and the value in the rate
    /// file's base currency, computed once rather than for every pair.
    pub(super) fn prepare<'c>(&self, claims: &'c [Claim]) -> Vec<Compared<'c>> {
        let units = Units::of(claims, &self.fx);
        claims
            .par_iter()
            .map(|claim| units.compared(claim))
            .collect()
    }

    /// Whether two claims speak of the same figure (agreeing or not).
    pub(super) fn related(&self, a: &Compared, b: &Compared) -> bool {
        match (&a.claim.value, &b.claim.value) {
            (Value::Date(_), Value::Date(_)) => true,
            _ => self.any_pair(a, b, |x, y| {
                ratio(x.amount, y.amount) < CLOSE_RATIO || same_digits(&x, &y)
            }),
        }
    }

    /// Whether `test` holds for some pair of comparable figures of two claims: values and
    /// stated conversions in one currency, or, where they share none, the second value
    /// converted through the rate file.
    fn any_pair(&self, a: &Compared, b: &Compared, test: impl Fn(Figure, Figure) -> bool) -> bool {
        let mut shared_unit = false;
        for &x in &a.figures {
            for &y in &b.figures {
                if x.unit == y.unit {
                    shared_unit = true;
                    if test(x, y) {
                        return true;
                    }
                }
            }
        }
        if shared_unit || !(a.main && b.main) {
            return false;
        }
        self.converted(b, a).is_some_and(|y| test(a.figures[0], y))
    }

    /// The value of `from` in the currency of `into`'s value through the rate file, its
    /// range widened by the tolerance; none when it is beyond what a number holds.
    fn converted(&self, from: &Compared, into: &Compared) -> Option<Figure> {
        let ((amount, (lo, hi)), to) = (from.base?, into.rate?);
        let convert = |v: f64| if v.is_finite() { v * to } else { v };
        let amount = Some(amount * to).filter(|a| a.is_finite())?;
        let slack = amount * self.fx.tolerance;
        Some(Figure {
            unit: into.figures[0].unit,
            amount,
            digits: mantissa(amount),
            range: (convert(lo) - slack, convert(hi) + slack),
            low: None,
        })
    }

    /// Whether two claims can both be true.
    pub(super) fn compatible(&self, a: &Compared, b: &Compared) -> bool {
        match (&a.claim.value, &b.claim.value) {
            (Value::Date(x), Value::Date(y)) => days_agree(x, y),
            _ => {
                !same_digits_other_currency(a, b)
                    && self.any_pair(a, b, |x, y| {
                        intersects(&x.range, &y.range) && same_ends(&x, &y)
                    })
            }
        }
    }

    /// Whether two claims' figures are within [`RESTATED_RATIO`] of each other: one figure
    /// restated (days never are).
    pub(super) fn restated(&self, a: &Compared, b: &Compared) -> bool {
        a.main && b.main && self.any_pair(a, b, |x, y| ratio(x.amount, y.amount) < RESTATED_RATIO)
    }

    /// Whether two claims' figures are within [`CLOSE_RATIO`] of each other; days always are.
    pub(super) fn close(&self, a: &Compared, b: &Compared) -> bool {
        match (&a.claim.value, &b.claim.value) {
            (Value::Date(_), Value::Date(_)) => true,
            _ => self.any_pair(a, b, |x, y| ratio(x.amount, y.amount) < CLOSE_RATIO),
        }
    }
}

/// The amounts of a claim: its value when it is one, then its stated conversions.
fn amounts(claim: &Claim) -> impl Iterator<Item = &Amount> {
    claim
        .value
        .amount()
        .into_iter()
        .chain(claim.alt.iter().filter_map(Value::amount))
}

/// The units of a check's amounts, numbered in name order, with the rate of each in the
/// rate file: a figure carries its unit's number, so comparing units compares numbers.
struct Units<'c> {
    number: FxHashMap<Option<&'c str>, u32>,
    rates: Vec<Option<f64>>,
}

impl<'c> Units<'c> {
    /// The units of every amount of `claims`.
    fn of(claims: &'c [Claim], fx: &FxRates) -> Units<'c> {
        let mut names: Vec<Option<&str>> = claims
            .par_iter()
            .fold(FxHashSet::default, |mut names, c| {
                names.extend(amounts(c).map(|a| a.unit.as_deref()));
                names
            })
            .flatten_iter()
            .collect();
        names.sort_unstable();
        names.dedup();
        let number = names
            .iter()
            .enumerate()
            .map(|(i, &u)| (u, i as u32))
            .collect();
        let rates = names.iter().map(|u| u.and_then(|u| fx.rate(u))).collect();
        Units { number, rates }
    }

    /// `claim` prepared for comparison.
    fn compared(&self, claim: &'c Claim) -> Compared<'c> {
        let figures: Figures = amounts(claim)
            .map(|a| Figure::of(a, self.number[&a.unit.as_deref()]))
            .collect();
        let main = claim.value.amount().is_some();
        let rate = if main {
            self.rates[figures[0].unit as usize]
        } else {
            None
        };
        Compared {
            claim,
            published: published(claim),
            base: rate
                .map(|r| figures[0].in_base(r))
                .filter(|(amount, _)| amount.is_finite()),
            figures,
            main,
            rate,
        }
    }
}

/// Everything of a claim that comparing it looks at: two claims with one profile compare
/// alike with every claim. Figures are equal bit for bit.
#[derive(Clone, Copy)]
pub(super) struct Profile<'c> {
    kind: std::mem::Discriminant<Value>,
    /// A day's weekday and date.
    day: Option<(Option<&'c str>, Option<&'c str>)>,
    figures: &'c [Figure],
}

impl Profile<'_> {
    fn figure_bits(&self) -> impl Iterator<Item = [u64; 4]> + '_ {
        self.figures.iter().map(|f| {
            let [a, lo, hi] = [f.amount, f.range.0, f.range.1].map(f64::to_bits);
            [u64::from(f.unit), a, lo, hi]
        })
    }
}

impl PartialEq for Profile<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.day == other.day
            && self.figures.len() == other.figures.len()
            && self.figure_bits().eq(other.figure_bits())
    }
}

impl Eq for Profile<'_> {}

impl std::hash::Hash for Profile<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        self.day.hash(state);
        self.figure_bits().for_each(|bits| bits.hash(state));
    }
}

impl<'c> Compared<'c> {
    /// What of the claim comparing it looks at, for finding claims that compare alike.
    pub(super) fn profile(&self) -> Profile<'_> {
        let day = match &self.claim.value {
            Value::Date(d) => Some((d.weekday.as_deref(), d.date.as_deref())),
            _ => None,
        };
        Profile {
            kind: std::mem::discriminant(&self.claim.value),
            day,
            figures: &self.figures,
        }
    }
}

/// A claim prepared for comparison with the other claims of its key.
pub(super) struct Compared<'c> {
    /// The claim.
    pub(super) claim: &'c Claim,
    /// The value (when it is an amount), then its stated conversions.
    pub(super) figures: Figures,
    /// The value is an amount: it is `figures[0]`.
    pub(super) main: bool,
    /// The rate of the value's currency in the rate file.
    rate: Option<f64>,
    /// The value and its range in the rate file's base currency.
    base: Option<(f64, (f64, f64))>,
    /// The date its article was published, when its `published` starts with one: read
    /// here, in one pass over the claims in order, rather than per key.
    pub(super) published: Option<Date>,
}

/// The date a claim's article was published, when its `published` starts with one.
fn published(claim: &Claim) -> Option<Date> {
    claim.article.published.as_deref()?.get(..10)?.parse().ok()
}

/// A claim's figures: nearly always one, kept inline.
type Figures = SmallVec<[Figure; 1]>;

/// An amount as compared: unit (numbered per check), value and range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Figure {
    /// The unit's number in this check.
    pub(super) unit: u32,
    amount: f64,
    /// The amount's leading digits, as [`mantissa`] reads them.
    digits: f64,
    /// The values the figure can stand for, as [`interval`] reads them.
    pub(super) range: (f64, f64),
    /// The lower end of a stated range ("1,550 to 1,800"): two stated ranges agree only
    /// when both their ends do.
    pub(super) low: Option<f64>,
}

impl Figure {
    fn of(a: &Amount, unit: u32) -> Figure {
        Figure {
            unit,
            amount: a.amount,
            digits: mantissa(a.amount),
            range: interval(a),
            low: a.min,
        }
    }

    /// The figure and its range in the rate file's base currency, of which its currency
    /// is `rate` units.
    fn in_base(&self, rate: f64) -> (f64, (f64, f64)) {
        let convert = |v: f64| if v.is_finite() { v / rate } else { v };
        (
            self.amount / rate,
            (convert(self.range.0), convert(self.range.1)),
        )
    }
}

/// How many elements two sorted lists have in common, counting no further than `enough`.
pub(super) fn common<T: Ord>(a: &[T], b: &[T], enough: usize) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() && shared < enough {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, shared) = (i + 1, j + 1, shared + 1),
        }
    }
    shared
}

/// How many times larger the larger of two figures is.
fn ratio(x: f64, y: f64) -> f64 {
    (x / y).abs().max((y / x).abs())
}

/// An amount's range: the rounding of the stated digits ("1.2 billion" is 1.15–1.25
/// billion), or the side of the stated figure its qualifier puts it on ("more than 3,000"
/// is above 3,000, "up to 3,000" at most 3,000, "nearly 3,000" just below it).
fn interval(a: &Amount) -> (f64, f64) {
    let p = a.precision.unwrap_or_else(|| default_precision(a.amount));
    let v = a.amount;
    match a.qualifier {
        Qualifier::Exact => (v - p, v + p),
        Qualifier::MoreThan => (v, f64::INFINITY),
        Qualifier::AtLeast => (v - p, f64::INFINITY),
        Qualifier::LessThan => (a.min.unwrap_or(v - v.abs() * BELOW_SHARE), v),
        Qualifier::UpTo => (a.min.map_or(0.0, |m| m - p), v),
        Qualifier::Approx => {
            let w = p.max(v.abs() * APPROX_SHARE);
            (v - w, v + w)
        }
    }
}

/// Half the step of the last non-zero digit of `v` (1.2e9 → 0.05e9).
fn default_precision(v: f64) -> f64 {
    let mut step = 1.0;
    while v != 0.0 && (v / (step * 10.0)).fract() == 0.0 && step < 1e15 {
        step *= 10.0;
    }
    step / 2.0
}

/// Whether two stated ranges have the same ends, each within the rounding of its digits
/// ("1,550 to 1,800" and "1,550 to 1,850" do not); true unless both are stated ranges.
fn same_ends(x: &Figure, y: &Figure) -> bool {
    match (x.low, y.low) {
        (Some(lx), Some(ly)) => {
            let slack = (lx - x.range.0) + (ly - y.range.0);
            (lx - ly).abs() <= slack && (x.amount - y.amount).abs() <= slack
        }
        _ => true,
    }
}

/// Whether two ranges share more than a boundary point: "1.2" (1.15–1.25) and "1.3"
/// (1.25–1.35) do not; "up to 3,000" and "more than 3,000" do not.
pub(super) fn intersects(a: &(f64, f64), b: &(f64, f64)) -> bool {
    a.0.max(b.0) < a.1.min(b.1)
}

/// The leading digits of `v`, in thousands steps, to three decimals (1.2e9 → 1.2); a value
/// that is not finite is its own.
pub(super) fn mantissa(v: f64) -> f64 {
    let mut m = v.abs();
    while m >= 1000.0 && m.is_finite() {
        m /= 1000.0;
    }
    (m * 1000.0).round() / 1000.0
}

/// Whether two figures have the same leading digits ("1.2 billion" and "1.2 million").
fn same_digits(x: &Figure, y: &Figure) -> bool {
    x.amount != 0.0 && x.digits == y.digits
}

/// "$1.2 billion" against "€1.2 billion", neither stating the other as its conversion.
pub(super) fn same_digits_other_currency(a: &Compared, b: &Compared) -> bool {
    let (Value::Money(_), Value::Money(_)) = (&a.claim.value, &b.claim.value) else {
        return false;
    };
    let (x, y) = (a.figures[0], b.figures[0]);
    let converts = |c: &Compared, unit: u32| c.figures[1..].iter().any(|f| f.unit == unit);
    x.unit != y.unit
        && (x.amount - y.amount).abs() <= 1e-9 * x.amount.abs().max(1.0)
        && !converts(a, y.unit)
        && !converts(b, x.unit)
}

/// "more than 35,000" against "nearly 35,000": one number in one unit under qualifiers
/// that exclude each other.
pub(super) fn same_number_other_qualifier(a: &Compared, b: &Compared) -> bool {
    let (Some(x), Some(y)) = (a.claim.value.amount(), b.claim.value.amount()) else {
        return false;
    };
    let (fx, fy) = (&a.figures[0], &b.figures[0]);
    a.main
        && b.main
        && fx.unit == fy.unit
        && x.amount == y.amount
        && x.qualifier != y.qualifier
        && !intersects(&fx.range, &fy.range)
}

/// "€15.7 million" against "€15.7 billion".
pub(super) fn same_digits_other_scale(a: &Compared, b: &Compared) -> bool {
    if !(a.main && b.main) || a.claim.value.kind() != b.claim.value.kind() {
        return false;
    }
    let (x, y) = (&a.figures[0], &b.figures[0]);
    x.unit == y.unit && ratio(x.amount, y.amount) >= 999.0 && same_digits(x, y)
}

/// Whether two days can be one: their weekdays (stated, or of the date) and their month
/// and day agree wherever both are known.
fn days_agree(a: &Day, b: &Day) -> bool {
    let weekday = |d: &Day| {
        d.weekday
            .as_deref()
            .map(str::to_string)
            .or_else(|| d.date.as_deref().and_then(weekday_of))
    };
    let ok_weekday = match (weekday(a), weekday(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let month_day = |d: &Day| {
        d.date
            .as_ref()
            .map(|s| s[s.len().saturating_sub(5)..].to_string())
    };
    let ok_date = match (month_day(a), month_day(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    ok_weekday && ok_date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_beyond_what_a_number_holds_have_their_own_digits() {
        assert_eq!(mantissa(1.2e9), 1.2);
        assert!(mantissa(f64::INFINITY).is_infinite());
        assert!(mantissa(f64::NAN).is_nan());
    }

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(weekday_of("2024-05-12").as_deref(), Some("sunday"));
        assert_eq!(weekday_of("2024-05-13").as_deref(), Some("monday"));
        assert_eq!(weekday_of("2025-02-10").as_deref(), Some("monday"));
        assert_eq!(weekday_of("--05-12"), None);
    }

    #[test]
    fn stated_digits_carry_their_rounding() {
        assert_eq!(default_precision(1.2e9), 0.05e9);
        assert_eq!(default_precision(3000.0), 500.0);
    }

    #[test]
    fn qualifiers_are_intervals() {
        let amount = |v: f64, q: Qualifier| Amount {
            amount: v,
            unit: Some("jobs".into()),
            qualifier: q,
            min: None,
            precision: Some(0.5),
            text: Default::default(),
        };
        let more = interval(&amount(3000.0, Qualifier::MoreThan));
        let up_to = interval(&amount(3000.0, Qualifier::UpTo));
        let exact = interval(&amount(3000.0, Qualifier::Exact));
        assert!(
            !intersects(&more, &up_to),
            "up to 3,000 and more than 3,000 conflict"
        );
        assert!(intersects(&more, &exact), "more than 3,000 fits 3,000");
        assert!(intersects(&up_to, &exact));
        let nearly = interval(&amount(35000.0, Qualifier::LessThan));
        let below = |v: f64| intersects(&nearly, &interval(&amount(v, Qualifier::Exact)));
        assert!(below(34000.0), "nearly 35,000 fits 34,000");
        assert!(!below(30000.0), "nearly 35,000 is not 30,000");
        assert!(!intersects(
            &nearly,
            &interval(&amount(35000.0, Qualifier::MoreThan))
        ));
    }

    #[test]
    fn stated_ranges_agree_only_when_both_ends_do() {
        let figure = |min: Option<f64>, max: f64, q: Qualifier| {
            let amount = Amount {
                amount: max,
                unit: Some("jobs".into()),
                qualifier: q,
                min,
                precision: Some(0.5),
                text: Default::default(),
            };
            Figure::of(&amount, 0)
        };
        let range = |lo: f64, hi: f64| figure(Some(lo), hi, Qualifier::UpTo);
        // (one figure, another, whether they can both be true)
        let cases = [
            (range(1550.0, 1800.0), range(1550.0, 1850.0), false),
            (range(1600.0, 1800.0), range(1550.0, 1800.0), false),
            (range(1550.0, 1800.0), range(1550.0, 1800.0), true),
            (
                range(1550.0, 1800.0),
                figure(None, 1700.0, Qualifier::Exact),
                true,
            ),
            (
                range(1550.0, 1800.0),
                figure(None, 1500.0, Qualifier::MoreThan),
                true,
            ),
        ];
        for (a, b, both) in cases {
            let agree = intersects(&a.range, &b.range) && same_ends(&a, &b);
            assert_eq!(agree, both, "{a:?} and {b:?}");
        }
    }
}
