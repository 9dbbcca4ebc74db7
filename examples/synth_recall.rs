//! Measures recall@k of the matcher on a synthetic corpus with planted matches.
//!
//! ```text
//! cargo run --release --example synth_recall -- [NEEDS] [OFFERS] [K]
//! ```
//!
//! NEEDS and OFFERS default to 2,000, K to 10.

use std::time::Instant;

use capmatch::MatchConfig;
use capmatch::graph::{Ranking, recall};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| -> Result<usize, std::num::ParseIntError> {
        args.get(i).map_or(Ok(default), |s| s.replace('_', "").parse())
    };
    let (needs, offers, k) = (number(0, 2000)?, number(1, 2000)?, number(2, 10)?);

    let start = Instant::now();
    let synthetic = generate(&SynthConfig::new().needs(needs).offers(offers).seed(7).build()?);
    let generated = start.elapsed();

    let start = Instant::now();
    let config = MatchConfig::new().top_k(k).min_score(0.0).build()?;
    let analysis = Analysis::new(&synthetic.corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let matched = start.elapsed();

    let r = recall(&ranking, synthetic.truth.iter().map(|p| (&p.need, &p.offer)));
    assert_eq!(r.planted, synthetic.truth.len());
    println!(
        "{needs} needs x {offers} offers: generate {:.2} s, match {:.2} s, recall@{k} {:.3} ({} of {} planted pairs)",
        generated.as_secs_f64(),
        matched.as_secs_f64(),
        r.recall(),
        r.found,
        r.planted,
    );
    Ok(())
}
