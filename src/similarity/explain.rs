//! Explaining a match: the words and concepts need and offer share, in the need's
//! own spelling, and the relations of the concept graph that earned concept credit.

use super::analyze::Analysis;
use super::measures::{concept_credit, neighbour_weight};
use super::tokenize::surface_forms;
use super::vocab::{TermKind, word_key};
use crate::text::{ConceptGraph, Relation};

/// The terms one need shares with each of several offers, strongest first: what
/// [`Analysis::shared_terms_of`] gives, held once per need rather than copied per
/// term, so that writing a million matches does not allocate a string per term.
#[derive(Debug)]
pub(crate) struct SharedTerms<'a> {
    /// The vocabulary's display forms.
    text: &'a [Box<str>],
    /// The need's own spellings of the words shared with any of the offers.
    surfaces: Vec<String>,
    /// The shared terms of every offer, one after another.
    shown: Vec<Shown>,
    /// Where each offer's terms end in `shown`.
    ends: Vec<usize>,
}

/// A need's word or concept, its weight and its spelling neighbours.
type NeedTerm<'v> = (u32, f32, &'v [(u32, f32)]);

/// How a shared term is shown.
#[derive(Debug, Clone, Copy)]
enum Shown {
    /// As the vocabulary writes it (a concept's label, or a word the need's text
    /// does not spell differently).
    Vocabulary(u32),
    /// In the need's own spelling: an index into `surfaces`.
    Surface(u32),
}

impl SharedTerms<'_> {
    /// The display forms of the terms shared with the `k`-th offer, strongest first.
    pub(crate) fn of(&self, k: usize) -> impl ExactSizeIterator<Item = &str> + Clone {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        self.shown[start..self.ends[k]].iter().map(|s| match *s {
            Shown::Vocabulary(t) => &*self.text[t as usize],
            Shown::Surface(f) => self.surfaces[f as usize].as_str(),
        })
    }
}

impl Analysis<'_> {
    /// Display forms of the terms and concepts need `i` and offer `j` share (exactly
    /// or through a spelling neighbour), strongest first, at most `max`.
    ///
    /// Concepts show their thesaurus label; words show the need's own spelling.
    pub fn shared_terms(&self, i: usize, j: usize, max: usize) -> Vec<String> {
        self.shared_terms_of(i, &[j], max).pop().unwrap_or_default()
    }

    /// [`Analysis::shared_terms`] for several offers of one need, reading the need's
    /// own spelling once.
    pub fn shared_terms_of(&self, i: usize, offers: &[usize], max: usize) -> Vec<Vec<String>> {
        let shared = self.shared_terms_view(i, offers.iter().copied(), max);
        (0..offers.len()).map(|k| shared.of(k).map(str::to_string).collect()).collect()
    }

    /// [`Analysis::shared_terms_of`], borrowed (see [`SharedTerms`]).
    pub(crate) fn shared_terms_view(
        &self,
        i: usize,
        offers: impl Iterator<Item = usize>,
        max: usize,
    ) -> SharedTerms<'_> {
        let vocab = &self.vocab;
        let mut ids: Vec<u32> = Vec::new();
        let mut ends = Vec::new();
        let mut scratch = Vec::new();
        // The need's words and concepts (not its adjacent pairs) with their
        // spelling neighbours, looked up once for all offers.
        let need: Vec<NeedTerm<'_>> = self
            .needs
            .terms(i)
            .iter()
            .filter(|&&(t, _)| vocab.kind[t as usize] != TermKind::Pair)
            .map(|&(t, w)| (t, w, vocab.neighbours(t)))
            .collect();
        for j in offers {
            self.shared_term_ids(&need, j, max, &mut scratch, &mut ids);
            ends.push(ids.len());
        }
        let is_word = |t: u32| matches!(vocab.kind[t as usize], TermKind::Word | TermKind::Generic);
        let key = |t: u32| word_key(&vocab.text[t as usize]);
        let mut wanted: Vec<u64> = ids.iter().filter(|&&t| is_word(t)).map(|&t| key(t)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut found: Vec<(u64, String)> =
            surface_forms(&self.needs.refs[i].item.text, &wanted).into_iter().collect();
        found.sort_unstable_by_key(|f| f.0);
        let shown = ids
            .iter()
            .map(|&t| {
                let surface =
                    if is_word(t) { found.binary_search_by_key(&key(t), |f| f.0).ok() } else { None };
                // At most as many surfaces as terms, which are u32 ids.
                surface.map_or(Shown::Vocabulary(t), |f| Shown::Surface(f as u32))
            })
            .collect();
        SharedTerms { text: &vocab.text, surfaces: found.into_iter().map(|f| f.1).collect(), shown, ends }
    }

    /// Where concept credit between need `i` and offer `j` came from through the
    /// graph rather than a shared concept, in the need's concept order:
    /// `"e-seal → container integrity (broader)"`, `"… (narrower)"`, `"… (both
    /// under P)"` for siblings and cousins, `"… (related)"`.
    pub fn evidence(&self, i: usize, j: usize) -> Vec<String> {
        let graph = ConceptGraph::global();
        let mut out = Vec::new();
        concept_credit(graph, self.needs.concepts(i), self.offers.concepts(j), |c, d, relation| {
            let (need, offer) = (&graph.concept(c).label, &graph.concept(d).label);
            let how = match relation {
                Relation::Broader(_) => "broader".to_string(),
                Relation::Narrower(_) => "narrower".to_string(),
                Relation::Sibling(p) | Relation::Cousin(p) => {
                    format!("both under {}", graph.concept(p).label)
                }
                Relation::Related => "related".to_string(),
                Relation::Same | Relation::Unrelated => return,
            };
            out.push(format!("{need} → {offer} ({how})"));
        });
        out.dedup();
        out
    }

    /// Appends to `out` the words and concepts a need (its words and concepts, by
    /// term id) and offer `j` share, strongest first, at most `max`; `scratch` is
    /// working memory.
    fn shared_term_ids(
        &self,
        need: &[NeedTerm<'_>],
        j: usize,
        max: usize,
        scratch: &mut Vec<(f64, u32)>,
        out: &mut Vec<u32>,
    ) {
        let offer = self.offers.terms(j);
        scratch.clear();
        // Both are sorted by term id: walk the offer's terms alongside the need's.
        let mut k = 0;
        for &(t, w, neighbours) in need {
            while k < offer.len() && offer[k].0 < t {
                k += 1;
            }
            let contribution = match offer.get(k) {
                Some(&(u, wo)) if u == t => f64::from(w) * f64::from(wo),
                _ => neighbour_weight(offer, neighbours) * f64::from(w),
            };
            if contribution > 0.0 {
                scratch.push((contribution, t));
            }
        }
        // Terms are distinct: the order is total.
        scratch.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        out.extend(scratch.iter().take(max).map(|&(_, t)| t));
    }
}
