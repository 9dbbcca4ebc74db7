//! Generates a synthetic corpus and reports time and peak memory.
//!
//! ```text
//! cargo run --release --example synth_size -- [NEEDS] [OFFERS] [CORPUS.json] [TRUTH.json]
//! ```
//!
//! NEEDS and OFFERS default to 10,000; the corpus and truth JSON go to the files
//! given, or are serialised into a sink (the cost of writing them is still paid).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::time::Instant;

use capmatch::synth::{SynthConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| -> Result<usize, std::num::ParseIntError> {
        args.get(i).map_or(Ok(10_000), |s| s.replace('_', "").parse())
    };
    let (needs, offers) = (number(0)?, number(1)?);
    let sink = |i: usize| -> io::Result<Box<dyn Write>> {
        Ok(match args.get(i) {
            Some(path) => Box::new(BufWriter::new(File::create(path)?)),
            None => Box::new(io::sink()),
        })
    };

    let config = SynthConfig::new().needs(needs).offers(offers).seed(7).build()?;
    let start = Instant::now();
    let synthetic = generate(&config);
    let generated = start.elapsed();

    let start = Instant::now();
    // The same bytes as `Corpus::to_json_pretty`, without building one big String.
    let mut out = sink(2)?;
    serde_json::to_writer_pretty(&mut out, &synthetic.corpus)?;
    out.write_all(b"\n")?;
    out.flush()?;
    synthetic.write_truth(sink(3)?)?;
    let written = start.elapsed();

    assert_eq!(synthetic.corpus.need_count(), needs);
    assert_eq!(synthetic.corpus.offer_count(), offers);
    println!(
        "{needs} needs x {offers} offers: generate {:.2} s, write JSON {:.2} s, {} submissions, {} planted pairs, peak RSS {}",
        generated.as_secs_f64(),
        written.as_secs_f64(),
        synthetic.corpus.submissions.len(),
        synthetic.truth.len(),
        peak_rss().unwrap_or_else(|| "unknown".into()),
    );
    Ok(())
}

/// The process's peak resident set size (Linux: `VmHWM` in /proc/self/status).
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{} MB", kb / 1024))
}
