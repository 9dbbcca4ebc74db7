//! The match graph: ranking, the bipartite graph of needs and offers, queries.
//!
//! Takes an [`Analysis`](crate::similarity::Analysis) and a [`MatchConfig`] and gives
//! out a [`Ranking`] (every need's best offers, scored and explained), the owned
//! [`MatchList`] of the match JSON contract, and a [`MatchGraph`] (petgraph) for the
//! queries reports need: top offers per need, top needs per offer, unmet needs,
//! offers no one asked for, the economy-level donor → recipient view, and clusters
//! of cooperating economies; and [`assign`], a capacity-respecting [`Allocation`]
//! of offers to needs.

mod assign;
mod build;
mod config;
mod eval;
mod rank;

pub use assign::{
    AUTO_EXACT_WORK, Allocation, AssignMethod, AssignStats, Assignment, OfferLoad, Unassigned,
    UnassignedReason, assign,
};
#[cfg(test)]
pub(crate) use build::rank_needs;
pub(crate) use build::round4;
pub use build::{EXACT_BELOW, Match, MatchList, Ranked, Ranking, match_corpus};
pub use config::MatchConfig;
pub use eval::{Recall, SampledRecall, recall, sampled_recall};
pub use rank::{EconomyLink, MatchGraph, Node};
