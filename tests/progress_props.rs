//! Properties of progress between editions over generated multi-edition corpora:
//! one entry per pair of consecutive dated editions of a party, every need of both
//! editions exactly once, no link below the link threshold, and the same
//! output whatever the order of the submissions.

use std::collections::{BTreeMap, BTreeSet};

use capmatch::plan::progress::Progress;
use capmatch::plan::relevance::RelevanceModel;
use capmatch::report::progress_json;
use capmatch::similarity::Analysis;
use capmatch::{Corpus, Party};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Topics a need is about, and ways of asking for them.
const TOPICS: [&str; 10] = [
    "risk management and the targeting of high-risk containers",
    "Authorized Economic Operator programmes for exporters",
    "port facility security assessments under the ISPS Code",
    "Advance Passenger Information systems at airports",
    "detecting forged and altered passports",
    "cash couriers and bearer negotiable instruments at borders",
    "the analysis of suspicious transaction reports",
    "malware analysis for the national CSIRT",
    "protecting soft targets such as hotels and markets",
    "screening air cargo with X-ray and trace detection equipment",
];
const ASKS: [&str; 4] =
    ["Training on", "Workshops on", "Technical assistance with", "Sharing of experience in"];
const SECTIONS: [&str; 5] = ["A.1", "A.2", "A.4", "B", "C"];
/// Economies, with another spelling of some (one party, two names).
const ECONOMIES: [(&str, &str); 5] =
    [("ROK", "Korea"), ("PE", "Peru"), ("THA", "Thailand"), ("VN", "Viet Nam"), ("PHL", "Philippines")];

/// An edition: its year (None: undated) and its needs as (topic, ask, section).
type Edition = (Option<u16>, Vec<(usize, usize, usize)>);

fn edition() -> impl Strategy<Value = Edition> {
    (
        prop_oneof![9 => (2010u16..2020).prop_map(Some), 1 => Just(None)],
        prop::collection::vec((0..TOPICS.len(), 0..ASKS.len(), 0..SECTIONS.len()), 0..6),
    )
}

/// Per economy (by index into ECONOMIES), its editions.
fn corpus() -> impl Strategy<Value = Vec<(usize, Vec<Edition>, bool)>> {
    prop::collection::vec((0..ECONOMIES.len(), prop::collection::vec(edition(), 1..4), any::<bool>()), 1..4)
}

/// The corpus JSON: explicit ids (`{code}-{year}-{k}-n{i}`), so that reordering the
/// submissions changes nothing else; years repeated within an economy are one
/// edition each time (`input::load` would merge them; `Corpus` keeps both).
fn build(spec: &[(usize, Vec<Edition>, bool)]) -> Vec<Value> {
    let mut subs = Vec::new();
    let mut seen = BTreeSet::new();
    for (k, (e, editions, alias)) in spec.iter().enumerate() {
        let (code, name) = ECONOMIES[*e];
        for (j, (year, needs)) in editions.iter().enumerate() {
            // One submission per party and year, as `input::load` leaves them.
            if !seen.insert((code, *year)) {
                continue;
            }
            let prefix =
                format!("{}-{}-{k}{j}", code.to_lowercase(), year.map_or("u".to_string(), |y| y.to_string()));
            let needs: Vec<Value> = needs
                .iter()
                .enumerate()
                .map(|(i, &(t, a, s))| {
                    json!({"id": format!("{prefix}-n{i}"), "section": SECTIONS[s], "text": format!("{} {}.", ASKS[a], TOPICS[t])})
                })
                .collect();
            let economy = if *alias && j % 2 == 1 { name } else { code };
            let mut sub = json!({"economy": economy, "needs": needs});
            if let Some(y) = year {
                sub["year"] = json!(y);
            }
            subs.push(sub);
        }
    }
    subs
}

fn run(subs: &[Value]) -> (Corpus, String, Progress) {
    let corpus = Corpus::from_json_str(&json!({ "submissions": subs }).to_string(), None).unwrap();
    let analysis = Analysis::new(&corpus, 0.92);
    let progress = Progress::new(&analysis);
    let json = progress_json(&progress);
    drop(analysis);
    (corpus, json, progress)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_need_exactly_once_per_edition_pair(spec in corpus()) {
        let subs = build(&spec);
        let (corpus, json, progress) = run(&subs);
        let json: Value = serde_json::from_str(&json).unwrap();
        // The dated editions of parties that state needs.
        let mut years: BTreeMap<Party, BTreeSet<u16>> = BTreeMap::new();
        let with_needs: BTreeSet<&Party> = corpus.submissions.iter().filter(|s| !s.needs.is_empty()).map(|s| &s.economy).collect();
        for s in &corpus.submissions {
            if let (Some(y), true) = (s.year, with_needs.contains(&s.economy)) {
                years.entry(s.economy.clone()).or_default().insert(y);
            }
        }
        let expected: Vec<(String, u16, u16)> = years
            .iter()
            .flat_map(|(p, ys)| {
                let ys: Vec<u16> = ys.iter().copied().collect();
                ys.windows(2).map(|w| (p.to_string(), w[0], w[1])).collect::<Vec<_>>()
            })
            .collect();
        let got: Vec<(String, u16, u16)> = progress.editions.iter().map(|e| (e.economy.to_string(), e.from, e.to)).collect();
        prop_assert_eq!(&got, &expected);
        prop_assert_eq!(json["editions"].as_array().unwrap().len(), expected.len());
        let threshold = RelevanceModel::builtin().active().link_threshold();
        for e in &progress.editions {
            let ids = |y: u16| -> Vec<String> {
                let mut v: Vec<String> = corpus.needs()
                    .filter(|r| r.submission.economy == e.economy && r.submission.year == Some(y))
                    .map(|r| r.item.id.to_string()).collect();
                v.sort();
                v
            };
            let mut later: Vec<String> = e.persistent.iter().map(|l| l.need.id.to_string()).chain(e.new.iter().map(|n| n.id.to_string())).collect();
            later.sort();
            let mut earlier: Vec<String> = e.persistent.iter().map(|l| l.previous.id.to_string()).chain(e.resolved.iter().map(|n| n.id.to_string())).collect();
            earlier.sort();
            prop_assert_eq!(later, ids(e.to));
            prop_assert_eq!(earlier, ids(e.from));
            for l in &e.persistent {
                prop_assert!(l.similarity >= (threshold * 1e4).floor() / 1e4, "{} below the threshold", l.similarity);
            }
        }
        // Undated submissions with needs are named in a warning.
        for s in corpus.submissions.iter().filter(|s| s.year.is_none() && !s.needs.is_empty()) {
            let start = format!("{}, undated", s.economy);
            prop_assert!(progress.diagnostics.iter().any(|d| d.message.starts_with(&start)));
        }
    }

    #[test]
    fn the_order_of_submissions_changes_nothing(spec in corpus(), seed in any::<u64>()) {
        let subs = build(&spec);
        let mut shuffled = subs.clone();
        // A seeded Fisher–Yates shuffle.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(run(&subs).1, run(&shuffled).1);
    }
}
