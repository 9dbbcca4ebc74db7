//! Labelled need pairs, and fitting the relevance model on them with
//! cross-validation grouped by economy.
//!
//! Two kinds of labels, both in the project's contracts:
//!
//! - **progress**: a directory of CTAP editions and `expected.json` in the
//!   progress contract (`tests/data/progress/dev`): for each pair of consecutive
//!   editions of an economy, every (later need, earlier need) pair, positive when
//!   linked;
//! - **clusters**: a corpus and its labelled groups in the clusters contract
//!   (`tests/data/clusters/dev.json` and `dev.expected.json`): every pair of needs,
//!   positive when in one cluster.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::model::{
    PLAIN_COUNT, PLAIN_FEATURES, RelevanceModel, SEMANTIC_COUNT, SEMANTIC_FEATURES, Variant, fit_variant,
};
use super::{NeedRelevance, one_to_one};
use crate::similarity::Analysis;
use crate::{Corpus, Error, Location, MatchConfig, Result};

/// Which question a labelled pair answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairKind {
    /// A need of an economy's later edition and one of its previous edition.
    Progress,
    /// Two needs of a regional demand data set (mostly of different economies).
    Clusters,
}

/// One labelled pair of needs (indices in the set's analysis need order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairLabel {
    /// The first need (for progress: the need of the later edition).
    pub a: usize,
    /// The second need (for progress: the need of the earlier edition).
    pub b: usize,
    /// Whether the two ask for the same thing.
    pub same: bool,
    /// The economy of `a`: pairs are assigned to cross-validation folds by it.
    pub group: String,
    /// For progress: the edition pair (`"PE 2012–2014"`), for link figures.
    pub edition: Option<String>,
}

/// A corpus with labelled need pairs of one kind.
#[derive(Debug, Clone)]
pub struct LabelledPairs {
    /// A short name (`progress/dev`).
    pub name: String,
    /// The kind of labels.
    pub kind: PairKind,
    /// The needs.
    pub corpus: Corpus,
    /// The labelled pairs, each unordered pair once.
    pub pairs: Vec<PairLabel>,
}

#[derive(Deserialize)]
struct ExpectedProgress {
    editions: Vec<ExpectedEdition>,
}

#[derive(Deserialize)]
struct ExpectedEdition {
    economy: String,
    from: u16,
    to: u16,
    persistent: Vec<ExpectedLink>,
}

#[derive(Deserialize)]
struct ExpectedLink {
    need: String,
    previous: String,
}

#[derive(Deserialize)]
struct ExpectedClusters {
    clusters: Vec<ExpectedCluster>,
}

#[derive(Deserialize)]
struct ExpectedCluster {
    needs: Vec<String>,
}

fn invalid(file: &Path, message: String) -> Error {
    Error::InvalidValue { at: Location::file(file.display().to_string()), path: String::new(), message }
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.display().to_string(), source })
}

impl LabelledPairs {
    /// Reads a progress directory: every `.json` and `.txt` file but
    /// `expected.json` is an input (loaded as `capmatch progress` loads them), and
    /// `expected.json` holds the links in the progress contract.
    ///
    /// # Errors
    ///
    /// Reading and parsing errors of the inputs; [`Error::InvalidValue`] when the
    /// labels do not parse or name an edition the inputs do not hold.
    pub fn progress(dir: &Path, name: &str) -> Result<LabelledPairs> {
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| Error::Io { path: dir.display().to_string(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json" || x == "txt")
                    && p.file_name().is_some_and(|f| f != "expected.json")
            })
            .collect();
        files.sort();
        let corpus = crate::input::load(&files, &crate::input::LoadOptions::default())?.corpus;
        let labels_path = dir.join("expected.json");
        let expected: ExpectedProgress = serde_json::from_str(&read_text(&labels_path)?)
            .map_err(|e| invalid(&labels_path, format!("not progress labels: {e}")))?;
        let index = need_index(&corpus);
        let mut pairs = Vec::new();
        for e in &expected.editions {
            let economy: crate::Party = e
                .economy
                .parse()
                .map_err(|_| invalid(&labels_path, format!("unknown economy {:?}", e.economy)))?;
            let edition = |year: u16| -> Vec<usize> {
                corpus
                    .needs()
                    .filter(|r| r.submission.economy == economy && r.submission.year == Some(year))
                    .filter_map(|r| index.get(r.item.id.as_str()).copied())
                    .collect()
            };
            let (later, earlier) = (edition(e.to), edition(e.from));
            if later.is_empty() || earlier.is_empty() {
                return Err(invalid(
                    &labels_path,
                    format!("{} {}–{}: no such editions", e.economy, e.from, e.to),
                ));
            }
            let links: BTreeSet<(&str, &str)> =
                e.persistent.iter().map(|l| (l.need.as_str(), l.previous.as_str())).collect();
            let label = format!("{economy} {}–{}", e.from, e.to);
            for &a in &later {
                for &b in &earlier {
                    let (ia, ib) = (id_at(&corpus, a), id_at(&corpus, b));
                    pairs.push(PairLabel {
                        a,
                        b,
                        same: links.contains(&(ia, ib)),
                        group: economy.to_string(),
                        edition: Some(label.clone()),
                    });
                }
            }
        }
        Ok(LabelledPairs { name: name.to_string(), kind: PairKind::Progress, corpus, pairs })
    }

    /// Reads a clusters corpus and its labels (`{"clusters": [{"needs": [ids]}]}`):
    /// every unordered pair of needs, positive when in one cluster.
    ///
    /// # Errors
    ///
    /// Reading errors of the corpus; [`Error::InvalidValue`] when the labels do not
    /// parse or name an unknown need.
    pub fn clusters(corpus_path: &Path, labels_path: &Path, name: &str) -> Result<LabelledPairs> {
        let corpus = crate::input::load(&[corpus_path], &crate::input::LoadOptions::default())?.corpus;
        let expected: ExpectedClusters = serde_json::from_str(&read_text(labels_path)?)
            .map_err(|e| invalid(labels_path, format!("not cluster labels: {e}")))?;
        let index = need_index(&corpus);
        let mut cluster_of: BTreeMap<usize, usize> = BTreeMap::new();
        for (k, c) in expected.clusters.iter().enumerate() {
            for id in &c.needs {
                let i = *index
                    .get(id.as_str())
                    .ok_or_else(|| invalid(labels_path, format!("unknown need {id:?}")))?;
                cluster_of.insert(i, k);
            }
        }
        let analysis_order: Vec<(usize, String)> =
            corpus.needs().enumerate().map(|(i, r)| (i, r.submission.economy.to_string())).collect();
        let mut pairs = Vec::new();
        for (x, (a, group)) in analysis_order.iter().enumerate() {
            for (b, _) in &analysis_order[x + 1..] {
                let same = matches!((cluster_of.get(a), cluster_of.get(b)), (Some(p), Some(q)) if p == q);
                pairs.push(PairLabel { a: *a, b: *b, same, group: group.clone(), edition: None });
            }
        }
        Ok(LabelledPairs { name: name.to_string(), kind: PairKind::Clusters, corpus, pairs })
    }
}

/// Need id → index in corpus (= analysis) need order.
fn need_index(corpus: &Corpus) -> BTreeMap<&str, usize> {
    corpus.needs().enumerate().map(|(i, r)| (r.item.id.as_str(), i)).collect()
}

fn id_at(corpus: &Corpus, i: usize) -> &str {
    corpus.needs().nth(i).map_or("", |r| r.item.id.as_str())
}

/// One labelled pair with its features: every feature this build computes
/// ([`NeedRelevance::feature_names`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PairScore {
    /// Which set (index into the sets given).
    pub set: usize,
    /// The label.
    pub label: PairLabel,
    /// The features.
    pub features: Vec<f64>,
}

fn scores(sets: &[LabelledPairs]) -> Vec<PairScore> {
    let mut out = Vec::new();
    for (k, set) in sets.iter().enumerate() {
        let analysis = Analysis::new(&set.corpus, MatchConfig::new().fuzzy_threshold);
        let relevance = NeedRelevance::new(&analysis);
        out.extend(set.pairs.iter().map(|p| PairScore {
            set: k,
            label: p.clone(),
            features: relevance.features(p.a, p.b),
        }));
    }
    out
}

/// Precision, recall and F1 of pair (or link) decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Positive labels.
    pub labelled: usize,
    /// Positive decisions.
    pub predicted: usize,
    /// Positive decisions that are positive labels.
    pub correct: usize,
    /// correct / predicted (1 when nothing is predicted).
    pub precision: f64,
    /// correct / labelled (1 when nothing is labelled).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Figures {
    /// Figures from counts.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::plan::relevance::Figures;
    ///
    /// let f = Figures::new(10, 8, 6);
    /// assert_eq!((f.precision, f.recall), (0.75, 0.6));
    /// assert!((f.f1 - 2.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn new(labelled: usize, predicted: usize, correct: usize) -> Figures {
        let precision = if predicted == 0 { 1.0 } else { correct as f64 / predicted as f64 };
        let recall = if labelled == 0 { 1.0 } else { correct as f64 / labelled as f64 };
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Figures { labelled, predicted, correct, precision, recall, f1 }
    }
}

/// What the relevance measured on labelled pairs at a threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitFigures {
    /// The threshold.
    pub threshold: f64,
    /// Pairs of the progress kind, decided by probability ≥ threshold alone.
    pub progress_pairs: Figures,
    /// Progress links after the one-to-one assignment per edition pair, at
    /// `threshold`.
    pub progress_links: Figures,
    /// The threshold for progress links alone ([`Variant::link_threshold`](super::Variant::link_threshold)).
    pub link_threshold: f64,
    /// Progress links at `link_threshold`: what `capmatch progress` gives.
    pub links: Figures,
    /// Pairs of the clusters kind, by probability ≥ threshold.
    pub cluster_pairs: Figures,
    /// Mean log-loss of the probabilities.
    pub log_loss: f64,
}

/// Figures of probabilities `probs` (one per score) at threshold `t`.
fn figures_at(
    sets: &[LabelledPairs],
    scores: &[PairScore],
    probs: &[f64],
    t: f64,
    link_t: f64,
) -> FitFigures {
    let count = |kind: PairKind| {
        let mut f = (0, 0, 0);
        for (s, &p) in scores.iter().zip(probs).filter(|(s, _)| sets[s.set].kind == kind) {
            f.0 += usize::from(s.label.same);
            f.1 += usize::from(p >= t);
            f.2 += usize::from(s.label.same && p >= t);
        }
        Figures::new(f.0, f.1, f.2)
    };
    // Links: one-to-one per edition pair.
    let mut editions: BTreeMap<(usize, &str), Vec<(usize, f64)>> = BTreeMap::new();
    for (k, s) in scores.iter().enumerate() {
        if let Some(e) = &s.label.edition {
            editions.entry((s.set, e)).or_default().push((k, probs[k]));
        }
    }
    let links_at = |t: f64| {
        let (mut labelled, mut predicted, mut correct) = (0, 0, 0);
        for rows in editions.values() {
            let mut a_ids: Vec<usize> = rows.iter().map(|&(k, _)| scores[k].label.a).collect();
            let mut b_ids: Vec<usize> = rows.iter().map(|&(k, _)| scores[k].label.b).collect();
            a_ids.sort_unstable();
            a_ids.dedup();
            b_ids.sort_unstable();
            b_ids.dedup();
            let mut matrix = vec![vec![0.0; b_ids.len()]; a_ids.len()];
            let mut same = vec![vec![false; b_ids.len()]; a_ids.len()];
            for &(k, p) in rows {
                let (Ok(r), Ok(c)) =
                    (a_ids.binary_search(&scores[k].label.a), b_ids.binary_search(&scores[k].label.b))
                else {
                    continue;
                };
                matrix[r][c] = p;
                same[r][c] = scores[k].label.same;
                labelled += usize::from(scores[k].label.same);
            }
            for (r, c, _) in one_to_one(&matrix, t) {
                predicted += 1;
                correct += usize::from(same[r][c]);
            }
        }
        Figures::new(labelled, predicted, correct)
    };
    let log_loss = scores
        .iter()
        .zip(probs)
        .map(|(s, p)| -(if s.label.same { p.max(1e-15).ln() } else { (1.0 - p).max(1e-15).ln() }))
        .sum::<f64>()
        / scores.len().max(1) as f64;
    let progress_links = links_at(t);
    FitFigures {
        threshold: t,
        progress_pairs: count(PairKind::Progress),
        progress_links,
        link_threshold: link_t,
        links: if link_t == t { progress_links } else { links_at(link_t) },
        cluster_pairs: count(PairKind::Clusters),
        log_loss,
    }
}

/// The threshold that maximises the mean of the progress link F1 and the
/// cluster pair F1 (each use counts once, whatever its number of pairs); among
/// equal means, the midpoint of the best range.
fn best_threshold(sets: &[LabelledPairs], scores: &[PairScore], probs: &[f64]) -> f64 {
    let kinds: BTreeSet<PairKind> = sets.iter().map(|s| s.kind).collect();
    best_on_grid(|t| {
        let f = figures_at(sets, scores, probs, t, t);
        let mut total = 0.0;
        if kinds.contains(&PairKind::Progress) {
            total += f.progress_links.f1;
        }
        if kinds.contains(&PairKind::Clusters) {
            total += f.cluster_pairs.f1;
        }
        total / kinds.len().max(1) as f64
    })
}

/// The threshold that maximises the progress link F1 alone.
fn best_link_threshold(sets: &[LabelledPairs], scores: &[PairScore], probs: &[f64]) -> f64 {
    best_on_grid(|t| figures_at(sets, scores, probs, t, t).progress_links.f1)
}

/// The hundredth in (0, 1) with the highest `score`; among equal scores, the
/// midpoint of the first run of best values.
fn best_on_grid(score: impl Fn(f64) -> f64) -> f64 {
    let grid: Vec<f64> = (1..100).map(|k| f64::from(k) / 100.0).collect();
    let values: Vec<f64> = grid.iter().map(|&t| score(t)).collect();
    let best = values.iter().copied().fold(f64::MIN, f64::max);
    let top: Vec<f64> =
        grid.iter().zip(&values).filter(|(_, v)| **v >= best - 1e-12).map(|(t, _)| *t).collect();
    // The midpoint of the first run of best thresholds.
    let first = top.first().copied().unwrap_or(0.5);
    let mut last = first;
    for &t in &top[1.min(top.len())..] {
        if (t - last - 0.01).abs() < 1e-9 {
            last = t;
        } else {
            break;
        }
    }
    f64::midpoint(first, last)
}

/// Cross-validation folds.
const FOLDS: u64 = 5;
/// L2 penalties tried.
const L2: [f64; 4] = [0.01, 0.1, 1.0, 10.0];

/// FNV-1a of a string: a fixed hash for assigning groups to folds.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Fits one variant over the first `N` features of each score: L2 chosen by
/// out-of-fold log-loss (folds by economy), threshold chosen on the out-of-fold
/// probabilities; returns the variant fitted on every pair, and the out-of-fold
/// figures at its threshold.
fn fit_one<const N: usize>(
    name: &str,
    features: [&str; N],
    sets: &[LabelledPairs],
    scores: &[PairScore],
) -> (Variant, FitFigures) {
    let row = |s: &PairScore| -> ([f64; N], bool) { (std::array::from_fn(|k| s.features[k]), s.label.same) };
    let fold = |s: &PairScore| fnv(&s.label.group) % FOLDS;
    let mut best: Option<(f64, f64, Vec<f64>)> = None;
    let mut losses = Vec::new();
    for l2 in L2 {
        let mut oof = vec![0.0; scores.len()];
        for f in 0..FOLDS {
            let train: Vec<([f64; N], bool)> = scores.iter().filter(|s| fold(s) != f).map(row).collect();
            let v = fit_variant(name, features, &train, l2);
            for (k, s) in scores.iter().enumerate().filter(|(_, s)| fold(s) == f) {
                oof[k] = v.probability_of(&s.features[..N]);
            }
        }
        let loss = figures_at(sets, scores, &oof, 0.5, 0.5).log_loss;
        losses.push((l2, loss));
        if best.as_ref().is_none_or(|b| loss < b.1) {
            best = Some((l2, loss, oof));
        }
    }
    let (l2, _, oof) = best.unwrap_or((1.0, 0.0, vec![0.0; scores.len()]));
    let threshold = best_threshold(sets, scores, &oof);
    let link_threshold = best_link_threshold(sets, scores, &oof);
    let figures = figures_at(sets, scores, &oof, threshold, link_threshold);
    let all: Vec<([f64; N], bool)> = scores.iter().map(row).collect();
    let mut variant = fit_variant(name, features, &all, l2);
    variant.threshold = threshold;
    variant.link_threshold = Some(link_threshold);
    variant.fit = serde_json::json!({
        "sets": sets.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "pairs": scores.len(),
        "same_pairs": scores.iter().filter(|s| s.label.same).count(),
        "folds": FOLDS,
        "grouped_by": "economy",
        "l2": l2,
        "log_loss_by_l2": losses,
        "cross_validation": figures,
    });
    (variant, figures)
}

/// Fits the relevance model on labelled development sets: the `plain` variant
/// always, the `semantic` variant with the `semantic` feature (a build without it
/// keeps the compiled-in one). Returns the model and each fitted variant's
/// out-of-fold figures.
///
/// Deterministic: folds by a fixed hash of the economy, Newton's method from zero.
pub fn fit(sets: &[LabelledPairs]) -> (RelevanceModel, Vec<(String, FitFigures)>) {
    let scores = scores(sets);
    let mut model = RelevanceModel::builtin().clone();
    let mut figures = Vec::new();
    let (plain, f) = fit_one("plain", PLAIN_FEATURES, sets, &scores);
    figures.push(("plain".to_string(), f));
    let mut variants = vec![plain];
    if scores.first().is_none_or(|s| s.features.len() >= SEMANTIC_COUNT) && cfg!(feature = "semantic") {
        let (semantic, f) = fit_one("semantic", SEMANTIC_FEATURES, sets, &scores);
        figures.push(("semantic".to_string(), f));
        variants.insert(0, semantic);
    } else {
        variants.insert(0, model.variant("semantic").clone());
    }
    debug_assert_eq!(PLAIN_COUNT, PLAIN_FEATURES.len());
    model.variants = variants;
    (model, figures)
}

/// The figures of a fitted variant on labelled sets (for held-out data: nothing is
/// fitted or tuned), at the variant's threshold.
pub fn pair_figures(variant: &Variant, sets: &[LabelledPairs]) -> FitFigures {
    let scores = scores(sets);
    let n = variant.features.len();
    let probs: Vec<f64> =
        scores.iter().map(|s| variant.probability_of(&s.features[..n.min(s.features.len())])).collect();
    figures_at(sets, &scores, &probs, variant.threshold, variant.link_threshold())
}

/// A fitted variant's figures as one line of text.
pub fn fit_report(f: &FitFigures) -> String {
    let line = |name: &str, x: &Figures| {
        format!(
            "{name} P {:.3} R {:.3} F1 {:.3} ({} of {} found, {} predicted)",
            x.precision, x.recall, x.f1, x.correct, x.labelled, x.predicted
        )
    };
    format!(
        "threshold {:.3} | {} | {} | {} | link threshold {:.3} | {} | log-loss {:.4}",
        f.threshold,
        line("progress pairs", &f.progress_pairs),
        line("progress links", &f.progress_links),
        line("cluster pairs", &f.cluster_pairs),
        f.link_threshold,
        line("links", &f.links),
        f.log_loss
    )
}
