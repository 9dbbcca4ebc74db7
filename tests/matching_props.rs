//! Scoring and ranking invariants, as properties over generated corpora.

use capmatch::graph::Ranking;
use capmatch::similarity::{Analysis, Scorer};
use capmatch::{Corpus, Economy, Item, MatchConfig, Section, Submission};
use proptest::prelude::*;

/// Words of the field, so generated items overlap the way real ones do.
const WORDS: &[&str] = &[
    "single",
    "window",
    "workshop",
    "workshops",
    "AEO",
    "authorised",
    "economic",
    "operator",
    "training",
    "port",
    "facility",
    "security",
    "ISPS",
    "code",
    "aviation",
    "screening",
    "cargo",
    "API/PNR",
    "passenger",
    "AML/CFT",
    "FATF",
    "financial",
    "intelligence",
    "unit",
    "cyber",
    "crime",
    "forensics",
    "CERT",
    "drills",
    "seminar",
    "best",
    "practices",
    "risk",
    "management",
    "customs",
    "trade",
    "recovery",
    "biometrics",
    "e-passport",
    "NPO",
    "misuse",
    "bulk",
    "cash",
    "smuggling",
    "critical",
    "infrastructure",
    "soft",
    "targets",
    "food",
    "defence",
    "MANPADS",
    "equipment",
    "experts",
    "exercise",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 2..12).prop_map(|w| w.join(" "))
}

fn section() -> impl Strategy<Value = Option<Section>> {
    prop::option::of(prop::sample::select(Section::KNOWN.to_vec()))
}

fn corpus_strategy() -> impl Strategy<Value = Corpus> {
    let sub = (
        prop::sample::select(Economy::ALL.to_vec()),
        prop::collection::vec((text(), section()), 0..5),
        prop::collection::vec((text(), section()), 0..5),
    );
    prop::collection::vec(sub, 1..5).prop_map(|subs| {
        let submissions = subs
            .into_iter()
            .enumerate()
            .map(|(s, (e, needs, offers))| {
                let mut sub = Submission::new(e, Some(2020));
                let mk = |(k, (t, sec)): (usize, (String, Option<Section>)), kind: &str| {
                    let mut item = Item::new(format!("s{s}-{kind}{k}"), t).unwrap();
                    item.section = sec;
                    item
                };
                sub.needs = needs.into_iter().enumerate().map(|x| mk(x, "n")).collect();
                sub.offers = offers.into_iter().enumerate().map(|x| mk(x, "o")).collect();
                sub
            })
            .collect();
        Corpus::from_submissions(submissions).unwrap()
    })
}

fn json_at(corpus: &Corpus, config: &MatchConfig, threads: usize) -> Vec<u8> {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
        let analysis = Analysis::new(corpus, config.fuzzy_threshold);
        let ranking = Ranking::new(&analysis, config);
        let mut out = Vec::new();
        capmatch::report::write_matches_json(&ranking, &mut out).unwrap();
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_and_components_are_in_unit_range(corpus in corpus_strategy()) {
        let analysis = Analysis::new(&corpus, 0.92);
        let scorer = Scorer::new(&analysis, capmatch::similarity::Model::builtin());
        for i in 0..analysis.need_count() {
            for j in 0..analysis.offer_count() {
                let (s, c) = scorer.score(i, j);
                for x in [s, c.topic, c.section, c.pillar, c.activity, c.concept] {
                    prop_assert!((0.0..=1.0).contains(&x), "{x}");
                }
            }
        }
    }

    #[test]
    fn every_need_is_matched_or_unmet_and_no_party_matches_itself(corpus in corpus_strategy()) {
        let list = capmatch::match_corpus(&corpus, &MatchConfig::new().min_score(0.0).min_topic(0.0)).unwrap();
        let needs: Vec<_> = corpus.needs().map(|r| r.item.id.clone()).collect();
        for id in &needs {
            let matched = list.matches.iter().any(|m| &m.need == id);
            let unmet = list.unmet_needs.contains(id);
            prop_assert!(matched != unmet, "{id} matched={matched} unmet={unmet}");
        }
        for m in &list.matches {
            prop_assert_ne!(&m.donor, &m.recipient);
        }
    }

    /// A match explains its score: the contributions add up to its log-odds, and its
    /// tier is the model's for its score; weak matches appear only below `partial`.
    #[test]
    fn contributions_and_tiers_explain_the_score(corpus in corpus_strategy(), min in 0.0f64..0.5) {
        let model = capmatch::similarity::Model::builtin();
        let list = capmatch::match_corpus(&corpus, &MatchConfig::new().min_score(min).top_k(10)).unwrap();
        for m in &list.matches {
            let c = &m.contributions;
            let z = c.intercept + c.topic + c.concept + c.no_concept + c.section + c.pillar + c.activity + c.semantic;
            let p = 1.0 / (1.0 + (-z).exp());
            prop_assert!((p - m.score).abs() < 2e-3, "{p} vs {}", m.score);
            prop_assert!(m.score >= min - 1e-4);
            let tier = model.tier(m.score);
            // The score is rounded: allow the tier of a score on a threshold either way.
            let near = [model.thresholds.partial, model.thresholds.strong].iter().any(|t| (m.score - t).abs() < 1e-4);
            prop_assert!(near || tier == m.tier, "{:?} for {}", m.tier, m.score);
            if min >= model.thresholds.partial {
                prop_assert_ne!(m.tier, capmatch::similarity::Tier::Weak);
            }
        }
    }

    #[test]
    fn output_is_identical_with_one_and_two_threads(corpus in corpus_strategy()) {
        let config = MatchConfig::new().min_score(0.0).build().unwrap();
        prop_assert_eq!(json_at(&corpus, &config, 1), json_at(&corpus, &config, 2));
    }

    #[test]
    fn an_unrelated_offer_changes_no_other_score(corpus in corpus_strategy()) {
        let before = Analysis::new(&corpus, 0.92);
        let scorer = Scorer::new(&before, capmatch::similarity::Model::builtin());
        let old: Vec<Vec<f64>> = (0..before.need_count())
            .map(|i| (0..before.offer_count()).map(|j| scorer.score(i, j).0).collect())
            .collect();
        let mut bigger = corpus.clone();
        let mut sub = Submission::new(Economy::Png, Some(2021));
        sub.offers.push(Item::new("unrelated", "zxqv plorbit wendlesnap").unwrap());
        bigger.submissions.push(sub);
        let after = Analysis::new(&bigger, 0.92);
        let scorer = Scorer::new(&after, capmatch::similarity::Model::builtin());
        // The new offer is appended last, so earlier offer indices are unchanged.
        for (i, row) in old.iter().enumerate() {
            for (j, s) in row.iter().enumerate() {
                prop_assert!((scorer.score(i, j).0 - s).abs() < 1e-9);
            }
        }
    }
}

#[test]
fn exact_mode_finds_what_the_index_finds_on_a_small_corpus() {
    let corpus = Corpus::from_json_str(
        r#"{"submissions":[
          {"economy":"PHL","year":2020,"needs":[{"section":"A.4","text":"Training on API/PNR analysis for immigration officers"},
                                    {"section":"B","text":"Workshop on preventing the misuse of non-profit organisations"}]},
          {"economy":"USA","year":2020,"offers":[{"section":"A.4","text":"Advance passenger information and passenger name record workshops"},
                                     {"section":"B","text":"NPO sector outreach and risk assessment training"}]},
          {"economy":"AUS","year":2020,"offers":[{"section":"B","text":"AML/CFT mentoring for financial intelligence units"}]}]}"#,
        None,
    )
    .unwrap();
    let indexed = capmatch::match_corpus(&corpus, &MatchConfig::new()).unwrap();
    let exact = capmatch::match_corpus(&corpus, &MatchConfig::new().exact(true)).unwrap();
    assert_eq!(indexed, exact);
    assert_eq!(indexed.matches[0].offer.as_str(), "usa-2020-o1");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The ranking scores pairs through a scattered need vector; the result must be
    /// the scorer's own, pair by pair.
    #[test]
    fn ranked_scores_equal_pairwise_scores(corpus in corpus_strategy()) {
        let config = MatchConfig::new().min_score(0.0).min_topic(0.0).top_k(1000).exact(true).build().unwrap();
        let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
        let scorer = Scorer::new(&analysis, capmatch::similarity::Model::builtin());
        let ranking = Ranking::new(&analysis, &config);
        for i in 0..analysis.need_count() {
            for r in ranking.ranked(i) {
                let (s, c) = scorer.score(i, r.offer as usize);
                prop_assert!((s - r.score).abs() < 1e-9 && (c.topic - r.components.topic).abs() < 1e-9);
            }
        }
    }
}
