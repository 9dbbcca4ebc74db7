//! A need's main ask: the part of its text before a clause that adds detail
//! ("…, including the oversight of regulated agents", "such as hotels", "in
//! particular AIS data"). Concepts named only in such a clause count less in need ↔
//! need relevance: a restatement keeps the main ask, and a need split in two keeps
//! it in the part that links (the labelling rule of the progress data).

use rayon::prelude::*;

use crate::similarity::Analysis;
use crate::text::{ConceptGraph, ConceptId, loose_concepts, normalised_words};

/// The weight of a concept named only after a detail clause starts.
pub(super) const DETAIL_WEIGHT: f32 = 0.5;

/// The weight of a concept named only loosely (its label's words reordered or
/// apart, [`loose_concepts`]), as a share of the mean weight of the need's other
/// concepts (or of [`LOOSE_ALONE`] when it has none); counted as detail, not as
/// the main ask.
const LOOSE_WEIGHT: f32 = 0.5;

/// The weight a loosely named concept starts from in a need naming no concept
/// exactly: about a concept's weight in a vector of a dozen terms.
const LOOSE_ALONE: f32 = 0.3;

/// Phrases that start a clause adding detail to the main ask (lower case).
const DETAIL_MARKERS: [&str; 6] =
    [" including ", " in particular ", " particularly ", " such as ", " especially ", " notably "];

/// The text before the first detail clause, if there is one after some words.
fn main_ask(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    let at = DETAIL_MARKERS.iter().filter_map(|m| lower.find(m)).min()?;
    // Lower-casing can change byte lengths outside ASCII: cut only where both agree.
    (at >= 12 && text.is_char_boundary(at) && lower.len() == text.len()).then(|| &text[..at])
}

/// A need's topical concepts with their weights, a concept named only in a detail
/// clause weighted down by [`DETAIL_WEIGHT`], and whether each is in the main ask.
#[derive(Debug, Clone, Default)]
pub(super) struct Weighted {
    pub concepts: Vec<(ConceptId, f32)>,
    pub main: Vec<bool>,
}

/// Every need's [`Weighted`] concepts, in need order.
pub(super) fn weighted_concepts(analysis: &Analysis<'_>) -> Vec<Weighted> {
    let graph = ConceptGraph::global();
    (0..analysis.need_count())
        .into_par_iter()
        .map(|i| {
            let all = analysis.needs.concepts(i);
            let r = analysis.need(i);
            let head: Option<Vec<ConceptId>> = main_ask(&r.item.text)
                .map(|head| graph.concepts_in_section(&normalised_words(head), r.item.section.as_ref()));
            let main: Vec<bool> =
                all.iter().map(|&(c, _)| head.as_ref().is_none_or(|h| h.binary_search(&c).is_ok())).collect();
            let mut weighted: Vec<((ConceptId, f32), bool)> = all
                .iter()
                .zip(&main)
                .map(|(&(c, w), &m)| ((c, if m { w } else { w * DETAIL_WEIGHT }), m))
                .collect();
            let base = if all.is_empty() {
                LOOSE_ALONE
            } else {
                all.iter().map(|p| p.1).sum::<f32>() / all.len() as f32
            };
            for c in loose_concepts(&normalised_words(&r.item.text)) {
                if all.binary_search_by_key(&c, |p| p.0).is_err() {
                    weighted.push(((c, base * LOOSE_WEIGHT), false));
                }
            }
            weighted.sort_unstable_by_key(|p| p.0.0);
            let (concepts, main) = weighted.into_iter().unzip();
            Weighted { concepts, main }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_ask_ends_where_detail_starts() {
        assert_eq!(
            main_ask("Training on air cargo screening, including the oversight of regulated agents."),
            Some("Training on air cargo screening,")
        );
        assert_eq!(main_ask("Protecting soft targets such as hotels"), Some("Protecting soft targets"));
        assert_eq!(main_ask("Training on malware analysis."), None);
        assert_eq!(main_ask("Such as it is, including"), None);
    }
}
