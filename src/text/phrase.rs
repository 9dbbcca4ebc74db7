//! Longest-match phrase lookup over normalised words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::token::{for_each_word, normal_forms};

/// Normalised words of `text`, in order: lower-cased, spelling folded, stemmed.
/// Stopwords are kept (phrases such as "safety of life at sea" need them).
///
/// # Examples
///
/// ```
/// use capmatch::text::normalised_words;
///
/// assert_eq!(normalised_words("Authorised Economic Operators"), ["authoriz", "economic", "operator"]);
/// ```
pub fn normalised_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| normal_forms(w, &mut out));
    out
}

/// FNV-1a: words are short and trusted (they come from the crate's own tables), so
/// a simple fast hash beats `SipHash` in the lookup every word of every text does.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A phrase's normalised words and its value.
type Phrase<T> = (Vec<String>, T);

/// A set of phrases, each tagged with a value, matched longest-first on normalised
/// words.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSet<T> {
    /// First word → (phrase words, value), longest phrase first.
    by_first: HashMap<String, Vec<Phrase<T>>, BuildHasherDefault<Fnv>>,
}

/// One phrase found in a word sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found<T> {
    /// Index of the first word.
    pub start: usize,
    /// Number of words.
    pub len: usize,
    /// The phrase's value.
    pub value: T,
}

impl<T: Copy> PhraseSet<T> {
    pub(crate) fn new() -> Self {
        PhraseSet { by_first: HashMap::default() }
    }

    /// Adds a phrase (raw text, normalised here). Returns false if it normalises to
    /// nothing or is already present.
    pub(crate) fn insert(&mut self, phrase: &str, value: T) -> bool {
        self.insert_words(normalised_words(phrase), value)
    }

    /// Adds a phrase given as normalised words (see [`normalised_words`]). Returns
    /// false if it is empty or already present.
    pub(crate) fn insert_words(&mut self, ws: Vec<String>, value: T) -> bool {
        let Some(first) = ws.first().cloned() else {
            return false;
        };
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|(p, _)| *p == ws) {
            return false;
        }
        list.push((ws, value));
        list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        true
    }

    /// Every phrase with its value, in no particular order.
    pub(crate) fn phrases(&self) -> impl Iterator<Item = &Phrase<T>> {
        self.by_first.values().flatten()
    }

    /// Finds phrases left to right, longest match first, without overlaps.
    pub(crate) fn find(&self, ws: &[String]) -> Vec<Found<T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let hit = self.by_first.get(&ws[i]).and_then(|cands| {
                cands.iter().find(|(p, _)| ws.len() - i >= p.len() && ws[i..i + p.len()] == p[..])
            });
            match hit {
                Some((p, v)) => {
                    out.push(Found { start: i, len: p.len(), value: *v });
                    i += p.len();
                }
                None => i += 1,
            }
        }
        out
    }
}

impl<T: Copy> PhraseSet<T> {
    /// [`PhraseSet::find`], and also the phrases that coordination elides: in
    /// "express and postal consignments" the found phrase "postal consignments"
    /// lends its head to "express", so "express consignments" is found too (as the
    /// one word "express"), when that word is not already part of a phrase found.
    /// Sorted by start, without overlaps.
    pub(crate) fn find_coordinated(&self, ws: &[String]) -> Vec<Found<T>> {
        let mut out = self.find(ws);
        let mut extra = Vec::new();
        for (k, f) in out.iter().enumerate() {
            if f.len < 2 || f.start < 2 || !matches!(ws[f.start - 1].as_str(), "and" | "or") {
                continue;
            }
            let a = f.start - 2;
            if k > 0 && out[k - 1].start + out[k - 1].len > a {
                continue;
            }
            let Some(cands) = self.by_first.get(&ws[a]) else {
                continue;
            };
            let tail = &ws[f.start + 1..f.start + f.len];
            if let Some((_, v)) = cands.iter().find(|(p, _)| p.len() == f.len && p[1..] == *tail) {
                extra.push(Found { start: a, len: 1, value: *v });
            }
        }
        if !extra.is_empty() {
            out.extend(extra);
            out.sort_by_key(|f| f.start);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins_and_does_not_overlap() {
        let mut set = PhraseSet::new();
        set.insert("single window", 1);
        set.insert("trade single window", 2);
        set.insert("window", 3);
        let ws = normalised_words("the Trade Single Window and a window");
        let found: Vec<_> = set.find(&ws).into_iter().map(|f| f.value).collect();
        assert_eq!(found, [2, 3]);
    }

    #[test]
    fn coordination_lends_the_head_to_the_first_word() {
        let mut set = PhraseSet::new();
        set.insert("postal consignments", 1);
        set.insert("express consignments", 2);
        set.insert("chemical weapons", 3);
        set.insert("biological weapons", 4);
        let values = |text: &str| -> Vec<i32> {
            set.find_coordinated(&normalised_words(text)).into_iter().map(|f| f.value).collect()
        };
        assert_eq!(values("express and postal consignments"), [2, 1]);
        assert_eq!(values("postal and express consignments at hubs"), [1, 2]);
        assert_eq!(values("chemical or biological weapons"), [3, 4]);
        assert_eq!(values("training and postal consignments"), [1], "no phrase 'training consignments'");
        assert_eq!(values("postal consignments and express consignments"), [1, 2]);
    }
}
