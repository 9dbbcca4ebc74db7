//! The relevance model as data: logistic coefficients over the pair features and
//! the threshold, one variant per feature set (with and without the semantic
//! cosine), read from `model.json` beside this file.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::similarity::fit_logistic;
use crate::{Error, Location, Result};

/// The pair features every build computes, in coefficient order.
///
/// - `overlap`: what the two needs share, by words or by concepts, whichever says
///   more: the symmetric soft TF-IDF of their term vectors (words, concepts and
///   adjacent-term pairs, spelling neighbours counted; the mean of both
///   directions), or the `concept` credit when that is higher. A restatement in
///   other words shows in the concepts, a topic the concept graph does not know
///   shows in the words: either is evidence (on the development pairs this did
///   better, out of fold, than the soft TF-IDF alone);
/// - `concept`: graded concept credit in both directions (the concept graph's
///   relation credit), averaged; kinds of assistance (training, workshop) are left
///   out, since two needs asking for a workshop ask for the same thing only if the
///   workshop is on the same topic;
/// - `specific`: the strongest single concept link, times the specificity of the
///   less specific of the two concepts (a shared leaf concept is strong evidence, a
///   shared broad field is not);
/// - `no_concept`: 1 when either need names no topical concept (so a credit of 0
///   says nothing), else 0;
/// - `section`: 1 for the same CTAP section, 0.6 for the same Strategy area, 0 for
///   different areas, 0.5 when either is unknown;
/// - `restated`: 1 when both needs are of one party in different editions (the
///   question progress between editions asks), else 0. An economy restates most of
///   its needs from one edition to the next, while needs of one edition, or of
///   different economies, are mostly different: the same evidence means more here.
pub const PLAIN_FEATURES: [&str; PLAIN_COUNT] =
    ["overlap", "concept", "specific", "no_concept", "section", "restated"];

/// The number of [`PLAIN_FEATURES`].
pub const PLAIN_COUNT: usize = 6;

/// [`PLAIN_FEATURES`] and `semantic`: the cosine of the two needs' static sentence
/// vectors (`similarity::semantic`, with the `semantic` feature), clamped to [0, 1].
pub const SEMANTIC_FEATURES: [&str; SEMANTIC_COUNT] =
    ["overlap", "concept", "specific", "no_concept", "section", "restated", "semantic"];

/// The number of [`SEMANTIC_FEATURES`].
pub const SEMANTIC_COUNT: usize = 7;

/// The model compiled into the crate (`src/plan/relevance/model.json`), refitted by
/// `cargo run --release --example fit_relevance -- --write` (checked by
/// `tests/relevance_fit.rs`).
pub const RELEVANCE_SOURCE: &str = include_str!("model.json");

/// One fitted variant: a logistic model over one feature set, and its threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// `"semantic"` (over [`SEMANTIC_FEATURES`]) or `"plain"` (over [`PLAIN_FEATURES`]).
    pub name: String,
    /// The feature names, in coefficient order.
    pub features: Vec<String>,
    /// The intercept.
    pub intercept: f64,
    /// One coefficient per feature.
    pub coefficients: Vec<f64>,
    /// The lowest probability at which two needs ask for the same thing: chosen on
    /// out-of-fold probabilities to maximise the mean of the progress link F1 and
    /// the cluster pair F1 (used by regional demand).
    pub threshold: f64,
    /// The lowest probability at which a need of an economy's later edition is
    /// linked to one of its previous edition: chosen on out-of-fold probabilities to
    /// maximise the progress link F1 alone. Linking is one-to-one between two lists
    /// of one economy's needs, so it can accept weaker pairs than grouping needs
    /// of the whole region. Absent in older models: [`Variant::threshold`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_threshold: Option<f64>,
    /// What cross-validation measured (free-form, written by the fitting example).
    #[serde(default)]
    pub fit: serde_json::Value,
}

impl Variant {
    /// The threshold for linking needs across an economy's editions
    /// ([`Variant::link_threshold`], else [`Variant::threshold`]).
    pub fn link_threshold(&self) -> f64 {
        self.link_threshold.unwrap_or(self.threshold)
    }

    /// The probability of a feature vector, in [0, 1]. Missing features count as 0.
    pub fn probability_of(&self, x: &[f64]) -> f64 {
        let z = self.intercept + self.coefficients.iter().zip(x).map(|(b, x)| b * x).sum::<f64>();
        sigmoid(z)
    }

    /// A variant with the coefficients `fit_logistic` returned.
    pub fn from_fit<const N: usize>(name: &str, features: [&str; N], fitted: (f64, [f64; N])) -> Variant {
        Variant {
            name: name.to_string(),
            features: features.iter().map(ToString::to_string).collect(),
            intercept: fitted.0,
            coefficients: fitted.1.to_vec(),
            threshold: 0.5,
            link_threshold: None,
            fit: serde_json::Value::Null,
        }
    }
}

/// The need ↔ need relevance model: one [`Variant`] per feature set.
///
/// # Examples
///
/// ```
/// use capmatch::plan::relevance::RelevanceModel;
///
/// let model = RelevanceModel::builtin();
/// let v = model.active();
/// assert!(v.threshold > 0.0 && v.threshold < 1.0);
/// assert_eq!(v.coefficients.len(), v.features.len());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelevanceModel {
    /// What the model is and how it was made.
    pub description: String,
    /// The variants (`semantic`, `plain`).
    pub variants: Vec<Variant>,
}

impl RelevanceModel {
    /// The model compiled into the crate.
    ///
    /// # Panics
    ///
    /// Never in a released build: the compiled-in model is checked by this crate's
    /// tests.
    pub fn builtin() -> &'static RelevanceModel {
        static MODEL: OnceLock<RelevanceModel> = OnceLock::new();
        // Part of the crate, validated by a unit test: not input.
        MODEL.get_or_init(|| {
            RelevanceModel::from_json(RELEVANCE_SOURCE, "relevance/model.json")
                .expect("the compiled-in relevance model is valid")
        })
    }

    /// Reads and validates a model in the JSON form of `model.json`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] when the JSON does not parse, a variant is missing or
    /// its features are not the expected ones, a coefficient is not finite, or a
    /// threshold is not in (0, 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::plan::relevance::RelevanceModel;
    ///
    /// let err = RelevanceModel::from_json(r#"{"description": "", "variants": []}"#, "r.json").unwrap_err();
    /// assert_eq!(err.to_string(), "r.json: variant \"plain\" is missing");
    /// ```
    pub fn from_json(json: &str, file: &str) -> Result<RelevanceModel> {
        let invalid =
            |message: String| Error::InvalidValue { at: Location::file(file), path: String::new(), message };
        let model: RelevanceModel =
            serde_json::from_str(json).map_err(|e| invalid(format!("not a relevance model: {e}")))?;
        for (name, features) in [("plain", &PLAIN_FEATURES[..]), ("semantic", &SEMANTIC_FEATURES[..])] {
            let Some(v) = model.variants.iter().find(|v| v.name == name) else {
                return Err(invalid(format!("variant {name:?} is missing")));
            };
            if v.features != features {
                return Err(invalid(format!("{name}: features must be {features:?}, got {:?}", v.features)));
            }
            if v.coefficients.len() != features.len()
                || !v.intercept.is_finite()
                || v.coefficients.iter().any(|c| !c.is_finite())
            {
                return Err(invalid(format!("{name}: needs {} finite coefficients", features.len())));
            }
            for (what, t) in [("threshold", v.threshold), ("link_threshold", v.link_threshold())] {
                if !(t > 0.0 && t < 1.0) {
                    return Err(invalid(format!("{name}: {what} must be in (0, 1), got {t}")));
                }
            }
        }
        Ok(model)
    }

    /// The variant this build uses: `semantic` with the `semantic` feature, else
    /// `plain`.
    pub fn active(&self) -> &Variant {
        self.variant(ACTIVE)
    }

    /// The variant named `name` (`"semantic"` or `"plain"`), falling back to the
    /// first one.
    ///
    /// # Panics
    ///
    /// If the model has no variant at all (a validated model has both).
    pub fn variant(&self, name: &str) -> &Variant {
        self.variants.iter().find(|v| v.name == name).unwrap_or(&self.variants[0])
    }
}

/// The variant of this build.
#[cfg(feature = "semantic")]
pub(crate) const ACTIVE: &str = "semantic";
/// The variant of this build.
#[cfg(not(feature = "semantic"))]
pub(crate) const ACTIVE: &str = "plain";

/// The logistic function, in [0, 1] for any finite input.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Fits a variant over `N` features on labelled rows with an L2 penalty (the
/// crate's one logistic fitter, [`fit_logistic`]).
pub(crate) fn fit_variant<const N: usize>(
    name: &str,
    features: [&str; N],
    rows: &[([f64; N], bool)],
    l2: f64,
) -> Variant {
    Variant::from_fit(name, features, fit_logistic(rows, l2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_is_valid() {
        let m = RelevanceModel::builtin();
        assert_eq!(m.variant("plain").features, PLAIN_FEATURES);
        assert_eq!(m.variant("semantic").features, SEMANTIC_FEATURES);
        assert_eq!(m.active().name, ACTIVE);
    }

    #[test]
    fn invalid_models_are_refused() {
        let bad = RELEVANCE_SOURCE.replacen("\"specific\"", "\"special\"", 1);
        let err = RelevanceModel::from_json(&bad, "m.json").unwrap_err().to_string();
        assert!(
            err.starts_with("m.json: plain: features must be") || err.starts_with("m.json: semantic"),
            "{err}"
        );
        assert!(RelevanceModel::from_json("{}", "m.json").is_err());
    }

    #[test]
    fn probability_is_a_logistic() {
        let v = Variant::from_fit("plain", PLAIN_FEATURES, (0.0, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]));
        assert_eq!(v.probability_of(&[0.0; PLAIN_COUNT]), 0.5);
        assert!(v.probability_of(&[1.0, 0.0, 0.0, 0.0, 0.0, 0.0]) > 0.7);
    }
}
