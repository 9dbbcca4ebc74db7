//! Match quality on the labelled data, development and held-out parts side by side,
//! against plain TF-IDF cosine:
//!
//! ```text
//! cargo run --release --example relevance
//! ```
//!
//! Ranking figures are those of `capmatch match --top 10 --min-score 0`; gap figures
//! those of `unmet_needs` with default settings. The TF-IDF baseline's gap threshold
//! is the one that maximises gap F1 on the development part.

use std::path::Path;

use capmatch::MatchConfig;
use capmatch::eval::{LabelledSet, SetFigures, baseline_gaps, evaluate};

/// A calibration band merged over sets: pairs, sum of predictions, sum of outcomes.
type Band = (usize, f64, f64);

const DEVELOPMENT: &[&str] = &["devset.json", "dev-2.json"];
const HELD_OUT: &[&str] = &["holdout.json", "holdout-2.json"];

fn read(names: &[&str]) -> Result<Vec<LabelledSet>, capmatch::Error> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/relevance");
    names.iter().map(|n| dir.join(n)).filter(|p| p.exists()).map(|p| LabelledSet::read(&p)).collect()
}

fn main() -> Result<(), capmatch::Error> {
    let dev = read(DEVELOPMENT)?;
    let held = read(HELD_OUT)?;
    // The baseline's one parameter, chosen on the development part only.
    let threshold = (1..100)
        .map(|k| f64::from(k) / 100.0)
        .max_by(|a, b| {
            let f1 = |t: f64| dev.iter().map(|s| baseline_gaps(s, t).f1).sum::<f64>();
            f1(*a).total_cmp(&f1(*b)).then(b.total_cmp(a))
        })
        .unwrap_or(0.5);
    println!(
        "| part | set | needs judged | nDCG@5 | MRR | P@1 | gaps | gap P | gap R | gap F1 | Brier | TF-IDF nDCG@5 | TF-IDF MRR | TF-IDF P@1 | TF-IDF gap P | TF-IDF gap R |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    // Calibration per part: each set's bands merged, weighted by their pairs.
    let mut bands: Vec<(&str, Vec<Band>)> = Vec::new();
    for (part, sets) in [("development", &dev), ("held out", &held)] {
        let mut merged = vec![(0usize, 0.0, 0.0); 10];
        for set in sets {
            let f: SetFigures = evaluate(set, &MatchConfig::new())?;
            for (m, band) in merged.iter_mut().zip(&f.calibration) {
                m.0 += band.pairs;
                m.1 += band.predicted * band.pairs as f64;
                m.2 += band.observed * band.pairs as f64;
            }
            let b = baseline_gaps(set, threshold);
            println!(
                "| {part} | {} | {} | {:.3} | {:.3} | {:.3} | {} | {:.2} | {:.2} | {:.2} | {:.4} | {:.3} | {:.3} | {:.3} | {:.2} | {:.2} |",
                f.set,
                f.ranking.needs,
                f.ranking.ndcg5,
                f.ranking.mrr,
                f.ranking.p1,
                f.gaps.gaps,
                f.gaps.precision,
                f.gaps.recall,
                f.gaps.f1,
                f.brier,
                f.baseline.ndcg5,
                f.baseline.mrr,
                f.baseline.p1,
                b.precision,
                b.recall
            );
        }
        bands.push((part, merged));
    }
    println!("\nCalibration (all judged pairs; predicted = mean score, observed = share that helps):\n");
    println!(
        "| score band | development pairs | predicted | observed | held-out pairs | predicted | observed |"
    );
    println!("|---|---|---|---|---|---|---|");
    for k in 0..10 {
        let cell = |b: &Band| {
            if b.0 == 0 {
                "0 | – | –".to_string()
            } else {
                format!("{} | {:.3} | {:.3}", b.0, b.1 / b.0 as f64, b.2 / b.0 as f64)
            }
        };
        println!(
            "| {:.1}–{:.1} | {} | {} |",
            k as f64 / 10.0,
            (k + 1) as f64 / 10.0,
            cell(&bands[0].1[k]),
            cell(&bands[1].1[k])
        );
    }
    println!("\nTF-IDF gap threshold (chosen on the development part): {threshold:.2}");
    Ok(())
}
