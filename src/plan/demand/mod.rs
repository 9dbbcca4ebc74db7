//! Regional demand: needs of different economies that ask for the same thing,
//! grouped into clusters, each with the donors that could meet it and a draft APEC
//! project concept.
//!
//! Takes a [`Ranking`] (needs and offers analysed and matched) and gives out a
//! [`RegionalDemand`]: the clusters contract of `capmatch clusters --format json`
//! (every need of the editions used exactly once, in a cluster or in
//! `unclustered`), plus for each cluster its defining concepts, Strategy areas and
//! pillars, and a [`ProjectConcept`]. Needs are grouped by
//! [`NeedRelevance`] with a [`Method`] (average linkage
//! by default) cut at [`CUT_FACTOR`] times the relevance threshold; a cluster spans at least
//! [`DemandOptions::min_economies`] economies, so one economy stating one need twice
//! never forms a cluster alone.

mod agreement;
mod cluster;
mod describe;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};

pub use agreement::{Agreement, Group, Partition, Prf, agreement};
pub use cluster::Method;

pub(crate) use cluster::PairScores;

use super::EarlierEditions;
use super::relevance::NeedRelevance;
use crate::graph::Ranking;
use crate::similarity::Tier;
use crate::{Area, Corpus, Error, ItemId, ItemRef, Party, Pillar, Result, Submission};

/// How regional demand is found.
///
/// Setters take and return `self`; [`DemandOptions::build`] validates.
///
/// # Examples
///
/// ```
/// use capmatch::plan::DemandOptions;
///
/// let options = DemandOptions::new().min_economies(3).build()?;
/// assert_eq!(options.min_economies, 3);
/// assert!(!options.all_editions);
/// assert!(DemandOptions::new().min_economies(1).build().is_err());
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemandOptions {
    /// The fewest economies a cluster spans (default 2; at least 2).
    pub min_economies: usize,
    /// Use every edition of every economy (default false: each party's latest
    /// edition only, as the Summary Report does, so that a need restated in two
    /// editions is not counted twice).
    pub all_editions: bool,
    /// How needs are grouped (default [`Method::AverageLinkage`]).
    pub method: Method,
    /// The average relevance below which groups stop merging (default `None`:
    /// [`CUT_FACTOR`] times the relevance model's threshold; in (0, 1)).
    pub cut: Option<f64>,
}

/// The default cut of the clustering, as a multiple of the need ↔ need relevance
/// threshold.
///
/// Chosen on the development set (`cargo run --release --example
/// cluster_methods`): pairwise F1 of average linkage is within 0.01 of its best
/// for cuts from 1.0 to 1.4 times the threshold and falls steeply below 1.0
/// (precision 0.71 at 0.8 times); 1.2 is the middle of that range, away from the
/// edge. The relevance model was fitted on the same development pairs, so its
/// probabilities are more confident there than on unseen needs: a margin above
/// the pair threshold keeps groups from merging on borderline pairs.
pub const CUT_FACTOR: f64 = 1.2;

impl Default for DemandOptions {
    fn default() -> Self {
        DemandOptions { min_economies: 2, all_editions: false, method: Method::default(), cut: None }
    }
}

impl DemandOptions {
    /// The default options (same as `Default`).
    pub fn new() -> Self {
        DemandOptions::default()
    }

    /// Sets the fewest economies a cluster spans (default 2).
    #[must_use]
    pub fn min_economies(mut self, n: usize) -> Self {
        self.min_economies = n;
        self
    }

    /// Uses every edition when `true` (default false: latest editions only).
    #[must_use]
    pub fn all_editions(mut self, yes: bool) -> Self {
        self.all_editions = yes;
        self
    }

    /// Sets the clustering method (default average linkage).
    #[must_use]
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Sets the relevance cut (default: [`CUT_FACTOR`] times the relevance model's
    /// threshold).
    #[must_use]
    pub fn cut(mut self, cut: impl Into<Option<f64>>) -> Self {
        self.cut = cut.into();
        self
    }

    /// Validates the options.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if `min_economies` is below 2, the cut is not in (0, 1),
    /// or a mutual-neighbours `k` is 0.
    pub fn build(self) -> Result<DemandOptions> {
        if self.min_economies < 2 {
            return Err(Error::config(
                "min_economies",
                format!("must be at least 2 (a cluster spans several economies), got {}", self.min_economies),
            ));
        }
        if let Some(c) = self.cut
            && !(c > 0.0 && c < 1.0)
        {
            return Err(Error::config("cut", format!("must be between 0 and 1, got {c}")));
        }
        if self.method == (Method::MutualNeighbours { k: 0 }) {
            return Err(Error::config("k", "must be at least 1, got 0"));
        }
        Ok(self)
    }
}

/// The highest cut: a threshold near 1 times [`CUT_FACTOR`] stays a probability.
const MAX_CUT: f64 = 0.99;

/// Regional demand: the clusters contract, with a draft project per cluster.
///
/// Serialises as the clusters JSON contract (`capmatch clusters --format json`):
/// `clusters` ordered by number of economies (most first), then number of needs,
/// then first need id, with ids `c1`, `c2`… in that order; `unclustered` in id
/// order. Every need of the editions used is in exactly one of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionalDemand {
    /// The clusters, in contract order.
    pub clusters: Vec<Cluster>,
    /// The needs in no cluster, in id order.
    pub unclustered: Vec<ItemId>,
    /// Earlier editions left out because their party has a later one (empty with
    /// `all_editions`), by party. Not in the JSON contract.
    #[serde(skip)]
    pub left_out: Vec<EarlierEditions>,
}

/// One party's submissions of one year (`None`: undated).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Edition {
    party: Party,
    year: Option<u16>,
}

/// A group of needs of several economies that one regional project could answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// `c1`, `c2`…: the position in contract order, stable for the same input.
    pub id: String,
    /// Its defining concepts ("bulk cash smuggling"), or the words its needs share.
    pub label: String,
    /// Its needs, in id order.
    pub needs: Vec<ItemId>,
    /// The parties that stated them (the beneficiaries), in party order.
    pub economies: Vec<Party>,
    /// The CTAP sections of its needs, in template order.
    pub sections: Vec<String>,
    /// Donors whose offers meet its needs at `partial` or better: by needs met
    /// (most first), then by the sum of the best score per need met, then party.
    pub donors: Vec<ClusterDonor>,
    /// The Strategy areas of its sections, in the Strategy's order.
    pub areas: Vec<Area>,
    /// The pillars at least half of its needs speak to.
    pub pillars: Vec<Pillar>,
    /// The concepts at least two of its needs share, best first (why they belong
    /// together).
    pub concepts: Vec<SharedConcept>,
    /// The draft APEC project concept.
    pub project: ProjectConcept,
}

/// A concept several needs of a cluster share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedConcept {
    /// The concept's preferred label.
    pub concept: String,
    /// The needs that name it (or a concept at most two steps narrower), in id order.
    pub needs: Vec<ItemId>,
}

/// A candidate donor of a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterDonor {
    /// The donor.
    pub donor: Party,
    /// Its offers that meet at least one of the cluster's needs, in id order.
    pub offers: Vec<ItemId>,
    /// How many of the cluster's needs they meet at `partial` or better.
    pub needs_met: usize,
    /// Each (need, offer) pair at `partial` or better, by need id, best first.
    pub matches: Vec<DonorMatch>,
}

/// An offer that meets a need of a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DonorMatch {
    /// The need.
    pub need: ItemId,
    /// The offer.
    pub offer: ItemId,
    /// The match probability, rounded to 4 decimals.
    pub score: f64,
    /// Its tier (`strong` or `partial`).
    pub tier: Tier,
}

/// A draft APEC project concept, in the fields of a project proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectConcept {
    /// A working title ("Regional training on bulk cash smuggling").
    pub title: String,
    /// The strongest APEC economy among the donors, if its offers meet at least
    /// half of the needs; `None` ("open" in JSON) when none fits.
    #[serde(serialize_with = "proponent")]
    pub proposing_economy: Option<Party>,
    /// Other donor economies that could co-sponsor, in donor order.
    pub co_sponsors: Vec<Party>,
    /// International organisations among the donors: partners, not proponents.
    pub partners: Vec<Party>,
    /// The economies whose needs the project answers.
    pub beneficiaries: Vec<Party>,
    /// The sponsoring forum: the CTWG.
    pub sponsoring_forum: String,
    /// The sub-fora the project's area involves (see [`Fora`](crate::plan::Fora)).
    pub sub_fora: Vec<ForumRef>,
    /// The needs it answers, in id order.
    pub needs: Vec<NeedRef>,
    /// Why these needs belong together: the concepts they share.
    pub rationale: String,
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::ref_option)]
fn proponent<S: Serializer>(p: &Option<Party>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.collect_str(p),
        None => s.serialize_str("open"),
    }
}

/// An APEC forum, by short and full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForumRef {
    /// The short name ("SCCP").
    pub code: String,
    /// The full name.
    pub name: String,
}

/// A need a project answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedRef {
    /// Its id.
    pub id: ItemId,
    /// Who stated it.
    pub economy: Party,
    /// Its CTAP section, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
}

impl PairScores for NeedRelevance<'_, '_> {
    fn neighbours(&self, a: usize, min: f64) -> Vec<(usize, f64)> {
        NeedRelevance::neighbours(self, a, min)
    }
}

/// Which submissions are in use among those `keep` accepts: with `all` every one;
/// else, as [`latest_editions`](crate::plan::latest_editions) keeps them, each
/// party's latest dated edition and every undated submission. Returns the
/// editions in use and, by party, the earlier ones left out.
pub(crate) fn editions_in_use(
    corpus: &Corpus,
    all: bool,
    keep: &dyn Fn(&Submission) -> bool,
) -> (BTreeSet<Edition>, Vec<EarlierEditions>) {
    let kept = || corpus.submissions.iter().filter(|s| keep(s));
    let mut years: BTreeMap<&Party, BTreeSet<u16>> = BTreeMap::new();
    for s in kept() {
        if let Some(y) = s.year {
            years.entry(&s.economy).or_default().insert(y);
        }
    }
    let used = kept()
        .filter(|s| {
            all || s.year.is_none() || years.get(&s.economy).and_then(|y| y.last()) == s.year.as_ref()
        })
        .map(|s| Edition { party: s.economy.clone(), year: s.year })
        .collect();
    let left_out = if all {
        Vec::new()
    } else {
        years
            .into_iter()
            .filter(|(_, ys)| ys.len() > 1)
            .map(|(party, ys)| {
                let mut left_out: Vec<u16> = ys.into_iter().collect();
                let latest = left_out.pop().unwrap_or_default();
                EarlierEditions { party: party.clone(), latest, left_out }
            })
            .collect()
    };
    (used, left_out)
}

/// `PHL 2021 (left out: 2019); PE 2021 (left out: 2017, 2019)`: the earlier
/// editions a latest-edition view leaves out, in words.
pub(crate) fn editions_line(list: &[EarlierEditions]) -> String {
    let parts: Vec<String> = list
        .iter()
        .map(|e| {
            let years: Vec<String> = e.left_out.iter().map(u16::to_string).collect();
            format!("{} {} (left out: {})", e.party, e.latest, years.join(", "))
        })
        .collect();
    parts.join("; ")
}

/// Whether an item's submission is one of the editions in use.
pub(crate) fn in_use(used: &BTreeSet<Edition>, r: &ItemRef<'_>) -> bool {
    used.contains(&Edition { party: r.submission.economy.clone(), year: r.submission.year })
}

impl RegionalDemand {
    /// Clusters the needs of `ranking` (each party's latest edition unless
    /// `options.all_editions`) by [`NeedRelevance`] and describes each cluster:
    /// label, Strategy areas and pillars, candidate donors (offers of the same
    /// editions at `partial` or better in `ranking`: rank with a `top_k` large
    /// enough to see every donor), draft project concept. `options` should come
    /// from [`DemandOptions::build`].
    ///
    /// # Complexity
    ///
    /// Building the relevance index, one neighbour query per need (parallel, see
    /// [`NeedRelevance::neighbours`]), then average linkage in O(E log E) for E
    /// candidate pairs; the result is the same at any thread count.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::Ranking, similarity::Analysis};
    /// use capmatch::plan::{DemandOptions, RegionalDemand};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2021,"needs":[{"id":"phl-n1","section":"B","text":"Training for customs officers on detecting cash couriers at airports"},
    ///                                         {"id":"phl-n2","section":"A.3","text":"Training on MANPADS vulnerability assessments at airports"}]},
    ///   {"economy":"PE","year":2021,"needs":[{"id":"pe-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"}]},
    ///   {"economy":"USA","year":2021,"offers":[{"id":"usa-o1","section":"B","text":"Training on detecting cash couriers and bulk cash smuggling"}]}]}"#, None)?;
    /// let config = MatchConfig::new().top_k(50).build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let demand = RegionalDemand::new(&ranking, &DemandOptions::new().build()?);
    /// let c = &demand.clusters[0];
    /// assert_eq!((c.id.as_str(), c.label.as_str()), ("c1", "bulk cash smuggling"));
    /// assert_eq!(c.needs.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["pe-n1", "phl-n1"]);
    /// assert_eq!(c.donors[0].donor.to_string(), "USA");
    /// assert_eq!(c.project.proposing_economy.as_ref().map(|p| p.to_string()).as_deref(), Some("USA"));
    /// assert_eq!(demand.unclustered[0].as_str(), "phl-n2");
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn new(ranking: &Ranking<'_, '_>, options: &DemandOptions) -> RegionalDemand {
        RegionalDemand::new_where(ranking, options, |_| true)
    }

    /// [`RegionalDemand::new`] over the submissions `keep` accepts (the Summary
    /// Report's year), among which each party's latest edition is used.
    pub fn new_where(
        ranking: &Ranking<'_, '_>,
        options: &DemandOptions,
        keep: impl Fn(&Submission) -> bool,
    ) -> RegionalDemand {
        let relevance = NeedRelevance::new(ranking.analysis());
        RegionalDemand::with_scores(ranking, &relevance, relevance.threshold(), options, &keep)
    }

    /// Clusters the needs of the submissions `keep` accepts in `ranking` with the
    /// pair scores `scores`, cutting at [`CUT_FACTOR`] times `threshold` unless the
    /// options set a cut.
    pub(crate) fn with_scores(
        ranking: &Ranking<'_, '_>,
        scores: &impl PairScores,
        threshold: f64,
        options: &DemandOptions,
        keep: &dyn Fn(&Submission) -> bool,
    ) -> RegionalDemand {
        let analysis = ranking.analysis();
        let (used, left_out) = editions_in_use(analysis.corpus(), options.all_editions, keep);
        let mut members: Vec<usize> =
            (0..analysis.need_count()).filter(|&i| in_use(&used, &analysis.need(i))).collect();
        members.sort_unstable_by_key(|&i| analysis.needs.id_rank[i]);
        let offer_in: Vec<bool> =
            (0..analysis.offer_count()).map(|j| in_use(&used, &analysis.offer(j))).collect();
        let cut = options.cut.unwrap_or(threshold * CUT_FACTOR).min(MAX_CUT);
        let groups = cluster::cluster(&members, scores, options.method, cut);

        let mut clustered = vec![false; analysis.need_count()];
        let mut clusters: Vec<Cluster> = Vec::new();
        for group in groups {
            let parties: BTreeSet<&Party> =
                group.iter().map(|&i| &analysis.need(i).submission.economy).collect();
            if parties.len() < options.min_economies {
                continue;
            }
            for &i in &group {
                clustered[i] = true;
            }
            clusters.push(describe::describe(ranking, &group, &offer_in));
        }
        clusters.sort_by(|a, b| {
            b.economies
                .len()
                .cmp(&a.economies.len())
                .then(b.needs.len().cmp(&a.needs.len()))
                .then_with(|| a.needs[0].cmp(&b.needs[0]))
        });
        for (k, c) in clusters.iter_mut().enumerate() {
            c.id = format!("c{}", k + 1);
        }
        let unclustered =
            members.iter().filter(|&&i| !clustered[i]).map(|&i| analysis.need(i).item.id.clone()).collect();
        RegionalDemand { clusters, unclustered, left_out }
    }

    /// The clusters contract as pretty-printed JSON, ending in a newline.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::Ranking, similarity::Analysis};
    /// use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2021,"needs":[{"id":"phl-n1","section":"B","text":"Training for customs officers on detecting cash couriers at airports"}]},
    ///   {"economy":"PE","year":2021,"needs":[{"id":"pe-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"}]},
    ///   {"economy":"USA","year":2021,"offers":[{"id":"usa-o1","section":"B","text":"Training on detecting cash couriers and bulk cash smuggling"}]}]}"#, None)?;
    /// let config = MatchConfig::new().top_k(50).build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let demand = RegionalDemand::new(&ranking, &DemandOptions::new());
    /// let json: serde_json::Value = serde_json::from_str(&demand.to_json()).unwrap();
    /// assert_eq!(json["clusters"][0]["id"], "c1");
    /// assert_eq!(json["clusters"][0]["needs"], serde_json::json!(["pe-n1", "phl-n1"]));
    /// assert_eq!(json["clusters"][0]["donors"][0]["needs_met"], 2);
    /// assert_eq!(json["unclustered"], serde_json::json!([]));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising into a String cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests;
