//! The CTAP parser's byte-level promises, as properties over the real fixtures
//! (`ctap_props.rs` covers panics on arbitrary text and print → parse):
//!
//! - invalid UTF-8 (a Windows-1252 byte such as `ú` = 0xFA) costs only the bad
//!   bytes: the same needs and offers are read, with one `Repaired` warning naming
//!   the line of the first bad byte;
//! - zero-width characters pasted anywhere change nothing;
//! - UTF-16 with a byte-order mark, and CRLF line ends, read the same as UTF-8 with
//!   LF.

use std::fs;

use capmatch::ctap::{ParseOptions, Parsed, parse, parse_bytes};
use capmatch::{DiagnosticKind, ItemKind, Section, Severity};
use proptest::prelude::*;

const FIXTURES: &[&str] = &[
    "hkc-2020.txt",
    "rok-2014.txt",
    "variants/chl-2005-cttf.txt",
    "variants/nz-2009-no-summary.txt",
    "variants/pe-2016-pdf.txt",
    "variants/phl-2012-numbered.txt",
    "variants/tha-2018-glued-header.txt",
    "variants/vn-2019-table.txt",
];

fn fixture(k: usize) -> String {
    let path = format!("{}/tests/data/ctap/{}", env!("CARGO_MANIFEST_DIR"), FIXTURES[k % FIXTURES.len()]);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

type Items = Vec<(ItemKind, Option<Section>, String, Option<u32>)>;

fn items(p: &Parsed) -> Items {
    let s = &p.submission;
    let mut out: Items = Vec::new();
    for kind in [ItemKind::Need, ItemKind::Offer] {
        out.extend(s.items(kind).iter().map(|i| (kind, i.section.clone(), i.text.clone(), i.line)));
    }
    out
}

fn options() -> ParseOptions {
    ParseOptions::new().file("x.txt")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn invalid_utf8_costs_only_the_bad_bytes(
        which in 0usize..FIXTURES.len(),
        bad in prop::collection::vec((any::<prop::sample::Index>(), 0x80u8..=0xFF), 1..4),
    ) {
        let text = fixture(which);
        let before = parse(&text, &options()).unwrap();
        // Insert the bytes at distinct character boundaries of the text: each is then
        // one bad byte (a lead byte followed by ASCII or another lead byte, or a lone
        // continuation byte), never part of a valid sequence.
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut at: Vec<(usize, u8)> = bad.iter().map(|(i, b)| (boundaries[i.index(boundaries.len())], *b)).collect();
        at.sort_unstable();
        at.dedup_by_key(|(i, _)| *i);
        let mut bytes = text.clone().into_bytes();
        for &(i, b) in at.iter().rev() {
            bytes.insert(i, b);
        }
        let first = at[0].0;
        prop_assume!(std::str::from_utf8(&bytes).is_err());
        let after = parse_bytes(&bytes, &options()).unwrap();
        prop_assert_eq!(items(&after), items(&before));
        prop_assert_eq!(&after.submission.contacts, &before.submission.contacts);
        let line = 1 + text[..first].matches('\n').count() as u32;
        let repaired: Vec<_> = after
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Repaired && d.severity == Severity::Warning)
            .collect();
        prop_assert_eq!(repaired.len(), 1, "{:?}", repaired);
        prop_assert_eq!(repaired[0].at.line, Some(line));
        prop_assert_eq!(
            &repaired[0].message,
            "invalid UTF-8 decoded lossily; the bad bytes were dropped (first on this line)"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Zero-width characters pasted from Word or PDF (zero-width space, byte-order
    /// mark, soft hyphen, direction marks, word joiner) change nothing, wherever they
    /// are.
    #[test]
    fn zero_width_characters_change_nothing(
        which in 0usize..FIXTURES.len(),
        marks in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(vec!['\u{200B}', '\u{FEFF}', '\u{00AD}', '\u{200E}', '\u{2060}', '\u{FFFD}'])),
            1..6,
        ),
    ) {
        let text = fixture(which);
        let before = parse(&text, &options()).unwrap();
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut at: Vec<(usize, char)> = marks.iter().map(|(i, c)| (boundaries[i.index(boundaries.len())], *c)).collect();
        at.sort_unstable();
        let mut marked = text.clone();
        for &(i, c) in at.iter().rev() {
            marked.insert(i, c);
        }
        let after = parse(&marked, &options()).unwrap();
        prop_assert_eq!(items(&after), items(&before));
        prop_assert_eq!(&after.submission.contacts, &before.submission.contacts);
        prop_assert_eq!((&after.submission.economy, after.submission.year), (&before.submission.economy, before.submission.year));
    }
}

#[test]
fn utf16_and_crlf_read_the_same() {
    for (k, name) in FIXTURES.iter().enumerate() {
        let text = fixture(k);
        let want = items(&parse(&text, &options()).unwrap());
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let crlf = text.replace('\n', "\r\n");
        let bom = format!("\u{FEFF}{text}");
        for (what, bytes) in
            [("UTF-16LE", le), ("UTF-16BE", be), ("CRLF", crlf.into_bytes()), ("BOM", bom.into_bytes())]
        {
            let got = parse_bytes(&bytes, &options()).unwrap_or_else(|e| panic!("{name}: {what}: {e}"));
            assert_eq!(items(&got), want, "{name}: {what}");
        }
    }
}
