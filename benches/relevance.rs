//! Benchmarks of need ↔ need relevance (`plan::relevance`) on synthetic needs:
//!
//! | bench | what is timed | throughput |
//! |---|---|---|
//! | `relevance/new/N` | `NeedRelevance::new` (index, sentence vectors) over an analysis of N needs | needs |
//! | `relevance/neighbours/N` | every need's neighbours at the threshold (parallel), as clustering asks | needs |
//!
//! The analysis is built once, outside the timed code, from `synth` at a fixed seed
//! (N needs, N / 10 offers). Each bench asserts something about its output.
//!
//! ```text
//! cargo bench --bench relevance              # about a minute
//! cargo bench --bench relevance -- --test    # CI smoke, each bench once
//! ```

use std::hint::black_box;
use std::time::Duration;

use capmatch::MatchConfig;
use capmatch::plan::relevance::NeedRelevance;
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

const SEED: u64 = 7;
const SIZES: [usize; 2] = [1_000, 10_000];

fn relevance(c: &mut Criterion) {
    let mut group = c.benchmark_group("relevance");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(20));
    for n in SIZES {
        let config =
            SynthConfig::new().needs(n).offers(n / 10).seed(SEED).build().expect("valid synth config");
        let corpus = generate(&config).corpus;
        let analysis = Analysis::new(&corpus, MatchConfig::new().fuzzy_threshold);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("new", n), &analysis, |b, a| {
            b.iter(|| {
                let r = NeedRelevance::new(black_box(a));
                assert!(r.threshold() > 0.0);
                r
            });
        });
        let r = NeedRelevance::new(&analysis);
        group.bench_with_input(BenchmarkId::new("neighbours", n), &r, |b, r| {
            b.iter(|| {
                let t = r.threshold();
                let found: usize = (0..analysis.need_count())
                    .into_par_iter()
                    .map(|i| r.neighbours(black_box(i), t).len())
                    .sum();
                assert!(found > 0, "synthetic needs restate each other: some pairs must be found");
                found
            });
        });
    }
    group.finish();
}

criterion_group!(benches, relevance);
criterion_main!(benches);
