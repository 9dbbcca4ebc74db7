//! The score of a (need, offer) pair: weighted components, explained.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::analyze::{Analysis, NO_SECTION};
use super::measures::{activity_fit_bits, jaccard_bits, section_fit, soft_tfidf};
use crate::{Error, Result};

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
    /// Topic similarity: soft TF-IDF over words and thesaurus concepts.
    pub topic: f64,
    /// Section alignment: 1 same section, 0.6 same Strategy area, 0 different area,
    /// 0.5 unknown.
    pub section: f64,
    /// Pillar alignment: Jaccard of the pillar sets, 0.5 when either has none.
    pub pillar: f64,
    /// Activity compatibility: how well the offered activity kinds serve the
    /// requested ones, 0.5 when either names none.
    pub activity: f64,
}

/// Weights of the score components. Any non-negative finite values, not all zero;
/// the score divides by their sum, so only their ratios matter.
///
/// Defaults: topic 0.6, section 0.2, pillar 0.1, activity 0.1 — topic decides,
/// Strategy alignment and activity fit order the offers on the same topic.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::Weights;
///
/// let w = Weights::default();
/// assert_eq!(w.topic, 0.6);
/// assert!(Weights { topic: f64::NAN, ..w }.validate().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Weight of [`Components::topic`].
    pub topic: f64,
    /// Weight of [`Components::section`].
    pub section: f64,
    /// Weight of [`Components::pillar`].
    pub pillar: f64,
    /// Weight of [`Components::activity`].
    pub activity: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { topic: 0.6, section: 0.2, pillar: 0.1, activity: 0.1 }
    }
}

impl Weights {
    /// Checks that every weight is finite and non-negative and that they do not all
    /// vanish.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the first bad weight.
    pub fn validate(&self) -> Result<()> {
        for (name, w) in [
            ("weights.topic", self.topic),
            ("weights.section", self.section),
            ("weights.pillar", self.pillar),
            ("weights.activity", self.activity),
        ] {
            if !w.is_finite() || w < 0.0 {
                return Err(Error::config(name, format!("must be a finite number >= 0, got {w}")));
            }
        }
        if self.sum() <= 0.0 {
            return Err(Error::config("weights", "at least one weight must be above 0"));
        }
        Ok(())
    }

    fn sum(&self) -> f64 {
        self.topic + self.section + self.pillar + self.activity
    }

    /// The weighted mean of `c`, in [0, 1] for valid weights.
    pub fn combine(&self, c: &Components) -> f64 {
        let s = self.sum();
        if s <= 0.0 {
            return 0.0;
        }
        ((self.topic * c.topic
            + self.section * c.section
            + self.pillar * c.pillar
            + self.activity * c.activity)
            / s)
            .clamp(0.0, 1.0)
    }
}

/// Scores (need, offer) pairs of an [`Analysis`].
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::{Analysis, Scorer, Weights}};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
///   {"economy":"ROK","offers":[{"section":"A.1","text":"Single Window workshops for customs officials"},
///                              {"section":"B","text":"AML/CFT workshops on the FATF recommendations"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// let scorer = Scorer::new(&analysis, Weights::default());
/// let (good, c) = scorer.score(0, 0);
/// let (poor, _) = scorer.score(0, 1);
/// assert!(good > poor);
/// assert_eq!(c.section, 1.0);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Scorer<'a, 'c> {
    analysis: &'a Analysis<'c>,
    weights: Weights,
}

impl<'a, 'c> Scorer<'a, 'c> {
    /// A scorer over `analysis` with `weights` (validate them first; see
    /// [`Weights::validate`]).
    pub fn new(analysis: &'a Analysis<'c>, weights: Weights) -> Self {
        Scorer { analysis, weights }
    }

    /// The topic component alone, for need `i` and offer `j`.
    pub fn topic(&self, i: usize, j: usize) -> f64 {
        let a = self.analysis;
        soft_tfidf(a.needs.terms(i), a.offers.terms(j), |t| a.vocab.neighbours(t))
    }

    /// The score of need `i` against offer `j` (indices in corpus order) and its
    /// components. Does not check that the two belong to different parties.
    ///
    /// # Panics
    ///
    /// If `i` or `j` is out of range for the analysis.
    pub fn score(&self, i: usize, j: usize) -> (f64, Components) {
        let c = self.components_with_topic(i, j, self.topic(i, j));
        (self.weights.combine(&c), c)
    }

    #[allow(
        clippy::many_single_char_names,
        reason = "i/j/n/o/a/b: need and offer indices and sides, as everywhere in scoring"
    )]
    pub(crate) fn components_with_topic(&self, i: usize, j: usize, topic: f64) -> Components {
        let (n, o) = (&self.analysis.needs, &self.analysis.offers);
        let same = match (n.sections[i], o.sections[j]) {
            (NO_SECTION, _) | (_, NO_SECTION) => None,
            (a, b) => Some(a == b),
        };
        Components {
            topic,
            section: section_fit(same, n.areas[i], o.areas[j]),
            pillar: jaccard_bits(n.pillars[i], o.pillars[j], 0.5),
            activity: activity_fit_bits(n.activities[i], o.activities[j], 0.5),
        }
    }

    /// The weights in use.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }
}
