//! The Summary Report of Counter-Terrorism Capacity Building Needs.
//!
//! One document model ([`SummaryReport`], plain data in `model.rs`) is built once
//! from the match results (`build.rs`) and rendered by one writer per format:
//! Markdown (`markdown.rs`), JSON (`json.rs`), Graphviz DOT (`super::dot`) and a
//! self-contained HTML page (`html.rs`, with its pictures drawn in `svg.rs`).
//! Adding a section to the report is adding its data to the model and a render
//! function to each writer's list of sections.

mod build;
mod html;
mod json;
mod markdown;
mod model;
mod progress;
mod regional;
mod svg;

pub use model::*;

use crate::model::{MAX_YEAR, MIN_YEAR};
use crate::{Error, Result, Submission};

/// What goes into a [`SummaryReport`].
///
/// Setters take and return `self`; [`SummaryOptions::build`] validates.
///
/// # Examples
///
/// ```
/// use capmatch::report::SummaryOptions;
///
/// let options = SummaryOptions::new().year(2020).include_contacts(true).build()?;
/// assert_eq!(options.year, Some(2020));
/// assert!(options.include_contacts);
/// assert_eq!(SummaryOptions::default().top_donors, 3);
/// assert!(SummaryOptions::new().year(1900).build().is_err());
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Print contact points (names, telephone numbers, e-mail addresses) of the
    /// parties in the report (default false: reports are circulated widely).
    pub include_contacts: bool,
    /// Restrict the report to the submissions of this year (default `None`: all).
    ///
    /// Needs, offers, matches, parties and contacts all come from that year's
    /// submissions only. Undated submissions are left out of a one-year report
    /// (their year is unknown, and a stale plan must not pass for a current one);
    /// the report names the parties whose undated submissions were left out.
    pub year: Option<u16>,
    /// Candidate donors shown per need, best first (default 3; at least 1).
    pub top_donors: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions { include_contacts: false, year: None, top_donors: 3 }
    }
}

impl SummaryOptions {
    /// The default options (same as `Default`).
    pub fn new() -> Self {
        SummaryOptions::default()
    }

    /// Prints contact points when `true` (default false).
    #[must_use]
    pub fn include_contacts(mut self, yes: bool) -> Self {
        self.include_contacts = yes;
        self
    }

    /// Restricts the report to one year's submissions (`2020`), or lifts the
    /// restriction (`None`, the default).
    #[must_use]
    pub fn year(mut self, year: impl Into<Option<u16>>) -> Self {
        self.year = year.into();
        self
    }

    /// Sets how many candidate donors are shown per need (default 3).
    #[must_use]
    pub fn top_donors(mut self, k: usize) -> Self {
        self.top_donors = k;
        self
    }

    /// Validates the options.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if `top_donors` is 0 or `year` is outside 1989–2100.
    pub fn build(self) -> Result<SummaryOptions> {
        if self.top_donors == 0 {
            return Err(Error::config("top_donors", "must be at least 1, got 0"));
        }
        if let Some(y) = self.year
            && !(MIN_YEAR..=MAX_YEAR).contains(&y)
        {
            return Err(Error::config("year", format!("must be from {MIN_YEAR} to {MAX_YEAR}, got {y}")));
        }
        Ok(self)
    }

    /// Whether a submission is in the report: always without a year, else only
    /// when dated that year (undated submissions are left out).
    ///
    /// Callers who want a year's matches ranked among that year's offers only
    /// filter the corpus with this before matching.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Economy, Submission, report::SummaryOptions};
    ///
    /// let dated = Submission::new(Economy::Rok, Some(2020));
    /// let undated = Submission::new(Economy::Hkc, None);
    /// let y2020 = SummaryOptions::new().year(2020);
    /// assert!(y2020.selects(&dated));
    /// assert!(!y2020.selects(&undated));
    /// assert!(SummaryOptions::new().selects(&undated));
    /// ```
    pub fn selects(&self, submission: &Submission) -> bool {
        match self.year {
            None => true,
            Some(y) => submission.year == Some(y),
        }
    }
}

/// `1 need`, `2 needs`: the count and the right form.
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One sentence of the overview, the same in every writer: its text without the
/// final full stop, and whether it ends by pointing to the Gaps section (which
/// each writer renders in its own way).
pub(super) struct OverviewLine {
    pub text: String,
    pub see_gaps: bool,
}

/// The overview's sentences on donors, offers and submissions; `label` gives a
/// party's label escaped for the writer.
pub(super) fn overview_lines(o: &Overview, label: impl Fn(&crate::Party) -> String) -> Vec<OverviewLine> {
    let mut lines = Vec::with_capacity(3);
    lines.push(if o.unmet_needs == 0 {
        OverviewLine { text: "Every need has at least one candidate donor".to_string(), see_gaps: false }
    } else {
        OverviewLine {
            text: format!(
                "{} at least one candidate donor; {} unmet",
                plural(o.matched_needs, "need has", "needs have"),
                plural(o.unmet_needs, "is", "are"),
            ),
            see_gaps: true,
        }
    });
    let offers = if o.unrequested_offers == 0 {
        "Every offer meets at least one need".to_string()
    } else {
        format!(
            "{} at least one need; {} no need",
            plural(o.requested_offers, "offer meets", "offers meet"),
            plural(o.unrequested_offers, "meets", "meet"),
        )
    };
    lines.push(OverviewLine { text: offers, see_gaps: false });
    let submissions: Vec<String> = o
        .parties
        .iter()
        .map(|p| {
            let years: Vec<String> = p.years.iter().map(u16::to_string).collect();
            let years = if years.is_empty() { "undated".to_string() } else { years.join(", ") };
            format!("{} {years}", label(&p.party))
        })
        .collect();
    lines.push(OverviewLine { text: format!("Submissions: {}", submissions.join("; ")), see_gaps: false });
    lines
}

/// The unmet needs by Strategy pillar, as the writers' table shows them: per row,
/// the pillar's name and each need's id with its recipient and section (the
/// section `"no section"` when it has none; `None` for a need the gaps by section
/// do not list).
pub(super) fn gaps_by_pillar(report: &SummaryReport) -> Vec<PillarGapRow<'_>> {
    let where_: std::collections::BTreeMap<&crate::ItemId, (&crate::Party, &str)> = report
        .gaps
        .by_section
        .iter()
        .flat_map(|sec| sec.needs.iter())
        .map(|n| (&n.id, (&n.recipient, n.section.as_deref().unwrap_or("no section"))))
        .collect();
    report
        .gaps
        .by_pillar
        .iter()
        .map(|row| PillarGapRow {
            name: row.pillar.map_or("No pillar identified", crate::Pillar::name),
            needs: row.needs.iter().map(|id| (id, where_.get(id).copied())).collect(),
        })
        .collect()
}

/// One row of [`gaps_by_pillar`].
pub(super) struct PillarGapRow<'r> {
    pub name: &'static str,
    pub needs: Vec<(&'r crate::ItemId, Option<(&'r crate::Party, &'r str)>)>,
}

/// The years the report covers: its one year, `2014–2020`, or `Undated`.
pub(super) fn period(report: &SummaryReport) -> String {
    let years = &report.overview.years;
    match (report.year, years.first(), years.last()) {
        (Some(y), _, _) => y.to_string(),
        (None, Some(first), Some(last)) if first == last => first.to_string(),
        (None, Some(first), Some(last)) => format!("{first}–{last}"),
        _ => "Undated".to_string(),
    }
}
