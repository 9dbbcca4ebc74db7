//! The crate's promises, as properties over generated input (fixed, small case
//! counts so the suite stays fast):
//!
//! - every need is in exactly one of: a need with matches, or `unmet_needs`, both
//!   through the library (`match_corpus`) and through the command line's JSON;
//! - scores and their components are in [0, 1], whatever valid configuration;
//! - the output is byte-identical at 1 and 2 threads;
//! - `input::load` never panics, whatever the files hold, and its errors say where.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use capmatch::graph::Ranking;
use capmatch::input::{LoadOptions, load};
use capmatch::similarity::Analysis;
use capmatch::synth::{SynthConfig, generate};
use capmatch::{Corpus, Economy, Item, MatchConfig, MatchList, Party, Section, Submission, match_corpus};
use proptest::prelude::*;
use proptest::sample::select;

/// Words of the field, some spelling variants and noise, so that items overlap the
/// way real ones do and some share nothing.
const WORDS: &[&str] = &[
    "single",
    "window",
    "workshop",
    "workshops",
    "AEO",
    "authorised",
    "authorized",
    "economic",
    "operator",
    "training",
    "port",
    "security",
    "ISPS",
    "aviation",
    "screening",
    "cargo",
    "API/PNR",
    "AML/CFT",
    "FATF",
    "financial",
    "intelligence",
    "cyber",
    "crime",
    "CERT",
    "drills",
    "seminar",
    "risk",
    "management",
    "customs",
    "trade",
    "recovery",
    "would",
    "be",
    "useful",
    "could",
    "provide",
    "the",
    "of",
    "—",
    "·",
    "\u{F0D8}",
    "(1)",
    "e\u{301}cole",
    "東京",
    "\u{1F600}",
    "x",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(select(WORDS), 1..14).prop_map(|w| w.join(" ")),
        1 => "[a-z]{1,12}( [a-z]{1,12}){0,6}",
        1 => "\\PC{1,40}".prop_filter("not blank", |s| !s.trim().is_empty()),
    ]
}

fn party() -> impl Strategy<Value = Party> {
    prop_oneof![
        6 => select(Economy::ALL.to_vec()).prop_map(Party::from),
        1 => select(vec!["WCO", "UNODC", "org:Pacific Islands Forum"]).prop_map(|o| o.parse::<Party>().unwrap()),
    ]
}

fn section() -> impl Strategy<Value = Option<Section>> {
    prop::option::of(prop_oneof![
        6 => select(Section::KNOWN.to_vec()),
        1 => Just(Section::Other("D. Energy Security".into())),
    ])
}

/// A corpus of a few submissions (parties may repeat, so a party can have both
/// needs and offers, and several submissions).
fn corpus() -> impl Strategy<Value = Corpus> {
    let sub = (
        party(),
        prop::option::of(2000u16..2030),
        prop::collection::vec((text(), section()), 0..7),
        prop::collection::vec((text(), section(), prop::option::of(1u32..4)), 0..7),
    );
    prop::collection::vec(sub, 1..6).prop_map(|subs| {
        let submissions = subs
            .into_iter()
            .enumerate()
            .map(|(s, (party, year, needs, offers))| {
                let mut sub = Submission::new(party, year);
                sub.needs = needs
                    .into_iter()
                    .enumerate()
                    .map(|(k, (t, sec))| Item { section: sec, ..Item::new(format!("s{s}-n{k}"), t).unwrap() })
                    .collect();
                sub.offers = offers
                    .into_iter()
                    .enumerate()
                    .map(|(k, (t, sec, cap))| Item {
                        section: sec,
                        capacity: cap,
                        ..Item::new(format!("s{s}-o{k}"), t).unwrap()
                    })
                    .collect();
                sub
            })
            .collect();
        Corpus::from_submissions(submissions).unwrap()
    })
}

/// Any configuration that `MatchConfig::build` accepts.
fn config() -> impl Strategy<Value = MatchConfig> {
    (
        1usize..8,
        prop_oneof![3 => 0.0f64..=1.0, 1 => Just(0.0), 1 => Just(1.0)],
        prop_oneof![3 => 0.0f64..=1.0, 1 => Just(0.0)],
        0.5f64..=1.0,
        prop_oneof![Just(1usize), 2usize..50, Just(20_000)],
        prop_oneof![Just(1usize), 2usize..20, Just(100)],
        any::<bool>(),
    )
        .prop_filter_map("valid", |(k, min_score, min_topic, fuzzy, budget, candidates, exact)| {
            MatchConfig::new()
                .top_k(k)
                .min_score(min_score)
                .min_topic(min_topic)
                .fuzzy_threshold(fuzzy)
                .posting_budget(budget)
                .max_candidates(candidates)
                .exact(exact)
                .build()
                .ok()
        })
}

/// The match contract holds for `list` over `corpus` with `config`.
fn check_contract(corpus: &Corpus, config: &MatchConfig, list: &MatchList) -> Result<(), TestCaseError> {
    let needs: BTreeMap<&str, &Party> =
        corpus.needs().map(|r| (r.item.id.as_str(), &r.submission.economy)).collect();
    let offers: BTreeMap<&str, &Party> =
        corpus.offers().map(|r| (r.item.id.as_str(), &r.submission.economy)).collect();
    let matched: BTreeSet<&str> = list.matches.iter().map(|m| m.need.as_str()).collect();
    let unmet: BTreeSet<&str> = list.unmet_needs.iter().map(capmatch::ItemId::as_str).collect();
    prop_assert_eq!(unmet.len(), list.unmet_needs.len(), "an unmet need listed twice");
    prop_assert!(matched.is_disjoint(&unmet), "a need both matched and unmet");
    let all: BTreeSet<&str> = matched.union(&unmet).copied().collect();
    prop_assert_eq!(all, needs.keys().copied().collect::<BTreeSet<_>>(), "every need, and only needs");
    // Sorted by need id, then rank; ranks 1..=k without gaps; best first.
    let mut previous: Option<(&str, u32, f64)> = None;
    for m in &list.matches {
        prop_assert!(
            (1..=config.top_k as u32).contains(&m.rank),
            "rank {} with top {}",
            m.rank,
            config.top_k
        );
        match previous {
            Some((need, rank, score)) if need == m.need.as_str() => {
                prop_assert_eq!(m.rank, rank + 1);
                prop_assert!(m.score <= score, "not best first: {} after {}", m.score, score);
            }
            Some((need, ..)) => {
                prop_assert!(need < m.need.as_str(), "needs out of id order");
                prop_assert_eq!(m.rank, 1);
            }
            None => prop_assert_eq!(m.rank, 1),
        }
        previous = Some((m.need.as_str(), m.rank, m.score));
        let c = &m.components;
        for x in [m.score, c.topic, c.section, c.pillar, c.activity] {
            prop_assert!((0.0..=1.0).contains(&x), "{x} out of [0, 1] in {m:?}");
        }
        prop_assert!(
            m.score + 1e-4 >= config.min_score,
            "{} below the minimum {}",
            m.score,
            config.min_score
        );
        prop_assert_eq!(needs.get(m.need.as_str()), Some(&&m.recipient));
        prop_assert_eq!(offers.get(m.offer.as_str()), Some(&&m.donor));
        prop_assert_ne!(&m.donor, &m.recipient, "a party matched itself");
    }
    Ok(())
}

fn json_at(corpus: &Corpus, config: &MatchConfig, threads: usize) -> Vec<u8> {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
        let analysis = Analysis::new(corpus, config.fuzzy_threshold);
        let ranking = Ranking::new(&analysis, config);
        let mut out = Vec::new();
        capmatch::report::write_matches_json(&ranking, &mut out).unwrap();
        capmatch::report::write_matches_csv(&ranking, &mut out).unwrap();
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_need_is_matched_or_unmet_and_scores_are_in_unit_range(corpus in corpus(), config in config()) {
        let list = match_corpus(&corpus, &config).unwrap();
        check_contract(&corpus, &config, &list)?;
    }

    #[test]
    fn same_bytes_at_one_and_two_threads_small(corpus in corpus(), config in config()) {
        prop_assert!(json_at(&corpus, &config, 1) == json_at(&corpus, &config, 2));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// An offer that repeats a need word for word, from another party, is found
    /// whatever the valid configuration, once the thresholds are 0 (scores that
    /// overflowed to NaN once left such needs unmet).
    #[test]
    fn a_word_for_word_offer_is_found(
        words in prop::collection::vec(select(&WORDS[..31]), 1..10),
        config in config(),
        (need_party, offer_party) in (party(), party()).prop_filter("two parties", |(a, b)| a != b),
    ) {
        let text = words.join(" ");
        let mut need = Submission::new(need_party, Some(2020));
        need.needs.push(Item::new("n", text.clone()).unwrap());
        let mut offer = Submission::new(offer_party, Some(2020));
        offer.offers.push(Item::new("o", text).unwrap());
        let corpus = Corpus::from_submissions(vec![need, offer]).unwrap();
        let config = config.min_score(0.0).min_topic(0.0).build().unwrap();
        let list = match_corpus(&corpus, &config).unwrap();
        check_contract(&corpus, &config, &list)?;
        prop_assert_eq!(list.matches.len(), 1, "{:?}", config);
    }
}

proptest! {
    // Corpora larger than one parallel batch of needs (1,024), so that the threads
    // really split the work.
    #![proptest_config(ProptestConfig::with_cases(3))]

    #[test]
    fn same_bytes_at_one_and_two_threads_large(seed in any::<u64>(), needs in 1_100usize..1_500) {
        let synthetic = generate(&SynthConfig::new().needs(needs).offers(300).seed(seed).build().unwrap());
        let config = MatchConfig::new().build().unwrap();
        let one = json_at(&synthetic.corpus, &config, 1);
        prop_assert!(one == json_at(&synthetic.corpus, &config, 2));
        let list = match_corpus(&synthetic.corpus, &config).unwrap();
        check_contract(&synthetic.corpus, &config, &list)?;
    }
}

// ---- through the command line ----------------------------------------------------

fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("guarantees").join(name);
    fs::create_dir_all(&dir).unwrap();
    dir
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    // The binary is built only with the `cli` feature.
    #[cfg(feature = "cli")]
    #[test]
    fn the_command_line_lists_every_need(corpus in corpus(), top in 1usize..4, min_score in 0.0f64..=1.0) {
        let dir = workdir("cli");
        let path = dir.join("c.json");
        fs::write(&path, corpus.to_json_pretty()).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_capmatch"))
            .args(["match", "--format", "json", "--top", &top.to_string(), "--min-score", &min_score.to_string()])
            .arg(&path)
            .output()
            .unwrap();
        prop_assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut listed: Vec<String> = v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["need"].as_str().unwrap().to_string())
            .chain(v["unmet_needs"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()))
            .collect();
        listed.dedup();
        listed.sort();
        listed.dedup();
        // Every need of the corpus as loaded: two submissions of one party and year
        // are one edition there, an item of both counted once (with a warning).
        let loaded = load(&[&path], &LoadOptions::default()).unwrap().corpus;
        let mut needs: Vec<String> = loaded.needs().map(|r| r.item.id.as_str().to_string()).collect();
        needs.sort();
        prop_assert_eq!(listed, needs);
    }
}

// ---- loading never panics ----------------------------------------------------------

/// File contents: garbage, CTAP-looking text, JSON-looking text, and real files cut.
fn contents() -> impl Strategy<Value = Vec<u8>> {
    let fixture = |name: &str| {
        fs::read(format!("{}/examples/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
    };
    let (hkc, rok) = (fixture("hkc-2020.txt"), fixture("rok-2014.txt"));
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        "\\PC{0,300}".prop_map(String::into_bytes),
        (prop::collection::vec(text(), 0..6), any::<bool>()).prop_map(|(lines, json)| {
            if json {
                let needs: Vec<String> = lines.iter().map(|l| format!("{{\"text\":{l:?}}}")).collect();
                format!("{{\"submissions\":[{{\"economy\":\"PE\",\"needs\":[{}]}}]}}", needs.join(","))
                    .into_bytes()
            } else {
                let mut doc = String::from(
                    "APEC COUNTER-TERRORISM ACTION PLAN\nECONOMY: Peru\nB. HALTING TERRORIST FINANCING:\n\
                     WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n",
                );
                for l in lines {
                    doc.push_str("- ");
                    doc.push_str(&l);
                    doc.push('\n');
                }
                doc.into_bytes()
            }
        }),
        (any::<prop::sample::Index>(), any::<bool>()).prop_map(move |(cut, which)| {
            let doc = if which { &hkc } else { &rok };
            doc[..cut.index(doc.len() + 1)].to_vec()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn loading_never_panics(files in prop::collection::vec((contents(), select(vec!["txt", "json", "md", "JSON"])), 1..4)) {
        let dir = workdir("load");
        let paths: Vec<PathBuf> = files
            .iter()
            .enumerate()
            .map(|(k, (bytes, ext))| {
                let path = dir.join(format!("in{k}.{ext}"));
                fs::write(&path, bytes).unwrap();
                path
            })
            .collect();
        match load(&paths, &LoadOptions::default()) {
            Ok(loaded) => {
                let list = match_corpus(&loaded.corpus, &MatchConfig::new()).unwrap();
                check_contract(&loaded.corpus, &MatchConfig::new(), &list)?;
            }
            Err(e) => {
                let shown = e.to_string();
                prop_assert!(
                    paths.iter().any(|p| shown.starts_with(&p.display().to_string()))
                        || shown.starts_with("invalid configuration"),
                    "error does not name a file: {shown}"
                );
            }
        }
    }
}

// ---- nothing counted twice -------------------------------------------------------

/// The Summary Report (Markdown and JSON) and the match list (JSON and Markdown) of
/// a corpus, as the command line makes them.
fn reports(corpus: &Corpus) -> (String, String, Vec<u8>, Vec<u8>) {
    use capmatch::graph::MatchGraph;
    use capmatch::report::{SummaryOptions, SummaryReport, write_matches_json, write_matches_markdown};
    let config = MatchConfig::new().build().unwrap();
    let analysis = Analysis::new(corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let graph = MatchGraph::new(&ranking);
    let summary = SummaryReport::new(&graph, &SummaryOptions::new().build().unwrap());
    let (mut json, mut md) = (Vec::new(), Vec::new());
    write_matches_json(&ranking, &mut json).unwrap();
    write_matches_markdown(&ranking, &mut md).unwrap();
    (summary.to_markdown(), summary.to_json(), json, md)
}

/// Texts that may carry control characters, which reading removes.
fn text_with_controls() -> impl Strategy<Value = String> {
    (
        text(),
        prop::collection::vec(
            (select(vec!['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2069}']), any::<prop::sample::Index>()),
            0..3,
        ),
    )
        .prop_map(|(text, controls)| {
            let mut chars: Vec<char> = text.chars().collect();
            for (c, at) in controls {
                chars.insert(at.index(chars.len() + 1), c);
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Loading a corpus together with a copy of itself (another file, so not the
    /// same file read once) gives the same corpus, Summary Report and match list as
    /// loading it once: every submission of the copy is an edition already read,
    /// and every one of its items is already there.
    #[test]
    fn a_corpus_and_a_copy_of_it_count_once(
        corpus in corpus(),
        extra in prop::collection::vec(text_with_controls(), 0..3),
        restated in any::<bool>(),
    ) {
        let mut corpus = corpus;
        // The first submission again, as its PDF would give it: the same edition,
        // each text with a page footer inside.
        if restated {
            let mut again = corpus.submissions[0].clone();
            for item in again.needs.iter_mut().chain(again.offers.iter_mut()) {
                item.id = capmatch::ItemId::new(format!("{}-pdf", item.id)).unwrap();
                item.text = format!("{} Page 2 of 4", item.text);
            }
            corpus.submissions.push(again);
        }
        // Some texts with control characters, in a submission of its own.
        if !extra.is_empty() {
            let mut sub = Submission::new(Economy::Vn, Some(2019));
            sub.needs = extra.into_iter().enumerate().map(|(k, t)| Item::new(format!("x-n{k}"), t).unwrap()).collect();
            corpus.submissions.push(sub);
        }
        let dir = workdir("copy");
        let (one, copy) = (dir.join("corpus.json"), dir.join("copy.json"));
        fs::write(&one, corpus.to_json_pretty()).unwrap();
        fs::write(&copy, corpus.to_json_pretty()).unwrap();
        let once = match load(&[&one], &LoadOptions::default()) {
            Ok(loaded) => loaded.corpus,
            // A text of control characters only is empty once they are removed.
            Err(e) => {
                prop_assert!(e.to_string().ends_with("text must not be empty"), "{e}");
                return Ok(());
            }
        };
        let twice = load(&[&one, &copy], &LoadOptions::default()).unwrap().corpus;
        prop_assert_eq!(&twice, &once);
        prop_assert!(reports(&twice) == reports(&once), "the reports differ");
        for r in once.needs() {
            prop_assert!(!r.item.text.chars().any(capmatch::text::is_removed_control), "{:?}", r.item.text);
        }
    }
}
