//! Merging the claims of a document: one claim per distinct fact, a repeated figure adding
//! only its alternatives, place and time.

use rustc_hash::FxHashMap;

use crate::value::{Qualifier, TimeScope, Value};

use crate::rules::Gazetteer;

use super::{Claim, EntityRef, Text};

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
/// `seen` holds the index in `claims` of each key and whether that claim's place is the
/// document's main place, so each claim is merged in constant time. A claim comes with
/// whether its own place is the document's.
pub(super) fn merge_claim(
    claims: &mut Vec<Claim>,
    seen: &mut FxHashMap<MergeKey, (usize, bool)>,
    (claim, place_from_document): (Claim, bool),
    gazetteer: &Gazetteer,
) {
    match seen.entry(MergeKey::of(&claim)) {
        std::collections::hash_map::Entry::Occupied(at) => {
            let (index, first_from_document) = at.into_mut();
            let existing = &mut claims[*index];
            let first = (&existing.location, *first_from_document);
            if gives_a_finer_place(first, (&claim.location, place_from_document), gazetteer) {
                existing.location = claim.location;
                *first_from_document = place_from_document;
            }
            for alt in claim.alt {
                if !existing.alt.iter().any(|a| same_value(a, &alt)) {
                    existing.alt.push(alt);
                }
            }
            if existing.time.is_none() {
                existing.time = claim.time;
            }
        }
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert((claims.len(), place_from_document));
            claims.push(claim);
        }
    }
}

/// Whether a repetition of a claim places it better than where it was first read: it has
/// a place where none was, a place its sentence gives where the document's main place
/// stood in ("push into Italian AI" in a headline, "in northern Italy" below), or a place
/// inside the first one ("en Allemagne", then "à Magdebourg"). Each place comes with
/// whether it is the document's main place.
fn gives_a_finer_place(
    (first, first_from_document): (&Option<EntityRef>, bool),
    (again, again_from_document): (&Option<EntityRef>, bool),
    gazetteer: &Gazetteer,
) -> bool {
    let (Some(place), Some(first_place)) = (again, first) else {
        return first.is_none();
    };
    if first_from_document != again_from_document {
        return first_from_document;
    }
    let index = |place: &EntityRef| gazetteer.index_of(&place.id);
    match (index(place), index(first_place)) {
        (Some(inner), Some(outer)) => inner != outer && gazetteer.is_within(inner, outer),
        _ => false,
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
