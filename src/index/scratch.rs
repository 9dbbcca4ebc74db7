//! Per-thread working memory of the candidate index.

use super::profile::FitMemo;

/// Per-thread working memory for
/// [`CandidateIndex::candidates`](super::CandidateIndex::candidates): a dense
/// accumulator over offers and the list of offers it touched.
#[derive(Debug, Clone)]
pub struct Scratch {
    /// Partial dot products, by the index's offer slot (see [`super::order`]).
    pub(super) acc: Vec<f32>,
    /// Offers touched, in the first `touched_len` slots (one slot more than there
    /// are offers, so that recording a touch needs no branch).
    pub(super) touched: Vec<u32>,
    pub(super) touched_len: usize,
    pub(super) order: Vec<(u32, f32)>,
    /// Counts of touched offers per [`bucket`] of their partial dot product.
    pub(super) histogram: Vec<u32>,
    /// The fits of offer profiles to the need being ranked, as worked out.
    pub(super) fits: FitMemo,
}

/// Buckets of partial dot products: the exponent and top three mantissa bits of
/// the (positive) `f32`, so that a larger bucket means a larger value.
const BUCKETS: usize = 1 << 11;

/// The bucket of a positive partial dot product.
pub(super) fn bucket(a: f32) -> usize {
    (a.to_bits() >> 20) as usize & (BUCKETS - 1)
}

impl Scratch {
    /// Adds each (offer, contribution) to the offer's partial dot product,
    /// recording the offers touched for the first time.
    pub(super) fn add(&mut self, contributions: impl IntoIterator<Item = (u32, f32)>) {
        let Scratch { acc, touched, touched_len, .. } = self;
        let mut n = *touched_len;
        for (j, x) in contributions {
            let slot = &mut acc[j as usize];
            // Branch-free: always write the slot past the end, keep it if new. A
            // touched slot never returns to zero (not even by underflow), so each
            // offer is new once and `touched`, one slot longer than there are
            // offers, never overflows.
            touched[n] = j;
            n += usize::from(*slot == 0.0);
            *slot = (*slot + x).max(f32::MIN_POSITIVE);
        }
        *touched_len = n;
    }

    /// Working memory for an index over `offers` offers.
    pub fn new(offers: usize) -> Self {
        Scratch {
            acc: vec![0.0; offers],
            touched: vec![0; offers + 1],
            touched_len: 0,
            order: Vec::new(),
            histogram: vec![0; BUCKETS],
            fits: FitMemo::default(),
        }
    }
}
