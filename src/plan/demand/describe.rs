//! Describing a cluster of needs: its defining concepts and label, its sections,
//! Strategy areas and pillars, the donors whose offers meet its needs, and the
//! draft APEC project concept.

use std::collections::{BTreeMap, BTreeSet};

use super::{Cluster, ClusterDonor, DonorMatch, ForumRef, NeedRef, ProjectConcept, SharedConcept};
use crate::graph::{Ranking, round4};
use crate::plan::fora::{Fora, SPONSORING_FORUM};
use crate::similarity::{Analysis, Model, TermKind};
use crate::text::{ConceptGraph, ConceptId};
use crate::{ActivityKind, Area, ItemId, Party, Pillar, Section};

/// Shared concepts listed per cluster, at most.
const SHARED_CONCEPTS: usize = 5;

/// Concepts in a label, at most.
const LABEL_CONCEPTS: usize = 2;

/// Weight of a concept that names an international body (ICAO, FATF) rather than
/// a topic, when choosing what defines a cluster.
const BODY_WEIGHT: f64 = 0.5;

/// Describes the needs `members` (indices into `ranking`'s analysis, in id order)
/// as a cluster with an empty id. `offer_in` says which offers may be proposed
/// (the editions in use).
pub(super) fn describe(ranking: &Ranking<'_, '_>, members: &[usize], offer_in: &[bool]) -> Cluster {
    let analysis = ranking.analysis();
    let refs: Vec<_> = members.iter().map(|&i| analysis.need(i)).collect();
    let needs: Vec<ItemId> = refs.iter().map(|r| r.item.id.clone()).collect();
    let economies: Vec<Party> =
        refs.iter().map(|r| r.submission.economy.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let section_set: BTreeSet<&Section> = refs.iter().filter_map(|r| r.item.section.as_ref()).collect();
    let sections: Vec<String> = section_set.iter().map(|s| s.label().to_string()).collect();
    let areas: Vec<Area> = section_set
        .iter()
        .flat_map(|s| s.areas().iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Pillars that at least half of the needs speak to.
    let pillars: Vec<Pillar> = Pillar::ALL
        .into_iter()
        .filter(|p| 2 * refs.iter().filter(|r| r.item.pillars.contains(p)).count() >= refs.len())
        .collect();

    let defining = defining_concepts(analysis, members);
    let graph = ConceptGraph::global();
    let label = label(analysis, members, &defining);
    let concepts: Vec<SharedConcept> = defining
        .iter()
        .take(SHARED_CONCEPTS)
        .map(|d| SharedConcept {
            concept: graph.concept(d.concept).label.clone(),
            needs: d.needs.iter().map(|&k| needs[k].clone()).collect(),
        })
        .collect();
    let donors = donors(ranking, members, offer_in);

    let section_list: Vec<Section> = section_set.into_iter().cloned().collect();
    let concept_ids: Vec<ConceptId> = defining.iter().take(SHARED_CONCEPTS).map(|d| d.concept).collect();
    let project = project(&ProjectInput {
        label: &label,
        refs: &refs,
        economies: &economies,
        sections: &section_list,
        pillars: &pillars,
        concepts: &concept_ids,
        shared: &concepts,
        donors: &donors,
    });
    Cluster {
        id: String::new(),
        label,
        needs,
        economies,
        sections,
        donors,
        areas,
        pillars,
        concepts,
        project,
    }
}

/// A concept shared by several needs of a cluster.
struct Defining {
    concept: ConceptId,
    /// Positions (in the cluster) of the needs that name it or something narrower.
    needs: Vec<usize>,
    score: f64,
}

/// The topical concepts at least two needs of the cluster share — named by each,
/// or by each through a concept at most two steps narrower — best first: by the
/// number of needs times the concept's specificity (a precise concept most needs
/// name beats a broad one all name), then by label.
fn defining_concepts(analysis: &Analysis<'_>, members: &[usize]) -> Vec<Defining> {
    let graph = ConceptGraph::global();
    let body_root = graph.id("international body");
    let mut covered: BTreeMap<ConceptId, BTreeSet<usize>> = BTreeMap::new();
    for (k, &i) in members.iter().enumerate() {
        for &(c, _) in analysis.needs.concepts(i) {
            if graph.is_activity(c) {
                continue;
            }
            covered.entry(c).or_default().insert(k);
            for &(a, _) in graph.near_ancestors(c) {
                covered.entry(a).or_default().insert(k);
            }
        }
    }
    let mut out: Vec<Defining> = covered
        .into_iter()
        .filter(|(_, needs)| needs.len() >= 2)
        .map(|(c, needs)| {
            let body = body_root.is_some_and(|root| is_under(graph, c, root));
            let weight = if body { BODY_WEIGHT } else { 1.0 };
            Defining {
                concept: c,
                score: needs.len() as f64 * graph.specificity(c) * weight,
                needs: needs.into_iter().collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| graph.concept(a.concept).label.cmp(&graph.concept(b.concept).label))
    });
    // A broader concept that covers no more needs than a narrower one already
    // listed says nothing new.
    let mut kept: Vec<Defining> = Vec::new();
    for d in out {
        let redundant = kept.iter().any(|k| {
            d.needs.iter().all(|n| k.needs.contains(n))
                && graph.near_ancestors(k.concept).iter().any(|a| a.0 == d.concept)
        });
        if !redundant {
            kept.push(d);
        }
    }
    kept
}

/// Whether `c` is `root` or descends from it.
fn is_under(graph: &ConceptGraph, c: ConceptId, root: ConceptId) -> bool {
    let mut stack = vec![c];
    let mut seen = BTreeSet::new();
    while let Some(x) = stack.pop() {
        if x == root {
            return true;
        }
        if seen.insert(x) {
            stack.extend(graph.concept(x).broader.iter().copied());
        }
    }
    false
}

/// The cluster's label: its best one or two defining concepts (the second only if
/// it is neither broader nor narrower than the first), else the words most of its
/// needs share, else "related needs".
fn label(analysis: &Analysis<'_>, members: &[usize], defining: &[Defining]) -> String {
    let graph = ConceptGraph::global();
    let mut parts: Vec<ConceptId> = Vec::new();
    for d in defining {
        if parts.len() == LABEL_CONCEPTS {
            break;
        }
        let related = parts.iter().any(|&p| {
            graph.near_ancestors(p).iter().any(|a| a.0 == d.concept)
                || graph.near_ancestors(d.concept).iter().any(|a| a.0 == p)
        });
        // The second concept must be shared as widely as the first, or nearly.
        if !related && (parts.is_empty() || 2 * d.needs.len() >= members.len()) {
            parts.push(d.concept);
        }
    }
    if !parts.is_empty() {
        return parts.iter().map(|&c| graph.concept(c).label.as_str()).collect::<Vec<_>>().join(", ");
    }
    // Words (stems) in at least two needs, by summed weight.
    let mut words: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
    for &i in members {
        for &(t, w) in analysis.needs.terms(i) {
            if analysis.vocab.kind[t as usize] == TermKind::Word {
                let e = words.entry(t).or_default();
                e.0 += 1;
                e.1 += f64::from(w);
            }
        }
    }
    let mut shared: Vec<(u32, f64)> =
        words.into_iter().filter(|(_, (n, _))| *n >= 2).map(|(t, (_, w))| (t, w)).collect();
    shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<&str> =
        shared.iter().take(LABEL_CONCEPTS).map(|&(t, _)| &*analysis.vocab.text[t as usize]).collect();
    if top.is_empty() { "related needs".to_string() } else { top.join(", ") }
}

/// A donor's offers, best score per need met, and matches, while they are collected.
struct Acc {
    offers: BTreeSet<ItemId>,
    best: BTreeMap<usize, f64>,
    matches: Vec<DonorMatch>,
}

/// The donors whose offers (among `offer_in`) meet at least one need of the
/// cluster at the `partial` tier or better: by needs met, then by the sum of each
/// met need's best score, then by party.
fn donors(ranking: &Ranking<'_, '_>, members: &[usize], offer_in: &[bool]) -> Vec<ClusterDonor> {
    let analysis = ranking.analysis();
    let model = Model::builtin();
    let mut by_party: BTreeMap<Party, Acc> = BTreeMap::new();
    for (k, &i) in members.iter().enumerate() {
        let need = analysis.need(i);
        for r in ranking.ranked(i) {
            let j = r.offer as usize;
            if r.score < model.thresholds.partial || !offer_in.get(j).copied().unwrap_or(false) {
                continue;
            }
            let offer = analysis.offer(j);
            let acc = by_party.entry(offer.submission.economy.clone()).or_insert_with(|| Acc {
                offers: BTreeSet::new(),
                best: BTreeMap::new(),
                matches: Vec::new(),
            });
            acc.offers.insert(offer.item.id.clone());
            let best = acc.best.entry(k).or_insert(0.0);
            *best = best.max(r.score);
            acc.matches.push(DonorMatch {
                need: need.item.id.clone(),
                offer: offer.item.id.clone(),
                score: round4(r.score),
                tier: model.tier(r.score),
            });
        }
    }
    let mut donors: Vec<(f64, ClusterDonor)> = by_party
        .into_iter()
        .map(|(donor, mut acc)| {
            acc.matches.sort_by(|a, b| {
                a.need.cmp(&b.need).then(b.score.total_cmp(&a.score)).then(a.offer.cmp(&b.offer))
            });
            let strength: f64 = acc.best.values().sum();
            let donor = ClusterDonor {
                donor,
                offers: acc.offers.into_iter().collect(),
                needs_met: acc.best.len(),
                matches: acc.matches,
            };
            (strength, donor)
        })
        .collect();
    donors.sort_by(|a, b| {
        b.1.needs_met.cmp(&a.1.needs_met).then(b.0.total_cmp(&a.0)).then_with(|| a.1.donor.cmp(&b.1.donor))
    });
    donors.into_iter().map(|(_, d)| d).collect()
}

/// What the draft project concept is made from.
struct ProjectInput<'a, 'c> {
    label: &'a str,
    refs: &'a [crate::ItemRef<'c>],
    economies: &'a [Party],
    sections: &'a [Section],
    pillars: &'a [Pillar],
    concepts: &'a [ConceptId],
    shared: &'a [SharedConcept],
    donors: &'a [ClusterDonor],
}

/// The draft APEC project concept of a cluster.
///
/// The proposing economy is the strongest APEC economy among the donors (the
/// first in donor order) if its offers meet at least half of the needs; else the
/// proponent is open. Other donor economies are possible co-sponsors;
/// international organisations are partners, never proponents.
fn project(input: &ProjectInput<'_, '_>) -> ProjectConcept {
    let n = input.refs.len();
    let proposing_economy = input
        .donors
        .iter()
        .find(|d| d.donor.economy().is_some())
        .filter(|d| 2 * d.needs_met >= n)
        .map(|d| d.donor.clone());
    let co_sponsors: Vec<Party> = input
        .donors
        .iter()
        .filter(|d| d.donor.economy().is_some() && Some(&d.donor) != proposing_economy.as_ref())
        .map(|d| d.donor.clone())
        .collect();
    let partners: Vec<Party> =
        input.donors.iter().filter(|d| d.donor.economy().is_none()).map(|d| d.donor.clone()).collect();
    let sub_fora = Fora::global()
        .involved(input.sections, input.pillars, input.concepts)
        .into_iter()
        .map(|f| ForumRef { code: f.code.clone(), name: f.name.clone() })
        .collect();
    let needs: Vec<NeedRef> = input
        .refs
        .iter()
        .map(|r| NeedRef {
            id: r.item.id.clone(),
            economy: r.submission.economy.clone(),
            section: r.item.section.as_ref().map(|s| s.label().to_string()),
            text: r.item.text.clone(),
        })
        .collect();
    let rationale = if input.shared.is_empty() {
        format!(
            "{n} needs of {} economies ask for related help in other words: no concept of the \
             graph is common to two of them",
            input.economies.len()
        )
    } else {
        let parts: Vec<String> =
            input.shared.iter().map(|s| format!("{} ({} of {n} needs)", s.concept, s.needs.len())).collect();
        format!("{n} needs of {} economies share {}", input.economies.len(), parts.join(", "))
    };
    ProjectConcept {
        title: format!("{} on {}", activity_phrase(input.refs), input.label),
        proposing_economy,
        co_sponsors,
        partners,
        beneficiaries: input.economies.to_vec(),
        sponsoring_forum: SPONSORING_FORUM.to_string(),
        sub_fora,
        needs,
        rationale,
    }
}

/// What kind of project the needs ask for, from the activity most of them name.
fn activity_phrase(refs: &[crate::ItemRef<'_>]) -> &'static str {
    let mut counts: BTreeMap<ActivityKind, usize> = BTreeMap::new();
    for r in refs {
        for &a in &r.item.activities {
            *counts.entry(a).or_default() += 1;
        }
    }
    let top = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(a, _)| a);
    match top {
        Some(ActivityKind::Workshop) => "Regional workshop",
        Some(ActivityKind::Seminar) => "Regional seminar",
        Some(ActivityKind::TrainingCourse | ActivityKind::TrainTheTrainer) => "Regional training",
        Some(ActivityKind::BestPractices) => "Sharing of best practices",
        Some(ActivityKind::InformationSharing) => "Regional information exchange",
        Some(ActivityKind::StudyTour) => "Study visits and exchanges",
        Some(ActivityKind::Exercise) => "Regional exercise",
        Some(ActivityKind::ExpertDeployment) => "Expert missions",
        Some(ActivityKind::TechnicalAssistance) => "Technical assistance",
        Some(ActivityKind::EquipmentFunding) => "Equipment and funding support",
        None => "Regional capacity building",
    }
}
