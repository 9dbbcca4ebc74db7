//! Tokenising items: words, concepts of the graph and adjacent-term pairs as term
//! keys with counts, and the pillars and activities each item speaks to.

use std::collections::HashMap;

use super::measures::pillar_bits;
use super::vocab::{GENERIC_WORDS, KeyMap, NO_CONCEPT, TermKind, concept_key, pair_key, word_key};
use crate::model::ItemRef;
use crate::text::{self, ConceptGraph, ConceptId};

/// What interning needs to know of a term key: its kind, its text, and for a
/// concept its id in the [`ConceptGraph`].
#[derive(Debug, Clone)]
pub(super) struct TermInfo {
    pub kind: TermKind,
    pub text: Box<str>,
    pub concept: ConceptId,
}

/// One item's tokens before interning: term keys with their counts.
pub(super) struct RawTokens {
    pub keys: Vec<(u64, u32)>,
    pub pillars: u16,
    pub activities: u16,
}

/// Normalised words of a text with, for each, whether it is a stopword.
fn analysed_words(text: &str) -> (Vec<String>, Vec<bool>) {
    // About one word in every six bytes of English prose.
    let mut stems = Vec::with_capacity(text.len() / 6 + 1);
    let mut stop = Vec::with_capacity(text.len() / 6 + 1);
    text::for_each_word(text, |w| {
        let is_stop = text::is_stopword(w);
        text::normal_forms(w, &mut stems);
        stop.resize(stems.len(), is_stop);
    });
    (stems, stop)
}

/// Whether a normalised word carries topic: not a stopword, two letters or more,
/// not a bare number.
fn is_content(stem: &str, stop: bool) -> bool {
    !stop && stem.len() >= 2 && !stem.bytes().all(|b| b.is_ascii_digit())
}

/// Tokenises one item: word and concept keys with counts, pillars and activities.
/// The text of every key not yet in `texts` is added to it.
///
/// Phrases that name a kind of assistance (the concept graph's activities:
/// "workshops", "training courses", "best practices") are left out of the topic:
/// the activity component weighs them, and in the topic they would make any two
/// workshops look alike. Words the whole field uses ([`GENERIC_WORDS`]) weigh
/// less.
pub(super) fn tokenize_item(r: &ItemRef<'_>, texts: &mut KeyMap<TermInfo>) -> RawTokens {
    let graph = ConceptGraph::global();
    let (stems, stop) = analysed_words(&r.item.text);
    let found = graph.find(&stems, r.item.section.as_ref());
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(stems.len() * 2);
    // The item's content tokens in order: a concept where a phrase names one, else
    // the content words; stopwords and numbers drop out.
    let mut sequence: Vec<u64> = Vec::with_capacity(stems.len());
    let mut phrases = found.iter().peekable();
    let mut i = 0;
    while i < stems.len() {
        if let Some(f) = phrases.next_if(|f| f.start == i) {
            if graph.is_activity(f.value) {
                i += f.len;
                continue;
            }
            let label = &graph.concept(f.value).label;
            let k = concept_key(label);
            sequence.push(k);
            texts.entry(k).or_insert_with(|| TermInfo {
                kind: TermKind::Concept,
                text: label.as_str().into(),
                concept: f.value,
            });
            i += f.len;
            continue;
        }
        let s = &stems[i];
        if is_content(s, stop[i]) {
            let k = word_key(s);
            sequence.push(k);
            texts.entry(k).or_insert_with(|| TermInfo {
                kind: if GENERIC_WORDS.binary_search(&s.as_str()).is_ok() {
                    TermKind::Generic
                } else {
                    TermKind::Word
                },
                text: s.as_str().into(),
                concept: NO_CONCEPT,
            });
        }
        i += 1;
    }
    keys.extend(sequence.iter().map(|k| (*k, 1)));
    for w in sequence.windows(2) {
        if w[0] != w[1] {
            let k = pair_key(w[0], w[1]);
            keys.push((k, 1));
            texts.entry(k).or_insert(TermInfo {
                kind: TermKind::Pair,
                text: Box::default(),
                concept: NO_CONCEPT,
            });
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
/// occurrence wins), normalising its words only until all of them are found.
pub(super) fn surface_forms(text: &str, wanted: &[u64]) -> HashMap<u64, String> {
    let mut out = HashMap::with_capacity(wanted.len());
    if wanted.is_empty() {
        return out;
    }
    text::for_each_word(text, |w| {
        if out.len() == wanted.len() {
            return;
        }
        text::for_each_normal_form(w, |f| {
            let key = word_key(f);
            if wanted.binary_search(&key).is_ok() && !out.contains_key(&key) {
                out.insert(key, w.to_string());
            }
        });
    });
    out
}
