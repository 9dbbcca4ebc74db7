//! The allocation over the test corpus, in its JSON contract, CSV and Markdown.

use capmatch::graph::{Allocation, AssignMethod, Ranking, assign};
use capmatch::similarity::Analysis;
use capmatch::{Corpus, MatchConfig, report};

fn corpus() -> Corpus {
    let path = format!("{}/tests/data/corpus/apec-2020.json", env!("CARGO_MANIFEST_DIR"));
    Corpus::from_json_str(&std::fs::read_to_string(&path).unwrap(), Some(&path)).unwrap()
}

fn plan(corpus: &Corpus, method: AssignMethod) -> Allocation {
    let config = MatchConfig::new().build().unwrap();
    let analysis = Analysis::new(corpus, config.fuzzy_threshold);
    assign(&Ranking::new(&analysis, &config), method)
}

// Expects the default model's answers, which read sentence vectors (the `semantic` feature).
#[cfg(feature = "semantic")]
#[test]
fn json_follows_the_allocation_contract() {
    let c = corpus();
    let plan = plan(&c, AssignMethod::Auto);
    let mut out = Vec::new();
    report::write_allocation_json(&plan, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["assignments", "load", "unassigned"]); // serde_json's map is sorted
    // The writer keeps the contract's field order.
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.starts_with("{\"assignments\":[\n{\"need\":"));
    assert!(text.find("\"unassigned\"").unwrap() < text.find("\"load\"").unwrap());

    // ROK's UNI-PASS Single Window offer has room for one and two needs want it,
    // HKC's and Chile's, neither with another candidate: the better match gets it,
    // the other is unassigned for capacity. An assignment carries the match's score.
    let list = capmatch::match_corpus(&c, &MatchConfig::new()).unwrap();
    let score = |need: &str| {
        list.matches
            .iter()
            .find(|m| m.need.as_str() == need && m.offer.as_str() == "rok-2020-o1")
            .unwrap()
            .score
    };
    let (winner, loser) = if score("hkc-2020-n2") > score("chl-2020-n1") {
        ("hkc-2020-n2", "chl-2020-n1")
    } else {
        ("chl-2020-n1", "hkc-2020-n2")
    };
    assert!(v["assignments"].as_array().unwrap().contains(&serde_json::json!(
        {"need": winner, "offer": "rok-2020-o1", "score": score(winner)}
    )));
    // The unassigned: the needs the match list leaves unmet (no candidate), and the
    // loser, in id order.
    let mut expected: Vec<serde_json::Value> = list
        .unmet_needs
        .iter()
        .map(|n| serde_json::json!({"need": n.as_str(), "reason": "no_candidate"}))
        .collect();
    expected.push(serde_json::json!({"need": loser, "reason": "capacity_exhausted"}));
    expected.sort_by(|a, b| a["need"].as_str().cmp(&b["need"].as_str()));
    assert_eq!(v["unassigned"].as_array().unwrap(), &expected);
    // Among them, the gaps the Summary Report test names.
    for gap in ["ina-2019-n1", "pe-2020-n2", "png-undated-n1", "vn-2020-n4"] {
        assert!(expected.iter().any(|u| u["need"] == gap), "{gap}");
    }
    let load = v["load"].as_array().unwrap();
    assert!(load.contains(&serde_json::json!({"offer": "rok-2020-o1", "assigned": 1, "capacity": 1})));
    // An offer without a capacity has the default; offers no need asked for are not listed.
    assert!(load.contains(&serde_json::json!({"offer": "jpn-2020-o1", "assigned": 0, "capacity": 3})));
    assert!(!load.iter().any(|l| l["offer"] == "usa-2020-o4"));
    // Sorted by id, scores at 4 decimals, and it reads back.
    let ids: Vec<&str> = load.iter().map(|l| l["offer"].as_str().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let back: Allocation = serde_json::from_slice(&out).unwrap();
    assert_eq!(back.assignments, plan.assignments);
    assert_eq!(back.unassigned, plan.unassigned);
    assert_eq!(back.load, plan.load);
}

// Expects the default model's answers, which read sentence vectors (the `semantic` feature).
#[cfg(feature = "semantic")]
#[test]
fn exact_serves_a_need_greedy_leaves_out() {
    let c = corpus();
    let exact = plan(&c, AssignMethod::Exact);
    let greedy = plan(&c, AssignMethod::Greedy);
    for p in [&exact, &greedy] {
        assert_eq!(p.assignments.len() + p.unassigned.len(), c.need_count());
    }
    // AUSTRAC's remittance mentoring (capacity 1) is the only candidate of PNG's remittance need. Greedy
    // hands it to the Philippines' better-scoring need and leaves PNG out; exact
    // sends the Philippines to the United States' FIU assistance instead.
    let reason =
        |p: &Allocation, need: &str| p.unassigned.iter().find(|u| u.need.as_str() == need).map(|u| u.reason);
    assert_eq!(reason(&greedy, "png-undated-n2"), Some(capmatch::graph::UnassignedReason::CapacityExhausted));
    assert_eq!(reason(&exact, "png-undated-n2"), None);
    assert_eq!(exact.assignments.len(), greedy.assignments.len() + 1);
    assert!(exact.stats.total_score > greedy.stats.total_score);
    let auto = plan(&c, AssignMethod::Auto);
    assert_eq!(auto.assignments, exact.assignments);
    assert_eq!((auto.stats.exact_components, auto.stats.greedy_components), (auto.stats.components, 0));
}

#[test]
fn csv_has_one_row_per_need() {
    let c = corpus();
    let mut out = Vec::new();
    report::write_allocation_csv(&plan(&c, AssignMethod::Auto), &c, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "need",
            "recipient",
            "section",
            "offer",
            "donor",
            "score",
            "status",
            "offer_assigned",
            "offer_capacity",
            "need_text",
            "offer_text"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), c.need_count());
    // One of HKC's and Chile's Single Window needs gets ROK's one place.
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap();
    let (chl, hkc) = (row("chl-2020-n1"), row("hkc-2020-n2"));
    assert_eq!((&chl[1], &chl[2], &hkc[1], &hkc[2]), ("CHL", "A.1", "HKC", "A.1"));
    let mut statuses = [&chl[6], &hkc[6]];
    statuses.sort_unstable();
    assert_eq!(statuses, ["assigned", "capacity_exhausted"]);
    let won = if &chl[6] == "assigned" { chl } else { hkc };
    assert_eq!((&won[3], &won[4], &won[7], &won[8]), ("rok-2020-o1", "ROK", "1", "1"));
    assert!(won[10].starts_with("Sharing of UNI-PASS experience"));
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

// Expects the default model's answers, which read sentence vectors (the `semantic` feature).
#[cfg(feature = "semantic")]
#[test]
fn markdown_groups_the_plan_by_donor() {
    let c = corpus();
    let mut out = Vec::new();
    report::write_allocation_markdown(&plan(&c, AssignMethod::Auto), &c, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    let donors: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    let plan = plan(&c, AssignMethod::Auto);
    let unassigned = format!("## Unassigned needs ({})", plan.unassigned.len());
    assert_eq!(
        donors,
        [
            "## AUS — Australia",
            "## HKC — Hong Kong, China",
            "## JPN — Japan",
            "## ROK — Republic of Korea",
            "## USA — United States",
            "## WCO",
            unassigned.as_str(),
        ]
    );
    assert!(md.contains("### rok-2020-o1 · A.1 · 1 of 1 place\n"));
    assert!(md.contains("### jpn-2020-o1 · A.2 · 0 of 3 places (unused)\n"));
    assert!(md.contains("### Candidate offers all full: ask donors for more places (1)\n\n- **"));
    let gaps =
        plan.unassigned.iter().filter(|u| u.reason == capmatch::graph::UnassignedReason::NoCandidate).count();
    assert!(md.contains(&format!("### No candidate offer: gaps to fill with a new project ({gaps})")));
}
