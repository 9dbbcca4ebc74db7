use super::*;
use crate::Corpus;

fn corpus() -> Corpus {
    Corpus::from_json_str(
        r#"{"submissions":[
          {"economy":"PE","year":2012,"needs":[
            {"id":"a1","section":"B","text":"Workshops on detecting couriers who carry cash and bearer negotiable instruments across land borders"},
            {"id":"a2","section":"B","text":"Training for FIU staff on the analysis of suspicious transaction reports"},
            {"id":"a3","section":"A.1","text":"Technical assistance to launch an Authorised Economic Operator programme"}]},
          {"economy":"PE","year":2014,"needs":[
            {"id":"b1","section":"B","text":"Assistance to control cross-border movements of currency by cash couriers"},
            {"id":"b2","section":"B","text":"Training for prosecutors on terrorist financing cases"},
            {"id":"b3","section":"A.1","text":"Help with a trusted trader scheme for exporters"}]}]}"#,
        None,
    )
    .unwrap()
}

#[test]
fn probability_is_symmetric_bounded_and_one_on_the_diagonal() {
    let c = corpus();
    let a = Analysis::new(&c, 0.92);
    let r = NeedRelevance::new(&a);
    for x in 0..a.need_count() {
        assert_eq!(r.probability(x, x), 1.0);
        for y in 0..a.need_count() {
            let p = r.probability(x, y);
            assert!((0.0..=1.0).contains(&p));
            assert_eq!(p.to_bits(), r.probability(y, x).to_bits());
        }
    }
}

#[test]
fn restatements_outrank_same_section_needs_on_other_topics() {
    let c = corpus();
    let a = Analysis::new(&c, 0.92);
    let r = NeedRelevance::new(&a);
    // b1 restates a1 (cash couriers); a2 is in the same section on another topic.
    assert!(r.probability(3, 0) > r.probability(3, 1));
    // b3 restates a3 through the concept alone (AEO = trusted trader).
    assert!(r.probability(5, 2) >= r.threshold(), "{}", r.probability(5, 2));
    assert!(r.evidence(5, 2).contains(&"authorized economic operator".to_string()));
    let n = r.neighbours(3, 0.0);
    assert_eq!(n[0].0, 0);
    assert!(n.windows(2).all(|w| w[0].1 >= w[1].1));
    assert!(n.iter().all(|&(b, _)| b != 3));
}

#[test]
fn features_are_in_the_unit_interval() {
    let c = corpus();
    let a = Analysis::new(&c, 0.92);
    let r = NeedRelevance::new(&a);
    for x in 0..a.need_count() {
        for y in 0..a.need_count() {
            let f = r.features(x, y);
            assert_eq!(f.len(), NeedRelevance::feature_names().len());
            assert!(f.iter().all(|v| (0.0..=1.0).contains(v)), "{f:?}");
        }
    }
}

#[test]
fn neighbours_are_every_need_at_or_above_the_minimum_with_its_probability() {
    let c = corpus();
    let a = Analysis::new(&c, 0.92);
    let r = NeedRelevance::new(&a);
    for min in [0.0, 0.05, r.threshold(), 0.9] {
        for x in 0..a.need_count() {
            let got = r.neighbours(x, min);
            let mut want: Vec<(usize, f64)> = (0..a.need_count())
                .filter(|&y| y != x)
                .map(|y| (y, r.probability(x, y)))
                .filter(|p| p.1 >= min)
                .collect();
            want.sort_by(|p, q| q.1.total_cmp(&p.1).then(p.0.cmp(&q.0)));
            assert_eq!(got, want, "need {x} at {min}");
        }
    }
}
