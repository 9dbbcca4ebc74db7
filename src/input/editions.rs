//! Duplicate editions: two submissions of one party and year (or two undated ones),
//! from two files or from one, are one edition, so that nothing is counted twice.
//!
//! The APEC document database publishes a plan as Word and as PDF; `capmatch parse`
//! turns a CTAP into corpus JSON that sits next to it; a folder of plans is easily
//! given twice. By default ([`OnDuplicate::Merge`]) the later submission is folded
//! into the first: each of its items that the first already has — the same kind and
//! section, and the same normalised words ([`normalised_words`]) or a
//! [near-identical](crate::text::near_identical) text — counts once, the others are
//! added, and the first input's ids are kept.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::model::Draft;
use crate::text::{Squeezed, near_identical_squeezed, normalised_words};
use crate::{Error, Item, ItemKind, Location, Party, Result, Section, Submission};

/// What [`load`](super::load) does with two submissions of one party and year (or
/// two undated ones of one party): one edition given twice.
///
/// # Examples
///
/// ```
/// use capmatch::input::{LoadOptions, OnDuplicate, load};
///
/// let options = LoadOptions { on_duplicate: OnDuplicate::First, ..LoadOptions::default() };
/// let loaded = load(&["examples/data/rok-2014.txt", "tests/data/ctap/rok-2014.txt"], &options)?;
/// assert_eq!(loaded.corpus.submissions.len(), 1);
/// assert_eq!("last".parse::<OnDuplicate>()?, OnDuplicate::Last);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OnDuplicate {
    /// Keep the union of their items: an item of the later one that the first has
    /// already (same kind and section, same or near-identical normalised text)
    /// counts once; the others are added with ids of the first. The default.
    #[default]
    Merge,
    /// Keep the first submission and ignore the later ones.
    First,
    /// Keep the last submission and ignore the earlier ones.
    Last,
    /// Stop with [`Error::DuplicateEdition`].
    Error,
}

impl std::str::FromStr for OnDuplicate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "merge" => Ok(OnDuplicate::Merge),
            "first" => Ok(OnDuplicate::First),
            "last" => Ok(OnDuplicate::Last),
            "error" => Ok(OnDuplicate::Error),
            _ => {
                Err(Error::config("on_duplicate", format!("expected merge, first, last or error, got {s:?}")))
            }
        }
    }
}

/// One submission read, with the input it came from.
pub(crate) struct Edition {
    pub(crate) draft: Draft,
    /// The input (an index into the inputs).
    pub(crate) input: usize,
    /// Its index among the submissions of that input.
    pub(crate) index: usize,
}

/// Posting lists longer than this are too common to find candidates with.
const MAX_POSTINGS: usize = 256;
/// Candidates checked exactly per item.
const MAX_CANDIDATES: usize = 16;

/// Applies `policy` to the editions, in input order; `names` are the inputs' names
/// and each warning goes to `diagnostics` of the input it is about.
pub(crate) fn resolve(
    editions: Vec<Edition>,
    names: &[String],
    policy: OnDuplicate,
    diagnostics: &mut [Vec<Diagnostic>],
) -> Result<Vec<Edition>> {
    let mut out: Vec<Edition> = Vec::with_capacity(editions.len());
    let mut mergers: Vec<Option<Merger>> = Vec::with_capacity(editions.len());
    let mut seen: HashMap<(Party, Option<u16>), usize> = HashMap::new();
    for e in editions {
        let key = (e.draft.submission.economy.clone(), e.draft.submission.year);
        let Some(&k) = seen.get(&key) else {
            seen.insert(key, out.len());
            out.push(e);
            mergers.push(None);
            continue;
        };
        let kept = &mut out[k];
        let edition = edition_label(&e.draft.submission);
        // How a message about the later one starts and names the first, and the reverse.
        let (later_path, first_label) = labels(&e, kept, names);
        let (first_path, later_label) = labels(kept, &e, names);
        let warn = |input: usize, path: &str, other: &str, what: &str| {
            Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::Duplicate,
                Location::file(&names[input]),
                format!("{path}{edition} is also in {other}: one edition; {what}"),
            )
        };
        match policy {
            OnDuplicate::Error => {
                return Err(Error::DuplicateEdition {
                    at: Location::file(&names[e.input]),
                    path: later_path.trim_end_matches(": ").to_string(),
                    edition,
                    first: first_label,
                });
            }
            OnDuplicate::First => {
                let what = "the first is kept, this one ignored (--on-duplicate first)";
                diagnostics[e.input].push(warn(e.input, &later_path, &first_label, what));
            }
            OnDuplicate::Last => {
                let what = "the last is kept, this one ignored (--on-duplicate last)";
                diagnostics[kept.input].push(warn(kept.input, &first_path, &later_label, what));
                *kept = e;
                mergers[k] = None;
            }
            OnDuplicate::Merge => {
                let merger = mergers[k].get_or_insert_with(|| Merger::new(&kept.draft));
                let input = e.input;
                let (folded, added) = merger.fold(&mut kept.draft, e.draft);
                let items = if folded == 1 { "item" } else { "items" };
                let what = format!("{folded} {items} already there counted once, {added} added");
                diagnostics[input].push(warn(input, &later_path, &first_label, &what));
            }
        }
    }
    Ok(out)
}

/// `ROK 2014`, `ROK, undated`.
fn edition_label(s: &Submission) -> String {
    match s.year {
        Some(y) => format!("{} {y}", s.economy),
        None => format!("{}, undated", s.economy),
    }
}

/// How a message about `who` starts (its JSON path when both are in one file) and
/// how it names `other` (its file, or its JSON path in the same file).
fn labels(who: &Edition, other: &Edition, names: &[String]) -> (String, String) {
    if who.input == other.input {
        (format!("submissions[{}]: ", who.index), format!("submissions[{}]", other.index))
    } else {
        (String::new(), names[other.input].clone())
    }
}

/// What a kept edition already has, to fold later editions into it.
///
/// A copy of an item is found by its text as written (hashed, no normalisation: a
/// corpus given twice costs a hash per item); anything else by its normalised
/// words, then by near-identity. The normalised keys and the near-duplicate pools
/// are built only when an item is not found as written.
struct Merger {
    /// Hash of kind, section and text → the kept items (kind, index) with that hash.
    written: HashMap<u64, Vec<(ItemKind, usize)>>,
    /// The exact keys ([`exact_key`]) of the items kept or folded, by kind and
    /// section; built when first needed.
    exact: Option<HashSet<(ItemKind, Option<Section>, String)>>,
    /// Near-duplicate candidates by kind and section, built when first needed.
    pools: HashMap<(ItemKind, Option<Section>), Pool>,
}

fn written_hash(kind: ItemKind, item: &Item) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (kind, &item.section, item.text.as_str()).hash(&mut h);
    h.finish()
}

/// The kept items of one kind and section, squeezed, with an inverted index over
/// their normalised words.
#[derive(Default)]
struct Pool {
    squeezed: Vec<Squeezed>,
    postings: HashMap<String, Vec<u32>>,
}

impl Pool {
    fn new<'a>(items: impl Iterator<Item = &'a Item>) -> Pool {
        let mut pool = Pool::default();
        for item in items {
            pool.add(&normalised_words(&item.text), Squeezed::new(&item.text));
        }
        pool
    }

    fn add(&mut self, words: &[String], squeezed: Squeezed) {
        let i = u32::try_from(self.squeezed.len()).unwrap_or(u32::MAX);
        self.squeezed.push(squeezed);
        let unique: HashSet<&String> = words.iter().collect();
        for w in unique {
            let list = self.postings.entry(w.clone()).or_default();
            if list.len() <= MAX_POSTINGS {
                list.push(i);
            }
        }
    }

    /// Whether a kept item is near-identical to this one: the kept items that share
    /// the most words with it are checked.
    fn has_near(&self, words: &[String], squeezed: &Squeezed) -> bool {
        let unique: HashSet<&String> = words.iter().collect();
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for w in unique {
            if let Some(list) = self.postings.get(w)
                && list.len() <= MAX_POSTINGS
            {
                for &j in list {
                    *counts.entry(j).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u32)> = counts.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates
            .into_iter()
            .take(MAX_CANDIDATES)
            .any(|(j, _)| near_identical_squeezed(squeezed, &self.squeezed[j as usize]))
    }
}

/// The normalised words of a text (its words, when it has any) and the key they
/// make: texts with equal keys are the same.
fn exact_key(text: &str) -> (Vec<String>, String) {
    let words = normalised_words(text);
    let key = if words.is_empty() { format!("\0{}", text.trim()) } else { words.join(" ") };
    (words, key)
}

fn kind_index(kind: ItemKind) -> usize {
    match kind {
        ItemKind::Need => 0,
        ItemKind::Offer => 1,
    }
}

impl Merger {
    fn new(kept: &Draft) -> Merger {
        let mut written: HashMap<u64, Vec<(ItemKind, usize)>> = HashMap::new();
        for kind in [ItemKind::Need, ItemKind::Offer] {
            for (i, item) in kept.submission.items(kind).iter().enumerate() {
                written.entry(written_hash(kind, item)).or_default().push((kind, i));
            }
        }
        Merger { written, exact: None, pools: HashMap::new() }
    }

    /// Whether `kept` has an item of `kind` with the same section and text.
    fn has_written(&self, kept: &Draft, kind: ItemKind, item: &Item) -> bool {
        self.written.get(&written_hash(kind, item)).is_some_and(|hits| {
            hits.iter().any(|&(k, i)| {
                let other = &kept.submission.items(k)[i];
                k == kind && other.section == item.section && other.text == item.text
            })
        })
    }

    /// Folds `later` into `kept`: returns how many of its items were already there
    /// and how many were added.
    fn fold(&mut self, kept: &mut Draft, later: Draft) -> (usize, usize) {
        let (mut folded, mut added) = (0, 0);
        let Draft { submission: later, inferred: [later_needs, later_offers], .. } = later;
        let Submission { needs, offers, contacts, .. } = later;
        for (kind, items, inferred) in
            [(ItemKind::Need, needs, later_needs), (ItemKind::Offer, offers, later_offers)]
        {
            let k = kind_index(kind);
            for (item, inferred) in items.into_iter().zip(inferred) {
                if self.has_written(kept, kind, &item) {
                    folded += 1;
                    continue;
                }
                let (words, key) = exact_key(&item.text);
                let exact = self.exact.get_or_insert_with(|| {
                    let mut exact = HashSet::new();
                    for kind in [ItemKind::Need, ItemKind::Offer] {
                        for item in kept.submission.items(kind) {
                            exact.insert((kind, item.section.clone(), exact_key(&item.text).1));
                        }
                    }
                    exact
                });
                // A later copy of this item finds it by its exact key.
                if !exact.insert((kind, item.section.clone(), key)) {
                    folded += 1;
                    continue;
                }
                let squeezed = Squeezed::new(&item.text);
                let section = item.section.clone();
                let pool = self.pools.entry((kind, section.clone())).or_insert_with(|| {
                    Pool::new(kept.submission.items(kind).iter().filter(|i| i.section == section))
                });
                if pool.has_near(&words, &squeezed) {
                    folded += 1;
                    continue;
                }
                pool.add(&words, squeezed);
                let items = match kind {
                    ItemKind::Need => &mut kept.submission.needs,
                    ItemKind::Offer => &mut kept.submission.offers,
                };
                self.written.entry(written_hash(kind, &item)).or_default().push((kind, items.len()));
                items.push(item);
                // Added items take ids derived in the kept edition's numbering.
                kept.explicit[k].push(false);
                kept.inferred[k].push(inferred);
                added += 1;
            }
        }
        for contact in contacts {
            if !kept.submission.contacts.contains(&contact) {
                kept.submission.contacts.push(contact);
            }
        }
        (folded, added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(text: &str, section: Section) -> Item {
        Item::new("x", text).unwrap().with_section(section)
    }

    fn edition(input: usize, needs: Vec<Item>) -> Edition {
        let mut s = Submission::new(crate::Economy::Rok, Some(2014));
        s.needs = needs;
        Edition { draft: Draft::derived(s), input, index: 0 }
    }

    fn texts(e: &Edition) -> Vec<&str> {
        e.draft.submission.needs.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn merge_folds_what_is_there_and_adds_the_rest() {
        let names = ["a.docx.txt".to_string(), "a.pdf.txt".to_string()];
        let first = edition(
            0,
            vec![
                need("Training on cyber crime investigation would be useful.", Section::C),
                need("Workshops on risk management for customs officials.", Section::A1),
            ],
        );
        let later = edition(
            1,
            vec![
                // Rewrapped and hyphenated: the same.
                need("Training on cyber crime investi-\ngation would be\nuseful.", Section::C),
                // A footer inside: the same.
                need(
                    "Workshops on risk management for APEC CTAP 2014 - Korea customs officials.",
                    Section::A1,
                ),
                // One word replaced: another need.
                need("Workshops on risk management for immigration officials.", Section::A1),
                // Same text, other section: another need.
                need("Training on cyber crime investigation would be useful.", Section::B),
            ],
        );
        let mut d = vec![Vec::new(), Vec::new()];
        let out = resolve(vec![first, later], &names, OnDuplicate::Merge, &mut d).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(
            texts(&out[0]),
            [
                "Training on cyber crime investigation would be useful.",
                "Workshops on risk management for customs officials.",
                "Workshops on risk management for immigration officials.",
                "Training on cyber crime investigation would be useful.",
            ]
        );
        assert!(d[0].is_empty());
        assert_eq!(
            d[1].iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "warning: a.pdf.txt: ROK 2014 is also in a.docx.txt: one edition; 2 items already there counted once, 2 added"
            ]
        );
    }

    #[test]
    fn first_last_and_error() {
        let names = ["c.json".to_string()];
        let mk = || {
            let a = edition(0, vec![need("Port security drills", Section::A2)]);
            let mut b = edition(0, vec![need("Cargo screening", Section::A1)]);
            b.index = 3;
            vec![a, b]
        };
        let mut d = vec![Vec::new()];
        let out = resolve(mk(), &names, OnDuplicate::First, &mut d).unwrap();
        assert_eq!(texts(&out[0]), ["Port security drills"]);
        assert_eq!(
            d[0][0].to_string(),
            "warning: c.json: submissions[3]: ROK 2014 is also in submissions[0]: one edition; the first is kept, \
             this one ignored (--on-duplicate first)"
        );
        let mut d = vec![Vec::new()];
        let out = resolve(mk(), &names, OnDuplicate::Last, &mut d).unwrap();
        assert_eq!(texts(&out[0]), ["Cargo screening"]);
        assert_eq!(
            d[0][0].to_string(),
            "warning: c.json: submissions[0]: ROK 2014 is also in submissions[3]: one edition; the last is kept, \
             this one ignored (--on-duplicate last)"
        );
        let err = resolve(mk(), &names, OnDuplicate::Error, &mut [Vec::new()]).err().unwrap();
        assert_eq!(
            err.to_string(),
            "c.json: submissions[3]: ROK 2014 is also in submissions[0]: one edition given twice (read it once, \
             or use --on-duplicate merge, first or last)"
        );
    }

    #[test]
    fn other_years_and_parties_are_other_editions() {
        let names = ["a".to_string()];
        let mut other_year = edition(0, vec![need("Port security drills", Section::A2)]);
        other_year.draft.submission.year = Some(2015);
        let mut undated = edition(0, vec![need("Port security drills", Section::A2)]);
        undated.draft.submission.year = None;
        let editions = vec![edition(0, vec![need("Port security drills", Section::A2)]), other_year, undated];
        let out = resolve(editions, &names, OnDuplicate::Error, &mut [Vec::new()]).unwrap();
        assert_eq!(out.len(), 3);
    }
}
