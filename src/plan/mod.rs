//! Planning: what the CTAPs say across editions and across economies.
//!
//! Above [`graph`](crate::graph) in the pipeline: takes an
//! [`Analysis`](crate::similarity::Analysis) (and, where offers matter, a
//! [`Ranking`](crate::graph::Ranking)) and gives out
//!
//! - [`relevance`]: need ↔ need relevance, a calibrated probability that two needs
//!   ask for the same thing, with the threshold set on labelled pairs — shared by
//!   progress between editions and regional demand clusters.
//! - [`demand`]: regional demand — needs of several economies that ask for the same
//!   thing, grouped into clusters with candidate donors and a draft APEC project
//!   concept ([`RegionalDemand`]) — and donor briefs ([`DonorBrief`]), with the
//!   APEC sub-fora a project involves as data ([`Fora`]).

mod brief;
pub mod demand;
mod fora;
pub mod relevance;

pub use brief::{BriefNeed, BriefOffer, ClusterRole, DonorBrief, NeedFit};
pub use demand::{
    Agreement, Cluster, ClusterDonor, DemandOptions, DonorMatch, Edition, ForumRef, Group, Method, NeedRef,
    Partition, Prf, ProjectConcept, RegionalDemand, SharedConcept, agreement,
};
pub use fora::{FORA_SOURCE, Fora, Forum, SPONSORING_FORUM, fora_involved};
