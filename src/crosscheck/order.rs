//! One order of the claims whatever the order they came in: by document, then claim
//! number, then id. Claim shards merge in any order, and the report must not depend on it;
//! in that order each document's claims are consecutive, so a document is a range.

use std::ops::Range;

use rayon::prelude::*;

use crate::claims::Claim;

/// `claims` by document, then claim number (`doc#10` after `doc#9`), then id: one order
/// whatever the order of the input (claim shards merge in any order). Claims already in
/// that order (one extract run's output) are kept as they are; otherwise documents are
/// ranked once, indices are sorted by rank and number, and the claims are moved into
/// place where they are (a copy of a million claims costs more than the sort).
pub(super) fn in_canonical_order(mut claims: Vec<Claim>) -> Vec<Claim> {
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
    // Sort keys side by side with their positions (the position last, as a stable sort
    // keeps them): a comparison reads one array, not three.
    let mut keyed: Vec<(u32, Option<u64>, u32)> = (0..claims.len())
        .into_par_iter()
        .map(|i| (ranks[i], numbers[i], i as u32))
        .collect();
    keyed.par_sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| claims[a.2 as usize].id.cmp(&claims[b.2 as usize].id))
            .then(a.2.cmp(&b.2))
    });
    let order: Vec<usize> = keyed.into_iter().map(|(_, _, i)| i as usize).collect();
    permute(&mut claims, &order);
    claims
}

/// Each run of consecutive claims of one document, as a range of `claims`: in canonical
/// order, each document's claims.
pub(super) fn documents(claims: &[Claim]) -> Vec<Range<usize>> {
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

/// Reorder `items` so that position `k` holds the item that was at `order[k]`, in place
/// (no second vector): positions are filled in turn, each by a swap with wherever its item
/// is now, so that a run of consecutive `order` entries (a document's claims) reads
/// consecutive positions instead of jumping about the claims as the permutation's cycles
/// do.
pub(super) fn permute<T>(items: &mut [T], order: &[usize]) {
    // `now_at[i]`: where the item first at `i` is now; `held[p]`: which item `p` holds.
    let mut now_at: Vec<usize> = (0..items.len()).collect();
    let mut held = now_at.clone();
    for (k, &wanted) in order.iter().enumerate() {
        let from = now_at[wanted];
        if from != k {
            items.swap(k, from);
            let displaced = held[k];
            held[from] = displaced;
            now_at[displaced] = from;
        }
    }
}

/// Each claim's document as its rank among the documents in name order. A document's
/// claims mostly come together: the runs of them ([`documents`]), not the claims, are
/// sorted by name.
fn document_ranks(claims: &[Claim]) -> Vec<u32> {
    let runs = documents(claims);
    let name = |run: usize| claims[runs[run].start].doc.as_str();
    let mut by_name: Vec<usize> = (0..runs.len()).collect();
    by_name.par_sort_unstable_by(|&a, &b| name(a).cmp(name(b)));
    let mut run_rank = vec![0u32; runs.len()];
    let mut rank = 0;
    for (k, &run) in by_name.iter().enumerate() {
        if k > 0 && name(by_name[k - 1]) != name(run) {
            rank += 1;
        }
        run_rank[run] = rank;
    }
    let mut ranks = Vec::with_capacity(claims.len());
    for (run, rank) in runs.iter().zip(run_rank) {
        ranks.resize(run.end, rank);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let cases: [&[usize]; 5] = [&[], &[0], &[1, 0], &[2, 0, 1], &[3, 1, 4, 0, 2]];
        for order in cases {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            permute(&mut items, order);
            let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            assert_eq!(items, expected, "order {order:?}");
        }
    }

    proptest! {
        #[test]
        fn permute_puts_each_item_where_any_permutation_says(
            order in (0..40usize).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle()),
        ) {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            permute(&mut items, &order);
            let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            prop_assert_eq!(items, expected);
        }
    }
}
