//! What one document contributes to the query index, computed from its quads (document
//! graph and derived graph together) with the same joins the named queries make.

use crate::ns;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Quad, Term};
use std::collections::HashMap;
use std::str::FromStr;

/// How a person knows a technology (the `?how` of `knows.rq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// Listed as a skill (`cg:hasSkill`).
    Skill = 0,
    /// Used in a position (`cg:usedTechnology` of the position).
    Position = 1,
    /// Used in a project: of a position (`cg:workedOn`) or of the person
    /// (`prov:wasAssociatedWith`).
    Project = 2,
}

impl How {
    /// The word `knows.rq` binds to `?how`.
    pub fn word(self) -> &'static str {
        match self {
            How::Skill => "skill",
            How::Position => "position",
            How::Project => "project",
        }
    }

    /// From its stored number.
    pub fn from_u32(n: u32) -> Option<How> {
        match n {
            0 => Some(How::Skill),
            1 => Some(How::Position),
            2 => Some(How::Project),
            _ => None,
        }
    }
}

/// One metric reachable from a held position (`go-qps-10k.rq`, `scale.rq`): the
/// position's metrics (`?sys` = "") and its systems' metrics (`?sys` = a name of the
/// system). Terms are kept in N-Triples syntax, values in Oxigraph's canonical form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    /// `?person` (IRI).
    pub person: String,
    /// `cg:metricKind` of the metric (IRI).
    pub kind: String,
    /// `schema:value` of the metric (term).
    pub value: String,
    /// `?sys` (term).
    pub sys: String,
    /// Technologies of the position, directly or through `cg:workedOn` (IRIs).
    pub techs: Vec<String>,
    /// `cg:organizationText` of the position (terms; none = unbound).
    pub orgs: Vec<String>,
    /// `cg:rawText` of the metric (terms; none = unbound).
    pub raws: Vec<String>,
}

/// A document's part of the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// (person IRI, `schema:name` term) for every person the queries can bind.
    pub names: Vec<(String, String)>,
    /// (technology IRI, person IRI, how).
    pub knows: Vec<(String, String, How)>,
    /// Metric rows.
    pub rows: Vec<Row>,
}

/// Predicates the entry is computed from: quads with any other predicate do not matter.
pub fn predicates() -> Vec<String> {
    [
        "hasPosition",
        "usedTechnology",
        "workedOn",
        "hasMetric",
        "metricKind",
        "organizationText",
        "rawText",
        "hasSkill",
    ]
    .iter()
    .map(|l| ns::cg(l))
    .chain([
        format!("{}name", ns::SCHEMA),
        format!("{}value", ns::SCHEMA),
        format!("{}wasAssociatedWith", ns::PROV),
    ])
    .collect()
}

/// Subject → objects for one predicate.
type Edges = HashMap<String, Vec<Term>>;

/// Compute a document's entry from the quads of its graphs (other predicates are ignored).
pub fn entry_from_quads<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> Entry {
    let wanted = predicates();
    let mut by_pred: HashMap<&str, Edges> = HashMap::new();
    for q in quads {
        if let Some(p) = wanted.iter().find(|p| p.as_str() == q.predicate.as_str()) {
            by_pred
                .entry(p.as_str())
                .or_default()
                .entry(q.subject.to_string())
                .or_default()
                .push(q.object.clone());
        }
    }
    let mut edges = |iri: String| -> Edges { by_pred.remove(iri.as_str()).unwrap_or_default() };
    let objs =
        |e: &Edges, s: &Term| -> Vec<Term> { e.get(&s.to_string()).cloned().unwrap_or_default() };
    let schema = |l: &str| format!("{}{l}", ns::SCHEMA);
    let has_position = &edges(ns::cg("hasPosition"));
    let used = &edges(ns::cg("usedTechnology"));
    let worked_on = &edges(ns::cg("workedOn"));
    let has_metric = &edges(ns::cg("hasMetric"));
    let metric_kind = &edges(ns::cg("metricKind"));
    let value = &edges(schema("value"));
    let name = &edges(schema("name"));
    let org_text = &edges(ns::cg("organizationText"));
    let raw_text = &edges(ns::cg("rawText"));
    let has_skill = &edges(ns::cg("hasSkill"));
    let associated = &edges(format!("{}wasAssociatedWith", ns::PROV));

    let mut entry = Entry::default();
    let mut people: Vec<String> = Vec::new();
    let subjects = |e: &Edges| -> Vec<String> { e.keys().cloned().collect() };
    people.extend(subjects(has_position));
    people.extend(subjects(has_skill));
    people.extend(subjects(associated));
    people.sort();
    people.dedup();
    for person in &people {
        for n in name.get(person).into_iter().flatten() {
            entry.names.push((bare(person), n.to_string()));
        }
    }
    for (person, skills) in has_skill {
        for t in skills {
            entry
                .knows
                .push((bare(&t.to_string()), bare(person), How::Skill));
        }
    }
    for (person, scopes) in associated {
        for scope in scopes {
            for t in objs(used, scope) {
                entry
                    .knows
                    .push((bare(&t.to_string()), bare(person), How::Project));
            }
        }
    }
    for (person, positions) in has_position {
        for position in positions {
            let scopes = objs(worked_on, position);
            let mut techs: Vec<String> = Vec::new();
            for t in objs(used, position) {
                techs.push(bare(&t.to_string()));
                entry
                    .knows
                    .push((bare(&t.to_string()), bare(person), How::Position));
            }
            for scope in &scopes {
                for t in objs(used, scope) {
                    techs.push(bare(&t.to_string()));
                    entry
                        .knows
                        .push((bare(&t.to_string()), bare(person), How::Project));
                }
            }
            techs.sort();
            techs.dedup();
            if techs.is_empty() {
                continue; // the technology test (EXISTS) cannot hold
            }
            let mut bindings: Vec<(Term, String)> = objs(has_metric, position)
                .into_iter()
                .map(|m| (m, Term::from(Literal::new_simple_literal("")).to_string()))
                .collect();
            for scope in &scopes {
                for m in objs(has_metric, scope) {
                    for sys in objs(name, scope) {
                        bindings.push((m.clone(), sys.to_string()));
                    }
                }
            }
            let mut orgs: Vec<String> = objs(org_text, position)
                .iter()
                .map(Term::to_string)
                .collect();
            orgs.sort();
            for (metric, sys) in bindings {
                let mut raws: Vec<String> = objs(raw_text, &metric)
                    .iter()
                    .map(Term::to_string)
                    .collect();
                raws.sort();
                for kind in objs(metric_kind, &metric) {
                    for v in objs(value, &metric) {
                        entry.rows.push(Row {
                            person: bare(person),
                            kind: bare(&kind.to_string()),
                            value: canonical(&v).to_string(),
                            sys: sys.clone(),
                            techs: techs.clone(),
                            orgs: orgs.clone(),
                            raws: raws.clone(),
                        });
                    }
                }
            }
        }
    }
    entry.names.sort();
    entry.names.dedup();
    entry.knows.sort();
    entry.knows.dedup();
    entry.rows.sort();
    entry.rows.dedup();
    entry
}

/// `<iri>` → `iri` (other terms keep their N-Triples form, which never matches an IRI).
fn bare(term: &str) -> String {
    term.strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(term)
        .to_owned()
}

/// A literal as Oxigraph stores it: numbers in their canonical lexical form (the store
/// gives `"12000"^^xsd:decimal` back for `"12000.0"^^xsd:decimal`).
pub fn canonical(term: &Term) -> Term {
    let Term::Literal(l) = term else {
        return term.clone();
    };
    let dt = l.datatype();
    let value = l.value();
    let text = if dt == xsd::DECIMAL {
        oxsdatatypes::Decimal::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else if dt == xsd::INTEGER {
        oxsdatatypes::Integer::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else if dt == xsd::DOUBLE {
        oxsdatatypes::Double::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else if dt == xsd::FLOAT {
        oxsdatatypes::Float::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else {
        None
    };
    match text {
        Some(t) => Term::Literal(Literal::new_typed_literal(t, dt.into_owned())),
        None => term.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, NamedNode};

    fn q(s: &str, p: &str, o: Term) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            o,
            GraphName::DefaultGraph,
        )
    }

    fn iri(s: &str) -> Term {
        NamedNode::new_unchecked(s).into()
    }

    #[test]
    fn rows_follow_the_query_joins() {
        let schema = |l: &str| format!("{}{l}", ns::SCHEMA);
        let quads = vec![
            q("http://x/p", &ns::cg("hasPosition"), iri("http://x/pos")),
            q(
                "http://x/p",
                &schema("name"),
                Literal::new_simple_literal("Ann").into(),
            ),
            q("http://x/pos", &ns::cg("workedOn"), iri("http://x/sys")),
            q(
                "http://x/sys",
                &ns::cg("usedTechnology"),
                iri("http://t/go"),
            ),
            q(
                "http://x/sys",
                &schema("name"),
                Literal::new_simple_literal("Feed").into(),
            ),
            q("http://x/sys", &ns::cg("hasMetric"), iri("http://x/m")),
            q("http://x/pos", &ns::cg("hasMetric"), iri("http://x/m2")),
            q("http://x/m", &ns::cg("metricKind"), iri("http://k/qps")),
            q(
                "http://x/m",
                &schema("value"),
                Literal::new_typed_literal("12000.0", xsd::DECIMAL).into(),
            ),
            // m2 has no value: no row.
            q("http://x/m2", &ns::cg("metricKind"), iri("http://k/qps")),
            // A project of a person without positions: knows, no rows.
            q(
                "http://x/p",
                &format!("{}wasAssociatedWith", ns::PROV),
                iri("http://x/side"),
            ),
            q(
                "http://x/side",
                &ns::cg("usedTechnology"),
                iri("http://t/rust"),
            ),
        ];
        let e = entry_from_quads(&quads);
        assert_eq!(e.names, [("http://x/p".to_owned(), "\"Ann\"".to_owned())]);
        assert_eq!(e.rows.len(), 1);
        let row = &e.rows[0];
        assert_eq!(row.sys, "\"Feed\"");
        assert_eq!(row.techs, ["http://t/go"]);
        assert_eq!(
            row.value,
            "\"12000\"^^<http://www.w3.org/2001/XMLSchema#decimal>"
        );
        assert!(row.orgs.is_empty() && row.raws.is_empty());
        let hows: Vec<(&str, How)> = e.knows.iter().map(|(t, _, h)| (t.as_str(), *h)).collect();
        assert_eq!(
            hows,
            [
                ("http://t/go", How::Project),
                ("http://t/rust", How::Project)
            ]
        );
    }
}
