//! The document readers on damaged documents: the rendered test CTAPs truncated,
//! with bytes flipped or inserted, and (for Word) with their `document.xml`
//! damaged and packed again, so that the damage reaches the XML reader rather
//! than stopping at the zip's checksums. Whatever the damage: no panic, and either
//! a parse or one clean [`Error`] (with the file name), never a half-read result
//! whose lines point outside the extracted text.
#![cfg(feature = "documents")]

mod support;

use std::fs;
use std::io::Read as _;

use capmatch::ParseOptions;
use capmatch::document::{self, DocumentOptions};
use proptest::prelude::*;

static QUIET: std::sync::Once = std::sync::Once::new();

const DOCX: &[&str] = &["tha-2018-glued-header.docx", "vn-2019-table.docx", "chl-2005-cttf.docx"];
const PDF: &[&str] = &["tha-2018-glued-header.pdf", "chl-2005-cttf.pdf"];

fn read(name: &str) -> Vec<u8> {
    fs::read(format!("{}/tests/data/documents/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A way to damage bytes.
#[derive(Debug, Clone)]
enum Damage {
    Truncate(prop::sample::Index),
    Flip(Vec<(prop::sample::Index, u8)>),
    Insert(prop::sample::Index, Vec<u8>),
    Cut(prop::sample::Index, prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Damage::Truncate),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8).prop_map(Damage::Flip),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(
                prop_oneof![any::<u8>(), Just(b'<'), Just(b'>'), Just(b'&'), Just(b'/'), Just(b'"')],
                1..16
            )
        )
            .prop_map(|(i, b)| Damage::Insert(i, b)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(a, b)| Damage::Cut(a, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    if bytes.is_empty() {
        return;
    }
    match damage {
        Damage::Truncate(i) => bytes.truncate(i.index(bytes.len())),
        Damage::Flip(flips) => {
            for (i, b) in flips {
                let k = i.index(bytes.len());
                bytes[k] ^= b | 1;
            }
        }
        Damage::Insert(i, more) => {
            let k = i.index(bytes.len());
            bytes.splice(k..k, more.iter().copied());
        }
        Damage::Cut(a, b) => {
            let (x, y) = (a.index(bytes.len()), b.index(bytes.len()));
            bytes.drain(x.min(y)..x.max(y));
        }
    }
}

/// The document reader's promise on these bytes.
fn holds(bytes: &[u8]) -> Result<(), TestCaseError> {
    let options = ParseOptions::new().file("damaged");
    match document::extract(bytes, Some("damaged"), &DocumentOptions::new()) {
        Ok(e) => prop_assert_eq!(e.text.split('\n').count(), e.origins.len().max(1)),
        Err(err) => prop_assert!(err.to_string().starts_with("damaged"), "{}", err),
    }
    match document::parse(bytes, &options, &DocumentOptions::new()) {
        Ok(p) => {
            for item in p.submission.needs.iter().chain(&p.submission.offers) {
                prop_assert!(!item.text.trim().is_empty());
                prop_assert!(item.line.is_some_and(|l| l >= 1));
            }
        }
        Err(err) => prop_assert!(err.to_string().starts_with("damaged"), "{}", err),
    }
    Ok(())
}

/// `word/document.xml` of a `.docx`.
fn body(docx: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = Vec::new();
    zip.by_name("word/document.xml").unwrap().read_to_end(&mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn damaged_word_files(k in 0..DOCX.len(), how in damage()) {
        let mut bytes = read(DOCX[k]);
        apply(&mut bytes, &how);
        holds(&bytes)?;
    }

    #[test]
    fn damaged_word_xml(k in 0..DOCX.len(), how in damage()) {
        let mut xml = body(&read(DOCX[k]));
        apply(&mut xml, &how);
        holds(&support::docx(&String::from_utf8_lossy(&xml)))?;
    }
}

proptest! {
    // A PDF takes a fraction of a second to read in a debug build.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn damaged_pdfs(k in 0..PDF.len(), how in damage()) {
        QUIET.call_once(document::quiet_reader_panics);
        let mut bytes = read(PDF[k]);
        apply(&mut bytes, &how);
        holds(&bytes)?;
    }
}
