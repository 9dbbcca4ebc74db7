//! Fitting the match model on labelled sets, with cross-validation grouped by need.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::metrics::{
    CalibrationBand, GapFigures, RankingFigures, calibration, gap_figures, ranking_figures,
};
use super::{HELPS, LabelledSet};
use crate::similarity::{Analysis, FEATURE_COUNT, FEATURES, Model, Scorer, Thresholds, fit_logistic};
use crate::{ItemId, MatchConfig};

/// One judged or unjudged (need, offer) pair of a labelled set, with its features.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairRow {
    /// Which set (index into the sets given).
    pub set: usize,
    /// The need's index in the set's corpus order.
    pub need_index: usize,
    /// The offer's index in the set's corpus order.
    pub offer_index: usize,
    /// The need's id.
    pub need: ItemId,
    /// The offer's id.
    pub offer: ItemId,
    /// The model's features ([`FEATURES`]).
    pub features: [f64; FEATURE_COUNT],
    /// The label (0 when not judged).
    pub grade: u8,
}

impl PairRow {
    /// Whether the offer helps the need (grade ≥ [`HELPS`]).
    pub fn helps(&self) -> bool {
        self.grade >= HELPS
    }
}

/// Every (need, offer) pair of different parties in `set`, scored exactly (no
/// candidate pruning), with its features; `set_index` is stored in each row.
pub fn pair_rows(set: &LabelledSet, set_index: usize) -> Vec<PairRow> {
    let analysis = Analysis::new(&set.corpus, MatchConfig::new().fuzzy_threshold);
    // Components only: the fit must not depend on the model it replaces.
    let zero = Model::zero();
    let scorer = Scorer::new(&analysis, &zero);
    let grades: BTreeMap<(&str, &str), u8> =
        set.grades.iter().map(|((n, o), g)| ((n.as_str(), o.as_str()), *g)).collect();
    let mut rows = Vec::new();
    for i in 0..analysis.need_count() {
        let need = analysis.need(i);
        let has_concepts = scorer.need_has_concepts(i);
        for j in 0..analysis.offer_count() {
            let offer = analysis.offer(j);
            if offer.submission.economy == need.submission.economy {
                continue;
            }
            let (_, components) = scorer.score(i, j);
            rows.push(PairRow {
                set: set_index,
                need_index: i,
                offer_index: j,
                need: need.item.id.clone(),
                offer: offer.item.id.clone(),
                features: Model::features(&components, has_concepts),
                grade: grades.get(&(need.item.id.as_str(), offer.item.id.as_str())).copied().unwrap_or(0),
            });
        }
    }
    rows
}

/// Settings of [`fit`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitOptions {
    /// Cross-validation folds (needs are assigned to folds, never split).
    pub folds: usize,
    /// L2 penalties tried; the one with the lowest out-of-fold log-loss is used.
    pub l2: Vec<f64>,
    /// The precision the offers above the `strong` threshold must reach.
    pub strong_precision: f64,
    /// The fewest out-of-fold pairs above the `strong` threshold for its precision
    /// to count.
    pub strong_min_pairs: usize,
    /// Whether the semantic component takes part; `false` fits the model for builds
    /// without the `semantic` feature (the component is 0 there).
    pub semantic: bool,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            folds: 5,
            l2: vec![0.01, 0.1, 1.0, 10.0],
            strong_precision: 0.8,
            strong_min_pairs: 20,
            semantic: cfg!(feature = "semantic"),
        }
    }
}

/// What cross-validation measured: out-of-fold predictions and the figures and
/// thresholds chosen from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossValidation {
    /// The L2 penalty chosen.
    pub l2: f64,
    /// Out-of-fold mean log-loss per L2 penalty tried.
    pub log_loss: Vec<(f64, f64)>,
    /// The thresholds chosen on the out-of-fold predictions.
    pub thresholds: Thresholds,
    /// Gap detection at the `partial` threshold, out of fold.
    pub gaps: GapFigures,
    /// Ranking by out-of-fold probability (over all sets, weighted by needs).
    pub ranking: RankingFigures,
    /// Precision of the out-of-fold pairs at or above `strong`.
    pub strong_precision: f64,
    /// Out-of-fold pairs at or above `strong`.
    pub strong_pairs: usize,
    /// Calibration of the out-of-fold probabilities, in tenths.
    pub calibration: Vec<CalibrationBand>,
    /// Brier score of the out-of-fold probabilities.
    pub brier: f64,
}

/// Fits the match model on `sets`: chooses the L2 penalty and the two thresholds by
/// cross-validation grouped by need (a need's pairs are all in one fold), then fits
/// the coefficients on every pair. Returns the model (its `fit` member describes the
/// fit) and the cross-validation figures.
///
/// Deterministic: folds are assigned by a fixed hash of the need ids.
pub fn fit(sets: &[LabelledSet], options: &FitOptions) -> (Model, CrossValidation) {
    let mut rows: Vec<PairRow> = sets.iter().enumerate().flat_map(|(k, s)| pair_rows(s, k)).collect();
    if !options.semantic
        && let Some(k) = FEATURES.iter().position(|f| *f == "semantic")
    {
        for r in &mut rows {
            r.features[k] = 0.0;
        }
    }
    let folds = options.folds.max(2);
    let fold_of = |id: &ItemId| (fnv(id.as_str()) % folds as u64) as usize;
    let data: Vec<([f64; FEATURE_COUNT], bool)> = rows.iter().map(|r| (r.features, r.helps())).collect();

    let mut best: Option<(f64, f64, Vec<f64>)> = None;
    let mut log_loss = Vec::new();
    for &l2 in &options.l2 {
        let mut oof = vec![0.0; rows.len()];
        for f in 0..folds {
            let train: Vec<_> =
                rows.iter().zip(&data).filter(|(r, _)| fold_of(&r.need) != f).map(|(_, d)| *d).collect();
            let (b0, b) = fit_logistic(&train, l2);
            let model = model_with(b0, b, Thresholds { partial: 0.5, strong: 0.5 });
            for (k, r) in rows.iter().enumerate() {
                if fold_of(&r.need) == f {
                    oof[k] = model.probability_of(&r.features);
                }
            }
        }
        let loss = rows
            .iter()
            .zip(&oof)
            .map(|(r, p)| -(if r.helps() { p.max(1e-15).ln() } else { (1.0 - p).max(1e-15).ln() }))
            .sum::<f64>()
            / rows.len().max(1) as f64;
        log_loss.push((l2, loss));
        if best.as_ref().is_none_or(|b| loss < b.1) {
            best = Some((l2, loss, oof));
        }
    }
    let (l2, _, oof) = best.unwrap_or((1.0, 0.0, vec![0.0; rows.len()]));

    let partial = best_gap_threshold(sets, &rows, &oof);
    let (strong, strong_precision, strong_pairs) = strong_threshold(&rows, &oof, partial, options);
    let thresholds = Thresholds { partial, strong };
    let gaps = gaps_at(sets, &rows, &oof, partial);
    let ranking = oof_ranking(sets, &rows, &oof);
    let pairs: Vec<(f64, bool)> = rows.iter().zip(&oof).map(|(r, p)| (*p, r.helps())).collect();
    let (calibration, brier) = calibration(&pairs, 10);

    let (b0, b) = fit_logistic(&data, l2);
    let mut model = model_with(b0, b, thresholds);
    let cv = CrossValidation {
        l2,
        log_loss,
        thresholds,
        gaps,
        ranking,
        strong_precision,
        strong_pairs,
        calibration,
        brier,
    };
    model.fit = serde_json::json!({
        "sets": sets.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "pairs": rows.len(),
        "helping_pairs": rows.iter().filter(|r| r.helps()).count(),
        "options": options,
        "cross_validation": cv,
    });
    (model, cv)
}

fn model_with(intercept: f64, coefficients: [f64; FEATURE_COUNT], thresholds: Thresholds) -> Model {
    Model { intercept, coefficients: coefficients.to_vec(), thresholds, ..Model::zero() }
}

/// Each need's best probability (0 for a need with no pair), per set.
fn need_maxima(sets: &[LabelledSet], rows: &[PairRow], probs: &[f64]) -> Vec<(usize, ItemId, f64)> {
    let mut best: BTreeMap<(usize, &ItemId), f64> = BTreeMap::new();
    for (k, s) in sets.iter().enumerate() {
        for n in s.corpus.needs() {
            best.insert((k, &n.item.id), 0.0);
        }
    }
    for (r, p) in rows.iter().zip(probs) {
        if let Some(b) = best.get_mut(&(r.set, &r.need)) {
            *b = b.max(*p);
        }
    }
    best.into_iter().map(|((k, id), p)| (k, id.clone(), p)).collect()
}

/// Gap figures at threshold `t` (need ids are unique across the sets fitted
/// together: the relevance files use distinct prefixes).
fn gaps_at(sets: &[LabelledSet], rows: &[PairRow], probs: &[f64], t: f64) -> GapFigures {
    let unmet: BTreeSet<ItemId> =
        need_maxima(sets, rows, probs).into_iter().filter(|m| m.2 < t).map(|m| m.1).collect();
    let gaps: BTreeSet<ItemId> = sets.iter().flat_map(LabelledSet::gaps).collect();
    gap_figures(&gaps, &unmet)
}

/// The threshold that maximises the out-of-fold gap F1, averaged over bootstrap
/// resamples of the needs: F1 over one sample of a hundred needs is a jagged
/// function of the threshold whose highest point moves with every need added;
/// its average over resamples is smooth, and its highest point stable.
///
/// Candidates are the midpoints between consecutive need maxima. Resampling is
/// seeded, so the choice is the same on every run.
fn best_gap_threshold(sets: &[LabelledSet], rows: &[PairRow], probs: &[f64]) -> f64 {
    let gaps: BTreeSet<ItemId> = sets.iter().flat_map(LabelledSet::gaps).collect();
    let needs: Vec<(bool, f64)> =
        need_maxima(sets, rows, probs).into_iter().map(|(_, id, p)| (gaps.contains(&id), p)).collect();
    let mut maxima: Vec<f64> = needs.iter().map(|n| n.1).collect();
    maxima.sort_by(f64::total_cmp);
    maxima.dedup();
    let candidates: Vec<f64> = maxima.windows(2).map(|w| f64::midpoint(w[0], w[1])).collect();
    let mut mean_f1 = vec![0.0; candidates.len()];
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..BOOTSTRAP {
        let sample: Vec<(bool, f64)> = (0..needs.len())
            .map(|_| {
                // xorshift64*: a fixed, portable sequence.
                rng ^= rng >> 12;
                rng ^= rng << 25;
                rng ^= rng >> 27;
                let k = (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % needs.len();
                needs[k]
            })
            .collect();
        for (f1, &t) in mean_f1.iter_mut().zip(&candidates) {
            *f1 += f1_at(&sample, t) / f64::from(BOOTSTRAP);
        }
    }
    let best = (0..candidates.len()).max_by(|&a, &b| mean_f1[a].total_cmp(&mean_f1[b]).then(b.cmp(&a)));
    best.map_or(0.5, |k| candidates[k]).clamp(0.01, 0.99)
}

/// Bootstrap resamples for choosing the `partial` threshold.
const BOOTSTRAP: u32 = 200;

/// Gap F1 of (is a gap, best probability) needs at threshold `t`.
fn f1_at(needs: &[(bool, f64)], t: f64) -> f64 {
    let (mut found, mut reported, mut gaps) = (0usize, 0usize, 0usize);
    for &(gap, p) in needs {
        let unmet = p < t;
        gaps += usize::from(gap);
        reported += usize::from(unmet);
        found += usize::from(gap && unmet);
    }
    if found == 0 {
        return 0.0;
    }
    let (precision, recall) = (found as f64 / reported as f64, found as f64 / gaps as f64);
    2.0 * precision * recall / (precision + recall)
}

/// The lowest threshold at or above `partial` whose out-of-fold pairs (at least
/// `strong_min_pairs`) help with the required precision: (threshold, precision, pairs).
fn strong_threshold(
    rows: &[PairRow],
    probs: &[f64],
    partial: f64,
    options: &FitOptions,
) -> (f64, f64, usize) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    let (mut helps, mut best) = (0usize, None);
    for (n, &k) in order.iter().enumerate() {
        helps += usize::from(rows[k].helps());
        let pairs = n + 1;
        let precision = helps as f64 / pairs as f64;
        let t = probs[k];
        if t < partial {
            break;
        }
        let next_differs = order.get(n + 1).is_none_or(|&k2| probs[k2] < t);
        if next_differs && pairs >= options.strong_min_pairs && precision >= options.strong_precision {
            best = Some((t, precision, pairs));
        }
    }
    best.unwrap_or((partial.max(0.9), 0.0, 0))
}

fn oof_ranking(sets: &[LabelledSet], rows: &[PairRow], probs: &[f64]) -> RankingFigures {
    let mut total = RankingFigures::default();
    for (k, set) in sets.iter().enumerate() {
        let table: BTreeMap<(usize, usize), f64> = rows
            .iter()
            .zip(probs)
            .filter(|(r, _)| r.set == k)
            .map(|(r, p)| ((r.need_index, r.offer_index), *p))
            .collect();
        let f = ranking_figures(set, |i, j| table.get(&(i, j)).copied().unwrap_or(0.0));
        let n = f.needs as f64;
        total.ndcg5 += f.ndcg5 * n;
        total.mrr += f.mrr * n;
        total.p1 += f.p1 * n;
        total.needs += f.needs;
    }
    let n = total.needs.max(1) as f64;
    RankingFigures { ndcg5: total.ndcg5 / n, mrr: total.mrr / n, p1: total.p1 / n, needs: total.needs }
}

/// FNV-1a of a string: a fixed hash for assigning needs to folds.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
