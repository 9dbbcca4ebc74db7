//! Text: normalisation, words, word forms, and the concept graph of the field.
//!
//! Takes raw strings (pasted from Word, PDF or HTML) and gives out clean display
//! text ([`clean`]), normalised words for matching ([`normalised_words`]: case,
//! British/American spelling and word forms folded), concepts from the domain
//! [`ConceptGraph`] (labels, acronyms and synonyms: AEO = Authorized Economic
//! Operator = trusted trader; broader and narrower concepts: an e-seal is a means
//! of container integrity), and tags read from the text ([`pillars`], [`activities`],
//! [`infer_section`]).

mod concepts;
mod control;
mod loose;
mod near;
mod normalize;
mod phrase;
mod tag;
mod token;

pub use concepts::{ACTIVITY_ROOT, CONCEPT_FILES, Concept, ConceptGraph, ConceptId, MAX_STEPS, Relation};
pub use control::{Stripped, is_removed_control, strip_controls};
pub(crate) use control::{line_of, removed_warning, strip_json_controls};
pub use loose::{LOOSE_GAP, loose_concepts};
pub use near::{MAX_ADDED, MAX_LOST, near_identical, squeeze, squeezed_difference};
pub(crate) use near::{Squeezed, near_identical_squeezed};
pub use normalize::clean;
pub use phrase::normalised_words;
#[allow(unused_imports, reason = "used by the CTAP parser (`ctap`), built on another branch")]
pub(crate) use phrase::{Fnv, PhraseSet};
pub use tag::{activities, infer_section, pillars};
pub(crate) use tag::{activities_of_words, infer_section_of_words, pillars_of_words};
pub use token::{fold_spelling, is_stopword, stem, words};
pub(crate) use token::{for_each_normal_form, for_each_word, normal_forms};
