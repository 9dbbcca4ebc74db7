//! The plain baseline every figure is compared with: TF-IDF cosine.

use std::collections::HashMap;

use crate::Corpus;
use crate::text::{is_stopword, words};

/// Plain TF-IDF cosine between every need and offer of a corpus: lower-cased words
/// without stopwords, no stemming, no concepts, no fuzzy matching, classic
/// `idf = ln(N / df) + 1` over the corpus' items.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, eval::TfIdf};
///
/// let corpus = Corpus::from_json_str(r#"{"submissions":[
///   {"economy":"HKC","needs":[{"text":"Single Window workshops"}]},
///   {"economy":"ROK","offers":[{"text":"Single Window training"},{"text":"cyber crime trainers"}]}]}"#, None)?;
/// let tfidf = TfIdf::new(&corpus);
/// assert!(tfidf.cosine(0, 0) > 0.3);
/// assert_eq!(tfidf.cosine(0, 1), 0.0);
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TfIdf {
    needs: usize,
    vectors: Vec<HashMap<String, f64>>,
}

impl TfIdf {
    /// The vectors of every need and offer of `corpus`.
    pub fn new(corpus: &Corpus) -> TfIdf {
        let texts: Vec<&str> = corpus.needs().chain(corpus.offers()).map(|r| r.item.text.as_str()).collect();
        let bags: Vec<HashMap<String, f64>> = texts
            .iter()
            .map(|t| {
                let mut bag = HashMap::new();
                for w in words(t).into_iter().filter(|w| !is_stopword(w)) {
                    *bag.entry(w).or_insert(0.0) += 1.0;
                }
                bag
            })
            .collect();
        let mut df: HashMap<&str, f64> = HashMap::new();
        for bag in &bags {
            for w in bag.keys() {
                *df.entry(w.as_str()).or_insert(0.0) += 1.0;
            }
        }
        let n = bags.len() as f64;
        let vectors = bags
            .iter()
            .map(|bag| {
                let mut v: HashMap<String, f64> = bag
                    .iter()
                    .map(|(w, tf)| {
                        (w.clone(), tf * ((n / df.get(w.as_str()).copied().unwrap_or(1.0)).ln() + 1.0))
                    })
                    .collect();
                let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
                for x in v.values_mut() {
                    *x /= norm.max(f64::MIN_POSITIVE);
                }
                v
            })
            .collect();
        TfIdf { needs: corpus.need_count(), vectors }
    }

    /// The cosine of need `i` and offer `j` (corpus order), in [0, 1].
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.vectors[i], &self.vectors[self.needs + j]);
        a.iter().map(|(w, x)| x * b.get(w).unwrap_or(&0.0)).sum::<f64>().clamp(0.0, 1.0)
    }
}
