//! Ranking every need's candidate offers, in parallel and deterministically.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;
use serde::Serialize;

use super::MatchConfig;
use crate::index::{CandidateIndex, IndexLimits, Scratch};
use crate::similarity::{
    Analysis, Components, Contributions, Floor, Model, Scorer, SharedTerms, Tier, TopicScratch,
};
use crate::{Corpus, ItemId, ItemRef, Party};

/// One ranked offer for a need, in compact form (indices into the [`Analysis`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// The offer's index in corpus order.
    pub offer: u32,
    /// The score, in [0, 1].
    pub score: f64,
    /// The score's components.
    pub components: Components,
}

/// For every need, its offers ranked best first (ties by offer id): the result of
/// scoring and pruning, before any output.
///
/// Holds indices, not copies, so that a million needs fit in memory; turn it into
/// the owned [`MatchList`] of the match JSON contract with [`Ranking::to_match_list`]
/// or stream it with the writers in [`report`](crate::report).
#[derive(Debug)]
pub struct Ranking<'a, 'c> {
    analysis: &'a Analysis<'c>,
    config: MatchConfig,
    lists: Vec<Vec<Ranked>>,
}

impl<'a, 'c> Ranking<'a, 'c> {
    /// Ranks the offers of every need. `config` should come from
    /// [`MatchConfig::build`].
    ///
    /// # Complexity
    ///
    /// With the index: O(N · (B + C)) for N needs, posting budget B and C candidates
    /// per need; exact mode: O(N · M) for M offers. Parallel across needs (rayon);
    /// the result is the same at any thread count.
    pub fn new(analysis: &'a Analysis<'c>, config: &MatchConfig) -> Self {
        Ranking::with_progress(analysis, config, &|_| {})
    }

    /// [`Ranking::new`], calling `progress(n)` after every `n` needs ranked (from
    /// any thread, in batches).
    pub fn with_progress(
        analysis: &'a Analysis<'c>,
        config: &MatchConfig,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Self {
        let n = analysis.need_count();
        let m = analysis.offer_count();
        // A small corpus is scored in full: it costs little, and the index only
        // proposes offers that share a word or a concept family, not those that
        // say the same thing in other words.
        let exact = config.exact || n.saturating_mul(m) <= EXACT_BELOW;
        let ranker = NeedRanker::new(analysis, config, exact);
        // With the index, needs are ranked in the order that keeps its reads in
        // cache; each need's list still goes to its own place.
        let order = match &ranker.index {
            Some(index) => index.reading_order(analysis),
            None => (0..n).collect(),
        };
        let in_order: Vec<Vec<Ranked>> = order
            .par_chunks(BATCH)
            .map_init(
                || ranker.scratch(),
                |scratch, needs| {
                    let out: Vec<Vec<Ranked>> = needs.iter().map(|&i| ranker.rank(scratch, i)).collect();
                    progress(needs.len() as u64);
                    out
                },
            )
            .flatten()
            .collect();
        let mut lists = vec![Vec::new(); n];
        for (&i, list) in order.iter().zip(in_order) {
            lists[i] = list;
        }
        Ranking { analysis, config: *config, lists }
    }

    /// The analysis the ranking was made from.
    pub fn analysis(&self) -> &'a Analysis<'c> {
        self.analysis
    }

    /// The configuration used.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Need `i`'s ranked offers, best first.
    pub fn ranked(&self, i: usize) -> &[Ranked] {
        &self.lists[i]
    }

    /// The number of needs.
    pub fn need_count(&self) -> usize {
        self.lists.len()
    }

    /// Need indices in id order (the output order of the match contract).
    pub fn needs_in_id_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.lists.len()).collect();
        order.sort_unstable_by_key(|&i| self.analysis.needs.id_rank[i]);
        order
    }

    /// The needs with no match, in id order.
    pub fn unmet(&self) -> Vec<ItemRef<'c>> {
        self.needs_in_id_order()
            .into_iter()
            .filter(|&i| self.lists[i].is_empty())
            .map(|i| self.analysis.need(i))
            .collect()
    }

    /// Need `i`'s matches, best first, as owned records of the match contract.
    pub fn matches_of(&self, i: usize) -> Vec<Match> {
        let mut out = Vec::with_capacity(self.lists[i].len());
        self.for_each_match(i, |m| out.push(m.to_owned()));
        out
    }

    /// Calls `f` with each of need `i`'s matches, best first, borrowed: what
    /// [`Ranking::matches_of`] gives, without copying ids and terms.
    pub(crate) fn for_each_match(&self, i: usize, mut f: impl FnMut(&MatchView<'_>)) {
        let ranked = &self.lists[i];
        let need = self.analysis.need(i);
        let shared =
            self.analysis.shared_terms_view(i, ranked.iter().map(|r| r.offer as usize), SHARED_TERMS);
        let model = Model::builtin();
        let has_concepts = !self.analysis.needs.concepts(i).is_empty();
        for (k, r) in ranked.iter().enumerate() {
            let offer = self.analysis.offer(r.offer as usize);
            f(&MatchView {
                need: &need.item.id,
                offer: &offer.item.id,
                recipient: &need.submission.economy,
                donor: &offer.submission.economy,
                rank: k as u32 + 1,
                score: round4(r.score),
                components: Components {
                    topic: round4(r.components.topic),
                    section: round4(r.components.section),
                    pillar: round4(r.components.pillar),
                    activity: round4(r.components.activity),
                    concept: round4(r.components.concept),
                    semantic: round4(r.components.semantic),
                },
                shared_terms: TermsView { shared: &shared, k },
                tier: model.tier(r.score),
                evidence: self.analysis.evidence(i, r.offer as usize),
                contributions: model.contributions(&r.components, has_concepts),
            });
        }
    }

    /// The whole ranking as the owned records of the match JSON contract: matches
    /// sorted by need id then rank, unmet needs in id order.
    pub fn to_match_list(&self) -> MatchList {
        let mut matches = Vec::new();
        let mut unmet_needs = Vec::new();
        for i in self.needs_in_id_order() {
            if self.lists[i].is_empty() {
                unmet_needs.push(self.analysis.need(i).item.id.clone());
            }
            matches.extend(self.matches_of(i));
        }
        MatchList { matches, unmet_needs }
    }
}

/// Corpora with at most this many (need, offer) pairs are scored in full, whatever
/// [`MatchConfig::exact`] says: about half a second of scoring.
pub const EXACT_BELOW: usize = 1_000_000;

/// Needs ranked per parallel task (and per progress report).
const BATCH: usize = 1024;

/// How many shared terms a match explains itself with.
const SHARED_TERMS: usize = 6;

fn rank_one(
    analysis: &Analysis<'_>,
    scorer: &Scorer<'_, '_>,
    (scratch, out): (&mut TopicScratch, &mut Vec<Ranked>),
    config: &MatchConfig,
    i: usize,
    candidates: impl Iterator<Item = u32>,
) -> Vec<Ranked> {
    out.clear();
    scorer.load_need(scratch, i);
    // The `top_k` best scores so far: an offer that cannot beat the lowest of
    // them, nor reach `min_score`, is left out before its costlier components are
    // computed. The scores are in [0, 1], so their bits order as they do.
    let mut best: BinaryHeap<Reverse<u64>> = BinaryHeap::with_capacity(config.top_k + 1);
    let mut floor = Floor::new(config.min_score);
    for j in candidates {
        let topic = scorer.topic_with(scratch, j as usize);
        if topic < config.min_topic {
            continue;
        }
        let Some((score, components)) = scorer.score_at_least(scratch, j as usize, topic, floor) else {
            continue;
        };
        out.push(Ranked { offer: j, score, components });
        best.push(Reverse(score.to_bits()));
        if best.len() > config.top_k {
            best.pop();
        }
        if let Some(&Reverse(kth)) = best.peek().filter(|_| best.len() == config.top_k)
            && f64::from_bits(kth) > floor.score()
        {
            floor = Floor::new(f64::from_bits(kth));
        }
    }
    let id_rank = &analysis.offers.id_rank;
    let cmp = |a: &Ranked, b: &Ranked| {
        b.score.total_cmp(&a.score).then(id_rank[a.offer as usize].cmp(&id_rank[b.offer as usize]))
    };
    if out.len() > config.top_k {
        out.select_nth_unstable_by(config.top_k, cmp);
        out.truncate(config.top_k);
    }
    out.sort_unstable_by(cmp);
    // `out` is reused from need to need: the result takes only the top k's memory.
    out.clone()
}

/// Ranks only the needs `needs` (indices), every offer scored when `exact`, else
/// the candidate index's offers; with any other `config` setting as
/// [`Ranking::new`] would. For estimating at a million needs what scoring every
/// pair would find, without scoring every pair. Parallel across the needs; the
/// result is the same at any thread count.
pub(crate) fn rank_needs(
    analysis: &Analysis<'_>,
    config: &MatchConfig,
    needs: &[usize],
    exact: bool,
) -> Vec<Vec<Ranked>> {
    let ranker = NeedRanker::new(analysis, config, exact);
    needs.par_iter().map_init(|| ranker.scratch(), |scratch, &i| ranker.rank(scratch, i)).collect()
}

/// What ranking one need takes: the scorer, and the candidate index unless every
/// offer is scored.
struct NeedRanker<'x, 'c> {
    analysis: &'x Analysis<'c>,
    config: &'x MatchConfig,
    scorer: Scorer<'x, 'c>,
    index: Option<CandidateIndex>,
    limits: IndexLimits,
}

impl<'x, 'c> NeedRanker<'x, 'c> {
    fn new(analysis: &'x Analysis<'c>, config: &'x MatchConfig, exact: bool) -> Self {
        NeedRanker {
            analysis,
            config,
            scorer: Scorer::new(analysis, Model::builtin()),
            index: (!exact).then(|| CandidateIndex::new(analysis)),
            limits: config.limits_for(analysis.offer_count()),
        }
    }

    /// A worker's scratch space.
    fn scratch(&self) -> (Scratch, TopicScratch, Vec<Ranked>) {
        (Scratch::new(self.analysis.offer_count()), self.scorer.topic_scratch(), Vec::new())
    }

    /// Need `i`'s offers, ranked: the index's candidates, or every offer of
    /// another party.
    fn rank(
        &self,
        (scratch, topic, out): &mut (Scratch, TopicScratch, Vec<Ranked>),
        i: usize,
    ) -> Vec<Ranked> {
        let (analysis, scorer, config) = (self.analysis, &self.scorer, self.config);
        if let Some(index) = &self.index {
            let candidates = index.candidates_best_first(analysis, i, self.limits, scratch);
            analysis.offers.warm(&candidates);
            rank_one(analysis, scorer, (topic, out), config, i, candidates.into_iter())
        } else {
            let party = analysis.needs.party[i];
            let m = analysis.offer_count() as u32;
            let all = (0..m).filter(|j| analysis.offers.party[*j as usize] != party);
            rank_one(analysis, scorer, (topic, out), config, i, all)
        }
    }
}

/// Rounds to 4 decimals for output: stable, readable numbers in JSON and CSV.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// One match, as in the match JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The need's id.
    pub need: ItemId,
    /// The offer's id.
    pub offer: ItemId,
    /// Who stated the need.
    pub recipient: Party,
    /// Who made the offer.
    pub donor: Party,
    /// 1-based rank within the need.
    pub rank: u32,
    /// The score, in [0, 1], rounded to 4 decimals.
    pub score: f64,
    /// The components of the score, rounded to 4 decimals.
    pub components: Components,
    /// The terms and concepts that made the match, strongest first.
    pub shared_terms: Vec<String>,
    /// How good the match is: `strong`, `partial`, or `weak` (below `partial`, only
    /// listed when the minimum score is lowered).
    pub tier: Tier,
    /// Where concept credit came from through the concept graph rather than a
    /// shared concept (`"e-seal → container integrity (broader)"`).
    pub evidence: Vec<String>,
    /// Each feature's contribution to the score's log-odds.
    pub contributions: Contributions,
}

/// One match borrowed from a ranking: the fields of [`Match`] in its order, so
/// that it serialises to the same JSON.
#[derive(Debug, Serialize)]
pub(crate) struct MatchView<'r> {
    need: &'r ItemId,
    offer: &'r ItemId,
    recipient: &'r Party,
    donor: &'r Party,
    rank: u32,
    score: f64,
    components: Components,
    shared_terms: TermsView<'r>,
    tier: Tier,
    evidence: Vec<String>,
    contributions: Contributions,
}

impl MatchView<'_> {
    /// Appends the match's JSON: the bytes `serde_json` writes for it (and for the
    /// owned [`Match`]), with the keys written as literals rather than escaped
    /// anew for every match.
    pub(crate) fn write_json(&self, buf: &mut Vec<u8>) {
        // Writing strings and numbers into a Vec cannot fail.
        fn value<T: Serialize + ?Sized>(buf: &mut Vec<u8>, key: &[u8], v: &T) {
            buf.extend_from_slice(key);
            let _ = serde_json::to_writer(&mut *buf, v);
        }
        let c = &self.components;
        let x = &self.contributions;
        value(buf, b"{\"need\":", self.need);
        value(buf, b",\"offer\":", self.offer);
        value(buf, b",\"recipient\":", self.recipient);
        value(buf, b",\"donor\":", self.donor);
        value(buf, b",\"rank\":", &self.rank);
        value(buf, b",\"score\":", &self.score);
        value(buf, b",\"components\":{\"topic\":", &c.topic);
        value(buf, b",\"section\":", &c.section);
        value(buf, b",\"pillar\":", &c.pillar);
        value(buf, b",\"activity\":", &c.activity);
        value(buf, b",\"concept\":", &c.concept);
        value(buf, b",\"semantic\":", &c.semantic);
        value(buf, b"},\"shared_terms\":", &self.shared_terms);
        value(buf, b",\"tier\":", &self.tier);
        value(buf, b",\"evidence\":", &self.evidence);
        value(buf, b",\"contributions\":{\"intercept\":", &x.intercept);
        value(buf, b",\"topic\":", &x.topic);
        value(buf, b",\"concept\":", &x.concept);
        value(buf, b",\"no_concept\":", &x.no_concept);
        value(buf, b",\"section\":", &x.section);
        value(buf, b",\"pillar\":", &x.pillar);
        value(buf, b",\"activity\":", &x.activity);
        value(buf, b",\"semantic\":", &x.semantic);
        buf.extend_from_slice(b"}}");
    }

    /// The owned record.
    fn to_owned(&self) -> Match {
        Match {
            need: self.need.clone(),
            offer: self.offer.clone(),
            recipient: self.recipient.clone(),
            donor: self.donor.clone(),
            rank: self.rank,
            score: self.score,
            components: self.components,
            shared_terms: self.shared_terms.shared.of(self.shared_terms.k).map(str::to_string).collect(),
            tier: self.tier,
            evidence: self.evidence.clone(),
            contributions: self.contributions,
        }
    }
}

/// The shared terms of one match, serialised as a list of strings.
#[derive(Debug)]
struct TermsView<'r> {
    shared: &'r SharedTerms<'r>,
    k: usize,
}

impl Serialize for TermsView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.shared.of(self.k))
    }
}

/// The match JSON contract: every match, and the needs no offer meets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchList {
    /// Matches sorted by need id, then rank.
    pub matches: Vec<Match>,
    /// Needs with no offer at or above the minimum score, in id order.
    pub unmet_needs: Vec<ItemId>,
}

/// Analyses `corpus` and ranks every need's offers: the whole matching pipeline in
/// one call, for corpora that fit comfortably in memory as owned records.
///
/// # Errors
///
/// [`Error::Config`](crate::Error::Config) if `config` is invalid.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, MatchConfig, match_corpus};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"id":"hkc-n1","section":"A.1","text":"Workshops on Single Window system development"},
///                              {"id":"hkc-n2","section":"A.2","text":"learn best practices on the security of port facilities"}]},
///   {"economy":"ROK","offers":[{"id":"rok-o1","section":"A.1","text":"Single Window workshops for customs officials"}]}]}"#, None)?;
/// let list = match_corpus(&corpus, &MatchConfig::new())?;
/// assert_eq!(list.matches[0].offer.as_str(), "rok-o1");
/// assert_eq!(list.matches[0].shared_terms[0], "single window");
/// assert_eq!(list.unmet_needs[0].as_str(), "hkc-n2");
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn match_corpus(corpus: &Corpus, config: &MatchConfig) -> crate::Result<MatchList> {
    let config = config.build()?;
    let analysis = Analysis::new(corpus, config.fuzzy_threshold);
    Ok(Ranking::new(&analysis, &config).to_match_list())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_order_changes_no_ranking() {
        // Large enough for the candidate index (more pairs than EXACT_BELOW).
        let synth = crate::synth::SynthConfig::new().needs(1200).offers(1200).seed(5).build().unwrap();
        let corpus = crate::synth::generate(&synth).corpus;
        let config = MatchConfig::new().build().unwrap();
        let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
        let n = analysis.need_count();
        let in_corpus_order: Vec<usize> = (0..n).collect();
        let order = CandidateIndex::new(&analysis).reading_order(&analysis);
        assert_ne!(order, in_corpus_order, "the test needs an order that differs");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, in_corpus_order, "every need once");
        let ranking = Ranking::new(&analysis, &config);
        let one_by_one = rank_needs(&analysis, &config, &in_corpus_order, false);
        assert!(ranking.lists.iter().filter(|l| !l.is_empty()).count() > n / 2);
        for (i, list) in one_by_one.iter().enumerate() {
            assert_eq!(ranking.ranked(i), &list[..], "need {i}");
        }
    }

    #[test]
    fn written_json_is_what_serde_writes() {
        let config = crate::synth::SynthConfig::new().needs(300).offers(300).seed(3).build().unwrap();
        let mut corpus = crate::synth::generate(&config).corpus;
        // A need whose shared terms and ids need escaping, and one with evidence.
        corpus.submissions[0].needs[0].text.push_str(" \"quoted\" naïve\tcafé — résumé \\ back");
        let config = MatchConfig::new().min_score(0.0).build().unwrap();
        let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
        let ranking = Ranking::new(&analysis, &config);
        let mut compared = 0;
        for i in 0..ranking.need_count() {
            ranking.for_each_match(i, |m| {
                let mut written = Vec::new();
                m.write_json(&mut written);
                assert_eq!(String::from_utf8_lossy(&written), serde_json::to_string(m).unwrap());
                assert_eq!(written, serde_json::to_vec(&m.to_owned()).unwrap());
                compared += 1;
            });
        }
        assert!(compared > 1000, "{compared}");
    }
}
