//! Matching configuration: a value, validated once.

use serde::{Deserialize, Serialize};

use crate::index::IndexLimits;
use crate::similarity::Weights;
use crate::{Error, Result};

/// How matches are scored, pruned and ranked.
///
/// Setters take and return `self`; [`MatchConfig::build`] validates once. Also
/// (de)serialisable from JSON, e.g. for `capmatch match --config FILE`, where
/// missing fields keep their defaults.
///
/// # Examples
///
/// ```
/// use capmatch::MatchConfig;
///
/// let config = MatchConfig::new().top_k(10).min_score(0.25).build()?;
/// assert_eq!(config.top_k, 10);
/// assert!(MatchConfig::new().top_k(0).build().is_err());
/// let from_json: MatchConfig = serde_json::from_str(r#"{"top_k": 3, "weights": {"topic": 0.8}}"#).unwrap();
/// assert_eq!(from_json.weights.topic, 0.8);
/// assert_eq!(from_json.weights.section, 0.15);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchConfig {
    /// Component weights (default [`Weights::default`]: topic 0.7, section 0.15,
    /// pillar 0.05, activity 0.1).
    pub weights: Weights,
    /// Offers kept per need (default 5; at least 1).
    pub top_k: usize,
    /// Lowest score a match may have (default 0.3, in [0, 1]). A need with no offer
    /// at or above it is unmet.
    pub min_score: f64,
    /// Lowest topic similarity a match may have (default 0.1, in [0, 1]): Strategy
    /// alignment alone never makes a match.
    pub min_topic: f64,
    /// Jaro–Winkler similarity from which two words are spelling neighbours
    /// (default 0.92, in [0.5, 1]; 1 turns fuzzy matching off).
    pub fuzzy_threshold: f64,
    /// Postings read per need by candidate generation (default 20,000; at least 1).
    pub posting_budget: usize,
    /// Candidates scored per need (default 100; at least 1).
    pub max_candidates: usize,
    /// Score every (need, offer) pair instead of using the index (default false).
    /// Quadratic: for measuring what pruning loses.
    pub exact: bool,
}

impl Default for MatchConfig {
    fn default() -> Self {
        let limits = IndexLimits::default();
        MatchConfig {
            weights: Weights::default(),
            top_k: 5,
            min_score: 0.3,
            min_topic: 0.1,
            fuzzy_threshold: 0.92,
            posting_budget: limits.posting_budget,
            max_candidates: limits.max_candidates,
            exact: false,
        }
    }
}

impl MatchConfig {
    /// The default configuration (same as `Default`).
    pub fn new() -> Self {
        MatchConfig::default()
    }

    /// Sets the component weights (default: topic 0.7, section 0.15, pillar 0.05,
    /// activity 0.1).
    #[must_use]
    pub fn weights(mut self, weights: Weights) -> Self {
        self.weights = weights;
        self
    }

    /// Sets how many offers are kept per need (default 5).
    #[must_use]
    pub fn top_k(mut self, k: usize) -> Self {
        self.top_k = k;
        self
    }

    /// Sets the lowest score of a match (default 0.3).
    #[must_use]
    pub fn min_score(mut self, s: f64) -> Self {
        self.min_score = s;
        self
    }

    /// Sets the lowest topic similarity of a match (default 0.1).
    #[must_use]
    pub fn min_topic(mut self, s: f64) -> Self {
        self.min_topic = s;
        self
    }

    /// Sets the spelling-neighbour threshold (default 0.92).
    #[must_use]
    pub fn fuzzy_threshold(mut self, t: f64) -> Self {
        self.fuzzy_threshold = t;
        self
    }

    /// Sets the posting budget per need (default 20,000).
    #[must_use]
    pub fn posting_budget(mut self, b: usize) -> Self {
        self.posting_budget = b;
        self
    }

    /// Sets the number of candidates scored per need (default 100).
    #[must_use]
    pub fn max_candidates(mut self, c: usize) -> Self {
        self.max_candidates = c;
        self
    }

    /// Scores every pair when `true` (default false).
    #[must_use]
    pub fn exact(mut self, exact: bool) -> Self {
        self.exact = exact;
        self
    }

    /// Validates the configuration.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the first invalid setting.
    pub fn build(self) -> Result<MatchConfig> {
        self.weights.validate()?;
        if self.top_k == 0 {
            return Err(Error::config("top", "must be at least 1, got 0"));
        }
        for (name, v) in [("min_score", self.min_score), ("min_topic", self.min_topic)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::config(name, format!("must be a number from 0 to 1, got {v}")));
            }
        }
        if !(0.5..=1.0).contains(&self.fuzzy_threshold) {
            return Err(Error::config(
                "fuzzy_threshold",
                format!("must be a number from 0.5 to 1, got {}", self.fuzzy_threshold),
            ));
        }
        if self.posting_budget == 0 {
            return Err(Error::config("posting_budget", "must be at least 1, got 0"));
        }
        if self.max_candidates == 0 {
            return Err(Error::config("max_candidates", "must be at least 1, got 0"));
        }
        Ok(self)
    }

    /// The index limits part of the configuration.
    pub fn limits(&self) -> IndexLimits {
        IndexLimits { posting_budget: self.posting_budget, max_candidates: self.max_candidates }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_values_are_named() {
        let e = |c: MatchConfig| c.build().unwrap_err().to_string();
        assert_eq!(e(MatchConfig::new().top_k(0)), "invalid configuration: top: must be at least 1, got 0");
        assert_eq!(
            e(MatchConfig::new().min_score(f64::NAN)),
            "invalid configuration: min_score: must be a number from 0 to 1, got NaN"
        );
        assert_eq!(
            e(MatchConfig::new().weights(Weights { section: -1.0, ..Weights::default() })),
            "invalid configuration: weights.section: must be a finite number >= 0, got -1"
        );
        assert_eq!(
            e(MatchConfig::new().weights(Weights { topic: f64::INFINITY, ..Weights::default() })),
            "invalid configuration: weights.topic: must be a finite number >= 0, got inf"
        );
        assert_eq!(
            e(MatchConfig::new().weights(Weights { topic: 0.0, section: 0.0, pillar: 0.0, activity: 0.0 })),
            "invalid configuration: weights: at least one weight must be above 0"
        );
        assert_eq!(
            e(MatchConfig::new().weights(Weights {
                topic: f64::MAX,
                section: f64::MAX,
                ..Weights::default()
            })),
            "invalid configuration: weights: their sum must be a finite number, got inf"
        );
    }
}
