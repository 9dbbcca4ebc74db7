//! Diagnostics: what the parser and loaders skipped, guessed or reinterpreted.
//!
//! Nothing is dropped silently. A line that fits nowhere, an unknown section, an
//! economy or year guessed from the text, a bullet moved from the needs box to the
//! offers: each becomes a [`Diagnostic`] the caller can read (the command line prints
//! them on stderr as `warning: FILE:LINE: …`).

use std::fmt;

use crate::Location;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was inferred or normalised; the result is probably right.
    Info,
    /// Something was skipped or guessed; a person may want to look.
    Warning,
}

/// What kind of event a diagnostic reports, for callers that filter them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// The economy was detected from the text rather than a header field.
    GuessedEconomy,
    /// The year was detected from the text, or header fields disagree.
    GuessedYear,
    /// A section heading the template list does not know; its content is kept.
    UnknownSection,
    /// A section of an item was inferred from its text.
    InferredSection,
    /// A line that belongs to no known part of the document and was not used.
    SkippedLine,
    /// An answer box item was moved between needs and offers because of its wording.
    Reclassified,
    /// An item repeated elsewhere in the document and counted once.
    Duplicate,
    /// An item that states no concrete need or offer (kept, flagged `unspecific`).
    Unspecific,
    /// Text was repaired (invalid UTF-8, Word residue, hyphenation).
    Repaired,
    /// A value was given that overrides what the document says.
    Override,
    /// A submission left out of a result that needs what it lacks (an undated
    /// edition in progress between editions), or that has nothing to compare.
    LeftOut,
}

/// One diagnostic: where, how serious, what kind, and a lower-case message.
///
/// # Examples
///
/// ```
/// use capmatch::{Diagnostic, DiagnosticKind, Location, Severity};
///
/// let d = Diagnostic::new(
///     Severity::Warning,
///     DiagnosticKind::UnknownSection,
///     Location::new("old.txt", 40),
///     "unknown section \"D. Energy Security\" kept as section D",
/// );
/// assert_eq!(d.to_string(), "warning: old.txt:40: unknown section \"D. Energy Security\" kept as section D");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// What kind of event.
    pub kind: DiagnosticKind,
    /// Where.
    pub at: Location,
    /// What happened, lower-case, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A new diagnostic.
    pub fn new(severity: Severity, kind: DiagnosticKind, at: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity, kind, at, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}: {}", self.at, self.message)
    }
}
