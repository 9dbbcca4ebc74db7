//! Measuring a ranking against known true pairs.

use std::collections::HashMap;

use super::build::rank_needs;
use super::{MatchConfig, Ranked, Ranking};
use crate::ItemId;
use crate::similarity::Analysis;

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

/// Recall@k on a sample of needs, ranked both ways: every offer scored (what the
/// scorer can find) and the candidate index's offers (what `capmatch match` finds).
/// The difference is the index's loss; `1 - exact` is the scorer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampledRecall {
    /// Needs in the sample.
    pub needs: usize,
    /// Recall with every offer of another party scored.
    pub exact: Recall,
    /// Recall with the candidate index, on the same needs.
    pub index: Recall,
}

impl SampledRecall {
    /// The half-width of an approximate 95% confidence interval of `recall`'s
    /// estimate (normal approximation, pairs taken as independent).
    pub fn margin(recall: &Recall) -> f64 {
        if recall.planted == 0 {
            return 0.0;
        }
        let p = recall.recall();
        1.96 * (p * (1.0 - p) / recall.planted as f64).sqrt()
    }
}

/// Recall@k (k = `config.top_k`) of `pairs` on a uniform sample of `sample` of the
/// needs that have a pair, ranked exactly and with the index (see
/// [`SampledRecall`]). The sample is the needs whose ids hash lowest (FNV-1a), so
/// it is the same for the same corpus and independent of input order. All needs
/// are taken when there are no more than `sample`.
///
/// # Complexity
///
/// O(S · M) for S sampled needs and M offers, plus building the candidate index.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, ItemId, MatchConfig, graph::sampled_recall, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"n1","text":"Single Window workshops"},{"id":"n2","text":"cyber crime trainers"}]},
///   {"economy":"ROK","offers":[{"id":"o1","text":"Single Window workshops"},{"id":"o2","text":"cyber crime trainers"}]}]}"#, None)?;
/// let config = MatchConfig::new().build()?;
/// let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
/// let id = |s: &str| ItemId::new(s).unwrap();
/// let pairs = [(id("n1"), id("o1")), (id("n2"), id("o2"))];
/// let r = sampled_recall(&analysis, &config, pairs.iter().map(|(a, b)| (a, b)), 1);
/// assert_eq!((r.needs, r.exact.planted, r.exact.found, r.index.found), (1, 1, 1, 1));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn sampled_recall<'p>(
    analysis: &Analysis<'_>,
    config: &MatchConfig,
    pairs: impl IntoIterator<Item = (&'p ItemId, &'p ItemId)>,
    sample: usize,
) -> SampledRecall {
    let needs: HashMap<&ItemId, usize> =
        (0..analysis.need_count()).map(|i| (&analysis.need(i).item.id, i)).collect();
    let offers: HashMap<&ItemId, u32> =
        (0..analysis.offer_count()).map(|j| (&analysis.offer(j).item.id, j as u32)).collect();
    let mut planted: HashMap<usize, Vec<Option<u32>>> = HashMap::new();
    for (need, offer) in pairs {
        if let Some(&i) = needs.get(need) {
            planted.entry(i).or_default().push(offers.get(offer).copied());
        }
    }
    let mut chosen: Vec<(u64, usize)> =
        planted.keys().map(|&i| (fnv(analysis.need(i).item.id.as_str()), i)).collect();
    chosen.sort_unstable();
    chosen.truncate(sample);
    let mut sampled: Vec<usize> = chosen.into_iter().map(|(_, i)| i).collect();
    sampled.sort_unstable();
    let count = |lists: &[Vec<Ranked>]| {
        let mut out = Recall { planted: 0, found: 0 };
        for (i, list) in sampled.iter().zip(lists) {
            for offer in &planted[i] {
                out.planted += 1;
                out.found += usize::from(offer.is_some_and(|j| list.iter().any(|r| r.offer == j)));
            }
        }
        out
    };
    let exact = count(&rank_needs(analysis, config, &sampled, true));
    let index = count(&rank_needs(analysis, config, &sampled, false));
    SampledRecall { needs: sampled.len(), exact, index }
}

/// FNV-1a: a fixed, platform-independent hash for choosing the sample.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    #[test]
    fn a_sample_of_all_needs_agrees_with_the_full_ranking() {
        let synthetic = crate::synth::generate(
            &crate::synth::SynthConfig::new().needs(300).offers(300).seed(5).build().unwrap(),
        );
        let corpus: &Corpus = &synthetic.corpus;
        let config = MatchConfig::new().top_k(10).exact(true).build().unwrap();
        let analysis = Analysis::new(corpus, config.fuzzy_threshold);
        let ranking = Ranking::new(&analysis, &config);
        let pairs = || synthetic.truth.iter().map(|p| (&p.need, &p.offer));
        let full = recall(&ranking, pairs());
        let all = sampled_recall(&analysis, &config, pairs(), usize::MAX);
        assert_eq!(all.exact, full);
        assert!(full.planted > 100 && full.found > 0);
        let some = sampled_recall(&analysis, &config, pairs(), 50);
        assert_eq!(some.needs, 50);
        assert!(some.exact.planted >= 50 && some.exact.planted < full.planted);
        assert_eq!(some, sampled_recall(&analysis, &config, pairs(), 50), "the same sample");
    }
}
