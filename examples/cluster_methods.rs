//! How the clustering method was chosen: pairwise and B-cubed figures of each
//! [`Method`] at a range of cuts around the relevance threshold, on the
//! development set of `tests/data/clusters/` only (the held-out set is never
//! looked at while choosing; `tests/clusters.rs` reports it).
//!
//! ```text
//! cargo run --release --example cluster_methods
//! ```

use std::path::Path;

use capmatch::MatchConfig;
use capmatch::graph::Ranking;
use capmatch::input::{LoadOptions, load};
use capmatch::plan::relevance::NeedRelevance;
use capmatch::plan::{CUT_FACTOR, DemandOptions, Method, Partition, RegionalDemand, agreement};
use capmatch::similarity::Analysis;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/clusters");
    let loaded = load(&[data.join("dev.json")], &LoadOptions::default())?;
    let gold =
        Partition::from_json(&std::fs::read_to_string(data.join("dev.expected.json"))?, "dev.expected.json")?;
    let config = MatchConfig::new().build()?;
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let threshold = NeedRelevance::new(&analysis).threshold();
    println!("development set, {} needs; relevance threshold {threshold:.3}", analysis.need_count());
    println!("{:<24} {:>6}  {:>22}  {:>22}", "method", "cut", "pairwise P / R / F1", "B-cubed P / R / F1");
    let methods = [
        ("average linkage", Method::AverageLinkage),
        ("single linkage", Method::SingleLinkage),
        ("mutual 1-NN", Method::MutualNeighbours { k: 1 }),
        ("mutual 2-NN", Method::MutualNeighbours { k: 2 }),
        ("mutual 3-NN", Method::MutualNeighbours { k: 3 }),
    ];
    let mut best = (0.0, String::new());
    for (name, method) in methods {
        for factor in [0.6, 0.8, 1.0, 1.2, 1.4] {
            let cut = (threshold * factor).min(0.99);
            let options = DemandOptions::new().method(method).cut(cut).build()?;
            let ours = Partition::from(&RegionalDemand::new(&ranking, &options));
            let f = agreement(&ours, &gold)?;
            let mark = if factor == 1.0 {
                " (threshold)"
            } else if (factor - CUT_FACTOR).abs() < 1e-9 && name == "average linkage" {
                " (default)"
            } else {
                ""
            };
            println!(
                "{name:<24} {cut:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}{mark}",
                f.pairwise.precision,
                f.pairwise.recall,
                f.pairwise.f1,
                f.bcubed.precision,
                f.bcubed.recall,
                f.bcubed.f1
            );
            if f.pairwise.f1 > best.0 {
                best = (f.pairwise.f1, format!("{name} at {cut:.3}"));
            }
        }
    }
    println!("best pairwise F1 on dev: {:.3} ({})", best.0, best.1);
    Ok(())
}
