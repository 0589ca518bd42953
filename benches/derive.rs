//! Cost of the derived facts (issue 12) in the ingest pipeline, single thread, in memory:
//! per résumé, extract → map → (derive + map derived) → write, with and without the derived
//! quads, over a generated corpus. Works without the `disk` feature:
//! `cargo bench --no-default-features --bench derive` (env `BENCH_DOCS`, default 2000;
//! `BENCH_PREDICATES=1` also prints the derived quads per predicate). The derived stage is
//! timed best of 3 and the writes best of 5, alternated, so that load on a shared machine
//! weighs less on the comparison.

use careergraph::derive::rdf::derived_quads;
use careergraph::generate::generate_one;
use careergraph::ingest::{extract_record, InputFormat};
use careergraph::map::{document_iri, record_to_quads, MapOptions};
use careergraph::store::{CareerStore, DocumentWrite};
use oxigraph::model::NamedNode;
use std::time::Instant;

fn main() {
    let n: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let docs: Vec<_> = (0..n).map(|i| generate_one(42, i)).collect();
    let opts = MapOptions::new(careergraph::ns::DEFAULT_BASE, "bench", false)
        .expect("base")
        .with_as_of(Some("2025-01".into()));
    let _ = extract_record("warmup.txt", InputFormat::Text, docs[0].text.as_bytes());

    let started = Instant::now();
    let records: Vec<_> = docs
        .iter()
        .filter_map(|d| {
            let fmt = InputFormat::from_path(std::path::Path::new(&d.file_name))
                .unwrap_or(InputFormat::Text);
            extract_record(&d.file_name, fmt, d.text.as_bytes()).ok()
        })
        .collect();
    let extract = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let base: Vec<_> = records
        .iter()
        .map(|r| record_to_quads(r, &opts).expect("maps"))
        .collect();
    let map = started.elapsed().as_secs_f64();

    // Best of three: the derived stage is short, so load on the machine weighs on it most.
    let mut derive = f64::MAX;
    let mut derived = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        derived = records
            .iter()
            .map(|r| derived_quads(r, &opts).expect("derives"))
            .collect();
        derive = derive.min(started.elapsed().as_secs_f64());
    }

    let write = |with_derived: bool| -> f64 {
        let store = CareerStore::memory().expect("memory store");
        let writes: Vec<DocumentWrite> = records
            .iter()
            .zip(&base)
            .zip(&derived)
            .map(|((r, b), d)| {
                let mut quads = b.clone();
                if with_derived {
                    quads.extend(d.iter().cloned());
                }
                DocumentWrite {
                    graph: NamedNode::new(document_iri(careergraph::ns::DEFAULT_BASE, &r.sha256))
                        .expect("graph IRI"),
                    path: Some(r.source.clone()),
                    quads,
                }
            })
            .collect();
        let started = Instant::now();
        for chunk in writes.chunks(256) {
            store.put_documents(chunk).expect("writes");
        }
        started.elapsed().as_secs_f64()
    };
    // Alternated, best of five each: the second store built in one process is not
    // penalised (or helped) by the first one's allocations, and load weighs less.
    let (mut write_plain, mut write_derived) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        write_plain = write_plain.min(write(false));
        write_derived = write_derived.min(write(true));
    }

    if std::env::var_os("BENCH_PREDICATES").is_some() {
        let mut by: std::collections::BTreeMap<String, usize> = Default::default();
        for q in derived.iter().flatten() {
            *by.entry(q.predicate.as_str().to_owned()).or_default() += 1;
        }
        for (p, c) in &by {
            println!("  {c:>8}  {p}");
        }
    }
    let quads: usize = base.iter().map(Vec::len).sum();
    let dquads: usize = derived.iter().map(Vec::len).sum();
    let per = |s: f64| s * 1e6 / records.len() as f64;
    println!(
        "derive bench: {} résumés, single thread, in-memory store",
        records.len()
    );
    println!("  extract          {:>8.1} µs/résumé", per(extract));
    println!(
        "  map              {:>8.1} µs/résumé  ({quads} quads)",
        per(map)
    );
    println!(
        "  derive + map     {:>8.1} µs/résumé  ({dquads} derived quads, +{:.0} %; best of 3)",
        per(derive),
        100.0 * dquads as f64 / quads as f64
    );
    println!(
        "  write            {:>8.1} µs/résumé  without derived (best of 5)",
        per(write_plain)
    );
    println!(
        "  write            {:>8.1} µs/résumé  with derived (best of 5)",
        per(write_derived)
    );
    let before = extract + map + write_plain;
    let after = extract + map + derive + write_derived;
    println!(
        "  pipeline         {:>8.1} → {:.1} µs/résumé  ({:+.1} % with derived facts on)",
        per(before),
        per(after),
        100.0 * (after - before) / before
    );
}
