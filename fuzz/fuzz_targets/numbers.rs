//! Arbitrary text through the number parser and the metric finder.
//! The body (and its invariants) is `careergraph::fuzzing::numbers`, shared with `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| careergraph::fuzzing::numbers(data));
