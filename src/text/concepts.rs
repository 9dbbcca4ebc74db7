//! The concept graph of the field: concepts with labels, broader/narrower and
//! related links, and the CTAP sections they belong to (data in
//! `src/text/concepts/*.txt`, format in `src/text/concepts/README.md`).

mod parse;

use std::sync::OnceLock;

use super::phrase::{Found, PhraseSet};
use crate::{Location, Result, Section};

/// A concept's index in the [`ConceptGraph`].
pub type ConceptId = u32;

/// The concept files compiled into the crate, in reading order: the roots first,
/// then the other files by name.
pub const CONCEPT_FILES: &[(&str, &str)] = &[
    ("roots.txt", include_str!("concepts/roots.txt")),
    ("supply_chains.txt", include_str!("concepts/supply_chains.txt")),
    ("travel.txt", include_str!("concepts/travel.txt")),
    ("finance.txt", include_str!("concepts/finance.txt")),
    ("infrastructure.txt", include_str!("concepts/infrastructure.txt")),
    ("counter_terrorism.txt", include_str!("concepts/counter_terrorism.txt")),
    ("bodies.txt", include_str!("concepts/bodies.txt")),
    ("activities.txt", include_str!("concepts/activities.txt")),
];

/// How many steps along broader/narrower links earn relation credit.
pub const MAX_STEPS: u8 = 2;

/// The preferred label of the root whose concepts are kinds of assistance
/// (training, workshop, exercise…) rather than topics.
pub const ACTIVITY_ROOT: &str = "capacity-building activity";

/// One concept of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The preferred label, as shown in explanations ("container integrity").
    pub label: String,
    /// Alternative labels (acronyms, expansions, other phrasings), as written.
    pub alt: Vec<String>,
    /// Broader concepts (empty for a root).
    pub broader: Vec<ConceptId>,
    /// Narrower concepts.
    pub narrower: Vec<ConceptId>,
    /// Related concepts, neither broader nor narrower.
    pub related: Vec<ConceptId>,
    /// CTAP sections the concept belongs to, most typical first (inherited from its
    /// broader concepts when the data gives none).
    pub sections: Vec<Section>,
    /// Whether the concept is a root.
    pub root: bool,
    /// Where the concept is defined.
    pub at: Location,
}

/// What a label names: one concept, or one of several (an ambiguous label, an
/// index into the graph's ambiguous sets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    One(ConceptId),
    Ambiguous(u32),
}

/// How an offer's concept stands to a need's concept in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// The same concept.
    Same,
    /// The second concept is broader than the first, by this many steps
    /// (1 ..= [`MAX_STEPS`], never through a root).
    Broader(u8),
    /// The second concept is narrower than the first, by this many steps.
    Narrower(u8),
    /// The two share a broader concept that is not a root (this one).
    Sibling(ConceptId),
    /// One lists the other as related.
    Related,
    /// The two share a broader concept that is not a root (this one) within
    /// [`MAX_STEPS`] of each, but not as siblings: an uncle and a nephew, cousins.
    Cousin(ConceptId),
    /// None of the above.
    Unrelated,
}

impl Relation {
    /// The credit a match earns through this relation, in [0, 1]: 1 for the same
    /// concept, 0.6 one step broader or narrower, 0.35 two steps or siblings under a
    /// parent that is not a root, 0.25 related, 0.2 cousins, 0 otherwise.
    ///
    /// A concept one step broader or narrower is most often the same need in other
    /// words ("e-seal" for container integrity); two steps away or a sibling shares
    /// a field but not the task; a related concept is an association.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::text::Relation;
    ///
    /// assert_eq!(Relation::Same.credit(), 1.0);
    /// assert!(Relation::Broader(1).credit() > Relation::Sibling(0).credit());
    /// assert!(Relation::Sibling(0).credit() > Relation::Unrelated.credit());
    /// ```
    pub fn credit(self) -> f64 {
        match self {
            Relation::Same => 1.0,
            Relation::Broader(1) | Relation::Narrower(1) => 0.6,
            Relation::Broader(_) | Relation::Narrower(_) | Relation::Sibling(_) => 0.35,
            Relation::Related => 0.25,
            Relation::Cousin(_) => 0.2,
            Relation::Unrelated => 0.0,
        }
    }
}

/// The concept graph: concepts, the labels that name them, and their relations.
///
/// # Examples
///
/// ```
/// use capmatch::text::{ConceptGraph, normalised_words};
///
/// let g = ConceptGraph::global();
/// let a = g.concepts_in(&normalised_words("Authorised Economic Operator (AEO) programme"));
/// let b = g.concepts_in(&normalised_words("trusted trader programs"));
/// assert_eq!(g.concept(a[0]).label, "authorized economic operator");
/// assert_eq!(a, b);
/// ```
#[derive(Debug, Clone)]
pub struct ConceptGraph {
    concepts: Vec<Concept>,
    phrases: PhraseSet<Label>,
    ambiguous: Vec<Vec<ConceptId>>,
    /// Per concept: non-root ancestors within [`MAX_STEPS`], with their distance,
    /// sorted by id.
    near: Vec<Vec<(ConceptId, u8)>>,
    /// Per concept: every non-root ancestor, sorted (for context when resolving an
    /// ambiguous label).
    lineage: Vec<Vec<ConceptId>>,
    /// Per concept: a bit per root it descends from (roots numbered in file order).
    roots: Vec<u64>,
    /// Per concept: [`ConceptGraph::specificity`].
    specificity: Vec<f64>,
    /// Per concept `a`: every concept `b` it is not [`Relation::Unrelated`] to, with
    /// [`ConceptGraph::credit`]`(a, b)`, sorted by `b` (scoring looks credits up
    /// for every candidate pair).
    credits: Vec<Vec<(ConceptId, f64, Relation)>>,
    activity_root: Option<u64>,
}

impl ConceptGraph {
    /// The graph compiled into the crate ([`CONCEPT_FILES`]).
    ///
    /// # Panics
    ///
    /// Never in a released build: the compiled-in data is validated by this crate's
    /// tests, so a failure here is a bug in the crate, not in any input.
    pub fn global() -> &'static ConceptGraph {
        static GLOBAL: OnceLock<ConceptGraph> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            // The data is part of the crate and a unit test parses it: not input.
            ConceptGraph::parse(CONCEPT_FILES).expect("the compiled-in concept graph is valid")
        })
    }

    /// Reads concept files in the format of `src/text/concepts/README.md`, given as
    /// (file name, text) in reading order.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`](crate::Error::InvalidValue) naming the file and line
    /// of: an unknown key or section, an unknown broader or related concept, a
    /// concept without broader concept that is not a root, a cycle, a preferred
    /// label defined twice, or a label on two concepts that is not declared
    /// ambiguous on both.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::text::ConceptGraph;
    ///
    /// let err = ConceptGraph::parse(&[("c.txt", "concept: a\nroot: yes\n\nconcept: b\nbroader: z\n")]).unwrap_err();
    /// assert_eq!(err.to_string(), "c.txt:5: unknown broader concept \"z\"");
    /// ```
    pub fn parse(files: &[(&str, &str)]) -> Result<ConceptGraph> {
        parse::parse(files)
    }

    fn assemble(concepts: Vec<Concept>, phrases: PhraseSet<Label>, ambiguous: Vec<Vec<ConceptId>>) -> Self {
        let n = concepts.len();
        let root_ids: Vec<usize> = (0..n).filter(|&i| concepts[i].root).collect();
        let mut near = vec![Vec::new(); n];
        let mut lineage = vec![Vec::new(); n];
        let mut roots = vec![0u64; n];
        for i in 0..n {
            // Breadth-first up the broader links: distances are the shortest.
            let mut frontier = vec![i as ConceptId];
            let mut seen: Vec<ConceptId> = vec![i as ConceptId];
            let mut step = 0u8;
            while !frontier.is_empty() {
                step = step.saturating_add(1);
                let mut next = Vec::new();
                for &c in &frontier {
                    for &b in &concepts[c as usize].broader {
                        if seen.contains(&b) {
                            continue;
                        }
                        seen.push(b);
                        next.push(b);
                        let parent = &concepts[b as usize];
                        if parent.root {
                            if let Some(bit) = root_ids.iter().position(|&r| r == b as usize) {
                                roots[i] |= 1u64 << bit.min(63);
                            }
                        } else {
                            lineage[i].push(b);
                            if step <= MAX_STEPS {
                                near[i].push((b, step));
                            }
                        }
                    }
                }
                frontier = next;
            }
            if concepts[i].root
                && let Some(bit) = root_ids.iter().position(|&r| r == i)
            {
                roots[i] |= 1u64 << bit.min(63);
            }
            near[i].sort_unstable();
            lineage[i].sort_unstable();
        }
        let specificity = (0..n)
            .map(|i| {
                let mut seen = vec![false; n];
                let mut stack = concepts[i].narrower.clone();
                let mut count = 0usize;
                while let Some(c) = stack.pop() {
                    if !std::mem::replace(&mut seen[c as usize], true) {
                        count += 1;
                        stack.extend(concepts[c as usize].narrower.iter().copied());
                    }
                }
                1.0 / (1.0 + count as f64 / 4.0).sqrt()
            })
            .collect();
        let activity_root =
            root_ids.iter().position(|&r| concepts[r].label == ACTIVITY_ROOT).map(|bit| 1u64 << bit.min(63));
        let mut graph = ConceptGraph {
            concepts,
            phrases,
            ambiguous,
            near,
            lineage,
            roots,
            specificity,
            credits: Vec::new(),
            activity_root,
        };
        graph.credits = (0..n as ConceptId).map(|a| graph.credit_table(a)).collect();
        graph
    }

    /// Every concept `a` is related to, with its credit (see `credits`).
    fn credit_table(&self, a: ConceptId) -> Vec<(ConceptId, f64, Relation)> {
        let n = self.concepts.len();
        // Candidates: itself, its near ancestors, the near descendants of itself and of
        // each near ancestor (children, grandchildren, siblings, nephews, cousins), and
        // related concepts either way.
        let descendants = |x: ConceptId| {
            let mut out = Vec::new();
            let mut frontier = vec![x];
            for _ in 0..MAX_STEPS {
                let mut next = Vec::new();
                for c in frontier {
                    for &d in &self.concepts[c as usize].narrower {
                        out.push(d);
                        next.push(d);
                    }
                }
                frontier = next;
            }
            out
        };
        let mut candidates: Vec<ConceptId> = vec![a];
        candidates.extend(descendants(a));
        for &(x, _) in &self.near[a as usize] {
            candidates.push(x);
            candidates.extend(descendants(x));
        }
        candidates.extend(&self.concepts[a as usize].related);
        candidates.extend((0..n as ConceptId).filter(|&b| self.concepts[b as usize].related.contains(&a)));
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|b| {
                let (credit, relation) = self.compute_credit(a, b);
                (relation != Relation::Unrelated).then_some((b, credit, relation))
            })
            .collect()
    }

    /// The number of concepts.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether the graph has no concepts.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// A concept by id.
    ///
    /// # Panics
    ///
    /// If `id` is not an id this graph gave out.
    pub fn concept(&self, id: ConceptId) -> &Concept {
        &self.concepts[id as usize]
    }

    /// Every concept, in file order (a concept's id is its position).
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The id of the concept with this preferred label.
    pub fn id(&self, label: &str) -> Option<ConceptId> {
        self.concepts.iter().position(|c| c.label == label).map(|i| i as ConceptId)
    }

    /// Whether the concept is a kind of assistance (under [`ACTIVITY_ROOT`]) rather
    /// than a topic.
    pub fn is_activity(&self, id: ConceptId) -> bool {
        self.activity_root.is_some_and(|bit| self.roots[id as usize] & bit != 0)
    }

    /// The non-root ancestors of `id` within [`MAX_STEPS`], with their distance,
    /// sorted by id.
    pub fn near_ancestors(&self, id: ConceptId) -> &[(ConceptId, u8)] {
        &self.near[id as usize]
    }

    /// How specific a concept is, in (0, 1]: `1 / sqrt(1 + d / 4)` for a concept with
    /// `d` narrower concepts at any depth — 1 for a leaf, 0.53 with 10 below it, 0.22
    /// for AML/CFT with its 81.
    pub fn specificity(&self, id: ConceptId) -> f64 {
        self.specificity[id as usize]
    }

    /// The credit an offer's concept `b` earns for a need's concept `a`, in [0, 1],
    /// and the relation it comes from: [`Relation::credit`] times the
    /// [`specificity`](ConceptGraph::specificity) of the concept that is broader
    /// than the need's own — the offer's when it is broader, the shared ancestor of
    /// siblings and cousins. An offer that names only the broad field ("terrorist
    /// financing") says little about a specific need (targeted financial
    /// sanctions); an offer on a narrower part of a need (STR analysis for an
    /// AML/CFT need) meets that part. The same concept earns its specificity, but
    /// never less than a narrower one: sharing a broad concept is weak evidence,
    /// yet the most a need's concept can earn.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::text::{ConceptGraph, Relation};
    ///
    /// let g = ConceptGraph::parse(&[("c.txt", "concept: r\nroot: yes\n\nconcept: p\nbroader: r\n\n\
    ///     concept: a\nbroader: p\n\nconcept: b\nbroader: p\n")])?;
    /// let id = |l| g.id(l).unwrap();
    /// let (credit, relation) = g.credit(id("a"), id("p"));
    /// assert_eq!(relation, Relation::Broader(1));
    /// assert!(credit < relation.credit() && credit > 0.0);
    /// assert_eq!(g.credit(id("p"), id("a")).0, Relation::Narrower(1).credit());
    /// assert_eq!(g.credit(id("a"), id("a")).0, 1.0);
    /// assert!(g.credit(id("p"), id("p")).0 >= g.credit(id("p"), id("a")).0);
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn credit(&self, a: ConceptId, b: ConceptId) -> (f64, Relation) {
        let table = &self.credits[a as usize];
        match table.binary_search_by_key(&b, |e| e.0) {
            Ok(k) => (table[k].1, table[k].2),
            Err(_) => (0.0, Relation::Unrelated),
        }
    }

    /// Every concept that earns credit for concept `a`, with [`ConceptGraph::credit`],
    /// sorted by concept.
    pub(crate) fn credits_of(&self, a: ConceptId) -> &[(ConceptId, f64, Relation)] {
        &self.credits[a as usize]
    }

    fn compute_credit(&self, a: ConceptId, b: ConceptId) -> (f64, Relation) {
        let relation = self.relation(a, b);
        let link = match relation {
            Relation::Same => self.specificity(a).max(Relation::Narrower(1).credit()),
            Relation::Narrower(_) | Relation::Related => 1.0,
            Relation::Broader(_) => self.specificity(b),
            Relation::Sibling(parent) | Relation::Cousin(parent) => self.specificity(parent),
            Relation::Unrelated => 0.0,
        };
        (relation.credit() * link, relation)
    }

    /// How concept `b` stands to concept `a` (see [`Relation`]). Ties between
    /// several shared parents go to the lowest id.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::text::{ConceptGraph, Relation};
    ///
    /// let g = ConceptGraph::parse(&[("c.txt", "concept: r\nroot: yes\n\nconcept: p\nbroader: r\n\n\
    ///     concept: a\nbroader: p\n\nconcept: b\nbroader: p\n\nconcept: x\nbroader: r\n")])?;
    /// let id = |l| g.id(l).unwrap();
    /// assert_eq!(g.relation(id("a"), id("p")), Relation::Broader(1));
    /// assert_eq!(g.relation(id("p"), id("a")), Relation::Narrower(1));
    /// assert_eq!(g.relation(id("a"), id("b")), Relation::Sibling(id("p")));
    /// // Siblings under a root share nothing but the area.
    /// assert_eq!(g.relation(id("p"), id("x")), Relation::Unrelated);
    /// assert_eq!(g.relation(id("x"), id("a")), Relation::Unrelated);
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn relation(&self, a: ConceptId, b: ConceptId) -> Relation {
        if a == b {
            return Relation::Same;
        }
        let (na, nb) = (&self.near[a as usize], &self.near[b as usize]);
        if let Some(&(_, d)) = na.iter().find(|p| p.0 == b) {
            return Relation::Broader(d);
        }
        if let Some(&(_, d)) = nb.iter().find(|p| p.0 == a) {
            return Relation::Narrower(d);
        }
        let parents_a = &self.concepts[a as usize].broader;
        let shared = self.concepts[b as usize]
            .broader
            .iter()
            .filter(|p| parents_a.contains(p) && !self.concepts[**p as usize].root)
            .min();
        if let Some(&p) = shared {
            return Relation::Sibling(p);
        }
        if self.concepts[a as usize].related.contains(&b) || self.concepts[b as usize].related.contains(&a) {
            return Relation::Related;
        }
        // The nearest shared ancestor (fewest steps from both, then lowest id).
        let mut common: Option<(u8, ConceptId)> = None;
        for &(x, da) in na {
            if let Ok(k) = nb.binary_search_by_key(&x, |p| p.0) {
                let steps = da.max(nb[k].1);
                if common.is_none_or(|c| (steps, x) < c) {
                    common = Some((steps, x));
                }
            }
        }
        common.map_or(Relation::Unrelated, |(_, x)| Relation::Cousin(x))
    }

    /// The concepts named in normalised words, sorted and without duplicates.
    /// Ambiguous labels are resolved by the other concepts of the text.
    pub fn concepts_in(&self, words: &[String]) -> Vec<ConceptId> {
        self.concepts_in_section(words, None)
    }

    /// [`ConceptGraph::concepts_in`] for the text of an item in CTAP `section`, which
    /// helps resolve ambiguous labels (PSI in section A.5 is the Proliferation
    /// Security Initiative).
    pub fn concepts_in_section(&self, words: &[String], section: Option<&Section>) -> Vec<ConceptId> {
        let mut ids: Vec<_> = self.find(words, section).into_iter().map(|f| f.value).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The concept mentions in normalised words, left to right, longest label
    /// first; "express and postal consignments" names express consignments too. An ambiguous label becomes the candidate concept the text's other
    /// concepts (and its CTAP `section`, when known) support best, or nothing when
    /// no candidate has support or two have the same.
    pub(crate) fn find(&self, words: &[String], section: Option<&Section>) -> Vec<Found<ConceptId>> {
        let raw = self.phrases.find_coordinated(words);
        let context: Vec<ConceptId> = raw
            .iter()
            .filter_map(|f| match f.value {
                Label::One(c) => Some(c),
                Label::Ambiguous(_) => None,
            })
            .collect();
        raw.into_iter()
            .filter_map(|f| {
                let value = match f.value {
                    Label::One(c) => c,
                    Label::Ambiguous(set) => {
                        self.resolve(&self.ambiguous[set as usize], &context, section)?
                    }
                };
                Some(Found { start: f.start, len: f.len, value })
            })
            .collect()
    }

    /// The labels that name one concept each, as normalised words (see
    /// [`normalised_words`](super::normalised_words)), in no particular order.
    pub(crate) fn unambiguous_labels(&self) -> impl Iterator<Item = (&[String], ConceptId)> {
        self.phrases.phrases().filter_map(|(words, label)| match *label {
            Label::One(c) => Some((words.as_slice(), c)),
            Label::Ambiguous(_) => None,
        })
    }

    /// The candidate the context supports best, if exactly one does.
    fn resolve(
        &self,
        candidates: &[ConceptId],
        context: &[ConceptId],
        section: Option<&Section>,
    ) -> Option<ConceptId> {
        let mut best: Option<(f64, ConceptId)> = None;
        let mut tied = false;
        for &c in candidates {
            let mut support = 0.0;
            for &x in context {
                support += if self.relation(c, x) != Relation::Unrelated || self.share_lineage(c, x) {
                    1.0
                } else if self.roots[c as usize] & self.roots[x as usize] != 0 {
                    0.25
                } else {
                    0.0
                };
            }
            if section.is_some_and(|s| self.concepts[c as usize].sections.contains(s)) {
                support += 0.5;
            }
            match best {
                _ if support <= 0.0 => {}
                Some((b, _)) if support < b => {}
                Some((b, _)) if support == b => tied = true,
                _ => {
                    best = Some((support, c));
                    tied = false;
                }
            }
        }
        if tied { None } else { best.map(|b| b.1) }
    }

    fn share_lineage(&self, a: ConceptId, b: ConceptId) -> bool {
        let (la, lb) = (&self.lineage[a as usize], &self.lineage[b as usize]);
        la.iter().any(|x| lb.binary_search(x).is_ok())
            || la.binary_search(&b).is_ok()
            || lb.binary_search(&a).is_ok()
    }
}

#[cfg(test)]
mod tests;
