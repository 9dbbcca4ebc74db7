//! Progress between CTAP editions on the labelled data (`tests/data/progress`):
//! link precision, recall and F1 against the labels, measured with the JSON
//! contract of `capmatch progress --format json`, on the development part (which
//! the relevance was fitted on) and on the held-out part (never fitted or tuned
//! on); the contract (every need once per edition pair); the same bytes whatever
//! the input order and thread count.
//!
//! `cargo test --test progress -- --nocapture` prints the figures.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use capmatch::input::{LoadOptions, load};
use capmatch::plan::progress::Progress;
use capmatch::report::progress_json;
use capmatch::similarity::Analysis;
use serde_json::Value;

/// The inputs of a labelled directory: its corpus JSON and CTAP text files, not
/// the labels.
fn inputs(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json" || x == "txt")
                && p.file_name().is_some_and(|f| f != "expected.json")
        })
        .collect();
    files.sort();
    files
}

fn progress_of(files: &[PathBuf]) -> String {
    let loaded = load(files, &LoadOptions::default()).unwrap();
    let analysis = Analysis::new(&loaded.corpus, 0.92);
    progress_json(&Progress::new(&analysis))
}

fn links(json: &Value) -> BTreeSet<(String, String)> {
    json["editions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["persistent"].as_array().unwrap())
        .map(|l| (l["need"].as_str().unwrap().to_string(), l["previous"].as_str().unwrap().to_string()))
        .collect()
}

/// (labelled, predicted, correct, precision, recall, F1) of the links.
fn figures(dir: &str) -> (usize, usize, usize, f64, f64, f64) {
    let got: Value = serde_json::from_str(&progress_of(&inputs(dir))).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join("expected.json");
    let expected: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    // The same edition pairs, in the same order.
    let pairs = |v: &Value| -> Vec<(String, u64, u64)> {
        v["editions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["economy"].as_str().unwrap().to_string(),
                    e["from"].as_u64().unwrap(),
                    e["to"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(pairs(&got), pairs(&expected), "{dir}: edition pairs");
    let (g, x) = (links(&got), links(&expected));
    let correct = g.intersection(&x).count();
    let precision = correct as f64 / g.len().max(1) as f64;
    let recall = correct as f64 / x.len().max(1) as f64;
    let f1 = if correct == 0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    println!(
        "{dir}: {} labelled links, {} predicted, {correct} correct: precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}",
        x.len(),
        g.len()
    );
    for l in g.difference(&x) {
        println!("  wrong link {} ← {}", l.0, l.1);
    }
    for l in x.difference(&g) {
        println!("  missed link {} ← {}", l.0, l.1);
    }
    (x.len(), g.len(), correct, precision, recall, f1)
}

#[test]
fn link_figures_on_the_development_editions() {
    // In sample: 0.886, 0.857 and 0.863; out of fold over all three, 0.873
    // (`cargo run --release --example fit_relevance`).
    for (dir, links) in [
        ("tests/data/progress/dev", 43),
        ("tests/data/progress/dev-2", 45),
        ("tests/data/progress/dev-3", 26),
    ] {
        let (labelled, _, _, _, _, f1) = figures(dir);
        assert_eq!(labelled, links, "{dir}");
        assert!(f1 >= 0.85, "{dir}: link F1 {f1:.3}");
    }
}

#[test]
fn link_figures_on_the_held_out_editions() {
    // Held out: measured, never fitted or tuned on (0.881 and 0.935 when the
    // relevance was last refitted). The floor guards against a regression; the
    // figures themselves are what the README reports.
    for (dir, links) in [("tests/data/progress/holdout", 30), ("tests/data/progress/holdout-2", 38)] {
        let (labelled, _, _, _, _, f1) = figures(dir);
        assert_eq!(labelled, links, "{dir}");
        assert!(f1 >= 0.85, "{dir}: held-out link F1 {f1:.3}");
    }
}

#[test]
fn every_need_of_both_editions_once_per_pair() {
    for dir in [
        "tests/data/progress/dev",
        "tests/data/progress/dev-2",
        "tests/data/progress/dev-3",
        "tests/data/progress/holdout",
        "tests/data/progress/holdout-2",
    ] {
        let files = inputs(dir);
        let loaded = load(&files, &LoadOptions::default()).unwrap();
        let json: Value = serde_json::from_str(&progress_of(&files)).unwrap();
        for e in json["editions"].as_array().unwrap() {
            let economy: capmatch::Party = e["economy"].as_str().unwrap().parse().unwrap();
            let ids = |year: u64| -> Vec<String> {
                let mut v: Vec<String> = loaded
                    .corpus
                    .needs()
                    .filter(|r| {
                        r.submission.economy == economy && r.submission.year.map(u64::from) == Some(year)
                    })
                    .map(|r| r.item.id.to_string())
                    .collect();
                v.sort();
                v
            };
            let strings = |v: &Value| -> Vec<String> {
                v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
            };
            let persistent = e["persistent"].as_array().unwrap();
            let mut later: Vec<String> =
                persistent.iter().map(|l| l["need"].as_str().unwrap().to_string()).collect();
            later.extend(strings(&e["new"]));
            later.sort();
            let mut earlier: Vec<String> =
                persistent.iter().map(|l| l["previous"].as_str().unwrap().to_string()).collect();
            earlier.extend(strings(&e["resolved"]));
            earlier.sort();
            assert_eq!(later, ids(e["to"].as_u64().unwrap()), "{dir}: {e}");
            assert_eq!(earlier, ids(e["from"].as_u64().unwrap()), "{dir}: {e}");
            for l in persistent {
                let p = l["similarity"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&p));
            }
        }
    }
}

#[test]
fn the_same_bytes_in_any_input_order_and_at_one_or_two_threads() {
    let files = inputs("tests/data/progress/dev");
    let mut reversed = files.clone();
    reversed.reverse();
    let run = |threads: usize, files: &[PathBuf]| {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| progress_of(files))
    };
    let one = run(1, &files);
    assert_eq!(one, run(2, &files));
    assert_eq!(one, run(2, &reversed));
    let mut rotated = files.clone();
    rotated.rotate_left(3);
    assert_eq!(one, run(1, &rotated));
}
