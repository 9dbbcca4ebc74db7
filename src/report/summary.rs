//! The Summary Report of Counter-Terrorism Capacity Building Needs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::escape::{excerpt, markdown_escape};
use super::{party_heading, party_label, section_heading};
use crate::graph::{EconomyLink, MatchGraph};
use crate::model::{MAX_YEAR, MIN_YEAR};
use crate::{Area, Contact, Error, ItemId, ItemRef, Party, Pillar, Result, Section, Submission};

/// What goes into a [`SummaryReport`].
///
/// Setters take and return `self`; [`SummaryOptions::build`] validates.
///
/// # Examples
///
/// ```
/// use capmatch::report::SummaryOptions;
///
/// let options = SummaryOptions::new().year(2020).include_contacts(true).build()?;
/// assert_eq!(options.year, Some(2020));
/// assert!(options.include_contacts);
/// assert_eq!(SummaryOptions::default().top_donors, 3);
/// assert!(SummaryOptions::new().year(1900).build().is_err());
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Print contact points (names, telephone numbers, e-mail addresses) of the
    /// parties in the report (default false: reports are circulated widely).
    pub include_contacts: bool,
    /// Restrict the report to the submissions of this year (default `None`: all).
    ///
    /// Needs, offers, matches, parties and contacts all come from that year's
    /// submissions only. Undated submissions are left out of a one-year report
    /// (their year is unknown, and a stale plan must not pass for a current one);
    /// the report names the parties whose undated submissions were left out.
    pub year: Option<u16>,
    /// Candidate donors shown per need, best first (default 3; at least 1).
    pub top_donors: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions { include_contacts: false, year: None, top_donors: 3 }
    }
}

impl SummaryOptions {
    /// The default options (same as `Default`).
    pub fn new() -> Self {
        SummaryOptions::default()
    }

    /// Prints contact points when `true` (default false).
    #[must_use]
    pub fn include_contacts(mut self, yes: bool) -> Self {
        self.include_contacts = yes;
        self
    }

    /// Restricts the report to one year's submissions (`2020`), or lifts the
    /// restriction (`None`, the default).
    #[must_use]
    pub fn year(mut self, year: impl Into<Option<u16>>) -> Self {
        self.year = year.into();
        self
    }

    /// Sets how many candidate donors are shown per need (default 3).
    #[must_use]
    pub fn top_donors(mut self, k: usize) -> Self {
        self.top_donors = k;
        self
    }

    /// Validates the options.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if `top_donors` is 0 or `year` is outside 1989–2100.
    pub fn build(self) -> Result<SummaryOptions> {
        if self.top_donors == 0 {
            return Err(Error::config("top_donors", "must be at least 1, got 0"));
        }
        if let Some(y) = self.year
            && !(MIN_YEAR..=MAX_YEAR).contains(&y)
        {
            return Err(Error::config("year", format!("must be from {MIN_YEAR} to {MAX_YEAR}, got {y}")));
        }
        Ok(self)
    }

    /// Whether a submission is in the report: always without a year, else only
    /// when dated that year (undated submissions are left out).
    ///
    /// Callers who want a year's matches ranked among that year's offers only
    /// filter the corpus with this before matching.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Economy, Submission, report::SummaryOptions};
    ///
    /// let dated = Submission::new(Economy::Rok, Some(2020));
    /// let undated = Submission::new(Economy::Hkc, None);
    /// let y2020 = SummaryOptions::new().year(2020);
    /// assert!(y2020.selects(&dated));
    /// assert!(!y2020.selects(&undated));
    /// assert!(SummaryOptions::new().selects(&undated));
    /// ```
    pub fn selects(&self, submission: &Submission) -> bool {
        match self.year {
            None => true,
            Some(y) => submission.year == Some(y),
        }
    }
}

/// The Summary Report of Counter-Terrorism Capacity Building Needs, as data.
///
/// Built from a [`MatchGraph`] (and the corpus behind it); rendered with
/// [`SummaryReport::to_markdown`] for people and [`SummaryReport::to_json`] for
/// programs (the same content; field names are stable, lists sorted as each
/// field's documentation says). [`to_dot`](super::to_dot) draws the economy graph.
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
    /// with its best offer; at most [`SummaryOptions::top_donors`].
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

/// A contact point of a party in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyContact {
    /// The party.
    pub party: Party,
    /// The contact, as the submission gives it.
    #[serde(flatten)]
    pub contact: Contact,
}

/// The report's title.
const TITLE: &str = "Summary Report of Counter-Terrorism Capacity Building Needs";

/// Shared terms shown per candidate donor.
const SHARED_TERMS: usize = 4;

/// Sort key of a section: template order, then other sections, then none.
fn section_key(s: Option<&Section>) -> (bool, Option<&Section>) {
    (s.is_none(), s)
}

fn label(s: Option<&Section>) -> Option<String> {
    s.map(|s| s.label().to_string())
}

fn title(s: Option<&Section>) -> String {
    s.map_or_else(|| "No section".to_string(), |s| s.title().to_string())
}

fn party_name(p: &Party) -> String {
    match p {
        Party::Economy(e) => e.name().to_string(),
        Party::Organisation(o) => o.name().to_string(),
    }
}

impl SummaryReport {
    /// Builds the report of `graph`'s ranking and corpus. `options` should come
    /// from [`SummaryOptions::build`].
    ///
    /// # Complexity
    ///
    /// O(S + (N + M) log(N + M) + E log E) for S submissions, N needs, M offers and
    /// E matches, plus finding shared terms for the shown candidates.
    pub fn new(graph: &MatchGraph<'_, '_, '_>, options: &SummaryOptions) -> SummaryReport {
        let ranking = graph.ranking();
        let analysis = ranking.analysis();
        let corpus = analysis.corpus();
        let need_in: Vec<bool> =
            (0..analysis.need_count()).map(|i| options.selects(analysis.need(i).submission)).collect();
        let offer_in: Vec<bool> =
            (0..analysis.offer_count()).map(|j| options.selects(analysis.offer(j).submission)).collect();

        // Candidates of every need in the report, among the offers in the report.
        let mut requested = vec![false; analysis.offer_count()];
        let mut needs: Vec<(ItemRef<'_>, NeedSummary)> = Vec::new();
        for i in ranking.needs_in_id_order() {
            if !need_in[i] {
                continue;
            }
            let need = analysis.need(i);
            let mut donors: Vec<Candidate> = Vec::new();
            for (j, score) in graph.top_offers(i, usize::MAX) {
                if !offer_in[j] {
                    continue;
                }
                requested[j] = true;
                let offer = analysis.offer(j);
                if donors.len() < options.top_donors
                    && !donors.iter().any(|d| d.donor == offer.submission.economy)
                {
                    donors.push(Candidate {
                        donor: offer.submission.economy.clone(),
                        offer: offer.item.id.clone(),
                        score: crate::graph::round4(score),
                        shared_terms: analysis.shared_terms(i, j, SHARED_TERMS),
                        offer_text: offer.item.text.clone(),
                    });
                }
            }
            let summary = NeedSummary {
                id: need.item.id.clone(),
                recipient: need.submission.economy.clone(),
                section: label(need.item.section.as_ref()),
                text: need.item.text.clone(),
                pillars: need.item.pillars.clone(),
                donors,
            };
            needs.push((need, summary));
        }
        let offers: Vec<(ItemRef<'_>, bool)> = (0..analysis.offer_count())
            .filter(|&j| offer_in[j])
            .map(|j| (analysis.offer(j), requested[j]))
            .collect();

        let overview = overview(corpus, options, &needs, &offers, ranking.config().min_score);
        let sections = sections(&needs);
        let gaps = gaps(&needs);
        let mut unrequested: Vec<&ItemRef<'_>> =
            offers.iter().filter(|(_, requested)| !requested).map(|(o, _)| o).collect();
        unrequested.sort_by(|a, b| {
            section_key(a.item.section.as_ref())
                .cmp(&section_key(b.item.section.as_ref()))
                .then_with(|| a.submission.economy.cmp(&b.submission.economy))
                .then_with(|| a.item.id.cmp(&b.item.id))
        });
        let unrequested_offers = unrequested
            .into_iter()
            .map(|o| OfferSummary {
                id: o.item.id.clone(),
                donor: o.submission.economy.clone(),
                section: label(o.item.section.as_ref()),
                text: o.item.text.clone(),
            })
            .collect();

        let mut links = graph.economy_links_where(|i, j| need_in[i] && offer_in[j]);
        links.sort_by(|a, b| a.donor.cmp(&b.donor).then_with(|| a.recipient.cmp(&b.recipient)));
        let strength = StrengthTable {
            donors: offers
                .iter()
                .map(|(o, _)| &o.submission.economy)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .cloned()
                .collect(),
            recipients: needs
                .iter()
                .map(|(n, _)| &n.submission.economy)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .cloned()
                .collect(),
            links,
        };

        let contacts = options.include_contacts.then(|| {
            let mut all: Vec<PartyContact> = corpus
                .submissions
                .iter()
                .filter(|s| options.selects(s))
                .flat_map(|s| {
                    s.contacts
                        .iter()
                        .filter(|c| !c.is_empty())
                        .map(|c| PartyContact { party: s.economy.clone(), contact: c.clone() })
                })
                .collect();
            // Stable: a party's contacts for one section keep their order in the plan.
            all.sort_by(|a, b| {
                a.party.cmp(&b.party).then_with(|| {
                    section_key(a.contact.section.as_ref()).cmp(&section_key(b.contact.section.as_ref()))
                })
            });
            let mut seen: Vec<PartyContact> = Vec::with_capacity(all.len());
            for c in all {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
            seen
        });

        SummaryReport {
            title: TITLE.to_string(),
            year: options.year,
            overview,
            sections,
            gaps,
            unrequested_offers,
            strength,
            totals: totals(&needs, &offers),
            contacts,
        }
    }

    /// The report as pretty-printed JSON, ending in a newline.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"PHL","year":2020,"needs":[{"section":"B","text":"Training for FIU analysts on terrorist financing"}]}]}"#, None)?;
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let report = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new());
    /// let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    /// assert_eq!(v["gaps"]["by_section"][0]["section"], "B");
    /// assert_eq!(v["overview"]["unmet_needs"], 1);
    /// assert!(v.get("contacts").is_none());
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising into a String cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report in Markdown, for people: overview, needs by section with their
    /// best candidate donors, the gaps by section and by pillar, offers no one
    /// asked for, the donor × recipient strength table, totals by area and pillar,
    /// and contact points if included. Texts are shortened to excerpts and every
    /// text is escaped (pipes included).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Corpus, MatchConfig, graph::{MatchGraph, Ranking}, similarity::Analysis};
    /// use capmatch::report::{SummaryOptions, SummaryReport};
    ///
    /// let corpus = Corpus::from_json_str(r#"{"submissions":[
    ///   {"economy":"HKC","year":2020,"needs":[{"section":"A.1","text":"Workshops on Single Window system development"}]},
    ///   {"economy":"ROK","year":2020,"offers":[{"section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
    /// let config = MatchConfig::new().build()?;
    /// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    /// let ranking = Ranking::new(&analysis, &config);
    /// let md = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new()).to_markdown();
    /// assert!(md.starts_with("# Summary Report of Counter-Terrorism Capacity Building Needs\n"));
    /// assert!(md.contains("| ROK | "));
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        self.markdown_overview(&mut s);
        self.markdown_needs(&mut s);
        self.markdown_gaps(&mut s);
        self.markdown_unrequested(&mut s);
        self.markdown_strength(&mut s);
        self.markdown_totals(&mut s);
        self.markdown_contacts(&mut s);
        s
    }

    fn markdown_overview(&self, s: &mut String) {
        let o = &self.overview;
        let _ = writeln!(s, "# {}\n", self.title);
        let years = match (self.year, o.years.first(), o.years.last()) {
            (Some(y), _, _) => y.to_string(),
            (None, Some(a), Some(b)) if a == b => a.to_string(),
            (None, Some(a), Some(b)) => format!("{a}–{b}"),
            _ => "Undated".to_string(),
        };
        let _ = writeln!(
            s,
            "{years} · {} · {} · {}\n",
            plural(o.economies, "economy", "economies")
                + &if o.organisations > 0 {
                    format!(" and {}", plural(o.organisations, "organisation", "organisations"))
                } else {
                    String::new()
                },
            plural(o.needs, "need", "needs"),
            plural(o.offers, "offer", "offers"),
        );
        if o.unmet_needs == 0 {
            s.push_str("- Every need has at least one candidate donor.\n");
        } else {
            let _ = writeln!(
                s,
                "- {} at least one candidate donor; {} unmet (see Gaps).",
                plural(o.matched_needs, "need has", "needs have"),
                plural(o.unmet_needs, "is", "are"),
            );
        }
        if o.unrequested_offers == 0 {
            s.push_str("- Every offer meets at least one need.\n");
        } else {
            let _ = writeln!(
                s,
                "- {} at least one need; {} no need.",
                plural(o.requested_offers, "offer meets", "offers meet"),
                plural(o.unrequested_offers, "meets", "meet"),
            );
        }
        let submissions: Vec<String> = o
            .parties
            .iter()
            .map(|p| {
                let years: Vec<String> = p.years.iter().map(u16::to_string).collect();
                let years = if years.is_empty() { "undated".to_string() } else { years.join(", ") };
                format!("{} {years}", markdown_escape(party_label(&p.party)))
            })
            .collect();
        let _ = writeln!(s, "- Submissions: {}.", submissions.join("; "));
        if !o.undated_left_out.is_empty() {
            let names: Vec<String> =
                o.undated_left_out.iter().map(|p| markdown_escape(party_label(p))).collect();
            let _ =
                writeln!(s, "- Undated submissions left out of this {years} report: {}.", names.join(", "));
        }
        let _ = writeln!(
            s,
            "\nScores run from 0 to 1: topic similarity weighed with the CTAP section, the Strategy \
             pillars and the kind of activity. Matches below {:.2} are not listed.",
            o.min_score
        );
    }

    fn markdown_needs(&self, s: &mut String) {
        s.push_str("\n## Needs by section\n");
        if self.sections.is_empty() {
            s.push_str("\nNo needs were submitted.\n");
        }
        for sec in &self.sections {
            let _ = write!(s, "\n### {}\n", section_heading(sec.section.as_deref(), &sec.title));
            for group in &sec.economies {
                let _ = write!(s, "\n#### {}\n\n", party_heading(&group.party));
                for need in &group.needs {
                    let _ = writeln!(
                        s,
                        "- {} ({})",
                        markdown_escape(&excerpt(&need.text, 220)),
                        markdown_escape(need.id.as_str())
                    );
                    if need.donors.is_empty() {
                        s.push_str("  - _No candidate donor: see Gaps._\n");
                    }
                    for d in &need.donors {
                        let terms = if d.shared_terms.is_empty() {
                            String::new()
                        } else {
                            format!(" · _{}_", markdown_escape(&d.shared_terms.join(", ")))
                        };
                        let _ = writeln!(
                            s,
                            "  - **{}** {:.2} — {} ({}){terms}",
                            markdown_escape(party_label(&d.donor)),
                            d.score,
                            markdown_escape(&excerpt(&d.offer_text, 110)),
                            markdown_escape(d.offer.as_str()),
                        );
                    }
                }
            }
        }
    }

    fn markdown_gaps(&self, s: &mut String) {
        let unmet = self.overview.unmet_needs;
        s.push_str("\n## Gaps: needs no offer meets\n\n");
        if unmet == 0 {
            s.push_str("Every need has at least one candidate donor.\n");
            return;
        }
        let _ = writeln!(
            s,
            "{} no candidate donor: where new project proposals can start.",
            plural(unmet, "need has", "needs have")
        );
        s.push_str("\n### By section\n");
        for sec in &self.gaps.by_section {
            let _ = write!(s, "\n**{}**\n\n", section_heading(sec.section.as_deref(), &sec.title));
            for need in &sec.needs {
                let pillars: Vec<&str> = need.pillars.iter().map(|p| p.name()).collect();
                let pillars =
                    if pillars.is_empty() { String::new() } else { format!(" · {}", pillars.join(", ")) };
                let _ = writeln!(
                    s,
                    "- **{}**: {} ({}){pillars}",
                    markdown_escape(party_label(&need.recipient)),
                    markdown_escape(&excerpt(&need.text, 220)),
                    markdown_escape(need.id.as_str()),
                );
            }
        }
        s.push_str("\n### By pillar\n\n| Pillar | Unmet needs |\n|---|---|\n");
        let where_: BTreeMap<&ItemId, (&Party, Option<&str>)> = self
            .gaps
            .by_section
            .iter()
            .flat_map(|sec| sec.needs.iter())
            .map(|n| (&n.id, (&n.recipient, n.section.as_deref())))
            .collect();
        for row in &self.gaps.by_pillar {
            let name = row.pillar.map_or("No pillar identified", Pillar::name);
            let needs: Vec<String> = row
                .needs
                .iter()
                .map(|id| match where_.get(id) {
                    Some((party, section)) => format!(
                        "{} ({}, {})",
                        markdown_escape(id.as_str()),
                        markdown_escape(party_label(party)),
                        markdown_escape(section.unwrap_or("no section"))
                    ),
                    None => markdown_escape(id.as_str()),
                })
                .collect();
            let cell = if needs.is_empty() { "—".to_string() } else { needs.join("; ") };
            let _ = writeln!(s, "| {name} | {cell} |");
        }
    }

    fn markdown_unrequested(&self, s: &mut String) {
        s.push_str("\n## Offers no one asked for\n\n");
        if self.unrequested_offers.is_empty() {
            s.push_str("Every offer meets at least one need.\n");
            return;
        }
        s.push_str("| Donor | Section | Offer |\n|---|---|---|\n");
        for o in &self.unrequested_offers {
            let _ = writeln!(
                s,
                "| {} | {} | {} ({}) |",
                markdown_escape(party_label(&o.donor)),
                markdown_escape(o.section.as_deref().unwrap_or("—")),
                markdown_escape(&excerpt(&o.text, 160)),
                markdown_escape(o.id.as_str()),
            );
        }
    }

    fn markdown_strength(&self, s: &mut String) {
        let t = &self.strength;
        s.push_str("\n## Match strength between economies\n\n");
        if t.donors.is_empty() || t.recipients.is_empty() {
            s.push_str("No donor and recipient to compare.\n");
            return;
        }
        s.push_str(
            "Sum of the scores of the matches between a donor's offers (rows) and a recipient's \
             needs (columns); blank where there is none.\n\n",
        );
        s.push_str("| Donor / recipient |");
        for r in &t.recipients {
            let _ = write!(s, " {} |", markdown_escape(party_label(r)));
        }
        s.push_str("\n|---|");
        s.push_str(&"---:|".repeat(t.recipients.len()));
        s.push('\n');
        for d in &t.donors {
            let _ = write!(s, "| {} |", markdown_escape(party_label(d)));
            for r in &t.recipients {
                match t.link(d, r) {
                    Some(l) => {
                        let _ = write!(s, " {:.2} |", l.strength);
                    }
                    None => s.push_str("  |"),
                }
            }
            s.push('\n');
        }
    }

    fn markdown_totals(&self, s: &mut String) {
        s.push_str("\n## Totals by Strategy area and pillar\n\n");
        let header = "| Needs | Offers | Needs matched | Needs unmet |\n|---|---:|---:|---:|---:|\n";
        let _ = write!(s, "| Area {header}");
        for row in &self.totals.by_area {
            let name = row.area.map_or("No area (section unknown)", Area::name);
            counts_row(s, name, row.counts);
        }
        let _ = write!(s, "\n| Pillar {header}");
        for row in &self.totals.by_pillar {
            let name = row.pillar.map_or("No pillar identified", Pillar::name);
            counts_row(s, name, row.counts);
        }
        s.push_str("\nAn item that speaks to several pillars counts under each.\n");
    }

    fn markdown_contacts(&self, s: &mut String) {
        let Some(contacts) = &self.contacts else {
            return;
        };
        s.push_str("\n## Contact points\n\n");
        if contacts.is_empty() {
            s.push_str("No contact points were given.\n");
            return;
        }
        s.push_str(
            "| Party | Section | Role | Name | Title | Telephone | E-mail |\n|---|---|---|---|---|---|---|\n",
        );
        for c in contacts {
            let cell = |v: &Option<String>| v.as_deref().map(markdown_escape).unwrap_or_default();
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                markdown_escape(party_label(&c.party)),
                c.contact.section.as_ref().map_or_else(String::new, |x| markdown_escape(x.label())),
                cell(&c.contact.role),
                cell(&c.contact.name),
                cell(&c.contact.title),
                cell(&c.contact.telephone),
                cell(&c.contact.email),
            );
        }
    }
}

fn counts_row(s: &mut String, name: &str, c: Counts) {
    let _ = writeln!(s, "| {name} | {} | {} | {} | {} |", c.needs, c.offers, c.matched, c.unmet);
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn overview(
    corpus: &crate::Corpus,
    options: &SummaryOptions,
    needs: &[(ItemRef<'_>, NeedSummary)],
    offers: &[(ItemRef<'_>, bool)],
    min_score: f64,
) -> Overview {
    let mut parties: BTreeMap<&Party, PartyOverview> = BTreeMap::new();
    let mut undated = BTreeSet::new();
    for sub in &corpus.submissions {
        if !options.selects(sub) {
            if sub.year.is_none() {
                undated.insert(&sub.economy);
            }
            continue;
        }
        let p = parties.entry(&sub.economy).or_insert_with(|| PartyOverview {
            party: sub.economy.clone(),
            name: party_name(&sub.economy),
            years: Vec::new(),
            needs: 0,
            offers: 0,
        });
        p.years.extend(sub.year);
        p.needs += sub.needs.len();
        p.offers += sub.offers.len();
    }
    let mut years = BTreeSet::new();
    for p in parties.values_mut() {
        p.years.sort_unstable();
        p.years.dedup();
        years.extend(p.years.iter().copied());
    }
    let parties: Vec<PartyOverview> = parties.into_values().collect();
    let economies = parties.iter().filter(|p| p.party.economy().is_some()).count();
    let matched = needs.iter().filter(|(_, n)| !n.donors.is_empty()).count();
    let requested = offers.iter().filter(|(_, r)| *r).count();
    Overview {
        economies,
        organisations: parties.len() - economies,
        parties,
        years: years.into_iter().collect(),
        needs: needs.len(),
        offers: offers.len(),
        matched_needs: matched,
        unmet_needs: needs.len() - matched,
        requested_offers: requested,
        unrequested_offers: offers.len() - requested,
        min_score,
        undated_left_out: undated.into_iter().cloned().collect(),
    }
}

fn sections(needs: &[(ItemRef<'_>, NeedSummary)]) -> Vec<SectionNeeds> {
    type Groups<'a> = BTreeMap<(bool, Option<&'a Section>), BTreeMap<&'a Party, Vec<NeedSummary>>>;
    let mut groups: Groups<'_> = BTreeMap::new();
    // `needs` is in id order, so each recipient's needs stay in id order.
    for (r, summary) in needs {
        groups
            .entry(section_key(r.item.section.as_ref()))
            .or_default()
            .entry(&r.submission.economy)
            .or_default()
            .push(summary.clone());
    }
    groups
        .into_iter()
        .map(|((_, section), by_party)| SectionNeeds {
            section: label(section),
            title: title(section),
            economies: by_party
                .into_iter()
                .map(|(party, needs)| RecipientNeeds { party: party.clone(), needs })
                .collect(),
        })
        .collect()
}

fn gaps(needs: &[(ItemRef<'_>, NeedSummary)]) -> Gaps {
    let unmet: Vec<&(ItemRef<'_>, NeedSummary)> = needs.iter().filter(|(_, n)| n.donors.is_empty()).collect();
    let mut by_section: BTreeMap<(bool, Option<&Section>), Vec<GapNeed>> = BTreeMap::new();
    let mut sorted = unmet.clone();
    sorted.sort_by(|a, b| {
        a.0.submission.economy.cmp(&b.0.submission.economy).then_with(|| a.1.id.cmp(&b.1.id))
    });
    for (r, n) in sorted {
        by_section.entry(section_key(r.item.section.as_ref())).or_default().push(GapNeed {
            id: n.id.clone(),
            recipient: n.recipient.clone(),
            section: n.section.clone(),
            text: n.text.clone(),
            pillars: n.pillars.clone(),
        });
    }
    let by_section = by_section
        .into_iter()
        .map(|((_, section), needs)| SectionGaps { section: label(section), title: title(section), needs })
        .collect();
    let mut by_pillar: Vec<PillarGaps> = Pillar::ALL
        .iter()
        .map(|&p| PillarGaps {
            pillar: Some(p),
            needs: unmet.iter().filter(|(_, n)| n.pillars.contains(&p)).map(|(_, n)| n.id.clone()).collect(),
        })
        .collect();
    let none: Vec<ItemId> =
        unmet.iter().filter(|(_, n)| n.pillars.is_empty()).map(|(_, n)| n.id.clone()).collect();
    if !none.is_empty() {
        by_pillar.push(PillarGaps { pillar: None, needs: none });
    }
    Gaps { by_section, by_pillar }
}

fn totals(needs: &[(ItemRef<'_>, NeedSummary)], offers: &[(ItemRef<'_>, bool)]) -> Totals {
    let areas = |r: &ItemRef<'_>| r.item.section.as_ref().map_or(&[] as &[Area], Section::areas);
    let mut by_area: Vec<AreaTotal> =
        Area::ALL.iter().map(|&a| AreaTotal { area: Some(a), counts: Counts::default() }).collect();
    let mut no_area = Counts::default();
    let mut by_pillar: Vec<PillarTotal> =
        Pillar::ALL.iter().map(|&p| PillarTotal { pillar: Some(p), counts: Counts::default() }).collect();
    let mut no_pillar = Counts::default();
    let add_need = |c: &mut Counts, matched: bool| {
        c.needs += 1;
        if matched {
            c.matched += 1;
        } else {
            c.unmet += 1;
        }
    };
    for (r, n) in needs {
        let matched = !n.donors.is_empty();
        let a = areas(r);
        if a.is_empty() {
            add_need(&mut no_area, matched);
        }
        for row in by_area.iter_mut().filter(|row| row.area.is_some_and(|x| a.contains(&x))) {
            add_need(&mut row.counts, matched);
        }
        if r.item.pillars.is_empty() {
            add_need(&mut no_pillar, matched);
        }
        for row in by_pillar.iter_mut().filter(|row| row.pillar.is_some_and(|p| r.item.pillars.contains(&p)))
        {
            add_need(&mut row.counts, matched);
        }
    }
    for (r, _) in offers {
        let a = areas(r);
        if a.is_empty() {
            no_area.offers += 1;
        }
        for row in by_area.iter_mut().filter(|row| row.area.is_some_and(|x| a.contains(&x))) {
            row.counts.offers += 1;
        }
        if r.item.pillars.is_empty() {
            no_pillar.offers += 1;
        }
        for row in by_pillar.iter_mut().filter(|row| row.pillar.is_some_and(|p| r.item.pillars.contains(&p)))
        {
            row.counts.offers += 1;
        }
    }
    if no_area != Counts::default() {
        by_area.push(AreaTotal { area: None, counts: no_area });
    }
    if no_pillar != Counts::default() {
        by_pillar.push(PillarTotal { pillar: None, counts: no_pillar });
    }
    Totals { by_area, by_pillar }
}
