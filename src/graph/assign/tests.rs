use super::*;

/// A problem over needs 0..n and offers 0..m whose ids sort like their indices.
fn problem<'p>(n: usize, edges: &'p [Edge], capacity: &'p [u32], ranks: &'p [u32]) -> Problem<'p> {
    Problem { needs: n, edges, capacity, need_rank: &ranks[..n], offer_rank: &ranks[..capacity.len()] }
}

fn e(need: u32, offer: u32, score: f64) -> Edge {
    Edge { need, offer, score }
}

fn picks(s: &Solution) -> Vec<Option<u32>> {
    s.chosen.iter().map(|c| c.map(|(o, _)| o)).collect()
}

#[test]
fn exact_beats_greedy_where_greedy_grabs_the_best_edge() {
    // Greedy gives offer 0 to need 0 (0.9) and leaves need 1 out (its only
    // candidate is offer 0); exact serves both: 0.8 + 0.85 > 0.9.
    let edges = [e(0, 0, 0.9), e(0, 1, 0.8), e(1, 0, 0.85)];
    let ranks: Vec<u32> = (0..10).collect();
    let p = problem(2, &edges, &[1, 1], &ranks);
    let greedy = solve(&p, AssignMethod::Greedy, 0);
    let exact = solve(&p, AssignMethod::Exact, 0);
    assert_eq!(picks(&greedy), [Some(0), None]);
    assert_eq!(picks(&exact), [Some(1), Some(0)]);
    assert!((exact.stats.total_score - 1.65).abs() < 1e-12);
    assert_eq!(exact.stats.components, 1);
}

#[test]
fn capacity_is_expanded_into_slots() {
    // Three needs, one offer of capacity 2, one of capacity 1.
    let edges = [e(0, 0, 0.5), e(1, 0, 0.6), e(2, 0, 0.7), e(2, 1, 0.4)];
    let ranks: Vec<u32> = (0..10).collect();
    let p = problem(3, &edges, &[2, 1], &ranks);
    let exact = solve(&p, AssignMethod::Exact, 0);
    // 0.6 + 0.5 + 0.4 = 1.5 beats 0.7 + 0.6 = 1.3.
    assert_eq!(picks(&exact), [Some(0), Some(0), Some(1)]);
}

#[test]
fn zero_capacity_and_isolated_needs() {
    let edges = [e(0, 0, 0.5)];
    let ranks: Vec<u32> = (0..10).collect();
    let p = problem(2, &edges, &[0], &ranks);
    for method in [AssignMethod::Exact, AssignMethod::Greedy] {
        let s = solve(&p, method, 0);
        assert_eq!(picks(&s), [None, None]);
        assert_eq!(s.stats.components, 1);
    }
}

#[test]
fn components_are_solved_separately_and_auto_picks_per_component() {
    // Two components; a threshold that admits only the smaller one.
    let edges = [e(0, 0, 0.5), e(1, 1, 0.5), e(2, 1, 0.6), e(3, 1, 0.7)];
    let ranks: Vec<u32> = (0..10).collect();
    let p = problem(4, &edges, &[1, 1], &ranks);
    let s = solve(&p, AssignMethod::Auto, 1);
    assert_eq!((s.stats.components, s.stats.exact_components, s.stats.greedy_components), (2, 1, 1));
    assert_eq!(s.stats.largest_component, 3);
    assert_eq!(picks(&s), [Some(0), None, None, Some(1)]);
}

#[test]
fn greedy_ties_go_to_the_lower_need_id() {
    // Need 1 has the lower id (rank 0).
    let edges = [e(0, 0, 0.5), e(1, 0, 0.5)];
    let p = Problem { needs: 2, edges: &edges, capacity: &[1], need_rank: &[1, 0], offer_rank: &[0] };
    assert_eq!(picks(&solve(&p, AssignMethod::Greedy, 0)), [None, Some(0)]);
}

#[test]
fn weights_stay_positive() {
    assert_eq!(weight(0.0), 1);
    assert_eq!(weight(1e-9), 1);
    assert_eq!(weight(0.81), 810_000);
    assert_eq!(weight(1.0), 1_000_000);
}

#[test]
fn reasons_and_methods_have_their_json_names() {
    assert_eq!(
        serde_json::to_string(&UnassignedReason::CapacityExhausted).unwrap(),
        "\"capacity_exhausted\""
    );
    assert_eq!(UnassignedReason::NoCandidate.to_string(), "no_candidate");
    assert!("fast".parse::<AssignMethod>().is_err());
}

/// `SplitMix64`: a fixed, dependency-free random source for the measurements.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A ranking-like candidate graph: `n` needs, `m` offers, `k` candidates per
/// need drawn with a skew towards popular offers (as real topics are: offer
/// u·m for u the square of a uniform draw, or with `strong_skew` the product of
/// two), scores 0.3–0.95, capacities 1 to `max_cap`.
fn synthetic(
    n: usize,
    m: usize,
    k: usize,
    max_cap: u64,
    strong_skew: bool,
    seed: u64,
) -> (Vec<Edge>, Vec<u32>) {
    let mut rng = SplitMix(seed);
    let capacity: Vec<u32> = (0..m).map(|_| 1 + (rng.next() % max_cap) as u32).collect();
    let mut edges = Vec::with_capacity(n * k);
    for i in 0..n {
        let mut chosen: Vec<u32> = Vec::with_capacity(k);
        while chosen.len() < k.min(m) {
            let draw = rng.unit();
            let skewed = draw * if strong_skew { rng.unit() } else { draw };
            let j = (skewed * m as f64) as u32;
            if !chosen.contains(&j) {
                chosen.push(j);
            }
        }
        for j in chosen {
            edges.push(Edge { need: i as u32, offer: j, score: 0.3 + 0.65 * rng.unit() });
        }
    }
    (edges, capacity)
}

/// Kuhn–Munkres time and the exact-vs-greedy gap on synthetic components.
/// Run: `cargo test --release --lib graph::assign::tests::measure -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a check: run in release with --nocapture"]
fn measure_exact_vs_greedy() {
    println!("skew\tneeds\tslots\twork\texact_s\tgreedy_s\texact_total\tgreedy_total\tgap_%\tassigned_e/g");
    // (needs, offers, max capacity): as many offers as needs with capacity 1–3
    // (the synth benchmark's shape), and scarce offers (a quarter, capacity 1).
    let sizes = [(500, 500, 3), (1000, 1000, 3), (2000, 2000, 3), (4000, 4000, 3), (8000, 8000, 3)];
    let scarce =
        [(1000, 1000, 1), (2000, 2000, 1), (4000, 4000, 1), (2000, 500, 1), (4000, 1000, 1), (8000, 2000, 1)];
    for (&(n, m, max_cap), strong_skew) in sizes.iter().chain(&scarce).flat_map(|s| [(s, false), (s, true)]) {
        for seed in 1..=2u64 {
            let (edges, capacity) = synthetic(n, m, 5, max_cap, strong_skew, seed);
            let ranks: Vec<u32> = (0..n.max(m) as u32).collect();
            let p = Problem {
                needs: n,
                edges: &edges,
                capacity: &capacity,
                need_rank: &ranks,
                offer_rank: &ranks,
            };
            let comps = components(&p);
            let big = comps.iter().max_by_key(|c| c.needs.len()).map_or(0, |c| c.needs.len());
            let slot_total: u64 =
                comps.iter().map(|c| slots(c, &capacity).iter().map(|&s| u64::from(s)).sum::<u64>()).sum();
            let work: u64 = comps.iter().map(|c| exact_work_of(c, &capacity)).sum();
            let t = std::time::Instant::now();
            let exact = solve(&p, AssignMethod::Exact, 0);
            let te = t.elapsed().as_secs_f64();
            let t = std::time::Instant::now();
            let greedy = solve(&p, AssignMethod::Greedy, 0);
            let tg = t.elapsed().as_secs_f64();
            let (a, b) = (exact.stats.total_score, greedy.stats.total_score);
            let count = |s: &Solution| s.chosen.iter().flatten().count();
            println!(
                "{}\t{n}\t{slot_total}\t{work:.1e}\t{te:.3}\t{tg:.4}\t{a:.3}\t{b:.3}\t{:.2}\t{}/{} (largest component {big})",
                if strong_skew { "u·v" } else { "u²" },
                (a - b) / a * 100.0,
                count(&exact),
                count(&greedy),
                work = work as f64,
            );
            assert!(a + 1e-6 * n as f64 >= b);
        }
    }
}
