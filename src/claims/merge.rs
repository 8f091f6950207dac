//! Merging the claims of a document: one claim per distinct fact, a repeated figure adding
//! only its alternatives, place and time.

use std::collections::HashMap;

use crate::value::{Qualifier, TimeScope, Value};

use super::{Claim, Text};

/// What makes two claims of a document one: subject, predicate, target, value (as
/// [`same_value`] compares them), and scope.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct MergeKey {
    subject: Option<Text>,
    predicate: Text,
    target: Option<Text>,
    value: ValueKey,
    time: (Option<i32>, bool),
    scope: Option<Text>,
}

/// A value as [`same_value`] compares it; figures by their bits (zero without its sign).
#[derive(PartialEq, Eq, Hash)]
enum ValueKey {
    Day(Option<Text>, Option<Text>),
    Amount {
        kind: &'static str,
        amount: u64,
        unit: Option<Text>,
        qualifier: Qualifier,
        min: Option<u64>,
    },
}

impl MergeKey {
    /// The key of claim `c`.
    fn of(c: &Claim) -> MergeKey {
        let bits = |v: f64| (v + 0.0).to_bits();
        let value = match &c.value {
            Value::Date(d) => ValueKey::Day(d.weekday.clone(), d.date.clone()),
            Value::Money(a) | Value::Count(a) | Value::Number(a) | Value::Percent(a) => {
                ValueKey::Amount {
                    kind: c.value.kind(),
                    amount: bits(a.amount),
                    unit: a.unit.clone(),
                    qualifier: a.qualifier,
                    min: a.min.map(bits),
                }
            }
        };
        MergeKey {
            subject: c.subject.as_ref().map(|s| s.id.clone()),
            predicate: c.predicate.clone(),
            target: c.target.as_ref().map(|t| t.id.clone()),
            value,
            time: scope_key(&c.time),
            scope: c.scope.clone(),
        }
    }
}

/// Keep one claim per distinct value: a repeated figure adds nothing but its alternatives.
/// `seen` holds the index in `claims` of each key, so each claim is merged in constant
/// time.
pub(super) fn merge_claim(
    claims: &mut Vec<Claim>,
    seen: &mut HashMap<MergeKey, usize>,
    claim: Claim,
) {
    match seen.entry(MergeKey::of(&claim)) {
        std::collections::hash_map::Entry::Occupied(at) => {
            let existing = &mut claims[*at.get()];
            for alt in claim.alt {
                if !existing.alt.iter().any(|a| same_value(a, &alt)) {
                    existing.alt.push(alt);
                }
            }
            if existing.location.is_none() {
                existing.location = claim.location;
            }
            if existing.time.is_none() {
                existing.time = claim.time;
            }
        }
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(claims.len());
            claims.push(claim);
        }
    }
}

/// The part of a time scope that makes a figure a different fact: cumulative since a year,
/// or committed earlier.
fn scope_key(time: &Option<TimeScope>) -> (Option<i32>, bool) {
    time.as_ref().map_or((None, false), |t| (t.since, t.prior))
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Date(x), Value::Date(y)) => x.weekday == y.weekday && x.date == y.date,
        _ => match (a.amount(), b.amount()) {
            (Some(x), Some(y)) => {
                a.kind() == b.kind()
                    && x.amount == y.amount
                    && x.unit == y.unit
                    && x.qualifier == y.qualifier
                    && x.min == y.min
            }
            _ => false,
        },
    }
}
