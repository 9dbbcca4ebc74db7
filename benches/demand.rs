//! Benchmark of regional demand: `RegionalDemand::new` (need ↔ need relevance
//! built over the analysis, candidate pairs from its index, average-linkage
//! clustering, then labels, donors and a project concept per cluster) on synthetic
//! corpora of 1,000, 3,000 and 10,000 needs (and as many offers), every edition
//! used, so that every need takes part.
//!
//! ```text
//! cargo bench --bench demand               # about 2 minutes on an idle 2-core machine
//! cargo bench --bench demand -- --test     # smoke: each size once
//! ```
//!
//! Inputs come from `synth` at a fixed seed; the analysis and ranking are built
//! once per size, outside the timed code. The target is 10,000 needs within 10 s;
//! the README gives the figures and how the cost grows.

use std::hint::black_box;
use std::time::Duration;

use capmatch::MatchConfig;
use capmatch::graph::Ranking;
use capmatch::plan::{DemandOptions, RegionalDemand};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// The one seed every input is generated from.
const SEED: u64 = 7;

/// Needs (and offers) per corpus.
const SIZES: [usize; 3] = [1_000, 3_000, 10_000];

fn demand(c: &mut Criterion) {
    let mut group = c.benchmark_group("clusters");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    let options = DemandOptions::new().all_editions(true).build().expect("valid options");
    let config = MatchConfig::new().top_k(50).build().expect("valid match config");
    for n in SIZES {
        let synthetic =
            generate(&SynthConfig::new().needs(n).offers(n).seed(SEED).build().expect("valid synth config"));
        let analysis = Analysis::new(&synthetic.corpus, config.fuzzy_threshold);
        let ranking = Ranking::new(&analysis, &config);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &ranking, |b, ranking| {
            b.iter(|| {
                let demand = RegionalDemand::new(black_box(ranking), &options);
                let placed: usize =
                    demand.clusters.iter().map(|c| c.needs.len()).sum::<usize>() + demand.unclustered.len();
                // Every need exactly once, and some regional demand found.
                assert_eq!(placed, n);
                assert!(!demand.clusters.is_empty());
                demand
            });
        });
    }
    group.finish();
}

criterion_group!(benches, demand);
criterion_main!(benches);
