//! The Summary Report's Markdown, JSON and DOT writers produce, byte for byte, what
//! `capmatch report` (Markdown, JSON and DOT) wrote before the report became one document model with a
//! writer per format (`tests/data/summary/README.md` lists the commands).
//!
//! `CAPMATCH_BLESS=1` rewrites the files instead, for a deliberate change.
//!
//! The golden files hold the default model's answers, which read sentence vectors:
//! without the `semantic` feature there is nothing to compare.
#![cfg(feature = "semantic")]

use std::path::{Path, PathBuf};

use capmatch::MatchConfig;
use capmatch::graph::{MatchGraph, Ranking};
use capmatch::input::{LoadOptions, load};
use capmatch::report::{SummaryOptions, SummaryReport};
use capmatch::similarity::Analysis;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The report of `inputs` the way `capmatch report` builds it.
fn report(inputs: &[PathBuf], options: SummaryOptions) -> SummaryReport {
    let options = options.build().unwrap();
    let mut corpus = load(inputs, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}")).corpus;
    corpus.submissions.retain(|s| options.selects(s));
    let config = MatchConfig::new().build().unwrap();
    let analysis = Analysis::new(&corpus, config.fuzzy_threshold);
    let ranking = Ranking::new(&analysis, &config);
    SummaryReport::new(&MatchGraph::new(&ranking), &options)
}

fn check(name: &str, text: &str) {
    let path = root().join("tests/data/summary").join(name);
    if std::env::var_os("CAPMATCH_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if text != want {
        let line = text.lines().zip(want.lines()).position(|(a, b)| a != b);
        panic!(
            "{name} differs from the golden file (first differing line: {line:?}; lengths {} and {})",
            text.len(),
            want.len()
        );
    }
}

fn check_both(name: &str, inputs: &[PathBuf], options: SummaryOptions) {
    let r = report(inputs, options);
    check(&format!("{name}.md"), &r.to_markdown());
    check(&format!("{name}.json"), &r.to_json());
    // Contacts do not change the network.
    if !options.include_contacts {
        check(&format!("{name}.dot"), &r.to_dot());
    }
}

#[test]
fn bundled_ctaps() {
    let inputs = [root().join("examples/data/hkc-2020.txt"), root().join("examples/data/rok-2014.txt")];
    check_both("ctaps", &inputs, SummaryOptions::new());
    check_both("ctaps-contacts", &inputs, SummaryOptions::new().include_contacts(true));
}

#[test]
fn test_corpora() {
    let dir = root().join("tests/data/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 2, "the test corpora are missing");
    for file in names {
        let name = file.trim_end_matches(".json");
        let inputs = [dir.join(&file)];
        check_both(name, &inputs, SummaryOptions::new());
        check_both(&format!("{name}-contacts"), &inputs, SummaryOptions::new().include_contacts(true));
    }
}

#[test]
fn one_year() {
    let inputs = [root().join("tests/data/corpus/apec-2020.json")];
    check_both("apec-2020-y2020", &inputs, SummaryOptions::new().year(2020));
}
