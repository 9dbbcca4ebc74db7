//! The domain model: parties, sections, pillars, needs, offers, submissions, corpus.
//!
//! Plain data with public fields and serde derives, plus validated newtypes for the
//! values that must be valid ([`ItemId`], [`Party`]). The [`Corpus`] reads and
//! writes the corpus JSON format that other tools rely on (see `DESIGN.md`).

mod corpus;
mod draft;

/// The JSON Schema (draft 2020-12) of the corpus JSON format, as printed by
/// `capmatch schema`, so other tools can validate what they send.
///
/// # Examples
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(capmatch::model::CORPUS_SCHEMA).unwrap();
/// assert_eq!(schema["required"][0], "submissions");
/// ```
pub const CORPUS_SCHEMA: &str = include_str!("corpus.schema.json");

mod item;
pub(crate) mod party;
mod taxonomy;

pub use corpus::{Corpus, DEFAULT_CAPACITY, ItemRef, MAX_YEAR, MIN_YEAR};
pub(crate) use corpus::{IdSpace, JsonCorpus, id_line};
pub(crate) use draft::{Draft, annotate};
pub use item::{Contact, Item, ItemId, ItemKind, Submission};
pub use party::{Economy, Organisation, Party};
pub use taxonomy::{ActivityKind, Area, Pillar, Section};
