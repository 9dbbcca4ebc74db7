//! Reading inputs: corpus JSON files and CTAP text files into one corpus.
//!
//! A path ending in `.json` is read as corpus JSON; anything else as CTAP text.
//! Submissions from several files are merged; CTAP submissions whose derived ids
//! would collide (two files of the same economy and year) get a numbered prefix,
//! with a diagnostic. Explicit duplicate ids in JSON are an error.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::{Corpus, Error, Location, Result};

/// A corpus read from files, with what the readers noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The merged corpus.
    pub corpus: Corpus,
    /// Diagnostics of every file, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Options for reading CTAP text (ignored for JSON inputs).
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The economy of every CTAP read, overriding what the documents say.
    pub economy: Option<crate::Party>,
    /// The year of every CTAP read, overriding what the documents say.
    pub year: Option<u16>,
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
    let mut loaded = Loaded::default();
    let mut used_prefixes: HashSet<String> = HashSet::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = read_file(path)?;
        if is_json_path(path) {
            let (corpus, diagnostics) = Corpus::from_json_slice(&bytes, Some(&name))?;
            for s in &corpus.submissions {
                used_prefixes.insert(s.id_prefix());
            }
            loaded.diagnostics.extend(diagnostics);
            loaded.corpus.submissions.extend(corpus.submissions);
        } else {
            let mut parse_options = crate::ctap::ParseOptions::new().file(name.clone());
            if let Some(economy) = &options.economy {
                parse_options = parse_options.economy(economy.clone());
            }
            if let Some(year) = options.year {
                parse_options = parse_options.year(year);
            }
            let parsed = crate::ctap::parse_bytes(&bytes, &parse_options)?;
            let mut submission = parsed.submission;
            let base = submission.id_prefix();
            let mut prefix = base.clone();
            let mut n = 2;
            while !used_prefixes.insert(prefix.clone()) {
                prefix = format!("{base}-{n}");
                n += 1;
            }
            if prefix != base {
                submission.derive_ids(&prefix);
                loaded.diagnostics.push(Diagnostic::new(
                    Severity::Info,
                    DiagnosticKind::Duplicate,
                    Location::file(&name),
                    format!("another input is also {base}: ids of this file start with {prefix}"),
                ));
            }
            loaded.diagnostics.extend(parsed.diagnostics);
            loaded.corpus.submissions.push(submission);
        }
    }
    let corpus = std::mem::take(&mut loaded.corpus);
    loaded.corpus = Corpus::from_submissions(corpus.submissions)?;
    Ok(loaded)
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
