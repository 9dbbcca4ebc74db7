//! `ctap::parse_bytes` on any bytes: no panic, and a parse that succeeds is well
//! formed (unique ids, items with text, lines within the input).
#![no_main]

use std::collections::HashSet;

use capmatch::ctap::{ParseOptions, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = parse_bytes(data, &ParseOptions::new().file("f.txt")) else { return };
    let lines = data.split(|&b| b == b'\n').count().max(data.split(|&b| b == b'\r').count()) as u32;
    let s = &parsed.submission;
    let mut ids = HashSet::new();
    for item in s.needs.iter().chain(&s.offers) {
        assert!(ids.insert(item.id.as_str()), "duplicate id {}", item.id);
        assert!(!item.text.trim().is_empty(), "empty item");
        if let Some(line) = item.line {
            // UTF-16 input has half as many bytes per line; only bound UTF-8 input.
            assert!(line >= 1);
            if !data.starts_with(b"\xFF\xFE") && !data.starts_with(b"\xFE\xFF") {
                assert!(line <= lines, "line {line} of {lines}");
            }
        }
    }
});
