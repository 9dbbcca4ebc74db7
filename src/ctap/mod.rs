//! CTAP text → model: reads Counter-Terrorism Action Plans as they are written, and
//! writes them back.
//!
//! # Input
//!
//! Plain text pasted or converted from Word, PDF or HTML, in any of the 2004–2024
//! templates: an optional APEC cover sheet, a title, header fields (ECONOMY, CALENDAR
//! YEAR, LAST UPDATED: on separate lines, on one line, glued together or in a table
//! row), the objective, an executive summary in three parts, and one block per
//! section (A.1 … A.5, B, C, and whatever other sections a template has) with contact
//! points, the leaders' commitments, measures, and three questions; then a trailing
//! "POSSIBLE ASSISTANCE AND EXPERTISE TO OFFER" block. Word residue (`Formatted: …`
//! lines), struck text (`~~…~~`, dropped as deleted), `<u>`, `**bold**`,
//! `[text](#)`, escaped `\$`, tabs, bullets of every kind (`·` `-` `•` `o` `※` `(1)`
//! `1)` `a)`, Wingdings glyphs), page numbers and footers, and words hyphenated
//! across lines are handled.
//!
//! [`parse_bytes`] takes raw bytes: empty or white-space input is
//! [`Error::Empty`]; NUL bytes, mostly control bytes, or a PDF/ZIP/OLE signature is
//! [`Error::Binary`] with the line; a UTF-16 byte-order mark is honoured; **invalid
//! UTF-8 in otherwise textual input is decoded lossily** (the bad bytes are dropped)
//! with a [`DiagnosticKind::Repaired`] warning naming the first bad line, because
//! real CTAPs arrive in Windows code pages and a few odd bytes should not cost the
//! whole plan. Control characters other than tab and line breaks, and
//! bidirectional embeddings, overrides and isolates, are removed
//! ([`text::is_removed_control`]), with one warning giving their number and the
//! line of the first.
//!
//! # Output
//!
//! A [`Parsed`]: the [`Submission`] (economy, year, needs, offers, contacts, source
//! file) and [`Diagnostic`]s saying what was skipped, guessed or reinterpreted:
//!
//! - needs come from each section's needs question and from follow-on wishes under
//!   "activities in which your economy participated"; offers from the offers question
//!   and the trailing offers block; the executive summary's part 3 gives both, by
//!   wording. An item whose wording contradicts its box is moved
//!   ([`DiagnosticKind::Reclassified`]); a summary item that repeats a section item
//!   counts once ([`DiagnosticKind::Duplicate`]); answers that state nothing concrete
//!   yet are kept, flagged `unspecific` ([`DiagnosticKind::Unspecific`]);
//! - contact points go to [`Submission::contacts`], never into item text;
//! - the economy comes from the ECONOMY field, else the cover sheet ("Submitted by")
//!   or the title, else from the economy the text keeps naming (lists of partner
//!   economies do not count); the year from CALENDAR YEAR, else the title, else
//!   LAST UPDATED. [`ParseOptions`] override both ([`DiagnosticKind::Override`] when
//!   they disagree with the document). The body's dates never give the year;
//! - unknown sections are kept as [`Section::Other`]
//!   ([`DiagnosticKind::UnknownSection`]); lines that fit no part of the template are
//!   reported once per block ([`DiagnosticKind::SkippedLine`]);
//! - documents that are not counter-terrorism action plans (another plan's template,
//!   an essay) are rejected with [`Error::NotCtap`]; a plan whose economy cannot be
//!   told is [`Error::EconomyUnknown`].
//!
//! [`print()`] writes a submission back as CTAP text that [`parse`] reads back.
//!
//! # Complexity
//!
//! Time and memory are linear in the input: each line is cleaned and classified once
//! (a bounded number of words is looked at to recognise a question or heading), the
//! state machine walks the lines once with one line of look-ahead computed in a
//! backward pass, classification cues are matched through an index by first word,
//! and repeated items are found through an inverted index with bounded candidates.
//! Economy markers are counted in the first 20,000 lines after the preamble.
//!
//! # Stages
//!
//! `markup` (one line's markup, indentation and bullets) → `line` (the line
//! classifier) → `header` (economy, year, is it a CTAP) → `state` (the section and
//! question state machine) → `answer` (answer lines to items) with `classify` (need
//! or offer wording) → `dedup` (summary repeats) → the submission; `print` goes back.
//!
//! # Examples
//!
//! ```
//! use capmatch::ctap::{ParseOptions, parse};
//! use capmatch::{ItemKind, Section};
//!
//! let text = "\
//! APEC COUNTER-TERRORISM ACTION PLAN
//! ECONOMY: Chile
//! CALENDAR YEAR: 2017
//!
//! B. HALTING TERRORIST FINANCING:
//! Contact Point: Name: Ana Ruiz Title: Analyst, UAF
//! Telephone Number: +56 2 1234 Fax Number: -- Email Address: aruiz@uaf.cl
//!
//! WHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE THAT HINDER YOUR ABILITY TO IMPLEMENT COMMITMENTS?
//! - Training on the supervision of non-profit organisations would be useful.
//!
//! WHAT KIND OF EXPERTISE AND/OR ASSISTANCE COULD YOUR ECONOMY PROVIDE TO OTHER APEC MEMBERS?
//! NIL
//! ";
//! let parsed = parse(text, &ParseOptions::new().file("chl-2017.txt"))?;
//! let s = &parsed.submission;
//! assert_eq!(s.economy.to_string(), "CHL");
//! assert_eq!(s.year, Some(2017));
//! assert_eq!(s.needs.len(), 1);
//! assert_eq!(s.needs[0].id.as_str(), "chl-2017-n1");
//! assert_eq!(s.needs[0].section, Some(Section::B));
//! assert_eq!(s.needs[0].line, Some(10));
//! assert!(s.offers.is_empty());
//! assert_eq!(s.contacts[0].email.as_deref(), Some("aruiz@uaf.cl"));
//! assert_eq!(s.source.as_deref(), Some("chl-2017.txt"));
//! # Ok::<(), capmatch::Error>(())
//! ```

mod answer;
mod classify;
mod contact;
mod dedup;
mod header;
mod line;
mod markup;
mod print;
mod prompt;
mod state;

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::model::{MAX_YEAR, MIN_YEAR, annotate};
#[cfg(doc)]
use crate::{Contact, Section};
use crate::{Error, Item, ItemKind, Location, Party, Result, Submission, text};

pub use print::print;

use line::{Kind, Line};

/// Options for [`parse`]: values that override what the document says, and the
/// file name used in locations.
///
/// Setters take and return the options; [`ParseOptions::default`] is
/// [`ParseOptions::new`].
///
/// # Examples
///
/// ```
/// use capmatch::ctap::ParseOptions;
/// use capmatch::Economy;
///
/// let o = ParseOptions::new().economy(Economy::Hkc).year(2020).file("hkc-2020.txt");
/// assert_eq!(o.file_name(), Some("hkc-2020.txt"));
/// assert_eq!(ParseOptions::default(), ParseOptions::new());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    economy: Option<Party>,
    year: Option<u16>,
    file: Option<String>,
}

impl ParseOptions {
    /// No overrides and no file name.
    pub fn new() -> ParseOptions {
        ParseOptions::default()
    }

    /// The economy (or organisation) that submitted the plan, overriding the
    /// document. Default: none (read from the document).
    #[must_use]
    pub fn economy(mut self, economy: impl Into<Party>) -> ParseOptions {
        self.economy = Some(economy.into());
        self
    }

    /// The calendar year the plan covers, overriding the document; must be within
    /// [`MIN_YEAR`]..=[`MAX_YEAR`]. Default: none (read from the document).
    #[must_use]
    pub fn year(mut self, year: u16) -> ParseOptions {
        self.year = Some(year);
        self
    }

    /// The file name used in diagnostics, errors and [`Submission::source`].
    /// Default: none (`<input>` in messages).
    #[must_use]
    pub fn file(mut self, file: impl Into<String>) -> ParseOptions {
        self.file = Some(file.into());
        self
    }

    /// The economy override, if any.
    pub fn economy_override(&self) -> Option<&Party> {
        self.economy.as_ref()
    }

    /// The year override, if any.
    pub fn year_override(&self) -> Option<u16> {
        self.year
    }

    /// The file name, if any.
    pub fn file_name(&self) -> Option<&str> {
        self.file.as_deref()
    }

    fn location(&self, line: Option<u32>) -> Location {
        Location { file: self.file.clone(), line }
    }
}

/// A parsed CTAP: the submission and what the parser has to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Economy, year, needs, offers and contacts.
    pub submission: Submission,
    /// What was skipped, guessed, repaired or reinterpreted, ordered by line.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether wording reads as a need or an offer; `None` when it says neither or both
/// equally.
///
/// Needs: "would be useful", "would benefit", "will be beneficial", "learn from",
/// "we need", "lack of", … Offers: "could provide", "would be able to deploy
/// trainers", "will continue to hold … for member economies", "could make reference
/// to", "could join … seminars organised in", "provision of training", …
///
/// # Examples
///
/// ```
/// use capmatch::ItemKind;
/// use capmatch::ctap::classify;
///
/// assert_eq!(classify("Workshops on Single Window would also be useful."), Some(ItemKind::Need));
/// assert_eq!(classify("Korea would be able to deploy trainers."), Some(ItemKind::Offer));
/// assert_eq!(classify("Marine Department staff have been trained."), None);
/// ```
pub fn classify(text: &str) -> Option<ItemKind> {
    classify::scores(text).winner()
}

/// The 1-based line of byte offset `at` in `bytes`.
// Counted once per error or repair; not worth a byte-counting dependency.
#[allow(clippy::naive_bytecount)]
fn line_of(bytes: &[u8], at: usize) -> u32 {
    let n = bytes.get(..at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    u32::try_from(n).unwrap_or(u32::MAX - 1) + 1
}

fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)) || b == 0x7f
}

/// Rejects empty and binary input.
fn check_text(bytes: &[u8], options: &ParseOptions) -> Result<()> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { at: options.location(None) });
    }
    for sig in [&b"%PDF-"[..], b"PK\x03\x04", b"\xD0\xCF\x11\xE0"] {
        if bytes.starts_with(sig) {
            return Err(Error::Binary { at: options.location(Some(1)) });
        }
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { at: options.location(Some(line_of(bytes, nul))) });
    }
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    if controls * 3 > bytes.len() {
        let first = bytes.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(Error::Binary { at: options.location(Some(line_of(bytes, first))) });
    }
    Ok(())
}

/// Parses CTAP bytes: like [`parse`], after decoding.
///
/// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are
/// decoded; invalid UTF-8 is decoded lossily, with a [`DiagnosticKind::Repaired`]
/// warning naming the first bad line.
///
/// # Errors
///
/// [`Error::Empty`] for empty or white-space input; [`Error::Binary`] for NUL bytes,
/// mostly control bytes, or a PDF, ZIP (`.docx`) or OLE (`.doc`) file; otherwise as
/// [`parse`].
///
/// # Examples
///
/// ```
/// use capmatch::ctap::{ParseOptions, parse_bytes};
/// use capmatch::{DiagnosticKind, Error};
///
/// let err = parse_bytes(b"ECONOMY: Peru\n\0\x01\x02", &ParseOptions::new().file("x.bin")).unwrap_err();
/// assert!(matches!(err, Error::Binary { .. }));
/// assert_eq!(err.to_string(), "x.bin:2: binary data, not text");
///
/// let mut doc = b"APEC COUNTER-TERRORISM ACTION PLAN\nECONOMY: Peru\nCALENDAR YEAR: 2016\n".to_vec();
/// doc.extend_from_slice(b"C. PROMOTING CYBER SECURITY:\nWHAT SPECIFIC CAPACITY BUILDING NEEDS DOES YOUR ECONOMY HAVE?\n");
/// doc.extend_from_slice(b"- Training on cyber crime investigation would be useful (Per\xfa).\n");
/// let parsed = parse_bytes(&doc, &ParseOptions::new())?;
/// assert_eq!(parsed.submission.needs.len(), 1);
/// assert!(parsed.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Repaired && d.at.line == Some(6)));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> Result<Parsed> {
    let mut notes = Vec::new();
    let text: String =
        if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE").or_else(|| bytes.strip_prefix(b"\xFE\xFF")) {
            let little = bytes.starts_with(b"\xFF\xFE");
            let units = rest.chunks_exact(2).map(|c| {
                let pair = [c[0], c[1]];
                if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
            });
            let text: String = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
            notes.push(Diagnostic::new(
                Severity::Info,
                DiagnosticKind::Repaired,
                options.location(None),
                "decoded UTF-16 text",
            ));
            text
        } else {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            check_text(bytes, options)?;
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(e) => {
                    let line = line_of(bytes, e.valid_up_to());
                    notes.push(Diagnostic::new(
                        Severity::Warning,
                        DiagnosticKind::Repaired,
                        options.location(Some(line)),
                        "invalid UTF-8 decoded lossily; the bad bytes were dropped (first on this line)",
                    ));
                    // Dropped, as documented: a U+FFFD left in their place glued to a
                    // bullet ("•\u{FFFD} NIL") changed how the line was read.
                    let mut text = String::with_capacity(bytes.len());
                    for chunk in bytes.utf8_chunks() {
                        text.push_str(chunk.valid());
                    }
                    text
                }
            }
        };
    let mut parsed = parse(&text, options)?;
    notes.append(&mut parsed.diagnostics);
    parsed.diagnostics = notes;
    parsed.diagnostics.sort_by_key(|d| d.at.line.unwrap_or(0));
    Ok(parsed)
}

/// Splits text into lines: `\n` or `\r\n`; a file with only `\r` (old Mac) splits on `\r`.
fn raw_lines(text: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if text.contains('\n') {
        Box::new(text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)))
    } else {
        Box::new(text.split('\r'))
    }
}

/// Footers repeat next to page numbers and page breaks: a short line seen twice or
/// more right before or after one becomes noise too.
fn mark_footers(lines: &mut [Line]) {
    let anchors: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == Kind::Noise || l.page_break)
        .map(|(i, _)| i)
        .collect();
    if anchors.is_empty() {
        return;
    }
    // The nearest line that is not blank at or after / at or before each line, so
    // that a walk skips a run of blank lines in one step (walking them was quadratic
    // in a run of page breaks).
    let n = lines.len();
    let mut after = vec![n; n + 1];
    for i in (0..n).rev() {
        after[i] = if lines[i].kind == Kind::Blank { after[i + 1] } else { i };
    }
    let mut before = vec![None; n];
    let mut last = None;
    for (i, l) in lines.iter().enumerate() {
        if l.kind != Kind::Blank {
            last = Some(i);
        }
        before[i] = last;
    }
    let near = |lines: &[Line], i: usize| -> Vec<usize> {
        let mut out = Vec::new();
        for forward in [false, true] {
            let mut j = i;
            let mut seen = 0;
            while seen < 2 {
                let next = if forward {
                    Some(after[(j + 1).min(n)]).filter(|&k| k < n)
                } else {
                    j.checked_sub(1).and_then(|k| before[k])
                };
                let Some(l) = next.and_then(|k| lines.get(k)) else { break };
                j = next.unwrap_or(j);
                match l.kind {
                    Kind::Blank => {}
                    Kind::Noise => seen += 1,
                    Kind::Text
                        if l.bullet.is_none()
                            && l.text.len() <= 100
                            && l.text.split_whitespace().nth(12).is_none() =>
                    {
                        out.push(j);
                        seen += 1;
                    }
                    _ => break,
                }
            }
        }
        out
    };
    let mut candidates: Vec<usize> = anchors.iter().flat_map(|&a| near(lines, a)).collect();
    // A line next to both a footer and a page break counts once.
    candidates.sort_unstable();
    candidates.dedup();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for &j in &candidates {
        *counts.entry(lines[j].text.as_str()).or_default() += 1;
    }
    let repeated: Vec<usize> = candidates
        .into_iter()
        .filter(|&j| counts.get(lines[j].text.as_str()).is_some_and(|n| *n >= 2))
        .collect();
    for j in repeated {
        lines[j].kind = Kind::Noise;
    }
}

/// Parses CTAP text into a submission.
///
/// See the [module documentation](self) for what is read and how.
///
/// # Errors
///
/// [`Error::Config`] for a year override outside [`MIN_YEAR`]..=[`MAX_YEAR`];
/// [`Error::Empty`] for empty or white-space text; [`Error::Binary`] for NUL or
/// mostly control characters; [`Error::NotCtap`] when the text is not a
/// counter-terrorism action plan; [`Error::EconomyUnknown`] when no economy is given
/// and none can be told from the text.
///
/// # Examples
///
/// ```
/// use capmatch::ctap::{ParseOptions, parse};
/// use capmatch::Error;
///
/// let err = parse("   \n", &ParseOptions::new().file("blank.txt")).unwrap_err();
/// assert_eq!(err.to_string(), "blank.txt: empty input");
///
/// let essay = "Terrorism and trade\n\nThis essay argues that security and trade go together.\n";
/// assert!(matches!(parse(essay, &ParseOptions::new()), Err(Error::NotCtap { .. })));
/// ```
pub fn parse(text: &str, options: &ParseOptions) -> Result<Parsed> {
    if let Some(y) = options.year
        && !(MIN_YEAR..=MAX_YEAR).contains(&y)
    {
        return Err(Error::config("year", format!("must be between {MIN_YEAR} and {MAX_YEAR}, got {y}")));
    }
    check_text(text.as_bytes(), options)?;
    let file = options.file.as_deref();
    let stripped = text::strip_controls(text);
    let mut diagnostics = Vec::new();
    if let Some(first) = stripped.first {
        let line = line_of(text.as_bytes(), first);
        diagnostics.push(text::removed_warning(options.location(Some(line)), stripped.removed));
    }
    let mut lines: Vec<Line> = raw_lines(&stripped.text)
        .enumerate()
        .map(|(i, raw)| Line::new(u32::try_from(i + 1).unwrap_or(u32::MAX), markup::clean_line(raw)))
        .collect();
    drop(stripped);
    mark_footers(&mut lines);

    let note = |what: &str, pick: &dyn Fn(&Line) -> bool, diagnostics: &mut Vec<Diagnostic>| {
        let mut hits = lines.iter().filter(|l| pick(l));
        if let Some(first) = hits.next() {
            let n = 1 + hits.count();
            diagnostics.push(Diagnostic::new(
                Severity::Info,
                DiagnosticKind::Repaired,
                options.location(Some(first.no)),
                format!("{what}: {n} line(s), the first here"),
            ));
        }
    };
    note("dropped Word track-change residue", &|l| l.kind == Kind::Residue, &mut diagnostics);
    note("dropped struck-through (deleted) text", &|l| l.struck, &mut diagnostics);
    note("dropped page numbers and footers", &|l| l.kind == Kind::Noise, &mut diagnostics);

    let facts = header::scan(&lines);
    header::check_ctap(&facts, file, &lines)?;
    let decided = header::decide(&facts, options.economy.as_ref(), options.year, file)?;
    diagnostics.extend(decided.diagnostics);

    let walk = state::walk(&lines, file);
    drop(lines);
    diagnostics.extend(walk.diagnostics);
    let items = dedup::drop_repeats(walk.items, file, &mut diagnostics);

    let mut submission = Submission::new(decided.economy, decided.year);
    submission.source.clone_from(&options.file);
    submission.contacts = walk.contacts;
    for raw in items {
        let Some(mut item) = Item::new("x", raw.text) else { continue };
        item.section = raw.section;
        item.line = Some(raw.line);
        item.unspecific = raw.unspecific;
        match raw.kind {
            ItemKind::Need => submission.needs.push(item),
            ItemKind::Offer => submission.offers.push(item),
        }
    }
    let prefix = submission.id_prefix();
    submission.derive_ids(&prefix);
    let whole = options.location(None);
    for item in submission.needs.iter_mut().chain(submission.offers.iter_mut()) {
        let words = text::normalised_words(&item.text);
        item.pillars = text::pillars_of_words(&words);
        item.activities = text::activities_of_words(&words);
        if item.section.is_none() {
            // Infers the section from the text, with a diagnostic.
            diagnostics.extend(annotate(item, &whole));
        }
    }
    diagnostics.sort_by_key(|d| d.at.line.unwrap_or(0));
    Ok(Parsed { submission, diagnostics })
}

#[cfg(test)]
mod tests;
