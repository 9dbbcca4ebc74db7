//! The crate's one error type, and the [`Location`] every error and diagnostic points at.
//!
//! Every error that comes from input says where: the file, the line when there is one,
//! and for corpus JSON the JSON path of the offending value. Messages are lower-case
//! and carry no trailing period; the command line prints them as
//! `error: FILE:LINE: what is wrong`.

use std::fmt;
use std::io;

/// A `Result` whose error defaults to this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in the input something was found: a file (when known) and a 1-based line.
///
/// # Examples
///
/// ```
/// use capmatch::Location;
///
/// assert_eq!(Location::new("hkc-2020.txt", 12).to_string(), "hkc-2020.txt:12");
/// assert_eq!(Location::file("corpus.json").to_string(), "corpus.json");
/// assert_eq!(Location::line(3).to_string(), "<input>:3");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file the input came from, as the caller named it.
    pub file: Option<String>,
    /// The 1-based line, when the problem is on one line.
    pub line: Option<u32>,
}

impl Location {
    /// A location in `file` at 1-based `line`.
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Location { file: Some(file.into()), line: Some(line) }
    }

    /// A whole file, with no particular line.
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: Some(file.into()), line: None }
    }

    /// A line of input that has no file name (a string handed to the library).
    pub fn line(line: u32) -> Self {
        Location { file: None, line: Some(line) }
    }

    /// This location moved to another line of the same file.
    #[must_use]
    pub fn at_line(&self, line: u32) -> Self {
        Location { file: self.file.clone(), line: Some(line) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file.as_deref().unwrap_or("<input>"))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in capmatch.
///
/// Each input error carries a [`Location`]; its `Display` starts with it, so
/// `format!("error: {err}")` is the line the command line prints.
///
/// # Examples
///
/// ```
/// use capmatch::{Corpus, Error};
///
/// let err = Corpus::from_json_str(r#"{"submissions":[{"economy":"Atlantis"}]}"#, Some("c.json"))
///     .unwrap_err();
/// assert!(matches!(err, Error::UnknownParty { .. }));
/// assert_eq!(
///     err.to_string(),
///     "c.json:1: submissions[0].economy: unknown economy or organisation \"Atlantis\" \
///      (use an APEC code such as ROK, an ISO 3166 code, a name, or \"org:NAME\" for an organisation)"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read (missing, a directory, no permission).
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },

    /// Output could not be written.
    #[error("cannot write output: {source}")]
    Write {
        /// What the operating system said.
        #[source]
        source: io::Error,
    },

    /// A result file could not be created, written or moved into place.
    #[error("{path}: cannot write: {source}")]
    WriteFile {
        /// The path as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },

    /// The input is empty or only white space.
    #[error("{at}: empty input")]
    Empty {
        /// The file.
        at: Location,
    },

    /// The input is binary data (NUL bytes or mostly control characters), not text.
    #[error("{at}: binary data, not text")]
    Binary {
        /// Where the first binary byte is.
        at: Location,
    },

    /// The input is text but not a Counter-Terrorism Action Plan.
    #[error("{at}: not a counter-terrorism action plan: {reason}")]
    NotCtap {
        /// Where the evidence is (often the title line).
        at: Location,
        /// Why it was rejected.
        reason: String,
    },

    /// The economy of a CTAP could not be determined from its text.
    #[error("{at}: cannot determine the economy of this action plan (give it with --economy)")]
    EconomyUnknown {
        /// The file.
        at: Location,
    },

    /// Corpus JSON is malformed or has the wrong shape.
    #[error("{at}: {}{message}", path_prefix(path))]
    Json {
        /// Where (line of the JSON text).
        at: Location,
        /// The JSON path of the offending value, such as `submissions[0].needs[2]`.
        path: String,
        /// What is wrong.
        message: String,
    },

    /// A Word or PDF document that cannot be read, or is refused (encrypted, no
    /// text layer, over a limit, damaged, or read without the `documents` feature).
    #[error("{at}: {message}")]
    Document {
        /// The file.
        at: Location,
        /// What is wrong, and what to do about it.
        message: String,
    },

    /// An economy or organisation name that is neither an APEC member, a known
    /// international organisation, nor an explicit `org:NAME`.
    #[error(
        "{at}: {}unknown economy or organisation {value:?} (use an APEC code such as ROK, \
         an ISO 3166 code, a name, or \"org:NAME\" for an organisation)",
        path_prefix(path)
    )]
    UnknownParty {
        /// Where.
        at: Location,
        /// The JSON path, empty when the value came from elsewhere (a flag).
        path: String,
        /// The value as written.
        value: String,
    },

    /// Two items share an id.
    #[error("{at}: duplicate id {id:?} (first used at {first})")]
    DuplicateId {
        /// Where the second use is.
        at: Location,
        /// The id.
        id: String,
        /// Where the first use is.
        first: Location,
    },

    /// Two submissions of one party and year (or two undated ones) were given, and
    /// the caller asked for that to be an error
    /// ([`OnDuplicate::Error`](crate::input::OnDuplicate::Error)).
    #[error(
        "{at}: {}{edition} is also in {first}: one edition given twice (read it once, or use \
         --on-duplicate merge, first or last)",
        path_prefix(path)
    )]
    DuplicateEdition {
        /// The file of the second submission.
        at: Location,
        /// Its JSON path (`submissions[2]`) when both are in one file, else empty.
        path: String,
        /// The party and year: `ROK 2014`, `ROK, undated`.
        edition: String,
        /// Where the first is: its file, or its JSON path in the same file.
        first: String,
    },

    /// A field has a value outside what it allows (an id with spaces, capacity 0, …).
    #[error("{at}: {}{message}", path_prefix(path))]
    InvalidValue {
        /// Where.
        at: Location,
        /// The JSON path, empty when there is none.
        path: String,
        /// What is wrong.
        message: String,
    },

    /// A configuration value is invalid (a weight that is NaN or negative, `top = 0`, …).
    #[error("invalid configuration: {field}: {reason}")]
    Config {
        /// The setting, as named on the command line or in the config JSON.
        field: String,
        /// Why it is invalid.
        reason: String,
    },
}

fn path_prefix(path: &str) -> String {
    if path.is_empty() { String::new() } else { format!("{path}: ") }
}

impl Error {
    /// The location the error points at, if it comes from input.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::{Error, Location};
    ///
    /// let err = Error::Empty { at: Location::file("a.txt") };
    /// assert_eq!(err.location(), Some(&Location::file("a.txt")));
    /// ```
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Empty { at }
            | Error::Binary { at }
            | Error::NotCtap { at, .. }
            | Error::EconomyUnknown { at }
            | Error::Json { at, .. }
            | Error::UnknownParty { at, .. }
            | Error::DuplicateId { at, .. }
            | Error::DuplicateEdition { at, .. }
            | Error::InvalidValue { at, .. }
            | Error::Document { at, .. } => Some(at),
            Error::Io { .. } | Error::Write { .. } | Error::WriteFile { .. } | Error::Config { .. } => None,
        }
    }

    pub(crate) fn config(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Config { field: field.into(), reason: reason.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_start_with_the_location() {
        let err = Error::NotCtap {
            at: Location::new("x.txt", 4),
            reason: "it is an anti-corruption report".into(),
        };
        assert_eq!(
            err.to_string(),
            "x.txt:4: not a counter-terrorism action plan: it is an anti-corruption report"
        );
        let err = Error::Json {
            at: Location::new("c.json", 2),
            path: String::new(),
            message: "expected value".into(),
        };
        assert_eq!(err.to_string(), "c.json:2: expected value");
    }

    #[test]
    fn config_errors_name_the_field() {
        assert_eq!(
            Error::config("weights.topic", "must be finite and >= 0, got NaN").to_string(),
            "invalid configuration: weights.topic: must be finite and >= 0, got NaN"
        );
    }
}
