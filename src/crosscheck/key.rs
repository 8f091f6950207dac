//! Cluster keys: what a claim is about (subject, predicate, target, country and scope),
//! and the claims of a check split by key. Keys are hashed, not compared pairwise, so the
//! cost grows linearly with the number of claims.

use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::model::ClusterKey;
use super::CrossChecker;
use crate::claims::{Claim, RunNames, Text};

/// A cluster key borrowed from the claims, for grouping without copying strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct KeyRef<'a> {
    subject: &'a str,
    predicate: &'a str,
    target: Option<&'a str>,
    location: Option<&'a str>,
    named: Option<&'a str>,
    prior: bool,
    since: Option<i32>,
    year: Option<i32>,
}

impl KeyRef<'_> {
    /// The key as reported: the scope reads `new`, `since 2010`, `prior`, `in 2018`,
    /// `construction`, `construction, prior` or `prior, in 2024`.
    pub(super) fn to_owned(self) -> ClusterKey {
        let when = match (self.prior, self.since) {
            (true, _) => Some("prior".to_string()),
            (false, Some(y)) => Some(format!("since {y}")),
            (false, None) => None,
        };
        let time = match (when, self.year) {
            (Some(w), Some(y)) => Some(format!("{w}, in {y}")),
            (None, Some(y)) => Some(format!("in {y}")),
            (when, None) => when,
        };
        let scope = match (self.named, time) {
            (Some(s), Some(t)) => format!("{s}, {t}"),
            (Some(s), None) => s.to_string(),
            (None, Some(t)) => t,
            (None, None) => "new".to_string(),
        };
        ClusterKey {
            subject: self.subject.into(),
            predicate: self.predicate.into(),
            target: self.target.map(Text::from),
            location: self.location.map(Text::from),
            scope: scope.into(),
            story: None,
        }
    }
}

/// The claims of one run of equal hashes (ascending positions), split by key (`key_of`
/// a position): keys of one hash are nearly always equal, but a collision must not merge
/// two clusters.
fn split_by_key<'c>(
    key_of: impl Fn(usize) -> Option<KeyRef<'c>>,
    run: &[(u64, u32)],
) -> Vec<(KeyRef<'c>, Vec<usize>)> {
    let mut out: Vec<(KeyRef, Vec<usize>)> = Vec::with_capacity(1);
    for &(_, i) in run {
        let key = key_of(i as usize).expect("only claims with a key are hashed");
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i as usize),
            None => out.push((key, vec![i as usize])),
        }
    }
    out
}

/// Move the claims of each key that does not say what `stated` reads (a place, a year)
/// into the key that does and is otherwise the same, when there is one such key only:
/// "Intel invests €30 billion" joins "in Germany" or "in 2023" where the other claims
/// name that country or year alone, and stays apart where they name two.
fn join_unstated<'c>(
    by_key: &mut Vec<(KeyRef<'c>, Vec<usize>)>,
    stated: impl Fn(&KeyRef<'c>) -> bool,
    unstated: impl Fn(KeyRef<'c>) -> KeyRef<'c>,
) {
    // The keys by reference: a million keys copied into a map would cost more than the
    // claims' figures.
    let unstated_keys: FxHashMap<&KeyRef, usize> = by_key
        .iter()
        .enumerate()
        .filter(|(_, (key, _))| !stated(key))
        .map(|(n, (key, _))| (key, n))
        .collect();
    if unstated_keys.is_empty() {
        return;
    }
    // Each stated key has one unstated form, so the moves are independent.
    let mut stated_forms: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (n, (key, _)) in by_key.iter().enumerate() {
        if let (true, Some(&from)) = (stated(key), unstated_keys.get(&unstated(*key))) {
            stated_forms.entry(from).or_default().push(n);
        }
    }
    drop(unstated_keys);
    for (from, stated_keys) in stated_forms {
        if let [into] = stated_keys[..] {
            let members = std::mem::take(&mut by_key[from].1);
            let into = &mut by_key[into].1;
            into.extend(members);
            into.sort_unstable();
        }
    }
    by_key.retain(|(_, members)| !members.is_empty());
}

impl CrossChecker<'_> {
    /// Claims by cluster key, each key's claims in ascending order. A claim whose
    /// sentence names no year joins the claims of the same key that name one year when
    /// they name no other ("fined €4.3 billion in 2018" is another fine than this year's);
    /// then a claim whose sentence names no place joins the located claims of the same
    /// subject, predicate, target and scope when they name one country.
    ///
    /// Keys are hashed in parallel and the claims sorted by hash: a hash map filled claim
    /// by claim spent most of its time waiting for each claim's strings to come from memory.
    /// Only the hashes are kept; a key is built again where its hash is shared (keys of a
    /// million claims held at once would weigh a hundred megabytes).
    pub(super) fn group_by_key<'c>(&'c self, claims: &'c [Claim]) -> Vec<(KeyRef<'c>, Vec<usize>)> {
        let aliases = self.open_aliases(claims);
        let key_of = |i: usize| self.key_of(&claims[i], &aliases);
        let mut hashed: Vec<(u64, u32)> = (0..claims.len())
            .into_par_iter()
            .filter_map(|i| Some((FxBuildHasher.hash_one(key_of(i)?), i as u32)))
            .collect();
        hashed.par_sort_unstable();
        let mut by_key: Vec<(KeyRef, Vec<usize>)> = hashed
            .par_chunk_by(|a, b| a.0 == b.0)
            .flat_map_iter(|run| split_by_key(key_of, run))
            .collect();
        drop(hashed);
        join_unstated(
            &mut by_key,
            |k| k.year.is_some(),
            |k| KeyRef { year: None, ..k },
        );
        join_unstated(
            &mut by_key,
            |k| k.location.is_some(),
            |k| KeyRef {
                location: None,
                ..k
            },
        );
        by_key
    }

    /// Each id of an unlisted company that the claims write and the id the run gives that
    /// company ([`RunNames`]), where the two differ (`mistral` and `mistral_ai`).
    fn open_aliases<'c>(&self, claims: &'c [Claim]) -> FxHashMap<&'c str, &'c str> {
        let renames = RunNames::renames_of_claims(self.gazetteer, &self.designators, claims);
        if renames.is_empty() {
            return FxHashMap::default();
        }
        let written: FxHashMap<&str, &'c str> = claims
            .iter()
            .flat_map(|c| [c.subject.as_ref(), c.target.as_ref()])
            .flatten()
            .map(|e| (e.id.as_str(), e.id.as_str()))
            .collect();
        renames
            .pairs()
            .filter_map(|(from, to)| Some((*written.get(from)?, *written.get(to)?)))
            .collect()
    }

    /// The key of claim `c` (an unlisted company named by its short id keyed by the long
    /// one `aliases` give it); none when it names no subject.
    fn key_of<'c>(
        &'c self,
        c: &'c Claim,
        aliases: &FxHashMap<&'c str, &'c str>,
    ) -> Option<KeyRef<'c>> {
        let time = c.time.as_ref();
        let company = |id: &'c str| aliases.get(id).copied().unwrap_or(id);
        Some(KeyRef {
            subject: company(&c.subject.as_ref()?.id),
            predicate: &c.predicate,
            target: c.target.as_ref().map(|t| company(t.id.as_str())),
            location: c.location.as_ref().map(|l| self.country_of(&l.id)),
            named: c.scope.as_deref(),
            prior: time.is_some_and(|t| t.prior),
            since: time.and_then(|t| t.since),
            year: time.and_then(|t| t.year),
        })
    }

    /// The outermost place containing `id` (Mulhouse → France).
    fn country_of<'c>(&'c self, id: &'c str) -> &'c str {
        match self.gazetteer.index_of(id) {
            Some(i) => &self.gazetteer.entities[self.gazetteer.outermost(i)].id,
            None => id,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::Claim;
    use crate::claims::EntityRef;
    use crate::crosscheck::test_claims::claim;
    use crate::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
    use crate::value::TimeScope;

    #[test]
    fn a_claim_without_a_year_joins_the_only_year_its_key_names() {
        let rules = crate::RuleSet::bundled().unwrap();
        let fx = FxRates::parse("fx", BUNDLED_FX).unwrap();
        let checker = CrossChecker::new(&rules.gazetteer, fx);
        // (the years of the claims of one key, the scopes of the keys they make with
        // their claim positions)
        type Case<'a> = (&'a [Option<i32>], &'a [(&'a str, &'a [usize])]);
        let cases: [Case; 3] = [
            (&[None, Some(2022), None], &[("in 2022", &[0, 1, 2])]),
            (
                &[None, Some(2018), Some(2018), Some(2019), None],
                &[("in 2018", &[1, 2]), ("in 2019", &[3]), ("new", &[0, 4])],
            ),
            (&[None, None], &[("new", &[0, 1])]),
        ];
        for (years, want) in cases {
            let claims: Vec<Claim> = years
                .iter()
                .enumerate()
                .map(|(n, &year)| {
                    let mut c = claim(&format!("d{n}.txt"), n, "Equinix will invest.");
                    c.time = year.map(|year| TimeScope {
                        year: Some(year),
                        ..TimeScope::default()
                    });
                    c
                })
                .collect();
            let mut got: Vec<(String, Vec<usize>)> = checker
                .group_by_key(&claims)
                .into_iter()
                .map(|(key, members)| (key.to_owned().scope.to_string(), members))
                .collect();
            got.sort();
            let want: Vec<(String, Vec<usize>)> = want
                .iter()
                .map(|(s, m)| (s.to_string(), m.to_vec()))
                .collect();
            assert_eq!(got, want, "{years:?}");
        }
    }

    #[test]
    fn an_unlisted_short_id_joins_its_one_long_id_with_a_designator() {
        let rules = crate::RuleSet::bundled().unwrap();
        let fx = FxRates::parse("fx", BUNDLED_FX).unwrap();
        let checker =
            CrossChecker::new(&rules.gazetteer, fx).with_designators(rules.designator_ids());
        // (the subjects of the claims, the subjects of the keys they make)
        let cases: [(&[&str], &[&str]); 4] = [
            (&["quillon", "quillon_ai"], &["quillon_ai"]),
            (
                &["quillon", "quillon_ai", "quillon_group"],
                &["quillon", "quillon_ai", "quillon_group"],
            ),
            (
                &["orvanel", "orvanel_defence"],
                &["orvanel", "orvanel_defence"],
            ),
            (&["equinix", "equinix_ai"], &["equinix", "equinix_ai"]),
        ];
        for (subjects, want) in cases {
            let claims: Vec<Claim> = subjects
                .iter()
                .enumerate()
                .map(|(n, id)| {
                    let mut c = claim(&format!("d{n}.txt"), n, "A sentence.");
                    c.subject = Some(EntityRef {
                        id: (*id).into(),
                        text: (*id).into(),
                    });
                    c
                })
                .collect();
            let mut got: Vec<String> = checker
                .group_by_key(&claims)
                .into_iter()
                .map(|(key, _)| key.to_owned().subject.to_string())
                .collect();
            got.sort();
            assert_eq!(got, want, "{subjects:?}");
        }
    }
}
