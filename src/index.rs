//! Candidate generation: an inverted index over the offers' terms and concepts, so
//! that each need is scored against a bounded set of promising offers instead of
//! all of them.
//!
//! Takes an [`Analysis`] and gives out, per need, candidate offer indices. Postings
//! are read rarest term first: rare shared terms are strong evidence, while very
//! common terms alone ("security", "training" in a large corpus) would make every
//! offer a candidate. Reading stops when a posting budget is spent; the offers with
//! the highest partial dot products become the candidates.

use crate::similarity::Analysis;

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
    touched: Vec<u32>,
    order: Vec<(u32, f32)>,
}

impl Scratch {
    /// Working memory for an index over `offers` offers.
    pub fn new(offers: usize) -> Self {
        Scratch { acc: vec![0.0; offers], touched: Vec::new(), order: Vec::new() }
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
        for j in 0..analysis.offers.len() {
            for &(t, _) in analysis.offers.terms(j) {
                counts[t as usize + 1] += 1;
            }
        }
        for t in 0..v {
            counts[t + 1] += counts[t];
        }
        let offsets = counts;
        let mut fill = offsets.clone();
        let mut postings = vec![(0u32, 0.0f32); offsets[v]];
        for j in 0..analysis.offers.len() {
            for &(t, w) in analysis.offers.terms(j) {
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
        let mut terms: Vec<(usize, u32, f32)> =
            analysis.needs.terms(i).iter().map(|&(t, w)| (self.postings(t).len(), t, w)).collect();
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
        scratch.order.clear();
        for &j in &scratch.touched {
            let a = scratch.acc[j as usize];
            scratch.acc[j as usize] = 0.0;
            if offers_party[j as usize] != need_party && a > 0.0 {
                scratch.order.push((j, a));
            }
        }
        scratch.touched.clear();
        let cmp = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if scratch.order.len() > limits.max_candidates {
            scratch.order.select_nth_unstable_by(limits.max_candidates, cmp);
            scratch.order.truncate(limits.max_candidates);
        }
        let mut out: Vec<u32> = scratch.order.iter().map(|p| p.0).collect();
        out.sort_unstable();
        out
    }

    fn accumulate(&self, t: u32, w: f32, sim: f32, scratch: &mut Scratch) {
        let ws = w * sim;
        for &(j, wo) in self.postings(t) {
            let slot = &mut scratch.acc[j as usize];
            if *slot == 0.0 {
                scratch.touched.push(j);
            }
            *slot += ws * wo;
        }
    }
}
