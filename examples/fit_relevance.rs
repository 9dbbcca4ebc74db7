//! Refits the need ↔ need relevance on the development parts of the labelled data
//! and prints what cross-validation measured, and, with `--held-out`, what the fitted
//! model measures on the held-out parts (reported, never fitted or tuned on); with `--write`,
//! replaces `src/plan/relevance/model.json` (the model compiled into the crate).
//!
//! ```text
//! cargo run --release --example fit_relevance            # figures only
//! cargo run --release --example fit_relevance -- --write # and write the model
//! cargo run --release --example fit_relevance -- --held-out # and the held-out figures
//! ```
//!
//! A build without the `semantic` feature refits the `plain` variant only.

use std::path::Path;

use capmatch::plan::relevance::{LabelledPairs, fit, fit_report, pair_figures};

/// The development part of the labelled data: progress editions and regional demand.
fn development(root: &Path) -> Result<Vec<LabelledPairs>, capmatch::Error> {
    Ok(vec![
        LabelledPairs::progress(&root.join("progress/dev"), "progress/dev")?,
        LabelledPairs::progress(&root.join("progress/dev-2"), "progress/dev-2")?,
        LabelledPairs::progress(&root.join("progress/dev-3"), "progress/dev-3")?,
        LabelledPairs::clusters(
            &root.join("clusters/dev.json"),
            &root.join("clusters/dev.expected.json"),
            "clusters/dev",
        )?,
    ])
}

/// The held-out part: measured, never fitted on.
fn held_out(root: &Path) -> Result<Vec<LabelledPairs>, capmatch::Error> {
    Ok(vec![
        LabelledPairs::progress(&root.join("progress/holdout"), "progress/holdout")?,
        LabelledPairs::progress(&root.join("progress/holdout-2"), "progress/holdout-2")?,
        LabelledPairs::clusters(
            &root.join("clusters/holdout.json"),
            &root.join("clusters/holdout.expected.json"),
            "clusters/holdout",
        )?,
    ])
}

fn main() -> Result<(), capmatch::Error> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let dev = development(&root)?;
    let (mut model, figures) = fit(&dev);
    model.description = "Need ↔ need relevance of capmatch: logistic regression over pair features, fitted on \
        labelled need pairs of the development data only (tests/data/progress/dev, dev-2 and dev-3: later need × earlier \
        need of each pair of consecutive editions, linked or not; tests/data/clusters/dev: every pair of needs, \
        same cluster or not), never on the held-out parts; cross-validated in 5 folds grouped by economy. \
        `threshold` (regional demand) maximises the mean of the progress link F1 (after one-to-one assignment) \
        and the cluster pair F1 out of fold; `link_threshold` (progress between editions) maximises the \
        progress link F1 out of fold. Refit: `cargo run --release --example fit_relevance -- --write`; \
        tests/relevance_fit.rs checks that the fit reproduces these numbers."
        .to_string();
    for (name, f) in &figures {
        let v = model.variant(name);
        println!("variant {name}: intercept {:+.3}", v.intercept);
        for (feature, c) in v.features.iter().zip(&v.coefficients) {
            println!("  {feature:<10} {c:+.3}");
        }
        println!("  dev, out of fold: {}", fit_report(f));
    }
    // Held-out figures only when asked: features and thresholds are chosen on the
    // development figures, and the held-out ones are read once, at the end.
    if std::env::args().any(|a| a == "--held-out") {
        let holdout = held_out(&root)?;
        for (name, _) in &figures {
            println!("  {name}, held out: {}", fit_report(&pair_figures(model.variant(name), &holdout)));
        }
    }
    if std::env::args().any(|a| a == "--write") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/plan/relevance/model.json");
        let json =
            serde_json::to_string_pretty(&model).map_err(|e| capmatch::Error::Write { source: e.into() })?;
        std::fs::write(&path, json + "\n").map_err(|source| capmatch::Error::Write { source })?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
