//! Small pure similarity functions, each with its range documented.
//!
//! They work on the compact forms the analysis produces: term vectors as sorted
//! `(term, weight)` slices, and bit sets of pillars, areas and activity kinds.

use std::sync::OnceLock;

use crate::text::{ConceptGraph, ConceptId, Relation};
use crate::{ActivityKind, Pillar};

/// Graded concept credit of an offer for a need: for each of the need's concepts,
/// the best [`ConceptGraph::credit`] of any of the offer's concepts (a shared broad
/// concept such as AML/CFT is weak evidence), averaged with the need's concept
/// weights. `report(need concept, offer concept, relation)` is called
/// for each need concept whose best credit is above 0, with the offer concept that
/// earned it (ties go to the first, in the offer's order).
///
/// In [0, 1]: 1 when the offer names every concept of the need, 0 when the need has
/// no concept or the offer none near them.
///
/// # Complexity
///
/// O(a · b) relation look-ups for a need concepts and b offer concepts (a few each).
///
/// # Examples
///
/// ```
/// use capmatch::similarity::concept_credit;
/// use capmatch::text::{ConceptGraph, normalised_words};
///
/// let g = ConceptGraph::global();
/// let ids = |t: &str| -> Vec<(u32, f32)> {
///     g.concepts_in(&normalised_words(t)).into_iter().map(|c| (c, 1.0)).collect()
/// };
/// let need = ids("AEO programme");
/// // The same concept: as much as a concept this broad earns.
/// let aeo = g.id("authorized economic operator").unwrap();
/// assert_eq!(concept_credit(g, &need, &ids("trusted trader scheme"), |_, _, _| {}), g.credit(aeo, aeo).0);
/// let half = concept_credit(g, &ids("AEO programme and Single Window"), &ids("trusted traders"), |_, _, _| {});
/// assert!(half > 0.0 && half < 1.0);
/// assert_eq!(concept_credit(g, &need, &ids("money laundering"), |_, _, _| {}), 0.0);
/// ```
pub fn concept_credit(
    graph: &ConceptGraph,
    need: &[(ConceptId, f32)],
    offer: &[(ConceptId, f32)],
    mut report: impl FnMut(ConceptId, ConceptId, Relation),
) -> f64 {
    let total: f64 = need.iter().map(|&(_, w)| f64::from(w)).sum();
    if total <= 0.0 || offer.is_empty() {
        return 0.0;
    }
    let mut sum = 0.0;
    for &(c, w) in need {
        let mut best: Option<(f64, ConceptId, Relation)> = None;
        for &(d, _) in offer {
            let (credit, relation) = graph.credit(c, d);
            if credit > best.map_or(0.0, |b| b.0) {
                best = Some((credit, d, relation));
            }
        }
        if let Some((credit, d, relation)) = best {
            sum += f64::from(w) * credit;
            report(c, d, relation);
        }
    }
    (sum / total).clamp(0.0, 1.0)
}

/// Cosine of two L2-normalised sparse vectors sorted by term id.
///
/// In [0, 1] for non-negative weights; 1 means the same direction.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::cosine;
///
/// let a = [(1, 0.6f32), (2, 0.8)];
/// assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
/// assert_eq!(cosine(&a, &[(3, 1.0)]), 0.0);
/// ```
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// Soft TF-IDF (Cohen, Ravikumar & Fienberg 2003) of `need` against `offer`:
/// like [`cosine`], but a need term absent from the offer may still count through a
/// similar offer term, weighted by their similarity.
///
/// `neighbours(t)` lists the terms similar to `t` with a similarity in (0, 1],
/// sorted by term id. In [0, 1]; equals [`cosine`] when no neighbours are given.
///
/// # Examples
///
/// ```
/// use capmatch::similarity::soft_tfidf;
///
/// let need = [(1, 1.0f32)];
/// let offer = [(2, 1.0f32)];
/// let none = |_t: u32| -> &[(u32, f32)] { &[] };
/// assert_eq!(soft_tfidf(&need, &offer, none), 0.0);
/// let near = |t: u32| -> &[(u32, f32)] { if t == 1 { &[(2, 0.95)] } else { &[] } };
/// assert!((soft_tfidf(&need, &offer, near) - 0.95).abs() < 1e-6);
/// ```
pub fn soft_tfidf<'a>(
    need: &[(u32, f32)],
    offer: &[(u32, f32)],
    neighbours: impl Fn(u32) -> &'a [(u32, f32)],
) -> f64 {
    let mut sum = 0.0f64;
    for &(t, w) in need {
        let weight = match offer.binary_search_by_key(&t, |p| p.0) {
            Ok(k) => f64::from(offer[k].1),
            Err(_) => neighbour_weight(offer, neighbours(t)),
        };
        sum += f64::from(w) * weight;
    }
    sum.clamp(0.0, 1.0)
}

/// The best weight in `offer` (sorted by term) of a term's spelling neighbours
/// (`(term, similarity)`), each discounted by its similarity; 0 when the offer has
/// none of them. Soft TF-IDF's credit for a need term the offer lacks.
pub(crate) fn neighbour_weight(offer: &[(u32, f32)], neighbours: &[(u32, f32)]) -> f64 {
    neighbours
        .iter()
        .filter_map(|&(u, sim)| {
            offer.binary_search_by_key(&u, |p| p.0).ok().map(|k| f64::from(offer[k].1) * f64::from(sim))
        })
        .fold(0.0, f64::max)
}

/// Jaccard similarity of two bit sets: |a ∩ b| / |a ∪ b|, or `neutral` when either
/// set is empty (nothing is known, so neither reward nor penalty).
///
/// In [0, 1].
///
/// # Examples
///
/// ```
/// use capmatch::similarity::jaccard_bits;
///
/// assert_eq!(jaccard_bits(0b011, 0b001, 0.5), 0.5);
/// assert_eq!(jaccard_bits(0b100, 0b100, 0.5), 1.0);
/// assert_eq!(jaccard_bits(0, 0b100, 0.5), 0.5);
/// ```
pub fn jaccard_bits(a: u16, b: u16, neutral: f64) -> f64 {
    if a == 0 || b == 0 {
        return neutral;
    }
    f64::from((a & b).count_ones()) / f64::from((a | b).count_ones())
}

/// How well offered activity kinds fit requested ones: for each requested kind the
/// best fit among the offered kinds (1 for the same kind, less for related kinds,
/// 0.1 for unrelated ones), averaged over the requested kinds; `neutral` when either
/// side names no activity.
///
/// In [0, 1].
///
/// # Examples
///
/// ```
/// use capmatch::ActivityKind::*;
/// use capmatch::similarity::activity_fit;
///
/// assert_eq!(activity_fit(&[Workshop], &[Workshop, Seminar], 0.5), 1.0);
/// assert!(activity_fit(&[Workshop], &[Seminar], 0.5) > activity_fit(&[Workshop], &[EquipmentFunding], 0.5));
/// assert_eq!(activity_fit(&[], &[Seminar], 0.5), 0.5);
/// ```
pub fn activity_fit(need: &[ActivityKind], offer: &[ActivityKind], neutral: f64) -> f64 {
    activity_fit_bits(bits(need), bits(offer), neutral)
}

fn bits(kinds: &[ActivityKind]) -> u16 {
    kinds.iter().fold(0, |acc, k| acc | k.bit())
}

/// [`activity_fit`] over bit sets of [`ActivityKind`].
pub(crate) fn activity_fit_bits(need: u16, offer: u16, neutral: f64) -> f64 {
    ActivityRows::new(need).fit(offer, neutral)
}

/// A need's activity kinds, each as its row of [`activity_affinity`] by bit
/// position, to fit against many offers' kinds ([`activity_fit_bits`]) without
/// finding the need's kinds again for each.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActivityRows {
    rows: [&'static [f64; 16]; ActivityKind::ALL.len()],
    len: usize,
}

impl ActivityRows {
    /// The rows of the kinds in `need`, in the order of [`ActivityKind::ALL`].
    pub(crate) fn new(need: u16) -> Self {
        // By bit position: this is on the path of every pair scored, and the
        // match over kinds is not.
        static AFFINITY: OnceLock<[[f64; 16]; 16]> = OnceLock::new();
        let table = AFFINITY.get_or_init(|| {
            let mut t = [[0.0; 16]; 16];
            for a in ActivityKind::ALL {
                for b in ActivityKind::ALL {
                    t[a.bit().trailing_zeros() as usize][b.bit().trailing_zeros() as usize] =
                        activity_affinity(a, b);
                }
            }
            t
        });
        let mut out = ActivityRows { rows: [&table[0]; ActivityKind::ALL.len()], len: 0 };
        for a in ActivityKind::ALL.into_iter().filter(|a| need & a.bit() != 0) {
            out.rows[out.len] = &table[a.bit().trailing_zeros() as usize];
            out.len += 1;
        }
        out
    }

    /// For each of the need's kinds the best fit among the kinds in `offer`,
    /// averaged; `neutral` when either names no kind.
    pub(crate) fn fit(&self, offer: u16, neutral: f64) -> f64 {
        if self.len == 0 || offer == 0 {
            return neutral;
        }
        let mut total = 0.0;
        for row in &self.rows[..self.len] {
            let mut best = 0.0;
            let mut rest = offer;
            while rest != 0 {
                best = f64::max(best, row[rest.trailing_zeros() as usize]);
                rest &= rest - 1;
            }
            total += best;
        }
        // At most the number of kinds.
        total / self.len as f64
    }
}

/// How well offered kind `b` serves requested kind `a`, in [0.1, 1].
///
/// Symmetric. Related formats (a workshop and a seminar, a training course and a
/// train-the-trainer programme) fit well; a donation of equipment does not serve a
/// request for a workshop.
#[allow(clippy::unnested_or_patterns)] // the table reads best as one (x, y) pair per line
pub fn activity_affinity(a: ActivityKind, b: ActivityKind) -> f64 {
    use ActivityKind::{
        BestPractices, EquipmentFunding, Exercise, ExpertDeployment, InformationSharing, Seminar, StudyTour,
        TechnicalAssistance, TrainTheTrainer, TrainingCourse, Workshop,
    };
    if a == b {
        return 1.0;
    }
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    match (x, y) {
        (Workshop, Seminar) | (TrainingCourse, TrainTheTrainer) => 0.8,
        (Workshop, TrainingCourse)
        | (TrainingCourse | TrainTheTrainer, ExpertDeployment)
        | (ExpertDeployment, TechnicalAssistance) => 0.7,
        (Workshop | Seminar, BestPractices)
        | (Seminar, TrainingCourse)
        | (Workshop, TrainTheTrainer)
        | (BestPractices | Seminar, InformationSharing)
        | (TrainingCourse | Workshop, Exercise) => 0.6,
        (BestPractices | TrainingCourse, StudyTour)
        | (Workshop | BestPractices, ExpertDeployment | TechnicalAssistance)
        | (Exercise, ExpertDeployment) => 0.5,
        (TechnicalAssistance, EquipmentFunding) | (InformationSharing, TechnicalAssistance) => 0.4,
        _ => 0.1,
    }
}

/// The pillar set of a slice as bits.
pub(crate) fn pillar_bits(pillars: &[Pillar]) -> u16 {
    pillars.iter().fold(0, |acc, p| acc | u16::from(p.bit()))
}

/// How well two items' sections align: 1 for the same section, 0.6 for different
/// sections in the same Strategy area, 0 for different areas, and 0.5 when either
/// section (or its area) is unknown.
///
/// `same_section` is whether the sections are equal; the areas are bit sets.
/// In [0, 1].
///
/// # Examples
///
/// ```
/// use capmatch::similarity::section_fit;
///
/// assert_eq!(section_fit(Some(true), 0b01, 0b01), 1.0);
/// assert_eq!(section_fit(Some(false), 0b01, 0b01), 0.6);
/// assert_eq!(section_fit(Some(false), 0b01, 0b10), 0.0);
/// assert_eq!(section_fit(None, 0, 0b10), 0.5);
/// ```
pub fn section_fit(same_section: Option<bool>, need_areas: u8, offer_areas: u8) -> f64 {
    match same_section {
        Some(true) => 1.0,
        _ if need_areas == 0 || offer_areas == 0 => 0.5,
        None => 0.5,
        Some(false) if need_areas & offer_areas != 0 => 0.6,
        Some(false) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affinity_is_symmetric_and_bounded() {
        for a in ActivityKind::ALL {
            for b in ActivityKind::ALL {
                let x = activity_affinity(a, b);
                assert!(x.total_cmp(&activity_affinity(b, a)).is_eq());
                assert!((0.1..=1.0).contains(&x));
            }
        }
    }

    #[test]
    fn soft_tfidf_never_exceeds_one() {
        // Two need terms both leaning on the same offer term.
        let need = [(1, std::f32::consts::FRAC_1_SQRT_2), (2, std::f32::consts::FRAC_1_SQRT_2)];
        let offer = [(3, 1.0f32)];
        let n = |t: u32| -> &[(u32, f32)] {
            match t {
                1 | 2 => &[(3, 1.0)],
                _ => &[],
            }
        };
        assert!(soft_tfidf(&need, &offer, n) <= 1.0);
    }
}
