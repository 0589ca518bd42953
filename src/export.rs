//! RDF export: the store (or one graph) in a standard serialisation, streamed.
//!
//! Quad formats (N-Quads, TriG) keep every named graph; triple formats (Turtle,
//! N-Triples, RDF/XML) write one graph (`--graph`) or all graphs merged. The
//! metadata graph (which holds the store's salt) is never exported.

use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode};
use std::io::Write;

/// Export failures.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Store failure.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Write failure (disk full, broken pipe…).
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// The requested graph does not exist.
    #[error("no graph {0} in the store (see `careergraph stats` or query the graphs)")]
    NoSuchGraph(String),
}

/// Serialise the store (or one graph) to `out`. Returns the number of quads written.
pub fn export_rdf<W: Write>(
    store: &CareerStore,
    format: RdfFormat,
    graph: Option<&NamedNode>,
    out: W,
) -> Result<usize, ExportError> {
    if let Some(g) = graph {
        if !store.has_graph(g)? {
            return Err(ExportError::NoSuchGraph(g.as_str().to_owned()));
        }
    }
    let mut serializer = RdfSerializer::from_format(format);
    if !format.supports_datasets() || format == RdfFormat::TriG {
        for (prefix, iri) in ns::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        }
    }
    let mut writer = serializer.for_writer(out);
    let mut count = 0;
    let graph_filter: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
    for quad in store
        .inner()
        .quads_for_pattern(None, None, None, graph_filter)
    {
        let quad = quad.map_err(StoreError::from)?;
        if quad.graph_name.to_string() == format!("<{}>", ns::META_GRAPH) {
            continue;
        }
        if format.supports_datasets() {
            writer.serialize_quad(&quad)?;
        } else {
            writer.serialize_triple(quad.as_ref())?;
        }
        count += 1;
    }
    writer.finish()?.flush()?;
    Ok(count)
}

/// Extra link graphs for `export --links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Links {
    /// `owl:sameAs` from organisation and technology concepts to Wikidata, in the graph
    /// [`LINKS_GRAPH`], for stores that merge identical resources.
    Owl,
}

/// Named graph of the `owl:sameAs` links.
pub const LINKS_GRAPH: &str = "https://w3id.org/careergraph/graph/links";

/// Write `owl:sameAs` links for every vocabulary concept with a `skos:exactMatch`.
/// Triple formats get the triples; quad formats put them in [`LINKS_GRAPH`].
pub fn export_links<W: Write>(
    store: &CareerStore,
    format: RdfFormat,
    links: Links,
    out: W,
) -> Result<usize, ExportError> {
    let Links::Owl = links;
    let exact = NamedNode::new_unchecked(format!("{}exactMatch", ns::SKOS));
    let same_as = NamedNode::new_unchecked(format!("{}sameAs", ns::OWL));
    let graph = NamedNode::new_unchecked(LINKS_GRAPH);
    let vocab = NamedNode::new_unchecked(ns::VOCABULARY_GRAPH);
    let mut writer = RdfSerializer::from_format(format).for_writer(out);
    let mut n = 0;
    for q in store.inner().quads_for_pattern(
        None,
        Some(exact.as_ref()),
        None,
        Some(vocab.as_ref().into()),
    ) {
        let q = q.map_err(StoreError::from)?;
        let quad = oxigraph::model::Quad::new(q.subject, same_as.clone(), q.object, graph.clone());
        if format.supports_datasets() {
            writer.serialize_quad(&quad)?;
        } else {
            writer.serialize_triple(quad.as_ref())?;
        }
        n += 1;
    }
    writer.finish()?.flush()?;
    Ok(n)
}
