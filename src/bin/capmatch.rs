//! The `capmatch` command line (placeholder; the commands are wired on another branch).
fn main() {}
