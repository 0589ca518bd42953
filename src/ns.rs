//! Namespaces and well-known IRIs. One place, so a typo cannot mint a new term.

/// The careergraph ontology namespace.
pub const CG: &str = "https://w3id.org/careergraph/ont#";
/// Technology concepts.
pub const TECH: &str = "https://w3id.org/careergraph/tech/";
/// Organisation concepts.
pub const ORG_VOCAB: &str = "https://w3id.org/careergraph/org/";
/// Metric-kind concepts.
pub const METRIC_KIND: &str = "https://w3id.org/careergraph/metric/";
/// Heading concepts.
pub const HEADING: &str = "https://w3id.org/careergraph/heading/";
/// Lexicon collections.
pub const LEXICON: &str = "https://w3id.org/careergraph/lexicon/";
/// Seniority levels (`ontology/time.ttl`).
pub const SENIORITY: &str = "https://w3id.org/careergraph/seniority/";
/// Default base IRI for instance data (people, positions, documents…).
pub const DEFAULT_BASE: &str = "https://w3id.org/careergraph/data/";
/// The named graph holding the ontology and concept schemes.
pub const VOCABULARY_GRAPH: &str = "https://w3id.org/careergraph/graph/vocabulary";
/// The named graph holding store metadata (salt, schema version).
pub const META_GRAPH: &str = "https://w3id.org/careergraph/graph/meta";

/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDFS.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// OWL.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// schema.org.
pub const SCHEMA: &str = "https://schema.org/";
/// W3C Organization ontology.
pub const ORG: &str = "http://www.w3.org/ns/org#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// Web Annotation.
pub const OA: &str = "http://www.w3.org/ns/oa#";
/// QUDT units.
pub const UNIT: &str = "http://qudt.org/vocab/unit/";

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Prefixes used when printing Turtle and in named queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("cg", CG),
    ("tech", TECH),
    ("orgv", ORG_VOCAB),
    ("mk", METRIC_KIND),
    ("sen", SENIORITY),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("schema", SCHEMA),
    ("org", ORG),
    ("prov", PROV),
    ("skos", SKOS),
    ("oa", OA),
    ("unit", UNIT),
];

/// `cg:` + local name.
pub fn cg(local: &str) -> String {
    format!("{CG}{local}")
}
