//! Similarity: per-item features and the score of a (need, offer) pair.
//!
//! Takes a [`Corpus`](crate::Corpus) and gives out an [`Analysis`] (every item as
//! TF-IDF-weighted words and concepts of the [`ConceptGraph`](crate::text::ConceptGraph),
//! pillars, areas, activity kinds and a meaning vector over one interned
//! vocabulary) and a [`Scorer`] whose score is the [`Model`]'s probability that the
//! offer helps the need, from six components in [0, 1] — topic, concept credit
//! along the graph, section/area alignment, pillar alignment, activity fit,
//! semantic similarity — with a [`Tier`] from the model's thresholds.
//!
//! Topic similarity is soft TF-IDF (Cohen, Ravikumar & Fienberg 2003): a cosine over
//! term weights in which a word missing from the offer can still count through a
//! spelling neighbour (Jaro–Winkler, via strsim), and in which concepts stand in
//! for the words that name them, so "AEO" meets "Authorised Economic Operator" and
//! "trusted trader"; kinds of assistance ("workshops") are left to the activity
//! component, and words the whole field uses weigh less. Concept credit grades
//! relations (an "e-seal" offer for a "container integrity" need). The small
//! functions it is built from are public ([`cosine`], [`soft_tfidf`],
//! [`concept_credit`], [`jaccard_bits`], [`activity_fit`], [`section_fit`]).
//!
//! With the `semantic` feature (default), the `semantic` module gives the meaning
//! signal: static word vectors distilled from a sentence-embedding model, for
//! paraphrase that shares no word and no concept. Without it the semantic component
//! is 0 and a model fitted without it is used.

mod analyze;
mod explain;
mod meaning;
mod measures;
mod model;
mod score;
#[cfg(feature = "semantic")]
pub mod semantic;
mod tokenize;
mod vocab;

pub(crate) use analyze::Profile;
pub use analyze::{Analysis, CONCEPT_BOOST, IDF_SCALE, idf_scale};
pub(crate) use explain::SharedTerms;
pub(crate) use meaning::Sketch;
pub(crate) use measures::ActivityRows;
pub use measures::{
    activity_affinity, activity_fit, concept_credit, cosine, jaccard_bits, section_fit, soft_tfidf,
};
pub use model::{
    Contributions, FEATURE_COUNT, FEATURES, MODEL_SOURCE, Model, Thresholds, Tier, fit_logistic,
};
#[cfg(test)]
pub(crate) use score::profile_components;
pub use score::{Components, Score, Scorer};
pub(crate) use score::{Floor, TopicScratch, placement_components};
pub(crate) use vocab::TermKind;
