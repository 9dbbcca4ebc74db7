//! Refits the match model on the development part of the labelled data and prints
//! what cross-validation measured; with `--write`, replaces the models compiled into
//! the crate: `src/similarity/model.json` (default build) and
//! `src/similarity/model-plain.json` (builds without the `semantic` feature).
//!
//! ```text
//! cargo run --release --example fit_model            # figures only
//! cargo run --release --example fit_model -- --write # and write the models
//! ```
//!
//! Only the development files are read: the held-out files are never fitted or
//! tuned on (`examples/relevance.rs` reports on both).

use std::path::Path;

use capmatch::eval::{CrossValidation, FitOptions, LabelledSet, fit};
use capmatch::similarity::{FEATURES, Model};

/// The development part of the labelled data.
pub const DEVELOPMENT: &[&str] = &["devset.json", "dev-2.json"];

fn main() -> Result<(), capmatch::Error> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/relevance");
    let sets: Vec<LabelledSet> =
        DEVELOPMENT.iter().map(|name| LabelledSet::read(&dir.join(name))).collect::<Result<_, _>>()?;
    // The model of the default build, and the one for builds without the semantic
    // feature (where that component is 0).
    let variants: &[(&str, bool)] = if cfg!(feature = "semantic") {
        &[("model.json", true), ("model-plain.json", false)]
    } else {
        &[("model-plain.json", false)]
    };
    for &(file, semantic) in variants {
        let (mut model, cv) = fit(&sets, &FitOptions { semantic, ..FitOptions::default() });
        model.description = format!(
            "The match probability of capmatch{}: logistic regression over the score's components, \
             fitted on the development part of tests/data/relevance (never on the held-out part) by \
             `cargo run --release --example fit_model -- --write`; tests/model_fit.rs checks that the fit \
             reproduces these numbers. An offer helps a need at grade 2 or 3.",
            if semantic { "" } else { " without the semantic feature" }
        );
        report(file, &model, &cv);
        if std::env::args().any(|a| a == "--write") {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/similarity").join(file);
            let json = serde_json::to_string_pretty(&model)
                .map_err(|e| capmatch::Error::Write { source: e.into() })?;
            std::fs::write(&path, json + "\n").map_err(|source| capmatch::Error::Write { source })?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}

fn report(file: &str, model: &Model, cv: &CrossValidation) {
    println!("\n{file}: fitted on {} ({} needs judged)", model.fit["sets"], cv.ranking.needs);
    println!("l2 {} (out-of-fold log-loss {:?})", cv.l2, cv.log_loss);
    println!("intercept {:+.3}", model.intercept);
    for (name, c) in FEATURES.iter().zip(&model.coefficients) {
        println!("  {name:<10} {c:+.3}");
    }
    println!("thresholds: partial {:.4}, strong {:.4}", cv.thresholds.partial, cv.thresholds.strong);
    println!(
        "out of fold: nDCG@5 {:.3} MRR {:.3} P@1 {:.3} | gaps {} found {} of {} reported (P {:.2} R {:.2} F1 {:.2}) \
         | strong precision {:.2} over {} pairs | Brier {:.4}",
        cv.ranking.ndcg5,
        cv.ranking.mrr,
        cv.ranking.p1,
        cv.gaps.gaps,
        cv.gaps.found,
        cv.gaps.reported,
        cv.gaps.precision,
        cv.gaps.recall,
        cv.gaps.f1,
        cv.strong_precision,
        cv.strong_pairs,
        cv.brier
    );
    for b in cv.calibration.iter().filter(|b| b.pairs > 0) {
        println!(
            "  {:.1}–{:.1}: {:>5} pairs, predicted {:.3}, observed {:.3}",
            b.from, b.to, b.pairs, b.predicted, b.observed
        );
    }
}
