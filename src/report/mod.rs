//! Reports: match lists and summaries as JSON, CSV, Markdown and Graphviz DOT.
//!
//! Takes a [`Ranking`](crate::graph::Ranking) (or the graph built from it) and
//! writes it in the fixed contracts of `DESIGN.md` (JSON) or for people (Markdown,
//! CSV safe to open in a spreadsheet). Everything is ordered, never in hash order,
//! and escaped for its format.

mod escape;
mod matches;

#[allow(unused_imports, reason = "the summary report uses it")]
pub(crate) use escape::excerpt;
pub use escape::{csv_safe, markdown_escape};
pub use matches::{write_matches_csv, write_matches_json, write_matches_markdown};
