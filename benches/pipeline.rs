//! Benchmarks of the pipeline stages (placeholder until the stages land).

fn main() {}
