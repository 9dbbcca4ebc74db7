//! Candidate generation: an inverted index over the offers' terms and concepts, so
//! that each need is scored against a bounded set of promising offers instead of
//! all of them.
//!
//! Takes an [`Analysis`] and gives out, per need, candidate offer indices. Postings
//! are read rarest term first: rare shared terms are strong evidence, while very
//! common terms alone ("security", "training" in a large corpus) would make every
//! offer a candidate. Reading stops when a posting budget is spent; the offers with
//! the highest partial dot products become the candidates.
//!
//! Only words and concepts are indexed, not adjacent-term pairs: a pair is rarer
//! than its words, so rarest-first reading would spend the budget on pairs, which
//! favour offers copying the need's wording over paraphrases of it. Measured on
//! `synth` data at 100,000 × 100,000 with the default limits: recall@10 of the
//! planted pairs 0.941 with pairs indexed, 0.945 without, for half the postings
//! (1.8 M instead of 3.6 M) and about 10% more ranking time (more distinct offers
//! are touched). Scoring still counts pairs.

use crate::similarity::{Analysis, TermKind};

/// Limits of candidate generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexLimits {
    /// Postings read per need before stopping (terms are read rarest first; the
    /// rarest term is always read in full).
    pub posting_budget: usize,
    /// Candidates kept per need after ranking by partial dot product.
    pub max_candidates: usize,
}

impl Default for IndexLimits {
    fn default() -> Self {
        IndexLimits { posting_budget: 20_000, max_candidates: 100 }
    }
}

/// The inverted index over offers: for every term, the offers that contain it with
/// the term's weight there (CSR layout: one offsets array, one postings array).
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, index::{CandidateIndex, IndexLimits, Scratch}, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"text":"Workshops on Single Window system development"}]},
///   {"economy":"ROK","offers":[{"text":"Single Window workshops"},{"text":"cyber crime trainers"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// let index = CandidateIndex::new(&analysis);
/// let mut scratch = Scratch::new(analysis.offer_count());
/// assert_eq!(index.candidates(&analysis, 0, IndexLimits::default(), &mut scratch), [0]);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug)]
pub struct CandidateIndex {
    offsets: Vec<usize>,
    postings: Vec<(u32, f32)>,
}

/// Per-thread working memory for [`CandidateIndex::candidates`]: a dense
/// accumulator over offers and the list of offers it touched.
#[derive(Debug, Clone)]
pub struct Scratch {
    acc: Vec<f32>,
    /// Offers touched, in the first `touched_len` slots (one slot more than there
    /// are offers, so that recording a touch needs no branch).
    touched: Vec<u32>,
    touched_len: usize,
    order: Vec<(u32, f32)>,
    /// Counts of touched offers per [`bucket`] of their partial dot product.
    histogram: Vec<u32>,
}

/// Buckets of partial dot products: the exponent and top three mantissa bits of
/// the (positive) `f32`, so that a larger bucket means a larger value.
const BUCKETS: usize = 1 << 11;

fn bucket(a: f32) -> usize {
    (a.to_bits() >> 20) as usize & (BUCKETS - 1)
}

impl Scratch {
    /// Working memory for an index over `offers` offers.
    pub fn new(offers: usize) -> Self {
        Scratch {
            acc: vec![0.0; offers],
            touched: vec![0; offers + 1],
            touched_len: 0,
            order: Vec::new(),
            histogram: vec![0; BUCKETS],
        }
    }
}

impl CandidateIndex {
    /// Builds the index over the analysis' offers.
    ///
    /// # Complexity
    ///
    /// O(V + P) time and memory for V terms and P (offer, term) postings.
    pub fn new(analysis: &Analysis<'_>) -> Self {
        let v = analysis.vocab.len();
        let mut counts = vec![0usize; v + 1];
        let indexed = |t: u32| analysis.vocab.kind[t as usize] != TermKind::Pair;
        for j in 0..analysis.offers.len() {
            for &(t, _) in analysis.offers.terms(j) {
                counts[t as usize + 1] += usize::from(indexed(t));
            }
        }
        for t in 0..v {
            counts[t + 1] += counts[t];
        }
        let offsets = counts;
        let mut fill = offsets.clone();
        let mut postings = vec![(0u32, 0.0f32); offsets[v]];
        for j in 0..analysis.offers.len() {
            for &(t, w) in analysis.offers.terms(j).iter().filter(|p| indexed(p.0)) {
                let slot = &mut fill[t as usize];
                postings[*slot] = (j as u32, w);
                *slot += 1;
            }
        }
        CandidateIndex { offsets, postings }
    }

    fn postings(&self, t: u32) -> &[(u32, f32)] {
        let t = t as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.postings[a..b],
            _ => &[],
        }
    }

    /// The number of (offer, term) postings.
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    /// Whether the index has no postings.
    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }

    /// Candidate offers for need `i`, sorted by offer index: offers of other parties
    /// sharing at least one read term (exactly or through a spelling neighbour), the
    /// `max_candidates` best by partial dot product (ties by offer index).
    ///
    /// # Complexity
    ///
    /// O(t log t + B + C log C) for a need of t terms, B postings read
    /// (≤ the budget plus the rarest term's list) and C touched offers.
    pub fn candidates(
        &self,
        analysis: &Analysis<'_>,
        i: usize,
        limits: IndexLimits,
        scratch: &mut Scratch,
    ) -> Vec<u32> {
        let need_party = analysis.needs.party[i];
        let vocab = &analysis.vocab;
        // Rarest first: fewest postings, then term id for determinism.
        let mut terms: Vec<(usize, u32, f32)> = analysis
            .needs
            .terms(i)
            .iter()
            .filter(|&&(t, _)| vocab.kind[t as usize] != TermKind::Pair)
            .map(|&(t, w)| (self.postings(t).len(), t, w))
            .collect();
        terms.sort_unstable_by_key(|&(len, t, _)| (len, t));
        let mut read = 0usize;
        for (k, &(len, t, w)) in terms.iter().enumerate() {
            if k > 0 && read + len > limits.posting_budget {
                break;
            }
            read += len;
            self.accumulate(t, w, 1.0, scratch);
            for &(u, sim) in vocab.neighbours(t) {
                let extra = self.postings(u).len();
                if read + extra <= limits.posting_budget {
                    read += extra;
                    self.accumulate(u, w, sim, scratch);
                }
            }
        }
        let offers_party = &analysis.offers.party;
        let Scratch { acc, touched, touched_len, order, histogram } = scratch;
        order.clear();
        histogram.fill(0);
        for &j in &touched[..*touched_len] {
            let a = std::mem::take(&mut acc[j as usize]);
            if offers_party[j as usize] != need_party && a > 0.0 {
                order.push((j, a));
                histogram[bucket(a)] += 1;
            }
        }
        *touched_len = 0;
        let k = limits.max_candidates;
        if order.len() > k {
            // Keep the buckets that hold the k largest values (the k-th one's bucket
            // in full), then select among those: exact, and cheaper than selecting
            // among all touched offers.
            let mut above = 0;
            let mut lowest = 0;
            for (b, &count) in histogram.iter().enumerate().rev() {
                above += count as usize;
                if above >= k {
                    lowest = b;
                    break;
                }
            }
            order.retain(|&(_, a)| bucket(a) >= lowest);
            let cmp = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if order.len() > k {
                order.select_nth_unstable_by(k, cmp);
                order.truncate(k);
            }
        }
        let mut out: Vec<u32> = scratch.order.iter().map(|p| p.0).collect();
        out.sort_unstable();
        out
    }

    fn accumulate(&self, t: u32, w: f32, sim: f32, scratch: &mut Scratch) {
        let ws = w * sim;
        let Scratch { acc, touched, touched_len, .. } = scratch;
        let mut n = *touched_len;
        for &(j, wo) in self.postings(t) {
            let slot = &mut acc[j as usize];
            // Branch-free: always write the slot past the end, keep it if new. A
            // touched slot never returns to zero (not even by underflow), so each
            // offer is new once and `touched`, one slot longer than there are
            // offers, never overflows.
            touched[n] = j;
            n += usize::from(*slot == 0.0);
            *slot = (*slot + ws * wo).max(f32::MIN_POSITIVE);
        }
        *touched_len = n;
    }
}
