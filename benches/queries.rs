//! Latency of every named query on a store (median of `BENCH_RUNS` runs, default 5,
//! in-process, store already open): plain SPARQL to the last row and to the first 1,000,
//! and the query index's answer where it answers (go-qps-10k, scale, knows).
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
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let s = store.stats().expect("stats");
    println!(
        "store: {} documents, {} people, {} triples",
        s.documents, s.people, s.triples
    );
    for q in careergraph::query::named_queries() {
        let bindings = q.bindings(&[]).expect("bind defaults");
        let (sparql, rows) = median(runs, || {
            count(
                store.evaluate(q.bind_terms(&bindings).expect("bind"), None),
                usize::MAX,
            )
        });
        let (first, _) = median(runs, || {
            count(
                store.evaluate(q.bind_terms(&bindings).expect("bind"), None),
                1000,
            )
        });
        let indexed = careergraph::index::answer::answer(&store, &q.name, &bindings)
            .expect("index")
            .is_some()
            .then(|| {
                median(runs, || {
                    let r = careergraph::index::answer::answer(&store, &q.name, &bindings)
                        .expect("index")
                        .expect("answered");
                    count(Ok(r), usize::MAX)
                })
            });
        let index = match indexed {
            Some((t, n)) => format!("  index {:>8.1} ms ({n} rows)", ms(t)),
            None => String::new(),
        };
        println!(
            "query/{:<12} sparql {:>9.1} ms ({rows} rows)  first 1,000 rows {:>8.1} ms{index}  median of {runs}",
            q.name,
            ms(sparql),
            ms(first)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median wall time of `runs` calls of `f` and the row count it returned.
fn median(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..runs {
        let started = Instant::now();
        rows = f();
        times.push(started.elapsed());
    }
    times.sort();
    (times[times.len() / 2], rows)
}

/// Consume at most `limit` solutions.
fn count(
    results: Result<oxigraph::sparql::QueryResults<'static>, careergraph::store::StoreError>,
    limit: usize,
) -> usize {
    match results.expect("evaluate") {
        oxigraph::sparql::QueryResults::Solutions(it) => {
            let mut n = 0;
            for solution in it.take(limit) {
                solution.expect("solution");
                n += 1;
            }
            n
        }
        _ => 0,
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
    store.flush().expect("flush");
    store
}
