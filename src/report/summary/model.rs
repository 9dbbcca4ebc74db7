//! The Summary Report as plain data: the one document model every writer renders.
//!
//! Adding a section to the report is adding its data here (built in `build.rs`)
//! and a render function to each writer (`markdown.rs`, `html.rs`; the JSON writer
//! serialises the model).

use serde::Serialize;

use crate::graph::EconomyLink;
use crate::plan::{EarlierEditions, RegionalDemand};
use crate::similarity::Tier;
use crate::{Area, Contact, ItemId, Party, Pillar};

/// The Summary Report of Counter-Terrorism Capacity Building Needs, as data.
///
/// Built once from a [`MatchGraph`](crate::graph::MatchGraph) (and the corpus
/// behind it) by [`SummaryReport::new`]; rendered for people with
/// [`SummaryReport::to_markdown`] and [`SummaryReport::to_html`] (one
/// self-contained page with pictures), for programs with [`SummaryReport::to_json`]
/// (field names are stable, lists sorted as each field's documentation says), and
/// as the cooperation network in Graphviz DOT with [`SummaryReport::to_dot`].
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
/// use capmatch::report::{SummaryOptions, SummaryReport};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","year":2020,"needs":[{"section":"A.1","text":"Workshops on Single Window system development"},
///                                          {"section":"A.2","text":"learn best practices on the security of port facilities"}]},
///   {"economy":"ROK","year":2020,"offers":[{"section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let ranking = Ranking::new(&analysis, &config);
/// let report = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new().build()?);
/// assert_eq!((report.overview.needs, report.overview.unmet_needs), (2, 1));
/// assert_eq!(report.sections[0].section.as_deref(), Some("A.1"));
/// assert_eq!(report.sections[0].economies[0].needs[0].donors[0].donor.to_string(), "ROK");
/// assert_eq!(report.gaps.by_section[0].needs[0].id.as_str(), "hkc-2020-n2");
/// assert!(report.to_markdown().contains("### A.2 Protect Port Facilities"));
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryReport {
    /// The report's title.
    pub title: String,
    /// The year the report is restricted to, if any.
    pub year: Option<u16>,
    /// Who submitted, what, and how much of it is matched.
    pub overview: Overview,
    /// Needs by section (A.1 … C in template order, then other sections by label,
    /// then needs without a section), within a section by party, then by id.
    pub sections: Vec<SectionNeeds>,
    /// Needs several economies share, grouped into candidate regional projects,
    /// in the clusters contract of `capmatch clusters` (over the submissions the
    /// report covers: the command line gives it each party's latest edition).
    pub regional_demand: RegionalDemand,
    /// The needs no offer meets.
    pub gaps: Gaps,
    /// Offers that meet no need in the report, by section, then donor, then id.
    pub unrequested_offers: Vec<OfferSummary>,
    /// How strongly each donor's offers meet each recipient's needs.
    pub strength: StrengthTable,
    /// Counts by Strategy area and by pillar.
    pub totals: Totals,
    /// Contact points, by party then section; present only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<PartyContact>>,
    /// Progress since the previous CTAP: present when the inputs hold two or more
    /// dated editions of an economy ([`SummaryReport::with_progress`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<ProgressSummary>,
    /// Needs by recipient and Strategy area, and how many are unmet: the HTML
    /// report's heat map.
    ///
    /// Not in the JSON: `to_json` keeps the published report format byte for byte
    /// (the same counts follow from `sections`); a later version may add it under
    /// a new key.
    #[serde(skip)]
    pub demand: DemandGrid,
}

/// The report's overview: parties, years and counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// Every party with a submission in the report, in party order.
    pub parties: Vec<PartyOverview>,
    /// How many of them are APEC economies.
    pub economies: usize,
    /// How many are international organisations.
    pub organisations: usize,
    /// The years of the submissions in the report, sorted.
    pub years: Vec<u16>,
    /// Needs in the report.
    pub needs: usize,
    /// Offers in the report.
    pub offers: usize,
    /// Needs with at least one candidate offer.
    pub matched_needs: usize,
    /// Needs with none: the gaps.
    pub unmet_needs: usize,
    /// Offers that meet at least one need.
    pub requested_offers: usize,
    /// Offers that meet none.
    pub unrequested_offers: usize,
    /// The lowest score a match may have (from the match configuration).
    pub min_score: f64,
    /// Parties whose undated submissions were left out of a one-year report, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undated_left_out: Vec<Party>,
    /// Parties with several dated editions reported from their latest, and the
    /// earlier editions left out, by party ([`SummaryReport::with_earlier_editions`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub earlier_editions_left_out: Vec<EarlierEditions>,
}

/// One party's part in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyOverview {
    /// The party.
    pub party: Party,
    /// Its name ("Republic of Korea", or the organisation's name).
    pub name: String,
    /// The years of its submissions, sorted (empty if all are undated).
    pub years: Vec<u16>,
    /// Its needs.
    pub needs: usize,
    /// Its offers.
    pub offers: usize,
}

/// The needs of one section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionNeeds {
    /// The section's label (`A.1`, `Energy Security`), or `None` for needs without one.
    pub section: Option<String>,
    /// The section's title ("Protect Cargo"; the label for other sections; "No section").
    pub title: String,
    /// The needs, by recipient in party order.
    pub economies: Vec<RecipientNeeds>,
}

/// One recipient's needs in a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientNeeds {
    /// The recipient.
    pub party: Party,
    /// Its needs, by id.
    pub needs: Vec<NeedSummary>,
}

/// A need and the donors that could meet it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedSummary {
    /// The need's id.
    pub id: ItemId,
    /// Who stated it.
    pub recipient: Party,
    /// Its section label, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
    /// The Strategy pillars it speaks to.
    pub pillars: Vec<Pillar>,
    /// The best candidate donors, best first (ties by offer id): each donor once,
    /// with its best offer; at most [`SummaryOptions::top_donors`](super::SummaryOptions::top_donors).
    pub donors: Vec<Candidate>,
}

/// A donor that could meet a need, through one of its offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The donor.
    pub donor: Party,
    /// The donor's best offer for the need.
    pub offer: ItemId,
    /// The match score, in [0, 1], rounded to 4 decimals.
    pub score: f64,
    /// The match's tier.
    pub tier: crate::similarity::Tier,
    /// The terms and concepts need and offer share, strongest first.
    pub shared_terms: Vec<String>,
    /// The offer's text.
    pub offer_text: String,
}

/// The needs no offer meets, two ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gaps {
    /// By section, in section order; sections without gaps are left out.
    pub by_section: Vec<SectionGaps>,
    /// By pillar: every pillar (possibly empty), then needs with no pillar
    /// (`pillar: null`) if there are any. A need under several pillars is listed
    /// under each.
    pub by_pillar: Vec<PillarGaps>,
}

/// The unmet needs of one section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionGaps {
    /// The section's label, or `None`.
    pub section: Option<String>,
    /// The section's title.
    pub title: String,
    /// The unmet needs, by recipient, then id.
    pub needs: Vec<GapNeed>,
}

/// An unmet need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapNeed {
    /// The need's id.
    pub id: ItemId,
    /// Who stated it.
    pub recipient: Party,
    /// Its section label, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
    /// The Strategy pillars it speaks to.
    pub pillars: Vec<Pillar>,
}

/// The unmet needs under one pillar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarGaps {
    /// The pillar, or `None` for needs with no pillar identified.
    pub pillar: Option<Pillar>,
    /// The unmet needs, by id.
    pub needs: Vec<ItemId>,
}

/// An offer, as listed among those no need asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferSummary {
    /// The offer's id.
    pub id: ItemId,
    /// Who offers it.
    pub donor: Party,
    /// Its section label, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
}

/// Donor × recipient match strength.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrengthTable {
    /// Rows: every party with an offer in the report, in party order.
    pub donors: Vec<Party>,
    /// Columns: every party with a need in the report, in party order.
    pub recipients: Vec<Party>,
    /// The non-empty cells, by donor then recipient. `strength` is the sum of the
    /// scores of the donor's matches with the recipient's needs.
    pub links: Vec<EconomyLink>,
}

impl StrengthTable {
    /// The link from `donor` to `recipient`, if they have a match.
    pub fn link(&self, donor: &Party, recipient: &Party) -> Option<&EconomyLink> {
        self.links
            .binary_search_by(|l| (&l.donor, &l.recipient).cmp(&(donor, recipient)))
            .ok()
            .map(|k| &self.links[k])
    }
}

/// Counts by Strategy area and by pillar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    /// Every area in the Strategy's order, then items whose section has no area
    /// (`area: null`) if there are any.
    pub by_area: Vec<AreaTotal>,
    /// Every pillar, then items with no pillar (`pillar: null`) if there are any.
    /// An item under several pillars counts under each.
    pub by_pillar: Vec<PillarTotal>,
}

/// Counts of one Strategy area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaTotal {
    /// The area, or `None` for items whose section maps to none.
    pub area: Option<Area>,
    /// The counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Counts of one pillar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarTotal {
    /// The pillar, or `None` for items with no pillar identified.
    pub pillar: Option<Pillar>,
    /// The counts.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Needs and offers of a group, and how many of the needs are matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Needs.
    pub needs: usize,
    /// Offers.
    pub offers: usize,
    /// Needs with at least one candidate offer.
    pub matched: usize,
    /// Needs with none.
    pub unmet: usize,
}

/// Needs by recipient and Strategy area: who asks for what, and what is unmet.
///
/// A need counts under every area its section maps to (one, for the template's
/// sections), or under `None` when its section maps to none or it has none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DemandGrid {
    /// The columns: the Strategy's four areas in order, then `None` if any need
    /// has no area.
    pub areas: Vec<Option<Area>>,
    /// The rows: every party with a need in the report, in party order.
    pub rows: Vec<DemandRow>,
    /// Every recipient together, one cell per column.
    pub totals: Vec<DemandCell>,
    /// Every need of the report once.
    pub total: DemandCell,
}

impl DemandGrid {
    /// The largest number of needs in one cell (0 for no needs): the top of the
    /// heat map's scale.
    pub fn max_needs(&self) -> usize {
        self.rows.iter().flat_map(|r| &r.cells).map(|c| c.needs).max().unwrap_or(0)
    }
}

/// One recipient's row of the [`DemandGrid`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemandRow {
    /// The recipient.
    pub party: Party,
    /// One cell per column of [`DemandGrid::areas`].
    pub cells: Vec<DemandCell>,
    /// Every need of the recipient once.
    pub total: DemandCell,
}

/// Needs in one cell of the [`DemandGrid`], and how many of them are unmet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DemandCell {
    /// Needs.
    pub needs: usize,
    /// Needs with no candidate offer.
    pub unmet: usize,
}

impl DemandCell {
    /// Counts one need.
    pub(super) fn add(&mut self, matched: bool) {
        self.needs += 1;
        if !matched {
            self.unmet += 1;
        }
    }
}

/// A contact point of a party in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyContact {
    /// The party.
    pub party: Party,
    /// The contact, as the submission gives it.
    #[serde(flatten)]
    pub contact: Contact,
}

/// Progress since the previous CTAP: each economy's latest edition against its
/// previous one (see [`crate::plan::progress`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressSummary {
    /// Per economy with two or more dated editions, its latest pair, by party.
    pub economies: Vec<EconomyProgress>,
    /// Region-wide counts over those pairs by Strategy area: every area in the
    /// Strategy's order, then needs whose section has no area (`area: null`) if
    /// any. A persistent or new need counts under its own section's area, a
    /// resolved one under the earlier need's.
    pub by_area: Vec<AreaProgress>,
    /// Needs stated in three or more consecutive editions, by party.
    pub persisting: Vec<PersistingNeed>,
    /// Persistent needs that an offer dated no later than the previous edition
    /// met at `partial` or better: opportunities nobody took up. By party, then need.
    pub opportunities: Vec<MissedOpportunity>,
}

/// One economy's latest pair of editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EconomyProgress {
    /// The economy.
    pub party: Party,
    /// The previous edition's year.
    pub from: u16,
    /// The latest edition's year.
    pub to: u16,
    /// Needs of the latest edition that restate one of the previous, by id.
    pub persistent: Vec<ProgressLink>,
    /// Needs of the latest edition that restate none, by id.
    pub new: Vec<ProgressNeed>,
    /// Needs of the previous edition that no need of the latest restates, by id.
    pub resolved: Vec<ProgressNeed>,
}

/// A need of the latest edition and the need of the previous one it restates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressLink {
    /// The need in the latest edition.
    pub need: ItemId,
    /// The need it restates.
    pub previous: ItemId,
    /// Their relevance probability, in [0, 1].
    pub similarity: f64,
    /// The latest text.
    pub text: String,
    /// The previous text.
    pub previous_text: String,
}

/// A new or resolved need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressNeed {
    /// The need's id.
    pub id: ItemId,
    /// Its section label, if any.
    pub section: Option<String>,
    /// Its text.
    pub text: String,
}

/// Counts of one Strategy area over the economies' latest pairs of editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AreaProgress {
    /// The area, or `None` for needs whose section maps to none.
    pub area: Option<Area>,
    /// Persistent needs.
    pub persistent: usize,
    /// New needs.
    pub new: usize,
    /// Resolved needs.
    pub resolved: usize,
}

/// A need stated in three or more consecutive editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersistingNeed {
    /// The economy.
    pub party: Party,
    /// Its statements, oldest first.
    pub needs: Vec<ItemId>,
    /// The year of each statement.
    pub years: Vec<u16>,
    /// The latest statement's text.
    pub text: String,
}

/// A persistent need an earlier offer could already meet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedOpportunity {
    /// The economy that states the need.
    pub recipient: Party,
    /// The need in the latest edition.
    pub need: ItemId,
    /// Its statement in the previous edition, which the offer meets.
    pub previous: ItemId,
    /// The latest text.
    pub text: String,
    /// The donor.
    pub donor: Party,
    /// The offer.
    pub offer: ItemId,
    /// The year of the offer's edition (no later than the previous edition).
    pub year: u16,
    /// The match probability.
    pub score: f64,
    /// `partial` or `strong`.
    pub tier: Tier,
    /// The offer's text.
    pub offer_text: String,
}
