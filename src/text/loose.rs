//! Concepts named in other word orders or with words in between: "profiling and
//! selectivity of shipments" names risk targeting (by its label *shipment
//! selectivity*), "couriers who carry cash" names *cash couriers*. Exact label matching ([`ConceptGraph::find`])
//! misses these; need ↔ need relevance reads them as weaker evidence, since a
//! restated need keeps its concept but often not its phrasing.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{ConceptGraph, ConceptId, is_stopword};

/// Words a loose mention may have in between its label's words, beyond the label's
/// own length: "selectivity and profiling of shipments" spans four words for a
/// two-word label.
pub const LOOSE_GAP: usize = 3;

/// A label of two or more content words, for loose matching.
#[derive(Debug)]
struct LooseLabel {
    /// The label's content words (normalised, stopwords left out, deduplicated).
    words: Vec<String>,
    concept: ConceptId,
}

/// The loose labels, and for each content word the labels whose first content
/// word it is.
#[derive(Debug, Default)]
struct LooseIndex {
    labels: Vec<LooseLabel>,
    by_word: HashMap<String, Vec<u32>>,
}

impl LooseIndex {
    fn global() -> &'static LooseIndex {
        static GLOBAL: OnceLock<LooseIndex> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            let graph = ConceptGraph::global();
            let mut labels: Vec<LooseLabel> = graph
                .unambiguous_labels()
                .filter(|&(_, c)| !graph.is_activity(c))
                .filter_map(|(words, concept)| {
                    let mut content: Vec<String> = Vec::new();
                    for w in words.iter().filter(|w| !is_stopword(w)) {
                        if !content.contains(w) {
                            content.push(w.clone());
                        }
                    }
                    (content.len() >= 2).then_some(LooseLabel { words: content, concept })
                })
                .collect();
            // The phrase set's order is a hash map's: sort, so that ties resolve the
            // same way on every run.
            labels.sort_by(|a, b| (a.concept, &a.words).cmp(&(b.concept, &b.words)));
            let mut by_word: HashMap<String, Vec<u32>> = HashMap::new();
            for (k, label) in labels.iter().enumerate() {
                by_word.entry(label.words[0].clone()).or_default().push(k as u32);
            }
            LooseIndex { labels, by_word }
        })
    }
}

/// The concepts (sorted, deduplicated) whose label's content words all occur in
/// `words` (normalised words of one text) within a span of at most the label's
/// length plus [`LOOSE_GAP`] words, in any order. Includes the concepts the exact
/// phrase lookup finds; callers take the difference.
///
/// # Examples
///
/// ```
/// use capmatch::text::{ConceptGraph, loose_concepts, normalised_words};
///
/// let graph = ConceptGraph::global();
/// let found = loose_concepts(&normalised_words("couriers who carry cash across borders"));
/// assert!(found.iter().any(|&c| graph.concept(c).label == "bulk cash smuggling"));
/// ```
pub fn loose_concepts(words: &[String]) -> Vec<ConceptId> {
    let index = LooseIndex::global();
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, w) in words.iter().enumerate() {
        positions.entry(w.as_str()).or_default().push(k);
    }
    let mut out = Vec::new();
    for first in positions.keys() {
        let Some(candidates) = index.by_word.get(*first) else { continue };
        for &k in candidates {
            let label = &index.labels[k as usize];
            let lists: Option<Vec<&Vec<usize>>> =
                label.words.iter().map(|w| positions.get(w.as_str())).collect();
            if let Some(lists) = lists
                && shortest_span(&lists) <= label.words.len() + LOOSE_GAP
            {
                out.push(label.concept);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The fewest words a span holding one position from each list can cover.
fn shortest_span(lists: &[&Vec<usize>]) -> usize {
    let mut all: Vec<(usize, usize)> =
        lists.iter().enumerate().flat_map(|(l, ps)| ps.iter().map(move |&p| (p, l))).collect();
    all.sort_unstable();
    let mut count = vec![0usize; lists.len()];
    let mut covered = 0;
    let mut best = usize::MAX;
    let mut left = 0;
    for right in 0..all.len() {
        let l = all[right].1;
        count[l] += 1;
        if count[l] == 1 {
            covered += 1;
        }
        while covered == lists.len() {
            best = best.min(all[right].0 - all[left].0 + 1);
            let m = all[left].1;
            count[m] -= 1;
            if count[m] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalised_words;

    fn labels(text: &str) -> Vec<String> {
        let graph = ConceptGraph::global();
        loose_concepts(&normalised_words(text)).into_iter().map(|c| graph.concept(c).label.clone()).collect()
    }

    #[test]
    fn reordered_and_gapped_labels_are_found() {
        assert!(labels("couriers who carry cash").contains(&"bulk cash smuggling".to_string()));
        // Too far apart: not one mention.
        assert!(
            !labels("cash seized at the border by customs officers from several airline couriers")
                .contains(&"bulk cash smuggling".to_string())
        );
    }

    #[test]
    fn the_shortest_span_covers_one_of_each() {
        assert_eq!(shortest_span(&[&vec![0, 9], &vec![5, 10]]), 2);
        assert_eq!(shortest_span(&[&vec![3], &vec![3]]), 1);
        assert_eq!(shortest_span(&[&vec![1], &vec![4], &vec![2]]), 4);
    }
}
