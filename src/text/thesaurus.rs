//! The domain thesaurus: acronyms and synonyms mapped to concepts.

use std::sync::OnceLock;

use super::phrase::{Found, PhraseSet};
use crate::Section;

/// The thesaurus source, compiled into the crate (see `src/text/thesaurus.txt`).
pub const THESAURUS_SOURCE: &str = include_str!("thesaurus.txt");

/// A concept's index in the [`Thesaurus`].
pub type ConceptId = u32;

/// One concept: its label and the sections it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// How the concept is shown ("authorized economic operator").
    pub label: String,
    /// CTAP sections the concept belongs to, most typical first.
    pub sections: Vec<Section>,
}

/// The domain thesaurus: concepts and the phrases that name them.
///
/// # Examples
///
/// ```
/// use capmatch::text::{Thesaurus, normalised_words};
///
/// let t = Thesaurus::global();
/// let a = t.concepts_in(&normalised_words("Authorised Economic Operator (AEO) programme"));
/// let b = t.concepts_in(&normalised_words("trusted trader programs"));
/// assert_eq!(t.concept(a[0]).label, "authorized economic operator");
/// assert_eq!(a, b);
/// ```
#[derive(Debug, Clone)]
pub struct Thesaurus {
    concepts: Vec<Concept>,
    phrases: PhraseSet<ConceptId>,
}

impl Thesaurus {
    /// The thesaurus compiled into the crate.
    pub fn global() -> &'static Thesaurus {
        static GLOBAL: OnceLock<Thesaurus> = OnceLock::new();
        GLOBAL.get_or_init(|| Thesaurus::parse(THESAURUS_SOURCE))
    }

    /// Reads thesaurus text in the `label | sections | form; form` format. Lines that
    /// do not fit are skipped; a phrase already claimed by an earlier concept stays
    /// with that concept.
    pub fn parse(source: &str) -> Thesaurus {
        let mut concepts = Vec::new();
        let mut phrases = PhraseSet::new();
        for line in source.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('|').map(str::trim);
            let (Some(label), Some(sections), Some(forms)) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let id = concepts.len() as ConceptId;
            let sections =
                sections.split_whitespace().filter(|s| *s != "-").map(Section::from_label).collect();
            concepts.push(Concept { label: label.to_string(), sections });
            phrases.insert(label, id);
            for form in forms.split(';').map(str::trim).filter(|f| !f.is_empty()) {
                phrases.insert(form, id);
            }
        }
        Thesaurus { concepts, phrases }
    }

    /// The number of concepts.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether there are no concepts.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// A concept by id.
    ///
    /// # Panics
    ///
    /// If `id` is not an id this thesaurus gave out.
    pub fn concept(&self, id: ConceptId) -> &Concept {
        &self.concepts[id as usize]
    }

    /// The concepts named in normalised words, sorted and without duplicates.
    pub fn concepts_in(&self, words: &[String]) -> Vec<ConceptId> {
        let mut ids: Vec<_> = self.phrases.find(words).into_iter().map(|f| f.value).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The phrase matches in normalised words, left to right.
    pub(crate) fn find(&self, words: &[String]) -> Vec<Found<ConceptId>> {
        self.phrases.find(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalised_words;

    fn concept_of(text: &str) -> Vec<String> {
        let t = Thesaurus::global();
        t.concepts_in(&normalised_words(text)).into_iter().map(|c| t.concept(c).label.clone()).collect()
    }

    #[test]
    fn every_line_parses() {
        let lines = THESAURUS_SOURCE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .count();
        assert_eq!(Thesaurus::global().len(), lines);
    }

    #[test]
    fn no_form_is_claimed_by_two_concepts() {
        let mut seen = PhraseSet::new();
        for line in THESAURUS_SOURCE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut f = line.split('|').map(str::trim);
            let (label, _, forms) = (f.next().unwrap(), f.next(), f.next().unwrap());
            for form in std::iter::once(label).chain(forms.split(';').map(str::trim)) {
                if let Some(other) = seen.contains(form) {
                    assert_eq!(other, label, "form {form:?} is in {other:?} and {label:?}");
                }
                seen.insert(form, label);
            }
        }
    }

    #[test]
    fn acronyms_and_expansions_meet() {
        for (a, b) in [
            ("AML/CFT", "anti-money laundering"),
            ("countering the financing of terrorism", "CFT"),
            ("API/PNR", "advance passenger information and passenger name record"),
            ("FIU", "financial intelligence unit"),
            ("ISPS Code", "International Ship and Port Facility Security Code"),
            ("CSIRT", "computer emergency response team"),
            ("cybercrime", "cyber crime"),
            ("e-passport", "MRTD"),
            ("MANPADS", "man-portable air defence systems"),
            ("NPO misuse", "non-profit organisations"),
            ("Authorised Economic Operators", "AEO"),
            ("food defence", "food defense"),
        ] {
            let (x, y) = (concept_of(a), concept_of(b));
            assert!(!x.is_empty(), "{a} names no concept");
            assert!(x.iter().any(|c| y.contains(c)), "{a} {x:?} vs {b} {y:?}");
        }
    }
}
