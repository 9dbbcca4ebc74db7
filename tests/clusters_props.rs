//! The clusters contract on generated corpora (proptest): every need of the
//! editions used exactly once, in a cluster or in `unclustered`; every cluster spans
//! at least `min_economies` economies; clusters ordered by economies, then needs,
//! then first need id, with ids `c1`, `c2`…; the JSON says the same; and the same
//! corpus gives the same bytes at 1 and 2 threads.

use std::collections::{BTreeMap, BTreeSet};

use capmatch::graph::Ranking;
use capmatch::plan::{DemandOptions, Partition, RegionalDemand};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};
use capmatch::{Corpus, MatchConfig, Party};
use proptest::prelude::*;

fn demand(corpus: &Corpus, options: &DemandOptions) -> RegionalDemand {
    let config = MatchConfig::new().build().unwrap();
    let analysis = Analysis::new(corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    RegionalDemand::new(&ranking, options)
}

/// The needs of each party's latest dated edition and of every undated
/// submission (every need with `all`), as `plan::latest_editions` keeps them.
fn expected_needs(corpus: &Corpus, all: bool) -> BTreeSet<String> {
    let mut latest: BTreeMap<&Party, u16> = BTreeMap::new();
    for s in &corpus.submissions {
        if let Some(y) = s.year {
            let e = latest.entry(&s.economy).or_insert(y);
            *e = (*e).max(y);
        }
    }
    corpus
        .submissions
        .iter()
        .filter(|s| all || s.year.is_none() || latest.get(&s.economy) == s.year.as_ref())
        .flat_map(|s| s.needs.iter().map(|n| n.id.as_str().to_string()))
        .collect()
}

fn check(corpus: &Corpus, options: &DemandOptions) -> Result<(), TestCaseError> {
    let d = demand(corpus, options);
    let party: BTreeMap<String, Party> =
        corpus.needs().map(|r| (r.item.id.as_str().to_string(), r.submission.economy.clone())).collect();
    let mut seen: Vec<String> = d.unclustered.iter().map(|id| id.as_str().to_string()).collect();
    prop_assert!(seen.windows(2).all(|w| w[0] < w[1]));
    let mut previous: Option<(usize, usize, String)> = None;
    for (k, c) in d.clusters.iter().enumerate() {
        prop_assert_eq!(&c.id, &format!("c{}", k + 1));
        let needs: Vec<String> = c.needs.iter().map(|id| id.as_str().to_string()).collect();
        prop_assert!(needs.windows(2).all(|w| w[0] < w[1]));
        let economies: BTreeSet<&Party> = needs.iter().map(|id| &party[id]).collect();
        prop_assert_eq!(economies.len(), c.economies.len());
        prop_assert!(economies.len() >= options.min_economies);
        let key = (economies.len(), needs.len(), needs[0].clone());
        if let Some(p) = &previous {
            prop_assert!(
                (std::cmp::Reverse(p.0), std::cmp::Reverse(p.1), &p.2)
                    < (std::cmp::Reverse(key.0), std::cmp::Reverse(key.1), &key.2)
            );
        }
        previous = Some(key);
        for donor in &c.donors {
            prop_assert!(donor.needs_met >= 1 && donor.needs_met <= needs.len());
            prop_assert!(
                !economies.contains(&donor.donor)
                    || donor.matches.iter().all(|m| party[m.need.as_str()] != donor.donor)
            );
        }
        seen.extend(needs);
    }
    let set: BTreeSet<String> = seen.iter().cloned().collect();
    prop_assert_eq!(set.len(), seen.len(), "a need is listed twice");
    prop_assert_eq!(set, expected_needs(corpus, options.all_editions));
    let json = Partition::from_json(&d.to_json(), "json").unwrap();
    prop_assert_eq!(json, Partition::from(&d));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_contract_holds_on_synthetic_corpora(
        seed in 0u64..1_000,
        needs in 5usize..300,
        offers in 0usize..150,
        economies in 2usize..=21,
        min_economies in 2usize..5,
        all_editions in any::<bool>(),
    ) {
        let config = SynthConfig::new().needs(needs).offers(offers).economies(economies).seed(seed).build().unwrap();
        let corpus = generate(&config).corpus;
        let options = DemandOptions::new().min_economies(min_economies).all_editions(all_editions).build().unwrap();
        check(&corpus, &options)?;
    }
}

#[test]
fn the_same_bytes_at_one_and_two_threads_on_a_larger_corpus() {
    let corpus = generate(&SynthConfig::new().needs(1_500).offers(500).seed(11).build().unwrap()).corpus;
    let options = DemandOptions::new().all_editions(true).build().unwrap();
    let run = |threads| {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
            let d = demand(&corpus, &options);
            (d.to_json(), d.to_markdown())
        })
    };
    let one = run(1);
    assert!(one.0.contains("\"c1\""), "some regional demand is found");
    assert_eq!(one, run(2));
}
