//! Word and PDF documents → the CTAP parser's lines.
//!
//! # Input
//!
//! The bytes of a file, told apart by content, not by name: a zip archive holding
//! `word/document.xml` is a Word document (`.docx`), `%PDF-` near the start a PDF.
//! An old binary Word file (`.doc`, OLE2 signature) and other zip archives are
//! refused with a message that says what they are.
//!
//! # Output
//!
//! [`Extracted`]: the document's text as lines, and for every line where it came
//! from in the document ([`Origin`]: a paragraph, a table cell, a page). [`parse`]
//! hands the lines to the CTAP parser ([`crate::ctap::parse`]) and adds the
//! origin to each diagnostic, so `warning: plan.docx:41: …` also says
//! `(table 3, row 2, cell 2)`; LINE is the line of the extracted text, which
//! [`extract`] returns to look at.
//!
//! - **Word**: the body's paragraphs in reading order; list paragraphs (`w:numPr`,
//!   directly or through their style) as bullets or numbers as Word draws them,
//!   indented by level; tables row by row, a row whose cells each hold one
//!   paragraph as one line with the cells separated by tabs (how the parser reads a
//!   flattened Word table: question cell, answer cell), any other row cell by cell;
//!   merged cells once; text boxes after the paragraph they are anchored in;
//!   fields as their result; tracked deletions and struck-through text left out;
//!   headers, footers, footnotes and comments are not body text and are not read.
//! - **PDF**: the text layer page by page, lines in reading order; the cells of a
//!   table (found from the lines drawn around them, or from the gaps between
//!   columns) read cell by cell, so an answer that wraps inside its cell stays
//!   together, and a row that a page break cut is joined again; struck-through
//!   text (a line drawn through it) is left out; running headers, footers and
//!   page numbers are left to the parser, which drops them (each page starts
//!   with a form feed, as `pdftotext` writes).
//!
//! # Limits
//!
//! Documents are untrusted: [`DocumentOptions`] caps the pages of a PDF (2,000 by
//! default) and how far a document may unpack (32 MiB: the parts of a `.docx`
//! that are read, or a PDF's object streams and its pages' content; and no part
//! of a `.docx` more than 200 times its packed size once it is over 1 MiB); a PDF
//! page may hold at most 200,000 characters, and XML with a document type
//! declaration is refused (no entity expansion). Encrypted PDFs and PDFs without a
//! text layer (scans) are refused with a message that says what to do. So any
//! file up to 100 MB is read or refused within seconds and well under 1 GiB.
//!
//! The readers are behind the default `documents` cargo feature; without it,
//! [`detect`] still recognises documents and [`extract`] refuses them with an
//! error that says the feature is off.
//!
//! # Examples
//!
//! ```
//! # #[cfg(feature = "documents")] {
//! use capmatch::ParseOptions;
//! use capmatch::document::{DocumentOptions, Kind, detect, parse};
//!
//! let bytes = std::fs::read("tests/data/documents/vn-2019-table.docx")?;
//! assert_eq!(detect(&bytes), Some(Kind::Docx));
//! let parsed = parse(&bytes, &ParseOptions::new().file("vn-2019-table.docx"), &DocumentOptions::new())?;
//! assert_eq!(parsed.submission.economy.to_string(), "VN");
//! assert_eq!(parsed.submission.year, Some(2019));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "documents")]
mod archive;
#[cfg(feature = "documents")]
mod columns;
#[cfg(feature = "documents")]
mod docx;
#[cfg(feature = "documents")]
mod layout;
#[cfg(feature = "documents")]
mod numbering;
#[cfg(feature = "documents")]
mod pdf;
#[cfg(feature = "documents")]
mod xml;

use std::fmt;

use crate::ctap::{ParseOptions, Parsed};
use crate::{Diagnostic, DiagnosticKind, Error, Location, Result, Severity};

/// What a file's bytes are, when they are a document rather than text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A Word document (`.docx`): a zip archive with `word/document.xml`.
    Docx,
    /// A PDF: `%PDF-` in the first kilobyte.
    Pdf,
    /// An old binary Office file (`.doc`; OLE2 compound file).
    OldWord,
    /// A zip archive that is not a Word document.
    Zip,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Docx => "word document",
            Kind::Pdf => "pdf",
            Kind::OldWord => "old binary word document (.doc)",
            Kind::Zip => "zip archive",
        })
    }
}

/// Tells a document by its content; `None` for anything else (text, JSON).
///
/// # Examples
///
/// ```
/// use capmatch::document::{Kind, detect};
///
/// assert_eq!(detect(b"%PDF-1.7\n..."), Some(Kind::Pdf));
/// assert_eq!(detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Some(Kind::OldWord));
/// assert_eq!(detect(b"PK\x03\x04...word/document.xml..."), Some(Kind::Docx));
/// assert_eq!(detect(b"PK\x03\x04...mimetype..."), Some(Kind::Zip));
/// assert_eq!(detect(b"APEC COUNTER-TERRORISM ACTION PLAN"), None);
/// ```
pub fn detect(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"PK\x03\x04") {
        // The part's name is in its local header and in the central directory.
        let docx = bytes.windows(DOCUMENT_PART.len()).any(|w| w == DOCUMENT_PART);
        return Some(if docx { Kind::Docx } else { Kind::Zip });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(Kind::OldWord);
    }
    // The PDF specification lets a header come after up to 1,024 bytes of junk.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    None
}

const DOCUMENT_PART: &[u8] = b"word/document.xml";

/// Limits for reading untrusted documents.
///
/// Setters take and return the options; [`DocumentOptions::default`] is
/// [`DocumentOptions::new`].
///
/// # Examples
///
/// ```
/// use capmatch::document::DocumentOptions;
///
/// let o = DocumentOptions::new().max_pages(50);
/// assert_eq!(o.page_limit(), 50);
/// assert_eq!(DocumentOptions::new().page_limit(), 2000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
// Named after the setters, which read as limits: `max_pages(50)`.
#[allow(clippy::struct_field_names)]
pub struct DocumentOptions {
    max_pages: u32,
    max_unpacked: u64,
    max_ratio: u64,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions::new()
    }
}

impl DocumentOptions {
    /// The default limits: 2,000 pages, 32 MiB unpacked, a ratio of 200.
    pub fn new() -> DocumentOptions {
        DocumentOptions { max_pages: 2000, max_unpacked: 32 << 20, max_ratio: 200 }
    }

    /// The most pages a PDF may have; a longer one is refused before its text is
    /// read. Default: 2,000.
    #[must_use]
    pub fn max_pages(mut self, pages: u32) -> DocumentOptions {
        self.max_pages = pages;
        self
    }

    /// The most bytes a document may unpack to, in all: the parts of a `.docx`
    /// that are read; a PDF's object streams, and its pages' content streams.
    /// Default: 32 MiB (a long CTAP unpacks to a few MiB; 32 MiB of PDF page
    /// content is read in well under 30 s on a busy 2-core machine).
    #[must_use]
    pub fn max_unpacked(mut self, bytes: u64) -> DocumentOptions {
        self.max_unpacked = bytes;
        self
    }

    /// The most a part of a `.docx` over 1 MiB may unpack to, as a multiple of its
    /// packed size (Word's XML packs about 10 to 1; a zip bomb a thousand to one).
    /// Default: 200.
    #[must_use]
    pub fn max_ratio(mut self, ratio: u64) -> DocumentOptions {
        self.max_ratio = ratio;
        self
    }

    /// The page limit.
    pub fn page_limit(&self) -> u32 {
        self.max_pages
    }

    /// The limit on unpacked bytes.
    pub fn unpacked_limit(&self) -> u64 {
        self.max_unpacked
    }

    /// The limit on a part's compression ratio.
    pub fn ratio_limit(&self) -> u64 {
        self.max_ratio
    }
}

/// Where a line of extracted text came from in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// The n-th paragraph of a Word document's body (1-based, counting the
    /// paragraphs in tables and text boxes too).
    Paragraph(u32),
    /// A table cell of a Word document: the n-th table of the body, its row and
    /// cell (all 1-based).
    Cell {
        /// The table.
        table: u32,
        /// The row.
        row: u32,
        /// The cell.
        cell: u32,
    },
    /// A whole table row written as one line (its cells separated by tabs).
    Row {
        /// The table.
        table: u32,
        /// The row.
        row: u32,
    },
    /// A page of a PDF (1-based).
    Page(u32),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Paragraph(n) => write!(f, "paragraph {n}"),
            Origin::Cell { table, row, cell } => write!(f, "table {table}, row {row}, cell {cell}"),
            Origin::Row { table, row } => write!(f, "table {table}, row {row}"),
            Origin::Page(n) => write!(f, "page {n}"),
        }
    }
}

/// A document's text, one line per paragraph, table row or cell, or PDF text line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The lines, joined by `\n`.
    pub text: String,
    /// Where each line came from: `origins[k]` is line `k + 1` of `text`.
    pub origins: Vec<Origin>,
    /// The number of pages (PDF only).
    pub pages: Option<u32>,
    /// Pages whose text could not be read (damaged content), 1-based; their text
    /// is missing or partial.
    pub skipped_pages: Vec<u32>,
}

impl Extracted {
    /// The origin of 1-based `line`, if the document has one for it.
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "documents")] {
    /// use capmatch::document::{DocumentOptions, Origin, extract};
    ///
    /// let bytes = std::fs::read("tests/data/documents/vn-2019-table.docx")?;
    /// let doc = extract(&bytes, Some("vn-2019-table.docx"), &DocumentOptions::new())?;
    /// // The header fields are a row of one-paragraph cells: one line.
    /// let k = doc.text.lines().position(|l| l.starts_with("ECONOMY:")).unwrap();
    /// assert!(matches!(doc.origin(k as u32 + 1), Some(Origin::Row { .. })));
    /// assert_eq!(doc.origin(0), None);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn origin(&self, line: u32) -> Option<Origin> {
        let k = usize::try_from(line).ok()?.checked_sub(1)?;
        self.origins.get(k).copied()
    }

    #[cfg_attr(not(feature = "documents"), allow(dead_code))]
    fn push(&mut self, line: &str, origin: Origin) {
        if !self.origins.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.origins.push(origin);
    }
}

/// Keeps panics inside the PDF reader's dependencies off standard error.
///
/// pdf-extract panics on some malformed PDFs instead of returning an error. The
/// reader catches those panics per page and reports the page as damaged, but the
/// process's panic hook still prints each one. A program that wants only its own
/// messages calls this once at start (the `capmatch` command does): it wraps the
/// current hook so that panics raised in the PDF reader's crates are not printed;
/// every other panic is printed as before.
///
/// # Examples
///
/// ```
/// capmatch::document::quiet_reader_panics();
/// ```
pub fn quiet_reader_panics() {
    const READERS: [&str; 6] = [
        "/pdf-extract-",
        "/lopdf-",
        "/cff-parser-",
        "/type1-encoding-parser-",
        "/adobe-cmap-parser-",
        "/postscript-",
    ];
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let inside = info.location().is_some_and(|l| READERS.iter().any(|r| l.file().contains(r)));
        if !inside {
            previous(info);
        }
    }));
}

/// The error for a document that cannot be read.
pub(crate) fn refuse(file: Option<&str>, message: impl Into<String>) -> Error {
    Error::Document { at: Location { file: file.map(str::to_string), line: None }, message: message.into() }
}

/// Reads a document's text.
///
/// `file` names the document in errors.
///
/// # Errors
///
/// [`Error::Document`] for what is not a readable document: an old `.doc`, a zip
/// that is not a Word document, a damaged archive or PDF, an encrypted PDF, a PDF
/// without a text layer, one over the page limit, a `.docx` that unpacks past the
/// limits or whose XML declares a DTD; and, when capmatch is built without the
/// `documents` feature, for every document. [`Error::Empty`] for bytes that are
/// not a document at all.
///
/// # Examples
///
/// ```
/// use capmatch::document::{DocumentOptions, extract};
///
/// let err = extract(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", Some("plan.docx"), &DocumentOptions::new()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "plan.docx: an old binary word document (.doc), not .docx: save it as .docx or pdf and try again"
/// );
/// ```
pub fn extract(bytes: &[u8], file: Option<&str>, options: &DocumentOptions) -> Result<Extracted> {
    match detect(bytes) {
        None => Err(Error::Empty { at: Location { file: file.map(str::to_string), line: None } }),
        Some(Kind::OldWord) => Err(refuse(
            file,
            "an old binary word document (.doc), not .docx: save it as .docx or pdf and try again",
        )),
        Some(Kind::Zip) => Err(refuse(file, "a zip archive without word/document.xml: not a word document")),
        Some(kind) => read(kind, bytes, file, options),
    }
}

#[cfg(feature = "documents")]
fn read(kind: Kind, bytes: &[u8], file: Option<&str>, options: &DocumentOptions) -> Result<Extracted> {
    match kind {
        Kind::Docx => docx::extract(bytes, file, options),
        _ => pdf::extract(bytes, file, options),
    }
}

#[cfg(not(feature = "documents"))]
fn read(kind: Kind, _bytes: &[u8], file: Option<&str>, _options: &DocumentOptions) -> Result<Extracted> {
    Err(refuse(
        file,
        format!(
            "a {kind}: this build of capmatch reads word and pdf documents only with the `documents` feature"
        ),
    ))
}

/// Reads a document and parses its text as a CTAP.
///
/// Like [`crate::ctap::parse`] on the text [`extract`] gives; each diagnostic that
/// points at a line also says where that line is in the document.
///
/// # Errors
///
/// Those of [`extract`], then those of [`crate::ctap::parse`].
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "documents")] {
/// use capmatch::ParseOptions;
/// use capmatch::document::{DocumentOptions, parse};
///
/// let bytes = std::fs::read("tests/data/documents/rok-2014.docx")?;
/// let parsed = parse(&bytes, &ParseOptions::new().file("rok-2014.docx"), &DocumentOptions::new())?;
/// assert_eq!(parsed.submission.year, Some(2014));
/// // "2012~~4~~" in the text: the struck "4" is not in the title any more.
/// assert!(parsed.submission.offers.iter().any(|o| o.text.contains("Single Window")));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse(bytes: &[u8], options: &ParseOptions, document: &DocumentOptions) -> Result<Parsed> {
    let extracted = extract(bytes, options.file_name(), document)?;
    if extracted.text.trim().is_empty() {
        return Err(refuse(options.file_name(), "the document has no text"));
    }
    let mut parsed = crate::ctap::parse(&extracted.text, options)?;
    for d in &mut parsed.diagnostics {
        if let Some(origin) = d.at.line.and_then(|l| extracted.origin(l)) {
            d.message = format!("{} ({origin})", d.message);
        }
    }
    for &page in &extracted.skipped_pages {
        let line = extracted.origins.iter().position(|o| *o == Origin::Page(page));
        let at = Location {
            file: options.file_name().map(str::to_string),
            line: line.and_then(|k| u32::try_from(k + 1).ok()),
        };
        parsed.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            DiagnosticKind::SkippedLine,
            at,
            format!("page {page} of the pdf is damaged: its text was not read, or only in part"),
        ));
    }
    parsed.diagnostics.sort_by_key(|d| d.at.line.unwrap_or(0));
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_content() {
        assert_eq!(detect(b"junk before\n%PDF-1.4"), Some(Kind::Pdf));
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"PK\x03\x04"), Some(Kind::Zip));
        let mut late = vec![b' '; 2000];
        late.extend_from_slice(b"%PDF-1.4");
        assert_eq!(detect(&late), None);
    }

    #[test]
    fn origins_are_shown_as_places() {
        assert_eq!(Origin::Paragraph(41).to_string(), "paragraph 41");
        assert_eq!(Origin::Cell { table: 2, row: 3, cell: 2 }.to_string(), "table 2, row 3, cell 2");
        assert_eq!(Origin::Row { table: 1, row: 4 }.to_string(), "table 1, row 4");
        assert_eq!(Origin::Page(3).to_string(), "page 3");
        let mut e = Extracted::default();
        e.push("a", Origin::Page(1));
        e.push("b", Origin::Page(2));
        assert_eq!(e.text, "a\nb");
        assert_eq!((e.origin(2), e.origin(0), e.origin(3)), (Some(Origin::Page(2)), None, None));
    }

    #[cfg(not(feature = "documents"))]
    #[test]
    fn without_the_feature_documents_are_refused_clearly() {
        let err = extract(b"%PDF-1.7\n", Some("plan.pdf"), &DocumentOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plan.pdf: a pdf: this build of capmatch reads word and pdf documents only with the `documents` feature"
        );
        let err =
            extract(b"PK\x03\x04 word/document.xml", Some("plan.docx"), &DocumentOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "plan.docx: a word document: this build of capmatch reads word and pdf documents only with the \
             `documents` feature"
        );
    }

    #[test]
    fn refusals_name_what_the_file_is() {
        let o = DocumentOptions::new();
        let err = extract(b"PK\x03\x04 a spreadsheet", Some("x.docx"), &o).unwrap_err();
        assert_eq!(err.to_string(), "x.docx: a zip archive without word/document.xml: not a word document");
        assert!(matches!(extract(b"plain", None, &o), Err(Error::Empty { .. })));
    }
}
