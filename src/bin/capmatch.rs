//! The capmatch command line (placeholder until the front end is written).

fn main() {}
