//! Planning: what the CTAPs say across editions and across economies.
//!
//! Above [`graph`](crate::graph) in the pipeline: takes an
//! [`Analysis`](crate::similarity::Analysis) (and, where offers matter, a
//! [`Ranking`](crate::graph::Ranking)) and gives out
//!
//! - [`relevance`]: need ↔ need relevance, a calibrated probability that two needs
//!   ask for the same thing, with the threshold set on labelled pairs — shared by
//!   progress between editions and regional demand clusters;
//! - [`progress`]: which needs of an economy's previous CTAP persist, which are new
//!   and which were resolved, for every pair of consecutive editions;
//! - [`latest_editions`]: each party's latest edition, the view the Summary Report
//!   and regional demand use so that a restated need counts once;
//! - [`demand`]: regional demand — needs of several economies that ask for the same
//!   thing, grouped into clusters with candidate donors and a draft APEC project
//!   concept ([`RegionalDemand`]) — and donor briefs ([`DonorBrief`]), with the
//!   APEC sub-fora a project involves as data ([`Fora`]).

mod brief;
pub mod demand;
mod editions;
mod fora;
pub mod progress;
pub mod relevance;

pub use brief::{BriefNeed, BriefOffer, ClusterRole, DonorBrief, NeedFit};
pub use demand::{
    Agreement, CUT_FACTOR, Cluster, ClusterDonor, DemandOptions, DonorMatch, ForumRef, Group, Method,
    NeedRef, Partition, Prf, ProjectConcept, RegionalDemand, SharedConcept, agreement,
};
pub use editions::{EarlierEditions, has_several_editions, latest_editions};
pub use fora::{FORA_SOURCE, Fora, Forum, SPONSORING_FORUM, fora_involved};
