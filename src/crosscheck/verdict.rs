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

/// One fact of a key: the cluster key and the groups of compatible claims (positions,
/// ascending) that the verdict judges.
pub(super) type Fact = (ClusterKey, Vec<Vec<usize>>);

impl CrossChecker<'_> {
    /// Partition a family into compatible groups and split it into its facts (groups that
    /// are a near miss of each other), each with `key`.
    pub(super) fn facts_of(
        &self,
        key: &ClusterKey,
        compared: &[Compared],
        family: &[usize],
        sources: &Sources,
    ) -> Vec<Fact> {
        let (groups, distinct) = self.groups(compared, family);
        let facts = self.facts(compared, &groups, &distinct, sources);
        facts
            .into_iter()
            .map(|fact| {
                (
                    key.clone(),
                    fact.iter().map(|&g| groups[g].clone()).collect(),
                )
            })
            .collect()
    }
}

/// The cluster of one fact, its `groups` of compatible claims: a conflict where there is
/// more than one, else agreeing or single by its independent sources.
pub(super) fn verdict((key, groups): Fact, claims: &[Claim], sources: &Sources) -> Cluster {
    let mut members: Vec<usize> = groups.iter().flat_map(|g| g.iter().copied()).collect();
    members.sort_unstable();
    let status = if groups.len() > 1 {
        Status::Conflict
    } else if independent_sources(&members, sources) > 1 {
        Status::Agree
    } else {
        Status::Single
    };
    let groups: Vec<Group> = groups
        .iter()
        .map(|g| make_group(claims, g, sources))
        .collect();
    let why = reason(status, &groups, &members, claims, sources).why();
    Cluster {
        key,
        status,
        why,
        claims: members.iter().map(|&i| claims[i].id.clone()).collect(),
        groups,
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
        text: Default::default(),
    };
    match v {
        Value::Date(d) => Value::Date(Day {
            weekday: d.weekday.clone(),
            date: d.date.clone(),
            text: Default::default(),
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
    let units: BTreeSet<Option<&str>> = groups
        .iter()
        .map(|g| g.value.amount().and_then(|a| a.unit.as_deref()))
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

#[cfg(test)]
mod tests {
    use crate::claims::Claim;
    use crate::crosscheck::model::Status;
    use crate::crosscheck::test_claims::claim;
    use crate::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
    use crate::value::{Qualifier, Value};

    /// A claim of `doc` stating `amount` euros (`qualifier`).
    fn stated(doc: &str, n: usize, amount: f64, qualifier: Qualifier) -> Claim {
        let mut c = claim(doc, n, "Equinix will invest.");
        if let Value::Money(a) = &mut c.value {
            // Stated as "€2.95 billion" or "15,000,000": the rounding of its digits.
            let precision = if amount >= 1e9 { 5e6 } else { 0.5 };
            (a.amount, a.qualifier, a.precision) = (amount, qualifier, Some(precision));
        }
        c
    }

    #[test]
    fn figures_an_article_states_side_by_side_are_facts_of_their_own() {
        use Qualifier::*;
        let rules = crate::RuleSet::bundled().unwrap();
        let fx = FxRates::parse("fx", BUNDLED_FX).unwrap();
        let checker = CrossChecker::new(&rules.gazetteer, fx);
        // (claims as (doc, amount, qualifier), the clusters' statuses and group sizes)
        type Case<'a> = (&'a [(&'a str, f64, Qualifier)], &'a [(Status, &'a [usize])]);
        let cases: [Case; 5] = [
            // €20 bn in all and €15 bn of it, one article; another says €20 bn, a third
            // €15 million: the €20 bn agree, the €15 bn and €15 m are a conflict.
            (
                &[
                    ("a", 2e10, Exact),
                    ("a", 1.5e10, Exact),
                    ("b", 2e10, Exact),
                    ("c", 1.5e7, Exact),
                ],
                &[(Status::Agree, &[2]), (Status::Conflict, &[1, 1])],
            ),
            // Close figures from articles that never state them together: a conflict.
            (
                &[("a", 3.5e10, Exact), ("b", 2.5e10, Exact)],
                &[(Status::Conflict, &[1, 1])],
            ),
            // One number under qualifiers that exclude each other, even where one article
            // also states it plainly.
            (
                &[
                    ("a", 3.5e4, MoreThan),
                    ("b", 3.5e4, Exact),
                    ("b", 3.5e4, LessThan),
                ],
                &[(Status::Conflict, &[2, 1])],
            ),
            // A headline's €2.93 bn against its own body's €2.95 bn: one figure restated.
            (
                &[
                    ("a", 2.95e9, Exact),
                    ("a", 2.93e9, Exact),
                    ("b", 2.95e9, Exact),
                ],
                &[(Status::Conflict, &[2, 1])],
            ),
            // "up to €15 bn" joins "€15 bn", not the "€15 m" it would also fit.
            (
                &[
                    ("a", 1.5e7, Exact),
                    ("b", 1.5e10, Exact),
                    ("c", 1.5e10, UpTo),
                ],
                &[(Status::Conflict, &[1, 2])],
            ),
        ];
        for (stated_claims, want) in cases {
            let claims: Vec<Claim> = stated_claims
                .iter()
                .enumerate()
                .map(|(n, &(doc, amount, q))| stated(&format!("{doc}.txt"), n, amount, q))
                .collect();
            let report = checker.check(claims, Default::default());
            let mut got: Vec<(Status, Vec<usize>)> = report
                .clusters
                .iter()
                .map(|c| (c.status, c.groups.iter().map(|g| g.claims.len()).collect()))
                .collect();
            got.sort();
            let mut want: Vec<(Status, Vec<usize>)> =
                want.iter().map(|(s, g)| (*s, g.to_vec())).collect();
            want.sort();
            assert_eq!(got, want, "{stated_claims:?}");
        }
    }
}
