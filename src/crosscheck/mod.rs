//! Cross-checking claims between sources: clusters of claims about the same thing, and a
//! verdict per cluster (single, agree, conflict) with the reason a reviewer reads.
//!
//! Claims cluster by hash key — subject, predicate, target, country and scope (new,
//! cumulative since a year, or committed earlier) — so cost grows linearly with the number
//! of claims. Inside a key, values split into *families* of related figures (within a
//! factor of three, or the same digits under another currency or scale); each family is a
//! cluster. A cluster's values are compared as intervals: a qualifier bounds a figure, the
//! stated digits carry their rounding, a stated conversion is an equivalent, and other
//! currencies convert only through a dated rate file. Days compare on weekday and date.
//!
//! The steps of a check, one module each: `order` puts the claims in one order,
//! `duplicates` finds republished articles, `key` groups claims by key, `compare` prepares
//! and compares claims, `families` splits a key into families and those into groups of
//! compatible values, and `verdict` judges each family. `model` holds the report they
//! produce (re-exported here), `fx` the rate file.

mod compare;
mod duplicates;
mod families;
mod fx;
mod key;
mod model;
mod order;
mod stories;
mod verdict;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use crate::value::weekday_of;
pub use fx::{FxRates, BUNDLED_FX};
pub use model::{Cluster, ClusterKey, Group, Report, ReportSummary, Status};
pub use stories::STORY_WINDOW_DAYS;

use crate::claims::Claim;
use crate::rules::Gazetteer;
use compare::Compared;
use duplicates::{near_duplicates, Sources};
use model::summarise;
use order::{documents, in_canonical_order};
use verdict::{verdict, Fact};

/// Cross-checks claims; built once, used for any number of claim sets.
pub struct CrossChecker<'a> {
    gazetteer: &'a Gazetteer,
    fx: FxRates,
    story_window: i32,
    /// The ends of company ids that name the company of the id before them
    /// ([`crate::RuleSet::designator_ids`]).
    designators: Vec<String>,
}

impl<'a> CrossChecker<'a> {
    /// A checker using `gazetteer` for the place hierarchy and `fx` for currencies; one
    /// story spans articles published up to [`STORY_WINDOW_DAYS`] apart.
    pub fn new(gazetteer: &'a Gazetteer, fx: FxRates) -> Self {
        CrossChecker {
            gazetteer,
            fx,
            story_window: STORY_WINDOW_DAYS,
            designators: Vec::new(),
        }
    }

    /// The checker with `designators` (ends of company ids, `ai`): a subject or target no
    /// list holds, `mistral`, is the company `mistral_ai` where the claims checked name
    /// that company and no other of its name with a designator.
    pub fn with_designators(self, designators: Vec<String>) -> Self {
        CrossChecker {
            designators,
            ..self
        }
    }

    /// The checker with one story spanning articles published up to `days` apart.
    pub fn with_story_window(self, days: i32) -> Self {
        CrossChecker {
            story_window: days,
            ..self
        }
    }

    /// Cluster `claims` and give each cluster its verdict.
    pub fn check(&self, claims: Vec<Claim>, docs: BTreeMap<String, String>) -> Report {
        let claims = in_canonical_order(claims);
        let documents = documents(&claims);
        let duplicates = near_duplicates(&claims, &documents);
        let sources = Sources::of(&claims, &documents, &duplicates);
        let duplicates = duplicates
            .iter()
            .map(|pair| pair.map(|d| sources.name(&claims, d).to_string()))
            .collect();
        let compared = self.prepare(&claims);
        let facts = self.all_facts(&claims, &compared, &sources);
        // The clusters are built once the figures as compared are gone: both at once would
        // be the peak of a check's memory.
        drop(compared);
        let clusters: Vec<Cluster> = facts
            .into_par_iter()
            .map(|fact| verdict(fact, &claims, &sources))
            .collect();
        let clusters = in_report_order(clusters);
        let summary = summarise(&claims, &documents, &clusters, docs, duplicates);
        Report {
            summary,
            clusters,
            claims,
        }
    }
}

impl CrossChecker<'_> {
    /// The facts of `claims` (`compared` as compared): claims by key, each key's claims
    /// split into stories, each story into families, each family into its facts. Keys are
    /// independent: split in parallel, then put in the report's order.
    fn all_facts(&self, claims: &[Claim], compared: &[Compared], sources: &Sources) -> Vec<Fact> {
        self.group_by_key(claims)
            .into_par_iter()
            .flat_map_iter(|(key, members)| {
                // The key's strings are made once, and shared by its clusters.
                let key = key.to_owned();
                self.stories(compared, members)
                    .into_iter()
                    .flat_map(move |story| {
                        let key = ClusterKey {
                            story: story.dates.map(|(first, last)| match first == last {
                                true => first.to_string().into(),
                                false => format!("{first}/{last}").into(),
                            }),
                            ..key.clone()
                        };
                        self.families(compared, &story.members)
                            .into_iter()
                            .flat_map(move |family| self.facts_of(&key, compared, &family, sources))
                    })
            })
            .collect()
    }
}

/// `clusters` in the report's order: conflicts where more sources disagree come first,
/// then those more sources state, then by key and claims. The counts are taken once per
/// cluster, not in every comparison, and the clusters sorted by position, then moved.
fn in_report_order(mut clusters: Vec<Cluster>) -> Vec<Cluster> {
    use std::cmp::Reverse;
    let mut ranked: Vec<(Status, Reverse<usize>, Reverse<usize>, u32)> = clusters
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let stated = c.groups.iter().map(|g| g.docs.len()).sum::<usize>();
            (
                c.status,
                Reverse(dissenting_docs(c)),
                Reverse(stated),
                i as u32,
            )
        })
        .collect();
    ranked.par_sort_unstable_by(|a, b| {
        let (x, y) = (&clusters[a.3 as usize], &clusters[b.3 as usize]);
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| (&x.key, &x.claims).cmp(&(&y.key, &y.claims)))
    });
    let order: Vec<usize> = ranked.into_iter().map(|(.., i)| i as usize).collect();
    order::permute(&mut clusters, &order);
    clusters
}

/// How many documents of a conflicting cluster hold a value other than the one most of
/// them hold (none for a cluster that agrees or stands alone): the documents that
/// disagree, which the report ranks its conflicts by.
fn dissenting_docs(c: &Cluster) -> usize {
    if c.status != Status::Conflict {
        return 0;
    }
    let sizes = c.groups.iter().map(|g| g.docs.len());
    sizes.clone().sum::<usize>() - sizes.max().unwrap_or(0)
}

/// Claims built for the unit tests of the cross-check's modules.
#[cfg(test)]
mod test_claims {
    use crate::claims::Claim;

    /// A claim of `doc` resting on `sentence`.
    pub(super) fn claim(doc: &str, n: usize, sentence: &str) -> Claim {
        serde_json::from_value(serde_json::json!({
            "id": format!("{doc}#{n}"), "doc": doc, "lang": "en",
            "subject": {"id": "equinix", "text": "Equinix"}, "predicate": "invest",
            "target": null, "alt": [], "location": null, "time": null, "rules": [],
            "value": {"kind": "money", "amount": 4.8e9, "unit": "EUR", "qualifier": "exact",
                      "precision": 5e7, "text": "€4.8 billion"},
            "evidence": {"start": 0, "end": sentence.len(), "text": sentence},
        }))
        .unwrap()
    }
}
