//! Editions: a party's submissions grouped by year, and the latest edition of each.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::{Corpus, Party};

/// Earlier editions of one party that a latest-edition view leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EarlierEditions {
    /// The party.
    pub party: Party,
    /// The year of its latest edition, which is kept.
    pub latest: u16,
    /// The years of its earlier editions, left out, sorted.
    pub left_out: Vec<u16>,
}

/// The corpus with only each party's latest dated edition (every submission of
/// its latest year) and every undated submission (whose place among the editions
/// is unknown), and what was left out, by party.
///
/// The Summary Report's needs, gaps and totals and regional demand use this view
/// by default, so that a need restated in several editions counts once; `match`
/// and `assign` take every item.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, plan::latest_editions};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"PE","year":2012,"needs":[{"text":"API system"}]},
///   {"economy":"Peru","year":2014,"needs":[{"text":"API and PNR systems"}]},
///   {"economy":"ROK","needs":[{"text":"Single Window workshops"}]}]}"#, None)?;
/// let (latest, left_out) = latest_editions(&corpus);
/// assert_eq!(latest.submissions.len(), 2);
/// assert_eq!(latest.submissions[0].year, Some(2014));
/// assert_eq!((left_out[0].party.to_string(), left_out[0].latest, left_out[0].left_out.clone()), ("PE".to_string(), 2014, vec![2012]));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn latest_editions(corpus: &Corpus) -> (Corpus, Vec<EarlierEditions>) {
    let mut years: BTreeMap<&Party, BTreeSet<u16>> = BTreeMap::new();
    for s in &corpus.submissions {
        if let Some(y) = s.year {
            years.entry(&s.economy).or_default().insert(y);
        }
    }
    let latest: BTreeMap<&Party, u16> =
        years.iter().filter_map(|(p, ys)| ys.last().map(|y| (*p, *y))).collect();
    let left_out: Vec<EarlierEditions> = years
        .iter()
        .filter(|(_, ys)| ys.len() > 1)
        .map(|(p, ys)| {
            let mut left_out: Vec<u16> = ys.iter().copied().collect();
            let latest = left_out.pop().unwrap_or_default();
            EarlierEditions { party: (*p).clone(), latest, left_out }
        })
        .collect();
    let kept = corpus
        .submissions
        .iter()
        .filter(|s| s.year.is_none() || latest.get(&s.economy) == s.year.as_ref())
        .cloned()
        .collect();
    (Corpus { submissions: kept }, left_out)
}

/// Whether any party has two or more dated editions.
pub fn has_several_editions(corpus: &Corpus) -> bool {
    let mut seen: BTreeMap<&Party, u16> = BTreeMap::new();
    corpus.submissions.iter().filter_map(|s| s.year.map(|y| (&s.economy, y))).any(|(p, y)| {
        let first = *seen.entry(p).or_insert(y);
        first != y
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edition_each_changes_nothing() {
        let corpus = Corpus::from_json_str(
            r#"{"submissions":[{"economy":"PE","year":2012,"needs":[{"text":"a b"}]},
                {"economy":"ROK","year":2014,"needs":[{"text":"c d"}]}]}"#,
            None,
        )
        .unwrap();
        let (latest, left_out) = latest_editions(&corpus);
        assert_eq!(latest, corpus);
        assert!(left_out.is_empty());
        assert!(!has_several_editions(&corpus));
    }

    #[test]
    fn three_editions_keep_the_last() {
        let corpus = Corpus::from_json_str(
            r#"{"submissions":[{"economy":"PE","year":2016,"needs":[{"text":"a b"}]},
                {"economy":"PE","year":2012,"needs":[{"text":"c d"}]},
                {"economy":"PE","year":2014,"needs":[{"text":"e f"}]},
                {"economy":"PE","needs":[{"text":"g h"}]}]}"#,
            None,
        )
        .unwrap();
        assert!(has_several_editions(&corpus));
        let (latest, left_out) = latest_editions(&corpus);
        let years: Vec<Option<u16>> = latest.submissions.iter().map(|s| s.year).collect();
        assert_eq!(years, [Some(2016), None]);
        assert_eq!(left_out[0].left_out, [2012, 2014]);
    }
}
