//! The match probability: a logistic model over the score's components, fitted on
//! labelled (need, offer) pairs, and the tiers its thresholds define.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Components;
use crate::{Error, Location, Result};

/// The model's features, in coefficient order.
///
/// - `topic`, `concept`, `section`, `pillar`, `activity`: the [`Components`];
/// - `no_concept`: 1 when the need names no concept of the graph (so a concept
///   credit of 0 says nothing), else 0.
pub const FEATURES: [&str; 7] =
    ["topic", "concept", "no_concept", "section", "pillar", "activity", "semantic"];

/// The number of features.
pub const FEATURE_COUNT: usize = FEATURES.len();

/// The index of `concept` in [`FEATURES`].
pub(crate) const CONCEPT: usize = 1;

/// The index of `section` in [`FEATURES`].
const SECTION: usize = 3;

/// The index of `pillar` in [`FEATURES`].
const PILLAR: usize = 4;

/// The index of `activity` in [`FEATURES`].
const ACTIVITY: usize = 5;

/// The index of `semantic` in [`FEATURES`].
pub(crate) const SEMANTIC: usize = 6;

/// The model compiled into the crate, refitted by `cargo run --release --example
/// fit_model -- --write` (see `tests/model_fit.rs`): `src/similarity/model.json`
/// with the `semantic` feature, `src/similarity/model-plain.json` (fitted with the
/// semantic component 0) without it.
#[cfg(feature = "semantic")]
pub const MODEL_SOURCE: &str = include_str!("model.json");

/// The model compiled into the crate, refitted by `cargo run --release --example
/// fit_model -- --write` (see `tests/model_fit.rs`): `src/similarity/model.json`
/// with the `semantic` feature, `src/similarity/model-plain.json` (fitted with the
/// semantic component 0) without it.
#[cfg(not(feature = "semantic"))]
pub const MODEL_SOURCE: &str = include_str!("model-plain.json");

/// How well an offer meets a need, by its probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Below the `partial` threshold: shown only when the minimum score is lowered.
    Weak,
    /// At or above `partial`: the offer probably helps; a need with such an offer is
    /// not a gap.
    Partial,
    /// At or above `strong`: offers this likely help with a precision of at least
    /// 0.8 on the labelled data.
    Strong,
}

impl Tier {
    /// The tier's name as written in output ("strong", "partial", "weak").
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Weak => "weak",
            Tier::Partial => "partial",
            Tier::Strong => "strong",
        }
    }
}

/// Each feature's contribution to a match's log-odds (coefficient × value) and the
/// intercept: the probability is `1 / (1 + exp(-(intercept + Σ contributions)))`.
/// Rounded to 4 decimals, as in the match JSON.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Contributions {
    /// The model's intercept.
    pub intercept: f64,
    /// From [`Components::topic`].
    pub topic: f64,
    /// From [`Components::concept`].
    pub concept: f64,
    /// From a need that names no concept (see [`FEATURES`]).
    pub no_concept: f64,
    /// From [`Components::section`].
    pub section: f64,
    /// From [`Components::pillar`].
    pub pillar: f64,
    /// From [`Components::activity`].
    pub activity: f64,
    /// From [`Components::semantic`].
    pub semantic: f64,
}

/// The model's two thresholds on the probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// The lowest probability of a `partial` match: chosen by cross-validation to
    /// maximise gap F1 (a gap is a need with no offer at or above it).
    pub partial: f64,
    /// The lowest probability of a `strong` match: the lowest threshold at which the
    /// offers above it help with a precision of at least 0.8 in cross-validation.
    pub strong: f64,
}

/// A logistic model: `probability = 1 / (1 + exp(-(intercept + Σ coefficient · feature)))`.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::{Components, Model, Tier};
///
/// let model = Model::builtin();
/// let strong = Components { topic: 0.6, concept: 1.0, section: 1.0, pillar: 1.0, activity: 1.0, semantic: 0.8 };
/// let unrelated = Components { topic: 0.05, concept: 0.0, section: 1.0, pillar: 1.0, activity: 1.0, semantic: 0.2 };
/// assert!(model.probability(&strong, true) > model.thresholds.strong);
/// assert_eq!(model.tier(model.probability(&unrelated, true)), Tier::Weak);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// What the model is and how it was made.
    pub description: String,
    /// The feature names, as in [`FEATURES`].
    pub features: Vec<String>,
    /// The intercept (log-odds of a match when every feature is 0).
    pub intercept: f64,
    /// One coefficient per feature.
    pub coefficients: Vec<f64>,
    /// The tier thresholds.
    pub thresholds: Thresholds,
    /// How the model was fitted and what cross-validation measured (free-form,
    /// written by the fitting example).
    #[serde(default)]
    pub fit: serde_json::Value,
}

impl Model {
    /// The model compiled into the crate.
    ///
    /// # Panics
    ///
    /// Never in a released build: the compiled-in model is checked by this crate's
    /// tests.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        // Part of the crate, validated by a unit test: not input.
        MODEL.get_or_init(|| {
            Model::from_json(MODEL_SOURCE, "model.json").expect("the compiled-in model is valid")
        })
    }

    /// Reads and validates a model in the JSON form of `src/similarity/model.json`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] when the JSON does not parse, the features are not
    /// [`FEATURES`], a coefficient is not finite, or the thresholds are not
    /// `0 < partial <= strong < 1`.
    pub fn from_json(json: &str, file: &str) -> Result<Model> {
        let invalid =
            |message: String| Error::InvalidValue { at: Location::file(file), path: String::new(), message };
        let model: Model = serde_json::from_str(json).map_err(|e| invalid(format!("not a model: {e}")))?;
        if model.features != FEATURES {
            return Err(invalid(format!("features must be {FEATURES:?}, got {:?}", model.features)));
        }
        if model.coefficients.len() != FEATURE_COUNT
            || !model.intercept.is_finite()
            || model.coefficients.iter().any(|c| !c.is_finite())
        {
            return Err(invalid(format!("needs {FEATURE_COUNT} finite coefficients and a finite intercept")));
        }
        let Thresholds { partial, strong } = model.thresholds;
        if !(partial > 0.0 && partial <= strong && strong < 1.0) {
            return Err(invalid(format!(
                "thresholds must be 0 < partial <= strong < 1, got {partial} and {strong}"
            )));
        }
        Ok(model)
    }

    /// A model with every coefficient 0 (probability 0.5 everywhere), for scoring
    /// components without depending on the compiled-in model.
    pub(crate) fn zero() -> Model {
        Model {
            description: String::new(),
            features: FEATURES.iter().map(ToString::to_string).collect(),
            intercept: 0.0,
            coefficients: vec![0.0; FEATURE_COUNT],
            thresholds: Thresholds { partial: 0.5, strong: 0.5 },
            fit: serde_json::Value::Null,
        }
    }

    /// The feature vector of a pair's components; `need_has_concepts` says whether
    /// the need names any concept of the graph.
    pub fn features(c: &Components, need_has_concepts: bool) -> [f64; FEATURE_COUNT] {
        [
            c.topic,
            c.concept,
            if need_has_concepts { 0.0 } else { 1.0 },
            c.section,
            c.pillar,
            c.activity,
            c.semantic,
        ]
    }

    /// Each feature's contribution to the log-odds (coefficient × value), and the
    /// intercept, rounded to 4 decimals.
    pub fn contributions(&self, c: &Components, need_has_concepts: bool) -> Contributions {
        let x = Model::features(c, need_has_concepts);
        let k = |k: usize| round4(self.coefficients[k] * x[k]);
        Contributions {
            intercept: round4(self.intercept),
            topic: k(0),
            concept: k(1),
            no_concept: k(2),
            section: k(3),
            pillar: k(4),
            activity: k(5),
            semantic: k(6),
        }
    }

    /// The probability that the offer helps the need, in [0, 1].
    pub fn probability(&self, c: &Components, need_has_concepts: bool) -> f64 {
        self.probability_of(&Model::features(c, need_has_concepts))
    }

    /// What the section, pillar and activity components of `c` add to the
    /// log-odds (the others are not read).
    pub(crate) fn profile_log_odds(&self, c: &Components) -> f64 {
        self.coefficients[SECTION] * c.section
            + self.coefficients[PILLAR] * c.pillar
            + self.coefficients[ACTIVITY] * c.activity
    }

    /// The most log-odds a match can have whose components are `c`, except that
    /// the features at `unknown` (indices into [`FEATURES`], each a component in
    /// [0, 1]) may take any value: an upper bound, to tell that a match cannot
    /// matter before its costlier components are computed.
    ///
    /// Each unknown feature counts at 1 where its coefficient is positive and at 0
    /// where it is not, so no term of the sum is below the true one. Rounding keeps
    /// that order, so the bound is never below the log-odds of the completed
    /// components as [`Model::probability`] sums them.
    pub(crate) fn log_odds_at_most(&self, c: &Components, need_has_concepts: bool, unknown: &[usize]) -> f64 {
        let mut x = Model::features(c, need_has_concepts);
        for &k in unknown {
            if let (Some(x), Some(&b)) = (x.get_mut(k), self.coefficients.get(k)) {
                *x = if b > 0.0 { 1.0 } else { 0.0 };
            }
        }
        self.log_odds_of(&x)
    }

    /// The log-odds of a feature vector.
    fn log_odds_of(&self, x: &[f64; FEATURE_COUNT]) -> f64 {
        self.intercept + self.coefficients.iter().zip(x).map(|(b, x)| b * x).sum::<f64>()
    }

    /// The probability of a feature vector, in [0, 1].
    pub fn probability_of(&self, x: &[f64; FEATURE_COUNT]) -> f64 {
        sigmoid(self.log_odds_of(x))
    }

    /// The tier of a probability.
    pub fn tier(&self, probability: f64) -> Tier {
        if probability >= self.thresholds.strong {
            Tier::Strong
        } else if probability >= self.thresholds.partial {
            Tier::Partial
        } else {
            Tier::Weak
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The logistic function, in [0, 1] for any finite input.
pub(crate) fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Fits a logistic regression with an L2 penalty `l2` on the coefficients (not on
/// the intercept) by Newton's method: returns (intercept, coefficients).
///
/// Deterministic: the same rows in the same order give the same bits.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::fit_logistic;
///
/// // One feature that separates the classes well, plus noise.
/// let rows: Vec<([f64; 1], bool)> = (0..200)
///     .map(|k| { let x = (k % 10) as f64 / 10.0; ([x], (k * 7919) % 10 < (k % 10)) })
///     .collect();
/// let (b0, b) = fit_logistic(&rows, 0.1);
/// assert!(b[0] > 1.0 && b0 < 0.0);
/// ```
pub fn fit_logistic<const N: usize>(rows: &[([f64; N], bool)], l2: f64) -> (f64, [f64; N]) {
    // Parameters: θ[0] the intercept, θ[1..] the coefficients; each row is read as
    // (1, x) so that the intercept is one more coefficient.
    let dim = N + 1;
    let mut theta = vec![0.0f64; dim];
    let augmented = |x: &[f64; N]| -> Vec<f64> { std::iter::once(1.0).chain(x.iter().copied()).collect() };
    for _ in 0..100 {
        let mut gradient = vec![0.0f64; dim];
        let mut hessian = vec![vec![0.0f64; dim]; dim];
        for (x, label) in rows {
            let xs = augmented(x);
            let p = sigmoid(theta.iter().zip(&xs).map(|(t, v)| t * v).sum());
            let residual = p - f64::from(u8::from(*label));
            let weight = (p * (1.0 - p)).max(1e-12);
            for (row, (g, xa)) in hessian.iter_mut().zip(gradient.iter_mut().zip(&xs)) {
                *g += residual * xa;
                for (h, xb) in row.iter_mut().zip(&xs) {
                    *h += weight * xa * xb;
                }
            }
        }
        // The penalty applies to the coefficients, not to the intercept.
        for k in 1..dim {
            gradient[k] += l2 * theta[k];
            hessian[k][k] += l2;
        }
        let step = solve(hessian, gradient);
        let change = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        for (t, s) in theta.iter_mut().zip(&step) {
            *t -= s;
        }
        if change < 1e-10 {
            break;
        }
    }
    (theta[0], std::array::from_fn(|k| theta[k + 1]))
}

/// Solves `matrix · x = rhs` by Gaussian elimination with partial pivoting (a
/// small, symmetric positive definite system); a vanishing pivot leaves that
/// unknown at 0.
fn solve(mut matrix: Vec<Vec<f64>>, mut rhs: Vec<f64>) -> Vec<f64> {
    let size = rhs.len();
    for col in 0..size {
        let pivot = (col..size)
            .max_by(|&r1, &r2| matrix[r1][col].abs().total_cmp(&matrix[r2][col].abs()))
            .unwrap_or(col);
        matrix.swap(col, pivot);
        rhs.swap(col, pivot);
        let head = matrix[col][col];
        if head.abs() < 1e-300 {
            continue;
        }
        let (upper, lower) = matrix.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let factor = row[col] / head;
            if factor != 0.0 {
                for (cell, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                    *cell -= factor * p;
                }
                rhs[col + 1 + offset] -= factor * rhs[col];
            }
        }
    }
    let mut solution = vec![0.0; size];
    for row in (0..size).rev() {
        let head = matrix[row][row];
        if head.abs() < 1e-300 {
            continue;
        }
        let known: f64 = (row + 1..size).map(|k| matrix[row][k] * solution[k]).sum();
        solution[row] = (rhs[row] - known) / head;
    }
    solution
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_is_valid() {
        let m = Model::builtin();
        assert_eq!(m.features, FEATURES);
        assert!(m.thresholds.partial <= m.thresholds.strong);
    }

    #[test]
    fn the_feature_indices_name_their_features() {
        assert_eq!((FEATURES[CONCEPT], FEATURES[SEMANTIC]), ("concept", "semantic"));
        assert_eq!(
            (FEATURES[SECTION], FEATURES[PILLAR], FEATURES[ACTIVITY]),
            ("section", "pillar", "activity")
        );
    }

    /// Whatever values the unknown components take in [0, 1], and whatever the
    /// coefficients' signs, the log-odds stay at or below the bound.
    #[test]
    fn the_log_odds_bound_holds_for_every_completion() {
        let grid = [0.0, 0.1, 0.37, 0.5, 0.999, 1.0];
        let mut negative = Model::builtin().clone();
        negative.coefficients[CONCEPT] = -2.5;
        for model in [Model::builtin(), &negative] {
            let triples =
                grid.iter().flat_map(|&t| grid.iter().flat_map(move |&c| grid.map(move |s| (t, c, s))));
            for (topic, concept, semantic) in triples {
                for has_concepts in [false, true] {
                    let c = Components { topic, section: 0.6, pillar: 0.5, activity: 0.9, concept, semantic };
                    let z = model.log_odds_of(&Model::features(&c, has_concepts));
                    let known = Components { concept: 0.0, semantic: 0.0, ..c };
                    let both = model.log_odds_at_most(&known, has_concepts, &[CONCEPT, SEMANTIC]);
                    let meaning =
                        model.log_odds_at_most(&Components { semantic: 0.0, ..c }, has_concepts, &[SEMANTIC]);
                    assert!(z <= meaning && meaning <= both, "{c:?}: {z} {meaning} {both}");
                }
            }
        }
        // With nothing unknown, the bound is the log-odds themselves.
        let c =
            Components { topic: 0.3, section: 1.0, pillar: 0.5, activity: 0.5, concept: 0.2, semantic: 0.7 };
        let m = Model::builtin();
        assert_eq!(m.log_odds_at_most(&c, true, &[]), m.log_odds_of(&Model::features(&c, true)));
    }

    #[test]
    fn sigmoid_is_stable_and_bounded() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(-1000.0) >= 0.0 && sigmoid(-1000.0) < 1e-300);
        assert_eq!(sigmoid(1000.0), 1.0);
    }

    #[test]
    fn fitting_recovers_known_coefficients() {
        // Rows drawn exactly at their model probabilities: y = 1 for a share p(x) of
        // the rows at each x. The fit must land near the generating parameters.
        let (b0, b1) = (-2.0, 4.0);
        let mut rows = Vec::new();
        for k in 0..=20 {
            let x = f64::from(k) / 20.0;
            let p = sigmoid(b0 + b1 * x);
            let ones = (p * 1000.0).round() as usize;
            for r in 0..1000 {
                rows.push(([x], r < ones));
            }
        }
        let (i, c) = fit_logistic(&rows, 0.0);
        assert!((i - b0).abs() < 0.02 && (c[0] - b1).abs() < 0.04, "{i} {c:?}");
    }

    #[test]
    fn invalid_models_are_refused() {
        let bad = MODEL_SOURCE.replace("\"no_concept\"", "\"nothing\"");
        assert!(
            Model::from_json(&bad, "m.json").unwrap_err().to_string().starts_with("m.json: features must be")
        );
        assert!(Model::from_json("{}", "m.json").is_err());
    }
}
