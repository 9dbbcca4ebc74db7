//! Measuring match quality on labelled data, and fitting the match model.
//!
//! Takes labelled sets — a corpus and graded (need, offer) judgements, the format
//! of `tests/data/relevance/*.json` — and gives out ranking figures (nDCG@5, MRR,
//! P@1), gap detection figures (precision, recall, F1 of the needs reported unmet
//! against the needs no offer helps), a calibration table with the Brier score, and
//! ([`fit`]) the logistic [`Model`](crate::similarity::Model) fitted with
//! cross-validation grouped by need.
//!
//! Grades: 3 = the offer meets the need; 2 = it partly helps; 1 = marginally
//! related (does not help); unlisted = 0. An offer *helps* at grade 2 or more; a
//! need no offer helps is a *gap*.

mod baseline;
mod evaluate;
mod fit;
mod metrics;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

pub use baseline::TfIdf;
pub use evaluate::{SetFigures, baseline_gaps, evaluate};
pub use fit::{CrossValidation, FitOptions, PairRow, fit, pair_rows};
pub use metrics::{CalibrationBand, GapFigures, RankingFigures, calibration, gap_figures, ranking_figures};

use crate::{Corpus, Error, ItemId, Location, Result};

/// The lowest grade at which an offer helps a need.
pub const HELPS: u8 = 2;

/// The grade of an offer that meets a need.
pub const MEETS: u8 = 3;

/// A corpus with graded (need, offer) judgements.
#[derive(Debug, Clone)]
pub struct LabelledSet {
    /// A short name (the file's stem).
    pub name: String,
    /// What the set is and how it was made.
    pub description: String,
    /// The needs and offers.
    pub corpus: Corpus,
    /// Grade of each judged (need, offer) pair; unlisted pairs are 0.
    pub grades: BTreeMap<(ItemId, ItemId), u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Qrel {
    need: String,
    offer: String,
    grade: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    #[serde(default)]
    description: String,
    corpus: serde_json::Value,
    qrels: Vec<Qrel>,
}

impl LabelledSet {
    /// Reads a labelled set: `{"description": …, "corpus": {corpus JSON}, "qrels":
    /// [{"need": id, "offer": id, "grade": 0..=3}]}`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if the file cannot be read; [`Error::InvalidValue`] or the
    /// corpus errors if it is not a valid set (a judgement naming an unknown item, a
    /// grade above 3, a need judged against its own party's offer).
    pub fn read(path: &Path) -> Result<LabelledSet> {
        let name = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let file = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|source| Error::Io { path: file.clone(), source })?;
        LabelledSet::from_json(&text, &name, &file)
    }

    /// [`LabelledSet::read`] from a string; `file` names it in errors.
    ///
    /// # Errors
    ///
    /// As [`LabelledSet::read`].
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::eval::LabelledSet;
    ///
    /// let set = LabelledSet::from_json(r#"{"corpus": {"submissions": [
    ///     {"economy": "HKC", "needs": [{"id": "n1", "text": "Single Window workshops"}]},
    ///     {"economy": "ROK", "offers": [{"id": "o1", "text": "Single Window training"}]}]},
    ///   "qrels": [{"need": "n1", "offer": "o1", "grade": 3}]}"#, "tiny", "tiny.json")?;
    /// assert_eq!(set.grade("n1", "o1"), 3);
    /// assert!(set.gaps().is_empty());
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    pub fn from_json(json: &str, name: &str, file: &str) -> Result<LabelledSet> {
        let invalid =
            |message: String| Error::InvalidValue { at: Location::file(file), path: String::new(), message };
        let parsed: SetFile =
            serde_json::from_str(json).map_err(|e| invalid(format!("not a labelled set: {e}")))?;
        let corpus = Corpus::from_json_str(&parsed.corpus.to_string(), Some(file))?;
        let needs: BTreeMap<&str, (&ItemId, &crate::Party)> =
            corpus.needs().map(|r| (r.item.id.as_str(), (&r.item.id, &r.submission.economy))).collect();
        let offers: BTreeMap<&str, (&ItemId, &crate::Party)> =
            corpus.offers().map(|r| (r.item.id.as_str(), (&r.item.id, &r.submission.economy))).collect();
        let mut grades = BTreeMap::new();
        for (k, q) in parsed.qrels.iter().enumerate() {
            let (Some((nid, np)), Some((oid, op))) =
                (needs.get(q.need.as_str()), offers.get(q.offer.as_str()))
            else {
                return Err(invalid(format!("qrels[{k}]: unknown need {:?} or offer {:?}", q.need, q.offer)));
            };
            if q.grade > MEETS {
                return Err(invalid(format!("qrels[{k}]: grade {} is above {MEETS}", q.grade)));
            }
            if np == op {
                return Err(invalid(format!("qrels[{k}]: {} and {} belong to one party", q.need, q.offer)));
            }
            grades.insert(((*nid).clone(), (*oid).clone()), q.grade);
        }
        Ok(LabelledSet { name: name.to_string(), description: parsed.description, corpus, grades })
    }

    /// The grade of a (need, offer) pair, 0 when not judged.
    pub fn grade(&self, need: &str, offer: &str) -> u8 {
        match (ItemId::new(need), ItemId::new(offer)) {
            (Some(n), Some(o)) => self.grades.get(&(n, o)).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// The needs no offer helps (grade ≥ [`HELPS`]), in id order.
    pub fn gaps(&self) -> BTreeSet<ItemId> {
        let served: BTreeSet<&ItemId> =
            self.grades.iter().filter(|(_, g)| **g >= HELPS).map(|((n, _), _)| n).collect();
        self.corpus.needs().map(|r| r.item.id.clone()).filter(|id| !served.contains(id)).collect()
    }
}
