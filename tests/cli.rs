//! End-to-end tests of the real binary on the JSON Resume examples: ingest, named
//! queries with exact rows, idempotent re-ingest, replacement of changed files, safe
//! parameter binding, result formats read back with real parsers, export round trip.

mod common;
use assert_cmd::Command;
use common::{bin, csv_rows, examples, stats};
use std::path::PathBuf;

fn ingested_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("db");
    bin(&store).arg("ingest").arg(examples()).assert().success();
    (dir, store)
}

#[test]
fn go_qps_10k_finds_go_systems_above_threshold_only() {
    let (_d, store) = ingested_store();
    let rows = csv_rows(&store, &["go-qps-10k"]);
    let got: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|r| (r[1].clone(), r[2].clone(), r[3].clone(), r[4].clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Alice Chen".into(),
                "ByteDance".into(),
                "Feed Ranking Gateway".into(),
                "45000".into()
            ),
            (
                "Carla Mendes".into(),
                "Google".into(),
                "Quota Enforcement Service".into(),
                "120000".into()
            ),
        ]
    );
    // A higher threshold drops Alice; another technology finds Bo's Java service.
    let rows = csv_rows(&store, &["go-qps-10k", "--param", "min=50000"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][1], "Carla Mendes");
    let rows = csv_rows(&store, &["go-qps-10k", "-p", "tech=Java", "-p", "min=5000"]);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, vec!["Bo Wang"]);
}

#[test]
fn worked_at_matches_labels_in_any_language() {
    let (_d, store) = ingested_store();
    for org in ["Tencent", "tencent", "腾讯"] {
        let rows = csv_rows(&store, &["worked-at", "--param", &format!("org={org}")]);
        let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(names, vec!["Alice Chen", "Bo Wang"], "org={org}");
    }
    let rows = csv_rows(&store, &["worked-at", "--param", "org=Amazon"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][1], "Carla Mendes");
    assert_eq!(rows[0][3], "Software Development Engineer");
    assert_eq!(rows[0][4], "2015-08");
    assert!(csv_rows(&store, &["worked-at", "--param", "org=Nowhere Inc"]).is_empty());
}

#[test]
fn knows_colleagues_and_people() {
    let (_d, store) = ingested_store();
    let rows = csv_rows(&store, &["knows", "--param", "tech=Kafka"]);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, vec!["Alice Chen"]);
    // Golang is an alias of Go; Bo lists Go as a skill, so he knows it.
    let rows = csv_rows(&store, &["knows", "--param", "tech=golang"]);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, vec!["Alice Chen", "Bo Wang", "Carla Mendes"]);

    // Names are matched through their label keys: case and surrounding spaces do not matter.
    let rows = csv_rows(&store, &["knows", "--param", "tech= KAFKA "]);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, vec!["Alice Chen"]);
    // Metric kinds by local name, English label or Chinese label give the same rows.
    let by_name = csv_rows(&store, &["metrics", "--param", "kind=qps"]);
    assert!(!by_name.is_empty());
    for kind in ["queries per second", "QPS", "每秒查询数"] {
        let param = format!("kind={kind}");
        assert_eq!(
            csv_rows(&store, &["metrics", "--param", &param]),
            by_name,
            "{kind}"
        );
    }
    let other = csv_rows(&store, &["colleagues", "--param", "person=bo wang"]);
    assert_eq!(other.len(), 1, "{other:?}");
    assert_eq!(other[0][1], "Alice Chen");

    let rows = csv_rows(&store, &["colleagues"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let mut pair = [rows[0][0].clone(), rows[0][1].clone()];
    pair.sort();
    assert_eq!(pair, ["Alice Chen".to_owned(), "Bo Wang".to_owned()]);
    assert_eq!(rows[0][2], "Tencent");
    assert_eq!(rows[0][3], "dates overlap");

    let rows = csv_rows(&store, &["people"]);
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Alice Chen", "Senior Backend Engineer", "ByteDance"),
            ("Bo Wang", "Staff Engineer", "Alibaba"),
            ("Carla Mendes", "Senior Software Engineer", "Google"),
        ]
    );
}

#[test]
fn reingest_is_a_noop_and_changed_file_replaces_its_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("cv.resume.json");
    let original = std::fs::read_to_string(examples().join("bo-wang.resume.json")).unwrap();
    std::fs::write(&input, &original).unwrap();
    bin(&store).arg("ingest").arg(&input).assert().success();
    let before = stats(&store);
    bin(&store)
        .arg("ingest")
        .arg(&input)
        .assert()
        .success()
        .stderr(predicates_unchanged());
    assert_eq!(stats(&store), before, "re-ingest changed the store");

    std::fs::write(
        &input,
        original.replace("Staff Engineer", "Principal Engineer"),
    )
    .unwrap();
    bin(&store).arg("ingest").arg(&input).assert().success();
    let after = stats(&store);
    assert_eq!(after["documents"], 1);
    assert_eq!(after["people"], 1);
    assert_eq!(after["triples"], before["triples"]);
    let rows = csv_rows(&store, &["people"]);
    assert_eq!(rows[0][2], "Principal Engineer");
}

fn predicates_unchanged() -> impl predicates::Predicate<str> {
    predicates::str::contains("1 unchanged")
}

#[test]
fn hostile_parameter_values_are_bound_as_literals() {
    let (_d, store) = ingested_store();
    let before = stats(&store);
    for hostile in [
        r#"Tencent" } ; DROP ALL ; SELECT * { ?a ?b ""#,
        "Tencent } UNION { ?person a ?x }",
        "SELECT WHERE FILTER OPTIONAL",
        "' OR 1=1 --",
    ] {
        let rows = csv_rows(&store, &["worked-at", "--param", &format!("org={hostile}")]);
        assert!(rows.is_empty(), "{hostile:?} matched {rows:?}");
    }
    // A typed parameter rejects non-numbers instead of splicing them.
    bin(&store)
        .args(["query", "go-qps-10k", "--param", "min=0) || true || (1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a decimal"));
    bin(&store)
        .args(["query", "worked-at", "--param", "nosuch=1"])
        .assert()
        .code(2);
    assert_eq!(stats(&store), before);
}

#[test]
fn result_formats_parse_with_real_parsers() {
    let (_d, store) = ingested_store();
    let run = |fmt: &str| {
        let out = bin(&store)
            .args(["query", "worked-at", "--format", fmt])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON results");
    assert_eq!(json["head"]["vars"][1], "name");
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 2);

    let tsv = run("tsv");
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0].split('\t').nth(1), Some("?name"));
    assert_eq!(lines.len(), 3);

    let xml = run("xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut results = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"result" => results += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(results, 2);

    let table = run("table");
    assert!(table.lines().next().unwrap().contains("name"));
    assert!(table.contains("Alice Chen"));
}

#[test]
fn construct_and_ad_hoc_queries_from_stdin_and_files() {
    let (d, store) = ingested_store();
    let out = bin(&store)
        .args(["query", "-", "--format", "csv"])
        .write_stdin("PREFIX cg: <https://w3id.org/careergraph/ont#> SELECT (COUNT(?p) AS ?n) WHERE { ?p a cg:Person }")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().nth(1),
        Some("3")
    );

    let file = d.path().join("q.rq");
    std::fs::write(
        &file,
        "PREFIX cg: <https://w3id.org/careergraph/ont#>\nCONSTRUCT { ?p a cg:Person } WHERE { ?p a cg:Person }",
    )
    .unwrap();
    let out = bin(&store).arg("query").arg(&file).output().unwrap();
    assert!(out.status.success());
    let turtle = String::from_utf8(out.stdout).unwrap();
    assert_eq!(turtle.matches("cg:Person").count(), 3, "{turtle}");

    bin(&store)
        .args(["query", "-"])
        .write_stdin("SELECT ?x WHERE { ?x ?y }")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("syntax error"));
}

#[test]
fn nquads_export_reloads_to_the_same_triple_count() {
    let (d, store) = ingested_store();
    let fresh = common::reload_dump(&store, d.path());
    assert_eq!(stats(&fresh)["triples"], stats(&store)["triples"]);
    assert_eq!(stats(&fresh)["people"], 3);
    // The same answers come back from the reloaded store.
    assert_eq!(
        csv_rows(&fresh, &["go-qps-10k"]),
        csv_rows(&store, &["go-qps-10k"])
    );

    // Gzip by extension, and every triple format parses back.
    let gz = d.path().join("dump.nq.gz");
    bin(&store)
        .args(["export", "--out"])
        .arg(&gz)
        .assert()
        .success();
    let bytes = std::fs::read(&gz).unwrap();
    assert_eq!(&bytes[..2], b"\x1f\x8b");
    for fmt in ["turtle", "ntriples", "trig", "rdfxml"] {
        let out = bin(&store)
            .args(["export", "--format", fmt])
            .output()
            .unwrap();
        assert!(out.status.success(), "{fmt}");
        assert!(!out.stdout.is_empty(), "{fmt}");
    }
}

#[test]
fn bad_inputs_are_reported_and_the_rest_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let png = dir.path().join("photo.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let not_resume = dir.path().join("config.json");
    std::fs::write(&not_resume, br#"{"port": 8080}"#).unwrap();
    bin(&store)
        .arg("ingest")
        .arg(examples().join("alice-chen.resume.json"))
        .arg(&png)
        .arg(&not_resume)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "photo.txt: binary content (PNG image)",
        ))
        .stderr(predicates::str::contains(
            "config.json: JSON, but not a JSON Resume",
        ))
        .stderr(predicates::str::contains("missing.txt: no such file"))
        .stderr(predicates::str::contains("1 added"))
        .stderr(predicates::str::contains("3 failed"));
    assert_eq!(stats(&store)["people"], 1);
}

#[test]
fn every_verb_has_help_with_an_example() {
    for verb in ["ingest", "extract", "query", "queries", "export", "stats"] {
        let out = Command::cargo_bin("careergraph")
            .unwrap()
            .args([verb, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{verb}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Example"), "{verb} --help has no example");
    }
    Command::cargo_bin("careergraph")
        .unwrap()
        .arg("frobnicate")
        .assert()
        .code(2);
}

#[test]
fn queries_lists_names_descriptions_and_parameters() {
    let out = Command::cargo_bin("careergraph")
        .unwrap()
        .arg("queries")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["go-qps-10k", "worked-at", "knows", "colleagues", "people"] {
        assert!(text.lines().any(|l| l == name), "{name} missing");
    }
    assert!(text.contains("--param min=… (decimal, default 10000)"));
}

#[test]
fn read_only_commands_do_not_create_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("absent");
    bin(&store)
        .args(["query", "people"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no store at"));
    assert!(!store.exists());
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    // `careergraph export … | head -1`: the pipe closes while output is still being written.
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("db");
    let corpus = dir.path().join("corpus");
    common::generate(&corpus, 150, 7);
    bin(&store).arg("ingest").arg(&corpus).assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("careergraph"))
        .env("CAREERGRAPH_STORE", &store)
        .args(["export", "--format", "nquads"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    {
        use std::io::BufRead;
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut first)
            .expect("a line");
    } // The reader is gone: every later write fails with a broken pipe.
    let out = child.wait_with_output().expect("wait");
    assert!(first.ends_with(" .\n"), "{first:?}");
    assert!(
        out.status.success(),
        "exit {:?}, stderr {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
