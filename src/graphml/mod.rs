//! Property-graph projection of the RDF graph, streamed to GraphML or DOT.
//!
//! Nodes are the things people draw: people, organisations, positions, technologies,
//! projects/systems, metrics, education records, role profiles. Each node has `kind`,
//! `label` (one language, falling back to the other), `iri` and typed data attributes;
//! each edge has `predicate` (IRI) and `label`. Views collapse positions into
//! person → organisation edges or keep only people and technologies. Only the nodes an
//! edge reaches are drawn.
//!
//! The export streams: document graphs are read one at a time and a document's own nodes
//! are written as soon as they are reached, so memory grows with the people,
//! organisations and technologies (shared between documents) and with the edges kept as
//! numbers, not with the store (`project`). When the store cannot vouch that every graph
//! is an ingested document (no valid query index, or RDF loaded as it is: a node could
//! then span graphs), all graphs are read as one batch, which gives the same graph with
//! memory that grows with the store. Output is deterministic: nodes and edges are
//! numbered in the order the (sorted) graphs reach them; GraphML keys are declared with
//! `attr.type` for every attribute a node or edge of the view can carry.

mod attrs;
mod gather;
mod project;
mod write;

pub use attrs::Value;

use crate::ns;
use crate::store::{CareerStore, StoreError};
use gather::Facts;
use oxigraph::model::{NamedNode, Term};
use std::collections::HashSet;
use std::io::Write;
use write::GraphWriter;

/// Which projection to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// Every node kind; positions are nodes.
    Full,
    /// People and organisations; positions become person → organisation edges.
    PeopleOrgs,
    /// People and technologies (skills and technologies used anywhere).
    PeopleTech,
    /// People, organisations and technologies.
    PeopleOrgsTech,
}

/// How organisation units (Tencent PCG, a unit of Tencent) appear in a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OrgTree {
    /// Units stay nodes, with an `org:unitOf` edge to their parent (up to the top).
    #[default]
    UnitOf,
    /// Units collapse into their top-level organisation (the unit is kept as an attribute).
    Collapse,
}

/// Label language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English labels, Chinese when there is no English.
    En,
    /// Chinese labels, English when there is no Chinese.
    Zh,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GraphML (UTF-8, typed keys).
    GraphMl,
    /// Graphviz DOT (shapes and colours by kind).
    Dot,
}

/// What to project.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The projection.
    pub view: View,
    /// Label language.
    pub lang: Lang,
    /// Only this graph (default: every document graph).
    pub graph: Option<&'a NamedNode>,
    /// Keep only people matching this SPARQL group pattern over `?person`.
    pub where_pattern: Option<&'a str>,
    /// Organisation units as a tree or collapsed.
    pub org_tree: OrgTree,
}

/// Nodes and edges written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Nodes written.
    pub nodes: u64,
    /// Edges written.
    pub edges: u64,
}

/// Projection failures.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Store failure.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The `--where` pattern is not valid SPARQL.
    #[error("--where: {0}")]
    Where(String),
    /// Write failure.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Project the store as `options` say and stream it to `out`.
pub fn export<'w, W: Write + 'w>(
    store: &CareerStore,
    options: &Options<'_>,
    format: Format,
    out: W,
) -> Result<Counts, GraphError> {
    let allowed = options
        .where_pattern
        .map(|w| people_where(store, w))
        .transpose()?;
    let graphs = match options.graph {
        Some(g) => vec![g.clone()],
        None => store.document_graphs()?,
    };
    let per_document = graphs.len() <= 1 || store.graphs_are_ingested()?;
    let writer: Box<dyn GraphWriter + 'w> = match format {
        Format::GraphMl => Box::new(write::GraphMl::start(out, options.view != View::Full)?),
        Format::Dot => Box::new(write::Dot::start(out)?),
    };
    let mut p = project::Projector::new(
        options.view,
        options.lang,
        options.org_tree,
        allowed,
        writer,
    );
    if per_document {
        for g in &graphs {
            let mut facts = Facts::default();
            facts.read_graph(store, g)?;
            facts.finish();
            p.batch(facts)?;
        }
    } else {
        let mut facts = Facts::default();
        for g in &graphs {
            facts.read_graph(store, g)?;
        }
        facts.finish();
        p.batch(facts)?;
    }
    p.finish()
}

/// People selected by a `--where` group pattern binding `?person`.
fn people_where(store: &CareerStore, pattern: &str) -> Result<HashSet<String>, GraphError> {
    let mut text = String::new();
    for (p, iri) in ns::PREFIXES {
        text.push_str(&format!("PREFIX {p}: <{iri}>\n"));
    }
    text.push_str(&format!(
        "SELECT DISTINCT ?person WHERE {{ ?person a cg:Person . {pattern} }}"
    ));
    let query = spargebra::SparqlParser::new()
        .parse_query(&text)
        .map_err(|e| GraphError::Where(e.to_string()))?;
    let mut out = HashSet::new();
    if let oxigraph::sparql::QueryResults::Solutions(rows) = store.evaluate(query, None)? {
        for row in rows {
            let row = row.map_err(|e| GraphError::Where(e.to_string()))?;
            if let Some(Term::NamedNode(n)) = row.get("person") {
                out.insert(n.as_str().to_owned());
            }
        }
    }
    Ok(out)
}
