//! Read-stage throughput, single thread: PDF pages/s, DOCX, HTML and text documents/s over the
//! rendered fixtures (`tests/fixtures/rendered/`, fictional), each alone (bytes → `Document`)
//! and through the whole CLI path (read → extraction, as `careergraph extract` runs it).
//!
//! `cargo bench --no-default-features --bench read` (env `BENCH_SECS`, seconds per row,
//! default 2). The files are loaded before timing; every file is read at least once per row.

use careergraph::ingest::{extract_record, InputFormat};
use careergraph::read::{self, Document, ReadError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixture(dir: &str, name: &str) -> (String, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name.to_owned(), bytes)
}

fn rendered(ext: &str, except: &[&str]) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rendered");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/rendered")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| !except.iter().any(|x| p.ends_with(x)))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| fixture("rendered", &p.file_name().unwrap().to_string_lossy()))
        .collect()
}

/// Pages of a read document (1 for formats without pages).
fn pages(doc: &Document) -> usize {
    doc.lines
        .iter()
        .filter_map(|l| l.page)
        .max()
        .map_or(1, |p| p as usize)
}

/// Run `f` over every file, round after round, for at least `budget`; returns
/// (rounds, seconds).
fn timed(
    files: &[(String, Vec<u8>)],
    budget: Duration,
    mut f: impl FnMut(&str, &[u8]),
) -> (usize, f64) {
    let started = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || started.elapsed() < budget {
        for (name, bytes) in files {
            f(name, bytes);
        }
        rounds += 1;
    }
    (rounds, started.elapsed().as_secs_f64())
}

fn row(
    label: &str,
    files: &[(String, Vec<u8>)],
    budget: Duration,
    reader: fn(&[u8]) -> Result<Document, ReadError>,
    format: InputFormat,
) {
    let docs: Vec<Document> = files
        .iter()
        .map(|(n, b)| reader(b).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect();
    let pages_per_round: usize = docs.iter().map(pages).sum();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let (rounds, secs) = timed(files, budget, |_, b| {
        let _ = std::hint::black_box(reader(b));
    });
    let n = (rounds * files.len()) as f64;
    println!(
        "read/{label:<14} {:>3} files {:>4} pages  {:>8.0} docs/s  {:>8.0} pages/s  {:>7.2} ms/doc  {:>6.1} MB/s  (read only)",
        files.len(),
        pages_per_round,
        n / secs,
        (rounds * pages_per_round) as f64 / secs,
        secs * 1e3 / n,
        (rounds * bytes) as f64 / secs / 1e6,
    );
    let (rounds, secs) = timed(files, budget, |name, b| {
        let _ = std::hint::black_box(extract_record(name, format, b));
    });
    let n = (rounds * files.len()) as f64;
    println!(
        "read/{label:<14} {:>3} files {:>4} pages  {:>8.0} docs/s  {:>8.0} pages/s  {:>7.2} ms/doc  {:>6.1} MB/s  (read + extract)",
        files.len(),
        pages_per_round,
        n / secs,
        (rounds * pages_per_round) as f64 / secs,
        secs * 1e3 / n,
        (rounds * bytes) as f64 / secs / 1e6,
    );
}

fn main() {
    let secs: f64 = std::env::var("BENCH_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2.0);
    let budget = Duration::from_secs_f64(secs);
    // Warm-up: vocabularies are parsed once per process.
    let _ = extract_record("warmup.txt", InputFormat::Text, b"Warm Up\nEngineer");

    let resumes = rendered("pdf", &["long-500-pages.pdf"]);
    let pdf = InputFormat::from_path(Path::new("x.pdf")).expect("pdf format");
    row("pdf-resumes", &resumes, budget, read::read_pdf, pdf);
    let long = vec![fixture("rendered", "long-500-pages.pdf")];
    row("pdf-500-pages", &long, budget, read::read_pdf, pdf);
    let docx = InputFormat::from_path(Path::new("x.docx")).expect("docx format");
    row(
        "docx",
        &rendered("docx", &[]),
        budget,
        read::read_docx,
        docx,
    );
    let html = InputFormat::from_path(Path::new("x.html")).expect("html format");
    row(
        "html",
        &rendered("html", &[]),
        budget,
        read::read_html,
        html,
    );
    let texts: Vec<(String, Vec<u8>)> = [
        "en-bullets.txt",
        "en-pipes.txt",
        "bilingual.txt",
        "gbk-resume.txt",
        "utf16-resume.txt",
        "utf8-bom.txt",
        "zh-resume.txt",
        "en-markdown.md",
    ]
    .iter()
    .map(|n| fixture("", n))
    .collect();
    row("text", &texts, budget, read::decode, InputFormat::Text);
}
