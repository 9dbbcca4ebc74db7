//! Matching configuration: a value, validated once.

use serde::{Deserialize, Serialize};

use crate::index::IndexLimits;
use crate::similarity::Model;
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
/// let from_json: MatchConfig = serde_json::from_str(r#"{"top_k": 3}"#).unwrap();
/// assert_eq!((from_json.top_k, from_json.min_score), (3, MatchConfig::new().min_score));
/// // The hand weights of capmatch 0.1 are gone: the score is a fitted probability.
/// let old = serde_json::from_str::<MatchConfig>(r#"{"weights": {"topic": 0.8}}"#);
/// assert!(old.unwrap_err().to_string().starts_with("weights: no longer used"));
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ConfigFile")]
pub struct MatchConfig {
    /// Offers kept per need (default 5; at least 1).
    pub top_k: usize,
    /// Lowest score (match probability) a match may have (default: the model's
    /// `partial` threshold, [`Model::builtin`]; in [0, 1]). A need with no offer at
    /// or above it is unmet.
    pub min_score: f64,
    /// Lowest topic similarity a match may have (default 0, in [0, 1]). Whatever the
    /// setting, a pair that shares neither a word nor a related concept is never a
    /// match: Strategy alignment alone never makes one.
    pub min_topic: f64,
    /// Jaro–Winkler similarity from which two words are spelling neighbours
    /// (default 0.92, in [0.5, 1]; 1 turns fuzzy matching off).
    pub fuzzy_threshold: f64,
    /// Postings read per need by candidate generation (default 20,000; at least 1).
    /// A corpus of more than a million offers gets more: at least
    /// [`MatchConfig::POSTING_SHARE`] of its offers (see [`MatchConfig::limits_for`]).
    pub posting_budget: usize,
    /// Candidates scored per need (default 100; at least 1). A corpus of fewer than
    /// [`MatchConfig::FULL_CANDIDATES_FROM`] offers gets fewer, in proportion to its
    /// size (see [`MatchConfig::limits_for`]).
    pub max_candidates: usize,
    /// Score every (need, offer) pair instead of using the index (default false).
    /// Quadratic: for measuring what pruning loses.
    pub exact: bool,
}

/// The message for a configuration that still sets the hand weights of capmatch 0.1.
const WEIGHTS_GONE: &str = "weights: no longer used: the score is now a match probability from a model \
    fitted on labelled pairs (see \"How matches are scored\" in the README); set min_score, or read the \
    tiers \"partial\" and \"strong\"";

/// [`MatchConfig`] as read from JSON, with the settings that no longer exist.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConfigFile {
    top_k: usize,
    min_score: f64,
    min_topic: f64,
    fuzzy_threshold: f64,
    posting_budget: usize,
    max_candidates: usize,
    exact: bool,
    weights: Option<serde::de::IgnoredAny>,
}

impl Default for ConfigFile {
    fn default() -> Self {
        let c = MatchConfig::default();
        ConfigFile {
            top_k: c.top_k,
            min_score: c.min_score,
            min_topic: c.min_topic,
            fuzzy_threshold: c.fuzzy_threshold,
            posting_budget: c.posting_budget,
            max_candidates: c.max_candidates,
            exact: c.exact,
            weights: None,
        }
    }
}

impl TryFrom<ConfigFile> for MatchConfig {
    type Error = &'static str;

    fn try_from(f: ConfigFile) -> std::result::Result<Self, Self::Error> {
        if f.weights.is_some() {
            return Err(WEIGHTS_GONE);
        }
        Ok(MatchConfig {
            top_k: f.top_k,
            min_score: f.min_score,
            min_topic: f.min_topic,
            fuzzy_threshold: f.fuzzy_threshold,
            posting_budget: f.posting_budget,
            max_candidates: f.max_candidates,
            exact: f.exact,
        })
    }
}

impl Default for MatchConfig {
    fn default() -> Self {
        let limits = IndexLimits::default();
        MatchConfig {
            top_k: 5,
            min_score: Model::builtin().thresholds.partial,
            min_topic: 0.0,
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

    /// Sets how many offers are kept per need (default 5).
    #[must_use]
    pub fn top_k(mut self, k: usize) -> Self {
        self.top_k = k;
        self
    }

    /// Sets the lowest score of a match (default: the model's `partial` threshold).
    #[must_use]
    pub fn min_score(mut self, s: f64) -> Self {
        self.min_score = s;
        self
    }

    /// Sets the lowest topic similarity of a match (default 0).
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

    /// The smallest share of the offers that candidate generation reads per need,
    /// whatever `posting_budget` says: 2%, so the default budget of 20,000 holds up
    /// to a million offers and grows beyond (not measured there). With the
    /// conjunctive keys of [`PREFIX`](crate::index::PREFIX) = 10 terms, a larger
    /// budget found fewer planted pairs, not more, on the synthetic corpus of a
    /// million (seed 7, 2,000-need sample, recall@10): 10,000 postings 0.705, 20,000
    /// 0.716, 40,000 0.700, 80,000 0.681 — reading more common terms lets in offers
    /// of the need's topic that the scorer ranks above the planted one (scoring
    /// every offer found 0.625). With 6 key terms the share was 8%, the only way
    /// then to keep the index's recall near that of scoring every offer.
    pub const POSTING_SHARE: f64 = 0.02;

    /// The corpus size, in offers, from which every need keeps `max_candidates`
    /// candidates. A smaller corpus keeps a share of them in proportion to its
    /// offers, down to 40% at [`MatchConfig::FEWEST_CANDIDATES_FROM`] offers and
    /// below, and never fewer than `top_k` (unless `max_candidates` is fewer).
    ///
    /// The index's pool (at least [`MIN_POOL`](crate::index::MIN_POOL) offers,
    /// re-ranked with the texts' meanings) is a better filter than the scorer's
    /// full features where a topic has few offers, and a worse one where it has
    /// many. Recall@10 of planted pairs with 100 candidates against 40, 50 or 70
    /// (`--config` with `max_candidates`; a pool of about 800 offers in each case):
    ///
    /// | corpus (needs × offers, seed) | 100 | 70 | 50 | 40 |
    /// |---|---|---|---|---|
    /// | second generator 30k, seed 7 | 0.5571 | 0.5604 | 0.5633 | 0.5651 |
    /// | own 30k, seed 7 | 0.9062 | 0.9141 | 0.9194 | 0.9235 |
    /// | second generator 30k, seeds 11 / 13 | 0.5535 / 0.5529 | | | 0.5608 / 0.5599 |
    /// | own 30k, seed 11 | 0.9008 | | | 0.9193 |
    /// | second generator 50k, seed 17 | 0.4938 | 0.4937 | 0.4917 | 0.4907 |
    /// | own 50k, seed 17 | 0.8745 | 0.8819 | 0.8888 | 0.8941 |
    /// | second generator 100k, seed 13 | 0.4512 | 0.4455 | 0.4383 | 0.4335 |
    /// | own 100k, seed 11 | 0.8412 | | | 0.8585 |
    ///
    /// Seed 7 at 30k chose 40; the others were run after (the 100k second-generator
    /// run set where the full count starts). Fewer candidates cost less to score:
    /// at 30k, 25–30% less CPU time in ranking.
    pub const FULL_CANDIDATES_FROM: usize = 100_000;

    /// The corpus size, in offers, below which the candidates per need stop
    /// shrinking (see [`MatchConfig::FULL_CANDIDATES_FROM`]): 40% of
    /// `max_candidates`.
    pub const FEWEST_CANDIDATES_FROM: usize = 40_000;

    /// The index limits part of the configuration, as given.
    pub fn limits(&self) -> IndexLimits {
        IndexLimits { posting_budget: self.posting_budget, max_candidates: self.max_candidates }
    }

    /// The index limits for a corpus of `offers` offers: the posting budget is at
    /// least [`MatchConfig::POSTING_SHARE`] of them, and the candidates per need
    /// are `max_candidates` from [`MatchConfig::FULL_CANDIDATES_FROM`] offers on,
    /// fewer below (never fewer than `top_k`, never more than `max_candidates`).
    ///
    /// ```
    /// use capmatch::MatchConfig;
    ///
    /// let config = MatchConfig::new().build()?;
    /// assert_eq!(config.limits_for(100_000).posting_budget, 20_000);
    /// assert_eq!(config.limits_for(1_000_000).posting_budget, 20_000);
    /// assert_eq!(config.limits_for(2_000_000).posting_budget, 40_000);
    /// let candidates = |offers| config.limits_for(offers).max_candidates;
    /// assert_eq!((candidates(1_000), candidates(30_000), candidates(50_000)), (40, 40, 50));
    /// assert_eq!((candidates(100_000), candidates(1_000_000)), (100, 100));
    /// let top_60 = MatchConfig::new().top_k(60).build()?;
    /// assert_eq!(top_60.limits_for(30_000).max_candidates, 60);
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn limits_for(&self, offers: usize) -> IndexLimits {
        let share = (offers as f64 * Self::POSTING_SHARE) as usize;
        let size = offers.clamp(Self::FEWEST_CANDIDATES_FROM, Self::FULL_CANDIDATES_FROM);
        let scaled =
            (self.max_candidates as u128 * size as u128).div_ceil(Self::FULL_CANDIDATES_FROM as u128);
        let candidates =
            usize::try_from(scaled).unwrap_or(usize::MAX).max(self.top_k).min(self.max_candidates);
        IndexLimits { posting_budget: self.posting_budget.max(share), max_candidates: candidates }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_grow_with_the_corpus_between_top_k_and_max_candidates() {
        for (top_k, max_candidates) in
            [(1, 1), (5, 100), (10, 100), (60, 100), (200, 100), (3, 7), (1, usize::MAX)]
        {
            let config = MatchConfig::new().top_k(top_k).max_candidates(max_candidates).build().unwrap();
            let mut before = 0;
            for offers in [0, 1, 39_999, 40_000, 40_001, 70_000, 99_999, 100_000, 100_001, 10_000_000] {
                let c = config.limits_for(offers).max_candidates;
                assert!(
                    c <= max_candidates && c >= top_k.min(max_candidates),
                    "{top_k} {max_candidates} {offers}: {c}"
                );
                assert!(c >= before, "{top_k} {max_candidates} {offers}: {c} after {before}");
                before = c;
            }
            assert_eq!(config.limits_for(100_000).max_candidates, max_candidates);
        }
    }

    #[test]
    fn invalid_values_are_named() {
        let e = |c: MatchConfig| c.build().unwrap_err().to_string();
        assert_eq!(e(MatchConfig::new().top_k(0)), "invalid configuration: top: must be at least 1, got 0");
        assert_eq!(
            e(MatchConfig::new().min_score(f64::NAN)),
            "invalid configuration: min_score: must be a number from 0 to 1, got NaN"
        );
        let old = serde_json::from_str::<MatchConfig>(r#"{"top_k": 3, "weights": {"topic": 0.8}}"#);
        assert_eq!(old.unwrap_err().to_string(), WEIGHTS_GONE);
    }

    #[test]
    fn the_default_minimum_is_the_partial_threshold() {
        assert_eq!(MatchConfig::new().min_score, Model::builtin().thresholds.partial);
        assert!(MatchConfig::new().build().is_ok());
    }
}
