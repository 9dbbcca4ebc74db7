//! Need ↔ need relevance: do two needs ask for the same thing?
//!
//! A different question from need → offer: two needs of one economy in one section
//! may be on different topics, and a restatement may change every word but the
//! concept. [`NeedRelevance`] answers it with a calibrated probability in [0, 1],
//! symmetric and deterministic, from a logistic model over pair features
//! ([`PLAIN_FEATURES`], plus the semantic cosine with the `semantic` feature)
//! fitted on labelled need pairs of the development data — restatements across an
//! economy's CTAP editions (`tests/data/progress/dev`) and needs of different
//! economies grouped as one regional demand (`tests/data/clusters/dev*`) — and a
//! threshold chosen on them. The coefficients are data (`model.json`), refitted by
//! `cargo run --release --example fit_relevance -- --write` ([`fit`]).
//!
//! Used by progress between editions (within one economy) and by regional demand
//! clusters (across economies).

mod ask;
mod assign;
mod fit;
mod index;
mod model;
#[cfg(feature = "semantic")]
mod semantic;

use std::fmt::Write as _;

pub use assign::one_to_one;
pub use fit::{
    Figures, FitFigures, LabelledPairs, PairKind, PairLabel, PairScore, fit, fit_report, pair_figures,
};
pub use model::{
    PLAIN_COUNT, PLAIN_FEATURES, RELEVANCE_SOURCE, RelevanceModel, SEMANTIC_COUNT, SEMANTIC_FEATURES, Variant,
};

use index::{Limits, NeedIndex};

use crate::similarity::{Analysis, TermKind, concept_credit, section_fit, soft_tfidf};
use crate::text::{ConceptGraph, Relation};

/// Needs at or below this count are compared with every other need in
/// [`NeedRelevance::neighbours`]; above it, candidates come from the index.
const EXACT_UP_TO: usize = 400;

/// Need ↔ need relevance over an [`Analysis`]: a calibrated probability that two
/// needs ask for the same thing, the threshold above which they do, and each
/// need's neighbours.
///
/// Needs are indices in the analysis' need order ([`Analysis::need`]).
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::Analysis, plan::relevance::NeedRelevance};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"PE","year":2012,"needs":[
///     {"section":"A.4","text":"Assistance to introduce an Advance Passenger Information system at the airport"},
///     {"section":"A.4","text":"Training for immigration officers on detecting forged passports"}]},
///   {"economy":"PE","year":2014,"needs":[
///     {"section":"A.4","text":"Technical assistance to put an API system in place so that passenger data reaches immigration before flights land"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// let relevance = NeedRelevance::new(&analysis);
/// let restated = relevance.probability(2, 0);
/// assert!(restated >= relevance.threshold());
/// assert!(relevance.probability(2, 1) < restated);
/// assert_eq!(relevance.probability(0, 2), restated); // symmetric
/// assert_eq!(relevance.neighbours(2, relevance.threshold())[0].0, 0);
/// assert!(relevance.evidence(2, 0).contains(&"advance passenger information".to_string()));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub struct NeedRelevance<'a, 'c> {
    analysis: &'a Analysis<'c>,
    variant: &'a Variant,
    index: NeedIndex,
    /// Each need's concepts weighted for its main ask ([`ask`]), and whether each
    /// is in the main ask.
    concepts: Vec<ask::Weighted>,
    /// Each need's sentence vector (with the `semantic` feature), `dims` numbers a
    /// need, unit length or zero.
    #[cfg(feature = "semantic")]
    vectors: Vec<f32>,
    #[cfg(feature = "semantic")]
    dims: usize,
}

impl std::fmt::Debug for NeedRelevance<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NeedRelevance")
            .field("needs", &self.analysis.need_count())
            .field("variant", &self.variant.name)
            .finish_non_exhaustive()
    }
}

impl<'a, 'c> NeedRelevance<'a, 'c> {
    /// Relevance over `analysis` with the model compiled into the crate.
    ///
    /// # Complexity
    ///
    /// O(P) for P (need, term) postings, plus one sentence vector per need with the
    /// `semantic` feature (parallel across needs).
    pub fn new(analysis: &'a Analysis<'c>) -> Self {
        Self::with_variant(analysis, RelevanceModel::builtin().active())
    }

    /// Relevance with a given model variant (for fitting and experiments). The
    /// variant's features must be those of this build ([`NeedRelevance::feature_names`]).
    pub fn with_variant(analysis: &'a Analysis<'c>, variant: &'a Variant) -> Self {
        NeedRelevance {
            analysis,
            variant,
            index: NeedIndex::new(analysis),
            concepts: ask::weighted_concepts(analysis),
            #[cfg(feature = "semantic")]
            vectors: semantic::sentence_vectors(analysis),
            #[cfg(feature = "semantic")]
            dims: semantic::dims(),
        }
    }

    /// The names of the features this build computes, in order.
    pub fn feature_names() -> &'static [&'static str] {
        #[cfg(feature = "semantic")]
        return &SEMANTIC_FEATURES;
        #[cfg(not(feature = "semantic"))]
        return &PLAIN_FEATURES;
    }

    /// The analysis read.
    pub fn analysis(&self) -> &'a Analysis<'c> {
        self.analysis
    }

    /// The threshold: two needs whose probability is at least this ask for the same
    /// thing (chosen on the labelled pairs to maximise pair F1 out of fold).
    pub fn threshold(&self) -> f64 {
        self.variant.threshold
    }

    /// The threshold for linking a need of an economy's later edition to one of its
    /// previous edition ([`Variant::link_threshold`]): chosen on the labelled
    /// editions alone.
    pub fn link_threshold(&self) -> f64 {
        self.variant.link_threshold()
    }

    /// The probability that needs `a` and `b` ask for the same thing, in [0, 1];
    /// symmetric. A need with itself is 1.
    ///
    /// # Panics
    ///
    /// If `a` or `b` is not a need index of the analysis.
    pub fn probability(&self, a: usize, b: usize) -> f64 {
        if a == b {
            return 1.0;
        }
        self.variant.probability_of(&self.features(a, b))
    }

    /// The pair features of this build ([`NeedRelevance::feature_names`]), each in
    /// [0, 1]; symmetric.
    ///
    /// # Panics
    ///
    /// If `a` or `b` is not a need index of the analysis.
    pub fn features(&self, a: usize, b: usize) -> Vec<f64> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let graph = self.graph_features(lo, hi);
        self.assemble(lo, hi, self.topic(lo, hi), graph)
    }

    /// The feature vector from its parts, in [`NeedRelevance::feature_names`] order.
    #[cfg_attr(
        not(feature = "semantic"),
        allow(clippy::unused_self, reason = "self holds the sentence vectors")
    )]
    fn assemble(&self, lo: usize, hi: usize, topic: f64, graph: [f64; 5]) -> Vec<f64> {
        let mut x = Vec::with_capacity(PLAIN_COUNT + 1);
        // Overlap: shared words or shared concepts, whichever says more.
        x.push(topic.max(graph[0]));
        x.extend(graph);
        #[cfg(feature = "semantic")]
        x.push(self.semantic(lo, hi));
        #[cfg(not(feature = "semantic"))]
        let _ = (lo, hi);
        x
    }

    /// The probability of `a` and `b` if it is at least `min`: the same value as
    /// [`NeedRelevance::probability`], but the costlier features (soft TF-IDF,
    /// semantic cosine) are computed only when the others leave `min` within reach.
    pub(crate) fn probability_at_least(&self, a: usize, b: usize, min: f64) -> Option<f64> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let graph = self.graph_features(lo, hi);
        let variant = self.variant;
        let coefficients = &variant.coefficients;
        // Log-odds from the features known, plus the most overlap and semantic
        // (each in [0, 1]) could add.
        let known: f64 = graph.iter().zip(&coefficients[1..=5]).map(|(x, w)| x * w).sum();
        let reach: f64 = [0, 6].iter().filter_map(|&k| coefficients.get(k)).map(|w| w.max(0.0)).sum();
        let bound = variant.intercept + known + reach;
        if 1.0 / (1.0 + (-bound).exp()) < min {
            return None;
        }
        let probability = variant.probability_of(&self.assemble(lo, hi, self.topic(lo, hi), graph));
        (probability >= min).then_some(probability)
    }

    /// The cosine of two needs' sentence vectors, clamped to [0, 1].
    #[cfg(feature = "semantic")]
    fn semantic(&self, lo: usize, hi: usize) -> f64 {
        const LANES: usize = 8;
        let dims = self.dims;
        // Callers pass the lower index first, so the sums run in one order whatever
        // the argument order; eight fixed partial sums (which the compiler can
        // vectorise) give the same bits on every run.
        let first = &self.vectors[lo * dims..(lo + 1) * dims];
        let second = &self.vectors[hi * dims..(hi + 1) * dims];
        let mut lanes = [0f32; LANES];
        for (p, q) in first.chunks_exact(LANES).zip(second.chunks_exact(LANES)) {
            for k in 0..LANES {
                lanes[k] += p[k] * q[k];
            }
        }
        let tail: f32 = first
            .chunks_exact(LANES)
            .remainder()
            .iter()
            .zip(second.chunks_exact(LANES).remainder())
            .map(|(p, q)| p * q)
            .sum();
        f64::from(lanes.iter().sum::<f32>() + tail).clamp(0.0, 1.0)
    }

    /// Symmetric soft TF-IDF of the two term vectors (the overlap feature is this
    /// or the concept credit, whichever is higher).
    fn topic(&self, lo: usize, hi: usize) -> f64 {
        let an = self.analysis;
        let needs = &an.needs;
        let neighbours = |t| an.vocab.neighbours(t);
        debug_assert!({
            let (x, y) = (needs.terms(lo), needs.terms(hi));
            soft_tfidf_both(x, y, neighbours) == (soft_tfidf(x, y, neighbours), soft_tfidf(y, x, neighbours))
        });
        let (forward, backward) = soft_tfidf_both(needs.terms(lo), needs.terms(hi), neighbours);
        f64::midpoint(forward, backward)
    }

    /// The features after `overlap` in [`PLAIN_FEATURES`]: concept, specific,
    /// `no_concept`, section, restated.
    fn graph_features(&self, lo: usize, hi: usize) -> [f64; 5] {
        let an = self.analysis;
        let needs = &an.needs;
        let graph = ConceptGraph::global();
        let (wx, wy) = (&self.concepts[lo], &self.concepts[hi]);
        let (cx, cy) = (&wx.concepts, &wy.concepts);
        let concept = f64::midpoint(
            concept_credit(graph, cx, cy, |_, _, _| {}),
            concept_credit(graph, cy, cx, |_, _, _| {}),
        );
        let mut specific = 0.0f64;
        for (&(c, _), &main_c) in cx.iter().zip(&wx.main) {
            for (&(d, _), &main_d) in cy.iter().zip(&wy.main) {
                let credit = graph.credit(c, d).0.max(graph.credit(d, c).0);
                let detail = if main_c && main_d { 1.0 } else { f64::from(ask::DETAIL_WEIGHT) };
                specific = specific.max(credit * graph.specificity(c).min(graph.specificity(d)) * detail);
            }
        }
        let no_concept = if cx.is_empty() || cy.is_empty() { 1.0 } else { 0.0 };
        let same = match (needs.sections[lo], needs.sections[hi]) {
            (u32::MAX, _) | (_, u32::MAX) => None,
            (s, t) => Some(s == t),
        };
        let section = section_fit(same, needs.areas[lo], needs.areas[hi]);
        let (sx, sy) = (an.need(lo).submission, an.need(hi).submission);
        let restated = if sx.economy == sy.economy && sx.year != sy.year { 1.0 } else { 0.0 };
        [concept, specific, no_concept, section, restated]
    }

    /// The needs whose probability with `a` is at least `min`, best first (ties by
    /// need id), without `a` itself.
    ///
    /// Candidates come from an inverted index over the needs' words and concepts and
    /// over concept families (needs whose concepts are parents, children or siblings
    /// in the concept graph), read rarest first within a budget: no all-pairs scan.
    /// A need that shares no word, concept or concept family with `a` is not found
    /// (a corpus of at most 400 needs is compared in full).
    ///
    /// # Complexity
    ///
    /// O(B log B + K) for a posting budget B and K candidates scored.
    pub fn neighbours(&self, a: usize, min: f64) -> Vec<(usize, f64)> {
        let n = self.analysis.need_count();
        let candidates: Vec<usize> = if n <= EXACT_UP_TO {
            (0..n).filter(|&b| b != a).collect()
        } else {
            self.index.candidates(self.analysis, a, Limits::default())
        };
        let mut out: Vec<(usize, f64)> = candidates
            .into_iter()
            .filter_map(|b| self.probability_at_least(a, b, min).map(|p| (b, p)))
            .collect();
        let rank = &self.analysis.needs.id_rank;
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(rank[x.0].cmp(&rank[y.0])));
        out
    }

    /// Why two needs are related: the concepts they share (`"cash couriers"`) or
    /// link through the concept graph (`"API ~ passenger name record"`), strongest
    /// first, then the content words they share; at most 6. Symmetric up to the
    /// order of a linked pair's labels.
    ///
    /// # Panics
    ///
    /// If `a` or `b` is not a need index of the analysis.
    pub fn evidence(&self, a: usize, b: usize) -> Vec<String> {
        const MAX: usize = 6;
        let an = self.analysis;
        let needs = &an.needs;
        let graph = ConceptGraph::global();
        let (ca, cb) = (needs.concepts(a), needs.concepts(b));
        // (credit, weight, label): each concept of either need with its best link.
        let mut linked: Vec<(f64, f64, String)> = Vec::new();
        for (from, to, forward) in [(ca, cb, true), (cb, ca, false)] {
            for &(c, w) in from {
                let best = to
                    .iter()
                    .map(|&(d, _)| (graph.credit(c, d), d))
                    .filter(|((credit, _), _)| *credit > 0.0)
                    .max_by(|x, y| x.0.0.total_cmp(&y.0.0).then(y.1.cmp(&x.1)));
                if let Some(((credit, relation), d)) = best {
                    let (l, r) = (&graph.concept(c).label, &graph.concept(d).label);
                    let label = if relation == Relation::Same {
                        l.clone()
                    } else if forward {
                        format!("{l} ~ {r}")
                    } else {
                        format!("{r} ~ {l}")
                    };
                    linked.push((credit, f64::from(w), label));
                }
            }
        }
        linked.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1)).then(x.2.cmp(&y.2)));
        let mut out: Vec<String> = Vec::new();
        for (_, _, label) in linked {
            if !out.contains(&label) {
                out.push(label);
            }
        }
        // Shared content words, by the product of their weights.
        let (ta, tb) = (needs.terms(a), needs.terms(b));
        let mut words: Vec<(f64, u32)> = ta
            .iter()
            .filter(|(t, _)| an.vocab.kind[*t as usize] == TermKind::Word)
            .filter_map(|&(t, w)| {
                tb.binary_search_by_key(&t, |p| p.0).ok().map(|k| (f64::from(w) * f64::from(tb[k].1), t))
            })
            .collect();
        words.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (_, t) in words {
            if out.len() >= MAX {
                break;
            }
            let stem = &an.vocab.text[t as usize];
            let word = surface(&an.need(a).item.text, stem).unwrap_or_else(|| stem.to_string());
            if !out.contains(&word) {
                out.push(word);
            }
        }
        out.truncate(MAX);
        out
    }

    /// The evidence as one line, `"cash couriers, bearer negotiable instruments"`.
    pub fn evidence_line(&self, a: usize, b: usize) -> String {
        let mut s = String::new();
        for (k, e) in self.evidence(a, b).iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            let _ = write!(s, "{e}");
        }
        s
    }
}

/// [`soft_tfidf`] in both directions in one merge of the two sorted vectors: the
/// same values, bit for bit (each direction sums its own terms in term order), at
/// the cost of one pass plus a search per term that only a spelling neighbour can
/// match.
#[allow(clippy::many_single_char_names, reason = "the two vectors and their cursors, as in cosine")]
fn soft_tfidf_both<'v>(
    a: &[(u32, f32)],
    b: &[(u32, f32)],
    neighbours: impl Fn(u32) -> &'v [(u32, f32)],
) -> (f64, f64) {
    let near = |t: u32, other: &[(u32, f32)]| -> f64 {
        neighbours(t)
            .iter()
            .filter_map(|&(u, sim)| {
                other.binary_search_by_key(&u, |p| p.0).ok().map(|k| f64::from(other[k].1) * f64::from(sim))
            })
            .fold(0.0, f64::max)
    };
    let (mut i, mut j) = (0, 0);
    let (mut ab, mut ba) = (0.0f64, 0.0f64);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.0.cmp(&y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Equal => {
                ab += f64::from(a[i].1) * f64::from(b[j].1);
                ba += f64::from(b[j].1) * f64::from(a[i].1);
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                ab += f64::from(a[i].1) * near(a[i].0, b);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                ba += f64::from(b[j].1) * near(b[j].0, a);
                j += 1;
            }
        }
    }
    (ab.clamp(0.0, 1.0), ba.clamp(0.0, 1.0))
}

/// The spelling `text` uses for a word whose normal form is `stem`.
fn surface(text: &str, stem: &str) -> Option<String> {
    let mut forms = Vec::new();
    for w in crate::text::words(text) {
        forms.clear();
        crate::text::normal_forms(&w, &mut forms);
        if forms.iter().any(|f| f == stem) {
            return Some(w.to_lowercase());
        }
    }
    None
}

#[cfg(test)]
mod tests;
