//! The `careergraph` command line: a thin layer over the library.
//!
//! Exit codes: 0 ok, 1 some inputs failed (the others were still processed),
//! 2 usage error or a command that could not run at all.

use anyhow::{bail, Context, Result};
use careergraph::ingest::{self, Found, InputFormat};
use careergraph::map::MapOptions;
use careergraph::output::{self, ResultFormat};
use careergraph::query::{self, NamedQuery};
use careergraph::store::CareerStore;
use careergraph::{export, ns};
use clap::{Parser, Subcommand, ValueEnum};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "careergraph",
    version,
    about = "Turn résumés (English, Chinese, bilingual) into a career knowledge graph and query it with SPARQL.",
    long_about = "careergraph reads résumés (PDF, DOCX, ODT, RTF, HTML, plain text, Markdown, JSON Resume; English, \
Chinese or both) \
and builds an RDF graph of people, organisations, positions, technologies, projects and metrics in an \
embedded Oxigraph store. Ask cross-candidate questions with SPARQL, export RDF or GraphML.\n\n\
Quick start:\n  careergraph ingest examples/\n  careergraph query go-qps-10k\n  careergraph queries",
    after_help = "Exit codes: 0 ok, 1 some inputs failed (others still processed), 2 usage error."
)]
struct Cli {
    /// Store directory (Oxigraph on disk).
    #[arg(
        long,
        global = true,
        env = "CAREERGRAPH_STORE",
        default_value = "careergraph.db"
    )]
    store: PathBuf,
    /// Base IRI for people, positions, documents… (vocabulary IRIs are fixed).
    #[arg(long, global = true, env = "CAREERGRAPH_BASE_IRI", default_value = ns::DEFAULT_BASE)]
    base_iri: String,
    /// No progress or summary lines on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read résumés and RDF files into the store (one transaction per document).
    #[command(
        after_help = "Examples:\n  careergraph ingest examples/\n  careergraph ingest cv.txt profiles/ dump.nq\n  cat cv.md | careergraph ingest -\n\n\
Inputs: .json (JSON Resume), .txt/.md (résumé text), .nt/.nq/.ttl/.trig/.rdf (RDF as it is).\n\
Folders are walked recursively. Re-ingesting an unchanged file changes nothing; a changed file replaces its graph."
    )]
    Ingest {
        /// Files, folders, or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Store raw e-mail addresses and phone numbers (default: salted hashes only).
        #[arg(long)]
        keep_contacts: bool,
        /// Use the bulk loader (much faster; atomic per --batch documents) when a run has
        /// at least this many résumés; smaller runs use transactions (0 = always bulk).
        #[arg(long, default_value_t = ingest::DEFAULT_BULK_THRESHOLD)]
        bulk_threshold: usize,
        /// What "present" means in documents that state no date of their own and mention
        /// no date at all (YYYY, YYYY-MM or YYYY-MM-DD); recorded with its source.
        #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
        as_of: Option<String>,
        #[command(flatten)]
        limits: Limits,
    },
    /// Print extracted career records without storing them.
    #[command(
        after_help = "Examples:\n  careergraph extract cv.txt\n  careergraph extract resumes/ --format jsonl\n  careergraph extract cv.md --format turtle"
    )]
    Extract {
        /// Files, folders, or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        #[command(flatten)]
        limits: Limits,
    },
    /// Run a SPARQL query: a named query, a .rq file, or - for stdin.
    #[command(
        after_help = "Examples:\n  careergraph query go-qps-10k\n  careergraph query go-qps-10k --param tech=Java --param min=5000\n  \
careergraph query worked-at --param org=腾讯 --format csv\n  careergraph query my.rq --format json\n  \
echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | careergraph query -\n\n\
Parameters are bound as typed RDF terms, never pasted into the query text.\n\
The default graph is the union of all graphs."
    )]
    Query {
        /// Named query (see `careergraph queries`), a .rq file, or -.
        query: String,
        /// Parameter NAME=VALUE (repeatable).
        #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ResultFormat::Table)]
        format: ResultFormat,
        /// Stop the query after this many seconds.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Maximum rows printed by the table format.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        /// Run the query to the end and print the evaluator's plan with per-step row
        /// counts and timings (JSON) instead of the results.
        #[arg(long)]
        explain: bool,
        /// Answer with plain SPARQL even where the store's query index answers
        /// (go-qps-10k, scale, knows); the answer is the same, only slower.
        #[arg(long)]
        no_index: bool,
    },
    /// List the named queries with their descriptions and parameters.
    #[command(after_help = "Example:\n  careergraph queries")]
    Queries,
    /// Write the store (or one graph) as RDF.
    #[command(
        after_help = "Examples:\n  careergraph export --format nquads --out talent.nq.gz\n  \
careergraph export --format turtle --graph https://w3id.org/careergraph/data/document/<sha256>"
    )]
    Export {
        /// Serialisation.
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Nquads)]
        format: ExportFormat,
        /// Only this named graph.
        #[arg(long)]
        graph: Option<String>,
        /// Output file (default stdout); a .gz name implies --gzip.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Compress with gzip.
        #[arg(long)]
        gzip: bool,
        /// GraphML/DOT projection.
        #[arg(long, value_enum, default_value_t = careergraph::graphml::View::Full)]
        view: careergraph::graphml::View,
        /// GraphML/DOT label language (falls back to the other).
        #[arg(long, value_enum, default_value_t = careergraph::graphml::Lang::En)]
        lang: careergraph::graphml::Lang,
        /// GraphML/DOT: keep only people matching this SPARQL group pattern over ?person
        /// (prefixes cg:, tech:, orgv:, mk:, schema:, skos:… are predeclared).
        #[arg(long = "where", value_name = "PATTERN")]
        where_pattern: Option<String>,
        /// GraphML/DOT: organisation units (Tencent PCG) as nodes with an org:unitOf edge
        /// to their parent, or collapsed into the top-level organisation.
        #[arg(long, value_enum, default_value_t = careergraph::graphml::OrgTree::UnitOf)]
        org_tree: careergraph::graphml::OrgTree,
        /// Also write owl:sameAs links to Wikidata in their own graph (for stores that merge).
        #[arg(long, value_enum)]
        links: Option<careergraph::export::Links>,
    },
    /// Send every document graph to a SPARQL 1.1 store (Graph Store Protocol PUT, one request per graph).
    #[command(
        after_help = "Examples:\n  careergraph push --endpoint http://127.0.0.1:7878/store --dry-run\n  \
careergraph push --endpoint http://127.0.0.1:7878/store\n  \
careergraph push --endpoint http://db:8890/sparql-graph-crud --update-endpoint http://db:8890/sparql\n\n\
Auth from the environment: CAREERGRAPH_PUSH_TOKEN (bearer) or CAREERGRAPH_PUSH_USER and\n\
CAREERGRAPH_PUSH_PASSWORD (basic). PUT replaces a graph whole, so pushing twice is idempotent."
    )]
    Push {
        /// Graph Store Protocol endpoint.
        #[arg(long)]
        endpoint: String,
        /// Send graphs as SPARQL Updates (DROP + INSERT DATA) to this endpoint instead of PUTs.
        #[arg(long)]
        update_endpoint: Option<String>,
        /// Payload format of PUTs.
        #[arg(long, value_enum, default_value_t = careergraph::push::Payload::Ntriples)]
        payload: careergraph::push::Payload,
        /// Per-request timeout in seconds.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Attempts per graph on 5xx or connection errors (exponential backoff).
        #[arg(long, default_value_t = 4)]
        retries: u32,
        /// Do not send the vocabulary graph (labels of organisations and technologies).
        #[arg(long)]
        no_vocabulary: bool,
        /// Requests in flight at once (each graph is still one request, replaced whole).
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: u16,
        /// List what would be sent, send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove a person or a document from every graph of the store.
    #[command(
        after_help = "Examples:\n  careergraph forget jane.doe@example.com\n  careergraph forget \"Jane Doe\"\n  \
careergraph forget resumes/jane.txt\n  careergraph forget 3f2a9c1e   (a document's SHA-256 prefix)\n\n\
A person is found by IRI, name, e-mail or phone (matched through the salted hashes); all\n\
documents that describe them are dropped, and every triple naming them is removed.\n\
A document is found by graph IRI, SHA-256 (prefix of 8+ characters) or path."
    )]
    Forget {
        /// Person (IRI, name, e-mail, phone) or document (graph IRI, SHA-256, path).
        key: String,
        /// Forget every person matching a name shared by several people.
        #[arg(long)]
        all: bool,
    },
    /// Check the store against the SHACL shapes in ontology/shapes.ttl.
    #[command(
        after_help = "Examples:\n  careergraph validate\n  careergraph validate --format json\n\n\
Exit code 1 when a Violation is found (Warnings alone conform)."
    )]
    Validate {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
        /// Report at most this many results per constraint.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Write a deterministic corpus of fictional résumés (English, Chinese, bilingual) for benchmarks.
    #[command(
        after_help = "Example:\n  careergraph generate --count 10000 --seed 42 --out /tmp/corpus"
    )]
    Generate {
        /// Number of résumés.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Seed: the same seed gives the same files on any machine.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output folder (created).
        #[arg(long)]
        out: PathBuf,
    },
    /// A person's profile: positions as a timeline, technologies and metrics per position,
    /// derived years per technology, experience, seniority and source documents.
    #[command(
        after_help = "Examples:\n  careergraph show \"Ada Quill\"\n  careergraph show ada@example.org --format json\n\n\
PERSON is a name or any label (case-insensitive), an e-mail address, a phone number or an IRI.\n\
When several people match, each profile is shown (JSON: an array)."
    )]
    Show {
        /// Name, label, e-mail, phone or IRI.
        person: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// Counts of documents, people, organisations, positions, technologies, metrics, triples.
    #[command(after_help = "Examples:\n  careergraph stats\n  careergraph stats --format json")]
    Stats {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
}

/// Input limits shared by `ingest` and `extract`.
#[derive(clap::Args, Clone)]
struct Limits {
    /// Refuse files larger than this many bytes (reported, never truncated).
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_file_size: u64,
    /// Per-document extraction time budget in seconds (over-budget documents are reported).
    #[arg(long, default_value_t = 30.0)]
    time_budget: f64,
    /// Documents per atomic write: per transaction (default 256) or per bulk-loader
    /// commit (default 1024). Each document is always complete or absent.
    #[arg(long)]
    batch: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    Json,
    Jsonl,
    Turtle,
    Trig,
    /// The text the reader recovered (reading order, one line per line), no extraction:
    /// shows what the extractor sees in a PDF or DOCX.
    Text,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Rdfxml,
    Graphml,
    Dot,
}

impl ExportFormat {
    fn rdf(self) -> Option<RdfFormat> {
        Some(match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
            ExportFormat::Graphml | ExportFormat::Dot => return None,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Table,
    Json,
}

/// A command finished but some inputs failed.
struct Partial;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(Partial)) => ExitCode::from(1),
        Err(e) => {
            // The reader of our output went away (`query … | head`): not an error of ours,
            // however deep in the chain the write failure sits.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("careergraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<Option<Partial>> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Ingest {
            paths,
            keep_contacts,
            bulk_threshold,
            as_of,
            limits,
        } => cmd_ingest(
            &cli.store,
            &cli.base_iri,
            &paths,
            (keep_contacts, as_of),
            bulk_threshold,
            &limits,
            quiet,
        ),
        Command::Extract {
            paths,
            format,
            limits,
        } => cmd_extract(&cli.base_iri, &paths, format, &limits, quiet),
        Command::Query {
            query,
            params,
            timeout,
            explain: true,
            ..
        } => cmd_explain(&cli.store, &query, &params, timeout).map(|_| None),
        Command::Query {
            query,
            params,
            format,
            timeout,
            limit,
            explain: false,
            no_index,
        } => cmd_query(
            &cli.store,
            &query,
            &params,
            (format, limit),
            timeout,
            !no_index,
            quiet,
        )
        .map(|_| None),
        Command::Queries => cmd_queries().map(|_| None),
        Command::Export {
            format,
            graph,
            out,
            gzip,
            view,
            lang,
            where_pattern,
            org_tree,
            links,
        } => cmd_export(
            &cli.store,
            format,
            &ExportOptions {
                graph: graph.as_deref(),
                out: out.as_deref(),
                gzip,
                view,
                lang,
                where_pattern: where_pattern.as_deref(),
                org_tree,
                links,
            },
            quiet,
        )
        .map(|_| None),
        Command::Stats { format } => cmd_stats(&cli.store, format).map(|_| None),
        Command::Show { person, format } => cmd_show(&cli.store, &person, format).map(|_| None),
        Command::Forget { key, all } => cmd_forget(&cli.store, &key, all, quiet).map(|_| None),
        Command::Validate { format, limit } => cmd_validate(&cli.store, format, limit),
        Command::Generate { count, seed, out } => {
            let started = std::time::Instant::now();
            let bytes = careergraph::generate::write_corpus(
                &out,
                &careergraph::generate::GenerateOptions { count, seed },
            )
            .with_context(|| format!("writing to {}", out.display()))?;
            note(
                quiet,
                format_args!(
                    "generated {count} résumés ({:.1} MB) in {} ({:.2}s)",
                    bytes as f64 / 1e6,
                    out.display(),
                    started.elapsed().as_secs_f64()
                ),
            );
            Ok(None)
        }
        Command::Push {
            endpoint,
            update_endpoint,
            payload,
            timeout,
            retries,
            no_vocabulary,
            jobs,
            dry_run,
        } => {
            let opts = careergraph::push::PushOptions {
                endpoint,
                update_endpoint,
                payload,
                timeout: std::time::Duration::from_secs(timeout),
                retries,
                backoff: std::time::Duration::from_millis(500),
                include_vocabulary: !no_vocabulary,
                jobs: usize::from(jobs),
            };
            cmd_push(&cli.store, &opts, dry_run, quiet)
        }
    }
}

/// Progress line on stderr (only when not quiet).
fn note(quiet: bool, msg: impl std::fmt::Display) {
    if !quiet {
        eprintln!("{msg}");
    }
}

fn cmd_ingest(
    store_path: &Path,
    base: &str,
    paths: &[PathBuf],
    (keep_contacts, as_of): (bool, Option<String>),
    bulk_threshold: usize,
    limits: &Limits,
    quiet: bool,
) -> Result<Option<Partial>> {
    let store = CareerStore::open(store_path)?;
    let salt = store.salt()?;
    let opts = ingest::IngestOptions {
        map: MapOptions::new(base, &salt, keep_contacts)
            .context("--base-iri")?
            .with_as_of(as_of),
        max_size: limits.max_file_size,
        budget: std::time::Duration::from_secs_f64(limits.time_budget),
        batch: limits.batch.unwrap_or(256),
        bulk_threshold,
        bulk_chunk: limits.batch.unwrap_or(ingest::BULK_CHUNK),
    };
    let started = std::time::Instant::now();
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents {per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let progress = |done: usize, total: usize| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    };
    let report = ingest::ingest_paths(&store, paths, &opts, &progress)?;
    store.flush()?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    for (path, msg) in &report.skipped_files {
        eprintln!("careergraph: skipped {}: {msg}", path.display());
    }
    for (path, msg) in &report.failed {
        eprintln!("careergraph: failed {}: {msg}", path.display());
    }
    note(
        quiet,
        format_args!(
            "ingested into {}: {} added, {} replaced, {} unchanged, {} RDF files loaded; {} skipped, {} failed ({} quads, {:.2}s)",
            store_path.display(),
            report.added,
            report.replaced,
            report.unchanged,
            report.loaded,
            report.skipped,
            report.failed.len(),
            report.quads,
            started.elapsed().as_secs_f64()
        ),
    );
    let processed = report.added + report.replaced + report.unchanged + report.loaded;
    let partial = !report.failed.is_empty()
        || report.unsupported > 0
        || (processed == 0 && report.skipped > 0);
    Ok(partial.then_some(Partial))
}

/// One input's result in `extract`: a record, or (for `--format text`) the text read.
enum Extracted {
    Record(Box<careergraph::model::CareerRecord>),
    Text(String),
}

fn cmd_extract(
    base: &str,
    paths: &[PathBuf],
    format: ExtractFormat,
    limits: &Limits,
    quiet: bool,
) -> Result<Option<Partial>> {
    use rayon::prelude::*;
    let salt = std::env::var("CAREERGRAPH_SALT").unwrap_or_default();
    let opts = MapOptions::new(base, &salt, false).context("--base-iri")?;
    let budget = std::time::Duration::from_secs_f64(limits.time_budget);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut files = Vec::new();
    let mut failed = 0;
    let (mut skipped, mut unsupported, mut extracted) = (0, 0, 0);
    for found in ingest::walk(paths) {
        match found {
            Found::File(p, InputFormat::Rdf(_)) => note(
                quiet,
                format_args!(
                    "careergraph: {}: RDF is not extracted (use ingest)",
                    p.display()
                ),
            ),
            Found::File(p, f) => files.push((p, f)),
            Found::Skipped(p) => {
                skipped += 1;
                eprintln!(
                    "careergraph: skipped {}: {}",
                    p.display(),
                    ingest::skip_reason(&p)
                );
            }
            Found::Error(p, msg) => {
                failed += 1;
                eprintln!("careergraph: failed {}: {msg}", p.display());
            }
        }
    }
    let mut records = Vec::new();
    // Parallel extraction, output in input order.
    for chunk in files.chunks(256) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|(path, fmt)| {
                ingest::read_input(path, limits.max_file_size).and_then(|b| {
                    if format == ExtractFormat::Text {
                        let text = ingest::read_text(*fmt, &b)?;
                        return Ok(Extracted::Text(text));
                    }
                    ingest::extract_with_budget(&path.display().to_string(), *fmt, b, budget)
                        .map(|r| Extracted::Record(Box::new(r)))
                })
            })
            .collect();
        for ((path, _), record) in chunk.iter().zip(results) {
            let record = match record {
                Ok(Extracted::Text(text)) => {
                    extracted += 1;
                    writeln!(out, "==> {} <==\n{}", path.display(), text.trim_end())?;
                    continue;
                }
                Ok(Extracted::Record(r)) => Ok(*r),
                Err(e) => Err(e),
            };
            match record {
                Ok(r) if format == ExtractFormat::Jsonl => {
                    extracted += 1;
                    serde_json::to_writer(&mut out, &r)?;
                    writeln!(out)?;
                }
                Ok(r) => {
                    extracted += 1;
                    records.push(r);
                }
                Err(e) if e.is_unsupported() => {
                    skipped += 1;
                    unsupported += 1;
                    eprintln!("careergraph: skipped {}: {e}", path.display());
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("careergraph: failed {}: {e}", path.display());
                }
            }
        }
    }
    match format {
        ExtractFormat::Jsonl | ExtractFormat::Text => {}
        ExtractFormat::Json => {
            if records.len() == 1 {
                serde_json::to_writer_pretty(&mut out, &records[0])?;
            } else {
                serde_json::to_writer_pretty(&mut out, &records)?;
            }
            writeln!(out)?;
        }
        ExtractFormat::Turtle | ExtractFormat::Trig => {
            let rdf = if format == ExtractFormat::Turtle {
                RdfFormat::Turtle
            } else {
                RdfFormat::TriG
            };
            let mut ser = oxigraph::io::RdfSerializer::from_format(rdf);
            for (p, iri) in ns::PREFIXES {
                ser = ser.with_prefix(*p, *iri)?;
            }
            let mut w = ser.for_writer(&mut out);
            for r in &records {
                for q in careergraph::map::record_to_quads(r, &opts)? {
                    if rdf == RdfFormat::Turtle {
                        w.serialize_triple(q.as_ref())?;
                    } else {
                        w.serialize_quad(&q)?;
                    }
                }
            }
            w.finish()?;
        }
    }
    out.flush()?;
    if skipped + failed > 0 {
        note(
            quiet,
            format_args!("extracted {extracted}; {skipped} skipped, {failed} failed"),
        );
    }
    let partial = failed > 0 || unsupported > 0 || (extracted == 0 && skipped > 0);
    Ok(partial.then_some(Partial))
}

fn parse_params(params: &[String]) -> Result<Vec<(String, String)>> {
    params
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
            _ => bail!("--param {p:?}: expected NAME=VALUE"),
        })
        .collect()
}

fn load_query(name: &str) -> Result<NamedQuery> {
    if name == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the query from stdin")?;
        return Ok(NamedQuery::from_text("stdin", &text));
    }
    if let Some(q) = query::named_queries().into_iter().find(|q| q.name == name) {
        return Ok(q);
    }
    let path = Path::new(name);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading query file {}", path.display()))?;
        return Ok(NamedQuery::from_text(name, &text));
    }
    Err(query::QueryError::Unknown(name.to_owned()).into())
}

/// Load and bind a query, open the store read-only, and arm a cancellation token that
/// fires after `timeout` seconds. With `hard_stop`, a query that does not notice the
/// token within a grace second (e.g. inside one big aggregate) ends the process: the
/// store is open read-only, so nothing can be left half-written.
fn prepare_query(
    store_path: &Path,
    name: &str,
    params: &[String],
    timeout: u64,
    hard_stop: bool,
) -> Result<(
    CareerStore,
    (spargebra::Query, Option<IndexedQuery>),
    oxigraph::sparql::CancellationToken,
)> {
    let q = load_query(name)?;
    let bindings = q.bindings(&parse_params(params)?)?;
    let bound = q.bind_terms(&bindings)?;
    let named = query::NAMED
        .iter()
        .any(|(n, text)| *n == q.name && *text == q.text);
    let indexed = named.then(|| IndexedQuery {
        name: q.name.clone(),
        bindings,
    });
    let store = CareerStore::open_read_only(store_path)?;
    let token = oxigraph::sparql::CancellationToken::new();
    let deadline = token.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(timeout));
        deadline.cancel();
        if hard_stop {
            std::thread::sleep(std::time::Duration::from_secs(1));
            eprintln!(
                "careergraph: error: query cancelled: it ran longer than --timeout {timeout}s"
            );
            std::process::exit(2);
        }
    });
    Ok((store, (bound, indexed), token))
}

/// A named query the store's index may answer, with its bound parameters.
struct IndexedQuery {
    name: String,
    bindings: Vec<(String, spargebra::term::GroundTerm)>,
}

/// `query --explain`: run to the end (or to the timeout), print the plan with statistics
/// on stdout and the row count (or why it stopped) on stderr.
fn cmd_explain(store_path: &Path, name: &str, params: &[String], timeout: u64) -> Result<()> {
    let (store, (bound, _), token) = prepare_query(store_path, name, params, timeout, false)?;
    let started = std::time::Instant::now();
    let (rows, plan) = store.explain(bound, Some(token));
    println!("{plan}");
    let seconds = started.elapsed().as_secs_f64();
    match rows {
        Ok(rows) => {
            eprintln!("{rows} row(s) in {seconds:.3} s");
            Ok(())
        }
        Err(e) => Err(anyhow::anyhow!(
            "{e} after {seconds:.1} s (the plan above shows the work done so far)"
        )),
    }
}

fn cmd_query(
    store_path: &Path,
    name: &str,
    params: &[String],
    (format, limit): (ResultFormat, usize),
    timeout: u64,
    use_index: bool,
    quiet: bool,
) -> Result<()> {
    let (store, (bound, indexed), token) = prepare_query(store_path, name, params, timeout, true)?;
    let from_index = match indexed.filter(|_| use_index) {
        Some(q) => careergraph::index::answer::answer(&store, &q.name, &q.bindings)?,
        None => None,
    };
    let results = match from_index {
        Some(results) => results,
        None => store.evaluate(bound, Some(token))?,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (rows, truncated) = output::write_results(results, format, Some(limit), &mut out)
        .map_err(|e| anyhow::anyhow!("{e} (timeout is {timeout}s; see --timeout)"))?;
    out.flush()?;
    if format == ResultFormat::Table && std::io::stderr().is_terminal() || truncated {
        note(
            quiet,
            format_args!(
                "{rows} row(s){}",
                if truncated {
                    format!(", truncated at --limit {limit}")
                } else {
                    String::new()
                }
            ),
        );
    }
    Ok(())
}

fn cmd_queries() -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for q in query::named_queries() {
        writeln!(out, "{}\n    {}\n    {}", q.name, q.title, q.description)?;
        for p in &q.params {
            let kind = format!("{:?}", p.kind).to_lowercase();
            match &p.default {
                Some(d) => writeln!(
                    out,
                    "    --param {}=… ({kind}, default {d}): {}",
                    p.name, p.description
                )?,
                None => writeln!(
                    out,
                    "    --param {}=… ({kind}, required): {}",
                    p.name, p.description
                )?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Output of `export`: plain or gzip, finished explicitly so errors are not lost.
enum Sink<W: Write> {
    Plain(W),
    Gzip(flate2::write::GzEncoder<W>),
}

impl<W: Write> Sink<W> {
    fn new(w: W, gzip: bool) -> Self {
        if gzip {
            Sink::Gzip(flate2::write::GzEncoder::new(
                w,
                flate2::Compression::default(),
            ))
        } else {
            Sink::Plain(w)
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Plain(mut w) => w.flush(),
            Sink::Gzip(g) => g.finish()?.flush(),
        }
    }
}

impl<W: Write> Write for Sink<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(g) => g.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(g) => g.flush(),
        }
    }
}

/// Options of `export`.
struct ExportOptions<'a> {
    graph: Option<&'a str>,
    out: Option<&'a Path>,
    gzip: bool,
    view: careergraph::graphml::View,
    lang: careergraph::graphml::Lang,
    where_pattern: Option<&'a str>,
    org_tree: careergraph::graphml::OrgTree,
    links: Option<careergraph::export::Links>,
}

fn cmd_export(
    store_path: &Path,
    format: ExportFormat,
    o: &ExportOptions<'_>,
    quiet: bool,
) -> Result<()> {
    let store = CareerStore::open_read_only(store_path)?;
    let graph = o
        .graph
        .map(|g| NamedNode::new(g.trim_start_matches('<').trim_end_matches('>')))
        .transpose()
        .context("--graph is not a valid IRI")?;
    let gzip = o.gzip
        || o.out
            .is_some_and(|p| p.extension().is_some_and(|e| e == "gz"));
    // Write to a temporary file next to the target and rename at the end: a failed
    // export never leaves a truncated file under the requested name.
    let tmp_path = o.out.map(|p| p.with_extension("partial"));
    let sink: Box<dyn Write> = match &tmp_path {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = Sink::new(std::io::BufWriter::new(sink), gzip);
    let what = match format.rdf() {
        Some(rdf) => {
            let mut n = export::export_rdf(&store, rdf, graph.as_ref(), &mut sink)?;
            if let Some(links) = o.links {
                n += export::export_links(&store, rdf, links, &mut sink)?;
            }
            format!("{n} quads")
        }
        None => {
            let options = careergraph::graphml::Options {
                view: o.view,
                lang: o.lang,
                graph: graph.as_ref(),
                where_pattern: o.where_pattern,
                org_tree: o.org_tree,
            };
            let format = if format == ExportFormat::Graphml {
                careergraph::graphml::Format::GraphMl
            } else {
                careergraph::graphml::Format::Dot
            };
            let g = careergraph::graphml::export(&store, &options, format, &mut sink)?;
            format!("{} nodes, {} edges", g.nodes, g.edges)
        }
    };
    sink.finish()?;
    if let (Some(tmp), Some(out)) = (&tmp_path, o.out) {
        std::fs::rename(tmp, out).with_context(|| format!("renaming to {}", out.display()))?;
    }
    note(quiet, format_args!("exported {what}"));
    Ok(())
}

fn cmd_push(
    store_path: &Path,
    opts: &careergraph::push::PushOptions,
    dry_run: bool,
    quiet: bool,
) -> Result<Option<Partial>> {
    let store = CareerStore::open_read_only(store_path)?;
    if dry_run {
        let plan = careergraph::push::plan(&store, opts)?;
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let mut triples = 0;
        for p in &plan {
            writeln!(out, "{}\t{}\t{}", p.graph.as_str(), p.triples, p.url)?;
            triples += p.triples;
        }
        note(
            quiet,
            format_args!(
                "dry run: would send {} graphs, {triples} triples",
                plan.len()
            ),
        );
        return Ok(None);
    }
    let tty = std::io::stderr().is_terminal() && !quiet;
    match careergraph::push::push(&store, opts, |p| {
        if tty {
            eprint!("\rsent {} ({} triples)\x1b[K", p.graph.as_str(), p.triples);
        }
    }) {
        Ok(s) => {
            if tty {
                eprintln!();
            }
            note(
                quiet,
                format_args!(
                    "pushed {} graphs, {} triples in {:.2}s",
                    s.graphs, s.triples, s.seconds
                ),
            );
            Ok(None)
        }
        Err(e) => {
            eprintln!("careergraph: push failed: {e}");
            Ok(Some(Partial))
        }
    }
}

fn cmd_forget(store_path: &Path, key: &str, all: bool, quiet: bool) -> Result<()> {
    if !store_path.exists() {
        bail!("no store at {}", store_path.display());
    }
    let store = CareerStore::open(store_path)?;
    let docs = store.find_documents(key)?;
    if !docs.is_empty() {
        let mut removed = 0;
        for d in &docs {
            removed += store.forget_document(d)?;
        }
        store.flush()?;
        note(
            quiet,
            format_args!("forgot {} document(s), {removed} quads", docs.len()),
        );
        return Ok(());
    }
    let people = if key.starts_with("http://") || key.starts_with("https://") {
        vec![
            NamedNode::new(key.trim_start_matches('<').trim_end_matches('>'))
                .context("not a valid IRI")?,
        ]
    } else {
        store.find_people(key)?
    };
    match people.len() {
        0 => bail!("no person or document matches {key:?}"),
        n if n > 1 && !all => bail!(
            "{n} people match {key:?}: {} (pass an IRI, or --all)",
            people
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => {}
    }
    let mut removed = 0;
    for p in &people {
        removed += store.forget_person(p)?;
    }
    store.flush()?;
    note(
        quiet,
        format_args!("forgot {} person(s), {removed} quads", people.len()),
    );
    Ok(())
}

fn cmd_validate(store_path: &Path, format: StatsFormat, limit: usize) -> Result<Option<Partial>> {
    let store = CareerStore::open_read_only(store_path)?;
    let report = careergraph::validate::validate(&store, limit)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        StatsFormat::Table => {
            let rows: Vec<Vec<String>> = report
                .violations
                .iter()
                .map(|v| {
                    vec![
                        v.severity.to_string(),
                        output::compact_iri(&v.focus),
                        output::compact_iri(&v.path),
                        v.message.clone(),
                        v.value.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            let header: Vec<String> = ["severity", "focus", "path", "message", "value"]
                .iter()
                .map(|h| (*h).to_owned())
                .collect();
            if !rows.is_empty() {
                output::write_table(&header, &rows, &mut out)?;
            }
            if let Some(m) = &report.reingest {
                writeln!(out, "{m}")?;
            }
            writeln!(
                out,
                "{}: {} shapes checked, {} violations, {} warnings",
                if report.conforms {
                    "conforms"
                } else {
                    "does not conform"
                },
                report.checked_shapes,
                report.count(careergraph::validate::Severity::Violation),
                report.count(careergraph::validate::Severity::Warning)
            )?;
        }
    }
    Ok((!report.conforms).then_some(Partial))
}

fn parse_as_of(value: &str) -> std::result::Result<String, String> {
    careergraph::derive::interval::PartialDate::parse(value)
        .map(|_| value.trim().to_owned())
        .ok_or_else(|| format!("{value:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
}

fn cmd_show(store_path: &Path, key: &str, format: StatsFormat) -> Result<()> {
    let store = CareerStore::open_read_only(store_path)?;
    let people = careergraph::show::find(&store, key)?;
    if people.is_empty() {
        bail!("no person matches {key:?}");
    }
    let profiles = people
        .iter()
        .map(|p| careergraph::show::profile(&store, p))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &profiles)?;
            writeln!(out)?;
        }
        StatsFormat::Table => {
            for (i, p) in profiles.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", careergraph::show::render(p))?;
            }
        }
    }
    Ok(())
}

fn cmd_stats(store_path: &Path, format: StatsFormat) -> Result<()> {
    let store = CareerStore::open_read_only(store_path)?;
    let s = store.stats()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &s)?;
            writeln!(out)?;
        }
        StatsFormat::Table => {
            let rows = [
                ("documents", s.documents),
                ("people", s.people),
                ("role profiles", s.role_profiles),
                ("organisations", s.organizations),
                ("positions", s.positions),
                ("technologies", s.technologies),
                ("metrics", s.metrics),
                ("graphs", s.graphs),
                ("triples", s.triples),
            ];
            for (k, v) in rows {
                writeln!(out, "{k:<14} {v}")?;
            }
        }
    }
    Ok(())
}
