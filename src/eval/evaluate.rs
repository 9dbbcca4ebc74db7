//! Figures of the whole matcher on one labelled set, as a user runs it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::metrics::{
    CalibrationBand, GapFigures, RankingFigures, calibration, gap_figures, ranking_figures,
};
use super::{HELPS, LabelledSet, TfIdf};
use crate::graph::Ranking;
use crate::similarity::{Analysis, Model, Scorer};
use crate::{ItemId, MatchConfig, Result};

/// What [`evaluate`] measures on one labelled set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetFigures {
    /// The set's name.
    pub set: String,
    /// Ranking of `match --top 10 --min-score 0` (offers outside the top 10 rank
    /// after it, by id).
    pub ranking: RankingFigures,
    /// Gap detection of `unmet_needs` with the configuration given.
    pub gaps: GapFigures,
    /// Calibration of every pair's probability, in tenths.
    pub calibration: Vec<CalibrationBand>,
    /// Brier score of every pair's probability.
    pub brier: f64,
    /// Ranking by plain TF-IDF cosine ([`TfIdf`]).
    pub baseline: RankingFigures,
}

/// Measures the matcher on `set`: the ranking of the top 10 at minimum score 0,
/// the needs `config` leaves unmet against the labelled gaps, the calibration of
/// the probability over every pair of different parties, and the TF-IDF baseline.
///
/// # Errors
///
/// [`Error::Config`](crate::Error::Config) if `config` is invalid.
pub fn evaluate(set: &LabelledSet, config: &MatchConfig) -> Result<SetFigures> {
    let config = config.build()?;
    let analysis = Analysis::new(&set.corpus, config.fuzzy_threshold);

    let top10 = config.top_k(10).min_score(0.0).build()?;
    let ranked = Ranking::new(&analysis, &top10);
    let mut listed: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for i in 0..analysis.need_count() {
        for r in ranked.ranked(i) {
            listed.insert((i, r.offer as usize), r.score);
        }
    }
    let ranking = ranking_figures(set, |i, j| listed.get(&(i, j)).copied().unwrap_or(-1.0));

    let unmet: BTreeSet<ItemId> =
        Ranking::new(&analysis, &config).unmet().into_iter().map(|r| r.item.id.clone()).collect();
    let gaps = gap_figures(&set.gaps(), &unmet);

    let scorer = Scorer::new(&analysis, Model::builtin());
    let mut pairs = Vec::new();
    for i in 0..analysis.need_count() {
        let need = analysis.need(i);
        for j in 0..analysis.offer_count() {
            let offer = analysis.offer(j);
            if offer.submission.economy != need.submission.economy {
                let p = scorer.score(i, j).0;
                pairs.push((p, set.grade(need.item.id.as_str(), offer.item.id.as_str()) >= HELPS));
            }
        }
    }
    let (calibration, brier) = calibration(&pairs, 10);

    let tfidf = TfIdf::new(&set.corpus);
    let baseline = ranking_figures(set, |i, j| tfidf.cosine(i, j));
    Ok(SetFigures { set: set.name.clone(), ranking, gaps, calibration, brier, baseline })
}

/// Gap figures of the TF-IDF baseline on `set`: a need is unmet when no offer of
/// another party reaches cosine `threshold`.
pub fn baseline_gaps(set: &LabelledSet, threshold: f64) -> GapFigures {
    let tfidf = TfIdf::new(&set.corpus);
    let needs: Vec<_> = set.corpus.needs().collect();
    let offers: Vec<_> = set.corpus.offers().collect();
    let unmet: BTreeSet<ItemId> = needs
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            !offers.iter().enumerate().any(|(j, o)| {
                o.submission.economy != n.submission.economy && tfidf.cosine(*i, j) >= threshold
            })
        })
        .map(|(_, n)| n.item.id.clone())
        .collect();
    gap_figures(&set.gaps(), &unmet)
}
