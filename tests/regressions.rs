//! Inputs that once went wrong, kept in `tests/regressions/` (found by the property
//! tests and the fuzz targets in `fuzz/`): each is pinned to its right outcome, and
//! every file there, including ones dropped in later, goes through `input::load`
//! and matching without a panic.

use std::fs;
use std::path::PathBuf;

use capmatch::input::{LoadOptions, load};
use capmatch::{DiagnosticKind, MatchConfig, match_corpus};

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions"))
}

fn load_one(name: &str) -> capmatch::Result<capmatch::input::Loaded> {
    load(&[dir().join(name)], &LoadOptions::default())
}

#[test]
fn a_bad_byte_after_a_bullet_is_dropped_not_read_as_text() {
    // "•\xFA NIL": the byte became U+FFFD, which hid the bullet, so the empty
    // answer was read as the offer "• NIL".
    let loaded = load_one("bad-byte-after-bullet.txt").unwrap();
    assert_eq!(loaded.corpus.need_count(), 1);
    assert_eq!(loaded.corpus.offer_count(), 0);
    let repaired: Vec<_> =
        loaded.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::Repaired).map(|d| d.at.line).collect();
    assert_eq!(repaired, [Some(8)]);
}

#[test]
fn a_zero_width_space_before_a_bullet_changes_nothing() {
    let loaded = load_one("zero-width-before-bullet.txt").unwrap();
    assert_eq!(loaded.corpus.need_count(), 1);
    assert_eq!(loaded.corpus.offer_count(), 0);
}

#[test]
fn a_corpus_written_as_arrays_is_rejected() {
    // Serde's derived structs accepted arrays of fields in order.
    let err = load_one("corpus-as-arrays.json").unwrap_err();
    let name = dir().join("corpus-as-arrays.json").display().to_string();
    assert_eq!(
        err.to_string(),
        format!("{name}:1: invalid type: sequence, expected a corpus object ({{\"submissions\": [...]}})")
    );
}

#[test]
fn a_derived_id_never_takes_an_explicit_one() {
    let loaded = load_one("derived-id-collides.json").unwrap();
    let ids: Vec<&str> = loaded.corpus.needs().map(|r| r.item.id.as_str()).collect();
    assert_eq!(ids, ["rok-2014-2-n1", "rok-2014-n1"]);
}

#[test]
fn a_section_of_punctuation_only_is_an_error() {
    // Read as an unnamed section, it was written back as "" and could not be read
    // again (found by `cargo fuzz run corpus_json`; the fuzzer's input is kept too).
    for name in ["section-only-punctuation.json", "fuzz-corpus_json-crash-9f4a1540.json"] {
        let err = load_one(name).unwrap_err().to_string();
        let path = dir().join(name).display().to_string();
        assert!(err.starts_with(&path), "{err}");
        assert!(err.ends_with(".section: a section label must name a section, got \".\""), "{err}");
    }
    let err = load_one("section-only-punctuation.json").unwrap_err().to_string();
    let path = dir().join("section-only-punctuation.json").display().to_string();
    assert_eq!(
        err,
        format!("{path}:2: submissions[0].offers[0].section: a section label must name a section, got \".\"")
    );
}

#[test]
fn every_kept_input_loads_or_fails_cleanly() {
    let mut names: Vec<PathBuf> = fs::read_dir(dir()).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 4);
    for path in names {
        match load(&[&path], &LoadOptions::default()) {
            Ok(loaded) => {
                let list = match_corpus(&loaded.corpus, &MatchConfig::new()).unwrap();
                let mut listed: Vec<&str> = list.matches.iter().map(|m| m.need.as_str()).collect();
                listed.dedup();
                assert_eq!(
                    listed.len() + list.unmet_needs.len(),
                    loaded.corpus.need_count(),
                    "{}",
                    path.display()
                );
            }
            Err(e) => {
                assert!(e.to_string().starts_with(&path.display().to_string()), "{}: {e}", path.display());
            }
        }
    }
}
