//! Benchmarks of the `semantic` feature's static embeddings:
//!
//! | bench | what is timed | throughput |
//! |---|---|---|
//! | `semantic/embed_10k` | `SemanticModel::embed` of the 10,000 item texts (5k needs + 5k offers) of a `synth` corpus | texts |
//! | `semantic/cosine` | `Embedding::cosine` of two embeddings | pairs |
//!
//! ```text
//! cargo bench --bench semantic              # about 20 s
//! cargo bench --bench semantic -- --test    # smoke: each bench once
//! ```

use std::hint::black_box;

use capmatch::similarity::semantic::SemanticModel;
use capmatch::synth::{SynthConfig, generate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn texts() -> Vec<String> {
    let config = SynthConfig::new().needs(5_000).offers(5_000).seed(7).build().expect("valid synth config");
    let corpus = generate(&config).corpus;
    corpus.needs().chain(corpus.offers()).map(|item| item.item.text.clone()).collect()
}

fn bench(c: &mut Criterion) {
    let model = SemanticModel::global();
    let texts = texts();
    assert_eq!(texts.len(), 10_000);
    let mut group = c.benchmark_group("semantic");
    group.sample_size(10);
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("embed_10k", |b| {
        b.iter(|| {
            let nonzero = texts.iter().filter(|t| !model.embed(black_box(t)).is_zero()).count();
            assert_eq!(nonzero, texts.len(), "every synthetic text has known words");
            nonzero
        });
    });
    let a = model.embed(&texts[0]);
    let z = model.embed(&texts[1]);
    group.sample_size(50);
    group.throughput(Throughput::Elements(1));
    group.bench_function("cosine", |b| {
        b.iter(|| {
            let c = black_box(&a).cosine(black_box(&z));
            assert!((-1.0..=1.0).contains(&c));
            c
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
