//! Items the executive summary repeats from a section count once: the section's is
//! kept.
//!
//! Two texts are near-duplicates when nearly all content words of the shorter appear
//! in the longer (containment on normalised words, stopwords left out), so that
//! "has been trained" matches "have been trained" and a summary bullet that joins two
//! section bullets matches each. Candidates come from an inverted index over rare
//! words, so the work per item is bounded whatever the document's size.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::text::{fold_spelling, is_stopword, stem, words};
use crate::{Location, Section};

use super::state::{Origin, RawItem};

/// Share of the shorter text's content words the longer must contain; longer texts
/// are allowed a little more rewording (an acronym spelt out, a detail dropped).
const CONTAINMENT: f64 = 0.8;
const CONTAINMENT_LONG: f64 = 0.7;
/// Content words from which a text counts as long.
const LONG: usize = 7;
/// Posting lists longer than this are too common to find candidates with.
const MAX_POSTINGS: usize = 256;
/// Candidates checked exactly per item.
const MAX_CANDIDATES: usize = 16;

/// Words that say how something is wanted or offered, not what: two texts that differ
/// only in them say the same thing.
const WORDING: &[&str] = &[
    "welcome",
    "useful",
    "helpful",
    "beneficial",
    "valuable",
    "appreciate",
    "grateful",
    "like",
    "wish",
    "offer",
    "offers",
    "able",
    "ready",
    "willing",
    "happy",
    "pleased",
    "lack",
    "lacks",
    "require",
    "requires",
    "request",
    "seek",
    "seeks",
    "greatly",
    "most",
    "also",
];

/// Content words: not stopwords or wording, spelling folded, stemmed, sorted, unique.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !is_stopword(w) && !WORDING.contains(&w.as_str()))
        .map(|w| stem(&fold_spelling(&w)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two sorted word sets are near-duplicates.
pub(crate) fn near_duplicate(a: &[String], b: &[String]) -> bool {
    let small = a.len().min(b.len());
    if small == 0 {
        return false;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if small < 3 {
        return a == b;
    }
    let share = if small >= LONG { CONTAINMENT_LONG } else { CONTAINMENT };
    common as f64 >= share * small as f64
}

/// Adds item `i` to the inverted index and the exact-set map.
fn index<'a>(
    sets: &'a [Vec<String>],
    i: usize,
    postings: &mut HashMap<&'a str, Vec<usize>>,
    exact: &mut HashMap<&'a [String], usize>,
) {
    for w in &sets[i] {
        let list = postings.entry(w.as_str()).or_default();
        if list.len() <= MAX_POSTINGS {
            list.push(i);
        }
    }
    exact.entry(sets[i].as_slice()).or_insert(i);
}

/// Drops executive-summary items that repeat an item kept elsewhere, with a
/// diagnostic each. Order is kept.
pub(crate) fn drop_repeats(
    items: Vec<RawItem>,
    file: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RawItem> {
    if !items.iter().any(|it| it.origin == Origin::Summary) {
        return items;
    }
    let sets: Vec<Vec<String>> = items.iter().map(|it| content_words(&it.text)).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut exact: HashMap<&[String], usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.origin != Origin::Summary {
            index(&sets, i, &mut postings, &mut exact);
        }
    }
    let mut dropped = vec![false; items.len()];
    for (i, it) in items.iter().enumerate() {
        if it.origin != Origin::Summary {
            continue;
        }
        let set = &sets[i];
        let mut found = exact.get(set.as_slice()).copied().filter(|_| !set.is_empty());
        if found.is_none() {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            for w in set {
                if let Some(list) = postings.get(w.as_str())
                    && list.len() <= MAX_POSTINGS
                {
                    for &j in list {
                        *counts.entry(j).or_default() += 1;
                    }
                }
            }
            let mut cands: Vec<(usize, u32)> = counts.into_iter().filter(|(j, _)| *j != i).collect();
            cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            found = cands
                .into_iter()
                .take(MAX_CANDIDATES)
                .map(|(j, _)| j)
                .find(|&j| near_duplicate(set, &sets[j]));
        }
        match found {
            Some(j) => {
                dropped[i] = true;
                let kept = &items[j];
                let section =
                    kept.section.as_ref().map_or(String::new(), |s: &Section| format!(" ({})", s.label()));
                diagnostics.push(Diagnostic::new(
                    Severity::Info,
                    DiagnosticKind::Duplicate,
                    Location { file: file.map(str::to_string), line: Some(it.line) },
                    format!(
                        "executive summary {} repeats the {} at line {}{section}; counted once",
                        it.kind, kept.kind, kept.line
                    ),
                ));
            }
            // Later summary items are compared with this one too.
            None => index(&sets, i, &mut postings, &mut exact),
        }
    }
    items.into_iter().zip(dropped).filter(|(_, d)| !d).map(|(it, _)| it).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ItemKind;

    fn item(text: &str, origin: Origin, line: u32) -> RawItem {
        RawItem {
            kind: ItemKind::Offer,
            section: Some(Section::A2),
            text: text.into(),
            line,
            origin,
            unspecific: false,
        }
    }

    #[test]
    fn containment_on_normalised_words() {
        let a = content_words(
            "Staff of Marine Department of HKC has been trained to discharge obligations as the Designated Authority under the ISPS Code.",
        );
        let b = content_words(
            "Staff of Marine Department have been trained to discharge obligations as the Designated Authority under the ISPS Code.",
        );
        assert!(near_duplicate(&a, &b));
        let c = content_words("Workshops on Single Window system development");
        assert!(!near_duplicate(&a, &c));
        assert!(!near_duplicate(&content_words("AEO"), &content_words("AEO workshops")));
    }

    #[test]
    fn summary_repeats_are_dropped_section_items_kept() {
        let items = vec![
            item(
                "HKC will continue to learn from other economies on port security. HKC will train.",
                Origin::Summary,
                3,
            ),
            item("Workshops on AEO", Origin::Summary, 4),
            item("HKC will continue to learn from other economies on port security.", Origin::Section, 30),
        ];
        let mut d = Vec::new();
        let kept = drop_repeats(items, None, &mut d);
        assert_eq!(kept.iter().map(|i| i.line).collect::<Vec<_>>(), [4, 30]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "executive summary offer repeats the offer at line 30 (A.2); counted once");
    }
}
