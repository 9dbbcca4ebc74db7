//! Reading inputs: corpus JSON files and CTAP text files into one corpus.
//!
//! A Word document (`.docx`) or a PDF, told by content whatever its name, is read
//! through [`crate::document`]; a path ending in `.json` as corpus JSON; anything
//! else as CTAP text. Submissions from several files are merged:
//!
//! - the same file given twice (by the same path, another path or a link) is read
//!   once, with a warning;
//! - two submissions of one party and year (or two undated ones), from two files or
//!   from one, are one edition: by default the later is folded into the first, each
//!   item counted once ([`OnDuplicate`]), with a warning naming both;
//! - control characters are removed from every text read, with a warning per file
//!   ([`crate::text::is_removed_control`]).
//!
//! Derived ids never collide: a submission whose derived ids would repeat another's
//! or an id written in any JSON input gets a numbered prefix (`rok-2014-2-n1`), with
//! an info diagnostic for CTAP files. An id written twice in JSON inputs is an error
//! pointing at both places.

mod editions;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};

pub use editions::OnDuplicate;
use editions::{Edition, resolve};

use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::model::{Draft, IdSpace, JsonCorpus, id_line};
use crate::text::Fnv;
use crate::{Corpus, Error, ItemKind, Location, Result};

/// A corpus read from files, with what the readers noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The merged corpus.
    pub corpus: Corpus,
    /// Diagnostics of every file, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The economy of every CTAP read, overriding what the documents say (ignored
    /// for JSON inputs).
    pub economy: Option<crate::Party>,
    /// The year of every CTAP read, overriding what the documents say (ignored for
    /// JSON inputs).
    pub year: Option<u16>,
    /// What to do with two submissions of one party and year. Default: merge them.
    pub on_duplicate: OnDuplicate,
    /// Limits for Word and PDF documents (page cap, unpacked size).
    pub document: crate::document::DocumentOptions,
}

/// Reads every path into one corpus.
///
/// # Errors
///
/// [`Error::Io`] for a path that cannot be read (missing, a directory), every error
/// of [`Corpus::from_json_slice`] and of the CTAP parser, and
/// [`Error::DuplicateEdition`] for one edition given twice when
/// [`LoadOptions::on_duplicate`] is [`OnDuplicate::Error`]; the first error stops
/// the load.
///
/// # Examples
///
/// ```
/// use capmatch::input::{LoadOptions, load};
///
/// let loaded = load(&["examples/data/rok-2014.txt", "examples/data/hkc-2020.txt"], &LoadOptions::default())?;
/// assert_eq!(loaded.corpus.submissions.len(), 2);
///
/// // The same plan twice is one edition, each need counted once.
/// let twice = load(&["examples/data/rok-2014.txt", "tests/data/ctap/rok-2014.txt"], &LoadOptions::default())?;
/// assert_eq!(twice.corpus.need_count(), loaded.corpus.submissions[0].needs.len());
/// assert!(twice.diagnostics.iter().any(|d| d.message.contains("ROK 2014 is also in examples/data/rok-2014.txt")));
/// # Ok::<(), capmatch::Error>(())
/// ```
pub fn load<P: AsRef<Path>>(paths: &[P], options: &LoadOptions) -> Result<Loaded> {
    let mut inputs: Vec<Input<'_>> = Vec::with_capacity(paths.len());
    // Diagnostics by input, flattened in input order at the end.
    let mut diagnostics: Vec<Vec<Diagnostic>> = Vec::with_capacity(paths.len());
    let mut identities: Vec<(FileIdentity, usize)> = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let mut notes = Vec::new();
        let identity = file_identity(path);
        let repeat = identity.as_ref().and_then(|id| identities.iter().find(|(seen, _)| seen == id));
        if let Some(&(_, first)) = repeat {
            notes.push(Diagnostic::new(
                Severity::Warning,
                DiagnosticKind::Duplicate,
                Location::file(&name),
                format!("same file as {}; read once", inputs[first].name),
            ));
            inputs.push(Input { path, name, read: Read::Done });
            diagnostics.push(notes);
            continue;
        }
        if let Some(id) = identity {
            identities.push((id, inputs.len()));
        }
        // Read everything first: derived ids must avoid the ids any input writes
        // explicitly, whichever order the inputs come in.
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
        diagnostics.push(notes);
    }

    let mut editions = Vec::new();
    let mut read_notes: Vec<Vec<Diagnostic>> = Vec::with_capacity(inputs.len());
    for (k, input) in inputs.iter_mut().enumerate() {
        let notes = match std::mem::replace(&mut input.read, Read::Done) {
            Read::Json(json) => {
                let (drafts, notes) = json.drafts();
                editions.extend(drafts.into_iter().enumerate().map(|(index, draft)| Edition {
                    draft,
                    input: k,
                    index,
                }));
                notes
            }
            Read::Ctap(parsed) => {
                editions.push(Edition { draft: Draft::derived(parsed.submission), input: k, index: 0 });
                parsed.diagnostics
            }
            Read::Done => Vec::new(),
        };
        read_notes.push(notes);
    }
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let mut later_notes: Vec<Vec<Diagnostic>> = vec![Vec::new(); inputs.len()];
    let editions = resolve(editions, &names, options.on_duplicate, &mut later_notes)?;

    let explicit = editions.iter().flat_map(|e| {
        let s = &e.draft.submission;
        let needs = s.needs.iter().zip(&e.draft.explicit[0]);
        needs
            .chain(s.offers.iter().zip(&e.draft.explicit[1]))
            .filter(|(_, x)| **x)
            .map(|(i, _)| i.id.as_str().to_string())
    });
    // Derived ids must avoid the explicit ones. When every id is explicit nothing
    // is derived, and the million explicit ids of a large corpus need not be copied.
    let derives = editions.iter().any(|e| e.draft.explicit.iter().flatten().any(|x| !x));
    let mut ids = IdSpace::new(if derives { explicit.collect::<Vec<_>>() } else { Vec::new() });
    let mut loaded = Loaded::default();
    // The input each submission comes from.
    let mut origins = Vec::with_capacity(editions.len());
    for mut edition in editions {
        let k = edition.input;
        let base = edition.draft.submission.id_prefix();
        let prefix = edition.draft.number(&mut ids);
        if prefix != base && !is_json_path(inputs[k].path) {
            diagnostics[k].push(Diagnostic::new(
                Severity::Info,
                DiagnosticKind::Duplicate,
                Location::file(&inputs[k].name),
                format!("another input also uses the ids of {base}: ids of this file start with {prefix}"),
            ));
        }
        later_notes[k].extend(edition.draft.inferred_diagnostics());
        loaded.corpus.submissions.push(edition.draft.submission);
        origins.push(k);
    }
    for ((mut head, read), later) in diagnostics.into_iter().zip(read_notes).zip(later_notes) {
        head.extend(read);
        head.extend(later);
        loaded.diagnostics.extend(head);
    }
    check_unique_ids(&loaded.corpus, &inputs, &origins)?;
    Ok(loaded)
}

/// What tells two paths to the same file apart from two files: the device and
/// inode on Unix, the canonical path elsewhere. `None` when the path cannot be
/// examined (reading it will say why).
#[derive(Debug, PartialEq, Eq)]
enum FileIdentity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code, reason = "the fallback where there are no inodes"))]
    Path(PathBuf),
}

fn file_identity(path: &Path) -> Option<FileIdentity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some(FileIdentity::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok().map(FileIdentity::Path)
    }
}

/// Whether two paths name the same existing file (by the same path, another path,
/// or a link).
///
/// # Examples
///
/// ```
/// use capmatch::input::same_file;
/// use std::path::Path;
///
/// assert!(same_file(Path::new("examples/data/rok-2014.txt"), Path::new("examples/../examples/data/rok-2014.txt")));
/// assert!(!same_file(Path::new("examples/data/rok-2014.txt"), Path::new("examples/data/hkc-2020.txt")));
/// assert!(!same_file(Path::new("no/such/file"), Path::new("no/such/file")));
/// ```
pub fn same_file(a: &Path, b: &Path) -> bool {
    file_identity(a).is_some_and(|a| file_identity(b).is_some_and(|b| a == b))
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
    /// Moved into the corpus, or a file given twice.
    Done,
}

/// Checks that ids are unique across inputs; a repeated id is pointed at the files
/// (and for JSON, the lines) where it is written.
fn check_unique_ids(corpus: &Corpus, inputs: &[Input<'_>], origins: &[usize]) -> Result<()> {
    // Ids are short and a million of them are hashed: FNV, with room for all.
    let mut seen: HashMap<&str, (usize, Option<u32>), BuildHasherDefault<Fnv>> =
        HashMap::with_capacity_and_hasher(
            corpus.need_count() + corpus.offer_count(),
            BuildHasherDefault::default(),
        );
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
