//! Regional demand clusters against labelled groups (`tests/data/clusters/`):
//! pairwise and B-cubed precision, recall and F1 on the development set and on the
//! held-out set (never tuned on), measured twice — through the library and through
//! `capmatch clusters --format json`, the contract the target is measured with.
//!
//! ```text
//! cargo test --release --test clusters -- --nocapture    # prints the figures
//! ```

use std::path::Path;
use std::process::Command;

use capmatch::MatchConfig;
use capmatch::graph::Ranking;
use capmatch::input::{LoadOptions, load};
use capmatch::plan::{Agreement, DemandOptions, Partition, RegionalDemand, agreement};
use capmatch::similarity::Analysis;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/clusters");

fn gold(set: &str) -> Partition {
    let path = Path::new(DATA).join(format!("{set}.expected.json"));
    Partition::from_json(&std::fs::read_to_string(&path).unwrap(), &path.display().to_string()).unwrap()
}

/// The library's clusters of a labelled set, with default options.
fn library(set: &str) -> Partition {
    let loaded = load(&[Path::new(DATA).join(format!("{set}.json"))], &LoadOptions::default()).unwrap();
    let config = MatchConfig::new().top_k(50).build().unwrap();
    let analysis = Analysis::new(&loaded.corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    Partition::from(&RegionalDemand::new(&ranking, &DemandOptions::new()))
}

/// The command line's clusters of a labelled set, read back from its JSON.
fn command_line(set: &str) -> Partition {
    let out = Command::new(env!("CARGO_BIN_EXE_capmatch"))
        .args(["clusters", "--quiet", "--format", "json"])
        .arg(Path::new(DATA).join(format!("{set}.json")))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    Partition::from_json(&String::from_utf8(out.stdout).unwrap(), "stdout").unwrap()
}

fn show(set: &str, f: &Agreement) {
    println!(
        "{set:8} needs {:3} · pairwise P {:.3} R {:.3} F1 {:.3} (pairs predicted {}, labelled {}, both {}) · \
         B-cubed P {:.3} R {:.3} F1 {:.3}",
        f.needs,
        f.pairwise.precision,
        f.pairwise.recall,
        f.pairwise.f1,
        f.pairs.0,
        f.pairs.1,
        f.pairs.2,
        f.bcubed.precision,
        f.bcubed.recall,
        f.bcubed.f1
    );
}

#[test]
fn development_set() {
    let ours = command_line("dev");
    assert_eq!(ours, library("dev"), "the command line and the library agree");
    let f = agreement(&ours, &gold("dev")).unwrap();
    show("dev", &f);
    assert!(f.pairwise.f1 >= 0.8, "pairwise F1 {:.3} below the 0.8 target", f.pairwise.f1);
    assert!(f.bcubed.f1 >= 0.8, "B-cubed F1 {:.3}", f.bcubed.f1);
}

#[test]
fn held_out_set() {
    // Never tuned on: the figures are reported as they come. The issue's target
    // (pairwise F1 >= 0.8) is not met here (see the README); these floors only
    // catch a regression from what was measured (pairwise 0.704, B-cubed 0.883).
    let ours = command_line("holdout");
    assert_eq!(ours, library("holdout"), "the command line and the library agree");
    let f = agreement(&ours, &gold("holdout")).unwrap();
    show("held out", &f);
    assert!(f.pairwise.f1 >= 0.65, "pairwise F1 {:.3}", f.pairwise.f1);
    assert!(f.bcubed.f1 >= 0.85, "B-cubed F1 {:.3}", f.bcubed.f1);
}
