//! Progress between CTAP editions: which needs of an economy's previous plan are
//! stated again (persistent), which are new, and which disappeared (resolved: met
//! or dropped).
//!
//! Submissions are grouped by party and year (a party written "Korea" in one file
//! and "ROK" in another is one party: the model resolves names when reading);
//! `input::load` has already made two submissions of one party and year one
//! edition. For each pair of consecutive dated editions, each need of the later
//! edition is linked to at most one need of the earlier one by an optimal
//! one-to-one assignment ([`one_to_one`]) over need ↔ need relevance
//! ([`NeedRelevance`]); pairs below the link threshold ([`NeedRelevance::link_threshold`]) are never linked.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::relevance::{NeedRelevance, one_to_one};
use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::index::{CandidateIndex, IndexLimits, Scratch};
use crate::similarity::{Analysis, Model, Scorer, Tier};
use crate::{ItemId, Location, Party, Section};

/// A need as progress shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedRef {
    /// The need's index in the analysis' need order.
    #[serde(skip)]
    pub index: usize,
    /// Its id.
    pub id: ItemId,
    /// The year of its edition.
    pub year: u16,
    /// Its section, if any.
    pub section: Option<Section>,
    /// Its text.
    pub text: String,
}

/// An offer, dated no later than the earlier edition, that met a persistent need
/// at `partial` or better: an opportunity nobody took up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opportunity {
    /// The offer's id.
    pub offer: ItemId,
    /// Who offered it.
    pub donor: Party,
    /// The year of the offer's edition.
    pub year: u16,
    /// The match probability of the earlier statement of the need with the offer.
    pub score: f64,
    /// `partial` or `strong`.
    pub tier: Tier,
    /// The offer's text.
    pub text: String,
}

/// A need of the later edition linked to the need of the earlier one it restates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Persistent {
    /// The need in the later edition.
    pub need: NeedRef,
    /// The need it restates in the earlier edition.
    pub previous: NeedRef,
    /// Their relevance probability, in [0, 1].
    pub similarity: f64,
    /// Why they are linked (shared or related concepts, shared words).
    pub evidence: Vec<String>,
    /// The best earlier offer that met the need, if any.
    pub opportunity: Option<Opportunity>,
}

/// Progress between two consecutive dated editions of one party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditionPair {
    /// The party.
    pub economy: Party,
    /// The earlier edition's year.
    pub from: u16,
    /// The later edition's year.
    pub to: u16,
    /// Needs of the later edition that restate a need of the earlier one, by id.
    pub persistent: Vec<Persistent>,
    /// Needs of the later edition that restate none, by id.
    pub new: Vec<NeedRef>,
    /// Needs of the earlier edition that no need of the later one restates, by id.
    pub resolved: Vec<NeedRef>,
}

/// A need stated in three or more consecutive editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Persisting {
    /// The party.
    pub economy: Party,
    /// Its statements, oldest first.
    pub needs: Vec<NeedRef>,
}

/// Progress between the editions of every party in an analysis.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::Analysis, plan::progress::Progress};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"PE","year":2012,"needs":[
///     {"id":"pe-2012-n1","section":"A.4","text":"Assistance to introduce an Advance Passenger Information system"},
///     {"id":"pe-2012-n2","section":"B","text":"Training for FIU analysts on suspicious transaction reports"}]},
///   {"economy":"Peru","year":2014,"needs":[
///     {"id":"pe-2014-n1","section":"A.4","text":"Technical assistance to put an API system in place at Lima airport"},
///     {"id":"pe-2014-n2","section":"C","text":"Training for the national CSIRT on malware analysis"}]},
///   {"economy":"ROK","needs":[{"text":"Single Window workshops"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// let progress = Progress::new(&analysis);
/// let pair = &progress.editions[0];
/// assert_eq!((pair.economy.to_string(), pair.from, pair.to), ("PE".to_string(), 2012, 2014));
/// assert_eq!(pair.persistent[0].need.id.as_str(), "pe-2014-n1");
/// assert_eq!(pair.persistent[0].previous.id.as_str(), "pe-2012-n1");
/// assert_eq!(pair.new[0].id.as_str(), "pe-2014-n2");
/// assert_eq!(pair.resolved[0].id.as_str(), "pe-2012-n2");
/// // The undated ROK plan is left out, with a warning that names it.
/// assert!(progress.diagnostics.iter().any(|d| d.message.starts_with("ROK, undated: left out")));
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// One entry per pair of consecutive dated editions of a party, by party, then
    /// `from`.
    pub editions: Vec<EditionPair>,
    /// Needs stated in three or more consecutive editions, by party, then the id of
    /// the oldest statement.
    pub persisting: Vec<Persisting>,
    /// What was left out or had nothing to compare: undated submissions (warnings),
    /// parties with one dated edition (notes).
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    /// The party each diagnostic is about.
    #[serde(skip)]
    about: Vec<Party>,
}

impl Progress {
    /// Progress over every party of `analysis` with the built-in relevance and
    /// match models.
    ///
    /// # Complexity
    ///
    /// Per pair of consecutive editions with n and m needs: n·m relevance
    /// probabilities (parallel across needs; the costlier features only where the
    /// threshold is within reach), then the assignment, O(k³) per group of k needs
    /// connected by pairs above the threshold; plus one candidate search per
    /// persistent need for opportunities.
    pub fn new(analysis: &Analysis<'_>) -> Progress {
        Progress::with_relevance(&NeedRelevance::new(analysis))
    }

    /// Progress with the given relevance (over the analysis it was built from).
    pub fn with_relevance(relevance: &NeedRelevance<'_, '_>) -> Progress {
        let analysis = relevance.analysis();
        let corpus = analysis.corpus();
        let mut diagnostics = Vec::new();
        // Parties that state needs, with the years of their dated editions.
        let with_needs: BTreeSet<&Party> =
            corpus.submissions.iter().filter(|s| !s.needs.is_empty()).map(|s| &s.economy).collect();
        let mut years: BTreeMap<&Party, BTreeSet<u16>> = BTreeMap::new();
        // The files of each dated edition, and of each undated submission with needs.
        let mut sources: BTreeMap<(&Party, Option<u16>), BTreeSet<&str>> = BTreeMap::new();
        for s in corpus.submissions.iter().filter(|s| with_needs.contains(&s.economy)) {
            if let Some(y) = s.year {
                years.entry(&s.economy).or_default().insert(y);
            } else if s.needs.is_empty() {
                continue;
            }
            sources.entry((&s.economy, s.year)).or_default().insert(s.source.as_deref().unwrap_or(""));
        }
        let mut about = Vec::new();
        for ((party, year), files) in &sources {
            let at =
                files.iter().find(|f| !f.is_empty()).map_or_else(Location::default, |f| Location::file(*f));
            let note = match year {
                None => Diagnostic::new(
                    Severity::Warning,
                    DiagnosticKind::LeftOut,
                    at,
                    format!(
                        "{party}, undated: left out of progress between editions (give its year with --year)"
                    ),
                ),
                Some(y) if years.get(party).is_some_and(|ys| ys.len() == 1) => Diagnostic::new(
                    Severity::Info,
                    DiagnosticKind::LeftOut,
                    at,
                    format!("{party} has one dated edition ({y}): no progress entry"),
                ),
                Some(_) => continue,
            };
            diagnostics.push(note);
            about.push((*party).clone());
        }
        // Need indices by party and year, in id order.
        let mut needs: BTreeMap<(&Party, u16), Vec<usize>> = BTreeMap::new();
        for i in 0..analysis.need_count() {
            let r = analysis.need(i);
            if let Some(y) = r.submission.year {
                needs.entry((&r.submission.economy, y)).or_default().push(i);
            }
        }
        for list in needs.values_mut() {
            list.sort_by(|&a, &b| analysis.need(a).item.id.cmp(&analysis.need(b).item.id));
        }
        let mut opportunities = Opportunities::new(analysis);
        let mut editions = Vec::new();
        for (party, ys) in &years {
            let ys: Vec<u16> = ys.iter().copied().collect();
            for w in ys.windows(2) {
                let empty = Vec::new();
                let earlier = needs.get(&(*party, w[0])).unwrap_or(&empty);
                let later = needs.get(&(*party, w[1])).unwrap_or(&empty);
                editions.push(pair(relevance, &mut opportunities, party, (w[0], w[1]), earlier, later));
            }
        }
        let persisting = persisting(&editions);
        Progress { editions, persisting, diagnostics, about }
    }

    /// Keeps only `party`'s editions, persisting needs and diagnostics.
    #[must_use]
    pub fn only(mut self, party: &Party) -> Progress {
        self.editions.retain(|e| &e.economy == party);
        self.persisting.retain(|p| &p.economy == party);
        let keep: Vec<bool> = self.about.iter().map(|p| p == party).collect();
        let mut k = keep.iter();
        self.diagnostics.retain(|_| k.next().copied().unwrap_or(false));
        self.about.retain(|p| p == party);
        self
    }

    /// The latest pair of editions of each party, by party.
    pub fn latest(&self) -> Vec<&EditionPair> {
        let mut out: Vec<&EditionPair> = Vec::new();
        for e in &self.editions {
            match out.last_mut() {
                Some(last) if last.economy == e.economy => *last = e,
                _ => out.push(e),
            }
        }
        out
    }
}

fn need_ref(analysis: &Analysis<'_>, i: usize) -> NeedRef {
    let r = analysis.need(i);
    NeedRef {
        index: i,
        id: r.item.id.clone(),
        year: r.submission.year.unwrap_or_default(),
        section: r.item.section.clone(),
        text: r.item.text.clone(),
    }
}

/// Links one pair of editions; `earlier` and `later` are need indices in id order.
fn pair(
    relevance: &NeedRelevance<'_, '_>,
    opportunities: &mut Opportunities<'_, '_>,
    party: &Party,
    (from, to): (u16, u16),
    earlier: &[usize],
    later: &[usize],
) -> EditionPair {
    let analysis = relevance.analysis();
    let threshold = relevance.link_threshold();
    // Pairs below the threshold are never linked: 0 is as good as their value.
    let matrix: Vec<Vec<f64>> = later
        .par_iter()
        .map(|&a| {
            earlier.iter().map(|&b| relevance.probability_at_least(a, b, threshold).unwrap_or(0.0)).collect()
        })
        .collect();
    let links = one_to_one(&matrix, threshold);
    let mut linked_later = vec![false; later.len()];
    let mut linked_earlier = vec![false; earlier.len()];
    let mut persistent = Vec::with_capacity(links.len());
    for (r, c, p) in links {
        linked_later[r] = true;
        linked_earlier[c] = true;
        let (a, b) = (later[r], earlier[c]);
        persistent.push(Persistent {
            need: need_ref(analysis, a),
            previous: need_ref(analysis, b),
            similarity: crate::graph::round4(p),
            evidence: relevance.evidence(a, b),
            opportunity: opportunities.best(b, from),
        });
    }
    let new =
        later.iter().zip(&linked_later).filter(|(_, l)| !**l).map(|(&i, _)| need_ref(analysis, i)).collect();
    let resolved = earlier
        .iter()
        .zip(&linked_earlier)
        .filter(|(_, l)| !**l)
        .map(|(&i, _)| need_ref(analysis, i))
        .collect();
    EditionPair { economy: party.clone(), from, to, persistent, new, resolved }
}

/// Chains of links across three or more consecutive editions.
fn persisting(editions: &[EditionPair]) -> Vec<Persisting> {
    // Per party, the chain each need of the latest edition seen so far ends.
    let mut out = Vec::new();
    let mut open: BTreeMap<(&Party, &ItemId), Vec<NeedRef>> = BTreeMap::new();
    for e in editions {
        let mut next: BTreeMap<(&Party, &ItemId), Vec<NeedRef>> = BTreeMap::new();
        for p in &e.persistent {
            let mut chain =
                open.remove(&(&e.economy, &p.previous.id)).unwrap_or_else(|| vec![p.previous.clone()]);
            chain.push(p.need.clone());
            next.insert((&e.economy, &p.need.id), chain);
        }
        // Chains of this party that did not continue end here.
        let (ended, kept): (Vec<_>, Vec<_>) =
            open.into_iter().partition(|((party, _), _)| *party == &e.economy);
        out.extend(ended.into_iter().map(|((party, _), needs)| (party.clone(), needs)));
        open = kept.into_iter().chain(next).collect();
    }
    out.extend(open.into_iter().map(|((party, _), needs)| (party.clone(), needs)));
    let mut chains: Vec<Persisting> = out
        .into_iter()
        .filter(|(_, needs)| needs.len() >= 3)
        .map(|(economy, needs)| Persisting { economy, needs })
        .collect();
    chains.sort_by(|a, b| a.economy.cmp(&b.economy).then_with(|| a.needs[0].id.cmp(&b.needs[0].id)));
    chains
}

/// Finds the best earlier offer for a need: candidates from the offer index,
/// scored by the match model.
struct Opportunities<'a, 'c> {
    analysis: &'a Analysis<'c>,
    index: CandidateIndex,
    model: &'static Model,
    scratch: Scratch,
}

impl<'a, 'c> Opportunities<'a, 'c> {
    fn new(analysis: &'a Analysis<'c>) -> Self {
        let scratch = Scratch::new(analysis.offer_count());
        Opportunities { analysis, index: CandidateIndex::new(analysis), model: Model::builtin(), scratch }
    }

    /// The best offer of another party, dated no later than `year`, that meets need
    /// `i` at `partial` or better (ties by offer id).
    fn best(&mut self, i: usize, year: u16) -> Option<Opportunity> {
        let analysis = self.analysis;
        let scorer = Scorer::new(analysis, self.model);
        let need_party = &analysis.need(i).submission.economy;
        let mut best: Option<(f64, usize)> = None;
        for j in self.index.candidates(analysis, i, IndexLimits::default(), &mut self.scratch) {
            let j = j as usize;
            let offer = analysis.offer(j);
            if &offer.submission.economy == need_party || offer.submission.year.is_none_or(|y| y > year) {
                continue;
            }
            let (score, _) = scorer.score(i, j);
            if score < self.model.thresholds.partial {
                continue;
            }
            let better = best
                .is_none_or(|(s, k)| score > s || (score == s && offer.item.id < analysis.offer(k).item.id));
            if better {
                best = Some((score, j));
            }
        }
        best.map(|(score, j)| {
            let offer = analysis.offer(j);
            Opportunity {
                offer: offer.item.id.clone(),
                donor: offer.submission.economy.clone(),
                year: offer.submission.year.unwrap_or_default(),
                score: crate::graph::round4(score),
                tier: self.model.tier(score),
                text: offer.item.text.clone(),
            }
        })
    }
}

#[cfg(test)]
mod tests;
