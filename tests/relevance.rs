//! Ranking quality on labelled data: nDCG@5 and MRR of the full scorer against a
//! plain TF-IDF cosine baseline, on a development set and a held-out set written
//! independently (`tests/data/relevance/`).
//!
//! Run with `cargo test --test relevance -- --nocapture` to see the figures.

use std::collections::{HashMap, HashSet};

use capmatch::similarity::{Analysis, Scorer, Weights};
use capmatch::text::{is_stopword, words};
use capmatch::{Corpus, MatchConfig};
use serde_json::Value;

struct Labelled {
    corpus: Corpus,
    /// (need id, offer id) → grade 1..=3.
    grades: HashMap<(String, String), u32>,
}

fn load(name: &str) -> Labelled {
    let path = format!("{}/tests/data/relevance/{name}", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let corpus = Corpus::from_json_str(&v["corpus"].to_string(), Some(&path)).unwrap();
    let grades = v["qrels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let key = (q["need"].as_str().unwrap().to_string(), q["offer"].as_str().unwrap().to_string());
            (key, u32::try_from(q["grade"].as_u64().unwrap()).unwrap())
        })
        .collect();
    Labelled { corpus, grades }
}

/// Plain TF-IDF cosine: lower-case words without stopwords, no stemming, no
/// thesaurus, no fuzzy matching, classic idf = ln(N / df) + 1.
struct Baseline {
    vectors: Vec<HashMap<String, f64>>,
}

impl Baseline {
    fn new(texts: &[&str]) -> Self {
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
                let mut v: HashMap<String, f64> =
                    bag.iter().map(|(w, tf)| (w.clone(), tf * ((n / df[w.as_str()]).ln() + 1.0))).collect();
                let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
                for x in v.values_mut() {
                    *x /= norm.max(f64::MIN_POSITIVE);
                }
                v
            })
            .collect();
        Baseline { vectors }
    }

    fn cosine(&self, a: usize, b: usize) -> f64 {
        self.vectors[a].iter().map(|(w, x)| x * self.vectors[b].get(w).unwrap_or(&0.0)).sum()
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    ndcg5: f64,
    mrr: f64,
    needs: usize,
}

/// nDCG@5 (gain 2^g - 1) and MRR (first offer of grade >= 2) over the needs that
/// have at least one relevant offer; offers of the need's own party are excluded.
fn evaluate(data: &Labelled, score: impl Fn(usize, usize) -> f64) -> Figures {
    let needs: Vec<_> = data.corpus.needs().collect();
    let offers: Vec<_> = data.corpus.offers().collect();
    let mut total = Figures::default();
    for (i, need) in needs.iter().enumerate() {
        let grade = |j: usize| {
            data.grades.get(&(need.item.id.to_string(), offers[j].item.id.to_string())).copied().unwrap_or(0)
        };
        let candidates: Vec<usize> =
            (0..offers.len()).filter(|&j| offers[j].submission.economy != need.submission.economy).collect();
        let mut ideal: Vec<u32> = candidates.iter().map(|&j| grade(j)).filter(|g| *g > 0).collect();
        if ideal.is_empty() {
            continue;
        }
        let mut ranked: Vec<(f64, usize)> = candidates.iter().map(|&j| (score(i, j), j)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(offers[a.1].item.id.cmp(&offers[b.1].item.id)));
        let dcg = |grades: &mut dyn Iterator<Item = u32>| -> f64 {
            grades
                .take(5)
                .enumerate()
                .map(|(r, g)| (2f64.powi(g.cast_signed()) - 1.0) / ((r + 2) as f64).log2())
                .sum()
        };
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let idcg = dcg(&mut ideal.iter().copied());
        total.ndcg5 += dcg(&mut ranked.iter().map(|&(_, j)| grade(j))) / idcg;
        total.mrr += ranked.iter().position(|&(_, j)| grade(j) >= 2).map_or(0.0, |p| 1.0 / (p + 1) as f64);
        total.needs += 1;
    }
    let n = total.needs as f64;
    Figures { ndcg5: total.ndcg5 / n, mrr: total.mrr / n, needs: total.needs }
}

fn compare(name: &str) -> (Figures, Figures) {
    let data = load(name);
    let analysis = Analysis::new(&data.corpus, MatchConfig::default().fuzzy_threshold);
    let scorer = Scorer::new(&analysis, Weights::default());
    let full = evaluate(&data, |i, j| scorer.score(i, j).0);

    let texts: Vec<&str> =
        data.corpus.needs().chain(data.corpus.offers()).map(|r| r.item.text.as_str()).collect();
    let baseline = Baseline::new(&texts);
    let n = data.corpus.need_count();
    let base = evaluate(&data, |i, j| baseline.cosine(i, n + j));
    println!(
        "{name}: {} needs judged | full scorer nDCG@5 {:.3} MRR {:.3} | TF-IDF cosine nDCG@5 {:.3} MRR {:.3}",
        full.needs, full.ndcg5, full.mrr, base.ndcg5, base.mrr
    );
    (full, base)
}

/// How well the default thresholds separate the needs no offer meets (gaps, per
/// the labels: no offer of grade >= 2) from the others.
fn gap_detection(name: &str) -> (usize, usize, usize) {
    let data = load(name);
    let list = capmatch::match_corpus(&data.corpus, &MatchConfig::new()).unwrap();
    let unmet: HashSet<String> = list.unmet_needs.iter().map(ToString::to_string).collect();
    let served: HashSet<&str> =
        data.grades.iter().filter(|(_, g)| **g >= 2).map(|((n, _), _)| n.as_str()).collect();
    let (mut true_gaps, mut found_gaps, mut false_gaps) = (0, 0, 0);
    for need in data.corpus.needs() {
        let id = need.item.id.to_string();
        let is_gap = !served.contains(id.as_str());
        true_gaps += usize::from(is_gap);
        found_gaps += usize::from(is_gap && unmet.contains(&id));
        false_gaps += usize::from(!is_gap && unmet.contains(&id));
    }
    println!(
        "{name}: {true_gaps} labelled gaps, {found_gaps} reported unmet, {false_gaps} served needs wrongly unmet"
    );
    (true_gaps, found_gaps, false_gaps)
}

#[test]
fn full_scorer_beats_tfidf_cosine_on_the_development_set() {
    let (full, base) = compare("devset.json");
    assert!(full.needs >= 35, "too few judged needs: {}", full.needs);
    assert!(full.ndcg5 > base.ndcg5, "nDCG@5 {} <= baseline {}", full.ndcg5, base.ndcg5);
    assert!(full.mrr > base.mrr, "MRR {} <= baseline {}", full.mrr, base.mrr);
}

#[test]
fn full_scorer_beats_tfidf_cosine_on_the_held_out_set() {
    let (full, base) = compare("holdout.json");
    assert!(full.needs >= 35, "too few judged needs: {}", full.needs);
    assert!(full.ndcg5 > base.ndcg5, "nDCG@5 {} <= baseline {}", full.ndcg5, base.ndcg5);
    assert!(full.mrr > base.mrr, "MRR {} <= baseline {}", full.mrr, base.mrr);
}

#[test]
fn default_thresholds_report_most_gaps_and_few_false_ones() {
    for name in ["devset.json", "holdout.json"] {
        let (gaps, found, wrong) = gap_detection(name);
        assert!(gaps >= 5, "{name}: the set should label gaps");
        assert!(found * 2 >= gaps, "{name}: only {found} of {gaps} gaps reported");
        let served = load(name).corpus.need_count() - gaps;
        assert!(wrong * 4 <= served, "{name}: {wrong} of {served} served needs reported unmet");
    }
}
