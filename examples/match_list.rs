//! The match list for the two bundled CTAPs (Hong Kong, China 2020 and the Republic
//! of Korea 2014): every need with the offers of other economies that could meet
//! it, best first, and the needs no one can meet.
//!
//! ```text
//! cargo run --example match_list            # Markdown on standard output
//! cargo run --example match_list -- json    # the match JSON contract
//! ```

use std::path::Path;

use capmatch::graph::Ranking;
use capmatch::input::{LoadOptions, load};
use capmatch::similarity::Analysis;
use capmatch::{MatchConfig, report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let loaded = load(&[data.join("hkc-2020.txt"), data.join("rok-2014.txt")], &LoadOptions::default())?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }

    let config = MatchConfig::new().build()?;
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);

    // The checks a reader of the README expects to hold.
    let list = ranking.to_match_list();
    let single_window = list
        .matches
        .iter()
        .find(|m| m.need.as_str() == "hkc-undated-n1")
        .ok_or("HKC's Single Window need has no match")?;
    assert_eq!(single_window.offer.as_str(), "rok-2014-o1", "ROK's Single Window workshops rank first");
    assert!(list.unmet_needs.iter().any(|id| id.as_str() == "hkc-undated-n2"), "port security is a gap");

    let stdout = std::io::stdout().lock();
    match std::env::args().nth(1).as_deref() {
        Some("json") => report::write_matches_json(&ranking, stdout)?,
        _ => report::write_matches_markdown(&ranking, stdout)?,
    }
    Ok(())
}
