//! Candidate generation over needs: an inverted index over the needs' words and
//! concepts, and over concept families, so that [`NeedRelevance::neighbours`]
//! scores a bounded set of promising needs instead of all of them.
//!
//! [`NeedRelevance::neighbours`]: super::NeedRelevance::neighbours

use crate::similarity::{Analysis, TermKind};
use crate::text::ConceptGraph;

/// Limits of candidate generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Postings read per need (terms rarest first; the rarest is always read in
    /// full), and as many again through concept families.
    pub posting_budget: usize,
    /// Candidates kept per need, by partial dot product, before exact scoring.
    pub max_candidates: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { posting_budget: 4_000, max_candidates: 100 }
    }
}

/// Inverted lists in CSR layout: the entries of key `k` are
/// `entries[offsets[k]..offsets[k + 1]]`, (need, weight), by need.
#[derive(Debug, Default)]
struct Lists {
    offsets: Vec<usize>,
    entries: Vec<(u32, f32)>,
}

impl Lists {
    /// Builds lists for `keys` keys from (key, need, weight) triples given need by need.
    fn build(keys: usize, triples: impl Iterator<Item = (usize, u32, f32)> + Clone) -> Lists {
        let mut offsets = vec![0usize; keys + 1];
        for (k, _, _) in triples.clone() {
            offsets[k + 1] += 1;
        }
        for k in 0..keys {
            offsets[k + 1] += offsets[k];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![(0u32, 0f32); offsets[keys]];
        for (k, need, w) in triples {
            entries[fill[k]] = (need, w);
            fill[k] += 1;
        }
        Lists { offsets, entries }
    }

    fn get(&self, k: usize) -> &[(u32, f32)] {
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }
}

/// The index over an analysis' needs.
#[derive(Debug, Default)]
pub(crate) struct NeedIndex {
    /// Per vocabulary term (words and concepts; not adjacent-term pairs).
    terms: Lists,
    /// Per concept of the graph: the needs naming it or a concept within
    /// [`MAX_STEPS`](crate::text::MAX_STEPS) below it, weighted by relation credit.
    families: Lists,
}

impl NeedIndex {
    /// Builds the index. O(V + C + P) for V terms, C concepts, P postings.
    pub fn new(analysis: &Analysis<'_>) -> NeedIndex {
        let needs = &analysis.needs;
        let vocab = &analysis.vocab;
        let n = needs.len();
        let terms = Lists::build(
            vocab.len(),
            (0..n).flat_map(move |i| {
                needs
                    .terms(i)
                    .iter()
                    .filter(|(t, _)| vocab.kind[*t as usize] != TermKind::Pair)
                    .map(move |&(t, w)| (t as usize, i as u32, w))
            }),
        );
        let graph = ConceptGraph::global();
        let families = Lists::build(
            graph.len(),
            (0..n).flat_map(move |i| {
                needs.concepts(i).iter().flat_map(move |&(c, w)| {
                    std::iter::once((c as usize, i as u32, w)).chain(
                        graph
                            .near_ancestors(c)
                            .iter()
                            .map(move |&(x, _)| (x as usize, i as u32, w * graph.credit(c, x).0 as f32)),
                    )
                })
            }),
        );
        NeedIndex { terms, families }
    }

    /// Up to `limits.max_candidates` needs other than `a` that share a word, a
    /// concept or a concept family with it, by partial dot product (ties by
    /// index), in index order.
    pub fn candidates(&self, analysis: &Analysis<'_>, a: usize, limits: Limits) -> Vec<usize> {
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            self.candidates_with(analysis, a, limits, &mut scratch)
        })
    }

    fn candidates_with(
        &self,
        analysis: &Analysis<'_>,
        a: usize,
        limits: Limits,
        scratch: &mut Scratch,
    ) -> Vec<usize> {
        let needs = &analysis.needs;
        let vocab = &analysis.vocab;
        scratch.reset(needs.len());
        // Terms rarest first (ties by id): rare shared terms are the evidence.
        let mut own: Vec<(usize, u32, f32)> = needs
            .terms(a)
            .iter()
            .filter(|(t, _)| vocab.kind[*t as usize] != TermKind::Pair)
            .map(|&(t, w)| (self.terms.get(t as usize).len(), t, w))
            .collect();
        own.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
        let mut spent = 0usize;
        for (k, &(len, t, w)) in own.iter().enumerate() {
            if k > 0 && spent + len > limits.posting_budget {
                break;
            }
            spent += len;
            scratch.add(self.terms.get(t as usize), w);
        }
        // Concept families: needs whose concepts are this need's concepts' parents,
        // children or siblings, even when they share no word.
        let graph = ConceptGraph::global();
        let mut keys: Vec<(u32, f32)> = Vec::new();
        for &(c, w) in needs.concepts(a) {
            keys.push((c, w));
            keys.extend(graph.near_ancestors(c).iter().map(|&(x, _)| (x, w * graph.credit(c, x).0 as f32)));
        }
        keys.sort_unstable_by(|x, y| {
            self.families
                .get(x.0 as usize)
                .len()
                .cmp(&self.families.get(y.0 as usize).len())
                .then(x.0.cmp(&y.0))
        });
        let mut spent = 0usize;
        for (k, &(x, w)) in keys.iter().enumerate() {
            let list = self.families.get(x as usize);
            if k > 0 && spent + list.len() > limits.posting_budget {
                break;
            }
            spent += list.len();
            scratch.add(list, w);
        }
        let mut found: Vec<(u32, f32)> = scratch
            .touched
            .iter()
            .filter(|&&b| b as usize != a)
            .map(|&b| (b, scratch.acc[b as usize]))
            .collect();
        if found.len() > limits.max_candidates {
            found.select_nth_unstable_by(limits.max_candidates - 1, |x, y| {
                y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
            });
            found.truncate(limits.max_candidates);
        }
        let mut out: Vec<usize> = found.into_iter().map(|h| h.0 as usize).collect();
        out.sort_unstable();
        out
    }
}

/// Per-thread working memory of [`NeedIndex::candidates`]: a dense accumulator over
/// needs and the needs it touched.
#[derive(Debug, Default)]
struct Scratch {
    acc: Vec<f32>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Clears what the last call touched and sizes the accumulator for `n` needs.
    fn reset(&mut self, n: usize) {
        for &b in &self.touched {
            if let Some(x) = self.acc.get_mut(b as usize) {
                *x = 0.0;
            }
        }
        self.touched.clear();
        if self.acc.len() != n {
            self.acc.clear();
            self.acc.resize(n, 0.0);
        }
    }

    /// Adds `w` times each posting's weight to its need's partial dot product.
    fn add(&mut self, postings: &[(u32, f32)], w: f32) {
        for &(b, wb) in postings {
            let slot = &mut self.acc[b as usize];
            if *slot == 0.0 {
                self.touched.push(b);
            }
            // Never back to zero, so that a need is recorded as touched once.
            *slot = (*slot + w * wb).max(f32::MIN_POSITIVE);
        }
    }
}

thread_local! {
    /// One scratch per thread: neighbours are asked for from rayon's workers.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}
