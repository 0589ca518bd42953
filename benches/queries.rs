//! Latency of every named query on a store (median of 5 runs, in-process, store already open).
//!
//! `BENCH_STORE=path cargo bench --bench queries` measures an existing store (e.g. one built
//! by `benches/scale.sh`); without it, a temporary store is built from `BENCH_DOCS`
//! (default 1000) generated résumés.

use careergraph::store::CareerStore;
use std::time::{Duration, Instant};

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let store = match std::env::var("BENCH_STORE") {
        Ok(p) => CareerStore::open_read_only(std::path::Path::new(&p)).expect("open store"),
        Err(_) => build_store(tmp.path()),
    };
    let s = store.stats().expect("stats");
    println!(
        "store: {} documents, {} people, {} triples",
        s.documents, s.people, s.triples
    );
    for q in careergraph::query::named_queries() {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let bound = q.bind(&[]).expect("bind defaults");
            let started = Instant::now();
            rows = match store.evaluate(bound, None).expect("evaluate") {
                oxigraph::sparql::QueryResults::Solutions(it) => it.count(),
                _ => 0,
            };
            times.push(started.elapsed());
        }
        times.sort();
        let median: Duration = times[times.len() / 2];
        println!(
            "query/{:<12} {:>9.1} ms median of 5  ({rows} rows)",
            q.name,
            median.as_secs_f64() * 1000.0
        );
    }
}

fn build_store(dir: &std::path::Path) -> CareerStore {
    let n: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let corpus = dir.join("corpus");
    careergraph::generate::write_corpus(
        &corpus,
        &careergraph::generate::GenerateOptions { count: n, seed: 42 },
    )
    .expect("generate");
    let store = CareerStore::open(&dir.join("db")).expect("open");
    let opts = careergraph::ingest::IngestOptions {
        map: careergraph::map::MapOptions::new(careergraph::ns::DEFAULT_BASE, "bench", false)
            .expect("base"),
        max_size: 16 << 20,
        budget: Duration::from_secs(30),
        batch: 256,
        bulk_threshold: careergraph::ingest::DEFAULT_BULK_THRESHOLD,
        bulk_chunk: careergraph::ingest::BULK_CHUNK,
    };
    careergraph::ingest::ingest_paths(&store, &[corpus], &opts, &|_, _| {}).expect("ingest");
    store
}
