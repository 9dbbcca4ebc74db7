use capmatch::MatchConfig;
use capmatch::graph::Ranking;
use capmatch::similarity::{Analysis, Scorer};
use capmatch::synth::{SynthConfig, generate};
use std::collections::HashMap;
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let s = generate(&SynthConfig::new().needs(n).offers(n).seed(7).build().unwrap());
    let config = MatchConfig::new().top_k(10).min_score(0.0).build().unwrap();
    let a = Analysis::new(&s.corpus, config.fuzzy_threshold);
    let r = Ranking::new(&a, &config);
    let sc = Scorer::new(&a, config.weights);
    let ni: HashMap<_, _> = (0..a.need_count()).map(|i| (a.need(i).item.id.clone(), i)).collect();
    let oi: HashMap<_, _> = (0..a.offer_count()).map(|j| (a.offer(j).item.id.clone(), j)).collect();
    let mut shown = 0;
    for p in &s.truth {
        let i = ni[&p.need]; let j = oi[&p.offer];
        if r.ranked(i).iter().any(|x| x.offer as usize == j) { continue; }
        shown += 1; if shown > 6 { break; }
        let (ps, pc) = sc.score(i, j);
        println!("NEED {}\n  PLANTED {:.3} {:?} {}\n   shared {:?}", a.need(i).item.text, ps, pc, a.offer(j).item.text, a.shared_terms(i,j,8));
        for x in r.ranked(i).iter().take(2) {
            println!("  TOP {:.3} {:?} {}\n   shared {:?}", x.score, x.components, a.offer(x.offer as usize).item.text, a.shared_terms(i, x.offer as usize, 8));
        }
    }
}
