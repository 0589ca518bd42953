//! Property-graph projection of the RDF graph (petgraph) and its GraphML / DOT writers.
//!
//! Nodes are the things people draw: people, organisations, positions, technologies,
//! projects/systems, metrics, education records, role profiles. Each node has `kind`,
//! `label` (one language, falling back to the other), `iri` and typed data attributes;
//! each edge has `predicate` (IRI) and `label`. Views collapse positions into
//! person → organisation edges or keep only people and technologies. Output order is
//! deterministic (sorted by IRI), and GraphML keys are declared with `attr.type`.

use crate::ns;
use crate::store::{CareerStore, StoreError};
use crate::vocab::vocabulary;
use indexmap::IndexMap;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Term};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;

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

/// A typed attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `attr.type="string"`.
    Str(String),
    /// `attr.type="double"`.
    Num(f64),
    /// `attr.type="boolean"`.
    Bool(bool),
}

impl Value {
    fn graphml_type(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Num(_) => "double",
            Value::Bool(_) => "boolean",
        }
    }

    fn text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Num(n) => format!("{n}"),
            Value::Bool(b) => b.to_string(),
        }
    }
}

/// A node of the property graph.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeData {
    /// IRI of the RDF resource.
    pub iri: String,
    /// person, organization, position, technology, project, system, metric, education, role-profile.
    pub kind: String,
    /// Display label.
    pub label: String,
    /// Typed data attributes.
    pub attrs: BTreeMap<String, Value>,
}

/// An edge of the property graph.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeData {
    /// Predicate IRI (or a careergraph IRI naming a collapsed path).
    pub predicate: String,
    /// Short label ("hasPosition", "workedAt"…).
    pub label: String,
    /// Typed data attributes (title and dates on collapsed position edges).
    pub attrs: BTreeMap<String, Value>,
}

/// The projected property graph.
pub type PropertyGraph = StableDiGraph<NodeData, EdgeData>;

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

const TYPES: &[(&str, &str)] = &[
    ("Person", "person"),
    ("Position", "position"),
    ("System", "system"),
    ("Project", "project"),
    ("Metric", "metric"),
    ("EducationRecord", "education"),
    ("RoleProfile", "role-profile"),
];

/// Facts gathered from the quads before projecting.
#[derive(Default)]
struct Facts {
    kinds: HashMap<String, String>,
    edges: BTreeSet<(String, String, String)>,
    literals: HashMap<String, Vec<(String, Term)>>,
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// Read the facts of the document graphs (or one graph).
fn gather(store: &CareerStore, graph: Option<&NamedNode>) -> Result<Facts, GraphError> {
    let edge_predicates: HashSet<String> = [
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
    let literal_predicates: HashSet<String> = [
        format!("{}name", ns::SCHEMA),
        format!("{}label", ns::RDFS),
        format!("{}prefLabel", ns::SKOS),
        format!("{}value", ns::SCHEMA),
        ns::cg("title"),
        ns::cg("startDate"),
        ns::cg("endDate"),
        ns::cg("current"),
        ns::cg("unitText"),
        ns::cg("rawText"),
        ns::cg("degree"),
        ns::cg("field"),
        ns::cg("pinyin"),
        ns::cg("organizationText"),
    ]
    .into_iter()
    .collect();
    let graphs = match graph {
        Some(g) => vec![g.clone()],
        None => store.document_graphs()?,
    };
    let mut facts = Facts::default();
    for g in &graphs {
        let gref: GraphNameRef<'_> = g.as_ref().into();
        for q in store
            .inner()
            .quads_for_pattern(None, None, None, Some(gref))
        {
            let q = q.map_err(StoreError::from)?;
            let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            let p = q.predicate.as_str();
            match &q.object {
                Term::NamedNode(o) if p == ns::RDF_TYPE => {
                    if let Some((_, kind)) = TYPES.iter().find(|(c, _)| o.as_str() == ns::cg(c)) {
                        // cg:System wins over cg:Project for the same node.
                        let entry = facts.kinds.entry(s.as_str().to_owned()).or_default();
                        if entry.is_empty() || *kind == "system" {
                            *entry = (*kind).to_owned();
                        }
                    }
                }
                Term::NamedNode(o) if edge_predicates.contains(p) => {
                    facts.edges.insert((
                        s.as_str().to_owned(),
                        p.to_owned(),
                        o.as_str().to_owned(),
                    ));
                }
                Term::Literal(_) if literal_predicates.contains(p) => {
                    facts
                        .literals
                        .entry(s.as_str().to_owned())
                        .or_default()
                        .push((p.to_owned(), q.object.clone()));
                }
                _ => {}
            }
        }
    }
    // Objects of organisation / technology edges are organisations / technologies.
    for (_, p, o) in &facts.edges {
        let kind = match local(p) {
            "organization" | "institution" => "organization",
            "usedTechnology" | "hasSkill" | "requiresTechnology" => "technology",
            _ => continue,
        };
        facts
            .kinds
            .entry(o.clone())
            .or_insert_with(|| kind.to_owned());
    }
    Ok(facts)
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

fn pick_label(literals: &[(String, Term)], lang: Lang) -> Option<String> {
    let want = match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    };
    let labels: Vec<&oxigraph::model::Literal> = literals
        .iter()
        .filter(|(p, _)| p.ends_with("name") || p.ends_with("#label") || p.ends_with("prefLabel"))
        .filter_map(|(_, t)| match t {
            Term::Literal(l) => Some(l),
            _ => None,
        })
        .collect();
    labels
        .iter()
        .find(|l| l.language() == Some(want))
        .or_else(|| labels.iter().find(|l| l.language().is_none()))
        .or_else(|| labels.first())
        .map(|l| l.value().to_owned())
}

fn vocab_label(iri: &str, lang: Lang) -> Option<String> {
    let v = vocabulary();
    let c = v
        .organizations
        .get(iri)
        .or_else(|| v.technologies.get(iri))?;
    Some(match lang {
        Lang::Zh => c.label_zh.clone().unwrap_or_else(|| c.label_en.clone()),
        Lang::En => c.label_en.clone(),
    })
}

fn data_attrs(literals: &[(String, Term)]) -> BTreeMap<String, Value> {
    let mut attrs = BTreeMap::new();
    for (p, t) in literals {
        let Term::Literal(l) = t else { continue };
        let key = match local(p) {
            "value" => {
                if let Ok(n) = l.value().parse::<f64>() {
                    attrs.insert("value".to_owned(), Value::Num(n));
                }
                continue;
            }
            "current" => {
                attrs.insert("current".to_owned(), Value::Bool(l.value() == "true"));
                continue;
            }
            "startDate" => "start",
            "endDate" => "end",
            "unitText" => "unit",
            "rawText" => "text",
            k @ ("title" | "degree" | "field" | "pinyin") => k,
            _ => continue,
        };
        attrs.insert(key.to_owned(), Value::Str(l.value().to_owned()));
    }
    attrs
}

/// Add an `org:unitOf` edge from every organisation node that is a vocabulary unit to its
/// parent, creating parent nodes as needed, up to the top-level organisation.
fn link_units(g: &mut PropertyGraph, index: &mut IndexMap<String, NodeIndex>, lang: Lang) {
    let v = vocabulary();
    let mut todo: Vec<String> = index
        .keys()
        .filter(|k| v.organizations.get(k).is_some())
        .cloned()
        .collect();
    let mut done = HashSet::new();
    while let Some(o) = todo.pop() {
        if !done.insert(o.clone()) {
            continue;
        }
        let Some(parent) = v.organizations.get(&o).and_then(|c| c.unit_of.clone()) else {
            continue;
        };
        let Some(a) = index.get(&o).copied() else {
            continue;
        };
        let b = *index.entry(parent.clone()).or_insert_with(|| {
            g.add_node(NodeData {
                iri: parent.clone(),
                kind: "organization".into(),
                label: vocab_label(&parent, lang).unwrap_or_default(),
                attrs: BTreeMap::new(),
            })
        });
        g.add_edge(
            a,
            b,
            EdgeData {
                predicate: format!("{}unitOf", ns::ORG),
                label: "unitOf".into(),
                attrs: BTreeMap::new(),
            },
        );
        todo.push(parent);
    }
}

/// Replace organisation objects that are vocabulary units by their top-level organisation;
/// returns position → unit IRI for what was collapsed.
fn collapse_units(facts: &mut Facts) -> HashMap<String, String> {
    let v = vocabulary();
    let mut collapsed = HashMap::new();
    let edges = std::mem::take(&mut facts.edges);
    for (s, p, o) in edges {
        let is_org = matches!(local(&p), "organization" | "institution");
        let top = v
            .organizations
            .get(&o)
            .filter(|c| is_org && c.unit_of.is_some())
            .map(|c| v.organizations.top_parent(c).iri.clone());
        match top {
            Some(top) if top != o => {
                facts.kinds.insert(top.clone(), "organization".into());
                collapsed.insert(s.clone(), o);
                facts.edges.insert((s, p, top));
            }
            _ => {
                facts.edges.insert((s, p, o));
            }
        }
    }
    collapsed
}

/// Build the property graph for a view, organisation units as `org_tree` says.
pub fn project(
    store: &CareerStore,
    view: View,
    lang: Lang,
    graph: Option<&NamedNode>,
    where_pattern: Option<&str>,
    org_tree: OrgTree,
) -> Result<PropertyGraph, GraphError> {
    let mut facts = gather(store, graph)?;
    let collapsed = match org_tree {
        OrgTree::Collapse => collapse_units(&mut facts),
        OrgTree::UnitOf => HashMap::new(),
    };
    let facts = facts;
    let allowed_people = where_pattern.map(|w| people_where(store, w)).transpose()?;
    let mut g = PropertyGraph::default();
    let mut index: IndexMap<String, NodeIndex> = IndexMap::new();
    let mut add_node = |g: &mut PropertyGraph, iri: &str| -> Option<NodeIndex> {
        if let Some(i) = index.get(iri) {
            return Some(*i);
        }
        let kind = facts.kinds.get(iri)?.clone();
        let lits = facts.literals.get(iri).map(Vec::as_slice).unwrap_or(&[]);
        let mut label = pick_label(lits, lang)
            .or_else(|| vocab_label(iri, lang))
            .unwrap_or_else(|| local(iri).to_owned());
        if kind == "position" {
            if let Some(Value::Str(t)) = data_attrs(lits).get("title") {
                label = t.clone();
            }
        }
        if kind == "metric" {
            label = lits
                .iter()
                .find(|(p, _)| p.ends_with("rawText"))
                .and_then(|(_, t)| match t {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                })
                .unwrap_or(label);
        }
        let i = g.add_node(NodeData {
            iri: iri.to_owned(),
            kind,
            label,
            attrs: data_attrs(lits),
        });
        index.insert(iri.to_owned(), i);
        Some(i)
    };
    let person_ok = |iri: &str| allowed_people.as_ref().is_none_or(|set| set.contains(iri));
    // Owner person of every node, for --where filtering.
    let mut owner: HashMap<&str, &str> = HashMap::new();
    let mut frontier: Vec<&str> = facts
        .kinds
        .iter()
        .filter(|(_, k)| k.as_str() == "person")
        .map(|(iri, _)| iri.as_str())
        .collect();
    frontier.sort_unstable();
    for p in &frontier {
        owner.insert(p, p);
    }
    while let Some(n) = frontier.pop() {
        let who = owner[n];
        for (s, _, o) in facts
            .edges
            .range((n.to_owned(), String::new(), String::new())..)
        {
            if s != n {
                break;
            }
            let kind = facts.kinds.get(o).map(String::as_str);
            if matches!(
                kind,
                Some("position" | "project" | "system" | "metric" | "education")
            ) && !owner.contains_key(o.as_str())
            {
                owner.insert(o, who);
                frontier.push(o);
            }
        }
    }
    let keep = |iri: &str| match owner.get(iri) {
        Some(p) => person_ok(p),
        None => allowed_people.is_none(),
    };

    match view {
        View::Full => {
            for (s, p, o) in &facts.edges {
                if !keep(s) {
                    continue;
                }
                let (Some(a), Some(b)) = (add_node(&mut g, s), add_node(&mut g, o)) else {
                    continue;
                };
                g.add_edge(
                    a,
                    b,
                    EdgeData {
                        predicate: p.clone(),
                        label: local(p).to_owned(),
                        attrs: BTreeMap::new(),
                    },
                );
            }
            // Parents of units (Tencent PCG → Tencent) for organisations in the graph.
            if org_tree == OrgTree::UnitOf {
                link_units(&mut g, &mut index, lang);
            }
        }
        View::PeopleOrgs | View::PeopleTech | View::PeopleOrgsTech => {
            let orgs = matches!(view, View::PeopleOrgs | View::PeopleOrgsTech);
            let techs = matches!(view, View::PeopleTech | View::PeopleOrgsTech);
            let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
            for (s, p, o) in &facts.edges {
                let Some(person) = owner.get(s.as_str()).copied() else {
                    continue;
                };
                if !person_ok(person) {
                    continue;
                }
                let okind = facts.kinds.get(o).map(String::as_str);
                let (label, attrs) = match (local(p), okind) {
                    ("organization", Some("organization")) if orgs => {
                        let lits = facts.literals.get(s).map(Vec::as_slice).unwrap_or(&[]);
                        let mut attrs = data_attrs(lits);
                        if let Some(unit) = collapsed.get(s) {
                            let label = vocab_label(unit, lang).unwrap_or_else(|| unit.clone());
                            attrs.insert("unit".into(), Value::Str(label));
                        }
                        ("workedAt", attrs)
                    }
                    ("institution", Some("organization")) if orgs => {
                        let lits = facts.literals.get(s).map(Vec::as_slice).unwrap_or(&[]);
                        ("studiedAt", data_attrs(lits))
                    }
                    ("usedTechnology" | "hasSkill", Some("technology")) if techs => {
                        ("knows", BTreeMap::new())
                    }
                    _ => continue,
                };
                if label == "knows"
                    && !seen.insert((person.to_owned(), label.to_owned(), o.clone()))
                {
                    continue;
                }
                let (Some(a), Some(b)) = (add_node(&mut g, person), add_node(&mut g, o)) else {
                    continue;
                };
                g.add_edge(
                    a,
                    b,
                    EdgeData {
                        predicate: ns::cg(label),
                        label: label.to_owned(),
                        attrs,
                    },
                );
            }
            if orgs && org_tree == OrgTree::UnitOf {
                link_units(&mut g, &mut index, lang);
            }
        }
    }
    Ok(g)
}

/// Nodes sorted by IRI, and edges sorted by (source IRI, target IRI, predicate, attributes).
fn ordered(g: &PropertyGraph) -> (Vec<NodeIndex>, Vec<(NodeIndex, NodeIndex, &EdgeData)>) {
    let mut nodes: Vec<NodeIndex> = g.node_indices().collect();
    nodes.sort_by(|a, b| g[*a].iri.cmp(&g[*b].iri));
    let mut edges: Vec<(NodeIndex, NodeIndex, &EdgeData)> = g
        .edge_references()
        .map(|e| (e.source(), e.target(), e.weight()))
        .collect();
    edges.sort_by(|x, y| {
        (
            &g[x.0].iri,
            &g[x.1].iri,
            &x.2.predicate,
            format!("{:?}", x.2.attrs),
        )
            .cmp(&(
                &g[y.0].iri,
                &g[y.1].iri,
                &y.2.predicate,
                format!("{:?}", y.2.attrs),
            ))
    });
    (nodes, edges)
}

/// Write GraphML (UTF-8, declared typed keys, deterministic order).
pub fn write_graphml<W: Write>(g: &PropertyGraph, out: W) -> Result<(), GraphError> {
    let (nodes, edges) = ordered(g);
    let mut node_keys: BTreeMap<String, &'static str> = BTreeMap::new();
    for k in ["kind", "label", "iri"] {
        node_keys.insert(k.to_owned(), "string");
    }
    for n in &nodes {
        for (k, v) in &g[*n].attrs {
            node_keys.entry(k.clone()).or_insert(v.graphml_type());
        }
    }
    let mut edge_keys: BTreeMap<String, &'static str> = BTreeMap::new();
    for k in ["predicate", "label"] {
        edge_keys.insert(k.to_owned(), "string");
    }
    for (_, _, e) in &edges {
        for (k, v) in &e.attrs {
            edge_keys.entry(k.clone()).or_insert(v.graphml_type());
        }
    }
    let io = |e: quick_xml::Error| GraphError::Io(std::io::Error::other(e.to_string()));
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(|e| GraphError::Io(std::io::Error::other(e.to_string())))?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    ));
    w.write_event(Event::Start(root))
        .map_err(|e| io(e.into()))?;
    for (scope, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        for (name, ty) in keys.iter() {
            let mut k = BytesStart::new("key");
            let id = format!("{}_{name}", &scope[..1]);
            k.push_attribute(("id", id.as_str()));
            k.push_attribute(("for", scope));
            k.push_attribute(("attr.name", name.as_str()));
            k.push_attribute(("attr.type", *ty));
            w.write_event(Event::Empty(k)).map_err(|e| io(e.into()))?;
        }
    }
    let mut graph = BytesStart::new("graph");
    graph.push_attribute(("id", "careergraph"));
    graph.push_attribute(("edgedefault", "directed"));
    w.write_event(Event::Start(graph))
        .map_err(|e| io(e.into()))?;
    let ids: HashMap<NodeIndex, String> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("n{i}")))
        .collect();
    let data = |w: &mut Writer<W>, key: String, value: String| -> Result<(), GraphError> {
        let mut d = BytesStart::new("data");
        d.push_attribute(("key", key.as_str()));
        w.write_event(Event::Start(d)).map_err(|e| io(e.into()))?;
        w.write_event(Event::Text(BytesText::new(&value)))
            .map_err(|e| io(e.into()))?;
        w.write_event(Event::End(BytesEnd::new("data")))
            .map_err(|e| io(e.into()))?;
        Ok(())
    };
    for n in &nodes {
        let node = &g[*n];
        let mut el = BytesStart::new("node");
        el.push_attribute(("id", ids[n].as_str()));
        w.write_event(Event::Start(el)).map_err(|e| io(e.into()))?;
        data(&mut w, "n_kind".into(), node.kind.clone())?;
        data(&mut w, "n_label".into(), node.label.clone())?;
        data(&mut w, "n_iri".into(), node.iri.clone())?;
        for (k, v) in &node.attrs {
            data(&mut w, format!("n_{k}"), v.text())?;
        }
        w.write_event(Event::End(BytesEnd::new("node")))
            .map_err(|e| io(e.into()))?;
    }
    for (i, (a, b, e)) in edges.iter().enumerate() {
        let mut el = BytesStart::new("edge");
        let id = format!("e{i}");
        el.push_attribute(("id", id.as_str()));
        el.push_attribute(("source", ids[a].as_str()));
        el.push_attribute(("target", ids[b].as_str()));
        w.write_event(Event::Start(el)).map_err(|e| io(e.into()))?;
        data(&mut w, "e_predicate".into(), e.predicate.clone())?;
        data(&mut w, "e_label".into(), e.label.clone())?;
        for (k, v) in &e.attrs {
            data(&mut w, format!("e_{k}"), v.text())?;
        }
        w.write_event(Event::End(BytesEnd::new("edge")))
            .map_err(|e| io(e.into()))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))
        .map_err(|e| io(e.into()))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))
        .map_err(|e| io(e.into()))?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Write Graphviz DOT (shapes and colours by kind).
pub fn write_dot<W: Write>(g: &PropertyGraph, mut out: W) -> Result<(), GraphError> {
    let (nodes, edges) = ordered(g);
    writeln!(out, "digraph careergraph {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", style=filled, fillcolor=white];"
    )?;
    let ids: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    for n in &nodes {
        let node = &g[*n];
        let (shape, color) = match node.kind.as_str() {
            "person" => ("ellipse", "#ffd966"),
            "organization" => ("box", "#9fc5e8"),
            "position" => ("box", "#d9ead3"),
            "technology" => ("hexagon", "#ead1dc"),
            "system" | "project" => ("component", "#fce5cd"),
            "metric" => ("note", "#eeeeee"),
            _ => ("box", "#ffffff"),
        };
        writeln!(
            out,
            "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{}\"];",
            ids[n],
            dot_escape(&node.label),
            dot_escape(&node.iri)
        )?;
    }
    for (a, b, e) in edges {
        writeln!(
            out,
            "  n{} -> n{} [label=\"{}\"];",
            ids[&a],
            ids[&b],
            dot_escape(&e.label)
        )?;
    }
    writeln!(out, "}}")?;
    out.flush()?;
    Ok(())
}
