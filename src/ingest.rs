//! Inputs: walking paths, recognising formats, turning files into records or RDF,
//! and writing them to the store one document (one transaction) at a time.

use crate::extract;
use crate::jsonresume;
use crate::map::{self, MapOptions};
use crate::model::CareerRecord;
use crate::read;
use crate::store::{CareerStore, PutOutcome, StoreError};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What kind of input a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON Resume.
    JsonResume,
    /// Plain text résumé.
    Text,
    /// Markdown résumé.
    Markdown,
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
            "nt" => InputFormat::Rdf(RdfFormat::NTriples),
            "nq" => InputFormat::Rdf(RdfFormat::NQuads),
            "ttl" => InputFormat::Rdf(RdfFormat::Turtle),
            "trig" => InputFormat::Rdf(RdfFormat::TriG),
            "rdf" | "owl" => InputFormat::Rdf(RdfFormat::RdfXml),
            _ => return None,
        })
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
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let hidden = e.file_name().to_string_lossy().starts_with('.');
                    match InputFormat::from_path(e.path()) {
                        Some(fmt) if !hidden => out.push(Found::File(e.into_path(), fmt)),
                        _ => out.push(Found::Skipped(e.into_path())),
                    }
                }
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
        InputFormat::Text | InputFormat::Markdown | InputFormat::Rdf(_) => {
            let doc = read::decode(bytes)?;
            let fmt = if format == InputFormat::Markdown || looks_like_markdown(&doc.text) {
                "markdown"
            } else {
                "text"
            };
            Ok(extract::extract_text(source, &sha, &doc, fmt))
        }
    }
}

fn looks_like_markdown(text: &str) -> bool {
    text.lines()
        .take(200)
        .filter(|l| l.starts_with("## ") || l.starts_with("# ") || l.starts_with("### "))
        .count()
        >= 2
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
    opts: &MapOptions,
    max_size: u64,
) -> Result<Outcome, InputError> {
    let bytes = read_input(path, max_size)?;
    let source = path.display().to_string();
    let stored_path = if path.as_os_str() == "-" {
        None
    } else {
        Some(
            std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.to_path_buf())
                .display()
                .to_string(),
        )
    };
    if let InputFormat::Rdf(rdf) = format {
        let graph =
            NamedNode::new(map::document_iri(&opts.base, &sha256_hex(&bytes))).map_err(|e| {
                map::MapError::InvalidIri {
                    iri: opts.base.clone(),
                    reason: e.to_string(),
                }
            })?;
        if store.has_graph(&graph)? {
            return Ok(Outcome::Stored(PutOutcome::Unchanged));
        }
        return Ok(Outcome::Loaded(store.load_rdf(&bytes, rdf, &graph)?));
    }
    let record = extract_record(&source, format, &bytes)?;
    let quads = map::record_to_quads(&record, opts)?;
    let graph = NamedNode::new(map::document_iri(&opts.base, &record.sha256)).map_err(|e| {
        map::MapError::InvalidIri {
            iri: opts.base.clone(),
            reason: e.to_string(),
        }
    })?;
    Ok(Outcome::Stored(store.put_document(
        &graph,
        stored_path.as_deref(),
        &quads,
    )?))
}
