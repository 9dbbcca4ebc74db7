//! The Word reader on any bytes behind a zip's local-file signature, and on any
//! `word/document.xml` packed into a well-formed zip: no panic, and a result
//! whose lines each have their place in the document.
#![no_main]

use std::io::Write as _;

use capmatch::document::{DocumentOptions, extract};
use libfuzzer_sys::fuzz_target;

fn docx(xml: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let _ = w.start_file("word/document.xml", options);
    let _ = w.write_all(xml);
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let options = DocumentOptions::new();
    // As a whole file (mostly damaged archives) …
    let mut file = b"PK\x03\x04word/document.xml".to_vec();
    file.extend_from_slice(data);
    let _ = extract(&file, Some("f.docx"), &options);
    // … and as the body of a sound archive, where the XML reader sees it.
    if let Ok(e) = extract(&docx(data), Some("f.docx"), &options) {
        assert_eq!(e.text.split('\n').count(), e.origins.len().max(1));
    }
});
