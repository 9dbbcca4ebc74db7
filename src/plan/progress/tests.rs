use super::*;
use crate::Corpus;

fn corpus(json: &str) -> Corpus {
    Corpus::from_json_str(json, None).unwrap()
}

const THREE: &str = r#"{"submissions":[
  {"economy":"PE","year":2016,"needs":[
    {"id":"pe-2016-n1","section":"B","text":"Courses for FIU analysts on analysing suspicious transaction reports and disseminating intelligence"}]},
  {"economy":"PE","year":2012,"needs":[
    {"id":"pe-2012-n1","section":"B","text":"Training for financial intelligence unit staff on the analysis of suspicious transaction reports"},
    {"id":"pe-2012-n2","section":"A.1","text":"Technical assistance to launch an Authorized Economic Operator programme"}]},
  {"economy":"PE","year":2014,"needs":[
    {"id":"pe-2014-n1","section":"B","text":"Courses for FIU analysts on STR analysis"},
    {"id":"pe-2014-n2","section":"C","text":"Training for the national CSIRT on malware analysis"}]},
  {"economy":"USA","year":2010,"offers":[
    {"id":"usa-2010-o1","section":"B","text":"Training for financial intelligence unit analysts on suspicious transaction report analysis"}]},
  {"economy":"AUS","year":2015,"offers":[
    {"id":"aus-2015-o1","section":"B","text":"Training for financial intelligence unit analysts on the analysis of suspicious transaction reports"}]}]}"#;

#[test]
fn every_need_once_per_pair_and_chains_over_three_editions() {
    let c = corpus(THREE);
    let a = Analysis::new(&c, 0.92);
    let p = Progress::new(&a);
    assert_eq!(p.editions.len(), 2);
    for e in &p.editions {
        let later: Vec<&str> = e
            .persistent
            .iter()
            .map(|l| l.need.id.as_str())
            .chain(e.new.iter().map(|n| n.id.as_str()))
            .collect();
        let earlier: Vec<&str> = e
            .persistent
            .iter()
            .map(|l| l.previous.id.as_str())
            .chain(e.resolved.iter().map(|n| n.id.as_str()))
            .collect();
        let count = |y: u16| c.needs().filter(|r| r.submission.year == Some(y)).count();
        assert_eq!(later.len(), count(e.to));
        assert_eq!(earlier.len(), count(e.from));
    }
    assert_eq!(p.persisting.len(), 1);
    let chain: Vec<&str> = p.persisting[0].needs.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(chain, ["pe-2012-n1", "pe-2014-n1", "pe-2016-n1"]);
}

#[test]
fn an_opportunity_is_an_offer_dated_no_later_than_the_earlier_edition() {
    let c = corpus(THREE);
    let a = Analysis::new(&c, 0.92);
    let p = Progress::new(&a);
    // 2012 → 2014: only the 2010 offer was there in 2012.
    let first = &p.editions[0].persistent[0];
    let o = first.opportunity.as_ref().expect("the 2010 offer meets the FIU need");
    assert_eq!((o.offer.as_str(), o.year), ("usa-2010-o1", 2010));
    assert!(o.tier >= Tier::Partial);
    // 2014 → 2016: the 2015 offer is after 2014, so the 2010 one again.
    let second = &p.editions[1].persistent[0];
    assert!(second.opportunity.as_ref().is_some_and(|o| o.year <= 2014));
}

#[test]
fn one_edition_is_a_note_and_only_keeps_one_party() {
    let c = corpus(
        r#"{"submissions":[{"economy":"ROK","year":2014,"needs":[{"text":"Single Window workshops"}]},
            {"economy":"Korea","year":2016,"needs":[{"text":"Workshops on the Single Window"}]},
            {"economy":"HKC","year":2020,"needs":[{"text":"port security"}]}]}"#,
    );
    let a = Analysis::new(&c, 0.92);
    let p = Progress::new(&a);
    assert_eq!(p.editions.len(), 1, "Korea and ROK are one economy");
    assert_eq!(p.editions[0].persistent.len(), 1);
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(p.diagnostics[0].severity, Severity::Info);
    assert_eq!(p.diagnostics[0].message, "HKC has one dated edition (2020): no progress entry");
    let only = p.clone().only(&"HKC".parse().unwrap());
    assert!(only.editions.is_empty());
    assert_eq!(only.diagnostics.len(), 1);
    let rok = p.only(&"ROK".parse().unwrap());
    assert_eq!(rok.editions.len(), 1);
    assert!(rok.diagnostics.is_empty());
}
