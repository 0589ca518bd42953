//! Arbitrary bytes through the PDF reader (a whole file, or a page's content stream and ToUnicode CMap wrapped into one), then extraction and RDF mapping.
//! The body (and its invariants) is `careergraph::fuzzing::pdf`, shared with `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| careergraph::fuzzing::pdf(data));
