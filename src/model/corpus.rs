//! The corpus: all submissions, read from and written to the corpus JSON format.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::BuildHasherDefault;

use serde::Serialize;

mod json;

pub(crate) use json::{JsonCorpus, id_line};

use super::{Item, ItemId, ItemKind, Party, Submission};
use crate::diagnostic::Diagnostic;
use crate::{Error, Location, Result, text};

/// How many recipients an offer can serve when it does not say.
///
/// A workshop or a training programme typically takes participants from a few
/// economies at once; 3 is what the secretariat assumes when planning.
pub const DEFAULT_CAPACITY: u32 = 3;

/// The earliest year accepted (APEC was founded in 1989).
pub const MIN_YEAR: u16 = 1989;
/// The latest year accepted.
pub const MAX_YEAR: u16 = 2100;

/// All submissions: the input to matching and reports.
///
/// Serialises to the corpus JSON format of `DESIGN.md`:
///
/// ```json
/// { "submissions": [ { "economy": "ROK", "year": 2014, "needs": [], "offers": [] } ] }
/// ```
///
/// # Examples
///
/// ```
/// use capmatch::Corpus;
///
/// let corpus = Corpus::from_json_str(r#"{ "submissions": [
///   { "economy": "Korea", "year": 2014,
///     "offers": [ { "section": "A.1", "text": "Single Window workshops for customs officials" } ] },
///   { "economy": "Hong Kong, China",
///     "needs": [ { "id": "hkc-sw", "text": "Workshops on Single Window system development" } ] } ] }"#,
///   None)?;
/// assert_eq!(corpus.submissions[0].economy.to_string(), "ROK");
/// assert_eq!(corpus.submissions[0].offers[0].id.as_str(), "rok-2014-o1");
/// // A missing section is inferred from the text.
/// assert_eq!(corpus.submissions[1].needs[0].section.as_ref().map(|s| s.label()), Some("A.1"));
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Corpus {
    /// The submissions, in input order.
    pub submissions: Vec<Submission>,
}

/// A need or offer together with the submission it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    /// The submission (economy, year, source).
    pub submission: &'a Submission,
    /// The item.
    pub item: &'a Item,
    /// Need or offer.
    pub kind: ItemKind,
}

impl ItemRef<'_> {
    /// Where the item was read from, for messages.
    pub fn location(&self) -> Location {
        Location { file: self.submission.source.clone(), line: self.item.line }
    }
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// A corpus of these submissions, checking that ids are unique.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] when two items share an id.
    pub fn from_submissions(submissions: Vec<Submission>) -> Result<Corpus> {
        let corpus = Corpus { submissions };
        corpus.check_unique_ids(None, None)?;
        Ok(corpus)
    }

    /// Reads corpus JSON, discarding diagnostics. See [`Corpus::from_json_slice`].
    pub fn from_json_str(json: &str, file: Option<&str>) -> Result<Corpus> {
        Corpus::from_json_slice(json.as_bytes(), file).map(|(corpus, _)| corpus)
    }

    /// Reads corpus JSON: checks its shape, derives missing ids, infers missing
    /// sections, tags pillars and activities where the input has none, and checks
    /// that ids are unique.
    ///
    /// Derived ids never repeat an id written in the JSON: a submission whose derived
    /// ids would takes the next numbered prefix (`rok-2014-2-n1`). Unknown fields are
    /// ignored with a warning naming their JSON path; inferred sections get an info
    /// diagnostic.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] for malformed JSON or a wrong shape (with line and JSON path),
    /// [`Error::UnknownParty`] for an unknown economy, [`Error::InvalidValue`] for a
    /// bad id, year, capacity or empty text, [`Error::DuplicateId`] for a repeated id.
    pub fn from_json_slice(json: &[u8], file: Option<&str>) -> Result<(Corpus, Vec<Diagnostic>)> {
        let read = JsonCorpus::read(json, file)?;
        // When every id is explicit nothing is derived, and the ids need not be copied.
        let explicit: Vec<String> = if read.derives_ids() {
            read.explicit_ids().map(|id| id.as_str().to_string()).collect()
        } else {
            Vec::new()
        };
        let mut ids = IdSpace::new(explicit);
        let (submissions, diagnostics) = read.finish(&mut ids);
        let corpus = Corpus { submissions };
        corpus.check_unique_ids(Some(json), file)?;
        Ok((corpus, diagnostics))
    }

    /// Appends the submissions of `other`, checking that ids stay unique.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] when an id of `other` is already used.
    pub fn merge(&mut self, other: Corpus) -> Result<()> {
        self.submissions.extend(other.submissions);
        self.check_unique_ids(None, None)
    }

    /// All needs, in submission order.
    pub fn needs(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.items(ItemKind::Need)
    }

    /// All offers, in submission order.
    pub fn offers(&self) -> impl Iterator<Item = ItemRef<'_>> {
        self.items(ItemKind::Offer)
    }

    /// All items of one kind, in submission order.
    pub fn items(&self, kind: ItemKind) -> impl Iterator<Item = ItemRef<'_>> {
        self.submissions
            .iter()
            .flat_map(move |s| s.items(kind).iter().map(move |item| ItemRef { submission: s, item, kind }))
    }

    /// The number of needs.
    pub fn need_count(&self) -> usize {
        self.submissions.iter().map(|s| s.needs.len()).sum()
    }

    /// The number of offers.
    pub fn offer_count(&self) -> usize {
        self.submissions.iter().map(|s| s.offers.len()).sum()
    }

    /// The parties that submitted, sorted.
    pub fn parties(&self) -> BTreeSet<&Party> {
        self.submissions.iter().map(|s| &s.economy).collect()
    }

    /// The years covered, sorted.
    pub fn years(&self) -> BTreeSet<u16> {
        self.submissions.iter().filter_map(|s| s.year).collect()
    }

    /// The corpus as pretty-printed JSON, ending in a newline.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data into a String cannot fail: no maps with non-string keys.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Checks that ids are unique. With `json`, the corpus was read from that JSON
    /// text (named `file`): a repeated id is then an explicit one (derived ids avoid
    /// explicit ones), and both uses are pointed at where they are written.
    fn check_unique_ids(&self, json: Option<&[u8]>, file: Option<&str>) -> Result<()> {
        // Where an item is written: only worked out for the error.
        let location = |r: &ItemRef<'_>, nth: usize| match json {
            Some(json) => {
                Location { file: file.map(str::to_string), line: id_line(json, r.item.id.as_str(), nth) }
            }
            None => r.location(),
        };
        // Ids are short and a million of them are hashed: FNV, with room for all.
        let mut seen: HashMap<&str, ItemRef<'_>, BuildHasherDefault<text::Fnv>> =
            HashMap::with_capacity_and_hasher(
                self.need_count() + self.offer_count(),
                BuildHasherDefault::default(),
            );
        for kind in [ItemKind::Need, ItemKind::Offer] {
            for r in self.items(kind) {
                let id = r.item.id.as_str();
                if let Some(first) = seen.insert(id, r) {
                    // The first repeat: the second place the id is written.
                    return Err(Error::DuplicateId {
                        at: location(&r, 2),
                        id: id.to_string(),
                        first: location(&first, 1),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Ids taken while reading inputs: the id prefixes of the submissions so far, and
/// every id written explicitly in any input.
///
/// Derived ids must never collide with explicit ones, nor with each other, wherever
/// they come from: a submission's prefix is the first of `base`, `base-2`, `base-3`,
/// … that no other submission has and that derives no id written explicitly.
#[derive(Debug, Default)]
pub(crate) struct IdSpace {
    prefixes: HashSet<String>,
    explicit: HashSet<String>,
}

impl IdSpace {
    /// An id space in which `explicit` ids are taken.
    pub(crate) fn new(explicit: impl IntoIterator<Item = String>) -> IdSpace {
        IdSpace { prefixes: HashSet::new(), explicit: explicit.into_iter().collect() }
    }

    /// Takes the prefix for a submission whose `needs` and `offers` (0-based
    /// indices) get derived ids.
    pub(crate) fn prefix(&mut self, base: &str, needs: &[usize], offers: &[usize]) -> String {
        let derives_explicit = |prefix: &str| {
            !self.explicit.is_empty()
                && [(ItemKind::Need, needs), (ItemKind::Offer, offers)].iter().any(|(kind, indices)| {
                    indices
                        .iter()
                        .any(|&i| self.explicit.contains(ItemId::derived(prefix, *kind, i).as_str()))
                })
        };
        let mut prefix = base.to_string();
        let mut n = 2;
        while self.prefixes.contains(&prefix) || derives_explicit(&prefix) {
            prefix = format!("{base}-{n}");
            n += 1;
        }
        self.prefixes.insert(prefix.clone());
        prefix
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn err(json: &str) -> String {
        Corpus::from_json_str(json, Some("c.json")).unwrap_err().to_string()
    }

    #[test]
    fn derives_ids_and_keeps_explicit_ones() {
        let c = Corpus::from_json_str(
            r#"{"submissions":[{"economy":"JPN","year":2019,"needs":[{"text":"x"},{"id":"mine","text":"y"}]},
                               {"economy":"Japan","year":2019,"needs":[{"text":"z"}]}]}"#,
            None,
        )
        .unwrap();
        let ids: Vec<_> = c.needs().map(|r| r.item.id.as_str().to_string()).collect();
        assert_eq!(ids, ["jpn-2019-n1", "mine", "jpn-2019-2-n1"]);
    }

    #[test]
    fn errors_carry_line_and_path() {
        assert_eq!(
            err("{\"submissions\":[\n{\"economy\":\"ROK\",\"offers\":[\n{\"text\":\"a\",\"capacity\":0}]}]}"),
            "c.json:3: submissions[0].offers[0].capacity: capacity must be a whole number from 1 to 4294967295, got 0"
        );
        assert_eq!(
            err("{\"submissions\":[{\"economy\":\"ROK\",\"offers\":[{\"text\":\"a\",\"capacity\":1.5}]}]}"),
            "c.json:1: submissions[0].offers[0].capacity: capacity must be a whole number from 1 to 4294967295, got 1.5"
        );
        assert_eq!(
            err("{\"submissions\":[{\"economy\":\"ROK\",\"year\":1800}]}"),
            "c.json:1: submissions[0].year: year must be a whole number from 1989 to 2100, got 1800"
        );
        assert_eq!(
            err("{\"submissions\":[{\"economy\":\"ROK\",\"needs\":[{\"text\":\"  \"}]}]}"),
            "c.json:1: submissions[0].needs[0].text: text must not be empty"
        );
        assert_eq!(
            err("{\"submissions\": 3}"),
            "c.json:1: submissions: invalid type: integer `3`, expected a sequence"
        );
        assert_eq!(err("   "), "c.json: empty input");
        assert_eq!(err("{\"submissions\":[]} x"), "c.json:1: trailing characters");
    }

    #[test]
    fn duplicate_ids_point_at_both_uses() {
        assert_eq!(
            err(
                "{\"submissions\":[{\"economy\":\"ROK\",\"needs\":[\n{\"id\":\"a\",\"text\":\"x\"},\n{\"id\":\"a\",\"text\":\"y\"}]}]}"
            ),
            "c.json:3: duplicate id \"a\" (first used at c.json:2)"
        );
    }

    #[test]
    fn derived_ids_avoid_explicit_ones() {
        // The second need's explicit id is what the first would be derived as.
        let c = Corpus::from_json_str(
            r#"{"submissions":[{"economy":"ROK","year":2014,"needs":[{"text":"x"},{"id":"rok-2014-n1","text":"y"}]}]}"#,
            None,
        )
        .unwrap();
        let ids: Vec<_> = c.needs().map(|r| r.item.id.as_str().to_string()).collect();
        assert_eq!(ids, ["rok-2014-2-n1", "rok-2014-n1"]);
    }

    #[test]
    fn duplicate_ids_point_at_the_json_not_the_source_it_names() {
        // `source` and `line` say where the items were first read from (a CTAP); the
        // error is about this JSON file.
        assert_eq!(
            err("{\"submissions\":[{\"economy\":\"ROK\",\"source\":\"rok.txt\",\"needs\":[\n\
                 {\"text\":\"a\", \"id\" :\n \"x\",\"line\":40},\n{\"text\":\"id x\",\"id\":\"x\",\"line\":41}]}]}"),
            "c.json:4: duplicate id \"x\" (first used at c.json:3)"
        );
    }

    #[test]
    fn unknown_fields_are_reported_not_fatal() {
        let (c, d) = Corpus::from_json_slice(
            br#"{"submissions":[{"economy":"ROK","colour":"red","needs":[{"text":"x","weight":2}]}]}"#,
            Some("c.json"),
        )
        .unwrap();
        assert_eq!(c.need_count(), 1);
        let msgs: Vec<_> =
            d.iter().filter(|d| d.severity == Severity::Warning).map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "warning: c.json: submissions[0].colour: unknown field ignored",
                "warning: c.json: submissions[0].needs[0].weight: unknown field ignored"
            ]
        );
    }

    #[test]
    fn round_trips_through_json() {
        let c = Corpus::from_json_str(
            r#"{"submissions":[{"economy":"org:Pacific Islands Forum","year":2020,
                "offers":[{"section":"Energy Security","text":"grid protection drills","capacity":2}]}]}"#,
            None,
        )
        .unwrap();
        let again = Corpus::from_json_str(&c.to_json_pretty(), None).unwrap();
        assert_eq!(c, again);
    }
}
