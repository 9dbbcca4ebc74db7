//! Benchmarks of the pipeline stages (placeholder until the synthetic generator lands).
fn main() {}
