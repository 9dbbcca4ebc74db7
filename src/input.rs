//! Reading inputs: corpus JSON files and CTAP text files into one corpus.
//!
//! A Word document (`.docx`) or a PDF, told by content whatever its name, is read
//! through [`crate::document`]; a path ending in `.json` as corpus JSON; anything
//! else as CTAP text.
//! Submissions from several files are merged. Derived ids never collide: a
//! submission whose derived ids would repeat another's (two files of the same
//! economy and year) or an id written in any JSON input gets a numbered prefix
//! (`rok-2014-2-n1`), with an info diagnostic for CTAP files. An id written twice in
//! JSON inputs is an error pointing at both places.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::model::{IdSpace, JsonCorpus, id_line};
use crate::{Corpus, Error, ItemKind, Location, Result};

/// A corpus read from files, with what the readers noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The merged corpus.
    pub corpus: Corpus,
    /// Diagnostics of every file, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Options for reading CTAP text and documents (ignored for JSON inputs).
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The economy of every CTAP read, overriding what the documents say.
    pub economy: Option<crate::Party>,
    /// The year of every CTAP read, overriding what the documents say.
    pub year: Option<u16>,
    /// Limits for Word and PDF documents (page cap, unpacked size).
    pub document: crate::document::DocumentOptions,
}

/// Reads every path into one corpus.
///
/// # Errors
///
/// [`Error::Io`] for a path that cannot be read (missing, a directory), and every
/// error of [`Corpus::from_json_slice`] and of the CTAP parser; the first error
/// stops the load.
///
/// # Examples
///
/// ```
/// use capmatch::input::{LoadOptions, load};
///
/// let loaded = load(&["examples/data/rok-2014.txt", "examples/data/hkc-2020.txt"], &LoadOptions::default())?;
/// assert_eq!(loaded.corpus.submissions.len(), 2);
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn load<P: AsRef<Path>>(paths: &[P], options: &LoadOptions) -> Result<Loaded> {
    // Read everything first: derived ids must avoid the ids any input writes
    // explicitly, whichever order the inputs come in.
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = read_file(path)?;
        let document = crate::document::detect(&bytes);
        let read = if is_json_path(path) && document.is_none() {
            Read::Json(JsonCorpus::read(&bytes, Some(&name))?)
        } else {
            let mut parse_options = crate::ctap::ParseOptions::new().file(name.clone());
            if let Some(economy) = &options.economy {
                parse_options = parse_options.economy(economy.clone());
            }
            if let Some(year) = options.year {
                parse_options = parse_options.year(year);
            }
            if document.is_some() {
                Read::Ctap(crate::document::parse(&bytes, &parse_options, &options.document)?)
            } else {
                Read::Ctap(crate::ctap::parse_bytes(&bytes, &parse_options)?)
            }
        };
        inputs.push(Input { path, name, read });
    }
    let explicit = inputs
        .iter()
        .filter_map(|input| match &input.read {
            Read::Json(json) => Some(json.explicit_ids()),
            Read::Ctap(_) | Read::Done => None,
        })
        .flatten()
        .map(|id| id.as_str().to_string());
    let mut ids = IdSpace::new(explicit);

    let mut loaded = Loaded::default();
    // The input each submission comes from.
    let mut origins = Vec::new();
    for (k, input) in inputs.iter_mut().enumerate() {
        match std::mem::replace(&mut input.read, Read::Done) {
            Read::Json(json) => {
                let (submissions, diagnostics) = json.finish(&mut ids);
                origins.extend(std::iter::repeat_n(k, submissions.len()));
                loaded.diagnostics.extend(diagnostics);
                loaded.corpus.submissions.extend(submissions);
            }
            Read::Ctap(parsed) => {
                let mut submission = parsed.submission;
                let base = submission.id_prefix();
                let all = |n: usize| (0..n).collect::<Vec<usize>>();
                let prefix = ids.prefix(&base, &all(submission.needs.len()), &all(submission.offers.len()));
                if prefix != base {
                    submission.derive_ids(&prefix);
                    loaded.diagnostics.push(Diagnostic::new(
                        Severity::Info,
                        DiagnosticKind::Duplicate,
                        Location::file(&input.name),
                        format!(
                            "another input also uses the ids of {base}: ids of this file start with {prefix}"
                        ),
                    ));
                }
                loaded.diagnostics.extend(parsed.diagnostics);
                loaded.corpus.submissions.push(submission);
                origins.push(k);
            }
            Read::Done => {}
        }
    }
    check_unique_ids(&loaded.corpus, &inputs, &origins)?;
    Ok(loaded)
}

/// One input file, read.
struct Input<'p> {
    path: &'p Path,
    name: String,
    read: Read,
}

enum Read {
    Json(JsonCorpus),
    Ctap(crate::ctap::Parsed),
    /// Moved into the corpus.
    Done,
}

/// Checks that ids are unique across inputs; a repeated id is pointed at the files
/// (and for JSON, the lines) where it is written.
fn check_unique_ids(corpus: &Corpus, inputs: &[Input<'_>], origins: &[usize]) -> Result<()> {
    let mut seen: HashMap<&str, (usize, Option<u32>)> = HashMap::new();
    for kind in [ItemKind::Need, ItemKind::Offer] {
        for (s, submission) in corpus.submissions.iter().enumerate() {
            let k = origins[s];
            for item in submission.items(kind) {
                let id = item.id.as_str();
                let Some(&(first_k, first_line)) = seen.get(id) else {
                    seen.insert(id, (k, item.line));
                    continue;
                };
                // A repeated id is written explicitly in JSON (derived ids avoid those):
                // point at where. The first use is the first in its file; the second is
                // the second in the same file, or the first in another.
                let locate = |k: usize, nth: usize, line: Option<u32>| {
                    let input = &inputs[k];
                    let line = if is_json_path(input.path) {
                        read_file(input.path).ok().and_then(|json| id_line(&json, id, nth))
                    } else {
                        line
                    };
                    Location { file: Some(input.name.clone()), line }
                };
                let first = locate(first_k, 1, first_line);
                let at = locate(k, if k == first_k { 2 } else { 1 }, item.line);
                return Err(Error::DuplicateId { at, id: id.to_string(), first });
            }
        }
    }
    Ok(())
}

fn is_json_path(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Reads a whole file; a directory is an error that says so.
///
/// # Errors
///
/// [`Error::Io`] when the path is missing, a directory, or unreadable.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Error::Io {
            path: name,
            source: std::io::Error::other("is a directory (give the files in it, e.g. dir/*.txt)"),
        });
    }
    std::fs::read(path).map_err(|source| Error::Io { path: name, source })
}
