//! `Corpus::from_json_slice` on any bytes: no panic; an error says where; a corpus
//! that is read writes and reads back the same.
#![no_main]

use capmatch::Corpus;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match Corpus::from_json_slice(data, Some("c.json")) {
        Ok((corpus, _)) => {
            let again = Corpus::from_json_str(&corpus.to_json_pretty(), None).expect("reads back");
            assert_eq!(again, corpus);
        }
        Err(e) => {
            let at = e.location().expect("a located error");
            assert_eq!(at.file.as_deref(), Some("c.json"));
        }
    }
});
