//! Cluster keys: what a claim is about (subject, predicate, target, country and scope),
//! and the claims of a check split by key. Keys are hashed, not compared pairwise, so the
//! cost grows linearly with the number of claims.

use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::model::ClusterKey;
use super::CrossChecker;
use crate::claims::Claim;

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
}

impl KeyRef<'_> {
    /// The key as reported: the scope reads `new`, `since 2010`, `prior`,
    /// `construction`, or `construction, prior`.
    pub(super) fn to_owned(self) -> ClusterKey {
        let time = match (self.prior, self.since) {
            (true, _) => Some("prior".to_string()),
            (false, Some(y)) => Some(format!("since {y}")),
            (false, None) => None,
        };
        let scope = match (self.named, time) {
            (Some(s), Some(t)) => format!("{s}, {t}"),
            (Some(s), None) => s.to_string(),
            (None, Some(t)) => t,
            (None, None) => "new".to_string(),
        };
        ClusterKey {
            subject: self.subject.to_string(),
            predicate: self.predicate.to_string(),
            target: self.target.map(str::to_string),
            location: self.location.map(str::to_string),
            scope,
            story: None,
        }
    }
}

/// The claims of one run of equal hashes (ascending positions), split by key: keys of
/// one hash are nearly always equal, but a collision must not merge two clusters.
fn split_by_key<'c>(
    keys: &[Option<KeyRef<'c>>],
    run: &[(u64, u32)],
) -> Vec<(KeyRef<'c>, Vec<usize>)> {
    let mut out: Vec<(KeyRef, Vec<usize>)> = Vec::with_capacity(1);
    for &(_, i) in run {
        let key = keys[i as usize].expect("only claims with a key are hashed");
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i as usize),
            None => out.push((key, vec![i as usize])),
        }
    }
    out
}

/// Move the claims of each key without a place into the key of the same subject,
/// predicate, target and scope that is placed, when there is one country only.
fn place_unplaced(by_key: &mut Vec<(KeyRef, Vec<usize>)>) {
    let unplaced: FxHashMap<KeyRef, usize> = by_key
        .iter()
        .enumerate()
        .filter(|(_, (key, _))| key.location.is_none())
        .map(|(n, (key, _))| (*key, n))
        .collect();
    if unplaced.is_empty() {
        return;
    }
    // Each placed key has one unplaced form, so the moves are independent.
    let mut placed_forms: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (n, (key, _)) in by_key.iter().enumerate() {
        let form = KeyRef {
            location: None,
            ..*key
        };
        if let (Some(_), Some(&from)) = (key.location, unplaced.get(&form)) {
            placed_forms.entry(from).or_default().push(n);
        }
    }
    for (from, placed) in placed_forms {
        if let [placed] = placed[..] {
            let members = std::mem::take(&mut by_key[from].1);
            let into = &mut by_key[placed].1;
            into.extend(members);
            into.sort_unstable();
        }
    }
    by_key.retain(|(_, members)| !members.is_empty());
}

impl CrossChecker<'_> {
    /// Claims by cluster key, each key's claims in ascending order. A claim whose
    /// sentence names no place joins the located claims of the same subject, predicate,
    /// target and scope when they name one country.
    ///
    /// Keys are hashed in parallel and the claims sorted by hash: a hash map filled claim
    /// by claim spent most of its time waiting for each claim's strings to come from memory.
    pub(super) fn group_by_key<'c>(&'c self, claims: &'c [Claim]) -> Vec<(KeyRef<'c>, Vec<usize>)> {
        let (keys, hashes): (Vec<Option<KeyRef>>, Vec<u64>) = claims
            .par_iter()
            .map(|c| {
                let key = self.key_of(c);
                (key, key.map_or(0, |k| FxBuildHasher.hash_one(k)))
            })
            .unzip();
        let mut hashed: Vec<(u64, u32)> = (0..claims.len())
            .into_par_iter()
            .filter(|&i| keys[i].is_some())
            .map(|i| (hashes[i], i as u32))
            .collect();
        hashed.par_sort_unstable();
        let mut by_key: Vec<(KeyRef, Vec<usize>)> = hashed
            .par_chunk_by(|a, b| a.0 == b.0)
            .flat_map_iter(|run| split_by_key(&keys, run))
            .collect();
        place_unplaced(&mut by_key);
        by_key
    }

    /// The key of claim `c`; none when it names no subject.
    fn key_of<'c>(&'c self, c: &'c Claim) -> Option<KeyRef<'c>> {
        let time = c.time.as_ref();
        Some(KeyRef {
            subject: &c.subject.as_ref()?.id,
            predicate: &c.predicate,
            target: c.target.as_ref().map(|t| t.id.as_str()),
            location: c.location.as_ref().map(|l| self.country_of(&l.id)),
            named: c.scope.as_deref(),
            prior: time.is_some_and(|t| t.prior),
            since: time.and_then(|t| t.since),
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
