//! The interned vocabulary of an analysis: words (stems), concepts of the graph and
//! adjacent-term pairs, with their weights and spelling neighbours.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::text::ConceptId;

/// Words shorter than this take part in fuzzy matching only through exact equality
/// (short words and acronyms that differ by a letter are different things: API, APG).
const FUZZY_MIN_LEN: usize = 5;

/// Words the whole field uses, whatever the topic: they say little about what a
/// need or offer is about, so they weigh [`GENERIC_FACTOR`] of a word (normalised
/// stems). Kinds of assistance ("workshops", "best practices") are not here: they
/// are dropped from the topic altogether (see the tokeniser) and weighed by the
/// activity component.
pub(crate) const GENERIC_WORDS: &[&str] = &[
    "agency",
    "authority",
    "country",
    "experienc",
    "expert",
    "expertis",
    "government",
    "international",
    "knowledg",
    "measur",
    "nation",
    "national",
    "offic",
    "officer",
    "official",
    "personnel",
    "practic",
    "procedur",
    "program",
    "project",
    "security",
    "skill",
    "staff",
    "standard",
    "system",
    "team",
    "tool",
];

/// The weight of a [`GENERIC_WORDS`] word relative to other words.
pub(crate) const GENERIC_FACTOR: f64 = 0.3;

/// "Not a concept", in [`Vocabulary::concept`].
pub(crate) const NO_CONCEPT: ConceptId = ConceptId::MAX;

/// What a vocabulary entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// A normalised word (stem).
    Word,
    /// A word that every part of the field uses ("security", "experience",
    /// "officials"): a word, weighted down (see [`GENERIC_WORDS`]).
    Generic,
    /// A concept of the graph.
    Concept,
    /// Two adjacent words or concepts, in either order ("job descriptions",
    /// "descriptions / maritime security"): evidence that a phrase is shared.
    Pair,
}

/// The interned vocabulary: words (stems), concepts of the graph, adjacent-term pairs.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// The stem, or the concept label.
    pub text: Vec<Box<str>>,
    pub kind: Vec<TermKind>,
    /// For a concept, its id in the [`ConceptGraph`](crate::text::ConceptGraph);
    /// [`NO_CONCEPT`] otherwise.
    pub concept: Vec<ConceptId>,
    pub idf: Vec<f32>,
    pub fuzzy_offsets: Vec<usize>,
    pub fuzzy: Vec<(u32, f32)>,
    pub by_key: KeyMap<u32>,
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

/// FNV-1a: a fixed hash, so keys (and everything ordered by them) are the same on
/// every run and machine.
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub(super) fn word_key(stem: &str) -> u64 {
    fnv1a(stem.as_bytes())
}

/// The key of an unordered pair of adjacent tokens.
pub(super) fn pair_key(a: u64, b: u64) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut bytes = [0u8; 17];
    bytes[0] = b'+';
    bytes[1..9].copy_from_slice(&lo.to_le_bytes());
    bytes[9..].copy_from_slice(&hi.to_le_bytes());
    fnv1a(&bytes)
}

/// Concept keys hash the label behind a `#`, which no word contains.
pub(super) fn concept_key(label: &str) -> u64 {
    let mut s = String::with_capacity(label.len() + 1);
    s.push('#');
    s.push_str(label);
    fnv1a(s.as_bytes())
}

/// Spelling neighbours over the vocabulary's words (not concepts), as CSR.
pub(super) fn fuzzy_neighbours(vocab: &Vocabulary, threshold: f64) -> (Vec<usize>, Vec<(u32, f32)>) {
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

    #[test]
    fn generic_words_are_sorted_normalised_stems() {
        assert!(GENERIC_WORDS.windows(2).all(|w| w[0] < w[1]));
        for w in GENERIC_WORDS {
            assert_eq!(crate::text::normalised_words(w), [*w], "{w} is not a normalised stem");
        }
    }
}
