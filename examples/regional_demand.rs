//! A first look at what capmatch does, on the bundled illustrative corpus
//! (`examples/data/illustrative-apec.json`: invented CTAPs of 21 economies and 6
//! international bodies, two editions for some): needs that several economies
//! share, grouped into candidate regional projects with their draft APEC project
//! concepts and candidate donors; one donor's brief; the gaps nobody meets; and the
//! progress between each economy's editions.
//!
//! ```text
//! cargo run --example regional_demand              # all of it, in Markdown
//! cargo run --example regional_demand -- json      # the clusters JSON contract only
//! cargo run --example regional_demand -- UNODC     # with the brief of another donor
//! ```
//!
//! The data is illustrative, not any economy's statements: see
//! `examples/data/README.md`.

use std::fmt::Write as _;
use std::path::Path;

use capmatch::graph::{MatchGraph, Ranking};
use capmatch::input::{LoadOptions, load};
use capmatch::plan::progress::Progress;
use capmatch::plan::{DemandOptions, DonorBrief, RegionalDemand, latest_editions};
use capmatch::report::{SummaryOptions, SummaryReport, progress_markdown};
use capmatch::similarity::Analysis;
use capmatch::{MatchConfig, Party};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/illustrative-apec.json");
    let loaded = load(&[path], &LoadOptions::default())?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let config = MatchConfig::new().top_k(50).build()?;

    // Progress reads every edition; the rest reads each economy's latest, as
    // `capmatch report` does, so that a restated need counts once.
    let progress = Progress::new(&Analysis::new(&loaded.corpus, config.fuzzy_threshold));
    let (corpus, earlier) = latest_editions(&loaded.corpus);
    let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    // Enough offers per need that every donor meeting a need is seen.
    let ranking = Ranking::new(&analysis, &config);
    let demand = RegionalDemand::new(&ranking, &DemandOptions::new().build()?);

    // What the corpus was written to show: shared needs become projects with
    // donors, some with no donor at all; editions persist and change.
    assert!(demand.clusters.len() >= 5, "regional demand is found");
    assert!(demand.clusters.iter().any(|c| c.project.proposing_economy.is_some()));
    assert!(demand.clusters.iter().any(|c| c.donors.is_empty()));
    assert!(progress.editions.len() >= 6 && earlier.len() >= 6);

    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("json") {
        print!("{}", demand.to_json());
        return Ok(());
    }
    let donor: Party = arg.as_deref().unwrap_or("USA").parse()?;
    let brief = DonorBrief::new(&ranking, &demand, &donor, true)?;
    let summary = SummaryReport::new(&MatchGraph::new(&ranking), &SummaryOptions::new().build()?);

    let mut out = demand.to_markdown();
    out.push('\n');
    out.push_str(&brief.to_markdown());
    let _ = writeln!(out, "\n# Gaps: needs no offer meets\n");
    for section in &summary.gaps.by_section {
        for need in &section.needs {
            let section = need.section.as_deref().unwrap_or("no section");
            let _ = writeln!(out, "- **{}** {section}: {} ({})", need.recipient, need.text, need.id);
        }
    }
    out.push('\n');
    out.push_str(&progress_markdown(&progress));
    print!("{out}");
    Ok(())
}
