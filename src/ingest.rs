//! Inputs: walking paths, recognising formats, turning files into records or RDF,
//! and writing them to the store one document (one transaction) at a time.

use crate::extract;
use crate::jsonresume;
use crate::map::{self, MapOptions};
use crate::model::CareerRecord;
use crate::read;
use crate::store::{CareerStore, DocumentWrite, PutOutcome, StoreError};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What kind of input a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON Resume.
    JsonResume,
    /// Plain text résumé.
    Text,
    /// Markdown résumé.
    Markdown,
    /// A laid-out document (PDF, DOCX, ODT, RTF, HTML, legacy .doc): the read stage detects
    /// the format from its bytes; the extension is the fallback.
    Document(DocFormat),
    /// RDF, loaded as it is.
    Rdf(RdfFormat),
}

impl InputFormat {
    /// Format from a file extension; `None` for files a folder walk should skip.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => InputFormat::JsonResume,
            "txt" | "text" => InputFormat::Text,
            "md" | "markdown" => InputFormat::Markdown,
            "pdf" => InputFormat::Document(DocFormat::Pdf),
            "docx" => InputFormat::Document(DocFormat::Docx),
            "odt" => InputFormat::Document(DocFormat::Odt),
            "rtf" => InputFormat::Document(DocFormat::Rtf),
            "html" | "htm" | "xhtml" => InputFormat::Document(DocFormat::Html),
            "doc" => InputFormat::Document(DocFormat::Doc),
            "nt" => InputFormat::Rdf(RdfFormat::NTriples),
            "nq" => InputFormat::Rdf(RdfFormat::NQuads),
            "ttl" => InputFormat::Rdf(RdfFormat::Turtle),
            "trig" => InputFormat::Rdf(RdfFormat::TriG),
            "rdf" | "owl" => InputFormat::Rdf(RdfFormat::RdfXml),
            _ => return None,
        })
    }
}

/// Extensions of laid-out documents, for [`InputFormat::Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    /// `.pdf`
    Pdf,
    /// `.docx`
    Docx,
    /// `.odt`
    Odt,
    /// `.rtf`
    Rtf,
    /// `.html`, `.htm`
    Html,
    /// `.doc` (legacy Word; reported as unsupported unless its bytes are another format).
    Doc,
}

impl DocFormat {
    /// The extension it stands for (the read stage's hint).
    pub fn ext(self) -> &'static str {
        match self {
            DocFormat::Pdf => "pdf",
            DocFormat::Docx => "docx",
            DocFormat::Odt => "odt",
            DocFormat::Rtf => "rtf",
            DocFormat::Html => "html",
            DocFormat::Doc => "doc",
        }
    }
}

/// Why one input failed.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// I/O failure reading the file.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Larger than the configured limit.
    #[error("{size} bytes is over the limit of {limit} bytes (raise --max-file-size)")]
    TooLarge {
        /// File size.
        size: u64,
        /// Limit.
        limit: u64,
    },
    /// Not text.
    #[error("{0}")]
    Read(#[from] read::ReadError),
    /// The extractor failed on this input (a bug; the panic was contained).
    #[error("internal extractor error on this document (a bug: please report it with the file); the document was not stored")]
    Internal,
    /// Extraction took longer than the per-document budget.
    #[error("extraction took longer than the {0:?} budget (raise --time-budget); the document was not stored")]
    OverBudget(std::time::Duration),
    /// Not a JSON Resume.
    #[error("{0}")]
    JsonResume(#[from] jsonresume::JsonResumeError),
    /// Mapping failed.
    #[error("{0}")]
    Map(#[from] map::MapError),
    /// The store refused it.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl InputError {
    /// Whether the input is of a format careergraph does not read (a legacy `.doc`, a zip
    /// that is not DOCX/ODT): reported as skipped rather than failed.
    pub fn is_unsupported(&self) -> bool {
        matches!(self, InputError::Read(read::ReadError::Unsupported(_)))
    }
}

/// One file found by [`walk`], or a problem found while walking.
#[derive(Debug)]
pub enum Found {
    /// A file to process, with its format.
    File(PathBuf, InputFormat),
    /// A path that could not be walked (unreadable directory, symlink loop…).
    Error(PathBuf, String),
    /// A file skipped because its extension is not an input format.
    Skipped(PathBuf),
}

/// Expand files and folders (recursively, following symlinks, detecting loops) into
/// inputs. Files named explicitly with an unknown extension are read as text.
pub fn walk(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for root in paths {
        if root.as_os_str() == "-" {
            out.push(Found::File(root.clone(), InputFormat::Text));
            continue;
        }
        if !root.is_dir() {
            if !root.exists() {
                out.push(Found::Error(
                    root.clone(),
                    "no such file or directory".into(),
                ));
            } else {
                let fmt = InputFormat::from_path(root).unwrap_or(InputFormat::Text);
                out.push(Found::File(root.clone(), fmt));
            }
            continue;
        }
        // Hidden files and folders (`.git`, `.DS_Store`) are not inputs and not reported.
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => match InputFormat::from_path(e.path()) {
                    Some(fmt) => out.push(Found::File(e.into_path(), fmt)),
                    None => out.push(Found::Skipped(e.into_path())),
                },
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let msg = if err.loop_ancestor().is_some() {
                        "symlink loop".to_owned()
                    } else {
                        err.io_error()
                            .map_or_else(|| err.to_string(), |io| io.to_string())
                    };
                    out.push(Found::Error(path, msg));
                }
            }
        }
    }
    out
}

/// Why a folder walk skipped `path` (its extension is not an input format).
pub fn skip_reason(path: &Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!("not a résumé or RDF file (.{ext})"),
        None => "not a résumé or RDF file (no extension)".to_owned(),
    }
}

/// Read a whole input (a file, or stdin for `-`), enforcing the size limit.
pub fn read_input(path: &Path, max_size: u64) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().take(max_size + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > max_size {
            return Err(InputError::TooLarge {
                size: buf.len() as u64,
                limit: max_size,
            });
        }
        return Ok(buf);
    }
    let size = std::fs::metadata(path)?.len();
    if size > max_size {
        return Err(InputError::TooLarge {
            size,
            limit: max_size,
        });
    }
    Ok(std::fs::read(path)?)
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    map::hex(&Sha256::digest(bytes))
}

/// Turn the bytes of a résumé input into a record (no store involved).
pub fn extract_record(
    source: &str,
    format: InputFormat,
    bytes: &[u8],
) -> Result<CareerRecord, InputError> {
    let sha = sha256_hex(bytes);
    match format {
        InputFormat::JsonResume => {
            let mut record = jsonresume::parse(source, &sha, bytes)?;
            let doc = read::decode(bytes)?;
            extract::anchor_evidence(&mut record, &doc.text);
            Ok(record)
        }
        InputFormat::Text
        | InputFormat::Markdown
        | InputFormat::Rdf(_)
        | InputFormat::Document(_) => {
            let (kind, doc) = read_document(format, bytes)?;
            let fmt = match kind {
                read::Format::Text
                    if format == InputFormat::Markdown || looks_like_markdown(&doc.text) =>
                {
                    "markdown"
                }
                k => k.name(),
            };
            let mut record = extract::extract_text(source, &sha, &doc, fmt);
            set_pages(&mut record, &doc);
            Ok(record)
        }
    }
}

/// The read stage for one input: the format its bytes (then its extension) show, and the
/// document read from them.
fn read_document(
    format: InputFormat,
    bytes: &[u8],
) -> Result<(read::Format, read::Document), InputError> {
    let ext = match format {
        InputFormat::Document(d) => Some(d.ext()),
        _ => None,
    };
    let kind = read::detect(bytes, ext)?;
    Ok((kind, read::read_as(kind, bytes)?))
}

/// The text of a document as the read stage gives it to extraction (no extraction).
pub fn read_text(format: InputFormat, bytes: &[u8]) -> Result<String, InputError> {
    Ok(read_document(format, bytes)?.1.text)
}

/// Record the page (and the lines' bounding box, where the reader gave one) of every
/// evidence span of a paged document.
fn set_pages(record: &mut CareerRecord, doc: &read::Document) {
    if doc.lines.iter().all(|l| l.page.is_none()) {
        return;
    }
    extract::visit_evidence(record, &mut |ev| {
        let Some(e) = ev else { return };
        e.page = doc.page_at(e.start);
        let lines = doc
            .lines
            .iter()
            .filter(|l| l.end > e.start && l.start < e.end.max(e.start + 1));
        let mut bbox: Option<[f32; 4]> = None;
        for l in lines {
            if l.page != e.page {
                continue;
            }
            bbox = match (bbox, l.bbox) {
                (None, b) => b,
                (Some(a), Some(b)) => Some([
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ]),
                (a, None) => a,
            };
        }
        e.bbox = bbox;
    });
}

fn looks_like_markdown(text: &str) -> bool {
    text.lines()
        .take(200)
        .filter(|l| l.starts_with("## ") || l.starts_with("# ") || l.starts_with("### "))
        .count()
        >= 2
}

/// [`extract_record`] with a time budget: the extraction runs on a worker thread and
/// a document that overruns is reported instead of waited for (or silently cut short).
pub fn extract_with_budget(
    source: &str,
    format: InputFormat,
    bytes: Vec<u8>,
    budget: Duration,
) -> Result<CareerRecord, InputError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let source = source.to_owned();
    std::thread::Builder::new()
        .name("extract".into())
        .spawn(move || {
            let _ = tx.send(extract_record(&source, format, &bytes));
        })?;
    match rx.recv_timeout(budget) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(InputError::OverBudget(budget)),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(InputError::Internal),
    }
}

/// Settings of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Mapping options (base IRI, salt, contacts).
    pub map: MapOptions,
    /// Largest accepted file, in bytes.
    pub max_size: u64,
    /// Per-document extraction time budget.
    pub budget: Duration,
    /// Documents written per transaction (1 = one transaction per document).
    pub batch: usize,
    /// Runs with at least this many résumés write new documents with the bulk loader
    /// (atomic per chunk of `bulk_chunk` documents); smaller runs use transactions.
    /// `usize::MAX` never bulk-loads, 0 always does.
    pub bulk_threshold: usize,
    /// Documents per bulk-loader commit (each commit is atomic); see [`BULK_CHUNK`].
    pub bulk_chunk: usize,
}

/// Default documents per bulk-loader commit: ≈ 400 k quads, ≈ 200 MB in flight.
pub const BULK_CHUNK: usize = 1024;

/// Memory the bulk loader may use for one chunk, in MB (RocksDB's own memory aside).
const BULK_MEMORY_MB: usize = 256;

/// Default for [`IngestOptions::bulk_threshold`].
pub const DEFAULT_BULK_THRESHOLD: usize = 1000;

/// Outcome counts of an ingest run, plus the failures (path, message).
#[derive(Debug, Default, Clone)]
pub struct IngestReport {
    /// New document graphs.
    pub added: usize,
    /// Graphs replaced by a changed file at the same path.
    pub replaced: usize,
    /// Documents already stored with the same content.
    pub unchanged: usize,
    /// RDF files loaded as they are.
    pub loaded: usize,
    /// Files skipped: not an input format, or a format careergraph does not read (each
    /// also listed in `skipped_files`).
    pub skipped: usize,
    /// Skipped files with the reason, in input order.
    pub skipped_files: Vec<(PathBuf, String)>,
    /// Whether a skipped file was a document careergraph could not read (a `.doc`, an
    /// unknown zip), which makes the run partial (exit code 1).
    pub unsupported: usize,
    /// Failures, in input order.
    pub failed: Vec<(PathBuf, String)>,
    /// Quads written for résumé documents.
    pub quads: usize,
}

impl IngestReport {
    /// Add the counts and failures of `other` (a later part of the same run).
    pub fn merge(&mut self, other: IngestReport) {
        self.added += other.added;
        self.replaced += other.replaced;
        self.unchanged += other.unchanged;
        self.loaded += other.loaded;
        self.skipped += other.skipped;
        self.skipped_files.extend(other.skipped_files);
        self.unsupported += other.unsupported;
        self.failed.extend(other.failed);
        self.quads += other.quads;
    }
}

/// A résumé prepared for writing, or why it failed.
type Prepared = Result<DocumentWrite, InputError>;

fn prepare(path: &Path, format: InputFormat, opts: &IngestOptions) -> Prepared {
    let bytes = read_input(path, opts.max_size)?;
    let source = path.display().to_string();
    let record = extract_with_budget(&source, format, bytes, opts.budget)?;
    let mut quads = map::record_to_quads(&record, &opts.map)?;
    quads.extend(crate::derive::rdf::derived_quads(&record, &opts.map)?);
    let graph = NamedNode::new(map::document_iri(&opts.map.base, &record.sha256)).map_err(|e| {
        map::MapError::InvalidIri {
            iri: opts.map.base.clone(),
            reason: e.to_string(),
        }
    })?;
    let stored_path = (path.as_os_str() != "-").then(|| {
        std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string()
    });
    Ok(DocumentWrite {
        graph,
        path: stored_path,
        quads,
    })
}

/// Ingest files and folders: résumés are extracted in parallel (all cores) while a writer
/// thread stores the previous chunk, in transactions of `opts.batch` documents or, for
/// runs of at least `opts.bulk_threshold` résumés, with the bulk loader (one atomic
/// commit per `opts.bulk_chunk` documents); either way each document is complete or absent.
/// RDF files are loaded one transaction each. `progress(done, total)` is called as it goes.
pub fn ingest_paths(
    store: &CareerStore,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<IngestReport, StoreError> {
    use rayon::prelude::*;
    let mut report = IngestReport::default();
    let mut resumes: Vec<(PathBuf, InputFormat)> = Vec::new();
    let mut rdf: Vec<(PathBuf, RdfFormat)> = Vec::new();
    for found in walk(paths) {
        match found {
            Found::Skipped(p) => {
                report.skipped += 1;
                let why = skip_reason(&p);
                report.skipped_files.push((p, why));
            }
            Found::Error(p, msg) => report.failed.push((p, msg)),
            Found::File(p, InputFormat::Rdf(f)) => rdf.push((p, f)),
            Found::File(p, f) => resumes.push((p, f)),
        }
    }
    let total = resumes.len() + rdf.len();
    let mut done = 0;
    for (path, format) in &rdf {
        match load_rdf_file(store, path, *format, opts) {
            Ok(Outcome::Loaded(_)) => report.loaded += 1,
            Ok(Outcome::Stored(_)) => report.unchanged += 1,
            Err(e) => report.failed.push((path.clone(), e.to_string())),
        }
        done += 1;
        progress(done, total);
    }
    let bulk = resumes.len() >= opts.bulk_threshold;
    let batch = opts.batch.max(1);
    // Chunks are written in input order, so store contents are deterministic.
    let chunk_size = if bulk {
        opts.bulk_chunk.max(1)
    } else {
        batch.max(2 * rayon::current_num_threads())
    };
    // Pipeline: this thread extracts chunk n+1 on the rayon pool while a writer thread
    // stores chunk n; the channel is a rendezvous, so at most two chunks are in memory.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(PathBuf, Prepared)>>(0);
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut part = IngestReport::default();
            let mut done = done;
            for chunk in receiver {
                let count = chunk.len();
                write_chunk(store, chunk, bulk, batch, &mut part)?;
                done += count;
                progress(done, total);
            }
            Ok::<_, StoreError>(part)
        });
        for chunk in resumes.chunks(chunk_size) {
            let prepared: Vec<(PathBuf, Prepared)> = chunk
                .par_iter()
                .map(|(path, format)| (path.clone(), prepare(path, *format, opts)))
                .collect();
            if sender.send(prepared).is_err() {
                break; // the writer stopped on an error; it is returned below
            }
        }
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    report.merge(written);
    Ok(report)
}

/// Store one extracted chunk: failures are recorded, new documents are bulk-loaded (in
/// bulk mode) and the rest go through transactions of `batch` documents.
fn write_chunk(
    store: &CareerStore,
    chunk: Vec<(PathBuf, Prepared)>,
    bulk: bool,
    batch: usize,
    report: &mut IngestReport,
) -> Result<(), StoreError> {
    let mut pending: Vec<DocumentWrite> = Vec::with_capacity(chunk.len());
    for (path, prepared) in chunk {
        match prepared {
            Ok(doc) => pending.push(doc),
            Err(e) if e.is_unsupported() => {
                report.skipped += 1;
                report.unsupported += 1;
                report.skipped_files.push((path, e.to_string()));
            }
            Err(e) => report.failed.push((path, e.to_string())),
        }
    }
    if bulk {
        let (fresh, rest) = store.partition_new(pending)?;
        report.added += fresh.len();
        report.quads += fresh.iter().map(|d| d.quads.len()).sum::<usize>();
        store.put_new_documents_bulk(fresh, BULK_MEMORY_MB)?;
        pending = rest;
    }
    for group in pending.chunks(batch) {
        for (doc, outcome) in group.iter().zip(store.put_documents(group)?) {
            match outcome {
                PutOutcome::Added => {
                    report.added += 1;
                    report.quads += doc.quads.len();
                }
                PutOutcome::Replaced => {
                    report.replaced += 1;
                    report.quads += doc.quads.len();
                }
                PutOutcome::Unchanged => report.unchanged += 1,
            }
        }
    }
    Ok(())
}

fn load_rdf_file(
    store: &CareerStore,
    path: &Path,
    format: RdfFormat,
    opts: &IngestOptions,
) -> Result<Outcome, InputError> {
    let bytes = read_input(path, opts.max_size)?;
    let graph =
        NamedNode::new(map::document_iri(&opts.map.base, &sha256_hex(&bytes))).map_err(|e| {
            map::MapError::InvalidIri {
                iri: opts.map.base.clone(),
                reason: e.to_string(),
            }
        })?;
    if store.has_graph(&graph)? {
        return Ok(Outcome::Stored(PutOutcome::Unchanged));
    }
    Ok(Outcome::Loaded(store.load_rdf(&bytes, format, &graph)?))
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored (or replaced, or unchanged).
    Stored(PutOutcome),
    /// RDF loaded; number of quads read.
    Loaded(usize),
}

/// Ingest one input into the store (one transaction).
pub fn ingest_one(
    store: &CareerStore,
    path: &Path,
    format: InputFormat,
    opts: &IngestOptions,
) -> Result<Outcome, InputError> {
    if let InputFormat::Rdf(rdf) = format {
        return load_rdf_file(store, path, rdf, opts);
    }
    let doc = prepare(path, format, opts)?;
    Ok(Outcome::Stored(
        store.put_documents(std::slice::from_ref(&doc))?[0],
    ))
}
