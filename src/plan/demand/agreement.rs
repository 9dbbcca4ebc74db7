//! How well a clustering agrees with labelled groups: pairwise and B-cubed
//! precision, recall and F1.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::RegionalDemand;
use crate::{Error, Location, Result};

/// A partition of needs: groups of needs that ask for the same thing, and needs in
/// no group. Reads the clusters JSON contract (`capmatch clusters --format json`)
/// and the labels of `tests/data/clusters/*.expected.json`, which share its shape:
/// `{"clusters": [{"needs": [ids], …}], "unclustered": [ids]}`.
///
/// # Examples
///
/// ```
/// use capmatch::plan::{Partition, agreement};
///
/// let gold = Partition::from_json(r#"{"clusters": [{"label": "x", "needs": ["a", "b", "c"]}], "unclustered": ["d"]}"#, "gold.json")?;
/// let ours = Partition::from_json(r#"{"clusters": [{"needs": ["a", "b"]}], "unclustered": ["c", "d"]}"#, "ours.json")?;
/// let figures = agreement(&ours, &gold)?;
/// // One of the three labelled pairs is found, and nothing else.
/// assert_eq!((figures.pairwise.precision, figures.pairwise.recall), (1.0, 1.0 / 3.0));
/// assert_eq!(figures.needs, 4);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partition {
    /// The groups, each a list of need ids.
    pub clusters: Vec<Group>,
    /// Needs in no group.
    #[serde(default)]
    pub unclustered: Vec<String>,
}

/// One group of a [`Partition`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The need ids of the group.
    pub needs: Vec<String>,
}

impl Partition {
    /// Reads a partition from JSON; other members of the objects are ignored.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] naming `file` when the text is not a partition.
    pub fn from_json(text: &str, file: &str) -> Result<Partition> {
        serde_json::from_str(text).map_err(|e| Error::Json {
            at: Location {
                file: Some(file.to_string()),
                line: u32::try_from(e.line()).ok().filter(|l| *l > 0),
            },
            path: String::new(),
            message: {
                let full = e.to_string();
                full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]).to_string()
            },
        })
    }

    /// Each need's group number (needs in no group get one of their own).
    fn groups(&self, what: &str) -> Result<BTreeMap<&str, usize>> {
        let mut of = BTreeMap::new();
        let singles = self.unclustered.iter().map(std::slice::from_ref);
        for (g, needs) in self.clusters.iter().map(|c| c.needs.as_slice()).chain(singles).enumerate() {
            for id in needs {
                if of.insert(id.as_str(), g).is_some() {
                    return Err(Error::config(what, format!("need {id} appears twice")));
                }
            }
        }
        Ok(of)
    }
}

impl From<&RegionalDemand> for Partition {
    fn from(demand: &RegionalDemand) -> Partition {
        Partition {
            clusters: demand
                .clusters
                .iter()
                .map(|c| Group { needs: c.needs.iter().map(|id| id.as_str().to_string()).collect() })
                .collect(),
            unclustered: demand.unclustered.iter().map(|id| id.as_str().to_string()).collect(),
        }
    }
}

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision, in [0, 1].
    pub precision: f64,
    /// Recall, in [0, 1].
    pub recall: f64,
    /// F1, the harmonic mean of the two (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

/// Agreement of a clustering with labelled groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Agreement {
    /// Over pairs of needs: a pair is positive when both needs are in one group.
    /// Precision is the share of predicted pairs that are labelled pairs (1 when
    /// nothing is predicted), recall the share of labelled pairs predicted (1 when
    /// nothing is labelled).
    pub pairwise: Prf,
    /// B-cubed (Bagga & Baldwin 1998): per need, the share of its predicted group
    /// that is in its labelled group (precision) and of its labelled group that is
    /// in its predicted group (recall), averaged over needs; a need in no group is
    /// a group of one.
    pub bcubed: Prf,
    /// The number of needs compared.
    pub needs: usize,
    /// Predicted pairs, labelled pairs, and pairs in both.
    pub pairs: (usize, usize, usize),
}

/// Compares `predicted` with `gold`.
///
/// # Errors
///
/// [`Error::Config`] when a need appears twice in one partition or in one and not
/// the other (the two must partition the same needs).
pub fn agreement(predicted: &Partition, gold: &Partition) -> Result<Agreement> {
    let ours = predicted.groups("predicted")?;
    let theirs = gold.groups("labelled")?;
    let ours_ids: BTreeSet<&str> = ours.keys().copied().collect();
    let gold_ids: BTreeSet<&str> = theirs.keys().copied().collect();
    if let Some(id) = ours_ids.symmetric_difference(&gold_ids).next() {
        let side =
            if ours_ids.contains(id) { "predicted but not labelled" } else { "labelled but not predicted" };
        return Err(Error::config("partition", format!("need {id} is {side}")));
    }
    // Contingency counts: needs per (predicted group, labelled group).
    let mut cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut size_ours: BTreeMap<usize, usize> = BTreeMap::new();
    let mut size_theirs: BTreeMap<usize, usize> = BTreeMap::new();
    for (id, &g) in &ours {
        let h = theirs[id];
        *cells.entry((g, h)).or_default() += 1;
        *size_ours.entry(g).or_default() += 1;
        *size_theirs.entry(h).or_default() += 1;
    }
    let pairs = |n: usize| n * n.saturating_sub(1) / 2;
    let predicted_pairs: usize = size_ours.values().map(|&n| pairs(n)).sum();
    let labelled_pairs: usize = size_theirs.values().map(|&n| pairs(n)).sum();
    let both: usize = cells.values().map(|&n| pairs(n)).sum();
    let ratio = |x: usize, y: usize| if y == 0 { 1.0 } else { x as f64 / y as f64 };
    let pairwise = Prf::new(ratio(both, predicted_pairs), ratio(both, labelled_pairs));
    let needs = ours.len();
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&(g, h), &k) in &cells {
        // Each of the k needs in this cell sees k of its predicted and labelled group.
        precision += k as f64 * k as f64 / size_ours[&g] as f64;
        recall += k as f64 * k as f64 / size_theirs[&h] as f64;
    }
    let bcubed = if needs == 0 {
        Prf::new(1.0, 1.0)
    } else {
        Prf::new(precision / needs as f64, recall / needs as f64)
    };
    Ok(Agreement { pairwise, bcubed, needs, pairs: (predicted_pairs, labelled_pairs, both) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partition(groups: &[&[&str]], single: &[&str]) -> Partition {
        Partition {
            clusters: groups
                .iter()
                .map(|g| Group { needs: g.iter().map(|s| (*s).to_string()).collect() })
                .collect(),
            unclustered: single.iter().map(|s| (*s).to_string()).collect(),
        }
    }

    #[test]
    fn identical_partitions_agree_fully() {
        let p = partition(&[&["a", "b"], &["c", "d", "e"]], &["f"]);
        let f = agreement(&p, &p).unwrap();
        assert_eq!(f.pairwise, Prf::new(1.0, 1.0));
        assert_eq!(f.bcubed, Prf::new(1.0, 1.0));
        assert_eq!(f.pairs, (4, 4, 4));
    }

    #[test]
    fn everything_in_one_group_has_full_recall_and_low_precision() {
        let gold = partition(&[&["a", "b"]], &["c", "d"]);
        let lumped = partition(&[&["a", "b", "c", "d"]], &[]);
        let f = agreement(&lumped, &gold).unwrap();
        assert_eq!(f.pairwise.recall, 1.0);
        assert_eq!(f.pairwise.precision, 1.0 / 6.0);
        // B-cubed: a and b see 2 of 4 correct, c and d 1 of 4.
        assert_eq!(f.bcubed.precision, (0.5 + 0.5 + 0.25 + 0.25) / 4.0);
        assert_eq!(f.bcubed.recall, 1.0);
    }

    #[test]
    fn all_singletons_have_full_precision_and_no_pairwise_recall() {
        let gold = partition(&[&["a", "b", "c"]], &["d"]);
        let split = partition(&[], &["a", "b", "c", "d"]);
        let f = agreement(&split, &gold).unwrap();
        assert_eq!(f.pairwise, Prf::new(1.0, 0.0));
        assert_eq!(f.bcubed.precision, 1.0);
        assert_eq!(f.bcubed.recall, (1.0 / 3.0 * 3.0 + 1.0) / 4.0);
    }

    #[test]
    fn partitions_of_different_needs_are_an_error() {
        let a = partition(&[&["a", "b"]], &[]);
        let b = partition(&[&["a", "c"]], &[]);
        assert_eq!(
            agreement(&a, &b).unwrap_err().to_string(),
            "invalid configuration: partition: need b is predicted but not labelled"
        );
        let twice = partition(&[&["a", "b"]], &["a"]);
        assert_eq!(
            agreement(&twice, &a).unwrap_err().to_string(),
            "invalid configuration: predicted: need a appears twice"
        );
    }
}
