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
