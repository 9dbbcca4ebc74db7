//! Analysis: a corpus → per-item features (weighted terms and concepts, pillars,
//! areas, activity kinds), with an interned vocabulary.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::meaning::Meanings;
use super::tokenize::{RawTokens, TermInfo, tokenize_item};
use super::vocab::{GENERIC_FACTOR, KeyMap, NO_CONCEPT, TermKind, Vocabulary, fuzzy_neighbours};
use crate::model::ItemRef;
use crate::text::{ConceptGraph, ConceptId};
use crate::{Corpus, Party, Section};

/// The smallest scale of the inverse document frequency (see [`idf_scale`]).
pub const IDF_SCALE: f64 = 1000.0;

/// The scale `S` of the inverse document frequency `idf(t) = ln(1 + S / df(t))`:
/// the number of items rounded up to a power of ten, and at least [`IDF_SCALE`].
///
/// Weights depend on the corpus only through each term's document frequency and
/// the order of magnitude of the corpus size: an item that shares no term with the
/// others changes no other pair's score unless the corpus crosses a power of ten,
/// while common terms still fade as the corpus grows (a fixed scale would let a
/// million-item corpus weigh its frequent words as nearly nothing, or as much as
/// its rare ones).
///
/// # Examples
///
/// ```
/// use capmatch::similarity::idf_scale;
///
/// assert_eq!(idf_scale(40), 1000.0);
/// assert_eq!(idf_scale(20_000), 100_000.0);
/// assert_eq!(idf_scale(100_000), 100_000.0);
/// ```
pub fn idf_scale(items: usize) -> f64 {
    let mut s = IDF_SCALE;
    while s < items as f64 {
        s *= 10.0;
    }
    s
}

/// Weight factor of concepts of the graph over plain words: a curated concept
/// (AEO = Authorized Economic Operator = trusted trader) is stronger evidence of a
/// shared topic than a shared word. It is multiplied by the concept's
/// [`specificity`](crate::text::ConceptGraph::specificity): 1.5 for a leaf, 0.33
/// for AML/CFT and its 81 narrower concepts.
pub const CONCEPT_BOOST: f64 = 1.5;

/// Weight factor of adjacent-term pairs (see [`TermKind::Pair`]).
pub const PAIR_BOOST: f64 = 0.5;

/// Section code for "no section".
pub(crate) const NO_SECTION: u32 = u32::MAX;

/// What an item's section, pillar and activity components are computed from: its
/// section code, the Strategy areas of its section, its pillars and its activity
/// kinds (as bits). Items with the same profile fit every other item alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Profile {
    pub section: u32,
    pub areas: u8,
    pub pillars: u16,
    pub activities: u16,
}

/// Features of one side (needs or offers) in compact, index-aligned columns.
#[derive(Debug, Default)]
pub(crate) struct Side<'c> {
    pub refs: Vec<ItemRef<'c>>,
    offsets: Vec<usize>,
    terms: Vec<(u32, f32)>,
    pub pillars: Vec<u16>,
    pub activities: Vec<u16>,
    pub areas: Vec<u8>,
    pub sections: Vec<u32>,
    pub party: Vec<u32>,
    /// The position of each item's id in id order (for tie-breaking and output order).
    pub id_rank: Vec<u32>,
    /// Each item's topical concepts (graph ids, sorted) with their weight in the
    /// item's vector, as CSR: `concepts[concept_offsets[i]..concept_offsets[i + 1]]`.
    concept_offsets: Vec<usize>,
    concepts: Vec<(ConceptId, f32)>,
    /// Each item's meaning vector (the `semantic` feature).
    pub meanings: Meanings,
}

impl Side<'_> {
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// The item's weighted terms, sorted by term id, L2-normalised.
    pub fn terms(&self, i: usize) -> &[(u32, f32)] {
        &self.terms[self.offsets[i]..self.offsets[i + 1]]
    }

    /// The item's [`Profile`].
    pub fn profile(&self, i: usize) -> Profile {
        Profile {
            section: self.sections[i],
            areas: self.areas[i],
            pillars: self.pillars[i],
            activities: self.activities[i],
        }
    }

    /// The item's topical concepts (graph ids, sorted) with their weights.
    pub fn concepts(&self, i: usize) -> &[(ConceptId, f32)] {
        &self.concepts[self.concept_offsets[i]..self.concept_offsets[i + 1]]
    }

    /// Reads every cache line that scoring the items `items` will read, in one
    /// pass whose loads do not depend on each other, so that the processor waits
    /// for them together instead of one after another (scoring a need's
    /// candidates otherwise spends most of its time waiting for each offer's
    /// data in turn). Safe Rust's stand-in for a prefetch: the folded value only
    /// keeps the loads from being optimised away.
    pub fn warm(&self, items: &[u32]) {
        const LINE: usize = 64;
        let mut fold = 0u64;
        for &i in items {
            let i = i as usize;
            let terms = self.terms(i);
            for t in terms.iter().step_by(LINE / size_of::<(u32, f32)>()) {
                fold ^= u64::from(t.0);
            }
            fold ^= terms.last().map_or(0, |t| u64::from(t.0));
            let concepts = self.concepts(i);
            fold ^= concepts.first().map_or(0, |c| u64::from(c.0))
                ^ concepts.last().map_or(0, |c| u64::from(c.0));
            fold ^= u64::from(self.pillars[i]) ^ u64::from(self.activities[i]) ^ u64::from(self.areas[i]);
            fold ^= u64::from(self.sections[i]) ^ u64::from(self.id_rank[i]);
            fold ^= self.meanings.warm(i);
        }
        std::hint::black_box(fold);
    }
}

/// A corpus analysed for matching: every need and offer as features over one
/// vocabulary.
///
/// Built once per corpus; scoring and candidate generation read it.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, similarity::Analysis};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"text":"Workshops on Single Window system development"}]},
///   {"economy":"ROK","offers":[{"text":"Single Window workshops for customs officials"}]}]}"#, None)?;
/// let analysis = Analysis::new(&corpus, 0.92);
/// assert_eq!((analysis.need_count(), analysis.offer_count()), (1, 1));
/// assert!(analysis.vocabulary_len() >= 3);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug)]
pub struct Analysis<'c> {
    pub(crate) needs: Side<'c>,
    pub(crate) offers: Side<'c>,
    pub(crate) vocab: Vocabulary,
    pub(crate) parties: Vec<&'c Party>,
    corpus: &'c Corpus,
}

/// Items tokenised per parallel task.
const TOKENIZE_CHUNK: usize = 2048;

impl<'c> Analysis<'c> {
    /// Analyses every need and offer of `corpus`. Spelling neighbours are words of
    /// five letters or more with a Jaro–Winkler similarity of at least
    /// `fuzzy_threshold` (1.0 or more turns fuzzy matching off).
    ///
    /// # Complexity
    ///
    /// Linear in the corpus text, plus the fuzzy neighbour search over the
    /// vocabulary, which compares only words with the same first two letters and
    /// lengths within two of each other. Parallel across items (rayon); the result
    /// does not depend on the number of threads.
    pub fn new(corpus: &'c Corpus, fuzzy_threshold: f64) -> Analysis<'c> {
        let parties: Vec<&Party> = corpus.parties().into_iter().collect();
        let other_sections: Vec<&str> = corpus
            .needs()
            .chain(corpus.offers())
            .filter_map(|r| match &r.item.section {
                Some(Section::Other(label)) => Some(label.as_str()),
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();

        let need_refs: Vec<ItemRef<'c>> = corpus.needs().collect();
        let offer_refs: Vec<ItemRef<'c>> = corpus.offers().collect();
        let all: Vec<&ItemRef<'c>> = need_refs.iter().chain(offer_refs.iter()).collect();

        // 1. Tokenise every item (parallel, order-preserving), collecting the text
        //    of every distinct key on the way.
        //    Items go in chunks so that each distinct key's text is allocated once
        //    per chunk, not once per occurrence.
        let (raw, texts): (Vec<RawTokens>, KeyMap<TermInfo>) = {
            type Texts = KeyMap<TermInfo>;
            let chunks: Vec<(Vec<RawTokens>, Texts)> = all
                .par_chunks(TOKENIZE_CHUNK)
                .map(|chunk| {
                    let mut texts = KeyMap::default();
                    let tokens = chunk.iter().map(|r| tokenize_item(r, &mut texts)).collect();
                    (tokens, texts)
                })
                .collect();
            let mut texts = KeyMap::default();
            let mut tokens = Vec::with_capacity(all.len());
            for (chunk_tokens, chunk_texts) in chunks {
                for (k, s) in chunk_texts {
                    texts.entry(k).or_insert(s);
                }
                tokens.extend(chunk_tokens);
            }
            (tokens, texts)
        };

        // 2. Intern: ids in key order, so the vocabulary does not depend on item order.
        let mut keys: Vec<u64> = texts.keys().copied().collect();
        keys.sort_unstable();
        let by_key: KeyMap<u32> = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
        let mut text: Vec<Box<str>> = Vec::with_capacity(keys.len());
        let mut kind = Vec::with_capacity(keys.len());
        let mut concept = Vec::with_capacity(keys.len());
        let mut texts = texts;
        for k in &keys {
            let info = texts.remove(k).unwrap_or(TermInfo {
                kind: TermKind::Pair,
                text: Box::default(),
                concept: NO_CONCEPT,
            });
            kind.push(info.kind);
            text.push(info.text);
            concept.push(info.concept);
        }

        // 3. Document frequencies over the corpus.
        let mut df = vec![0u32; keys.len()];
        for t in &raw {
            for (k, _) in &t.keys {
                if let Some(&id) = by_key.get(k) {
                    df[id as usize] += 1;
                }
            }
        }
        let scale = idf_scale(all.len());
        let graph = ConceptGraph::global();
        let idf: Vec<f32> = df
            .iter()
            .zip(&kind)
            .zip(&concept)
            .map(|((d, kind), &c)| {
                let boost = match kind {
                    TermKind::Word => 1.0,
                    TermKind::Generic => GENERIC_FACTOR,
                    // A broad concept ("aviation security") is weak evidence of a
                    // shared topic, a specific one ("hold baggage screening") strong.
                    TermKind::Concept => CONCEPT_BOOST * graph.specificity(c),
                    TermKind::Pair => PAIR_BOOST,
                };
                ((1.0 + scale / f64::from(*d).max(1.0)).ln() * boost) as f32
            })
            .collect();

        let mut vocab =
            Vocabulary { text, kind, concept, idf, fuzzy_offsets: Vec::new(), fuzzy: Vec::new(), by_key };
        let (fuzzy_offsets, fuzzy) = fuzzy_neighbours(&vocab, fuzzy_threshold);
        vocab.fuzzy_offsets = fuzzy_offsets;
        vocab.fuzzy = fuzzy;

        // 4. Weighted, normalised vectors and the other features.
        let n_needs = need_refs.len();
        let mut raw = raw;
        let offer_raw = raw.split_off(n_needs);
        // The two sides are independent: each builds while the other waits on
        // its own sequential steps.
        let (needs, offers) = rayon::join(
            || build_side(need_refs, &raw, &vocab, &parties, &other_sections),
            || build_side(offer_refs, &offer_raw, &vocab, &parties, &other_sections),
        );
        Analysis { needs, offers, vocab, parties, corpus }
    }

    /// The corpus analysed.
    pub fn corpus(&self) -> &'c Corpus {
        self.corpus
    }

    /// The number of needs.
    pub fn need_count(&self) -> usize {
        self.needs.len()
    }

    /// The number of offers.
    pub fn offer_count(&self) -> usize {
        self.offers.len()
    }

    /// The number of distinct words and concepts.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// The `i`-th need (in corpus order).
    pub fn need(&self, i: usize) -> ItemRef<'c> {
        self.needs.refs[i]
    }

    /// The `j`-th offer (in corpus order).
    pub fn offer(&self, j: usize) -> ItemRef<'c> {
        self.offers.refs[j]
    }
}

/// Per chunk of items: each item's vector length, and the vectors one after another.
type VectorChunk = (Vec<usize>, Vec<(u32, f32)>);

fn build_side<'c>(
    refs: Vec<ItemRef<'c>>,
    raw: &[RawTokens],
    vocab: &Vocabulary,
    parties: &[&Party],
    other_sections: &[&str],
) -> Side<'c> {
    let n = refs.len();
    // Weighted, normalised vectors, built per chunk straight into flat arrays.
    let chunks: Vec<VectorChunk> = raw
        .par_chunks(TOKENIZE_CHUNK)
        .map(|chunk| {
            let mut lens = Vec::with_capacity(chunk.len());
            let mut flat = Vec::with_capacity(chunk.iter().map(|t| t.keys.len()).sum());
            let mut v: Vec<(u32, f64)> = Vec::new();
            for t in chunk {
                v.clear();
                v.extend(t.keys.iter().filter_map(|(k, tf)| {
                    let id = vocab.id_of_key(*k)?;
                    Some((id, (1.0 + f64::from(*tf).ln()) * f64::from(vocab.idf[id as usize])))
                }));
                v.sort_unstable_by_key(|p| p.0);
                let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    flat.extend(v.iter().map(|&(id, w)| (id, (w / norm) as f32)));
                    lens.push(v.len());
                } else {
                    lens.push(0);
                }
            }
            (lens, flat)
        })
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut terms = Vec::with_capacity(chunks.iter().map(|c| c.1.len()).sum());
    for (lens, flat) in chunks {
        for len in lens {
            offsets.push(offsets[offsets.len() - 1] + len);
        }
        terms.extend(flat);
    }
    let graph = ConceptGraph::global();
    let mut side = Side { offsets, terms, ..Side::default() };
    side.concept_offsets = Vec::with_capacity(n + 1);
    side.concept_offsets.push(0);
    for i in 0..n {
        let start = side.concepts.len();
        for &(t, w) in &side.terms[side.offsets[i]..side.offsets[i + 1]] {
            let c = vocab.concept[t as usize];
            // A root (a Strategy area, counter-terrorism at large) says where an item
            // belongs, not what it is about: the section component weighs that.
            if c != NO_CONCEPT && !graph.concept(c).root {
                side.concepts.push((c, w));
            }
        }
        side.concepts[start..].sort_unstable_by_key(|p| p.0);
        side.concept_offsets.push(side.concepts.len());
    }
    for (r, t) in refs.iter().zip(raw) {
        side.pillars.push(t.pillars);
        side.activities.push(t.activities);
        let (code, areas) = match &r.item.section {
            None => (NO_SECTION, 0),
            Some(s) => {
                let code = match Section::KNOWN.iter().position(|k| k == s) {
                    Some(i) => i as u32,
                    None => 7 + other_sections.binary_search(&s.label()).unwrap_or(0) as u32,
                };
                (code, s.areas().iter().fold(0u8, |acc, a| acc | a.bit()))
            }
        };
        side.sections.push(code);
        side.areas.push(areas);
        side.party.push(parties.binary_search(&&r.submission.economy).unwrap_or(0) as u32);
    }
    let mut by_id: Vec<u32> = (0..n as u32).collect();
    // Ties (none in a checked corpus) by position: a total order, so the parallel
    // unstable sort gives the one result.
    by_id.par_sort_unstable_by(|a, b| {
        refs[*a as usize].item.id.cmp(&refs[*b as usize].item.id).then(a.cmp(b))
    });
    side.id_rank = vec![0; n];
    for (rank, i) in by_id.into_iter().enumerate() {
        side.id_rank[i as usize] = rank as u32;
    }
    let texts: Vec<&str> = refs.iter().map(|r| r.item.text.as_str()).collect();
    side.meanings = Meanings::new(&texts);
    side.refs = refs;
    side
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::from_json_str(
            r#"{"submissions":[
              {"economy":"HKC","needs":[{"section":"A.1","text":"Workshops on Single Window system development"},
                                         {"section":"A.2","text":"security of port facilities and ships"}]},
              {"economy":"ROK","offers":[{"section":"A.1","text":"Single Window workshops for customs officials"},
                                         {"section":"B","text":"AML/CFT workshops on FATF recommendations"}]}]}"#,
            None,
        )
        .unwrap()
    }

    #[test]
    fn vectors_are_normalised_and_sorted() {
        let c = corpus();
        let a = Analysis::new(&c, 0.92);
        for i in 0..a.need_count() {
            let t = a.needs.terms(i);
            assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
            let norm: f64 = t.iter().map(|(_, w)| f64::from(*w) * f64::from(*w)).sum();
            assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        }
    }

    #[test]
    fn concepts_replace_their_words_and_are_shown_by_label() {
        let c = corpus();
        let a = Analysis::new(&c, 0.92);
        let shared = a.shared_terms(0, 0, 5);
        // "Workshops" is a kind of assistance: the activity component weighs it, not
        // the topic.
        assert_eq!(shared, ["single window"]);
        assert!(a.shared_terms(1, 1, 5).is_empty());
    }

    #[test]
    fn analysis_does_not_depend_on_thread_count() {
        let c = corpus();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
                let a = Analysis::new(&c, 0.92);
                (a.vocab.text.clone(), a.needs.terms.clone(), a.offers.terms.clone())
            })
        };
        assert_eq!(run(1), run(2));
    }
}
