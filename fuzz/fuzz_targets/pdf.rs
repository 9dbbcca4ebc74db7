//! The PDF reader on any bytes after a PDF header: no panic escapes it (the
//! panics of the PDF crates it uses are caught per page), and a result's lines
//! each have their page.
#![no_main]

use std::sync::Once;

use capmatch::document::{DocumentOptions, extract, quiet_reader_panics};
use libfuzzer_sys::fuzz_target;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer's panic hook aborts at once, before a panic can be caught: a
    // panic inside pdf-extract or lopdf (which the reader catches and reports)
    // must not count as a crash here, any other panic must.
    QUIET.call_once(quiet_reader_panics);
    let mut file = b"%PDF-1.4\n".to_vec();
    file.extend_from_slice(data);
    if let Ok(e) = extract(&file, Some("f.pdf"), &DocumentOptions::new().max_pages(50)) {
        assert_eq!(e.text.split('\n').count(), e.origins.len().max(1));
    }
});
