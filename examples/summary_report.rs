//! The Summary Report of Counter-Terrorism Capacity Building Needs for the two
//! bundled CTAPs: needs by section with candidate donors, the gaps, offers no one
//! asked for, the economy × economy strength table, totals by area and pillar.
//!
//! ```text
//! cargo run --example summary_report              # Markdown
//! cargo run --example summary_report -- json      # the same content as JSON
//! cargo run --example summary_report -- html > summary.html   # one page with pictures
//! cargo run --example summary_report -- dot | dot -Tsvg > network.svg
//! ```

use std::io::Write;
use std::path::Path;

use capmatch::MatchConfig;
use capmatch::graph::{MatchGraph, Ranking};
use capmatch::input::{LoadOptions, load};
use capmatch::report::{self, SummaryOptions, SummaryReport};
use capmatch::similarity::Analysis;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let loaded = load(&[data.join("hkc-2020.txt"), data.join("rok-2014.txt")], &LoadOptions::default())?;

    let config = MatchConfig::new().build()?;
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let graph = MatchGraph::new(&ranking);
    let summary = SummaryReport::new(&graph, &SummaryOptions::new().build()?);

    assert_eq!(summary.overview.needs, loaded.corpus.need_count(), "every need is in the report");
    let text = match std::env::args().nth(1).as_deref() {
        Some("json") => summary.to_json(),
        Some("html") => summary.to_html(),
        Some("dot") => report::to_dot(&graph),
        _ => summary.to_markdown(),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}
