//! GraphML / DOT read back by real third-party tools (networkx, Graphviz), and `push`
//! against a real Oxigraph server started on 127.0.0.1.
//!
//! The tools come from `.ci/run` (pip: networkx, oxigraph; apt: graphviz). Locally, a
//! missing tool skips its test with a message unless `CAREERGRAPH_REQUIRE_TOOLS=1`
//! (set by CI), which turns the skip into a failure.

mod common;
use common::{bin, stats, GO_QPS_FIXTURE_ROWS};
use predicates::prelude::PredicateBooleanExt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A store with the examples and the text fixtures (the top level of `tests/fixtures`; its
/// `rendered/` folder holds the same résumés as PDF/DOCX/HTML and deliberately bad files).
fn store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        // The answer key (README.md) is not a résumé: ingested, its e-mails merge it with
        // the fixtures' people and its tables become their positions.
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    fixtures.sort();
    bin(&store)
        .arg("ingest")
        .arg(root().join("examples"))
        .args(&fixtures)
        .assert()
        .success();
    (dir, store)
}

/// Whether a tool is usable; a missing tool is a failure when CI requires tools.
fn tool_available(check: &mut std::process::Command, name: &str) -> bool {
    let ok = check
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var("CAREERGRAPH_REQUIRE_TOOLS").is_err(),
            "{name} is required (CAREERGRAPH_REQUIRE_TOOLS is set) but not available"
        );
        eprintln!("skipping: {name} is not installed (bash .ci/run installs it)");
    }
    ok
}

#[test]
fn graphml_reads_back_in_networkx_with_store_counts() {
    if !tool_available(
        std::process::Command::new("python3").args(["-c", "import networkx"]),
        "python3 networkx",
    ) {
        return;
    }
    let (d, store) = store();
    let s = stats(&store);
    let full = d.path().join("full.graphml");
    bin(&store)
        .args(["export", "--format", "graphml", "--out"])
        .arg(&full)
        .assert()
        .success();
    let orgs = d.path().join("orgs.graphml");
    bin(&store)
        .args([
            "export",
            "--format",
            "graphml",
            "--view",
            "people-orgs",
            "--lang",
            "zh",
            "--out",
        ])
        .arg(&orgs)
        .assert()
        .success();
    let script = r#"
import json, sys, collections
import networkx as nx
g = nx.read_graphml(sys.argv[1])
kinds = collections.Counter(d["kind"] for _, d in g.nodes(data=True))
metric_values = [d["value"] for _, d in g.nodes(data=True) if d["kind"] == "metric"]
current = [d["current"] for _, d in g.nodes(data=True) if d["kind"] == "position"]
preds = collections.Counter(d["label"] for _, _, d in g.edges(data=True))
o = nx.read_graphml(sys.argv[2])
o_kinds = collections.Counter(d["kind"] for _, d in o.nodes(data=True))
o_edges = collections.Counter(d["label"] for _, _, d in o.edges(data=True))
labels = [d["label"] for _, d in o.nodes(data=True) if d["kind"] == "organization"]
print(json.dumps({
  "kinds": kinds, "preds": preds, "edges": g.number_of_edges(),
  "metric_types": sorted({type(v).__name__ for v in metric_values}),
  "current_types": sorted({type(v).__name__ for v in current}),
  "o_kinds": o_kinds, "o_edges": o_edges, "labels": labels,
}))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&full)
        .arg(&orgs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["kinds"]["person"], s["people"]);
    assert_eq!(r["kinds"]["position"], s["positions"]);
    assert_eq!(r["kinds"]["metric"], s["metrics"]);
    assert_eq!(r["kinds"]["role-profile"], s["role_profiles"]);
    assert_eq!(r["preds"]["hasPosition"], s["positions"]);
    // Typed keys come back typed: numbers as float, flags as bool.
    assert_eq!(r["metric_types"], serde_json::json!(["float"]));
    assert_eq!(r["current_types"], serde_json::json!(["bool"]));
    // The people-orgs view collapses positions into edges.
    assert_eq!(r["o_kinds"]["person"], s["people"]);
    assert!(r["o_kinds"].get("position").is_none());
    // One workedAt edge per position with an organisation (what the store says).
    let out = bin(&store)
        .args(["query", "-", "--format", "csv"])
        .write_stdin(
            "PREFIX cg: <https://w3id.org/careergraph/ont#>\n\
             SELECT (COUNT(DISTINCT ?pos) AS ?n) WHERE { ?p cg:hasPosition ?pos . \
             ?pos cg:organization ?o }",
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    let with_org: u64 = String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("a count");
    assert!(with_org > 0);
    assert_eq!(r["o_edges"]["workedAt"].as_u64(), Some(with_org), "{r}");
    let labels: Vec<String> = serde_json::from_value(r["labels"].clone()).unwrap();
    assert!(labels.iter().any(|l| l == "腾讯"), "zh labels: {labels:?}");
}

#[test]
fn graphml_is_deterministic_and_where_restricts_people() {
    let (_d, store) = store();
    let run = |args: &[&str]| {
        let out = bin(&store).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let a = run(&["export", "--format", "graphml"]);
    let b = run(&["export", "--format", "graphml"]);
    assert_eq!(a, b);
    assert!(a.contains(r#"<key id="n_value" for="node" attr.name="value" attr.type="double"/>"#));
    let all = run(&["export", "--format", "graphml", "--view", "people-orgs"]);
    let some = run(&[
        "export",
        "--format",
        "graphml",
        "--view",
        "people-orgs",
        "--where",
        "?person cg:hasPosition/cg:organization/org:unitOf* orgv:google",
    ]);
    let people = |g: &str| g.matches("<data key=\"n_kind\">person</data>").count();
    assert!(people(&all) > 3);
    assert_eq!(people(&some), 1, "{some}");
    bin(&store)
        .args([
            "export",
            "--format",
            "graphml",
            "--where",
            "?person ?? nonsense",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--where"));
}

/// Data of a node or an edge: `(key, text)` pairs, sorted.
type Data = Vec<(String, String)>;

/// Nodes as `(iri, data)` and edges as `(source iri, target iri, data)`, sorted.
type GraphSets = (Vec<(String, Data)>, Vec<(String, String, Data)>);

/// A GraphML document read back as sets: each node as `(iri, its data)` and each edge as
/// `(source iri, target iri, its data)`, sorted (node numbers and order left out).
fn graph_sets(graphml: &str) -> GraphSets {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(graphml);
    let mut nodes: Vec<(String, Data)> = Vec::new();
    let mut edges: Vec<(String, String, Data)> = Vec::new();
    let mut ids: std::collections::HashMap<String, String> = Default::default();
    let (mut data, mut key, mut ends) = (Vec::new(), String::new(), (String::new(), String::new()));
    let mut node_id = String::new();
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name.as_bytes())
            .map(|a| a.unescape_value().unwrap().into_owned())
            .unwrap_or_default()
    };
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"node" => {
                node_id = attr(&e, "id");
                data.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"edge" => {
                ends = (attr(&e, "source"), attr(&e, "target"));
                data.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"data" => key = attr(&e, "key"),
            Event::Text(t) if !key.is_empty() => {
                data.push((key.clone(), t.unescape().unwrap().into_owned()));
                key.clear();
            }
            Event::End(e) if e.name().as_ref() == b"data" && !key.is_empty() => {
                data.push((std::mem::take(&mut key), String::new()));
            }
            Event::End(e) if e.name().as_ref() == b"node" => {
                data.sort();
                let iri = data.iter().find(|(k, _)| k == "n_iri").unwrap().1.clone();
                ids.insert(node_id.clone(), iri.clone());
                nodes.push((iri, data.clone()));
            }
            Event::End(e) if e.name().as_ref() == b"edge" => {
                data.sort();
                edges.push((ends.0.clone(), ends.1.clone(), data.clone()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut edges: Vec<_> = edges
        .into_iter()
        .map(|(a, b, d)| (ids[&a].clone(), ids[&b].clone(), d))
        .collect();
    nodes.sort();
    edges.sort();
    (nodes, edges)
}

/// The streamed export (one document graph at a time, shared nodes gathered across
/// documents) draws the same graph as one batch over every graph, which is what a store
/// with RDF loaded as it is gets (the nodes of a loaded graph may span graphs).
#[test]
fn graphml_streamed_per_document_equals_one_batch() {
    let (d, store) = store();
    // The same person (same e-mail) in a second document with another skill: people are
    // shared between documents, their labels and edges gathered from both.
    let again = d.path().join("priya-again.txt");
    let mut text = std::fs::read_to_string(root().join("tests/fixtures/en-bullets.txt")).unwrap();
    text.push_str("\nSkills\nRust, Terraform\n");
    std::fs::write(&again, text).unwrap();
    bin(&store).arg("ingest").arg(&again).assert().success();
    let loaded = common::reload_dump(&store, d.path());
    let export = |store: &Path, args: &[&str]| {
        let mut all = vec!["export", "--format", "graphml"];
        all.extend_from_slice(args);
        common::stdout_of(store, &all)
    };
    let cases: &[&[&str]] = &[
        &[],
        &["--org-tree", "collapse"],
        &["--view", "people-orgs"],
        &[
            "--view",
            "people-orgs",
            "--org-tree",
            "collapse",
            "--lang",
            "zh",
        ],
        &["--view", "people-tech"],
        &["--view", "people-orgs-tech"],
        &["--where", "?person cg:hasSkill tech:kafka"],
        &[
            "--view",
            "people-orgs-tech",
            "--where",
            "?person cg:hasSkill tech:kafka",
        ],
    ];
    for args in cases {
        let (streamed, batch) = (export(&store, args), export(&loaded, args));
        let (a, b) = (graph_sets(&streamed), graph_sets(&batch));
        assert!(!a.1.is_empty(), "{args:?}: no edges");
        assert_eq!(a, b, "{args:?}");
    }
    // Priya is one node with the skills of both documents.
    let g = graph_sets(&export(&store, &["--view", "people-tech"]));
    let priya: Vec<_> =
        g.0.iter()
            .filter(|(_, d)| d.iter().any(|(k, v)| k == "n_label" && v == "Priya Raman"))
            .collect();
    assert_eq!(priya.len(), 1, "{priya:?}");
    let knows = |tech: &str| {
        g.1.iter()
            .any(|(a, b, _)| a == &priya[0].0 && b.ends_with(tech))
    };
    assert!(knows("/rust") && knows("/kafka"), "{:?}", g.1);
}

#[test]
fn dot_renders_with_graphviz() {
    if !tool_available(std::process::Command::new("dot").arg("-V"), "graphviz dot") {
        return;
    }
    let (d, store) = store();
    let dot = d.path().join("g.dot");
    bin(&store)
        .args([
            "export",
            "--format",
            "dot",
            "--view",
            "people-orgs-tech",
            "--out",
        ])
        .arg(&dot)
        .assert()
        .success();
    let out = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.contains("<svg") && svg.contains("Alice Chen"));
}

#[test]
fn owl_links_go_to_their_own_graph() {
    let (_d, store) = store();
    let out = bin(&store)
        .args(["export", "--format", "nquads", "--links", "owl"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let links: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("<http://www.w3.org/2002/07/owl#sameAs>"))
        .collect();
    assert!(links.len() > 50);
    assert!(links
        .iter()
        .all(|l| l.ends_with("<https://w3id.org/careergraph/graph/links> .")));
    assert!(links.iter().any(|l| l.starts_with(
        "<https://w3id.org/careergraph/org/tencent> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q860580>"
    )));
}

/// An Oxigraph server on a free local port, killed on drop.
struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Server {
    fn start(dir: &Path, port: Option<u16>) -> Server {
        let port = port.unwrap_or_else(|| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        });
        let child = std::process::Command::new("oxigraph")
            .args(["serve", "--union-default-graph", "--location"])
            .arg(dir)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("oxigraph server starts");
        let s = Server {
            child,
            port,
            dir: dir.to_owned(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "oxigraph server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        s
    }

    fn store_url(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    /// Run a SELECT on the server; CSV rows without the header.
    fn select(&self, query: &str) -> Vec<Vec<String>> {
        let agent = ureq::Agent::new_with_defaults();
        let mut resp = agent
            .post(format!("http://127.0.0.1:{}/query", self.port))
            .header("Accept", "text/csv")
            .send_form([("query", query)])
            .expect("query answered");
        let body = resp.body_mut().read_to_string().unwrap();
        csv::Reader::from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    fn count(&self) -> u64 {
        self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0][0]
            .parse()
            .unwrap()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn oxigraph_available() -> bool {
    tool_available(
        std::process::Command::new("oxigraph").arg("--version"),
        "oxigraph server (pip install oxigraph)",
    )
}

#[test]
fn push_to_a_real_oxigraph_server_is_idempotent_and_answers_alike() {
    if !oxigraph_available() {
        return;
    }
    let (d, store) = store();
    let mut server = Server::start(&d.path().join("server"), None);
    let local_triples = stats(&store)["triples"].as_u64().unwrap();

    // A dry run sends nothing.
    let out = bin(&store)
        .args(["push", "--dry-run", "--endpoint", &server.store_url()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(server.count(), 0);
    let planned = String::from_utf8(out.stdout).unwrap().lines().count() as u64;
    assert_eq!(planned, stats(&store)["graphs"].as_u64().unwrap() - 1);

    bin(&store)
        .args(["push", "--endpoint", &server.store_url()])
        .assert()
        .success()
        .stderr(predicates::str::contains("pushed"));
    let after_first = server.count();
    // Everything but the three metadata quads (salt, vocabulary hash, query-index stamp)
    // is sent.
    assert_eq!(after_first, local_triples - 3);
    bin(&store)
        .args(["push", "--endpoint", &server.store_url()])
        .assert()
        .success();
    assert_eq!(
        server.count(),
        after_first,
        "second push changed the server"
    );

    // The same named query gives the same answer on the server as locally.
    let q = careergraph::query::named_queries()
        .into_iter()
        .find(|q| q.name == "go-qps-10k")
        .unwrap();
    let text = q.bind(&[]).unwrap().to_string();
    let mut remote: Vec<Vec<String>> = server.select(&text);
    let out = bin(&store)
        .args(["query", "go-qps-10k", "--format", "csv"])
        .output()
        .unwrap();
    let mut local: Vec<Vec<String>> = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    remote.sort();
    local.sort();
    // The examples' two answers (tests/cli.rs) and the fixtures' (common::GO_QPS_FIXTURE_ROWS).
    let mut names: Vec<&str> = local.iter().map(|r| r[1].as_str()).collect();
    names.sort_unstable();
    let mut want: Vec<&str> = ["Alice Chen", "Carla Mendes"]
        .into_iter()
        .chain(GO_QPS_FIXTURE_ROWS.iter().map(|r| r[0]))
        .collect();
    want.sort_unstable();
    assert_eq!(names, want, "{local:?}");
    assert_eq!(remote, local);

    // A killed server: clear error, non-zero exit, and the credential is never printed.
    server.kill();
    bin(&store)
        .env("CAREERGRAPH_PUSH_TOKEN", "very-secret-token-42")
        .args(["push", "--retries", "2", "--endpoint", &server.store_url()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("gave up after 2 attempt(s)"))
        .stderr(predicates::str::contains("very-secret-token-42").not());
    // Restarted, the server holds complete graphs only: a push completes it exactly.
    let restarted = Server::start(&server.dir.clone(), Some(server.port));
    bin(&store)
        .args(["push", "--endpoint", &restarted.store_url()])
        .assert()
        .success();
    assert_eq!(restarted.count(), after_first);
}

#[test]
fn push_with_sparql_update_fallback() {
    if !oxigraph_available() {
        return;
    }
    let (d, store) = store();
    let server = Server::start(&d.path().join("server"), None);
    let update = format!("http://127.0.0.1:{}/update", server.port);
    for _ in 0..2 {
        bin(&store)
            .args([
                "push",
                "--endpoint",
                &server.store_url(),
                "--update-endpoint",
                &update,
            ])
            .assert()
            .success();
    }
    assert_eq!(
        server.count(),
        stats(&store)["triples"].as_u64().unwrap() - 3
    );
    // 4xx is an error, not retried: a path the server does not serve.
    let bad = format!("http://127.0.0.1:{}/nope", server.port);
    bin(&store)
        .args(["push", "--endpoint", &bad])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("refused it with HTTP 4"));
}

#[test]
fn gzip_dump_streams_to_a_valid_gzip_file() {
    let (d, store) = store();
    let gz = d.path().join("dump.trig.gz");
    bin(&store)
        .args(["export", "--format", "trig", "--out"])
        .arg(&gz)
        .assert()
        .success();
    let mut decoded = String::new();
    let mut reader = flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap());
    std::io::Read::read_to_string(&mut reader, &mut decoded).unwrap();
    assert!(decoded.contains("cg:Person"));
    assert!(!d.path().join("dump.trig.partial").exists());
    let _ = std::io::stdout().flush();
}
