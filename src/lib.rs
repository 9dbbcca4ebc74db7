//! capmatch turns APEC economies' Counter-Terrorism Action Plans (CTAPs) into ranked
//! donor → recipient matches between stated capacity-building **needs** and offered
//! **expertise**, and into the yearly *Summary Report of Counter-Terrorism Capacity
//! Building Needs*.
//!
//! The pipeline runs one way, one module per stage:
//!
//! | stage | module | takes → gives | primary types |
//! |---|---|---|---|
//! | read | [`document`] | `.docx` / `.pdf` → the parser's lines, each with its place in the document | [`Extracted`](document::Extracted), [`DocumentOptions`](document::DocumentOptions) |
//! | parse | [`ctap`], [`input`] | CTAP text or corpus JSON → [`Corpus`] + [`Diagnostic`]s | [`ParseOptions`], [`Parsed`], [`Submission`], [`Item`] |
//! | analyse | [`text`], [`similarity`] | corpus → per-item features | [`ConceptGraph`](text::ConceptGraph), [`Analysis`](similarity::Analysis) |
//! | index | [`index`] | features → candidate pairs (no all-pairs scan) | [`CandidateIndex`](index::CandidateIndex) |
//! | score | [`similarity`] | pair → match probability, components, tier, evidence | [`Scorer`](similarity::Scorer), [`Model`](similarity::Model) |
//! | evaluate | [`eval`] | labelled pairs → figures; the model's fit | [`LabelledSet`](eval::LabelledSet), [`fit`](eval::fit) |
//! | graph | [`graph`] | scored pairs → ranking, bipartite graph, allocation | [`Ranking`](graph::Ranking), [`MatchGraph`](graph::MatchGraph), [`assign`](graph::assign) |
//! | plan | [`plan`] | features → need ↔ need relevance, progress between editions; ranking → regional demand clusters, project concepts, donor briefs | [`NeedRelevance`](plan::relevance::NeedRelevance), [`Progress`](plan::progress::Progress), [`RegionalDemand`](plan::RegionalDemand), [`DonorBrief`](plan::DonorBrief) |
//! | report | [`report`] | JSON, CSV, Markdown, HTML, Graphviz DOT | [`SummaryReport`](report::SummaryReport) |
//! | synth | [`synth`] | seeded synthetic corpora with planted matches | [`SynthConfig`](synth::SynthConfig) |
//!
//! # Example
//!
//! Parse two CTAPs, rank the offers for every need, and read the result:
//!
//! ```
//! use capmatch::{MatchConfig, ParseOptions, Corpus, ctap, match_corpus};
//!
//! let hkc = ctap::parse(include_str!("../examples/data/hkc-2020.txt"), &ParseOptions::new().file("hkc-2020.txt"))?;
//! let rok = ctap::parse(include_str!("../examples/data/rok-2014.txt"), &ParseOptions::new().file("rok-2014.txt"))?;
//! assert_eq!(hkc.submission.economy.to_string(), "HKC"); // detected from the text
//! assert_eq!(rok.submission.year, Some(2014));
//!
//! let corpus = Corpus::from_submissions(vec![hkc.submission, rok.submission])?;
//! let list = match_corpus(&corpus, &MatchConfig::new().top_k(3))?;
//!
//! // Hong Kong's Single Window need is met first by Korea's Single Window workshops…
//! let first = &list.matches[0];
//! assert_eq!((first.need.as_str(), first.offer.as_str()), ("hkc-undated-n1", "rok-2014-o1"));
//! assert!(first.shared_terms.contains(&"single window".to_string()));
//! // …and its port-security need is a gap no offer meets.
//! assert!(list.unmet_needs.iter().any(|id| id.as_str() == "hkc-undated-n2"));
//! # Ok::<(), capmatch::Error>(())
//! ```
//!
//! # Guarantees
//!
//! No panic on any input (errors carry the file and line); the same input gives
//! byte-identical output at any thread count, ties broken by id; every need ends up
//! in a match or among the unmet needs; whatever the parser skips or guesses is a
//! [`Diagnostic`]. The `cli` feature (default) adds the `capmatch` command line;
//! turn it off to embed the library without clap and indicatif.

pub mod ctap;
pub mod diagnostic;
pub mod document;
mod error;
pub mod eval;
pub mod graph;
pub mod index;
pub mod input;
pub mod model;
pub mod plan;
pub mod report;
pub mod similarity;
pub mod synth;
pub mod text;

pub use ctap::{ParseOptions, Parsed};
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use error::{Error, Location, Result};
pub use graph::{Match, MatchConfig, MatchList, match_corpus};
pub use model::{
    ActivityKind, Area, Contact, Corpus, DEFAULT_CAPACITY, Economy, Item, ItemId, ItemKind, ItemRef,
    Organisation, Party, Pillar, Section, Submission,
};

/// The README's Rust examples, compiled and run with the doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
