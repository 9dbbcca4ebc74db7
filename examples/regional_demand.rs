//! A first look at what capmatch does, on the bundled illustrative corpus
//! (`examples/data/illustrative-apec.json`: invented CTAPs of 21 economies and 6
//! international bodies, two editions for some): needs that several economies
//! share, grouped into candidate regional projects with their draft APEC project
//! concepts and candidate donors; one donor's brief; and the gaps nobody meets.
//!
//! ```text
//! cargo run --example regional_demand              # clusters and project concepts, a brief, the gaps
//! cargo run --example regional_demand -- json      # the clusters JSON contract
//! cargo run --example regional_demand -- UNODC     # the brief of another donor
//! ```
//!
//! The data is illustrative, not any economy's statements: see
//! `examples/data/README.md`.

use std::fmt::Write as _;
use std::path::Path;

use capmatch::graph::{MatchGraph, Ranking};
use capmatch::input::{LoadOptions, load};
use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand};
use capmatch::report::{SummaryOptions, SummaryReport};
use capmatch::similarity::Analysis;
use capmatch::{MatchConfig, Party};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/illustrative-apec.json");
    let loaded = load(&[path], &LoadOptions::default())?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    // Enough offers per need that every donor meeting a need is seen.
    let config = MatchConfig::new().top_k(50).build()?;
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let demand = RegionalDemand::new(&ranking, &DemandOptions::new().build()?);

    // What the corpus was written to show: shared needs become projects with donors.
    assert!(demand.clusters.len() >= 5, "regional demand is found");
    assert!(demand.clusters.iter().any(|c| !c.donors.is_empty() && c.project.proposing_economy.is_some()));

    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("json") {
        print!("{}", demand.to_json());
        return Ok(());
    }
    let donor: Party = arg.as_deref().unwrap_or("USA").parse()?;
    let brief = DonorBrief::new(&ranking, &demand, &donor, false)?;

    let mut out = demand.to_markdown();
    out.push('\n');
    out.push_str(&brief.to_markdown());
    let summary = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new().build()?);
    let _ = writeln!(out, "\n# Gaps: needs no offer meets\n");
    for section in &summary.gaps.by_section {
        for need in &section.needs {
            let _ = writeln!(
                out,
                "- {} {}: {} ({})",
                need.recipient,
                need.section.as_deref().unwrap_or("—"),
                need.text,
                need.id
            );
        }
    }
    print!("{out}");
    Ok(())
}
