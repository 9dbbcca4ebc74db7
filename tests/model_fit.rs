//! The models compiled into the crate are what fitting the development data gives:
//! anyone can refit them (`cargo run --release --example fit_model -- --write`) and
//! get the same numbers, and nobody can edit a coefficient by hand unnoticed.

use std::path::Path;

use capmatch::eval::{FitOptions, LabelledSet, fit};
use capmatch::similarity::Model;

fn development() -> Vec<LabelledSet> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/relevance");
    ["devset.json", "dev-2.json"].iter().map(|n| LabelledSet::read(&dir.join(n)).unwrap()).collect()
}

fn shipped(file: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/similarity").join(file);
    Model::from_json(&std::fs::read_to_string(&path).unwrap(), file).unwrap()
}

fn assert_same(file: &str, semantic: bool) {
    let (fitted, cv) = fit(&development(), &FitOptions { semantic, ..FitOptions::default() });
    let model = shipped(file);
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
    assert!(
        close(fitted.intercept, model.intercept),
        "{file}: intercept {} vs {}",
        fitted.intercept,
        model.intercept
    );
    for (k, (a, b)) in fitted.coefficients.iter().zip(&model.coefficients).enumerate() {
        assert!(close(*a, *b), "{file}: coefficient {k}: refit {a} vs shipped {b}");
    }
    assert!(close(cv.thresholds.partial, model.thresholds.partial), "{file}: partial");
    assert!(close(cv.thresholds.strong, model.thresholds.strong), "{file}: strong");
    // The strong threshold keeps its promise out of fold.
    assert!(cv.strong_precision >= 0.8, "{file}: strong precision {}", cv.strong_precision);
}

#[cfg(feature = "semantic")]
#[test]
fn the_default_model_is_the_fit_of_the_development_data() {
    assert_same("model.json", true);
}

#[test]
fn the_model_without_semantic_vectors_is_the_fit_of_the_development_data() {
    assert_same("model-plain.json", false);
}
