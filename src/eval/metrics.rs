//! Figures of a scoring on labelled data: ranking, gap detection, calibration.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{HELPS, LabelledSet};
use crate::ItemId;

/// Ranking quality over the needs that have at least one offer of grade 1 or more.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RankingFigures {
    /// Mean nDCG@5 (gain 2^grade − 1, log2 discount).
    pub ndcg5: f64,
    /// Mean reciprocal rank of the first offer that helps (0 when none ranks).
    pub mrr: f64,
    /// Share of needs whose first offer helps.
    pub p1: f64,
    /// Needs judged.
    pub needs: usize,
}

/// Gap detection: the needs reported unmet against the labelled gaps.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct GapFigures {
    /// Labelled gaps.
    pub gaps: usize,
    /// Needs reported unmet.
    pub reported: usize,
    /// Labelled gaps reported unmet.
    pub found: usize,
    /// `found / reported` (1 when nothing is reported).
    pub precision: f64,
    /// `found / gaps` (1 when there are no gaps).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

/// One band of predicted probability: how many pairs, the mean prediction, the
/// observed share that help.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CalibrationBand {
    /// Lower bound of the band (inclusive).
    pub from: f64,
    /// Upper bound (exclusive, but 1 is in the last band).
    pub to: f64,
    /// Pairs in the band.
    pub pairs: usize,
    /// Mean predicted probability.
    pub predicted: f64,
    /// Share of the band's pairs whose grade is at least [`HELPS`].
    pub observed: f64,
}

/// Ranking figures of `score(need index, offer index)` on a labelled set: offers of
/// the need's own party are left out; ties are broken by offer id.
///
/// # Examples
///
/// ```
/// use capmatch::eval::{LabelledSet, ranking_figures};
///
/// let set = LabelledSet::from_json(r#"{"corpus": {"submissions": [
///     {"economy": "HKC", "needs": [{"id": "n1", "text": "x"}]},
///     {"economy": "ROK", "offers": [{"id": "o1", "text": "y"}, {"id": "o2", "text": "z"}]}]},
///   "qrels": [{"need": "n1", "offer": "o2", "grade": 3}]}"#, "t", "t.json")?;
/// let right = ranking_figures(&set, |_, j| j as f64);
/// let wrong = ranking_figures(&set, |_, j| -(j as f64));
/// assert_eq!((right.ndcg5, right.mrr, right.p1), (1.0, 1.0, 1.0));
/// assert_eq!(wrong.mrr, 0.5);
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn ranking_figures(set: &LabelledSet, score: impl Fn(usize, usize) -> f64) -> RankingFigures {
    let needs: Vec<_> = set.corpus.needs().collect();
    let offers: Vec<_> = set.corpus.offers().collect();
    let grades = grade_table(set);
    let mut total = RankingFigures::default();
    for (i, need) in needs.iter().enumerate() {
        let grade =
            |j: usize| grades.get(&(need.item.id.as_str(), offers[j].item.id.as_str())).copied().unwrap_or(0);
        let candidates: Vec<usize> =
            (0..offers.len()).filter(|&j| offers[j].submission.economy != need.submission.economy).collect();
        let mut ideal: Vec<u8> = candidates.iter().map(|&j| grade(j)).filter(|g| *g > 0).collect();
        if ideal.is_empty() {
            continue;
        }
        let mut ranked: Vec<(f64, usize)> = candidates.iter().map(|&j| (score(i, j), j)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(offers[a.1].item.id.cmp(&offers[b.1].item.id)));
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let dcg = |grades: &mut dyn Iterator<Item = u8>| -> f64 {
            grades
                .take(5)
                .enumerate()
                .map(|(r, g)| (2f64.powi(i32::from(g)) - 1.0) / ((r + 2) as f64).log2())
                .sum()
        };
        total.ndcg5 += dcg(&mut ranked.iter().map(|&(_, j)| grade(j))) / dcg(&mut ideal.iter().copied());
        total.mrr +=
            ranked.iter().position(|&(_, j)| grade(j) >= HELPS).map_or(0.0, |p| 1.0 / (p + 1) as f64);
        total.p1 += f64::from(u8::from(ranked.first().is_some_and(|&(_, j)| grade(j) >= HELPS)));
        total.needs += 1;
    }
    let n = total.needs.max(1) as f64;
    RankingFigures { ndcg5: total.ndcg5 / n, mrr: total.mrr / n, p1: total.p1 / n, needs: total.needs }
}

fn grade_table(set: &LabelledSet) -> BTreeMap<(&str, &str), u8> {
    set.grades.iter().map(|((n, o), g)| ((n.as_str(), o.as_str()), *g)).collect()
}

/// Gap figures of the needs reported `unmet` against the set's labelled gaps.
///
/// # Examples
///
/// ```
/// use capmatch::eval::gap_figures;
/// use std::collections::BTreeSet;
///
/// let id = |s: &str| capmatch::ItemId::new(s).unwrap();
/// let gaps: BTreeSet<_> = [id("a"), id("b")].into();
/// let reported: BTreeSet<_> = [id("b"), id("c")].into();
/// let f = gap_figures(&gaps, &reported);
/// assert_eq!((f.found, f.precision, f.recall), (1, 0.5, 0.5));
/// ```
pub fn gap_figures(gaps: &BTreeSet<ItemId>, unmet: &BTreeSet<ItemId>) -> GapFigures {
    let found = gaps.intersection(unmet).count();
    let precision = if unmet.is_empty() { 1.0 } else { found as f64 / unmet.len() as f64 };
    let recall = if gaps.is_empty() { 1.0 } else { found as f64 / gaps.len() as f64 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    GapFigures { gaps: gaps.len(), reported: unmet.len(), found, precision, recall, f1 }
}

/// A calibration table of (probability, helps) pairs in `bands` equal bands, and
/// the Brier score (mean squared error of the probability; lower is better).
///
/// # Examples
///
/// ```
/// use capmatch::eval::calibration;
///
/// let (bands, brier) = calibration(&[(0.9, true), (0.1, false), (0.8, false)], 2);
/// assert_eq!((bands[0].pairs, bands[1].pairs), (1, 2));
/// assert_eq!(bands[1].observed, 0.5);
/// assert!((brier - (0.01 + 0.01 + 0.64) / 3.0).abs() < 1e-12);
/// ```
pub fn calibration(pairs: &[(f64, bool)], bands: usize) -> (Vec<CalibrationBand>, f64) {
    let bands = bands.max(1);
    let mut out: Vec<CalibrationBand> = (0..bands)
        .map(|b| CalibrationBand {
            from: b as f64 / bands as f64,
            to: (b + 1) as f64 / bands as f64,
            ..CalibrationBand::default()
        })
        .collect();
    let mut brier = 0.0;
    for &(p, helps) in pairs {
        let b = ((p * bands as f64) as usize).min(bands - 1);
        let y = f64::from(u8::from(helps));
        out[b].pairs += 1;
        out[b].predicted += p;
        out[b].observed += y;
        brier += (p - y) * (p - y);
    }
    for band in &mut out {
        if band.pairs > 0 {
            band.predicted /= band.pairs as f64;
            band.observed /= band.pairs as f64;
        }
    }
    (out, if pairs.is_empty() { 0.0 } else { brier / pairs.len() as f64 })
}
