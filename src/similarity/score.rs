//! The score of a (need, offer) pair: weighted components, explained.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::analyze::{Analysis, NO_SECTION, Profile};
use super::measures::{activity_fit_bits, concept_credit, jaccard_bits, section_fit, soft_tfidf};
use super::model::{CONCEPT, Model, SEMANTIC};
use crate::text::{ConceptGraph, ConceptId};

/// A match score in [0, 1], totally ordered (by [`f64::total_cmp`]).
///
/// # Examples
///
/// ```
/// use capmatch::similarity::Score;
///
/// let mut v = vec![Score(0.2), Score(0.9), Score(0.5)];
/// v.sort();
/// assert_eq!(v, [Score(0.2), Score(0.5), Score(0.9)]);
/// ```
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Score(pub f64);

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

/// The parts a score is made of, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Components {
    /// Topic similarity: soft TF-IDF over words and concepts of the graph.
    pub topic: f64,
    /// Section alignment: 1 same section, 0.6 same Strategy area, 0 different area,
    /// 0.5 unknown.
    pub section: f64,
    /// Pillar alignment: Jaccard of the pillar sets, 0.5 when either has none.
    pub pillar: f64,
    /// Activity compatibility: how well the offered activity kinds serve the
    /// requested ones, 0.5 when either names none.
    pub activity: f64,
    /// Concept credit: how well the offer's concepts cover the need's, with graded
    /// credit along the concept graph (see [`concept_credit`](super::concept_credit));
    /// 0 when the need names no concept.
    pub concept: f64,
    /// Meaning: the cosine of the two texts' static sentence embeddings (the
    /// `semantic` feature), 0 when negative or without the feature.
    pub semantic: f64,
}

/// Scores (need, offer) pairs of an [`Analysis`].
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::{Analysis, Model, Scorer}};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
///   {"economy":"ROK","offers":[{"section":"A.1","text":"Single Window workshops for customs officials"},
///                              {"section":"B","text":"AML/CFT workshops on the FATF recommendations"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// let scorer = Scorer::new(&analysis, Model::builtin());
/// let (good, c) = scorer.score(0, 0);
/// let (poor, _) = scorer.score(0, 1);
/// assert!(good > poor);
/// assert_eq!(c.section, 1.0);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Scorer<'a, 'c> {
    analysis: &'a Analysis<'c>,
    model: &'a Model,
}

impl<'a, 'c> Scorer<'a, 'c> {
    /// A scorer over `analysis` whose score is `model`'s probability.
    pub fn new(analysis: &'a Analysis<'c>, model: &'a Model) -> Self {
        Scorer { analysis, model }
    }

    /// The topic component alone, for need `i` and offer `j`.
    pub fn topic(&self, i: usize, j: usize) -> f64 {
        let a = self.analysis;
        soft_tfidf(a.needs.terms(i), a.offers.terms(j), |t| a.vocab.neighbours(t))
    }

    /// The topic component of need `i` against many offers: the same value as
    /// [`Scorer::topic`], computed from `scratch` loaded with the need's terms
    /// ([`TopicScratch::load`]) in time linear in the offer's terms.
    pub(crate) fn topic_with(&self, scratch: &mut TopicScratch, j: usize) -> f64 {
        scratch.topic(self.analysis.offers.terms(j))
    }

    /// The score and components of need `i` (loaded in `scratch`) against offer
    /// `j` of topic `topic` (from [`Scorer::topic_with`]) if the score is at least
    /// `floor`: the same values as [`Scorer::score`]'s. `None` if the score is
    /// below `floor`.
    ///
    /// The costlier components, the concept credit and then the sentence cosine,
    /// are computed only while the model's bound with them unknown
    /// ([`Model::probability_at_most`]) can still reach `floor`.
    pub(crate) fn score_at_least(
        &self,
        scratch: &mut TopicScratch,
        j: usize,
        topic: f64,
        floor: Floor,
    ) -> Option<(f64, Components)> {
        let i = scratch.need_index;
        let has_concepts = self.need_has_concepts(i);
        let out_of_reach = |c: &Components, unknown: &[usize]| {
            self.model.log_odds_at_most(c, has_concepts, unknown) < floor.log_odds
        };
        let mut c = self.cheap_components(i, j, topic);
        if out_of_reach(&c, &[CONCEPT, SEMANTIC]) {
            return None;
        }
        c.concept = scratch.concept(self.analysis.offers.concepts(j));
        if out_of_reach(&c, &[SEMANTIC]) {
            return None;
        }
        c.semantic = self.meaning(i, j);
        let score = self.model.probability(&c, has_concepts);
        (score >= floor.score).then_some((score, c))
    }

    /// A scratch for [`Scorer::topic_with`], sized for this analysis' vocabulary.
    pub(crate) fn topic_scratch(&self) -> TopicScratch {
        TopicScratch::new(self.analysis.vocab.len(), ConceptGraph::global().len())
    }

    /// Loads need `i`'s terms and concepts into `scratch`.
    pub(crate) fn load_need(&self, scratch: &mut TopicScratch, i: usize) {
        scratch.load(self.analysis.needs.terms(i), |t| self.analysis.vocab.neighbours(t));
        scratch.load_concepts(i, self.analysis.needs.concepts(i));
    }

    /// The score of need `i` against offer `j` (indices in corpus order), the
    /// probability that the offer helps, and its components. Does not check that
    /// the two belong to different parties.
    ///
    /// # Panics
    ///
    /// If `i` or `j` is out of range for the analysis.
    pub fn score(&self, i: usize, j: usize) -> (f64, Components) {
        let concept = concept_credit(
            ConceptGraph::global(),
            self.analysis.needs.concepts(i),
            self.analysis.offers.concepts(j),
            |_, _, _| {},
        );
        let c = self.components_of(i, j, self.topic(i, j), concept);
        (self.probability(i, &c), c)
    }

    /// The probability of need `i`'s match with the given components.
    pub(crate) fn probability(&self, i: usize, c: &Components) -> f64 {
        self.model.probability(c, self.need_has_concepts(i))
    }

    /// Whether need `i` names any topical concept of the graph.
    pub fn need_has_concepts(&self, i: usize) -> bool {
        !self.analysis.needs.concepts(i).is_empty()
    }

    fn components_of(&self, need: usize, offer: usize, topic: f64, concept: f64) -> Components {
        Components {
            concept,
            semantic: self.meaning(need, offer),
            ..self.cheap_components(need, offer, topic)
        }
    }

    /// The meaning component: the sentence cosine, clamped at 0.
    fn meaning(&self, need: usize, offer: usize) -> f64 {
        self.analysis.needs.meanings.cosine(need, &self.analysis.offers.meanings, offer).max(0.0)
    }

    /// The components that cost a few look-ups, with the concept credit and the
    /// meaning left at 0.
    fn cheap_components(&self, need: usize, offer: usize, topic: f64) -> Components {
        profile_components(self.analysis.needs.profile(need), self.analysis.offers.profile(offer), topic)
    }

    /// The model in use.
    pub fn model(&self) -> &Model {
        self.model
    }
}

/// The components a need and an offer of these profiles get from their sections,
/// pillars and activities, with `topic` as given and the concept credit and the
/// meaning left at 0.
pub(crate) fn profile_components(need: Profile, offer: Profile, topic: f64) -> Components {
    Components {
        activity: activity_fit_bits(need.activities, offer.activities, 0.5),
        ..placement_components(need, offer, topic)
    }
}

/// [`profile_components`] without the activity component (left at 0), for callers
/// that keep the activity fit of each pair of activity sets once worked out.
pub(crate) fn placement_components(need: Profile, offer: Profile, topic: f64) -> Components {
    let same = match (need.section, offer.section) {
        (NO_SECTION, _) | (_, NO_SECTION) => None,
        (x, y) => Some(x == y),
    };
    Components {
        topic,
        section: section_fit(same, need.areas, offer.areas),
        pillar: jaccard_bits(need.pillars, offer.pillars, 0.5),
        activity: 0.0,
        concept: 0.0,
        semantic: 0.0,
    }
}

/// The score an offer must reach to matter, for [`Scorer::score_at_least`], and
/// the log-odds below which its bound rules it out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Floor {
    score: f64,
    log_odds: f64,
}

impl Floor {
    /// Far above the rounding by which a sum's log-odds and the logistic of them
    /// could break the order of two scores; far below any difference the output,
    /// rounded to 4 decimals, could show.
    const MARGIN: f64 = 1e-9;

    /// The floor at `score`, a probability.
    pub(crate) fn new(score: f64) -> Floor {
        let log_odds = if score <= 0.0 {
            f64::NEG_INFINITY
        } else if score >= 1.0 {
            f64::INFINITY
        } else {
            (score / (1.0 - score)).ln() - Floor::MARGIN
        };
        Floor { score, log_odds }
    }

    /// The score an offer must reach.
    pub(crate) fn score(self) -> f64 {
        self.score
    }
}

/// Per-thread working memory for scoring one need against many offers: the need's
/// terms and their spelling neighbours scattered over the vocabulary, so that each
/// offer costs one look-up per term of its own (spelling similarity is symmetric,
/// so the neighbours of the need's terms are the terms whose neighbours the need
/// holds).
#[derive(Debug, Clone)]
pub(crate) struct TopicScratch {
    /// Vocabulary-sized: for each term that is one of the need's or a spelling
    /// neighbour of one, its entry in `hits`, or `NONE`.
    slot: Vec<u32>,
    hits: Vec<Hit>,
    /// The terms with a hit, to reset their slots.
    hit_terms: Vec<u32>,
    /// The need's (position, similarity) pairs for each hit's spelling neighbours.
    near: Vec<(u32, f32)>,
    need: Vec<(u32, f32)>,
    exact: Vec<bool>,
    best: Vec<f64>,
    /// The loaded need's index.
    need_index: usize,
    /// Concept-graph-sized: for each concept that earns credit for one of the need's
    /// concepts, its row in `concept_rows`, or `NONE`.
    concept_slot: Vec<u32>,
    /// Per row, the credit for each of the need's concepts (`need_concepts.len()`
    /// values a row).
    concept_rows: Vec<f64>,
    /// The concepts with a row, to reset their slots.
    concept_touched: Vec<u32>,
    /// The need's concept weights, and their sum.
    need_concepts: Vec<f64>,
    concept_total: f64,
    concept_best: Vec<f64>,
}

/// What a term of an offer means for the loaded need.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// The term's position in the need, or `NONE`.
    exact: u32,
    /// The range of `near` holding the need's terms it is a spelling neighbour of.
    near: (u32, u32),
}

const NONE: u32 = u32::MAX;

impl TopicScratch {
    fn new(vocabulary: usize, concepts: usize) -> Self {
        TopicScratch {
            slot: vec![NONE; vocabulary],
            hits: Vec::new(),
            hit_terms: Vec::new(),
            near: Vec::new(),
            need: Vec::new(),
            exact: Vec::new(),
            best: Vec::new(),
            need_index: 0,
            concept_slot: vec![NONE; concepts],
            concept_rows: Vec::new(),
            concept_touched: Vec::new(),
            need_concepts: Vec::new(),
            concept_total: 0.0,
            concept_best: Vec::new(),
        }
    }

    /// Loads need `i`'s concepts: the credit every concept of the graph earns for
    /// each of them, so that an offer costs one look-up per concept.
    fn load_concepts(&mut self, i: usize, concepts: &[(ConceptId, f32)]) {
        for &d in &self.concept_touched {
            self.concept_slot[d as usize] = NONE;
        }
        self.concept_touched.clear();
        self.concept_rows.clear();
        self.need_index = i;
        self.need_concepts.clear();
        self.need_concepts.extend(concepts.iter().map(|&(_, w)| f64::from(w)));
        self.concept_total = self.need_concepts.iter().sum();
        let width = concepts.len();
        let graph = ConceptGraph::global();
        for (k, &(c, _)) in concepts.iter().enumerate() {
            for &(d, credit, _) in graph.credits_of(c) {
                let mut row = self.concept_slot[d as usize];
                if row == NONE {
                    row = self.concept_touched.len() as u32;
                    self.concept_slot[d as usize] = row;
                    self.concept_touched.push(d);
                    self.concept_rows.resize(self.concept_rows.len() + width, 0.0);
                }
                self.concept_rows[row as usize * width + k] = credit;
            }
        }
    }

    /// [`concept_credit`] of the loaded need against an offer's concepts.
    fn concept(&mut self, offer: &[(ConceptId, f32)]) -> f64 {
        let width = self.need_concepts.len();
        if self.concept_total <= 0.0 || offer.is_empty() {
            return 0.0;
        }
        self.concept_best.clear();
        self.concept_best.resize(width, 0.0);
        for &(d, _) in offer {
            let row = self.concept_slot[d as usize];
            if row != NONE {
                let credits = &self.concept_rows[row as usize * width..(row as usize + 1) * width];
                for (best, &credit) in self.concept_best.iter_mut().zip(credits) {
                    *best = best.max(credit);
                }
            }
        }
        let sum: f64 = self.need_concepts.iter().zip(&self.concept_best).map(|(w, c)| w * c).sum();
        (sum / self.concept_total).clamp(0.0, 1.0)
    }

    /// Loads a need's terms, unloading the previous need's: each term, and each
    /// spelling neighbour of one, gets a hit saying which of the need's terms it
    /// equals and which it resembles.
    pub(crate) fn load<'v>(&mut self, need: &[(u32, f32)], neighbours: impl Fn(u32) -> &'v [(u32, f32)]) {
        for &t in &self.hit_terms {
            self.slot[t as usize] = NONE;
        }
        self.hit_terms.clear();
        self.need.clear();
        self.need.extend_from_slice(need);
        self.hits.clear();
        self.near.clear();
        // (neighbour, position in the need, similarity), grouped by neighbour.
        let mut near: Vec<(u32, u32, f32)> = Vec::new();
        for (k, &(t, _)) in need.iter().enumerate() {
            near.extend(neighbours(t).iter().map(|&(u, sim)| (u, k as u32, sim)));
        }
        near.sort_unstable_by_key(|&(u, k, _)| (u, k));
        for (k, &(t, _)) in need.iter().enumerate() {
            let h = self.hit(t);
            h.exact = k as u32;
        }
        for group in near.chunk_by(|a, b| a.0 == b.0) {
            let from = self.near.len() as u32;
            self.near.extend(group.iter().map(|&(_, k, sim)| (k, sim)));
            let to = self.near.len() as u32;
            self.hit(group[0].0).near = (from, to);
        }
        self.exact.clear();
        self.exact.resize(need.len(), false);
        self.best.clear();
        self.best.resize(need.len(), 0.0);
    }

    /// Term `t`'s hit, made empty if it has none yet.
    fn hit(&mut self, t: u32) -> &mut Hit {
        let slot = &mut self.slot[t as usize];
        if *slot == NONE {
            *slot = self.hits.len() as u32;
            self.hit_terms.push(t);
            self.hits.push(Hit { exact: NONE, near: (0, 0) });
        }
        let h = *slot as usize;
        &mut self.hits[h]
    }

    /// [`soft_tfidf`] of the loaded need against `offer`.
    fn topic(&mut self, offer: &[(u32, f32)]) -> f64 {
        self.exact.fill(false);
        self.best.fill(0.0);
        let mut sum = 0.0f64;
        for &(u, wo) in offer {
            let h = self.slot[u as usize];
            if h == NONE {
                continue;
            }
            let Hit { exact: k, near: (from, to) } = self.hits[h as usize];
            if k != NONE {
                self.exact[k as usize] = true;
                sum += f64::from(self.need[k as usize].1) * f64::from(wo);
            }
            for &(k, sim) in &self.near[from as usize..to as usize] {
                let b = &mut self.best[k as usize];
                *b = b.max(f64::from(wo) * f64::from(sim));
            }
        }
        for (k, &(_, w)) in self.need.iter().enumerate() {
            if !self.exact[k] {
                sum += f64::from(w) * self.best[k];
            }
        }
        sum.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    /// `score_at_least` gives `score`'s values when they reach the floor, and
    /// nothing when they do not, whichever step rules the offer out.
    #[test]
    fn scoring_at_least_a_floor_agrees_with_scoring() {
        let corpus = Corpus::from_json_str(
            r#"{"submissions":[
              {"economy":"HKC","needs":[{"section":"A.1","text":"Single Window workshops for customs officials"},
                                        {"text":"training on anti-money laundering and terrorist financing"}]},
              {"economy":"ROK","offers":[{"section":"A.1","text":"Single Window system development workshops"},
                                         {"text":"FATF standards training for financial intelligence units"},
                                         {"text":"unrelated offer on disaster relief"},
                                         {"section":"C","text":"cyber crime trainers"}]}]}"#,
            None,
        )
        .unwrap();
        let analysis = Analysis::new(&corpus, 0.9);
        let scorer = Scorer::new(&analysis, Model::builtin());
        let mut scratch = scorer.topic_scratch();
        let (mut kept, mut left) = (0, 0);
        for i in 0..analysis.need_count() {
            scorer.load_need(&mut scratch, i);
            for j in 0..analysis.offer_count() {
                let (score, components) = scorer.score(i, j);
                let topic = scorer.topic_with(&mut scratch, j);
                for floor in [0.0, score / 2.0, score, (score + 1e-6).min(1.0), (score + 0.3).min(1.0), 1.0] {
                    let got = scorer.score_at_least(&mut scratch, j, topic, Floor::new(floor));
                    if score >= floor {
                        assert_eq!(got, Some((score, components)), "need {i}, offer {j}, floor {floor}");
                        kept += 1;
                    } else {
                        assert_eq!(got, None, "need {i}, offer {j}, floor {floor}");
                        left += 1;
                    }
                }
            }
        }
        assert!(kept > 0 && left > 0);
    }

    /// The scattered need (with spelling neighbours looked up from the need's side)
    /// gives the pairwise soft TF-IDF, misspellings included.
    #[test]
    fn scattered_topic_equals_pairwise_topic() {
        let corpus = Corpus::from_json_str(
            r#"{"submissions":[
              {"economy":"HKC","needs":[{"text":"surveilance of container terminals and counterfiet goods"},
                                        {"text":"training on biometric passports"}]},
              {"economy":"ROK","offers":[{"text":"surveillance cameras at container terminals"},
                                         {"text":"counterfeit goods detection and biometrics"},
                                         {"text":"unrelated offer on disaster relief"}]}]}"#,
            None,
        )
        .unwrap();
        let analysis = Analysis::new(&corpus, 0.9);
        let scorer = Scorer::new(&analysis, Model::builtin());
        let mut scratch = scorer.topic_scratch();
        let mut fuzzy = 0;
        for i in 0..analysis.need_count() {
            scorer.load_need(&mut scratch, i);
            for j in 0..analysis.offer_count() {
                assert_eq!(scorer.topic_with(&mut scratch, j), scorer.topic(i, j), "need {i}, offer {j}");
            }
            fuzzy +=
                analysis.needs.terms(i).iter().filter(|t| !analysis.vocab.neighbours(t.0).is_empty()).count();
        }
        assert!(fuzzy >= 1, "the corpus must exercise spelling neighbours");
    }
}
