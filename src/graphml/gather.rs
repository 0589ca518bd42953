//! The facts a projection needs, read from document graphs: node kinds (`rdf:type`), edges
//! between resources and the literals that become labels and attributes. Only the
//! predicates the projection uses are read (one index range per graph and predicate), so
//! evidence — most of a document graph — is never decoded.

use super::GraphError;
use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef,
};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// Classes that make a node, and the node kind each gives (`cg:System` wins over
/// `cg:Project` for the same node).
const TYPES: &[(&str, &str)] = &[
    ("Person", "person"),
    ("Position", "position"),
    ("System", "system"),
    ("Project", "project"),
    ("Metric", "metric"),
    ("EducationRecord", "education"),
    ("RoleProfile", "role-profile"),
];

/// The predicates read, as full IRIs, each list sorted so that an index into it orders
/// like the IRI.
pub(super) struct Predicates {
    /// Predicates whose named-node objects are edges.
    pub edge: Vec<String>,
    /// Predicates whose literal objects are labels or attributes.
    pub literal: Vec<String>,
    types: Vec<(NamedNode, &'static str)>,
}

/// The predicate tables (built once).
pub(super) fn predicates() -> &'static Predicates {
    static P: OnceLock<Predicates> = OnceLock::new();
    P.get_or_init(|| {
        let mut edge: Vec<String> = [
            "hasPosition",
            "organization",
            "usedTechnology",
            "workedOn",
            "hasMetric",
            "hasSkill",
            "requiresTechnology",
            "hasEducation",
            "institution",
        ]
        .iter()
        .map(|p| ns::cg(p))
        .chain(std::iter::once(format!("{}wasAssociatedWith", ns::PROV)))
        .collect();
        edge.sort();
        let mut literal: Vec<String> = [
            format!("{}name", ns::SCHEMA),
            format!("{}label", ns::RDFS),
            format!("{}prefLabel", ns::SKOS),
            format!("{}value", ns::SCHEMA),
        ]
        .into_iter()
        .chain(
            [
                "title",
                "startDate",
                "endDate",
                "current",
                "unitText",
                "rawText",
                "degree",
                "field",
                "pinyin",
                "organizationText",
            ]
            .iter()
            .map(|p| ns::cg(p)),
        )
        .collect();
        literal.sort();
        let types = TYPES
            .iter()
            .map(|(c, k)| (NamedNode::new_unchecked(ns::cg(c)), *k))
            .collect();
        Predicates {
            edge,
            literal,
            types,
        }
    })
}

/// The last segment of an IRI (after `#` or `/`).
pub(super) fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// Call `f` with the subject (a named node) and object of every quad of `graph` with
/// `predicate` (and `object`, when given).
fn each(
    store: &CareerStore,
    graph: GraphNameRef<'_>,
    predicate: NamedNodeRef<'_>,
    object: Option<TermRef<'_>>,
    mut f: impl FnMut(NamedNode, Term),
) -> Result<(), GraphError> {
    for q in store
        .inner()
        .quads_for_pattern(None, Some(predicate), object, Some(graph))
    {
        let q = q.map_err(StoreError::from)?;
        if let NamedOrBlankNode::NamedNode(s) = q.subject {
            f(s, q.object);
        }
    }
    Ok(())
}

/// Facts of a set of graphs (one document, or the whole store).
#[derive(Default)]
pub(super) struct Facts {
    /// Node kind by IRI.
    pub kinds: HashMap<String, &'static str>,
    /// `(subject, edge predicate number, object)`, sorted as the IRIs are.
    pub edges: BTreeSet<(String, u8, String)>,
    /// Literals by subject: `(literal predicate number, literal)`, in reading order.
    pub literals: HashMap<String, Vec<(u8, Literal)>>,
}

impl Facts {
    /// Add the facts of one graph.
    pub fn read_graph(&mut self, store: &CareerStore, graph: &NamedNode) -> Result<(), GraphError> {
        let p = predicates();
        let g: GraphNameRef<'_> = graph.as_ref().into();
        let rdf_type = NamedNodeRef::new_unchecked(ns::RDF_TYPE);
        for (class, kind) in &p.types {
            each(store, g, rdf_type, Some(class.as_ref().into()), |s, _| {
                let entry = self.kinds.entry(s.into_string()).or_insert(*kind);
                if *kind == "system" {
                    *entry = *kind;
                }
            })?;
        }
        for (i, pred) in p.edge.iter().enumerate() {
            each(store, g, NamedNodeRef::new_unchecked(pred), None, |s, o| {
                if let Term::NamedNode(o) = o {
                    self.edges
                        .insert((s.into_string(), i as u8, o.into_string()));
                }
            })?;
        }
        for (i, pred) in p.literal.iter().enumerate() {
            each(store, g, NamedNodeRef::new_unchecked(pred), None, |s, o| {
                if let Term::Literal(l) = o {
                    let lits = self.literals.entry(s.into_string()).or_default();
                    lits.push((i as u8, l));
                }
            })?;
        }
        Ok(())
    }

    /// Once every graph is read: objects of organisation / technology edges are
    /// organisations / technologies unless typed otherwise.
    pub fn finish(&mut self) {
        let p = predicates();
        for (_, i, o) in &self.edges {
            let kind = match local(&p.edge[usize::from(*i)]) {
                "organization" | "institution" => "organization",
                "usedTechnology" | "hasSkill" | "requiresTechnology" => "technology",
                _ => continue,
            };
            self.kinds.entry(o.clone()).or_insert(kind);
        }
    }

    /// The literals of a subject (empty if none).
    pub fn literals_of(&self, iri: &str) -> &[(u8, Literal)] {
        self.literals.get(iri).map(Vec::as_slice).unwrap_or(&[])
    }
}
