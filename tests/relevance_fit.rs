//! The need ↔ need relevance compiled into the crate is what fitting the
//! development data gives: the refit is reproducible (`cargo run --release
//! --example fit_relevance -- --write` writes `src/plan/relevance/model.json`).

use std::path::Path;

use capmatch::plan::relevance::{LabelledPairs, RelevanceModel, fit};

fn development() -> Vec<LabelledPairs> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    vec![
        LabelledPairs::progress(&root.join("progress/dev"), "progress/dev").unwrap(),
        LabelledPairs::progress(&root.join("progress/dev-2"), "progress/dev-2").unwrap(),
        LabelledPairs::progress(&root.join("progress/dev-3"), "progress/dev-3").unwrap(),
        LabelledPairs::clusters(
            &root.join("clusters/dev.json"),
            &root.join("clusters/dev.expected.json"),
            "clusters/dev",
        )
        .unwrap(),
    ]
}

#[test]
fn the_fit_reproduces_the_compiled_in_model() {
    let (model, figures) = fit(&development());
    let builtin = RelevanceModel::builtin();
    for (name, _) in &figures {
        let (fitted, shipped) = (model.variant(name), builtin.variant(name));
        assert_eq!(fitted.features, shipped.features, "{name}");
        assert!(
            (fitted.intercept - shipped.intercept).abs() < 1e-6,
            "{name}: intercept {} vs {}",
            fitted.intercept,
            shipped.intercept
        );
        for (f, s) in fitted.coefficients.iter().zip(&shipped.coefficients) {
            assert!((f - s).abs() < 1e-6, "{name}: {:?} vs {:?}", fitted.coefficients, shipped.coefficients);
        }
        assert!((fitted.threshold - shipped.threshold).abs() < 1e-9, "{name}: threshold");
    }
}

#[test]
fn labelled_pairs_cover_every_edition_pair_and_cluster() {
    let sets = development();
    // 7 edition pairs with 43 links, 6 with 45 and 4 with 26 (the README.md of
    // tests/data/progress/dev, dev-2 and dev-3).
    for (progress, links, pairs) in [(&sets[0], 43, 7), (&sets[1], 45, 6), (&sets[2], 26, 4)] {
        assert_eq!(progress.pairs.iter().filter(|p| p.same).count(), links, "{}", progress.name);
        let editions: std::collections::BTreeSet<&str> =
            progress.pairs.iter().filter_map(|p| p.edition.as_deref()).collect();
        assert_eq!(editions.len(), pairs, "{}", progress.name);
    }
    // 13 clusters with 64 same-cluster pairs among 61 needs.
    let clusters = &sets[3];
    assert_eq!(clusters.pairs.len(), 61 * 60 / 2);
    assert_eq!(clusters.pairs.iter().filter(|p| p.same).count(), 64);
}
