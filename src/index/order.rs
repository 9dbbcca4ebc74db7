//! Orders that keep the candidate index's memory reads close together, without
//! changing any answer.
//!
//! At a million offers neither the partial sums (four bytes an offer, per thread)
//! nor the posting lists fit in the processor's caches, and a need's lists touch
//! offers all over the accumulator: most of the index's time went into waiting for
//! memory. Two orders bring related reads together:
//!
//! - **Offer slots.** The index numbers offers by their two rarest terms, not by
//!   corpus order, so that the offers of a rare term (and of the conjunctive keys
//!   and concept families that go with it) fill a few runs of the accumulator
//!   instead of one slot in every few hundred.
//! - **Reading order.** Needs are ranked in the order of their own two rarest
//!   terms, so that the needs one thread ranks in a row read the same short lists
//!   and touch the same offers while those are still in cache.
//!
//! Candidates are given back as corpus offer indices, and ties are broken by
//! corpus index as before; each need's result is written to its own place, so the
//! output is the same bytes as in corpus order.

use rayon::prelude::*;

use crate::similarity::{Analysis, TermKind};

/// A term list's locality key: the ids of its two rarest terms (by `rarity`, then
/// term id), `u32::MAX` where there are fewer. Terms `rarity` gives `None` (not
/// indexed, or in no offer) do not count.
pub(super) fn rarest_two(terms: &[(u32, f32)], rarity: impl Fn(u32) -> Option<usize>) -> u64 {
    let none = (usize::MAX, u32::MAX);
    let (mut first, mut second) = (none, none);
    for &(t, _) in terms {
        let Some(r) = rarity(t) else { continue };
        let here = (r, t);
        if here < first {
            second = first;
            first = here;
        } else if here < second {
            second = here;
        }
    }
    (u64::from(first.1) << 32) | u64::from(second.1)
}

/// The index's offer slots: `slots[s]` is the corpus offer in slot `s`, offers in
/// the order of their two rarest indexed terms (by the number of offers that have
/// the term), then corpus order.
pub(super) fn offer_slots(analysis: &Analysis<'_>, indexed: impl Fn(u32) -> bool + Sync) -> Vec<u32> {
    let offers = analysis.offers.len();
    let mut df = vec![0usize; analysis.vocab.len()];
    for j in 0..offers {
        for &(t, _) in analysis.offers.terms(j) {
            if indexed(t) {
                df[t as usize] += 1;
            }
        }
    }
    let rarity = |t: u32| indexed(t).then(|| df[t as usize]);
    let keys: Vec<u64> =
        (0..offers).into_par_iter().map(|j| rarest_two(analysis.offers.terms(j), rarity)).collect();
    // Offer indices fit u32: the index stores them so.
    let mut slots: Vec<u32> = (0..offers as u32).collect();
    slots.par_sort_unstable_by_key(|&j| (keys[j as usize], j));
    slots
}

/// Whether a term is listed in the index: words and concepts, not the adjacent
/// pairs (see the module documentation of [`super`]).
pub(super) fn indexed(analysis: &Analysis<'_>, t: u32) -> bool {
    analysis.vocab.kind[t as usize] != TermKind::Pair
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_rarest_terms_make_the_key() {
        let terms = [(7, 1.0), (3, 1.0), (9, 1.0), (4, 1.0)];
        let rarity = |t: u32| match t {
            7 => Some(5),
            3 => Some(50),
            9 => Some(2),
            _ => None,
        };
        assert_eq!(rarest_two(&terms, rarity), (9 << 32) | 7);
        // Equal rarity: the lower term id first.
        assert_eq!(rarest_two(&terms, |_| Some(1)), (3 << 32) | 4);
        assert_eq!(rarest_two(&terms, |_| None), u64::MAX);
        assert_eq!(rarest_two(&[(5, 1.0)], |_| Some(1)), (5 << 32) | u64::from(u32::MAX));
    }
}
