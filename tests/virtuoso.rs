//! A real Virtuoso 7 (Debian's `virtuoso-opensource-7-bin`) as the bigger store our graphs
//! move to: `push` (Graph Store Protocol PUT per graph) and Virtuoso's own bulk loader
//! (`ld_dir` + `rdf_loader_run` over an `export --format nquads` dump) both give a graph on
//! which `go-qps-10k`, sent to Virtuoso's SPARQL endpoint, answers exactly what the local
//! store answers; a second push changes nothing.
//!
//! `.ci/run` starts a throwaway Virtuoso with `scripts/virtuoso.sh` and exports
//! `CAREERGRAPH_VIRTUOSO` (HTTP base URL), `CAREERGRAPH_VIRTUOSO_ISQL` (isql port, dba/dba)
//! and `CAREERGRAPH_VIRTUOSO_LOAD_DIR` (a directory in its `DirsAllowed`). Without them the
//! test is skipped with a message, unless `CAREERGRAPH_REQUIRE_TOOLS=1` (CI) makes that a
//! failure. Every run uses its own base IRI, and removes its graphs at the end, so it can
//! share a Virtuoso with other data and with earlier runs.

mod common;
use common::{bin, stats};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the Virtuoso under test listens.
struct Virtuoso {
    url: String,
    isql_port: String,
    load_dir: PathBuf,
}

fn virtuoso() -> Option<Virtuoso> {
    let Ok(url) = std::env::var("CAREERGRAPH_VIRTUOSO") else {
        assert!(
            std::env::var("CAREERGRAPH_REQUIRE_TOOLS").is_err(),
            "CAREERGRAPH_VIRTUOSO is not set but CAREERGRAPH_REQUIRE_TOOLS is: .ci/run starts Virtuoso"
        );
        eprintln!(
            "skipping: no Virtuoso configured (eval \"$(bash scripts/virtuoso.sh start DIR)\" \
             starts one and sets CAREERGRAPH_VIRTUOSO, CAREERGRAPH_VIRTUOSO_ISQL, \
             CAREERGRAPH_VIRTUOSO_LOAD_DIR)"
        );
        return None;
    };
    let var = |name: &str| {
        std::env::var(name)
            .unwrap_or_else(|_| panic!("CAREERGRAPH_VIRTUOSO is set but {name} is not"))
    };
    Some(Virtuoso {
        url: url.trim_end_matches('/').to_owned(),
        isql_port: var("CAREERGRAPH_VIRTUOSO_ISQL"),
        load_dir: PathBuf::from(var("CAREERGRAPH_VIRTUOSO_LOAD_DIR")),
    })
}

/// One SPARQL result term, comparable across servers: kind, lexical form (numbers
/// canonicalised, since servers print decimals differently), datatype or language.
type Row = BTreeMap<String, (String, String, String)>;

fn rows_from_json(body: &[u8]) -> Vec<Row> {
    let json: serde_json::Value = serde_json::from_slice(body).expect("SPARQL JSON results");
    let numeric = |dt: &str| {
        ["decimal", "integer", "double", "float", "long", "int"]
            .iter()
            .any(|t| dt == format!("http://www.w3.org/2001/XMLSchema#{t}"))
    };
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            b.as_object()
                .expect("binding object")
                .iter()
                .map(|(var, t)| {
                    let kind = match t["type"].as_str().unwrap_or("") {
                        "typed-literal" => "literal",
                        k => k,
                    };
                    let dt = t["datatype"].as_str().unwrap_or("").to_owned();
                    let mut value = t["value"].as_str().unwrap_or("").to_owned();
                    if numeric(&dt) {
                        let n: f64 = value.parse().expect("a number");
                        value = format!("{n}");
                    }
                    let extra = match t["xml:lang"].as_str() {
                        Some(l) => format!("@{l}"),
                        // A plain string has no datatype in SPARQL 1.1 JSON.
                        None if dt == "http://www.w3.org/2001/XMLSchema#string" => String::new(),
                        None => dt,
                    };
                    (var.clone(), (kind.to_owned(), value, extra))
                })
                .collect()
        })
        .collect()
}

impl Virtuoso {
    fn select(&self, query: &str) -> Vec<Row> {
        // Form-encoded: a POST with Content-Type application/sparql-query hangs (Virtuoso bug #842).
        let mut resp = ureq::Agent::new_with_defaults()
            .post(format!("{}/sparql", self.url))
            .header("Accept", "application/sparql-results+json")
            .send_form([("query", query)])
            .expect("Virtuoso answers the query");
        let body = resp.body_mut().read_to_vec().expect("response body");
        rows_from_json(&body)
    }

    /// Triples in the graphs whose IRI starts with `prefix`, plus the vocabulary graph.
    fn count(&self, prefix: &str) -> u64 {
        let q = format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} \
             FILTER(STRSTARTS(STR(?g), \"{prefix}\") || ?g = <https://w3id.org/careergraph/graph/vocabulary>) }}"
        );
        self.select(&q)[0]["n"].1.parse::<f64>().expect("a count") as u64
    }

    /// Run SQL through isql (as dba); panics with its output on failure.
    fn isql(&self, sql: &str) -> String {
        let out = std::process::Command::new("isql-vt")
            .args([self.isql_port.as_str(), "dba", "dba"])
            .arg(format!("exec={sql}"))
            .output()
            .expect("isql-vt runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && !text.contains("*** Error"),
            "isql {sql}: {text}"
        );
        text
    }

    /// Remove every quad of the graphs whose IRI starts with `prefix`.
    fn drop_graphs(&self, prefix: &str) {
        self.isql(&format!(
            "log_enable(3,1); DELETE FROM DB.DBA.RDF_QUAD WHERE __id2i(G) LIKE '{prefix}%';"
        ));
    }
}

/// `go-qps-10k` with its default parameters, as SPARQL text with the parameters bound.
fn go_qps_text() -> String {
    careergraph::query::named_queries()
        .into_iter()
        .find(|q| q.name == "go-qps-10k")
        .expect("go-qps-10k is a named query")
        .bind(&[])
        .expect("defaults bind")
        .to_string()
}

fn local_rows(store: &Path) -> Vec<Row> {
    let out = bin(store)
        .args(["query", "go-qps-10k", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rows = rows_from_json(&out.stdout);
    rows.sort();
    rows
}

fn remote_rows(v: &Virtuoso, base: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = v
        .select(&go_qps_text())
        .into_iter()
        .filter(|r| r.get("person").is_some_and(|p| p.1.starts_with(base)))
        .collect();
    rows.sort();
    rows
}

/// Rows without the `system` column. `system` is `MAX(?sys)` over the system names of a
/// group (or "" for a metric on the position itself), and Virtuoso 7.2's MAX does not
/// order strings as SPARQL does: `SELECT (MAX(?s) AS ?m) WHERE { { BIND("" AS ?s) } UNION
/// { VALUES ?s { "Order Service" "Push Service" } } }` answers "" there. Every other column,
/// and the number of rows, must match exactly.
fn without_system(rows: &[Row]) -> Vec<Row> {
    let mut out: Vec<Row> = rows
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.remove("system");
            r
        })
        .collect();
    out.sort();
    out
}

/// Equal row multisets, or a short report of the rows only one side has.
fn assert_same_rows(remote: &[Row], local: &[Row], what: &str) {
    if remote == local {
        return;
    }
    let only = |a: &[Row], b: &[Row]| -> Vec<String> {
        a.iter()
            .filter(|r| !b.contains(r))
            .take(3)
            .map(|r| format!("{r:?}"))
            .collect()
    };
    panic!(
        "{what}: {} rows remotely, {} locally; only remote: {:?}; only local: {:?}",
        remote.len(),
        local.len(),
        only(remote, local),
        only(local, remote)
    );
}

/// Log a step's wall time (shown with `--nocapture`; BENCHMARKS.md quotes them).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    eprintln!(
        "virtuoso test: {what}: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    out
}

#[test]
fn push_and_bulk_load_into_virtuoso_answer_like_the_local_store() {
    let Some(v) = virtuoso() else {
        return;
    };
    let run = format!(
        "run{}x{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
    );
    let base = format!("https://ci.example/careergraph-test/{run}/");
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let store = dir.path().join("db");
    common::generate(&corpus, 1000, 42);
    timed("ingest 1,000 résumés", || {
        bin(&store)
            .args(["--base-iri", &base, "ingest"])
            .arg(&corpus)
            .assert()
            .success()
    });
    // The dump for the bulk load is written meanwhile (a separate reading process: the store
    // is opened read-only by every command below), which keeps this test's CI time down.
    let load = v.load_dir.join(&run);
    std::fs::create_dir_all(&load).unwrap();
    let mut export = std::process::Command::new(assert_cmd::cargo::cargo_bin("careergraph"))
        .env("CAREERGRAPH_STORE", &store)
        .args(["--quiet", "export", "--format", "nquads", "--out"])
        .arg(load.join("dump.nq.gz"))
        .spawn()
        .expect("export starts");
    let local = local_rows(&store);
    assert!(
        local.len() > 100,
        "go-qps-10k finds people in the generated store: {local:?}"
    );
    // Everything but the store's three metadata quads (salt, vocabulary hash, query-index
    // stamp) is sent.
    let sent = stats(&store)["triples"].as_u64().unwrap() - 3;

    let push = || {
        bin(&store)
            .args(["push", "--endpoint"])
            .arg(format!("{}/sparql-graph-crud", v.url))
            .assert()
            .success()
    };
    timed("push", push);
    assert_eq!(v.count(&base), sent, "Virtuoso holds what was pushed");
    let remote = timed("go-qps-10k on Virtuoso", || remote_rows(&v, &base));
    assert_same_rows(
        &without_system(&remote),
        &without_system(&local),
        "go-qps-10k on Virtuoso after push",
    );
    timed("second push", push);
    assert_eq!(
        v.count(&base),
        sent,
        "a second push changed the triple count"
    );

    // Virtuoso's own bulk loader over our N-Quads dump, into a cleared graph set.
    v.drop_graphs(&base);
    assert_eq!(
        v.count(&base),
        vocabulary_triples(&store),
        "only the vocabulary graph is left"
    );
    let export_status = timed("waiting for the export", || export.wait().unwrap());
    assert!(export_status.success(), "export --format nquads failed");
    timed("ld_dir + rdf_loader_run", || {
        v.isql(&format!(
            "ld_dir('{}', '*.nq.gz', 'https://ci.example/careergraph-test/unused'); \
             rdf_loader_run(); checkpoint;",
            load.display()
        ))
    });
    let errors = v.isql(&format!(
        "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{}%' AND ll_error IS NOT NULL;",
        load.display()
    ));
    assert!(
        errors.contains("0 Rows"),
        "the loader reported errors: {errors}"
    );
    assert_eq!(
        v.count(&base),
        sent,
        "the bulk-loaded dump holds what push sent"
    );
    let loaded = remote_rows(&v, &base);
    assert_same_rows(
        &without_system(&loaded),
        &without_system(&local),
        "go-qps-10k on Virtuoso after the bulk load",
    );
    assert_eq!(
        loaded, remote,
        "bulk load and push give Virtuoso the same graph"
    );

    v.drop_graphs(&base);
    v.isql(&format!(
        "DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{}%';",
        load.display()
    ));
    let _ = std::fs::remove_dir_all(&load);
}

/// Triples of the vocabulary graph in the local store.
fn vocabulary_triples(store: &Path) -> u64 {
    let out = bin(store)
        .args(["query", "-", "--format", "csv"])
        .write_stdin(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/careergraph/graph/vocabulary> { ?s ?p ?o } }",
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("a count")
}
