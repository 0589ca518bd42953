//! The same résumé gives the same record whatever the format: each text fixture rendered to
//! DOCX, HTML and PDF (`tests/fixtures/render/render.py`, outputs committed under
//! `tests/fixtures/rendered/`) must extract to the same positions (organisation, title,
//! dates), education, skills and metrics as the text itself. Also: layout fixtures (a table
//! DOCX, a text-box DOCX, a rich HTML page) and bad files (one-line errors, no panic).

mod common;

use careergraph::ingest::{extract_record, InputFormat};
use careergraph::model::CareerRecord;
use careergraph::read::{self, ReadError};
#[cfg(feature = "disk")]
use common::bin;
use common::fixtures;
use std::collections::BTreeSet;
use std::path::Path;

/// Text fixtures rendered in every format.
const RENDERED: &[&str] = &[
    "en-bullets.txt",
    "en-pipes.txt",
    "bilingual.txt",
    "gbk-resume.txt",
    "utf16-resume.txt",
    "utf8-bom.txt",
];

fn record_of(path: &Path) -> CareerRecord {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let format = InputFormat::from_path(path).unwrap_or(InputFormat::Text);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    extract_record(name, format, &bytes).unwrap_or_else(|e| panic!("extract {name}: {e}"))
}

/// The facts the formats must agree on, as sorted strings.
fn facts(r: &CareerRecord) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in &r.positions {
        out.insert(format!(
            "position {} | {} | {} | {}",
            p.organization_label.as_deref().unwrap_or(&p.organization),
            p.title.as_deref().unwrap_or(""),
            p.start.as_deref().unwrap_or(""),
            if p.current {
                "open"
            } else {
                p.end.as_deref().unwrap_or("")
            }
        ));
    }
    for e in &r.education {
        out.insert(format!(
            "education {} | {:?} | {} | {}",
            e.institution_label.as_deref().unwrap_or(&e.institution),
            e.degree_level,
            e.start.as_deref().unwrap_or(""),
            e.end.as_deref().unwrap_or("")
        ));
    }
    for s in &r.skills {
        out.insert(format!("skill {}", s.name));
    }
    let metrics = r
        .metrics
        .iter()
        .chain(r.positions.iter().flat_map(|p| {
            p.metrics
                .iter()
                .chain(p.projects.iter().flat_map(|pr| pr.metrics.iter()))
        }))
        .chain(r.projects.iter().flat_map(|p| p.metrics.iter()));
    for m in metrics {
        out.insert(format!("metric {} {}", m.kind, m.value));
    }
    out
}

fn rendered(name: &str) -> std::path::PathBuf {
    fixtures().join("rendered").join(name)
}

/// Whether this build reads PDFs (the PDF reader is a separate piece of the read stage).
fn reads_pdf() -> bool {
    let bytes = std::fs::read(rendered("en-bullets.pdf")).expect("rendered PDF");
    !matches!(
        read::read(&bytes, Some("pdf")),
        Err(ReadError::Unsupported(_))
    )
}

#[test]
fn renderings_extract_like_the_text() {
    let mut formats = vec!["docx", "html"];
    if reads_pdf() {
        formats.push("pdf");
    }
    let mut problems = Vec::new();
    for file in RENDERED {
        let text = facts(&record_of(&fixtures().join(file)));
        assert!(text.len() > 5, "{file}: {text:?}");
        let stem = file.trim_end_matches(".txt");
        for ext in &formats {
            let name = format!("{stem}.{ext}");
            let got = facts(&record_of(&rendered(&name)));
            let mut missing: Vec<_> = text.difference(&got).collect();
            let mut extra: Vec<_> = got.difference(&text).collect();
            if name == "gbk-resume.html" || name == "gbk-resume.pdf" {
                // HTML (and the PDF printed from it) collapses the 4-space column gaps of `2014.09 - 2018.06    哈尔滨工业大学
                // 计算机科学与技术    本科` to single spaces (a browser shows one space too),
                // so the degree column is no longer a column of its own.
                missing.retain(|f| !f.starts_with("education "));
                extra.retain(|f| !f.starts_with("education "));
            }
            if !missing.is_empty() || !extra.is_empty() {
                problems.push(format!("{name}: missing {missing:?}, extra {extra:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn records_name_their_format() {
    assert_eq!(record_of(&rendered("en-bullets.docx")).format, "docx");
    assert_eq!(record_of(&rendered("en-bullets.html")).format, "html");
    assert_eq!(record_of(&fixtures().join("en-bullets.txt")).format, "text");
}

#[test]
fn table_layout_docx_reads_row_by_row_without_duplicates() {
    let bytes = std::fs::read(rendered("table-layout-zh.docx")).expect("fixture");
    let doc = read::read(&bytes, Some("docx")).expect("read");
    assert_eq!(doc.text.matches("工作经历").count(), 1, "{}", doc.text);
    assert_eq!(
        doc.text.matches("后端开发工程师").count(),
        2,
        "{}",
        doc.text
    );
    // The vertically merged label cell is read once; the rows keep their order.
    let work = doc.text.find("工作经历").expect("label");
    let tencent = doc.text.find("腾讯").expect("second position");
    assert!(work < tencent, "{}", doc.text);
    let r = record_of(&rendered("table-layout-zh.docx"));
    assert!(facts(&r).contains("metric qps 80000"), "{:?}", facts(&r));
}

#[test]
fn text_box_docx_reads_the_box_once() {
    let bytes = std::fs::read(rendered("textbox-sidebar.docx")).expect("fixture");
    let doc = read::read(&bytes, None).expect("read");
    assert_eq!(
        doc.text.matches("Go, Kotlin, PostgreSQL").count(),
        1,
        "{}",
        doc.text
    );
    assert!(doc.lines.iter().any(|l| l.heading_level == Some(1)));
    let r = record_of(&rendered("textbox-sidebar.docx"));
    let f = facts(&r);
    assert!(f.iter().any(|s| s.starts_with("position Amazon")), "{f:?}");
    assert!(f.contains("metric qps 25000"), "{f:?}");
    assert!(f.contains("skill Kotlin"), "{f:?}");
}

#[test]
fn rich_html_drops_scripts_and_hidden_text_and_keeps_links() {
    let bytes = std::fs::read(rendered("rich-resume.html")).expect("fixture");
    let doc = read::read(&bytes, Some("html")).expect("read");
    assert!(!doc.text.contains("not text"), "{}", doc.text);
    assert!(!doc.text.contains("keyword stuffing"), "{}", doc.text);
    assert!(!doc.text.contains("Enable JavaScript"), "{}", doc.text);
    assert!(doc
        .text
        .contains("Google | Site Reliability Engineer | 2019.05 - Present"));
    let r = record_of(&rendered("rich-resume.html"));
    let person = r.person.clone().expect("person");
    assert_eq!(person.name, "Noah Berg");
    let f = facts(&r);
    assert!(f.contains("metric qps 120000"), "{f:?}");
    assert!(!f.contains("skill Java"), "{f:?}");
    assert!(
        f.iter()
            .any(|s| s.starts_with("position Google | Site Reliability Engineer")),
        "{f:?}"
    );
}

/// Each bad fixture: a one-line message naming the problem, no panic.
#[test]
fn bad_files_are_clear_errors() {
    let expect: &[(&str, &str)] = &[
        ("zip-bomb.docx", "over the decompression limit"),
        ("legacy.doc", "legacy Word .doc: save it as DOCX or PDF"),
    ];
    for (file, needle) in expect {
        let path = rendered(&format!("bad/{file}"));
        let bytes = std::fs::read(&path).expect("fixture");
        let started = std::time::Instant::now();
        let err = extract_record(file, InputFormat::from_path(&path).expect("known"), &bytes)
            .expect_err(file)
            .to_string();
        assert!(err.contains(needle), "{file}: {err}");
        assert!(!err.contains('\n'), "{file}: {err}");
        assert!(
            started.elapsed().as_secs() < 5,
            "{file} took {:?}",
            started.elapsed()
        );
    }
    for (file, needle) in [
        ("truncated.pdf", "truncated PDF"),
        ("encrypted-password.pdf", "needs a password"),
        ("image-only.pdf", "no text layer"),
    ] {
        let path = rendered(&format!("bad/{file}"));
        let bytes = std::fs::read(&path).expect("fixture");
        let err = extract_record(file, InputFormat::from_path(&path).expect("known"), &bytes)
            .expect_err(file)
            .to_string();
        assert!(err.contains(needle) && !err.contains('\n'), "{file}: {err}");
    }
}

/// `ingest` and `extract` name every skipped or failed file and go on with the rest.
#[cfg(feature = "disk")]
#[test]
fn cli_reports_skipped_and_failed_files_and_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("mkdir");
    for f in [
        "bad/zip-bomb.docx",
        "bad/legacy.doc",
        "en-pipes.docx",
        "utf8-bom.html",
    ] {
        let name = Path::new(f).file_name().expect("name");
        std::fs::copy(rendered(f), inputs.join(name)).expect("copy");
    }
    std::fs::write(inputs.join("photo.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    std::fs::write(inputs.join(".hidden.txt"), b"not an input").expect("write");
    let store = dir.path().join("db");
    let out = bin(&store)
        .arg("ingest")
        .arg(&inputs)
        .output()
        .expect("ingest");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("failed ")
            && err
                .contains("zip-bomb.docx: DOCX: word/document.xml is over the decompression limit"),
        "{err}"
    );
    assert!(
        err.contains("skipped ")
            && err.contains("legacy.doc: legacy Word .doc: save it as DOCX or PDF"),
        "{err}"
    );
    assert!(
        err.contains("photo.png: not a résumé or RDF file (.png)"),
        "{err}"
    );
    assert!(!err.contains(".hidden"), "{err}");
    assert!(
        err.contains("2 added") && err.contains("2 skipped, 1 failed"),
        "{err}"
    );

    let out = bin(&store)
        .args(["extract", "--format", "jsonl"])
        .arg(&inputs)
        .output()
        .expect("extract");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    assert!(
        err.contains("skipped ") && err.contains("legacy.doc"),
        "{err}"
    );
    assert!(err.contains("photo.png"), "{err}");

    // A folder with nothing readable is not a success either.
    let junk = dir.path().join("junk");
    std::fs::create_dir(&junk).expect("mkdir");
    std::fs::write(junk.join("a.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    let out = bin(&store)
        .args(["extract"])
        .arg(&junk)
        .output()
        .expect("extract");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("skipped ") && err.contains("a.png"), "{err}");
}

/// Evidence of a PDF records its page and bounding box in the graph (`cg:page`,
/// `cg:boundingBox`), queryable with SPARQL; text formats record neither; the store validates.
#[cfg(feature = "disk")]
#[test]
fn pdf_evidence_pages_are_in_the_graph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("db");
    bin(&store)
        .arg("ingest")
        .arg(rendered("two-page.pdf"))
        .arg(fixtures().join("en-bullets.txt"))
        .assert()
        .success();
    let query = |sparql: &str| -> Vec<Vec<String>> {
        let out = bin(&store)
            .args(["query", "-", "--format", "csv"])
            .write_stdin(format!(
                "PREFIX cg: <https://w3id.org/careergraph/ont#>\n\
                 PREFIX oa: <http://www.w3.org/ns/oa#>\n{sparql}"
            ))
            .output()
            .expect("query");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        reader
            .records()
            .map(|r| r.expect("CSV row").iter().map(str::to_owned).collect())
            .collect()
    };
    // The education section was forced onto page 2 by the renderer; the positions are on page 1.
    let rows = query(
        "SELECT ?org ?page ?box WHERE { ?ed a cg:EducationRecord ; cg:organizationText ?org ; \
         cg:evidence ?e . ?e cg:page ?page ; cg:boundingBox ?box }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][0], "KTH Royal Institute of Technology");
    assert_eq!(rows[0][1], "2");
    let bbox: Vec<f64> = rows[0][2]
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    // An A4 page is 595 × 842 points; the line sits near the top of page 2 (16 mm margin).
    assert_eq!(bbox.len(), 4, "{rows:?}");
    assert!(bbox[0] < bbox[2] && bbox[1] < bbox[3], "{bbox:?}");
    assert!(bbox[0] >= 0.0 && bbox[2] <= 595.5 && bbox[3] > 700.0 && bbox[3] <= 842.0);
    let rows = query(
        "SELECT ?org ?page WHERE { ?p a cg:Position ; cg:organizationText ?org ; \
         cg:evidence/cg:page ?page } ORDER BY ?org",
    );
    assert_eq!(
        rows,
        vec![
            vec!["Adventure Works".to_owned(), "1".to_owned()],
            vec!["Fabrikam Logistics".to_owned(), "1".to_owned()],
        ]
    );
    // The text fixture's evidence has no page and no box.
    let rows = query(
        "SELECT (COUNT(?e) AS ?n) (COUNT(?page) AS ?paged) WHERE { ?e a cg:Evidence ; \
         cg:inDocument/cg:path ?path . OPTIONAL { ?e cg:page ?page } \
         FILTER(STRENDS(?path, \"en-bullets.txt\")) }",
    );
    assert_ne!(rows[0][0], "0", "{rows:?}");
    assert_eq!(rows[0][1], "0", "{rows:?}");
    bin(&store).arg("validate").assert().success();
}
