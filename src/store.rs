//! The embedded store: Oxigraph on disk (RocksDB) or in memory.
//!
//! Layout: one named graph per source document (IRI `BASE/document/SHA256`), the
//! ontology and concept schemes in [`ns::VOCABULARY_GRAPH`], store metadata (salt,
//! vocabulary hash) in [`ns::META_GRAPH`]. Writes of one document are one
//! transaction: a reader never sees half a document.

use crate::ns;
use crate::vocab::{self, vocabulary};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Store failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process holds the store open for writing.
    #[error("store {path} is in use by another careergraph process{} (only one writer at a time); wait for it to finish or use another --store", holder.map(|p| format!(" (PID {p})")).unwrap_or_default())]
    InUse {
        /// Store directory.
        path: PathBuf,
        /// PID of the writer holding it, when known.
        holder: Option<u32>,
    },
    /// The store directory could not be opened.
    #[error("cannot open store {path}: {source}")]
    Open {
        /// Store directory.
        path: PathBuf,
        /// Underlying error.
        source: StorageError,
    },
    /// No store exists at the path (read-only commands never create one).
    #[error("no store at {0} (run `careergraph ingest` first, or pass --store)")]
    Missing(PathBuf),
    /// The binary was built without the `disk` feature.
    #[error("this build has no on-disk store (built without the `disk` feature)")]
    NoDiskSupport,
    /// Storage-level failure.
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
    /// An RDF file did not parse.
    #[error("RDF parse error: {0}")]
    Parse(String),
    /// A query failed.
    #[error("query failed: {0}")]
    Query(String),
    /// The query index could not be read or written.
    #[error("{0}")]
    Index(String),
}

/// What happened to one document on [`CareerStore::put_document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// The same content was already stored: nothing changed.
    Unchanged,
    /// A new document graph was added.
    Added,
    /// The graph of an earlier version of the same file was replaced.
    Replaced,
}

/// One document graph to write.
#[derive(Debug, Clone)]
pub struct DocumentWrite {
    /// The document's named graph.
    pub graph: NamedNode,
    /// Absolute path it was read from (replaces earlier versions from the same path).
    pub path: Option<String>,
    /// Its quads.
    pub quads: Vec<Quad>,
}

/// Counts reported by `careergraph stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Source documents.
    pub documents: u64,
    /// People.
    pub people: u64,
    /// Role profiles.
    pub role_profiles: u64,
    /// Distinct organisations referenced by positions or education.
    pub organizations: u64,
    /// Positions.
    pub positions: u64,
    /// Distinct technologies/skills used or listed.
    pub technologies: u64,
    /// Metrics.
    pub metrics: u64,
    /// Named graphs.
    pub graphs: u64,
    /// All quads in the store, vocabulary included.
    pub triples: u64,
}

/// RDF files with at least this many quads are loaded with the bulk loader (still atomic).
const BULK_RDF_QUADS: usize = 20_000;

/// The careergraph store.
pub struct CareerStore {
    store: Store,
    read_only: bool,
    /// Directory of an on-disk store (where the query index lives).
    dir: Option<PathBuf>,
    /// The query index's changes in this write session (on-disk stores opened for writing).
    journal: Option<std::sync::Mutex<crate::index::journal::Journal>>,
}

impl CareerStore {
    /// Open (creating if needed) the on-disk store for writing, loading the vocabulary.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let store = open_disk(path, false)?;
        let s = CareerStore {
            store,
            read_only: false,
            dir: Some(path.to_owned()),
            journal: Some(std::sync::Mutex::new(crate::index::journal::Journal::new(
                path.to_owned(),
            ))),
        };
        s.ensure_vocabulary()?;
        Ok(s)
    }

    /// Open an existing on-disk store read-only (many readers may share it).
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        Ok(CareerStore {
            store: open_disk(path, true)?,
            read_only: true,
            dir: Some(path.to_owned()),
            journal: None,
        })
    }

    /// A fresh in-memory store with the vocabulary loaded.
    pub fn memory() -> Result<Self, StoreError> {
        let s = CareerStore {
            store: Store::new()?,
            read_only: false,
            dir: None,
            journal: None,
        };
        s.ensure_vocabulary()?;
        Ok(s)
    }

    /// The underlying Oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Write buffered data to on-disk tables (call after a write session: otherwise every
    /// later open replays the write-ahead log, seconds per hundred thousand quads).
    /// It also ends the query index's write session: the index file, then its stamp.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.with_journal(|j, s| j.finish(s))?;
        #[cfg(feature = "disk")]
        if !self.read_only {
            self.store.flush()?;
        }
        Ok(())
    }

    /// Run `f` on the query index's journal (stores without one: nothing).
    fn with_journal(
        &self,
        f: impl FnOnce(
            &mut crate::index::journal::Journal,
            &Store,
        ) -> Result<(), crate::index::IndexError>,
    ) -> Result<(), StoreError> {
        if let Some(j) = &self.journal {
            let mut j = j.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut j, &self.store).map_err(|e| StoreError::Index(e.to_string()))?;
        }
        Ok(())
    }

    /// Record a change in the journal (the journal cannot fail here).
    fn journal(&self, f: impl FnOnce(&mut crate::index::journal::Journal)) {
        if let Some(j) = &self.journal {
            f(&mut j.lock().unwrap_or_else(|e| e.into_inner()));
        }
    }

    /// The query index, if the store has one that matches its contents.
    pub fn valid_index(&self) -> Result<Option<crate::index::file::Index>, StoreError> {
        self.valid_index_parts(crate::index::file::Parts::ALL)
    }

    /// [`valid_index`](Self::valid_index) with only the parts a query needs read.
    pub fn valid_index_parts(
        &self,
        parts: crate::index::file::Parts,
    ) -> Result<Option<crate::index::file::Index>, StoreError> {
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        crate::index::load_valid(&self.store, dir, parts)
            .map_err(|e| StoreError::Index(e.to_string()))
    }

    /// Whether every data graph is known to be an ingested document (its nodes, but for
    /// people, organisations and technologies, are its own): the store's query index
    /// matches and is not tainted by RDF loaded as it is. `false` when unknown.
    pub fn graphs_are_ingested(&self) -> Result<bool, StoreError> {
        let Some(dir) = &self.dir else {
            return Ok(false);
        };
        crate::index::vouches_for_graphs(&self.store, dir)
            .map_err(|e| StoreError::Index(e.to_string()))
    }

    /// Whether the store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn meta_value(&self, local: &str) -> Result<Option<String>, StoreError> {
        let p = NamedNode::new_unchecked(ns::cg(local));
        let g = NamedNode::new_unchecked(ns::META_GRAPH);
        let found = self
            .store
            .quads_for_pattern(None, Some(p.as_ref()), None, Some(g.as_ref().into()))
            .next()
            .transpose()?;
        Ok(found.and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
    }

    fn meta_quad(local: &str, value: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(ns::META_GRAPH),
            NamedNode::new_unchecked(ns::cg(local)),
            Literal::new_simple_literal(value),
            NamedNode::new_unchecked(ns::META_GRAPH),
        )
    }

    /// (Re)load the vocabulary graph when the embedded vocabulary changed.
    fn ensure_vocabulary(&self) -> Result<(), StoreError> {
        let hash = vocabulary_hash();
        if self.meta_value("vocabularyHash")?.as_deref() == Some(hash.as_str()) {
            return Ok(());
        }
        let graph = NamedNode::new_unchecked(ns::VOCABULARY_GRAPH);
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(graph.as_ref())?;
        for q in vocabulary_quads(&graph) {
            tx.insert(q.as_ref());
        }
        let meta = NamedNode::new_unchecked(ns::META_GRAPH);
        let p = NamedNode::new_unchecked(ns::cg("vocabularyHash"));
        let old: Vec<Quad> = tx
            .quads_for_pattern(None, Some(p.as_ref()), None, Some(meta.as_ref().into()))
            .collect::<Result<_, _>>()?;
        for q in &old {
            tx.remove(q.as_ref());
        }
        tx.insert(Self::meta_quad("vocabularyHash", &hash).as_ref());
        tx.commit()?;
        Ok(())
    }

    /// The store's salt for contact hashes, created on first use
    /// (`CAREERGRAPH_SALT` fixes it, e.g. to share person IRIs between stores).
    pub fn salt(&self) -> Result<String, StoreError> {
        if let Some(s) = self.meta_value("salt")? {
            return Ok(s);
        }
        let salt = std::env::var("CAREERGRAPH_SALT").unwrap_or_else(|_| random_hex());
        if !self.read_only {
            self.store.insert(Self::meta_quad("salt", &salt).as_ref())?;
        }
        Ok(salt)
    }

    /// Whether a named graph exists.
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(graph.as_ref())?)
    }

    /// Store one document graph atomically. Same graph already present → unchanged;
    /// other graphs recorded for the same `path` are dropped in the same transaction.
    pub fn put_document(
        &self,
        graph: &NamedNode,
        path: Option<&str>,
        quads: &[Quad],
    ) -> Result<PutOutcome, StoreError> {
        let doc = DocumentWrite {
            graph: graph.clone(),
            path: path.map(str::to_owned),
            quads: quads.to_vec(),
        };
        Ok(self.put_documents(std::slice::from_ref(&doc))?[0])
    }

    /// Store several document graphs in ONE transaction (bulk ingest): either all of them
    /// are written, each complete, or none is. Per document the rules of
    /// [`CareerStore::put_document`] apply.
    pub fn put_documents(&self, docs: &[DocumentWrite]) -> Result<Vec<PutOutcome>, StoreError> {
        let path_p = NamedNode::new_unchecked(ns::cg("path"));
        self.with_journal(|j, s| j.begin(s))?;
        let mut tx = self.store.start_transaction()?;
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut dropped: Vec<NamedNode> = Vec::new();
        for doc in docs {
            if tx.contains_named_graph(doc.graph.as_ref())? {
                outcomes.push(PutOutcome::Unchanged);
                continue;
            }
            let mut replaced = false;
            if let Some(p) = &doc.path {
                let lit = Literal::new_simple_literal(p.as_str());
                let previous: Vec<NamedNode> = tx
                    .quads_for_pattern(None, Some(path_p.as_ref()), Some(lit.as_ref().into()), None)
                    .filter_map(|q| match q.map(|q| q.graph_name) {
                        Ok(GraphName::NamedNode(g)) => Some(Ok(g)),
                        Ok(_) => None,
                        Err(e) => Some(Err(e)),
                    })
                    .collect::<Result<_, _>>()?;
                for old in &previous {
                    for derived in companion_graphs(&tx, old)? {
                        tx.remove_named_graph(derived.as_ref())?;
                    }
                    tx.remove_named_graph(old.as_ref())?;
                    dropped.push(old.clone());
                    replaced = true;
                }
            }
            tx.insert_named_graph(doc.graph.as_ref());
            for q in &doc.quads {
                tx.insert(q.as_ref());
            }
            if let Some(p) = &doc.path {
                tx.insert(path_quad(&doc.graph, p).as_ref());
            }
            outcomes.push(if replaced {
                PutOutcome::Replaced
            } else {
                PutOutcome::Added
            });
        }
        tx.commit()?;
        self.journal(|j| {
            j.dropped(&dropped);
            for (doc, outcome) in docs.iter().zip(&outcomes) {
                if *outcome != PutOutcome::Unchanged {
                    j.added(doc.graph.as_str(), &doc.quads);
                }
            }
        });
        Ok(outcomes)
    }

    /// Write many new documents with Oxigraph's bulk loader: table files are built off
    /// the write path and linked in by one atomic commit, so after a crash either every
    /// document of `docs` is present or none is. Much faster than a transaction for large
    /// ingests, but it does not look at what is stored: documents already present (same
    /// graph) or replacing an earlier version of their file (same path) must go through
    /// [`put_documents`](Self::put_documents). [`partition_new`](Self::partition_new)
    /// sorts them out.
    pub fn put_new_documents_bulk(
        &self,
        docs: Vec<DocumentWrite>,
        max_memory_mb: usize,
    ) -> Result<(), StoreError> {
        if docs.is_empty() {
            return Ok(());
        }
        self.with_journal(|j, s| j.begin(s))?;
        let entries: Vec<(String, crate::index::entry::Entry)> = if self.journal.is_some() {
            docs.iter()
                .map(|d| {
                    (
                        d.graph.as_str().to_owned(),
                        crate::index::entry::entry_from_quads(&d.quads),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        self.bulk_load(
            docs.into_iter().flat_map(|doc| {
                let path = doc.path.map(|p| path_quad(&doc.graph, &p));
                doc.quads.into_iter().chain(path)
            }),
            max_memory_mb,
        )?;
        self.journal(|j| {
            for (graph, entry) in &entries {
                j.added_entry(graph, entry);
            }
        });
        Ok(())
    }

    /// Write `quads` with one atomic bulk-loader commit (one background thread, about
    /// `max_memory_mb` of batches).
    fn bulk_load(
        &self,
        quads: impl IntoIterator<Item = Quad>,
        max_memory_mb: usize,
    ) -> Result<(), StoreError> {
        let mut loader = self
            .store
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(max_memory_mb.max(16));
        loader.load_quads(quads)?;
        loader.commit()?;
        Ok(())
    }

    /// Split documents into those that can be bulk-loaded (graph not stored, no earlier
    /// version of their file, first of their graph in `docs`) and the rest, which keep
    /// their order and go through [`put_documents`](Self::put_documents).
    pub fn partition_new(
        &self,
        docs: Vec<DocumentWrite>,
    ) -> Result<(Vec<DocumentWrite>, Vec<DocumentWrite>), StoreError> {
        let mut seen = std::collections::HashSet::new();
        let mut fresh = Vec::with_capacity(docs.len());
        let mut other = Vec::new();
        for doc in docs {
            let new_graph = seen.insert(doc.graph.clone()) && !self.has_graph(&doc.graph)?;
            let new_path = match &doc.path {
                Some(p) => self.graphs_with_path(p)?.is_empty(),
                None => true,
            };
            if new_graph && new_path {
                fresh.push(doc);
            } else {
                other.push(doc);
            }
        }
        Ok((fresh, other))
    }

    /// Remove a document everywhere: its named graph, and every triple in other graphs
    /// whose subject or object is the document node. Returns the quads removed.
    pub fn forget_document(&self, graph: &NamedNode) -> Result<usize, StoreError> {
        self.forget_resources(std::slice::from_ref(graph), std::slice::from_ref(graph))
    }

    /// Remove a person everywhere: every document graph that describes them (their
    /// résumés) and every triple, in any graph, that has them as subject or object.
    pub fn forget_person(&self, person: &NamedNode) -> Result<usize, StoreError> {
        let in_doc = NamedNode::new_unchecked(ns::cg("inDocument"));
        let mut graphs = Vec::new();
        for q in self.store.quads_for_pattern(
            Some(person.as_ref().into()),
            Some(in_doc.as_ref()),
            None,
            None,
        ) {
            if let GraphName::NamedNode(g) = q?.graph_name {
                if !graphs.contains(&g) {
                    graphs.push(g);
                }
            }
        }
        self.forget_resources(&graphs, std::slice::from_ref(person))
    }

    /// Drop `graphs` and remove every quad mentioning one of `resources`, in one transaction.
    fn forget_resources(
        &self,
        graphs: &[NamedNode],
        resources: &[NamedNode],
    ) -> Result<usize, StoreError> {
        self.with_journal(|j, s| j.begin(s))?;
        let mut tx = self.store.start_transaction()?;
        let mut removed = 0;
        for g in graphs {
            for g in companion_graphs(&tx, g)?.iter().chain([g]) {
                let gref: GraphNameRef<'_> = g.as_ref().into();
                removed += tx.quads_for_pattern(None, None, None, Some(gref)).count();
                tx.remove_named_graph(g.as_ref())?;
            }
        }
        for r in resources {
            let as_subject: Vec<Quad> = tx
                .quads_for_pattern(Some(r.as_ref().into()), None, None, None)
                .collect::<Result<_, _>>()?;
            let as_object: Vec<Quad> = tx
                .quads_for_pattern(None, None, Some(r.as_ref().into()), None)
                .collect::<Result<_, _>>()?;
            for q in as_subject.iter().chain(&as_object) {
                tx.remove(q.as_ref());
                removed += 1;
            }
        }
        tx.commit()?;
        self.journal(|j| {
            j.dropped(graphs);
            for r in resources {
                j.mentioned(r.as_str());
            }
        });
        Ok(removed)
    }

    /// Person IRIs matching a name (any `schema:name`/`skos:altLabel`, case-insensitive) or
    /// an e-mail address / phone number (through the salted hashes).
    pub fn find_people(&self, key: &str) -> Result<Vec<NamedNode>, StoreError> {
        let salt = self.salt()?;
        let email_hash = crate::map::salted_hash(
            &salt,
            &format!("mailto:{}", crate::map::normalize_email(key)),
        );
        let phone_hash =
            crate::map::salted_hash(&salt, &format!("tel:{}", crate::map::normalize_phone(key)));
        let prefixes = format!(
            "PREFIX cg: <{}> PREFIX schema: <{}> PREFIX skos: <{}>",
            ns::CG,
            ns::SCHEMA,
            ns::SKOS
        );
        let by_name =
            format!("{prefixes} SELECT DISTINCT ?p WHERE {{ ?p cg:labelKey ?key ; a cg:Person }}");
        let by_hash = format!(
            "{prefixes} SELECT DISTINCT ?p WHERE {{ {{ ?p cg:emailHash ?eh }} UNION {{ ?p cg:phoneHash ?ph }} }}"
        );
        let mut out: Vec<NamedNode> = Vec::new();
        for text in [by_name, by_hash] {
            let mut query = spargebra::SparqlParser::new()
                .parse_query(&text)
                .map_err(|e| StoreError::Query(e.to_string()))?;
            let label_key = crate::map::label_key(key);
            for (var, value) in [
                ("key", label_key.as_str()),
                ("eh", &email_hash),
                ("ph", &phone_hash),
            ] {
                let var = oxigraph::model::Variable::new_unchecked(var);
                let value =
                    spargebra::term::GroundTerm::Literal(Literal::new_simple_literal(value));
                crate::query::substitute(&mut query, &var, &value)
                    .map_err(|e| StoreError::Query(e.to_string()))?;
            }
            if let QueryResults::Solutions(rows) = self.evaluate(query, None)? {
                for row in rows {
                    let row = row.map_err(|e| StoreError::Query(e.to_string()))?;
                    if let Some(Term::NamedNode(n)) = row.get("p") {
                        if !out.contains(n) {
                            out.push(n.clone());
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Document graphs matching a graph IRI, a SHA-256 (or a unique prefix of one), or a path.
    pub fn find_documents(&self, key: &str) -> Result<Vec<NamedNode>, StoreError> {
        let key = key.trim().trim_start_matches('<').trim_end_matches('>');
        let mut out = Vec::new();
        for g in self.document_graphs()? {
            let sha = g.as_str().rsplit('/').next().unwrap_or("");
            let by_sha = key.len() >= 8 && sha.starts_with(key);
            if g.as_str() == key || by_sha {
                out.push(g);
            }
        }
        if out.is_empty() {
            let canonical = std::fs::canonicalize(key)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| key.to_owned());
            out = self.graphs_with_path(&canonical)?;
        }
        Ok(out)
    }

    /// Named graphs whose source document was ingested from `path`.
    pub fn graphs_with_path(&self, path: &str) -> Result<Vec<NamedNode>, StoreError> {
        let p = NamedNode::new_unchecked(ns::cg("path"));
        let lit = Literal::new_simple_literal(path);
        let mut out = Vec::new();
        for q in
            self.store
                .quads_for_pattern(None, Some(p.as_ref()), Some(lit.as_ref().into()), None)
        {
            if let GraphName::NamedNode(g) = q?.graph_name {
                out.push(g);
            }
        }
        Ok(out)
    }

    /// Load RDF as it is, in one transaction. Triples formats go to `default_graph`
    /// (a named graph), quad formats keep their graphs. Returns the number of quads read.
    pub fn load_rdf(
        &self,
        bytes: &[u8],
        format: RdfFormat,
        default_graph: &NamedNode,
    ) -> Result<usize, StoreError> {
        let parser = RdfParser::from_format(format)
            .with_default_graph(default_graph.clone())
            .for_slice(bytes);
        let quads: Vec<Quad> = parser
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Parse(e.to_string()))?;
        let count = quads.len();
        self.with_journal(|j, s| j.begin(s))?;
        self.journal(|j| j.taint());
        if count >= BULK_RDF_QUADS {
            // One atomic bulk commit: ≈ 10× faster than a transaction on large dumps.
            self.bulk_load(quads, 256)?;
        } else {
            let mut tx = self.store.start_transaction()?;
            for q in &quads {
                tx.insert(q.as_ref());
            }
            tx.commit()?;
        }
        Ok(count)
    }

    /// Evaluate a parsed query with the default graph as the union of all graphs.
    pub fn evaluate(
        &self,
        query: spargebra::Query,
        cancel: Option<oxigraph::sparql::CancellationToken>,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut ev = SparqlEvaluator::new();
        if let Some(token) = cancel {
            ev = ev.with_cancellation_token(token);
        }
        let mut prepared = ev.for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| StoreError::Query(e.to_string()))
    }

    /// Evaluate a query to the end (or until `cancel` fires), discarding the results, and
    /// return the number of solutions (or triples), or the error that stopped it, with the
    /// evaluator's plan and per-node statistics as JSON (partial if it was stopped).
    pub fn explain(
        &self,
        query: spargebra::Query,
        cancel: Option<oxigraph::sparql::CancellationToken>,
    ) -> (Result<usize, StoreError>, String) {
        let mut ev = SparqlEvaluator::new();
        if let Some(token) = cancel {
            ev = ev.with_cancellation_token(token);
        }
        let mut prepared = ev.for_query(query);
        prepared.dataset_mut().set_default_graph_as_union();
        let (results, explanation) = prepared
            .on_store(&self.store)
            .compute_statistics()
            .explain();
        let failed = |e: &dyn std::fmt::Display| StoreError::Query(e.to_string());
        let count = results
            .map_err(|e| failed(&e))
            .and_then(|results| match results {
                QueryResults::Solutions(rows) => rows
                    .map(|r| r.map_err(|e| failed(&e)))
                    .try_fold(0, |n, r| r.map(|_| n + 1)),
                QueryResults::Graph(triples) => triples
                    .map(|r| r.map_err(|e| failed(&e)))
                    .try_fold(0, |n, r| r.map(|_| n + 1)),
                QueryResults::Boolean(_) => Ok(1),
            });
        let mut json = Vec::new();
        if let Err(e) = explanation.write_in_json(&mut json) {
            return (Err(failed(&e)), String::new());
        }
        (count, String::from_utf8_lossy(&json).into_owned())
    }

    /// Count one number with a SELECT (COUNT(...) AS ?n) query.
    fn count(&self, body: &str) -> Result<u64, StoreError> {
        let text = format!(
            "PREFIX cg: <{}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {body} }}",
            ns::CG
        );
        let query = spargebra::SparqlParser::new()
            .parse_query(&text)
            .map_err(|e| StoreError::Query(e.to_string()))?;
        if let QueryResults::Solutions(mut rows) = self.evaluate(query, None)? {
            if let Some(row) = rows.next() {
                let row = row.map_err(|e| StoreError::Query(e.to_string()))?;
                if let Some(Term::Literal(l)) = row.get("n") {
                    return Ok(l.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(0)
    }

    /// Counts of documents, people, organisations…
    pub fn stats(&self) -> Result<Stats, StoreError> {
        Ok(Stats {
            documents: self.count("?x a cg:SourceDocument")?,
            people: self.count("?x a cg:Person")?,
            role_profiles: self.count("?x a cg:RoleProfile")?,
            organizations: self.count("?s cg:organization ?x")?,
            positions: self.count("?x a cg:Position")?,
            technologies: self.count(
                "{ ?s cg:usedTechnology ?x } UNION { ?s cg:hasSkill ?x } UNION { ?s cg:requiresTechnology ?x }",
            )?,
            metrics: self.count("?x a cg:Metric")?,
            graphs: self.store.named_graphs().count() as u64,
            triples: self.store.len()? as u64,
        })
    }

    /// Data graphs: every named graph but the vocabulary and meta graphs (document graphs,
    /// their derived graphs, RDF loaded as it is), sorted.
    pub fn data_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                if n.as_str() != ns::VOCABULARY_GRAPH && n.as_str() != ns::META_GRAPH {
                    out.push(n);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Document graphs: data graphs that are not derived from another graph, sorted.
    pub fn document_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let derived = self.derived_graphs()?;
        let mut out = self.data_graphs()?;
        out.retain(|g| derived.binary_search(g).is_err());
        Ok(out)
    }

    /// Derived graphs (each declares itself `cg:derivedFromGraph` its document graph), sorted.
    pub fn derived_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let p = NamedNode::new_unchecked(ns::cg("derivedFromGraph"));
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
        {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (&q.subject, &q.graph_name)
            {
                if s == g {
                    out.push(g.clone());
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Number of quads in every non-empty named graph, counted by one grouped SPARQL
    /// count over encoded terms: unlike counting [`graph_len`](Self::graph_len) graph by
    /// graph, no term is decoded (a string lookup each), so it is one index scan.
    pub fn graph_sizes(&self) -> Result<std::collections::HashMap<NamedNode, usize>, StoreError> {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
            .map_err(|e| StoreError::Query(e.to_string()))?;
        let mut out = std::collections::HashMap::new();
        if let QueryResults::Solutions(rows) = self.evaluate(query, None)? {
            for row in rows {
                let row = row.map_err(|e| StoreError::Query(e.to_string()))?;
                if let (Some(Term::NamedNode(g)), Some(Term::Literal(n))) =
                    (row.get("g"), row.get("n"))
                {
                    out.insert(g.clone(), n.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(out)
    }

    /// Number of quads in one graph.
    pub fn graph_len(&self, graph: &NamedNode) -> Result<usize, StoreError> {
        let g: GraphNameRef<'_> = graph.as_ref().into();
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(g))
            .count())
    }
}

fn open_disk(path: &Path, read_only: bool) -> Result<Store, StoreError> {
    #[cfg(feature = "disk")]
    {
        let result = if read_only {
            Store::open_read_only(path)
        } else {
            if let Err(e) = std::fs::create_dir_all(path) {
                return Err(StoreError::Open {
                    path: path.to_owned(),
                    source: StorageError::Io(e),
                });
            }
            Store::open(path)
        };
        let pid_file = path.join("careergraph.pid");
        if result.is_ok() && !read_only {
            // Best effort: lets a second writer name the process holding the store.
            let _ = std::fs::write(&pid_file, std::process::id().to_string());
            remove_orphan_bulk_files(path);
        }
        result.map_err(|e| {
            let msg = e.to_string();
            if msg.contains("LOCK") || msg.contains("lock") {
                StoreError::InUse {
                    path: path.to_owned(),
                    holder: std::fs::read_to_string(&pid_file)
                        .ok()
                        .and_then(|p| p.trim().parse().ok()),
                }
            } else {
                StoreError::Open {
                    path: path.to_owned(),
                    source: e,
                }
            }
        })
    }
    #[cfg(not(feature = "disk"))]
    {
        let _ = (path, read_only);
        Err(StoreError::NoDiskSupport)
    }
}

/// The `cg:path` triple of a document, in the document's own graph.
/// Graphs derived from `graph` (they declare themselves `cg:derivedFromGraph` it, in
/// themselves): they are dropped with it.
fn companion_graphs(
    tx: &oxigraph::store::Transaction<'_>,
    graph: &NamedNode,
) -> Result<Vec<NamedNode>, StoreError> {
    let p = NamedNode::new_unchecked(ns::cg("derivedFromGraph"));
    let mut out = Vec::new();
    for q in tx.quads_for_pattern(None, Some(p.as_ref()), Some(graph.as_ref().into()), None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (q.subject, q.graph_name)
        {
            if s == g && !out.contains(&g) {
                out.push(g);
            }
        }
    }
    Ok(out)
}

fn path_quad(graph: &NamedNode, path: &str) -> Quad {
    Quad::new(
        graph.clone(),
        NamedNode::new_unchecked(ns::cg("path")),
        Literal::new_simple_literal(path),
        graph.clone(),
    )
}

/// Delete table files a bulk load killed before its commit left behind (`bulk-*.sst`:
/// Oxigraph's loader writes them next to the database and links them in at commit, so
/// while we hold the write lock no live loader can own one). Best effort.
#[cfg(feature = "disk")]
fn remove_orphan_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Version of what [`vocabulary_quads`] derives from the sources (part of the hash, so a
/// change reloads the vocabulary graph of existing stores).
const VOCABULARY_DERIVATION: &str = "labelKey-2";

/// The vocabulary graph: the embedded ontology files, plus a `cg:labelKey` search key
/// for every label (`skos:prefLabel`, `skos:altLabel`, `cg:contextLabel`, `rdfs:label`)
/// and for the local name of every technology, organisation and metric kind (`mk:qps`
/// → "qps").
fn vocabulary_quads(graph: &NamedNode) -> Vec<Quad> {
    let label_predicates = [
        format!("{}prefLabel", ns::SKOS),
        format!("{}altLabel", ns::SKOS),
        format!("{}label", ns::RDFS),
        ns::cg("contextLabel"),
    ];
    let key_p = NamedNode::new_unchecked(ns::cg("labelKey"));
    let mut keys = std::collections::HashSet::new();
    let mut out = Vec::new();
    for q in &vocabulary().quads {
        out.push(Quad::new(
            q.subject.clone(),
            q.predicate.clone(),
            q.object.clone(),
            graph.clone(),
        ));
        if let Term::Literal(label) = &q.object {
            if label_predicates.iter().any(|p| p == q.predicate.as_str()) {
                let local_name = match &q.subject {
                    oxigraph::model::NamedOrBlankNode::NamedNode(n) => {
                        [ns::TECH, ns::ORG_VOCAB, ns::METRIC_KIND]
                            .iter()
                            .find_map(|concepts| n.as_str().strip_prefix(concepts))
                            .map(crate::map::label_key)
                            .unwrap_or_default()
                    }
                    _ => String::new(),
                };
                let key = crate::map::label_key(label.value());
                for key in [key, local_name] {
                    if key.is_empty() || !keys.insert((q.subject.clone(), key.clone())) {
                        continue;
                    }
                    out.push(Quad::new(
                        q.subject.clone(),
                        key_p.clone(),
                        Literal::new_simple_literal(key),
                        graph.clone(),
                    ));
                }
            }
        }
    }
    out
}

/// Hash of the embedded vocabulary sources (changes when any .ttl changes).
pub fn vocabulary_hash() -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(VOCABULARY_DERIVATION);
    for (name, text) in vocab::SOURCES {
        h.update(name.as_bytes());
        h.update(text.as_bytes());
    }
    crate::map::hex(&h.finalize())[..32].to_owned()
}

/// A random token (hex): store salts, index stamps.
pub(crate) fn random_token() -> String {
    random_hex()
}

fn random_hex() -> String {
    use std::io::Read;
    let mut buf = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if !from_os {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let mut h = Sha256::new();
        h.update(now.to_le_bytes());
        h.update(std::process::id().to_le_bytes());
        buf.copy_from_slice(&h.finalize()[..16]);
    }
    crate::map::hex(&buf)
}
