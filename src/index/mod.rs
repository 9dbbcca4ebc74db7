//! Candidate generation: an inverted index over the offers' terms and concepts, so
//! that each need is scored against a bounded set of promising offers instead of
//! all of them.
//!
//! Takes an [`Analysis`] and gives out, per need, candidate offer indices. Postings
//! are read rarest term first: rare shared terms are strong evidence, while very
//! common terms alone ("security", "training" in a large corpus) would make every
//! offer a candidate. Reading stops when a posting budget is spent; the offers with
//! the highest partial dot products make a pool of [`POOL`] times the candidates
//! wanted (at least [`MIN_POOL`] offers), which is re-ranked with a sketch of each
//! text's sentence vector (so that a paraphrase sharing few words still gets in)
//! and with what the score's model gives for the section, pillars and activities
//! (see [`PROFILE_WEIGHT`]), and the best of it become the candidates.
//!
//! Two indexes are read:
//!
//! - **Terms**: words and concepts (not the adjacent-term pairs scoring also
//!   counts: a pair is rarer than its words, so rarest-first reading would spend
//!   the budget on pairs, which favour offers copying the need's wording over
//!   paraphrases of it).
//! - **Conjunctive keys**: every pair of an offer's [`PREFIX`] rarest terms, in any
//!   order and at any distance. In a large corpus every single term is common, and
//!   the budget covers only the one or two rarest; two terms together are rare, so a
//!   need looking up the keys of its own rarest terms finds the offers that share
//!   several of them (the prefix filtering of set-similarity joins). Key lists are
//!   read first, with up to a quarter of the budget.
//! - **Concept families**: every offer is also listed under each of its concepts'
//!   broader concepts within [`MAX_STEPS`](crate::text::MAX_STEPS) (never a root), so that a need finds the
//!   offers whose concepts are its own concepts' parents, children or siblings (an
//!   "e-seal" need, a "container integrity" offer) even when they share no word.
//!   Read after the keys, with up to a quarter of the budget.

mod order;
mod profile;
mod rank_key;
mod scratch;

use rayon::prelude::*;

use crate::similarity::{Analysis, Sketch};
use crate::text::{ConceptGraph, Relation};
use order::{indexed, rarest_two};
use profile::{FitMemo, Profiles};
use rank_key::RankKey;
pub use scratch::Scratch;
use scratch::bucket;

/// How many of an item's rarest words and concepts make its conjunctive keys
/// (all pairs of them: 45 keys for 10 terms). On `synth` data at a million needs
/// and offers (seed 7; a 2,000-need sample, index only, budget 20,000), 6 terms
/// found 0.567 of the planted pairs in the top 10, 8 found 0.658, 10 found 0.709
/// and 12 found 0.723 (at 100,000: 0.823, 0.827, 0.832, 0.829); 12 costs 400 MB
/// more at a million for little, so 10.
pub const PREFIX: usize = 10;

/// What a conjunctive key found in an offer adds to the offer's partial dot
/// product, per unit of the need's weights of the two terms: as if the offer
/// weighted each at this value, a quarter of a typical weight in a vector of 25–40
/// terms, so that keys bring offers in without outweighing the terms read. On
/// `synth` data (recall@10 of planted pairs, default limits), 0.05 gave 0.944 at
/// 100,000 × 100,000 and 0.776 at 300,000 × 300,000; 0.2 gave 0.927 and 0.782;
/// without keys, 0.945 and 0.708.
const KEY_OFFER_WEIGHT: f32 = 0.05;

/// How many times `max_candidates` offers, by partial dot product, make the pool
/// that the texts' meanings re-rank (see [`MEANING_WEIGHT`]), and never fewer than
/// [`MIN_POOL`].
///
/// The partial sums miss paraphrases, which share few words with the need: on
/// `scripts/second_generator.py` at 100,000 × 100,000 (a 2,000-need sample;
/// every offer scored: 0.4815 with seed 7, 0.4710 with seed 13), the index found
/// 0.3595 and 0.3604 of the planted pairs in the top 10 without a pool, and with
/// pools of 2, 4 and 8: 0.4133 / 0.4089, 0.4593 / 0.4592, 0.4724 / 0.4710. Seed 7
/// (here and at 30,000) chose the pool and the weight; seeds 13 and 11 were held
/// out. At 30,000 (every offer: 0.5548 seed 7, 0.5347 seed 11) a pool of 8 found
/// 0.5616 and 0.5567, against 0.5303 and 0.5154 without. On `synth` data at
/// 100,000 × 100,000 recall@10 went from 0.8341 to 0.8447, for about 19% more CPU
/// time (some 44 µs a need: the pool's selection, and 800 sketches read, which
/// the memory order of [`CandidateIndex`] keeps mostly together).
pub const POOL: usize = 8;

/// The fewest offers in the pool, whatever `max_candidates`: the pool of the
/// default 100 candidates. A smaller corpus keeps fewer candidates (see
/// [`MatchConfig::FULL_CANDIDATES_FROM`](crate::MatchConfig::FULL_CANDIDATES_FROM)),
/// chosen from a pool as large: on the second generator at 30,000 (seed 7), 40
/// candidates from a pool of 400 found 0.5585 of the planted pairs, from 800
/// 0.5651 (100 candidates from 800: 0.5571).
pub const MIN_POOL: usize = 800;

/// What the sign-sketch similarity of the need's and an offer's sentence vectors
/// (the `semantic` feature; nothing without it) adds to the offer's partial dot
/// product when the pool is re-ranked: enough to reorder the pool mostly by
/// meaning. With a pool of 3 at 30,000 (seed 7), weights of 1, 2, 4 and 8 found
/// 0.5512, 0.5521, 0.5539 and 0.5589; 4 was kept, as the middle of the range where
/// the figures level off, not the best of them.
pub const MEANING_WEIGHT: f32 = 4.0;

/// What the score's log-odds from the section, pillar and activity components add,
/// times this, to an offer's place in the pool (beside its partial dot product and
/// [`MEANING_WEIGHT`] times its meaning): the sums and the meaning know nothing of
/// a section or an activity, which the score weighs heavily.
///
/// Measured on the second generator's 30,000 × 30,000 (seed 7), against every
/// offer scored (`match --exact`): the index's top 10 held 0.606 of the exact top
/// 10 without it, 0.724, 0.821 and 0.851 with weights 0.1, 0.3 and 1, 0.771 with 3.
/// On the labelled sets' needs and offers among the 30,000 offers of that corpus
/// (`scripts/labelled_at_scale.py`), the two development sets' grade-3 pairs
/// found in the top 10 went from 34 of 77 to 37, 39 and 38 (every offer scored:
/// 38); so 0.3, which also keeps the planted pairs found at or above every offer
/// scored (a 3,000-need sample: second generator 0.5546 against 0.5550, own
/// 0.9133 against 0.8913; with 1, own fell to 0.8367 of all needs). The held-out
/// sets' figures are in the README.
pub const PROFILE_WEIGHT: f32 = 0.3;

/// What a concept family shared by need and offer adds to the offer's partial dot
/// product, per unit of the two concepts' weights and their relation credit: about
/// what a shared concept term adds, so that an offer related through the graph
/// competes with offers that share a word.
const FAMILY_WEIGHT: f32 = 1.0;

/// Offers with a weight each: a posting list.
type Postings = [(u32, f32)];

/// Limits of candidate generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexLimits {
    /// Postings read per need before stopping: conjunctive keys first, with up to
    /// a quarter of it, then terms rarest first (the rarest term is always read in
    /// full).
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
/// Inside the index offers are numbered by slot, sorted by their two rarest terms
/// so that the offers a need's lists touch sit together in memory; candidates are
/// given back as corpus offer indices.
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
    /// Conjunctive keys (lo, hi), lo ≤ hi, grouped by lo: the keys of lo are
    /// `key_hi[key_lo[lo]..key_lo[lo + 1]]`, sorted. The offers of key `k` are
    /// `key_offers[key_offsets[k]..key_offsets[k + 1]]`.
    key_lo: Vec<usize>,
    key_hi: Vec<u32>,
    key_offsets: Vec<usize>,
    key_offers: Vec<u32>,
    /// Concept families: the offers listed under concept `c` (having `c` or a
    /// concept within [`MAX_STEPS`](crate::text::MAX_STEPS) below it) are
    /// `family[family_offsets[c]..family_offsets[c + 1]]`, with the offer concept's
    /// weight times its relation credit to `c`.
    family_offsets: Vec<usize>,
    family: Vec<(u32, f32)>,
    /// The party of the offer in each slot.
    party: Vec<u32>,
    /// The corpus offer in each slot.
    slots: Vec<u32>,
    /// The offers' sign sketches, by slot.
    sketches: Vec<Sketch>,
    /// The offers' profiles, by slot.
    profiles: Profiles,
}

/// Groups values by key as CSR (a counting sort, stable): the values of key `k`
/// are `values[offsets[k]..offsets[k + 1]]`, in the order `entries` gives them.
/// `entries` is called twice (once to count, once to fill) and must give the same
/// sequence both times; every key is below `keys`.
fn group<T: Copy + Default, I: Iterator<Item = (usize, T)>>(
    keys: usize,
    entries: impl Fn() -> I,
) -> (Vec<usize>, Vec<T>) {
    let mut offsets = vec![0usize; keys + 1];
    for (k, _) in entries() {
        offsets[k + 1] += 1;
    }
    for k in 0..keys {
        offsets[k + 1] += offsets[k];
    }
    let mut fill = offsets.clone();
    let mut values = vec![T::default(); offsets[keys]];
    for (k, value) in entries() {
        values[fill[k]] = value;
        fill[k] += 1;
    }
    (offsets, values)
}

/// Every offer listed under its concepts and their broader concepts (see the
/// module documentation), by slot: CSR offsets by concept, and (slot, weight).
fn families(analysis: &Analysis<'_>, slots: &[u32]) -> (Vec<usize>, Vec<(u32, f32)>) {
    let graph = ConceptGraph::global();
    let entries = |j: usize| {
        analysis.offers.concepts(j).iter().flat_map(move |&(d, w)| {
            std::iter::once((d, w)).chain(
                graph
                    .near_ancestors(d)
                    .iter()
                    .map(move |&(a, steps)| (a, w * Relation::Broader(steps).credit() as f32)),
            )
        })
    };
    group(graph.len(), || {
        slots
            .iter()
            .enumerate()
            .flat_map(move |(s, &j)| entries(j as usize).map(move |(c, w)| (c as usize, (s as u32, w))))
    })
}

/// The conjunctive key of two terms, in either order.
fn key(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    (u64::from(lo) << 32) | u64::from(hi)
}

/// The two terms of a conjunctive key, lower first.
fn split(key: u64) -> (u32, u32) {
    // Both halves fit: a key is made of two u32 terms.
    ((key >> 32) as u32, key as u32)
}

impl CandidateIndex {
    /// Builds the index over the analysis' offers.
    ///
    /// # Complexity
    ///
    /// O(V + P) time and memory for V terms and P (offer, term) postings.
    pub fn new(analysis: &Analysis<'_>) -> Self {
        let indexed = |t: u32| indexed(analysis, t);
        let slots = order::offer_slots(analysis, indexed);
        let by_slot = &slots;
        // Two passes over every offer each, independent: side by side.
        let ((offsets, postings), (family_offsets, family)) = rayon::join(
            || {
                group(analysis.vocab.len(), || {
                    by_slot.iter().enumerate().flat_map(move |(s, &j)| {
                        analysis
                            .offers
                            .terms(j as usize)
                            .iter()
                            .filter(move |p| indexed(p.0))
                            .map(move |&(t, w)| (t as usize, (s as u32, w)))
                    })
                })
            },
            || families(analysis, by_slot),
        );
        let mut index = CandidateIndex {
            offsets,
            postings,
            key_lo: Vec::new(),
            key_hi: Vec::new(),
            key_offsets: Vec::new(),
            key_offers: Vec::new(),
            family_offsets,
            family,
            party: slots.iter().map(|&j| analysis.offers.party[j as usize]).collect(),
            sketches: slots.iter().map(|&j| analysis.offers.meanings.sketch(j as usize)).collect(),
            profiles: Profiles::new(analysis, &slots),
            slots: Vec::new(),
        };
        index.slots = slots;
        index.build_keys(analysis);
        index
    }

    fn family_postings(&self, c: u32) -> &[(u32, f32)] {
        let c = c as usize;
        match (self.family_offsets.get(c), self.family_offsets.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.family[a..b],
            _ => &[],
        }
    }

    /// Builds the conjunctive keys of every offer (see the module documentation).
    fn build_keys(&mut self, analysis: &Analysis<'_>) {
        let mut entries: Vec<(u64, u32)> = (0..self.slots.len())
            .into_par_iter()
            .with_min_len(1024)
            .flat_map_iter(|s| {
                // An offer's own terms all have postings.
                let rare = self.by_rarity(analysis, analysis.offers.terms(self.slots[s] as usize));
                let prefix = &rare[..rare.len().min(PREFIX)];
                let mut keys = Vec::with_capacity(PREFIX * (PREFIX - 1) / 2);
                for (a, &(_, ta, _)) in prefix.iter().enumerate() {
                    for &(_, tb, _) in &prefix[a + 1..] {
                        keys.push((key(ta, tb), s as u32));
                    }
                }
                keys
            })
            .collect();
        entries.par_sort_unstable();
        entries.dedup();
        let mut lo_counts = vec![0usize; analysis.vocab.len() + 1];
        for (k, &(key, offer)) in entries.iter().enumerate() {
            if k == 0 || entries[k - 1].0 != key {
                let (lo, hi) = split(key);
                lo_counts[lo as usize + 1] += 1;
                self.key_hi.push(hi);
                self.key_offsets.push(self.key_offers.len());
            }
            self.key_offers.push(offer);
        }
        self.key_offsets.push(self.key_offers.len());
        for t in 1..lo_counts.len() {
            lo_counts[t] += lo_counts[t - 1];
        }
        self.key_lo = lo_counts;
    }

    /// The words and concepts of a term vector as (postings, term, weight), rarest
    /// first (fewest postings, then term id). Its conjunctive-key terms are the
    /// first `PREFIX` that occur in some offer.
    fn by_rarity(&self, analysis: &Analysis<'_>, terms: &[(u32, f32)]) -> Vec<(usize, u32, f32)> {
        let mut out: Vec<(usize, u32, f32)> = terms
            .iter()
            .filter(|&&(t, _)| indexed(analysis, t))
            .map(|&(t, w)| (self.postings(t).len(), t, w))
            .collect();
        out.sort_unstable_by_key(|&(len, t, _)| (len, t));
        out
    }

    /// The needs in the order to rank them in, so that consecutive needs read the
    /// same lists while they are in cache: by their two rarest terms that some
    /// offer has, then by index. Ranking in this order changes no answer.
    pub fn reading_order(&self, analysis: &Analysis<'_>) -> Vec<usize> {
        let rarity = |t: u32| {
            let n = self.postings(t).len();
            (n > 0 && indexed(analysis, t)).then_some(n)
        };
        let keys: Vec<u64> = (0..analysis.need_count())
            .into_par_iter()
            .map(|i| rarest_two(analysis.needs.terms(i), rarity))
            .collect();
        let mut needs: Vec<usize> = (0..keys.len()).collect();
        needs.par_sort_unstable_by_key(|&i| (keys[i], i));
        needs
    }

    /// The slots of the offers with both terms among their conjunctive-key terms.
    fn key_offers(&self, a: u32, b: u32) -> &[u32] {
        let (lo, hi) = split(key(a, b));
        let (Some(&start), Some(&end)) = (self.key_lo.get(lo as usize), self.key_lo.get(lo as usize + 1))
        else {
            return &[];
        };
        match self.key_hi[start..end].binary_search(&hi) {
            Ok(p) => &self.key_offers[self.key_offsets[start + p]..self.key_offsets[start + p + 1]],
            Err(_) => &[],
        }
    }

    fn postings(&self, t: u32) -> &[(u32, f32)] {
        let t = t as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.postings[a..b],
            _ => &[],
        }
    }

    /// The number of (offer, term) postings (not counting conjunctive keys).
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    /// Whether the index has no postings.
    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }

    /// Candidate offers for need `i`, sorted by offer index: offers of other parties
    /// sharing a read conjunctive key or at least one read term (exactly or through
    /// a spelling neighbour); of those, the [`POOL`] × `max_candidates` best by
    /// partial dot product, and of the pool the `max_candidates` best by partial
    /// dot product plus [`MEANING_WEIGHT`] times the sign-sketch similarity of the
    /// two texts' sentence vectors (nothing without the `semantic` feature) plus
    /// [`PROFILE_WEIGHT`] times the model's log-odds from their section, pillar
    /// and activity components (ties by offer index).
    ///
    /// # Complexity
    ///
    /// O(t log t + K log S + B + C + P) for a need of t terms, K conjunctive keys
    /// looked up among S, B postings read (≤ the budget plus the rarest term's
    /// list), C touched offers and a pool of P.
    pub fn candidates(
        &self,
        analysis: &Analysis<'_>,
        i: usize,
        limits: IndexLimits,
        scratch: &mut Scratch,
    ) -> Vec<u32> {
        let mut out = self.candidates_best_first(analysis, i, limits, scratch);
        out.sort_unstable();
        out
    }

    /// Adds to the sums of need `i`'s pool [`MEANING_WEIGHT`] times the texts'
    /// meaning and [`PROFILE_WEIGHT`] times their profiles' fit.
    // Kept out of `candidates_best_first`: inlined, the whole took more
    // instructions (second generator's 10k on one thread: 9.69 G against 9.61 G).
    #[inline(never)]
    fn rerank(&self, analysis: &Analysis<'_>, i: usize, pool: &mut [(RankKey, u32)], fits: &mut FitMemo) {
        let need = analysis.needs.meanings.sketch(i);
        fits.start(&self.profiles, analysis.needs.profile(i));
        for (key, slot) in pool {
            let slot = *slot as usize;
            let fit = self.profiles.fit(slot, PROFILE_WEIGHT, fits);
            let meaning = MEANING_WEIGHT * need.similarity(self.sketches[slot]).max(0.0);
            *key = RankKey::new((key.sum() + meaning + fit).max(0.0), key.offer());
        }
    }

    /// The offers of [`CandidateIndex::candidates`], the most promising first: by
    /// the sum they were chosen by (ties by offer index). Scoring them in this order
    /// raises the score a later offer must beat sooner.
    pub(crate) fn candidates_best_first(
        &self,
        analysis: &Analysis<'_>,
        i: usize,
        limits: IndexLimits,
        scratch: &mut Scratch,
    ) -> Vec<u32> {
        let need_party = analysis.needs.party[i];
        let vocab = &analysis.vocab;
        let terms = self.by_rarity(analysis, analysis.needs.terms(i));
        // Conjunctive keys of the need's rarest terms, shortest list first, with at
        // most a quarter of the budget.
        let prefix: Vec<(usize, u32, f32)> = terms.iter().filter(|p| p.0 > 0).take(PREFIX).copied().collect();
        let mut lists: Vec<(&[u32], u64, f32)> = Vec::with_capacity(PREFIX * (PREFIX - 1) / 2);
        for (a, &(_, ta, wa)) in prefix.iter().enumerate() {
            for &(_, tb, wb) in &prefix[a + 1..] {
                let offers = self.key_offers(ta, tb);
                if !offers.is_empty() {
                    lists.push((offers, key(ta, tb), (wa + wb) * KEY_OFFER_WEIGHT));
                }
            }
        }
        lists.sort_unstable_by_key(|&(offers, k, _)| (offers.len(), k));
        let mut read = 0usize;
        for &(offers, _, add) in &lists {
            if read + offers.len() > limits.posting_budget / 4 {
                break;
            }
            read += offers.len();
            scratch.add(offers.iter().map(|&j| (j, add)));
        }
        // Concept families: the need's concepts and their broader concepts, shortest
        // list first, with up to a quarter of the budget more.
        let graph = ConceptGraph::global();
        let mut families: Vec<(&Postings, u32, f32)> = Vec::new();
        for &(c, w) in analysis.needs.concepts(i) {
            families.push((self.family_postings(c), c, w));
            for &(a, steps) in graph.near_ancestors(c) {
                families.push((self.family_postings(a), a, w * Relation::Broader(steps).credit() as f32));
            }
        }
        families.sort_unstable_by_key(|&(offers, c, _)| (offers.len(), c));
        let family_budget = read + limits.posting_budget / 4;
        for &(offers, _, w) in &families {
            if offers.is_empty() || read + offers.len() > family_budget {
                continue;
            }
            read += offers.len();
            let add = w * FAMILY_WEIGHT;
            scratch.add(offers.iter().map(|&(j, wo)| (j, add * wo)));
        }
        // Then words and concepts, rarest first.
        for (k, &(len, t, w)) in terms.iter().enumerate() {
            if k > 0 && read + len > limits.posting_budget {
                break;
            }
            read += len;
            scratch.add(self.postings(t).iter().map(|&(j, wo)| (j, w * wo)));
            for &(u, sim) in vocab.neighbours(t) {
                let extra = self.postings(u).len();
                if read + extra <= limits.posting_budget {
                    read += extra;
                    let ws = w * sim;
                    scratch.add(self.postings(u).iter().map(|&(j, wo)| (j, ws * wo)));
                }
            }
        }
        let Scratch { acc, touched, touched_len, order, histogram, fits } = scratch;
        histogram.fill(0);
        // Branch-free, as in `Scratch::add`: whether a touched offer is kept is not
        // predictable, so every one is written and only those kept advance the end.
        // `order` only grows (to the most offers a need has touched): its slots past
        // `kept` are stale and never read, so it needs no clearing per need.
        if order.len() < *touched_len {
            order.resize(*touched_len, (0, 0.0));
        }
        let mut kept = 0;
        for &j in &touched[..*touched_len] {
            let a = std::mem::take(&mut acc[j as usize]);
            let keep = a > 0.0;
            order[kept] = (j, a);
            histogram[bucket(a)] += u32::from(keep);
            kept += usize::from(keep);
        }
        *touched_len = 0;
        let slots = &self.slots;
        let k = limits.max_candidates;
        let pool = k.saturating_mul(POOL).max(MIN_POOL);
        // The need's own party's offers are never candidates. They are left out
        // of the few offers the pool is chosen among, not cleared from the sums
        // beforehand: a party's offers are spread over all slots, and clearing
        // them cost a write to a random place for every offer of the party.
        let party = &self.party;
        let others = |p: &&(u32, f32)| party[p.0 as usize] != need_party;
        // Each offer chosen among, as (its rank key, its slot).
        let keyed = |&(j, a): &(u32, f32)| (RankKey::new(a, slots[j as usize]), j);
        let order = &order[..kept];
        let mut top: Vec<(RankKey, u32)> = if kept > pool {
            // Keep the buckets that hold the `pool` largest values (the last one's
            // bucket in full), then select among those: exact, and cheaper than
            // selecting among all touched offers. The counts include the need's
            // own party's offers (one in twenty or so), hence the margin.
            let mut above = 0;
            let mut lowest = 0;
            for (b, &count) in histogram.iter().enumerate().rev() {
                above += count as usize;
                if above >= pool + pool / 8 {
                    lowest = b;
                    break;
                }
            }
            let mut top: Vec<(RankKey, u32)> =
                order.iter().filter(|p| bucket(p.1) >= lowest).filter(others).map(keyed).collect();
            if top.len() < pool && lowest > 0 {
                // Too many were the need's own party's: choose among all the others.
                top = order.iter().filter(others).map(keyed).collect();
            }
            if top.len() > pool {
                top.select_nth_unstable_by(pool, RankKey::best_first);
                top.truncate(pool);
            }
            top
        } else {
            order.iter().filter(others).map(keyed).collect()
        };
        if top.len() > k {
            // The pool, re-ranked with what the texts mean as a whole (a paraphrase
            // shares few of the words summed so far, but its sentence vector points
            // the same way) and with how their sections, pillars and activities fit.
            self.rerank(analysis, i, &mut top, fits);
            top.select_nth_unstable_by(k, RankKey::best_first);
            top.truncate(k);
        }
        top.sort_unstable_by(RankKey::best_first);
        top.iter().map(|(key, _)| key.offer()).collect()
    }
}

#[cfg(test)]
mod tests;
