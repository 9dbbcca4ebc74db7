//! Donor briefs: for one donor — an economy or an international organisation,
//! with or without a CTAP of its own — the needs across the region its offers fit,
//! the clusters of regional demand it could lead or join, and the needs in its
//! areas that nobody meets.

use std::collections::BTreeSet;

use serde::Serialize;

use super::demand::{editions_in_use, in_use};
use super::{EarlierEditions, RegionalDemand};
use crate::graph::{Ranking, round4};
use crate::similarity::{Model, Tier};
use crate::{Area, Error, ItemId, Party, Result, Section};

/// A brief for one donor.
///
/// Built by [`DonorBrief::new`] from a ranking and the [`RegionalDemand`] found in
/// it; written by `to_markdown` and `to_json` (the model serialised).
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::Ranking, similarity::Analysis};
/// use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"PHL","year":2021,"needs":[{"id":"phl-n1","section":"B","text":"Training for customs officers on detecting cash couriers at airports"}]},
///   {"economy":"PE","year":2021,"needs":[{"id":"pe-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"},
///                                        {"id":"pe-n2","section":"B","text":"Guidance on supervising virtual asset service providers"}]},
///   {"economy":"WCO","offers":[{"id":"wco-o1","section":"B","text":"Training for customs on cash courier detection and cash declaration systems"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let ranking = Ranking::new(&analysis, &config);
/// let demand = RegionalDemand::new(&ranking, &DemandOptions::new());
/// let brief = DonorBrief::new(&ranking, &demand, &"WCO".parse()?, false)?;
/// assert_eq!(brief.fits.len(), 2); // both cash courier needs
/// assert_eq!(brief.gaps[0].id.as_str(), "pe-n2"); // finance, its area, and nobody meets it
/// assert!(DonorBrief::new(&ranking, &demand, &"USA".parse()?, false).is_err());
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DonorBrief {
    /// The donor.
    pub donor: Party,
    /// Its name ("United States", or the organisation's name).
    pub name: String,
    /// The Strategy areas of its offers' sections, in the Strategy's order.
    pub areas: Vec<Area>,
    /// Its offers in the editions used, in id order.
    pub offers: Vec<BriefOffer>,
    /// The needs of other parties its offers meet at `partial` or better, with its
    /// best offer for each: strong first, then by score, then need id.
    pub fits: Vec<NeedFit>,
    /// The clusters of regional demand it is a candidate donor of: those it could
    /// propose first, then by cluster order.
    pub clusters: Vec<ClusterRole>,
    /// Needs of other parties in its areas that no offer meets at `partial` or
    /// better: by section, then party, then id.
    pub gaps: Vec<BriefNeed>,
    /// Editions left out because their party has a later one. Not in the JSON.
    #[serde(skip)]
    pub left_out: Vec<EarlierEditions>,
}

/// An offer of the donor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BriefOffer {
    /// Its id.
    pub id: ItemId,
    /// Its section, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
}

/// A need, as a brief lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BriefNeed {
    /// Its id.
    pub id: ItemId,
    /// Who stated it.
    pub economy: Party,
    /// Its section, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
}

/// A need the donor's offers meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedFit {
    /// The need.
    #[serde(flatten)]
    pub need: BriefNeed,
    /// The donor's best offer for it.
    pub offer: ItemId,
    /// That offer's match probability, rounded to 4 decimals.
    pub score: f64,
    /// Its tier.
    pub tier: Tier,
}

/// The donor's place in a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterRole {
    /// The cluster's id in the [`RegionalDemand`].
    pub cluster: String,
    /// Its label.
    pub label: String,
    /// The draft project's title.
    pub title: String,
    /// `proponent` (the strongest economy among the donors), `co-sponsor` (another
    /// economy) or `partner` (an international organisation).
    pub role: &'static str,
    /// How many of the cluster's needs the donor's offers meet.
    pub needs_met: usize,
    /// The cluster's needs.
    pub needs: usize,
    /// The beneficiary economies.
    pub economies: Vec<Party>,
}

impl DonorBrief {
    /// The brief of `donor` over `ranking` and the regional demand found in it.
    /// Each party's latest edition is used unless `all_editions` (as
    /// [`DemandOptions::all_editions`](crate::plan::DemandOptions::all_editions);
    /// give `demand` the same setting).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when `donor` has no offer in the editions used (naming the
    /// parties that have).
    pub fn new(
        ranking: &Ranking<'_, '_>,
        demand: &RegionalDemand,
        donor: &Party,
        all_editions: bool,
    ) -> Result<DonorBrief> {
        let analysis = ranking.analysis();
        let (used, left_out) = editions_in_use(analysis.corpus(), all_editions, &|_| true);
        let offer_in: Vec<bool> =
            (0..analysis.offer_count()).map(|j| in_use(&used, &analysis.offer(j))).collect();
        let mine: Vec<usize> = (0..analysis.offer_count())
            .filter(|&j| offer_in[j] && &analysis.offer(j).submission.economy == donor)
            .collect();
        if mine.is_empty() {
            let with_offers: BTreeSet<&Party> = (0..analysis.offer_count())
                .filter(|&j| offer_in[j])
                .map(|j| &analysis.offer(j).submission.economy)
                .collect();
            let list = if with_offers.is_empty() {
                "none of the inputs has an offer".to_string()
            } else {
                let names: Vec<String> = with_offers.iter().map(ToString::to_string).collect();
                format!("parties with offers: {}", names.join(", "))
            };
            return Err(Error::config("donor", format!("no offers by {donor} in the inputs ({list})")));
        }
        let mut offers: Vec<BriefOffer> = mine
            .iter()
            .map(|&j| {
                let o = analysis.offer(j);
                BriefOffer {
                    id: o.item.id.clone(),
                    section: o.item.section.as_ref().map(|s| s.label().to_string()),
                    text: o.item.text.clone(),
                }
            })
            .collect();
        offers.sort_by(|a, b| a.id.cmp(&b.id));
        let areas: Vec<Area> = mine
            .iter()
            .filter_map(|&j| analysis.offer(j).item.section.as_ref())
            .flat_map(|s| s.areas().iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();

        let partial = Model::builtin().thresholds.partial;
        let mut fits: Vec<NeedFit> = Vec::new();
        let mut gaps: Vec<(Option<&Section>, BriefNeed)> = Vec::new();
        for i in ranking.needs_in_id_order() {
            let need = analysis.need(i);
            if !in_use(&used, &need) || &need.submission.economy == donor {
                continue;
            }
            let brief_need = || BriefNeed {
                id: need.item.id.clone(),
                economy: need.submission.economy.clone(),
                section: need.item.section.as_ref().map(|s| s.label().to_string()),
                text: need.item.text.clone(),
            };
            let met: Vec<_> = ranking
                .ranked(i)
                .iter()
                .filter(|r| r.score >= partial && offer_in[r.offer as usize])
                .collect();
            // Ranked best first: the donor's first is its best.
            if let Some(r) =
                met.iter().find(|r| &analysis.offer(r.offer as usize).submission.economy == donor)
            {
                fits.push(NeedFit {
                    need: brief_need(),
                    offer: analysis.offer(r.offer as usize).item.id.clone(),
                    score: round4(r.score),
                    tier: Model::builtin().tier(r.score),
                });
            }
            let in_areas =
                need.item.section.as_ref().is_some_and(|s| s.areas().iter().any(|a| areas.contains(a)));
            if met.is_empty() && in_areas {
                gaps.push((need.item.section.as_ref(), brief_need()));
            }
        }
        fits.sort_by(|a, b| {
            b.tier.cmp(&a.tier).then(b.score.total_cmp(&a.score)).then_with(|| a.need.id.cmp(&b.need.id))
        });
        gaps.sort_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| a.1.economy.cmp(&b.1.economy)).then_with(|| a.1.id.cmp(&b.1.id))
        });

        let mut clusters: Vec<(bool, ClusterRole)> = demand
            .clusters
            .iter()
            .filter_map(|c| {
                let d = c.donors.iter().find(|d| &d.donor == donor)?;
                let proponent = c.project.proposing_economy.as_ref() == Some(donor);
                let role = match (proponent, donor.economy()) {
                    (true, _) => "proponent",
                    (false, Some(_)) => "co-sponsor",
                    (false, None) => "partner",
                };
                Some((
                    proponent,
                    ClusterRole {
                        cluster: c.id.clone(),
                        label: c.label.clone(),
                        title: c.project.title.clone(),
                        role,
                        needs_met: d.needs_met,
                        needs: c.needs.len(),
                        economies: c.economies.clone(),
                    },
                ))
            })
            .collect();
        // Stable: clusters keep their order within each group.
        clusters.sort_by_key(|(proponent, _)| !proponent);
        Ok(DonorBrief {
            donor: donor.clone(),
            name: match donor {
                Party::Economy(e) => e.name().to_string(),
                Party::Organisation(o) => o.name().to_string(),
            },
            areas,
            offers,
            fits,
            clusters: clusters.into_iter().map(|(_, c)| c).collect(),
            gaps: gaps.into_iter().map(|(_, n)| n).collect(),
            left_out,
        })
    }
}
