//! Properties of the capacity-respecting assignment on random small corpora.

use std::collections::{BTreeMap, BTreeSet};

use capmatch::graph::{Allocation, AssignMethod, Ranking, UnassignedReason, assign};
use capmatch::similarity::Analysis;
use capmatch::{Corpus, DEFAULT_CAPACITY, MatchConfig};
use proptest::prelude::*;

const PHRASES: &[&str] = &[
    "Single Window development",
    "risk management and cargo targeting",
    "port facility security",
    "the ISPS Code",
    "aviation security screening",
    "explosives trace detection",
    "Passenger Name Record data",
    "countering terrorist financing",
    "financial intelligence unit analysis",
    "alternative remittance systems",
    "cyber incident response",
    "a national CSIRT",
    "critical infrastructure protection",
    "CBRN first responders",
    "fraudulent travel documents",
    "container security",
    "Authorized Economic Operator programmes",
    "mutual recognition arrangements",
];
const PARTIES: &[&str] = &["HKC", "ROK", "PHL", "PE", "VN", "USA", "AUS", "JPN", "WCO", "CHL"];
const SECTIONS: &[&str] = &["A.1", "A.2", "A.3", "A.4", "A.5", "B", "C", "Energy Security"];
const KINDS: &[&str] =
    &["Workshops on", "Training on", "Sharing of best practices on", "Expert assistance on"];

/// (phrases, activity, section, capacity) of one item.
type RawItem = (Vec<usize>, usize, usize, Option<u32>);

fn item() -> impl Strategy<Value = RawItem> {
    (
        prop::collection::vec(0..PHRASES.len(), 1..4),
        0..KINDS.len(),
        0..SECTIONS.len(),
        prop::option::of(1u32..=3),
    )
}

fn corpus() -> impl Strategy<Value = Corpus> {
    let submission =
        (0..PARTIES.len(), prop::collection::vec(item(), 0..6), prop::collection::vec(item(), 0..5));
    prop::collection::vec(submission, 2..7).prop_map(|subs| {
        let text = |(phrases, kind, _, _): &RawItem| {
            let words: Vec<&str> = phrases.iter().map(|&p| PHRASES[p]).collect();
            format!("{} {}", KINDS[*kind], words.join(" and "))
        };
        let json = serde_json::json!({ "submissions": subs.iter().map(|(party, needs, offers)| serde_json::json!({
            "economy": PARTIES[*party], "year": 2020,
            "needs": needs.iter().map(|n| serde_json::json!({"section": SECTIONS[n.2], "text": text(n)})).collect::<Vec<_>>(),
            "offers": offers.iter().map(|o| {
                let mut v = serde_json::json!({"section": SECTIONS[o.2], "text": text(o)});
                if let Some(c) = o.3 { v["capacity"] = c.into(); }
                v
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>() });
        Corpus::from_json_str(&json.to_string(), None).expect("generated corpora are valid")
    })
}

/// Checks one plan against the corpus and its ranking.
fn check_plan(corpus: &Corpus, ranking: &Ranking<'_, '_>, plan: &Allocation) -> Result<(), TestCaseError> {
    let analysis = ranking.analysis();
    let edges: BTreeMap<(String, String), f64> = ranking
        .to_match_list()
        .matches
        .into_iter()
        .map(|m| ((m.need.to_string(), m.offer.to_string()), m.score))
        .collect();
    let capacity: BTreeMap<String, u32> = corpus
        .offers()
        .map(|o| (o.item.id.to_string(), o.item.capacity.unwrap_or(DEFAULT_CAPACITY)))
        .collect();
    let candidates =
        |need: &str| -> Vec<&String> { edges.keys().filter(|(n, _)| n == need).map(|(_, o)| o).collect() };

    // Every need exactly once, assigned or with a reason.
    let assigned: Vec<&str> = plan.assignments.iter().map(|a| a.need.as_str()).collect();
    let unassigned: Vec<&str> = plan.unassigned.iter().map(|u| u.need.as_str()).collect();
    prop_assert!(assigned.windows(2).all(|w| w[0] < w[1]), "assignments sorted by need id");
    prop_assert!(unassigned.windows(2).all(|w| w[0] < w[1]), "unassigned sorted by need id");
    let mut all: Vec<&str> = assigned.iter().chain(&unassigned).copied().collect();
    all.sort_unstable();
    let mut needs: Vec<String> = corpus.needs().map(|n| n.item.id.to_string()).collect();
    needs.sort_unstable();
    prop_assert_eq!(all, needs.iter().map(String::as_str).collect::<Vec<_>>());

    // Only along ranked edges, with their score.
    let mut used: BTreeMap<&str, u32> = BTreeMap::new();
    for a in &plan.assignments {
        let score = edges.get(&(a.need.to_string(), a.offer.to_string()));
        prop_assert_eq!(score, Some(&a.score), "{} → {} is not a ranked match", a.need, a.offer);
        *used.entry(a.offer.as_str()).or_default() += 1;
    }

    // No offer over capacity; the load says what the assignments say.
    for (offer, n) in &used {
        prop_assert!(*n <= capacity[*offer], "{offer} over capacity");
    }
    let loaded: BTreeSet<&str> = plan.load.iter().map(|l| l.offer.as_str()).collect();
    let with_candidates: BTreeSet<&str> = edges.keys().map(|(_, o)| o.as_str()).collect();
    prop_assert_eq!(&loaded, &with_candidates, "load lists exactly the candidate offers");
    for l in &plan.load {
        prop_assert_eq!(l.assigned, used.get(l.offer.as_str()).copied().unwrap_or(0));
        prop_assert_eq!(l.capacity, capacity[l.offer.as_str()]);
    }

    // Reasons are true.
    for u in &plan.unassigned {
        let c = candidates(u.need.as_str());
        match u.reason {
            UnassignedReason::NoCandidate => prop_assert!(c.is_empty()),
            UnassignedReason::CapacityExhausted => {
                prop_assert!(!c.is_empty());
                for o in c {
                    prop_assert_eq!(
                        used.get(o.as_str()).copied().unwrap_or(0),
                        capacity[o],
                        "{} had room",
                        o
                    );
                }
            }
        }
    }
    prop_assert_eq!(analysis.need_count(), corpus.need_count());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn plans_respect_capacity_and_exact_beats_greedy(corpus in corpus(), top_k in 1usize..=5) {
        let config = MatchConfig::new().top_k(top_k).min_score(0.25).build().unwrap();
        let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
        let ranking = Ranking::new(&analysis, &config);
        let exact = assign(&ranking, AssignMethod::Exact);
        let greedy = assign(&ranking, AssignMethod::Greedy);
        check_plan(&corpus, &ranking, &exact)?;
        check_plan(&corpus, &ranking, &greedy)?;
        // Exact maximises scores scaled to 10⁻⁶: allow that rounding per need.
        let slack = 1e-6 * corpus.need_count() as f64;
        prop_assert!(
            exact.stats.total_score + slack >= greedy.stats.total_score,
            "exact {} < greedy {}", exact.stats.total_score, greedy.stats.total_score
        );
        // Small components: Auto is exact.
        prop_assert_eq!(assign(&ranking, AssignMethod::Auto), exact);
    }

    #[test]
    fn plans_are_the_same_at_one_and_two_threads(corpus in corpus()) {
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| {
                let config = MatchConfig::new().build().unwrap();
                let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
                let ranking = Ranking::new(&analysis, &config);
                let mut out = Vec::new();
                for method in [AssignMethod::Exact, AssignMethod::Greedy] {
                    capmatch::report::write_allocation_json(&assign(&ranking, method), &mut out).unwrap();
                }
                out
            })
        };
        prop_assert_eq!(run(1), run(2));
    }
}
