//! Arbitrary text through the date parser.
//! The body (and its invariants) is `careergraph::fuzzing::dates`, shared with `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| careergraph::fuzzing::dates(data));
