//! The projection, one batch of graphs at a time, written as it goes.
//!
//! A batch is one document graph (or, when the store cannot vouch that its graphs are
//! ingested documents, all of them). Nodes that careergraph shares between documents —
//! people (merged by contact), organisations and technologies — are kept in a table with
//! their labels and attributes gathered over every batch, and written at the end; every
//! other node belongs to its document and is written as soon as an edge reaches it. Edges
//! are kept as numbers until the end (nodes come first in GraphML and DOT), with the
//! attributes of collapsed positions in one byte arena.

use super::attrs::{data_attrs, label_or_fallback, vocab_label, Attrs, LabelPick, Value};
use super::gather::{local, predicates, Facts};
use super::write::{EdgeOut, GraphWriter, NodeOut};
use super::{Counts, GraphError, Lang, OrgTree, View};
use crate::ns;
use crate::vocab::vocabulary;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Node kinds shared between documents.
const SHARED: &[&str] = &["person", "organization", "technology"];

/// Node kinds a person owns (reached from the person through edges).
const OWNED: &[&str] = &["position", "project", "system", "metric", "education"];

/// A node shared between documents: what every batch said about it.
struct Shared {
    kind: &'static str,
    label: LabelPick,
    attrs: Attrs,
    id: Option<u32>,
}

/// What an edge is: predicate IRI, label, and whether equal edges are one.
struct EdgeKind {
    predicate: String,
    label: String,
    dedupe: bool,
}

/// An edge by numbers; `attrs` is one more than its index in the attribute spans (0: none).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    source: u32,
    target: u32,
    kind: u32,
    attrs: u32,
}

/// The projection state across batches.
pub(super) struct Projector<'w> {
    view: View,
    lang: Lang,
    org_tree: OrgTree,
    allowed: Option<HashSet<String>>,
    out: Box<dyn GraphWriter + 'w>,
    next: u32,
    nodes: u64,
    shared: HashMap<String, Shared>,
    edge_kinds: Vec<EdgeKind>,
    edge_kind_ids: HashMap<String, u32>,
    edges: Vec<Edge>,
    /// Edge attributes, each `(attribute number, text length as u32 LE, text)` repeated.
    arena: Vec<u8>,
    /// Start of each edge's attributes in `arena` (its end is the next start).
    spans: Vec<usize>,
}

impl<'w> Projector<'w> {
    /// A projection for a view, keeping only people in `allowed` when given.
    pub fn new(
        view: View,
        lang: Lang,
        org_tree: OrgTree,
        allowed: Option<HashSet<String>>,
        out: Box<dyn GraphWriter + 'w>,
    ) -> Self {
        Projector {
            view,
            lang,
            org_tree,
            allowed,
            out,
            next: 0,
            nodes: 0,
            shared: HashMap::new(),
            edge_kinds: Vec::new(),
            edge_kind_ids: HashMap::new(),
            edges: Vec::new(),
            arena: Vec::new(),
            spans: Vec::new(),
        }
    }

    fn kind(&self, facts: &Facts, iri: &str) -> Option<&'static str> {
        self.shared
            .get(iri)
            .map(|s| s.kind)
            .or_else(|| facts.kinds.get(iri).copied())
    }

    fn person_ok(&self, iri: &str) -> bool {
        self.allowed.as_ref().is_none_or(|set| set.contains(iri))
    }

    /// Project one batch: write its document nodes, keep its edges and shared facts.
    pub fn batch(&mut self, mut facts: Facts) -> Result<(), GraphError> {
        let collapsed = match self.org_tree {
            OrgTree::Collapse => collapse_units(&mut facts),
            OrgTree::UnitOf => HashMap::new(),
        };
        for (iri, kind) in &facts.kinds {
            if SHARED.contains(kind) && !self.shared.contains_key(iri) {
                self.shared.insert(
                    iri.clone(),
                    Shared {
                        kind,
                        label: LabelPick::default(),
                        attrs: Attrs::new(),
                        id: None,
                    },
                );
            }
        }
        for (iri, lits) in &facts.literals {
            if let Some(s) = self.shared.get_mut(iri) {
                s.label.add(lits, self.lang);
                data_attrs(lits, &mut s.attrs);
            }
        }
        let owner = self.owners(&facts);
        let mut local_ids: HashMap<String, u32> = HashMap::new();
        let p = predicates();
        match self.view {
            View::Full => {
                for (s, i, o) in &facts.edges {
                    let keep = match owner.get(s.as_str()) {
                        Some(person) => self.person_ok(person),
                        None => self.allowed.is_none(),
                    };
                    if !keep {
                        continue;
                    }
                    let a = self.node(&facts, &mut local_ids, s)?;
                    let b = self.node(&facts, &mut local_ids, o)?;
                    let (Some(a), Some(b)) = (a, b) else { continue };
                    let pred = &p.edge[usize::from(*i)];
                    let kind = self.edge_kind(pred, local(pred), true);
                    self.edges.push(Edge {
                        source: a,
                        target: b,
                        kind,
                        attrs: 0,
                    });
                }
            }
            View::PeopleOrgs | View::PeopleTech | View::PeopleOrgsTech => {
                let orgs = matches!(self.view, View::PeopleOrgs | View::PeopleOrgsTech);
                let techs = matches!(self.view, View::PeopleTech | View::PeopleOrgsTech);
                for (s, i, o) in &facts.edges {
                    let Some(person) = owner.get(s.as_str()).copied() else {
                        continue;
                    };
                    if !self.person_ok(person) {
                        continue;
                    }
                    let okind = self.kind(&facts, o);
                    let mut attrs = Attrs::new();
                    let label = match (local(&p.edge[usize::from(*i)]), okind) {
                        ("organization", Some("organization")) if orgs => {
                            data_attrs(facts.literals_of(s), &mut attrs);
                            if let Some(unit) = collapsed.get(s) {
                                let label =
                                    vocab_label(unit, self.lang).unwrap_or_else(|| unit.clone());
                                attrs.insert("unit", Value::Str(label));
                            }
                            "workedAt"
                        }
                        ("institution", Some("organization")) if orgs => {
                            data_attrs(facts.literals_of(s), &mut attrs);
                            "studiedAt"
                        }
                        ("usedTechnology" | "hasSkill", Some("technology")) if techs => "knows",
                        _ => continue,
                    };
                    let a = self.node(&facts, &mut local_ids, person)?;
                    let b = self.node(&facts, &mut local_ids, o)?;
                    let (Some(a), Some(b)) = (a, b) else { continue };
                    let kind = self.edge_kind(&ns::cg(label), label, label == "knows");
                    let attrs = self.keep_attrs(&attrs);
                    self.edges.push(Edge {
                        source: a,
                        target: b,
                        kind,
                        attrs,
                    });
                }
            }
        }
        Ok(())
    }

    /// The person owning each node of the batch (people own themselves, and what they
    /// reach through positions, projects, systems, metrics and education records).
    fn owners<'f>(&self, facts: &'f Facts) -> HashMap<&'f str, &'f str> {
        let people: BTreeSet<&str> = facts
            .kinds
            .keys()
            .chain(facts.edges.iter().map(|(s, _, _)| s))
            .map(String::as_str)
            .filter(|iri| self.kind(facts, iri) == Some("person"))
            .collect();
        let mut frontier: Vec<&str> = people.into_iter().collect();
        let mut owner: HashMap<&str, &str> = frontier.iter().map(|p| (*p, *p)).collect();
        while let Some(n) = frontier.pop() {
            let who = owner[n];
            for (s, _, o) in facts.edges.range((n.to_owned(), 0, String::new())..) {
                if s != n {
                    break;
                }
                let owned = self.kind(facts, o).is_some_and(|k| OWNED.contains(&k));
                if owned && !owner.contains_key(o.as_str()) {
                    owner.insert(o.as_str(), who);
                    frontier.push(o.as_str());
                }
            }
        }
        owner
    }

    /// The number of a node, writing a document node the first time; `None` when the
    /// resource is no node (no kind).
    fn node(
        &mut self,
        facts: &Facts,
        local_ids: &mut HashMap<String, u32>,
        iri: &str,
    ) -> Result<Option<u32>, GraphError> {
        if let Some(id) = local_ids.get(iri) {
            return Ok(Some(*id));
        }
        if let Some(s) = self.shared.get_mut(iri) {
            let id = match s.id {
                Some(id) => id,
                None => {
                    let id = self.next;
                    self.next += 1;
                    s.id = Some(id);
                    id
                }
            };
            return Ok(Some(id));
        }
        let Some(kind) = facts.kinds.get(iri).copied() else {
            return Ok(None);
        };
        let lits = facts.literals_of(iri);
        let mut pick = LabelPick::default();
        pick.add(lits, self.lang);
        let mut label = label_or_fallback(pick, iri, self.lang);
        let mut attrs = Attrs::new();
        data_attrs(lits, &mut attrs);
        if kind == "position" {
            if let Some(Value::Str(t)) = attrs.get("title") {
                label = t.clone();
            }
        }
        if kind == "metric" {
            let p = predicates();
            if let Some((_, l)) = lits
                .iter()
                .find(|(i, _)| p.literal[usize::from(*i)].ends_with("rawText"))
            {
                label = l.value().to_owned();
            }
        }
        let id = self.next;
        self.next += 1;
        let attrs: Vec<(&str, Value)> = attrs.into_iter().collect();
        self.out.node(&NodeOut {
            id,
            kind,
            label: &label,
            iri,
            attrs: &attrs,
        })?;
        self.nodes += 1;
        local_ids.insert(iri.to_owned(), id);
        Ok(Some(id))
    }

    fn edge_kind(&mut self, predicate: &str, label: &str, dedupe: bool) -> u32 {
        if let Some(k) = self.edge_kind_ids.get(predicate) {
            return *k;
        }
        let k = self.edge_kinds.len() as u32;
        self.edge_kinds.push(EdgeKind {
            predicate: predicate.to_owned(),
            label: label.to_owned(),
            dedupe,
        });
        self.edge_kind_ids.insert(predicate.to_owned(), k);
        k
    }

    /// Store an edge's attributes; their reference for [`Edge::attrs`].
    fn keep_attrs(&mut self, attrs: &Attrs) -> u32 {
        if attrs.is_empty() {
            return 0;
        }
        self.spans.push(self.arena.len());
        for (k, v) in attrs {
            let key = super::attrs::ATTRIBUTES
                .iter()
                .position(|(name, _)| name == k)
                .unwrap_or(0) as u8;
            let text = v.text();
            self.arena.push(key);
            self.arena
                .extend_from_slice(&(text.len() as u32).to_le_bytes());
            self.arena.extend_from_slice(text.as_bytes());
        }
        self.spans.len() as u32
    }

    /// Organisation units in the graph get an `org:unitOf` edge to their parent, up to the
    /// top; parents not in the graph yet become nodes with their vocabulary label.
    fn link_units(&mut self) -> Result<(), GraphError> {
        let v = vocabulary();
        let mut in_graph: Vec<(u32, String)> = self
            .shared
            .iter()
            .filter_map(|(iri, s)| Some((s.id?, iri.clone())))
            .filter(|(_, iri)| v.organizations.get(iri).is_some())
            .collect();
        in_graph.sort_unstable();
        let mut ids: HashMap<String, u32> = in_graph.iter().map(|(i, s)| (s.clone(), *i)).collect();
        let mut todo: Vec<String> = in_graph.into_iter().map(|(_, s)| s).collect();
        let mut done = HashSet::new();
        let unit_of = format!("{}unitOf", ns::ORG);
        while let Some(o) = todo.pop() {
            if !done.insert(o.clone()) {
                continue;
            }
            let Some(parent) = v.organizations.get(&o).and_then(|c| c.unit_of.clone()) else {
                continue;
            };
            let Some(a) = ids.get(&o).copied() else {
                continue;
            };
            let emitted = self.shared.get(&parent).and_then(|s| s.id);
            let b = match ids.get(&parent).copied().or(emitted) {
                Some(b) => b,
                None => {
                    let id = self.next;
                    self.next += 1;
                    let label = vocab_label(&parent, self.lang).unwrap_or_default();
                    self.out.node(&NodeOut {
                        id,
                        kind: "organization",
                        label: &label,
                        iri: &parent,
                        attrs: &[],
                    })?;
                    self.nodes += 1;
                    id
                }
            };
            ids.insert(parent.clone(), b);
            let kind = self.edge_kind(&unit_of, "unitOf", false);
            self.edges.push(Edge {
                source: a,
                target: b,
                kind,
                attrs: 0,
            });
            todo.push(parent);
        }
        Ok(())
    }

    /// Write the shared nodes in the graph, then every edge; the counts written.
    pub fn finish(mut self) -> Result<Counts, GraphError> {
        let orgs = matches!(
            self.view,
            View::Full | View::PeopleOrgs | View::PeopleOrgsTech
        );
        if orgs && self.org_tree == OrgTree::UnitOf {
            self.link_units()?;
        }
        let shared = std::mem::take(&mut self.shared);
        let mut in_graph: Vec<(u32, String, Shared)> = shared
            .into_iter()
            .filter_map(|(iri, s)| Some((s.id?, iri, s)))
            .collect();
        in_graph.sort_unstable_by_key(|(id, _, _)| *id);
        for (id, iri, s) in in_graph {
            let label = label_or_fallback(s.label, &iri, self.lang);
            let attrs: Vec<(&str, Value)> = s.attrs.into_iter().collect();
            self.out.node(&NodeOut {
                id,
                kind: s.kind,
                label: &label,
                iri: &iri,
                attrs: &attrs,
            })?;
            self.nodes += 1;
        }
        let mut edges = std::mem::take(&mut self.edges);
        let kinds = std::mem::take(&mut self.edge_kinds);
        let (arena, spans) = (
            std::mem::take(&mut self.arena),
            std::mem::take(&mut self.spans),
        );
        edges.sort_unstable();
        edges.dedup_by(|b, a| {
            kinds[a.kind as usize].dedupe
                && (a.source, a.target, a.kind) == (b.source, b.target, b.kind)
        });
        for e in &edges {
            let k = &kinds[e.kind as usize];
            let attrs = attrs_of(&arena, &spans, e.attrs);
            self.out.edge(&EdgeOut {
                source: e.source,
                target: e.target,
                predicate: &k.predicate,
                label: &k.label,
                attrs: &attrs,
            })?;
        }
        let counts = Counts {
            nodes: self.nodes,
            edges: edges.len() as u64,
        };
        self.out.finish()?;
        Ok(counts)
    }
}

/// The attributes stored by [`Projector::keep_attrs`] under reference `r`.
fn attrs_of<'a>(arena: &'a [u8], spans: &[usize], r: u32) -> Vec<(&'static str, &'a str)> {
    let mut out = Vec::new();
    if r == 0 {
        return out;
    }
    let i = r as usize - 1;
    let (mut at, end) = (spans[i], spans.get(i + 1).copied().unwrap_or(arena.len()));
    while at + 5 <= end {
        let key = super::attrs::ATTRIBUTES[usize::from(arena[at])].0;
        let mut len = [0u8; 4];
        len.copy_from_slice(&arena[at + 1..at + 5]);
        let len = u32::from_le_bytes(len) as usize;
        let text = std::str::from_utf8(&arena[at + 5..at + 5 + len]).unwrap_or("");
        out.push((key, text));
        at += 5 + len;
    }
    out
}

/// Replace organisation objects that are vocabulary units by their top-level organisation;
/// returns subject → unit IRI for what was collapsed.
fn collapse_units(facts: &mut Facts) -> HashMap<String, String> {
    let v = vocabulary();
    let p = predicates();
    let mut collapsed = HashMap::new();
    let edges = std::mem::take(&mut facts.edges);
    for (s, i, o) in edges {
        let is_org = matches!(
            local(&p.edge[usize::from(i)]),
            "organization" | "institution"
        );
        let top = v
            .organizations
            .get(&o)
            .filter(|c| is_org && c.unit_of.is_some())
            .map(|c| v.organizations.top_parent(c).iri.clone());
        match top {
            Some(top) if top != o => {
                facts.kinds.insert(top.clone(), "organization");
                collapsed.insert(s.clone(), o);
                facts.edges.insert((s, i, top));
            }
            _ => {
                facts.edges.insert((s, i, o));
            }
        }
    }
    collapsed
}
