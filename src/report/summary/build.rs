//! Building the [`SummaryReport`] model from a match graph, once, for every writer.

use std::collections::{BTreeMap, BTreeSet};

use super::SummaryOptions;
use super::model::{
    AreaTotal, Candidate, Counts, DemandCell, DemandGrid, DemandRow, GapNeed, Gaps, NeedSummary,
    OfferSummary, Overview, PartyContact, PartyOverview, PillarGaps, PillarTotal, RecipientNeeds,
    SectionGaps, SectionNeeds, StrengthTable, SummaryReport, Totals,
};
use crate::graph::MatchGraph;
use crate::plan::{DemandOptions, RegionalDemand};
use crate::{Area, ItemId, ItemRef, Party, Pillar, Section};

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
                        tier: crate::similarity::Model::builtin().tier(score),
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

        let regional_demand =
            RegionalDemand::new_where(ranking, &DemandOptions::new(), |s| options.selects(s));
        SummaryReport {
            title: TITLE.to_string(),
            year: options.year,
            overview,
            sections,
            regional_demand,
            gaps,
            unrequested_offers,
            strength,
            totals: totals(&needs, &offers),
            contacts,
            progress: None,
            demand: demand(&needs),
        }
    }
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
        earlier_editions_left_out: Vec::new(),
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

fn demand(needs: &[(ItemRef<'_>, NeedSummary)]) -> DemandGrid {
    let areas_of = |r: &ItemRef<'_>| r.item.section.as_ref().map_or(&[] as &[Area], Section::areas);
    let no_area = needs.iter().any(|(r, _)| areas_of(r).is_empty());
    let mut areas: Vec<Option<Area>> = Area::ALL.iter().copied().map(Some).collect();
    if no_area {
        areas.push(None);
    }
    let column = |a: Option<Area>| areas.iter().position(|&x| x == a).unwrap_or(areas.len() - 1);
    let mut rows: BTreeMap<&Party, DemandRow> = BTreeMap::new();
    let mut totals = vec![DemandCell::default(); areas.len()];
    let mut total = DemandCell::default();
    for (r, n) in needs {
        let matched = !n.donors.is_empty();
        let row = rows.entry(&r.submission.economy).or_insert_with(|| DemandRow {
            party: r.submission.economy.clone(),
            cells: vec![DemandCell::default(); areas.len()],
            total: DemandCell::default(),
        });
        let a = areas_of(r);
        let columns: Vec<usize> =
            if a.is_empty() { vec![column(None)] } else { a.iter().map(|&x| column(Some(x))).collect() };
        for k in columns {
            row.cells[k].add(matched);
            totals[k].add(matched);
        }
        row.total.add(matched);
        total.add(matched);
    }
    DemandGrid { areas, rows: rows.into_values().collect(), totals, total }
}
