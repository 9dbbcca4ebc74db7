//! Analysis: a corpus → per-item features (weighted terms and concepts, pillars,
//! areas, activity kinds), with an interned vocabulary.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::model::ItemRef;
use crate::similarity::measures::pillar_bits;
use crate::text::{self, Thesaurus};
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

/// Weight factor of thesaurus concepts over plain words: a curated concept
/// (AEO = Authorized Economic Operator = trusted trader) is stronger evidence of a
/// shared topic than a shared word.
pub const CONCEPT_BOOST: f64 = 1.5;

/// Weight factor of adjacent-term pairs (see [`TermKind::Pair`]).
pub const PAIR_BOOST: f64 = 0.5;

/// Words shorter than this take part in fuzzy matching only through exact equality
/// (short words and acronyms that differ by a letter are different things: API, APG).
const FUZZY_MIN_LEN: usize = 5;

/// Section code for "no section".
pub(crate) const NO_SECTION: u32 = u32::MAX;

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
}

impl Side<'_> {
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// The item's weighted terms, sorted by term id, L2-normalised.
    pub fn terms(&self, i: usize) -> &[(u32, f32)] {
        &self.terms[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// What a vocabulary entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// A normalised word (stem).
    Word,
    /// A thesaurus concept.
    Concept,
    /// Two adjacent words or concepts, in either order ("job descriptions",
    /// "descriptions / maritime security"): evidence that a phrase is shared.
    Pair,
}

/// The interned vocabulary: words (stems) and thesaurus concepts.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// The stem, or the concept label.
    pub text: Vec<Box<str>>,
    pub kind: Vec<TermKind>,
    pub idf: Vec<f32>,
    fuzzy_offsets: Vec<usize>,
    fuzzy: Vec<(u32, f32)>,
    by_key: KeyMap<u32>,
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Terms similar in spelling to `t`, with their Jaro–Winkler similarity.
    pub fn neighbours(&self, t: u32) -> &[(u32, f32)] {
        let t = t as usize;
        match (self.fuzzy_offsets.get(t), self.fuzzy_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.fuzzy[a..b],
            _ => &[],
        }
    }

    pub fn id_of_key(&self, key: u64) -> Option<u32> {
        self.by_key.get(&key).copied()
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
/// assert!(analysis.vocabulary_len() >= 4);
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

/// Term keys are already FNV hashes: hashing them again (with `SipHash`) only costs time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed with this hasher; fold anything else in FNV style.
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A map keyed by term keys.
pub(crate) type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Items tokenised per parallel task.
const TOKENIZE_CHUNK: usize = 2048;

/// One item's tokens before interning: term keys with their counts.
struct RawTokens {
    keys: Vec<(u64, u32)>,
    pillars: u16,
    activities: u16,
}

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
        let (raw, texts): (Vec<RawTokens>, KeyMap<(TermKind, Box<str>)>) = {
            type Texts = KeyMap<(TermKind, Box<str>)>;
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
        let mut texts = texts;
        for k in &keys {
            let (kd, s) = texts.remove(k).unwrap_or((TermKind::Pair, Box::default()));
            kind.push(kd);
            text.push(s);
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
        let idf: Vec<f32> = df
            .iter()
            .zip(&kind)
            .map(|(d, kind)| {
                let boost = match kind {
                    TermKind::Word => 1.0,
                    TermKind::Concept => CONCEPT_BOOST,
                    TermKind::Pair => PAIR_BOOST,
                };
                ((1.0 + scale / f64::from(*d).max(1.0)).ln() * boost) as f32
            })
            .collect();

        let mut vocab = Vocabulary { text, kind, idf, fuzzy_offsets: Vec::new(), fuzzy: Vec::new(), by_key };
        let (fuzzy_offsets, fuzzy) = fuzzy_neighbours(&vocab, fuzzy_threshold);
        vocab.fuzzy_offsets = fuzzy_offsets;
        vocab.fuzzy = fuzzy;

        // 4. Weighted, normalised vectors and the other features.
        let n_needs = need_refs.len();
        let mut raw = raw;
        let offer_raw = raw.split_off(n_needs);
        let needs = build_side(need_refs, &raw, &vocab, &parties, &other_sections);
        let offers = build_side(offer_refs, &offer_raw, &vocab, &parties, &other_sections);
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
        let ids: Vec<Vec<u32>> = offers.iter().map(|&j| self.shared_term_ids(i, j, max)).collect();
        let mut wanted: Vec<u64> = ids
            .iter()
            .flatten()
            .filter(|&&t| self.vocab.kind[t as usize] == TermKind::Word)
            .map(|&t| word_key(&self.vocab.text[t as usize]))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let surfaces = surface_forms(&self.needs.refs[i].item.text, &wanted);
        ids.into_iter()
            .map(|terms| {
                terms
                    .into_iter()
                    .map(|t| {
                        let text = &self.vocab.text[t as usize];
                        match self.vocab.kind[t as usize] {
                            TermKind::Word => {
                                surfaces.get(&word_key(text)).cloned().unwrap_or_else(|| text.to_string())
                            }
                            _ => text.to_string(),
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The words and concepts need `i` and offer `j` share, strongest first, at most
    /// `max`.
    fn shared_term_ids(&self, i: usize, j: usize, max: usize) -> Vec<u32> {
        let need = self.needs.terms(i);
        let offer = self.offers.terms(j);
        let mut shared: Vec<(f64, u32)> = Vec::new();
        // Both vectors are sorted by term id: walk the offer's alongside the need's.
        let mut k = 0;
        for &(t, w) in need {
            while k < offer.len() && offer[k].0 < t {
                k += 1;
            }
            if self.vocab.kind[t as usize] == TermKind::Pair {
                continue;
            }
            let contribution = match offer.get(k) {
                Some(&(u, wo)) if u == t => f64::from(w) * f64::from(wo),
                _ => {
                    self.vocab
                        .neighbours(t)
                        .iter()
                        .filter_map(|&(u, s)| {
                            offer
                                .binary_search_by_key(&u, |p| p.0)
                                .ok()
                                .map(|k| f64::from(offer[k].1) * f64::from(s))
                        })
                        .fold(0.0, f64::max)
                        * f64::from(w)
                }
            };
            if contribution > 0.0 {
                shared.push((contribution, t));
            }
        }
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        shared.truncate(max);
        shared.into_iter().map(|(_, t)| t).collect()
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
    let mut side = Side { offsets, terms, ..Side::default() };
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
    by_id.sort_by(|a, b| refs[*a as usize].item.id.cmp(&refs[*b as usize].item.id));
    side.id_rank = vec![0; n];
    for (rank, i) in by_id.into_iter().enumerate() {
        side.id_rank[i as usize] = rank as u32;
    }
    side.refs = refs;
    side
}

/// FNV-1a: a fixed hash, so keys (and everything ordered by them) are the same on
/// every run and machine.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn word_key(stem: &str) -> u64 {
    fnv1a(stem.as_bytes())
}

/// The key of an unordered pair of adjacent tokens.
fn pair_key(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut bytes = [0u8; 17];
    bytes[0] = b'+';
    bytes[1..9].copy_from_slice(&lo.to_le_bytes());
    bytes[9..].copy_from_slice(&hi.to_le_bytes());
    fnv1a(&bytes)
}

/// Concept keys hash the label behind a `#`, which no word contains.
fn concept_key(label: &str) -> u64 {
    let mut s = String::with_capacity(label.len() + 1);
    s.push('#');
    s.push_str(label);
    fnv1a(s.as_bytes())
}

/// Normalised words of a text with, for each, whether it is a stopword.
fn analysed_words(text: &str) -> (Vec<String>, Vec<bool>) {
    let raw = text::words(text);
    let mut stems = Vec::with_capacity(raw.len());
    let mut stop = Vec::with_capacity(raw.len());
    let mut forms = Vec::new();
    for w in raw {
        let is_stop = text::is_stopword(&w);
        forms.clear();
        crate::text::normal_forms(&w, &mut forms);
        for f in forms.drain(..) {
            stems.push(f);
            stop.push(is_stop);
        }
    }
    (stems, stop)
}

/// Whether a normalised word carries topic: not a stopword, two letters or more,
/// not a bare number.
fn is_content(stem: &str, stop: bool) -> bool {
    !stop && stem.len() >= 2 && !stem.bytes().all(|b| b.is_ascii_digit())
}

/// Tokenises one item: word and concept keys with counts, pillars and activities.
/// The text of every key not yet in `texts` is added to it.
fn tokenize_item(r: &ItemRef<'_>, texts: &mut KeyMap<(TermKind, Box<str>)>) -> RawTokens {
    let thesaurus = Thesaurus::global();
    let (stems, stop) = analysed_words(&r.item.text);
    let found = thesaurus.find(&stems);
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(stems.len() * 2);
    // The item's content tokens in order: a concept where a phrase names one, else
    // the content words; stopwords and numbers drop out.
    let mut sequence: Vec<u64> = Vec::with_capacity(stems.len());
    let mut phrases = found.iter().peekable();
    let mut i = 0;
    while i < stems.len() {
        if let Some(f) = phrases.next_if(|f| f.start == i) {
            let label = &thesaurus.concept(f.value).label;
            let k = concept_key(label);
            sequence.push(k);
            texts.entry(k).or_insert_with(|| (TermKind::Concept, label.as_str().into()));
            i += f.len;
            continue;
        }
        let s = &stems[i];
        if is_content(s, stop[i]) {
            let k = word_key(s);
            sequence.push(k);
            texts.entry(k).or_insert_with(|| (TermKind::Word, s.as_str().into()));
        }
        i += 1;
    }
    keys.extend(sequence.iter().map(|k| (*k, 1)));
    for w in sequence.windows(2) {
        if w[0] != w[1] {
            let k = pair_key(w[0], w[1]);
            keys.push((k, 1));
            texts.entry(k).or_insert((TermKind::Pair, Box::default()));
        }
    }
    keys.sort_unstable_by_key(|p| p.0);
    keys.dedup_by(|later, first| {
        if later.0 == first.0 {
            first.1 += later.1;
            true
        } else {
            false
        }
    });
    let pillars = if r.item.pillars.is_empty() {
        pillar_bits(&text::pillars_of_words(&stems))
    } else {
        pillar_bits(&r.item.pillars)
    };
    let activities = if r.item.activities.is_empty() {
        text::activities_of_words(&stems).iter().fold(0u16, |acc, a| acc | a.bit())
    } else {
        r.item.activities.iter().fold(0u16, |acc, a| acc | a.bit())
    };
    RawTokens { keys, pillars, activities }
}

/// The raw spelling a text uses for each of the `wanted` word keys (sorted; first
/// occurrence wins), reading the text only as far as the last one found.
fn surface_forms(text: &str, wanted: &[u64]) -> HashMap<u64, String> {
    let mut out = HashMap::with_capacity(wanted.len());
    if wanted.is_empty() {
        return out;
    }
    let mut forms = Vec::new();
    for w in text::words(text) {
        forms.clear();
        crate::text::normal_forms(&w, &mut forms);
        for f in &forms {
            let key = word_key(f);
            if wanted.binary_search(&key).is_ok() && !out.contains_key(&key) {
                out.insert(key, w.clone());
            }
        }
        if out.len() == wanted.len() {
            break;
        }
    }
    out
}

/// Spelling neighbours over the vocabulary's words (not concepts), as CSR.
fn fuzzy_neighbours(vocab: &Vocabulary, threshold: f64) -> (Vec<usize>, Vec<(u32, f32)>) {
    let n = vocab.len();
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    if threshold < 1.0 {
        // Bucket by the first two letters; compare within a bucket only.
        let mut buckets: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, t) in vocab.text.iter().enumerate() {
            if vocab.kind[i] == TermKind::Word && t.len() >= FUZZY_MIN_LEN && t.is_char_boundary(2) {
                buckets.entry(&t[..2]).or_default().push(i as u32);
            }
        }
        let mut bucket_list: Vec<Vec<u32>> = buckets.into_values().collect();
        bucket_list.sort_unstable();
        let pairs: Vec<(u32, u32, f32)> = bucket_list
            .par_iter()
            .flat_map_iter(|ids| {
                let mut out = Vec::new();
                for (x, &a) in ids.iter().enumerate() {
                    let sa = &vocab.text[a as usize];
                    for &b in &ids[x + 1..] {
                        let sb = &vocab.text[b as usize];
                        if sa.len().abs_diff(sb.len()) > 2 {
                            continue;
                        }
                        let sim = strsim::jaro_winkler(sa, sb);
                        if sim >= threshold {
                            out.push((a, b, sim as f32));
                        }
                    }
                }
                out
            })
            .collect();
        for (a, b, s) in pairs {
            lists[a as usize].push((b, s));
            lists[b as usize].push((a, s));
        }
    }
    let mut offsets = Vec::with_capacity(n + 1);
    let mut flat = Vec::new();
    offsets.push(0);
    for mut l in lists {
        l.sort_unstable_by_key(|p| p.0);
        flat.extend(l);
        offsets.push(flat.len());
    }
    (offsets, flat)
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
        assert_eq!(shared, ["single window", "workshops"]);
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
