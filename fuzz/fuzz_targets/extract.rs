//! Arbitrary bytes through the CLI's text-file path (decode → layout → extraction → RDF mapping).
//! The body (and its invariants) is `careergraph::fuzzing::extract`, shared with `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| careergraph::fuzzing::extract(data));
