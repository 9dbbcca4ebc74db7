//! Match quality on the labelled data (`tests/data/relevance/`): the development
//! part (the model is fitted on it) and the held-out part (never fitted or tuned
//! on), against plain TF-IDF cosine. `cargo run --release --example relevance`
//! prints the whole table.

use std::path::Path;

use capmatch::MatchConfig;
use capmatch::eval::{LabelledSet, SetFigures, evaluate};

fn figures(name: &str) -> SetFigures {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/relevance").join(name);
    let set = LabelledSet::read(&path).unwrap();
    let f = evaluate(&set, &MatchConfig::new()).unwrap();
    println!(
        "{name}: {} needs judged | nDCG@5 {:.3} MRR {:.3} P@1 {:.3} | gaps {}: P {:.2} R {:.2} | TF-IDF nDCG@5 {:.3} MRR {:.3}",
        f.ranking.needs,
        f.ranking.ndcg5,
        f.ranking.mrr,
        f.ranking.p1,
        f.gaps.gaps,
        f.gaps.precision,
        f.gaps.recall,
        f.baseline.ndcg5,
        f.baseline.mrr
    );
    f
}

#[test]
fn the_matcher_beats_tfidf_cosine_on_every_set() {
    for name in ["devset.json", "dev-2.json", "holdout.json", "holdout-2.json"] {
        let f = figures(name);
        assert!(f.ranking.needs >= 35, "{name}: too few judged needs: {}", f.ranking.needs);
        assert!(
            f.ranking.ndcg5 > f.baseline.ndcg5,
            "{name}: nDCG@5 {} <= baseline {}",
            f.ranking.ndcg5,
            f.baseline.ndcg5
        );
    }
}

#[test]
fn default_settings_report_most_gaps() {
    for name in ["devset.json", "dev-2.json", "holdout.json", "holdout-2.json"] {
        let f = figures(name);
        assert!(f.gaps.gaps >= 9, "{name}: the set should label gaps");
        assert!(f.gaps.recall >= 0.3, "{name}: gap recall {}", f.gaps.recall);
        assert!(f.gaps.precision >= 0.3, "{name}: gap precision {}", f.gaps.precision);
    }
}

/// The failure the fitted model was built to fix: a need "met" by an offer that
/// agrees with it on section, kind of assistance and pillar, and shares generic
/// words ("best practices", "security", "training"), on an unrelated topic.
#[test]
fn section_activity_and_pillar_agreement_on_an_unrelated_topic_stays_below_partial() {
    let corpus = capmatch::Corpus::from_json_str(
        r#"{"submissions":[
          {"economy":"PHL","year":2020,"needs":[
            {"id":"n1","section":"A.1","text":"Workshops on best practices for Single Window development to improve the security of trade"},
            {"id":"n2","section":"A.2","text":"Training on best practices for the security of port facilities under the ISPS Code"},
            {"id":"n3","section":"C","text":"Training courses on best practices in digital forensics for cybercrime investigators"},
            {"id":"n4","section":"A.4","text":"Seminars on best practices in detecting fraudulent travel documents at border checkpoints"}]},
          {"economy":"USA","year":2020,"offers":[
            {"id":"o1","section":"A.1","text":"Workshops on best practices for food defence against deliberate contamination, to improve security"},
            {"id":"o2","section":"A.2","text":"Training on best practices for the security of fishing vessel crews' welfare and labour conditions"},
            {"id":"o3","section":"C","text":"Training courses on best practices in cyber security awareness for schoolchildren"},
            {"id":"o4","section":"A.4","text":"Seminars on best practices in promoting tourism and visa facilitation for visitors"}]}]}"#,
        None,
    )
    .unwrap();
    let list = capmatch::match_corpus(&corpus, &MatchConfig::new().min_score(0.0).top_k(10)).unwrap();
    let partial = capmatch::similarity::Model::builtin().thresholds.partial;
    for m in &list.matches {
        if m.need.as_str()[1..] == m.offer.as_str()[1..] {
            assert_eq!(m.components.section, 1.0);
            assert!(m.score < partial, "{} / {}: {} >= partial {partial}: {m:?}", m.need, m.offer, m.score);
        }
    }
    // And with default settings, they are gaps.
    let list = capmatch::match_corpus(&corpus, &MatchConfig::new()).unwrap();
    assert_eq!(list.unmet_needs.len(), 4, "{:?}", list.matches);
}
