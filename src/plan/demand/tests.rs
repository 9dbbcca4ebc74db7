//! Regional demand over a hand-made pair score, so that what is tested is the
//! contract and the descriptions, not the relevance model.

use super::*;
use crate::MatchConfig;
use crate::similarity::Analysis;

/// Pairs of need ids that ask for the same thing (probability 0.9), all others 0.
struct Same<'a> {
    analysis: &'a Analysis<'a>,
    pairs: Vec<(&'static str, &'static str)>,
}

impl PairScores for Same<'_> {
    fn neighbours(&self, a: usize, min: f64) -> Vec<(usize, f64)> {
        let id = self.analysis.need(a).item.id.as_str();
        (0..self.analysis.need_count())
            .filter(|&b| {
                let other = self.analysis.need(b).item.id.as_str();
                self.pairs.iter().any(|&(x, y)| (x, y) == (id, other) || (y, x) == (id, other))
            })
            .map(|b| (b, 0.9))
            .filter(|&(_, p)| p >= min)
            .collect()
    }
}

const CORPUS: &str = r#"{"submissions":[
  {"economy":"PHL","year":2019,"needs":[
     {"id":"phl-2019-n1","section":"B","text":"Training on detecting cash couriers at airports"}]},
  {"economy":"PHL","year":2021,"needs":[
     {"id":"phl-2021-n1","section":"B","text":"Training for customs officers on detecting cash couriers and bearer negotiable instruments at airports"},
     {"id":"phl-2021-n2","section":"A.4","text":"Workshops on advance passenger information and passenger name records"}]},
  {"economy":"PE","year":2021,"needs":[
     {"id":"pe-2021-n1","section":"B","text":"Workshops on detecting cash couriers at land borders"},
     {"id":"pe-2021-n2","section":"A.4","text":"Help to receive advance passenger information before flights land"}]},
  {"economy":"MEX","year":2021,"needs":[
     {"id":"mex-2021-n1","section":"B","text":"Assistance against bulk cash smuggling through land crossings"},
     {"id":"mex-2021-n2","section":"B","text":"Training on cross-border transportation of currency"}]},
  {"economy":"RUS","year":2021,"needs":[
     {"id":"rus-2021-n1","section":"A.5","text":"Exchange of experience on rail security"},
     {"id":"rus-2021-n2","section":"A.5","text":"Training on the security of railway stations"}]},
  {"economy":"USA","year":2021,"offers":[
     {"id":"usa-2021-o1","section":"B","text":"Training for customs and police on detecting cash couriers and bulk cash smuggling at borders and airports"}]},
  {"economy":"WCO","offers":[
     {"id":"wco-o1","section":"B","text":"Training for customs on cash courier detection and cash declaration systems"}]}]}"#;

fn pairs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("phl-2021-n1", "pe-2021-n1"),
        ("phl-2021-n1", "mex-2021-n1"),
        ("pe-2021-n1", "mex-2021-n1"),
        ("mex-2021-n1", "mex-2021-n2"),
        ("mex-2021-n2", "pe-2021-n1"),
        ("mex-2021-n2", "phl-2021-n1"),
        ("phl-2021-n2", "pe-2021-n2"),
        // One economy stating one need twice.
        ("rus-2021-n1", "rus-2021-n2"),
        // The 2019 edition restates 2021's need: only with every edition.
        ("phl-2019-n1", "phl-2021-n1"),
    ]
}

fn demand(options: &DemandOptions) -> RegionalDemand {
    let corpus = Corpus::from_json_str(CORPUS, None).unwrap();
    let config = MatchConfig::new().top_k(50).build().unwrap();
    let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    let scores = Same { analysis: &analysis, pairs: pairs() };
    RegionalDemand::with_scores(&ranking, &scores, 0.5, options, &|_| true)
}

fn ids(list: &[ItemId]) -> Vec<&str> {
    list.iter().map(ItemId::as_str).collect()
}

#[test]
fn the_contract_every_need_once_ordered_with_ids() {
    let d = demand(&DemandOptions::new());
    assert_eq!(d.clusters.len(), 2);
    let cash = &d.clusters[0];
    assert_eq!(cash.id, "c1");
    assert_eq!(ids(&cash.needs), ["mex-2021-n1", "mex-2021-n2", "pe-2021-n1", "phl-2021-n1"]);
    assert_eq!(cash.economies.iter().map(ToString::to_string).collect::<Vec<_>>(), ["MEX", "PE", "PHL"]);
    assert_eq!(cash.sections, ["B"]);
    let travel = &d.clusters[1];
    assert_eq!((travel.id.as_str(), ids(&travel.needs)), ("c2", vec!["pe-2021-n2", "phl-2021-n2"]));
    // Russia's two rail needs are one economy: no cluster. PHL 2019 is superseded.
    assert_eq!(ids(&d.unclustered), ["rus-2021-n1", "rus-2021-n2"]);
    assert_eq!(
        d.left_out,
        [crate::plan::EarlierEditions { party: "PHL".parse().unwrap(), latest: 2021, left_out: vec![2019] }]
    );
    let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(json["clusters"][0]["needs"][3], "phl-2021-n1");
    assert_eq!(json["unclustered"][0], "rus-2021-n1");
    assert_eq!(
        json["clusters"][0]["donors"][0]["needs_met"],
        json["clusters"][0]["donors"][0]["matches"]
            .as_array()
            .map(|m| {
                m.iter().map(|x| x["need"].as_str().unwrap()).collect::<std::collections::BTreeSet<_>>().len()
            })
            .unwrap()
    );
}

#[test]
fn min_economies_and_all_editions() {
    let three = demand(&DemandOptions::new().min_economies(3));
    assert_eq!(three.clusters.len(), 1);
    assert_eq!(ids(&three.unclustered), ["pe-2021-n2", "phl-2021-n2", "rus-2021-n1", "rus-2021-n2"]);
    let all = demand(&DemandOptions::new().all_editions(true));
    assert!(all.left_out.is_empty());
    let everywhere: Vec<&str> =
        all.clusters.iter().flat_map(|c| ids(&c.needs)).chain(ids(&all.unclustered)).collect();
    assert_eq!(everywhere.iter().filter(|&&id| id == "phl-2019-n1").count(), 1);
    assert_eq!(everywhere.len(), 9);
}

#[test]
fn donors_proponent_partners_and_sub_fora() {
    let d = demand(&DemandOptions::new());
    let cash = &d.clusters[0];
    let donors: Vec<String> = cash.donors.iter().map(|x| x.donor.to_string()).collect();
    assert!(donors.contains(&"USA".to_string()) && donors.contains(&"WCO".to_string()), "{donors:?}");
    assert!(cash.donors.windows(2).all(|w| w[0].needs_met >= w[1].needs_met));
    let p = &cash.project;
    // The WCO is a partner, never the proponent; the USA proposes if it meets half.
    assert!(p.partners.iter().any(|x| x.to_string() == "WCO"));
    let usa = cash.donors.iter().find(|x| x.donor.to_string() == "USA").unwrap();
    let expected = (2 * usa.needs_met >= cash.needs.len()).then(|| "USA".to_string());
    assert_eq!(p.proposing_economy.as_ref().map(ToString::to_string), expected);
    assert_eq!(p.sponsoring_forum, "CTWG");
    assert_eq!(p.sub_fora.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["SCCP"]);
    assert_eq!(p.beneficiaries, cash.economies);
    assert_eq!(p.needs.len(), 4);
    assert_eq!(cash.label, "bulk cash smuggling");
    assert!(p.title.ends_with("on bulk cash smuggling"), "{}", p.title);
    assert!(p.rationale.contains("bulk cash smuggling (4 of 4 needs)"), "{}", p.rationale);
    // The travel cluster has no donor: the proponent is open.
    let travel = &d.clusters[1];
    assert!(travel.donors.is_empty());
    assert_eq!(travel.project.proposing_economy, None);
    let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(json["clusters"][1]["project"]["proposing_economy"], "open");
    assert_eq!(travel.project.sub_fora.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["BMG"]);
}

#[test]
fn markdown_shows_projects_and_escapes() {
    let md = demand(&DemandOptions::new()).to_markdown();
    assert!(
        md.starts_with("# Regional demand: candidate projects\n\n2 clusters of needs of several economies")
    );
    assert!(md.contains("## c1 · bulk cash smuggling — 3 economies, 4 needs"));
    assert!(md.contains("| Proposing economy | "));
    assert!(md.contains("| Sponsoring forum | CTWG |"));
    assert!(md.contains("No offer meets these needs at the partial tier or better"));
    assert!(md.contains("## Needs in no cluster\n\nrus-2021-n1, rus-2021-n2."));
    assert!(
        md.contains(
            "latest edition is used, so that a restated need counts once: PHL 2021 (left out: 2019)."
        )
    );
}

#[test]
fn options_are_validated() {
    let err = |o: DemandOptions| o.build().unwrap_err().to_string();
    assert_eq!(
        err(DemandOptions::new().min_economies(1)),
        "invalid configuration: min_economies: must be at least 2 (a cluster spans several economies), got 1"
    );
    assert_eq!(
        err(DemandOptions::new().cut(1.5)),
        "invalid configuration: cut: must be between 0 and 1, got 1.5"
    );
    assert_eq!(
        err(DemandOptions::new().method(Method::MutualNeighbours { k: 0 })),
        "invalid configuration: k: must be at least 1, got 0"
    );
}
