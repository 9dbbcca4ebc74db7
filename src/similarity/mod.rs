//! Similarity: per-item features and the score of a (need, offer) pair.
//!
//! Takes a [`Corpus`](crate::Corpus) and gives out an [`Analysis`] (every item as
//! TF-IDF-weighted words and thesaurus concepts, pillars, areas, activity kinds over
//! one interned vocabulary) and a [`Scorer`] that combines four components, each in
//! [0, 1] — topic, section/area alignment, pillar alignment, activity fit — with
//! configurable [`Weights`].
//!
//! Topic similarity is soft TF-IDF (Cohen, Ravikumar & Fienberg 2003): a cosine over
//! term weights in which a word missing from the offer can still count through a
//! spelling neighbour (Jaro–Winkler, via strsim), and in which thesaurus concepts
//! stand in for the words that name them, so "AEO" meets "Authorised Economic
//! Operator" and "trusted trader". The small functions it is built from are public
//! ([`cosine`], [`soft_tfidf`], [`jaccard_bits`], [`activity_fit`], [`section_fit`]).
//!
//! With the `semantic` feature (default), the `semantic` module adds a general meaning signal:
//! static word vectors distilled from a sentence-embedding model, for paraphrase that
//! shares no word and no thesaurus concept. The scorer does not use it yet.

mod analyze;
mod meaning;
mod measures;
mod model;
mod score;
#[cfg(feature = "semantic")]
pub mod semantic;
mod tokenize;
mod vocab;

pub use analyze::{Analysis, CONCEPT_BOOST, IDF_SCALE, idf_scale};
pub use measures::{
    activity_affinity, activity_fit, concept_credit, cosine, jaccard_bits, section_fit, soft_tfidf,
};
pub use model::{
    Contributions, FEATURE_COUNT, FEATURES, MODEL_SOURCE, Model, Thresholds, Tier, fit_logistic,
};
pub(crate) use score::TopicScratch;
pub use score::{Components, Score, Scorer};
pub(crate) use vocab::TermKind;
