//! The writer's side of the index protocol (see the module documentation of
//! [`crate::index`]): stamp removed before the first write, changes applied in memory,
//! file then stamp written at the end; a rebuild from the store when the old file could
//! not be trusted.

use super::entry::{classes, entry_from_quads, predicates};
use super::file::Index;
use super::{index_path, set_stamp, stamp, IndexError};
use crate::ns;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Changes of one write session.
#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    state: Option<State>,
}

#[derive(Debug)]
struct State {
    /// The index being updated; `None` = rebuild from the store at the end.
    index: Option<Index>,
    /// Documents to re-read from the store at the end (a forgotten resource touched them).
    refresh: HashSet<String>,
    tainted: bool,
}

impl Journal {
    /// A journal for the store in `dir`.
    pub fn new(dir: PathBuf) -> Journal {
        Journal { dir, state: None }
    }

    /// Call before every write: the first call loads the index (if it matches the
    /// store) and removes the store's stamp in a committed transaction.
    pub fn begin(&mut self, store: &Store) -> Result<(), IndexError> {
        if self.state.is_some() {
            return Ok(());
        }
        let token = stamp(store)?;
        let file = match Index::read(&index_path(&self.dir)) {
            Ok(f) => f,
            Err(IndexError::Damaged(_)) => None,
            Err(e) => return Err(e),
        };
        let index = match (token, file) {
            (Some(t), Some(idx)) if idx.token == t => Some(idx),
            _ if !has_data_graphs(store)? => Some(Index::empty()),
            _ => None,
        };
        set_stamp(store, None)?;
        self.state = Some(State {
            index,
            refresh: HashSet::new(),
            tainted: false,
        });
        Ok(())
    }

    /// A document was committed with these quads (its document and derived graphs).
    pub fn added(&mut self, graph: &str, quads: &[Quad]) {
        if let Some(idx) = self.state.as_mut().and_then(|s| s.index.as_mut()) {
            idx.add(graph, &entry_from_quads(quads));
        }
    }

    /// A document was committed whose entry was computed beforehand.
    pub fn added_entry(&mut self, graph: &str, entry: &super::entry::Entry) {
        if let Some(idx) = self.state.as_mut().and_then(|s| s.index.as_mut()) {
            idx.add(graph, entry);
        }
    }

    /// These document graphs were dropped.
    pub fn dropped(&mut self, graphs: &[NamedNode]) {
        if let Some(idx) = self.state.as_mut().and_then(|s| s.index.as_mut()) {
            idx.drop_docs(&graphs.iter().map(|g| g.as_str().to_owned()).collect());
        }
    }

    /// Every quad mentioning `iri` was removed: documents whose entry mentions it are
    /// re-read from the store at the end.
    pub fn mentioned(&mut self, iri: &str) {
        if let Some(state) = self.state.as_mut() {
            if let Some(idx) = &state.index {
                let docs = idx.docs_mentioning(iri);
                state.refresh.extend(docs);
            }
        }
    }

    /// RDF was loaded as it is: the index no longer answers for this store.
    pub fn taint(&mut self) {
        if let Some(state) = self.state.as_mut() {
            state.tainted = true;
        }
    }

    /// End of the write session: write the index file, then the stamp.
    pub fn finish(&mut self, store: &Store) -> Result<(), IndexError> {
        let Some(state) = self.state.take() else {
            return Ok(());
        };
        let mut index = match state.index {
            Some(i) => i,
            None => rebuild(store)?,
        };
        if !state.refresh.is_empty() {
            index.drop_docs(&state.refresh);
            for g in &state.refresh {
                let node = NamedNode::new_unchecked(g.as_str());
                if store.contains_named_graph(node.as_ref())? {
                    let quads = graph_quads(store, node.as_ref())?;
                    index.add(g, &entry_from_quads(&quads));
                }
            }
        }
        let mut index = if index.has_dropped() {
            index.compact()
        } else {
            index
        };
        index.tainted |= state.tainted;
        index.token = crate::store::random_token();
        index.write(&index_path(&self.dir))?;
        set_stamp(store, Some(&index.token))?;
        Ok(())
    }
}

fn has_data_graphs(store: &Store) -> Result<bool, IndexError> {
    for g in store.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g? {
            if n.as_str() != ns::VOCABULARY_GRAPH && n.as_str() != ns::META_GRAPH {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Documents' graphs (`<g> a cg:SourceDocument` in `g`) and derived graphs → their document.
fn documents(store: &Store) -> Result<(HashSet<String>, HashMap<String, String>), IndexError> {
    let mut docs = HashSet::new();
    let rdf_type = NamedNode::new_unchecked(ns::RDF_TYPE);
    let source = NamedNode::new_unchecked(ns::cg("SourceDocument"));
    for q in store.quads_for_pattern(
        None,
        Some(rdf_type.as_ref()),
        Some(source.as_ref().into()),
        None,
    ) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
            (&q.subject, &q.graph_name)
        {
            if s == g {
                docs.insert(g.as_str().to_owned());
            }
        }
    }
    let mut derived = HashMap::new();
    let from = NamedNode::new_unchecked(ns::cg("derivedFromGraph"));
    for q in store.quads_for_pattern(None, Some(from.as_ref()), None, None) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g), Term::NamedNode(d)) =
            (&q.subject, &q.graph_name, &q.object)
        {
            if s == g {
                derived.insert(g.as_str().to_owned(), d.as_str().to_owned());
            }
        }
    }
    Ok((docs, derived))
}

/// Quads of a document graph and of the graphs derived from it.
fn graph_quads(store: &Store, graph: NamedNodeRef<'_>) -> Result<Vec<Quad>, IndexError> {
    let from = NamedNode::new_unchecked(ns::cg("derivedFromGraph"));
    let mut graphs = vec![graph.into_owned()];
    for q in store.quads_for_pattern(None, Some(from.as_ref()), Some(graph.into()), None) {
        if let GraphName::NamedNode(g) = q?.graph_name {
            graphs.push(g);
        }
    }
    let mut out = Vec::new();
    for g in &graphs {
        for q in store.quads_for_pattern(None, None, None, Some(g.as_ref().into())) {
            out.push(q?);
        }
    }
    Ok(out)
}

/// The index of everything in the store, read predicate by predicate (the entries need a
/// dozen predicates out of the whole graph). A graph that is neither a document nor
/// derived from one taints the index.
pub fn rebuild(store: &Store) -> Result<Index, IndexError> {
    let (docs, derived) = documents(store)?;
    let mut tainted = false;
    for g in store.named_graphs() {
        let g = g?;
        let name = g.to_string();
        let name = name.trim_start_matches('<').trim_end_matches('>');
        if name != ns::VOCABULARY_GRAPH
            && name != ns::META_GRAPH
            && !docs.contains(name)
            && !derived.contains_key(name)
        {
            tainted = true;
        }
    }
    let mut per_doc: HashMap<&str, Vec<Quad>> = HashMap::new();
    let rdf_type = NamedNode::new_unchecked(ns::RDF_TYPE);
    let classes: Vec<NamedNode> = classes()
        .into_iter()
        .map(NamedNode::new_unchecked)
        .collect();
    let mut scans: Vec<(NamedNode, Option<&NamedNode>)> = Vec::new();
    for p in predicates() {
        let p = NamedNode::new_unchecked(p);
        if p == rdf_type {
            // Only the types the entries test: every node has one.
            scans.extend(classes.iter().map(|c| (p.clone(), Some(c))));
        } else {
            scans.push((p, None));
        }
    }
    for (p, class) in &scans {
        let object = class.map(|c| c.as_ref().into());
        for q in store.quads_for_pattern(None, Some(p.as_ref()), object, None) {
            let q = q?;
            let doc = match &q.graph_name {
                GraphName::NamedNode(g) => docs
                    .get(g.as_str())
                    .map(String::as_str)
                    .or_else(|| derived.get(g.as_str()).map(String::as_str)),
                _ => None,
            };
            match doc {
                Some(d) => per_doc
                    .entry(docs.get(d).map_or(d, String::as_str))
                    .or_default()
                    .push(q),
                None if matches!(&q.graph_name, GraphName::NamedNode(g) if g.as_str() == ns::VOCABULARY_GRAPH || g.as_str() == ns::META_GRAPH) =>
                    {}
                None => tainted = true,
            }
        }
    }
    let mut index = Index::empty();
    let mut sorted: Vec<&String> = docs.iter().collect();
    sorted.sort();
    for d in sorted {
        let quads = per_doc.get(d.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        index.add(d, &entry_from_quads(quads));
    }
    index.tainted = tainted;
    Ok(index)
}
