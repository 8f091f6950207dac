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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::claims::Claim;
use crate::corpus::Skipped;
use crate::error::{Error, Result};
use crate::rules::Gazetteer;
use crate::value::{Amount, Day, Qualifier, Value};

/// Figures further apart than this ratio are different facts, not a near miss.
const CLOSE_RATIO: f64 = 3.0;
/// "about" widens a figure by at least this share of it.
const APPROX_SHARE: f64 = 0.05;
/// Two documents whose claims come from the same sentences at least this much
/// (Jaccard) are one article republished.
const DUPLICATE_SIMILARITY: f64 = 0.7;
/// Keys with more claims than this compare each distinct figure once ([`Profile`]); smaller
/// ones compare claim by claim, which costs less than finding the distinct figures.
const FEW_CLAIMS: usize = 64;

/// The bundled exchange-rate file.
pub const BUNDLED_FX: &str = include_str!("../../data/fx.toml");

/// Exchange rates of one date, for comparing currencies the text does not convert.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FxRates {
    /// The date the rates are from.
    pub date: String,
    /// The currency rates are quoted against.
    pub base: String,
    /// Relative tolerance for converted amounts.
    pub tolerance: f64,
    /// Units of each currency per unit of the base.
    pub rates: BTreeMap<String, f64>,
}

impl FxRates {
    /// Parse a rate file (`path` for messages): every rate a positive finite number, the
    /// tolerance a finite one of at least zero.
    pub fn parse(path: &str, text: &str) -> Result<FxRates> {
        let fx: FxRates = toml::from_str(text).map_err(|e| {
            Error::rule_at(path, text, e.span().map(|s| s.start), e.message(), None)
        })?;
        let bad_rate = fx.rates.iter().find(|(_, r)| !(r.is_finite() && **r > 0.0));
        let (key, message) = match bad_rate {
            Some((code, rate)) => (
                code.as_str(),
                format!("rate {rate} is not a positive number"),
            ),
            None if !(fx.tolerance.is_finite() && fx.tolerance >= 0.0) => (
                "tolerance",
                format!("tolerance {} is not a number of at least 0", fx.tolerance),
            ),
            None => return Ok(fx),
        };
        let at_line_start = text
            .match_indices(key)
            .find(|(i, _)| text[..*i].ends_with('\n') || *i == 0);
        Err(Error::rule_at(
            path,
            text,
            at_line_start.map(|(i, _)| i),
            message,
            None,
        ))
    }

    /// Units of `currency` per unit of the base currency, when the file has it.
    pub fn rate(&self, currency: &str) -> Option<f64> {
        if currency == self.base {
            Some(1.0)
        } else {
            self.rates.get(currency).copied()
        }
    }
}

/// Verdict of a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Two or more documents with incompatible values.
    Conflict,
    /// Two or more documents, all compatible.
    Agree,
    /// One document.
    Single,
}

/// What a cluster is about (the report JSON contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClusterKey {
    /// Subject id.
    pub subject: String,
    /// Predicate id.
    pub predicate: String,
    /// Target company id.
    pub target: Option<String>,
    /// Country (outermost place) id.
    pub location: Option<String>,
    /// `new`, `since 2010` or `prior`.
    pub scope: String,
}

/// A cluster key borrowed from the claims, for grouping without copying strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct KeyRef<'a> {
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
    fn to_owned(self) -> ClusterKey {
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
        }
    }
}

/// Compatible values and who holds them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// The value the group stands for.
    pub value: Value,
    /// Documents holding it.
    pub docs: Vec<String>,
    /// Claim ids.
    pub claims: Vec<String>,
}

/// Claims about one thing, with the verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    /// What it is about.
    pub key: ClusterKey,
    /// The verdict.
    pub status: Status,
    /// The reason, in one line.
    pub why: String,
    /// Mutually compatible values; a conflict has two or more.
    pub groups: Vec<Group>,
    /// Every claim id of the cluster.
    pub claims: Vec<String>,
}

/// Counts for the report's head.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReportSummary {
    /// Documents with claims, or processed.
    pub docs: usize,
    /// Documents per language.
    pub langs: BTreeMap<String, usize>,
    /// Claims cross-checked.
    pub claims: usize,
    /// Clusters.
    pub clusters: usize,
    /// Clusters whose sources agree.
    pub agree: usize,
    /// Clusters whose sources conflict.
    pub conflict: usize,
    /// Clusters with one source.
    pub single: usize,
    /// Inputs skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// Documents that republish another one (pairs), not counted as independent sources.
    pub duplicates: Vec<[String; 2]>,
}

/// The cross-check result (the report JSON contract), with the claims it rests on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Counts.
    pub summary: ReportSummary,
    /// Clusters: conflicts first, then agreements, then single-source claims.
    pub clusters: Vec<Cluster>,
    /// The claims, for their evidence.
    pub claims: Vec<Claim>,
}

/// Cross-checks claims; built once, used for any number of claim sets.
pub struct CrossChecker<'a> {
    gazetteer: &'a Gazetteer,
    fx: FxRates,
}

/// `claims` by document, then claim number (`doc#10` after `doc#9`), then id: one order
/// whatever the order of the input (claim shards merge in any order). Claims already in
/// that order (one extract run's output) are kept as they are; otherwise documents are
/// ranked once, indices are sorted by rank and number, and the claims are moved into
/// place where they are (a copy of a million claims costs more than the sort).
fn in_canonical_order(mut claims: Vec<Claim>) -> Vec<Claim> {
    let number = |c: &Claim| -> Option<u64> { c.id.rsplit_once('#')?.1.parse().ok() };
    let numbers: Vec<Option<u64>> = claims.par_iter().map(number).collect();
    let key = |i: usize| (&claims[i].doc, numbers[i], &claims[i].id);
    if (1..claims.len())
        .into_par_iter()
        .all(|i| key(i - 1) <= key(i))
    {
        return claims;
    }
    let ranks = document_ranks(&claims);
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&i, &j| {
        (ranks[i], numbers[i])
            .cmp(&(ranks[j], numbers[j]))
            .then_with(|| claims[i].id.cmp(&claims[j].id))
    });
    permute(&mut claims, order);
    claims
}

/// Each document's claims as a range of `claims`, which are in canonical order (so each
/// document's claims are consecutive).
fn documents(claims: &[Claim]) -> Vec<Range<usize>> {
    let starts: Vec<usize> = (1..claims.len())
        .into_par_iter()
        .filter(|&i| claims[i - 1].doc != claims[i].doc)
        .collect();
    let ends = starts
        .iter()
        .copied()
        .chain((!claims.is_empty()).then_some(claims.len()));
    std::iter::once(0)
        .chain(starts.iter().copied())
        .zip(ends)
        .map(|(a, b)| a..b)
        .collect()
}

/// Reorder `items` so that position `k` holds the item that was at `order[k]`, by
/// following the permutation's cycles with swaps (no second vector).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        while order[current] != start && order[current] != current {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

/// Each claim's document as its rank among the documents in name order: each name is
/// hashed once and only the distinct names are sorted.
fn document_ranks(claims: &[Claim]) -> Vec<u32> {
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let first_seen: Vec<u32> = claims
        .iter()
        .map(|c| {
            let next = index.len() as u32;
            *index.entry(c.doc.as_str()).or_insert(next)
        })
        .collect();
    let mut names: Vec<(&str, u32)> = index.into_iter().collect();
    names.sort_unstable();
    let mut rank_of = vec![0u32; names.len()];
    for (rank, (_, seen)) in names.iter().enumerate() {
        rank_of[*seen as usize] = rank as u32;
    }
    first_seen
        .into_iter()
        .map(|s| rank_of[s as usize])
        .collect()
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

impl<'a> CrossChecker<'a> {
    /// A checker using `gazetteer` for the place hierarchy and `fx` for currencies.
    pub fn new(gazetteer: &'a Gazetteer, fx: FxRates) -> Self {
        CrossChecker { gazetteer, fx }
    }

    /// Cluster `claims` and give each cluster its verdict.
    pub fn check(&self, claims: Vec<Claim>, docs: BTreeMap<String, String>) -> Report {
        let claims = in_canonical_order(claims);
        let documents = documents(&claims);
        let duplicates = near_duplicates(&claims, &documents);
        let source_of = source_map(&duplicates);
        let compared = self.prepare(&claims);
        let by_key = self.group_by_key(&claims);
        // Keys are independent: judged in parallel, then put in the report's order.
        let mut clusters: Vec<Cluster> = by_key
            .into_par_iter()
            .flat_map_iter(|(key, members)| {
                let key = key.to_owned();
                let (claims, compared, source_of) = (&claims, &compared, &source_of);
                self.families(compared, &members)
                    .into_iter()
                    .map(move |family| {
                        self.judge(key.clone(), claims, compared, &family, source_of)
                    })
            })
            .collect();
        clusters.par_sort_unstable_by(|a, b| {
            (a.status, &a.key, &a.claims).cmp(&(b.status, &b.key, &b.claims))
        });
        let summary = summarise(&claims, &documents, &clusters, docs, duplicates);
        Report {
            summary,
            clusters,
            claims,
        }
    }

    /// Claims by cluster key, each key's claims in ascending order. A claim whose
    /// sentence names no place joins the located claims of the same subject, predicate,
    /// target and scope when they name one country.
    ///
    /// Keys are hashed in parallel and the claims sorted by hash: a hash map filled claim
    /// by claim spent most of its time waiting for each claim's strings to come from memory.
    fn group_by_key<'c>(&'c self, claims: &'c [Claim]) -> Vec<(KeyRef<'c>, Vec<usize>)> {
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

    /// Each claim with its figures as compared: units numbered, and the value in the rate
    /// file's base currency, computed once rather than for every pair.
    fn prepare<'c>(&self, claims: &'c [Claim]) -> Vec<Compared<'c>> {
        let amounts = |c: &'c Claim| {
            c.value
                .amount()
                .into_iter()
                .chain(c.alt.iter().filter_map(Value::amount))
        };
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
        let units: FxHashMap<Option<&str>, u32> = names
            .iter()
            .enumerate()
            .map(|(i, &u)| (u, i as u32))
            .collect();
        let rates: Vec<Option<f64>> = names
            .iter()
            .map(|u| u.and_then(|u| self.fx.rate(u)))
            .collect();
        claims
            .par_iter()
            .map(|claim| {
                let figures: Figures = amounts(claim)
                    .map(|a| Figure::of(a, units[&a.unit.as_deref()]))
                    .collect();
                let main = claim.value.amount().is_some();
                let rate = if main {
                    rates[figures[0].unit as usize]
                } else {
                    None
                };
                Compared {
                    claim,
                    base: rate
                        .map(|r| figures[0].in_base(r))
                        .filter(|(amount, _)| amount.is_finite()),
                    figures,
                    main,
                    rate,
                }
            })
            .collect()
    }

    /// Split the claims of one key into families of related figures (union-find). Claims
    /// with one [`Profile`] that are related to each other are one node, so a key of
    /// thousands of claims with a few distinct figures costs a few comparisons, not
    /// millions. An edge joins two nodes when some claim of the first, compared with a
    /// later claim of the second (or the other way round), is related to it: the
    /// families are those of comparing every pair in order.
    fn families(&self, claims: &[Compared], members: &[usize]) -> Vec<Vec<usize>> {
        let nodes = self.nodes(claims, members);
        let mut parent: Vec<usize> = (0..nodes.span.len()).collect();
        fn find(p: &mut [usize], i: usize) -> usize {
            let mut r = i;
            while p[r] != r {
                r = p[r];
            }
            let mut i = i;
            while p[i] != r {
                (p[i], i) = (r, p[i]);
            }
            r
        }
        // Some claim of node `x` comes before some claim of node `y`, and their first
        // claims (standing for the rest) are related.
        let related = |(x_first, _): (usize, usize), (y_first, y_last): (usize, usize)| {
            x_first < y_last && self.related(&claims[members[x_first]], &claims[members[y_first]])
        };
        // Unions happen only here: `a`'s root changes only when it is joined, and once
        // every node is in one family, nothing is left to compare.
        let mut families_left = parent.len();
        for (a, &u) in nodes.span.iter().enumerate() {
            let mut ra = find(&mut parent, a);
            for (b, &v) in nodes.span.iter().enumerate().skip(a + 1) {
                if families_left == 1 {
                    break;
                }
                // Nodes already in one family need no comparing.
                let rb = find(&mut parent, b);
                if ra != rb && (related(u, v) || related(v, u)) {
                    parent[ra] = rb;
                    ra = rb;
                    families_left -= 1;
                }
            }
        }
        // Positions in ascending order: each family comes out sorted.
        let mut family_of_root = vec![usize::MAX; parent.len()];
        let mut families: Vec<Vec<usize>> = Vec::new();
        for (&node, &member) in nodes.of.iter().zip(members) {
            let root = find(&mut parent, node);
            if family_of_root[root] == usize::MAX {
                family_of_root[root] = families.len();
                families.push(Vec::new());
            }
            families[family_of_root[root]].push(member);
        }
        families
    }

    /// The members of a key as nodes of the family graph: in a key of more than
    /// [`FEW_CLAIMS`], one node per profile whose claims are related to each other ("0" is
    /// not related to "0"); one per claim otherwise.
    fn nodes(&self, claims: &[Compared], members: &[usize]) -> Nodes {
        let mut nodes = Nodes {
            of: Vec::with_capacity(members.len()),
            span: Vec::with_capacity(members.len()),
        };
        let mut node_of: FxHashMap<Profile, usize> = FxHashMap::default();
        for (position, &m) in members.iter().enumerate() {
            let claim = &claims[m];
            if members.len() > FEW_CLAIMS {
                let profile = claim.profile();
                if let Some(&n) = node_of.get(&profile) {
                    nodes.of.push(n);
                    nodes.span[n].1 = position;
                    continue;
                }
                if self.related(claim, claim) {
                    node_of.insert(profile, nodes.span.len());
                }
            }
            nodes.of.push(nodes.span.len());
            nodes.span.push((position, position));
        }
        nodes
    }

    /// Whether two claims speak of the same figure (agreeing or not).
    fn related(&self, a: &Compared, b: &Compared) -> bool {
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
        })
    }

    /// Whether two claims can both be true.
    fn compatible(&self, a: &Compared, b: &Compared) -> bool {
        match (&a.claim.value, &b.claim.value) {
            (Value::Date(x), Value::Date(y)) => days_agree(x, y),
            _ => {
                !same_digits_other_currency(a, b)
                    && self.any_pair(a, b, |x, y| intersects(&x.range, &y.range))
            }
        }
    }

    /// Partition a family into compatible groups and give the verdict.
    fn judge(
        &self,
        key: ClusterKey,
        claims: &[Claim],
        compared: &[Compared],
        family: &[usize],
        source_of: &HashMap<String, String>,
    ) -> Cluster {
        let (groups, distinct) = self.groups(compared, family);
        let mut sources: Vec<&String> = family
            .iter()
            .map(|&i| source_of.get(&claims[i].doc).unwrap_or(&claims[i].doc))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let conflict = groups.len() > 1 && self.groups_conflict(compared, &groups, &distinct);
        let status = if conflict {
            Status::Conflict
        } else if sources.len() > 1 {
            Status::Agree
        } else {
            Status::Single
        };
        let groups: Vec<Group> = groups.iter().map(|g| make_group(claims, g)).collect();
        let why = explain(status, &groups, family, claims, source_of);
        Cluster {
            key,
            status,
            why,
            claims: family.iter().map(|&i| claims[i].id.clone()).collect(),
            groups,
        }
    }

    /// Partition a family into groups: each claim joins the first group whose every claim
    /// it is compatible with. Returns the groups and, for each, its first claim of each
    /// [`Profile`]: a claim is compatible with a whole group when it is with those. In a
    /// family of more than [`FEW_CLAIMS`], a claim with the profile of an earlier one that
    /// was compatible with itself is only compared with what its group gained since (the
    /// rest gave the earlier one its answer).
    fn groups(
        &self,
        compared: &[Compared],
        family: &[usize],
    ) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut distinct: Vec<Vec<usize>> = Vec::new();
        let mut shared: Vec<Option<SharedRange>> = Vec::new();
        // Per profile: its group, and how many of the group's profiles it was compared with.
        let mut joined: FxHashMap<Profile, (usize, usize)> = FxHashMap::default();
        for &i in family {
            let claim = &compared[i];
            let compatible = |j: &usize| self.compatible(claim, &compared[*j]);
            let profile = (family.len() > FEW_CLAIMS).then(|| claim.profile());
            let known = profile
                .and_then(|p| joined.get(&p))
                .filter(|&&(g, seen)| distinct[g][seen..].iter().all(compatible))
                .map(|&(g, _)| g);
            let sole = sole_figure(claim);
            let fits = |g: usize| match (shared[g], sole) {
                (Some(range), Some(figure)) if range.unit == figure.unit => {
                    range.meets(figure.range)
                }
                _ => distinct[g].iter().all(compatible),
            };
            let g = match known {
                Some(g) => g,
                None => {
                    let found = (0..groups.len()).find(|&g| fits(g));
                    let g = found.unwrap_or_else(|| {
                        groups.push(Vec::new());
                        distinct.push(Vec::new());
                        shared.push(sole.map(SharedRange::of));
                        groups.len() - 1
                    });
                    shared[g] = shared[g].and_then(|range| range.narrowed(sole?));
                    // New to the group: a claim of its profile there would have failed the
                    // comparison (an earlier one is either compatible with itself and
                    // known, or incompatible with this one).
                    distinct[g].push(i);
                    g
                }
            };
            groups[g].push(i);
            if let Some(profile) = profile {
                if self.compatible(claim, claim) {
                    joined.insert(profile, (g, distinct[g].len()));
                } else {
                    joined.remove(&profile);
                }
            }
        }
        (groups, distinct)
    }

    /// Incompatible groups conflict when they are a near miss: the same digits under
    /// another currency or scale (even inside one article), or close values from
    /// different articles that no article states side by side (figures one article
    /// states together are distinct facts).
    ///
    /// Claims of one profile in one group compare alike, so only `distinct` (each group's
    /// first claim of each profile) are compared: within the pairs of groups sharing no
    /// document, every claim is from another document than every other.
    fn groups_conflict(
        &self,
        claims: &[Compared],
        groups: &[Vec<usize>],
        distinct: &[Vec<usize>],
    ) -> bool {
        let docs_of = |g: &Vec<usize>| -> Vec<&str> {
            let mut docs: Vec<&str> = g.iter().map(|&i| claims[i].claim.doc.as_str()).collect();
            docs.sort_unstable();
            docs
        };
        let near_miss = |a: &Compared, b: &Compared, side_by_side: bool| {
            same_digits_other_currency(a, b)
                || same_digits_other_scale(a, b)
                || (a.claim.doc != b.claim.doc && !side_by_side && self.close(a, b))
        };
        let docs: Vec<Vec<&str>> = groups.iter().map(docs_of).collect();
        (0..groups.len()).any(|i| {
            (i + 1..groups.len()).any(|j| {
                let side_by_side = common(&docs[i], &docs[j], 1) > 0;
                distinct[i].iter().any(|&a| {
                    distinct[j]
                        .iter()
                        .any(|&b| near_miss(&claims[a], &claims[b], side_by_side))
                })
            })
        })
    }

    fn close(&self, a: &Compared, b: &Compared) -> bool {
        match (&a.claim.value, &b.claim.value) {
            (Value::Date(_), Value::Date(_)) => true,
            _ => self.any_pair(a, b, |x, y| ratio(x.amount, y.amount) < CLOSE_RATIO),
        }
    }
}

/// The nodes of a key's family graph, over the positions of the key's claims.
struct Nodes {
    /// The node of each position.
    of: Vec<usize>,
    /// Each node's first and last position.
    span: Vec<(usize, usize)>,
}

/// The intersection of the ranges of a group's distinct claims, while each is one
/// figure in one unit. Ranges that meet pairwise meet all together (intervals), so a
/// claim of one figure in that unit is compatible with every claim of the group exactly
/// when its range meets this one: a group of thousands of claims is judged at once.
#[derive(Debug, Clone, Copy)]
struct SharedRange {
    unit: u32,
    range: (f64, f64),
}

impl SharedRange {
    fn of(figure: Figure) -> SharedRange {
        SharedRange {
            unit: figure.unit,
            range: figure.range,
        }
    }

    /// Whether `range` meets the shared range, as [`intersects`] compares two ranges.
    fn meets(&self, range: (f64, f64)) -> bool {
        intersects(&self.range, &range)
    }

    /// The shared range once a claim of `figure` joins; none when its unit is another.
    fn narrowed(self, figure: Figure) -> Option<SharedRange> {
        (figure.unit == self.unit).then(|| SharedRange {
            unit: self.unit,
            range: (
                self.range.0.max(figure.range.0),
                self.range.1.min(figure.range.1),
            ),
        })
    }
}

/// A claim's value when it is its only figure (no stated conversion) and its range is a
/// number on both sides: what [`SharedRange`] can stand for.
fn sole_figure(claim: &Compared) -> Option<Figure> {
    let [figure] = claim.figures[..] else {
        return None;
    };
    let numeric = !figure.range.0.is_nan() && !figure.range.1.is_nan();
    (claim.main && numeric).then_some(figure)
}

/// Everything of a claim that comparing it looks at: two claims with one profile compare
/// alike with every claim. Figures are equal bit for bit.
#[derive(Clone, Copy)]
struct Profile<'c> {
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
    fn profile(&self) -> Profile<'_> {
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
struct Compared<'c> {
    claim: &'c Claim,
    /// The value (when it is an amount), then its stated conversions.
    figures: Figures,
    /// The value is an amount: it is `figures[0]`.
    main: bool,
    /// The rate of the value's currency in the rate file.
    rate: Option<f64>,
    /// The value and its range in the rate file's base currency.
    base: Option<(f64, (f64, f64))>,
}

/// A claim's figures: nearly always one, kept inline.
type Figures = SmallVec<[Figure; 1]>;

/// An amount as compared: unit (numbered per check), value and range.
#[derive(Debug, Clone, Copy)]
struct Figure {
    unit: u32,
    amount: f64,
    /// The amount's leading digits, as [`mantissa`] reads them.
    digits: f64,
    range: (f64, f64),
}

impl Figure {
    fn of(a: &Amount, unit: u32) -> Figure {
        Figure {
            unit,
            amount: a.amount,
            digits: mantissa(a.amount),
            range: interval(a),
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
fn common<T: Ord>(a: &[T], b: &[T], enough: usize) -> usize {
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
/// is above 3,000, "up to 3,000" at most 3,000).
fn interval(a: &Amount) -> (f64, f64) {
    let p = a.precision.unwrap_or_else(|| default_precision(a.amount));
    let v = a.amount;
    match a.qualifier {
        Qualifier::Exact => (v - p, v + p),
        Qualifier::MoreThan => (v, f64::INFINITY),
        Qualifier::AtLeast => (v - p, f64::INFINITY),
        Qualifier::LessThan => (a.min.unwrap_or(0.0), v),
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

/// Whether two ranges share more than a boundary point: "1.2" (1.15–1.25) and "1.3"
/// (1.25–1.35) do not; "up to 3,000" and "more than 3,000" do not.
fn intersects(a: &(f64, f64), b: &(f64, f64)) -> bool {
    a.0.max(b.0) < a.1.min(b.1)
}

/// The leading digits of `v`, in thousands steps, to three decimals (1.2e9 → 1.2); a value
/// that is not finite is its own.
fn mantissa(v: f64) -> f64 {
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
fn same_digits_other_currency(a: &Compared, b: &Compared) -> bool {
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

/// "€15.7 million" against "€15.7 billion".
fn same_digits_other_scale(a: &Compared, b: &Compared) -> bool {
    if !(a.main && b.main) || a.claim.value.kind() != b.claim.value.kind() {
        return false;
    }
    let (x, y) = (&a.figures[0], &b.figures[0]);
    x.unit == y.unit && ratio(x.amount, y.amount) >= 999.0 && same_digits(x, y)
}

fn days_agree(a: &Day, b: &Day) -> bool {
    let weekday = |d: &Day| {
        d.weekday
            .clone()
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

/// The weekday of an ISO date with a year (`2024-05-12` → sunday).
pub fn weekday_of(date: &str) -> Option<String> {
    let mut parts = date.split('-');
    let (y, m, d): (i64, i64, i64) = (
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    );
    // Days since 1970-01-01 (a Thursday), by the civil-from-days inverse (H. Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    const NAMES: [&str; 7] = [
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
    ];
    Some(NAMES[days.rem_euclid(7) as usize].to_string())
}

fn make_group(claims: &[Claim], members: &[usize]) -> Group {
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
    let mut docs: Vec<&str> = members.iter().map(|&i| claims[i].doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    Group {
        value: without_text(representative),
        docs: docs.into_iter().map(str::to_string).collect(),
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

fn explain(
    status: Status,
    groups: &[Group],
    family: &[usize],
    claims: &[Claim],
    source_of: &HashMap<String, String>,
) -> String {
    let list = |separator: &str| {
        let mut out = String::new();
        for (i, g) in groups.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(&describe_value(&g.value));
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
    };
    let mut why = match status {
        Status::Conflict => format!("{}: {}", list(" against "), conflict_reason(groups)),
        Status::Agree => {
            let langs: BTreeSet<&str> = family.iter().map(|&i| claims[i].lang.as_str()).collect();
            let langs: Vec<&str> = langs.into_iter().collect();
            format!("{} in {}: compatible", list("; "), langs.join(", "))
        }
        Status::Single => format!("{}: one source", list("; ")),
    };
    let conversions: Vec<String> = family
        .iter()
        .flat_map(|&i| claims[i].alt.iter().map(move |a| (i, a)))
        .map(|(i, a)| {
            format!(
                "{} in {} is its stated conversion",
                describe_value(a),
                claims[i].doc
            )
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !conversions.is_empty() {
        why.push_str(&format!("; {}", conversions.join("; ")));
    }
    let republished: BTreeSet<String> = family
        .iter()
        .filter_map(|&i| {
            source_of
                .get(&claims[i].doc)
                .map(|s| format!("{} republishes {s}", claims[i].doc))
        })
        .collect();
    if !republished.is_empty() {
        let list: Vec<String> = republished.into_iter().collect();
        why.push_str(&format!("; {} (counted once)", list.join(", ")));
    }
    why
}

fn conflict_reason(groups: &[Group]) -> &'static str {
    let units: BTreeSet<Option<&String>> = groups
        .iter()
        .map(|g| g.value.amount().and_then(|a| a.unit.as_ref()))
        .collect();
    let days = groups.iter().all(|g| matches!(g.value, Value::Date(_)));
    if days {
        "different days"
    } else if units.len() > 1 {
        "same figure, two currencies"
    } else {
        let amounts: Vec<&Amount> = groups.iter().filter_map(|g| g.value.amount()).collect();
        let same_number = amounts.windows(2).any(|w| w[0].amount == w[1].amount);
        let other_scale = amounts.windows(2).any(|w| {
            w[0].amount != 0.0
                && w[0].amount != w[1].amount
                && mantissa(w[0].amount) == mantissa(w[1].amount)
        });
        if same_number {
            "same number, incompatible qualifiers"
        } else if other_scale {
            "same digits, two scales"
        } else {
            "close but incompatible figures"
        }
    }
}

/// Pairs of documents whose claims come from the same sentences: a republished article
/// (at least two shared, and a Jaccard similarity of their sentence sets of at least
/// [`DUPLICATE_SIMILARITY`]). Sentences are compared by a hash of their words (case and
/// spacing ignored). Only documents sharing one of their rarest sentences are compared
/// (prefix filtering: two sets that similar must share one of the first
/// `|A| - ⌈t·|A|⌉ + 1` of their sentences in an order of rising frequency), so a sentence
/// that thousands of documents repeat costs nothing. `claims` are in canonical order, so
/// each document's claims are consecutive.
fn near_duplicates(claims: &[Claim], documents: &[Range<usize>]) -> Vec<[String; 2]> {
    let sets = SentenceSets::of(claims, documents);
    let mut postings: Vec<(u64, u32)> = (0..documents.len())
        .into_par_iter()
        .fold(Vec::new, |mut postings, d| {
            sets.push_rarest(d, &mut postings);
            postings
        })
        .flatten_iter()
        .collect();
    postings.par_sort_unstable();
    let mut candidates: Vec<(u32, u32)> = postings
        .par_chunk_by(|a, b| a.0 == b.0)
        .flat_map_iter(|run| {
            run.iter().enumerate().flat_map(move |(k, &(_, later))| {
                run[..k].iter().map(move |&(_, earlier)| (earlier, later))
            })
        })
        .collect();
    candidates.par_sort_unstable();
    candidates.dedup();
    let name = |d: u32| claims[documents[d as usize].start].doc.as_str();
    let mut pairs: Vec<[&str; 2]> = candidates
        .into_par_iter()
        .filter(|&(a, b)| similar(sets.of_document(a), sets.of_document(b)))
        .map(|(a, b)| {
            let (a, b) = (name(a), name(b));
            if a < b {
                [a, b]
            } else {
                [b, a]
            }
        })
        .collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|p| p.map(str::to_string)).collect()
}

/// Each document's sentences as sorted, distinct hashes, one list after the other, and
/// how many documents hold each.
struct SentenceSets {
    /// How many documents hold the sentence of each entry.
    frequency: Vec<u32>,
    /// Each document's entries.
    spans: Vec<Range<usize>>,
    /// The entries' hashes alone, for comparing sets.
    hashes: Vec<u64>,
}

impl SentenceSets {
    fn of(claims: &[Claim], documents: &[Range<usize>]) -> SentenceSets {
        let hashes: Vec<u64> = claims
            .par_iter()
            .map_init(String::new, |words, c| {
                sentence_hash(&c.evidence.text, words)
            })
            .collect();
        let mut entries: Vec<(u32, u64)> = documents
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, run)| hashes[run.clone()].iter().map(move |&h| (d as u32, h)))
            .collect();
        entries.par_sort_unstable();
        entries.dedup();
        let mut by_hash: Vec<(u64, u32)> = entries
            .par_iter()
            .enumerate()
            .map(|(e, &(_, h))| (h, e as u32))
            .collect();
        by_hash.par_sort_unstable();
        let mut frequency = vec![0u32; entries.len()];
        for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
            for &(_, e) in run {
                frequency[e as usize] = run.len() as u32;
            }
        }
        let mut spans = vec![0..0; documents.len()];
        let mut start = 0;
        for run in entries.chunk_by(|a, b| a.0 == b.0) {
            spans[run[0].0 as usize] = start..start + run.len();
            start += run.len();
        }
        let hashes = entries.iter().map(|&(_, h)| h).collect();
        SentenceSets {
            frequency,
            spans,
            hashes,
        }
    }

    /// Document `d`'s sorted sentence hashes.
    fn of_document(&self, d: u32) -> &[u64] {
        &self.hashes[self.spans[d as usize].clone()]
    }

    /// Push (hash, `d`) for the prefix of document `d`'s rarest sentences that any set
    /// similar enough to it must share one of; nothing for a document of one sentence.
    fn push_rarest(&self, d: usize, postings: &mut Vec<(u64, u32)>) {
        let span = self.spans[d].clone();
        if span.len() < 2 {
            return;
        }
        let needed = (DUPLICATE_SIMILARITY * span.len() as f64 - 1e-9)
            .ceil()
            .max(1.0) as usize;
        let mut rarest: SmallVec<[usize; 16]> = span.collect();
        rarest.sort_unstable_by_key(|&e| (self.frequency[e], self.hashes[e]));
        let prefix = rarest.len() - needed + 1;
        postings.extend(rarest[..prefix].iter().map(|&e| (self.hashes[e], d as u32)));
    }
}

/// Whether two sorted sentence sets share at least two sentences and
/// [`DUPLICATE_SIMILARITY`] of their union.
fn similar(a: &[u64], b: &[u64]) -> bool {
    let shared = common(a, b, usize::MAX);
    let union = a.len() + b.len() - shared;
    shared >= 2 && shared as f64 / union as f64 >= DUPLICATE_SIMILARITY
}

/// A hash of a sentence's words, ignoring case and spacing; `words` is scratch space.
fn sentence_hash(s: &str, words: &mut String) -> u64 {
    use std::hash::{Hash, Hasher};
    words.clear();
    for word in s.split_whitespace() {
        if word.is_ascii() {
            words.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            words.extend(word.chars().flat_map(char::to_lowercase));
        }
        words.push(' ');
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

/// For each republishing document, the document it republishes (the first by name).
fn source_map(duplicates: &[[String; 2]]) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for [a, b] in duplicates {
        let root = out.get(a).cloned().unwrap_or_else(|| a.clone());
        out.entry(b.clone()).or_insert(root);
    }
    out
}

/// The summary of a report. `documents` (runs of claims in canonical order) are distinct
/// documents; `docs` lists every document read, with its language, claims or not.
fn summarise(
    claims: &[Claim],
    documents: &[Range<usize>],
    clusters: &[Cluster],
    docs: BTreeMap<String, String>,
    duplicates: Vec<[String; 2]>,
) -> ReportSummary {
    let unlisted: Vec<&str> = documents
        .par_iter()
        .map(|run| &claims[run.start])
        .filter(|first| !docs.contains_key(&first.doc))
        .map(|first| first.lang.as_str())
        .collect();
    let mut per_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for lang in docs
        .values()
        .map(String::as_str)
        .chain(unlisted.iter().copied())
    {
        *per_lang.entry(lang).or_default() += 1;
    }
    let langs = per_lang
        .into_iter()
        .map(|(lang, n)| (lang.to_string(), n))
        .collect();
    let count = |s: Status| clusters.iter().filter(|c| c.status == s).count();
    ReportSummary {
        docs: docs.len() + unlisted.len(),
        langs,
        claims: claims.len(),
        clusters: clusters.len(),
        agree: count(Status::Agree),
        conflict: count(Status::Conflict),
        single: count(Status::Single),
        skipped: Vec::new(),
        duplicates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A claim of `doc` resting on `sentence`.
    fn claim(doc: &str, n: usize, sentence: &str) -> Claim {
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

    /// Claims of one key with figures drawn from a fixed-seed generator: close and
    /// distant amounts, every qualifier, two currencies, some with a stated conversion,
    /// and, when `counts`, job counts.
    fn drawn_figures(n: usize, counts: bool) -> Vec<Claim> {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        let qualifiers = [
            "exact",
            "more_than",
            "at_least",
            "less_than",
            "up_to",
            "approx",
        ];
        (0..n)
            .map(|i| {
                let amount = (next(30) + 1) as f64 * 1e8;
                let unit = ["EUR", "EUR", "EUR", "USD"][next(4) as usize];
                let qualifier = qualifiers[next(6) as usize];
                let precision = [5e7, 5e6][next(2) as usize];
                let alt = if next(8) == 0 {
                    serde_json::json!([{"kind": "money", "amount": amount * 1.1, "unit": "USD",
                                        "qualifier": "exact", "text": ""}])
                } else {
                    serde_json::json!([])
                };
                let mut c = claim(&format!("doc_{:03}.txt", next(40)), i, "A sentence.");
                c.id = format!("{}#{i}", c.doc);
                // A quarter are job counts: a family apart from the amounts of money.
                let (kind, amount, unit) = match next(4) {
                    0 if counts => ("count", amount / 1e6, "jobs"),
                    _ => ("money", amount, unit),
                };
                c.value = serde_json::from_value(serde_json::json!({
                    "kind": kind, "amount": amount, "unit": unit, "qualifier": qualifier,
                    "precision": precision, "text": ""
                }))
                .unwrap();
                if kind == "money" {
                    c.alt = serde_json::from_value(alt).unwrap();
                }
                c
            })
            .collect()
    }

    #[test]
    fn groups_and_families_are_those_of_comparing_claim_by_claim() {
        let rules = crate::RuleSet::bundled().unwrap();
        let checker =
            CrossChecker::new(&rules.gazetteer, FxRates::parse("fx", BUNDLED_FX).unwrap());
        // Below and above FEW_CLAIMS (claim by claim, then by profile); with job counts
        // (two families or more) and without (one).
        for (n, counts) in [(40, true), (300, true), (300, false)] {
            let claims = drawn_figures(n, counts);
            let compared = checker.prepare(&claims);
            let all: Vec<usize> = (0..n).collect();
            // Groups: each claim joins the first group all of whose claims it is
            // compatible with.
            let mut expected: Vec<Vec<usize>> = Vec::new();
            for i in 0..n {
                let fits = |g: &Vec<usize>| {
                    g.iter()
                        .all(|&j| checker.compatible(&compared[i], &compared[j]))
                };
                match expected.iter_mut().find(|g| fits(g)) {
                    Some(g) => g.push(i),
                    None => expected.push(vec![i]),
                }
            }
            assert_eq!(checker.groups(&compared, &all).0, expected, "{n} claims");
            // Families: the connected parts of "related", each in claim order.
            let mut family: Vec<usize> = (0..n).collect();
            for i in 0..n {
                for j in i + 1..n {
                    if checker.related(&compared[i], &compared[j]) {
                        let (from, into) = (family[i], family[j]);
                        family
                            .iter_mut()
                            .filter(|f| **f == from)
                            .for_each(|f| *f = into);
                    }
                }
            }
            let mut expected: Vec<Vec<usize>> = Vec::new();
            for i in 0..n {
                match expected.iter_mut().find(|f| family[f[0]] == family[i]) {
                    Some(f) => f.push(i),
                    None => expected.push(vec![i]),
                }
            }
            let mut families = checker.families(&compared, &all);
            families.sort();
            expected.sort();
            assert_eq!(families, expected, "{n} claims");
            assert_eq!(expected.len() > 1, counts, "{n} claims");
        }
    }

    #[test]
    fn republished_documents_are_found_and_shared_boilerplate_is_not_enough() {
        let mut claims = Vec::new();
        // 300 documents repeat two boilerplate sentences, each with one of its own.
        for d in 0..300 {
            let doc = format!("outlet_{d:03}.txt");
            claims.push(claim(&doc, 0, "The company said so on Monday."));
            claims.push(claim(&doc, 1, "It   did not   say more."));
            claims.push(claim(&doc, 2, &format!("Sentence {d} of its own.")));
            claims.push(claim(&doc, 3, &format!("Another sentence {d} of its own.")));
        }
        // A copy of outlet_007, case and spacing changed, and one with a sentence more.
        for (doc, extra) in [("copy_a.txt", None), ("copy_b.txt", Some("A new line."))] {
            claims.push(claim(doc, 0, "the company said so on monday."));
            claims.push(claim(doc, 1, "It did not say more."));
            claims.push(claim(doc, 2, "Sentence 7 of its own."));
            claims.push(claim(doc, 3, "Another  sentence 7 of its own."));
            claims.extend(extra.map(|s| claim(doc, 4, s)));
        }
        let claims = in_canonical_order(claims);
        let pairs: Vec<[String; 2]> = near_duplicates(&claims, &documents(&claims));
        let expected = [
            ["copy_a.txt", "copy_b.txt"],
            ["copy_a.txt", "outlet_007.txt"],
            ["copy_b.txt", "outlet_007.txt"],
        ];
        assert_eq!(pairs, expected.map(|p| p.map(str::to_string)));
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let cases: [&[usize]; 5] = [&[], &[0], &[1, 0], &[2, 0, 1], &[3, 1, 4, 0, 2]];
        for order in cases {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            permute(&mut items, order.to_vec());
            let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            assert_eq!(items, expected, "order {order:?}");
        }
    }

    #[test]
    fn rate_files_with_a_rate_or_tolerance_that_is_no_positive_number_are_refused() {
        let file = |rate: &str, tolerance: &str| {
            format!(
                "date = \"2026-01-01\"\nbase = \"EUR\"\ntolerance = {tolerance}\n\
                 [rates]\nUSD = 1.1\nGBP = {rate}\n"
            )
        };
        assert!(FxRates::parse("fx.toml", &file("0.85", "0.05")).is_ok());
        for (rate, tolerance, line) in [
            ("0", "0.05", 6),
            ("-1", "0.05", 6),
            ("inf", "0.05", 6),
            ("nan", "0.05", 6),
            ("0.85", "nan", 3),
            ("0.85", "-0.1", 3),
        ] {
            let err = FxRates::parse("fx.toml", &file(rate, tolerance)).unwrap_err();
            let said = err.to_string();
            assert!(
                said.contains(&format!("fx.toml:{line}")),
                "{rate} {tolerance}: {said}"
            );
        }
    }

    #[test]
    fn figures_beyond_what_a_number_holds_have_their_own_digits() {
        assert_eq!(mantissa(1.2e9), 1.2);
        assert!(mantissa(f64::INFINITY).is_infinite());
        assert!(mantissa(f64::NAN).is_nan());
    }

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
            text: String::new(),
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
    }
}
