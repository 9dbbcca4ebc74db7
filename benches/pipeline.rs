//! Benchmarks of the pipeline stages, one criterion group per stage:
//!
//! | group      | what is timed                                                    | throughput |
//! |------------|------------------------------------------------------------------|------------|
//! | `parse`    | `ctap::parse` of the two bundled CTAPs, and of synthetic CTAP documents written by `ctap::print` (one economy, one year, N needs + N offers) | bytes |
//! | `features` | `Analysis::new` on N needs × N offers                          | items      |
//! | `score`    | `Scorer::score` on fixed pairs of the 10k corpus: its planted pairs, and random pairs | pairs |
//! | `match`    | `Analysis::new` + `Ranking::new` (default config, top 10) on N × N; exact mode at 1k | needs |
//! | `index`    | `CandidateIndex::new` on N × N; `candidates` for 2,000 of its needs on one thread | offers; needs |
//! | `report`   | `report::write_matches_json` of the 10k ranking into a `Vec`   | bytes      |
//! | `assign`   | `graph::assign` of the 10k ranking (auto, greedy) and of the 1k one (auto: exact) | needs |
//!
//! Every input comes from `synth` at one fixed seed and is built once, outside the
//! timed code (and outside criterion's per-sample calls: fixtures are cached). Each
//! bench asserts something about its output — counts, recall of the planted pairs —
//! so that one which silently does nothing fails.
//!
//! ```text
//! cargo bench --bench pipeline                  # everything: about 6 minutes on an idle 2-core machine
//! cargo bench --bench pipeline -- --test        # CI smoke, each bench once: about 20 s
//! cargo bench --bench pipeline -- '^match/'     # one group
//! ```
//!
//! The `index` group times the stage that takes the largest share of a large
//! match, on one thread and without the rest of the pipeline. The shared machine
//! still moves it: one build measured 238, 205 and 265 ms for the 100k sample in
//! three runs within ten minutes. To compare two builds, copy each one's bench
//! binary (`target/release/deps/pipeline-*`) and run them alternately, several
//! times each, with `--bench '^index/candidates/100000'`.
//!
//! The 100k sizes (`features`, `match`) take seconds per run (one 100k match about
//! 11 s), so they use 10 flat samples with short target times; they stay in the
//! smoke run, which takes about 1.5 minutes from a cold bench build (most of it
//! compiling). Parallel stages (`features`, `match`, `assign`) run about twice as
//! slow when anything else keeps one of the 2 cores busy: compare runs made on an
//! idle machine.

use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use capmatch::graph::{self, AssignMethod, Ranking, recall};
use capmatch::index::{CandidateIndex, Scratch};
use capmatch::similarity::{Analysis, Scorer};
use capmatch::synth::{SynthConfig, Synthetic, generate};
use capmatch::{MatchConfig, ParseOptions, ctap, report};
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
    measurement::WallTime,
};

/// The one seed every synthetic input is generated from.
const SEED: u64 = 7;

/// The size of the fixed-size benches (`score`, `report`, `assign`).
const MID: usize = 10_000;

/// The largest size, where one run takes seconds.
const LARGE: usize = 100_000;

/// The two real CTAPs bundled with the crate.
const FIXTURES: [(&str, &str); 2] = [
    ("hkc-2020", include_str!("../examples/data/hkc-2020.txt")),
    ("rok-2014", include_str!("../examples/data/rok-2014.txt")),
];

/// Corpus sizes (needs = offers) for the swept groups.
const SIZES: [usize; 3] = [1_000, MID, LARGE];

/// The matching configuration of the benches: defaults, top 10.
fn top10() -> MatchConfig {
    MatchConfig::new().top_k(10).build().expect("valid match config")
}

/// Settings for sizes whose single run takes seconds: few, flat samples.
fn slow(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    if n >= LARGE {
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    } else if n >= MID {
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(10));
    } else {
        group.sample_size(20).sampling_mode(SamplingMode::Auto);
        group.warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5));
    }
}

/// `make(n)`, computed once per process and size: criterion calls a bench's
/// closure once per sample, and inputs must not be rebuilt each time.
fn cached<T: Sync + 'static>(
    cache: &Mutex<BTreeMap<usize, &'static T>>,
    n: usize,
    make: impl FnOnce(usize) -> T,
) -> &'static T {
    let mut cache = cache.lock().expect("cache lock");
    cache.entry(n).or_insert_with(|| Box::leak(Box::new(make(n))))
}

/// The synthetic corpus of `n` needs × `n` offers at `SEED`.
fn synthetic(n: usize) -> &'static Synthetic {
    static CACHE: Mutex<BTreeMap<usize, &'static Synthetic>> = Mutex::new(BTreeMap::new());
    cached(&CACHE, n, |n| {
        generate(&SynthConfig::new().needs(n).offers(n).seed(SEED).build().expect("valid synth config"))
    })
}

/// The analysis of the `n` × `n` corpus.
fn analysis(n: usize) -> &'static Analysis<'static> {
    static CACHE: Mutex<BTreeMap<usize, &'static Analysis<'static>>> = Mutex::new(BTreeMap::new());
    cached(&CACHE, n, |n| Analysis::new(&synthetic(n).corpus, top10().fuzzy_threshold))
}

/// The top-10 ranking of the `n` × `n` corpus.
fn ranking(n: usize) -> &'static Ranking<'static, 'static> {
    static CACHE: Mutex<BTreeMap<usize, &'static Ranking<'static, 'static>>> = Mutex::new(BTreeMap::new());
    cached(&CACHE, n, |n| Ranking::new(analysis(n), &top10()))
}

/// A synthetic CTAP document of `n` needs and `n` offers: one economy's plan for
/// one year, written by `ctap::print`.
fn synthetic_ctap(n: usize) -> (String, usize) {
    let config = SynthConfig::new()
        .needs(n)
        .offers(n)
        .economies(1)
        .organisations(false)
        .planted_share(0.0)
        .distractor_share(0.0)
        .years(2020, 2020)
        .seed(SEED)
        .build()
        .expect("valid synth config");
    let corpus = generate(&config).corpus;
    // About 1% of items are undated and go to a second submission: take the dated one.
    let submission =
        corpus.submissions.iter().max_by_key(|s| s.needs.len() + s.offers.len()).expect("a submission");
    (ctap::print(submission), submission.needs.len() + submission.offers.len())
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, text) in FIXTURES {
        let options = ParseOptions::new().file(format!("{name}.txt"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("fixture", name), |b| {
            b.iter(|| {
                let parsed = ctap::parse(black_box(text), &options).expect("the fixture parses");
                assert!(!parsed.submission.needs.is_empty() && !parsed.submission.offers.is_empty());
                parsed
            });
        });
    }
    for n in [100, 1_000, 10_000] {
        let (text, items) = synthetic_ctap(n);
        let options = ParseOptions::new().file("synthetic.txt");
        slow(&mut group, n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("synthetic", n), |b| {
            b.iter(|| {
                let parsed = ctap::parse(black_box(&text), &options).expect("the printed plan parses");
                let s = &parsed.submission;
                // Print → parse keeps the items (a few may be merged as repeats).
                assert!(s.needs.len() + s.offers.len() >= items * 9 / 10, "items lost in parsing");
                parsed
            });
        });
    }
    group.finish();
}

fn bench_features(c: &mut Criterion) {
    let mut group = c.benchmark_group("features");
    let threshold = top10().fuzzy_threshold;
    for n in SIZES {
        slow(&mut group, n);
        group.throughput(Throughput::Elements(2 * n as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let corpus = &synthetic(n).corpus;
            b.iter(|| {
                let analysis = Analysis::new(black_box(corpus), threshold);
                assert_eq!((analysis.need_count(), analysis.offer_count()), (n, n));
                assert!(analysis.vocabulary_len() > 1_000);
                analysis
            });
        });
    }
    group.finish();
}

/// A small deterministic generator for the random pairs (`SplitMix64`).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// (need, offer) index pairs.
type Pairs = Vec<(usize, usize)>;

/// 4,096 planted (need, offer) index pairs of the 10k corpus, and 4,096 random ones.
fn score_pairs() -> &'static [(&'static str, Pairs); 2] {
    static PAIRS: OnceLock<[(&str, Pairs); 2]> = OnceLock::new();
    PAIRS.get_or_init(|| {
        const PAIRS: usize = 4_096;
        let analysis = analysis(MID);
        let needs: HashMap<_, _> =
            (0..analysis.need_count()).map(|i| (&analysis.need(i).item.id, i)).collect();
        let offers: HashMap<_, _> =
            (0..analysis.offer_count()).map(|j| (&analysis.offer(j).item.id, j)).collect();
        let planted: Pairs =
            synthetic(MID).truth.iter().map(|p| (needs[&p.need], offers[&p.offer])).take(PAIRS).collect();
        assert_eq!(planted.len(), PAIRS, "the 10k corpus has enough planted pairs");
        let mut state = SEED;
        let random = (0..PAIRS)
            .map(|_| {
                let i = (splitmix(&mut state) % analysis.need_count() as u64) as usize;
                let j = (splitmix(&mut state) % analysis.offer_count() as u64) as usize;
                (i, j)
            })
            .collect();
        [("planted", planted), ("random", random)]
    })
}

fn bench_score(c: &mut Criterion) {
    let mut group = c.benchmark_group("score");
    for (name, pairs) in score_pairs() {
        group.throughput(Throughput::Elements(pairs.len() as u64));
        group.bench_function(BenchmarkId::new(*name, pairs.len()), |b| {
            let scorer = Scorer::new(analysis(MID), capmatch::similarity::Model::builtin());
            b.iter(|| {
                let mut sum = 0.0;
                for &(i, j) in black_box(pairs) {
                    let (score, _) = scorer.score(i, j);
                    sum += score;
                }
                assert!(sum > 0.0 && sum <= pairs.len() as f64, "scores are in [0, 1]");
                sum
            });
        });
    }
    group.finish();
}

/// Times `Analysis::new` + `Ranking::new` on `synthetic`'s corpus, checking the recall of the
/// planted pairs after each run, outside the timed part.
fn time_match(b: &mut criterion::Bencher<'_>, synthetic: &Synthetic, config: &MatchConfig, min_recall: f64) {
    b.iter_custom(|iters| {
        let mut timed = Duration::ZERO;
        for _ in 0..iters {
            let start = Instant::now();
            let analysis = Analysis::new(black_box(&synthetic.corpus), config.fuzzy_threshold);
            let ranking = Ranking::new(&analysis, config);
            timed += start.elapsed();
            let r = recall(&ranking, synthetic.truth.iter().map(|p| (&p.need, &p.offer)));
            assert_eq!(r.planted, synthetic.truth.len());
            assert!(r.recall() > min_recall, "recall@10 {:.3} at or below {min_recall}", r.recall());
        }
        timed
    });
}

fn bench_match(c: &mut Criterion) {
    let mut group = c.benchmark_group("match");
    let config = top10();
    for n in SIZES {
        slow(&mut group, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("index", n), |b| {
            time_match(b, synthetic(n), &config, 0.5);
        });
    }
    let exact = MatchConfig { exact: true, ..config };
    slow(&mut group, 1_000);
    group.throughput(Throughput::Elements(1_000));
    group.bench_function(BenchmarkId::new("exact", 1_000), |b| {
        time_match(b, synthetic(1_000), &exact, 0.5);
    });
    group.finish();
}

/// The needs the `index/candidates` bench asks for: four runs of 500 consecutive
/// needs in the index's reading order (as one thread ranks them, sharing lists
/// with their neighbours), starting at its beginning, quarter, half and three
/// quarters.
fn index_sample(index: &CandidateIndex, analysis: &Analysis<'_>) -> Vec<usize> {
    let order = index.reading_order(analysis);
    (0..4)
        .flat_map(|q| {
            let start = order.len() * q / 4;
            order[start..(start + 500).min(order.len())].to_vec()
        })
        .collect()
}

/// The share of the planted pairs of `needs` whose offer is among the need's
/// candidates.
fn candidate_recall(n: usize, index: &CandidateIndex, needs: &[usize]) -> f64 {
    let (analysis, synthetic) = (analysis(n), synthetic(n));
    let offers: HashMap<&str, u32> =
        (0..analysis.offer_count()).map(|j| (analysis.offer(j).item.id.as_str(), j as u32)).collect();
    let mut planted: HashMap<&str, Vec<u32>> = HashMap::new();
    for p in &synthetic.truth {
        planted.entry(p.need.as_str()).or_default().extend(offers.get(p.offer.as_str()));
    }
    let limits = top10().limits_for(n);
    let mut scratch = Scratch::new(analysis.offer_count());
    let (mut found, mut all) = (0, 0);
    for &i in needs {
        let Some(wanted) = planted.get(analysis.need(i).item.id.as_str()) else { continue };
        let candidates = index.candidates(analysis, i, limits, &mut scratch);
        found += wanted.iter().filter(|j| candidates.binary_search(j).is_ok()).count();
        all += wanted.len();
    }
    assert!(all > 0, "the sample has planted pairs");
    found as f64 / all as f64
}

fn bench_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("index");
    for n in [MID, LARGE] {
        slow(&mut group, n);
        let analysis = analysis(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("build", n), |b| {
            b.iter(|| {
                let index = CandidateIndex::new(black_box(analysis));
                assert!(index.len() > n, "every offer has postings");
                index
            });
        });
        let index = CandidateIndex::new(analysis);
        let needs = index_sample(&index, analysis);
        // Checked once, outside the timed part: the candidates hold nearly every
        // planted offer (0.996 of the sample's at 10k with its 40 candidates, 0.981 at
        // 100k with 100).
        let recall = candidate_recall(n, &index, &needs);
        assert!(recall > 0.95, "candidates hold {recall:.3} of the planted offers");
        eprintln!("index/candidates/{n}: the candidates hold {recall:.4} of the sample's planted offers");
        let limits = top10().limits_for(n);
        let mut scratch = Scratch::new(analysis.offer_count());
        group.throughput(Throughput::Elements(needs.len() as u64));
        group.bench_function(BenchmarkId::new("candidates", n), |b| {
            b.iter(|| {
                let total: usize =
                    needs.iter().map(|&i| index.candidates(analysis, i, limits, &mut scratch).len()).sum();
                // 100 a need from 100,000 offers on, 40 at 10,000 (`limits_for`).
                assert!(
                    total > limits.max_candidates / 2 * needs.len(),
                    "about max_candidates candidates a need"
                );
                total
            });
        });
    }
    group.finish();
}

fn bench_report(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    // A dry run gives the size for the throughput and checks the output once.
    let ranking = ranking(MID);
    let mut out = Vec::new();
    report::write_matches_json(ranking, &mut out).expect("writing to a Vec");
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert!(v["matches"].as_array().is_some_and(|m| m.len() > MID), "matches written");
    let len = out.len();
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function(BenchmarkId::new("matches_json", MID), |b| {
        b.iter(|| {
            out.clear();
            report::write_matches_json(black_box(ranking), &mut out).expect("writing to a Vec");
            assert_eq!(out.len(), len, "the same bytes every run");
        });
    });
    group.finish();
}

fn bench_assign(c: &mut Criterion) {
    let mut group = c.benchmark_group("assign");
    group.sample_size(20);
    // At 10k the candidate graph is one component too large for Kuhn–Munkres, so
    // `auto` is greedy there; at 1k it is solved exactly.
    for (method, n) in [(AssignMethod::Auto, 1_000), (AssignMethod::Auto, MID), (AssignMethod::Greedy, MID)] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new(method.name(), n), |b| {
            let ranking = ranking(n);
            b.iter(|| {
                let plan = graph::assign(black_box(ranking), method);
                assert_eq!(plan.assignments.len() + plan.unassigned.len(), n);
                assert!(plan.assignments.len() > n / 2, "most needs are served");
                assert!(n > 1_000 || plan.stats.exact_components > 0, "1k is solved exactly");
                plan
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_parse,
    bench_features,
    bench_score,
    bench_match,
    bench_index,
    bench_report,
    bench_assign
);
criterion_main!(benches);
