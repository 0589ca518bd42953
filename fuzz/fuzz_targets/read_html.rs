//! Arbitrary bytes through the HTML reader (charset, tags, entities, blocks), then extraction and RDF mapping.
//! The body (and its invariants) is `careergraph::fuzzing::html`, shared with `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| careergraph::fuzzing::html(data));
