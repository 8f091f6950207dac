//! The claims of one key split into *families* of related figures (within a factor of
//! three, or the same digits under another currency or scale: each family is a cluster),
//! and a family split into *groups* of mutually compatible values, with whether those
//! groups conflict. Claims that compare alike ([`Profile`]) are compared once, so a key of
//! thousands of claims with a few distinct figures costs a few comparisons.

use rustc_hash::FxHashMap;

use super::compare::{
    common, intersects, same_digits_other_currency, same_digits_other_scale,
    same_number_other_qualifier, Compared, Figure, Profile,
};
use super::duplicates::Sources;
use super::CrossChecker;

/// Keys with more claims than this compare each distinct figure once ([`Profile`]); smaller
/// ones compare claim by claim, which costs less than finding the distinct figures.
const FEW_CLAIMS: usize = 64;

impl CrossChecker<'_> {
    /// Split the claims of one key into families of related figures (union-find). Claims
    /// with one [`Profile`] that are related to each other are one node, so a key of
    /// thousands of claims with a few distinct figures costs a few comparisons, not
    /// millions. An edge joins two nodes when some claim of the first, compared with a
    /// later claim of the second (or the other way round), is related to it: the
    /// families are those of comparing every pair in order.
    pub(super) fn families(&self, claims: &[Compared], members: &[usize]) -> Vec<Vec<usize>> {
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

    /// Partition a family into groups: each claim joins the first group whose every claim
    /// it is compatible with, among those of figures close to its own if there is one. Returns the groups and, for each, its first claim of each
    /// [`Profile`]: a claim is compatible with a whole group when it is with those. In a
    /// family of more than [`FEW_CLAIMS`], a claim with the profile of an earlier one that
    /// was compatible with itself is only compared with what its group gained since (the
    /// rest gave the earlier one its answer).
    pub(super) fn groups(
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
            // A group of figures close to this one before a group it merely fits: "up to
            // €15 billion" joins "€15 billion", not "€15 million".
            let close_to = |first: usize| self.close(claim, &compared[first]);
            let g = match known {
                Some(g) => g,
                None => {
                    let found = (0..groups.len())
                        .find(|&g| close_to(distinct[g][0]) && fits(g))
                        .or_else(|| (0..groups.len()).find(|&g| fits(g)));
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
                // Known for the next claim of its profile only where the search would
                // find this group again while it fits: one close to the figure.
                if self.compatible(claim, claim) && close_to(distinct[g][0]) {
                    joined.insert(profile, (g, distinct[g].len()));
                } else {
                    joined.remove(&profile);
                }
            }
        }
        (groups, distinct)
    }

    /// The facts of a family: its groups joined where they are a near miss (the same
    /// digits under another currency or scale, one number under qualifiers that exclude
    /// each other or figures within a hundredth, even inside one article, or close values
    /// from different articles that no article states side by side). Groups that are no
    /// near miss of each other are distinct facts ("€20 billion in all, €15 billion of it
    /// for data centres") and come out apart; a fact of more than one group is a conflict.
    /// Each fact is its groups' indices, ascending.
    ///
    /// Claims of one profile in one group compare alike, so only `distinct` (each group's
    /// first claim of each profile) are compared: within the pairs of groups sharing no
    /// document, every claim is from another document than every other.
    pub(super) fn facts(
        &self,
        claims: &[Compared],
        groups: &[Vec<usize>],
        distinct: &[Vec<usize>],
        sources: &Sources,
    ) -> Vec<Vec<usize>> {
        let docs_of = |g: &Vec<usize>| -> Vec<u32> {
            let mut docs: Vec<u32> = g.iter().map(|&i| sources.doc(i)).collect();
            docs.sort_unstable();
            docs.dedup();
            docs
        };
        let near_miss = |a: usize, b: usize, side_by_side: bool| {
            let (x, y) = (&claims[a], &claims[b]);
            same_digits_other_currency(x, y)
                || same_digits_other_scale(x, y)
                || same_number_other_qualifier(x, y)
                || self.restated(x, y)
                || (sources.doc(a) != sources.doc(b) && !side_by_side && self.close(x, y))
        };
        let docs: Vec<Vec<u32>> = groups.iter().map(docs_of).collect();
        let mut fact_of: Vec<usize> = (0..groups.len()).collect();
        for i in 0..groups.len() {
            for j in i + 1..groups.len() {
                if fact_of[i] == fact_of[j] {
                    continue;
                }
                let side_by_side = common(&docs[i], &docs[j], 1) > 0;
                let joined = distinct[i]
                    .iter()
                    .any(|&a| distinct[j].iter().any(|&b| near_miss(a, b, side_by_side)));
                if joined {
                    let (from, into) = (fact_of[j], fact_of[i]);
                    fact_of
                        .iter_mut()
                        .filter(|f| **f == from)
                        .for_each(|f| *f = into);
                }
            }
        }
        let mut facts: Vec<Vec<usize>> = Vec::new();
        let mut index_of: FxHashMap<usize, usize> = FxHashMap::default();
        for (group, &fact) in fact_of.iter().enumerate() {
            let index = *index_of.entry(fact).or_insert_with(|| {
                facts.push(Vec::new());
                facts.len() - 1
            });
            facts[index].push(group);
        }
        facts
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

/// A claim's value when it is its only figure (no stated conversion), its range is a
/// number on both sides and it is no stated range (whose ends are compared one by one):
/// what [`SharedRange`] can stand for.
fn sole_figure(claim: &Compared) -> Option<Figure> {
    let [figure] = claim.figures[..] else {
        return None;
    };
    let numeric = !figure.range.0.is_nan() && !figure.range.1.is_nan();
    (claim.main && numeric && figure.low.is_none()).then_some(figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claim;
    use crate::crosscheck::test_claims::claim;
    use crate::crosscheck::{FxRates, BUNDLED_FX};

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
                c.id = format!("{}#{i}", c.doc).into();
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
            // compatible with, among those whose first figure is close to its own if any.
            let mut expected: Vec<Vec<usize>> = Vec::new();
            for i in 0..n {
                let fits = |g: &Vec<usize>| {
                    g.iter()
                        .all(|&j| checker.compatible(&compared[i], &compared[j]))
                };
                let close = |g: &Vec<usize>| checker.close(&compared[i], &compared[g[0]]);
                let first_close = expected.iter().position(|g| close(g) && fits(g));
                let first = first_close.or_else(|| expected.iter().position(fits));
                match first.map(|g| &mut expected[g]) {
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
}
