//! `careergraph validate`: check a store against the SHACL shapes of `ontology/shapes.ttl`.
//!
//! The shapes are compiled in and parsed with Oxigraph's Turtle parser. Only the
//! SHACL-Core subset the shapes use is implemented, and anything else in a shape is
//! rejected when the shapes load (nothing is silently ignored):
//!
//! * targets: `sh:targetClass` (instances through `rdf:type/rdfs:subClassOf*`; the ontology
//!   sits in the store's vocabulary graph, so subclasses count) and `sh:targetSubjectsOf`
//!   (every subject of a property: nodes whose class a property's domain implies and that
//!   carry no `rdf:type` of their own);
//! * `sh:property` with `sh:path` an IRI or `[ sh:inversePath IRI ]`;
//! * `sh:minCount`, `sh:maxCount`, `sh:datatype` (numeric datatypes must also be well
//!   formed), `sh:class`, `sh:nodeKind`, `sh:in`, `sh:pattern` (+ `sh:flags`),
//!   `sh:lessThanOrEquals`, `sh:or` of shapes made of those value constraints;
//! * `sh:severity` (`sh:Violation` by default, or `sh:Warning`) and `sh:message`.
//!
//! Every constraint of every property shape becomes one SPARQL SELECT over the store's
//! union default graph, returning the focus nodes (and values) that break it.

use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, TermRef,
    Triple,
};
use oxigraph::sparql::QueryResults;
use std::collections::HashSet;
use std::fmt;

/// The shapes, compiled in.
const SHAPES_TTL: &str = include_str!("../ontology/shapes.ttl");
/// The SHACL namespace.
const SH: &str = "http://www.w3.org/ns/shacl#";

/// How serious a validation result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// `sh:Violation` (the default): the graph does not conform.
    Violation,
    /// `sh:Warning`: worth a look, but the graph still conforms.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Violation => "Violation",
            Severity::Warning => "Warning",
        })
    }
}

/// One validation result: a focus node that breaks one constraint of a property shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Violation {
    /// The focus node: an IRI, or `_:id` for a blank node.
    pub focus: String,
    /// The property path, compacted with the usual prefixes (`cg:holder`, `^cg:holder`).
    pub path: String,
    /// The constraint parameter that failed (`sh:minCount`, `sh:datatype`, `sh:or`…).
    pub constraint: String,
    /// Severity of the property shape.
    pub severity: Severity,
    /// The shape's `sh:message` (English when there is a choice).
    pub message: String,
    /// The offending value in N-Triples syntax, for value constraints; `None` for
    /// cardinality constraints.
    pub value: Option<String>,
}

/// The outcome of a validation run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// False only if at least one [`Severity::Violation`] result exists.
    pub conforms: bool,
    /// All results, violations and warnings, in shape order.
    pub violations: Vec<Violation>,
    /// Number of node shapes checked.
    pub checked_shapes: usize,
    /// Documents ingested by an older careergraph (no derived graph, or an older derived
    /// format): the store does not conform until they are re-ingested.
    pub stale: crate::freshness::Staleness,
    /// What to do about `stale`, when anything is stale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reingest: Option<String>,
}

impl Report {
    /// Number of results of the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.violations
            .iter()
            .filter(|v| v.severity == severity)
            .count()
    }
}

/// Validation failures (not results: a graph that does not conform is an `Ok` report).
#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    /// `shapes.ttl` is not valid Turtle.
    #[error("ontology/shapes.ttl does not parse: {0}")]
    ShapesSyntax(String),
    /// A shape uses something this validator does not implement, or is malformed.
    #[error("unsupported or malformed shape {shape}: {reason}")]
    Shape {
        /// The shape (IRI or blank node).
        shape: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A generated validation query failed to parse or evaluate.
    #[error("validation query failed: {reason}\nquery: {query}")]
    Query {
        /// The query text.
        query: String,
        /// Parser or evaluator message.
        reason: String,
    },
}

/// Validate the whole store (union of all graphs) against the compiled-in shapes.
///
/// At most `limit_per_constraint` results are reported per constraint of a property
/// shape (`0` means no limit); `conforms` is exact either way.
///
/// A store whose documents need re-ingest ([`crate::freshness`]) does not conform either:
/// its derived facts are missing or of an older form.
pub fn validate(store: &CareerStore, limit_per_constraint: usize) -> Result<Report, ValidateError> {
    let mut report = validate_shapes(store, limit_per_constraint)?;
    report.stale = crate::freshness::check(store)?;
    report.reingest = report.stale.message();
    report.conforms &= !report.stale.needs_reingest();
    Ok(report)
}

/// The SHACL part of [`validate`].
fn validate_shapes(
    store: &CareerStore,
    limit_per_constraint: usize,
) -> Result<Report, ValidateError> {
    let shapes = Shapes::load()?;
    let mut seen = HashSet::new();
    let mut violations = Vec::new();
    for node in &shapes.nodes {
        for prop in &node.properties {
            for constraint in &prop.constraints {
                for target in &node.targets {
                    for v in check(store, target, prop, constraint, limit_per_constraint)? {
                        if seen.insert(v.clone()) {
                            violations.push(v);
                        }
                    }
                }
            }
        }
    }
    Ok(Report {
        conforms: !violations.iter().any(|v| v.severity == Severity::Violation),
        violations,
        checked_shapes: shapes.nodes.len(),
        stale: crate::freshness::Staleness::default(),
        reingest: None,
    })
}

/// Validate quads on their own (e.g. one record's graph), in a fresh in-memory store that
/// holds the vocabulary as a real store does, against the shapes only (a document graph
/// alone has no derived graph). Every result is reported.
pub fn validate_quads(quads: &[Quad]) -> Result<Report, ValidateError> {
    let store = CareerStore::memory()?;
    store
        .inner()
        .extend(quads.iter().cloned())
        .map_err(StoreError::from)?;
    validate_shapes(&store, 0)
}

// ---------------------------------------------------------------- the shapes model

/// The parsed shapes.
#[derive(Debug)]
struct Shapes {
    nodes: Vec<NodeShape>,
}

/// A node shape with its targets and property shapes.
#[derive(Debug)]
struct NodeShape {
    targets: Vec<Target>,
    properties: Vec<PropertyShape>,
}

/// A supported target of a node shape.
#[derive(Debug, Clone)]
enum Target {
    /// `sh:targetClass`: instances of the class or of a subclass.
    Class(NamedNode),
    /// `sh:targetSubjectsOf`: subjects of the property.
    SubjectsOf(NamedNode),
}

impl Target {
    /// The graph pattern binding `?focus` to the target's nodes.
    fn pattern(&self) -> String {
        match self {
            Target::Class(class) => format!(
                "?focus <{}>/<{}>* {class} .",
                rdf::TYPE.as_str(),
                rdfs("subClassOf").as_str()
            ),
            Target::SubjectsOf(p) => format!("?focus {p} ?target_object ."),
        }
    }
}

/// A property shape: one path, one severity, one message, several constraints.
#[derive(Debug)]
struct PropertyShape {
    path: PropPath,
    severity: Severity,
    message: String,
    constraints: Vec<Constraint>,
}

/// A supported `sh:path`.
#[derive(Debug, Clone)]
enum PropPath {
    Predicate(NamedNode),
    Inverse(NamedNode),
}

/// A constraint of a property shape.
#[derive(Debug)]
enum Constraint {
    MinCount(u64),
    MaxCount(u64),
    Value(ValueConstraint),
    /// `sh:or`: a value conforms if it conforms to all constraints of any alternative.
    Or(Vec<Vec<ValueConstraint>>),
    LessThanOrEquals(NamedNode),
}

/// A constraint on each value node on its own.
#[derive(Debug)]
enum ValueConstraint {
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(NodeKind),
    In(Vec<Term>),
    Pattern { pattern: String, flags: String },
}

/// `sh:nodeKind` values.
#[derive(Debug, Clone, Copy)]
enum NodeKind {
    Iri,
    BlankNode,
    Literal,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

fn rdfs(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", ns::RDFS))
}

/// The parsed shapes graph with the triples in file order (for stable output order).
struct ShapesGraph {
    graph: Graph,
    triples: Vec<Triple>,
}

impl ShapesGraph {
    fn objects<'a>(
        &'a self,
        s: NamedOrBlankNodeRef<'a>,
        p: &'a NamedNode,
    ) -> impl Iterator<Item = TermRef<'a>> + 'a {
        self.triples
            .iter()
            .filter(move |t| t.subject.as_ref() == s && t.predicate == *p)
            .map(|t| t.object.as_ref())
    }

    fn object<'a>(&'a self, s: NamedOrBlankNodeRef<'a>, p: &'a NamedNode) -> Option<TermRef<'a>> {
        self.graph.object_for_subject_predicate(s, p)
    }

    fn predicates<'a>(
        &'a self,
        s: NamedOrBlankNodeRef<'a>,
    ) -> impl Iterator<Item = NamedNodeRef<'a>> + 'a {
        self.graph.triples_for_subject(s).map(|t| t.predicate)
    }

    /// The members of an RDF list.
    fn list(&self, head: TermRef<'_>, shape: &str) -> Result<Vec<Term>, ValidateError> {
        let bad = |reason: &str| ValidateError::Shape {
            shape: shape.to_owned(),
            reason: reason.to_owned(),
        };
        let (first, rest) = (rdf::FIRST.into_owned(), rdf::REST.into_owned());
        let mut out = Vec::new();
        let mut node = head.into_owned();
        while node != Term::from(rdf::NIL.into_owned()) {
            let subject = as_node(&node).ok_or_else(|| bad("an RDF list node is a literal"))?;
            let item = self
                .object(subject.as_ref(), &first)
                .ok_or_else(|| bad("an RDF list node has no rdf:first"))?;
            out.push(item.into_owned());
            node = self
                .object(subject.as_ref(), &rest)
                .ok_or_else(|| bad("an RDF list node has no rdf:rest"))?
                .into_owned();
            if out.len() > 10_000 {
                return Err(bad("an RDF list is cyclic"));
            }
        }
        Ok(out)
    }
}

fn as_node(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        Term::Literal(_) => None,
    }
}

fn show_node(node: NamedOrBlankNodeRef<'_>) -> String {
    match node {
        NamedOrBlankNodeRef::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNodeRef::BlankNode(b) => b.to_string(),
    }
}

/// `cg:holder` for an IRI in a known namespace, `<iri>` otherwise.
fn compact(iri: &str) -> String {
    ns::PREFIXES
        .iter()
        .chain([("sh", SH)].iter())
        .find_map(|(p, base)| {
            iri.strip_prefix(base)
                .filter(|l| !l.is_empty())
                .map(|local| format!("{p}:{local}"))
        })
        .unwrap_or_else(|| format!("<{iri}>"))
}

impl Shapes {
    /// Parse the compiled-in `ontology/shapes.ttl`.
    fn load() -> Result<Self, ValidateError> {
        Self::parse(SHAPES_TTL)
    }

    fn parse(ttl: &str) -> Result<Self, ValidateError> {
        let triples: Vec<Triple> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ttl.as_bytes())
            .map(|q| q.map(Triple::from))
            .collect::<Result<_, _>>()
            .map_err(|e| ValidateError::ShapesSyntax(e.to_string()))?;
        let graph: Graph = triples.iter().collect();
        let g = ShapesGraph { graph, triples };

        let node_shape = Term::from(sh("NodeShape"));
        let (type_p, class_p, subjects_p) = (
            rdf::TYPE.into_owned(),
            sh("targetClass"),
            sh("targetSubjectsOf"),
        );
        let mut ids: Vec<NamedOrBlankNode> = Vec::new();
        for t in &g.triples {
            let is_shape = (t.predicate == type_p && t.object == node_shape)
                || t.predicate == class_p
                || t.predicate == subjects_p;
            if is_shape && !ids.contains(&t.subject) {
                ids.push(t.subject.clone());
            }
        }
        let nodes = ids
            .iter()
            .map(|id| parse_node_shape(&g, id.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(Shapes { nodes })
    }
}

fn parse_node_shape(
    g: &ShapesGraph,
    id: NamedOrBlankNodeRef<'_>,
) -> Result<NodeShape, ValidateError> {
    let name = show_node(id);
    let bad = |reason: String| ValidateError::Shape {
        shape: name.clone(),
        reason,
    };
    let allowed = [
        rdf::TYPE.into_owned(),
        sh("targetClass"),
        sh("targetSubjectsOf"),
        sh("property"),
        rdfs("comment"),
        rdfs("label"),
    ];
    if let Some(p) = g.predicates(id).find(|p| !allowed.iter().any(|a| a == p)) {
        return Err(bad(format!(
            "{} is not supported on a node shape",
            compact(p.as_str())
        )));
    }
    let mut targets = Vec::new();
    for (p, make) in [
        ("targetClass", Target::Class as fn(NamedNode) -> Target),
        ("targetSubjectsOf", Target::SubjectsOf),
    ] {
        for t in g.objects(id, &sh(p)) {
            match t {
                TermRef::NamedNode(n) => targets.push(make(n.into_owned())),
                _ => return Err(bad(format!("sh:{p} must be an IRI"))),
            }
        }
    }
    if targets.is_empty() {
        return Err(bad(
            "a node shape needs an sh:targetClass or sh:targetSubjectsOf".to_owned(),
        ));
    }
    let property_p = sh("property");
    let properties = g
        .objects(id, &property_p)
        .map(|t| match as_node(&t.into_owned()) {
            Some(p) => parse_property_shape(g, p.as_ref()),
            None => Err(bad("sh:property must be a node".to_owned())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(NodeShape {
        targets,
        properties,
    })
}

fn parse_property_shape(
    g: &ShapesGraph,
    id: NamedOrBlankNodeRef<'_>,
) -> Result<PropertyShape, ValidateError> {
    let name = show_node(id);
    let bad = |reason: String| ValidateError::Shape {
        shape: name.clone(),
        reason,
    };
    let path_p = sh("path");
    let path = match g.object(id, &path_p) {
        Some(TermRef::NamedNode(p)) => PropPath::Predicate(p.into_owned()),
        Some(TermRef::BlankNode(b)) => {
            let inverse_p = sh("inversePath");
            let preds: Vec<_> = g.predicates(b.into()).collect();
            match g.object(b.into(), &inverse_p) {
                Some(TermRef::NamedNode(p)) if preds.len() == 1 => {
                    PropPath::Inverse(p.into_owned())
                }
                _ => {
                    return Err(bad(
                        "only IRI paths and [ sh:inversePath IRI ] are supported".to_owned(),
                    ))
                }
            }
        }
        _ => return Err(bad("a property shape needs one IRI sh:path".to_owned())),
    };
    if g.objects(id, &path_p).count() != 1 {
        return Err(bad("a property shape needs exactly one sh:path".to_owned()));
    }

    let mut severity = Severity::Violation;
    let mut messages: Vec<oxigraph::model::Literal> = Vec::new();
    let mut constraints = Vec::new();
    let mut pattern_seen = false;
    for t in g.triples.iter().filter(|t| t.subject.as_ref() == id) {
        let p = t.predicate.as_str();
        let Some(local) = p.strip_prefix(SH) else {
            if t.predicate == rdfs("comment") || t.predicate == rdfs("label") {
                continue;
            }
            return Err(bad(format!(
                "{} is not supported on a property shape",
                compact(p)
            )));
        };
        match local {
            "path" | "flags" | "name" | "description" | "order" => {}
            "minCount" => constraints.push(Constraint::MinCount(count(&t.object, &bad)?)),
            "maxCount" => constraints.push(Constraint::MaxCount(count(&t.object, &bad)?)),
            "lessThanOrEquals" => match &t.object {
                Term::NamedNode(n) => constraints.push(Constraint::LessThanOrEquals(n.clone())),
                _ => return Err(bad("sh:lessThanOrEquals must be an IRI".to_owned())),
            },
            "severity" => {
                severity = match &t.object {
                    Term::NamedNode(n) if *n == sh("Violation") => Severity::Violation,
                    Term::NamedNode(n) if *n == sh("Warning") => Severity::Warning,
                    other => return Err(bad(format!("unsupported sh:severity {other}"))),
                }
            }
            "message" => match &t.object {
                Term::Literal(l) => messages.push(l.clone()),
                _ => return Err(bad("sh:message must be a literal".to_owned())),
            },
            "or" => {
                let mut alternatives = Vec::new();
                for member in g.list(t.object.as_ref(), &name)? {
                    let Some(m) = as_node(&member) else {
                        return Err(bad("sh:or members must be shapes".to_owned()));
                    };
                    let member_name = show_node(m.as_ref());
                    let mut alternative = Vec::new();
                    for mt in g.triples.iter().filter(|mt| mt.subject == m) {
                        let local = mt.predicate.as_str().strip_prefix(SH).unwrap_or_default();
                        match value_constraint(g, local, mt, &member_name)? {
                            Some(c) => alternative.push(c),
                            None if local == "flags" => {}
                            None => {
                                return Err(ValidateError::Shape {
                                    shape: member_name.clone(),
                                    reason: format!(
                                        "{} is not supported inside sh:or",
                                        compact(mt.predicate.as_str())
                                    ),
                                })
                            }
                        }
                    }
                    if alternative.is_empty() {
                        return Err(bad("an sh:or member has no constraint".to_owned()));
                    }
                    alternatives.push(alternative);
                }
                constraints.push(Constraint::Or(alternatives));
            }
            _ => match value_constraint(g, local, t, &name)? {
                Some(c) => {
                    if matches!(c, ValueConstraint::Pattern { .. }) {
                        if pattern_seen {
                            return Err(bad("more than one sh:pattern".to_owned()));
                        }
                        pattern_seen = true;
                    }
                    constraints.push(Constraint::Value(c));
                }
                None => return Err(bad(format!("{} is not supported", compact(p)))),
            },
        }
    }
    if constraints.is_empty() {
        return Err(bad("a property shape has no constraint".to_owned()));
    }
    let message = messages
        .iter()
        .find(|l| l.language() == Some("en"))
        .or_else(|| messages.iter().find(|l| l.language().is_none()))
        .or(messages.first())
        .map(|l| l.value().to_owned())
        .unwrap_or_else(|| format!("{} does not conform", path_label(&path)));
    Ok(PropertyShape {
        path,
        severity,
        message,
        constraints,
    })
}

/// A non-negative integer parameter (`sh:minCount`, `sh:maxCount`).
fn count(term: &Term, bad: &impl Fn(String) -> ValidateError) -> Result<u64, ValidateError> {
    match term {
        Term::Literal(l) if l.datatype() == xsd::INTEGER => l
            .value()
            .parse()
            .map_err(|_| bad(format!("{l} is not a non-negative integer"))),
        other => Err(bad(format!("{other} is not an xsd:integer"))),
    }
}

/// Parse a value constraint named `local` (a SHACL local name); `Ok(None)` if `local` is
/// not a value constraint.
fn value_constraint(
    g: &ShapesGraph,
    local: &str,
    t: &Triple,
    shape: &str,
) -> Result<Option<ValueConstraint>, ValidateError> {
    let bad = |reason: String| ValidateError::Shape {
        shape: shape.to_owned(),
        reason,
    };
    let iri = |what: &str| match &t.object {
        Term::NamedNode(n) => Ok(n.clone()),
        _ => Err(bad(format!("sh:{what} must be an IRI"))),
    };
    Ok(Some(match local {
        "datatype" => ValueConstraint::Datatype(iri("datatype")?),
        "class" => ValueConstraint::Class(iri("class")?),
        "nodeKind" => {
            let kind = iri("nodeKind")?;
            let kind = match kind.as_str().strip_prefix(SH).unwrap_or_default() {
                "IRI" => NodeKind::Iri,
                "BlankNode" => NodeKind::BlankNode,
                "Literal" => NodeKind::Literal,
                "BlankNodeOrIRI" => NodeKind::BlankNodeOrIri,
                "BlankNodeOrLiteral" => NodeKind::BlankNodeOrLiteral,
                "IRIOrLiteral" => NodeKind::IriOrLiteral,
                _ => return Err(bad(format!("unknown sh:nodeKind {kind}"))),
            };
            ValueConstraint::NodeKind(kind)
        }
        "in" => {
            let items = g.list(t.object.as_ref(), shape)?;
            if items.iter().any(|i| matches!(i, Term::BlankNode(_))) {
                return Err(bad("sh:in members must be IRIs or literals".to_owned()));
            }
            ValueConstraint::In(items)
        }
        "pattern" => {
            let Term::Literal(pattern) = &t.object else {
                return Err(bad("sh:pattern must be a literal".to_owned()));
            };
            let flags_p = sh("flags");
            let flags = match g.object(t.subject.as_ref(), &flags_p) {
                Some(TermRef::Literal(f)) => f.value().to_owned(),
                Some(_) => return Err(bad("sh:flags must be a literal".to_owned())),
                None => String::new(),
            };
            ValueConstraint::Pattern {
                pattern: pattern.value().to_owned(),
                flags,
            }
        }
        _ => return Ok(None),
    }))
}

// ---------------------------------------------------------------- SPARQL generation

fn path_label(path: &PropPath) -> String {
    match path {
        PropPath::Predicate(p) => compact(p.as_str()),
        PropPath::Inverse(p) => format!("^{}", compact(p.as_str())),
    }
}

/// The triple pattern binding the values `?v` of `path` for `?focus`.
fn path_pattern(path: &PropPath) -> String {
    match path {
        PropPath::Predicate(p) => format!("?focus {p} ?v ."),
        PropPath::Inverse(p) => format!("?v {p} ?focus ."),
    }
}

/// A SPARQL string literal.
fn string_literal(s: &str) -> String {
    oxigraph::model::Literal::new_simple_literal(s).to_string()
}

const NUMERIC: [NamedNodeRef<'static>; 4] = [xsd::INTEGER, xsd::DECIMAL, xsd::DOUBLE, xsd::FLOAT];

/// A SPARQL expression true when `?v` satisfies the constraint (it may raise errors; the
/// caller wraps it in `COALESCE(…, false)`).
fn conforms_expr(c: &ValueConstraint) -> String {
    match c {
        ValueConstraint::Datatype(d) => {
            let well_formed = if NUMERIC.contains(&d.as_ref()) {
                " && isNumeric(?v)"
            } else {
                ""
            };
            format!("(isLiteral(?v) && sameTerm(datatype(?v), {d}){well_formed})")
        }
        ValueConstraint::Class(c) => format!(
            "EXISTS {{ ?v <{}>/<{}>* {c} }}",
            rdf::TYPE.as_str(),
            rdfs("subClassOf").as_str()
        ),
        ValueConstraint::NodeKind(k) => match k {
            NodeKind::Iri => "isIRI(?v)",
            NodeKind::BlankNode => "isBlank(?v)",
            NodeKind::Literal => "isLiteral(?v)",
            NodeKind::BlankNodeOrIri => "!isLiteral(?v)",
            NodeKind::BlankNodeOrLiteral => "!isIRI(?v)",
            NodeKind::IriOrLiteral => "!isBlank(?v)",
        }
        .to_owned(),
        ValueConstraint::In(items) if items.is_empty() => "false".to_owned(),
        ValueConstraint::In(items) => {
            let alternatives: Vec<String> =
                items.iter().map(|i| format!("sameTerm(?v, {i})")).collect();
            format!("({})", alternatives.join(" || "))
        }
        ValueConstraint::Pattern { pattern, flags } => format!(
            "(!isBlank(?v) && regex(str(?v), {}, {}))",
            string_literal(pattern),
            string_literal(flags)
        ),
    }
}

fn constraint_name(c: &Constraint) -> &'static str {
    match c {
        Constraint::MinCount(_) => "sh:minCount",
        Constraint::MaxCount(_) => "sh:maxCount",
        Constraint::Or(_) => "sh:or",
        Constraint::LessThanOrEquals(_) => "sh:lessThanOrEquals",
        Constraint::Value(v) => match v {
            ValueConstraint::Datatype(_) => "sh:datatype",
            ValueConstraint::Class(_) => "sh:class",
            ValueConstraint::NodeKind(_) => "sh:nodeKind",
            ValueConstraint::In(_) => "sh:in",
            ValueConstraint::Pattern { .. } => "sh:pattern",
        },
    }
}

/// The SELECT query returning `?focus` (and `?v` for value constraints) of the results of
/// one constraint; `None` when the constraint can never fail (`sh:minCount 0`).
fn constraint_query(
    target: &Target,
    prop: &PropertyShape,
    constraint: &Constraint,
    limit: usize,
) -> Option<String> {
    let target = target.pattern();
    let path = path_pattern(&prop.path);
    let limit = if limit == 0 {
        String::new()
    } else {
        format!(" LIMIT {limit}")
    };
    let values = |filter: String| {
        format!(
            "SELECT DISTINCT ?focus ?v WHERE {{ {target} {path} FILTER(!COALESCE({filter}, false)) }} ORDER BY ?focus ?v{limit}"
        )
    };
    Some(match constraint {
        Constraint::MinCount(0) => return None,
        Constraint::MinCount(n) => format!(
            "SELECT ?focus WHERE {{ {target} OPTIONAL {{ {path} }} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {n}) ORDER BY ?focus{limit}"
        ),
        Constraint::MaxCount(n) => format!(
            "SELECT ?focus WHERE {{ {target} {path} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {n}) ORDER BY ?focus{limit}"
        ),
        Constraint::Value(v) => values(conforms_expr(v)),
        Constraint::Or(alternatives) => {
            let any: Vec<String> = alternatives
                .iter()
                .map(|alt| {
                    let all: Vec<String> = alt
                        .iter()
                        .map(|c| format!("COALESCE({}, false)", conforms_expr(c)))
                        .collect();
                    format!("({})", all.join(" && "))
                })
                .collect();
            values(format!("({})", any.join(" || ")))
        }
        Constraint::LessThanOrEquals(other) => format!(
            "SELECT DISTINCT ?focus ?v WHERE {{ {target} {path} ?focus {other} ?w . FILTER(!COALESCE(?v <= ?w, false)) }} ORDER BY ?focus ?v{limit}"
        ),
    })
}

/// Evaluate one constraint of one property shape for the instances of `class`.
fn check(
    store: &CareerStore,
    target: &Target,
    prop: &PropertyShape,
    constraint: &Constraint,
    limit: usize,
) -> Result<Vec<Violation>, ValidateError> {
    let Some(text) = constraint_query(target, prop, constraint, limit) else {
        return Ok(Vec::new());
    };
    let query_error = |reason: String| ValidateError::Query {
        query: text.clone(),
        reason,
    };
    let query = spargebra::SparqlParser::new()
        .parse_query(&text)
        .map_err(|e| query_error(e.to_string()))?;
    let mut out = Vec::new();
    if let QueryResults::Solutions(rows) = store.evaluate(query, None)? {
        for row in rows {
            let row = row.map_err(|e| query_error(e.to_string()))?;
            let focus = match row.get("focus") {
                Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                Some(other) => other.to_string(),
                None => continue,
            };
            out.push(Violation {
                focus,
                path: path_label(&prop.path),
                constraint: constraint_name(constraint).to_owned(),
                severity: prop.severity,
                message: prop.message.clone(),
                value: row.get("v").map(Term::to_string),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{extract_record, InputFormat};
    use crate::map::{record_to_quads, MapOptions};
    use oxigraph::model::{GraphName, Literal};

    const PREFIXES: &str = "
        @prefix cg: <https://w3id.org/careergraph/ont#> .
        @prefix d: <https://w3id.org/careergraph/data/> .
        @prefix schema: <https://schema.org/> .
        @prefix oa: <http://www.w3.org/ns/oa#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix orgv: <https://w3id.org/careergraph/org/> .
        @prefix mk: <https://w3id.org/careergraph/metric/> .
    ";

    /// A small, valid document graph; `{…}` placeholders are swapped by the tests.
    const GOOD: &str = r#"
        d:doc a cg:SourceDocument ;
            cg:sha256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
            cg:documentKind "resume" .
        d:ann a cg:Person ; schema:name "Ann Example" ; cg:hasPosition d:pos, d:pos2 .
        d:pos a cg:Position ; cg:holder d:ann ; cg:organization orgv:tencent ;
            cg:title "Engineer" ; cg:startDate "2019-03"^^xsd:gYearMonth ;
            cg:endDate "2021"^^xsd:gYear ; cg:current false ; cg:hasMetric d:m .
        d:pos2 a cg:Position ; cg:holder d:ann ; cg:title "正高级工程师" ; cg:current true .
        d:m a cg:Metric ; cg:metricKind mk:qps ; schema:value 45000.0 ;
            cg:qualifier cg:AtLeast ; cg:statistic cg:Peak ; cg:evidence d:ev .
        d:ev a cg:Evidence ; cg:inDocument d:doc ; oa:start 10 ; oa:end 20 ; oa:exact "45K QPS" .
        d:ed a cg:EducationRecord ; cg:student d:ann ; cg:institution orgv:tencent ;
            cg:degreeLevel cg:Master ; cg:startDate "2015-09-01"^^xsd:date .
        d:role a cg:RoleProfile ; cg:title "Backend engineer" .
    "#;

    fn quads(ttl: &str) -> Vec<Quad> {
        let graph = GraphName::NamedNode(NamedNode::new_unchecked(
            "https://w3id.org/careergraph/data/document/test",
        ));
        RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(graph)
            .for_slice(format!("{PREFIXES}{ttl}").as_bytes())
            .collect::<Result<_, _>>()
            .expect("test Turtle parses")
    }

    /// (focus local name, path, constraint, severity) of each result, sorted.
    fn summary(report: &Report) -> Vec<(String, String, String, Severity)> {
        let mut out: Vec<_> = report
            .violations
            .iter()
            .map(|v| {
                let focus = v.focus.rsplit('/').next().unwrap_or_default().to_owned();
                (focus, v.path.clone(), v.constraint.clone(), v.severity)
            })
            .collect();
        out.sort();
        out
    }

    fn row(
        focus: &str,
        path: &str,
        constraint: &str,
        sev: Severity,
    ) -> (String, String, String, Severity) {
        (focus.into(), path.into(), constraint.into(), sev)
    }

    #[test]
    fn shapes_parse_with_the_expected_constraints() {
        let shapes = Shapes::load().expect("shapes.ttl loads");
        assert_eq!(shapes.nodes.len(), 14);
        let property_shapes: usize = shapes.nodes.iter().map(|n| n.properties.len()).sum();
        assert_eq!(property_shapes, 58);
        let constraints: usize = shapes
            .nodes
            .iter()
            .flat_map(|n| &n.properties)
            .map(|p| p.constraints.len())
            .sum();
        assert_eq!(constraints, 124);
        let warnings = shapes
            .nodes
            .iter()
            .flat_map(|n| &n.properties)
            .filter(|p| p.severity == Severity::Warning)
            .count();
        assert_eq!(warnings, 2);
        for p in shapes.nodes.iter().flat_map(|n| &n.properties) {
            assert!(p.message.ends_with('.'), "{:?} has no sh:message", p.path);
        }
        // Every generated query parses.
        for n in &shapes.nodes {
            for p in &n.properties {
                for c in &p.constraints {
                    for target in &n.targets {
                        if let Some(q) = constraint_query(target, p, c, 10) {
                            spargebra::SparqlParser::new()
                                .parse_query(&q)
                                .unwrap_or_else(|e| panic!("{e}: {q}"));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn unsupported_constraints_are_rejected() {
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
            ex:S a sh:NodeShape ; sh:targetClass ex:C ;
              sh:property [ sh:path ex:p ; sh:uniqueLang true ] .";
        assert!(matches!(
            Shapes::parse(ttl),
            Err(ValidateError::Shape { .. })
        ));
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
            ex:S a sh:NodeShape ; sh:targetClass ex:C ;
              sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .";
        assert!(matches!(
            Shapes::parse(ttl),
            Err(ValidateError::Shape { .. })
        ));
        assert!(matches!(
            Shapes::parse("not turtle"),
            Err(ValidateError::ShapesSyntax(_))
        ));
    }

    #[test]
    fn a_good_graph_conforms() {
        let report = validate_quads(&quads(GOOD)).expect("validates");
        assert_eq!(report.checked_shapes, 14);
        // The position without an organisation is a warning only.
        assert_eq!(
            summary(&report),
            vec![row(
                "pos2",
                "cg:organization",
                "sh:minCount",
                Severity::Warning
            )]
        );
        assert!(report.conforms);
    }

    #[test]
    fn a_bad_graph_yields_exactly_the_expected_violations() {
        let bad = GOOD
            .replace(
                "cg:organization orgv:tencent ;",
                "cg:organization orgv:tencent, d:org-x ;",
            )
            .replace("schema:value 45000.0 ;", r#"schema:value "lots" ;"#)
            .replace("cg:evidence d:ev .", ".")
            .replace("\"0123456789abcdef0123", "\"0123456789ABCDEF0123")
            .replace("cg:degreeLevel cg:Master", "cg:degreeLevel cg:Diploma");
        let report = validate_quads(&quads(&bad)).expect("validates");
        assert!(!report.conforms);
        assert_eq!(
            summary(&report),
            vec![
                row("doc", "cg:sha256", "sh:pattern", Severity::Violation),
                row("ed", "cg:degreeLevel", "sh:in", Severity::Violation),
                row("m", "cg:evidence", "sh:minCount", Severity::Violation),
                row("m", "schema:value", "sh:datatype", Severity::Violation),
                row("pos", "cg:organization", "sh:maxCount", Severity::Violation),
                row("pos2", "cg:organization", "sh:minCount", Severity::Warning),
            ]
        );
        let value = report
            .violations
            .iter()
            .find(|v| v.constraint == "sh:datatype")
            .and_then(|v| v.value.clone());
        assert_eq!(value.as_deref(), Some("\"lots\""));
        let degree = report
            .violations
            .iter()
            .find(|v| v.constraint == "sh:in")
            .expect("sh:in result");
        assert_eq!(
            degree.value.as_deref(),
            Some("<https://w3id.org/careergraph/ont#Diploma>")
        );
        assert!(degree.message.contains("cg:degreeLevel"));
    }

    #[test]
    fn dates_counts_inverse_paths_and_ill_formed_numbers() {
        let bad = GOOD
            .replace(
                "cg:startDate \"2019-03\"^^xsd:gYearMonth ;",
                "cg:startDate \"March 2019\" ;",
            )
            .replace("cg:current true .", "cg:current true, false .")
            .replace("oa:start 10 ;", "oa:start 30 ;")
            .replace(
                "cg:title \"Backend engineer\" .",
                "cg:title \"Backend engineer\" . d:pos3 a cg:Position ; cg:holder d:role ; \
                 cg:organization orgv:tencent ; cg:current false .",
            );
        let report = validate_quads(&quads(&bad)).expect("validates");
        assert_eq!(
            summary(&report),
            vec![
                row("ev", "oa:start", "sh:lessThanOrEquals", Severity::Violation),
                row("pos", "cg:startDate", "sh:or", Severity::Violation),
                row("pos2", "cg:current", "sh:maxCount", Severity::Violation),
                row("pos2", "cg:organization", "sh:minCount", Severity::Warning),
                row("pos3", "cg:holder", "sh:class", Severity::Violation),
                row("role", "^cg:holder", "sh:maxCount", Severity::Violation),
            ]
        );

        let mut q = quads(GOOD);
        let m = q
            .iter_mut()
            .find(|q| q.predicate.as_str() == "https://schema.org/value")
            .expect("metric value");
        m.object = Literal::new_typed_literal("12abc", xsd::DECIMAL).into();
        let report = validate_quads(&q).expect("validates");
        assert!(!report.conforms);
        assert!(report
            .violations
            .iter()
            .any(|v| v.path == "schema:value" && v.constraint == "sh:datatype"));
    }

    #[test]
    fn results_are_limited_per_constraint() {
        let mut ttl = String::new();
        for i in 0..5 {
            ttl.push_str(&format!("d:p{i} a cg:Person .\n"));
        }
        let store = CareerStore::memory().expect("store");
        store.inner().extend(quads(&ttl)).expect("insert");
        let all = validate(&store, 0).expect("validates");
        assert_eq!(all.count(Severity::Violation), 5);
        let some = validate(&store, 2).expect("validates");
        assert_eq!(some.count(Severity::Violation), 2);
        assert!(!some.conforms);
    }

    fn input_files() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["examples", "tests/fixtures"] {
            let entries = std::fs::read_dir(root.join(dir)).expect("input folder");
            for e in entries {
                let path = e.expect("dir entry").path();
                if path.is_file() {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn every_example_and_fixture_maps_to_a_conforming_graph() {
        let opts = MapOptions::new(ns::DEFAULT_BASE, "salt", false).expect("options");
        let mut all = Vec::new();
        let mut failures = Vec::new();
        let files = input_files();
        assert!(files.len() >= 10, "{files:?}");
        for path in &files {
            let format = match InputFormat::from_path(path) {
                Some(InputFormat::Rdf(_)) | None => continue,
                Some(f) => f,
            };
            let bytes = std::fs::read(path).expect("read input");
            let record = extract_record(&path.display().to_string(), format, &bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let quads = record_to_quads(&record, &opts).expect("maps");
            let report = validate_quads(&quads).expect("validates");
            for v in &report.violations {
                eprintln!(
                    "{}: {} {} {} {} {:?} — {}",
                    path.display(),
                    v.severity,
                    v.focus,
                    v.path,
                    v.constraint,
                    v.value,
                    v.message
                );
            }
            if !report.conforms {
                failures.push(path.display().to_string());
            }
            all.extend(quads);
        }
        assert!(failures.is_empty(), "violations in {failures:?}");
        // All documents in one store: people and organisations are shared across graphs.
        let report = validate_quads(&all).expect("validates");
        assert!(report.conforms, "{:#?}", report.violations);
    }
}
