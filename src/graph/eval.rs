//! Measuring a ranking against known true pairs.

use std::collections::HashMap;

use super::Ranking;
use crate::ItemId;

/// How many known (need, offer) pairs a ranking recovered within its top k.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recall {
    /// Known pairs whose need is in the corpus.
    pub planted: usize,
    /// Of those, the pairs whose offer is among the need's ranked offers.
    pub found: usize,
}

impl Recall {
    /// `found / planted`, or 1 when nothing was planted.
    pub fn recall(&self) -> f64 {
        if self.planted == 0 { 1.0 } else { self.found as f64 / self.planted as f64 }
    }
}

/// Recall@k of `pairs` (need id, offer id) in `ranking`, where k is the ranking's
/// `top_k`: the share of pairs whose offer is among the need's ranked offers.
/// Pairs naming a need that is not in the corpus are not counted.
///
/// # Complexity
///
/// O(N + P·k) for N needs and P pairs.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, ItemId, MatchConfig, graph::{Ranking, recall}, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"n1","text":"Single Window workshops"}]},
///   {"economy":"ROK","offers":[{"id":"o1","text":"Single Window workshops"},{"id":"o2","text":"cyber crime trainers"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let ranking = Ranking::new(&analysis, &config);
/// let id = |s: &str| ItemId::new(s).unwrap();
/// let r = recall(&ranking, [(&id("n1"), &id("o1")), (&id("n1"), &id("o2"))]);
/// assert_eq!((r.found, r.planted), (1, 2));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn recall<'p>(
    ranking: &Ranking<'_, '_>,
    pairs: impl IntoIterator<Item = (&'p ItemId, &'p ItemId)>,
) -> Recall {
    let analysis = ranking.analysis();
    let needs: HashMap<&ItemId, usize> =
        (0..analysis.need_count()).map(|i| (&analysis.need(i).item.id, i)).collect();
    let mut out = Recall { planted: 0, found: 0 };
    for (need, offer) in pairs {
        let Some(&i) = needs.get(need) else {
            continue;
        };
        out.planted += 1;
        if ranking.ranked(i).iter().any(|r| &analysis.offer(r.offer as usize).item.id == offer) {
            out.found += 1;
        }
    }
    out
}
