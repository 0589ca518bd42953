//! Extraction throughput, single thread: résumés/s and MB/s over a generated corpus.
//!
//! `cargo bench --bench extract` (env `BENCH_DOCS`, default 2000). Generation is not timed.

use careergraph::generate::generate_one;
use careergraph::ingest::{extract_record, InputFormat};
use std::time::Instant;

fn main() {
    let n: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let docs: Vec<_> = (0..n).map(|i| generate_one(42, i)).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Warm-up: vocabularies are parsed once per process.
    let _ = extract_record("warmup.txt", InputFormat::Text, docs[0].text.as_bytes());
    for (label, lang) in [
        ("all", None),
        ("en", Some("-en")),
        ("zh", Some("-zh")),
        ("bilingual", Some("-bi")),
    ] {
        let subset: Vec<_> = docs
            .iter()
            .filter(|d| lang.is_none_or(|l| d.file_name.contains(l)))
            .collect();
        if subset.is_empty() {
            continue;
        }
        let sub_bytes: usize = subset.iter().map(|d| d.text.len()).sum();
        let started = Instant::now();
        let mut positions = 0;
        for d in &subset {
            let fmt = InputFormat::from_path(std::path::Path::new(&d.file_name))
                .unwrap_or(InputFormat::Text);
            if let Ok(r) = extract_record(&d.file_name, fmt, d.text.as_bytes()) {
                positions += r.positions.len();
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "extract/{label:<9} {:>6} résumés  {:>7.0} résumés/s  {:>6.2} MB/s  (avg {:.1} KB, {positions} positions) single thread",
            subset.len(),
            subset.len() as f64 / secs,
            sub_bytes as f64 / secs / 1e6,
            sub_bytes as f64 / subset.len() as f64 / 1024.0,
        );
    }
    println!("corpus: {n} résumés, {:.1} MB", bytes as f64 / 1e6);
}
