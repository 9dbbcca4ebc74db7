use std::time::Instant;
use capmatch::MatchConfig;
use capmatch::graph::{Ranking, recall};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let budget: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(40000);
    let cands: usize = std::env::args().nth(3).map(|s| s.parse().unwrap()).unwrap_or(200);
    let s = generate(&SynthConfig::new().needs(n).offers(n).seed(7).build().unwrap());
    let t = Instant::now();
    let ms: f64 = std::env::var("MS").ok().and_then(|v| v.parse().ok()).unwrap_or(0.3);
    let config = MatchConfig::new().top_k(10).min_score(ms).posting_budget(budget).max_candidates(cands).build().unwrap();
    let a = Analysis::new(&s.corpus, config.fuzzy_threshold);
    let ta = t.elapsed();
    let t = Instant::now();
    let r = Ranking::new(&a, &config);
    let tr = t.elapsed();
    let rc = recall(&r, s.truth.iter().map(|p| (&p.need, &p.offer)));
    println!("n={n} vocab={} analysis {:.2}s rank {:.2}s recall {:.4}", a.vocabulary_len(), ta.as_secs_f64(), tr.as_secs_f64(), rc.recall());
}
