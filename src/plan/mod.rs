//! Planning: what the CTAPs say across editions and across economies.
//!
//! Above [`graph`](crate::graph) in the pipeline: takes an
//! [`Analysis`](crate::similarity::Analysis) (and, where offers matter, a
//! [`Ranking`](crate::graph::Ranking)) and gives out
//!
//! - [`relevance`]: need ↔ need relevance, a calibrated probability that two needs
//!   ask for the same thing, with the threshold set on labelled pairs — shared by
//!   progress between editions and regional demand clusters.

pub mod relevance;
