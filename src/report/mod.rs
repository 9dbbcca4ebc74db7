//! Reports: match lists, allocations and the Summary Report as JSON, CSV, Markdown,
//! HTML and Graphviz DOT.
//!
//! Takes a [`Ranking`](crate::graph::Ranking), the [`MatchGraph`](crate::graph::MatchGraph)
//! built from it, or an [`Allocation`](crate::graph::Allocation), and writes it in
//! the fixed contracts of `DESIGN.md` (JSON) or for people (Markdown, CSV safe to
//! open in a spreadsheet): the match list (`write_matches_*`), the capacity-
//! respecting plan (`write_allocation_*`), the [`SummaryReport`] (one document
//! model, rendered as Markdown, JSON, a self-contained HTML page or DOT) and the
//! economy graph ([`to_dot`]). Everything is ordered, never in hash order, and
//! escaped for its format.

mod allocation;
mod demand;
mod dot;
mod escape;
mod matches;
mod progress;
mod summary;

pub use allocation::{write_allocation_csv, write_allocation_json, write_allocation_markdown};
pub use dot::{dot_escape, to_dot};
pub use escape::{csv_safe, html_escape, markdown_escape};
pub use matches::{write_matches_csv, write_matches_json, write_matches_jsonl, write_matches_markdown};
pub use progress::{progress_json, progress_markdown};
pub use summary::{
    AreaProgress, AreaTotal, Candidate, Counts, DemandCell, DemandGrid, DemandRow, EconomyProgress, GapNeed,
    Gaps, MissedOpportunity, NeedSummary, OfferSummary, Overview, PartyContact, PartyOverview,
    PersistingNeed, PillarGaps, PillarTotal, ProgressLink, ProgressNeed, ProgressSummary, RecipientNeeds,
    SectionGaps, SectionNeeds, StrengthTable, SummaryOptions, SummaryReport, Totals,
};

use crate::{Error, Party};

/// An output failure as the crate's error.
pub(crate) fn write_err(source: std::io::Error) -> Error {
    Error::Write { source }
}

/// A party's short label: the APEC code, or the organisation's name.
pub(crate) fn party_label(party: &Party) -> &str {
    match party {
        Party::Economy(e) => e.code(),
        Party::Organisation(o) => o.name(),
    }
}

/// A section as a Markdown heading: `A.1 Protect Cargo`, an other section's label,
/// or the title given for no section; escaped.
pub(crate) fn section_heading(label: Option<&str>, title: &str) -> String {
    match label {
        Some(l) if l != title => format!("{} {}", markdown_escape(l), markdown_escape(title)),
        Some(l) => markdown_escape(l),
        None => markdown_escape(title),
    }
}

/// A party as a Markdown heading: `ROK — Republic of Korea`, or the organisation's
/// name, escaped.
pub(crate) fn party_heading(party: &Party) -> String {
    match party {
        Party::Economy(e) => format!("{} — {}", e.code(), e.name()),
        Party::Organisation(o) => markdown_escape(o.name()),
    }
}

/// One sentence on what a match score means, with the model's thresholds (plain
/// text, safe in Markdown and HTML).
pub(crate) fn score_meaning(t: &crate::similarity::Thresholds) -> String {
    format!(
        "A score is the probability, from 0 to 1, that the offer helps the need, from a model fitted on \
         labelled pairs: strong matches ({:.2} and above) helped in at least 8 of 10 labelled cases, partial \
         ones ({:.2} and above) may help, and a need with no offer at partial or better is a gap.",
        t.strong, t.partial
    )
}
