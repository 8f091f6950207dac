//! A family's verdict: its groups of compatible values, whether the sources conflict,
//! agree or are one, and the reason a reviewer reads (decided here as a [`Reason`], worded
//! by [`crate::describe`]).

use std::collections::{BTreeSet, HashMap};

use super::compare::{mantissa, Compared};
use super::duplicates::Sources;
use super::model::{Cluster, ClusterKey, Group, Status};
use super::CrossChecker;
use crate::claims::Claim;
use crate::describe::{Conversion, Finding, NearMiss, Reason, Republication, Stated};
use crate::value::{Amount, Day, Qualifier, Value};

impl CrossChecker<'_> {
    /// Partition a family into compatible groups and give the verdict.
    pub(super) fn judge(
        &self,
        key: ClusterKey,
        claims: &[Claim],
        compared: &[Compared],
        family: &[usize],
        sources: &Sources,
    ) -> Cluster {
        let (groups, distinct) = self.groups(compared, family);
        let conflict =
            groups.len() > 1 && self.groups_conflict(compared, &groups, &distinct, sources);
        let status = if conflict {
            Status::Conflict
        } else if independent_sources(family, sources) > 1 {
            Status::Agree
        } else {
            Status::Single
        };
        let groups: Vec<Group> = groups
            .iter()
            .map(|g| make_group(claims, g, sources))
            .collect();
        let why = reason(status, &groups, family, claims, sources).why();
        Cluster {
            key,
            status,
            why,
            claims: family.iter().map(|&i| claims[i].id.clone()).collect(),
            groups,
        }
    }
}

/// How many documents the claims of `family` come from, a republished article counted
/// with the one it republishes.
fn independent_sources(family: &[usize], sources: &Sources) -> usize {
    let mut found: Vec<u32> = family.iter().map(|&i| sources.source(i)).collect();
    found.sort_unstable();
    found.dedup();
    found.len()
}

/// A group of `members`: the value of its most definite claim (an exact amount, a day
/// with a date), the documents holding it (in name order, which is the order of their
/// positions) and its claim ids.
fn make_group(claims: &[Claim], members: &[usize], sources: &Sources) -> Group {
    let representative = members
        .iter()
        .map(|&i| &claims[i])
        .max_by_key(|c| {
            (
                c.value
                    .amount()
                    .is_some_and(|a| a.qualifier == Qualifier::Exact),
                matches!(&c.value, Value::Date(d) if d.date.is_some()),
            )
        })
        .map(|c| &c.value)
        .unwrap_or(&claims[members[0]].value);
    // Each document once, named by one of its claims here (already in memory).
    let mut docs: Vec<(u32, usize)> = members.iter().map(|&i| (sources.doc(i), i)).collect();
    docs.sort_unstable();
    docs.dedup_by_key(|&mut (d, _)| d);
    Group {
        value: without_text(representative),
        docs: docs
            .into_iter()
            .map(|(_, i)| claims[i].doc.clone())
            .collect(),
        claims: members.iter().map(|&i| claims[i].id.clone()).collect(),
    }
}

/// A copy of `v` without its text and precision: a group's value stands for several
/// sentences.
fn without_text(v: &Value) -> Value {
    let amount = |a: &Amount| Amount {
        amount: a.amount,
        unit: a.unit.clone(),
        qualifier: a.qualifier,
        min: a.min,
        precision: None,
        text: String::new(),
    };
    match v {
        Value::Date(d) => Value::Date(Day {
            weekday: d.weekday.clone(),
            date: d.date.clone(),
            text: String::new(),
        }),
        Value::Money(a) => Value::Money(amount(a)),
        Value::Count(a) => Value::Count(amount(a)),
        Value::Number(a) => Value::Number(amount(a)),
        Value::Percent(a) => Value::Percent(amount(a)),
    }
}

/// What the reason of a cluster of `status` says: its verdict, its groups, the stated
/// conversions of its claims, and those of its documents that republish another.
fn reason<'a>(
    status: Status,
    groups: &'a [Group],
    family: &[usize],
    claims: &'a [Claim],
    sources: &Sources,
) -> Reason<'a> {
    let finding = match status {
        Status::Conflict => Finding::Conflict(near_miss(groups)),
        Status::Agree => {
            let langs: BTreeSet<&str> = family.iter().map(|&i| claims[i].lang.as_str()).collect();
            Finding::Agree {
                langs: langs.into_iter().collect(),
            }
        }
        Status::Single => Finding::Single,
    };
    let conversions = family
        .iter()
        .flat_map(|&i| {
            let doc = claims[i].doc.as_str();
            claims[i]
                .alt
                .iter()
                .map(move |value| Conversion { value, doc })
        })
        .collect();
    let republished = family
        .iter()
        .filter_map(|&i| {
            let source = sources.name(claims, sources.republished(i)?);
            Some(Republication {
                doc: claims[i].doc.as_str(),
                source,
            })
        })
        .collect();
    let outlet_of: HashMap<&str, &str> = family
        .iter()
        .filter_map(|&i| Some((claims[i].doc.as_str(), claims[i].article.source.as_deref()?)))
        .collect();
    Reason {
        finding,
        groups: groups
            .iter()
            .map(|g| {
                let outlets: BTreeSet<&str> = g
                    .docs
                    .iter()
                    .filter_map(|d| outlet_of.get(d.as_str()).copied())
                    .collect();
                Stated {
                    value: &g.value,
                    docs: &g.docs,
                    outlets: outlets.into_iter().collect(),
                }
            })
            .collect(),
        conversions,
        republished,
    }
}

/// The kind of near miss between the groups of a conflict, read from the groups' values:
/// days, currencies, one number, the same digits, or else close figures.
fn near_miss(groups: &[Group]) -> NearMiss {
    let units: BTreeSet<Option<&String>> = groups
        .iter()
        .map(|g| g.value.amount().and_then(|a| a.unit.as_ref()))
        .collect();
    let days = groups.iter().all(|g| matches!(g.value, Value::Date(_)));
    if days {
        return NearMiss::DifferentDays;
    }
    if units.len() > 1 {
        return NearMiss::TwoCurrencies;
    }
    let amounts: Vec<&Amount> = groups.iter().filter_map(|g| g.value.amount()).collect();
    let same_number = amounts.windows(2).any(|w| w[0].amount == w[1].amount);
    let other_scale = amounts.windows(2).any(|w| {
        w[0].amount != 0.0
            && w[0].amount != w[1].amount
            && mantissa(w[0].amount) == mantissa(w[1].amount)
    });
    if same_number {
        NearMiss::IncompatibleQualifiers
    } else if other_scale {
        NearMiss::TwoScales
    } else {
        NearMiss::CloseFigures
    }
}
