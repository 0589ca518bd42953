//! Reliability and privacy guarantees, each with a test that fails if it breaks:
//! bad inputs are reported and skipped, limits are enforced, a SIGKILL mid-ingest leaves
//! only complete documents, a second writer gets a clear message, contact details are
//! never stored by default, `forget` leaves nothing behind, queries time out cleanly.

mod common;
use careergraph::ingest::{extract_record, InputFormat};
use careergraph::map::{record_to_quads, MapOptions};
use common::{bin, fixture_files, fixtures, stats, SALT};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A corpus of hostile inputs: (file name, bytes, expected message fragment).
fn bad_corpus(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    let mut put = |name: &str, bytes: Vec<u8>, expect: &'static str| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        out.push((p, expect));
    };
    put("empty.txt", Vec::new(), "the file is empty");
    put("blank.md", b" \n\t\n".to_vec(), "the file is empty");
    put(
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
        "PNG image",
    );
    put(
        "archive.txt",
        b"PK\x03\x04\x14\0\0\0\x08\0".to_vec(),
        "damaged ZIP",
    );
    put(
        "program.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0".to_vec(),
        "ELF executable",
    );
    put(
        "nul.txt",
        b"Jane Doe\nEngineer\0\0\0 at Example".to_vec(),
        "NUL bytes",
    );
    let mut bad_bom = vec![0xFF, 0xFE];
    bad_bom.extend_from_slice(&[0x41, 0x00, 0x00, 0xD8]); // unpaired surrogate
    put("bad-utf16.txt", bad_bom, "byte-order mark");
    put(
        "not-resume.json",
        br#"{"port": 8080, "debug": true}"#.to_vec(),
        "not a JSON Resume",
    );
    put(
        "broken.json",
        b"{\"basics\": {\"name\": ".to_vec(),
        "invalid JSON",
    );
    put("huge.txt", vec![b'a'; 5 * 1024 * 1024], "over the limit");
    out
}

#[test]
fn bad_inputs_get_one_line_errors_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let bad = bad_corpus(&inputs);
    // Inputs that must be accepted without a crash (decoded, possibly classified "other").
    let mut invalid_utf8 = "Jane Doe\nSenior Engineer at Example Corp 2019 - 2021\n"
        .as_bytes()
        .to_vec();
    invalid_utf8.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x82]);
    std::fs::write(inputs.join("latin1ish.txt"), invalid_utf8).unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS
        .encode("履歴書\n山田太郎\n株式会社テスト 2019年4月～2021年3月 エンジニア");
    std::fs::write(inputs.join("shift-jis.txt"), sjis).unwrap();
    let many_lines: String = (0..100_000).map(|i| format!("- item {i}\n")).collect();
    std::fs::write(inputs.join("lines.txt"), many_lines).unwrap();
    let long_line = "Kafka Redis 10K QPS ".repeat(50_000); // ≈ 1 MB, one line
    std::fs::write(inputs.join("long-line.txt"), long_line).unwrap();
    let nested: String = (1..=200)
        .map(|d| format!("{} level {d}\n", "#".repeat(d.min(6))))
        .chain((0..500).map(|d| format!("{}- nested {d}\n", "  ".repeat(d))))
        .collect();
    std::fs::write(inputs.join("nested.md"), nested).unwrap();
    std::fs::copy(fixtures().join("en-bullets.txt"), inputs.join("good.txt")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&inputs, inputs.join("loop")).unwrap();

    let store = dir.path().join("db");
    let out = bin(&store)
        .args([
            "ingest",
            "--max-file-size",
            "4000000",
            "--time-budget",
            "600",
        ])
        .arg(&inputs)
        .timeout(Duration::from_secs(600))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (path, expect) in &bad {
        let name = path.file_name().unwrap().to_string_lossy();
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("/{name}:")))
            .unwrap_or_else(|| panic!("no error line for {name}:\n{stderr}"));
        assert!(line.contains(expect), "{name}: {line}");
    }
    #[cfg(unix)]
    assert!(stderr.contains("symlink loop"), "{stderr}");
    let failed = bad.len() + usize::from(cfg!(unix));
    assert!(
        stderr.contains(&format!("{failed} failed")),
        "summary should count {failed} failures:\n{stderr}"
    );
    // Everything else was ingested (or classified as not a résumé) without a crash.
    let s = stats(&store);
    assert!(s["documents"].as_u64().unwrap() >= 4, "{s}");
    let out = bin(&store)
        .args([
            "query",
            "worked-at",
            "--param",
            "org=Kuaishou",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Priya Raman"));
}

#[test]
fn documents_over_the_time_budget_are_reported_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .args(["ingest", "--time-budget", "0.000001"])
        .arg(fixtures().join("en-bullets.txt"))
        .assert()
        .code(1)
        .stderr(contains("longer than the"))
        .stderr(contains("1 failed"));
    assert_eq!(stats(&store)["documents"], 0);
}

/// Expected quads of a document as the store holds it: the mapping plus its path triple.
fn expected_len(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let fmt = InputFormat::from_path(path).unwrap();
    let record = extract_record(&path.display().to_string(), fmt, &bytes).unwrap();
    let opts = MapOptions::new(careergraph::ns::DEFAULT_BASE, SALT, false).unwrap();
    record_to_quads(&record, &opts).unwrap().len() + 1
}

#[cfg(unix)]
#[test]
fn sigkill_mid_transactional_ingest_leaves_only_complete_documents() {
    sigkill_mid_ingest(&["--bulk-threshold", "1000000", "--batch", "2"]);
}

#[cfg(unix)]
#[test]
fn sigkill_mid_bulk_ingest_leaves_only_complete_documents() {
    sigkill_mid_ingest(&["--bulk-threshold", "0", "--batch", "4"]);
}

/// Kill an ingest run with `mode` arguments once some documents are committed; the store
/// must reopen with only complete documents and no leftover bulk files, and a second run
/// must complete the rest.
#[cfg(unix)]
fn sigkill_mid_ingest(mode: &[&str]) {
    use careergraph::store::CareerStore;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let sources: Vec<PathBuf> = [
        "en-bullets.txt",
        "zh-resume.txt",
        "en-pipes.txt",
        "bilingual.txt",
    ]
    .iter()
    .map(|f| fixtures().join(f))
    .collect();
    let mut files = Vec::new();
    for attempt in 0..3 {
        let n = 160 << attempt;
        for i in files.len()..n {
            let p = inputs.join(format!("doc{i:05}.txt"));
            let mut text = std::fs::read_to_string(&sources[i % sources.len()]).unwrap();
            text.push_str(&format!("\nReference {i}\n"));
            std::fs::write(&p, text).unwrap();
            files.push(p);
        }
        let store = dir.path().join(format!("db{attempt}"));
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("careergraph"))
            .env("CAREERGRAPH_SALT", SALT)
            .arg("--store")
            .arg(&store)
            .args(["ingest", "--quiet"])
            .args(mode)
            .arg(&inputs)
            .spawn()
            .unwrap();
        // Kill once a few documents are committed (read-only opens work beside the writer).
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut committed = 0;
        while Instant::now() < deadline && committed < 6 {
            std::thread::sleep(Duration::from_millis(50));
            if let Ok(s) = CareerStore::open_read_only(&store) {
                committed = s.document_graphs().map(|g| g.len()).unwrap_or(0);
            }
        }
        if child.try_wait().unwrap().is_some() {
            continue; // finished before we could kill it: retry with more files
        }
        unsafe_kill(child.id());
        let _ = child.wait();

        // The store opens and holds only complete documents.
        let s = CareerStore::open(&store).expect("store reopens after SIGKILL");
        let leftovers: Vec<_> = std::fs::read_dir(&store)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("bulk-"))
            .collect();
        assert!(leftovers.is_empty(), "bulk files left: {leftovers:?}");
        let graphs = s.document_graphs().unwrap();
        if graphs.len() == files.len() {
            continue; // everything was committed before the kill landed: more files
        }
        assert!(!graphs.is_empty());
        // The index stamp goes before the first write: a killed run leaves no index
        // that answers (queries use SPARQL until the next write rebuilds it).
        assert!(
            s.valid_index().unwrap().is_none(),
            "a killed ingest left an index that claims to match the store"
        );
        for g in &graphs {
            let len = s.graph_len(g).unwrap();
            let path = stored_path(&s, g);
            assert_eq!(len, expected_len(Path::new(&path)), "incomplete graph {g}");
        }
        let stored = graphs.len();
        drop(s);
        // Re-running completes the rest.
        bin(&store)
            .arg("ingest")
            .arg(&inputs)
            .assert()
            .success()
            .stderr(contains(format!("{} added", files.len() - stored)))
            .stderr(contains(format!("{stored} unchanged")));
        assert_eq!(
            stats(&store)["documents"].as_u64().unwrap() as usize,
            files.len()
        );
        // The re-run rebuilt the index from the store, and it answers as SPARQL does.
        let s = CareerStore::open_read_only(&store).unwrap();
        assert!(s.valid_index().unwrap().is_some(), "index not rebuilt");
        drop(s);
        common::assert_index_agrees(&store);
        return;
    }
    panic!("ingest always finished before it could be killed");
}

/// SIGKILL at any moment of ingest and forget runs (including while the index file is
/// written): whenever the store then claims a valid index, it answers exactly as SPARQL;
/// the next complete run always leaves a valid index.
#[cfg(unix)]
#[test]
fn sigkill_at_any_moment_never_leaves_a_stale_index() {
    use careergraph::store::CareerStore;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let store = dir.path().join("db");
    common::generate(&inputs, 40, 3);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&inputs)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    bin(&store)
        .arg("ingest")
        .args(&files[..20])
        .assert()
        .success();
    let mut killed = 0;
    for (i, delay_ms) in [5u64, 30, 60, 90, 120, 160, 200, 260].iter().enumerate() {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("careergraph"));
        cmd.env("CAREERGRAPH_SALT", SALT).arg("--store").arg(&store);
        if i % 2 == 0 {
            cmd.args(["ingest", "--quiet"]).args(&files[20 + i..22 + i]);
        } else {
            cmd.arg("forget").arg(&files[i]);
        }
        let mut child = cmd
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*delay_ms));
        if child.try_wait().unwrap().is_none() {
            unsafe_kill(child.id());
            killed += 1;
        }
        let _ = child.wait();
        let s = CareerStore::open_read_only(&store).expect("store opens after SIGKILL");
        let valid = s.valid_index().expect("index readable").is_some();
        drop(s);
        if valid {
            common::assert_index_agrees(&store);
        }
    }
    assert!(killed > 0, "every run finished before the kill");
    bin(&store)
        .arg("ingest")
        .args(&files[..30])
        .assert()
        .success();
    let s = CareerStore::open_read_only(&store).unwrap();
    assert!(
        s.valid_index().unwrap().is_some(),
        "a complete run leaves a valid index"
    );
    drop(s);
    common::assert_index_agrees(&store);
}

#[cfg(unix)]
fn unsafe_kill(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn stored_path(s: &careergraph::store::CareerStore, g: &oxigraph::model::NamedNode) -> String {
    let p = oxigraph::model::NamedNode::new_unchecked(careergraph::ns::cg("path"));
    let q = s
        .inner()
        .quads_for_pattern(Some(g.as_ref().into()), Some(p.as_ref()), None, None)
        .next()
        .expect("every stored document has its path")
        .unwrap();
    match q.object {
        oxigraph::model::Term::Literal(l) => l.value().to_owned(),
        other => panic!("{other}"),
    }
}

#[test]
fn a_second_writer_gets_a_clear_message_and_readers_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .arg("ingest")
        .arg(fixtures().join("en-bullets.txt"))
        .assert()
        .success();
    // `ingest -` holds the store open while it waits for stdin.
    let mut holder = std::process::Command::new(assert_cmd::cargo::cargo_bin("careergraph"))
        .arg("--store")
        .arg(&store)
        .args(["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the holder has the store (it records its PID once it does).
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_to_string(store.join("careergraph.pid"))
        .ok()
        .as_deref()
        != Some(holder.id().to_string().as_str())
    {
        assert!(
            Instant::now() < deadline,
            "the holder never opened the store"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    bin(&store)
        .arg("ingest")
        .arg(fixtures().join("zh-resume.txt"))
        .assert()
        .code(2)
        .stderr(contains("is in use by another careergraph process"))
        .stderr(contains(format!("PID {}", holder.id())));
    // Read-only commands still work beside the writer.
    assert_eq!(stats(&store)["documents"], 1);
    let mut stdin = holder.stdin.take().unwrap();
    stdin
        .write_all(
            std::fs::read(fixtures().join("zh-resume.txt"))
                .unwrap()
                .as_slice(),
        )
        .unwrap();
    drop(stdin);
    assert!(holder.wait().unwrap().success());
    assert_eq!(stats(&store)["documents"], 2);
}

/// How many e-mails and phones the text fixtures print (the answer key's "Person:" lines).
const CONTACTS_IN_FIXTURES: usize = 18;

/// Contact details of all fixtures (as written in the files); a fixture that does not
/// extract fails the test.
fn fixture_contacts() -> Vec<String> {
    let mut out = Vec::new();
    for p in fixture_files() {
        let fmt = InputFormat::from_path(&p).unwrap_or_else(|| panic!("{}: format", p.display()));
        let r = extract_record("x", fmt, &std::fs::read(&p).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        if let Some(person) = r.person {
            out.extend(person.emails);
            out.extend(person.phones);
        }
    }
    out
}

#[test]
fn contacts_are_hashed_by_default_and_kept_only_on_request() {
    let contacts = fixture_contacts();
    // tests/fixtures/README.md: an e-mail and a phone in each résumé fixture except
    // zh-prose-bio.txt (no contact details); the key itself is not a fixture.
    assert_eq!(contacts.len(), CONTACTS_IN_FIXTURES, "{contacts:?}");
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .arg("ingest")
        .args(fixture_files())
        .assert()
        .success();
    let dump = bin(&store)
        .args(["export", "--format", "nquads"])
        .output()
        .unwrap()
        .stdout;
    let dump = String::from_utf8(dump).unwrap();
    for c in &contacts {
        assert!(!dump.contains(c.as_str()), "{c} leaked into the store");
    }
    assert!(dump.contains("emailHash"));
    let kept = dir.path().join("kept");
    bin(&kept)
        .arg("ingest")
        .arg("--keep-contacts")
        .args(fixture_files())
        .assert()
        .success();
    let dump = bin(&kept)
        .args(["export", "--format", "nquads"])
        .output()
        .unwrap()
        .stdout;
    let dump = String::from_utf8(dump).unwrap();
    assert!(contacts.iter().any(|c| dump.contains(c.as_str())));
}

#[test]
fn forget_removes_a_person_and_a_document_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .arg("ingest")
        .args(fixture_files())
        .assert()
        .success();
    let export = |store: &Path| {
        String::from_utf8(
            bin(store)
                .args(["export", "--format", "nquads"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
    };
    let before = export(&store);
    assert!(before.contains("Priya Raman"));
    let people_before = stats(&store)["people"].as_u64().unwrap();
    // By e-mail: matched through the salted hash.
    let email = fixture_contacts()
        .into_iter()
        .find(|c| c.starts_with("priya"))
        .expect("the en-bullets fixture has an e-mail");
    bin(&store)
        .args(["forget", &email])
        .assert()
        .success()
        .stderr(contains("forgot 1 person"));
    let after = export(&store);
    assert!(!after.contains("Priya Raman"), "name left behind");
    assert!(!after.contains("Priya"), "name part left behind");
    assert_eq!(stats(&store)["people"].as_u64().unwrap(), people_before - 1);
    // By document path.
    bin(&store)
        .arg("forget")
        .arg(fixtures().join("zh-resume.txt"))
        .assert()
        .success()
        .stderr(contains("forgot 1 document"));
    let after = export(&store);
    assert!(!after.contains("孙雨桐"));
    bin(&store)
        .args(["forget", "Nobody At All"])
        .assert()
        .code(2)
        .stderr(contains("no person or document"));
}

#[test]
fn queries_time_out_and_syntax_errors_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .arg("ingest")
        .args(fixture_files())
        .assert()
        .success();
    let started = Instant::now();
    bin(&store)
        .args(["query", "-", "--timeout", "1"])
        .write_stdin("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        .assert()
        .code(2)
        .stderr(contains("timeout").or(contains("cancel")));
    assert!(started.elapsed() < Duration::from_secs(30));
    bin(&store)
        .args(["query", "-"])
        .write_stdin("SELECT ?x\nWHERE {\n  ?x ?y \n}")
        .assert()
        .code(2)
        .stderr(contains("error at 4:"));
    // The table output stops at --limit and says so.
    bin(&store)
        .args(["query", "-", "--limit", "5"])
        .write_stdin("SELECT ?s WHERE { ?s ?p ?o }")
        .assert()
        .success()
        .stderr(contains("truncated at --limit 5"));
}

/// The quads of a store as sorted N-Quads lines (the meta graph, which holds the salt and
/// the vocabulary hash, aside).
fn sorted_nquads(store: &Path) -> Vec<String> {
    let out = bin(store)
        .args(["export", "--format", "nquads"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("/meta>"))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn bulk_and_transactional_ingest_store_the_same_quads() {
    let dir = tempfile::tempdir().unwrap();
    let tx = dir.path().join("tx");
    let bulk = dir.path().join("bulk");
    bin(&tx)
        .args(["ingest", "--bulk-threshold", "1000000"])
        .args(fixture_files())
        .assert()
        .success();
    // Small commits, so the run spans several bulk chunks.
    bin(&bulk)
        .args(["ingest", "--bulk-threshold", "0", "--batch", "3"])
        .args(fixture_files())
        .assert()
        .success();
    let (a, b) = (sorted_nquads(&tx), sorted_nquads(&bulk));
    assert!(a.len() > 1000, "{}", a.len());
    assert_eq!(a.len(), b.len());
    assert!(a == b, "bulk and transactional ingest differ");

    // In bulk mode too, a re-run changes nothing and a changed file replaces its graph.
    bin(&bulk)
        .args(["ingest", "--bulk-threshold", "0"])
        .args(fixture_files())
        .assert()
        .success()
        .stderr(contains(" 0 added"));
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    let file = copy.join("cv.txt");
    let mut text = std::fs::read_to_string(fixtures().join("en-bullets.txt")).unwrap();
    text.push_str("\nHobbies: chess\n");
    std::fs::write(&file, &text).unwrap();
    bin(&bulk)
        .args(["ingest", "--bulk-threshold", "0"])
        .arg(&copy)
        .assert()
        .success()
        .stderr(contains("1 added"));
    std::fs::write(&file, text.replace("chess", "sailing")).unwrap();
    let before = stats(&bulk)["documents"].as_u64().unwrap();
    bin(&bulk)
        .args(["ingest", "--bulk-threshold", "0"])
        .arg(&copy)
        .assert()
        .success()
        .stderr(contains("1 replaced"));
    assert_eq!(stats(&bulk)["documents"].as_u64().unwrap(), before);
}

/// Files of a directory under `fuzz/` (seeds or regressions of one target), sorted.
fn fuzz_inputs(dir: &str, target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(dir)
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"));
    files.sort();
    files
}

/// The rendered fixtures that `scripts/fuzz.sh` gives a reader target as whole-file seeds.
fn rendered_seeds(target: &str) -> Vec<PathBuf> {
    let Some(ext) = target
        .strip_prefix("read_")
        .filter(|e| ["pdf", "html"].contains(e))
    else {
        return Vec::new();
    };
    let dir = fixtures().join("rendered");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    files
}

/// The fuzz targets' bodies (`careergraph::fuzzing`) over the committed seed corpus, every
/// crash the fuzzers found (`fuzz/regressions/`) and the extraction fixtures, so plain
/// `cargo test` on a stable toolchain keeps covering them (`scripts/fuzz.sh` runs the
/// real fuzzers).
#[test]
fn fuzz_seeds_and_found_crashes_replay_cleanly() {
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 6] = [
        ("extract", careergraph::fuzzing::extract),
        ("numbers", careergraph::fuzzing::numbers),
        ("dates", careergraph::fuzzing::dates),
        ("read_pdf", careergraph::fuzzing::pdf),
        ("read_docx", careergraph::fuzzing::docx),
        ("read_html", careergraph::fuzzing::html),
    ];
    for (name, body) in targets {
        let mut seeds = fuzz_inputs("seeds", name);
        seeds.extend(rendered_seeds(name));
        assert!(!seeds.is_empty(), "no seeds for the {name} target");
        for path in seeds.iter().chain(&fuzz_inputs("regressions", name)) {
            let bytes = std::fs::read(path).unwrap();
            let outcome = std::panic::catch_unwind(|| body(&bytes));
            assert!(outcome.is_ok(), "{name} fails on {}", path.display());
        }
    }
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    fixtures.sort();
    for path in fixtures {
        let bytes = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| careergraph::fuzzing::extract(&bytes));
        assert!(outcome.is_ok(), "extract fails on {}", path.display());
    }
}
