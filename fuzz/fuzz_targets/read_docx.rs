//! Arbitrary bytes through the DOCX reader (a whole file, or its XML parts stored into a ZIP here), then extraction and RDF mapping.
//! The body (and its invariants) is `careergraph::fuzzing::docx`, shared with `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| careergraph::fuzzing::docx(data));
